//! Editions read from git, end to end through the binary: a repository made
//! in the test with two tagged editions (tests/fixtures/editions/old and
//! new) and a working tree that changes a step again. `build` writes each
//! earlier edition under `edities/<name>/` without touching the work tree,
//! the index or the refs; `diff` reports the changes between any two; a
//! deleted tag, a shallow clone and a folder outside git give located errors.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SITE_YAML: &str = "title: Handboek met edities
base_url: https://handboek.example.nl
edition: 2027-2028
editions:
  - name: 2026-2027
    ref: v2026-2027
  - name: 2025-2026
    ref: v2025-2026
";

fn git(root: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(root)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(["-c", "init.defaultBranch=main", "-c", "advice.detachedHead=false"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_DATE", "2026-08-01T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-08-01T12:00:00Z")
        .output()
        .expect("git is installed (the CI script installs it)");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Replaces the repository's content/ with a fixture edition's.
fn put_edition(root: &Path, which: &str) {
    let content = root.join("content");
    if content.exists() {
        std::fs::remove_dir_all(&content).unwrap();
    }
    common::copy_dir(&common::fixture(&format!("editions/{which}")), root);
}

/// The repository: the old edition tagged `v2025-2026`, the new one tagged
/// `v2026-2027`, and in the working tree (not committed) the new one with
/// its first step's time limit shortened and site.yaml naming both tags.
fn repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    git(root, &["init", "-q"]);
    for (which, tag) in [("old", "v2025-2026"), ("new", "v2026-2027")] {
        put_edition(root, which);
        git(root, &["add", "-A", "content"]);
        git(root, &["commit", "-q", "-m", tag]);
        git(root, &["tag", tag]);
    }
    common::edit(
        &root.join("content/regio/procedures/zat-aanmelding.md"),
        "within: 10 werkdagen",
        "within: 5 werkdagen",
    );
    std::fs::write(root.join("content/site.yaml"), SITE_YAML).unwrap();
    tmp
}

fn zorgroute(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zorgroute"))
        .current_dir(root)
        .args(args)
        .env("NO_COLOR", "1")
        .env("ZORGROUTE_TODAY", "2026-11-25")
        .output()
        .expect("run zorgroute")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// What git says of the work tree, the index and the refs: a build must
/// leave all three as they were.
fn git_state(root: &Path) -> (String, String, String) {
    (
        git(root, &["status", "--porcelain", "--untracked-files=all"]),
        git(root, &["show-ref"]),
        git(root, &["hash-object", ".git/index"]),
    )
}

fn diff_json(root: &Path, args: &[&str]) -> serde_json::Value {
    let out = zorgroute(root, &[&["diff", "--format", "json"], args].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("diff --format json prints JSON")
}

#[test]
fn build_writes_every_tagged_edition_without_touching_git() {
    let repo = repository();
    let root = repo.path();
    let before = git_state(root);
    let site = tempfile::tempdir().unwrap();
    let public: PathBuf = site.path().join("public");
    let out = zorgroute(root, &["build", "--out", public.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        git_state(root),
        before,
        "the build changed the work tree, index or refs"
    );

    let read = |path: &str| std::fs::read_to_string(public.join(path)).unwrap_or_else(|_| panic!("no {path}"));
    for edition in ["2026-2027", "2025-2026"] {
        let old_page = read(&format!("edities/{edition}/regio/procedures/zat-aanmelding/index.html"));
        assert!(old_page.contains("noindex"), "{edition}: an old edition is not indexed");
        assert!(
            old_page.contains("old-edition"),
            "{edition}: the page says it is an old edition"
        );
    }
    // The 2025-2026 edition has no regional version of the procedure yet:
    // its page shows the standard's title.
    let oldest = read("edities/2025-2026/regio/procedures/zat-aanmelding/index.html");
    let newest = read("regio/procedures/zat-aanmelding/index.html");
    assert!(newest.contains("5 werkdagen") && !newest.contains("10 werkdagen"));
    assert!(!oldest.contains("5 werkdagen"));

    // Each edition's changes, newest first, on the changes page.
    let changes = read("regio/wijzigingen/index.html");
    let (newer, older) = (changes.find("2027-2028").unwrap(), changes.find("2026-2027").unwrap());
    assert!(newer < older, "newest first");
    assert!(
        changes.contains("Stap 1 › Termijn: was 10 werkdagen, nu 5 werkdagen"),
        "{changes}"
    );

    // Old editions keep their own links working, and link to the current pages.
    let broken = common::broken_links(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn diff_compares_the_newest_edition_with_the_working_tree_by_default() {
    let repo = repository();
    let json = diff_json(repo.path(), &[]);
    assert_eq!(
        json,
        serde_json::json!([{
            "region": "regio",
            "kind": "procedure",
            "id": "zat-aanmelding",
            "title": "Aanmelding bij het regioteam",
            "change": "changed",
            "note": null,
            "fields": [{"path": "steps.0.within", "old": "10 werkdagen", "new": "5 werkdagen"}],
        }])
    );
    let human = zorgroute(repo.path(), &["diff"]);
    assert_eq!(human.status.code(), Some(0), "{}", stderr(&human));
    assert_eq!(
        stdout(&human),
        "Wijzigingen van editie 2026-2027 naar editie 2027-2028\n\
         \n\
         Regio Edities (regio)\n  \
         Procedures\n    \
         ~ Aanmelding bij het regioteam (zat-aanmelding): Gewijzigd\n        \
         Stap 1 › Termijn: was 10 werkdagen, nu 5 werkdagen\n"
    );
}

#[test]
fn diff_takes_edition_names_and_git_refs_alike() {
    let repo = repository();
    let by_name = diff_json(repo.path(), &["2025-2026", "2026-2027"]);
    let by_ref = diff_json(repo.path(), &["v2025-2026", "v2026-2027"]);
    assert_eq!(by_name, by_ref);
    let commit = git(repo.path(), &["rev-parse", "v2025-2026"]);
    assert_eq!(diff_json(repo.path(), &[commit.trim(), "2026-2027"]), by_name);
    // The same changes the fixture's diff test asserts field by field; here
    // it is enough that every subject is there with its kind.
    let subjects: Vec<(String, String, String)> = (by_name.as_array().unwrap().iter())
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_string();
            (s("kind"), s("id"), s("change"))
        })
        .collect();
    assert!(subjects.len() >= 5, "{subjects:?}");
    for kind in ["region", "procedure", "actor", "agreement", "term"] {
        assert!(
            subjects.iter().any(|(k, _, _)| k == kind),
            "no {kind} change: {subjects:?}"
        );
    }
    for change in ["added", "removed", "changed"] {
        assert!(
            subjects.iter().any(|(_, _, c)| c == change),
            "no {change}: {subjects:?}"
        );
    }
    // The same edition twice: no changes, said in words.
    let same = zorgroute(repo.path(), &["diff", "v2026-2027", "2026-2027"]);
    assert!(stdout(&same).contains("Geen wijzigingen"), "{}", stdout(&same));
}

#[test]
fn diff_with_an_unknown_ref_says_which_exist() {
    let repo = repository();
    let out = zorgroute(repo.path(), &["diff", "v2024-2025"]);
    assert_eq!(out.status.code(), Some(2), "the command is wrong, not the content");
    let err = stderr(&out);
    assert!(err.contains("git kent geen tag of commit `v2024-2025`"), "{err}");
    assert!(err.contains("v2025-2026, v2026-2027"), "{err}");
}

/// The errors `check --format json` reports, as (code, file, line, help).
fn errors(root: &Path) -> Vec<(String, String, u64, String)> {
    let out = zorgroute(root, &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = json.as_array().expect("a list of diagnostics");
    (problems.iter())
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("file"), d["line"].as_u64().unwrap_or(0), s("help"))
        })
        .collect()
}

#[test]
fn a_deleted_tag_is_a_located_error_with_the_fix() {
    let repo = repository();
    git(repo.path(), &["tag", "-d", "v2025-2026"]);
    let [(code, file, line, help)] = &errors(repo.path())[..] else {
        panic!("one error")
    };
    assert_eq!(code, "edition-unknown-ref");
    assert_eq!(file, "content/site.yaml");
    assert_eq!(*line, 8, "the line of `ref: v2025-2026`");
    assert!(help.contains("git tag") && help.contains("v2026-2027"), "{help}");
}

#[test]
fn a_shallow_clone_says_to_fetch_the_history() {
    let repo = repository();
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "2027-2028"]);
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    git(clones.path(), &["clone", "-q", "--depth", "1", &url, "shallow"]);
    // The clone has the newest commit only: neither tagged edition is in it.
    let found = errors(&clones.path().join("shallow"));
    let lines: Vec<u64> = found.iter().map(|(_, _, line, _)| *line).collect();
    assert_eq!(lines, [6, 8], "the lines of the two `ref:` values");
    for (code, file, _, help) in &found {
        assert_eq!((code.as_str(), file.as_str()), ("edition-shallow", "content/site.yaml"));
        assert!(help.contains("git fetch --unshallow --tags"), "{help}");
    }
}

#[test]
fn a_folder_outside_git_cannot_have_git_editions() {
    let repo = repository();
    let copy = tempfile::tempdir().unwrap();
    common::copy_dir(&repo.path().join("content"), &copy.path().join("content"));
    let found = errors(copy.path());
    let codes: Vec<&str> = found.iter().map(|(code, ..)| code.as_str()).collect();
    assert_eq!(codes, ["edition-no-git", "edition-no-git"], "one per edition");
}

/// The whole output folder, file by file.
fn tree(out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    common::files(out)
}

#[test]
fn a_warm_build_reuses_unchanged_editions_and_equals_a_cold_one() {
    let repo = repository();
    let root = repo.path();
    let sites = tempfile::tempdir().unwrap();
    let (warm, cold) = (sites.path().join("warm"), sites.path().join("cold"));
    let build = |out: &Path| {
        let done = zorgroute(root, &["build", "--out", out.to_str().unwrap()]);
        assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    };
    // Three builds: the third writes over the first (the spare).
    for _ in 0..3 {
        build(&warm);
    }
    // What the cache lets the next build skip: reading either edition.
    let reuse = zorgroute::pipeline::Reuse {
        edition_cache: Some(zorgroute::pipeline::edition_cache::EditionCache::read(&warm)),
        ..Default::default()
    };
    let checked =
        zorgroute::pipeline::check_with(root, common::today(), &mut zorgroute::load::LoadCache::default(), reuse);
    let earlier = &checked.resolved.as_ref().expect("a model").earlier;
    assert_eq!(earlier.len(), 2);
    assert!(
        earlier.iter().all(|e| e.model.is_none()),
        "an unchanged edition was read"
    );

    // A change of the working tree re-reads only the newest edition, the one
    // it is compared with; the site equals a build from scratch.
    let step = root.join("content/regio/procedures/zat-aanmelding.md");
    common::edit(&step, "5 werkdagen", "4 werkdagen");
    build(&warm);
    build(&cold);
    let (warm_files, cold_files) = (tree(&warm), tree(&cold));
    assert_eq!(
        warm_files.keys().collect::<Vec<_>>(),
        cold_files.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &warm_files {
        assert!(cold_files[path] == *bytes, "{path} differs from a build from scratch");
    }
    let changes = String::from_utf8_lossy(&warm_files["regio/wijzigingen/index.html"]).into_owned();
    assert!(changes.contains("was 10 werkdagen, nu 4 werkdagen"), "{changes}");
}
