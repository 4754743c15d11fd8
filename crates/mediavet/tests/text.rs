//! Plain-text entries on ../shared/corpus/text: the detected encoding and the Han count
//! agree with the corpus MANIFEST (written by its own tools) for every .txt file. Skips
//! cleanly when the corpus is absent.

mod common;

use common::corpus;
use mediavet::kind::FileKind;

#[test]
fn corpus_texts_encoding_and_han_count_match_the_manifest() {
    let Some(dir) = corpus("text") else {
        eprintln!("skipped: no corpus");
        return;
    };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    let mut compared = 0;
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(name), Some(desc)) = (cols.first(), cols.get(5)) else {
            continue;
        };
        if !name.ends_with(".txt") {
            continue;
        }
        let field = |key: &str| {
            desc.split("; ")
                .find_map(|kv| kv.strip_prefix(key))
                .map(str::to_string)
                .unwrap()
        };
        let want_encoding = match field("encoding=").as_str() {
            "utf-8" => "UTF-8",
            "big5" => "Big5",
            e if e.starts_with("gb18030") => "GBK",
            e => panic!("{name}: encoding {e} not mapped"),
        };
        let want_han: usize = field("han_chars=").parse().unwrap();
        let facts = mediavet::probe_path(&dir.join(name)).unwrap();
        assert_eq!(facts.kind, FileKind::Text, "{name}");
        let text = facts.text.as_ref().unwrap();
        assert_eq!(text.encoding, want_encoding, "{name}");
        assert_eq!(text.counts.han, want_han, "{name}");
        compared += 1;
    }
    eprintln!("{compared} corpus texts compared");
    assert!(compared >= 10, "{compared}");
}

#[test]
fn word_counts_follow_word() {
    // A GBK file and its UTF-16 copy count the same.
    let text = "扶贫路上，我们走了七年。GDP 增长 12% ——\n\n村里通了公路。";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let counts = |bytes: &[u8]| {
        let mut problems = Vec::new();
        let (text, encoding, bom) =
            mediavet::text::read_decoded(&mut &bytes[..], bytes.len() as u64, &mut problems)
                .unwrap();
        mediavet::text::TextFacts::of(text, encoding, bom, None)
    };
    let a = counts(&gbk);
    let b = counts(&utf16);
    assert_eq!((a.encoding, b.encoding, b.bom), ("GBK", "UTF-16LE", true));
    assert_eq!(a.counts, b.counts);
    // 扶贫路上(4)，(1)我们走了七年(6)。(1) GDP(1) 增长(2) 12%(1) ——(2) 村里通了公路(6)。(1)
    assert_eq!(a.counts.words, 25);
    assert_eq!(a.counts.paragraphs, 2);
}

fn text_fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/text")
        .join(name)
}

fn check_text(name: &str) -> mediavet::Report {
    mediavet::check_path(
        &text_fixture(name),
        &mediavet::Profile::builtin("text").unwrap(),
    )
}

#[test]
fn length_boundaries_of_the_text_profile() {
    use mediavet::{Severity, Verdict};
    for (name, verdict, words) in [
        ("words_999.txt", Verdict::Fail, 999),
        ("words_1000.txt", Verdict::Pass, 1000),
        ("words_10000.txt", Verdict::Pass, 10000),
        ("words_10001.txt", Verdict::Fail, 10001),
    ] {
        let r = check_text(name);
        assert_eq!(r.verdict, verdict, "{name}: {:?}", r.findings);
        assert_eq!(r.facts.text.as_ref().unwrap().counts.words, words);
        if verdict == Verdict::Fail {
            let f = &r.findings[0];
            assert_eq!((f.rule, f.severity), ("text.length", Severity::Error));
        }
    }
    let short = check_text("words_999.txt");
    assert_eq!(
        short.findings[0].message.en,
        "The text has 999 字, 1 short of the 1000 required."
    );
    let long = check_text("words_10001.txt");
    assert_eq!(
        long.findings[0].message.zh,
        "正文 10001 字，比上限 10000 字多 1 字。"
    );
}

