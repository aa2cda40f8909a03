//! The alias check: no old path (`aliases`) may land on a page's path or on
//! another alias's, or a school's link would lead somewhere else.

use std::collections::HashMap;

use crate::diag::{Diagnostic, Problem};
use crate::model::Site;
use crate::plan::{Job, PageKind};
use crate::source::{FileId, Span};
use crate::urls;

/// Checks that no alias lands on a page's path or another alias's.
pub fn check(jobs: &[Job], site: &Site) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &Job> = HashMap::new();
    let mut diags = Vec::new();
    for job in jobs {
        if let Some(first) = seen.insert(&job.path, job) {
            let is_alias = |j: &Job| matches!(j.kind, PageKind::Alias { .. });
            // A page that takes a built-in page's place is reported as a reserved id.
            if !is_alias(job) && !is_alias(first) {
                continue;
            }
            let alias_job = if is_alias(job) { job } else { first };
            let file = alias_file(alias_job, site);
            diags.push(Diagnostic::error(
                Problem::AliasCollision {
                    alias: job.path.trim_end_matches("index.html").to_string(),
                },
                file.map(Span::file_start),
            ));
        }
    }
    diags
}

/// The file of the entity whose alias `job` is.
fn alias_file(job: &Job, site: &Site) -> Option<FileId> {
    let PageKind::Alias { target, .. } = &job.kind else {
        return None;
    };
    let region = site.region(job.region?);
    region
        .entities()
        .find(|e| urls::entity(&region.slug, e.ix.kind(), &e.meta.id) == *target)
        .map(|e| e.meta.file)
}
