//! Word documents (.docx, Office Open XML, transitional or Strict): the main body's text in
//! reading order and the document properties, streamed out of the ZIP package.
//!
//! The package is read with the `zip` crate and each XML part streamed through
//! `quick-xml` (which never loads DTDs or external entities). Bounds: at most
//! [`MAX_ENTRIES`] entries, [`MAX_PART_BYTES`] decompressed per part and
//! [`MAX_TOTAL_BYTES`] over the parts read, counted on the bytes actually inflated, not
//! on the sizes the archive declares; only the parts named below are ever inflated.

pub use crate::facts::text::DocxInfo;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::cell::Cell;
use std::io::{BufReader, Read, Seek};
use std::rc::Rc;

/// Most entries in a package (Word writes about 15; a ZIP with more is not a document).
pub const MAX_ENTRIES: usize = 10_000;
/// Most bytes inflated from one XML part.
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// Most bytes inflated over all parts read.
pub const MAX_TOTAL_BYTES: u64 = 128 << 20;
/// Deepest nesting of paragraphs (a text box holds paragraphs inside a paragraph; Word
/// nests a few levels at most).
pub const MAX_NESTING: usize = 32;

const W_MAIN: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Why a package could not be read: the part and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxError {
    /// The part (`word/document.xml`), or `None` for the ZIP itself.
    pub part: Option<String>,
    /// What went wrong.
    pub reason: String,
}

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.part {
            Some(p) => write!(f, "{p}: {}", self.reason),
            None => write!(f, "{}", self.reason),
        }
    }
}

/// A document's body text (one line per paragraph) and its properties.
#[derive(Debug, Clone)]
pub struct Docx {
    /// Paragraphs in reading order, joined by `\n`.
    pub body: String,
    /// Package facts.
    pub info: DocxInfo,
    /// The body was longer than `max_text` bytes and was cut there.
    pub cut: bool,
}

/// Reads a .docx from `r`; keeps at most `max_text` bytes of body text.
pub fn read<R: Read + Seek>(r: R, max_text: usize) -> Result<Docx, DocxError> {
    let zip_err = |e: zip::result::ZipError| DocxError {
        part: None,
        reason: format!("not a readable ZIP package: {e}"),
    };
    let mut zip = zip::ZipArchive::new(r).map_err(zip_err)?;
    if zip.len() > MAX_ENTRIES {
        return Err(DocxError {
            part: None,
            reason: format!("{} entries (at most {MAX_ENTRIES})", zip.len()),
        });
    }
    let budget = Rc::new(Cell::new(MAX_TOTAL_BYTES));
    let rels = match part(&mut zip, "_rels/.rels", &budget) {
        Ok(reader) => relationships(reader, "_rels/.rels")?,
        Err(e) if e.reason == MISSING => Vec::new(),
        Err(e) => return Err(e),
    };
    let target = |kind: &str| {
        rels.iter()
            .find(|(t, _)| t.ends_with(kind))
            .map(|(_, target)| target.trim_start_matches('/').to_string())
    };
    let main_part = target("/officeDocument").unwrap_or_else(|| "word/document.xml".into());
    let strict = rels
        .iter()
        .any(|(t, _)| t.starts_with("http://purl.oclc.org/"));
    if zip.index_for_name(&main_part).is_none() {
        return Err(no_body(&zip, main_part));
    }
    let (body, cut) = body(part(&mut zip, &main_part, &budget)?, &main_part, max_text)?;
    let mut info = DocxInfo {
        main_part,
        strict,
        ..DocxInfo::default()
    };
    let core = target("/core-properties").unwrap_or_else(|| "docProps/core.xml".into());
    let app = target("/extended-properties").unwrap_or_else(|| "docProps/app.xml".into());
    // Properties are optional parts: a package without them (Google Docs, Pages) is fine,
    // and a damaged one does not hide the body.
    let props = |zip: &mut zip::ZipArchive<R>, name: &str| {
        part(zip, name, &budget)
            .and_then(|p| properties(p, name))
            .unwrap_or_default()
    };
    for (key, value) in props(&mut zip, &core) {
        match key.as_str() {
            "creator" => info.creator = Some(value),
            "lastModifiedBy" => info.last_modified_by = Some(value),
            _ => {}
        }
    }
    let mut version = None;
    for (key, value) in props(&mut zip, &app) {
        match key.as_str() {
            "Application" => info.application = Some(value),
            "AppVersion" => version = Some(value),
            "Company" => info.company = Some(value),
            _ => {}
        }
    }
    if let (Some(a), Some(v)) = (info.application.as_mut(), version) {
        a.push(' ');
        a.push_str(&v);
    }
    Ok(Docx { body, info, cut })
}

