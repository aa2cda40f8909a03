//! Forms as checked content: each form file is copied once per region and
//! every page links the same copy; the forms page lists every form with the
//! procedures that use it; a region's own file wins over the standard's,
//! and a standard procedure finds its form in the standard's folder.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common;
use crate::fixture::site;

use zorgroute::model::FormSource;

const HULPVRAAG: &str = "formulieren/hulpvraag-leerlingbespreking.txt";
const OUDERGESPREK: &str = "formulieren/gespreksformulier-oudergesprek.txt";

/// Where every link to a file named `name` leads, from every page of the
/// output, as paths from the site root.
fn link_targets(files: &std::collections::BTreeMap<String, Vec<u8>>, name: &str) -> BTreeSet<String> {
    let mut targets = BTreeSet::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let text = String::from_utf8_lossy(bytes);
        let dir = Path::new(path).parent().unwrap_or(Path::new(""));
        for href in common::attr_values(&text, "href")
            .into_iter()
            .filter(|h| h.ends_with(name))
        {
            targets.insert(common::normalize(&dir.join(href)));
        }
    }
    targets
}

#[test]
fn example_forms_are_copied_once_and_every_link_resolves() {
    let (_tmp, out) = common::build(&common::example());
    let files = common::files(&out);
    let content = common::example().join("content");
    let read = |p: &str| std::fs::read(content.join(p)).unwrap();
    // One copy per region, in the region's folder: Waterland's own hulpvraag,
    // the standard's for Fryske Wâlden; the other way round for the oudergesprek.
    for (region, form, from) in [
        ("waterland", HULPVRAAG, "waterland"),
        ("fryske-walden", HULPVRAAG, "_standaard"),
        ("waterland", OUDERGESPREK, "_standaard"),
        ("fryske-walden", OUDERGESPREK, "fryske-walden"),
    ] {
        assert_eq!(
            files[&format!("{region}/{form}")],
            read(&format!("{from}/{form}")),
            "{region}/{form}"
        );
    }
    for name in [HULPVRAAG, OUDERGESPREK] {
        let file = name.rsplit('/').next().unwrap();
        let copies: Vec<&String> = files.keys().filter(|p| p.ends_with(&format!("/{file}"))).collect();
        assert_eq!(copies.len(), 2, "{name}: one copy per region, not {copies:?}");
        // Every page of a region links its region's copy, and nothing else.
        let targets = link_targets(&files, file);
        let expected: BTreeSet<String> = ["fryske-walden", "waterland"].map(|r| format!("{r}/{name}")).into();
        assert_eq!(targets, expected, "{name}");
    }
    let broken = common::broken_links(&out);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn example_forms_page_lists_each_form_with_the_procedures_that_use_it() {
    let (_tmp, out) = common::build(&common::example());
    let page = std::fs::read_to_string(out.join("waterland/formulieren/index.html")).unwrap();
    assert!(page.contains("<h1>Formulieren</h1>"), "{page}");
    assert!(page.contains(r#"<caption class="visually-hidden">Formulieren om te downloaden</caption>"#));
    assert!(page.contains(r#"<th scope="col">Gebruikt bij</th>"#));
    // The oudergesprek form: the standard's file, used by a standard and a regional procedure.
    let row = page
        .lines()
        .find(|l| l.contains(r#"<tr id="formulier-gespreksformulier-oudergesprek-leeg">"#))
        .expect("a row for the oudergesprek form");
    assert!(
        row.contains(&format!(r#"href="../../waterland/{OUDERGESPREK}""#)),
        "{row}"
    );
    assert!(row.contains("<td>TXT, 1,1 kB</td>"), "{row}");
    assert!(
        row.contains(r#"href="../../waterland/procedures/leerlingbespreking/index.html""#),
        "{row}"
    );
    assert!(
        row.contains(r#"href="../../waterland/procedures/gesprek-met-ouders/index.html""#),
        "{row}"
    );
    // Forms on other websites are listed too, linked as they are.
    assert!(page.contains("Formulieren op een andere website"));
    assert!(page.contains(r#"<a href="https://www.example.nl/formulieren/verlofaanvraag.pdf">"#));
    // Linked from the region home and the sidebar of every page.
    let home = std::fs::read_to_string(out.join("waterland/index.html")).unwrap();
    assert!(
        home.contains(r#"<a href="../waterland/formulieren/index.html">Formulieren ("#),
        "{home}"
    );
    let procedure = std::fs::read_to_string(out.join("waterland/procedures/verzuim/index.html")).unwrap();
    assert!(procedure.contains(r#"<a href="../../../waterland/formulieren/index.html">Formulieren</a>"#));
    // The print view has the same list, its procedures linked inside the page.
    let print = std::fs::read_to_string(out.join("waterland/print/index.html")).unwrap();
    assert!(print.contains(r#"<h2 id="formulieren">Formulieren</h2>"#));
    assert!(print.contains(r##"<a href="#procedure-gesprek-met-ouders">"##));
    // The search index leads to the form's row; the export names its procedures.
    let index = std::fs::read_to_string(out.join("waterland/zoeken/zoekindex.js")).unwrap();
    assert!(index.contains(r#""waterland/formulieren/index.html#formulier-gespreksformulier-oudergesprek-leeg""#));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("waterland/handboek.json")).unwrap()).unwrap();
    let form = json["forms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "formulier-gespreksformulier-oudergesprek-leeg")
        .expect("the form in the export");
    assert_eq!(form["url"], format!("waterland/{OUDERGESPREK}"));
    assert_eq!(
        form["procedures"],
        serde_json::json!(["gesprek-met-ouders", "leerlingbespreking"])
    );
    assert!(out.join("fryske-walden/formulieren/index.html").is_file());
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/waterland/formulieren/</loc>"), "{sitemap}");
}

/// A standard route with a form, and two regions: noord has its own file of
/// the same path and a procedure of its own that uses the standard's other form.
const FORMS: &str = r#"
//- content/site.yaml
title: Handboek
//- content/_standaard/actors/ib.md
---
name: Intern begeleider
level: school
kind: rol
contact: {email: ib@example.nl}
---
//- content/_standaard/procedures/bespreking.md
---
title: Bespreking
level: school
owner: ib
steps: [{title: Bespreken, actor: ib}]
documents:
  - title: Aanmelding (leeg)
    file: formulieren/aanmelding.txt
---
//- content/_standaard/formulieren/aanmelding.txt
Aanmelding, standaard.
//- content/_standaard/formulieren/verslag.txt
Verslag.
//- content/noord/region.yaml
name: Noord
steering_group: [ib]
//- content/noord/formulieren/aanmelding.txt
Aanmelding, zoals Noord het wil.
//- content/noord/procedures/eigen.md
---
title: Eigen
level: school
owner: ib
steps: [{title: Doen, actor: ib}]
escalates_to: [bespreking]
documents:
  - title: Verslag (leeg)
    file: ./formulieren/verslag.txt
  - title: Aanmelding (leeg)
    file: formulieren/aanmelding.txt
---
//- content/zuid/region.yaml
name: Zuid
steering_group: [ib]
"#;

#[test]
fn a_regions_own_file_wins_and_standard_procedures_find_the_standards() {
    let site = site(FORMS);
    let region = |slug: &str| site.regions.iter().find(|r| r.slug == slug).unwrap();
    let on_disk = |slug: &str, path: &str| {
        let r = region(slug);
        let (_, file) = r.assets.iter().find(|(rel, _)| rel == path).unwrap();
        zorgroute::source::display_name(Path::new(""), file)
    };
    assert_eq!(
        on_disk("noord", "formulieren/aanmelding.txt"),
        "content/noord/formulieren/aanmelding.txt"
    );
    assert_eq!(
        on_disk("zuid", "formulieren/aanmelding.txt"),
        "content/_standaard/formulieren/aanmelding.txt"
    );
    let noord = region("noord");
    let forms: Vec<(&str, &FormSource, Vec<&str>)> = noord
        .forms
        .iter()
        .map(|f| {
            let users = f
                .procedures
                .iter()
                .map(|&p| noord.procedure(p).meta.id.as_str())
                .collect();
            (f.title.as_str(), &f.source, users)
        })
        .collect();
    assert_eq!(
        forms,
        [
            (
                "Aanmelding (leeg)",
                &FormSource::File {
                    path: "formulieren/aanmelding.txt".into(),
                    bytes: Some(33)
                },
                vec!["bespreking", "eigen"]
            ),
            (
                "Verslag (leeg)",
                &FormSource::File {
                    path: "formulieren/verslag.txt".into(),
                    bytes: Some(9)
                },
                vec!["eigen"]
            ),
        ]
    );
    // Zuid has the standard's form, its size too.
    assert_eq!(
        region("zuid").forms[0].source,
        FormSource::File {
            path: "formulieren/aanmelding.txt".into(),
            bytes: Some(23)
        }
    );
}
