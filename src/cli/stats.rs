//! `knotbot stats`: what the bot did over the last days, from its database.

use std::path::PathBuf;
use std::process::ExitCode;

use knotbot::workbench::stats::Stats;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
}

/// The database and the window, shared by `stats` and `review`.
#[derive(clap::Args)]
pub struct DbArgs {
    /// The bot's database file (`database` in its config).
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// How many days back to look.
    #[arg(long, default_value_t = 7, value_name = "N")]
    pub days: u32,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

impl DbArgs {
    /// Opens the database; a missing file is an error here, not a new one.
    pub fn open(&self) -> anyhow::Result<knotbot::workbench::Database> {
        if !self.db.is_file() {
            anyhow::bail!("there is no database at {}", self.db.display());
        }
        Ok(knotbot::workbench::Database::open(&self.db)?)
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let db = args.db.open()?;
    let stats = Stats::of(&db, args.db.days, knotbot::workbench::now())?;
    if args.db.json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
    } else {
        print!("{}", stats.to_text());
    }
    Ok(ExitCode::SUCCESS)
}
