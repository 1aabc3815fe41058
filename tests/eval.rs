//! `knotbot eval` on the evaluation sets, with floors: a change to the
//! matcher or the knowledge that makes answers worse fails the build.

mod common;

use common::{data_dir, knotbot, stderr, stdout};

struct Rates {
    accuracy: f64,
    abstention: f64,
    recall: f64,
    false_alarms: f64,
}

fn eval(path: &std::path::Path) -> (Rates, String) {
    let out = knotbot(&["eval", path.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let rate = |name: &str| -> f64 {
        let line = text
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} line in:\n{text}"));
        let percent = line[name.len()..].split('%').next().unwrap().trim();
        percent.parse::<f64>().unwrap() / 100.0
    };
    let rates = Rates {
        accuracy: rate("answer accuracy"),
        abstention: rate("abstention"),
        recall: rate("red-flag recall"),
        false_alarms: rate("false alarms"),
    };
    (rates, text)
}

#[test]
fn dev_set_meets_the_product_bars() {
    let (r, text) = eval(&data_dir().join("dev.toml"));
    assert!(r.accuracy >= 0.95, "answer accuracy below 95%:\n{text}");
    assert!(r.abstention >= 0.95, "abstention below 95%:\n{text}");
    assert!(r.recall >= 1.0, "every red flag must be caught:\n{text}");
    assert!(r.false_alarms <= 0.03, "false alarms above 3%:\n{text}");
}

/// Our own sets (see tests/data/README.md): floors a little under today's
/// figures, so a change that makes answers worse fails the build. Every red
/// flag they hold must still be caught.
#[test]
fn our_question_sets_do_not_regress() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    // file, least accuracy, least abstention, most false alarms
    let floors = [
        ("validation.toml", 0.92, 0.95, 0.03),
        ("tuning-a.toml", 0.91, 0.95, 0.03),
        ("tuning-b.toml", 0.91, 0.95, 0.03),
        ("tuning-c.toml", 0.87, 0.92, 0.03),
        ("tuning-d.toml", 0.93, 0.95, 0.03),
        ("tuning-e.toml", 0.93, 0.95, 0.03),
        ("tuning-f.toml", 0.87, 0.95, 0.03),
        ("tuning-g.toml", 0.93, 0.95, 0.03),
        ("tuning-h.toml", 0.93, 0.95, 0.03),
        ("tuning-i.toml", 0.92, 0.95, 0.03),
        ("tuning-j.toml", 0.92, 0.95, 0.03),
        ("tuning-k.toml", 0.93, 0.93, 0.03),
        ("tuning-l.toml", 0.93, 0.95, 0.03),
        ("tuning-m.toml", 0.92, 0.95, 0.03),
        ("tuning-n.toml", 0.92, 0.95, 0.03),
        ("tuning-o.toml", 0.92, 0.95, 0.03),
        ("tuning-p.toml", 0.93, 0.95, 0.03),
        ("tuning-q.toml", 0.93, 0.95, 0.03),
        ("tuning-r.toml", 0.92, 0.95, 0.03),
        ("tuning-s.toml", 0.93, 0.95, 0.03),
        ("tuning-t.toml", 0.93, 0.95, 0.03),
        ("tuning-u.toml", 0.91, 0.95, 0.03),
        ("tuning-v.toml", 0.94, 0.95, 0.03),
        ("tuning-w.toml", 0.93, 0.95, 0.03),
        // Three of its look-alikes deny a sign ("I'm not pregnant"), and a
        // negation never switches a red flag off.
        ("safety.toml", 0.85, 0.95, 0.10),
    ];
    for (file, accuracy, abstention, false_alarms) in floors {
        let (r, text) = eval(&data.join(file));
        assert!(
            r.accuracy >= accuracy
                && r.abstention >= abstention
                && r.recall >= 1.0
                && r.false_alarms <= false_alarms,
            "{file} regressed:\n{text}"
        );
    }
}

