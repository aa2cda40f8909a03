//! `zorgroute new KIND ID`: one file with every field of its kind and a
//! comment per field, from the templates under `src/scaffold/new/<lang>/`.
//!
//! A new file keeps the project free of errors: the ids it fills in are
//! picked from what the target folder can see, dates and durations are valid,
//! and the level is one of the site's levels. Fields that need a choice only
//! the coordinator can make are left empty (or shown as a commented example).

use std::path::{Path, PathBuf};

use super::{school_years, write_new, NewKind, ScaffoldError, ScaffoldProblem};
use crate::i18n::Lang;
use crate::kinds::Kind;
use crate::raw::project::{Layer, Project};
use crate::raw::RawLevel;
use crate::resolve::DEFAULT_BASE;
use crate::values::{is_valid_id, slugify};

/// Writes one new file with every field of its kind and a short comment per
/// field, in the site's language, ready to fill in:
///
/// - `Region`: `content/<id>/region.yaml` and, unless it exists,
///   `content/<id>/pages/index.md` (`region` is not used);
/// - the others: `content/<folder>/<kind folder>/<id>.md` (routes: `.yaml`),
///   where `<folder>` is `region`, or by default `_standaard` when it exists,
///   else the only region.
///
/// Refuses an invalid or reserved id (suggesting a valid one), an unknown
/// region folder, a file or id that exists already, and a file that would
/// reference what the folder does not have yet (a procedure needs an actor, an
/// agreement two, a route a procedure). So the project checks without errors
/// afterwards; a new actor without contact details is a warning, on purpose.
/// Returns the created files.
pub fn new_file(root: &Path, kind: NewKind, id: &str, region: Option<&str>) -> Result<Vec<PathBuf>, ScaffoldError> {
    let content = root.join("content");
    if !content.join("site.yaml").is_file() && !content.join("site.yml").is_file() {
        return Err(ScaffoldError::new(
            Lang::Nl,
            ScaffoldProblem::NoProject {
                root: root.to_path_buf(),
            },
        ));
    }
    let project = crate::load::load(root);
    let cx = Cx::new(&project);
    let err = |problem| ScaffoldError::new(cx.lang, problem);
    check_id(kind, id).map_err(err)?;

    let Some(entity_kind) = kind.entity_kind() else {
        let dir = content.join(id);
        let config = dir.join("region.yaml");
        if let Some(existing) = ["region.yaml", "region.yml"]
            .iter()
            .map(|f| dir.join(f))
            .find(|p| p.exists())
        {
            return Err(err(ScaffoldProblem::Exists { path: existing }));
        }
        write_new(&config, &region_yaml(&cx, id)).map_err(err)?;
        let mut created = vec![config];
        // A folder started by hand may have its home text already: it stays.
        let home = dir.join("pages").join("index.md");
        if !home.exists() {
            write_new(&home, &region_home(&cx, id)).map_err(err)?;
            created.push(home);
        }
        return Ok(created);
    };

    let layer = target_layer(&project, region).map_err(err)?;
    let dir = content.join(&layer.name).join(entity_kind.source_dir());
    if let Some(existing) = existing_path(&project, layer, entity_kind, id, &dir) {
        return Err(err(ScaffoldProblem::Exists { path: existing }));
    }
    let seen = Visible::of(&project, layer);
    let text = entity_text(&cx, &seen, kind, id).map_err(|(needed, count)| {
        err(ScaffoldProblem::NeedsFirst {
            kind,
            needed,
            count,
            folder: layer.name.clone(),
        })
    })?;
    let path = dir.join(match kind {
        NewKind::Route => format!("{id}.yaml"),
        _ => format!("{id}.md"),
    });
    write_new(&path, &text).map_err(err)?;
    Ok(vec![path])
}

fn check_id(kind: NewKind, id: &str) -> Result<(), ScaffoldProblem> {
    if !is_valid_id(id) {
        let suggestion = Some(slugify(id)).filter(|s| is_valid_id(s));
        return Err(ScaffoldProblem::InvalidId {
            id: id.to_string(),
            suggestion,
        });
    }
    let reserved = match kind {
        // `index` is allowed: pages/index.md is the home text.
        NewKind::Page => crate::urls::RESERVED.contains(&id) && id != "index",
        // A region's folder sits beside the site's own `assets/`.
        NewKind::Region => id == "assets",
        _ => false,
    };
    if reserved {
        return Err(ScaffoldProblem::ReservedId { id: id.to_string() });
    }
    Ok(())
}

