//! Smoke tests of the fake Discord in `tests/support`: a plain serenity
//! client (no bot code) connects through it, answers messages and
//! interactions, survives a gateway close by resuming, and sees scripted REST
//! failures exactly once.

mod support;

use std::time::Duration;

use serde_json::json;
use serenity::async_trait;
use serenity::builder::{
    CreateActionRow, CreateAutocompleteResponse, CreateButton, CreateCommand,
    CreateInteractionResponse, CreateInteractionResponseMessage, EditInteractionResponse,
};
use serenity::client::{ClientBuilder, Context, EventHandler};
use serenity::http::HttpBuilder;
use serenity::model::application::{ActionRowComponent, Command, CommandType, Interaction};
use serenity::model::channel::Message;
use serenity::model::gateway::{GatewayIntents, Ready};
use support::*;

const WAIT: Duration = Duration::from_secs(10);

/// A minimal bot: "ping" → "pong", registers `/ping` on READY, and answers
/// each kind of interaction.
struct Pong;

#[async_trait]
impl EventHandler for Pong {
    async fn ready(&self, ctx: Context, _ready: Ready) {
        let commands = vec![
            CreateCommand::new("ping").description("Answers pong"),
            CreateCommand::new("Quote").kind(CommandType::Message),
        ];
        if let Err(e) = Command::set_global_commands(&ctx.http, commands).await {
            eprintln!("registering commands failed: {e}");
        }
    }

    async fn message(&self, ctx: Context, msg: Message) {
        if msg.author.bot || msg.content != "ping" {
            return;
        }
        if let Err(e) = msg.channel_id.say(&ctx.http, "pong").await {
            eprintln!("say failed: {e}");
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let result = match interaction {
            Interaction::Command(cmd) if cmd.data.kind == CommandType::Message => {
                let quoted = cmd
                    .data
                    .resolved
                    .messages
                    .values()
                    .next()
                    .map(|m| m.content.clone());
                let reply = CreateInteractionResponseMessage::new()
                    .content(format!("quote: {}", quoted.unwrap_or_default()));
                cmd.create_response(&ctx.http, CreateInteractionResponse::Message(reply))
                    .await
            }
            Interaction::Command(cmd) => {
                let button = CreateButton::new("again").label("Again");
                let reply = CreateInteractionResponseMessage::new()
                    .content("pong")
                    .components(vec![CreateActionRow::Buttons(vec![button])]);
                match cmd
                    .create_response(&ctx.http, CreateInteractionResponse::Message(reply))
                    .await
                {
                    Ok(()) => cmd
                        .edit_response(
                            &ctx.http,
                            EditInteractionResponse::new().content("pong (edited)"),
                        )
                        .await
                        .map(|_| ()),
                    Err(e) => Err(e),
                }
            }
            Interaction::Autocomplete(ac) => {
                let choices =
                    CreateAutocompleteResponse::new().add_string_choice("gluteus medius", "gmed");
                ac.create_response(&ctx.http, CreateInteractionResponse::Autocomplete(choices))
                    .await
            }
            Interaction::Component(click) => {
                let update = CreateInteractionResponseMessage::new()
                    .content(format!("clicked {}", click.data.custom_id));
                click
                    .create_response(&ctx.http, CreateInteractionResponse::UpdateMessage(update))
                    .await
            }
            Interaction::Modal(modal) => {
                let value = modal
                    .data
                    .components
                    .iter()
                    .flat_map(|row| row.components.iter())
                    .find_map(|c| match c {
                        ActionRowComponent::InputText(input) => input.value.clone(),
                        _ => None,
                    })
                    .unwrap_or_default();
                let reply = CreateInteractionResponseMessage::new().content(format!("got {value}"));
                modal
                    .create_response(&ctx.http, CreateInteractionResponse::Message(reply))
                    .await
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            eprintln!("answering an interaction failed: {e}");
        }
    }
}

/// Starts a serenity client against the fake in a background task.
async fn start_client(fake: &FakeDiscord) -> tokio::task::JoinHandle<()> {
    let http = HttpBuilder::new(TOKEN)
        .proxy(fake.base_url())
        .ratelimiter_disabled(true)
        .build();
    let intents = GatewayIntents::GUILDS
        | GatewayIntents::GUILD_MESSAGES
        | GatewayIntents::DIRECT_MESSAGES
        | GatewayIntents::MESSAGE_CONTENT;
    let mut client = ClientBuilder::new_with_http(http, intents)
        .event_handler(Pong)
        .await
        .expect("the serenity client builds");
    tokio::spawn(async move {
        if let Err(e) = client.start().await {
            eprintln!("client stopped: {e}");
        }
    })
}

/// Starts the fake and a client, and waits until the client identified.
async fn connected() -> (FakeDiscord, tokio::task::JoinHandle<()>) {
    let fake = FakeDiscord::start().await;
    let client = start_client(&fake).await;
    fake.wait_identify(WAIT).await;
    (fake, client)
}

#[tokio::test]
async fn client_identifies_and_answers_ping() {
    let fake = FakeDiscord::start().await;
    let _client = start_client(&fake).await;

    let identify = fake.wait_identify(WAIT).await;
    assert_eq!(identify["token"], json!(format!("Bot {TOKEN}")));
    let intents = identify["intents"].as_u64().unwrap();
    assert_ne!(
        intents & intents::MESSAGE_CONTENT,
        0,
        "identify: {identify}"
    );
    fake.wait_request("GET", PathMatch::exact("/api/v10/gateway"), WAIT)
        .await;

    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(GENERAL_CHANNEL_ID, USER_ID, "ping"),
    );
    let reply = fake.wait_message(GENERAL_CHANNEL_ID, WAIT).await;
    assert_eq!(
        reply.content().as_deref(),
        Some("pong"),
        "{}",
        reply.one_line()
    );
    assert!(reply.body.to_string().contains("pong"));
    assert_eq!(reply.status, 200);
    assert!(reply.headers["authorization"].starts_with("Bot "));

    // Bots' messages and other text get no answer.
    fake.dispatch(
        "MESSAGE_CREATE",
        bot_message(GENERAL_CHANNEL_ID, 42, "ping"),
    );
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(GENERAL_CHANNEL_ID, USER_ID, "hello"),
    );
    fake.wait_no_request("POST", "/messages", Duration::from_millis(500))
        .await;

