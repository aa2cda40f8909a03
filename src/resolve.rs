//! Resolve stage: applies inheritance (standard route + region overrides +
//! `exclude`), checks every reference, turns ids into typed indices and
//! computes back-references, giving the [`crate::model::Site`]. Pure: reads the
//! raw [`Project`], touches no files. Regions resolve in parallel.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Problem};
use crate::i18n::{Lang, Strings};
use crate::load::{Entity, Layer, Project};
use crate::markdown::Markdown;
use crate::model::*;
use crate::raw::*;
use crate::source::{FileId, Span};
use crate::urls;
use crate::values::{parse_date, Duration};
use crate::yaml::YamlPath;

/// The folder a region inherits from when `extends` is not set.
pub const DEFAULT_BASE: &str = "_standaard";

/// Site-wide settings read before anything else, because the theme and the
/// language of messages depend on them.
#[derive(Debug, Clone)]
pub struct Settings {
    pub title: String,
    pub base_url: String,
    pub lang: Lang,
    pub theme: String,
}

/// Reads site.yaml's settings; problems go into `diags`.
pub fn settings(project: &Project, diags: &mut Vec<Diagnostic>) -> Settings {
    let mut s = Settings {
        title: String::new(),
        base_url: String::new(),
        lang: Lang::Nl,
        theme: "default".into(),
    };
    let Some(site) = &project.site else {
        diags.push(Diagnostic::error(Problem::NoSiteYaml, None));
        return s;
    };
    let raw = &site.data;
    match &raw.title {
        Some(t) => s.title = t.clone(),
        None => diags.push(Diagnostic::error(
            Problem::MissingField { field: "title".into() },
            Some(Span::file_start(site.file)),
        )),
    }
    s.base_url = raw.base_url.clone().unwrap_or_default();
    if let Some(code) = &raw.language {
        match Lang::parse(code) {
            Some(l) => s.lang = l,
            None => diags.push(Diagnostic::error(
                Problem::UnknownVariant {
                    value: code.clone(),
                    expected: "`nl`, `en`".into(),
                },
                Some(project.sources.value_span(site.file, &YamlPath::field("language"))),
            )),
        }
    }
    if let Some(theme) = &raw.theme {
        s.theme = theme.clone();
    }
    s
}

/// Resolves the whole project. `strings` name the default levels.
pub fn resolve(project: &Project, settings: &Settings, strings: &Strings, diags: &mut Vec<Diagnostic>) -> Site {
    let raw_site = project.site.as_ref().map(|s| &s.data);
    let levels = match raw_site.and_then(|s| s.levels.as_ref()) {
        Some(levels) => levels
            .iter()
            .map(|l| match l {
                RawLevel::Id(id) => Level {
                    id: id.clone(),
                    name: strings.get(&format!("level_{id}")).to_string(),
                    description: None,
                },
                RawLevel::Full { id, name, description } => Level {
                    id: id.clone(),
                    name: name.clone().unwrap_or_else(|| id.clone()),
                    description: description.clone(),
                },
            })
            .collect(),
        None => crate::i18n::default_levels(strings),
    };
    let site_file = project.site.as_ref().map(|s| s.file);
    let contact = raw_site
        .and_then(|s| s.contact.as_ref())
        .map(|c| contact(c, site_file, &YamlPath::field("contact"), project, diags));

    let mut regions: Vec<&Layer> = Vec::new();
    for layer in project.regions() {
        if layer.config.is_none() {
            diags.push(Diagnostic::error(
                Problem::RegionWithoutConfig {
                    region: layer.name.clone(),
                },
                None,
            ));
        } else {
            regions.push(layer);
        }
    }
    if project.site.is_some() && project.regions().next().is_none() {
        diags.push(Diagnostic::error(Problem::NoRegions, None));
    }

    let resolved: Vec<(Option<Region>, Vec<Diagnostic>)> = regions
        .par_iter()
        .map(|layer| {
            let mut region_diags = Vec::new();
            let region = resolve_region(project, layer, &levels, &mut region_diags);
            (region, region_diags)
        })
        .collect();
    let mut out = Vec::new();
    for (region, d) in resolved {
        diags.extend(d);
        out.extend(region);
    }

    Site {
        title: settings.title.clone(),
        base_url: settings.base_url.clone(),
        lang: settings.lang,
        theme: settings.theme.clone(),
        footer: raw_site.and_then(|s| s.footer.clone()),
        contact,
        levels,
        regions: out,
    }
}

