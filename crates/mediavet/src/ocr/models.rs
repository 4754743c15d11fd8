//! Where the OCR models are and whether they are the ones shipped: PP-OCRv4 detection and
//! recognition in ONNX form, fetched by `scripts/fetch-models.sh` into `models/` and
//! checked here by BLAKE3 before they are loaded (the script checks SHA-256).

use std::path::{Path, PathBuf};

/// File name of the detection model.
pub const DETECTION: &str = "ch_PP-OCRv4_det_infer.onnx";
/// File name of the recognition model.
pub const RECOGNITION: &str = "ch_PP-OCRv4_rec_infer.onnx";

/// BLAKE3 of each model file as shipped (rapidocr-onnxruntime 1.4.4).
const HASHES: [(&str, &str); 2] = [
    (
        DETECTION,
        "2b44a5100814b982d5f33c920d573dba91150069cf1525bc60f2e4b3f220ba3f",
    ),
    (
        RECOGNITION,
        "6e47235f66df743e113807a035a1d3e5118d03d344226f5f15e4af3cda512424",
    ),
];

/// Environment variable naming the folder that holds the models.
pub const ENV: &str = "MEDIAVET_MODELS";

/// The folder to load models from: `explicit`, else `$MEDIAVET_MODELS`, else the
/// repository's `models/` as built (where `scripts/fetch-models.sh` puts them).
pub fn folder(explicit: Option<&Path>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os(ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models")
}

/// The bytes of model `name` in `dir`, checked against its shipped hash.
pub fn read(dir: &Path, name: &str) -> Result<Vec<u8>, String> {
    let path = dir.join(name);
    let bytes = std::fs::read(&path).map_err(|e| {
        format!(
            "OCR model {} not readable ({e}); run scripts/fetch-models.sh or set {ENV}",
            path.display()
        )
    })?;
    let want = HASHES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, h)| *h)
        .unwrap_or_default();
    let got = blake3::hash(&bytes).to_hex();
    if got.as_str() != want {
        return Err(format!(
            "OCR model {} is not the one shipped (BLAKE3 {got}); run scripts/fetch-models.sh",
            path.display()
        ));
    }
    Ok(bytes)
}
