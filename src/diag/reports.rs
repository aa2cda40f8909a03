//! The tool's own lines, in Dutch and English: what a command did and what to
//! do next ([`Report`]), and why a command could not run ([`ToolProblem`]).
//! Mistakes in the content are [`super::Problem`]s; those of `init` and
//! `new` are [`super::scaffolding::ScaffoldProblem`]s.

use std::net::SocketAddr;
use std::path::PathBuf;

use super::messages::pick;
use super::scaffolding::NewKind;
use crate::i18n::Lang;

/// One line the tool prints about its own work, whole as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// `build` wrote the site.
    Built { pages: usize, out: PathBuf, ms: u128 },
    /// `init` made a project.
    Initialised { files: usize, dir: PathBuf },
    /// What to do after `init`.
    InitNext { dir: PathBuf },
    /// `new` made this file; one line per file.
    Created { path: PathBuf },
    /// What to do after `new`.
    NewNext,
    /// `serve` is up: the sign scripts wait for, so it names the URL alone.
    Serving { url: String },
    /// `serve` listens where other computers on the network can reach it.
    ServingPublic { address: SocketAddr },
    /// `serve` rebuilt `pages` of the site's `total` after the files named in
    /// `changed` changed (empty for the first build).
    Rebuilt {
        pages: usize,
        total: usize,
        ms: u128,
        changed: String,
    },
    /// What `serve` renders after the pages it serves first: region-wide
    /// outputs, and the pages no browser looked at lately.
    Later { files: usize, ms: u128 },
    /// `diff` compares edition `from` with `to`; an empty name is the
    /// working tree when site.yaml names no current edition.
    Comparing { from: String, to: String },
    /// `diff` found the two editions the same.
    NoChanges,
    /// The first line of `review`: what is due on or before `until`, `days`
    /// after `today` (dates in words).
    DueHeading { today: String, until: String, days: u32 },
    /// `review` found nothing due.
    NothingDue,
    /// The mark of an item of `review` whose date has passed.
    Overdue,
    /// The name of the calendar `review --format ics` writes.
    DueCalendar { title: String },
    /// Who sees to an item, in the calendar of `review`.
    DueOwner { owner: String },
}

/// What comes due, as `zorgroute review` lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DueTask {
    /// An agreement's `review` date.
    AgreementReview,
    /// An actor's contact details, a year after `verified`.
    ContactCheck,
    /// A page's `review` date.
    PageReview,
}

impl DueTask {
    /// What to do, in a few words.
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DueTask::AgreementReview, Lang::Nl) => "afspraak herzien",
            (DueTask::AgreementReview, Lang::En) => "review the agreement",
            (DueTask::ContactCheck, Lang::Nl) => "contactgegevens controleren",
            (DueTask::ContactCheck, Lang::En) => "check the contact details",
            (DueTask::PageReview, Lang::Nl) => "pagina herzien",
            (DueTask::PageReview, Lang::En) => "review the page",
        }
    }
}

impl Report {
    #[rustfmt::skip] // one message a line: the case, its Dutch text, its English text
    pub fn text(&self, lang: Lang) -> String {
        use Report::*;
        match self {
            Built { pages, out, ms } => pick(lang, format!("{pages} pagina's geschreven -> {out} ({ms} ms)", out = out.display()), format!("{pages} pages written -> {out} ({ms} ms)", out = out.display())),
            Initialised { files, dir } => pick(lang, format!("{files} bestanden gemaakt in {dir}", dir = dir.display()), format!("{files} files created in {dir}", dir = dir.display())),
            InitNext { dir } => pick(lang, format!("Bekijk het resultaat met: zorgroute build --root {dir}", dir = dir.display()), format!("See the result with: zorgroute build --root {dir}", dir = dir.display())),
            Created { path } => pick(lang, format!("gemaakt: {path}", path = path.display()), format!("created: {path}", path = path.display())),
            NewNext => pick(lang, "Vul het bestand in en controleer met: zorgroute check".into(), "Fill in the file and check with: zorgroute check".into()),
            Serving { url } => format!("zorgroute serve: {url}"),
            ServingPublic { address } => pick(lang, format!("waarschuwing: de voorbeeldsite staat open op {address}: andere computers in het netwerk kunnen hem zien"), format!("warning: serving on {address}: other computers on the network can see this preview")),
            // `changed` goes last, after a space even when empty, as always.
            Rebuilt { pages, total, ms, changed } => pick(lang, format!("{pages} van {total} pagina's opnieuw gemaakt in {ms} ms {changed}"), format!("{pages} of {total} pages rebuilt in {ms} ms {changed}")),
            Later { files, ms } => pick(lang, format!("  en daarna {files} bestanden (afdrukversie, zoekindex, exports, pagina's die niet open zijn) in {ms} ms"), format!("  and then {files} files (print view, search index, exports, pages not open) in {ms} ms")),
            Comparing { from, to } => {
                let (from, to) = (edition_label(from, lang), edition_label(to, lang));
                pick(lang, format!("Wijzigingen van {from} naar {to}"), format!("Changes from {from} to {to}"))
            }
            NoChanges => pick(lang, "Geen wijzigingen: de twee edities zijn inhoudelijk gelijk.".into(), "No changes: the two editions say the same.".into()),
            DueHeading { today, until, days } => pick(lang, format!("Aan de beurt tot en met {until} ({days} dagen na {today}), ook wat te laat is"), format!("Due by {until} ({days} days after {today}), overdue included")),
            NothingDue => pick(lang, "Niets aan de beurt.".into(), "Nothing is due.".into()),
            Overdue => pick(lang, "te laat".into(), "overdue".into()),
            DueCalendar { title } => pick(lang, format!("{title}: wat is er aan de beurt"), format!("{title}: what is due")),
            DueOwner { owner } => pick(lang, format!("Eigenaar: {owner}"), format!("Owner: {owner}")),
        }
    }
}

