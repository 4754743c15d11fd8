//! `mediavet._native`: the thin native layer under the typed `mediavet` package.
//!
//! Functions take paths and profiles and return JSON text that `mediavet/__init__.py`
//! turns into typed `Report`/`Finding` objects. Checking releases the GIL.

use mediavet::text::author::AuthorDetails;
use mediavet::{CheckOptions, Lang, Profile};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyFileNotFoundError, PyOSError, PyPermissionError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
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

/// The classes a path error becomes: each is a `mediavet.Error` and the built-in `OSError`
/// subclass Python code expects (`except FileNotFoundError` works), made at import with
/// `type()` because an exception declared in Rust has one base.
static PATH_ERRORS: PyOnceLock<[Py<PyAny>; 3]> = PyOnceLock::new();

/// Makes `MissingFileError(Error, FileNotFoundError)`, `FileAccessError(Error,
/// PermissionError)` and `PathError(Error, OSError)`.
fn path_error_types(py: Python<'_>) -> PyResult<&[Py<PyAny>; 3]> {
    PATH_ERRORS.get_or_try_init(py, || {
        let make = |name: &str, base: Bound<'_, PyAny>, doc: &str| -> PyResult<Py<PyAny>> {
            let dict = PyDict::new(py);
            dict.set_item("__doc__", doc)?;
            dict.set_item("__module__", "mediavet")?;
            let bases = (py.get_type::<Error>(), base);
            Ok(py
                .get_type::<pyo3::types::PyType>()
                .call1((name, bases, dict))?
                .unbind())
        };
        Ok([
            make(
                "MissingFileError",
                py.get_type::<PyFileNotFoundError>().into_any(),
                "A path does not exist (a FileNotFoundError).",
            )?,
            make(
                "FileAccessError",
                py.get_type::<PyPermissionError>().into_any(),
                "A path cannot be read (a PermissionError).",
            )?,
            make(
                "PathError",
                py.get_type::<PyOSError>().into_any(),
                "A path cannot be opened or listed (an OSError).",
            )?,
        ])
    })
}

