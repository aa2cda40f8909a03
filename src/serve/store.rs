//! The served site, in memory: what the last good build produced, the
//! problems of the last build if it failed, and the channel that tells
//! browsers what changed.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::broadcast;

use crate::serve::session::{OnRequest, Update};

/// The content of one file of the site.
#[derive(Debug, Clone)]
pub enum Body {
    Bytes(Arc<[u8]>),
    /// A file copied as it is (a form, an image): read from disk when asked for.
    File(PathBuf),
}

/// What browsers are told.
#[derive(Debug, Clone)]
pub enum Event {
    /// These site paths changed (`*` for all): pages showing one reload.
    Changed(Vec<String>),
    /// Only stylesheets changed: swap them without a reload.
    Css,
    /// The last build failed: show these problems over the page.
    Problems(String),
}

pub struct Store {
    /// Goes up with every rebuild, good or bad. A page carries the number it
    /// was served with, so a browser that connects late (a save while the
    /// page was loading) can tell that it missed a change.
    generation: AtomicU64,
    files: RwLock<HashMap<String, Body>>,
    problems: RwLock<Option<String>>,
    events: broadcast::Sender<Event>,
    /// Makes the files rendered only when asked for, from the last good build.
    on_request: RwLock<Option<Arc<OnRequest>>>,
    /// The path a rebuild waits to see served ([`Store::apply_then_wait`]),
    /// cleared when it is.
    awaited: Mutex<Option<String>>,
    served: Condvar,
    /// The page a rebuild served first while it works out the rest; until
    /// it has, any other page may be out of date ([`Store::settled`]).
    early: tokio::sync::watch::Sender<Option<String>>,
}

impl Default for Store {
    fn default() -> Self {
        Store {
            generation: AtomicU64::new(0),
            files: RwLock::default(),
            problems: RwLock::default(),
            events: broadcast::channel(64).0,
            on_request: RwLock::default(),
            awaited: Mutex::default(),
            served: Condvar::new(),
            early: tokio::sync::watch::Sender::new(None),
        }
    }
}

impl Store {
    pub fn get(&self, path: &str) -> Option<Body> {
        self.files.read().ok()?.get(path).cloned()
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.read().is_ok_and(|f| f.contains_key(path))
    }

    /// From now on, files made on request come from `maker`.
    pub fn set_on_request(&self, maker: Option<OnRequest>) {
        if let Ok(mut slot) = self.on_request.write() {
            *slot = maker.map(Arc::new);
        }
    }

    /// Whether the file at `path` waits to be rendered after the pages
    /// looked at: what the store holds for it is out of date.
    pub fn is_due(&self, path: &str) -> bool {
        self.on_request
            .read()
            .is_ok_and(|m| m.as_ref().is_some_and(|m| m.is_due(path)))
    }

    /// The file at `path` if it is made only on request (the PDF) or waits
    /// to be rendered later: rendered now, from the last good build,
    /// outside the store's locks.
    pub fn render_on_request(&self, path: &str) -> Option<Body> {
        let maker = self.on_request.read().ok()?.clone()?;
        maker.render(path).map(Body::Bytes)
    }

    /// The problems of the last build, if it failed.
    pub fn problems(&self) -> Option<String> {
        self.problems.read().ok()?.clone()
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    /// Notes that `path` was served (its response is made).
    pub fn note_served(&self, path: &str) {
        let Ok(mut awaited) = self.awaited.lock() else { return };
        if awaited.as_deref() == Some(path) {
            *awaited = None;
            self.served.notify_all();
        }
    }

    /// [`Store::apply`] of the page looked at last, then waits until a
    /// browser has fetched it, for at most `limit`, if it changed and a
    /// browser is listening: the page a coordinator looks at goes out before
    /// the rest of the rebuild takes every core.
    pub fn apply_then_wait(&self, update: Update, limit: Duration) {
        let early = update.rendered.first().map(|f| f.path.clone());
        self.early.send_replace(early.clone());
        let listening = self.events.receiver_count() > 0;
        let Some(path) = early.filter(|_| listening) else {
            self.take_in(update);
            return;
        };
        // Awaited before the browsers hear of it, so no fetch goes unnoticed.
        if let Ok(mut awaited) = self.awaited.lock() {
            *awaited = Some(path.clone());
        }
        let changed = self.take_in(update);
        let until = Instant::now() + limit;
        let Ok(mut awaited) = self.awaited.lock() else { return };
        while changed && awaited.as_deref() == Some(path.as_str()) {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match self.served.wait_timeout(awaited, left) {
                Ok((guard, _)) => awaited = guard,
                Err(_) => return,
            }
        }
        *awaited = None;
    }

    /// Once the rebuild that served `path` first (if one is under way) has
    /// worked out which other pages changed: asked for before, such a page
    /// would be served as it was. Waits at most `limit`.
    pub async fn settled(&self, path: &str, limit: Duration) {
        let mut early = self.early.subscribe();
        let other = |e: &Option<String>| e.as_deref().is_some_and(|p| p != path);
        if other(&early.borrow()) {
            let _ = tokio::time::timeout(limit, early.wait_for(|e| !other(e))).await;
        }
    }

    /// Takes in a successful rebuild and tells the browsers.
    pub fn apply(&self, update: Update) {
        self.take_in(update);
        self.early.send_replace(None);
    }

    /// [`Store::apply`] without ending an early page's wait; whether
    /// anything changed.
    fn take_in(&self, update: Update) -> bool {
        self.generation.fetch_add(1, Ordering::SeqCst);
        let was_broken = self.problems.write().map(|mut p| p.take().is_some()).unwrap_or(false);
        let mut changed: Vec<String> = Vec::with_capacity(update.rendered.len());
        if let Ok(mut files) = self.files.write() {
            for path in &update.removed {
                files.remove(path);
            }
            // Copied files are few; they are re-listed every time so a new form appears at once.
            files.retain(|_, body| !matches!(body, Body::File(_)));
            for (path, from) in update.copies {
                files.insert(path, Body::File(from));
            }
            for file in update.rendered {
                let unchanged = matches!(files.get(&file.path), Some(Body::Bytes(old)) if **old == *file.bytes);
                if !unchanged {
                    changed.push(file.path.clone());
                    files.insert(file.path, Body::Bytes(file.bytes.into()));
                }
            }
        }
        changed.extend(update.removed);
        // A region's search index changes with every edit of the region, but
        // only its search page loads it: that page reloads, not every page.
        for path in &mut changed {
            if let Some(page) = crate::urls::search_page_of_index(path) {
                *path = page;
            }
        }
        let only_css = !changed.is_empty() && changed.iter().all(|p| p.ends_with(".css"));
        let event = if was_broken {
            Event::Changed(vec!["*".into()])
        } else if only_css {
            Event::Css
        } else if changed.iter().any(|p| p.ends_with(".js") || p.ends_with(".css")) {
            // A script or stylesheet that any page may load, together with
            // pages: reload what is open. Exports (JSON, calendar, vCards,
            // sitemap) and the diagram file are loaded by no page; a browser
            // showing one itself reloads by its path.
            Event::Changed(vec!["*".into()])
        } else {
            Event::Changed(changed)
        };
        let any = !matches!(&event, Event::Changed(paths) if paths.is_empty());
        // No browser listening is not an error.
        let _ = self.events.send(event);
        any
    }

    /// Keeps the last good site and shows `text` over it.
    pub fn fail(&self, text: String) {
        self.early.send_replace(None);
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut p) = self.problems.write() {
            *p = Some(text.clone());
        }
        let _ = self.events.send(Event::Problems(text));
    }
}
