//! Horizontal coordinates and edge routes.
//!
//! Edges are drawn orthogonally, as in swimlane process diagrams: along a
//! column at the height of their own item, and with a vertical jog only in
//! the channel between two columns. No node lies in a channel, and an edge
//! crosses a column only in the room its label or dummy item holds there,
//! so by construction no edge passes through a node it does not connect.
//! Each channel is as wide as its jogs need: every jog gets its own vertical
//! track, and the tracks are ordered to minimise crossings among the jogs.

use super::layering::Proper;
use super::metrics::{CHANNEL_MARGIN, CHANNEL_MIN, NODE_W, PASS_W, TRACK};
use super::position::{Ports, Vertical};
use super::Point;

/// Column and channel positions.
#[derive(Debug, Clone)]
pub struct Horizontal {
    pub layer_x: Vec<f32>,
    pub layer_w: Vec<f32>,
    /// For each chain, the x of its jog in each channel it jogs in, by the
    /// channel's left column.
    jogs: Vec<Vec<(usize, f32)>>,
    /// Right end of the last column.
    pub right: f32,
}

/// A jog of one chain in one channel: it enters at `from` and leaves at `to`.
#[derive(Debug, Clone, Copy)]
struct Jog {
    chain: usize,
    from: f32,
    to: f32,
}

impl Jog {
    fn spans(&self, y: f32) -> bool {
        let (a, b) = if self.from < self.to {
            (self.from, self.to)
        } else {
            (self.to, self.from)
        };
        a < y && y < b
    }
}

/// Crossings when `a` takes a track left of `b`: `b` runs in at its `from`
/// height across `a`'s track, and `a` runs out at its `to` height across
/// `b`'s.
fn cost(a: &Jog, b: &Jog) -> u32 {
    u32::from(a.spans(b.from)) + u32::from(b.spans(a.to))
}

/// Orders the jogs of one channel left to right: a first sort that is right
/// for jogs going the same way (the one that ends furthest away turns first),
/// then adjacent swaps while they remove crossings.
fn order_tracks(mut jogs: Vec<Jog>) -> Vec<Jog> {
    jogs.sort_by(|a, b| {
        let down_a = a.to > a.from;
        let down_b = b.to > b.from;
        down_b.cmp(&down_a).then_with(|| {
            if down_a {
                b.to.total_cmp(&a.to)
            } else {
                a.to.total_cmp(&b.to)
            }
        })
    });
    for _ in 0..jogs.len() {
        let mut swapped = false;
        for k in 1..jogs.len() {
            if cost(&jogs[k], &jogs[k - 1]) < cost(&jogs[k - 1], &jogs[k]) {
                jogs.swap(k - 1, k);
                swapped = true;
            }
        }
        if !swapped {
            break;
        }
    }
    jogs
}

/// Column widths, then the jogs per channel, then the channel widths.
pub fn horizontal(p: &Proper, ports: &Ports, v: &Vertical, label_w: &[f32], left: f32) -> Horizontal {
    let count = p.layers.len();
    let mut layer_w = vec![PASS_W; count];
    for (l, layer) in p.layers.iter().enumerate() {
        for &i in layer {
            let w = match p.items[i].kind {
                super::layering::ItemKind::Node(_) => NODE_W,
                super::layering::ItemKind::Label(_) => label_w[i],
                super::layering::ItemKind::Dummy => PASS_W,
            };
            layer_w[l] = layer_w[l].max(w);
        }
    }
    let mut channels: Vec<Vec<Jog>> = vec![Vec::new(); count.saturating_sub(1)];
    for c in 0..p.chains.len() {
        for (l, from, to) in chain_jogs(p, ports, v, c).jogs {
            if let Some(ch) = channels.get_mut(l) {
                ch.push(Jog { chain: c, from, to });
            }
        }
    }
    let mut layer_x = vec![0.0; count];
    let mut jogs = vec![Vec::new(); p.chains.len()];
    let mut x = left;
    for l in 0..count {
        layer_x[l] = x;
        x += layer_w[l];
        if let Some(ch) = channels.get_mut(l) {
            let ordered = order_tracks(std::mem::take(ch));
            let needed = 2.0 * CHANNEL_MARGIN + ordered.len().saturating_sub(1) as f32 * TRACK;
            let width = needed.max(CHANNEL_MIN);
            let first = x + (width - ordered.len().saturating_sub(1) as f32 * TRACK) / 2.0;
            for (k, jog) in ordered.iter().enumerate() {
                jogs[jog.chain].push((l, first + k as f32 * TRACK));
            }
            x += width;
        }
    }
    Horizontal {
        layer_x,
        layer_w,
        jogs,
        right: x,
    }
}

