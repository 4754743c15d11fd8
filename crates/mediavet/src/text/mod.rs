//! Text entries: the encoding of a plain-text file (detected, not assumed), its counts,
//! and what in it identifies a person.

pub mod count;
pub mod identifiers;

pub use count::Counts;

use crate::facts::Problem;
use serde::Serialize;
use std::io::Read;

/// Most bytes of a text file read: a 10 000-字 story is about 30 KB; a larger file is
/// counted over its first 16 MiB and a problem says so.
pub const MAX_TEXT_BYTES: u64 = 16 << 20;

/// Text facts.
#[derive(Debug, Clone, Serialize)]
pub struct TextFacts {
    /// Encoding it was read in (`UTF-8`, `UTF-16LE`, `GBK`, `Big5`, …).
    pub encoding: &'static str,
    /// A byte-order mark opens the file.
    pub bom: bool,
    /// The counts.
    pub counts: Counts,
    /// What in the body identifies a person (masked), at most 50.
    pub identifiers: Vec<identifiers::Identifier>,
}

/// Reads a plain-text file from `r` (at its start) and counts it.
pub fn probe_text<R: Read>(r: &mut R, size: u64, problems: &mut Vec<Problem>) -> Option<TextFacts> {
    let mut bytes = Vec::new();
    if let Err(e) = r.take(MAX_TEXT_BYTES).read_to_end(&mut bytes) {
        problems.push(Problem::new(
            true,
            Some(bytes.len() as u64),
            format!("read failed: {e}"),
            format!("读取失败：{e}"),
        ));
        return None;
    }
    if size > MAX_TEXT_BYTES {
        problems.push(Problem::new(
            false,
            Some(MAX_TEXT_BYTES),
            format!("{size} bytes: too large for a text entry; the first 16 MiB were counted"),
            format!("{size} 字节，超出文字作品的合理大小；只统计了前 16 MiB"),
        ));
    }
    let bom = encoding_rs::Encoding::for_bom(&bytes).is_some();
    let decoded = crate::charset::decode(&bytes);
    let replaced = decoded.text.matches('\u{FFFD}').count();
    if replaced > 0 {
        let e = decoded.encoding;
        problems.push(Problem::new(
            false,
            None,
            format!("{replaced} character(s) are not valid {e} and were replaced: the file may be cut short or damaged"),
            format!("有 {replaced} 个字符不是有效的 {e} 编码，已替换：文件可能被截断或已损坏"),
        ));
    }
    Some(TextFacts {
        encoding: decoded.encoding,
        bom,
        counts: count::count(&decoded.text),
        identifiers: identifiers::find(&decoded.text),
    })
}
