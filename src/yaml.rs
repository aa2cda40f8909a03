//! YAML handling: front matter split, typed deserialisation that reports
//! located problems, and the span index that gives every value its position.
//!
//! serde_yaml deserialises, but only knows positions for syntax and type
//! errors. For a later problem about a *valid* value (an unknown actor id, a
//! date in the past) the [`SpanIndex`] maps a value's path (`steps.2.actor`) to
//! its byte range, from saphyr-parser's event stream, which carries marks.
//! It is built lazily, per file, only when a diagnostic needs it.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use saphyr_parser::{Event, Parser};
use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Problem};
use crate::source::{FileId, SourceFile, Span};

/// One step in a path to a YAML value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Path from the document root to a value, e.g. `steps.2.actor`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YamlPath(pub Vec<Seg>);

impl YamlPath {
    pub fn root() -> YamlPath {
        YamlPath(Vec::new())
    }

    /// Shorthand for a path of one key.
    pub fn field(name: &str) -> YamlPath {
        YamlPath::root().key(name)
    }

    #[must_use]
    pub fn key(&self, name: &str) -> YamlPath {
        let mut segs = self.0.clone();
        segs.push(Seg::Key(name.to_string()));
        YamlPath(segs)
    }

    #[must_use]
    pub fn index(&self, i: usize) -> YamlPath {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(i));
        YamlPath(segs)
    }

    pub fn parent(&self) -> Option<YamlPath> {
        let (_, rest) = self.0.split_last()?;
        Some(YamlPath(rest.to_vec()))
    }

    /// The last key of the path, if it ends in a key.
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(Seg::Key(k)) => Some(k),
            _ => None,
        }
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            match seg {
                Seg::Key(k) => f.write_str(k)?,
                Seg::Index(n) => write!(f, "{n}")?,
            }
        }
        Ok(())
    }
}

/// Positions of keys and values in one file's YAML, by path.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    values: HashMap<YamlPath, Range<usize>>,
    keys: HashMap<YamlPath, Range<usize>>,
}

enum Frame {
    Mapping {
        path: YamlPath,
        start: usize,
        /// The key whose value comes next, or `None` when a key comes next.
        pending_key: Option<String>,
    },
    Sequence {
        path: YamlPath,
        start: usize,
        next: usize,
    },
}

impl SpanIndex {
    /// The byte range of the value at `path`, or of its nearest ancestor.
    pub fn value(&self, path: &YamlPath) -> Option<Range<usize>> {
        let mut p = path.clone();
        loop {
            if let Some(r) = self.values.get(&p) {
                return Some(r.clone());
            }
            p = p.parent()?;
        }
    }

    /// The byte range of the key of the mapping entry at `path`.
    pub fn key(&self, path: &YamlPath) -> Option<Range<usize>> {
        self.keys.get(path).cloned()
    }

