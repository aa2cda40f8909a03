//! View models: the serialisable shapes templates read, built from the
//! resolved model. References become links (title + path from the site root);
//! dates and durations become text in the site's language.

use serde::Serialize;

use super::marks::{ChangeMark, Marks};
use crate::i18n::Lang;
use crate::model::changes::Subject;
use crate::model::*;
use crate::urls;
use crate::values::display_date;

/// A link to a page: its title and its path from the site root.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

impl Link {
    pub fn new(title: impl Into<String>, url: String) -> Link {
        Link {
            title: title.into(),
            url,
            summary: None,
            level: None,
            origin: None,
        }
    }
}

/// Builds views for one region.
pub struct Views<'a> {
    pub site: &'a Site,
    pub region: &'a Region,
    /// The region's "changed in edition" marks ([`Marks::of`] its region).
    pub marks: &'a Marks,
}

#[derive(Debug, Serialize)]
pub struct LevelView {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct ContactView {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
    pub verified: Option<String>,
    pub verified_iso: Option<String>,
    /// Last checked more than a year before the build.
    pub stale: bool,
}

/// What every entity's view has: its id, title, page, origin, summary and
/// "changed in edition" mark. Flattened into each view, so templates read
/// `procedure.title` as before.
#[derive(Debug, Serialize)]
pub struct EntityHead {
    pub id: String,
    pub title: String,
    pub url: String,
    pub origin: Origin,
    /// The newest edition that added or changed it.
    pub changed_in: Option<ChangeMark>,
    pub summary: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ActorView {
    #[serde(flatten)]
    pub head: EntityHead,
    /// The actor's name (its head's title too).
    pub name: String,
    pub level: LevelView,
    pub kind: ActorKind,
    pub members: Vec<Link>,
    pub member_of: Vec<Link>,
    pub contact: Option<ContactView>,
    pub owns: Vec<Link>,
    pub joins: Vec<Link>,
    pub agreements: Vec<Link>,
    pub headings: Vec<crate::raw::markdown::Heading>,
}

#[derive(Debug, Serialize)]
pub struct StepView {
    pub number: usize,
    pub anchor: String,
    pub title: String,
    pub actor: Option<Link>,
    pub within: Option<String>,
    pub output: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EdgeView {
    pub procedure: Link,
    pub when: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ConsentView {
    pub required: bool,
    pub from: Vec<Link>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ProcedureView {
    #[serde(flatten)]
    pub head: EntityHead,
    pub level: LevelView,
    pub owner: Option<Link>,
    pub participants: Vec<Link>,
    pub trigger: Option<String>,
    pub frequency: Option<String>,
    pub steps: Vec<StepView>,
    pub escalates_to: Vec<EdgeView>,
    pub escalated_from: Vec<EdgeView>,
    pub consent: Option<ConsentView>,
    pub documents: Vec<DocumentView>,
    pub routes: Vec<Link>,
    pub agreements: Vec<Link>,
    pub headings: Vec<crate::raw::markdown::Heading>,
}

/// A document or form as a link: to the copied file, or to another website.
#[derive(Debug, Serialize)]
pub struct DocumentView {
    pub title: String,
    /// A path from the site root, or (when `external`) the address as written;
    /// `None` for a document with neither file nor address.
    pub href: Option<String>,
    pub external: bool,
    /// The kind of file in capitals (`PDF`), when its name says.
    pub file_type: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CommitmentView {
    pub party: Option<Link>,
    pub text: String,
    pub response_time: Option<String>,
    pub procedures: Vec<Link>,
}

#[derive(Debug, Serialize)]
pub struct AgreementView {
    #[serde(flatten)]
    pub head: EntityHead,
    pub parties: Vec<Link>,
    pub signed: Option<String>,
    pub signed_iso: Option<String>,
    pub review: Option<String>,
    pub review_iso: Option<String>,
    pub commitments: Vec<CommitmentView>,
    pub headings: Vec<crate::raw::markdown::Heading>,
}

#[derive(Debug, Serialize)]
pub struct RouteStepView {
    pub number: usize,
    pub procedure: Link,
    pub owner: Option<Link>,
    pub when: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RouteView {
    #[serde(flatten)]
    pub head: EntityHead,
    pub steps: Vec<RouteStepView>,
}

#[derive(Debug, Serialize)]
pub struct PageView {
    #[serde(flatten)]
    pub head: EntityHead,
    pub headings: Vec<crate::raw::markdown::Heading>,
    /// When the page should be read through again.
    pub review: Option<DateView>,
}

/// Items of an index page, grouped (by level where the kind has levels).
#[derive(Debug, Serialize)]
pub struct Group {
    pub id: String,
    pub title: String,
    /// Where the whole group is listed, when the group is too long to show here.
    pub url: Option<String>,
    pub items: Vec<Link>,
}

/// Items under a heading with an id: a level (print view, sociale kaart,
/// who does what), a kind or a subject (changes, tailoring).
#[derive(Debug, Serialize)]
pub struct Titled<T> {
    pub id: String,
    pub title: String,
    pub items: Vec<T>,
}

/// A group per key that has items, in the keys' order: `heading` gives its
/// id and title, `items_of` its items.
pub fn titled<K, T>(
    keys: impl IntoIterator<Item = K>,
    heading: impl Fn(&K) -> (String, String),
    items_of: impl Fn(&K) -> Vec<T>,
) -> Vec<Titled<T>> {
    keys.into_iter()
        .map(|key| {
            let (id, title) = heading(&key);
            Titled {
                id,
                title,
                items: items_of(&key),
            }
        })
        .filter(|g| !g.items.is_empty())
        .collect()
}

/// The levels that have items, in the site's order, each with its items
/// (`items_of` gets the level's index); `part` makes the ids unique on a page.
pub fn levels_with<T>(levels: &[Level], part: &str, items_of: impl Fn(usize) -> Vec<T>) -> Vec<Titled<T>> {
    titled(
        levels.iter().enumerate(),
        |(_, level)| (format!("{part}-{}", level.id), level.name.clone()),
        |(li, _)| items_of(*li),
    )
}

#[derive(Debug, Serialize)]
pub struct IndicatorView {
    pub statement: String,
    pub scores: Vec<(String, u8)>,
}

/// The region as the home page and every page's header show it.
#[derive(Debug, Serialize)]
pub struct RegionView {
    pub slug: String,
    pub name: String,
    pub code: Option<String>,
    pub url: String,
    pub summary: Option<String>,
    /// The handbook version, printed on the print view's cover.
    pub version: Option<String>,
    pub base: Option<String>,
    pub municipalities: Vec<String>,
    pub contact: Option<ContactView>,
    pub steering_group: Vec<Link>,
    pub steering_note: Option<String>,
    pub schools: Vec<School>,
    pub indicators: Vec<IndicatorView>,
    /// The years that indicator scores are given for, in order.
    pub indicator_years: Vec<String>,
    pub timeline: Vec<Tranche>,
    pub routes: Vec<Link>,
    pub counts: Counts,
    /// The newest edition that changed the region's own settings.
    pub changed_in: Option<ChangeMark>,
}

#[derive(Debug, Serialize)]
pub struct Counts {
    pub actors: usize,
    pub procedures: usize,
    pub agreements: usize,
    pub routes: usize,
    pub pages: usize,
    pub forms: usize,
}

/// A date for a `<time>` element: machine form and reader's form.
#[derive(Debug, Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
}

pub fn date_view(date: time::Date, lang: Lang) -> DateView {
    DateView {
        iso: date.to_string(),
        text: display_date(date, lang),
    }
}

pub fn contact_view(c: &Contact, site: &Site) -> ContactView {
    let lang = site.lang;
    ContactView {
        email: c.email.clone(),
        phone: c.phone.clone(),
        url: c.url.clone(),
        address: c.address.clone(),
        hours: c.hours.clone(),
        verified: c.verified.map(|d| display_date(d, lang)),
        verified_iso: c.verified.map(|d| d.to_string()),
        stale: c.is_stale(site.build_date),
    }
}

impl<'a> Views<'a> {
    fn lang(&self) -> Lang {
        self.site.lang
    }

    /// The mark of an entity of the region, if an edition added or changed it.
    fn mark(&self, kind: Kind, id: &str) -> Option<ChangeMark> {
        self.marks.get(Subject::Entity(kind), id).cloned()
    }

    fn level(&self, ix: LevelIx) -> LevelView {
        let l = &self.site.levels[ix.min(self.site.levels.len().saturating_sub(1))];
        LevelView {
            id: l.id.clone(),
            name: l.name.clone(),
        }
    }

    /// The link to an entity of any kind: its title, summary, level and origin.
    pub fn link_to(&self, ix: impl Into<EntityIx>) -> Link {
        let e = self.region.entity(ix.into());
        Link {
            summary: e.summary.map(str::to_string),
            level: e.level.map(|l| self.level(l).name),
            origin: Some(e.meta.origin),
            ..Link::new(e.title, urls::entity(&self.region.slug, e.ix.kind(), &e.meta.id))
        }
    }

    /// The head of an entity's view.
    fn head(&self, kind: Kind, meta: &Meta, title: &str, summary: &Option<String>) -> EntityHead {
        EntityHead {
            id: meta.id.clone(),
            title: title.to_string(),
            url: urls::entity(&self.region.slug, kind, &meta.id),
            origin: meta.origin,
            changed_in: self.mark(kind, &meta.id),
            summary: summary.clone(),
        }
    }

    pub fn actor(&self, ix: ActorIx) -> ActorView {
        let a = self.region.actor(ix);
        ActorView {
            head: self.head(Kind::Actor, &a.meta, &a.name, &a.summary),
            name: a.name.clone(),
            level: self.level(a.level),
            kind: a.kind,
            members: a.members.iter().map(|&m| self.link_to(m)).collect(),
            member_of: a.member_of.iter().map(|&m| self.link_to(m)).collect(),
            contact: a.contact.as_ref().map(|c| contact_view(c, self.site)),
            owns: a.owns.iter().map(|&p| self.link_to(p)).collect(),
            joins: a.joins.iter().map(|&p| self.link_to(p)).collect(),
            agreements: a.agreements.iter().map(|&x| self.link_to(x)).collect(),
            headings: a.body.md.headings.clone(),
        }
    }

    pub fn procedure(&self, ix: ProcIx) -> ProcedureView {
        let p = self.region.procedure(ix);
        let edges = |list: &[Escalation]| {
            list.iter()
                .map(|e| EdgeView {
                    procedure: self.link_to(e.other),
                    when: e.when.clone(),
                })
                .collect()
        };
        ProcedureView {
            head: self.head(Kind::Procedure, &p.meta, &p.title, &p.summary),
            level: self.level(p.level),
            owner: p.owner.map(|o| self.link_to(o)),
            participants: p.participants.iter().map(|&a| self.link_to(a)).collect(),
            trigger: p.trigger.clone(),
            frequency: p.frequency.clone(),
            steps: p
                .steps
                .iter()
                .map(|s| StepView {
                    number: s.number,
                    anchor: urls::step_anchor(s.number),
                    title: s.title.clone(),
                    actor: s.actor.map(|a| self.link_to(a)),
                    within: s.within.map(|d| d.display(self.lang())),
                    output: s.output.clone(),
                    description: s.description.clone(),
                })
                .collect(),
            escalates_to: edges(&p.escalates_to),
            escalated_from: edges(&p.escalated_from),
            consent: p.consent.as_ref().map(|c| ConsentView {
                required: c.required,
                from: c.from.iter().map(|&a| self.link_to(a)).collect(),
                note: c.note.clone(),
            }),
            documents: p
                .documents
                .iter()
                .map(|d| match d.form {
                    Some(ix) => DocumentView {
                        title: d.title.clone(),
                        ..self.form(ix)
                    },
                    None => DocumentView {
                        title: d.title.clone(),
                        href: None,
                        external: false,
                        file_type: None,
                    },
                })
                .collect(),
            routes: p.routes.iter().map(|&r| self.link_to(r)).collect(),
            agreements: p.agreements.iter().map(|&a| self.link_to(a)).collect(),
            headings: p.body.md.headings.clone(),
        }
    }

    /// A form of the region as a link, under the title it has on the forms page.
    pub fn form(&self, ix: FormIx) -> DocumentView {
        let f = &self.region.forms[ix.get()];
        let (href, external) = match &f.source {
            FormSource::File { path, .. } => (urls::region_file(&self.region.slug, path), false),
            FormSource::Url(url) => (url.clone(), true),
        };
        DocumentView {
            title: f.title.clone(),
            href: Some(href),
            external,
            file_type: f.source.file_type(),
        }
    }

    pub fn agreement(&self, ix: AgreementIx) -> AgreementView {
        let a = self.region.agreement(ix);
        let lang = self.lang();
        AgreementView {
            head: self.head(Kind::Agreement, &a.meta, &a.title, &a.summary),
            parties: a.parties.iter().map(|&p| self.link_to(p)).collect(),
            signed: a.signed.map(|d| display_date(d, lang)),
            signed_iso: a.signed.map(|d| d.to_string()),
            review: a.review.map(|d| display_date(d, lang)),
            review_iso: a.review.map(|d| d.to_string()),
            commitments: a
                .commitments
                .iter()
                .map(|c| CommitmentView {
                    party: c.party.map(|p| self.link_to(p)),
                    text: c.text.clone(),
                    response_time: c.response_time.map(|d| d.display(lang)),
                    procedures: c.procedures.iter().map(|&p| self.link_to(p)).collect(),
                })
                .collect(),
            headings: a.body.md.headings.clone(),
        }
    }

    pub fn route(&self, ix: RouteIx) -> RouteView {
        let r = self.region.route(ix);
        RouteView {
            head: self.head(Kind::Route, &r.meta, &r.title, &r.summary),
            steps: r
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| RouteStepView {
                    number: i + 1,
                    procedure: self.link_to(s.procedure),
                    owner: self.region.procedure(s.procedure).owner.map(|o| self.link_to(o)),
                    when: s.when.clone(),
                })
                .collect(),
        }
    }

    pub fn page(&self, p: &Page) -> PageView {
        PageView {
            head: self.head(Kind::Page, &p.meta, &p.title, &p.summary),
            headings: p.body.md.headings.clone(),
            review: p.review.map(|d| date_view(d, self.lang())),
        }
    }

    /// Procedures or actors grouped by level, in the site's level order.
    pub fn by_level(&self, kind: Kind) -> Vec<Group> {
        self.site
            .levels
            .iter()
            .enumerate()
            .map(|(li, l)| Group {
                id: format!("niveau-{}", l.id),
                title: l.name.clone(),
                url: None,
                items: self
                    .region
                    .of_kind(kind)
                    .filter(|e| e.level == Some(li))
                    .map(|e| self.link_to(e.ix))
                    .collect(),
            })
            .collect()
    }

    pub fn all_links(&self, kind: Kind) -> Vec<Link> {
        (0..self.region.count(kind))
            .filter_map(|i| self.link(kind, i))
            .collect()
    }

    /// The link to the `i`th entity of `kind` in reading order, if there is one.
    pub fn link(&self, kind: Kind, i: usize) -> Option<Link> {
        (i < self.region.count(kind)).then(|| self.link_to(EntityIx::new(kind, i)))
    }

    pub fn region(&self) -> RegionView {
        let r = self.region;
        let years = r.indicator_years();
        RegionView {
            slug: r.slug.clone(),
            name: r.name.clone(),
            code: r.code.clone(),
            url: urls::region_home(&r.slug),
            summary: r.summary.clone(),
            version: r.version.clone(),
            base: r.base.clone(),
            municipalities: r.municipalities.clone(),
            contact: r.contact.as_ref().map(|c| contact_view(c, self.site)),
            steering_group: r.steering_group.iter().map(|&a| self.link_to(a)).collect(),
            steering_note: r.steering_note.clone(),
            schools: r.schools.clone(),
            indicators: r
                .indicators
                .iter()
                .map(|i| IndicatorView {
                    statement: i.statement.clone(),
                    scores: i.scores.clone(),
                })
                .collect(),
            indicator_years: years,
            timeline: r.timeline.clone(),
            routes: self.all_links(Kind::Route),
            counts: Counts {
                actors: r.actors.len(),
                procedures: r.procedures.len(),
                agreements: r.agreements.len(),
                routes: r.routes.len(),
                pages: r.pages.len(),
                forms: r.forms.len(),
            },
            changed_in: self.marks.get(Subject::Region, &r.slug).cloned(),
        }
    }
}
