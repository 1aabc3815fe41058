//! Back-pressure for answers to members' messages. Serenity starts a task
//! for every gateway event, and a task that waited to send its reply held
//! the whole event and poise's state meanwhile: a burst of 10,000 messages
//! took the bot from 22 to over 190 MiB. Here a message handler decides
//! whether to answer, queues a small job (ids and the question's text) and
//! returns at once; one sender sends at most [`IN_FLIGHT`] replies at a
//! time. When [`QUEUE`] jobs wait, a question without a warning sign is
//! skipped (and counted in the log), so no burst can grow memory without
//! bound; a message with a warning sign waits for room and always gets its
//! care prompt.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use poise::serenity_prelude as serenity;
use tokio::sync::{mpsc, Semaphore};

use super::config::ReplyMode;
use super::render;
use crate::store::SharedEngine;

/// Replies being sent at once: enough to keep Discord's rate limits the
/// bottleneck, few enough that their requests' buffers stay small.
pub const IN_FLIGHT: usize = 32;
/// Jobs that may wait. Each is a few hundred bytes, so a full queue is a
/// few MiB, and far more than a real server's help channels see at once.
pub const QUEUE: usize = 20_000;

/// One answer to send: where, in reply to what, and the question, which is
/// answered again when its turn comes (in microseconds) rather than keeping
/// the whole reply in the queue.
pub struct Job {
    pub channel: serenity::ChannelId,
    pub message: serenity::MessageId,
    pub question: String,
    /// The subject of the answer this question follows up, if any.
    pub previous: Option<String>,
    pub mode: ReplyMode,
    /// The workbench's token for the feedback buttons, if recorded.
    pub feedback: Option<i64>,
}

pub struct Outbox {
    jobs: mpsc::Sender<Job>,
    skipped: AtomicUsize,
}

impl Outbox {
    /// Starts the sender, which answers from `engine` through `http`.
    pub fn start(http: Arc<serenity::Http>, engine: SharedEngine) -> Outbox {
        let (outbox, queue) = Outbox::with_queue(QUEUE);
        tokio::spawn(send_all(queue, http, engine));
        outbox
    }

    /// An outbox and the queue it fills, holding at most `capacity` jobs.
    fn with_queue(capacity: usize) -> (Outbox, mpsc::Receiver<Job>) {
        let (jobs, queue) = mpsc::channel(capacity);
        let outbox = Outbox {
            jobs,
            skipped: AtomicUsize::new(0),
        };
        (outbox, queue)
    }

    /// Queues `job`. A full queue skips it unless it is `urgent` (carries
    /// a care prompt), which waits for room.
    pub async fn post(&self, job: Job, urgent: bool) {
        let job = match self.jobs.try_send(job) {
            Ok(()) => return,
            Err(mpsc::error::TrySendError::Full(job)) if urgent => job,
            Err(mpsc::error::TrySendError::Full(_)) => {
                let skipped = self.skipped.fetch_add(1, Ordering::Relaxed) + 1;
                // One line per thousand, not one per message of the flood.
                if skipped % 1000 == 1 {
                    tracing::warn!(
                        skipped,
                        "too many messages at once: skipping questions without warning signs"
                    );
                }
                return;
            }
            Err(mpsc::error::TrySendError::Closed(_)) => {
                tracing::error!("the answer sender has stopped");
                return;
            }
        };
        if self.jobs.send(job).await.is_err() {
            tracing::error!("the answer sender has stopped");
        }
    }
}

async fn send_all(mut queue: mpsc::Receiver<Job>, http: Arc<serenity::Http>, engine: SharedEngine) {
    let turns = Arc::new(Semaphore::new(IN_FLIGHT));
    while let Some(job) = queue.recv().await {
        let Ok(turn) = turns.clone().acquire_owned().await else {
            return;
        };
        let (http, engine) = (http.clone(), engine.clone());
        tokio::spawn(async move {
            send(&http, &engine, job).await;
            drop(turn);
        });
    }
}

/// Sends the answer; if Discord refuses it and it carries a care prompt,
/// sends the prompt alone as plain text, which has nothing Discord could
/// refuse.
async fn send(http: &serenity::Http, engine: &SharedEngine, job: Job) {
    let reply = engine
        .load()
        .answer_after(&job.question, job.previous.as_deref());
    let out = serenity::CreateMessage::new()
        .embed(render::reply_embed(&reply))
        .components(render::reply_components(&reply, job.feedback));
    let Err(e) = post(http, &job, out).await else {
        return;
    };
    // Discord failing to take one message must not stop the bot.
    tracing::warn!(channel = %job.channel, "could not post an answer: {e}");
    if let Some(prompt) = render::plain_care_prompt(&reply) {
        let plain = serenity::CreateMessage::new().content(prompt);
        if let Err(e) = post(http, &job, plain).await {
            tracing::warn!(channel = %job.channel, "could not post the care prompt either: {e}");
        }
    }
}

/// Sends `out` in answer to the job's message, as a reply or a plain
/// message.
async fn post(
    http: &serenity::Http,
    job: &Job,
    out: serenity::CreateMessage,
) -> Result<serenity::Message, serenity::Error> {
    let out = match job.mode {
        ReplyMode::Reply => out
            .reference_message((job.channel, job.message))
            .allowed_mentions(render::reply_ping_only()),
        ReplyMode::Message => out.allowed_mentions(render::no_pings()),
    };
    job.channel.send_message(http, out).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(n: u64) -> Job {
        Job {
            channel: serenity::ChannelId::new(1),
            message: serenity::MessageId::new(n),
            question: format!("question {n}"),
            previous: None,
            mode: ReplyMode::Reply,
            feedback: None,
        }
    }

    #[tokio::test]
    async fn a_full_queue_skips_plain_questions_but_never_a_warning_sign() {
        let (outbox, mut queue) = Outbox::with_queue(2);
        outbox.post(job(1), false).await;
        outbox.post(job(2), false).await;
        // Full: a plain question is skipped at once...
        outbox.post(job(3), false).await;
        assert_eq!(outbox.skipped.load(Ordering::Relaxed), 1);
        // ...a warning sign waits for room.
        let outbox = Arc::new(outbox);
        let o = outbox.clone();
        let urgent = tokio::spawn(async move { o.post(job(4), true).await });
        let taken: Vec<u64> = [queue.recv().await, queue.recv().await, queue.recv().await]
            .into_iter()
            .map(|j| j.unwrap().message.get())
            .collect();
        urgent.await.unwrap();
        assert_eq!(taken, [1, 2, 4]);
        assert_eq!(outbox.skipped.load(Ordering::Relaxed), 1);
    }
}
