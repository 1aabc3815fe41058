//! The knowledge as a moderator edits it: FAQ entries and topics added,
//! changed and removed, persisted to `faq.toml` or `topics.toml` with
//! nothing else in the file disturbed, and the engine swapped whole once
//! the change is safely on disk.
//!
//! Every edit follows the same path, one at a time in this process and,
//! through [`disk::DirLock`], one at a time across knotbot processes:
//! 1. read the knowledge files as they are on disk *now* (a hand edit or
//!    another bot may have changed them since we loaded); if they do not
//!    load, refuse and say which file and line is broken;
//! 2. change the TOML text with `toml_edit`, so comments, order and
//!    formatting of the rest of the file survive;
//! 3. validate the whole knowledge base with the change, exactly like
//!    `knotbot check` — a bad edit is refused and nothing is written;
//! 4. replace the file atomically, and only if it still holds what the edit
//!    was built on (otherwise start again from the new text), so a crash
//!    leaves the old file or the new, and no hand edit is overwritten;
//! 5. build the new engine and swap it in; readers keep the engine they
//!    hold until their answer is done and are never blocked.

mod disk;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use arc_swap::ArcSwap;
use toml_edit::{Array, DocumentMut, Item, Table, Value};

use crate::engine::Engine;
use crate::knowledge::{EntryKind, Knowledge, KnowledgeError, KnowledgeFile, Sources};
use crate::text::tokenize;

pub use disk::{replace_if_unchanged, write_atomically, DirLock, STALE_AFTER};

#[cfg(test)]
const FAQ_FILE: KnowledgeFile = KnowledgeFile::Faq;

/// Where the entries of one kind live, and what their fields are called.
struct Layout {
    file: KnowledgeFile,
    /// The array of tables: `[[faq]]` or `[[topic]]`.
    table: &'static str,
    title: &'static str,
    body: &'static str,
    /// What new ids start with (`knotbot check` wants topics' `topic-`).
    id_prefix: &'static str,
}

const FAQ: Layout = Layout {
    file: KnowledgeFile::Faq,
    table: "faq",
    title: "question",
    body: "answer",
    id_prefix: "",
};

const TOPIC: Layout = Layout {
    file: KnowledgeFile::Topics,
    table: "topic",
    title: "name",
    body: "summary",
    id_prefix: "topic-",
};

fn layout(kind: EntryKind) -> &'static Layout {
    match kind {
        EntryKind::Faq => &FAQ,
        EntryKind::Topic => &TOPIC,
    }
}

/// Longest id an edit may create; validation allows a little more (see
/// [`crate::knowledge::ID_LIMIT`]) for hand-written ids.
const NEW_ID_LIMIT: usize = 48;

/// How often an edit starts again because the file changed under it
/// before giving up (someone saving by hand in a tight loop).
const EDIT_ATTEMPTS: usize = 5;

/// The engine everyone answers with; swapped whole when knowledge changes.
pub type SharedEngine = Arc<ArcSwap<Engine>>;

/// What a moderator writes for an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub question: String,
    pub aliases: Vec<String>,
    pub answer: String,
}

/// Why an edit was refused; each says what the moderator can do about it.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("there is no entry with the id \"{0}\"")]
    NoSuchEntry(String),
    /// Entries in another file link to the one being removed.
    #[error("other entries still link to it under `related` ({0}); edit them first, nothing was removed")]
    StillLinked(String),
    /// Warning-sign categories send members to it: a sign always needs an
    /// entry that explains it, so removing it is left to the operator.
    #[error("warning signs send members to it ({0}), so it stays; edit its text instead, or ask the operator to change red_flags.toml")]
    ExplainsSigns(String),
    #[error("the question needs some words")]
    EmptyQuestion,
    #[error("the change would break the knowledge base:\n{0}")]
    Invalid(KnowledgeError),
    /// The files on disk do not load as they are (a hand edit in progress,
    /// a bad pull): nothing is written until they are fixed.
    #[error("the knowledge files on disk have problems, so nothing was changed:\n{0}")]
    BrokenOnDisk(KnowledgeError),
    /// The file kept changing while the edit was being made.
    #[error("the file kept changing on disk while saving; nothing was changed, try again")]
    Busy,
    #[error("could not save the change: {0}")]
    Io(#[from] std::io::Error),
}

