//! Resolution of each kind of entity, and of the region's own settings:
//! raw values become typed ones, ids become indices.

use std::sync::Arc;

use crate::diag::{Diagnostic, Problem};
use crate::model::*;
use crate::raw::markdown::Markdown;
use crate::raw::project::{Entity, Layer, Loaded, Project};
use crate::raw::*;
use crate::source::YamlPath;
use crate::source::{FileId, Span};
use crate::urls;
use crate::values::parse_date;

use super::context::Cx;

pub fn contact(
    raw: &RawContact,
    file: Option<FileId>,
    path: &YamlPath,
    project: &Project,
    diags: &mut Vec<Diagnostic>,
) -> Contact {
    let verified = raw.verified.as_deref().and_then(|v| {
        let parsed = parse_date(v);
        if parsed.is_none() {
            diags.push(Diagnostic::error(
                Problem::InvalidDate { value: v.to_string() },
                file.map(|f| project.sources.value_span(f, &path.key("verified"))),
            ));
        }
        parsed
    });
    Contact {
        email: raw.email.clone(),
        phone: raw.phone.clone(),
        url: raw.url.clone(),
        address: raw.address.clone(),
        hours: raw.hours.clone(),
        verified,
    }
}

fn body(md: &Arc<Markdown>) -> Body {
    Body {
        md: Arc::clone(md),
        link_targets: Vec::new(),
    }
}

pub fn actor(cx: &mut Cx<'_>, e: &Entity<RawActor>, origin: Origin) -> Actor {
    let r = &e.data;
    let f = e.file;
    let kind = match r.kind.as_str() {
        "rol" | "role" => ActorKind::Rol,
        "team" => ActorKind::Team,
        "organisatie" | "organisation" | "organization" => ActorKind::Organisatie,
        other => {
            cx.error(
                Problem::UnknownVariant {
                    value: other.to_string(),
                    expected: "`rol`, `team`, `organisatie`".into(),
                },
                f,
                &YamlPath::field("kind"),
            );
            ActorKind::Rol
        }
    };
    Actor {
        meta: cx.meta(e, origin, &r.aliases),
        name: r.name.clone(),
        level: cx.level(&r.level, f),
        kind,
        summary: r.summary.clone(),
        members: cx.actors(&r.members, f, &YamlPath::field("members")),
        contact: r.contact.as_ref().map(|c| {
            let (project, mut d) = (cx.project, Vec::new());
            let c = contact(c, Some(f), &YamlPath::field("contact"), project, &mut d);
            d.into_iter().for_each(|x| cx.push(x));
            c
        }),
        body: body(&e.body),
        owns: Vec::new(),
        joins: Vec::new(),
        agreements: Vec::new(),
        member_of: Vec::new(),
    }
}

pub fn procedure(cx: &mut Cx<'_>, e: &Entity<RawProcedure>, origin: Origin) -> Procedure {
    let r = &e.data;
    let f = e.file;
    let steps = items("steps", &r.steps)
        .map(|(i, path, s)| {
            if s.actor.is_none() {
                let span = cx.span(f, &path.key("title"));
                cx.push(Diagnostic::warning(
                    Problem::StepWithoutActor { step: s.title.clone() },
                    Some(span),
                ));
            }
            Step {
                number: i + 1,
                title: s.title.clone(),
                actor: s.actor.as_deref().and_then(|a| cx.actor(a, f, &path.key("actor"))),
                within: cx.duration(s.within.as_deref(), f, &path.key("within")),
                output: s.output.clone(),
                description: s.description.clone(),
            }
        })
        .collect();
    let escalates_to = edges(cx, f, "escalates_to", &r.escalates_to)
        .into_iter()
        .map(|(other, when)| Escalation { other, when })
        .collect();
    let consent = r.consent.as_ref().map(|c| match c {
        RawConsent::Flag(required) => Consent {
            required: *required,
            from: Vec::new(),
            note: None,
        },
        RawConsent::Text(note) => Consent {
            required: true,
            from: Vec::new(),
            note: Some(note.clone()),
        },
        RawConsent::Full { required, from, note } => Consent {
            required: *required,
            from: cx.actors(from, f, &YamlPath::field("consent").key("from")),
            note: note.clone(),
        },
    });
    Procedure {
        meta: cx.meta(e, origin, &r.aliases),
        title: r.title.clone(),
        level: cx.level(&r.level, f),
        owner: cx.actor(&r.owner, f, &YamlPath::field("owner")),
        participants: cx.actors(&r.participants, f, &YamlPath::field("participants")),
        summary: r.summary.clone(),
        trigger: r.trigger.clone(),
        frequency: r.frequency.clone(),
        steps,
        escalates_to,
        consent,
        documents: r
            .documents
            .iter()
            .map(|d| Document {
                title: d.title.clone(),
                url: d.url.clone(),
                file: d.file.clone(),
                form: None,
            })
            .collect(),
        body: body(&e.body),
        escalated_from: Vec::new(),
        routes: Vec::new(),
        agreements: Vec::new(),
    }
}