/// The reason given when a part is not in the package.
pub const MISSING: &str = "part missing from the package";
/// How the reason opens when the package has no main document part: it is not a Word
/// document at all, whatever its first bytes suggested.
pub const NO_BODY: &str = "no Word document body";

impl DocxError {
    /// The package has no main document part.
    pub fn is_no_body(&self) -> bool {
        self.reason.starts_with(NO_BODY)
    }
}

/// The error for a package without its main part, naming what it holds instead.
fn no_body<R: Read + Seek>(zip: &zip::ZipArchive<R>, main_part: String) -> DocxError {
    const SHOWN: usize = 8;
    let names: Vec<String> = zip
        .file_names()
        .take(SHOWN)
        .map(|n| n.map_or_else(|_| "?".into(), |n| n.into_owned()))
        .collect();
    let more = zip.len().saturating_sub(SHOWN);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    DocxError {
        part: Some(main_part),
        reason: format!(
            "{NO_BODY}: the package holds {} entries: {}{more}",
            zip.len(),
            names.join(", ")
        ),
    }
}

/// A streaming reader of one part, inflating at most what the budgets allow.
fn part<'a, R: Read + Seek>(
    zip: &'a mut zip::ZipArchive<R>,
    name: &str,
    budget: &Rc<Cell<u64>>,
) -> Result<Bounded<zip::read::ZipFile<'a, R>>, DocxError> {
    let err = |reason: String| DocxError {
        part: Some(name.to_string()),
        reason,
    };
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Err(err(MISSING.into())),
        Err(e) => return Err(err(e.to_string())),
    };
    let limit = MAX_PART_BYTES.min(budget.get());
    if file.size() > limit {
        return Err(err(format!(
            "declares {} bytes uncompressed (at most {limit} are read): a ZIP bomb or not a text document",
            file.size()
        )));
    }
    Ok(Bounded {
        inner: file,
        left: MAX_PART_BYTES,
        total: Rc::clone(budget),
    })
}

/// A reader that fails, rather than ends, past its part's limit or the package's
/// (the bytes really inflated count, whatever size the archive declares).
struct Bounded<R> {
    inner: R,
    left: u64,
    total: Rc<Cell<u64>>,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)? as u64;
        let over =
            || std::io::Error::other("inflates beyond its limit: a ZIP bomb or a damaged part");
        self.left = self.left.checked_sub(n).ok_or_else(over)?;
        self.total
            .set(self.total.get().checked_sub(n).ok_or_else(over)?);
        Ok(n as usize)
    }
}

/// A part that failed: to inflate (damaged or a bomb), or to parse as XML (with where).
fn xml_err(name: &str, reader_pos: u64, e: quick_xml::Error) -> DocxError {
    let reason = match e {
        quick_xml::Error::Io(io) => format!("cannot be inflated: {io}"),
        e => format!("XML error at byte {reader_pos}: {e}"),
    };
    DocxError {
        part: Some(name.to_string()),
        reason,
    }
}

/// The next event of part `name`, or why there is none.
fn next<'b, R: std::io::BufRead>(
    reader: &mut NsReader<R>,
    buf: &'b mut Vec<u8>,
    name: &str,
) -> Result<Event<'b>, DocxError> {
    reader.read_event_into(buf).map_err(|e| {
        xml_err(
            name,
            error_position(reader.error_position(), reader.buffer_position()),
            e,
        )
    })
}

