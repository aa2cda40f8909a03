//! Text for the diagram without a font engine: an estimate of how wide a
//! string is drawn, line wrapping with an ellipsis, and XML escaping.
//!
//! The SVG is rendered by a browser with whatever sans-serif it has, so exact
//! metrics are impossible at build time. The estimate uses Helvetica/Arial
//! advance widths and adds a safety margin, because text that is estimated
//! too narrow spills out of its box, while text estimated too wide only
//! leaves a little air.

/// Advance widths of printable ASCII (32..=126) in Helvetica, in 1/1000 em.
const ADVANCE: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '..'/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // '0'..'9'
    278, 278, 584, 584, 584, 556, 1015, // ':'..'@'
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // 'A'..'M'
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // 'N'..'Z'
    278, 278, 278, 469, 556, 333, // '['..'`'
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // 'a'..'m'
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // 'n'..'z'
    334, 260, 334, 584, // '{'..'~'
];

/// Wider fonts (DejaVu Sans, measured in Chromium) run up to ~15% wider
/// than Helvetica.
const SAFETY: f32 = 1.16;
/// Bold text runs up to 10% wider than regular.
const BOLD: f32 = 1.10;

pub const ELLIPSIS: char = '…';

/// The estimated drawn width of `text` at `size` px.
pub fn width(text: &str, size: f32, bold: bool) -> f32 {
    scaled(units(text), size, bold)
}

/// The advance widths of `text` added up, in 1/1000 em: the width of two
/// texts side by side is the sum of theirs.
fn units(text: &str) -> u32 {
    text.chars().map(advance).sum()
}

/// A width in 1/1000 em ([`units`]) as drawn at `size` px.
fn scaled(units: u32, size: f32, bold: bool) -> f32 {
    let w = units as f32 / 1000.0 * size * SAFETY;
    if bold {
        w * BOLD
    } else {
        w
    }
}

fn advance(c: char) -> u32 {
    match c {
        ' '..='~' => u32::from(ADVANCE[c as usize - 32]),
        ELLIPSIS => 1000,
        // Accented Latin letters are about as wide as their base letter;
        // anything else (CJK, emoji) is treated as a full em to stay safe.
        c if c.is_alphabetic() && (c as u32) < 0x2000 => {
            if c.is_uppercase() {
                722
            } else {
                556
            }
        }
        _ => 1000,
    }
}

/// Text broken into lines that each fit `max_width`.
#[derive(Debug, Clone, PartialEq)]
pub struct Wrapped {
    pub lines: Vec<String>,
    /// True when text had to be left out (the last line ends in an ellipsis).
    pub truncated: bool,
}

/// Wraps `text` at spaces into at most `max_lines` lines of at most
/// `max_width`; words longer than a line are broken with a hyphen; when the
/// text does not fit, the last line ends in an ellipsis.
pub fn wrap(text: &str, size: f32, bold: bool, max_width: f32, max_lines: usize) -> Wrapped {
    let max_lines = max_lines.max(1);
    let fits = |s: &str| width(s, size, bold) <= max_width;
    let fits_units = |units: u32| scaled(units, size, bold) <= max_width;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // The line's width so far: a word is tried by adding its own, instead
    // of measuring the whole line again (every diagram wraps every label).
    let mut line_units = 0;
    let mut words = text.split_whitespace();
    let mut truncated = false;
    'outer: for word in words.by_ref() {
        let word_units = units(word);
        let candidate_units = if line.is_empty() {
            word_units
        } else {
            line_units + advance(' ') + word_units
        };
        if fits_units(candidate_units) {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            line_units = candidate_units;
            continue;
        }
        // The word does not fit on this line: close the line (if any) and
        // start the word on a new one, breaking it when it is too long alone.
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            if lines.len() == max_lines {
                truncated = true;
                break 'outer;
            }
        }
        let mut rest = word;
        while !fits(rest) {
            if lines.len() + 1 == max_lines {
                truncated = true;
                line = rest.to_string();
                break 'outer;
            }
            let cut = hyphen_point(rest, |p| fits(&format!("{p}-")));
            lines.push(format!("{}-", &rest[..cut]));
            rest = &rest[cut..];
        }
        line = rest.to_string();
        line_units = units(rest);
    }
    if words.next().is_some() {
        truncated = true;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if truncated {
        if let Some(text) = lines.last_mut() {
            *text = ellipsize(text, size, bold, max_width);
        }
    }
    Wrapped { lines, truncated }
}

/// Where to break a word that is too long for a line: after a linking `s`
/// when there is one late enough (Dutch compounds: `ondersteunings-team`,
/// `toelaatbaarheids-verklaring`), preferably after a suffix such as `-ing`
/// or `-heid`; else as far as fits; and always leaving at least three
/// letters for the next line (a lone "m" reads badly).
fn hyphen_point(word: &str, fits: impl Fn(&str) -> bool) -> usize {
    let cut = longest_prefix(word, fits);
    let head = &word[..cut];
    let candidates = |min_share: usize, ok: &dyn Fn(&str) -> bool| {
        head.char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .filter(|&i| i < cut && head[..i].ends_with('s') && ok(&head[..i]))
            .filter(|&i| i * 10 >= cut * min_share && word[i..].chars().count() >= 3)
            .last()
    };
    // Suffix + linking s first (ontwikkelings-perspectief), then any s late
    // in the line.
    let suffixed = |h: &str| ["ings", "heids", "teits", "schaps"].iter().any(|s| h.ends_with(s));
    if let Some(i) = candidates(4, &suffixed).or_else(|| candidates(6, &|_| true)) {
        return i;
    }
    let tail_chars = word[cut..].chars().count();
    if tail_chars >= 3 {
        return cut;
    }
    let mut back = cut;
    for _ in tail_chars..3 {
        match word[..back].char_indices().next_back() {
            Some((i, _)) if i > 0 => back = i,
            _ => break,
        }
    }
    if back > 0 {
        back
    } else {
        cut
    }
}

