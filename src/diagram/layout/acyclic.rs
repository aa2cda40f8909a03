//! Cycle breaking: which edges to turn around so the graph has no cycles
//! and can be layered.
//!
//! This is the greedy heuristic of Eades, Lin and Smyth ("A fast and
//! effective heuristic for the feedback arc set problem", Information
//! Processing Letters 47, 1993), with edge weights: it builds a linear order
//! by repeatedly taking sinks to the back and sources to the front, and
//! otherwise the node whose outgoing weight most exceeds its incoming
//! weight. Edges that point backwards in that order are reversed. Weights
//! encode what should read forwards: route steps most, then escalations up a
//! level, and least an escalation that sends a case back down.
//!
//! The greedy order is then improved by sifting (Brandenburg and Hanauer,
//! "Sorting heuristics for the feedback arc set problem", 2011): each node in
//! turn moves to the place in the order where the weight of its backward
//! edges is least, until no move helps. Greedy choices early in the order
//! can otherwise turn a whole route around. Last, among orders with the
//! same backward weight, moves that shorten the longest path are taken: the
//! longest path is the number of columns, so this keeps the drawing narrow
//! when the weights cannot tell which of two procedures comes first.

/// An edge for cycle breaking; self-loops must be left out.
#[derive(Debug, Clone, Copy)]
pub struct WeightedEdge {
    pub from: usize,
    pub to: usize,
    pub weight: f32,
}

/// Graphs with more nodes than this (a region of many hundreds of
/// procedures, read through its outline rather than its picture) get two
/// sifting passes and no shortening: shortening tries every node of a
/// longest path at every neighbour's place, which on the benchmark's region
/// of 7,000 procedures took 2.4 of a build's 11.6 seconds, on one core.
const LARGE_NODES: usize = 400;
const SIFT_PASSES: usize = 8;
const LARGE_SIFT_PASSES: usize = 2;

/// For each edge, whether it points backwards and must be reversed.
pub fn back_edges(n: usize, edges: &[WeightedEdge], tie_key: &[usize]) -> Vec<bool> {
    let mut order = greedy_order(n, edges, tie_key);
    if n > LARGE_NODES {
        sift(n, edges, &mut order, LARGE_SIFT_PASSES);
    } else {
        sift(n, edges, &mut order, SIFT_PASSES);
        shorten(n, edges, &mut order);
    }
    let mut rank = vec![0usize; n];
    for (i, &v) in order.iter().enumerate() {
        rank[v] = i;
    }
    edges
        .iter()
        .map(|e| e.from < n && e.to < n && rank[e.from] > rank[e.to])
        .collect()
}

/// The nodes not yet placed in the order, with their degrees among each other.
struct Rest {
    alive: Vec<bool>,
    out_count: Vec<usize>,
    in_count: Vec<usize>,
    out_w: Vec<f32>,
    in_w: Vec<f32>,
}

impl Rest {
    fn remove(&mut self, v: usize, outs: &[Vec<(usize, f32)>], ins: &[Vec<(usize, f32)>]) {
        self.alive[v] = false;
        for &(u, w) in &outs[v] {
            if self.alive[u] {
                self.in_count[u] -= 1;
                self.in_w[u] -= w;
            }
        }
        for &(u, w) in &ins[v] {
            if self.alive[u] {
                self.out_count[u] -= 1;
                self.out_w[u] -= w;
            }
        }
    }
}