    // A DM works the same way.
    fake.dispatch("MESSAGE_CREATE", dm_message(DM_CHANNEL_ID, USER_ID, "ping"));
    let reply = fake.wait_message(DM_CHANNEL_ID, WAIT).await;
    assert_eq!(reply.content().as_deref(), Some("pong"));

    // READY's application id reached serenity: the commands went to it.
    let put = fake
        .wait_request(
            "PUT",
            format!("/applications/{APPLICATION_ID}/commands"),
            WAIT,
        )
        .await;
    assert_eq!(put.status, 200, "{}", put.one_line());
    let names: Vec<_> = fake
        .registered_commands(None)
        .iter()
        .map(|c| c["name"].clone())
        .collect();
    assert_eq!(names, vec![json!("ping"), json!("Quote")]);
}

#[tokio::test]
async fn client_resumes_after_the_gateway_closes() {
    let (fake, _client) = connected().await;
    let session = fake.session_id().expect("a session after READY");

    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(GENERAL_CHANNEL_ID, USER_ID, "ping"),
    );
    fake.wait_message(GENERAL_CHANNEL_ID, WAIT).await;
    let seq_before_close = fake.seq();

    fake.close_gateway(4000);
    // Sent while the client is away: buffered and replayed on RESUME.
    let missed = fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(OTHER_CHANNEL_ID, USER_ID, "ping"),
    );

    let resume = fake.wait_resume(WAIT).await;
    assert_eq!(resume["session_id"], json!(session));
    assert_eq!(resume["seq"], json!(seq_before_close));
    assert!(missed > seq_before_close);
    let replayed = fake.wait_message(OTHER_CHANNEL_ID, WAIT).await;
    assert_eq!(replayed.content().as_deref(), Some("pong"));

    // The resumed connection carries new events; no new IDENTIFY happened.
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(GENERAL_CHANNEL_ID, USER_ID, "ping"),
    );
    let reply = fake.wait_message(GENERAL_CHANNEL_ID, WAIT).await;
    assert_eq!(reply.content().as_deref(), Some("pong"));
    assert_eq!(fake.session_id(), Some(session));
    assert_eq!(fake.connections(), 2);
    assert!(fake.is_connected());
}

