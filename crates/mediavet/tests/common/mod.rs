//! Paths shared by the integration tests.

use std::path::PathBuf;

/// `testdata/video/NAME` in the repository.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/video")
        .join(name)
}

/// `testdata/text/NAME` in the repository.
pub fn text_fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/text")
        .join(name)
}

/// `testdata/photo/NAME` in the repository.
pub fn photo(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/photo")
        .join(name)
}

/// Set by scripts/test.sh (and so in CI): a test that needs the corpus or an oracle tool
/// fails when it is missing instead of skipping, so a green run means every test ran.
pub const REQUIRE: &str = "MEDIAVET_REQUIRE_ORACLES";

/// Skips the calling test (it returns after this) because `why`, unless [`REQUIRE`] is
/// set: then the test fails.
pub fn skip(why: &str) {
    if std::env::var_os(REQUIRE).is_some() {
        panic!("cannot skip under {REQUIRE}: {why}");
    }
    eprintln!("skipped: {why}");
}

/// `../shared/corpus/SUB` beside the repository (or `$MEDIAVET_CORPUS/SUB`), if present;
/// under [`REQUIRE`] its absence fails the test.
pub fn corpus(sub: &str) -> Option<PathBuf> {
    let root = std::env::var_os("MEDIAVET_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
        });
    let dir = root.join(sub);
    if !dir.is_dir() && std::env::var_os(REQUIRE).is_some() {
        panic!(
            "cannot skip under {REQUIRE}: no corpus folder {}",
            dir.display()
        );
    }
    dir.is_dir().then_some(dir)
}

/// Files of a corpus folder, sorted, without the manifest.
pub fn corpus_files(sub: &str) -> Vec<PathBuf> {
    let Some(dir) = corpus(sub) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus folder is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "tsv"))
        .collect();
    files.sort();
    files
}

/// Whether an oracle tool runs on this machine; under [`REQUIRE`] a missing one fails
/// the test.
pub fn have(tool: &str) -> bool {
    let ok = std::process::Command::new(tool)
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok && std::env::var_os(REQUIRE).is_some() {
        panic!("cannot skip under {REQUIRE}: {tool} does not run");
    }
    ok
}

/// The OCR engine on the models `scripts/fetch-models.sh` fetched; under [`REQUIRE`]
/// missing models fail the test.
pub fn ocr() -> Option<std::sync::Arc<mediavet::ocr::Engine>> {
    match mediavet::ocr::Engine::get(&mediavet::ocr::models::folder(None)) {
        Ok(e) => Some(e),
        Err(why) => {
            skip(&why);
            None
        }
    }
}

/// A PNG read as 8-bit grey (width, height, samples).
pub fn grey_png(path: &std::path::Path) -> (usize, usize, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("fixture opens"),
    ));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("PNG frame");
    let channels = info.color_type.samples();
    // BT.601 luma in OpenCV's fixed point (its RGB→GREY); the Python cross-check
    // (test_ocr_oracle.py) computes the same, so both engines see the very same pixels.
    let grey = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|px| match px {
            [r, g, b, ..] => {
                ((u32::from(*r) * 4899 + u32::from(*g) * 9617 + u32::from(*b) * 1868 + 8192) >> 14)
                    as u8
            }
            [v, ..] => *v,
            [] => 0,
        })
        .collect();
    (info.width as usize, info.height as usize, grey)
}

/// `target/OUT` in the repository, built by `bash testdata/SCRIPT OUT` unless it is
/// there already for this version of the script (a copy of the script is kept beside it
/// as the stamp).
pub fn generated(script: &str, out: &str) -> PathBuf {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = repo.join("testdata").join(script);
    let out = repo.join("target").join(out);
    let stamp = out.join("script.sh");
    let text = std::fs::read(&script).expect("the generator script is readable");
    if std::fs::read(&stamp).ok().as_deref() != Some(&text[..]) {
        let _ = std::fs::remove_dir_all(&out);
        let ok = std::process::Command::new("bash")
            .arg(&script)
            .arg(&out)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "{} failed", script.display());
        std::fs::write(&stamp, &text).expect("the stamp is written");
    }
    out
}

/// Edit distance in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
