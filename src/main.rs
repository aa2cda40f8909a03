//! The `zorgroute` command line: a thin layer over the library's pipeline.
//! It parses arguments, calls the library and prints what the catalogue
//! (`diag`) says, in the site's language where there is a site.
//! Exit codes: 0 done, 1 mistakes in the content, 2 the command itself is wrong.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use zorgroute::check::upkeep;
use zorgroute::diag::{self, Diagnostic, Report, ToolProblem};
use zorgroute::diff::present;
use zorgroute::export;
use zorgroute::i18n::Lang;
use zorgroute::pipeline::compare::{self, CompareFailure};
use zorgroute::pipeline::{self, BuildOptions};
use zorgroute::scaffold::{self, NewKind, ScaffoldProblem};

// mimalloc instead of the system allocator: a build allocates and frees
// millions of small strings (template values, HTML fragments, diagram items)
// from several threads, where glibc's malloc spent a fifth of the CPU time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "zorgroute",
    version,
    about = "Builds a care-route handbook website from Markdown and YAML"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the whole site into the output folder.
    Build {
        /// The project folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; relative paths are taken from the project folder.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Replace a non-empty output folder that zorgroute did not write.
        #[arg(long)]
        force: bool,
    },
    /// Preview the site while you edit: builds, serves it on this computer and
    /// rebuilds on every change; the browser reloads by itself.
    Serve {
        /// The project folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to serve on (0: any free port).
        #[arg(long, default_value_t = 4000)]
        port: u16,
        /// The address to serve on. Only 127.0.0.1 (this computer) is private.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the preview in the browser.
        #[arg(long)]
        open: bool,
        /// Serve the preview without its editor: nothing can be changed from the browser.
        #[arg(long)]
        read_only: bool,
    },
    /// Check everything without writing the site; report all problems at once.
    Check {
        /// The project folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to report: for people, or as JSON for tools.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail (exit 1) on warnings too, e.g. in a region's own CI.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Start a new handbook project that builds at once (in an empty or new folder).
    Init {
        /// The folder to create the project in; it may exist, but must be empty.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The language of the texts and the site: nl or en.
        #[arg(long, default_value = "nl")]
        language: String,
    },
    /// Add one file with every field and a comment per field, ready to fill in.
    New {
        /// What to add: region, procedure, actor, agreement, route or page.
        kind: String,
        /// Its id, which is also its file name: lower-case letters, digits and hyphens.
        id: String,
        /// The folder under content/ to add it to (a region, or _standaard);
        /// by default _standaard when it exists, else the only region.
        #[arg(long)]
        region: Option<String>,
        /// The project folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Show what changed between two editions, in the terms of the handbook:
    /// by default from the newest earlier edition in site.yaml to the working tree.
    Diff {
        /// The older edition: a name from site.yaml's `editions`, or a git tag or commit.
        from: Option<String>,
        /// The newer edition, the same way; the working tree when left out.
        to: Option<String>,
        /// The project folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to report: for people, or as JSON for tools.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// List what is due per owner: agreement reviews, contact details to check
    /// (a year after `verified`) and page reviews, overdue ones included.
    Review {
        /// The project folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How many days ahead to look; by default site.yaml's
        /// `review_warning_days` (60 when it sets none).
        #[arg(long)]
        within: Option<u32>,
        /// How to report: for people, as JSON or CSV records, or as an iCalendar file.
        #[arg(long, value_enum, default_value_t = ReviewFormat::Human)]
        format: ReviewFormat,
    },
    /// Print the JSON Schema of a kind of file (or of all), for editors; or of
    /// the `handboek.json` export.
    Schema {
        /// site, region, actor, procedure, agreement, route, page or glossary; all when left out.
        /// `handboek`: the schema of the `<region>/handboek.json` export.
        kind: Option<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReviewFormat {
    Human,
    Json,
    Csv,
    Ics,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap's own codes: 0 for --help and --version, 2 for usage errors.
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Build { root, out, force } => build(root, out, force),
        Command::Check {
            root,
            format,
            deny_warnings,
        } => check(&root, format, deny_warnings),
        Command::Review { root, within, format } => review(&root, within, format),
        Command::Schema { kind } => schema(kind.as_deref()),
        Command::Diff { from, to, root, format } => diff(&root, from.as_deref(), to.as_deref(), format),
        Command::Serve {
            root,
            port,
            bind,
            open,
            read_only,
        } => serve(zorgroute::serve::Options {
            root,
            port,
            bind,
            open,
            read_only,
        }),
        Command::Init { dir, language } => init(&dir, &language),
        Command::New { kind, id, region, root } => new(&root, &kind, &id, region.as_deref()),
    }
}

fn build(root: PathBuf, out: PathBuf, force: bool) -> ExitCode {
    let out = if out.is_absolute() { out } else { root.join(out) };
    if let Err(reason) = zorgroute::write::check_output_folder(&root, &out, force) {
        return refuse(&ToolProblem::OutputRefused { reason }, scaffold::site_lang(&root));
    }
    match pipeline::build(&BuildOptions {
        root,
        out: out.clone(),
        today: pipeline::today(),
    }) {
        Ok(report) => {
            let c = &report.checked;
            diag::eprint(&c.diagnostics, &c.project.sources, c.lang);
            say(
                &Report::Built {
                    pages: report.pages,
                    out,
                    ms: report.elapsed.as_millis(),
                },
                c.lang,
            );
            ExitCode::SUCCESS
        }
        Err(failure) => {
            let c = &failure.checked;
            diag::eprint(&failure.diagnostics, &c.project.sources, c.lang);
            eprintln!("{}", diag::summary(&failure.diagnostics, c.lang));
            ExitCode::from(1)
        }
    }
}

fn check(root: &Path, format: Format, deny_warnings: bool) -> ExitCode {
    let checked = pipeline::check(root);
    let diags: &[Diagnostic] = &checked.diagnostics;
    match format {
        Format::Human => {
            diag::eprint(diags, &checked.project.sources, checked.lang);
            eprintln!("{}", diag::summary(diags, checked.lang));
        }
        Format::Json => {
            let json = diag::to_json(diags, &checked.project.sources, checked.lang);
            let mut stdout = std::io::stdout().lock();
            let _ = serde_json::to_writer_pretty(&mut stdout, &json);
            let _ = writeln!(stdout);
        }
    }
    let failed = checked.has_errors() || (deny_warnings && !diags.is_empty());
    ExitCode::from(u8::from(failed))
}

fn diff(root: &Path, from: Option<&str>, to: Option<&str>, format: Format) -> ExitCode {
    let checked = pipeline::check(root);
    let (sources, lang) = (&checked.project.sources, checked.lang);
    let comparison = match compare::compare(&checked, from, to) {
        Ok(c) => c,
        Err(CompareFailure::Content) => {
            diag::eprint(&checked.diagnostics, sources, lang);
            eprintln!("{}", diag::summary(&checked.diagnostics, lang));
            return ExitCode::from(1);
        }
        Err(CompareFailure::NoEarlier) => return refuse(&ToolProblem::NoEarlierEdition, lang),
        // An edition named on the command line: the command is wrong.
        Err(CompareFailure::Edition(d)) => {
            diag::eprint(std::slice::from_ref(&*d), sources, lang);
            return ExitCode::from(2);
        }
    };
    let mut stdout = std::io::stdout().lock();
    match format {
        Format::Human => {
            let t = &comparison.theme.strings;
            let (from, to) = (comparison.from.name, comparison.to.name);
            let _ = writeln!(stdout, "{}", Report::Comparing { from, to }.text(lang));
            if comparison.regions.is_empty() {
                let _ = writeln!(stdout, "{}", Report::NoChanges.text(lang));
            }
            for region in &comparison.regions {
                let _ = writeln!(stdout, "\n{} ({})", region.name, region.slug);
                for line in present::terminal_lines(&region.changes, t) {
                    let _ = writeln!(stdout, "{line}");
                }
            }
        }
        Format::Json => {
            let records: Vec<present::ChangeRecord<'_>> = (comparison.regions.iter())
                .flat_map(|r| r.changes.iter().map(|c| present::ChangeRecord::new(&r.slug, c)))
                .collect();
            let _ = serde_json::to_writer_pretty(&mut stdout, &records);
            let _ = writeln!(stdout);
        }
    }
    ExitCode::SUCCESS
}

fn review(root: &Path, within: Option<u32>, format: ReviewFormat) -> ExitCode {
    let today = pipeline::today();
    let checked = pipeline::check_at(root, today);
    let Some(resolved) = checked.renderable() else {
        diag::eprint(&checked.diagnostics, &checked.project.sources, checked.lang);
        eprintln!("{}", diag::summary(&checked.diagnostics, checked.lang));
        return ExitCode::from(1);
    };
    let site = &resolved.site;
    let within = within.unwrap_or(site.review_warning_days);
    let items = upkeep::due(site, today, within);
    let lang = site.lang;
    let bytes = match format {
        ReviewFormat::Human => export::upkeep::human(&items, today, within, lang).into_bytes(),
        ReviewFormat::Json => export::upkeep::json(&items, today, lang).into_bytes(),
        ReviewFormat::Csv => export::upkeep::csv(&items, today, lang).into_bytes(),
        ReviewFormat::Ics => export::upkeep::ics(site, &items, today),
    };
    let _ = std::io::stdout().lock().write_all(&bytes);
    ExitCode::SUCCESS
}

fn schema(kind: Option<&str>) -> ExitCode {
    let value = match kind {
        None => zorgroute::raw::schema::all(),
        Some("handboek") => zorgroute::export::json::schema(),
        Some(k) => match zorgroute::raw::schema::for_kind(k) {
            Some(v) => v,
            None => {
                let problem = ToolProblem::UnknownSchemaKind {
                    kind: k.to_string(),
                    kinds: zorgroute::raw::schema::KINDS,
                };
                // No --root: editors ask for schemas from within the project folder.
                return refuse(&problem, scaffold::site_lang(Path::new(".")));
            }
        },
    };
    let mut stdout = std::io::stdout().lock();
    let _ = serde_json::to_writer_pretty(&mut stdout, &value);
    let _ = writeln!(stdout);
    ExitCode::SUCCESS
}

/// Prints one of the tool's own lines.
fn say(report: &Report, lang: Lang) {
    println!("{}", report.text(lang));
}

/// Reports why the command cannot run; exit code 2: the command is wrong.
fn refuse(problem: &ToolProblem, lang: Lang) -> ExitCode {
    eprintln!("zorgroute: {}", problem.message(lang));
    ExitCode::from(2)
}

/// Exit code of a scaffolding error: 2 when the command asked for something
/// that cannot be done (refused), 1 when writing failed.
fn scaffold_failure(e: &scaffold::ScaffoldError) -> ExitCode {
    eprintln!("zorgroute: {e}");
    ExitCode::from(if matches!(e.problem(), ScaffoldProblem::Io { .. }) {
        1
    } else {
        2
    })
}

fn init(dir: &Path, language: &str) -> ExitCode {
    // The language is parsed here, not by clap, so the refusal reads as ours.
    let Some(lang) = Lang::parse(language) else {
        let problem = ToolProblem::UnknownLanguage {
            text: language.to_string(),
        };
        return refuse(&problem, Lang::default());
    };
    match scaffold::init(dir, lang) {
        Ok(created) => {
            let dir = dir.to_path_buf();
            say(
                &Report::Initialised {
                    files: created.len(),
                    dir: dir.clone(),
                },
                lang,
            );
            say(&Report::InitNext { dir }, lang);
            ExitCode::SUCCESS
        }
        Err(e) => scaffold_failure(&e),
    }
}

fn new(root: &Path, kind: &str, id: &str, region: Option<&str>) -> ExitCode {
    // Parsed here, not by clap, so the refusal is in the site's language.
    let lang = scaffold::site_lang(root);
    let Some(kind) = NewKind::parse(kind) else {
        return refuse(&ToolProblem::UnknownNewKind { text: kind.to_string() }, lang);
    };
    match scaffold::new_file(root, kind, id, region) {
        Ok(created) => {
            for path in created {
                say(&Report::Created { path }, lang);
            }
            say(&Report::NewNext, lang);
            ExitCode::SUCCESS
        }
        Err(e) => scaffold_failure(&e),
    }
}

fn serve(options: zorgroute::serve::Options) -> ExitCode {
    let lang = scaffold::site_lang(&options.root);
    match zorgroute::serve::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let problem = ToolProblem::ServeFailed { error: e.to_string() };
            eprintln!("zorgroute serve: {}", problem.message(lang));
            ExitCode::from(2)
        }
    }
}
