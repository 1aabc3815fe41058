//! Crash safety of FAQ edits, with two bot processes and a hand editor on
//! one knowledge directory.
//!
//! Two child processes (this test binary, run again with
//! `KNOTBOT_CRASH_CHILD` set) each edit the knowledge through their own
//! `Store` from two threads, the same calls the `/faq-admin` commands make:
//! two sharded bots on one directory. Each writer logs an edit before
//! starting it ("begin …") and once `Store` returned Ok (the
//! acknowledgement), fsyncing the log each time. Meanwhile the parent edits
//! `faq.toml` by hand, as a person with an editor would (adding and
//! deleting entries of its own, saving the whole file), taking no lock.
//! The parent SIGKILLs both children at random moments and checks the
//! directory against the logs: every file parses, the knowledge loads,
//! every acknowledged edit and every hand edit is there, nothing else
//! changed, and the comments are intact. The rounds run on the same
//! directory, each starting from whatever the last kill left.
//!
//! The hand editor saves like a careful editor: it writes the whole file
//! and replaces `faq.toml` only if it is unchanged since it was read
//! (editors warn "the file changed on disk"). An editor that saves blindly
//! over a file it read minutes ago overwrites whatever happened since, and
//! no program could prevent that; what knotbot promises is that *it* never
//! overwrites a hand edit, however close the two saves come.
//!
//! Run with `--nocapture` to see the summary. Nothing here depends on
//! timing: the kill moment only decides *which* state the children are
//! caught in, and every state must pass the same checks. Set
//! `KNOTBOT_CRASH_SEED` to vary the kill moments and the edits, and
//! `KNOTBOT_CRASH_ROUNDS` for a longer run.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use knotbot::knowledge::{EntryKind, FILE_NAMES};
use knotbot::store::{Draft, Store};
use knotbot::Knowledge;

/// Set (to the work directory) only in the child process.
const CHILD_ENV: &str = "KNOTBOT_CRASH_CHILD";
const ROUND_ENV: &str = "KNOTBOT_CRASH_ROUND";
/// Which of the [`PROCESSES`] a child is.
const PROCESS_ENV: &str = "KNOTBOT_CRASH_PROCESS";
const SEED_ENV: &str = "KNOTBOT_CRASH_SEED";
/// How many rounds; more for a soak run (a release build does them fast).
const ROUNDS_ENV: &str = "KNOTBOT_CRASH_ROUNDS";
/// The #[test] below that does the writing when `CHILD_ENV` is set.
const CHILD_TEST: &str = "crash_child_writer";
/// What each child prints once it has `READY_AFTER` acknowledged edits.
const READY: &str = "KNOTBOT_CRASH_READY";
const READY_AFTER: u64 = 2;

/// The default number of rounds. In a debug build (CI's `cargo test`) a
/// round costs about a minute, as every acknowledged edit builds and
/// checks a whole engine with every red-flag example; four rounds still
/// catch adds, updates and removes mid-write, and a release build or
/// `KNOTBOT_CRASH_ROUNDS` soaks longer.
const ROUNDS: u64 = if cfg!(debug_assertions) { 4 } else { 12 };
/// Bot processes on the one directory, and writer threads in all: writer
/// `w` runs in process `w % PROCESSES`.
const PROCESSES: u64 = 2;
const WRITERS: u64 = 4;
/// The hand editor saves every 1 to 2.5 s: far more often than a person,
/// and often enough to land inside the bots' edits (an edit builds and
/// checks a whole engine with every red-flag example, about 1 s in a debug
/// build since the examples grew), while leaving them room to finish. At
/// 0.4 to 1.2 s, a debug run on a clean machine saw every edit of a round
/// refused as busy and no child became ready.
const HAND_PAUSE_MS: (u64, u64) = (1000, 2500);
const MAX_KILL_DELAY_MS: u64 = 150;
/// A child nobody kills (its parent panicked) stops by itself.
const MAX_EDITS_PER_WRITER: u64 = 200;
const DEFAULT_SEED: u64 = 20_240_607;
/// Guards against a hang, never against slowness: a healthy child is ready
/// in a few seconds even on a busy machine.
const READY_TIMEOUT: Duration = Duration::from_secs(120);

