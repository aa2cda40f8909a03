//! Who does what: a region's actors against its procedures, each cell the
//! actor's part in the procedure (owner, participant, actor of step N),
//! actors grouped by level; and one actor's row, which its page shows.

use serde::Serialize;

use super::views::{levels_with, Link, Titled, Views};
use crate::i18n::Strings;
use crate::kinds::Kind;
use crate::model::{ActorIx, Part, ProcIx, Procedure};

/// The matrix of a region.
#[derive(Debug, Serialize)]
pub struct RolesView {
    /// The procedures, numbered from 1 in reading order: the columns.
    pub procedures: Vec<Column>,
    /// The actors by level: the rows.
    pub levels: Vec<Titled<Row>>,
}

#[derive(Debug, Serialize)]
pub struct Column {
    pub number: usize,
    pub link: Link,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub actor: Link,
    /// One cell per procedure, in the columns' order.
    pub cells: Vec<PartView>,
    /// How many procedures the actor has a part in.
    pub count: usize,
}

/// An actor's part in one procedure; empty when it has none.
#[derive(Debug, Default, Serialize)]
pub struct PartView {
    #[serde(flatten)]
    pub part: Part,
    /// The part in words, for the row on the actor's page and for screen readers.
    pub text: String,
}

/// The part of actor `a` in procedure `p`, with its text in the site's language.
fn part(p: &Procedure, a: ActorIx, t: &Strings) -> PartView {
    let part = p.part_of(a);
    let mut words = Vec::new();
    if part.owner {
        words.push(t.get("role_owner").to_string());
    }
    if part.participant {
        words.push(t.get("role_participant").to_string());
    }
    if !part.steps.is_empty() {
        let numbers: Vec<String> = part.steps.iter().map(usize::to_string).collect();
        let key = if part.steps.len() == 1 {
            "role_step"
        } else {
            "role_steps"
        };
        words.push(format!("{} {}", t.get(key), numbers.join(", ")));
    }
    PartView {
        text: words.join("; "),
        part,
    }
}

/// The who-does-what matrix of the region of `v`.
pub fn view(v: &Views<'_>, t: &Strings) -> RolesView {
    let region = v.region;
    let procedures: Vec<Column> = (0..region.procedures.len())
        .filter_map(|i| v.link(Kind::Procedure, i))
        .enumerate()
        .map(|(i, link)| Column { number: i + 1, link })
        .collect();
    let levels = levels_with(&v.site.levels, "wie", |level| {
        (region.actors.iter().enumerate())
            .filter(|(_, a)| a.level == level)
            .map(|(i, _)| {
                let a = ActorIx::new(i);
                let cells: Vec<PartView> = region.procedures.iter().map(|p| part(p, a, t)).collect();
                Row {
                    actor: v.link_to(a),
                    count: cells.iter().filter(|c| !c.part.is_none()).count(),
                    cells,
                }
            })
            .collect()
    });
    RolesView { procedures, levels }
}

/// One actor's row: each procedure it has a part in, with that part.
#[derive(Debug, Serialize)]
pub struct ActorPart {
    pub procedure: Link,
    pub part: PartView,
}

pub fn actor_row(v: &Views<'_>, a: ActorIx, t: &Strings) -> Vec<ActorPart> {
    (v.region.procedures.iter().enumerate())
        .map(|(i, p)| (ProcIx::new(i), part(p, a, t)))
        .filter(|(_, part)| !part.part.is_none())
        .map(|(ix, part)| ActorPart {
            procedure: v.link_to(ix),
            part,
        })
        .collect()
}
