//! Editions as readers see them, on two editions of one small handbook
//! (tests/fixtures/editions/old and new) with every kind of change: the
//! semantic diff field by field, the changes page, its Atom feed, the
//! "changed in edition" marks, and the pages of the old edition built
//! beside the current one under `edities/<name>/`. The models get their
//! editions and history here as the pipeline fills them.

use crate::common;

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use zorgroute::model::changes::{Change, ChangeType, CurrentEdition, Edition, EditionChanges};
use zorgroute::model::Site;
use zorgroute::pipeline::{self, Resolved};
use zorgroute::plan;
use zorgroute::serve::deps;

const NEW: &str = "2026-2027";
const OLD: &str = "2025-2026";
const CHANGES: &str = "regio/wijzigingen/index.html";
const FEED: &str = "regio/wijzigingen.xml";

fn edition(name: &str) -> Edition {
    let date = if name == NEW { "2026-08-01" } else { "2025-08-01" };
    Edition {
        name: name.to_string(),
        date: zorgroute::values::parse_date(date),
    }
}

/// One edition of the fixture, checked without errors.
fn resolved(which: &str) -> Resolved {
    common::fix_last_changed();
    let root = common::fixture(&format!("editions/{which}"));
    let checked = pipeline::check_at(&root, common::today());
    assert!(
        !checked.has_errors(),
        "{which}: {}",
        zorgroute::diag::to_plain_string(&checked.diagnostics, &checked.project.sources, checked.lang)
    );
    checked.resolved.expect("a model")
}

fn site_mut(resolved: &mut Resolved) -> &mut Site {
    Arc::get_mut(&mut resolved.site).expect("the model is not shared yet")
}

/// What the diff says changed in the fixture's region.
fn region_changes(old: &Resolved, new: &Resolved) -> Vec<Change> {
    let mut diff = zorgroute::diff::sites(&old.site, &new.site, &new.theme.strings);
    assert_eq!(diff.len(), 1, "one region changed");
    let (slug, changes) = diff.remove(0);
    assert_eq!(slug, "regio");
    changes
}

/// The two editions as the pipeline gives them: the new one with its
/// history and the old one beside it; the old one knowing the new one's paths.
/// Without `history`, the new edition has earlier editions but no history.
fn editions(history: bool) -> (Resolved, Resolved) {
    let (mut old, mut new) = (resolved("old"), resolved("new"));
    let changes = region_changes(&old, &new);
    let site = site_mut(&mut new);
    site.edition = Some(edition(NEW));
    site.earlier = vec![edition(OLD)];
    if history {
        site.regions[0].history = vec![EditionChanges {
            edition: edition(NEW),
            since: edition(OLD),
            changes,
        }];
    }
    let paths: HashSet<String> = plan::jobs(site).into_iter().map(|j| j.path).collect();
    let old_site = site_mut(&mut old);
    old_site.edition = Some(edition(OLD));
    old_site.current = Some(CurrentEdition {
        edition: Some(edition(NEW)),
        paths,
    });
    (old, new)
}

/// Both editions rendered into one tree as a build lays them out: the
/// current one at the root, the old one under `edities/2025-2026/`.
fn built() -> (tempfile::TempDir, BTreeMap<String, String>) {
    let (old, new) = editions(true);
    let tmp = tempfile::tempdir().unwrap();
    let prefix = format!("edities/{OLD}/");
    for (resolved, under) in [(&new, ""), (&old, prefix.as_str())] {
        let output = pipeline::render(resolved).unwrap_or_else(|_| panic!("render failed"));
        for file in output.files {
            let path = tmp.path().join(format!("{under}{}", file.path));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, file.bytes).unwrap();
        }
    }
    let files = common::files(tmp.path())
        .into_iter()
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap_or_default()))
        .collect();
    (tmp, files)
}

fn page<'a>(files: &'a BTreeMap<String, String>, path: &str) -> &'a str {
    files.get(path).unwrap_or_else(|| panic!("no {path} in the output"))
}

