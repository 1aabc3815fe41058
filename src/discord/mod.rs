//! The Discord adapter: a thin layer over the engine. Commands are poise
//! commands (one file each under `commands/`), ordinary messages and button
//! clicks are gateway events (under `events/`); everything they say comes
//! from `Engine::answer` and is shaped by `render`.

mod chart;
mod commands;
pub mod config;
mod conversation;
mod cooldown;
mod daily;
mod data;
mod entry_form;
mod events;
mod outbox;
mod pending;
mod permissions;
mod render;
mod servers;
mod watch;
mod workbench;

use std::sync::Arc;
use std::time::Duration;

use poise::serenity_prelude as serenity;

pub use config::{ConfigError, Settings};

use data::{Data, Error, MemberError};

/// How long shutdown may take before the process just exits: serenity's
/// `shutdown_all` can hang while a shard is reconnecting.
const SHUTDOWN_LIMIT: Duration = Duration::from_secs(5);

/// Runs the bot until Ctrl-C or SIGTERM.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    if settings.token_file_readable {
        tracing::warn!("the config file holds the bot token and other users can read it: chmod 600 it, or use DISCORD_TOKEN instead");
    }
    let store = Arc::new(
        crate::store::Store::open(&settings.config.knowledge).map_err(|e| {
            anyhow::anyhow!(
                "the knowledge in {} has problems:\n{e}",
                settings.config.knowledge.display()
            )
        })?,
    );
    let settings = Arc::new(settings);
    let workbench = workbench::Workbench::open(&settings).map(Arc::new);
    let servers = Arc::new(servers::Servers::load(
        &settings,
        workbench.as_ref().map(|w| w.db.clone()),
    ));
    let http = http_client(&settings);
    let framework = framework(settings.clone(), store.clone(), workbench, servers.clone());
    let mut client = serenity::ClientBuilder::new_with_http(http, intents(&settings.config))
        .framework(framework)
        .await?;
    let _watcher = watch::start(store.clone(), client.http.clone(), servers)
        .map_err(|e| tracing::warn!("not watching the knowledge directory for changes: {e}"))
        .ok();
    spawn_shutdown(client.shard_manager.clone());
    let result = match settings.shards {
        config::Shards::Single => client.start().await,
        config::Shards::Auto => client.start_autosharded().await,
        config::Shards::Range { first, last, total } => {
            client.start_shard_range(first..last + 1, total).await
        }
    };
    result.map_err(|e| anyhow::anyhow!("the Discord connection ended: {e}"))
}

/// The HTTP client, pointed at another API base when configured (tests
/// run against a local Discord); its rate limiter is then off, since that
/// server has no limits to respect.
fn http_client(settings: &Settings) -> serenity::Http {
    let builder = serenity::HttpBuilder::new(&settings.token);
    match &settings.config.api_base {
        Some(base) => builder
            .proxy(base.trim_end_matches('/'))
            .ratelimiter_disabled(true)
            .build(),
        None => builder.build(),
    }
}

fn intents(config: &config::Config) -> serenity::GatewayIntents {
    let base = serenity::GatewayIntents::GUILDS;
    if config.answering.free_text {
        base | serenity::GatewayIntents::GUILD_MESSAGES
            | serenity::GatewayIntents::DIRECT_MESSAGES
            | serenity::GatewayIntents::MESSAGE_CONTENT
    } else {
        base
    }
}

fn framework(
    settings: Arc<Settings>,
    store: Arc<crate::store::Store>,
    workbench: Option<Arc<workbench::Workbench>>,
    servers: Arc<servers::Servers>,
) -> poise::Framework<Data, Error> {
    let options = poise::FrameworkOptions {
        commands: commands::all(),
        on_error: |e| Box::pin(on_error(e)),
        event_handler: |framework, event| {
            Box::pin(events::handle(
                framework.serenity_context,
                event,
                framework.user_data,
            ))
        },
        // Set once for every command reply: nobody is ever pinged.
        allowed_mentions: Some(render::no_pings()),
        initialize_owners: false,
        // No prefix commands: a mention is a question, not a command.
        prefix_options: poise::PrefixFrameworkOptions {
            mention_as_prefix: false,
            ..Default::default()
        },
        ..Default::default()
    };
    poise::Framework::builder()
        .options(options)
        .setup(move |ctx, _ready, framework| {
            Box::pin(async move {
                register(
                    ctx,
                    &framework.options().commands,
                    settings.config.commands.guild_id,
                )
                .await?;
                let poster = daily::Poster {
                    state_file: settings.config.state_file.clone(),
                    store: store.clone(),
                    servers: servers.clone(),
                };
                tokio::spawn(poster.run(ctx.http.clone()));
                let a = &settings.config.answering;
                let cooldowns = cooldown::Cooldowns::new(
                    Duration::from_secs(a.member_cooldown_seconds),
                    Duration::from_secs(a.channel_cooldown_seconds),
                );
                let outbox = outbox::Outbox::start(ctx.http.clone(), store.engine());
                let conversations =
                    conversation::Conversations::new(Duration::from_secs(a.follow_up_seconds));
                Ok(Data {
                    store,
                    settings,
                    cooldowns,
                    pending: pending::Pending::default(),
                    outbox,
                    conversations,
                    workbench,
                    servers,
                })
            })
        })
        .build()
}

async fn register(
    ctx: &serenity::Context,
    commands: &[poise::Command<Data, Error>],
    guild: Option<u64>,
) -> Result<(), Error> {
    match guild {
        Some(id) => {
            poise::builtins::register_in_guild(ctx, commands, serenity::GuildId::new(id)).await?
        }
        None => poise::builtins::register_globally(ctx, commands).await?,
    }
    tracing::info!(count = commands.len(), guild = ?guild, "slash commands registered");
    Ok(())
}

/// Member errors go back to the member, privately; anything else is
/// logged in full and answered with a short apology.
async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => {
            let text = match error.downcast_ref::<MemberError>() {
                Some(m) => m.0.clone(),
                None => {
                    tracing::error!(command = %ctx.command().qualified_name, "command failed: {error:#}");
                    "Sorry, something went wrong on my side. The moderators can find the details in the bot's log.".to_string()
                }
            };
            tell(ctx, text).await;
        }
        poise::FrameworkError::CommandCheckFailed { ctx, error, .. } => {
            let text = match error.as_ref().and_then(|e| e.downcast_ref::<MemberError>()) {
                Some(m) => m.0.clone(),
                None => {
                    if let Some(e) = error {
                        tracing::error!("permission check failed: {e:#}");
                    }
                    permissions::NOT_A_MODERATOR.to_string()
                }
            };
            tell(ctx, text).await;
        }
        poise::FrameworkError::GuildOnly { ctx, .. } => {
            tell(ctx, "That only works in a server.".to_string()).await
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::error!("while handling an error: {e}");
            }
        }
    }
}

async fn tell(ctx: data::Context<'_>, text: String) {
    let reply = poise::CreateReply::default().content(text).ephemeral(true);
    if let Err(e) = ctx.send(reply).await {
        tracing::warn!("could not tell the member about an error: {e}");
    }
}

/// Ctrl-C or SIGTERM: close the shards cleanly, but never wait forever.
fn spawn_shutdown(shards: Arc<serenity::ShardManager>) {
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("shutting down");
        if tokio::time::timeout(SHUTDOWN_LIMIT, shards.shutdown_all())
            .await
            .is_err()
        {
            tracing::warn!("shards did not close within {SHUTDOWN_LIMIT:?}; exiting anyway");
        }
        std::process::exit(0);
    });
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("a SIGTERM handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
