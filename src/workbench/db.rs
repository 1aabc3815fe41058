//! The workbench's SQLite file. Created on first use, its schema brought
//! up to date by numbered migrations (`PRAGMA user_version`), in WAL mode
//! so that a crash mid-write leaves it whole and readers never wait for
//! the writer. A file that is not a database, or fails its integrity
//! check, is moved aside and a fresh one started: the bot's records are
//! worth less than the bot answering.
//!
//! Members' user ids are never stored: a vote keeps a keyed hash of the
//! voter (the key is random, made by SQLite, and lives only in the file),
//! enough to count one vote per member per reply.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{params, Connection, ErrorCode, OptionalExtension};

use super::event::Event;

/// The schema, one step per version. Never edit a shipped step: add one.
const MIGRATIONS: &[&str] = &[
    // 1: events, votes, and the key for hashing voters.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
     INSERT INTO meta (key, value) VALUES ('voter_key', randomblob(32));
     CREATE TABLE events (
         token INTEGER PRIMARY KEY,
         at INTEGER NOT NULL,
         guild INTEGER,
         channel INTEGER,
         route TEXT NOT NULL,
         outcome TEXT NOT NULL,
         entry TEXT,
         score REAL,
         red_flags TEXT NOT NULL DEFAULT '',
         question TEXT,
         dismissed INTEGER NOT NULL DEFAULT 0
     );
     CREATE INDEX events_at ON events (at);
     CREATE TABLE votes (
         token INTEGER NOT NULL,
         voter BLOB NOT NULL,
         helpful INTEGER NOT NULL,
         at INTEGER NOT NULL,
         PRIMARY KEY (token, voter)
     );
     CREATE INDEX votes_at ON votes (at);",
    // 2: each server's own settings (`/knotbot-setup`), over the config's.
    "CREATE TABLE server_settings (
         guild INTEGER NOT NULL,
         key TEXT NOT NULL,
         value TEXT NOT NULL,
         PRIMARY KEY (guild, key)
     );",
];

