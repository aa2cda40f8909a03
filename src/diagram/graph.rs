//! The care-route graph the diagram draws: lanes (levels), nodes
//! (procedures) and edges (route steps and escalations), independent of the
//! model so that tests and other pages can build one by hand.

use std::collections::BTreeMap;

use crate::i18n::Lang;
use crate::model::{Level, Region, Route, Step};
use crate::values::{Duration, TimeUnit};

/// A diagram's content. Node `i` of a graph made by [`from_region`] is
/// procedure `i` of the region (`ProcIx::get()`).
#[derive(Debug, Clone, Default, PartialEq, Hash)]
pub struct Graph {
    pub lanes: Vec<Lane>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// A horizontal band of the diagram: one level of the care route.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Lane {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Node {
    /// The procedure id.
    pub key: String,
    pub title: String,
    /// The owner's name.
    pub owner: Option<String>,
    /// The procedure's total time limit as text, e.g. `6 weken`.
    pub limit: Option<String>,
    /// Index into [`Graph::lanes`].
    pub lane: usize,
    /// Where the node links to, as given by the caller.
    pub href: String,
    /// Set on an off-page connector, which stands for another node
    /// ([`super::connectors`]); `None` on a procedure.
    pub connector: Option<Connector>,
}

/// What an off-page connector stands for: the far end of a long edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Connector {
    /// The node at the far end, which the connector names and links to.
    pub far: usize,
    /// The edge leaves towards `far` (else it comes from `far`).
    pub outgoing: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// Consecutive steps of a route: the main path.
    Route,
    /// An `escalates_to` of a procedure.
    Escalation,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// The conditions to move on, distinct, in the order met: route steps
    /// first, then escalations. Several routes and escalations can join the
    /// same two procedures; the picture shows the first condition, the
    /// edge's title and the text alternative all of them.
    pub labels: Vec<String>,
    pub kind: EdgeKind,
}

impl Graph {
    /// The index of the node with procedure id `key`.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.key == key)
    }

    /// The index of the edge from `from` to `to`.
    pub fn find_edge(&self, from: usize, to: usize) -> Option<usize> {
        self.edges.iter().position(|e| e.from == from && e.to == to)
    }

    /// The edges that draw the connection from `from` to `to`: the edge
    /// itself, or both halves of it through off-page connectors
    /// ([`super::connectors`]); empty when there is none.
    pub fn drawn_edges(&self, from: usize, to: usize) -> Vec<usize> {
        if let Some(e) = self.find_edge(from, to) {
            return vec![e];
        }
        let stands_for = |v: usize, far: usize, outgoing: bool| {
            self.nodes.get(v).and_then(|n| n.connector) == Some(Connector { far, outgoing })
        };
        (0..self.edges.len())
            .filter(|&e| {
                let edge = &self.edges[e];
                (edge.from == from && stands_for(edge.to, to, true))
                    || (edge.to == to && stands_for(edge.from, from, false))
            })
            .collect()
    }

    /// Adds an edge, merging it into an existing one between the same two
    /// nodes: a route beats an escalation (it is the main path) and distinct
    /// conditions are all kept.
    pub fn add_edge(&mut self, from: usize, to: usize, label: Option<&str>, kind: EdgeKind) {
        let label = label.map(str::trim).filter(|l| !l.is_empty());
        let i = match self.find_edge(from, to) {
            Some(i) => i,
            None => {
                self.edges.push(Edge {
                    from,
                    to,
                    labels: Vec::new(),
                    kind,
                });
                self.edges.len() - 1
            }
        };
        let edge = &mut self.edges[i];
        edge.kind = edge.kind.min(kind);
        if let Some(new) = label {
            if !edge.labels.iter().any(|l| l == new) {
                edge.labels.push(new.to_string());
            }
        }
    }
}

