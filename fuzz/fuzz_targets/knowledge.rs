//! Any bytes as the text of faq.toml (lossy UTF-8), the other shipped
//! knowledge files unchanged, through `Knowledge::from_sources`.
//!
//! Invariants: never panics; on Ok an engine builds and answers a fixed
//! question without panicking; on Err every problem has a line >= 1 and a
//! non-empty message.
#![no_main]

use std::sync::OnceLock;

use knotbot::knowledge::{KnowledgeFile, Sources};
use knotbot::{Engine, Knowledge};
use libfuzzer_sys::fuzz_target;

fn embedded() -> &'static Sources {
    static SOURCES: OnceLock<Sources> = OnceLock::new();
    SOURCES.get_or_init(Sources::embedded)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let sources = embedded().with_text(KnowledgeFile::Faq, text);
    match Knowledge::from_sources(&sources) {
        Ok(knowledge) => {
            let engine = Engine::new(knowledge);
            let reply = engine.answer("why does my glute knot hurt and my leg feel numb?");
            let _ = reply.to_text();
            let _ = reply.to_json();
            let _ = engine.answer("");
        }
        Err(e) => {
            assert!(!e.0.is_empty(), "an error with no problems");
            for p in &e.0 {
                assert!(p.line >= 1, "problem with line 0: {p:?}");
                assert!(
                    !p.message.trim().is_empty(),
                    "problem with no message: {p:?}"
                );
                assert!(!p.file.is_empty(), "problem with no file: {p:?}");
            }
        }
    }
});
