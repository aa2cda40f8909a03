//! The whole route cut for paper: which part of the drawing each landscape
//! page of the draaiboek shows, and at what scale, so that its labels stay
//! readable. Each part is then drawn on its own ([`super::render_part`]).

use super::layout::{LaneBox, Layout, Rect};

/// The room for the drawing on a landscape A4 page of the default PDF
/// template, in points: the page less its margins and the heading.
pub const ROOM: (f32, f32) = (770.0, 430.0);
/// The scale (points per unit) at which the drawing's 13-unit labels are
/// 7 pt: no smaller on paper.
const READABLE: f32 = 7.0 / 13.0;
/// How much more than the widest box the next part across repeats, in the
/// drawing's units: a box cut at a page's edge is then whole on the other.
const OVERLAP_MARGIN: f32 = 8.0;
/// Room beside a level's first and last procedures for the labels of the
/// arrows that leave them.
const LABEL_ROOM: f32 = 24.0;

/// One page's part of the drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The level the part shows, with "(k / n)" when the level runs across
    /// pages; none when it shows every level.
    pub title: Option<String>,
    /// The part, in the drawing's units.
    pub view: Rect,
    /// Points per unit.
    pub scale: f32,
}

impl Sheet {
    /// The part's size on paper, in points.
    pub fn size(&self) -> (f32, f32) {
        (self.view.w * self.scale, self.view.h * self.scale)
    }
}

/// The pages `layout` is printed on, in order: the whole drawing on one page
/// when it reads there; otherwise every level together across as many pages
/// as its width needs, when its height fits; otherwise each level on pages
/// of its own, from its first procedure to its last.
pub fn sheets(layout: &Layout) -> Vec<Sheet> {
    let (room_w, room_h) = ROOM;
    let (width, height) = (layout.width, layout.height);
    let cut = Cut::of(layout);
    let whole = 1f32.min(room_w / width).min(room_h / height);
    if whole >= READABLE {
        let view = Rect {
            x: 0.0,
            y: 0.0,
            w: width,
            h: height,
        };
        return vec![Sheet {
            title: None,
            view,
            scale: whole,
        }];
    }
    if height * READABLE <= room_h {
        let scale = (room_h / height).min(READABLE * 1.2);
        return across(None, scale, cut, 0.0..width, 0.0, height);
    }
    (layout.lanes.iter())
        .filter_map(|lane| Band::of(layout, lane))
        .flat_map(|band| {
            let scale = 1f32
                .min(room_h / band.height)
                .min((room_w / (band.x1 - band.x0 + cut.rail)).max(READABLE));
            across(Some(&band.title), scale, cut, band.x0..band.x1, band.y, band.height)
        })
        .collect()
}

/// The band from `xs.start` to `xs.end`, at `y` and `height` high, at
/// `scale`, across as many pages as it needs. Each page after the first
/// repeats `overlap` of the one before, and leaves `rail` at its left for
/// the levels' names ([`repeated_header`]).
fn across(title: Option<&str>, scale: f32, cut: Cut, xs: std::ops::Range<f32>, y: f32, height: f32) -> Vec<Sheet> {
    let slice = ROOM.0 / scale;
    let mut views = Vec::new();
    let mut from = xs.start;
    loop {
        let x = (from - cut.rail).max(0.0);
        let view = tenths(Rect {
            x,
            y,
            w: slice.min(xs.end - x),
            h: height,
        });
        let last = view.right() >= xs.end - 0.5;
        views.push(view);
        if last {
            break;
        }
        from = view.right() - cut.overlap;
    }
    let n = views.len();
    (views.into_iter().enumerate())
        .map(|(k, view)| {
            let title = title.map(|t| {
                if n > 1 {
                    format!("{t} ({} / {n})", k + 1)
                } else {
                    t.to_string()
                }
            });
            Sheet { title, view, scale }
        })
        .collect()
}

/// How parts across a band meet.
#[derive(Clone, Copy)]
struct Cut {
    /// What the next part repeats: a box cut at a page's right edge is
    /// whole on the next page.
    overlap: f32,
    /// Room at a part's left edge for the repeated level names.
    rail: f32,
}

impl Cut {
    fn of(layout: &Layout) -> Cut {
        let widest = (layout.nodes.iter()).fold(0f32, |w, n| w.max(n.rect.w));
        let rail = (layout.lanes.iter()).fold(0f32, |w, l| w.max(l.header.w));
        Cut {
            overlap: widest + OVERLAP_MARGIN,
            rail,
        }
    }
}

/// Where a part that starts right of `lane`'s header shows that header
/// again: at its own left edge, over the strip [`Cut::rail`] kept free.
pub fn repeated_header(lane: &LaneBox, view: &Rect) -> Option<Rect> {
    (view.x > lane.header.x + 0.5).then_some(Rect {
        x: view.x,
        ..lane.header
    })
}

/// `r` rounded to the tenths an SVG's viewBox is written in, so the part
/// on paper has the size of what its SVG shows.
fn tenths(r: Rect) -> Rect {
    let round = |v: f32| (v * 10.0).round() / 10.0;
    let (x, y) = (round(r.x), round(r.y));
    Rect {
        x,
        y,
        w: round(round(r.x + r.w) - x),
        h: round(round(r.y + r.h) - y),
    }
}

