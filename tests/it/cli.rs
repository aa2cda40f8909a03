//! The binary as a user runs it: exit codes, the one-line summary, and the
//! guarantee that a failed build leaves the last good site byte-identical.

use crate::common;

use std::path::PathBuf;
use std::process::Command;

fn zorgroute(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zorgroute"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zorgroute")
}

/// A copy of the minimal fixture to change: the temporary folder (removed
/// when dropped) and the project in it.
fn minimal_project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    common::copy_dir(&common::fixture("minimal"), &project);
    (tmp, project)
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
    assert!(stdout.contains("20 pagina's geschreven"), "{stdout}");
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
    let (_tmp, project) = minimal_project();
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

/// A project built once, whose templates then fail while rendering: each
/// build after `breaks` writes a theme template must fail, name what
/// `stderr` should hold, and leave the site of the first build as it was.
fn failing_template_keeps_last_good_site(breaks: &[(&str, &str, &[&str])]) {
    let (_tmp, project) = minimal_project();
    let root = project.to_str().unwrap();
    assert_eq!(zorgroute(&["build", "--root", root]).status.code(), Some(0));
    let out = project.join("public");
    let before = common::files(&out);
    let templates = project.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    for (name, text, said) in breaks {
        for other in std::fs::read_dir(&templates).unwrap() {
            std::fs::remove_file(other.unwrap().path()).unwrap();
        }
        std::fs::write(templates.join(name), text).unwrap();
        let failed = zorgroute(&["build", "--root", root]);
        assert_eq!(failed.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&failed.stderr);
        assert!(said.iter().all(|s| stderr.contains(s)), "{name}: {stderr}");
        assert_eq!(before, common::files(&out), "{name}: the last good site changed");
    }
}

#[test]
fn template_failing_while_rendering_leaves_last_good_site_untouched() {
    // Parses, so the check passes; fails only when a page is rendered.
    failing_template_keeps_last_good_site(&[(
        "page.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.missing_field }}{% endblock main %}",
        &["page.html"],
    )]);
}

#[test]
fn a_print_view_failing_halfway_leaves_last_good_site_untouched() {
    failing_template_keeps_last_good_site(&[
        // The print view is written as it is rendered: its frame first,
        // then each entry, the first of which fails.
        ("print-entry.html", "{{ e.view.missing_field }}", &["print-entry.html"]),
        // A frame that does not say where the entries go.
        (
            "print.html",
            "{% extends \"base.html\" %}{% block main %}{{ region.name }}{% endblock main %}",
            &["print.html", "{{ entries | safe }}"],
        ),
    ]);
}

#[test]
fn rebuild_replaces_output_without_stale_pages() {
    let (tmp, project) = minimal_project();
    let root = project.to_str().unwrap();
    // Two builds: the second keeps the first's output as the spare, which
    // the third writes over.
    for _ in 0..2 {
        assert_eq!(zorgroute(&["build", "--root", root]).status.code(), Some(0));
    }
    assert!(project.join(".public.zorgroute-spare").is_dir());
    std::fs::remove_file(project.join("content/regio/pages/visie.md")).unwrap();
    let index = project.join("content/regio/pages/index.md");
    std::fs::write(&index, "---\ntitle: Welkom\n---\nZonder visie.\n").unwrap();
    assert_eq!(zorgroute(&["build", "--root", root]).status.code(), Some(0));
    assert!(
        !project.join("public/regio/visie/index.html").exists(),
        "a deleted page stayed"
    );
    let fresh = tmp.path().join("fresh");
    let out = fresh.to_str().unwrap();
    assert_eq!(
        zorgroute(&["build", "--root", root, "--out", out]).status.code(),
        Some(0)
    );
    assert!(
        common::files(&project.join("public")) == common::files(&fresh),
        "a build written over the previous one differs from a fresh build"
    );
}