    /// Reads the YAML part of `file`. Syntax errors stop the walk; whatever was
    /// indexed before them stays usable.
    pub fn build(file: &SourceFile) -> SpanIndex {
        let mut index = SpanIndex::default();
        let Some(yaml) = file.text.get(file.yaml.clone()) else {
            return index;
        };
        let (first_line, _) = file.line_col(file.yaml.start);
        let to_byte = |m: saphyr_parser::Marker| file.offset_of(first_line + m.line() - 1, m.col());
        let mut stack: Vec<Frame> = Vec::new();
        let mut parser = Parser::new_from_str(yaml);
        while let Some(Ok((event, span))) = parser.next_event() {
            let start = to_byte(span.start);
            let end = to_byte(span.end);
            match event {
                Event::Scalar(value, ..) => {
                    let trimmed = trim_end(&file.text, start, end);
                    index.node(&mut stack, start..trimmed, Some(value.as_ref()));
                }
                Event::Alias(_) => index.node(&mut stack, start..end, None),
                Event::MappingStart(..) => {
                    let path = index.child_path(&mut stack);
                    stack.push(Frame::Mapping {
                        path,
                        start,
                        pending_key: None,
                    });
                }
                Event::SequenceStart(..) => {
                    let path = index.child_path(&mut stack);
                    stack.push(Frame::Sequence { path, start, next: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    if let Some(frame) = stack.pop() {
                        let (path, begin) = match frame {
                            Frame::Mapping { path, start, .. } | Frame::Sequence { path, start, .. } => (path, start),
                        };
                        let finish = trim_end(&file.text, begin, start.max(begin));
                        index.values.insert(path, begin..finish.max(begin));
                    }
                }
                Event::StreamEnd => break,
                _ => {}
            }
        }
        index
    }

    /// The path the next node gets, advancing the parent's state. A scalar key
    /// of a mapping is handled in [`Self::node`] instead.
    fn child_path(&mut self, stack: &mut [Frame]) -> YamlPath {
        match stack.last_mut() {
            None => YamlPath::root(),
            Some(Frame::Sequence { path, next, .. }) => {
                *next += 1;
                path.index(*next - 1)
            }
            Some(Frame::Mapping { path, pending_key, .. }) => match pending_key.take() {
                Some(key) => path.key(&key),
                // A complex (non-scalar) key: index it nowhere useful.
                None => {
                    *pending_key = Some(String::new());
                    path.key("?")
                }
            },
        }
    }

    fn node(&mut self, stack: &mut [Frame], range: Range<usize>, scalar: Option<&str>) {
        if let Some(Frame::Mapping { path, pending_key, .. }) = stack.last_mut() {
            if pending_key.is_none() {
                let key = scalar.unwrap_or("?").to_string();
                self.keys.insert(path.key(&key), range);
                *pending_key = Some(key);
                return;
            }
        }
        let path = self.child_path(stack);
        self.values.insert(path, range);
    }
}

/// Moves `end` back over trailing white space, so a caret underlines the value only.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let slice = text.get(start..end).unwrap_or("");
    start + slice.trim_end().len()
}

/// Splits a Markdown file into front matter and body. Sets `file.yaml` to the
/// front matter's range and returns the body's byte range.
pub fn split_front_matter(file: &mut SourceFile) -> Result<Range<usize>, Problem> {
    let text = &file.text;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        // No front matter: an empty mapping, so missing fields are reported as such.
        file.yaml = bom..bom;
        return Ok(bom..text.len());
    }
    let yaml_start = bom + first_line_end;
    let mut pos = yaml_start;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..line_end].trim_end();
        if line == "---" || line == "..." {
            file.yaml = yaml_start..pos;
            return Ok(line_end..text.len());
        }
        pos = line_end;
    }
    Err(Problem::FrontMatterNotClosed)
}

/// The result of reading a typed document: the value, or nothing when it could
/// not be read; problems found either way go into `diags`.
pub fn deserialize<T: DeserializeOwned + schemars::JsonSchema>(
    file_id: FileId,
    file: &SourceFile,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let yaml = file.text.get(file.yaml.clone()).unwrap_or("");
    // An empty document (or one of only comments) is an empty mapping.
    let empty = yaml.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    });
    let source = if empty { "{}" } else { yaml };
    let mut unknown = Vec::new();
    let de = serde_yaml::Deserializer::from_str(source);
    let result: Result<T, _> = serde_ignored::deserialize(de, |path| {
        unknown.push(to_yaml_path(&path));
    });
    match result {
        Ok(value) => {
            for path in unknown {
                let field = path.last_key().unwrap_or_default().to_string();
                diags.push(Diagnostic::error(
                    Problem::UnknownField {
                        suggestion: crate::schema::nearest_field::<T>(&path, &field),
                        field,
                        path: path.to_string(),
                    },
                    Some(key_span(file_id, file, &path)),
                ));
            }
            Some(value)
        }
        Err(err) => {
            let (problem, path) = Problem::from_serde_yaml(&err);
            // Prefer the exact value the error names; else serde_yaml's own position.
            let by_path = path
                .and_then(|p| parse_serde_path(&p))
                .and_then(|p| file.span_index().value(&p))
                .map(|r| Span::new(file_id, r));
            let by_location = err.location().map(|loc| {
                let (first_line, _) = file.line_col(file.yaml.start);
                let start = file.offset_of(first_line + loc.line() - 1, loc.column().saturating_sub(1));
                let end = file.text[start..].find('\n').map_or(file.text.len(), |i| start + i);
                Span::new(file_id, start..trim_end(&file.text, start, end).max(start))
            });
            let fallback = Span::new(file_id, file.yaml.start..file.yaml.start);
            diags.push(Diagnostic::error(
                problem,
                Some(by_path.or(by_location).unwrap_or(fallback)),
            ));
            None
        }
    }
}

