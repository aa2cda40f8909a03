//! Vertical coordinates: where each item sits in its column.
//!
//! Lanes are bands stacked top to bottom; each is as tall as its fullest
//! column. Inside the bands, items are placed with the priority method of
//! Sugiyama, Tagawa and Toda (1981): sweeping over the columns, each item is
//! moved towards the position that makes its edges straight, items of higher
//! priority first, and a lower-priority item is pushed aside but never a
//! higher one. Edge items (labels and dummies) have the highest priority, as
//! in the paper, so long edges run straight; each follows the neighbour on
//! the side of the edge's source, so an edge leaves its source horizontally
//! and bends only near its target. Nodes move to the mean of their edges.

use super::layering::{ItemKind, Proper};
use super::metrics::{EMPTY_LANE_H, LANE_PAD, PORT_STEP, SEP_LINE, SEP_MIXED, SEP_NODE};

const SWEEPS: usize = 12;
/// Sweeps for a graph with more items than [`super::ordering::is_large`] allows.
const LARGE_SWEEPS: usize = 2;

/// Where each edge meets its end nodes, as offsets from the node item's top.
#[derive(Debug, Clone)]
pub struct Ports {
    pub tail: Vec<f32>,
    pub head: Vec<f32>,
}

/// Spreads the edges on each side of a node over its height, in the order of
/// the items they lead to, so that they do not cross next to the node.
pub fn ports(p: &Proper) -> Ports {
    let mut pos = vec![0usize; p.items.len()];
    for layer in &p.layers {
        for (k, &i) in layer.iter().enumerate() {
            pos[i] = k;
        }
    }
    let mut tail = vec![0.0; p.chains.len()];
    let mut head = vec![0.0; p.chains.len()];
    for (v, item) in p.items.iter().enumerate() {
        if !item.is_node() {
            continue;
        }
        let box_h = item.h - item.box_top;
        for (side, out) in [(&p.right[v], &mut tail), (&p.left[v], &mut head)] {
            let mut attached: Vec<(usize, usize)> = side.iter().map(|&(nbr, c)| (pos[nbr], c)).collect();
            attached.sort_unstable();
            let k = attached.len() as f32;
            let step = (box_h / (k + 1.0)).min(PORT_STEP);
            for (i, &(_, c)) in attached.iter().enumerate() {
                out[c] = item.box_top + box_h / 2.0 + (i as f32 - (k - 1.0) / 2.0) * step;
            }
        }
    }
    Ports { tail, head }
}

/// Smallest distance between two ports on one side of a node.
const PORT_GAP: f32 = 10.0;
/// Distance of a port from the corners of its node (clear of the step badge
/// on the top left corner).
const PORT_INSET: f32 = 12.0;

/// Once items are placed, lets each port slide along its side of the node
/// to the height of the edge it meets, keeping their order and some room
/// between them: an edge that arrives anywhere along a node's side then
/// runs straight in, instead of jogging a few pixels just before it.
pub fn slide_ports(p: &Proper, ports: &Ports, v: &Vertical) -> Ports {
    let mut out = ports.clone();
    for (n, item) in p.items.iter().enumerate() {
        if !item.is_node() {
            continue;
        }
        let (lo, hi) = (item.box_top + PORT_INSET, item.h - PORT_INSET);
        for (side, offsets) in [(&p.right[n], &mut out.tail), (&p.left[n], &mut out.head)] {
            let mut attached: Vec<(f32, usize, f32)> = side
                .iter()
                .map(|&(nbr, c)| (offsets[c], c, v.port_y(p, ports, nbr, c) - v.y[n]))
                .collect();
            let k = attached.len();
            if k == 0 || (k - 1) as f32 * PORT_GAP > hi - lo {
                continue;
            }
            attached.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut wanted: Vec<f32> = attached.iter().map(|a| a.2.clamp(lo, hi)).collect();
            // Keep order and room: push down, then up, then down again
            // (the first two passes can only conflict at the band's ends).
            for i in 1..k {
                wanted[i] = wanted[i].max(wanted[i - 1] + PORT_GAP);
            }
            wanted[k - 1] = wanted[k - 1].min(hi);
            for i in (0..k - 1).rev() {
                wanted[i] = wanted[i].min(wanted[i + 1] - PORT_GAP);
            }
            wanted[0] = wanted[0].max(lo);
            for i in 1..k {
                wanted[i] = wanted[i].max(wanted[i - 1] + PORT_GAP);
            }
            for (a, w) in attached.iter().zip(wanted) {
                offsets[a.1] = w;
            }
        }
    }
    out
}

