//! `mediavet`: probe media facts and check submissions against a delivery profile. A thin
//! binary: the arguments (`args`), one file per command (`commands/`), and the library.

mod args;
mod commands;
mod progress;
mod walk;

use args::{Cli, Command};
use clap::Parser;
use mediavet::text::author::AuthorDetails;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!(
                "mediavet: {}",
                mediavet::printer::safe::text(&e.to_string())
            );
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, mediavet::Error> {
    let out = &mut std::io::stdout().lock();
    match command {
        Command::Probe {
            levels,
            frames,
            files,
        } => commands::probe::run(out, levels, frames, &files),
        Command::Check {
            profile,
            format,
            html,
            lang,
            jobs,
            debug_frames,
            author_name,
            author_unit,
            author_phone,
            author_email,
            paths,
        } => {
            let author = AuthorDetails {
                name: author_name,
                unit: author_unit,
                phone: author_phone,
                email: author_email,
            };
            let args = commands::check::Args {
                profile,
                format,
                html,
                lang,
                jobs,
                debug_frames,
                author,
                paths,
            };
            commands::check::run(out, args)
        }
        Command::Intake {
            config,
            format,
            html,
            lang,
            jobs,
            mask_names,
            reference,
            paths,
        } => commands::intake::run(
            out,
            commands::intake::Args {
                config,
                format,
                html,
                lang,
                jobs,
                mask_names,
                reference,
                paths,
            },
        ),
        Command::Rules { profile } => commands::rules::run(out, &profile),
        Command::Explain { rule } => commands::explain::run(out, &rule),
        Command::Profiles { name } => commands::profiles::run(out, name.as_deref()),
    }
}
