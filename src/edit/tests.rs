//! Edits at the spans of their values: each case gives a file, the changes,
//! and the exact file that must come out.

use super::*;

const PROCEDURE: &str = "---
title: Leerlingbespreking # de naam
level: school
participants:
  - leerkracht
  - ouders
steps:
  - title: Aanmelden
    actor: leerkracht
    within: 5 werkdagen
  - title: Bespreken
    actor: 'intern-begeleider'
# een opmerking
escalates_to: [zat, meldcode]
consent:
---

## Doel

Tekst met een [link](@actor/ib).
";

fn change(path: &str, value: Option<&str>) -> Change {
    Change {
        path: YamlPath::parse(path),
        value: value.map(|v| serde_yaml::from_str(v).unwrap()),
    }
}

fn edited(changes: &[Change]) -> String {
    apply(PROCEDURE, true, changes, None).unwrap()
}

/// The lines that differ between two texts, as (old, new) pairs.
fn diff(old: &str, new: &str) -> Vec<String> {
    similar::TextDiff::from_lines(old, new)
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .map(|c| {
            format!(
                "{}{}",
                if c.tag() == similar::ChangeTag::Delete {
                    "-"
                } else {
                    "+"
                },
                c.value().trim_end()
            )
        })
        .collect()
}

#[test]
fn a_scalar_changes_in_place() {
    let out = edited(&[change("steps.0.within", Some("3 weken"))]);
    assert_eq!(
        diff(PROCEDURE, &out),
        ["-    within: 5 werkdagen", "+    within: 3 weken"]
    );
    let out = edited(&[change("title", Some("Bespreking"))]);
    assert_eq!(
        diff(PROCEDURE, &out),
        ["-title: Leerlingbespreking # de naam", "+title: Bespreking # de naam"]
    );
}

#[test]
fn quoting_is_kept_and_added_where_needed() {
    let out = edited(&[change("steps.1.actor", Some("ib"))]);
    assert!(out.contains("    actor: 'ib'\n"), "{out}");
    let out = edited(&[change("steps.0.within", Some("'true'"))]);
    assert!(out.contains("    within: 'true'\n"), "{out}");
}

#[test]
fn a_step_is_appended_as_its_own_lines() {
    let out = edited(&[change(
        "steps.2",
        Some("{title: Evalueren, actor: leerkracht, within: 6 weken}"),
    )]);
    assert_eq!(
        diff(PROCEDURE, &out),
        [
            "+  - title: Evalueren",
            "+    actor: leerkracht",
            "+    within: 6 weken"
        ]
    );
    let index = out.find("Evalueren").unwrap();
    assert!(index < out.find("# een opmerking").unwrap());
}

#[test]
fn removing_takes_out_only_its_lines() {
    let out = edited(&[change("steps.0", None)]);
    assert_eq!(
        diff(PROCEDURE, &out),
        [
            "-  - title: Aanmelden",
            "-    actor: leerkracht",
            "-    within: 5 werkdagen"
        ]
    );
    let out = edited(&[change("steps.0.within", None)]);
    assert_eq!(diff(PROCEDURE, &out), ["-    within: 5 werkdagen"]);
    let out = edited(&[change("level", None)]);
    assert_eq!(diff(PROCEDURE, &out), ["-level: school"]);
}

#[test]
fn the_first_key_of_an_item_gives_its_place_to_the_next() {
    let out = edited(&[change("steps.0.title", None)]);
    assert!(
        out.contains("  - actor: leerkracht\n    within: 5 werkdagen\n"),
        "{out}"
    );
}

#[test]
fn the_last_item_leaves_an_empty_list() {
    let out = edited(&[change("participants.1", None), change("participants.0", None)]);
    assert_eq!(
        diff(PROCEDURE, &out),
        ["-participants:", "-  - leerkracht", "-  - ouders", "+participants: []"]
    );
}

#[test]
fn flow_lists_stay_flow() {
    let out = edited(&[change("escalates_to.2", Some("thuiszitters"))]);
    assert!(out.contains("escalates_to: [zat, meldcode, thuiszitters]\n"), "{out}");
    let out = edited(&[change("escalates_to.0", None)]);
    assert!(out.contains("escalates_to: [meldcode]\n"), "{out}");
    let out = edited(&[change("escalates_to.1", None)]);
    assert!(out.contains("escalates_to: [zat]\n"), "{out}");
}

