//! Snapshot tests: each fixture project builds, and every page it produces is
//! compared with its recorded snapshot (review changes with `cargo insta review`).

use crate::common;

fn snapshot_fixture(name: &str) {
    let (_tmp, out) = common::build(&common::fixture(name));
    let files = common::files(&out);
    let listing: Vec<&str> = files.keys().map(String::as_str).collect();
    insta::assert_snapshot!(format!("{name}__files"), listing.join("\n"));
    for (path, bytes) in &files {
        // Pages, and the exports whose bytes do not depend on the day of the
        // build (afspraken.ics has the build date as its time stamp, and the
        // PDF cache's record keys each draaiboek by the date on its cover).
        let exported = [".json", ".vcf", ".xml", ".txt"].iter().any(|ext| path.ends_with(ext));
        let dated = path.ends_with(".zorgroute-pdf.json");
        if (path.ends_with(".html") || exported) && !dated {
            let snapshot_name = format!("{name}__{}", path.replace('/', "__"));
            insta::assert_snapshot!(snapshot_name, String::from_utf8_lossy(bytes));
        }
    }
    let broken = common::broken_links(&out);
    assert!(broken.is_empty(), "broken links in {name}:\n{}", broken.join("\n"));
}

#[test]
fn minimal_single_region() {
    snapshot_fixture("minimal");
}

#[test]
fn inheritance_override_exclude_addition() {
    snapshot_fixture("inheritance");
}

#[test]
fn english_site_with_own_levels() {
    snapshot_fixture("english");
}

#[test]
fn links_and_anchors() {
    snapshot_fixture("links");
}

#[test]
fn spec_variants_and_copied_files() {
    snapshot_fixture("spec-variants");
}
