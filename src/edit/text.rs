//! One change to a YAML value, made in the file's text at the value's span:
//! every byte outside the value (comments, key order, quoting elsewhere,
//! the Markdown body) stays as it was. Adding writes only the new lines,
//! removing takes out only the lines of the removed entry or item.

use std::ops::Range;

use serde_yaml::Value;

use super::render::{self, Context};
use super::EditError;
use crate::source::spans::{ScalarStyle, Shape};
use crate::source::{Seg, SourceFile, SpanIndex, YamlPath};

/// Text to put in place of a range of the file.
#[derive(Debug)]
pub struct Splice {
    pub range: Range<usize>,
    pub text: String,
}

/// The file with its index, as one change sees it.
pub struct View<'a> {
    pub file: &'a SourceFile,
    pub index: &'a SpanIndex,
}

impl View<'_> {
    fn text(&self) -> &str {
        &self.file.text
    }

    /// `path` with each number that stands for a mapping's key (a year in
    /// region.yaml) turned into that key.
    pub fn normalise(&self, path: &YamlPath) -> YamlPath {
        let mut out = YamlPath::root();
        for seg in &path.0 {
            out = match (seg, self.index.node(&out)) {
                (Seg::Index(n), Some((_, Shape::Mapping { .. }))) => out.key(&n.to_string()),
                (Seg::Key(k), _) => out.key(k),
                (Seg::Index(n), _) => out.index(*n),
            };
        }
        out
    }

    /// The splice that sets the value at `path` to `value` (`None`: removes it).
    /// `Ok(None)` when nothing is to be done; `Err` with a value to set on
    /// the parent first when the parent must change shape (see [`Step`]).
    pub fn change(&self, path: &YamlPath, value: Option<&Value>) -> Result<Step, EditError> {
        let Some(last) = path.0.last() else {
            return Err(EditError::Unsupported { path: path.to_string() });
        };
        let parent = path.parent().unwrap_or_default();
        match (self.index.node(path), value) {
            (None, None) => Ok(Step::Nothing),
            (Some(_), None) => self.remove(path, &parent),
            (Some((range, shape)), Some(new)) => self.replace(path, &parent, range, shape, new),
            (None, Some(new)) => self.insert(&parent, last, new),
        }
    }

    fn parent_shape(&self, parent: &YamlPath) -> Option<Shape> {
        self.index.node(parent).map(|(_, shape)| shape)
    }

    /// Where the value at `path` ends: the end of the last thing written in
    /// it (a block collection's own range runs on over comments after it).
    fn content_end(&self, path: &YamlPath) -> usize {
        let block = |p: &YamlPath| {
            matches!(
                self.index.node(p),
                Some((_, Shape::Mapping { flow: false } | Shape::Sequence { flow: false }))
            )
        };
        let keys = self
            .index
            .within(path)
            .filter_map(|(p, _)| self.index.key(p))
            .map(|r| r.end);
        let values = self
            .index
            .within(path)
            .filter(|(p, _)| !block(p))
            .filter_map(|(p, _)| self.index.node(p));
        keys.chain(values.map(|(r, _)| r.end)).max().unwrap_or(0)
    }

    /// How many items the sequence at `path` has.
    fn len(&self, path: &YamlPath) -> usize {
        (0..).take_while(|&i| self.index.node(&path.index(i)).is_some()).count()
    }

    /// Whether index `i` appends to the sequence at `path`: the one place
    /// past its end that a new item may take.
    fn appends(&self, path: &YamlPath, i: usize) -> Result<(), EditError> {
        let len = self.len(path);
        match i == len {
            true => Ok(()),
            false => Err(EditError::PastTheEnd {
                path: path.to_string(),
                len,
            }),
        }
    }

    /// The keys of the mapping at `path`, in the order they are written.
    fn child_keys(&self, path: &YamlPath) -> Vec<(YamlPath, Range<usize>)> {
        let mut keys: Vec<(YamlPath, Range<usize>)> = self
            .index
            .within(path)
            .filter(|(p, _)| p.0.len() == path.0.len() + 1 && matches!(p.0.last(), Some(Seg::Key(_))))
            .filter_map(|(p, _)| Some((p.clone(), self.index.key(p)?)))
            .collect();
        keys.sort_by_key(|(_, r)| r.start);
        keys.dedup_by_key(|(_, r)| r.start);
        keys
    }

    /// The `-` of the sequence item that starts at `start`.
    fn dash_of(&self, start: usize) -> Option<usize> {
        let before = self.text().get(..start)?;
        let at = before.trim_end().len().checked_sub(1)?;
        (before.as_bytes().get(at) == Some(&b'-')).then_some(at)
    }

    fn remove(&self, path: &YamlPath, parent: &YamlPath) -> Result<Step, EditError> {
        let unsupported = || EditError::Unsupported { path: path.to_string() };
        let text = self.text();
        let end = self.content_end(path);
        match self.parent_shape(parent) {
            Some(Shape::Mapping { flow: false }) => {
                let keys = self.child_keys(parent);
                let key = self.index.key(path).ok_or_else(unsupported)?;
                if keys.len() == 1 && !parent.0.is_empty() {
                    return Ok(Step::Parent(Value::Mapping(Default::default())));
                }
                if only_space_before(text, key.start) {
                    return Ok(Step::Splice(Splice {
                        range: line_start(text, key.start)..next_line(text, end),
                        text: String::new(),
                    }));
                }
                // The first key of a sequence item, on the `-` line: the next
                // key moves up to take its place.
                let next = keys.iter().map(|(_, r)| r.start).find(|&s| s > key.start);
                let next = next.ok_or_else(unsupported)?;
                Ok(Step::Splice(Splice {
                    range: key.start..next,
                    text: String::new(),
                }))
            }
            Some(Shape::Sequence { flow: false }) => {
                if self.len(parent) == 1 {
                    return Ok(Step::Parent(Value::Sequence(Vec::new())));
                }
                let (range, _) = self.index.node(path).ok_or_else(unsupported)?;
                let dash = self.dash_of(range.start).ok_or_else(unsupported)?;
                if !only_space_before(text, dash) {
                    return Err(unsupported());
                }
                Ok(Step::Splice(Splice {
                    range: line_start(text, dash)..next_line(text, end),
                    text: String::new(),
                }))
            }
            Some(Shape::Mapping { flow: true } | Shape::Sequence { flow: true }) => {
                let start = self
                    .index
                    .key(path)
                    .unwrap_or_else(|| self.index.node(path).map_or(0..0, |n| n.0))
                    .start;
                Ok(Step::Splice(flow_removal(text, start, end)))
            }
            _ => Err(unsupported()),
        }
    }

    fn replace(
        &self,
        path: &YamlPath,
        parent: &YamlPath,
        range: Range<usize>,
        shape: Shape,
        new: &Value,
    ) -> Result<Step, EditError> {
        let unsupported = || EditError::Unsupported { path: path.to_string() };
        let text = self.text();
        let parent_shape = self.parent_shape(parent);
        let flow = matches!(
            parent_shape,
            Some(Shape::Mapping { flow: true } | Shape::Sequence { flow: true })
        );
        if flow {
            let written = match render::is_inline(new) {
                true => render::inline(new, scalar_style(shape), 0, Context::Flow),
                false => render::flow(new),
            };
            return Ok(Step::Splice(Splice { range, text: written }));
        }
        // The column the value's own lines are indented from, and where the
        // value starts: after its key's colon or its item's dash.
        let (column, after) = match parent_shape {
            Some(Shape::Mapping { .. }) => {
                let key = self.index.key(path).ok_or_else(unsupported)?;
                (column_of(text, key.start), key.end)
            }
            Some(Shape::Sequence { .. }) => {
                let dash = self.dash_of(range.start).ok_or_else(unsupported)?;
                (column_of(text, dash), dash + 1)
            }
            _ => return Err(unsupported()),
        };
        if let (Shape::Scalar(style), true) = (shape, render::is_inline(new)) {
            let written = render::inline(new, Some(style), column, Context::Block);
            let range = match style {
                // The `|` or `>` line is part of what is replaced.
                ScalarStyle::Block => {
                    let header = text[after..range.start].find(['|', '>']).map(|i| after + i);
                    header.ok_or_else(unsupported)?..range.end
                }
                _ => range,
            };
            if range.is_empty() {
                // An empty value (`key:`): the new one goes after the colon.
                let colon = text[after..].find(':').map_or(after, |i| after + i + 1);
                let at = if matches!(parent_shape, Some(Shape::Mapping { .. })) {
                    colon
                } else {
                    after
                };
                return Ok(Step::Splice(Splice {
                    range: at..at,
                    text: format!(" {written}"),
                }));
            }
            return Ok(Step::Splice(Splice { range, text: written }));
        }
        // A mapping or sequence, new or replaced: its entry is written anew.
        let end = next_line(text, self.content_end(path));
        let mut written = String::new();
        match parent_shape {
            Some(Shape::Mapping { .. }) => {
                let key = self.index.key(path).ok_or_else(unsupported)?;
                let name = text[key.clone()].to_string();
                render::entry(&mut written, &name, new, column);
                Ok(Step::Splice(Splice {
                    range: key.start..end,
                    text: written,
                }))
            }
            _ => {
                render::sequence_item(&mut written, new, column + 2);
                Ok(Step::Splice(Splice {
                    range: range.start..end,
                    text: written,
                }))
            }
        }
    }

    fn insert(&self, parent: &YamlPath, last: &Seg, new: &Value) -> Result<Step, EditError> {
        let text = self.text();
        let wrapped = || match last {
            Seg::Key(k) => {
                let mut map = serde_yaml::Mapping::new();
                map.insert(Value::String(k.clone()), new.clone());
                Ok(Value::Mapping(map))
            }
            Seg::Index(0) => Ok(Value::Sequence(vec![new.clone()])),
            Seg::Index(_) => Err(EditError::PastTheEnd {
                path: parent.to_string(),
                len: 0,
            }),
        };
        let Some((range, shape)) = self.index.node(parent) else {
            if parent.0.is_empty() {
                return Ok(Step::NewDocument(wrapped()?));
            }
            return Ok(Step::Parent(wrapped()?));
        };
        let key_text = |k: &str| render::key_text(&Value::String(k.to_string()));
        match (shape, last) {
            (Shape::Mapping { flow: false }, Seg::Key(k)) => {
                let keys = self.child_keys(parent);
                let column = keys.first().map_or(0, |(_, r)| column_of(text, r.start));
                let at = next_line(text, self.content_end(parent));
                let mut written = if text[..at].ends_with('\n') || at == 0 {
                    String::new()
                } else {
                    "\n".to_string()
                };
                written.push_str(&" ".repeat(column));
                render::entry(&mut written, &key_text(k), new, column);
                Ok(Step::Splice(Splice {
                    range: at..at,
                    text: written,
                }))
            }
            (Shape::Sequence { flow: false }, Seg::Index(i)) => {
                self.appends(parent, *i)?;
                let first = self.index.node(&parent.index(0)).map_or(range.start, |n| n.0.start);
                let dash = self.dash_of(first).unwrap_or(first);
                let column = column_of(text, dash);
                let at = next_line(text, self.content_end(parent));
                let mut written = " ".repeat(column);
                written.push_str("- ");
                render::sequence_item(&mut written, new, column + 2);
                Ok(Step::Splice(Splice {
                    range: at..at,
                    text: written,
                }))
            }
            (Shape::Mapping { flow: true }, Seg::Key(k)) => {
                let item = format!("{}: {}", key_text(k), flow_value(new));
                Ok(Step::Splice(flow_append(text, &range, item)))
            }
            (Shape::Sequence { flow: true }, Seg::Index(i)) => {
                self.appends(parent, *i)?;
                Ok(Step::Splice(flow_append(text, &range, flow_value(new))))
            }
            (Shape::Scalar(_), _) if is_null_scalar(&text[range]) => Ok(Step::Parent(wrapped()?)),
            _ => Err(EditError::NotAContainer {
                path: parent.to_string(),
            }),
        }
    }
}

