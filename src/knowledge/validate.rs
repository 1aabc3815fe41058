//! Checks that span entries and files: the problems serde cannot see.

use std::collections::HashMap;

use super::spans::{Spans, Step, Step::*};
use super::{
    Knowledge, KnowledgeFile, Problem, RedFlagCategory, Sources, DESCRIPTION_LIMIT, MAX_NAMED,
    TITLE_LIMIT,
};
use crate::analysis::MAX_PHRASE;
use crate::term::Term;
use crate::text::tokenize;

/// Longest answer or summary: Discord allows 4,096 characters in an embed's
/// description, and the care prompt must still fit above the answer.
pub const ANSWER_LIMIT: usize = 3_000;
/// Longest id. Ids travel in Discord's custom ids (at most 100
/// characters, with a prefix such as `knotbot:show:`), so a longer one
/// could make Discord refuse a whole reply, care prompt included.
pub const ID_LIMIT: usize = 64;
/// Every topic id starts with this, so a topic and a FAQ entry can never
/// be confused (topics.toml says so to moderators).
pub const TOPIC_PREFIX: &str = "topic-";
/// Longest care prompt, so that prompt and answer together always fit.
pub const PROMPT_LIMIT: usize = 900;

pub fn check(k: &Knowledge, sources: &Sources) -> Vec<Problem> {
    let mut c = Checker {
        sources,
        spans: sources.files.iter().map(|f| Spans::new(&f.text)).collect(),
        problems: Vec::new(),
    };
    c.ids(k);
    c.entries(k);
    c.aliases(k);
    c.red_flags(k);
    c.stretches(k);
    c.lexicon(k);
    c.replies(k);
    c.problems
}