/// Added before round 1 in front of a shipped entry, which is never removed;
/// toml_edit keeps it as that table's decoration, and so must every edit.
const MIDDLE_COMMENT: &str =
    "# crash-safety: this note in the middle of the file must survive every edit\n";
/// The shipped entry the middle comment sits on.
const MIDDLE_ANCHOR: usize = 10;

// ---------------------------------------------------------------------------
// The child: several writers editing through one Store until killed.
// ---------------------------------------------------------------------------

/// Does nothing in a normal test run; the writers when re-executed.
#[test]
fn crash_child_writer() {
    let Some(work) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let round = std::env::var(ROUND_ENV).unwrap().parse().unwrap();
    let process = std::env::var(PROCESS_ENV).unwrap().parse().unwrap();
    run_child(Path::new(&work), round, process);
}

fn run_child(work: &Path, round: u64, process: u64) {
    let store = Store::open(&knowledge_dir(work)).expect("the directory the last round left opens");
    let ids = faq_ids(&Knowledge::load_dir(store.dir()).unwrap());
    // READY after a few acknowledged edits, so every round is guaranteed
    // to do real work before the kill can come, whatever the machine's speed.
    let acked = AtomicU64::new(0);
    std::thread::scope(|s| {
        for writer in (0..WRITERS).filter(|w| w % PROCESSES == process) {
            let mut w = Writer::new(work, round, writer, &ids);
            let (store, acked) = (&store, &acked);
            s.spawn(move || w.run(store, acked));
        }
    });
}

/// One edit, as logged: `add <id> <marker>`, `update <id> <marker>`,
/// `remove <id>`; before the edit the id of an add is not known yet.
#[derive(Debug, Clone, PartialEq)]
enum Op {
    Add { id: String, marker: String },
    Update { id: String, marker: String },
    Remove { id: String },
}

impl Op {
    fn line(&self) -> String {
        match self {
            Op::Add { id, marker } => format!("add {id} {marker}"),
            Op::Update { id, marker } => format!("update {id} {marker}"),
            Op::Remove { id } => format!("remove {id}"),
        }
    }

    fn parse(words: &[&str]) -> Op {
        match words {
            ["add", id, marker] => Op::Add {
                id: id.to_string(),
                marker: marker.to_string(),
            },
            ["update", id, marker] => Op::Update {
                id: id.to_string(),
                marker: marker.to_string(),
            },
            ["remove", id] => Op::Remove { id: id.to_string() },
            _ => panic!("unreadable log line {words:?}"),
        }
    }
}

/// How a refusal because the file kept changing reads (`EditError::Busy`).
const BUSY: &str = "kept changing";

const ADD: u8 = 0;
const UPDATE: u8 = 1;
const REMOVE: u8 = 2;

struct Writer {
    log: File,
    rng: Rng,
    round: u64,
    writer: u64,
    /// Shipped entries only this writer updates: per-id order is then the
    /// order of this writer's log.
    shipped: Vec<String>,
    /// Probe entries this writer added (this round or earlier) and owns.
    probes: Vec<String>,
}

impl Writer {
    fn new(work: &Path, round: u64, writer: u64, ids: &[String]) -> Writer {
        // Probes belong to the writer named in their id; shipped entries
        // are dealt out in turn (they keep their order: probes are appended).
        let probes = ids.iter().filter(|id| probe_owner(id) == Some(writer));
        let shipped = ids
            .iter()
            .filter(|id| probe_owner(id).is_none() && !is_hand_entry(id));
        let shipped = shipped.skip(writer as usize).step_by(WRITERS as usize);
        let (shipped, probes) = (shipped.cloned().collect(), probes.cloned().collect());
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(log_path(work, round, writer))
            .unwrap();
        let rng = Rng::new(seed() ^ (round << 8) ^ writer);
        Writer {
            log,
            rng,
            round,
            writer,
            shipped,
            probes,
        }
    }

