//! `knotbot ask` through the built binary: the JSON contract, standard
//! input, hostile bytes, and running from anywhere.

#[path = "support"]
mod support {
    pub mod cli;
}

use serde_json::Value;
use support::cli::{
    ask_json, ask_json_after, knotbot, knotbot_in, opens_with_prompt, prompt_start, stderr, stdout,
};

#[test]
fn json_has_the_contract_shape() {
    let v = ask_json("why does my butt hurt when i sit at my desk all day");
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for key in ["question", "match", "suggestions", "red_flags", "reply"] {
        assert!(keys.contains(&key), "missing {key} in {v}");
    }
    assert_eq!(
        v["question"],
        "why does my butt hurt when i sit at my desk all day"
    );
    assert_eq!(v["match"]["kind"], "faq");
    assert_eq!(v["match"]["id"], "sitting");
    let score = v["match"]["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score));
    assert_eq!(v["red_flags"], serde_json::json!([]));
    let reply = v["reply"].as_str().unwrap();
    assert!(
        reply.contains("sit"),
        "the reply is the sitting answer: {reply}"
    );
    for s in v["suggestions"].as_array().unwrap() {
        assert!(s["kind"] == "faq" || s["kind"] == "topic");
        assert_ne!(
            s["id"], v["match"]["id"],
            "a suggestion never repeats the answer"
        );
        assert!((0.0..=1.0).contains(&s["score"].as_f64().unwrap()));
    }
}

#[test]
fn topics_come_back_with_their_kind() {
    let v = ask_json("what even is fascia");
    assert_eq!(v["match"]["kind"], "topic");
    assert_eq!(v["match"]["id"], "topic-fascia");
}

#[test]
fn off_topic_gets_no_match_and_no_flags() {
    for q in [
        "how much protein should i eat to bulk",
        "whats the best knot for a climbing rope",
        "gm everyone",
    ] {
        let v = ask_json(q);
        assert!(v["match"].is_null(), "{q} should not be answered: {v}");
        assert_eq!(v["red_flags"], serde_json::json!([]), "{q}");
    }
}

#[test]
fn red_flag_without_a_match_still_carries_the_care_prompt() {
    let v = ask_json("my whole leg keeps going numb and tingly");
    assert_eq!(v["red_flags"], serde_json::json!(["numbness-tingling"]));
    let reply = v["reply"].as_str().unwrap();
    assert!(
        reply.contains(&prompt_start("numbness-tingling")),
        "care prompt missing: {reply}"
    );
}

/// Pregnancy is a precaution, not a symptom: a gentle note above the
/// answer to what was asked, never "a sign of something other than a
/// muscle knot", and never the whole reply.
#[test]
fn a_stretch_asked_about_by_name_is_answered_with_its_steps() {
    let v =
        ask_json("how do you do pigeon pose properly for a glute knot? my front knee hurts in it");
    assert_eq!(v["match"]["kind"], "stretch", "{v}");
    assert_eq!(v["match"]["id"], "pigeon-pose");
    let reply = v["reply"].as_str().unwrap();
    assert!(reply.starts_with("**Pigeon pose**"), "{reply}");
    assert!(
        reply.contains("1. Start on your hands and knees."),
        "{reply}"
    );
    assert!(reply.contains("Caution:"), "{reply}");
    let v = ask_json("whats this 90/90 stretch, how long do i hold it for my glutes");
    assert_eq!(v["match"]["id"], "ninety-ninety", "{v}");
    // A stretch's own name may name a knee or a shoulder.
    let v = ask_json("physio gave me 'knee to opposite shoulder' but I forgot how long to hold it");
    assert_eq!(v["match"]["id"], "knee-to-opposite-shoulder", "{v}");
    // Whether it helps: the stretch's card, the general answer under it.
    let v = ask_json("is child's pose any use for glute knots or is it more a back thing?");
    assert_eq!(v["match"]["id"], "childs-pose", "{v}");
    let reply = v["reply"].as_str().unwrap();
    assert!(
        reply.contains("See also\n- Does stretching help"),
        "{reply}"
    );
    // A stretch asked for where only one is done gets that one's card.
    let v = ask_json("any stretch I can do at my desk without looking weird?");
    assert_eq!(v["match"]["id"], "seated-figure-four", "{v}");
    let v = ask_json("got a quick glute stretch I can do standing while I wait for a rack?");
    assert_eq!(v["match"]["id"], "standing-figure-four", "{v}");
    // A stretch named in chat that asks nothing of ours gets no card.
    assert!(ask_json("pigeon pose is my fav, anyone else?")["match"].is_null());
    // A precaution still decides: the answer adapted to pregnancy.
    let v = ask_json("im 20 weeks pregnant, how do i do pigeon pose for my sore glute");
    assert_ne!(v["match"]["kind"], "stretch", "{v}");
    assert_eq!(v["red_flags"], serde_json::json!(["pregnancy"]), "{v}");
    // A follow-up with no subject of its own is about the stretch just
    // asked about; one that names a subject of ours is not.
    let first = "how do you do the lying figure four for my glute?";
    let v = ask_json_after(first, "how long do I hold it and how many times a day?");
    assert_eq!(v["match"]["id"], "supine-figure-four", "{v}");
    // On Discord the previous message is the title just answered with.
    let v = ask_json_after("Pigeon pose", "and how long do I hold it?");
    assert_eq!(v["match"]["id"], "pigeon-pose", "{v}");
    let v = ask_json_after(first, "how long till the knot goes away?");
    assert_eq!(v["match"]["kind"], "faq", "{v}");
}

#[test]
fn a_precaution_is_a_note_above_the_answer_to_the_question() {
    for (q, expected) in [
        (
            "im 30 weeks pregnant, is it ok to foam roll my glutes",
            "pregnancy",
        ),
        ("can i do pigeon pose when pregnant", "pregnancy"),
        (
            "i just had a baby 8 weeks ago and my glute is full of knots",
            "postpartum",
        ),
        (
            "im on warfarin, is a massage gun ok on my glute knot",
            "precautions",
        ),
    ] {
        let v = ask_json(q);
        assert_eq!(v["match"]["id"], expected, "{q}: {v}");
        let reply = v["reply"].as_str().unwrap();
        let k = knotbot::Knowledge::shipped().unwrap();
        let answer_start: String = k.entry(expected).unwrap().body.chars().take(40).collect();
        // The note of the precaution found: its own wording, or the tier's.
        let sign = v["red_flags"][0].as_str().unwrap();
        assert_eq!(
            k.red_flag(sign).unwrap().tier(),
            knotbot::knowledge::Tier::Precaution
        );
        let start = prompt_start(sign);
        let precaution: String = start.chars().take(40).collect();
        assert!(
            !reply.contains("something other than a muscle knot"),
            "{reply}"
        );
        let prompt_at = reply.find(&precaution).expect("the precaution note");
        let answer_at = reply.find(&answer_start).expect("the answer");
        assert!(prompt_at < answer_at, "the note comes first: {reply}");
    }
}

#[test]
fn a_precaution_with_a_warning_sign_gets_the_warning() {
    let v = ask_json("im 30 weeks pregnant and my leg keeps going numb, can i foam roll my glutes");
    let reply = v["reply"].as_str().unwrap();
    assert!(
        reply.contains(&prompt_start("numbness-tingling")),
        "{reply}"
    );
    assert!(reply.contains("pregnancy"), "both signs named: {reply}");
}

/// A sign told in the story of a long post adds its prompt to the answer
/// of the question the member asked, with the sign's entry one tap away;
/// when the question is what the trouble is, the sign's entry answers.
#[test]
fn a_sign_in_the_story_does_not_replace_the_answer_to_the_question() {
    let story = "Deep ache in my right buttock for 6 weeks, worst at night. Doesn't matter how I \
                 lie, back, side, front, it just aches and wakes me at 3am. Rolling does nothing.";
    let v = ask_json(&format!("{story} How long do trigger points usually last?"));
    assert_eq!(v["match"]["id"], "recovery-time", "{v}");
    assert_eq!(v["red_flags"], serde_json::json!(["night-pain"]));
    let reply = v["reply"].as_str().unwrap();
    let prompt_at = reply.find(&prompt_start("night-pain")).expect("the prompt");
    let k = knotbot::Knowledge::shipped().unwrap();
    let answer: String = k
        .entry("recovery-time")
        .unwrap()
        .body
        .chars()
        .take(40)
        .collect();
    assert!(
        prompt_at < reply.find(&answer).expect("the answer"),
        "{reply}"
    );
    let see_also = k.entry("when-to-see-doctor").unwrap().title.clone();
    assert!(
        reply.contains(&see_also),
        "the sign's entry is offered: {reply}"
    );

    let v = ask_json(&format!("{story} Is this a knot or something else?"));
    assert_eq!(v["match"]["id"], "when-to-see-doctor", "{v}");
}

/// The fourth physiotherapist review (session 13): cauda equina, a clot or
/// bleeding after a birth, labour, sepsis, a long lie, an aortic pain and a
/// crisis told in everyday words; and no alarm on a bladder that is fine.
#[test]
fn the_fourth_reviews_signs_get_the_urgency_they_need() {
    let opens_with = |q: &str, category: &str| {
        let v = ask_json(q);
        let reply = v["reply"].as_str().unwrap();
        assert!(opens_with_prompt(reply, category), "{q}: {reply}");
    };
    for (q, category) in [
        (
            "sciatica in my left leg for a month and now the right leg has started too",
            "both-legs-told",
        ),
        (
            "the toilet paper feels kind of muffled when i wipe and my back is bad",
            "saddle-numbness",
        ),
        (
            "sat on the loo for ages to get my wee started, back has been bad since deadlifts",
            "bladder-bowel",
        ),
        (
            "gave birth 10 days ago, short of breath walking to the kitchen and my heart is racing",
            "postpartum-breathless",
        ),
        (
            "1 week postpartum, soaking a pad an hour and feeling dizzy",
            "postpartum-bleeding",
        ),
        (
            "36 wks and my bump keeps going rock hard every few minutes",
            "pregnancy-warning",
        ),
        (
            "abscess near my bum is sore, I'm burning up and confused what day it is",
            "infection-very-unwell",
        ),
        (
            "my nan was on the floor when I popped round, she slipped yesterday",
            "long-lie",
        ),
        (
            "im 69 and smoke, sudden awful pain in my back going round to my stomach",
            "sudden-belly-back-pain",
        ),
    ] {
        opens_with(q, category);
    }
    let v = ask_json("feel like there's no point anymore and i'm so tired of everything");
    assert!(
        v["red_flags"]
            .as_array()
            .unwrap()
            .contains(&"crisis".into()),
        "{v}"
    );
    for q in [
        "I don't have any bladder issues, just a sore bum from squats, is that normal?",
        "my bladder's fine, just a sore bum from squats",
        "cant feel my legs after 10x10 squats lmao, which stretch tomorrow",
        "my wife's waters broke last night and we have a baby boy! my glute is sore from the chair",
    ] {
        assert_eq!(ask_json(q)["red_flags"], serde_json::json!([]), "{q}");
    }
    // The fifth and sixth reviews (s13b, s13c): a stroke, weakness getting
    // worse by the hour, not needing to pee, a numb bottom on the toilet
    // with a bad back, a fragility fracture, a limping child, sepsis
    // without "fever".
    for (q, category) in [
        (
            "my left arm and the side of my face went numb all of a sudden",
            "stroke-signs",
        ),
        ("my foot drop is getting worse by the hour", "weakness-fast"),
        (
            "hurt my back on monday and i have not needed a wee all day, drunk loads",
            "bladder-bowel",
        ),
        (
            "on the loo my bum goes numb now, ever since i did my back in",
            "numb-toilet-back-pain",
        ),
        (
            "I have osteoporosis and sat down hard on the step, now my hip hurts",
            "fragility-fracture",
        ),
        (
            "my 13 year old is limping and says his knee and hip hurt",
            "child-limp",
        ),
        (
            "can't stop shivering and feel really unwell, the sore spot on my bum has gone red and hard",
            "infection-very-unwell",
        ),
    ] {
        opens_with(q, category);
    }
    // The seventh review (s14): both feet asleep, weakness worse than
    // yesterday or an hour ago, a toe that will not lift, wiping that
    // feels like someone else's, buttock cramp that stops a walk.
    for (q, category) in [
        (
            "glute pain for 2 weeks, and today both my feet feel like they've gone to sleep",
            "both-legs-told",
        ),
        (
            "every time I stand my legs feel weaker than yesterday, my back is agony",
            "weakness-fast",
        ),
        (
            "right foot slaps the floor when I walk and it's worse than an hour ago",
            "weakness-fast",
        ),
        (
            "my big toe won't lift up properly since yesterday, sciatica all week",
            "weakness",
        ),
        (
            "back went lifting the sofa, now when I wipe it's like wiping someone else's bum",
            "saddle-numbness-told",
        ),
        (
            "when I walk for 10 minutes my bum cramps up and I have to stop, I'm 66 and smoke",
            "walking-pain-told",
        ),
    ] {
        opens_with(q, category);
    }
    // The eighth review (s14b): the second leg told by what it started
    // doing, a dribbling wee slow to start, and a gym word in another
    // sentence that vetoed an emergency sign ("Didn't even train today.",
    // "had a hip thrust knot for a while.").
    for (q, category) in [
        (
            "sciatica in my left leg for 3 weeks, today the right leg started tingling too",
            "both-legs-told",
        ),
        (
            "pain from my butt down both legs now, I'm not peeing properly, it dribbles",
            "bladder-bowel",
        ),
        (
            "Both my legs feel heavy and wobbly since this afternoon, bad low back since \
             Tuesday. Didn't even train today.",
            "both-legs-told",
        ),
        (
            "had a hip thrust knot for a while. tonight a sharp stabbing pain in my chest when \
             i breathe in, and my leg has been swollen since the weekend",
            "breathless-chest",
        ),
    ] {
        opens_with(q, category);
    }
    // The ninth review (s14c): the need to go not felt, told by a
    // non-native speaker; bursting but barely any came out; half the face
    // and a hand; no point in being here; a sudden agony in one ball;
    // a bit weak this morning and now can't; out there for ages after a
    // fall.
    for (q, category) in [
        (
            "me back is very bad and since two day I not feel when I need the toilet",
            "bladder-bowel",
        ),
        (
            "went for a wee and barely anything came out though I was bursting, back went Monday",
            "bladder-bowel",
        ),
        (
            "woke up and half my face feels numb and my left hand is tingling",
            "stroke-signs",
        ),
        (
            "8 months of this pain, i don't see the point in being here anymore",
            "crisis",
        ),
        ("sudden agony in my left ball, came on an hour ago", "testicle-pain"),
        (
            "this morning my foot was a bit weak, now i can't lift the front of it at all",
            "weakness-fast",
        ),
        (
            "grandpa fell in the garden and was out there for ages before the neighbour spotted him",
            "long-lie",
        ),
    ] {
        opens_with(q, category);
    }
    // The tenth review (s14d): the second leg "has started going tingly
    // as well", a bit weak this morning and now barely lifting, crisis
    // wording with running in the message, chest tightness on a jog.
    for (q, category) in [
        (
            "sciatica down my right leg for 2 weeks, now the left leg has started going tingly as well",
            "both-legs-told",
        ),
        (
            "this morning my foot was a bit weak, now I can barely lift it at all",
            "weakness-fast",
        ),
        (
            "used to love running but since the sciatica i can't, and lately i keep thinking \
             everyone would be better off without me",
            "crisis",
        ),
        (
            "my chest goes tight and heavy when I jog and eases when I stop, and my glute is sore",
            "chest-on-effort",
        ),
    ] {
        opens_with(q, category);
    }
    // The eleventh review (s15): saddle numbness told as wiping a stranger,
    // in non-native words or as the bedroom department; a wee that never
    // came, leaking unnoticed; the second foot joining in, both legs full of
    // wet sand; a stab under the ribs on breathing in; crisis told as the
    // family better off; a white, icy foot; painkillers at the maximum
    // dose; a purple patch spreading on warfarin; chest tight whenever
    // jogging up hills; walking that stops a smoker of 67.
    for (q, category) in [
        (
            "Since Tuesday my back's been wrecked and now when I use toilet paper it's like I'm \
             wiping a stranger. sorry TMI. is this part of the glute knot thing?",
            "saddle-numbness-told",
        ),
        (
            "my lower back's been shocking since the weekend and I've gone the whole day without \
             needing a wee even though I've drunk like 3 litres",
            "bladder-bowel",
        ),
        (
            "pooed a little in my shorts on the way to work without even realising, back and bum \
             have been agony since Saturday",
            "bladder-bowel",
        ),
        (
            "did heavy deadlifts Thursday, back was stiff Friday. Since this morning though, both \
             my legs feel like they're full of wet sand and I'm shuffling like an old man",
            "both-legs-heavy",
        ),
        (
            "pins and needles started in my right foot last week, now the left foot is doing it \
             too and my back aches. can I foam roll it out?",
            "both-legs-told",
        ),
        (
            "my back is very bad since 3 day and now I no have feeling around my private part, \
             also the bum. what stretch is good?",
            "saddle-numbness",
        ),
        (
            "stabbing pain under my ribs every time I take a deep breath since yesterday, also a \
             knot in my glute from the long drive",
            "breathless-chest",
        ),
        (
            "honestly 2 years of this sciatica and I've started thinking my family would be \
             better off if I wasn't around. anyway which stretch",
            "crisis",
        ),
        (
            "my foot went white and icy cold this afternoon and it's agony and I can barely move \
             my toes, glute has been achy",
            "cold-pale-leg",
        ),
        (
            "taken the max dose of co-codamol and it's not even denting this glute pain, what \
             else can I do?",
            "worst-pain",
        ),
        (
            "on warfarin, foam rolled my glute yesterday and now there's a purple patch the size \
             of my hand that's spreading down",
            "bruise-on-thinners",
        ),
        (
            "my chest gets tight and heavy whenever I jog up hills, settles if I stop, also a \
             knot in my glute",
            "chest-on-effort",
        ),
    ] {
        opens_with(q, category);
    }
    // The twelfth review (s15b): "pins & needles" in both feet, a slide
    // down the stairs, going down on the backside at 74, the worst pain
    // ever had, painkillers that did nothing, a leg weaker since Friday,
    // wiping as if through jeans.
    for (q, category) in [
        (
            "pins & needles in both feet and up the backs of both thighs since I lifted a sofa on \
             saturday, butt aches too. knot?",
            "both-legs-told",
        ),
        (
            "Slid down the last three stairs onto my tailbone this morning, it's so sore sitting. \
             heat or ice?",
            "trauma",
        ),
        (
            "I'm 74 and went down on my backside in the garden two days ago. got up fine but it \
             hurts to walk and to sit.",
            "trauma",
        ),
        (
            "My glute pain is the worst I've ever had, codeine isn't doing a thing and I can't sleep",
            "worst-pain",
        ),
        (
            "Glute pain so bad I was sobbing on the bathroom floor, and 2 paracetamol plus 2 \
             ibuprofen did nothing. what now?",
            "painkillers-not-working",
        ),
        (
            "Left leg is noticeably weaker since Friday, can't do a single step-up on it, plus a \
             glute ache",
            "weakness",
        ),
        (
            "Weird one: since yesterday wiping after the loo feels like I'm doing it through a pair \
             of jeans, and my glute pain is worse. knot?",
            "saddle-numbness-told",
        ),
    ] {
        opens_with(q, category);
    }
    // The thirteenth review (s15c): a foot that snags, the strongest stuff
    // the chemist sells, the most brutal pain ever known, a blotch bigger
    // than a hand on Eliquis, sat down heavy with osteoporosis, a heavy
    // feeling across the chest uphill, stuck on the floor, a leg weaker
    // than normal, feet as if in thick socks, new erection problems with
    // sciatica, little wee accidents unfelt.
    for (q, category) in [
        (
            "my left foot keeps snagging on the carpet since the sciatica got bad, like the front \
             of it won't come up properly",
            "weakness",
        ),
        (
            "taking the strongest stuff the chemist sells and my butt pain is still a 9, I'm in bits",
            "painkillers-not-working",
        ),
        (
            "Honestly the most brutal pain I've ever known, right in my glute, started when I bent \
             over",
            "worst-pain",
        ),
        (
            "On Eliquis for my AF. This morning there's a purple blotch bigger than my hand on my \
             glute after the massage gun. Ice it and wait?",
            "bruise-on-thinners",
        ),
        (
            "Nan is 82 and her bones are like chalk (osteoporosis). She missed the chair and sat \
             down heavy on the floor, now her hip is sore but she can walk.",
            "fragility-fracture",
        ),
        (
            "Get a heavy tight feeling across my chest whenever I jog uphill, goes away when I \
             walk. glutes tight too. keep running?",
            "chest-on-effort",
        ),
        (
            "my right leg has felt weaker than normal for 2 days and I wobble on the stairs, glute \
             pain on that side",
            "weakness",
        ),
        (
            "Pain in my glute, and now both my feet feel like they're in thick socks. Started this \
             arvo after I bent down to pick up my daughter",
            "both-legs-told",
        ),
        (
            "Sciatica for 3 weeks and now I can't get hard and my bum feels like a block of wood \
             when I sit. Related?",
            "sexual-change-back-pain",
        ),
    ] {
        opens_with(q, category);
    }
    let v = ask_json_after(
        "sciatica or knot?",
        "also I've had a couple of little wee accidents since yesterday without feeling them coming",
    );
    assert!(
        opens_with_prompt(v["reply"].as_str().unwrap(), "bladder-bowel"),
        "{v}"
    );
    // Its false alarms: a harmless trampoline tumble, the mind-muscle link,
    // a toddler's kick; and a denied sign sets neither tier nor names.
    for q in [
        "had a tumble on the trampoline with the kids, laughed, zero pain, no bruise. unrelated: \
         can I hip thrust with a knot?",
        "I can't feel my bum doing anything during RDLs, all hamstrings, is that why I get knots?",
        "my toddler kicked me right in the backside during nappy change, anyway glute knot tips?",
    ] {
        assert_eq!(ask_json(q)["red_flags"], serde_json::json!([]), "{q}");
    }
    let v = ask_json(
        "Sciatic type pain down past my knee for 10 days, no numbness, no bladder stuff. What \
         should I do?",
    );
    assert!(
        opens_with_prompt(v["reply"].as_str().unwrap(), "radiating-pain"),
        "{v}"
    );
    // Its false A&E prompts: a pee break called a leak, a noise like a
    // rusty gate, heavy lifts in one sentence and both sides of sore
    // glutes in another; and bladder and bowel denied together.
    for q in [
        "truckie here, 11 hour days in the cab. I stop every couple of hours for a leak and a walk \
         but my bum still aches. What can I do from the driver's seat?",
        "first CrossFit class yesterday, today I cannot sit on the toilet without making a noise \
         like a rusty gate. Normal DOMS?",
        "I'm dead. Leg day destroyed me. New program, heavy Bulgarians and RDLs, and 2 days on my \
         glutes are wrecked. Everything is evenly sore on both sides, no single spot. DOMS or knot?",
    ] {
        assert_eq!(ask_json(q)["red_flags"], serde_json::json!([]), "{q}");
    }
    let v = ask_json(
        "no bladder or bowel stuff, no numbness, just a deep ache in the piriformis after \
         driving. what helps?",
    );
    let reply = v["reply"].as_str().unwrap();
    assert!(reply.contains("You ruled out"), "{reply}");
    assert_ne!(
        v["match"]["id"], "cauda-equina",
        "denied words choose nothing: {v}"
    );
    // Its false alarms: a truck-sized leg day, a calf "puffed up" read as
    // out of breath, a night cramp that passed.
    for q in [
        "leg day felt like being hit by a truck, glutes cooked, what should I stretch?",
        "woke up at 3am with a cramp in my butt cheek, lasted a minute then went. is that a knot?",
    ] {
        assert_eq!(ask_json(q)["red_flags"], serde_json::json!([]), "{q}");
    }
    let v = ask_json("my left calf has puffed up and feels warm, it's fatter than the right");
    assert_eq!(v["red_flags"], serde_json::json!(["leg-swelling"]), "{v}");
    // A cauda equina sign is never answered with stretches.
    let v = ask_json(
        "my back is very bad since 3 day and now I no have feeling around my private part, also \
         the bum. what stretch is good?",
    );
    assert_eq!(v["match"]["id"], "cauda-equina", "{v}");
    for q in [
        "my son is 8 and wet the bed last night, unrelated but my glute is sore after parkrun",
        "bladder's fine, bowels fine, nothing weird down below, just a knot. keep deadlifting?",
    ] {
        assert_eq!(ask_json(q)["red_flags"], serde_json::json!([]), "{q}");
    }
    // In the same sentence the gym word still reads the legs as trained.
    let v = ask_json("both legs feel heavy and wobbly after leg day, is that normal?");
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
    // A look-alike's words say nothing about the sign's entry either.
    let v = ask_json(
        "lost control of the bar on a squat and bailed onto the pins, what warmup helps glutes?",
    );
    assert_ne!(v["match"]["id"], "cauda-equina", "{v}");
}

/// Each message's reply opens with its category's prompt, and is not
/// answered with any of the `wrong` entries.
fn each_opens_with_its_prompt(cases: &[(&str, &str)], wrong: &[&str]) {
    for (q, category) in cases {
        let v = ask_json(q);
        let reply = v["reply"].as_str().unwrap();
        assert!(opens_with_prompt(reply, category), "{q}: {reply}");
        for id in wrong {
            assert_ne!(v["match"]["id"], *id, "{q}: {v}");
        }
    }
}

/// Each message raises its sign (among any others).
fn each_raises_its_sign(cases: &[(&str, &str)]) {
    for (q, sign) in cases {
        let v = ask_json(q);
        let flags = v["red_flags"].as_array().unwrap();
        assert!(flags.iter().any(|f| f == sign), "{q}: {v}");
    }
}

/// None of `messages` raises a sign.
fn none_raises_a_sign(messages: &[&str]) {
    for q in messages {
        assert_eq!(ask_json(q)["red_flags"], serde_json::json!([]), "{q}");
    }
}

/// The fourteenth physiotherapist review (session 16, on 0fad5c1): signs
/// told as a likeness, of someone else, in non-native words or backwards
/// get their urgency; a calf said to be fine and a slipping bar are no
/// same-day sign.
#[test]
fn the_fourteenth_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "honestly this pain has beaten me, i don't see the point in carrying on with anything anymore",
                "crisis",
            ),
            (
                "boil on my butt cheek is hot and red and now i'm shivering that much i can't stop and \
                 can barely think straight",
                "infection-very-unwell",
            ),
            (
                "my husband's back went on saturday and both his legs are like wet noodles, he nearly \
                 went down twice on the stairs. can he use a massage gun on his glutes?",
                "both-legs-told",
            ),
            (
                "Bonjour, sorry my english. Since 2 days I have big pain in low back and buttock, and now \
                 when I go to toilet I do not feel the paper, and my man part is without sensation. What \
                 stretch I can do for this please?",
                "saddle-numbness",
            ),
            (
                "woke up and my right leg just won't take my weight, i'm holding onto the walls, glute \
                 pain is unreal",
                "unable-to-bear-weight",
            ),
            (
                "pain in my bum is so bad i can only hobble a few steps before i have to stop",
                "unable-to-bear-weight",
            ),
        ],
        &["topic-piriformis", "massage-gun"],
    );
    // A calf said to be fine is ruled out, not a clot; the bar slipped,
    // not the member; a star sign is not a cancer history.
    let v = ask_json(
        "stiff as a board this morning after yesterday's long-haul flight, glutes especially, \
         calves are totally fine. just stretch it out?",
    );
    let reply = v["reply"].as_str().unwrap();
    assert!(reply.contains("You ruled out"), "{reply}");
    assert!(!reply.contains("checked today"), "{reply}");
    none_raises_a_sign(&[
        "nearly shat myself when the bar slipped on my RDLs (figure of speech haha), now the glute \
         is tight. how long should I rest it?",
        "I'm a Cancer (star sign lol), does that explain why I hold all my stress in my glutes?",
        "on pins and needles till my physio appointment tomorrow, any tips for the glute knot till then?",
    ]);
    // ...while a swollen calf next to a thigh that is fine, a bar that
    // slipped and hit, and a cancer survivor keep their signs.
    each_raises_its_sign(&[
        (
            "my calf is swollen and hot but my thigh is fine, glute tight",
            "leg-swelling",
        ),
        (
            "the bar slipped and smashed into my hip, huge bruise, knot in my glute now",
            "trauma",
        ),
        (
            "I'm a cancer survivor, is deep massage ok on my glute knot?",
            "cancer-weight-loss",
        ),
    ]);
}

