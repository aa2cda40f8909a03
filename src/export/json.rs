//! `<region>/handboek.json`: the resolved model of one region for other
//! systems. These types are the export's own, not the internal model's, so a
//! refactor inside zorgroute does not change what consumers read; their JSON
//! Schema (`zorgroute schema handboek`, docs/handboek.schema.json) is
//! generated from them. The format and its versioning rule: docs/EXPORTS.md.

use schemars::JsonSchema;
use serde::Serialize;

use crate::diff::tailoring::Tailored;
use crate::i18n::Lang;
use crate::i18n::Strings;
use crate::model::{self, Kind, Region, Site};
use crate::raw::markdown::fill_links;
use crate::urls;
use crate::values::{Duration, TimeUnit};

/// The version of the format. Raise it when a field is removed, renamed or
/// changes meaning; adding a field keeps the version (docs/EXPORTS.md).
pub const SCHEMA_VERSION: u32 = 1;

/// One region's handbook, resolved: inheritance applied, ids checked.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Handbook {
    /// The version of this format; see docs/EXPORTS.md for what a change means.
    pub schema_version: u32,
    /// The program and version that wrote the file, e.g. `zorgroute 0.1.0`.
    pub generator: String,
    pub site: SiteInfo,
    pub region: RegionInfo,
    /// The levels (lanes of the care-route diagram), in order.
    pub levels: Vec<Level>,
    pub actors: Vec<Actor>,
    pub procedures: Vec<Procedure>,
    pub agreements: Vec<Agreement>,
    pub routes: Vec<Route>,
    /// Free pages, in reading order (the region home text is `region.home_html`).
    pub pages: Vec<Page>,
    pub glossary: Vec<Term>,
    /// Every form the procedures list, one per file or address, by title.
    pub forms: Vec<Form>,
    /// How the region differs from the standard route it follows (the
    /// `<region>/afwijkingen/` page); left out when it follows none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tailoring: Option<Tailoring>,
    /// Who does what (the `<region>/wie-doet-wat/` page): each actor's part
    /// in each procedure it has one in.
    pub roles: Vec<Role>,
}

/// The region against the standard route it follows.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Tailoring {
    /// The standard's folder under content/, e.g. `_standaard`.
    pub standard: String,
    /// Each own version, exclusion, addition and own glossary term.
    pub differences: Vec<Difference>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Difference {
    /// `actor`, `procedure`, `agreement`, `route`, `page` or `term`.
    pub kind: String,
    pub id: String,
    pub title: String,
    pub how: Tailored,
    /// For an own version: each field that differs from the standard's,
    /// by its YAML path, with the standard's value and the region's in words.
    pub fields: Vec<Field>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Field {
    pub path: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// An actor's part in one procedure.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Role {
    pub actor: String,
    pub procedure: String,
    pub owner: bool,
    pub participant: bool,
    /// The numbers of the steps the actor takes (from 1).
    pub steps: Vec<usize>,
}

/// Site-wide settings.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SiteInfo {
    pub title: String,
    /// The site's public address, when set in site.yaml; page URLs in this
    /// file are relative to it (to the site root).
    pub base_url: Option<String>,
    /// `nl` or `en`.
    pub language: String,
    /// The edition (e.g. the school year `2026-2027`) this file belongs to;
    /// left out when the handbook names no editions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
}

/// The region's own settings.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RegionInfo {
    /// The region's folder name, also the first part of its URLs.
    pub id: String,
    pub name: String,
    /// e.g. `PO 27-03`.
    pub code: Option<String>,
    pub summary: Option<String>,
    /// The standard route the region inherits from, if any.
    pub extends: Option<String>,
    /// The region home, relative to the site root.
    pub url: String,
    pub municipalities: Vec<String>,
    pub contact: Option<Contact>,
    /// Actor ids.
    pub steering_group: Vec<String>,
    pub schools: Vec<School>,
    /// The region home's text as HTML; links are relative to the site root.
    pub home_html: Option<String>,
    /// When region.yaml last changed (`YYYY-MM-DD`).
    pub last_changed: Option<String>,
}

/// A level: a lane of the care-route diagram.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Level {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

/// Contact details as the content gives them.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
    /// When someone last checked these details (`YYYY-MM-DD`).
    pub verified: Option<String>,
}

