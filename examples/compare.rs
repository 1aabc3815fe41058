//! The four rates of each evaluation set under a few matcher settings, side
//! by side, to see what one knob change does everywhere at once.
//!
//! `TUNES=";unknown_power=0.8;anchored_threshold=0.3,topical_threshold=0.36" \
//!  cargo run --release --example compare -- SET.toml [SET.toml ...]`
//!
//! Settings are separated by `;` (an empty one is the defaults); each is a
//! comma-separated list of `knob=value`. `KNOWLEDGE=DIR` evaluates another
//! knowledge directory (default `knowledge`); `MISSES=1` prints the misses.

use knotbot::eval;
use knotbot::Tuning;
use knotbot::{Engine, Knowledge};

fn main() -> anyhow::Result<()> {
    let dir = std::env::var("KNOWLEDGE").unwrap_or_else(|_| "knowledge".into());
    let knowledge = Knowledge::load_dir(dir.as_ref())?;
    let sets: Vec<(String, Vec<eval::Case>)> = std::env::args()
        .skip(1)
        .map(|p| Ok((p.clone(), eval::load(p.as_ref())?)))
        .collect::<anyhow::Result<_>>()?;
    let show_misses = std::env::var("MISSES").is_ok();
    for setting in std::env::var("TUNES").unwrap_or_default().split(';') {
        let engine = Engine::with_tuning(knowledge.clone(), parse(setting)?);
        let mut line = format!("{setting:48}");
        for (path, cases) in &sets {
            let r = eval::run(&engine, cases);
            if show_misses {
                eprintln!("{path} [{setting}]\n  {}", r.misses.join("\n  "));
            }
            line += &format!(
                " | {:5.1} {:5.1} {:5.1} {:4.1}",
                100.0 * r.accuracy.fraction(),
                100.0 * r.abstention.fraction(),
                100.0 * r.recall.fraction(),
                100.0 * r.false_alarm_fraction()
            );
        }
        println!("{line}");
    }
    Ok(())
}

/// `knob=value,knob=value` over the defaults.
fn parse(setting: &str) -> anyhow::Result<Tuning> {
    let mut t = Tuning::default();
    for pair in setting.split(',').filter(|s| !s.trim().is_empty()) {
        let (knob, value) = pair
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("{pair:?} is not knob=value"))?;
        let value: f32 = value.trim().parse()?;
        let slot = match knob.trim() {
            "coverage_share" => &mut t.coverage_share,
            "body_share" => &mut t.body_share,
            "alias_share" => &mut t.alias_share,
            "alias_step" => &mut t.alias_step,
            "unknown_share" => &mut t.unknown_share,
            "unknown_power" => &mut t.unknown_power,
            "absolute_share" => &mut t.absolute_share,
            "absolute_half" => &mut t.absolute_half,
            "anchored_threshold" => &mut t.anchored_threshold,
            "topical_threshold" => &mut t.topical_threshold,
            "unanchored_threshold" => &mut t.unanchored_threshold,
            "suggestion_floor" => &mut t.suggestion_floor,
            "min_evidence" => &mut t.min_evidence,
            "stopword_share" => &mut t.stopword_share,
            "title_bonus" => &mut t.title_bonus,
            "story_share" => &mut t.story_share,
            "intent_bonus" => &mut t.intent_bonus,
            "wanted_lift" => &mut t.wanted_lift,
            "pointing_back_threshold" => &mut t.pointing_back_threshold,
            "lead_gap" => &mut t.lead_gap,
            "lead_allowance" => &mut t.lead_allowance,
            other => anyhow::bail!("no knob named {other:?}"),
        };
        *slot = value;
    }
    Ok(t)
}