/// The fifteenth review (session 16, on 1c68715): breathlessness told by a
/// likeness with a clot-risk calf, a calf told after "on my left side", a
/// swelling like a balloon on a blood thinner; and no alarm for legs like
/// lead after a 100-mile ride, a worst pain compared and found far short,
/// or research done feverishly.
#[test]
fn the_fifteenth_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "Right calf went sore and puffy after the long-haul home, and today I'm puffing like a \
                 steam train just crossing the living room",
                "breath-with-calf",
            ),
            (
                "thigh and calf on my left side are fat, warm and tight since my knee op 10 days ago. \
                 glute tight too",
                "calf-clot-risk",
            ),
            (
                "on apixaban, the back of my bum cheek swelled up like a balloon after a deep tissue \
                 massage, it's tense and purple",
                "bruise-on-thinners",
            ),
            (
                "childbirth was nowhere near this, worst pain of my life in my glute",
                "worst-pain",
            ),
        ],
        &["wallet-pocket"],
    );
    let v = ask_json(
        "Cyclist, 45. After my first 100 mile ride my backside was toast and both legs felt like \
         lead for two days until I'd rested. All works fine now, no numbness anywhere, bladder's \
         fine. Could I have a glute knot, and how do I avoid it next time?",
    );
    assert_ne!(v["match"]["id"], "cauda-equina", "{v}");
    assert!(!v["reply"].as_str().unwrap().contains("emergency"), "{v}");
    none_raises_a_sign(&[
        "worst pain of my life was childbirth, this glute knot is nowhere near that lol but it's \
         annoying, what stretches?",
        "been feverishly researching glute knots all night lol, is it heat or ice?",
    ]);
}

/// The sixteenth review (session 16, on bf680db): a wet bed woken up in
/// and a face that slid down are emergencies; shuttle sprints called
/// suicides, a craze called a fever, legs heavy after the class named the
/// sentence before, and a friend's fall laughed at are not signs.
#[test]
fn the_sixteenth_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "woke up in a wet bed for the first time since I was a kid, 35M, and my back and bum \
                 are in agony",
                "bladder-bowel",
            ),
            (
                "my dad (74) was moaning about his glute earlier and now half his face has slid down and \
                 his words are coming out all mushy",
                "stroke-signs",
            ),
            (
                "all of a sudden my left arm and left leg are like lead and I can't grip my phone \
                 properly. glute knot too, related??",
                "stroke-signs",
            ),
            (
                "6 weeks of stretching, rolling and heat and this glute knot hasn't moved an inch",
                "not-improving-told",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "coach had us doing suicides on the court till we nearly chundered, now my glute is tight \
         as. stretch or roll?",
        "Spin class twice this week. Afterwards both legs feel heavy and my glutes ache, by the \
         evening they're fine again. Normal?",
        "pissed myself laughing at my mate face-planting off the yoga ball. anyway, does ball \
         massage work for glutes?",
        "I write an agony aunt column for our club newsletter, got a glute knot question: what do I \
         tell them about heat vs ice?",
        "my camelbak bladder sprang a leak halfway through the trail run and my glute's been tight \
         since the hills",
    ]);
    let v = ask_json(
        "Bieber fever in our house, 4 hours on a plastic stadium seat and my bum went numb lol. \
         Back to normal once I walked around, is that a knot thing?",
    );
    let flags = v["red_flags"].to_string();
    assert!(!flags.contains("fever"), "{v}");
}

/// The seventeenth review (session 16, on 22bd947): weakness creeping
/// through a morning, breathlessness told as gasping after a birth, a foot
/// that can't be put down or take any weight, painkillers that haven't
/// budged the pain and a hot toddler who won't stand get their urgency;
/// fainting from shock at a video is not pain.
#[test]
fn the_seventeenth_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "left foot a bit clumsy this morning, by lunch I was catching it on every step, now I can \
                 barely lift the front of it and the knee is buckling too. glute knot on that side, is \
                 it the knot?",
                "weakness-fast",
            ),
            (
                "had my baby 10 days ago, bum is sore from feeding, but now even climbing the stairs \
                 leaves me gasping like I've run a marathon and my heart's going like the clappers",
                "postpartum-breathless",
            ),
            (
                "can't put my left foot down since my glute went ping at footy training last night, \
                 hopping round the house, ice it?",
                "unable-to-bear-weight",
            ),
            (
                "taken the max dose of paracetamol and ibuprofen all day and the pain in my bum hasn't \
                 budged even a bit, what now?",
                "painkillers-not-working",
            ),
            (
                "my toddler won't stand on her left leg this morning and feels hot, she's really \
                 whingey, could she have pulled a glute?",
                "fever-limp",
            ),
            (
                "58, veterans hockey, felt a gunshot pop in the left glute and then searing pain. Now I \
                 can't take any weight on that leg at all, even with a stick. Knot? Ice and rest?",
                "unable-to-bear-weight",
            ),
        ],
        &["posture-imbalance"],
    );
    let q = "fainted from shock when I saw my deadlift on video lol, form is awful, could that be \
             causing the glute knot?";
    assert_eq!(ask_json(q)["red_flags"], serde_json::json!([]), "{q}");
}

/// The eighteenth review (session 16, on 1afed71): the urge not felt and
/// an accident in the trousers, bowels out of control, a bruise on
/// warfarin spreading down the leg, and a brother's dark thoughts get their
/// urgency; the mind-muscle link, a grand final, pants nearly wet with
/// laughing, a baby's kick and legs like lead after the rower are not signs.
#[test]
fn the_eighteenth_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "I have strong pain in low back and buttock, and since yesterday I go to toilet and I \
                 dont feel when the pee is coming, also I make a small accident in my trousers. Which \
                 stretch can help?",
                "bladder-bowel",
            ),
            (
                "can't control when I need a number two anymore since my back went last week, had \
                 two accidents",
                "bladder-bowel",
            ),
            (
                "I'm on warfarin and the bruise from my sports massage has spread from my bum down to \
                 the back of my knee and keeps getting darker and bigger",
                "bruise-on-thinners",
            ),
            (
                "I'm asking for my brother, he's been having dark thoughts and says he doesn't want to \
                 be here anymore",
                "crisis",
            ),
        ],
        &["stretching"],
    );
    none_raises_a_sign(&[
        "can't feel my glutes at all when I squat, it's all quads. how do i get the mind muscle \
         connection going",
        "watching my team lose the grand final was the worst pain of my life lol. anyway, glute \
         stretch recommendations?",
        "nearly peed my pants laughing when my training partner farted mid hip thrust. anyway, how \
         do i stretch my glute med?",
        "my 8 month old kicked me square in the bum cheek at 5am, so I'm up anyway: what's a good \
         glute stretch?",
        "40 minutes on the rower and both legs feel like lead, glutes burning. is that normal for a \
         beginner?",
    ]);
}

/// The nineteenth review (session 16, on f53abde): a lopsided mouth and a
/// face gone down on one side, thinking how to end things, a nan on the
/// lino since yesterday, a cracked helmet with vomiting, underwear changed
/// without noticing, a pain like nothing felt before, a bruise the size of
/// a dinner plate on warfarin and painkillers that haven't dropped the pain
/// a notch get their urgency; drills called suicides, an accident nearly
/// had or a child's, a collapse onto the sofa, a wagon fallen off and a
/// numb seat that came back at once are not emergencies.
#[test]
fn the_nineteenth_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "my dad's mouth looks lopsided and he's talking funny, he was complaining his bum was \
                 sore earlier. what stretch should he do?",
                "stroke-signs",
            ),
            (
                "My father face go down on one side and he can not lift his coffee cup, he say also \
                 his buttock is pain. What to do?",
                "stroke-signs",
            ),
            (
                "9 months of sciatica. I've stopped seeing the point of waking up and I've started \
                 thinking about how I'd end things.",
                "crisis",
            ),
            (
                "Popped in on my nan and she was sitting on the kitchen lino, reckons she's been there \
                 since teatime yesterday. Says her bum's sore",
                "found-on-floor",
            ),
            (
                "came off my bike on black ice, helmet cracked, i've spewed twice and can't remember \
                 getting home. tailbone really sore, ice it?",
                "head-injury",
            ),
            (
                "Since my back went I keep having to change my boxers, I don't even notice it \
                 happening, front and back if you get me",
                "bladder-bowel",
            ),
            (
                "this morning, out of nowhere, a pain in my buttock like a hot knife, I had to lie on \
                 the floor. nothing like anything I've ever felt",
                "worst-pain",
            ),
            (
                "I'm on warfarin and after my massage Friday there's a purple patch on my bum that's \
                 now the size of a dinner plate and still growing",
                "bruise-on-thinners",
            ),
            (
                "Taken the full dose of paracetamol and ibuprofen since 6am and my glute pain hasn't \
                 dropped one notch, I'm pacing the house",
                "painkillers-not-working",
            ),
        ],
        &["stretching"],
    );
    none_raises_a_sign(&[
        "Took a tumble off the healthy-habits wagon over Christmas, glutes tight again, where do I \
         restart?",
        "coach calls them suicides, 20 of them at the end of every basketball practice, and my \
         glutes are permanently knotted. stretches?",
        "laughed so hard at my PT's dad joke I nearly had an accident, anyway, glute knot tips?",
        "after my 30km trail run I collapsed on the couch for 3 hours. glute knot today, roll it?",
    ]);
    let v = ask_json(
        "lost the feeling in my bum after 3 hours in an economy seat, came back as soon as i walked \
         the aisle. knot related?",
    );
    assert!(!v["red_flags"].to_string().contains("saddle"), "{v}");
    let v = ask_json(
        "I'm 30 weeks pregnant with twins and my left glute feels like a clenched fist. No bleeding \
         or anything scary. Safe stretches?",
    );
    let reply = v["reply"].as_str().unwrap();
    assert!(!reply.contains("emergency number now"), "{reply}");
}

/// Review s17 (docs/reviews/content-review-22.md): crisis told as others
/// coping without one, tablets put by or a drive not come back from; both
/// legs tingling with back pain after deadlifts (training does not excuse
/// numb legs); the urge to wee no longer felt; numbness where one sits; a
/// knacker; a bruise on Eliquis that has spread; a tender calf after knee
/// surgery. And no urgent prompt for drills called suicides, breath lost to
/// being unfit, a walk "like I've shat myself", a bum "kicked by a horse",
/// jelly legs after Bulgarians, race nerves, kit that went flying, a fall
/// from grace, a kettle that boils, or a fever "last time" in 2019.
#[test]
fn the_twentieth_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "honestly don't know why I bother anymore. 2 years of this glute and back pain and \
                 I've started thinking my family would cope fine without me around",
                "crisis",
            ),
            (
                "I've been quietly putting aside my oxy for a while now, this hip pain is never going \
                 to stop and I'm done",
                "crisis",
            ),
            (
                "mate i'm cooked. can't train, can't sleep, glute nerve pain every day. some nights i \
                 think about just driving off the road and not coming back.",
                "crisis",
            ),
            (
                "neither leg feels right since deadlifts this morning, the pair of them are tingly and \
                 wobbly from the knee down and my back is screaming. glute knot or?",
                "both-legs-back",
            ),
            (
                "lower back and bum pain from a disc thing, and the last day or so I don't get the \
                 'need to go' feeling for a wee anymore, I just go by the clock. normal?",
                "bladder-bowel",
            ),
            (
                "I have sciatica in left side and from today the middle part where I sit feel like \
                 wood, no sensation, also back very painful. I need to go hospital or only physio?",
                "numb-seat-back-pain",
            ),
            (
                "sudden horrible pain in my left knacker that came on an hour ago, now spreading to my \
                 groin and bum, feel sick. is this a piriformis thing?",
                "testicle-pain",
            ),
            (
                "on Eliquis since a clot last year. knocked my bum on the car door and the bruise has \
                 gone from a 50p coin to covering half my cheek overnight, and it's swollen and tight. \
                 heat?",
                "bruise-on-thinners",
            ),
            (
                "had knee surgery 8 days ago and now my calf on the same side is really tender and \
                 achy, plus my glute is stiff from the crutches. massage the calf?",
                "calf-clot-risk",
            ),
        ],
        &["stretching"],
    );
    let v = ask_json_after(
        "is it ok to train legs with a glute knot?",
        "what if I also haven't been able to feel myself wee properly since yesterday and my back \
         is killing me",
    );
    assert!(v["red_flags"].to_string().contains("bladder-bowel"), "{v}");
    none_raises_a_sign(&[
        "footy coach punished us with suicides for rocking up late, glutes are wrecked, best \
         cooldown?",
        "bit out of breath walking up to my 4th floor flat with the shopping, I'm just unfit lol. \
         also my bum aches after stairs, glute thing?",
        "legs went to jelly on the stairs after Bulgarians, glutes are toast, how do I recover \
         faster?",
        "race week nerves have me all shivery and jittery lol, glute's a bit tight, massage before \
         sunday?",
        "lost my grip on the kettlebell and it went flying, nobody hurt lol. glute tight from \
         swings though, normal?",
        "had a fall from grace at work today (boss caught me napping lol), glute stiff from the \
         office chair. stretches?",
        "I'm 68 with dodgy balance. Is there a standing bum stretch I can do holding on to the \
         kitchen counter while the kettle boils?",
    ]);
    // Numbness where one sits, from the chair, is no emergency.
    let v =
        ask_json("my bum goes numb where I sit on the office chair by 5pm, glute knot, stretch?");
    let flags = v["red_flags"].to_string();
    assert!(
        !flags.contains("saddle") && !flags.contains("numb-seat"),
        "{v}"
    );
    // Urgent signs only as likenesses; a fever told as years past, a clot
    // and a calf ruled out: at most a note, never an alarm.
    for message in [
        "So I'm a farmer, 58, and the missus reckons I walk like I've shat myself after a day on \
         the tractor lol. My backside aches by knock-off. Any stretches for tractor days?",
        "Mum of two, kids are 6 and 9 so not a new mum lol. Started couch to 5k three weeks ago and \
         my right bum cheek feels like it's been kicked by a horse every morning.",
        "last time I had a temperature was in 2019 lol, I'm healthy, just a knotty glute. heat ok?",
        "My GP said my bloods were all normal, no clots, no nothing, so it's just a muscle knot \
         apparently. how long till it goes?",
        "just back from a long haul flight to Perth, calves totally fine, but my bum is stiff as a \
         board. stretch ideas?",
    ] {
        let reply = ask_json(message)["reply"].as_str().unwrap().to_string();
        for alarm in ["emergency", "checked today"] {
            assert!(!reply.contains(alarm), "{message}\n{reply}");
        }
    }
}

/// Review s17b (docs/reviews/content-review-23.md): wetting oneself
/// unnoticed, self-harm "to feel something", a warm calf after a knee
/// scope, a leg not stood on since yesterday, sudden searing pain and pain
/// "worse than giving birth" get their urgency; DOMS that makes one hobble
/// and feet asleep on the loo for a minute get none.
#[test]
fn the_twenty_first_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "I'm 34M and have been off work with sciatica all week, lying on the floor mostly. \
                 Today I went to get up and found my trackies were soaked, I genuinely had no idea \
                 I'd gone.",
                "bladder-bowel",
            ),
            (
                "can't train, can't sleep, I've started hurting myself again just to feel something",
                "crisis",
            ),
            (
                "2 weeks after my knee scope, the calf on that side is tight, warm and bigger than \
                 the other one",
                "calf-clot-risk",
            ),
            (
                "halfway through my 10k my hip went and I couldn't stand on it, had to get a lift \
                 home. still can't today",
                "unable-to-bear-weight",
            ),
            (
                "out of nowhere, sitting at my desk, a searing pain in my glute, 9/10, I'm sweating \
                 and can't get comfy",
                "sudden-severe-pain",
            ),
            (
                "this is worse than giving birth, I can't sit, stand or lie down, I'm in tears. what \
                 do I do?",
                "worst-pain",
            ),
        ],
        &["stretching"],
    );
    none_raises_a_sign(&[
        "can barely hobble down the stairs after yesterday's walking lunges, proper DOMS. when can \
         I train legs again?",
        "the stabbing pain of seeing my Strava pace lol. anyway, glute knot after speedwork, roll or \
         stretch?",
    ]);
    let v = ask_json(
        "Sat on the loo far too long and when I stood up both feet had pins and needles, gone \
         within a minute of walking about. what desk stretch is best?",
    );
    assert!(!v["red_flags"].to_string().contains("both-legs"), "{v}");
    // A numb seat with back pain names only what was told.
    let v = ask_json(
        "when I wipe after the loo it's like I'm wiping someone else's bum. lower back and right \
         glute have been wrecked since Tuesday",
    );
    let reply = v["reply"].as_str().unwrap();
    assert!(opens_with_prompt(reply, "saddle-numbness"), "{reply}");
    assert!(!reply.contains("erection"), "{reply}");
}

/// Review s17c (docs/reviews/content-review-24.md): retention told as
/// "nothing would come out", numbness in intimacy, two legs "without
/// power", a stroke told by drunk-sounding words or a dropped mouth, a
/// suicide plan told by things given away or tablets counted, furniture
/// clung to, a fall "arse over tit", painkillers maxed out, a chest that
/// squeezes uphill, a feverish child who won't put a leg down. And no
/// urgent prompt for a camelbak's bladder, feet asleep for a minute,
/// collapsing into the car, form like a car crash or chills at a race.
#[test]
fn the_twenty_second_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "did deadlifts, back is wrecked, stood at the toilet for ages and nothing would come \
                 out even though I was busting",
                "bladder-bowel",
            ),
            (
                "My husband's sciatica flared last week and now he can't feel anything when we're \
                 intimate",
                "sexual-change-back-pain",
            ),
            (
                "From yesterday my two legs are without power, I cannot go up the stairs, and the back \
                 is hurting very much. What exercise for glute?",
                "both-legs-back",
            ),
            (
                "My dad (74) has a sore bum, and tonight his words came out like he was drunk and he \
                 couldn't hold his tea. Should he just rest?",
                "stroke-signs",
            ),
            (
                "I'm done. 14 months of sciatica and I've started giving my things away.",
                "crisis",
            ),
            (
                "I've been looking up how many of my tablets it would take, this pain never stops",
                "crisis",
            ),
            (
                "been shuffling around clinging to the furniture all day because my bum won't let me \
                 stand on that leg",
                "unable-to-bear-weight",
            ),
            (
                "went arse over tit on the ice this morning, right onto my tailbone",
                "trauma",
            ),
            (
                "maxed out on paracetamol and ibuprofen for 2 days and my glute pain hasn't even \
                 noticed",
                "painkillers-not-working",
            ),
            (
                "Whenever I run up the hill my chest gets a heavy squeezing feeling. Can I keep \
                 running on it?",
                "chest-on-effort",
            ),
            (
                "my 5 year old woke up hot and won't put her right leg down, cries when I touch her \
                 hip. can I massage it?",
                "fever-limp",
            ),
        ],
        &["stretching"],
    );
    none_raises_a_sign(&[
        "the bladder in my camelbak split on the trail, unrelated, but my glutes are tight after \
         the hills",
        "Nurse here, collapsing into the car after a 12 hour shift, glutes like rocks. stretches?",
        "coach says my squat form is a car crash, glutes sore after, what should I fix?",
        "got chills watching the 100m final, anyway my glute is tight after sprints",
    ]);
    let v = ask_json(
        "sat on the toilet way too long and both feet went to sleep lol, took a minute. glute \
         tight, stretch?",
    );
    assert!(!v["red_flags"].to_string().contains("both-legs"), "{v}");
}

/// Review s17d (docs/reviews/content-review-25.md): sexual function told as
/// "things down below don't work", breathing that hurts with a hot calf, a
/// hot jab site with shaking and heavy eyes, a wee that came out unfelt;
/// and no alarm for squats "worse than labour", the worst DOMS, a dropped
/// bar, a collapse onto the lounge, a child's fall without a scratch, a
/// star sign or buzzing for a competition.
#[test]
fn the_twenty_third_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "Ever since my back went on Friday, things down below don't... work, if you get me. \
                 Could that be the piriformis?",
                "sexual-change-back-pain",
            ),
            (
                "2 weeks after my knee scope, my calf's hot and puffy and now it hurts to take a deep \
                 breath. Glute sore from crutches too.",
                "breath-with-calf",
            ),
            (
                "The jab site on my bum is hot and red, and tonight I'm burning up, shaking like mad and \
                 can barely keep my eyes open",
                "infection-very-unwell",
            ),
            (
                "bad back all week and my wee just came out while I was standing at the kettle, didn't \
                 even feel it start",
                "bladder-bowel",
            ),
        ],
        &["stretching"],
    );
    none_raises_a_sign(&[
        "Bulgarian split squats are worse than labour I swear, glutes wrecked, stretch?",
        "Dropped the bar on the last rep of RDLs (bar's fine, I'm fine), glutes sore, roll it?",
        "Ran a half in the heat, came home and collapsed on the lounge for 3 hours, glute knot \
         today",
        "Worst DOMS of my life after my first spin class, glutes screaming, normal?",
        "Kid fell off the monkey bars at school (he's fine, not a scratch), my glute is tight from \
         carrying him home",
        "I'm a Cancer so I hold everything in, does stress knot up your glutes?",
        "Buzzing for my first comp tomorrow, all jittery with nerves, glute a bit tight. roll today \
         or rest it?",
    ]);
}

/// Review s17e (docs/reviews/content-review-26.md): both legs going one
/// after the other with back pain, a glute that "went bang" out of nowhere,
/// a jolt on a bus with osteoporosis, and precautions told sideways (a baby
/// that arrived, tablets to thin the blood, a new ball and socket); no alarm
/// for a bum numb from the cold, a child's wee accident, weight on the bar,
/// a bandwagon fallen off, a nan's fall last year, a PR "given birth to".
#[test]
fn the_twenty_fourth_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "Coach here, 52. Low back grumble after pre-season. Yesterday my left leg started \
                 tingling, overnight the right joined the party, and this morning both feel rubbery \
                 on the stairs.",
                "both-legs-back",
            ),
            (
                "out of nowhere my glute went bang while I was just walking to the shop, the pain is \
                 unreal, nothing like a knot",
                "sudden-severe-pain",
            ),
            (
                "I've got osteoporosis and sat down with a bump when the bus braked hard, now it hurts \
                 deep in my bum and hip",
                "fragility-fracture",
            ),
            (
                "my little girl arrived 5 weeks ago, glutes are knotted from feeding in the rocking \
                 chair, when can I foam roll?",
                "postpartum",
            ),
            (
                "I take tablets to thin my blood after my stent, is a deep tissue massage safe for a \
                 knot in my bum?",
                "blood-thinners",
            ),
            (
                "They gave me a new ball and socket on the left in August, glute on that side is \
                 tight, which stretches are safe?",
                "hip-surgery",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "it was so freezing at parkrun I couldn't feel my bum by the end haha, glutes tight today, \
         stretch?",
        "can't put any weight on the bar for hip thrusts without it digging into my hip bones, what \
         pad should I get?",
        "totally fell off the stretching bandwagon over christmas and the knot is back, how do I \
         restart",
        "my nan had a fall last year and we all got a fright, anyway I'm 34 with a glute knot, ball \
         or roller?",
        "just gave birth to a new hip thrust PR haha, but left glute feels knotty after, normal?",
    ]);
    // Pregnancy told as "with baby", and its weeks "along with" a second
    // baby, are a pregnancy, not a birth.
    let v =
        ask_json("I am with baby 5 months, the pain in my buttock is very strong when I walk long");
    assert_eq!(v["red_flags"], serde_json::json!(["pregnancy"]), "{v}");
    let v = ask_json(
        "33 weeks along with baby #2 and my left butt cheek is so tight, foam roller safe?",
    );
    assert!(v["red_flags"].to_string().contains("pregnancy"), "{v}");
}

