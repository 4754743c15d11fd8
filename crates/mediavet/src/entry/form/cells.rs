//! The rows of cells of a Word document: table rows cell by cell, and each paragraph
//! outside a table as a row of one cell. Check-box content controls (`w14:checkbox`) and
//! Wingdings box symbols read as ☑ or □. Read with `zip` + `quick-xml` within the same
//! bounds as text entries (`text::docx`); no DTD or entity is ever expanded.

use crate::text::docx::{MAX_ENTRIES, MAX_PART_BYTES};
use quick_xml::events::Event;
use std::io::{BufReader, Cursor, Read};

/// Most rows kept (a form has a few dozen).
const MAX_ROWS: usize = 2_000;
/// Most characters kept per cell.
const MAX_CELL: usize = 20_000;

/// The rows of the document in `bytes`.
pub fn rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable ZIP package: {e}"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!("{} parts, more than {MAX_ENTRIES}", zip.len()));
    }
    let part = zip
        .by_name("word/document.xml")
        .map_err(|e| format!("word/document.xml: {e}"))?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part.take(MAX_PART_BYTES)));
    let mut buf = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut table_depth = 0usize;
    let mut checkbox: Option<bool> = None;
    let mut in_text = false;
    let push = |rows: &mut Vec<Vec<String>>, s: &str| {
        if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
            if cell.len() < MAX_CELL {
                cell.push_str(s);
            }
        }
    };
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            format!(
                "word/document.xml: XML error at byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) if rows.len() < MAX_ROWS => {
                let name = e.local_name();
                match name.as_ref() {
                    "tbl" => table_depth += 1,
                    "tr" => rows.push(Vec::new()),
                    "tc" => {
                        if let Some(r) = rows.last_mut() {
                            r.push(String::new());
                        }
                    }
                    "p" if table_depth == 0 => rows.push(vec![String::new()]),
                    "checkbox" => checkbox = Some(false),
                    "checked" if checkbox.is_some() => {
                        let on = e.attributes().flatten().any(|a| {
                            a.key.local_name().as_ref() == "val"
                                && matches!(a.value.to_string().as_str(), "1" | "true" | "on")
                        });
                        checkbox = Some(on);
                    }
                    "sym" => {
                        let char_attr = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == "char");
                        if let Some(a) = char_attr {
                            match a.value.to_string().to_ascii_uppercase().as_str() {
                                "F0FE" | "F052" | "F0FC" | "F050" => push(&mut rows, "☑"),
                                "F0A8" | "F06F" | "F0A3" | "F0A1" => push(&mut rows, "□"),
                                _ => {}
                            }
                        }
                    }
                    "t" => in_text = true,
                    "tab" => push(&mut rows, " "),
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "tbl" => table_depth = table_depth.saturating_sub(1),
                "p" => push(&mut rows, "\n"),
                "t" => in_text = false,
                "sdt" => checkbox = None,
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t.xml10_content();
                match checkbox {
                    // The control's own glyph (☒/☐ in some font) says what its state says.
                    Some(on) if text.trim().chars().count() == 1 => {
                        push(&mut rows, if on { "☑" } else { "□" })
                    }
                    _ => push(&mut rows, &text),
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    push(&mut rows, c.encode_utf8(&mut [0; 4]));
                } else {
                    let s = match r.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    };
                    push(&mut rows, s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    for row in &mut rows {
        for cell in row.iter_mut() {
            *cell = cell.trim().to_string();
        }
    }
    rows.retain(|r| r.iter().any(|c| !c.is_empty()));
    Ok(rows)
}
