//! The semantic diff of two resolved models: per region, which entities and
//! glossary terms were added, removed or excluded, and for each changed one
//! (and the region's own settings) which fields changed, with the old and
//! new value in words. It compares meaning, not files: a moved file or
//! re-wrapped text is no change. Pure: reads two models, writes nothing.

mod fields;
pub mod present;
pub mod tailoring;
mod words;

use std::collections::{HashMap, HashSet};

use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::i18n::Strings;
use crate::kinds::Kind;
use crate::model::changes::*;
use crate::model::*;
pub use fields::Words;
use fields::{Fields, Record, Value};

/// The changes from `old` to `new`, per region slug: the regions of `new` in
/// their order (those with no change left out), then regions that are gone.
pub fn sites(old: &Site, new: &Site, strings: &Strings) -> Vec<(String, Vec<Change>)> {
    let mut out = Vec::new();
    for r in &new.regions {
        let before = old.regions.iter().find(|o| o.slug == r.slug);
        let changes = match before {
            Some(o) => region(
                Compare::All,
                &Words {
                    site: old,
                    region: o,
                    strings,
                },
                &Words {
                    site: new,
                    region: r,
                    strings,
                },
            ),
            None => vec![whole_region(r, ChangeType::Added)],
        };
        if !changes.is_empty() {
            out.push((r.slug.clone(), changes));
        }
    }
    for o in &old.regions {
        if !new.regions.iter().any(|r| r.slug == o.slug) {
            out.push((o.slug.clone(), vec![whole_region(o, ChangeType::Removed)]));
        }
    }
    out
}

fn whole_region(r: &Region, change: ChangeType) -> Change {
    Change {
        subject: Subject::Region,
        id: r.slug.clone(),
        title: r.name.clone(),
        change,
        note: None,
        fields: Vec::new(),
    }
}

/// Which entities present on both sides a diff compares field by field.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    /// Every one: two editions.
    All,
    /// Only those that are the region's own on one side: a region against
    /// its standard, where an entity inherited on both sides is the same
    /// file (it can read differently only through an actor the region
    /// renamed, which is no tailoring) and comparing it is most of the work.
    OwnVersions,
}

/// The changes of one region from `old` to `new`: its settings first, then
/// each kind of entity in [`Kind::ALL`] order, then the glossary.
pub fn region(which: Compare, old: &Words<'_>, new: &Words<'_>) -> Vec<Change> {
    let mut out = Vec::new();
    let settings = compare(&fields::region(old), &fields::region(new));
    if !settings.is_empty() {
        out.push(Change {
            subject: Subject::Region,
            id: new.region.slug.clone(),
            title: new.region.name.clone(),
            change: ChangeType::Changed,
            note: None,
            fields: settings,
        });
    }
    for kind in Kind::ALL {
        entities(which, old, new, kind, &mut out);
    }
    terms(old.region, new.region, &mut out);
    out
}

fn entities(which: Compare, old: &Words<'_>, new: &Words<'_>, kind: Kind, out: &mut Vec<Change>) {
    let before: HashMap<&str, EntityRef<'_>> = old.region.of_kind(kind).map(|e| (e.meta.id.as_str(), e)).collect();
    let after: HashSet<&str> = new.region.of_kind(kind).map(|e| e.meta.id.as_str()).collect();
    for e in new.region.of_kind(kind) {
        let change = |change, note, fields| Change {
            subject: Subject::Entity(kind),
            id: e.meta.id.clone(),
            title: e.title.to_string(),
            change,
            note,
            fields,
        };
        let Some(o) = before.get(e.meta.id.as_str()) else {
            out.push(change(ChangeType::Added, None, Vec::new()));
            continue;
        };
        let both_inherited = o.meta.origin == Origin::Standard && e.meta.origin == Origin::Standard;
        if both_inherited && which == Compare::OwnVersions {
            continue;
        }
        let note = match (o.meta.origin, e.meta.origin) {
            (Origin::Standard, Origin::Standard) => None,
            (Origin::Standard, _) => Some(ChangeNote::NowOwn),
            (_, Origin::Standard) => Some(ChangeNote::NowStandard),
            _ => None,
        };
        let fields = compare(&fields::entity(old, o.ix), &fields::entity(new, e.ix));
        if note.is_some() || !fields.is_empty() {
            out.push(change(ChangeType::Changed, note, fields));
        }
    }
    for o in old.region.of_kind(kind) {
        if after.contains(o.meta.id.as_str()) {
            continue;
        }
        let excluded = new.region.excluded.iter().any(|(k, id)| *k == kind && *id == o.meta.id);
        out.push(Change {
            subject: Subject::Entity(kind),
            id: o.meta.id.clone(),
            title: o.title.to_string(),
            change: ChangeType::Removed,
            note: excluded.then_some(ChangeNote::Excluded),
            fields: Vec::new(),
        });
    }
}

