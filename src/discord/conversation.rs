//! Follow-ups. For a few minutes after the bot answers a member in a
//! channel or thread, it remembers the subject (the answered entry's
//! title), so that the member's "how long does that usually take?" is read
//! with it. A reply to one of the bot's answers carries its subject in the
//! answer itself, so that needs no memory. Held in memory only, bounded,
//! and forgotten at a restart.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most conversations remembered at once.
const LIMIT: usize = 10_000;

pub struct Conversations {
    window: Duration,
    last: Mutex<HashMap<(u64, u64), (String, Instant)>>,
}

impl Conversations {
    /// Remembers subjects for `window`; a zero window remembers nothing.
    pub fn new(window: Duration) -> Conversations {
        Conversations {
            window,
            last: Mutex::default(),
        }
    }

    /// The member's last answered subject in `channel`, if recent enough.
    pub fn subject(&self, channel: u64, member: u64, now: Instant) -> Option<String> {
        let last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        let (subject, at) = last.get(&(channel, member))?;
        (now.duration_since(*at) <= self.window).then(|| subject.clone())
    }

    /// The bot answered `member` in `channel` about `subject`.
    pub fn answered(&self, channel: u64, member: u64, subject: &str, now: Instant) {
        if self.window.is_zero() {
            return;
        }
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if last.len() >= LIMIT {
            let window = self.window;
            last.retain(|_, (_, at)| now.duration_since(*at) <= window);
            if last.len() >= LIMIT {
                let any = *last.keys().next().expect("a full map has a key");
                last.remove(&any);
            }
        }
        last.insert((channel, member), (subject.to_string(), now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_is_kept_for_the_window_per_member_and_channel() {
        let c = Conversations::new(Duration::from_secs(300));
        let t = Instant::now();
        c.answered(1, 7, "Heat or ice?", t);
        assert_eq!(
            c.subject(1, 7, t + Duration::from_secs(299)).as_deref(),
            Some("Heat or ice?")
        );
        assert_eq!(
            c.subject(1, 7, t + Duration::from_secs(301)),
            None,
            "after the window"
        );
        assert_eq!(c.subject(2, 7, t), None, "another channel");
        assert_eq!(c.subject(1, 8, t), None, "another member");
        let off = Conversations::new(Duration::ZERO);
        off.answered(1, 7, "x", t);
        assert_eq!(off.subject(1, 7, t), None);
    }

    #[test]
    fn memory_stays_bounded() {
        let c = Conversations::new(Duration::from_secs(300));
        let t = Instant::now();
        for i in 0..(LIMIT as u64 + 50) {
            c.answered(i, 1, "s", t);
        }
        assert!(c.last.lock().unwrap().len() <= LIMIT);
    }
}
