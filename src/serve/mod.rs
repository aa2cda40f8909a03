//! Live preview: `zorgroute serve` builds the site into memory, serves it on
//! 127.0.0.1, watches the project and rebuilds incrementally on every change;
//! browsers reload themselves, and a broken edit shows its problems over the
//! last good page while serving goes on. Unless `--read-only`, it also
//! serves the editor (`editor/`), which changes the project's files.

pub mod deps;
mod editor;
mod http;
pub mod looked_at;
pub mod session;
mod store;
mod watch;

pub use http::{site_path, Refused};

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::diag::{self, Report, ToolProblem};
use crate::i18n::Lang;
use crate::serve::session::{Outcome, Session};
use store::Store;

pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
    /// No editor: the preview changes nothing.
    pub read_only: bool,
}

/// What the server, the watcher and the editor share.
pub(crate) struct Preview {
    /// One rebuild at a time: the watcher's and the editor's.
    session: Mutex<Session>,
    store: Arc<Store>,
    /// The editor, unless the preview is read-only.
    editor: Option<editor::Editor>,
    /// Files the editor wrote, with the version written: the watcher's
    /// event for such a file needs no second rebuild.
    written: Mutex<HashMap<PathBuf, String>>,
    /// The pages browsers asked for, which a rebuild renders first.
    looked_at: Arc<looked_at::LookedAt>,
}

impl Preview {
    /// The session, also when a rebuild panicked while holding it (the
    /// session is then as the last finished rebuild left it).
    fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Drops the paths from `paths` that the editor has just written and
    /// that are still as it wrote them.
    fn not_written_by_editor(&self, paths: &mut Vec<PathBuf>) {
        let Ok(mut written) = self.written.lock() else { return };
        paths.retain(|p| match written.remove(p) {
            Some(version) => std::fs::read(p).map_or(true, |bytes| crate::edit::version(&bytes) != version),
            None => true,
        });
    }
}

/// How long a rebuild waits, after the page looked at last, for a browser
/// to fetch it before it goes on with the rest: a browser asks at once; the
/// limit is for one that is closed or looks elsewhere.
const EARLY_FETCH: std::time::Duration = std::time::Duration::from_millis(40);

/// Runs the preview until the process is stopped.
pub fn run(mut options: Options) -> std::io::Result<()> {
    // Watched paths come back absolute; so must the root they are shown against.
    options.root = std::fs::canonicalize(&options.root)?;
    let mut session = Session::new(&options.root);
    let start = Instant::now();
    let outcome = session.rebuild(true);
    // The editor only where no one else can reach it.
    let editing = !options.read_only && options.bind.is_loopback();
    let preview = Arc::new(Preview {
        editor: editing.then(|| editor::Editor::new(&options.root)),
        looked_at: session.looked_at(),
        session: Mutex::new(session),
        store: Arc::new(Store::default()),
        written: Mutex::default(),
    });
    publish(&preview, &mut preview.session(), outcome, start, &[]);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind(SocketAddr::new(
        options.bind,
        options.port,
    )))?;
    let address = listener.local_addr()?;
    let url = format!("http://{address}/");
    // The language of the first build: the lines said once are in it, while
    // each rebuild's line follows the site's language of that moment.
    let lang = preview.session().last().map_or_else(Lang::default, |c| c.lang);
    if let Some(editor) = &preview.editor {
        editor.listening_on(address);
    }
    if !options.bind.is_loopback() {
        eprintln!("{}", Report::ServingPublic { address }.text(lang));
    }
    let watching = Arc::clone(&preview);
    let root = options.root.clone();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let ready = move || {
            let _ = ready_tx.send(());
        };
        let result = watch::watch(&root, ready, |mut batch| {
            watching.not_written_by_editor(&mut batch.paths);
            if batch.paths.is_empty() {
                return;
            }
            let changed: Vec<&Path> = batch.paths.iter().map(PathBuf::as_path).collect();
            let mut session = watching.session();
            session.changed(changed.iter().copied());
            let start = Instant::now();
            // The page looked at last, as soon as it is rendered.
            let outcome = session.rebuild_then(batch.full, |early| watching.store.apply_then_wait(early, EARLY_FETCH));
            publish(&watching, &mut session, outcome, start, &changed);
        });
        if let Err(e) = result {
            let problem = ToolProblem::CannotWatch {
                root,
                error: e.to_string(),
            };
            eprintln!("zorgroute serve: {}", problem.message(lang));
        }
    });

    // The URL is the sign that the preview is up: only after the watch is in place.
    let _ = ready_rx.recv_timeout(std::time::Duration::from_secs(10));
    println!("{}", Report::Serving { url: url.clone() }.text(lang));
    if options.open {
        let _ = open::that_detached(&url);
    }

    runtime.block_on(async move { axum::serve(listener, http::router(preview)).await })
}

/// One rebuild's outcome, reported in the terminal and to the browsers.
fn publish(preview: &Preview, session: &mut Session, outcome: Outcome, start: Instant, changed: &[&Path]) {
    let store = &preview.store;
    let Some(checked) = session.last() else { return };
    let lang = checked.lang;
    match outcome {
        Outcome::Built(update) => {
            let pages = update.rendered.iter().filter(|f| f.path.ends_with(".html")).count();
            let total = update.pages;
            // The page first, then the terminal: printing warnings can wait.
            if let (Some(editor), Some(resolved)) = (&preview.editor, checked.renderable()) {
                editor.learn_sources(&resolved.site, &checked.project.sources);
            }
            store.apply(update);
            store.set_on_request(session.on_request());
            diag::eprint(&checked.diagnostics, &checked.project.sources, lang);
            let names = changed
                .iter()
                .map(|p| crate::source::display_name(&checked.project.root, p))
                .collect::<Vec<_>>()
                .join(", ");
            let ms = start.elapsed().as_millis();
            println!(
                "{}",
                Report::Rebuilt {
                    pages,
                    total,
                    ms,
                    changed: names,
                }
                .text(lang)
            );
            // Then the print view, search index and exports (and the pages
            // no one looked at), now the page is out: on their own thread,
            // so the next save is not kept waiting.
            if let Some(pending) = session.take_pending() {
                let store = Arc::clone(store);
                std::thread::spawn(move || {
                    let deliver = move |later: crate::serve::session::Update| {
                        let (files, ms) = (later.rendered.len(), later.elapsed.as_millis());
                        store.apply(later);
                        println!("{}", Report::Later { files, ms }.text(lang));
                    };
                    // One thread, made once: the other cores stay free for the next save's pages.
                    static BACKGROUND: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
                    let pool = BACKGROUND.get_or_init(|| rayon::ThreadPoolBuilder::new().num_threads(1).build().ok());
                    match pool {
                        Some(pool) => pool.install(|| pending.render(deliver)),
                        None => pending.render(deliver),
                    }
                });
            }
        }
        Outcome::Failed => {
            let errors: Vec<_> = checked.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
            diag::eprint(&errors, &checked.project.sources, lang);
            eprintln!("{}", diag::summary(&errors, lang));
            store.fail(diag::to_plain_string(&errors, &checked.project.sources, lang));
        }
    }
}
