//! HTML render: turns the pages of the plan ([`crate::plan`]) into HTML with
//! Tera, from view models of the resolved [`Site`]. Pure: no file access;
//! pages render in parallel. Outputs that are not pages (exports, the search
//! index, `diagram.svg`) are made by their own modules, beside this one.

pub mod abbr;
pub mod charts;
mod context;
pub mod diagrams;
pub mod editions;
pub mod forms;
pub mod html;
pub mod marks;
pub mod print;
pub mod roles;
pub mod social_map;
pub mod tailoring;
pub mod theme;
pub mod views;

use std::borrow::Cow;
use std::io::Write;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use context::{ContextPool, PageContext};

use crate::diag::{Diagnostic, Problem};
use crate::i18n::Strings;
use crate::model::*;
use crate::plan::{has_changes, has_tailoring, last_changed, section_of, Job, PageKind, Rendered};
use crate::raw::markdown::fill_links;
use crate::urls;
use theme::Theme;
use views::{Group, Link, Views};

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    lang: &'a str,
    base_url: &'a str,
    footer: Option<&'a str>,
    contact: Option<views::ContactView>,
    levels: &'a [Level],
    regions: Vec<Link>,
    /// The name of the edition this site is, if the handbook names editions.
    edition: Option<&'a str>,
    /// The earlier editions built beside this one, newest first.
    earlier: Vec<Link>,
}

/// A section of the sidebar: an index page and, for the section the reader
/// is in, its items (grouped by level where the kind has levels).
#[derive(Serialize)]
struct NavSection<'a> {
    title: String,
    url: String,
    current: bool,
    groups: Vec<NavGroup<'a>>,
}

/// A group of a sidebar section as one page shows it: its items, or only
/// its heading, linking to where the group is listed whole.
#[derive(Serialize)]
struct NavGroup<'a> {
    title: &'a str,
    url: Option<Cow<'a, str>>,
    items: &'a [Link],
}

impl<'a> NavGroup<'a> {
    fn open(group: &'a Group) -> Self {
        NavGroup {
            title: &group.title,
            url: group.url.as_deref().map(Cow::Borrowed),
            items: &group.items,
        }
    }

    /// `group` as a heading that links to its place on the section's index.
    fn folded(group: &'a Group, index_url: &str) -> Self {
        NavGroup {
            title: &group.title,
            url: Some(
                group
                    .url
                    .as_deref()
                    .map_or_else(|| Cow::Owned(group_url(index_url, group)), Cow::Borrowed),
            ),
            items: &[],
        }
    }
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
    /// Which edition last changed each subject, from the region's history.
    marks: OnceLock<marks::Marks>,
    /// Each actor's parts in the procedures (who does what).
    parts: OnceLock<roles::Parts>,
}

impl RegionShared {
    fn sidebar(&self, v: &Views<'_>, kind: Kind) -> &[Group] {
        let i = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
        self.sidebar[i].get_or_init(|| sidebar_groups(v, kind))
    }

    fn marks(&self, region: &Region) -> &marks::Marks {
        self.marks.get_or_init(|| marks::Marks::of(region))
    }

    fn parts(&self, region: &Region) -> &roles::Parts {
        self.parts.get_or_init(|| roles::Parts::of(region))
    }
}