    fn run(&mut self, store: &Store, acked: &AtomicU64) {
        for seq in 0..MAX_EDITS_PER_WRITER {
            let op = self.pick(seq);
            self.write_log(&format!("begin {}", op.line()));
            let done = match self.apply(store, op.clone()) {
                Ok(done) => done,
                // The file kept changing under the edit (the hand editor):
                // refused as a whole, nothing written. Not acknowledged.
                Err(e) if e.contains(BUSY) => {
                    self.write_log("refused");
                    self.undo_pick(op);
                    continue;
                }
                Err(e) => {
                    // Logged, not just panicked: the kill may come before
                    // a panic could be reported.
                    self.write_log(&format!("error {}", e.replace('\n', " | ")));
                    panic!("{e}");
                }
            };
            self.write_log(&done.line());
            if acked.fetch_add(1, Ordering::SeqCst) + 1 == READY_AFTER {
                println!("{READY}");
            }
        }
    }

    /// Every writer's first edit of a round is of the round's kind (remove,
    /// update, add in turn; an add when there is nothing to remove), so the
    /// first acknowledged edit READY waits for covers every kind over the
    /// rounds.
    /// Later edits are random, keeping each writer at one to four probes.
    fn pick(&mut self, seq: u64) -> Op {
        let marker = format!("r{}w{}n{seq}", self.round, self.writer);
        let probes = self.probes.len();
        let kind = match seq {
            0 => [ADD, REMOVE, UPDATE][(self.round % 3) as usize],
            _ if probes >= 4 => REMOVE,
            _ if probes >= 2 && self.rng.below(3) == 0 => REMOVE,
            _ => [ADD, UPDATE][self.rng.below(2) as usize],
        };
        match kind {
            REMOVE if probes > 0 => {
                let id = self.probes.remove(self.rng.below(probes as u64) as usize);
                Op::Remove { id }
            }
            UPDATE => {
                let all: Vec<&String> = self.shipped.iter().chain(&self.probes).collect();
                let id = all[self.rng.below(all.len() as u64) as usize].clone();
                Op::Update { id, marker }
            }
            _ => Op::Add {
                id: "?".into(),
                marker,
            },
        }
    }

    /// Gives back the probe a refused remove took from the writer's list.
    fn undo_pick(&mut self, op: Op) {
        if let Op::Remove { id } = op {
            self.probes.push(id);
        }
    }

    /// Runs `op` through the Store; returns it as acknowledged.
    fn apply(&mut self, store: &Store, op: Op) -> Result<Op, String> {
        let err = |e: knotbot::store::EditError| format!("{op:?}: {e}");
        match &op {
            Op::Add { marker, .. } => {
                let id = store
                    .add(&probe_draft(self.round, self.writer, marker))
                    .map_err(err)?;
                self.probes.push(id.clone());
                Ok(Op::Add {
                    id,
                    marker: marker.clone(),
                })
            }
            Op::Update { id, marker } => {
                // As /faq-admin does: start from the entry as it is now.
                let mut draft = store.draft_of(id).ok_or_else(|| format!("{id} vanished"))?;
                draft.answer = with_marker(&draft.answer, marker);
                store.update(id, &draft).map_err(err)?;
                Ok(op)
            }
            Op::Remove { id } => {
                store.remove(id).map_err(err)?;
                Ok(op)
            }
        }
    }

    /// Appends a line and makes it durable before anything else happens.
    fn write_log(&mut self, line: &str) {
        self.log.write_all(format!("{line}\n").as_bytes()).unwrap();
        self.log.sync_data().unwrap();
    }
}

// ---------------------------------------------------------------------------
// The parent: kill, check, repeat.
// ---------------------------------------------------------------------------

