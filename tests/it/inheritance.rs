//! Inheritance and link resolution, checked on the resolved model.

use crate::common;

use zorgroute::model::{Origin, Region, Site};

fn site(fixture: &str) -> std::sync::Arc<Site> {
    let checked = zorgroute::check(&common::fixture(fixture));
    assert!(
        !checked.has_errors(),
        "{}",
        zorgroute::diag::to_plain_string(&checked.diagnostics, &checked.project.sources, checked.lang)
    );
    checked.resolved.expect("a site").site
}

fn region<'a>(site: &'a Site, slug: &str) -> &'a Region {
    site.regions.iter().find(|r| r.slug == slug).expect("region")
}

fn procedure_origin(region: &Region, id: &str) -> Option<Origin> {
    region
        .procedures
        .iter()
        .find(|p| p.meta.id == id)
        .map(|p| p.meta.origin)
}

#[test]
fn region_overrides_excludes_and_adds() {
    let site = site("inheritance");
    let noord = region(&site, "noord");
    assert_eq!(procedure_origin(noord, "groepsplan"), Some(Origin::Standard));
    assert_eq!(procedure_origin(noord, "leerlingbespreking"), Some(Origin::Override));
    assert_eq!(procedure_origin(noord, "thuiszitterstafel"), Some(Origin::Regional));
    assert_eq!(procedure_origin(noord, "terugplaatsing"), None, "excluded");
    let override_ = noord
        .procedures
        .iter()
        .find(|p| p.meta.id == "leerlingbespreking")
        .unwrap();
    assert_eq!(override_.title, "Leerlingbespreking in Noord");
    assert_eq!(override_.steps.len(), 2);

    let zuid = region(&site, "zuid");
    assert_eq!(procedure_origin(zuid, "leerlingbespreking"), Some(Origin::Standard));
    assert_eq!(procedure_origin(zuid, "terugplaatsing"), Some(Origin::Standard));
    assert_eq!(procedure_origin(zuid, "thuiszitterstafel"), None);
}

#[test]
fn region_home_text_and_glossary_renames_win() {
    let site = site("inheritance");
    let noord = region(&site, "noord");
    assert_eq!(noord.home.as_ref().unwrap().title, "Welkom in Noord");
    let zat = noord.glossary.iter().find(|t| t.id == "zat").unwrap();
    assert_eq!(zat.abbreviation.as_deref(), Some("MDO"));
    assert_eq!(zat.origin, Origin::Override);

    let zuid = region(&site, "zuid");
    assert_eq!(zuid.home.as_ref().unwrap().title, "Welkom");
    assert_eq!(zuid.home.as_ref().unwrap().meta.origin, Origin::Standard);
    let zat = zuid.glossary.iter().find(|t| t.id == "zat").unwrap();
    assert_eq!(zat.abbreviation.as_deref(), Some("ZAT"));
}

#[test]
fn back_references_are_computed_per_region() {
    let site = site("inheritance");
    for slug in ["noord", "zuid"] {
        let r = region(&site, slug);
        let zat_proc = r.procedures.iter().position(|p| p.meta.id == "zat-aanmelding").unwrap();
        let from: Vec<&str> = r.procedures[zat_proc]
            .escalated_from
            .iter()
            .map(|e| r.procedures[e.other.get()].meta.id.as_str())
            .collect();
        assert_eq!(from, ["leerlingbespreking"], "{slug}");
        let on_routes = r.procedures[zat_proc].routes.len();
        assert_eq!(on_routes, 1);
        let ib = r.actors.iter().find(|a| a.meta.id == "ib").unwrap();
        let teams: Vec<&str> = ib
            .member_of
            .iter()
            .map(|t| r.actors[t.get()].meta.id.as_str())
            .collect();
        assert_eq!(teams, ["zat"]);
        assert_eq!(ib.owns.len(), 1);
    }
    // In noord the override's steps put the teacher in the leerlingbespreking.
    let noord = region(&site, "noord");
    let teacher = noord.actors.iter().find(|a| a.meta.id == "leerkracht").unwrap();
    assert_eq!(teacher.joins.len(), 1);
}

#[test]
fn links_resolve_to_paths_with_anchors() {
    let site = site("links");
    let r = region(&site, "r");
    let ib = r.actors.iter().find(|a| a.meta.id == "ib").unwrap();
    assert_eq!(
        ib.body.link_targets,
        [
            "r/procedures/bespreking/index.html#stap-2",
            "r/afspraken/convenant/index.html#toezeggingen"
        ]
    );
    let home = r.home.as_ref().unwrap();
    assert_eq!(home.body.link_targets[2], "r/uitleg/index.html");
    // A heading named like a step does not steal the step's anchor.
    let bespreking = r.procedures.iter().find(|p| p.meta.id == "bespreking").unwrap();
    let ids: Vec<&str> = bespreking.body.md.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["stap-1-1", "wat-doe-je", "wat-doe-je-1", "eigen-anker"]);
}

#[test]
fn english_site_uses_its_own_levels_and_language() {
    let site = site("english");
    assert_eq!(site.lang, zorgroute::i18n::Lang::En);
    let ids: Vec<&str> = site.levels.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["niveau-1", "niveau-2", "niveau-3"]);
    let west = region(&site, "west");
    assert!(west.procedures.iter().all(|p| p.meta.origin == Origin::Regional));
    let cycle = west.procedures.iter().find(|p| p.meta.id == "class-cycle").unwrap();
    assert_eq!(cycle.steps[0].within.unwrap().display(site.lang), "2 weeks");
}
