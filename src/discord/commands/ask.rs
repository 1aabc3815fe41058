//! `/ask`: a question, answered like a mention would be.

use super::{send_reply, Context, Error};

/// Ask knotbot about glute knots
#[poise::command(slash_command)]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, in your own words"]
    #[max_length = 1000]
    question: String,
) -> Result<(), Error> {
    let reply = ctx.data().store.engine().load().answer(&question);
    send_reply(ctx, &reply).await
}
