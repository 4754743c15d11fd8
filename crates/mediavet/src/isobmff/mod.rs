//! The ISO base media file format (MP4, QuickTime) reader: box walk, movie header, sample
//! tables and fragments, parsed into container facts and the sources decoders read.

mod assemble;
mod boxes;
mod chunks;
mod codec_config;
mod first_frame;
mod fragments;
mod iso;
mod language;
mod leaf;
mod metadata;
mod moov;
mod sample_entry;
mod sources;
mod time;
mod timeline;
mod track;

pub use codec_config::aac_name;
pub(crate) use codec_config::avcc as avc_profile;
pub use sample_entry::{AudioDecoding, Pcm};
pub use sources::{
    spread, AudioSource, Between, Keyframe, Sources, SubtitleSource, VideoSource, Wants,
    ENOUGH_KEYFRAMES, MAX_BETWEEN,
};
pub use time::leading_date;

pub use iso::read;
