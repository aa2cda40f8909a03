//! Earlier editions: each one named in site.yaml is read (from git at its
//! ref, or from a folder holding its `content/`), parsed and resolved like
//! the current edition, with the same theme; then each edition is compared
//! with the one before it, and the changes go into the current model's
//! regions. Problems point at the edition's entry in site.yaml. With the
//! editions cache of the last build, an edition whose content, pages and
//! comparisons it holds is not read at all.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::edition_cache::{CachedDiff, CachedEdition, EditionCache, Key};
use super::outputs::Outputs;
use super::pdf_cache::PdfCache;
use crate::diag::editions::EditionProblem;
use crate::diag::{Diagnostic, Problem};
use crate::fingerprint::Fingerprint;
use crate::i18n::Strings;
use crate::load::git::{self, GitProblem};
use crate::load::{self, Files};
use crate::model::changes::{Change, CurrentEdition, Edition, EditionChanges};
use crate::model::Site;
use crate::plan::{self, Job, PageKind, Rendered};
use crate::raw::project::{Loaded, Project};
use crate::raw::{RawEdition, RawSite};
use crate::render::theme::Theme;
use crate::resolve::{self, Settings};
use crate::source::YamlPath;
use crate::urls;

/// An earlier edition, ready to build under `edities/<name>/`.
#[derive(Debug, Clone)]
pub struct Earlier {
    pub edition: Edition,
    /// The key of its content: the same files, the same key.
    pub content: Key,
    /// The date its source gives (its commit's), when site.yaml gives none.
    pub source_date: Option<time::Date>,
    /// The key of what its pages show ([`pages_key`]).
    pub pages: Key,
    /// Its model, read and resolved; `None` when the editions cache holds
    /// its pages and its comparisons, so it was not read.
    pub model: Option<EditionModel>,
}

/// An earlier edition's model and the files it was made from (its forms
/// are copied from these).
#[derive(Debug, Clone)]
pub struct EditionModel {
    pub site: Arc<Site>,
    pub files: Arc<Files>,
}

/// An edition of site.yaml, found: its entry, where its content is, and
/// the key of that content.
type Located<'a> = (At<'a>, &'a RawEdition, Source, Key);

/// Where an edition's content is.
enum Source {
    Git {
        commit: String,
    },
    /// A folder's files, already read (to know their key).
    Folder {
        files: Files,
    },
}

/// Where an edition's problem points: a field of its entry in site.yaml, or
/// nowhere for a ref given on the command line (`zorgroute diff`).
struct At<'a> {
    project: &'a Project,
    site: &'a Loaded<RawSite>,
    index: Option<usize>,
}

impl At<'_> {
    fn error(&self, field: &str, problem: EditionProblem) -> Box<Diagnostic> {
        let span = self.index.map(|index| {
            let path = YamlPath::field("editions").index(index).key(field);
            self.project.sources.value_span(self.site.file, &path)
        });
        Box::new(Diagnostic::error(Problem::Edition(problem), span))
    }
}

