//! Criterion benchmark of probing (container facts only) on the committed fixtures
//! and, when present, on real files from ../shared/corpus/video; and of the frame
//! analysis (keyframes decoded, watermark and QR searches) on a fixture; and of photos:
//! headers only, and the full photo check (decode to luma, clarity) of a 2 MP fixture.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/video")
        .join(name)
}

fn bench_probe(c: &mut Criterion) {
    let mut files = vec![
        ("1080p 18 Mb/s, moov first", fixture("pass_1080p_18m.mp4")),
        ("moov at end", fixture("moov_at_end.mp4")),
        ("fragmented", fixture("fragmented.mp4")),
        ("181 s, 1597 samples", fixture("long_181s.mp4")),
    ];
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/video");
    for name in [
        "mediainfojs_many_tracks.mp4",
        "androidx_sample_edit_list.mp4",
    ] {
        let p = corpus.join(name);
        if p.is_file() {
            files.push((name, p));
        }
    }
    // The 3-minute 1080p file benches/compare.sh generates, when it has been run.
    let big = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/bench/compare_3min_1080p25_16m.mp4");
    if big.is_file() {
        files.push(("3 min 1080p25 16 Mb/s, moov at end", big));
    }
    let mut group = c.benchmark_group("probe");
    for (label, path) in &files {
        group.bench_function(*label, |b| {
            b.iter(|| black_box(mediavet::probe_path(black_box(path))))
        });
    }
    group.finish();

    let profile = mediavet::Profile::builtin("micro-video").expect("built-in profile");
    c.bench_function("check micro-video (probe + rules)", |b| {
        b.iter(|| black_box(mediavet::check_path(black_box(&files[0].1), &profile)))
    });
}

fn bench_frames(c: &mut Criterion) {
    let path = fixture("frames_logo.mp4");
    let facts = mediavet::probe_path(&path).expect("fixture probes");
    c.bench_function("frames: 24 keyframes 480×270, watermark + QR", |b| {
        b.iter(|| {
            let mut f = facts.clone();
            mediavet::video::analyse(
                mediavet::Input::File(&path),
                None,
                &mut f,
                mediavet::video::FrameSettings::default(),
                true,
                mediavet::video::Keep::default(),
            );
            black_box(f)
        })
    });
}

fn bench_photo(c: &mut Criterion) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/photo/sharp.jpg");
    c.bench_function(
        "photo: probe 1920×1080 JPEG (headers, EXIF, XMP, quality)",
        |b| b.iter(|| black_box(mediavet::probe_path(black_box(&path)))),
    );
    let profile = mediavet::Profile::builtin("photo").expect("built-in profile");
    c.bench_function(
        "photo: check 1920×1080 JPEG (decode, clarity, rules)",
        |b| b.iter(|| black_box(mediavet::check_path(black_box(&path), &profile))),
    );
}

/// Texts: a 10 000-字 .docx checked with the text profile (unzip, XML, count, script,
/// author scan, rules), and the corpus's 16 000-字 LibreOffice document when present.
fn bench_text(c: &mut Criterion) {
    let profile = mediavet::Profile::builtin("text").expect("built-in profile");
    let docx =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/text/words_10000.docx");
    c.bench_function(
        "text: check 10 000-字 docx (read, count, script, author scan)",
        |b| b.iter(|| black_box(mediavet::check_path(black_box(&docx), &profile))),
    );
    let lo = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/text/docx2python_libreoffice_conversion_zh.docx");
    if lo.is_file() {
        c.bench_function("text: check corpus 16 000-字 LibreOffice docx", |b| {
            b.iter(|| black_box(mediavet::check_path(black_box(&lo), &profile)))
        });
    }
    let srt = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/subtitle/scinoephile_t_zho-Hant.srt");
    let film = mediavet::Profile::builtin("micro-film-5").expect("built-in profile");
    if srt.is_file() {
        c.bench_function(
            "subtitle: check corpus 1 194-cue .srt (script by cue)",
            |b| b.iter(|| black_box(mediavet::check_path(black_box(&srt), &film))),
        );
    }
}

criterion_group!(benches, bench_probe, bench_frames, bench_photo, bench_text);
criterion_main!(benches);
