//! Warnings about roles and responsibilities ("duidelijke rollen, zonder
//! overlap"): two procedures of one level with the same owner and the same
//! trigger, which likely describe the same work twice; and an actor in the
//! steering group or an agreement that has no part in any procedure.

use std::collections::HashMap;

use crate::diag::{Diagnostic, Problem};
use crate::model::*;
use crate::source::{Sources, Span, YamlPath};
use crate::values::fold_whitespace;

pub fn check(site: &Site, sources: &Sources) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for region in &site.regions {
        overlaps(region, sources, &mut out);
        idle_actors(region, &mut out);
    }
    out
}

/// The second of two procedures with one level, owner and trigger.
fn overlaps(region: &Region, sources: &Sources, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(LevelIx, ActorIx, String), &Procedure> = HashMap::new();
    for p in &region.procedures {
        let (Some(owner), Some(trigger)) = (p.owner, p.trigger.as_deref().map(fold_whitespace)) else {
            continue;
        };
        if trigger.is_empty() {
            continue;
        }
        let key = (p.level, owner, trigger.to_lowercase());
        match seen.get(&key) {
            Some(first) => out.push(Diagnostic::warning(
                Problem::ProcedureOverlap {
                    title: p.title.clone(),
                    other: first.title.clone(),
                    owner: region.actor(owner).name.clone(),
                },
                Some(sources.value_span(p.meta.file, &YamlPath::field("trigger"))),
            )),
            None => {
                seen.insert(key, p);
            }
        }
    }
}

/// Actors the steering group or an agreement names that no procedure gives
/// a part (owner, participant or a step's actor).
fn idle_actors(region: &Region, out: &mut Vec<Diagnostic>) {
    let mut busy = vec![false; region.actors.len()];
    for p in &region.procedures {
        let actors = p
            .owner
            .iter()
            .chain(&p.participants)
            .chain(p.steps.iter().filter_map(|s| s.actor.as_ref()));
        for a in actors {
            busy[a.get()] = true;
        }
    }
    let named = region
        .steering_group
        .iter()
        .chain(region.agreements.iter().flat_map(|a| &a.parties));
    let mut reported = vec![false; region.actors.len()];
    for &a in named {
        if busy[a.get()] || std::mem::replace(&mut reported[a.get()], true) {
            continue;
        }
        let actor = region.actor(a);
        out.push(Diagnostic::warning(
            Problem::ActorWithoutProcedure {
                name: actor.name.clone(),
            },
            Some(Span::file_start(actor.meta.file)),
        ));
    }
}