/// The part of a page inside `<main>`.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a main element");
    let end = html.find("</main>").expect("the end of main");
    &html[start..end + "</main>".len()]
}

/// The entry of the change with `anchor` on the changes page, up to its end.
fn entry<'a>(changes_page: &'a str, anchor: &str) -> &'a str {
    let start = changes_page
        .find(&format!(" id=\"{anchor}\""))
        .unwrap_or_else(|| panic!("no entry {anchor}"));
    let end = changes_page[start..].find("\n    </li>").expect("the entry's end") + start;
    &changes_page[start..end]
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

#[test]
fn the_diff_names_every_change_field_by_field() {
    let (old, new) = (resolved("old"), resolved("new"));
    // A change a line (`kind/id type (note)`), under it each field's path
    // with its old and new value in words (`-`: none).
    let outline: Vec<String> = region_changes(&old, &new)
        .into_iter()
        .map(|c| {
            let mut line = format!("{}/{} {:?}", c.subject.word(), c.id, c.change);
            if let Some(note) = c.note {
                line.push_str(&format!(" ({note:?})"));
            }
            for f in c.fields {
                let value = |v: Option<String>| v.unwrap_or_else(|| "-".into());
                line.push_str(&format!("\n  {}: {} -> {}", f.path, value(f.old), value(f.new)));
            }
            line
        })
        .collect();
    insta::assert_snapshot!(outline.join("\n"), @r"
    region/regio Changed
      steering_group.members: Intern begeleider -> Intern begeleider, Zorg- en adviesteam
    actor/gedragsspecialist Added
    procedure/signaleren Changed
      steps.1: - -> Ouders informeren
    procedure/leerlingbespreking Changed
      steps.1.within: 6 weken -> 8 weken
    procedure/zat-aanmelding Changed (NowOwn)
      title: Aanmelding ZAT -> Aanmelding bij het regioteam
    procedure/terugplaatsing Removed (Excluded)
    agreement/convenant Changed
      review: 1 juni 2026 -> 1 juni 2027
      commitments.0.procedures: Aanmelding ZAT -> Aanmelding bij het regioteam
    agreement/convenant-oud Removed
    route/basisroute Changed
      steps.0.when: - -> Na zes weken zonder vooruitgang.
    page/visie Changed
      body: … geven elke leerling passende zorg in de eigen wijk. -> … geven elke leerling passende zorg dicht bij huis.
    term/zat Changed
      definition: Overleg van school en zorgpartners. -> Overleg van school, ouders en zorgpartners.
    ");
}

#[test]
fn the_changes_page_lists_each_change_with_its_sentences_and_links() {
    let (_tmp, files) = built();
    let html = page(&files, CHANGES);
    assert!(html.contains(&format!(
        "<h2 id=\"editie-{NEW}\">Editie {NEW} (sinds editie {OLD})</h2>"
    )));
    assert!(html.contains("<time datetime=\"2026-08-01\">1 augustus 2026</time>"));
    assert!(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../../regio/wijzigingen.xml\""));
    assert!(html.contains("<a href=\"../../regio/wijzigingen.xml\" type=\"application/atom+xml\">"));
    let (old, new) = (resolved("old"), resolved("new"));
    let changes = region_changes(&old, &new);
    for c in &changes {
        let anchor = zorgroute::urls::change_anchor(NEW, c.subject.word(), &c.id);
        let e = entry(html, &anchor);
        assert!(e.contains(&c.title), "{anchor}: title");
        for f in &c.fields {
            let sentence = zorgroute::diff::present::field_sentence(f, &new.theme.strings);
            assert!(e.contains(&zorgroute::escape::html(&sentence)), "{anchor}: {sentence}");
        }
        // The subject's page now, unless it is gone; the old edition's page,
        // unless it is new.
        let now = zorgroute::diff::present::subject_url(&new.site.regions[0], c);
        match (&now, c.change) {
            (Some(url), ChangeType::Added | ChangeType::Changed) => {
                assert!(e.contains(&format!("<a href=\"../../{url}\">")), "{anchor}: link {url}")
            }
            _ => assert!(!e.contains("<h4 class=\"change__title\"><a"), "{anchor}: no link"),
        }
        assert_eq!(
            e.contains(&format!("href=\"../../edities/{OLD}/")),
            c.change != ChangeType::Added,
            "{anchor}: the old edition's page"
        );
    }
    let step = entry(html, "2026-2027-procedure-leerlingbespreking");
    assert!(step.contains("<li>Stap 2 › Termijn: was 6 weken, nu 8 weken</li>"));
    assert!(step.contains("Gewijzigd"));
    let excluded = entry(html, "2026-2027-procedure-terugplaatsing");
    assert!(
        excluded.contains("Verwijderd") && excluded.contains("Deze regio gebruikt dit niet meer uit de standaard.")
    );
    assert!(entry(html, "2026-2027-procedure-zat-aanmelding").contains("Heeft nu een eigen regionale versie."));
    assert!(entry(html, "2026-2027-term-zat").contains("href=\"../../regio/begrippen/index.html#zat\""));
    // Grouped by kind, headings in order.
    let groups: Vec<&str> = [
        "Regio-instellingen",
        "Routes",
        "Procedures",
        "Actoren",
        "Afspraken",
        "Informatie",
        "Begrippen",
    ]
    .iter()
    .map(|title| {
        let at = html
            .find(&format!("\">{title}</h3>"))
            .unwrap_or_else(|| panic!("no group {title}"));
        &html[at..]
    })
    .collect();
    assert!(groups.windows(2).all(|w| w[0].len() > w[1].len()), "groups in order");
    insta::assert_snapshot!("changes_page_main", main_of(html));
}

