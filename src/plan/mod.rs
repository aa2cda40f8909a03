//! The plan of the site: every output file as a [`Job`] (where it goes, what
//! it shows, for which region), decided once from the model. The full build
//! and the live preview hand each job to the output that makes it (HTML
//! render, export, search, diagram); those outputs ask the plan, never each
//! other, what else exists.

pub mod volumes;

use crate::kinds::Kind;
use crate::model::*;
use crate::urls;

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
    Page(PageIx),
    Glossary,
    /// The whole handbook on one page, to print.
    Print,
    /// Every actor's contact details (sociale kaart).
    SocialMap,
    /// Every form of the region and the procedures that use it.
    Forms,
    /// The accessibility statement.
    Accessibility,
    /// The region's diagram as a file of its own.
    DiagramSvg,
    /// The print view's content as an A4 PDF (`pdf`): volume `n` of the
    /// region's draaiboek, from 1 ([`volumes`]).
    DraaiboekPdf(usize),
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
    /// What each edition changed in the region (only with editions).
    Changes,
    /// The same changes as an Atom feed (`export::atom`).
    ChangesFeed,
    /// How the region differs from the standard route it follows.
    Tailoring,
    /// Every region against the standard routes, at the site root.
    TailoringOverview,
    /// The region's actors against its procedures: who does what.
    WhoDoesWhat,
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
                | PageKind::DraaiboekPdf(_)
                | PageKind::SearchIndex
                | PageKind::HandbookJson
                | PageKind::CalendarIcs
                | PageKind::Sitemap
                | PageKind::Tailoring
                | PageKind::TailoringOverview
                | PageKind::WhoDoesWhat
        )
    }

    /// Whether this is a volume of a draaiboek PDF.
    pub fn is_pdf(&self) -> bool {
        matches!(self, PageKind::DraaiboekPdf(_))
    }

    /// Whether the live preview makes this output only when a browser asks
    /// for it: the PDF takes a while per region, and no page loads it.
    pub fn on_request(&self) -> bool {
        self.is_pdf()
    }

    /// Whether this output draws the region's whole route (home, route
    /// pages, print view, diagram.svg): it needs the region's layout, which
    /// for a large region takes a core for a while ([`Renderer::lay_out`]).
    pub fn draws_whole_route(&self) -> bool {
        matches!(
            self,
            PageKind::RegionHome
                | PageKind::Route(_)
                | PageKind::Print
                | PageKind::DiagramSvg
                | PageKind::DraaiboekPdf(_)
        )
    }
}

/// A page to render: where it goes, what it shows, and for which region.
#[derive(Debug, Clone)]
pub struct Job {
    pub path: String,
    pub region: Option<RegionIx>,
    pub kind: PageKind,
}

impl PageKind {
    /// The entity an entity's page shows (the other way round from
    /// `From<EntityIx>`).
    pub fn entity(&self) -> Option<EntityIx> {
        Some(match self {
            PageKind::Actor(i) => EntityIx::Actor(*i),
            PageKind::Procedure(i) => EntityIx::Procedure(*i),
            PageKind::Agreement(i) => EntityIx::Agreement(*i),
            PageKind::Route(i) => EntityIx::Route(*i),
            PageKind::Page(i) => EntityIx::Page(*i),
            _ => return None,
        })
    }
}

