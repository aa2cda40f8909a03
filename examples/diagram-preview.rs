//! The example content's care-route diagrams, for a person to look at and for
//! tuning the layout. A tool, not a test: it checks nothing.
//!
//! ```sh
//! ZR_DIAGRAM_PREVIEW=/tmp cargo run --release --example diagram-preview
//! cargo run --release --example diagram-preview -- survey
//! ```
//!
//! - `preview` (the default) writes, per region, into `$ZR_DIAGRAM_PREVIEW`
//!   (default `/tmp`): `diag-<region>.html` with the whole route, each route
//!   highlighted and one procedure's neighbourhood, and the same pictures as
//!   files of their own (`diag-<region>.svg`, `diag-<region>-route<N>.svg`,
//!   `diag-<region>-hood.svg`); it prints each region's size and crossings.
//! - `survey` prints the crossings (as ordered / as drawn) and the width of
//!   each region's route and of generated routes of 10 to 60 procedures, and
//!   the total of those drawn: the number a change to the layout should lower.

use std::path::Path;
use std::sync::Arc;

use zorgroute::diagram::{self, Graph, Highlight, SvgOptions};
use zorgroute::model::{Region, Site};

fn main() {
    match std::env::args().nth(1).as_deref() {
        None | Some("preview") => preview(),
        Some("survey") => survey(),
        Some(other) => {
            eprintln!("unknown mode `{other}`: the modes are `preview` (the default) and `survey`");
            std::process::exit(2);
        }
    }
}

/// The example content (`content/` of this repository), checked.
fn example_site() -> Arc<Site> {
    let checked = zorgroute::check(Path::new(env!("CARGO_MANIFEST_DIR")));
    checked.resolved.expect("example content resolves").site
}

/// A region's whole route, its procedures linked from the region's home.
fn region_graph(site: &Site, region: &Region) -> Graph {
    diagram::from_region(region, &site.levels, site.lang, |id| format!("procedures/{id}/"))
}

fn preview() {
    let out = std::env::var("ZR_DIAGRAM_PREVIEW").unwrap_or_else(|_| "/tmp".into());
    let site = example_site();
    for region in &site.regions {
        let graph = region_graph(&site, region);
        let layout = diagram::layout(&graph);
        // Every picture below differs from this in a few fields only.
        let base = SvgOptions {
            highlight: None,
            title: "Zorgroute",
            desc: "",
            standalone: false,
            id_prefix: "full",
            lang: site.lang,
        };
        let mut page = String::from("<!doctype html><meta charset=utf-8><body style=\"margin:0\">");
        let svg = diagram::render_svg(
            &graph,
            &layout,
            &SvgOptions {
                title: &format!("Zorgroute {}", region.name),
                desc: "Alle procedures per niveau, met escalaties.",
                ..base
            },
        );
        page.push_str(&svg);
        for (r, route) in region.routes.iter().enumerate() {
            let hl = Highlight::route(&graph, &diagram::route_nodes(route));
            // The route's picture on the page and as a file of its own.
            let highlighted = SvgOptions {
                highlight: Some(&hl),
                title: &route.title,
                desc: "Route gemarkeerd.",
                ..base
            };
            let svg = diagram::render_svg(
                &graph,
                &layout,
                &SvgOptions {
                    id_prefix: &format!("route{r}"),
                    ..highlighted
                },
            );
            page.push_str(&svg);
            let standalone = diagram::render_svg(
                &graph,
                &layout,
                &SvgOptions {
                    standalone: true,
                    id_prefix: "r",
                    ..highlighted
                },
            );
            std::fs::write(format!("{out}/diag-{}-route{r}.svg", region.slug), standalone).expect("write preview");
        }
        let centre = graph.find("ondersteuningsteam").unwrap_or(0);
        let (hood, focus) = diagram::neighbourhood(&graph, &diagram::Incidence::of(&graph), centre);
        let hl = Highlight::focus(&hood, focus);
        let hl_layout = diagram::layout(&hood);
        // The neighbourhood inline in the page and as a file of its own.
        let hood_svg = |standalone, id_prefix| {
            diagram::render_svg(
                &hood,
                &hl_layout,
                &SvgOptions {
                    highlight: Some(&hl),
                    title: "Waar deze procedure zit",
                    standalone,
                    id_prefix,
                    ..base
                },
            )
        };
        page.push_str(&hood_svg(false, "hood"));
        std::fs::write(format!("{out}/diag-{}-hood.svg", region.slug), hood_svg(true, "h")).expect("write preview");
        std::fs::write(format!("{out}/diag-{}.html", region.slug), page).expect("write preview");
        let standalone = diagram::render_svg(
            &graph,
            &layout,
            &SvgOptions {
                standalone: true,
                id_prefix: "d",
                ..base
            },
        );
        std::fs::write(format!("{out}/diag-{}.svg", region.slug), standalone).expect("write preview");
        println!(
            "{}: {} nodes, {} edges, {}x{} px, {} crossings (ordering), {} crossings (drawn)",
            region.slug,
            graph.nodes.len(),
            graph.edges.len(),
            layout.width,
            layout.height,
            layout.crossings,
            layout.path_crossings()
        );
    }
}

fn survey() {
    let site = example_site();
    let mut total = 0;
    for region in &site.regions {
        let l = diagram::layout(&region_graph(&site, region));
        println!(
            "{}: {} / {} w={}",
            region.slug,
            l.crossings,
            l.path_crossings(),
            l.width
        );
        total += l.path_crossings();
    }
    for n in [10, 20, 30, 45, 60] {
        let graph = diagram::sample::bench_graph(n);
        let l = diagram::layout(&graph);
        println!("bench{n}: {} / {} w={}", l.crossings, l.path_crossings(), l.width);
        total += l.path_crossings();
    }
    println!("TOTAL {total}");
}
