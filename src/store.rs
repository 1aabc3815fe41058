//! The knowledge as a moderator edits it: FAQ entries added, changed and
//! removed, persisted to `faq.toml` with nothing else in the file disturbed,
//! and the engine swapped whole once the change is safely on disk.
//!
//! Every edit follows the same path, one at a time:
//! 1. change the TOML text with `toml_edit`, so comments, order and
//!    formatting of the rest of the file survive;
//! 2. validate the whole knowledge base with the change, exactly like
//!    `knotbot check` — a bad edit is refused and nothing is written;
//! 3. write atomically (temporary file, fsync, rename, fsync of the
//!    directory), so a crash leaves the old file or the new, never a mix;
//! 4. build the new engine and swap it in; readers keep the engine they
//!    hold until their answer is done and are never blocked.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use arc_swap::ArcSwap;
use toml_edit::{Array, DocumentMut, Item, Table, Value};

use crate::engine::Engine;
use crate::knowledge::{Knowledge, KnowledgeError, Sources};
use crate::text::tokenize;

const FAQ_FILE: &str = "faq.toml";

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
    #[error("there is no FAQ entry with the id \"{0}\"")]
    NoSuchEntry(String),
    #[error("the question needs some words")]
    EmptyQuestion,
    #[error("the change would break the knowledge base:\n{0}")]
    Invalid(KnowledgeError),
    #[error("could not save the change: {0}")]
    Io(#[from] std::io::Error),
    #[error("faq.toml is not valid TOML any more (was it edited by hand?): {0}")]
    Unparsable(String),
}

/// The knowledge directory, its last good text, and the live engine.
pub struct Store {
    dir: PathBuf,
    /// The sources the live engine was built from; the lock also
    /// serialises edits and reloads.
    current: Mutex<Sources>,
    engine: SharedEngine,
}

