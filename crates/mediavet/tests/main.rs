//! The integration tests, one module per file, in one binary. A file's tests run as
//! `cargo test -p mediavet --test integration FILE::`.

mod common;

mod audio;
mod audio_oracle;
mod corpus_oracle;
mod fixtures;
mod frames;
mod fuzz_regressions;
mod image_oracle;
mod intake;
mod module_graph;
mod ocr;
mod photo;
mod regressions;
mod robustness;
mod subtitle;
mod subtitle_eval;
mod text;
mod watermark;
mod watermark_eval;