#[test]
fn changed_pages_carry_a_mark_linking_to_their_entry() {
    let (_tmp, files) = built();
    let marked = [
        ("regio/index.html", "region-regio", "Gewijzigd"),
        (
            "regio/procedures/leerlingbespreking/index.html",
            "procedure-leerlingbespreking",
            "Gewijzigd",
        ),
        (
            "regio/procedures/zat-aanmelding/index.html",
            "procedure-zat-aanmelding",
            "Gewijzigd",
        ),
        (
            "regio/actoren/gedragsspecialist/index.html",
            "actor-gedragsspecialist",
            "Nieuw",
        ),
        (
            "regio/afspraken/convenant/index.html",
            "agreement-convenant",
            "Gewijzigd",
        ),
        ("regio/routes/basisroute/index.html", "route-basisroute", "Gewijzigd"),
        ("regio/visie/index.html", "page-visie", "Gewijzigd"),
    ];
    for (path, anchor, word) in marked {
        let prefix = zorgroute::urls::root_prefix(path);
        let mark = format!(
            "<span class=\"meta__item change-mark\"><a href=\"{prefix}{CHANGES}#{NEW}-{anchor}\">{word} in editie {NEW}</a></span>"
        );
        assert!(page(&files, path).contains(&mark), "{path}: {mark}");
    }
    for path in ["regio/actoren/leerkracht/index.html", "regio/procedures/index.html"] {
        assert!(!page(&files, path).contains("change-mark"), "{path} did not change");
    }
    // The print view shows the same marks, its links made for its own place.
    let print = page(&files, "regio/print/index.html");
    assert!(print.contains(&format!(
        "<a href=\"../../{CHANGES}#{NEW}-procedure-leerlingbespreking\">"
    )));
    // Its cover and the running header of every printed page name the edition.
    assert!(print.contains(&format!("Editie {NEW} · ")));
    assert!(print.contains(&format!("content: \"Regio Edities · editie {NEW} · ")));
}

