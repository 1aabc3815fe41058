//! `/knotbot-setup`: a server owner sets the bot up by command. The real
//! `knotbot run` against the fake Discord: changes take effect at once,
//! survive a restart, are refused without Manage Server, and stay in their
//! server.

mod support;

use serde_json::{json, Value};
use support::bot::Bot;
use support::*;

const OWNER: u64 = perms::EVERYONE | perms::MANAGE_GUILD;
const QUESTION: &str = "should i ice or heat my knot after leg day";

/// `/knotbot-setup SUB` with `options`, by a member with `permissions`;
/// channel and role options come with Discord's resolved objects.
fn setup(sub: &str, options: Value, permissions: u64) -> Value {
    let mut p = slash_command(
        "knotbot-setup",
        json!([{"name": sub, "type": 1, "options": options}]),
        &[],
        permissions,
    );
    let channel =
        |id: u64| json!({"id": id.to_string(), "name": "help", "type": 0, "permissions": "0"});
    let helpers = |id: u64| role(id, "helpers", 0, 1, false);
    resolve(&mut p, &options, 7, "channels", channel);
    resolve(&mut p, &options, 8, "roles", helpers);
    p
}

/// Adds `resolved[key]` for the options of `kind`, made by `object`.
fn resolve(p: &mut Value, options: &Value, kind: u8, key: &str, object: impl Fn(u64) -> Value) {
    let found: serde_json::Map<String, Value> = options
        .as_array()
        .into_iter()
        .flatten()
        .filter(|o| o["type"] == kind)
        .map(|o| {
            let id = o["value"].as_str().unwrap();
            (id.to_string(), object(id.parse().unwrap()))
        })
        .collect();
    if !found.is_empty() {
        p["data"]["resolved"][key] = Value::Object(found);
    }
}

fn channel_option(name: &str, id: u64) -> Value {
    json!({"name": name, "type": 7, "value": id.to_string()})
}

async fn run(fake: &FakeDiscord, command: Value) -> Recorded {
    fake.dispatch("INTERACTION_CREATE", command.clone());
    let r = fake.wait_callback(&command, secs(15)).await;
    assert_eq!(
        r.body["data"]["flags"],
        64,
        "only the member sees it: {}",
        r.one_line()
    );
    r
}

/// A question in the general channel, not a help channel by default.
fn unprompted() -> Value {
    guild_message(GENERAL_CHANNEL_ID, USER_ID, QUESTION)
}

