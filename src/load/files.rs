//! A project's files as data: paths under the project root with their bytes,
//! whatever they were read from (the disk in `read.rs`, a fixture string, a
//! git tree). Parsing takes this list, never the disk.

use std::cmp::Ordering;
use std::path::PathBuf;
use std::time::SystemTime;

/// What a file on disk was when it was read: modification time and length.
/// The load cache compares stamps to tell whether a file changed.
pub type Stamp = (Option<SystemTime>, u64);

/// One file of a project.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    /// Relative to the project root, with `/` separators
    /// (`content/waterland/procedures/x.md`): what messages show.
    pub path: String,
    pub content: Content,
    /// The stamp on disk; `None` for files that do not come from the disk,
    /// which the load cache then never takes as unchanged.
    pub stamp: Option<Stamp>,
}

/// What is known of a file's bytes.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Content {
    Bytes(Vec<u8>),
    /// Not read: a file that is not content (assets are copied by path), or
    /// one the load cache holds at this very stamp.
    #[default]
    NotRead,
    /// Reading failed, for this reason.
    Failed(String),
}

/// Why a file's bytes are not text.
#[derive(Debug, Clone, PartialEq)]
pub enum NotText {
    /// The file could not be read (or was not): the reason.
    Unreadable(String),
    /// The bytes are not UTF-8: the text up to the first invalid byte is
    /// kept as it is (the rest lossily), so messages can show that line.
    NotUtf8 { lossy: String, at: usize },
}

impl NotText {
    /// What of the file can be shown (nothing when it did not read), and
    /// where in that the problem is.
    pub fn shown(self) -> (String, usize) {
        match self {
            NotText::Unreadable(_) => (String::new(), 0),
            NotText::NotUtf8 { lossy, at } => (lossy, at),
        }
    }
}

impl Content {
    /// The bytes as text (without copying them).
    pub fn into_text(self) -> Result<String, NotText> {
        match self {
            Content::Bytes(bytes) => String::from_utf8(bytes).map_err(|e| NotText::NotUtf8 {
                at: e.utf8_error().valid_up_to(),
                lossy: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            }),
            Content::NotRead => Err(NotText::Unreadable("not read".into())),
            Content::Failed(reason) => Err(NotText::Unreadable(reason)),
        }
    }
}

/// The files of a project, in the order a sorted walk of its folders meets
/// them, so that file ids (positions) and everything listed in file order do
/// not depend on where the files came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Files {
    /// The project root on disk: source paths and the assets to copy are
    /// joined to it. Empty for a project that lives only in memory.
    pub root: PathBuf,
    files: Vec<File>,
    /// Folders that exist, with `/` separators; those holding files exist
    /// anyway, so this matters for empty ones (an empty region is a mistake).
    folders: Vec<String>,
}

