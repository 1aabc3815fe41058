//! Who may change the FAQ, and what the bot lets slip, end to end: the real
//! `knotbot run` against the fake Discord, with interactions crafted the way
//! a modified client (or someone replaying what they learned) could send them.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::bot::{Bot, Setup};
use support::*;

/// A guild the bot is not configured for, with a channel in it.
const FOREIGN_GUILD_ID: u64 = 1_100_000_000_000_000_090;
const FOREIGN_CHANNEL_ID: u64 = 1_100_000_000_000_000_091;

fn option(name: &str, value: &str) -> Value {
    json!({"name": name, "type": 3, "value": value})
}

fn subcommand(name: &str, options: Value) -> Value {
    json!([{"name": name, "type": 1, "options": options}])
}

fn faq_admin(sub: Value) -> Value {
    slash_command("faq-admin", sub, &[], perms::EVERYONE)
}

/// `interaction` invoked by the moderator [`MOD_USER_ID`] (role and Manage Messages).
fn by_moderator(interaction: Value) -> Value {
    as_member(interaction, MOD_USER_ID, &[MOD_ROLE_ID], perms::MODERATOR)
}

/// `interaction` invoked by the plain member [`USER_ID`].
fn by_member(interaction: Value) -> Value {
    as_member(interaction, USER_ID, &[], perms::EVERYONE)
}

fn faq_text(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("faq.toml")).unwrap()
}

fn entry_exists(dir: &std::path::Path, id: &str) -> bool {
    knotbot::Knowledge::load_dir(dir)
        .expect("the knowledge on disk is valid")
        .entry(id)
        .is_some()
}

async fn settled(fake: &FakeDiscord) {
    fake.wait_request("PUT", "/commands", secs(30)).await;
}

