//! The text of every problem a user can meet, in Dutch and English, with a
//! stable code and a hint how to fix it. One place, so wording stays consistent.

use crate::i18n::Lang;

/// What went wrong, with the data the message needs. Positions live in the
/// [`crate::diag::Diagnostic`] that carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    ReadFailed {
        error: String,
    },
    NotUtf8,
    FrontMatterNotClosed,
    YamlSyntax {
        detail: String,
    },
    MissingField {
        field: String,
    },
    WrongType {
        detail: String,
    },
    UnknownField {
        field: String,
        path: String,
    },
    UnknownVariant {
        value: String,
        expected: String,
    },
    UnknownId {
        kind: String,
        id: String,
        suggestions: Vec<String>,
    },
    UnknownAnchor {
        target: String,
        anchor: String,
        suggestions: Vec<String>,
    },
    BadLink {
        target: String,
    },
    DuplicateId {
        kind: String,
        id: String,
    },
    InvalidId {
        id: String,
        suggested: String,
    },
    UnknownLevel {
        level: String,
        levels: Vec<String>,
    },
    InvalidDate {
        value: String,
    },
    InvalidDuration {
        value: String,
    },
    NoSiteYaml,
    NoRegions,
    RegionWithoutConfig {
        region: String,
    },
    UnknownBase {
        base: String,
        bases: Vec<String>,
    },
    BadExclude {
        value: String,
    },
    TooFewParties,
    CommitmentOutsideAgreement {
        party: String,
    },
    ReservedId {
        id: String,
    },
    AliasCollision {
        alias: String,
    },
    Template {
        name: String,
        detail: String,
    },
    UnknownTemplate {
        name: String,
    },
    Output {
        detail: String,
    },
}

