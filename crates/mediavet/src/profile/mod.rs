//! Profiles: the numbers and severities rules judge against, as TOML data.
//!
//! Built-in profiles live in `profiles/*.toml` and are embedded at build time. A profile
//! is a stack of layers — a built-in one, a user file that `extends` it, options given by
//! a caller — merged as TOML tables ([`layers`]) into one [`Profile`] ([`settings`]: the
//! schema every layer is checked against, whose defaults apply once the layers are
//! merged, and what the rules read).

mod layers;
pub mod settings;
pub mod values;

pub use settings::{Profile, DEFAULT_MAX_MEGAPIXELS, MAX_KEYFRAMES};
pub use values::{Date, Level, LevelMeter, Positive};

use crate::Error;
use layers::{error_at, merge, profile_error, Layer};
use serde::Deserialize;
use std::path::Path;

/// Built-in profiles: (name, TOML source).
const BUILTIN: [(&str, &str); 5] = [
    (
        "micro-video",
        include_str!("../../profiles/micro-video.toml"),
    ),
    (
        "micro-film-5",
        include_str!("../../profiles/micro-film-5.toml"),
    ),
    (
        "micro-film-15",
        include_str!("../../profiles/micro-film-15.toml"),
    ),
    ("photo", include_str!("../../profiles/photo.toml")),
    ("text", include_str!("../../profiles/text.toml")),
];

/// Ids of every rule, read at build time from the first line of each rule file's doc (the
/// registry's test checks them against the rules): severities are checked against them
/// without this module depending on the rules.
mod rule_ids {
    include!(concat!(env!("OUT_DIR"), "/rule_ids.rs"));
}

impl Profile {
    /// Names of the built-in profiles.
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(n, _)| *n)
    }

    /// TOML source of a built-in profile.
    pub fn builtin_source(name: &str) -> Option<&'static str> {
        BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
    }

    /// A built-in profile by name.
    pub fn builtin(name: &str) -> Result<Profile, Error> {
        let src = Profile::builtin_source(name).ok_or_else(|| {
            let names: Vec<_> = Profile::builtin_names().collect();
            Error::Usage(format!(
                "unknown profile '{name}' (built-in: {})",
                names.join(", ")
            ))
        })?;
        Profile::from_toml(src, name)
    }

    /// A built-in name, or else a path to a TOML file.
    pub fn load(name_or_path: &str) -> Result<Profile, Error> {
        if Profile::builtin_source(name_or_path).is_some() {
            return Profile::builtin(name_or_path);
        }
        let path = Path::new(name_or_path);
        if !path.exists() && !name_or_path.ends_with(".toml") {
            return Profile::builtin(name_or_path);
        }
        let text = std::fs::read_to_string(path).map_err(|source| Error::Path {
            path: path.into(),
            source,
        })?;
        let stem = path
            .file_stem()
            .map_or_else(|| name_or_path.into(), |s| s.to_string_lossy());
        Profile::from_toml_named(&text, name_or_path, &stem)
    }

    /// Parses TOML text; `origin` names it in errors, and names the profile when the text
    /// does not.
    pub fn from_toml(text: &str, origin: &str) -> Result<Profile, Error> {
        Profile::from_toml_named(text, origin, origin)
    }

    /// [`Profile::from_toml`], named `default_name` unless the text says `name`: a profile
    /// that extends a built-in one never takes the built-in's name, so reports say what
    /// was applied.
    fn from_toml_named(text: &str, origin: &str, default_name: &str) -> Result<Profile, Error> {
        let mut layer = Layer::from_toml(text, origin)?;
        if !layer.table.contains_key("name") {
            layer
                .table
                .insert("name".into(), toml::Value::String(default_name.into()));
        }
        let mut layers = Vec::new();
        if let Some(base) = layer.table.get("extends").and_then(toml::Value::as_str) {
            let Some(src) = Profile::builtin_source(base) else {
                return Err(error_at(
                    &[layer.clone()],
                    None,
                    "extends",
                    format!("extends: '{base}' is not a built-in profile"),
                ));
            };
            layers.push(Layer::from_toml(src, base)?);
        }
        layers.push(layer);
        Profile::resolve(layers)
    }

    /// This profile with the values of TOML `text` laid over it (same keys as a profile
    /// file); the name stays unless the text sets one.
    pub fn overlay(&self, text: &str, origin: &str) -> Result<Profile, Error> {
        self.with_layer(Layer::from_toml(text, origin)?)
    }

    /// This profile with `table` laid over it (as Python's keyword options are), with no
    /// round trip through TOML text.
    pub fn overlay_table(&self, table: toml::Table, origin: &str) -> Result<Profile, Error> {
        self.with_layer(Layer::from_table(table, origin)?)
    }

    fn with_layer(&self, layer: Layer) -> Result<Profile, Error> {
        let mut layers = self.layers.clone();
        layers.push(layer);
        Profile::resolve(layers)
    }

    /// Merges the layers, checks the result and applies the defaults.
    fn resolve(layers: Vec<Layer>) -> Result<Profile, Error> {
        let mut table = toml::Table::new();
        for layer in &layers {
            merge(&mut table, &layer.table);
        }
        let mut profile = Profile::deserialize(toml::Value::Table(table)).map_err(|e| {
            let origin = layers.last().map_or("profile", |l| l.origin.as_str());
            profile_error(origin, None, e.message().to_string())
        })?;
        validate(&profile, &layers)?;
        profile.layers = layers;
        Ok(profile)
    }

    /// The level a profile sets for rule `id`, if it sets one.
    pub fn level_of(&self, id: &str) -> Option<Level> {
        self.severity.get(id).copied()
    }

    /// How video frames are sampled and searched under this profile.
    pub fn frame_settings(&self) -> crate::video::FrameSettings {
        crate::video::FrameSettings {
            keyframes: self.frames.keyframes,
            persistence: self.frames.persistence,
            subtitles: self.subtitle.burned_in && self.subtitle.checked(),
            text_frames: if self.frames.onscreen_text {
                self.frames.text_frames
            } else {
                0
            },
            decoders: 0,
        }
    }

    /// How audio is metered under this profile (VU reference, level percentile).
    pub fn meter_settings(&self) -> crate::audio::MeterSettings {
        crate::audio::MeterSettings {
            vu_reference_dbfs: self.audio.vu_reference_dbfs,
            level_percentile: self.audio.min_level_percentile,
            // The true-peak meter reads it; so does `audio.loudness` (Need::TruePeak).
            true_peak: self.audio.meter == LevelMeter::TruePeak,
        }
    }
}

