//! Render stage: turns the resolved [`Site`] into pages (path + bytes) with
//! Tera. Pure: no file system access; pages render in parallel.

pub mod abbr;
pub mod diagrams;
pub mod html;
pub mod print;
pub mod social_map;
pub mod theme;
pub mod views;

use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diag::{Diagnostic, Problem};
use crate::export;
use crate::markdown::PLACEHOLDER_PREFIX;
use crate::model::*;
use crate::urls;
use theme::Theme;
use views::{Group, Link, Views};

/// One file of the output.
#[derive(Debug)]
pub struct Rendered {
    /// Path from the output root, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What a page shows.
#[derive(Debug, Clone)]
pub enum PageKind {
    SiteHome,
    NotFound,
    RegionHome,
    Index(Kind),
    Actor(ActorIx),
    Procedure(ProcIx),
    Agreement(AgreementIx),
    Route(RouteIx),
    Page(usize),
    Glossary,
    /// The whole handbook on one page, to print.
    Print,
    /// Every actor's contact details (sociale kaart).
    SocialMap,
    /// The accessibility statement.
    Accessibility,
    /// The region's diagram as a file of its own.
    DiagramSvg,
    /// The region's search page.
    Search,
    /// The region's search index, a script the search page loads.
    SearchIndex,
    /// A redirect from an old path to `target` (a path from the site root).
    Alias {
        target: String,
        title: String,
    },
    /// The region as JSON for other systems (`export::json`).
    HandbookJson,
    /// The region's agreement review dates as iCalendar (`export::ical`).
    CalendarIcs,
    /// An actor's contact details as a vCard (`export::vcard`).
    VCard(ActorIx),
    /// The site's sitemap.xml (only with a base URL).
    Sitemap,
    /// The site's robots.txt.
    Robots,
}

impl PageKind {
    /// Whether this output gathers a whole region (or the whole site): the
    /// print view, the search index and the exports. Any edit changes them,
    /// and they are the largest files, so the live preview renders them just
    /// after the pages a reader is looking at.
    pub fn gathers_region(&self) -> bool {
        matches!(
            self,
            PageKind::Print
                | PageKind::SearchIndex
                | PageKind::HandbookJson
                | PageKind::CalendarIcs
                | PageKind::Sitemap
        )
    }