/// The Eades-Lin-Smyth order. `tie_key` breaks ties between equally good
/// candidates (lower first), then the node index does.
fn greedy_order(n: usize, edges: &[WeightedEdge], tie_key: &[usize]) -> Vec<usize> {
    let mut outs: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n];
    let mut ins: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n];
    let mut rest = Rest {
        alive: vec![true; n],
        out_count: vec![0; n],
        in_count: vec![0; n],
        out_w: vec![0.0; n],
        in_w: vec![0.0; n],
    };
    for e in edges.iter().filter(|e| e.from < n && e.to < n && e.from != e.to) {
        outs[e.from].push((e.to, e.weight));
        ins[e.to].push((e.from, e.weight));
        rest.out_count[e.from] += 1;
        rest.in_count[e.to] += 1;
        rest.out_w[e.from] += e.weight;
        rest.in_w[e.to] += e.weight;
    }
    let mut front = Vec::with_capacity(n);
    let mut back = Vec::new();
    let key = |v: usize| tie_key.get(v).copied().unwrap_or(0);
    loop {
        // Sinks go to the back and sources to the front until neither is
        // left; removing one can create another.
        loop {
            let mut progressed = false;
            for v in 0..n {
                if rest.alive[v] && rest.out_count[v] == 0 {
                    rest.remove(v, &outs, &ins);
                    back.push(v);
                    progressed = true;
                }
            }
            for v in 0..n {
                if rest.alive[v] && rest.in_count[v] == 0 {
                    rest.remove(v, &outs, &ins);
                    front.push(v);
                    progressed = true;
                }
            }
            if !progressed {
                break;
            }
        }
        let best = (0..n).filter(|&v| rest.alive[v]).max_by(|&a, &b| {
            let da = rest.out_w[a] - rest.in_w[a];
            let db = rest.out_w[b] - rest.in_w[b];
            // max_by keeps the last of equals, so reverse the tie order to
            // end up with the lowest key and index.
            da.total_cmp(&db).then_with(|| (key(b), b).cmp(&(key(a), a)))
        });
        match best {
            Some(v) => {
                rest.remove(v, &outs, &ins);
                front.push(v);
            }
            None => break,
        }
    }
    front.extend(back.into_iter().rev());
    front
}