/// How long a statement waits for another connection's lock.
const BUSY_WAIT: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("the database {path} cannot be used: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the database {path} is damaged and could not be moved aside: {source}")]
    MoveAside {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The database, for the few reads and writes made on request (votes,
/// review, stats). Records go through a [`super::Recorder`], which has a
/// connection of its own.
pub struct Database {
    path: PathBuf,
    conn: Mutex<Connection>,
    voter_key: [u8; 32],
}

impl Database {
    /// Opens `path`, creating it or bringing its schema up to date. A
    /// damaged file is moved aside to `NAME.damaged-TIME` (logged) and a
    /// fresh one started.
    pub fn open(path: &Path) -> Result<Database, DbError> {
        let fail = |source| DbError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let conn = match prepare(path) {
            Err(e) if is_damage(&e) => {
                let aside = move_aside(path)?;
                tracing::error!(
                    "the database {} was damaged ({e}); it was moved to {} and a fresh one started",
                    path.display(),
                    aside.display()
                );
                prepare(path).map_err(fail)?
            }
            other => other.map_err(fail)?,
        };
        let voter_key = conn
            .query_row("SELECT value FROM meta WHERE key = 'voter_key'", [], |r| {
                r.get::<_, Vec<u8>>(0)
            })
            .map_err(fail)?
            .try_into()
            .map_err(|_| fail(rusqlite::Error::InvalidQuery))?;
        Ok(Database {
            path: path.to_path_buf(),
            conn: Mutex::new(conn),
            voter_key,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves nothing half-done in
        // SQLite (statements are atomic), so the connection is still good.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Another connection to the same file, for the recorder's thread.
    pub(super) fn second_connection(&self) -> rusqlite::Result<Connection> {
        connect(&self.path)
    }

    /// Records one event now (the recorder batches instead).
    pub fn insert(&self, event: &Event) -> rusqlite::Result<()> {
        insert(&self.conn(), event)
    }

    /// Counts a vote on the reply with `token`; `false` if this member
    /// already voted on it.
    pub fn vote(&self, token: i64, user: u64, helpful: bool, at: i64) -> rusqlite::Result<bool> {
        let voter = blake3::keyed_hash(&self.voter_key, &user.to_le_bytes());
        let added = self.conn().execute(
            "INSERT OR IGNORE INTO votes (token, voter, helpful, at) VALUES (?1, ?2, ?3, ?4)",
            params![token, voter.as_bytes().as_slice(), helpful, at],
        )?;
        Ok(added == 1)
    }

    /// Keeps the question's text on an event a member marked unhelpful.
    pub fn keep_question(&self, token: i64, question: &str) -> rusqlite::Result<()> {
        self.conn().execute(
            "UPDATE events SET question = ?2 WHERE token = ?1 AND question IS NULL",
            params![token, super::event::question_text(question)],
        )?;
        Ok(())
    }

    /// The kept text of an event's question.
    pub fn question_of(&self, token: i64) -> rusqlite::Result<Option<String>> {
        self.conn()
            .query_row(
                "SELECT question FROM events WHERE token = ?1",
                [token],
                |r| r.get(0),
            )
            .optional()
            .map(Option::flatten)
    }

    /// Hides events from review for good.
    pub fn dismiss(&self, tokens: &[i64]) -> rusqlite::Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        for t in tokens {
            tx.execute("UPDATE events SET dismissed = 1 WHERE token = ?1", [t])?;
        }
        tx.commit()
    }

    /// Every server's own settings, as (server, key, value).
    pub fn server_settings(&self) -> rusqlite::Result<Vec<(u64, String, String)>> {
        let conn = self.conn();
        let mut rows = conn.prepare("SELECT guild, key, value FROM server_settings")?;
        let found = rows.query_map([], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get(1)?, r.get(2)?))
        })?;
        found.collect()
    }

    /// Sets a server's setting, or with `None` goes back to the config's.
    pub fn set_server_setting(
        &self,
        guild: u64,
        key: &str,
        value: Option<&str>,
    ) -> rusqlite::Result<()> {
        let conn = self.conn();
        match value {
            Some(v) => conn.execute(
                "INSERT INTO server_settings (guild, key, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT (guild, key) DO UPDATE SET value = excluded.value",
                params![guild as i64, key, v],
            )?,
            None => conn.execute(
                "DELETE FROM server_settings WHERE guild = ?1 AND key = ?2",
                params![guild as i64, key],
            )?,
        };
        Ok(())
    }

    /// Deletes everything recorded before `now - days`.
    pub fn purge(&self, now: i64, days: u32) -> rusqlite::Result<usize> {
        purge(&self.conn(), now, days)
    }

    /// Runs `read` with the connection, for the stats and review queries.
    pub(super) fn read<T>(&self, read: impl FnOnce(&Connection) -> T) -> T {
        read(&self.conn())
    }
}

/// Opens, checks and migrates.
fn prepare(path: &Path) -> rusqlite::Result<Connection> {
    let conn = connect(path)?;
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(check),
        ));
    }
    migrate(&conn)?;
    Ok(conn)
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_WAIT)?;
    // WAL: a crash mid-write leaves the old or the new state, and the
    // recorder's writes never block a moderator's read.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if mode != "wal" {
        tracing::warn!(
            "the database {} is not in WAL mode ({mode})",
            path.display()
        );
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(conn)
}

fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let version: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, step) in MIGRATIONS.iter().enumerate().skip(version) {
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {step}; PRAGMA user_version = {}; COMMIT;",
            i + 1
        ))?;
    }
    Ok(())
}

/// Whether SQLite says the file is damaged or not a database at all.
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

/// Moves a damaged file (and its WAL) aside, keeping it for a look.
fn move_aside(path: &Path) -> Result<PathBuf, DbError> {
    let aside = path.with_extension(format!("damaged-{}", super::now()));
    std::fs::rename(path, &aside).map_err(|source| DbError::MoveAside {
        path: path.to_path_buf(),
        source,
    })?;
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    Ok(aside)
}

pub(super) fn insert(conn: &Connection, e: &Event) -> rusqlite::Result<()> {
    // Cached: the recorder inserts thousands a second in a burst.
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO events
             (token, at, guild, channel, route, outcome, entry, score, red_flags, question)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    insert.execute(params![
        e.token,
        e.at,
        e.guild.map(|g| g as i64),
        e.channel.map(|c| c as i64),
        e.route.as_str(),
        e.outcome.as_str(),
        e.entry,
        e.score,
        e.red_flags.join(","),
        e.question,
    ])?;
    Ok(())
}