/// Renders pages one at a time, from any thread, sharing what the pages of a
/// region have in common: a build writes each page as soon as it is
/// rendered, so no more than a few are held in memory at once.
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    contexts: ContextPool,
    shared: Vec<RegionShared>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> Renderer<'a> {
        Self::with_diagrams(site, theme, diagrams::all(site))
    }

    /// A renderer that takes the layouts and drawings of `before` for
    /// routes that are as they were ([`diagrams::all_from`]), and what it
    /// uses of theirs for the next.
    pub fn with_cache(
        site: &'a Site,
        theme: &'a Theme,
        before: &diagrams::DiagramCache,
    ) -> (Renderer<'a>, diagrams::DiagramCache) {
        let (diagrams, kept) = diagrams::all_from(site, Some(before));
        (Self::with_diagrams(site, theme, diagrams), kept)
    }

    fn with_diagrams(site: &'a Site, theme: &'a Theme, diagrams: Vec<diagrams::RegionDiagram>) -> Renderer<'a> {
        let shared = diagrams
            .into_iter()
            .map(|diagram| RegionShared {
                diagram,
                sidebar: Default::default(),
                abbreviations: Default::default(),
                marks: Default::default(),
                parts: Default::default(),
            })
            .collect();
        Renderer {
            site,
            theme,
            contexts: ContextPool::new(base_context(site, theme)),
            shared,
        }
    }

    /// Renders the HTML page of `job`.
    pub fn render(&self, job: &Job) -> Result<Rendered, Box<Diagnostic>> {
        if !Self::streams(&job.kind) {
            return render(self.site, self.theme, &self.contexts, &self.shared, job);
        }
        let mut bytes = Vec::new();
        self.render_to(job, &mut bytes).map_err(|failure| match failure {
            Failure::Template(problem) => problem,
            // Writing into memory does not fail.
            Failure::Output(e) => Box::new(Diagnostic::error(Problem::Output { detail: e.to_string() }, None)),
        })?;
        Ok(Rendered {
            path: job.path.clone(),
            bytes,
        })
    }

    /// Whether a page of `kind` is written a piece at a time by
    /// [`Renderer::render_to`]: the print view, a region's largest page.
    pub fn streams(kind: &PageKind) -> bool {
        matches!(kind, PageKind::Print)
    }

    /// Renders the page of `job` into `out` as it goes: the print view's
    /// frame, then its entries a batch at a time (each batch in parallel),
    /// so neither the whole handbook's template values nor the whole page
    /// are ever in memory (at 10,000 pages they were 250 MB).
    pub fn render_to(&self, job: &Job, out: &mut dyn Write) -> Result<(), Failure> {
        let (PageKind::Print, Some(ri)) = (&job.kind, job.region) else {
            let page = self.render(job)?;
            return Ok(out.write_all(&page.bytes)?);
        };
        let frame = render(self.site, self.theme, &self.contexts, &self.shared, job)?.bytes;
        let marker = PRINT_ENTRIES.as_bytes();
        let found: Vec<usize> = memchr::memmem::find_iter(&frame, marker).collect();
        let &[at] = found.as_slice() else {
            let detail = "the print view's template must show {{ entries | safe }} once".to_string();
            return Err(template_problem("print.html", detail).into());
        };
        out.write_all(&frame[..at])?;
        let region = self.site.region(ri);
        let root = urls::root_prefix(&job.path);
        let page = RegionPage::new(self.site, ri, &self.theme.strings, &self.shared, &root);
        let pieces = print::pieces(&page.v, page.t);
        for batch in pieces.chunks(PRINT_BATCH) {
            let rendered: Vec<Result<String, Box<Diagnostic>>> = (batch.par_iter())
                .map(|piece| {
                    let mut ctx = self.contexts.page();
                    ctx.insert("root", &root);
                    ctx.insert("region_slug", &region.slug);
                    let (kind, entry) = print::entry(&page.v, piece, &|b| page.body_html(b));
                    ctx.insert("kind", kind);
                    ctx.insert("e", &entry);
                    ctx.insert("part", &piece.part);
                    ctx.insert("level", &piece.level);
                    ctx.insert("end", &piece.end);
                    (self.theme.tera.render(PRINT_ENTRY, ctx.get()))
                        .map_err(|e| template_problem(PRINT_ENTRY, theme::error_chain(&e)))
                })
                .collect();
            for html in rendered {
                out.write_all(html?.as_bytes())?;
            }
        }
        Ok(out.write_all(&frame[at + marker.len()..])?)
    }

    /// The diagrams of region `region`, shared by its pages and its `diagram.svg`.
    pub fn diagram(&self, region: RegionIx) -> &diagrams::RegionDiagram {
        &self.shared[region.get()].diagram
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
            edition: site.edition.as_ref().map(|e| e.name.as_str()),
            earlier: editions::site_links(site),
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
    contexts: &ContextPool,
    shared: &[RegionShared],
    job: &Job,
) -> Result<Rendered, Box<Diagnostic>> {
    let root = match job.kind {
        // The 404 page is served at any depth, so its links start at the site's own path.
        PageKind::NotFound => not_found_root(&site.base_url),
        _ => urls::root_prefix(&job.path),
    };
    let mut ctx = page_context(contexts, site, job, &root);
    let (template, body_html): (&str, Option<String>) = match (&job.kind, job.region) {
        (PageKind::SiteHome, _) => {
            if let [only] = site.regions.as_slice() {
                ctx.insert("redirect", &urls::region_home(&only.slug));
            }
            ctx.insert("monitoring", &charts::comparison(site));
            let overview = site.regions.iter().any(|r| has_tailoring(site, r));
            ctx.insert("tailoring_overview", &overview.then(urls::tailoring_overview));
            ("site.html", None)
        }
        (PageKind::NotFound, _) => ("404.html", None),
        (PageKind::TailoringOverview, _) => {
            ctx.insert("overview", &tailoring::overview(site, &theme.strings));
            ("tailoring-overview.html", None)
        }
        (_, Some(ri)) => RegionPage::new(site, ri, &theme.strings, shared, &root).fill(&mut ctx, job),
        _ => ("404.html", None),
    };
    ctx.insert("body", &body_html.unwrap_or_default());
    let html =
        (theme.tera.render(template, ctx.get())).map_err(|e| template_problem(template, theme::error_chain(&e)))?;
    Ok(Rendered {
        path: job.path.clone(),
        bytes: html.into_bytes(),
    })
}

