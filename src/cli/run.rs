//! `knotbot run`: start the Discord bot.

use std::path::PathBuf;
use std::process::ExitCode;

use super::EXIT_USAGE;
use knotbot::discord::{ConfigError, Settings};

#[derive(clap::Args)]
pub struct Args {
    /// The configuration file (see config.example.toml); without it, the
    /// defaults and the token from DISCORD_TOKEN.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let env_token = std::env::var(knotbot::discord::config::TOKEN_VAR).ok();
    let settings = match Settings::load(args.config.as_deref(), env_token) {
        Ok(s) => s,
        Err(ConfigError(message)) => {
            eprintln!("knotbot: {message}");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    super::init_logging(&settings.config.log_level);
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(knotbot::discord::run(settings))?;
    Ok(ExitCode::SUCCESS)
}
