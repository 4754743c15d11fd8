//! Subtitles: every .srt of ../shared/corpus/subtitle (encoding, cue count and script
//! against its MANIFEST; Simplified/Traditional pairs come out opposite), and the
//! fixtures of testdata/subtitle: broken files name their lines, ASS and tx3g styles are
//! read, a tx3g track in Traditional Chinese fails a micro-film, and a sidecar file is
//! read with its video. The tx3g cues are cross-checked against ffmpeg's own SRT export
//! of the track when ffmpeg is installed.

use crate::common;

use common::{corpus, skip};
use mediavet::kind::FileKind;
use mediavet::script::Verdict;
use mediavet::subtitle::{Format, SubtitleFacts};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/subtitle")
        .join(name)
}

fn profile(name: &str) -> mediavet::Profile {
    mediavet::Profile::builtin(name).unwrap()
}

fn subtitles(path: &std::path::Path) -> Vec<SubtitleFacts> {
    mediavet::probe_path(path).unwrap().subtitles
}

#[test]
fn corpus_subtitles_match_the_manifest_and_pairs_come_out_opposite() {
    let Some(dir) = corpus("subtitle") else {
        return skip("no corpus");
    };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    let film = profile("micro-film-5");
    let mut verdicts = std::collections::BTreeMap::new();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (name, desc) = (cols[0], cols[5]);
        let field = |key: &str| {
            desc.split("; ")
                .find_map(|kv| kv.strip_prefix(key))
                .unwrap()
                .to_string()
        };
        let r = mediavet::check_path(&dir.join(name), &film);
        assert_eq!(r.facts.kind, FileKind::Subtitle, "{name}");
        let s = &r.facts.subtitles[0];
        let want_encoding = match field("encoding=").as_str() {
            "utf-8" | "utf-8-BOM" => "UTF-8",
            "utf-16-BOM" => "UTF-16LE",
            e if e.starts_with("gb18030") => "GBK",
            e => panic!("{name}: {e}"),
        };
        assert_eq!(s.encoding, Some(want_encoding), "{name}");
        assert_eq!(s.cues, field("cues=").parse::<usize>().unwrap(), "{name}");
        assert_eq!(s.error_count, 0, "{name}: {:?}", s.errors);
        let script = field("script=");
        let want = if script.starts_with("Simplified") {
            Verdict::Simplified
        } else if script.starts_with("Traditional") {
            Verdict::Traditional
        } else {
            Verdict::Unknown
        };
        assert_eq!(s.script.verdict, want, "{name}");
        // A micro-film fails on Traditional subtitles and only on those.
        let script_error = r
            .findings
            .iter()
            .any(|f| f.rule == "subtitle.script" && f.severity == mediavet::Severity::Error);
        assert_eq!(script_error, want == Verdict::Traditional, "{name}");
        verdicts.insert(name.to_string(), s.script.verdict);
    }
    let mut pairs = 0;
    for (name, v) in &verdicts {
        if let Some(stem) = name.strip_suffix("-Hans.srt") {
            let other = verdicts[&format!("{stem}-Hant.srt")];
            assert_eq!(
                (*v, other),
                (Verdict::Simplified, Verdict::Traditional),
                "{stem}"
            );
            pairs += 1;
        }
    }
    assert_eq!(pairs, 3);
}

#[test]
fn broken_srt_names_its_lines() {
    let s = &subtitles(&fixture("broken.srt"))[0];
    assert_eq!((s.format, s.cues, s.error_count), (Format::Srt, 2, 2));
    assert_eq!((s.errors[0].line, s.errors[1].line), (6, 10));
    let r = mediavet::check_path(&fixture("broken.srt"), &profile("micro-video"));
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "subtitle.parse")
        .unwrap();
    assert!(f.message.en.contains("line 6:"), "{}", f.message.en);
}

#[test]
fn encodings_of_subtitle_files_are_detected() {
    let s = &subtitles(&fixture("traditional_big5.srt"))[0];
    assert_eq!((s.encoding, s.cues), (Some("Big5"), 4));
    assert_eq!(s.script.verdict, Verdict::Traditional);
    let first = &s.script.samples[0];
    assert_eq!((first.traditional, first.simplified), ('們', "们"));
    assert_eq!((first.at.cue, first.at.start_s), (2, 1.0));
}

#[test]
fn ass_styles_are_judged_against_the_profile() {
    let video = profile("micro-video");
    let good = mediavet::check_path(&fixture("good_style.ass"), &video);
    assert_eq!(good.verdict, mediavet::Verdict::Pass, "{:?}", good.findings);
    let wrong = mediavet::check_path(&fixture("wrong_style.ass"), &video);
    let f = wrong
        .findings
        .iter()
        .find(|f| f.rule == "subtitle.style")
        .unwrap();
    assert_eq!(
        f.message.en,
        format!(
            "Subtitles {}: style \"Default\" (4 cues): font \"微软雅黑\" is not 黑体, size 48 (not 60), not centred, no shadow.",
            fixture("wrong_style.ass").display()
        )
    );
}

#[test]
fn tx3g_tracks_are_read_style_and_script() {
    let styled = &subtitles(&fixture("tx3g_styled.mp4"))[0];
    let st = &styled.styles[0];
    assert_eq!(
        (st.font.as_deref(), st.size, st.centred, st.shadow, st.cues),
        (Some("黑体"), Some(60.0), Some(true), None, 4)
    );
    let r = mediavet::check_path(&fixture("tx3g_traditional.mp4"), &profile("micro-film-5"));
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "subtitle.script")
        .unwrap();
    assert_eq!(f.severity, mediavet::Severity::Error);
    assert!(
        f.message.en.contains("們→们 (cue 2 at 00:00:01.000)"),
        "{}",
        f.message.en
    );
}

#[test]
fn tx3g_cues_agree_with_ffmpeg() {
    let path = fixture("tx3g_traditional.mp4");
    let out = std::process::Command::new("ffmpeg")
        .args(["-nostdin", "-loglevel", "error", "-i"])
        .arg(&path)
        .args(["-map", "0:s:0", "-f", "srt", "-"])
        .output();
    let Some(out) = out.ok().filter(|o| o.status.success()) else {
        return skip("no ffmpeg");
    };
    let srt = String::from_utf8(out.stdout).unwrap();
    let theirs = mediavet::subtitle::parse(&srt, Format::Srt, "ffmpeg".into(), "UTF-8");
    let ours = &subtitles(&path)[0];
    assert_eq!(ours.cues, theirs.cues);
    assert_eq!(ours.script, theirs.script);
}

#[test]
fn sidecar_subtitles_are_read_with_their_video() {
    let r = mediavet::check_path(&fixture("sidecar/film.mp4"), &profile("micro-film-5"));
    assert_eq!(r.facts.subtitles.len(), 1);
    assert!(r.facts.subtitles[0].source.ends_with("film.srt"));
    assert!(r.findings.iter().any(|f| f.rule == "subtitle.script"));
}
