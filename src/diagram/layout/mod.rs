//! A layered layout of the care-route graph in swimlanes.
//!
//! The algorithm is the Sugiyama framework (K. Sugiyama, S. Tagawa and
//! M. Toda, "Methods for visual understanding of hierarchical system
//! structures", IEEE Trans. SMC 11(2), 1981) in the form of E. R. Gansner,
//! E. Koutsofios, S. C. North and K.-P. Vo, "A technique for drawing directed
//! graphs" (IEEE Trans. Software Eng. 19(3), 1993), turned on its side:
//! layers are columns and the route reads left to right, while the levels of
//! the care route are horizontal lanes that partition every column.
//!
//! 1. `acyclic`: break cycles by reversing a small set of edges, chosen by
//!    the greedy heuristic of Eades, Lin and Smyth (1993). Reversed edges are
//!    drawn pointing back (right to left) and dashed; cycles are normal in a
//!    care route and never an error.
//! 2. `layering`: longest-path ranks improved towards short edges, doubled
//!    so that edge labels get columns of their own, with dummy items making
//!    every edge a chain between adjacent columns. An edge between two lanes
//!    can change lane right after its label or just before its target; both
//!    are tried and the one with fewer crossings is kept.
//! 3. `ordering`: barycenter sweeps and transposition to reduce crossings,
//!    never mixing lanes.
//! 4. `position`: lane heights and Sugiyama's priority method for the
//!    vertical position inside each lane.
//! 5. `routing`: column widths and orthogonal edge routes with a track of
//!    their own for every vertical jog; self-loops are small loops above
//!    their node.
//!
//! Everything is deterministic: no hashing, ties broken by index.

mod acyclic;
mod layering;
pub mod metrics;
mod ordering;
mod position;
mod routing;

use super::graph::{EdgeKind, Graph};
use layering::{ChainSpec, DagEdge, LanePolicy};
use metrics::*;
pub use ordering::LARGE_ITEMS;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    /// This rectangle with `by` more on every side.
    pub fn grown(&self, by: f32) -> Rect {
        Rect {
            x: self.x - by,
            y: self.y - by,
            w: self.w + 2.0 * by,
            h: self.h + 2.0 * by,
        }
    }
    /// Whether the interiors of the two rectangles meet.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }
    /// Whether `other` lies inside this rectangle, up to `tol`.
    pub fn contains(&self, other: &Rect, tol: f32) -> bool {
        other.x >= self.x - tol
            && other.y >= self.y - tol
            && other.right() <= self.right() + tol
            && other.bottom() <= self.bottom() + tol
    }
    /// Whether `p` lies on the border of this rectangle, up to `tol`.
    pub fn on_border(&self, p: Point, tol: f32) -> bool {
        let within_x = p.x >= self.x - tol && p.x <= self.right() + tol;
        let within_y = p.y >= self.y - tol && p.y <= self.bottom() + tol;
        let on_vertical = (p.x - self.x).abs() <= tol || (p.x - self.right()).abs() <= tol;
        let on_horizontal = (p.y - self.y).abs() <= tol || (p.y - self.bottom()).abs() <= tol;
        (on_vertical && within_y) || (on_horizontal && within_x)
    }
}