/// serde_yaml's path notation (`steps[0].actor`) as a [`YamlPath`].
fn parse_serde_path(text: &str) -> Option<YamlPath> {
    let mut path = YamlPath::root();
    for part in text.split('.') {
        let (key, indices) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            path = path.key(key);
        }
        for index in indices.split('[').filter(|s| !s.is_empty()) {
            path = path.index(index.trim_end_matches(']').parse().ok()?);
        }
    }
    Some(path)
}

fn key_span(file_id: FileId, file: &SourceFile, path: &YamlPath) -> Span {
    let range = file
        .span_index()
        .key(path)
        .or_else(|| file.span_index().value(path))
        .unwrap_or(file.yaml.start..file.yaml.start);
    Span::new(file_id, range)
}

fn to_yaml_path(path: &serde_ignored::Path<'_>) -> YamlPath {
    use serde_ignored::Path as P;
    match path {
        P::Root => YamlPath::root(),
        P::Seq { parent, index } => to_yaml_path(parent).index(*index),
        P::Map { parent, key } => to_yaml_path(parent).key(key),
        P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => to_yaml_path(parent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("x.md".into(), PathBuf::from("x.md"), text.into())
    }

    #[test]
    fn front_matter_is_split_and_bom_accepted() {
        let mut f = file("\u{feff}---\ntitle: A\n---\nBody\n");
        let body = split_front_matter(&mut f).unwrap();
        assert_eq!(&f.text[f.yaml.clone()], "title: A\n");
        assert_eq!(&f.text[body], "Body\n");
    }

    #[test]
    fn unclosed_front_matter_is_a_problem() {
        let mut f = file("---\ntitle: A\nBody\n");
        assert!(matches!(split_front_matter(&mut f), Err(Problem::FrontMatterNotClosed)));
    }

    #[test]
    fn span_index_finds_nested_values_and_keys() {
        let mut f = file("---\ntitle: Leerlingbespreking\nsteps:\n  - title: Aanmelden\n    actor: ib\n  - title: Bespreken\n    actor: leerkracht\n---\n");
        split_front_matter(&mut f).unwrap();
        let idx = SpanIndex::build(&f);
        let actor = idx.value(&YamlPath::field("steps").index(1).key("actor")).unwrap();
        assert_eq!(&f.text[actor], "leerkracht");
        let key = idx.key(&YamlPath::field("title")).unwrap();
        assert_eq!(&f.text[key], "title");
        let title = idx.value(&YamlPath::field("title")).unwrap();
        assert_eq!(&f.text[title], "Leerlingbespreking");
        // A path that does not exist falls back to its nearest ancestor.
        let missing = idx.value(&YamlPath::field("steps").index(0).key("within")).unwrap();
        assert!(f.text[missing].starts_with("title: Aanmelden"));
    }

    #[test]
    fn flow_sequences_are_indexed() {
        let f = file("participants: [ib, leerkracht, ouders]\n");
        let idx = SpanIndex::build(&f);
        let r = idx.value(&YamlPath::field("participants").index(2)).unwrap();
        assert_eq!(&f.text[r], "ouders");
    }
}
