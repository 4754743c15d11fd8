//! Turns each rule file's `//!` doc comment into a constant, so that
//! `mediavet explain RULE` prints exactly the documentation in the source, and lists the
//! ids those docs start with, for the profile's severity table.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("src/rules");
    println!("cargo:rerun-if-changed=src/rules");
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/rules is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "rs")
                && p.file_stem().is_some_and(|s| s != "mod" && s != "testing")
        })
        .collect();
    entries.sort();
    let mut out = String::new();
    let mut ids = Vec::new();
    for path in entries {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("rule file names are UTF-8");
        let text = std::fs::read_to_string(&path).expect("rule file is readable");
        let doc: Vec<&str> = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| {
                l.trim_start_matches("//!")
                    .strip_prefix(' ')
                    .unwrap_or(l.trim_start_matches("//!"))
            })
            .collect();
        if let Some((id, _)) = doc.first().and_then(|l| l.split_once(" — ")) {
            ids.push(id.to_string());
        }
        writeln!(
            out,
            "/// Documentation of `{stem}`.\npub const {}: &str = {:?};",
            stem.to_uppercase(),
            doc.join("\n")
        )
        .expect("writing to a String");
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&dir).join("rule_docs.rs"), out).expect("OUT_DIR is writable");
    let ids = format!(
        "/// Every rule id, as its doc's first line says.\npub const IDS: &[&str] = &{ids:?};\n"
    );
    std::fs::write(Path::new(&dir).join("rule_ids.rs"), ids).expect("OUT_DIR is writable");
}