#[tokio::test]
async fn client_reidentifies_when_heartbeats_go_unanswered() {
    let fake = FakeDiscord::start_with(FakeConfig {
        heartbeat_interval: Duration::from_millis(300),
        ..FakeConfig::default()
    })
    .await;
    let _client = start_client(&fake).await;
    fake.wait_identify(WAIT).await;
    let heartbeat = fake.wait_heartbeat(WAIT).await;
    assert!(
        heartbeat.as_u64().is_some(),
        "heartbeat d is the last seq: {heartbeat}"
    );

    fake.stop_acks();
    // serenity treats a missing ACK as a zombie connection and starts a new
    // session (IDENTIFY, not RESUME); its shard queuer waits up to 5 s.
    fake.wait_identify(Duration::from_secs(15)).await;
    fake.resume_acks();
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(GENERAL_CHANNEL_ID, USER_ID, "ping"),
    );
    let reply = fake.wait_message(GENERAL_CHANNEL_ID, WAIT).await;
    assert_eq!(reply.content().as_deref(), Some("pong"));
}

#[tokio::test]
async fn a_scripted_500_is_answered_once() {
    let (fake, _client) = connected().await;
    let error = json!({"message": "500: Internal Server Error", "code": 0});
    fake.fail_next("POST", "/messages", 500, error.clone());

    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(GENERAL_CHANNEL_ID, USER_ID, "ping"),
    );
    let failed = fake.wait_message(GENERAL_CHANNEL_ID, WAIT).await;
    assert_eq!(failed.status, 500);
    assert!(failed.scripted);
    assert_eq!(failed.response, error);
    // serenity does not retry (its rate limiter is off): no second attempt.
    fake.wait_no_request("POST", "/messages", Duration::from_millis(500))
        .await;

    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(GENERAL_CHANNEL_ID, USER_ID, "ping"),
    );
    let ok = fake.wait_message(GENERAL_CHANNEL_ID, WAIT).await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.content().as_deref(), Some("pong"));
}

#[tokio::test]
async fn scripted_failures_and_delays_reach_serenity_http() {
    let fake = FakeDiscord::start().await;
    let http = fake.http();

    fake.fail_next(
        "GET",
        "/users/@me",
        500,
        json!({"message": "boom", "code": 0}),
    );
    let err = http.get_current_user().await.expect_err("the scripted 500");
    match err {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response)) => {
            assert_eq!(response.status_code.as_u16(), 500);
            assert_eq!(response.error.message, "boom");
        }
        other => panic!("expected an HTTP 500, got {other:?}"),
    }
    let me = http.get_current_user().await.expect("the next call works");
    assert_eq!(me.id.get(), BOT_USER_ID);

    fake.rate_limit_next("GET", "/users/@me", 0.1, false);
    assert!(
        http.get_current_user().await.is_err(),
        "429 is an error without the rate limiter"
    );
    let limited = fake.requests().last().cloned().expect("a request");
    assert_eq!(limited.status, 429);
    assert_eq!(limited.response["retry_after"], json!(0.1));
    assert!(http.get_current_user().await.is_ok());

    fake.set_delay("/oauth2/applications/@me", Duration::from_millis(300));
    let started = std::time::Instant::now();
    let app = http
        .get_current_application_info()
        .await
        .expect("application info");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(app.id.get(), APPLICATION_ID);
    assert_eq!(app.owner.expect("an owner").id.get(), OWNER_ID);

    let gateway = http.get_bot_gateway().await.expect("bot gateway");
    assert_eq!(gateway.url, fake.ws_url());

    assert!(http
        .get_guild(serenity::model::id::GuildId::new(TEST_GUILD_ID))
        .await
        .is_ok());
    assert!(http
        .get_channel(serenity::model::id::ChannelId::new(GENERAL_CHANNEL_ID))
        .await
        .is_ok());
    assert!(http
        .get_channel(serenity::model::id::ChannelId::new(DM_CHANNEL_ID))
        .await
        .is_ok());
    let member = http
        .get_member(
            serenity::model::id::GuildId::new(TEST_GUILD_ID),
            serenity::model::id::UserId::new(MOD_USER_ID),
        )
        .await
        .expect("member");
    assert_eq!(member.roles[0].get(), MOD_ROLE_ID);

    // An unknown route is recorded and answered 404.
    assert!(http
        .get_guild_webhooks(serenity::model::id::GuildId::new(TEST_GUILD_ID))
        .await
        .is_err());
    assert_eq!(fake.unknown_routes().len(), 1);
}

