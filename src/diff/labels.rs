//! A changed field's YAML path (`steps.2.within`) in words (`Stap 3 ›
//! Termijn`), in the site's language, from the theme's UI strings: the
//! changes page, the feed and `zorgroute diff` all name fields this way.

use crate::i18n::Strings;

/// The UI string key of a field name.
fn field_key(field: &str) -> &str {
    match field {
        "title" => "change_title",
        "name" => "change_name",
        "summary" => "change_summary",
        "body" => "change_body",
        "description" => "change_description",
        "required" => "change_required",
        "note" => "change_note",
        "file" => "change_file",
        "procedure" => "change_procedure",
        "version" => "change_version",
        "extends" => "change_extends",
        "term" => "change_term",
        "url" => "website",
        "actor" => "who",
        "from" => "consent_from",
        "text" => "commitment",
        "procedures" => "related_procedures",
        "code" => "region_code",
        "scores" => "score",
        "year" => "school_year",
        // The rest are named as on the pages: `owner`, `within`, `steps`...
        other => other,
    }
}

/// The UI string key of one item of a list.
fn item_key(list: &str) -> &str {
    match list {
        "steps" => "step",
        "escalates_to" => "change_escalation",
        "documents" => "change_document",
        "commitments" => "commitment",
        "schools" => "school",
        "indicators" => "statement",
        "timeline" => "school_year",
        other => other,
    }
}

/// The path in words: each field by its name on the pages, each list item
/// by the list's item word and its number from 1.
pub fn field_label(path: &str, t: &Strings) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut list: Option<&str> = None;
    for segment in path.split('.') {
        match (segment.parse::<usize>(), list) {
            (Ok(n), Some(name)) => {
                // The list's own name gives way to its item: "Stap 3", not "Stappen › 3".
                parts.pop();
                parts.push(format!("{} {}", t.get(item_key(name)), n + 1));
                list = None;
            }
            _ => {
                parts.push(t.get(field_key(segment)).to_string());
                list = Some(segment);
            }
        }
    }
    parts.join(" › ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings {
        let text = include_str!("../../themes/default/translations.yaml");
        crate::i18n::strings_from_yaml(text, crate::i18n::Lang::Nl).unwrap()
    }

    #[test]
    fn paths_read_as_the_pages_name_things() {
        let t = strings();
        assert_eq!(field_label("steps.2.within", &t), "Stap 3 › Termijn");
        assert_eq!(field_label("steps.0", &t), "Stap 1");
        assert_eq!(field_label("owner", &t), "Verantwoordelijk");
        assert_eq!(field_label("contact.email", &t), "Contact › E-mail");
        assert_eq!(
            field_label("commitments.1.response_time", &t),
            "Toezegging 2 › Reactietermijn"
        );
    }
}
