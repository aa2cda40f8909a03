//! What changed between two editions of a region's handbook, as data: the
//! semantic diff (`crate::diff`) makes it, pages, the feed, the export and
//! `zorgroute diff` show it.

use crate::kinds::Kind;

/// A published edition of the handbook: the working tree (the current one)
/// or an earlier one from git or a folder.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Edition {
    pub name: String,
    /// When it was made: its commit's date, else the newest of its files.
    pub date: Option<time::Date>,
}

/// What an earlier edition's pages need to know of the current edition.
#[derive(Debug, Clone, Default)]
pub struct CurrentEdition {
    pub edition: Option<Edition>,
    /// Every path of the current site (from its root): an old page links to
    /// the current page at its own path, when there is one.
    pub paths: std::collections::HashSet<String>,
}

/// The changes one edition made to a region, against the edition before it.
#[derive(Debug, Clone)]
pub struct EditionChanges {
    /// The edition that made the changes.
    pub edition: Edition,
    /// The edition it is compared with.
    pub since: Edition,
    pub changes: Vec<Change>,
}

/// What a change is about: the region's own settings (`region.yaml`), a
/// glossary term, or an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Subject {
    Region,
    Term,
    Entity(Kind),
}

impl Subject {
    /// The word for the subject in JSON and on the command line.
    pub fn word(self) -> &'static str {
        match self {
            Subject::Region => "region",
            Subject::Term => "term",
            Subject::Entity(kind) => kind.word(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeType {
    Added,
    Removed,
    Changed,
}

impl ChangeType {
    /// Its word in JSON and in the pages' styles.
    pub fn word(self) -> &'static str {
        match self {
            ChangeType::Added => "added",
            ChangeType::Removed => "removed",
            ChangeType::Changed => "changed",
        }
    }
}

/// Why an entity appeared, went or changed hands, beyond its own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeNote {
    /// The region now excludes the standard's entity.
    Excluded,
    /// The region's own version is gone: it follows the standard again.
    NowStandard,
    /// The region now has its own version instead of the standard's.
    NowOwn,
}

/// One subject that changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Change {
    pub subject: Subject,
    pub id: String,
    /// The title (or name) in the newer edition, or the older one if removed.
    pub title: String,
    pub change: ChangeType,
    pub note: Option<ChangeNote>,
    /// For a changed subject, each field that changed.
    pub fields: Vec<FieldChange>,
}

/// A field that changed, with its old and new value in words. `path` is the
/// YAML path in the newer file (`steps.2.within`; list positions from 0), or
/// in the older one for what was removed; `body` is the Markdown text, whose
/// values are short excerpts around the words that changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FieldChange {
    pub path: String,
    pub old: Option<String>,
    pub new: Option<String>,
}
