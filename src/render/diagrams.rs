//! The care-route diagrams pages show: the region's whole route (home page,
//! and `diagram.svg` on its own), a route highlighted on its page, and a
//! procedure's neighbourhood. Layouts are computed on first use, once per
//! distinct route (regions inheriting it unchanged share one); node links are
//! made relative to the page that shows them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;

use crate::diagram::{self, EdgeKind, Graph, Highlight, Layout, SvgOptions};
use crate::fingerprint::Fingerprint;
use crate::i18n::Strings;
use crate::model::*;
use crate::urls;

use super::views::Link;

/// A region's diagram: the graph, with links from the site root, and its
/// layout, computed only when a page shows the whole route (a procedure page
/// lays out just its neighbourhood).
pub struct RegionDiagram {
    graph: Graph,
    lang: crate::i18n::Lang,
    /// What the whole route draws: `graph` itself, or for a very large
    /// route the graph with off-page connectors (`None` until needed).
    drawn: Arc<OnceLock<Option<Graph>>>,
    /// Of the drawn graph; shared by regions whose graphs differ only in
    /// their links ([`all`]), as their drawn graphs do then too.
    layout: Arc<OnceLock<Layout>>,
    /// The edges at each procedure, to cut neighbourhoods out with.
    incidence: OnceLock<diagram::Incidence>,
    /// Drawings kept from the render before, if this render keeps them.
    drawings: Option<Kept>,
}

/// Where a diagram keeps its drawings across renders, and the key of its
/// whole graph, which is part of each drawing's key.
struct Kept {
    drawings: Arc<Mutex<Drawings>>,
    graph: u128,
}

/// The graph of a region, each node linking to its procedure (path from the site root).
pub fn graph(site: &Site, region: &Region) -> Graph {
    diagram::from_region(region, &site.levels, site.lang, |id| {
        urls::entity(&region.slug, Kind::Procedure, id)
    })
}

/// What a render keeps of the whole routes' diagrams for the next (the live
/// preview): their layouts, by the shape of their graph (what a layout
/// reads: not the nodes' links or ids), and their drawings, by everything
/// a drawing shows. An edit that leaves a route as it was (a body, a
/// region's name) then neither lays it out nor draws it again.
#[derive(Clone, Default)]
pub struct DiagramCache {
    layouts: HashMap<u128, Arc<OnceLock<Layout>>>,
    /// The graph each route draws (with off-page connectors, for a very
    /// large one), by the whole graph.
    drawn: HashMap<u128, Arc<OnceLock<Option<Graph>>>>,
    drawings: Arc<Mutex<Drawings>>,
}

impl DiagramCache {
    /// Starts the next rebuild: drawings that neither it nor the one before
    /// used are dropped then. (Renders in between, of outputs left for
    /// later, use the cache without starting a rebuild.)
    pub fn next_rebuild(&self) {
        if let Ok(mut drawings) = self.drawings.lock() {
            drawings.render += 1;
            let oldest = drawings.render - 1;
            drawings.by_key.retain(|_, (_, used)| *used >= oldest);
        }
    }
}

/// Drawings of whole routes, each with the render that last used it.
#[derive(Default)]
struct Drawings {
    by_key: HashMap<u128, (Arc<str>, u64)>,
    render: u64,
}

/// Every region's diagram. A layout does not read the nodes' links or ids,
/// so regions that inherit the same route unchanged share one layout: a
/// national build of 77 such regions lays it out once, not 77 times.
pub fn all(site: &Site) -> Vec<RegionDiagram> {
    let share = site.regions.len() > 1;
    // Nothing to share with one region (and the key is not free).
    let (mut diagrams, _) = all_from(site, share.then(DiagramCache::default).as_ref());
    // Drawings are kept only for a next render.
    for d in &mut diagrams {
        d.drawings = None;
    }
    diagrams
}