#[test]
fn the_feed_is_atom_with_an_entry_per_change() {
    let (_tmp, files) = built();
    let feed = atom_syndication::Feed::read_from(page(&files, FEED).as_bytes()).expect("valid Atom");
    let (old, new) = (resolved("old"), resolved("new"));
    let changes = region_changes(&old, &new);
    assert_eq!(feed.entries().len(), changes.len());
    assert!(feed
        .links()
        .iter()
        .any(|l| l.rel() == "alternate" && l.href() == "https://handboek.example.nl/regio/wijzigingen/"));
    let ids: HashSet<&str> = feed.entries().iter().map(|e| e.id()).collect();
    assert_eq!(ids.len(), changes.len(), "entry ids are unique");
    let step = feed
        .entries()
        .iter()
        .find(|e| e.title().as_str().starts_with("Leerlingbespreking"))
        .expect("an entry for the changed procedure");
    assert_eq!(
        step.links()[0].href(),
        "https://handboek.example.nl/regio/procedures/leerlingbespreking/"
    );
    let content = step.content().and_then(|c| c.value()).unwrap_or_default();
    assert!(
        content.contains("Stap 2 › Termijn: was 6 weken, nu 8 weken"),
        "{content}"
    );
    // A removed subject links its entry on the changes page.
    let gone = feed
        .entries()
        .iter()
        .find(|e| e.title().as_str().starts_with("Oud convenant"))
        .expect("an entry for the removed agreement");
    assert!(gone.links()[0]
        .href()
        .ends_with("/regio/wijzigingen/#2026-2027-agreement-convenant-oud"));
}

