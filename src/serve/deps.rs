//! Page dependencies: which parts of the model each page reads, and a
//! fingerprint of each part. After a change, a page is rendered again only
//! when a fingerprint it depends on changed; this is what makes the live
//! preview fast, and it is derived from the model's references, not from
//! special cases.

use std::collections::HashMap;
use std::fmt::{self, Write};
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::FxHasher;

use crate::model::changes::Subject;
use crate::model::*;
use crate::plan::{has_changes, section_of, Job, PageKind};
use crate::render::marks::Marks;
use crate::render::views::Views;

/// A part of the model that pages read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Dep {
    /// Everything the site root and the 404 page show: the site settings and the list of regions.
    Site,
    /// A region's own settings (name, code, contact, steering group, ...), shown on all its pages.
    Region(String),
    /// Everything about one entity, shown on its own page.
    Entity(String, Kind, String),
    /// What a link to an entity shows: title, summary, level, origin.
    Link(String, Kind, String),
    /// The list of a kind's entities in reading order, as the index page shows it.
    Section(String, Kind),
    /// What the sidebar lists of a kind ([`crate::render::sidebar_groups`]):
    /// in a large region only a link per level, so that a title edit does not
    /// touch every page that shows the sidebar.
    Sidebar(String, Kind),
    /// The region's glossary.
    Glossary(String),
    /// The region's forms: each one's title, file or address, size and
    /// which procedures use it (the forms page).
    Forms(String),
    /// The region's care-route graph (titles, owners, time limits, edges).
    Diagram(String),
    /// The part of that graph a procedure page draws: the procedure and its
    /// neighbours one step away (the region, the procedure id).
    Neighbourhood(String, String),
    /// What each edition changed in the region, as the changes page and
    /// its feed show it.
    History(String),
    /// The "changed in edition" mark of one subject (the region, the
    /// subject, its id), which its page shows; only subjects that have one.
    Mark(String, Subject, String),
    /// The whole region: every entity in full, the glossary and the region's
    /// settings. Read by outputs that show all of it at once (print view,
    /// search index, exports).
    Handbook(String),
    /// Which entities the standard routes have (kind, id, title): the rows
    /// of the site root's tailoring overview.
    Standards,
    /// What a region's tailoring report shows: its own versions in full
    /// with the standard's versions they replace, its additions, its
    /// exclusions and glossary.
    Tailoring(String),
    /// Who does what in a region: each procedure's owner, participants and
    /// step actors, and the actors' names and levels (titles are in the
    /// sections).
    Roles(String),
}

/// Feeds formatted text into a hasher, so a fingerprint needs no allocation.
/// FxHash (rustc-hash 2, whose byte hash passes SMHasher3): the fingerprints
/// are compared with the last build's, never exposed to hostile input, and
/// with SipHash a live-preview rebuild after a body edit took 31.8 ms
/// instead of 27 to 28 (stage bench, 1,000-page corpus).
struct HashWriter(FxHasher);

impl Write for HashWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

/// A fingerprint of anything with a `Debug` form: every field, nested.
fn fingerprint(value: &dyn fmt::Debug) -> u64 {
    let mut w = HashWriter(FxHasher::default());
    let _ = write!(w, "{value:?}");
    w.0.finish()
}

fn link_print(title: &str, summary: Option<&str>, level: Option<LevelIx>, origin: Origin) -> u64 {
    fingerprint(&(title, summary, level, origin))
}

