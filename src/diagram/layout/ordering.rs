//! Crossing reduction: the order of the items in each column.
//!
//! The layer-by-layer sweep of Sugiyama, Tagawa and Toda (1981) with the
//! barycenter heuristic, followed by the `transpose` step of Gansner et al.
//! (1993): alternate left-to-right and right-to-left sweeps, each sorting a
//! column by the mean position of its neighbours in the column before, then
//! swapping adjacent items while that removes crossings. The best order seen
//! is kept. Lanes are a hard constraint: a column is sorted within each lane
//! only, so lanes stay in their given order top to bottom. Crossings are
//! counted with the accumulator tree of Barth, Jünger and Mutzel (2002).
//!
//! Ties are broken by the current position, never by hashing, so the result
//! is deterministic.

use super::layering::Proper;

/// Sweeps over all columns; more rarely helps on graphs of this size.
const MAX_ITERATIONS: usize = 24;
/// Stop when this many sweeps in a row found nothing better.
const PATIENCE: usize = 6;
/// Different start orders to try; the best result wins. The first four
/// (searching left to right) did as well as all eight on the example
/// handbooks and the sample graphs.
const START_ORDERS: usize = 4;
/// Up to this many items (nodes, labels, dummies), all starts are tried.
const MULTI_START_ITEMS: usize = 2000;
/// Graphs with more items than this (many hundreds of procedures in one
/// region: a picture read through its outline and the procedure pages'
/// neighbourhoods) get fewer sweeps, so that laying them out takes time in
/// proportion to their size instead of dominating the build. A region of 200
/// procedures has about 3,000 items and keeps the full effort (20 ms). A
/// larger one is first drawn with off-page connectors for its long edges
/// (`diagram::connectors`, which uses this threshold too), so only a graph
/// still this large after that gets less effort: on the benchmark's 700
/// procedures drawn whole (127,000 items, most of them dummies of long
/// escalations), four sweeps with eight transpose passes each found no
/// fewer crossings than two with two, at three times the cost.
pub const LARGE_ITEMS: usize = 10_000;
const LARGE_MAX_ITERATIONS: usize = 2;
const LARGE_PATIENCE: usize = 1;
/// Passes of adjacent swaps after a sweep, at most.
const TRANSPOSES: usize = 8;
const LARGE_TRANSPOSES: usize = 2;

/// Whether `p` is too large for the full effort (see [`LARGE_ITEMS`]).
pub fn is_large(p: &Proper) -> bool {
    p.items.len() > LARGE_ITEMS
}

/// Orders every column of `p` in place and returns the number of crossings.
pub fn order(p: &mut Proper) -> usize {
    let mut best: Option<(usize, Vec<Vec<usize>>)> = None;
    // Large graphs get one start: the time goes up with every start while
    // the gain, relative to their many crossings, is small.
    let starts = if p.items.len() <= MULTI_START_ITEMS {
        START_ORDERS
    } else {
        1
    };
    for start in 0..starts {
        initial_order(p, start);
        let c = improve(p);
        if best.as_ref().is_none_or(|b| c < b.0) {
            best = Some((c, p.layers.clone()));
        }
        if c == 0 {
            break;
        }
    }
    match best {
        Some((c, layers)) => {
            p.layers = layers;
            c
        }
        None => 0,
    }
}

/// Sweeps and transposes from the current order; returns the crossings of
/// the best order seen, which is left in `p`.
fn improve(p: &mut Proper) -> usize {
    let mut pos = positions(p);
    let mut best = crossings(p, &pos);
    let mut best_layers = p.layers.clone();
    let mut since_best = 0;
    let (max_iterations, patience, max_transposes) = if is_large(p) {
        (LARGE_MAX_ITERATIONS, LARGE_PATIENCE, LARGE_TRANSPOSES)
    } else {
        (MAX_ITERATIONS, PATIENCE, TRANSPOSES)
    };
    for iteration in 0..max_iterations {
        if best == 0 || since_best >= patience {
            break;
        }
        let forward = iteration % 2 == 0;
        let count = p.layers.len();
        for step in 1..count {
            let l = if forward { step } else { count - 1 - step };
            reorder_layer(p, &mut pos, l, forward);
        }
        transpose(p, &mut pos, max_transposes);
        let c = crossings(p, &pos);
        if c < best {
            best = c;
            best_layers = p.layers.clone();
            since_best = 0;
        } else {
            since_best += 1;
        }
    }
    p.layers = best_layers;
    best
}

/// Depth-first discovery order from the nodes, the start used by Gansner et
/// al.: it places the items of one chain of edges near each other. Sweeps
/// from different starts end in different local optima, so start `k` varies
/// three choices, one per bit: roots taken in reverse index order; each
/// node's neighbours taken last first; searching right to left from the
/// last column instead of left to right.
fn initial_order(p: &mut Proper, k: usize) {
    let (reverse_roots, reverse_nbrs, leftwards) = (k & 1 != 0, k & 2 != 0, k & 4 != 0);
    let mut seen = vec![usize::MAX; p.items.len()];
    let mut counter = 0;
    let mut roots: Vec<usize> = (0..p.items.len()).filter(|&i| p.items[i].is_node()).collect();
    roots.sort_by_key(|&i| {
        let layer = p.items[i].layer;
        let layer = if leftwards { usize::MAX - layer } else { layer };
        let index = if reverse_roots { usize::MAX - i } else { i };
        (layer, index)
    });
    let mut stack = Vec::new();
    for root in roots {
        stack.push(root);
        while let Some(i) = stack.pop() {
            if seen[i] != usize::MAX {
                continue;
            }
            seen[i] = counter;
            counter += 1;
            let nbrs = if leftwards { &p.left[i] } else { &p.right[i] };
            // The stack pops the last pushed first.
            if reverse_nbrs {
                stack.extend(nbrs.iter().map(|&(j, _)| j));
            } else {
                stack.extend(nbrs.iter().rev().map(|&(j, _)| j));
            }
        }
    }
    for layer in &mut p.layers {
        layer.sort_by_key(|&i| (p.items[i].lane, seen[i], i));
    }
}

