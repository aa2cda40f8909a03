//! Raw types: what the files say, as written, before any id is checked or
//! anything is inherited. Positions of values come from the file's
//! [`crate::source::SpanIndex`] by path, so these types stay plain data.
//! The file types are here; the project they make up is in [`project`], and
//! compiled Markdown bodies in [`markdown`].

pub mod markdown;
pub mod project;
pub mod schema;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

/// `site.yaml`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawSite {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub title: Option<String>,
    pub base_url: Option<String>,
    pub language: Option<String>,
    pub theme: Option<String>,
    pub levels: Option<Vec<RawLevel>>,
    pub footer: Option<String>,
    pub contact: Option<RawContact>,
    /// The handbook's version as readers should quote it (e.g. `2026-2027 v2`);
    /// printed on every page of the print view.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub version: Option<String>,
    /// The name of the current edition (the working tree), e.g. `2026-2027`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub edition: Option<String>,
    /// Earlier published editions, newest first.
    #[serde(default)]
    pub editions: Vec<RawEdition>,
    /// How many days ahead `check` warns of review dates and contact details
    /// that come due, and how far `zorgroute review` looks by default (60).
    pub review_warning_days: Option<u32>,
}

/// An earlier published edition: its name and where its content is, either
/// a git `ref` (tag or commit) of the project's repository or a `path` to a
/// folder holding that edition's `content/` (for projects without history).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawEdition {
    #[serde(deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(rename = "ref", default, deserialize_with = "lenient::opt_string")]
    pub git_ref: Option<String>,
    pub path: Option<String>,
    /// When it was published; else its commit's date or its newest file's.
    pub date: Option<String>,
}

/// A level: a lane of the care-route diagram.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[serde(untagged)]
pub enum RawLevel {
    Id(String),
    Full {
        id: String,
        #[serde(alias = "title", alias = "label")]
        name: Option<String>,
        description: Option<String>,
    },
}

/// Contact details, of an actor, a region or the site.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawContact {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub verified: Option<String>,
}

/// `region.yaml`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawRegion {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub code: Option<String>,
    pub extends: Option<String>,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub exclude: Vec<String>,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub municipalities: Vec<String>,
    pub contact: Option<RawContact>,
    pub steering_group: Option<RawSteeringGroup>,
    #[serde(default)]
    pub schools: Vec<RawSchool>,
    #[serde(default)]
    pub indicators: Vec<RawIndicator>,
    #[serde(default)]
    pub timeline: Vec<RawTranche>,
    #[serde(alias = "description")]
    pub summary: Option<String>,
    /// The region's own handbook version; replaces site.yaml's `version`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub version: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[serde(untagged)]
pub enum RawSteeringGroup {
    Members(#[serde(deserialize_with = "lenient::strings")] Vec<String>),
    Full {
        #[serde(default, deserialize_with = "lenient::strings")]
        members: Vec<String>,
        note: Option<String>,
        name: Option<String>,
    },
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawSchool {
    #[serde(deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, alias = "brin_code", deserialize_with = "lenient::opt_string")]
    pub brin: Option<String>,
    pub municipality: Option<String>,
}

/// One statement of the success-indicator self-assessment, scored 1 to 5.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawIndicator {
    pub statement: String,
    pub score: Option<u8>,
    #[serde(default, deserialize_with = "lenient::scores")]
    pub scores: BTreeMap<String, u8>,
}

/// A tranche of the roll-out: a school year and the schools that start then.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawTranche {
    #[serde(alias = "school_year", alias = "schooljaar", deserialize_with = "lenient::string")]
    pub year: String,
    pub title: Option<String>,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub schools: Vec<String>,
    pub note: Option<String>,
}

/// Front matter of `actors/*.md`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawActor {
    pub id: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub name: String,
    pub level: String,
    pub kind: String,
    #[serde(alias = "description")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub members: Vec<String>,
    pub contact: Option<RawContact>,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub aliases: Vec<String>,
}

/// Front matter of `procedures/*.md`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawProcedure {
    pub id: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub title: String,
    pub level: String,
    pub owner: String,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub participants: Vec<String>,
    #[serde(alias = "description")]
    pub summary: Option<String>,
    pub trigger: Option<String>,
    pub frequency: Option<String>,
    #[serde(default)]
    pub steps: Vec<RawStep>,
    #[serde(default)]
    pub escalates_to: Vec<RawEdge>,
    pub consent: Option<RawConsent>,
    #[serde(default)]
    pub documents: Vec<RawDocument>,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawStep {
    #[serde(deserialize_with = "lenient::string")]
    pub title: String,
    pub actor: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub within: Option<String>,
    pub output: Option<String>,
    pub description: Option<String>,
}