/// A school in the region.
#[derive(Debug, Serialize, JsonSchema)]
pub struct School {
    pub name: String,
    pub brin: Option<String>,
    pub municipality: Option<String>,
}

impl From<&model::School> for School {
    fn from(s: &model::School) -> School {
        School {
            name: s.name.clone(),
            brin: s.brin.clone(),
            municipality: s.municipality.clone(),
        }
    }
}

/// The export's own copy of one of the model's enums, variant for variant,
/// with the conversion from it: a variant the model renames or adds stops
/// the build here instead of changing the file unseen.
macro_rules! mirrored_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident mirrors $model:ty {
            $($(#[$variant_meta:meta])* $variant:ident),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $($(#[$variant_meta])* $variant),*
        }

        impl From<$model> for $name {
            fn from(value: $model) -> $name {
                match value {
                    $(<$model>::$variant => $name::$variant),*
                }
            }
        }
    };
}

mirrored_enum! {
    /// Where an entity comes from.
    #[derive(Debug, Serialize, JsonSchema)]
    #[serde(rename_all = "lowercase")]
    pub enum Origin mirrors model::Origin {
        /// Inherited unchanged from the standard route.
        Standard,
        /// Only in this region.
        Regional,
        /// The region's own version of a standard entity.
        Override,
    }
}

/// What every entity has.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Common {
    /// Unique per kind within the region.
    pub id: String,
    /// The entity's page, relative to the site root.
    pub url: String,
    pub origin: Origin,
    /// When the entity's file last changed (`YYYY-MM-DD`).
    pub last_changed: Option<String>,
}

mirrored_enum! {
    /// What kind of actor: a role, a team or an organisation.
    #[derive(Debug, Serialize, JsonSchema)]
    #[serde(rename_all = "lowercase")]
    pub enum ActorKind mirrors model::ActorKind { Rol, Team, Organisatie }
}

/// A role, team or organisation: who does what.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Actor {
    #[serde(flatten)]
    pub common: Common,
    pub name: String,
    /// A level id.
    pub level: String,
    pub kind: ActorKind,
    pub summary: Option<String>,
    /// Actor ids (for teams).
    pub members: Vec<String>,
    pub contact: Option<Contact>,
    /// The actor's vCard, relative to the site root, when it has contact details.
    pub vcard: Option<String>,
    /// The text about the actor, as HTML; links are relative to the site root.
    pub body_html: String,
}

/// A time limit such as `10 werkdagen`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TimeLimit {
    pub amount: u32,
    pub unit: Unit,
    /// As the site shows it, in its language.
    pub text: String,
}

mirrored_enum! {
    /// The unit of a time limit.
    #[derive(Debug, Serialize, JsonSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum Unit mirrors TimeUnit { Hour, Day, WorkingDay, SchoolDay, Week, SchoolWeek, Month, Year }
}

/// A procedure: its steps, who owns it, where it escalates to.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Procedure {
    #[serde(flatten)]
    pub common: Common,
    pub title: String,
    /// A level id.
    pub level: String,
    /// An actor id.
    pub owner: Option<String>,
    /// Actor ids.
    pub participants: Vec<String>,
    pub summary: Option<String>,
    pub trigger: Option<String>,
    pub frequency: Option<String>,
    pub steps: Vec<Step>,
    pub escalates_to: Vec<Escalation>,
    pub consent: Option<Consent>,
    pub documents: Vec<Document>,
    /// The procedure in prose, as HTML; links are relative to the site root.
    pub body_html: String,
}

/// One step of a procedure.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Step {
    /// 1-based.
    pub number: usize,
    /// The step's anchor on the procedure page: `stap-<number>`.
    pub anchor: String,
    pub title: String,
    /// An actor id.
    pub actor: Option<String>,
    pub within: Option<TimeLimit>,
    pub output: Option<String>,
    pub description: Option<String>,
}

/// Where a procedure escalates to, and when.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Escalation {
    /// A procedure id.
    pub procedure: String,
    pub when: Option<String>,
}

/// Whether and whose consent a procedure needs.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Consent {
    pub required: bool,
    /// Actor ids.
    pub from: Vec<String>,
    pub note: Option<String>,
}

/// A blank form or template that belongs to a procedure.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Document {
    pub title: String,
    /// An external address, or the copied file relative to the site root.
    pub url: Option<String>,
    /// The form in `forms` this document is (its `id`).
    pub form: Option<String>,
}

