//! Spreadsheet forms (.xlsx cell by cell, .xls/.et after the BIFF declarations are
//! checked): whatever a workbook declares, reading it must return (rows or an error)
//! within libFuzzer's memory limit: an abort for memory is the crash this looks for.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mediavet::entry::form::read(data, "报名表.xlsx", true);
});
