//! Grid search over the matcher's knobs on evaluation sets.
//!
//! `cargo run --release --example tune -- SET.toml [SET.toml ...]`
//! prints the best settings by answer accuracy plus abstention, so the
//! defaults in `matcher::Tuning` are chosen by measurement, not by feel.

use knotbot::eval::{self, Case};
use knotbot::Tuning;
use knotbot::{Engine, Knowledge};

fn main() -> anyhow::Result<()> {
    let mut cases: Vec<Case> = Vec::new();
    for path in std::env::args().skip(1) {
        cases.extend(eval::load(path.as_ref())?);
    }
    let knowledge = Knowledge::shipped()?;
    let mut results = Vec::new();
    for coverage_share in [0.4, 0.5, 0.6] {
        for unknown_share in [0.7, 1.0, 1.3] {
            for unknown_power in [0.5, 0.6, 0.8, 1.0] {
                for stopword_share in [0.1, 0.2, 0.35] {
                    for title_bonus in [0.0, 0.1, 0.2] {
                        let t = Tuning {
                            coverage_share,
                            unknown_share,
                            unknown_power,
                            stopword_share,
                            title_bonus,
                            ..Tuning::default()
                        };
                        results.extend(thresholds(&knowledge, t, &cases));
                    }
                }
            }
        }
    }
    results.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (objective, acc, abst, t) in results.iter().take(15) {
        println!("{objective:.3}  acc {acc:.3}  abst {abst:.3}  {t:?}");
    }
    Ok(())
}

/// Scores every threshold pair for one setting of the other knobs.
fn thresholds(k: &Knowledge, base: Tuning, cases: &[Case]) -> Vec<(f64, f64, f64, Tuning)> {
    let mut out = Vec::new();
    for anchored in [0.28, 0.32, 0.36] {
        for topical in [0.32, 0.36, 0.4, 0.45] {
            for unanchored in [0.5, 0.6] {
                let t = Tuning {
                    anchored_threshold: anchored,
                    topical_threshold: topical,
                    unanchored_threshold: unanchored,
                    ..base
                };
                let report = eval::run(&Engine::with_tuning(k.clone(), t), cases);
                let (acc, abst) = (report.accuracy.fraction(), report.abstention.fraction());
                out.push((acc + abst, acc, abst, t));
            }
        }
    }
    out
}