/// A blank form of the region and the procedures that list it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Form {
    /// Unique in the region; also its anchor on the forms page.
    pub id: String,
    /// The title the first procedure that lists it gives it.
    pub title: String,
    /// An external address, or the copied file relative to the site root.
    pub url: String,
    /// For a file of the handbook: its path inside the region's folder (or
    /// the standard route's), as the copy is inside the region's output.
    pub file: Option<String>,
    /// The kind of file in capitals (`PDF`), when its name says.
    pub file_type: Option<String>,
    /// A file's size in bytes, when known.
    pub bytes: Option<u64>,
    /// Its row on the forms page, relative to the site root.
    pub page_url: String,
    /// Procedure ids, in reading order.
    pub procedures: Vec<String>,
}

/// A covenant agreement between parties.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Agreement {
    #[serde(flatten)]
    pub common: Common,
    pub title: String,
    pub summary: Option<String>,
    /// Actor ids.
    pub parties: Vec<String>,
    /// `YYYY-MM-DD`.
    pub signed: Option<String>,
    /// `YYYY-MM-DD`; also an event in `afspraken.ics`.
    pub review: Option<String>,
    pub commitments: Vec<Commitment>,
    /// The context of the agreement, as HTML; links are relative to the site root.
    pub body_html: String,
}

/// What one party commits to in an agreement.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Commitment {
    /// An actor id.
    pub party: Option<String>,
    pub text: String,
    pub response_time: Option<TimeLimit>,
    /// Procedure ids.
    pub procedures: Vec<String>,
}

/// An escalation path: procedures in order.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Route {
    #[serde(flatten)]
    pub common: Common,
    pub title: String,
    pub summary: Option<String>,
    pub steps: Vec<RouteStep>,
}

/// One step of a route.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RouteStep {
    /// A procedure id.
    pub procedure: String,
    /// The condition to move on to the next step.
    pub when: Option<String>,
}

/// A free page of the region.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Page {
    #[serde(flatten)]
    pub common: Common,
    pub title: String,
    pub summary: Option<String>,
    /// When the page should be read through again, `YYYY-MM-DD`.
    pub review: Option<String>,
    /// The page's text, as HTML; links are relative to the site root.
    pub body_html: String,
}

/// A glossary entry.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Term {
    pub id: String,
    pub term: String,
    pub abbreviation: Option<String>,
    pub definition: String,
    pub origin: Origin,
}

/// The JSON Schema of `handboek.json`.
pub fn schema() -> serde_json::Value {
    crate::raw::schema::of::<Handbook>()
}

/// `handboek.json` of one region: pretty-printed, fields in a fixed order.
pub fn render(site: &Site, region: &Region, strings: &Strings) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing into memory does not fail.
    let _ = write(site, region, strings, &mut bytes);
    bytes
}

/// [`render`] written into `out` as it is serialised: a large region's file
/// is tens of megabytes, not also held whole.
pub fn write(site: &Site, region: &Region, strings: &Strings, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let handbook = Exporter { site, region, strings }.handbook();
    // Plain structs with string keys: only writing can fail.
    serde_json::to_writer_pretty(&mut *out, &handbook)?;
    out.write_all(b"\n")
}

struct Exporter<'a> {
    site: &'a Site,
    region: &'a Region,
    /// The theme's words, which the tailoring's values are written in.
    strings: &'a Strings,
}

fn iso(date: Option<time::Date>) -> Option<String> {
    date.map(|d| d.to_string())
}

