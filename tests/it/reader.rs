//! Reader features on the example handbook: the print view, the running
//! header of printed pages, the sociale kaart, the accessibility statement and
//! glossary abbreviations in body text.

use crate::common;

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

/// The example, built once for all tests in this file (with the tests' fixed date).
fn site() -> &'static BTreeMap<String, String> {
    static SITE: OnceLock<(tempfile::TempDir, BTreeMap<String, String>)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let (tmp, out) = common::build(&common::example());
            let pages = common::files(&out)
                .into_iter()
                .filter(|(path, _)| path.ends_with(".html"))
                .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
                .collect();
            (tmp, pages)
        })
        .1
}

fn page(path: &str) -> &'static str {
    site().get(path).unwrap_or_else(|| panic!("no page {path}"))
}

/// The ids (folder names) of a kind's pages in a region, e.g. every procedure.
fn ids(region: &str, kind_dir: &str) -> Vec<String> {
    let prefix = format!("{region}/{kind_dir}/");
    site()
        .keys()
        .filter_map(|p| p.strip_prefix(&prefix)?.strip_suffix("/index.html").map(str::to_string))
        .collect()
}

fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn print_view_holds_every_procedure_actor_and_agreement_once() {
    for region in ["waterland", "fryske-walden"] {
        let print = page(&format!("{region}/print/index.html"));
        let anchors: HashSet<&str> = attribute_values(print, "id").into_iter().collect();
        for (kind_dir, prefix) in [
            ("procedures", "procedure"),
            ("actoren", "actor"),
            ("afspraken", "afspraak"),
        ] {
            let expected = ids(region, kind_dir);
            assert!(!expected.is_empty());
            for id in expected {
                assert!(
                    anchors.contains(format!("{prefix}-{id}").as_str()),
                    "{region}: print view lacks {prefix} {id}"
                );
            }
        }
        // Each procedure starts a printed page.
        assert_eq!(
            print.matches("print-entry--procedure").count(),
            ids(region, "procedures").len()
        );
    }
}

