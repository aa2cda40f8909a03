//! The URL scheme: the contract schools link to. Every path here is relative
//! to the site root and names a file (`.../index.html`), so links work from a
//! sub-path and from `file://`; pages add their own `../` prefix.

use crate::kinds::Kind;

/// The Dutch folder of a kind in a region; free pages live at the region root.
pub fn kind_dir(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Actor => Some("actoren"),
        Kind::Procedure => Some("procedures"),
        Kind::Agreement => Some("afspraken"),
        Kind::Route => Some("routes"),
        Kind::Page => None,
    }
}

// The folders and files of a region's built-in pages and outputs.
const GLOSSARY: &str = "begrippen";
const SEARCH: &str = "zoeken";
const PRINT: &str = "print";
const SOCIAL_MAP: &str = "sociale-kaart";
const FORMS: &str = "formulieren";
const ACCESSIBILITY: &str = "toegankelijkheid";
const DIAGRAM_SVG: &str = "diagram.svg";
const HANDBOOK_JSON: &str = "handboek.json";
const DRAAIBOEK_PDF: &str = "draaiboek.pdf";
const CALENDAR: &str = "afspraken.ics";
const SEARCH_INDEX: &str = "zoekindex.js";
const CHANGES: &str = "wijzigingen";
const CHANGES_FEED: &str = "wijzigingen.xml";
const EDITIONS: &str = "edities";
const TAILORING: &str = "afwijkingen";
const WHO_DOES_WHAT: &str = "wie-doet-wat";
/// The theme's static files, at the site root.
const ASSETS: &str = "assets";

/// Folder names under a region that free pages and aliases may not take.
pub const RESERVED: &[&str] = &[
    "actoren",
    "procedures",
    "afspraken",
    "routes",
    GLOSSARY,
    SEARCH,
    PRINT,
    SOCIAL_MAP,
    FORMS,
    ACCESSIBILITY,
    DIAGRAM_SVG,
    HANDBOOK_JSON,
    DRAAIBOEK_PDF,
    CALENDAR,
    CHANGES,
    CHANGES_FEED,
    TAILORING,
    WHO_DOES_WHAT,
    "index",
    ASSETS,
];

/// Folder names at the site root that a region may not take: the theme's
/// files and the earlier editions live there.
pub const SITE_ROOT_RESERVED: &[&str] = &[ASSETS, EDITIONS, TAILORING];

/// A static file of the theme (`style.css`), from the site root.
pub fn asset(name: &str) -> String {
    format!("{ASSETS}/{name}")
}

/// The page a web server shows for a path that does not exist, at the site root.
pub const NOT_FOUND: &str = "404.html";

/// The anchor of step `number` (1-based) of a procedure: `#stap-3`.
pub fn step_anchor(number: usize) -> String {
    format!("stap-{number}")
}

pub fn site_home() -> String {
    "index.html".to_string()
}

pub fn region_home(region: &str) -> String {
    format!("{region}/index.html")
}

/// A region's built-in page such as `begrippen`.
fn region_page(region: &str, name: &str) -> String {
    format!("{region}/{name}/index.html")
}

/// A region's glossary (begrippen).
pub fn glossary(region: &str) -> String {
    region_page(region, GLOSSARY)
}

/// A region's contact overview (sociale kaart).
pub fn social_map(region: &str) -> String {
    region_page(region, SOCIAL_MAP)
}

/// A region's forms page: every form and the procedures that use it.
pub fn forms_page(region: &str) -> String {
    region_page(region, FORMS)
}

/// The anchor of a form on the forms page, from its title (the resolver
/// makes it unique in the region).
pub fn form_anchor(title: &str) -> String {
    format!("formulier-{}", crate::values::slugify(title))
}

/// A form's row on its region's forms page.
pub fn form_on_page(region: &str, anchor: &str) -> String {
    format!("{}#{anchor}", forms_page(region))
}

/// A file of a region's folder (or its base's) copied as it is, such as a
/// form: the same path below the region's output folder.
pub fn region_file(region: &str, path: &str) -> String {
    format!("{region}/{path}")
}

/// The whole handbook of a region on one page, to print.
pub fn print_view(region: &str) -> String {
    region_page(region, PRINT)
}

/// A region's accessibility statement.
pub fn accessibility(region: &str) -> String {
    region_page(region, ACCESSIBILITY)
}

/// A region's whole diagram as a file of its own.
pub fn diagram_svg(region: &str) -> String {
    format!("{region}/{DIAGRAM_SVG}")
}

/// Volume `volume` (from 1) of the region's handbook as a PDF to send or
/// print: `draaiboek.pdf`, and for a handbook in volumes
/// `draaiboek-deel-2.pdf`, ... ([`crate::plan::volumes`]).
pub fn draaiboek_pdf(region: &str, volume: usize) -> String {
    format!("{region}/{}", draaiboek_file(volume))
}

/// The file name of volume `volume` of a draaiboek.
pub fn draaiboek_file(volume: usize) -> String {
    match volume {
        1 => DRAAIBOEK_PDF.to_string(),
        n => format!("draaiboek-deel-{n}.pdf"),
    }
}

/// What changed in a region, per edition.
pub fn changes_page(region: &str) -> String {
    region_page(region, CHANGES)
}

/// How a region differs from the standard route it follows.
pub fn tailoring(region: &str) -> String {
    region_page(region, TAILORING)
}

/// Every region against the standard route, at the site root.
pub fn tailoring_overview() -> String {
    format!("{TAILORING}/index.html")
}

/// A region's actors against its procedures.
pub fn who_does_what(region: &str) -> String {
    region_page(region, WHO_DOES_WHAT)
}