fn target_layer<'p>(project: &'p Project, region: Option<&str>) -> Result<&'p Layer, ScaffoldProblem> {
    let known = || project.layers.keys().cloned().collect::<Vec<_>>();
    match region.map(|r| r.trim_matches('/')) {
        Some(name) => project.layers.get(name).ok_or_else(|| ScaffoldProblem::UnknownRegion {
            region: name.to_string(),
            known: known(),
        }),
        None => {
            if let Some(base) = project.layers.get(DEFAULT_BASE) {
                return Ok(base);
            }
            let mut regions = project.regions();
            match (regions.next(), regions.next()) {
                (Some(only), None) => Ok(only),
                _ => Err(ScaffoldProblem::NoTarget { known: known() }),
            }
        }
    }
}

/// The file that already holds `kind`/`id` in `layer`: the file of that name
/// (either extension, for routes), or another file that sets that `id:`.
fn existing_path(project: &Project, layer: &Layer, kind: Kind, id: &str, dir: &Path) -> Option<PathBuf> {
    let extensions: &[&str] = match kind {
        Kind::Route => &["yaml", "yml"],
        _ => &["md"],
    };
    if let Some(p) = extensions
        .iter()
        .map(|ext| dir.join(format!("{id}.{ext}")))
        .find(|p| p.exists())
    {
        return Some(p);
    }
    let e = &layer.entities;
    let file = match kind {
        Kind::Actor => e.actors.iter().find(|x| x.id == id).map(|x| x.file),
        Kind::Procedure => e.procedures.iter().find(|x| x.id == id).map(|x| x.file),
        Kind::Agreement => e.agreements.iter().find(|x| x.id == id).map(|x| x.file),
        Kind::Route => e.routes.iter().find(|x| x.id == id).map(|x| x.file),
        Kind::Page => e.pages.iter().find(|x| x.id == id).map(|x| x.file),
    };
    file.map(|f| project.sources.get(f).path.clone())
}

/// What a new file needs to know of the project.
struct Cx {
    lang: Lang,
    /// The ids of the site's levels, in order.
    levels: Vec<String>,
    today: time::Date,
    /// What a new region extends: `_standaard` when it exists.
    base: Option<String>,
    /// An actor of that base, for the example in a new region's steering group.
    base_actor: Option<String>,
}

impl Cx {
    fn new(project: &Project) -> Cx {
        let site = project.site.as_ref().map(|s| &s.data);
        let lang = site
            .and_then(|s| s.language.as_deref())
            .and_then(Lang::parse)
            .unwrap_or_default();
        let levels = match site.and_then(|s| s.levels.as_ref()) {
            Some(levels) if !levels.is_empty() => levels
                .iter()
                .map(|l| match l {
                    RawLevel::Id(id) | RawLevel::Full { id, .. } => id.clone(),
                })
                .collect(),
            // The resolver's defaults; only their ids are needed here.
            _ => crate::resolve::default_levels(&crate::i18n::Strings::default())
                .into_iter()
                .map(|l| l.id)
                .collect(),
        };
        let base = project
            .layers
            .get(DEFAULT_BASE)
            .or_else(|| project.layers.values().find(|l| l.is_base));
        Cx {
            lang,
            levels,
            today: crate::pipeline::today(),
            base: base.map(|b| b.name.clone()),
            base_actor: base.and_then(|b| b.entities.actors.first()).map(|a| a.id.clone()),
        }
    }

    fn templates(&self) -> &'static NewTemplates {
        match self.lang {
            Lang::Nl => &NEW_NL,
            Lang::En => &NEW_EN,
        }
    }

    fn first_level(&self) -> &str {
        self.levels.first().map_or("groep", String::as_str)
    }

    fn level_rank(&self, level: &str) -> usize {
        self.levels.iter().position(|l| l == level).unwrap_or(usize::MAX)
    }
}

/// An actor as a new file may reference it.
struct SeenActor {
    id: String,
    level: String,
    kind: String,
}

/// What a file in the target folder may reference without an error: the
/// folder's own entities and, for a region, those it inherits and does not
/// exclude; for a standard folder, only those no region extending it excludes.
struct Visible {
    actors: Vec<SeenActor>,
    /// (id, level)
    procedures: Vec<(String, String)>,
    page_orders: Vec<i64>,
}

