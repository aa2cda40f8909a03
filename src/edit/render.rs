//! Values written as YAML text in the style of the handbook's files: block
//! mappings and sequences indented by two, plain scalars where they read
//! back as the same value, quotes where they would not, `|` for lines.
//!
//! Every scalar is checked by reading it back with serde_yaml, so a value
//! that would change meaning unquoted (`true`, `12`, `a: b`, `#1`) is quoted.

use serde_yaml::Value;

use crate::source::spans::ScalarStyle;

/// Where a scalar stands: flow collections (`[a, b]`) end a plain scalar at
/// a comma or bracket, block context does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Block,
    Flow,
}

/// Whether a value is written on the line of its key (scalars, empty
/// collections) or on lines of its own below it.
pub fn is_inline(value: &Value) -> bool {
    match value {
        Value::Mapping(m) => m.is_empty(),
        Value::Sequence(s) => s.is_empty(),
        Value::Tagged(t) => is_inline(&t.value),
        _ => true,
    }
}

/// A scalar or empty collection as the text after `key: ` or `- `. `like`
/// is the style of the value it replaces, kept where it can write the new
/// one; `indent` is the column of the key, for the lines of a `|` block.
pub fn inline(value: &Value, like: Option<ScalarStyle>, indent: usize, context: Context) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s, like, indent, context),
        Value::Sequence(s) if s.is_empty() => "[]".into(),
        Value::Mapping(m) if m.is_empty() => "{}".into(),
        Value::Tagged(t) => inline(&t.value, like, indent, context),
        // A collection inside a flow collection: JSON is YAML's flow syntax.
        other => flow(other),
    }
}

/// A value in flow syntax (JSON, which YAML reads as it is).
pub fn flow(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// The lines of a mapping or sequence below its key, each indented by
/// `indent` and ending in a newline.
pub fn block(value: &Value, indent: usize) -> String {
    let mut out = String::new();
    write_block(&mut out, value, indent);
    out
}

fn write_block(out: &mut String, value: &Value, indent: usize) {
    let pad = " ".repeat(indent);
    match value {
        Value::Mapping(map) => {
            for (key, item) in map {
                out.push_str(&pad);
                entry(out, &key_text(key), item, indent);
            }
        }
        Value::Sequence(items) => {
            for item in items {
                out.push_str(&pad);
                out.push_str("- ");
                sequence_item(out, item, indent + 2);
            }
        }
        Value::Tagged(t) => write_block(out, &t.value, indent),
        scalar => {
            out.push_str(&pad);
            out.push_str(&inline(scalar, None, indent, Context::Block));
            out.push('\n');
        }
    }
}

/// `key: value` from the current position (the key's indentation written
/// already), with a nested value on the lines below at `indent + 2`.
pub fn entry(out: &mut String, key: &str, value: &Value, indent: usize) {
    out.push_str(key);
    out.push(':');
    if is_inline(value) {
        out.push(' ');
        out.push_str(&inline(value, None, indent, Context::Block));
        out.push('\n');
    } else {
        out.push('\n');
        write_block(out, value, indent + 2);
    }
}

/// A sequence item after its `- `: a mapping's first entry on the dash's
/// line and the rest below it at `indent` (the column after the dash).
pub fn sequence_item(out: &mut String, item: &Value, indent: usize) {
    match item {
        Value::Mapping(map) if !map.is_empty() => {
            for (i, (key, value)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(&" ".repeat(indent));
                }
                entry(out, &key_text(key), value, indent);
            }
        }
        // A list in a list reads best in brackets.
        Value::Sequence(items) if !items.is_empty() => {
            out.push_str(&flow(item));
            out.push('\n');
        }
        other => {
            out.push_str(&inline(other, None, indent, Context::Block));
            out.push('\n');
        }
    }
}

/// A mapping key: plain where that reads back, else quoted.
pub fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => string(s, None, 0, Context::Block),
        other => inline(other, None, 0, Context::Block),
    }
}

/// A string in the first style, of those worth trying, that reads back as it.
fn string(s: &str, like: Option<ScalarStyle>, indent: usize, context: Context) -> String {
    let multiline = s.trim_end_matches('\n').contains('\n');
    let mut tries: Vec<ScalarStyle> = Vec::with_capacity(4);
    // A `|` block is for lines: a value that became one line reads plain.
    if let Some(style) = like.filter(|&s| multiline || s != ScalarStyle::Block) {
        tries.push(style);
    }
    if multiline && context == Context::Block {
        tries.push(ScalarStyle::Block);
    }
    tries.extend([ScalarStyle::Plain, ScalarStyle::SingleQuoted]);
    tries
        .into_iter()
        .filter_map(|style| written(s, style, indent))
        .find(|text| reads_back(text, s, context))
        .unwrap_or_else(|| double_quoted(s))
}