/// Moves single nodes to their best place in `order` while that lowers the
/// total weight of backward edges. Each accepted move strictly lowers it, so
/// this ends; the cap of `passes` only bounds the time on large graphs.
///
/// The weight of a node's backward edges changes only where it passes a
/// neighbour, so only those places are tried, and positions are kept up to
/// date after a move instead of counted again for every node: linear in the
/// edges where trying every place was quadratic in the nodes (0.8 s of a
/// 7,000-procedure region's build). Same places, same sums, same result.
fn sift(n: usize, edges: &[WeightedEdge], order: &mut Vec<usize>, passes: usize) {
    let inc = Incidence::new(n, edges);
    let mut pos = vec![0usize; n];
    for (i, &u) in order.iter().enumerate() {
        pos[u] = i;
    }
    let mut nbrs: Vec<(usize, f32, bool)> = Vec::new();
    for _ in 0..passes {
        let mut improved = false;
        for v in 0..n {
            let from = pos[v];
            // Each neighbour's place among the other nodes: v at gap g sits
            // just before the g-th of them.
            nbrs.clear();
            nbrs.extend(
                inc.of(v)
                    .iter()
                    .map(|&(u, w, out)| (pos[u] - usize::from(pos[u] > from), w, out)),
            );
            nbrs.sort_by_key(|nb| nb.0);
            // At gap 0 every in-edge of v points backwards; moving v past a
            // neighbour flips that neighbour's edge.
            let start: f32 = nbrs.iter().filter(|nb| !nb.2).map(|nb| nb.1).sum();
            let flip = |cost: f32, nb: &(usize, f32, bool)| cost + if nb.2 { nb.1 } else { -nb.1 };
            let here = nbrs.iter().take_while(|nb| nb.0 < from).fold(start, flip);
            let (mut best, mut best_gap, mut cost, mut k) = (start, 0, start, 0);
            // The gaps where the cost may change: the first, and just past
            // each neighbour; between them it stays the same.
            let mut gap = 1;
            while gap < n {
                while k < nbrs.len() && nbrs[k].0 < gap {
                    cost = flip(cost, &nbrs[k]);
                    k += 1;
                }
                if cost < best - 1e-4 {
                    best = cost;
                    best_gap = gap;
                }
                match nbrs.get(k) {
                    Some(next) => gap = next.0 + 1,
                    None => break,
                }
            }
            if best < here - 1e-4 {
                order.remove(from);
                order.insert(best_gap, v);
                let (lo, hi) = (from.min(best_gap), from.max(best_gap));
                for (i, &u) in order.iter().enumerate().take(hi + 1).skip(lo) {
                    pos[u] = i;
                }
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
}

/// The edges around each node, for scoring orders without allocating.
struct Incidence {
    /// Per node, a range into `list`.
    start: Vec<usize>,
    /// (other node, weight, whether the edge leaves the node).
    list: Vec<(usize, f32, bool)>,
}

impl Incidence {
    fn new(n: usize, edges: &[WeightedEdge]) -> Incidence {
        let valid = || edges.iter().filter(|e| e.from < n && e.to < n && e.from != e.to);
        let mut count = vec![0usize; n + 1];
        for e in valid() {
            count[e.from + 1] += 1;
            count[e.to + 1] += 1;
        }
        for v in 0..n {
            count[v + 1] += count[v];
        }
        let mut fill = count.clone();
        let mut list = vec![(0, 0.0, false); count[n]];
        for e in valid() {
            list[fill[e.from]] = (e.to, e.weight, true);
            fill[e.from] += 1;
            list[fill[e.to]] = (e.from, e.weight, false);
            fill[e.to] += 1;
        }
        Incidence { start: count, list }
    }

    fn of(&self, v: usize) -> &[(usize, f32, bool)] {
        &self.list[self.start[v]..self.start[v + 1]]
    }
}

/// Scratch space for [`score`].
struct Scratch {
    pos: Vec<usize>,
    depth: Vec<usize>,
}

/// Total weight of the edges pointing backwards in `order`, and the number
/// of nodes on the longest path when every edge points forwards (backward
/// ones turned around). `depth` is left holding each node's place on it.
fn score(inc: &Incidence, order: &[usize], s: &mut Scratch) -> (f32, usize) {
    for (i, &v) in order.iter().enumerate() {
        s.pos[v] = i;
    }
    let mut back = 0.0;
    let mut longest = 0;
    // The order is a topological order once edges point forwards, so one
    // pass over it finds the longest paths.
    for &v in order {
        let mut d = 1;
        for &(u, w, out) in inc.of(v) {
            if s.pos[u] < s.pos[v] {
                d = d.max(s.depth[u] + 1);
                if out {
                    back += w;
                }
            }
        }
        s.depth[v] = d;
        longest = longest.max(d);
    }
    (back, longest)
}

/// Moves single nodes where that shortens the longest path without adding
/// backward weight. Only nodes on a longest path can shorten it, and they
/// are tried next to their neighbours.
fn shorten(n: usize, edges: &[WeightedEdge], order: &mut Vec<usize>) {
    let inc = Incidence::new(n, edges);
    let mut s = Scratch {
        pos: vec![0; n],
        depth: vec![0; n],
    };
    let mut current = score(&inc, order, &mut s);
    let mut candidate = Vec::with_capacity(n);
    for _ in 0..4 {
        let mut improved = false;
        // Nodes that start a longest path, found from the depths; the
        // critical nodes are those whose depth plus height is the length.
        let critical: Vec<usize> = {
            let mut height = vec![1usize; n];
            for &v in order.iter().rev() {
                for &(u, _, _) in inc.of(v) {
                    if s.pos[u] > s.pos[v] {
                        height[v] = height[v].max(height[u] + 1);
                    }
                }
            }
            (0..n).filter(|&v| s.depth[v] + height[v] - 1 == current.1).collect()
        };
        for v in critical {
            let from = s.pos[v];
            let mut gaps: Vec<usize> = vec![0];
            for &(u, _, _) in inc.of(v) {
                let p = if s.pos[u] > from { s.pos[u] - 1 } else { s.pos[u] };
                gaps.push(p);
                gaps.push(p + 1);
            }
            gaps.sort_unstable();
            gaps.dedup();
            for gap in gaps {
                if gap == from {
                    continue;
                }
                candidate.clear();
                candidate.extend(order.iter().copied().filter(|&u| u != v));
                candidate.insert(gap, v);
                let new = score(&inc, &candidate, &mut s);
                if new.0 <= current.0 + 1e-4 && new.1 < current.1 {
                    std::mem::swap(order, &mut candidate);
                    improved = true;
                    break;
                }
            }
            // Keep the scratch in step with `order` for the next node.
            current = score(&inc, order, &mut s);
        }
        if !improved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(from: usize, to: usize, weight: f32) -> WeightedEdge {
        WeightedEdge { from, to, weight }
    }

    /// Sifting as it was first written, trying every place and counting
    /// every position again for each node: the faster one must agree.
    fn sift_every_place(n: usize, edges: &[WeightedEdge], order: &mut Vec<usize>, passes: usize) {
        let inc = Incidence::new(n, edges);
        let mut pos = vec![0usize; n];
        for _ in 0..passes {
            let mut improved = false;
            for v in 0..n {
                for (i, &u) in order.iter().enumerate() {
                    pos[u] = i;
                }
                let from = pos[v];
                let mut nbrs: Vec<(usize, f32, bool)> = (inc.of(v).iter())
                    .map(|&(u, w, out)| (pos[u] - usize::from(pos[u] > from), w, out))
                    .collect();
                nbrs.sort_by_key(|nb| nb.0);
                let mut cost: f32 = nbrs.iter().filter(|nb| !nb.2).map(|nb| nb.1).sum();
                let (mut best, mut best_gap, mut here) = (cost, 0, cost);
                let mut k = 0;
                for gap in 1..n {
                    while k < nbrs.len() && nbrs[k].0 < gap {
                        cost += if nbrs[k].2 { nbrs[k].1 } else { -nbrs[k].1 };
                        k += 1;
                    }
                    if gap == from {
                        here = cost;
                    }
                    if cost < best - 1e-4 {
                        best = cost;
                        best_gap = gap;
                    }
                }
                if best < here - 1e-4 {
                    order.remove(from);
                    order.insert(best_gap, v);
                    improved = true;
                }
            }
            if !improved {
                break;
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn sifting_at_the_neighbours_places_only_finds_the_same_order(
            n in 2usize..40,
            raw in proptest::collection::vec((0usize..40, 0usize..40, 0u8..4), 0..120),
        ) {
            let weights = [0.5, 1.0, 2.0, 4.0];
            let edges: Vec<WeightedEdge> = (raw.iter())
                .map(|&(a, b, w)| e(a % n, b % n, weights[usize::from(w)]))
                .filter(|edge| edge.from != edge.to)
                .collect();
            let start = greedy_order(n, &edges, &[]);
            let (mut fast, mut slow) = (start.clone(), start);
            sift(n, &edges, &mut fast, SIFT_PASSES);
            sift_every_place(n, &edges, &mut slow, SIFT_PASSES);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn dag_keeps_all_edges() {
        let edges = [e(0, 1, 1.0), e(1, 2, 1.0), e(0, 2, 1.0)];
        assert_eq!(back_edges(3, &edges, &[]), vec![false, false, false]);
    }

    #[test]
    fn cycle_reverses_the_light_edge() {
        let edges = [e(0, 1, 4.0), e(1, 2, 4.0), e(2, 0, 0.5)];
        assert_eq!(back_edges(3, &edges, &[]), vec![false, false, true]);
    }

    #[test]
    fn sifting_repairs_a_greedy_mistake() {
        // 0 -> 1 -> 2 -> 3 is a heavy route; 3 -> 1 and 2 -> 0 light returns.
        let edges = [e(0, 1, 4.0), e(1, 2, 4.0), e(2, 3, 4.0), e(3, 1, 0.5), e(2, 0, 0.5)];
        assert_eq!(back_edges(4, &edges, &[]), vec![false, false, false, true, true]);
    }

    #[test]
    fn ties_go_to_the_shorter_drawing() {
        // 0 <-> 1 with equal weights; 0 -> 2 -> 3 and 1 -> 3. With 1 first
        // the longest path is 1, 0, 2, 3; with 0 first only three nodes.
        let edges = [e(0, 1, 1.0), e(1, 0, 1.0), e(0, 2, 4.0), e(2, 3, 4.0), e(1, 3, 4.0)];
        let mut order = vec![1, 0, 2, 3];
        let inc = Incidence::new(4, &edges);
        let mut s = Scratch {
            pos: vec![0; 4],
            depth: vec![0; 4],
        };
        assert_eq!(score(&inc, &order, &mut s), (1.0, 4));
        shorten(4, &edges, &mut order);
        assert_eq!(score(&inc, &order, &mut s), (1.0, 3));
    }

    #[test]
    fn result_is_acyclic() {
        // Every pair in both directions: exactly one of each pair reversed.
        let mut edges = Vec::new();
        for a in 0..5 {
            for b in 0..5 {
                if a != b {
                    edges.push(e(a, b, 1.0));
                }
            }
        }
        let back = back_edges(5, &edges, &[]);
        assert_eq!(back.iter().filter(|&&b| b).count(), 10);
    }
}
