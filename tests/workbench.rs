//! The moderators' workbench end to end: the real `knotbot run` against
//! the fake Discord, its database read back with `knotbot stats` and
//! `knotbot review`, and the database's failures (damaged, unusable,
//! locked, killed mid-write) survived with the bot still answering.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};
use support::bot::Bot;
use support::*;

/// A question of ours the shipped knowledge does not answer.
const MISSED: &str = "what music helps with glute knot release";
/// One it answers surely.
const ANSWERED: &str = "why does my butt hurt when I sit all day";

async fn mention_and_wait(fake: &FakeDiscord, user: u64, text: &str) -> Recorded {
    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(GENERAL_CHANNEL_ID, user, text),
    );
    fake.wait_message(GENERAL_CHANNEL_ID, secs(15)).await
}

fn subcommand(name: &str) -> Value {
    json!([{"name": name, "type": 1, "options": []}])
}

fn as_moderator(mut interaction: Value) -> Value {
    interaction["member"] = member(USER_ID, &[MOD_ROLE_ID], Some(perms::EVERYONE.to_string()));
    interaction
}

fn as_member_only(mut interaction: Value, user: u64) -> Value {
    interaction["member"] = member(user, &[], Some(perms::EVERYONE.to_string()));
    interaction
}

/// Every button and select of a message body, as (custom id, label).
fn controls(body: &Value) -> Vec<(String, String)> {
    let rows = body["components"]
        .as_array()
        .or(body["data"]["components"].as_array())
        .cloned()
        .unwrap_or_default();
    rows.iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|c| {
            let label = c["label"]
                .as_str()
                .or(c["placeholder"].as_str())
                .unwrap_or("");
            (
                c["custom_id"].as_str().unwrap_or("").to_string(),
                label.to_string(),
            )
        })
        .collect()
}

fn control(body: &Value, label: &str) -> String {
    controls(body)
        .into_iter()
        .find(|(_, l)| l == label)
        .unwrap_or_else(|| panic!("no control {label:?} in {body}"))
        .0
}

/// The value of the first option of the message's select menu.
fn first_option(body: &Value) -> String {
    body["components"][0]["components"][0]["options"][0]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("no select menu in {body}"))
        .to_string()
}

