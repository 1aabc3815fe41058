//! The raw text of the knowledge files, from a directory or the binary.

use std::path::Path;

use super::{KnowledgeError, Problem};

/// The files that make up a knowledge base, all required.
pub const FILE_NAMES: [&str; 6] = [
    "faq.toml",
    "topics.toml",
    "red_flags.toml",
    "stretches.toml",
    "lexicon.toml",
    "replies.toml",
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
            if let Ok(meta) = std::fs::metadata(&path) {
                if meta.len() > MAX_FILE_BYTES {
                    let mb = meta.len() / (1024 * 1024);
                    problems.push(Problem::new(
                        &shown,
                        1,
                        format!(
                            "the file is {mb} MB; knowledge files may be at most {} MB",
                            MAX_FILE_BYTES / (1024 * 1024)
                        ),
                    ));
                    continue;
                }
            }
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => files.push(SourceFile { name: shown, text }),
                    Err(e) => problems.push(Problem::new(
                        &shown,
                        super::line_at(
                            &String::from_utf8_lossy(e.as_bytes()),
                            e.utf8_error().valid_up_to(),
                        ),
                        "the file is not valid UTF-8 text",
                    )),
                },
                Err(e) => problems.push(Problem::new(
                    &shown,
                    1,
                    format!("cannot read the file: {e}"),
                )),
            }
        }
        if problems.is_empty() {
            Ok(Sources { files })
        } else {
            Err(KnowledgeError(problems))
        }
    }

    /// The text of the file called `name` (e.g. `faq.toml`).
    pub fn get(&self, name: &str) -> &SourceFile {
        let at = FILE_NAMES
            .iter()
            .position(|n| *n == name)
            .expect("a known knowledge file name");
        &self.files[at]
    }

    /// A copy with the text of file `name` replaced: how an edit is tried
    /// out before anything is written.
    pub fn with_text(&self, name: &str, text: String) -> Sources {
        let mut copy = self.clone();
        let at = FILE_NAMES
            .iter()
            .position(|n| *n == name)
            .expect("a known knowledge file name");
        copy.files[at].text = text;
        copy
    }
}
