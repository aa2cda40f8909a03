//! Markdown bodies as Typst markup: the body parsed again with the options
//! it was compiled with, each event written as markup in which every
//! character of the text stands for itself (escaped), so a body can say
//! `#`, `*` or `@` without typesetting anything. Headings keep the anchors
//! the HTML gave them (as labels under the entity's prefix), and `@` links
//! become links to the labels of the entities they name.

use std::borrow::Cow;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::raw::markdown::{options, Markdown};

/// How a body's headings and links fit in the document.
pub struct Place<'a> {
    /// The prefix of the labels of the body's headings (`procedure-x-`).
    pub prefix: &'a str,
    /// The Typst level of the body's `##` headings.
    pub heading: u8,
    /// The label that the body's `n`-th `@` link goes to, if it is in the document.
    pub link: &'a dyn Fn(usize) -> Option<String>,
}

/// Text as Typst markup that shows exactly that text: every ASCII
/// punctuation character escaped, every run of white space one space.
pub fn text(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c.is_whitespace() && c != '\u{a0}' {
            out.push(' ');
        } else if c.is_control() {
            // Nothing to show.
        } else {
            out.push(c);
        }
    }
}

/// A Typst string literal of `s`.
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `body` as Typst markup placed at `place`.
pub fn body(md: &Markdown, place: &Place<'_>) -> String {
    let mut out = String::with_capacity(md.source.len() * 5 / 4 + 64);
    // What ends each open element, innermost last.
    let mut closers: Vec<Cow<'static, str>> = Vec::new();
    let (mut headings, mut links) = (0usize, 0usize);
    let mut last_level = place.heading.saturating_sub(1);
    let mut code: Option<(String, String)> = None;
    for event in Parser::new_ext(&md.source, options()) {
        if let Some((lang, buf)) = &mut code {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    out.push_str("#raw(block: true, ");
                    if !lang.is_empty() {
                        out.push_str("lang: ");
                        string(&mut out, lang);
                        out.push_str(", ");
                    }
                    string(&mut out, buf.trim_end_matches('\n'));
                    out.push_str(")\n\n");
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Heading { .. }) => {
                let heading = md.headings.get(headings);
                headings += 1;
                // A heading with no words is no heading (PDF/UA wants a title).
                let Some(h) = heading.filter(|h| !h.text.is_empty()) else {
                    closers.push(Cow::Borrowed("\n\n"));
                    continue;
                };
                // As written, but never more than one below the heading
                // before it: PDF/UA wants no level skipped.
                let level = (h.level.max(2) - 2 + place.heading).min(last_level + 1);
                last_level = level;
                out.push_str(&format!(
                    "#heading(level: {level}, outlined: false, bookmarked: false)["
                ));
                // The label follows the heading's closing bracket.
                let mut closer = String::from("] #label(");
                string(&mut closer, &format!("{}{}", place.prefix, h.id));
                closer.push_str(")\n\n");
                closers.push(Cow::Owned(closer));
            }
            Event::Start(tag) => open(&mut out, &mut closers, tag, place, &mut links),
            Event::End(end) => {
                if let Some(closer) = closers.pop() {
                    out.push_str(&closer);
                }
                if matches!(end, TagEnd::Paragraph) {
                    out.push_str("\n\n");
                }
            }
            Event::Text(t) => text(&mut out, &t),
            Event::Code(t) => {
                out.push_str("#raw(");
                string(&mut out, &t);
                out.push(')');
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("#linebreak()"),
            Event::Rule => out.push_str("#line(length: 100%)\n\n"),
            Event::FootnoteReference(name) => {
                out.push_str("#super[");
                text(&mut out, &name);
                out.push(']');
            }
            // Raw HTML has no meaning on paper; its text, if any, is in the events around it.
            _ => {}
        }
    }
    out
}

