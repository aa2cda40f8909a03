//! What readers see of editions: the changes page of a region (each
//! edition's changes, newest first, grouped by what they are about), the
//! links to the earlier editions built beside the current one, and the
//! banner of a page of an earlier edition that leads to its current version.

use serde::Serialize;

use super::views::{date_view, titled, DateView, Link, Titled, Views};
use crate::diff::present::{
    field_sentence, note_key, subject_path, subject_title_key, subject_url, type_key, SUBJECT_ORDER,
};
use crate::i18n::Strings;
use crate::model::changes::{Change, ChangeType, EditionChanges, Subject};
use crate::model::{Region, Site};
use crate::plan::Job;
use crate::urls;
use crate::values::slugify;

/// The changes page of a region.
#[derive(Debug, Serialize)]
pub struct ChangesView {
    /// Newest first; empty when the region has no history yet.
    pub editions: Vec<EditionView>,
    /// The Atom feed of the same changes, from the site root.
    pub feed: String,
}

/// The changes one edition made.
#[derive(Debug, Serialize)]
pub struct EditionView {
    /// The id of the edition's heading.
    pub id: String,
    pub name: String,
    /// The edition it is compared with.
    pub since: String,
    pub date: Option<DateView>,
    /// The region's home in the edition it is compared with, when that
    /// edition is built beside this one.
    pub since_url: Option<String>,
    /// The changes by what they are about, in [`SUBJECT_ORDER`]; only
    /// subjects that changed. Empty: nothing changed in this region.
    pub groups: Vec<Titled<ChangeView>>,
}

/// One change as the page shows it; also one difference on the tailoring
/// report.
#[derive(Debug, Serialize)]
pub struct ChangeView {
    /// Its id on the page: [`urls::change_anchor`], what marks link to.
    pub anchor: String,
    pub title: String,
    /// The subject's page now; `None` when it is gone.
    pub url: Option<String>,
    /// What happened as a word for the style: `added`, `removed` or
    /// `changed` (and `excluded` on the tailoring report).
    pub change: &'static str,
    /// What happened, in words: new, removed, changed.
    pub what: String,
    pub note: Option<String>,
    /// Each changed field as a sentence ("Stap 3 › Termijn: was 6 weken, nu 8 weken").
    pub fields: Vec<String>,
    /// The subject's page in the edition it is compared with, when that
    /// edition is built beside this one and had the subject.
    pub old_url: Option<String>,
}

/// The changes page of the region of `v`.
pub fn changes(v: &Views<'_>, t: &Strings) -> ChangesView {
    let earlier = earlier_links(v.site, v.region);
    ChangesView {
        editions: v.region.history.iter().map(|h| edition(v, h, &earlier, t)).collect(),
        feed: urls::changes_feed(&v.region.slug),
    }
}

fn edition(v: &Views<'_>, history: &EditionChanges, earlier: &[Link], t: &Strings) -> EditionView {
    let (name, since) = (&history.edition.name, &history.since.name);
    let id = format!("editie-{}", slugify(name));
    // What the edition it is compared with had, when that edition is built
    // beside this one: its folder (`edities/<since>/`).
    let since_built = v.site.earlier.iter().any(|e| e.name == *since);
    let groups = titled(
        SUBJECT_ORDER,
        |subject| {
            (
                format!("{id}-{}", subject.word()),
                t.get(subject_title_key(*subject)).to_string(),
            )
        },
        |subject| {
            (history.changes.iter())
                .filter(|c| c.subject == *subject)
                .map(|c| change(v.region, name, since_built.then_some(since.as_str()), c, t))
                .collect()
        },
    );
    EditionView {
        since_url: earlier.iter().find(|l| l.title == *since).map(|l| l.url.clone()),
        id,
        name: name.clone(),
        since: since.clone(),
        date: history.edition.date.map(|d| date_view(d, v.site.lang)),
        groups,
    }
}

/// One change of edition `edition`; `since_built` names the edition it is
/// compared with when that one's pages are built too.
fn change(region: &Region, edition: &str, since_built: Option<&str>, c: &Change, t: &Strings) -> ChangeView {
    ChangeView {
        anchor: urls::change_anchor(edition, c.subject.word(), &c.id),
        title: c.title.clone(),
        // A subject removed in this edition may be back in a later one: the
        // entry says what this edition did, so it does not link there.
        url: match c.change {
            ChangeType::Removed => None,
            _ => subject_url(region, c),
        },
        change: c.change.word(),
        what: t.get(type_key(c.change)).to_string(),
        note: c.note.map(|n| t.get(note_key(n)).to_string()),
        fields: c.fields.iter().map(|f| field_sentence(f, t)).collect(),
        // What was added was not in the edition before.
        old_url: since_built
            .filter(|_| c.change != ChangeType::Added)
            .map(|since| format!("{}{}", urls::edition_root(since), subject_path(&region.slug, c))),
    }
}

/// The earlier editions built beside this one that had `region`, newest
/// first, each linking (title: the edition's name) to the region's home
/// there. A region that an edition added was in none of the editions
/// before it.
pub fn earlier_links(site: &Site, region: &Region) -> Vec<Link> {
    let added = |h: &&EditionChanges| {
        h.changes
            .iter()
            .any(|c| c.subject == Subject::Region && c.change == ChangeType::Added)
    };
    // The newest edition that added the region: it was not in the one before.
    let absent_from = region.history.iter().find(added).map(|h| h.since.name.as_str());
    site.earlier
        .iter()
        .take_while(|e| Some(e.name.as_str()) != absent_from)
        .map(|e| {
            Link::new(
                &e.name,
                format!("{}{}", urls::edition_root(&e.name), urls::region_home(&region.slug)),
            )
        })
        .collect()
}

/// The earlier editions as the site root lists them: each edition's own root.
pub fn site_links(site: &Site) -> Vec<Link> {
    (site.earlier.iter())
        .map(|e| Link::new(&e.name, format!("{}{}", urls::edition_root(&e.name), urls::site_home())))
        .collect()
}

/// The banner of a page of an earlier edition.
#[derive(Debug, Serialize)]
pub struct OldEditionView {
    /// This (old) edition's name.
    pub name: String,
    /// The current edition's name, when it has one.
    pub current: Option<String>,
    /// The current version of this page (from this site's root), else the
    /// current home of its region or site.
    pub url: String,
    /// Whether `url` is this page's current version (else the page is gone).
    pub same_page: bool,
}

/// The banner of `job`, when `site` is an earlier edition.
pub fn old_edition(site: &Site, job: &Job) -> Option<OldEditionView> {
    let current = site.current.as_ref()?;
    let name = site.edition.as_ref().map_or_else(String::new, |e| e.name.clone());
    // This site is built in `edities/<name>/` below the current one.
    let up = urls::root_prefix(&urls::edition_root(&name));
    let region_home = job
        .region
        .map(|ri| site.region(ri))
        .map(|r| urls::region_home(&r.slug))
        .filter(|home| current.paths.contains(home));
    let same_page = current.paths.contains(&job.path);
    let target = match (same_page, region_home) {
        (true, _) => job.path.clone(),
        (false, Some(home)) => home,
        (false, None) => urls::site_home(),
    };
    Some(OldEditionView {
        name,
        current: current.edition.as_ref().map(|e| e.name.clone()),
        url: format!("{up}{target}"),
        same_page,
    })
}
