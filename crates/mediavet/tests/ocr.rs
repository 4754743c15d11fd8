//! OCR of rendered line crops (testdata/ocr, made by its make.sh): the PP-OCRv4
//! recogniser run by tract reads Simplified and Traditional lines in Hei, Song/Ming and
//! Kai faces, and keeps Traditional forms Traditional.

use crate::common;

use mediavet::ocr::Picture;
use mediavet::script::{ScriptFacts, Verdict};
use std::path::PathBuf;

fn lines() -> Vec<(PathBuf, String, String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/ocr");
    std::fs::read_to_string(dir.join("lines.tsv"))
        .expect("lines.tsv")
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (dir.join(f[0]), f[1].into(), f[2].into(), f[3].into())
        })
        .collect()
}

#[test]
fn reads_rendered_lines() {
    let Some(engine) = common::ocr() else { return };
    let (mut chars, mut wrong) = (0, 0);
    for (path, font, script, want) in lines() {
        let (width, height, data) = common::grey_png(&path);
        let p = Picture {
            width,
            height,
            data: &data,
        };
        let got = engine.read_line(&p).expect("recognised");
        eprintln!(
            "{font} {script}: {} ({:.3}) want {want}",
            got.text, got.confidence
        );
        let errors = common::distance(&got.text, &want);
        let n = want.chars().count();
        assert!(errors * 5 <= n, "{}: read {:?}", path.display(), got.text);
        (chars, wrong) = (chars + n, wrong + errors);
        // The script is kept: Traditional glyphs come out as Traditional characters (the
        // model's list holds both forms), Simplified as Simplified.
        let mut facts = ScriptFacts::<usize>::new();
        facts.add(&got.text, &1);
        let expect = match script.as_str() {
            "traditional" => Verdict::Traditional,
            _ if facts.simplified_only + facts.traditional_only == 0 => Verdict::Unknown,
            _ => Verdict::Simplified,
        };
        assert_eq!(facts.verdict, expect, "{}: {:?}", path.display(), got.text);
        assert!(
            got.confidence > 0.85,
            "{}: {}",
            path.display(),
            got.confidence
        );
    }
    // 8 lines, 88 characters: 3 misread (表 for 走, 镶 for 讓, a stray "-").
    assert!(wrong * 20 <= chars, "{wrong} of {chars} characters misread");
}

/// The 72-line set of testdata/ocr/lines.sh, built once into target/ocr-lines (rebuilt
/// when the script changes): character accuracy and the Simplified/Traditional verdict on
/// lines of 6+ characters, and what was read written to rust.tsv for the Python
/// cross-check against rapidocr-onnxruntime (bindings/python/tests/test_ocr_oracle.py).
#[test]
fn reads_the_line_set_and_keeps_scripts_apart() {
    let Some(engine) = common::ocr() else { return };
    if !common::have("ffmpeg") {
        return;
    }
    let dir = common::generated("ocr/lines.sh", "ocr-lines");
    let rows: Vec<Vec<String>> = std::fs::read_to_string(dir.join("lines.tsv"))
        .unwrap()
        .lines()
        .map(|l| l.split('\t').map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 72);
    let (mut chars, mut wrong, mut verdicts, mut right, mut simplified_errors) = (0, 0, 0, 0, 0);
    let (mut traditional_in, mut kept) = (0, 0);
    let mut out = String::new();
    for row in &rows {
        let (file, script, want) = (&row[0], &row[3], &row[4]);
        let (width, height, data) = common::grey_png(&dir.join(file));
        let got = engine
            .read_line(&Picture {
                width,
                height,
                data: &data,
            })
            .expect("recognised");
        out.push_str(&format!("{file}\t{}\t{:.4}\n", got.text, got.confidence));
        chars += want.chars().count();
        wrong += common::distance(&got.text, want).min(want.chars().count());
        let mut facts = ScriptFacts::<usize>::new();
        facts.add(&got.text, &1);
        // The model reads some Traditional glyphs as their Simplified forms (駐→驻, 來→来,
        // 戶→户), never the other way here: a line is judged Traditional when any
        // Traditional-only character is read, as subtitle.script's 1 % share does.
        let traditional = facts.over(0.01);
        if want.chars().count() >= 6 {
            verdicts += 1;
            right += usize::from(traditional == (script == "traditional"));
        }
        if script == "simplified" && traditional {
            simplified_errors += 1;
            eprintln!("{file}: Simplified {want} read as {}", got.text);
        }
        if script == "traditional" {
            for (w, g) in want.chars().zip(got.text.chars()) {
                if mediavet::script::simplified_of(w).is_some() {
                    traditional_in += 1;
                    kept += usize::from(w == g);
                }
            }
        }
    }
    std::fs::write(dir.join("rust.tsv"), out).unwrap();
    let accuracy = 1.0 - wrong as f64 / chars as f64;
    let verdict_share = right as f64 / verdicts as f64;
    eprintln!("72 lines: character accuracy {accuracy:.3} ({wrong} of {chars} wrong); script verdict right on {right} of {verdicts}; Traditional-only characters read as themselves: {kept} of {traditional_in} (same place)");
    assert!(accuracy >= 0.85, "character accuracy {accuracy:.3}");
    assert!(verdict_share >= 0.95, "script verdict {verdict_share:.3}");
    assert_eq!(simplified_errors, 0);
}