/// [`all`], taking the layouts and drawings of `before` for routes that
/// are as they were (the live preview, after an edit that leaves the route
/// alone); also gives what these diagrams use, for the next time.
pub fn all_from(site: &Site, before: Option<&DiagramCache>) -> (Vec<RegionDiagram>, DiagramCache) {
    let mut kept = DiagramCache {
        layouts: HashMap::new(),
        drawn: HashMap::new(),
        drawings: before.map(|b| Arc::clone(&b.drawings)).unwrap_or_default(),
    };
    let diagrams = (site.regions.iter())
        .map(|r| {
            let graph = graph(site, r);
            let Some(before) = before else {
                return RegionDiagram::with_layout(graph, site.lang, Arc::default());
            };
            let mut shape = graph.clone();
            for n in &mut shape.nodes {
                n.href.clear();
                n.key.clear();
            }
            let key = Fingerprint::of(&shape);
            let layout = (kept.layouts.entry(key))
                .or_insert_with(|| before.layouts.get(&key).cloned().unwrap_or_default())
                .clone();
            let whole = Fingerprint::of(&graph);
            let drawn = (kept.drawn.entry(whole))
                .or_insert_with(|| before.drawn.get(&whole).cloned().unwrap_or_default())
                .clone();
            let mut diagram = RegionDiagram::with_layout(graph, site.lang, layout);
            diagram.drawn = drawn;
            diagram.drawings = Some(Kept {
                drawings: Arc::clone(&kept.drawings),
                graph: whole,
            });
            diagram
        })
        .collect();
    (diagrams, kept)
}

impl RegionDiagram {
    pub fn new(site: &Site, region: &Region) -> RegionDiagram {
        RegionDiagram::with_layout(graph(site, region), site.lang, Arc::default())
    }

    /// The diagram of `graph`, whose layout goes in `layout` (perhaps shared).
    fn with_layout(graph: Graph, lang: crate::i18n::Lang, layout: Arc<OnceLock<Layout>>) -> RegionDiagram {
        RegionDiagram {
            graph,
            lang,
            drawn: Arc::default(),
            layout,
            incidence: OnceLock::new(),
            drawings: None,
        }
    }

    /// The graph the whole route draws (see [`RegionDiagram::drawn`]).
    fn drawn(&self) -> &Graph {
        let drawn = self
            .drawn
            .get_or_init(|| diagram::with_connectors(&self.graph, self.lang));
        drawn.as_ref().unwrap_or(&self.graph)
    }

    fn layout(&self) -> &Layout {
        self.layout.get_or_init(|| diagram::layout(self.drawn()))
    }

    /// The layout of the whole route, as [`RegionDiagram::standalone`] draws it.
    pub fn whole_layout(&self) -> &Layout {
        self.layout()
    }

    /// Makes the layout now, if no one has yet.
    pub fn lay_out(&self) {
        self.layout();
    }

    fn linked_from(graph: &Graph, prefix: &str) -> Graph {
        let mut g = graph.clone();
        for n in &mut g.nodes {
            n.href = format!("{prefix}{}", n.href);
        }
        g
    }

    fn svg(
        graph: &Graph,
        layout: &Layout,
        highlight: Option<&Highlight>,
        t: &Strings,
        id: &str,
        standalone: bool,
        lang: crate::i18n::Lang,
    ) -> String {
        diagram::render_svg(graph, layout, &Self::options(highlight, t, id, standalone, lang))
    }

    /// The whole route drawn with links from `root` and with `highlight`:
    /// kept from the render before when that drew the same (a drawing is a
    /// pure function of what its key holds), else drawn now.
    fn kept_svg(&self, root: &str, highlight: Option<&Highlight>, t: &Strings, id: &str) -> Arc<str> {
        let draw = || -> Arc<str> {
            let graph = Self::linked_from(self.drawn(), root);
            Self::svg(&graph, self.layout(), highlight, t, id, false, self.lang).into()
        };
        let Some(Kept { drawings, graph }) = &self.drawings else {
            return draw();
        };
        let options = Self::options(highlight, t, id, false, self.lang);
        // The drawn graph follows from the whole graph and the language.
        let key = Fingerprint::of(&(graph, root, highlight, options.title, options.desc, id, self.lang));
        let held = drawings.lock().ok().and_then(|mut d| {
            let render = d.render;
            let (svg, used) = d.by_key.get_mut(&key)?;
            *used = render;
            Some(Arc::clone(svg))
        });
        if let Some(svg) = held {
            return svg;
        }
        let svg = draw();
        if let Ok(mut d) = drawings.lock() {
            let render = d.render;
            d.by_key.insert(key, (Arc::clone(&svg), render));
        }
        svg
    }

