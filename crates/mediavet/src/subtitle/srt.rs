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
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let block_start = i;
        let mut end = i;
        while end < lines.len() && !lines[end].trim().is_empty() {
            end += 1;
        }
        // The number line is optional in practice; the timing line is not.
        let (timing_at, number_ok) = if lines[i].contains("-->") {
            (i, false)
        } else {
            (i + 1, lines[i].trim().bytes().all(|b| b.is_ascii_digit()))
        };
        match lines
            .get(timing_at)
            .filter(|_| timing_at < end)
            .and_then(|l| timing(l))
        {
            Some((start, stop)) => {
                if !number_ok && timing_at != block_start {
                    facts.error(
                        block_start + 1,
                        format!("expected a cue number, found \"{}\"", snippet(lines[i])),
                    );
                }
                if stop < start {
                    facts.error(timing_at + 1, "the cue ends before it starts");
                }
                let body: Vec<&str> = lines[timing_at + 1..end].to_vec();
                facts.cue(&strip_markup(&body.join("\n")), start, stop);
            }
            None => {
                let at = timing_at.min(end.saturating_sub(1));
                facts.error(
                    at + 1,
                    format!(
                        "expected a timing line like \"00:00:01,000 --> 00:00:02,500\", found \"{}\"",
                        snippet(lines.get(at).copied().unwrap_or_default())
                    ),
                );
            }
        }
        i = end;
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
