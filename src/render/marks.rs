//! The "Gewijzigd in editie X" marks: for every subject of a region that an
//! edition added or changed, the newest such edition and the change's entry
//! on the changes page. Made once per region from its history, so that a
//! page looks up its own mark instead of reading the whole history.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::changes::{ChangeType, Subject};
use crate::model::Region;
use crate::urls;

/// The mark of one subject: which edition last added or changed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeMark {
    pub edition: String,
    /// `added` or `changed`: a new subject says "new in", not "changed in".
    pub change: ChangeType,
    /// The change's entry on the region's changes page, from the site root.
    pub url: String,
}

/// The marks of a region, by subject and id.
#[derive(Debug, Default)]
pub struct Marks(HashMap<Subject, HashMap<String, ChangeMark>>);

impl Marks {
    /// The marks of `region`'s history.
    pub fn of(region: &Region) -> Marks {
        let mut marks = Marks::default();
        let page = urls::changes_page(&region.slug);
        // The history is newest first, so a subject's first mark is its newest.
        for history in &region.history {
            let edition = &history.edition.name;
            // A removed subject has no page left to mark.
            for c in history.changes.iter().filter(|c| c.change != ChangeType::Removed) {
                let by_id = marks.0.entry(c.subject).or_default();
                by_id.entry(c.id.clone()).or_insert_with(|| ChangeMark {
                    edition: edition.clone(),
                    change: c.change,
                    url: format!("{page}#{}", urls::change_anchor(edition, c.subject.word(), &c.id)),
                });
            }
        }
        marks
    }

    /// The mark of the subject `id`, if an edition added or changed it.
    pub fn get(&self, subject: Subject, id: &str) -> Option<&ChangeMark> {
        self.0.get(&subject)?.get(id)
    }

    /// Every mark with its subject and id, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (Subject, &str, &ChangeMark)> {
        self.0
            .iter()
            .flat_map(|(&subject, by_id)| by_id.iter().map(move |(id, mark)| (subject, id.as_str(), mark)))
    }
}
