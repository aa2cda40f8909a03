//! The privacy guard: warns when content looks like it holds pupil data (a
//! citizen service number, a date of birth beside a name, a personal email
//! address). A handbook names roles, never pupils. Findings name file and line
//! but never print the data in full.

use std::sync::OnceLock;

use regex::Regex;

use crate::diag::{Diagnostic, Problem};
use crate::source::{FileId, SourceFile, Span};

fn nine_digits() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // 123456782, 1234.56.782 or 123 456 782, not part of a longer number.
    RE.get_or_init(|| {
        Regex::new(r"(?:^|[^\d.\-])(\d{4}[. ]?\d{2}[. ]?\d{3}|\d{3}[. ]\d{3}[. ]\d{3})(?:$|[^\d\-]|[.,;:](?:\s|$))")
            .expect("valid regex")
    })
}

fn birth_date() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(geboren|geboortedatum|geb\.|date of birth|born)\b[^\n]{0,40}?\b(\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4})")
            .expect("valid regex")
    })
}

fn email() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\b([A-Za-z0-9._%+\-]+)@([A-Za-z0-9.\-]+\.[A-Za-z]{2,})\b").expect("valid regex"))
}

/// The eleven-test of a Dutch citizen service number (BSN).
pub fn passes_eleven_test(digits: &[u8; 9]) -> bool {
    let sum: i32 = digits[..8]
        .iter()
        .enumerate()
        .map(|(i, d)| i32::from(*d) * (9 - i as i32))
        .sum::<i32>()
        - i32::from(digits[8]);
    sum != 0 && sum % 11 == 0
}

/// Domains reserved for examples (RFC 2606) and their subdomains.
fn is_example_domain(domain: &str) -> bool {
    let d = domain.to_ascii_lowercase();
    ["example.nl", "example.com", "example.org", "example.net", "example"]
        .iter()
        .any(|e| d == *e || d.ends_with(&format!(".{e}")))
}

/// A local part like `j.jansen` or `jan_de_vries` looks like a person; `info`,
/// `zorgloket` or `ib-basisschool` look like a function.
fn looks_personal(local: &str) -> bool {
    let parts: Vec<&str> = local.split(['.', '_']).filter(|p| !p.is_empty()).collect();
    parts.len() >= 2 && parts.iter().all(|p| p.chars().all(|c| c.is_alphabetic() || c == '-'))
}

/// Shows the first characters and hides the rest.
fn mask(text: &str, keep: usize) -> String {
    let shown: String = text.chars().take(keep).collect();
    let hidden = text.chars().count().saturating_sub(keep);
    format!("{shown}{}", "*".repeat(hidden))
}

/// Scans one file's text.
pub fn scan(file_id: FileId, file: &SourceFile) -> Vec<Diagnostic> {
    let text = &file.text;
    let mut out = Vec::new();
    for caps in nine_digits().captures_iter(text) {
        let Some(m) = caps.get(1) else { continue };
        let digits: Vec<u8> = m
            .as_str()
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect();
        if let Ok(nine) = <[u8; 9]>::try_from(digits.as_slice()) {
            if passes_eleven_test(&nine) {
                out.push(Diagnostic::warning(
                    Problem::PossibleBsn {
                        masked: mask(m.as_str(), 2),
                    },
                    Some(Span::new(file_id, m.range())),
                ));
            }
        }
    }
    for m in birth_date().find_iter(text) {
        out.push(Diagnostic::warning(
            Problem::PossibleBirthDate,
            Some(Span::new(file_id, m.range())),
        ));
    }
    for caps in email().captures_iter(text) {
        let (Some(all), Some(local), Some(domain)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        if !is_example_domain(domain.as_str()) && looks_personal(local.as_str()) {
            out.push(Diagnostic::warning(
                Problem::PersonalEmail {
                    masked: format!("{}@{}", mask(local.as_str(), 1), domain.as_str()),
                },
                Some(Span::new(file_id, all.range())),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn findings(text: &str) -> Vec<String> {
        let f = SourceFile::new("x.md".into(), PathBuf::from("x.md"), text.into());
        scan(FileId(0), &f)
            .into_iter()
            .map(|d| d.problem.code().to_string())
            .collect()
    }

    #[test]
    fn eleven_test() {
        assert!(passes_eleven_test(&[1, 1, 1, 2, 2, 2, 3, 3, 3]));
        assert!(!passes_eleven_test(&[1, 2, 3, 4, 5, 6, 7, 8, 9]));
        assert!(!passes_eleven_test(&[0; 9]));
    }

    #[test]
    fn finds_bsn_but_not_phone_numbers() {
        assert_eq!(findings("BSN 111222333 van de leerling"), ["possible-bsn"]);
        assert_eq!(findings("BSN 1112.22.333"), ["possible-bsn"]);
        assert!(findings("Bel 0201234567 of 123456789").is_empty());
        assert!(findings("code 1112223334").is_empty());
    }

    #[test]
    fn finds_birth_dates_and_personal_emails() {
        assert_eq!(
            findings("Sanne, geboren op 12-03-2015, zit in groep 5"),
            ["possible-birth-date"]
        );
        assert_eq!(findings("mail j.jansen@gmail.com"), ["personal-email"]);
        assert!(findings("mail zorgloket@swv.example.nl of j.jansen@school.example.nl").is_empty());
        assert!(findings("mail info@gemeente.nl").is_empty());
    }

    #[test]
    fn masks_what_it_reports() {
        let f = SourceFile::new("x.md".into(), PathBuf::from("x.md"), "BSN 111222333".into());
        let d = scan(FileId(0), &f);
        assert_eq!(
            d[0].problem,
            Problem::PossibleBsn {
                masked: "11*******".into()
            }
        );
    }
}
