//! The forms page (`formulieren/`): every form of a region with its kind of
//! file, its size and the procedures that use it, in two groups: files in
//! the handbook and forms on other websites. The print view shows the same.

use serde::Serialize;

use super::views::{DocumentView, Link, Views};
use crate::i18n::Strings;
use crate::model::*;
use crate::values::display_size;

/// One form on the forms page.
#[derive(Serialize)]
pub struct FormRow {
    /// Its anchor on the forms page (search results lead there).
    pub anchor: String,
    pub document: DocumentView,
    /// The file's size in words, when known.
    pub size: Option<String>,
    pub procedures: Vec<FormUse>,
}

/// A procedure that uses a form.
#[derive(Serialize)]
pub struct FormUse {
    pub link: Link,
    /// The procedure's entry on the page, where the page holds it (the print view).
    pub anchor: Option<String>,
    #[serde(skip)]
    pub procedure: ProcIx,
}

/// Forms under one heading.
#[derive(Serialize)]
pub struct FormGroup {
    pub id: String,
    pub title: String,
    pub items: Vec<FormRow>,
}

/// The region's forms, files first, then those on other websites; a group
/// without forms is left out.
pub fn view(v: &Views<'_>, t: &Strings) -> Vec<FormGroup> {
    let region = v.region;
    let rows = |files: bool| -> Vec<FormRow> {
        (region.forms.iter().enumerate())
            .filter(|(_, f)| matches!(f.source, FormSource::File { .. }) == files)
            .map(|(i, f)| FormRow {
                anchor: f.anchor.clone(),
                document: v.form(FormIx::new(i)),
                size: match f.source {
                    FormSource::File { bytes: Some(n), .. } => Some(display_size(n, v.site.lang)),
                    _ => None,
                },
                procedures: (f.procedures.iter())
                    .map(|&p| FormUse {
                        link: v.link_to(p),
                        anchor: None,
                        procedure: p,
                    })
                    .collect(),
            })
            .collect()
    };
    [
        ("formulieren-bestanden", "forms_files", true),
        ("formulieren-websites", "forms_links", false),
    ]
    .into_iter()
    .map(|(id, key, files)| FormGroup {
        id: id.to_string(),
        title: t.get(key).to_string(),
        items: rows(files),
    })
    .filter(|g| !g.items.is_empty())
    .collect()
}