/// The fingerprint of every part of the model.
pub fn fingerprints(site: &Site) -> HashMap<Dep, u64> {
    let mut map = HashMap::new();
    let regions: Vec<_> = site.regions.iter().map(|r| (&r.slug, &r.name, &r.code)).collect();
    map.insert(
        Dep::Site,
        fingerprint(&(
            &site.title,
            &site.base_url,
            site.lang,
            &site.footer,
            &site.contact,
            &site.levels,
            regions,
            site.build_date,
            (&site.edition, &site.earlier, current_paths(site)),
        )),
    );
    let standard_rows: Vec<Vec<(Kind, &str, &str)>> = (site.standards.iter())
        .map(|s| {
            s.entities()
                .map(|e| (e.ix.kind(), e.meta.id.as_str(), e.title))
                .collect()
        })
        .collect();
    map.insert(Dep::Standards, fingerprint(&standard_rows));
    for r in &site.regions {
        let slug = &r.slug;
        let mut part = HashMap::new();
        part.insert(
            Dep::Region(slug.clone()),
            fingerprint(&(
                (
                    &r.name,
                    &r.code,
                    &r.summary,
                    &r.version,
                    &r.base,
                    &r.municipalities,
                    &r.contact,
                ),
                (
                    &r.steering_group,
                    &r.steering_note,
                    &r.schools,
                    &r.indicators,
                    &r.timeline,
                    &r.home,
                    r.changed,
                ),
                (
                    r.actors.len(),
                    r.procedures.len(),
                    r.agreements.len(),
                    r.routes.len(),
                    r.pages.len(),
                ),
                // Every page links the changes page when there is one; the
                // home links the editions that had the region.
                (has_changes(site, r), crate::render::editions::earlier_links(site, r)),
            )),
        );
        part.insert(Dep::History(slug.clone()), fingerprint(&r.history));
        part.insert(Dep::Roles(slug.clone()), roles_print(r));
        let marks = Marks::of(r);
        for (subject, id, mark) in marks.iter() {
            part.insert(Dep::Mark(slug.clone(), subject, id.to_string()), fingerprint(mark));
        }
        part.insert(Dep::Glossary(slug.clone()), fingerprint(&r.glossary));
        part.insert(Dep::Forms(slug.clone()), fingerprint(&r.forms));
        let graph = crate::render::diagrams::graph(site, r);
        part.insert(Dep::Diagram(slug.clone()), fingerprint(&graph));
        let incidence = crate::diagram::Incidence::of(&graph);
        let neighbourhoods: Vec<u64> = (0..r.procedures.len())
            .into_par_iter()
            .map(|i| fingerprint(&crate::diagram::neighbourhood(&graph, &incidence, i)))
            .collect();
        for (p, print) in r.procedures.iter().zip(neighbourhoods) {
            part.insert(Dep::Neighbourhood(slug.clone(), p.meta.id.clone()), print);
        }
        let views = Views {
            site,
            region: r,
            marks: &marks,
        };
        for kind in Kind::ALL {
            part.insert(
                Dep::Sidebar(slug.clone(), kind),
                fingerprint(&crate::render::sidebar_groups(&views, kind)),
            );
        }
        let mut sections: HashMap<Kind, Vec<(String, u64)>> = HashMap::new();
        let mut add = |kind: Kind, id: &str, full: u64, link: u64| {
            part.insert(Dep::Entity(slug.clone(), kind, id.to_string()), full);
            part.insert(Dep::Link(slug.clone(), kind, id.to_string()), link);
            sections.entry(kind).or_default().push((id.to_string(), link));
        };
        // Procedures are most of a region and the largest: fingerprinted in parallel.
        let procedures: Vec<u64> = r.procedures.par_iter().map(|p| fingerprint(p)).collect();
        // The tailoring report reads every entity's link, and each own
        // version in full next to the standard's version it replaces.
        let standard = site.standard_of(r);
        let (mut links, mut own) = (Vec::new(), Vec::new());
        for e in r.entities() {
            let full = match e.ix {
                EntityIx::Procedure(i) => procedures[i.get()],
                ix => entity_print(r, ix),
            };
            let link = link_print(e.title, e.summary, e.level, e.meta.origin);
            add(e.ix.kind(), &e.meta.id, full, link);
            links.push(link);
            if e.meta.origin == Origin::Override {
                let theirs = standard.and_then(|s| Some((s, s.of_kind(e.ix.kind()).find(|x| x.meta.id == e.meta.id)?)));
                own.push((full, theirs.map(|(s, t)| entity_print(s, t.ix))));
            }
        }
        part.insert(
            Dep::Tailoring(slug.clone()),
            fingerprint(&(own, links, &r.excluded, &r.glossary, standard.map(|s| &s.glossary))),
        );
        for kind in Kind::ALL {
            let list = sections.remove(&kind).unwrap_or_default();
            part.insert(Dep::Section(slug.clone(), kind), fingerprint(&list));
        }
        // Combines the region's parts, in any order, so the whole costs no second pass.
        let whole = part.iter().fold(0u64, |acc, (dep, print)| {
            let mut h = FxHasher::default();
            dep.hash(&mut h);
            h.write_u64(*print);
            acc.wrapping_add(h.finish())
        });
        part.insert(Dep::Handbook(slug.clone()), whole);
        map.extend(part);
    }
    map
}

/// The fingerprint of one entity in full.
fn entity_print(r: &Region, ix: EntityIx) -> u64 {
    match ix {
        EntityIx::Actor(i) => fingerprint(r.actor(i)),
        EntityIx::Procedure(i) => fingerprint(r.procedure(i)),
        EntityIx::Agreement(i) => fingerprint(r.agreement(i)),
        EntityIx::Route(i) => fingerprint(r.route(i)),
        EntityIx::Page(i) => fingerprint(r.page(i)),
    }
}

