//! `knotbot eval`: the four rates of an evaluation set, and every miss.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{report_problems, KnowledgeArg};
use knotbot::engine::Engine;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    knowledge: KnowledgeArg,
    /// The evaluation set (`[[case]]` tables with `q`, `expect`, `red_flag`).
    file: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let cases = knotbot::eval::load(&args.file)?;
    let engine = match args.knowledge.load() {
        Ok(k) => Engine::new(k),
        Err(e) => return Ok(report_problems(&e)),
    };
    let report = knotbot::eval::run(&engine, &cases);
    print!("{report}");
    Ok(ExitCode::SUCCESS)
}
