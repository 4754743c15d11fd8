//! media.date — the recording date is missing or outside the contest period.
//!
//! What: the creation time is taken from, in order of trust,
//! `com.apple.quicktime.creationdate` (phones; local time), `©day`, and the
//! movie header's creation time (`mvhd`, UTC; 0 means unset); for photos, EXIF
//! DateTimeOriginal (the camera's local time). Entries must be
//! made between 2012-11-08 and 2020-09-30 inclusive (`[date]` in the profile).
//! A missing date is reported too: many editors and converters drop it, so the
//! finding is a warning for a reviewer to look at, not proof of a late entry.
//!
//! Why: the rules only accept works made within the contest period.
//!
//! Fix: nothing can honestly be changed in the file; keep the original camera
//! files as evidence of the recording date, and state the date in the
//! registration form.

use super::{Check, Ctx, Rule};
use crate::facts::DateFact;
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::isobmff::leading_date;
use crate::profile::Profile;
use chrono::Datelike;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "media.date",
    default: Severity::Warning,
    needs: None,
    doc: super::docs::MEDIA_DATE,
    applies,
    check: Check::File(check),
};

/// Applies when the profile sets a date range.
fn applies(p: &Profile) -> bool {
    p.date.earliest.is_some() || p.date.latest.is_some()
}

/// Creation date against the range.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    // Movies: the container's creation time; photos: EXIF DateTimeOriginal.
    let photo_date = cx.facts.image.as_ref().map(|i| {
        i.exif
            .as_ref()
            .and_then(|e| e.date_time_original.clone())
            .map(|value| DateFact {
                date: value.get(..10).map(str::to_string),
                value,
                source: "EXIF DateTimeOriginal".into(),
            })
    });
    let creation = match (&cx.facts.container, photo_date) {
        (Some(c), _) => c.creation_time.clone(),
        (None, Some(d)) => d,
        (None, None) => return Vec::new(),
    };
    let (earliest, latest) = (
        cx.profile.date.earliest,
        cx.profile.date.latest,
    );
    let range = format!(
        "{} … {}",
        earliest.map_or("any".into(), |d| d.to_string()),
        latest.map_or("any".into(), |d| d.to_string())
    );
    let expected = Some(Quantity::text(range.clone()));
    let Some(created) = &creation else {
        return vec![cx.finding(sev,
            Text::new(
                "No creation time is recorded in the file, so the recording date cannot be confirmed.",
                "文件中没有记录创建时间，无法确认拍摄日期。",
            ),
        )
        .values(None, expected)
        .hint(Text::new("Ask the entrant for the original camera file.", "请投稿者提供相机原始文件。"))];
    };
    let date =
        leading_date(&created.value).or_else(|| created.date.as_deref().and_then(leading_date));
    let Some(date) = date else {
        // A bare year ("2019", as iTunes-style ©day often holds) settles it unless it
        // is a boundary year.
        let year: Option<i32> = created.value.trim().get(..4).and_then(|y| y.parse().ok());
        if let Some(y) = year {
            if earliest.is_none_or(|e| y > e.year()) && latest.is_none_or(|l| y < l.year()) {
                return Vec::new();
            }
        }
        return vec![cx.finding(sev,
            Text::new(
                format!("The creation time '{}' ({}) does not show that the work was made within {range}.", created.value, created.source),
                format!("创建时间“{}”（{}）不能证明作品制作于 {range} 期间。", created.value, created.source),
            ),
        )
        .values(Some(Quantity::text(created.value.clone())), expected)];
    };
    let before = earliest.is_some_and(|e| date < e);
    let after = latest.is_some_and(|l| date > l);
    if !before && !after {
        return Vec::new();
    }
    let (en, zh) = if before {
        ("before", "早于")
    } else {
        ("after", "晚于")
    };
    vec![cx.finding(sev,
        Text::new(
            format!(
                "Recorded on {date} (from {}), {en} the contest period {range}.",
                created.source
            ),
            format!(
                "拍摄日期为 {date}（来自 {}），{zh}征集期限 {range}。",
                created.source
            ),
        ),
    )
    .values(Some(Quantity::text(date.to_string())), expected)]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::facts::image::ExifFacts;
    use crate::facts::DateFact;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        let made = |value: Option<&str>| {
            let mut facts = video(1920, 1080, 2e7, 60.0);
            facts.container.as_mut().unwrap().creation_time = value.map(|v| DateFact {
                value: v.into(),
                date: v.get(..10).map(str::to_string),
                source: "mvhd".into(),
            });
            facts
        };
        expect(&RULE, "the first day", &made(Some("2012-11-08T00:00:00Z")), &p, &[]);
        expect(&RULE, "the last day", &made(Some("2020-09-30T23:59:59Z")), &p, &[]);
        let before = [warning("Recorded on 2012-11-07 (from mvhd), before the contest period 2012-11-08 … 2020-09-30.", "拍摄日期为 2012-11-07（来自 mvhd），早于征集期限 2012-11-08 … 2020-09-30。")];
        expect(&RULE, "the day before", &made(Some("2012-11-07T23:59:59Z")), &p, &before);
        let after = [warning("Recorded on 2020-10-01 (from mvhd), after", "晚于征集期限")];
        expect(&RULE, "the day after", &made(Some("2020-10-01T00:00:00Z")), &p, &after);
        let none = [warning("No creation time is recorded", "文件中没有记录创建时间")];
        expect(&RULE, "no date", &made(None), &p, &none);
        expect(&RULE, "a year inside", &made(Some("2016")), &p, &[]);
        let boundary = [warning("The creation time '2020' (mvhd) does not show", "创建时间“2020”（mvhd）不能证明")];
        expect(&RULE, "a boundary year", &made(Some("2020")), &p, &boundary);
        let strict = profile("micro-video", "[severity]\n\"media.date\" = \"error\"\n");
        expect(&RULE, "severity from a layer", &made(Some("2021-01-01")), &strict, &[error("after", "晚于")]);
        let mut shot = photo(4000, 3000);
        image(&mut shot).exif = Some(ExifFacts {
            date_time_original: Some("2021-03-01 08:00:00".into()),
            ..ExifFacts::default()
        });
        let exif = [warning("Recorded on 2021-03-01 (from EXIF DateTimeOriginal)", "来自 EXIF DateTimeOriginal")];
        expect(&RULE, "a photo's EXIF date", &shot, &profile("photo", ""), &exif);
        expect(&RULE, "a text has no date", &text("正文"), &p, &[]);
    }
}
