//! Who does what (`<region>/wie-doet-wat/`): a matrix of actors against
//! procedures while the procedures fit side by side, and beyond that a
//! list of each actor's procedures, so the page grows with the parts the
//! actors have and not with actors times procedures.

use zorgroute::pipeline;
use zorgroute::render::roles::MATRIX_COLUMNS;

/// A region of `procedures` procedures, each owned by `eigenaar`, joined by
/// `deelnemer` and with a step for `uitvoerder`; `rust` has no part.
fn project(procedures: usize) -> String {
    let mut fixture = String::from("//- content/site.yaml\ntitle: Handboek\n//- content/r/region.yaml\nname: Regio\n");
    for id in ["eigenaar", "deelnemer", "uitvoerder", "rust"] {
        fixture.push_str(&format!(
            "//- content/r/actors/{id}.md\n---\nname: Actor {id}\nlevel: school\nkind: rol\n---\n"
        ));
    }
    for i in 0..procedures {
        fixture.push_str(&format!(
            "//- content/r/procedures/p{i}.md\n---\ntitle: Procedure {i}\nlevel: school\nowner: eigenaar\n\
             participants: [deelnemer]\nsteps:\n  - title: Stap\n    actor: uitvoerder\n---\n"
        ));
    }
    fixture
}

/// The who-does-what page of the project with `procedures` procedures.
fn who_does_what(procedures: usize) -> String {
    let checked = crate::fixture::checked(&project(procedures));
    let resolved = checked
        .renderable()
        .unwrap_or_else(|| panic!("{}", crate::fixture::diagnostics(&checked)));
    let output = pipeline::render(resolved).expect("rendered");
    let page = output
        .files
        .iter()
        .find(|f| f.path == "r/wie-doet-wat/index.html")
        .expect("the page");
    String::from_utf8(page.bytes.clone()).expect("UTF-8")
}

#[test]
fn procedures_that_fit_side_by_side_are_a_matrix() {
    let page = who_does_what(MATRIX_COLUMNS);
    assert!(page.contains("<table class=\"matrix\">"));
    assert_eq!(page.matches("matrix__cell--owner").count(), MATRIX_COLUMNS);
    // The participant's and the step actor's cells.
    assert_eq!(page.matches("matrix__cell--part").count(), 2 * MATRIX_COLUMNS);
    // Every cell of the actor without a part is empty.
    assert_eq!(page.matches("<td class=\"matrix__cell\"></td>").count(), MATRIX_COLUMNS);
}

#[test]
fn beyond_that_each_actor_lists_its_procedures_with_its_part() {
    let n = MATRIX_COLUMNS + 1;
    let page = who_does_what(n);
    assert!(!page.contains("<table"), "no matrix of {n} columns");
    let list_of = |actor: &str| {
        let start = page
            .find(&format!(">Actor {actor}</a></h3>"))
            .expect("the actor's heading");
        let rest = &page[start..];
        rest[..rest[1..].find("<h3").map_or(rest.len(), |i| i + 1)].to_string()
    };
    for (actor, part) in [
        ("eigenaar", "verantwoordelijk"),
        ("deelnemer", "doet mee"),
        ("uitvoerder", "stap 1"),
    ] {
        let list = list_of(actor);
        for i in 0..n {
            let item = format!("../../r/procedures/p{i}/index.html\">Procedure {i}</a>: {part}</li>");
            assert_eq!(list.matches(&item).count(), 1, "{actor}: {item}");
        }
    }
    assert!(list_of("rust").contains("Geen rol in een procedure."));
}