/// A level's band and how far across its procedures reach, from where its
/// title column ends.
struct Band {
    title: String,
    y: f32,
    height: f32,
    x0: f32,
    x1: f32,
}

impl Band {
    /// The band of `lane`; none for a level without procedures.
    fn of(layout: &Layout, lane: &LaneBox) -> Option<Band> {
        let (top, bottom) = (lane.rect.y, lane.rect.bottom());
        let inside = (layout.nodes.iter()).filter(|n| (top..bottom).contains(&(n.rect.y + n.rect.h / 2.0)));
        let (left, right) = inside.fold((f32::MAX, f32::MIN), |(l, r), n| {
            (l.min(n.rect.x), r.max(n.rect.right()))
        });
        let start = lane.header.right();
        let band = Band {
            title: lane.title_lines.join(" "),
            y: top,
            height: lane.rect.h,
            x0: (left - LABEL_ROOM).max(start),
            x1: (right + LABEL_ROOM).min(layout.width).max(start),
        };
        (band.x1 > band.x0).then_some(band)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{self, sample, Graph, SvgOptions};
    use crate::i18n::Lang;

    fn options() -> SvgOptions<'static> {
        SvgOptions {
            highlight: None,
            title: "Route",
            desc: "",
            standalone: true,
            id_prefix: "zr-p",
            lang: Lang::Nl,
        }
    }

    #[test]
    fn a_small_route_is_one_page_at_its_size_or_smaller() {
        let graph = sample::chain_graph(3, &[2]);
        let layout = diagram::layout(&graph);
        let sheets = sheets(&layout);
        assert_eq!(sheets.len(), 1);
        assert_eq!(sheets[0].title, None);
        assert_eq!((sheets[0].view.w, sheets[0].view.h), (layout.width, layout.height));
        let (w, h) = sheets[0].size();
        assert!(w <= ROOM.0 + 0.01 && h <= ROOM.1 + 0.01, "{w} x {h}");
    }

    /// A large route as the draaiboek draws it: long edges as connectors.
    fn large_route() -> Graph {
        let graph = sample::bench_graph(400);
        diagram::with_connectors(&graph, Lang::Nl).unwrap_or(graph)
    }

    #[test]
    fn a_large_route_is_cut_into_readable_parts_that_show_every_procedure() {
        let graph = large_route();
        let layout = diagram::layout(&graph);
        let sheets = sheets(&layout);
        assert!(sheets.len() > 1);
        for sheet in &sheets {
            let (w, h) = sheet.size();
            assert!(w <= ROOM.0 + 0.5 && h <= ROOM.1 + 0.5, "{sheet:?} is {w} x {h} pt");
        }
        // What a page shows uncovered: right of the repeated level names.
        let clear = |view: &Rect| match repeated_header(&layout.lanes[0], view) {
            Some(header) => Rect {
                x: header.right(),
                w: view.right() - header.right(),
                ..*view
            },
            None => *view,
        };
        for node in &layout.nodes {
            let whole = sheets.iter().any(|s| clear(&s.view).contains(&node.rect, 0.5));
            assert!(whole, "no page shows all of the box at {:?}", node.rect);
        }
    }

    #[test]
    fn each_part_carries_only_what_it_shows() {
        let graph = large_route();
        let layout = diagram::layout(&graph);
        let whole = diagram::render_svg(&graph, &layout, &options()).len();
        let sheets = sheets(&layout);
        let mut bytes = 0;
        for sheet in &sheets {
            let part = diagram::render_part(&graph, &layout, &options(), sheet.view);
            let near = (layout.nodes.iter())
                .filter(|n| sheet.view.overlaps(&n.rect.grown(diagram::svg::PART_SLACK)))
                .count();
            assert_eq!(part.matches("<a class=\"zr-node").count(), near, "{sheet:?}");
            for lane in layout.lanes.iter().filter(|l| sheet.view.overlaps(&l.rect)) {
                let name = format!(">{}</tspan>", lane.title_lines[0]);
                let shown = (part.match_indices(&name)).any(|(at, _)| {
                    let tspan = &part[part[..at].rfind("<tspan x=\"").unwrap() + 10..];
                    let x: f32 = tspan[..tspan.find('"').unwrap()].parse().unwrap();
                    (sheet.view.x..sheet.view.right()).contains(&x)
                });
                assert!(shown, "{sheet:?} does not name its level {name}");
            }
            let v = sheet.view;
            assert!(part.contains(&format!("viewBox=\"{} {} {} {}\"", v.x, v.y, v.w, v.h)));
            bytes += part.len();
        }
        // Each page repeats the SVG's head and the edges that pass through
        // it; the whole drawing on each page would be `whole` bytes a page.
        let per_page = bytes / sheets.len();
        assert!(
            per_page * 5 < whole,
            "{} parts of {per_page} bytes, the whole {whole}",
            sheets.len()
        );
    }

    #[test]
    fn the_whole_drawing_as_a_part_is_the_whole_svg() {
        let graph = sample::chain_graph(4, &[2, 1]);
        let layout = diagram::layout(&graph);
        let view = Rect {
            x: 0.0,
            y: 0.0,
            w: layout.width,
            h: layout.height,
        };
        assert_eq!(
            diagram::render_part(&graph, &layout, &options(), view),
            diagram::render_svg(&graph, &layout, &options())
        );
    }
}
