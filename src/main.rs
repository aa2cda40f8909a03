//! The `zorgroute` command line: a thin layer over the library's pipeline.
//! Exit codes: 0 done, 1 mistakes in the content, 2 the command itself is wrong.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use zorgroute::diag::{self, Diagnostic};
use zorgroute::i18n::Lang;
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
        #[arg(long, default_value = "nl", value_parser = parse_lang)]
        language: Lang,
    },
    /// Add one file with every field and a comment per field, ready to fill in.
    New {
        /// What to add: region, procedure, actor, agreement, route or page.
        #[arg(value_parser = parse_kind)]
        kind: NewKind,
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
        Command::Schema { kind } => schema(kind.as_deref()),
        Command::Serve { root, port, bind, open } => serve(root, port, bind, open),
        Command::Init { dir, language } => init(&dir, language),
        Command::New { kind, id, region, root } => new(&root, kind, &id, region.as_deref()),
    }
}

fn build(root: PathBuf, out: PathBuf, force: bool) -> ExitCode {
    let out = if out.is_absolute() { out } else { root.join(out) };
    if let Err(reason) = zorgroute::write::check_output_folder(&root, &out, force) {
        eprintln!("zorgroute: {reason}");
        return ExitCode::from(2);
    }
    match pipeline::build(&BuildOptions {
        root,
        out: out.clone(),
        today: pipeline::today(),
    }) {
        Ok(report) => {
            let c = &report.checked;
            diag::eprint(&c.diagnostics, &c.project.sources, c.lang);
            let written = match c.lang {
                Lang::Nl => "pagina's geschreven",
                Lang::En => "pages written",
            };
            println!(
                "{} {written} -> {} ({} ms)",
                report.pages,
                out.display(),
                report.elapsed.as_millis()
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

fn schema(kind: Option<&str>) -> ExitCode {
    let value = match kind {
        None => zorgroute::raw::schema::all(),
        Some("handboek") => zorgroute::export::json::schema(),
        Some(k) => match zorgroute::raw::schema::for_kind(k) {
            Some(v) => v,
            None => {
                eprintln!(
                    "zorgroute: unknown kind `{k}`; choose from {}, or handboek",
                    zorgroute::raw::schema::KINDS.join(", ")
                );
                return ExitCode::from(2);
            }
        },
    };
    let mut stdout = std::io::stdout().lock();
    let _ = serde_json::to_writer_pretty(&mut stdout, &value);
    let _ = writeln!(stdout);
    ExitCode::SUCCESS
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| format!("unknown language `{text}`; choose nl or en"))
}

fn parse_kind(text: &str) -> Result<NewKind, String> {
    NewKind::parse(text).ok_or_else(|| {
        let kinds: Vec<&str> = NewKind::ALL.iter().map(|k| k.word()).collect();
        format!("unknown kind `{text}`; choose from {}", kinds.join(", "))
    })
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

fn init(dir: &Path, lang: Lang) -> ExitCode {
    match scaffold::init(dir, lang) {
        Ok(created) => {
            let (made, next) = match lang {
                Lang::Nl => ("bestanden gemaakt in", "Bekijk het resultaat met"),
                Lang::En => ("files created in", "See the result with"),
            };
            println!("{} {made} {}", created.len(), dir.display());
            println!("{next}: zorgroute build --root {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => scaffold_failure(&e),
    }
}

fn new(root: &Path, kind: NewKind, id: &str, region: Option<&str>) -> ExitCode {
    match scaffold::new_file(root, kind, id, region) {
        Ok(created) => {
            let (made, next) = match scaffold::site_lang(root) {
                Lang::Nl => ("gemaakt", "Vul het bestand in en controleer met: zorgroute check"),
                Lang::En => ("created", "Fill in the file and check with: zorgroute check"),
            };
            for path in &created {
                println!("{made}: {}", path.display());
            }
            println!("{next}");
            ExitCode::SUCCESS
        }
        Err(e) => scaffold_failure(&e),
    }
}

fn serve(root: PathBuf, port: u16, bind: std::net::IpAddr, open: bool) -> ExitCode {
    match zorgroute::serve::run(zorgroute::serve::Options { root, bind, port, open }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zorgroute serve: {e}");
            ExitCode::from(2)
        }
    }
}
