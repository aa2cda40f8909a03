//! `<region>/afspraken.ics`: each agreement's review date as an all-day
//! event (RFC 5545), so a coordinator can subscribe to the dates in a
//! calendar. Written with the `icalendar` crate (line folding, escaping,
//! CRLF); UIDs and DTSTAMP are fixed, so a rebuild gives the same bytes.

use icalendar::{Calendar, Component, Event, Property};

use crate::i18n::Strings;
use crate::model::{Kind, Region, Site};
use crate::urls;

/// The stable UID of an agreement's review event.
pub fn uid(region: &str, agreement_id: &str) -> String {
    format!("{agreement_id}@{region}.zorgroute")
}

/// The calendar of a region's agreement review dates. `stamp` is the DTSTAMP
/// of every event: the build date, so the output does not change within a day
/// (and not at all with `ZORGROUTE_TODAY`).
pub fn render(site: &Site, region: &Region, t: &Strings, stamp: time::Date) -> Vec<u8> {
    let mut calendar = calendar(&format!("{}: {}", region.name, t.get("calendar_name")));
    for a in &region.agreements {
        let Some(review) = a.review else { continue };
        let path = urls::entity(&region.slug, Kind::Agreement, &a.meta.id);
        let page = super::absolute_url(&site.base_url, &path);
        let mut description = a.summary.clone().unwrap_or_default();
        if let Some(page) = &page {
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(page);
        }
        let event = AllDay {
            uid: &uid(&region.slug, &a.meta.id),
            stamp,
            summary: &format!("{}: {}", t.get("agreement_review"), a.title),
            date: review,
            description: &description,
            url: page.as_deref(),
        };
        calendar.push(event.event());
    }
    calendar.done().to_string().into_bytes()
}

/// An empty calendar called `name`, with what every calendar of zorgroute
/// says about itself.
pub fn calendar(name: &str) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property((
            "PRODID",
            concat!("-//zorgroute//zorgroute ", env!("CARGO_PKG_VERSION"), "//NL"),
        ))
        .append_property(("CALSCALE", "GREGORIAN"))
        // The crate writes NAME and X-WR-CALNAME as they are: escaped here.
        .name(&super::escape_text(name));
    calendar
}

/// An all-day event: its UID, DTSTAMP (a date, so the same day gives the
/// same bytes), summary, day, description (left out when empty) and page.
pub struct AllDay<'a> {
    pub uid: &'a str,
    pub stamp: time::Date,
    pub summary: &'a str,
    pub date: time::Date,
    pub description: &'a str,
    pub url: Option<&'a str>,
}

impl AllDay<'_> {
    pub fn event(&self) -> Event {
        let mut event = Event::new();
        event
            .uid(self.uid)
            .add_property("DTSTAMP", format!("{}T000000Z", super::basic_date(self.stamp)))
            .summary(self.summary)
            .append_property(date_property("DTSTART", self.date))
            // DTEND is the day after: an all-day event ends at the start of the next day.
            .append_property(date_property("DTEND", self.date.next_day().unwrap_or(self.date)));
        if !self.description.is_empty() {
            event.description(self.description);
        }
        if let Some(url) = self.url {
            event.url(url);
        }
        event.done()
    }
}

/// A property whose value is a DATE (an all-day event).
fn date_property(key: &str, date: time::Date) -> Property {
    Property::new(key, super::basic_date(date))
        .add_parameter("VALUE", "DATE")
        .done()
}