/// Opens the moderator's `/faq-admin add` modal; returns its custom id.
async fn open_add_modal(fake: &FakeDiscord) -> String {
    let add = by_moderator(faq_admin(subcommand("add", json!([]))));
    fake.dispatch("INTERACTION_CREATE", add.clone());
    let modal = fake.wait_callback(&add, secs(20)).await;
    assert_eq!(modal.body["type"], 9, "a modal: {}", modal.one_line());
    // poise starts listening for the submit just after sending the modal.
    tokio::time::sleep(Duration::from_millis(500)).await;
    modal.body["data"]["custom_id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn entry_form(custom_id: &str, question: &str, aliases: &str, answer: &str) -> Value {
    modal_submit(
        custom_id,
        &[
            ("question", question),
            ("aliases", aliases),
            ("answer", answer),
        ],
    )
}

/// Every callback and follow-up after the request at `from`.
fn replies_since(fake: &FakeDiscord, from: usize) -> Vec<Recorded> {
    fake.requests()
        .into_iter()
        .skip(from)
        .filter(|r| r.path.contains("/interactions/") || r.path.contains("/webhooks/"))
        .collect()
}

// ----------------------------------------------------------------------
// Members without the moderator role
// ----------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn a_member_crafting_every_moderator_command_is_refused_and_nothing_changes() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    let before = faq_text(bot.dir.path());
    let not_the_mod_role = 1_100_000_000_000_000_099;

    let attempts = [
        subcommand("add", json!([])),
        subcommand("edit", json!([option("entry", "wallet-pocket")])),
        subcommand("remove", json!([option("entry", "wallet-pocket")])),
        subcommand("list", json!([])),
    ];
    let mut refused = Vec::new();
    for sub in attempts {
        // No roles; then some other role (a role id is not proof of anything
        // but the configured one).
        for roles in [&[][..], &[not_the_mod_role][..]] {
            let attempt = as_member(faq_admin(sub.clone()), USER_ID, roles, perms::EVERYONE);
            fake.dispatch("INTERACTION_CREATE", attempt.clone());
            let r = fake.wait_callback(&attempt, secs(20)).await;
            assert_eq!(
                r.body["type"],
                4,
                "a message, never a modal: {}",
                r.one_line()
            );
            assert_eq!(r.body["data"]["flags"], 64, "only they see it");
            assert!(r.text().contains("Only moderators"), "{}", r.one_line());
            assert!(
                r.body["data"]["components"]
                    .as_array()
                    .is_none_or(|c| c.is_empty()),
                "no confirmation buttons: {}",
                r.one_line()
            );
            refused.push(attempt);
        }
    }
    // The same from a DM, where there is no member to check at all.
    for sub in [
        subcommand("add", json!([])),
        subcommand("remove", json!([option("entry", "wallet-pocket")])),
    ] {
        let attempt = in_dm(faq_admin(sub), USER_ID, DM_CHANNEL_ID);
        fake.dispatch("INTERACTION_CREATE", attempt.clone());
        let r = fake.wait_callback(&attempt, secs(20)).await;
        assert_eq!(r.body["type"], 4, "{}", r.one_line());
        assert!(!r.text().contains("Removed"), "{}", r.one_line());
    }

    // Guessing the ids a moderator's form or confirmation would have, from
    // the refused attempts: nobody is listening for them.
    let from = fake.requests().len();
    for attempt in &refused {
        let id = attempt["id"].as_str().unwrap();
        let forged = by_member(entry_form(
            id,
            "Who wrote this FAQ?",
            "forged alias",
            "FORGED ANSWER",
        ));
        fake.dispatch("INTERACTION_CREATE", forged);
        let click = by_member(button_click(
            &format!("{id}:remove"),
            &bot_reply(GENERAL_CHANNEL_ID, "Remove `wallet-pocket`?"),
        ));
        fake.dispatch("INTERACTION_CREATE", click);
    }
    fake.wait_no_request("POST", "/webhooks/", secs(3)).await;
    assert!(
        replies_since(&fake, from)
            .iter()
            .all(|r| !r.text().contains("Added") && !r.text().contains("Removed")),
        "{}",
        fake.summary()
    );
    assert_eq!(faq_text(bot.dir.path()), before, "faq.toml is untouched");

    // Not vacuous: the moderator's own list works in the same bot.
    let list = by_moderator(faq_admin(subcommand("list", json!([]))));
    fake.dispatch("INTERACTION_CREATE", list.clone());
    let r = fake.wait_callback(&list, secs(20)).await;
    assert!(r.text().contains("`wallet-pocket`"), "{}", r.one_line());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forged_modal_submit_by_a_member_is_not_saved() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    let before = faq_text(bot.dir.path());
    let custom_id = open_add_modal(&fake).await;

    // A member who learned the form's id submits it first.
    let forged = by_member(entry_form(
        &custom_id,
        "Who really runs this server?",
        "who runs this server",
        "FORGED: the answer a member slipped in.",
    ));
    fake.dispatch("INTERACTION_CREATE", forged.clone());
    tokio::time::sleep(secs(3)).await;
    let text = faq_text(bot.dir.path());
    assert!(
        !text.contains("FORGED"),
        "a non-moderator's submit was saved to faq.toml\n{}",
        fake.summary()
    );
    assert_eq!(text, before);
    let leaked: Vec<String> = replies_since(&fake, 0)
        .iter()
        .filter(|r| r.text().contains("Added"))
        .map(Recorded::one_line)
        .collect();
    assert!(leaked.is_empty(), "{leaked:?}");

    // The moderator's form is still open and theirs.
    let real = by_moderator(entry_form(
        &custom_id,
        "Does foam rolling help a glute knot?",
        "foam roller for my glute",
        "Roll slowly, two minutes a side.",
    ));
    fake.dispatch("INTERACTION_CREATE", real.clone());
    fake.wait_callback(&real, secs(20)).await;
    let done = fake.wait_request("POST", "/webhooks/", secs(20)).await;
    assert!(done.text().contains("Added"), "{}", done.one_line());
    let after = faq_text(bot.dir.path());
    assert!(after.contains("Roll slowly, two minutes a side."));
    assert!(!after.contains("FORGED"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forged_click_on_a_moderators_remove_confirmation_removes_nothing() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    let remove = by_moderator(faq_admin(subcommand(
        "remove",
        json!([option("entry", "wallet-pocket")]),
    )));
    fake.dispatch("INTERACTION_CREATE", remove.clone());
    let ask = fake.wait_callback(&remove, secs(20)).await;
    let buttons = ask.body["data"]["components"][0]["components"]
        .as_array()
        .unwrap_or_else(|| panic!("confirmation buttons: {}", ask.one_line()))
        .clone();
    let yes = buttons.iter().find(|b| b["label"] == "Remove").unwrap()["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let confirmation = bot_reply(GENERAL_CHANNEL_ID, "Remove `wallet-pocket`?");

    // A member with no role, and another with some other role, click "Remove".
    let forged = [
        by_member(button_click(&yes, &confirmation)),
        as_member(
            button_click(&yes, &confirmation),
            1_100_000_000_000_000_077,
            &[1_100_000_000_000_000_099],
            perms::EVERYONE,
        ),
    ];
    for click in &forged {
        fake.dispatch("INTERACTION_CREATE", click.clone());
    }
    tokio::time::sleep(secs(3)).await;
    assert!(
        entry_exists(bot.dir.path(), "wallet-pocket"),
        "removed by a non-moderator's click\n{}",
        fake.summary()
    );
    for click in &forged {
        let id = click["id"].as_str().unwrap();
        for r in fake.requests().iter().filter(|r| r.path.contains(id)) {
            assert!(!r.text().contains("Removed"), "{}", r.one_line());
        }
    }

    // The moderator's own click still works: the confirmation was live.
    let mine = by_moderator(button_click(&yes, &confirmation));
    fake.dispatch("INTERACTION_CREATE", mine.clone());
    let done = fake.wait_callback(&mine, secs(20)).await;
    assert!(
        done.text().contains("Removed `wallet-pocket`"),
        "{}",
        done.one_line()
    );
    assert!(!entry_exists(bot.dir.path(), "wallet-pocket"));
}

// ----------------------------------------------------------------------
// Moderators of another guild
// ----------------------------------------------------------------------

/// `interaction` moved into a guild the bot's moderators config does not list.
fn in_foreign_guild(mut interaction: Value) -> Value {
    let guild = FOREIGN_GUILD_ID.to_string();
    interaction["guild_id"] = json!(guild);
    interaction["channel_id"] = json!(FOREIGN_CHANNEL_ID.to_string());
    interaction["channel"] = json!({
        "id": FOREIGN_CHANNEL_ID.to_string(),
        "type": 0,
        "name": "foreign",
        "guild_id": guild,
        "permissions": perms::BOT.to_string(),
        "parent_id": null,
    });
    interaction["authorizing_integration_owners"] = json!({"0": guild});
    interaction
}

#[tokio::test(flavor = "multi_thread")]
async fn a_moderator_of_another_guild_cannot_edit_the_faq() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start_with(
        &fake,
        Setup {
            moderator_guilds: &[TEST_GUILD_ID],
            ..Setup::default()
        },
    )
    .await;
    settled(&fake).await;
    let before = faq_text(bot.dir.path());

    // Manage Messages there, and even a role with the same id.
    let foreign_mod = |sub: Value| {
        in_foreign_guild(as_member(
            faq_admin(sub),
            USER_ID,
            &[MOD_ROLE_ID],
            perms::MODERATOR,
        ))
    };
    for sub in [
        subcommand("add", json!([])),
        subcommand("edit", json!([option("entry", "wallet-pocket")])),
        subcommand("remove", json!([option("entry", "wallet-pocket")])),
        subcommand("list", json!([])),
    ] {
        let attempt = foreign_mod(sub);
        fake.dispatch("INTERACTION_CREATE", attempt.clone());
        let r = fake.wait_callback(&attempt, secs(20)).await;
        assert_editing_off(&r, &FOREIGN_GUILD_ID.to_string());
        assert!(
            !r.text().contains("`wallet-pocket`"),
            "no list: {}",
            r.one_line()
        );
    }
    fake.wait_no_request("POST", "/webhooks/", secs(2)).await;
    assert_eq!(faq_text(bot.dir.path()), before);
    assert!(entry_exists(bot.dir.path(), "wallet-pocket"));

    // Not vacuous: the same member with the same permissions in the
    // configured guild is a moderator.
    let home = as_member(
        faq_admin(subcommand("list", json!([]))),
        USER_ID,
        &[],
        perms::MODERATOR,
    );
    fake.dispatch("INTERACTION_CREATE", home.clone());
    let r = fake.wait_callback(&home, secs(20)).await;
    assert!(r.text().contains("`wallet-pocket`"), "{}", r.one_line());
}

/// Opens the moderator's add form, has `who` submit it with a foam-rolling
/// entry whose answer is `answer`, and returns the bot's follow-up.
async fn submit_add_form(
    fake: &FakeDiscord,
    who: impl Fn(Value) -> Value,
    answer: &str,
) -> Recorded {
    let custom_id = open_add_modal(fake).await;
    let form = who(entry_form(
        &custom_id,
        "Does foam rolling help a glute knot?",
        "foam roller for my glute",
        answer,
    ));
    fake.dispatch("INTERACTION_CREATE", form);
    fake.wait_request("POST", "/webhooks/", secs(20)).await
}

/// `r` is the private "editing is off" message (never a form or buttons),
/// and says `how` to turn it on.
fn assert_editing_off(r: &Recorded, how: &str) {
    assert_eq!(
        r.body["type"],
        4,
        "a message, never a modal: {}",
        r.one_line()
    );
    assert_eq!(r.body["data"]["flags"], 64, "only they see it");
    assert!(
        r.body["data"]["components"]
            .as_array()
            .is_none_or(|c| c.is_empty()),
        "no buttons: {}",
        r.one_line()
    );
    assert!(
        r.text().contains("Editing the FAQ is off in this server") && r.text().contains(how),
        "says editing is off and how to turn it on: {}",
        r.one_line()
    );
}

/// The default config trusts no server but the one commands are
/// registered in: a public bot invited to a stranger's server does not let
/// its admins rewrite the FAQ every server reads.
#[tokio::test(flavor = "multi_thread")]
async fn by_default_only_the_configured_guild_may_edit() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    let before = faq_text(bot.dir.path());
    let stranger_admin = in_foreign_guild(as_member(
        faq_admin(subcommand(
            "remove",
            json!([option("entry", "cauda-equina")]),
        )),
        USER_ID,
        &[],
        perms::MODERATOR | perms::ADMINISTRATOR,
    ));
    fake.dispatch("INTERACTION_CREATE", stranger_admin.clone());
    let r = fake.wait_callback(&stranger_admin, secs(20)).await;
    assert_editing_off(&r, &FOREIGN_GUILD_ID.to_string());
    fake.wait_no_request("POST", "/webhooks/", secs(2)).await;
    assert_eq!(faq_text(bot.dir.path()), before);

    // The configured guild's moderator may.
    let done = submit_add_form(&fake, by_moderator, "Roll slowly, two minutes a side.").await;
    assert!(done.text().contains("Added"), "{}", done.one_line());
}

/// With no server named at all (commands registered globally, no
/// `[moderators] guilds`), nobody can edit from Discord.
#[tokio::test(flavor = "multi_thread")]
async fn with_no_server_named_editing_is_off_everywhere() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start_with(
        &fake,
        Setup {
            command_guild: None,
            ..Setup::default()
        },
    )
    .await;
    fake.wait_request("PUT", "/commands", secs(30)).await;
    let before = faq_text(bot.dir.path());
    let add = by_moderator(faq_admin(subcommand("add", json!([]))));
    fake.dispatch("INTERACTION_CREATE", add.clone());
    let r = fake.wait_callback(&add, secs(20)).await;
    assert_editing_off(&r, "[moderators]");
    assert_eq!(faq_text(bot.dir.path()), before);
}