/// One line of at most `max_width`, ending in an ellipsis if it was cut.
pub fn truncate(text: &str, size: f32, bold: bool, max_width: f32) -> (String, bool) {
    let w = wrap(text, size, bold, max_width, 1);
    (w.lines.into_iter().next().unwrap_or_default(), w.truncated)
}

/// `text` cut so that it plus an ellipsis fits `max_width`; prefers to cut at
/// a word boundary when that does not waste much of the line.
fn ellipsize(text: &str, size: f32, bold: bool, max_width: f32) -> String {
    let fits = |s: &str| width(&format!("{s}{ELLIPSIS}"), size, bold) <= max_width;
    let cut = longest_prefix(text, fits);
    let mut head = text[..cut].trim_end();
    if let Some(space) = head.rfind(' ') {
        // Cutting at the last space reads better, unless it drops more than a
        // third of the line.
        if space * 3 >= head.len() * 2 {
            head = head[..space].trim_end();
        }
    }
    let head = head.trim_end_matches([',', ';', ':', '-', '.']);
    format!("{head}{ELLIPSIS}")
}

/// The byte length of the longest prefix of `text` (at a char boundary) for
/// which `ok` holds; at least one char, so progress is always made.
fn longest_prefix(text: &str, ok: impl Fn(&str) -> bool) -> usize {
    let mut best = text.chars().next().map_or(0, char::len_utf8);
    for (i, _) in text.char_indices().skip(1) {
        if !ok(&text[..i]) {
            return best;
        }
        best = i;
    }
    if ok(text) {
        text.len()
    } else {
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Adding up a line's width word by word breaks lines where
        /// measuring each candidate line whole did.
        #[test]
        fn lines_break_where_measuring_each_line_whole_would(
            words in proptest::collection::vec("[a-zA-Zéë0-9,.()]{1,9}", 0..40),
            size in 9.0f32..16.0,
            bold: bool,
        ) {
            let max_width = 80.0 + 12.0 * size;
            let text = words.join(" ");
            let mut whole: Vec<String> = Vec::new();
            for word in &words {
                match whole.last_mut() {
                    Some(line) if width(&format!("{line} {word}"), size, bold) <= max_width => {
                        line.push(' ');
                        line.push_str(word);
                    }
                    _ => whole.push(word.clone()),
                }
            }
            let wrapped = wrap(&text, size, bold, max_width, 100);
            proptest::prop_assert_eq!(wrapped.lines, whole);
            proptest::prop_assert!(!wrapped.truncated);
        }
    }

    #[test]
    fn short_text_is_one_line() {
        let w = wrap("Leerlingbespreking", 13.0, true, 160.0, 3);
        assert_eq!(w.lines, vec!["Leerlingbespreking"]);
        assert!(!w.truncated);
    }

    #[test]
    fn long_text_wraps_and_ellipsizes() {
        let text = "Een leerling heeft meer nodig dan het groepsplan kan bieden en nog veel meer daarna";
        let w = wrap(text, 11.0, false, 120.0, 2);
        assert_eq!(w.lines.len(), 2);
        assert!(w.truncated);
        assert!(w.lines[1].ends_with(ELLIPSIS));
        for line in &w.lines {
            assert!(width(line, 11.0, false) <= 120.0, "{line}");
        }
    }

    #[test]
    fn long_word_is_broken() {
        let w = wrap(&"x".repeat(200), 13.0, false, 100.0, 3);
        assert_eq!(w.lines.len(), 3);
        assert!(w.truncated);
        assert!(w.lines[0].ends_with('-'));
        for line in &w.lines {
            assert!(width(line, 13.0, false) <= 100.0);
        }
    }

    #[test]
    fn break_leaves_a_real_tail() {
        let room = width("ondersteuningstea-", 13.0, true) + 0.1;
        let w = wrap("ondersteuningsteam", 13.0, true, room, 3);
        assert_eq!(w.lines, vec!["ondersteunings-", "team"]);
    }

    #[test]
    fn break_prefers_suffix_and_linking_s() {
        let room = width("ontwikkelingspersp-", 13.0, true) + 0.1;
        let w = wrap("ontwikkelingsperspectief", 13.0, true, room, 3);
        assert_eq!(w.lines, vec!["ontwikkelings-", "perspectief"]);
    }

    #[test]
    fn break_without_linking_s_leaves_three_letters() {
        let room = width("leerplichtambtena-", 13.0, true) + 0.1;
        let w = wrap("leerplichtambtenaar", 13.0, true, room, 3);
        assert_eq!(w.lines, vec!["leerplichtambten-", "aar"]);
    }
}