/// A mistake in template `name`.
fn template_problem(name: &str, detail: String) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(
        Problem::Template {
            name: name.to_string(),
            detail,
        },
        None,
    ))
}

/// Why a page could not be written as it was rendered ([`Renderer::render_to`]).
#[derive(Debug)]
pub enum Failure {
    /// A template failed.
    Template(Box<Diagnostic>),
    /// The page could not be written.
    Output(std::io::Error),
}

impl From<Box<Diagnostic>> for Failure {
    fn from(problem: Box<Diagnostic>) -> Failure {
        Failure::Template(problem)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Output(e)
    }
}

/// Where the print view's frame (`print.html`) shows its entries, each
/// rendered by [`PRINT_ENTRY`]: a text no content can hold (YAML and
/// Markdown turn a NUL character into something else).
const PRINT_ENTRIES: &str = "\u{0}zorgroute: the print view's entries\u{0}";
/// The template of one entry of the print view.
const PRINT_ENTRY: &str = "print-entry.html";
/// How many entries of the print view are rendered at once (in parallel)
/// before they are written.
const PRINT_BATCH: usize = 64;

/// What every page has beyond the site-wide `base`: where it is and its way
/// back to the site root (`root`), which its links start with.
fn page_context<'p>(contexts: &'p ContextPool, site: &Site, job: &Job, root: &str) -> PageContext<'p> {
    let mut ctx = contexts.page();
    ctx.insert("root", root);
    ctx.insert("path", &job.path);
    let old_edition = editions::old_edition(site, job);
    // A page of an earlier edition is no page to find: it names no
    // canonical address, and asks not to be indexed.
    ctx.insert(
        "canonical",
        &(!site.base_url.is_empty() && old_edition.is_none()).then(|| urls::pretty(&site.base_url, &job.path)),
    );
    ctx.insert("old_edition", &old_edition);
    ctx
}

/// A page of one region while its context is built: what each part reads.
struct RegionPage<'a> {
    v: Views<'a>,
    t: &'a Strings,
    shared: &'a RegionShared,
    /// The page's way back to the site root, which its links start with.
    root: &'a str,
}

impl<'a> RegionPage<'a> {
    /// A page of region `ri`, whose links start with `root`.
    fn new(site: &'a Site, ri: RegionIx, t: &'a Strings, shared: &'a [RegionShared], root: &'a str) -> Self {
        let (region, shared) = (site.region(ri), &shared[ri.get()]);
        RegionPage {
            v: Views {
                site,
                region,
                marks: shared.marks(region),
            },
            t,
            shared,
            root,
        }
    }
}