#[test]
fn check_reports_json_and_exit_codes() {
    let (_tmp, project) = minimal_project();
    let root = project.to_str().unwrap();

    // Contact details checked long ago: a warning only.
    let teacher = project.join("content/regio/actors/leerkracht.md");
    common::edit(&teacher, "verified: 2026-09-01", "verified: 2024-09-01");
    let ok = zorgroute(&["check", "--root", root, "--format", "json"]);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    let json: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    let items = json.as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|d| d["severity"] == "warning"));
    for key in ["severity", "code", "file", "line", "column", "message", "help"] {
        assert!(items[0].get(key).is_some(), "missing {key}");
    }
    let strict = zorgroute(&["check", "--root", root, "--deny-warnings"]);
    assert_eq!(strict.status.code(), Some(1));

    common::edit(
        &project.join("content/regio/procedures/signaleren.md"),
        "level: groep",
        "level: klas",
    );
    let broken = zorgroute(&["check", "--root", root, "--format", "json"]);
    assert_eq!(broken.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&broken.stdout).unwrap();
    let error = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    assert_eq!(error["code"], "unknown-level");
    assert_eq!(error["file"], "content/regio/procedures/signaleren.md");
    assert_eq!(error["line"], 3);
    assert_eq!(error["column"], 8);
}

#[test]
fn build_refuses_dangerous_output_folders() {
    let (tmp, project) = minimal_project();
    let root = project.to_str().unwrap();
    for out in ["/", "content", "."] {
        let result = zorgroute(&["build", "--root", root, "--out", out]);
        assert_eq!(result.status.code(), Some(2), "--out {out} was accepted");
    }
    let foreign = tmp.path().join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
    let refused = zorgroute(&["build", "--root", root, "--out", foreign.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    // In the site's language, with the fix.
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("is niet leeg en niet door zorgroute geschreven; kies een andere --out of voeg --force toe"),
        "{said}"
    );
    assert!(foreign.join("notes.txt").exists());
    let forced = zorgroute(&["build", "--root", root, "--out", foreign.to_str().unwrap(), "--force"]);
    assert_eq!(forced.status.code(), Some(0));
    // A previous output may be replaced without --force.
    let again = zorgroute(&["build", "--root", root, "--out", foreign.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0));
    assert!(project.join("content/site.yaml").is_file());
}

#[test]
fn schema_prints_json_schema_per_kind() {
    let out = zorgroute(&["schema", "procedure"]);
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(schema["properties"]["steps"].is_object());
    assert_eq!(zorgroute(&["schema", "nonsense"]).status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_project_are_not_followed() {
    let (tmp, project) = minimal_project();
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.md"), "---\ntitle: Geheim\n---\nGeheim.\n").unwrap();
    std::os::unix::fs::symlink(outside.join("secret.md"), project.join("content/regio/pages/secret.md")).unwrap();
    std::os::unix::fs::symlink(&outside, project.join("content/regio/extern")).unwrap();
    let result = zorgroute(&["build", "--root", project.to_str().unwrap()]);
    assert_eq!(
        result.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let out = common::files(&project.join("public"));
    assert!(
        out.keys().all(|p| !p.contains("secret") && !p.contains("extern")),
        "{:?}",
        out.keys()
    );
    assert!(out.values().all(|b| !String::from_utf8_lossy(b).contains("Geheim")));
}

#[test]
fn the_tools_own_lines_are_in_the_sites_language() {
    let tmp = tempfile::tempdir().unwrap();
    let en = tmp.path().join("en");
    let en = en.to_str().unwrap();
    let made = zorgroute(&["init", en, "--language", "en"]);
    assert_eq!(made.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&made.stdout);
    assert!(stdout.contains("files created in"), "{stdout}");
    assert!(
        stdout.contains("See the result with: zorgroute build --root"),
        "{stdout}"
    );

    let wrong = zorgroute(&["new", "procdure", "x", "--root", en]);
    assert_eq!(wrong.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        stderr.contains("zorgroute: unknown kind `procdure`; choose from region, procedure"),
        "{stderr}"
    );

    // No site yet to take the language from: Dutch, the default.
    let other = tmp.path().join("fr");
    let wrong = zorgroute(&["init", other.to_str().unwrap(), "--language", "fr"]);
    assert_eq!(wrong.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        stderr.contains("zorgroute: onbekende taal `fr`; kies nl of en"),
        "{stderr}"
    );
    assert!(!other.exists(), "a refused init creates nothing");
}
