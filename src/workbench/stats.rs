//! What the bot did over the last days, for `/faq-admin stats` and
//! `knotbot stats`.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;

use super::db::Database;

/// Most entries listed among the most used.
pub const TOP: usize = 10;

#[derive(Debug, Default, Serialize, PartialEq)]
pub struct Stats {
    pub days: u32,
    /// Messages handled: answered, not sure or silent.
    pub questions: u64,
    pub answered: u64,
    pub not_sure: u64,
    pub silent: u64,
    /// Care prompts by sign (the red-flag category's id).
    pub red_flags: BTreeMap<String, u64>,
    pub helpful: u64,
    pub not_helpful: u64,
    /// `helpful / (helpful + not_helpful)`, when anyone voted.
    pub helpful_ratio: Option<f64>,
    pub top_entries: Vec<EntryCount>,
    /// Oldest first, one per day that had questions (UTC dates).
    pub per_day: Vec<Day>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct EntryCount {
    pub id: String,
    pub count: u64,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Day {
    pub date: String,
    pub questions: u64,
    pub answered: u64,
}

impl Stats {
    /// The last `days` days up to `now` (seconds since the epoch).
    pub fn of(db: &Database, days: u32, now: i64) -> rusqlite::Result<Stats> {
        db.read(|c| Stats::query(c, days, now - i64::from(days) * 86_400))
    }

    fn query(c: &Connection, days: u32, since: i64) -> rusqlite::Result<Stats> {
        let mut stats = Stats {
            days,
            ..Stats::default()
        };
        let mut outcomes =
            c.prepare("SELECT outcome, COUNT(*) FROM events WHERE at >= ?1 GROUP BY outcome")?;
        for row in outcomes.query_map([since], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u64>(1)?))
        })? {
            let (outcome, n) = row?;
            stats.questions += n;
            match outcome.as_str() {
                "answered" => stats.answered = n,
                "not-sure" => stats.not_sure = n,
                _ => stats.silent += n,
            }
        }
        let mut flags =
            c.prepare("SELECT red_flags FROM events WHERE at >= ?1 AND red_flags != ''")?;
        for row in flags.query_map([since], |r| r.get::<_, String>(0))? {
            for id in row?.split(',') {
                *stats.red_flags.entry(id.to_string()).or_default() += 1;
            }
        }
        let mut votes =
            c.prepare("SELECT helpful, COUNT(*) FROM votes WHERE at >= ?1 GROUP BY helpful")?;
        for row in votes.query_map([since], |r| Ok((r.get::<_, bool>(0)?, r.get::<_, u64>(1)?)))? {
            match row? {
                (true, n) => stats.helpful = n,
                (false, n) => stats.not_helpful = n,
            }
        }
        let voted = stats.helpful + stats.not_helpful;
        stats.helpful_ratio = (voted > 0).then(|| stats.helpful as f64 / voted as f64);
        let mut top = c.prepare(
            "SELECT entry, COUNT(*) AS n FROM events
             WHERE at >= ?1 AND outcome = 'answered' AND entry IS NOT NULL
             GROUP BY entry ORDER BY n DESC, entry LIMIT ?2",
        )?;
        stats.top_entries = top
            .query_map(rusqlite::params![since, TOP as i64], |r| {
                Ok(EntryCount {
                    id: r.get(0)?,
                    count: r.get(1)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut days = c.prepare(
            "SELECT date(at, 'unixepoch') AS d, COUNT(*), SUM(outcome = 'answered')
             FROM events WHERE at >= ?1 GROUP BY d ORDER BY d",
        )?;
        stats.per_day = days
            .query_map([since], |r| {
                Ok(Day {
                    date: r.get(0)?,
                    questions: r.get(1)?,
                    answered: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(stats)
    }

    /// The figures as lines of text, for the command line.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "last {} days: {} questions, {} answered, {} not sure, {} silent\n",
            self.days, self.questions, self.answered, self.not_sure, self.silent
        );
        let ratio = self.helpful_ratio.map_or("no votes".to_string(), |r| {
            format!("{:.0}% helpful", r * 100.0)
        });
        out += &format!(
            "feedback: {} helpful, {} not what they asked ({ratio})\n",
            self.helpful, self.not_helpful
        );
        if !self.red_flags.is_empty() {
            out += "care prompts by sign:\n";
            for (id, n) in &self.red_flags {
                out += &format!("  {n:>5}  {id}\n");
            }
        }
        if !self.top_entries.is_empty() {
            out += "most used entries:\n";
            for e in &self.top_entries {
                out += &format!("  {:>5}  {}\n", e.count, e.id);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbench::event::{new_token, Event, Outcome, Route};

    fn event(at: i64, outcome: Outcome, entry: Option<&str>, flags: &[&str]) -> Event {
        Event {
            token: new_token(),
            at,
            guild: None,
            channel: None,
            route: Route::HelpChannel,
            outcome,
            entry: entry.map(String::from),
            score: entry.map(|_| 0.8),
            red_flags: flags.iter().map(|f| f.to_string()).collect(),
            question: None,
        }
    }

    #[test]
    fn counts_what_happened_in_the_window_only() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("k.db")).unwrap();
        let now = 1_000 * 86_400;
        let day = 86_400;
        let rows = [
            event(now - 1, Outcome::Answered, Some("sitting"), &[]),
            event(now - 2, Outcome::Answered, Some("sitting"), &["numbness"]),
            event(now - day - 5, Outcome::Answered, Some("foam-rolling"), &[]),
            event(now - 3, Outcome::NotSure, None, &["numbness", "fever"]),
            event(now - 4, Outcome::Silent, None, &[]),
            event(now - 9 * day, Outcome::Answered, Some("old"), &[]),
        ];
        for r in &rows {
            db.insert(r).unwrap();
        }
        db.vote(rows[0].token, 1, true, now - 1).unwrap();
        db.vote(rows[0].token, 2, true, now - 1).unwrap();
        db.vote(rows[1].token, 1, false, now - 1).unwrap();
        let s = Stats::of(&db, 7, now).unwrap();
        assert_eq!(
            (s.questions, s.answered, s.not_sure, s.silent),
            (5, 3, 1, 1)
        );
        assert_eq!(s.red_flags.get("numbness"), Some(&2));
        assert_eq!(s.red_flags.get("fever"), Some(&1));
        assert_eq!((s.helpful, s.not_helpful), (2, 1));
        assert_eq!(
            s.top_entries,
            vec![
                EntryCount {
                    id: "sitting".into(),
                    count: 2
                },
                EntryCount {
                    id: "foam-rolling".into(),
                    count: 1
                }
            ]
        );
        assert_eq!(s.per_day.len(), 2);
        assert_eq!(s.per_day.iter().map(|d| d.questions).sum::<u64>(), 5);
    }
}
