//! The rows of cells of a spreadsheet form (`.xlsx`), with `calamine`: every sheet, in
//! order, each row's cells as text.

use calamine::{Data, Reader};
use std::io::Cursor;

/// Most rows read over all sheets.
const MAX_ROWS: usize = 2_000;

/// The rows of the workbook in `bytes`.
pub fn rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("not a readable workbook: {e}"))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("sheet {name}: {e}"))?;
        for row in range.rows().take(MAX_ROWS.saturating_sub(out.len())) {
            let cells: Vec<String> = row
                .iter()
                .filter(|c| !matches!(c, Data::Empty))
                .map(|c| c.to_string().trim().to_string())
                .collect();
            if !cells.is_empty() {
                out.push(cells);
            }
        }
    }
    Ok(out)
}
