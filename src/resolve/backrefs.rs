//! Back-references, computed once per region: what an actor owns, joins and
//! is party to; where a procedure is escalated from, its routes and agreements.

use std::collections::HashSet;

use crate::model::*;

/// Fills every back-reference list of the region from the forward references.
pub fn compute(region: &mut Region) {
    let Region {
        actors,
        procedures,
        agreements,
        routes,
        ..
    } = region;
    compute_lists(actors, procedures, agreements, routes);
}

fn compute_lists(actors: &mut [Actor], procedures: &mut [Procedure], agreements: &[Agreement], routes: &[Route]) {
    for (pi, p) in procedures.iter().enumerate() {
        let pix = ProcIx::new(pi);
        if let Some(owner) = p.owner {
            actors[owner.get()].owns.push(pix);
        }
        let mut joined: Vec<ActorIx> = p.participants.clone();
        joined.extend(p.steps.iter().filter_map(|s| s.actor));
        joined.sort();
        joined.dedup();
        for a in joined {
            if Some(a) != p.owner {
                actors[a.get()].joins.push(pix);
            }
        }
    }
    let edges: Vec<(usize, Escalation)> = procedures
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| p.escalates_to.iter().map(move |e| (pi, e.clone())))
        .collect();
    for (from, e) in edges {
        procedures[e.other.get()].escalated_from.push(Escalation {
            other: ProcIx::new(from),
            when: e.when,
        });
    }
    for (ri, r) in routes.iter().enumerate() {
        let mut seen = HashSet::new();
        for s in &r.steps {
            if seen.insert(s.procedure) {
                procedures[s.procedure.get()].routes.push(RouteIx::new(ri));
            }
        }
    }
    for (ai, a) in agreements.iter().enumerate() {
        let aix = AgreementIx::new(ai);
        for &party in &a.parties {
            let list = &mut actors[party.get()].agreements;
            if !list.contains(&aix) {
                list.push(aix);
            }
        }
        for c in &a.commitments {
            for &p in &c.procedures {
                let list = &mut procedures[p.get()].agreements;
                if !list.contains(&aix) {
                    list.push(aix);
                }
            }
        }
    }
    let teams: Vec<(usize, Vec<ActorIx>)> = actors.iter().enumerate().map(|(i, a)| (i, a.members.clone())).collect();
    for (team, members) in teams {
        for m in members {
            actors[m.get()].member_of.push(ActorIx::new(team));
        }
    }
}
