//! What `zorgroute review` prints: the items due ([`crate::check::upkeep::due`])
//! as a table for people, as JSON or CSV records `{region, kind, id, title,
//! owner, due, what, overdue}`, or as an iCalendar file with one all-day
//! event per item. Words come from the catalogue (`diag::reports`), in the
//! site's language.

use serde::Serialize;

use crate::check::upkeep::Due;
use crate::diag::Report;
use crate::i18n::Lang;
use crate::model::Site;
use crate::values::display_date;

/// One item due, as JSON and CSV give it.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// The region's slug.
    pub region: &'a str,
    /// `agreement`, `actor` or `page`.
    pub kind: &'static str,
    pub id: &'a str,
    pub title: &'a str,
    /// The owner's id: an actor id, or the region's slug.
    pub owner: &'a str,
    /// The date, `YYYY-MM-DD`.
    pub due: String,
    /// What to do, in the site's language.
    pub what: &'static str,
    pub overdue: bool,
}

/// The CSV columns, in the order of [`Record`]'s fields.
pub const COLUMNS: [&str; 8] = ["region", "kind", "id", "title", "owner", "due", "what", "overdue"];

/// The records of `items`, in their order.
pub fn records<'a>(items: &[Due<'a>], today: time::Date, lang: Lang) -> Vec<Record<'a>> {
    items
        .iter()
        .map(|d| Record {
            region: &d.region.slug,
            kind: d.kind.word(),
            id: &d.meta.id,
            title: d.title,
            owner: d.owner.id_and_name(d.region).0,
            due: d.date.to_string(),
            what: d.task.text(lang),
            overdue: d.overdue(today),
        })
        .collect()
}

/// The records as a JSON list, pretty-printed, with a final newline.
pub fn json(items: &[Due<'_>], today: time::Date, lang: Lang) -> String {
    let mut text = serde_json::to_string_pretty(&records(items, today, lang)).unwrap_or_default();
    text.push('\n');
    text
}

/// The records as CSV (RFC 4180: comma, quotes where needed, CRLF), with a
/// header row even when nothing is due.
pub fn csv(items: &[Due<'_>], today: time::Date, lang: Lang) -> String {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into memory cannot fail.
    let _ = writer.write_record(COLUMNS);
    for record in records(items, today, lang) {
        let _ = writer.serialize(record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The items as a table: a heading, then per region and owner one line per
/// item (date, overdue mark, what to do, title and id).
pub fn human(items: &[Due<'_>], today: time::Date, within: u32, lang: Lang) -> String {
    let until = today.saturating_add(time::Duration::days(i64::from(within)));
    let heading = Report::DueHeading {
        today: display_date(today, lang),
        until: display_date(until, lang),
        days: within,
    };
    let mut out = format!("{}\n", heading.text(lang));
    if items.is_empty() {
        out.push_str(&format!("\n{}\n", Report::NothingDue.text(lang)));
        return out;
    }
    let overdue = Report::Overdue.text(lang);
    let mark_width = overdue.chars().count();
    let what_width = items
        .iter()
        .map(|d| d.task.text(lang).chars().count())
        .max()
        .unwrap_or(0);
    let mut last: Option<(&str, (&str, &str))> = None;
    for d in items {
        let owner = d.owner.id_and_name(d.region);
        if last.map(|(region, _)| region) != Some(&d.region.slug) {
            out.push_str(&format!("\n{} ({})\n", d.region.name, d.region.slug));
        }
        if last != Some((&d.region.slug, owner)) {
            out.push_str(&format!("  {} ({})\n", owner.1, owner.0));
        }
        last = Some((&d.region.slug, owner));
        let mark = if d.overdue(today) { overdue.as_str() } else { "" };
        out.push_str(&format!(
            "    {}  {mark:<mark_width$}  {:<what_width$}  {} ({})\n",
            d.date,
            d.task.text(lang),
            d.title,
            d.meta.id,
        ));
    }
    out
}

/// The items as an iCalendar file: one all-day event per item on its date,
/// naming what to do, the owner and the page. `today` is every event's
/// DTSTAMP, so the same day gives the same bytes.
pub fn ics(site: &Site, items: &[Due<'_>], today: time::Date) -> Vec<u8> {
    let lang = site.lang;
    let name = Report::DueCalendar {
        title: site.title.clone(),
    };
    let mut calendar = super::ical::calendar(&name.text(lang));
    for d in items {
        let owner = Report::DueOwner {
            owner: d.owner.id_and_name(d.region).1.to_string(),
        };
        let page = super::absolute_url(&site.base_url, &d.path());
        let mut description = owner.text(lang);
        if let Some(page) = &page {
            description.push_str("\n\n");
            description.push_str(page);
        }
        let uid = format!("review-{}-{}@{}.zorgroute", d.kind.word(), d.meta.id, d.region.slug);
        let summary = format!("{}: {}", capitalised(d.task.text(lang)), d.title);
        let event = super::ical::AllDay {
            uid: &uid,
            stamp: today,
            summary: &summary,
            date: d.date,
            description: &description,
            url: page.as_deref(),
        };
        calendar.push(event.event());
    }
    calendar.done().to_string().into_bytes()
}

/// `text` with its first letter in upper case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
