//! Inheritance: which entities a region sees. The base's (the standard
//! route's) entities unless excluded, replaced by the region's own of the same
//! kind and id, plus the region's additions; then sorted into reading order.

use std::collections::{BTreeMap, HashMap};

use crate::diag::{Diagnostic, Problem};
use crate::model::*;
use crate::raw::project::{Asset, Entities, Entity, Layer, Loaded, Project};
use crate::raw::*;
use crate::source::Span;
use crate::source::YamlPath;

use super::{level_index, DEFAULT_BASE};
use crate::diag::suggest::nearest;

/// The entities a region sees, each with where it comes from, in reading order.
pub struct Effective<'p> {
    pub base: Option<&'p Layer>,
    pub actors: Vec<(&'p Entity<RawActor>, Origin)>,
    pub procedures: Vec<(&'p Entity<RawProcedure>, Origin)>,
    pub agreements: Vec<(&'p Entity<RawAgreement>, Origin)>,
    pub routes: Vec<(&'p Entity<RawRoute>, Origin)>,
    pub pages: Vec<(&'p Entity<RawPage>, Origin)>,
    /// What the region excludes, with the position of each exclusion.
    pub excluded: HashMap<(Kind, String), Span>,
    /// The region home text: the page `index`, which is not a free page.
    pub home: Option<(&'p Entity<RawPage>, Origin)>,
}

/// Applies `extends` and `exclude` of a region's config.
pub fn effective<'p>(
    project: &'p Project,
    layer: &'p Layer,
    config: &Loaded<RawRegion>,
    levels: &[Level],
    diags: &mut Vec<Diagnostic>,
) -> Effective<'p> {
    let raw = &config.data;
    let file = config.file;
    let bases: Vec<String> = project
        .layers
        .values()
        .filter(|l| l.is_base)
        .map(|l| l.name.clone())
        .collect();
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
    let mut excluded: HashMap<(Kind, String), Span> = HashMap::new();
    for (i, item) in raw.exclude.iter().enumerate() {
        let path = YamlPath::field("exclude").index(i);
        let parsed = item
            .split_once('/')
            .and_then(|(k, id)| Some((Kind::from_link_word(k)?, id.to_string())));
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
                            kind,
                            id: id.clone(),
                            suggestions,
                        },
                        Some(project.sources.value_span(file, &path)),
                    ));
                }
                excluded.insert((kind, id), project.sources.value_span(file, &path));
            }
            (Some((kind, id)), None) => diags.push(Diagnostic::error(
                Problem::UnknownId {
                    kind,
                    id,
                    suggestions: Vec::new(),
                },
                Some(project.sources.value_span(file, &path)),
            )),
        }
    }

    let mut merge = Merge {
        base: base.map(|b| &b.entities),
        own: &layer.entities,
        excluded: &excluded,
        diags,
    };
    let actors = merge.kind(Kind::Actor, |e| &e.actors);
    let procedures = merge.kind(Kind::Procedure, |e| &e.procedures);
    let agreements = merge.kind(Kind::Agreement, |e| &e.agreements);
    let routes = merge.kind(Kind::Route, |e| &e.routes);
    let pages = merge.kind(Kind::Page, |e| &e.pages);

    // Reading order: by level, then title.
    let mut actors = actors.items;
    actors.sort_by(|a, b| {
        (level_index(levels, &a.0.data.level), &a.0.data.name)
            .cmp(&(level_index(levels, &b.0.data.level), &b.0.data.name))
    });
    let mut procedures = procedures.items;
    procedures.sort_by(|a, b| {
        (level_index(levels, &a.0.data.level), &a.0.data.title)
            .cmp(&(level_index(levels, &b.0.data.level), &b.0.data.title))
    });
    let mut agreements = agreements.items;
    agreements.sort_by(|a, b| a.0.data.title.cmp(&b.0.data.title));
    let mut routes = routes.items;
    routes.sort_by(|a, b| a.0.data.title.cmp(&b.0.data.title));
    let mut pages = pages.items;
    let home_entity = pages.iter().position(|(e, _)| e.id == "index").map(|i| pages.remove(i));
    let page_order = |p: &RawPage| p.order.or(p.weight).unwrap_or(0);
    pages.sort_by(|a, b| (page_order(&a.0.data), page_title(a.0)).cmp(&(page_order(&b.0.data), page_title(b.0))));

    Effective {
        base,
        actors,
        procedures,
        agreements,
        routes,
        pages,
        excluded,
        home: home_entity,
    }
}

