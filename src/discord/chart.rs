//! The stats chart: questions per day, the answered part of each bar in
//! green and the rest in orange, as a PNG for an embed. Drawn with
//! plotters; no text in the image (the embed beside it says what the
//! colours mean), so no font has to ship with the bot.

use plotters::prelude::*;

use crate::workbench::stats::Day;

const WIDTH: u32 = 720;
const HEIGHT: u32 = 240;
const MARGIN: i32 = 12;
const ANSWERED: RGBColor = RGBColor(0x2a, 0x9d, 0x8f);
const MISSED: RGBColor = RGBColor(0xe7, 0x6f, 0x51);
const AXIS: RGBColor = RGBColor(0x99, 0x99, 0x99);

/// One bar per date of `dates` (oldest first), from the days in `per_day`
/// (dates without questions have none). A PNG.
pub fn questions_per_day(dates: &[String], per_day: &[Day]) -> Result<Vec<u8>, String> {
    let mut pixels = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    draw(&mut pixels, dates, per_day).map_err(|e| e.to_string())?;
    encode(&pixels).map_err(|e| e.to_string())
}

fn draw(
    pixels: &mut [u8],
    dates: &[String],
    per_day: &[Day],
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let root = BitMapBackend::with_buffer(pixels, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let most = per_day
        .iter()
        .map(|d| d.questions)
        .max()
        .unwrap_or(0)
        .max(1);
    let (left, right) = (MARGIN, WIDTH as i32 - MARGIN);
    let (top, bottom) = (MARGIN, HEIGHT as i32 - MARGIN);
    let slot = (right - left) / dates.len().max(1) as i32;
    let height = |n: u64| ((bottom - top) as u64 * n / most) as i32;
    for (i, date) in dates.iter().enumerate() {
        let Some(day) = per_day.iter().find(|d| &d.date == date) else {
            continue;
        };
        let x0 = left + i as i32 * slot + slot / 6;
        let x1 = left + (i as i32 + 1) * slot - slot / 6;
        let all = bottom - height(day.questions);
        let answered = bottom - height(day.answered);
        root.draw(&Rectangle::new(
            [(x0, all), (x1, answered)],
            MISSED.filled(),
        ))?;
        root.draw(&Rectangle::new(
            [(x0, answered), (x1, bottom)],
            ANSWERED.filled(),
        ))?;
    }
    root.draw(&PathElement::new(
        vec![(left, bottom), (right, bottom)],
        AXIS,
    ))?;
    root.present()?;
    Ok(())
}

fn encode(rgb: &[u8]) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_a_png_with_both_colours() {
        let dates = vec!["2026-12-01".to_string(), "2026-12-02".to_string()];
        let per_day = vec![Day {
            date: "2026-12-02".into(),
            questions: 10,
            answered: 6,
        }];
        let png = questions_per_day(&dates, &per_day).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut buf).unwrap();
        let has = |c: RGBColor| buf.chunks(3).any(|p| p == [c.0, c.1, c.2]);
        assert!(has(ANSWERED) && has(MISSED));
    }
}
