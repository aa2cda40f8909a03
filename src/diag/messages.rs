//! The text of every problem a user can meet, in Dutch and English, with a
//! stable code and a hint how to fix it. One place, so wording stays consistent.

use super::editions::EditionProblem;
use crate::i18n::Lang;
use crate::kinds::Kind;

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
        found: String,
        expected: String,
    },
    UnknownField {
        field: String,
        path: String,
        suggestion: Option<String>,
    },
    UnknownVariant {
        value: String,
        expected: String,
    },
    UnknownId {
        kind: Kind,
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
        kind: Kind,
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
    /// Two procedures of one level with the same owner and trigger.
    ProcedureOverlap {
        title: String,
        other: String,
        owner: String,
    },
    /// An actor of the steering group or an agreement with no part in any procedure.
    ActorWithoutProcedure {
        name: String,
    },
    /// A region's folder name is one the site root uses itself.
    ReservedRegion {
        region: String,
    },
    AliasCollision {
        alias: String,
    },
    Template {
        name: String,
        detail: String,
    },
    UnknownTheme {
        name: String,
    },
    /// A file of the project's theme that does not read: `error` says why,
    /// `None` when it is not UTF-8.
    ThemeFileUnreadable {
        error: Option<String>,
    },
    Output {
        detail: String,
    },
    ExcludedButReferenced {
        kind: Kind,
        id: String,
    },
    EmptyRegion {
        region: String,
    },
    NoLevels,
    /// A document's `file` that neither the region's folder nor its base's holds.
    FormNotFound {
        file: String,
        suggestions: Vec<String>,
    },
    /// A document's `file` that leaves the folders it may come from (`..`, `/…`).
    FormOutside {
        file: String,
    },
    /// A problem with an earlier edition in site.yaml.
    Edition(EditionProblem),
    // Warnings.
    NoSteeringGroup {
        region: String,
    },
    /// The review date of an agreement or a page has passed.
    ReviewPast {
        kind: Kind,
        date: String,
    },
    /// The review date of an agreement or a page comes within site.yaml's
    /// `review_warning_days`, in `days` (0: today).
    ReviewDue {
        kind: Kind,
        date: String,
        days: i64,
    },
    NoContact {
        name: String,
    },
    ContactStale {
        date: String,
    },
    /// Contact details checked on `date` run out of date on `due`, in `days`.
    ContactDue {
        date: String,
        due: String,
        days: i64,
    },
    Unreachable {
        title: String,
    },
    StepWithoutActor {
        step: String,
    },
    PossibleBsn {
        masked: String,
    },
    PossibleBirthDate,
    PersonalEmail {
        masked: String,
    },
}

pub(super) fn pick(lang: Lang, nl: String, en: String) -> String {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// What has a review date, for [`Problem::ReviewPast`] and
/// [`Problem::ReviewDue`]: (Dutch after "de", English).
fn review_subject(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Page => ("herzieningsdatum van deze pagina", "this page's review date"),
        _ => ("evaluatiedatum van deze afspraak", "this agreement's review date"),
    }
}

/// When, from today: "vandaag", "morgen", "over 12 dagen".
pub(super) fn in_days(days: i64, lang: Lang) -> String {
    match days {
        0 => pick(lang, "vandaag".into(), "today".into()),
        1 => pick(lang, "morgen".into(), "tomorrow".into()),
        n => pick(lang, format!("over {n} dagen"), format!("in {n} days")),
    }
}

