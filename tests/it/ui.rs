//! UI tests, like a compiler's: every case under tests/ui/<case>/ is the base
//! project tests/ui/_base/ with the case's files laid over it (and the paths in
//! its remove.txt removed). `zorgroute check` on it must print exactly the
//! case's expected.txt, and so must a check of the same files in memory
//! (`pipeline::check_files`). Run with `UPDATE_UI=1` to write the expected
//! files after a deliberate change, then review the diff.

use std::path::{Path, PathBuf};

fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui")
}

fn copy_over(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(from).unwrap();
        if rel.as_os_str() == "expected.txt" || rel.as_os_str() == "remove.txt" {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// What `zorgroute check` prints for the case, without colour: from the
/// project on disk, and from its files in memory.
fn check_output(case: &Path) -> (String, String) {
    let tmp = tempfile::tempdir().unwrap();
    copy_over(&ui_dir().join("_base"), tmp.path());
    copy_over(case, tmp.path());
    if let Ok(list) = std::fs::read_to_string(case.join("remove.txt")) {
        for rel in list.lines().filter(|l| !l.trim().is_empty()) {
            let path = tmp.path().join(rel);
            if path.is_dir() {
                std::fs::remove_dir_all(path).unwrap();
            } else {
                std::fs::remove_file(path).unwrap();
            }
        }
    }
    let today = zorgroute::values::parse_date("2026-11-25").unwrap();
    let on_disk = zorgroute::pipeline::check_at(tmp.path(), today);
    let in_memory = zorgroute::pipeline::check_files(files(tmp.path()), today);
    (printed(&on_disk), printed(&in_memory))
}

/// Every file and folder under `root`, read as they are: parsing, not
/// reading, must leave out what is not content (such as `.gitkeep`).
fn files(root: &Path) -> zorgroute::load::Files {
    let mut files = zorgroute::load::Files::default();
    for entry in walkdir::WalkDir::new(root)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = zorgroute::source::display_name(root, entry.path());
        if entry.file_type().is_dir() {
            files.insert_folder(rel);
        } else {
            files.insert_bytes(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

fn printed(checked: &zorgroute::pipeline::Checked) -> String {
    let mut out = zorgroute::diag::to_plain_string(&checked.diagnostics, &checked.project.sources, checked.lang);
    out.push_str(&zorgroute::diag::summary(&checked.diagnostics, checked.lang));
    out.push('\n');
    out
}

#[test]
fn base_project_is_clean() {
    let (on_disk, in_memory) = check_output(&ui_dir().join("_base"));
    assert_eq!(on_disk, "0 fouten, 0 waarschuwingen\n");
    assert_eq!(in_memory, on_disk);
}

#[test]
fn every_case_prints_its_expected_output() {
    let update = std::env::var_os("UPDATE_UI").is_some();
    let mut failures = Vec::new();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(ui_dir())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    for case in &cases {
        let (actual, in_memory) = check_output(case);
        let name = case.file_name().unwrap().to_string_lossy();
        if in_memory != actual {
            failures.push(format!(
                "--- {name}: in memory\n--- on disk\n{actual}--- in memory\n{in_memory}"
            ));
        }
        let expected_path = case.join("expected.txt");
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!("--- {name}\n--- expected\n{expected}--- actual\n{actual}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
