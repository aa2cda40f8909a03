//! Inheritance and link resolution, checked on the resolved model of
//! projects written inline (see `fixture.rs`).

use crate::common;
use crate::fixture::{outline, site};

use zorgroute::model::{Region, Site};

/// A standard route and two regions: noord overrides, excludes, adds and
/// renames; zuid takes the standard as it is.
const STANDARD_AND_TWO_REGIONS: &str = r#"
//- content/site.yaml
title: Handboek met standaardroute
//- content/_standaard/actors/ib.md
---
name: Intern begeleider
level: school
kind: rol
---
//- content/_standaard/actors/leerkracht.md
---
name: Leerkracht
level: groep
kind: rol
---
//- content/_standaard/actors/zat.md
---
name: Zorg- en adviesteam
level: bovenschools
kind: team
members: [ib]
---
//- content/_standaard/glossary.yaml
- id: zat
  term: Zorg- en adviesteam
  abbreviation: ZAT
  definition: Overleg van school en zorgpartners.
//- content/_standaard/pages/index.md
---
title: Welkom
---
//- content/_standaard/procedures/groepsplan.md
---
title: Groepsplan
level: groep
owner: leerkracht
escalates_to:
  - procedure: leerlingbespreking
---
//- content/_standaard/procedures/leerlingbespreking.md
---
title: Leerlingbespreking
level: school
owner: ib
steps:
  - title: Eerste stap
    actor: ib
escalates_to:
  - procedure: zat-aanmelding
---
//- content/_standaard/procedures/terugplaatsing.md
---
title: Terugplaatsing
level: bovenschools
owner: zat
---
//- content/_standaard/procedures/zat-aanmelding.md
---
title: Aanmelding ZAT
level: bovenschools
owner: zat
---
//- content/_standaard/routes/basisroute.yaml
title: Basisroute
steps: [groepsplan, leerlingbespreking, zat-aanmelding]
//- content/noord/region.yaml
name: Regio Noord
exclude: [procedure/terugplaatsing]
//- content/noord/glossary.yaml
- id: zat
  term: Multidisciplinair overleg
  abbreviation: MDO
  definition: In Noord heet het zorg- en adviesteam MDO.
//- content/noord/pages/index.md
---
title: Welkom in Noord
---
//- content/noord/procedures/leerlingbespreking.md
---
title: Leerlingbespreking in Noord
level: school
owner: ib
steps:
  - title: Aanmelden bij de IB
    actor: leerkracht
  - title: Bespreken
    actor: ib
escalates_to:
  - procedure: zat-aanmelding
---
//- content/noord/procedures/thuiszitterstafel.md
---
title: Thuiszitterstafel
level: bovenschools
owner: zat
---
//- content/zuid/region.yaml
name: Regio Zuid
"#;

fn region<'a>(site: &'a Site, slug: &str) -> &'a Region {
    site.regions.iter().find(|r| r.slug == slug).expect("region")
}