/// Reads and resolves every earlier edition of `project`, in site.yaml's
/// order (newest first); an edition with a problem is left out and its
/// problem goes into `diags`. `current` is the current edition's model;
/// what `cache` holds (pages and comparisons) is not made again.
pub fn load(
    project: &Project,
    settings: &Settings,
    (strings, theme): (&Strings, u128),
    today: time::Date,
    (current, current_key, cache): (&Site, Key, Option<&EditionCache>),
    diags: &mut Vec<Diagnostic>,
) -> Vec<Earlier> {
    let Some(site) = &project.site else {
        return Vec::new();
    };
    let current_name = site.data.edition.as_deref();
    if current_name.is_none() && !site.data.editions.is_empty() {
        let span = project.sources.key_span(site.file, &YamlPath::field("editions"));
        diags.push(Diagnostic::error(
            Problem::Edition(EditionProblem::NoCurrentName),
            Some(span),
        ));
    }
    let entries: Vec<(usize, &RawEdition)> = site.data.editions.iter().enumerate().collect();
    // First where each edition is and the key of its content (cheap: one
    // git command, or reading a folder), then what has to be read.
    let located: Vec<Result<Located<'_>, Box<Diagnostic>>> = entries
        .par_iter()
        .map(|&(index, raw)| {
            let at = At {
                project,
                site,
                index: Some(index),
            };
            check_name(raw, current_name, &site.data.editions[..index], &at)?;
            let (source, key) = locate(&project.root, raw, &at)?;
            Ok((at, raw, source, key))
        })
        .collect();
    let located: Vec<Located<'_>> = located
        .into_iter()
        .filter_map(|r| r.map_err(|d| diags.push(*d)).ok())
        .collect();
    let linked = linked_key(current, theme);
    let keys: Vec<Key> = located.iter().map(|(.., key)| *key).collect();
    let needs_model = |i: usize| -> bool {
        let Some(cache) = cache else { return true };
        let newer = if i == 0 { current_key } else { keys[i - 1] };
        let pair_known = |newer: Key, older: Key| cache.diff(newer, older).is_some();
        let known = cache.edition(keys[i]).is_some()
            && cache.has_pages(pages_key(keys[i], &located[i].1.name, linked))
            && pair_known(newer, keys[i])
            && keys.get(i + 1).is_none_or(|&older| pair_known(keys[i], older));
        !known
    };
    let needed: Vec<bool> = (0..located.len()).map(needs_model).collect();
    let loaded: Vec<Result<Earlier, Box<Diagnostic>>> = located
        .into_par_iter()
        .zip(needed)
        .map(|((at, raw, source, key), needed)| {
            let pages = pages_key(key, &raw.name, linked);
            if !needed {
                let source_date = cache.and_then(|c| c.edition(key)).and_then(|e| e.source_date);
                return Ok(Earlier {
                    edition: edition_of(raw, source_date),
                    content: key,
                    source_date,
                    pages,
                    model: None,
                });
            }
            let (files, source_date) = read(&at.project.root, source, raw, &at)?;
            let model = resolve_edition(raw, edition_of(raw, source_date), files, settings, strings, today, &at)?;
            Ok(Earlier {
                edition: edition_of(raw, source_date),
                content: key,
                source_date,
                pages,
                model: Some(model),
            })
        })
        .collect();
    loaded
        .into_iter()
        .filter_map(|r| r.map_err(|d| diags.push(*d)).ok())
        .collect()
}

/// The edition's name, and its date: site.yaml's, else its source's.
fn edition_of(raw: &RawEdition, source_date: Option<time::Date>) -> Edition {
    Edition {
        name: raw.name.clone(),
        date: raw.date.as_deref().and_then(crate::values::parse_date).or(source_date),
    }
}

/// The key of the current edition's content: every file's name and text.
pub fn content_key(project: &Project) -> Key {
    let mut key = Fingerprint::new();
    for (_, file) in project.sources.iter() {
        key.part(&file.name).part(&file.text);
    }
    Key(key.finish())
}

/// The key of what an earlier edition's pages show besides its own
/// content: the theme, and the current edition's name and pages, which each
/// old page names and links to.
fn linked_key(current: &Site, theme: u128) -> Key {
    let mut key = Fingerprint::new();
    key.part(theme.to_le_bytes()).part(env!("CARGO_PKG_VERSION"));
    key.part(current.edition.as_ref().map_or("", |e| e.name.as_str()));
    let mut paths: Vec<String> = plan::jobs(current).into_iter().map(|j| j.path).collect();
    paths.sort_unstable();
    for path in &paths {
        key.part(path);
    }
    Key(key.finish())
}

/// The key of an earlier edition's pages: its content, its name (its
/// folder) and what they link to.
fn pages_key(content: Key, name: &str, linked: Key) -> Key {
    Key(Fingerprint::new()
        .part(content.0.to_le_bytes())
        .part(name)
        .part(linked.0.to_le_bytes())
        .finish())
}

