//! `<region>/afspraken.ics`: each agreement's review date as an all-day
//! event (RFC 5545), so a coordinator can subscribe to the dates in a
//! calendar. Written with the `icalendar` crate (line folding, escaping,
//! CRLF); UIDs and DTSTAMP are fixed, so a rebuild gives the same bytes.

use icalendar::{Calendar, Component, Property};

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
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property((
            "PRODID",
            concat!("-//zorgroute//zorgroute ", env!("CARGO_PKG_VERSION"), "//NL"),
        ))
        .append_property(("CALSCALE", "GREGORIAN"))
        // The crate writes NAME and X-WR-CALNAME as they are: escaped here.
        .name(&super::escape_text(&format!(
            "{}: {}",
            region.name,
            t.get("calendar_name")
        )));
    let dtstamp = format!("{}T000000Z", super::basic_date(stamp));
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
        let mut event = icalendar::Event::new();
        event
            .uid(&uid(&region.slug, &a.meta.id))
            .add_property("DTSTAMP", &dtstamp)
            .summary(&format!("{}: {}", t.get("agreement_review"), a.title))
            .append_property(date_property("DTSTART", review))
            // DTEND is the day after: an all-day event ends at the start of the next day.
            .append_property(date_property("DTEND", review.next_day().unwrap_or(review)));
        if !description.is_empty() {
            event.description(&description);
        }
        if let Some(page) = &page {
            event.url(page);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string().into_bytes()
}

/// A property whose value is a DATE (an all-day event).
fn date_property(key: &str, date: time::Date) -> Property {
    Property::new(key, super::basic_date(date))
        .add_parameter("VALUE", "DATE")
        .done()
}
