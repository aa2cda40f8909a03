//! The problems of site.yaml's earlier editions (`editions:`) and their
//! texts in Dutch and English: a ref that git does not know, a clone
//! without the history, a folder that is missing, an edition that no longer
//! builds. Each points at the value in site.yaml.

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditionProblem {
    /// There are earlier editions, but the current one has no name.
    NoCurrentName,
    /// An edition needs exactly one of `ref` and `path`.
    NeedsRefOrPath {
        name: String,
    },
    /// Two editions have the same name.
    DuplicateName {
        name: String,
    },
    /// The name is also the current edition's, or makes no folder name.
    BadName {
        name: String,
    },
    NotARepository {
        name: String,
    },
    UnknownRef {
        git_ref: String,
        known: Vec<String>,
    },
    Shallow {
        git_ref: String,
    },
    GitFailed {
        detail: String,
    },
    /// The folder of a `path` edition holds no `content/site.yaml`.
    NoContent {
        path: String,
    },
    /// The edition's content has errors; the first one is shown.
    DoesNotBuild {
        name: String,
        errors: usize,
        first: String,
    },
}

fn pick(lang: Lang, nl: String, en: String) -> String {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

impl EditionProblem {
    pub fn code(&self) -> &'static str {
        use EditionProblem::*;
        match self {
            NoCurrentName => "edition-current-name",
            NeedsRefOrPath { .. } => "edition-source",
            DuplicateName { .. } => "edition-duplicate",
            BadName { .. } => "edition-name",
            NotARepository { .. } => "edition-no-git",
            UnknownRef { .. } => "edition-unknown-ref",
            Shallow { .. } => "edition-shallow",
            GitFailed { .. } => "edition-git",
            NoContent { .. } => "edition-no-content",
            DoesNotBuild { .. } => "edition-does-not-build",
        }
    }

    #[rustfmt::skip] // one message a line: the case, its Dutch text, its English text
    pub fn message(&self, lang: Lang) -> String {
        use EditionProblem::*;
        match self {
            NoCurrentName => pick(lang, "site.yaml noemt eerdere edities, maar niet de naam van de huidige".into(), "site.yaml lists earlier editions, but not the name of the current one".into()),
            NeedsRefOrPath { name } => pick(lang, format!("editie `{name}` heeft precies één van `ref` en `path` nodig"), format!("edition `{name}` needs exactly one of `ref` and `path`")),
            DuplicateName { name } => pick(lang, format!("er zijn twee edities met de naam `{name}`"), format!("two editions are named `{name}`")),
            BadName { name } => pick(lang, format!("`{name}` kan geen naam van een eerdere editie zijn"), format!("`{name}` cannot be the name of an earlier edition")),
            NotARepository { name } => pick(lang, format!("editie `{name}` komt uit git, maar dit project staat niet in een git-repository"), format!("edition `{name}` comes from git, but this project is not in a git repository")),
            UnknownRef { git_ref, .. } => pick(lang, format!("git kent geen tag of commit `{git_ref}`"), format!("git knows no tag or commit `{git_ref}`")),
            Shallow { git_ref } => pick(lang, format!("`{git_ref}` ontbreekt: deze kopie van de repository heeft de geschiedenis niet (shallow clone)"),
                format!("`{git_ref}` is missing: this copy of the repository lacks the history (shallow clone)"),
            ),
            GitFailed { detail } => pick(lang, format!("git kon de editie niet lezen: {detail}"), format!("git could not read the edition: {detail}")),
            NoContent { path } => pick(lang, format!("de map `{path}` bevat geen content/site.yaml"), format!("the folder `{path}` holds no content/site.yaml")),
            DoesNotBuild { name, errors, first } => pick(lang, format!("editie `{name}` heeft {errors} fout(en) en kan niet worden gemaakt; de eerste: {first}"), format!("edition `{name}` has {errors} error(s) and cannot be built; the first: {first}")),
        }
    }

    #[rustfmt::skip] // one message a line: the case, its Dutch text, its English text
    pub fn help(&self, lang: Lang) -> Option<String> {
        use EditionProblem::*;
        Some(match self {
            NoCurrentName => pick(lang, "voeg `edition: <naam>` toe, bijvoorbeeld `edition: 2026-2027`".into(), "add `edition: <name>`, such as `edition: 2026-2027`".into()),
            NeedsRefOrPath { .. } => pick(lang, "geef `ref: <tag>` voor een editie uit git, of `path: <map>` voor een map met de content/ van die editie".into(), "give `ref: <tag>` for an edition from git, or `path: <folder>` for a folder with that edition's content/".into()),
            DuplicateName { .. } => pick(lang, "geef elke editie een eigen naam, bijvoorbeeld het schooljaar".into(), "give each edition a name of its own, such as the school year".into()),
            BadName { .. } => pick(lang, "gebruik letters, cijfers en `-`, zoals `2025-2026`, en niet de naam van de huidige editie".into(), "use letters, digits and `-`, such as `2025-2026`, and not the current edition's name".into()),
            NotARepository { .. } => pick(lang, "gebruik `path:` met een map die de content/ van die editie bevat, of zet het project in git".into(), "use `path:` with a folder holding that edition's content/, or put the project in git".into()),
            UnknownRef { known, .. } if !known.is_empty() => pick(lang, format!("maak de tag met `git tag <naam> <commit>`, of kies een bestaande: {}", known.join(", ")), format!("create the tag with `git tag <name> <commit>`, or choose one that exists: {}", known.join(", "))),
            UnknownRef { .. } => pick(lang, "maak de tag met `git tag <naam> <commit>` op de commit van die editie".into(), "create the tag with `git tag <name> <commit>` on that edition's commit".into()),
            Shallow { .. } => pick(lang, "haal de geschiedenis op met `git fetch --unshallow --tags`, of gebruik `path:` met een map".into(), "fetch the history with `git fetch --unshallow --tags`, or use `path:` with a folder".into()),
            GitFailed { .. } => return None,
            NoContent { .. } => pick(lang, "de map moet de content/ van die editie bevatten, met site.yaml erin".into(), "the folder must hold that edition's content/, with site.yaml in it".into()),
            DoesNotBuild { .. } => pick(lang, "controleer die editie met `zorgroute check --root <map>` of haal haar uit `editions`".into(), "check that edition with `zorgroute check --root <folder>` or remove it from `editions`".into()),
        })
    }
}