/// Why the write stage will not put the site in a folder (`build --out`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputRefusal {
    /// The root of the file system.
    FileSystemRoot {
        out: PathBuf,
    },
    HomeFolder {
        out: PathBuf,
    },
    /// It holds the project or its content, or is inside the content.
    HoldsProject {
        out: PathBuf,
    },
    /// Not empty, and no earlier output of zorgroute; `--force` replaces it.
    NotOurs {
        out: PathBuf,
    },
}

impl OutputRefusal {
    #[rustfmt::skip] // one message a line: the case, its Dutch text, its English text
    pub fn message(&self, lang: Lang) -> String {
        use OutputRefusal::*;
        match self {
            FileSystemRoot { out } => pick(lang, format!("de site wordt niet in {out} geschreven", out = out.display()), format!("will not write the site into {out}", out = out.display())),
            HomeFolder { out } => pick(lang, format!("de site wordt niet in de thuismap {out} geschreven", out = out.display()), format!("will not write the site into the home folder {out}", out = out.display())),
            HoldsProject { out } => pick(lang, format!("de site wordt niet in {out} geschreven: die map bevat het project of de content", out = out.display()), format!("will not write the site into {out}: it holds the project or its content", out = out.display())),
            NotOurs { out } => pick(lang, format!("{out} is niet leeg en niet door zorgroute geschreven; kies een andere --out of voeg --force toe", out = out.display()), format!("{out} is not empty and was not written by zorgroute; choose another --out or add --force", out = out.display())),
        }
    }
}

/// An edition as `diff` names it; the working tree when it has no name.
fn edition_label(name: &str, lang: Lang) -> String {
    match (name.is_empty(), lang) {
        (false, Lang::Nl) => format!("editie {name}"),
        (false, Lang::En) => format!("edition {name}"),
        (true, Lang::Nl) => "de werkmap".into(),
        (true, Lang::En) => "the working tree".into(),
    }
}

/// Why a command could not run, or not fully: a mistake in how it was called
/// or in its surroundings, not in the content. The text is a sentence; the
/// printer puts the command's name before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolProblem {
    /// `build --out` names a folder the site must not replace.
    OutputRefused { reason: OutputRefusal },
    /// `schema` with a kind it has no schema for; `kinds` are those it has.
    UnknownSchemaKind {
        kind: String,
        kinds: &'static [&'static str],
    },
    /// `init --language` with a language zorgroute has no texts in.
    UnknownLanguage { text: String },
    /// `new` with a kind it cannot make.
    UnknownNewKind { text: String },
    /// `serve` could not start, or stopped serving.
    ServeFailed { error: String },
    /// `serve` serves on, but does not see edits in the project.
    CannotWatch { root: PathBuf, error: String },
    /// `diff` without an edition to compare with: site.yaml lists none.
    NoEarlierEdition,
}

impl ToolProblem {
    #[rustfmt::skip] // one message a line: the case, its Dutch text, its English text
    pub fn message(&self, lang: Lang) -> String {
        use ToolProblem::*;
        match self {
            OutputRefused { reason } => reason.message(lang),
            UnknownSchemaKind { kind, kinds } => {
                let kinds = kinds.join(", ");
                pick(lang, format!("onbekende soort `{kind}`; kies uit {kinds}, of handboek"), format!("unknown kind `{kind}`; choose from {kinds}, or handboek"))
            }
            UnknownLanguage { text } => pick(lang, format!("onbekende taal `{text}`; kies nl of en"), format!("unknown language `{text}`; choose nl or en")),
            UnknownNewKind { text } => {
                let kinds = NewKind::words();
                pick(lang, format!("onbekende soort `{text}`; kies uit {kinds}"), format!("unknown kind `{text}`; choose from {kinds}"))
            }
            ServeFailed { error } => pick(lang, format!("de voorbeeldsite kan niet draaien: {error}"), error.clone()),
            CannotWatch { root, error } => pick(lang, format!("kan wijzigingen in {root} niet volgen: {error}", root = root.display()), format!("cannot watch {root}: {error}", root = root.display())),
            NoEarlierEdition => pick(lang, "site.yaml noemt geen eerdere editie om mee te vergelijken; geef er een, bijvoorbeeld `zorgroute diff v2025-2026` (een git-tag of commit)".into(), "site.yaml lists no earlier edition to compare with; name one, such as `zorgroute diff v2025-2026` (a git tag or commit)".into()),
        }
    }
}