    fn options<'a>(
        highlight: Option<&'a Highlight>,
        t: &'a Strings,
        id: &'a str,
        standalone: bool,
        lang: crate::i18n::Lang,
    ) -> SvgOptions<'a> {
        SvgOptions {
            highlight,
            title: t.get("diagram_title"),
            desc: t.get("diagram_desc"),
            standalone,
            id_prefix: id,
            lang,
        }
    }

    /// The whole route, for a page whose links start with `root`.
    pub fn whole(&self, root: &str, t: &Strings) -> Arc<str> {
        self.kept_svg(root, None, t, "zr-d")
    }

    /// The whole route with `route` highlighted.
    pub fn route(&self, root: &str, route: &Route, t: &Strings) -> Arc<str> {
        let steps = diagram::route_nodes(route);
        let highlight = Highlight::route(self.drawn(), &steps);
        self.kept_svg(root, Some(&highlight), t, "zr-r")
    }

    /// What leads to procedure `ix` and where it leads, one step each way.
    pub fn neighbourhood(&self, root: &str, ix: ProcIx, t: &Strings, lang: crate::i18n::Lang) -> String {
        // Cut the neighbourhood out first: prefixing every node's link of an
        // 700-procedure region on each procedure page made the build quadratic.
        let (graph, focus) = diagram::neighbourhood(&self.graph, self.incidence(), ix.get());
        let graph = Self::linked_from(&graph, root);
        let layout = diagram::layout(&graph);
        let highlight = Highlight::focus(&graph, focus);
        Self::svg(&graph, &layout, Some(&highlight), t, "zr-n", false, lang)
    }

    /// `diagram.svg`: a file of its own in the region folder.
    pub fn standalone(&self, region: &Region, t: &Strings, lang: crate::i18n::Lang) -> String {
        Self::svg(
            &self.graph_linked_from_region_folder(region),
            self.layout(),
            None,
            t,
            "zr-s",
            true,
            lang,
        )
    }

    /// The parts `views` of the whole route, each a file of its own like
    /// [`Self::standalone`] that holds only what it shows (the PDF's pages).
    pub fn standalone_parts(
        &self,
        region: &Region,
        t: &Strings,
        lang: crate::i18n::Lang,
        views: &[diagram::Rect],
    ) -> Vec<String> {
        let graph = self.graph_linked_from_region_folder(region);
        let options = Self::options(None, t, "zr-s", true, lang);
        (views.iter())
            .map(|&view| diagram::render_part(&graph, self.layout(), &options, view))
            .collect()
    }

    /// The drawn graph with links from the region's folder.
    fn graph_linked_from_region_folder(&self, region: &Region) -> Graph {
        let mut graph = self.drawn().clone();
        let prefix = format!("{}/", region.slug);
        for n in &mut graph.nodes {
            n.href = n.href.strip_prefix(&prefix).unwrap_or(&n.href).to_string();
        }
        graph
    }

    /// The edges at each procedure of the whole route, made once.
    fn incidence(&self) -> &diagram::Incidence {
        self.incidence.get_or_init(|| diagram::Incidence::of(&self.graph))
    }

    /// The same graph as a list per level, for readers who do not see the picture.
    pub fn outline(&self) -> Vec<OutlineLevel> {
        let incidence = self.incidence();
        self.graph
            .lanes
            .iter()
            .enumerate()
            .map(|(lane, l)| OutlineLevel {
                title: l.title.clone(),
                items: self
                    .graph
                    .nodes
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| n.lane == lane)
                    .map(|(i, n)| OutlineItem {
                        procedure: Link::new(&n.title, n.href.clone()),
                        to: (incidence.leaving(&self.graph, i))
                            .map(|e| {
                                let target = &self.graph.nodes[e.to];
                                OutlineEdge {
                                    procedure: Link::new(&target.title, target.href.clone()),
                                    when: e.labels.clone(),
                                    escalation: e.kind == EdgeKind::Escalation,
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect()
    }
}

#[derive(Debug, Serialize)]
pub struct OutlineLevel {
    pub title: String,
    pub items: Vec<OutlineItem>,
}

#[derive(Debug, Serialize)]
pub struct OutlineItem {
    pub procedure: Link,
    pub to: Vec<OutlineEdge>,
}

#[derive(Debug, Serialize)]
pub struct OutlineEdge {
    pub procedure: Link,
    pub when: Vec<String>,
    pub escalation: bool,
}
