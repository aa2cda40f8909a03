//! Paths to YAML values (`steps.2.actor`) and the span index that gives
//! every value of a file its byte range.
//!
//! serde_yaml deserialises, but only knows positions for syntax and type
//! errors. For a later problem about a *valid* value (an unknown actor id, a
//! date in the past) the [`SpanIndex`] maps a value's path to its byte range,
//! from saphyr-parser's event stream, which carries marks. It is built
//! lazily, per file, only when a diagnostic needs it.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use saphyr_parser::{Event, Parser};

use super::SourceFile;

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

    /// A path as written with dots (`steps.2.within`): numbers are list
    /// indices (the editor reads a number under a mapping as its key).
    pub fn parse(text: &str) -> YamlPath {
        YamlPath(
            text.split('.')
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().map_or_else(|_| Seg::Key(s.to_string()), Seg::Index))
                .collect(),
        )
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
    /// What each value is, for the editor, which changes values in place.
    shapes: HashMap<YamlPath, Shape>,
}

/// How a value is written: what an in-place edit must keep to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Scalar(ScalarStyle),
    /// `flow`: written in brackets, `{a: 1}`.
    Mapping {
        flow: bool,
    },
    /// `flow`: written in brackets, `[a, b]`.
    Sequence {
        flow: bool,
    },
    Alias,
}

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// `|` or `>`: the range covers the lines of text, not the indicator.
    Block,
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

    /// The range and shape of the value at exactly `path`, if it exists.
    pub fn node(&self, path: &YamlPath) -> Option<(Range<usize>, Shape)> {
        Some((self.values.get(path)?.clone(), *self.shapes.get(path)?))
    }

    /// Every value and key at or below `path`, with its range.
    pub fn within<'a>(&'a self, path: &'a YamlPath) -> impl Iterator<Item = (&'a YamlPath, &'a Range<usize>)> + 'a {
        self.values
            .iter()
            .chain(&self.keys)
            .filter(move |(p, _)| p.0.starts_with(&path.0))
    }

    /// The path of the innermost value (or key) that holds byte `offset`:
    /// which field a problem at that position belongs to.
    pub fn path_at(&self, offset: usize) -> Option<YamlPath> {
        self.values
            .iter()
            .chain(&self.keys)
            .filter(|(_, r)| r.start <= offset && (offset < r.end || r.is_empty() && offset == r.start))
            .min_by_key(|(p, r)| (r.len(), std::cmp::Reverse(p.0.len())))
            .map(|(p, _)| p.clone())
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
                Event::Scalar(value, style, ..) => {
                    let style = match style {
                        saphyr_parser::ScalarStyle::SingleQuoted => ScalarStyle::SingleQuoted,
                        saphyr_parser::ScalarStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
                        saphyr_parser::ScalarStyle::Literal | saphyr_parser::ScalarStyle::Folded => ScalarStyle::Block,
                        _ => ScalarStyle::Plain,
                    };
                    // A quoted scalar's end mark can run on over a comment
                    // after it: the closing quote ends it.
                    let end = match style {
                        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => quoted_end(&file.text, start).min(end),
                        _ => trim_end(&file.text, start, end),
                    };
                    index.record(&mut stack, start..end, Some(value.as_ref()), Shape::Scalar(style));
                }
                Event::Alias(_) => index.record(&mut stack, start..end, None, Shape::Alias),
                Event::MappingStart(..) => {
                    let path = index.child_path(&mut stack);
                    let flow = file.text[start..].starts_with('{');
                    index.shapes.insert(path.clone(), Shape::Mapping { flow });
                    stack.push(Frame::Mapping {
                        path,
                        start,
                        pending_key: None,
                    });
                }
                Event::SequenceStart(..) => {
                    let path = index.child_path(&mut stack);
                    let flow = file.text[start..].starts_with('[');
                    index.shapes.insert(path.clone(), Shape::Sequence { flow });
                    stack.push(Frame::Sequence { path, start, next: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    if let Some(frame) = stack.pop() {
                        let (path, begin) = match frame {
                            Frame::Mapping { path, start, .. } | Frame::Sequence { path, start, .. } => (path, start),
                        };
                        // A flow collection ends after its bracket, a block one
                        // where the next thing starts.
                        let flow_close = file.text[start..].starts_with([']', '}']);
                        let finish = match flow_close {
                            true => end,
                            false => trim_end(&file.text, begin, start.max(begin)),
                        };
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
    /// of a mapping is handled in [`Self::record`] instead.
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

    fn record(&mut self, stack: &mut [Frame], range: Range<usize>, scalar: Option<&str>, shape: Shape) {
        if let Some(Frame::Mapping { path, pending_key, .. }) = stack.last_mut() {
            if pending_key.is_none() {
                let key = scalar.unwrap_or("?").to_string();
                self.keys.insert(path.key(&key), range);
                *pending_key = Some(key);
                return;
            }
        }
        let path = self.child_path(stack);
        self.values.insert(path.clone(), range);
        self.shapes.insert(path, shape);
    }
}

/// Where the quoted scalar starting at `start` (at its quote) ends: just
/// after its closing quote (`''` in single quotes and `\"` in double quotes
/// do not close it).
pub fn quoted_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let Some(&quote) = bytes.get(start) else { return start };
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}

/// Moves `end` back over trailing white space, so a caret underlines the value only.
pub fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let slice = text.get(start..end).unwrap_or("");
    start + slice.trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("x.md".into(), PathBuf::from("x.md"), text.into())
    }

    fn with_front_matter(text: &str) -> SourceFile {
        let mut f = file(text);
        let start = text.find("---\n").map_or(0, |i| i + 4);
        let end = text[start..].find("---\n").map_or(text.len(), |i| start + i);
        f.yaml = start..end;
        f
    }

    #[test]
    fn span_index_finds_nested_values_and_keys() {
        let f = with_front_matter("---\ntitle: Leerlingbespreking\nsteps:\n  - title: Aanmelden\n    actor: ib\n  - title: Bespreken\n    actor: leerkracht\n---\n");
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
