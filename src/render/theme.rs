//! Themes: the default theme embedded in the binary, and a project's
//! `themes/<name>/` that overrides single templates, static files or strings.

use std::path::Path;

use include_dir::{include_dir, Dir};
use tera::Tera;

use crate::diag::{Diagnostic, Problem};
use crate::i18n::{strings_from_yaml, Lang, Strings};

static DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Compiled templates, UI strings and static files of the theme in use.
pub struct Theme {
    /// The theme's name and language: a reload may reuse a theme with the same.
    pub name: String,
    pub lang: Lang,
    pub tera: Tera,
    pub strings: Strings,
    /// Files copied into the output as they are: (path under `assets/`, bytes).
    pub statics: Vec<(String, Vec<u8>)>,
}

/// Reads the default theme, then the project's theme `name` over it.
pub fn load(project_root: &Path, name: &str, lang: Lang) -> Result<Theme, Vec<Diagnostic>> {
    let mut templates: Vec<(String, String)> = Vec::new();
    let mut statics: Vec<(String, Vec<u8>)> = Vec::new();
    let mut translations: Vec<String> = Vec::new();
    collect_embedded(&DEFAULT, &mut templates, &mut statics, &mut translations);

    let dir = project_root.join("themes").join(name);
    if dir.is_dir() {
        collect_dir(&dir, &mut templates, &mut statics, &mut translations);
    } else if name != "default" {
        return Err(vec![Diagnostic::error(
            Problem::UnknownTheme { name: name.to_string() },
            None,
        )]);
    }

    let mut strings = Strings::default();
    for text in &translations {
        match strings_from_yaml(text, lang) {
            Ok(s) => strings.0.extend(s.0),
            Err(e) => {
                return Err(vec![Diagnostic::error(
                    Problem::Template {
                        name: "translations.yaml".into(),
                        detail: e.to_string(),
                    },
                    None,
                )])
            }
        }
    }

    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".svg", ".xml"]);
    tera.set_escape_fn(crate::escape::html);
    if let Err(e) = tera.add_raw_templates(templates) {
        let detail = error_chain(&e);
        return Err(vec![Diagnostic::error(
            Problem::Template {
                name: template_name(&e).unwrap_or_default(),
                detail,
            },
            None,
        )]);
    }
    Ok(Theme {
        name: name.to_string(),
        lang,
        tera,
        strings,
        statics,
    })
}

/// Later entries replace earlier ones of the same name.
fn upsert<T>(list: &mut Vec<(String, T)>, name: String, value: T) {
    match list.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => list.push((name, value)),
    }
}

fn collect_embedded(
    dir: &Dir<'_>,
    templates: &mut Vec<(String, String)>,
    statics: &mut Vec<(String, Vec<u8>)>,
    translations: &mut Vec<String>,
) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        add_file(&path, file.contents().to_vec(), templates, statics, translations);
    }
    for sub in dir.dirs() {
        collect_embedded(sub, templates, statics, translations);
    }
}

fn collect_dir(
    root: &Path,
    templates: &mut Vec<(String, String)>,
    statics: &mut Vec<(String, Vec<u8>)>,
    translations: &mut Vec<String>,
) {
    for entry in walkdir::WalkDir::new(root).sort_by_file_name().into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = crate::source::display_name(root, entry.path());
        if let Ok(bytes) = std::fs::read(entry.path()) {
            add_file(&rel, bytes, templates, statics, translations);
        }
    }
}

fn add_file(
    path: &str,
    bytes: Vec<u8>,
    templates: &mut Vec<(String, String)>,
    statics: &mut Vec<(String, Vec<u8>)>,
    translations: &mut Vec<String>,
) {
    if let Some(name) = path.strip_prefix("templates/") {
        upsert(
            templates,
            name.to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        );
    } else if let Some(name) = path.strip_prefix("static/") {
        upsert(statics, name.to_string(), bytes);
    } else if path == "translations.yaml" {
        translations.push(String::from_utf8_lossy(&bytes).into_owned());
    }
}

/// A Tera error with its causes, which hold the useful part (line, column, what).
pub fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

fn template_name(e: &tera::Error) -> Option<String> {
    let text = e.to_string();
    let start = text.find('\'')? + 1;
    let len = text[start..].find('\'')?;
    Some(text[start..start + len].to_string())
}
