//! Text entries: the body of a plain-text file (in its detected encoding) or of a Word
//! document, its counts, its script, and what in it identifies a person.

pub mod author;
pub mod count;
pub mod docx;
pub mod id_number;
pub mod identifiers;
pub mod ole;

pub use count::Counts;

pub use crate::facts::text::TextFacts;
use crate::facts::Problem;
use crate::script::ScriptFacts;
use std::io::{Read, Seek};

/// Most bytes of a text file read: a 10 000-字 story is about 30 KB; a larger file is
/// counted over its first 16 MiB and a problem says so.
pub const MAX_TEXT_BYTES: u64 = 16 << 20;

impl TextFacts {
    /// Facts of a body read in `encoding`.
    pub fn of(
        body: String,
        encoding: &'static str,
        bom: bool,
        docx: Option<docx::DocxInfo>,
    ) -> Self {
        let mut script = ScriptFacts::new();
        for (i, p) in paragraphs(&body).enumerate() {
            script.add(p, &(i + 1));
        }
        TextFacts {
            encoding,
            bom,
            counts: count::count(&body),
            identifiers: identifiers::find(&body),
            author_hits: Vec::new(),
            script,
            docx,
            body,
        }
    }
}

/// The non-blank lines of a body: its paragraphs, numbered from 1 in reports.
pub fn paragraphs(body: &str) -> impl Iterator<Item = &str> {
    body.lines().filter(|l| !l.trim().is_empty())
}

/// Reads a Word document from `r`; a cut body is a problem.
pub fn probe_docx<R: Read + Seek>(
    r: R,
    problems: &mut Vec<Problem>,
) -> Result<TextFacts, docx::DocxError> {
    let d = docx::read(r, MAX_TEXT_BYTES as usize)?;
    if d.cut {
        problems.push(Problem::new(
            false,
            None,
            "the body is over 16 MiB of text; only the first 16 MiB were counted".to_string(),
            "正文超过 16 MiB；只统计了前 16 MiB".to_string(),
        ));
    }
    Ok(TextFacts::of(d.body, "UTF-8", false, Some(d.info)))
}

/// Reads a plain-text file from `r` (at its start), at most [`MAX_TEXT_BYTES`], and
/// decodes it: the text, its encoding and whether a BOM opened it.
pub fn read_decoded<R: Read>(
    r: &mut R,
    size: u64,
    problems: &mut Vec<Problem>,
) -> Option<(String, &'static str, bool)> {
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
            format!("{size} bytes: too large for a text file; the first 16 MiB were read"),
            format!("{size} 字节，超出文本文件的合理大小；只读取了前 16 MiB"),
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
    Some((decoded.text, decoded.encoding, bom))
}
