//! Helpers shared by the integration tests: building a project into a
//! temporary folder and checking the links of the output.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use zorgroute::pipeline::{self, BuildOptions};

/// The root of a fixture project under tests/fixtures/.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The example handbook at the top of the repository.
pub fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Replaces the first `from` in the file at `path` by `to`; the file must
/// hold `from`, so an edit that no longer applies fails the test.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} does not contain {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Copies a folder tree (a fixture project) to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The build date of every test build, so dated pages stay the same.
pub fn today() -> time::Date {
    zorgroute::values::parse_date("2026-11-25").expect("a valid date")
}

/// The "last changed" date every test build shows: fixed, so snapshots do not
/// depend on git history or checkout times.
pub const LAST_CHANGED: &str = "2026-03-03";

/// Fixes the "last changed" date of the builds in this test process.
pub fn fix_last_changed() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::env::set_var(zorgroute::load::changed::OVERRIDE_VAR, LAST_CHANGED));
}

/// Builds `root` into a fresh temporary folder; panics with the diagnostics on failure.
pub fn build(root: &Path) -> (tempfile::TempDir, PathBuf) {
    fix_last_changed();
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("public");
    match pipeline::build(&BuildOptions {
        root: root.to_path_buf(),
        out: out.clone(),
        today: today(),
    }) {
        Ok(_) => (tmp, out),
        Err(failure) => panic!(
            "build of {} failed:\n{}",
            root.display(),
            zorgroute::diag::to_plain_string(
                &failure.diagnostics,
                &failure.checked.project.sources,
                failure.checked.lang
            )
        ),
    }
}

/// Every file of an output folder: path relative to it (with `/`) -> bytes.
pub fn files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The values of attribute `name` in an HTML or SVG text (our output quotes
/// every attribute with `"`).
pub fn attr_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(pos) = rest.find(&needle) {
        let start = pos + needle.len();
        let Some(len) = rest[start..].find('"') else { break };
        found.push(&rest[start..start + len]);
        rest = &rest[start + len..];
    }
    found
}

/// Checks that every internal link (href and src) of every HTML and SVG file
/// points at an existing file and, with a fragment, at an existing id there.
/// Returns the broken links as `page -> link` lines.
pub fn broken_links(out: &Path) -> Vec<String> {
    let all = files(out);
    let ids: BTreeMap<&str, HashSet<String>> = all
        .iter()
        .map(|(path, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            let set = attr_values(&text, "id").into_iter().map(str::to_string).collect();
            (path.as_str(), set)
        })
        .collect();
    let mut broken = Vec::new();
    for (path, bytes) in &all {
        if !(path.ends_with(".html") || path.ends_with(".svg")) || path == "404.html" {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        let dir = Path::new(path).parent().unwrap_or(Path::new(""));
        for link in attr_values(&text, "href").into_iter().chain(attr_values(&text, "src")) {
            if link.contains("://") || link.starts_with("mailto:") || link.starts_with("tel:") {
                continue;
            }
            let link = link.replace("&amp;", "&");
            let (file, fragment) = match link.split_once('#') {
                Some((f, frag)) => (f.to_string(), Some(frag.to_string())),
                None => (link.clone(), None),
            };
            let target = if file.is_empty() {
                path.clone()
            } else {
                let mut joined = normalize(&dir.join(&file));
                if joined.is_empty() || file.ends_with('/') {
                    joined = format!(
                        "{}index.html",
                        if joined.is_empty() {
                            String::new()
                        } else {
                            format!("{joined}/")
                        }
                    );
                }
                joined
            };
            match ids.get(target.as_str()) {
                None => broken.push(format!("{path} -> {link} (no file {target})")),
                Some(set) => {
                    if let Some(frag) = fragment.filter(|f| !f.is_empty()) {
                        if !set.contains(&frag) {
                            broken.push(format!("{path} -> {link} (no id {frag} in {target})"));
                        }
                    }
                }
            }
        }
    }
    broken
}

/// `a/b/../c` -> `a/c`, with `/` separators.
pub fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

/// One region with more procedures than its sidebar lists, in a ring of
/// escalations.
pub fn large_region(root: &Path) {
    let c = root.join("content");
    for dir in ["_standaard/actors", "_standaard/procedures", "regio"] {
        std::fs::create_dir_all(c.join(dir)).unwrap();
    }
    std::fs::write(c.join("site.yaml"), "title: Handboek\nlanguage: nl\n").unwrap();
    std::fs::write(c.join("regio/region.yaml"), "name: Regio\ncode: PO 00-01\n").unwrap();
    std::fs::write(
        c.join("_standaard/actors/a.md"),
        "---\nname: Actor\nlevel: school\nkind: rol\n---\nTekst.\n",
    )
    .unwrap();
    let count = 2 * zorgroute::render::SIDEBAR_GROUP_LIMIT + 20;
    for i in 0..count {
        let level = if i % 2 == 0 { "groep" } else { "school" };
        let next = (i + 1) % count;
        std::fs::write(
            c.join(format!("_standaard/procedures/p{i:03}.md")),
            format!(
                "---\ntitle: Procedure {i}\nlevel: {level}\nowner: a\nescalates_to:\n  - procedure: p{next:03}\n    when: later\n---\nTekst {i}.\n"
            ),
        )
        .unwrap();
    }
}