/// Checks what single values cannot: rule ids, ranges and pairs of values; an error names
/// the layer that set the key, at its line.
fn validate(o: &Profile, layers: &[Layer]) -> Result<(), Error> {
    let err = |section: &str, key: &str, message: String| {
        Err(error_at(layers, Some(section), key, message))
    };
    for key in o.severity.keys() {
        if !rule_ids::IDS.contains(&key.as_str()) {
            return err(
                "severity",
                key,
                format!("severity: unknown rule id '{key}' (see `mediavet rules`)"),
            );
        }
    }
    if let (Some(a), Some(b)) = (o.date.earliest, o.date.latest) {
        if a > b {
            return err(
                "date",
                "earliest",
                format!("date: earliest {a} is after latest {b}"),
            );
        }
    }
    if let (Some(a), Some(b)) = (o.text.min_words, o.text.max_words) {
        if a > b {
            return err(
                "text",
                "min_words",
                format!("text: min_words {a} is over max_words {b}"),
            );
        }
    }
    if let Some(q) = o.image.min_quality.filter(|q| !(1..=100).contains(q)) {
        return err(
            "image",
            "min_quality",
            format!("image: min_quality must be in 1–100, got {q}"),
        );
    }
    let p = o.audio.min_level_percentile;
    if !(p > 0.0 && p <= 100.0) {
        return err(
            "audio",
            "min_level_percentile",
            format!("audio: min_level_percentile must be in (0, 100], got {p}"),
        );
    }
    for (section, v) in [
        ("text", o.text.max_traditional_share),
        ("subtitle", o.subtitle.max_traditional_share),
    ] {
        if let Some(v) = v.filter(|v| !(0.0..=1.0).contains(v)) {
            let key = "max_traditional_share";
            return err(
                section,
                key,
                format!("{section}: {key} must be in [0, 1], got {v}"),
            );
        }
    }
    let f = &o.frames;
    let k = f.keyframes;
    if !(2..=MAX_KEYFRAMES).contains(&k) {
        return err(
            "frames",
            "keyframes",
            format!("frames: keyframes must be 2 to {MAX_KEYFRAMES}, got {k}"),
        );
    }
    for (key, v) in [
        ("persistence", f.persistence),
        ("min_confidence", f.min_confidence),
    ] {
        if !(v > 0.0 && v <= 1.0) {
            return err(
                "frames",
                key,
                format!("frames: {key} must be in (0, 1], got {v}"),
            );
        }
    }
    for r in &f.ignore {
        let inside = r.iter().all(|v| (0.0..=1.0).contains(v))
            && r[0] + r[2] <= 1.0 + 1e-9
            && r[1] + r[3] <= 1.0 + 1e-9;
        if !inside {
            return err(
                "frames",
                "ignore",
                format!("frames: ignore area {r:?} is not [x, y, w, h] inside 0–1"),
            );
        }
    }
    if let (Some(min), Some(max)) = (o.video.min_duration_s, o.video.max_duration_s) {
        if min > max {
            return err(
                "video",
                "min_duration_s",
                "video: min_duration_s is above max_duration_s".into(),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse() {
        for name in Profile::builtin_names() {
            let p = Profile::builtin(name).unwrap();
            assert_eq!(p.name, name);
        }
        let p = Profile::builtin("micro-video").unwrap();
        assert_eq!(p.video.min_bitrate_mbps, Some(15.0));
        assert_eq!(
            p.date.earliest.map(|d| d.to_string()).as_deref(),
            Some("2012-11-08")
        );
    }

    #[test]
    fn extends_and_overrides() {
        let p = Profile::from_toml(
            "extends = \"micro-video\"\nname = \"strict\"\n[video]\nmin_bitrate_mbps = 20\n",
            "x.toml",
        )
        .unwrap();
        assert_eq!(p.name, "strict");
        assert_eq!(p.video.min_bitrate_mbps, Some(20.0));
        assert_eq!(p.video.width, Some(1920));
    }

    #[test]
    fn errors_name_key_and_line() {
        let e = Profile::from_toml("name = \"x\"\n[video]\nmin_bitrate_mbps = -3\n", "x.toml")
            .unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("line 3") && msg.contains("positive"), "{msg}");
        let e = Profile::from_toml("name = \"x\"\n[video]\nwidht = 1920\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 3") && e.contains("widht"), "{e}");
        let e = Profile::from_toml("[severity]\n\"video.bitrat\" = \"off\"\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2") && e.contains("video.bitrat"), "{e}");
    }

    #[test]
    fn a_profile_file_that_extends_is_named_after_the_file_unless_it_says() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("contest=2024");
        std::fs::create_dir(&folder).unwrap();
        let file = folder.join("strict.toml");
        std::fs::write(
            &file,
            "extends = \"micro-video\"\n[video]\nmin_bitrate_mbps = 20\n",
        )
        .unwrap();
        let p = Profile::load(file.to_str().unwrap()).unwrap();
        assert_eq!(p.name, "strict");
        assert_eq!(p.video.min_bitrate_mbps, Some(20.0));
        std::fs::write(&file, "extends = \"micro-video\"\nname = \"desk\"\n").unwrap();
        assert_eq!(Profile::load(file.to_str().unwrap()).unwrap().name, "desk");
    }

    #[test]
    fn errors_point_at_the_key_in_its_own_table() {
        let text = "[text]\nmax_traditional_share = 0.5\n[subtitle]\nmax_traditional_share = 2\n";
        let e = Profile::from_toml(text, "x.toml").unwrap_err().to_string();
        assert!(e.contains("line 4") && e.contains("subtitle:"), "{e}");
        let text = "[subtitle]\nmax_traditional_share = 0.5\n[text]\nmax_traditional_share = 7\n";
        let e = Profile::from_toml(text, "x.toml").unwrap_err().to_string();
        assert!(e.contains("line 4") && e.contains("text:"), "{e}");
    }

    #[test]
    fn overlay_lays_values_over_a_profile() {
        let base = Profile::builtin("micro-video").unwrap();
        let p = base
            .overlay(
                "[video]\nmin_bitrate_mbps = 20\n[date]\nlatest = \"2021-12-31\"\n",
                "options",
            )
            .unwrap();
        assert_eq!(
            (p.name.as_str(), p.video.min_bitrate_mbps),
            ("micro-video", Some(20.0))
        );
        assert_eq!(
            p.date.latest.map(|d| d.to_string()).as_deref(),
            Some("2021-12-31")
        );
        assert_eq!(p.video.width, Some(1920));
        let e = base
            .overlay("[severity]\n\"nope\" = \"off\"\n", "options")
            .unwrap_err()
            .to_string();
        assert!(e.contains("nope"), "{e}");
    }
}
