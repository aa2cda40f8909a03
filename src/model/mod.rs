//! The resolved model: one typed, checked view of the handbook per region,
//! with inheritance applied, ids turned into indices and back-references
//! computed once. Templates only ever read (views of) this.

use std::marker::PhantomData;
use std::sync::Arc;

pub mod changes;

use crate::i18n::Lang;
pub use crate::kinds::Kind;
use crate::raw::markdown::Markdown;
use crate::source::FileId;
use crate::values::Duration;

/// A typed index into one of a region's entity lists. The traits are written
/// out because derives would demand them of `T` too.
#[derive(Debug)]
pub struct Ix<T>(pub u32, PhantomData<fn() -> T>);

impl<T> Clone for Ix<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Ix<T> {}
impl<T> PartialEq for Ix<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl<T> Eq for Ix<T> {}
impl<T> std::hash::Hash for Ix<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}
impl<T> PartialOrd for Ix<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Ix<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}

impl<T> Ix<T> {
    pub fn new(i: usize) -> Self {
        Ix(i as u32, PhantomData)
    }
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

pub type ActorIx = Ix<Actor>;
pub type ProcIx = Ix<Procedure>;
pub type AgreementIx = Ix<Agreement>;
pub type RouteIx = Ix<Route>;
pub type PageIx = Ix<Page>;
pub type FormIx = Ix<Form>;
/// A region of the site, by its place in [`Site::regions`].
pub type RegionIx = Ix<Region>;

/// Where an entity a region shows comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Inherited unchanged from the standard route.
    Standard,
    /// Only in this region.
    Regional,
    /// The region's own version replaces the standard one.
    Override,
}

/// The whole site.
#[derive(Debug)]
pub struct Site {
    pub title: String,
    pub base_url: String,
    pub lang: Lang,
    pub theme: String,
    pub footer: Option<String>,
    pub contact: Option<Contact>,
    pub levels: Vec<Level>,
    pub regions: Vec<Region>,
    /// Each standard route that regions follow (a base such as
    /// `_standaard`), resolved as a region that tailors nothing: what the
    /// tailoring reports compare each region with. `slug` is the base's name.
    pub standards: Vec<Region>,
    /// The day of the build ([`crate::pipeline::today`]): the date printed on
    /// the handbook and the time stamp of the calendar feeds, so neither
    /// changes between builds of one day.
    pub build_date: time::Date,
    /// How many days ahead `check` warns of what comes due (site.yaml's
    /// `review_warning_days`), and how far `zorgroute review` looks.
    pub review_warning_days: u32,
    /// Which edition this site is (site.yaml's `edition`, or an earlier
    /// edition's name); `None` when the handbook names no editions.
    pub edition: Option<changes::Edition>,
    /// The earlier editions built beside the current one under
    /// `edities/<name>/`, newest first (empty for an earlier edition).
    pub earlier: Vec<changes::Edition>,
    /// For an earlier edition: the current one, to link each old page to
    /// its current version.
    pub current: Option<changes::CurrentEdition>,
}

impl Site {
    pub fn region(&self, ix: RegionIx) -> &Region {
        &self.regions[ix.get()]
    }

    /// The standard route `region` follows, if any.
    pub fn standard_of(&self, region: &Region) -> Option<&Region> {
        let base = region.base.as_deref()?;
        self.standards.iter().find(|s| s.slug == base)
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Level {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

pub type LevelIx = usize;

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
    pub verified: Option<time::Date>,
}

/// Contact details not checked for this many days count as out of date.
pub const STALE_AFTER_DAYS: i64 = 365;

/// How many days ahead a review date or contact check is warned of, unless
/// site.yaml sets `review_warning_days`.
pub const REVIEW_WARNING_DAYS: u32 = 60;

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.email.is_none() && self.phone.is_none() && self.url.is_none() && self.address.is_none()
    }

    /// When the details are due to be checked again: a year after `verified`.
    pub fn check_due(&self) -> Option<time::Date> {
        let year = time::Duration::days(STALE_AFTER_DAYS);
        self.verified.map(|v| v.saturating_add(year))
    }

