//! The print view: a region's whole handbook on one page in reading order
//! (the draaiboek to print or save as PDF), and the running header that every
//! printed page of the region carries.

use std::sync::OnceLock;

use regex::{Captures, Regex};
use serde::Serialize;

use super::forms::FormGroup;
use super::html::{parts, Part};
use super::views::{levels_with, ActorView, AgreementView, PageView, ProcedureView, RouteView, Titled, Views};
use crate::i18n::Strings;
use crate::kinds::Kind;
use crate::model::*;

/// The heading level of the print view's parts ("Procedures", "Actors", ...).
const PART_HEADING: u8 = 2;

/// One entity in the print view: its view, its body made fit to share the
/// page with all others, and the id of its heading.
#[derive(Serialize)]
pub struct Entry<V> {
    pub anchor: String,
    /// Prefix of every id inside the entry.
    pub prefix: String,
    pub view: V,
    pub body: String,
}

impl<V> Entry<V> {
    /// The entry of entity `id` of `kind`, its body (if any) adapted to sit
    /// under a heading of level `heading`.
    fn new(view: V, kind: &str, id: &str, body: Option<String>, heading: u8) -> Entry<V> {
        let anchor = anchor(kind, id);
        let prefix = format!("{anchor}-");
        let body = body.map_or_else(String::new, |html| adapt_body(&html, &prefix, heading - 1));
        Entry {
            anchor,
            prefix,
            view,
            body,
        }
    }
}

/// The id of the heading of entity `id` of `kind` (`procedure`, `actor`, ...).
fn anchor(kind: &str, id: &str) -> String {
    format!("{kind}-{id}")
}

/// An entry in the print view's table of contents.
#[derive(Serialize)]
pub struct TocEntry {
    pub anchor: String,
    pub title: String,
}

/// What the print view's frame shows of the handbook (`print.html`): the
/// introduction, and every entry's title for the table of contents. The
/// entries themselves are rendered one by one ([`pieces`]).
#[derive(Serialize)]
pub struct Toc {
    pub intro: Option<String>,
    pub routes: Vec<TocEntry>,
    pub procedures: Vec<Titled<TocEntry>>,
    pub actors: Vec<Titled<TocEntry>>,
    pub agreements: Vec<TocEntry>,
    pub pages: Vec<TocEntry>,
}

/// The kind words of the entries' anchors, and the template's names of the kinds.
const ROUTE: &str = "route";
const PROCEDURE: &str = "procedure";
const ACTOR: &str = "actor";
const AGREEMENT: &str = "afspraak";
const PAGE: &str = "pagina";

/// The forms list of the print view: as the forms page shows it, each
/// procedure that uses a form linked to its entry on the page.
pub fn forms(v: &Views<'_>, t: &Strings) -> Vec<FormGroup> {
    let mut groups = super::forms::view(v, t);
    for u in groups
        .iter_mut()
        .flat_map(|g| &mut g.items)
        .flat_map(|f| &mut f.procedures)
    {
        u.anchor = Some(anchor(PROCEDURE, &v.region.procedure(u.procedure).meta.id));
    }
    groups
}

/// The table of contents and introduction of the print view. `body_html`
/// gives a body's HTML with its links filled in for the print page's place
/// in the site.
pub fn toc(v: &Views<'_>, body_html: &dyn Fn(&Body) -> String) -> Toc {
    let region = v.region;
    let entry = |kind: &str, e: EntityRef<'_>| TocEntry {
        anchor: anchor(kind, &e.meta.id),
        title: e.title.to_string(),
    };
    let by_level = |part: &str, kind: Kind, word: &str| {
        levels_with(&v.site.levels, part, |li| {
            (region.of_kind(kind))
                .filter(|e| e.level == Some(li))
                .map(|e| entry(word, e))
                .collect()
        })
    };
    Toc {
        intro: region
            .home
            .as_ref()
            .map(|home| adapt_body(&body_html(&home.body), "inleiding-", PART_HEADING - 1)),
        routes: region.of_kind(Kind::Route).map(|e| entry(ROUTE, e)).collect(),
        procedures: by_level("procedures", Kind::Procedure, PROCEDURE),
        actors: by_level("actoren", Kind::Actor, ACTOR),
        agreements: region.of_kind(Kind::Agreement).map(|e| entry(AGREEMENT, e)).collect(),
        pages: region.of_kind(Kind::Page).map(|e| entry(PAGE, e)).collect(),
    }
}

