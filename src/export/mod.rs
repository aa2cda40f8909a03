//! Outputs for other programs rather than readers: the region's JSON export,
//! calendar and changes feeds, vCards of actors, the sitemap and robots.txt,
//! and what `zorgroute review` prints (`upkeep.rs`). Each is a pure function
//! of the model, like the pages.

pub mod atom;
pub mod ical;
pub mod json;
pub mod sitemap;
pub mod upkeep;
pub mod vcard;

/// A path from the site root as an absolute URL, when the site has a base URL.
pub fn absolute_url(base_url: &str, path: &str) -> Option<String> {
    (!base_url.is_empty()).then(|| crate::urls::pretty(base_url, path))
}

/// `YYYYMMDD`: the basic date form of iCalendar and vCard values.
pub fn basic_date(date: time::Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), u8::from(date.month()), date.day())
}

/// Escapes a TEXT value of iCalendar and vCard (RFC 5545 3.3.11, RFC 6350
/// 3.4): backslash, comma, semicolon and newline. For the properties that the
/// `icalendar` crate does not escape itself.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_separators_and_newlines() {
        assert_eq!(escape_text("a;b,c\\d\r\ne"), "a\\;b\\,c\\\\d\\ne");
    }
}