impl Store {
    /// Loads and validates `dir`; refuses to start from a broken one.
    pub fn open(dir: &Path) -> Result<Store, KnowledgeError> {
        remove_stale_temporaries(dir);
        let sources = Sources::read_dir(dir)?;
        let engine = Engine::new(Knowledge::from_sources(&sources)?);
        Ok(Store {
            dir: dir.to_path_buf(),
            current: Mutex::new(sources),
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
        self.edit(|doc, knowledge| {
            let id = new_id(&draft.question, knowledge)?;
            let mut table = Table::new();
            table.insert("id", toml_edit::value(id.clone()));
            fill(&mut table, draft);
            faq_array(doc)?.push(table);
            Ok(id)
        })
    }

    /// Replaces the question, aliases and answer of entry `id`, keeping its
    /// other fields (keywords, related) and its place in the file.
    pub fn update(&self, id: &str, draft: &Draft) -> Result<(), EditError> {
        self.edit(|doc, _| {
            let table = find_entry(faq_array(doc)?, id)?;
            fill(table, draft);
            Ok(())
        })
    }

    /// Removes entry `id`.
    pub fn remove(&self, id: &str) -> Result<(), EditError> {
        self.edit(|doc, _| {
            let faqs = faq_array(doc)?;
            let at = faqs
                .iter()
                .position(|t| entry_id(t) == Some(id))
                .ok_or_else(|| EditError::NoSuchEntry(id.to_string()))?;
            faqs.remove(at);
            // Other entries referring to it would fail validation.
            for t in faqs.iter_mut() {
                drop_related(t, id);
            }
            Ok(())
        })
    }

    /// The entry as a moderator would edit it, for pre-filling a form.
    pub fn draft_of(&self, id: &str) -> Option<Draft> {
        let engine = self.engine.load();
        let e = engine.knowledge().entry(id)?;
        (e.kind == crate::knowledge::EntryKind::Faq).then(|| Draft {
            question: e.title.clone(),
            aliases: e.aliases.clone(),
            answer: e.body.clone(),
        })
    }

    /// Re-reads the directory after a change made outside the bot (a git
    /// pull, a hand edit). `Ok(true)` when new knowledge was swapped in,
    /// `Ok(false)` when nothing changed; on a problem the last good
    /// knowledge keeps serving and the problems are returned.
    pub fn reload(&self) -> Result<bool, KnowledgeError> {
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        let sources = Sources::read_dir(&self.dir)?;
        if sources == *current {
            return Ok(false);
        }
        let knowledge = Knowledge::from_sources(&sources)?;
        self.engine.store(Arc::new(Engine::new(knowledge)));
        *current = sources;
        Ok(true)
    }

    /// The shared path of every edit (see the module docs).
    fn edit<T>(
        &self,
        change: impl FnOnce(&mut DocumentMut, &Knowledge) -> Result<T, EditError>,
    ) -> Result<T, EditError> {
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        let mut doc: DocumentMut = current
            .get(FAQ_FILE)
            .text
            .parse()
            .map_err(|e: toml_edit::TomlError| EditError::Unparsable(e.to_string()))?;
        let result = change(&mut doc, self.engine.load().knowledge())?;
        let candidate = current.with_text(FAQ_FILE, doc.to_string());
        let knowledge = Knowledge::from_sources(&candidate).map_err(EditError::Invalid)?;
        write_atomically(
            &self.dir.join(FAQ_FILE),
            candidate.get(FAQ_FILE).text.as_bytes(),
        )?;
        self.engine.store(Arc::new(Engine::new(knowledge)));
        *current = candidate;
        Ok(result)
    }
}

fn faq_array(doc: &mut DocumentMut) -> Result<&mut toml_edit::ArrayOfTables, EditError> {
    if !doc.contains_key("faq") {
        doc.insert("faq", Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
    }
    doc["faq"]
        .as_array_of_tables_mut()
        .ok_or_else(|| EditError::Unparsable("`faq` is not a list of [[faq]] tables".into()))
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

/// Sets question, aliases and answer, in the file's usual layout: aliases
/// one per line, the answer as a multi-line string.
fn fill(table: &mut Table, draft: &Draft) {
    table.insert("question", toml_edit::value(draft.question.trim()));
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
    table.insert("answer", toml_edit::value(multiline(draft.answer.trim())));
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

/// An id from the question's words, unique among all ids.
fn new_id(question: &str, knowledge: &Knowledge) -> Result<String, EditError> {
    let words: Vec<String> = tokenize(question)
        .into_iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_alphanumeric()))
        .take(6)
        .collect();
    if words.is_empty() {
        return Err(EditError::EmptyQuestion);
    }
    let base = words.join("-");
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

/// Writes `bytes` to `path` so that a crash at any moment leaves either the
/// old file or the new one, whole. The file keeps its permissions, and a
/// symlinked file is written through the link.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("knowledge");
    // Unique per write, so two writers can never share a temporary file.
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}{TMP_SUFFIX}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        if let Ok(old) = std::fs::metadata(&path) {
            file.set_permissions(old.permissions())?;
        }
        file.sync_all()?;
        std::fs::rename(&tmp, &path)?;
        // The rename itself must reach the disk too.
        std::fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

const TMP_SUFFIX: &str = ".tmp";

/// Removes temporary files a crash left behind in `dir`. They never count
/// as knowledge, but they should not pile up either.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.')
            && name.ends_with(TMP_SUFFIX)
            && crate::knowledge::FILE_NAMES
                .iter()
                .any(|f| name.starts_with(&format!(".{f}.")))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
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
        let before = std::fs::read_to_string(dir.path().join(FAQ_FILE)).unwrap();
        let id = store
            .add(&draft(
                "Can a knot sit where the glute meets the hamstring?",
            ))
            .unwrap();
        assert_eq!(id, "can-a-knot-sit-where-the");
        let after = std::fs::read_to_string(dir.path().join(FAQ_FILE)).unwrap();
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
        let before = std::fs::read_to_string(dir.path().join(FAQ_FILE)).unwrap();
        let taken = store.draft_of("sitting").unwrap().aliases[0].clone();
        let mut d = draft("A question whose alias is taken?");
        d.aliases = vec![taken];
        assert!(matches!(store.add(&d), Err(EditError::Invalid(_))));
        let mut long = draft("A question with a huge answer?");
        long.answer = "x".repeat(5000);
        assert!(matches!(store.add(&long), Err(EditError::Invalid(_))));
        assert_eq!(
            std::fs::read_to_string(dir.path().join(FAQ_FILE)).unwrap(),
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
    fn reload_picks_up_good_files_and_refuses_broken_ones() {
        let (dir, store) = store();
        assert!(!store.reload().unwrap(), "nothing changed");
        let path = dir.path().join(FAQ_FILE);
        let good = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            good.replace(
                "Can a wallet or phone in my back pocket cause glute pain?",
                "Can a wallet in my back pocket give me a sore glute?",
            ),
        )
        .unwrap();
        assert!(store.reload().unwrap());
        std::fs::write(&path, format!("{good}\n[[faq]\n")).unwrap();
        assert!(store.reload().is_err());
        assert!(
            store
                .engine()
                .load()
                .answer("what is wallet neuritis")
                .matched
                .is_some(),
            "last good knowledge still serves"
        );
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
    fn opening_removes_temporaries_a_crash_left_behind() {
        let (dir, _) = store();
        let stale = dir.path().join(".faq.toml.999.3.tmp");
        std::fs::write(&stale, "half a file").unwrap();
        Store::open(dir.path()).unwrap();
        assert!(!stale.exists());
    }

    #[cfg(unix)]
    #[test]
    fn an_edit_keeps_the_file_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, store) = store();
        let path = dir.path().join(FAQ_FILE);
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
