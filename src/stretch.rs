//! Stretch of the day: the same for everyone on a given date, and every
//! stretch shown once before any is shown again.
//!
//! Days are grouped into rounds as long as the list; each round walks the
//! stretches in its own shuffled order, seeded by the round number, so the
//! order varies from round to round but any date always gives the same one.

use chrono::{Datelike, NaiveDate};

use crate::knowledge::Stretch;

/// The stretch for `date` out of `stretches` (which must not be empty).
pub fn of_the_day(stretches: &[Stretch], date: NaiveDate) -> &Stretch {
    &stretches[index_for(stretches.len(), date)]
}

/// Which of `count` stretches is shown on `date`.
pub fn index_for(count: usize, date: NaiveDate) -> usize {
    assert!(
        count > 0,
        "the knowledge check guarantees at least one stretch"
    );
    let day = day_number(date);
    let round = day / count as u64;
    let order = round_order(count, round);
    order[(day % count as u64) as usize]
}

/// Days since a fixed point before any date chrono can hold, so the count
/// never goes negative and consecutive dates get consecutive numbers.
fn day_number(date: NaiveDate) -> u64 {
    (i64::from(date.num_days_from_ce()) - i64::from(i32::MIN)) as u64
}

/// A shuffle of `0..count` for one round; a round never starts with the
/// stretch the previous round ended on, so no stretch shows two days
/// running. The fix swaps the first two places, never the last, so each
/// round's last stretch is its plain shuffle's last.
fn round_order(count: usize, round: u64) -> Vec<usize> {
    if count <= 2 {
        // With two stretches, alternating is the only way to meet both rules.
        return (0..count).collect();
    }
    let mut order = shuffled(count, round);
    if round > 0 {
        let previous_last = *shuffled(count, round - 1).last().expect("count > 2");
        if order[0] == previous_last {
            order.swap(0, 1);
        }
    }
    order
}

fn shuffled(count: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..count).collect();
    let mut state = seed ^ 0x9e37_79b9_7f4a_7c15;
    for i in (1..count).rev() {
        let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// SplitMix64: a tiny, well-known generator, enough for a daily shuffle.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The stretch as a message body.
pub fn render(s: &Stretch) -> String {
    format!("**{}**\n{}", s.name, card(s))
}

/// The stretch without its name: what it targets, the steps, the hold and
/// the caution. The answer to a question about it by name, under its name
/// as the title.
pub fn card(s: &Stretch) -> String {
    let mut out = format!("Targets: {}\n\n", s.targets.join(", "));
    for (i, step) in s.steps.iter().enumerate() {
        out.push_str(&format!("{}. {step}\n", i + 1));
    }
    out.push_str(&format!("\nHold: {}\nCaution: {}", s.hold, s.caution));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn day(offset: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(offset)
    }

    fn first_day_of_a_round(count: u64) -> NaiveDate {
        let d = day(0);
        d - chrono::Duration::days((day_number(d) % count) as i64)
    }

    #[test]
    fn same_date_same_stretch() {
        for offset in 0..50 {
            assert_eq!(index_for(10, day(offset)), index_for(10, day(offset)));
        }
    }

    #[test]
    fn every_stretch_once_per_round() {
        let start = first_day_of_a_round(10);
        for round in 0..30 {
            let shown: HashSet<usize> = (0..10)
                .map(|i| index_for(10, start + chrono::Duration::days(round * 10 + i)))
                .collect();
            assert_eq!(shown.len(), 10, "round {round} repeated a stretch");
        }
    }

    #[test]
    fn never_the_same_stretch_two_days_running() {
        for offset in 0..1000 {
            assert_ne!(
                index_for(10, day(offset)),
                index_for(10, day(offset + 1)),
                "day {offset}"
            );
        }
    }

    #[test]
    fn rounds_are_not_all_in_the_same_order() {
        let start = first_day_of_a_round(10);
        let round = |r: i64| -> Vec<usize> {
            (0..10)
                .map(|i| index_for(10, start + chrono::Duration::days(r * 10 + i)))
                .collect()
        };
        assert!((1..10).any(|r| round(r) != round(0)));
    }

    #[test]
    fn small_lists_still_rotate_without_repeats() {
        for count in 1..=4 {
            for offset in 0..200 {
                let (a, b) = (
                    index_for(count, day(offset)),
                    index_for(count, day(offset + 1)),
                );
                assert!(a < count);
                assert!(count == 1 || a != b, "count {count}, day {offset}");
            }
        }
    }

    #[test]
    fn dates_before_the_epoch_work() {
        let old = NaiveDate::from_ymd_opt(1990, 5, 17).unwrap();
        assert!(index_for(10, old) < 10);
        assert!(index_for(1, old) == 0);
    }
}