impl From<EntityIx> for PageKind {
    fn from(ix: EntityIx) -> PageKind {
        match ix {
            EntityIx::Actor(i) => PageKind::Actor(i),
            EntityIx::Procedure(i) => PageKind::Procedure(i),
            EntityIx::Agreement(i) => PageKind::Agreement(i),
            EntityIx::Route(i) => PageKind::Route(i),
            EntityIx::Page(i) => PageKind::Page(i),
        }
    }
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
            path: urls::NOT_FOUND.into(),
            region: None,
            kind: PageKind::NotFound,
        },
        Job {
            path: urls::ROBOTS.into(),
            region: None,
            kind: PageKind::Robots,
        },
    ];
    if has_sitemap(site) {
        jobs.push(Job {
            path: urls::SITEMAP.into(),
            region: None,
            kind: PageKind::Sitemap,
        });
    }
    if site.regions.iter().any(|r| has_tailoring(site, r)) {
        jobs.push(Job {
            path: urls::tailoring_overview(),
            region: None,
            kind: PageKind::TailoringOverview,
        });
    }
    for (ri, r) in site.regions.iter().enumerate() {
        let s = &r.slug;
        let mut push = |path: String, kind: PageKind| {
            jobs.push(Job {
                path,
                region: Some(RegionIx::new(ri)),
                kind,
            })
        };
        push(urls::region_home(s), PageKind::RegionHome);
        for kind in [Kind::Actor, Kind::Procedure, Kind::Agreement, Kind::Route] {
            push(urls::kind_index(s, kind), PageKind::Index(kind));
        }
        push(urls::glossary(s), PageKind::Glossary);
        push(urls::social_map(s), PageKind::SocialMap);
        push(urls::forms_page(s), PageKind::Forms);
        push(urls::print_view(s), PageKind::Print);
        for n in 1..=volumes::count(r) {
            push(urls::draaiboek_pdf(s, n), PageKind::DraaiboekPdf(n));
        }
        push(urls::accessibility(s), PageKind::Accessibility);
        push(urls::diagram_svg(s), PageKind::DiagramSvg);
        push(urls::handbook_json(s), PageKind::HandbookJson);
        if has_calendar(r) {
            push(urls::calendar(s), PageKind::CalendarIcs);
        }
        for (i, a) in r.actors.iter().enumerate() {
            if has_vcard(a) {
                push(urls::vcard(s, &a.meta.id), PageKind::VCard(Ix::new(i)));
            }
        }
        push(urls::search_page(s), PageKind::Search);
        push(urls::search_index(s), PageKind::SearchIndex);
        if has_changes(site, r) {
            push(urls::changes_page(s), PageKind::Changes);
            push(urls::changes_feed(s), PageKind::ChangesFeed);
        }
        if has_tailoring(site, r) {
            push(urls::tailoring(s), PageKind::Tailoring);
        }
        push(urls::who_does_what(s), PageKind::WhoDoesWhat);
        let mut aliases: Vec<(String, String, String)> = Vec::new();
        for entity in r.entities() {
            let url = urls::entity(s, entity.ix.kind(), &entity.meta.id);
            aliases.extend(
                entity
                    .meta
                    .aliases
                    .iter()
                    .map(|al| (al.clone(), url.clone(), entity.title.to_string())),
            );
            push(url, PageKind::from(entity.ix));
        }
        for (alias, target, title) in aliases {
            push(urls::alias(s, &alias), PageKind::Alias { target, title });
        }
    }
    jobs
}

/// Whether the site has a sitemap: only with a base URL, since a sitemap
/// lists absolute addresses, and not for an earlier edition, whose pages
/// ask search engines not to index them.
pub fn has_sitemap(site: &Site) -> bool {
    !site.base_url.is_empty() && site.current.is_none()
}

/// Whether a region has a tailoring report: when it follows a standard route.
pub fn has_tailoring(site: &Site, region: &Region) -> bool {
    site.standard_of(region).is_some()
}

/// Whether a region has a changes page and feed: when the handbook has
/// editions to compare (a region new in this edition has earlier editions
/// but no history yet, and says so on the page).
pub fn has_changes(site: &Site, region: &Region) -> bool {
    !region.history.is_empty() || !site.earlier.is_empty()
}

/// Whether a region has a calendar feed: when an agreement has a review date.
pub fn has_calendar(region: &Region) -> bool {
    region.agreements.iter().any(|a| a.review.is_some())
}

/// Whether an actor has a vCard: when it has contact details.
pub fn has_vcard(actor: &Actor) -> bool {
    actor.contact.as_ref().is_some_and(|c| !c.is_empty())
}

/// When what a page shows last changed: its entity's file; for the region
/// home, the newer of region.yaml and the home text; for the changes page,
/// the newest edition's date. Pages made of many files (index pages, the
/// glossary) have no date.
pub fn last_changed(site: &Site, job: &Job) -> Option<time::Date> {
    let region = site.region(job.region?);
    match &job.kind {
        PageKind::RegionHome => region.changed.max(region.home.as_ref().and_then(|p| p.meta.changed)),
        PageKind::Changes => region.history.first()?.edition.date,
        kind => region.entity(kind.entity()?).meta.changed,
    }
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
