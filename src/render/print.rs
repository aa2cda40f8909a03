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

/// Everything the print template shows, in reading order.
#[derive(Serialize)]
pub struct PrintView {
    pub intro: Option<String>,
    pub routes: Vec<Entry<RouteView>>,
    pub procedures: Vec<Titled<Entry<ProcedureView>>>,
    pub actors: Vec<Titled<Entry<ActorView>>>,
    pub agreements: Vec<Entry<AgreementView>>,
    pub pages: Vec<Entry<PageView>>,
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

/// The kind word of a procedure's entry, in its anchor.
const PROCEDURE: &str = "procedure";

/// Builds the print view. `body_html` gives a body's HTML with its links
/// filled in for the print page's place in the site.
pub fn view(v: &Views<'_>, body_html: &dyn Fn(&Body) -> String) -> PrintView {
    let region = v.region;
    // Entities of a level get a heading one below the level's heading.
    let in_level = PART_HEADING + 2;
    let alone = PART_HEADING + 1;
    let procedures = levels_with(&v.site.levels, "procedures", |li| {
        (region.procedures.iter().enumerate())
            .filter(|(_, p)| p.level == li)
            .map(|(i, p)| {
                let body = Some(body_html(&p.body));
                Entry::new(v.procedure(Ix::new(i)), PROCEDURE, &p.meta.id, body, in_level)
            })
            .collect()
    });
    let actors = levels_with(&v.site.levels, "actoren", |li| {
        (region.actors.iter().enumerate())
            .filter(|(_, a)| a.level == li)
            .map(|(i, a)| {
                Entry::new(
                    v.actor(Ix::new(i)),
                    "actor",
                    &a.meta.id,
                    Some(body_html(&a.body)),
                    in_level,
                )
            })
            .collect()
    });
    PrintView {
        intro: region
            .home
            .as_ref()
            .map(|home| adapt_body(&body_html(&home.body), "inleiding-", PART_HEADING - 1)),
        routes: (region.routes.iter().enumerate())
            .map(|(i, r)| Entry::new(v.route(Ix::new(i)), "route", &r.meta.id, None, alone))
            .collect(),
        procedures,
        actors,
        agreements: (region.agreements.iter().enumerate())
            .map(|(i, a)| {
                let body = Some(body_html(&a.body));
                Entry::new(v.agreement(Ix::new(i)), "afspraak", &a.meta.id, body, alone)
            })
            .collect(),
        pages: (region.pages.iter())
            .map(|p| Entry::new(v.page(p), "pagina", &p.meta.id, Some(body_html(&p.body)), alone))
            .collect(),
    }
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