pub(super) fn purge(conn: &Connection, now: i64, days: u32) -> rusqlite::Result<usize> {
    let cutoff = now - i64::from(days) * 86_400;
    let events = conn.execute("DELETE FROM events WHERE at < ?1", [cutoff])?;
    let votes = conn.execute("DELETE FROM votes WHERE at < ?1", [cutoff])?;
    Ok(events + votes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbench::event::{new_token, Outcome, Route};

    fn event(at: i64, question: Option<&str>) -> Event {
        Event {
            token: new_token(),
            at,
            guild: Some(1),
            channel: Some(2),
            route: Route::Mention,
            outcome: Outcome::NotSure,
            entry: None,
            score: None,
            red_flags: Vec::new(),
            question: question.map(String::from),
        }
    }

    fn count(db: &Database) -> i64 {
        db.read(|c| c.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0)))
            .unwrap()
    }

    #[test]
    fn created_on_first_open_and_reopened_with_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("knotbot.db");
        let db = Database::open(&path).unwrap();
        db.insert(&event(100, Some("q"))).unwrap();
        drop(db);
        let db = Database::open(&path).unwrap();
        assert_eq!(count(&db), 1);
        let version: i64 = db
            .read(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))
            .unwrap();
        assert_eq!(version as usize, MIGRATIONS.len());
    }

    #[test]
    fn one_vote_per_member_per_reply_and_no_user_id_stored() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("k.db")).unwrap();
        let user = 123_456_789_012_345_678u64;
        assert!(db.vote(7, user, true, 1).unwrap());
        assert!(
            !db.vote(7, user, false, 2).unwrap(),
            "a second vote is refused"
        );
        assert!(db.vote(7, 42, false, 2).unwrap(), "another member may vote");
        assert!(
            db.vote(8, user, false, 2).unwrap(),
            "and the same member on another reply"
        );
        drop(db);
        let bytes = std::fs::read(dir.path().join("k.db")).unwrap();
        let wal = std::fs::read(dir.path().join("k.db-wal")).unwrap_or_default();
        for b in [bytes, wal] {
            let plain = user.to_le_bytes();
            assert!(
                !b.windows(8).any(|w| w == plain),
                "the user id is stored in plain form"
            );
        }
    }

    #[test]
    fn retention_deletes_only_what_is_older() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("k.db")).unwrap();
        let now = 100 * 86_400;
        db.insert(&event(now - 31 * 86_400, Some("old"))).unwrap();
        db.insert(&event(now - 29 * 86_400, Some("recent")))
            .unwrap();
        db.vote(1, 1, true, now - 40 * 86_400).unwrap();
        assert_eq!(db.purge(now, 30).unwrap(), 2);
        assert_eq!(count(&db), 1);
    }

    #[test]
    fn a_damaged_file_is_moved_aside_and_a_fresh_one_started() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("knotbot.db");
        std::fs::write(&path, b"this is not a database, it is a shopping list").unwrap();
        let db = Database::open(&path).unwrap();
        db.insert(&event(1, None)).unwrap();
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.contains("damaged"))
            .collect();
        assert_eq!(aside.len(), 1, "{aside:?}");
        let kept = std::fs::read(dir.path().join(&aside[0])).unwrap();
        assert!(kept.starts_with(b"this is not a database"));
    }

    #[test]
    fn server_settings_are_kept_per_server() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("k.db")).unwrap();
        db.set_server_setting(1, "free_text", Some("false"))
            .unwrap();
        db.set_server_setting(1, "free_text", Some("true")).unwrap();
        db.set_server_setting(2, "log_channel", Some("9")).unwrap();
        db.set_server_setting(2, "help_channels", Some("5"))
            .unwrap();
        db.set_server_setting(2, "help_channels", None).unwrap();
        let mut all = db.server_settings().unwrap();
        all.sort();
        assert_eq!(
            all,
            vec![
                (1, "free_text".to_string(), "true".to_string()),
                (2, "log_channel".to_string(), "9".to_string())
            ]
        );
    }

    #[test]
    fn unhelpful_keeps_the_text_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("k.db")).unwrap();
        let e = event(1, None);
        db.insert(&e).unwrap();
        db.keep_question(e.token, "  what about my hip  ").unwrap();
        assert_eq!(
            db.question_of(e.token).unwrap().as_deref(),
            Some("what about my hip")
        );
        assert_eq!(db.question_of(12345).unwrap(), None);
    }
}
