//! Markdown bodies, compiled once per file: HTML with stable heading anchors,
//! highlighted code, and `@kind/id#anchor` links left as placeholders that the
//! render stage fills in per region and per page depth.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::raw::markdown::{options, placeholder, Heading, LinkTarget, Markdown, MdLink};

/// Anchors the default theme gives its own sections; body headings never take them.
pub const THEME_ANCHORS: &[&str] = &[
    "inhoud",
    "navigatie",
    "stappen",
    "escalatie",
    "herkomst",
    "documenten",
    "routes",
    "afspraken",
    "contact",
    "leden",
    "lid-van",
    "verantwoordelijk",
    "doet-mee",
    "toezeggingen",
    "overzicht",
    "toc-title",
    "ingangen",
    "per-niveau",
    "organisatie",
    "invoering",
    "indicatoren",
    "scholen",
    "zorgroute",
    "zorgroute-in-woorden",
    "in-de-route",
];

/// Compiles `body`, which starts at byte `offset` of its file. `reserved`
/// anchors (e.g. `stap-1`) are never given to headings, so deep links to
/// steps stay unique.
pub fn compile(body: &str, offset: usize, reserved: &HashSet<String>) -> Markdown {
    let mut events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, options()).into_offset_iter().collect();
    let mut md = Markdown {
        source: body.to_string(),
        ..Markdown::default()
    };

    // A body that uses `#` headings is shifted one level down: the page title is the only h1.
    let shift = events.iter().any(|(e, _)| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });
    let mut used: HashSet<String> = reserved.clone();
    used.extend(THEME_ANCHORS.iter().map(|a| a.to_string()));
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::Heading { .. }) => {
                let end = (i..events.len())
                    .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
                    .unwrap_or(events.len() - 1);
                let text: String = events[i + 1..end]
                    .iter()
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                if let Event::Start(Tag::Heading { level, id, .. }) = &mut events[i].0 {
                    let new_level = if shift { deeper(*level) } else { *level };
                    *level = new_level;
                    let anchor = match id {
                        Some(given) => given.to_string(),
                        None => unique(&mut used, &heading_slug(&text)),
                    };
                    used.insert(anchor.clone());
                    *id = Some(CowStr::from(anchor.clone()));
                    md.headings.push(Heading {
                        level: new_level as u8,
                        id: anchor,
                        text: text.trim().to_string(),
                    });
                }
                if let Event::End(TagEnd::Heading(level)) = &mut events[end].0 {
                    if shift {
                        *level = deeper(*level);
                    }
                }
                i = end + 1;
            }
            _ => i += 1,
        }
    }

    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut code: Option<(String, String)> = None;
    for (event, range) in events {
        if let Some((lang, buf)) = &mut code {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = crate::load::highlight::code_block(buf, lang);
                    out.push(Event::Html(CowStr::from(html)));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                md.has_code = true;
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if dest_url.starts_with('@') => {
                let n = md.links.len();
                md.links.push(MdLink {
                    target: LinkTarget::parse(&dest_url).ok_or_else(|| dest_url.to_string()),
                    span: offset + range.start..offset + range.end,
                });
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(placeholder(n)),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(CowStr::Borrowed("<div class=\"table-scroll\">")));
                out.push(event);
            }
            Event::End(TagEnd::Table) => {
                out.push(event);
                out.push(Event::Html(CowStr::Borrowed("</div>")));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                md.text.push_str(t);
                out.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                md.text.push(' ');
                out.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                md.text.push('\n');
                out.push(event);
            }
            other => out.push(other),
        }
    }
    md.html.reserve(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut md.html, out.into_iter());
    md.digest = {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        md.html.hash(&mut h);
        h.finish()
    };
    md
}

fn deeper(level: HeadingLevel) -> HeadingLevel {
    use HeadingLevel::*;
    match level {
        H1 => H2,
        H2 => H3,
        H3 => H4,
        H4 => H5,
        _ => H6,
    }
}

/// The anchor of a heading text; `kop` when the text has no letters or digits.
pub fn heading_slug(text: &str) -> String {
    let s = crate::values::slugify(text);
    if s.is_empty() {
        "kop".to_string()
    } else {
        s
    }
}

fn unique(used: &mut HashSet<String>, base: &str) -> String {
    if !used.contains(base) {
        return base.to_string();
    }
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !used.contains(c))
        .unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::Kind;

    #[test]
    fn headings_get_stable_unique_anchors() {
        let md = compile(
            "## Wat doe je?\n\ntekst\n\n## Wat doe je?\n\n### Stap 1 {#eigen}\n",
            0,
            &HashSet::new(),
        );
        let ids: Vec<_> = md.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["wat-doe-je", "wat-doe-je-1", "eigen"]);
        assert!(md.html.contains("<h2 id=\"wat-doe-je\">"));
    }

    #[test]
    fn h1_in_body_is_shifted_down() {
        let md = compile("# Titel\n\n## Sub\n", 0, &HashSet::new());
        assert!(md.html.contains("<h2 id=\"titel\">"));
        assert!(md.html.contains("<h3 id=\"sub\">"));
    }

    #[test]
    fn reserved_step_anchors_are_not_reused() {
        let reserved: HashSet<String> = ["stap-1".to_string()].into();
        let md = compile("## Stap 1\n", 0, &reserved);
        assert_eq!(md.headings[0].id, "stap-1-1");
    }

    #[test]
    fn at_links_become_placeholders_with_positions() {
        let body = "Zie [de bespreking](@procedure/leerlingbespreking#stap-2) en [x](@bogus).";
        let md = compile(body, 10, &HashSet::new());
        assert_eq!(md.links.len(), 2);
        let first = md.links[0].target.as_ref().unwrap();
        assert_eq!(first.kind, Kind::Procedure);
        assert_eq!(first.id, "leerlingbespreking");
        assert_eq!(first.anchor.as_deref(), Some("stap-2"));
        assert_eq!(
            &body[md.links[0].span.start - 10..md.links[0].span.end - 10],
            "[de bespreking](@procedure/leerlingbespreking#stap-2)"
        );
        assert!(md.links[1].target.is_err());
        assert!(md.html.contains("href=\"zorgroute:link/0\""));
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let md = compile("```yaml\nfoo: 1\n```\n", 0, &HashSet::new());
        assert!(md.has_code);
        assert!(md.html.contains("class=\"hl-"), "{}", md.html);
    }
}
