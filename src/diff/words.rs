//! A change of body text as two short excerpts: the words around the first
//! and last word that differ, old and new, so a reader sees what changed
//! without reading the whole page twice.

use similar::{capture_diff_slices, Algorithm, DiffOp};

/// Words shown before and after the changed words.
const CONTEXT: usize = 5;
/// Changed words shown at most, per side; a longer change is cut in the middle.
const CHANGED: usize = 24;

/// The old and the new excerpt of a text that changed.
pub fn excerpts(old: &str, new: &str) -> (String, String) {
    let old_words: Vec<&str> = old.split_whitespace().collect();
    let new_words: Vec<&str> = new.split_whitespace().collect();
    let ops = capture_diff_slices(Algorithm::Patience, &old_words, &new_words);
    let changed: Vec<&DiffOp> = ops.iter().filter(|op| !matches!(op, DiffOp::Equal { .. })).collect();
    let (Some(first), Some(last)) = (changed.first(), changed.last()) else {
        return (String::new(), String::new());
    };
    let old_span = first.old_range().start..last.old_range().end;
    let new_span = first.new_range().start..last.new_range().end;
    (excerpt(&old_words, old_span), excerpt(&new_words, new_span))
}

/// The words of `span` with a little context, `…` where words are left out.
fn excerpt(words: &[&str], span: std::ops::Range<usize>) -> String {
    let from = span.start.saturating_sub(CONTEXT);
    let to = (span.end + CONTEXT).min(words.len());
    let mut out: Vec<&str> = Vec::new();
    if from > 0 {
        out.push("…");
    }
    out.extend(&words[from..span.start]);
    if span.len() > CHANGED {
        out.extend(&words[span.start..span.start + CHANGED / 2]);
        out.push("…");
        out.extend(&words[span.end - CHANGED / 2..span.end]);
    } else {
        out.extend(&words[span.clone()]);
    }
    out.extend(&words[span.end..to]);
    if to < words.len() {
        out.push("…");
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_word_shows_with_its_neighbours() {
        let old = "De intern begeleider bespreekt de zorg binnen zes weken met de ouders van de leerling in het team.";
        let new = "De intern begeleider bespreekt de zorg binnen acht weken met de ouders van de leerling in het team.";
        let (o, n) = excerpts(old, new);
        assert_eq!(o, "… begeleider bespreekt de zorg binnen zes weken met de ouders van …");
        assert_eq!(
            n,
            "… begeleider bespreekt de zorg binnen acht weken met de ouders van …"
        );
    }

    #[test]
    fn added_words_at_the_end_show_an_empty_change_on_the_old_side() {
        let (o, n) = excerpts("Kort.", "Kort. En nu langer.");
        assert_eq!(o, "Kort.");
        assert_eq!(n, "Kort. En nu langer.");
    }

    #[test]
    fn a_long_change_is_cut_in_the_middle() {
        let old = "a ".repeat(3);
        let new: String = (0..60).map(|i| format!("w{i} ")).collect();
        let (_, n) = excerpts(&old, &new);
        assert!(n.contains(" … "), "{n}");
        assert!(n.split_whitespace().count() < 40, "{n}");
    }
}
