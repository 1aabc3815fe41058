//! Topics edited from Discord like FAQ entries, and the files exported:
//! the real `knotbot run` against the fake Discord.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::bot::Bot;
use support::*;

fn moderator(sub: &str, options: Value) -> Value {
    slash_command(
        "faq-admin",
        json!([{"name": sub, "type": 1, "options": options}]),
        &[MOD_ROLE_ID],
        perms::EVERYONE,
    )
}

fn as_moderator(mut interaction: Value) -> Value {
    interaction["member"] = member(USER_ID, &[MOD_ROLE_ID], Some(perms::EVERYONE.to_string()));
    interaction
}

/// Opens the form for `command`; its custom id and pre-filled values.
async fn form_of(fake: &FakeDiscord, command: &Value) -> (String, Vec<String>) {
    fake.dispatch("INTERACTION_CREATE", command.clone());
    let r = fake.wait_callback(command, secs(15)).await;
    assert_eq!(r.body["type"], 9, "a form: {}", r.one_line());
    let values = r.body["data"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row["components"][0]["value"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    // The bot starts listening for the submit just after sending the form.
    tokio::time::sleep(Duration::from_millis(500)).await;
    (
        r.body["data"]["custom_id"].as_str().unwrap().to_string(),
        values,
    )
}

async fn submit(fake: &FakeDiscord, custom_id: &str, fields: &[(&str, &str)]) -> Recorded {
    let submit = as_moderator(modal_submit(custom_id, fields));
    fake.dispatch("INTERACTION_CREATE", submit.clone());
    fake.wait_callback(&submit, secs(15)).await;
    fake.wait_request("POST", "/webhooks/", secs(15)).await
}

/// Asks to remove `topic` and confirms; the updated confirmation.
async fn remove(fake: &FakeDiscord, topic: &str) -> Recorded {
    let command = moderator(
        "topic-remove",
        json!([{"name": "topic", "type": 3, "value": topic}]),
    );
    fake.dispatch("INTERACTION_CREATE", command.clone());
    let ask = fake.wait_callback(&command, secs(15)).await;
    let yes = ask.body["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let click = as_moderator(button_click(
        &yes,
        &bot_reply(GENERAL_CHANNEL_ID, "Remove?"),
    ));
    fake.dispatch("INTERACTION_CREATE", click.clone());
    fake.wait_callback(&click, secs(15)).await
}

fn topic_in(bot: &Bot, id: &str) -> Option<knotbot::knowledge::Entry> {
    let k = knotbot::Knowledge::load_dir(bot.dir.path()).expect("the files on disk are valid");
    k.entry(id).cloned()
}

#[tokio::test(flavor = "multi_thread")]
async fn moderators_add_edit_and_remove_topics() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    let faq_before = std::fs::read_to_string(bot.path("faq.toml")).unwrap();

    let (form, _) = form_of(&fake, &moderator("topic-add", json!([]))).await;
    let added = submit(
        &fake,
        &form,
        &[
            ("name", "Hamstrings"),
            ("aliases", "hammies\nthe hamstring muscles"),
            ("summary", "Three muscles at the back of the thigh."),
        ],
    )
    .await;
    assert!(
        added.text().contains("Added `topic-hamstrings`"),
        "{}",
        added.one_line()
    );
    assert_eq!(
        topic_in(&bot, "topic-hamstrings").unwrap().title,
        "Hamstrings"
    );

    let edit = moderator(
        "topic-edit",
        json!([{"name": "topic", "type": 3, "value": "topic-hamstrings"}]),
    );
    let (form, prefilled) = form_of(&fake, &edit).await;
    assert_eq!(
        prefilled[0], "Hamstrings",
        "the form opens with the current text"
    );
    let saved = submit(
        &fake,
        &form,
        &[
            ("name", "Hamstrings"),
            ("aliases", &prefilled[1]),
            (
                "summary",
                "Semitendinosus, semimembranosus and biceps femoris.",
            ),
        ],
    )
    .await;
    assert!(
        saved.text().contains("Saved `topic-hamstrings`"),
        "{}",
        saved.one_line()
    );
    assert!(topic_in(&bot, "topic-hamstrings")
        .unwrap()
        .body
        .contains("biceps femoris"));

    let removed = remove(&fake, "topic-hamstrings").await;
    assert!(
        removed.text().contains("Removed `topic-hamstrings`"),
        "{}",
        removed.one_line()
    );
    assert!(topic_in(&bot, "topic-hamstrings").is_none());
    assert_eq!(
        std::fs::read_to_string(bot.path("faq.toml")).unwrap(),
        faq_before
    );

    // A topic the FAQ links to stays, with the reason.
    let linked = "topic-piriformis";
    let refused = remove(&fake, linked).await;
    assert!(
        refused.text().contains("still link to it"),
        "{}",
        refused.one_line()
    );
    assert!(topic_in(&bot, linked).is_some());
}

#[tokio::test(flavor = "multi_thread")]
async fn export_attaches_the_files_as_they_are_and_members_cannot() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    let command = moderator("export", json!([]));
    fake.dispatch("INTERACTION_CREATE", command.clone());
    let r = fake.wait_callback(&command, secs(15)).await;
    let names: Vec<&str> = r.body["data"]["attachments"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["filename"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, ["faq.toml", "topics.toml"], "{}", r.one_line());
    assert_eq!(r.body["data"]["flags"], 64);

    let member = slash_command(
        "faq-admin",
        json!([{"name": "export", "type": 1, "options": []}]),
        &[],
        perms::EVERYONE,
    );
    fake.dispatch("INTERACTION_CREATE", member.clone());
    let refused = fake.wait_callback(&member, secs(15)).await;
    assert!(
        refused.text().contains("Only moderators"),
        "{}",
        refused.one_line()
    );
    assert!(refused.body["data"]["attachments"]
        .as_array()
        .is_none_or(|a| a.is_empty()));
}
