//! Discord itself failing, end to end: the real `knotbot run` against the
//! fake Discord while the gateway drops, sessions die, heartbeats go
//! unanswered and REST answers 429, 500 or slowly. In every case the bot
//! must come back, answer each event at most once, not hammer Discord, keep
//! a moderator's edit, and keep answering.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::bot::Bot;
use support::*;

const QUESTION: &str = "what is wallet neuritis";
const OTHER_QUESTION: &str = "does stretching help get rid of glute knots";

fn option(name: &str, value: &str) -> Value {
    json!({"name": name, "type": 3, "value": value})
}

fn subcommand(name: &str, options: Value) -> Value {
    json!([{"name": name, "type": 1, "options": options}])
}

fn channel_path(channel: u64) -> String {
    format!("/api/v10/channels/{channel}/messages")
}

/// POSTs of messages to `channel` so far.
fn posts_to(fake: &FakeDiscord, channel: u64) -> Vec<Recorded> {
    let path = channel_path(channel);
    fake.requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == path)
        .collect()
}

/// Waits until the bot has registered its commands (its setup is done).
async fn settled(fake: &FakeDiscord) {
    fake.wait_request("PUT", "/commands", secs(30)).await;
}

/// Asks `question` by mentioning the bot in `channel` and returns the answer.
async fn ask(fake: &FakeDiscord, channel: u64, question: &str) -> Recorded {
    fake.dispatch("MESSAGE_CREATE", mention_bot(channel, USER_ID, question));
    fake.wait_message(channel, secs(20)).await
}

fn assert_answers(reply: &Recorded, word: &str) {
    assert_eq!(reply.status, 200, "{}", reply.one_line());
    assert!(
        reply.text().to_lowercase().contains(word),
        "an answer about {word}: {}",
        reply.one_line()
    );
}