#[test]
fn new_keys_go_after_the_last_one_at_its_indentation() {
    let out = edited(&[change("steps.1.within", Some("2 weken"))]);
    assert_eq!(diff(PROCEDURE, &out), ["+    within: 2 weken"]);
    let out = edited(&[change("summary", Some("Kort."))]);
    assert!(
        out.ends_with("consent:\nsummary: Kort.\n---\n\n## Doel\n\nTekst met een [link](@actor/ib).\n"),
        "{out}"
    );
}

#[test]
fn a_key_under_an_empty_value_makes_it_a_mapping() {
    let out = edited(&[change("consent.required", Some("true"))]);
    assert!(out.contains("consent:\n  required: true\n---"), "{out}");
}

#[test]
fn missing_parents_are_made() {
    let out = apply(
        "title: A\n",
        false,
        &[change("contact.email", Some("a@example.nl"))],
        None,
    )
    .unwrap();
    assert_eq!(out, "title: A\ncontact:\n  email: a@example.nl\n");
    let out = apply("title: A\n", false, &[change("steps.0", Some("{title: B}"))], None).unwrap();
    assert_eq!(out, "title: A\nsteps:\n  - title: B\n");
}

#[test]
fn lines_become_a_block_and_blocks_change_in_place() {
    let out = edited(&[change("steps.0.within", Some("\"een\\ntwee\""))]);
    assert!(
        out.contains("    within: |-\n      een\n      twee\n  - title: Bespreken"),
        "{out}"
    );
    let block = "a: |\n  een\n  twee\nb: c\n";
    let out = apply(block, false, &[change("a", Some("drie"))], None).unwrap();
    assert_eq!(out, "a: drie\nb: c\n");
}

#[test]
fn the_body_is_replaced_and_the_front_matter_kept() {
    let out = apply(PROCEDURE, true, &[], Some("Nieuw.\n")).unwrap();
    assert_eq!(
        out,
        PROCEDURE.replace("\n## Doel\n\nTekst met een [link](@actor/ib).\n", "Nieuw.\n")
    );
    assert_eq!(read(&out, true).unwrap().body.as_deref(), Some("Nieuw.\n"));
}

#[test]
fn a_moved_step_changes_only_the_values_that_differ() {
    // What the form sends when step 2 moves up: each field that differs.
    let out = edited(&[
        change("steps.0.title", Some("Bespreken")),
        change("steps.0.actor", Some("intern-begeleider")),
        change("steps.0.within", None),
        change("steps.1.title", Some("Aanmelden")),
        change("steps.1.actor", Some("leerkracht")),
        change("steps.1.within", Some("5 werkdagen")),
    ]);
    let fields = read(&out, true).unwrap().fields;
    assert_eq!(fields["steps"][0]["title"], Value::from("Bespreken"));
    assert_eq!(fields["steps"][1]["within"], Value::from("5 werkdagen"));
    assert!(out.contains("# een opmerking\n"));
}

#[test]
fn impossible_edits_are_refused() {
    assert_eq!(
        apply(PROCEDURE, true, &[change("steps.5", Some("x"))], None),
        Err(EditError::PastTheEnd {
            path: "steps".into(),
            len: 2
        })
    );
    assert_eq!(
        apply(PROCEDURE, true, &[change("level.x", Some("y"))], None),
        Err(EditError::NotAContainer { path: "level".into() })
    );
    assert_eq!(apply("title: A\n", false, &[], Some("x")), Err(EditError::NoBody));
}

#[test]
fn a_file_without_front_matter_gets_one() {
    let out = apply("Alleen tekst.\n", true, &[change("title", Some("Titel"))], None).unwrap();
    assert_eq!(out, "---\ntitle: Titel\n---\nAlleen tekst.\n");
}

