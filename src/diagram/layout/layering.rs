//! Layer assignment and the proper layered graph.
//!
//! Ranks come from a longest-path layering of the acyclic graph, then a
//! node-promotion pass that moves each node to the end of its feasible
//! range its edges pull it to (the objective of Gansner et al.'s network
//! simplex, total weighted edge length, improved greedily until no move
//! helps).
//!
//! Every rank is then doubled: node ranks become even columns and the odd
//! columns between them hold edge labels. As in `dot`, a label is an item of
//! the layered graph, so ordering and positioning give it room of its own
//! and it can never overlap a node or another label. Edges spanning more
//! than one column get dummy items, which makes the layered graph proper:
//! every segment joins two adjacent columns.

use super::metrics::{self, LabelText};

/// An edge of the acyclic graph, tail to head (reversed edges already
/// turned around).
#[derive(Debug, Clone, Copy)]
pub struct DagEdge {
    pub tail: usize,
    pub head: usize,
    pub weight: f32,
}

/// Ranks from longest path, improved by promotion; the lowest is 0.
pub fn ranks(n: usize, edges: &[DagEdge]) -> Vec<usize> {
    let mut preds: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for e in edges {
        preds[e.head].push((e.tail, e.weight));
        succs[e.tail].push((e.head, e.weight));
        indegree[e.head] += 1;
    }
    // Kahn's algorithm in index order, so equal inputs give equal ranks.
    let mut rank = vec![0i64; n];
    let mut ready: std::collections::BTreeSet<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    while let Some(v) = ready.pop_first() {
        for &(h, _) in &succs[v] {
            rank[h] = rank[h].max(rank[v] + 1);
            indegree[h] -= 1;
            if indegree[h] == 0 {
                ready.insert(h);
            }
        }
    }
    let max_rank = rank.iter().copied().max().unwrap_or(0);
    // Promotion: the weighted length of v's edges is linear in rank[v], so
    // the best rank is an end of the feasible range. Every move strictly
    // shortens the total, so this terminates; the cap is a safety net.
    for _ in 0..64 {
        let mut moved = false;
        for v in 0..n {
            let w_in: f32 = preds[v].iter().map(|p| p.1).sum();
            let w_out: f32 = succs[v].iter().map(|s| s.1).sum();
            let lo = preds[v].iter().map(|&(p, _)| rank[p] + 1).max().unwrap_or(0);
            let hi = succs[v].iter().map(|&(s, _)| rank[s] - 1).min().unwrap_or(max_rank);
            let target = if w_in > w_out {
                lo
            } else if w_out > w_in {
                hi
            } else {
                rank[v]
            };
            if target != rank[v] && lo <= hi {
                rank[v] = target.clamp(lo, hi);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let min = rank.iter().copied().min().unwrap_or(0);
    rank.iter().map(|&r| usize::try_from(r - min).unwrap_or(0)).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Node(usize),
    /// The label of an edge.
    Label(usize),
    /// A point an edge passes through.
    Dummy,
}

/// One element of a column: a node, an edge label or a dummy.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: ItemKind,
    pub lane: usize,
    pub layer: usize,
    /// Height of the room the item takes in its column.
    pub h: f32,
    /// For labels and dummies: where the edge line runs, from the top.
    pub port: f32,
    /// For nodes: where the box starts, from the top (room for a self-loop
    /// and its label above it).
    pub box_top: f32,
}

impl Item {
    pub fn is_node(&self) -> bool {
        matches!(self.kind, ItemKind::Node(_))
    }
}

/// An edge of the graph as a path of items, one per column, tail to head.
#[derive(Debug, Clone)]
pub struct Chain {
    pub edge: usize,
    pub items: Vec<usize>,
    /// Drawn from head to tail: the edge points backwards.
    pub reversed: bool,
    /// Index into `items` of the label item, if the edge has a label.
    pub label: Option<usize>,
    pub label_text: Option<LabelText>,
}

/// The proper layered graph. Items `0..n` are the nodes.
#[derive(Debug, Clone)]
pub struct Proper {
    pub items: Vec<Item>,
    /// Item ids per column, in order; items of one lane are contiguous and
    /// lanes come in order.
    pub layers: Vec<Vec<usize>>,
    pub chains: Vec<Chain>,
    /// Per item: (neighbour in the previous column, chain).
    pub left: Vec<Vec<(usize, usize)>>,
    /// Per item: (neighbour in the next column, chain).
    pub right: Vec<Vec<(usize, usize)>>,
}

/// Which lane the items of an edge between two lanes go in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanePolicy {
    /// The label in the source's lane, the rest in the target's: the edge
    /// changes level right after its label.
    TargetAfterLabel,
    /// Everything in the source's lane: the edge changes level just before
    /// its target.
    Source,
}

/// What [`build`] needs of one non-loop edge.
pub struct ChainSpec {
    pub edge: usize,
    pub tail: usize,
    pub head: usize,
    pub reversed: bool,
    pub label: Option<LabelText>,
}

/// Builds the proper layered graph: nodes in even columns, a label or dummy
/// in each column an edge passes. An edge's label sits in the column next to
/// the node it leaves, in that node's lane, so an edge reads "leave here,
/// when ...". Where the rest of it runs is the `policy`: neither is best for
/// every graph, so the layout tries both.
pub fn build(
    node_lanes: &[usize],
    node_heights: &[(f32, f32)],
    ranks: &[usize],
    specs: &[ChainSpec],
    policy: LanePolicy,
) -> Proper {
    let n = node_lanes.len();
    let mut items: Vec<Item> = (0..n)
        .map(|v| Item {
            kind: ItemKind::Node(v),
            lane: node_lanes[v],
            layer: 2 * ranks[v],
            h: node_heights[v].0,
            port: 0.0,
            box_top: node_heights[v].1,
        })
        .collect();
    let mut chains = Vec::with_capacity(specs.len());
    for spec in specs {
        let (t, h) = (spec.tail, spec.head);
        let (first, last) = (2 * ranks[t] + 1, 2 * ranks[h]);
        let (source_lane, target_lane) = if spec.reversed {
            (node_lanes[h], node_lanes[t])
        } else {
            (node_lanes[t], node_lanes[h])
        };
        let label_layer = if spec.reversed { last - 1 } else { first };
        let mut chain_items = vec![t];
        let mut label = None;
        for layer in first..last {
            let is_label = layer == label_layer && spec.label.is_some();
            let (kind, hgt) = match (&spec.label, is_label) {
                (Some(l), true) => (ItemKind::Label(spec.edge), l.h + metrics::LABEL_GAP),
                _ => (ItemKind::Dummy, 0.0),
            };
            if is_label {
                label = Some(chain_items.len());
            }
            let past_label = if spec.reversed {
                layer < label_layer
            } else {
                layer > label_layer
            };
            let lane = if past_label && policy == LanePolicy::TargetAfterLabel {
                target_lane
            } else {
                source_lane
            };
            chain_items.push(items.len());
            items.push(Item {
                kind,
                lane,
                layer,
                h: hgt,
                port: hgt,
                box_top: 0.0,
            });
        }
        chain_items.push(h);
        chains.push(Chain {
            edge: spec.edge,
            items: chain_items,
            reversed: spec.reversed,
            label,
            label_text: spec.label.clone(),
        });
    }
    let layer_count = items.iter().map(|i| i.layer + 1).max().unwrap_or(0);
    let mut layers = vec![Vec::new(); layer_count];
    for (id, item) in items.iter().enumerate() {
        layers[item.layer].push(id);
    }
    let mut left = vec![Vec::new(); items.len()];
    let mut right = vec![Vec::new(); items.len()];
    for (c, chain) in chains.iter().enumerate() {
        for pair in chain.items.windows(2) {
            right[pair[0]].push((pair[1], c));
            left[pair[1]].push((pair[0], c));
        }
    }
    Proper {
        items,
        layers,
        chains,
        left,
        right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(tail: usize, head: usize) -> DagEdge {
        DagEdge {
            tail,
            head,
            weight: 1.0,
        }
    }

    #[test]
    fn chain_is_ranked_in_order() {
        assert_eq!(ranks(3, &[e(0, 1), e(1, 2)]), vec![0, 1, 2]);
    }

    #[test]
    fn source_is_pulled_to_its_successor() {
        // 3 -> 2 would be length 2 under plain longest path.
        assert_eq!(ranks(4, &[e(0, 1), e(1, 2), e(3, 2)]), vec![0, 1, 2, 1]);
    }
}