/// Exactly `n` answers were posted in `channel`, and no more come.
async fn assert_answered_exactly(fake: &FakeDiscord, channel: u64, n: usize) {
    fake.wait_no_request("POST", "/messages", secs(3)).await;
    let posts = posts_to(fake, channel);
    assert_eq!(
        posts.len(),
        n,
        "each question answered once, nothing answered twice:\n{}",
        posts
            .iter()
            .map(Recorded::one_line)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Waits for the bot to come back after a disruption: a RESUME or an
/// IDENTIFY, whichever comes first; returns which.
async fn reconnected(fake: &FakeDiscord) -> &'static str {
    tokio::select! {
        _ = fake.wait_resume(secs(40)) => "resume",
        _ = fake.wait_identify(secs(40)) => "identify",
    }
}

/// The fake's `close_gateway` keeps the session resumable whatever the
/// code; Discord forgets the session for 4007 and 4009 (a RESUME after them
/// gets INVALID_SESSION false). Forget it here too: `invalidate_session`
/// right after the close clears the fake's session; its op 9 frame is queued
/// behind the close frame on the dead connection and never reaches the bot.
fn close_and_forget_session(fake: &FakeDiscord, code: u16) {
    fake.close_gateway(code);
    fake.invalidate_session(false);
}

/// The scenario every gateway failure runs: a question answered before,
/// the disruption, the expected way back, a question answered after, and
/// nothing answered twice.
async fn gateway_failure(disrupt: impl FnOnce(&FakeDiscord), expect: &str, config: FakeConfig) {
    let fake = FakeDiscord::start_with(config).await;
    let _bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    assert_answers(&ask(&fake, GENERAL_CHANNEL_ID, QUESTION).await, "wallet");

    disrupt(&fake);
    let how = reconnected(&fake).await;
    assert_eq!(how, expect, "how the bot came back\n{}", fake.summary());
    if expect == "identify" {
        assert!(fake.session_id().is_some());
    }

    let after = ask(&fake, GENERAL_CHANNEL_ID, OTHER_QUESTION).await;
    assert_answers(&after, "stretch");
    assert_answered_exactly(&fake, GENERAL_CHANNEL_ID, 2).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_resumable_close_4000_resumes_and_answers_what_came_meanwhile_once() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    assert_answers(&ask(&fake, GENERAL_CHANNEL_ID, QUESTION).await, "wallet");

    fake.close_gateway(4000);
    // Asked while the bot is away: Discord replays it on RESUME.
    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(OTHER_CHANNEL_ID, USER_ID, OTHER_QUESTION),
    );
    let resume = fake.wait_resume(secs(40)).await;
    assert!(resume["session_id"].is_string(), "{resume}");
    assert!(
        resume["seq"].as_u64().unwrap_or(0) > 0,
        "resumes where it left off: {resume}"
    );
    let missed = fake.wait_message(OTHER_CHANNEL_ID, secs(20)).await;
    assert_answers(&missed, "stretch");

    let after = ask(&fake, GENERAL_CHANNEL_ID, QUESTION).await;
    assert_answers(&after, "wallet");
    assert_answered_exactly(&fake, GENERAL_CHANNEL_ID, 2).await;
    assert_eq!(posts_to(&fake, OTHER_CHANNEL_ID).len(), 1);
    assert_eq!(
        fake.trace()
            .iter()
            .filter(|l| l.contains("← IDENTIFY"))
            .count(),
        1,
        "a resume, not a new session"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_going_away_close_1001_resumes_and_answers() {
    gateway_failure(|f| f.close_gateway(1001), "resume", FakeConfig::default()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invalid_seq_close_4007_ends_in_a_fresh_identify() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    assert_answers(&ask(&fake, GENERAL_CHANNEL_ID, QUESTION).await, "wallet");
    let old = fake.session_id();
    close_and_forget_session(&fake, 4007);
    fake.wait_identify(secs(40)).await;
    assert_ne!(fake.session_id(), old, "a new session");
    assert_answers(&ask(&fake, GENERAL_CHANNEL_ID, QUESTION).await, "wallet");
    assert_answered_exactly(&fake, GENERAL_CHANNEL_ID, 2).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_timed_out_close_4009_identifies_afresh_and_answers() {
    gateway_failure(
        |f| close_and_forget_session(f, 4009),
        "identify",
        FakeConfig::default(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invalid_session_op_9_identifies_afresh_and_answers() {
    gateway_failure(
        |f| f.invalidate_session(false),
        "identify",
        FakeConfig::default(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unanswered_heartbeats_make_the_bot_reconnect_and_answer_again() {
    let fake = FakeDiscord::start_with(FakeConfig {
        heartbeat_interval: Duration::from_millis(1000),
        ..Default::default()
    })
    .await;
    let _bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    assert_answers(&ask(&fake, GENERAL_CHANNEL_ID, QUESTION).await, "wallet");
    fake.wait_heartbeat(secs(10)).await;
    let connections = fake.connections();

    fake.stop_acks();
    fake.wait_connections(connections + 1, secs(40)).await;
    fake.resume_acks();
    reconnected(&fake).await;

    let after = ask(&fake, GENERAL_CHANNEL_ID, OTHER_QUESTION).await;
    assert_answers(&after, "stretch");
    assert_answered_exactly(&fake, GENERAL_CHANNEL_ID, 2).await;

    // Once acknowledged again, it settles: no reconnect loop.
    let settled_at = fake.connections();
    let beats = fake.heartbeats();
    tokio::time::sleep(secs(4)).await;
    assert_eq!(
        fake.connections(),
        settled_at,
        "no more reconnects\n{}",
        fake.summary()
    );
    assert!(fake.heartbeats() > beats, "it keeps heartbeating");
    assert!(fake.is_connected());
}

// ----------------------------------------------------------------------
// REST failures
// ----------------------------------------------------------------------

fn server_error() -> Value {
    json!({"message": "Internal Server Error", "code": 0})
}

#[tokio::test(flavor = "multi_thread")]
async fn a_429_on_an_answer_is_logged_not_hammered_and_later_questions_are_answered() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    let retry_after = 2.0;
    fake.rate_limit_next(
        "POST",
        &channel_path(GENERAL_CHANNEL_ID),
        retry_after,
        false,
    );
    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(GENERAL_CHANNEL_ID, USER_ID, QUESTION),
    );
    let limited = fake.wait_message(GENERAL_CHANNEL_ID, secs(20)).await;
    assert_eq!(limited.status, 429);

    // Longer than retry_after: a retry, if any, must wait for it.
    tokio::time::sleep(secs(4)).await;
    let posts = posts_to(&fake, GENERAL_CHANNEL_ID);
    assert!(
        posts.len() <= 2,
        "at most one retry for one question:\n{}",
        fake.summary()
    );
    if let Some(retry) = posts.get(1) {
        assert!(
            retry.at >= limited.at + Duration::from_secs_f64(retry_after * 0.9),
            "a retry waits for retry_after: {} then {}",
            limited.one_line(),
            retry.one_line()
        );
        fake.wait_message(GENERAL_CHANNEL_ID, secs(1)).await;
    }

    assert_answers(
        &ask(&fake, GENERAL_CHANNEL_ID, OTHER_QUESTION).await,
        "stretch",
    );
    assert_answers(&ask(&fake, OTHER_CHANNEL_ID, QUESTION).await, "wallet");
    assert_answered_exactly(&fake, GENERAL_CHANNEL_ID, posts.len() + 1).await;
    let log = bot.log();
    assert!(
        log.contains("could not post an answer"),
        "the failure is logged:\n{log}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn repeated_500s_on_answers_cost_one_request_each_and_the_bot_recovers() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    fake.fail_times(
        "POST",
        &channel_path(GENERAL_CHANNEL_ID),
        500,
        server_error(),
        3,
    );
    for question in [QUESTION, OTHER_QUESTION, "is it sciatica or a knot"] {
        fake.dispatch(
            "MESSAGE_CREATE",
            mention_bot(GENERAL_CHANNEL_ID, USER_ID, question),
        );
        let failed = fake.wait_message(GENERAL_CHANNEL_ID, secs(20)).await;
        assert_eq!(failed.status, 500, "{}", failed.one_line());
    }
    // No retry storm: three questions, three requests, then quiet.
    assert_answered_exactly(&fake, GENERAL_CHANNEL_ID, 3).await;

    assert_answers(&ask(&fake, GENERAL_CHANNEL_ID, QUESTION).await, "wallet");
    assert_answered_exactly(&fake, GENERAL_CHANNEL_ID, 4).await;
    let log = bot.log();
    assert_eq!(
        log.matches("could not post an answer").count(),
        3,
        "each failure logged once:\n{log}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_500_on_a_slash_command_callback_is_survived() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    fake.fail_next("POST", "/interactions/", 500, server_error());
    let ask = slash_command(
        "ask",
        json!([option("question", "heat or ice for a glute knot?")]),
        &[],
        perms::EVERYONE,
    );
    fake.dispatch("INTERACTION_CREATE", ask.clone());
    let failed = fake.wait_callback(&ask, secs(20)).await;
    assert_eq!(failed.status, 500);
    tokio::time::sleep(secs(3)).await;
    let id = ask["id"].as_str().unwrap();
    let tries = fake
        .requests()
        .iter()
        .filter(|r| r.path.contains(id) || r.path.contains("/webhooks/"))
        .count();
    assert!(tries <= 2, "no retry loop:\n{}", fake.summary());

    let again = slash_command(
        "ask",
        json!([option("question", "heat or ice for a glute knot?")]),
        &[],
        perms::EVERYONE,
    );
    fake.dispatch("INTERACTION_CREATE", again.clone());
    let ok = fake.wait_callback(&again, secs(20)).await;
    assert_eq!(ok.status, 204, "{}", ok.one_line());
    assert!(
        ok.text().to_lowercase().contains("heat"),
        "{}",
        ok.one_line()
    );
}

/// A moderator runs `/faq-admin add` and gets the modal; returns the form's
/// custom id, once the form has had time to be registered.
async fn moderator_opens_add_form(fake: &FakeDiscord) -> String {
    let add = as_member(
        slash_command(
            "faq-admin",
            subcommand("add", json!([])),
            &[],
            perms::EVERYONE,
        ),
        MOD_USER_ID,
        &[MOD_ROLE_ID],
        perms::MODERATOR,
    );
    fake.dispatch("INTERACTION_CREATE", add.clone());
    let modal = fake.wait_callback(&add, secs(20)).await;
    assert_eq!(modal.body["type"], 9, "a modal: {}", modal.one_line());
    let custom_id = modal.body["data"]["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    tokio::time::sleep(Duration::from_millis(500)).await;
    custom_id
}

/// A moderator's `/faq-admin add`: opens the modal and submits it; returns
/// the id the entry gets and the submit interaction.
async fn moderator_adds(fake: &FakeDiscord, question: &str, aliases: &str, answer: &str) -> Value {
    let custom_id = moderator_opens_add_form(fake).await;
    let submit = as_member(
        modal_submit(
            &custom_id,
            &[
                ("question", question),
                ("aliases", aliases),
                ("answer", answer),
            ],
        ),
        MOD_USER_ID,
        &[MOD_ROLE_ID],
        perms::MODERATOR,
    );
    fake.dispatch("INTERACTION_CREATE", submit.clone());
    fake.wait_callback(&submit, secs(20)).await;
    submit
}

async fn an_add_whose_confirmation_fails_is_still_saved(status: u16) {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    if status == 429 {
        fake.rate_limit_next("POST", "/webhooks/", 1.0, false);
    } else {
        fake.fail_next("POST", "/webhooks/", status, server_error());
    }
    let answer = "Swap the office chair for a kneeling stool for a week.";
    moderator_adds(
        &fake,
        "Does a kneeling stool help glute knots?",
        "kneeling stool for my glute",
        answer,
    )
    .await;
    let failed = fake.wait_request("POST", "/webhooks/", secs(20)).await;
    assert_eq!(failed.status, status);

    // The edit is on disk and answers members, whatever the confirmation did.
    let saved = (0..50).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        std::fs::read_to_string(bot.path("faq.toml")).is_ok_and(|t| t.contains(answer))
    });
    assert!(
        saved,
        "the moderator's edit is in faq.toml; the failed follow-up: {}\n{}",
        failed.one_line(),
        bot.log()
    );
    knotbot::Knowledge::load_dir(bot.dir.path()).expect("faq.toml is still valid");
    tokio::time::sleep(secs(3)).await;
    let followups = fake
        .requests()
        .iter()
        .filter(|r| r.path.contains("/webhooks/"))
        .count();
    assert!(
        followups <= 3,
        "no retry loop on the follow-up:\n{}",
        fake.summary()
    );
    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(GENERAL_CHANNEL_ID, USER_ID, "does a kneeling stool help"),
    );
    let reply = fake.wait_message(GENERAL_CHANNEL_ID, secs(20)).await;
    assert!(
        reply.text().contains("kneeling stool"),
        "{}",
        reply.one_line()
    );

    // Later commands still work.
    let list = as_member(
        slash_command(
            "faq-admin",
            subcommand("list", json!([])),
            &[],
            perms::EVERYONE,
        ),
        MOD_USER_ID,
        &[MOD_ROLE_ID],
        perms::MODERATOR,
    );
    fake.dispatch("INTERACTION_CREATE", list.clone());
    let r = fake.wait_callback(&list, secs(20)).await;
    assert!(r.text().contains("kneeling"), "{}", r.one_line());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_add_whose_confirmation_gets_a_500_is_still_saved() {
    an_add_whose_confirmation_fails_is_still_saved(500).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_add_whose_confirmation_gets_a_429_is_still_saved() {
    an_add_whose_confirmation_fails_is_still_saved(429).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_channel_does_not_hold_up_answers_elsewhere() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    let delay = secs(5);
    fake.set_delay(&channel_path(GENERAL_CHANNEL_ID), delay);

    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(GENERAL_CHANNEL_ID, USER_ID, QUESTION),
    );
    let slow = fake.wait_message(GENERAL_CHANNEL_ID, secs(20)).await;

    // While Discord sits on that answer: a help channel, a DM, a command.
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(OTHER_CHANNEL_ID, USER_ID, OTHER_QUESTION),
    );
    fake.dispatch(
        "MESSAGE_CREATE",
        dm_message(DM_CHANNEL_ID, USER_ID, QUESTION),
    );
    let command = slash_command(
        "ask",
        json!([option("question", "heat or ice for a glute knot?")]),
        &[],
        perms::EVERYONE,
    );
    fake.dispatch("INTERACTION_CREATE", command.clone());
    let other = fake.wait_message(OTHER_CHANNEL_ID, secs(20)).await;
    let dm = fake.wait_message(DM_CHANNEL_ID, secs(20)).await;
    let callback = fake.wait_callback(&command, secs(20)).await;
    assert_answers(&other, "stretch");
    assert_answers(&dm, "wallet");
    assert_eq!(callback.status, 204, "{}", callback.one_line());
    let slow_done = slow.at + delay;
    for r in [&other, &dm, &callback] {
        assert!(
            r.at < slow_done,
            "answered while the slow request was still pending: {} at {:?}, slow one answered at {:?}",
            r.one_line(),
            r.at,
            slow_done
        );
    }
    // The slow answer went through once, and nothing was sent twice.
    assert_eq!(slow.status, 200);
    tokio::time::sleep(delay).await;
    fake.set_delay(&channel_path(GENERAL_CHANNEL_ID), Duration::ZERO);
    assert_answered_exactly(&fake, GENERAL_CHANNEL_ID, 1).await;
    assert_eq!(posts_to(&fake, OTHER_CHANNEL_ID).len(), 1);
    assert_eq!(posts_to(&fake, DM_CHANNEL_ID).len(), 1);
}

// ----------------------------------------------------------------------
// A moderator's open form across a reconnect
// ----------------------------------------------------------------------

/// A moderator opens `/faq-admin add`, `disrupt` hits the gateway while the
/// form is open, the bot comes back, and the moderator submits: the entry
/// must be saved and confirmed.
async fn an_open_form_survives(disrupt: impl FnOnce(&FakeDiscord)) {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    let custom_id = moderator_opens_add_form(&fake).await;

    disrupt(&fake);
    reconnected(&fake).await;
    // The moderator was typing meanwhile; the bot answers again first.
    assert_answers(&ask(&fake, GENERAL_CHANNEL_ID, QUESTION).await, "wallet");

    let answer = "Try a standing desk for part of the day.";
    let submit = as_member(
        modal_submit(
            &custom_id,
            &[
                ("question", "Does a standing desk help a glute knot?"),
                ("aliases", "standing desk for my glute"),
                ("answer", answer),
            ],
        ),
        MOD_USER_ID,
        &[MOD_ROLE_ID],
        perms::MODERATOR,
    );
    fake.dispatch("INTERACTION_CREATE", submit.clone());
    let acknowledged = fake.wait_callback(&submit, secs(20)).await;
    assert_eq!(acknowledged.status, 204, "{}", acknowledged.one_line());
    let done = fake.wait_request("POST", "/webhooks/", secs(20)).await;
    assert!(done.text().contains("Added"), "{}", done.one_line());
    assert!(
        std::fs::read_to_string(bot.path("faq.toml"))
            .unwrap()
            .contains(answer),
        "the moderator's edit is on disk"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_moderators_open_form_survives_a_resume() {
    an_open_form_survives(|f| f.close_gateway(4000)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_moderators_open_form_survives_a_new_session() {
    an_open_form_survives(|f| f.invalidate_session(false)).await;
}
