//! `knotbot check` on broken knowledge: every problem is named by file and
//! line, the exit status is non-zero, and nothing is half-loaded.

#[path = "support"]
mod support {
    pub mod cli;
}

use support::cli::{append, data_dir, knotbot, knowledge_copy, shared_dir, stderr, stdout};

/// Runs `check` on `dir`, asserts it fails, and returns its error output.
fn check_fails(dir: &std::path::Path) -> String {
    let out = knotbot(&["check", "--knowledge", dir.to_str().unwrap()], b"");
    assert_eq!(
        out.status.code(),
        Some(1),
        "check should fail: {}",
        stderr(&out)
    );
    stderr(&out)
}

fn assert_names(errors: &str, file_and_line: &str, words: &str) {
    let hit = errors
        .lines()
        .any(|l| l.contains(file_and_line) && l.to_lowercase().contains(words));
    assert!(
        hit,
        "expected a line with {file_and_line:?} and {words:?} in:\n{errors}"
    );
}

/// The spec's ids (coverage.toml) and the ones the project requires on top
/// (required.toml: the entries the content review asked for).
#[test]
fn shipped_knowledge_is_clean_and_covers_the_spec() {
    for file in ["coverage.toml", "required.toml"] {
        let coverage = data_dir().join(file);
        let out = knotbot(&["check", "--coverage", coverage.to_str().unwrap()], b"");
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        assert!(stdout(&out).contains("clean"));
    }
}

/// Every warning sign says how soon it needs care; a category without a
/// tier, or easing a category that does not exist, is refused at its line.
#[test]
fn a_red_flag_without_a_tier_is_refused_at_its_line() {
    let dir = knowledge_copy();
    let path = dir.path().join("red_flags.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("id = \"night-pain\"").unwrap();
    let line = text[..at].lines().count() + 1;
    let tier = at + text[at..].find("tier = \"soon\"\n").unwrap();
    let mut edited = text.clone();
    edited.replace_range(
        tier..tier + "tier = \"soon\"\n".len(),
        "eases = [\"no-such-sign\"]\n",
    );
    std::fs::write(&path, edited).unwrap();
    let errors = check_fails(dir.path());
    assert_names(&errors, &format!("red_flags.toml:{line}:"), "no `tier`");
    assert_names(&errors, &format!("red_flags.toml:{line}:"), "no-such-sign");
}

