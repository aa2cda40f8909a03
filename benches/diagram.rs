//! Diagram benchmark: the care-route diagram's layout and SVG together, of
//! generated graphs as large as a big handbook's route and larger.
//!
//! ```sh
//! cargo bench --bench diagram
//! ```
//!
//! Before timing, it prints what the layout makes of each graph (size,
//! crossings, SVG bytes), which the times alone do not say. The diagram of
//! the benchmark corpus, with its off-page connectors, is timed with the
//! other stages in `benches/stages.rs`.

use divan::Bencher;
use zorgroute::diagram::{self, sample, Graph, Layout, SvgOptions};
use zorgroute::i18n::Lang;

// The binary's allocator (src/main.rs), so the diagram is timed as a build draws it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The graphs timed, by name: care-route-shaped ones ([`sample::bench_graph`])
/// and escalations to anywhere ([`sample::random_graph`]), the worst case for
/// the layout's time.
const GRAPHS: [&str; 3] = ["care route, 60", "care route, 200", "random (worst case), 200"];

fn graph(name: &str) -> Graph {
    match name {
        "care route, 60" => sample::bench_graph(60),
        "care route, 200" => sample::bench_graph(200),
        "random (worst case), 200" => sample::random_graph(200, 7),
        _ => unreachable!("not in GRAPHS: {name}"),
    }
}

fn main() {
    for name in GRAPHS {
        let graph = graph(name);
        let (layout, svg) = draw(&graph);
        println!(
            "{name} nodes, {} edges: {:.0}x{:.0} px, {} crossings, {} bytes",
            graph.edges.len(),
            layout.width,
            layout.height,
            layout.crossings,
            svg.len()
        );
    }
    divan::main();
}

/// Layout and SVG, as a build draws a region's whole route on its own.
fn draw(graph: &Graph) -> (Layout, String) {
    let layout = diagram::layout(graph);
    let svg = diagram::render_svg(
        graph,
        &layout,
        &SvgOptions {
            highlight: None,
            title: "Zorgroute",
            desc: "",
            standalone: true,
            id_prefix: "b",
            lang: Lang::Nl,
        },
    );
    (layout, svg)
}

/// Layout and SVG of each graph in [`GRAPHS`].
#[divan::bench(args = GRAPHS, sample_count = 10, sample_size = 1)]
fn layout_and_svg(b: Bencher, name: &str) {
    let graph = graph(name);
    b.bench(|| draw(&graph));
}