    /// Whether the details were last checked more than a year before `today`
    /// (details without a date are not judged).
    pub fn is_stale(&self, today: time::Date) -> bool {
        self.check_due().is_some_and(|due| due < today)
    }
}

/// A compiled body and the target of each of its `@` links (a path relative
/// to the site root, with anchor), in the order of `md.links`.
#[derive(Clone, Default)]
pub struct Body {
    pub md: Arc<Markdown>,
    pub link_targets: Vec<String>,
}

/// Shows the HTML's digest, not the HTML: the model's `Debug` form is what
/// page fingerprints (`deps.rs`) hash, and must stay cheap to produce.
impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Body")
            .field("digest", &self.md.digest)
            .field("link_targets", &self.link_targets)
            .finish()
    }
}

/// What every entity has.
#[derive(Debug, Clone)]
pub struct Meta {
    pub id: String,
    pub origin: Origin,
    pub file: FileId,
    pub aliases: Vec<String>,
    /// When the entity's file last changed (git or modification time).
    pub changed: Option<time::Date>,
}

/// One region's handbook.
#[derive(Debug)]
pub struct Region {
    pub slug: String,
    pub name: String,
    pub code: Option<String>,
    pub summary: Option<String>,
    /// The handbook version: the region's own, else the site's.
    pub version: Option<String>,
    pub base: Option<String>,
    pub file: FileId,
    /// When `region.yaml` last changed.
    pub changed: Option<time::Date>,
    pub municipalities: Vec<String>,
    pub contact: Option<Contact>,
    pub steering_group: Vec<ActorIx>,
    pub steering_note: Option<String>,
    pub schools: Vec<School>,
    pub indicators: Vec<Indicator>,
    pub timeline: Vec<Tranche>,
    /// The region home's text (`pages/index.md`), own or inherited.
    pub home: Option<Page>,
    pub actors: Vec<Actor>,
    pub procedures: Vec<Procedure>,
    pub agreements: Vec<Agreement>,
    pub routes: Vec<Route>,
    pub pages: Vec<Page>,
    pub glossary: Vec<Term>,
    /// The standard's entities the region leaves out (`exclude`), sorted.
    pub excluded: Vec<(Kind, String)>,
    /// What each edition changed, newest first; empty without earlier editions.
    pub history: Vec<changes::EditionChanges>,
    /// Files copied as they are, e.g. blank forms: path inside the region's
    /// output folder -> file on disk. The region's own replace inherited ones.
    pub assets: Vec<(String, std::path::PathBuf)>,
    /// Every form the region's procedures list, one per file or address,
    /// sorted by title (the forms page, `formulieren/`).
    pub forms: Vec<Form>,
}

impl Region {
    /// Every Markdown body of the region with the file it comes from, in one
    /// fixed order (actors, procedures, agreements, pages, home).
    pub fn bodies(&self) -> impl Iterator<Item = (FileId, &Body)> {
        self.entities()
            .filter_map(|e| Some((e.meta.file, e.body?)))
            .chain(self.home.iter().map(|p| (p.meta.file, &p.body)))
    }

    /// The same bodies as [`Region::bodies`], in the same order, to change.
    pub fn bodies_mut(&mut self) -> impl Iterator<Item = &mut Body> {
        self.actors
            .iter_mut()
            .map(|a| &mut a.body)
            .chain(self.procedures.iter_mut().map(|p| &mut p.body))
            .chain(self.agreements.iter_mut().map(|a| &mut a.body))
            .chain(self.pages.iter_mut().chain(self.home.iter_mut()).map(|p| &mut p.body))
    }

    /// What every printed page of the region carries at its top (the print
    /// view and the PDF): region, version, edition (a printed page outlives
    /// its edition) and the date of the build.
    pub fn running_header(&self, site: &Site, t: &crate::i18n::Strings) -> String {
        let mut parts = vec![self.name.clone()];
        if let Some(version) = &self.version {
            parts.push(format!("{} {version}", t.get("version")));
        }
        if let Some(edition) = &site.edition {
            parts.push(format!("{} {}", t.get("edition").to_lowercase(), edition.name));
        }
        parts.push(crate::values::display_date(site.build_date, site.lang));
        parts.join(" · ")
    }