/// The entities of one kind a region sees, with where each comes from.
struct Merged<'p, T> {
    items: Vec<(&'p Entity<T>, Origin)>,
}

/// Applies inheritance for one kind: the base's entities unless excluded,
/// replaced by the region's own of the same id, plus the region's additions.
fn merge<'p, T>(
    base: Option<&'p [Entity<T>]>,
    own: &'p [Entity<T>],
    kind: Kind,
    excluded: &HashSet<(Kind, String)>,
    project: &Project,
    diags: &mut Vec<Diagnostic>,
) -> Merged<'p, T> {
    let own_ids = unique_by_id(own, kind, project, diags);
    let mut items: Vec<(&Entity<T>, Origin)> = Vec::new();
    if let Some(base) = base {
        let base_ids = unique_by_id(base, kind, project, &mut Vec::new());
        for (id, e) in base_ids {
            if own_ids.contains_key(id) {
                continue;
            }
            if !excluded.contains(&(kind, id.to_string())) {
                items.push((e, Origin::Standard));
            }
        }
        for (id, e) in &own_ids {
            let replaces = base.iter().any(|b| b.id == *id);
            items.push((e, if replaces { Origin::Override } else { Origin::Regional }));
        }
    } else {
        items.extend(own_ids.values().map(|e| (*e, Origin::Regional)));
    }
    Merged { items }
}

/// Entities by id; a second one with the same id is a mistake that names both files.
fn unique_by_id<'p, T>(
    list: &'p [Entity<T>],
    kind: Kind,
    project: &Project,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<&'p str, &'p Entity<T>> {
    let mut map: BTreeMap<&str, &Entity<T>> = BTreeMap::new();
    for e in list {
        if let Some(first) = map.get(e.id.as_str()) {
            let _ = project;
            diags.push(
                Diagnostic::error(
                    Problem::DuplicateId {
                        kind: kind.word().into(),
                        id: e.id.clone(),
                    },
                    Some(Span::file_start(e.file)),
                )
                .with_related(Span::file_start(first.file)),
            );
        } else {
            map.insert(&e.id, e);
        }
    }
    map
}

/// Per-region resolution state: the id tables and the collected problems.
struct Cx<'p> {
    project: &'p Project,
    region: &'p str,
    base_files: HashSet<FileId>,
    levels: &'p [Level],
    ids: HashMap<Kind, HashMap<&'p str, usize>>,
    diags: Vec<Diagnostic>,
}

impl<'p> Cx<'p> {
    fn push(&mut self, d: Diagnostic) {
        // A mistake in a standard file shows per region only when it depends on the region.
        let d = match d.span {
            Some(span) if self.base_files.contains(&span.file) => d.in_region(self.region),
            _ => d,
        };
        self.diags.push(d);
    }

    fn span(&self, file: FileId, path: &YamlPath) -> Span {
        self.project.sources.value_span(file, path)
    }

    fn error(&mut self, problem: Problem, file: FileId, path: &YamlPath) {
        let span = self.span(file, path);
        self.push(Diagnostic::error(problem, Some(span)));
    }

    /// Looks up `id` of `kind`; an unknown id is reported at `path` with the nearest ids.
    fn lookup(&mut self, kind: Kind, id: &str, file: FileId, path: &YamlPath) -> Option<usize> {
        if let Some(&ix) = self.ids.get(&kind).and_then(|m| m.get(id)) {
            return Some(ix);
        }
        let suggestions = self.nearest(kind, id);
        self.error(
            Problem::UnknownId {
                kind: kind.word().into(),
                id: id.to_string(),
                suggestions,
            },
            file,
            path,
        );
        None
    }

    fn nearest(&self, kind: Kind, id: &str) -> Vec<String> {
        let Some(map) = self.ids.get(&kind) else { return Vec::new() };
        nearest(id, map.keys().copied())
    }

    fn actor(&mut self, id: &str, file: FileId, path: &YamlPath) -> Option<ActorIx> {
        self.lookup(Kind::Actor, id, file, path).map(Ix::new)
    }

    fn procedure(&mut self, id: &str, file: FileId, path: &YamlPath) -> Option<ProcIx> {
        self.lookup(Kind::Procedure, id, file, path).map(Ix::new)
    }

