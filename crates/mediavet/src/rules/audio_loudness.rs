//! audio.loudness — programme loudness against GY/T 282-2014 (information).
//!
//! What: integrated loudness (ITU-R BS.1770 / EBU R 128, via the `ebur128` crate),
//! loudness range and true peak, compared with China's broadcast loudness standard
//! GY/T 282-2014: −24 ± 2 LKFS, true peak at most −2 dBTP. Reported, not failed,
//! unless a profile raises the severity.
//!
//! Why: broadcasters normalise to −24 LKFS; a programme far from it will be turned up
//! or down, and its true peaks clipped.
//!
//! Fix: normalise in the edit, or `ffmpeg -i in.mp4 -c:v copy -af loudnorm=I=-24:TP=-2:LRA=11 -c:a aac -b:a 320k out.mp4`.

use super::{Check, Ctx, Rule, Need};
use crate::facts::TrackKind;
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "audio.loudness",
    default: Severity::Info,
    needs: Some(Need::TruePeak),
    doc: super::docs::AUDIO_LOUDNESS,
    applies,
    check: Check::File(check),
};

/// Applies when the profile sets a loudness target.
fn applies(p: &Profile) -> bool {
    p.audio.loudness_target_lufs.is_some()
}

/// One finding per measured audio track.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(target) = cx.profile.audio.loudness_target_lufs else {
        return Vec::new();
    };
    let tolerance = cx.profile.audio.loudness_tolerance_lu;
    let max_tp = cx.profile.audio.max_true_peak_dbtp;
    let levels = cx
        .facts
        .container
        .iter()
        .flat_map(|c| c.tracks_of(TrackKind::Audio))
        .filter_map(|t| t.audio.as_ref()?.levels.as_ref());
    let mut out = Vec::new();
    for l in levels {
        let Some(i) = l.integrated_lufs else { continue };
        let lra = l
            .loudness_range_lu
            .map_or("-".into(), |v| format!("{v:.1} LU"));
        let tp = l
            .true_peak_dbtp
            .map_or("-".into(), |v| format!("{v:.1} dBTP"));
        let off = i - target;
        let within =
            off.abs() <= tolerance && max_tp.zip(l.true_peak_dbtp).is_none_or(|(m, t)| t <= m);
        let severity = if within { Severity::Info } else { sev };
        let tp_limit = max_tp.map_or(String::new(), |m| format!(", true peak ≤ {m:.1} dBTP"));
        out.push(
            cx.finding(severity,
                Text::new(
                    format!("Loudness {i:.1} LUFS ({off:+.1} LU from the {target:.0} LKFS target of GY/T 282), range {lra}, true peak {tp}."),
                    format!("响度 {i:.1} LUFS（距 GY/T 282 目标 {target:.0} LKFS {off:+.1} LU），响度范围 {lra}，真峰值 {tp}。"),
                ),
            )
            .values(
                Some(Quantity::num(i, "LUFS", format!("{i:.1} LUFS"))),
                Some(Quantity::num(target, "LUFS", format!("{target:.0} ± {tolerance:.0} LKFS{tp_limit}"))),
            ),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        let loud = |lufs: Option<f64>, tp: f64| {
            let mut facts = with_levels(video(1920, 1080, 2e7, 60.0), vec![channel(-9.0, Some(-11.0), 0.0)], 0.0);
            let l = audio_track(&mut facts).audio.as_mut().unwrap().levels.as_mut().unwrap();
            (l.integrated_lufs, l.true_peak_dbtp) = (lufs, Some(tp));
            facts
        };
        let on_target = [info("Loudness -24.0 LUFS (+0.0 LU from the -24 LKFS target of GY/T 282), range 6.0 LU, true peak -3.0 dBTP.", "响度 -24.0 LUFS（距 GY/T 282 目标 -24 LKFS +0.0 LU），响度范围 6.0 LU，真峰值 -3.0 dBTP。")];
        expect(&RULE, "on target", &loud(Some(-24.0), -3.0), &p, &on_target);
        let edge = [info("-22.0 LUFS (+2.0 LU", "-22.0 LUFS（距 GY/T 282 目标 -24 LKFS +2.0 LU")];
        expect(&RULE, "at the tolerance", &loud(Some(-22.0), -3.0), &p, &edge);
        let strict = profile("micro-video", "[severity]\n\"audio.loudness\" = \"warning\"\n");
        let off = [warning("-21.9 LUFS (+2.1 LU", "+2.1 LU")];
        expect(&RULE, "beyond the tolerance", &loud(Some(-21.9), -3.0), &strict, &off);
        let peak = [warning("true peak -1.9 dBTP", "真峰值 -1.9 dBTP")];
        expect(&RULE, "true peak over", &loud(Some(-24.0), -1.9), &strict, &peak);
        expect(&RULE, "no loudness", &loud(None, -3.0), &p, &[]);
    }
}
