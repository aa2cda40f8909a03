//! What the editor's form needs besides the file: the JSON Schema of its
//! kind, the labels and help in the site's language, and the choices for
//! fields that name an entity (from the model of the file's region, or of
//! its standard route with the standard's entities).

use std::sync::OnceLock;

use serde_json::{json, Value};

use crate::i18n::{strings_from_yaml, Lang, Strings};
use crate::kinds::Kind;
use crate::model::{Region, Site};

/// The editor's own words, one block per language, as the theme keeps its
/// own: the editor belongs to the tool, so a project's theme need not
/// translate it.
const STRINGS: &str = include_str!("strings.yaml");

/// The editor's words in `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    static NL: OnceLock<Strings> = OnceLock::new();
    static EN: OnceLock<Strings> = OnceLock::new();
    let cell = match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    // The file is part of the binary; a test reads it in both languages.
    cell.get_or_init(|| strings_from_yaml(STRINGS, lang).unwrap_or_else(|_| Strings(Default::default())))
}

/// The layer (region or standard route) a `content/<layer>/...` file is in.
pub fn layer_of(pad: &str) -> Option<&str> {
    let mut parts = pad.strip_prefix("content/")?.split('/');
    let layer = parts.next()?;
    parts.next().map(|_| layer)
}

/// The form's description for the file `pad` of schema `kind`.
pub fn describe(site: Option<&Site>, pad: &str, kind: &str) -> Value {
    let layer = layer_of(pad);
    let region = site
        .zip(layer)
        .and_then(|(site, layer)| site.regions.iter().chain(&site.standards).find(|r| r.slug == layer));
    let mut choices = serde_json::Map::new();
    if let Some(region) = region {
        for kind in Kind::ALL {
            choices.insert(kind.word().to_string(), entities(region, kind));
        }
    }
    if let Some(site) = site {
        let levels = site.levels.iter().map(|l| json!({"id": l.id, "titel": l.name}));
        choices.insert("level".into(), levels.collect());
    }
    json!({
        "soort": kind,
        "schema": crate::raw::schema::for_kind(kind),
        "keuzes": choices,
        "laag": layer,
        "standaard": layer.is_some_and(|l| l.starts_with('_')),
    })
}

fn entities(region: &Region, kind: Kind) -> Value {
    region
        .of_kind(kind)
        .map(|e| json!({"id": e.meta.id, "titel": e.title}))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_word() {
        let nl = strings(Lang::Nl);
        let en = strings(Lang::En);
        assert!(nl.0.len() > 20);
        let missing: Vec<_> = nl.0.keys().filter(|k| !en.0.contains_key(*k)).collect();
        assert!(missing.is_empty(), "missing in English: {missing:?}");
        let missing: Vec<_> = en.0.keys().filter(|k| !nl.0.contains_key(*k)).collect();
        assert!(missing.is_empty(), "missing in Dutch: {missing:?}");
    }

    #[test]
    fn layers_come_from_the_path() {
        assert_eq!(layer_of("content/waterland/actors/zat.md"), Some("waterland"));
        assert_eq!(layer_of("content/waterland/region.yaml"), Some("waterland"));
        assert_eq!(layer_of("content/site.yaml"), None);
    }
}