#[test]
fn killed_writers_never_lose_or_tear_acknowledged_edits() {
    let work = tempfile::tempdir().unwrap();
    let dir = knowledge_dir(work.path());
    let pristine = set_up(&dir);
    let mut model = Model::from_disk(&dir);
    let mut stats = Stats::default();
    let mut rng = Rng::new(seed());
    let rounds = env_number(ROUNDS_ENV).unwrap_or(ROUNDS);

    for round in 1..=rounds {
        let delays = [(); PROCESSES as usize].map(|_| rng.below(MAX_KILL_DELAY_MS + 1));
        let (pids, hand) = run_and_kill(work.path(), round, delays, &mut stats);
        let knowledge = check_files(&dir, &pristine);
        let logs = read_logs(work.path(), round);
        model.replay(&logs, &knowledge, &mut stats, round);
        model.apply_hand(&hand, &mut stats, round);
        model.assert_matches(&knowledge, round);
        let temps = temp_files(&dir);
        for pid in pids {
            if temps
                .iter()
                .any(|n| n.starts_with(&format!(".faq.toml.{pid}.")))
            {
                // Killed between creating the temporary file and renaming it.
                stats.killed_mid_write += 1;
            }
        }
    }
    stats.leftover_tmp = temp_files(&dir).len();
    stats.report(seed(), rounds);

    // Guaranteed by READY (each process acknowledges READY_AFTER edits
    // every round, the first of each writer of the round's kind), so these
    // hold however slow the machine is.
    assert!(
        stats.acked() >= rounds * PROCESSES * READY_AFTER,
        "{stats:?}"
    );
    if rounds >= 3 {
        assert!(
            stats.adds >= 1 && stats.updates >= 1 && stats.removes >= 1,
            "{stats:?}"
        );
    }
    assert!(
        stats.hand_saves >= rounds,
        "the hand editor saved every round: {stats:?}"
    );
}

