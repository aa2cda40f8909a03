//! Parsing: a project's files ([`Files`]) become the raw [`Project`]: front
//! matter split, YAML deserialised into raw types, Markdown bodies compiled,
//! every problem a diagnostic. Pure (no file access), so files from the disk,
//! a fixture or a git tree parse alike. Files are parsed in parallel.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::files::{Content, File, Files, NotText, Stamp};
use super::{markdown, yaml};
use crate::diag::{Diagnostic, Problem};
use crate::kinds::Kind;
use crate::raw::markdown::Markdown;
use crate::raw::project::{Asset, Entity, Layer, Loaded, Project, RawEntity};
use crate::raw::*;
use crate::source::YamlPath;
use crate::source::{FileId, SourceFile, Span};

/// The folder of the project that holds its content.
pub const CONTENT: &str = "content";

/// What a file is, from where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Site,
    RegionConfig,
    Glossary,
    Entity(Kind),
}

impl Role {
    /// The name of this kind of file's schema (`zorgroute schema <name>`).
    pub fn schema_name(&self) -> &'static str {
        match self {
            Role::Site => "site",
            Role::RegionConfig => "region",
            Role::Glossary => "glossary",
            Role::Entity(kind) => kind.word(),
        }
    }

    /// Whether the file is Markdown with front matter (else all YAML).
    pub fn is_markdown(&self) -> bool {
        !matches!(
            self,
            Role::Site | Role::RegionConfig | Role::Glossary | Role::Entity(Kind::Route)
        )
    }
}

/// The role of the project file at `path` (`content/...`), if it is content.
pub fn role_of(path: &str) -> Option<Role> {
    classify(&below_content(path)?)
}

/// The role of a file from its path below content/; `None` for files that
/// are not content (forms, images), which are copied as they are.
fn classify(rel: &[&str]) -> Option<Role> {
    let ext = Path::new(rel.last()?).extension()?.to_str()?;
    match rel {
        [f] if *f == "site.yaml" || *f == "site.yml" => Some(Role::Site),
        [_, f] if *f == "region.yaml" || *f == "region.yml" => Some(Role::RegionConfig),
        [_, f] if *f == "glossary.yaml" || *f == "glossary.yml" => Some(Role::Glossary),
        [_, dir, ..] if rel.len() >= 3 => {
            let kind = Kind::ALL.into_iter().find(|k| k.source_dir() == *dir)?;
            let wanted = match kind {
                Kind::Route => ext == "yaml" || ext == "yml",
                _ => ext == "md",
            };
            wanted.then_some(Role::Entity(kind))
        }
        _ => None,
    }
}

/// Editor droppings and hidden files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

/// The components of a path below content/, for a file that belongs to the
/// project (not under an ignored name); `None` otherwise.
fn below_content(path: &str) -> Option<Vec<&str>> {
    let rel: Vec<&str> = path.strip_prefix(CONTENT)?.strip_prefix('/')?.split('/').collect();
    (!rel.iter().any(|c| is_ignored(c))).then_some(rel)
}

