//! Stage benchmark: each stage of a build on its own, and a live-preview
//! rebuild, over the generated benchmark corpus (`bench/gen_corpus.py`).
//!
//! ```sh
//! cargo bench --bench stages                                   # 1,000 pages
//! ZR_BENCH_PAGES=40 ZR_BENCH_REGIONS=77 cargo bench --bench stages   # national build
//! ```
//!
//! A measurement, not a test: nothing here asserts a time. Whole builds
//! against Hugo and mdBook are `bench/compare.py`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[path = "../tests/it/common.rs"]
mod common;

use divan::Bencher;
use zorgroute::pipeline::{self, Checked};
use zorgroute::render::{self, diagrams::RegionDiagram};
use zorgroute::serve::session as incremental;
use zorgroute::{diagram, load, plan, resolve, write};

// The binary's allocator (src/main.rs), so stages are timed as a build runs them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The corpus, generated once per run into the temporary folder.
fn corpus() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let (pages, regions) = (env_number("ZR_BENCH_PAGES", 1000), env_number("ZR_BENCH_REGIONS", 1));
        let dir = std::env::temp_dir().join(format!("zr-stage-bench-{pages}x{regions}"));
        let status = std::process::Command::new("python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/gen_corpus.py"))
            .args(["--tool", "zorgroute", "--pages", &pages.to_string()])
            .args(["--regions", &regions.to_string(), "--out"])
            .arg(&dir)
            .status()
            .expect("python3 runs bench/gen_corpus.py");
        assert!(status.success(), "gen_corpus.py failed");
        dir
    })
    .as_path()
}

fn checked() -> &'static Checked {
    static CHECKED: OnceLock<Checked> = OnceLock::new();
    CHECKED.get_or_init(|| {
        let c = pipeline::check(corpus());
        assert!(!c.has_errors(), "the corpus has errors");
        c
    })
}

fn parts() -> (&'static zorgroute::model::Site, &'static render::theme::Theme) {
    let c = checked();
    let resolved = c.renderable().expect("resolved");
    (&resolved.site, &resolved.theme)
}

/// Walk, read and parse every file (front matter and Markdown, with code highlighting).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn load() -> zorgroute::raw::project::Project {
    load::load(corpus())
}

/// Inheritance, ids, back-references and link targets, over the loaded project.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn resolve(b: Bencher) {
    let c = checked();
    let (_, theme) = parts();
    b.bench(|| {
        let mut diags = Vec::new();
        let settings = resolve::settings(&c.project, &mut diags);
        resolve::resolve(&c.project, &settings, &theme.strings, pipeline::today(), &mut diags)
    });
}

/// The whole of `zorgroute check`: load, resolve, warnings, privacy scan, aliases.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn check() -> Checked {
    pipeline::check(corpus())
}

/// Every page, in parallel, including the diagrams the pages show.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn render(b: Bencher) {
    let (site, theme) = parts();
    let jobs = plan::jobs(site);
    b.bench(|| pipeline::outputs::render_all(site, theme, &jobs).expect("renders"));
}

/// The first region's whole care-route diagram: layout and SVG.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn diagram(b: Bencher) {
    let (site, theme) = parts();
    let region = &site.regions[0];
    b.bench(|| RegionDiagram::new(site, region).standalone(region, &theme.strings, site.lang));
}

/// The diagram's layout alone (no SVG), of the graph the build draws:
/// with off-page connectors for the long edges of a route this large.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn diagram_layout(b: Bencher) {
    let (site, _) = parts();
    let graph = render::diagrams::graph(site, &site.regions[0]);
    let drawn = diagram::with_connectors(&graph, site.lang).unwrap_or(graph);
    b.bench(|| diagram::layout(&drawn));
}

/// One region's search index (`<region>/zoeken/zoekindex.js`): tokens,
/// Dutch stems, glossary words, the elasticlunr index as a script.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn search_index(b: Bencher) {
    let (site, theme) = parts();
    b.bench(|| zorgroute::search::index_script(site, &site.regions[0], &theme.strings));
}

/// The print view: the whole region handbook as one page. The region's
/// diagram, which a build lays out once for all pages, is laid out before
/// timing starts.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn print_view(b: Bencher) {
    let (site, theme) = parts();
    let job = plan::jobs(site)
        .into_iter()
        .find(|j| matches!(j.kind, plan::PageKind::Print) && j.region == Some(zorgroute::model::RegionIx::new(0)))
        .expect("a print view");
    let renderer = render::Renderer::new(site, theme);
    renderer.render(&job).expect("renders");
    b.bench(|| renderer.render(&job).expect("renders"));
}

/// Writing the rendered site into a fresh folder and swapping it in.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn write(b: Bencher) {
    let output = pipeline::render(checked().renderable().expect("resolved")).expect("renders");
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    b.bench(|| {
        let staging = write::Staging::begin(&public).expect("staging");
        staging.write_all(&output.files).expect("writes");
        staging.commit().expect("swaps in");
    });
}

/// A live-preview rebuild after a procedure's body or title changed: load
/// (from the cache but one file), resolve, dependencies, dirty pages only.
#[divan::bench(args = ["body", "title"], sample_count = 10, sample_size = 1)]
fn rebuild(b: Bencher, edit: &str) {
    let root = tempfile::tempdir().expect("temp dir");
    common::copy_dir(&corpus().join("content"), &root.path().join("content"));
    let file = root.path().join("content/_standaard/procedures/p5.md");
    let original = std::fs::read_to_string(&file).expect("p5.md");
    let mut session = incremental::Session::new(root.path());
    assert!(matches!(session.rebuild(true), incremental::Outcome::Built(_)));
    let mut n = 0;
    b.bench_local(|| {
        n += 1;
        let text = match edit {
            "body" => format!("{original}\n\nMarker {n}.\n"),
            _ => original.replacen("title: Procedure 5", &format!("title: Procedure 5 {n}"), 1),
        };
        std::fs::write(&file, text).expect("writes p5.md");
        session.changed([file.as_path()]);
        assert!(matches!(session.rebuild(false), incremental::Outcome::Built(_)));
    });
}
