//! The care-route diagram: a layered layout of a region's procedures in one
//! lane per level, drawn as SVG at build time (no JavaScript, no graphviz).
//!
//! ```text
//! let graph = diagram::from_region(region, &site.levels, lang, |id| format!("procedures/{id}/"));
//! let layout = diagram::layout(&graph);
//! let svg = diagram::render_svg(&graph, &layout, &SvgOptions { .. });
//! ```
//!
//! - [`graph`]: what is drawn (lanes, nodes, edges), from the model or by hand;
//! - [`mod@layout`]: where (a Sugiyama-style layered layout in swimlanes);
//! - [`connectors`]: long edges of a very large route as off-page connectors;
//! - [`svg`]: how (accessible, class-styled, deterministic SVG);
//! - [`paper`]: the whole route cut into parts a landscape page can show;
//! - [`text`]: text width estimates, wrapping and escaping;
//! - [`sample`]: generated care-route-like graphs for the tests, the
//!   diagram benchmark and the layout survey (`examples/diagram-preview.rs`).
//!
//! [`stylesheet`] returns the CSS every SVG embeds, for pages that want to
//! carry (or override) it.

pub mod connectors;
pub mod graph;
pub mod layout;
pub mod paper;
pub mod sample;
pub mod svg;
pub mod text;

pub use connectors::with_connectors;
pub use graph::{from_region, neighbourhood, route_nodes, Connector, Edge, EdgeKind, Graph, Incidence, Lane, Node};
pub use layout::{layout, EdgePath, LabelBox, LaneBox, Layout, NodeBox, Point, Rect};
pub use svg::{for_print, plain_stylesheet, render_part, render_svg, stylesheet, Highlight, SvgOptions};
