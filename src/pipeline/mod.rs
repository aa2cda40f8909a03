//! The pipeline: load -> resolve and validate -> check -> plan -> render ->
//! write, with the entry points the binary, the tests and the benchmarks call.

pub mod compare;
pub mod edition_cache;
pub mod editions;
pub mod outputs;
pub mod pdf_cache;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::{self, Diagnostic, Problem};
use crate::i18n::Lang;
use crate::load;
use crate::model::Site;
use crate::plan::{self, Job, Rendered};
use crate::raw::project::Project;
use crate::render::theme::{self, Theme};
use crate::render::Failure;
use crate::resolve;
use crate::urls;
use crate::write::Staging;
use edition_cache::EditionCache;
use outputs::{Made, Outputs};
use pdf_cache::{PdfCache, PdfCounts};

/// The result of loading and checking a project, without rendering.
pub struct Checked {
    pub project: Project,
    /// The model with the theme to render it: `None` when the theme did not
    /// load, since the model's level names come from the theme's strings.
    pub resolved: Option<Resolved>,
    pub lang: Lang,
    pub diagnostics: Vec<Diagnostic>,
}

/// A resolved model and the theme that renders it. Shared, so the live
/// preview can render from it on another thread.
#[derive(Clone)]
pub struct Resolved {
    pub site: Arc<Site>,
    pub theme: Arc<Theme>,
    /// The earlier editions, newest first, each built under `edities/<name>/`.
    pub earlier: Arc<Vec<editions::Earlier>>,
    /// What the next build may take from this one's editions.
    pub edition_cache: Arc<EditionCache>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The model and theme to render, when the check found no error.
    pub fn renderable(&self) -> Option<&Resolved> {
        self.resolved.as_ref().filter(|_| !self.has_errors())
    }
}

/// What a repeated check (the live preview) may take from the one before.
#[derive(Default)]
pub struct Reuse {
    /// The theme, used when the site still asks for the same theme and language.
    pub theme: Option<Arc<Theme>>,
    /// The earlier editions, read and resolved: they do not change as the
    /// working tree does. Their pages keep linking to the current pages the
    /// first check knew of.
    pub earlier: Option<Arc<Vec<editions::Earlier>>>,
    /// The editions cache of the last build: what it holds is not read,
    /// compared or rendered again.
    pub edition_cache: Option<EditionCache>,
}

/// Loads, resolves and validates the project at `root`.
pub fn check(root: &Path) -> Checked {
    check_at(root, today())
}

/// [`check`], with warnings judged against `today`.
pub fn check_at(root: &Path, today: time::Date) -> Checked {
    check_with(root, today, &mut load::LoadCache::default(), Reuse::default())
}

/// [`check_at`] for repeated checks (the live preview): files that did not
/// change come from `cache`, and what `reuse` holds is not made again.
pub fn check_with(root: &Path, today: time::Date, cache: &mut load::LoadCache, reuse: Reuse) -> Checked {
    check_edited(root, today, cache, reuse, None)
}

/// [`check_with`], with one file's bytes as `edited` gives them instead of
/// as they are on disk: the editor's check before it writes.
pub fn check_edited(
    root: &Path,
    today: time::Date,
    cache: &mut load::LoadCache,
    reuse: Reuse,
    edited: Option<load::Edited>,
) -> Checked {
    let (project, theme) = match reuse.theme {
        Some(theme) => (load::load_edited(root, cache, edited), Some(theme)),
        // The theme's templates compile while the files parse.
        None => rayon::join(|| load::load_edited(root, cache, edited), || early_theme(root)),
    };
    let editions = (reuse.earlier, reuse.edition_cache);
    check_project(project, theme, editions, today, |name| load::theme::read(root, name))
}

/// [`check_at`] for a project given as its files (e.g. built from a fixture
/// string with [`load::Files::from_fixture`]): its theme comes from the same
/// files, and it has no last-changed dates.
pub fn check_files(mut files: load::Files, today: time::Date) -> Checked {
    let themes = files.split_off("themes");
    check_project(load::parse(files), None, (None, None), today, |name| {
        load::theme::collect(&themes, name)
    })
}

