//! The preview editor's HTTP contract (SPEC section 8), against a running
//! `zorgroute serve` on a copy of the example: a valid change is written as
//! a minimal diff and shown at once, an invalid one is refused with its
//! located problem and the file untouched, and requests without the token,
//! from another origin, for paths outside content/ or with a stale version
//! are refused. A built site and `serve --read-only` have no editor.

use std::path::Path;

use serde_json::{json, Value};

use crate::common;
use crate::serve::{get, request, start, start_with, Server};

const PROCEDURE: &str = "content/_standaard/procedures/leerlingbespreking.md";

fn example() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::example().join("content"), &tmp.path().join("content"));
    common::copy_dir(&common::example().join("archief"), &tmp.path().join("archief"));
    tmp
}

/// The token the preview puts in its pages.
fn token(server: &Server) -> String {
    let (_, page) = get(&server.address, "/");
    let at = page
        .find("name=\"zorgroute-token\" content=\"")
        .expect("token in the page");
    let rest = &page[at + "name=\"zorgroute-token\" content=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

fn read(server: &Server, pad: &str) -> (u16, Value) {
    let (status, body) = get(&server.address, &format!("/_bewerken/api/bestand?pad={pad}"));
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// A POST as the editor's page sends it: with the token and the preview's origin.
fn post(server: &Server, path: &str, body: &impl std::fmt::Display) -> (u16, Value) {
    let origin = format!("http://{}", server.address);
    let token = token(server);
    let headers = [("Origin", origin.as_str()), ("X-Zorgroute-Token", token.as_str())];
    let (status, answer) = request(&server.address, "POST", path, &headers, &body.to_string());
    (status, serde_json::from_str(&answer).unwrap_or(Value::Null))
}

fn lines_changed(old: &str, new: &str) -> Vec<String> {
    similar::TextDiff::from_lines(old, new)
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .map(|c| {
            let sign = if c.tag() == similar::ChangeTag::Delete {
                "-"
            } else {
                "+"
            };
            format!("{sign}{}", c.value().trim_end())
        })
        .collect()
}

fn file(root: &Path, pad: &str) -> String {
    std::fs::read_to_string(root.join(pad)).unwrap()
}

#[test]
fn a_change_is_written_where_it_is_and_shown_at_once() {
    let tmp = example();
    let server = start(tmp.path());
    let before = file(tmp.path(), PROCEDURE);
    let (status, current) = read(&server, PROCEDURE);
    assert_eq!(status, 200);
    assert_eq!(current["soort"], "procedure");
    assert_eq!(current["velden"]["steps"][0]["within"], "5 werkdagen");
    assert!(current["tekst"].as_str().unwrap().contains("## Doel"));

    // Written out, not with json!: a new step's keys keep the order the form sends.
    let change = format!(
        r#"{{"pad": "{PROCEDURE}", "versie": {}, "wijzigingen": [
            {{"pad": "steps.0.within", "waarde": "3 weken"}},
            {{"pad": "steps.4", "waarde": {{"title": "Afsluiten", "actor": "intern-begeleider"}}}}]}}"#,
        current["versie"]
    );
    let (status, answer) = post(&server, "/_bewerken/api/bestand", &change);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["geschreven"], true);
    let after = file(tmp.path(), PROCEDURE);
    assert_eq!(answer["versie"], read(&server, PROCEDURE).1["versie"]);
    assert_eq!(
        lines_changed(&before, &after),
        [
            "-    within: 5 werkdagen",
            "+    within: 3 weken",
            "+  - title: Afsluiten",
            "+    actor: intern-begeleider",
        ]
    );
    // The page is rebuilt before the answer: no wait for the watcher.
    let (_, page) = get(&server.address, "/fryske-walden/procedures/leerlingbespreking/");
    assert!(
        page.contains("Afsluiten"),
        "the new step is on the page: {}",
        &page[..page.len().min(3000)]
    );
    assert!(page.contains("3 weken"));
}

/// A preview of a copy of the example, the procedure's text and its version,
/// and a change of one value of it.
fn one_change(path: &str, value: &str) -> (tempfile::TempDir, Server, String, Value, Value) {
    let tmp = example();
    let server = start(tmp.path());
    let before = file(tmp.path(), PROCEDURE);
    let version = read(&server, PROCEDURE).1["versie"].clone();
    let change = json!({
        "pad": PROCEDURE,
        "versie": version,
        "wijzigingen": [{"pad": path, "waarde": value}],
    });
    (tmp, server, before, version, change)
}

#[test]
fn an_invalid_change_names_its_field_and_writes_nothing() {
    let (tmp, server, before, _, change) = one_change("steps.1.within", "binnenkort");
    let (status, answer) = post(&server, "/_bewerken/api/bestand", &change);
    assert_eq!(status, 422, "{answer}");
    let problems = answer["problemen"].as_array().unwrap();
    let problem = problems
        .iter()
        .find(|p| p["code"] == "invalid-duration")
        .expect("the duration problem");
    assert_eq!(problem["file"], PROCEDURE);
    assert_eq!(problem["line"], 20);
    assert_eq!(problem["veld"], "steps.1.within");
    assert_eq!(problem["severity"], "error");
    assert!(problem["message"].as_str().unwrap().contains("binnenkort"));
    assert!(problem["help"].as_str().is_some());
    assert_eq!(file(tmp.path(), PROCEDURE), before, "nothing written");
}

