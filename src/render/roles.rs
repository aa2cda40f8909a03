//! Who does what: a region's actors against its procedures, each cell the
//! actor's part in the procedure (owner, participant, actor of step N),
//! actors grouped by level; and one actor's row, which its page shows. A
//! region with more procedures than a table can show side by side lists
//! each actor's parts instead.

use serde::Serialize;

use super::views::{levels_with, Link, Titled, Views};
use crate::i18n::Strings;
use crate::kinds::Kind;
use crate::model::{ActorIx, Part, ProcIx, Region};

/// The most procedures shown as the columns of one table. Beyond this the
/// columns are too many to read across, and the table grows with actors
/// times procedures (2,000 by 7,000 cells in the largest benchmark), so
/// each actor lists its procedures instead.
pub const MATRIX_COLUMNS: usize = 80;

/// Who does what in a region: a matrix, or for a large region a list per actor.
#[derive(Debug, Serialize)]
pub struct RolesView {
    /// Whether the rows are a matrix's (`cells`) or lists (`parts`).
    pub matrix: bool,
    /// The procedures, numbered from 1 in reading order: the matrix's
    /// columns, and the legend below it.
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
    /// In a matrix, one cell per procedure in the columns' order: `None`
    /// where the actor has no part.
    pub cells: Vec<Option<PartView>>,
    /// Without a matrix, the procedures the actor has a part in.
    pub parts: Vec<ActorPart>,
    /// How many procedures the actor has a part in.
    pub count: usize,
}

/// An actor's part in one procedure. The matrix leaves a cell without a
/// part empty (`None`, null to the template): a large region's matrix is
/// mostly empty cells, and each one made a value of four fields.
#[derive(Debug, Serialize)]
pub struct PartView {
    #[serde(flatten)]
    pub part: Part,
    /// The part in words, for the row on the actor's page and for screen readers.
    pub text: String,
}

/// Every actor's parts in the region's procedures, found in one pass over
/// the procedures and shared by the matrix and the actors' pages (asking
/// each procedure for each actor's part was quadratic: 140,000 questions
/// in a region of 200 actors and 700 procedures).
pub struct Parts(Vec<Vec<(ProcIx, Part)>>);

impl Parts {
    pub fn of(region: &Region) -> Parts {
        let mut by_actor: Vec<Vec<(ProcIx, Part)>> = vec![Vec::new(); region.actors.len()];
        for (i, p) in region.procedures.iter().enumerate() {
            let mut actors: Vec<ActorIx> = (p.owner.into_iter())
                .chain(p.participants.iter().copied())
                .chain(p.steps.iter().filter_map(|s| s.actor))
                .collect();
            actors.sort_unstable();
            actors.dedup();
            for a in actors {
                by_actor[a.get()].push((ProcIx::new(i), p.part_of(a)));
            }
        }
        Parts(by_actor)
    }

    /// The procedures actor `a` has a part in, in reading order, with that part.
    fn of_actor(&self, a: ActorIx) -> &[(ProcIx, Part)] {
        self.0.get(a.get()).map_or(&[], Vec::as_slice)
    }
}

/// A part with its text in the site's language.
fn part_view(part: &Part, t: &Strings) -> PartView {
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
        part: part.clone(),
    }
}

/// Who does what in the region of `v`.
pub fn view(v: &Views<'_>, parts: &Parts, t: &Strings) -> RolesView {
    let region = v.region;
    let matrix = region.procedures.len() <= MATRIX_COLUMNS;
    let procedures: Vec<Column> = if matrix {
        (0..region.procedures.len())
            .filter_map(|i| v.link(Kind::Procedure, i))
            .enumerate()
            .map(|(i, link)| Column { number: i + 1, link })
            .collect()
    } else {
        Vec::new()
    };
    let levels = levels_with(&v.site.levels, "wie", |level| {
        (region.actors.iter().enumerate())
            .filter(|(_, a)| a.level == level)
            .map(|(i, _)| {
                let a = ActorIx::new(i);
                let mut cells = Vec::new();
                if matrix {
                    cells = (0..region.procedures.len()).map(|_| None).collect();
                    for (p, part) in parts.of_actor(a) {
                        cells[p.get()] = Some(part_view(part, t));
                    }
                }
                Row {
                    actor: v.link_to(a),
                    count: parts.of_actor(a).len(),
                    parts: if matrix { Vec::new() } else { actor_row(v, parts, a, t) },
                    cells,
                }
            })
            .collect()
    });
    RolesView {
        matrix,
        procedures,
        levels,
    }
}

/// One actor's row: each procedure it has a part in, with that part.
#[derive(Debug, Serialize)]
pub struct ActorPart {
    pub procedure: Link,
    pub part: PartView,
}

pub fn actor_row(v: &Views<'_>, parts: &Parts, a: ActorIx, t: &Strings) -> Vec<ActorPart> {
    (parts.of_actor(a).iter())
        .map(|(ix, part)| ActorPart {
            procedure: v.link_to(*ix),
            part: part_view(part, t),
        })
        .collect()
}