    fn actors(&mut self, ids: &[String], file: FileId, path: &YamlPath) -> Vec<ActorIx> {
        ids.iter()
            .enumerate()
            .filter_map(|(i, id)| self.actor(id, file, &path.index(i)))
            .collect()
    }

    fn level(&mut self, id: &str, file: FileId) -> LevelIx {
        if let Some(ix) = level_index(self.levels, id) {
            return ix;
        }
        let levels = self.levels.iter().map(|l| l.id.clone()).collect();
        self.error(
            Problem::UnknownLevel {
                level: id.to_string(),
                levels,
            },
            file,
            &YamlPath::field("level"),
        );
        0
    }

    fn duration(&mut self, text: Option<&str>, file: FileId, path: &YamlPath) -> Option<Duration> {
        let text = text?;
        let parsed = Duration::parse(text);
        if parsed.is_none() {
            self.error(Problem::InvalidDuration { value: text.to_string() }, file, path);
        }
        parsed
    }

    fn date(&mut self, text: Option<&str>, file: FileId, path: &YamlPath) -> Option<time::Date> {
        let text = text?;
        let parsed = parse_date(text);
        if parsed.is_none() {
            self.error(Problem::InvalidDate { value: text.to_string() }, file, path);
        }
        parsed
    }

    fn meta<T>(&self, e: &Entity<T>, origin: Origin, aliases: &[String]) -> Meta {
        Meta {
            id: e.id.clone(),
            origin,
            file: e.file,
            aliases: aliases.to_vec(),
        }
    }
}

/// The ids closest to `id` by edit distance, best first, at most three.
pub fn nearest<'a>(id: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|c| {
            let score = strsim::jaro_winkler(id, c).max(if c.contains(id) || id.contains(c) { 0.9 } else { 0.0 });
            (score, c)
        })
        .filter(|(s, _)| *s >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c.to_string()).collect()
}

fn level_index(levels: &[Level], id: &str) -> Option<LevelIx> {
    levels.iter().position(|l| l.id == id)
}

