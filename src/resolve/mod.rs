//! Resolve stage: applies inheritance (standard route + region overrides +
//! `exclude`), checks every reference, turns ids into typed indices and
//! computes back-references, giving the [`crate::model::Site`]. Pure: reads the
//! raw [`Project`], touches no files. Regions resolve in parallel.

mod backrefs;
mod context;
mod entities;
mod forms;
mod inherit;
mod links;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Problem};
use crate::i18n::{Lang, Strings};
use crate::model::changes::Edition;
use crate::model::*;
use crate::raw::project::{Entity, Layer, Project};
use crate::raw::*;
use crate::source::Span;
use crate::source::YamlPath;
use crate::urls;
use context::Cx;

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
    /// site.yaml's `review_warning_days`, else [`REVIEW_WARNING_DAYS`].
    pub review_warning_days: u32,
}

/// Reads site.yaml's settings; problems go into `diags`.
pub fn settings(project: &Project, diags: &mut Vec<Diagnostic>) -> Settings {
    let mut s = Settings {
        title: String::new(),
        base_url: String::new(),
        lang: Lang::Nl,
        theme: "default".into(),
        review_warning_days: REVIEW_WARNING_DAYS,
    };
    let Some(site) = &project.site else {
        diags.push(Diagnostic::error(Problem::NoSiteYaml, None));
        return s;
    };
    let raw = &site.data;
    (s.theme, s.lang) = theme_choice(raw);
    match &raw.title {
        Some(t) => s.title = t.clone(),
        None => diags.push(Diagnostic::error(
            Problem::MissingField { field: "title".into() },
            Some(Span::file_start(site.file)),
        )),
    }
    s.base_url = raw.base_url.clone().unwrap_or_default();
    s.review_warning_days = raw.review_warning_days.unwrap_or(REVIEW_WARNING_DAYS);
    // `theme_choice` fell back to Dutch for a language it does not know.
    if let Some(code) = raw.language.as_ref().filter(|code| Lang::parse(code).is_none()) {
        diags.push(Diagnostic::error(
            Problem::UnknownVariant {
                value: code.clone(),
                expected: "`nl`, `en`".into(),
            },
            Some(project.sources.value_span(site.file, &YamlPath::field("language"))),
        ));
    }
    s
}

/// The theme and language `site.yaml` asks for: `default` and Dutch unless
/// it names others (an unknown language is reported by [`settings`]).
pub fn theme_choice(raw: &RawSite) -> (String, Lang) {
    let theme = raw.theme.clone().unwrap_or_else(|| "default".into());
    (theme, raw.language.as_deref().and_then(Lang::parse).unwrap_or(Lang::Nl))
}

/// The default levels (lanes) when a site does not define its own.
pub fn default_levels(strings: &Strings) -> Vec<Level> {
    ["groep", "school", "bovenschools", "extern"]
        .into_iter()
        .map(|id| Level {
            id: id.to_string(),
            name: strings.get(&format!("level_{id}")).to_string(),
            description: Some(strings.get(&format!("level_{id}_description")).to_string())
                .filter(|d| !d.starts_with("level_")),
        })
        .collect()
}

/// Resolves the whole project. `strings` name the default levels.
/// `today` is the build date, which the calendar feed's time stamps show.
pub fn resolve(
    project: &Project,
    settings: &Settings,
    strings: &Strings,
    today: time::Date,
    diags: &mut Vec<Diagnostic>,
) -> Site {
    let raw_site = project.site.as_ref().map(|s| &s.data);
    let levels = match raw_site.and_then(|s| s.levels.as_ref()) {
        Some(levels) if levels.is_empty() => {
            diags.push(Diagnostic::error(
                Problem::NoLevels,
                project
                    .site
                    .as_ref()
                    .map(|s| project.sources.value_span(s.file, &YamlPath::field("levels"))),
            ));
            default_levels(strings)
        }
        Some(levels) => levels
            .iter()
            .map(|l| match l {
                RawLevel::Id(id) => Level {
                    id: id.clone(),
                    // A default level keeps its translated name; another is named by its id.
                    name: strings.0.get(&format!("level_{id}")).unwrap_or(id).clone(),
                    description: None,
                },
                RawLevel::Full { id, name, description } => Level {
                    id: id.clone(),
                    name: name.clone().unwrap_or_else(|| id.clone()),
                    description: description.clone(),
                },
            })
            .collect(),
        None => default_levels(strings),
    };
    let site_file = project.site.as_ref().map(|s| s.file);
    let contact = raw_site
        .and_then(|s| s.contact.as_ref())
        .map(|c| entities::contact(c, site_file, &YamlPath::field("contact"), project, diags));

    let mut regions: Vec<&Layer> = Vec::new();
    for layer in project.regions() {
        if layer.config.is_none() {
            let region = layer.name.clone();
            let problem = if layer.files == 0 {
                Problem::EmptyRegion { region }
            } else {
                Problem::RegionWithoutConfig { region }
            };
            diags.push(Diagnostic::error(problem, None));
        } else if let Some(config) = layer
            .config
            .as_ref()
            .filter(|_| urls::SITE_ROOT_RESERVED.contains(&layer.name.as_str()))
        {
            let region = layer.name.clone();
            let span = Span::file_start(config.file);
            diags.push(Diagnostic::error(Problem::ReservedRegion { region }, Some(span)));
        } else {
            regions.push(layer);
        }
    }
    if project.site.is_some() && project.regions().next().is_none() {
        diags.push(Diagnostic::error(Problem::NoRegions, None));
    }

    // The standard routes as untailored regions beside the regions: a
    // single region inheriting a standard is two resolves of equal size.
    let (resolved, standards): (Vec<(Option<Region>, Vec<Diagnostic>)>, _) = rayon::join(
        || {
            (regions.par_iter())
                .map(|layer| {
                    let mut region_diags = Vec::new();
                    let region = resolve_region(project, layer, &levels, &mut region_diags);
                    (region, region_diags)
                })
                .collect()
        },
        || standards(project, &regions, &levels),
    );
    let mut out = Vec::new();
    let site_version = raw_site.and_then(|s| s.version.as_ref());
    for (region, d) in resolved {
        diags.extend(d);
        out.extend(region.map(|mut r| {
            r.version = r.version.or_else(|| site_version.cloned());
            r
        }));
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
        standards,
        build_date: today,
        review_warning_days: settings.review_warning_days,
        edition: raw_site
            .and_then(|s| s.edition.clone())
            .map(|name| Edition { name, date: None }),
        earlier: Vec::new(),
        current: None,
    }
}

