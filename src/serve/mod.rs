//! Live preview: `zorgroute serve` builds the site into memory, serves it on
//! 127.0.0.1, watches the project and rebuilds incrementally on every change;
//! browsers reload themselves, and a broken edit shows its problems over the
//! last good page while serving goes on.

pub mod deps;
mod http;
pub mod session;
mod store;
mod watch;

pub use http::{site_path, Refused};

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
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
}

/// Runs the preview until the process is stopped.
pub fn run(mut options: Options) -> std::io::Result<()> {
    // Watched paths come back absolute; so must the root they are shown against.
    options.root = std::fs::canonicalize(&options.root)?;
    let store = Arc::new(Store::default());
    let mut session = Session::new(&options.root);
    rebuild(&mut session, &store, true, &[]);

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
    let lang = session.last().map_or_else(Lang::default, |c| c.lang);
    if !options.bind.is_loopback() {
        eprintln!("{}", Report::ServingPublic { address }.text(lang));
    }
    let watch_store = Arc::clone(&store);
    let root = options.root.clone();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let ready = move || {
            let _ = ready_tx.send(());
        };
        let result = watch::watch(&root, ready, |batch| {
            let changed: Vec<&std::path::Path> = batch.paths.iter().map(PathBuf::as_path).collect();
            session.changed(changed.iter().copied());
            rebuild(&mut session, &watch_store, batch.full, &changed);
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

    runtime.block_on(async move { axum::serve(listener, http::router(store)).await })
}

/// One rebuild, reported in the terminal and to the browsers.
fn rebuild(session: &mut Session, store: &Arc<Store>, full: bool, changed: &[&std::path::Path]) {
    let start = Instant::now();
    let outcome = session.rebuild(full);
    let Some(checked) = session.last() else { return };
    let lang = checked.lang;
    match outcome {
        Outcome::Built(update) => {
            let pages = update.rendered.iter().filter(|f| f.path.ends_with(".html")).count();
            let total = update.pages;
            // The page first, then the terminal: printing warnings can wait.
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
            // Then the print view, search index and exports, now the page is
            // out: on their own thread, so the next save is not kept waiting.
            if let Some(pending) = session.take_pending() {
                let store = Arc::clone(store);
                std::thread::spawn(move || {
                    let deliver = move |later: crate::serve::session::Update| {
                        let (files, ms) = (later.rendered.len(), later.elapsed.as_millis());
                        store.apply(later);
                        println!("{}", Report::RegionWide { files, ms }.text(lang));
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
