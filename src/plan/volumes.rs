//! The draaiboek of a very large region in volumes (*delen*), each a PDF of
//! its own: `draaiboek.pdf` and `draaiboek-deel-2.pdf`, ...
//!
//! Typst lays a document out whole, in memory, at about 1.4 MB a page: the
//! draaiboek of the 10,000-page benchmark (7,000 procedures, some 19,000
//! pages) wanted more than 18 GB and never finished. A region of more than
//! [`VOLUME_ENTRIES`] procedures, actors, agreements and information pages
//! (real regions have tens) is therefore cut into volumes: the first holds
//! the introduction, the diagram and the routes, the others the entries in
//! reading order, a balanced share each, and the last also the forms, the
//! glossary and the sociale kaart. Volumes are typeset one per core, so the
//! memory a build needs has a bound and a large region's draaiboek is made
//! on both cores. A region within the limit has one draaiboek, as before.

use std::ops::Range;

use crate::kinds::Kind;
use crate::model::*;

/// The most entries (procedures, actors, agreements, information pages)
/// one draaiboek holds: about 400 pages with the bodies of the benchmark,
/// some 600 MB to typeset.
pub const VOLUME_ENTRIES: usize = 150;

/// What one volume of a region's draaiboek holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volume {
    /// From 1.
    pub number: usize,
    /// How many volumes the draaiboek has.
    pub total: usize,
    /// The introduction, the diagram (and in words) and the routes.
    pub front: bool,
    /// Its entries: positions in [`entries`].
    pub entries: Range<usize>,
    /// The forms, the glossary and the sociale kaart.
    pub back: bool,
}

impl Volume {
    /// Whether the draaiboek is this one volume.
    pub fn is_whole(&self) -> bool {
        self.total == 1
    }
}

/// The region's entries in the draaiboek's reading order: procedures by
/// level, actors by level, agreements, information pages.
pub fn entries(region: &Region, levels: usize) -> Vec<EntityIx> {
    let procedures = (0..levels).flat_map(|li| {
        (region.procedures.iter().enumerate())
            .filter(move |(_, p)| p.level == li)
            .map(|(i, _)| EntityIx::Procedure(ProcIx::new(i)))
    });
    let actors = (0..levels).flat_map(|li| {
        (region.actors.iter().enumerate())
            .filter(move |(_, a)| a.level == li)
            .map(|(i, _)| EntityIx::Actor(ActorIx::new(i)))
    });
    let rest = [Kind::Agreement, Kind::Page]
        .into_iter()
        .flat_map(|kind| (0..region.count(kind)).map(move |i| EntityIx::new(kind, i)));
    procedures.chain(actors).chain(rest).collect()
}

/// The volumes of a draaiboek of `entries` entries.
pub fn volumes(entries: usize) -> Vec<Volume> {
    if entries <= VOLUME_ENTRIES {
        return vec![Volume {
            number: 1,
            total: 1,
            front: true,
            entries: 0..entries,
            back: true,
        }];
    }
    let parts = entries.div_ceil(VOLUME_ENTRIES);
    let total = parts + 1;
    let mut volumes = vec![Volume {
        number: 1,
        total,
        front: true,
        entries: 0..0,
        back: false,
    }];
    for k in 0..parts {
        let range = k * entries / parts..(k + 1) * entries / parts;
        volumes.push(Volume {
            number: k + 2,
            total,
            front: false,
            entries: range,
            back: k + 1 == parts,
        });
    }
    volumes
}

/// How many volumes `region`'s draaiboek has.
pub fn count(region: &Region) -> usize {
    let entries = [Kind::Procedure, Kind::Actor, Kind::Agreement, Kind::Page]
        .into_iter()
        .map(|kind| region.count(kind))
        .sum();
    volumes(entries).len()
}

/// The volumes of `region`'s draaiboek, with the volume of each entry.
pub struct Volumes {
    pub list: Vec<Volume>,
    entries: Vec<EntityIx>,
    /// The volume number of each entry, by entity.
    of_entity: std::collections::HashMap<EntityIx, usize>,
}

impl Volumes {
    pub fn of(region: &Region, levels: usize) -> Volumes {
        let entries = entries(region, levels);
        let list = volumes(entries.len());
        let of_entity = (list.iter())
            .flat_map(|v| entries[v.entries.clone()].iter().map(move |&e| (e, v.number)))
            .collect();
        Volumes {
            list,
            entries,
            of_entity,
        }
    }

    /// Volume `number` (from 1); the last one for a number past the end.
    pub fn get(&self, number: usize) -> &Volume {
        let i = number.clamp(1, self.list.len()) - 1;
        &self.list[i]
    }

    /// The entries volume `v` holds, in reading order.
    pub fn entries_of(&self, v: &Volume) -> &[EntityIx] {
        &self.entries[v.entries.clone()]
    }

    /// The volume that holds entity `e`; routes are in the first.
    pub fn volume_of(&self, e: EntityIx) -> usize {
        self.of_entity.get(&e).copied().unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_within_the_limit_is_one_whole_draaiboek() {
        let one = volumes(VOLUME_ENTRIES);
        assert_eq!(one.len(), 1);
        assert!(one[0].is_whole() && one[0].front && one[0].back);
        assert_eq!(one[0].entries, 0..VOLUME_ENTRIES);
    }

    #[test]
    fn a_larger_one_has_a_front_volume_and_balanced_shares_that_cover_every_entry_once() {
        for n in [VOLUME_ENTRIES + 1, 2 * VOLUME_ENTRIES, 7 * VOLUME_ENTRIES + 3, 10_000] {
            let list = volumes(n);
            assert!(list[0].front && list[0].entries.is_empty() && !list[0].back);
            let shares = &list[1..];
            assert!(shares.iter().all(|v| !v.front && v.entries.len() <= VOLUME_ENTRIES));
            assert_eq!(shares.iter().filter(|v| v.back).count(), 1);
            assert!(shares.last().is_some_and(|v| v.back));
            let covered: Vec<usize> = shares.iter().flat_map(|v| v.entries.clone()).collect();
            assert_eq!(covered, (0..n).collect::<Vec<_>>(), "{n} entries");
            let (min, max) = (
                shares.iter().map(|v| v.entries.len()).min(),
                shares.iter().map(|v| v.entries.len()).max(),
            );
            assert!(max.unwrap() - min.unwrap() <= 1, "balanced: {n}");
            assert!(list
                .iter()
                .enumerate()
                .all(|(i, v)| v.number == i + 1 && v.total == list.len()));
        }
    }
}