/// The drawing: everything in viewBox units (CSS px at natural size).
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    /// One per lane of the graph, same order.
    pub lanes: Vec<LaneBox>,
    /// One per node of the graph, same order.
    pub nodes: Vec<NodeBox>,
    /// One per edge of the graph, same order.
    pub edges: Vec<EdgePath>,
    /// Crossings between adjacent columns after crossing reduction.
    pub crossings: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LaneBox {
    /// The whole band, including the title column at the left.
    pub rect: Rect,
    /// The title column.
    pub header: Rect,
    pub title_lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeBox {
    pub rect: Rect,
    pub title_lines: Vec<String>,
    /// The owner's name, on one or two lines.
    pub owner_lines: Vec<String>,
    /// The time limit, on one or two lines.
    pub limit_lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EdgePath {
    /// From the source node's border to the target node's border; empty for
    /// an edge whose ends are not nodes of the graph.
    pub points: Vec<Point>,
    /// The edge points backwards (it closes a cycle).
    pub back: bool,
    pub self_loop: bool,
    pub label: Option<LabelBox>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LabelBox {
    /// The box the text lines fill.
    pub rect: Rect,
    pub lines: Vec<String>,
    /// Part of the label is left out of the picture.
    pub truncated: bool,
    /// Text is aligned to the right end of the box (the edge leaves its
    /// source to the left).
    pub align_right: bool,
}

/// Cycle-breaking weight: how much an edge should read forwards.
fn weight(kind: EdgeKind, from_lane: usize, to_lane: usize) -> f32 {
    match kind {
        EdgeKind::Route if to_lane > from_lane => 5.0,
        EdgeKind::Route if to_lane == from_lane => 4.0,
        EdgeKind::Route => 3.0,
        EdgeKind::Escalation if to_lane > from_lane => 2.0,
        EdgeKind::Escalation if to_lane == from_lane => 1.0,
        // A case sent back down a level is the typical back edge.
        EdgeKind::Escalation => 0.5,
    }
}

/// The first phase's result: cycles broken and every node ranked.
struct Ranked {
    /// Each node's lane, clamped to the lanes there are.
    node_lane: Vec<usize>,
    /// A self-loop's edge and label per node: drawn above its node, they
    /// take no part in layering.
    loop_label: Vec<Option<(usize, LabelText)>>,
    /// The other edges between nodes of the graph (indices into its edges).
    regular: Vec<usize>,
    /// Per regular edge: reversed to break a cycle.
    back: Vec<bool>,
    /// Per regular edge, pointing forwards.
    dag: Vec<DagEdge>,
    /// Per node, its column before label columns are added.
    ranks: Vec<usize>,
}

/// 1. Breaks cycles (ties go to the lower level first) and ranks the nodes.
fn rank(graph: &Graph) -> Ranked {
    let n = graph.nodes.len();
    let lane_count = graph.lanes.len().max(1);
    let node_lane: Vec<usize> = graph.nodes.iter().map(|nd| nd.lane.min(lane_count - 1)).collect();
    let mut loop_label: Vec<Option<(usize, LabelText)>> = vec![None; n];
    let mut regular = Vec::new();
    for (i, e) in graph.edges.iter().enumerate() {
        if e.from >= n || e.to >= n {
            continue;
        }
        if e.from == e.to {
            let label = label_text(e.labels.first().map_or("", String::as_str), NODE_W - 4.0);
            loop_label[e.from] = Some((i, label));
        } else {
            regular.push(i);
        }
    }
    let weighted: Vec<acyclic::WeightedEdge> = regular
        .iter()
        .map(|&i| {
            let e = &graph.edges[i];
            acyclic::WeightedEdge {
                from: e.from,
                to: e.to,
                weight: weight(e.kind, node_lane[e.from], node_lane[e.to]),
            }
        })
        .collect();
    let back = acyclic::back_edges(n, &weighted, &node_lane);
    let dag: Vec<DagEdge> = weighted
        .iter()
        .zip(&back)
        .map(|(w, &b)| DagEdge {
            tail: if b { w.to } else { w.from },
            head: if b { w.from } else { w.to },
            weight: w.weight,
        })
        .collect();
    let ranks = layering::ranks(n, &dag);
    Ranked {
        node_lane,
        loop_label,
        regular,
        back,
        dag,
        ranks,
    }
}

/// How many ranks each edge of `graph` spans (0 for a self-loop or an edge
/// between unknown nodes; each rank is two columns, one of them for
/// labels), for deciding which to draw as connectors (`super::connectors`).
pub fn spans(graph: &Graph) -> Vec<usize> {
    let ranked = rank(graph);
    let mut spans = vec![0; graph.edges.len()];
    for (&e, d) in ranked.regular.iter().zip(&ranked.dag) {
        spans[e] = ranked.ranks[d.head].abs_diff(ranked.ranks[d.tail]);
    }
    spans
}

/// Lays out `graph`. Never fails: edges between unknown nodes get no path
/// and nodes of unknown lanes go to the last lane.
pub fn layout(graph: &Graph) -> Layout {
    let n = graph.nodes.len();
    let lane_count = graph.lanes.len().max(1);
    let texts: Vec<NodeText> = graph.nodes.iter().map(node_text).collect();
    let Ranked {
        node_lane,
        loop_label,
        regular,
        back,
        dag,
        ranks,
    } = rank(graph);

    // 2. The proper layered graph, ordered, with both lane policies.
    let heights: Vec<(f32, f32)> = (0..n)
        .map(|v| {
            let reserve = match &loop_label[v] {
                Some((_, l)) if l.h > 0.0 => LOOP_H + LABEL_GAP + l.h + 2.0,
                Some(_) => LOOP_H + 2.0,
                None => 0.0,
            };
            (reserve + texts[v].height, reserve)
        })
        .collect();
    let specs: Vec<ChainSpec> = regular
        .iter()
        .zip(dag.iter().zip(&back))
        .map(|(&i, (d, &b))| ChainSpec {
            edge: i,
            tail: d.tail,
            head: d.head,
            reversed: b,
            label: graph.edges[i].labels.first().map(|l| label_text(l, LABEL_MAX_W)),
        })
        .collect();
    let build = |policy| layering::build(&node_lane, &heights, &ranks, &specs, policy);
    let ordered = |mut proper: layering::Proper| {
        let crossings = ordering::order(&mut proper);
        (proper, crossings)
    };
    let first = build(LanePolicy::TargetAfterLabel);
    // A large graph keeps the first policy: the second doubles the most
    // expensive phase for a picture that is read through its outline. Smaller
    // ones try both, at once.
    let ((mut proper, mut crossings), other) = if ordering::is_large(&first) {
        (ordered(first), None)
    } else {
        let (a, b) = rayon::join(|| ordered(first), || ordered(build(LanePolicy::Source)));
        (a, Some(b))
    };
    if let Some(other) = other.filter(|o| o.1 < crossings) {
        (proper, crossings) = other;
    }
    // 3. Vertical positions, then ports slid to meet their edges.
    let ports = position::ports(&proper);

    let lane_titles: Vec<Vec<String>> = (0..lane_count)
        .map(|l| {
            graph
                .lanes
                .get(l)
                .map(|lane| lane_title(&lane.title).lines)
                .unwrap_or_default()
        })
        .collect();
    let lane_min_h: Vec<f32> = lane_titles
        .iter()
        .map(|t| t.len() as f32 * LANE_TITLE_LINE + 2.0 * LANE_PAD)
        .collect();
    let vertical = position::assign(&proper, &ports, &lane_min_h, MARGIN);
    let ports = position::slide_ports(&proper, &ports, &vertical);

    // 4. Column widths, channels and routes.
    let mut label_w = vec![0.0; proper.items.len()];
    for chain in &proper.chains {
        if let (Some(k), Some(t)) = (chain.label, &chain.label_text) {
            label_w[chain.items[k]] = t.w;
        }
    }
    let content_left = MARGIN + HEADER_W + CONTENT_PAD;
    let horizontal = routing::horizontal(&proper, &ports, &vertical, &label_w, content_left);
    let width = (horizontal.right + CONTENT_PAD + MARGIN).max(content_left + NODE_W + CONTENT_PAD + MARGIN);
    let height = vertical.lanes.last().map_or(MARGIN + EMPTY_LANE_H, |&(y, h)| y + h) + MARGIN;

    let geometry = Geometry {
        proper: &proper,
        ports: &ports,
        vertical: &vertical,
        horizontal: &horizontal,
    };
    let nodes = node_boxes(&geometry, &texts);
    let mut edges = edge_paths(graph, &geometry);
    for (v, entry) in loop_label.iter().enumerate() {
        if let Some((e, t)) = entry {
            edges[*e] = self_loop(&nodes[v].rect, t, graph.edges[*e].labels.len() > 1);
        }
    }
    Layout {
        width,
        height,
        lanes: lane_boxes(graph.lanes.len(), &vertical, &lane_titles, width),
        nodes,
        edges,
        crossings,
    }
}

/// The results of the phases, for building the output.
struct Geometry<'a> {
    proper: &'a layering::Proper,
    ports: &'a position::Ports,
    vertical: &'a position::Vertical,
    horizontal: &'a routing::Horizontal,
}

fn lane_boxes(count: usize, vertical: &position::Vertical, titles: &[Vec<String>], width: f32) -> Vec<LaneBox> {
    (0..count)
        .map(|l| {
            let (y, h) = vertical.lanes[l];
            LaneBox {
                rect: Rect {
                    x: MARGIN,
                    y,
                    w: width - 2.0 * MARGIN,
                    h,
                },
                header: Rect {
                    x: MARGIN,
                    y,
                    w: HEADER_W,
                    h,
                },
                title_lines: titles[l].clone(),
            }
        })
        .collect()
}

fn node_boxes(g: &Geometry, texts: &[NodeText]) -> Vec<NodeBox> {
    texts
        .iter()
        .enumerate()
        .map(|(v, text)| {
            let item = &g.proper.items[v];
            NodeBox {
                rect: Rect {
                    x: g.horizontal.layer_x[item.layer],
                    y: g.vertical.y[v] + item.box_top,
                    w: NODE_W,
                    h: text.height,
                },
                title_lines: text.title.lines.clone(),
                owner_lines: text.owner.clone(),
                limit_lines: text.limit.clone(),
            }
        })
        .collect()
}

/// The routes and labels of all edges but self-loops, source to target.
fn edge_paths(graph: &Graph, g: &Geometry) -> Vec<EdgePath> {
    let mut edges = vec![
        EdgePath {
            points: Vec::new(),
            back: false,
            self_loop: false,
            label: None,
        };
        graph.edges.len()
    ];
    for (c, chain) in g.proper.chains.iter().enumerate() {
        let mut points = routing::chain_path(g.proper, g.ports, g.vertical, g.horizontal, c);
        if chain.reversed {
            points.reverse();
        }
        let label = match (chain.label, &chain.label_text) {
            (Some(k), Some(t)) => {
                let item = chain.items[k];
                let l = g.proper.items[item].layer;
                let (lx, lw) = (g.horizontal.layer_x[l], g.horizontal.layer_w[l]);
                Some(LabelBox {
                    rect: Rect {
                        // Next to the source: a back edge leaves it to the left.
                        x: if chain.reversed { lx + lw - t.w } else { lx },
                        y: g.vertical.y[item],
                        w: t.w,
                        h: t.h,
                    },
                    lines: t.text.lines.clone(),
                    truncated: t.text.truncated || graph.edges[chain.edge].labels.len() > 1,
                    align_right: chain.reversed,
                })
            }
            _ => None,
        };
        edges[chain.edge] = EdgePath {
            points,
            back: chain.reversed,
            self_loop: false,
            label,
        };
    }
    edges
}

/// A small rectangular loop above the node's right end, its label above it.
fn self_loop(node: &Rect, label: &LabelText, more: bool) -> EdgePath {
    let (far, near) = (node.right() - LOOP_FAR, node.right() - LOOP_NEAR);
    let top = node.y - LOOP_H;
    let points = vec![
        Point { x: far, y: node.y },
        Point { x: far, y: top },
        Point { x: near, y: top },
        Point { x: near, y: node.y },
    ];
    let label = (!label.text.lines.is_empty()).then(|| LabelBox {
        rect: Rect {
            x: node.right() - label.w,
            y: top - LABEL_GAP - label.h,
            w: label.w,
            h: label.h,
        },
        lines: label.text.lines.clone(),
        truncated: label.text.truncated || more,
        align_right: true,
    });
    EdgePath {
        points,
        back: true,
        self_loop: true,
        label,
    }
}

impl Layout {
    /// Places where two edges cross, counted on the drawn routes (segments
    /// that merely touch at an end are not counted). For regression tests.
    pub fn path_crossings(&self) -> usize {
        let segments: Vec<Vec<(Point, Point)>> = self
            .edges
            .iter()
            .map(|e| e.points.windows(2).map(|w| (w[0], w[1])).collect())
            .collect();
        let mut count = 0;
        for a in 0..segments.len() {
            for b in a + 1..segments.len() {
                for s in &segments[a] {
                    for t in &segments[b] {
                        if crosses(*s, *t) {
                            count += 1;
                        }
                    }
                }
            }
        }
        count
    }
}

/// Whether a horizontal and a vertical segment cross in their interiors.
/// Routes are orthogonal, so other pairs are parallel and do not cross.
fn crosses(s: (Point, Point), t: (Point, Point)) -> bool {
    let horizontal = |(a, b): (Point, Point)| (a.y - b.y).abs() < 0.01;
    let (h, v) = match (horizontal(s), horizontal(t)) {
        (true, false) => (s, t),
        (false, true) => (t, s),
        _ => return false,
    };
    let (hx0, hx1) = (h.0.x.min(h.1.x), h.0.x.max(h.1.x));
    let (vy0, vy1) = (v.0.y.min(v.1.y), v.0.y.max(v.1.y));
    let eps = 0.01;
    v.0.x > hx0 + eps && v.0.x < hx1 - eps && h.0.y > vy0 + eps && h.0.y < vy1 - eps
}
