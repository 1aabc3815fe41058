//! `knotbot stretch`: one stretch per date, the same for everyone, and the
//! whole list before any repeat.

#[path = "support"]
mod support {
    pub mod cli;
}

use support::cli::{knotbot, stderr, stdout};

fn stretch_id(date: &str) -> String {
    let out = knotbot(&["stretch", "--date", date], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let first = stdout(&out).lines().next().unwrap().to_string();
    first.rsplit(": ").next().unwrap().to_string()
}

#[test]
fn the_same_date_always_gives_the_same_stretch() {
    assert_eq!(stretch_id("2026-11-21"), stretch_id("2026-11-21"));
}

#[test]
fn consecutive_days_walk_through_every_stretch() {
    let k = knotbot::Knowledge::shipped().unwrap();
    let n = k.stretches.len() as i64;
    let start = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    // Some window of n consecutive days is exactly one round.
    let ids: Vec<String> = (0..2 * n)
        .map(|d| stretch_id(&(start + chrono::Duration::days(d)).to_string()))
        .collect();
    let full_round = ids.windows(n as usize).any(|w| {
        let mut sorted = w.to_vec();
        sorted.sort();
        sorted.dedup();
        sorted.len() == n as usize
    });
    assert!(
        full_round,
        "no run of {n} days showed all {n} stretches: {ids:?}"
    );
    assert!(
        ids.windows(2).all(|w| w[0] != w[1]),
        "a stretch two days running: {ids:?}"
    );
}

#[test]
fn the_stretch_shows_steps_hold_and_caution() {
    let out = knotbot(&["stretch", "--date", "2026-01-01"], b"");
    let text = stdout(&out);
    assert!(text.contains("1. "), "{text}");
    assert!(
        text.contains("Hold: ") && text.contains("Caution: "),
        "{text}"
    );
}

#[test]
fn a_bad_date_is_a_usage_error() {
    let out = knotbot(&["stretch", "--date", "2026-13-45"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--date"), "{}", stderr(&out));
}
