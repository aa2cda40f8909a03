//! The kinds of entity a handbook has, and the words each is known by in
//! links, folders and URLs: the bottom of the crate, imported by everything.

/// The kinds of entity a handbook has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Actor,
    Procedure,
    Agreement,
    Route,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Actor, Kind::Procedure, Kind::Agreement, Kind::Route, Kind::Page];

    /// The word used in `@kind/id` links and `exclude: [kind/id]`.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Procedure => "procedure",
            Kind::Agreement => "agreement",
            Kind::Route => "route",
            Kind::Page => "page",
        }
    }

    pub fn from_link_word(word: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.word() == word)
    }

    /// The folder of a region or base that holds this kind's files.
    pub fn source_dir(self) -> &'static str {
        match self {
            Kind::Actor => "actors",
            Kind::Procedure => "procedures",
            Kind::Agreement => "agreements",
            Kind::Route => "routes",
            Kind::Page => "pages",
        }
    }

    /// The key of this kind's index title ("Procedures") in the theme's
    /// strings: the theme names each index by its folder's word.
    pub fn index_title_key(self) -> &'static str {
        self.source_dir()
    }
}
