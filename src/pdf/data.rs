//! What the draaiboek's Typst template reads (`draaiboek.json`): the
//! region's handbook in the print view's reading order, each body as Typst
//! markup, each cross reference as the label of the entity it names (only
//! labels the document has), each date and duration in words.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::markup::{self, Place};
use crate::i18n::{Lang, Strings};
use crate::kinds::Kind;
use crate::model::*;
use crate::plan::volumes::{Volume, Volumes};
use crate::values::display_date;

/// The Typst level of each part ("Procedures") and of an entity inside a
/// part grouped by level (a part not grouped has its entities one higher).
const PART: u8 = 1;

#[derive(Serialize)]
pub struct Draaiboek<'a> {
    pub lang: &'static str,
    /// The document's title: "Draaiboek <region>".
    pub title: String,
    pub region: RegionData<'a>,
    /// The running header: region, version, edition and date.
    pub header: String,
    pub date: String,
    pub edition: Option<&'a str>,
    /// Which volume this is, of how many ([`crate::plan::volumes`]).
    pub volume: VolumeData,
    /// Every volume of the draaiboek (one when it is whole), with what it holds.
    pub volumes: Vec<VolumeEntry<'a>>,
    pub t: &'a BTreeMap<String, String>,
    pub intro: Option<String>,
    pub diagram: Vec<DiagramPage>,
    /// Where the drawing is, when the route is too large to draw on paper.
    pub diagram_online: Option<String>,
    pub outline: Vec<Group<OutlineItem<'a>>>,
    pub routes: Vec<RouteData<'a>>,
    pub procedures: Vec<Group<ProcedureData<'a>>>,
    pub actors: Vec<Group<ActorData<'a>>>,
    pub agreements: Vec<AgreementData<'a>>,
    pub pages: Vec<PageData<'a>>,
    pub forms: Vec<FormData<'a>>,
    pub glossary: Vec<&'a Term>,
    pub contacts: Vec<Group<CardData<'a>>>,
}

#[derive(Serialize)]
pub struct RegionData<'a> {
    pub name: &'a str,
    pub code: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub version: Option<&'a str>,
}

#[derive(Serialize)]
pub struct VolumeData {
    pub number: usize,
    pub total: usize,
}

/// A volume as the others list it: its file (beside this one), the parts
/// of the handbook it holds, and its first and last entry.
#[derive(Serialize)]
pub struct VolumeEntry<'a> {
    pub number: usize,
    pub file: String,
    pub parts: Vec<&'a str>,
    pub first: Option<&'a str>,
    pub last: Option<&'a str>,
}

/// A landscape page's part of the region's diagram: its SVG's file in the
/// world, the level it shows (if one) and its size on paper, in points.
#[derive(Serialize)]
pub struct DiagramPage {
    pub file: String,
    pub title: Option<String>,
    pub width: f32,
    pub height: f32,
}

/// Items under a level's heading.
#[derive(Serialize)]
pub struct Group<T> {
    pub title: String,
    pub label: String,
    pub items: Vec<T>,
}

/// A cross reference: the title shown and the label of the heading it goes
/// to, or, when the entity is in another volume, that volume's number.
#[derive(Serialize)]
pub struct Ref<'a> {
    pub title: &'a str,
    pub label: Option<String>,
    pub volume: Option<usize>,
}

#[derive(Serialize)]
pub struct OutlineItem<'a> {
    pub procedure: Ref<'a>,
    pub to: Vec<EdgeData<'a>>,
}

#[derive(Serialize)]
pub struct EdgeData<'a> {
    pub procedure: Ref<'a>,
    pub when: Option<&'a str>,
}

#[derive(Serialize)]
pub struct RouteData<'a> {
    pub label: String,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub steps: Vec<RouteStepData<'a>>,
}

#[derive(Serialize)]
pub struct RouteStepData<'a> {
    pub number: usize,
    pub procedure: Ref<'a>,
    pub level: &'a str,
    pub owner: Option<Ref<'a>>,
    pub summary: Option<&'a str>,
    pub when: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ProcedureData<'a> {
    pub label: String,
    pub title: &'a str,
    pub level: &'a str,
    pub summary: Option<&'a str>,
    pub owner: Option<Ref<'a>>,
    pub participants: Vec<Ref<'a>>,
    pub trigger: Option<&'a str>,
    pub frequency: Option<&'a str>,
    pub consent: Option<ConsentData<'a>>,
    pub steps: Vec<StepData<'a>>,
    pub body: String,
    pub escalates_to: Vec<EdgeData<'a>>,
    pub escalated_from: Vec<EdgeData<'a>>,
    pub documents: Vec<&'a str>,
    pub routes: Vec<Ref<'a>>,
    pub agreements: Vec<Ref<'a>>,
}

