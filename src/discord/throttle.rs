//! Back-pressure for members' messages. Serenity starts a task for every
//! gateway event, so a burst of thousands of messages would otherwise have
//! thousands of replies in flight at once, each holding its request and a
//! connection's buffers: memory grew by about 20 KiB an event. Here at most
//! [`IN_FLIGHT`] replies are being sent at a time; the rest wait, holding
//! only their message. Past [`MAX_WAITING`] waiting, a message without a
//! warning sign is skipped (and counted in the log) so that no burst can
//! grow memory without bound; a message with a warning sign always waits
//! its turn and gets its care prompt.

use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{Semaphore, SemaphorePermit};

/// Replies being sent at once: enough to keep Discord's rate limits the
/// bottleneck, few enough that their buffers stay small.
pub const IN_FLIGHT: usize = 32;
/// Messages waiting for a turn before plain questions are skipped. At a
/// few KiB each this is tens of MiB at worst, and far more than a real
/// server's help channels see at once.
pub const MAX_WAITING: usize = 20_000;

pub struct Throttle {
    turns: Semaphore,
    waiting: AtomicUsize,
    skipped: AtomicUsize,
    max_waiting: usize,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle::new(IN_FLIGHT, MAX_WAITING)
    }
}

impl Throttle {
    pub fn new(in_flight: usize, max_waiting: usize) -> Throttle {
        Throttle {
            turns: Semaphore::new(in_flight),
            waiting: AtomicUsize::new(0),
            skipped: AtomicUsize::new(0),
            max_waiting,
        }
    }

    /// Waits for a turn to send a reply; `None` when the queue is full and
    /// the reply is not `urgent` (carries no care prompt).
    pub async fn turn(&self, urgent: bool) -> Option<SemaphorePermit<'_>> {
        if let Ok(permit) = self.turns.try_acquire() {
            return Some(permit);
        }
        let ahead = self.waiting.fetch_add(1, Ordering::SeqCst);
        let _leave = Leave(&self.waiting);
        if ahead >= self.max_waiting && !urgent {
            let skipped = self.skipped.fetch_add(1, Ordering::Relaxed) + 1;
            // One line per thousand, not one per message of the flood.
            if skipped % 1000 == 1 {
                tracing::warn!(
                    skipped,
                    waiting = ahead,
                    "too many messages at once: skipping questions without warning signs"
                );
            }
            return None;
        }
        self.turns.acquire().await.ok()
    }
}

/// Takes a waiting message off the count however its wait ends.
struct Leave<'a>(&'a AtomicUsize);

impl Drop for Leave<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_queue_skips_plain_questions_but_never_a_warning_sign() {
        let throttle = std::sync::Arc::new(Throttle::new(1, 1));
        let busy = throttle.turn(false).await.expect("a free turn");
        // One waits...
        let t = throttle.clone();
        let first = tokio::spawn(async move { t.turn(false).await.is_some() });
        while throttle.waiting.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        // ...so the queue is full: a plain question is skipped at once,
        let skipped = throttle.turn(false).await;
        assert!(skipped.is_none());
        // a warning sign waits its turn.
        let t = throttle.clone();
        let urgent = tokio::spawn(async move { t.turn(true).await.is_some() });
        drop(busy);
        assert!(first.await.unwrap());
        assert!(urgent.await.unwrap());
        assert_eq!(throttle.waiting.load(Ordering::SeqCst), 0);
    }
}
