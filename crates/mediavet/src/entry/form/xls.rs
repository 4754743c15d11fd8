//! The rows of a Word-97-era spreadsheet form (`.xls`, and WPS's `.et`: BIFF records in an
//! OLE file), through `calamine` once what the workbook declares has been checked.
//!
//! calamine reads every sheet when it opens the workbook and, for each, reserves the
//! cells its DIMENSIONS record declares and then a dense grid spanning its first and last
//! cells: a few bytes of records can ask for terabytes, and the allocator aborts the
//! process. So the `Workbook` stream is walked first, record by record (a BIFF record is
//! a type, a length and that many bytes), and a workbook whose declared or used area is
//! over [`MAX_AREA`] cells is refused before calamine sees it.

use calamine::{Data, Reader};
use std::io::{Cursor, Read};

/// Most cells a sheet's area (rows × columns) may span: 32 MB of calamine's cells.
pub const MAX_AREA: u64 = 1 << 20;
/// Largest `Workbook` stream read.
const MAX_STREAM: u64 = 64 << 20;

/// BIFF record types that start with a cell's row and column.
const CELL_RECORDS: [u16; 10] = [
    0x0006, // FORMULA
    0x00BD, // MULRK
    0x00BE, // MULBLANK
    0x00D6, // RSTRING
    0x00FD, // LABELSST
    0x0201, // BLANK
    0x0203, // NUMBER
    0x0204, // LABEL
    0x0205, // BOOLERR
    0x027E, // RK
];
const DIMENSIONS: u16 = 0x0200;

/// The rows of the `.xls` workbook in `bytes`.
pub fn rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    check_declarations(bytes)?;
    let mut book = calamine::Xls::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable workbook: {e}"))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("sheet {name}: {e}"))?;
        for row in range.rows() {
            if out.len() >= super::xlsx::MAX_ROWS {
                return Ok(out);
            }
            let cells: Vec<String> = row
                .iter()
                .filter(|c| !matches!(c, Data::Empty))
                .map(|c| c.to_string().trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            if !cells.is_empty() {
                out.push(cells);
            }
        }
    }
    Ok(out)
}

/// Refuses a workbook whose sheets declare, or whose cells span, more than
/// [`MAX_AREA`] cells (over all its sheets together: a form is one small sheet).
pub fn check_declarations(bytes: &[u8]) -> Result<(), String> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| format!("not a readable OLE file: {e}"))?;
    let name = ["/Workbook", "/Book", "/WORKBOOK", "/BOOK"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or("no Workbook stream: not a spreadsheet")?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .map_err(|e| format!("{name}: {e}"))?
        .take(MAX_STREAM + 1)
        .read_to_end(&mut stream)
        .map_err(|e| format!("{name}: {e}"))?;
    if stream.len() as u64 > MAX_STREAM {
        return Err(format!(
            "the workbook is over {} MiB: not a form",
            MAX_STREAM >> 20
        ));
    }
    let (mut rows, mut cols) = (Span::default(), Span::default());
    let mut at = 0usize;
    while let Some(head) = stream.get(at..at + 4) {
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = stream.get(at + 4..at + 4 + len).unwrap_or(&[]);
        at += 4 + len;
        let u16_at = |i: usize| {
            data.get(i..i + 2)
                .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
        };
        let u32_at = |i: usize| {
            data.get(i..i + 4)
                .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
        };
        if typ == DIMENSIONS {
            let (r0, r1, c0, c1) = match len {
                10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
                _ => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
            };
            let span = |a: Option<u64>, b: Option<u64>| {
                b.unwrap_or(0)
                    .saturating_sub(a.unwrap_or(0))
                    .saturating_add(1)
            };
            let area = span(r0, r1).saturating_mul(span(c0, c1));
            if area > MAX_AREA {
                return Err(format!(
                    "a sheet declares {} rows × {} columns, over the {MAX_AREA} cells read: not a form",
                    span(r0, r1),
                    span(c0, c1)
                ));
            }
        } else if CELL_RECORDS.contains(&typ) {
            if let (Some(r), Some(c)) = (u16_at(0), u16_at(2)) {
                rows.add(r);
                cols.add(c);
                if matches!(typ, 0x00BD | 0x00BE) {
                    if let Some(last) = len.checked_sub(2).and_then(u16_at) {
                        cols.add(last);
                    }
                }
            }
            let area = rows.len().saturating_mul(cols.len());
            if area > MAX_AREA {
                return Err(format!(
                    "its cells span {} rows × {} columns, over the {MAX_AREA} cells read: not a form",
                    rows.len(),
                    cols.len()
                ));
            }
        }
    }
    Ok(())
}

/// The first and last of some positions.
#[derive(Default)]
struct Span(Option<(u64, u64)>);

impl Span {
    fn add(&mut self, v: u64) {
        self.0 = Some(self.0.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
    }

    fn len(&self) -> u64 {
        self.0.map_or(0, |(a, b)| b - a + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An OLE file whose Workbook stream holds `records` (type, data).
    pub(crate) fn workbook(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut stream = Vec::new();
        for (t, d) in records {
            stream.extend(t.to_le_bytes());
            stream.extend((d.len() as u16).to_le_bytes());
            stream.extend(d);
        }
        let mut f = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        std::io::Write::write_all(&mut f.create_stream("/Workbook").unwrap(), &stream).unwrap();
        f.flush().unwrap();
        f.into_inner().into_inner()
    }

    fn cell(typ: u16, row: u16, col: u16) -> (u16, Vec<u8>) {
        let mut d = Vec::new();
        d.extend(row.to_le_bytes());
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        (typ, d)
    }

    #[test]
    fn declared_and_used_areas_are_bounded_before_calamine() {
        let mut dims = Vec::new();
        dims.extend(0u32.to_le_bytes());
        dims.extend(u32::MAX.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        dims.extend(255u16.to_le_bytes());
        dims.extend([0u8; 2]);
        let e = check_declarations(&workbook(&[(DIMENSIONS, dims)])).unwrap_err();
        assert!(e.contains("4294967296 rows × 256 columns"), "{e}");
        let corners = workbook(&[cell(0x0203, 0, 0), cell(0x0203, 65535, 255)]);
        let e = check_declarations(&corners).unwrap_err();
        assert!(e.contains("65536 rows × 256 columns"), "{e}");
        let small = workbook(&[cell(0x0203, 3, 1), cell(0x0203, 40, 9)]);
        assert_eq!(check_declarations(&small), Ok(()));
        assert!(rows(&corners).unwrap_err().contains("not a form"));
    }
}
