//! `<region>/sociale-kaart/<actor-id>.vcf`: an actor's contact details as a
//! vCard 4.0 (RFC 6350), to add to an address book. vCard shares iCalendar's
//! content lines, so lines are written (folded at 75 octets, CRLF) by the
//! same `icalendar` crate that writes the calendar; values are escaped here,
//! because the crate only escapes the iCalendar properties it knows.

use icalendar::Property;

use crate::i18n::{Lang, Strings};
use crate::model::{Actor, ActorKind, Region};
use crate::values::display_date;

use super::escape_text;

/// The vCard of an actor; `None` when it has no contact details.
pub fn render(region: &Region, actor: &Actor, t: &Strings, lang: Lang) -> Option<Vec<u8>> {
    let contact = actor.contact.as_ref().filter(|_| crate::plan::has_vcard(actor))?;
    let mut card = String::from("BEGIN:VCARD\r\nVERSION:4.0\r\n");
    let mut line = |key: &str, params: &[(&str, &str)], value: String| {
        let mut property = Property::new(key, value);
        for (k, v) in params {
            property.add_parameter(k, v);
        }
        // Writing into a String cannot fail.
        let text: String = property.try_into().unwrap_or_default();
        card.push_str(&text);
    };
    line("FN", &[], escape_text(&actor.name));
    match actor.kind {
        ActorKind::Organisatie => {
            line("KIND", &[], "org".into());
            line("ORG", &[], escape_text(&actor.name));
        }
        ActorKind::Team | ActorKind::Rol => {
            if actor.kind == ActorKind::Team {
                line("KIND", &[], "group".into());
            }
            // A role or team works within the region's partnership.
            line("ORG", &[], escape_text(&region.name));
        }
    }
    if let Some(phone) = &contact.phone {
        line("TEL", &[("TYPE", "work"), ("VALUE", "text")], escape_text(phone));
    }
    if let Some(email) = &contact.email {
        line("EMAIL", &[("TYPE", "work")], escape_text(email));
    }
    if let Some(url) = &contact.url {
        line("URL", &[], url.clone());
    }
    if let Some(address) = &contact.address {
        // The address is free text: all of it goes in the street component
        // (post office box; extended; street; locality; region; code; country).
        line("ADR", &[("TYPE", "work")], format!(";;{};;;;", escape_text(address)));
    }
    let note: Vec<String> = [
        contact.hours.as_ref().map(|h| format!("{}: {h}", t.get("hours"))),
        contact
            .verified
            .map(|d| format!("{} {}", t.get("verified"), display_date(d, lang))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !note.is_empty() {
        line("NOTE", &[], escape_text(&note.join("\n")));
    }
    if let Some(date) = actor.meta.changed.or(contact.verified) {
        line("REV", &[], format!("{}T000000Z", super::basic_date(date)));
    }
    card.push_str("END:VCARD\r\n");
    Some(card.into_bytes())
}
