//! `zorgroute init DIR`: a starter project that builds at once, from the
//! template files under `src/scaffold/init/<lang>/` with today's dates.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{school_years, write_new, ScaffoldError, ScaffoldProblem};
use crate::i18n::Lang;

/// One file of the starter project: its path under the project folder and its
/// text with `{{placeholders}}` for dates.
type Template = (&'static str, &'static str);

/// The starter project's files, embedded so the binary needs nothing beside it.
/// `include_str!` (not `include_dir!`) so that cargo rebuilds when one changes.
macro_rules! templates {
    ($lang:literal: $($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("init/", $lang, "/", $path)))),*]
    };
}

const INIT_NL: &[Template] = templates!("nl":
    "content/site.yaml",
    "content/_standaard/glossary.yaml",
    "content/_standaard/actors/leerkracht.md",
    "content/_standaard/actors/ouders.md",
    "content/_standaard/actors/intern-begeleider.md",
    "content/_standaard/actors/consulent-swv.md",
    "content/_standaard/actors/swv-bureau.md",
    "content/_standaard/actors/wijkteam.md",
    "content/_standaard/procedures/zorg-in-de-groep.md",
    "content/_standaard/procedures/leerlingbespreking.md",
    "content/_standaard/procedures/arrangement-aanvragen.md",
    "content/_standaard/procedures/hulp-via-wijkteam.md",
    "content/_standaard/agreements/afspraken-wijkteam.md",
    "content/_standaard/routes/van-signaal-tot-arrangement.yaml",
    "content/_standaard/pages/index.md",
    "content/_standaard/pages/over-dit-handboek.md",
    "content/voorbeeldregio/region.yaml",
    "content/voorbeeldregio/pages/index.md",
);

const INIT_EN: &[Template] = templates!("en":
    "content/site.yaml",
    "content/_standaard/glossary.yaml",
    "content/_standaard/actors/teacher.md",
    "content/_standaard/actors/parents.md",
    "content/_standaard/actors/support-coordinator.md",
    "content/_standaard/actors/inclusion-consultant.md",
    "content/_standaard/actors/partnership-office.md",
    "content/_standaard/actors/neighbourhood-team.md",
    "content/_standaard/procedures/support-in-class.md",
    "content/_standaard/procedures/pupil-review.md",
    "content/_standaard/procedures/support-package.md",
    "content/_standaard/procedures/help-at-home.md",
    "content/_standaard/agreements/agreement-neighbourhood-team.md",
    "content/_standaard/routes/from-concern-to-support.yaml",
    "content/_standaard/pages/index.md",
    "content/_standaard/pages/about-this-handbook.md",
    "content/example-region/region.yaml",
    "content/example-region/pages/index.md",
);

/// Keeps the build output out of version control; written only when absent.
const GITIGNORE: &str = "/public/\n/.public.zorgroute-spare/\n";

/// Fills in the dates of a starter file. They are computed from today, so a
/// fresh project never starts with a stale contact or an agreement past its
/// review, however old the binary is.
fn fill_dates(text: &str, today: time::Date) -> String {
    let (year, next) = school_years(today);
    // Two years ahead, counted in days so that 29 February cannot fail.
    let review = today.saturating_add(time::Duration::days(730));
    text.replace("{{today}}", &today.to_string())
        .replace("{{review}}", &review.to_string())
        .replace("{{year}}", &year)
        .replace("{{next_year}}", &next)
}

/// Creates a new project in `dir` that builds at once: `content/site.yaml`, a
/// small standard route in `content/_standaard/` (actors, four procedures over
/// the four levels, an agreement, a route, a glossary, two pages) and one
/// region with its own home page. Dutch texts, or English with `Lang::En`.
///
/// Creates `dir` when needed and refuses a folder that already holds files;
/// hidden entries such as `.git` are allowed, so `git init` may come first.
/// Returns the created files.
pub fn init(dir: &Path, lang: Lang) -> Result<Vec<PathBuf>, ScaffoldError> {
    let err = |problem| ScaffoldError::new(lang, problem);
    ensure_empty_folder(dir).map_err(err)?;
    let today = crate::pipeline::today();
    let templates = match lang {
        Lang::Nl => INIT_NL,
        Lang::En => INIT_EN,
    };
    let mut created = Vec::with_capacity(templates.len() + 1);
    for (rel, text) in templates {
        let path = dir.join(rel);
        write_new(&path, &fill_dates(text, today)).map_err(err)?;
        created.push(path);
    }
    let gitignore = dir.join(".gitignore");
    match write_new(&gitignore, GITIGNORE) {
        Ok(()) => created.push(gitignore),
        // The user's own .gitignore stays as it is.
        Err(ScaffoldProblem::Exists { .. }) => {}
        Err(e) => return Err(err(e)),
    }
    Ok(created)
}

fn ensure_empty_folder(dir: &Path) -> Result<(), ScaffoldProblem> {
    let io_err = |error| ScaffoldProblem::Io {
        path: dir.to_path_buf(),
        error,
    };
    if dir.exists() && !dir.is_dir() {
        return Err(ScaffoldProblem::NotAFolder {
            path: dir.to_path_buf(),
        });
    }
    match fs::read_dir(dir) {
        Ok(entries) => {
            for entry in entries {
                let entry = entry.map_err(io_err)?;
                if !entry.file_name().to_string_lossy().starts_with('.') {
                    return Err(ScaffoldProblem::NotEmpty { dir: dir.to_path_buf() });
                }
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir_all(dir).map_err(io_err),
        Err(e) => Err(io_err(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_starter_file_is_filled_in() {
        for t in [INIT_NL, INIT_EN] {
            for (path, text) in t {
                let filled = fill_dates(text, time::macros::date!(2026 - 02 - 28));
                assert!(!filled.contains("{{"), "{path}");
            }
        }
    }
}