#[tokio::test(flavor = "multi_thread")]
async fn setup_takes_effect_at_once_and_survives_a_restart() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    fake.dispatch("MESSAGE_CREATE", unprompted());
    fake.wait_no_request(
        "POST",
        format!("/channels/{GENERAL_CHANNEL_ID}/messages"),
        secs(2),
    )
    .await;

    let on = json!([channel_option("channel", GENERAL_CHANNEL_ID), {"name": "answer", "type": 5, "value": true}]);
    let done = run(&fake, setup("help-channel", on, OWNER)).await;
    assert!(
        done.text().contains("I'll answer in"),
        "{}",
        done.one_line()
    );
    fake.dispatch("MESSAGE_CREATE", unprompted());
    fake.wait_message(GENERAL_CHANNEL_ID, secs(15)).await;

    // The stretch of the day, in this server's own channel, at once.
    let stretch = json!([
        channel_option("channel", GENERAL_CHANNEL_ID),
        {"name": "time", "type": 3, "value": "00:00"},
        {"name": "timezone", "type": 3, "value": "UTC"}
    ]);
    run(&fake, setup("stretch", stretch, OWNER)).await;
    let post = fake.wait_message(GENERAL_CHANNEL_ID, secs(30)).await;
    assert!(
        post.text().contains("Stretch of the day"),
        "{}",
        post.one_line()
    );
    tokio::time::sleep(secs(1)).await;

    // After a restart: still a help channel, and no second stretch today.
    let dir = bot.stop();
    let again = FakeDiscord::start().await;
    let _bot = Bot::start_in(&again, dir, "").await;
    again.wait_identify(secs(20)).await;
    again.wait_request("PUT", "/commands", secs(20)).await;
    again.dispatch("MESSAGE_CREATE", unprompted());
    let reply = again.wait_message(GENERAL_CHANNEL_ID, secs(15)).await;
    assert!(
        !reply.text().contains("Stretch of the day"),
        "{}",
        reply.one_line()
    );
    let shown = run(&again, setup("show", json!([]), OWNER)).await;
    let text = shown.body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or("");
    assert!(text.contains(&format!("<#{GENERAL_CHANNEL_ID}>")), "{text}");
    again
        .wait_no_request(
            "POST",
            format!("/channels/{GENERAL_CHANNEL_ID}/messages"),
            secs(2),
        )
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn setup_is_refused_without_manage_server_and_stays_in_its_server() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    // Manage Messages (a moderator) is not Manage Server.
    let on = json!([channel_option("channel", GENERAL_CHANNEL_ID), {"name": "answer", "type": 5, "value": true}]);
    for attempt in [
        setup("show", json!([]), perms::MODERATOR & !perms::MANAGE_GUILD),
        setup("help-channel", on.clone(), perms::EVERYONE),
    ] {
        let r = run(&fake, attempt).await;
        assert!(
            r.text()
                .contains("Only members with the Manage Server permission"),
            "{}",
            r.one_line()
        );
    }
    fake.dispatch("MESSAGE_CREATE", unprompted());
    fake.wait_no_request(
        "POST",
        format!("/channels/{GENERAL_CHANNEL_ID}/messages"),
        secs(2),
    )
    .await;

    // Free-text answers off here: a mention goes unanswered, /ask still works.
    run(
        &fake,
        setup(
            "free-text",
            json!([{"name": "on", "type": 5, "value": false}]),
            OWNER,
        ),
    )
    .await;
    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(GENERAL_CHANNEL_ID, USER_ID, QUESTION),
    );
    fake.wait_no_request(
        "POST",
        format!("/channels/{GENERAL_CHANNEL_ID}/messages"),
        secs(2),
    )
    .await;
    let ask = slash_command(
        "ask",
        json!([{"name": "question", "type": 3, "value": QUESTION}]),
        &[],
        perms::EVERYONE,
    );
    fake.dispatch("INTERACTION_CREATE", ask.clone());
    fake.wait_callback(&ask, secs(15)).await;

    // Another server sees only the defaults.
    let mut elsewhere = setup("show", json!([]), OWNER);
    elsewhere["guild_id"] = json!("1100000000000000999");
    let shown = run(&fake, elsewhere).await;
    let text = shown.body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or("");
    assert!(
        text.contains("answers** (mentions, DMs, help channels): on *(default)*"),
        "{text}"
    );
    let here = run(&fake, setup("show", json!([]), OWNER)).await;
    let text = here.body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or("");
    assert!(text.contains("help channels): off"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_moderator_role_set_by_command_opens_the_moderators_commands() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    let helpers = 1_100_000_000_000_000_777u64;
    let list = || {
        slash_command(
            "faq-admin",
            json!([{"name": "list", "type": 1, "options": []}]),
            &[helpers],
            perms::EVERYONE,
        )
    };
    let before = run(&fake, list()).await;
    assert!(
        before.text().contains("Only moderators"),
        "{}",
        before.one_line()
    );
    let role = json!([
        {"name": "role", "type": 8, "value": helpers.to_string()},
        {"name": "moderator", "type": 5, "value": true}
    ]);
    let done = run(&fake, setup("moderator-role", role, OWNER)).await;
    assert!(done.text().contains("can now"), "{}", done.one_line());
    let after = run(&fake, list()).await;
    assert!(after.text().contains("`sitting`"), "{}", after.one_line());
}

#[tokio::test(flavor = "multi_thread")]
async fn feedback_buttons_can_be_turned_off_for_a_server() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    let labels = |r: &Recorded| -> Vec<String> {
        r.body["components"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
            .filter_map(|c| c["label"].as_str().map(String::from))
            .collect()
    };
    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(GENERAL_CHANNEL_ID, USER_ID, QUESTION),
    );
    let with = fake.wait_message(GENERAL_CHANNEL_ID, secs(15)).await;
    assert!(
        labels(&with).contains(&"Helpful".to_string()),
        "{}",
        with.one_line()
    );
    let off = json!([{"name": "on", "type": 5, "value": false}]);
    run(&fake, setup("feedback", off, OWNER)).await;
    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(GENERAL_CHANNEL_ID, USER_ID, QUESTION),
    );
    let without = fake.wait_message(GENERAL_CHANNEL_ID, secs(15)).await;
    let shown = labels(&without);
    assert!(
        !shown
            .iter()
            .any(|l| l == "Helpful" || l == "Not what I asked"),
        "{shown:?}"
    );
}