/// The entities of one kind a region sees, with where each comes from.
pub struct Merged<'p, T> {
    items: Vec<(&'p Entity<T>, Origin)>,
}

/// What inheritance of every kind reads: the base's entities (if the region
/// extends one), the region's own and what it excludes.
struct Merge<'p, 'a> {
    base: Option<&'p Entities>,
    own: &'p Entities,
    excluded: &'a HashMap<(Kind, String), Span>,
    diags: &'a mut Vec<Diagnostic>,
}

impl<'p> Merge<'p, '_> {
    /// [`merge`] for the kind whose list `of` picks from a layer's entities.
    fn kind<T>(&mut self, kind: Kind, of: impl Fn(&'p Entities) -> &'p Vec<Entity<T>>) -> Merged<'p, T> {
        merge(
            self.base.map(&of).map(Vec::as_slice),
            of(self.own),
            kind,
            self.excluded,
            self.diags,
        )
    }
}

/// Applies inheritance for one kind: the base's entities unless excluded,
/// replaced by the region's own of the same id, plus the region's additions.
fn merge<'p, T>(
    base: Option<&'p [Entity<T>]>,
    own: &'p [Entity<T>],
    kind: Kind,
    excluded: &HashMap<(Kind, String), Span>,
    diags: &mut Vec<Diagnostic>,
) -> Merged<'p, T> {
    let own_ids = unique_by_id(own, kind, diags);
    let mut items: Vec<(&Entity<T>, Origin)> = Vec::new();
    if let Some(base) = base {
        let base_ids = unique_by_id(base, kind, &mut Vec::new());
        for (id, e) in base_ids {
            if own_ids.contains_key(id) {
                continue;
            }
            if !excluded.contains_key(&(kind, id.to_string())) {
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
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<&'p str, &'p Entity<T>> {
    let mut map: BTreeMap<&str, &Entity<T>> = BTreeMap::new();
    for e in list {
        if let Some(first) = map.get(e.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    Problem::DuplicateId { kind, id: e.id.clone() },
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

fn page_title(e: &Entity<RawPage>) -> &str {
    e.data.title.as_deref().unwrap_or(&e.id)
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

/// The glossary a region sees: the base's terms with the region's own
/// replacing those of the same id (a region may rename a team).
pub fn glossary(base: Option<&Layer>, layer: &Layer) -> Vec<Term> {
    let term_id = |t: &RawTerm| {
        t.id.clone()
            .unwrap_or_else(|| crate::values::slugify(t.abbreviation.as_deref().unwrap_or(&t.term)))
    };
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    let base_terms = base
        .and_then(|b| b.glossary.as_ref())
        .map(|g| g.data.terms())
        .unwrap_or(&[]);
    for t in base_terms {
        let id = term_id(t);
        terms.insert(id.clone(), term(t, id, Origin::Standard));
    }
    let own_terms = layer.glossary.as_ref().map(|g| g.data.terms()).unwrap_or(&[]);
    for t in own_terms {
        let id = term_id(t);
        let replaced = terms.remove(&id);
        let origin = if replaced.is_some() {
            Origin::Override
        } else {
            Origin::Regional
        };
        let mut own = term(t, id.clone(), origin);
        // Inherited texts still use the standard's abbreviation (ZAT where the
        // region says MDO); readers must be able to look it up.
        own.former_abbreviation = replaced
            .and_then(|r| r.abbreviation)
            .filter(|old| Some(old) != own.abbreviation.as_ref());
        terms.insert(id, own);
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
        former_abbreviation: None,
    }
}

/// The files a region copies, by path inside its folder: the base's, with
/// the region's own of the same path winning.
pub fn assets<'p>(base: Option<&'p Layer>, layer: &'p Layer) -> BTreeMap<&'p str, &'p Asset> {
    let mut by_path = BTreeMap::new();
    for asset in base.into_iter().flat_map(|b| &b.assets).chain(&layer.assets) {
        by_path.insert(asset.path.as_str(), asset);
    }
    by_path
}
