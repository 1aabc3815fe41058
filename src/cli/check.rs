//! `knotbot check`: validate the knowledge, and optionally that it covers
//! every id a coverage file requires.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Deserialize;

use super::{report_problems, KnowledgeArg, EXIT_PROBLEMS};
use knotbot::knowledge::{line_at, Knowledge};
use knotbot::Engine;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    knowledge: KnowledgeArg,
    /// A coverage file (`[[faq]]`, `[[topic]]`, `[[red_flag]]`,
    /// `[[stretch]]` tables with `id`) whose ids must all exist.
    #[arg(long, value_name = "FILE")]
    coverage: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let engine = args.knowledge.sources().and_then(|sources| {
        let knowledge = Knowledge::from_sources(&sources)?;
        Engine::checked(
            knowledge,
            &sources
                .get(knotbot::knowledge::KnowledgeFile::RedFlags)
                .name,
        )
    });
    let engine = match engine {
        Ok(engine) => engine,
        Err(e) => return Ok(report_problems(&e)),
    };
    let k = engine.knowledge();
    if let Some(path) = &args.coverage {
        let missing = missing_ids(k, path)?;
        if !missing.is_empty() {
            for m in &missing {
                eprintln!("{m}");
            }
            eprintln!("knotbot: {} required id(s) missing", missing.len());
            return Ok(ExitCode::from(EXIT_PROBLEMS));
        }
    }
    let where_from = args
        .knowledge
        .dir()
        .map_or("the built-in knowledge".to_string(), |d| {
            d.display().to_string()
        });
    let faqs = k
        .entries
        .iter()
        .filter(|e| e.kind == knotbot::knowledge::EntryKind::Faq)
        .count();
    println!(
        "{where_from}: clean ({faqs} FAQ entries, {} topics, {} red-flag categories, {} stretches)",
        k.entries.len() - faqs,
        k.red_flags.categories.len(),
        k.stretches.len()
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Deserialize)]
struct Coverage {
    #[serde(default)]
    faq: Vec<Required>,
    #[serde(default)]
    topic: Vec<Required>,
    #[serde(default)]
    red_flag: Vec<Required>,
    #[serde(default)]
    stretch: Vec<Required>,
}

#[derive(Deserialize)]
struct Required {
    id: toml::Spanned<String>,
}

/// `file:line: message` for each required id the knowledge lacks.
fn missing_ids(k: &Knowledge, path: &Path) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
    let coverage: Coverage = knotbot::knowledge::parse_toml(&path.display().to_string(), &text)
        .map_err(|p| anyhow::anyhow!("{p}"))?;
    let known: Vec<&str> = k.all_ids().collect();
    let required = coverage
        .faq
        .iter()
        .chain(&coverage.topic)
        .chain(&coverage.red_flag)
        .chain(&coverage.stretch);
    Ok(required
        .filter(|r| !known.contains(&r.id.get_ref().as_str()))
        .map(|r| {
            format!(
                "{}:{}: id \"{}\" is missing from the knowledge",
                path.display(),
                line_at(&text, r.id.span().start),
                r.id.get_ref()
            )
        })
        .collect())
}
