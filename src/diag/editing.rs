//! What the preview's editor can refuse, in Dutch and English: edits that
//! cannot be made in place ([`EditError`], from `edit/`) and requests the
//! editor turns down ([`EditRefusal`]). Mistakes in the content an edit
//! would make are [`super::Problem`]s, as `check` reports them.

use super::messages::pick;
use crate::i18n::Lang;

/// Why an edit could not be made in the file's text. Nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The Markdown file's front matter has no closing `---`.
    FrontMatterNotClosed,
    /// The YAML does not read, so its values have no places to change.
    NotYaml { reason: String },
    /// A list has `len` items; an index past the one after the last.
    PastTheEnd { path: String, len: usize },
    /// A field inside a value that is text, a number or yes/no.
    NotAContainer { path: String },
    /// A shape of YAML the editor does not change in place (an alias, a
    /// nested list on one `-` line).
    Unsupported { path: String },
    /// A YAML file has no body to replace.
    NoBody,
    /// The text made does not read back as the values asked for: a bug,
    /// caught before anything is written.
    NotFaithful,
}

impl EditError {
    #[rustfmt::skip] // one message a line: the case, its Dutch text, its English text
    pub fn message(&self, lang: Lang) -> String {
        use EditError::*;
        match self {
            FrontMatterNotClosed => pick(lang, "het bestand heeft geen afsluitende --- onder de velden; voeg die toe in een teksteditor".into(), "the file has no closing --- below its fields; add it in a text editor".into()),
            NotYaml { reason } => pick(lang, format!("de velden van het bestand zijn geen geldige YAML ({reason}); herstel dat eerst in een teksteditor"), format!("the file's fields are not valid YAML ({reason}); fix that in a text editor first")),
            PastTheEnd { path, len } => pick(lang, format!("de lijst {path} heeft {len} items; een nieuw item komt op plaats {len}"), format!("the list {path} has {len} items; a new item goes at position {len}")),
            NotAContainer { path } => pick(lang, format!("{path} is een enkele waarde, geen groep velden"), format!("{path} is a single value, not a group of fields")),
            Unsupported { path } => pick(lang, format!("{path} staat op een manier in het bestand die de editor niet op zijn plaats kan wijzigen; wijzig het in een teksteditor"), format!("{path} is written in a way the editor cannot change in place; change it in a text editor")),
            NoBody => pick(lang, "dit bestand heeft alleen velden, geen tekst".into(), "this file has fields only, no text".into()),
            NotFaithful => pick(lang, "de wijziging kon niet precies zo worden geschreven; er is niets veranderd (dit is een fout in zorgroute)".into(), "the change could not be written exactly as asked; nothing was changed (this is a bug in zorgroute)".into()),
        }
    }
}

/// Why the editor turns a request down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditRefusal {
    /// No `X-Zorgroute-Token`, or not this run's.
    NoToken,
    /// The request comes from a page of another site.
    ForeignOrigin,
    /// The preview was asked under a name that is not this computer.
    NotLocal,
    /// The path is not a handbook file inside content/.
    OutsideContent { path: String },
    /// The file does not exist (any more).
    Missing { path: String },
    /// The file changed on disk since the form was opened.
    Stale { path: String },
    /// The file is not UTF-8 text.
    NotText { path: String },
    /// A regional version of this file exists already.
    Exists { path: String },
    /// Only a file of a standard route gets a regional version.
    NotStandard { path: String },
    /// No region of that name follows this standard route.
    UnknownRegion { region: String },
    /// The file could not be written.
    CannotWrite { path: String, error: String },
    /// The request's body does not read.
    BadRequest { reason: String },
    /// `serve --read-only`, or a preview others can reach.
    ReadOnly,
}

impl EditRefusal {
    #[rustfmt::skip] // one message a line: the case, its Dutch text, its English text
    pub fn message(&self, lang: Lang) -> String {
        use EditRefusal::*;
        match self {
            NoToken => pick(lang, "deze wijziging komt niet van een pagina van deze preview; laad de pagina opnieuw".into(), "this change does not come from a page of this preview; reload the page".into()),
            ForeignOrigin => pick(lang, "een andere website probeerde het handboek te wijzigen; dat mag niet".into(), "another website tried to change the handbook; that is not allowed".into()),
            NotLocal => pick(lang, "de editor werkt alleen op deze computer (127.0.0.1 of localhost)".into(), "the editor works on this computer only (127.0.0.1 or localhost)".into()),
            OutsideContent { path } => pick(lang, format!("{path} is geen bestand van het handboek in content/"), format!("{path} is not a handbook file inside content/")),
            Missing { path } => pick(lang, format!("{path} bestaat niet (meer)"), format!("{path} does not exist (any more)")),
            Stale { path } => pick(lang, format!("{path} is gewijzigd sinds u het formulier opende; hieronder staan beide versies"), format!("{path} changed since you opened the form; both versions are below")),
            NotText { path } => pick(lang, format!("{path} is geen tekst in UTF-8"), format!("{path} is not UTF-8 text")),
            Exists { path } => pick(lang, format!("er is al een eigen versie: {path}"), format!("a regional version exists already: {path}")),
            NotStandard { path } => pick(lang, format!("{path} hoort niet bij een standaardroute, dus er is geen eigen versie van te maken"), format!("{path} is not part of a standard route, so it has no regional version")),
            UnknownRegion { region } => pick(lang, format!("er is geen regio {region} die deze standaardroute volgt"), format!("no region {region} follows this standard route")),
            CannotWrite { path, error } => pick(lang, format!("{path} kon niet worden geschreven: {error}"), format!("{path} could not be written: {error}")),
            BadRequest { reason } => pick(lang, format!("het verzoek is niet te lezen: {reason}"), format!("the request does not read: {reason}")),
            ReadOnly => pick(lang, "deze preview kan niets wijzigen (serve --read-only, of bereikbaar voor andere computers)".into(), "this preview cannot change anything (serve --read-only, or reachable from other computers)".into()),
        }
    }
}