/// Runs the child processes, waits until each is editing, lets them go on
/// for their `delays_ms` and SIGKILLs them, while the hand editor saves
/// throughout; returns the children's pids (the names of their temporary
/// files) and the hand edits saved.
fn run_and_kill(
    work: &Path,
    round: u64,
    delays_ms: [u64; PROCESSES as usize],
    stats: &mut Stats,
) -> (Vec<u32>, Vec<HandEdit>) {
    let mut children: Vec<Child> = (0..PROCESSES)
        .map(|process| {
            Command::new(std::env::current_exe().unwrap())
                .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
                .env(CHILD_ENV, work)
                .env(ROUND_ENV, round.to_string())
                .env(PROCESS_ENV, process.to_string())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let dir = knowledge_dir(work);
    std::thread::scope(|s| {
        let hand = s.spawn(|| hand_editor(&dir, round, &stop));
        // Also on a panic below, or the scope would wait for ever.
        let _stop = StopOnDrop(&stop);
        for child in &mut children {
            wait_until_ready(child, round);
        }
        let mut order: Vec<usize> = (0..children.len()).collect();
        order.sort_by_key(|i| delays_ms[*i]);
        let start = std::time::Instant::now();
        for i in order {
            let at = Duration::from_millis(delays_ms[i]);
            std::thread::sleep(at.saturating_sub(start.elapsed()));
            let child = &mut children[i];
            match child.try_wait().unwrap() {
                // Ran out of edits first: not a crash, but checked all the
                // same (a writer's failure shows as an "error" line in its log).
                Some(_) => stats.finished_before_kill += 1,
                None => {
                    child.kill().unwrap(); // SIGKILL
                    child.wait().unwrap();
                }
            }
        }
        stop.store(true, Ordering::SeqCst);
        let edits = hand.join().unwrap();
        (children.iter().map(Child::id).collect(), edits)
    })
}

struct StopOnDrop<'a>(&'a std::sync::atomic::AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// A save of `faq.toml` by hand: an entry of the hand editor's own added
/// or deleted.
#[derive(Debug)]
enum HandEdit {
    Add { id: String, answer: String },
    Remove { id: String },
}

/// Edits `faq.toml` as a person would until `stop`: read the file, add or
/// delete one of its own entries, save the whole file (only if it did not
/// change meanwhile; otherwise read it again). Returns the saves made.
fn hand_editor(dir: &Path, round: u64, stop: &std::sync::atomic::AtomicBool) -> Vec<HandEdit> {
    let path = dir.join("faq.toml");
    let mut rng = Rng::new(seed() ^ (round << 16) ^ 0x4a4e);
    let mut saved = Vec::new();
    let mut mine: Vec<String> = faq_ids(&Knowledge::load_dir(dir).unwrap())
        .into_iter()
        .filter(|id| is_hand_entry(id))
        .collect();
    let mut n = 0;
    // At least one save, however soon the kills come.
    while saved.is_empty() || !stop.load(Ordering::SeqCst) {
        let (low, high) = HAND_PAUSE_MS;
        std::thread::sleep(Duration::from_millis(low + rng.below(high - low)));
        let before = std::fs::read_to_string(&path).unwrap();
        let mut doc: toml_edit::DocumentMut = before.parse().expect("faq.toml parses");
        let faqs = doc["faq"].as_array_of_tables_mut().unwrap();
        let edit = if mine.len() >= 3 {
            let id = mine[rng.below(mine.len() as u64) as usize].clone();
            let at = faqs
                .iter()
                .position(|t| t.get("id").and_then(|v| v.as_str()) == Some(id.as_str()))
                .expect("the hand editor's entry is still there");
            faqs.remove(at);
            HandEdit::Remove { id }
        } else {
            n += 1;
            let id = format!("hand-r{round}-n{n}");
            let answer = format!("Written by hand in round {round}, save {n}.");
            let mut table = toml_edit::Table::new();
            table.insert("id", toml_edit::value(id.as_str()));
            table.insert(
                "question",
                toml_edit::value(format!("Hand edit {round} {n}: is it kept?")),
            );
            let mut aliases = toml_edit::Array::new();
            aliases.push(format!("hand edit {round} {n} kept"));
            table.insert("aliases", toml_edit::value(aliases));
            table.insert("answer", toml_edit::value(answer.as_str()));
            faqs.push(table);
            HandEdit::Add { id, answer }
        };
        if knotbot::store::replace_if_unchanged(&path, doc.to_string().as_bytes(), &before).unwrap()
        {
            match &edit {
                HandEdit::Add { id, .. } => mine.push(id.clone()),
                HandEdit::Remove { id } => mine.retain(|m| m != id),
            }
            saved.push(edit);
        }
    }
    saved
}

fn is_hand_entry(id: &str) -> bool {
    id.starts_with("hand-")
}

/// What the checks compare against, taken before round 1.
struct Pristine {
    /// faq.toml's comment block, up to its first entry.
    header: String,
    /// The entry the middle comment must stay on.
    anchor: String,
}

/// Copies the shipped knowledge, adds the comment in the middle and a
/// probe entry per writer.
fn set_up(dir: &Path) -> Pristine {
    std::fs::create_dir(dir).unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    for name in FILE_NAMES {
        std::fs::copy(shipped.join(name), dir.join(name)).unwrap();
    }
    let faq = std::fs::read_to_string(dir.join("faq.toml")).unwrap();
    // Entries start with "\n[[faq]]\n"; the header mentions "[[faq]]" too.
    let starts: Vec<usize> = faq
        .match_indices("\n[[faq]]\n")
        .map(|(at, _)| at + 1)
        .collect();
    let at = starts[MIDDLE_ANCHOR];
    let with_comment = format!("{}{MIDDLE_COMMENT}{}", &faq[..at], &faq[at..]);
    std::fs::write(dir.join("faq.toml"), with_comment).unwrap();
    let header = faq[..starts[0]].to_string();
    assert!(
        header.starts_with("# knotbot FAQ answers"),
        "the header is there to protect"
    );
    let anchor = faq_ids(&Knowledge::load_dir(dir).unwrap())[MIDDLE_ANCHOR].clone();
    // A probe for each writer to remove in round 1, whose first edits are
    // removes: the guarantee that removes are exercised.
    let store = Store::open(dir).unwrap();
    for writer in 0..WRITERS {
        store
            .add(&probe_draft(0, writer, &format!("r0w{writer}n0")))
            .unwrap();
    }
    Pristine { header, anchor }
}

/// Blocks until the child prints READY (the harness may print on the same
/// line, hence `contains`); a child that dies first fails the test with
/// its stderr.
fn wait_until_ready(child: &mut Child, round: u64) {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains(READY) {
                let _ = tx.send(());
            }
        }
    });
    if rx.recv_timeout(READY_TIMEOUT).is_err() {
        let _ = child.kill();
        let _ = child.wait();
        let mut stderr = String::new();
        let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
        panic!("round {round}: the child never became ready:\n{stderr}");
    }
}

