//! Property tests of the care-route diagram on random graphs: up to 60
//! procedures in 1 to 6 lanes (some empty), random edges with cycles,
//! self-loops and a fan-in of ten, and titles and labels that are far too
//! long. Whatever the input, the drawing must keep its promises.

use proptest::prelude::*;
use zorgroute::diagram::{self, EdgeKind, Graph, Highlight, Lane, Layout, Node, Point, Rect, SvgOptions};
use zorgroute::i18n::Lang;

/// Slack for float rounding.
const TOL: f32 = 0.51;

fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{2,12}( [a-z]{2,10}){0,3}",
        // 80+ characters of words.
        "[A-Z][a-z]{3,14}( [a-z]{2,14}){10,14}",
        // Very long words, and characters that need escaping.
        "[a-z]{40,90}",
        "[A-Za-z<>&\"' ]{5,40}",
    ]
}

fn label() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        "[A-Z][a-z]{2,10}( [a-z]{2,10}){0,4}",
        "[a-z]{20,60}( [a-z]{2,12}){5,20}",
    ])
}

prop_compose! {
    fn graph()(lanes in 1usize..=6, n in 1usize..=60)
        (nodes in prop::collection::vec(
            (0..lanes, title(), prop::option::of("[A-Z][a-z]{3,12}( [a-z]{3,12}){0,3}"), prop::option::of("[0-9]{1,2} weken")),
            n),
         edges in prop::collection::vec((0..n, 0..n, label(), any::<bool>()), 0..=(2 * n + 4)),
         fan_in in any::<bool>(),
         lanes in Just(lanes))
        -> Graph
    {
        let mut g = Graph {
            lanes: (0..lanes).map(|l| Lane { id: format!("l{l}"), title: format!("Niveau {l} met een wat langere naam") }).collect(),
            nodes: nodes
                .into_iter()
                .enumerate()
                .map(|(i, (lane, title, owner, limit))| Node {
                    key: format!("p{i}"),
                    title,
                    owner,
                    limit,
                    lane,
                    href: format!("procedures/p{i}/?a=1&b=\"2\""),
                    connector: None,
                })
                .collect(),
            edges: Vec::new(),
        };
        let n = g.nodes.len();
        for (from, to, label, route) in edges {
            let kind = if route { EdgeKind::Route } else { EdgeKind::Escalation };
            g.add_edge(from, to, label.as_deref(), kind);
        }
        if fan_in && n > 10 {
            for from in 1..=10 {
                g.add_edge(from, 0, Some("Als het niet lukt"), EdgeKind::Escalation);
            }
        }
        g
    }
}

/// Whether an axis-parallel segment passes through the interior of `r`.
fn segment_hits(a: Point, b: Point, r: &Rect) -> bool {
    let inner = Rect {
        x: r.x + TOL,
        y: r.y + TOL,
        w: (r.w - 2.0 * TOL).max(0.0),
        h: (r.h - 2.0 * TOL).max(0.0),
    };
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    x0 < inner.right() && x1 > inner.x && y0 < inner.bottom() && y1 > inner.y
}

