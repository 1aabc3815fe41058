//! Shapes of input found by the fuzz targets in `fuzz/` (see
//! fuzz/README.md), kept as ordinary tests so that `cargo test` covers them
//! without libFuzzer. Each input is inline, as bytes, and goes through the
//! same checks as the fuzz targets:
//!
//! - `answer`: lossy UTF-8 message -> `Engine::answer` on the shipped
//!   knowledge -> `to_text` / `to_json`; scores in [0, 1], the care prompt's
//!   fixed part present whenever a red flag is found, the description within
//!   Discord's 4,096 characters;
//! - `knowledge`: lossy UTF-8 text as faq.toml, the other shipped files
//!   unchanged -> `Knowledge::from_sources`; on Ok an engine builds and
//!   answers, on Err every problem has a line >= 1 and a message.

use std::sync::OnceLock;

use knotbot::knowledge::{KnowledgeFile, Sources, DESCRIPTION_LIMIT, TITLE_LIMIT};
use knotbot::reply::Match;
use knotbot::{Engine, Knowledge, Reply};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(Knowledge::shipped().expect("shipped knowledge loads")))
}

/// The text of a prompt template before `{signs}`.
fn fixed_part(template: &str) -> &str {
    template.split("{signs}").next().unwrap_or("")
}

fn check_score(m: &Match) {
    assert!(
        m.score.is_finite() && (0.0..=1.0).contains(&m.score),
        "score {} of {} is outside [0, 1]",
        m.score,
        m.id
    );
}

/// The `answer` fuzz target's body.
fn answer_checked(bytes: &[u8]) -> Reply {
    let e = engine();
    let message = String::from_utf8_lossy(bytes);
    let reply = e.answer(&message);
    if let Some(m) = &reply.matched {
        check_score(m);
    }
    reply.suggestions.iter().for_each(check_score);
    let text = reply.to_text();
    let json = reply.to_json();
    assert!(json.starts_with('{') && !json.contains('\n'));
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(parsed["question"].as_str(), Some(&*message));
    if !reply.red_flags.is_empty() {
        let rf = &e.knowledge().red_flags;
        let found: Vec<&knotbot::knowledge::RedFlagCategory> = reply
            .red_flags
            .iter()
            .map(|f| e.knowledge().red_flag(&f.id).expect("a known category"))
            .collect();
        // The most urgent tier found speaks: its prompt, or the own
        // wording of one of its signs.
        let tier = found.iter().map(|c| c.tier()).min().unwrap();
        let wordings: Vec<&str> = found
            .iter()
            .filter(|c| c.tier() == tier)
            .filter_map(|c| c.prompt.as_deref())
            .chain([rf.prompts.of(tier)])
            .collect();
        assert!(
            wordings.iter().any(|w| text.contains(fixed_part(w))),
            "red flags {:?} without the prompt",
            reply.red_flags
        );
    }
    let len = reply.description().chars().count();
    assert!(len <= DESCRIPTION_LIMIT, "description of {len} characters");
    if let Some(title) = reply.title() {
        assert!(title.chars().count() <= TITLE_LIMIT);
    }
    reply
}

/// The `knowledge` fuzz target's body; the result says whether it loaded.
fn knowledge_checked(faq: &[u8]) -> Result<(), Vec<knotbot::knowledge::Problem>> {
    let text = String::from_utf8_lossy(faq).into_owned();
    let sources = Sources::embedded().with_text(KnowledgeFile::Faq, text);
    match Knowledge::from_sources(&sources) {
        Ok(k) => {
            let e = Engine::new(k);
            let reply = e.answer("why does my glute knot hurt and my leg feel numb?");
            let _ = reply.to_text();
            let _ = reply.to_json();
            let _ = e.answer("");
            Ok(())
        }
        Err(err) => {
            assert!(!err.0.is_empty());
            for p in &err.0 {
                assert!(p.line >= 1, "{p:?}");
                assert!(!p.message.trim().is_empty(), "{p:?}");
            }
            Err(err.0)
        }
    }
}

const SHIPPED_FAQ: &str = include_str!("../knowledge/faq.toml");

