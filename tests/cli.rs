//! The binary as a user runs it: exit codes, the one-line summary, and the
//! guarantee that a failed build leaves the last good site byte-identical.

mod common;

use std::path::Path;
use std::process::Command;

fn zorgroute(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zorgroute"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zorgroute")
}

fn copy_dir(from: &Path, to: &Path) {
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

#[test]
fn build_succeeds_and_prints_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let root = common::fixture("minimal");
    let result = zorgroute(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        result.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("14 pagina's geschreven"), "{stdout}");
    assert!(out.join("regio/procedures/signaleren/index.html").is_file());
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(zorgroute(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(zorgroute(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(zorgroute(&["--version"]).status.code(), Some(0));
}

#[test]
fn failed_build_leaves_last_good_site_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    copy_dir(&common::fixture("minimal"), &project);
    let out = project.join("public");

    let first = zorgroute(&["build", "--root", project.to_str().unwrap()]);
    assert_eq!(first.status.code(), Some(0));
    let before = common::files(&out);

    // Break a reference: the build must fail with a located message and write nothing.
    let proc = project.join("content/regio/procedures/signaleren.md");
    let text = std::fs::read_to_string(&proc)
        .unwrap()
        .replace("owner: leerkracht", "owner: leerkrach");
    std::fs::write(&proc, text).unwrap();
    let second = zorgroute(&["build", "--root", project.to_str().unwrap()]);
    assert_eq!(second.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("content/regio/procedures/signaleren.md:4:8"),
        "{stderr}"
    );
    assert!(stderr.contains("er is geen actor met id `leerkrach`"), "{stderr}");
    assert!(stderr.contains("bedoelt u `leerkracht`?"), "{stderr}");

    assert_eq!(before, common::files(&out), "the last good site changed");
    let leftovers: Vec<_> = std::fs::read_dir(&project)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("zorgroute-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left: {leftovers:?}");
}

#[test]
fn rebuild_replaces_output_without_stale_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    copy_dir(&common::fixture("minimal"), &project);
    assert_eq!(
        zorgroute(&["build", "--root", project.to_str().unwrap()]).status.code(),
        Some(0)
    );
    std::fs::remove_file(project.join("content/regio/pages/visie.md")).unwrap();
    let index = project.join("content/regio/pages/index.md");
    std::fs::write(&index, "---\ntitle: Welkom\n---\nZonder visie.\n").unwrap();
    assert_eq!(
        zorgroute(&["build", "--root", project.to_str().unwrap()]).status.code(),
        Some(0)
    );
    assert!(
        !project.join("public/regio/visie/index.html").exists(),
        "a deleted page stayed"
    );
}