/// Who does what: the parts in each procedure, and the actors.
fn roles_print(r: &Region) -> u64 {
    let parts: Vec<_> = (r.procedures.iter())
        .map(|p| {
            let steps: Vec<_> = p.steps.iter().map(|s| (s.number, s.actor)).collect();
            (&p.meta.id, p.owner, &p.participants, steps)
        })
        .collect();
    let actors: Vec<_> = r.actors.iter().map(|a| (&a.meta.id, &a.name, a.level)).collect();
    fingerprint(&(parts, actors))
}

/// For an earlier edition, the current edition's paths in a fixed order:
/// every page's banner links to one of them.
fn current_paths(site: &Site) -> Option<(&Option<changes::Edition>, Vec<&str>)> {
    let current = site.current.as_ref()?;
    let mut paths: Vec<&str> = current.paths.iter().map(String::as_str).collect();
    paths.sort_unstable();
    Some((&current.edition, paths))
}

/// The parts of the model a page reads.
pub fn of_job(job: &Job, site: &Site) -> Vec<Dep> {
    if let PageKind::Sitemap = job.kind {
        // Lists every page of every region, with its last-changed date.
        let mut deps = vec![Dep::Site];
        deps.extend(site.regions.iter().map(|r| Dep::Handbook(r.slug.clone())));
        return deps;
    }
    if let PageKind::TailoringOverview = job.kind {
        let mut deps = vec![Dep::Site, Dep::Standards];
        deps.extend(site.regions.iter().map(|r| Dep::Tailoring(r.slug.clone())));
        return deps;
    }
    let Some(region) = job.region.map(|ix| site.region(ix)) else {
        return vec![Dep::Site];
    };
    let slug = region.slug.clone();
    let link = |kind: Kind, id: &str| Dep::Link(slug.clone(), kind, id.to_string());
    let actor = |ix: ActorIx| link(Kind::Actor, &region.actor(ix).meta.id);
    let procedure = |ix: ProcIx| link(Kind::Procedure, &region.procedure(ix).meta.id);
    let agreement = |ix: AgreementIx| link(Kind::Agreement, &region.agreement(ix).meta.id);
    let route = |ix: RouteIx| link(Kind::Route, &region.route(ix).meta.id);
    // Every region page: the header, breadcrumbs and footer (region), the
    // sidebar, and the site (levels, title).
    let mut deps = vec![Dep::Site, Dep::Region(slug.clone())];
    deps.extend(crate::render::sidebar_lists(section_of(&job.kind)).map(|k| Dep::Sidebar(slug.clone(), k)));
    let own = |kind: Kind, id: &str| Dep::Entity(slug.clone(), kind, id.to_string());
    let mark = |subject: Subject, id: &str| Dep::Mark(slug.clone(), subject, id.to_string());
    // An entity's own page shows all of it and its "changed in edition" mark.
    let page_of = |kind: Kind, id: &str| [own(kind, id), mark(Subject::Entity(kind), id)];
    // Bodies explain the glossary's abbreviations.
    if matches!(
        job.kind,
        PageKind::RegionHome | PageKind::Actor(_) | PageKind::Procedure(_) | PageKind::Agreement(_) | PageKind::Page(_)
    ) {
        deps.push(Dep::Glossary(slug.clone()));
    }
    // Previous and next in reading order show those two entities' links.
    let pager = |kind: Kind, i: usize| {
        let at = |j: usize| id_at(region, kind, j).map(|id| link(kind, id));
        i.checked_sub(1).and_then(at).into_iter().chain(at(i + 1))
    };
    match &job.kind {
        PageKind::SiteHome
        | PageKind::NotFound
        | PageKind::Robots
        | PageKind::Sitemap
        | PageKind::TailoringOverview => {}
        PageKind::HandbookJson | PageKind::CalendarIcs | PageKind::DraaiboekPdf(_) => {
            deps.push(Dep::Handbook(slug.clone()))
        }
        PageKind::VCard(ix) => deps.push(own(Kind::Actor, &region.actor(*ix).meta.id)),
        PageKind::DiagramSvg => deps.push(Dep::Diagram(slug.clone())),
        // The search page shows the region's settings and sidebar only; its index reads everything.
        PageKind::Search => {}
        PageKind::SearchIndex => deps.push(Dep::Handbook(slug.clone())),
        PageKind::RegionHome => {
            deps.push(mark(Subject::Region, &slug));
            deps.push(Dep::Diagram(slug.clone()));
            deps.push(Dep::Section(slug.clone(), Kind::Procedure));
            deps.push(Dep::Section(slug.clone(), Kind::Route));
            deps.push(Dep::Section(slug.clone(), Kind::Page));
            // The number of forms, beside the link to the forms page.
            deps.push(Dep::Forms(slug.clone()));
            deps.extend(region.steering_group.iter().map(|&a| actor(a)));
        }
        PageKind::Index(kind) => deps.push(Dep::Section(slug.clone(), *kind)),
        PageKind::Glossary => deps.push(Dep::Glossary(slug.clone())),
        PageKind::Print => {
            deps.push(Dep::Handbook(slug.clone()));
            deps.push(Dep::Diagram(slug.clone()));
        }
        // Every actor with its contact details; the sections' fingerprints do not hold contacts.
        PageKind::SocialMap => {
            deps.push(Dep::Section(slug.clone(), Kind::Actor));
            deps.extend(region.actors.iter().map(|a| own(Kind::Actor, &a.meta.id)));
        }
        // Every form, each with links to the procedures that use it.
        PageKind::Forms => {
            deps.push(Dep::Forms(slug.clone()));
            deps.extend(region.forms.iter().flat_map(|f| &f.procedures).map(|&p| procedure(p)));
        }
        PageKind::Accessibility => {}
        // Reports over the whole region (and the standard route it follows).
        PageKind::Tailoring => deps.push(Dep::Tailoring(slug.clone())),
        PageKind::WhoDoesWhat => deps.extend([
            Dep::Roles(slug.clone()),
            Dep::Section(slug.clone(), Kind::Procedure),
            Dep::Section(slug.clone(), Kind::Actor),
        ]),
        // Each change links its subject's page, where the subject still is.
        PageKind::Changes | PageKind::ChangesFeed => {
            deps.push(Dep::History(slug.clone()));
            deps.push(Dep::Glossary(slug.clone()));
            deps.extend(Kind::ALL.map(|k| Dep::Section(slug.clone(), k)));
        }
        // A redirect shows its target's title; the sections hold every title.
        PageKind::Alias { .. } => deps.extend(Kind::ALL.map(|k| Dep::Section(slug.clone(), k))),
        PageKind::Actor(ix) => {
            let a = region.actor(*ix);
            deps.extend(page_of(Kind::Actor, &a.meta.id));
            deps.extend(pager(Kind::Actor, ix.get()));
            deps.extend(a.members.iter().chain(&a.member_of).map(|&m| actor(m)));
            deps.extend(a.owns.iter().chain(&a.joins).map(|&p| procedure(p)));
            // Its row of who does what: the procedures where it takes a step.
            deps.push(Dep::Roles(slug.clone()));
            deps.extend(a.agreements.iter().map(|&x| agreement(x)));
        }
        PageKind::Procedure(ix) => {
            let p = region.procedure(*ix);
            deps.extend(page_of(Kind::Procedure, &p.meta.id));
            deps.push(Dep::Neighbourhood(slug.clone(), p.meta.id.clone()));
            deps.extend(pager(Kind::Procedure, ix.get()));
            deps.extend(p.owner.iter().chain(&p.participants).map(|&a| actor(a)));
            deps.extend(p.steps.iter().filter_map(|s| s.actor).map(actor));
            deps.extend(p.consent.iter().flat_map(|c| &c.from).map(|&a| actor(a)));
            deps.extend(
                p.escalates_to
                    .iter()
                    .chain(&p.escalated_from)
                    .map(|e| procedure(e.other)),
            );
            deps.extend(p.routes.iter().map(|&r| route(r)));
            deps.extend(p.agreements.iter().map(|&x| agreement(x)));
        }
        PageKind::Agreement(ix) => {
            let a = region.agreement(*ix);
            deps.extend(page_of(Kind::Agreement, &a.meta.id));
            deps.extend(pager(Kind::Agreement, ix.get()));
            deps.extend(a.parties.iter().map(|&p| actor(p)));
            for c in &a.commitments {
                deps.extend(c.party.map(actor));
                deps.extend(c.procedures.iter().map(|&p| procedure(p)));
            }
        }
        PageKind::Route(ix) => {
            let r = region.route(*ix);
            deps.extend(page_of(Kind::Route, &r.meta.id));
            deps.push(Dep::Diagram(slug.clone()));
            deps.extend(pager(Kind::Route, ix.get()));
            for s in &r.steps {
                deps.push(procedure(s.procedure));
                deps.extend(region.procedure(s.procedure).owner.map(actor));
            }
        }
        PageKind::Page(ix) => {
            deps.extend(page_of(Kind::Page, &region.page(*ix).meta.id));
            deps.extend(pager(Kind::Page, ix.get()));
        }
    }
    deps
}

/// The id of the `i`th entity of `kind` in the region's reading order.
fn id_at(region: &Region, kind: Kind, i: usize) -> Option<&str> {
    Some(&region.nth(kind, i)?.meta.id)
}