/// The graph of a whole region: one node per procedure in
/// `region.procedures` order (lane = its level), an edge for every two
/// consecutive steps of a route (labelled with the earlier step's `when`)
/// and for every `escalates_to` (labelled with its `when`). `href` maps a
/// procedure id to the link a node gets.
pub fn from_region(region: &Region, levels: &[Level], lang: Lang, href: impl Fn(&str) -> String) -> Graph {
    let mut graph = Graph {
        lanes: levels
            .iter()
            .map(|l| Lane {
                id: l.id.clone(),
                title: l.name.clone(),
            })
            .collect(),
        nodes: region
            .procedures
            .iter()
            .map(|p| Node {
                key: p.meta.id.clone(),
                title: p.title.clone(),
                owner: p.owner.map(|o| region.actor(o).name.clone()),
                limit: total_time(&p.steps, lang),
                lane: p.level,
                href: href(&p.meta.id),
                connector: None,
            })
            .collect(),
        edges: Vec::new(),
    };
    for route in &region.routes {
        for pair in route.steps.windows(2) {
            graph.add_edge(
                pair[0].procedure.get(),
                pair[1].procedure.get(),
                pair[0].when.as_deref(),
                EdgeKind::Route,
            );
        }
    }
    for (i, p) in region.procedures.iter().enumerate() {
        for esc in &p.escalates_to {
            graph.add_edge(i, esc.other.get(), esc.when.as_deref(), EdgeKind::Escalation);
        }
    }
    graph
}

/// The node indices of a route's steps, in order, for [`super::Highlight::route`].
pub fn route_nodes(route: &Route) -> Vec<usize> {
    route.steps.iter().map(|s| s.procedure.get()).collect()
}

/// The sum of the steps' time limits. Units are only added up where that is
/// exact (a week is five working days, a year twelve months); the rest is
/// listed with `+`, e.g. `8 weken + 3 maanden`, because a rounded total would
/// be a promise the handbook does not make.
pub fn total_time(steps: &[Step], lang: Lang) -> Option<String> {
    // Per family, the total in its smallest unit.
    let mut totals: BTreeMap<u8, u64> = BTreeMap::new();
    for d in steps.iter().filter_map(|s| s.within) {
        let (family, factor) = family(d.unit);
        *totals.entry(family).or_default() += u64::from(d.amount) * factor;
    }
    let parts: Vec<String> = totals
        .into_iter()
        .filter(|&(_, total)| total > 0)
        .map(|(family, total)| express(family, total).display(lang))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" + "))
}

/// (family, size in the family's smallest unit). Families are ordered from
/// short to long so the sum reads from small to big parts.
fn family(unit: TimeUnit) -> (u8, u64) {
    match unit {
        TimeUnit::Hour => (0, 1),
        TimeUnit::Day => (1, 1),
        TimeUnit::WorkingDay => (2, 1),
        TimeUnit::Week => (2, 5),
        TimeUnit::SchoolDay => (3, 1),
        TimeUnit::SchoolWeek => (3, 5),
        TimeUnit::Month => (4, 1),
        TimeUnit::Year => (4, 12),
    }
}

/// A family's total in its largest unit that divides it exactly.
fn express(family: u8, total: u64) -> Duration {
    let (small, big, factor) = match family {
        0 => (TimeUnit::Hour, TimeUnit::Hour, 1),
        1 => (TimeUnit::Day, TimeUnit::Day, 1),
        2 => (TimeUnit::WorkingDay, TimeUnit::Week, 5),
        3 => (TimeUnit::SchoolDay, TimeUnit::SchoolWeek, 5),
        _ => (TimeUnit::Month, TimeUnit::Year, 12),
    };
    let amount = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    if factor > 1 && total % factor == 0 {
        Duration {
            amount: amount(total / factor),
            unit: big,
        }
    } else {
        Duration {
            amount: amount(total),
            unit: small,
        }
    }
}

/// The edges at each node of a graph: indices into its edges, in their
/// order. A procedure page's neighbourhood is cut out with it instead of
/// scanning the whole route's edges for each of its procedures (7,000
/// procedures, 14,000 edges: a quadratic tenth of a build).
pub struct Incidence(Vec<Vec<usize>>);

impl Incidence {
    pub fn of(graph: &Graph) -> Incidence {
        let mut at: Vec<Vec<usize>> = vec![Vec::new(); graph.nodes.len()];
        for (i, e) in graph.edges.iter().enumerate() {
            let ends = [Some(e.from), (e.to != e.from).then_some(e.to)];
            for end in ends.into_iter().flatten() {
                if let Some(edges) = at.get_mut(end) {
                    edges.push(i);
                }
            }
        }
        Incidence(at)
    }