/// Every promise of the layout, as assertion messages (empty: all kept).
fn broken_promises(g: &Graph, l: &Layout) -> Vec<String> {
    let mut broken = Vec::new();
    if l.nodes.len() != g.nodes.len() || l.edges.len() != g.edges.len() || l.lanes.len() != g.lanes.len() {
        broken.push("layout does not match the graph".to_string());
        return broken;
    }
    let canvas = Rect {
        x: 0.0,
        y: 0.0,
        w: l.width,
        h: l.height,
    };
    for (i, a) in l.nodes.iter().enumerate() {
        for (j, b) in l.nodes.iter().enumerate().skip(i + 1) {
            if a.rect.overlaps(&b.rect) {
                broken.push(format!("nodes {i} and {j} overlap"));
            }
        }
        let lane = &l.lanes[g.nodes[i].lane].rect;
        if !lane.contains(&a.rect, TOL) {
            broken.push(format!("node {i} is outside its lane: {:?} not in {:?}", a.rect, lane));
        }
        if a.title_lines.len() > 3 || a.title_lines.is_empty() {
            broken.push(format!("node {i} has {} title lines", a.title_lines.len()));
        }
        for line in &a.title_lines {
            if diagram::text::width(line, 13.0, true) > a.rect.w - 2.0 * 10.0 + TOL {
                broken.push(format!("title line of node {i} is too wide: {line}"));
            }
        }
    }
    let labels: Vec<(usize, Rect)> = l
        .edges
        .iter()
        .enumerate()
        .filter_map(|(e, p)| p.label.as_ref().map(|lb| (e, lb.rect)))
        .collect();
    for (k, &(e, r)) in labels.iter().enumerate() {
        if !canvas.contains(&r, TOL) {
            broken.push(format!("label of edge {e} is off the canvas"));
        }
        for (v, n) in l.nodes.iter().enumerate() {
            if r.overlaps(&n.rect) {
                broken.push(format!("label of edge {e} overlaps node {v}"));
            }
        }
        for &(f, s) in &labels[k + 1..] {
            if r.overlaps(&s) {
                broken.push(format!("labels of edges {e} and {f} overlap"));
            }
        }
    }
    for (e, (edge, path)) in g.edges.iter().zip(&l.edges).enumerate() {
        let (Some(&first), Some(&last)) = (path.points.first(), path.points.last()) else {
            broken.push(format!("edge {e} has no path"));
            continue;
        };
        let (src, dst) = (&l.nodes[edge.from].rect, &l.nodes[edge.to].rect);
        if path.points.len() < 2 {
            broken.push(format!("edge {e} has a path of one point"));
        }
        if !src.on_border(first, TOL) {
            broken.push(format!("edge {e} does not start on its source: {first:?} vs {src:?}"));
        }
        if !dst.on_border(last, TOL) {
            broken.push(format!("edge {e} does not end on its target: {last:?} vs {dst:?}"));
        }
        if path.self_loop != (edge.from == edge.to) {
            broken.push(format!("edge {e} self-loop flag is wrong"));
        }
        for w in path.points.windows(2) {
            if (w[0].x - w[1].x).abs() > 0.01 && (w[0].y - w[1].y).abs() > 0.01 {
                broken.push(format!("edge {e} has a diagonal segment"));
            }
            for (v, n) in l.nodes.iter().enumerate() {
                if v != edge.from && v != edge.to && segment_hits(w[0], w[1], &n.rect) {
                    broken.push(format!("edge {e} passes through node {v}"));
                }
            }
            for p in [w[0], w[1]] {
                if !canvas.contains(
                    &Rect {
                        x: p.x,
                        y: p.y,
                        w: 0.0,
                        h: 0.0,
                    },
                    TOL,
                ) {
                    broken.push(format!("edge {e} leaves the canvas"));
                }
            }
        }
    }
    broken
}

/// Every `&` in the SVG starts one of the five XML entities.
fn escaped(svg: &str) -> bool {
    svg.match_indices('&').all(|(i, _)| {
        ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
            .iter()
            .any(|e| svg[i..].starts_with(e))
    })
}

