//! Load stage: walk `content/`, read every file, split front matter, and
//! deserialise into raw types. The only stage that reads the content folder.
//! Files are parsed in parallel; problems become diagnostics, never panics.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Problem};
use crate::kinds::Kind;
use crate::raw::markdown::Markdown;
use crate::raw::project::{Entity, Layer, Loaded, Project, RawEntity};
use crate::raw::*;
use crate::source::YamlPath;
use crate::source::{display_name, FileId, SourceFile, Span};

pub mod changed;
pub mod git;
pub mod highlight;
pub mod markdown;
pub mod yaml;

/// What a file is, from where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Role {
    Site,
    RegionConfig { layer: String },
    Glossary { layer: String },
    Entity { layer: String, kind: Kind },
}

fn classify(rel: &[String]) -> Option<Role> {
    let ext = Path::new(rel.last()?).extension()?.to_str()?;
    match rel {
        [f] if f == "site.yaml" || f == "site.yml" => Some(Role::Site),
        [layer, f] if f == "region.yaml" || f == "region.yml" => Some(Role::RegionConfig { layer: layer.clone() }),
        [layer, f] if f == "glossary.yaml" || f == "glossary.yml" => Some(Role::Glossary { layer: layer.clone() }),
        [layer, dir, ..] if rel.len() >= 3 => {
            let kind = Kind::ALL.into_iter().find(|k| k.source_dir() == dir)?;
            let wanted = match kind {
                Kind::Route => ext == "yaml" || ext == "yml",
                _ => ext == "md",
            };
            wanted.then(|| Role::Entity {
                layer: layer.clone(),
                kind,
            })
        }
        _ => None,
    }
}

/// Editor droppings and hidden files are never content.
fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

/// One parsed file, before it joins the project.
#[derive(Debug, Clone)]
enum Parsed {
    Site(RawSite),
    Region(RawRegion),
    Glossary(RawGlossary),
    Actor(Entity<RawActor>),
    Procedure(Entity<RawProcedure>),
    Agreement(Entity<RawAgreement>),
    Route(Entity<RawRoute>),
    Page(Entity<RawPage>),
    /// A file that is not content: copied as it is.
    Asset,
    Nothing,
}

/// What a file was when it was last read: modification time and length.
type Stamp = (Option<std::time::SystemTime>, u64);

/// One file after loading: its source, what it parsed to, its problems, its
/// stamp, and whether it was read anew (not taken from the cache).
type LoadedFile = (Arc<SourceFile>, Parsed, Vec<Diagnostic>, Stamp, bool);

/// Files read by an earlier load, kept so that a reload (live preview) only
/// reads and parses the files that changed.
#[derive(Debug, Default)]
pub struct LoadCache {
    files: HashMap<PathBuf, (Stamp, Arc<SourceFile>, Parsed, Vec<Diagnostic>)>,
    /// How many files the last load read anew (the rest came from the cache).
    pub last_read: usize,
    history: changed::KnownHistory,
}

impl LoadCache {
    /// Makes the next load read `path` again, whatever its stamp says (a
    /// file written twice within the clock's resolution keeps its stamp).
    pub fn forget(&mut self, path: &Path) {
        self.files.remove(path);
    }
}

impl Parsed {
    /// The same parse result under another file id (ids follow the sorted file list).
    fn with_file(mut self, id: FileId) -> Parsed {
        match &mut self {
            Parsed::Actor(e) => e.file = id,
            Parsed::Procedure(e) => e.file = id,
            Parsed::Agreement(e) => e.file = id,
            Parsed::Route(e) => e.file = id,
            Parsed::Page(e) => e.file = id,
            Parsed::Site(_) | Parsed::Region(_) | Parsed::Glossary(_) | Parsed::Asset | Parsed::Nothing => {}
        }
        self
    }
}

/// `content/site.yaml` alone, read ahead of the project (so the theme it
/// names can load while the rest parses); `None` when it is missing or does
/// not read. Loading the project reads it again and reports any mistake.
pub fn peek_site(root: &Path) -> Option<RawSite> {
    let text = std::fs::read_to_string(root.join("content").join("site.yaml")).ok()?;
    serde_yaml::from_str(&text).ok()
}

/// Loads the project at `root` (its content lives in `root/content`).
pub fn load(root: &Path) -> Project {
    load_cached(root, &mut LoadCache::default())
}

