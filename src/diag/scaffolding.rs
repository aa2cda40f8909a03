//! What `zorgroute init` and `zorgroute new` can refuse, and the kinds of file
//! `new` makes, with their words and sentences in Dutch and English.
//!
//! The kinds live here, not in `scaffold`, because the sentences need their
//! words and the catalogue sits below the tools that use it.

use std::fmt;
use std::io;
use std::path::PathBuf;

use super::messages::{list, pick};
use crate::i18n::Lang;
use crate::kinds::Kind;

/// What `zorgroute new` can create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NewKind {
    Region,
    Procedure,
    Actor,
    Agreement,
    Route,
    Page,
}

impl NewKind {
    pub const ALL: [NewKind; 6] = [
        NewKind::Region,
        NewKind::Procedure,
        NewKind::Actor,
        NewKind::Agreement,
        NewKind::Route,
        NewKind::Page,
    ];

    /// The word on the command line: `region`, `procedure`, ...
    pub fn word(self) -> &'static str {
        match self {
            NewKind::Region => "region",
            NewKind::Procedure => "procedure",
            NewKind::Actor => "actor",
            NewKind::Agreement => "agreement",
            NewKind::Route => "route",
            NewKind::Page => "page",
        }
    }

    /// Reads a kind in English or Dutch (`regio`, `afspraak`, `pagina`).
    pub fn parse(word: &str) -> Option<NewKind> {
        Some(match word.trim().to_ascii_lowercase().as_str() {
            "region" | "regio" => NewKind::Region,
            "procedure" => NewKind::Procedure,
            "actor" => NewKind::Actor,
            "agreement" | "afspraak" => NewKind::Agreement,
            "route" => NewKind::Route,
            "page" | "pagina" => NewKind::Page,
            _ => return None,
        })
    }

    /// The entity a new file of this kind holds; a region is a folder, not an entity.
    pub fn entity_kind(self) -> Option<Kind> {
        match self {
            NewKind::Region => None,
            NewKind::Procedure => Some(Kind::Procedure),
            NewKind::Actor => Some(Kind::Actor),
            NewKind::Agreement => Some(Kind::Agreement),
            NewKind::Route => Some(Kind::Route),
            NewKind::Page => Some(Kind::Page),
        }
    }

    /// The command-line words of all kinds, for "choose from" lists.
    pub(super) fn words() -> String {
        NewKind::ALL.map(NewKind::word).join(", ")
    }

    /// The kind as a word in a sentence.
    fn noun(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (NewKind::Region, Lang::Nl) => "regio",
            (NewKind::Agreement, Lang::Nl) => "afspraak",
            (NewKind::Page, Lang::Nl) => "pagina",
            (kind, _) => kind.word(),
        }
    }

    fn plural(self, lang: Lang) -> &'static str {
        // Each kind's plural in Dutch and English, side by side.
        let (nl, en) = match self {
            NewKind::Region => ("regio's", "regions"),
            NewKind::Procedure => ("procedures", "procedures"),
            NewKind::Actor => ("actoren", "actors"),
            NewKind::Agreement => ("afspraken", "agreements"),
            NewKind::Route => ("routes", "routes"),
            NewKind::Page => ("pagina's", "pages"),
        };
        match lang {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// `count` of this kind: the noun for one, else the plural.
    fn counted(self, count: usize, lang: Lang) -> &'static str {
        if count == 1 {
            self.noun(lang)
        } else {
            self.plural(lang)
        }
    }
}