/// The check after loading: the theme (`early` when it is the one the site
/// asks for, else from `theme_files`), resolve, the earlier editions (read
/// unless given), warnings and the alias check.
fn check_project(
    mut project: Project,
    early: Option<Arc<Theme>>,
    (earlier, edition_cache): (Option<Arc<Vec<editions::Earlier>>>, Option<EditionCache>),
    today: time::Date,
    theme_files: impl FnOnce(&str) -> Result<load::theme::ThemeFiles, Vec<Diagnostic>>,
) -> Checked {
    let mut diags = std::mem::take(&mut project.diagnostics);
    let settings = resolve::settings(&project, &mut diags);
    let reusable = early.filter(|t| t.name == settings.theme && t.lang == settings.lang);
    let loaded = match reusable {
        Some(t) => Ok(t),
        None => theme_files(&settings.theme)
            .and_then(|files| theme::compile(files, settings.lang))
            .map(Arc::new),
    };
    let theme = match loaded {
        Ok(t) => Some(t),
        Err(d) => {
            // Point a missing theme at site.yaml's `theme` field.
            let theme_span = project.site.as_ref().map(|s| {
                project
                    .sources
                    .value_span(s.file, &crate::source::YamlPath::field("theme"))
            });
            diags.extend(d.into_iter().map(|mut d| {
                if matches!(d.problem, diag::Problem::UnknownTheme { .. }) {
                    d.span = d.span.or(theme_span);
                }
                d
            }));
            None
        }
    };
    if let Some(theme) = &theme {
        diags.extend(theme.unreadable.iter().map(|u| u.report(&mut project.sources)));
    }
    let resolved = theme.map(|theme| {
        let mut site = resolve::resolve(&project, &settings, &theme.strings, today, &mut diags);
        let current_key = editions::content_key(&project);
        let fresh = earlier.is_none();
        let mut earlier = earlier.unwrap_or_else(|| {
            let strings = (&theme.strings, theme.fingerprint);
            let current = (&site, current_key, edition_cache.as_ref());
            Arc::new(editions::load(&project, &settings, strings, today, current, &mut diags))
        });
        let mut diffs = Vec::new();
        if !earlier.is_empty() {
            let cache = edition_cache.as_ref();
            diffs = editions::fill_history(&mut site, current_key, &earlier, &theme.strings, cache);
            if fresh {
                editions::link_to_current(&site, Arc::make_mut(&mut earlier).as_mut_slice());
            }
        }
        Resolved {
            site: Arc::new(site),
            theme,
            edition_cache: Arc::new(editions::next_cache(&earlier, diffs)),
            earlier,
        }
    });
    if let Some(Resolved { site, .. }) = &resolved {
        diags.extend(crate::check::aliases::check(&plan::jobs(site), site));
        diags.extend(crate::check::warnings::check(site, &project.sources, today));
        // Who does what is only known when every procedure resolved: a
        // procedure with an error would make its actors look idle.
        if !diags.iter().any(Diagnostic::is_error) {
            diags.extend(crate::check::roles::check(site, &project.sources));
        }
    }
    diag::normalize(&mut diags, &project.sources);
    Checked {
        project,
        resolved,
        lang: settings.lang,
        diagnostics: diags,
    }
}

/// The theme `content/site.yaml` asks for, read ahead of the project (which
/// will decide again and report any mistake); `None` when it cannot tell or
/// the theme does not load.
fn early_theme(root: &Path) -> Option<Arc<Theme>> {
    let (name, lang) = resolve::theme_choice(&load::peek_site(root)?);
    let files = load::theme::read(root, &name).ok()?;
    theme::compile(files, lang).ok().map(Arc::new)
}

/// What a build writes: rendered files, and files copied as they are.
pub struct Output {
    pub files: Vec<Rendered>,
    /// (path in the output, file on disk)
    pub copies: Vec<(String, PathBuf)>,
}

/// The date warnings are judged against: `ZORGROUTE_TODAY` (YYYY-MM-DD) when
/// set, so tests and reproducible builds do not depend on the clock; else today.
pub fn today() -> time::Date {
    std::env::var("ZORGROUTE_TODAY")
        .ok()
        .and_then(|d| crate::values::parse_date(&d))
        .unwrap_or_else(|| time::OffsetDateTime::now_utc().date())
}

/// Renders a resolved project into memory.
pub fn render(resolved: &Resolved) -> Result<Output, Box<Diagnostic>> {
    let Resolved { site, theme, .. } = resolved;
    let jobs = plan::jobs(site);
    let mut files = outputs::render_all(site, theme, &jobs)?;
    files.extend(static_files(site, theme));
    Ok(Output {
        files,
        copies: copies(site),
    })
}

