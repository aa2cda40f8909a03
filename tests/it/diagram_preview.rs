//! Renders the example content's diagrams to HTML files for a visual check:
//! `ZR_DIAGRAM_PREVIEW=/tmp cargo test --test it diagram_preview:: -- --ignored`.

use std::path::Path;

use zorgroute::diagram::{self, Highlight, SvgOptions};

#[test]
#[ignore = "writes preview files; run by hand"]
fn preview_example_content() {
    let out = std::env::var("ZR_DIAGRAM_PREVIEW").unwrap_or_else(|_| "/tmp".into());
    let checked = zorgroute::check(Path::new(env!("CARGO_MANIFEST_DIR")));
    let site = checked.resolved.expect("example content resolves").site;
    for region in &site.regions {
        let graph = diagram::from_region(region, &site.levels, site.lang, |id| format!("procedures/{id}/"));
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
        let (hood, focus) = diagram::neighbourhood(&graph, graph.find("ondersteuningsteam").unwrap_or(0));
        let hl = Highlight::focus(&hood, focus);
        let hl_layout = diagram::layout(&hood);
        page.push_str(&diagram::render_svg(
            &hood,
            &hl_layout,
            &SvgOptions {
                highlight: Some(&hl),
                title: "Waar deze procedure zit",
                id_prefix: "hood",
                ..base
            },
        ));
        let hood_svg = diagram::render_svg(
            &hood,
            &hl_layout,
            &SvgOptions {
                highlight: Some(&hl),
                title: "Waar deze procedure zit",
                standalone: true,
                id_prefix: "h",
                ..base
            },
        );
        std::fs::write(format!("{out}/diag-{}-hood.svg", region.slug), hood_svg).expect("write preview");
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

#[test]
#[ignore = "prints crossing counts for tuning"]
fn crossing_survey() {
    let checked = zorgroute::check(Path::new(env!("CARGO_MANIFEST_DIR")));
    let site = checked.resolved.expect("example content resolves").site;
    let mut total = 0;
    for region in &site.regions {
        let graph = diagram::from_region(region, &site.levels, site.lang, |id| format!("procedures/{id}/"));
        let l = diagram::layout(&graph);
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
        let graph = diagram::bench_graph(n);
        let l = diagram::layout(&graph);
        println!("bench{n}: {} / {} w={}", l.crossings, l.path_crossings(), l.width);
        total += l.path_crossings();
    }
    println!("TOTAL {total}");
}
