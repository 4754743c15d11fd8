//! Charts for the HTML report (the failing rules, audio levels over time), drawn by
//! `plotters` as inline SVG (its text is left to the
//! browser's fonts, so no font file is read).

use plotters::prelude::*;

/// Bar height and gap, pixels.
const BAR: i32 = 18;
const ROW: i32 = 26;
/// Width of the rule names' column, of the bars' and of the counts'.
const LABELS: i32 = 230;
const BARS: i32 = 520;
const COUNTS: i32 = 50;

/// Horizontal bars: each rule with the number of files it failed (most first), as SVG.
pub fn failing_rules(rules: &[(&str, usize)]) -> Result<String, String> {
    let most = rules.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let height = ROW * i32::try_from(rules.len()).unwrap_or(i32::MAX / ROW - 1) + 4;
    let width = LABELS + BARS + COUNTS;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width as u32, height.max(1) as u32))
            .into_drawing_area();
        // plotters scales points to pixels by 0.8: 17 is 13.5 px.
        let font = ("sans-serif", 17).into_font();
        for (k, (rule, n)) in rules.iter().enumerate() {
            let y = ROW * k as i32 + 4;
            let w = (BARS as f64 * *n as f64 / most as f64).round().max(1.0) as i32;
            root.draw(&Text::new(rule.to_string(), (0, y + 2), font.clone()))
                .and_then(|()| {
                    root.draw(&Rectangle::new(
                        [(LABELS, y), (LABELS + w, y + BAR)],
                        RGBColor(192, 57, 43).filled(),
                    ))
                })
                .and_then(|()| {
                    root.draw(&Text::new(
                        n.to_string(),
                        (LABELS + w + 6, y + 2),
                        font.clone(),
                    ))
                })
                .map_err(|e| format!("chart: {e}"))?;
        }
        root.present().map_err(|e| format!("chart: {e}"))?;
    }
    Ok(svg)
}

/// A level plot's input: per-channel traces and the profile's band.
#[derive(Debug, Clone, Default)]
pub struct Levels {
    /// Seconds between trace points.
    pub interval_s: f64,
    /// Per channel: highest sample peak of each interval, dBFS.
    pub peak: Vec<Vec<f64>>,
    /// Per channel: VU reading at the end of each interval.
    pub vu: Vec<Vec<f64>>,
    /// The band is on the VU reading (else on the peak).
    pub vu_band: bool,
    /// The band, dB on its reading.
    pub min_db: Option<f64>,
    pub max_db: Option<f64>,
}

/// Plot size, pixels: a panel's height, the left margin (dB labels), the bottom one
/// (time labels).
const PLOT_W: i32 = 720;
const PANEL_H: i32 = 150;
const LEFT: i32 = 44;
const BOTTOM: i32 = 18;
/// Most points drawn per line (each the highest of its share of the trace).
const MAX_POINTS: usize = 360;
/// The band's shade, the over-the-top marks, the under-the-bottom marks.
pub const BAND: RGBColor = RGBColor(46, 160, 67);
pub const OVER: RGBColor = RGBColor(207, 34, 46);
pub const UNDER: RGBColor = RGBColor(219, 109, 40);
/// Channel colours (1, 2, more).
const CHANNELS: [RGBColor; 3] = [
    RGBColor(21, 101, 192),
    RGBColor(123, 31, 162),
    RGBColor(90, 90, 90),
];
/// Quieter than this is silence: not marked as under the band.
const SILENCE_DB: f64 = -50.0;