/// `knotbot stats|review --db FILE --json`, parsed.
fn cli_json(command: &str, db: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_knotbot"))
        .args([command, "--json", "--db"])
        .arg(db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Waits until the recorder has written `n` questions.
async fn wait_recorded(db: &Path, n: u64) -> Value {
    let deadline = std::time::Instant::now() + secs(15);
    loop {
        if db.exists() {
            let stats = cli_json("stats", db);
            if stats["questions"].as_u64() >= Some(n) || std::time::Instant::now() > deadline {
                return stats;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `/faq-admin review`, by a moderator.
fn review_command() -> Value {
    as_moderator(slash_command(
        "faq-admin",
        subcommand("review"),
        &[MOD_ROLE_ID],
        perms::EVERYONE,
    ))
}

/// Opens `/faq-admin review` as a moderator; the group messages that follow
/// the header.
async fn open_review(fake: &FakeDiscord) -> (Recorded, Vec<Recorded>) {
    let review = review_command();
    fake.dispatch("INTERACTION_CREATE", review.clone());
    let header = fake.wait_callback(&review, secs(15)).await;
    assert_eq!(
        header.body["data"]["flags"], 64,
        "only the moderator sees it"
    );
    let mut groups = Vec::new();
    if header.text().contains("most asked first") {
        groups.push(fake.wait_request("POST", "/webhooks/", secs(15)).await);
    }
    (header, groups)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missed_question_is_reviewed_and_taught_as_an_alias_in_a_click() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    let db = bot.path("knotbot.db");
    for _ in 0..2 {
        let unsure = mention_and_wait(&fake, USER_ID, MISSED).await;
        assert!(
            unsure.text().to_lowercase().contains("not sure"),
            "{}",
            unsure.one_line()
        );
    }
    wait_recorded(&db, 2).await;

    let (_, groups) = open_review(&fake).await;
    let group = &groups[0];
    assert!(
        group.text().contains(MISSED) && group.text().contains("asked 2 time"),
        "{}",
        group.one_line()
    );
    assert_eq!(group.body["flags"], 64);
    let select = control(&group.body, "Add as a way of asking…");
    let entry = first_option(&group.body);
    let choice = as_moderator(select_choice(&select, &[&entry], &group.response));
    fake.dispatch("INTERACTION_CREATE", choice.clone());
    let done = fake.wait_callback(&choice, secs(15)).await;
    assert_eq!(
        done.body["type"],
        7,
        "the group's message is updated: {}",
        done.one_line()
    );
    assert!(done.text().contains("Added"), "{}", done.one_line());

    // Persisted in faq.toml, valid, and answered from at once.
    let faq = std::fs::read_to_string(bot.path("faq.toml")).unwrap();
    assert!(faq.contains(MISSED), "the alias is in faq.toml");
    knotbot::Knowledge::load_dir(bot.dir.path()).expect("the files on disk are valid");
    let answered = mention_and_wait(&fake, USER_ID, MISSED).await;
    let k = knotbot::Knowledge::shipped().unwrap();
    assert_eq!(
        answered.body["embeds"][0]["title"],
        json!(k.entry(&entry).unwrap().title),
        "{}",
        answered.one_line()
    );

    // A question the knowledge answers now drops out of review by itself.
    let (header, groups) = open_review(&fake).await;
    assert!(
        header.text().contains("Nothing to review"),
        "{}",
        header.one_line()
    );
    assert!(groups.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn feedback_counts_once_per_member_and_stats_match_what_was_asked() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    let db = bot.path("knotbot.db");
    let answer = mention_and_wait(&fake, USER_ID, ANSWERED).await;
    let helpful = control(&answer.body, "Helpful");
    let missed_it = control(&answer.body, "Not what I asked");
    mention_and_wait(&fake, USER_ID, MISSED).await;
    let flagged_question = "my glute knot hurts and now my leg is numb";
    let flagged = mention_and_wait(&fake, USER_ID, flagged_question).await;
    assert!(
        flagged.text().to_lowercase().contains("numb"),
        "{}",
        flagged.one_line()
    );
    let engine = knotbot::Engine::new(knotbot::Knowledge::shipped().unwrap());
    let answered = [ANSWERED, MISSED, flagged_question]
        .iter()
        .filter(|q| engine.answer(q).matched.is_some())
        .count();

    let click = |id: &str, user: u64| as_member_only(button_click(id, &answer.response), user);
    let first = click(&helpful, USER_ID);
    fake.dispatch("INTERACTION_CREATE", first.clone());
    let thanks = fake.wait_callback(&first, secs(15)).await;
    assert!(thanks.text().contains("Thanks"), "{}", thanks.one_line());
    assert_eq!(thanks.body["data"]["flags"], 64);
    // The same member again, either button: not counted.
    for id in [&helpful, &missed_it] {
        let again = click(id, USER_ID);
        fake.dispatch("INTERACTION_CREATE", again.clone());
        let r = fake.wait_callback(&again, secs(15)).await;
        assert!(r.text().contains("already"), "{}", r.one_line());
    }
    // Another member: "Not what I asked" offers other entries, privately.
    let other = click(&missed_it, MOD_USER_ID);
    fake.dispatch("INTERACTION_CREATE", other.clone());
    let sorry = fake.wait_callback(&other, secs(15)).await;
    assert_eq!(sorry.body["data"]["flags"], 64);
    let offered = controls(&sorry.body);
    assert!(
        !offered.is_empty()
            && offered
                .iter()
                .all(|(id, _)| id.starts_with("knotbot:show:")),
        "{}",
        sorry.one_line()
    );

    let stats = wait_recorded(&db, 3).await;
    assert_eq!(stats["questions"], 3, "{stats}");
    assert_eq!(stats["answered"], answered, "{stats}");
    assert_eq!(stats["not_sure"], 3 - answered, "{stats}");
    assert_eq!(
        (stats["helpful"].as_u64(), stats["not_helpful"].as_u64()),
        (Some(1), Some(1)),
        "{stats}"
    );
    assert!(
        stats["red_flags"]
            .as_object()
            .is_some_and(|f| !f.is_empty()),
        "{stats}"
    );
    // The question marked unhelpful now waits for review, with the missed one.
    let review = cli_json("review", &db);
    let asked: Vec<&str> = review["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["question"].as_str().unwrap())
        .collect();
    assert!(
        asked.contains(&ANSWERED) && asked.contains(&MISSED),
        "{review}"
    );

    // /faq-admin stats says the same, with a chart.
    let command = as_moderator(slash_command(
        "faq-admin",
        subcommand("stats"),
        &[MOD_ROLE_ID],
        perms::EVERYONE,
    ));
    fake.dispatch("INTERACTION_CREATE", command.clone());
    let shown = fake.wait_callback(&command, secs(15)).await;
    let description = shown.body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or("");
    let expected = format!(
        "**3** questions: **{answered}** answered, **{}** not sure",
        3 - answered
    );
    assert!(description.contains(&expected), "{}", shown.one_line());
    assert_eq!(
        shown.body["data"]["embeds"][0]["image"]["url"],
        "attachment://stats.png"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn members_cannot_open_review_or_stats_nor_press_their_buttons() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    let before = std::fs::read_to_string(bot.path("faq.toml")).unwrap();
    for sub in ["review", "stats"] {
        let attempt = slash_command("faq-admin", subcommand(sub), &[], perms::EVERYONE);
        fake.dispatch("INTERACTION_CREATE", attempt.clone());
        let r = fake.wait_callback(&attempt, secs(15)).await;
        assert!(r.text().contains("Only moderators"), "{}", r.one_line());
    }
    // Review controls crafted by hand, as a modified client could.
    let message = bot_reply(GENERAL_CHANNEL_ID, "review");
    for forged in [
        select_choice("knotbot:review:alias:1", &["sitting"], &message),
        button_click("knotbot:review:dismiss:1", &message),
        button_click("knotbot:review:new:1", &message),
    ] {
        let forged = as_member_only(forged, USER_ID);
        fake.dispatch("INTERACTION_CREATE", forged.clone());
        let r = fake.wait_callback(&forged, secs(15)).await;
        assert_eq!(r.body["type"], 4, "a refusal, not a form: {}", r.one_line());
        assert!(r.text().contains("Only moderators"), "{}", r.one_line());
    }
    assert_eq!(
        std::fs::read_to_string(bot.path("faq.toml")).unwrap(),
        before
    );
}

/// Starts the bot in `dir` with `top` (top-level settings) in its config,
/// and checks it answers a question.
async fn answers_anyway(fake: &FakeDiscord, dir: tempfile::TempDir, top: &str) -> Bot {
    let setup = support::bot::Setup {
        top,
        ..Default::default()
    };
    let bot = Bot::launch(fake, dir, &setup).await;
    fake.wait_identify(secs(20)).await;
    let reply = mention_and_wait(fake, USER_ID, ANSWERED).await;
    assert!(
        reply.body["embeds"][0]["title"].is_string(),
        "{}",
        reply.one_line()
    );
    bot
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_is_moved_aside_and_a_fresh_one_started() {
    let fake = FakeDiscord::start().await;
    let dir = support::bot::knowledge_copy();
    std::fs::write(dir.path().join("knotbot.db"), "not a database").unwrap();
    let bot = answers_anyway(&fake, dir, "").await;
    wait_recorded(&bot.path("knotbot.db"), 1).await;
    assert!(bot.log().contains("damaged"), "{}", bot.log());
    let aside = std::fs::read_dir(bot.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("damaged")
        })
        .count();
    assert_eq!(aside, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_that_cannot_be_opened_costs_no_answer() {
    let fake = FakeDiscord::start().await;
    let bot = answers_anyway(
        &fake,
        support::bot::knowledge_copy(),
        "database = \"no/such/dir/knotbot.db\"\n",
    )
    .await;
    let log = bot.log();
    assert_eq!(
        log.matches("records nothing").count(),
        1,
        "one clear error: {log}"
    );
    // The moderators are told why review is off.
    let review = review_command();
    fake.dispatch("INTERACTION_CREATE", review.clone());
    let r = fake.wait_callback(&review, secs(15)).await;
    assert!(r.text().contains("workbench is off"), "{}", r.one_line());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_locked_database_costs_no_answer() {
    let fake = FakeDiscord::start().await;
    let dir = support::bot::knowledge_copy();
    let path = dir.path().join("knotbot.db");
    drop(knotbot::workbench::Database::open(&path).unwrap());
    // Another program holds the write lock the whole time.
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let bot = answers_anyway(&fake, dir, "").await;
    let reply = mention_and_wait(&fake, USER_ID, MISSED).await;
    assert!(reply.text().contains("not sure"), "{}", reply.one_line());
    let error = "the bot goes on answering";
    let deadline = std::time::Instant::now() + secs(15);
    while !bot.log().contains(error) && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Give a second failing write time to log too, if it would.
    tokio::time::sleep(secs(3)).await;
    let log = bot.log();
    assert_eq!(log.matches(error).count(), 1, "one clear error: {log}");
    holder.execute_batch("COMMIT").unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn sigkill_while_recording_leaves_a_database_that_opens() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    for i in 0..300 {
        let text = format!("{MISSED} {i}");
        fake.dispatch(
            "MESSAGE_CREATE",
            guild_message(OTHER_CHANNEL_ID, USER_ID, &text),
        );
    }
    wait_recorded(&bot.path("knotbot.db"), 1).await;
    // SAFETY: kill(2) on our own child's pid.
    unsafe { libc::kill(bot.pid() as i32, libc::SIGKILL) };
    let dir = bot.stop();
    let stats = cli_json("stats", &dir.path().join("knotbot.db"));
    assert!(stats["questions"].as_u64() >= Some(1), "{stats}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_entry_from_review_and_a_dismissed_group_leave_nothing_to_review() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    let db = bot.path("knotbot.db");
    let (to_teach, to_dismiss) = ("are glute knots contagious", MISSED);
    mention_and_wait(&fake, USER_ID, to_teach).await;
    mention_and_wait(&fake, USER_ID, to_dismiss).await;
    wait_recorded(&db, 2).await;

    // Both groups are shown; the header says how many.
    let review = review_command();
    fake.dispatch("INTERACTION_CREATE", review.clone());
    let header = fake.wait_callback(&review, secs(15)).await;
    assert!(
        header.text().starts_with("2 question"),
        "{}",
        header.one_line()
    );
    let mut groups = Vec::new();
    for _ in 0..2 {
        groups.push(fake.wait_request("POST", "/webhooks/", secs(15)).await);
    }
    let group_of = |q: &str| {
        groups
            .iter()
            .find(|g| g.text().contains(q))
            .unwrap()
            .clone()
    };

    // New entry…: the form opens with the question, and adds the entry.
    let teach = group_of(to_teach);
    let new = as_moderator(button_click(
        &control(&teach.body, "New entry…"),
        &teach.response,
    ));
    fake.dispatch("INTERACTION_CREATE", new.clone());
    let form = fake.wait_callback(&new, secs(15)).await;
    assert_eq!(form.body["type"], 9, "a form: {}", form.one_line());
    let form_id = form.body["data"]["custom_id"].as_str().unwrap().to_string();
    let question = form.body["data"]["components"][0]["components"][0]["value"].clone();
    assert_eq!(question, json!(to_teach), "pre-filled with the question");
    let submit = as_moderator(modal_submit(
        &form_id,
        &[
            ("question", "Are glute knots contagious?"),
            (
                "aliases",
                "are glute knots contagious\ncan i catch a knot from someone",
            ),
            (
                "answer",
                "No. A knot is a tight band in your own muscle, not an infection.",
            ),
        ],
    ));
    fake.dispatch("INTERACTION_CREATE", submit.clone());
    let added = fake.wait_callback(&submit, secs(15)).await;
    assert!(added.text().contains("Added `"), "{}", added.one_line());
    let reply = mention_and_wait(&fake, USER_ID, to_teach).await;
    assert!(
        reply.text().contains("not an infection"),
        "{}",
        reply.one_line()
    );

    // Dismiss: that group goes for good.
    let dismiss = group_of(to_dismiss);
    let click = as_moderator(button_click(
        &control(&dismiss.body, "Dismiss"),
        &dismiss.response,
    ));
    fake.dispatch("INTERACTION_CREATE", click.clone());
    let done = fake.wait_callback(&click, secs(15)).await;
    assert!(done.text().contains("Dismissed (1"), "{}", done.one_line());

    let (header, _) = open_review(&fake).await;
    assert!(
        header.text().contains("Nothing to review"),
        "{}",
        header.one_line()
    );
}
