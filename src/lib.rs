//! knotbot: answers members' questions about glute muscle knots.
//!
//! The engine is platform-neutral and built from these parts:
//! - [`knowledge`]: the TOML knowledge base, loaded and validated whole;
//! - [`text`] and `analysis`: from a raw message to comparable terms;
//! - `language`: the common English every message shares (stopwords,
//!   contractions, the dictionary that keeps real words from "correction");
//! - `focus`: the sentences of a long message that ask;
//! - `intent`: what kind of answer a question wants (how long, why, ...);
//! - `matcher`: the index and the scoring: which entry a question is
//!   about, or none;
//! - `scope`: whether a question is ours, and so the bar an answer needs;
//! - `safety`: red-flag signs that always bring the care prompt;
//! - `term`: the grammar of red-flag terms (`{group}`, `...`);
//! - [`reply`]: the answer as data, rendered by each front end;
//! - [`engine`]: the above put together behind `Engine::answer`;
//! - [`stretch`]: the stretch of the day;
//! - `stretch_names`: stretches a question names ("how do I do pigeon?");
//! - `whose`: whose trouble each clause of a message tells, the member's
//!   or someone else's;
//! - [`eval`]: measuring the knowledge against question sets;
//! - [`store`]: moderators' edits, persisted safely, and the live engine.
//!
//! The Discord adapter, a thin layer over the engine, is [`discord`]; the
//! command line belongs to the binary (`src/main.rs`, `src/cli/`).

mod analysis;
#[cfg(feature = "discord")]
pub mod discord;
pub mod engine;
pub mod eval;
mod focus;
mod intent;
pub mod knowledge;
mod language;
mod matcher;
mod phrases;
pub mod reply;
mod safety;
mod scope;
pub mod store;
pub mod stretch;
mod stretch_names;
mod term;
pub mod text;
mod typo;
mod whose;
pub mod workbench;

pub use engine::Engine;
pub use knowledge::Knowledge;
pub use matcher::Tuning;
pub use reply::Reply;
