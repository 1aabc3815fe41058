//! `/ask`: a question, answered like a mention would be.

use super::{answer_and_send, Context, Error};
use crate::workbench::Route;

/// Ask knotbot about glute knots
#[poise::command(slash_command)]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, in your own words"]
    #[max_length = 1000]
    question: String,
) -> Result<(), Error> {
    answer_and_send(ctx, &question, Route::Slash, None).await
}