    /// The school years of the self-assessment's scores, in order.
    pub fn indicator_years(&self) -> Vec<String> {
        let mut years: Vec<String> = Vec::new();
        for i in &self.indicators {
            for (y, _) in &i.scores {
                if !years.contains(y) {
                    years.push(y.clone());
                }
            }
        }
        years.sort();
        years
    }

    pub fn actor(&self, ix: ActorIx) -> &Actor {
        &self.actors[ix.get()]
    }
    pub fn procedure(&self, ix: ProcIx) -> &Procedure {
        &self.procedures[ix.get()]
    }
    pub fn agreement(&self, ix: AgreementIx) -> &Agreement {
        &self.agreements[ix.get()]
    }
    pub fn route(&self, ix: RouteIx) -> &Route {
        &self.routes[ix.get()]
    }
    pub fn page(&self, ix: PageIx) -> &Page {
        &self.pages[ix.get()]
    }

    /// How many entities of `kind` the region has.
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Actor => self.actors.len(),
            Kind::Procedure => self.procedures.len(),
            Kind::Agreement => self.agreements.len(),
            Kind::Route => self.routes.len(),
            Kind::Page => self.pages.len(),
        }
    }

    /// The `i`th entity of `kind` in reading order, if there is one.
    pub fn nth(&self, kind: Kind, i: usize) -> Option<EntityRef<'_>> {
        (i < self.count(kind)).then(|| self.entity(EntityIx::new(kind, i)))
    }

    /// Every entity of `kind`, in reading order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = EntityRef<'_>> {
        (0..self.count(kind)).map(move |i| self.entity(EntityIx::new(kind, i)))
    }

    /// Every entity of the region in [`Kind::ALL`] order (actors,
    /// procedures, agreements, routes, free pages).
    pub fn entities(&self) -> impl Iterator<Item = EntityRef<'_>> {
        Kind::ALL.into_iter().flat_map(|kind| self.of_kind(kind))
    }

    /// An entity of any kind, seen through what all kinds have.
    pub fn entity(&self, ix: EntityIx) -> EntityRef<'_> {
        let (meta, title, summary, level, body) = match ix {
            EntityIx::Actor(i) => {
                let a = self.actor(i);
                (&a.meta, &a.name, &a.summary, Some(a.level), Some(&a.body))
            }
            EntityIx::Procedure(i) => {
                let p = self.procedure(i);
                (&p.meta, &p.title, &p.summary, Some(p.level), Some(&p.body))
            }
            EntityIx::Agreement(i) => {
                let a = self.agreement(i);
                (&a.meta, &a.title, &a.summary, None, Some(&a.body))
            }
            EntityIx::Route(i) => {
                let r = self.route(i);
                (&r.meta, &r.title, &r.summary, None, None)
            }
            EntityIx::Page(i) => {
                let p = self.page(i);
                (&p.meta, &p.title, &p.summary, None, Some(&p.body))
            }
        };
        EntityRef {
            ix,
            meta,
            title,
            summary: summary.as_deref(),
            level,
            body,
        }
    }
}

/// A typed index to an entity of any kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityIx {
    Actor(ActorIx),
    Procedure(ProcIx),
    Agreement(AgreementIx),
    Route(RouteIx),
    Page(PageIx),
}

impl EntityIx {
    /// The index of the `i`th entity of `kind`.
    pub fn new(kind: Kind, i: usize) -> EntityIx {
        match kind {
            Kind::Actor => EntityIx::Actor(Ix::new(i)),
            Kind::Procedure => EntityIx::Procedure(Ix::new(i)),
            Kind::Agreement => EntityIx::Agreement(Ix::new(i)),
            Kind::Route => EntityIx::Route(Ix::new(i)),
            Kind::Page => EntityIx::Page(Ix::new(i)),
        }
    }