/// What the kind of a region page decides besides the context it adds.
struct KindPage<'a> {
    template: &'static str,
    /// The body the page shows, if it shows one.
    body: Option<&'a Body>,
    /// The previous and next item in reading order, on the page of an item.
    prev_next: Option<(Option<Link>, Option<Link>)>,
}

impl KindPage<'_> {
    /// A page with no body and no neighbours.
    fn plain(template: &'static str) -> Self {
        KindPage {
            template,
            body: None,
            prev_next: None,
        }
    }
}

impl<'a> RegionPage<'a> {
    /// Fills in the context of `job` and returns its template and body as HTML.
    fn fill(&self, ctx: &mut PageContext, job: &Job) -> (&'static str, Option<String>) {
        let (site, region) = (self.v.site, self.v.region);
        self.insert_frame(ctx, job);
        let page = self.insert_kind(ctx, &job.kind);
        ctx.insert(
            "last_changed",
            &last_changed(site, job).map(|d| views::date_view(d, site.lang)),
        );
        if let Some((prev, next)) = &page.prev_next {
            ctx.insert("prev", prev);
            ctx.insert("next", next);
        }
        let has_code = match job.kind {
            // The print view holds every body of the region.
            PageKind::Print => region.bodies().any(|(_, b)| b.md.has_code),
            _ => page.body.is_some_and(|b| b.md.has_code),
        };
        ctx.insert("has_code", &has_code);
        (page.template, page.body.map(|b| self.body_html(b)))
    }

    /// A body as this page shows it: links relative to it, abbreviations explained.
    fn body_html(&self, body: &Body) -> String {
        let abbreviations = self
            .shared
            .abbreviations
            .get_or_init(|| abbr::Abbreviations::new(&self.v.region.glossary));
        abbreviations.mark(&fill_links(&body.md.html, &body.link_targets, self.root))
    }

    /// What every page of the region has around its content: the region,
    /// the printed pages' running header, search, breadcrumbs and sidebar.
    fn insert_frame(&self, ctx: &mut PageContext, job: &Job) {
        let (site, region, kind) = (self.v.site, self.v.region, &job.kind);
        ctx.insert("region", &self.v.region());
        ctx.insert("print_header", &print::running_header(region, site, self.t));
        ctx.insert("search_url", &urls::search_page(&region.slug));
        ctx.insert("forms_url", &urls::forms_page(&region.slug));
        let has_changes = has_changes(site, region);
        ctx.insert("changes_page", &has_changes.then(|| urls::changes_page(&region.slug)));
        ctx.insert("changes_feed", &has_changes.then(|| urls::changes_feed(&region.slug)));
        let section = section_of(kind);
        ctx.insert("breadcrumbs", &self.breadcrumbs(kind, section));
        ctx.insert("nav", &sidebar(&self.v, self.t, self.shared, section, kind, &job.path));
    }

    /// The way up from a page of `kind` in `section`: all regions (when
    /// there are several), the region, the section's index.
    fn breadcrumbs(&self, kind: &PageKind, section: Option<Kind>) -> Vec<Link> {
        let (site, region, t) = (self.v.site, self.v.region, self.t);
        let mut crumbs = Vec::new();
        if site.regions.len() > 1 {
            crumbs.push(Link::new(t.get("all_regions"), urls::site_home()));
        }
        crumbs.push(Link::new(&region.name, urls::region_home(&region.slug)));
        if let Some(k) = section {
            if !matches!(kind, PageKind::Index(_)) {
                crumbs.push(Link::new(t.get(k.index_title_key()), urls::kind_index(&region.slug, k)));
            }
        }
        crumbs
    }

