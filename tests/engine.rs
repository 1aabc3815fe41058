//! The engine as the Discord adapter will use it: `Engine::answer` over the
//! shipped knowledge.

use knotbot::knowledge::DESCRIPTION_LIMIT;
use knotbot::{Engine, Knowledge};

fn engine() -> Engine {
    Engine::new(Knowledge::shipped().expect("shipped knowledge loads"))
}

fn answer_id(e: &Engine, q: &str) -> Option<String> {
    e.answer(q).matched.map(|m| m.id)
}

#[test]
fn every_entry_answers_its_own_question() {
    let e = engine();
    for entry in &e.knowledge().entries {
        assert_eq!(
            answer_id(&e, &entry.title).as_deref(),
            Some(entry.id.as_str()),
            "{:?}",
            entry.title
        );
    }
}

#[test]
fn nearly_every_alias_finds_its_entry() {
    let e = engine();
    let (mut hits, mut total) = (0, 0);
    let mut wrong = Vec::new();
    for entry in &e.knowledge().entries {
        for alias in &entry.aliases {
            total += 1;
            let got = answer_id(&e, alias);
            if got.as_deref() == Some(entry.id.as_str()) {
                hits += 1;
            } else {
                wrong.push(format!("{alias:?} -> {got:?} (want {})", entry.id));
            }
        }
    }
    assert!(
        hits as f64 >= 0.9 * total as f64,
        "{hits}/{total} aliases answer their entry:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn slang_and_typos_reach_the_same_answer() {
    let e = engine();
    let plain = answer_id(&e, "is it sciatica or a knot in my glute");
    assert_eq!(plain.as_deref(), Some("sciatica-vs-knot"));
    for variant in [
        "is it sciatia or a knot in my bum",
        "SCIATICA or a KNOT in my booty??",
        "is it sciatcia or a knott in my butt cheek",
        "is it sciatica or a knot in my glute 🍑 <@1234> https://example.com/x",
    ] {
        assert_eq!(answer_id(&e, variant), plain, "{variant}");
    }
}

#[test]
fn word_forms_fold_together() {
    let e = engine();
    assert_eq!(
        answer_id(&e, "do stretches help a knotted glute").as_deref(),
        Some("stretching")
    );
    assert_eq!(
        answer_id(&e, "stretching for glute knots").as_deref(),
        Some("stretching")
    );
}

#[test]
fn off_topic_and_chatter_get_no_answer() {
    let e = engine();
    for q in [
        "lol",
        "asdfghjkl",
        "thanks bot",
        "how many km/h is 20 knots",
        "best stretches for tight shoulders",
        "my cat has knots in her fur",
        "heat or ice for tennis elbow",
        "is creatine safe",
    ] {
        assert_eq!(answer_id(&e, q), None, "{q}");
    }
}

#[test]
fn hostile_messages_never_panic_and_mostly_abstain() {
    let e = engine();
    let zalgo: String = "glute"
        .chars()
        .flat_map(|c| std::iter::once(c).chain("\u{0336}\u{0353}\u{0489}\u{0300}".chars()))
        .collect();
    let cases: Vec<String> = vec![
        String::new(),
        " \t\n ".into(),
        "\0\0\0".into(),
        "a".repeat(1_000_000),
        "glute knot ".repeat(100_000),
        "💀".repeat(10_000),
        "<@123456789012345678> ".repeat(10_000),
        "```".repeat(5_000),
        "*_~|>` ".repeat(10_000),
        "\u{202e}\u{202d}\u{200f}".repeat(1000),
        zalgo,
        "@everyone @here <@&123>".into(),
        "\u{1F600}\u{FE0F}\u{200D}".repeat(3000),
        "ß".repeat(50_000),
    ];
    for q in &cases {
        let started = std::time::Instant::now();
        let reply = e.answer(q);
        // A loose guard against runaway cost, not a benchmark: a normal
        // question takes microseconds (see benches/answer.rs).
        let took = started.elapsed();
        assert!(
            took < std::time::Duration::from_secs(1),
            "{} bytes took {took:?}",
            q.len()
        );
        assert!(reply.description().chars().count() <= DESCRIPTION_LIMIT);
        // Only the start of a huge message is read, but it is kept whole.
        assert_eq!(&reply.question, q);
    }
    assert_eq!(answer_id(&e, ""), None);
    assert_eq!(answer_id(&e, &"💀".repeat(10_000)), None);
}

#[test]
fn the_reply_always_fits_discord_with_every_flag_raised() {
    let e = engine();
    let k = e.knowledge();
    // Every category's first plain term in one message: the longest care
    // prompt. (Some stand in for others, or need another, so not all count.)
    let all_signs: Vec<&str> = k
        .red_flags
        .categories
        .iter()
        .filter_map(|c| c.terms.iter().find(|t| !t.contains('{')))
        .map(String::as_str)
        .collect();
    let message = all_signs.join(" and ");
    let flagged = e.answer(&message);
    assert!(
        flagged.red_flags.len() > knotbot::knowledge::MAX_NAMED,
        "{message}"
    );
    let prompt = flagged.care_prompt.clone().unwrap();
    for entry in &k.entries {
        let len = prompt.chars().count() + 2 + entry.body.chars().count();
        assert!(
            len <= DESCRIPTION_LIMIT,
            "{} with every care prompt is {len} chars",
            entry.id
        );
    }
}

#[test]
fn a_red_flag_about_another_body_part_is_flagged_but_not_answered() {
    let e = engine();
    for q in [
        "not a glute thing but my knee got smashed in a car crash and its swollen, should i ice it",
        "nothing to do with glutes but i fell off the pull up bar onto my wrist, its swelling up",
    ] {
        let reply = e.answer(q);
        assert!(!reply.red_flags.is_empty(), "{q:?}");
        assert!(reply.care_prompt.is_some(), "{q:?}");
        assert_eq!(reply.matched, None, "{q:?}");
    }
}

#[test]
fn a_red_flag_is_answered_only_when_the_message_is_ours() {
    let e = engine();
    // Flagged and answered: nerve signs in the leg, with an entry that
    // explains them, and bare pain.
    for (q, wanted) in [
        (
            "pain runs down my whole leg to my toes whenever im driving",
            &["sciatica-vs-knot", "piriformis-syndrome"][..],
        ),
        (
            "it hurts even when im lying in bed doing nothing",
            &["when-to-see-doctor"][..],
        ),
    ] {
        let reply = e.answer(q);
        assert!(
            reply.care_prompt.is_some(),
            "{q:?} should carry the care prompt"
        );
        let got = reply.matched.map(|m| m.id).unwrap_or_default();
        assert!(wanted.contains(&got.as_str()), "{q:?}: {got}");
    }
    // Flagged, but nothing of ours to answer.
    for q in [
        "got chills and a fever since yesterday and a sore throat, should i skip the gym",
        "my fingers have been numb and tingly on and off all week at the keyboard",
        "dropped 10 kilos in two months without trying, always exhausted too",
    ] {
        let reply = e.answer(q);
        assert!(
            reply.care_prompt.is_some(),
            "{q:?} should carry the care prompt"
        );
        assert_eq!(reply.matched, None, "{q:?} should not be answered");
    }
}

#[test]
fn unsure_replies_offer_suggestions_not_guesses() {
    let e = engine();
    let reply = e.answer("knot");
    assert!(reply.matched.is_none() || reply.matched.as_ref().unwrap().score >= 0.3);
    assert!(reply.suggestions.len() <= 3);
    for s in &reply.suggestions {
        assert!(!s.title.is_empty());
    }
}

#[test]
fn the_engine_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Engine>();
    let e = std::sync::Arc::new(engine());
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let e = e.clone();
            std::thread::spawn(move || answer_id(&e, "what is wallet neuritis"))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().as_deref(), Some("wallet-pocket"));
    }
}

/// `@everyone` and `@here` are stripped like other mentions: they once
/// lowered the score enough to lose an answer in a help channel.
#[test]
fn mass_mentions_do_not_change_the_answer_or_its_score() {
    let e = engine();
    for q in [
        "why does my butt hurt when I sit all day",
        "what is wallet neuritis",
    ] {
        let plain = e.answer(q).matched.expect("answered");
        for noisy in [
            format!("@everyone {q}"),
            format!("@here @everyone {q} @here"),
        ] {
            let m = e.answer(&noisy).matched.expect("still answered");
            assert_eq!(
                (m.id.as_str(), m.score),
                (plain.id.as_str(), plain.score),
                "{noisy}"
            );
        }
    }
}
