//! `mediavet._native`: the thin native layer under the typed `mediavet` package.
//!
//! Functions take paths and profiles and return JSON text that `mediavet/__init__.py`
//! turns into typed `Report`/`Finding` objects. Checking releases the GIL.

use mediavet::{Lang, Profile};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use std::path::PathBuf;

create_exception!(
    mediavet,
    Error,
    PyException,
    "Base class of mediavet's errors."
);
create_exception!(
    mediavet,
    ProfileError,
    Error,
    "A profile is invalid (the message names the key and line)."
);
create_exception!(
    mediavet,
    UsageError,
    Error,
    "A usage mistake: unknown profile or rule, bad argument, missing path."
);

fn py_err(e: mediavet::Error) -> PyErr {
    match e {
        mediavet::Error::Profile { .. } => ProfileError::new_err(e.to_string()),
        mediavet::Error::Path { .. } | mediavet::Error::Usage(_) => {
            UsageError::new_err(e.to_string())
        }
    }
}

/// A delivery profile (built-in or loaded from TOML).
#[pyclass(frozen, name = "Profile", module = "mediavet")]
struct PyProfile {
    inner: Profile,
}

#[pymethods]
impl PyProfile {
    /// Profile name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// One-line description.
    #[getter]
    fn description(&self) -> Option<String> {
        self.inner.description.clone()
    }

    fn __repr__(&self) -> String {
        format!("Profile({:?})", self.inner.name)
    }
}

/// A built-in name, a TOML file path, TOML text, or a `Profile`; then the `options` overlay.
fn resolve(profile: &Bound<'_, PyAny>, options: Option<&str>) -> PyResult<Profile> {
    let base = if let Ok(p) = profile.cast::<PyProfile>() {
        p.get().inner.clone()
    } else {
        load(&profile.extract::<String>()?)?
    };
    match options {
        Some(toml_text) => base.overlay(toml_text, "options").map_err(py_err),
        None => Ok(base),
    }
}

/// A built-in name or an existing file first (a path may hold `=`); then a `.toml` name
/// is a missing file, and anything with `=` or a line break is TOML text.
fn load(path_or_text: &str) -> PyResult<Profile> {
    let is_named = Profile::builtin_source(path_or_text).is_some()
        || std::path::Path::new(path_or_text).is_file()
        || (path_or_text.ends_with(".toml") && !path_or_text.contains('\n'));
    let looks_like_toml = path_or_text.contains('=') || path_or_text.contains('\n');
    if looks_like_toml && !is_named {
        Profile::from_toml(path_or_text, "<text>").map_err(py_err)
    } else {
        Profile::load(path_or_text).map_err(py_err)
    }
}

fn lang(code: &str) -> PyResult<Lang> {
    match code {
        "zh" => Ok(Lang::Zh),
        "en" => Ok(Lang::En),
        other => Err(UsageError::new_err(format!(
            "lang must be 'zh' or 'en', not {other:?}"
        ))),
    }
}

/// The profile (with its overlay) and language every check function starts from.
fn setup(
    profile: &Bound<'_, PyAny>,
    options_json: Option<&str>,
    lang_code: &str,
) -> PyResult<(Profile, Lang)> {
    Ok((
        resolve(profile, options_toml(options_json)?.as_deref())?,
        lang(lang_code)?,
    ))
}

/// Overrides as JSON (from Python keyword options) to TOML text for `Profile::overlay`.
fn options_toml(options_json: Option<&str>) -> PyResult<Option<String>> {
    let Some(json) = options_json else {
        return Ok(None);
    };
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| UsageError::new_err(e.to_string()))?;
    let table =
        toml::Value::try_from(value).map_err(|e| UsageError::new_err(format!("options: {e}")))?;
    toml::to_string(&table)
        .map(Some)
        .map_err(|e| UsageError::new_err(format!("options: {e}")))
}

/// Checks one file; returns the report as JSON.
#[pyfunction]
#[pyo3(signature = (path, profile, lang_code, options_json=None))]
fn check_json(
    py: Python<'_>,
    path: PathBuf,
    profile: &Bound<'_, PyAny>,
    lang_code: &str,
    options_json: Option<&str>,
) -> PyResult<String> {
    let (profile, lang) = setup(profile, options_json, lang_code)?;
    Ok(py.detach(|| {
        mediavet::check_path(&path, &profile)
            .to_json(lang)
            .to_string()
    }))
}

