//! Forms and confirmation buttons waiting for one member's answer.
//!
//! They live in the bot's data, not on a gateway connection: serenity's own
//! collectors belong to one connection, so an answer arriving after a
//! reconnect with a new session would never reach the command waiting for
//! it, and a moderator's edit would vanish without a word. Only the member
//! who was asked can answer.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use poise::serenity_prelude as serenity;
use tokio::sync::mpsc;

struct Waiter {
    member: serenity::UserId,
    answer: mpsc::Sender<serenity::Interaction>,
}

#[derive(Default)]
pub struct Pending {
    by_custom_id: Mutex<HashMap<String, Waiter>>,
}

impl Pending {
    /// Waits up to `limit` for `member` to use any of `custom_ids`.
    pub async fn wait(
        &self,
        custom_ids: &[String],
        member: serenity::UserId,
        limit: Duration,
        ask: impl std::future::Future<Output = Result<(), serenity::Error>>,
    ) -> Result<Option<serenity::Interaction>, serenity::Error> {
        let (tx, mut rx) = mpsc::channel(1);
        {
            let mut waiting = self.lock();
            for id in custom_ids {
                waiting.insert(
                    id.clone(),
                    Waiter {
                        member,
                        answer: tx.clone(),
                    },
                );
            }
        }
        // Registered before asking, so even an instant answer is caught.
        let asked = ask.await;
        let answer = match asked {
            Ok(()) => tokio::time::timeout(limit, rx.recv()).await.ok().flatten(),
            Err(_) => None,
        };
        let mut waiting = self.lock();
        for id in custom_ids {
            waiting.remove(id);
        }
        asked.map(|()| answer)
    }

    /// Hands `interaction` to the command waiting for `custom_id` from
    /// `member`; false when nobody waits for it from them.
    pub fn deliver(
        &self,
        custom_id: &str,
        member: serenity::UserId,
        interaction: serenity::Interaction,
    ) -> bool {
        let waiting = self.lock();
        match waiting.get(custom_id) {
            Some(w) if w.member == member => w.answer.try_send(interaction).is_ok(),
            _ => false,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Waiter>> {
        self.by_custom_id.lock().unwrap_or_else(|p| p.into_inner())
    }
}