    /// Whether this output draws the region's whole route (home, route
    /// pages, print view, diagram.svg): it needs the region's layout, which
    /// for a large region takes a core for a while ([`Renderer::lay_out`]).
    pub fn draws_whole_route(&self) -> bool {
        matches!(
            self,
            PageKind::RegionHome | PageKind::Route(_) | PageKind::Print | PageKind::DiagramSvg
        )
    }
}

/// A page to render: where it goes, what it shows, and for which region.
#[derive(Debug, Clone)]
pub struct Job {
    pub path: String,
    pub region: Option<usize>,
    pub kind: PageKind,
}

/// Every page of the site, in a stable order.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![
        Job {
            path: urls::site_home(),
            region: None,
            kind: PageKind::SiteHome,
        },
        Job {
            path: "404.html".into(),
            region: None,
            kind: PageKind::NotFound,
        },
        Job {
            path: urls::ROBOTS.into(),
            region: None,
            kind: PageKind::Robots,
        },
    ];
    if export::sitemap::has_sitemap(site) {
        jobs.push(Job {
            path: urls::SITEMAP.into(),
            region: None,
            kind: PageKind::Sitemap,
        });
    }
    for (ri, r) in site.regions.iter().enumerate() {
        let s = &r.slug;
        let mut push = |path: String, kind: PageKind| {
            jobs.push(Job {
                path,
                region: Some(ri),
                kind,
            })
        };
        push(urls::region_home(s), PageKind::RegionHome);
        for kind in [Kind::Actor, Kind::Procedure, Kind::Agreement, Kind::Route] {
            push(urls::kind_index(s, kind), PageKind::Index(kind));
        }
        push(urls::region_page(s, "begrippen"), PageKind::Glossary);
        push(urls::region_page(s, "sociale-kaart"), PageKind::SocialMap);
        push(urls::region_page(s, "print"), PageKind::Print);
        push(urls::region_page(s, "toegankelijkheid"), PageKind::Accessibility);
        push(format!("{s}/diagram.svg"), PageKind::DiagramSvg);
        push(urls::handbook_json(s), PageKind::HandbookJson);
        if export::ical::has_events(r) {
            push(urls::calendar(s), PageKind::CalendarIcs);
        }
        for (i, a) in r.actors.iter().enumerate() {
            if export::vcard::has_vcard(a) {
                push(urls::vcard(s, &a.meta.id), PageKind::VCard(Ix::new(i)));
            }
        }
        push(urls::search_page(s), PageKind::Search);
        push(urls::search_index(s), PageKind::SearchIndex);
        let mut aliases: Vec<(String, String, String)> = Vec::new();
        for (i, a) in r.actors.iter().enumerate() {
            let url = urls::entity(s, Kind::Actor, &a.meta.id);
            aliases.extend(
                a.meta
                    .aliases
                    .iter()
                    .map(|al| (al.clone(), url.clone(), a.name.clone())),
            );
            push(url, PageKind::Actor(Ix::new(i)));
        }
        for (i, p) in r.procedures.iter().enumerate() {
            let url = urls::entity(s, Kind::Procedure, &p.meta.id);
            aliases.extend(
                p.meta
                    .aliases
                    .iter()
                    .map(|al| (al.clone(), url.clone(), p.title.clone())),
            );
            push(url, PageKind::Procedure(Ix::new(i)));
        }
        for (i, a) in r.agreements.iter().enumerate() {
            let url = urls::entity(s, Kind::Agreement, &a.meta.id);
            aliases.extend(
                a.meta
                    .aliases
                    .iter()
                    .map(|al| (al.clone(), url.clone(), a.title.clone())),
            );
            push(url, PageKind::Agreement(Ix::new(i)));
        }
        for (i, rt) in r.routes.iter().enumerate() {
            let url = urls::entity(s, Kind::Route, &rt.meta.id);
            aliases.extend(
                rt.meta
                    .aliases
                    .iter()
                    .map(|al| (al.clone(), url.clone(), rt.title.clone())),
            );
            push(url, PageKind::Route(Ix::new(i)));
        }
        for (i, p) in r.pages.iter().enumerate() {
            let url = urls::entity(s, Kind::Page, &p.meta.id);
            aliases.extend(
                p.meta
                    .aliases
                    .iter()
                    .map(|al| (al.clone(), url.clone(), p.title.clone())),
            );
            push(url, PageKind::Page(i));
        }
        for (alias, target, title) in aliases {
            push(urls::alias(s, &alias), PageKind::Alias { target, title });
        }
    }
    jobs
}

/// Checks that no alias lands on a page's path or another alias's.
pub fn check_aliases(jobs: &[Job], site: &Site) -> Vec<Diagnostic> {
    let mut seen: std::collections::HashMap<&str, &Job> = std::collections::HashMap::new();
    let mut diags = Vec::new();
    for job in jobs {
        if let Some(first) = seen.insert(&job.path, job) {
            let is_alias = |j: &Job| matches!(j.kind, PageKind::Alias { .. });
            // A page that takes a built-in page's place is reported as a reserved id.
            if !is_alias(job) && !is_alias(first) {
                continue;
            }
            let alias_job = if is_alias(job) { job } else { first };
            let file = alias_file(alias_job, site);
            diags.push(Diagnostic::error(
                Problem::AliasCollision {
                    alias: job.path.trim_end_matches("index.html").to_string(),
                },
                file.map(crate::source::Span::file_start),
            ));
        }
    }
    diags
}

fn alias_file(job: &Job, site: &Site) -> Option<crate::source::FileId> {
    let PageKind::Alias { target, .. } = &job.kind else {
        return None;
    };
    let region = &site.regions[job.region?];
    let metas = region
        .actors
        .iter()
        .map(|a| (&a.meta, Kind::Actor))
        .chain(region.procedures.iter().map(|p| (&p.meta, Kind::Procedure)))
        .chain(region.agreements.iter().map(|a| (&a.meta, Kind::Agreement)))
        .chain(region.routes.iter().map(|r| (&r.meta, Kind::Route)))
        .chain(region.pages.iter().map(|p| (&p.meta, Kind::Page)));
    metas
        .into_iter()
        .find(|(m, k)| urls::entity(&region.slug, *k, &m.id) == *target)
        .map(|(m, _)| m.file)
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    lang: &'a str,
    base_url: &'a str,
    footer: Option<&'a str>,
    contact: Option<views::ContactView>,
    levels: &'a [Level],
    regions: Vec<Link>,
}