/// The theme's static files, and the code stylesheet when a page has code.
pub fn static_files(site: &Site, theme: &Theme) -> Vec<Rendered> {
    let mut files: Vec<Rendered> = theme
        .statics
        .iter()
        .map(|(name, bytes)| Rendered {
            path: urls::asset(name),
            bytes: bytes.clone(),
        })
        .collect();
    if site_has_code(site) {
        files.push(Rendered {
            path: urls::asset("highlight.css"),
            bytes: crate::load::highlight::stylesheet().into_bytes(),
        });
    }
    files
}

/// Files copied as they are: (path in the output, file on disk).
pub fn copies(site: &Site) -> Vec<(String, PathBuf)> {
    site.regions
        .iter()
        .flat_map(|r| {
            r.assets
                .iter()
                .map(|(rel, path)| (urls::region_file(&r.slug, rel), path.clone()))
        })
        .collect()
}

pub fn site_has_code(site: &Site) -> bool {
    site.regions.iter().any(|r| r.bodies().any(|(_, b)| b.md.has_code))
}

/// What a successful build did.
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub pdfs: PdfCounts,
    pub elapsed: Duration,
    pub checked: Checked,
}

/// Why a build did not write anything.
pub struct BuildFailure {
    pub checked: Checked,
    pub diagnostics: Vec<Diagnostic>,
}

pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    /// The build date: warnings are judged against it and the handbook is dated with it.
    pub today: time::Date,
}