impl Visible {
    fn of(project: &Project, layer: &Layer) -> Visible {
        let excluded: Vec<(Kind, String)> = if layer.is_base {
            project
                .regions()
                .filter(|r| base_of(project, r).is_some_and(|b| b.name == layer.name))
                .flat_map(exclusions)
                .collect()
        } else {
            exclusions(layer)
        };
        let own_region = |from: &Layer| !layer.is_base && std::ptr::eq(from, layer);
        // A region's own files are never excluded; only inherited ones are.
        let kept = |kind: Kind, id: &str, from: &Layer| {
            own_region(from) || !excluded.iter().any(|(k, i)| *k == kind && i == id)
        };
        let mut seen = Visible {
            actors: Vec::new(),
            procedures: Vec::new(),
            page_orders: Vec::new(),
        };
        // The target's own entities come first: they are the closest match.
        for l in std::iter::once(layer).chain(base_of(project, layer)) {
            for a in &l.entities.actors {
                if kept(Kind::Actor, &a.id, l) && !seen.actors.iter().any(|s| s.id == a.id) {
                    seen.actors.push(SeenActor {
                        id: a.id.clone(),
                        level: a.data.level.clone(),
                        kind: a.data.kind.clone(),
                    });
                }
            }
            for p in &l.entities.procedures {
                if kept(Kind::Procedure, &p.id, l) && !seen.procedures.iter().any(|(id, _)| *id == p.id) {
                    seen.procedures.push((p.id.clone(), p.data.level.clone()));
                }
            }
            for p in &l.entities.pages {
                if p.id != "index" && kept(Kind::Page, &p.id, l) {
                    seen.page_orders.push(p.data.order.or(p.data.weight).unwrap_or(0));
                }
            }
        }
        seen
    }
}

/// The base a region inherits from, decided as the resolver does.
fn base_of<'p>(project: &'p Project, layer: &Layer) -> Option<&'p Layer> {
    if layer.is_base {
        return None;
    }
    match layer.config.as_ref().and_then(|c| c.data.extends.as_deref()) {
        Some("none") => None,
        None => project.layers.get(DEFAULT_BASE),
        Some(name) => project.layers.get(name).filter(|l| l.is_base),
    }
}

fn exclusions(layer: &Layer) -> Vec<(Kind, String)> {
    layer
        .config
        .iter()
        .flat_map(|c| &c.data.exclude)
        .filter_map(|item| {
            let (kind, id) = item.split_once('/')?;
            Some((Kind::from_link_word(kind)?, id.to_string()))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The texts of new files

/// The templates of new files in one language: `src/scaffold/new/<lang>/`.
/// Each field line is `field: value  # comment`; `{{name}}` is filled in.
/// An example the coordinator may need is a commented-out block (`# field:`),
/// so removing the `#` signs gives valid YAML.
struct NewTemplates {
    procedure: &'static str,
    actor: &'static str,
    agreement: &'static str,
    route: &'static str,
    page: &'static str,
    region: &'static str,
    region_home: &'static str,
}

macro_rules! new_templates {
    ($lang:literal) => {
        NewTemplates {
            procedure: include_str!(concat!("new/", $lang, "/procedure.md")),
            actor: include_str!(concat!("new/", $lang, "/actor.md")),
            agreement: include_str!(concat!("new/", $lang, "/agreement.md")),
            route: include_str!(concat!("new/", $lang, "/route.yaml")),
            page: include_str!(concat!("new/", $lang, "/page.md")),
            region: include_str!(concat!("new/", $lang, "/region.yaml")),
            region_home: include_str!(concat!("new/", $lang, "/region-home.md")),
        }
    };
}

static NEW_NL: NewTemplates = new_templates!("nl");
static NEW_EN: NewTemplates = new_templates!("en");

/// The text of a new entity file, or what the folder lacks for it: the kind
/// and how many are needed.
fn entity_text(cx: &Cx, seen: &Visible, kind: NewKind, id: &str) -> Result<String, (NewKind, usize)> {
    let t = cx.templates();
    let title = scalar(&humanize(id));
    let level = cx.first_level();
    let levels = cx.levels.join(", ");
    let today = cx.today.to_string();
    // An example id for commented-out lines: any visible one reads better
    // than a placeholder, and uncommenting it gives no error.
    let any_procedure = seen.procedures.first().map_or("<procedure-id>", |(p, _)| p.as_str());
    Ok(match kind {
        NewKind::Procedure => {
            // The responsible actor works at the procedure's level, if one does.
            let owner = seen
                .actors
                .iter()
                .find(|a| a.level == level)
                .or(seen.actors.first())
                .ok_or((NewKind::Actor, 1))?;
            // Consent is mostly the parents'; otherwise the owner stands in.
            let consent_from = seen
                .actors
                .iter()
                .find(|a| a.id.contains("ouder") || a.id.contains("parent"))
                .unwrap_or(owner);
            fill(
                t.procedure,
                &[
                    ("title", &title),
                    ("id", id),
                    ("level", level),
                    ("levels", &levels),
                    ("owner", &owner.id),
                    ("consent_from", &consent_from.id),
                    ("procedure", any_procedure),
                ],
            )
        }
        NewKind::Actor => fill(
            t.actor,
            &[
                ("title", &title),
                ("level", level),
                ("levels", &levels),
                ("today", &today),
            ],
        ),
        NewKind::Agreement => {
            // Agreements bind organisations and teams, so those come first.
            let rank = |kind: &str| match kind {
                "organisatie" | "organisation" | "organization" => 0,
                "team" => 1,
                _ => 2,
            };
            let mut parties: Vec<&SeenActor> = seen.actors.iter().collect();
            parties.sort_by_key(|a| rank(&a.kind));
            let [party, other, ..] = parties.as_slice() else {
                return Err((NewKind::Actor, 2));
            };
            fill(
                t.agreement,
                &[("title", &title), ("party", &party.id), ("other_party", &other.id)],
            )
        }
        NewKind::Route => {
            // A route usually starts low and climbs the levels.
            let first = seen
                .procedures
                .iter()
                .min_by_key(|(_, level)| cx.level_rank(level))
                .ok_or((NewKind::Procedure, 1))?;
            fill(t.route, &[("title", &title), ("procedure", &first.0)])
        }
        NewKind::Page => {
            let order = seen.page_orders.iter().max().map_or(1, |m| m.saturating_add(1));
            fill(t.page, &[("title", &title), ("order", &order.to_string())])
        }
        NewKind::Region => region_yaml(cx, id),
    })
}

fn region_yaml(cx: &Cx, id: &str) -> String {
    let (year, _) = school_years(cx.today);
    fill(
        cx.templates().region,
        &[
            ("title", &scalar(&humanize(id))),
            ("extends", cx.base.as_deref().unwrap_or("none")),
            ("member", cx.base_actor.as_deref().unwrap_or("<actor-id>")),
            ("today", &cx.today.to_string()),
            ("year", &year),
        ],
    )
}

fn region_home(cx: &Cx, id: &str) -> String {
    let name = humanize(id);
    fill(
        cx.templates().region_home,
        &[("title", &scalar(&name)), ("name", &name)],
    )
}

/// Fills in `{{name}}` placeholders, then aligns the comments of the YAML
/// part so the file reads as a form.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{{{name}}}}}"), value);
    }
    align_comments(&text)
}

/// Comments start at this column at most, so that one long line does not
/// push every comment far to the right.
const COMMENT_COLUMN_MAX: usize = 40;

/// Aligns the `  # comment` of each line of the YAML part: the front matter
/// of a Markdown file, or all of a YAML file. Only a ` # ` after the start of
/// a line counts, so a commented-out line (`# field: x  # comment`) aligns too.
fn align_comments(text: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let yaml_end = if lines.first().map(|l| l.trim_end()) == Some("---") {
        lines
            .iter()
            .skip(1)
            .position(|l| l.trim_end() == "---")
            .map_or(0, |i| i + 1)
    } else {
        lines.len()
    };
    let split = |line: &str| -> Option<(String, String)> {
        let i = line.find(" # ")?;
        Some((line[..i].trim_end().to_string(), line[i + 3..].trim_end().to_string()))
    };
    let width = lines[..yaml_end]
        .iter()
        .filter_map(|l| split(l))
        .map(|(code, _)| code.chars().count())
        .filter(|w| *w <= COMMENT_COLUMN_MAX)
        .max()
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len() + 256);
    for (i, line) in lines.iter().enumerate() {
        match split(line).filter(|_| i < yaml_end) {
            Some((code, comment)) => {
                let pad = width.saturating_sub(code.chars().count());
                out.push_str(&format!("{code}{}  # {comment}\n", " ".repeat(pad)));
            }
            None => out.push_str(line),
        }
    }
    out
}