/// The levels over time: a panel for the peak (dBFS) and one for the VU reading, each
/// channel a line; the band shaded on the panel of the reading it is judged on, the
/// points above it marked red and those below it (silence aside) orange along the
/// bottom. Empty for an empty trace.
pub fn levels(l: &Levels) -> Result<String, String> {
    let points = l.peak.iter().map(Vec::len).max().unwrap_or(0);
    if points == 0 || l.interval_s <= 0.0 {
        return Ok(String::new());
    }
    let duration = points as f64 * l.interval_s;
    let panels = [
        ("dBFS", &l.peak, (-60.0_f64, 0.0_f64), !l.vu_band),
        ("VU", &l.vu, (-40.0, 6.0), l.vu_band),
    ];
    let height = 2 * (PANEL_H + BOTTOM);
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (PLOT_W as u32, height as u32)).into_drawing_area();
        let font = ("sans-serif", 14).into_font();
        let err = |e: DrawingAreaErrorKind<_>| format!("chart: {e}");
        for (k, (unit, traces, (lo, hi), banded)) in panels.into_iter().enumerate() {
            let top = k as i32 * (PANEL_H + BOTTOM);
            let (lo, hi) = if banded {
                (
                    lo.min(l.min_db.unwrap_or(lo) - 6.0),
                    hi.max(l.max_db.unwrap_or(hi) + 3.0),
                )
            } else {
                (lo, hi)
            };
            let y = |db: f64| {
                top + ((hi - db.clamp(lo, hi)) / (hi - lo) * f64::from(PANEL_H)).round() as i32
            };
            let x = |t: f64| LEFT + (t / duration * f64::from(PLOT_W - LEFT - 4)).round() as i32;
            root.draw(&Rectangle::new(
                [(LEFT, top), (PLOT_W - 4, top + PANEL_H)],
                RGBColor(200, 200, 200),
            ))
            .map_err(err)?;
            if banded {
                let (a, b) = (l.max_db.unwrap_or(hi), l.min_db.unwrap_or(lo));
                root.draw(&Rectangle::new(
                    [(LEFT, y(a)), (PLOT_W - 4, y(b))],
                    BAND.mix(0.18).filled(),
                ))
                .map_err(err)?;
            }
            // Grid lines and labels every 10 dB, the band's edges labelled too.
            let mut ticks: Vec<f64> = (0..)
                .map(|i| (hi / 10.0).floor() * 10.0 - 10.0 * f64::from(i))
                .take_while(|&d| d >= lo)
                .collect();
            if banded {
                // The band's edges replace the round numbers next to them.
                let edges: Vec<f64> = l.max_db.into_iter().chain(l.min_db).collect();
                ticks.retain(|t| edges.iter().all(|e| (t - e).abs() >= 3.0));
                ticks.extend(edges);
            }
            for d in ticks {
                let colour = if banded && (Some(d) == l.max_db || Some(d) == l.min_db) {
                    BAND
                } else {
                    RGBColor(225, 225, 225)
                };
                root.draw(&PathElement::new(
                    [(LEFT, y(d)), (PLOT_W - 4, y(d))],
                    colour,
                ))
                .and_then(|()| root.draw(&Text::new(format!("{d}"), (2, y(d) - 7), font.clone())))
                .map_err(err)?;
            }
            root.draw(&Text::new(
                unit.to_string(),
                (2, top + PANEL_H - 14),
                font.clone(),
            ))
            .map_err(err)?;
            // Time labels: about eight, at round seconds.
            let step = [1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0]
                .into_iter()
                .find(|s| duration / s <= 8.0)
                .unwrap_or(1200.0);
            for t in (0..)
                .map(|i| f64::from(i) * step)
                .take_while(|&t| t <= duration)
            {
                root.draw(&Text::new(
                    format!("{t}s"),
                    (x(t), top + PANEL_H + 2),
                    font.clone(),
                ))
                .map_err(err)?;
            }
            for (c, trace) in traces.iter().enumerate() {
                let colour = CHANNELS[c.min(CHANNELS.len() - 1)];
                let bucket = trace.len().div_ceil(MAX_POINTS).max(1);
                let line: Vec<(f64, f64)> = trace
                    .chunks(bucket)
                    .enumerate()
                    .map(|(i, v)| {
                        let highest = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        ((i * bucket) as f64 * l.interval_s, highest)
                    })
                    .collect();
                root.draw(&PathElement::new(
                    line.iter().map(|&(t, d)| (x(t), y(d))).collect::<Vec<_>>(),
                    colour.stroke_width(1),
                ))
                .map_err(err)?;
                if !banded {
                    continue;
                }
                // Each run of points above the band: a strip along the top; below it
                // (silence aside): a strip along the bottom.
                let step = bucket as f64 * l.interval_s;
                let over = |&(_, d): &(f64, f64)| l.max_db.is_some_and(|m| d > m);
                let under =
                    |&(_, d): &(f64, f64)| l.min_db.is_some_and(|m| d < m) && d > SILENCE_DB;
                for (is, colour, y0) in [
                    (&over as &dyn Fn(&(f64, f64)) -> bool, OVER, top),
                    (&under, UNDER, top + PANEL_H - 5),
                ] {
                    for (from, to) in runs(&line, is) {
                        root.draw(&Rectangle::new(
                            [(x(from), y0), (x(to + step).max(x(from) + 1), y0 + 5)],
                            colour.filled(),
                        ))
                        .map_err(err)?;
                    }
                }
            }
        }
        root.present().map_err(|e| format!("chart: {e}"))?;
    }
    Ok(svg)
}

