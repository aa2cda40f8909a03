//! `<region>/wijzigingen.xml`: the changes of every edition as an Atom feed
//! (RFC 4287), written with the `atom_syndication` crate, so that a school
//! can follow a region's handbook in a feed reader. One entry per changed
//! subject per edition; ids and dates are fixed, so a rebuild gives the
//! same bytes.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};

use crate::diff::present::{field_sentence, note_key, subject_url, type_key};
use crate::escape;
use crate::i18n::Strings;
use crate::model::changes::{Change, EditionChanges};
use crate::model::{Region, Site};
use crate::urls;

/// The feed of a region's changes, newest edition first.
pub fn render(site: &Site, region: &Region, t: &Strings) -> Vec<u8> {
    let feed_path = urls::changes_feed(&region.slug);
    let href = |path: &str| match site.base_url.as_str() {
        "" => format!("{}{path}", urls::root_prefix(&feed_path)),
        base => urls::pretty(base, path),
    };
    let page = urls::changes_page(&region.slug);
    let updated = region
        .history
        .first()
        .and_then(|h| h.edition.date)
        .unwrap_or(site.build_date);
    let mut feed = Feed {
        title: Text::plain(format!("{}: {}", t.get("changes_feed_title"), region.name)),
        id: format!("urn:zorgroute:{}:{}", region.slug, "wijzigingen"),
        updated: timestamp(updated),
        authors: vec![Person {
            name: region.name.clone(),
            ..Person::default()
        }],
        links: vec![link(href(&feed_path), "self"), link(href(&page), "alternate")],
        lang: Some(site.lang.code().to_string()),
        ..Feed::default()
    };
    for history in &region.history {
        for change in &history.changes {
            let date = history.edition.date.unwrap_or(site.build_date);
            feed.entries
                .push(entry(region, history, change, t, date, &href(&page), &href));
        }
    }
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = feed.write_to(&mut out);
    out
}

fn entry(
    region: &Region,
    history: &EditionChanges,
    change: &Change,
    t: &Strings,
    date: time::Date,
    changes_page: &str,
    href: &impl Fn(&str) -> String,
) -> Entry {
    let edition = &history.edition.name;
    let anchor = urls::change_anchor(edition, change.subject.word(), &change.id);
    let target = subject_url(region, change).map_or_else(|| format!("{changes_page}#{anchor}"), |u| href(&u));
    let what = type_key(change.change);
    Entry {
        title: Text::plain(format!(
            "{} ({}, {} {edition})",
            change.title,
            t.get(what),
            t.get("edition").to_lowercase()
        )),
        id: format!(
            "urn:zorgroute:{}:{edition}:{}:{}",
            region.slug,
            change.subject.word(),
            change.id
        ),
        updated: timestamp(date),
        links: vec![link(target, "alternate")],
        content: Some(Content {
            value: Some(content_html(change, t)),
            content_type: Some("html".into()),
            ..Content::default()
        }),
        ..Entry::default()
    }
}

/// What changed, as the HTML the entry carries: a note and a list of fields.
fn content_html(change: &Change, t: &Strings) -> String {
    let mut html = String::new();
    if let Some(note) = change.note {
        html.push_str(&format!("<p>{}</p>", escape::html(t.get(note_key(note)))));
    }
    if !change.fields.is_empty() {
        html.push_str("<ul>");
        for f in &change.fields {
            html.push_str(&format!("<li>{}</li>", escape::html(&field_sentence(f, t))));
        }
        html.push_str("</ul>");
    }
    html
}

fn link(href: String, rel: &str) -> Link {
    Link {
        href,
        rel: rel.to_string(),
        ..Link::default()
    }
}

/// Midnight UTC of a date, as Atom writes time stamps.
fn timestamp(date: time::Date) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&format!("{date}T00:00:00Z")).unwrap_or_default()
}