/// The items of the list `field` of a file, each with its index and its path.
fn items<'r, T>(field: &str, list: &'r [T]) -> impl Iterator<Item = (usize, YamlPath, &'r T)> {
    let list_path = YamlPath::field(field);
    list.iter()
        .enumerate()
        .map(move |(i, item)| (i, list_path.index(i), item))
}

/// The edges of a list (`escalates_to`, a route's `steps`) as (procedure,
/// condition); one whose procedure does not resolve is reported and left out.
fn edges(cx: &mut Cx<'_>, file: FileId, field: &str, edges: &[RawEdge]) -> Vec<(ProcIx, Option<String>)> {
    items(field, edges)
        .filter_map(|(_, item, edge)| {
            // The procedure id is the item itself, or its `procedure` key.
            let path = match edge {
                RawEdge::Id(_) => item,
                RawEdge::Full { .. } => item.key("procedure"),
            };
            Some((
                cx.procedure(edge.procedure(), file, &path)?,
                edge.when().map(str::to_string),
            ))
        })
        .collect()
}

pub fn agreement(cx: &mut Cx<'_>, e: &Entity<RawAgreement>, origin: Origin) -> Agreement {
    let r = &e.data;
    let f = e.file;
    let parties = cx.actors(&r.parties, f, &YamlPath::field("parties"));
    if r.parties.len() < 2 {
        cx.error(Problem::TooFewParties, f, &YamlPath::field("parties"));
    }
    let commitments = items("commitments", &r.commitments)
        .map(|(_, path, c)| {
            let party = cx.actor(&c.party, f, &path.key("party"));
            if party.is_some() && !r.parties.contains(&c.party) {
                cx.error(
                    Problem::CommitmentOutsideAgreement { party: c.party.clone() },
                    f,
                    &path.key("party"),
                );
            }
            Commitment {
                party,
                text: c.text.clone(),
                response_time: cx.duration(c.response_time.as_deref(), f, &path.key("response_time")),
                procedures: cx.procedures(&c.procedures, f, &path.key("procedures")),
            }
        })
        .collect();
    Agreement {
        meta: cx.meta(e, origin, &r.aliases),
        title: r.title.clone(),
        summary: r.summary.clone(),
        parties,
        signed: cx.date(r.signed.as_deref(), f, &YamlPath::field("signed")),
        review: cx.date(r.review.as_deref(), f, &YamlPath::field("review")),
        commitments,
        body: body(&e.body),
    }
}

pub fn route(cx: &mut Cx<'_>, e: &Entity<RawRoute>, origin: Origin) -> Route {
    let r = &e.data;
    let steps = edges(cx, e.file, "steps", &r.steps)
        .into_iter()
        .map(|(procedure, when)| RouteStep { procedure, when })
        .collect();
    Route {
        meta: cx.meta(e, origin, &r.aliases),
        title: r.title.clone(),
        summary: r.summary.clone(),
        steps,
    }
}