/// The edition at `git_ref` of the project's repository, read and resolved
/// like an edition of site.yaml: for `zorgroute diff` with a ref that
/// site.yaml does not name. Its problems point nowhere in the files.
pub fn at_ref(
    project: &Project,
    settings: &Settings,
    strings: &Strings,
    today: time::Date,
    git_ref: &str,
) -> Option<Result<EditionModel, Box<Diagnostic>>> {
    let site = project.site.as_ref()?;
    let raw = RawEdition {
        name: git_ref.to_string(),
        git_ref: Some(git_ref.to_string()),
        path: None,
        date: None,
    };
    let at = At {
        project,
        site,
        index: None,
    };
    let read = || {
        let (source, _) = locate(&project.root, &raw, &at)?;
        let (files, date) = read(&project.root, source, &raw, &at)?;
        resolve_edition(&raw, edition_of(&raw, date), files, settings, strings, today, &at)
    };
    Some(read())
}

/// Resolves one edition's files with the current theme.
fn resolve_edition(
    raw: &RawEdition,
    edition: Edition,
    files: Files,
    settings: &Settings,
    strings: &Strings,
    today: time::Date,
    at: &At<'_>,
) -> Result<EditionModel, Box<Diagnostic>> {
    // The files stay, for the edition's forms: parsing takes its own copy.
    let old = load::parse(files.clone());
    let mut old_diags = old.diagnostics.clone();
    let old_settings = resolve::settings(&old, &mut old_diags);
    // Earlier editions are built with the current theme and site settings.
    let settings = Settings {
        lang: settings.lang,
        theme: settings.theme.clone(),
        ..old_settings
    };
    let mut old_site = resolve::resolve(&old, &settings, strings, today, &mut old_diags);
    crate::diag::normalize(&mut old_diags, &old.sources);
    if let Some(first) = old_diags.iter().find(|d| d.is_error()) {
        let errors = old_diags.iter().filter(|d| d.is_error()).count();
        let mut first_text = first.problem.message(settings.lang);
        if let Some(span) = first.span {
            let file = old.sources.get(span.file);
            let (line, column) = file.line_col(span.start);
            first_text = format!("{first_text} ({}:{line}:{column})", file.name);
        }
        let first = first_text;
        return Err(at.error(
            "name",
            EditionProblem::DoesNotBuild {
                name: raw.name.clone(),
                errors,
                first,
            },
        ));
    }
    old_site.edition = Some(edition);
    Ok(EditionModel {
        site: Arc::new(old_site),
        files: Arc::new(files),
    })
}

/// An edition's name becomes a folder name and must be its own.
fn check_name(
    raw: &RawEdition,
    current: Option<&str>,
    before: &[RawEdition],
    at: &At<'_>,
) -> Result<(), Box<Diagnostic>> {
    let name = &raw.name;
    if !crate::values::is_valid_id(name) || current == Some(name.as_str()) {
        return Err(at.error("name", EditionProblem::BadName { name: name.clone() }));
    }
    if before.iter().any(|b| b.name == *name) {
        return Err(at.error("name", EditionProblem::DuplicateName { name: name.clone() }));
    }
    Ok(())
}