/// A section of the sidebar: an index page and, for the section the reader
/// is in, its items (grouped by level where the kind has levels).
#[derive(Serialize)]
struct NavSection<'a> {
    title: String,
    url: String,
    current: bool,
    groups: &'a [Group],
}

/// What the pages of one region share, made once per render by the first
/// page that needs it: building them on every page made a render of a large
/// region quadratic (each of 700 procedure pages listed all 700 procedures).
pub struct RegionShared {
    diagram: diagrams::RegionDiagram,
    /// The sidebar's groups of each kind, in [`Kind::ALL`] order.
    sidebar: [OnceLock<Vec<Group>>; Kind::ALL.len()],
    /// The glossary's abbreviations, to mark up bodies with.
    abbreviations: OnceLock<abbr::Abbreviations>,
}

impl RegionShared {
    fn sidebar(&self, v: &Views<'_>, kind: Kind) -> &[Group] {
        let i = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
        self.sidebar[i].get_or_init(|| sidebar_groups(v, kind))
    }
}

/// Renders every page; the first template error stops the render.
pub fn render_all(site: &Site, theme: &Theme, jobs: &[Job]) -> Result<Vec<Rendered>, Box<Diagnostic>> {
    let renderer = Renderer::new(site, theme);
    jobs.par_iter().map(|job| renderer.render(job)).collect()
}

/// Renders pages one at a time, from any thread, sharing what the pages of a
/// region have in common: a build writes each page as soon as it is
/// rendered, so no more than a few are held in memory at once.
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    base: Context,
    shared: Vec<RegionShared>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> Renderer<'a> {
        let shared = diagrams::all(site)
            .into_iter()
            .map(|diagram| RegionShared {
                diagram,
                sidebar: Default::default(),
                abbreviations: Default::default(),
            })
            .collect();
        Renderer {
            site,
            theme,
            base: base_context(site, theme),
            shared,
        }
    }

    pub fn render(&self, job: &Job) -> Result<Rendered, Box<Diagnostic>> {
        render(self.site, self.theme, &self.base, &self.shared, job)
    }

    /// Lays out every region's whole route now (regions that share a layout
    /// lay it out once). Rendering does this on first use otherwise, and a
    /// thread that wants a layout another thread is making has to wait.
    pub fn lay_out(&self) {
        self.shared.par_iter().for_each(|s| s.diagram.lay_out());
    }
}

fn base_context(site: &Site, theme: &Theme) -> Context {
    let mut ctx = Context::new();
    ctx.insert(
        "site",
        &SiteView {
            title: &site.title,
            lang: site.lang.code(),
            base_url: &site.base_url,
            footer: site.footer.as_deref(),
            contact: site.contact.as_ref().map(|c| views::contact_view(c, site)),
            levels: &site.levels,
            regions: site
                .regions
                .iter()
                .map(|r| Link {
                    summary: r.code.clone(),
                    ..Link::new(&r.name, urls::region_home(&r.slug))
                })
                .collect(),
        },
    );
    ctx.insert("t", &theme.strings);
    ctx.insert("built", &views::date_view(site.build_date, site.lang));
    ctx.insert("generator", concat!("zorgroute ", env!("CARGO_PKG_VERSION")));
    ctx
}