    /// The content of a page of `kind`, into `ctx`.
    fn insert_kind(&self, ctx: &mut PageContext, kind: &PageKind) -> KindPage<'a> {
        let (v, region, t, lang) = (&self.v, self.v.region, self.t, self.v.site.lang);
        let diagram = &self.shared.diagram;
        match kind {
            PageKind::RegionHome => self.insert_home(ctx),
            PageKind::Index(k) => self.insert_index(ctx, *k),
            PageKind::Actor(ix) => {
                ctx.insert("actor", &v.actor(*ix));
                ctx.insert("roles", &roles::actor_row(v, self.shared.parts(region), *ix, t));
                ctx.insert("who_does_what", &urls::who_does_what(&region.slug));
                self.item("actor.html", *ix)
            }
            PageKind::Procedure(ix) => {
                ctx.insert("diagram", &diagram.neighbourhood(self.root, *ix, t, lang));
                ctx.insert("procedure", &v.procedure(*ix));
                self.item("procedure.html", *ix)
            }
            PageKind::Agreement(ix) => {
                ctx.insert("agreement", &v.agreement(*ix));
                self.item("agreement.html", *ix)
            }
            PageKind::Route(ix) => {
                ctx.insert("diagram", &*diagram.route(self.root, region.route(*ix), t));
                ctx.insert("route", &v.route(*ix));
                self.item("route.html", *ix)
            }
            PageKind::Page(i) => {
                ctx.insert("page", &v.page(region.page(*i)));
                self.item("page.html", *i)
            }
            PageKind::Glossary => {
                ctx.insert("terms", &region.glossary);
                KindPage::plain("glossary.html")
            }
            PageKind::SocialMap => {
                ctx.insert("groups", &social_map::view(v));
                KindPage::plain("social-map.html")
            }
            PageKind::Forms => {
                ctx.insert("groups", &forms::view(v, t));
                KindPage::plain("forms.html")
            }
            PageKind::Print => self.insert_print(ctx),
            PageKind::Accessibility => KindPage::plain("accessibility.html"),
            PageKind::Search => {
                ctx.insert("search_index", &urls::search_index(&region.slug));
                KindPage::plain("search.html")
            }
            PageKind::Tailoring => {
                ctx.insert("tailoring", &tailoring::view(v.site, region, t));
                KindPage::plain("tailoring.html")
            }
            PageKind::WhoDoesWhat => {
                ctx.insert("roles", &roles::view(v, self.shared.parts(region), t));
                KindPage::plain("who-does-what.html")
            }
            PageKind::Changes => {
                ctx.insert("changes", &editions::changes(v, t));
                ctx.insert("editions", &editions::earlier_links(v.site, region));
                KindPage::plain("changes.html")
            }
            PageKind::Alias { target, title } => {
                ctx.insert("target", target);
                ctx.insert("title", title);
                KindPage::plain("alias.html")
            }
            PageKind::SiteHome
            | PageKind::NotFound
            | PageKind::TailoringOverview
            | PageKind::DiagramSvg
            | PageKind::DraaiboekPdf(_)
            | PageKind::HandbookJson
            | PageKind::CalendarIcs
            | PageKind::VCard(_)
            | PageKind::Sitemap
            | PageKind::Robots
            | PageKind::ChangesFeed
            | PageKind::SearchIndex => unreachable!("not an HTML page: the plan hands it to another output"),
        }
    }

    /// The page of an entity: its body (if its kind has one) and its
    /// neighbours in reading order.
    fn item(&self, template: &'static str, ix: impl Into<EntityIx>) -> KindPage<'a> {
        let ix = ix.into();
        KindPage {
            template,
            body: self.v.region.entity(ix).body,
            prev_next: Some(neighbours(&self.v, ix.kind(), ix.get())),
        }
    }

    /// The region's home page: the whole route and what the region holds.
    fn insert_home(&self, ctx: &mut PageContext) -> KindPage<'a> {
        let (v, region) = (&self.v, self.v.region);
        self.insert_whole_route(ctx);
        ctx.insert("home", &region.home.as_ref().map(|p| v.page(p)));
        ctx.insert("levels", &v.by_level(Kind::Procedure));
        ctx.insert("pages", &v.all_links(Kind::Page));
        ctx.insert("editions", &editions::earlier_links(v.site, region));
        ctx.insert("development", &charts::development(region));
        KindPage {
            body: region.home.as_ref().map(|p| &p.body),
            ..KindPage::plain("region.html")
        }
    }

    /// The index page of `kind`: its items, by level where the kind has levels.
    fn insert_index(&self, ctx: &mut PageContext, kind: Kind) -> KindPage<'a> {
        let (v, t) = (&self.v, self.t);
        ctx.insert("kind", &kind);
        ctx.insert("title", t.get(kind.index_title_key()));
        ctx.insert("intro", t.get(&format!("{}_intro", kind.index_title_key())));
        let groups = match kind {
            Kind::Actor | Kind::Procedure => v.by_level(kind),
            _ => vec![Group {
                id: "alle".into(),
                title: String::new(),
                url: None,
                items: v.all_links(kind),
            }],
        };
        ctx.insert("groups", &groups);
        KindPage::plain("index.html")
    }

    /// The print view: the whole handbook of the region on one page.
    fn insert_print(&self, ctx: &mut PageContext) -> KindPage<'a> {
        let (v, region) = (&self.v, self.v.region);
        self.insert_whole_route(ctx);
        ctx.insert("terms", &region.glossary);
        ctx.insert("contacts", &social_map::view(v));
        ctx.insert("forms", &print::forms(v, self.t));
        ctx.insert("handbook", &print::toc(v, &|b| self.body_html(b)));
        ctx.insert("entries", PRINT_ENTRIES);
        ctx.insert("pdf_url", &urls::draaiboek_pdf(&region.slug, 1));
        // A draaiboek in volumes: each volume's link.
        let volumes = crate::plan::volumes::count(region);
        let volume_links: Vec<Link> = (1..=volumes)
            .filter(|_| volumes > 1)
            .map(|n| {
                Link::new(
                    format!("{} {n}", self.t.get("volume")),
                    urls::draaiboek_pdf(&region.slug, n),
                )
            })
            .collect();
        ctx.insert("pdf_volumes", &volume_links);
        KindPage::plain("print.html")
    }

    /// The region's whole route as a diagram and as its text alternative.
    fn insert_whole_route(&self, ctx: &mut PageContext) {
        let diagram = &self.shared.diagram;
        ctx.insert("diagram", &*diagram.whole(self.root, self.t));
        ctx.insert("outline", &diagram.outline());
    }
}