    /// The edges of `graph` (the graph this was made of) at `node`, either
    /// end, in its order.
    pub fn touching<'g>(&'g self, graph: &'g Graph, node: usize) -> impl Iterator<Item = &'g Edge> + 'g {
        (self.0.get(node).map_or(&[][..], Vec::as_slice).iter()).map(|&i| &graph.edges[i])
    }

    /// The edges of `graph` (the graph this was made of) that leave `node`, in its order.
    pub fn leaving<'g>(&'g self, graph: &'g Graph, node: usize) -> impl Iterator<Item = &'g Edge> + 'g {
        self.touching(graph, node).filter(move |e| e.from == node)
    }
}

/// A procedure and everything one hop away (what escalates to it and where
/// it escalates to), for a procedure page. All lanes are kept so the reader
/// sees at which level it sits. Returns the graph and the focus node's index
/// in it; only edges that touch the focus are kept. `incidence` is the
/// graph's ([`Incidence::of`]).
pub fn neighbourhood(graph: &Graph, incidence: &Incidence, node: usize) -> (Graph, usize) {
    let touching: Vec<&Edge> = incidence.touching(graph, node).collect();
    let mut keep: Vec<usize> = vec![node];
    keep.extend(touching.iter().map(|e| if e.from == node { e.to } else { e.from }));
    keep.retain(|&i| i < graph.nodes.len());
    keep.sort_unstable();
    keep.dedup();
    let new_index = |old: usize| keep.binary_search(&old).ok();
    let nodes = keep.iter().map(|&i| graph.nodes[i].clone()).collect();
    let edges = (touching.into_iter())
        .filter_map(|e| {
            Some(Edge {
                from: new_index(e.from)?,
                to: new_index(e.to)?,
                ..e.clone()
            })
        })
        .collect();
    let focus = new_index(node).unwrap_or(0);
    (
        Graph {
            lanes: graph.lanes.clone(),
            nodes,
            edges,
        },
        focus,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(within: Option<&str>) -> Step {
        Step {
            number: 1,
            title: "x".into(),
            actor: None,
            within: within.and_then(Duration::parse),
            output: None,
            description: None,
        }
    }

    #[test]
    fn total_time_adds_exactly() {
        let steps = [
            step(Some("10 werkdagen")),
            step(Some("5 werkdagen")),
            step(Some("3 weken")),
            step(Some("10 werkdagen")),
            step(Some("3 maanden")),
            step(None),
        ];
        assert_eq!(total_time(&steps, Lang::Nl).as_deref(), Some("8 weken + 3 maanden"));
        assert_eq!(total_time(&steps[..2], Lang::Nl).as_deref(), Some("3 weken"));
        assert_eq!(
            total_time(&[step(Some("24 uur")), step(Some("2 werkdagen"))], Lang::En).as_deref(),
            Some("24 hours + 2 working days")
        );
        assert_eq!(total_time(&[step(None)], Lang::Nl), None);
    }

    fn node(key: &str, lane: usize) -> Node {
        Node {
            key: key.into(),
            title: key.into(),
            owner: None,
            limit: None,
            lane,
            href: format!("{key}/"),
            connector: None,
        }
    }

    #[test]
    fn edges_are_merged() {
        let mut g = Graph {
            lanes: vec![],
            nodes: vec![node("a", 0), node("b", 0)],
            edges: vec![],
        };
        g.add_edge(0, 1, Some("als x"), EdgeKind::Escalation);
        g.add_edge(0, 1, Some("als y"), EdgeKind::Route);
        g.add_edge(0, 1, Some("als x"), EdgeKind::Escalation);
        g.add_edge(1, 1, None, EdgeKind::Escalation);
        assert_eq!(g.edges.len(), 2);
        assert_eq!(g.edges[0].labels, ["als x", "als y"]);
        assert_eq!(g.edges[0].kind, EdgeKind::Route);
    }

    #[test]
    fn neighbourhood_keeps_one_hop() {
        let mut g = Graph {
            lanes: vec![],
            nodes: ["a", "b", "c", "d"].iter().map(|k| node(k, 0)).collect(),
            edges: vec![],
        };
        g.add_edge(0, 1, None, EdgeKind::Route);
        g.add_edge(1, 2, None, EdgeKind::Route);
        g.add_edge(2, 3, None, EdgeKind::Route);
        g.add_edge(2, 1, None, EdgeKind::Escalation);
        let (n, focus) = neighbourhood(&g, &Incidence::of(&g), 2);
        assert_eq!(
            n.nodes.iter().map(|n| n.key.as_str()).collect::<Vec<_>>(),
            ["b", "c", "d"]
        );
        assert_eq!(focus, 1);
        assert_eq!(n.edges.len(), 3);
    }
}