impl Exporter<'_> {
    fn tailoring(&self) -> Option<Tailoring> {
        let standard = self.site.standard_of(self.region)?;
        let differences = crate::diff::tailoring::region(self.site, self.region, self.strings)
            .into_iter()
            .map(|(c, how)| Difference {
                kind: c.subject.word().to_string(),
                id: c.id,
                title: c.title,
                how,
                fields: (c.fields.into_iter())
                    .map(|f| Field {
                        path: f.path,
                        old: f.old,
                        new: f.new,
                    })
                    .collect(),
            })
            .collect();
        Some(Tailoring {
            standard: standard.slug.clone(),
            differences,
        })
    }

    fn roles(&self) -> Vec<Role> {
        let r = self.region;
        let mut roles = Vec::new();
        for p in &r.procedures {
            for (i, a) in r.actors.iter().enumerate() {
                let part = p.part_of(crate::model::ActorIx::new(i));
                if !part.is_none() {
                    roles.push(Role {
                        actor: a.meta.id.clone(),
                        procedure: p.meta.id.clone(),
                        owner: part.owner,
                        participant: part.participant,
                        steps: part.steps,
                    });
                }
            }
        }
        roles
    }

    fn handbook(&self) -> Handbook {
        let (site, r) = (self.site, self.region);
        Handbook {
            schema_version: SCHEMA_VERSION,
            generator: concat!("zorgroute ", env!("CARGO_PKG_VERSION")).to_string(),
            site: SiteInfo {
                title: site.title.clone(),
                base_url: (!site.base_url.is_empty()).then(|| site.base_url.clone()),
                language: site.lang.code().to_string(),
                edition: site.edition.as_ref().map(|e| e.name.clone()),
            },
            region: RegionInfo {
                id: r.slug.clone(),
                name: r.name.clone(),
                code: r.code.clone(),
                summary: r.summary.clone(),
                extends: r.base.clone(),
                url: urls::region_home(&r.slug),
                municipalities: r.municipalities.clone(),
                contact: r.contact.as_ref().map(contact),
                steering_group: self.actor_ids(&r.steering_group),
                schools: r.schools.iter().map(School::from).collect(),
                home_html: r.home.as_ref().map(|p| html(&p.body)),
                last_changed: iso(r.changed),
            },
            levels: site
                .levels
                .iter()
                .map(|l| Level {
                    id: l.id.clone(),
                    name: l.name.clone(),
                    description: l.description.clone(),
                })
                .collect(),
            actors: r.actors.iter().map(|a| self.actor(a)).collect(),
            procedures: r.procedures.iter().map(|p| self.procedure(p)).collect(),
            agreements: r.agreements.iter().map(|a| self.agreement(a)).collect(),
            routes: r.routes.iter().map(|rt| self.route(rt)).collect(),
            pages: r
                .pages
                .iter()
                .map(|p| Page {
                    common: self.common(&p.meta, Kind::Page),
                    title: p.title.clone(),
                    summary: p.summary.clone(),
                    review: iso(p.review),
                    body_html: html(&p.body),
                })
                .collect(),
            glossary: r
                .glossary
                .iter()
                .map(|t| Term {
                    id: t.id.clone(),
                    term: t.term.clone(),
                    abbreviation: t.abbreviation.clone(),
                    definition: t.definition.clone(),
                    origin: t.origin.into(),
                })
                .collect(),
            forms: r.forms.iter().map(|f| self.form(f)).collect(),
            tailoring: self.tailoring(),
            roles: self.roles(),
        }
    }

    fn common(&self, meta: &model::Meta, kind: Kind) -> Common {
        Common {
            id: meta.id.clone(),
            url: urls::entity(&self.region.slug, kind, &meta.id),
            origin: meta.origin.into(),
            last_changed: iso(meta.changed),
        }
    }

    fn level(&self, ix: model::LevelIx) -> String {
        self.site.levels.get(ix).map(|l| l.id.clone()).unwrap_or_default()
    }

    fn actor_id(&self, ix: model::ActorIx) -> String {
        self.region.actor(ix).meta.id.clone()
    }

    fn actor_ids(&self, ixs: &[model::ActorIx]) -> Vec<String> {
        ixs.iter().map(|&a| self.actor_id(a)).collect()
    }

    fn procedure_id(&self, ix: model::ProcIx) -> String {
        self.region.procedure(ix).meta.id.clone()
    }

    fn time_limit(&self, d: Duration) -> TimeLimit {
        time_limit(d, self.site.lang)
    }

    fn actor(&self, a: &model::Actor) -> Actor {
        Actor {
            common: self.common(&a.meta, Kind::Actor),
            name: a.name.clone(),
            level: self.level(a.level),
            kind: a.kind.into(),
            summary: a.summary.clone(),
            members: self.actor_ids(&a.members),
            contact: a.contact.as_ref().map(contact),
            vcard: crate::plan::has_vcard(a).then(|| urls::vcard(&self.region.slug, &a.meta.id)),
            body_html: html(&a.body),
        }
    }

    fn procedure(&self, p: &model::Procedure) -> Procedure {
        Procedure {
            common: self.common(&p.meta, Kind::Procedure),
            title: p.title.clone(),
            level: self.level(p.level),
            owner: p.owner.map(|a| self.actor_id(a)),
            participants: self.actor_ids(&p.participants),
            summary: p.summary.clone(),
            trigger: p.trigger.clone(),
            frequency: p.frequency.clone(),
            steps: p
                .steps
                .iter()
                .map(|s| Step {
                    number: s.number,
                    anchor: urls::step_anchor(s.number),
                    title: s.title.clone(),
                    actor: s.actor.map(|a| self.actor_id(a)),
                    within: s.within.map(|d| self.time_limit(d)),
                    output: s.output.clone(),
                    description: s.description.clone(),
                })
                .collect(),
            escalates_to: p
                .escalates_to
                .iter()
                .map(|e| Escalation {
                    procedure: self.procedure_id(e.other),
                    when: e.when.clone(),
                })
                .collect(),
            consent: p.consent.as_ref().map(|c| Consent {
                required: c.required,
                from: self.actor_ids(&c.from),
                note: c.note.clone(),
            }),
            documents: p
                .documents
                .iter()
                .map(|d| {
                    let form = d.form.map(|ix| &self.region.forms[ix.get()]);
                    Document {
                        title: d.title.clone(),
                        url: form.map(|f| self.form_url(&f.source)),
                        form: form.map(|f| f.anchor.clone()),
                    }
                })
                .collect(),
            body_html: html(&p.body),
        }
    }

    /// Where a form is: a copied file in the region's folder (as pages link it), or its address.
    fn form_url(&self, source: &model::FormSource) -> String {
        match source {
            model::FormSource::File { path, .. } => urls::region_file(&self.region.slug, path),
            model::FormSource::Url(url) => url.clone(),
        }
    }

    fn form(&self, f: &model::Form) -> Form {
        let (file, bytes) = match &f.source {
            model::FormSource::File { path, bytes } => (Some(path.clone()), *bytes),
            model::FormSource::Url(_) => (None, None),
        };
        Form {
            id: f.anchor.clone(),
            title: f.title.clone(),
            url: self.form_url(&f.source),
            file,
            file_type: f.source.file_type(),
            bytes,
            page_url: urls::form_on_page(&self.region.slug, &f.anchor),
            procedures: f.procedures.iter().map(|&p| self.procedure_id(p)).collect(),
        }
    }

    fn agreement(&self, a: &model::Agreement) -> Agreement {
        Agreement {
            common: self.common(&a.meta, Kind::Agreement),
            title: a.title.clone(),
            summary: a.summary.clone(),
            parties: self.actor_ids(&a.parties),
            signed: iso(a.signed),
            review: iso(a.review),
            commitments: a
                .commitments
                .iter()
                .map(|c| Commitment {
                    party: c.party.map(|p| self.actor_id(p)),
                    text: c.text.clone(),
                    response_time: c.response_time.map(|d| self.time_limit(d)),
                    procedures: c.procedures.iter().map(|&p| self.procedure_id(p)).collect(),
                })
                .collect(),
            body_html: html(&a.body),
        }
    }

    fn route(&self, rt: &model::Route) -> Route {
        Route {
            common: self.common(&rt.meta, Kind::Route),
            title: rt.title.clone(),
            summary: rt.summary.clone(),
            steps: rt
                .steps
                .iter()
                .map(|s| RouteStep {
                    procedure: self.procedure_id(s.procedure),
                    when: s.when.clone(),
                })
                .collect(),
        }
    }
}

/// A body's HTML with its `@` links made relative to the site root.
fn html(body: &model::Body) -> String {
    fill_links(&body.md.html, &body.link_targets, "")
}

fn contact(c: &model::Contact) -> Contact {
    Contact {
        email: c.email.clone(),
        phone: c.phone.clone(),
        url: c.url.clone(),
        address: c.address.clone(),
        hours: c.hours.clone(),
        verified: iso(c.verified),
    }
}

fn time_limit(d: Duration, lang: Lang) -> TimeLimit {
    TimeLimit {
        amount: d.amount,
        unit: d.unit.into(),
        text: d.display(lang),
    }
}