/// Where an edition's content is, and its key: for git the id of its
/// `content/` tree, for a folder the hash of its files.
fn locate(root: &Path, raw: &RawEdition, at: &At<'_>) -> Result<(Source, Key), Box<Diagnostic>> {
    match (&raw.git_ref, &raw.path) {
        (Some(git_ref), None) => {
            let commit = git::resolve(root, git_ref).map_err(|p| git_problem(p, raw, at))?;
            let tree = git::tree_id(root, &commit, load::parse::CONTENT).unwrap_or_else(|| commit.clone());
            let key = Fingerprint::new().part("git").part(&tree).part(&commit).finish();
            Ok((Source::Git { commit }, Key(key)))
        }
        (None, Some(path)) => {
            let folder = root.join(path);
            let no_content = || at.error("path", EditionProblem::NoContent { path: path.clone() });
            if !folder.join(load::parse::CONTENT).join("site.yaml").is_file() {
                return Err(no_content());
            }
            let files = load::read::folder(&folder, load::parse::CONTENT, load::parse::is_ignored, |_, _| true)
                .ok_or_else(no_content)?;
            let mut key = Fingerprint::new();
            key.part("folder");
            for file in files.iter() {
                key.part(&file.path);
                if let load::files::Content::Bytes(bytes) = &file.content {
                    key.part(bytes);
                }
            }
            Ok((Source::Folder { files }, Key(key.finish())))
        }
        _ => Err(at.error("name", EditionProblem::NeedsRefOrPath { name: raw.name.clone() })),
    }
}

fn git_problem(p: GitProblem, raw: &RawEdition, at: &At<'_>) -> Box<Diagnostic> {
    let git_ref = raw.git_ref.clone().unwrap_or_default();
    let problem = match p {
        GitProblem::NotARepository => EditionProblem::NotARepository { name: raw.name.clone() },
        GitProblem::UnknownRef { known } => EditionProblem::UnknownRef { git_ref, known },
        GitProblem::Shallow => EditionProblem::Shallow { git_ref },
        GitProblem::Failed(detail) => EditionProblem::GitFailed { detail },
    };
    at.error("ref", problem)
}

/// The files of an edition, and its date when its source tells one.
fn read(
    root: &Path,
    source: Source,
    raw: &RawEdition,
    at: &At<'_>,
) -> Result<(Files, Option<time::Date>), Box<Diagnostic>> {
    match source {
        Source::Git { commit } => {
            let mut files = Files::new(root.to_path_buf());
            let read = git::read_folder(root, &commit, load::parse::CONTENT).map_err(|p| git_problem(p, raw, at))?;
            for (path, bytes) in read {
                files.insert_bytes(path, bytes);
            }
            Ok((files, git::commit_date(root, &commit)))
        }
        Source::Folder { files } => Ok((files, None)),
    }
}

/// Every file of an earlier edition's site, under `edities/<name>/`: its
/// pages, the theme's static files and its forms. The robots file, the
/// sitemap and the 404 page belong to the site root, not to an edition.
/// Its PDFs come from `pdfs` where the last build typeset them.
pub fn render(
    name: &str,
    model: &EditionModel,
    theme: &Theme,
    pdfs: Option<&PdfCache>,
) -> Result<Vec<Rendered>, Box<Diagnostic>> {
    let site = &model.site;
    let jobs: Vec<Job> = plan::jobs(site)
        .into_iter()
        .filter(|j| !matches!(j.kind, PageKind::Robots | PageKind::Sitemap | PageKind::NotFound))
        .collect();
    let prefix = urls::edition_root(name);
    let outputs = Outputs::new(site, theme);
    let outputs = match pdfs {
        Some(cache) => {
            let files = model.files.iter().filter_map(|f| match &f.content {
                load::files::Content::Bytes(bytes) => Some((f.path.as_str(), bytes.as_slice())),
                _ => None,
            });
            outputs.with_pdf_cache(cache, &prefix, super::pdf_cache::content_keys(site, files))
        }
        None => outputs,
    };
    let mut files = outputs.render_each(&jobs)?;
    files.extend(super::static_files(site, theme));
    for region in &site.regions {
        for (rel, on_disk) in &region.assets {
            // Forms of a git edition are in its files, not on disk.
            let path = crate::source::display_name(&model.files.root, on_disk);
            if let Some(load::files::Content::Bytes(bytes)) = model.files.get(&path).map(|f| &f.content) {
                files.push(Rendered {
                    path: format!("{}/{rel}", region.slug),
                    bytes: bytes.clone(),
                });
            }
        }
    }
    for f in &mut files {
        f.path.insert_str(0, &prefix);
    }
    Ok(files)
}