#[derive(Serialize)]
pub struct ConsentData<'a> {
    pub required: bool,
    pub from: Vec<Ref<'a>>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct StepData<'a> {
    pub number: usize,
    pub label: String,
    pub title: &'a str,
    pub actor: Option<Ref<'a>>,
    pub within: Option<String>,
    pub output: Option<&'a str>,
    pub description: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ActorData<'a> {
    pub label: String,
    pub name: &'a str,
    pub level: &'a str,
    pub kind: &'a str,
    pub summary: Option<&'a str>,
    pub contact: Option<ContactData<'a>>,
    pub body: String,
    pub members: Vec<Ref<'a>>,
    pub member_of: Vec<Ref<'a>>,
    pub owns: Vec<Ref<'a>>,
    pub joins: Vec<Ref<'a>>,
    pub agreements: Vec<Ref<'a>>,
}

#[derive(Serialize)]
pub struct ContactData<'a> {
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub url: Option<&'a str>,
    pub address: Option<&'a str>,
    pub hours: Option<&'a str>,
    pub verified: Option<String>,
}

#[derive(Serialize)]
pub struct AgreementData<'a> {
    pub label: String,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub parties: Vec<Ref<'a>>,
    pub signed: Option<String>,
    pub review: Option<String>,
    pub commitments: Vec<CommitmentData<'a>>,
    pub body: String,
}

#[derive(Serialize)]
pub struct CommitmentData<'a> {
    pub party: Option<Ref<'a>>,
    pub text: &'a str,
    pub response_time: Option<String>,
    pub procedures: Vec<Ref<'a>>,
}

#[derive(Serialize)]
pub struct PageData<'a> {
    pub label: String,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub body: String,
}

#[derive(Serialize)]
pub struct FormData<'a> {
    pub title: &'a str,
    /// The kind of file (`PDF`), if its name says.
    pub kind: Option<String>,
    pub procedures: Vec<Ref<'a>>,
}

#[derive(Serialize)]
pub struct CardData<'a> {
    pub actor: Ref<'a>,
    pub contact: ContactData<'a>,
}

/// The label of the heading of entity `id` of `kind`.
pub fn label(kind: Kind, id: &str) -> String {
    format!("{}-{id}", kind.word())
}

/// The label of a part ("procedures") or of a level inside it.
fn group_label(part: &str, level: &Level) -> String {
    format!("{part}-{}", level.id)
}