/// Vertical positions of the items and the lanes.
#[derive(Debug, Clone)]
pub struct Vertical {
    /// Top of each item.
    pub y: Vec<f32>,
    /// Top and height of each lane.
    pub lanes: Vec<(f32, f32)>,
}

impl Vertical {
    /// The y of the edge line of chain `c` where it meets `item`.
    pub fn port_y(&self, p: &Proper, ports: &Ports, item: usize, c: usize) -> f32 {
        let it = &p.items[item];
        let offset = if !it.is_node() {
            it.port
        } else if p.chains[c].items.first() == Some(&item) {
            ports.tail[c]
        } else {
            ports.head[c]
        };
        self.y[item] + offset
    }
}

/// The room between two items one above the other in a column.
fn sep(p: &Proper, a: usize, b: usize) -> f32 {
    match (p.items[a].is_node(), p.items[b].is_node()) {
        (true, true) => SEP_NODE,
        (false, false) => SEP_LINE,
        _ => SEP_MIXED,
    }
}

/// The runs of one lane in a column: (lane, start, end) in the column vector.
fn lane_groups(p: &Proper, layer: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut groups = Vec::new();
    let mut start = 0;
    while start < layer.len() {
        let lane = p.items[layer[start]].lane;
        let len = layer[start..].iter().take_while(|&&i| p.items[i].lane == lane).count();
        groups.push((lane, start, start + len));
        start += len;
    }
    groups
}

fn stack_height(p: &Proper, group: &[usize]) -> f32 {
    let items: f32 = group.iter().map(|&i| p.items[i].h).sum();
    let seps: f32 = group.windows(2).map(|w| sep(p, w[0], w[1])).sum();
    items + seps
}

/// Places every item. `lane_min_h` is the height each lane needs for its
/// title; lanes start at `top`.
pub fn assign(p: &Proper, ports: &Ports, lane_min_h: &[f32], top: f32) -> Vertical {
    let lane_count = lane_min_h.len();
    let mut content = vec![0.0f32; lane_count];
    let mut occupied = vec![false; lane_count];
    for layer in &p.layers {
        for (lane, s, e) in lane_groups(p, layer) {
            content[lane] = content[lane].max(stack_height(p, &layer[s..e]));
            occupied[lane] = true;
        }
    }
    let mut lanes = Vec::with_capacity(lane_count);
    let mut y0 = top;
    for lane in 0..lane_count {
        let mut h = lane_min_h[lane].max(EMPTY_LANE_H);
        if occupied[lane] {
            h = h.max(content[lane] + 2.0 * LANE_PAD);
        }
        lanes.push((y0, h));
        y0 += h;
    }

    let bands: Vec<(f32, f32)> = lanes
        .iter()
        .map(|&(top, h)| (top + LANE_PAD, top + h - LANE_PAD))
        .collect();
    let band = |lane: usize| bands[lane];
    let mut y = vec![0.0f32; p.items.len()];
    // Start with every stack centred in its band.
    for layer in &p.layers {
        for (lane, s, e) in lane_groups(p, layer) {
            let (lo, hi) = band(lane);
            let mut cur = lo + ((hi - lo) - stack_height(p, &layer[s..e])) / 2.0;
            for k in s..e {
                y[layer[k]] = cur;
                if k + 1 < e {
                    cur += p.items[layer[k]].h + sep(p, layer[k], layer[k + 1]);
                }
            }
        }
    }
    let mut v = Vertical { y, lanes };

    // Which chain and place in it each edge item has.
    let mut owner = vec![(usize::MAX, 0usize); p.items.len()];
    for (c, chain) in p.chains.iter().enumerate() {
        for (k, &i) in chain.items.iter().enumerate() {
            if !p.items[i].is_node() {
                owner[i] = (c, k);
            }
        }
    }

    // Large graphs get fewer sweeps, as in crossing reduction.
    let sweeps = if super::ordering::is_large(p) {
        LARGE_SWEEPS
    } else {
        SWEEPS
    };
    for sweep in 0..sweeps {
        let mut changed = false;
        let count = p.layers.len();
        for step in 0..count {
            let l = if sweep % 2 == 0 { step } else { count - 1 - step };
            let layer = &p.layers[l];
            for (lane, s, e) in lane_groups(p, layer) {
                let group = &layer[s..e];
                let wishes: Vec<(Option<f32>, u8)> = group.iter().map(|&i| wish(p, ports, &v, &owner, i)).collect();
                let (lo, hi) = band(lane);
                changed |= place_group(p, group, &wishes, lo, hi, &mut v.y);
            }
        }
        if !changed {
            break;
        }
    }
    v
}