#[test]
fn year_keys_of_a_mapping_are_keys() {
    let region = "name: R\nscores:\n  2024: 3\n";
    let out = apply(region, false, &[change("scores.2024", Some("4"))], None).unwrap();
    assert_eq!(out, "name: R\nscores:\n  2024: 4\n");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// How one value is written: plain, in single or double quotes.
    fn quoted(word: &str, style: u8) -> String {
        match style % 3 {
            0 => word.to_string(),
            1 => format!("'{word}'"),
            _ => format!("\"{word}\""),
        }
    }

    /// A key with its list items: each a word, its quoting style, and
    /// whether it is a record (`- title: …`); no items: a scalar value.
    type Entry = (String, Vec<(String, u8, bool)>);

    /// A front matter of scalars, lists of words and lists of records (as
    /// steps are), in every quoting style, with comments after the values.
    fn document() -> impl Strategy<Value = Vec<Entry>> {
        let word = "[a-z][a-z ]{0,8}[a-z]";
        let item = (word, any::<u8>(), any::<bool>());
        prop::collection::vec(
            (
                word.prop_map(|k| k.replace(' ', "_")),
                prop::collection::vec(item, 0..4),
            ),
            1..6,
        )
    }

    fn written(doc: &[Entry]) -> String {
        let mut out = String::from("---\n");
        let mut seen = std::collections::HashSet::new();
        for (key, items) in doc {
            if !seen.insert(key.clone()) {
                continue;
            }
            if items.is_empty() {
                out.push_str(&format!("{key}: waarde # over {key}\n"));
                continue;
            }
            out.push_str(&format!("{key}:\n"));
            for (item, style, record) in items {
                let value = quoted(item, *style);
                if *record {
                    out.push_str(&format!("  - title: {value}\n    actor: {value} # wie\n"));
                } else {
                    out.push_str(&format!("  - {value} # item\n"));
                }
            }
        }
        out.push_str("---\nTekst\n");
        out
    }

    proptest! {
        /// Setting any one scalar changes only that scalar's bytes: the text
        /// before and after its span is the same.
        #[test]
        fn one_value_changes_only_its_bytes(doc in document(), pick in 0usize..20, new in "[ -~]{0,12}") {
            let text = written(&doc);
            let file = source(&text, true).unwrap();
            let index = SpanIndex::build(&file);
            let mut scalars: Vec<(YamlPath, std::ops::Range<usize>)> = index
                .within(&YamlPath::root())
                .filter_map(|(p, _)| match index.node(p) {
                    Some((r, crate::source::spans::Shape::Scalar(_))) => Some((p.clone(), r)),
                    _ => None,
                })
                .collect();
            scalars.sort_by_key(|(_, r)| r.start);
            scalars.dedup_by_key(|(_, r)| r.start);
            prop_assume!(!scalars.is_empty());
            let (path, range) = scalars[pick % scalars.len()].clone();
            let value = Value::String(new.clone());
            let out = apply(&text, true, &[Change { path: path.clone(), value: Some(value.clone()) }], None).unwrap();
            prop_assert_eq!(&out[..range.start], &text[..range.start]);
            let tail = &text[range.end..];
            prop_assert!(out.ends_with(tail));
            let mut expected = read(&text, true).unwrap().fields;
            set_value(&mut expected, &path, Some(value));
            prop_assert_eq!(read(&out, true).unwrap().fields, expected);
        }

        /// Appending to or removing from any list writes or takes out only
        /// whole lines, and leaves every other line as it was.
        #[test]
        fn list_items_come_and_go_as_lines(doc in document(), pick in 0usize..20, item in "[a-z]{1,8}") {
            let text = written(&doc);
            let fields = read(&text, true).unwrap().fields;
            let lists: Vec<(String, usize)> = fields
                .as_mapping()
                .unwrap()
                .iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_sequence()?.len())))
                .collect();
            prop_assume!(!lists.is_empty());
            let (key, len) = lists[pick % lists.len()].clone();
            let append = Change { path: YamlPath::field(&key).index(len), value: Some(Value::String(item)) };
            let out = apply(&text, true, &[append], None).unwrap();
            let added: Vec<_> = diff(&text, &out);
            prop_assert_eq!(added.len(), 1);
            prop_assert!(added[0].starts_with('+'));
            if len > 1 {
                let remove = Change { path: YamlPath::field(&key).index(pick % len), value: None };
                let out = apply(&text, true, &[remove], None).unwrap();
                let removed = diff(&text, &out);
                // An item is one line, a record two; only its lines go.
                let item = &fields[key.as_str()][pick % len];
                prop_assert_eq!(removed.len(), if item.is_mapping() { 2 } else { 1 });
                prop_assert!(removed.iter().all(|l| l.starts_with('-')));
                let mut expected = fields.clone();
                set_value(&mut expected, &YamlPath::field(&key).index(pick % len), None);
                prop_assert_eq!(read(&out, true).unwrap().fields, expected);
            }
        }
    }
}