/// What [`Store::reload`] found.
#[derive(Debug)]
pub enum Reload {
    /// The files are as last seen (good or broken): nothing to do or say.
    Unchanged,
    /// New knowledge is live.
    Reloaded,
    /// The files changed and do not load; the last good knowledge serves.
    /// Reported once per broken state, not on every wake-up.
    Broken(KnowledgeError),
}

/// The knowledge directory, its last good text, and the live engine.
pub struct Store {
    dir: PathBuf,
    /// The lock serialises edits and reloads in this process.
    state: Mutex<State>,
    engine: SharedEngine,
}

struct State {
    /// The sources the live engine was built from.
    current: Sources,
    /// The files as last read when they did not load (or the read error),
    /// so the same broken state is reported once.
    broken: Option<Result<Sources, String>>,
}

impl Store {
    /// Loads and validates `dir`; refuses to start from a broken one.
    pub fn open(dir: &Path) -> Result<Store, KnowledgeError> {
        disk::remove_stale_temporaries(dir, &crate::knowledge::FILE_NAMES);
        let sources = Sources::read_dir(dir)?;
        let engine = build(&sources)?;
        Ok(Store {
            dir: dir.to_path_buf(),
            state: Mutex::new(State {
                current: sources,
                broken: None,
            }),
            engine: Arc::new(ArcSwap::from_pointee(engine)),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A handle readers keep; `load()` on it gives the live engine.
    pub fn engine(&self) -> SharedEngine {
        self.engine.clone()
    }

    /// Adds a new FAQ entry; returns its id (made from the question).
    pub fn add(&self, draft: &Draft) -> Result<String, EditError> {
        self.add_entry(EntryKind::Faq, draft)
    }

    /// Replaces the question, aliases and answer of FAQ entry `id`.
    pub fn update(&self, id: &str, draft: &Draft) -> Result<(), EditError> {
        self.update_entry(EntryKind::Faq, id, draft)
    }

    /// Removes FAQ entry `id`.
    pub fn remove(&self, id: &str) -> Result<(), EditError> {
        self.remove_entry(EntryKind::Faq, id)
    }

    /// The FAQ entry as a moderator would edit it, for pre-filling a form.
    pub fn draft_of(&self, id: &str) -> Option<Draft> {
        self.draft_of_entry(EntryKind::Faq, id)
    }

    /// Adds a new entry of `kind`; returns its id (made from the title).
    pub fn add_entry(&self, kind: EntryKind, draft: &Draft) -> Result<String, EditError> {
        let l = layout(kind);
        self.edit(l.file, |doc, knowledge| {
            let id = new_id(l.id_prefix, &draft.question, knowledge)?;
            let mut table = Table::new();
            table.insert("id", toml_edit::value(id.clone()));
            fill(&mut table, l, draft);
            entries(doc, l)?.push(table);
            Ok(id)
        })
    }

    /// Replaces the title, aliases and text of entry `id`, keeping its
    /// other fields (keywords, related) and its place in the file.
    pub fn update_entry(&self, kind: EntryKind, id: &str, draft: &Draft) -> Result<(), EditError> {
        let l = layout(kind);
        self.edit(l.file, |doc, _| {
            let table = find_entry(entries(doc, l)?, id)?;
            fill(table, l, draft);
            Ok(())
        })
    }

    /// Removes entry `id`, and links to it from entries in the same file.
    /// Refused while entries in the other file link to it.
    pub fn remove_entry(&self, kind: EntryKind, id: &str) -> Result<(), EditError> {
        let l = layout(kind);
        self.edit(l.file, |doc, knowledge| {
            let linked: Vec<String> = knowledge
                .entries
                .iter()
                .filter(|e| e.kind != kind && e.related.iter().any(|r| r == id))
                .map(|e| format!("`{}`", e.id))
                .collect();
            if !linked.is_empty() {
                return Err(EditError::StillLinked(linked.join(", ")));
            }
            let signs: Vec<String> = knowledge
                .red_flags
                .categories
                .iter()
                .filter(|c| c.answers.iter().chain(&c.owns).any(|a| a == id))
                .map(|c| format!("`{}`", c.id))
                .collect();
            if !signs.is_empty() {
                return Err(EditError::ExplainsSigns(signs.join(", ")));
            }
            let list = entries(doc, l)?;
            let at = list
                .iter()
                .position(|t| entry_id(t) == Some(id))
                .ok_or_else(|| EditError::NoSuchEntry(id.to_string()))?;
            list.remove(at);
            // Other entries referring to it would fail validation.
            for t in list.iter_mut() {
                drop_related(t, id);
            }
            Ok(())
        })
    }

    /// The entry of `kind` as a moderator would edit it.
    pub fn draft_of_entry(&self, kind: EntryKind, id: &str) -> Option<Draft> {
        let engine = self.engine.load();
        let e = engine.knowledge().entry(id)?;
        (e.kind == kind).then(|| Draft {
            question: e.title.clone(),
            aliases: e.aliases.clone(),
            answer: e.body.clone(),
        })
    }

    /// Re-reads the directory after a change made outside the bot (a git
    /// pull, a hand edit). On a problem the last good knowledge keeps
    /// serving.
    pub fn reload(&self) -> Reload {
        let mut state = self.lock_state();
        let read = Sources::read_dir(&self.dir);
        if read.as_ref().ok() == Some(&state.current) {
            state.broken = None;
            return Reload::Unchanged;
        }
        let seen = read.clone().map_err(|e| e.to_string());
        if state.broken.as_ref() == Some(&seen) {
            return Reload::Unchanged;
        }
        match read.and_then(|s| build(&s).map(|engine| (s, engine))) {
            Ok((sources, engine)) => {
                self.engine.store(Arc::new(engine));
                *state = State {
                    current: sources,
                    broken: None,
                };
                Reload::Reloaded
            }
            Err(problems) => {
                state.broken = Some(seen);
                Reload::Broken(problems)
            }
        }
    }

    fn lock_state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The shared path of every edit (see the module docs).
    fn edit<T>(
        &self,
        file: KnowledgeFile,
        change: impl Fn(&mut DocumentMut, &Knowledge) -> Result<T, EditError>,
    ) -> Result<T, EditError> {
        let mut state = self.lock_state();
        let (result, sources, engine) = {
            let _others = DirLock::exclusive(&self.dir)?;
            self.edit_on_disk(file, &state.current, &change)?
        };
        self.engine.store(Arc::new(engine));
        *state = State {
            current: sources,
            broken: None,
        };
        Ok(result)
    }

    /// Applies `change` to `file` as it is on disk, retrying when the file
    /// changes under the edit; returns what was written, validated.
    fn edit_on_disk<T>(
        &self,
        file: KnowledgeFile,
        current: &Sources,
        change: &impl Fn(&mut DocumentMut, &Knowledge) -> Result<T, EditError>,
    ) -> Result<(T, Sources, Engine), EditError> {
        let path = self.dir.join(file.name());
        for _ in 0..EDIT_ATTEMPTS {
            let sources = Sources::read_dir(&self.dir).map_err(EditError::BrokenOnDisk)?;
            // The usual case: the disk is what the live engine was built
            // from, already validated.
            // Loading is enough to tell a broken file on disk; the full
            // engine (with the red-flag examples) is built once, for the
            // edited files.
            let on_disk = if sources == *current {
                None
            } else {
                Some(Knowledge::from_sources(&sources).map_err(EditError::BrokenOnDisk)?)
            };
            let live = self.engine.load();
            let knowledge = on_disk.as_ref().unwrap_or_else(|| live.knowledge());
            let base = &sources.get(file).text;
            let mut doc: DocumentMut = base.parse().map_err(|e: toml_edit::TomlError| {
                let shown = path.display().to_string();
                let problem = crate::knowledge::at_span(&shown, base, e.span(), e.message());
                EditError::BrokenOnDisk(KnowledgeError(vec![problem]))
            })?;
            let result = change(&mut doc, knowledge)?;
            let candidate = sources.with_text(file, doc.to_string());
            let new = build(&candidate).map_err(EditError::Invalid)?;
            let text = &candidate.get(file).text;
            if disk::replace_if_unchanged(&path, text.as_bytes(), base)? {
                return Ok((result, candidate, new));
            }
            tracing::info!(
                file = file.name(),
                "the file changed on disk during an edit; building the edit again on the new text"
            );
        }
        Err(EditError::Busy)
    }
}

/// The engine for `sources`, if they load and their red-flag examples hold.
fn build(sources: &Sources) -> Result<Engine, KnowledgeError> {
    let knowledge = Knowledge::from_sources(sources)?;
    Engine::checked(knowledge, &sources.get(KnowledgeFile::RedFlags).name)
}

fn entries<'a>(
    doc: &'a mut DocumentMut,
    l: &Layout,
) -> Result<&'a mut toml_edit::ArrayOfTables, EditError> {
    if !doc.contains_key(l.table) {
        doc.insert(
            l.table,
            Item::ArrayOfTables(toml_edit::ArrayOfTables::new()),
        );
    }
    doc[l.table].as_array_of_tables_mut().ok_or_else(|| {
        EditError::BrokenOnDisk(KnowledgeError(vec![crate::knowledge::Problem::new(
            l.file.name(),
            1,
            format!("`{0}` is not a list of [[{0}]] tables", l.table),
        )]))
    })
}

fn entry_id(t: &Table) -> Option<&str> {
    t.get("id").and_then(Item::as_str)
}

fn find_entry<'a>(
    faqs: &'a mut toml_edit::ArrayOfTables,
    id: &str,
) -> Result<&'a mut Table, EditError> {
    faqs.iter_mut()
        .find(|t| entry_id(t) == Some(id))
        .ok_or_else(|| EditError::NoSuchEntry(id.to_string()))
}

