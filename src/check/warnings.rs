//! Warnings: things in a valid handbook that a coordinator should look at
//! in the resolved model (stale contacts, agreements past review, unreachable
//! procedures); warnings about what a file leaves out come from resolve. They
//! never stop a build; `check --deny-warnings` makes them fail a region's CI.
//! A warning about a file is the same whichever region sees the file;
//! identical ones are merged when reported.

use crate::diag::{Diagnostic, Problem};
use crate::model::*;
use crate::source::YamlPath;
use crate::source::{Sources, Span};

/// Collects the warnings of every region. `today` is passed in so that
/// results are reproducible.
pub fn check(site: &Site, sources: &Sources, today: time::Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for region in &site.regions {
        let at = |file, path: &YamlPath| Some(sources.value_span(file, path));
        for a in &region.agreements {
            if let Some(review) = a.review.filter(|r| *r < today) {
                out.push(Diagnostic::warning(
                    Problem::ReviewPast {
                        date: review.to_string(),
                    },
                    at(a.meta.file, &YamlPath::field("review")),
                ));
            }
        }
        for a in &region.actors {
            let no_contact = || Problem::NoContact { name: a.name.clone() };
            match &a.contact {
                // A role needs no contact details of its own (`ActorKind::needs_contact`).
                None if !a.kind.needs_contact() => {}
                None => out.push(Diagnostic::warning(no_contact(), Some(Span::file_start(a.meta.file)))),
                Some(c) if c.is_empty() && a.kind.needs_contact() => out.push(Diagnostic::warning(
                    no_contact(),
                    at(a.meta.file, &YamlPath::field("contact")),
                )),
                Some(c) => {
                    if let Some(verified) = c.verified.filter(|_| c.is_stale(today)) {
                        out.push(Diagnostic::warning(
                            Problem::ContactStale {
                                date: verified.to_string(),
                            },
                            at(a.meta.file, &YamlPath::field("contact").key("verified")),
                        ));
                    }
                }
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