#[test]
fn changes_need_the_token_the_origin_a_content_path_and_the_current_version() {
    let (tmp, server, before, version, change) = one_change("title", "Anders");
    let change = change.to_string();
    let origin = format!("http://{}", server.address);
    let token = token(&server);
    let path = "/_bewerken/api/bestand";

    let (status, _) = request(&server.address, "POST", path, &[("Origin", &origin)], &change);
    assert_eq!(status, 403, "without the token");
    let foreign = [("Origin", "http://example.com"), ("X-Zorgroute-Token", token.as_str())];
    assert_eq!(
        request(&server.address, "POST", path, &foreign, &change).0,
        403,
        "another origin"
    );
    let wrong = [("Origin", origin.as_str()), ("X-Zorgroute-Token", "0000")];
    assert_eq!(
        request(&server.address, "POST", path, &wrong, &change).0,
        403,
        "a wrong token"
    );

    for outside in [
        "content/../Cargo.toml",
        "Cargo.toml",
        "content/waterland/formulieren/hulpvraag-leerlingbespreking.txt",
    ] {
        assert_eq!(read(&server, outside).0, 400, "{outside}");
        let escape = json!({"pad": outside, "versie": version, "wijzigingen": []});
        assert_eq!(post(&server, path, &escape).0, 400, "{outside}");
    }

    let stale = json!({"pad": PROCEDURE, "versie": "0", "wijzigingen": [{"pad": "title", "waarde": "Anders"}]});
    let (status, answer) = post(&server, path, &stale);
    assert_eq!(status, 409);
    assert_eq!(
        answer["huidig"]["versie"], version,
        "the version on disk comes with the conflict"
    );
    assert_eq!(answer["huidig"]["velden"]["title"], "Leerlingbespreking");
    assert_eq!(file(tmp.path(), PROCEDURE), before, "nothing written");
}

#[test]
fn a_standard_actor_gets_a_regional_version_and_a_new_procedure_its_file() {
    let tmp = example();
    let server = start(tmp.path());
    let standard = "content/_standaard/actors/jeugdarts.md";
    let (status, answer) = post(
        &server,
        "/_bewerken/api/eigen-versie",
        &json!({"pad": standard, "regio": "waterland"}),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["pad"], "content/waterland/actors/jeugdarts.md");
    assert_eq!(
        file(tmp.path(), "content/waterland/actors/jeugdarts.md"),
        file(tmp.path(), standard)
    );
    let (_, page) = get(&server.address, "/waterland/actoren/jeugdarts/");
    assert!(
        page.contains("Regionaal aangepast"),
        "the region's page shows its own version"
    );
    let again = post(
        &server,
        "/_bewerken/api/eigen-versie",
        &json!({"pad": standard, "regio": "waterland"}),
    );
    assert_eq!(again.0, 409, "a second copy is refused");

    let (status, answer) = post(
        &server,
        "/_bewerken/api/nieuw",
        &json!({"soort": "procedure", "regio": "waterland", "titel": "Overdracht naar het vo"}),
    );
    assert_eq!(status, 200, "{answer}");
    let pad = answer["pad"].as_str().unwrap();
    assert_eq!(pad, "content/waterland/procedures/overdracht-naar-het-vo.md");
    assert!(file(tmp.path(), pad)
        .lines()
        .any(|l| l.starts_with("title: Overdracht naar het vo ")));
    let (status, page) = get(&server.address, "/waterland/procedures/overdracht-naar-het-vo/");
    assert_eq!(status, 200);
    assert!(page.contains("Overdracht naar het vo"));
    let taken = post(
        &server,
        "/_bewerken/api/nieuw",
        &json!({"soort": "procedure", "regio": "waterland", "titel": "Overdracht naar het vo"}),
    );
    assert_eq!(taken.0, 422, "an id in use is refused");
}

#[test]
fn read_only_previews_and_built_sites_have_no_editor() {
    let tmp = example();
    let server = start_with(tmp.path(), &["--read-only"]);
    let (status, page) = get(&server.address, "/waterland/procedures/leerlingbespreking/");
    assert_eq!(status, 200);
    assert!(!page.contains("zorgroute-token") && !page.contains("_bewerken"));
    let before = file(tmp.path(), PROCEDURE);
    let change = json!({"pad": PROCEDURE, "versie": "x", "wijzigingen": [{"pad": "title", "waarde": "Anders"}]});
    let origin = format!("http://{}", server.address);
    let (status, _) = request(
        &server.address,
        "POST",
        "/_bewerken/api/bestand",
        &[("Origin", &origin), ("X-Zorgroute-Token", "x")],
        &change.to_string(),
    );
    assert_ne!(status, 200);
    assert_eq!(file(tmp.path(), PROCEDURE), before);
    drop(server);

    let (_out, site) = common::build(tmp.path());
    for (path, bytes) in common::files(&site) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("zorgroute-token") && !text.contains("/_bewerken/"),
            "{path} has the editor"
        );
    }
}
