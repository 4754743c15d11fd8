//! `mediavet`: probe media facts and check submissions against a delivery profile.

mod human;
mod junit;
mod progress;
mod walk;

use clap::{Parser, Subcommand, ValueEnum};
use mediavet::{facts::SCHEMA_VERSION, rules, Lang, Profile, Verdict};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "mediavet",
    version,
    about = "Check media submissions against a delivery spec: what passes, what fails, how to fix it."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the facts of each file as JSON (no judgement).
    Probe {
        /// Also decode the audio and measure its levels (peak, loudness, VU).
        #[arg(long)]
        levels: bool,
        /// Also sample and decode keyframes and search them for watermarks and QR codes.
        #[arg(long)]
        frames: bool,
        /// Files to probe.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Check files (directories are walked recursively) against a profile.
    Check {
        /// Built-in profile name or a profile TOML file.
        #[arg(long, short, default_value = "micro-video")]
        profile: String,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Message language (default from LANG).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Files checked in parallel (default: one per core).
        #[arg(long, short)]
        jobs: Option<usize>,
        /// Write each video's sampled frames and watermark persistence map (marks boxed)
        /// as PNG into DIR/<file name>/.
        #[arg(long, value_name = "DIR")]
        debug_frames: Option<PathBuf>,
        /// The author's name, searched for in text entries (text.author_info).
        #[arg(long, value_name = "NAME")]
        author_name: Option<String>,
        /// The author's work unit or school, searched for in text entries.
        #[arg(long, value_name = "UNIT")]
        author_unit: Option<String>,
        /// The author's phone number, searched for in text entries (compared on digits).
        #[arg(long, value_name = "PHONE")]
        author_phone: Option<String>,
        /// The author's e-mail address, searched for in text entries.
        #[arg(long, value_name = "EMAIL")]
        author_email: Option<String>,
        /// Files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// List every rule with its severity under a profile.
    Rules {
        /// Built-in profile name or a profile TOML file.
        #[arg(long, short, default_value = "micro-video")]
        profile: String,
    },
    /// Print a rule's full documentation.
    Explain {
        /// Rule id, e.g. video.bitrate.
        rule: String,
    },
    /// List the built-in profiles, or print one as TOML.
    Profiles {
        /// Profile to print.
        name: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Junit,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mediavet: {e}");
            ExitCode::from(2)
        }
    }
}