/// The Atom feed of the same changes.
pub fn changes_feed(region: &str) -> String {
    format!("{region}/{CHANGES_FEED}")
}

/// The anchor of one change on the changes page: unique per edition, kind and id.
pub fn change_anchor(edition: &str, subject: &str, id: &str) -> String {
    crate::values::slugify(&format!("{edition}-{subject}-{id}"))
}

/// The folder an earlier edition is built in, at the site root; its pages
/// keep the layout of the current site below it.
pub fn edition_root(edition: &str) -> String {
    format!("{EDITIONS}/{edition}/")
}

/// A region's search page; the index it loads sits beside it.
pub fn search_page(region: &str) -> String {
    region_page(region, SEARCH)
}

/// A region's search index, a script the search page loads (a script, not
/// JSON to fetch, so search works from `file://` too).
pub fn search_index(region: &str) -> String {
    format!("{region}/{SEARCH}/{SEARCH_INDEX}")
}

/// The search page that loads the index at `path`, if `path` is a search index.
pub fn search_page_of_index(path: &str) -> Option<String> {
    let region = path.strip_suffix(&format!("/{SEARCH}/{SEARCH_INDEX}"))?;
    (!region.is_empty() && !region.contains('/')).then(|| search_page(region))
}

pub fn kind_index(region: &str, kind: Kind) -> String {
    match kind_dir(kind) {
        Some(dir) => format!("{region}/{dir}/index.html"),
        None => region_home(region),
    }
}

pub fn entity(region: &str, kind: Kind, id: &str) -> String {
    match kind_dir(kind) {
        Some(dir) => format!("{region}/{dir}/{id}/index.html"),
        None => format!("{region}/{id}/index.html"),
    }
}

/// Where an alias (an old path, relative to the region) is written.
pub fn alias(region: &str, alias: &str) -> String {
    let clean = alias.trim_matches('/');
    if clean.ends_with(".html") || clean.ends_with(".htm") {
        format!("{region}/{clean}")
    } else {
        format!("{region}/{clean}/index.html")
    }
}

/// A region's machine-readable export (see `export::json`).
pub fn handbook_json(region: &str) -> String {
    format!("{region}/{HANDBOOK_JSON}")
}

/// A region's calendar of agreement review dates.
pub fn calendar(region: &str) -> String {
    format!("{region}/{CALENDAR}")
}

/// An actor's vCard, next to the contact overview (sociale kaart).
pub fn vcard(region: &str, actor_id: &str) -> String {
    format!("{region}/{SOCIAL_MAP}/{actor_id}.vcf")
}

/// The sitemap, at the site root.
pub const SITEMAP: &str = "sitemap.xml";

/// Instructions for search engines, at the site root.
pub const ROBOTS: &str = "robots.txt";

/// The `../` prefix that leads from the folder of `path` back to the site root.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The public URL of a page for canonical links and the sitemap: directory
/// style, without `index.html`.
pub fn pretty(base_url: &str, path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    format!("{}/{}", base_url.trim_end_matches('/'), path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_paths() {
        assert_eq!(
            entity("waterland", Kind::Procedure, "verzuim"),
            "waterland/procedures/verzuim/index.html"
        );
        assert_eq!(
            entity("waterland", Kind::Actor, "ib"),
            "waterland/actoren/ib/index.html"
        );
        assert_eq!(
            entity("waterland", Kind::Agreement, "c"),
            "waterland/afspraken/c/index.html"
        );
        assert_eq!(entity("waterland", Kind::Route, "r"), "waterland/routes/r/index.html");
        assert_eq!(entity("waterland", Kind::Page, "visie"), "waterland/visie/index.html");
        assert_eq!(root_prefix("waterland/procedures/verzuim/index.html"), "../../../");
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(pretty("https://x.nl/", "a/b/index.html"), "https://x.nl/a/b/");
        assert_eq!(alias("w", "/oud/pagina.html"), "w/oud/pagina.html");
        assert_eq!(alias("w", "/oud/leerling/"), "w/oud/leerling/index.html");
        assert_eq!(vcard("w", "zat"), "w/sociale-kaart/zat.vcf");
        assert_eq!(handbook_json("w"), "w/handboek.json");
        assert_eq!(calendar("w"), "w/afspraken.ics");
        assert_eq!(search_page("w"), "w/zoeken/index.html");
        assert_eq!(search_index("w"), "w/zoeken/zoekindex.js");
        assert_eq!(search_page_of_index(&search_index("w")), Some(search_page("w")));
        assert_eq!(search_page_of_index("w/assets/zoekindex.js"), None);
        assert_eq!(glossary("w"), "w/begrippen/index.html");
        assert_eq!(social_map("w"), "w/sociale-kaart/index.html");
        assert_eq!(forms_page("w"), "w/formulieren/index.html");
        assert_eq!(form_anchor("Aanmelding ZAT (leeg)"), "formulier-aanmelding-zat-leeg");
        assert_eq!(region_file("w", "formulieren/a.odt"), "w/formulieren/a.odt");
        assert_eq!(print_view("w"), "w/print/index.html");
        assert_eq!(accessibility("w"), "w/toegankelijkheid/index.html");
        assert_eq!(diagram_svg("w"), "w/diagram.svg");
        assert_eq!(step_anchor(3), "stap-3");
        assert_eq!(changes_page("w"), "w/wijzigingen/index.html");
        assert_eq!(changes_feed("w"), "w/wijzigingen.xml");
        assert_eq!(
            change_anchor("2025-2026", "procedure", "tlv"),
            "2025-2026-procedure-tlv"
        );
        assert_eq!(edition_root("2025-2026"), "edities/2025-2026/");
    }
}