/// The sealed sets (never read; see tests/data/README.md) get floors too,
/// but a failure shows only the four rates: printing the misses would
/// unseal them.
#[test]
fn sealed_sets_do_not_regress() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for (file, accuracy) in [
        // 90.1% since the review's new entries (issue 14): two of its
        // pregnancy questions now get the pregnancy entry, not precautions.
        ("sealed-1.toml", 0.90),
        ("sealed-2.toml", 0.95),
        ("sealed-3.toml", 0.95),
        ("sealed-4.toml", 0.91),
    ] {
        let (r, _) = eval(&data.join(file));
        assert!(
            r.accuracy >= accuracy
                && r.abstention >= 0.95
                && r.recall >= 0.96
                && r.false_alarms <= 0.03,
            "{file} regressed: accuracy {:.3}, abstention {:.3}, recall {:.3}, false alarms {:.3}",
            r.accuracy,
            r.abstention,
            r.recall,
            r.false_alarms
        );
    }
}

/// The sets in other voices, forum-length posts and the review's topics: the engine
/// does not yet meet the product bars on them, so their floors hold each
/// rate where it is, red-flag recall included. Sealed ones print only the
/// four rates.
#[test]
fn sets_in_other_voices_do_not_regress() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    // file, least accuracy, least abstention, least recall, most false alarms
    // Forum-sealed lost one answer to "numb" anywhere with the saddle area
    // anywhere (saddle-numbness-told), which voices-sealed gained in
    // red-flag recall (83% -> 92%).
    // Lowered with the review's new entries and urgency tiers (issue 14):
    // pregnancy questions go to the pregnancy entry, and ten more entries
    // shift close scores; see the README's quality table.
    let floors = [
        ("voices-a.toml", 0.76, 0.95, 1.0, 0.05),
        ("forum-a.toml", 0.80, 0.78, 1.0, 0.04),
        ("voices-sealed.toml", 0.66, 0.95, 0.91, 0.07),
        ("forum-sealed.toml", 0.75, 0.75, 0.95, 0.13),
        // Session 8: the review's topics in many voices. Two late-pregnancy
        // warnings that never say "pregnant" are still missed.
        ("content-a.toml", 0.80, 0.90, 0.93, 0.03),
        ("content-sealed.toml", 0.94, 0.80, 1.0, 0.01),
        // Session 8: warning signs in many wordings, written blind after the
        // second physio review; both still unread. Far from the bars: word
        // lists do not reach wording nobody has listed.
        ("signs-a.toml", 0.60, 1.0, 0.76, 0.13),
        ("signs-sealed.toml", 0.63, 1.0, 0.90, 0.05),
    ];
    for (file, accuracy, abstention, recall, false_alarms) in floors {
        let (r, _) = eval(&data.join(file));
        assert!(
            r.accuracy >= accuracy
                && r.abstention >= abstention
                && r.recall >= recall
                && r.false_alarms <= false_alarms,
            "{file} regressed: accuracy {:.3}, abstention {:.3}, recall {:.3}, false alarms {:.3}",
            r.accuracy,
            r.abstention,
            r.recall,
            r.false_alarms
        );
    }
}

#[test]
fn misses_are_listed_so_editors_see_what_broke() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.toml");
    std::fs::write(
        &set,
        "[[case]]\nq = \"what is wallet neuritis\"\nexpect = [\"cauda-equina\"]\nred_flag = true\n",
    )
    .unwrap();
    let (r, text) = eval(&set);
    assert_eq!(r.accuracy, 0.0);
    assert_eq!(r.recall, 0.0);
    assert!(
        text.contains("expected cauda-equina, got wallet-pocket"),
        "{text}"
    );
    assert!(text.contains("missed a red flag"), "{text}");
}

#[test]
fn a_broken_eval_file_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.toml");
    std::fs::write(
        &set,
        "[[case]]\nq = \"fine\"\n\n[[case]]\nquestion = \"typo'd key\"\n",
    )
    .unwrap();
    let out = knotbot(&["eval", set.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("set.toml:5:"), "{}", stderr(&out));
}
