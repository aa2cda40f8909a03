//! Languages and the UI strings of the theme, read from one translations file
//! (`translations.yaml` of the default theme, optionally extended by a
//! project's theme).

use std::collections::BTreeMap;

/// The language of a site: its UI strings, dates, and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nl" | "nl-nl" | "nld" | "dutch" | "nederlands" => Some(Lang::Nl),
            "en" | "en-gb" | "en-us" | "eng" | "english" | "engels" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

/// UI strings of one language, keyed by name (`procedures`, `skip_link`, ...).
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(transparent)]
pub struct Strings(pub BTreeMap<String, String>);

impl Strings {
    /// The string for `key`, or the key itself so a missing translation shows
    /// up in the page instead of failing the build.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }
}

/// Reads the `lang` part of a translations file: `{nl: {key: text}, en: {...}}`.
pub fn strings_from_yaml(text: &str, lang: Lang) -> Result<Strings, serde_yaml::Error> {
    let mut all: BTreeMap<String, BTreeMap<String, String>> = serde_yaml::from_str(text)?;
    Ok(Strings(all.remove(lang.code()).unwrap_or_default()))
}