/// Renders one page.
fn render(
    site: &Site,
    theme: &Theme,
    base: &Context,
    shared: &[RegionShared],
    job: &Job,
) -> Result<Rendered, Box<Diagnostic>> {
    let diagram = |ri: usize| &shared[ri].diagram;
    if let Some(bytes) = non_page(site, theme, job, diagram) {
        return Ok(Rendered {
            path: job.path.clone(),
            bytes,
        });
    }
    let mut ctx = base.clone();
    let root = match job.kind {
        // The 404 page is served at any depth, so its links start at the site's own path.
        PageKind::NotFound => not_found_root(&site.base_url),
        _ => urls::root_prefix(&job.path),
    };
    ctx.insert("root", &root);
    ctx.insert("path", &job.path);
    ctx.insert(
        "canonical",
        &(!site.base_url.is_empty()).then(|| urls::pretty(&site.base_url, &job.path)),
    );
    let t = &theme.strings;
    let (template, body_html): (&str, Option<String>) = match (&job.kind, job.region) {
        (PageKind::SiteHome, _) => {
            if let [only] = site.regions.as_slice() {
                ctx.insert("redirect", &urls::region_home(&only.slug));
            }
            ("site.html", None)
        }
        (PageKind::NotFound, _) => ("404.html", None),
        (kind, Some(ri)) => {
            let region = &site.regions[ri];
            let v = Views { site, region };
            // A body as this page shows it: links relative to it, abbreviations explained.
            let abbreviations = shared[ri]
                .abbreviations
                .get_or_init(|| abbr::Abbreviations::new(&region.glossary));
            let body_html = |b: &Body| abbreviations.mark(&fill_links(&b.md.html, &b.link_targets, &root));
            ctx.insert("region", &v.region());
            ctx.insert("print_header", &print::running_header(region, site, t));
            ctx.insert("search_url", &urls::search_page(&region.slug));
            let mut crumbs = Vec::new();
            if site.regions.len() > 1 {
                crumbs.push(Link::new(t.get("all_regions"), urls::site_home()));
            }
            crumbs.push(Link::new(&region.name, urls::region_home(&region.slug)));
            let section = section_of(kind);
            if let Some(k) = section {
                if !matches!(kind, PageKind::Index(_)) {
                    crumbs.push(Link::new(t.get(index_title_key(k)), urls::kind_index(&region.slug, k)));
                }
            }
            ctx.insert("breadcrumbs", &crumbs);
            ctx.insert("nav", &sidebar(&v, theme, &shared[ri], section, kind));
            let (template, body, prev_next) = match kind {
                PageKind::RegionHome => {
                    let d = diagram(ri);
                    ctx.insert("diagram", &d.whole(&root, t, site.lang));
                    ctx.insert("outline", &d.outline());
                    ctx.insert("home", &region.home.as_ref().map(|p| v.page(p)));
                    ctx.insert("levels", &v.by_level(Kind::Procedure));
                    ctx.insert("pages", &v.all_links(Kind::Page));
                    ("region.html", region.home.as_ref().map(|p| &p.body), None)
                }
                PageKind::Index(k) => {
                    ctx.insert("kind", k);
                    ctx.insert("title", t.get(index_title_key(*k)));
                    ctx.insert("intro", t.get(&format!("{}_intro", index_title_key(*k))));
                    let groups = match k {
                        Kind::Actor | Kind::Procedure => v.by_level(*k),
                        _ => vec![Group {
                            id: "alle".into(),
                            title: String::new(),
                            url: None,
                            items: v.all_links(*k),
                        }],
                    };
                    ctx.insert("groups", &groups);
                    ("index.html", None, None)
                }
                PageKind::Actor(ix) => {
                    ctx.insert("actor", &v.actor(*ix));
                    (
                        "actor.html",
                        Some(&region.actor(*ix).body),
                        Some(neighbours(&v, Kind::Actor, ix.get())),
                    )
                }
                PageKind::Procedure(ix) => {
                    ctx.insert("diagram", &diagram(ri).neighbourhood(&root, *ix, t, site.lang));
                    ctx.insert("procedure", &v.procedure(*ix));
                    (
                        "procedure.html",
                        Some(&region.procedure(*ix).body),
                        Some(neighbours(&v, Kind::Procedure, ix.get())),
                    )
                }
                PageKind::Agreement(ix) => {
                    ctx.insert("agreement", &v.agreement(*ix));
                    (
                        "agreement.html",
                        Some(&region.agreement(*ix).body),
                        Some(neighbours(&v, Kind::Agreement, ix.get())),
                    )
                }
                PageKind::Route(ix) => {
                    ctx.insert("diagram", &diagram(ri).route(&root, region.route(*ix), t, site.lang));
                    ctx.insert("route", &v.route(*ix));
                    ("route.html", None, Some(neighbours(&v, Kind::Route, ix.get())))
                }
                PageKind::Page(i) => {
                    let p = &region.pages[*i];
                    ctx.insert("page", &v.page(p));
                    ("page.html", Some(&p.body), Some(neighbours(&v, Kind::Page, *i)))
                }
                PageKind::Glossary => {
                    ctx.insert("terms", &region.glossary);
                    ("glossary.html", None, None)
                }
                PageKind::SocialMap => {
                    ctx.insert("groups", &social_map::view(&v));
                    ("social-map.html", None, None)
                }
                PageKind::Print => {
                    let d = diagram(ri);
                    ctx.insert("diagram", &d.whole(&root, t, site.lang));
                    ctx.insert("outline", &d.outline());
                    ctx.insert("terms", &region.glossary);
                    ctx.insert("contacts", &social_map::view(&v));
                    ctx.insert("handbook", &print::view(&v, &body_html));
                    ("print.html", None, None)
                }
                PageKind::Accessibility => ("accessibility.html", None, None),
                PageKind::Search => {
                    ctx.insert("search_index", &urls::search_index(&region.slug));
                    ("search.html", None, None)
                }
                PageKind::Alias { target, title } => {
                    ctx.insert("target", target);
                    ctx.insert("title", title);
                    ("alias.html", None, None)
                }
                PageKind::SiteHome
                | PageKind::NotFound
                | PageKind::DiagramSvg
                | PageKind::HandbookJson
                | PageKind::CalendarIcs
                | PageKind::VCard(_)
                | PageKind::Sitemap
                | PageKind::Robots
                | PageKind::SearchIndex => unreachable!("handled above"),
            };
            ctx.insert(
                "last_changed",
                &last_changed(site, job).map(|d| views::date_view(d, site.lang)),
            );
            if let Some((prev, next)) = prev_next {
                ctx.insert("prev", &prev);
                ctx.insert("next", &next);
            }
            let has_code = match kind {
                // The print view holds every body of the region.
                PageKind::Print => region.bodies().any(|(_, b)| b.md.has_code),
                _ => body.is_some_and(|b| b.md.has_code),
            };
            ctx.insert("has_code", &has_code);
            (template, body.map(body_html))
        }
        _ => ("404.html", None),
    };
    ctx.insert("body", &body_html.unwrap_or_default());
    let html = theme.tera.render(template, &ctx).map_err(|e| {
        Box::new(Diagnostic::error(
            Problem::Template {
                name: template.to_string(),
                detail: theme::error_chain(&e),
            },
            None,
        ))
    })?;
    Ok(Rendered {
        path: job.path.clone(),
        bytes: html.into_bytes(),
    })
}