fn not_found_root(base_url: &str) -> String {
    // `https://host/sub/` -> `/sub/`; no base URL -> `/`.
    let after_scheme = base_url.split_once("://").map_or("", |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    format!("{}/", path.trim_end_matches('/'))
}

/// The previous and next item of `kind` in reading order.
fn neighbours(v: &Views<'_>, kind: Kind, i: usize) -> (Option<Link>, Option<Link>) {
    (i.checked_sub(1).and_then(|p| v.link(kind, p)), v.link(kind, i + 1))
}

/// What the sidebar lists of `kind` when it lists that section's items; the
/// live preview fingerprints exactly this ([`crate::serve::deps::Dep::Sidebar`]).
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
    t: &Strings,
    shared: &'a RegionShared,
    current: Option<Kind>,
    kind: &PageKind,
    path: &str,
) -> Vec<NavSection<'a>> {
    let slug = &v.region.slug;
    let mut sections = Vec::new();
    for k in [Kind::Route, Kind::Procedure, Kind::Actor, Kind::Agreement, Kind::Page] {
        if k == Kind::Page && v.region.pages.is_empty() {
            continue;
        }
        let url = if k == Kind::Page {
            String::new()
        } else {
            urls::kind_index(slug, k)
        };
        let groups = if sidebar_lists(current).any(|l| l == k) {
            nav_groups(shared.sidebar(v, k), &url, path)
        } else {
            Vec::new()
        };
        sections.push(NavSection {
            title: t.get(k.index_title_key()).to_string(),
            url,
            current: current == Some(k),
            groups,
        });
    }
    let changes = has_changes(v.site, v.region).then(|| ("changes", urls::changes_page(slug), PageKind::Changes));
    let tailoring = has_tailoring(v.site, v.region).then(|| ("tailoring", urls::tailoring(slug), PageKind::Tailoring));
    for (key, url, this) in [
        Some(("glossary", urls::glossary(slug), PageKind::Glossary)),
        Some(("social_map", urls::social_map(slug), PageKind::SocialMap)),
        Some(("forms", urls::forms_page(slug), PageKind::Forms)),
        Some(("who_does_what", urls::who_does_what(slug), PageKind::WhoDoesWhat)),
        tailoring,
        changes,
        Some(("print_view", urls::print_view(slug), PageKind::Print)),
    ]
    .into_iter()
    .flatten()
    {
        sections.push(NavSection {
            title: t.get(key).to_string(),
            url,
            current: std::mem::discriminant(kind) == std::mem::discriminant(&this),
            groups: Vec::new(),
        });
    }
    sections
}

