//! The command-line layer: argument parsing, one function per subcommand, and the only
//! place that prints. Everything else is the library's.

mod aggregate;
mod args;
mod batch;
mod fonts;
mod import;
mod preview;
mod render;
mod templates;
mod validate;
mod workbook;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use nianbao::{Diagnostic, Severity};

use args::{Cli, Command};

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything worked.
    Success,
    /// Bad data or a failed render.
    Failure,
    /// The tool itself failed (fonts, files, templates that cannot be read).
    Error,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> Self {
        match s {
            Status::Success => ExitCode::SUCCESS,
            Status::Failure => ExitCode::from(1),
            Status::Error => ExitCode::from(2),
        }
    }
}

/// Run the CLI.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let status = match &cli.command {
        Command::Render(args) => render::render(args),
        Command::Batch(args) => batch::batch(args),
        Command::Preview(args) => preview::preview(args),
        Command::Validate(args) => validate::validate(args),
        Command::Import(args) => import::import(args),
        Command::Aggregate(args) => aggregate::aggregate(args),
        Command::Schema => {
            let schema = nianbao::model::schema::json_schema();
            println!("{}", serde_json::to_string_pretty(&schema).expect("schema serializes"));
            Status::Success
        }
        Command::Fonts(args) => fonts::fonts(args),
        Command::Templates(args) => templates::templates(args),
        Command::Workbook(args) => workbook::workbook(args),
    };
    status.into()
}

/// Print findings to stderr, errors first, each once.
pub fn print_diagnostics(diags: &[Diagnostic]) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by_key(|d| d.severity);
    let mut err = std::io::stderr().lock();
    for d in sorted {
        let text = d.to_string();
        if color {
            let (start, rest) = text.split_once(':').unwrap_or((&text, ""));
            let code = match d.severity {
                Severity::Error => "31",
                Severity::Warning => "33",
                Severity::Info => "36",
            };
            let _ = writeln!(err, "\x1b[1;{code}m{start}\x1b[0m:{rest}");
        } else {
            let _ = writeln!(err, "{text}");
        }
    }
}

/// Print a line of a command's own output to stdout.
pub fn out(line: &str) {
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// Print a one-line message to stderr.
pub fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}
