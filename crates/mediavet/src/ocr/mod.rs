//! Reading text in pictures with PaddleOCR's PP-OCRv4 models (Apache-2.0, ONNX), run
//! in-process by `tract`: recognition of given line crops, and detection of text boxes in
//! a whole frame. The models are loaded once per process and folder, on first use.

mod detect;
pub mod models;
mod recognise;

pub use detect::TextBox;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use tract_onnx::prelude::*;

/// A model with its input shape set, made ready to run: tract's `into_optimized` less
/// its `ChangeAxes` pass. That pass was two fifths of preparing these models (measured on
/// 2 cores: recogniser at 48×640 167 → 107 ms, detector 157 → 98 ms) and changes no
/// result (outputs within 2e-6) nor the recogniser's time (51 ms a line both ways; the
/// detector's ~5 ms of 75 ms a frame).
fn runnable(model: InferenceModel) -> TractResult<Arc<TypedRunnableModel>> {
    let mut typed = model.into_typed()?;
    declutter_passes().session().optimize(&mut typed)?;
    typed.optimize()?;
    typed.into_runnable()
}

/// tract's declutter passes without `ChangeAxes` (see [`runnable`]).
fn declutter_passes() -> tract_onnx::tract_core::optim::Optimizer {
    let mut declutter = tract_onnx::tract_core::optim::Optimizer::declutter();
    declutter
        .passes
        .retain(|p| !format!("{p:?}").contains("ChangeAxes"));
    declutter
}

/// A borrowed 8-bit grey picture.
#[derive(Debug, Clone, Copy)]
pub struct Picture<'a> {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Row-major samples, `width × height`.
    pub data: &'a [u8],
}

/// Text read from a picture.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// The text (ends trimmed).
    pub text: String,
    /// Mean probability of its symbols (0–1; 0 when nothing was read).
    pub confidence: f32,
}

/// The OCR models of one folder.
pub struct Engine {
    folder: PathBuf,
    recogniser: recognise::Recogniser,
    detector: OnceLock<Result<detect::Detector, String>>,
}

impl Engine {
    /// The engine for `folder` (see [`models::folder`]), loaded on first use and kept for
    /// the process; the error says why the models cannot be used.
    pub fn get(folder: &Path) -> Result<Arc<Engine>, String> {
        static ENGINES: OnceLock<Mutex<HashMap<PathBuf, Arc<Engine>>>> = OnceLock::new();
        let engines = ENGINES.get_or_init(Mutex::default);
        let mut engines = engines.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = engines.get(folder) {
            return Ok(Arc::clone(e));
        }
        let bytes = models::read(folder, models::RECOGNITION)?;
        let engine = Arc::new(Engine {
            folder: folder.to_path_buf(),
            recogniser: recognise::Recogniser::load(&bytes)?,
            detector: OnceLock::new(),
        });
        engines.insert(folder.to_path_buf(), Arc::clone(&engine));
        Ok(engine)
    }

    /// Reads the one line of text in `p`.
    pub fn read_line(&self, p: &Picture) -> Result<Reading, String> {
        self.recogniser.read(p)
    }

    /// The text boxes in a whole picture (the detection model is loaded on first use).
    pub fn detect(&self, p: &Picture) -> Result<Vec<TextBox>, String> {
        self.detector()?.boxes(p)
    }

    /// Loads the detection model now (~100 ms: loading it on first use kept the other
    /// worker waiting), so that it can be loaded beside other work.
    pub fn load_detector(&self) {
        let _ = self.detector();
    }

    fn detector(&self) -> Result<&detect::Detector, String> {
        let detector = self.detector.get_or_init(|| {
            models::read(&self.folder, models::DETECTION).and_then(|b| detect::Detector::load(&b))
        });
        detector.as_ref().map_err(Clone::clone)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_change_axes_pass_is_left_out() {
        // A renamed pass would be kept silently (slower, not wrong): this says so.
        let all = tract_onnx::tract_core::optim::Optimizer::declutter()
            .passes
            .len();
        assert_eq!(super::declutter_passes().passes.len(), all - 1);
    }
}
