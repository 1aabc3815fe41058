//! Discord as servers use it: threads under a help channel, posts in a
//! help forum, and follow-ups read with the subject of the answer before
//! them. The real `knotbot run` against the fake Discord.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::bot::{Bot, Setup};
use support::*;

/// A thread (or forum post) `id` under `parent`, as THREAD_CREATE sends it.
fn thread(id: u64, parent: u64, title: &str) -> Value {
    let mut t = guild_text_channel(id);
    t["type"] = json!(11);
    t["parent_id"] = json!(parent.to_string());
    t["name"] = json!(title);
    t["owner_id"] = json!(USER_ID.to_string());
    t["member_count"] = json!(1);
    t["message_count"] = json!(0);
    t["newly_created"] = json!(true);
    t["thread_metadata"] = json!({
        "archived": false,
        "auto_archive_duration": 1440,
        "archive_timestamp": now_timestamp(),
        "locked": false,
    });
    t
}

/// Opens a thread under the help channel and waits for the bot to have it.
async fn open_thread(fake: &FakeDiscord, title: &str) -> u64 {
    let id = next_id();
    fake.dispatch("THREAD_CREATE", thread(id, OTHER_CHANNEL_ID, title));
    // The bot learns the thread from the event; give it a moment to cache it.
    tokio::time::sleep(Duration::from_millis(300)).await;
    id
}

/// Someone else chats in `channel`: the bot stays quiet there.
async fn chatter_gets_nothing(fake: &FakeDiscord, channel: u64, text: &str) {
    fake.dispatch("MESSAGE_CREATE", guild_message(channel, MOD_USER_ID, text));
    fake.wait_no_request("POST", format!("/channels/{channel}/messages"), secs(2))
        .await;
}

/// Replies whose embed title is entry `id`'s.
fn assert_answers(r: &Recorded, id: &str) {
    assert_eq!(title_of(r), entry_title(id), "{}", r.one_line());
}

fn title_of(r: &Recorded) -> String {
    r.body["embeds"][0]["title"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

fn entry_title(id: &str) -> String {
    knotbot::Knowledge::shipped()
        .unwrap()
        .entry(id)
        .unwrap()
        .title
        .clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_thread_under_a_help_channel_is_a_help_channel() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    let thread = open_thread(&fake, "leg day questions").await;
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(
            thread,
            USER_ID,
            "should i ice or heat my knot after leg day",
        ),
    );
    assert_answers(&fake.wait_message(thread, secs(15)).await, "heat-vs-ice");
    // As in the channel itself, chatter gets nothing.
    chatter_gets_nothing(&fake, thread, "lol same, leg day was brutal").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forum_post_is_answered_once_from_its_title_and_first_message() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    let post = open_thread(&fake, "Heat or ice?").await;
    // A forum post's first message has the post's id.
    let mut first = guild_message(
        post,
        USER_ID,
        "Tweaked my glute knot at the gym yesterday, what should I put on it?",
    );
    first["id"] = json!(post.to_string());
    fake.dispatch("MESSAGE_CREATE", first);
    assert_answers(&fake.wait_message(post, secs(15)).await, "heat-vs-ice");
    // Later talk in the post follows help-channel rules: no reply to chatter.
    chatter_gets_nothing(&fake, post, "hope it feels better soon").await;
    // A post the bot is unsure of still gets one reply, with suggestions.
    let vague = open_thread(&fake, "help").await;
    let mut first = guild_message(vague, USER_ID, "anyone?");
    first["id"] = json!(vague.to_string());
    fake.dispatch("MESSAGE_CREATE", first);
    let reply = fake.wait_message(vague, secs(15)).await;
    assert!(
        reply.text().contains("not sure") || reply.text().contains("Ask me"),
        "{}",
        reply.one_line()
    );
    fake.wait_no_request("POST", format!("/channels/{vague}/messages"), secs(1))
        .await;
}

/// The follow-up asked after an answer about a piriformis knot.
const FOLLOW_UP: &str = "how long does that usually take?";

#[tokio::test(flavor = "multi_thread")]
async fn a_follow_up_is_read_with_the_subject_before_it_by_timing_and_by_reply() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    // By timing: the same member, the same channel, soon after.
    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(
            GENERAL_CHANNEL_ID,
            USER_ID,
            "should i ice or heat my knot after leg day",
        ),
    );
    let first = fake.wait_message(GENERAL_CHANNEL_ID, secs(15)).await;
    assert_answers(&first, "heat-vs-ice");
    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(GENERAL_CHANNEL_ID, USER_ID, FOLLOW_UP),
    );
    let follow = fake.wait_message(GENERAL_CHANNEL_ID, secs(15)).await;
    assert_answers(&follow, "recovery-time");
    // "ok cool" asks nothing: the answer does not come back.
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(
            OTHER_CHANNEL_ID,
            USER_ID,
            "should i ice or heat my knot after leg day",
        ),
    );
    fake.wait_message(OTHER_CHANNEL_ID, secs(15)).await;
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(OTHER_CHANNEL_ID, USER_ID, "ok cool"),
    );
    fake.wait_no_request(
        "POST",
        format!("/channels/{OTHER_CHANNEL_ID}/messages"),
        secs(2),
    )
    .await;

    // By reply, from another member, with no mention: the answer replied to
    // carries its subject.
    let answer = fake
        .message(first.response["id"].as_str().unwrap().parse().unwrap())
        .unwrap();
    let reply = as_reply(
        guild_message(GENERAL_CHANNEL_ID, MOD_USER_ID, FOLLOW_UP),
        &answer,
    );
    fake.dispatch("MESSAGE_CREATE", reply);
    let follow = fake.wait_message(GENERAL_CHANNEL_ID, secs(15)).await;
    assert_answers(&follow, "recovery-time");
}

#[tokio::test(flavor = "multi_thread")]
async fn after_the_window_a_follow_up_has_no_subject() {
    let fake = FakeDiscord::start().await;
    let setup = Setup {
        answering: "follow_up_seconds = 1\n",
        ..Setup::default()
    };
    let _bot = Bot::start_with(&fake, setup).await;
    let asked = mention_bot(
        GENERAL_CHANNEL_ID,
        USER_ID,
        "should i ice or heat my knot after leg day",
    );
    fake.dispatch("MESSAGE_CREATE", asked);
    fake.wait_message(GENERAL_CHANNEL_ID, secs(15)).await;
    tokio::time::sleep(secs(3)).await;
    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(GENERAL_CHANNEL_ID, USER_ID, FOLLOW_UP),
    );
    let late = fake.wait_message(GENERAL_CHANNEL_ID, secs(15)).await;
    assert!(late.text().contains("not sure"), "{}", late.one_line());
}
