//! Any bytes, read as a (lossy UTF-8) Discord message, through
//! `Engine::answer` on the shipped knowledge and both renderings.
//!
//! Invariants: no panic; every score is finite and in [0, 1]; when a red
//! flag is found the reply text carries the fixed part of the prompt of
//! the most urgent tier found (or of one of its signs' own wording); the description fits Discord's 4,096-character limit.
#![no_main]

use std::sync::OnceLock;

use knotbot::knowledge::DESCRIPTION_LIMIT;
use knotbot::reply::Match;
use knotbot::{Engine, Knowledge};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    engine: Engine,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let knowledge = Knowledge::shipped().expect("the shipped knowledge loads");
        Fixture {
            engine: Engine::new(knowledge),
        }
    })
}

fn check_score(m: &Match) {
    assert!(
        m.score.is_finite() && (0.0..=1.0).contains(&m.score),
        "score {} of {} is outside [0, 1]",
        m.score,
        m.id
    );
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    let message = String::from_utf8_lossy(data);
    let reply = f.engine.answer(&message);

    if let Some(m) = &reply.matched {
        check_score(m);
    }
    for s in &reply.suggestions {
        check_score(s);
    }

    let text = reply.to_text();
    let json = reply.to_json();
    assert!(
        json.starts_with('{') && !json.contains('\n'),
        "json is one line"
    );

    if !reply.red_flags.is_empty() {
        let k = f.engine.knowledge();
        let found: Vec<_> = reply
            .red_flags
            .iter()
            .map(|flag| k.red_flag(&flag.id).expect("a known category"))
            .collect();
        let tier = found.iter().map(|c| c.tier()).min().unwrap();
        let fixed = |t: &str| t.split("{signs}").next().unwrap_or("").to_string();
        let wordings: Vec<String> = found
            .iter()
            .filter(|c| c.tier() == tier)
            .filter_map(|c| c.prompt.as_deref())
            .chain([k.red_flags.prompts.of(tier)])
            .map(fixed)
            .collect();
        assert!(
            wordings.iter().any(|w| text.contains(w.as_str())),
            "red flags {:?} but the reply lacks the prompt of tier {tier:?}",
            reply.red_flags
        );
        assert!(reply.care_prompt.is_some());
    }

    let len = reply.description().chars().count();
    assert!(
        len <= DESCRIPTION_LIMIT,
        "description is {len} characters, over {DESCRIPTION_LIMIT}"
    );
    if let Some(title) = reply.title() {
        assert!(title.chars().count() <= knotbot::knowledge::TITLE_LIMIT);
    }
});
