//! The raw text of the knowledge files, from a directory or the binary.

use std::path::Path;

use super::{KnowledgeError, Problem};

/// The files that make up a knowledge base, all required. A file is named
/// by this enum everywhere in the code, so a misspelt name cannot compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KnowledgeFile {
    Faq,
    Topics,
    RedFlags,
    Stretches,
    Lexicon,
    Replies,
}

impl KnowledgeFile {
    /// The file's name in the knowledge directory.
    pub const fn name(self) -> &'static str {
        match self {
            KnowledgeFile::Faq => "faq.toml",
            KnowledgeFile::Topics => "topics.toml",
            KnowledgeFile::RedFlags => "red_flags.toml",
            KnowledgeFile::Stretches => "stretches.toml",
            KnowledgeFile::Lexicon => "lexicon.toml",
            KnowledgeFile::Replies => "replies.toml",
        }
    }
}

/// The file names, in the order of `KnowledgeFile` (which indexes `Sources`).
pub const FILE_NAMES: [&str; 6] = [
    KnowledgeFile::Faq.name(),
    KnowledgeFile::Topics.name(),
    KnowledgeFile::RedFlags.name(),
    KnowledgeFile::Stretches.name(),
    KnowledgeFile::Lexicon.name(),
    KnowledgeFile::Replies.name(),
];

const EMBEDDED: [&str; 6] = [
    include_str!("../../knowledge/faq.toml"),
    include_str!("../../knowledge/topics.toml"),
    include_str!("../../knowledge/red_flags.toml"),
    include_str!("../../knowledge/stretches.toml"),
    include_str!("../../knowledge/lexicon.toml"),
    include_str!("../../knowledge/replies.toml"),
];

/// Largest knowledge file read: ten thousand entries take about 3 MB, and a
/// file far past that is a mistake (or an attack) that must not eat memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path shown in messages, e.g. `knowledge/faq.toml`.
    pub name: String,
    pub text: String,
}

/// One text per name of [`FILE_NAMES`], in that order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    pub files: Vec<SourceFile>,
}

impl Sources {
    pub fn embedded() -> Sources {
        let files = FILE_NAMES
            .iter()
            .zip(EMBEDDED)
            .map(|(name, text)| SourceFile {
                name: format!("knowledge/{name}"),
                text: text.to_string(),
            })
            .collect();
        Sources { files }
    }

    /// Reads every knowledge file in `dir`; a missing or unreadable file is
    /// reported by name rather than replaced by the shipped one.
    pub fn read_dir(dir: &Path) -> Result<Sources, KnowledgeError> {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for name in FILE_NAMES {
            let path = dir.join(name);
            let shown = path.display().to_string();
            match read_text(&path) {
                Ok(text) => files.push(SourceFile { name: shown, text }),
                Err(problem) => problems.push(problem.at(&shown)),
            }
        }
        if problems.is_empty() {
            Ok(Sources { files })
        } else {
            Err(KnowledgeError(problems))
        }
    }

    /// The text of `file`.
    pub fn get(&self, file: KnowledgeFile) -> &SourceFile {
        &self.files[file as usize]
    }

    /// A copy with the text of `file` replaced: how an edit is tried out
    /// before anything is written.
    pub fn with_text(&self, file: KnowledgeFile, text: String) -> Sources {
        let mut copy = self.clone();
        copy.files[file as usize].text = text;
        copy
    }
}

/// Why a knowledge file could not be read, before its name is attached.
struct Unreadable {
    line: usize,
    message: String,
}

impl Unreadable {
    fn new(message: impl Into<String>) -> Unreadable {
        Unreadable {
            line: 1,
            message: message.into(),
        }
    }

    fn at(self, shown: &str) -> Problem {
        Problem::new(shown, self.line, self.message)
    }
}

/// Reads a knowledge file as UTF-8 text, refusing anything that is not a
/// regular file (a symlink to `/dev/zero`, a named pipe) before opening it,
/// and never reading more than [`MAX_FILE_BYTES`] whatever the metadata
/// claims. Git can carry a symlink, so a pull must not be able to hang or
/// flood the bot.
fn read_text(path: &Path) -> Result<String, Unreadable> {
    use std::io::Read;
    let too_big = |len: u64| {
        Unreadable::new(format!(
            "the file is {} MB; knowledge files may be at most {} MB",
            len / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ))
    };
    let cannot = |e: std::io::Error| Unreadable::new(format!("cannot read the file: {e}"));
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Unreadable::new("not a regular file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = open_without_blocking(path).map_err(cannot)?;
    // The path may have been swapped for something else since `metadata`.
    if !file.metadata().map_err(cannot)?.is_file() {
        return Err(Unreadable::new("not a regular file"));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        let lossy = String::from_utf8_lossy(e.as_bytes());
        Unreadable {
            line: super::line_at(&lossy, e.utf8_error().valid_up_to()),
            message: "the file is not valid UTF-8 text".into(),
        }
    })
}

/// Opening a named pipe for reading waits for a writer; with `O_NONBLOCK`
/// it returns at once (and the check after opening refuses it).
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}
