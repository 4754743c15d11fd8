//! Charts for the HTML report, drawn by `plotters` as inline SVG (its text is left to the
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
}
