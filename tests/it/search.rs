//! The search index: one per region of the example, holding the right
//! documents, with Dutch stems and glossary words computed at build time.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use zorgroute::i18n::Lang;
use zorgroute::search::{stems, SCRIPT_GLOBAL};

/// The JSON inside a region's `zoekindex.js`.
fn read_index(out: &Path, region: &str) -> Value {
    let script = std::fs::read_to_string(out.join(region).join("zoeken/zoekindex.js")).expect("index script");
    let json = script
        .strip_prefix(&format!("window.{SCRIPT_GLOBAL} = "))
        .and_then(|rest| rest.strip_suffix(";\n"))
        .expect("the index is one assignment to the global");
    serde_json::from_str(json).expect("valid JSON")
}

/// The URLs of the documents that hold `term` (a stem) in `field`.
fn urls_with(index: &Value, field: &str, term: &str) -> BTreeSet<String> {
    let mut node = &index["index"]["index"][field]["root"];
    for c in term.chars() {
        node = &node[c.to_string()];
    }
    let Some(docs) = node["docs"].as_object() else {
        return BTreeSet::new();
    };
    docs.keys()
        .map(|r| {
            let i: usize = r.parse().expect("numeric ref");
            index["docs"][i][0].as_str().expect("url").to_string()
        })
        .collect()
}

fn urls_anywhere(index: &Value, term: &str) -> BTreeSet<String> {
    ["title", "keywords", "body"]
        .iter()
        .flat_map(|f| urls_with(index, f, term))
        .collect()
}

fn stem(word: &str) -> String {
    let stems = stems(Lang::Nl, word);
    assert_eq!(stems.len(), 1, "{word} is one search word");
    stems[0].clone()
}

#[test]
fn every_region_has_a_search_page_and_its_own_index() {
    let (_tmp, out) = common::build(&common::example());
    for region in ["waterland", "fryske-walden"] {
        let page = std::fs::read_to_string(out.join(region).join("zoeken/index.html")).unwrap();
        assert!(page.contains("zoekindex.js"), "{region}: the page loads its index");
        assert!(
            page.contains("<noscript>"),
            "{region}: the page says what to do without JavaScript"
        );
        let index = read_index(&out, region);
        assert_eq!(index["lang"], "nl");
        assert_eq!(
            index["index"]["pipeline"],
            serde_json::json!(["trimmer-nl", "stopWordFilter-nl", "stemmer-nl"]),
            "pipeline names as lunr-languages registers them"
        );
        let urls: BTreeSet<&str> = index["docs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d[0].as_str().unwrap())
            .collect();
        assert!(
            urls.iter().all(|u| u.starts_with(&format!("{region}/"))),
            "{region}: only its own pages"
        );
        for url in &urls {
            let file = url.split('#').next().unwrap();
            assert!(out.join(file).is_file(), "{region}: result {url} is a page");
        }
        assert!(urls.contains(format!("{region}/procedures/verzuim/index.html").as_str()));
        assert!(urls.contains(format!("{region}/actoren/intern-begeleider/index.html").as_str()));
        assert!(urls.contains(format!("{region}/begrippen/index.html#zat").as_str()));
    }
    // Waterland excludes the standard `terugplaatsing`; its index does too.
    let waterland = read_index(&out, "waterland");
    let fryske = read_index(&out, "fryske-walden");
    let has = |index: &Value, url: &str| index["docs"].as_array().unwrap().iter().any(|d| d[0] == url);
    assert!(!has(&waterland, "waterland/procedures/terugplaatsing/index.html"));
    assert!(has(&fryske, "fryske-walden/procedures/terugplaatsing/index.html"));
    // The page before every page: the header field submits to the search page.
    let verzuim = std::fs::read_to_string(out.join("waterland/procedures/verzuim/index.html")).unwrap();
    assert!(verzuim.contains(r#"action="../../../waterland/zoeken/index.html""#));
}

#[test]
fn dutch_words_are_stemmed_at_build_time() {
    let (_tmp, out) = common::build(&common::example());
    let index = read_index(&out, "waterland");
    // "leerlingen" and "leerling" are one stem, and the plural is not stored.
    assert_eq!(stem("leerlingen"), stem("leerling"));
    let leerling = urls_anywhere(&index, &stem("leerlingen"));
    assert!(leerling.len() > 10, "most pages speak of pupils: {leerling:?}");
    assert!(urls_anywhere(&index, "leerlingen").is_empty(), "only stems are stored");
    // The procedure about absence is found by its title's stem.
    let verzuim = urls_with(&index, "title", &stem("verzuim"));
    assert!(
        verzuim.contains("waterland/procedures/verzuim/index.html"),
        "{verzuim:?}"
    );
    // Stop words are not in the index.
    assert!(urls_anywhere(&index, "omdat").is_empty());
}

/// The documents whose stored text (the start of the page) says `says` and not `not_says`.
fn saying<'a>(index: &'a Value, says: &str, not_says: &str) -> Vec<&'a str> {
    index["docs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            let text = d[3].as_str().unwrap();
            text.contains(says) && !text.to_lowercase().contains(not_says)
        })
        .map(|d| d[0].as_str().unwrap())
        .collect()
}

#[test]
fn glossary_abbreviations_find_the_full_term_and_back() {
    let (_tmp, out) = common::build(&common::example());
    let index = read_index(&out, "fryske-walden");
    // The parents' page says "zorg- en adviesteam" and never "ZAT", so "ZAT"
    // finds it through the glossary; and the other way round.
    let source = std::fs::read_to_string(common::example().join("content/_standaard/actors/ouders.md")).unwrap();
    assert!(source.contains("zorg- en adviesteam") && !source.contains("ZAT"));
    let by_abbreviation = urls_with(&index, "keywords", &stem("ZAT"));
    assert!(by_abbreviation.contains("fryske-walden/actoren/ouders/index.html"));
    for url in saying(&index, "zorg- en adviesteam", "zat") {
        assert!(by_abbreviation.contains(url), "{url}: not found by ZAT");
    }
    // The procedures that say "OPP" are found by "ontwikkelingsperspectief".
    let abbreviation_only = saying(&index, "OPP", "ontwikkelingsperspectief");
    assert!(abbreviation_only.contains(&"fryske-walden/procedures/tlv-aanvraag/index.html"));
    let by_term = urls_with(&index, "keywords", &stem("ontwikkelingsperspectief"));
    for url in abbreviation_only {
        assert!(by_term.contains(url), "{url}: not found by ontwikkelingsperspectief");
    }
}

#[test]
fn an_english_site_gets_the_english_pipeline() {
    let (_tmp, out) = common::build(&common::fixture("english"));
    let index = read_index(&out, "west");
    assert_eq!(index["lang"], "en");
    assert_eq!(
        index["index"]["pipeline"],
        serde_json::json!(["trimmer", "stopWordFilter", "stemmer"])
    );
    let page = std::fs::read_to_string(out.join("west/zoeken/index.html")).unwrap();
    assert!(!page.contains("lunr.nl"), "no Dutch stemmer on an English site");
}