/// The current edition: site.yaml's name, and its date or, without one,
/// the date of its newest file.
pub fn current_edition(current: &Site) -> Edition {
    let newest_date = current
        .regions
        .iter()
        .flat_map(|r| r.entities().filter_map(|e| e.meta.changed).chain(r.changed))
        .max();
    let mut edition = current.edition.clone().unwrap_or(Edition {
        name: String::new(),
        date: None,
    });
    edition.date = edition.date.or(newest_date);
    edition
}

/// Fills in what the earlier editions tell the current one (whose content
/// has key `current_key`): the current model's regions get the changes of
/// every edition (newest first), and the current model the list of earlier
/// editions. Each edition is compared with the one before it, unless
/// `cache` holds that comparison. Gives the comparisons, for the next
/// build's cache.
pub fn fill_history(
    current: &mut Site,
    current_key: Key,
    earlier: &[Earlier],
    strings: &Strings,
    cache: Option<&EditionCache>,
) -> Vec<CachedDiff> {
    let this = current_edition(current);
    current.edition = Some(this.clone());
    current.earlier = earlier.iter().map(|e| e.edition.clone()).collect();
    // The editions newest first, taken two at a time.
    let editions: Vec<(Key, Option<&Site>, &Edition)> = std::iter::once((current_key, Some(&*current), &this))
        .chain(
            earlier
                .iter()
                .map(|e| (e.content, e.model.as_ref().map(|m| &*m.site), &e.edition)),
        )
        .collect();
    let diffs: Vec<(CachedDiff, &Edition, &Edition)> = editions
        .par_windows(2)
        .map(|pair| {
            let [(newer_key, newer, edition), (older_key, older, since)] = pair else {
                unreachable!("windows of two")
            };
            let regions = match (cache.and_then(|c| c.diff(*newer_key, *older_key)), newer, older) {
                (Some(cached), ..) => cached.regions.clone(),
                (None, Some(newer), Some(older)) => crate::diff::sites(older, newer, strings),
                // `load` reads every edition whose comparisons the cache lacks.
                (None, ..) => Vec::new(),
            };
            let diff = CachedDiff {
                newer: *newer_key,
                older: *older_key,
                regions,
            };
            (diff, *edition, *since)
        })
        .collect();
    for region in &mut current.regions {
        region.history = diffs
            .iter()
            .map(|(diff, edition, since)| EditionChanges {
                edition: (*edition).clone(),
                since: (*since).clone(),
                changes: region_changes(&diff.regions, &region.slug),
            })
            .collect();
    }
    diffs.into_iter().map(|(diff, ..)| diff).collect()
}

fn region_changes(regions: &[(String, Vec<Change>)], slug: &str) -> Vec<Change> {
    (regions.iter())
        .find(|(s, _)| s == slug)
        .map(|(_, changes)| changes.clone())
        .unwrap_or_default()
}

/// Tells each earlier model the current edition and its paths, so its pages
/// can link to their current versions. Call after [`fill_history`].
pub fn link_to_current(current: &Site, earlier: &mut [Earlier]) {
    let current_edition = CurrentEdition {
        edition: current.edition.clone(),
        paths: plan::jobs(current).into_iter().map(|j| j.path).collect(),
    };
    for model in earlier.iter_mut().filter_map(|e| e.model.as_mut()) {
        // Just loaded, so not shared yet.
        if let Some(site) = Arc::get_mut(&mut model.site) {
            site.current = Some(current_edition.clone());
        }
    }
}

/// The cache the next build may use: this build's editions and comparisons.
pub fn next_cache(earlier: &[Earlier], diffs: Vec<CachedDiff>) -> EditionCache {
    let mut cache = EditionCache::fresh();
    cache.editions = (earlier.iter())
        .map(|e| CachedEdition {
            name: e.edition.name.clone(),
            content: e.content,
            source_date: e.source_date,
            pages: e.pages,
        })
        .collect();
    cache.diffs = diffs;
    cache
}