#[test]
fn legacy_encodings_are_detected_and_counted() {
    for (name, encoding) in [
        ("gbk_1200.txt", "GBK"),
        ("big5_1200.txt", "Big5"),
        ("utf16_1200.txt", "UTF-16LE"),
    ] {
        let r = check_text(name);
        let t = r.facts.text.as_ref().unwrap();
        assert_eq!((t.encoding, t.counts.words), (encoding, 1200), "{name}");
        // The Big5 story is in Traditional characters: only text.script speaks.
        let rules: Vec<&str> = r.findings.iter().map(|f| f.rule).collect();
        let expected: &[&str] = if encoding == "Big5" {
            &["text.script"]
        } else {
            &[]
        };
        assert_eq!(rules, expected, "{name}");
    }
    let blank = check_text("blank.txt");
    assert_eq!(blank.findings[0].rule, "text.empty");
    assert_eq!(blank.verdict, mediavet::Verdict::Fail);
}

#[test]
fn documents_other_than_docx_and_text_are_asked_for_as_docx() {
    let profile = mediavet::Profile::builtin("text").unwrap();
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    let r = mediavet::check_bytes(pdf, "作品.pdf".as_ref(), &profile);
    let f = &r.findings[0];
    assert_eq!(f.rule, "file.kind");
    assert!(
        f.hint.as_ref().unwrap().en.contains(".docx"),
        "{:?}",
        f.hint
    );
    // A .docx is accepted and measured.
    let Some(dir) = corpus("text") else {
        eprintln!("skipped: no corpus");
        return;
    };
    let docx = dir.join("python-docx_test.docx");
    let r = mediavet::check_path(&docx, &profile);
    assert_eq!(r.verdict, mediavet::Verdict::Fail, "{:?}", r.findings);
    assert_eq!(r.findings[0].rule, "text.length");
    assert_eq!(r.facts.text.as_ref().unwrap().counts.words, 7);
}

#[test]
fn author_details_in_the_body_are_found_and_masked() {
    let r = check_text("author_in_body.txt");
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "text.author_info")
        .unwrap();
    assert_eq!(f.severity, mediavet::Severity::Error);
    let kinds: Vec<&str> = r
        .facts
        .text
        .as_ref()
        .unwrap()
        .identifiers
        .iter()
        .map(|i| i.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "label",
            "label",
            "label",
            "mobile",
            "label",
            "id_number",
            "label",
            "email"
        ]
    );
    assert!(
        f.message
            .en
            .contains("paragraph 9: mobile number \"138****6157\""),
        "{}",
        f.message.en
    );
    assert!(
        f.message
            .zh
            .contains("第 10 段身份证号“110***********002X”"),
        "{}",
        f.message.zh
    );
    // Nothing unmasked reaches the report.
    let json = r.to_json(mediavet::Lang::En).to_string();
    assert!(
        !json.contains("13812346157") && !json.contains("zhangxm@"),
        "{json}"
    );
    // The stories without a signature have none.
    for name in ["words_1000.txt", "gbk_1200.txt", "big5_1200.txt"] {
        assert!(
            check_text(name).facts.text.unwrap().identifiers.is_empty(),
            "{name}"
        );
    }
}

#[test]
fn a_utf8_text_cut_mid_character_stays_utf8_and_is_reported() {
    let whole = std::fs::read(text_fixture("words_1000.txt")).unwrap();
    // The file ends "…村口\n": cut inside 口 (3 bytes in UTF-8), dropping 2 of its bytes
    // and the newline.
    let cut = &whole[..whole.len() - 3];
    let profile = mediavet::Profile::builtin("text").unwrap();
    let r = mediavet::check_bytes(cut, "cut.txt".as_ref(), &profile);
    let t = r.facts.text.as_ref().unwrap();
    assert_eq!(t.encoding, "UTF-8");
    let han = |bytes: &[u8]| mediavet::text::count::count(std::str::from_utf8(bytes).unwrap()).han;
    assert_eq!(t.counts.han, han(&whole) - 1);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "file.unreadable")
        .unwrap();
    assert!(
        f.message.en.contains("1 character(s) are not valid UTF-8"),
        "{}",
        f.message.en
    );
}
