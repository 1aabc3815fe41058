//! The bot end to end: the real `knotbot run` process (config, poise,
//! serenity) against the fake Discord in `tests/support`, driven by gateway
//! events, judged by the REST calls it makes.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};
use support::bot::{Bot, LOG_CHANNEL_ID};
use support::cli::prompt_start;
use support::*;

fn embed(r: &Recorded) -> &Value {
    let body = if r.body["data"].is_object() {
        &r.body["data"]
    } else {
        &r.body
    };
    &body["embeds"][0]
}

/// Mentions the bot in the general channel with `text`; its reply.
async fn mention_and_wait(fake: &FakeDiscord, text: &str) -> Recorded {
    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(GENERAL_CHANNEL_ID, USER_ID, text),
    );
    fake.wait_message(GENERAL_CHANNEL_ID, secs(15)).await
}

/// The reply's text mentions `word` (any case).
fn assert_says(r: &Recorded, word: &str) {
    assert!(r.text().to_lowercase().contains(word), "{}", r.one_line());
}

fn assert_no_pings(r: &Recorded) {
    let body = if r.body["data"].is_object() {
        &r.body["data"]
    } else {
        &r.body
    };
    let mentions = &body["allowed_mentions"];
    assert_eq!(
        mentions["parse"],
        json!([]),
        "nobody may be pinged: {}",
        r.one_line()
    );
    assert!(
        mentions["users"].as_array().is_none_or(|u| u.is_empty()),
        "{}",
        r.one_line()
    );
    assert!(
        mentions["roles"].as_array().is_none_or(|u| u.is_empty()),
        "{}",
        r.one_line()
    );
}

fn option(name: &str, value: &str) -> Value {
    json!({"name": name, "type": 3, "value": value})
}

fn subcommand(name: &str, options: Value) -> Value {
    json!([{"name": name, "type": 1, "options": options}])
}

#[tokio::test(flavor = "multi_thread")]
async fn startup_registers_every_command_in_the_test_guild() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    let put = fake
        .wait_request("PUT", format!("/guilds/{TEST_GUILD_ID}/commands"), secs(20))
        .await;
    let commands = put.body.as_array().expect("a list of commands");
    let names: Vec<&str> = commands
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    for want in [
        "ask",
        "topic",
        "faq",
        "faq-admin",
        "stretch",
        "help",
        "Answer with knotbot",
    ] {
        assert!(names.contains(&want), "{want} not registered: {names:?}");
    }
    let admin = commands.iter().find(|c| c["name"] == "faq-admin").unwrap();
    assert_eq!(
        admin["default_member_permissions"], "8192",
        "hidden from members who lack Manage Messages"
    );
    let menu = commands
        .iter()
        .find(|c| c["name"] == "Answer with knotbot")
        .unwrap();
    assert_eq!(menu["type"], 3, "a message context-menu command");
}

