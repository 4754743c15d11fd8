//! Text entries on ../shared/corpus/text and testdata/text: the detected encoding, the
//! Han count and the script verdict agree with the corpus MANIFEST (written by its own
//! tools) for every .txt and .docx file; Word documents read in reading order, with
//! their properties, and broken ones are unreadable with the part and the reason. Skips
//! cleanly when the corpus is absent.

use crate::common;

use common::{corpus, skip, text_fixture};
use mediavet::kind::FileKind;
use mediavet::script::Verdict;

#[test]
fn corpus_texts_and_documents_match_the_manifest() {
    let Some(dir) = corpus("text") else {
        return skip("no corpus");
    };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    let mut compared = 0;
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(name), Some(desc)) = (cols.first(), cols.get(5)) else {
            continue;
        };
        let field = |key: &str| {
            desc.split("; ")
                .find_map(|kv| kv.strip_prefix(key))
                .map(str::to_string)
        };
        let facts = mediavet::probe_path(&dir.join(name)).unwrap();
        assert!(!facts.unreadable(), "{name}: {:?}", facts.problems);
        let text = facts.text.as_ref().unwrap();
        if name.ends_with(".txt") {
            assert_eq!(facts.kind, FileKind::Text, "{name}");
            let want_encoding = match field("encoding=").unwrap().as_str() {
                "utf-8" => "UTF-8",
                "big5" => "Big5",
                e if e.starts_with("gb18030") => "GBK",
                e => panic!("{name}: encoding {e} not mapped"),
            };
            assert_eq!(text.encoding, want_encoding, "{name}");
        } else {
            assert_eq!(facts.kind, FileKind::Docx, "{name}");
            let docx = text.docx.as_ref().unwrap();
            // The MANIFEST's app= is docProps/app.xml's Application; ours adds AppVersion.
            match field("app=").as_deref() {
                Some("(none)") | None => assert_eq!(docx.application, None, "{name}"),
                Some(app) => assert!(
                    docx.application.as_deref().unwrap().starts_with(app),
                    "{name}: {:?}",
                    docx.application
                ),
            }
        }
        if let Some(han) = field("han_chars=") {
            let want: usize = han.parse().unwrap();
            // The MANIFEST counted every w:t of document.xml, so text boxes count twice
            // there: once in mc:Choice and again in their VML copy under mc:Fallback
            // (56 Han characters in 5 text boxes; 3 in 7). Word counts them once, as here.
            let fallback_copies = match *name {
                "chatchat_nuclear_PSR_guide_part6_draft.docx" => 56,
                "docx2python_libreoffice_conversion_zh.docx" => 3,
                _ => 0,
            };
            assert_eq!(text.counts.han + fallback_copies, want, "{name}");
        }
        let want_script = field("script=").unwrap_or_default();
        let verdict = text.script.verdict;
        if want_script.starts_with("Simplified") {
            assert_eq!(verdict, Verdict::Simplified, "{name}");
        } else if want_script.starts_with("Traditional") {
            assert_eq!(verdict, Verdict::Traditional, "{name}");
        } else if *name == "docx-rs_toc1_ja.docx" {
            // Japanese: its kana say so, although its kanji include forms OpenCC lists as
            // Traditional (見出し …).
            assert_eq!(verdict, Verdict::Japanese, "{name}");
            assert!(text.script.traditional_only > 0, "{name}");
        } else if !want_script.is_empty() {
            assert_eq!(verdict, Verdict::Unknown, "{name}: {:?}", text.script);
        }
        compared += 1;
    }
    eprintln!("{compared} corpus texts and documents compared");
    assert!(compared >= 26, "{compared}");
}

#[test]
fn corpus_odd_documents_are_read() {
    let Some(dir) = corpus("text") else {
        return skip("no corpus");
    };
    let text = |name: &str| {
        let facts = mediavet::probe_path(&dir.join(name)).unwrap();
        assert!(!facts.unreadable(), "{name}: {:?}", facts.problems);
        facts.text.unwrap()
    };
    // Main part renamed: found through _rels/.rels.
    let renamed = text("docx2python_renamed_document_xml.docx");
    assert_eq!(
        renamed.docx.as_ref().unwrap().main_part,
        "word/blah_blah.xml"
    );
    assert_eq!(renamed.counts.words, 7);
    // ISO/IEC 29500 Strict namespaces.
    let strict = text("mammoth_strict-format.docx");
    assert!(strict.docx.as_ref().unwrap().strict);
    assert_eq!(strict.body.trim(), "Test");
    // XML parts opening with a UTF-8 BOM.
    assert_eq!(text("mammoth_utf8-bom.docx").counts.words, 7);
    // node-word-extractor's "bad-xml.docx" is well-formed XML in every part (Python's
    // parser agrees); what it holds is tracked changes: inserted text is body, deleted
    // text (w:delText) is not.
    let bad = text("wordextractor_bad-xml.docx");
    assert!(
        bad.body.contains("This text has been inserted"),
        "{}",
        bad.body
    );
    assert!(!bad.body.contains("has been deleted"), "{}", bad.body);
    assert_eq!(bad.counts.paragraphs, 3);
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
    // 扶贫路上(4)，(1)我们走了七年(6)。(1) GDP(1) 增长(2) 12%(1) ——(1) 村里通了公路(6)。(1):
    // the dashes stand between a Latin word and the line's end, not next to Chinese, so
    // Word takes them as one word of their own.
    assert_eq!(a.counts.words, 24);
    assert_eq!(a.counts.paragraphs, 2);
}