fn terms(old: &Region, new: &Region, out: &mut Vec<Change>) {
    let change = |t: &Term, change, fields| Change {
        subject: Subject::Term,
        id: t.id.clone(),
        title: t.term.clone(),
        change,
        note: None,
        fields,
    };
    for t in &new.glossary {
        match old.glossary.iter().find(|o| o.id == t.id) {
            None => out.push(change(t, ChangeType::Added, Vec::new())),
            Some(o) => {
                let fields = compare(&fields::term(o), &fields::term(t));
                if !fields.is_empty() {
                    out.push(change(t, ChangeType::Changed, fields));
                }
            }
        }
    }
    for o in &old.glossary {
        if !new.glossary.iter().any(|t| t.id == o.id) {
            out.push(change(o, ChangeType::Removed, Vec::new()));
        }
    }
}

/// The fields that differ between two subjects' values.
fn compare(old: &Fields, new: &Fields) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let find = |fields: &Fields, name: &str| fields.iter().position(|(n, _)| *n == name);
    // Every field name in order: the new file's, then those only the old has.
    let mut names: Vec<&'static str> = new.iter().map(|(n, _)| *n).collect();
    names.extend(old.iter().map(|(n, _)| *n).filter(|n| find(new, n).is_none()));
    for name in names {
        let o = find(old, name).map(|i| &old[i].1);
        let n = find(new, name).map(|i| &new[i].1);
        match (o, n) {
            (Some(Value::List(o)), Some(Value::List(n))) => lists(name, o, n, &mut out),
            (Some(Value::List(o)), None) => lists(name, o, &[], &mut out),
            (None, Some(Value::List(n))) => lists(name, &[], n, &mut out),
            (Some(Value::Body(o)), Some(Value::Body(n))) => {
                if o != n {
                    let (old, new) = words::excerpts(o, n);
                    out.push(field(name.to_string(), Some(old), Some(new)));
                }
            }
            (o, n) => {
                let (o, n) = (scalar(o), scalar(n));
                if o != n {
                    out.push(field(name.to_string(), o, n));
                }
            }
        }
    }
    out
}

fn scalar(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Text(t) | Value::Body(t) => Some(t.clone()),
        Value::List(_) => None,
    }
}

fn field(path: String, old: Option<String>, new: Option<String>) -> FieldChange {
    FieldChange { path, old, new }
}

/// Compares two lists of records: items matched by key keep their place in
/// the comparison, so an inserted step is one change. A list with the same
/// items in another order is one change of order, and then compared by key.
fn lists(name: &str, old: &[Record], new: &[Record], out: &mut Vec<FieldChange>) {
    let old_keys: Vec<&str> = old.iter().map(|r| r.key.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|r| r.key.as_str()).collect();
    let (mut sorted_old, mut sorted_new) = (old_keys.clone(), new_keys.clone());
    sorted_old.sort_unstable();
    sorted_new.sort_unstable();
    if old_keys != new_keys && sorted_old == sorted_new {
        let order = |records: &[Record]| records.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join(" → ");
        out.push(field(name.to_string(), Some(order(old)), Some(order(new))));
        for (ni, n) in new.iter().enumerate() {
            if let Some(o) = old.iter().find(|o| o.key == n.key) {
                records(&format!("{name}.{ni}"), o, n, out);
            }
        }
        return;
    }
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        let (old_range, new_range) = (op.old_range(), op.new_range());
        // A replaced run pairs its items one to one (a renamed step); the
        // rest of the longer side was added or removed.
        let paired = match op {
            DiffOp::Equal { .. } | DiffOp::Replace { .. } => old_range.len().min(new_range.len()),
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => 0,
        };
        for k in 0..paired {
            let (oi, ni) = (old_range.start + k, new_range.start + k);
            let path = format!("{name}.{ni}");
            if old[oi].key != new[ni].key {
                out.push(field(
                    format!("{path}.{}", key_field(name)),
                    Some(old[oi].label.clone()),
                    Some(new[ni].label.clone()),
                ));
            }
            records(&path, &old[oi], &new[ni], out);
        }
        for oi in old_range.clone().skip(paired) {
            out.push(field(format!("{name}.{oi}"), Some(old[oi].label.clone()), None));
        }
        for ni in new_range.clone().skip(paired) {
            out.push(field(format!("{name}.{ni}"), None, Some(new[ni].label.clone())));
        }
    }
}

