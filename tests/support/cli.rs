//! The command-line half of the test harness: the crate's directories, a
//! copy of the shipped knowledge to break, and the built `knotbot` run as a
//! member or moderator would run it. The fake Discord (the rest of
//! `support`) builds on it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The crate's own knowledge directory.
pub fn knowledge_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

/// The project's question sets and required ids (`tests/data`).
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// The shared spec folder beside the repository, when it is there: only
/// to check that our copies have not drifted, never needed.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.is_dir().then_some(dir)
}

/// A fresh copy of the shipped knowledge in a temporary directory.
pub fn knowledge_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for entry in std::fs::read_dir(knowledge_dir()).expect("knowledge/ is readable") {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// Appends `text` to `file` in `dir`; returns the 1-based line the appended
/// text starts on.
pub fn append(dir: &Path, file: &str, text: &str) -> usize {
    let path = dir.join(file);
    let mut current = std::fs::read_to_string(&path).unwrap();
    if !current.ends_with('\n') {
        current.push('\n');
    }
    let start = current.lines().count() + 1;
    current.push_str(text);
    std::fs::write(&path, current).unwrap();
    start
}

/// Runs the built `knotbot` with `args`, feeding `stdin`.
pub fn knotbot(args: &[&str], stdin: &[u8]) -> Output {
    knotbot_in(None, args, stdin)
}

pub fn knotbot_in(dir: Option<&Path>, args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_knotbot"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    let mut child = cmd.spawn().expect("knotbot starts");
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().expect("knotbot finishes");
    writer.join().unwrap();
    out
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The opening words of the care prompt that `category` gets when it is
/// the most urgent sign found (its own wording, or its tier's), before the
/// signs are filled in: how a test recognises the prompt in any rendering.
pub fn prompt_start(category: &str) -> String {
    let k = knotbot::Knowledge::shipped().unwrap();
    let c = k.red_flag(category).expect("a shipped category");
    let template = c
        .prompt
        .as_deref()
        .unwrap_or_else(|| k.red_flags.prompts.of(c.tier()));
    template.split("{signs}").next().unwrap().trim().to_string()
}

/// Whether `reply` opens with the prompt `category` gets: within its first
/// lines, under the answer's title at most.
pub fn opens_with_prompt(reply: &str, category: &str) -> bool {
    reply
        .find(&prompt_start(category))
        .is_some_and(|at| !reply[..at].contains("\n\n\n") && at < 200)
}

/// `knotbot ask --json QUESTION`, parsed: the reply as the contract gives it.
pub fn ask_json(question: &str) -> serde_json::Value {
    json_of(&["ask", "--json", question])
}

/// `knotbot ask --json --after PREVIOUS QUESTION`, parsed: a follow-up.
pub fn ask_json_after(previous: &str, question: &str) -> serde_json::Value {
    json_of(&["ask", "--json", "--after", previous, question])
}

fn json_of(args: &[&str]) -> serde_json::Value {
    let out = knotbot(args, b"");
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(stdout(&out).trim()).expect("one JSON object")
}
