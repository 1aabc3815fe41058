//! Picks up knowledge files changed on disk (a moderator's git pull)
//! without a restart. A broken file keeps the last good knowledge serving;
//! the problem is logged and reported in the moderators' log channels
//! (the config's and each server's own).

use std::sync::Arc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use poise::serenity_prelude as serenity;
use tokio::sync::mpsc;

use super::render;
use super::servers::Servers;
use crate::store::{Reload, Store};

/// Changes usually come in bursts (an editor's save, a pull touching
/// several files): wait for a quiet moment before reloading.
const SETTLE: Duration = Duration::from_millis(300);

/// Starts watching; the returned watcher must be kept alive.
pub fn start(
    store: Arc<Store>,
    http: Arc<serenity::Http>,
    servers: Arc<Servers>,
) -> notify::Result<notify::RecommendedWatcher> {
    let (tx, rx) = mpsc::unbounded_channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            // Our own reads show up as access events; only a write,
            // create, rename or removal can change the knowledge.
            let changes = !matches!(event.kind, notify::EventKind::Access(_));
            if changes && event.paths.iter().any(|p| is_knowledge_file(p)) {
                let _ = tx.send(());
            }
        }
    })?;
    watcher.watch(store.dir(), RecursiveMode::NonRecursive)?;
    tokio::spawn(reload_loop(store, http, servers, rx));
    Ok(watcher)
}

/// A `.toml` file, not one of our own temporary files.
fn is_knowledge_file(path: &std::path::Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".toml") && !name.starts_with('.')
}

async fn reload_loop(
    store: Arc<Store>,
    http: Arc<serenity::Http>,
    servers: Arc<Servers>,
    mut rx: mpsc::UnboundedReceiver<()>,
) {
    while rx.recv().await.is_some() {
        // Drain the burst.
        while let Ok(Some(())) = tokio::time::timeout(SETTLE, rx.recv()).await {}
        let s = store.clone();
        let outcome = match tokio::task::spawn_blocking(move || s.reload()).await {
            Ok(outcome) => outcome,
            Err(e) => {
                tracing::error!("knowledge reload task failed: {e}");
                continue;
            }
        };
        match outcome {
            Reload::Reloaded => tracing::info!("knowledge reloaded from disk"),
            Reload::Unchanged => {}
            // Once per broken state: `reload` answers `Unchanged` until the
            // files change again.
            Reload::Broken(problems) => {
                let text = problems.to_string();
                tracing::error!(
                    "knowledge on disk has problems; still serving the last good version:\n{text}"
                );
                for channel in servers.log_channels() {
                    report(&http, serenity::ChannelId::new(channel), &text).await;
                }
            }
        }
    }
}

async fn report(http: &serenity::Http, channel: serenity::ChannelId, problems: &str) {
    let body: String = problems.chars().take(3500).collect();
    let text = format!("**The knowledge files on disk have problems**, so I'm still answering from the last good version. Fix these and save again:\n```\n{body}\n```");
    let message = serenity::CreateMessage::new()
        .content(text)
        .allowed_mentions(render::no_pings());
    if let Err(e) = channel.send_message(http, message).await {
        tracing::warn!("could not report to the log channel: {e}");
    }
}