/// A heading of the print view: a part's or a level's.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub id: String,
    pub title: String,
}

/// One entry of the print view as `print-entry.html` renders it, with the
/// part's heading before it when it is the part's first, the level's when
/// it is the level's first, and the part's end after it when it is the last.
#[derive(Debug)]
pub struct Piece {
    pub entity: EntityIx,
    pub part: Option<Heading>,
    pub level: Option<Heading>,
    pub end: bool,
}

/// The print view's entries in reading order: routes, procedures by level,
/// actors by level, agreements, information pages.
pub fn pieces(v: &Views<'_>, t: &Strings) -> Vec<Piece> {
    let region = v.region;
    let mut pieces: Vec<Piece> = Vec::new();
    let parts = [
        (Kind::Route, "routes", false),
        (Kind::Procedure, "procedures", true),
        (Kind::Actor, "actoren", true),
        (Kind::Agreement, "afspraken", false),
        (Kind::Page, "informatie", false),
    ];
    for (kind, id, by_level) in parts {
        let start = pieces.len();
        let groups: Vec<(Option<Heading>, Vec<EntityIx>)> = if by_level {
            levels_with(&v.site.levels, id, |li| {
                (region.of_kind(kind))
                    .filter(|e| e.level == Some(li))
                    .map(|e| e.ix)
                    .collect()
            })
            .into_iter()
            .map(|g| {
                (
                    Some(Heading {
                        id: g.id,
                        title: g.title,
                    }),
                    g.items,
                )
            })
            .collect()
        } else {
            vec![(None, region.of_kind(kind).map(|e| e.ix).collect())]
        };
        for (level, items) in groups {
            for (i, entity) in items.into_iter().enumerate() {
                pieces.push(Piece {
                    entity,
                    part: None,
                    level: level.clone().filter(|_| i == 0),
                    end: false,
                });
            }
        }
        if let Some(first) = pieces.get_mut(start) {
            first.part = Some(Heading {
                id: id.to_string(),
                title: t.get(kind.index_title_key()).to_string(),
            });
        }
        if pieces.len() > start {
            if let Some(last) = pieces.last_mut() {
                last.end = true;
            }
        }
    }
    pieces
}

/// The entry of `piece` for `print-entry.html`: the template's name of its
/// kind, and the entry.
pub fn entry(v: &Views<'_>, piece: &Piece, body_html: &dyn Fn(&Body) -> String) -> (&'static str, EntryView) {
    let region = v.region;
    // Entities of a level get a heading one below the level's heading.
    let in_level = PART_HEADING + 2;
    let alone = PART_HEADING + 1;
    match piece.entity {
        EntityIx::Route(i) => {
            let r = region.route(i);
            let entry = Entry::new(v.route(i), ROUTE, &r.meta.id, None, alone);
            (ROUTE, EntryView::Route(Box::new(entry)))
        }
        EntityIx::Procedure(i) => {
            let p = region.procedure(i);
            let body = Some(body_html(&p.body));
            let entry = Entry::new(v.procedure(i), PROCEDURE, &p.meta.id, body, in_level);
            (PROCEDURE, EntryView::Procedure(Box::new(entry)))
        }
        EntityIx::Actor(i) => {
            let a = region.actor(i);
            let entry = Entry::new(v.actor(i), ACTOR, &a.meta.id, Some(body_html(&a.body)), in_level);
            (ACTOR, EntryView::Actor(Box::new(entry)))
        }
        EntityIx::Agreement(i) => {
            let a = region.agreement(i);
            let entry = Entry::new(v.agreement(i), AGREEMENT, &a.meta.id, Some(body_html(&a.body)), alone);
            (AGREEMENT, EntryView::Agreement(Box::new(entry)))
        }
        EntityIx::Page(i) => {
            let p = region.page(i);
            let entry = Entry::new(v.page(p), PAGE, &p.meta.id, Some(body_html(&p.body)), alone);
            (PAGE, EntryView::Page(Box::new(entry)))
        }
    }
}