/// Volume `volume` of the region's handbook as the template reads it.
/// `diagram` is the drawing of the whole route, a part a page (none if the
/// region has no procedures to draw, or the volume does not show it).
pub fn draaiboek<'a>(
    site: &'a Site,
    region: &'a Region,
    t: &'a Strings,
    diagram: Vec<DiagramPage>,
    (volumes, volume): (&Volumes, &Volume),
) -> Draaiboek<'a> {
    let mut here: HashSet<EntityIx> = volumes.entries_of(volume).iter().copied().collect();
    if volume.front {
        here.extend((0..region.routes.len()).map(|i| EntityIx::Route(RouteIx::new(i))));
    }
    let here_by_id = (here.iter())
        .map(|&e| ((e.kind(), region.entity(e).meta.id.as_str()), e))
        .collect();
    let d = Data {
        site,
        region,
        lang: site.lang,
        here: &here,
        here_by_id: &here_by_id,
        volumes,
    };
    let has = |e: EntityIx| here.contains(&e);
    let print_title = t.get("print_title");
    let (front, back) = (volume.front, volume.back);
    Draaiboek {
        lang: site.lang.code(),
        title: format!("{print_title} {}", region.name),
        region: RegionData {
            name: &region.name,
            code: region.code.as_deref(),
            summary: region.summary.as_deref(),
            version: region.version.as_deref(),
        },
        header: region.running_header(site, t),
        date: display_date(site.build_date, site.lang),
        edition: site.edition.as_ref().map(|e| e.name.as_str()),
        volume: VolumeData {
            number: volume.number,
            total: volume.total,
        },
        volumes: volume_entries(region, t, volumes),
        t: &t.0,
        intro: (region.home.as_ref())
            .filter(|_| front)
            .map(|home| d.body(&home.body, "inleiding-", PART + 1)),
        diagram,
        diagram_online: None,
        outline: if front {
            d.by_level("zorgroute", |li| {
                (region.procedures.iter().enumerate())
                    .filter(|(_, p)| p.level == li)
                    .map(|(i, p)| OutlineItem {
                        procedure: d.procedure(ProcIx::new(i)),
                        to: d.edges(&p.escalates_to),
                    })
                    .collect()
            })
        } else {
            Vec::new()
        },
        routes: (region.routes.iter()).filter(|_| front).map(|r| d.route(r)).collect(),
        procedures: d.by_level("procedures", |li| {
            (region.procedures.iter().enumerate())
                .filter(|&(i, p)| p.level == li && has(EntityIx::Procedure(ProcIx::new(i))))
                .map(|(_, p)| d.procedure_data(p))
                .collect()
        }),
        actors: d.by_level("actoren", |li| {
            (region.actors.iter().enumerate())
                .filter(|&(i, a)| a.level == li && has(EntityIx::Actor(ActorIx::new(i))))
                .map(|(_, a)| d.actor_data(a, t))
                .collect()
        }),
        agreements: (region.agreements.iter().enumerate())
            .filter(|&(i, _)| has(EntityIx::Agreement(AgreementIx::new(i))))
            .map(|(_, a)| d.agreement_data(a))
            .collect(),
        pages: (region.pages.iter().enumerate())
            .filter(|&(i, _)| has(EntityIx::Page(PageIx::new(i))))
            .map(|(_, p)| PageData {
                label: label(Kind::Page, &p.meta.id),
                title: &p.title,
                summary: p.summary.as_deref(),
                body: d.body(&p.body, &format!("{}-", label(Kind::Page, &p.meta.id)), PART + 2),
            })
            .collect(),
        forms: (region.forms.iter())
            .filter(|_| back)
            .map(|f| FormData {
                title: &f.title,
                kind: f.source.file_type(),
                procedures: f.procedures.iter().map(|&p| d.procedure(p)).collect(),
            })
            .collect(),
        glossary: region.glossary.iter().filter(|_| back).collect(),
        contacts: if back {
            d.by_level("kaart", |li| {
                (region.actors.iter().enumerate())
                    .filter(|(_, a)| a.level == li)
                    .filter_map(|(i, a)| {
                        let contact = a.contact.as_ref().filter(|c| !c.is_empty())?;
                        Some(CardData {
                            actor: d.actor(ActorIx::new(i)),
                            contact: d.contact(contact),
                        })
                    })
                    .collect()
            })
        } else {
            Vec::new()
        },
    }
}

/// Every volume with the parts it holds, in the theme's words, and the
/// titles of its first and last entry.
fn volume_entries<'a>(region: &'a Region, t: &'a Strings, volumes: &Volumes) -> Vec<VolumeEntry<'a>> {
    (volumes.list.iter())
        .map(|v| {
            let entries = volumes.entries_of(v);
            let mut parts = Vec::new();
            if v.front {
                if region.home.is_some() {
                    parts.push(t.get("print_introduction"));
                }
                if !region.procedures.is_empty() {
                    parts.push(t.get("the_route"));
                }
                if !region.routes.is_empty() {
                    parts.push(t.get("routes"));
                }
            }
            for kind in [Kind::Procedure, Kind::Actor, Kind::Agreement, Kind::Page] {
                if entries.iter().any(|e| e.kind() == kind) {
                    parts.push(t.get(kind.index_title_key()));
                }
            }
            if v.back {
                if !region.forms.is_empty() {
                    parts.push(t.get("forms"));
                }
                if !region.glossary.is_empty() {
                    parts.push(t.get("glossary"));
                }
                if region
                    .actors
                    .iter()
                    .any(|a| a.contact.as_ref().is_some_and(|c| !c.is_empty()))
                {
                    parts.push(t.get("social_map"));
                }
            }
            let title = |e: &EntityIx| region.entity(*e).title;
            VolumeEntry {
                number: v.number,
                file: crate::urls::draaiboek_file(v.number),
                parts,
                first: entries.first().map(title),
                last: entries.last().map(title),
            }
        })
        .collect()
}