/// `s` in `style`, or `None` when the style cannot hold it at all.
fn written(s: &str, style: ScalarStyle, indent: usize) -> Option<String> {
    match style {
        ScalarStyle::Plain => (!s.is_empty() && !s.contains('\n')).then(|| s.to_string()),
        ScalarStyle::SingleQuoted => (!s.contains('\n')).then(|| format!("'{}'", s.replace('\'', "''"))),
        ScalarStyle::DoubleQuoted => Some(double_quoted(s)),
        ScalarStyle::Block => {
            let body = s.trim_end_matches('\n');
            let chomp = match s.len() - body.len() {
                0 => "-",
                1 => "",
                _ => "+",
            };
            let pad = " ".repeat(indent + 2);
            let mut text = format!("|{chomp}");
            for line in s.strip_suffix('\n').unwrap_or(s).split('\n') {
                text.push('\n');
                if !line.is_empty() {
                    text.push_str(&pad);
                    text.push_str(line);
                }
            }
            Some(text)
        }
    }
}

/// JSON's string syntax, which is YAML's double-quoted style.
fn double_quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Whether `text`, written as a value, reads back as the string `s`.
fn reads_back(text: &str, s: &str, context: Context) -> bool {
    // The check reads the text at the indentation it was written for; the
    // lines of a block are indented relative to their key, so any key
    // column gives the same reading.
    let doc = match context {
        Context::Block => format!("k: {text}\n"),
        Context::Flow => format!("k: [{text}]\n"),
    };
    let Ok(Value::Mapping(map)) = serde_yaml::from_str::<Value>(&doc) else {
        return false;
    };
    let value = map.get("k");
    let value = match (context, value) {
        (Context::Flow, Some(Value::Sequence(items))) if items.len() == 1 => items.first(),
        (Context::Block, v) => v,
        _ => None,
    };
    matches!(value, Some(Value::String(read)) if read == s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Value {
        Value::String(text.into())
    }

    #[test]
    fn plain_where_it_reads_back_quoted_where_not() {
        assert_eq!(inline(&s("3 weken"), None, 0, Context::Block), "3 weken");
        assert_eq!(inline(&s("true"), None, 0, Context::Block), "'true'");
        assert_eq!(inline(&s("12"), None, 0, Context::Block), "'12'");
        assert_eq!(inline(&s("a: b"), None, 0, Context::Block), "'a: b'");
        assert_eq!(inline(&s("#1"), None, 0, Context::Block), "'#1'");
        assert_eq!(inline(&s(""), None, 0, Context::Block), "''");
        assert_eq!(inline(&s("a, b"), None, 0, Context::Flow), "'a, b'");
        assert_eq!(inline(&s("it's"), None, 0, Context::Block), "it's");
    }

    #[test]
    fn the_old_style_is_kept_when_it_can_hold_the_value() {
        let dq = Some(ScalarStyle::DoubleQuoted);
        assert_eq!(inline(&s("nieuw"), dq, 0, Context::Block), "\"nieuw\"");
        let sq = Some(ScalarStyle::SingleQuoted);
        assert_eq!(inline(&s("nieuw"), sq, 0, Context::Block), "'nieuw'");
    }

    #[test]
    fn lines_become_a_literal_block() {
        assert_eq!(
            inline(&s("een\ntwee\n"), None, 2, Context::Block),
            "|\n    een\n    twee"
        );
        assert_eq!(
            inline(&s("een\n\ntwee"), None, 0, Context::Block),
            "|-\n  een\n\n  twee"
        );
    }

    #[test]
    fn blocks_indent_by_two() {
        let step: Value = serde_yaml::from_str("title: Nieuw\nwithin: 2 weken\n").unwrap();
        let mut out = String::new();
        sequence_item(&mut out, &step, 4);
        assert_eq!(out, "title: Nieuw\n    within: 2 weken\n");
        let list: Value = serde_yaml::from_str("steps:\n  - title: A\n    actor: ib\n").unwrap();
        assert_eq!(block(&list, 0), "steps:\n  - title: A\n    actor: ib\n");
    }
}
