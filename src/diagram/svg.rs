//! Writes a laid-out diagram as SVG: accessible (the root is a labelled
//! group, every procedure a focusable link with a title), styled by classes
//! so that the page stylesheet, dark mode and print can restyle it, and
//! byte-for-byte deterministic (fixed float precision, no hashing in the
//! output order).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::graph::{Edge, EdgeKind, Graph, Node};
use super::layout::metrics::*;
use super::layout::{EdgePath, LaneBox, Layout, Point, Rect};
use super::paper;
use super::text;
use crate::escape;
use crate::i18n::Lang;

/// Which part of the graph to emphasise; the rest is dimmed. Ordered sets,
/// so that equal highlights hash alike (drawings are kept by it).
#[derive(Debug, Clone, Default, Hash)]
pub struct Highlight {
    pub nodes: BTreeSet<usize>,
    pub edges: BTreeSet<usize>,
    /// A visible text marker per node, e.g. the route step numbers, so the
    /// emphasis does not depend on colour or line width alone.
    pub badges: BTreeMap<usize, String>,
}

impl Highlight {
    /// A route: its steps (node indices, in order), the edges between
    /// consecutive steps, and step numbers as badges.
    pub fn route(graph: &Graph, steps: &[usize]) -> Highlight {
        let mut h = Highlight::default();
        for (k, &node) in steps.iter().enumerate() {
            h.nodes.insert(node);
            let badge = h.badges.entry(node).or_default();
            if !badge.is_empty() {
                badge.push_str(", ");
            }
            badge.push_str(&(k + 1).to_string());
        }
        for pair in steps.windows(2) {
            for e in graph.drawn_edges(pair[0], pair[1]) {
                h.edges.insert(e);
                // The connectors on the way are part of the route too.
                let edge = &graph.edges[e];
                for end in [edge.from, edge.to] {
                    if graph.nodes[end].connector.is_some() {
                        h.nodes.insert(end);
                    }
                }
            }
        }
        h
    }

    /// One node and its edges, e.g. the procedure a page is about.
    pub fn focus(graph: &Graph, node: usize) -> Highlight {
        Highlight {
            nodes: BTreeSet::from([node]),
            edges: (0..graph.edges.len())
                .filter(|&e| graph.edges[e].from == node || graph.edges[e].to == node)
                .collect(),
            badges: BTreeMap::new(),
        }
    }
}

pub struct SvgOptions<'a> {
    pub highlight: Option<&'a Highlight>,
    /// The accessible name of the diagram.
    pub title: &'a str,
    /// The accessible description, e.g. pointing to the text alternative.
    pub desc: &'a str,
    /// A file of its own (`diagram.svg`): XML declaration and namespace.
    pub standalone: bool,
    /// Prefix of every id, unique per diagram on a page.
    pub id_prefix: &'a str,
    /// Language of the words in titles ("owner", "to", ...).
    pub lang: Lang,
}

struct Words {
    owner: &'static str,
    limit: &'static str,
    level: &'static str,
    from: &'static str,
    to: &'static str,
    route: &'static str,
    escalation: &'static str,
    back: &'static str,
    when: &'static str,
    step: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Nl => Words {
            owner: "Eigenaar",
            limit: "Doorlooptijd",
            level: "Niveau",
            from: "Van",
            to: "naar",
            route: "route",
            escalation: "escalatie",
            back: "terug",
            when: "Wanneer",
            step: "Stap",
        },
        Lang::En => Words {
            owner: "Owner",
            limit: "Lead time",
            level: "Level",
            from: "From",
            to: "to",
            route: "route",
            escalation: "escalation",
            back: "back",
            when: "When",
            step: "Step",
        },
    }
}

/// The diagram's CSS, scoped by class. It is embedded in every SVG so the
/// diagram works on its own; a page may carry it too (or override it).
pub fn stylesheet() -> &'static str {
    include_str!("diagram.css")
}