    /// The position in its kind's list.
    pub fn get(self) -> usize {
        match self {
            EntityIx::Actor(i) => i.get(),
            EntityIx::Procedure(i) => i.get(),
            EntityIx::Agreement(i) => i.get(),
            EntityIx::Route(i) => i.get(),
            EntityIx::Page(i) => i.get(),
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            EntityIx::Actor(_) => Kind::Actor,
            EntityIx::Procedure(_) => Kind::Procedure,
            EntityIx::Agreement(_) => Kind::Agreement,
            EntityIx::Route(_) => Kind::Route,
            EntityIx::Page(_) => Kind::Page,
        }
    }
}

macro_rules! entity_ix_from {
    ($($variant:ident($ix:ty)),*) => {$(
        impl From<$ix> for EntityIx {
            fn from(ix: $ix) -> EntityIx {
                EntityIx::$variant(ix)
            }
        }
    )*};
}
entity_ix_from!(
    Actor(ActorIx),
    Procedure(ProcIx),
    Agreement(AgreementIx),
    Route(RouteIx),
    Page(PageIx)
);

/// An entity of a region, seen through what every kind has.
#[derive(Debug, Clone, Copy)]
pub struct EntityRef<'a> {
    pub ix: EntityIx,
    pub meta: &'a Meta,
    /// The title, or for an actor its name.
    pub title: &'a str,
    pub summary: Option<&'a str>,
    /// The level (lane) of actors and procedures.
    pub level: Option<LevelIx>,
    /// The Markdown body; routes have none.
    pub body: Option<&'a Body>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct School {
    pub name: String,
    pub brin: Option<String>,
    pub municipality: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Indicator {
    pub statement: String,
    /// (school year or label, score 1 to 5), in order.
    pub scores: Vec<(String, u8)>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Tranche {
    pub year: String,
    pub title: Option<String>,
    pub schools: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Rol,
    Team,
    Organisatie,
}

impl ActorKind {
    /// Whether an actor of this kind should have contact details of its own.
    /// A team or an organisation is reached at its own (functional) address;
    /// a role is a position people hold (the teacher, the parents), reached
    /// through the school or team they are part of, so it needs none. Details
    /// a role does give are still checked for being out of date.
    pub fn needs_contact(self) -> bool {
        !matches!(self, ActorKind::Rol)
    }
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub meta: Meta,
    pub name: String,
    pub level: LevelIx,
    pub kind: ActorKind,
    pub summary: Option<String>,
    pub members: Vec<ActorIx>,
    pub contact: Option<Contact>,
    pub body: Body,
    // Back-references, computed once by the resolver.
    pub owns: Vec<ProcIx>,
    pub joins: Vec<ProcIx>,
    pub agreements: Vec<AgreementIx>,
    pub member_of: Vec<ActorIx>,
}

#[derive(Debug, Clone)]
pub struct Procedure {
    pub meta: Meta,
    pub title: String,
    pub level: LevelIx,
    pub owner: Option<ActorIx>,
    pub participants: Vec<ActorIx>,
    pub summary: Option<String>,
    pub trigger: Option<String>,
    pub frequency: Option<String>,
    pub steps: Vec<Step>,
    pub escalates_to: Vec<Escalation>,
    pub consent: Option<Consent>,
    pub documents: Vec<Document>,
    pub body: Body,
    // Back-references.
    pub escalated_from: Vec<Escalation>,
    pub routes: Vec<RouteIx>,
    pub agreements: Vec<AgreementIx>,
}

/// An actor's part in a procedure: who does what.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Part {
    pub owner: bool,
    pub participant: bool,
    /// The numbers of the steps the actor takes.
    pub steps: Vec<usize>,
}

impl Part {
    pub fn is_none(&self) -> bool {
        !self.owner && !self.participant && self.steps.is_empty()
    }
}