fn positions(p: &Proper) -> Vec<usize> {
    let mut pos = vec![0; p.items.len()];
    for layer in &p.layers {
        for (k, &i) in layer.iter().enumerate() {
            pos[i] = k;
        }
    }
    pos
}

/// Sorts column `l` by barycenter of the neighbours in the previous column
/// of the sweep, within each lane. Items without such neighbours keep their
/// slot.
fn reorder_layer(p: &mut Proper, pos: &mut [usize], l: usize, forward: bool) {
    let layer = &p.layers[l];
    let nbrs = if forward { &p.left } else { &p.right };
    let mut new_layer = layer.clone();
    let mut start = 0;
    while start < layer.len() {
        let lane = p.items[layer[start]].lane;
        let end = start + layer[start..].iter().take_while(|&&i| p.items[i].lane == lane).count();
        let mut movable: Vec<(f32, usize, usize)> = Vec::new();
        let mut slots = Vec::new();
        for (k, &i) in layer.iter().enumerate().take(end).skip(start) {
            let ns = &nbrs[i];
            if !ns.is_empty() {
                let sum: usize = ns.iter().map(|&(j, _)| pos[j]).sum();
                movable.push((sum as f32 / ns.len() as f32, k, i));
                slots.push(k);
            }
        }
        movable.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (slot, (_, _, i)) in slots.into_iter().zip(movable) {
            new_layer[slot] = i;
        }
        start = end;
    }
    for (k, &i) in new_layer.iter().enumerate() {
        pos[i] = k;
    }
    p.layers[l] = new_layer;
}

/// Crossings among the segments of `u` and `v` with both neighbouring
/// columns: (with u above v, with v above u), counted in one pass.
fn pair_crossings(p: &Proper, pos: &[usize], u: usize, v: usize) -> (usize, usize) {
    let (mut u_above, mut v_above) = (0, 0);
    for side in [&p.left, &p.right] {
        for &(a, _) in &side[u] {
            for &(b, _) in &side[v] {
                u_above += usize::from(pos[a] > pos[b]);
                v_above += usize::from(pos[b] > pos[a]);
            }
        }
    }
    (u_above, v_above)
}

/// Swaps adjacent items of one lane while that lowers the crossings.
fn transpose(p: &mut Proper, pos: &mut [usize], passes: usize) {
    // Whether a column swaps depends only on its order and that of its two
    // neighbours: a column that swapped nothing is visited again only after
    // one of those changed. Same result as visiting every column every pass,
    // at a fraction of the cost on large graphs.
    let mut stale = vec![true; p.layers.len()];
    for _ in 0..passes {
        let mut improved = false;
        for l in 0..p.layers.len() {
            if !std::mem::take(&mut stale[l]) {
                continue;
            }
            for k in 1..p.layers[l].len() {
                let (u, v) = (p.layers[l][k - 1], p.layers[l][k]);
                if p.items[u].lane != p.items[v].lane {
                    continue;
                }
                let (as_is, swapped) = pair_crossings(p, pos, u, v);
                if swapped < as_is {
                    p.layers[l].swap(k - 1, k);
                    pos[u] = k;
                    pos[v] = k - 1;
                    improved = true;
                    stale[l] = true;
                    stale[l.saturating_sub(1)] = true;
                    if let Some(next) = stale.get_mut(l + 1) {
                        *next = true;
                    }
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Total crossings between all pairs of adjacent columns.
pub fn crossings(p: &Proper, pos: &[usize]) -> usize {
    let mut total = 0;
    for l in 0..p.layers.len().saturating_sub(1) {
        let mut segments: Vec<(usize, usize)> = Vec::new();
        for &i in &p.layers[l] {
            for &(j, _) in &p.right[i] {
                segments.push((pos[i], pos[j]));
            }
        }
        segments.sort_unstable();
        total += inversions(&segments, p.layers[l + 1].len());
    }
    total
}

/// Pairs of segments (sorted by top end) whose bottom ends are in the
/// opposite order, counted with a Fenwick tree over bottom positions.
fn inversions(segments: &[(usize, usize)], width: usize) -> usize {
    let mut tree = vec![0usize; width + 1];
    let mut count = 0;
    for (seen, &(_, bottom)) in segments.iter().enumerate() {
        // Segments seen so far that end at or left of `bottom`.
        let mut at_or_left = 0;
        let mut k = bottom + 1;
        while k > 0 {
            at_or_left += tree[k];
            k &= k - 1;
        }
        count += seen - at_or_left;
        let mut k = bottom + 1;
        while k <= width {
            tree[k] += 1;
            k += k & k.wrapping_neg();
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inversions_counts_crossing_pairs() {
        assert_eq!(inversions(&[(0, 0), (1, 1)], 2), 0);
        assert_eq!(inversions(&[(0, 1), (1, 0)], 2), 1);
        // Segments sharing an end do not cross.
        assert_eq!(inversions(&[(0, 0), (0, 1), (1, 1)], 2), 0);
        assert_eq!(inversions(&[(0, 2), (1, 1), (2, 0)], 3), 3);
    }
}