/// Whether `path` is `dir` or lies below it.
fn within(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Walk order: path components compared one by one (`a/b/c` before `a/b.md`,
/// as a walk enters folder `b` before it meets file `b.md`).
fn walk_order(a: &str, b: &str) -> Ordering {
    a.split('/').cmp(b.split('/'))
}

impl Files {
    /// No files yet, under `root` (empty for a project only in memory).
    pub fn new(root: PathBuf) -> Files {
        Files {
            root,
            ..Files::default()
        }
    }

    /// Adds a file, or replaces the one at the same path.
    pub fn insert(&mut self, file: File) {
        match self.files.binary_search_by(|f| walk_order(&f.path, &file.path)) {
            Ok(i) => self.files[i] = file,
            Err(i) => self.files.insert(i, file),
        }
    }

    /// Adds a file with the given bytes (not from disk: no stamp).
    pub fn insert_bytes(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.insert(File {
            path: path.into(),
            content: Content::Bytes(bytes.into()),
            stamp: None,
        });
    }

    /// The same list without the files' bytes: what a later load starts from
    /// when it is told which files changed ([`crate::load::read::refresh`]).
    pub fn listing(&self) -> Files {
        Files {
            root: self.root.clone(),
            files: (self.files.iter())
                .map(|f| File {
                    path: f.path.clone(),
                    content: Content::NotRead,
                    stamp: f.stamp,
                })
                .collect(),
            folders: self.folders.clone(),
        }
    }

    /// Each file, to read or mark as not read.
    pub fn files_mut(&mut self) -> impl Iterator<Item = &mut File> {
        self.files.iter_mut()
    }

    /// Records that a folder exists, also when nothing is in it.
    pub fn insert_folder(&mut self, path: impl Into<String>) {
        let path = path.into();
        if let Err(i) = self.folders.binary_search_by(|f| walk_order(f, &path)) {
            self.folders.insert(i, path);
        }
    }

    /// Removes the file at `path`, or every file and folder under it.
    pub fn remove(&mut self, path: &str) {
        self.split_off(path);
    }

    /// Takes out the file at `path`, or every file and folder under it, as
    /// files of their own (under the same root).
    pub fn split_off(&mut self, path: &str) -> Files {
        let gone = |p: &str| within(p, path);
        let (files, kept) = std::mem::take(&mut self.files).into_iter().partition(|f| gone(&f.path));
        let (folders, kept_folders) = std::mem::take(&mut self.folders).into_iter().partition(|f| gone(f));
        self.files = kept;
        self.folders = kept_folders;
        Files {
            root: self.root.clone(),
            files,
            folders,
        }
    }

    pub fn get(&self, path: &str) -> Option<&File> {
        let i = self.files.binary_search_by(|f| walk_order(&f.path, path)).ok()?;
        Some(&self.files[i])
    }

    /// Every file, in walk order.
    pub fn iter(&self) -> impl Iterator<Item = &File> {
        self.files.iter()
    }

    /// Every file, in walk order, to own.
    pub fn into_files(self) -> Vec<File> {
        self.files
    }

    /// Every file under the folder `dir`, with its path inside that folder.
    pub fn under<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a str, &'a File)> + 'a {
        self.files.iter().filter_map(move |f| {
            let rest = f.path.strip_prefix(dir)?.strip_prefix('/')?;
            Some((rest, f))
        })
    }

    /// Whether the folder `dir` exists: recorded, or holding a file.
    pub fn has_folder(&self, dir: &str) -> bool {
        self.folders.iter().any(|f| within(f, dir)) || self.under(dir).next().is_some()
    }

    /// Every folder that exists, recorded or implied by a file, in walk order.
    pub fn folders(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self.folders.iter().map(String::as_str).collect();
        for f in &self.files {
            let mut end = 0;
            while let Some(i) = f.path[end..].find('/') {
                end += i;
                all.push(&f.path[..end]);
                end += 1;
            }
        }
        all.sort_by(|a, b| walk_order(a, b));
        all.dedup();
        all
    }

    /// Files written as one text, in the style of rust-analyzer's fixtures:
    /// each file starts with a line `//- <path>` (relative to the project
    /// root) and runs to the next such line; a path ending in `/` is a folder.
    /// The text is first unindented by its common indentation, so a fixture
    /// can sit indented in a test; text before the first `//-` is a comment.
    pub fn from_fixture(fixture: &str) -> Files {
        let mut files = Files::default();
        let mut current: Option<(String, String)> = None;
        let finish = |files: &mut Files, current: Option<(String, String)>| {
            if let Some((path, text)) = current {
                files.insert_bytes(path, text);
            }
        };
        for line in unindent(fixture).lines() {
            if let Some(path) = line.strip_prefix("//-") {
                finish(&mut files, current.take());
                let path = path.trim();
                match path.strip_suffix('/') {
                    Some(folder) => files.insert_folder(folder),
                    None => current = Some((path.to_string(), String::new())),
                }
            } else if let Some((_, text)) = &mut current {
                text.push_str(line);
                text.push('\n');
            }
        }
        finish(&mut files, current);
        files
    }
}

/// `text` without its first line when that is empty, and without the
/// indentation all its non-blank lines share.
fn unindent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures_split_into_files_and_folders() {
        let files = Files::from_fixture(
            r#"
            A project of two files.
            //- content/site.yaml
            title: T
            //- content/leeg/
            //- content/r/procedures/x.md
            ---
            title: X
              nested: kept
            ---
            "#,
        );
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["content/r/procedures/x.md", "content/site.yaml"]);
        assert_eq!(
            files.get("content/r/procedures/x.md").unwrap().content,
            Content::Bytes(b"---\ntitle: X\n  nested: kept\n---\n".to_vec())
        );
        assert_eq!(
            files.folders(),
            ["content", "content/leeg", "content/r", "content/r/procedures"]
        );
        assert!(files.has_folder("content/leeg") && !files.has_folder("content/lee"));
    }

    #[test]
    fn files_keep_walk_order() {
        let mut files = Files::default();
        for path in ["a/b.md", "a/b/c.md", "a/a.md", "a/b/c.md"] {
            files.insert_bytes(path, "");
        }
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["a/a.md", "a/b/c.md", "a/b.md"]);
        files.remove("a/b");
        assert_eq!(files.iter().count(), 2);
    }

    #[test]
    fn bytes_that_are_not_utf8_keep_their_valid_start() {
        let content = Content::Bytes(b"ok\n\xff".to_vec());
        assert_eq!(
            content.into_text(),
            Err(NotText::NotUtf8 {
                lossy: "ok\n\u{fffd}".into(),
                at: 3
            })
        );
    }
}
