//! Glossary abbreviations in body text: the first use of each abbreviation in
//! a body is marked up as `<abbr title="...">`, with the region's glossary, so
//! a region's own name for a team wins, and the standard's old abbreviation
//! (ZAT where the region says MDO) still explains itself.

use std::collections::{HashMap, HashSet};

use regex::Regex;

use super::html::{parts, tag_name, Part};
use crate::escape;
use crate::model::Term;

/// The abbreviations of one region's glossary, ready to mark up bodies.
pub struct Abbreviations {
    /// All abbreviations as one alternation, longest first; `None` when the
    /// glossary has none.
    pattern: Option<Regex>,
    /// Abbreviation as it appears in a body's text -> the `title` to give it (escaped).
    titles: HashMap<String, String>,
}

/// Elements whose text is left alone: code shows literal text, and an
/// existing `<abbr>` already explains itself.
const SKIPPED: &[&str] = &["code", "pre", "abbr", "kbd", "samp", "script", "style", "svg"];

impl Abbreviations {
    pub fn new(glossary: &[Term]) -> Abbreviations {
        let mut titles = HashMap::new();
        for term in glossary {
            let Some(own) = &term.abbreviation else { continue };
            titles.insert(escape::html_text(own), escape::html(&term.term));
            if let Some(former) = &term.former_abbreviation {
                titles.insert(
                    escape::html_text(former),
                    escape::html(&format!("{} ({own})", term.term)),
                );
            }
        }
        let mut keys: Vec<&String> = titles.keys().filter(|k| !k.trim().is_empty()).collect();
        keys.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let alternation = keys
            .iter()
            // Markdown typesets a straight apostrophe as a curly one (IB'er -> IB’er).
            .map(|k| regex::escape(k).replace('\'', "['’]"))
            .collect::<Vec<_>>()
            .join("|");
        let pattern = (!keys.is_empty())
            .then(|| Regex::new(&format!(r"\b(?:{alternation})\b")).ok())
            .flatten();
        Abbreviations { pattern, titles }
    }

    /// `html` with the first use of each abbreviation marked up.
    pub fn mark(&self, html: &str) -> String {
        let Some(pattern) = &self.pattern else {
            return html.to_string();
        };
        let mut out = String::with_capacity(html.len() + 64);
        let mut done: HashSet<String> = HashSet::new();
        let mut skip_depth = 0usize;
        for part in parts(html) {
            match part {
                Part::Tag(tag) => {
                    if SKIPPED.contains(&tag_name(tag).as_str()) && !tag.ends_with("/>") {
                        if tag.starts_with("</") {
                            skip_depth = skip_depth.saturating_sub(1);
                        } else {
                            skip_depth += 1;
                        }
                    }
                    out.push_str(tag);
                }
                Part::Text(text) if skip_depth > 0 => out.push_str(text),
                Part::Text(text) => self.mark_text(pattern, text, &mut done, &mut out),
            }
        }
        out
    }

    fn mark_text(&self, pattern: &Regex, text: &str, done: &mut HashSet<String>, out: &mut String) {
        let mut last = 0;
        for m in pattern.find_iter(text) {
            let key = m.as_str().replace('’', "'");
            let Some(title) = self.titles.get(&key) else { continue };
            if !done.insert(key) {
                continue;
            }
            out.push_str(&text[last..m.start()]);
            out.push_str(&format!(r#"<abbr title="{title}">{}</abbr>"#, m.as_str()));
            last = m.end();
        }
        out.push_str(&text[last..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn term(term: &str, abbreviation: &str, former: Option<&str>) -> Term {
        Term {
            id: abbreviation.to_lowercase(),
            term: term.into(),
            abbreviation: Some(abbreviation.into()),
            definition: String::new(),
            origin: Origin::Standard,
            former_abbreviation: former.map(Into::into),
        }
    }

    #[test]
    fn marks_the_first_use_of_each_abbreviation_only() {
        let a = Abbreviations::new(&[term("Ondersteuningsteam", "OT", None)]);
        assert_eq!(
            a.mark("<p>Het OT komt samen. Het OT besluit.</p>"),
            r#"<p>Het <abbr title="Ondersteuningsteam">OT</abbr> komt samen. Het OT besluit.</p>"#
        );
    }

    #[test]
    fn leaves_code_links_targets_and_longer_words_alone() {
        let a = Abbreviations::new(&[term("Ondersteuningsteam", "OT", None)]);
        let html = r#"<p><code>OT</code> <a href="ot/OT.html">OTTO</a> OTs</p>"#;
        assert_eq!(a.mark(html), html);
    }

    #[test]
    fn a_renamed_term_explains_the_old_abbreviation_too() {
        let a = Abbreviations::new(&[term("Multidisciplinair overleg", "MDO", Some("ZAT"))]);
        assert_eq!(
            a.mark("<p>Naar het ZAT, dus het MDO.</p>"),
            r#"<p>Naar het <abbr title="Multidisciplinair overleg (MDO)">ZAT</abbr>, dus het <abbr title="Multidisciplinair overleg">MDO</abbr>.</p>"#
        );
    }

    #[test]
    fn matches_a_typeset_apostrophe_and_escapes_titles() {
        let a = Abbreviations::new(&[term("Intern \"begeleider\"", "IB'er", None)]);
        assert_eq!(
            a.mark("<p>De IB’er helpt.</p>"),
            r#"<p>De <abbr title="Intern &quot;begeleider&quot;">IB’er</abbr> helpt.</p>"#
        );
    }
}
