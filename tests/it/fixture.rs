//! Projects written as one string, checked in memory: each file starts with a
//! line `//- content/site.yaml` (see `zorgroute::load::Files::from_fixture`).
//! `check!` compares what `zorgroute check` prints with an insta inline
//! snapshot; `outline!` the resolved model, an entity a line.
#![allow(dead_code, unused_macros, unused_imports)]

use std::fmt::Write;

use zorgroute::load::Files;
use zorgroute::model::{Body, Origin, Site};
use zorgroute::pipeline::{self, Checked};

/// The fixture's project, checked (warnings judged against the tests' date).
pub fn checked(fixture: &str) -> Checked {
    pipeline::check_files(Files::from_fixture(fixture), crate::common::today())
}

/// What `zorgroute check` prints for the project, without colour.
pub fn diagnostics(checked: &Checked) -> String {
    let diags = &checked.diagnostics;
    let mut out = zorgroute::diag::to_plain_string(diags, &checked.project.sources, checked.lang);
    out.push_str(&zorgroute::diag::summary(diags, checked.lang));
    out
}

/// The resolved site of a fixture that must check without errors.
pub fn site(fixture: &str) -> std::sync::Arc<Site> {
    let checked = checked(fixture);
    assert!(!checked.has_errors(), "{}", diagnostics(&checked));
    checked.resolved.expect("a site").site
}

/// Every region with its entities (`kind/id origin "title"`), its home text
/// and glossary, and under each body the targets of its `@` links; after
/// the errors, if any (warnings are left to `check!`).
pub fn model_outline(fixture: &str) -> String {
    let checked = checked(fixture);
    if checked.has_errors() {
        return diagnostics(&checked);
    }
    let site = &checked.resolved.as_ref().expect("a site").site;
    let origin = |o: Origin| format!("{o:?}").to_lowercase();
    let links = |out: &mut String, body: &Body| {
        for target in &body.link_targets {
            let _ = writeln!(out, "    -> {target}");
        }
    };
    let mut out = String::new();
    for region in &site.regions {
        let _ = writeln!(out, "{}", region.slug);
        for e in region.entities() {
            let _ = writeln!(
                out,
                "  {}/{} {} {:?}",
                e.ix.kind().word(),
                e.meta.id,
                origin(e.meta.origin),
                e.title
            );
        }
        for (file, body) in region.bodies().filter(|(_, b)| !b.link_targets.is_empty()) {
            let _ = writeln!(out, "  links in {}", checked.project.sources.get(file).name);
            links(&mut out, body);
        }
        if let Some(home) = &region.home {
            let _ = writeln!(out, "  home {} {:?}", origin(home.meta.origin), home.title);
        }
        for t in &region.glossary {
            let abbr = t.abbreviation.as_deref().unwrap_or("-");
            let _ = writeln!(out, "  term/{} {} {abbr} {:?}", t.id, origin(t.origin), t.term);
        }
    }
    out
}

/// `check!(fixture, @"...")`: what `zorgroute check` prints for the project.
macro_rules! check {
    ($fixture:expr, @$expect:literal) => {
        insta::assert_snapshot!($crate::fixture::diagnostics(&$crate::fixture::checked($fixture)), @$expect)
    };
}

/// `outline!(fixture, @"...")`: the resolved model, see [`model_outline`].
macro_rules! outline {
    ($fixture:expr, @$expect:literal) => {
        insta::assert_snapshot!($crate::fixture::model_outline($fixture), @$expect)
    };
}

pub(crate) use {check, outline};