/// The heights a chain runs at: where it starts, its jogs (channel, from,
/// to) and where it ends.
struct ChainJogs {
    start: f32,
    jogs: Vec<(usize, f32, f32)>,
    end: f32,
}

/// Differences below this are not worth a jog; the edge runs straight on
/// and meets its target up to this much off the port, which no one sees.
const MIN_JOG: f32 = 0.5;

fn chain_jogs(p: &Proper, ports: &Ports, v: &Vertical, c: usize) -> ChainJogs {
    let chain = &p.chains[c];
    let start = chain.items.first().map_or(0.0, |&i| v.port_y(p, ports, i, c));
    let mut y = start;
    let mut jogs = Vec::new();
    for pair in chain.items.windows(2) {
        let to = v.port_y(p, ports, pair[1], c);
        // Compare with the height the edge runs at, not with the previous
        // item's own height, so skipped sub-pixel steps cannot add up.
        if (to - y).abs() > MIN_JOG {
            jogs.push((p.items[pair[0]].layer, y, to));
            y = to;
        }
    }
    ChainJogs { start, jogs, end: y }
}

/// The route of chain `c` from its tail node's right side to its head
/// node's left side, in layered direction, without redundant points.
pub fn chain_path(p: &Proper, ports: &Ports, v: &Vertical, h: &Horizontal, c: usize) -> Vec<Point> {
    let chain = &p.chains[c];
    let (Some(&tail), Some(&head)) = (chain.items.first(), chain.items.last()) else {
        return Vec::new();
    };
    let run = chain_jogs(p, ports, v, c);
    let mut points = vec![Point {
        x: h.layer_x[p.items[tail].layer] + NODE_W,
        y: run.start,
    }];
    for (l, from, to) in run.jogs {
        if let Some(&(_, x)) = h.jogs[c].iter().find(|&&(jl, _)| jl == l) {
            points.push(Point { x, y: from });
            points.push(Point { x, y: to });
        }
    }
    points.push(Point {
        x: h.layer_x[p.items[head].layer],
        y: run.end,
    });
    simplify(points)
}

/// Drops points that lie on a straight line between their neighbours.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for pt in points {
        if let Some(last) = out.last() {
            if (last.x - pt.x).abs() < 0.01 && (last.y - pt.y).abs() < 0.01 {
                continue;
            }
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let same_x = (a.x - b.x).abs() < 0.01 && (b.x - pt.x).abs() < 0.01;
            let same_y = (a.y - b.y).abs() < 0.01 && (b.y - pt.y).abs() < 0.01;
            if same_x || same_y {
                out.pop();
            }
        }
        out.push(pt);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_downward_jogs_do_not_cross() {
        let a = Jog {
            chain: 0,
            from: 0.0,
            to: 50.0,
        };
        let b = Jog {
            chain: 1,
            from: 10.0,
            to: 100.0,
        };
        let order = order_tracks(vec![a, b]);
        assert_eq!(order[0].chain, 1);
        assert_eq!(cost(&order[0], &order[1]), 0);
    }

    #[test]
    fn simplify_merges_straight_runs() {
        let pts = vec![
            Point { x: 0.0, y: 0.0 },
            Point { x: 5.0, y: 0.0 },
            Point { x: 10.0, y: 0.0 },
            Point { x: 10.0, y: 5.0 },
        ];
        assert_eq!(simplify(pts).len(), 3);
    }
}
