//! Text metadata: QuickTime user data (`udta/©day`), iTunes-style `meta/ilst`,
//! and QuickTime `meta/keys` + `ilst` (com.apple.quicktime.*).

use super::boxes::{collect as boxes_in, fourcc, Child};
use crate::facts::Problem;
use std::collections::BTreeMap;

/// At most this many tags are kept, each cut to [`MAX_VALUE_CHARS`].
const MAX_TAGS: usize = 256;
const MAX_VALUE_CHARS: usize = 1024;

/// Collects text tags from a `udta` or `meta` box into `tags`.
pub fn collect(b: &Child, tags: &mut BTreeMap<String, String>, problems: &mut Vec<Problem>) {
    match &b.kind {
        b"udta" => udta(b, tags, problems),
        b"meta" => meta(b, tags, problems),
        _ => {}
    }
}

fn insert(tags: &mut BTreeMap<String, String>, key: String, value: String) {
    let value: String = value
        .trim_matches(char::from(0))
        .trim()
        .chars()
        .take(MAX_VALUE_CHARS)
        .collect();
    if !value.is_empty() && tags.len() < MAX_TAGS {
        tags.entry(key).or_insert(value);
    }
}

fn udta(b: &Child, tags: &mut BTreeMap<String, String>, problems: &mut Vec<Problem>) {
    for child in b.kids(problems) {
        match child.kind {
            [b'm', b'e', b't', b'a'] => meta(&child, tags, problems),
            [0xA9, ..] => {
                if let Some(text) = quicktime_text(&child, problems) {
                    insert(tags, fourcc(&child.kind), text);
                }
            }
            _ => {}
        }
    }
}

/// QuickTime user-data text: 16-bit length, 16-bit language, then the text.
/// Some writers put an iTunes `data` box here instead; both are accepted.
fn quicktime_text(item: &Child, problems: &mut Vec<Problem>) -> Option<String> {
    let body = item.body;
    if body.get(4..8) == Some(b"data") {
        return data_box(item, problems);
    }
    let len = usize::from(u16::from_be_bytes([*body.first()?, *body.get(1)?]));
    let text = body.get(4..).map(|t| &t[..len.min(t.len())])?;
    Some(String::from_utf8_lossy(text).into_owned())
}

/// A `meta` box: ISO (full box) or QuickTime (plain); `keys` names the `ilst` items.
fn meta(b: &Child, tags: &mut BTreeMap<String, String>, problems: &mut Vec<Problem>) {
    let body = if b.body.get(4..8) == Some(b"hdlr") {
        b.body
    } else {
        b.body.get(4..).unwrap_or(&[])
    };
    let base = b.body_offset() + (b.body.len() - body.len()) as u64;
    let mut keys: Vec<String> = Vec::new();
    let mut ilst: Option<Child> = None;
    for child in boxes_in(body, base, b.kind, problems) {
        match &child.kind {
            b"keys" => keys = read_keys(&child, problems),
            b"ilst" => ilst = Some(child),
            _ => {}
        }
    }
    let Some(ilst) = ilst else { return };
    for item in ilst.kids(problems) {
        let index = u32::from_be_bytes(item.kind) as usize;
        let name = match keys.get(index.wrapping_sub(1)) {
            Some(k) if !keys.is_empty() && index >= 1 => k.clone(),
            _ => fourcc(&item.kind),
        };
        if let Some(text) = data_box(&item, problems) {
            insert(tags, name, text);
        }
    }
}

/// `keys`: version/flags, count, then (size, namespace, name) entries.
fn read_keys(keys: &Child, problems: &mut Vec<Problem>) -> Vec<String> {
    let entries = keys.body.get(8..).unwrap_or(&[]);
    boxes_in(entries, keys.body_offset() + 8, keys.kind, problems)
        .iter()
        .map(|k| String::from_utf8_lossy(k.body).into_owned())
        .collect()
}

/// First `data` box of an ilst item: type 1 = UTF-8, 2 = UTF-16BE; other types are not text.
fn data_box(item: &Child, problems: &mut Vec<Problem>) -> Option<String> {
    let data = item
        .kids(problems)
        .into_iter()
        .find(|c| &c.kind == b"data")?;
    let kind = u32::from_be_bytes(data.body.get(0..4)?.try_into().ok()?) & 0x00ff_ffff;
    let value = data.body.get(8..)?;
    match kind {
        1 => Some(String::from_utf8_lossy(value).into_owned()),
        2 => {
            let units: Vec<u16> = value
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quicktime_udta_text() {
        let mut body = Vec::new();
        let text = b"2019-06-01T10:00:00+0800";
        body.extend_from_slice(&(8 + 4 + text.len() as u32).to_be_bytes());
        body.extend_from_slice(&[0xA9, b'd', b'a', b'y']);
        body.extend_from_slice(&(text.len() as u16).to_be_bytes());
        body.extend_from_slice(&[0x15, 0xC7]);
        body.extend_from_slice(text);
        let udta = Child {
            kind: *b"udta",
            whole: &body,
            body: &body,
            offset: 0,
        };
        let mut tags = BTreeMap::new();
        let mut problems = Vec::new();
        collect(&udta, &mut tags, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            tags.get("©day").map(String::as_str),
            Some("2019-06-01T10:00:00+0800")
        );
    }
}