/// What building the data needs at hand.
struct Data<'a, 'v> {
    site: &'a Site,
    region: &'a Region,
    lang: Lang,
    /// The entities this volume holds.
    here: &'v HashSet<EntityIx>,
    /// The same by kind and id, for the `@` links of bodies.
    here_by_id: &'v HashMap<(Kind, &'a str), EntityIx>,
    volumes: &'v Volumes,
}

impl<'a> Data<'a, '_> {
    /// Items per level in the site's order; levels without items are left out.
    fn by_level<T>(&self, part: &str, items_of: impl Fn(LevelIx) -> Vec<T>) -> Vec<Group<T>> {
        (self.site.levels.iter().enumerate())
            .map(|(li, level)| Group {
                title: level.name.clone(),
                label: group_label(part, level),
                items: items_of(li),
            })
            .filter(|g| !g.items.is_empty())
            .collect()
    }

    fn level(&self, ix: LevelIx) -> &'a str {
        self.site.levels.get(ix).map_or("", |l| l.name.as_str())
    }

    /// A reference to entity `e`: a link when this volume holds it.
    fn reference(&self, e: EntityIx) -> Ref<'a> {
        let entity = self.region.entity(e);
        let here = self.here.contains(&e);
        Ref {
            title: entity.title,
            label: here.then(|| label(e.kind(), &entity.meta.id)),
            volume: (!here).then(|| self.volumes.volume_of(e)),
        }
    }

    fn procedure(&self, ix: ProcIx) -> Ref<'a> {
        self.reference(EntityIx::Procedure(ix))
    }

    fn actor(&self, ix: ActorIx) -> Ref<'a> {
        self.reference(EntityIx::Actor(ix))
    }

    fn actors(&self, list: &[ActorIx]) -> Vec<Ref<'a>> {
        list.iter().map(|&a| self.actor(a)).collect()
    }

    fn procedures(&self, list: &[ProcIx]) -> Vec<Ref<'a>> {
        list.iter().map(|&p| self.procedure(p)).collect()
    }

    fn agreements(&self, list: &[AgreementIx]) -> Vec<Ref<'a>> {
        list.iter().map(|&ix| self.reference(EntityIx::Agreement(ix))).collect()
    }

    fn edges(&self, edges: &'a [Escalation]) -> Vec<EdgeData<'a>> {
        (edges.iter())
            .map(|e| EdgeData {
                procedure: self.procedure(e.other),
                when: e.when.as_deref(),
            })
            .collect()
    }

    fn date(&self, date: Option<time::Date>) -> Option<String> {
        date.map(|d| display_date(d, self.lang))
    }

    fn contact(&self, c: &'a Contact) -> ContactData<'a> {
        ContactData {
            email: c.email.as_deref(),
            phone: c.phone.as_deref(),
            url: c.url.as_deref(),
            address: c.address.as_deref(),
            hours: c.hours.as_deref(),
            verified: self.date(c.verified),
        }
    }

    /// A body as markup whose headings start at `heading`, their labels
    /// under `prefix`, and whose `@` links go to the entities they name.
    fn body(&self, body: &Body, prefix: &str, heading: u8) -> String {
        let link = |n: usize| -> Option<String> {
            let target = body.md.links.get(n)?.target.as_ref().ok()?;
            // An unresolved link (`#`) names nothing in the document.
            if body.link_targets.get(n).is_none_or(|t| t == "#") {
                return None;
            }
            // Only an entity in this volume has a label to go to.
            let &ix = self.here_by_id.get(&(target.kind, target.id.as_str()))?;
            let entity = label(target.kind, &target.id);
            Some(match &target.anchor {
                Some(a) if self.has_anchor(ix, a) => format!("{entity}-{a}"),
                _ => entity,
            })
        };
        markup::body(
            &body.md,
            &Place {
                prefix,
                heading,
                link: &link,
            },
        )
    }

    /// Whether the document labels `anchor` inside entity `ix`: a step of a
    /// procedure, or a heading of its body.
    fn has_anchor(&self, ix: EntityIx, anchor: &str) -> bool {
        let entity = self.region.entity(ix);
        let step = match entity.ix {
            EntityIx::Procedure(ix) => {
                (self.region.procedure(ix).steps.iter()).any(|s| crate::urls::step_anchor(s.number) == anchor)
            }
            _ => false,
        };
        step || entity
            .body
            .is_some_and(|b| b.md.headings.iter().any(|h| h.id == anchor))
    }

    fn route(&self, r: &'a Route) -> RouteData<'a> {
        RouteData {
            label: label(Kind::Route, &r.meta.id),
            title: &r.title,
            summary: r.summary.as_deref(),
            steps: (r.steps.iter().enumerate())
                .map(|(i, s)| {
                    let p = self.region.procedure(s.procedure);
                    RouteStepData {
                        number: i + 1,
                        procedure: self.procedure(s.procedure),
                        level: self.level(p.level),
                        owner: p.owner.map(|a| self.actor(a)),
                        summary: p.summary.as_deref(),
                        when: s.when.as_deref(),
                    }
                })
                .collect(),
        }
    }

    fn procedure_data(&self, p: &'a Procedure) -> ProcedureData<'a> {
        let own = label(Kind::Procedure, &p.meta.id);
        ProcedureData {
            title: &p.title,
            level: self.level(p.level),
            summary: p.summary.as_deref(),
            owner: p.owner.map(|a| self.actor(a)),
            participants: self.actors(&p.participants),
            trigger: p.trigger.as_deref(),
            frequency: p.frequency.as_deref(),
            consent: p.consent.as_ref().map(|c| ConsentData {
                required: c.required,
                from: self.actors(&c.from),
                note: c.note.as_deref(),
            }),
            steps: (p.steps.iter())
                .map(|s| StepData {
                    number: s.number,
                    label: format!("{own}-{}", crate::urls::step_anchor(s.number)),
                    title: &s.title,
                    actor: s.actor.map(|a| self.actor(a)),
                    within: s.within.as_ref().map(|w| w.display(self.lang)),
                    output: s.output.as_deref(),
                    description: s.description.as_deref(),
                })
                .collect(),
            body: self.body(&p.body, &format!("{own}-"), PART + 3),
            escalates_to: self.edges(&p.escalates_to),
            escalated_from: self.edges(&p.escalated_from),
            documents: p.documents.iter().map(|d| d.title.as_str()).collect(),
            routes: (p.routes.iter())
                .map(|&ix| self.reference(EntityIx::Route(ix)))
                .collect(),
            agreements: self.agreements(&p.agreements),
            label: own,
        }
    }

    fn actor_data(&self, a: &'a Actor, t: &'a Strings) -> ActorData<'a> {
        let own = label(Kind::Actor, &a.meta.id);
        let kind = match a.kind {
            ActorKind::Rol => "kind_rol",
            ActorKind::Team => "kind_team",
            ActorKind::Organisatie => "kind_organisatie",
        };
        ActorData {
            name: &a.name,
            level: self.level(a.level),
            kind: t.get(kind),
            summary: a.summary.as_deref(),
            contact: a.contact.as_ref().filter(|c| !c.is_empty()).map(|c| self.contact(c)),
            body: self.body(&a.body, &format!("{own}-"), PART + 3),
            members: self.actors(&a.members),
            member_of: self.actors(&a.member_of),
            owns: self.procedures(&a.owns),
            joins: self.procedures(&a.joins),
            agreements: self.agreements(&a.agreements),
            label: own,
        }
    }

    fn agreement_data(&self, a: &'a Agreement) -> AgreementData<'a> {
        let own = label(Kind::Agreement, &a.meta.id);
        AgreementData {
            title: &a.title,
            summary: a.summary.as_deref(),
            parties: self.actors(&a.parties),
            signed: self.date(a.signed),
            review: self.date(a.review),
            commitments: (a.commitments.iter())
                .map(|c| CommitmentData {
                    party: c.party.map(|p| self.actor(p)),
                    text: &c.text,
                    response_time: c.response_time.as_ref().map(|d| d.display(self.lang)),
                    procedures: self.procedures(&c.procedures),
                })
                .collect(),
            body: self.body(&a.body, &format!("{own}-"), PART + 2),
            label: own,
        }
    }
}
