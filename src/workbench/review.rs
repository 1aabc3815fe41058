//! What moderators review: the questions the bot missed or got wrong, the
//! same question asked ten ways made one group with a count, and groups
//! the current knowledge now answers left out by themselves.

use std::collections::HashSet;

use rusqlite::Connection;
use serde::Serialize;

use super::db::Database;
use crate::reply::AnswerKind;
use crate::Engine;

/// Two questions whose words overlap this much (shared over all, after
/// stemming and without stopwords) are one question asked two ways.
const SAME_QUESTION: f32 = 0.5;
/// Examples shown per group.
const EXAMPLES: usize = 3;
/// Candidates offered for "Add as alias of…".
const CANDIDATES: usize = 5;

/// A question the bot missed, as recorded.
#[derive(Debug, Clone)]
pub struct Missed {
    pub token: i64,
    pub at: i64,
    pub question: String,
    /// The entry it was answered with, if any.
    pub entry: Option<String>,
    /// A member said the answer was not what they asked.
    pub unhelpful: bool,
}

#[derive(Debug, Serialize)]
pub struct Group {
    /// The token of the group's representative question: what the review
    /// buttons carry.
    pub token: i64,
    /// The most common wording.
    pub question: String,
    pub count: usize,
    /// How many of them members marked "not what I asked".
    pub unhelpful: usize,
    /// Other wordings, a few.
    pub examples: Vec<String>,
    /// FAQ entries the engine thinks closest, best first: (id, title).
    pub candidates: Vec<(String, String)>,
    /// Every recorded question in the group (for Dismiss).
    #[serde(skip)]
    pub tokens: Vec<i64>,
}

/// The questions with kept text from the last `days` days, not dismissed.
pub fn missed(db: &Database, days: u32, now: i64) -> rusqlite::Result<Vec<Missed>> {
    db.read(|c| query(c, now - i64::from(days) * 86_400))
}

fn query(c: &Connection, since: i64) -> rusqlite::Result<Vec<Missed>> {
    let mut rows = c.prepare(
        "SELECT e.token, e.at, e.question, e.entry,
                EXISTS (SELECT 1 FROM votes v WHERE v.token = e.token AND v.helpful = 0)
         FROM events e
         WHERE e.at >= ?1 AND e.question IS NOT NULL AND e.dismissed = 0
         ORDER BY e.at DESC",
    )?;
    let found = rows.query_map([since], |r| {
        Ok(Missed {
            token: r.get(0)?,
            at: r.get(1)?,
            question: r.get(2)?,
            entry: r.get(3)?,
            unhelpful: r.get(4)?,
        })
    })?;
    found.collect()
}

/// Whether the knowledge as it is now answers `m` well enough that it
/// needs no review: answered at or above `bar` and, if a member said the
/// old answer was wrong, with another entry.
pub fn answered_now(engine: &Engine, m: &Missed, bar: f32) -> bool {
    let reply = engine.answer(&m.question);
    let Some(now) = reply.matched else {
        return false;
    };
    let was_wrong = m.unhelpful && m.entry.as_deref() == Some(now.id.as_str());
    now.score >= bar && !was_wrong
}

/// Groups the missed questions the knowledge still does not answer, the
/// largest first.
pub fn groups(engine: &Engine, missed: &[Missed], bar: f32) -> Vec<Group> {
    let mut building: Vec<(HashSet<String>, Vec<&Missed>)> = Vec::new();
    for m in missed.iter().filter(|m| !answered_now(engine, m, bar)) {
        let words: HashSet<String> = engine.stems(&m.question).into_iter().collect();
        let home = building
            .iter_mut()
            .find(|(seed, members)| same_question(seed, &words, &members[0].question, &m.question));
        match home {
            Some((_, members)) => members.push(m),
            None => building.push((words, vec![m])),
        }
    }
    let mut groups: Vec<Group> = building
        .into_iter()
        .map(|(_, members)| finish(engine, &members))
        .collect();
    groups.sort_by(|a, b| b.count.cmp(&a.count).then(b.unhelpful.cmp(&a.unhelpful)));
    groups
}

fn same_question(a: &HashSet<String>, b: &HashSet<String>, text_a: &str, text_b: &str) -> bool {
    if normalise(text_a) == normalise(text_b) {
        return true;
    }
    let union = a.union(b).count();
    union > 0 && a.intersection(b).count() as f32 / union as f32 >= SAME_QUESTION
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn finish(engine: &Engine, members: &[&Missed]) -> Group {
    // The wording asked most often stands for the group; the newest wins a tie.
    let mut wordings: Vec<(String, usize, &Missed)> = Vec::new();
    for m in members {
        let key = normalise(&m.question);
        match wordings.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, n, _)) => *n += 1,
            None => wordings.push((key, 1, m)),
        }
    }
    let (_, _, lead) = wordings
        .iter()
        .max_by_key(|(_, n, m)| (*n, m.at))
        .expect("a group has a member");
    let examples = wordings
        .iter()
        .filter(|(_, _, m)| m.token != lead.token)
        .take(EXAMPLES)
        .map(|(_, _, m)| m.question.clone())
        .collect();
    Group {
        token: lead.token,
        question: lead.question.clone(),
        count: members.len(),
        unhelpful: members.iter().filter(|m| m.unhelpful).count(),
        examples,
        candidates: candidates(engine, &lead.question),
        tokens: members.iter().map(|m| m.token).collect(),
    }
}

/// The FAQ entries the engine ranks closest to `question`.
fn candidates(engine: &Engine, question: &str) -> Vec<(String, String)> {
    let reply = engine.answer(question);
    reply
        .matched
        .iter()
        .chain(&reply.suggestions)
        .filter(|m| m.kind == AnswerKind::Faq)
        .take(CANDIDATES)
        .map(|m| (m.id.clone(), m.title.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::new(crate::Knowledge::from_sources(&crate::knowledge::Sources::embedded()).unwrap())
    }

    fn missed(token: i64, question: &str) -> Missed {
        Missed {
            token,
            at: token,
            question: question.into(),
            entry: None,
            unhelpful: false,
        }
    }

    #[test]
    fn one_question_asked_several_ways_is_one_group() {
        let e = engine();
        let rows = [
            missed(1, "is the purple cream from the gym shop any good"),
            missed(2, "Is the purple cream from the gym shop any good?"),
            missed(3, "purple cream from gym shop any good?"),
            missed(4, "what playlist do you lift to"),
        ];
        let g = groups(&e, &rows, 0.55);
        assert_eq!(g.len(), 2, "{g:#?}");
        assert_eq!(g[0].count, 3);
        assert_eq!(
            normalise(&g[0].question),
            "is the purple cream from the gym shop any good"
        );
        assert_eq!(g[0].tokens.len(), 3);
        assert_eq!(g[1].count, 1);
    }

    #[test]
    fn a_question_the_knowledge_now_answers_drops_out() {
        let e = engine();
        let rows = [missed(1, "why does my butt hurt when I sit all day")];
        assert!(groups(&e, &rows, 0.3).is_empty());
        // Unless a member said that very answer was not what they asked.
        let answer = e.answer(&rows[0].question).matched.unwrap();
        let wrong = Missed {
            entry: Some(answer.id),
            unhelpful: true,
            ..rows[0].clone()
        };
        assert_eq!(groups(&e, &[wrong], 0.3).len(), 1);
    }
}
