//! The dependency graph between the library's top-level modules has no cycle.
//! (`cargo modules dependencies --lib --no-externs --no-fns --no-types` draws it too; this
//! test needs no tool.) A module depends on another when its code (not its comments)
//! names `crate::other`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn sources(path: &Path, out: &mut Vec<String>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            sources(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(std::fs::read_to_string(path).unwrap());
    }
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules: BTreeSet<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
        .filter(|m| m != "lib")
        .collect();
    let mut edges = BTreeMap::new();
    for m in &modules {
        let mut texts = Vec::new();
        let file = src.join(format!("{m}.rs"));
        let dir = src.join(m);
        sources(if file.exists() { &file } else { &dir }, &mut texts);
        let used: BTreeSet<String> = texts
            .iter()
            .flat_map(|t| t.lines())
            .filter(|l| !l.trim_start().starts_with("//"))
            .flat_map(|l| l.split("crate::").skip(1))
            .map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            })
            .filter(|d: &String| d != m && modules.contains(d))
            .collect();
        edges.insert(m.clone(), used);
    }
    edges
}

/// Modules that reach themselves through the graph.
fn in_cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = edges[from].iter().collect();
        while let Some(m) = todo.pop() {
            if seen.insert(m.clone()) {
                todo.extend(edges[m].iter());
            }
        }
        seen
    };
    edges
        .keys()
        .filter(|m| reach(m).contains(*m))
        .cloned()
        .collect()
}

#[test]
fn no_import_cycle() {
    let edges = graph();
    let cyclic = in_cycles(&edges);
    assert!(
        cyclic.is_empty(),
        "modules in an import cycle: {cyclic:?}\n{edges:#?}"
    );
    // The layering the README draws: facts below the readers, rules above them.
    let below = |m: &str, other: &str| !edges[m].contains(other);
    for reader in ["isobmff", "audio", "video", "image", "text", "subtitle"] {
        assert!(below("facts", reader), "facts must not depend on {reader}");
        assert!(
            below(reader, "rules") && below(reader, "profile"),
            "{reader} judges"
        );
    }
    assert!(
        below("profile", "rules"),
        "profile must not depend on rules"
    );
}