fn resolve_region(project: &Project, layer: &Layer, levels: &[Level], diags: &mut Vec<Diagnostic>) -> Option<Region> {
    let config = layer.config.as_ref()?;
    let eff = inherit::effective(project, layer, config, levels, diags);
    let ids = HashMap::from([
        (Kind::Actor, index_of(eff.actors.iter().map(|(e, _)| e.id.as_str()))),
        (
            Kind::Procedure,
            index_of(eff.procedures.iter().map(|(e, _)| e.id.as_str())),
        ),
        (
            Kind::Agreement,
            index_of(eff.agreements.iter().map(|(e, _)| e.id.as_str())),
        ),
        (Kind::Route, index_of(eff.routes.iter().map(|(e, _)| e.id.as_str()))),
        (Kind::Page, index_of(eff.pages.iter().map(|(e, _)| e.id.as_str()))),
    ]);
    let mut cx = Cx::new(project, layer, eff.base, levels, ids, eff.excluded.clone());

    let mut region = entities::region(&mut cx, layer, config, eff.base);
    region.actors = resolve_each(&mut cx, &eff.actors, entities::actor);
    region.procedures = resolve_each(&mut cx, &eff.procedures, entities::procedure);
    region.agreements = resolve_each(&mut cx, &eff.agreements, entities::agreement);
    region.routes = resolve_each(&mut cx, &eff.routes, entities::route);
    region.pages = resolve_each(&mut cx, &eff.pages, entities::page);
    region.home = eff.home.map(|(e, o)| entities::page(&mut cx, e, o));
    entities::check_page_ids(&mut cx, &region.pages);
    region.glossary = inherit::glossary(eff.base, layer);
    region.excluded = eff.excluded.keys().cloned().collect();
    region.excluded.sort();
    let assets = inherit::assets(eff.base, layer);
    region.assets = assets.values().map(|a| (a.path.clone(), a.on_disk.clone())).collect();
    forms::resolve(&mut cx, &mut region, &assets);
    backrefs::compute(&mut region);
    links::resolve(&mut cx, &mut region);
    diags.append(&mut cx.diags);
    Some(region)
}

/// Each base the regions follow, resolved as a region of its own that
/// inherits everything and excludes nothing. Its problems are the regions'
/// problems already (or are none: a base may lean on what regions add), so
/// they are not reported again.
fn standards(project: &Project, regions: &[&Layer], levels: &[Level]) -> Vec<Region> {
    let mut bases: Vec<(&str, crate::source::FileId)> = Vec::new();
    for layer in regions {
        let Some(config) = &layer.config else { continue };
        let base = match config.data.extends.as_deref() {
            Some("none") => continue,
            Some(name) => name,
            None => DEFAULT_BASE,
        };
        if project.layers.get(base).is_some_and(|l| l.is_base) && !bases.iter().any(|(b, _)| *b == base) {
            bases.push((base, config.file));
        }
    }
    bases
        .into_par_iter()
        .filter_map(|(base, file)| {
            let untailored = Layer {
                name: base.to_string(),
                config: Some(crate::raw::project::Loaded {
                    file,
                    data: RawRegion {
                        name: Some(base.trim_start_matches('_').to_string()),
                        extends: Some(base.to_string()),
                        ..RawRegion::default()
                    },
                }),
                ..Layer::default()
            };
            resolve_region(project, &untailored, levels, &mut Vec::new())
        })
        .collect()
}

/// Each of one kind's effective entities resolved by `resolve`, in order.
fn resolve_each<R, T>(
    cx: &mut Cx<'_>,
    effective: &[(&Entity<R>, Origin)],
    resolve: impl Fn(&mut Cx<'_>, &Entity<R>, Origin) -> T,
) -> Vec<T> {
    effective.iter().map(|&(e, origin)| resolve(cx, e, origin)).collect()
}

pub(crate) fn level_index(levels: &[Level], id: &str) -> Option<LevelIx> {
    levels.iter().position(|l| l.id == id)
}

fn index_of<'p>(ids: impl Iterator<Item = &'p str>) -> HashMap<&'p str, usize> {
    ids.enumerate().map(|(i, id)| (id, i)).collect()
}