/// The bytes of an output that is not an HTML page (the diagram, the
/// exports), or `None` for a page.
fn non_page<'a>(
    site: &'a Site,
    theme: &Theme,
    job: &Job,
    diagram: impl Fn(usize) -> &'a diagrams::RegionDiagram,
) -> Option<Vec<u8>> {
    let region = job.region.map(|ri| (ri, &site.regions[ri]));
    let t = &theme.strings;
    Some(match (&job.kind, region) {
        (PageKind::DiagramSvg, Some((ri, r))) => diagram(ri).standalone(r, t, site.lang).into_bytes(),
        (PageKind::HandbookJson, Some((_, r))) => export::json::render(site, r),
        (PageKind::CalendarIcs, Some((_, r))) => export::ical::render(site, r, t, site.build_date),
        (PageKind::VCard(ix), Some((_, r))) => export::vcard::render(r, r.actor(*ix), t, site.lang).unwrap_or_default(),
        (PageKind::Sitemap, _) => export::sitemap::render(site, &jobs(site)),
        (PageKind::Robots, _) => export::sitemap::robots(site),
        (PageKind::SearchIndex, Some((_, r))) => crate::search::index_script(site, r, t).into_bytes(),
        _ => return None,
    })
}

/// When what a page shows last changed: its entity's file; for the region
/// home, the newer of region.yaml and the home text. Pages made of many
/// files (index pages, the glossary) have no date.
pub fn last_changed(site: &Site, job: &Job) -> Option<time::Date> {
    let region = site.regions.get(job.region?)?;
    match &job.kind {
        PageKind::RegionHome => region.changed.max(region.home.as_ref().and_then(|p| p.meta.changed)),
        PageKind::Actor(ix) => region.actor(*ix).meta.changed,
        PageKind::Procedure(ix) => region.procedure(*ix).meta.changed,
        PageKind::Agreement(ix) => region.agreement(*ix).meta.changed,
        PageKind::Route(ix) => region.route(*ix).meta.changed,
        PageKind::Page(i) => region.pages.get(*i)?.meta.changed,
        _ => None,
    }
}