/// Every file parses as TOML, the whole knowledge loads (what `knotbot
/// check` does), the comments are intact and nothing but the knowledge
/// files and temporary files is in the directory.
fn check_files(dir: &Path, pristine: &Pristine) -> Knowledge {
    for name in FILE_NAMES {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        if let Err(e) = text.parse::<toml_edit::DocumentMut>() {
            panic!("{name} is torn: {e}\n{text}");
        }
    }
    let knowledge = Knowledge::load_dir(dir).unwrap_or_else(|e| panic!("knotbot check fails: {e}"));
    let faq = std::fs::read_to_string(dir.join("faq.toml")).unwrap();
    assert!(
        faq.starts_with(&pristine.header),
        "the header comment changed:\n{faq}"
    );
    let anchored = format!("{MIDDLE_COMMENT}[[faq]]\nid = \"{}\"", pristine.anchor);
    assert!(
        faq.contains(&anchored),
        "the middle comment is gone or moved:\n{faq}"
    );
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            FILE_NAMES.contains(&name.as_str()) || is_temp_file(&name),
            "unexpected file {name}"
        );
    }
    knowledge
}

/// What faq.toml must hold: every FAQ id and its exact answer.
struct Model {
    answers: BTreeMap<String, String>,
}

impl Model {
    fn from_disk(dir: &Path) -> Model {
        Model {
            answers: faq_answers(&Knowledge::load_dir(dir).unwrap()),
        }
    }

    /// Applies each writer's acknowledged edits in log order (writers own
    /// disjoint entries, so their logs commute), then settles each
    /// unacknowledged last edit by what is on disk: either outcome is fine,
    /// anything else is a torn or lost write.
    fn replay(&mut self, logs: &[Vec<String>], disk: &Knowledge, stats: &mut Stats, round: u64) {
        let on_disk = faq_answers(disk);
        for (writer, log) in logs.iter().enumerate() {
            let mut pending: Option<Op> = None;
            for line in log {
                let words: Vec<&str> = line.split_whitespace().collect();
                match words[0] {
                    "error" => panic!("round {round}, writer {writer}: an edit failed: {line}"),
                    "begin" => pending = Some(Op::parse(&words[1..])),
                    // Refused whole: nothing of it may be on disk, which
                    // `assert_matches` checks.
                    "refused" => {
                        assert!(pending.take().is_some(), "refusal without begin");
                        stats.refused += 1;
                    }
                    _ => {
                        let op = Op::parse(&words);
                        assert!(pending.take().is_some(), "ack without begin: {line}");
                        self.apply(&op, round);
                        stats.count(&op);
                    }
                }
            }
            if let Some(op) = pending {
                self.settle(op, &on_disk, stats, round);
            }
        }
    }

    fn apply(&mut self, op: &Op, round: u64) {
        match op {
            Op::Add { id, marker } => {
                let old = self.answers.insert(id.clone(), probe_answer(marker));
                assert!(old.is_none(), "round {round}: add reused the live id {id}");
            }
            Op::Update { id, marker } => {
                let answer = self.answers.get_mut(id).expect("update of a known entry");
                *answer = with_marker(answer, marker);
            }
            Op::Remove { id } => {
                self.answers.remove(id).expect("remove of a known entry");
            }
        }
    }