#[tokio::test(flavor = "multi_thread")]
async fn answers_mentions_dms_and_help_channels_but_not_bots_or_chatter() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;

    let reply = mention_and_wait(&fake, "why does my butt hurt when i sit all day").await;
    let e = embed(&reply);
    assert!(
        e["title"].as_str().unwrap().to_lowercase().contains("sit"),
        "{}",
        reply.one_line()
    );
    assert!(e["footer"]["text"]
        .as_str()
        .unwrap()
        .contains("not medical advice"));
    assert!(
        reply.body["message_reference"]["message_id"].is_string(),
        "a reply to the member's message"
    );
    assert_eq!(reply.body["allowed_mentions"]["parse"], json!([]));
    assert_eq!(reply.body["allowed_mentions"]["replied_user"], json!(true));

    fake.dispatch(
        "MESSAGE_CREATE",
        dm_message(DM_CHANNEL_ID, USER_ID, "what is wallet neuritis"),
    );
    let reply = fake.wait_message(DM_CHANNEL_ID, secs(15)).await;
    assert_says(&reply, "wallet");

    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(
            OTHER_CHANNEL_ID,
            USER_ID,
            "does stretching help get rid of glute knots",
        ),
    );
    let reply = fake.wait_message(OTHER_CHANNEL_ID, secs(15)).await;
    assert_says(&reply, "stretch");

    // Not addressed, not a help channel; chatter in a help channel; a bot.
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(GENERAL_CHANNEL_ID, USER_ID, "what is wallet neuritis"),
    );
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(OTHER_CHANNEL_ID, USER_ID, "gm everyone, leg day today"),
    );
    fake.dispatch(
        "MESSAGE_CREATE",
        bot_message(OTHER_CHANNEL_ID, OWNER_ID, "what is wallet neuritis"),
    );
    fake.wait_no_request("POST", "/messages", secs(3)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_red_flag_gets_the_care_prompt_even_with_no_match() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(
            OTHER_CHANNEL_ID,
            USER_ID,
            "my whole leg keeps going numb and tingly",
        ),
    );
    let reply = fake.wait_message(OTHER_CHANNEL_ID, secs(15)).await;
    let description = embed(&reply)["description"].as_str().unwrap().to_string();
    assert!(
        description.starts_with(&prompt_start("numbness-tingling")),
        "care prompt first: {description}"
    );
}

/// Discord refusing the full reply (a component it will not take, a bad
/// embed) must not cost a warning sign its care prompt: the prompt is sent
/// again as plain text.
#[tokio::test(flavor = "multi_thread")]
async fn a_refused_reply_with_a_care_prompt_is_followed_by_the_prompt_alone() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    fake.fail_next(
        "POST",
        "/messages",
        400,
        json!({"message": "Invalid Form Body", "code": 50035}),
    );
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(
            OTHER_CHANNEL_ID,
            USER_ID,
            "my whole leg keeps going numb and tingly",
        ),
    );
    let refused = fake.wait_message(OTHER_CHANNEL_ID, secs(15)).await;
    assert_eq!(refused.status, 400);
    let plain = fake.wait_message(OTHER_CHANNEL_ID, secs(15)).await;
    assert_eq!(plain.status, 200, "{}", plain.one_line());
    let content = plain.body["content"].as_str().unwrap_or_default();
    assert!(
        content.starts_with(&prompt_start("numbness-tingling")),
        "the care prompt as plain text: {}",
        plain.one_line()
    );
    assert!(
        plain.body["components"]
            .as_array()
            .is_none_or(|c| c.is_empty()),
        "{}",
        plain.one_line()
    );
    assert_no_pings(&plain);
    assert!(bot.log().contains("could not post an answer"));
}

/// A display name is printed as text, never as a mention Discord renders.
#[tokio::test(flavor = "multi_thread")]
async fn the_right_click_header_escapes_the_authors_name() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    let mut target = guild_message(GENERAL_CHANNEL_ID, OWNER_ID, "what is wallet neuritis");
    target["author"]["global_name"] = json!("@everyone <@&1100000000000000020> **boss**");
    let menu = message_context_menu("Answer with knotbot", &target);
    fake.dispatch("INTERACTION_CREATE", menu.clone());
    let r = fake.wait_callback(&menu, secs(15)).await;
    let header = r.body["data"]["content"].as_str().unwrap_or_default();
    assert!(header.starts_with("Answering "), "{}", r.one_line());
    assert!(
        !header.contains("@everyone") && !header.contains("<@&"),
        "no mention syntax left: {header}"
    );
    assert!(header.contains("boss"), "{header}");
    assert_no_pings(&r);
}

#[tokio::test(flavor = "multi_thread")]
async fn unsure_when_addressed_offers_did_you_mean_buttons() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    let reply = mention_and_wait(&fake, "what do i do").await;
    let buttons = reply.body["components"][0]["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        !buttons.is_empty() && buttons.len() <= 3,
        "{}",
        reply.one_line()
    );
    let custom_id = buttons[0]["custom_id"].as_str().unwrap().to_string();
    assert!(custom_id.starts_with("knotbot:show:"));
    let click = button_click(&custom_id, &reply.response);
    fake.dispatch("INTERACTION_CREATE", click.clone());
    let shown = fake.wait_callback(&click, secs(15)).await;
    assert_eq!(shown.body["type"], 4);
    assert_eq!(
        shown.body["data"]["flags"], 64,
        "shown to the member who clicked"
    );
    assert!(shown.body["data"]["embeds"][0]["description"].is_string());
}