/// What one change comes to.
#[derive(Debug)]
pub enum Step {
    /// Nothing to do: the value is absent already.
    Nothing,
    Splice(Splice),
    /// Set the parent to this value instead (a first key under a value that
    /// is empty, the last item of a list removed: `[]`).
    Parent(Value),
    /// The file has no YAML yet: it becomes this mapping.
    NewDocument(Value),
}

fn scalar_style(shape: Shape) -> Option<ScalarStyle> {
    match shape {
        Shape::Scalar(style) => Some(style),
        _ => None,
    }
}

fn flow_value(value: &Value) -> String {
    match render::is_inline(value) {
        true => render::inline(value, None, 0, Context::Flow),
        false => render::flow(value),
    }
}

fn is_null_scalar(written: &str) -> bool {
    matches!(written.trim(), "" | "~" | "null" | "Null" | "NULL")
}

/// An item added before the closing bracket of the flow collection at `range`.
fn flow_append(text: &str, range: &Range<usize>, item: String) -> Splice {
    let close = range.end.saturating_sub(1);
    let inside = text[range.start + 1..close].trim();
    let at = range.start + 1 + text[range.start + 1..close].trim_end().len();
    Splice {
        range: at..at,
        text: if inside.is_empty() { item } else { format!(", {item}") },
    }
}

/// An item of a flow collection taken out with the comma that joins it to a
/// neighbour.
fn flow_removal(text: &str, start: usize, end: usize) -> Splice {
    let after = &text[end..];
    let trimmed = after.trim_start();
    if let Some(rest) = trimmed.strip_prefix(',') {
        let gap = rest.len() - rest.trim_start().len();
        let stop = end + (after.len() - trimmed.len()) + 1 + gap;
        return Splice {
            range: start..stop,
            text: String::new(),
        };
    }
    let before = text[..start].trim_end();
    let range = match before.strip_suffix(',') {
        Some(kept) => kept.len()..end,
        None => start..end,
    };
    Splice {
        range,
        text: String::new(),
    }
}

fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// The start of the line after the one `pos` is on (the end of the text on the last line).
fn next_line(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1)
}

fn only_space_before(text: &str, pos: usize) -> bool {
    text[line_start(text, pos)..pos].trim().is_empty()
}

fn column_of(text: &str, pos: usize) -> usize {
    pos - line_start(text, pos)
}