fn render(g: &Graph, l: &Layout, hl: Option<&Highlight>) -> String {
    diagram::render_svg(
        g,
        l,
        &SvgOptions {
            highlight: hl,
            title: "Zorgroute <test> & \"zo\"",
            desc: "Omschrijving",
            standalone: true,
            id_prefix: "t",
            lang: Lang::Nl,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn layout_keeps_its_promises(g in graph()) {
        let l = diagram::layout(&g);
        let broken = broken_promises(&g, &l);
        prop_assert!(broken.is_empty(), "{}", broken.join("\n"));

        // Deterministic: the same input gives the same layout and bytes.
        prop_assert_eq!(&diagram::layout(&g), &l);
        let steps: Vec<usize> = (0..g.nodes.len()).step_by(3).collect();
        let hl = Highlight::route(&g, &steps);
        let svg = render(&g, &l, Some(&hl));
        prop_assert_eq!(&svg, &render(&g, &l, Some(&hl)));
        prop_assert!(escaped(&svg), "unescaped & in the SVG");
        prop_assert!(!svg.contains("<test>"), "unescaped title");
        prop_assert_eq!(svg.matches("<a ").count(), g.nodes.len());
    }

    #[test]
    fn neighbourhood_keeps_its_promises(g in graph(), pick in any::<prop::sample::Index>()) {
        let node = pick.index(g.nodes.len());
        let (hood, focus) = diagram::neighbourhood(&g, &diagram::Incidence::of(&g), node);
        prop_assert_eq!(&hood.nodes[focus].key, &g.nodes[node].key);
        prop_assert!(hood.edges.iter().all(|e| e.from == focus || e.to == focus));
        // Every edge at the node, in the route's order.
        let touching: Vec<_> = (g.edges.iter())
            .filter(|e| e.from == node || e.to == node)
            .map(|e| (&g.nodes[e.from].key, &g.nodes[e.to].key, &e.labels))
            .collect();
        let kept: Vec<_> = (hood.edges.iter())
            .map(|e| (&hood.nodes[e.from].key, &hood.nodes[e.to].key, &e.labels))
            .collect();
        prop_assert_eq!(kept, touching);
        let l = diagram::layout(&hood);
        let broken = broken_promises(&hood, &l);
        prop_assert!(broken.is_empty(), "{}", broken.join("\n"));
    }

    #[test]
    fn edges_leaving_a_node_are_found_in_the_routes_order(g in graph()) {
        let incidence = diagram::Incidence::of(&g);
        for node in 0..g.nodes.len() {
            let scanned: Vec<*const diagram::Edge> = (g.edges.iter()).filter(|e| e.from == node).map(std::ptr::from_ref).collect();
            let found: Vec<*const diagram::Edge> = incidence.leaving(&g, node).map(std::ptr::from_ref).collect();
            prop_assert_eq!(found, scanned);
        }
    }
}

/// The example handbooks keep the same promises.
#[test]
fn example_content_keeps_its_promises() {
    let checked = zorgroute::check(std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
    let Some(zorgroute::pipeline::Resolved { site, .. }) = checked.resolved else {
        panic!("the example content does not resolve");
    };
    for region in &site.regions {
        let g = diagram::from_region(region, &site.levels, site.lang, |id| format!("procedures/{id}/"));
        let l = diagram::layout(&g);
        let broken = broken_promises(&g, &l);
        assert!(broken.is_empty(), "{}: {}", region.slug, broken.join("\n"));
    }
}

/// A route too large for one picture draws its long edges through off-page
/// connectors, and the drawing keeps every promise: the benchmark corpus's
/// shape (a chain with jumps and a cycle through everything) and a random
/// graph of 800 nodes, the worst case for the layout.
#[test]
fn large_routes_with_connectors_keep_their_promises() {
    for graph in [
        diagram::sample::chain_graph(300, &[1, 7]),
        diagram::sample::random_graph(800, 7),
    ] {
        let drawn = diagram::with_connectors(&graph, Lang::Nl).expect("a graph too large to draw whole");
        let l = diagram::layout(&drawn);
        let broken = broken_promises(&drawn, &l);
        assert!(broken.is_empty(), "{}", broken.join("\n"));
        let connectors = drawn.nodes.iter().filter(|n| n.connector.is_some()).count();
        assert!(connectors > 0);
        let svg = render(&drawn, &l, None);
        assert_eq!(svg.matches("<a class=\"zr-node zr-node--connector").count(), connectors);
        assert_eq!(svg.matches("<a ").count(), drawn.nodes.len());
    }
}