/// Builds the site: checks, renders, and swaps the result into `out` only when
/// everything succeeded. Each page is written as soon as it is rendered (into
/// the temporary folder), so a large handbook is never all in memory at once.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Box<BuildFailure>> {
    let start = Instant::now();
    let reuse = Reuse {
        edition_cache: Some(EditionCache::read(&options.out)),
        ..Reuse::default()
    };
    let checked = check_with(&options.root, options.today, &mut load::LoadCache::default(), reuse);
    let Some(Resolved {
        site,
        theme,
        earlier,
        edition_cache,
    }) = checked.renderable()
    else {
        let diagnostics = checked.diagnostics.clone();
        return Err(Box::new(BuildFailure { checked, diagnostics }));
    };
    let jobs = plan::jobs(site);
    let statics = static_files(site, theme);
    let copies = copies(site);
    let staging = match Staging::begin(&options.out) {
        Ok(s) => s,
        Err(e) => return Err(output_failure(checked, e)),
    };
    // The editions the build being written over (the one before the last)
    // already holds as this build would make them.
    let in_spare = staging
        .previous_file(edition_cache::FILE)
        .and_then(|bytes| EditionCache::from_bytes(&bytes))
        .unwrap_or_default();
    let pdfs = PdfCache::read(&options.out).with_spare(staging.previous_file(pdf_cache::FILE));
    let sources = checked
        .project
        .sources
        .iter()
        .map(|(_, f)| (f.name.as_str(), f.text.as_bytes()));
    let content = pdf_cache::content_keys(site, sources);
    let renderer = Outputs::new(site, theme).with_pdf_cache(&pdfs, "", content);
    let stopped = AtomicBool::new(false);
    let edition_files = std::sync::atomic::AtomicUsize::new(0);
    let make = |job: &Job| {
        // A failure in another stream ends the build: skip the rest.
        if stopped.load(Ordering::Relaxed) {
            return Ok(());
        }
        if Outputs::streams(&job.kind) {
            let written = staging.write_with(&job.path, |out| renderer.render_to(job, out));
            if written.is_err() {
                stopped.store(true, Ordering::Relaxed);
            }
            return written;
        }
        let written = renderer.make(job).map_err(Failure::Template).and_then(|made| {
            match made {
                Made::Rendered(page) => staging.write_file(&page),
                // A PDF from the cache: often the build written over
                // has it too, else a copy in the kernel.
                Made::Taken { path, from, len, key } => {
                    if pdfs.in_spare(&path, key, len) && staging.keep_file(&path, len) {
                        Ok(())
                    } else {
                        staging.copy_all(&[(path, from)])
                    }
                }
            }
            .map_err(Failure::Output)
        });
        if written.is_err() {
            stopped.store(true, Ordering::Relaxed);
        }
        written
    };
    let render_all = |jobs: &[&Job]| jobs.par_iter().try_for_each(|job| make(job));
    // The PDFs on threads of their own, one at a time each, beside the two
    // streams below. As rayon jobs, a thread waiting inside Typst's own
    // parallel work would start another volume, and another: a large
    // region's dozens of volumes were all in memory at once (16 GB).
    let (pdf_jobs, pages): (Vec<&Job>, Vec<&Job>) = jobs.iter().partition(|j| j.kind.is_pdf());
    let next_pdf = std::sync::atomic::AtomicUsize::new(0);
    let typeset = || loop {
        let Some(job) = pdf_jobs.get(next_pdf.fetch_add(1, Ordering::Relaxed)) else {
            return Ok(());
        };
        make(job)?;
    };
    // Two streams at once, so that no thread waits for another: one lays out
    // the regions' whole routes (a large region's takes a core for a while)
    // and then renders the outputs that draw them; the other renders the
    // rest, the region-wide outputs first, as the largest should not be
    // left to end the build alone.
    let (draw_route, mut rest): (Vec<&Job>, Vec<&Job>) = pages.into_iter().partition(|j| j.kind.draws_whole_route());
    rest.sort_by_key(|j| !j.kind.gathers_region());
    let pdf_threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(pdf_jobs.len());
    let ((drawn, others), typeset) = std::thread::scope(|scope| {
        let ((drawn, threads), others) = rayon::join(
            || {
                renderer.lay_out();
                // Only now: a PDF thread that laid a route out itself would
                // wait for rayon's threads while they wait for its layout.
                let threads: Vec<_> = (0..pdf_threads).map(|_| scope.spawn(typeset)).collect();
                (render_all(&draw_route), threads)
            },
            || render_all(&rest),
        );
        // The first failure; the scope joins any thread left.
        let typeset =
            (threads.into_iter()).try_for_each(|t| t.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        ((drawn, others), typeset)
    });
    let written = drawn
        .and(others)
        .and(typeset)
        .and_then(|()| staging.write_all(&statics).map_err(Failure::Output))
        .and_then(|()| staging.copy_all(&copies).map_err(Failure::Output))
        .and_then(|()| {
            earlier.par_iter().try_for_each(|e| {
                let Some(model) = &e.model else {
                    // Unchanged since the last build: its pages are there,
                    // and often in the build this one writes over too.
                    let root = urls::edition_root(&e.edition.name);
                    pdfs.keep_under(&root);
                    if in_spare.has_pages(e.pages) && staging.previous_file(&format!("{root}index.html")).is_some() {
                        edition_files.fetch_add(staging.keep(&root), Ordering::Relaxed);
                        return Ok(());
                    }
                    let kept = edition_cache::built_files(&options.out, &e.edition.name);
                    edition_files.fetch_add(kept.len(), Ordering::Relaxed);
                    return staging.copy_all(&kept).map_err(Failure::Output);
                };
                let files = editions::render(&e.edition.name, model, theme, Some(&pdfs)).map_err(Failure::Template)?;
                edition_files.fetch_add(files.len(), Ordering::Relaxed);
                staging.write_all(&files).map_err(Failure::Output)
            })
        })
        .and_then(|()| {
            let cache = (!earlier.is_empty()).then(|| edition_cache.to_bytes());
            cache.map_or(Ok(()), |bytes| {
                staging.write(edition_cache::FILE, &bytes).map_err(Failure::Output)
            })
        })
        .and_then(|()| {
            pdfs.to_bytes().map_or(Ok(()), |bytes| {
                staging.write(pdf_cache::FILE, &bytes).map_err(Failure::Output)
            })
        });
    match written {
        Ok(()) => {}
        Err(stop) => {
            staging.abort();
            return Err(match stop {
                Failure::Output(e) => output_failure(checked, e),
                Failure::Template(d) => {
                    let mut diagnostics = vec![*d];
                    diagnostics.extend(checked.diagnostics.iter().cloned());
                    diag::normalize(&mut diagnostics, &checked.project.sources);
                    Box::new(BuildFailure { checked, diagnostics })
                }
            });
        }
    }
    if let Err(e) = staging.commit() {
        return Err(output_failure(checked, e));
    }
    let pages = jobs.iter().filter(|j| j.path.ends_with(".html")).count();
    Ok(BuildReport {
        pages,
        files: jobs.len() + statics.len() + copies.len() + edition_files.into_inner(),
        pdfs: pdfs.counts(),
        elapsed: start.elapsed(),
        checked,
    })
}

/// A build that could not write its output: the check's findings and the reason.
fn output_failure(checked: Checked, e: std::io::Error) -> Box<BuildFailure> {
    let mut diagnostics = checked.diagnostics.clone();
    diagnostics.push(Diagnostic::error(Problem::Output { detail: e.to_string() }, None));
    Box::new(BuildFailure { checked, diagnostics })
}