// ---------------------------------------------------------------------------
// answer
// ---------------------------------------------------------------------------

#[test]
fn invalid_utf8_and_control_bytes() {
    let reply = answer_checked(b"\xff\xfe glute \xc3\x28 knot \x00\x01\x1b[31m numb\xed\xa0\x80");
    assert!(!reply.red_flags.is_empty(), "numb is still read: {reply:?}");
}

#[test]
fn only_markup_gives_the_empty_reply() {
    let reply = answer_checked(
        b"<@123> <@!1> <@&2> <#3> <:pog:4> <a:d:5> <t:1700000000:R> https://x.y www.z.com ```numb```",
    );
    assert!(reply.red_flags.is_empty());
    assert!(reply.matched.is_none());
}

#[test]
fn unclosed_fence() {
    // Today the unclosed fence drops "numb leg can not pee" and with it
    // the red flags; only the invariants are pinned here.
    answer_checked(b"glute knot ``` numb leg can not pee");
}

#[test]
fn many_open_angles_in_one_word() {
    // strip_angle_tokens rescans for '>' after every '<': quadratic in one
    // word, bounded by the 2,000-character cap.
    let mut msg = b"glute".to_vec();
    msg.extend(std::iter::repeat_n(b'<', 5_000));
    msg.extend_from_slice(b"@1>");
    answer_checked(&msg);
    let mut msg = std::iter::repeat_n(&b"<@"[..], 3_000)
        .flatten()
        .copied()
        .collect::<Vec<u8>>();
    msg.extend_from_slice(b"> numb");
    answer_checked(&msg);
}

#[test]
fn text_beyond_the_cap() {
    let mut msg = "é".repeat(knotbot::text::MAX_INPUT_CHARS).into_bytes();
    msg.extend_from_slice(b" numb leg");
    answer_checked(&msg);
}

#[test]
fn zalgo_rtl_and_ligatures() {
    answer_checked(
        "g\u{336}\u{353}l\u{489}u\u{300}te \u{202e}kn\u{fb00}ot\u{202c} ＮＵＭＢ ｌｅｇ \u{130}\u{df}"
            .as_bytes(),
    );
}

#[test]
fn every_red_flag_at_once_still_fits() {
    // The longest care prompt: every category named, with an answer.
    let e = engine();
    let names: Vec<&str> = e
        .knowledge()
        .red_flags
        .categories
        .iter()
        .map(|c| c.terms[0].as_str())
        .collect();
    let msg = format!("glute knot {}", names.join(" and "));
    let reply = answer_checked(msg.as_bytes());
    assert!(reply.red_flags.len() >= 2, "{:?}", reply.red_flags);
}

#[test]
fn token_flood_and_long_tokens() {
    answer_checked("knot ".repeat(5_000).as_bytes());
    answer_checked(format!("{} glute", "x".repeat(33)).as_bytes());
    answer_checked("numb... ... ... leg ".repeat(200).as_bytes());
    answer_checked("8kg9kg10kg'''''’’’ glute".as_bytes());
}

