//! Hostile input: truncations and byte flips of valid files, and files whose tables
//! claim absurd sizes. The probe must return (facts or a typed error) every time:
//! no panic, no hang, bounded memory.

use crate::common;

use common::{corpus_files, fixture};
use mediavet::inspect::{probe_bytes, Input, Inspect, Need};
use std::io::Cursor;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// Deterministic xorshift, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Probes in a thread; a probe that has not returned after a generous limit is a hang.
fn probe_hostile(bytes: Vec<u8>, label: String) {
    let (tx, rx) = mpsc::channel();
    let name = label.clone();
    std::thread::spawn(move || {
        // The audio decoders, the keyframe decoder and the photo decoder see the damaged
        // data too; a panic caught by the pipeline is still a failure here.
        let inspect = Inspect {
            needs: vec![Need::Levels, Need::Frames, Need::Pixels],
            frames: mediavet::video::FrameSettings {
                keyframes: 3,
                ..Default::default()
            },
            // Our parsers and decoders are under test, not ffmpeg's.
            ffmpeg: false,
            ..Inspect::default()
        };
        let input = Input::Bytes {
            name: Path::new("input.mp4"),
            bytes: &bytes,
        };
        let facts = inspect.run(input);
        if facts
            .problems
            .iter()
            .any(|p| p.message.en.contains("internal error"))
        {
            panic!("{:?}", facts.problems);
        }
        let _ = tx.send(facts.problems.len());
    });
    match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(_) => {}
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("probe hung on {name}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("probe panicked on {name}"),
    }
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = [
        "faststart.mp4",
        "moov_at_end.mp4",
        "fragmented.mp4",
        "quicktime.mov",
        "hevc_hvc1.mp4",
    ]
    .iter()
    .map(|n| fixture(n))
    .collect();
    // Small real-world files add QuickTime metadata, edit lists and odd codecs.
    files.extend(
        corpus_files("video")
            .into_iter()
            .filter(|p| p.metadata().is_ok_and(|m| m.len() < 300_000)),
    );
    // … and small photos: the JPEG header walk and the EXIF reader see damage too.
    files.extend(
        corpus_files("image")
            .into_iter()
            .filter(|p| p.metadata().is_ok_and(|m| m.len() < 40_000)),
    );
    // … and the photo fixtures: XMP and IPTC (UTF-8 and GBK) captions, other formats
    // named .jpg, headers claiming gigapixels.
    files.extend(
        [
            "author_iptc.jpg",
            "caption_iptc_gbk.jpg",
            "caption_exif.jpg",
            "heic_named.jpg",
            "png_named.jpg",
            "bomb_65500.jpg",
            "bomb_100000.jpg",
        ]
        .iter()
        .map(|n| common::photo(n)),
    );
    // … and documents and subtitles: the ZIP and XML readers of .docx, the SRT/ASS
    // parsers, a tx3g track.
    let testdata = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
    files.extend(
        [
            "text/author_in_body.docx",
            "text/bad_xml.docx",
            "text/gbk_1200.txt",
            "subtitle/broken.srt",
            "subtitle/wrong_style.ass",
            "subtitle/traditional_big5.srt",
            "subtitle/tx3g_traditional.mp4",
        ]
        .iter()
        .map(|n| testdata.join(n)),
    );
    files.extend(
        corpus_files("text")
            .into_iter()
            .chain(corpus_files("subtitle"))
            .filter(|p| p.metadata().is_ok_and(|m| m.len() < 20_000)),
    );
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

#[test]
fn truncations_never_panic_or_hang() {
    for (name, bytes) in seeds() {
        let len = bytes.len();
        for cut in [
            0,
            1,
            7,
            8,
            15,
            16,
            31,
            64,
            100,
            1000,
            len / 3,
            len / 2,
            len - 1,
        ] {
            if cut < len {
                probe_hostile(bytes[..cut].to_vec(), format!("{name} cut at {cut}"));
            }
        }
    }
}

#[test]
fn byte_flips_never_panic_or_hang() {
    let mut rng = Rng(0x6d65_6469_6176_6574);
    // MEDIAVET_FLIP_ROUNDS raises the count for a longer local fuzzing run.
    let rounds: u32 = std::env::var("MEDIAVET_FLIP_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(40);
    for (name, bytes) in seeds() {
        // Flips land where parsers look: the first 4 KiB and the moov, wherever it is.
        let moov = bytes.windows(4).position(|w| w == b"moov").unwrap_or(0);
        for round in 0..rounds {
            let mut b = bytes.clone();
            for _ in 0..1 + rng.next() % 8 {
                let region = if rng.next().is_multiple_of(2) {
                    0
                } else {
                    moov
                };
                let span = (b.len() - region).clamp(1, 4096);
                let at = region + (rng.next() as usize) % span;
                if let Some(byte) = b.get_mut(at) {
                    *byte ^= 1 << (rng.next() % 8);
                }
            }
            probe_hostile(b, format!("{name} flip round {round}"));
        }
    }
}

fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut v = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    v.extend_from_slice(kind);
    v.extend_from_slice(body);
    v
}

/// Tables claiming billions of samples, a moov claiming a terabyte, a trun claiming
/// four billion samples: each is a few bytes and must stay a few bytes in memory.
/// A version-0 full-box header.
fn full(version: u8) -> [u8; 4] {
    [version, 0, 0, 0]
}

/// An mdia box of a video track (timescale 1000), with an optional minf.
fn video_mdia(minf: Option<Vec<u8>>) -> Vec<u8> {
    let mdhd = boxed(
        b"mdhd",
        &[
            &full(0)[..],
            &[0; 8],
            &1000u32.to_be_bytes(),
            &0u32.to_be_bytes(),
            &[0x55, 0xc4, 0, 0],
        ]
        .concat(),
    );
    let hdlr = boxed(
        b"hdlr",
        &[&full(0)[..], &[0; 4], b"vide", &[0; 12], b"\0"].concat(),
    );
    boxed(b"mdia", &[mdhd, hdlr, minf.unwrap_or_default()].concat())
}

/// An ftyp followed by `boxes`.
fn iso_file(boxes: &[Vec<u8>]) -> Vec<u8> {
    let mut file = boxed(b"ftyp", b"isom\0\0\0\0isom");
    boxes.iter().for_each(|b| file.extend_from_slice(b));
    file
}

/// Peak resident memory of this process in KiB (Linux), if known.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The peak RSS of the process is measured: run alone, in a process of its own (the
/// other tests of this binary run in parallel and would move the peak).
#[test]
fn absurd_claims_do_not_allocate() {
    let exe = std::env::current_exe().expect("the test binary");
    // The test's name in this binary: its module path without the crate's name.
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    let out = std::process::Command::new(exe)
        .args([
            "--exact",
            &format!("{module}::absurd_claims_do_not_allocate_alone"),
            "--ignored",
            "--test-threads",
            "1",
            "--nocapture",
        ])
        .output()
        .expect("the test binary runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("1 passed"),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "run by absurd_claims_do_not_allocate in a process of its own"]
fn absurd_claims_do_not_allocate_alone() {
    let before = peak_rss_kib();
    let stsz = boxed(
        b"stsz",
        &[&full(0)[..], &7u32.to_be_bytes(), &u32::MAX.to_be_bytes()].concat(),
    );
    let stts = boxed(
        b"stts",
        &[
            &full(0)[..],
            &1u32.to_be_bytes(),
            &u32::MAX.to_be_bytes(),
            &1u32.to_be_bytes(),
        ]
        .concat(),
    );
    let stco = boxed(
        b"stco",
        &[&full(0)[..], &1u32.to_be_bytes(), &8u32.to_be_bytes()].concat(),
    );
    let stsc = boxed(
        b"stsc",
        &[
            &full(0)[..],
            &1u32.to_be_bytes(),
            &1u32.to_be_bytes(),
            &u32::MAX.to_be_bytes(),
            &1u32.to_be_bytes(),
        ]
        .concat(),
    );
    let stbl = boxed(b"stbl", &[stts, stsz, stco, stsc].concat());
    let moov = boxed(
        b"moov",
        &boxed(b"trak", &video_mdia(Some(boxed(b"minf", &stbl)))),
    );
    let file = iso_file(&[moov]);
    let facts = probe_bytes(Path::new("claims.mp4"), &file);
    let t = &facts.container.as_ref().unwrap().tracks[0];
    assert_eq!(t.sample_count, u64::from(u32::MAX));
    assert!(
        facts
            .problems
            .iter()
            .any(|p| p.message.en.contains("describe")),
        "{:?}",
        facts.problems
    );

    // A moov that claims 2^40 bytes in a tiny file: a finding, not an allocation.
    let huge = iso_file(&[[
        &1u32.to_be_bytes()[..],
        b"moov",
        &(1u64 << 40).to_be_bytes(),
    ]
    .concat()]);
    let facts = probe_bytes(Path::new("huge.mp4"), &huge);
    assert!(facts.unreadable());
    assert!(
        facts.problems[0].message.en.contains("moov box truncated"),
        "{:?}",
        facts.problems
    );

    // A trun claiming u32::MAX samples without per-sample fields.
    let trex = boxed(
        b"trex",
        &[
            &full(0)[..],
            &1u32.to_be_bytes(),
            &1u32.to_be_bytes(),
            &40u32.to_be_bytes(),
            &9u32.to_be_bytes(),
            &0u32.to_be_bytes(),
        ]
        .concat(),
    );
    let matrix: Vec<u8> = [0x1_0000u32, 0, 0, 0, 0x1_0000, 0, 0, 0, 0x4000_0000]
        .iter()
        .flat_map(|v| v.to_be_bytes())
        .collect();
    let tkhd = boxed(
        b"tkhd",
        &[
            &full(0)[..],
            &[0; 8],
            &1u32.to_be_bytes(),
            &[0; 4],
            &[0; 4],
            &[0; 8],
            &[0; 8],
            &matrix,
            &[0; 8],
        ]
        .concat(),
    );
    let moov = boxed(
        b"moov",
        &[
            boxed(b"trak", &[tkhd, video_mdia(None)].concat()),
            boxed(b"mvex", &trex),
        ]
        .concat(),
    );
    let tfhd = boxed(
        b"tfhd",
        &[&[0, 0x02, 0, 0][..], &1u32.to_be_bytes()].concat(),
    );
    let trun = boxed(b"trun", &[&full(0)[..], &u32::MAX.to_be_bytes()].concat());
    let moof = boxed(b"moof", &boxed(b"traf", &[tfhd, trun].concat()));
    let file = iso_file(&[moov, moof]);
    let facts = probe_bytes(Path::new("trun.mp4"), &file);
    let t = &facts.container.as_ref().unwrap().tracks[0];
    assert_eq!(t.sample_count, u64::from(u32::MAX));
    assert_eq!(t.video.as_ref().unwrap().peak_bitrate, None, "not iterated");
    // 4 million placeable one-byte samples and no stss, so every one is a keyframe: the
    // frame sampler keeps the 24 it picks, not a list of all of them (128 MB).
    let n: u32 = 4_000_000;
    let stbl = boxed(
        b"stbl",
        &[
            boxed(
                b"stts",
                &[
                    &full(0)[..],
                    &1u32.to_be_bytes(),
                    &n.to_be_bytes(),
                    &1u32.to_be_bytes(),
                ]
                .concat(),
            ),
            boxed(
                b"stsz",
                &[&full(0)[..], &1u32.to_be_bytes(), &n.to_be_bytes()].concat(),
            ),
            boxed(
                b"stsc",
                &[
                    &full(0)[..],
                    &1u32.to_be_bytes(),
                    &1u32.to_be_bytes(),
                    &n.to_be_bytes(),
                    &1u32.to_be_bytes(),
                ]
                .concat(),
            ),
            boxed(
                b"stco",
                &[&full(0)[..], &1u32.to_be_bytes(), &16u32.to_be_bytes()].concat(),
            ),
        ]
        .concat(),
    );
    let moov = boxed(
        b"moov",
        &boxed(b"trak", &video_mdia(Some(boxed(b"minf", &stbl)))),
    );
    let mut file = iso_file(&[moov]);
    file.extend_from_slice(&(n + 8).to_be_bytes());
    file.extend_from_slice(b"mdat");
    file.resize(file.len() + n as usize, 0);
    let wants = mediavet::isobmff::Wants {
        keyframes: Some(24),
        ..Default::default()
    };
    let size = file.len() as u64;
    let (_, sources) =
        mediavet::isobmff::read(&mut Cursor::new(&file), size, &mut Vec::new(), wants);
    let sources = sources.video;
    assert_eq!(sources[0].keyframe_total, n as usize);
    assert_eq!(sources[0].keyframes.as_ref().map(Vec::len), Some(24));
    let inspect = Inspect {
        needs: vec![Need::Frames],
        ..Inspect::default()
    };
    let facts = inspect.run(Input::Bytes {
        name: Path::new("many.mp4"),
        bytes: &file,
    });
    drop((file, facts));
    // Honouring any of these claims would take gigabytes; the peak must not move by more than 64 MiB.
    if let (Some(before), Some(after)) = (before, peak_rss_kib()) {
        assert!(
            after - before < 64 * 1024,
            "peak RSS grew from {before} KiB to {after} KiB"
        );
    }
}

/// A JPEG header: one quantisation table, a frame of `w × h` with three components
/// (`sof` 0xc0 baseline, 0xc2 progressive), a scan header, `data` bytes, the end.
fn jpeg_header(sof: u8, w: u16, h: u16, data: usize) -> Vec<u8> {
    let mut j = vec![0xff, 0xd8, 0xff, 0xdb, 0, 67, 0];
    j.extend([1u8; 64]);
    j.extend([0xff, sof, 0, 17, 8]);
    j.extend(h.to_be_bytes());
    j.extend(w.to_be_bytes());
    j.extend([3, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0]);
    j.extend([0xff, 0xda, 0, 12, 3, 1, 0, 2, 0, 3, 0, 0, 63, 0]);
    j.extend(vec![0u8; data]);
    j.extend([0xff, 0xd9]);
    j
}

#[test]
fn pictures_are_decoded_only_within_the_memory_limit() {
    let photo = mediavet::Profile::builtin("photo").unwrap();
    // A header that claims 160 MP over 16 bytes of data: a block costs at least a bit,
    // so it is not decoded at its word (this took ~4 s and 160 MB before).
    let start = std::time::Instant::now();
    let r = mediavet::check_bytes(
        &jpeg_header(0xc0, 16000, 10000, 16),
        "h.jpg".as_ref(),
        &photo,
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(1));
    let img = r.facts.image.as_ref().unwrap();
    let why = &img.not_decoded.as_ref().unwrap().en;
    assert!(
        why.contains("claims 16000×10000, but 122 bytes code at most 0.1 MP"),
        "{why}"
    );
    assert!(r
        .facts
        .problems
        .iter()
        .any(|p| p.message.en.contains("damaged or forged")));
    let res = r
        .findings
        .iter()
        .find(|f| f.rule == "image.resolution")
        .unwrap();
    assert!(res.message.en.contains("header's claim only"), "{:?}", res);
    // 160 MP is under the 200 MP limit, but progressive it would need 1.1 GiB.
    let r = mediavet::check_bytes(
        &jpeg_header(0xc2, 16000, 10000, 320_000),
        "p.jpg".as_ref(),
        &photo,
    );
    let img = r.facts.image.as_ref().unwrap();
    assert!(img.sharpness.is_none());
    let why = &img.not_decoded.as_ref().unwrap().en;
    assert!(why.contains("1068 MiB, over the 256 MiB limit"), "{why}");
    // The same header baseline with enough bytes is decoded (160 MB of grey, its data
    // zeros): a damage finding, and memory back to normal afterwards.
    let before = peak_rss_kib();
    let r = mediavet::check_bytes(
        &jpeg_header(0xc0, 16000, 10000, 320_000),
        "b.jpg".as_ref(),
        &photo,
    );
    assert!(
        r.findings.iter().any(|f| f.rule == "file.unreadable"),
        "{:?}",
        r.findings
    );
    if let (Some(a), Some(b)) = (before, peak_rss_kib()) {
        assert!(b < a + 600 * 1024, "peak RSS grew from {a} to {b} KiB");
    }
}
