//! Records written off the answering path. Answering hands an [`Event`] to
//! [`Recorder::record`], which never waits: when the queue is full the
//! record is dropped and counted, and the member's answer goes out as
//! always. One thread writes what is queued in batches (one transaction
//! each) and deletes what is past retention once a day.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::db::{self, Database};
use super::event::Event;

/// Records that may wait: far more than a burst needs, a few MiB at most.
pub const QUEUE: usize = 10_000;
/// Most records written in one transaction.
const BATCH: usize = 500;
/// How often the writer wakes with nothing to do, to purge on time.
const TICK: Duration = Duration::from_secs(3600);
const DAY: Duration = Duration::from_secs(86_400);

pub struct Recorder {
    queue: SyncSender<Event>,
    dropped: Arc<AtomicU64>,
}

impl Recorder {
    /// Starts the writer thread on its own connection to `db`, purging
    /// records older than `retention_days` now and daily.
    pub fn start(db: &Database, retention_days: u32) -> rusqlite::Result<Recorder> {
        Recorder::with_queue(db, retention_days, QUEUE)
    }

    fn with_queue(
        db: &Database,
        retention_days: u32,
        capacity: usize,
    ) -> rusqlite::Result<Recorder> {
        let conn = db.second_connection()?;
        let (queue, events) = sync_channel(capacity);
        let writer = Writer {
            conn,
            retention_days,
            failing: false,
            path: db.path().display().to_string(),
        };
        std::thread::Builder::new()
            .name("knotbot-recorder".into())
            .spawn(move || writer.run(events))
            .map_err(|_| rusqlite::Error::InvalidQuery)?;
        Ok(Recorder {
            queue,
            dropped: Arc::new(AtomicU64::new(0)),
        })
    }

    /// Queues `event` for writing; never blocks.
    pub fn record(&self, event: Event) {
        match self.queue.try_send(event) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                let dropped = self.dropped.fetch_add(1, Ordering::Relaxed) + 1;
                if dropped % 1000 == 1 {
                    tracing::warn!(
                        dropped,
                        "the database is behind: records dropped, answers not delayed"
                    );
                }
            }
            Err(TrySendError::Disconnected(_)) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Records dropped so far because the queue was full.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }
}

struct Writer {
    conn: Connection,
    retention_days: u32,
    /// A write failed and was logged; the next failure is not, until one
    /// succeeds (a read-only disk must not fill the log).
    failing: bool,
    path: String,
}

impl Writer {
    fn run(mut self, events: Receiver<Event>) {
        yield_to_answering();
        let mut purged = Instant::now();
        self.purge();
        loop {
            match events.recv_timeout(TICK) {
                Ok(first) => {
                    let mut batch = vec![first];
                    batch.extend(events.try_iter().take(BATCH - 1));
                    self.write(&batch);
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if purged.elapsed() >= DAY {
                purged = Instant::now();
                self.purge();
            }
        }
    }

    fn write(&mut self, batch: &[Event]) {
        let result = self.conn.unchecked_transaction().and_then(|tx| {
            for e in batch {
                db::insert(&tx, e)?;
            }
            tx.commit()
        });
        self.note(result.map(|_| ()), "could not record questions");
    }

    fn purge(&mut self) {
        let result = db::purge(&self.conn, super::now(), self.retention_days);
        if let Ok(n) = &result {
            tracing::debug!(deleted = n, "records past retention deleted");
        }
        self.note(result.map(|_| ()), "could not delete old records");
    }

    fn note(&mut self, result: rusqlite::Result<()>, what: &str) {
        match result {
            Ok(()) => self.failing = false,
            Err(e) if !self.failing => {
                self.failing = true;
                tracing::error!("{what} in {}: {e}; the bot goes on answering", self.path);
            }
            Err(_) => {}
        }
    }
}

/// Lowers this thread's priority, so that under a burst on a small
/// machine the answering threads get the CPU and records wait (or drop).
fn yield_to_answering() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: plain system calls on the calling thread's own id.
        let lowered = unsafe {
            let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
            libc::setpriority(libc::PRIO_PROCESS, tid, 10)
        };
        if lowered != 0 {
            tracing::debug!("could not lower the recorder's priority");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbench::event::{new_token, Outcome, Route};

    fn event(at: i64) -> Event {
        Event {
            token: new_token(),
            at,
            guild: None,
            channel: None,
            route: Route::Dm,
            outcome: Outcome::Answered,
            entry: Some("sitting".into()),
            score: Some(0.9),
            red_flags: vec![],
            question: None,
        }
    }

    fn count(db: &Database) -> i64 {
        db.read(|c| c.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0)))
            .unwrap()
    }

    #[test]
    fn records_arrive_and_old_ones_are_purged_at_start() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("k.db")).unwrap();
        db.insert(&event(super::super::now() - 40 * 86_400))
            .unwrap();
        let recorder = Recorder::start(&db, 30).unwrap();
        for _ in 0..50 {
            recorder.record(event(super::super::now()));
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while count(&db) != 50 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(
            count(&db),
            50,
            "the 40-day-old record is gone, the 50 new ones are in"
        );
        assert_eq!(recorder.dropped(), 0);
    }

    #[test]
    fn a_full_queue_drops_and_counts_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("k.db")).unwrap();
        // Hold the write lock so that the writer is stuck on its first batch.
        let blocker = db.second_connection().unwrap();
        blocker.execute_batch("BEGIN EXCLUSIVE").unwrap();
        let recorder = Recorder::with_queue(&db, 30, 4).unwrap();
        // Had `record` waited for room, this would be stuck here.
        for _ in 0..100 {
            recorder.record(event(1));
        }
        assert!(recorder.dropped() >= 90, "dropped {}", recorder.dropped());
        blocker.execute_batch("COMMIT").unwrap();
    }
}