/// Entries of the `answer` corpus after the first 10-minute run, picked
/// for the paths they reach: long runs of lossy replacement characters,
/// markup that almost parses, runs of fences and `<`, red-flag words amid
/// garbage.
#[test]
fn corpus_answer_shapes() {
    let cases: &[&[u8]] = &[
        b"htt\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xffnot ",
        b"\xf0\x9f\xa5\x94<t:1700M00000:R>\xff\xff\xff\xff\xff\xffcrash\xff\xffY\x00\x00\x00\x00\x00\x00\x00\xff\xffV^\x82<\xff\xff",
        b"<@!42> <#7> <:pog:99> <a42> <#7> <:pog:99> <a:x:0> <\xf4:170000:x:0> <\xf4:170000",
        b"<@!42 <:pog:99> <a42> <#7> <:no5e bottostop:no5e bottostop butt g\xcc\xb6\n\xcd\x93wink at tl\xd2\x89pog:99> <a:x:0> <\xf4:0>",
        b"best pre worko>\x00\x00\x00\x00\x00\x00\x00hat doesnnt make me al<<<<<<<<<<<<<<<<<<<<<<<<pro\xef\xbf\xbd\xef\xbf<<<<<<<<<<<<l itchy",
        b"<@!42> <#7> <:pog:99><@!42> <#7> <:pog:99> <l1\x1e<\x00a:x:1) <aleg1> <\xf4:17000>0 <\xf4:170000",
        b"<@!42> <:x:1> <\xf4:170```never``````````````000",
        b"<-!4 <170`````````0>",
        b"wha```````````````````````````````````````````````````a me",
        b"wboach says my pelvis is tilted, can that make my glutes knot uh uF str...petch invenlyg",
        b"d\x9a\x93\x96\x89\x9a\x8d\x86\xdfdr\x0fver her%, lifting boxeshant all day drink water, stressed af... honestly could be anything. what0arutt knots",
        b"my ...cat has knots all thas knots all t\xff\xff\xff\xf0\x9f\x8d\x91\xf0\x9f\x8d\x91\xff\xff\xf0\x9fh\x8d\x91ro\x10\x00\x00\x00ug$hmas hu",
        b"myof shoulderi&l reljjjj\xff\xffhttps:'pirisry//\xff\xff\xffsa",
        b"just found out im\xff\xff\xff\xffW\xb3\xb3\xb3\xb3V\xb3\xb3\xb3pees  keing my trigger point\xb3\xb3\xb3\xff\xff\xff\xb3\xb3aying ",
        b"why do ppl say cauda e=!\xcc\xffa' situation",
        b"https://e/knot www.glute.com\xffis ca",
    ];
    for case in cases {
        answer_checked(case);
    }
    // A run of lone 0xd8 bytes (each a replacement character) inside a
    // word, longer than the token cap.
    let mut msg = b"wh".to_vec();
    msg.extend(std::iter::repeat_n(0xd8u8, 120));
    msg.extend_from_slice(b"at ireleand");
    answer_checked(&msg);
    // 1,500 combining marks (U+0618) glued to a word: folding drops them.
    let mut msg = b"glute".to_vec();
    for _ in 0..1_500 {
        msg.extend_from_slice("\u{618}".as_bytes());
    }
    msg.extend_from_slice(b" knot numb");
    answer_checked(&msg);
}

// ---------------------------------------------------------------------------
// knowledge
// ---------------------------------------------------------------------------

#[test]
fn shipped_faq_loads() {
    assert!(knowledge_checked(SHIPPED_FAQ.as_bytes()).is_ok());
}

#[test]
fn empty_and_garbage_faq_are_refused_with_lines() {
    assert!(knowledge_checked(b"").is_err());
    assert!(knowledge_checked(b"\xff\xfe\x00[[faq]").is_err());
    assert!(knowledge_checked(b"[[faq]]\nid = \"x\"\n").is_err());
    assert!(knowledge_checked(b"faq = 3\n").is_err());
    assert!(knowledge_checked(b"[faq]\n").is_err());
}

#[test]
fn cut_and_crlf_faq() {
    let half = &SHIPPED_FAQ.as_bytes()[..SHIPPED_FAQ.len() / 2];
    assert!(knowledge_checked(half).is_err());
    let crlf = SHIPPED_FAQ.replace('\n', "\r\n");
    assert!(knowledge_checked(crlf.as_bytes()).is_ok());
}

#[test]
fn appended_bad_entry_is_refused_on_its_lines() {
    let mut faq = SHIPPED_FAQ.to_string();
    faq.push_str(
        "\n[[faq]]\nid = \"Bad--Id-\"\nquestion = \"\"\naliases = [\"!!!\"]\nanswer = \"\"\"\n",
    );
    faq.push_str(&"y".repeat(5_000));
    faq.push_str("\"\"\"\nrelated = [\"Bad--Id-\"]\n");
    let problems = knowledge_checked(faq.as_bytes()).unwrap_err();
    assert!(problems.len() >= 4, "{problems:?}");
}

