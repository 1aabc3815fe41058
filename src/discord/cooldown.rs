//! Cooldowns that stop the bot answering the same thing over and over:
//! per member, and per channel for the same entry.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    Member(u64),
    ChannelEntry(u64, String),
}

pub struct Cooldowns {
    member: Duration,
    channel: Duration,
    last: Mutex<HashMap<Key, Instant>>,
}

/// Past this many remembered keys, expired ones are dropped.
const PRUNE_AT: usize = 10_000;

impl Cooldowns {
    pub fn new(member: Duration, channel: Duration) -> Cooldowns {
        Cooldowns {
            member,
            channel,
            last: Mutex::new(HashMap::new()),
        }
    }

    /// Whether an answer may go out now; if so, it is recorded as sent.
    /// The member's and the channel's cooldown must both have passed.
    pub fn try_answer(&self, member: u64, channel: u64, entry: Option<&str>, now: Instant) -> bool {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        let mut keys = vec![(Key::Member(member), self.member)];
        if let Some(id) = entry {
            keys.push((Key::ChannelEntry(channel, id.to_string()), self.channel));
        }
        let cooling = keys
            .iter()
            .any(|(k, wait)| last.get(k).is_some_and(|t| now.duration_since(*t) < *wait));
        if cooling {
            return false;
        }
        if last.len() > PRUNE_AT {
            let longest = self.member.max(self.channel);
            last.retain(|_, t| now.duration_since(*t) < longest);
        }
        for (k, _) in keys {
            last.insert(k, now);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_and_channel_cooldowns() {
        let c = Cooldowns::new(Duration::from_secs(10), Duration::from_secs(60));
        let t0 = Instant::now();
        assert!(c.try_answer(1, 100, Some("sitting"), t0));
        assert!(
            !c.try_answer(1, 100, Some("causes"), t0 + Duration::from_secs(5)),
            "member cooling down"
        );
        assert!(
            !c.try_answer(2, 100, Some("sitting"), t0 + Duration::from_secs(5)),
            "same entry, same channel"
        );
        assert!(
            c.try_answer(2, 100, Some("causes"), t0 + Duration::from_secs(5)),
            "another entry is fine"
        );
        assert!(
            c.try_answer(3, 200, Some("sitting"), t0 + Duration::from_secs(5)),
            "another channel is fine"
        );
        assert!(c.try_answer(1, 100, Some("stretching"), t0 + Duration::from_secs(11)));
        assert!(c.try_answer(4, 100, Some("sitting"), t0 + Duration::from_secs(61)));
    }
}