struct Checker<'a> {
    sources: &'a Sources,
    /// Each file's spans, in the order of `KnowledgeFile`.
    spans: Vec<Spans<'a>>,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn report(&mut self, file: KnowledgeFile, line: usize, message: String) {
        let name = &self.sources.get(file).name;
        self.problems.push(Problem::new(name, line, message));
    }

    /// Reports `message` at the line of the value at `path`: lines are
    /// found only for problems, since finding one parses the file again.
    fn report_at(&mut self, file: KnowledgeFile, path: &[Step], message: String) {
        let line = self.line(file, path);
        self.report(file, line, message);
    }

    /// The line of the value at `path` in `file`.
    fn line(&self, file: KnowledgeFile, path: &[Step]) -> usize {
        self.spans[file as usize].line(path)
    }

    /// Ids are valid and unique among their kind: FAQ entries and topics
    /// share one matcher and so one set of ids; a red-flag category may
    /// share an id with the entry about it ("pregnancy").
    fn ids(&mut self, k: &Knowledge) {
        let mut seen: HashMap<(&str, KnowledgeFile), KnowledgeFile> = HashMap::new();
        let files = k
            .entries
            .iter()
            .map(|e| (e.id.as_str(), entry_file(e.kind)))
            .chain(
                k.red_flags
                    .categories
                    .iter()
                    .map(|c| (c.id.as_str(), KnowledgeFile::RedFlags)),
            )
            .chain(
                k.stretches
                    .iter()
                    .map(|s| (s.id.as_str(), KnowledgeFile::Stretches)),
            );
        for (id, file) in files {
            let valid = valid_id(id);
            let short = id.len() <= ID_LIMIT;
            let kind = match file {
                KnowledgeFile::Topics => KnowledgeFile::Faq,
                other => other,
            };
            let first = seen.insert((id, kind), file);
            let prefixed = file != KnowledgeFile::Topics || id.starts_with(TOPIC_PREFIX);
            if valid && short && prefixed && first.is_none() {
                continue;
            }
            // With a duplicate, the line of the one that repeats it.
            let table = Key(file_table(file));
            let entry = if first.is_some() { LastId(id) } else { Id(id) };
            let line = self.line(file, &[table, entry, Key("id")]);
            if !valid {
                self.report(
                    file,
                    line,
                    format!("id \"{id}\" must be lowercase letters, digits and single hyphens"),
                );
            }
            if file == KnowledgeFile::Topics && !id.starts_with(TOPIC_PREFIX) {
                self.report(
                    file,
                    line,
                    format!("topic id \"{id}\" must start with \"{TOPIC_PREFIX}\""),
                );
            }
            if !short {
                self.report(
                    file,
                    line,
                    format!(
                        "id \"{id}\" is {} characters; ids may be at most {ID_LIMIT}",
                        id.len()
                    ),
                );
            }
            if let Some(first) = first {
                let first_name = self.sources.get(first).name.clone();
                self.report(
                    file,
                    line,
                    format!("duplicate id \"{id}\" (also in {first_name})"),
                );
            }
        }
    }

    fn entries(&mut self, k: &Knowledge) {
        for e in &k.entries {
            let file = entry_file(e.kind);
            let table = Key(entry_table(e.kind));
            let title_key = title_key(e.kind);
            let body_key = match e.kind {
                super::EntryKind::Faq => "answer",
                super::EntryKind::Topic => "summary",
            };
            if e.title.is_empty() {
                let line = self.line(file, &[table, Id(&e.id), Key(title_key)]);
                self.report(file, line, format!("\"{}\": `{title_key}` is empty", e.id));
            }
            if e.title.chars().count() > TITLE_LIMIT {
                let line = self.line(file, &[table, Id(&e.id), Key(title_key)]);
                self.report(file, line, format!("\"{}\": `{title_key}` is over Discord's {TITLE_LIMIT}-character title limit", e.id));
            }
            if e.body.is_empty() {
                let line = self.line(file, &[table, Id(&e.id), Key(body_key)]);
                self.report(file, line, format!("\"{}\": `{body_key}` is empty", e.id));
            }
            let len = e.body.chars().count();
            if len > ANSWER_LIMIT {
                let line = self.line(file, &[table, Id(&e.id), Key(body_key)]);
                self.report(file, line, format!("\"{}\": `{body_key}` is {len} characters; the limit is {ANSWER_LIMIT} so that it fits in a Discord message with the care prompt", e.id));
            }
            if e.aliases.is_empty() {
                let line = self.line(file, &[table, Id(&e.id), Key("aliases")]);
                self.report(
                    file,
                    line,
                    format!(
                        "\"{}\": `aliases` is empty; add the ways members ask this",
                        e.id
                    ),
                );
            }
            // A need with no word in it ("", "!") matches no message: the
            // entry would never answer.
            if e.needs.iter().any(|n| tokenize(n).is_empty()) {
                let line = self.line(file, &[table, Id(&e.id), Key("needs")]);
                let message = format!("\"{}\": a word in `needs` is empty", e.id);
                self.report(file, line, message);
            }
            for related in &e.related {
                if related == &e.id || k.entry(related).is_none() {
                    let at = [table, Id(&e.id), Key("related"), Text(related)];
                    let line = self.line(file, &at);
                    self.report(
                        file,
                        line,
                        format!(
                            "\"{}\": related id \"{related}\" is not a FAQ entry or topic",
                            e.id
                        ),
                    );
                }
            }
        }
    }

    /// An alias (or question) that two entries share would make the matcher
    /// toss a coin between them.
    fn aliases(&mut self, k: &Knowledge) {
        let mut owner: HashMap<String, &str> = HashMap::new();
        for e in &k.entries {
            let file = entry_file(e.kind);
            let table = Key(entry_table(e.kind));
            let title = Key(title_key(e.kind));
            let phrases = std::iter::once((&e.title, title))
                .chain(e.aliases.iter().map(|a| (a, Key("aliases"))));
            for (phrase, field) in phrases {
                let at = [table, Id(&e.id), field, Text(phrase)];
                let key = tokenize(phrase).join(" ");
                if key.is_empty() {
                    let line = self.line(file, &at);
                    self.report(
                        file,
                        line,
                        format!("\"{}\": \"{phrase}\" has no words to match", e.id),
                    );
                    continue;
                }
                match owner.get(&key) {
                    Some(other) if *other != e.id => {
                        let line = self.line(file, &at);
                        self.report(
                            file,
                            line,
                            format!("\"{}\": \"{phrase}\" is also used by \"{other}\"", e.id),
                        );
                    }
                    _ => {
                        owner.insert(key, &e.id);
                    }
                }
            }
        }
    }

    fn red_flags(&mut self, k: &Knowledge) {
        let file = KnowledgeFile::RedFlags;
        for (name, prompt) in k.red_flags.prompts.all() {
            let key = format!("prompts.{name}");
            self.non_empty_within(
                file,
                &[Key("prompts"), Key(name)],
                &key,
                prompt,
                PROMPT_LIMIT,
            );
        }
        self.worst_case_reply(k);
        self.groups(k);
        let lists = [
            ("look_alikes", &k.red_flags.look_alikes),
            ("not_signs", &k.red_flags.not_signs),
            ("denials", &k.red_flags.denials),
        ];
        for (key, list) in lists {
            for phrase in list {
                if let Some(problem) = term_problem(phrase, &k.red_flags.groups) {
                    let at = self.line(file, &[Key(key), Text(phrase)]);
                    self.report(file, at, format!("{key}: \"{phrase}\" {problem}"));
                }
            }
        }
        for c in &k.red_flags.categories {
            let at = [Key("red_flag"), Id(&c.id), Key("id")];
            if c.name.is_empty() {
                self.report_at(file, &at, format!("\"{}\": `name` is empty", c.id));
            }
            if c.terms.is_empty() {
                self.report_at(file, &at, format!("\"{}\": `terms` is empty", c.id));
            }
            self.tier_and_wording(c, &at);
            let named = c.eases.iter().map(|id| ("eases", id));
            for (key, other) in named.chain(c.requires.iter().map(|id| ("requires", id))) {
                if other == &c.id || k.red_flag(other).is_none() {
                    let why = format!(
                        "\"{}\": `{key}` names \"{other}\", which is not another red-flag category",
                        c.id
                    );
                    self.report_at(file, &at, why);
                }
            }
            for term in c.terms.iter().chain(&c.unless) {
                if let Some(problem) = term_problem(term, &k.red_flags.groups) {
                    let list = if c.terms.contains(term) {
                        "terms"
                    } else {
                        "unless"
                    };
                    let at = self.line(file, &[Key("red_flag"), Id(&c.id), Key(list), Text(term)]);
                    self.report(file, at, format!("\"{}\": term \"{term}\" {problem}", c.id));
                }
            }
            for id in c.answers.iter().chain(&c.owns) {
                if k.entry(id).is_none() {
                    self.report_at(
                        file,
                        &at,
                        format!(
                            "\"{}\": answer id \"{id}\" is not a FAQ entry or topic",
                            c.id
                        ),
                    );
                }
            }
        }
    }

    /// Each group needs words, and every word something to match.
    fn groups(&mut self, k: &Knowledge) {
        let file = KnowledgeFile::RedFlags;
        for (name, words) in &k.red_flags.groups {
            if words.is_empty() {
                let at = [Key("groups"), Key(name)];
                self.report_at(file, &at, format!("group \"{name}\" is empty"));
            }
            // A word that parses as naming a group (or half of one).
            let names_group = |w: &str| Term::parse(w).map_or(true, |t| t.has_group());
            for word in words {
                let tokens = tokenize(word);
                let why = if names_group(word) {
                    "names another group, which groups cannot do".to_string()
                } else if tokens.is_empty() {
                    "has no words to match".to_string()
                } else if let Some(f) = filler_in(&tokens) {
                    // "my right ball" would be read as "my ball" (a
                    // massage ball): the same trap as in a term.
                    format!("contains \"{f}\", a filler word (the program's own list) that matching skips, so it matches without it: leave it out")
                } else {
                    continue;
                };
                let at = self.line(file, &[Key("groups"), Key(name), Text(word)]);
                self.report(file, at, format!("group \"{name}\": \"{word}\" {why}"));
            }
        }
    }

    /// Every category says how soon it needs care, and its own wording
    /// fits beside an answer.
    fn tier_and_wording(&mut self, c: &RedFlagCategory, at: &[Step]) {
        let file = KnowledgeFile::RedFlags;
        if c.tier.is_none() && !c.concept {
            let why = format!("\"{}\": no `tier`: say how soon this sign needs care (\"emergency\", \"same-day\", \"soon\" or \"precaution\")", c.id);
            self.report_at(file, at, why);
        }
        if let Some(prompt) = &c.prompt {
            let at = [Key("red_flag"), Id(&c.id), Key("prompt")];
            let key = format!("\"{}\": `prompt`", c.id);
            self.non_empty_within(file, &at, &key, prompt, PROMPT_LIMIT);
        }
    }

    /// The most signs a prompt names (the longest names), in each tier's
    /// wording and each sign's own, above the longest answer must still
    /// fit in one Discord message: the prompt is only known once `{signs}`
    /// is filled in.
    fn worst_case_reply(&mut self, k: &Knowledge) {
        let file = KnowledgeFile::RedFlags;
        let rf = &k.red_flags;
        // The longest names a prompt can hold, with the words around them.
        let mut names: Vec<&str> = rf.categories.iter().map(|c| c.name.as_str()).collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        names.truncate(MAX_NAMED);
        names.push("more");
        let every_sign = names.join(", ");
        let longest = k
            .entries
            .iter()
            .map(|e| e.body.chars().count())
            .max()
            .unwrap_or(0);
        // (what to call it, where it is, its wording)
        let tiers = rf.prompts.all().map(|(name, prompt)| {
            (
                format!("prompts.{name}"),
                vec![Key("prompts"), Key(name)],
                prompt,
            )
        });
        let own = rf.categories.iter().filter_map(|c| {
            let prompt = c.prompt.as_deref()?;
            let at = vec![Key("red_flag"), Id(&c.id), Key("prompt")];
            Some((format!("\"{}\": `prompt`", c.id), at, prompt))
        });
        for (key, at, template) in tiers.into_iter().chain(own) {
            let prompt = template.replace("{signs}", &every_sign);
            let total = prompt.chars().count() + 2 + longest;
            if total > DESCRIPTION_LIMIT {
                let line = self.line(file, &at);
                self.report(file, line, format!("{key} naming the longest signs is {} characters; with the longest answer that is {total}, over Discord's {DESCRIPTION_LIMIT}", prompt.chars().count()));
            }
        }
    }

    fn stretches(&mut self, k: &Knowledge) {
        let file = KnowledgeFile::Stretches;
        if k.stretches.is_empty() {
            self.report(
                file,
                1,
                "no [[stretch]] entries: the stretch of the day needs at least one".into(),
            );
        }
        for s in &k.stretches {
            let at = [Key("stretch"), Id(&s.id), Key("id")];
            let fields = [
                ("name", s.name.is_empty()),
                ("targets", s.targets.is_empty()),
                ("steps", s.steps.is_empty()),
                ("hold", s.hold.is_empty()),
                ("caution", s.caution.is_empty()),
            ];
            for (key, empty) in fields {
                if empty {
                    self.report_at(file, &at, format!("\"{}\": `{key}` is empty", s.id));
                }
            }
            let text_len: usize = s.steps.iter().map(|t| t.chars().count()).sum::<usize>()
                + s.caution.chars().count()
                + s.hold.chars().count();
            if text_len > ANSWER_LIMIT {
                self.report_at(
                    file,
                    &at,
                    format!(
                        "\"{}\": the stretch is {text_len} characters; the limit is {ANSWER_LIMIT}",
                        s.id
                    ),
                );
            }
            if s.names.iter().any(|n| n.trim().is_empty()) {
                self.report_at(
                    file,
                    &at,
                    format!("\"{}\": a name in `names` is empty", s.id),
                );
            }
        }
        self.stretch_names_unique(k);
    }

    /// A name that two stretches claim ("figure four") could answer a
    /// question with either: each name belongs to one stretch.
    fn stretch_names_unique(&mut self, k: &Knowledge) {
        let mut owner: HashMap<String, &str> = HashMap::new();
        for s in &k.stretches {
            for name in &s.names {
                let key = name.trim().to_lowercase();
                match owner.get(&key) {
                    Some(other) if *other != s.id => {
                        let at = [Key("stretch"), Id(&s.id), Key("id")];
                        let message = format!(
                            "\"{}\": the name \"{name}\" is also a name of \"{other}\"; give it to one of them",
                            s.id
                        );
                        self.report_at(KnowledgeFile::Stretches, &at, message);
                    }
                    _ => {
                        owner.insert(key, &s.id);
                    }
                }
            }
        }
    }

    fn lexicon(&mut self, k: &Knowledge) {
        let file = KnowledgeFile::Lexicon;
        for (from, to) in &k.lexicon.synonyms {
            let words = tokenize(from).len();
            let why = if words == 0 || tokenize(to).is_empty() {
                format!("synonym \"{from}\" = \"{to}\": both sides need words (a synonym can not make words disappear)")
            } else if words > MAX_PHRASE {
                format!("synonym \"{from}\": a message is read {MAX_PHRASE} words at a time, so a longer phrase never matches: shorten it")
            } else {
                continue;
            };
            let at = self.line(file, &[Key("synonyms"), Key(from)]);
            self.report(file, at, why);
        }
    }

    fn replies(&mut self, k: &Knowledge) {
        let file = KnowledgeFile::Replies;
        let r = &k.replies;
        for (key, text) in [
            ("footer", &r.footer),
            ("not_sure", &r.not_sure),
            ("did_you_mean", &r.did_you_mean),
            ("see_also", &r.see_also),
            ("empty", &r.empty),
        ] {
            self.non_empty_within(file, &[Key(key)], key, text, PROMPT_LIMIT);
        }
    }

    fn non_empty_within(
        &mut self,
        file: KnowledgeFile,
        at: &[Step],
        key: &str,
        text: &str,
        limit: usize,
    ) {
        if text.is_empty() {
            self.report_at(file, at, format!("`{key}` is empty"));
        } else if text.chars().count() > limit {
            self.report_at(file, at, format!("`{key}` is over {limit} characters"));
        }
    }
}