fn contact(raw: &RawContact, file: Option<FileId>, path: &YamlPath, project: &Project, diags: &mut Vec<Diagnostic>) -> Contact {
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

fn resolve_region(project: &Project, layer: &Layer, levels: &[Level], diags: &mut Vec<Diagnostic>) -> Option<Region> {
    let config = layer.config.as_ref()?;
    let raw = &config.data;
    let file = config.file;
    let bases: Vec<String> = project.layers.values().filter(|l| l.is_base).map(|l| l.name.clone()).collect();
    let base: Option<&Layer> = match raw.extends.as_deref() {
        Some("none") => None,
        None => project.layers.get(DEFAULT_BASE),
        Some(name) => match project.layers.get(name).filter(|l| l.is_base) {
            Some(l) => Some(l),
            None => {
                diags.push(Diagnostic::error(
                    Problem::UnknownBase {
                        base: name.to_string(),
                        bases,
                    },
                    Some(project.sources.value_span(file, &YamlPath::field("extends"))),
                ));
                None
            }
        },
    };

    // Exclusions name inherited entities as `kind/id`.
    let mut excluded: HashSet<(Kind, String)> = HashSet::new();
    for (i, item) in raw.exclude.iter().enumerate() {
        let path = YamlPath::field("exclude").index(i);
        let parsed = item.split_once('/').and_then(|(k, id)| Some((Kind::from_link_word(k)?, id.to_string())));
        match (parsed, base) {
            (None, _) => diags.push(Diagnostic::error(
                Problem::BadExclude { value: item.clone() },
                Some(project.sources.value_span(file, &path)),
            )),
            (Some((kind, id)), Some(base)) => {
                if !base_has(base, kind, &id) {
                    let suggestions = nearest(&id, base_ids(base, kind));
                    diags.push(Diagnostic::error(
                        Problem::UnknownId {
                            kind: kind.word().into(),
                            id: id.clone(),
                            suggestions,
                        },
                        Some(project.sources.value_span(file, &path)),
                    ));
                }
                excluded.insert((kind, id));
            }
            (Some((kind, id)), None) => diags.push(Diagnostic::error(
                Problem::UnknownId {
                    kind: kind.word().into(),
                    id,
                    suggestions: Vec::new(),
                },
                Some(project.sources.value_span(file, &path)),
            )),
        }
    }

    let be = base.map(|b| &b.entities);
    let own = &layer.entities;
    let actors = merge(be.map(|b| b.actors.as_slice()), &own.actors, Kind::Actor, &excluded, project, diags);
    let procedures = merge(be.map(|b| b.procedures.as_slice()), &own.procedures, Kind::Procedure, &excluded, project, diags);
    let agreements = merge(be.map(|b| b.agreements.as_slice()), &own.agreements, Kind::Agreement, &excluded, project, diags);
    let routes = merge(be.map(|b| b.routes.as_slice()), &own.routes, Kind::Route, &excluded, project, diags);
    let mut pages = merge(be.map(|b| b.pages.as_slice()), &own.pages, Kind::Page, &excluded, project, diags);

    // The region home text is the page `index`; it is not a free page.
    let home_pos = pages.items.iter().position(|(e, _)| e.id == "index");
    let home_entity = home_pos.map(|i| pages.items.remove(i));

    // Reading order: by level, then title.
    let mut actors = actors.items;
    actors.sort_by(|a, b| {
        (level_index(levels, &a.0.data.level), &a.0.data.name).cmp(&(level_index(levels, &b.0.data.level), &b.0.data.name))
    });
    let mut procedures = procedures.items;
    procedures.sort_by(|a, b| {
        (level_index(levels, &a.0.data.level), &a.0.data.title).cmp(&(level_index(levels, &b.0.data.level), &b.0.data.title))
    });
    let mut agreements = agreements.items;
    agreements.sort_by(|a, b| a.0.data.title.cmp(&b.0.data.title));
    let mut routes = routes.items;
    routes.sort_by(|a, b| a.0.data.title.cmp(&b.0.data.title));
    let mut pages = pages.items;
    let page_order = |p: &RawPage| p.order.or(p.weight).unwrap_or(0);
    pages.sort_by(|a, b| {
        (page_order(&a.0.data), page_title(a.0)).cmp(&(page_order(&b.0.data), page_title(b.0)))
    });

    let mut base_files = HashSet::new();
    if let Some(b) = base {
        let e = &b.entities;
        base_files.extend(e.actors.iter().map(|x| x.file));
        base_files.extend(e.procedures.iter().map(|x| x.file));
        base_files.extend(e.agreements.iter().map(|x| x.file));
        base_files.extend(e.routes.iter().map(|x| x.file));
        base_files.extend(e.pages.iter().map(|x| x.file));
    }
    
    let mut ids = HashMap::new();
    ids.insert(Kind::Actor, index_of(actors.iter().map(|(e, _)| e.id.as_str()).collect()));
    ids.insert(Kind::Procedure, index_of(procedures.iter().map(|(e, _)| e.id.as_str()).collect()));
    ids.insert(Kind::Agreement, index_of(agreements.iter().map(|(e, _)| e.id.as_str()).collect()));
    ids.insert(Kind::Route, index_of(routes.iter().map(|(e, _)| e.id.as_str()).collect()));
    ids.insert(Kind::Page, index_of(pages.iter().map(|(e, _)| e.id.as_str()).collect()));
    let mut cx = Cx {
        project,
        region: &layer.name,
        base_files,
        levels,
        ids,
        diags: Vec::new(),
    };

    let mut actors: Vec<Actor> = actors.iter().map(|(e, o)| resolve_actor(&mut cx, e, *o)).collect();
    let mut procedures: Vec<Procedure> = procedures.iter().map(|(e, o)| resolve_procedure(&mut cx, e, *o)).collect();
    let agreements: Vec<Agreement> = agreements.iter().map(|(e, o)| resolve_agreement(&mut cx, e, *o)).collect();
    let routes: Vec<Route> = routes.iter().map(|(e, o)| resolve_route(&mut cx, e, *o)).collect();
    let pages: Vec<Page> = pages.iter().map(|(e, o)| resolve_page(&mut cx, e, *o)).collect();
    let home = home_entity.map(|(e, o)| resolve_page(&mut cx, e, o));
    for page in &pages {
        if urls::RESERVED.contains(&page.meta.id.as_str()) {
            let span = Span::file_start(page.meta.file);
            cx.push(Diagnostic::error(Problem::ReservedId { id: page.meta.id.clone() }, Some(span)));
        }
    }

    compute_back_references(&mut actors, &mut procedures, &agreements, &routes);

    let steering = raw.steering_group.as_ref();
    let (members, steering_note): (&[String], Option<String>) = match steering {
        Some(RawSteeringGroup::Members(m)) => (m, None),
        Some(RawSteeringGroup::Full { members, note }) => (members, note.clone()),
        None => (&[], None),
    };
    let members_path = match steering {
        Some(RawSteeringGroup::Full { .. }) => YamlPath::field("steering_group").key("members"),
        _ => YamlPath::field("steering_group"),
    };
    let steering_group = cx.actors(members, file, &members_path);

    let mut region = Region {
        slug: layer.name.clone(),
        name: raw.name.clone().unwrap_or_else(|| layer.name.clone()),
        code: raw.code.clone(),
        summary: raw.summary.clone(),
        base: base.map(|b| b.name.clone()),
        file,
        municipalities: raw.municipalities.clone(),
        contact: raw
            .contact
            .as_ref()
            .map(|c| contact(c, Some(file), &YamlPath::field("contact"), project, &mut cx.diags)),
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
        home,
        actors,
        procedures,
        agreements,
        routes,
        pages,
        glossary: Vec::new(),
    };
    if raw.name.is_none() {
        cx.push(Diagnostic::error(Problem::MissingField { field: "name".into() }, Some(Span::file_start(file))));
    }
    region.glossary = glossary(base, layer);
    resolve_links(&mut cx, &mut region);
    diags.append(&mut cx.diags);
    Some(region)
}

fn page_title<T>(e: &Entity<T>) -> &str
where
    T: PageLike,
{
    e.data.title().unwrap_or(&e.id)
}

trait PageLike {
    fn title(&self) -> Option<&str>;
}

impl PageLike for RawPage {
    fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }
}