    /// The hand editor's saves: each is on disk unless a later save undid it.
    fn apply_hand(&mut self, edits: &[HandEdit], stats: &mut Stats, round: u64) {
        for edit in edits {
            match edit {
                HandEdit::Add { id, answer } => {
                    let old = self.answers.insert(id.clone(), answer.clone());
                    assert!(old.is_none(), "round {round}: hand edit reused {id}");
                }
                HandEdit::Remove { id } => {
                    self.answers.remove(id).expect("remove of a hand entry");
                }
            }
            stats.hand_saves += 1;
        }
    }

    /// The edit the kill interrupted: it either reached the disk whole or
    /// not at all.
    fn settle(&mut self, op: Op, disk: &BTreeMap<String, String>, stats: &mut Stats, round: u64) {
        let landed = match &op {
            Op::Add { marker, .. } => {
                let answer = probe_answer(marker);
                let new = disk
                    .iter()
                    .find(|(id, a)| **a == answer && !self.answers.contains_key(*id));
                new.map(|(id, _)| Op::Add {
                    id: id.clone(),
                    marker: marker.clone(),
                })
            }
            Op::Update { id, marker } => {
                let after = with_marker(&self.answers[id], marker);
                (disk.get(id) == Some(&after)).then(|| op.clone())
            }
            Op::Remove { id } => (!disk.contains_key(id)).then(|| op.clone()),
        };
        match landed {
            Some(op) => {
                self.apply(&op, round);
                stats.landed_unacked += 1;
            }
            None => stats.lost_unacked += 1,
        }
    }

    /// faq.toml holds exactly the model: nothing acknowledged is missing
    /// or stale, nothing appeared that no edit made.
    fn assert_matches(&self, disk: &Knowledge, round: u64) {
        let on_disk = faq_answers(disk);
        let ids = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<BTreeSet<_>>();
        let (want, got) = (ids(&self.answers), ids(&on_disk));
        let missing: Vec<_> = want.difference(&got).collect();
        let extra: Vec<_> = got.difference(&want).collect();
        assert!(
            missing.is_empty(),
            "round {round}: acknowledged entries lost: {missing:?}"
        );
        assert!(
            extra.is_empty(),
            "round {round}: entries nobody added: {extra:?}"
        );
        for (id, answer) in &self.answers {
            assert_eq!(&on_disk[id], answer, "round {round}: the answer of {id}");
        }
    }
}

#[derive(Debug, Default)]
struct Stats {
    adds: u64,
    updates: u64,
    removes: u64,
    /// Killed after the edit reached the disk, before it was acknowledged.
    landed_unacked: u64,
    /// Killed before the rename (or while waiting for the lock): the old
    /// file stayed.
    lost_unacked: u64,
    /// Of those, killed with the temporary file written but not renamed.
    killed_mid_write: u64,
    finished_before_kill: u64,
    leftover_tmp: usize,
    /// Saves by the hand editor, every one of which must be on disk.
    hand_saves: u64,
    /// Edits refused because faq.toml kept changing under them.
    refused: u64,
}

impl Stats {
    fn count(&mut self, op: &Op) {
        match op {
            Op::Add { .. } => self.adds += 1,
            Op::Update { .. } => self.updates += 1,
            Op::Remove { .. } => self.removes += 1,
        }
    }

    fn acked(&self) -> u64 {
        self.adds + self.updates + self.removes
    }

    fn report(&self, seed: u64, rounds: u64) {
        println!(
            "crash safety (seed {seed}): {rounds} rounds, {WRITERS} writers in \
             {PROCESSES} processes and a hand editor; {} hand saves; \
             {} edits refused as the file kept changing; \
             {} edits acknowledged ({} adds, {} updates, {} removes); \
             edits in flight at the kills: {} on disk though unacknowledged, {} not \
             ({} killed mid-write, temp file left); {} children finished first; \
             {} temp files left over",
            self.hand_saves,
            self.refused,
            self.acked(),
            self.adds,
            self.updates,
            self.removes,
            self.landed_unacked,
            self.lost_unacked,
            self.killed_mid_write,
            self.finished_before_kill,
            self.leftover_tmp,
        );
    }
}