#[test]
fn the_twenty_fifth_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "lower back's been dodgy all week and today wiping felt like doing it through a \
                 thick nappy, i can't really tell it's my own bum",
                "saddle-numbness-told",
            ),
            (
                "Sorry for my english. Since two days my back and glute hurt very much and i cannot \
                 make pipi properly, it does not come even when i push.",
                "bladder-bowel",
            ),
            (
                "sciatica in my left glute for weeks, now my right leg is at it as well and both \
                 feel like i'm wading through treacle when i walk",
                "both-legs-told",
            ),
            (
                "hubby's had glute and back pain all week, now he says things downstairs feel \
                 strange and he can't, you know, perform. is that related?",
                "sexual-change-back-pain",
            ),
            (
                "lost the feeling around my back passage since my sciatica got bad on tuesday",
                "saddle-numbness-told",
            ),
            (
                "i keep thinking about swallowing every pill in the cupboard so this pain just stops",
                "crisis",
            ),
            (
                "my 8yo has been hobbling since yesterday, says her hip hurts and she won't run at \
                 footy. no fall",
                "child-limp",
            ),
            (
                "hill reps make my chest go tight and heavy, it settles a minute or two after i \
                 stop. glutes tight too",
                "chest-on-effort",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "coach had us running 10 suicides as punishment for losing, my glutes are cooked",
        "gasping for air after 400m repeats, which is the point lol. now my glute med is knotted, \
         stretches?",
        "nearly wet myself laughing when my mate fell off the bosu ball. anyway, glute knot, heat \
         or ice?",
    ]);
    // Legs asleep from sitting cross-legged, shaken awake: not both legs
    // failing (at most the gentle note for numbness).
    let v = ask_json(
        "both my legs went to sleep sitting cross-legged on the floor at my kid's assembly, fine \
         after a shake. glute still tight though, stretch?",
    );
    assert!(!v["red_flags"].to_string().contains("both-legs"), "{v}");
}

#[test]
fn the_twenty_sixth_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "lower back pain with sciatica, and today when I sit on the toilet it feels like \
                 the seat isn't there under me",
                "saddle-numbness-told",
            ),
            (
                "out of nowhere I got this stabbing pain deep in my glute, worst thing I've ever \
                 felt, I can hardly move",
                "sudden-severe-pain",
            ),
            (
                "I'm on warfarin and the bruise on my bum from the massage gun is getting bigger \
                 every day and creeping down my thigh",
                "bruise-on-thinners",
            ),
            (
                "My 11 y.o. has been limping since footy on Saturday and says his knee hurts, no \
                 injury that I saw. glute knot?",
                "child-limp",
            ),
            (
                "I'm 74 with osteoporosis, sat down way too hard on a bench and now my hip and bum \
                 hurt a lot when I walk",
                "fragility-fracture",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "my son (16) plays rugby and has a knot in his bum muscle after tackling drills, can he \
         use my massage gun on it?",
        "coach punished the whole team with suicides yesterday and now my glutes feel knotted, \
         what helps",
        "Can't feel my legs after that 5 min wall sit lol. best glute cooldown?",
        "my massage therapist was so good I nearly passed out from relaxing. How often should I \
         book for knots?",
        "I swear my glutes have a fever after that sauna lol, they're so hot. does heat help \
         knots?",
    ]);
    // Kneed in a tackle drill is still a hit.
    let v = ask_json_after(
        "got a knot in my glute that won't shift",
        "oh and it came up right where I got kneed in a tackle drill, does that change anything?",
    );
    assert!(v["red_flags"].to_string().contains("trauma"), "{v}");
}

#[test]
fn the_twenty_seventh_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "my back is in bits and i messed my undies this morning without even feeling it \
                 coming. first time ever. is that the nerve from the glute?",
                "bladder-bowel",
            ),
            (
                "ever since I hurt my back lifting on friday, my erections have basically \
                 disappeared. could the sciatica be doing it?",
                "sexual-change-back-pain",
            ),
            (
                "Hello, I have pain in low back and buttock. Since yesterday I no feel nothing when \
                 I clean myself after toilet. Is normal with sciatica?",
                "saddle-numbness-told",
            ),
            (
                "bum pain is unreal, I've been taking codeine and ibuprofen on schedule and \
                 honestly it's like taking smarties. what else can I do?",
                "painkillers-not-working",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "parkrun fever has hit our house, all four of us running now. how do we stop getting \
         glute knots?",
        "absolutely collapsed after my first crossfit wod, glutes are fried. how long till the \
         knots ease off?",
        "my phone fell off the bench and smashed, only casualty of the session. anyway, glute \
         knot after hip thrusts, what do i do?",
    ]);
    // A knotty spot is not spotting, and denied back pain does not make a
    // numb gaming-chair bum an emergency.
    let v = ask_json(
        "26 weeks pregnant, there's a tight knotty spot deep in my right glute that aches after \
         walking the dog. Is a massage gun safe to use on it?",
    );
    assert_eq!(v["red_flags"], serde_json::json!(["pregnancy"]), "{v}");
    let v = ask_json(
        "after a 3 hour gaming session my bum goes completely dead and tingly from the chair, then \
         it wakes up a minute after I get up. No back pain, nothing else odd. Better chair?",
    );
    assert!(!v["red_flags"].to_string().contains("back-pain"), "{v}");
    assert!(!v["reply"].as_str().unwrap().starts_with("**Go to"), "{v}");
}

#[test]
fn the_twenty_eighth_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "bit embarrassing, bloke 34, since my back went a few days ago nothing happens in the \
                 bedroom any more, like the wiring's been cut. will glute stretches help the back?",
                "sexual-change-back-pain",
            ),
            (
                "can barely get up the stairs, both my legs feel like borrowed legs, started this \
                 morning, lower back sore too",
                "both-legs-back",
            ),
            (
                "honestly this pain has gone on so long I've started thinking everyone would be fine \
                 if I just wasn't around anymore. been looking up ways to do it",
                "crisis",
            ),
            (
                "I am so much tired, tonight I think maybe I make harm to my body with knife. also my \
                 hip hurt.",
                "crisis",
            ),
            (
                "Hello, I have pain in back and bottom since 1 week, and now I no feel the skin there \
                 when I sit on toilet, like rubber. Is glute knot?",
                "saddle-numbness-told",
            ),
            (
                "toddler won't walk on her right leg since this morning, she feels really warm and is \
                 off her food. could she have pulled a bum muscle?",
                "fever-limp",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "Bro I nearly crapped it when the bar slid off the J-hook lmao. anyway glute knot \
         from squats, tips?",
        "I don't feel my glutes one bit on RDLs, only hamstrings. could lazy glutes be why I \
         get knots?",
        "Leaking sweat like a tap after spin class and now my bum's knotted up, stretches?",
        "My legs gave up on the last 400m of parkrun so I walked it in, no shame. The real \
         issue is a glute knot that's been nagging since last week, sore when I sit on it and \
         when I press it. Tried rolling once. Heat or ice, and should I run again on \
         Saturday?",
        "I nearly collapsed laughing at my own squat form on video. but seriously what's \
         wrong with my hip thrust setup, glute knot every time",
        // Told in the same sentence, a race explains heavy legs; told in
        // the sentence before, it does not yet (a knot's hip thrusts there
        // must not explain chest pain here).
        "Marathon done on Sunday and both legs are like lead today, plus a couple of tender \
         knots in my glutes. Is this normal recovery?",
        "Been sat on the throne too long reading, both feet went to sleep lol, fine the \
         second I stood up. Glute also tight, any stretch for after?",
    ]);
}

#[test]
fn the_twenty_ninth_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "my back's been bad for days and now when I sit on the loo it's like sitting on \
                 someone else's bum. bit freaky. is that from the knot?",
                "saddle-numbness-told",
            ),
            (
                "lower back and buttock pain for 10 days and now nothing works in the bedroom, no \
                 feeling there either. me and my gf are worried, is it the knot?",
                "sexual-change-back-pain",
            ),
            (
                "pins and needles started in my right foot Monday, now my left foot's doing it \
                 too and my back and bum ache. stretch?",
                "both-legs-back",
            ),
            (
                "Mum (81) went down in the kitchen, she's still on the lino and says she can't \
                 take any weight on her right leg, hip hurts. should we rub it?",
                // the fall's own emergency, whose prompt names the floor too
                "fall-cannot-stand",
            ),
            (
                "68, pack a day man. tonight it felt like someone unzipped my back, the pain shot \
                 right through to my belly and down into my bum. tried heat. knot?",
                "tearing-pain",
            ),
            (
                "some nights I hope I just don't wake up. 8 months of this glute pain and nothing \
                 helps. is there anything left to try?",
                "crisis",
            ),
            (
                "one calf is noticeably chunkier than the other since the weekend and tender when \
                 I squeeze it, glute knot on the same side. massage it all out?",
                "leg-swelling",
            ),
            (
                "was just reaching for the remote and got a lightning bolt of pain in my glute \
                 that's had me crying for an hour. knot?",
                "sudden-severe-pain",
            ),
            (
                "my 13yo's been hobbling since footy on the weekend, now moaning about his knee \
                 and a bit his groin. just rest it?",
                "child-limp",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "So I'm 58, recently retired and doing way more gardening. Kneeling, bending, \
         lugging bags of soil. Now my right bum cheek aches something shocking by \
         evening, like I've sat on a fence for a week. Paracetamol takes the edge off. Is \
         it a knot and should I ease off the garden?",
        "bladder the size of a peanut so I'm up to the loo all day at work, which at \
         least breaks up the sitting lol. still get a glute knot though. what else helps?",
        "my 3 year old wet himself at the park and I had to sprint to get him, now my \
         glute is tight lol. best stretch?",
        "Right so I did my first ever half marathon Sunday, hit the wall at 18k, legs \
         turned to jelly, swore at a marshal and staggered over the line like a drunk \
         penguin. Two days on, the only thing left is a tight knot in my left glute. Roll \
         it or leave it for now?",
    ]);
    // A crisis told in a follow-up, after a thank-you.
    let v = ask_json_after(
        "Glute knot from deadlifts, which stretch?",
        "Thanks. Tbh the other thing is I've felt properly low for months, the pain is \
         just the last straw and I keep thinking it'd be easier not to be around anymore. \
         Anyway, do I stretch every day or every other day?",
    );
    assert!(v["red_flags"].to_string().contains("crisis"), "{v}");
}

#[test]
fn the_thirtieth_reviews_signs_get_the_urgency_they_need() {
    each_opens_with_its_prompt(
        &[
            (
                "weird one: since yesterday my lower back and bum ache and I had to strain for \
                 ages to start peeing, then only a dribble came out. Is that the knot?",
                "bladder-bowel",
            ),
            (
                "My right foot was a bit weak yesterday, this morning I was tripping on it, and \
                 now by lunch I can't lift my toes at all. Glute knot?",
                "weakness-fast",
            ),
            (
                "Dad (74) was talking gibberish at dinner and one side of his mouth is sagging, \
                 he says it's his sciatica making him tired. should he stretch?",
                "stroke-signs",
            ),
            (
                "Had a glute knot treated with cupping last week. Since Tuesday one of the cup \
                 marks has turned into a hot, hard, red swelling the size of my palm that's \
                 spreading, and tonight I'm running 38.7. Do I keep doing heat on it like my \
                 therapist said, or leave it?",
                "fever-infection",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "Fell off my diet big time this week 😂 could junk food make my knots worse?",
        "Feels like I've been kicked in the arse by a horse after leg day. Rest or roll?",
        "Got the CrossFit fever again after a long break and now knots everywhere. How do \
         I ease back in?",
        "Confession: I collapsed on the gym floor after my first hero WOD (on purpose, \
         lying there like a starfish lol). 90 minutes of burpees and wall balls. Two days \
         later my glutes are rock hard with tender spots everywhere. Safe to massage gun \
         them or wait for the DOMS to pass?",
    ]);
    // Jelly legs after a hill session, recovered by the next day: at most
    // the gentle note for "dead" legs, never a same-day prompt.
    let v = ask_json(
        "Okay I know this sounds dramatic but after Sunday's hill session I was dead: \
         legs like jelly, lungs on fire, the works. Fully recovered by Monday. But \
         there's a knot in my left glute that's hung around since and it's sore to sit on \
         at work. Foam roller or massage ball?",
    );
    assert!(!v["red_flags"].to_string().contains("wobbly-legs"), "{v}");
}

/// The thirty-first physiotherapist review (session 19, on 8c438af): chest
/// squeezing on a run that eases with a walk, a motion not held, a blow to
/// the testicles; stiff legs after a first leg day are no sign; and a bare
/// question names what is asked for, whatever the story before it.
#[test]
fn the_thirty_first_reviews_signs_and_bare_questions() {
    each_opens_with_its_prompt(
        &[
            (
                "Last few runs I get a heavy squeezing across my chest about a km in, it goes away \
                 if I walk. Also have a glute knot, can I keep running?",
                "chest-on-effort",
            ),
            (
                "Bum and back pain for days and this morning I couldn't hold my poo, it just came \
                 out in my pants. I'm 40, that has never happened.",
                "bladder-bowel",
            ),
            (
                "Took a knee to the nuts at rugby, now my left one is swollen and the pain is \
                 unreal, making me feel sick. Also my glute hurts.",
                "testicle-pain",
            ),
        ],
        &["exercise-with-knot"],
    );
    none_raises_a_sign(&[
        "Couldn't walk properly for two days after my very first leg day lol. Was that normal \
         DOMS or a knot?",
    ]);
    for (q, flag) in [
        (
            "Over the last 3 weeks my glute pain has gone from only after runs to all the time, \
             even on rest days, and stairs are getting harder",
            "worsening",
        ),
        (
            "3 months ago I got a knot in my right glute after a half marathon. Massage therapist \
             4 times, dry needling. No better, maybe a touch worse. Time for a scan?",
            "not-improving-told",
        ),
    ] {
        let v = ask_json(q);
        assert!(v["red_flags"].to_string().contains(flag), "{q}: {v}");
    }
    for (q, id) in [
        (
            "Crying in the club (the gym) after bulgarian split squats. Glute so tight. Stretch?",
            "stretching",
        ),
        (
            "My bladder's fine, my back's fine, nothing weird down there, just a plain old sore \
             glute from running. Heat?",
            "heat-vs-ice",
        ),
        (
            "Swollen with pride after my first ever pull up! Glutes tight from the hip thrusts \
             though, stretch?",
            "stretching",
        ),
    ] {
        assert_eq!(ask_json(q)["match"]["id"], id, "{q}");
    }
}

/// The thirty-third physiotherapist review (session 19, on 00c7c5b): a
/// family that would not miss me with tablets counted, a crooked smile and
/// drunk-sounding speech, an arm that will not lift with a dragging leg,
/// the saddle numb as after the dentist, both legs "sleeping", a band
/// squeezing the ribs up a hill; and a fall laughed at, a fall off a diet,
/// feverish foam rolling, collapsing with laughter and the worst pain
/// "lmao" of a hard set are no signs.
#[test]
fn the_thirty_third_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "honestly the glute pain is the least of it. lately I keep thinking my family \
                 wouldn't miss me, and I've been counting the tablets in the bathroom cabinet.",
                "crisis",
            ),
            (
                "Grandad's smile has gone crooked in the last half hour and he sounds like he's had \
                 ten pints but he's had nothing. Is it his sciatica?",
                "stroke-signs",
            ),
            (
                "All at once I can't lift my right arm properly, my right leg is dragging and my \
                 mouth feels weird. Is this a trapped nerve from my glute?",
                "stroke-signs",
            ),
            (
                "my bum cheeks and the bits in between feel like they've had a dentist's injection, \
                 started this morning. back is agony. could a knot do this?",
                "saddle-numbness-told",
            ),
            (
                "My legs, the two of them, are sleeping from the knees to the feet since yesterday \
                 and do not wake up. Also pain in lower back. Is this from the glute?",
                "both-legs-told",
            ),
            (
                "Every time I push up a hill on my runs there's a band squeezing across my ribs, it \
                 lets go a few minutes after I walk. 52, glutes tight too.",
                "chest-on-effort",
            ),
        ],
        &["symptoms", "referred-pain"],
    );
    none_raises_a_sign(&[
        "nearly pissed myself laughing when my mate faceplanted off the leg press (he's fine). \
         anyway how do I stretch my glute after hip thrusts",
        "Had a big fall... off my diet lol. Anyway, hip thrusts or bridges for glute strength?",
        "Feverishly foam rolling before my comp tomorrow, is that a bad idea?",
        "gym buddy collapsed in a heap laughing when I farted mid squat. unrelated, how do I \
         loosen a tight glute before squats?",
        "Anyone else's glutes scream during Bulgarian split squats? It's the worst pain ever lmao \
         but I keep going. Normal burn?",
    ]);
}

/// The thirty-fourth physiotherapist review (session 19, on 35c991b): a
/// give inside the back that goes through, the urge not felt and found
/// wet, a night on the floor, an old man unable to stand since a fall; and
/// legs not felt after a leg session, a side then a ball, comp fever, jelly
/// legs at a comp's finish, saddle numbness gone ten minutes after the ride
/// are not those signs.
#[test]
fn the_thirty_fourth_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "I'm 67 and smoke, just now something gave way inside my back and it went straight \
                 through to my bum, I've gone white as a sheet and sweaty",
                "tearing-pain",
            ),
            (
                "since my back went I don't get the feeling I need to go anymore, I only notice \
                 when I'm already wet",
                "bladder-bowel",
            ),
            (
                "Mum (78) slipped in the bathroom last night and was on the floor till I found her \
                 this morning, says her bum hurts but she's fine. Ice it?",
                "long-lie",
            ),
            (
                "Grandad (81) took a fall in the garden yesterday and hasn't been able to stand on \
                 his right leg since, he's shuffling round on his bum. Paracetamol and a heat pack?",
                "fall-cannot-stand",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "can't feel my legs after that leg session haha, jelly legs. will my glutes knot up \
         tomorrow?",
        "my partner says I'm a pain in the arse, my glute agrees lol. knot on the left, ball or \
         roller?",
        "comp fever is real lol. seriously though, glute is tight the week before meet day, what \
         do I do",
    ]);
    let v = ask_json(
        "Cyclist here, 200km sportive yesterday. Usual numb undercarriage for the last hour (back \
         to normal ten mins after getting off) and a knot in my right glute that's still there \
         today. Is the knot from the saddle too?",
    );
    assert_eq!(v["red_flags"], serde_json::json!(["saddle-on-bike"]), "{v}");
    assert_eq!(v["match"]["id"], "runners-cyclists", "{v}");
}

/// The thirty-seventh and thirty-eighth physiotherapist reviews (session
/// 20, on be28090): numbness told as sitting on ice, a wee that comes out
/// alone or before it is felt, both legs like wet cardboard, the second leg
/// "doing it as well", faintness coming with a sudden pain are emergencies;
/// a tumble down a leaderboard, legs that can't walk after leg day, a face
/// that dropped at a price, arms and legs like lead after CrossFit, hips
/// "torn off" in a roll are no sign; nobody limping and zero fever are
/// ruled out, not told.
#[test]
fn the_thirty_seventh_and_eighth_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "is it normal for my bum and between my legs to feel like I've been sitting on ice \
                 for hours? been like this since yesterday with my sciatica",
                "saddle-numbness-told",
            ),
            (
                "Desculpa my english. I have pain in back and buttock, and since yesterday I no can \
                 hold the pee, it come out alone",
                "bladder-bowel",
            ),
            (
                "didn't realise I needed a wee until it was already coming out, and my back and bum \
                 have been killing me all week",
                "bladder-bowel",
            ),
            (
                "both my legs feel like wet cardboard since this morning and my lower back is agony",
                "both-legs-told",
            ),
            (
                "started with my right leg tingling from the glute down, now the left one is doing it \
                 as well and my feet feel thick",
                "both-legs-told",
            ),
            (
                "the glute pain came on like a knife twisting while I was lifting the shopping, now \
                 I'm sweating buckets and feel like I'm going to pass out",
                "faint-with-pain",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "took a tumble down the leaderboard this week lol. real question: best glute stretch for \
         rowers?",
        "both legs are toast after leg day, glutes too, legit cant walk properly lol. foam roll or \
         rest day?",
        "my face dropped when the physio told me the price lol. what can I do for a glute knot at \
         home?",
        "arms and legs feel like lead after my first week of crossfit, glutes worst of all, normal?",
        "BJJ blue belt here. Rolled with a big guy last night who sat in my guard for 6 minutes and \
         crushed me, felt like my hips were being torn off. No injury, no pop, just tight glutes \
         and hips today. Best way to loosen the glutes before class tomorrow?",
    ]);
    for q in [
        "Netball coach here. Three of my under-16s are complaining of tight, achy bums since we \
         started a new plyo block, but nobody is limping and they are all playing fine. Should I \
         add a cooldown with glute stretches or foam rolling, and what would be safe for \
         teenagers?",
        "zero fever, zero swelling, just a hard tender spot when I sit. knot?",
    ] {
        let v = ask_json(q);
        let reply = v["reply"].as_str().unwrap();
        let quiet = v["red_flags"] == serde_json::json!([]);
        assert!(quiet || reply.contains("You ruled out"), "{q}: {reply}");
        assert!(!reply.contains("checked today"), "{q}: {reply}");
    }
}

/// The thirty-ninth and fortieth physiotherapist reviews (session 20, on
/// d61f457): not being here told as easier, frozen skin between the
/// cheeks, a pop with 10/10 pain, pain worse than two births without an
/// epidural, weakness through the day, a second leg "copying" the first, a
/// sudden horrendous pain, a runner of 15 hobbling get their urgency; a
/// child's wet bed, waddling after a first leg day, knock-off time,
/// leaking power, wet-noodle legs on a stepmill, a rabbit hole are no
/// sign.
#[test]
fn the_thirty_ninth_and_fortieth_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "Been dealing with this glute and back pain for 18 months. some nights I lie there \
                 thinking it'd be easier to just not be here anymore. Anyway, has anyone tried \
                 acupuncture?",
                "crisis",
            ),
            (
                "since yesterday the skin between my cheeks feels like it's been frozen, is that \
                 connected to my back?",
                "saddle-numbness-told",
            ),
            (
                "something deep in my bum went pop. pain's a solid 10/10 and not easing",
                "sudden-severe-pain",
            ),
            (
                "I've had two kids without an epidural and this is worse. Came on this morning in my \
                 glute, can't find any position that helps and I'm shaking",
                "sudden-severe-pain",
            ),
            (
                "had a hip knot for ages, this morning my left foot felt weaker, by lunch couldn't \
                 lift my toes, now at dinner the whole leg keeps buckling. massage gun?",
                "weakness-fast",
            ),
            (
                "lower back's been murder since. Yesterday my left leg started going numb, and today \
                 the right one is copying it",
                "both-legs-told",
            ),
            (
                "out of nowhere while bending to grab the shampoo i got this horrendous stabbing pain \
                 in my glute, i can barely think straight",
                "sudden-severe-pain",
            ),
            (
                "one of my runners (15) is hobbling around and says his hip and knee ache, no injury \
                 he can think of. coach here, just rest him?",
                "child-limp",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "my youngest wet the bed at 3am so I was up changing sheets, now my glute is knotted. best \
         stretch?",
        "First leg day in about 3 years. Next morning I genuinely couldn't walk properly, \
         waddling like a penguin. Is that a knot or DOMS?",
        "Long-haul truckie here. By knock-off my glutes feel like two bowling balls. Sitting all \
         day the cause?",
        "coach says I'm leaking power at the top of my hip thrusts, could a glute knot do that?",
        "after 40 mins on the stepmill both legs were like wet noodles, fine after a shower. glutes \
         tight though, stretch?",
        "fell down a rabbit hole reading about trigger points. is dry needling legit?",
    ]);
}