fn base_has(base: &Layer, kind: Kind, id: &str) -> bool {
    base_ids(base, kind).any(|x| x == id)
}

fn base_ids(base: &Layer, kind: Kind) -> Box<dyn Iterator<Item = &str> + '_> {
    let e = &base.entities;
    match kind {
        Kind::Actor => Box::new(e.actors.iter().map(|x| x.id.as_str())),
        Kind::Procedure => Box::new(e.procedures.iter().map(|x| x.id.as_str())),
        Kind::Agreement => Box::new(e.agreements.iter().map(|x| x.id.as_str())),
        Kind::Route => Box::new(e.routes.iter().map(|x| x.id.as_str())),
        Kind::Page => Box::new(e.pages.iter().map(|x| x.id.as_str())),
    }
}

fn body(md: &Arc<Markdown>) -> Body {
    Body {
        md: Arc::clone(md),
        link_targets: Vec::new(),
    }
}

fn resolve_actor(cx: &mut Cx<'_>, e: &Entity<RawActor>, origin: Origin) -> Actor {
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

fn resolve_procedure(cx: &mut Cx<'_>, e: &Entity<RawProcedure>, origin: Origin) -> Procedure {
    let r = &e.data;
    let f = e.file;
    let steps = r
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let path = YamlPath::field("steps").index(i);
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
    let escalates_to = r
        .escalates_to
        .iter()
        .enumerate()
        .filter_map(|(i, edge)| {
            let path = edge_path(YamlPath::field("escalates_to").index(i), edge);
            Some(Escalation {
                other: cx.procedure(edge.procedure(), f, &path)?,
                when: edge.when().map(str::to_string),
            })
        })
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
            })
            .collect(),
        body: body(&e.body),
        escalated_from: Vec::new(),
        routes: Vec::new(),
        agreements: Vec::new(),
    }
}

/// Where a procedure id sits in an edge: the item itself, or its `procedure` key.
fn edge_path(item: YamlPath, edge: &RawEdge) -> YamlPath {
    match edge {
        RawEdge::Id(_) => item,
        RawEdge::Full { .. } => item.key("procedure"),
    }
}