/// A link to a procedure, optionally with the condition to follow it: an
/// `escalates_to` entry or a route step. A bare id is accepted too.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[serde(untagged)]
pub enum RawEdge {
    Id(String),
    Full { procedure: String, when: Option<String> },
}

impl RawEdge {
    pub fn procedure(&self) -> &str {
        match self {
            RawEdge::Id(id) | RawEdge::Full { procedure: id, .. } => id,
        }
    }

    pub fn when(&self) -> Option<&str> {
        match self {
            RawEdge::Id(_) => None,
            RawEdge::Full { when, .. } => when.as_deref(),
        }
    }
}

/// Whether and whose consent is needed: `true`, a sentence, or the full form.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[serde(untagged)]
pub enum RawConsent {
    Flag(bool),
    Text(String),
    Full {
        #[serde(default = "yes")]
        required: bool,
        #[serde(default, deserialize_with = "lenient::strings")]
        from: Vec<String>,
        note: Option<String>,
    },
}

fn yes() -> bool {
    true
}

/// A blank form or template: a title and a url or a file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawDocument {
    pub title: String,
    pub url: Option<String>,
    pub file: Option<String>,
}

/// Front matter of `agreements/*.md`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawAgreement {
    pub id: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub title: String,
    #[serde(alias = "description")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub parties: Vec<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub signed: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub review: Option<String>,
    #[serde(default)]
    pub commitments: Vec<RawCommitment>,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawCommitment {
    pub party: String,
    pub text: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub response_time: Option<String>,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub procedures: Vec<String>,
}

/// `routes/*.yaml`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawRoute {
    pub id: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub title: String,
    #[serde(alias = "description")]
    pub summary: Option<String>,
    #[serde(default)]
    pub steps: Vec<RawEdge>,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub aliases: Vec<String>,
}

/// Front matter of `pages/*.md`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawPage {
    pub id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub title: Option<String>,
    #[serde(alias = "description")]
    pub summary: Option<String>,
    pub order: Option<i64>,
    pub weight: Option<i64>,
    /// When the page should be read through again (YYYY-MM-DD): `zorgroute
    /// review` lists it, and `check` warns as the date comes near.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub review: Option<String>,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub aliases: Vec<String>,
}

/// `glossary.yaml`: a list of terms, or `terms:` with that list.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[serde(untagged)]
pub enum RawGlossary {
    List(Vec<RawTerm>),
    Wrapped { terms: Vec<RawTerm> },
}

impl RawGlossary {
    pub fn terms(&self) -> &[RawTerm] {
        match self {
            RawGlossary::List(t) | RawGlossary::Wrapped { terms: t } => t,
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawTerm {
    pub id: Option<String>,
    pub term: String,
    pub abbreviation: Option<String>,
    pub definition: String,
}

/// Deserialisers that accept a number or boolean where text is meant
/// (`year: 2025`, `code: 12`), as YAML readers of a handbook would expect.
mod lenient {
    use super::*;

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scalar {
        S(String),
        I(i64),
        F(f64),
        B(bool),
    }

    impl From<Scalar> for String {
        fn from(s: Scalar) -> String {
            match s {
                Scalar::S(s) => s,
                Scalar::I(i) => i.to_string(),
                Scalar::F(f) => f.to_string(),
                Scalar::B(b) => b.to_string(),
            }
        }
    }

    pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Scalar::deserialize(d).map(String::from)
    }

    pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(Option::<Scalar>::deserialize(d)?.map(String::from))
    }

    /// A list of texts, or one text where a list of one is meant (`from: ouders`).
    pub fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(Scalar),
            Many(Vec<Scalar>),
        }
        Ok(match Option::<OneOrMany>::deserialize(d)? {
            None => Vec::new(),
            Some(OneOrMany::One(s)) => vec![s.into()],
            Some(OneOrMany::Many(v)) => v.into_iter().map(String::from).collect(),
        })
    }

    /// Scores per year: `{2024-2025: 3}` or `[{year: 2024-2025, score: 3}]`.
    pub fn scores<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, u8>, D::Error> {
        #[derive(Deserialize)]
        struct YearScore {
            #[serde(alias = "school_year", deserialize_with = "string")]
            year: String,
            score: u8,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Scores {
            Map(BTreeMap<ScalarKey, u8>),
            List(Vec<YearScore>),
        }
        Ok(match Scores::deserialize(d)? {
            Scores::Map(map) => map.into_iter().map(|(k, v)| (k.0, v)).collect(),
            Scores::List(list) => list.into_iter().map(|s| (s.year, s.score)).collect(),
        })
    }

    #[derive(PartialEq, Eq, PartialOrd, Ord)]
    struct ScalarKey(String);

    impl<'de> Deserialize<'de> for ScalarKey {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            string(d).map(ScalarKey)
        }
    }
}