/// The field of a list's items that is their key, as the YAML names it.
fn key_field(list: &str) -> &'static str {
    match list {
        "steps" | "documents" => "title",
        "escalates_to" => "procedure",
        "commitments" => "text",
        "schools" => "name",
        "indicators" => "statement",
        "timeline" => "year",
        _ => "id",
    }
}

/// The values of two matched records that differ.
fn records(path: &str, old: &Record, new: &Record, out: &mut Vec<FieldChange>) {
    let get = |r: &Record, name: &str| r.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone());
    let mut names: Vec<&'static str> = new.values.iter().map(|(n, _)| *n).collect();
    names.extend(old.values.iter().map(|(n, _)| *n).filter(|n| get(new, n).is_none()));
    for name in names {
        let (o, n) = (get(old, name), get(new, name));
        if o != n {
            out.push(field(format!("{path}.{name}"), o, n));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(key: &str, values: &[(&'static str, &str)]) -> Record {
        Record {
            key: key.into(),
            label: key.into(),
            values: values.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        }
    }

    fn changes(old: &[Record], new: &[Record]) -> Vec<(String, Option<String>, Option<String>)> {
        let mut out = Vec::new();
        lists("steps", old, new, &mut out);
        out.into_iter().map(|f| (f.path, f.old, f.new)).collect()
    }

    fn s(text: &str) -> Option<String> {
        Some(text.to_string())
    }

    #[test]
    fn an_inserted_step_is_one_change_and_the_others_keep_their_values() {
        let old = [rec("A", &[("within", "2 weken")]), rec("C", &[])];
        let new = [rec("A", &[("within", "2 weken")]), rec("B", &[]), rec("C", &[])];
        assert_eq!(changes(&old, &new), vec![("steps.1".into(), None, s("B"))]);
    }

    #[test]
    fn a_changed_time_limit_is_named_by_its_new_position() {
        let old = [rec("A", &[]), rec("B", &[("within", "6 weken")])];
        let new = [rec("X", &[]), rec("A", &[]), rec("B", &[("within", "8 weken")])];
        assert_eq!(
            changes(&old, &new),
            vec![
                ("steps.0".into(), None, s("X")),
                ("steps.2.within".into(), s("6 weken"), s("8 weken")),
            ]
        );
    }

    #[test]
    fn a_renamed_step_in_place_is_a_changed_title() {
        let old = [rec("A", &[]), rec("B", &[("actor", "IB")])];
        let new = [rec("A", &[]), rec("B2", &[("actor", "IB")])];
        assert_eq!(changes(&old, &new), vec![("steps.1.title".into(), s("B"), s("B2"))]);
    }

    #[test]
    fn the_same_steps_in_another_order_are_one_change_of_order() {
        let old = [rec("A", &[]), rec("B", &[("within", "1 week")])];
        let new = [rec("B", &[("within", "2 weken")]), rec("A", &[])];
        assert_eq!(
            changes(&old, &new),
            vec![
                ("steps".into(), s("A → B"), s("B → A")),
                ("steps.0.within".into(), s("1 week"), s("2 weken")),
            ]
        );
    }

    #[test]
    fn a_removed_step_is_named_by_its_old_position() {
        let old = [rec("A", &[]), rec("B", &[]), rec("C", &[])];
        let new = [rec("A", &[]), rec("C", &[])];
        assert_eq!(changes(&old, &new), vec![("steps.1".into(), s("B"), None)]);
    }

    #[test]
    fn white_space_is_no_change() {
        assert_eq!(fields::text("  twee\n  regels "), s("twee regels"));
        let old: Fields = vec![("title", Value::Text("Aanmelden".into()))];
        let new: Fields = vec![("title", Value::Text("Aanmelden".into()))];
        assert!(compare(&old, &new).is_empty());
    }
}