fn resolve_agreement(cx: &mut Cx<'_>, e: &Entity<RawAgreement>, origin: Origin) -> Agreement {
    let r = &e.data;
    let f = e.file;
    let parties = cx.actors(&r.parties, f, &YamlPath::field("parties"));
    if r.parties.len() < 2 {
        cx.error(Problem::TooFewParties, f, &YamlPath::field("parties"));
    }
    let commitments = r
        .commitments
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let path = YamlPath::field("commitments").index(i);
            let party = cx.actor(&c.party, f, &path.key("party"));
            if party.is_some() && !r.parties.contains(&c.party) {
                cx.error(Problem::CommitmentOutsideAgreement { party: c.party.clone() }, f, &path.key("party"));
            }
            Commitment {
                party,
                text: c.text.clone(),
                response_time: cx.duration(c.response_time.as_deref(), f, &path.key("response_time")),
                procedures: c
                    .procedures
                    .iter()
                    .enumerate()
                    .filter_map(|(j, p)| cx.procedure(p, f, &path.key("procedures").index(j)))
                    .collect(),
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

fn resolve_route(cx: &mut Cx<'_>, e: &Entity<RawRoute>, origin: Origin) -> Route {
    let r = &e.data;
    let steps = r
        .steps
        .iter()
        .enumerate()
        .filter_map(|(i, edge)| {
            let path = edge_path(YamlPath::field("steps").index(i), edge);
            Some(RouteStep {
                procedure: cx.procedure(edge.procedure(), e.file, &path)?,
                when: edge.when().map(str::to_string),
            })
        })
        .collect();
    Route {
        meta: cx.meta(e, origin, &r.aliases),
        title: r.title.clone(),
        summary: r.summary.clone(),
        steps,
    }
}

fn resolve_page(cx: &mut Cx<'_>, e: &Entity<RawPage>, origin: Origin) -> Page {
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
        body: body(&e.body),
    }
}

fn compute_back_references(actors: &mut [Actor], procedures: &mut [Procedure], agreements: &[Agreement], routes: &[Route]) {
    for (pi, p) in procedures.iter().enumerate() {
        let pix = ProcIx::new(pi);
        if let Some(owner) = p.owner {
            actors[owner.get()].owns.push(pix);
        }
        let mut joined: Vec<ActorIx> = p.participants.clone();
        joined.extend(p.steps.iter().filter_map(|s| s.actor));
        joined.sort();
        joined.dedup();
        for a in joined {
            if Some(a) != p.owner {
                actors[a.get()].joins.push(pix);
            }
        }
    }
    let edges: Vec<(usize, Escalation)> = procedures
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| p.escalates_to.iter().map(move |e| (pi, e.clone())))
        .collect();
    for (from, e) in edges {
        procedures[e.other.get()].escalated_from.push(Escalation {
            other: ProcIx::new(from),
            when: e.when,
        });
    }
    for (ri, r) in routes.iter().enumerate() {
        let mut seen = HashSet::new();
        for s in &r.steps {
            if seen.insert(s.procedure) {
                procedures[s.procedure.get()].routes.push(RouteIx::new(ri));
            }
        }
    }
    for (ai, a) in agreements.iter().enumerate() {
        let aix = AgreementIx::new(ai);
        for &party in &a.parties {
            let list = &mut actors[party.get()].agreements;
            if !list.contains(&aix) {
                list.push(aix);
            }
        }
        for c in &a.commitments {
            for &p in &c.procedures {
                let list = &mut procedures[p.get()].agreements;
                if !list.contains(&aix) {
                    list.push(aix);
                }
            }
        }
    }
    let teams: Vec<(usize, Vec<ActorIx>)> = actors.iter().enumerate().map(|(i, a)| (i, a.members.clone())).collect();
    for (team, members) in teams {
        for m in members {
            actors[m.get()].member_of.push(ActorIx::new(team));
        }
    }
}

/// The glossary a region sees: the base's terms with the region's own
/// replacing those of the same id (a region may rename a team).
fn glossary(base: Option<&Layer>, layer: &Layer) -> Vec<Term> {
    let term_id = |t: &RawTerm| t.id.clone().unwrap_or_else(|| crate::values::slugify(t.abbreviation.as_deref().unwrap_or(&t.term)));
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    let base_terms = base.and_then(|b| b.glossary.as_ref()).map(|g| g.data.terms()).unwrap_or(&[]);
    for t in base_terms {
        let id = term_id(t);
        terms.insert(id.clone(), term(t, id, Origin::Standard));
    }
    let own_terms = layer.glossary.as_ref().map(|g| g.data.terms()).unwrap_or(&[]);
    for t in own_terms {
        let id = term_id(t);
        let origin = if terms.contains_key(&id) { Origin::Override } else { Origin::Regional };
        terms.insert(id.clone(), term(t, id, origin));
    }
    let mut list: Vec<Term> = terms.into_values().collect();
    list.sort_by_key(|t| t.term.to_lowercase());
    list
}