/// [`load`], reusing what `cache` holds for files that did not change.
pub fn load_cached(root: &Path, cache: &mut LoadCache) -> Project {
    let content_dir = root.join("content");
    let mut project = Project {
        root: root.to_path_buf(),
        content_dir: content_dir.clone(),
        ..Project::default()
    };

    let mut found: Vec<(PathBuf, Vec<String>)> = Vec::new();
    let mut layer_dirs: Vec<String> = Vec::new();
    for entry in walkdir::WalkDir::new(&content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
    {
        let Ok(entry) = entry else { continue };
        let rel: Vec<String> = entry
            .path()
            .strip_prefix(&content_dir)
            .unwrap_or(entry.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if entry.file_type().is_dir() {
            if rel.len() == 1 {
                layer_dirs.push(rel[0].clone());
            }
            continue;
        }
        if entry.file_type().is_file() {
            found.push((entry.into_path(), rel));
        }
    }

    // File ids are the position in this sorted list, so parallel parsing can
    // name files in its diagnostics.
    let parsed: Vec<LoadedFile> = found
        .par_iter()
        .enumerate()
        .map(|(i, (path, rel))| {
            let id = FileId(i as u32);
            let stamp = std::fs::metadata(path).map_or((None, 0), |m| (m.modified().ok(), m.len()));
            if let Some((old, file, parsed, diags)) = cache.files.get(path) {
                if *old == stamp && stamp.0.is_some() {
                    let diags = diags.iter().cloned().map(|d| d.in_file(id)).collect();
                    return (Arc::clone(file), parsed.clone().with_file(id), diags, stamp, false);
                }
            }
            let role = classify(rel);
            let name = display_name(root, path);
            let (file, parsed, diags) = read_and_parse(id, name, path, role.as_ref());
            (Arc::new(file), parsed, diags, stamp, true)
        })
        .collect();
    cache.last_read = parsed.iter().filter(|p| p.4).count();
    let stamped: Vec<(String, Option<std::time::SystemTime>)> = found
        .iter()
        .zip(&parsed)
        .map(|((_, rel), loaded)| (rel.join("/"), loaded.3 .0))
        .collect();
    project.changed = changed::dates_with(&content_dir, &stamped, changed::Policy::from_env(), &mut cache.history);
    cache.files = found
        .iter()
        .zip(&parsed)
        .map(|((path, _), (file, parsed, diags, stamp, _))| {
            (path.clone(), (*stamp, Arc::clone(file), parsed.clone(), diags.clone()))
        })
        .collect();
    let parsed = parsed.into_iter().map(|(f, p, d, _, _)| (f, p, d));

    for dir in layer_dirs {
        project.layers.insert(
            dir.clone(),
            Layer {
                is_base: dir.starts_with('_'),
                name: dir,
                ..Layer::default()
            },
        );
    }
    for (file, parsed, diags) in parsed {
        let id = project.sources.add(file);
        project.diagnostics.extend(diags);
        let rel = &found[id.0 as usize].1;
        let mut layer = match rel.as_slice() {
            [layer, _, ..] => project.layers.get_mut(layer),
            _ => None,
        };
        if let Some(l) = &mut layer {
            l.files += 1;
            if matches!(parsed, Parsed::Asset) {
                l.assets.push((rel[1..].join("/"), found[id.0 as usize].0.clone()));
            }
            if let (Parsed::Nothing, Some(Role::Entity { kind, .. })) = (&parsed, classify(rel)) {
                let stem = found[id.0 as usize].0.file_stem().unwrap_or_default();
                l.broken.push((kind, stem.to_string_lossy().into_owned()));
            }
        }
        match (parsed, layer) {
            (Parsed::Site(data), _) => project.site = Some(Loaded { file: id, data }),
            (Parsed::Region(data), Some(l)) => l.config = Some(Loaded { file: id, data }),
            (Parsed::Glossary(data), Some(l)) => l.glossary = Some(Loaded { file: id, data }),
            (Parsed::Actor(e), Some(l)) => l.entities.actors.push(e),
            (Parsed::Procedure(e), Some(l)) => l.entities.procedures.push(e),
            (Parsed::Agreement(e), Some(l)) => l.entities.agreements.push(e),
            (Parsed::Route(e), Some(l)) => l.entities.routes.push(e),
            (Parsed::Page(e), Some(l)) => l.entities.pages.push(e),
            _ => {}
        }
    }
    project
}

fn read_and_parse(id: FileId, name: String, path: &Path, role: Option<&Role>) -> (SourceFile, Parsed, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // Files that are not content (forms, images) are copied, not read.
    let Some(role) = role else {
        return (
            SourceFile::new(name, path.to_path_buf(), String::new()),
            Parsed::Asset,
            diags,
        );
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let file = SourceFile::new(name, path.to_path_buf(), String::new());
            diags.push(Diagnostic::error(
                Problem::ReadFailed { error: e.to_string() },
                Some(Span::file_start(id)),
            ));
            return (file, Parsed::Nothing, diags);
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(name, path.to_path_buf(), lossy);
            // The lossy text has the same bytes up to the first invalid one.
            diags.push(Diagnostic::error(Problem::NotUtf8, Some(Span::new(id, at..at))));
            return (file, Parsed::Nothing, diags);
        }
    };
    let mut file = SourceFile::new(name, path.to_path_buf(), text);
    if file.text.starts_with('\u{feff}') {
        file.yaml = 3..file.text.len();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parsed = match role {
        Role::Site => yaml::deserialize(id, &file, &mut diags).map_or(Parsed::Nothing, Parsed::Site),
        Role::RegionConfig { .. } => yaml::deserialize(id, &file, &mut diags).map_or(Parsed::Nothing, Parsed::Region),
        Role::Glossary { .. } => yaml::deserialize(id, &file, &mut diags).map_or(Parsed::Nothing, Parsed::Glossary),
        Role::Entity { kind: Kind::Route, .. } => {
            entity::<RawRoute>(id, &file, &stem, None, &mut diags).map_or(Parsed::Nothing, Parsed::Route)
        }
        Role::Entity { kind, .. } => match yaml::split_front_matter(&mut file) {
            Err(problem) => {
                diags.push(Diagnostic::error(
                    problem,
                    Some(Span::new(id, 0..3.min(file.text.len()))),
                ));
                Parsed::Nothing
            }
            Ok(body) => {
                let body_range = body.clone();
                match kind {
                    Kind::Actor => entity::<RawActor>(id, &file, &stem, Some(body_range), &mut diags)
                        .map_or(Parsed::Nothing, Parsed::Actor),
                    Kind::Procedure => entity::<RawProcedure>(id, &file, &stem, Some(body_range), &mut diags)
                        .map_or(Parsed::Nothing, Parsed::Procedure),
                    Kind::Agreement => entity::<RawAgreement>(id, &file, &stem, Some(body_range), &mut diags)
                        .map_or(Parsed::Nothing, Parsed::Agreement),
                    Kind::Page => entity::<RawPage>(id, &file, &stem, Some(body_range), &mut diags)
                        .map_or(Parsed::Nothing, Parsed::Page),
                    Kind::Route => Parsed::Nothing,
                }
            }
        },
    };
    diags.extend(crate::check::privacy::scan(id, &file));
    (file, parsed, diags)
}

fn entity<T: DeserializeOwned + schemars::JsonSchema + RawEntity>(
    file_id: FileId,
    file: &SourceFile,
    stem: &str,
    body: Option<std::ops::Range<usize>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Entity<T>> {
    let data: T = yaml::deserialize(file_id, file, diags)?;
    let (id, from_field) = match data.id_field() {
        Some(id) => (id.to_string(), true),
        None => (stem.to_string(), false),
    };
    let id = if crate::values::is_valid_id(&id) {
        id
    } else {
        let suggested = crate::values::slugify(&id);
        let span = if from_field {
            Span::new(file_id, file.span_index().value(&YamlPath::field("id")).unwrap_or(0..0))
        } else {
            Span::file_start(file_id)
        };
        diags.push(Diagnostic::error(
            Problem::InvalidId {
                id: id.clone(),
                suggested: suggested.clone(),
            },
            Some(span),
        ));
        suggested
    };
    let body = match body {
        Some(range) => {
            let reserved: HashSet<String> = (1..=data.step_count()).map(crate::urls::step_anchor).collect();
            markdown::compile(&file.text[range.clone()], range.start, &reserved)
        }
        None => Markdown::default(),
    };
    Some(Entity {
        file: file_id,
        id,
        data: Arc::new(data),
        body: Arc::new(body),
    })
}