/// Where an XML error is: quick-xml's error position, or where reading had got to for
/// the errors it gives no position (the nesting limit said "byte 0").
pub(crate) fn error_position(error: u64, read: u64) -> u64 {
    if error == 0 {
        read
    } else {
        error
    }
}

/// `(Type, Target)` of each relationship in a .rels part.
fn relationships<R: Read>(r: R, name: &str) -> Result<Vec<(String, String)>, DocxError> {
    let mut reader = NsReader::from_reader(BufReader::new(r));
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        let event = next(&mut reader, &mut buf, name)?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let attr = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .map(|a| a.value.to_string())
                };
                if let (Some(t), Some(target)) = (attr("Type"), attr("Target")) {
                    out.push((t, target));
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
        buf.clear();
    }
}

/// The text children of a properties part's root, by local name.
fn properties<R: Read>(r: R, name: &str) -> Result<Vec<(String, String)>, DocxError> {
    let mut reader = NsReader::from_reader(BufReader::new(r));
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut key = None;
    loop {
        let event = next(&mut reader, &mut buf, name)?;
        match event {
            Event::Start(e) => {
                depth += 1;
                key = (depth == 2).then(|| e.local_name().as_ref().to_string());
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                key = None;
            }
            Event::Text(t) => {
                if let (Some(k), Some(v)) = (&key, crate::charset::non_empty(&t.xml10_content())) {
                    out.push((k.clone(), v));
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
        buf.clear();
    }
}

/// What a `w:` element means for the text.
enum Mark {
    Paragraph,
    Text,
    Char(char),
    Other,
}

fn mark(local: &str) -> Mark {
    match local {
        "p" => Mark::Paragraph,
        "t" => Mark::Text,
        "tab" | "ptab" => Mark::Char('\t'),
        "br" | "cr" => Mark::Char('\n'),
        "noBreakHyphen" => Mark::Char('-'),
        _ => Mark::Other,
    }
}

/// The paragraphs of the main part, in reading order: body paragraphs and table cells
/// as they come; a text box's paragraphs right after the paragraph that anchors it.
/// `mc:Fallback` (the VML copy of a drawing's text box) is skipped, so text boxes count
/// once; deleted text (`w:delText`) and field codes (`w:instrText`) are not text.
fn body<R: Read>(r: R, name: &str, max_text: usize) -> Result<(String, bool), DocxError> {
    let mut reader = NsReader::from_reader(BufReader::with_capacity(64 << 10, r));
    let mut buf = Vec::new();
    let mut out = String::new();
    // Open paragraphs (a text box's paragraphs sit inside the anchoring one) and the
    // finished inner ones waiting for their anchor to end.
    let mut open: Vec<String> = Vec::new();
    let mut waiting: Vec<String> = Vec::new();
    let mut in_text = false;
    let mut skip = 0usize;
    let mut cut = false;
    loop {
        let event = next(&mut reader, &mut buf, name)?;
        let ns = match &event {
            Event::Start(e) | Event::Empty(e) => reader.resolver().resolve_element(e.name()).0,
            Event::End(e) => reader.resolver().resolve_element(e.name()).0,
            _ => ResolveResult::Unbound,
        };
        let is_w = matches!(ns, ResolveResult::Bound(n) if W_MAIN.contains(&n.as_ref()));
        let is_fallback = |local: &str| {
            matches!(ns, ResolveResult::Bound(n) if n.as_ref() == MC) && local == "Fallback"
        };
        match event {
            Event::Start(e) => {
                let local = e.local_name();
                if skip > 0 || is_fallback(local.as_ref()) {
                    skip += 1;
                } else if is_w {
                    match mark(local.as_ref()) {
                        Mark::Paragraph if open.len() >= MAX_NESTING => {
                            return Err(DocxError {
                                part: Some(name.to_string()),
                                reason: format!(
                                    "paragraphs nested more than {MAX_NESTING} deep (text boxes in text boxes …)"
                                ),
                            });
                        }
                        Mark::Paragraph => open.push(String::new()),
                        Mark::Text => in_text = true,
                        Mark::Char(c) => append(&mut open, c.encode_utf8(&mut [0; 4])),
                        Mark::Other => {}
                    }
                }
            }
            Event::Empty(e) if skip == 0 && is_w => match mark(e.local_name().as_ref()) {
                Mark::Char(c) => append(&mut open, c.encode_utf8(&mut [0; 4])),
                Mark::Paragraph if open.is_empty() => out.push('\n'),
                _ => {}
            },
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                } else if is_w {
                    match mark(e.local_name().as_ref()) {
                        Mark::Text => in_text = false,
                        Mark::Paragraph => {
                            let p = open.pop().unwrap_or_default();
                            if open.is_empty() {
                                out.push_str(&p);
                                out.push('\n');
                                for inner in waiting.drain(..) {
                                    out.push_str(&inner);
                                    out.push('\n');
                                }
                            } else {
                                waiting.push(p);
                            }
                        }
                        _ => {}
                    }
                }
            }
            Event::Text(t) if in_text && skip == 0 => append(&mut open, &t.xml10_content()),
            Event::CData(t) if in_text && skip == 0 => append(&mut open, &t.xml10_content()),
            Event::GeneralRef(r) if in_text && skip == 0 => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name = r.xml10_content();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .map_or_else(|| format!("&{name};"), str::to_string)
                    }
                };
                append(&mut open, &text);
            }
            Event::Eof => break,
            _ => {}
        }
        if out.len() + open.iter().map(String::len).sum::<usize>() > max_text {
            cut = true;
            break;
        }
        buf.clear();
    }
    for p in open.into_iter().chain(waiting) {
        out.push_str(&p);
        out.push('\n');
    }
    Ok((out, cut))
}

