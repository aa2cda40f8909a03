//! Compiled Markdown bodies as data: the HTML with `@kind/id#anchor` links
//! left as placeholders, the links with their positions, and the headings.
//! `load::markdown` makes them; [`fill_links`] puts each page's relative link
//! targets in when a page or an export shows a body.

use std::ops::Range;

use crate::kinds::Kind;

/// A compiled Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    /// HTML; every `@` link's href is [`placeholder`]`(n)` for `links[n]`.
    pub html: String,
    pub links: Vec<MdLink>,
    pub headings: Vec<Heading>,
    pub has_code: bool,
    /// The body as plain text (for summaries and search).
    pub text: String,
    /// A hash of the HTML: what incremental rebuilds compare instead of the text.
    pub digest: u64,
    /// The Markdown as written, for outputs that are not HTML (the PDF
    /// parses it again with [`options`]: its headings and `@` links come in
    /// the order of `headings` and `links`).
    pub source: String,
}

/// The Markdown extensions every body is parsed with.
pub fn options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// An `@kind/id#anchor` link in a body, with its position in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MdLink {
    pub target: Result<LinkTarget, String>,
    /// Byte range of the link in the whole file.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    pub kind: Kind,
    pub id: String,
    pub anchor: Option<String>,
}

impl LinkTarget {
    /// Parses `@procedure/leerlingbespreking#stap-2`.
    pub fn parse(dest: &str) -> Option<LinkTarget> {
        let rest = dest.strip_prefix('@')?;
        let (path, anchor) = match rest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (rest, None),
        };
        let (kind, id) = path.split_once('/')?;
        let kind = Kind::from_link_word(kind)?;
        let id = id.trim_end_matches('/');
        if id.is_empty() || id.contains('/') {
            return None;
        }
        Some(LinkTarget {
            kind,
            id: id.to_string(),
            anchor: anchor.filter(|a| !a.is_empty()),
        })
    }
}

/// A heading of a body with its anchor id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The href a compiled body carries for its `n`-th `@` link.
pub fn placeholder(n: usize) -> String {
    format!("zorgroute:link/{n}")
}

/// Prefix of every placeholder href, for the render stage to find them.
pub const PLACEHOLDER_PREFIX: &str = "zorgroute:link/";

/// Puts each `@` link's target, relative to this page, into the body HTML.
pub fn fill_links(html: &str, targets: &[String], root: &str) -> String {
    if targets.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + targets.len() * 32);
    let mut rest = html;
    while let Some(pos) = rest.find(PLACEHOLDER_PREFIX) {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + PLACEHOLDER_PREFIX.len()..];
        let digits = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
        match after[..digits].parse::<usize>().ok().and_then(|n| targets.get(n)) {
            Some(target) if target != "#" => {
                out.push_str(root);
                out.push_str(target);
            }
            _ => out.push('#'),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_relative_links() {
        let html = r#"<a href="zorgroute:link/0">a</a> <a href="zorgroute:link/1">b</a>"#;
        let targets = vec!["w/procedures/x/index.html#stap-2".to_string(), "#".to_string()];
        assert_eq!(
            fill_links(html, &targets, "../../../"),
            r##"<a href="../../../w/procedures/x/index.html#stap-2">a</a> <a href="#">b</a>"##
        );
    }
}