#[tokio::test]
async fn interactions_round_trip() {
    let (fake, _client) = connected().await;

    // Slash command: callback (204), then an edit of the original response.
    let slash = slash_command("ping", json!([]), &[MOD_ROLE_ID], perms::MODERATOR);
    fake.dispatch("INTERACTION_CREATE", slash.clone());
    let callback = fake.wait_callback(&slash, WAIT).await;
    assert_eq!(callback.status, 204);
    assert_eq!(callback.body["type"], json!(4));
    assert_eq!(callback.content().as_deref(), Some("pong"));
    let edit = fake
        .wait_request("PATCH", "/messages/@original", WAIT)
        .await;
    assert_eq!(edit.status, 200, "{}", edit.one_line());
    assert_eq!(edit.content().as_deref(), Some("pong (edited)"));
    assert!(edit.path.contains(&APPLICATION_ID.to_string()));

    // The button on that reply.
    let click = button_click("again", &edit.response);
    fake.dispatch("INTERACTION_CREATE", click.clone());
    let update = fake.wait_callback(&click, WAIT).await;
    assert_eq!(update.body["type"], json!(7));
    assert_eq!(update.content().as_deref(), Some("clicked again"));

    // Autocomplete.
    let typing = autocomplete(
        "ping",
        json!([{"name": "muscle", "type": 3, "value": "glu", "focused": true}]),
    );
    fake.dispatch("INTERACTION_CREATE", typing.clone());
    let choices = fake.wait_callback(&typing, WAIT).await;
    assert_eq!(choices.body["type"], json!(8));
    assert_eq!(choices.body["data"]["choices"][0]["value"], json!("gmed"));

    // Modal submission.
    let submit = modal_submit("feedback", &[("text", "very knotty")]);
    fake.dispatch("INTERACTION_CREATE", submit.clone());
    let reply = fake.wait_callback(&submit, WAIT).await;
    assert_eq!(reply.content().as_deref(), Some("got very knotty"));

    // Message context menu.
    let target = guild_message(GENERAL_CHANNEL_ID, USER_ID, "my glute hurts");
    let menu = message_context_menu("Quote", &target);
    fake.dispatch("INTERACTION_CREATE", menu.clone());
    let reply = fake.wait_callback(&menu, WAIT).await;
    assert_eq!(reply.content().as_deref(), Some("quote: my glute hurts"));

    // The same slash command from a DM.
    let dm = in_dm(
        slash_command("ping", json!([]), &[], perms::EVERYONE),
        USER_ID,
        DM_CHANNEL_ID,
    );
    fake.dispatch("INTERACTION_CREATE", dm.clone());
    assert_eq!(fake.wait_callback(&dm, WAIT).await.status, 204);
    fake.wait_request("PATCH", "/messages/@original", WAIT)
        .await;
}

#[tokio::test]
async fn requests_discord_would_refuse_fail_the_test() {
    let (fake, _client) = connected().await;
    let slash = slash_command("ping", json!([]), &[], perms::EVERYONE);

    // A callback for an interaction that was never dispatched.
    let http = fake.http();
    let reply =
        CreateInteractionResponse::Message(CreateInteractionResponseMessage::new().content("hi"));
    let bogus = http
        .create_interaction_response(
            serenity::model::id::InteractionId::new(7),
            "nope",
            &reply,
            vec![],
        )
        .await;
    assert!(bogus.is_err());
    let mut errors = fake.take_errors();
    // A second callback for one interaction.
    fake.dispatch("INTERACTION_CREATE", slash.clone());
    fake.wait_callback(&slash, WAIT).await;
    let id =
        serenity::model::id::InteractionId::new(slash["id"].as_str().unwrap().parse().unwrap());
    let token = slash["token"].as_str().unwrap();
    assert!(http
        .create_interaction_response(id, token, &reply, vec![])
        .await
        .is_err());
    // Too long a message (serenity's builders check the length themselves;
    // the raw call does not).
    let long = json!({"content": "x".repeat(2001)});
    let channel = serenity::model::id::ChannelId::new(GENERAL_CHANNEL_ID);
    assert!(http.send_message(channel, vec![], &long).await.is_err());

    errors.extend(fake.take_errors());
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors[0].contains("never dispatched"), "{}", errors[0]);
    assert!(errors[1].contains("second callback"), "{}", errors[1]);
    assert!(errors[2].contains("2000 or fewer"), "{}", errors[2]);
}

