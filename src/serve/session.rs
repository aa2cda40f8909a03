//! Incremental rebuilds, for the live preview: a [`Session`] keeps what the
//! last build read and rendered. A rebuild reads only changed files (the load
//! cache), resolves the whole model again (cheap), and renders only the pages
//! whose dependencies ([`crate::serve::deps`]) changed. A theme or site.yaml change
//! renders everything. Outputs that gather a whole region (print view, search
//! index, exports) wait for [`Session::render_pending`], so the page being
//! edited is served first; so do the pages no browser asked for lately
//! ([`LookedAt`]) when one that was is among the changed, or when the
//! changed are many. Until a page left for later is rendered, asking for it
//! renders it ([`OnRequest`]).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::diag::Problem;
use crate::load::LoadCache;
use crate::pipeline::{self, editions, outputs, Checked, Resolved, Reuse};
use crate::plan::{self, Job, Rendered};
use crate::render::diagrams::DiagramCache;
use crate::serve::deps::{self, Dep};
use crate::serve::looked_at::LookedAt;

/// A rebuild that changes none of the pages browsers asked for lately
/// renders the pages it changes at once when they are this few, and after
/// otherwise: rendering a region's thousand pages takes a quarter of a second.
const AT_ONCE: usize = 24;

/// Stands in [`Session::unconfirmed`] for all pages of the earlier editions:
/// no output has this path.
const EDITIONS_DUE: &str = "edities/*";

/// What the last successful build rendered, to compare the next one with.
struct Previous {
    prints: HashMap<Dep, u64>,
    jobs: HashMap<String, Vec<Dep>>,
    has_code: bool,
}

/// A project being previewed.
pub struct Session {
    root: PathBuf,
    cache: LoadCache,
    last: Option<Checked>,
    previous: Option<Previous>,
    /// Paths of region-wide outputs that are out of date: not rendered yet,
    /// or handed to a [`Pending`] render that has not delivered. A render
    /// that delivers takes its paths off; a newer render takes them all.
    unconfirmed: Arc<Mutex<HashSet<String>>>,
    /// Counts rebuilds; a [`Pending`] render from before the latest one is stale.
    generation: Arc<AtomicU64>,
    /// The pages to render first.
    looked_at: Arc<LookedAt>,
    /// The layouts and drawings of the regions' whole routes, kept for the
    /// next rebuild: an edit that leaves a route as it was (a body, a
    /// region's name, a glossary term) does not lay it out or draw it again.
    diagrams: DiagramCache,
}

/// Outputs left for later (region-wide ones, and after an edit of many
/// pages those no browser looked at), to render from one rebuild's model on
/// any thread: the live preview renders them while the watcher waits for
/// the next save.
pub struct Pending {
    resolved: Resolved,
    diagrams: DiagramCache,
    paths: HashSet<String>,
    unconfirmed: Arc<Mutex<HashSet<String>>>,
    generation: Arc<AtomicU64>,
    made_at: u64,
}

impl Pending {
    /// Renders the outputs and hands them to `deliver`; nothing when a newer
    /// rebuild has started since (it renders them again from its own model)
    /// or a template fails (the pages report that themselves). `deliver` runs
    /// under a lock, so an older render can never land after a newer one.
    pub fn render(self, deliver: impl FnOnce(Update)) {
        let start = Instant::now();
        let Resolved {
            site, theme, earlier, ..
        } = &self.resolved;
        let jobs = plan::jobs(site);
        let due: Vec<Job> = jobs.iter().filter(|j| self.paths.contains(&j.path)).cloned().collect();
        let (outputs, _) = outputs::Outputs::with_cache(site, theme, &self.diagrams);
        // Given up as soon as a newer rebuild starts, which renders these
        // again from its own model: finishing would only keep a core from it.
        let stale = || self.generation.load(Ordering::SeqCst) != self.made_at;
        let mut rendered = Vec::with_capacity(due.len());
        for job in &due {
            if stale() {
                return;
            }
            let Ok(file) = outputs.render(job) else {
                return;
            };
            rendered.push(file);
        }
        if self.paths.contains(EDITIONS_DUE) {
            for e in earlier.iter() {
                let Some(model) = &e.model else { continue };
                let Ok(files) = editions::render(&e.edition.name, model, theme, None) else {
                    return;
                };
                rendered.extend(files);
            }
        }
        let Ok(mut unconfirmed) = self.unconfirmed.lock() else {
            return;
        };
        if self.generation.load(Ordering::SeqCst) != self.made_at {
            return;
        }
        unconfirmed.retain(|p| !self.paths.contains(p));
        deliver(Update {
            rendered,
            removed: Vec::new(),
            copies: pipeline::copies(site),
            full: false,
            pages: jobs.len(),
            files_read: 0,
            elapsed: start.elapsed(),
        });
    }
}

