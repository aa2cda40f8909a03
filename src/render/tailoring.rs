//! The tailoring reports for advisers: how a region differs from the
//! standard route it follows (each own version with its changed fields in
//! words, each exclusion and addition, the glossary), and at the site root
//! every region against every entity of the standard. The fields come from
//! the same semantic diff as the editions, run between the standard as a
//! region that tailors nothing and the region.

use std::collections::HashMap;

use serde::Serialize;

use super::editions::ChangeView;
use super::views::{titled, Link, Titled};
use crate::diff::present::{field_sentence, subject_title_key, SUBJECT_ORDER};
use crate::diff::tailoring::Tailored;
use crate::i18n::Strings;
use crate::kinds::Kind;
use crate::model::changes::Subject;
use crate::model::{EntityRef, Origin, Region, Site};
use crate::urls;

/// A region's tailoring report.
#[derive(Debug, Serialize)]
pub struct TailoringView {
    /// The standard route's folder under content/.
    pub standard: String,
    pub counts: Counts,
    /// What differs, by kind in the sidebar's order, then the glossary.
    pub groups: Vec<Titled<ChangeView>>,
}

/// How many of the region's entities are the standard's, its own versions
/// of them, left out, or its own additions.
#[derive(Debug, Default, Serialize)]
pub struct Counts {
    pub inherited: usize,
    pub changed: usize,
    pub excluded: usize,
    pub added: usize,
}

pub fn counts(region: &Region) -> Counts {
    let mut counts = Counts {
        excluded: region.excluded.len(),
        ..Counts::default()
    };
    for e in region.entities() {
        match e.meta.origin {
            Origin::Standard => counts.inherited += 1,
            Origin::Override => counts.changed += 1,
            Origin::Regional => counts.added += 1,
        }
    }
    counts
}

/// The tailoring report of `region`; `None` when it follows no standard.
pub fn view(site: &Site, region: &Region, t: &Strings) -> Option<TailoringView> {
    let standard = site.standard_of(region)?;
    let changes = crate::diff::tailoring::region(site, region, t);
    let groups = titled(
        SUBJECT_ORDER.into_iter().filter(|s| *s != Subject::Region),
        |subject| {
            (
                format!("afwijkingen-{}", subject.word()),
                t.get(subject_title_key(*subject)).to_string(),
            )
        },
        |subject| {
            (changes.iter())
                .filter(|(c, _)| c.subject == *subject)
                .map(|(c, how)| ChangeView {
                    anchor: urls::change_anchor("afwijking", c.subject.word(), &c.id),
                    title: c.title.clone(),
                    url: (*how != Tailored::Excluded).then(|| crate::diff::present::subject_path(&region.slug, c)),
                    change: how.word(),
                    what: t.get(&format!("tailoring_{}", how.word())).to_string(),
                    note: None,
                    fields: c.fields.iter().map(|f| field_sentence(f, t)).collect(),
                    old_url: None,
                })
                .collect()
        },
    );
    Some(TailoringView {
        standard: standard.slug.clone(),
        counts: counts(region),
        groups,
    })
}

/// Every region against the standard routes, for the site root.
#[derive(Debug, Serialize)]
pub struct OverviewView {
    pub standards: Vec<StandardOverview>,
}

/// The regions that follow one standard route, against its entities.
#[derive(Debug, Serialize)]
pub struct StandardOverview {
    pub id: String,
    /// The standard route's folder under content/.
    pub name: String,
    /// Each region, linking to its tailoring report, with its counts.
    pub regions: Vec<RegionSummary>,
    /// Each entity of the standard, by kind.
    pub kinds: Vec<Titled<EntityRow>>,
}

#[derive(Debug, Serialize)]
pub struct RegionSummary {
    pub link: Link,
    pub counts: Counts,
    /// What the region adds of its own.
    pub additions: Vec<Link>,
    /// One cell per entity of the standard, in the order of `kinds`' rows.
    pub cells: Vec<Cell>,
}