/// Where item `i` would like its top to be, and how strongly (priority).
fn wish(p: &Proper, ports: &Ports, v: &Vertical, owner: &[(usize, usize)], i: usize) -> (Option<f32>, u8) {
    let item = &p.items[i];
    match item.kind {
        ItemKind::Node(_) => {
            let mut sum = 0.0;
            let mut count = 0.0;
            for &(nbr, c) in p.left[i].iter().chain(&p.right[i]) {
                sum += v.port_y(p, ports, nbr, c) - (v.port_y(p, ports, i, c) - v.y[i]);
                count += 1.0;
            }
            if count > 0.0 {
                (Some(sum / count), 1)
            } else {
                (None, 0)
            }
        }
        ItemKind::Label(_) | ItemKind::Dummy => {
            let (c, k) = owner[i];
            let Some(chain) = p.chains.get(c) else {
                return (None, 0);
            };
            // Follow the neighbour towards the edge's source.
            let anchor = if chain.reversed {
                chain.items.get(k + 1)
            } else {
                k.checked_sub(1).and_then(|k| chain.items.get(k))
            };
            match anchor {
                Some(&a) => (Some(v.port_y(p, ports, a, c) - item.port), 2),
                None => (None, 0),
            }
        }
    }
}

/// Moves the items of one lane of one column towards their wishes, highest
/// priority first, keeping order, separation and the band. Returns whether
/// anything moved.
fn place_group(p: &Proper, group: &[usize], wishes: &[(Option<f32>, u8)], lo: f32, hi: f32, y: &mut [f32]) -> bool {
    let k = group.len();
    if k == 0 {
        return false;
    }
    // prefix[j]: offset of item j's top from the group's top when packed.
    let mut prefix = vec![0.0f32; k];
    for j in 1..k {
        prefix[j] = prefix[j - 1] + p.items[group[j - 1]].h + sep(p, group[j - 1], group[j]);
    }
    let total = prefix[k - 1] + p.items[group[k - 1]].h;
    let before: Vec<f32> = group.iter().map(|&i| y[i]).collect();
    let mut fixed = vec![false; k];
    let mut todo: Vec<usize> = (0..k).collect();
    // Highest priority first; among equals, top to bottom.
    todo.sort_by_key(|&j| (std::cmp::Reverse(wishes[j].1), j));
    for j in todo {
        let Some(target) = wishes[j].0 else {
            fixed[j] = true;
            continue;
        };
        let lb = match (0..j).rev().find(|&f| fixed[f]) {
            Some(f) => y[group[f]] + prefix[j] - prefix[f],
            None => lo + prefix[j],
        };
        let ub = match (j + 1..k).find(|&g| fixed[g]) {
            Some(g) => y[group[g]] - (prefix[g] - prefix[j]),
            None => hi - (total - prefix[j]),
        };
        let t = if lb > ub { lb } else { target.clamp(lb, ub) };
        y[group[j]] = t;
        for m in j + 1..k {
            if fixed[m] {
                break;
            }
            let min = y[group[m - 1]] + prefix[m] - prefix[m - 1];
            if y[group[m]] < min {
                y[group[m]] = min;
            }
        }
        for m in (0..j).rev() {
            if fixed[m] {
                break;
            }
            let max = y[group[m + 1]] - (prefix[m + 1] - prefix[m]);
            if y[group[m]] > max {
                y[group[m]] = max;
            }
        }
        fixed[j] = true;
    }
    group.iter().zip(before).any(|(&i, b)| (y[i] - b).abs() > 0.01)
}