fn not_found_root(base_url: &str) -> String {
    // `https://host/sub/` -> `/sub/`; no base URL -> `/`.
    let after_scheme = base_url.split_once("://").map_or("", |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    format!("{}/", path.trim_end_matches('/'))
}

/// The section (kind) a page belongs to, if any.
pub fn section_of(kind: &PageKind) -> Option<Kind> {
    match kind {
        PageKind::Index(k) => Some(*k),
        PageKind::Actor(_) => Some(Kind::Actor),
        PageKind::Procedure(_) => Some(Kind::Procedure),
        PageKind::Agreement(_) => Some(Kind::Agreement),
        PageKind::Route(_) => Some(Kind::Route),
        PageKind::Page(_) => Some(Kind::Page),
        _ => None,
    }
}

/// The translation key of a kind's index title.
pub fn index_title_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Actor => "actors",
        Kind::Procedure => "procedures",
        Kind::Agreement => "agreements",
        Kind::Route => "routes",
        Kind::Page => "pages",
    }
}

/// The previous and next item of `kind` in reading order.
fn neighbours(v: &Views<'_>, kind: Kind, i: usize) -> (Option<Link>, Option<Link>) {
    (i.checked_sub(1).and_then(|p| v.link(kind, p)), v.link(kind, i + 1))
}

/// What the sidebar lists of `kind` when it lists that section's items; the
/// live preview fingerprints exactly this ([`crate::deps::Dep::Sidebar`]).
pub fn sidebar_groups(v: &Views<'_>, kind: Kind) -> Vec<Group> {
    let index = urls::kind_index(&v.region.slug, kind);
    match kind {
        Kind::Procedure | Kind::Actor => v
            .by_level(kind)
            .into_iter()
            .filter(|g| !g.items.is_empty())
            .map(|g| collapse_long_group(g, index.clone()))
            .collect(),
        _ => vec![collapse_long_group(
            Group {
                id: String::new(),
                title: String::new(),
                url: None,
                items: v.all_links(kind),
            },
            index,
        )],
    }
}

/// The kinds the sidebar lists items of on a page of section `current`: the
/// section the reader is in, and always the free pages (they have no index page).
pub fn sidebar_lists(current: Option<Kind>) -> impl Iterator<Item = Kind> {
    Kind::ALL
        .into_iter()
        .filter(move |&k| current == Some(k) || k == Kind::Page)
}

fn sidebar<'a>(
    v: &Views<'_>,
    theme: &Theme,
    shared: &'a RegionShared,
    current: Option<Kind>,
    kind: &PageKind,
) -> Vec<NavSection<'a>> {
    let t = &theme.strings;
    let slug = &v.region.slug;
    let mut sections = Vec::new();
    for k in [Kind::Route, Kind::Procedure, Kind::Actor, Kind::Agreement, Kind::Page] {
        let groups = if sidebar_lists(current).any(|l| l == k) {
            shared.sidebar(v, k)
        } else {
            &[]
        };
        if k == Kind::Page && v.region.pages.is_empty() {
            continue;
        }
        sections.push(NavSection {
            title: t.get(index_title_key(k)).to_string(),
            url: if k == Kind::Page {
                String::new()
            } else {
                urls::kind_index(slug, k)
            },
            current: current == Some(k),
            groups,
        });
    }
    for (key, page, this) in [
        ("glossary", "begrippen", PageKind::Glossary),
        ("social_map", "sociale-kaart", PageKind::SocialMap),
        ("print_view", "print", PageKind::Print),
    ] {
        sections.push(NavSection {
            title: t.get(key).to_string(),
            url: urls::region_page(slug, page),
            current: std::mem::discriminant(kind) == std::mem::discriminant(&this),
            groups: &[],
        });
    }
    sections
}

/// A sidebar group longer than this shows only a link to its place on the
/// index page: every page carries the sidebar, so its size must not grow with
/// the handbook (a 1,000-page handbook would otherwise repeat 800 links on
/// every page).
pub const SIDEBAR_GROUP_LIMIT: usize = 50;

fn collapse_long_group(mut group: Group, index_url: String) -> Group {
    if group.items.len() > SIDEBAR_GROUP_LIMIT {
        let anchor = if group.id.is_empty() {
            String::new()
        } else {
            format!("#{}", group.id)
        };
        group.url = Some(format!("{index_url}{anchor}"));
        group.items.clear();
    }
    group
}

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

    #[test]
    fn not_found_root_keeps_sub_path() {
        assert_eq!(not_found_root("https://x.nl/handboek/"), "/handboek/");
        assert_eq!(not_found_root("https://x.nl"), "/");
        assert_eq!(not_found_root(""), "/");
    }
}
