//! The example handbook in content/ builds, is big enough to be realistic, and
//! every internal link and fragment in its output resolves.

use crate::common;

#[test]
fn example_builds_with_every_link_resolving() {
    let (_tmp, out) = common::build(&common::example());
    let files = common::files(&out);
    let pages = files.keys().filter(|p| p.ends_with(".html")).count();
    assert!(pages >= 60, "only {pages} pages");
    let broken = common::broken_links(&out);
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn example_has_every_page_at_its_contract_url() {
    let (_tmp, out) = common::build(&common::example());
    for path in [
        "index.html",
        "404.html",
        "waterland/index.html",
        "waterland/procedures/index.html",
        "waterland/procedures/verzuim/index.html",
        "waterland/actoren/index.html",
        "waterland/actoren/intern-begeleider/index.html",
        "waterland/afspraken/index.html",
        "waterland/afspraken/convenant-jeugd/index.html",
        "waterland/routes/index.html",
        "waterland/routes/van-signaal-tot-arrangement/index.html",
        "waterland/visie/index.html",
        "waterland/begrippen/index.html",
        "fryske-walden/procedures/terugplaatsing/index.html",
    ] {
        assert!(out.join(path).is_file(), "missing {path}");
    }
    // Waterland excludes the standard `terugplaatsing`.
    assert!(!out.join("waterland/procedures/terugplaatsing/index.html").exists());
    // Steps carry stable anchors.
    let verzuim = std::fs::read_to_string(out.join("waterland/procedures/verzuim/index.html")).unwrap();
    assert!(verzuim.contains("id=\"stap-1\""));
    assert!(verzuim.contains("<html lang=\"nl\">"));
    assert_eq!(verzuim.matches("<h1").count(), 1, "one h1 per page");
}

/// A fresh clone builds without a single warning: on the tests' date, and
/// still three months on (contact details and reviews come due 60 days ahead).
#[test]
fn example_checks_without_warnings() {
    for today in [common::today(), zorgroute::values::parse_date("2027-03-01").unwrap()] {
        let checked = zorgroute::pipeline::check_at(&common::example(), today);
        let text = zorgroute::diag::to_plain_string(&checked.diagnostics, &checked.project.sources, checked.lang);
        assert!(checked.diagnostics.is_empty(), "on {today}:\n{text}");
    }
}
