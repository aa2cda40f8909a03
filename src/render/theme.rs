//! Themes: the theme's files (read by `load::theme`: the embedded default
//! with a project's overrides) compiled into Tera templates and UI strings.

use tera::Tera;

use crate::diag::{Diagnostic, Problem};
use crate::fingerprint::Fingerprint;
use crate::i18n::{strings_from_yaml, Lang, Strings};
use crate::load::theme::{ThemeFiles, Unreadable};

/// Compiled templates, UI strings and static files of the theme in use.
pub struct Theme {
    /// The theme's name and language: a reload may reuse a theme with the same.
    pub name: String,
    pub lang: Lang,
    pub tera: Tera,
    pub strings: Strings,
    /// Files copied into the output as they are: (path under `assets/`, bytes).
    pub statics: Vec<(String, Vec<u8>)>,
    /// The Typst files of the PDF: (name under `pdf/`, text).
    pub pdf: Vec<(String, String)>,
    /// The theme's files that did not read: every check that uses the theme
    /// reports them.
    pub unreadable: Vec<Unreadable>,
    /// A key of everything the theme is made of, and its language: the
    /// editions cache renders an edition again when it changes.
    pub fingerprint: u128,
}

/// Compiles a theme's files for a site in `lang`.
pub fn compile(files: ThemeFiles, lang: Lang) -> Result<Theme, Vec<Diagnostic>> {
    let ThemeFiles {
        name,
        templates,
        statics,
        translations,
        pdf,
        unreadable,
    } = files;
    let fingerprint = fingerprint(&name, lang, &templates, &statics, &translations, &pdf);
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
        name,
        lang,
        tera,
        strings,
        statics,
        pdf,
        unreadable,
        fingerprint,
    })
}

fn fingerprint(
    name: &str,
    lang: Lang,
    templates: &[(String, String)],
    statics: &[(String, Vec<u8>)],
    translations: &[String],
    pdf: &[(String, String)],
) -> u128 {
    let mut key = Fingerprint::new();
    key.part(name).part(lang.code());
    for (file, text) in templates {
        key.part(file).part(text);
    }
    for (file, bytes) in statics {
        key.part(file).part(bytes);
    }
    for text in translations {
        key.part(text);
    }
    for (file, text) in pdf {
        key.part(file).part(text);
    }
    key.finish()
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