fn pick(lang: Lang, nl: String, en: String) -> String {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

fn list(items: &[String]) -> String {
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

impl Problem {
    /// A stable code, for the JSON output and for looking the problem up.
    pub fn code(&self) -> &'static str {
        use Problem::*;
        match self {
            ReadFailed { .. } => "read-failed",
            NotUtf8 => "not-utf8",
            FrontMatterNotClosed => "front-matter-not-closed",
            YamlSyntax { .. } => "yaml-syntax",
            MissingField { .. } => "missing-field",
            WrongType { .. } => "wrong-type",
            UnknownField { .. } => "unknown-field",
            UnknownVariant { .. } => "unknown-value",
            UnknownId { .. } => "unknown-id",
            UnknownAnchor { .. } => "unknown-anchor",
            BadLink { .. } => "bad-link",
            DuplicateId { .. } => "duplicate-id",
            InvalidId { .. } => "invalid-id",
            UnknownLevel { .. } => "unknown-level",
            InvalidDate { .. } => "invalid-date",
            InvalidDuration { .. } => "invalid-duration",
            NoSiteYaml => "no-site-yaml",
            NoRegions => "no-regions",
            RegionWithoutConfig { .. } => "no-region-yaml",
            UnknownBase { .. } => "unknown-base",
            BadExclude { .. } => "bad-exclude",
            TooFewParties => "too-few-parties",
            CommitmentOutsideAgreement { .. } => "commitment-party",
            ReservedId { .. } => "reserved-id",
            AliasCollision { .. } => "alias-collision",
            Template { .. } => "template",
            UnknownTemplate { .. } => "unknown-template",
            Output { .. } => "output",
        }
    }

    /// Classifies a serde_yaml error, whose wording is English and technical.
    pub fn from_serde_yaml(err: &serde_yaml::Error) -> Problem {
        let text = err.to_string();
        let detail = match text.find(" at line ") {
            Some(i) => text[..i].to_string(),
            None => text.clone(),
        };
        if let Some(field) = between(&detail, "missing field `", "`") {
            return Problem::MissingField { field };
        }
        if let Some(value) = between(&detail, "unknown variant `", "`") {
            let expected = detail
                .split_once("expected ")
                .map(|(_, e)| e.replace("one of ", ""))
                .unwrap_or_default();
            return Problem::UnknownVariant { value, expected };
        }
        if detail.starts_with("invalid type")
            || detail.starts_with("invalid value")
            || detail.starts_with("invalid length")
        {
            return Problem::WrongType { detail };
        }
        Problem::YamlSyntax { detail }
    }

    pub fn message(&self, lang: Lang) -> String {
        use Problem::*;
        match self {
            ReadFailed { error } => pick(
                lang,
                format!("het bestand kan niet worden gelezen: {error}"),
                format!("the file cannot be read: {error}"),
            ),
            NotUtf8 => pick(
                lang,
                "het bestand is niet in UTF-8 opgeslagen".into(),
                "the file is not saved as UTF-8".into(),
            ),
            FrontMatterNotClosed => pick(
                lang,
                "de kop van het bestand (front matter) wordt niet afgesloten met `---`".into(),
                "the front matter is never closed with `---`".into(),
            ),
            YamlSyntax { detail } => pick(
                lang,
                format!("de YAML klopt niet: {detail}"),
                format!("the YAML does not parse: {detail}"),
            ),
            MissingField { field } => pick(
                lang,
                format!("het veld `{field}` ontbreekt"),
                format!("the field `{field}` is missing"),
            ),
            WrongType { detail } => pick(
                lang,
                format!("deze waarde heeft de verkeerde vorm: {detail}"),
                format!("this value has the wrong form: {detail}"),
            ),
            UnknownField { field, path } => pick(
                lang,
                format!("onbekend veld `{field}` (in `{path}`)"),
                format!("unknown field `{field}` (at `{path}`)"),
            ),
            UnknownVariant { value, .. } => pick(
                lang,
                format!("`{value}` is hier geen geldige waarde"),
                format!("`{value}` is not a valid value here"),
            ),
            UnknownId { kind, id, .. } => pick(
                lang,
                format!("er is geen {} met id `{id}`", kind_nl(kind)),
                format!("there is no {kind} with id `{id}`"),
            ),
            UnknownAnchor { target, anchor, .. } => pick(
                lang,
                format!("`{target}` heeft geen kop of stap met anker `#{anchor}`"),
                format!("`{target}` has no heading or step with anchor `#{anchor}`"),
            ),
            BadLink { target } => pick(
                lang,
                format!("de link `{target}` heeft niet de vorm `@soort/id`"),
                format!("the link `{target}` is not of the form `@kind/id`"),
            ),
            DuplicateId { kind, id } => pick(
                lang,
                format!("er zijn twee keer een {} met id `{id}`", kind_nl(kind)),
                format!("two {kind}s have the id `{id}`"),
            ),
            InvalidId { id, .. } => pick(
                lang,
                format!("`{id}` is geen geldig id"),
                format!("`{id}` is not a valid id"),
            ),
            UnknownLevel { level, .. } => pick(
                lang,
                format!("`{level}` is geen niveau van deze site"),
                format!("`{level}` is not one of this site's levels"),
            ),
            InvalidDate { value } => pick(
                lang,
                format!("`{value}` is geen geldige datum"),
                format!("`{value}` is not a valid date"),
            ),
            InvalidDuration { value } => pick(
                lang,
                format!("`{value}` is geen termijn"),
                format!("`{value}` is not a duration"),
            ),
            NoSiteYaml => pick(
                lang,
                "de map content/ heeft geen site.yaml".into(),
                "the content/ folder has no site.yaml".into(),
            ),
            NoRegions => pick(
                lang,
                "er is nog geen regio: maak een map met een region.yaml in content/".into(),
                "there is no region yet: add a folder with a region.yaml to content/".into(),
            ),
            RegionWithoutConfig { region } => pick(
                lang,
                format!("de regio `{region}` heeft geen region.yaml"),
                format!("the region `{region}` has no region.yaml"),
            ),
            UnknownBase { base, .. } => pick(
                lang,
                format!("de basis `{base}` bestaat niet"),
                format!("the base `{base}` does not exist"),
            ),
            BadExclude { value } => pick(
                lang,
                format!("`{value}` heeft niet de vorm `soort/id`"),
                format!("`{value}` is not of the form `kind/id`"),
            ),
            TooFewParties => pick(
                lang,
                "een afspraak heeft minstens twee partijen nodig".into(),
                "an agreement needs at least two parties".into(),
            ),
            CommitmentOutsideAgreement { party } => pick(
                lang,
                format!("`{party}` doet een toezegging maar is geen partij van deze afspraak"),
                format!("`{party}` makes a commitment but is not a party to this agreement"),
            ),
            ReservedId { id } => pick(
                lang,
                format!("de pagina-id `{id}` is al in gebruik voor een vaste pagina"),
                format!("the page id `{id}` is taken by a built-in page"),
            ),
            AliasCollision { alias } => pick(
                lang,
                format!("de alias `{alias}` valt samen met een bestaande pagina"),
                format!("the alias `{alias}` collides with an existing page"),
            ),
            Template { name, detail } => pick(
                lang,
                format!("fout in sjabloon `{name}`: {detail}"),
                format!("error in template `{name}`: {detail}"),
            ),
            UnknownTemplate { name } => pick(
                lang,
                format!("het sjabloon `{name}` bestaat niet"),
                format!("the template `{name}` does not exist"),
            ),
            Output { detail } => pick(
                lang,
                format!("de site kan niet worden weggeschreven: {detail}"),
                format!("the site cannot be written: {detail}"),
            ),
        }
    }

    /// How to fix it, where there is something useful to say.
    pub fn help(&self, lang: Lang) -> Option<String> {
        use Problem::*;
        let text = match self {
            NotUtf8 => pick(lang, "sla het bestand op als UTF-8 (in de meeste editors: Opslaan als > Codering: UTF-8)".into(), "save the file as UTF-8 (in most editors: Save as > Encoding: UTF-8)".into()),
            FrontMatterNotClosed => pick(lang, "zet een regel met alleen `---` onder de velden, vóór de tekst".into(), "put a line with only `---` below the fields, before the text".into()),
            MissingField { field } => pick(lang, format!("voeg `{field}: ...` toe"), format!("add `{field}: ...`")),
            UnknownField { .. } => pick(lang, "controleer de spelling; de velden staan in de README".into(), "check the spelling; the fields are listed in the README".into()),
            UnknownVariant { expected, .. } if !expected.is_empty() => pick(lang, format!("kies uit: {expected}"), format!("choose from: {expected}")),
            UnknownId { suggestions, .. } | UnknownAnchor { suggestions, .. } if !suggestions.is_empty() => {
                pick(lang, format!("bedoelt u {}?", list(suggestions)), format!("did you mean {}?", list(suggestions)))
            }
            UnknownId { kind, .. } => pick(lang, format!("maak het bestand voor deze {} aan of verbeter het id", kind_nl(kind)), format!("create the file for this {kind} or correct the id")),
            BadLink { .. } => pick(lang, "schrijf bijvoorbeeld `[tekst](@procedure/leerlingbespreking)`; soorten: actor, procedure, agreement, route, page".into(), "write e.g. `[text](@procedure/leerlingbespreking)`; kinds: actor, procedure, agreement, route, page".into()),
            DuplicateId { .. } => pick(lang, "geef een van beide een ander id (de bestandsnaam of het veld `id`)".into(), "give one of them another id (the file name or the `id` field)".into()),
            InvalidId { suggested, .. } => pick(lang, format!("gebruik alleen kleine letters, cijfers en `-`, bijvoorbeeld `{suggested}`"), format!("use only lower-case letters, digits and `-`, e.g. `{suggested}`")),
            UnknownLevel { levels, .. } => pick(lang, format!("kies uit: {}", list(levels)), format!("choose from: {}", list(levels))),
            InvalidDate { .. } => pick(lang, "schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2026-09-01".into(), "write a date as YYYY-MM-DD, e.g. 2026-09-01".into()),
            InvalidDuration { .. } => pick(lang, "schrijf een aantal en een eenheid, bijvoorbeeld `10 werkdagen`, `2 weken` of `24 uur`".into(), "write a number and a unit, e.g. `10 werkdagen`, `2 weken` or `24 uur`".into()),
            NoSiteYaml => pick(lang, "maak content/site.yaml met minstens `title: ...`, of begin met `zorgroute init`".into(), "create content/site.yaml with at least `title: ...`, or start with `zorgroute init`".into()),
            RegionWithoutConfig { .. } => pick(lang, "maak in de map een region.yaml met minstens `name: ...`".into(), "add a region.yaml with at least `name: ...` to the folder".into()),
            UnknownBase { bases, .. } if !bases.is_empty() => pick(lang, format!("kies uit: {}, of `none`", list(bases)), format!("choose from: {}, or `none`", list(bases))),
            UnknownBase { .. } => pick(lang, "gebruik `none` of maak de map (bijvoorbeeld content/_standaard/)".into(), "use `none` or create the folder (e.g. content/_standaard/)".into()),
            BadExclude { .. } => pick(lang, "bijvoorbeeld `procedure/terugplaatsing`".into(), "e.g. `procedure/terugplaatsing`".into()),
            TooFewParties => pick(lang, "noem onder `parties` minstens twee actoren".into(), "list at least two actors under `parties`".into()),
            CommitmentOutsideAgreement { .. } => pick(lang, "voeg de partij toe aan `parties` of kies een partij die er al in staat".into(), "add the party to `parties` or choose a party that is already listed".into()),
            ReservedId { .. } => pick(lang, "geef de pagina een andere bestandsnaam".into(), "give the page another file name".into()),
            AliasCollision { .. } => pick(lang, "kies een ander oud pad of haal de alias weg".into(), "choose another old path or remove the alias".into()),
            _ => return None,
        };
        Some(text)
    }
}

fn between(text: &str, start: &str, end: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(text[from..from + len].to_string())
}

/// Dutch word for an entity kind in messages.
fn kind_nl(kind: &str) -> &str {
    match kind {
        "actor" => "actor",
        "procedure" => "procedure",
        "agreement" => "afspraak",
        "route" => "route",
        "page" => "pagina",
        "region" => "regio",
        "term" => "begrip",
        other => other,
    }
}

pub fn in_region(lang: Lang, region: &str) -> String {
    pick(lang, format!("in regio {region}"), format!("in region {region}"))
}

pub fn see_also(lang: Lang) -> String {
    pick(lang, "ook hier".into(), "also here".into())
}

pub fn help_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "oplossing",
        Lang::En => "help",
    }
}

pub fn summary(lang: Lang, errors: usize, warnings: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match lang {
        Lang::Nl => format!(
            "{}, {}",
            plural(errors, "fout", "fouten"),
            plural(warnings, "waarschuwing", "waarschuwingen")
        ),
        Lang::En => format!(
            "{}, {}",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings")
        ),
    }
}
