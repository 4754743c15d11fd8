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
        mediavet::text::probe_text(&mut &bytes[..], bytes.len() as u64, &mut problems).unwrap()
    };
    let a = counts(&gbk);
    let b = counts(&utf16);
    assert_eq!((a.encoding, b.encoding, b.bom), ("GBK", "UTF-16LE", true));
    assert_eq!(a.counts, b.counts);
    // 扶贫路上(4)，(1)我们走了七年(6)。(1) GDP(1) 增长(2) 12%(1) ——(2) 村里通了公路(6)。(1)
    assert_eq!(a.counts.words, 25);
    assert_eq!(a.counts.paragraphs, 2);
}
