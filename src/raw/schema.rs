//! JSON Schemas of every kind of file, generated from the raw types: printed
//! by `zorgroute schema` for editors, and read to suggest the right field name
//! for an unknown one (`titel` -> `title`).

use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Map, Value};

use crate::raw::*;
use crate::source::{Seg, YamlPath};

/// The kinds of file a project has, with the name `zorgroute schema` uses.
pub const KINDS: &[&str] = &[
    "site",
    "region",
    "actor",
    "procedure",
    "agreement",
    "route",
    "page",
    "glossary",
];

/// The schema of one kind of file, or `None` for an unknown kind.
pub fn for_kind(kind: &str) -> Option<Value> {
    Some(match kind {
        "site" => of::<RawSite>(),
        "region" => of::<RawRegion>(),
        "actor" => of::<RawActor>(),
        "procedure" => of::<RawProcedure>(),
        "agreement" => of::<RawAgreement>(),
        "route" => of::<RawRoute>(),
        "page" => of::<RawPage>(),
        "glossary" => of::<RawGlossary>(),
        _ => return None,
    })
}

/// The schema of `T` as JSON.
pub fn of<T: JsonSchema>() -> Value {
    SchemaGenerator::default().into_root_schema_for::<T>().to_value()
}

/// The field names an object at `path` may have, per the schema of `T`.
pub fn fields_at<T: JsonSchema>(path: &YamlPath) -> Vec<String> {
    let root = of::<T>();
    let mut names = Vec::new();
    for node in nodes_at(&root, &root, &path.0) {
        collect_properties(&root, node, &mut names);
    }
    names.sort();
    names.dedup();
    names
}

/// Follows `$ref` and the alternatives of `anyOf`/`oneOf` (Option and untagged enums).
fn expand<'a>(root: &'a Value, node: &'a Value) -> Vec<&'a Value> {
    let node = match node.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix("#/$defs/")
            .and_then(|name| root.get("$defs")?.get(name))
            .unwrap_or(node),
        None => node,
    };
    let mut out = vec![node];
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(alts) = node.get(key).and_then(Value::as_array) {
            for alt in alts {
                out.extend(expand(root, alt));
            }
        }
    }
    out
}

fn nodes_at<'a>(root: &'a Value, node: &'a Value, path: &[Seg]) -> Vec<&'a Value> {
    let Some((first, rest)) = path.split_first() else {
        return expand(root, node);
    };
    let mut out = Vec::new();
    for n in expand(root, node) {
        let child = match first {
            Seg::Key(k) => n.get("properties").and_then(|p| p.get(k)),
            Seg::Index(_) => n.get("items"),
        };
        if let Some(child) = child {
            out.extend(nodes_at(root, child, rest));
        }
    }
    out
}

fn collect_properties(root: &Value, node: &Value, names: &mut Vec<String>) {
    for n in expand(root, node) {
        if let Some(props) = n.get("properties").and_then(Value::as_object) {
            names.extend(props.keys().cloned());
        }
    }
}

/// The field that `field` was most likely meant to be, at `path` in a `T`.
pub fn nearest_field<T: JsonSchema>(path: &YamlPath, field: &str) -> Option<String> {
    let parent = path.parent().unwrap_or_default();
    let known = fields_at::<T>(&parent);
    crate::diag::suggest::nearest(field, known.iter().map(String::as_str))
        .into_iter()
        .next()
}

/// All schemas in one object, keyed by kind: what `zorgroute schema` prints.
pub fn all() -> Value {
    let mut map = Map::new();
    for kind in KINDS {
        if let Some(schema) = for_kind(kind) {
            map.insert((*kind).to_string(), schema);
        }
    }
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_nested_fields() {
        assert_eq!(
            nearest_field::<RawProcedure>(&YamlPath::field("titel"), "titel").as_deref(),
            Some("title")
        );
        let step = YamlPath::field("steps").index(2).key("actr");
        assert_eq!(nearest_field::<RawProcedure>(&step, "actr").as_deref(), Some("actor"));
        let consent = YamlPath::field("consent").key("form");
        assert_eq!(nearest_field::<RawProcedure>(&consent, "form").as_deref(), Some("from"));
        assert_eq!(
            nearest_field::<RawRegion>(&YamlPath::field("exlude"), "exlude").as_deref(),
            Some("exclude")
        );
    }

    #[test]
    fn every_kind_has_a_schema_that_forbids_unknown_fields() {
        for kind in KINDS {
            let schema = for_kind(kind).unwrap();
            let text = schema.to_string();
            assert!(text.contains("additionalProperties"), "{kind}");
        }
    }
}