/// A sidebar group longer than this shows only a link to its place on the
/// index page: every page carries the sidebar, so its size must not grow with
/// the handbook (a 1,000-page handbook would otherwise repeat 800 links on
/// every page).
pub const SIDEBAR_GROUP_LIMIT: usize = 50;

/// `group` as the sidebar lists it: its items as titles and links only (a
/// page carries its sidebar, and its template context every field), or,
/// when it is too long to list, a link to its place on the index.
fn collapse_long_group(mut group: Group, index_url: String) -> Group {
    if group.items.len() > SIDEBAR_GROUP_LIMIT {
        group.url = Some(group_url(&index_url, &group));
        group.items.clear();
    }
    for item in &mut group.items {
        *item = Link::new(std::mem::take(&mut item.title), std::mem::take(&mut item.url));
    }
    group
}

/// Where `group` is listed whole: its place on the section's index.
fn group_url(index_url: &str, group: &Group) -> String {
    if group.id.is_empty() {
        index_url.to_string()
    } else {
        format!("{index_url}#{}", group.id)
    }
}

/// The groups of a section as the page at `path` shows them. A section
/// whose groups together list more than [`SIDEBAR_GROUP_LIMIT`] items shows
/// the items of the page's own group only, and the other groups as headings
/// linking to the index: like a tree open at the reader's branch. Listing
/// every group made each of 200 actors' pages carry 200 links (16 KB, more
/// than the page's own text).
fn nav_groups<'a>(groups: &'a [Group], index_url: &str, path: &str) -> Vec<NavGroup<'a>> {
    let listed: usize = groups.iter().map(|g| g.items.len()).sum();
    if listed <= SIDEBAR_GROUP_LIMIT {
        return groups.iter().map(NavGroup::open).collect();
    }
    (groups.iter())
        .map(|g| {
            if g.items.iter().any(|item| item.url == path) {
                NavGroup::open(g)
            } else {
                NavGroup::folded(g, index_url)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(id: &str, urls: std::ops::Range<usize>) -> Group {
        Group {
            id: id.to_string(),
            title: id.to_uppercase(),
            url: None,
            items: urls
                .map(|i| Link::new(format!("Item {i}"), format!("r/x{i}/index.html")))
                .collect(),
        }
    }

    #[test]
    fn a_short_section_lists_every_group() {
        let groups = [group("a", 0..20), group("b", 20..40)];
        let shown = nav_groups(&groups, "r/x/index.html", "r/x25/index.html");
        assert!(shown.iter().all(|g| g.items.len() == 20 && g.url.is_none()));
    }

    #[test]
    fn a_long_section_lists_the_pages_own_group_only() {
        let groups = [group("a", 0..20), group("b", 20..40), group("c", 40..60)];
        let shown = nav_groups(&groups, "r/x/index.html", "r/x25/index.html");
        let urls: Vec<Option<&str>> = shown.iter().map(|g| g.url.as_deref()).collect();
        assert_eq!(urls, [Some("r/x/index.html#a"), None, Some("r/x/index.html#c")]);
        let lengths: Vec<usize> = shown.iter().map(|g| g.items.len()).collect();
        assert_eq!(lengths, [0, 20, 0]);
        // The index itself, in no group: every group folded.
        let shown = nav_groups(&groups, "r/x/index.html", "r/x/index.html");
        assert!(shown.iter().all(|g| g.items.is_empty() && g.url.is_some()));
    }

    #[test]
    fn not_found_root_keeps_sub_path() {
        assert_eq!(not_found_root("https://x.nl/handboek/"), "/handboek/");
        assert_eq!(not_found_root("https://x.nl"), "/");
        assert_eq!(not_found_root(""), "/");
    }
}
