//! Editing a project file as text (the preview's editor): a list of changes
//! to YAML values by path, and a new Markdown body, made at the spans of the
//! changed values so that everything else in the file stays byte for byte.
//!
//! Every edit is checked against its meaning: the file that comes out is
//! read again and must hold exactly the values asked for, or nothing is
//! returned ([`EditError::NotFaithful`]).

pub mod render;
pub mod text;

use serde_yaml::Value;

pub use crate::diag::editing::EditError;
use crate::fingerprint::Fingerprint;
use crate::source::{Seg, SourceFile, SpanIndex, YamlPath};
use text::{Splice, Step, View};

/// One change: the value at `path` becomes `value`; `None` removes it. A
/// path one past the end of a list appends to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: YamlPath,
    pub value: Option<Value>,
}

/// What a file holds, as the editor shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Contents {
    /// The YAML (front matter) as a value; an empty mapping when there is none.
    pub fields: Value,
    /// The Markdown body; `None` for a YAML file.
    pub body: Option<String>,
}

/// The version of a file the editor compares before writing: a hash of its bytes.
pub fn version(bytes: &[u8]) -> String {
    format!("{:032x}", Fingerprint::new().part(bytes).finish())
}

/// Reads what a file holds (`markdown`: front matter and a body).
pub fn read(text: &str, markdown: bool) -> Result<Contents, EditError> {
    let file = source(text, markdown)?;
    let yaml = &file.text[file.yaml.clone()];
    let fields = match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Null) => Value::Mapping(Default::default()),
        Ok(v) => v,
        Err(e) => return Err(EditError::NotYaml { reason: e.to_string() }),
    };
    let body = markdown.then(|| file.text[body_start(&file)..].to_string());
    Ok(Contents { fields, body })
}

/// The file's text with `changes` made, in order, and the body replaced by
/// `body` when given.
pub fn apply(text: &str, markdown: bool, changes: &[Change], body: Option<&str>) -> Result<String, EditError> {
    let before = read(text, markdown)?;
    let mut expected = before.fields.clone();
    let mut current = text.to_string();
    for change in changes {
        current = apply_one(&current, markdown, &change.path, change.value.as_ref())?;
        set_value(&mut expected, &change.path, change.value.clone());
    }
    if let Some(new_body) = body {
        if !markdown {
            return Err(EditError::NoBody);
        }
        let file = source(&current, markdown)?;
        current.truncate(body_start(&file));
        current.push_str(new_body);
    }
    let after = read(&current, markdown).map_err(|_| EditError::NotFaithful)?;
    let body_kept = match body {
        Some(b) => after.body.as_deref() == Some(b),
        None => after.body == before.body,
    };
    if after.fields != expected || !body_kept {
        return Err(EditError::NotFaithful);
    }
    Ok(current)
}

/// One change, splice by splice: a change that must first reshape its
/// parent (a key under an empty value) sets the parent instead.
fn apply_one(text: &str, markdown: bool, path: &YamlPath, value: Option<&Value>) -> Result<String, EditError> {
    let file = source(text, markdown)?;
    let index = SpanIndex::build(&file);
    let view = View {
        file: &file,
        index: &index,
    };
    let path = view.normalise(path);
    let splice = match view.change(&path, value)? {
        Step::Nothing => return Ok(text.to_string()),
        Step::Splice(splice) => splice,
        // The parent's new value holds the change already.
        Step::Parent(parent_value) => {
            let parent = path.parent().unwrap_or_default();
            return apply_one(text, markdown, &parent, Some(&parent_value));
        }
        Step::NewDocument(fields) => new_document(&file, markdown, &fields),
    };
    let mut out = text.to_string();
    out.replace_range(splice.range, &splice.text);
    Ok(out)
}

/// The first fields of a file that has no YAML yet.
fn new_document(file: &SourceFile, markdown: bool, fields: &Value) -> Splice {
    let written = render::block(fields, 0);
    let at = file.yaml.start;
    let has_front_matter = !markdown || file.text[..at].trim_start_matches('\u{feff}').starts_with("---");
    Splice {
        range: at..at,
        text: if has_front_matter {
            written
        } else {
            format!("---\n{written}---\n")
        },
    }
}

/// The file as a source with its YAML part marked.
fn source(text: &str, markdown: bool) -> Result<SourceFile, EditError> {
    let mut file = SourceFile::new(String::new(), Default::default(), text.to_string());
    if markdown {
        crate::load::yaml::split_front_matter(&mut file).map_err(|_| EditError::FrontMatterNotClosed)?;
    }
    Ok(file)
}

/// Where a Markdown file's body starts: after the front matter's closing line.
fn body_start(file: &SourceFile) -> usize {
    let mut probe = file.clone();
    crate::load::yaml::split_front_matter(&mut probe).map_or(0, |body| body.start)
}

/// Sets the value at `path` inside `root` as [`apply`] does in text: `None`
/// removes, an index one past the end appends, missing mappings are made.
pub fn set_value(root: &mut Value, path: &YamlPath, value: Option<Value>) {
    let Some((last, parents)) = path.0.split_last() else {
        if let Some(v) = value {
            *root = v;
        }
        return;
    };
    let mut node = root;
    for seg in parents {
        if node.is_null() {
            *node = match seg {
                Seg::Index(_) => Value::Sequence(Vec::new()),
                Seg::Key(_) => Value::Mapping(Default::default()),
            };
        }
        let next = match (node, seg) {
            (Value::Mapping(m), seg) => {
                let key = key_in(m, seg);
                m.entry(key).or_insert(Value::Null)
            }
            (Value::Sequence(s), Seg::Index(i)) => {
                if *i == s.len() {
                    s.push(Value::Null);
                }
                match s.get_mut(*i) {
                    Some(v) => v,
                    None => return,
                }
            }
            _ => return,
        };
        node = next;
    }
    if node.is_null() && value.is_some() {
        *node = match last {
            Seg::Index(_) => Value::Sequence(Vec::new()),
            Seg::Key(_) => Value::Mapping(Default::default()),
        };
    }
    match (node, last, value) {
        (Value::Mapping(m), seg, Some(v)) => {
            let key = key_in(m, seg);
            m.insert(key, v);
        }
        (Value::Mapping(m), seg, None) => {
            let key = key_in(m, seg);
            m.shift_remove(&key);
        }
        (Value::Sequence(s), Seg::Index(i), Some(v)) if *i < s.len() => s[*i] = v,
        (Value::Sequence(s), Seg::Index(i), Some(v)) if *i == s.len() => s.push(v),
        (Value::Sequence(s), Seg::Index(i), None) if *i < s.len() => {
            s.remove(*i);
        }
        _ => {}
    }
}

/// The key of `map` that `seg` names: an existing key written the same way
/// (a year is a number key), else a new text key.
fn key_in(map: &serde_yaml::Mapping, seg: &Seg) -> Value {
    let name = match seg {
        Seg::Key(k) => k.clone(),
        Seg::Index(i) => i.to_string(),
    };
    map.keys()
        .find(|k| match k {
            Value::String(s) => *s == name,
            Value::Number(n) => n.to_string() == name,
            _ => false,
        })
        .cloned()
        .unwrap_or(Value::String(name))
}

#[cfg(test)]
mod tests;