/// Regression: `write_atomically` once named its temporary file after the
/// process only, so two calls on one path at once (two Stores on one
/// directory) shared it, and one write failed or a mixed file was
/// published. Each write now has its own temporary file.
#[test]
fn concurrent_atomic_writes_to_one_path_both_succeed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("faq.toml");
    let (a, b) = ("a".repeat(1 << 20), "b".repeat(1 << 20));
    for _ in 0..20 {
        let (ra, rb) = std::thread::scope(|s| {
            let wa = s.spawn(|| knotbot::store::write_atomically(&path, a.as_bytes()));
            let wb = s.spawn(|| knotbot::store::write_atomically(&path, b.as_bytes()));
            (wa.join().unwrap(), wb.join().unwrap())
        });
        assert!(ra.is_ok() && rb.is_ok(), "{ra:?} {rb:?}");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text == a || text == b, "a mixed file was published");
    }
}

// ---------------------------------------------------------------------------
// Shared by parent and child.
// ---------------------------------------------------------------------------

fn knowledge_dir(work: &Path) -> PathBuf {
    work.join("knowledge")
}

fn log_path(work: &Path, round: u64, writer: u64) -> PathBuf {
    work.join(format!("round-{round}-writer-{writer}.log"))
}

fn read_logs(work: &Path, round: u64) -> Vec<Vec<String>> {
    (0..WRITERS)
        .map(|w| {
            let text = std::fs::read_to_string(log_path(work, round, w)).unwrap_or_default();
            text.lines().map(str::to_string).collect()
        })
        .collect()
}

fn seed() -> u64 {
    env_number(SEED_ENV).unwrap_or(DEFAULT_SEED)
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| v.parse().expect(name))
}

fn faq_ids(k: &Knowledge) -> Vec<String> {
    k.entries
        .iter()
        .filter(|e| e.kind == EntryKind::Faq)
        .map(|e| e.id.clone())
        .collect()
}

fn faq_answers(k: &Knowledge) -> BTreeMap<String, String> {
    k.entries
        .iter()
        .filter(|e| e.kind == EntryKind::Faq)
        .map(|e| (e.id.clone(), e.body.clone()))
        .collect()
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| is_temp_file(n))
        .collect()
}

/// `write_atomically`'s `.faq.toml.<pid>.<n>.tmp`.
fn is_temp_file(name: &str) -> bool {
    name.strip_prefix(".faq.toml.")
        .and_then(|r| r.strip_suffix(".tmp"))
        .is_some_and(|id| id.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

/// A new entry whose question, alias and id are unique to this edit: the
/// id comes from the question's first six words, e.g.
/// `crash-probe-7-1-12-does`; the writer in it says who owns the entry.
fn probe_draft(round: u64, writer: u64, marker: &str) -> Draft {
    let seq = marker.rsplit('n').next().unwrap();
    Draft {
        question: format!("Crash probe {round} {writer} {seq} does a knot survive a kill?"),
        aliases: vec![format!("crash probe {round} {writer} {seq} knot")],
        answer: probe_answer(marker),
    }
}

fn probe_answer(marker: &str) -> String {
    with_marker(
        "A probe entry from the crash-safety test: stretch gently.",
        marker,
    )
}

/// The writer that owns a probe entry (none for shipped entries).
fn probe_owner(id: &str) -> Option<u64> {
    id.strip_prefix("crash-probe-")?
        .split('-')
        .nth(1)?
        .parse()
        .ok()
}

/// `answer` with its crash marker (if any) replaced by `marker`'s; the
/// marker is the last paragraph, so the shipped text stays as it was.
fn with_marker(answer: &str, marker: &str) -> String {
    let base = answer.split("\n\n[crash-marker ").next().unwrap();
    format!("{base}\n\n[crash-marker {marker}]")
}

/// splitmix64: deterministic and small.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % n
    }
}
