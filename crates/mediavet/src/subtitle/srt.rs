//! SubRip: numbered blocks of a timing line and text, separated by blank lines.
//!
//! Written here rather than taken from a crate: the SRT crates on crates.io either stop
//! at the first malformed block or do not report line numbers, and a report needs both.

use super::{strip_markup, SubtitleFacts};

/// `HH:MM:SS,mmm` (or with a dot, or without hours) in seconds.
pub(super) fn time(s: &str) -> Option<f64> {
    let s = s.trim();
    let (hms, frac) = match s.rfind([',', '.']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [h, m, s] => (*h, *m, *s),
        [m, s] => ("0", *m, *s),
        _ => return None,
    };
    let num = |x: &str| {
        (!x.is_empty() && x.len() <= 3 && x.bytes().all(|b| b.is_ascii_digit()))
            .then(|| x.parse::<u32>().ok())
            .flatten()
    };
    let (h, m, sec) = (num(h)?, num(m)?, num(sec)?);
    let frac = if frac.is_empty() {
        0.0
    } else if frac.len() <= 3 && frac.bytes().all(|b| b.is_ascii_digit()) {
        f64::from(frac.parse::<u32>().ok()?) / 10f64.powi(frac.len() as i32)
    } else {
        return None;
    };
    (m < 60 && sec < 60).then(|| f64::from(h * 3600 + m * 60 + sec) + frac)
}

/// A timing line `start --> end` (anything after the end time, e.g. VTT settings or SRT
/// coordinates, is ignored).
pub(super) fn timing(line: &str) -> Option<(f64, f64)> {
    let (a, b) = line.split_once("-->")?;
    let end = b.split_whitespace().next()?;
    Some((time(a)?, time(end)?))
}

/// Parses SubRip text into `facts`.
pub(super) fn parse(text: &str, facts: &mut SubtitleFacts) {
    let lines: Vec<&str> = text.lines().collect();
    for (first, block) in blocks(&lines) {
        let Some((at, start, stop)) = cue(block, first, facts, "00:00:01,000 --> 00:00:02,500")
        else {
            continue;
        };
        // The number line is optional in practice; the timing line is not.
        if at == 1 && !block[0].trim().bytes().all(|b| b.is_ascii_digit()) {
            facts.error(
                first + 1,
                format!("expected a cue number, found \"{}\"", snippet(block[0])),
            );
        }
        if stop < start {
            facts.error(first + at + 1, "the cue ends before it starts");
        }
    }
}

/// The blocks of non-blank lines of `lines`, each with the index of its first line.
pub(super) fn blocks<'a>(lines: &'a [&'a str]) -> impl Iterator<Item = (usize, &'a [&'a str])> {
    let mut i = 0;
    std::iter::from_fn(move || {
        while lines.get(i)?.trim().is_empty() {
            i += 1;
        }
        let start = i;
        while lines.get(i).is_some_and(|l| !l.trim().is_empty()) {
            i += 1;
        }
        Some((start, &lines[start..i]))
    })
}

/// Reads a cue block starting at line index `first`: a timing line first or second
/// (after a number or identifier), then the text. Counts the cue and returns the timing
/// line's place in the block with the times; records an error naming the line, with
/// `example` of a good timing line, when there is none.
pub(super) fn cue(
    block: &[&str],
    first: usize,
    facts: &mut SubtitleFacts,
    example: &str,
) -> Option<(usize, f64, f64)> {
    let at = if block[0].contains("-->") { 0 } else { 1 };
    match block.get(at).and_then(|l| timing(l)) {
        Some((start, stop)) => {
            facts.cue(&strip_markup(&block[at + 1..].join("\n")), start, stop);
            Some((at, start, stop))
        }
        None => {
            let shown = at.min(block.len() - 1);
            facts.error(
                first + shown + 1,
                format!(
                    "expected a timing line like \"{example}\", found \"{}\"",
                    snippet(block[shown])
                ),
            );
            None
        }
    }
}

/// The first 40 characters of a line, for messages.
pub(super) fn snippet(line: &str) -> String {
    let s: String = line.trim().chars().take(40).collect();
    if line.trim().chars().count() > 40 {
        s + "…"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subtitle::Format;

    #[test]
    fn cues_and_errors_with_their_lines() {
        let text = "1\n00:00:01,000 --> 00:00:02,500\n發展\n\n2\n00:00:03,000 -> 00:00:04,000\n坏\n\n3\n00:01:02,500 --> 00:01:04,000\n<i>好</i>\n";
        let mut f = SubtitleFacts::new("x.srt".into(), Format::Srt, None);
        parse(text, &mut f);
        assert_eq!(f.cues, 2);
        assert_eq!(f.error_count, 1);
        assert_eq!(f.errors[0].line, 6);
        assert_eq!(f.script.samples[0].at.start_s, 1.0);
        assert_eq!(f.end_s, 64.0);
        assert_eq!(
            timing("00:00:01.5 --> 1:02.25 align:start"),
            Some((1.5, 62.25))
        );
    }
}
