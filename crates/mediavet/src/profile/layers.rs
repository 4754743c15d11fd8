//! Layers: a profile is built-in TOML, then a user file, then options, each laid over the
//! one below as TOML tables (tables merge key by key, any other value replaces).

use super::settings::Profile;
use crate::Error;
use serde::Deserialize;
use toml::{Table, Value};

/// One layer: where it came from, its text when it was TOML text (for error lines), and
/// its table.
#[derive(Debug, Clone, Default)]
pub(super) struct Layer {
    pub origin: String,
    pub text: Option<String>,
    pub table: Table,
}

impl Layer {
    /// Parses TOML text, checking it against the schema so that an unknown key or a
    /// malformed value is reported with its line.
    pub fn from_toml(text: &str, origin: &str) -> Result<Layer, Error> {
        let spanned = |e: toml::de::Error| {
            let line = e.span().map(|s| line_of_offset(text, s.start));
            profile_error(origin, line, e.message().to_string())
        };
        toml::from_str::<Profile>(text).map_err(spanned)?;
        let table = text.parse::<Table>().map_err(spanned)?;
        Ok(Layer {
            origin: origin.into(),
            text: Some(text.into()),
            table,
        })
    }

    /// A layer given as a table (from Python keyword options, say), checked against the
    /// schema section by section so that an error names the key.
    pub fn from_table(table: Table, origin: &str) -> Result<Layer, Error> {
        for (section, value) in &table {
            let mut one = Table::new();
            one.insert(section.clone(), value.clone());
            Profile::deserialize(Value::Table(one))
                .map_err(|e| profile_error(origin, None, format!("{section}: {}", e.message())))?;
        }
        Ok(Layer {
            origin: origin.into(),
            text: None,
            table,
        })
    }
}

/// Lays `over` on `base`: tables merge key by key, other values replace.
pub(super) fn merge(base: &mut Table, over: &Table) {
    for (key, value) in over {
        match (base.get_mut(key), value) {
            (Some(Value::Table(below)), Value::Table(above)) => merge(below, above),
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

/// The error for `key` of `[section]` (`None`: top level): named after the topmost layer
/// that sets the key, at its line.
pub(super) fn error_at(
    layers: &[Layer],
    section: Option<&str>,
    key: &str,
    message: String,
) -> Error {
    let setting = layers.iter().rev().find(|l| match section {
        Some(s) => l
            .table
            .get(s)
            .and_then(Value::as_table)
            .is_some_and(|t| t.contains_key(key)),
        None => l.table.contains_key(key),
    });
    match setting.or(layers.last()) {
        Some(l) => profile_error(
            &l.origin,
            l.text.as_deref().and_then(|t| line_of_key(t, section, key)),
            message,
        ),
        None => profile_error("profile", None, message),
    }
}

pub(super) fn profile_error(origin: &str, line: Option<usize>, message: String) -> Error {
    Error::Profile {
        origin: origin.into(),
        line,
        message,
    }
}

fn line_of_offset(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() + 1)
}

/// The 1-based line where `key` is set in table `[section]` (`None`: before any table),
/// so that an error points at the value that is wrong, not at the same key elsewhere.
fn line_of_key(text: &str, section: Option<&str>, key: &str) -> Option<usize> {
    let mut current: Option<&str> = None;
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            if let Some(header) = l.strip_prefix('[') {
                current = header.split(']').next().map(str::trim);
                return false;
            }
            let l = l.strip_prefix('"').unwrap_or(l);
            current == section
                && l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start_matches('"').trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_merge_and_other_values_replace() {
        let mut base: Table = "a = 1\nlist = [1, 2]\n[s]\nx = 1\ny = 2\n".parse().unwrap();
        let over: Table = "list = [3]\n[s]\ny = 5\nz = 6\n".parse().unwrap();
        merge(&mut base, &over);
        let want: Table = "a = 1\nlist = [3]\n[s]\nx = 1\ny = 5\nz = 6\n"
            .parse()
            .unwrap();
        assert_eq!(base, want);
    }
}
