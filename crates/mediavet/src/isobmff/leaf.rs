//! Decoding single full boxes with mp4-atom, each in isolation.

use super::boxes::{fourcc, Child};
use crate::facts::Problem;

/// Decodes one box with mp4-atom; a failure becomes a non-fatal [`Problem`] naming the box.
pub fn decode<T: mp4_atom::Decode>(child: &Child, problems: &mut Vec<Problem>) -> Option<T> {
    let mut buf = child.whole;
    match T::decode(&mut buf) {
        Ok(v) => Some(v),
        Err(e) => {
            let kind = fourcc(&child.kind);
            problems.push(Problem::new(
                false,
                Some(child.offset),
                format!("box '{kind}' could not be read: {e}"),
                format!("无法读取数据盒 '{kind}'：{e}"),
            ));
            None
        }
    }
}