/// The forty-first and forty-second physiotherapist reviews (session 20,
/// on 663a516): self-harm told as what is done, a family with "an easier
/// life" without one, a night on the lino since 2am, a partner's sudden
/// testicle pain, a child walking "with a hitch", saddle numbness still
/// there the morning after a ride, a pop under the buttock with a leg
/// black and blue get their urgency; an ego tripped over, a son's fall he
/// is fine from, a chest tight from benching, legs that quit at the end of
/// a Hyrox, a dog's accident, numbness gone ten minutes after a ride with
/// the bladder fine, a mate off a bosu ball, a baby's kicks are no sign.
#[test]
fn the_forty_first_and_second_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "when the pain gets bad I've been cutting my thighs, it's the only thing that \
                 takes my mind off it",
                "crisis",
            ),
            (
                "tbh my family would have an easier life if I wasn't around. anyway, what's good for \
                 a sore glute",
                "crisis",
            ),
            (
                "Found my father-in-law (79) on the kitchen lino this morning, reckons he'd been \
                 there since about 2am after his legs went from under him. Rub some deep heat in?",
                "long-lie",
            ),
            (
                "my bf's balls suddenly started hurting like crazy about an hour ago, he reckons \
                 it's referred from his glute knot lol, should he stretch?",
                "testicle-pain",
            ),
            (
                "Our 9 y/o's been walking with a hitch since footy on Saturday, says it's his knee \
                 that's sore. could a knot in his bum do that?",
                "child-limp",
            ),
            (
                "Long ride yesterday, 160km. Normally the numb feeling from the saddle goes a few \
                 minutes after I get off but this time it's still there this morning, the whole \
                 area between my legs feels dead, and my lower back is aching.",
                "saddle-numbness",
            ),
            (
                "Bent down to tie my shoe and something in my bum went bang, pain shot to 9/10 \
                 instantly and it's not easing at all 2 hours later",
                "sudden-severe-pain",
            ),
            (
                "felt a pop deep under my bum cheek sprinting at training, now I can barely walk \
                 and the back of my thigh is going black and blue",
                "pop-and-bruise",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "tripped over my own ego and went way too heavy on hip thrusts lol. glute knot now, how \
         long off?",
        "My son had a fall at footy and he's totally fine, but standing on the sideline all arvo \
         gave me a knot in my bum. stretches?",
        "after benching with a big arch my chest is tight and my glute has a knot, how are those \
         even related?",
        "Did my first Hyrox on the weekend. By the last wall balls my legs gave out, both of them \
         just quit. Fine walking around an hour later. Best recovery routine for knotted glutes?",
        "Took the dog for a run and she had a little accident on the neighbour's lawn haha. my \
         glute is tight though, ok to run again tomorrow?",
        "my mate fell off the bosu ball and I almost pee'd myself laughing. anyway, are bosu balls \
         good for glute strength?",
        "my 6 month old is a little bruiser, kicks me in the hip every nappy change lol. best \
         stretch for the glute I carry her on?",
    ]);
    let v = ask_json(
        "Cyclist question: after a 5 hour gran fondo my backside was numb for the last hour on the \
         bike but came back about 10 minutes after I got off. Feels totally normal now, peeing \
         fine, everything working. What saddle or position tweaks stop the numb bum?",
    );
    assert_eq!(v["red_flags"], serde_json::json!(["saddle-on-bike"]), "{v}");
}

/// The forty-third and forty-fourth physiotherapist reviews (session 21,
/// on 1787b32): numbness that goes once the member moves is pressure, in
/// its own words, with the question still answered; legs heavy "not from
/// training" and wetting noticed only by the clothes are emergencies; a
/// numbness ruled out with "don't have any" is ruled out.
#[test]
fn the_forty_third_and_fourth_reviews_numbness_that_passes_and_missed_emergencies() {
    each_opens_with_its_prompt(
        &[
            (
                "both feet go to sleep when I kneel in seiza at aikido, they wake up a minute after \
                 I stand. glutes tight too, how do I stretch them?",
                "numb-then-gone",
            ),
            (
                "Numb bum after a 6 hour drive to the coast, gone within a few minutes of walking \
                 around. Normal sitting thing?",
                "numb-then-gone",
            ),
            (
                "Lower back pain on and off for years, but I lifted a sofa on Saturday and it went \
                 again. Since this morning both legs feel heavy and sort of wobbly, like wading \
                 through treacle, and it's not from training, haven't been to the gym in a week.",
                "both-legs-told",
            ),
            (
                "Coach here. One of my masters lifters (58) has had glute and back pain for a \
                 fortnight. Today he mentioned he didn't notice till his shorts were wet. Which \
                 mobility drills would you give him?",
                "bladder-bowel",
            ),
        ],
        &[],
    );
    // The emergency prompt is not for feet asleep in a kneel, and the
    // stretch asked for is still the answer.
    let v = ask_json(
        "both feet go to sleep when I kneel in seiza at aikido, they wake up a minute after I \
         stand. glutes tight too, how do I stretch them?",
    );
    assert_eq!(v["red_flags"], serde_json::json!(["numb-then-gone"]), "{v}");
    assert_eq!(v["match"]["id"], "stretching", "{v}");
    // Asked whether it is normal, the answer is about sitting.
    let v = ask_json(
        "Sat through a full day of test cricket on those plastic seats and my bum went completely \
         dead by tea, came good on the walk to the train. Reckon that's normal?",
    );
    assert_eq!(v["match"]["id"], "sitting", "{v}");
    // Numbness that stays is not told as passing.
    let v = ask_json("my foot has been numb for 3 days and it does not go away when I stand");
    assert_eq!(
        v["red_flags"],
        serde_json::json!(["numbness-tingling"]),
        "{v}"
    );
    let v = ask_json("I don't have any numbness or tingling, just a dull ache in my left glute when I sit. knot?");
    let reply = v["reply"].as_str().unwrap();
    assert!(reply.contains("**Good to know.** You ruled out"), "{reply}");
    assert_ne!(v["match"]["id"], "when-to-see-doctor", "{v}");
    none_raises_a_sign(&[
        "My stupid week: tripped over the dog's toy (didn't fall, just stubbed my toe), then sat at \
         my desk 10 hours a day on deadlines. What's the best stretch I can do at the desk?",
        "Used to run 40-50 km a week and do run club, now my sacrum and tailbone ache when I sit. \
         Could this be muscular or SI joint?",
    ]);
}

/// The forty-fifth review (session 21, late build): gym slang that looked
/// like a crisis, a fever or a bladder accident is none; a pop with a big
/// bruise and a limp is a same-day sign.
#[test]
fn the_forty_fifth_reviews_slang_and_a_pop_with_a_bruise() {
    none_raises_a_sign(&[
        "Coach had us doing shuttle suicides for 20 min, my bum is wrecked, roller or stretch?",
        "I've caught the hip thrust fever lately, doing them 4x a week, is that why I'm getting knots?",
        "had a little accident at the gym, dropped a 20kg plate, nobody got hurt lol. glute's tight \
         though, roll it?",
        "the washing machine has been leaking all week and I've been kneeling to mop it up, could \
         that give me a glute knot?",
    ]);
    each_opens_with_its_prompt(
        &[(
            "felt something go ping deep in my glute during a sprint, now a big bruise is coming up \
             and I'm limping",
            "pop-and-bruise",
        )],
        &[],
    );
}

/// Signs the s21b and s21c reviews found missed or under-triaged: a
/// sexual change told politely, painkillers that never took the edge off,
/// someone else's hard landing, a floppy foot told by its side in a
/// follow-up, and both legs tingling with a bad back whatever training
/// came before.
#[test]
fn the_forty_fourth_and_fifth_reviews_open_signs_get_their_tier() {
    each_opens_with_its_prompt(
        &[
            (
                "Bit embarrassing but since my back went at the gym, things downstairs don't work \
                 like they used to, if you get me. Can a glute knot do that?",
                "sexual-change-back-pain",
            ),
            (
                "Both my legs have gone wobbly and pins-and-needly over the last day, and my back's \
                 been bad since deadlifting Saturday",
                "both-legs-back",
            ),
        ],
        &["exercise-overload"],
    );
    let flags = |v: &serde_json::Value| v["red_flags"].to_string();
    let v = ask_json(
        "Taken the max paracetamol and ibuprofen for my glute and it hasn't even taken the edge \
         off, pain's off the charts",
    );
    assert!(flags(&v).contains("painkillers-not-working"), "{v}");
    let v = ask_json(
        "Bloke at our BJJ gym got slammed and landed on his hip, limping badly and it's swelling \
         up. Ice or heat?",
    );
    assert!(flags(&v).contains("trauma"), "{v}");
    let v = ask_json_after(
        "what's the best stretch for a piriformis knot",
        "tried it, feels ok, but the foot on that side has been floppy all day and keeps catching \
         the carpet",
    );
    assert!(flags(&v).contains("foot-drop"), "{v}");
}

/// The s22a and s22b reviews' HIGH items: signs told by what followed
/// (a night on the floor, a landing partly on the head, a bladder that will
/// not empty, pills weighed, a family better off) get their prompt; a hot
/// room, gains, someone else's collapse told as all right, a birth, a face
/// that fell, leg-day hyperbole and a floor one fears getting stuck on get
/// none that sends the member to a doctor today or now.
#[test]
fn the_forty_sixth_and_seventh_reviews_signs_and_look_alikes() {
    for (q, category) in [
        (
            "Mum's 82. Popped round this morning and she was on the kitchen lino in her dressing \
             gown, been there since before midnight she reckons, couldn't get herself back up. Says \
             her hip and bum are a bit sore but she's 'absolutely fine'",
            "long-lie",
        ),
        (
            "Jumped off a wall doing parkour and landed partly on my head, I've thrown up twice \
             since and feel foggy. My glute also hurts, stretch?",
            "head-injury",
        ),
        (
            "Bad back and bum pain since Tuesday after helping my brother move a sofa. Today I've \
             barely peed even though I've been drinking loads, there's a full feeling down there but \
             nothing comes. Is that the muscle?",
            "bladder-bowel",
        ),
        (
            "honestly tired of waking up every day with this pain. been looking at the pills in the \
             drawer thinking how easy it would be",
            "crisis",
        ),
        (
            "8 months with this sciatica, I lost my job, my girlfriend. Sometimes I think my family \
             is better if I am not here anymore",
            "crisis",
        ),
    ] {
        let v = ask_json(q);
        assert!(v["red_flags"].to_string().contains(category), "{q}: {v}");
    }
    let v = ask_json(
        "My back is paining very much and from yesterday I have no feeling in the place where I \
         would sit on a bicycle, but I do not ride a bicycle. What is this?",
    );
    assert_eq!(v["match"]["id"], "cauda-equina", "{v}");
    none_raises_a_sign(&[
        "Did hot yoga yesterday, burning up in there, sweating buckets, and now my glutes are \
         properly tight. Is stretching in heat good for knots?",
        "My calves are swollen... with gains lol, finally growing. Glutes though, constant knot on \
         the right. ideas?",
        "heard an old boy collapsed on the treadmill at my gym last week (he's ok). shook me a bit. \
         best glute warm-up before running?",
        "our water heater was leaking so i spent all day on my knees under the sink, now my glutes \
         are knotted up",
        "my face fell when i watched my squat video back, so ugly. could bad form be causing my \
         glute knot?",
        "leg day yesterday and i literally cant walk down the stairs like a normal person lol, \
         glutes destroyed. stretch or rest?",
        "I am 74 and walk my dog twice a day. My granddaughter bought me a massage ball but I am \
         not sure how to use it at my age without getting stuck on the floor. Is there a gentler \
         way?",
    ]);
    let v = ask_json(
        "My girlfriend's waters broke at 3am and our little girl arrived by lunch!! Been sleeping \
         in a hospital chair since and my glutes are in knots. Best stretch?",
    );
    assert!(
        !v["red_flags"].to_string().contains("pregnancy-warning"),
        "{v}"
    );
}

/// The s22c and s22d reviews' HIGH items: signs told in everyday words get
/// their prompt, and a child's knee, a drop in numbers, an ice bath joke
/// and glutes that will not switch on get none.
#[test]
fn the_forty_eighth_and_ninth_reviews_signs_and_look_alikes() {
    for (q, category) in [
        (
            "honestly the pain in my glute and everything else has me thinking I'd be better off \
             not waking up tomorrow",
            "crisis",
        ),
        (
            "I've got all my tablets lined up on the bench, this glute pain has beaten me, I'm done",
            "crisis",
        ),
        (
            "Popped in to see my nan (86) at lunch and she'd been sat on the hallway carpet since \
             breakfast, her legs just went and she couldn't get back up. Warm bath and a heat pad ok?",
            "long-lie",
        ),
        (
            "team-mate got dumped on his head at rugby training, says he's fine but keeps asking the \
             same questions over and over, and his bum is sore from landing. ice?",
            "head-injury",
        ),
        (
            "my son's 13 and a bit chunky, been complaining his hip hurts for a week and now he's \
             dragging that leg a bit when he walks",
            "child-limp",
        ),
        (
            "bjj rolling partner slammed me onto my hip during a takedown, the bruise is spreading \
             and I can barely walk on it",
            "trauma",
        ),
        (
            "been popping paracetamol and ibuprofen on the clock since breakfast and it hasn't made a \
             dent in the pain in my backside, it's off the charts",
            "painkillers-not-working",
        ),
        (
            "embarrassing one lads, since my sciatica kicked off the old fella won't work and it's \
             gone weirdly numb round there",
            "sexual-change-back-pain",
        ),
        (
            "my calf's gone tight, shiny and warm since I got off the coach from Edinburgh, hurts to \
             walk on it",
            "calf-swelling-told",
        ),
    ] {
        let v = ask_json(q);
        assert!(v["red_flags"].to_string().contains(category), "{q}: {v}");
    }
    none_raises_a_sign(&[
        "my squat numbers took a hit this block but the glute knot is finally gone, cheers for the tips",
        "my kid launched himself at me on the trampoline and kneed me in the bum cheek, bit tender, \
         he's fine and so am i lol. heat?",
        "knee to the bum from my toddler at 6am, classic. anyway best stretch for a piriformis knot?",
        "my legs are numb from the knees down... jk they're just frozen from the ice bath. glute knot \
         is better though",
        "couldn't feel my bum at all on the squats today, all quads, how do I get my glutes to switch on",
        "basically gave birth to that last deadlift rep lol, glute's tight now, stretch or rest?",
    ]);
}

/// The s22e and s22f reviews' HIGH items: signs in non-native and
/// everyday wording get their prompt; a worst race, a landing told as
/// fine, a mate's tumble laughed at, haste, 'a car crash' as a verdict,
/// legs 'dead' after a race and glutes that do not fire get none.
#[test]
fn the_fiftieth_and_first_reviews_signs_and_look_alikes() {
    for (q, category) in [
        (
            "Nothing touches it. Codeine, ibuprofen, paracetamol, the lot, and the pain in my \
             buttock is still through the roof. What now?",
            "painkillers-not-working",
        ),
        (
            "Took 2 co-codamol and 400 of ibuprofen and my glute pain hasn't even flinched, can't \
             sit, can't sleep. Is a stronger massage what I need?",
            "painkillers-not-working",
        ),
        (
            "Hi po, my tatay (61) has pain in the back and pwet, and kanina he wet his pants without \
             feeling it. Pwede ba hot compress?",
            "bladder-bowel",
        ),
        (
            "Hi, my lower back hurts since the gym and now when I go to the bathroom there is no \
             control, it comes out without warning. Is this normal with sciatica? Can I take \
             ibuprofen?",
            "bladder-bowel",
        ),
        (
            "Since yesterday my back is very bad and now the right leg is more weak every hour, \
             first I limp, now I can hardly lift the foot. Is foam roll a good idea?",
            "weakness-fast",
        ),
        (
            "My father, 65, back pain and now he say when he sit on the toilet he cannot feel it, \
             the seat feel like nothing. Which cream is good for his back?",
            "saddle-numbness",
        ),
    ] {
        let v = ask_json(q);
        assert!(v["red_flags"].to_string().contains(category), "{q}: {v}");
    }
    none_raises_a_sign(&[
        "ran my worst ever half yesterday, blew up at 15k, and now my right glute is knotted. best \
         stretch?",
        "Came off the wall on a dyno and landed on the mat fine, no pain from that. But my glute \
         was already knotted before the session, ok to keep climbing?",
        "nearly wet myself laughing when my mate stacked it off the treadmill, anyway my glute is \
         knotted from hill sprints. ice or heat?",
        "tripping over myself to get to the gym at 5am lol, glute knot since Monday, any warm up \
         ideas?",
        "my coach says my glute activation is a car crash lol, what drills fix that?",
        "I literally feel nothing in my bum during kickbacks, it's all lower back. how do I wake my \
         glutes up?",
        "both my legs went wobbly from laughing when my 3yo tried the roller",
        "Did my first Hyrox last weekend and honestly both legs have been dead ever since, stairs \
         are a war crime, I waddle like a penguin, glutes full of knots. When can I train again?",
    ]);
}

/// A follow-up that tells no sign of its own is answered without the
/// prompt of a within-days sign the message before carried; a sign of
/// today keeps its prompt, and a new sign in the follow-up gets one.
#[test]
fn a_follow_up_does_not_repeat_a_within_days_prompt() {
    let first = "my glute knot has been getting worse for three weeks";
    let v = ask_json_after(first, "and can I still go to the gym?");
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
    let v = ask_json_after(first, "and now my foot is going numb, is that related?");
    assert_ne!(v["red_flags"], serde_json::json!([]), "{v}");
    let v = ask_json_after(
        "my calf is swollen, hot and sore since the flight",
        "and can I still go to the gym?",
    );
    assert!(v["red_flags"].to_string().contains("leg-swelling"), "{v}");
    let today = prompt_start("leg-swelling");
    assert!(
        v["reply"].as_str().unwrap().starts_with(&today[..20]),
        "{v}"
    );
}

/// A fall or a knock adds its same-day prompt above the answer to what
/// the member asks; a break, or a fall at an older age, is the answer.
#[test]
fn a_fall_adds_its_prompt_and_a_break_decides() {
    let v = ask_json(
        "came off my bike yesterday and landed right on my hip/butt, now theres a sore tight spot. \
         can i just roll it out?",
    );
    assert_eq!(v["match"]["id"], "foam-rolling", "{v}");
    assert!(
        opens_with_prompt(v["reply"].as_str().unwrap(), "trauma"),
        "{v}"
    );
    // A fall at an older age decides: the answer is when to see a doctor.
    let q = "My mum is 79 and slipped on the ice and landed on her hip. Now she says her bottom \
             hurts a lot. Is it just bruising?";
    assert_eq!(ask_json(q)["match"]["id"], "when-to-see-doctor", "{q}");
    // A break is the doctor's: its own prompt, and no entry of ours.
    for q in [
        "x-ray says I fractured my coccyx, how long until I can sit normally?",
        "pretty sure I cracked my tailbone snowboarding, can I foam roll around it?",
    ] {
        let v = ask_json(q);
        assert_eq!(v["match"], Value::Null, "{v}");
        assert!(
            v["reply"]
                .as_str()
                .unwrap()
                .starts_with("**A broken or cracked bone is for your doctor to manage.**"),
            "{v}"
        );
    }
}

/// Someone else's mishap, told on the way to the member's own question
/// about their glute, is not the member's sign; told as what the message
/// is about, it keeps its prompt (s21b review).
#[test]
fn someone_elses_mishap_before_the_members_own_question_raises_no_sign() {
    none_raises_a_sign(&[
        "Mate came off his bike and broke his collarbone on the weekend, now I'm paranoid. I ride \
         too, how do I avoid glute knots on long rides?",
        "My kid fell off the monkey bars and broke her wrist so I've been carrying her everywhere, \
         now my glute is in knots. Stretch?",
        "my grandad fell and broke his hip but he's all good now. my glute knot, stretch?",
    ]);
    for q in [
        "Bloke at our BJJ gym got slammed and landed on his hip, limping badly and it's swelling \
         up. Ice or heat?",
        "My husband fell off the ladder and can't put weight on his leg, what should I do?",
        "dad had prostate cancer treated a while back, now his buttock aches constantly. could it \
         just be a trigger point?",
        "My mate fell off his bike, and I came off mine too and landed on my hip. glute is sore, \
         stretch?",
    ] {
        assert_ne!(ask_json(q)["red_flags"], serde_json::json!([]), "{q}");
    }
}

/// "What is it?" after a story that names the thing: the story says what
/// "it" is.
#[test]
fn what_is_it_asks_about_the_thing_the_story_names() {
    let v = ask_json(
        "Saw someone mention cauda equina up-thread and now I've lost 2 hours to google. What \
         actually is it and why does everyone go so serious about it? I'm fine btw, just nosy.",
    );
    assert_eq!(v["match"]["id"], "cauda-equina", "{v}");
}

/// Several questions in one breath, one of them ours: that one is
/// answered; a listed question whose "it" stands for a subject not ours
/// is not.
#[test]
fn of_questions_listed_in_one_breath_the_one_that_is_ours_is_answered() {
    let v = ask_json(
        "Quick ones: anyone know a good physio in Leeds, what's a decent budget massage gun, and \
         what causes these knots in the first place?",
    );
    assert_eq!(v["match"]["id"], "causes", "{v}");
    let v = ask_json("how do I get rid of cellulite on my bum, does foam rolling it break it up?");
    assert!(v["match"].is_null(), "{v}");
}

/// The thirty-second physiotherapist review (session 19, on d50e8ec): a
/// tear felt inside the back, told with "it", and a testicle that hurts
/// badly since the morning are emergencies; judo breakfalls, knees that
/// buckle at a price, a dad with nothing odd about his waterworks, a
/// negative pregnancy test and a nerve pain like a hot wire are not signs
/// (or not that sign).
#[test]
fn the_thirty_second_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "I'm 70, smoke a pack a day, and something felt like it tore inside my lower back \
                 and bum an hour ago, I'm grey and sweaty",
                "tearing-pain",
            ),
            (
                "really bad pain in my left testicle since this morning, it goes round into my bum \
                 cheek",
                "testicle-pain",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "got thrown about 50 times in judo tonight, proper breakfalls on the mat, bum is just a \
         bit achy. heat or ice?",
        "my knees buckled when I saw the price of a physio session lol. cheaper ways to treat a \
         glute knot?",
        "Ok so my dad (68) swears his glute knot is from a bad back. He's fit, walks the dog \
         twice a day, no falls, nothing odd with his waterworks. Is a massage ball safe for him?",
        "pregnancy test was negative phew lol. anyway can I use a massage gun on my glutes?",
    ]);
    let v = ask_json("pain runs from my bum down past my knee to my ankle like a hot wire");
    assert!(!v["red_flags"].to_string().contains("leg-swelling"), "{v}");
}

/// Forum-i, read after its blind score: an adult's bed wet in sleep, a fall
/// off a climbing wall onto the backside and a foot that no longer feels
/// the clutch are signs; a labral tear on a scan is no tearing pain, and a
/// new mother's "loose and weird down there" is no numb saddle.
#[test]
fn the_tenth_forum_sets_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "44M. Woke up and the bed was wet, first time since I was a kid, didn't even wake up \
                 for it. Bad glute knot and pain down the leg all week.",
                "bladder-bowel",
            ),
            (
                "Took a big whipper at the crag Saturday and decked onto the edge of the crash pad. Now \
                 a deep knotted lump in the glute.",
                "trauma",
            ),
        ],
        &[],
    );
    let v = ask_json(
        "Since the weekend I can't feel the clutch properly with my left foot, like driving in a \
         ski boot. Bum on that side knotted for a while.",
    );
    assert!(
        v["red_flags"].to_string().contains("numbness-tingling"),
        "{v}"
    );
    for message in [
        "MRI says labral tear in my right hip, clicking at the front when I squat deep. Surgery or \
         rehab?",
        "Baby is 7 weeks old, glute knot from feeding on the sofa. Everything feels loose and weird \
         down there still. When can I go back to spin?",
    ] {
        let reply = ask_json(message)["reply"].as_str().unwrap().to_string();
        assert!(!reply.contains("emergency department"), "{message}\n{reply}");
    }
}

/// An emergency prompt is the first thing a member reads, above the title
/// of the entry that explains it; a sign that can wait comes under the
/// title, as the answer's own caution.
#[test]
fn an_emergency_prompt_is_the_first_line() {
    let v = ask_json("my groin has gone numb and I can't pee since my back went");
    let reply = v["reply"].as_str().unwrap();
    assert!(
        reply.starts_with(&prompt_start("saddle-numbness")),
        "{reply}"
    );
    assert!(reply.contains("**What is cauda equina"), "{reply}");
    let v = ask_json("is a tennis ball ok for a glute knot? I'm 20 weeks pregnant");
    let reply = v["reply"].as_str().unwrap();
    assert!(reply.starts_with("**"), "{reply}");
    assert!(!reply.starts_with(&prompt_start("pregnancy")), "{reply}");
}

/// The pregnancy and after-birth entries answer only messages that tell a
/// pregnancy or a birth ("owns" in red_flags.toml): months of training, a
/// clicking hip or a 68-year-old's stretch question share their words but
/// not their subject. A birth told as a new mum, a baby's age or a
/// delivery by caesarean is read, with its caution.
#[test]
fn the_pregnancy_and_birth_entries_need_a_pregnancy_or_a_birth() {
    for q in [
        "my glutes are finally growing after 6 months of training! but there's a tight spot on the \
         left, should I roll it?",
        "hip clicks during my warm up, no pain at all, just a click. glute feels tight after, normal?",
        "Older member here (68), lawn bowls twice a week. Got a tight spot in my left buttock, what \
         gentle stretches are safe for me?",
    ] {
        let v = ask_json(q);
        assert_ne!(v["match"]["id"], "postpartum", "{q}: {v}");
        assert_ne!(v["match"]["id"], "pregnancy", "{q}: {v}");
    }
    for q in [
        "new mum here, bub is 9 months, i carry him on my left hip constantly and my left glute is \
         in knots. when can i get back to lunges and stuff",
        "DS is 8 weeks old and my bum has been in bits from feeding hunched on the sofa",
        "Six weeks since they delivered my baby by caesarean, when can I start foam rolling my glutes?",
    ] {
        let v = ask_json(q);
        assert_eq!(v["match"]["id"], "postpartum", "{q}: {v}");
        assert!(
            opens_with_prompt(v["reply"].as_str().unwrap(), "postpartum"),
            "{q}: {v}"
        );
    }
    let v = ask_json(
        "each week my bum pain gets a notch worse even though I've cut right back on training",
    );
    assert!(
        opens_with_prompt(v["reply"].as_str().unwrap(), "worsening"),
        "{v}"
    );
}

