//! What a physiotherapist's review of the content found unsafe or wrong,
//! each through `knotbot ask` or `knotbot stretch` as a member would see it
//! (issue 14). Each of these failed on the content before the review.

#[path = "support"]
mod support {
    pub mod cli;
}

use serde_json::Value;
use support::cli::{ask_json as ask, knotbot, prompt_start, stderr, stdout};

fn reply(v: &Value) -> &str {
    v["reply"].as_str().unwrap()
}

fn flags(v: &Value) -> Vec<String> {
    let list = v["red_flags"].as_array().unwrap();
    list.iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect()
}

/// The reply's text after the answer's title: what a member reads first.
fn first_lines(v: &Value) -> String {
    let text = reply(v);
    // A title is a line in bold alone; an urgent prompt, which comes
    // before the title, goes on after its bold words.
    let body = match text.split_once("\n\n") {
        Some((first, rest))
            if v["match"].is_object() && first.starts_with("**") && first.ends_with("**") =>
        {
            rest
        }
        _ => text,
    };
    body.chars().take(160).collect()
}

/// Whether the reply opens with the prompt `category` gets.
fn opens_with_prompt_of(v: &Value, category: &str) -> bool {
    let start: String = prompt_start(category).chars().take(40).collect();
    first_lines(v).starts_with(&start)
}

/// Pregnancy is a precaution: a gentle note, then the answer adapted to
/// pregnancy; its own warning signs get a line of their own, now.
#[test]
fn pregnancy_is_a_precaution_and_its_warning_signs_are_urgent() {
    let v = ask("22 weeks pregnant with a knot in my bum what can i do");
    assert_eq!(v["match"]["id"], "pregnancy", "{v}");
    assert!(opens_with_prompt_of(&v, "pregnancy"), "{v}");
    assert!(!reply(&v).contains("something other than a muscle knot"));

    let v = ask("28 weeks pregnant, some bleeding this morning and my glute aches");
    assert!(flags(&v).contains(&"pregnancy-warning".to_string()), "{v}");
    let first = first_lines(&v);
    assert!(
        first.contains("midwife") && first.contains("now"),
        "{first}"
    );
}

/// Possible cauda equina: one tier, the emergency department, first.
#[test]
fn cauda_equina_signs_send_to_the_emergency_department_first() {
    for q in [
        "numb when i wipe and my back and butt hurt",
        "can't feel my legs properly and can't pee since yesterday",
        "both my legs have gone numb and tingly since this morning",
    ] {
        let v = ask(q);
        let first = first_lines(&v);
        assert!(
            first.starts_with("**Go to an emergency department"),
            "{q}: {first}"
        );
        assert!(!first.contains("urgent care"), "{q}: {first}");
    }
    // The entry under the prompt says the same, before anything else.
    let v = ask("what is cauda equina syndrome");
    let text = reply(&v);
    let answer = text.split_once("**\n\n").unwrap().1;
    let opening: String = answer.chars().take(300).collect();
    assert!(opening.to_lowercase().contains("emergency"), "{opening}");
}

/// A calf sign with breathlessness is a possible clot in the lungs: an
/// emergency, and every entry that warns about a calf clot says so too.
#[test]
fn breathlessness_with_a_calf_sign_is_an_emergency_everywhere() {
    let v = ask("calf pain and i'm short of breath");
    assert_eq!(flags(&v), ["breathless-chest"]);
    assert!(first_lines(&v).contains("emergency number now"), "{v}");

    let k = knotbot::Knowledge::shipped().unwrap();
    for e in &k.entries {
        let body = e.body.to_lowercase();
        if body.contains("calf") && body.contains("clot") {
            assert!(
                body.contains("breath"),
                "{} warns of a calf clot without the breathlessness line",
                e.id
            );
        }
    }
}

/// A knot is not a growth, but a growing lump is a reason to see a doctor.
#[test]
fn a_growing_lump_gets_see_a_doctor_not_training_tips() {
    for (q, sign) in [
        (
            "theres a hard lump in my glute that seems to be getting bigger",
            "lump-growing",
        ),
        (
            "lump on my bum the size of a golf ball, doesnt hurt",
            "lump",
        ),
    ] {
        let v = ask(q);
        assert!(flags(&v).contains(&sign.to_string()), "{q}: {v}");
        assert!(opens_with_prompt_of(&v, sign), "{q}: {v}");
        assert_ne!(v["match"]["id"], "exercise-overload", "{q}");
    }
    // A lump that has grown gets the doctor's page, not what a knot is.
    let v = ask("the lump in my glute is getting bigger every week, is that a knot");
    assert_eq!(v["match"]["id"], "when-to-see-doctor", "{v}");
    let k = knotbot::Knowledge::shipped().unwrap();
    for e in &k.entries {
        assert!(!e.body.contains("not a tear or a growth"), "{}", e.id);
    }
}

/// The stretch of the day goes to everyone: every stretch says who should
/// check first after hip surgery.
#[test]
fn every_stretch_of_the_day_cautions_after_hip_surgery() {
    for day in 1..=12 {
        let date = format!("2026-12-{day:02}");
        let out = knotbot(&["stretch", "--date", &date], b"");
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out).to_lowercase();
        assert!(
            text.contains("hip replacement") || text.contains("hip surgery"),
            "{date}: {text}"
        );
    }
}

