//! Progress on stderr while a batch runs, only when stderr is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mediavet::Report;
use std::io::IsTerminal;

/// A bar for `files` files (hidden when stderr is not a terminal).
pub fn bar(files: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    if !std::io::stderr().is_terminal() || files < 2 {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {pos}/{len} files, ETA {eta}  {wide_msg}")
    {
        bar.set_style(style);
    }
    bar
}

/// Records one finished file.
pub fn done(bar: &ProgressBar, report: &Report) {
    bar.inc(1);
    bar.set_message(mediavet::printer::safe::text(&report.facts.path).into_owned());
}