/// Opens the element of `tag`, pushing what closes it.
fn open(out: &mut String, closers: &mut Vec<Cow<'static, str>>, tag: Tag<'_>, place: &Place<'_>, links: &mut usize) {
    let (opening, closer): (String, &'static str) = match tag {
        Tag::Paragraph => (String::new(), ""),
        Tag::Emphasis => ("#emph[".into(), "]"),
        Tag::Strong => ("#strong[".into(), "]"),
        Tag::Strikethrough => ("#strike[".into(), "]"),
        Tag::BlockQuote(_) => ("#quote(block: true)[".into(), "]\n\n"),
        Tag::List(None) => ("#list(".into(), ")\n\n"),
        Tag::List(Some(start)) => (format!("#enum(start: {start}, "), ")\n\n"),
        Tag::Item => ("[".into(), "],"),
        Tag::Table(aligns) => (format!("#table(columns: {}, ", aligns.len().max(1)), ")\n\n"),
        Tag::TableHead => ("table.header(".into(), "),"),
        Tag::TableRow => (String::new(), ""),
        Tag::TableCell => ("[".into(), "],"),
        Tag::FootnoteDefinition(name) => {
            let mut o = String::from("#block[#super[");
            text(&mut o, &name);
            o.push_str("] ");
            (o, "]\n\n")
        }
        Tag::Link { dest_url, .. } if dest_url.starts_with('@') => {
            let n = *links;
            *links += 1;
            match (place.link)(n) {
                Some(label) => {
                    let mut o = String::from("#link(label(");
                    string(&mut o, &label);
                    o.push_str("))[");
                    (o, "]")
                }
                None => (String::new(), ""),
            }
        }
        Tag::Link { dest_url, .. } if is_external(&dest_url) => {
            let mut o = String::from("#link(");
            string(&mut o, &dest_url);
            o.push_str(")[");
            (o, "]")
        }
        // An image shows its description, in italics.
        Tag::Image { .. } => ("#emph[".into(), "]"),
        _ => (String::new(), ""),
    };
    out.push_str(&opening);
    closers.push(Cow::Borrowed(closer));
}

/// Whether a link leaves the handbook for a place a reader of paper can reach.
fn is_external(url: &str) -> bool {
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|p| url.starts_with(p))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use proptest::prelude::*;
    use typst::syntax::{parse, SyntaxKind, SyntaxNode};

    use super::*;

    /// What `node` shows, into `out`; false when it holds anything but text.
    fn shown(node: &SyntaxNode, out: &mut String) -> bool {
        match node.kind() {
            SyntaxKind::Markup => node.children().all(|c| shown(c, out)),
            SyntaxKind::Text => {
                out.push_str(node.leaf_text());
                true
            }
            SyntaxKind::Escape => {
                out.push_str(&node.leaf_text()[1..]);
                true
            }
            SyntaxKind::Space => {
                out.push(' ');
                true
            }
            _ => false,
        }
    }

    fn spaces_folded(s: &str) -> String {
        s.split(|c: char| c.is_whitespace() && c != '\u{a0}')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn no_links(_: usize) -> Option<String> {
        None
    }

    proptest! {
        /// Any text, markup characters and all, is text in Typst and shows as written.
        #[test]
        fn text_shows_exactly_itself(s in "[#*_@$<>\\\\`\\[\\]=+/~'\":.;,a-z0-9 \\-\n]{0,40}|\\PC{0,30}") {
            let mut markup = String::new();
            text(&mut markup, &s);
            let mut out = String::new();
            prop_assert!(shown(&parse(&markup), &mut out), "{} is more than text", markup);
            prop_assert_eq!(spaces_folded(&out), spaces_folded(&s));
        }

        /// Any string is one Typst string literal.
        #[test]
        fn strings_stay_strings(s in "\\PC{0,40}|[\"\\\\\n\t\\x00-\\x1f]{0,10}") {
            let mut code = String::from("#raw(");
            string(&mut code, &s);
            code.push(')');
            prop_assert!(parse(&code).errors_and_warnings().0.is_empty(), "{}", code);
        }
    }

    #[test]
    fn markdown_becomes_markup_that_parses() {
        let source = "## Kop met `#code` *en* _nadruk_\n\nTekst met # * _ @ $ < > \\ ` en [een link](https://example.nl) en [@](@procedure/x).\n\n- een\n- twee\n  1. drie\n\n| a | b |\n|---|---|\n| # | * |\n\n```yaml\nkey: \"`\\\"\n```\n\n> citaat[^1]\n\n[^1]: voetnoot\n";
        let md = crate::load::markdown::compile(source, 0, &HashSet::new());
        let link = |n: usize| (n == 0).then(|| "procedure-x".to_string());
        let markup = body(
            &md,
            &Place {
                prefix: "p-",
                heading: 4,
                link: &link,
            },
        );
        assert!(parse(&markup).errors_and_warnings().0.is_empty(), "{markup}");
        assert!(
            markup.contains("#heading(level: 4, outlined: false, bookmarked: false)["),
            "{markup}"
        );
        assert!(markup.contains("#label(\"p-kop-met-code-en-nadruk\")"), "{markup}");
        assert!(markup.contains("#link(\"https://example.nl\")["), "{markup}");
        assert!(markup.contains("#link(label(\"procedure-x\"))[\\@]"), "{markup}");
        let plain = body(
            &md,
            &Place {
                prefix: "p-",
                heading: 4,
                link: &no_links,
            },
        );
        assert!(!plain.contains("label(\"procedure-x\")"), "{plain}");
    }
}