/// Adds `text` to the innermost open paragraph (text outside any paragraph is dropped).
fn append(open: &mut [String], text: &str) {
    if let Some(p) = open.last_mut() {
        p.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn package(document: &str) -> Cursor<Vec<u8>> {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(document.as_bytes()).unwrap();
        let mut out = z.finish().unwrap();
        out.set_position(0);
        out
    }

    #[test]
    fn entities_are_never_expanded_or_fetched() {
        let doc = r#"<?xml version="1.0"?>
<!DOCTYPE w:document [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>甲&xxe;乙&b;丙&amp;&#x4e01;</w:t></w:r></w:p></w:body></w:document>"#;
        let d = read(package(doc), 1 << 20).unwrap();
        assert_eq!(d.body, "甲&xxe;乙&b;丙&丁\n");
    }

    #[test]
    fn nesting_is_bounded() {
        let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
        let doc = format!(
            "<w:document {w}><w:body>{}</w:body></w:document>",
            "<w:p>".repeat(10_000)
        );
        let e = read(package(&doc), 1 << 20).unwrap_err();
        assert!(e.reason.contains("nested more than 32"), "{e}");
        // Past quick-xml's own nesting limit, the error gives no position of its own:
        // where reading had got to is said (it said "byte 0").
        let deep = format!(
            "<w:document {w}><w:body>{}</w:body></w:document>",
            "<w:sdt>".repeat(70_000)
        );
        let e = read(package(&deep), 1 << 20).unwrap_err();
        assert!(e.reason.contains("deeper than the supported limit"), "{e}");
        assert!(!e.reason.contains("at byte 0:"), "{e}");
    }

    #[test]
    fn an_empty_body_reads_as_empty() {
        let doc = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/><w:sectPr/></w:body></w:document>"#;
        let d = read(package(doc), 1 << 20).unwrap();
        assert_eq!(d.body.trim(), "");
        assert_eq!(d.info.main_part, "word/document.xml");
    }
}