pub fn page(cx: &mut Cx<'_>, e: &Entity<RawPage>, origin: Origin) -> Page {
    let r = &e.data;
    let title = r
        .title
        .clone()
        .or_else(|| e.body.headings.first().map(|h| h.text.clone()))
        .unwrap_or_else(|| e.id.clone());
    Page {
        meta: cx.meta(e, origin, &r.aliases),
        title,
        summary: r.summary.clone(),
        order: r.order.or(r.weight).unwrap_or(0),
        review: cx.date(r.review.as_deref(), e.file, &YamlPath::field("review")),
        body: body(&e.body),
    }
}

/// A page id that a built-in page or folder already uses is a mistake.
pub fn check_page_ids(cx: &mut Cx<'_>, pages: &[Page]) {
    for page in pages {
        if urls::RESERVED.contains(&page.meta.id.as_str()) {
            let span = Span::file_start(page.meta.file);
            cx.push(Diagnostic::error(
                Problem::ReservedId {
                    id: page.meta.id.clone(),
                },
                Some(span),
            ));
        }
    }
}

/// The region with its own settings resolved and no entities yet.
pub fn region(cx: &mut Cx<'_>, layer: &Layer, config: &Loaded<RawRegion>, base: Option<&Layer>) -> Region {
    let raw = &config.data;
    let file = config.file;
    let steering = raw.steering_group.as_ref();
    let (members, steering_note): (&[String], Option<String>) = match steering {
        Some(RawSteeringGroup::Members(m)) => (m, None),
        Some(RawSteeringGroup::Full { members, note, .. }) => (members, note.clone()),
        None => (&[], None),
    };
    let members_path = match steering {
        Some(RawSteeringGroup::Full { .. }) => YamlPath::field("steering_group").key("members"),
        _ => YamlPath::field("steering_group"),
    };
    let steering_group = cx.actors(members, file, &members_path);

    let region = Region {
        slug: layer.name.clone(),
        name: raw.name.clone().unwrap_or_else(|| layer.name.clone()),
        code: raw.code.clone(),
        summary: raw.summary.clone(),
        version: raw.version.clone(),
        base: base.map(|b| b.name.clone()),
        file,
        changed: cx.project.changed(file),
        municipalities: raw.municipalities.clone(),
        contact: raw
            .contact
            .as_ref()
            .map(|c| contact(c, Some(file), &YamlPath::field("contact"), cx.project, &mut cx.diags)),
        steering_group,
        steering_note,
        schools: raw
            .schools
            .iter()
            .map(|s| School {
                name: s.name.clone(),
                brin: s.brin.clone(),
                municipality: s.municipality.clone(),
            })
            .collect(),
        indicators: raw
            .indicators
            .iter()
            .map(|i| Indicator {
                statement: i.statement.clone(),
                scores: match i.score {
                    Some(s) if i.scores.is_empty() => vec![(String::new(), s)],
                    _ => i.scores.iter().map(|(k, v)| (k.clone(), *v)).collect(),
                },
            })
            .collect(),
        timeline: raw
            .timeline
            .iter()
            .map(|t| Tranche {
                year: t.year.clone(),
                title: t.title.clone(),
                schools: t.schools.clone(),
                note: t.note.clone(),
            })
            .collect(),
        home: None,
        actors: Vec::new(),
        procedures: Vec::new(),
        agreements: Vec::new(),
        routes: Vec::new(),
        pages: Vec::new(),
        glossary: Vec::new(),
        excluded: Vec::new(),
        history: Vec::new(),
        assets: Vec::new(),
        forms: Vec::new(),
    };
    if raw.steering_group.is_none() {
        cx.push(Diagnostic::warning(
            Problem::NoSteeringGroup {
                region: region.name.clone(),
            },
            Some(Span::file_start(file)),
        ));
    }
    if raw.name.is_none() {
        cx.push(Diagnostic::error(
            Problem::MissingField { field: "name".into() },
            Some(Span::file_start(file)),
        ));
    }
    region
}
