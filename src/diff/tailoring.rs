//! How a region differs from the standard route it follows, in the terms of
//! the editions diff: the diff from the standard (resolved as a region that
//! tailors nothing) to the region, keeping what is tailoring — the region's
//! own versions, exclusions, additions and glossary terms — and leaving out
//! inherited entities that read differently only because they name an
//! actor the region renamed.

use serde::Serialize;

use super::Words;
use crate::i18n::Strings;
use crate::model::changes::{Change, ChangeNote, ChangeType, Subject};
use crate::model::{Region, Site};

/// What a region made of a part of the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Tailored {
    /// Its own version instead of the standard's.
    Changed,
    /// Left out (`exclude:` in region.yaml).
    Excluded,
    /// Its own addition, not in the standard.
    Added,
}

impl Tailored {
    /// The word for it in the theme's strings (`tailoring_<word>`) and in CSS.
    pub fn word(self) -> &'static str {
        match self {
            Tailored::Changed => "changed",
            Tailored::Excluded => "excluded",
            Tailored::Added => "added",
        }
    }
}

fn tailored(change: &Change) -> Option<Tailored> {
    match (change.subject, change.change, change.note) {
        (Subject::Region, ..) => None,
        (_, ChangeType::Added, _) => Some(Tailored::Added),
        (_, ChangeType::Removed, _) => Some(Tailored::Excluded),
        (Subject::Term, ChangeType::Changed, _) | (_, ChangeType::Changed, Some(ChangeNote::NowOwn)) => {
            Some(Tailored::Changed)
        }
        (_, ChangeType::Changed, _) => None,
    }
}

/// Each way `region` differs from the standard route it follows, with what
/// it is; empty when it follows none.
pub fn region(site: &Site, region: &Region, strings: &Strings) -> Vec<(Change, Tailored)> {
    let Some(standard) = site.standard_of(region) else {
        return Vec::new();
    };
    let words = |region| Words { site, region, strings };
    (super::region(super::Compare::OwnVersions, &words(standard), &words(region)).into_iter())
        .filter_map(|c| {
            let how = tailored(&c)?;
            Some((c, how))
        })
        .collect()
}