fn term(t: &RawTerm, id: String, origin: Origin) -> Term {
    Term {
        id,
        term: t.term.clone(),
        abbreviation: t.abbreviation.clone(),
        definition: t.definition.clone(),
        origin,
    }
}

/// Resolves every `@kind/id#anchor` link of every body in the region to a
/// path from the site root; reports links to nothing.
fn resolve_links(cx: &mut Cx<'_>, region: &mut Region) {
    // Anchors each target offers: its headings, and `stap-N` for procedures.
    let mut anchors: HashMap<(Kind, &str), HashSet<String>> = HashMap::new();
    let heading_ids = |b: &Body| b.md.headings.iter().map(|h| h.id.clone()).collect::<HashSet<_>>();
    for a in &region.actors {
        anchors.insert((Kind::Actor, &a.meta.id), heading_ids(&a.body));
    }
    for p in &region.procedures {
        let mut set = heading_ids(&p.body);
        set.extend((1..=p.steps.len()).map(|n| format!("stap-{n}")));
        anchors.insert((Kind::Procedure, &p.meta.id), set);
    }
    for a in &region.agreements {
        anchors.insert((Kind::Agreement, &a.meta.id), heading_ids(&a.body));
    }
    for r in &region.routes {
        anchors.insert((Kind::Route, &r.meta.id), HashSet::new());
    }
    for p in &region.pages {
        anchors.insert((Kind::Page, &p.meta.id), heading_ids(&p.body));
    }

    let slug = region.slug.clone();
    let resolve_body = |cx: &mut Cx<'_>, file: FileId, body: &Body| -> Vec<String> {
        body.md
            .links
            .iter()
            .map(|link| {
                let span = Span::new(file, link.span.clone());
                let target = match &link.target {
                    Ok(t) => t,
                    Err(raw) => {
                        cx.push(Diagnostic::error(Problem::BadLink { target: raw.clone() }, Some(span)));
                        return "#".to_string();
                    }
                };
                let Some(offered) = anchors.get(&(target.kind, target.id.as_str())) else {
                    let suggestions = cx.nearest(target.kind, &target.id);
                    cx.push(Diagnostic::error(
                        Problem::UnknownId {
                            kind: target.kind.word().into(),
                            id: target.id.clone(),
                            suggestions,
                        },
                        Some(span),
                    ));
                    return "#".to_string();
                };
                let mut url = urls::entity(&slug, target.kind, &target.id);
                if let Some(anchor) = &target.anchor {
                    if !offered.contains(anchor) {
                        let suggestions = nearest(anchor, offered.iter().map(String::as_str));
                        cx.push(Diagnostic::error(
                            Problem::UnknownAnchor {
                                target: format!("{}/{}", target.kind.word(), target.id),
                                anchor: anchor.clone(),
                                suggestions,
                            },
                            Some(span),
                        ));
                    }
                    url.push('#');
                    url.push_str(anchor);
                }
                url
            })
            .collect()
    };
    let mut targets: Vec<Vec<String>> = Vec::new();
    for a in &region.actors {
        targets.push(resolve_body(cx, a.meta.file, &a.body));
    }
    for p in &region.procedures {
        targets.push(resolve_body(cx, p.meta.file, &p.body));
    }
    for a in &region.agreements {
        targets.push(resolve_body(cx, a.meta.file, &a.body));
    }
    for p in region.pages.iter().chain(region.home.iter()) {
        targets.push(resolve_body(cx, p.meta.file, &p.body));
    }
    let mut targets = targets.into_iter();
    let bodies = region
        .actors
        .iter_mut()
        .map(|a| &mut a.body)
        .chain(region.procedures.iter_mut().map(|p| &mut p.body))
        .chain(region.agreements.iter_mut().map(|a| &mut a.body))
        .chain(region.pages.iter_mut().chain(region.home.iter_mut()).map(|p| &mut p.body));
    for b in bodies {
        b.link_targets = targets.next().unwrap_or_default();
    }
}

fn index_of<'p>(ids: Vec<&'p str>) -> HashMap<&'p str, usize> {
    ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect()
}