/// One entity of the standard and what the regions made of it.
#[derive(Debug, Serialize)]
pub struct EntityRow {
    /// Its number in the matrix's columns, from 1.
    pub number: usize,
    pub title: String,
    pub inherited: usize,
    /// The regions with their own version, each linking to it.
    pub changed_in: Vec<Link>,
    /// The regions that leave it out, each linking to their report.
    pub excluded_in: Vec<Link>,
}

/// What one region made of one entity of the standard.
#[derive(Debug, Serialize)]
pub struct Cell {
    /// `inherited`, `changed` or `excluded`.
    pub state: &'static str,
    /// The region's page of the entity, when it has one.
    pub url: Option<String>,
}

/// The site root's overview; `None` when no region follows a standard.
pub fn overview(site: &Site, t: &Strings) -> Option<OverviewView> {
    let standards: Vec<StandardOverview> = (site.standards.iter())
        .map(|standard| standard_overview(site, standard, t))
        .filter(|s| !s.regions.is_empty())
        .collect();
    (!standards.is_empty()).then_some(OverviewView { standards })
}

fn standard_overview(site: &Site, standard: &Region, t: &Strings) -> StandardOverview {
    let followers: Vec<&Region> = (site.regions.iter())
        .filter(|r| site.standard_of(r).is_some_and(|s| std::ptr::eq(s, standard)))
        .collect();
    let entities: Vec<(Kind, &str, &str)> = Kind::ALL
        .iter()
        .flat_map(|&kind| standard.of_kind(kind).map(move |e| (kind, e.meta.id.as_str(), e.title)))
        .collect();
    // Each follower's entities by kind and id, looked up once per cell
    // (searching the region for each was quadratic: 10,000 entities took a
    // quarter of a second).
    let by_id: Vec<HashMap<(Kind, &str), EntityRef<'_>>> = (followers.iter())
        .map(|r| r.entities().map(|e| ((e.ix.kind(), e.meta.id.as_str()), e)).collect())
        .collect();
    let cell = |follower: usize, kind: Kind, id: &str| -> Cell {
        let region = followers[follower];
        match by_id[follower].get(&(kind, id)) {
            Some(e) => Cell {
                state: if e.meta.origin == Origin::Override {
                    "changed"
                } else {
                    "inherited"
                },
                url: Some(urls::entity(&region.slug, kind, id)),
            },
            None => Cell {
                state: "excluded",
                url: None,
            },
        }
    };
    let regions: Vec<RegionSummary> = (followers.iter().enumerate())
        .map(|(f, r)| RegionSummary {
            link: Link::new(&r.name, urls::tailoring(&r.slug)),
            counts: counts(r),
            additions: (r.entities())
                .filter(|e| e.meta.origin == Origin::Regional)
                .map(|e| Link::new(e.title, urls::entity(&r.slug, e.ix.kind(), &e.meta.id)))
                .collect(),
            cells: entities.iter().map(|&(kind, id, _)| cell(f, kind, id)).collect(),
        })
        .collect();
    // Each entity's row reads its column of the regions' cells; rows are
    // numbered as the matrix's columns are.
    let row = |col: usize, title: &str| {
        let mut row = EntityRow {
            number: col + 1,
            title: title.to_string(),
            inherited: 0,
            changed_in: Vec::new(),
            excluded_in: Vec::new(),
        };
        for (r, summary) in followers.iter().zip(&regions) {
            match &summary.cells[col] {
                Cell {
                    state: "changed",
                    url: Some(url),
                } => row.changed_in.push(Link::new(&r.name, url.clone())),
                Cell { state: "excluded", .. } => row.excluded_in.push(summary.link.clone()),
                _ => row.inherited += 1,
            }
        }
        row
    };
    let kinds = titled(
        Kind::ALL,
        |kind| (kind.word().to_string(), t.get(kind.index_title_key()).to_string()),
        |kind| {
            (entities.iter().enumerate())
                .filter(|(_, (k, ..))| k == kind)
                .map(|(col, &(_, _, title))| row(col, title))
                .collect()
        },
    );
    StandardOverview {
        id: crate::values::slugify(&standard.slug),
        name: standard.slug.clone(),
        regions,
        kinds,
    }
}