#[tokio::test]
async fn intents_are_enforced_like_discord() {
    let fake = FakeDiscord::start().await;
    let http = HttpBuilder::new(TOKEN)
        .proxy(fake.base_url())
        .ratelimiter_disabled(true)
        .build();
    // No MESSAGE_CONTENT: guild message content arrives blank unless the bot is mentioned.
    let mut client = ClientBuilder::new_with_http(
        http,
        GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES,
    )
    .event_handler(Pong)
    .await
    .expect("client");
    let _client = tokio::spawn(async move {
        let _ = client.start().await;
    });
    fake.wait_identify(WAIT).await;
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(GENERAL_CHANNEL_ID, USER_ID, "ping"),
    );
    fake.wait_no_request("POST", "/messages", Duration::from_millis(500))
        .await;
    assert!(fake.trace().iter().any(|l| l.contains("content blanked")));

    // DMs need DIRECT_MESSAGES: dispatching one is a test bug and panics.
    let dm = std::panic::AssertUnwindSafe(|| {
        fake.dispatch("MESSAGE_CREATE", dm_message(DM_CHANNEL_ID, USER_ID, "ping"));
    });
    let panic = std::panic::catch_unwind(dm).expect_err("no DIRECT_MESSAGES intent");
    let text = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(text.contains("DIRECT_MESSAGES"), "{text}");
}

#[test]
fn payload_builders_are_accepted_by_serenity() {
    let message = guild_message(GENERAL_CHANNEL_ID, USER_ID, "hi <@1100000000000000002>");
    assert_eq!(message["mentions"][0]["id"], json!(BOT_USER_ID.to_string()));
    let events = [
        ("MESSAGE_CREATE", message.clone()),
        ("MESSAGE_CREATE", dm_message(DM_CHANNEL_ID, USER_ID, "hi")),
        ("MESSAGE_CREATE", bot_message(GENERAL_CHANNEL_ID, 42, "hi")),
        (
            "MESSAGE_CREATE",
            mention_bot(GENERAL_CHANNEL_ID, MOD_USER_ID, "hi"),
        ),
        (
            "MESSAGE_CREATE",
            as_reply(guild_message(GENERAL_CHANNEL_ID, USER_ID, "re"), &message),
        ),
        ("GUILD_CREATE", guild_create()),
        (
            "INTERACTION_CREATE",
            slash_command(
                "knot",
                json!([{"name": "add", "type": 1, "options": [{"name": "where", "type": 3, "value": "glute"}]}]),
                &[MOD_ROLE_ID],
                "8",
            ),
        ),
        (
            "INTERACTION_CREATE",
            autocomplete(
                "knot",
                json!([{"name": "q", "type": 3, "value": "g", "focused": true}]),
            ),
        ),
        (
            "INTERACTION_CREATE",
            message_context_menu("Quote", &message),
        ),
        (
            "INTERACTION_CREATE",
            user_context_menu("Profile", MOD_USER_ID),
        ),
        (
            "INTERACTION_CREATE",
            modal_submit("m", &[("a", "1"), ("b", "2")]),
        ),
        (
            "INTERACTION_CREATE",
            button_click("b", &bot_reply(GENERAL_CHANNEL_ID, "x")),
        ),
        (
            "INTERACTION_CREATE",
            select_choice("s", &["one"], &bot_reply(GENERAL_CHANNEL_ID, "x")),
        ),
        (
            "INTERACTION_CREATE",
            in_dm(
                slash_command("knot", json!([]), &[], 0),
                USER_ID,
                DM_CHANNEL_ID,
            ),
        ),
        (
            "INTERACTION_CREATE",
            as_member(
                slash_command("knot", json!([]), &[], 0),
                OWNER_ID,
                &[],
                perms::ADMINISTRATOR,
            ),
        ),
    ];
    for (name, data) in events {
        if let Err(e) = serenity_accepts(name, &data) {
            panic!("{name} builder rejected: {e}\n{data:#}");
        }
    }
    // A payload lacking a required field is caught, with the reason.
    let mut broken = guild_message(GENERAL_CHANNEL_ID, USER_ID, "hi");
    broken.as_object_mut().unwrap().remove("tts");
    let err = serenity_accepts("MESSAGE_CREATE", &broken).expect_err("tts is required");
    assert!(err.contains("tts"), "{err}");
}
