//! The rows of cells of a spreadsheet form: `.xlsx` read here with `zip` + `quick-xml`,
//! cell by cell, within fixed bounds; `.xls` (BIFF in an OLE file) through `calamine`
//! after [`super::xls`] has checked what the workbook declares.
//!
//! Why not calamine for `.xlsx` too: it reserves what the workbook declares before
//! reading it (`uniqueCount` shared strings) and builds a dense grid spanning the first
//! and last cells (`Range::from_sparse`), so a 2 KB sheet with `uniqueCount="1e11"`, or
//! one cell at A1 and one at XFD1048576, asks for terabytes and the allocator aborts the
//! whole process. A form is a few dozen rows of text: streaming its cells costs less
//! than checking every declaration calamine would trust.

use crate::text::docx::{error_position, MAX_ENTRIES, MAX_PART_BYTES};
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Cursor, Read, Seek};

/// Most non-empty rows read over all sheets.
pub(super) const MAX_ROWS: usize = 2_000;
/// Most cells read over all sheets (empty ones included).
const MAX_CELLS: usize = 200_000;
/// Most shared strings kept, and most bytes of their text.
const MAX_STRINGS: usize = 200_000;
const MAX_STRING_BYTES: usize = 16 << 20;
/// Most characters kept per cell.
const MAX_CELL: usize = 20_000;
/// Most sheets read.
const MAX_SHEETS: usize = 256;

/// The rows of the `.xlsx` workbook in `bytes`: every sheet in the workbook's order, each
/// row's non-empty cells as text, in column order.
pub fn rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable workbook: {e}"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!("{} parts, more than {MAX_ENTRIES}", zip.len()));
    }
    if zip.index_for_name("xl/workbook.xml").is_none() {
        return Err("not an .xlsx workbook (no xl/workbook.xml)".into());
    }
    let strings = match zip.index_for_name("xl/sharedStrings.xml") {
        Some(_) => shared_strings(&mut zip)?,
        None => Vec::new(),
    };
    let mut out = Vec::new();
    let mut cells = 0usize;
    for sheet in sheet_parts(&mut zip)? {
        if out.len() >= MAX_ROWS {
            break;
        }
        if zip.index_for_name(&sheet).is_none() {
            continue;
        }
        read_sheet(&mut zip, &sheet, &strings, &mut out, &mut cells)?;
    }
    Ok(out)
}

/// A part's XML reader, failing (not ending) past [`MAX_PART_BYTES`] inflated.
fn part<'a, R: Read + Seek>(
    zip: &'a mut zip::ZipArchive<R>,
    name: &str,
) -> Result<quick_xml::Reader<BufReader<Capped<zip::read::ZipFile<'a, R>>>>, String> {
    let file = zip.by_name(name).map_err(|e| format!("{name}: {e}"))?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(Capped {
        inner: file,
        left: MAX_PART_BYTES,
    }));
    reader.config_mut().trim_text(false);
    Ok(reader)
}

/// A reader that fails once more than `left` bytes came out of it.
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            std::io::Error::other(format!(
                "inflates to more than {} MiB: a ZIP bomb or not a form",
                MAX_PART_BYTES >> 20
            ))
        })?;
        Ok(n)
    }
}

/// The next event of part `name`, or what went wrong and where.
fn next<'b, R: std::io::BufRead>(
    reader: &mut quick_xml::Reader<R>,
    buf: &'b mut Vec<u8>,
    name: &str,
) -> Result<Event<'b>, String> {
    reader.read_event_into(buf).map_err(|e| match e {
        quick_xml::Error::Io(io) => format!("{name}: {io}"),
        e => {
            let at = error_position(reader.error_position(), reader.buffer_position());
            format!("{name}: XML error at byte {at}: {e}")
        }
    })
}

/// The text an event carries: character data, or a resolved reference.
fn text_of<'a>(event: &'a Event<'_>) -> Option<std::borrow::Cow<'a, str>> {
    match event {
        Event::Text(t) => Some(t.xml10_content()),
        Event::CData(t) => Some(t.xml10_content()),
        Event::GeneralRef(r) => Some(reference(r).into()),
        _ => None,
    }
}

/// The text of an entity or character reference.
fn reference(r: &quick_xml::events::BytesRef<'_>) -> String {
    match r.resolve_char_ref() {
        Ok(Some(c)) => c.to_string(),
        _ => {
            let name = r.xml10_content();
            quick_xml::escape::resolve_predefined_entity(&name)
                .map_or_else(|| format!("&{name};"), str::to_string)
        }
    }
}