/// Entries of the `knowledge` corpus after the first 10-minute run.
#[test]
fn corpus_knowledge_shapes() {
    // Header only, cut inside "[[faq]]": parses as no entries, so every
    // id the other files name is missing (47 problems, all with lines).
    let cut: &[u8] = b"# knotbot FAQ answers\n#\n# HOW TO ADD OR EDIT AN ENTRY (for moderators, no coding needed)\n#\n# Each entry starts with the line [# knotbot FAQ answers";
    let problems = knowledge_checked(cut).unwrap_err();
    assert!(problems.len() > 10, "{problems:?}");
    // A DEL in a comment: one syntax error, on line 5.
    let del: &[u8] = b"# knotbot FAQ answers\n#\n# HOW TO ADD OR EDIT AN ENTRY (for moderators, no coding needed)\n#\n# Each entry starts \x7fwith the line [# knotbot FAQ answers";
    let problems = knowledge_checked(del).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, 5, "{problems:?}");
    // Syntax and shape errors the fuzzer reached, each put into the first
    // entry: reported near the line they are on.
    let at = SHIPPED_FAQ
        .find("[[faq]]\nid = \"what-is-a-knot\"")
        .unwrap()
        + 8;
    for bad in [
        "question = \"x\", = 1\n",
        "aliases = [\"a\" \"b\"]\n",
        "keywords\n",
        "answer = \"\\q\"\n",
        "[[faq]\n",
        "id = 1979-05-27T07:32:00Z\n",
        "x = {a,}\n",
        "qutrueon = \"x\"\n",
    ] {
        let faq = format!("{}{bad}{}", &SHIPPED_FAQ[..at], &SHIPPED_FAQ[at..]);
        let want = knotbot::knowledge::line_at(&faq, at);
        let problems = knowledge_checked(faq.as_bytes()).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.line + 1 >= want && p.line <= want + 1),
            "{bad:?}: {problems:?} (wanted near line {want})"
        );
    }
    // Mutations the fuzzer kept that still load: literal strings, and
    // invalid bytes (replacement characters) and a tab inside an answer;
    // any other control character there is a syntax error.
    let literal = SHIPPED_FAQ.replace("\"\"\"", "'''");
    assert!(knowledge_checked(literal.as_bytes()).is_ok());
    let mut bytes = SHIPPED_FAQ.as_bytes().to_vec();
    let at = SHIPPED_FAQ.find("answer = \"\"\"").unwrap() + 20;
    let mut esc = bytes.clone();
    bytes.splice(at..at, b"\xff\xfe\t".iter().copied());
    assert!(knowledge_checked(&bytes).is_ok());
    esc.splice(at..at, b"\x1b[0m".iter().copied());
    let problems = knowledge_checked(&esc).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
}

// ---------------------------------------------------------------------------
// Found by reading the invariants, not by the fuzzer (whose `knowledge`
// target only varies faq.toml): validation once bounded the prompt
// *template* (900 characters) but not the prompt once `{signs}` is filled
// in, so a red_flags.toml that passed `knotbot check` could give a
// description over Discord's limit. Validation now fills it in first.
// ---------------------------------------------------------------------------

#[test]
fn a_care_prompt_too_long_once_filled_in_is_refused() {
    let base = Sources::embedded();
    let flags = &base.get(KnowledgeFile::RedFlags).text;
    let start = flags.find("soon = \"\"\"").expect("the soon prompt");
    let end = start + flags[start..].find("\"\"\"\n\nprecaution").expect("end") + 3;
    // 128 × "{signs}" = 896 characters: within PROMPT_LIMIT.
    let prompt = format!("soon = \"\"\"{}\"\"\"", "{signs}".repeat(128));
    let edited = format!("{}{}{}", &flags[..start], prompt, &flags[end..]);
    let sources = base.with_text(KnowledgeFile::RedFlags, edited);
    let problems = Knowledge::from_sources(&sources)
        .expect_err("refused: it would not fit in a Discord message")
        .0;
    let reported = problems
        .iter()
        .filter(|p| {
            p.file.ends_with("red_flags.toml")
                && p.message.contains("prompts.soon naming the longest signs")
        })
        .count();
    // Once: it used to be checked, and reported, twice.
    assert_eq!(reported, 1, "{problems:?}");
}
