//! Link resolution: every `@kind/id#anchor` in a body becomes a path from the
//! site root, checked against the region's entities and their anchors.

use std::collections::{HashMap, HashSet};

use crate::diag::{Diagnostic, Problem};
use crate::model::*;
use crate::source::{FileId, Span};
use crate::urls;

use super::context::Cx;
use crate::diag::suggest::nearest;

/// Resolves every `@kind/id#anchor` link of every body in the region to a
/// path from the site root; reports links to nothing.
pub fn resolve(cx: &mut Cx<'_>, region: &mut Region) {
    // Anchors each target offers: its headings, and `stap-N` for procedures.
    let mut anchors: HashMap<(Kind, &str), HashSet<String>> = HashMap::new();
    let heading_ids = |b: &Body| b.md.headings.iter().map(|h| h.id.clone()).collect::<HashSet<_>>();
    for e in region.entities() {
        let mut set = e.body.map(heading_ids).unwrap_or_default();
        match e.ix {
            EntityIx::Procedure(i) => {
                set.extend((1..=region.procedure(i).steps.len()).map(crate::urls::step_anchor));
            }
            // The theme's commitments section: the anchor the SPEC's example links to.
            EntityIx::Agreement(i) if !region.agreement(i).commitments.is_empty() => {
                set.insert("toezeggingen".into());
            }
            _ => {}
        }
        anchors.insert((e.ix.kind(), &e.meta.id), set);
    }

    let slug = region.slug.clone();
    let resolve_body = |cx: &mut Cx<'_>, file: FileId, body: &Body| -> Vec<String> {
        body.md
            .links
            .iter()
            .map(|link| {
                let span = Span::new(file, link.span.clone());
                let target = match &link.target {
                    Ok(t) => t,
                    Err(raw) => {
                        cx.push(Diagnostic::error(Problem::BadLink { target: raw.clone() }, Some(span)));
                        return "#".to_string();
                    }
                };
                let Some(offered) = anchors.get(&(target.kind, target.id.as_str())) else {
                    cx.unknown(target.kind, &target.id, span);
                    return "#".to_string();
                };
                let mut url = urls::entity(&slug, target.kind, &target.id);
                if let Some(anchor) = &target.anchor {
                    if !offered.contains(anchor) {
                        let suggestions = nearest(anchor, offered.iter().map(String::as_str));
                        cx.push(Diagnostic::error(
                            Problem::UnknownAnchor {
                                target: format!("{}/{}", target.kind.word(), target.id),
                                anchor: anchor.clone(),
                                suggestions,
                            },
                            Some(span),
                        ));
                    }
                    url.push('#');
                    url.push_str(anchor);
                }
                url
            })
            .collect()
    };
    let targets: Vec<Vec<String>> = region
        .bodies()
        .map(|(file, body)| resolve_body(cx, file, body))
        .collect();
    for (b, t) in region.bodies_mut().zip(targets) {
        b.link_targets = t;
    }
}