/// Sets title, aliases and text, in the file's usual layout: aliases one
/// per line, the text as a multi-line string.
fn fill(table: &mut Table, l: &Layout, draft: &Draft) {
    table.insert(l.title, toml_edit::value(draft.question.trim()));
    let mut aliases = Array::new();
    for alias in draft
        .aliases
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
    {
        let mut v = Value::from(alias);
        v.decor_mut().set_prefix("\n  ");
        aliases.push_formatted(v);
    }
    aliases.set_trailing("\n");
    aliases.set_trailing_comma(true);
    table.insert("aliases", toml_edit::value(aliases));
    table.insert(l.body, toml_edit::value(multiline(draft.answer.trim())));
}

/// A TOML multi-line basic string (`"""…"""`), as hand-written entries use.
fn multiline(text: &str) -> Value {
    let escaped = text.replace('\\', "\\\\").replace("\"\"\"", "\"\"\\\"");
    let repr = format!("\"\"\"\n{escaped}\n\"\"\"");
    // Parsing our own rendering gives a value that keeps this layout; fall
    // back to a plain string if the text has something TOML cannot hold.
    repr.parse::<Value>().unwrap_or_else(|_| Value::from(text))
}

fn drop_related(table: &mut Table, id: &str) {
    if let Some(list) = table.get_mut("related").and_then(Item::as_array_mut) {
        list.retain(|v| v.as_str() != Some(id));
    }
}