/// Under a sure answer, the entry's curated `related` entries are buttons
/// ("See also"), so the next read is one tap away on a phone.
#[tokio::test(flavor = "multi_thread")]
async fn a_sure_answer_offers_its_related_entries_as_buttons() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    let reply = mention_and_wait(&fake, "should i ice or heat my knot after leg day").await;
    assert_says(&reply, "heat");
    let k = knotbot::Knowledge::shipped().unwrap();
    let wanted: Vec<String> = k
        .entry("heat-vs-ice")
        .unwrap()
        .related
        .iter()
        .map(|id| format!("knotbot:show:{id}"))
        .collect();
    let buttons = reply.body["components"][0]["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let ids: Vec<&str> = buttons
        .iter()
        .filter_map(|b| b["custom_id"].as_str())
        .collect();
    assert_eq!(ids, wanted, "{}", reply.one_line());
}

#[tokio::test(flavor = "multi_thread")]
async fn slash_commands_autocomplete_and_the_context_menu() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    let everyone = perms::EVERYONE;

    let ask = slash_command(
        "ask",
        json!([option("question", "heat or ice for a glute knot?")]),
        &[],
        everyone,
    );
    fake.dispatch("INTERACTION_CREATE", ask.clone());
    let r = fake.wait_callback(&ask, secs(15)).await;
    assert_eq!(r.body["type"], 4);
    assert!(r.text().to_lowercase().contains("heat"), "{}", r.one_line());
    assert_no_pings(&r);

    let typing = autocomplete(
        "topic",
        json!([{"name": "name", "type": 3, "value": "piri", "focused": true}]),
    );
    fake.dispatch("INTERACTION_CREATE", typing.clone());
    let r = fake.wait_callback(&typing, secs(15)).await;
    assert_eq!(r.body["type"], 8, "an autocomplete result");
    let choices: Vec<&str> = r.body["data"]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert_eq!(choices.first(), Some(&"topic-piriformis"), "{choices:?}");

    let topic = slash_command(
        "topic",
        json!([option("name", "topic-piriformis")]),
        &[],
        everyone,
    );
    fake.dispatch("INTERACTION_CREATE", topic.clone());
    let r = fake.wait_callback(&topic, secs(15)).await;
    assert!(
        embed(&r)["title"].as_str().unwrap().contains("Piriformis"),
        "{}",
        r.one_line()
    );

    let typing = autocomplete(
        "faq",
        json!([{"name": "show", "type": 1, "options": [{"name": "entry", "type": 3, "value": "wallet", "focused": true}]}]),
    );
    fake.dispatch("INTERACTION_CREATE", typing.clone());
    let r = fake.wait_callback(&typing, secs(15)).await;
    assert!(r.text().contains("wallet-pocket"), "{}", r.one_line());

    let show = slash_command(
        "faq",
        subcommand("show", json!([option("entry", "wallet-pocket")])),
        &[],
        everyone,
    );
    fake.dispatch("INTERACTION_CREATE", show.clone());
    let r = fake.wait_callback(&show, secs(15)).await;
    assert_says(&r, "wallet");

    let stretch = slash_command(
        "stretch",
        json!([option("date", "2026-11-21")]),
        &[],
        everyone,
    );
    fake.dispatch("INTERACTION_CREATE", stretch.clone());
    let r = fake.wait_callback(&stretch, secs(15)).await;
    let k = knotbot::Knowledge::shipped().unwrap();
    let expected = knotbot::stretch::of_the_day(
        &k.stretches,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
    );
    assert!(
        r.text().contains(&expected.name),
        "the same stretch as `knotbot stretch`: {}",
        r.one_line()
    );

    let help = slash_command("help", json!([]), &[], everyone);
    fake.dispatch("INTERACTION_CREATE", help.clone());
    let r = fake.wait_callback(&help, secs(15)).await;
    assert_eq!(r.body["data"]["flags"], 64);
    assert!(r.text().contains("/ask"));

    let target = guild_message(
        GENERAL_CHANNEL_ID,
        OWNER_ID,
        "is it sciatica or just a knot in my glute",
    );
    let menu = message_context_menu("Answer with knotbot", &target);
    fake.dispatch("INTERACTION_CREATE", menu.clone());
    let r = fake.wait_callback(&menu, secs(15)).await;
    assert_says(&r, "sciatica");
    assert_no_pings(&r);
}

