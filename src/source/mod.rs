//! Source files of a project and byte spans inside them, with line/column lookup.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub mod spans;

pub use spans::{Seg, SpanIndex, YamlPath};

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span {
            file,
            start: range.start,
            end: range.end,
        }
    }

    /// An empty span at the start of a file, for problems about the file as a whole.
    pub fn file_start(file: FileId) -> Span {
        Span::new(file, 0..0)
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One file read from disk. The text is kept so that diagnostics can show the
/// offending line and so that value positions can be computed on demand.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the project root, with `/` separators: what messages show.
    pub name: String,
    /// Absolute (or root-joined) path on disk.
    pub path: PathBuf,
    pub text: String,
    /// Byte range of the YAML part: the whole file for `.yaml`, the front matter for `.md`.
    pub yaml: Range<usize>,
    line_starts: Vec<usize>,
    /// Built lazily: only a file that a diagnostic points into pays for it.
    spans: OnceLock<SpanIndex>,
}

impl SourceFile {
    pub fn new(name: String, path: PathBuf, text: String) -> SourceFile {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let yaml = 0..text.len();
        SourceFile {
            name,
            path,
            text,
            yaml,
            line_starts,
            spans: OnceLock::new(),
        }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        let line = match self.line_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let col = self.text.get(start..byte).map_or(0, |prefix| prefix.chars().count());
        (line + 1, col + 1)
    }

    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// Byte offset of a 1-based line and 0-based character column.
    pub fn offset_of(&self, line: usize, col_chars: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        rest.char_indices()
            .nth(col_chars)
            .map_or(self.text.len(), |(i, _)| start + i)
    }

    /// The span index of the YAML part, built on first use.
    pub fn span_index(&self) -> &SpanIndex {
        self.spans.get_or_init(|| SpanIndex::build(self))
    }
}

/// All files of one build, addressed by [`FileId`].
#[derive(Debug, Default)]
pub struct Sources {
    /// Shared with the load cache, so a rebuild does not copy unchanged files.
    files: Vec<std::sync::Arc<SourceFile>>,
}

impl Sources {
    pub fn add(&mut self, file: std::sync::Arc<SourceFile>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(file);
        id
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f.as_ref()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The span of the value at `path` in a file's YAML (falling back to the
    /// nearest enclosing value that exists, then to the start of the YAML).
    pub fn value_span(&self, file: FileId, path: &YamlPath) -> Span {
        let f = self.get(file);
        let range = f.span_index().value(path).unwrap_or(f.yaml.start..f.yaml.start);
        Span::new(file, range)
    }

    /// The span of the key of the entry at `path` (for unknown fields).
    pub fn key_span(&self, file: FileId, path: &YamlPath) -> Span {
        let f = self.get(file);
        match f.span_index().key(path) {
            Some(range) => Span::new(file, range),
            None => self.value_span(file, path),
        }
    }
}

/// The name a message shows for a path, relative to `root`, with `/` separators.
pub fn display_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
