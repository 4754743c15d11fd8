//! Profile values that check themselves as they are read, so that an error names the line:
//! severities, positive numbers, dates, the level meter.

use crate::finding::Severity;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// Severity as set in a profile: a [`Severity`] or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report for information.
    Info,
    /// Do not run the rule.
    Off,
}

impl Level {
    /// The severity, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// A positive number (rejected at parse time otherwise, so the error has a line).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Positive(pub f64);

impl<'de> Deserialize<'de> for Positive {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if v.is_finite() && v > 0.0 {
            Ok(Positive(v))
        } else {
            Err(serde::de::Error::custom(format!(
                "must be a positive number, got {v}"
            )))
        }
    }
}

/// A calendar date written as a TOML local date (`2012-11-08`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Date(pub NaiveDate);

/// A date as written in TOML (`2012-11-08`) or, from other sources, as a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum DateInput {
    Toml(toml::value::Datetime),
    Text(String),
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = match DateInput::deserialize(d)? {
            DateInput::Toml(v) => v,
            DateInput::Text(s) => s.parse().map_err(|_| {
                serde::de::Error::custom(format!("expected a date like 2012-11-08, got {s:?}"))
            })?,
        };
        let bad = || serde::de::Error::custom(format!("expected a date like 2012-11-08, got {v}"));
        match (v.date, v.time) {
            (Some(date), None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )
            .map(Date)
            .ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

/// Which reading the level band is judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LevelMeter {
    /// Sample peak, dBFS.
    Peak,
    /// True peak (4× oversampled), dBTP.
    TruePeak,
    /// VU with IEC 60268-17 ballistics, relative to `vu_reference_dbfs`.
    Vu,
}

/// Reads an optional positive number (`deserialize_with`).
pub(super) fn positive<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(Some(Positive::deserialize(d)?.0))
}

/// Reads an optional date (`deserialize_with`).
pub(super) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Ok(Some(Date::deserialize(d)?.0))
}