/// The stylesheet for renderers that know only plain CSS (the PDF's SVG
/// reader): each custom property replaced by its value on screen, without
/// media queries or rules for pointer and keyboard, and in `font`.
pub fn plain_stylesheet(font: &str) -> String {
    let css = stylesheet();
    let plain = css.split("\n@media").next().unwrap_or(css);
    let mut vars: Vec<(&str, &str)> = Vec::new();
    let mut out = String::with_capacity(plain.len());
    for line in plain.lines() {
        let trimmed = line.trim();
        if let Some((name, value)) = trimmed.strip_prefix("--").and_then(|d| d.split_once(':')) {
            vars.push((name, value.trim().trim_end_matches(';')));
            continue;
        }
        if trimmed.contains(":hover") || trimmed.contains(":focus") || trimmed.starts_with("/*") {
            continue;
        }
        if trimmed.starts_with("font-family:") {
            out.push_str(&format!("  font-family: \"{font}\";\n"));
            continue;
        }
        let mut line = line.to_string();
        for (name, value) in &vars {
            line = line.replace(&format!("var(--{name})"), value);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A standalone diagram with [`plain_stylesheet`] in place of its own.
pub fn for_print(svg: &str, font: &str) -> String {
    let own = format!("<style>\n{}</style>", stylesheet());
    svg.replacen(&own, &format!("<style>\n{}</style>", plain_stylesheet(font)), 1)
}

/// A number with one decimal, without a useless `.0` or a negative zero.
fn num(v: f32) -> String {
    // Rounded to tenths without the float formatter, which was a tenth of a
    // large build's time. `v * 10` is exact in f64 (an f32 has 24 significant
    // bits), so rounding ties to even gives what `format!("{v:.1}")` gives.
    let tenths = (f64::from(v) * 10.0).round_ties_even();
    if !tenths.is_finite() || tenths.abs() >= 1e15 {
        let s = format!("{v:.1}");
        return s.strip_suffix(".0").unwrap_or(&s).to_string();
    }
    let tenths = tenths as i64;
    let (whole, tenth) = (tenths / 10, (tenths % 10).unsigned_abs());
    let sign = if tenths < 0 && whole == 0 { "-" } else { "" };
    if tenth == 0 {
        whole.to_string()
    } else {
        format!("{sign}{whole}.{tenth}")
    }
}

/// Keeps only characters that are safe in an id and in `url(#...)`.
fn id_prefix(raw: &str) -> String {
    let clean: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    match clean.chars().next() {
        None => "zr".to_string(),
        Some(c) if c.is_ascii_alphabetic() => clean,
        Some(_) => format!("zr{clean}"),
    }
}

/// The baseline of a line of text of `size` centred in a line box at `top`.
fn baseline(top: f32, line: f32, size: f32) -> f32 {
    top + (line - size) / 2.0 + size * 0.8
}

/// The SVG of `graph` drawn as `layout`: the root and its styles, then the
/// lanes, the edges with their labels, and the nodes on top.
pub fn render_svg(graph: &Graph, layout: &Layout, opts: &SvgOptions) -> String {
    draw(graph, layout, opts, Cull(None))
}

/// The part `view` of the drawing (in its units) as an SVG of its own: the
/// viewBox is `view`, and lanes, edges and nodes that stay outside it are
/// left out, so a printed page of a large route carries only what it shows
/// (a PDF that placed the whole drawing on each of its pages grew with the
/// square of the route).
pub fn render_part(graph: &Graph, layout: &Layout, opts: &SvgOptions, view: Rect) -> String {
    draw(graph, layout, opts, Cull(Some(view)))
}

/// How far outside a part's view ([`render_part`]) a box may lie and still
/// be drawn: the arrowheads, a line's width and a step badge stand out of
/// the boxes they belong to.
pub const PART_SLACK: f32 = 16.0;

/// What of the drawing is written: all of it, or what comes near a view.
#[derive(Clone, Copy)]
struct Cull(Option<Rect>);

impl Cull {
    /// The rectangle the SVG shows.
    fn frame(self, layout: &Layout) -> Rect {
        self.0.unwrap_or(Rect {
            x: 0.0,
            y: 0.0,
            w: layout.width,
            h: layout.height,
        })
    }

    /// Whether a part whose box is `r` is written.
    fn keeps(self, r: &Rect) -> bool {
        self.0.is_none_or(|view| view.overlaps(&r.grown(PART_SLACK)))
    }

    /// Whether an edge, its line and its label, is written: when one of
    /// its straight pieces or its label comes near the view (a long edge's
    /// box would cover pages it only passes by far away).
    fn keeps_edge(self, path: &EdgePath) -> bool {
        let piece = |a: &Point, b: &Point| Rect {
            x: a.x.min(b.x),
            y: a.y.min(b.y),
            w: (a.x - b.x).abs(),
            h: (a.y - b.y).abs(),
        };
        self.0.is_none()
            || path.points.windows(2).any(|ab| self.keeps(&piece(&ab[0], &ab[1])))
            || path.label.iter().any(|l| self.keeps(&l.rect))
    }
}

/// The SVG of what `cull` keeps of `graph` drawn as `layout`.
fn draw(graph: &Graph, layout: &Layout, opts: &SvgOptions, cull: Cull) -> String {
    let w = words(opts.lang);
    let p = id_prefix(opts.id_prefix);
    let frame = cull.frame(layout);
    let mut out = String::with_capacity(16 * 1024);
    open_svg(&mut out, &frame, opts, &p);
    defs(&mut out, &p);
    let _ = writeln!(
        out,
        "<rect class=\"zr-bg\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
        num(frame.x),
        num(frame.y),
        num(frame.w),
        num(frame.h)
    );
    lanes(&mut out, layout, cull);
    edges(&mut out, graph, layout, opts.highlight, &w, &p, cull);
    nodes(&mut out, graph, layout, opts.highlight, &w, cull);
    repeated_lane_headers(&mut out, layout, cull);
    out.push_str("</svg>\n");
    out
}

/// The root element with the diagram's accessible name and description,
/// and the stylesheet.
fn open_svg(out: &mut String, frame: &Rect, opts: &SvgOptions, p: &str) {
    if opts.standalone {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let _ = writeln!(
        out,
        "<svg{ns} class=\"zr-diagram\" viewBox=\"{x} {y} {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"group\" \
         aria-labelledby=\"{p}-title\" aria-describedby=\"{p}-desc\">",
        ns = if opts.standalone {
            " xmlns=\"http://www.w3.org/2000/svg\""
        } else {
            ""
        },
        x = num(frame.x),
        y = num(frame.y),
        w = num(frame.w),
        h = num(frame.h),
    );
    let _ = writeln!(out, "<title id=\"{p}-title\">{}</title>", escape::xml(opts.title));
    let _ = writeln!(out, "<desc id=\"{p}-desc\">{}</desc>", escape::xml(opts.desc));
    let _ = writeln!(out, "<style>\n{}</style>", stylesheet());
}

/// The arrowheads of the two kinds of edge, with ids of this diagram.
fn defs(out: &mut String, p: &str) {
    let _ = write!(
        out,
        "<defs>\n\
         <marker id=\"{p}-arrow-route\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"10\" markerHeight=\"10\" \
         markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path class=\"zr-arrow zr-arrow--route\" d=\"M0,0.5 L10,5 L0,9.5 z\"/></marker>\n\
         <marker id=\"{p}-arrow-escalation\" viewBox=\"0 0 10 10\" refX=\"9.5\" refY=\"5\" markerWidth=\"10\" markerHeight=\"10\" \
         markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path class=\"zr-arrow zr-arrow--escalation\" d=\"M1,1 L9.5,5 L1,9\"/></marker>\n\
         </defs>\n"
    );
}

/// The lanes: decoration for sighted readers; each node's title names its
/// level, so assistive technology does not need them.
fn lanes(out: &mut String, layout: &Layout, cull: Cull) {
    out.push_str("<g class=\"zr-lanes\" aria-hidden=\"true\">\n");
    for (l, lane) in layout.lanes.iter().enumerate() {
        if !cull.keeps(&lane.rect) {
            continue;
        }
        let parity = if l % 2 == 0 { "even" } else { "odd" };
        let _ = write!(out, "<g class=\"zr-lane zr-lane--{parity}\">");
        rect(out, "zr-lane-box", &lane.rect, 0.0);
        lane_header(out, lane, &lane.header);
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

/// A lane's header with its title, drawn at `at`.
fn lane_header(out: &mut String, lane: &LaneBox, at: &Rect) {
    rect(out, "zr-lane-header", at, 0.0);
    let lines = &lane.title_lines;
    let top = at.y + (at.h - lines.len() as f32 * LANE_TITLE_LINE) / 2.0;
    let _ = write!(out, "<text class=\"zr-lane-title\">");
    for (k, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            num(at.x + 10.0),
            num(baseline(
                top + k as f32 * LANE_TITLE_LINE,
                LANE_TITLE_LINE,
                LANE_TITLE_SIZE
            )),
            escape::xml(line)
        );
    }
    out.push_str("</text>");
}

/// On a part that starts right of the lanes' headers, the headers again at
/// its left edge, on top, so each printed page names its levels.
fn repeated_lane_headers(out: &mut String, layout: &Layout, cull: Cull) {
    let Some(view) = cull.0 else { return };
    let moved: Vec<_> = (layout.lanes.iter())
        .filter(|lane| cull.keeps(&lane.rect))
        .filter_map(|lane| Some((lane, paper::repeated_header(lane, &view)?)))
        .collect();
    if moved.is_empty() {
        return;
    }
    out.push_str("<g class=\"zr-lanes\" aria-hidden=\"true\">\n");
    for (lane, at) in moved {
        out.push_str("<g class=\"zr-lane\">");
        lane_header(out, lane, &at);
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

/// The class of a part the highlight emphasises (`Some(true)`) or dims
/// (`Some(false)`); none when nothing is highlighted.
fn state_class(highlighted: Option<bool>) -> &'static str {
    match highlighted {
        None => "",
        Some(true) => " zr-hl",
        Some(false) => " zr-dim",
    }
}

/// The edges: dimmed ones first so the highlighted route is drawn on top.
/// The full condition is in each edge's title (a tooltip) and in the text
/// alternative the page renders next to the diagram.
fn edges(out: &mut String, graph: &Graph, layout: &Layout, hl: Option<&Highlight>, w: &Words, p: &str, cull: Cull) {
    let edge_state = |e: usize| hl.map(|h| h.edges.contains(&e));
    out.push_str("<g class=\"zr-edges\" aria-hidden=\"true\">\n");
    let mut order: Vec<usize> = (0..graph.edges.len().min(layout.edges.len())).collect();
    order.sort_by_key(|&e| (edge_state(e) == Some(true), e));
    for e in order {
        let edge = &graph.edges[e];
        let path = &layout.edges[e];
        if path.points.len() < 2 || !cull.keeps_edge(path) {
            continue;
        }
        let kind = match edge.kind {
            EdgeKind::Route => "route",
            EdgeKind::Escalation => "escalation",
        };
        let back = if path.back { " zr-edge--back" } else { "" };
        let _ = write!(
            out,
            "<g class=\"zr-edge zr-edge--{kind}{back}{}\">",
            state_class(edge_state(e))
        );
        let _ = write!(out, "<title>{}</title>", escape::xml(&edge_title(graph, edge, path, w)));
        let d = path_data(&path.points, 6.0);
        let _ = write!(out, "<path class=\"zr-edge-hit\" d=\"{d}\"/>");
        let _ = write!(
            out,
            "<path class=\"zr-edge-line\" d=\"{d}\" marker-end=\"url(#{p}-arrow-{kind})\"/>"
        );
        label(out, path);
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

/// An edge's tooltip: its ends, its kind and its condition.
fn edge_title(graph: &Graph, edge: &Edge, path: &EdgePath, w: &Words) -> String {
    let name = |v: usize| graph.nodes.get(v).map_or("", |n| n.title.as_str());
    let mut title = format!(
        "{} {} {} {} ({}{})",
        w.from,
        name(edge.from),
        w.to,
        name(edge.to),
        if edge.kind == EdgeKind::Route {
            w.route
        } else {
            w.escalation
        },
        if path.back {
            format!(", {}", w.back)
        } else {
            String::new()
        }
    );
    if !edge.labels.is_empty() {
        let _ = write!(title, ". {}: {}", w.when, edge.labels.join(" / "));
    }
    title
}

/// The procedures (and connectors), each a link with a title that says
/// all the box shows.
fn nodes(out: &mut String, graph: &Graph, layout: &Layout, hl: Option<&Highlight>, w: &Words, cull: Cull) {
    out.push_str("<g class=\"zr-nodes\">\n");
    for (v, (node, b)) in graph.nodes.iter().zip(&layout.nodes).enumerate() {
        if !cull.keeps(&b.rect) {
            continue;
        }
        let _ = write!(
            out,
            "<a class=\"zr-node{}{}\" href=\"{}\">",
            if node.connector.is_some() {
                " zr-node--connector"
            } else {
                ""
            },
            state_class(hl.map(|h| h.nodes.contains(&v))),
            escape::xml(&node.href)
        );
        let badge = hl.and_then(|h| h.badges.get(&v)).map(String::as_str);
        let _ = write!(
            out,
            "<title>{}</title>",
            escape::xml(&node_title(graph, node, badge, w))
        );
        rect(out, "zr-node-box", &b.rect, 6.0);
        node_text(out, b);
        if let Some(badge) = badge {
            badge_mark(out, &b.rect, badge);
        }
        out.push_str("</a>\n");
    }
    out.push_str("</g>\n");
}

/// A node's title: its name, level, owner, time limit and route step(s).
fn node_title(graph: &Graph, node: &Node, badge: Option<&str>, w: &Words) -> String {
    let mut title = node.title.clone();
    if let Some(lane) = graph.lanes.get(node.lane) {
        let _ = write!(title, ". {}: {}", w.level, lane.title);
    }
    if let Some(owner) = &node.owner {
        let _ = write!(title, ". {}: {}", w.owner, owner);
    }
    if let Some(limit) = &node.limit {
        let _ = write!(title, ". {}: {}", w.limit, limit);
    }
    if let Some(badge) = badge {
        let _ = write!(title, ". {} {}", w.step, badge);
    }
    title
}

fn rect(out: &mut String, class: &str, r: &Rect, radius: f32) {
    let _ = write!(
        out,
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
        num(r.x),
        num(r.y),
        num(r.w.max(0.0)),
        num(r.h.max(0.0))
    );
    if radius > 0.0 {
        let _ = write!(out, " rx=\"{}\"", num(radius));
    }
    out.push_str("/>");
}

/// The visible lines of a node: title, owner, and time limit with a clock.
fn node_text(out: &mut String, b: &super::layout::NodeBox) {
    let x = b.rect.x + NODE_PAD_X;
    let mut top = b.rect.y + NODE_PAD_Y;
    out.push_str("<text class=\"zr-node-title\" aria-hidden=\"true\">");
    for line in &b.title_lines {
        text_line(out, "tspan", "", x, baseline(top, TITLE_LINE, TITLE_SIZE), line);
        top += TITLE_LINE;
    }
    out.push_str("</text>");
    top += META_GAP;
    for line in &b.owner_lines {
        text_line(out, "text", META_TEXT, x, baseline(top, META_LINE, META_SIZE), line);
        top += META_LINE;
    }
    if !b.limit_lines.is_empty() {
        let (cx, cy) = (x + 5.5, top + META_LINE / 2.0);
        let _ = write!(
            out,
            "<g class=\"zr-clock\" aria-hidden=\"true\"><circle cx=\"{}\" cy=\"{}\" r=\"5\"/><path d=\"M{},{} v-3.2 M{},{} h2.6\"/></g>",
            num(cx),
            num(cy),
            num(cx),
            num(cy),
            num(cx),
            num(cy)
        );
        for line in &b.limit_lines {
            text_line(
                out,
                "text",
                META_TEXT,
                x + CLOCK_W,
                baseline(top, META_LINE, META_SIZE),
                line,
            );
            top += META_LINE;
        }
    }
}

/// The attributes of a node's small text (owner, time limit), which the
/// node's `<title>` already says to a screen reader.
const META_TEXT: &str = " class=\"zr-node-meta\" aria-hidden=\"true\"";

/// One line of a node's text: an `element` with `attributes` whose baseline
/// starts at (`x`, `y`).
fn text_line(out: &mut String, element: &str, attributes: &str, x: f32, y: f32, text: &str) {
    let _ = write!(
        out,
        "<{element}{attributes} x=\"{}\" y=\"{}\">{}</{element}>",
        num(x),
        num(y),
        escape::xml(text)
    );
}

/// A pill with the route step number(s) on the node's top left corner,
/// half outside the box so it covers no text.
fn badge_mark(out: &mut String, r: &Rect, badge: &str) {
    let (shown, _) = text::truncate(badge, LABEL_SIZE, true, NODE_W / 2.0);
    let w = (text::width(&shown, LABEL_SIZE, true) + 10.0).max(BADGE_H);
    // A wider pill ("2, 5") grows to the left, away from the title.
    let (x, y) = (r.x + BADGE_H / 2.0 - w, r.y - BADGE_H / 2.0);
    let _ = write!(
        out,
        "<g class=\"zr-badge\" aria-hidden=\"true\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
        num(x),
        num(y),
        num(w),
        num(BADGE_H),
        num(BADGE_H / 2.0),
        num(x + w / 2.0),
        num(baseline(y, BADGE_H, LABEL_SIZE)),
        escape::xml(&shown)
    );
}

fn label(out: &mut String, path: &EdgePath) {
    let Some(l) = &path.label else {
        return;
    };
    let (x, anchor) = if l.align_right {
        (l.rect.right(), " text-anchor=\"end\"")
    } else {
        (l.rect.x, "")
    };
    let _ = write!(out, "<text class=\"zr-label\"{anchor}>");
    for (k, line) in l.lines.iter().enumerate() {
        let _ = write!(
            out,
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            num(x),
            num(baseline(l.rect.y + k as f32 * LABEL_LINE, LABEL_LINE, LABEL_SIZE)),
            escape::xml(line)
        );
    }
    out.push_str("</text>");
}

/// An orthogonal polyline with its corners rounded by up to `radius`.
fn path_data(points: &[Point], radius: f32) -> String {
    let mut d = String::new();
    let Some(first) = points.first() else {
        return d;
    };
    let _ = write!(d, "M{},{}", num(first.x), num(first.y));
    for k in 1..points.len() {
        let cur = points[k];
        match points.get(k + 1) {
            Some(&next) => {
                let prev = points[k - 1];
                let len_in = (cur.x - prev.x).abs() + (cur.y - prev.y).abs();
                let len_out = (next.x - cur.x).abs() + (next.y - cur.y).abs();
                let r = radius.min(len_in / 2.0).min(len_out / 2.0);
                let towards = |from: Point, to: Point, dist: f32| {
                    let len = (to.x - from.x).abs() + (to.y - from.y).abs();
                    if len == 0.0 {
                        from
                    } else {
                        Point {
                            x: from.x + (to.x - from.x) * dist / len,
                            y: from.y + (to.y - from.y) * dist / len,
                        }
                    }
                };
                let a = towards(cur, prev, r);
                let b = towards(cur, next, r);
                let _ = write!(
                    d,
                    " L{},{} Q{},{} {},{}",
                    num(a.x),
                    num(a.y),
                    num(cur.x),
                    num(cur.y),
                    num(b.x),
                    num(b.y)
                );
            }
            None => {
                let _ = write!(d, " L{},{}", num(cur.x), num(cur.y));
            }
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A route page's drawing is kept by its highlight's key; two equal
    /// highlights made apart must give one key (sets in hash order did not,
    /// and the live preview drew a large route again on every edit).
    #[test]
    fn equal_highlights_have_one_key() {
        let graph = crate::diagram::sample::bench_graph(60);
        let steps = [3, 17, 18, 40];
        let key = || crate::fingerprint::Fingerprint::of(&Highlight::route(&graph, &steps));
        assert_eq!(key(), key());
        let focus = || crate::fingerprint::Fingerprint::of(&Highlight::focus(&graph, 17));
        assert_eq!(focus(), focus());
        assert_ne!(key(), focus());
    }

    #[test]
    fn numbers_are_compact_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.25), "12.2");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(-0.25), "-0.2");
        assert_eq!(num(-0.05), "-0.1");
    }

    proptest::proptest! {
        /// The integer rounding prints what the float formatter prints.
        #[test]
        fn numbers_match_the_formatter(v in proptest::num::f32::NORMAL | proptest::num::f32::ZERO,
                                       quarter in -40_000i32..40_000) {
            for v in [v, quarter as f32 / 4.0, quarter as f32 / 20.0] {
                let formatted = format!("{v:.1}");
                let expected = formatted.strip_suffix(".0").unwrap_or(&formatted);
                let expected = if expected == "-0" { "0" } else { expected };
                proptest::prop_assert_eq!(num(v), expected);
            }
        }
    }

    #[test]
    fn prefix_is_made_safe() {
        assert_eq!(id_prefix("route\"x"), "route-x");
        assert_eq!(id_prefix(""), "zr");
        assert_eq!(id_prefix("1a"), "zr1a");
    }

    #[test]
    fn corners_are_rounded() {
        let pts = [
            Point { x: 0.0, y: 0.0 },
            Point { x: 20.0, y: 0.0 },
            Point { x: 20.0, y: 20.0 },
        ];
        assert_eq!(path_data(&pts, 6.0), "M0,0 L14,0 Q20,0 20,6 L20,20");
    }
}