/// `text` as a YAML scalar: plain when YAML reads it back as that same text,
/// else quoted (`null`, `yes`, `12`, a `: ` or ` #` inside).
fn scalar(text: &str) -> String {
    let plain = serde_yaml::from_str::<serde_yaml::Value>(text).ok();
    if plain == Some(serde_yaml::Value::String(text.to_string())) {
        return text.to_string();
    }
    serde_yaml::to_string(text)
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| format!("{text:?}"))
}

/// A readable name from an id: `mijn-procedure` -> `Mijn procedure`.
fn humanize(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_only_when_needed() {
        for (text, yaml) in [
            ("Mijn procedure", "Mijn procedure"),
            ("Null", "'Null'"),
            ("12", "'12'"),
            ("True", "'True'"),
            ("Zorg: thuis", "'Zorg: thuis'"),
        ] {
            assert_eq!(scalar(text), yaml, "{text:?}");
        }
    }

    #[test]
    fn comments_align_in_the_yaml_part_only() {
        let text = "---\na: 1  # one\nlonger: 2  # two\n# c: 3  # three\n---\n\nBody  # not a comment\n";
        assert_eq!(
            align_comments(text),
            "---\na: 1       # one\nlonger: 2  # two\n# c: 3     # three\n---\n\nBody  # not a comment\n"
        );
    }

    #[test]
    fn every_template_has_placeholders() {
        for t in [&NEW_NL, &NEW_EN] {
            for text in [
                t.procedure,
                t.actor,
                t.agreement,
                t.route,
                t.page,
                t.region,
                t.region_home,
            ] {
                assert!(text.contains("{{"), "templates have placeholders");
            }
        }
    }
}