/// Checks bytes held in memory (a mail attachment); `filename` supplies the name and extension.
#[pyfunction]
#[pyo3(signature = (data, filename, profile, lang_code, options_json=None))]
fn check_bytes_json(
    py: Python<'_>,
    data: &[u8],
    filename: &str,
    profile: &Bound<'_, PyAny>,
    lang_code: &str,
    options_json: Option<&str>,
) -> PyResult<String> {
    let (profile, lang) = setup(profile, options_json, lang_code)?;
    let name = PathBuf::from(filename);
    Ok(py.detach(|| {
        mediavet::check_bytes(data, &name, &profile)
            .to_json(lang)
            .to_string()
    }))
}

/// Checks many files in parallel on `jobs` threads; returns a JSON array of reports in input order.
#[pyfunction]
#[pyo3(signature = (paths, profile, lang_code, jobs=None, options_json=None))]
fn check_many_json(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    profile: &Bound<'_, PyAny>,
    lang_code: &str,
    jobs: Option<usize>,
    options_json: Option<&str>,
) -> PyResult<String> {
    let (profile, lang) = setup(profile, options_json, lang_code)?;
    let reports = py
        .detach(|| {
            mediavet::check_many(
                &paths,
                &profile,
                &mediavet::CheckOptions::default(),
                jobs,
                &|_| {},
            )
        })
        .map_err(py_err)?;
    let list: Vec<_> = reports.iter().map(|r| r.to_json(lang)).collect();
    Ok(serde_json::Value::Array(list).to_string())
}

/// The facts of one file as JSON.
#[pyfunction]
fn probe_json(py: Python<'_>, path: PathBuf) -> PyResult<String> {
    let facts = py.detach(|| mediavet::probe_path(&path)).map_err(py_err)?;
    serde_json::to_string(&facts).map_err(|e| Error::new_err(e.to_string()))
}

/// Names of the built-in profiles.
#[pyfunction]
fn profiles() -> Vec<&'static str> {
    Profile::builtin_names().collect()
}

/// Every rule as JSON: id, default severity, summary, documentation.
#[pyfunction]
fn rules_json() -> String {
    let list: Vec<_> = mediavet::rules::RULES
        .iter()
        .map(|r| serde_json::json!({"id": r.id, "default_severity": r.default, "summary": r.summary(), "doc": r.doc}))
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// The CSV triage sheet (with its byte-order mark) for a JSON array of report objects.
#[pyfunction]
fn csv_from_json(reports_json: &str) -> PyResult<String> {
    let reports: Vec<serde_json::Value> =
        serde_json::from_str(reports_json).map_err(|e| UsageError::new_err(e.to_string()))?;
    let mut out = Vec::new();
    mediavet::sheet::write_csv(&mut out, &reports).map_err(|e| Error::new_err(e.to_string()))?;
    String::from_utf8(out).map_err(|e| Error::new_err(e.to_string()))
}

/// A profile from a built-in name, a TOML file path, or TOML text.
#[pyfunction]
fn load_profile(path_or_text: &str) -> PyResult<PyProfile> {
    Ok(PyProfile {
        inner: load(path_or_text)?,
    })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("Error", py.get_type::<Error>())?;
    m.add("ProfileError", py.get_type::<ProfileError>())?;
    m.add("UsageError", py.get_type::<UsageError>())?;
    m.add_class::<PyProfile>()?;
    m.add_function(wrap_pyfunction!(check_json, m)?)?;
    m.add_function(wrap_pyfunction!(check_bytes_json, m)?)?;
    m.add_function(wrap_pyfunction!(check_many_json, m)?)?;
    m.add_function(wrap_pyfunction!(probe_json, m)?)?;
    m.add_function(wrap_pyfunction!(profiles, m)?)?;
    m.add_function(wrap_pyfunction!(rules_json, m)?)?;
    m.add_function(wrap_pyfunction!(load_profile, m)?)?;
    m.add_function(wrap_pyfunction!(csv_from_json, m)?)?;
    Ok(())
}