/// The exit status `code` once the output is written: a closed pipe (the reader, `head`
/// say, has seen enough) ends the program quietly with that status, as ripgrep does; any
/// other write error is the tool's.
fn written(result: std::io::Result<()>, code: ExitCode) -> Result<ExitCode, mediavet::Error> {
    match result {
        Ok(()) => Ok(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(mediavet::Error::Usage(format!("cannot write output: {e}"))),
    }
}

fn run(command: Command) -> Result<ExitCode, mediavet::Error> {
    let mut out = std::io::stdout().lock();
    match command {
        Command::Probe {
            levels,
            frames,
            files,
        } => {
            let mut all = Vec::new();
            let mut missing = 0;
            for file in &files {
                // A file that cannot be opened is an entry with its error; the others
                // are still probed.
                let mut facts = match mediavet::probe_path(file) {
                    Ok(facts) => facts,
                    Err(e) => {
                        eprintln!("mediavet: {e}");
                        let path = file.display().to_string();
                        all.push(serde_json::json!({ "path": path, "error": e.to_string() }));
                        missing += 1;
                        continue;
                    }
                };
                if levels {
                    mediavet::audio::measure_path(
                        file,
                        &mut facts,
                        mediavet::audio::MeterSettings::default(),
                    );
                }
                if frames {
                    mediavet::video::analyse(
                        mediavet::video::Input::File(file),
                        &mut facts,
                        mediavet::video::FrameSettings::default(),
                        None,
                    );
                }
                all.push(serde_json::json!(facts));
            }
            let code = match missing {
                0 => ExitCode::SUCCESS,
                n if n == files.len() => ExitCode::from(2),
                _ => ExitCode::from(1),
            };
            let doc = serde_json::json!({ "schema_version": SCHEMA_VERSION, "files": all });
            written(writeln!(out, "{}", pretty(&doc)), code)
        }
        Command::Check {
            profile,
            format,
            lang,
            jobs,
            debug_frames,
            author_name,
            author_unit,
            author_phone,
            author_email,
            paths,
        } => {
            let mut profile = Profile::load(&profile)?;
            let author = &mut profile.author;
            for (field, given) in [
                (&mut author.name, author_name),
                (&mut author.unit, author_unit),
                (&mut author.phone, author_phone),
                (&mut author.email, author_email),
            ] {
                if given.is_some() {
                    *field = given;
                }
            }
            let lang = match lang {
                Some(LangArg::Zh) => Lang::Zh,
                Some(LangArg::En) => Lang::En,
                None => Lang::from_env(),
            };
            let files = walk::expand(&paths)?;
            let photos = profile.category == Some(mediavet::kind::Category::Image);
            let (files, sidecars) = if photos {
                mediavet::group::split_sidecars(files)
            } else if profile.category == Some(mediavet::kind::Category::Video) {
                // Subtitle files beside a video are read with it, not checked twice.
                let (files, _) = mediavet::subtitle::split_sidecars(files);
                (files, Vec::new())
            } else {
                (files, Vec::new())
            };
            let bar = progress::bar(files.len());
            let options = mediavet::CheckOptions { debug_frames };
            let reports = mediavet::check_many(&files, &profile, &options, jobs, &|r| {
                progress::done(&bar, r)
            })?;
            bar.finish_and_clear();
            let groups = if photos {
                mediavet::group::groups(&reports, &sidecars)
            } else {
                Vec::new()
            };
            let failed = reports
                .iter()
                .any(|r| matches!(r.verdict, Verdict::Fail | Verdict::Unreadable));
            let code = if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
            let result = match format {
                Format::Human => human::write(&mut out, &reports, &groups, lang),
                Format::Json => {
                    let mut doc = mediavet::reports_to_json(&reports, &profile.name, lang);
                    if photos {
                        doc["groups"] = groups.iter().map(|g| g.to_json(lang)).collect();
                    }
                    writeln!(out, "{}", pretty(&doc))
                }
                Format::Junit => junit::write(&mut out, &reports, &profile, lang),
                Format::Csv => {
                    let docs: Vec<_> = reports.iter().map(|r| r.to_json(lang)).collect();
                    mediavet::sheet::write_csv(&mut out, &docs)
                }
            };
            written(result, code)
        }
        Command::Rules { profile } => {
            let profile = Profile::load(&profile)?;
            let w = rules::RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
            let mut text = format!(
                "{:<w$} {:<8} summary  (profile {})\n",
                "rule", "severity", profile.name
            );
            for rule in rules::RULES {
                let severity = match profile.severity_of(rule) {
                    Some(s) if (rule.applies)(&profile) => s.as_str(),
                    Some(_) => "n/a",
                    None => "off",
                };
                text += &format!("{:<w$} {:<8} {}\n", rule.id, severity, rule.summary());
            }
            written(out.write_all(text.as_bytes()), ExitCode::SUCCESS)
        }
        Command::Explain { rule } => {
            let rule = rules::find(&rule).ok_or_else(|| {
                mediavet::Error::Usage(format!("unknown rule '{rule}' (see `mediavet rules`)"))
            })?;
            written(writeln!(out, "{}", rule.doc), ExitCode::SUCCESS)
        }
        Command::Profiles { name } => {
            let text = match name {
                Some(name) => Profile::builtin_source(&name)
                    .ok_or_else(|| mediavet::Error::Usage(format!("unknown profile '{name}'")))?
                    .to_string(),
                None => {
                    let mut text = String::new();
                    for name in Profile::builtin_names() {
                        let p = Profile::builtin(name)?;
                        let about = p.description.unwrap_or_default();
                        text += &format!("{name:<15} {about}\n");
                    }
                    text
                }
            };
            written(out.write_all(text.as_bytes()), ExitCode::SUCCESS)
        }
    }
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
