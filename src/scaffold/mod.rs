//! Scaffolding: `zorgroute init` writes a small project that builds at once
//! (`init.rs`); `zorgroute new` writes one file with every field of its kind,
//! each with a short comment, ready to fill in (`new.rs`). Both only ever
//! create files: an existing file or a non-empty folder is refused, never
//! overwritten. What they refuse is worded in `diag::scaffolding`.

mod init;
mod new;

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

pub use crate::diag::scaffolding::{NewKind, ScaffoldProblem};
use crate::i18n::Lang;
pub use init::init;
pub use new::new_file;

/// Why a scaffolding command did not create anything (or stopped halfway on a
/// write error). Its text is in the language of the project being changed.
#[derive(Debug)]
pub struct ScaffoldError {
    lang: Lang,
    problem: ScaffoldProblem,
}

impl ScaffoldError {
    fn new(lang: Lang, problem: ScaffoldProblem) -> ScaffoldError {
        ScaffoldError { lang, problem }
    }

    pub fn problem(&self) -> &ScaffoldProblem {
        &self.problem
    }

    /// The language the error is shown in by `Display`.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message in `lang`, in plain words, saying what to do instead.
    pub fn message(&self, lang: Lang) -> String {
        self.problem.message(lang)
    }
}

impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(self.lang))
    }
}

impl std::error::Error for ScaffoldError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.problem {
            ScaffoldProblem::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// The current and the next school year (`2025-2026`); a Dutch school year
/// starts in August or September, so from August on the new one has begun.
fn school_years(today: time::Date) -> (String, String) {
    let y = today.year();
    let start = if u8::from(today.month()) >= 8 { y } else { y - 1 };
    (format!("{start}-{}", start + 1), format!("{}-{}", start + 1, start + 2))
}

/// Writes `text` to a file that must not exist yet. `create_new` makes the
/// check and the creation one step, so a file appearing meanwhile is not lost.
fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldProblem> {
    let io_err = |error| ScaffoldProblem::Io {
        path: path.to_path_buf(),
        error,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io_err)?;
    }
    let mut file = match fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(ScaffoldProblem::Exists {
                path: path.to_path_buf(),
            })
        }
        Err(e) => return Err(io_err(e)),
    };
    file.write_all(text.as_bytes()).map_err(io_err)
}

/// The language of the project at `root` (`language` in content/site.yaml),
/// Dutch when it is not set or cannot be read.
pub fn site_lang(root: &Path) -> Lang {
    ["site.yaml", "site.yml"]
        .iter()
        .find_map(|name| fs::read_to_string(root.join("content").join(name)).ok())
        .and_then(|text| serde_yaml::from_str::<crate::raw::RawSite>(&text).ok())
        .and_then(|site| site.language.as_deref().and_then(Lang::parse))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn school_years_turn_in_august() {
        let date = |y, m, d| time::Date::from_calendar_date(y, m, d).expect("a date");
        assert_eq!(school_years(date(2026, time::Month::July, 31)).0, "2025-2026");
        assert_eq!(
            school_years(date(2026, time::Month::August, 1)),
            ("2026-2027".to_string(), "2027-2028".to_string())
        );
    }
}
