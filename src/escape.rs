//! Escaping text for markup: the one place that turns text into HTML or XML
//! that shows it as it is. Three flavours, each for a reason of its own.

/// Text for HTML text and quoted attributes (every value a template prints):
/// `& < > " '`. Unlike Tera's default it leaves `/` alone, so URLs in the
/// output stay readable and short.
pub fn html(text: &str) -> String {
    escape_with(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    })
}

/// Text between tags, escaped as pulldown-cmark writes the text of a body
/// (`& < >` only; quotes stay), so it can also be looked for in a body's HTML.
pub fn html_text(text: &str) -> String {
    escape_with(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        _ => None,
    })
}

/// Text for XML content and attribute values (SVG, sitemap, feeds). Control
/// characters, which XML 1.0 does not allow at all, become spaces.
pub fn xml(text: &str) -> String {
    escape_with(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        c if c.is_control() && c != '\n' && c != '\t' => Some(" "),
        _ => None,
    })
}

/// Copies the runs between special characters whole: most text needs
/// nothing, and every value a page prints passes through here.
fn escape_with(text: &str, entity: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut copied = 0;
    for (at, c) in text.char_indices() {
        if let Some(replacement) = entity(c) {
            out.push_str(&text[copied..at]);
            out.push_str(replacement);
            copied = at + c.len_utf8();
        }
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five_special_characters_and_keeps_the_rest() {
        for (text, escaped) in [
            ("", ""),
            ("Wâlden", "Wâlden"),
            (
                r#"<a href="x">O'Neil & zoon</a>"#,
                "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; zoon&lt;/a&gt;",
            ),
            ("é&ü>", "é&amp;ü&gt;"),
            ("a/b", "a/b"),
        ] {
            assert_eq!(html(text), escaped, "{text:?}");
        }
    }

    #[test]
    fn html_text_keeps_quotes_as_pulldown_cmark_does() {
        assert_eq!(html_text(r#"<b>"O'Neil" & zoon"#), r#"&lt;b&gt;"O'Neil" &amp; zoon"#);
    }

    #[test]
    fn xml_escapes_markup_and_drops_control_characters() {
        assert_eq!(xml(r#"a<b>&"c'"#), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(xml("a\u{7}b\nc\td"), "a b\nc\td");
    }
}