/// An id from the title's words after `prefix`, unique among all ids.
fn new_id(prefix: &str, question: &str, knowledge: &Knowledge) -> Result<String, EditError> {
    let words: Vec<String> = tokenize(question)
        .into_iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_alphanumeric()))
        .take(6)
        .collect();
    if words.is_empty() {
        return Err(EditError::EmptyQuestion);
    }
    // Short enough for Discord's 100-character custom ids, with room for
    // a numbered suffix.
    let mut base = prefix.to_string();
    for word in &words {
        let word: String = word.chars().take(NEW_ID_LIMIT).collect();
        let started = base.len() > prefix.len();
        if started && base.len() + 1 + word.len() > NEW_ID_LIMIT {
            break;
        }
        if started {
            base.push('-');
        }
        base.push_str(&word);
    }
    let taken = |id: &str| knowledge.all_ids().any(|k| k == id);
    let id = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken(id))
        .expect("some numbered id is free");
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        for (name, file) in crate::knowledge::FILE_NAMES
            .iter()
            .zip(Sources::embedded().files)
        {
            std::fs::write(dir.path().join(name), file.text).unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        (dir, store)
    }

    fn draft(q: &str) -> Draft {
        Draft {
            question: q.into(),
            aliases: vec![
                "hamstring and glute knot combo".into(),
                "knot where glute meets hamstring".into(),
            ],
            answer: "Line one with \"quotes\" and a \\ backslash.\n\n- a bullet\n- another".into(),
        }
    }

    #[test]
    fn add_persists_answers_and_keeps_the_rest_of_the_file() {
        let (dir, store) = store();
        let before = std::fs::read_to_string(dir.path().join(FAQ_FILE.name())).unwrap();
        let id = store
            .add(&draft(
                "Can a knot sit where the glute meets the hamstring?",
            ))
            .unwrap();
        assert_eq!(id, "can-a-knot-sit-where-the");
        let after = std::fs::read_to_string(dir.path().join(FAQ_FILE.name())).unwrap();
        assert!(
            after.starts_with(&before),
            "the existing text, comments included, is untouched"
        );
        assert!(
            after.contains("answer = \"\"\"\nLine one"),
            "answer written as a multi-line string:\n{}",
            &after[before.len()..]
        );
        let reloaded = Knowledge::load_dir(dir.path()).unwrap();
        assert_eq!(reloaded.entry(&id).unwrap().body, draft("x").answer);
        let answer = store
            .engine()
            .load()
            .answer("knot where my glute meets the hamstring");
        assert_eq!(answer.matched.map(|m| m.id), Some(id));
    }

    #[test]
    fn update_changes_only_that_entry() {
        let (dir, store) = store();
        let mut d = store.draft_of("wallet-pocket").unwrap();
        d.answer = "A shorter answer about wallets.".into();
        store.update("wallet-pocket", &d).unwrap();
        let k = Knowledge::load_dir(dir.path()).unwrap();
        assert_eq!(
            k.entry("wallet-pocket").unwrap().body,
            "A shorter answer about wallets."
        );
        assert!(
            !k.entry("wallet-pocket").unwrap().keywords.is_empty(),
            "keywords kept"
        );
        assert_eq!(
            k.entry("sitting").unwrap(),
            Knowledge::shipped().unwrap().entry("sitting").unwrap()
        );
    }

    #[test]
    fn remove_drops_the_entry_and_references_to_it() {
        let (dir, store) = store();
        store.remove("wallet-pocket").unwrap();
        let k = Knowledge::load_dir(dir.path()).unwrap();
        assert!(k.entry("wallet-pocket").is_none());
        assert!(k
            .entries
            .iter()
            .all(|e| !e.related.iter().any(|r| r == "wallet-pocket")));
        assert!(matches!(
            store.remove("wallet-pocket"),
            Err(EditError::NoSuchEntry(_))
        ));
    }

    #[test]
    fn a_bad_edit_writes_nothing_and_keeps_serving() {
        let (dir, store) = store();
        let before = std::fs::read_to_string(dir.path().join(FAQ_FILE.name())).unwrap();
        let taken = store.draft_of("sitting").unwrap().aliases[0].clone();
        let mut d = draft("A question whose alias is taken?");
        d.aliases = vec![taken];
        assert!(matches!(store.add(&d), Err(EditError::Invalid(_))));
        let mut long = draft("A question with a huge answer?");
        long.answer = "x".repeat(5000);
        assert!(matches!(store.add(&long), Err(EditError::Invalid(_))));
        assert_eq!(
            std::fs::read_to_string(dir.path().join(FAQ_FILE.name())).unwrap(),
            before
        );
        assert!(store
            .engine()
            .load()
            .answer("wallet in my back pocket")
            .matched
            .is_some());
    }

    #[test]
    fn reload_picks_up_good_files_and_reports_a_broken_state_once() {
        let (dir, store) = store();
        assert!(matches!(store.reload(), Reload::Unchanged));
        let path = dir.path().join(FAQ_FILE.name());
        let good = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            good.replace(
                "Can a wallet or phone in my back pocket cause glute pain?",
                "Can a wallet in my back pocket give me a sore glute?",
            ),
        )
        .unwrap();
        assert!(matches!(store.reload(), Reload::Reloaded));
        std::fs::write(&path, format!("{good}\n[[faq]\n")).unwrap();
        assert!(matches!(store.reload(), Reload::Broken(_)));
        assert!(
            matches!(store.reload(), Reload::Unchanged),
            "the same broken file is not reported again"
        );
        std::fs::write(&path, format!("{good}\n[[faq]]\n")).unwrap();
        assert!(
            matches!(store.reload(), Reload::Broken(_)),
            "a different problem is"
        );
        assert!(
            store
                .engine()
                .load()
                .answer("what is wallet neuritis")
                .matched
                .is_some(),
            "last good knowledge still serves"
        );
        std::fs::write(&path, &good).unwrap();
        assert!(matches!(store.reload(), Reload::Reloaded));
    }

    /// A hand edit half done (the file does not parse) when a moderator
    /// adds from Discord: the add is refused with the file and line, and
    /// the hand-written text stays exactly as it was.
    #[test]
    fn an_edit_on_a_broken_file_is_refused_and_the_file_kept() {
        let (dir, store) = store();
        let path = dir.path().join(FAQ_FILE.name());
        let good = std::fs::read_to_string(&path).unwrap();
        let line = good.lines().count() + 3; // the `id = "half-written` line
        let broken = format!("{good}\n[[faq]]\nid = \"half-written\nquestion = \"Mine?\"\n");
        std::fs::write(&path, &broken).unwrap();
        match store.add(&draft("Does a knot show up on an x-ray?")) {
            Err(EditError::BrokenOnDisk(e)) => {
                let p = &e.0[0];
                assert!(p.file.ends_with("faq.toml"), "{e}");
                assert_eq!(p.line, line, "{e}");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    }

    /// An entry saved on disk a moment before a Discord edit, before any
    /// reload saw it, is kept, and the edit is made on top of it.
    #[test]
    fn an_edit_keeps_a_hand_edit_the_bot_has_not_reloaded_yet() {
        let (dir, store) = store();
        let path = dir.path().join(FAQ_FILE.name());
        let hand = "\n[[faq]]\nid = \"by-hand\"\nquestion = \"Is a hand-written entry kept?\"\naliases = [\"hand written entry kept\"]\nanswer = \"Yes.\"\n";
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        std::io::Write::write_all(&mut file, hand.as_bytes()).unwrap();
        let id = store
            .add(&draft("Does a knot show up on an x-ray?"))
            .unwrap();
        store.remove("wallet-pocket").unwrap();
        let k = Knowledge::load_dir(dir.path()).unwrap();
        assert!(k.entry("by-hand").is_some(), "the hand edit survived");
        assert!(k.entry(&id).is_some());
        assert!(k.entry("wallet-pocket").is_none());
        assert!(std::fs::read_to_string(&path)
            .unwrap()
            .contains(hand.trim()));
        assert!(
            store.engine().load().knowledge().entry("by-hand").is_some(),
            "and it is live"
        );
    }

    /// Two stores on one directory (two bot processes): each builds its
    /// edit on the other's, so neither loses an acknowledged edit.
    #[test]
    fn two_stores_on_one_directory_keep_each_others_edits() {
        let (dir, a) = store();
        let b = Store::open(dir.path()).unwrap();
        let mut ids = Vec::new();
        for n in 0..3 {
            let mut d = draft(&format!("Probe {n} from store a about knots?"));
            d.aliases = vec![format!("probe {n} a knot")];
            ids.push(a.add(&d).unwrap());
            let mut d = draft(&format!("Probe {n} from store b about knots?"));
            d.aliases = vec![format!("probe {n} b knot")];
            ids.push(b.add(&d).unwrap());
        }
        let k = Knowledge::load_dir(dir.path()).unwrap();
        for id in &ids {
            assert!(k.entry(id).is_some(), "{id} was lost");
        }
    }

    #[test]
    fn a_failed_directory_sync_is_a_saved_edit_not_a_failed_one() {
        let (dir, store) = store();
        disk::FAIL_DIR_SYNC.with(|f| f.set(true));
        let added = store.add(&draft("Does a knot show up on an x-ray?"));
        disk::FAIL_DIR_SYNC.with(|f| f.set(false));
        let id = added.expect("the file was replaced, so the edit is saved");
        let k = Knowledge::load_dir(dir.path()).unwrap();
        assert!(k.entry(&id).is_some());
        assert!(k.entry(&format!("{id}-2")).is_none());
    }

    #[test]
    fn ids_made_from_long_questions_stay_short() {
        let (_dir, store) = store();
        let mut d = draft("Pneumonoultramicroscopicsilicovolcanoconiosis supercalifragilisticexpialidocious antidisestablishmentarianism knot?");
        d.aliases = vec!["very long words knot".into()];
        let id = store.add(&d).unwrap();
        assert!(id.len() <= NEW_ID_LIMIT, "{id}");
        d.aliases = vec!["very long words knot again".into()];
        d.question.push_str(" Again?");
        let again = store.add(&d).unwrap();
        assert!(again.len() <= crate::knowledge::ID_LIMIT, "{again}");
    }

    #[test]
    fn an_answer_at_the_limit_is_saved_and_one_past_it_refused() {
        let (_dir, store) = store();
        let limit = crate::knowledge::ANSWER_LIMIT;
        let mut at = draft("How long may an answer be?");
        at.answer = "a".repeat(limit);
        store.add(&at).expect("exactly at the limit is fine");
        let mut over = draft("How long may an answer be, really?");
        over.aliases = vec!["answer length check".into()];
        over.answer = "a".repeat(limit + 1);
        match store.add(&over) {
            Err(EditError::Invalid(e)) => {
                assert!(e.to_string().contains(&format!("{}", limit + 1)))
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn opening_removes_only_stale_temporaries() {
        let (dir, _) = store();
        let stale = dir.path().join(".faq.toml.999.3.tmp");
        let live = dir.path().join(".faq.toml.1000.0.tmp");
        std::fs::write(&stale, "half a file").unwrap();
        std::fs::write(&live, "another process's write in progress").unwrap();
        let old = std::time::SystemTime::now() - STALE_AFTER - std::time::Duration::from_secs(1);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        Store::open(dir.path()).unwrap();
        assert!(!stale.exists());
        assert!(live.exists());
    }

    #[cfg(unix)]
    #[test]
    fn an_edit_keeps_the_file_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, store) = store();
        let path = dir.path().join(FAQ_FILE.name());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        store
            .add(&draft("Does a knot show up on an x-ray?"))
            .unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn topics_are_added_edited_and_removed_in_topics_toml() {
        let (dir, store) = store();
        let faq_before = std::fs::read_to_string(dir.path().join("faq.toml")).unwrap();
        let topic = Draft {
            question: "Hamstrings".into(),
            aliases: vec!["hammies".into(), "back of the thigh muscles".into()],
            answer: "The three muscles at the back of the thigh.".into(),
        };
        let id = store.add_entry(EntryKind::Topic, &topic).unwrap();
        assert_eq!(id, "topic-hamstrings");
        let text = std::fs::read_to_string(dir.path().join("topics.toml")).unwrap();
        assert!(text.contains("name = \"Hamstrings\"") && text.contains("summary = \"\"\""));
        assert!(
            store.engine().load().knowledge().entry(&id).is_some(),
            "live at once"
        );
        let changed = Draft {
            answer: "Semitendinosus, semimembranosus and biceps femoris.".into(),
            ..topic
        };
        store.update_entry(EntryKind::Topic, &id, &changed).unwrap();
        assert_eq!(
            store.draft_of_entry(EntryKind::Topic, &id).unwrap(),
            changed
        );
        assert!(store.draft_of(&id).is_none(), "not a FAQ entry");
        store.remove_entry(EntryKind::Topic, &id).unwrap();
        assert!(store.draft_of_entry(EntryKind::Topic, &id).is_none());
        let faq_after = std::fs::read_to_string(dir.path().join("faq.toml")).unwrap();
        assert_eq!(faq_before, faq_after, "faq.toml is untouched");
    }

    #[test]
    fn a_topic_linked_from_the_faq_is_not_removed() {
        let (dir, store) = store();
        let linked = store
            .engine()
            .load()
            .knowledge()
            .entries
            .iter()
            .filter(|e| e.kind == EntryKind::Faq)
            .flat_map(|e| e.related.clone())
            .find(|r| r.starts_with("topic-"))
            .expect("some FAQ entry links a topic");
        let before = std::fs::read_to_string(dir.path().join("topics.toml")).unwrap();
        let refused = store.remove_entry(EntryKind::Topic, &linked).unwrap_err();
        assert!(matches!(refused, EditError::StillLinked(_)), "{refused}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("topics.toml")).unwrap(),
            before
        );
    }

    #[test]
    fn an_entry_that_explains_a_warning_sign_is_not_removed() {
        let (dir, store) = store();
        let before = std::fs::read_to_string(dir.path().join("faq.toml")).unwrap();
        let refused = store
            .remove_entry(EntryKind::Faq, "cauda-equina")
            .unwrap_err();
        assert!(matches!(refused, EditError::ExplainsSigns(_)), "{refused}");
        assert!(
            refused.to_string().contains("`sexual-change-back-pain`"),
            "{refused}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("faq.toml")).unwrap(),
            before
        );
        assert!(store
            .engine()
            .load()
            .knowledge()
            .entry("cauda-equina")
            .is_some());
    }

    #[test]
    fn ids_never_collide() {
        let (_dir, store) = store();
        let a = store.add(&draft("Glute knot from cycling a lot?")).unwrap();
        let mut d = draft("Glute knot from cycling a lot, why?");
        d.aliases = vec!["saddle sore glute knot".into()];
        let b = store.add(&d).unwrap();
        assert_ne!(a, b);
        assert_eq!(b, format!("{a}-2"));
    }
}