/// An entry of any kind, as the template reads it.
#[derive(Serialize)]
#[serde(untagged)]
pub enum EntryView {
    Route(Box<Entry<RouteView>>),
    Procedure(Box<Entry<ProcedureView>>),
    Actor(Box<Entry<ActorView>>),
    Agreement(Box<Entry<AgreementView>>),
    Page(Box<Entry<PageView>>),
}

/// Makes a body fit to share one page with many others: every id and every
/// link to an id inside the page gets `prefix`, and headings move `shift`
/// levels down (at most to h6), so the outline stays in order.
pub fn adapt_body(html: &str, prefix: &str, shift: u8) -> String {
    static HEADING: OnceLock<Regex> = OnceLock::new();
    static ID: OnceLock<Regex> = OnceLock::new();
    let id = ID.get_or_init(|| Regex::new(r##"( id="|href="#)"##).expect("a valid pattern"));
    let heading = HEADING.get_or_init(|| Regex::new(r"^<(/?)h([1-6])\b").expect("a valid pattern"));
    let mut out = String::with_capacity(html.len() + 256);
    for part in parts(html) {
        match part {
            // Text may say `id="x"` itself: only attributes change.
            Part::Text(text) => out.push_str(text),
            // Most tags have no id, no in-page link and are no heading: they
            // are copied as they are (replacing in every tag, which makes
            // capture groups and a new string, was a tenth of the print
            // view's time).
            Part::Tag(tag) if !(id.is_match(tag) || heading.is_match(tag)) => out.push_str(tag),
            Part::Tag(tag) => {
                let with_id = id.replace_all(tag, |c: &Captures<'_>| format!("{}{prefix}", &c[1]));
                let shifted = heading.replace(&with_id, |c: &Captures<'_>| {
                    let level = c[2].parse::<u8>().unwrap_or(6).saturating_add(shift).min(6);
                    format!("<{}h{level}", &c[1])
                });
                out.push_str(&shifted);
            }
        }
    }
    out
}

/// The running header of the region's printed pages, as a CSS string.
pub fn running_header(region: &Region, site: &Site, t: &Strings) -> String {
    css_string(&region.running_header(site, t))
}

/// A CSS string literal that is also safe inside an HTML `<style>` element.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // `</style>` must not end the element early.
            '<' => out.push_str("\\3C "),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_get_the_prefix_and_headings_move_down() {
        let html = r##"<h2 id="doel">Doel</h2><p>Zie <a href="#doel">doel</a> en <a href="../x/index.html#stap-1">x</a>.</p><h6 id="z">z</h6>"##;
        assert_eq!(
            adapt_body(html, "procedure-p-", 2),
            r##"<h4 id="procedure-p-doel">Doel</h4><p>Zie <a href="#procedure-p-doel">doel</a> en <a href="../x/index.html#stap-1">x</a>.</p><h6 id="procedure-p-z">z</h6>"##
        );
    }

    #[test]
    fn text_that_looks_like_an_attribute_stays_as_written() {
        let html = r##"<p>Schrijf id="naam" of href="#doel" in de tekst.</p>"##;
        assert_eq!(adapt_body(html, "p-", 1), html);
    }

    #[test]
    fn header_text_cannot_break_out_of_css_or_html() {
        assert_eq!(css_string(r#"a "b" \ </style>"#), r#""a \"b\" \\ \3C /style>""#);
    }
}
