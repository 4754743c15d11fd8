//! One file per command; each writes to `out` and returns the exit status.

pub mod check;
pub mod explain;
pub mod intake;
pub mod probe;
pub mod profiles;
pub mod rules;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Writes the HTML report to `path` with `write` (`--html FILE`); a file that cannot be
/// written is a usage error (exit 2), not a silent loss.
pub fn html_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), mediavet::Error> {
    let page = std::fs::File::create(path).and_then(|f| {
        let mut f = std::io::BufWriter::new(f);
        write(&mut f)?;
        f.flush()
    });
    page.map_err(|e| {
        mediavet::Error::Usage(format!(
            "{}: cannot write the HTML report: {e}",
            path.display()
        ))
    })
}

/// The exit status `code` once the output is written: a closed pipe (the reader, `head`
/// say, has seen enough) ends the program quietly with that status, as ripgrep does; any
/// other write error is the tool's.
pub fn written(result: std::io::Result<()>, code: ExitCode) -> Result<ExitCode, mediavet::Error> {
    match result {
        Ok(()) => Ok(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(mediavet::Error::Usage(format!("cannot write output: {e}"))),
    }
}
