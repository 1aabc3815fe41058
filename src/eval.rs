//! Evaluation sets: how well the knowledge answers questions whose right
//! answers are known, as the four rates of the contract plus every miss.

use std::fmt;
use std::path::Path;

use serde::Deserialize;

use crate::engine::Engine;
use crate::knowledge::Tier;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvalFile {
    #[serde(default)]
    case: Vec<Case>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub q: String,
    #[serde(default)]
    pub expect: Vec<String>,
    #[serde(default)]
    pub red_flag: bool,
    /// The message before this one, for a follow-up (`ask --after`).
    #[serde(default)]
    pub after: Option<String>,
}

/// Reads an evaluation file, naming the line of any problem.
pub fn load(path: &Path) -> anyhow::Result<Vec<Case>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
    let file: EvalFile = crate::knowledge::parse_toml(&path.display().to_string(), &text)
        .map_err(|p| anyhow::anyhow!("{p}"))?;
    Ok(file.case)
}

/// A count of hits out of a total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rate {
    pub hits: usize,
    pub total: usize,
}

impl Rate {
    fn add(&mut self, hit: bool) {
        self.total += 1;
        self.hits += usize::from(hit);
    }

    /// The rate as a fraction; an empty rate counts as perfect for the
    /// "higher is better" rates and is reported as such.
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            return 1.0;
        }
        self.hits as f64 / self.total as f64
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub accuracy: Rate,
    pub abstention: Rate,
    pub recall: Rate,
    /// Hits here are false alarms: lower is better.
    pub false_alarms: Rate,
    pub misses: Vec<String>,
}

impl Report {
    pub fn false_alarm_fraction(&self) -> f64 {
        if self.false_alarms.total == 0 {
            return 0.0;
        }
        self.false_alarms.fraction()
    }
}

pub fn run(engine: &Engine, cases: &[Case]) -> Report {
    let mut r = Report::default();
    for case in cases {
        let reply = engine.answer_after(&case.q, case.after.as_deref());
        let got = reply.matched.as_ref().map(|m| m.id.as_str());
        if case.expect.is_empty() {
            r.abstention.add(got.is_none());
            if let Some(id) = got {
                r.misses
                    .push(format!("answered {id} but should not answer: {:?}", case.q));
            }
        } else {
            let right = got.is_some_and(|id| case.expect.iter().any(|e| e == id));
            r.accuracy.add(right);
            if !right {
                let expected = case.expect.join(" | ");
                r.misses.push(format!(
                    "expected {expected}, got {}: {:?}",
                    got.unwrap_or("nothing"),
                    case.q
                ));
            }
        }
        let flagged = !reply.red_flags.is_empty();
        if case.red_flag {
            r.recall.add(flagged);
            if !flagged {
                r.misses.push(format!("missed a red flag: {:?}", case.q));
            }
        } else {
            // A precaution note (pregnancy, blood thinners) is not an
            // alarm: it says nothing is wrong, only what to take care with.
            let alarmed = reply
                .red_flags
                .iter()
                .any(|f| !is_precaution(engine, &f.id));
            r.false_alarms.add(alarmed);
            if alarmed {
                let ids: Vec<&str> = reply.red_flags.iter().map(|f| f.id.as_str()).collect();
                r.misses
                    .push(format!("false alarm {}: {:?}", ids.join(","), case.q));
            }
        }
    }
    r
}

fn is_precaution(engine: &Engine, category: &str) -> bool {
    let tier = engine.knowledge().red_flag(category).map(|c| c.tier());
    tier == Some(Tier::Precaution)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = |f: &mut fmt::Formatter<'_>, name: &str, rate: &Rate, value: f64| {
            writeln!(
                f,
                "{name:<16} {:>6.1}%  ({}/{})",
                value * 100.0,
                rate.hits,
                rate.total
            )
        };
        if !self.misses.is_empty() {
            writeln!(f, "misses ({}):", self.misses.len())?;
            for m in &self.misses {
                writeln!(f, "  {m}")?;
            }
            writeln!(f)?;
        }
        line(
            f,
            "answer accuracy",
            &self.accuracy,
            self.accuracy.fraction(),
        )?;
        line(
            f,
            "abstention",
            &self.abstention,
            self.abstention.fraction(),
        )?;
        line(f, "red-flag recall", &self.recall, self.recall.fraction())?;
        line(
            f,
            "false alarms",
            &self.false_alarms,
            self.false_alarm_fraction(),
        )
    }
}