#[test]
fn the_current_edition_links_the_changes_and_the_earlier_editions() {
    let (tmp, files) = built();
    let home = page(&files, "regio/index.html");
    assert!(home.contains("<a href=\"../regio/wijzigingen/index.html\">Wijzigingen</a>"));
    assert!(home.contains(&format!("<p>Dit is editie {NEW}.</p>")));
    assert!(home.contains(&format!(
        "<a href=\"../edities/{OLD}/regio/index.html\">Editie {OLD}</a>"
    )));
    // The sidebar lists the changes page among the built-in pages.
    let actor = page(&files, "regio/actoren/ib/index.html");
    assert!(actor.contains("<a href=\"../../../regio/wijzigingen/index.html\">Wijzigingen</a>"));
    assert!(page(&files, "sitemap.xml").contains("<loc>https://handboek.example.nl/regio/wijzigingen/</loc>"));
    let json: serde_json::Value = serde_json::from_str(page(&files, "regio/handboek.json")).unwrap();
    assert_eq!(json["site"]["edition"], NEW);
    // Every link of both editions leads somewhere: the marks, the changes
    // page's links into the old edition, and the old pages' banners.
    let broken = common::broken_links(tmp.path());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn old_edition_pages_say_so_and_lead_to_the_current_page() {
    let (_tmp, files) = built();
    let old = |path: &str| page(&files, &format!("edities/{OLD}/{path}"));
    let same = old("regio/procedures/leerlingbespreking/index.html");
    assert!(same.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(
        !same.contains("rel=\"canonical\""),
        "an old page names no canonical address"
    );
    assert!(same.contains(&format!(
        "U kijkt naar een oude editie van dit handboek: {OLD}. De huidige editie is {NEW}."
    )));
    assert!(same.contains(
        "<a href=\"../../../../../regio/procedures/leerlingbespreking/index.html\">Naar de huidige versie van deze pagina</a>"
    ));
    // Gone from the current edition: the current region home instead.
    let gone = old("regio/afspraken/convenant-oud/index.html");
    assert!(gone.contains(
        "Deze pagina bestaat niet meer in de huidige editie. <a href=\"../../../../../regio/index.html\">Naar de huidige editie</a>"
    ));
    let site_home = old("index.html");
    assert!(site_home.contains("<a href=\"../../index.html\">Naar de huidige versie van deze pagina</a>"));
    // An old edition has no sitemap: its pages are not to be indexed.
    assert!(!files.contains_key(&format!("edities/{OLD}/sitemap.xml")));
    // Without history of its own it has no changes page either.
    assert!(!files.contains_key(&format!("edities/{OLD}/{CHANGES}")));
}

#[test]
fn a_region_without_history_yet_says_so() {
    let (_old, new) = editions(false);
    let output = pipeline::render(&new).unwrap_or_else(|_| panic!("render failed"));
    let changes = output.files.iter().find(|f| f.path == CHANGES).expect("a changes page");
    let html = String::from_utf8_lossy(&changes.bytes);
    assert!(html.contains("Dit handboek heeft nog geen eerdere editie om mee te vergelijken."));
    let feed = output.files.iter().find(|f| f.path == FEED).expect("a feed");
    let feed = atom_syndication::Feed::read_from(&feed.bytes[..]).expect("valid Atom");
    assert!(feed.entries().is_empty());
}

/// The live preview re-renders a page only when what it reads changed: the
/// history reaches the changes page, its feed and the pages of the changed
/// subjects, not the pages of what stayed the same.
#[test]
fn history_reaches_only_the_pages_that_show_it() {
    let (_, before) = editions(false);
    let (_, after) = editions(true);
    let (before, after) = (&before.site, &after.site);
    let (prints_before, prints_after) = (deps::fingerprints(before), deps::fingerprints(after));
    let changed = |path: &str| {
        let job = plan::jobs(after).into_iter().find(|j| j.path == path).expect("a job");
        deps::of_job(&job, after)
            .iter()
            .any(|d| prints_before.get(d) != prints_after.get(d))
    };
    for path in [
        CHANGES,
        FEED,
        "regio/index.html",
        "regio/procedures/leerlingbespreking/index.html",
        "regio/actoren/gedragsspecialist/index.html",
        "regio/print/index.html",
    ] {
        assert!(changed(path), "{path} shows the history");
    }
    for path in [
        "regio/actoren/leerkracht/index.html",
        "regio/procedures/index.html",
        "regio/begrippen/index.html",
    ] {
        assert!(!changed(path), "{path} does not show the history");
    }
}

/// With several regions the site root lists the regions, and below them the
/// earlier editions; a project without editions shows neither.
#[test]
fn the_site_root_lists_the_earlier_editions() {
    common::fix_last_changed();
    let checked = pipeline::check_at(&common::fixture("inheritance"), common::today());
    let mut resolved = checked.resolved.expect("a model");
    let root_page = |resolved: &Resolved| {
        let output = pipeline::render(resolved).unwrap_or_else(|_| panic!("render failed"));
        let home = output
            .files
            .into_iter()
            .find(|f| f.path == "index.html")
            .expect("a site root");
        String::from_utf8(home.bytes).unwrap()
    };
    assert!(!root_page(&resolved).contains("edities/"));
    let site = site_mut(&mut resolved);
    site.edition = Some(edition(NEW));
    site.earlier = vec![edition(OLD)];
    let html = root_page(&resolved);
    assert!(html.contains("<h2>Eerdere edities</h2>"));
    assert!(html.contains(&format!("<a href=\"edities/{OLD}/index.html\">Editie {OLD}</a>")));
    assert!(html.contains(&format!("<p>Dit is editie {NEW}.</p>")));
}

#[test]
fn a_page_review_date_is_a_change_in_words() {
    let project = |review: &str| {
        format!(
            r#"
//- content/site.yaml
title: T
//- content/r/region.yaml
name: R
//- content/r/pages/privacy.md
---
title: Privacy
review: {review}
---
Tekst.
"#
        )
    };
    let (old, new) = (
        crate::fixture::site(&project("2027-01-01")),
        crate::fixture::site(&project("2027-09-01")),
    );
    let strings = zorgroute::i18n::strings_from_yaml(
        include_str!("../../themes/default/translations.yaml"),
        zorgroute::i18n::Lang::Nl,
    )
    .unwrap();
    let diff = zorgroute::diff::sites(&old, &new, &strings);
    let fields: Vec<_> = diff[0].1.iter().flat_map(|c| c.fields.clone()).collect();
    assert_eq!(
        fields,
        [zorgroute::model::changes::FieldChange {
            path: "review".into(),
            old: s("1 januari 2027"),
            new: s("1 september 2027"),
        }]
    );
}
