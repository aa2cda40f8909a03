//! How a change is shown, the same on the changes page, in the feed and by
//! `zorgroute diff`: a changed field's YAML path (`steps.2.within`) in words
//! (`Stap 3 › Termijn`) from the theme's UI strings, the page a change
//! points to, the order changes are grouped in, and the terminal's and
//! JSON's forms of `zorgroute diff`.

use serde::Serialize;

use crate::i18n::Strings;
use crate::kinds::Kind;
use crate::model::changes::{Change, ChangeNote, ChangeType, FieldChange, Subject};
use crate::model::Region;
use crate::urls;

/// The order changes are grouped in: the region's own settings, then the
/// kinds as the sidebar lists them, then the glossary.
pub const SUBJECT_ORDER: [Subject; 7] = [
    Subject::Region,
    Subject::Entity(Kind::Route),
    Subject::Entity(Kind::Procedure),
    Subject::Entity(Kind::Actor),
    Subject::Entity(Kind::Agreement),
    Subject::Entity(Kind::Page),
    Subject::Term,
];

/// The UI string key of a group of subjects.
pub fn subject_title_key(subject: Subject) -> &'static str {
    match subject {
        Subject::Region => "change_region",
        Subject::Term => "glossary",
        Subject::Entity(kind) => kind.index_title_key(),
    }
}

/// A region's changes as lines for the terminal, grouped as on the changes
/// page: a group's title, then per subject a sign (`+` new, `-` removed,
/// `~` changed), its title and id and what happened, then each field.
pub fn terminal_lines(changes: &[Change], t: &Strings) -> Vec<String> {
    let mut lines = Vec::new();
    for subject in SUBJECT_ORDER {
        let mut group = changes.iter().filter(|c| c.subject == subject).peekable();
        if group.peek().is_none() {
            continue;
        }
        lines.push(format!("  {}", t.get(subject_title_key(subject))));
        for c in group {
            let sign = match c.change {
                ChangeType::Added => '+',
                ChangeType::Removed => '-',
                ChangeType::Changed => '~',
            };
            let mut line = format!("    {sign} {} ({}): {}", c.title, c.id, t.get(type_key(c.change)));
            if let Some(note) = c.note {
                line = format!("{line}. {}", t.get(note_key(note)));
            }
            lines.push(line);
            lines.extend(c.fields.iter().map(|f| format!("        {}", field_sentence(f, t))));
        }
    }
    lines
}

/// One change in `zorgroute diff --format json` (SPEC section 7): `kind` is
/// `region`, `term` or the entity's kind; each field's `path` is its YAML
/// path, with its old and new value in words.
#[derive(Debug, Serialize)]
pub struct ChangeRecord<'a> {
    pub region: &'a str,
    pub kind: &'static str,
    pub id: &'a str,
    pub title: &'a str,
    pub change: ChangeType,
    pub note: Option<ChangeNote>,
    pub fields: &'a [FieldChange],
}

impl<'a> ChangeRecord<'a> {
    pub fn new(region: &'a str, change: &'a Change) -> Self {
        ChangeRecord {
            region,
            kind: change.subject.word(),
            id: &change.id,
            title: &change.title,
            change: change.change,
            note: change.note,
            fields: &change.fields,
        }
    }
}

/// The page (from the site root) where a change's subject is now, in the
/// current edition `region`; `None` when it no longer exists there.
pub fn subject_url(region: &Region, change: &Change) -> Option<String> {
    let exists = match change.subject {
        Subject::Region => true,
        Subject::Term => region.glossary.iter().any(|t| t.id == change.id),
        Subject::Entity(kind) => region.of_kind(kind).any(|e| e.meta.id == change.id),
    };
    exists.then(|| subject_path(&region.slug, change))
}

/// The page (from the site root) of a change's subject in region `slug` of
/// any edition, whether or not it is there: a term is its entry on the
/// glossary page, whose entries have the term's id.
pub fn subject_path(slug: &str, change: &Change) -> String {
    match change.subject {
        Subject::Region => urls::region_home(slug),
        Subject::Term => format!("{}#{}", urls::glossary(slug), change.id),
        Subject::Entity(kind) => urls::entity(slug, kind, &change.id),
    }
}

/// One changed field as a sentence: `Stap 3 › Termijn: was 6 weken, nu 8
/// weken`; an added or removed one says so: `Stap 4 (nieuw): Evalueren`.
/// A long text that changed (a summary, a step's explanation) shows as the
/// excerpts around its changed words, as the body does; the JSON keeps the
/// whole values.
pub fn field_sentence(field: &FieldChange, t: &Strings) -> String {
    let label = field_label(&field.path, t);
    match (&field.old, &field.new) {
        (Some(old), Some(new)) => {
            let long = |text: &str| text.split_whitespace().nth(LONG_TEXT_WORDS).is_some();
            // The body's values are excerpts already.
            let (old, new) = if field.path != "body" && (long(old) || long(new)) {
                super::words::excerpts(old, new)
            } else {
                (old.clone(), new.clone())
            };
            format!("{label}: {} {old}, {} {new}", t.get("change_was"), t.get("change_now"))
        }
        (None, Some(new)) => format!("{label} ({}): {new}", t.get("change_field_added")),
        (Some(old), None) => format!("{label} ({}): {old}", t.get("change_field_removed")),
        (None, None) => label,
    }
}

/// A text of more words than this is shown as excerpts when it changed.
const LONG_TEXT_WORDS: usize = 16;

/// The UI string key of what happened to a subject.
pub fn type_key(change: ChangeType) -> &'static str {
    match change {
        ChangeType::Added => "change_added",
        ChangeType::Removed => "change_removed",
        ChangeType::Changed => "change_changed",
    }
}

/// The UI string key of a note on a change.
pub fn note_key(note: ChangeNote) -> &'static str {
    match note {
        ChangeNote::Excluded => "change_excluded",
        ChangeNote::NowStandard => "change_now_standard",
        ChangeNote::NowOwn => "change_now_own",
    }
}

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
    fn a_long_text_shows_the_words_around_its_change() {
        let t = strings();
        let field = |old: &str, new: &str| FieldChange {
            path: "summary".into(),
            old: Some(old.into()),
            new: Some(new.into()),
        };
        let long = "De school vraagt samen met ouders een verklaring aan; de commissie besluit binnen acht weken na de aanvraag.";
        let sentence = field_sentence(&field(long, &long.replace("acht", "zes")), &t);
        assert_eq!(
            sentence,
            "Samenvatting: was … aan; de commissie besluit binnen acht weken na de aanvraag., \
             nu … aan; de commissie besluit binnen zes weken na de aanvraag."
        );
        // A short one shows whole.
        assert_eq!(
            field_sentence(&field("6 weken", "8 weken"), &t),
            "Samenvatting: was 6 weken, nu 8 weken"
        );
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