#[test]
fn a_directory_copy_of_the_shipped_knowledge_is_clean() {
    let dir = knowledge_copy();
    let out = knotbot(&["check", "--knowledge", dir.path().to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn toml_syntax_error_names_file_and_line() {
    let dir = knowledge_copy();
    let line = append(dir.path(), "faq.toml", "\n[[faq]\nid = \"broken\"\n");
    let errors = check_fails(dir.path());
    assert_names(&errors, &format!("faq.toml:{}:", line + 1), "");
}

#[test]
fn misspelt_key_is_refused_not_ignored() {
    let dir = knowledge_copy();
    let line = append(dir.path(), "faq.toml", "[[faq]]\nid = \"typo-key\"\nquestion = \"Q?\"\nalias = [\"some new words\"]\naliases = [\"other new words\"]\nanswer = \"A.\"\n");
    let errors = check_fails(dir.path());
    assert_names(
        &errors,
        &format!("faq.toml:{}:", line + 3),
        "unknown field `alias`",
    );
}

#[test]
fn missing_field_is_named() {
    let dir = knowledge_copy();
    let line = append(
        dir.path(),
        "topics.toml",
        "[[topic]]\nid = \"topic-no-summary\"\nname = \"Calves\"\naliases = [\"calf muscles\"]\n",
    );
    let errors = check_fails(dir.path());
    assert!(errors.contains("topics.toml:"), "{errors}");
    assert!(errors.contains("missing field `summary`"), "{errors}");
    let reported: usize = errors
        .split("topics.toml:")
        .nth(1)
        .unwrap()
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        reported >= line,
        "line {reported} should point into the new table (from {line})"
    );
}

#[test]
fn wrong_type_and_duplicate_key_are_syntax_problems_with_lines() {
    let dir = knowledge_copy();
    let line = append(dir.path(), "faq.toml", "[[faq]]\nid = \"wrong-type\"\nquestion = \"Q?\"\naliases = \"not a list\"\nanswer = \"A.\"\n");
    assert_names(
        &check_fails(dir.path()),
        &format!("faq.toml:{}:", line + 3),
        "",
    );

    let dir = knowledge_copy();
    let line = append(
        dir.path(),
        "stretches.toml",
        "[[stretch]]\nid = \"dup\"\nid = \"dup-again\"\n",
    );
    assert_names(
        &check_fails(dir.path()),
        &format!("stretches.toml:{}:", line + 2),
        "duplicate key",
    );
}

#[test]
fn duplicate_id_across_files_is_reported_where_it_repeats() {
    let dir = knowledge_copy();
    let line = append(dir.path(), "topics.toml", "[[topic]]\nid = \"causes\"\nname = \"Causes again\"\naliases = [\"why knots start\"]\nsummary = \"Text.\"\n");
    assert_names(
        &check_fails(dir.path()),
        &format!("topics.toml:{}:", line + 1),
        "duplicate id \"causes\"",
    );
}

#[test]
fn alias_shared_by_two_entries_is_reported_at_the_alias() {
    let dir = knowledge_copy();
    let shipped = knotbot::Knowledge::shipped().unwrap();
    let taken = &shipped.entry("wallet-pocket").unwrap().aliases[0];
    let line = append(dir.path(), "faq.toml", &format!("[[faq]]\nid = \"copycat\"\nquestion = \"A new question?\"\naliases = [\n  \"something else entirely\",\n  \"{taken}\",\n]\nanswer = \"A.\"\n"));
    assert_names(
        &check_fails(dir.path()),
        &format!("faq.toml:{}:", line + 5),
        "also used by \"wallet-pocket\"",
    );
}

/// A comment that quotes the alias (a moderator's note) is not where the
/// problem is: the alias's own line is.
#[test]
fn a_problem_is_never_reported_at_a_comment() {
    let dir = knowledge_copy();
    let shipped = knotbot::Knowledge::shipped().unwrap();
    let taken = &shipped.entry("wallet-pocket").unwrap().aliases[0];
    let line = append(dir.path(), "faq.toml", &format!("[[faq]]\nid = \"copycat\"\nquestion = \"A new question?\"\n# members also write \"{taken}\"\naliases = [\n  \"something else entirely\",\n  \"{taken}\",\n]\nanswer = \"A.\"\n"));
    assert_names(
        &check_fails(dir.path()),
        &format!("faq.toml:{}:", line + 6),
        "also used by \"wallet-pocket\"",
    );
}

#[test]
fn unknown_related_id_and_overlong_answer_are_both_reported() {
    let dir = knowledge_copy();
    let long = "word ".repeat(700);
    let line = append(dir.path(), "faq.toml", &format!("[[faq]]\nid = \"two-problems\"\nquestion = \"Q?\"\naliases = [\"a fresh phrasing\"]\nanswer = \"{long}\"\nrelated = [\"no-such-entry\"]\n"));
    let errors = check_fails(dir.path());
    assert_names(&errors, &format!("faq.toml:{}:", line + 4), "limit is 3000");
    assert_names(
        &errors,
        &format!("faq.toml:{}:", line + 5),
        "\"no-such-entry\" is not a faq entry",
    );
}

#[test]
fn a_term_naming_an_undefined_word_group_is_reported_at_the_term() {
    let dir = knowledge_copy();
    let line = append(
        dir.path(),
        "red_flags.toml",
        "[[red_flag]]\nid = \"typo-group\"\nname = \"a sign\"\nterms = [\n  \"{cant_feel} ... {sadle}\",\n]\n",
    );
    assert_names(
        &check_fails(dir.path()),
        &format!("red_flags.toml:{}:", line + 4),
        "{sadle}",
    );
}

/// A `not_signs` phrase is checked like a term: a misspelt group is named
/// at its own line, not silently never matched.
#[test]
fn a_not_signs_phrase_naming_an_undefined_group_is_reported_at_its_line() {
    let dir = knowledge_copy();
    let path = dir.path().join("red_flags.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("not_signs = [\n").expect("a not_signs list");
    let line = text[..at].lines().count() + 2;
    let broken = text.replacen(
        "not_signs = [\n",
        "not_signs = [\n  \"{presing} ... agony\",\n",
        1,
    );
    std::fs::write(&path, broken).unwrap();
    assert_names(
        &check_fails(dir.path()),
        &format!("red_flags.toml:{line}:"),
        "{presing}",
    );
}

#[test]
fn problems_in_several_files_are_all_listed() {
    let dir = knowledge_copy();
    append(dir.path(), "faq.toml", "[[faq]\n");
    append(dir.path(), "lexicon.toml", "oops = 1\n");
    let errors = check_fails(dir.path());
    assert!(
        errors.contains("faq.toml:") && errors.contains("lexicon.toml:"),
        "{errors}"
    );
}

#[test]
fn a_missing_file_is_named() {
    let dir = knowledge_copy();
    std::fs::remove_file(dir.path().join("replies.toml")).unwrap();
    assert_names(&check_fails(dir.path()), "replies.toml:1:", "cannot read");
}

#[test]
fn a_broken_knowledge_dir_answers_nothing() {
    let dir = knowledge_copy();
    append(dir.path(), "faq.toml", "[[faq]\n");
    let out = knotbot(
        &[
            "ask",
            "--knowledge",
            dir.path().to_str().unwrap(),
            "what is a glute knot",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).is_empty(),
        "no partial answer from a broken knowledge base"
    );
    assert!(stderr(&out).contains("faq.toml:"));
}

#[test]
fn coverage_reports_each_missing_id_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let coverage = dir.path().join("coverage.toml");
    std::fs::write(
        &coverage,
        "[[faq]]\nid = \"causes\"\n\n[[faq]]\nid = \"not-in-knowledge\"\n",
    )
    .unwrap();
    let out = knotbot(&["check", "--coverage", coverage.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("coverage.toml:5: id \"not-in-knowledge\" is missing"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_50_mb_file_is_refused_by_size_without_reading_it_all() {
    let dir = knowledge_copy();
    let path = dir.path().join("faq.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    let filler = format!("# {}\n", "x".repeat(1000));
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&filler);
    }
    std::fs::write(&path, text).unwrap();
    assert_names(&check_fails(dir.path()), "faq.toml:1:", "the file is 50 mb");
}

/// Runs `check` on `dir` in a child that is killed if it has not finished
/// within `GUARD` (a guard against a hang, never a speed test).
#[cfg(unix)]
fn check_fails_without_hanging(dir: &std::path::Path) -> String {
    use std::process::{Command, Stdio};
    const GUARD: std::time::Duration = std::time::Duration::from_secs(60);
    let mut child = Command::new(env!("CARGO_BIN_EXE_knotbot"))
        .args(["check", "--knowledge", dir.to_str().unwrap()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > GUARD {
            child.kill().unwrap();
            panic!("`knotbot check` hung on {}", dir.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

/// Git can carry a symlink, so a pull can make `faq.toml` point anywhere:
/// at `/dev/zero` (which once read 2 GB before failing) or a named pipe
/// (which once hung `check` and the bot's reload for ever).
#[cfg(unix)]
#[test]
fn a_knowledge_file_that_is_not_a_regular_file_is_refused_at_once() {
    let dir = knowledge_copy();
    let faq = dir.path().join("faq.toml");
    std::fs::remove_file(&faq).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &faq).unwrap();
    assert_names(
        &check_fails_without_hanging(dir.path()),
        "faq.toml:1:",
        "not a regular file",
    );

    std::fs::remove_file(&faq).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&faq)
        .status()
        .unwrap();
    assert!(made.success());
    assert_names(
        &check_fails_without_hanging(dir.path()),
        "faq.toml:1:",
        "not a regular file",
    );

    // A symlink to a regular file is still fine (knowledge kept elsewhere).
    std::fs::remove_file(&faq).unwrap();
    std::os::unix::fs::symlink(support::cli::knowledge_dir().join("faq.toml"), &faq).unwrap();
    let out = knotbot(&["check", "--knowledge", dir.path().to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The repository keeps its own copies of the spec files its tests read;
/// when the spec folder is beside it, the copies must match it.
#[test]
fn our_copies_of_the_spec_files_have_not_drifted() {
    let Some(shared) = shared_dir() else {
        return; // a clone on its own: nothing to compare with
    };
    for (ours, theirs) in [
        ("dev.toml", "eval/dev.toml"),
        ("coverage.toml", "spec/coverage.toml"),
    ] {
        let Ok(spec) = std::fs::read_to_string(shared.join(theirs)) else {
            continue;
        };
        let copy = std::fs::read_to_string(data_dir().join(ours)).unwrap();
        assert!(
            copy == spec,
            "tests/data/{ours} differs from ../shared/{theirs}: copy it again"
        );
    }
}

/// Red-flag examples are checked on every load: a `fires` message that
/// raises nothing, or a `quiet` look-alike that raises the sign, is a
/// problem at the example's line.
#[test]
fn red_flag_examples_that_do_not_hold_are_reported_at_their_line() {
    let dir = knowledge_copy();
    let path = dir.path().join("red_flags.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    let category = text.find("id = \"blood-thinners\"").expect("the category");
    // One more example in each list, each on its own line.
    let mut lines = Vec::new();
    for (key, example) in [
        (
            "fires = [\n",
            "  \"my glute has been sore since breakfast\",\n",
        ),
        ("quiet = [\n", "  \"I'm on warfarin and my glute hurts\",\n"),
    ] {
        let at = category + text[category..].find(key).unwrap() + key.len();
        text.insert_str(at, example);
        lines.push(text[..at].lines().count() + 1);
    }
    std::fs::write(&path, text).unwrap();
    let errors = check_fails(dir.path());
    assert_names(
        &errors,
        &format!("red_flags.toml:{}:", lines[0]),
        "should raise this sign but does not",
    );
    assert_names(
        &errors,
        &format!("red_flags.toml:{}:", lines[1]),
        "should not raise this sign but does",
    );
}

/// Ids travel in Discord's 100-character custom ids: a longer one once
/// made Discord refuse a whole reply, care prompt included.
#[test]
fn an_id_over_the_limit_is_reported_at_its_line() {
    let dir = knowledge_copy();
    let id = "a".repeat(knotbot::knowledge::ID_LIMIT + 1);
    let line = append(
        dir.path(),
        "faq.toml",
        &format!("\n[[faq]]\nid = \"{id}\"\nquestion = \"A question nobody else asks?\"\naliases = [\"words nobody else uses\"]\nanswer = \"An answer.\"\n"),
    );
    let errors = check_fails(dir.path());
    assert_names(
        &errors,
        &format!("faq.toml:{}:", line + 2), // the `id =` line
        &format!("ids may be at most {}", knotbot::knowledge::ID_LIMIT),
    );
}

/// `check` on a copy of the knowledge whose red_flags.toml has `word`
/// added after the list item `after`: the problems it reports.
fn check_with_red_flag_word(after: &str, word: &str) -> String {
    let dir = knowledge_copy();
    let path = dir.path().join("red_flags.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let item = format!("\"{after}\",");
    let text = text.replacen(&item, &format!("{item} \"{word}\","), 1);
    std::fs::write(&path, text).unwrap();
    check_fails(dir.path())
}

/// Matching skips filler words, so "literally can not move" matched as
/// "can not move" and caught "cant move my hip properly": a term with a
/// filler in it is reported, with the word to leave out.
#[test]
fn a_red_flag_term_with_a_filler_word_is_reported() {
    assert_names(
        &check_with_red_flag_word("can not even move", "literally can not move"),
        "red_flags.toml:",
        "\"literally can not move\" contains \"literally\", a filler word",
    );
}

/// A group word is read like a term: "my right ball" in the testicle group
/// was read as "my ball" and sent a member sitting on a massage ball to the
/// emergency department. `check` names the filler word.
#[test]
fn a_group_word_with_a_filler_word_is_reported() {
    assert_names(
        &check_with_red_flag_word("my left ball", "my right ball"),
        "red_flags.toml:",
        "\"my right ball\" contains \"right\", a filler word",
    );
}

/// A message is read four words at a time for synonyms, so a longer
/// phrase in lexicon.toml would never match: `check` says so, with its line.
#[test]
fn a_synonym_too_long_to_be_read_is_reported() {
    let dir = knowledge_copy();
    let line = append(
        dir.path(),
        "lexicon.toml",
        "\"legs feel heavy and numb\" = \"legs are numb\"\n",
    );
    assert_names(
        &check_fails(dir.path()),
        &format!("lexicon.toml:{line}:"),
        "\"legs feel heavy and numb\": a message is read 4 words at a time",
    );
}

#[test]
fn a_topic_id_without_the_prefix_is_reported() {
    let dir = knowledge_copy();
    let line = append(
        dir.path(),
        "topics.toml",
        "\n[[topic]]\nid = \"hamstrings\"\nname = \"Hamstrings\"\naliases = [\"back of my thigh muscle group\"]\nsummary = \"The muscles at the back of the thigh.\"\n",
    );
    assert_names(
        &check_fails(dir.path()),
        &format!("topics.toml:{}:", line + 2),
        "must start with \"topic-\"",
    );
}

/// The notes at the top of the files moderators edit state limits; they
/// must be the limits the code applies.
#[test]
fn the_headers_moderators_read_state_the_real_limits() {
    let read =
        |name: &str| std::fs::read_to_string(support::cli::knowledge_dir().join(name)).unwrap();
    let thousands = |n: usize| format!("{},{:03}", n / 1000, n % 1000);
    let answer_limit = format!(
        "At most {} characters",
        thousands(knotbot::knowledge::ANSWER_LIMIT)
    );
    for file in ["faq.toml", "topics.toml"] {
        assert!(
            read(file).contains(&answer_limit),
            "{file} should say {answer_limit:?}"
        );
    }
    assert!(read("topics.toml").contains(&format!(
        "starts with \"{}\"",
        knotbot::knowledge::TOPIC_PREFIX
    )));
    // The question limit faq.toml states is the Discord form's (its first
    // field, the question, declared in the form's source).
    let form = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/discord/entry_form.rs"),
    )
    .unwrap();
    let limit = form
        .split("#[max_length = ")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .expect("the form declares a question length");
    assert!(
        read("faq.toml").contains(&format!("(at most {limit}\n#")),
        "faq.toml should state the form's question limit, {limit}"
    );
}

/// Common English is the program's own now: a lexicon.toml from before
/// still holding `stopwords` is refused at that line with what to do,
/// rather than a list a moderator edits to no effect.
#[test]
fn a_list_that_moved_into_the_program_is_refused_with_the_fix() {
    let dir = knowledge_copy();
    let path = dir.path().join("lexicon.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("stopwords = [\"a\", \"the\"]\n{text}")).unwrap();
    let errors = check_fails(dir.path());
    assert_names(&errors, "lexicon.toml:1:", "delete this list");
}

/// A real English word is taken as typed even though it is one letter from
/// a word of ours, while a typo of ours is still fixed: "order" is not
/// "older", but "numbess" is "numbness".
#[test]
fn real_words_are_never_corrected_into_ours() {
    let terms = |q: &str| {
        let out = knotbot(&["ask", "--explain", q], b"");
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out).lines().next().unwrap_or_default().to_string()
    };
    let read = terms("learning the order of the stretches");
    assert!(
        read.contains("learning") && read.contains("order"),
        "{read}"
    );
    assert!(terms("numbess in my glute").contains("numbness"));
}