/// Whether parsing needs the bytes of the file at `path` (relative to the
/// project root): content needs them, assets are only copied.
pub fn needs_bytes(path: &str) -> bool {
    below_content(path).is_some_and(|rel| classify(&rel).is_some())
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

/// One file after parsing: its source, what it parsed to, its problems.
type Outcome = (Arc<SourceFile>, Parsed, Vec<Diagnostic>);

/// Files parsed before, by path, with the stamp they had: a reload (the live
/// preview) parses only the files that changed.
#[derive(Debug, Default)]
pub struct Memo {
    files: HashMap<String, (Stamp, Outcome)>,
}

impl Memo {
    /// Whether the file at `path` was parsed as it is at `stamp` (a stamp
    /// without a modification time proves nothing).
    pub fn holds(&self, path: &str, stamp: &Stamp) -> bool {
        stamp.0.is_some() && self.files.get(path).is_some_and(|(old, _)| old == stamp)
    }

    pub fn forget(&mut self, path: &str) {
        self.files.remove(path);
    }
}

/// `site.yaml` alone, when it reads; loading the project reports any mistake.
pub fn peek_site(bytes: &[u8]) -> Option<RawSite> {
    serde_yaml::from_slice(bytes).ok()
}

/// Parses a project's files.
pub fn parse(files: Files) -> Project {
    parse_with(files, &mut Memo::default()).0
}

/// [`parse`], taking from `memo` the files that are not read because it
/// holds them, and keeping there what this parse made of files from disk.
/// Also returns how many files were parsed anew.
pub fn parse_with(files: Files, memo: &mut Memo) -> (Project, usize) {
    let mut project = Project {
        root: files.root.clone(),
        content_dir: files.root.join(CONTENT),
        ..Project::default()
    };
    for dir in files.folders() {
        let Some(rel) = below_content(dir) else { continue };
        let [layer] = rel.as_slice() else { continue };
        project.layers.insert(
            layer.to_string(),
            Layer {
                is_base: layer.starts_with('_'),
                name: layer.to_string(),
                ..Layer::default()
            },
        );
    }
    let mut listed: Vec<File> = files
        .into_files()
        .into_iter()
        .filter(|f| below_content(&f.path).is_some())
        .collect();
    // File ids are the position in this sorted list, so parallel parsing can
    // name files in its diagnostics.
    let parsed: Vec<(Outcome, bool)> = listed
        .par_iter_mut()
        .enumerate()
        .map(|(i, file)| {
            let id = FileId(i as u32);
            let held = match (&file.content, file.stamp) {
                (Content::NotRead, Some(stamp)) if memo.holds(&file.path, &stamp) => memo.files.get(&file.path),
                _ => None,
            };
            match held {
                Some((_, (source, parsed, diags))) => {
                    let diags = diags.iter().cloned().map(|d| d.in_file(id)).collect();
                    ((Arc::clone(source), parsed.clone().with_file(id), diags), false)
                }
                None => (parse_file(id, file, &project.root), true),
            }
        })
        .collect();
    let fresh = parsed.iter().filter(|p| p.1).count();
    // The memo keeps what it held of files still there, and takes a copy of
    // what was parsed anew (copying every file's parse again was a tenth of
    // a live-preview rebuild).
    let mut held = std::mem::take(&mut memo.files);
    memo.files = (listed.iter().zip(&parsed))
        .filter_map(|(file, (outcome, fresh))| {
            let entry = match fresh {
                false => held.remove(&file.path)?,
                true => (file.stamp?, outcome.clone()),
            };
            Some((file.path.clone(), entry))
        })
        .collect();
    for (file, (outcome, _)) in listed.iter().zip(parsed) {
        add(&mut project, file, outcome);
    }
    (project, fresh)
}

/// A parsed file joined into the project: in its layer, by kind.
fn add(project: &mut Project, file: &File, (source, parsed, diags): Outcome) {
    let id = project.sources.add(source);
    project.diagnostics.extend(diags);
    let rel = below_content(&file.path).unwrap_or_default();
    let mut layer = match rel.as_slice() {
        [layer, _, ..] => project.layers.get_mut(*layer),
        _ => None,
    };
    if let Some(l) = &mut layer {
        l.files += 1;
        if matches!(parsed, Parsed::Asset) {
            l.assets.push(Asset {
                path: rel[1..].join("/"),
                on_disk: project.root.join(&file.path),
                bytes: file.stamp.map(|(_, len)| len).or(match &file.content {
                    Content::Bytes(b) => Some(b.len() as u64),
                    _ => None,
                }),
            });
        }
        if let (Parsed::Nothing, Some(Role::Entity(kind))) = (&parsed, classify(&rel)) {
            l.broken.push((kind, stem(&file.path)));
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

/// A file's name without its extension: the id an entity has by default.
fn stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Parses one file, taking its bytes.
fn parse_file(id: FileId, file: &mut File, root: &Path) -> Outcome {
    let name = file.path.clone();
    let path = root.join(&file.path);
    // Files that are not content (forms, images) are copied, not read.
    let Some(role) = below_content(&file.path).and_then(|rel| classify(&rel)) else {
        return (
            Arc::new(SourceFile::new(name, path, String::new())),
            Parsed::Asset,
            Vec::new(),
        );
    };
    let text = match std::mem::take(&mut file.content).into_text() {
        Ok(text) => text,
        Err(why) => {
            let problem = match &why {
                NotText::Unreadable(error) => Problem::ReadFailed { error: error.clone() },
                NotText::NotUtf8 { .. } => Problem::NotUtf8,
            };
            let (text, at) = why.shown();
            let diag = Diagnostic::error(problem, Some(Span::new(id, at..at)));
            return (Arc::new(SourceFile::new(name, path, text)), Parsed::Nothing, vec![diag]);
        }
    };
    let mut diags = Vec::new();
    let mut source = SourceFile::new(name, path, text);
    let parsed = parse_text(id, &mut source, &role, &stem(&file.path), &mut diags);
    diags.extend(crate::check::privacy::scan(id, &source));
    (Arc::new(source), parsed, diags)
}

/// What a content file's text says, by its role.
fn parse_text(id: FileId, file: &mut SourceFile, role: &Role, stem: &str, diags: &mut Vec<Diagnostic>) -> Parsed {
    if file.text.starts_with('\u{feff}') {
        file.yaml = 3..file.text.len();
    }
    match role {
        Role::Site => yaml::deserialize(id, file, diags).map_or(Parsed::Nothing, Parsed::Site),
        Role::RegionConfig => yaml::deserialize(id, file, diags).map_or(Parsed::Nothing, Parsed::Region),
        Role::Glossary => yaml::deserialize(id, file, diags).map_or(Parsed::Nothing, Parsed::Glossary),
        Role::Entity(Kind::Route) => {
            entity::<RawRoute>(id, file, stem, None, diags).map_or(Parsed::Nothing, Parsed::Route)
        }
        Role::Entity(kind) => match yaml::split_front_matter(file) {
            Err(problem) => {
                diags.push(Diagnostic::error(
                    problem,
                    Some(Span::new(id, 0..3.min(file.text.len()))),
                ));
                Parsed::Nothing
            }
            Ok(body) => {
                let body = Some(body);
                match kind {
                    Kind::Actor => {
                        entity::<RawActor>(id, file, stem, body, diags).map_or(Parsed::Nothing, Parsed::Actor)
                    }
                    Kind::Procedure => {
                        entity::<RawProcedure>(id, file, stem, body, diags).map_or(Parsed::Nothing, Parsed::Procedure)
                    }
                    Kind::Agreement => {
                        entity::<RawAgreement>(id, file, stem, body, diags).map_or(Parsed::Nothing, Parsed::Agreement)
                    }
                    Kind::Page => entity::<RawPage>(id, file, stem, body, diags).map_or(Parsed::Nothing, Parsed::Page),
                    Kind::Route => Parsed::Nothing,
                }
            }
        },
    }
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
