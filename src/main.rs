//! The `zorgroute` command line: a thin layer over the library's pipeline.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use zorgroute::diag;
use zorgroute::pipeline::{self, BuildOptions};

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
    },
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
        Command::Build { root, out } => build(root, out),
    }
}

fn build(root: PathBuf, out: PathBuf) -> ExitCode {
    let out = if out.is_absolute() { out } else { root.join(out) };
    match pipeline::build(&BuildOptions { root, out: out.clone() }) {
        Ok(report) => {
            let c = &report.checked;
            diag::eprint(&c.diagnostics, &c.project.sources, c.lang);
            println!(
                "{} {} -> {} ({} ms)",
                report.pages,
                if c.lang == zorgroute::i18n::Lang::En {
                    "pages written"
                } else {
                    "pagina's geschreven"
                },
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