/// An attribute's unescaped value.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The shared strings, each `<si>`'s text runs joined (phonetic runs left out).
fn shared_strings<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<Vec<String>, String> {
    const NAME: &str = "xl/sharedStrings.xml";
    let mut reader = part(zip, NAME)?;
    let mut buf = Vec::new();
    let mut out: Vec<String> = Vec::new();
    let (mut in_t, mut phonetic, mut bytes) = (false, 0usize, 0usize);
    loop {
        let event = next(&mut reader, &mut buf, NAME)?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => {
                    if out.len() >= MAX_STRINGS {
                        return Err(format!(
                            "{NAME}: more than {MAX_STRINGS} shared strings: not a form"
                        ));
                    }
                    out.push(String::new());
                }
                "rPh" => phonetic += 1,
                "t" => in_t = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => out.push(String::new()),
            Event::End(e) => match e.local_name().as_ref() {
                "rPh" => phonetic = phonetic.saturating_sub(1),
                "t" => in_t = false,
                _ => {}
            },
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if in_t && phonetic == 0 => {
                let Some(text) = text_of(&event) else {
                    continue;
                };
                bytes += text.len();
                if bytes > MAX_STRING_BYTES {
                    return Err(format!(
                        "{NAME}: more than {} MiB of shared text: not a form",
                        MAX_STRING_BYTES >> 20
                    ));
                }
                if let Some(s) = out.last_mut() {
                    s.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// The worksheet parts in the workbook's order (`xl/workbook.xml`'s sheets through
/// `xl/_rels/workbook.xml.rels`).
fn sheet_parts<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<Vec<String>, String> {
    let mut ids = Vec::new();
    let mut reader = part(zip, "xl/workbook.xml")?;
    let mut buf = Vec::new();
    loop {
        match next(&mut reader, &mut buf, "xl/workbook.xml")? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                if ids.len() >= MAX_SHEETS {
                    break;
                }
                if let Some(id) = attr(&e, "id") {
                    ids.push(id);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    drop(reader);
    let mut targets = Vec::new();
    if zip.index_for_name("xl/_rels/workbook.xml.rels").is_some() {
        let mut reader = part(zip, "xl/_rels/workbook.xml.rels")?;
        loop {
            match next(&mut reader, &mut buf, "xl/_rels/workbook.xml.rels")? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                    if let (Some(id), Some(t)) = (attr(&e, "Id"), attr(&e, "Target")) {
                        targets.push((id, t));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
    }
    Ok(ids
        .iter()
        .filter_map(|id| targets.iter().find(|(i, _)| i == id))
        .map(|(_, t)| match t.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{t}"),
        })
        .collect())
}

/// A cell reference's zero-based column (`C7` → 2), when it has one.
fn column_of(r: &str) -> Option<u32> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic);
    let mut col = 0u32;
    let mut any = false;
    for b in letters {
        col = col
            .checked_mul(26)?
            .checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1)?;
        any = true;
    }
    any.then(|| col - 1)
}

/// One cell being read.
#[derive(Default)]
struct CellState {
    col: u32,
    kind: Option<String>,
    value: String,
}

impl CellState {
    /// The cell's text as calamine shows it: a shared string, inline text, a number in
    /// its shortest form, `true`/`false`.
    fn text(&self, strings: &[String]) -> String {
        let v = self.value.trim();
        match self.kind.as_deref() {
            Some("s") => v
                .parse::<usize>()
                .ok()
                .and_then(|i| strings.get(i))
                .cloned()
                .unwrap_or_default(),
            Some("b") => match v {
                "1" => "true".into(),
                "0" => "false".into(),
                other => other.into(),
            },
            Some("inlineStr" | "str" | "e") => v.to_string(),
            _ => v
                .parse::<f64>()
                .map_or_else(|_| v.to_string(), |f| f.to_string()),
        }
    }
}

/// Appends the non-empty rows of worksheet `name` to `out`.
fn read_sheet<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    strings: &[String],
    out: &mut Vec<Vec<String>>,
    cells: &mut usize,
) -> Result<(), String> {
    let mut reader = part(zip, name)?;
    let mut buf = Vec::new();
    let mut row: Vec<(u32, String)> = Vec::new();
    let mut cell: Option<CellState> = None;
    let (mut in_value, mut phonetic) = (false, 0usize);
    let flush = |row: &mut Vec<(u32, String)>, out: &mut Vec<Vec<String>>| {
        row.sort_by_key(|(c, _)| *c);
        let texts: Vec<String> = row
            .drain(..)
            .map(|(_, t)| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        if !texts.is_empty() && out.len() < MAX_ROWS {
            out.push(texts);
        }
    };
    loop {
        let event = next(&mut reader, &mut buf, name)?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    "row" => flush(&mut row, out),
                    "c" => {
                        *cells += 1;
                        if *cells > MAX_CELLS {
                            return Err(format!("{name}: more than {MAX_CELLS} cells: not a form"));
                        }
                        let next = row.last().map_or(0, |(c, _)| c.saturating_add(1));
                        let state = CellState {
                            col: attr(e, "r").and_then(|r| column_of(&r)).unwrap_or(next),
                            kind: attr(e, "t"),
                            value: String::new(),
                        };
                        if empty {
                            row.push((state.col, String::new()));
                        } else {
                            cell = Some(state);
                        }
                    }
                    "v" | "t" if !empty => in_value = true,
                    "rPh" if !empty => phonetic += 1,
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "v" | "t" => in_value = false,
                "rPh" => phonetic = phonetic.saturating_sub(1),
                "c" => {
                    if let Some(c) = cell.take() {
                        row.push((c.col, c.text(strings)));
                    }
                }
                "row" => flush(&mut row, out),
                _ => {}
            },
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_)
                if in_value && phonetic == 0 =>
            {
                let Some(text) = text_of(&event) else {
                    continue;
                };
                if let Some(c) = cell.as_mut().filter(|c| c.value.len() < MAX_CELL) {
                    c.value.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if out.len() >= MAX_ROWS {
            break;
        }
        buf.clear();
    }
    flush(&mut row, out);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// An .xlsx package with `sheet` as its one worksheet and `sst` as shared strings.
    pub(crate) fn book(sheet: &str, sst: Option<&str>) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        let mut put = |n: &str, s: &str| {
            z.start_file(n, o).unwrap();
            z.write_all(s.as_bytes()).unwrap();
        };
        put("[Content_Types].xml", "<Types/>");
        put(
            "xl/workbook.xml",
            r#"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        );
        put(
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#,
        );
        put("xl/worksheets/sheet1.xml", sheet);
        if let Some(s) = sst {
            put("xl/sharedStrings.xml", s);
        }
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn cells_in_column_order_with_shared_inline_and_numbers() {
        let sheet = r#"<worksheet><sheetData>
            <row r="1"><c r="C1" t="s"><v>1</v></c><c r="A1" t="s"><v>0</v></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>邮编 &amp; 电话</t></is></c><c r="B3"><v>410011</v></c><c r="C3"><v>1.5</v></c><c r="D3" t="b"><v>1</v></c></row>
            <row r="4"><c r="A4"/></row>
            </sheetData></worksheet>"#;
        let sst = r#"<sst uniqueCount="2"><si><t>姓名</t></si><si><r><t>王</t></r><r><t>秀英</t></r><rPh><t>おう</t></rPh></si></sst>"#;
        let rows = rows(&book(sheet, Some(sst))).unwrap();
        assert_eq!(
            rows,
            vec![
                vec!["姓名".to_string(), "王秀英".into()],
                vec![
                    "邮编 & 电话".into(),
                    "410011".into(),
                    "1.5".into(),
                    "true".into()
                ],
            ]
        );
    }

    #[test]
    fn declarations_cost_nothing_and_cells_are_bounded() {
        // What made calamine abort the process: a shared-string count of 10^11, and two
        // cells at opposite corners of the sheet.
        let sheet = r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#;
        let sst = r#"<sst count="100000000000" uniqueCount="100000000000"><si><t>x</t></si></sst>"#;
        assert_eq!(
            rows(&book(sheet, Some(sst))).unwrap(),
            vec![vec!["x".to_string()], vec!["1".into()]]
        );
        let many = format!(
            "<worksheet><sheetData><row>{}</row></sheetData></worksheet>",
            "<c/>".repeat(MAX_CELLS + 1)
        );
        let e = rows(&book(&many, None)).unwrap_err();
        assert!(e.contains("more than 200000 cells"), "{e}");
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_of("A1"), Some(0));
        assert_eq!(column_of("AA10"), Some(26));
        assert_eq!(column_of("XFD1048576"), Some(16383));
        assert_eq!(column_of("12"), None);
        assert_eq!(column_of(&"Z".repeat(40)), None);
    }
}
