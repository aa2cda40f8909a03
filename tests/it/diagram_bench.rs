//! Timing of the diagram for a large generated graph. Not a pass/fail test:
//! `cargo test --release --test it diagram_bench:: -- --ignored --nocapture`.

use std::time::Instant;

use zorgroute::diagram::{self, SvgOptions};
use zorgroute::i18n::Lang;

#[test]
#[ignore = "timing; run by hand in release mode"]
fn time_200_nodes() {
    let cases = [
        ("care route", diagram::bench_graph(60)),
        ("care route", diagram::bench_graph(200)),
        ("random (worst case)", diagram::sample::random_graph(200, 7)),
    ];
    for (shape, graph) in cases {
        let n = graph.nodes.len();
        // The first run warms caches and the allocator; report the best of a few.
        let mut best = f64::MAX;
        let mut size = (0.0, 0.0, 0, 0);
        for _ in 0..5 {
            let start = Instant::now();
            let layout = diagram::layout(&graph);
            let svg = diagram::render_svg(
                &graph,
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
            best = best.min(start.elapsed().as_secs_f64() * 1000.0);
            size = (layout.width, layout.height, layout.crossings, svg.len());
        }
        println!(
            "{shape}, {n} nodes, {} edges: layout + SVG {best:.1} ms ({:.0}x{:.0} px, {} crossings, {} bytes)",
            graph.edges.len(),
            size.0,
            size.1,
            size.2,
            size.3
        );
    }
}