fn finding<'a>(r: &'a mediavet::Report, rule: &str) -> &'a mediavet::Finding {
    r.findings
        .iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("no {rule}: {:?}", r.findings))
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
        return skip("no corpus");
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
    let f = finding(&r, "text.author_info");
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
    let f = finding(&r, "file.unreadable");
    assert!(
        f.message.en.contains("1 character(s) are not valid UTF-8"),
        "{}",
        f.message.en
    );
}

#[test]
fn docx_body_is_paragraphs_tables_and_text_boxes_once() {
    let r = check_text("author_in_body.docx");
    let t = r.facts.text.as_ref().unwrap();
    // 1 083 字 of paragraphs + a 2×2 table of 10 字 cells + "文本框：" + a 60-字 text box
    // (whose VML fallback copy is not counted again); header, footer and comment are not
    // body.
    assert_eq!(t.counts.words, 1083 + 40 + 4 + 60);
    // The body itself is in the probe's facts (a report drops it once judged).
    assert!(t.body.is_empty());
    let probed = mediavet::probe_path(&text_fixture("author_in_body.docx")).unwrap();
    let body = probed.text.unwrap().body;
    for not_body in ["页眉", "页脚", "批注"] {
        assert!(!body.contains(not_body), "{not_body}");
    }
    // The text box follows the paragraph that anchors it.
    let lines: Vec<&str> = body.lines().collect();
    assert!(lines[lines.len() - 2].starts_with("文本框："), "{lines:?}");
    let docx = t.docx.as_ref().unwrap();
    assert_eq!(
        (docx.creator.as_deref(), docx.company.as_deref()),
        (Some("王秀英"), Some("青山县融媒体中心"))
    );
    // Without the author's details: the phone number written in groups, and the names
    // in the properties.
    let rules: Vec<&str> = r.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["text.author_info", "text.metadata_author"]);
    assert_eq!(t.identifiers[0].masked, "138****6157");
}

#[test]
fn the_authors_own_details_are_found_in_the_body() {
    let profile = mediavet::Profile::builtin("text").unwrap();
    let options = mediavet::CheckOptions {
        author: mediavet::text::author::AuthorDetails {
            name: Some("王 秀英".into()),
            phone: Some("138-1234-6157".into()),
            unit: Some("青山县融媒体中心".into()),
            email: None,
        },
        ..Default::default()
    };
    let r = mediavet::check_path_with(&text_fixture("author_in_body.docx"), &profile, &options);
    let f = finding(&r, "text.author_info");
    assert_eq!(f.severity, mediavet::Severity::Error);
    assert!(
        f.message.zh.contains("第 3 段作者姓名“王**”"),
        "{}",
        f.message.zh
    );
    assert!(
        f.message.zh.contains("第 5 段作者电话“138****6157”"),
        "{}",
        f.message.zh
    );
    // The unit is only in the header and the properties, not in the body.
    assert!(!f.message.zh.contains("作者单位"), "{}", f.message.zh);
}

#[test]
fn broken_documents_name_the_part_and_the_reason() {
    for (name, part, reason) in [
        ("bad_xml.docx", "word/document.xml", "XML error at byte"),
        ("truncated.docx", "", "not a readable ZIP package"),
        (
            "bomb.docx",
            "word/document.xml",
            "declares 83886514 bytes uncompressed",
        ),
        ("bomb_lying.docx", "word/document.xml", "cannot be inflated"),
    ] {
        let r = check_text(name);
        assert_eq!(r.verdict, mediavet::Verdict::Unreadable, "{name}");
        let f = &r.findings[0];
        assert_eq!(f.rule, "file.unreadable", "{name}");
        assert!(f.message.en.contains(part), "{name}: {}", f.message.en);
        assert!(f.message.en.contains(reason), "{name}: {}", f.message.en);
    }
}

#[test]
fn a_10000_word_docx_is_in_range() {
    let r = check_text("words_10000.docx");
    assert_eq!(r.facts.text.as_ref().unwrap().counts.words, 10_000);
    assert_eq!(r.verdict, mediavet::Verdict::Pass, "{:?}", r.findings);
}