/// A fever the member puts down to flu gets the words for it (rest, and
/// when to see a doctor) and no glute answer; doubted ("is it just
/// flu?") or with one hot, swollen area, it is the same-day sign.
#[test]
fn a_fever_put_down_to_flu_gets_rest_not_a_glute_answer() {
    let v = ask_json(
        "down with the flu, fever and shivering, everything aches including my glutes. \
         should I skip the gym this week?",
    );
    assert_eq!(
        v["red_flags"],
        serde_json::json!(["fever-with-illness"]),
        "{v}"
    );
    assert!(v["match"].is_null(), "{v}");
    assert!(opens_with_prompt(
        v["reply"].as_str().unwrap(),
        "fever-with-illness"
    ));
    for q in [
        "got chills and sweats and my glute is aching, is it just flu?",
        "feel like I've got flu and the lump on my bum is red and hot",
    ] {
        let v = ask_json(q);
        assert!(
            opens_with_prompt(v["reply"].as_str().unwrap(), "fever-infection"),
            "{v}"
        );
    }
}

/// Subjects next to glutes that no entry is about (driving after a hip
/// replacement, losing fat, piles) get no glute answer, even with a
/// precaution or a sign in the message; a plain knot question still does.
#[test]
fn a_neighbouring_subject_gets_no_glute_answer() {
    for q in [
        "Mum had her hip replaced 3 weeks ago and she's doing great. When is she allowed to drive again?",
        "how do I lose fat from my bum? 100 glute bridges a day for a month and nothing",
        "piles after a long flight, literal pain in the backside. are donut cushions worth it?",
    ] {
        let v = ask_json(q);
        assert!(v["match"].is_null(), "{q}: {v}");
    }
    let v = ask_json("knot in my glute from sitting all day, what helps?");
    assert!(!v["match"].is_null(), "{v}");
}

/// The groin and the ribs are other body parts: a hernia or a kidney ache
/// with a sign gets its care prompt and no glute answer. But numbness in
/// the groin and inner thighs is the saddle, an emergency that is ours
/// wherever it is felt; tingling in both hands is not both legs.
#[test]
fn the_groin_and_the_ribs_are_not_the_glute_but_the_saddle_is_ours() {
    for q in [
        "weird bulge appeared in my groin when I cough or lift, goes away when I lie down. Can I keep lifting or should I stop squatting?",
        "Dull ache in my back just under the ribs on the right, it stings when I wee and I've been shivery all evening. Could that just be a pulled muscle?",
    ] {
        let v = ask_json(q);
        assert!(v["match"].is_null(), "{q}: {v}");
        assert!(!v["red_flags"].as_array().unwrap().is_empty(), "{q}: {v}");
    }
    let v = ask_json("my groin and inner thighs feel numb, kinda like after a long bike ride except it isnt going away");
    assert_eq!(v["match"]["id"], "cauda-equina", "{v}");
    let reply = v["reply"].as_str().unwrap();
    assert!(opens_with_prompt(reply, "saddle-numbness"), "{v}");

    let v = ask_json(
        "my dad has pins and needles in both hands and keeps dropping his mug, what could that be",
    );
    assert!(v["match"].is_null(), "{v}");
    assert!(!v["red_flags"].to_string().contains("both-legs"), "{v}");
}

/// A question about another body part is not ours, whatever the story
/// about glutes around it; a question about the knot itself still is.
#[test]
fn a_question_about_another_body_part_gets_no_glute_answer() {
    let story = "Did a 10k on Saturday. Glutes feel fine for once, no complaints there.";
    let v = ask_json(&format!(
        "{story} Now there's a knot in my left calf. What's the quickest way to get a calf knot out?"
    ));
    assert_eq!(v["match"], Value::Null, "{v}");
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");

    let v = ask_json(&format!(
        "{story} Everyone talks about knots though. What actually is a knot, is the muscle tied up?"
    ));
    assert_eq!(v["match"]["id"], "what-is-a-knot", "{v}");
}

/// The second physiotherapist review's high-severity cases (session 11):
/// each reply must open with the prompt of the urgency the sign needs.
#[test]
fn signs_in_everyday_words_get_the_urgency_they_need() {
    let emergency = |q: &str| {
        let v = ask_json(q);
        let reply = v["reply"].as_str().unwrap();
        assert!(
            opens_with_prompt(reply, "bladder-bowel"),
            "{q}: should open with the emergency prompt: {reply}"
        );
    };
    // Numb buttocks with back pain, legs getting weaker: cauda equina.
    emergency("my butt feels numb and my lower back is killing me");
    emergency("my legs are getting weaker and my back is killing me");
    // Sudden severe pain and feeling faint, whatever the cause.
    emergency("sudden tearing pain in my lower back and butt and i feel faint");
    // The re-review's variants: other words for the same signs.
    emergency("both legs gave out and my back hurts");
    emergency("worst pain of my life in my bum and im pale and sweaty");
    // A sore calf after a journey or an operation: a clot until shown not.
    for q in [
        "one calf aches since i got off the plane",
        "my calf has been sore for 3 days since surgery",
        "sore calf a week after my knee op",
        "one calf hurts since i came back from australia",
    ] {
        let v = ask_json(q);
        assert_eq!(v["red_flags"], serde_json::json!(["calf-clot-risk"]), "{q}");
        let reply = v["reply"].as_str().unwrap();
        assert!(opens_with_prompt(reply, "calf-clot-risk"), "{reply}");
    }
    // Leaking on effort is the pelvic floor, not an emergency, unless a
    // nerve sign comes with it; a joke is no sign at all.
    let v = ask_json("i leak pee during heavy squats, is that related to my glute knot");
    assert_eq!(v["red_flags"], serde_json::json!(["leaking-on-effort"]));
    let reply = v["reply"].as_str().unwrap();
    assert!(
        reply.to_lowercase().contains("pelvic-health physio"),
        "{reply}"
    );
    assert!(!reply.contains(&prompt_start("bladder-bowel")), "{reply}");
    emergency("i leak when i cough now and my lower back is killing me");
    let v = ask_json("i wet myself a bit doing box jumps");
    assert_eq!(v["red_flags"], serde_json::json!(["leaking-on-effort"]));
    assert_eq!(
        ask_json("nearly peed myself laughing at that squat fail")["red_flags"],
        serde_json::json!([])
    );
}

/// The third physiotherapist review (session 12): harmless words sent
/// members to A&E, everyday words for a clot or cauda equina were missed,
/// and a follow-up lost the sign told just before it.
#[test]
fn the_third_reviews_signs_get_the_urgency_they_need() {
    let flags = |q: &str| ask_json(q)["red_flags"].clone();
    let opens_with = |q: &str, category: &str| {
        let v = ask_json(q);
        let reply = v["reply"].as_str().unwrap();
        assert!(opens_with_prompt(reply, category), "{q}: {reply}");
    };
    // A condition's name, a leaking bottle, a past infection, tired legs
    // after a marathon, breathless from hip thrusts: no alarm.
    for q in [
        "I have irritable bowel syndrome and a knot in my glute, can I foam roll?",
        "my water bottle keeps leaking in my gym bag and my glute is sore",
        "bladder infection last month, all cleared up, now my glute is tight",
        "both my legs feel heavy after the marathon",
        "hip thrusts leave me short of breath",
    ] {
        assert_eq!(flags(q), serde_json::json!([]), "{q}");
    }
    // Leaking with a weak pelvic floor or on skipping is the pelvic floor.
    for q in [
        "weak pelvic floor and i leak when i run",
        "i pee a bit when i do double unders",
    ] {
        assert_eq!(flags(q), serde_json::json!(["leaking-on-effort"]), "{q}");
    }
    // Cauda equina in slang, and "not from sitting" is no reason to relax.
    for q in [
        "when i go for a slash i can't really feel it coming out",
        "my undercarriage has gone numb",
        "my arse has gone numb (not from sitting) and my back is sore",
    ] {
        opens_with(q, "bladder-bowel");
    }
    // A clot that may have reached the lungs, told without the words.
    opens_with(
        "calf sore and I can't get a full breath in",
        "breathless-chest",
    );
    opens_with(
        "coughed up pinkish frothy stuff and my calf aches since my flight",
        "breathless-chest",
    );
    // A sore calf after a long drive or days in bed.
    opens_with(
        "9 hour drive yesterday, calf sore and tight, stretch it out?",
        "calf-clot-risk",
    );
    opens_with(
        "laid up in bed with covid for a week and now one calf aches",
        "calf-clot-risk",
    );
    // A follow-up keeps the sign of the message before it.
    let v = ask_json_after(
        "I'm 28 weeks pregnant and my bum is sore",
        "can I do pigeon pose?",
    );
    assert_eq!(v["red_flags"], serde_json::json!(["pregnancy"]));
    assert_eq!(v["match"]["id"], "pregnancy");
    let v = ask_json_after(
        "my calf has been swollen since my flight",
        "can I massage it?",
    );
    assert_eq!(v["match"]["id"], "when-to-see-doctor", "{v}");
}

/// The fourth physiotherapist review (session 12): a member in crisis gets
/// people to turn to, a massage ball "killing me" or breathlessness after
/// a 5k alarms nobody, and a replaced hip gone short is an emergency.
#[test]
fn a_crisis_gets_help_and_gym_talk_gets_no_alarm() {
    let v = ask_json("honestly dont want to be here anymore");
    assert_eq!(v["red_flags"], serde_json::json!(["crisis"]));
    let reply = v["reply"].as_str().unwrap();
    assert!(reply.starts_with(&prompt_start("crisis")), "{reply}");
    assert!(
        reply.contains("988") && reply.contains("116 123"),
        "{reply}"
    );
    for q in [
        "i want to die after that leg day lol",
        "the lacrosse ball is killing me when i lie on it",
        "felt a tearing feeling in my glute doing walking lunges",
        "out of breath after a 5k and my glute is tight",
        "I have an overactive bladder and a glute knot",
        "my flatmate is a right pain in the backside, stubbed my toe on his foam roller",
        "worst leg day of my life, hot bath or ice for my glutes?",
    ] {
        assert_eq!(ask_json(q)["red_flags"], serde_json::json!([]), "{q}");
    }
    let v = ask_json("THR 6 weeks ago, my leg suddenly went shorter and I can't walk");
    let reply = v["reply"].as_str().unwrap();
    assert!(
        reply.contains(&prompt_start("hip-replacement-trouble")),
        "{reply}"
    );
}

/// Numbness's own reassuring words are for numbness told alone: with
/// another sign of its tier (pain spreading down the leg) the reply opens
/// with that tier's prompt, naming both.
#[test]
fn a_prompt_for_one_sign_alone_gives_way_to_its_tier_with_another() {
    let v = ask_json("my toes tingle on and off this week, what stretch helps my glute?");
    assert!(
        opens_with_prompt(v["reply"].as_str().unwrap(), "numbness-tingling"),
        "{v}"
    );
    let v = ask_json(
        "tingling from my glute into my foot for two weeks, and the pain goes down the back \
         of my leg. stretch?",
    );
    let reply = v["reply"].as_str().unwrap();
    assert!(
        !reply.contains(&prompt_start("numbness-tingling")),
        "{reply}"
    );
    let k = knotbot::Knowledge::shipped().unwrap();
    let soon = k.red_flags.prompts.soon.split("{signs}").next().unwrap();
    assert!(reply.contains(soon.trim()), "{reply}");
}

/// A sign told as over ("all healed") keeps a note, not an alarm, and
/// the question is answered; the same sign told as now, or as not over
/// yet, gets today's care prompt above the answer (a knock is no break:
/// see `a_fall_adds_its_prompt_and_a_break_decides`). Emergency signs are
/// never over.
#[test]
fn a_sign_told_as_over_keeps_a_note_but_not_the_answer() {
    let ask = |when: &str| {
        ask_json(&format!(
            "took a knee to the quad at footy {when} and my glute is tight from running. \
             what stretch helps?"
        ))
    };
    let over = ask("last month, all healed,");
    assert_eq!(over["red_flags"], serde_json::json!(["trauma"]));
    assert_eq!(over["match"]["id"], "stretching", "{over}");
    let reply = over["reply"].as_str().unwrap();
    let k = knotbot::Knowledge::shipped().unwrap();
    let note = k.red_flags.prompts.over.split("{signs}").next().unwrap();
    assert!(reply.contains(note.trim()), "{reply}");
    assert!(!reply.contains(&prompt_start("trauma")), "{reply}");
    for now in ["yesterday", "last month, it has not fully healed,"] {
        let v = ask(now);
        // The stretching answer when it stands clear, else the sign's entry.
        let id = v["match"]["id"].as_str();
        assert!(
            matches!(id, Some("stretching" | "when-to-see-doctor")),
            "{now}: {v}"
        );
        assert!(opens_with_prompt(v["reply"].as_str().unwrap(), "trauma"));
    }
    // Over after "but", and a precaution that has ended; a replaced hip
    // keeps its caution (`lasting`). (A grandad's fall "but he's all good
    // now" is his, not the member's: see
    // `someone_elses_mishap_before_the_members_own_question_raises_no_sign`.)
    let q = "was on blood thinners after surgery 3 years ago but not anymore. deep tissue ok?";
    let reply = ask_json(q)["reply"].as_str().unwrap().to_string();
    assert!(reply.contains(note.trim()), "{q}: {reply}");
    let v = ask_json("had a hip replacement years ago, all good now. is pigeon pose ok?");
    assert!(
        opens_with_prompt(v["reply"].as_str().unwrap(), "hip-surgery"),
        "{v}"
    );
    let v = ask_json("my groin went numb last week, all good now. glute stretch?");
    assert!(
        opens_with_prompt(v["reply"].as_str().unwrap(), "saddle-numbness"),
        "{v}"
    );
}

/// A sign the member denies keeps its prompt, for safety, in words that
/// say it was ruled out (never "you mentioned numbness" to someone who
/// said "no numbness"), and the question asked is answered; asserted, the
/// same sign's entry answers.
#[test]
fn a_denied_sign_keeps_its_prompt_but_not_the_answer() {
    let v = ask_json(
        "no numbness or tingling, just a tight glute knot, should i use a foam roller or a ball",
    );
    assert_eq!(v["red_flags"], serde_json::json!(["numbness-tingling"]));
    let reply = v["reply"].as_str().unwrap();
    let k = knotbot::Knowledge::shipped().unwrap();
    let ruled_out = k
        .red_flags
        .prompts
        .denied
        .replace("{signs}", "numbness or tingling");
    assert!(reply.contains(&ruled_out), "{reply}");
    assert_eq!(v["match"]["id"], "foam-rolling", "{v}");
    let v = ask_json("my glute is numb and tingly, should i use a foam roller");
    assert_eq!(v["match"]["id"], "when-to-see-doctor", "{v}");
}

#[test]
fn urgent_signs_get_the_urgent_prompt() {
    let v = ask_json("since my butt pain started i cant control my bladder");
    assert!(v["red_flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f == "bladder-bowel"));
    let urgent = prompt_start("bladder-bowel");
    assert!(v["reply"].as_str().unwrap().contains(&urgent));
    // A clot that may have reached the lungs: once this got no prompt.
    let v = ask_json("calf pain and short of breath, is it my glute knot?");
    assert_eq!(v["red_flags"], serde_json::json!(["breathless-chest"]));
    let reply = v["reply"].as_str().unwrap();
    assert!(reply.contains(&prompt_start("breathless-chest")), "{reply}");
    assert!(
        reply
            .to_lowercase()
            .contains("call your local emergency number now"),
        "{reply}"
    );
}

#[test]
fn stdin_answers_one_line_per_question_in_order() {
    let input = "what is wallet neuritis\n\ngm everyone\nheat or ice for a glute knot\n";
    let out = knotbot(&["ask", "--json"], input.as_bytes());
    assert!(out.status.success());
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["match"]["id"], "wallet-pocket");
    assert!(lines[1]["match"].is_null(), "an empty line gets no answer");
    assert!(lines[2]["match"].is_null());
    assert_eq!(lines[3]["match"]["id"], "heat-vs-ice");
}

#[test]
fn hostile_stdin_never_breaks_the_stream() {
    let mut input: Vec<u8> = Vec::new();
    input.extend_from_slice(b"gl\xff\xfeute kn\xc3ot\n");
    input.extend_from_slice(b"\0\0\0\n");
    input.extend_from_slice("glute ".repeat(200_000).as_bytes());
    input.push(b'\n');
    input.extend_from_slice("\u{202e}tonk etulg\u{202c}\n".as_bytes());
    input.extend_from_slice("💀🙏🔥".repeat(1000).as_bytes());
    input.push(b'\n');
    input.extend_from_slice(b"what is wallet neuritis");
    let out = knotbot(&["ask", "--json"], &input);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON"))
        .collect();
    assert_eq!(
        lines.len(),
        6,
        "one reply per line, the last one unterminated"
    );
    assert!(lines[0]["question"].as_str().unwrap().contains('\u{fffd}'));
    assert!(lines[4]["match"].is_null(), "emoji only: nothing to answer");
    assert_eq!(
        lines[5]["match"]["id"], "wallet-pocket",
        "the stream keeps working after a 1 MB line"
    );
}

#[test]
fn text_output_reads_like_the_bot() {
    let out = knotbot(&["ask", "does stretching help glute knots"], b"");
    let text = stdout(&out);
    assert!(text.starts_with("**"), "a bold title first: {text}");
    let k = knotbot::Knowledge::shipped().unwrap();
    assert!(
        text.contains(&k.replies.footer),
        "the not-medical-advice footer: {text}"
    );
}

#[test]
fn works_from_any_directory_with_the_built_in_knowledge() {
    let elsewhere = tempfile::tempdir().unwrap();
    let out = knotbot_in(
        Some(elsewhere.path()),
        &["ask", "--json", "what is piriformis syndrome"],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["match"]["id"], "piriformis-syndrome");
}

#[test]
fn a_knowledge_dir_is_used_when_given() {
    let dir = support::cli::knowledge_copy();
    support::cli::append(dir.path(), "faq.toml", "[[faq]]\nid = \"hip-flexor-pain\"\nquestion = \"Why are my hip flexors so tight?\"\naliases = [\"tight hip flexors from sitting\", \"hip flexor tightness\"]\nanswer = \"Hip flexors shorten when you sit a lot.\"\n");
    let out = knotbot(
        &[
            "ask",
            "--json",
            "--knowledge",
            dir.path().to_str().unwrap(),
            "why are my hip flexors so tight",
        ],
        b"",
    );
    let v: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(
        v["match"]["id"], "hip-flexor-pain",
        "an appended entry with only the four required fields answers"
    );
}

/// A follow-up without a subject of its own is read with the message
/// before it (`--after`), and only then: alone it is not answered, and
/// after a question about another body part it stays unanswered.
#[test]
fn a_follow_up_is_read_with_the_previous_message() {
    let answer = |args: &[&str]| {
        let out = knotbot(args, b"");
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
        v["match"]["id"].as_str().map(String::from)
    };
    let q = "how long till it's gone";
    assert_eq!(answer(&["ask", "--json", q]), None);
    assert_eq!(
        answer(&[
            "ask",
            "--json",
            "--after",
            "my glute knot has been sore for a week",
            q
        ])
        .as_deref(),
        Some("recovery-time")
    );
    assert_eq!(
        answer(&["ask", "--json", "--after", "my shoulder has a knot", q]),
        None
    );
    assert_eq!(
        answer(&[
            "ask",
            "--json",
            "--after",
            "is it ok to train with a knot in my glute",
            "and can i still do squats on it?"
        ])
        .as_deref(),
        Some("exercise-with-knot")
    );
    // The entry that answered the question before wins a near tie: "how
    // many times" after a stretch is about the stretch, not about how long
    // a knot lasts.
    let v = ask_json_after(
        "pigeon stretch for a knot in my glute, yes or no?",
        "and how many times do i do it",
    );
    assert_eq!(v["match"]["id"], "stretching", "{v}");
    // A follow-up that tells a sign without asking is read with the
    // question before it, and keeps the sign's prompt; thanks alone is not.
    let v = ask_json_after(
        "how long does a glute knot take to go away?",
        "it's been 5 weeks and it hasn't budged at all",
    );
    assert!(!v["match"].is_null(), "{v}");
    assert_eq!(v["red_flags"], serde_json::json!(["worsening"]), "{v}");
    let v = ask_json_after("how long does a glute knot take to go away?", "ok thanks");
    assert!(v["match"].is_null(), "{v}");
}

/// `--explain` shows the whole decision: the sentences it focused on, the
/// bar and why, the red flags and what decided the answer.
#[test]
fn explain_shows_the_whole_decision() {
    let post = "I'm 34 and run about 40k a week. Three weeks ago my right glute started \
                aching after long runs and the foam roller helps a bit. \
                Should I use heat or ice on it?";
    let out = knotbot(&["ask", "--explain", post], b"");
    let text = stdout(&out);
    for part in [
        "asking sentences: Should I use heat or ice on it?",
        "about glutes: true",
        "an answer needs a score of",
        "red flags: none",
        "decision: answers heat-vs-ice (the best candidate reaches the bar)",
    ] {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
    // Which words raised each flag, so a moderator can see what to mend.
    let out = knotbot(
        &["ask", "--explain", "my groin went numb and I can't pee"],
        b"",
    );
    let text = stdout(&out);
    for part in [
        "read bladder-bowel in \"can not pee\"",
        "read saddle-area (word family) in \"groin\"",
    ] {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
    let out = knotbot(
        &["ask", "--explain", "my fingers are numb and i have a fever"],
        b"",
    );
    assert!(
        stdout(&out)
            .contains("decision: no answer (a red flag, and the message is not about our subject"),
        "{}",
        stdout(&out)
    );
}

/// A sign that decides the answer gives the entry that explains it; of
/// those, the one the question itself ranks first, though not surely
/// enough alone: a bruised tailbone after a fall is the tailbone entry,
/// under the fall's prompt, not the general "when to see a doctor".
#[test]
fn a_deciding_sign_gives_the_explaining_entry_the_question_ranks_first() {
    let v = ask_json(
        "slid down the icy steps onto my tailbone 3 days ago, massive bruise and I wince sitting \
         down. should someone look at it?",
    );
    assert_eq!(v["match"]["id"], "sit-bone-tailbone", "{v}");
    assert!(
        opens_with_prompt(v["reply"].as_str().unwrap(), "trauma"),
        "{v}"
    );
}

/// A follow-up starts a new clause: the previous message's last word and
/// the follow-up's first are not one phrase ("... a softer bed" then
/// "sore when I first get up" tells no bed sore).
#[test]
fn a_follow_up_does_not_join_the_previous_messages_last_word() {
    let v = ask_json_after(
        "my glute knot is worse in the mornings. firmer mattress or a softer bed",
        "sore when I first get up, is that normal?",
    );
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
    let v = ask_json_after(
        "my glute knot is worse in the mornings",
        "my dad has a bed sore on his bum now and a fever, is that related?",
    );
    assert_ne!(v["red_flags"], serde_json::json!([]), "{v}");
}

/// Readings from the forum-q blind set's misses, in new words: idioms that
/// only look like signs ("run down", a pillow under the knees, a boss
/// "giving out"), signs told in word forms the lists lacked ("has given
/// way", "unchanged"), and a follow-up answered under the fall told
/// before it.
#[test]
fn the_forum_q_readings() {
    none_raises_a_sign(&[
        "feeling a bit run down lately with work, could that be why my glute knot won't shift?",
        "I sleep with a pillow under my knees and the glute knot is still stiff in the morning, \
         normal?",
        "my supervisor keeps giving out to me for stretching on shift, any glute stretch I can do \
         sneakily?",
    ]);
    for (q, sign) in [
        (
            "my leg has given way twice on the stairs since the glute pain began, keep training?",
            "weakness",
        ),
        (
            "six weeks of stretching and the glute knot is unchanged, what next?",
            "not-improving-told",
        ),
    ] {
        let v = ask_json(q);
        assert_eq!(v["red_flags"], serde_json::json!([sign]), "{v}");
    }
    // A fall's prompt stays on the follow-up (review s23a: "can I still
    // go to the gym today?" must not forget it), but the fall told before
    // does not replace the answer to what the follow-up asks.
    let v = ask_json_after(
        "slipped on the ice and landed on my bum yesterday, there's a sore knot now",
        "ok and which foam roller should I get?",
    );
    assert_eq!(v["red_flags"], serde_json::json!(["trauma"]), "{v}");
    assert_eq!(v["match"]["id"], "foam-rolling", "{v}");
    // "Sound right?" asks what the trouble is: the sign's entry answers.
    let v = ask_json(
        "Whenever I sneeze a zap goes from my glute down the back of my leg to the heel. Been \
         rolling it with a ball like a piriformis knot. Sound right?",
    );
    assert_eq!(v["match"]["id"], "sciatica-vs-knot", "{v}");
}

/// A follow-up that reads, with the message before it, closest to the
/// entry that answered that message stays with it, a little under the
/// usual bar: the subject goes on.
#[test]
fn a_follow_up_near_the_bar_stays_with_the_answer_before() {
    let v = ask_json_after(
        "Booked a deep tissue session for my glutes on Sunday, the therapist really went for the \
         knot on the right side.",
        "It's Tuesday and still a little tender, not as bad as yesterday. Normal?",
    );
    assert_eq!(v["match"]["id"], "massage-soreness", "{v}");
    // With nothing before it, the same words are not enough to answer.
    let v = ask_json("It's Tuesday and still a little tender, not as bad as yesterday. Normal?");
    assert_eq!(v["match"], serde_json::Value::Null, "{v}");
}

/// A follow-up whose "it" or "that" stands for what was told before is
/// read with it, even when its own words would answer something else:
/// sitting on a cushion after a knot from long sits on the floor is the
/// sitting answer, not a massage session's.
#[test]
fn a_follow_up_that_points_back_is_read_with_the_message_before() {
    let before = "Since my retreat there's a knot deep in my left glute, it aches after sitting \
                  cross legged. Stretching and a warm bath help. What else helps a knot from long \
                  sits on the floor?";
    let v = ask_json_after(
        before,
        "is it ok to keep sitting on the cushion every morning for 30 mins?",
    );
    assert_eq!(v["match"]["id"], "sitting", "{v}");
}

/// A precaution told only of someone else keeps its note, but the
/// member's own question chooses the answer: a husband stressed by his
/// wife's pregnancy is answered about stress, not given the pregnancy
/// page; a trainer asking about a pregnant client still gets it.
#[test]
fn someone_elses_precaution_keeps_its_note_but_not_the_answer() {
    let v = ask_json("my wife is pregnant and im so stressed my glutes are knotted up");
    assert_ne!(v["match"]["id"], "pregnancy", "{v}");
    assert_eq!(v["red_flags"], serde_json::json!(["pregnancy"]), "{v}");
    let v = ask_json("my client is 20 weeks pregnant, which glute stretches are ok");
    assert_eq!(v["match"]["id"], "pregnancy", "{v}");
}

/// A sign in a message about a subject next to ours that we do not cover
/// (a pilonidal cyst, piles) gets its prompt and no entry of ours, as a
/// sign about another body part does.
#[test]
fn a_sign_about_a_subject_next_to_ours_gets_the_prompt_alone() {
    let v = ask_json(
        "Red throbbing lump at the top of my bum crack, hot to touch, and I've had a temperature \
         since this morning. Pilonidal cyst maybe? Should I lance it?",
    );
    assert_eq!(v["match"], Value::Null, "{v}");
    assert!(
        opens_with_prompt(v["reply"].as_str().unwrap(), "fever-infection"),
        "{v}"
    );
}

/// Review s23a's HIGH items (docs/reviews/content-review-52.md), in new
/// words: idioms read as signs, a feverish child refusing to bear weight,
/// an older man who fell and cannot stand, and a fall told the message
/// before a follow-up.
#[test]
fn the_fifty_second_reviews_signs_and_look_alikes() {
    none_raises_a_sign(&[
        "wobbled in tree pose and went over sideways, only my pride got hurt. is pigeon ok for a \
         tight glute?",
        "my toddler's bladder is tiny so every car trip has ten stops, and my glute is knotted from \
         the driving. tips?",
        "collapsed in a happy heap at the end of the 10k and now my glute med is tight, roll it?",
        "my legs turned to jelly when I saw my PB on the board haha. how long do I hold a glute \
         stretch?",
    ]);
    for (q, sign) in [
        (
            "my 9 year old is burning up and refusing to put any weight on her left leg, says her \
             bottom hurts. Calpol and bed?",
            "fever-limp",
        ),
        (
            "my grandad is 81, he fell getting up from the sofa and can't stand up now",
            "fall-cannot-stand",
        ),
    ] {
        let v = ask_json(q);
        let flags = v["red_flags"].as_array().unwrap();
        assert!(flags.iter().any(|f| f == sign), "{v}");
    }
    // Three of its MEDIUM items, signs missed: buttock pain on walking that
    // eases standing still, "and getting worse", a pregnancy in Spanish.
    for (q, sign) in [
        (
            "my bum cramps after about 300 metres of my walk and goes after I stand still for a \
             bit, I'm 70",
            "walking-pain",
        ),
        ("sore glute for a month now and getting worse", "worsening"),
        (
            "mi hermana está embarazada, 5 months, can she use a foam roller on her glute?",
            "pregnancy",
        ),
    ] {
        let v = ask_json(q);
        let flags = v["red_flags"].as_array().unwrap();
        assert!(flags.iter().any(|f| f == sign), "{v}");
    }
    let v = ask_json_after(
        "came off my bike on a wet corner yesterday and landed on my hip",
        "can I still go to spin class tonight?",
    );
    assert!(
        opens_with_prompt(v["reply"].as_str().unwrap(), "trauma"),
        "{v}"
    );
}

/// Two HIGH items left from session 22's reviews: a new weakness told
/// against last week ("I could ... fine, now I can't") is not a sign that
/// has passed, and a feverish child who won't walk, told in Taglish or with
/// the thermometer's reading alone, gets the same-day prompt; a weight with
/// its tenth is not a temperature.
#[test]
fn a_sign_told_against_last_week_and_a_fever_told_by_its_reading() {
    let v = ask_json(
        "Last week I could push off my big toe fine, now I can't lift the right big toe at all and \
         my glute aches. Knot on a nerve?",
    );
    let reply = v["reply"].as_str().unwrap();
    assert!(opens_with_prompt(reply, "weakness"), "{v}");
    assert!(!reply.contains("has passed"), "{v}");
    each_raises_its_sign(&[
        (
            "my son is 6, won't walk since yesterday, says his hip hurts and he is very hot, 38.5. \
             from playing?",
            "fever-limp",
        ),
        (
            "My anak (6) ayaw maglakad since kahapon, says masakit ang balakang niya, and he is 38.5. \
             From playing? Pwede hilot?",
            "fever-limp",
        ),
        (
            "my daughter is 39.2 tonight and refusing to walk, keeps holding her hip",
            "fever-limp",
        ),
    ]);
    none_raises_a_sign(&["pulled 40.5 kg on rdls today and limping a bit after, glute knot lol"]);
}

/// The fifty-third physiotherapist review (session 24, s24a, on f6ee3e6):
/// its five HIGH items. Saddle numbness told as hardly feeling the paper
/// and rubbery skin; a belly-to-back pain that struck all at once in an
/// older smoker who looks grey; a pop with a big purple bruise under the
/// buttock; and two look-alikes: flopping over a finish line, and a dog's
/// legs giving out.
#[test]
fn the_fifty_third_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
        (
            "Since yesterday my back and bum are really sore and now when I use the loo roll I can \
             hardly tell it's touching, the skin between my cheeks feels thick and rubbery. Is that \
             the knot?",
            "saddle-numbness-told",
        ),
        (
            "Dad is 68 and smokes 20 a day, he's just been hit with an awful pain going right \
             through from his stomach to his back and left buttock, he's sweaty and grey. Should he \
             lie on a heat pad?",
            "sudden-belly-back-pain",
        ),
        (
            "Felt a pop high up on the back of my thigh right under my bum doing sprints, now \
             there's a big purple bruise and I'm hobbling. Knot?",
            "pop-and-bruise",
        ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "Did parkrun and collapsed over the finish line like a sack of spuds 😂 now my glute med is \
         tight, foam roll or stretch?",
        "My dog's back legs gave out on our walk yesterday (vet says arthritis) so I had to carry \
         him home. Now my glutes are knotted, how do I ease it?",
        // Three of its MEDIUM items: an insult, a knot told by not sitting
        // comfortably, and a driver who never stops.
        "Numb-skull here forgot to stretch after deadlifts, now I've got a glute knot, what do I do",
        "Ag man, my bum is finished after Two Oceans, can't even sit lekker on the camping chair at \
         the braai. Knot or just DOMS?",
        "Bladder of a camel on long drives, I never stop, and my bum pays for it with knots. How \
         often should I get out and stretch?",
    ]);
}

/// The fifty-fourth physiotherapist review (session 24, s24b, on
/// 1613b3b): its seven HIGH items. Missed or under-triaged: a father who
/// soiled himself without noticing, a sudden pain then everything going
/// grey, painkillers that have "done nothing", a twang under the buttock
/// with the thigh gone purple. False: a bar that fell out of the hands, a
/// football team's collapse that "gave me chest pains", nearly passing out
/// from the heat in a stuck lift.
#[test]
fn the_fifty_fourth_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
        (
            "Dad's 58 and has had a bad back all week, this afternoon he messed himself without even \
             noticing. He's mortified and just wants to rest it. Is it from the back?",
            "bladder-bowel",
        ),
        (
            "Sudden horrendous pain deep in my buttock while I was weeding, then everything went grey \
             and I had to lie down on the path. Is it a knot?",
            "faint-with-pain",
        ),
        (
            "Ive taken co-codamol and ibuprofen and it's done nothing, my buttock pain is 10 out of \
             10 and I've been crying all morning",
            "painkillers-not-working",
        ),
        (
            "something went twang at the top of my hamstring right under my bum cheek during the \
             sports day sprint, and now the back of my thigh has gone purple and I'm hobbling about",
            "pop-and-bruise",
        ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "the bar fell out of my hands at lockout on a 180 deadlift, ego destroyed, and there's been \
         a knot in my glute ever since. heat?",
        "Bro the Spurs collapse in the second half gave me chest pains 😂 anyway how do I roll out \
         my glutes after 5-a-side",
        "the lift at work broke down and we were stuck 40 minutes, thought I'd pass out from the \
         heat 😅 then took the stairs to the 9th floor and now my glute is sore. knot?",
    ]);
    // Two of its MEDIUM items: a reflex told weaker after the test, and a
    // denial in the progressive, "not going down the leg".
    let v = ask_json(
        "physio tested my reflexes and said the left ankle one is weaker than the right, she wants \
         me to see a GP. is it just my piriformis?",
    );
    let flags = v["red_flags"].as_array().unwrap();
    assert!(flags.iter().any(|f| f == "reflex-change"), "{v}");
    let v = ask_json(
        "Is it my sciatica or just a knot? It stays only in the butt, not going down the leg.",
    );
    assert!(
        v["reply"].as_str().unwrap().contains("You ruled out"),
        "{v}"
    );
}

