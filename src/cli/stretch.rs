//! `knotbot stretch`: the stretch of the day for a date (default today).

use std::process::ExitCode;

use chrono::NaiveDate;

use super::{report_problems, KnowledgeArg};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    knowledge: KnowledgeArg,
    /// The date, as YYYY-MM-DD (default: today, local time).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<NaiveDate>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let k = match args.knowledge.load() {
        Ok(k) => k,
        Err(e) => return Ok(report_problems(&e)),
    };
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let s = knotbot::stretch::of_the_day(&k.stretches, date);
    println!("Stretch of the day, {date}: {}\n", s.id);
    println!("{}", knotbot::stretch::render(s));
    Ok(ExitCode::SUCCESS)
}
