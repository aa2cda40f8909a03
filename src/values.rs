//! Typed scalar values read from text: ids, durations and dates.

use std::fmt;

use crate::i18n::Lang;

/// True when `id` is a valid entity id: lower-case `a-z0-9-`, not starting or
/// ending with `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The id a name should have: accents folded, lower case, words joined by `-`.
pub fn slugify(text: &str) -> String {
    slug::slugify(text)
}

/// A time limit such as `10 werkdagen` or `2 weeks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Duration {
    pub amount: u32,
    pub unit: TimeUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    Hour,
    Day,
    WorkingDay,
    SchoolDay,
    Week,
    SchoolWeek,
    Month,
    Year,
}

impl TimeUnit {
    fn parse(word: &str) -> Option<TimeUnit> {
        use TimeUnit::*;
        Some(match word {
            "uur" | "uren" | "hour" | "hours" => Hour,
            "dag" | "dagen" | "day" | "days" | "kalenderdag" | "kalenderdagen" => Day,
            "werkdag" | "werkdagen" | "working day" | "working days" | "workday" | "workdays" => WorkingDay,
            "schooldag" | "schooldagen" | "school day" | "school days" => SchoolDay,
            "week" | "weken" | "weeks" => Week,
            "lesweek" | "lesweken" | "schoolweek" | "schoolweken" | "school week" | "school weeks" => SchoolWeek,
            "maand" | "maanden" | "month" | "months" => Month,
            "jaar" | "year" | "years" => Year,
            _ => return None,
        })
    }

    fn words(self, lang: Lang) -> (&'static str, &'static str) {
        use TimeUnit::*;
        match (lang, self) {
            (Lang::Nl, Hour) => ("uur", "uur"),
            (Lang::Nl, Day) => ("dag", "dagen"),
            (Lang::Nl, WorkingDay) => ("werkdag", "werkdagen"),
            (Lang::Nl, SchoolDay) => ("schooldag", "schooldagen"),
            (Lang::Nl, Week) => ("week", "weken"),
            (Lang::Nl, SchoolWeek) => ("lesweek", "lesweken"),
            (Lang::Nl, Month) => ("maand", "maanden"),
            (Lang::Nl, Year) => ("jaar", "jaar"),
            (Lang::En, Hour) => ("hour", "hours"),
            (Lang::En, Day) => ("day", "days"),
            (Lang::En, WorkingDay) => ("working day", "working days"),
            (Lang::En, SchoolDay) => ("school day", "school days"),
            (Lang::En, Week) => ("week", "weeks"),
            (Lang::En, SchoolWeek) => ("school week", "school weeks"),
            (Lang::En, Month) => ("month", "months"),
            (Lang::En, Year) => ("year", "years"),
        }
    }
}

impl Duration {
    /// Parses `<number> <unit>` in Dutch or English, case and spacing tolerant.
    pub fn parse(text: &str) -> Option<Duration> {
        let text = text.trim().to_lowercase();
        let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        let amount: u32 = text[..digits].parse().ok()?;
        let unit = TimeUnit::parse(&text[digits..].split_whitespace().collect::<Vec<_>>().join(" "))?;
        Some(Duration { amount, unit })
    }

    pub fn display(&self, lang: Lang) -> String {
        let (one, many) = self.unit.words(lang);
        format!("{} {}", self.amount, if self.amount == 1 { one } else { many })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display(Lang::Nl))
    }
}

/// Parses an ISO date `YYYY-MM-DD`, rejecting days that do not exist.
pub fn parse_date(text: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text.trim(), &format).ok()
}

/// A date as readers expect it: `1 september 2026` / `1 September 2026`.
pub fn display_date(date: time::Date, lang: Lang) -> String {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = usize::from(u8::from(date.month())) - 1;
    let name = match lang {
        Lang::Nl => NL[month],
        Lang::En => EN[month],
    };
    format!("{} {} {}", date.day(), name, date.year())
}

/// `text` with every run of white space as one space, trimmed: a
/// re-wrapped line reads the same.
pub fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A file size as readers expect it: `812 bytes`, `4,2 kB` / `4.2 kB`, `12 kB`, `1,5 MB`.
pub fn display_size(bytes: u64, lang: Lang) -> String {
    if bytes < 1000 {
        return format!("{bytes} bytes");
    }
    let (value, unit) = if bytes < 1_000_000 {
        (bytes as f64 / 1e3, "kB")
    } else {
        (bytes as f64 / 1e6, "MB")
    };
    let number = if value < 10.0 {
        let text = format!("{value:.1}");
        match lang {
            Lang::Nl => text.replace('.', ","),
            Lang::En => text,
        }
    } else {
        format!("{value:.0}")
    };
    format!("{number} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_both_languages() {
        assert_eq!(display_size(812, Lang::Nl), "812 bytes");
        assert_eq!(display_size(4_240, Lang::Nl), "4,2 kB");
        assert_eq!(display_size(4_240, Lang::En), "4.2 kB");
        assert_eq!(display_size(12_400, Lang::Nl), "12 kB");
        assert_eq!(display_size(1_500_000, Lang::Nl), "1,5 MB");
    }

    #[test]
    fn durations_in_both_languages() {
        assert_eq!(
            Duration::parse("10 werkdagen"),
            Some(Duration {
                amount: 10,
                unit: TimeUnit::WorkingDay
            })
        );
        assert_eq!(
            Duration::parse("2 Weeks").map(|d| d.display(Lang::Nl)),
            Some("2 weken".into())
        );
        assert_eq!(
            Duration::parse("1 week").map(|d| d.display(Lang::En)),
            Some("1 week".into())
        );
        assert_eq!(Duration::parse("24uur").map(|d| d.unit), Some(TimeUnit::Hour));
        assert_eq!(Duration::parse("soon"), None);
        assert_eq!(Duration::parse("werkdagen"), None);
    }

    #[test]
    fn dates_must_exist() {
        assert!(parse_date("2025-02-28").is_some());
        assert!(parse_date("2025-02-30").is_none());
        assert!(parse_date("morgen").is_none());
        assert_eq!(
            display_date(parse_date("2026-09-01").unwrap(), Lang::Nl),
            "1 september 2026"
        );
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("leerlingbespreking"));
        assert!(is_valid_id("po-27-03"));
        assert!(!is_valid_id("Leerling"));
        assert!(!is_valid_id("-x"));
        assert_eq!(slugify("Zorg- en Adviesteam (ZAT)"), "zorg-en-adviesteam-zat");
        assert_eq!(slugify("Fryske Wâlden"), "fryske-walden");
    }
}
