//! `knotbot review`: the questions the bot missed or got wrong, grouped,
//! that the knowledge still does not answer.

use std::process::ExitCode;

use super::stats::DbArgs;
use super::{report_problems, KnowledgeArg};
use knotbot::workbench::review;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    knowledge: KnowledgeArg,
    /// The help channels' confidence bar: a question now answered at least
    /// this surely no longer needs review.
    #[arg(long, default_value_t = 0.55, value_name = "SCORE")]
    bar: f32,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let k = match args.knowledge.load() {
        Ok(k) => k,
        Err(e) => return Ok(report_problems(&e)),
    };
    let engine = knotbot::Engine::new(k);
    let db = args.db.open()?;
    let missed = review::missed(&db, args.db.days, knotbot::workbench::now())?;
    let groups = review::groups(&engine, &missed, args.bar);
    if args.db.json {
        println!(
            "{}",
            serde_json::json!({ "days": args.db.days, "groups": groups })
        );
        return Ok(ExitCode::SUCCESS);
    }
    if groups.is_empty() {
        println!("Nothing to review in the last {} days.", args.db.days);
    }
    for (i, g) in groups.iter().enumerate() {
        println!(
            "{}. \"{}\" ×{} ({} not what they asked)",
            i + 1,
            g.question,
            g.count,
            g.unhelpful
        );
        for e in &g.examples {
            println!("     also: \"{e}\"");
        }
        let ids: Vec<&str> = g.candidates.iter().map(|(id, _)| id.as_str()).collect();
        if !ids.is_empty() {
            println!("     closest entries: {}", ids.join(", "));
        }
    }
    Ok(ExitCode::SUCCESS)
}
