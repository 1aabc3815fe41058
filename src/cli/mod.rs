//! The `knotbot` command line: one file per subcommand.

mod ask;
mod check;
mod eval;
mod review;
#[cfg(feature = "discord")]
mod run;
mod stats;
mod stretch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use knotbot::knowledge::{Knowledge, KnowledgeError};

#[derive(Parser)]
#[command(
    name = "knotbot",
    version,
    about = "Answers questions about glute muscle knots, on Discord or here."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Answer a question (or each line of standard input) as the bot would.
    Ask(ask::Args),
    /// Validate the knowledge files.
    Check(check::Args),
    /// Run an evaluation set and print the four rates and every miss.
    Eval(eval::Args),
    /// Print the stretch of the day.
    Stretch(stretch::Args),
    /// What the bot did over the last days, from its database.
    Stats(stats::Args),
    /// The questions the bot missed or got wrong, grouped, for moderators.
    Review(review::Args),
    /// Start the Discord bot (token from DISCORD_TOKEN).
    #[cfg(feature = "discord")]
    Run(run::Args),
}

/// Where knowledge comes from: a directory, or the copy in the binary.
#[derive(clap::Args, Clone)]
pub struct KnowledgeArg {
    /// Knowledge directory (default: the knowledge compiled into knotbot).
    #[arg(long, value_name = "DIR")]
    knowledge: Option<PathBuf>,
}

impl KnowledgeArg {
    pub fn load(&self) -> Result<Knowledge, KnowledgeError> {
        self.sources().and_then(|s| Knowledge::from_sources(&s))
    }

    /// The engine of this knowledge, validated while it is built.
    pub fn engine(&self) -> Result<knotbot::Engine, KnowledgeError> {
        self.sources().and_then(|s| knotbot::Engine::load(&s))
    }

    /// The knowledge files' texts, from the directory or the binary.
    pub fn sources(&self) -> Result<knotbot::knowledge::Sources, KnowledgeError> {
        match &self.knowledge {
            Some(dir) => knotbot::knowledge::Sources::read_dir(dir),
            None => Ok(knotbot::knowledge::Sources::embedded()),
        }
    }

    pub fn dir(&self) -> Option<&Path> {
        self.knowledge.as_deref()
    }
}

/// Exit status for a knowledge base with problems.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status for bad arguments or unreadable input files.
pub const EXIT_USAGE: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        #[cfg(feature = "discord")]
        Command::Run(args) => run::run(args),
        Command::Ask(args) => with_logging(|| ask::run(args)),
        Command::Check(args) => with_logging(|| check::run(args)),
        Command::Eval(args) => with_logging(|| eval::run(args)),
        Command::Stretch(args) => with_logging(|| stretch::run(args)),
        Command::Stats(args) => with_logging(|| stats::run(args)),
        Command::Review(args) => with_logging(|| review::run(args)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("knotbot: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Prints each knowledge problem as `file:line: message`.
pub fn report_problems(e: &KnowledgeError) -> ExitCode {
    for p in &e.0 {
        eprintln!("{p}");
    }
    eprintln!(
        "knotbot: the knowledge has {} problem(s); nothing was loaded",
        e.0.len()
    );
    ExitCode::from(EXIT_PROBLEMS)
}

/// The offline commands log warnings only, unless `RUST_LOG` says more;
/// `run` sets up logging from its config instead.
fn with_logging(command: impl FnOnce() -> anyhow::Result<ExitCode>) -> anyhow::Result<ExitCode> {
    init_logging("warn");
    command()
}

/// Logs to standard error. `level` applies to knotbot's own messages;
/// libraries log warnings only, because serenity's debug logs carry
/// interaction tokens and request bodies. `RUST_LOG` overrides both.
pub fn init_logging(level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("warn,knotbot={level}")));
    // Colour codes only on a terminal, not in a log file.
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(colour)
        .with_writer(std::io::stderr)
        .init();
}
