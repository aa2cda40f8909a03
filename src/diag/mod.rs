//! Diagnostics: user mistakes as data. Every problem found in a run is
//! collected, then reported together, sorted by file and position.
//!
//! Every sentence the tool prints has its Dutch and English text in this
//! folder, the catalogue: `messages` (problems in the content), `scaffolding`
//! (what `init` and `new` refuse) and `reports` (the tool's own lines).

use std::io::Write;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};

pub mod editing;
pub mod editions;
pub mod messages;
pub mod reports;
pub mod scaffolding;
pub mod suggest;

use crate::i18n::Lang;
use crate::source::{Sources, Span};
pub use messages::Problem;
pub use reports::{DueTask, OutputRefusal, Report, ToolProblem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, where it is, and in which region it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub problem: Problem,
    pub span: Option<Span>,
    /// The region being resolved when the problem showed, for problems in
    /// standard files that only some regions have.
    pub region: Option<String>,
    /// Other places that explain the problem (e.g. the first of two duplicates).
    pub related: Vec<Span>,
}

impl Diagnostic {
    pub fn error(problem: Problem, span: Option<Span>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            problem,
            span,
            region: None,
            related: Vec::new(),
        }
    }

    pub fn warning(problem: Problem, span: Option<Span>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(problem, span)
        }
    }

    #[must_use]
    pub fn in_region(mut self, region: &str) -> Diagnostic {
        self.region = Some(region.to_string());
        self
    }

    #[must_use]
    pub fn with_related(mut self, span: Span) -> Diagnostic {
        self.related.push(span);
        self
    }

    /// The same diagnostic about the same file under another file id.
    #[must_use]
    pub fn in_file(mut self, id: crate::source::FileId) -> Diagnostic {
        for span in self.span.iter_mut().chain(self.related.iter_mut()) {
            span.file = id;
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts by file and position, and merges repeats: a mistake in a standard
/// file found in several regions shows once, naming those regions.
pub fn normalize(diags: &mut Vec<Diagnostic>, sources: &Sources) {
    let key = |d: &Diagnostic| {
        let file = d.span.map(|s| sources.get(s.file).name.clone());
        (file, d.span.map(|s| s.start), d.severity, d.problem.code())
    };
    diags.sort_by(|a, b| key(a).cmp(&key(b)));
    let mut merged: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    for d in diags.drain(..) {
        let same = merged
            .iter_mut()
            .rev()
            .take_while(|m| key(m) == key(&d))
            .find(|m| m.problem == d.problem && m.span == d.span);
        match same {
            Some(m) => {
                if let (Some(have), Some(new)) = (&mut m.region, &d.region) {
                    if !have.split(", ").any(|r| r == new) {
                        have.push_str(", ");
                        have.push_str(new);
                    }
                }
            }
            None => merged.push(d),
        }
    }
    *diags = merged;
}

/// How to print diagnostics for a person.
#[derive(Debug, Clone, Copy)]
pub struct HumanStyle {
    pub color: bool,
}

/// Writes diagnostics as rustc-style snippets: file:line:column, the line, a
/// caret under the offending part, and a help line.
pub fn write_human(
    out: &mut dyn termcolor::WriteColor,
    diags: &[Diagnostic],
    sources: &Sources,
    lang: Lang,
) -> std::io::Result<()> {
    // Only the files the diagnostics point into: adding a file indexes its
    // lines, and the live preview prints warnings after every rebuild of a
    // project of a thousand files.
    let mut files = SimpleFiles::new();
    let mut ids: Vec<usize> = vec![usize::MAX; sources.len()];
    for span in diags.iter().flat_map(|d| d.span.iter().chain(&d.related)) {
        if let Some(id @ &mut usize::MAX) = ids.get_mut(span.file.0 as usize) {
            let f = sources.get(span.file);
            *id = files.add(f.name.clone(), f.text.as_str());
        }
    }
    let config = term::Config::default();
    for d in diags {
        let mut message = d.problem.message(lang);
        if let Some(region) = &d.region {
            message = format!("{message} ({})", crate::diag::messages::in_region(lang, region));
        }
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        }
        .with_code(d.problem.code())
        .with_message(message);
        let mut labels = Vec::new();
        if let Some(span) = d.span {
            labels.push(Label::primary(ids[span.file.0 as usize], span.range()));
        }
        for rel in &d.related {
            labels.push(
                Label::secondary(ids[rel.file.0 as usize], rel.range())
                    .with_message(crate::diag::messages::see_also(lang)),
            );
        }
        cs = cs.with_labels(labels);
        if let Some(help) = d.problem.help(lang) {
            cs = cs.with_notes(vec![format!("{}: {help}", crate::diag::messages::help_word(lang))]);
        }
        term::emit_to_write_style(out, &config, &files, &cs).map_err(std::io::Error::other)?;
    }
    Ok(())
}

/// The diagnostics as plain text without colour, e.g. for tests and the browser overlay.
pub fn to_plain_string(diags: &[Diagnostic], sources: &Sources, lang: Lang) -> String {
    let mut buf = termcolor::NoColor::new(Vec::new());
    // Writing into memory cannot fail.
    let _ = write_human(&mut buf, diags, sources, lang);
    String::from_utf8_lossy(&buf.into_inner()).into_owned()
}

/// One diagnostic as a JSON object for tools: severity, code, file, line,
/// column, message, help.
#[derive(Debug, serde::Serialize)]
pub struct JsonDiagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub region: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

pub fn to_json(diags: &[Diagnostic], sources: &Sources, lang: Lang) -> Vec<JsonDiagnostic> {
    diags
        .iter()
        .map(|d| {
            let (file, line, column) = match d.span {
                Some(span) => {
                    let f = sources.get(span.file);
                    let (line, col) = f.line_col(span.start);
                    (Some(f.name.clone()), Some(line), Some(col))
                }
                None => (None, None, None),
            };
            JsonDiagnostic {
                severity: d.severity,
                code: d.problem.code(),
                file,
                line,
                column,
                region: d.region.clone(),
                message: d.problem.message(lang),
                help: d.problem.help(lang),
            }
        })
        .collect()
}

/// A one-line summary: "2 errors, 1 warning".
pub fn summary(diags: &[Diagnostic], lang: Lang) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    crate::diag::messages::summary(lang, errors, warnings)
}

/// Prints to standard error with colour only on a terminal (and never with NO_COLOR).
pub fn eprint(diags: &[Diagnostic], sources: &Sources, lang: Lang) {
    use std::io::IsTerminal;
    let choice = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    };
    let stream = termcolor::StandardStream::stderr(choice);
    let mut lock = stream.lock();
    let _ = write_human(&mut lock, diags, sources, lang);
    let _ = lock.flush();
}