/// Renders, from one rebuild's model and once, an output that the preview
/// makes only when it is asked for ([`crate::plan::PageKind::on_request`])
/// or that is asked for while it waits to be rendered later ([`Pending`]).
pub struct OnRequest {
    resolved: Resolved,
    made: Mutex<HashMap<String, Arc<[u8]>>>,
    /// The outputs waiting to be rendered later: [`Session::unconfirmed`].
    due: Arc<Mutex<HashSet<String>>>,
}

impl OnRequest {
    /// Whether the output at `path` is out of date until it is rendered later.
    pub fn is_due(&self, path: &str) -> bool {
        self.due.lock().is_ok_and(|due| due.contains(path))
    }

    /// The file at `path`, if it is such an output; `None` for any other
    /// path or when its template fails (the terminal says why).
    pub fn render(&self, path: &str) -> Option<Arc<[u8]>> {
        if let Some(bytes) = self.made.lock().ok()?.get(path) {
            return Some(Arc::clone(bytes));
        }
        let Resolved { site, theme, .. } = &self.resolved;
        let due = self.is_due(path);
        let job = plan::jobs(site)
            .into_iter()
            .find(|j| j.path == path && (due || j.kind.on_request()))?;
        // Its own layouts: it renders on a thread of the server, outside
        // the thread pools, and a layout it made for a rebuild's threads to
        // wait for would wait for those threads in turn.
        let bytes: Arc<[u8]> = match outputs::Outputs::new(site, theme).render(&job) {
            Ok(file) => file.bytes.into(),
            Err(problem) => {
                crate::diag::eprint(&[*problem], &Default::default(), site.lang);
                return None;
            }
        };
        self.made.lock().ok()?.insert(path.to_string(), Arc::clone(&bytes));
        Some(bytes)
    }
}

/// The changes a rebuild made to the site.
#[derive(Debug, Default)]
pub struct Update {
    /// Files rendered anew (pages, and static files on a full rebuild).
    pub rendered: Vec<Rendered>,
    /// Pages that no longer exist.
    pub removed: Vec<String>,
    /// Files copied as they are: (path in the site, file on disk); all of them, every time.
    pub copies: Vec<(String, PathBuf)>,
    /// Whether every page was rendered.
    pub full: bool,
    /// How many pages the site has.
    pub pages: usize,
    /// How many files were read anew.
    pub files_read: usize,
    pub elapsed: Duration,
}

/// A check made for a rebuild, not yet rendered: what [`Session::trial`]
/// gives the editor to look at before it writes the file.
pub struct Trial {
    pub checked: Checked,
    earlier_read: bool,
    full: bool,
    started: Instant,
}

/// The result of a rebuild: the changes, or the problems that stopped it (the
/// previous site stays as it was). Warnings come with a successful update.
pub enum Outcome {
    Built(Update),
    Failed,
}

impl Session {
    pub fn new(root: &Path) -> Session {
        Session {
            root: root.to_path_buf(),
            cache: LoadCache::watched(),
            last: None,
            previous: None,
            unconfirmed: Arc::default(),
            generation: Arc::default(),
            looked_at: Arc::default(),
            diagrams: DiagramCache::default(),
        }
    }

    /// Where the preview notes the pages browsers ask for.
    pub fn looked_at(&self) -> Arc<LookedAt> {
        Arc::clone(&self.looked_at)
    }

    /// The check of the last rebuild: its diagnostics and sources.
    pub fn last(&self) -> Option<&Checked> {
        self.last.as_ref()
    }