/// Mild, positional signs get their own wording, and never silence; the
/// milder reading gives way when the sign outlasts the position.
#[test]
fn mild_positional_signs_get_calm_words_but_never_silence() {
    let v = ask("my leg fell asleep sitting on the toilet");
    assert!(opens_with_prompt_of(&v, "numbness-tingling"), "{v}");

    let v = ask("my groin goes numb on long bike rides");
    assert_eq!(flags(&v), ["saddle-on-bike"]);
    assert!(
        reply(&v).contains("emergency department now"),
        "the line is still drawn"
    );

    let v = ask("my groin went numb on a ride and it is still numb today");
    assert!(flags(&v).contains(&"saddle-numbness".to_string()), "{v}");
    assert!(
        first_lines(&v).starts_with("**Go to an emergency department"),
        "{v}"
    );
}

/// The prompt names signs the member mentioned, in words that fit.
#[test]
fn the_prompt_never_names_a_sign_the_member_did_not_mention() {
    let v = ask("glute pain worse when i sneeze");
    assert!(!first_lines(&v).contains("severe"), "{v}");
    let v = ask("my calf is swollen and warm");
    assert!(!first_lines(&v).contains("fever"), "{v}");
    let v = ask("fever and a hot red swollen lump on my butt");
    assert!(!first_lines(&v).contains("calf"), "{v}");
}

/// A sure answer offers the entry's curated related entries as "See
/// also"; "Did you mean" is kept for replies that are unsure.
#[test]
fn a_sure_answer_offers_see_also_not_did_you_mean() {
    let v = ask("should i ice or heat my knot after leg day");
    assert_eq!(v["match"]["id"], "heat-vs-ice");
    let k = knotbot::Knowledge::shipped().unwrap();
    let related = &k.entry("heat-vs-ice").unwrap().related;
    let text = reply(&v);
    assert!(
        text.contains("See also") && !text.contains("Did you mean"),
        "{text}"
    );
    for id in related {
        assert!(text.contains(&k.entry(id).unwrap().title), "{id}: {text}");
    }
    let unsure = ask("what do i do");
    assert!(reply(&unsure).contains("Did you mean"), "{unsure}");
}

/// The entries members ask for most answer their questions.
#[test]
fn the_new_entries_answer_their_questions() {
    for (q, id) in [
        ("is a massage gun good for glute knots", "massage-gun"),
        ("how do i get rid of a knot in my glute", "get-rid-of-knot"),
        (
            "i just had a baby 8 weeks ago and my glute is full of knots",
            "postpartum",
        ),
        (
            "my glutes hurt doing hip thrusts is it a knot",
            "hip-thrust-pain",
        ),
        (
            "pain on the side of my hip when i lie on it at night",
            "side-of-hip-pain",
        ),
        (
            "cyclist with a knot in my butt after long rides",
            "runners-cyclists",
        ),
        ("is it my SI joint or a glute knot", "si-joint-vs-knot"),
        (
            "can i sit on a tennis ball at my desk all day",
            "desk-setup",
        ),
        ("tailbone pain when sitting", "sit-bone-tailbone"),
    ] {
        assert_eq!(ask(q)["match"]["id"], id, "{q}");
    }
}

/// The second review's high-severity problems: warning signs told without
/// the textbook words, and signs that need more than the tier's default.
#[test]
fn the_second_reviews_urgent_cases_get_the_right_first_line() {
    for (q, sign) in [
        // Pregnancy told by its weeks alone.
        ("34 weeks and getting tightenings every few minutes, lower back and bum hurt", "pregnancy-warning"),
        ("20 weeks, bleeding a bit and sore bum", "pregnancy-warning"),
        ("i think my waters have gone and my glute is killing me", "pregnancy-warning"),
        // A fall, then unable to get up or stand.
        ("my mum is 80, had a fall, now cant get up and her hip hurts", "fall-cannot-stand"),
        // A replaced hip that has changed.
        ("hip replacement 3 weeks ago, felt a clunk bending down and now my leg looks shorter and twisted", "hip-replacement-trouble"),
        // The worst pain, or pain that painkillers don't touch.
        ("excruciating pain in my bum, painkillers dont touch it", "worst-pain"),
        // A lump in everyday words.
        ("noticed a lump on my bum that wasnt there before and its bigger now", "lump-growing"),
        ("i can see a bump on my glute when i stand", "lump"),
        // Walking brings it on, rest eases it.
        ("i'm 72 and my buttocks ache when i walk but it goes away when i stop", "walking-pain"),
    ] {
        let v = ask(q);
        assert!(flags(&v).contains(&sign.to_string()), "{q}: {v}");
        assert!(opens_with_prompt_of(&v, sign), "{q}: {}", first_lines(&v));
    }
}

/// Gym talk is not a warning sign.
#[test]
fn gym_talk_raises_no_alarm() {
    for q in [
        "doms in both legs after leg day, is that a knot",
        "legs feel like jelly after leg day",
        "fell off the wagon with my stretching",
        "lost weight on my cut and my glutes are flat now",
        "how do i keep my water from freezing on winter hikes",
    ] {
        assert_eq!(flags(&ask(q)), Vec::<String>::new(), "{q}");
    }
}

/// When the question asked is answered and a sign was found, the entry
/// that explains the sign is the first thing offered next.
#[test]
fn the_signs_entry_is_one_tap_away_under_the_answer_asked_for() {
    let v = ask("tingling down my leg from my butt, is it sciatica or just a knot");
    assert_eq!(v["match"]["id"], "sciatica-vs-knot");
    let text = reply(&v);
    let k = knotbot::Knowledge::shipped().unwrap();
    let sign_entry = &k.entry("when-to-see-doctor").unwrap().title;
    let see_also = text.split_once("See also\n").expect("a See also list").1;
    assert!(see_also.starts_with(&format!("- {sign_entry}")), "{text}");
}
