//! Earlier editions: each one named in site.yaml is read (from git at its
//! ref, or from a folder holding its `content/`), parsed and resolved like
//! the current edition, with the same theme; then each edition is compared
//! with the one before it, and the changes go into the current model's
//! regions. Problems point at the edition's entry in site.yaml.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::editions::EditionProblem;
use crate::diag::{Diagnostic, Problem};
use crate::i18n::Strings;
use crate::load::git::{self, GitProblem};
use crate::load::{self, Files};
use crate::model::changes::{CurrentEdition, Edition, EditionChanges};
use crate::model::Site;
use crate::plan::{self, Job, PageKind, Rendered};
use crate::raw::project::{Loaded, Project};
use crate::raw::{RawEdition, RawSite};
use crate::render::theme::Theme;
use crate::resolve::{self, Settings};
use crate::source::YamlPath;
use crate::urls;

/// An earlier edition, resolved and ready to build under `edities/<name>/`.
#[derive(Debug, Clone)]
pub struct Earlier {
    pub edition: Edition,
    pub site: Arc<Site>,
    /// The files it was made from: its forms are copied from here.
    pub files: Arc<Files>,
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
/// problem goes into `diags`.
pub fn load(
    project: &Project,
    settings: &Settings,
    strings: &Strings,
    today: time::Date,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Earlier> {
    let Some(site) = &project.site else {
        return Vec::new();
    };
    let current = site.data.edition.as_deref();
    if current.is_none() && !site.data.editions.is_empty() {
        let span = project.sources.key_span(site.file, &YamlPath::field("editions"));
        diags.push(Diagnostic::error(
            Problem::Edition(EditionProblem::NoCurrentName),
            Some(span),
        ));
    }
    let entries: Vec<(usize, &RawEdition)> = site.data.editions.iter().enumerate().collect();
    let loaded: Vec<Result<Earlier, Box<Diagnostic>>> = entries
        .par_iter()
        .map(|&(index, raw)| {
            let at = At {
                project,
                site,
                index: Some(index),
            };
            check_name(raw, current, &site.data.editions[..index], &at)?;
            read_and_resolve(raw, settings, strings, today, &at)
        })
        .collect();
    loaded
        .into_iter()
        .filter_map(|r| r.map_err(|d| diags.push(*d)).ok())
        .collect()
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
) -> Option<Result<Earlier, Box<Diagnostic>>> {
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
    Some(read_and_resolve(&raw, settings, strings, today, &at))
}

/// Reads one edition's files and resolves them with the current theme.
fn read_and_resolve(
    raw: &RawEdition,
    settings: &Settings,
    strings: &Strings,
    today: time::Date,
    at: &At<'_>,
) -> Result<Earlier, Box<Diagnostic>> {
    let (files, date) = read(&at.project.root, raw, at)?;
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
    let edition = Edition {
        name: raw.name.clone(),
        date: raw.date.as_deref().and_then(crate::values::parse_date).or(date),
    };
    old_site.edition = Some(edition.clone());
    Ok(Earlier {
        edition,
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

/// The files of an edition, and its date when its source tells one.
fn read(root: &Path, raw: &RawEdition, at: &At<'_>) -> Result<(Files, Option<time::Date>), Box<Diagnostic>> {
    match (&raw.git_ref, &raw.path) {
        (Some(git_ref), None) => {
            let problem = |p: GitProblem| {
                let problem = match p {
                    GitProblem::NotARepository => EditionProblem::NotARepository { name: raw.name.clone() },
                    GitProblem::UnknownRef { known } => EditionProblem::UnknownRef {
                        git_ref: git_ref.clone(),
                        known,
                    },
                    GitProblem::Shallow => EditionProblem::Shallow {
                        git_ref: git_ref.clone(),
                    },
                    GitProblem::Failed(detail) => EditionProblem::GitFailed { detail },
                };
                at.error("ref", problem)
            };
            let commit = git::resolve(root, git_ref).map_err(problem)?;
            let mut files = Files::new(root.to_path_buf());
            for (path, bytes) in git::read_folder(root, &commit, load::parse::CONTENT).map_err(problem)? {
                files.insert_bytes(path, bytes);
            }
            Ok((files, git::commit_date(root, &commit)))
        }
        (None, Some(path)) => {
            let folder = root.join(path);
            let no_content = || at.error("path", EditionProblem::NoContent { path: path.clone() });
            if !folder.join(load::parse::CONTENT).join("site.yaml").is_file() {
                return Err(no_content());
            }
            let files = load::read::folder(&folder, load::parse::CONTENT, load::parse::is_ignored, |_, _| true)
                .ok_or_else(no_content)?;
            Ok((files, None))
        }
        _ => Err(at.error("name", EditionProblem::NeedsRefOrPath { name: raw.name.clone() })),
    }
}

/// Every file of an earlier edition's site, under `edities/<name>/`: its
/// pages, the theme's static files and its forms. The robots file, the
/// sitemap and the 404 page belong to the site root, not to an edition.
pub fn render(e: &Earlier, theme: &Theme) -> Result<Vec<Rendered>, Box<Diagnostic>> {
    let jobs: Vec<Job> = plan::jobs(&e.site)
        .into_iter()
        .filter(|j| !matches!(j.kind, PageKind::Robots | PageKind::Sitemap | PageKind::NotFound))
        .collect();
    let mut files = super::outputs::render_all(&e.site, theme, &jobs)?;
    files.extend(super::static_files(&e.site, theme));
    for region in &e.site.regions {
        for (rel, on_disk) in &region.assets {
            // Forms of a git edition are in its files, not on disk.
            let path = crate::source::display_name(&e.files.root, on_disk);
            if let Some(load::files::Content::Bytes(bytes)) = e.files.get(&path).map(|f| &f.content) {
                files.push(Rendered {
                    path: format!("{}/{rel}", region.slug),
                    bytes: bytes.clone(),
                });
            }
        }
    }
    let prefix = urls::edition_root(&e.edition.name);
    for f in &mut files {
        f.path.insert_str(0, &prefix);
    }
    Ok(files)
}

/// The edition compared with, the edition, and its changes per region slug.
type EditionDiff = (Edition, Edition, Vec<(String, Vec<crate::model::changes::Change>)>);

/// Fills in what the earlier editions tell the current one: the current
/// model's regions get the changes of every edition (newest first), and the
/// current model the list of earlier editions.
pub fn fill_history(current: &mut Site, earlier: &[Earlier], strings: &Strings) {
    // Without a date of its own, the current edition is as new as its newest file.
    let newest_date = current
        .regions
        .iter()
        .flat_map(|r| r.entities().filter_map(|e| e.meta.changed).chain(r.changed))
        .max();
    let this = current.edition.get_or_insert_with(|| Edition {
        name: String::new(),
        date: None,
    });
    this.date = this.date.or(newest_date);
    let this = this.clone();
    current.earlier = earlier.iter().map(|e| e.edition.clone()).collect();
    // Each edition against the one before it: the editions newest first,
    // taken two at a time.
    let editions: Vec<(&Site, &Edition)> = std::iter::once((&*current, &this))
        .chain(earlier.iter().map(|e| (&*e.site, &e.edition)))
        .collect();
    let diffs: Vec<EditionDiff> = editions
        .par_windows(2)
        .map(|pair| {
            let [(newer, edition), (older, since)] = pair else {
                unreachable!("windows of two")
            };
            (
                (*since).clone(),
                (*edition).clone(),
                crate::diff::sites(older, newer, strings),
            )
        })
        .collect();
    for region in &mut current.regions {
        region.history = diffs
            .iter()
            .map(|(since, edition, per_region)| EditionChanges {
                edition: edition.clone(),
                since: since.clone(),
                changes: per_region
                    .iter()
                    .find(|(slug, _)| *slug == region.slug)
                    .map(|(_, changes)| changes.clone())
                    .unwrap_or_default(),
            })
            .collect();
    }
}

/// Tells each earlier model the current edition and its paths, so its pages
/// can link to their current versions. Call after [`fill_history`].
pub fn link_to_current(current: &Site, earlier: &mut [Earlier]) {
    let current_edition = CurrentEdition {
        edition: current.edition.clone(),
        paths: plan::jobs(current).into_iter().map(|j| j.path).collect(),
    };
    for e in earlier {
        // Just loaded, so not shared yet.
        if let Some(site) = Arc::get_mut(&mut e.site) {
            site.current = Some(current_edition.clone());
        }
    }
}