/// Someone half way through a hand edit when a moderator adds from
/// Discord: the add is refused with the file and line to fix, and the
/// hand-written text is left exactly as it is.
#[tokio::test(flavor = "multi_thread")]
async fn an_edit_on_a_file_broken_on_disk_is_refused_with_its_line() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    let path = bot.dir.path().join("faq.toml");
    let good = faq_text(bot.dir.path());
    let broken = format!("{good}\n[[faq]]\nid = \"mine\"\nquestion = \"Half written\n");
    std::fs::write(&path, &broken).unwrap();
    let line = good.lines().count() + 4;

    let r = submit_add_form(&fake, by_moderator, "Roll slowly, two minutes a side.").await;
    assert!(
        r.text().contains("Nothing was saved") && r.text().contains(&format!("faq.toml:{line}:")),
        "{}",
        r.one_line()
    );
    assert!(
        !r.text().contains(&bot.dir.path().display().to_string()),
        "no host paths"
    );
    assert_eq!(
        faq_text(bot.dir.path()),
        broken,
        "the hand edit is untouched"
    );
}

/// The role is checked again when the form comes back and when the
/// removal is confirmed: a moderator demoted in between changes nothing.
#[tokio::test(flavor = "multi_thread")]
async fn a_moderator_who_loses_the_role_cannot_finish_an_edit() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "").await;
    settled(&fake).await;
    let before = faq_text(bot.dir.path());
    let demoted = |interaction: Value| as_member(interaction, MOD_USER_ID, &[], perms::EVERYONE);

    let r = submit_add_form(
        &fake,
        demoted,
        "DEMOTED: saved after the role was taken away.",
    )
    .await;
    assert!(
        r.text().contains("Only moderators") && r.text().contains("Nothing was saved"),
        "{}",
        r.one_line()
    );
    assert_eq!(faq_text(bot.dir.path()), before);

    let remove = by_moderator(faq_admin(subcommand(
        "remove",
        json!([option("entry", "wallet-pocket")]),
    )));
    fake.dispatch("INTERACTION_CREATE", remove.clone());
    let ask = fake.wait_callback(&remove, secs(20)).await;
    let yes = ask.body["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap_or_else(|| panic!("confirmation buttons: {}", ask.one_line()))
        .to_string();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let click = demoted(button_click(
        &yes,
        &bot_reply(GENERAL_CHANNEL_ID, "Remove `wallet-pocket`?"),
    ));
    fake.dispatch("INTERACTION_CREATE", click.clone());
    let r = fake.wait_callback(&click, secs(20)).await;
    assert!(r.text().contains("Nothing was removed"), "{}", r.one_line());
    assert!(entry_exists(bot.dir.path(), "wallet-pocket"));
}