/// The fifty-fifth physiotherapist review (session 24, s24c, on 3425451),
/// the HIGH items fixed this session: signs told in learners' words, by
/// the underwear, by slang for the head, by a tea's colour, as the family
/// doing fine without the member; the season and a pace that "fell off a
/// cliff" are no falls, nor a roll off a foam roller that hurt only the ego.
#[test]
fn the_fifty_fifth_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[
        (
            "sitting on the loo since Tuesday it feels like the seat's made of cardboard where my cheeks touch, like I'm perched on nothing, and my lower back is wrecked from moving house. just a knot?",
            "saddle-numbness-told",
        ),
        (
            "Sorry if TMI, 38M, back's been out for a week and since yesterday I can't get hard at all, and touching myself there feels like touching someone else's skin. Related?",
            "sexual-change-back-pain",
        ),
        (
            "Flew home from Manila, 16 hrs, my right calf is fat and sore, and climbing the stairs just now I was puffing like I ran a marathon with my chest tight. Glute's knotted from the flight too, should I roll it?",
            "breath-with-calf",
        ),
        (
            "My right foot has gone the colour of candle wax and it's freezing compared to the left, started about an hour ago and hurts like hell. Is the piriformis squashing something?",
            "cold-pale-leg",
        ),
        (
            "Opa (84) went down in the garden and lay by the roses about three hours before the neighbour heard him. He says only his bum hurts and he's refusing the ambulance. Can we just give him paracetamol?",
            "long-lie",
        ),
        (
            "Since I got out of bed I can only get around by leaning on the kitchen counter and swinging my right leg, it won't take me. Can a glute knot do that?",
            "unable-to-bear-weight",
        ),
        (
            "Since getting back into netball I leak a bit when I land from a jump, and I've got a glute knot too. Are they connected?",
            "leaking-on-effort",
        ),
        (
            "My back and bum very bad since I lift wardrobe on Saturday. Today I go to toilet many times but the water not coming, only few drops and I must push hard. Is this from muscle?",
            "bladder-bowel",
        ),
        (
            "Sciatica in my left cheek for a fortnight and this arvo I didn't even know I'd gone in my jocks till I got home. Is that related or just a dodgy kebab?",
            "bladder-bowel",
        ),
        (
            "fell off my skateboard yesterday and whacked my noggin on the kerb, then spewed twice this morning, but mostly my bum is bruised. ice or heat?",
            "head-injury",
        ),
        (
            "Honestly 8 months of this glute pain. Lately I lie awake thinking everyone would do alright without me. Anyway, does dry needling work for piriformis?",
            "crisis",
        ),
        (
            "Did a 500 burpee challenge yesterday, legs and glutes swollen up like a jumping castle and my wee this morning is the colour of rooibos. Just hydrate?",
            "dark-urine-effort",
        ),
        (
            "My 14 yo came home from rugby training with a horrible pain in his privates, one side of his sack is swollen and he's thrown up once. He reckons he pulled his glute. Heat pack?",
            "testicle-pain",
        ),
        (
            "Sprinting at sports day I heard a crack like a whip in the back of my thigh up near my bum, now there's a purple stain spreading down to my knee. Foam roll it?",
            "pop-and-bruise",
        ),
    ]);
    none_raises_a_sign(&[
        "Since the fall semester started I've been grading papers at my desk every night and my glutes are knotted. Any tips?",
        "After the fall break I came back to the gym and my glute med is one big knot. Normal after a week off?",
        "My pace fell off a cliff in the second half of the marathon and now my bum is one big knot lol, any recovery tips?",
    ]);
    // Two answers replaced under a right prompt: a new bump seen in the
    // mirror gets its own sign and entry, and "is a knot supposed to do
    // that?" asks what the night pain is.
    for q in [
        "There's a bump on my left buttock I can see in the mirror now, it wasn't visible in \
         March. Doesn't hurt. Just a knot?",
        "The ache in my butt wakes me at 3am whichever side I lie on, been going on a month now. \
         Is a knot supposed to do that?",
    ] {
        let v = ask_json(q);
        assert_eq!(v["match"]["id"], "when-to-see-doctor", "{q}: {v}");
    }
    let v = ask_json_after(
        "how do I foam roll glutes",
        "lol I rolled off it and landed on my tailbone, it's fine tho just my ego",
    );
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
}

/// Review 56 (s25a): a bang in the muscle with a black bruise, and a hard,
/// fixed lump grown to the size of an egg, told in a learner's words; a
/// near miss at a horror film, a footballer's dive, a fever dream, a
/// cricket team's collapse and a Taglish "parang hit by a truck" are no
/// signs.
#[test]
fn the_fifty_sixth_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[
        (
            "felt something go bang in my bum during a sprint, couldn't run another step, and now theres a big black bruise coming out down the back of my thigh. hamstring or glute knot?",
            "pop-and-bruise",
        ),
        (
            "Hello, I am 45 years. Two months ago I notice a hard ball in my buttock, deep, it not move when I press, now it is bigger like an egg. No pain. My wife say massage it with oil. Is it a knot from sitting in the car all day?",
            "lump",
        ),
    ]);
    none_raises_a_sign(&[
        "Watched the new Saw film last night and nearly lost control of my bladder lol. anyway what's a good stretch for a tight piriformis",
        "Our striker went down like he'd been shot and couldn't get up, proper Oscar performance. Anyway my glute's been tight since Sunday's match, foam roll or stretch?",
        "The finale of that show gave me chills and a proper fever dream that night lmao. Anyway, is a hot bath good for a sore glute?",
        "Bro my bowling spell today was a disaster, I collapsed like a house of cards in the last over lol. Glute on my landing side is tight now, any stretch?",
        "Grabe, my glutes are so sakit after Zumba, parang I got hit by a truck 😭 what stretch po?",
    ]);
}

/// Review 57 (s25b): a night wedged beside the bed after sliding off it,
/// a foot gone floppy and then the whole leg, hopping to the loo, and an
/// older mother's fall when the member asks to massage her glute (her
/// glute, not the member's, so her fall still counts); a collapse told as
/// a simile and a rugby scrum's are no weakness; the massage-gun answer
/// under a growing lump says to have the lump checked first.
#[test]
fn the_fifty_seventh_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[
        (
            "Mum (84) wasn't answering the phone so I drove over, she'd slid off the bed and been wedged between the bed and wardrobe overnight, 'only a bit sore in the bum' she says. We got her into her chair and she seems ok. Can I put a heat pad on her glute?",
            "long-lie",
        ),
        (
            "Not trying to be dramatic but yesterday my left foot was a bit floppy, this morning I couldn't get up the stairs on it and now my whole leg's like rubber. Pain's mostly in the glute. Probably just a knot pinching the nerve, right?",
            "weakness-fast",
        ),
        (
            "Was fine at parkrun Saturday, now I'm hopping to the loo because putting my right foot down sends a bolt through my bum, my partner's had to help me get dressed. Could it be a knot? 40F, runner for years",
            "unable-to-bear-weight",
        ),
        (
            "Mum's 79 with osteoporosis, she missed the bottom step yesterday and landed on her bottom on the hall tiles. She's walking but wincing and says her bum and groin ache. She's stubborn. Can I massage her glute to help?",
            "fragility-fracture",
        ),
    ]);
    none_raises_a_sign(&[
        "me after skipping leg day for 3 months: *collapses like a folding chair*. real talk tho what glute stretches should i do before squats",
        "The Lions pack absolutely collapsed the scrum three times before half time. Anyway props have the tightest glutes in rugby, how do forwards usually deal with knots there?",
    ]);
    let v = ask_json("The 'knot' in my left bum cheek isn't acting like a knot: it's definitely bigger than in March, about a satsuma now, and it doesn't move when I push it. Doesn't hurt at all, which is why I ignored it. 50F. Could a massage gun break it down?");
    let reply = v["reply"].as_str().unwrap();
    assert!(reply.contains("On a lump that is growing"), "{v}");
}

/// Review 58 (s25c): wanting to "stop existing" is a crisis; a pain that
/// came on all at once an hour ago, through from the back to the stomach
/// of an older smoker, is an emergency; a bladder that "files a complaint"
/// over drinking water is a joke, not a change in control; a lump grown
/// from pea to grape asked about as "a weird knot" gets the entry that
/// says to have it seen, not a massage session.
#[test]
fn the_fifty_eighth_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[
        (
            "This glute pain has gone on for eight months, nothing works, physio, pills, nothing. Lately I keep thinking I just want to stop existing.",
            "crisis",
        ),
        (
            "72, smoked for 50 years. About an hour ago a horrible pain started in my lower back and goes right through to my stomach, came on all at once watching telly. Thought it was my glute knot playing up. Heat pack?",
            "sudden-belly-back-pain",
        ),
    ]);
    none_raises_a_sign(&["Does drinking more water actually help get rid of glute knots or is that a myth? My PT keeps pushing the 4 litres a day thing and I'm basically living in the toilet at work now. If it's nonsense I'd love to know before my bladder files a complaint."]);
    let v = ask_json("There's a lump in my buttock that's grown from pea size to about a grape over a month. Doesn't hurt. Is it a weird knot?");
    assert_eq!(v["match"]["id"], "when-to-see-doctor", "{v}");
}

/// A member who names a stretch to ask for another one gets the general
/// answer about stretching, not the card of the stretch they want to
/// leave (review 56, #40); naming it to ask how to do it still gets its card.
#[test]
fn a_question_for_a_different_stretch_is_not_the_named_ones_card() {
    let v = ask_json(
        "Pigeon used to feel great but now my glute knot makes it sharp when I fold forward. \
         Is there an alternative to pigeon I could do for a while?",
    );
    assert_ne!(v["match"]["id"], "pigeon-pose", "{v}");
    let v = ask_json("how do I do pigeon pose properly for my glute?");
    assert_eq!(v["match"]["id"], "pigeon-pose", "{v}");
}

/// Review 59 (s25d): a grandmother found at dawn after nobody heard her
/// fall is a long lie; chest tightness on a run that went away with rest,
/// told the day after, is the same-day sign; a blood test ("testes" read as
/// "test"), a game's falls, "muscle fever" for next-day soreness and a
/// landing on sofa cushions are no signs.
#[test]
fn the_fifty_ninth_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[(
        "my grandma 81 went down in the bathroom last night, nobody heard her and my uncle only found her at 6am lying by the sink. now she is in bed and says her hip and bum are sore but she refuses the hospital. can we just do a warm compress?",
        "long-lie",
    )]);
    let v = ask_json_after(
        "can i keep running with a glute knot",
        "yesterday during the run my chest got tight and i had to stop, it went away after resting",
    );
    assert!(
        v["red_flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "chest-on-effort"),
        "{v}"
    );
    none_raises_a_sign(&[
        "Next week my physio plans to put those thin needles in my glute, like acupuncture but she says it is not acupuncture. I am a big baby with anything sharp, I nearly fainted at my last blood test. How painful is it really and is it worth the money?",
        "In Elden Ring I died falling off a cliff about 400 times tonight, controller nearly went through the TV. My glutes are aching from the gaming chair after 7 hours. How do I stop my butt knotting up during long sessions, any cheap fixes?",
        "Sorry for my English. My glute is crying after the training, my coach say it is just the muscle fever (Muskelkater), it comes two days after the squats and goes again. Is muscle fever the same like a knot or something different?",
        "Floor is lava with my nephews had me jumping between sofas like an idiot and I landed on my bum on the cushions. No pain at the time, laughing, but a small knot appeared in the glute the next day. Can a knot come from that?",
    ]);
}

/// Review 60 (s25e): crushing chest pain into the arm and jaw during glute
/// bridges is an emergency whatever the exercise; the worst pain ever that
/// painkillers don't touch, asking whether to "ride it out", gets the
/// warning-signs entry; a joint "like a rusted bolt", garden soil, a
/// child giggling after a fall, a crash with nobody in the car, a game's
/// character collapsing, the "ladder of success", menopausal night sweats
/// and a diabetic's long-numb feet are no signs.
#[test]
fn the_sixtieth_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[(
        "60 yo with a heart condition, was doing glute bridges at the gym and got a crushing feeling in my chest going into my left arm and jaw, sitting down now, sweaty and a bit sick. Is it just the exercise?",
        "heart-chest-pain",
    )]);
    let v = ask_json("I'm 58 and the pain in my buttock tonight is the worst I've ever felt, worse than childbirth, and the co-codamol hasn't touched it. Can't get comfortable in any position. Do I just ride it out till my physio appointment on Thursday?");
    assert_eq!(v["match"]["id"], "when-to-see-doctor", "{v}");
    none_raises_a_sign(&[
        "Rheumatoid arthritis, on methotrexate. When I flare my glutes seize up like a rusted bolt and stay that way for days. Does heat or cold work better for knots when you've got RA, or does it not matter?",
        "Our cat knocked a plant pot off the shelf and it smashed everywhere. An hour cleaning up soil on my hands and knees and now my bum is aching on the right side. Cat is unrepentant. Is that a knot from the kneeling?",
        "My toddler fell off the sofa this morning and scared the life out of me (he's totally fine, giggling away). Lifting him all day has left a knot in my left glute though. Any stretch I can do while he naps?",
        "Somebody crashed into my car in the supermarket parking, I was not inside, only paperwork and insurance stress. Since then my glute is tight all the time and I sleep bad. Stress can make knot? In Poland my mother says it is from the nerves.",
        "in fortnite my guy keeps collapsing when the storm hits and tbh thats me after leg day. glutes are done. how long should doms last vs a knot",
        "Fell off the ladder... of success lol, got made redundant last week. Spent the week doing DIY to stay sane, painting skirting boards on my knees, and now my glute is in knots. Best stretch?",
        "Night sweats from the menopause have me throwing the covers off, then I wake up freezing and shivering an hour later with my bum muscle cramping. Menopause is a joke. Is the cramp a knot or something else?",
    ]);
    let v = ask_json_after(
        "can diabetics use a massage gun on their glutes?",
        "mine has neuropathy in both feet for years, can't feel much down there",
    );
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
}

/// Review 61 (s26a): signs told in Scots, Pidgin and Jamaican English, a
/// head knock told head first, a long lie since teatime, pressure behind
/// the breastbone on hills; and idioms that only sound like signs.
#[test]
fn the_sixty_first_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[
        (
            "woke up an cannae feel the paper when I wipe, back's been murder since lifting sacks",
            "saddle-numbness-told",
        ),
        (
            "Grandad is 84, went over on the bathroom tiles after lunch and has been lying there since, says he just needs a minute. Rub his hip?",
            "long-lie",
        ),
        (
            "our winger got his head clattered at training, then threw up in the car home, and his glute is bruised from the landing",
            "head-injury",
        ),
        (
            "my cousin fall from the bike yesterday, e no fit stand on the leg at all and the hip dey pain am. massage?",
            "fall-cannot-stand",
        ),
        (
            "dis pain inna mi bumpa a di worst mi ever feel inna mi life and di tablets nah touch it",
            "worst-pain",
        ),
        (
            "on hill runs I get a pressure behind my breastbone that fades when I walk. glute knot too, fine to keep running?",
            "chest-on-effort",
        ),
        (
            "since Tuesday I no fit put weight for my right leg at all, I dey hop like frog. Which cream for the yansh?",
            "unable-to-bear-weight",
        ),
        (
            "I bent to pick up my shoe and suddenly very strong pain in the buttock, 9 from 10, can't straighten up",
            "sudden-severe-pain",
        ),
    ]);
    none_raises_a_sign(&[
        "went weak at the knees when my crush walked into the gym lol. anyway, glute knot after squats, how long do they last?",
        "Fell out of the habit of stretching over the holidays and now my glutes are knotted. Where do I start again?",
        "The sun was baking us on the half marathon, I was burning up the whole way, but done! Glute knot now, heat or ice?",
    ]);
    // A fever named only to rule it out keeps its prompt, but not in
    // place of the answer.
    let v = ask_json("glute is on fire after hill sprints, a good burn I mean, not a fever or anything. is that burn a knot?");
    assert_ne!(v["match"]["id"], "when-to-see-doctor", "{v}");
}

/// A knot in the calf that is "agony" on the roller is about the calf:
/// no glute answer (issue 13), and since session 29 no sign either (a
/// knot pressed on a roller, told in hyperbole, is a look-alike); a calf
/// that is swollen and warm after a flight still gets the entry that says
/// to have it checked today.
#[test]
fn a_sign_about_a_calf_answers_only_when_it_needs_care_today() {
    let v = ask_json("knot in my calf after parkrun, like a golf ball. how do I roll it without it hurting so much? the foam roller is agony");
    assert!(v["match"].is_null(), "{v}");
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
    let v = ask_json("flew home from Perth on Sunday and now my left calf is swollen, warm and sore. is that my glute knot referring?");
    assert_eq!(v["match"]["id"], "when-to-see-doctor", "{v}");
}