/// The array of tables that holds entries of `kind`.
fn entry_table(kind: super::EntryKind) -> &'static str {
    file_table(entry_file(kind))
}

/// The array of tables that holds the things with ids in `file`.
fn file_table(file: KnowledgeFile) -> &'static str {
    match file {
        KnowledgeFile::Faq => "faq",
        KnowledgeFile::Topics => "topic",
        KnowledgeFile::RedFlags => "red_flag",
        KnowledgeFile::Stretches => "stretch",
        KnowledgeFile::Lexicon | KnowledgeFile::Replies => "",
    }
}

/// The key of an entry's title.
fn title_key(kind: super::EntryKind) -> &'static str {
    match kind {
        super::EntryKind::Faq => "question",
        super::EntryKind::Topic => "name",
    }
}

fn entry_file(kind: super::EntryKind) -> KnowledgeFile {
    match kind {
        super::EntryKind::Faq => KnowledgeFile::Faq,
        super::EntryKind::Topic => KnowledgeFile::Topics,
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// The first filler word of `words`, which matching skips (see
/// `english.toml`'s `fillers`).
fn filler_in(words: &[String]) -> Option<&String> {
    let fillers = &crate::language::english().fillers;
    words.iter().find(|w| fillers.contains(w))
}

/// What is wrong with a red-flag term (or look-alike), if anything.
fn term_problem(
    term: &str,
    groups: &std::collections::BTreeMap<String, Vec<String>>,
) -> Option<String> {
    // Every group word has words (see `groups`), so only a term without a
    // group can come out empty.
    let words = tokenize(term);
    let filler = filler_in(&words);
    let parsed = Term::parse(term);
    let has_group = parsed.as_ref().is_ok_and(Term::has_group);
    match parsed.and_then(|t| t.check(groups)) {
        Err(e) => Some(e.to_string()),
        Ok(_) if !has_group && words.is_empty() => Some("has no words to match".to_string()),
        // "literally can not move" would match as "can not move", which
        // catches "cant move my hip properly".
        Ok(_) => filler.map(|w| format!("contains \"{w}\", a filler word (the program's own list) that matching skips, so the term matches without it: leave it out")),
    }
}
