//! Upkeep: what in a handbook comes due, read from the resolved model. An
//! agreement's review date, an actor's contact details a year after they
//! were `verified`, and a page's review date, each with its owner.
//! `zorgroute review` lists what is due ([`due`]); `check` warns about the
//! same dates ahead of time (`warnings.rs`).

use crate::diag::reports::DueTask;
use crate::model::{ActorIx, Kind, Meta, Page, Region, Site};
use crate::urls;

/// Who sees to an item: an actor of the region, or the region itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Actor(ActorIx),
    Region,
}

impl Owner {
    /// The owner's id (an actor id, or the region's slug) and name.
    pub fn id_and_name(self, region: &Region) -> (&str, &str) {
        match self {
            Owner::Actor(ix) => {
                let a = region.actor(ix);
                (&a.meta.id, &a.name)
            }
            Owner::Region => (&region.slug, &region.name),
        }
    }
}

/// One thing that comes due on `date` in a region.
#[derive(Debug, Clone, Copy)]
pub struct Due<'a> {
    pub region: &'a Region,
    /// The kind of the entity it is about: agreement, actor or page.
    pub kind: Kind,
    pub meta: &'a Meta,
    /// The entity's title, or an actor's name.
    pub title: &'a str,
    pub task: DueTask,
    pub owner: Owner,
    pub date: time::Date,
    /// For contact details: when they were last checked.
    pub verified: Option<time::Date>,
}

impl Due<'_> {
    /// Whether the date has passed: due today is not yet overdue.
    pub fn overdue(&self, today: time::Date) -> bool {
        self.date < today
    }

    /// Days from `today` until the date (negative when overdue).
    pub fn days_left(&self, today: time::Date) -> i64 {
        (self.date - today).whole_days()
    }

    /// The path of the entity's page from the site root.
    pub fn path(&self) -> String {
        let home = self
            .region
            .home
            .as_ref()
            .is_some_and(|h| std::ptr::eq(&h.meta, self.meta));
        if home {
            urls::region_home(&self.region.slug)
        } else {
            urls::entity(&self.region.slug, self.kind, &self.meta.id)
        }
    }
}

/// Everything in `region` that has a date, in the model's order: agreements
/// (owned by their first party), actors' contact details (owned by the
/// actor), pages and the home page (owned by the region).
pub fn items<'a>(region: &'a Region) -> Vec<Due<'a>> {
    let mut out = Vec::new();
    for a in &region.agreements {
        if let Some(date) = a.review {
            out.push(Due {
                region,
                kind: Kind::Agreement,
                meta: &a.meta,
                title: &a.title,
                task: DueTask::AgreementReview,
                owner: a.parties.first().map_or(Owner::Region, |&p| Owner::Actor(p)),
                date,
                verified: None,
            });
        }
    }
    for (i, a) in region.actors.iter().enumerate() {
        let Some(contact) = &a.contact else { continue };
        if let (Some(verified), Some(date)) = (contact.verified, contact.check_due()) {
            out.push(Due {
                region,
                kind: Kind::Actor,
                meta: &a.meta,
                title: &a.name,
                task: DueTask::ContactCheck,
                owner: Owner::Actor(ActorIx::new(i)),
                date,
                verified: Some(verified),
            });
        }
    }
    let page = |p: &'a Page| {
        p.review.map(|date| Due {
            region,
            kind: Kind::Page,
            meta: &p.meta,
            title: &p.title,
            task: DueTask::PageReview,
            owner: Owner::Region,
            date,
            verified: None,
        })
    };
    out.extend(region.pages.iter().chain(&region.home).filter_map(page));
    out
}

/// What is due on or before `within` days after `today`, overdue items
/// included: per region in the site's order, per owner (the owner with the
/// earliest date first), each owner's items by date.
pub fn due(site: &Site, today: time::Date, within: u32) -> Vec<Due<'_>> {
    let until = today.saturating_add(time::Duration::days(i64::from(within)));
    let mut out = Vec::new();
    for region in &site.regions {
        let mut region_items: Vec<Due<'_>> = items(region).into_iter().filter(|d| d.date <= until).collect();
        region_items.sort_by(|a, b| (a.date, a.kind, &a.meta.id).cmp(&(b.date, b.kind, &b.meta.id)));
        // Owners in the order of their first (earliest) item.
        let mut owners: Vec<Owner> = Vec::new();
        for d in &region_items {
            if !owners.contains(&d.owner) {
                owners.push(d.owner);
            }
        }
        region_items.sort_by_key(|d| owners.iter().position(|o| *o == d.owner));
        out.extend(region_items);
    }
    out
}
