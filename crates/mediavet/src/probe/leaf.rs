//! Decoding single full boxes with mp4-atom, each in isolation.

use super::boxes::{fourcc, Child};
use crate::facts::Problem;

/// Decodes one box with mp4-atom; a failure becomes a non-fatal [`Problem`] naming the box.
pub fn decode<T: mp4_atom::Decode>(child: &Child, problems: &mut Vec<Problem>) -> Option<T> {
    let mut buf = child.whole;
    match T::decode(&mut buf) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(Problem {
                fatal: false,
                offset: Some(child.offset),
                message: format!("box '{}' could not be read: {e}", fourcc(&child.kind)),
            });
            None
        }
    }
}