/// What a long post's story is for ("to build my glutes", "whale music")
/// does not make its question about a sore knot off-topic.
#[test]
fn a_storys_off_topic_words_do_not_silence_a_question_about_a_knot() {
    let v = ask_json("Doing hip thrusts three times a week to build my glutes. I feel them way more in my lower back than my bum, and there's a sore knotty spot at the top of my glute the next day. What am I doing wrong?");
    assert_eq!(v["match"]["id"], "hip-thrust-pain", "{v}");
    let v = ask_json("Three months on a booty program, eating in a surplus, and my glutes just aren't growing. More hip thrusts? Higher reps?");
    assert!(v["match"].is_null(), "{v}");
}

/// Review 62 (s26b, forum posts): a striker's dive, a dropped barbell and
/// a team that gives a fan chest pains are no signs; heads that clashed,
/// then vomiting, are a head injury; leaking a little on box jumps gets
/// the pelvic-floor prompt and never the cauda equina entry.
#[test]
fn the_sixty_second_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[(
        "my son clashed heads with a teammate at hurling, was dazed after and has been sick twice tonight. he says it's only his glute that hurts. ice?",
        "head-injury",
    )]);
    none_raises_a_sign(&[
        "their winger went down in the box like he'd been sniped, nobody touched him. anyway I'm the keeper and my glute has been knotted since. stretches for half time?",
        "The bar fell on the floor with a huge bang mid deadlift and the whole gym stared. Only my pride hurt. Glute is knotty now, should I roll it?",
        "The playoffs are giving me chest pains honestly. Anyway, I coach under-12s and my glute knot flares after weekend tournaments. Stretches I can do on the sideline?",
    ]);
    let v = ask_json("since my first baby i leak a little when i skip or do box jumps. glute knot too. could the leaking be weak glutes?");
    assert_eq!(
        v["red_flags"],
        serde_json::json!(["leaking-on-effort"]),
        "{v}"
    );
    assert_ne!(v["match"]["id"], "cauda-equina", "{v}");
}

/// Review 63 (s26c): a seat not felt "properly", a foot cold and whitish,
/// breathing "difficult" with a swollen calf after a flight; boredom, a
/// brother's wipe-out, a chess rating's tumble, ants in the pants, a hip
/// that pops like bubble wrap, a good burn and a 6/10 on a run are no
/// signs; a glute knot that "won't come out" is no bladder trouble.
#[test]
fn the_sixty_third_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[
        (
            "on the loo today I couldn't properly feel the seat under me, back and glute bad all week",
            "saddle-numbness",
        ),
        (
            "my right foot has gone cold and a whitish colour and it really hurts, glute pain for weeks",
            "cold-pale-leg",
        ),
        (
            "back from a long flight, calf swollen and hot, and today I have difficult to breathe on the stairs. stretch for the glute?",
            "breath-with-calf",
        ),
    ]);
    none_raises_a_sign(&[
        "Three hours standing at a recital, I nearly collapsed from boredom, and now my bum is tight. Stretch?",
        "Watching my sister wipe out on her scooter had me wincing all week lol. My own glute is knotted from skating, tips?",
        "My chess rating took a tumble this month and so did my posture. Glute knot now, what helps?",
        "ants in my pants at my desk all day because of this knot in my bum, tips?",
        "my hip pops like bubble wrap during leg swings, no pain, is that a knot?",
        "glute on fire after split squats, that good burn. normal?",
        "my glute knot just won't come out no matter what I try, any tips?",
    ]);
    let v = ask_json_after(
        "can I keep running with a glute knot?",
        "what if it's more like a 6/10 during the run?",
    );
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
}

/// A swelling that "leaked some pus" is an infection's sign, never the
/// bladder's: no cauda equina emergency for an abscess (forum-u).
#[test]
fn pus_that_leaks_is_no_bladder_sign() {
    let v = ask_json("red throbbing swelling at the top of my bum crack, it leaked some pus this morning and I felt shivery and feverish last night. cyst?");
    let flags = v["red_flags"].as_array().unwrap();
    assert!(flags.iter().all(|f| f != "bladder-bowel"), "{v}");
    assert!(flags.iter().any(|f| f == "fever-infection"), "{v}");
    assert_ne!(v["match"]["id"], "cauda-equina", "{v}");
}

/// Review 64 (s26d): signs told by what others noticed, by numbers and by
/// likenesses (both legs that "wouldn't do what I told them", stopping for
/// air with a tight calf after a flight, "puffing like a steam train" nine
/// days after a birth, a foot "chalky and cold", a knee to the head then
/// vomiting, a calf "3 cm bigger round", a lump pea-sized in March and a
/// grape now); a toddler's graze, a Fortnite character, a shelf that
/// collapsed, kneeling on the floor for hours and a child on Lego are no
/// signs; fluid leaking in pregnancy is the waters, never cauda equina.
#[test]
fn the_sixty_fourth_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[
        (
            "coach said both legs just wouldn't do what I told them at training, thighs feel fuzzy, sore back since a scrum",
            "both-legs",
        ),
        (
            "tight calf since the long flight home and today I can't finish a sentence without stopping for air. glute stretch?",
            "breath-with-calf",
        ),
        (
            "had my son 12 days ago and I'm puffing like a steam train on the stairs. gentle glute stretches?",
            "postpartum-breathless",
        ),
        (
            "my foot has gone chalky and cold in the last hour, sore glute all week",
            "cold-pale-leg",
        ),
        (
            "took a knee to the head at football, threw up twice on the way home. glute sore too, ice it?",
            "head-injury",
        ),
        (
            "my left calf measures 2 cm bigger round than the right and feels warm, glute knotted on that side",
            "leg-swelling",
        ),
        (
            "the lump on my cheek was pea size in spring and it's more like a grape now. roll it out?",
            "lump-growing",
        ),
        (
            "32 weeks pregnant and leaking fluid since this morning, glute sore",
            "pregnancy-warning",
        ),
    ]);
    none_raises_a_sign(&[
        "My toddler face-planted at the park (scraped chin, she's all good) and I've carried her all week. Left glute knotted, best stretch?",
        "In Fortnite my character can't walk straight after the storm lol, same as me after leg day. How do I ease glute soreness?",
        "My new shelf collapsed the minute I put a book on it, and kneeling on the floor for hours fitting it has my glute in knots. Stretch?",
        "my son stepped on Lego and screamed like it was the worst pain of his life. me, glute knot from carrying him. good exercise?",
    ]);
    let v = ask_json_after(
        "I'm 30 weeks pregnant, is pigeon pose safe?",
        "I've also had some fluid leaking since this morning, is that related?",
    );
    assert!(
        v["red_flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "pregnancy-warning"),
        "{v}"
    );
    assert_ne!(v["match"]["id"], "cauda-equina", "{v}");
}

/// Review 65 (s26e, members typing in a hurry, worry hidden in jokes):
/// pills kept "for when I've had enough" is a crisis; chest pressure on a
/// run that goes when the runner stops; bum cheeks and between them not
/// felt; "number than usual" (autocorrect for numb); a young lad hobbling;
/// a sister's waters that broke with the baby fine, a price that "gave me
/// chest pains", legs "folded origami" in a plane, "no shooting pain or
/// owt" with an ache in both cheeks, teams and defences that collapsed, a
/// flatmate's fall "(he's fine)" and a friend's elbow dug in are no signs.
#[test]
fn the_sixty_fifth_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[
        (
            "8 months of this glute pain, lost my job, and I've got a drawer of old pills for when I've had enough. nobody would notice if I was gone",
            "crisis",
        ),
        (
            "when I run after a few minutes I get pressure in my chest, I stop and it goes away. glute knot too, keep training?",
            "chest-on-effort",
        ),
        (
            "back gone since lifting a sofa, and in the shower I can't feel my bum cheeks or between them",
            "saddle-numbness-told",
        ),
        (
            "my bum and privates feel number than usual since my back went yesterday",
            "saddle-numbness",
        ),
        (
            "my young lad is 10 and he's been hobbling about since Saturday, sore knee, flinches when I press his hip",
            "child-limp",
        ),
    ]);
    none_raises_a_sign(&[
        "the price of a physio session gave me chest pains honestly. cheap ways to treat a glute knot at home?",
        "fly economy every week and my legs are folded origami by landing. glute knots after every flight, fix?",
        "my fantasy football team collapsed this weekend. anyway, pigeon or figure 4 for the glutes?",
        "the defence collapsed again and I tweaked something jumping off the couch lol. glute tight, strain or knot?",
        "my flatmate fell down the stairs on saturday (he's fine, bruised pride). I've slept on the sofa since and my bum is in knots",
        "my lifting buddy dug his elbow into my glute and I nearly hit the ceiling. do glute knots cause low back pain?",
    ]);
    // An ache "in both cheeks" is the buttocks, not both legs; the shooting
    // pain denied keeps its prompt only (issue 9).
    let v = ask_json("did 3 munros last weekend, no shooting pain or owt, just a deep ache in both cheeks. DOMS or a knot?");
    let flags = v["red_flags"].as_array().unwrap();
    assert!(
        flags
            .iter()
            .all(|f| f != "both-legs-told" && f != "both-legs"),
        "{v}"
    );
    assert_ne!(v["match"]["id"], "cauda-equina", "{v}");
    // A birth already over and well is no emergency (the pregnancy note,
    // told through the baby, stays: see `others_signs`).
    let v = ask_json("my sister's waters broke at 2am and I drove her in, baby boy is fine! 6 hours on hospital chairs and my bum is in knots, stretch ideas?");
    let flags = v["red_flags"].as_array().unwrap();
    assert!(flags.iter().all(|f| f != "pregnancy-warning"), "{v}");
}

/// Review 66 (s26f, older members and carers): pain "like being split
/// open" from tummy to back an hour ago in an older smoker; a leg "letting
/// me down" at the bath and the kerb; bones "thin" from steroids and a hard
/// sit; a care-home resident bruised with no fall seen; both legs gone to
/// jelly on the loo; and someone else's tumble shrugged off, a dining room
/// that went flying, a shed, tomato plants or a batting side that
/// collapsed, a dame falling on purpose, a mouth drooping in sleep and a
/// granddaughter born are no signs.
#[test]
fn the_sixty_sixth_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[
        (
            "Dad is 74 and smokes. An hour ago he got a pain from his tummy right through to his back like being split open, pale and sweating. Heat pack?",
            "sudden-belly-back-pain",
        ),
        (
            "I'm 72 and for two weeks my right leg has been letting me down, I can't push up out of the bath on that side. Glute exercises?",
            "weakness",
        ),
        (
            "68, on steroids for years so my bones are thin. Sat down hard on the arm of the chair and now I can't turn in bed",
            "fragility-fracture",
        ),
        (
            "one of our care home residents, 90, is walking differently and has a bruise on her hip, nobody saw a fall. Rub it?",
            "older-fall",
        ),
    ]);
    none_raises_a_sign(&[
        "Our bowls captain took a tumble on the green (bounced up, pride dented) and I played his end too. Glute tight, stretch?",
        "On the ferry the boat rolled and half the room went flying. I braced in my seat for an hour and my glutes ache. Heat?",
        "My neighbour's shed collapsed in the storm so I dug his veg patch too. Glutes aching, roller or bath?",
        "My tomato plants collapsed in the frost overnight. Crouching to cover the rest has my glute sore, kneeling pad?",
        "England collapsed to 52 all out and I sat glued to the telly all day. Buttock stiff, quick stretch?",
        "the dame fell off the stage on purpose at the panto, the seats were awful and my glute is tight. heat?",
        "my husband nodded off in his deckchair, mouth drooping open. those chairs give me glute ache, better chair?",
    ]);
    // A grandchild born is no emergency (the pregnancy note, told through
    // the baby, stays: see `others_signs`).
    let v = ask_json("My daughter's waters broke at the bingo and we have a beautiful grandson! Up all night in a hospital chair, glute knotted, stretch?");
    let flags = v["red_flags"].as_array().unwrap();
    assert!(flags.iter().all(|f| f != "pregnancy-warning"), "{v}");
    let v = ask_json_after(
        "How do I get rid of a glute knot fast?",
        "what if both my legs go to jelly and I can't get up off the loo?",
    );
    assert!(
        v["red_flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "both-legs"),
        "{v}"
    );
}

/// The sixty-seventh physiotherapist review (session 27, s27a: teen and
/// Gen-Z slang, school sport, adaptive athletes, military fitness, ESL
/// writers): a fall told in a learner's present tense gets its urgency, a
/// repaired hip labrum its precaution; slang that only sounds like a sign
/// raises none; a stretch the member was told not to do is never served.
#[test]
fn the_sixty_seventh_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[
        (
            "my father is 78, he fall down at the bus stop and now he cannot stand on that leg, butt pain",
            "fall-cannot-stand",
        ),
        (
            "my nan fall down last night, she is 84 and her bum hurts on the left",
            "older-fall",
        ),
        (
            "had a labral repair on my hip 5 weeks ago, glute is knotted, can i use a massage ball?",
            "hip-surgery",
        ),
    ]);
    none_raises_a_sign(&[
        "lost control of the playlist at the gym and now my glutes are knotted from the class, stretch?",
        "couldnt feel my legs after the ruck march lol, glutes tight, ball or foam roller?",
        "this album really fell off after track 3, anyway my glutes are knotted from sitting, tips?",
        "the beep test dropped me fr, glutes knotted up now, how long till it goes?",
        "worried my grandad might fall down on the stairs, his glute is tight, gentle stretch for him?",
    ]);
    for q in [
        "physio said no pigeon after my op, what other stretches help a glute knot?",
        "pigeon is banned for me, whats another stretch for the knot in my glute",
    ] {
        let v = ask_json(q);
        assert_ne!(v["match"]["id"], "pigeon-pose", "{q}: {v}");
    }
    // A follow-up opened with chat tags is still a follow-up.
    let v = ask_json_after(
        "my glute knot just won't go away lol",
        "ok but for real how do i get rid of it",
    );
    assert_eq!(v["match"]["id"], "get-rid-of-knot", "{v}");
    // Losing control of the bladder itself is still the emergency.
    let v = ask_json("lost control of my bladder at the party and my butt has been numb since");
    let reply = v["reply"].as_str().unwrap();
    assert!(reply.contains("emergency department"), "{reply}");
}

/// A sign that can wait a few days and is only the condition of the
/// question is no reason to replace its answer: "why does pressing a spot
/// send an ache into my calf?" asks about referred pain, while "pain runs
/// down past the knee, is that sciatica?" asks about the sign. An ache
/// that stays in the thigh is a knot's referred pain, not a sign (the
/// seeds mark pain spreading below the knee).
#[test]
fn a_sign_told_as_the_condition_of_a_question_leaves_its_answer() {
    let v = ask_json("Play tennis three times a week, 50. Why does pressing a tender spot high on my glute send an ache down the back of my leg into my calf?");
    assert!(!v["red_flags"].as_array().unwrap().is_empty(), "{v}");
    assert_eq!(v["match"]["id"], "referred-pain", "{v}");
    let v = ask_json("Play tennis three times a week, 50. Why does pressing a tender spot high on my glute send an ache down the outside of my thigh?");
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
    assert_eq!(v["match"]["id"], "referred-pain", "{v}");
    let v = ask_json("Lifting for years. Pain runs from my glute down the back of my leg past the knee, is that sciatica?");
    assert_eq!(v["match"]["id"], "sciatica-vs-knot", "{v}");
}

/// Glutes told as fine beside another body part: the message is about
/// that one, and no glute answer is given.
#[test]
fn glutes_told_as_fine_leave_a_message_about_another_body_part() {
    let v = ask_json("sharp pain on the outside of my knee every run, hips and butt feel totally fine, should i rest?");
    assert_eq!(v["match"], Value::Null, "{v}");
}

/// Sleeping with a knot, asked with a worry about making it worse: the
/// sleep answer, and no sign read in "or will it get worse" (reviews 65
/// and 67).
#[test]
fn sleeping_with_a_knot_is_answered_without_a_sign() {
    let v = ask_json("is it ok to sleep on the side with the knot in my bum or will it get worse?");
    assert_eq!(v["match"]["id"], "sleep-position", "{v}");
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
}

/// The sixty-eighth physiotherapist review (session 27, s27b: health
/// anxiety, women's health, over-50s, regional and South Asian English): a
/// leg "becoming weak", a "laaitie" limping and a fall "in bathroom" get
/// their urgency; cancer feared rather than had, numbness of the heart,
/// "fell pregnant" and a knot getting better by the day raise no sign.
#[test]
fn the_sixty_eighth_reviews_signs_and_look_alikes() {
    each_raises_its_sign(&[
        (
            "my right leg has become weak since Sunday, cannot climb the stairs, pain from the buttock down",
            "weakness",
        ),
        (
            "our laaitie is 14, limping after rugby for 5 days, pain in his hip. knot?",
            "child-limp",
        ),
        (
            "grandmother 81 fell in bathroom this morning, not able to stand on her left leg, buttock pain",
            "fall-cannot-stand",
        ),
    ]);
    none_raises_a_sign(&[
        "terrified it is cancer, hard sore spot in my glute since leg day, please say its a knot",
        "could it be a tumour?? knot in my bum for 4 days, hurts when i press it",
        "felt numb since the funeral, sat on the sofa all week and now my glute is knotted, stretch?",
        "glute knot, 10 days now and a bit better every day, anything to speed it up?",
    ]);
    // "Fell pregnant" is no fall (the pregnancy note may stay: a past
    // pregnancy told in passing is not read as over).
    let v = ask_json(
        "fell pregnant with my second 9 years ago and my glutes still knot up, best stretch?",
    );
    let flags = v["red_flags"].as_array().unwrap();
    assert!(flags.iter().all(|f| f != "trauma"), "{v}");
    // A cancer told as history is still the sign.
    let v = ask_json("had bowel cancer two years ago, now a deep glute ache that won't settle, is it cancer again?");
    let flags = v["red_flags"].as_array().unwrap();
    assert!(flags.iter().any(|f| f == "cancer-weight-loss"), "{v}");
}

/// The sixty-ninth physiotherapist review (session 27, s27c: the gym
/// floor, glute injections, coaches, strongman): barely able to pee, an
/// older relative who won't put weight on a leg after a fall, saddle
/// numbness that has not come back after the bike, and a teen's age told
/// in a follow-up get their urgency; maxing out a lift and a stone that
/// rolled off the platform raise no sign; a sore injection site has an
/// answer of its own.
#[test]
fn the_sixty_ninth_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "tweaked my back on deadlifts and now i can hardly pee, glute and low back in agony",
                "bladder-bowel",
            ),
            (
                "mum is 79, fell in the garden yesterday, she will not put weight on her right leg, bum and hip sore",
                "fall-cannot-stand",
            ),
            (
                "went numb between my legs in spin class on monday and the feeling has not come back",
                "saddle-numbness",
            ),
        ],
        &[],
    );
    let v = ask_json_after(
        "coach here, one of my swimmers has a sore glute",
        "he's 13 and he's limping now",
    );
    let flags = v["red_flags"].as_array().unwrap();
    assert!(flags.iter().any(|f| f == "child-limp"), "{v}");
    none_raises_a_sign(&[
        "should i foam roll my glute knot the night before maxing out on deadlifts?",
        "the keg rolled off the bench and missed me, but my glutes are knotted from the loading, stretch?",
    ]);
    let v = ask_json("b12 jab in my bum 2 days ago and it is still sore, how long does that last?");
    assert_eq!(v["match"]["id"], "injection-site", "{v}");
}

/// Review s28a (youth sport, dancers, chronic conditions, very short
/// messages): the signs it found missed or under-rated, and the drills,
/// nerves and menopause that raised an alarm.
#[test]
fn the_seventieth_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "low back pain and legs tingling since this morning",
                "legs-numb-back",
            ),
            ("numb from the waist down since the fall", "both-legs"),
            (
                "daughter fainted at netball training, bum sore today, what stretch?",
                "faint-on-exercise",
            ),
            ("hit head on mat, now throwing up", "head-injury"),
            (
                "sudden severe pain in my bum when I stood up",
                "sudden-severe-pain",
            ),
            (
                "prostate cancer last year, new back pain and my legs feel weak",
                "cancer-back-legs",
            ),
        ],
        &[],
    );
    each_raises_its_sign(&[
        (
            "my son has been cutting himself and his glute hurts",
            "crisis",
        ),
        (
            "I have osteoporosis, is a foam roller ok on my glutes?",
            "thin-bones-care",
        ),
    ]);
    none_raises_a_sign(&[
        "the coach loves suicides and now my glute is knotted",
        "legs went to jelly from nerves before my solo, glute tight after",
        "hot flashes keep me up at night and my glute is knotted, is heat ok?",
        "took a dead leg from a knee in rugby, glute is tight too",
    ]);
    // Thin bones told around another question keep its answer.
    let v = ask_json(
        "Had a scan last year that showed osteopenia. My glute knot is sore after gardening. Should I use heat or ice on it?",
    );
    assert_eq!(v["match"]["id"], "heat-vs-ice", "{v}");
    // A daily aspirin is never answered with ibuprofen unwarned, and a
    // cancer survivor asking about massage is told how to keep it gentle.
    let v = ask_json(
        "I take aspirin every day for my heart, what painkiller can I take for my glute knot?",
    );
    let reply = v["reply"].as_str().unwrap();
    assert!(
        reply.contains("Don't take ibuprofen, naproxen or extra aspirin"),
        "{reply}"
    );
    let v = ask_json("in remission from lymphoma, is a massage ok for my sore glute?");
    let reply = v["reply"].as_str().unwrap();
    assert!(
        reply.contains("no deep work during treatment or with low platelets"),
        "{reply}"
    );
}

/// Review 71 (s29a: endurance and outdoor athletes, pasted advice, jokes,
/// thread replies), its HIGH items: leaking not felt with a bad back;
/// a foot gone cold and numb; numbness still there the day after a ride,
/// in riders' words; pain past bearing that nothing eases; a buttock that
/// cramps with walking and lets go with a stop; crashes told as harmless
/// and a fall down a table of times.
#[test]
fn the_seventy_first_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "wet myself on my run and didn't even feel it happen, my back has been bad all week",
                "bladder-bowel",
            ),
            (
                "my foot is freezing cold and numb since this morning and it hurts",
                "cold-pale-leg",
            ),
            (
                "can't feel my undercarriage since the century ride yesterday",
                "saddle-numbness",
            ),
            (
                "numb nuts after the ride and it hasn't come back since yesterday",
                "saddle-numbness",
            ),
            (
                "glute pain so bad i can't sit, stand or sleep, nothing helps",
                "worst-pain",
            ),
        ],
        &[],
    );
    each_raises_its_sign(&[(
        "my buttock cramps up when i walk uphill and goes when i stop, i'm 62 and smoke",
        "walking-pain",
    )]);
    none_raises_a_sign(&[
        "crashed my bike last week, all good, no injuries, glute is tight",
        "wiped out on my skis a few times, totally fine lol",
        "fell off the strava leaderboard and my glutes are sore from trying to get the KOM back",
        "stop being such a numb nuts and stretch your glutes",
    ]);
}

/// Forum-z, read in session 29: a knot pressed, rolled or needled is
/// sore, told in hyperbole, and that is no sign ("the foam roller is
/// agony", "like a knife when I press it"), while pain past bearing still
/// is; asking how best to sleep is the sleep entry's question, not night
/// pain, while pain that wakes the member still is.
#[test]
fn pressing_a_knot_in_hyperbole_and_asking_how_to_sleep_raise_no_sign() {
    none_raises_a_sign(&[
        "calf knot after parkrun, how do I roll it without it hurting so much? the foam roller is agony",
        "tender spot on the side of my bum, feels like a knife when I press it. is that the minimus?",
    ]);
    let v = ask_json(
        "Side sleeper, 34, and the knot in my right glute makes it hard to get comfortable. \
         What's the best way to sleep with a glute knot? Pillow between the knees or something?",
    );
    assert_eq!(v["match"]["id"], "sleep-position", "{v}");
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
    each_raises_its_sign(&[
        (
            "what position to sleep in when the glute pain wakes me every night",
            "night-pain",
        ),
        (
            "the foam roller is agony but the pain is 10/10 all day and nothing helps",
            "worst-pain",
        ),
    ]);
}

/// Review 72 (s29b: medical and alternative vocabulary, trainers and
/// family asking for someone, feelings told by metaphor), its HIGH items:
/// a workplace is no sign; a cold, pale foot told apart from its leg word;
/// wiping not felt; clinical words for the signs; the cauda equina page
/// for tired legs; metaphors for both legs, a dragging foot and a leg
/// that folds.
#[test]
fn the_seventy_second_reviews_signs_and_look_alikes() {
    none_raises_a_sign(&[
        "paramedic, sat in the ambulance all shift, my left glute gets a deep ache",
        "I work in a fracture clinic and stand all day, glute knot",
        "oncology nurse here, glute tight after long shifts",
    ]);
    each_opens_with_its_prompt(
        &[
            (
                "the foot on the side with the knot has gone cold and pale and it really hurts",
                "cold-pale-leg",
            ),
            (
                "cant feel wiping since yesterday, back pain",
                "saddle-numbness",
            ),
            (
                "saddle anaesthesia and low back pain since this morning",
                "saddle-numbness",
            ),
            ("urinary retention since my back went", "bladder-bowel"),
            ("bilateral sciatica since this morning", "both-legs"),
            (
                "a cold stripe down both legs since my back went",
                "both-legs",
            ),
        ],
        &[],
    );
    each_raises_its_sign(&[
        (
            "paraesthesia along my L5 dermatome with glute pain, 10 days",
            "numbness-tingling",
        ),
        (
            "intermittent claudication in my buttock when I walk",
            "walking-pain",
        ),
        (
            "my foot feels like a block of wood and drags, glute pain",
            "foot-drags-told",
        ),
        (
            "my leg feels like it's not mine and keeps folding, butt pain",
            "leg-folds-told",
        ),
        (
            "the pain was so bad I called an ambulance last night",
            "worst-pain",
        ),
    ]);
    // Tired legs after a hard session are not the cauda equina page.
    let v = ask_json("both my legs were jelly after leg day, is that knots in my glutes?");
    assert_ne!(v["match"]["id"], "cauda-equina", "{v}");
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
    let v = ask_json("what is cauda equina syndrome");
    assert_eq!(v["match"]["id"], "cauda-equina", "{v}");
}

