//! The evaluation sets, with the floors of `tests/data/sets.toml`: a
//! change to the matcher or the knowledge that makes answers worse fails
//! the build. And `knotbot eval` itself: misses listed, bad files named.

#[path = "support"]
mod support {
    pub mod cli;
}

use support::cli::{data_dir, knotbot, stderr, stdout};

/// Two of the rates `knotbot eval` prints.
struct Rates {
    accuracy: f64,
    recall: f64,
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
        recall: rate("red-flag recall"),
    };
    (rates, text)
}

/// One set of `tests/data/sets.toml`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Set {
    file: String,
    status: String,
    accuracy: f64,
    abstention: f64,
    recall: f64,
    false_alarms: f64,
    #[allow(dead_code)]
    why: Option<String>,
}

#[derive(serde::Deserialize)]
struct Manifest {
    set: Vec<Set>,
}

fn manifest() -> Vec<Set> {
    let path = data_dir().join("sets.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let m: Manifest = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    m.set
}

/// As `knotbot eval` prints it: a tenth of a percent.
fn shown(fraction: f64) -> f64 {
    (fraction * 1000.0).round() / 1000.0
}

/// Every set holds the floors of `tests/data/sets.toml`. A set that has
/// been read prints its misses when it fails; an unread or sealed one only
/// its four rates, since printing the misses would unseal it.
#[test]
fn every_set_holds_its_floors() {
    let engine =
        knotbot::Engine::new(knotbot::Knowledge::load_dir(&support::cli::knowledge_dir()).unwrap());
    let mut failed = Vec::new();
    for set in manifest() {
        let cases = knotbot::eval::load(&data_dir().join(&set.file)).unwrap();
        let r = knotbot::eval::run(&engine, &cases);
        let (accuracy, abstention, recall, false_alarms) = (
            shown(r.accuracy.fraction()),
            shown(r.abstention.fraction()),
            shown(r.recall.fraction()),
            shown(r.false_alarm_fraction()),
        );
        let holds = accuracy >= set.accuracy
            && abstention >= set.abstention
            && recall >= set.recall
            && false_alarms <= set.false_alarms;
        if holds {
            continue;
        }
        let mut why = format!(
            "{} ({}): accuracy {accuracy:.3}, abstention {abstention:.3}, recall {recall:.3}, false alarms {false_alarms:.3}",
            set.file, set.status
        );
        if matches!(set.status.as_str(), "tuned" | "read") {
            for miss in &r.misses {
                why += &format!("\n  {miss}");
            }
        }
        failed.push(why);
    }
    assert!(
        failed.is_empty(),
        "below their floors:\n{}",
        failed.join("\n")
    );
}

/// Every question set here is in the manifest, and the manifest names no
/// file that is not here.
#[test]
fn the_manifest_lists_every_set() {
    let listed: std::collections::BTreeSet<String> =
        manifest().into_iter().map(|s| s.file).collect();
    let not_sets = ["sets.toml", "coverage.toml", "required.toml"];
    let here: std::collections::BTreeSet<String> = std::fs::read_dir(data_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".toml") && !not_sets.contains(&n.as_str()))
        .collect();
    assert_eq!(listed, here);
    for set in manifest() {
        assert!(
            ["tuned", "read", "unread", "sealed"].contains(&set.status.as_str()),
            "{}: status {:?}",
            set.file,
            set.status
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
