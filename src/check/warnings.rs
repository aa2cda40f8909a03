//! Warnings: things in a valid handbook that a coordinator should look at
//! in the resolved model (contacts and reviews that come due within
//! site.yaml's `review_warning_days` or are past, unreachable procedures);
//! warnings about what a file leaves out come from resolve. They
//! never stop a build; `check --deny-warnings` makes them fail a region's CI.
//! A warning about a file is the same whichever region sees the file;
//! identical ones are merged when reported.

use super::upkeep;
use crate::diag::{Diagnostic, DueTask, Problem};
use crate::model::*;
use crate::source::YamlPath;
use crate::source::{Sources, Span};

/// Collects the warnings of every region. `today` is passed in so that
/// results are reproducible.
pub fn check(site: &Site, sources: &Sources, today: time::Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let ahead = i64::from(site.review_warning_days);
    for region in &site.regions {
        let at = |file, path: &YamlPath| Some(sources.value_span(file, path));
        // What comes due: once passed, and `review_warning_days` ahead.
        for due in upkeep::items(region) {
            let days = due.days_left(today);
            if days > ahead {
                continue;
            }
            let (problem, path) = match (due.task, due.verified) {
                (DueTask::ContactCheck, Some(verified)) => {
                    let date = verified.to_string();
                    let problem = if due.overdue(today) {
                        Problem::ContactStale { date }
                    } else {
                        let due = due.date.to_string();
                        Problem::ContactDue { date, due, days }
                    };
                    (problem, YamlPath::field("contact").key("verified"))
                }
                _ => {
                    let (kind, date) = (due.kind, due.date.to_string());
                    let problem = if due.overdue(today) {
                        Problem::ReviewPast { kind, date }
                    } else {
                        Problem::ReviewDue { kind, date, days }
                    };
                    (problem, YamlPath::field("review"))
                }
            };
            out.push(Diagnostic::warning(problem, at(due.meta.file, &path)));
        }
        for a in &region.actors {
            let no_contact = || Problem::NoContact { name: a.name.clone() };
            match &a.contact {
                // A role needs no contact details of its own (`ActorKind::needs_contact`).
                _ if !a.kind.needs_contact() => {}
                None => out.push(Diagnostic::warning(no_contact(), Some(Span::file_start(a.meta.file)))),
                Some(c) if c.is_empty() => out.push(Diagnostic::warning(
                    no_contact(),
                    at(a.meta.file, &YamlPath::field("contact")),
                )),
                Some(_) => {}
            }
        }
        for (i, p) in region.procedures.iter().enumerate() {
            let reached_by_other = p.escalated_from.iter().any(|e| e.other.get() != i);
            if p.routes.is_empty() && !reached_by_other {
                out.push(Diagnostic::warning(
                    Problem::Unreachable { title: p.title.clone() },
                    Some(Span::file_start(p.meta.file)),
                ));
            }
        }
    }
    out
}
