//! Off-page connectors for a route too large to read as one picture.
//!
//! A region of hundreds of procedures makes a diagram many screens wide, in
//! which an escalation to a procedure far to the right is a line the reader
//! cannot follow, and which the layout must carry through every column in
//! between (on the benchmark's 700 procedures, 127,000 items of which all but
//! 2,000 were such pass-throughs). Flowcharts solve this with off-page
//! connectors (ISO 5807), and so does this module: in a large graph, an edge
//! that would cross more than [`MAX_SPAN`] ranks becomes a short arrow to a
//! connector naming and linking the far procedure ("Naar ..."), and a short
//! arrow from a connector naming the source ("Van ...") into the target. Each
//! connector sits in the lane of the procedure it names, so the arrow still
//! shows the change of level. Smaller graphs, every real handbook among
//! them, are drawn as they are. The page's text alternative lists every edge
//! in full either way.

use super::graph::{Connector, Edge, Graph, Node};
use super::layout;
use crate::i18n::Lang;

/// In a large graph, edges crossing more ranks than this become connectors.
/// Four ranks (eight columns with the label columns) is about as far as an
/// edge stays on one screen.
pub const MAX_SPAN: usize = 4;

/// The graph to draw for `graph`: the same graph when it is small enough
/// to draw every edge (`None`), else one whose long edges run through
/// connectors. Connector nodes come after the graph's own nodes and the
/// second half of each split edge after its edges, so every index of
/// `graph` means the same in the result; the first half of a split edge
/// keeps the edge's index, kind and conditions.
pub fn with_connectors(graph: &Graph, lang: Lang) -> Option<Graph> {
    let spans = layout::spans(graph);
    // Every rank an edge crosses is two columns (one for labels), each
    // holding an item of the layout.
    let items = graph.nodes.len() + spans.iter().map(|s| 2 * s).sum::<usize>();
    if items <= layout::LARGE_ITEMS || !spans.iter().any(|&s| s > MAX_SPAN) {
        return None;
    }
    let (towards, from) = match lang {
        Lang::Nl => ("Naar", "Van"),
        Lang::En => ("To", "From"),
    };
    let mut drawn = graph.clone();
    for (e, &span) in spans.iter().enumerate() {
        if span <= MAX_SPAN {
            continue;
        }
        let Edge {
            from: u, to: v, kind, ..
        } = graph.edges[e];
        let outgoing = connector(&graph.nodes[v], v, towards, true);
        let incoming = connector(&graph.nodes[u], u, from, false);
        drawn.nodes.push(outgoing);
        drawn.edges[e].to = drawn.nodes.len() - 1;
        drawn.nodes.push(incoming);
        drawn.edges.push(Edge {
            from: drawn.nodes.len() - 1,
            to: v,
            labels: Vec::new(),
            kind,
        });
    }
    Some(drawn)
}

/// A connector standing for `far` (node `index`), titled e.g. "Naar <title>".
fn connector(far: &Node, index: usize, word: &str, outgoing: bool) -> Node {
    Node {
        key: far.key.clone(),
        title: format!("{word} {}", far.title),
        owner: None,
        limit: None,
        lane: far.lane,
        href: far.href.clone(),
        connector: Some(Connector { far: index, outgoing }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{sample, EdgeKind, Highlight};

    #[test]
    fn small_graphs_are_drawn_as_they_are() {
        assert_eq!(with_connectors(&sample::bench_graph(60), Lang::Nl), None);
        assert_eq!(with_connectors(&sample::bench_graph(200), Lang::Nl), None);
    }

    #[test]
    fn long_edges_of_a_large_graph_run_through_connectors() {
        let graph = sample::chain_graph(400, &[1, 7]);
        let drawn = with_connectors(&graph, Lang::Nl).expect("a large graph");
        // Every node and edge index of the graph means the same.
        assert_eq!(drawn.nodes[..graph.nodes.len()], graph.nodes[..]);
        let spans = layout::spans(&drawn);
        assert!(spans.iter().all(|&s| s <= MAX_SPAN), "a long edge is left");
        // Procedure 10 leads to 17: a short arrow to "Naar 17", another from
        // "Van 10" into 17, the condition kept on the first.
        let (p10, p17) = (graph.find("p10").unwrap(), graph.find("p17").unwrap());
        let e = graph.find_edge(p10, p17).unwrap();
        let out = &drawn.nodes[drawn.edges[e].to];
        assert_eq!(out.title, format!("Naar {}", graph.nodes[p17].title));
        assert_eq!(out.href, graph.nodes[p17].href);
        assert_eq!(out.lane, graph.nodes[p17].lane);
        assert_eq!(drawn.edges[e].labels, graph.edges[e].labels);
        assert_eq!(drawn.edges[e].kind, EdgeKind::Escalation);
        let halves = drawn.drawn_edges(p10, p17);
        assert_eq!(halves.len(), 2);
        let incoming = &drawn.nodes[drawn.edges[halves[1]].from];
        assert_eq!(incoming.title, format!("Van {}", graph.nodes[p10].title));
        assert_eq!(
            incoming.connector,
            Some(Connector {
                far: p10,
                outgoing: false
            })
        );
        // A route through that edge lights up both halves and connectors.
        let hl = Highlight::route(&drawn, &[p10, p17]);
        assert!(halves.iter().all(|e| hl.edges.contains(e)));
        assert_eq!(hl.nodes.len(), 4);
        assert_eq!(hl.badges.len(), 2, "only procedures get step numbers");
    }
}