/// The times of the first and last point of each run of `line`'s points that `is` holds
/// for.
fn runs(line: &[(f64, f64)], is: &dyn Fn(&(f64, f64)) -> bool) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    let mut open = false;
    for p in line {
        match (is(p), open, out.last_mut()) {
            (true, true, Some(run)) => run.1 = p.0,
            (true, _, _) => out.push((p.0, p.0)),
            _ => {}
        }
        open = is(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_to_scale() {
        let svg = failing_rules(&[("image.resolution", 22), ("image.format", 11)]).unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("image.resolution") && svg.contains(">\n22\n<"));
        // The longest bar spans BARS pixels, the half one half of them.
        assert!(svg.contains(&format!("width=\"{BARS}\"")), "{svg}");
        assert!(svg.contains(&format!("width=\"{}\"", BARS / 2)), "{svg}");
        assert!(failing_rules(&[]).unwrap().starts_with("<svg"));
    }

    #[test]
    fn the_band_is_shaded_where_the_profile_puts_it() {
        let l = Levels {
            interval_s: 0.5,
            peak: vec![vec![-20.0, -5.0, -10.0, -30.0], vec![-60.0; 4]],
            vu: vec![vec![-10.0; 4], vec![-40.0; 4]],
            vu_band: false,
            min_db: Some(-12.0),
            max_db: Some(-8.0),
        };
        let svg = levels(&l).unwrap();
        // Peak panel −60 … 0 dB over 150 px: −8 at y 20, −12 at y 30.
        let band = format!("{:02X}{:02X}{:02X}", BAND.0, BAND.1, BAND.2);
        assert!(
            svg.contains(&format!(
                "y=\"20\" width=\"672\" height=\"10\" opacity=\"0.18\" fill=\"#{band}\""
            )),
            "{svg}"
        );
        // One point above the band (−5): one strip; −20 and −30, under it and not
        // silent: a strip each (−10 between them is in the band); the silent channel is
        // not marked.
        let fill = |c: RGBColor| format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
        assert_eq!(svg.matches(&fill(OVER)).count(), 1, "{svg}");
        assert_eq!(svg.matches(&fill(UNDER)).count(), 2, "{svg}");
        assert_eq!(
            runs(&[(0.0, 1.0), (1.0, 1.0), (2.0, 0.0), (3.0, 1.0)], &|p| p.1
                > 0.5),
            [(0.0, 1.0), (3.0, 3.0)]
        );
        assert!(svg.contains(">\n-8\n<") && svg.contains(">\n-12\n<"));
        assert!(levels(&Levels::default()).unwrap().is_empty());
    }
}