impl fmt::Display for NewKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// Why `init` or `new` did not create anything (or stopped halfway on a
/// write error), with the data the message needs.
#[derive(Debug)]
pub enum ScaffoldProblem {
    /// `init` into a folder that already holds files.
    NotEmpty {
        dir: PathBuf,
    },
    /// `init` into a path that is a file.
    NotAFolder {
        path: PathBuf,
    },
    /// `new` outside a project: there is no `content/site.yaml`.
    NoProject {
        root: PathBuf,
    },
    /// The id is not lower-case `a-z0-9-`; `suggestion` is what it could be.
    InvalidId {
        id: String,
        suggestion: Option<String>,
    },
    /// The id names a built-in page or folder.
    ReservedId {
        id: String,
    },
    /// `--region` names no folder under `content/`.
    UnknownRegion {
        region: String,
        known: Vec<String>,
    },
    /// No region given, no `_standaard`, and not exactly one region.
    NoTarget {
        known: Vec<String>,
    },
    /// The new file would reference `count` of `needed`, and `folder` does
    /// not see that many yet (a procedure needs an actor to be responsible).
    NeedsFirst {
        kind: NewKind,
        needed: NewKind,
        count: usize,
        folder: String,
    },
    /// The file to write exists already (or another file has that id).
    Exists {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl ScaffoldProblem {
    /// The message in `lang`, in plain words, saying what to do instead.
    #[rustfmt::skip] // one message a line: the case, its Dutch text, its English text
    pub fn message(&self, lang: Lang) -> String {
        use ScaffoldProblem::*;
        match self {
            NotEmpty { dir } => {
                let dir = dir.display();
                pick(lang, format!("de map {dir} is niet leeg; kies een nieuwe of lege map, zodat er niets wordt overschreven"), format!("the folder {dir} is not empty; choose a new or empty folder, so nothing is overwritten"))
            }
            NotAFolder { path } => {
                let path = path.display();
                pick(lang, format!("{path} is een bestand, geen map"), format!("{path} is a file, not a folder"))
            }
            NoProject { root } => {
                let root = root.display();
                pick(lang, format!("in {root} staat geen content/site.yaml, dus dit is geen zorgroute-project; begin er een met `zorgroute init <map>` of geef de projectmap met --root"), format!("{root} has no content/site.yaml, so it is not a zorgroute project; start one with `zorgroute init <folder>` or give the project folder with --root"))
            }
            InvalidId { id, suggestion } => {
                let hint = |words: &str| {
                    suggestion
                        .as_ref()
                        .map(|s| format!("; {words} `{s}`?"))
                        .unwrap_or_default()
                };
                pick(lang, format!("`{id}` is geen geldige id: gebruik alleen kleine letters, cijfers en streepjes{}", hint("bedoelt u")), format!("`{id}` is not a valid id: use only lower-case letters, digits and hyphens{}", hint("did you mean")))
            }
            ReservedId { id } => pick(lang, format!("de id `{id}` is al in gebruik voor een vaste pagina of map; kies een andere id"), format!("the id `{id}` is taken by a built-in page or folder; choose another id")),
            UnknownRegion { region, known } => pick(lang, format!("er is geen map content/{region}/; kies een van deze: {}", list(known)), format!("there is no folder content/{region}/; choose one of: {}", list(known))),
            NoTarget { known } if known.is_empty() => pick(lang, "er is nog geen regio en geen content/_standaard/; maak eerst een regio met `zorgroute new region <id>`".into(), "there is no region and no content/_standaard/ yet; create a region first with `zorgroute new region <id>`".into()),
            NoTarget { known } => pick(lang, format!("zeg met --region in welke map het bestand komt: {}", list(known)), format!("say with --region which folder the file goes into: {}", list(known))),
            Exists { path } => {
                let path = path.display();
                pick(lang, format!("{path} bestaat al; zorgroute overschrijft geen bestanden: kies een andere id of pas het bestaande bestand aan"), format!("{path} already exists; zorgroute never overwrites files: choose another id or edit the existing file"))
            }
            NeedsFirst { kind, needed, count, folder } => pick(lang, format!("een nieuwe {} verwijst naar {count} {}, maar content/{folder}/ heeft er niet genoeg; maak eerst een {} met `zorgroute new {} <id>`", kind.noun(Lang::Nl), needed.counted(*count, Lang::Nl), needed.noun(Lang::Nl), needed.word()),
                format!(
                    "a new {} refers to {count} {}, but content/{folder}/ does not have enough; first create one with `zorgroute new {} <id>`",
                    kind.noun(Lang::En),
                    needed.counted(*count, Lang::En),
                    needed.word()
                ),
            ),
            Io { path, error } => {
                let path = path.display();
                pick(lang, format!("kan {path} niet schrijven: {error}"), format!("cannot write {path}: {error}"))
            }
        }
    }
}