// ----------------------------------------------------------------------
// The token
// ----------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn the_token_never_appears_in_the_log_even_at_trace_level() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start_with(
        &fake,
        Setup {
            log_level: "trace",
            ..Setup::default()
        },
    )
    .await;
    settled(&fake).await;

    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(GENERAL_CHANNEL_ID, USER_ID, "what is wallet neuritis"),
    );
    fake.wait_message(GENERAL_CHANNEL_ID, secs(20)).await;
    let ask = slash_command(
        "ask",
        json!([option("question", "heat or ice for a glute knot?")]),
        &[],
        perms::EVERYONE,
    );
    fake.dispatch("INTERACTION_CREATE", ask.clone());
    fake.wait_callback(&ask, secs(20)).await;
    let list = by_moderator(faq_admin(subcommand("list", json!([]))));
    fake.dispatch("INTERACTION_CREATE", list.clone());
    fake.wait_callback(&list, secs(20)).await;
    let refused = by_member(faq_admin(subcommand("add", json!([]))));
    fake.dispatch("INTERACTION_CREATE", refused.clone());
    fake.wait_callback(&refused, secs(20)).await;
    // A failing request and a reconnect: the paths most likely to dump
    // requests and identify payloads.
    fake.fail_next(
        "POST",
        "/messages",
        401,
        json!({"message": "401: Unauthorized", "code": 0}),
    );
    fake.dispatch(
        "MESSAGE_CREATE",
        mention_bot(
            GENERAL_CHANNEL_ID,
            USER_ID,
            "does stretching help glute knots",
        ),
    );
    fake.wait_message(GENERAL_CHANNEL_ID, secs(20)).await;
    fake.close_gateway(4000);
    fake.wait_resume(secs(40)).await;
    fake.dispatch(
        "MESSAGE_CREATE",
        dm_message(DM_CHANNEL_ID, USER_ID, "what is wallet neuritis"),
    );
    fake.wait_message(DM_CHANNEL_ID, secs(20)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    let log = bot.log();
    assert!(
        log.len() > 20_000 && log.contains("TRACE"),
        "the log is at trace level and substantial ({} bytes), so the check means something:\n{}",
        log.len(),
        &log[..log.len().min(2000)]
    );
    assert!(
        !log.contains(&format!("Bot {TOKEN}")),
        "the Authorization header is in the log"
    );
    let lines: Vec<&str> = log.lines().filter(|l| l.contains(TOKEN)).collect();
    assert!(
        lines.is_empty(),
        "the token appears in the log on {} lines, e.g.:\n{}",
        lines.len(),
        lines
            .iter()
            .take(3)
            .map(|l| &l[..l.len().min(600)])
            .collect::<Vec<_>>()
            .join("\n")
    );
}
