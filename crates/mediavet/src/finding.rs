//! Findings: one judgement of one rule on one file, in English and Chinese.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// For information; never affects the verdict.
    Info,
    /// Should be looked at; the verdict becomes `warn`.
    Warning,
    /// Breaks a rule; the verdict becomes `fail`.
    Error,
}

impl Severity {
    /// Lower-case name as in profiles and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// `zh` when `LC_ALL`, `LC_MESSAGES` or `LANG` (first one set) starts with `zh`, else English.
    pub fn from_env() -> Lang {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .unwrap_or_default();
        if value.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Text {
    /// English.
    pub en: String,
    /// Simplified Chinese.
    pub zh: String,
}

impl Text {
    /// Builds a bilingual text.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// A measured or expected value: machine value, unit, and how to show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// Number, string or array, in base units (bits per second, seconds, pixels).
    pub value: Value,
    /// Unit of `value`, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    /// Display form, e.g. `14.71 Mb/s` or `≥ 15 Mb/s`.
    pub text: String,
}

impl Quantity {
    /// A number with a unit and display text.
    pub fn num(value: f64, unit: &'static str, text: impl Into<String>) -> Quantity {
        Quantity {
            value: json!(value),
            unit: Some(unit),
            text: text.into(),
        }
    }

    /// A value that is its own display text (a codec name, a format).
    pub fn text(text: impl Into<String>) -> Quantity {
        let text = text.into();
        Quantity {
            value: Value::String(text.clone()),
            unit: None,
            text,
        }
    }
}

/// One judgement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable rule id, e.g. `video.bitrate`.
    pub rule: &'static str,
    /// Severity, from the profile.
    pub severity: Severity,
    /// What was measured.
    pub measured: Option<Quantity>,
    /// What the profile expects.
    pub expected: Option<Quantity>,
    /// What is wrong (or, for info findings, what was seen).
    pub message: Text,
    /// How to fix it, when there is a way.
    pub hint: Option<Text>,
}

impl Finding {
    /// A finding with a message only.
    pub fn new(rule: &'static str, severity: Severity, message: Text) -> Finding {
        Finding {
            rule,
            severity,
            measured: None,
            expected: None,
            message,
            hint: None,
        }
    }

    /// Adds measured and expected values.
    pub fn values(mut self, measured: Option<Quantity>, expected: Option<Quantity>) -> Finding {
        self.measured = measured;
        self.expected = expected;
        self
    }

    /// Adds a fix hint.
    pub fn hint(mut self, hint: Text) -> Finding {
        self.hint = Some(hint);
        self
    }

    /// JSON object with message and hint in one language.
    pub fn to_json(&self, lang: Lang) -> Value {
        json!({
            "rule": self.rule,
            "severity": self.severity,
            "measured": self.measured,
            "expected": self.expected,
            "message": self.message.get(lang),
            "hint": self.hint.as_ref().map(|h| h.get(lang)),
        })
    }
}

/// Formats bits per second as `14.71 Mb/s`.
pub fn mbps(bits_per_second: f64) -> String {
    format!("{:.2} Mb/s", bits_per_second / 1e6)
}

/// Formats seconds as `3:05.2 (185.2 s)`.
pub fn duration(seconds: f64) -> String {
    let m = (seconds / 60.0).floor();
    format!("{}:{:04.1} ({seconds:.1} s)", m as u64, seconds - m * 60.0)
}

/// `HH:MM:SS.mmm`.
pub fn clock(s: f64) -> String {
    let ms = (s.max(0.0) * 1000.0).round() as u64;
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}