pub(super) fn list(items: &[String]) -> String {
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
            ReservedRegion { .. } => "reserved-region",
            ProcedureOverlap { .. } => "procedure-overlap",
            ActorWithoutProcedure { .. } => "actor-without-procedure",
            AliasCollision { .. } => "alias-collision",
            Template { .. } => "template",
            UnknownTheme { .. } => "unknown-theme",
            ThemeFileUnreadable { .. } => "theme-file-unreadable",
            Output { .. } => "output",
            ExcludedButReferenced { .. } => "excluded-but-referenced",
            EmptyRegion { .. } => "empty-region",
            NoLevels => "no-levels",
            FormNotFound { .. } => "form-not-found",
            FormOutside { .. } => "form-outside",
            Edition(p) => p.code(),
            NoSteeringGroup { .. } => "no-steering-group",
            ReviewPast { .. } => "review-past",
            ReviewDue { .. } => "review-due",
            NoContact { .. } => "no-contact",
            ContactStale { .. } => "contact-stale",
            ContactDue { .. } => "contact-due",
            Unreachable { .. } => "unreachable",
            StepWithoutActor { .. } => "step-without-actor",
            PossibleBsn { .. } => "possible-bsn",
            PossibleBirthDate => "possible-birth-date",
            PersonalEmail { .. } => "personal-email",
        }
    }

    /// Classifies a serde_yaml error, whose wording is English and technical,
    /// and returns the path of the offending value when the error names one
    /// (`steps[0].actor: invalid type: ...`).
    pub fn from_serde_yaml(err: &serde_yaml::Error) -> (Problem, Option<String>) {
        let text = err.to_string();
        let mut detail = match text.find(" at line ") {
            Some(i) => text[..i].to_string(),
            None => text.clone(),
        };
        let mut path = None;
        const STARTS: [&str; 7] = [
            "invalid type",
            "invalid value",
            "invalid length",
            "missing field",
            "unknown variant",
            "data did not match",
            "unknown field",
        ];
        if let Some((prefix, rest)) = detail.split_once(": ") {
            if !STARTS.iter().any(|s| prefix.starts_with(s)) && STARTS.iter().any(|s| rest.starts_with(s)) {
                path = Some(prefix.to_string());
                detail = rest.to_string();
            }
        }
        let problem = if let Some(field) = between(&detail, "missing field `", "`") {
            Problem::MissingField { field }
        } else if let Some(value) = between(&detail, "unknown variant `", "`") {
            let expected = detail
                .split_once("expected ")
                .map(|(_, e)| e.replace("one of ", ""))
                .unwrap_or_default();
            Problem::UnknownVariant { value, expected }
        } else if let Some(rest) = ["invalid type: ", "invalid value: ", "invalid length "]
            .iter()
            .find_map(|p| detail.strip_prefix(p))
        {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            Problem::WrongType {
                found: found.to_string(),
                expected: expected.to_string(),
            }
        } else if detail.starts_with("data did not match") {
            Problem::WrongType {
                found: String::new(),
                expected: String::new(),
            }
        } else {
            Problem::YamlSyntax { detail }
        };
        (problem, path)
    }

    #[rustfmt::skip] // one message a line: the case, its Dutch text, its English text
    pub fn message(&self, lang: Lang) -> String {
        use Problem::*;
        match self {
            Edition(p) => p.message(lang),
            ReadFailed { error } => pick(lang, format!("het bestand kan niet worden gelezen: {error}"), format!("the file cannot be read: {error}")),
            NotUtf8 => pick(lang, "het bestand is niet in UTF-8 opgeslagen".into(), "the file is not saved as UTF-8".into()),
            FrontMatterNotClosed => pick(lang, "de kop van het bestand (front matter) wordt niet afgesloten met `---`".into(), "the front matter is never closed with `---`".into()),
            YamlSyntax { detail } => pick(lang, format!("de YAML klopt niet: {detail}"), format!("the YAML does not parse: {detail}")),
            MissingField { field } => pick(lang, format!("het veld `{field}` ontbreekt"), format!("the field `{field}` is missing")),
            WrongType { found, expected } => wrong_type(lang, found, expected),
            UnknownField { field, path, .. } => match path.rsplit_once('.') {
                Some((parent, _)) => pick(lang, format!("onbekend veld `{field}` (in `{parent}`)"), format!("unknown field `{field}` (in `{parent}`)")),
                None => pick(lang, format!("onbekend veld `{field}`"), format!("unknown field `{field}`")),
            },
            UnknownVariant { value, .. } => pick(lang, format!("`{value}` is hier geen geldige waarde"), format!("`{value}` is not a valid value here")),
            UnknownId { kind, id, .. } => pick(lang, format!("er is geen {} met id `{id}`", kind_nl(*kind)), format!("there is no {} with id `{id}`", kind.word())),
            UnknownAnchor { target, anchor, .. } => pick(lang, format!("`{target}` heeft geen kop of stap met anker `#{anchor}`"), format!("`{target}` has no heading or step with anchor `#{anchor}`")),
            BadLink { target } => pick(lang, format!("de link `{target}` heeft niet de vorm `@soort/id`"), format!("the link `{target}` is not of the form `@kind/id`")),
            DuplicateId { kind, id } => pick(lang, format!("twee bestanden maken een {} met het id `{id}`", kind_nl(*kind)), format!("two files make a {} with the id `{id}`", kind.word())),
            InvalidId { id, .. } => pick(lang, format!("`{id}` is geen geldig id"), format!("`{id}` is not a valid id")),
            UnknownLevel { level, .. } => pick(lang, format!("`{level}` is geen niveau van deze site"), format!("`{level}` is not one of this site's levels")),
            InvalidDate { value } => pick(lang, format!("`{value}` is geen geldige datum"), format!("`{value}` is not a valid date")),
            InvalidDuration { value } => pick(lang, format!("`{value}` is geen termijn"), format!("`{value}` is not a duration")),
            NoSiteYaml => pick(lang, "de map content/ heeft geen site.yaml".into(), "the content/ folder has no site.yaml".into()),
            NoRegions => pick(lang, "er is nog geen regio: maak een map met een region.yaml in content/".into(), "there is no region yet: add a folder with a region.yaml to content/".into()),
            RegionWithoutConfig { region } => pick(lang, format!("de regio `{region}` heeft geen region.yaml (in content/{region}/)"), format!("the region `{region}` has no region.yaml (in content/{region}/)")),
            UnknownBase { base, .. } => pick(lang, format!("de basis `{base}` bestaat niet"), format!("the base `{base}` does not exist")),
            BadExclude { value } => pick(lang, format!("`{value}` heeft niet de vorm `soort/id`"), format!("`{value}` is not of the form `kind/id`")),
            TooFewParties => pick(lang, "een afspraak heeft minstens twee partijen nodig".into(), "an agreement needs at least two parties".into()),
            CommitmentOutsideAgreement { party } => pick(lang, format!("`{party}` doet een toezegging maar is geen partij van deze afspraak"), format!("`{party}` makes a commitment but is not a party to this agreement")),
            ProcedureOverlap { title, other, owner } => pick(lang, format!("`{title}` en `{other}` lijken hetzelfde werk: zelfde niveau, zelfde verantwoordelijke ({owner}) en zelfde aanleiding"), format!("`{title}` and `{other}` look like the same work: same level, same owner ({owner}) and same trigger")),
            ActorWithoutProcedure { name } => pick(lang, format!("{name} staat in de stuurgroep of een afspraak, maar heeft geen rol in een procedure"), format!("{name} is in the steering group or an agreement, but has no part in any procedure")),
            ReservedRegion { region } => pick(lang, format!("de regio `{region}` kan niet zo heten: de site gebruikt `{region}/` zelf"), format!("a region cannot be named `{region}`: the site uses `{region}/` itself")),
            ReservedId { id } => pick(lang, format!("de pagina-id `{id}` is al in gebruik voor een vaste pagina"), format!("the page id `{id}` is taken by a built-in page")),
            AliasCollision { alias } => pick(lang, format!("de alias `{alias}` valt samen met een bestaande pagina"), format!("the alias `{alias}` collides with an existing page")),
            Template { name, detail } => pick(lang, format!("fout in sjabloon `{name}`: {detail}"), format!("error in template `{name}`: {detail}")),
            UnknownTheme { name } => pick(lang, format!("het thema `{name}` bestaat niet: er is geen map themes/{name}/"), format!("the theme `{name}` does not exist: there is no folder themes/{name}/")),
            ThemeFileUnreadable { error: None } => pick(lang, "dit bestand van het thema is niet in UTF-8 opgeslagen".into(), "this file of the theme is not saved as UTF-8".into()),
            ThemeFileUnreadable { error: Some(error) } => pick(lang, format!("dit bestand van het thema kan niet worden gelezen: {error}"), format!("this file of the theme cannot be read: {error}")),
            ExcludedButReferenced { kind, id } => pick(lang, format!("deze regio sluit {}/{id} uit, maar hier wordt er nog naar verwezen", kind.word()),
                format!(
                    "this region excludes {}/{id}, but it is still referred to here",
                    kind.word()
                ),
            ),
            EmptyRegion { region } => pick(lang, format!("de map content/{region}/ is leeg"), format!("the folder content/{region}/ is empty")),
            NoLevels => pick(lang, "de lijst `levels` is leeg".into(), "the list `levels` is empty".into()),
            FormNotFound { file, .. } => pick(lang, format!("het formulier `{file}` staat niet in de map van de regio of van de standaardroute"), format!("the form `{file}` is not in the region's folder or the standard route's")),
            FormOutside { file } => pick(lang, format!("het pad `{file}` wijst buiten de map van de regio en de standaardroute"), format!("the path `{file}` points outside the region's folder and the standard route's")),
            NoSteeringGroup { region } => pick(lang, format!("{region} heeft geen stuurgroep"), format!("{region} has no steering group")),
            ReviewPast { kind, date } => {
                let (nl, en) = review_subject(*kind);
                pick(lang, format!("de {nl} ({date}) is voorbij"), format!("{en} ({date}) has passed"))
            }
            ReviewDue { kind, date, days } => {
                let (nl, en) = review_subject(*kind);
                let when = in_days(*days, lang);
                pick(lang, format!("de {nl} ({date}) is {when}"), format!("{en} ({date}) is {when}"))
            }
            NoContact { name } => pick(lang, format!("{name} heeft geen contactgegevens"), format!("{name} has no contact details")),
            ContactStale { date } => pick(lang, format!("de contactgegevens zijn sinds {date} niet meer gecontroleerd"), format!("the contact details have not been checked since {date}")),
            ContactDue { date, due, days } => {
                let when = in_days(*days, lang);
                pick(lang, format!("de contactgegevens zijn op {date} gecontroleerd en verlopen {when} ({due})"), format!("the contact details were checked on {date} and run out of date {when} ({due})"))
            }
            Unreachable { title } => pick(lang, format!("geen route of escalatie leidt naar \"{title}\""), format!("no route or escalation leads to \"{title}\"")),
            StepWithoutActor { step } => pick(lang, format!("bij de stap \"{step}\" staat niet wie hem doet"), format!("the step \"{step}\" does not say who does it")),
            PossibleBsn { masked } => pick(lang, format!("dit lijkt op een burgerservicenummer ({masked})"), format!("this looks like a citizen service number ({masked})")),
            PossibleBirthDate => pick(lang, "dit lijkt op een geboortedatum van een persoon".into(), "this looks like a person's date of birth".into()),
            PersonalEmail { masked } => pick(lang, format!("dit lijkt op een persoonlijk e-mailadres ({masked})"), format!("this looks like a personal email address ({masked})")),
            Output { detail } => pick(lang, format!("de site kan niet worden weggeschreven: {detail}"), format!("the site cannot be written: {detail}")),
        }
    }

    /// How to fix it, where there is something useful to say.
    #[rustfmt::skip] // one message a line: the case, its Dutch text, its English text
    pub fn help(&self, lang: Lang) -> Option<String> {
        use Problem::*;
        let text = match self {
            Edition(p) => return p.help(lang),
            NotUtf8 => pick(lang, "sla het bestand op als UTF-8 (in de meeste editors: Opslaan als > Codering: UTF-8)".into(), "save the file as UTF-8 (in most editors: Save as > Encoding: UTF-8)".into()),
            YamlSyntax { .. } => pick(lang, "let op de inspringing: velden op hetzelfde niveau beginnen in dezelfde kolom, een lijst-item begint met `- `, en na `:` komt een spatie".into(), "mind the indentation: fields on the same level start in the same column, a list item starts with `- `, and `:` is followed by a space".into()),
            FrontMatterNotClosed => pick(lang, "zet een regel met alleen `---` onder de velden, vóór de tekst".into(), "put a line with only `---` below the fields, before the text".into()),
            MissingField { field } => pick(lang, format!("voeg `{field}: ...` toe"), format!("add `{field}: ...`")),
            UnknownField { suggestion: Some(s), .. } => pick(lang, format!("bedoelt u `{s}`?"), format!("did you mean `{s}`?")),
            UnknownField { .. } => pick(lang, "controleer de spelling; de velden staan in de README en in `zorgroute schema`".into(), "check the spelling; the fields are in the README and in `zorgroute schema`".into()),
            UnknownVariant { expected, .. } if !expected.is_empty() => pick(lang, format!("kies uit: {expected}"), format!("choose from: {expected}")),
            UnknownId { suggestions, .. } | UnknownAnchor { suggestions, .. } | FormNotFound { suggestions, .. } if !suggestions.is_empty() => {
                pick(lang, format!("bedoelt u {}?", list(suggestions)), format!("did you mean {}?", list(suggestions)))
            }
            UnknownId { kind, .. } => pick(lang, format!("maak het bestand voor deze {} aan of verbeter het id", kind_nl(*kind)), format!("create the file for this {} or correct the id", kind.word())),
            BadLink { .. } => pick(lang, "schrijf bijvoorbeeld `[tekst](@procedure/leerlingbespreking)`; soorten: actor, procedure, agreement, route, page".into(), "write e.g. `[text](@procedure/leerlingbespreking)`; kinds: actor, procedure, agreement, route, page".into()),
            DuplicateId { .. } => pick(lang, "geef een van beide een ander id (de bestandsnaam of het veld `id`)".into(), "give one of them another id (the file name or the `id` field)".into()),
            InvalidId { suggested, .. } => pick(lang, format!("gebruik alleen kleine letters, cijfers en `-`, bijvoorbeeld `{suggested}`"), format!("use only lower-case letters, digits and `-`, e.g. `{suggested}`")),
            UnknownLevel { levels, .. } => pick(lang, format!("kies uit: {}", list(levels)), format!("choose from: {}", list(levels))),
            InvalidDate { .. } => pick(lang, "schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2026-09-01".into(), "write a date as YYYY-MM-DD, e.g. 2026-09-01".into()),
            InvalidDuration { .. } => pick(lang, "schrijf een aantal en een eenheid, bijvoorbeeld `10 werkdagen`, `2 weken` of `24 uur`".into(), "write a number and a unit, e.g. `10 working days`, `2 weeks` or `24 hours`".into()),
            NoSiteYaml => pick(lang, "maak content/site.yaml met minstens `title: ...`, of begin met `zorgroute init`".into(), "create content/site.yaml with at least `title: ...`, or start with `zorgroute init`".into()),
            RegionWithoutConfig { .. } => pick(lang, "maak in de map een region.yaml met minstens `name: ...`".into(), "add a region.yaml with at least `name: ...` to the folder".into()),
            UnknownBase { bases, .. } if !bases.is_empty() => pick(lang, format!("kies uit: {}, of `none`", list(bases)), format!("choose from: {}, or `none`", list(bases))),
            UnknownBase { .. } => pick(lang, "gebruik `none` of maak de map (bijvoorbeeld content/_standaard/)".into(), "use `none` or create the folder (e.g. content/_standaard/)".into()),
            BadExclude { .. } => pick(lang, "bijvoorbeeld `procedure/terugplaatsing`".into(), "e.g. `procedure/terugplaatsing`".into()),
            TooFewParties => pick(lang, "noem onder `parties` minstens twee actoren".into(), "list at least two actors under `parties`".into()),
            CommitmentOutsideAgreement { .. } => pick(lang, "voeg de partij toe aan `parties` of kies een partij die er al in staat".into(), "add the party to `parties` or choose a party that is already listed".into()),
            ThemeFileUnreadable { .. } => pick(lang, "sla het bestand op als UTF-8 (in de meeste editors: Opslaan als > Codering: UTF-8), of haal het weg: dan geldt het bestand van het standaardthema".into(), "save the file as UTF-8 (in most editors: Save as > Encoding: UTF-8), or remove it: the default theme's file then applies".into()),
            UnknownTheme { .. } => pick(lang, "maak de map themes/<naam>/templates/ in het project, of laat `theme` weg voor het standaardthema".into(), "create the folder themes/<name>/templates/ in the project, or leave `theme` out for the default theme".into()),
            Template { name, .. } if name.starts_with("pdf/") => pick(lang, "verbeter het sjabloon op de aangegeven regel; het standaardsjabloon van de PDF is themes/default/pdf/draaiboek.typ van zorgroute".into(), "fix the template at the line shown; the PDF's default template is zorgroute's themes/default/pdf/draaiboek.typ".into()),
            Template { .. } => pick(lang, "verbeter het sjabloon op de aangegeven regel; de standaardsjablonen staan in themes/default/templates/ van zorgroute".into(), "fix the template at the line shown; the default templates are in zorgroute's themes/default/templates/".into()),
            ReservedId { .. } => pick(lang, "geef de pagina een andere bestandsnaam".into(), "give the page another file name".into()),
            ProcedureOverlap { other, .. } => pick(lang, format!("voeg de twee samen, of maak de aanleiding (`trigger`) of de verantwoordelijke (`owner`) verschillend als het ander werk is dan `{other}`"), format!("merge the two, or make the trigger or the owner differ if it is other work than `{other}`")),
            ActorWithoutProcedure { .. } => pick(lang, "geef de actor een rol (`owner`, `participants` of de `actor` van een stap) in de procedures waarin hij meebeslist, of haal hem uit de stuurgroep of afspraak".into(), "give the actor a part (`owner`, `participants` or a step's `actor`) in the procedures it decides on, or take it out of the steering group or agreement".into()),
            ReservedRegion { region } => pick(lang, format!("geef de map content/{region}/ een andere naam, bijvoorbeeld `{region}-regio`"), format!("rename the folder content/{region}/, e.g. to `{region}-region`")),
            AliasCollision { .. } => pick(lang, "kies een ander oud pad of haal de alias weg".into(), "choose another old path or remove the alias".into()),
            ExcludedButReferenced { .. } => pick(lang, "haal de verwijzing weg, vervang het bestand dat verwijst door een eigen versie in de regio, of haal de uitsluiting weg".into(), "remove the reference, replace the referring file with the region's own version, or remove the exclusion".into()),
            EmptyRegion { .. } => pick(lang, "zet er een region.yaml in, of verwijder de map".into(), "add a region.yaml, or remove the folder".into()),
            FormNotFound { .. } => pick(lang, "zet het bestand in de map van de regio of in content/_standaard/, of verbeter het pad: het begint in die map, bijvoorbeeld `formulieren/aanmelding.txt`".into(), "put the file in the region's folder or in content/_standaard/, or correct the path: it starts in that folder, e.g. `formulieren/aanmelding.txt`".into()),
            FormOutside { .. } => pick(lang, "zet het formulier in de map van de regio of in content/_standaard/ en schrijf het pad vanaf die map, zonder `..` en niet beginnend met `/`, bijvoorbeeld `formulieren/aanmelding.txt`".into(), "put the form in the region's folder or in content/_standaard/ and write the path from that folder, without `..` and not starting with `/`, e.g. `formulieren/aanmelding.txt`".into()),
            NoLevels => pick(lang, "noem de niveaus (bijvoorbeeld `levels: [groep, school, bovenschools, extern]`) of laat `levels` weg".into(), "list the levels (e.g. `levels: [groep, school, bovenschools, extern]`) or leave `levels` out".into()),
            NoSteeringGroup { .. } => pick(lang, "noem de leden in region.yaml onder `steering_group: {members: [...]}`".into(), "list the members in region.yaml under `steering_group: {members: [...]}`".into()),
            ReviewPast { kind: Kind::Page, .. } | ReviewDue { kind: Kind::Page, .. } => pick(lang, "lees de pagina na en zet een nieuwe datum bij `review`".into(), "read the page through and set a new `review` date".into()),
            ReviewPast { .. } | ReviewDue { .. } => pick(lang, "bespreek de afspraak met de partijen en zet een nieuwe datum bij `review`".into(), "discuss the agreement with the parties and set a new `review` date".into()),
            NoContact { .. } => pick(lang, "voeg `contact:` toe met een functioneel e-mailadres of telefoonnummer".into(), "add `contact:` with a functional email address or phone number".into()),
            ContactStale { .. } | ContactDue { .. } => pick(lang, "controleer de gegevens en zet de datum van vandaag bij `verified`".into(), "check the details and set today's date as `verified`".into()),
            Unreachable { .. } => pick(lang, "neem de procedure op in een route of laat een andere procedure ernaar escaleren".into(), "add the procedure to a route or let another procedure escalate to it".into()),
            StepWithoutActor { .. } => pick(lang, "voeg `actor: ...` toe aan de stap".into(), "add `actor: ...` to the step".into()),
            PossibleBsn { .. } | PossibleBirthDate => pick(lang, "een handboek bevat nooit gegevens van leerlingen; haal dit weg".into(), "a handbook never holds pupil data; remove this".into()),
            PersonalEmail { .. } => pick(lang, "gebruik een functioneel adres (zoals zorgloket@...), geen adres van een persoon".into(), "use a functional address (such as care-desk@...), not a person's".into()),
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
fn kind_nl(kind: Kind) -> &'static str {
    match kind {
        Kind::Actor => "actor",
        Kind::Procedure => "procedure",
        Kind::Agreement => "afspraak",
        Kind::Route => "route",
        Kind::Page => "pagina",
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

/// "this value is a list, but text belongs here", from serde's wording.
fn wrong_type(lang: Lang, found: &str, expected: &str) -> String {
    let found = describe(lang, found);
    let expected = describe(lang, expected);
    match (lang, found.is_empty(), expected.is_empty()) {
        (Lang::Nl, false, false) => format!("hier staat {found}, maar hier hoort {expected}"),
        (Lang::En, false, false) => format!("this is {found}, but {expected} belongs here"),
        (Lang::Nl, ..) => "deze waarde heeft niet de vorm die hier hoort".into(),
        (Lang::En, ..) => "this value does not have the form that belongs here".into(),
    }
}

/// Plain words for serde's type names: `a sequence` -> `een lijst`.
fn describe(lang: Lang, serde_words: &str) -> String {
    let w = serde_words.trim();
    let (nl, en): (String, String) = if w.is_empty() {
        (String::new(), String::new())
    } else if w.contains("sequence") {
        ("een lijst".into(), "a list".into())
    } else if w.starts_with("struct") || w.contains("map") {
        ("een groep velden".into(), "a group of fields".into())
    } else if let Some(text) = w.strip_prefix("string ") {
        (format!("de tekst {text}"), format!("the text {text}"))
    } else if w.contains("string") || w.starts_with("untagged enum") {
        ("tekst".into(), "text".into())
    } else if let Some(n) = w.strip_prefix("integer ").or_else(|| w.strip_prefix("floating point ")) {
        (
            format!("het getal {}", n.trim_matches('`')),
            format!("the number {}", n.trim_matches('`')),
        )
    } else if w.starts_with('u')
        || w.starts_with('i') && w[1..].chars().all(|c| c.is_ascii_digit())
        || w.contains("integer")
    {
        ("een (heel) getal".into(), "a whole number".into())
    } else if let Some(b) = w.strip_prefix("boolean ") {
        (
            format!("de waarde {}", b.trim_matches('`')),
            format!("the value {}", b.trim_matches('`')),
        )
    } else if w.contains("bool") {
        ("`true` of `false`".into(), "`true` or `false`".into())
    } else if w.contains("unit") || w.contains("null") {
        ("niets".into(), "nothing".into())
    } else {
        (w.to_string(), w.to_string())
    };
    pick(lang, nl, en)
}