/// The Python exception of a library error: a missing file is a `FileNotFoundError`, a
/// bad profile a `ProfileError`, a usage mistake a `UsageError` — all `mediavet.Error`.
fn py_err(e: mediavet::Error) -> PyErr {
    match e {
        mediavet::Error::Profile { .. } => ProfileError::new_err(e.to_string()),
        mediavet::Error::Usage(_) => UsageError::new_err(e.to_string()),
        mediavet::Error::Path { path, source } => Python::attach(|py| {
            let which = match source.kind() {
                std::io::ErrorKind::NotFound => 0,
                std::io::ErrorKind::PermissionDenied => 1,
                _ => 2,
            };
            let errno = source.raw_os_error().unwrap_or(0);
            // As Python's own OSError: strerror without Rust's "(os error N)", the path
            // as a str.
            let text = source.to_string();
            let strerror = text
                .strip_suffix(&format!(" (os error {errno})"))
                .unwrap_or(&text)
                .to_string();
            let filename = path.to_string_lossy().into_owned();
            let made = path_error_types(py)
                .and_then(|types| types[which].bind(py).call1((errno, strerror, filename)));
            match made {
                Ok(err) => PyErr::from_value(err),
                Err(e) => e,
            }
        }),
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

/// A built-in name, a TOML file path, TOML text, or a `Profile`; then the `options` layer.
fn resolve(profile: &Bound<'_, PyAny>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Profile> {
    let base = if let Ok(p) = profile.cast::<PyProfile>() {
        p.get().inner.clone()
    } else {
        load(&profile.extract::<String>()?)?
    };
    match options.filter(|o| !o.is_empty()) {
        Some(dict) => {
            let toml::Value::Table(table) = to_toml(dict.as_any(), "options")? else {
                return Err(UsageError::new_err("options must be a mapping"));
            };
            base.overlay_table(table, "options").map_err(py_err)
        }
        None => Ok(base),
    }
}

/// A Python value (dict, list, str, bool, int, float, `datetime.date`) as a TOML value;
/// `at` names it in errors.
fn to_toml(v: &Bound<'_, PyAny>, at: &str) -> PyResult<toml::Value> {
    let bad = || {
        UsageError::new_err(format!(
            "{at}: {} is not a profile value",
            v.repr().map_or_else(|_| "?".into(), |r| r.to_string())
        ))
    };
    if let Ok(d) = v.cast::<PyDict>() {
        let mut table = toml::Table::new();
        for (k, item) in d.iter() {
            let key: String = k.extract().map_err(|_| bad())?;
            let value = to_toml(&item, &format!("{at}.{key}"))?;
            table.insert(key, value);
        }
        return Ok(toml::Value::Table(table));
    }
    if v.is_instance_of::<PyBool>() {
        return Ok(toml::Value::Boolean(v.extract()?));
    }
    if v.is_instance_of::<PyInt>() {
        return v
            .extract::<i64>()
            .map(toml::Value::Integer)
            .map_err(|_| bad());
    }
    if v.is_instance_of::<PyFloat>() {
        return Ok(toml::Value::Float(v.extract()?));
    }
    if v.is_instance_of::<PyString>() {
        return Ok(toml::Value::String(v.extract()?));
    }
    if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        let items: Vec<Bound<'_, PyAny>> = v.extract()?;
        return items
            .iter()
            .enumerate()
            .map(|(i, item)| to_toml(item, &format!("{at}[{i}]")))
            .collect::<PyResult<_>>()
            .map(toml::Value::Array);
    }
    // A datetime.date (not a datetime): its ISO text, which the date fields accept.
    let is_date = v.hasattr("isoformat")? && !v.hasattr("hour")?;
    if is_date {
        return Ok(toml::Value::String(v.call_method0("isoformat")?.extract()?));
    }
    Err(bad())
}

/// The entrant's details from Python's `author={"name": …, "unit": …, "phone": …, "email": …}`.
fn author(details: Option<&Bound<'_, PyDict>>) -> PyResult<AuthorDetails> {
    let mut a = AuthorDetails::default();
    for (k, v) in details.into_iter().flat_map(|d| d.iter()) {
        let key: String = k.extract()?;
        let value: Option<String> = v.extract()?;
        match key.as_str() {
            "name" => a.name = value,
            "unit" => a.unit = value,
            "phone" => a.phone = value,
            "email" => a.email = value,
            other => {
                return Err(UsageError::new_err(format!(
                    "author: unknown detail {other:?} (name, unit, phone, email)"
                )))
            }
        }
    }
    Ok(a)
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

/// The profile (with its options layer), the check options and the language every check
/// function starts from.
fn setup(
    profile: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
    author_details: Option<&Bound<'_, PyDict>>,
    lang_code: &str,
    thumbnails: bool,
) -> PyResult<(Profile, CheckOptions, Lang)> {
    let options_ = CheckOptions {
        author: author(author_details)?,
        thumbnails,
        ..CheckOptions::default()
    };
    Ok((resolve(profile, options)?, options_, lang(lang_code)?))
}

/// Checks one file; returns the report as JSON.
#[pyfunction]
#[pyo3(signature = (path, profile, lang_code, options=None, author=None, thumbnails=false))]
fn check_json(
    py: Python<'_>,
    path: PathBuf,
    profile: &Bound<'_, PyAny>,
    lang_code: &str,
    options: Option<&Bound<'_, PyDict>>,
    author: Option<&Bound<'_, PyDict>>,
    thumbnails: bool,
) -> PyResult<String> {
    let (profile, options, lang) = setup(profile, options, author, lang_code, thumbnails)?;
    Ok(py.detach(|| report_json(&mediavet::check_path_with(&path, &profile, &options), lang)))
}

/// Checks bytes held in memory (a mail attachment); `filename` supplies the name and extension.
#[pyfunction]
#[pyo3(signature = (data, filename, profile, lang_code, options=None, author=None, thumbnails=false))]
#[allow(clippy::too_many_arguments)]
fn check_bytes_json(
    py: Python<'_>,
    data: &[u8],
    filename: &str,
    profile: &Bound<'_, PyAny>,
    lang_code: &str,
    options: Option<&Bound<'_, PyDict>>,
    author: Option<&Bound<'_, PyDict>>,
    thumbnails: bool,
) -> PyResult<String> {
    let (profile, options, lang) = setup(profile, options, author, lang_code, thumbnails)?;
    let name = PathBuf::from(filename);
    Ok(py.detach(|| {
        let input = mediavet::Input::Bytes {
            name: &name,
            bytes: data,
        };
        report_json(&mediavet::check(input, &profile, &options), lang)
    }))
}

/// Checks many files in parallel on `jobs` threads; returns a JSON array of reports in input order.
#[pyfunction]
#[pyo3(signature = (paths, profile, lang_code, jobs=None, options=None, author=None, thumbnails=false))]
#[allow(clippy::too_many_arguments)]
fn check_many_json(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    profile: &Bound<'_, PyAny>,
    lang_code: &str,
    jobs: Option<usize>,
    options: Option<&Bound<'_, PyDict>>,
    author: Option<&Bound<'_, PyDict>>,
    thumbnails: bool,
) -> PyResult<String> {
    let (profile, options, lang) = setup(profile, options, author, lang_code, thumbnails)?;
    let reports = py
        .detach(|| mediavet::check_many(&paths, &profile, &options, jobs, &|_| {}))
        .map_err(py_err)?;
    let list: Vec<_> = reports
        .iter()
        .map(|r| mediavet::printer::csv::with_row(r, lang))
        .collect();
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

/// The CSV triage sheet (with its byte-order mark) for a JSON array of report objects,
/// from the `sheet_row` each carries (made from the typed report when it was checked).
#[pyfunction]
fn csv_from_json(reports_json: &str) -> PyResult<String> {
    let rows: Vec<SheetRow> =
        serde_json::from_str(reports_json).map_err(|e| UsageError::new_err(e.to_string()))?;
    let rows: Vec<Vec<String>> = rows.into_iter().map(|r| r.sheet_row).collect();
    let mut out = Vec::new();
    mediavet::printer::csv::write_rows(&mut out, &rows)
        .map_err(|e| Error::new_err(e.to_string()))?;
    String::from_utf8(out).map_err(|e| Error::new_err(e.to_string()))
}

/// The part of a report object the sheet reads.
#[derive(serde::Deserialize)]
struct SheetRow {
    sheet_row: Vec<String>,
}

/// A report as the Python layer receives it: the CLI's per-file object and its sheet row.
fn report_json(r: &mediavet::Report, lang: Lang) -> String {
    mediavet::printer::csv::with_row(r, lang).to_string()
}

/// The HTML report page (`check --format html`) for a JSON array of report objects, its
/// labels in `lang_code`.
#[pyfunction]
fn html_from_json(reports_json: &str, lang_code: &str) -> PyResult<String> {
    let files: Vec<serde_json::Value> =
        serde_json::from_str(reports_json).map_err(|e| UsageError::new_err(e.to_string()))?;
    // The photo groups as the CLI forms them (no caption files: Python checks the paths
    // it is given).
    let members: Vec<_> = files
        .iter()
        .filter_map(mediavet::group::Member::from_json)
        .collect();
    let groups = mediavet::group::groups_of(&members, &[]);
    mediavet::printer::html::render(&files, &groups, lang(lang_code)?).map_err(Error::new_err)
}

/// The intake page from the entries' JSON (as `intake --format html`), its labels in
/// `lang_code`.
#[pyfunction]
fn html_entries_from_json(entries_json: &str, lang_code: &str) -> PyResult<String> {
    let entries: Vec<serde_json::Value> =
        serde_json::from_str(entries_json).map_err(|e| UsageError::new_err(e.to_string()))?;
    mediavet::printer::html::render_entries(&entries, lang(lang_code)?).map_err(Error::new_err)
}

/// One report's card (a fragment of the HTML page, for notebooks).
#[pyfunction]
fn html_card_from_json(report_json: &str, lang_code: &str) -> PyResult<String> {
    let file: serde_json::Value =
        serde_json::from_str(report_json).map_err(|e| UsageError::new_err(e.to_string()))?;
    mediavet::printer::html::render_card(&file, lang(lang_code)?).map_err(Error::new_err)
}

/// Checks entries as received (paths, or `(name, bytes)` pairs), compared with each other
/// and with `reference` folders; returns the intake JSON document.
#[pyfunction]
#[pyo3(signature = (inputs, lang_code, reference=Vec::new(), jobs=None, options=None, mask_names=false, ffmpeg=true, thumbnails=false))]
#[allow(clippy::too_many_arguments)]
fn check_entries_json(
    py: Python<'_>,
    inputs: Vec<Bound<'_, PyAny>>,
    lang_code: &str,
    reference: Vec<PathBuf>,
    jobs: Option<usize>,
    options: Option<&Bound<'_, PyDict>>,
    mask_names: bool,
    ffmpeg: bool,
    thumbnails: bool,
) -> PyResult<String> {
    use mediavet::entry::{check_entries, Intake, IntakeInput, Profiles};
    let lang = lang(lang_code)?;
    let profiles = match options.filter(|o| !o.is_empty()) {
        Some(dict) => {
            let toml::Value::Table(table) = to_toml(dict.as_any(), "options")? else {
                return Err(UsageError::new_err("options must be a mapping"));
            };
            Profiles::with_table(table, "options")
        }
        None => Profiles::builtin(None),
    }
    .map_err(py_err)?;
    let mut list = Vec::with_capacity(inputs.len());
    for input in &inputs {
        if let Ok((name, bytes)) = input.extract::<(String, Vec<u8>)>() {
            list.push(IntakeInput::Bytes { name, bytes });
        } else {
            let path: PathBuf = input.extract()?;
            if let Err(source) = std::fs::metadata(&path) {
                return Err(py_err(mediavet::Error::Path { path, source }));
            }
            list.push(IntakeInput::Path(path));
        }
    }
    let mut intake = Intake::new(profiles);
    intake.jobs = jobs;
    intake.mask_names = mask_names;
    intake.options.ffmpeg = ffmpeg;
    intake.options.thumbnails = thumbnails;
    let reports = py
        .detach(|| check_entries(list, &reference, &intake, &|_| {}))
        .map_err(py_err)?;
    Ok(mediavet::printer::entries::entries_to_json(&reports, lang).to_string())
}

/// The entry sheet (UTF-8 with BOM) from the entries' JSON (their `sheet_row`s).
#[pyfunction]
fn entries_csv_from_json(entries_json: &str) -> PyResult<String> {
    #[derive(serde::Deserialize)]
    struct Row {
        sheet_row: Vec<String>,
    }
    let rows: Vec<Row> =
        serde_json::from_str(entries_json).map_err(|e| UsageError::new_err(e.to_string()))?;
    let rows: Vec<Vec<String>> = rows.into_iter().map(|r| r.sheet_row).collect();
    let mut out = Vec::new();
    mediavet::printer::entries::write_rows(&mut out, &rows)
        .map_err(|e| Error::new_err(e.to_string()))?;
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
    let [missing, access, path] = path_error_types(py)?;
    m.add("MissingFileError", missing.bind(py))?;
    m.add("FileAccessError", access.bind(py))?;
    m.add("PathError", path.bind(py))?;
    m.add_class::<PyProfile>()?;
    m.add_function(wrap_pyfunction!(check_json, m)?)?;
    m.add_function(wrap_pyfunction!(check_bytes_json, m)?)?;
    m.add_function(wrap_pyfunction!(check_many_json, m)?)?;
    m.add_function(wrap_pyfunction!(probe_json, m)?)?;
    m.add_function(wrap_pyfunction!(profiles, m)?)?;
    m.add_function(wrap_pyfunction!(rules_json, m)?)?;
    m.add_function(wrap_pyfunction!(load_profile, m)?)?;
    m.add_function(wrap_pyfunction!(csv_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(html_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(html_card_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(html_entries_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(check_entries_json, m)?)?;
    m.add_function(wrap_pyfunction!(entries_csv_from_json, m)?)?;
    Ok(())
}