#[test]
fn print_view_follows_reading_order_with_a_table_of_contents() {
    let print = page("waterland/print/index.html");
    let order = [
        r#"id="inhoud-titel""#,
        r#"id="inleiding""#,
        r#"id="zorgroute""#,
        r#"id="routes""#,
        r#"id="procedures""#,
        r#"id="actoren""#,
        r#"id="afspraken""#,
        r#"id="informatie""#,
        r#"id="begrippen""#,
        r#"id="sociale-kaart""#,
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|needle| print.find(needle).unwrap_or_else(|| panic!("no {needle}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // The cover names the region's version and the date.
    assert!(
        print.contains("PO 99-01 · Versie 2026.2 · Editie 2026-2027 · stand van"),
        "no version on the cover"
    );
    // Procedures by level: group work before the school's, before the region's.
    let group = print.find(r#"id="procedures-groep""#).unwrap();
    let school = print.find(r#"id="procedures-school""#).unwrap();
    let above = print.find(r#"id="procedures-bovenschools""#).unwrap();
    assert!(group < school && school < above);
    // Every table-of-contents entry points at something on the page.
    let ids: HashSet<&str> = attribute_values(print, "id").into_iter().collect();
    for href in attribute_values(print, "href")
        .into_iter()
        .filter(|h| h.starts_with('#'))
    {
        assert!(ids.contains(&href[1..]), "dangling {href}");
    }
}

#[test]
fn no_page_repeats_an_id() {
    for (path, html) in site() {
        let mut seen = HashSet::new();
        for id in attribute_values(html, "id") {
            assert!(seen.insert(id), "{path}: id {id} twice");
        }
    }
}

#[test]
fn every_region_page_prints_with_region_version_and_date() {
    let header = |region: &str, version: &str| {
        format!(
            r#"@page {{ @top-left {{ content: "{region} · versie {version} · editie 2026-2027 · 25 november 2026"; }} }}"#
        )
    };
    // Waterland sets its own version; Fryske Wâlden has the site's.
    let waterland = header("Samenwerkingsverband Waterland Noord", "2026.2");
    let fryske = header("Samenwerkingsverband Fryske Wâlden", "2026.1");
    for (path, html) in site() {
        if path.starts_with("waterland/") {
            assert!(html.contains(&waterland), "{path} has no running header");
        } else if path.starts_with("fryske-walden/") {
            assert!(html.contains(&fryske), "{path} has no running header");
        }
    }
}

#[test]
fn sociale_kaart_lists_every_actor_by_level_and_marks_old_details() {
    let map = page("waterland/sociale-kaart/index.html");
    for id in ids("waterland", "actoren") {
        assert!(
            map.contains(&format!(r#"href="../../waterland/actoren/{id}/index.html""#)),
            "sociale kaart lacks {id}"
        );
    }
    // An actor's card on a sociale kaart.
    fn card_in<'a>(map: &'a str, id: &str) -> &'a str {
        let start = map.find(&format!("actoren/{id}/index.html")).unwrap();
        let end = map[start..].find("</li>").unwrap() + start;
        &map[start..end]
    }
    let card = |id: &str| card_in(map, id);
    // Every contact of the current edition was checked within the year; in
    // the 2025-2026 edition the youth-care provider's date was 2024-11-12,
    // more than a year before the build, and the teacher's 2026-09-01.
    assert!(!map.contains("badge--stale"));
    let old_map = page("edities/2025-2026/waterland/sociale-kaart/index.html");
    assert!(card_in(old_map, "jeugdhulpaanbieder").contains("badge--stale"));
    assert!(!card_in(old_map, "leerkracht").contains("badge--stale"));
    assert!(card("leerkracht").contains(r#"href="../../waterland/sociale-kaart/leerkracht.vcf" download"#));
    assert!(card("ouders").contains("Geen contactgegevens bekend."));
}

#[test]
fn accessibility_statement_claims_wcag_aa_and_names_a_contact() {
    let statement = page("waterland/toegankelijkheid/index.html");
    assert!(statement.contains("WCAG) 2.1 op niveau AA"));
    assert!(statement.contains("mailto:zorgloket@waterland-noord.example.nl"));
    for (path, html) in site().iter().filter(|(p, _)| p.starts_with("waterland/")) {
        assert!(
            html.contains("waterland/toegankelijkheid/index.html"),
            "{path} does not link the accessibility statement"
        );
    }
}

#[test]
fn abbreviations_in_bodies_use_the_regions_glossary() {
    // Both regions inherit the standard's text about the ZAT; Waterland calls
    // that team the MDO, so its ZAT explains itself with the new name.
    let waterland = page("waterland/procedures/aanmelding-zat/index.html");
    let fryske = page("fryske-walden/procedures/aanmelding-zat/index.html");
    assert!(waterland.contains(r#"<abbr title="Multidisciplinair overleg (MDO)">ZAT</abbr>"#));
    assert!(fryske.contains(r#"<abbr title="Zorg- en adviesteam">ZAT</abbr>"#));
    // Only the first use is marked.
    let body = &fryske[fryske.find(r#"<div class="prose">"#).unwrap()..];
    assert_eq!(body.matches("<abbr").count(), count_distinct_abbr(body));
    // The glossary shows the standard's old abbreviation next to the new one.
    assert!(page("waterland/begrippen/index.html").contains("in de standaardroute: ZAT"));
}

/// How many different abbreviations `html` marks up.
fn count_distinct_abbr(html: &str) -> usize {
    html.split("<abbr title=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find("</abbr>").unwrap()])
        .collect::<HashSet<_>>()
        .len()
}

#[test]
fn a_page_with_a_review_date_says_by_when_in_its_meta_line() {
    let privacy = page("waterland/privacy/index.html");
    let meta = &privacy[privacy.find(r#"<p class="meta">"#).unwrap()..];
    let meta = &meta[..meta.find("</p>").unwrap()];
    assert!(
        meta.contains(
            r#"<span class="meta__item">Herzien vóór <time datetime="2027-09-01">1 september 2027</time></span>"#
        ),
        "{meta}"
    );
    let vision = page("waterland/visie/index.html");
    assert!(!vision.contains("Herzien vóór"));
}