#[test]
fn region_overrides_excludes_adds_and_renames() {
    outline!(STANDARD_AND_TWO_REGIONS, @r#"
        noord
          actor/leerkracht standard "Leerkracht"
          actor/ib standard "Intern begeleider"
          actor/zat standard "Zorg- en adviesteam"
          procedure/groepsplan standard "Groepsplan"
          procedure/leerlingbespreking override "Leerlingbespreking in Noord"
          procedure/zat-aanmelding standard "Aanmelding ZAT"
          procedure/thuiszitterstafel regional "Thuiszitterstafel"
          route/basisroute standard "Basisroute"
          home override "Welkom in Noord"
          term/zat override MDO "Multidisciplinair overleg"
        zuid
          actor/leerkracht standard "Leerkracht"
          actor/ib standard "Intern begeleider"
          actor/zat standard "Zorg- en adviesteam"
          procedure/groepsplan standard "Groepsplan"
          procedure/leerlingbespreking standard "Leerlingbespreking"
          procedure/zat-aanmelding standard "Aanmelding ZAT"
          procedure/terugplaatsing standard "Terugplaatsing"
          route/basisroute standard "Basisroute"
          home standard "Welkom"
          term/zat standard ZAT "Zorg- en adviesteam"
    "#);
}

#[test]
fn back_references_are_computed_per_region() {
    let site = site(STANDARD_AND_TWO_REGIONS);
    for slug in ["noord", "zuid"] {
        let r = region(&site, slug);
        let zat_proc = r.procedures.iter().position(|p| p.meta.id == "zat-aanmelding").unwrap();
        let from: Vec<&str> = r.procedures[zat_proc]
            .escalated_from
            .iter()
            .map(|e| r.procedures[e.other.get()].meta.id.as_str())
            .collect();
        assert_eq!(from, ["leerlingbespreking"], "{slug}");
        assert_eq!(r.procedures[zat_proc].routes.len(), 1);
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
    outline!(r#"
        //- content/site.yaml
        title: Links en ankers
        //- content/r/region.yaml
        name: Regio Links
        //- content/r/actors/ib.md
        ---
        name: Intern begeleider
        level: school
        kind: rol
        ---
        Zie [stap 2](@procedure/bespreking#stap-2) en de [toezeggingen](@agreement/convenant#toezeggingen).
        //- content/r/actors/wijkteam.md
        ---
        name: Wijkteam
        level: extern
        kind: team
        ---
        //- content/r/agreements/convenant.md
        ---
        title: Convenant
        parties: [ib, wijkteam]
        commitments:
          - party: wijkteam
            text: Reageert snel.
        ---
        ## Achtergrond

        Zie de [route](@route/kort) en [de uitleg](@page/uitleg#wat-doe-je-1).
        //- content/r/pages/index.md
        ---
        title: Start
        ---
        [Stap 1](@procedure/bespreking#stap-1), [ib](@actor/ib), [uitleg](@page/uitleg).
        //- content/r/pages/uitleg.md
        ---
        title: Uitleg
        ---
        ## Wat doe je?

        ## Wat doe je?

        Terug naar de [bespreking](@procedure/bespreking#eigen-anker).
        //- content/r/procedures/bespreking.md
        ---
        title: Bespreking
        level: school
        owner: ib
        steps:
          - title: Voorbereiden
            actor: ib
          - title: Bespreken
            actor: wijkteam
        ---
        ## Ëën café {#eigen-anker}
        //- content/r/routes/kort.yaml
        title: Korte route
        steps: [bespreking]
    "#, @r#"
        r
          actor/ib regional "Intern begeleider"
          actor/wijkteam regional "Wijkteam"
          procedure/bespreking regional "Bespreking"
          agreement/convenant regional "Convenant"
          route/kort regional "Korte route"
          page/uitleg regional "Uitleg"
          links in content/r/actors/ib.md
            -> r/procedures/bespreking/index.html#stap-2
            -> r/afspraken/convenant/index.html#toezeggingen
          links in content/r/agreements/convenant.md
            -> r/routes/kort/index.html
            -> r/uitleg/index.html#wat-doe-je-1
          links in content/r/pages/uitleg.md
            -> r/procedures/bespreking/index.html#eigen-anker
          links in content/r/pages/index.md
            -> r/procedures/bespreking/index.html#stap-1
            -> r/actoren/ib/index.html
            -> r/uitleg/index.html
          home regional "Start"
    "#);
}

#[test]
fn a_heading_named_like_a_step_does_not_take_its_anchor() {
    let site = site(
        r#"
        //- content/site.yaml
        title: Ankers
        //- content/r/region.yaml
        name: Regio
        //- content/r/actors/ib.md
        ---
        name: IB
        level: school
        kind: rol
        ---
        //- content/r/procedures/bespreking.md
        ---
        title: Bespreking
        level: school
        owner: ib
        steps: [{title: Voorbereiden}]
        ---
        ## Stap 1

        ## Wat doe je?

        ## Wat doe je?

        ## Ëën café {#eigen-anker}
    "#,
    );
    let bespreking = &region(&site, "r").procedures[0];
    let ids: Vec<&str> = bespreking.body.md.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["stap-1-1", "wat-doe-je", "wat-doe-je-1", "eigen-anker"]);
}

/// A fixture folder on disk, to keep reading a real project covered here too.
#[test]
fn english_site_uses_its_own_levels_and_language() {
    let checked = zorgroute::check(&common::fixture("english"));
    assert!(!checked.has_errors(), "{}", crate::fixture::diagnostics(&checked));
    let site = checked.resolved.expect("a site").site;
    assert_eq!(site.lang, zorgroute::i18n::Lang::En);
    let ids: Vec<&str> = site.levels.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["niveau-1", "niveau-2", "niveau-3"]);
    let west = region(&site, "west");
    assert!(west
        .procedures
        .iter()
        .all(|p| p.meta.origin == zorgroute::model::Origin::Regional));
    let cycle = west.procedures.iter().find(|p| p.meta.id == "class-cycle").unwrap();
    assert_eq!(cycle.steps[0].within.unwrap().display(site.lang), "2 weeks");
}
