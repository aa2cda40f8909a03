//! The SVG of one small hand-built diagram, byte for byte: every change to
//! the drawing shows up as a snapshot diff to review.

use zorgroute::diagram::{self, EdgeKind, Graph, Highlight, Lane, Node, SvgOptions};
use zorgroute::i18n::Lang;

/// Two levels with procedures, one empty level, a route of three steps, an
/// escalation, a case sent back down, a self-loop, and text to escape.
fn small_route() -> Graph {
    let lanes = [
        ("groep", "Groepsniveau"),
        ("school", "Schoolniveau"),
        ("swv", "Bovenschools"),
        ("extern", "Extern"),
    ];
    let nodes = [
        (
            "hgw",
            "Handelingsgericht werken",
            Some("Leerkracht"),
            Some("6 weken"),
            0,
        ),
        ("gesprek", "Gesprek met ouders & kind", Some("Leerkracht"), None, 0),
        (
            "bespreking",
            "Leerlingbespreking",
            Some("Intern begeleider"),
            Some("4 weken"),
            1,
        ),
        (
            "ot",
            "Bespreking in het ondersteuningsteam",
            Some("Intern begeleider"),
            Some("8 weken + 3 maanden"),
            1,
        ),
        ("jeugdhulp", "Verwijzing naar jeugdhulp", Some("Wijkteam"), None, 3),
    ];
    let mut g = Graph {
        lanes: lanes
            .iter()
            .map(|&(id, title)| Lane {
                id: id.into(),
                title: title.into(),
            })
            .collect(),
        nodes: nodes
            .iter()
            .map(|&(key, title, owner, limit, lane)| Node {
                key: key.into(),
                title: title.into(),
                owner: owner.map(Into::into),
                limit: limit.map(Into::into),
                lane,
                href: format!("procedures/{key}/"),
                connector: None,
            })
            .collect(),
        edges: Vec::new(),
    };
    g.add_edge(0, 2, Some("De leerling haalt de doelen niet"), EdgeKind::Route);
    g.add_edge(
        2,
        3,
        Some("De aanpak werkt na zes weken niet genoeg of er is kennis van buiten de school nodig"),
        EdgeKind::Route,
    );
    g.add_edge(0, 1, Some("Zorgen over <thuis>"), EdgeKind::Escalation);
    g.add_edge(3, 4, Some("Ouders willen hulp thuis"), EdgeKind::Escalation);
    g.add_edge(3, 0, Some("De adviezen passen in het groepsplan"), EdgeKind::Escalation);
    g.add_edge(0, 0, Some("Nieuwe cyclus"), EdgeKind::Escalation);
    g
}

#[test]
fn small_route_svg() {
    let g = small_route();
    let layout = diagram::layout(&g);
    let hl = Highlight::route(&g, &[0, 2, 3]);
    let svg = diagram::render_svg(
        &g,
        &layout,
        &SvgOptions {
            highlight: Some(&hl),
            title: "Route: van signaal tot ondersteuningsteam",
            desc: "De route staat ook als tekst onder de afbeelding.",
            standalone: true,
            id_prefix: "snap",
            lang: Lang::Nl,
        },
    );
    insta::assert_snapshot!(svg);
}

#[test]
fn inline_svg_has_no_xml_declaration() {
    let g = small_route();
    let layout = diagram::layout(&g);
    let svg = diagram::render_svg(
        &g,
        &layout,
        &SvgOptions {
            highlight: None,
            title: "Zorgroute",
            desc: "",
            standalone: false,
            id_prefix: "a",
            lang: Lang::En,
        },
    );
    assert!(svg.starts_with("<svg class=\"zr-diagram\""));
    assert!(svg.contains("aria-labelledby=\"a-title\""));
    assert!(svg.contains("marker-end=\"url(#a-arrow-route)\""));
    assert!(svg.contains("Owner: Intern begeleider"));
    // Without a highlight nothing is dimmed (the stylesheet names the class).
    assert!(!svg.contains(" zr-dim\""));
}