/// The modal the bot opened in answer to `interaction`: its custom id and
/// the pre-filled values by field.
async fn modal_of(fake: &FakeDiscord, interaction: &Value) -> (String, Vec<(String, String)>) {
    let r = fake.wait_callback(interaction, secs(15)).await;
    assert_eq!(r.body["type"], 9, "a modal: {}", r.one_line());
    let data = &r.body["data"];
    let fields = data["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let input = &row["components"][0];
            (
                input["custom_id"].as_str().unwrap().to_string(),
                input["value"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    // poise starts listening for the submit just after the modal is sent; a
    // person takes seconds to fill it in, a test must at least let it start.
    tokio::time::sleep(Duration::from_millis(500)).await;
    (data["custom_id"].as_str().unwrap().to_string(), fields)
}

fn moderator_command(options: Value) -> Value {
    slash_command("faq-admin", options, &[MOD_ROLE_ID], perms::EVERYONE)
}

/// A form submitted by the moderator of [`moderator_command`]: Discord
/// sends the member, roles and all, with every interaction.
fn moderator_submits(custom_id: &str, fields: &[(&str, &str)]) -> Value {
    as_member(
        modal_submit(custom_id, fields),
        USER_ID,
        &[MOD_ROLE_ID],
        perms::EVERYONE,
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn moderators_add_and_edit_entries_through_modals_and_they_persist() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    let faq = bot.path("faq.toml");
    let before = std::fs::read_to_string(&faq).unwrap();

    let add = moderator_command(subcommand("add", json!([])));
    fake.dispatch("INTERACTION_CREATE", add.clone());
    let (custom_id, _) = modal_of(&fake, &add).await;
    let answer = "Cycling shorts with a thick pad help. @everyone should know this!";
    let submit = moderator_submits(
        &custom_id,
        &[
            ("question", "Can skiing give me a glute knot?"),
            (
                "aliases",
                "ski trip made my glute knotty\nglute knot from my ski trip",
            ),
            ("answer", answer),
        ],
    );
    fake.dispatch("INTERACTION_CREATE", submit.clone());
    fake.wait_callback(&submit, secs(15)).await;
    let done = fake.wait_request("POST", "/webhooks/", secs(15)).await;
    assert!(
        done.text().contains("Added `can-skiing-give-me-a-glute`"),
        "{}",
        done.one_line()
    );

    let after = std::fs::read_to_string(&faq).unwrap();
    assert!(
        after.starts_with(&before),
        "the rest of faq.toml, comments included, is untouched"
    );
    assert!(after.contains("id = \"can-skiing-give-me-a-glute\"") && after.contains(answer));
    knotbot::Knowledge::load_dir(bot.dir.path()).expect("the file on disk is valid");

    // The new entry answers at once, and its @everyone pings nobody.
    let reply = mention_and_wait(&fake, "glute knot from my ski trip in the alps").await;
    assert!(
        reply.text().contains("@everyone should know"),
        "{}",
        reply.one_line()
    );
    assert_eq!(reply.body["allowed_mentions"]["parse"], json!([]));

    let edit = moderator_command(subcommand(
        "edit",
        json!([option("entry", "wallet-pocket")]),
    ));
    fake.dispatch("INTERACTION_CREATE", edit.clone());
    let (custom_id, prefilled) = modal_of(&fake, &edit).await;
    let shipped = knotbot::Knowledge::shipped().unwrap();
    let current = shipped.entry("wallet-pocket").unwrap();
    let value_of = |name: &str| {
        prefilled
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert_eq!(
        value_of("question"),
        current.title,
        "the form opens with the current text"
    );
    assert_eq!(value_of("answer"), current.body);
    let submit = moderator_submits(
        &custom_id,
        &[
            ("question", &current.title),
            ("aliases", &value_of("aliases")),
            ("answer", "Sit on an empty back pocket."),
        ],
    );
    fake.dispatch("INTERACTION_CREATE", submit.clone());
    fake.wait_callback(&submit, secs(15)).await;
    let done = fake.wait_request("POST", "/webhooks/", secs(15)).await;
    assert!(
        done.text().contains("Saved `wallet-pocket`"),
        "{}",
        done.one_line()
    );
    let k = knotbot::Knowledge::load_dir(bot.dir.path()).unwrap();
    assert_eq!(
        k.entry("wallet-pocket").unwrap().body,
        "Sit on an empty back pocket."
    );
    assert_eq!(
        k.entry("wallet-pocket").unwrap().keywords,
        current.keywords,
        "fields the form does not show are kept"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_edit_is_refused_with_the_reason_and_nothing_is_written() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    let before = std::fs::read_to_string(bot.path("faq.toml")).unwrap();
    let add = moderator_command(subcommand("add", json!([])));
    fake.dispatch("INTERACTION_CREATE", add.clone());
    let (custom_id, _) = modal_of(&fake, &add).await;
    let taken = knotbot::Knowledge::shipped()
        .unwrap()
        .entry("sitting")
        .unwrap()
        .aliases[0]
        .clone();
    let submit = moderator_submits(
        &custom_id,
        &[
            ("question", "A question with a taken alias?"),
            ("aliases", &taken),
            ("answer", "Text."),
        ],
    );
    fake.dispatch("INTERACTION_CREATE", submit.clone());
    fake.wait_callback(&submit, secs(15)).await;
    let refused = fake.wait_request("POST", "/webhooks/", secs(15)).await;
    assert!(
        refused.text().contains("nothing was saved")
            && refused.text().contains("also used by \"sitting\""),
        "{}",
        refused.one_line()
    );
    assert_eq!(refused.body["flags"], 64, "only the moderator sees it");
    assert_eq!(
        std::fs::read_to_string(bot.path("faq.toml")).unwrap(),
        before
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn remove_asks_first_then_removes() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    let remove = moderator_command(subcommand(
        "remove",
        json!([option("entry", "wallet-pocket")]),
    ));
    fake.dispatch("INTERACTION_CREATE", remove.clone());
    let ask = fake.wait_callback(&remove, secs(15)).await;
    let buttons = ask.body["data"]["components"][0]["components"]
        .as_array()
        .unwrap()
        .clone();
    let yes = buttons.iter().find(|b| b["label"] == "Remove").unwrap()["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        knotbot::Knowledge::load_dir(bot.dir.path())
            .unwrap()
            .entry("wallet-pocket")
            .is_some(),
        "nothing removed before confirming"
    );
    // As with modals, the bot starts listening for the click just after asking.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut click = button_click(
        &yes,
        &bot_reply(GENERAL_CHANNEL_ID, "Remove `wallet-pocket`?"),
    );
    click["member"] = member(USER_ID, &[MOD_ROLE_ID], Some(perms::EVERYONE.to_string()));
    fake.dispatch("INTERACTION_CREATE", click.clone());
    let done = fake.wait_callback(&click, secs(15)).await;
    assert_eq!(done.body["type"], 7, "the confirmation message is updated");
    assert!(done.text().contains("Removed `wallet-pocket`"));
    assert!(knotbot::Knowledge::load_dir(bot.dir.path())
        .unwrap()
        .entry("wallet-pocket")
        .is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn members_without_the_role_are_refused_on_the_server_side() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    let before = std::fs::read_to_string(bot.path("faq.toml")).unwrap();
    // Crafted directly, as a modified client could: Discord's hiding of the
    // command is not what protects it.
    for sub in [
        subcommand("add", json!([])),
        subcommand("edit", json!([option("entry", "sitting")])),
        subcommand("remove", json!([option("entry", "sitting")])),
        subcommand("list", json!([])),
    ] {
        let attempt = slash_command("faq-admin", sub, &[], perms::EVERYONE);
        fake.dispatch("INTERACTION_CREATE", attempt.clone());
        let r = fake.wait_callback(&attempt, secs(15)).await;
        assert_eq!(
            r.body["type"],
            4,
            "a message, not a modal: {}",
            r.one_line()
        );
        assert_eq!(r.body["data"]["flags"], 64);
        assert!(r.text().contains("Only moderators"), "{}", r.one_line());
    }
    // Manage Messages without the role is enough.
    let list = slash_command(
        "faq-admin",
        subcommand("list", json!([])),
        &[],
        perms::MODERATOR,
    );
    fake.dispatch("INTERACTION_CREATE", list.clone());
    let r = fake.wait_callback(&list, secs(15)).await;
    assert!(r.text().contains("`sitting`"), "{}", r.one_line());
    assert_eq!(
        std::fs::read_to_string(bot.path("faq.toml")).unwrap(),
        before
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bot_resumes_after_the_gateway_drops_and_answers_again() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, "").await;
    fake.wait_request("PUT", "/commands", secs(20)).await;
    fake.close_gateway(4000);
    let resume = fake.wait_resume(secs(30)).await;
    assert!(
        resume["d"]["session_id"].is_string() || resume["session_id"].is_string(),
        "{resume}"
    );
    let reply = mention_and_wait(&fake, "what is wallet neuritis").await;
    assert!(reply.text().to_lowercase().contains("wallet"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rest_500_is_logged_and_survived() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    fake.fail_next(
        "POST",
        "/messages",
        500,
        json!({"message": "Internal Server Error", "code": 0}),
    );
    let failed = mention_and_wait(&fake, "what is wallet neuritis").await;
    assert_eq!(failed.status, 500);
    let ok = mention_and_wait(&fake, "does stretching help glute knots").await;
    assert_eq!(ok.status, 200);
    // Events are handled concurrently: the first answer's failure may be
    // logged a moment after the second answer went out.
    let logged = (0..50).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        bot.log().contains("could not post an answer")
    });
    assert!(logged, "the failure is logged:\n{}", bot.log());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_daily_stretch_is_posted_once_even_across_a_restart() {
    let fake = FakeDiscord::start().await;
    let stretch =
        format!("[stretch]\nchannel = {OTHER_CHANNEL_ID}\ntime = \"00:00\"\ntimezone = \"UTC\"\n");
    let bot = Bot::start(&fake, &stretch).await;
    let post = fake.wait_message(OTHER_CHANNEL_ID, secs(20)).await;
    assert!(
        post.text().contains("Stretch of the day"),
        "{}",
        post.one_line()
    );
    // The date is recorded once Discord has taken the post.
    let recorded = (0..50).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        std::fs::read_to_string(bot.path("state.toml"))
            .is_ok_and(|s| s.contains("last_stretch_posted"))
    });
    assert!(recorded, "the post date is kept in the state file");
    let dir = bot.stop();

    let again = FakeDiscord::start().await;
    let _bot = Bot::start_in(&again, dir, &stretch).await;
    again.wait_identify(secs(20)).await;
    again.wait_request("PUT", "/commands", secs(20)).await;
    again.wait_no_request("POST", "/messages", secs(3)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn knowledge_changed_on_disk_is_picked_up_and_a_broken_file_is_reported() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    fake.wait_request("PUT", "/commands", secs(20)).await;
    let faq = bot.path("faq.toml");
    let text = std::fs::read_to_string(&faq).unwrap();
    let k = knotbot::Knowledge::shipped().unwrap();
    let old = k.entry("wallet-pocket").unwrap().body.clone();
    let first_line = old.lines().next().unwrap();
    std::fs::write(&faq, text.replacen(first_line, "FRESH FROM A GIT PULL.", 1)).unwrap();
    wait_until_answer_contains(&fake, "what is wallet neuritis", "FRESH FROM A GIT PULL").await;

    std::fs::write(bot.path("topics.toml"), "[[topic]\nbroken").unwrap();
    let report = fake.wait_message(LOG_CHANNEL_ID, secs(15)).await;
    assert!(
        report.text().contains("topics.toml:1"),
        "{}",
        report.one_line()
    );
    let reply = mention_and_wait(&fake, "what is wallet neuritis").await;
    assert!(
        reply.text().contains("FRESH FROM A GIT PULL"),
        "the last good knowledge still answers"
    );
}

/// A file left broken is logged and reported once, not re-read and
/// logged on every wake-up of the watcher (which its own reads once
/// caused: about three times a second); it is reported again only when it
/// changes.
#[tokio::test(flavor = "multi_thread")]
async fn a_file_left_broken_is_reported_once_until_it_changes() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    fake.wait_request("PUT", "/commands", secs(20)).await;
    let logged = |bot: &Bot| bot.log().matches("knowledge on disk has problems").count();
    std::fs::write(bot.path("topics.toml"), "[[topic]\nbroken").unwrap();
    fake.wait_message(LOG_CHANNEL_ID, secs(15)).await;
    // Long enough for many wake-ups, had the reads woken the watcher.
    tokio::time::sleep(secs(4)).await;
    assert_eq!(logged(&bot), 1, "{}", bot.log());
    fake.wait_no_request(
        "POST",
        format!("/channels/{LOG_CHANNEL_ID}/messages"),
        secs(1),
    )
    .await;

    std::fs::write(bot.path("topics.toml"), "[[topic]\nbroken differently").unwrap();
    let again = fake.wait_message(LOG_CHANNEL_ID, secs(15)).await;
    assert!(
        again.text().contains("topics.toml:1"),
        "{}",
        again.one_line()
    );
    tokio::time::sleep(secs(2)).await;
    assert_eq!(logged(&bot), 2, "{}", bot.log());
}

/// Asks until the answer changes (the watcher reloads a moment after the
/// write), for up to ten seconds.
async fn wait_until_answer_contains(fake: &FakeDiscord, question: &str, text: &str) {
    for _ in 0..20 {
        fake.dispatch(
            "MESSAGE_CREATE",
            mention_bot(GENERAL_CHANNEL_ID, USER_ID, question),
        );
        let reply = fake.wait_message(GENERAL_CHANNEL_ID, secs(15)).await;
        if reply.text().contains(text) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("the answer never contained {text:?}");
}

#[test]
fn run_without_a_token_exits_2_at_once() {
    let started = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_knotbot"))
        .arg("run")
        .env_remove("DISCORD_TOKEN")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("DISCORD_TOKEN"));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "well within a second in practice"
    );
}

#[test]
fn a_config_with_an_unknown_setting_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path: &Path = &dir.path().join("config.toml");
    std::fs::write(path, "[answering]\nhelp_channel = [1]\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_knotbot"))
        .args(["run", "--config"])
        .arg(path)
        .env("DISCORD_TOKEN", "x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml:2") && err.contains("help_channel"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one line: {err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_shuts_the_bot_down_cleanly() {
    let fake = FakeDiscord::start().await;
    let mut bot = Bot::start(&fake, "").await;
    fake.wait_request("PUT", "/commands", secs(20)).await;
    let sent = Command::new("kill")
        .args(["-TERM", &bot.pid().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = bot
        .wait_exit(Duration::from_secs(15))
        .expect("the bot exits after SIGTERM");
    assert!(status.success(), "a clean exit: {status:?}");
    assert!(bot.log().contains("shutting down"), "{}", bot.log());
}
