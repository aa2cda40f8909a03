//! The theme's files: the default theme embedded in the binary, with a
//! project's `themes/<name>/` laid over it (single templates, static files or
//! strings), as texts and bytes in memory. Compiling them is render's
//! (`render/theme.rs`).

use std::path::Path;
use std::sync::Arc;

use include_dir::{include_dir, Dir};

use super::files::{Content, Files, NotText};
use crate::diag::{Diagnostic, Problem};
use crate::source::{FileId, SourceFile, Sources, Span};

static DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme's files, read: later files of the same name replace earlier ones.
#[derive(Debug, Clone, Default)]
pub struct ThemeFiles {
    pub name: String,
    /// Tera templates: (name under `templates/`, text).
    pub templates: Vec<(String, String)>,
    /// Files copied into the output as they are: (path under `static/`, bytes).
    pub statics: Vec<(String, Vec<u8>)>,
    /// The texts of `translations.yaml`, the default theme's first.
    pub translations: Vec<String>,
    /// The Typst files the PDF is typeset with: (name under `pdf/`, text).
    pub pdf: Vec<(String, String)>,
    /// Files of the project's theme that did not read; the default theme's
    /// file of the same name, if any, stands in.
    pub unreadable: Vec<Unreadable>,
}

/// A theme file that could not be read, as a problem located in it.
#[derive(Debug, Clone)]
pub struct Unreadable {
    /// The file, with as much of its text as reads (messages show its line).
    pub file: Arc<SourceFile>,
    /// The problem, its span in `file` (under a placeholder file id).
    pub diagnostic: Diagnostic,
}

impl Unreadable {
    /// The problem, its file added to `sources`.
    pub fn report(&self, sources: &mut Sources) -> Diagnostic {
        let id = sources.add(Arc::clone(&self.file));
        self.diagnostic.clone().in_file(id)
    }
}

/// Reads the theme `name` of the project at `root` from `themes/<name>/`.
pub fn read(root: &Path, name: &str) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let dir = theme_dir(name);
    // Every file of a theme is its own, hidden ones too.
    let files = super::read::folder(root, &dir, |_| false, |_, _| true).unwrap_or_else(|| Files::new(root.into()));
    collect(&files, name)
}

/// The theme `name` from a project's files (those under `themes/<name>/`):
/// the default theme with the project's files over it. An error when the
/// project has no such theme (only `default` needs no folder).
pub fn collect(files: &Files, name: &str) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let mut theme = ThemeFiles {
        name: name.to_string(),
        ..ThemeFiles::default()
    };
    add_embedded(&DEFAULT, &mut theme);
    let dir = theme_dir(name);
    if !files.has_folder(&dir) {
        if name == "default" {
            return Ok(theme);
        }
        let unknown = Problem::UnknownTheme { name: name.to_string() };
        return Err(vec![Diagnostic::error(unknown, None)]);
    }
    for (rel, file) in files.under(&dir) {
        let source = || (file.path.clone(), files.root.join(&file.path));
        theme.add(rel, &file.content, source);
    }
    Ok(theme)
}

fn theme_dir(name: &str) -> String {
    format!("themes/{name}")
}

fn add_embedded(dir: &Dir<'_>, theme: &mut ThemeFiles) {
    for file in dir.files() {
        let rel = file.path().to_string_lossy().replace('\\', "/");
        let content = Content::Bytes(file.contents().to_vec());
        theme.add(&rel, &content, || (format!("themes/default/{rel}"), file.path().into()));
    }
    for sub in dir.dirs() {
        add_embedded(sub, theme);
    }
}

impl ThemeFiles {
    /// Adds the file at `rel` inside the theme folder; `source` names it
    /// (path under the project root, path on disk) should it not read.
    fn add(&mut self, rel: &str, content: &Content, source: impl FnOnce() -> (String, std::path::PathBuf)) {
        let text = || {
            content.clone().into_text().map_err(|why| {
                let error = match &why {
                    NotText::Unreadable(error) => Some(error.clone()),
                    NotText::NotUtf8 { .. } => None,
                };
                let (name, path) = source();
                let (text, at) = why.shown();
                Box::new(Unreadable {
                    file: Arc::new(SourceFile::new(name, path, text)),
                    diagnostic: Diagnostic::error(
                        Problem::ThemeFileUnreadable { error },
                        Some(Span::new(FileId(0), at..at)),
                    ),
                })
            })
        };
        let added = if let Some(name) = rel.strip_prefix("templates/") {
            text().map(|t| upsert(&mut self.templates, name.to_string(), t))
        } else if let Some(name) = rel.strip_prefix("static/") {
            // Static files need not be text, only to have been read.
            match content {
                Content::Bytes(bytes) => {
                    upsert(&mut self.statics, name.to_string(), bytes.clone());
                    Ok(())
                }
                Content::NotRead | Content::Failed(_) => text().map(|_| ()),
            }
        } else if let Some(name) = rel.strip_prefix("pdf/") {
            text().map(|t| upsert(&mut self.pdf, name.to_string(), t))
        } else if rel == "translations.yaml" {
            text().map(|t| self.translations.push(t))
        } else {
            Ok(())
        };
        if let Err(unreadable) = added {
            self.unreadable.push(*unreadable);
        }
    }
}

/// Later entries replace earlier ones of the same name.
fn upsert<T>(list: &mut Vec<(String, T)>, name: String, value: T) {
    match list.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => list.push((name, value)),
    }
}
