//! `mediavet probe`: the facts of each file as JSON, no judgement.

use super::written;
use mediavet::facts::SCHEMA_VERSION;
use mediavet::inspect::{Input, Inspect, Need};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Probes `files` (with the level and frame passes when asked); a file that cannot be
/// opened is an entry with its error and the others are still probed (exit 1; 2 when
/// none could be).
pub fn run(
    out: &mut dyn Write,
    levels: bool,
    frames: bool,
    files: &[PathBuf],
) -> Result<ExitCode, mediavet::Error> {
    let needs = [(levels, Need::Levels), (frames, Need::Frames)];
    let inspect = Inspect {
        needs: needs
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| *n)
            .collect(),
        ..Inspect::default()
    };
    let mut all = Vec::new();
    let mut missing = 0;
    for file in files {
        if let Err(e) = std::fs::File::open(file) {
            eprintln!(
                "mediavet: {}",
                mediavet::printer::safe::text(&format!("{}: {e}", file.display()))
            );
            let path = file.display().to_string();
            let error = format!("{}: {e}", file.display());
            all.push(serde_json::json!({ "path": path, "error": error }));
            missing += 1;
            continue;
        }
        all.push(serde_json::json!(inspect.run(Input::File(file))));
    }
    let code = match missing {
        0 => ExitCode::SUCCESS,
        n if n == files.len() => ExitCode::from(2),
        _ => ExitCode::from(1),
    };
    let doc = serde_json::json!({ "schema_version": SCHEMA_VERSION, "files": all });
    let text = serde_json::to_string_pretty(&doc).map_err(std::io::Error::other);
    written(text.and_then(|t| writeln!(out, "{t}")), code)
}