    /// The problems of the last rebuild.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.last.as_ref().map_or(&[], |c| &c.diagnostics)
    }

    /// Marks files as changed, so the next rebuild reads them again.
    pub fn changed<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        for p in paths {
            self.cache.forget(p);
        }
    }

    /// The project's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What a check after a change may take from the last one. A theme or
    /// site.yaml change (`full`) reads the theme and the earlier editions
    /// again; an edit in content/ changes the current edition only.
    fn reuse(&self, full: bool) -> Reuse {
        match &self.last {
            Some(last) if !full => {
                let editions_ok = !last
                    .diagnostics
                    .iter()
                    .any(|d| matches!(d.problem, Problem::Edition(_)));
                last.resolved.as_ref().map_or_else(Reuse::default, |r| Reuse {
                    theme: Some(Arc::clone(&r.theme)),
                    earlier: editions_ok.then(|| Arc::clone(&r.earlier)),
                    edition_cache: None,
                })
            }
            _ => Reuse::default(),
        }
    }

    /// The check the project would get with `edited`'s bytes in place of
    /// that file's on disk; the session stays as it was. The editor calls
    /// it before it writes, and on success hands it to [`Session::adopt`].
    pub fn trial(&mut self, edited: crate::load::Edited) -> Trial {
        let started = Instant::now();
        let full =
            crate::load::parse::role_of(edited.path).is_some_and(|r| matches!(r, crate::load::parse::Role::Site));
        let reuse = self.reuse(full);
        let earlier_read = reuse.earlier.is_none();
        let checked = pipeline::check_edited(&self.root, pipeline::today(), &mut self.cache, reuse, Some(edited));
        Trial {
            checked,
            earlier_read,
            full,
            started,
        }
    }

    /// Rebuilds after a change. With `full` (a theme or site.yaml changed, or
    /// the first build) every page is rendered and the theme is read again.
    pub fn rebuild(&mut self, full: bool) -> Outcome {
        self.rebuild_inner(full, None)
    }

    /// [`Session::rebuild`], rendering first the page a browser asked for
    /// last and handing it to `early`, before the dependencies of all pages
    /// are worked out (a third of a rebuild of 1,000 pages): the page the
    /// coordinator looks at shows an edit without waiting for them. If the
    /// edit did not change it, `early` gets the same bytes again, and the
    /// outcome leaves it out.
    pub fn rebuild_then(&mut self, full: bool, mut early: impl FnMut(Update)) -> Outcome {
        self.rebuild_inner(full, Some(&mut early))
    }

    fn rebuild_inner(&mut self, full: bool, early: Option<&mut dyn FnMut(Update)>) -> Outcome {
        let started = Instant::now();
        let reuse = self.reuse(full);
        let earlier_read = reuse.earlier.is_none();
        let checked = pipeline::check_with(&self.root, pipeline::today(), &mut self.cache, reuse);
        let trial = Trial {
            checked,
            earlier_read,
            full,
            started,
        };
        self.adopt_inner(trial, early)
    }

    /// Renders what changed since the last build from `trial`'s check, and
    /// keeps that check as the last.
    pub fn adopt(&mut self, trial: Trial) -> Outcome {
        self.adopt_inner(trial, None)
    }

    /// [`Session::adopt`], with the page looked at last first to `early`
    /// ([`Session::rebuild_then`]).
    fn adopt_inner(&mut self, trial: Trial, early: Option<&mut dyn FnMut(Update)>) -> Outcome {
        let Trial {
            checked,
            earlier_read,
            full,
            started: start,
        } = trial;
        // Any render of region-wide outputs still running is now stale.
        self.generation.fetch_add(1, Ordering::SeqCst);
        let files_read = self.cache.last_read;
        let Some(Resolved {
            site, theme, earlier, ..
        }) = checked.renderable()
        else {
            self.last = Some(checked);
            return Outcome::Failed;
        };
        // Outputs made on request are no part of a rebuild ([`OnRequest`]).
        let jobs: Vec<Job> = plan::jobs(site).into_iter().filter(|j| !j.kind.on_request()).collect();
        self.diagrams.next_rebuild();
        let (outputs, kept) = outputs::Outputs::with_cache(site, theme, &self.diagrams);
        self.diagrams = kept;
        let mut done_early = None;
        if let Some(early) = early.filter(|_| !full && self.previous.is_some()) {
            let latest = self.looked_at.latest();
            let looked = jobs
                .iter()
                .find(|j| Some(&j.path) == latest.as_ref() && !j.kind.gathers_region());
            // A template that fails fails again below, and is reported there.
            if let Some(Ok(page)) = looked.map(|j| outputs.render(j)) {
                done_early = Some(page.path.clone());
                early(Update {
                    rendered: vec![page],
                    removed: Vec::new(),
                    copies: pipeline::copies(site),
                    full: false,
                    pages: jobs.len(),
                    files_read,
                    elapsed: start.elapsed(),
                });
            }
        }
        // Independent, and together most of a small rebuild: both at once.
        let (prints, job_deps): (_, Vec<Vec<Dep>>) = rayon::join(
            || deps::fingerprints(site),
            || jobs.par_iter().map(|j| deps::of_job(j, site)).collect(),
        );
        let has_code = pipeline::site_has_code(site);
        let full = full || self.previous.is_none();
        let dirty: Vec<Job> = jobs
            .iter()
            .zip(&job_deps)
            .filter(|(job, deps)| match (&self.previous, full) {
                (Some(prev), false) => {
                    prev.jobs.get(&job.path) != Some(*deps) || deps.iter().any(|d| prev.prints.get(d) != prints.get(d))
                }
                _ => true,
            })
            .filter(|(job, _)| done_early.as_ref() != Some(&job.path))
            .map(|(job, _)| job.clone())
            .collect();
        let (dirty, later) = if full {
            (dirty, Vec::new())
        } else {
            self.first_and_later(dirty)
        };
        if let Ok(mut unconfirmed) = self.unconfirmed.lock() {
            if full {
                unconfirmed.clear();
            }
            unconfirmed.extend(later.into_iter().map(|j| j.path));
            // The earlier editions' pages, after the current edition's, when
            // they were read anew.
            if earlier_read && !earlier.is_empty() {
                unconfirmed.insert(EDITIONS_DUE.to_string());
            }
        }
        let mut rendered = match outputs.render_each(&dirty) {
            Ok(r) => r,
            Err(d) => {
                let mut checked = checked;
                checked.diagnostics.push(*d);
                self.last = Some(checked);
                return Outcome::Failed;
            }
        };
        let code_appeared = self.previous.as_ref().is_some_and(|p| !p.has_code) && has_code;
        if full || code_appeared {
            rendered.extend(pipeline::static_files(site, theme));
        }
        let paths: HashSet<&str> = jobs.iter().map(|j| j.path.as_str()).collect();
        let removed = self
            .previous
            .as_ref()
            .map(|p| p.jobs.keys().filter(|k| !paths.contains(k.as_str())).cloned().collect())
            .unwrap_or_default();
        let update = Update {
            rendered,
            removed,
            copies: pipeline::copies(site),
            full,
            pages: jobs.len(),
            files_read,
            elapsed: start.elapsed(),
        };
        self.previous = Some(Previous {
            prints,
            jobs: jobs.into_iter().map(|j| j.path).zip(job_deps).collect(),
            has_code,
        });
        self.last = Some(checked);
        Outcome::Built(update)
    }

    /// `dirty` split into what a rebuild renders before it serves and what
    /// it leaves for later: region-wide outputs wait; of the pages, those a
    /// browser asked for lately go first and the rest wait, and when no such
    /// page changed, all of them go first unless they are many.
    fn first_and_later(&self, dirty: Vec<Job>) -> (Vec<Job>, Vec<Job>) {
        let (pages, mut later): (Vec<Job>, Vec<Job>) = dirty.into_iter().partition(|j| !j.kind.gathers_region());
        let looked_at = self.looked_at.pages();
        let (seen, unseen): (Vec<Job>, Vec<Job>) = pages.into_iter().partition(|j| looked_at.contains(&j.path));
        let first = if !seen.is_empty() || unseen.len() > AT_ONCE {
            later.extend(unseen);
            seen
        } else {
            unseen
        };
        (first, later)
    }

    /// The outputs the last rebuilds left out of date, to render
    /// with [`Pending::render`] (on another thread, if you like); `None` when
    /// there are none or the last rebuild failed (they wait for a good one).
    pub fn take_pending(&mut self) -> Option<Pending> {
        let resolved = self.last.as_ref()?.renderable()?;
        // Outputs a stale render had taken are due again, from this model.
        let unconfirmed = self.unconfirmed.lock().ok()?;
        if unconfirmed.is_empty() {
            return None;
        }
        Some(Pending {
            resolved: resolved.clone(),
            diagrams: self.diagrams.clone(),
            paths: unconfirmed.clone(),
            unconfirmed: Arc::clone(&self.unconfirmed),
            generation: Arc::clone(&self.generation),
            made_at: self.generation.load(Ordering::SeqCst),
        })
    }

    /// What makes the outputs the preview renders only on request (the
    /// PDF) and those asked for before their turn, from the last good
    /// rebuild's model.
    pub fn on_request(&self) -> Option<OnRequest> {
        Some(OnRequest {
            resolved: self.last.as_ref()?.renderable()?.clone(),
            made: Mutex::default(),
            due: Arc::clone(&self.unconfirmed),
        })
    }

    /// [`Session::take_pending`] rendered here and now.
    pub fn render_pending(&mut self) -> Option<Update> {
        let mut done = None;
        self.take_pending()?.render(|update| done = Some(update));
        done
    }
}