/// Review 73 (s30a: voice-to-text, code-switching, shift workers, members
/// who argue back), its HIGH items: a shift worker's clock, rota and
/// idioms are no sign; both feet puffy after a shift are no clot; a leak
/// when lifting heavy is the pelvic floor, not the emergency; the saddle
/// area named without a bike, and emergency signs in slips of the keyboard
/// or in Taglish, Hinglish, Spanish and Pidgin, are the emergency.
#[test]
fn the_seventy_third_reviews_signs_and_look_alikes() {
    none_raises_a_sign(&[
        "night shift nurse here by 4am my right butt cheek has this hard tender spot when i sit at the station is that a tribute point",
        "my heart skipped a beat when i saw the rota, 7 nights in a row, my glutes are gonna be wrecked, any tips",
        "my glute hurts at 3am on my shift when im on the forklift",
        "had a falling out with my supervisor and ive been clenching my butt all week",
        "got hit with a double shift, glutes knotted",
        "my ankles are puffy by the end of my shift",
        "swollen feet after standing 10 hours in the kitchen",
    ]);
    each_opens_with_its_prompt(
        &[
            (
                "i leak a bit of pee when i lift heavy boxes at work since this glute pain started",
                "leaking-on-effort",
            ),
            ("numb in the saddle area and my back hurts", "saddle-numbness"),
            (
                "both my legs are week and my back hurts since yesterday",
                "both-legs",
            ),
            (
                "i peed my self at work and didnt no, back pain all week",
                "bladder-bowel",
            ),
            (
                "namamanhid yung pwet ko pati singit, tapos hirap na akong umihi, may back pain din ako",
                "bladder-bowel",
            ),
            (
                "bhai dono legs mein jhanjhanahat hai aur lower back pain bhi, kal se",
                "both-legs",
            ),
            (
                "mi nalga esta numb y no puedo orinar desde ayer",
                "bladder-bowel",
            ),
        ],
        &[],
    );
    each_raises_its_sign(&[
        (
            "my calf is swollen and im short of breadth",
            "breathless-chest",
        ),
        (
            "the ache in my buttock won't let me lie down, fourth night in a row",
            "night-pain",
        ),
        (
            "one ankle swollen since yesterday and my calf hurts",
            "calf-swelling-told",
        ),
        // A swollen calf is read beside feet that swell after work.
        (
            "my calf is swollen and hot and my feet swell after work",
            "calf-named-swollen",
        ),
        (
            "menopausal and my glute throbs by 3am every night",
            "night-pain-clock",
        ),
    ]);
}

/// Review 74 (s30b: back from surgery, yoga, pilates and barre, medicines
/// named in passing, where it hurts in detail), its HIGH items: legs that
/// shake in a class or sleep in a pose, and a session that "wrecked" the
/// member, are no sign; dark pee with swollen or rock-hard muscles is the
/// emergency; a numb bottom after back surgery is the saddle sign; a
/// stretch card after back surgery says to ask the surgeon first.
#[test]
fn the_seventy_fourth_reviews_signs_and_look_alikes() {
    none_raises_a_sign(&[
        "legs shaking like jelly in the last barre set, both of them. normal?",
        "both feet went to sleep in hero pose lol",
        "hip thrusts wrecked me yesterday, can't walk lol",
        "legs gave out walking down the stairs after leg day lol",
        "legs buckled on the way out of spin class lol",
    ]);
    // A real sign laughed off, or a session that hurt a joint, still counts.
    each_raises_its_sign(&[
        ("my leg gave way during my run lol", "weakness"),
        (
            "my run wrecked my ankle, cant put weight on it",
            "unable-to-bear-weight",
        ),
    ]);
    each_opens_with_its_prompt(
        &[
            (
                "dark pee after leg day, glutes rock hard and swollen",
                "dark-urine-sore-muscles",
            ),
            (
                "my bum has gone numb since my discectomy last week",
                "numb-seat-back-pain",
            ),
        ],
        &[],
    );
    // Skin numb beside a c-section scar is expected, not the saddle sign.
    let v = ask_json("bikini line numb since my c-section, glutes achy");
    assert_eq!(v["red_flags"], serde_json::json!(["postpartum"]), "{v}");
    // Thirst is no emergency.
    none_raises_a_sign(&[
        "pee is a bit dark after the long run, glutes sore, how much water should i drink",
    ]);
    let v = ask_json("3 weeks after my spinal fusion, can I foam roll my glutes and do pigeon?");
    assert!(v["reply"].as_str().unwrap().contains("back surgery"), "{v}");
}

/// The seventy-fifth review (session 31, s31a: embarrassed members,
/// loose medical words, UK, Irish, Australian and South African slang):
/// fear told as soiling oneself, knees caving on a squat and a laugh before
/// "can't feel my legs" are no emergency; retention, a numb bottom and
/// "me" for "my" in slang are.
#[test]
fn the_seventy_fifth_reviews_signs_and_look_alikes() {
    none_raises_a_sign(&[
        "was crapping myself before the race and now my glutes are tight",
        "my knees collapse in on the squat and my glutes feel knotted, any cues",
        "lol can't feel my legs, how do I stretch my glutes",
        "the wheels fell off at 30k and my glutes are knotted",
        "got a dead leg at footy from a knee, also a glute knot, which should I ice",
    ]);
    // The same words told as what they are still count.
    each_raises_its_sign(&[
        (
            "I crapped myself without noticing and my back is killing me",
            "bladder-bowel",
        ),
        (
            "my knee collapsed under me and I fell, glute is sore now",
            "weakness",
        ),
    ]);
    each_opens_with_its_prompt(
        &[
            ("can't go for a wee, back is bad", "bladder-bowel"),
            (
                "can't have a slash and my back is killing me",
                "bladder-bowel",
            ),
            (
                "can't feel me bits and me back is wrecked",
                "saddle-numbness",
            ),
            ("me hole is numb since my back went", "numb-seat-back-pain"),
            (
                "my jacksie is numb and my back is killing me",
                "numb-seat-back-pain",
            ),
        ],
        &[],
    );
    // A gym cue while pregnant keeps the precaution, not the labour warning.
    let v = ask_json("20 weeks pregnant, how do I get a better glute contraction in bridges");
    assert_eq!(v["red_flags"], serde_json::json!(["pregnancy"]), "{v}");
    let v = ask_json("12 weeks gone and my bum is in knots, can I still do hip thrusts");
    assert_eq!(v["red_flags"], serde_json::json!(["pregnancy"]), "{v}");
}

/// The seventy-sixth review (session 31, s31b: products and gadgets, two
/// questions in one, heat, travel and fasting): urine told by its colour,
/// the weather, a hot tub and money that "took a hit" are no sign;
/// erections told in other words and fainting in a set are.
#[test]
fn the_seventy_sixth_reviews_signs_and_look_alikes() {
    none_raises_a_sign(&[
        "does drinking more water so my urine is clear help knots",
        "im burning up in this hostel with no AC, whats a good stretch for my glute knot",
        "hot tub was boiling, now my bum is red from the heat lol, knot feels better though",
        "my bank account took a hit buying a theragun, is it worth it for glute knots",
        "my fitbit keeps buzzing to tell me to stand up, glute is stiff from sitting",
    ]);
    each_raises_its_sign(&[
        (
            "im burning up and shivering, red hot lump on my bum",
            "fever-infection",
        ),
        (
            "passed out during squats today, glute knot too",
            "faint-on-exercise",
        ),
        ("blacked out mid set on hip thrusts", "faint-on-exercise"),
        (
            "Along with glute pain I am not able to pass urine properly since morning",
            "bladder-bowel",
        ),
    ]);
    each_opens_with_its_prompt(
        &[
            (
                "new problems getting an erection plus back and bum pain since i lifted a heavy suitcase",
                "sexual-change-back-pain",
            ),
            (
                "ED since my back injury last week, bum still sore",
                "sexual-change-back-pain",
            ),
        ],
        &["exercise-overload"],
    );
}

/// The seventy-seventh review (session 31, s31c: injections in the
/// buttock, trans and non-binary members, farmers and trades in regional
/// dialect): a reaction to a jab, a leg numb "and weak", one painful
/// testicle, a calf "swole up", feminising hormones, shaking with a
/// spreading infection, and signs told in Scots or Appalachian words are
/// read; a drop of blood at an IVF injection site, tucking's pressure
/// numbness and a rancher's "rear end's" raise no emergency.
#[test]
fn the_seventy_seventh_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "had my b12 jab in the bum 10 mins ago and my lips and face are swelling up",
                "allergic-reaction",
            ),
            (
                "pin site on my arse is red hot and spreading, im shaking and cant think straight",
                "infection-very-unwell",
            ),
            (
                "cannae feel ma bits when ah wipe and ma back's killin me",
                "saddle-numbness",
            ),
            (
                "cain't pee since yesterday and my back hurts",
                "bladder-bowel",
            ),
        ],
        &[],
    );
    each_raises_its_sign(&[
        (
            "my leg is numb and weak since my shot in the bum yesterday",
            "weakness",
        ),
        (
            "tucked all day at a gig and now one ball is really painful and swollen",
            "testicle-pain",
        ),
        (
            "calf swole n hot since the long haul flight",
            "leg-swelling",
        ),
        (
            "started estradiol last month and now my calf aches and feels tight",
            "calf-clot-risk",
        ),
        (
            "fell off the hay wagon yesterday and my hip is killing me",
            "trauma",
        ),
        (
            "tucked all day and my groin is still numb hours later",
            "saddle-numbness",
        ),
    ]);
    none_raises_a_sign(&[
        "y'all, been ridin fence all week and my rear end's got a knot in it, what'll work it out",
        "fell off the wagon over christmas, glutes tight again",
    ]);
    let v = ask_json("pregnant through ivf, the pio site bled a little when i pulled the needle out, glute knot is sore, is heat ok");
    assert_eq!(v["red_flags"], serde_json::json!(["pregnancy"]), "{v}");
    let v = ask_json(
        "tucking makes my bits go a bit numb til i untuck, and my glutes are tight, stretches?",
    );
    assert_eq!(v["red_flags"], serde_json::json!(["saddle-tucking"]), "{v}");
}

/// The seventy-eighth review (session 31, s31d: members who live with a
/// condition that changes sensation or strength, numbers, panic at
/// night): known neuropathy never hides a new sign, sudden weakness or a
/// weak "good leg" after a stroke is the emergency, and a wheelchair
/// user's flat cushion or red patch that will not fade is a pressure
/// injury to check today; legs dead after a session, 20k steps or the
/// dentist's numbing are no sign.
#[test]
fn the_seventy_eighth_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "I have neuropathy, and since today both my legs are numb and weak up to the thighs",
                "both-legs",
            ),
            (
                "diabetic with neuropathy in my feet, but since this morning I can't feel the toilet paper when I wipe",
                "saddle-numbness",
            ),
            (
                "had a stroke in 2021, since lunchtime my good leg is weak and my speech feels a bit off",
                "weakness-fast",
            ),
            (
                "my wheelchair cushion has gone flat and my butt is sore, is it a knot or the cushion?",
                "pressure-sore",
            ),
        ],
        &["weak-glutes"],
    );
    each_raises_its_sign(&[(
        "diabetic, this week I've got new numbness in my left shin only, different from my usual neuropathy",
        "numbness-tingling",
    )]);
    none_raises_a_sign(&[
        "leg day yesterday and I can barely walk today lol",
        "did 200 walking lunges and now I can barely walk down the stairs",
        "can't feel my legs after 30k steps at Disney",
        "can't feel my legs after a 12 hour shift lol, glutes knotted",
        "the dentist numbed half my face for 2 hours and now I have a glute knot from the chair lol",
    ]);
    // A fall that leaves someone barely walking still counts.
    each_raises_its_sign(&[(
        "can barely walk since I fell on the ice yesterday",
        "trauma",
    )]);
}

/// The seventy-ninth review (session 31, s31e: machine-translated and
/// word-for-word English, diaries): legs with "no power" or gone to
/// "cotton", a short breath beside a swollen leg, stool that came out by
/// itself, numbness "between legs" and a fall onto a leg that "cannot
/// step" are read at their tier; heat or anger told as boiling, skin
/// reddened by massage or coin rubbing, and "not on a diet" said of
/// everyday eating raise no prompt.
#[test]
fn the_seventy_ninth_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            ("Both leg no power suddenly, cannot stand up", "both-legs"),
            (
                "I cannot take breath well since this morning and my leg is swollen",
                "breath-with-calf",
            ),
            ("Stool came out by itself, back pain", "bladder-bowel"),
            ("numb between legs since yesterday", "saddle-numbness"),
            (
                "I fell on the ice on the buttock, now I cannot step on the leg, it hurts very much in the hip",
                "fall-cannot-stand",
            ),
        ],
        &[],
    );
    none_raises_a_sign(&[
        "It is boiling hot today, my glute is tight from sitting in the car.",
        "My blood is boiling at my boss, and my glutes are tight.",
        "After the sports massage my glute skin is red, is that ok?",
        "My grandma does coin rubbing on my butt knot and it leaves red lines like bruises. Is it ok?",
        "I am not on a diet, just want to know the best glute stretch.",
    ]);
    // Weight lost without trying still counts.
    each_raises_its_sign(&[(
        "dropped 5 kg this month, not on a diet, and my glute aches at night",
        "weight-loss-unexplained",
    )]);
}

/// The eightieth review (session 31, s31f: nights and mornings,
/// inflammatory and autoimmune conditions, young athletes): the
/// inflammatory back pain pattern, a teenager's own limp, a throbbing lump
/// with "a temperature" and both legs numb told without "are" are read;
/// "in remission" without a cancer and being woken by an alarm or a dog
/// are not signs.
#[test]
fn the_eightieth_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "I'm 25 and for 4 months I've been stiff for over an hour every morning in my lower back and butt, gets better when I move and worse when I rest",
                "inflammatory-back-pain",
            ),
            (
                "16 and I've been limping for 3 days with hip and knee pain, no injury I can think of",
                "child-limp",
            ),
            (
                "Crohn's, got a really painful swollen lump right next to my bum crack that's throbbing, and a temperature",
                "fever-infection",
            ),
            ("my legs go numb at night", "both-legs"),
        ],
        &["symptoms"],
    );
    none_raises_a_sign(&[
        "my Crohn's is in remission, I just want to know how to roll a glute knot",
        "my alarm wakes me at 5am for training, glutes stiff, best warm up?",
        "my dog wakes me at 6 every day, glute knot from the sofa, stretch?",
    ]);
    each_raises_its_sign(&[
        (
            "breast cancer in remission, can i use a massage gun",
            "cancer-weight-loss",
        ),
        ("the pain wakes me at 3am every night", "night-pain"),
    ]);
}

/// The eighty-first physiotherapist review (session 32, on 71385f0; older
/// members and their carers, manual workers, messages dictated to a
/// phone): voice-to-text homophones of an emergency, a fall told as "his
/// fall", a knock to the head on a blood thinner and a growing bruise on
/// one get their urgency; not wanting to get hurt, legs like jelly after a
/// run and knees weak at a bill are no sign.
#[test]
fn the_eighty_first_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "sigh attica in both legs now and i cant control my blatter since last night",
                "bladder-bowel",
            ),
            (
                "my dad has dementia, since his fall yesterday he won't put weight on his left leg",
                "fall-cannot-stand",
            ),
            (
                "mum had a fall in the care home yesterday and now she won't walk on that leg",
                "fall-cannot-stand",
            ),
            (
                "my husband on warfarin fell and banged his head, he seems fine",
                "head-knock-thinners",
            ),
            (
                "my mum is on warfarin and has a nasty bruise on her bum from the commode, it is getting bigger",
                "bruise-growing-thinners",
            ),
            (
                "on blood thinners, my buttock has swollen up hard and painful after the massage gun",
                "bruise-on-thinners",
            ),
        ],
        &["symptoms"],
    );
    none_raises_a_sign(&[
        "legs like jelly after the parkrun, glutes sore, how do I stretch them",
        "my knees went weak when I saw the care home bill",
        "I could kill myself for forgetting my stretches, glute is tight again",
    ]);
    let v = ask_json(
        "my daughter says to lie on a tennis ball for my sore bum but i dont want to hurt myself how hard should i press",
    );
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
    assert_eq!(v["match"]["id"], "ball-self-massage", "{v}");
    assert_eq!(
        ask_json("is it sigh attica or just a knot in my bum, it stops above the knee")["match"]
            ["id"],
        "sciatica-vs-knot"
    );
    let v = ask_json("how do i stretch my pair of form is muscle i am 70");
    assert!(
        v["match"]["id"].as_str().unwrap().contains("piriformis"),
        "{v}"
    );
}

/// The stem of "balls" is that of "ball", so a member sitting on a massage
/// ball must not be read as having testicle pain (the group word "my right
/// ball" was read as "my ball", "right" being a filler word).
#[test]
fn a_massage_ball_is_no_testicle() {
    let v = ask_json("sitting on my ball is agony, too hard?");
    let flags = v["red_flags"].as_array().unwrap();
    assert!(!flags.iter().any(|f| f == "testicle-pain"), "{v}");
    each_raises_its_sign(&[("pain in my balls since this morning", "testicle-pain")]);
}

/// Pain under a roller, a ball, a thumb or a needle, told in hyperbole, is
/// expected (the prompt would only say to ease off), and a cough with a
/// cold is no pain made worse by coughing: no sign. Unlike a look-alike,
/// the words still say what the question is about, so the roller question
/// is answered with foam rolling.
#[test]
fn pain_under_pressure_and_a_cold_are_no_sign() {
    let v = ask_json(
        "Finally bought a foam roller. Rolling my glutes is either nothing or excruciating \
         depending on where I sit. Roll fast or slow? How long per side?",
    );
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
    assert_eq!(v["match"]["id"], "foam-rolling", "{v}");
    none_raises_a_sign(&[
        "Had my glute needled yesterday. When he hit the spot my whole leg jumped like an \
         electric shock, which was wild. Is the ache today normal?",
        "Sore throat and blocked nose since yesterday, bit of a cough. Should I still train legs \
         tonight or rest?",
    ]);
    each_raises_its_sign(&[
        (
            "every time I cough my glute lights up, is that a knot",
            "radiating-pain",
        ),
        (
            "stabbing pain in my glute every time i stand up, like a knife",
            "severe-pain",
        ),
    ]);
}

/// From the forum-ac blind set (session 32): a leg that goes from under
/// someone is weakness; worse "instead of getting better" is the getting
/// worse sign; soreness the day after a massage, worse than before or not,
/// is massage soreness; a morning that "ends in tears" is no pain.
#[test]
fn the_forum_ac_sets_signs_and_look_alikes() {
    each_raises_its_sign(&[
        (
            "This week the left leg just went out from under me twice getting down off the ute",
            "weakness",
        ),
        ("mum's legs keep going from under her", "weakness"),
        (
            "Six weeks of PT for a glute knot. Instead of getting better it's worse. Time to see a doctor?",
            "worsening",
        ),
    ]);
    none_raises_a_sign(&[
        "my daughter's curls knot every night and brushing them out ends in tears, which detangler works?",
    ]);
    let v = ask_json(
        "Got my first deep tissue massage yesterday for a glute knot. Today my butt cheek feels bruised and \
         it hurts to sit, kind of worse than before lol. Is this normal and how long should it last?",
    );
    assert_eq!(v["red_flags"], serde_json::json!([]), "{v}");
    assert_eq!(v["match"]["id"], "massage-soreness", "{v}");
}

/// Review s32a's medium items: a cancer treated years ago still changes
/// what is safe in the follow-up; a hip wound that leaks is the hip's
/// sign, not the bladder's; restless legs and "nothing helps" are no night
/// pain.
#[test]
fn the_eighty_first_reviews_medium_items() {
    let v = ask_json_after(
        "had bowel cancer five years ago, all clear now",
        "is deep tissue massage ok on my glutes",
    );
    let flags = v["red_flags"].as_array().unwrap();
    assert!(flags.iter().any(|f| f == "cancer-weight-loss"), "{v}");
    let v = ask_json("hip replaced 3 weeks ago and the wound is leaking a bit");
    let flags = v["red_flags"].as_array().unwrap();
    assert!(flags.iter().any(|f| f == "hip-replacement-trouble"), "{v}");
    assert!(!flags.iter().any(|f| f == "bladder-bowel"), "{v}");
    for q in [
        "restless legs keep me up at night, is that from a glute knot",
        "nothings helping this glute knot, what else can I try",
    ] {
        let flags = ask_json(q)["red_flags"].clone();
        assert!(
            !flags.as_array().unwrap().iter().any(|f| f == "night-pain"),
            "{q}: {flags}"
        );
    }
}

/// The eighty-second physiotherapist review (session 32; coaches and
/// therapists asking for clients, pasted notes full of jargon, very short
/// questions): a teenager's age told after the person, and numbness
/// between "her legs", get their urgency; a clinician's note that rules
/// the saddle signs out gets the gentle note, not the emergency; a squat
/// or lunge that collapses is coaching talk.
#[test]
fn the_eighty_second_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            (
                "one of my athletes is 13 and has been limping for a few days with hip and knee pain, no injury",
                "child-limp",
            ),
            ("one of my juniors is limping and says his knee hurts, he's 12", "child-limp"),
            (
                "one of my runners says she's numb between her legs since yesterday",
                "saddle-numbness",
            ),
        ],
        &["causes"],
    );
    for note in [
        "No saddle anaesthesia, B&B NAD, neuro intact, no red flags. Dx: gluteal TrP",
        "GP ruled out cauda equina, no saddle numbness, so how do I treat the glute knot?",
        "Nil saddle anaesthesia. Nil urinary retention.",
    ] {
        let reply = ask_json(note)["reply"].as_str().unwrap().to_string();
        assert!(
            !opens_with_prompt(&reply, "saddle-numbness"),
            "{note}: {reply}"
        );
        assert!(reply.contains("You ruled out"), "{note}: {reply}");
    }
    none_raises_a_sign(&[
        "my new client's squat collapses when he gets tired, is that his glutes?",
        "her lunge collapses on the way up",
        "one of my runners says her legs turned to jelly in the last mile",
    ]);
    assert!(
        !ask_json("my pain is 10 out of 10 and i am limping")["red_flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "child-limp")
    );
}

/// The eighty-third physiotherapist review (session 32; pregnancy, the
/// weeks after a birth and the menopause): pregnancy told as "32+4", by
/// the bump or by labour; a baby moving less, pre-eclampsia's signs before
/// and after the birth, an ectopic's shoulder-tip pain, and a fall in
/// pregnancy get the maternity prompt; a missed period, a glute ache that
/// comes and goes, bleeding a scan has cleared and Braxton Hicks during
/// bridges do not.
#[test]
fn the_eighty_third_reviews_signs_and_look_alikes() {
    each_opens_with_its_prompt(
        &[
            ("I'm 32+4, spotting this morning and my glute aches", "pregnancy-warning"),
            (
                "40+3 and contractions every 5 mins, glute is killing me, should I stretch it?",
                "pregnancy-warning",
            ),
            (
                "29 weeks pregnant and I haven't felt him move since this morning",
                "pregnancy-warning",
            ),
            ("36 weeks pregnant, face swelled up overnight, headache", "pregnancy-warning"),
            (
                "7 weeks pregnant, sharp pain low on one side of my tummy and pain in my shoulder tip",
                "pregnancy-warning",
            ),
            (
                "5 days after giving birth, worst headache of my life and seeing spots",
                "postpartum-headache",
            ),
            ("fell over at 30 weeks and landed on my bump", "pregnancy-fall"),
        ],
        &["topic-pnf-stretching", "knot-vs-spasm"],
    );
    for q in [
        "found out I'm pregnant after a missed period, can I still do glute bridges",
        "pregnant and my glute pain comes and goes, is that normal",
        "I had some bleeding at 8 weeks but all fine at the scan, now 20 weeks, can I use a foam roller",
        "pregnant and I get Braxton Hicks when I do glute bridges",
    ] {
        let v = ask_json(q);
        assert_eq!(v["red_flags"], serde_json::json!(["pregnancy"]), "{q}: {v}");
    }
    for q in [
        "ran 21.1 km today and my glutes are sore",
        "I did 32.5 kg hip thrusts and my glute is tight",
    ] {
        assert_eq!(ask_json(q)["red_flags"], serde_json::json!([]), "{q}");
    }
}

/// Review s32b's medium items: hips that shoot up in a lift are a form
/// fault, a lump that grows never tells the member they mentioned cancer,
/// and a clot a scan ruled out is a denial, not the same-day prompt.
#[test]
fn the_eighty_second_reviews_medium_items() {
    none_raises_a_sign(&["my lifter's back rounds and his hips shoot up on deadlifts"]);
    assert_eq!(
        ask_json("lump glute growing?")["red_flags"],
        serde_json::json!(["lump-growing"])
    );
    let v = ask_json("DVT ruled out with a scan, so is my calf and glute pain a knot?");
    assert!(
        !opens_with_prompt(v["reply"].as_str().unwrap(), "clot-named"),
        "{v}"
    );
}
