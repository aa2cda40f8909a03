//! A body's HTML as the tags and the text between them. Bodies are compiled
//! from Markdown, whose text never holds a raw `<` (pulldown-cmark writes
//! `&lt;`), so every `<` starts a tag; text may hold quotes, so a tag's
//! attributes are only ever looked for inside tags.

/// One piece of a body's HTML.
#[derive(Debug, PartialEq, Eq)]
pub enum Part<'a> {
    /// A tag, from `<` to `>`.
    Tag(&'a str),
    /// The text up to the next tag.
    Text(&'a str),
}

/// The tags and texts of `html`, in order; joined they give `html` again.
pub fn parts(html: &str) -> impl Iterator<Item = Part<'_>> {
    let mut rest = html;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (part, end) = if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            (Part::Tag(&rest[..end]), end)
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            (Part::Text(&rest[..end]), end)
        };
        rest = &rest[end..];
        Some(part)
    })
}

/// The lower-case element name of a tag such as `<a href=..>` or `</a>`.
pub fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_into_tags_and_text() {
        let html = r#"<p class="x">Zet id="a" <em>hier</em></p>"#;
        assert_eq!(
            parts(html).collect::<Vec<_>>(),
            [
                Part::Tag(r#"<p class="x">"#),
                Part::Text(r#"Zet id="a" "#),
                Part::Tag("<em>"),
                Part::Text("hier"),
                Part::Tag("</em>"),
                Part::Tag("</p>"),
            ]
        );
        assert_eq!(tag_name("</EM>"), "em");
    }
}