impl Procedure {
    /// The part actor `a` has in this procedure.
    pub fn part_of(&self, a: ActorIx) -> Part {
        Part {
            owner: self.owner == Some(a),
            participant: self.participants.contains(&a),
            steps: self
                .steps
                .iter()
                .filter(|s| s.actor == Some(a))
                .map(|s| s.number)
                .collect(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Step {
    /// 1-based; the anchor is `stap-{number}`.
    pub number: usize,
    pub title: String,
    pub actor: Option<ActorIx>,
    pub within: Option<Duration>,
    pub output: Option<String>,
    pub description: Option<String>,
}

/// An escalation edge: from the procedure that holds it to `other` (or, in
/// `escalated_from`, from `other` to the holder).
#[derive(Debug, Clone)]
pub struct Escalation {
    pub other: ProcIx,
    pub when: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Consent {
    pub required: bool,
    pub from: Vec<ActorIx>,
    pub note: Option<String>,
}

/// A document a procedure lists, as written, and the region's form it is.
#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    pub url: Option<String>,
    pub file: Option<String>,
    /// The form in [`Region::forms`]; `None` for a document with neither
    /// file nor address (or whose file is missing, which is an error).
    pub form: Option<FormIx>,
}

/// A blank form of a region: every document with the same file (or, for a
/// form on another website, the same address) is one form.
#[derive(Debug, Clone)]
pub struct Form {
    /// The title the first procedure (in reading order) gives it.
    pub title: String,
    pub source: FormSource,
    /// Its anchor on the forms page, unique in the region.
    pub anchor: String,
    /// The procedures that list it, in reading order.
    pub procedures: Vec<ProcIx>,
}

/// Where a form is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FormSource {
    /// A file of the region's folder or its base's, copied into the region's
    /// output folder: its path inside both, and its size when known.
    File { path: String, bytes: Option<u64> },
    /// An address on another website.
    Url(String),
}

impl FormSource {
    /// The kind of file, from the name's extension in capitals (`PDF`), if it has one.
    pub fn file_type(&self) -> Option<String> {
        let name = match self {
            FormSource::File { path, .. } => path.as_str(),
            // The path after the host; a bare host (`example.nl`) names no file.
            FormSource::Url(url) => {
                let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
                let path = after_scheme.split_once('/')?.1;
                path.split(['?', '#']).next().unwrap_or(path)
            }
        };
        let last = name.rsplit('/').next()?;
        let (stem, ext) = last.rsplit_once('.')?;
        let plain = !stem.is_empty() && (1..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric());
        plain.then(|| ext.to_ascii_uppercase())
    }
}

#[derive(Debug, Clone)]
pub struct Agreement {
    pub meta: Meta,
    pub title: String,
    pub summary: Option<String>,
    pub parties: Vec<ActorIx>,
    pub signed: Option<time::Date>,
    pub review: Option<time::Date>,
    pub commitments: Vec<Commitment>,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub struct Commitment {
    pub party: Option<ActorIx>,
    pub text: String,
    pub response_time: Option<Duration>,
    pub procedures: Vec<ProcIx>,
}

#[derive(Debug, Clone)]
pub struct Route {
    pub meta: Meta,
    pub title: String,
    pub summary: Option<String>,
    pub steps: Vec<RouteStep>,
}

#[derive(Debug, Clone)]
pub struct RouteStep {
    pub procedure: ProcIx,
    pub when: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub meta: Meta,
    pub title: String,
    pub summary: Option<String>,
    pub order: i64,
    /// When the page should be read through again.
    pub review: Option<time::Date>,
    pub body: Body,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Term {
    pub id: String,
    pub term: String,
    pub abbreviation: Option<String>,
    pub definition: String,
    pub origin: Origin,
    /// The standard's abbreviation for this term, when the region renamed it.
    pub former_abbreviation: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Contact details are due a year after they were checked, and out of
    /// date from the day after.
    #[test]
    fn check_due_agrees_with_stale() {
        let verified = time::macros::date!(2025 - 11 - 25);
        let contact = Contact {
            verified: Some(verified),
            ..Contact::default()
        };
        let due = contact.check_due().unwrap();
        assert_eq!(due, time::macros::date!(2026 - 11 - 25));
        for offset in -2..=2 {
            let today = due.saturating_add(time::Duration::days(offset));
            assert_eq!(today > due, contact.is_stale(today), "{today}");
        }
    }
}
