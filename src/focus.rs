//! The part of a long message that asks. Members with a real problem write
//! a story first (how it started, what they tried, what a physio said) and
//! the question last; the story's words would otherwise outvote the
//! question's. The matcher scores the asking sentences, while the whole
//! message still decides whether it is about glutes and which warning
//! signs it mentions.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

/// Fewer words than this and the message is its own question.
const LONG_MESSAGE_WORDS: usize = 20;

/// A question of fewer words than this ("who's right??", "thoughts?") is
/// about the sentence before it, which asks with it.
const BARE_QUESTION_WORDS: usize = 3;

/// At most this many words after "but" that say something is over ("but
/// he's all good now") tell the part before it as over.
const OVER_AFTER_BUT_WORDS: usize = 5;

/// How many words before an `over` form a negation undoes it.
const NEGATION_REACH: usize = 3;

/// Words that open a question even without a question mark ("how do i get
/// rid of it", "any tips for sitting").
const OPENERS: &[&str] = &[
    "how",
    "what",
    "whats",
    "why",
    "when",
    "where",
    "which",
    "who",
    "is",
    "are",
    "am",
    "can",
    "could",
    "should",
    "would",
    "will",
    "do",
    "does",
    "did",
    "has",
    "have",
    "any",
    "anyone",
    "anybody",
    "was",
    "were",
    "shall",
    "might",
    "wondering",
    "curious",
    "help",
];

/// The sentences of `message` that ask, when it is long enough to have a
/// story around them and some but not all of its sentences ask.
pub fn asking_part(message: &str) -> Option<String> {
    // Too short to have a story around its question.
    message.split_whitespace().nth(LONG_MESSAGE_WORDS)?;
    let sentences = sentences(message);
    let mut keep = vec![false; sentences.len()];
    for (i, s) in sentences.iter().enumerate() {
        if asks(s) {
            keep[i] = true;
            // "who's right??" asks about the sentence before it, as does
            // "which one for a knot a week old?".
            let short = s.split_whitespace().count() < BARE_QUESTION_WORDS;
            if i > 0 && (short || chooses_between(s)) {
                keep[i - 1] = true;
            }
        }
    }
    let asking: Vec<&str> = sentences
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(s, _)| s.trim())
        .collect();
    if asking.is_empty() || asking.len() == sentences.len() {
        return None;
    }
    Some(asking.join(" "))
}

/// The asking sentences of `message` too short to name their subject
/// ("Stretch?", "Heat or ice?"), or their last clause when it is ("tight
/// from the hip thrusts though, stretch?"): what they name is the thing
/// asked for, whatever the story before them is about.
pub fn bare_questions(message: &str) -> String {
    sentences(message)
        .into_iter()
        .filter(|s| asks(s))
        .filter_map(|s| {
            let clause = s.rsplit(',').next().unwrap_or(s);
            (clause.split_whitespace().count() < BARE_QUESTION_WORDS).then_some(clause)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The questions a message lists in one breath ("1) best creatine brand
/// 2) ... 3) why does my arse have a sore lump", "anyone know if the pool's
/// open, what's a decent roller, and what causes these knots?"), when it
/// lists two or more: each part between commas, colons or numbers that
/// opens like a question. One of them may be ours when the rest are not.
pub fn listed_questions(message: &str) -> Vec<&str> {
    // Within the sentences that ask with a question mark or number their
    // questions: "Did a 10k on Saturday." opens like a question but tells.
    let parts: Vec<&str> = sentences(message)
        .into_iter()
        .filter(|s| s.trim_end().ends_with('?') || split_numbered(s).len() > 1)
        .flat_map(|s| s.split([',', ';', ':']))
        .flat_map(split_numbered)
        .map(str::trim)
        .filter(|p| p.split_whitespace().count() >= LISTED_QUESTION_WORDS && asks(p))
        .collect();
    if parts.len() < 2 {
        return Vec::new();
    }
    parts
}

/// `text` split before list numbers ("1)", "(2)"; not "2.", which ends
/// "I'm 34." as often as it numbers).
fn split_numbered(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (at, c) in text.char_indices() {
        let numbered = c.is_ascii_digit()
            && (at == 0 || matches!(bytes[at - 1], b' ' | b'('))
            && bytes.get(at + 1) == Some(&b')')
            && bytes.get(at + 2) == Some(&b' ');
        if numbered && at > start {
            out.push(&text[start..at]);
            start = at + 2;
        }
    }
    out.push(&text[start.min(text.len())..]);
    out
}

/// Fewest words a listed question needs to say what it asks.
const LISTED_QUESTION_WORDS: usize = 4;

/// Splits after `.`, `!`, `?` and line breaks, keeping the mark; an
/// ellipsis that trails on in lower case does not end a sentence.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?' | '\n') {
            let end = at + c.len_utf8();
            if trails_on(text, at, end) {
                continue;
            }
            if !text[start..end].trim().is_empty() {
                out.push(&text[start..end]);
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(&text[start..]);
    }
    out
}

/// Whether the dot at `at..end` is part of an ellipsis that trails on into
/// the same thought ("my calves are swollen... with gains lol"): the next
/// word starts in lower case.
fn trails_on(text: &str, at: usize, end: usize) -> bool {
    let after = &text[end..];
    // Not the last dot of an ellipsis: the last one decides.
    if after.starts_with('.') {
        return true;
    }
    text[..at].ends_with('.')
        && after
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
}

/// Whether any sentence of `message` asks something: what tells a
/// follow-up question ("how long does that take?") from a reply that only
/// acknowledges ("ok cool", "thanks that helps").
pub fn asks_something(message: &str) -> bool {
    sentences(message).iter().any(|s| asks(s))
}

/// Whether `question` asks what the trouble is or whether to worry ("is
/// that normal?", "knot or something else?"), in the words of
/// `english.toml`'s `asks_what_it_is`, rather than about a subject.
pub fn asks_what_it_is(question: &str) -> bool {
    has_form(question, &forms().0, false)
}

/// `message` without its parts that tell something as over ("had a fever
/// last month, all good now"), in the words of `english.toml`'s `over`, or
/// `None` when no part does. A part is a sentence, or what follows "but"
/// in one: "fell last week, the graze healed but my hip is killing me"
/// keeps "my hip is killing me".
pub fn without_parts_over(message: &str) -> Option<String> {
    let over = &forms().1;
    // Most messages tell nothing as over: one reading says so.
    if !has_form(message, over, false) {
        return None;
    }
    let mut rest = Vec::new();
    let mut any = false;
    for sentence in sentences(message) {
        let parts: Vec<&str> = sentence.split(" but ").collect();
        let done: Vec<bool> = parts.iter().map(|p| has_form(p, over, true)).collect();
        for (i, part) in parts.iter().enumerate() {
            // "grandad fell and broke his hip but he's all good now": a
            // few words of "over" after "but" close the part before.
            let closed = done.get(i + 1).is_some_and(|d| *d)
                && parts[i + 1].split_whitespace().count() <= OVER_AFTER_BUT_WORDS;
            if done[i] || closed {
                any = true;
            } else {
                rest.push(*part);
            }
        }
    }
    any.then(|| rest.join(" "))
}

/// A list of forms of a few words, filed by their first word so a text is
/// read once, whatever the list's length.
struct Forms(HashMap<String, Vec<Vec<String>>>);

impl Forms {
    fn new(list: &[String]) -> Forms {
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for form in list {
            let words: Vec<String> = form.split(' ').map(str::to_string).collect();
            by_first.entry(words[0].clone()).or_default().push(words);
        }
        Forms(by_first)
    }
}

/// `english.toml`'s `asks_what_it_is`, `over`, `chooses_between`,
/// `asks_for_another` and `forbids`, filed once.
fn forms() -> &'static (Forms, Forms, Forms, Forms, Forms) {
    static FORMS: OnceLock<(Forms, Forms, Forms, Forms, Forms)> = OnceLock::new();
    FORMS.get_or_init(|| {
        let english = crate::language::english();
        (
            Forms::new(&english.asks_what_it_is),
            Forms::new(&english.over),
            Forms::new(&english.chooses_between),
            Forms::new(&english.asks_for_another),
            Forms::new(&english.forbids),
        )
    })
}

/// Whether `question` asks for something in place of what it named ("should
/// I switch to a different stretch?"): see `english.toml`'s
/// `asks_for_another`.
pub fn asks_for_another(question: &str) -> bool {
    has_form(question, &forms().3, false)
}

/// Whether `message` forbids something it names ("my physio said no
/// pigeon"): see `english.toml`'s `forbids`.
pub fn forbids(message: &str) -> bool {
    has_form(message, &forms().4, false)
}

/// Whether `question` asks to choose between things told before it
/// ("Which one for a week-old knot?" after "mum says ice, my mate says
/// heat"): see `english.toml`'s `chooses_between`.
fn chooses_between(question: &str) -> bool {
    has_form(question, &forms().2, false)
}

/// Whether `text` holds any of `forms` as whole words, in order, after
/// contractions ("what's" is "what is"), within one clause ("I could push
/// off it fine, now I can't" is not "fine now"); with `unnegated`, not
/// right after a negation ("it has not healed").
fn has_form(text: &str, forms: &Forms, unnegated: bool) -> bool {
    let english = crate::language::english();
    let (words, breaks): (Vec<String>, Vec<bool>) = crate::text::tokenize_marked(text)
        .into_iter()
        .flat_map(|(w, after_break)| match english.contractions.get(&w) {
            Some(full) => full
                .split(' ')
                .enumerate()
                .map(|(i, part)| (part.to_string(), after_break && i == 0))
                .collect(),
            None => vec![(w, after_break)],
        })
        .unzip();
    (0..words.len()).any(|at| {
        let Some(candidates) = forms.0.get(&words[at]) else {
            return false;
        };
        let found = candidates.iter().any(|form| {
            let end = at + form.len();
            words.get(at..end) == Some(&form[..]) && !breaks[at + 1..end].contains(&true)
        });
        // "has not fully healed", "never really got over it".
        let before = &words[at.saturating_sub(NEGATION_REACH)..at];
        found && !(unnegated && before.iter().any(|b| english.negations.contains(b)))
    })
}

fn asks(sentence: &str) -> bool {
    if sentence.trim_end().ends_with('?') {
        return true;
    }
    let word = |w: &str| -> String {
        w.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    // "and should i see someone": a joining word before the opener.
    let first = sentence
        .split_whitespace()
        .map(word)
        .find(|w| !JOINERS.contains(&w.as_str()))
        .unwrap_or_default();
    OPENERS.contains(&first.as_str())
}

// Chat openers and tags count as joiners too: "ok but for real how do i
// get rid of it", "ngl what helps" (review s27a).
const JOINERS: &[&str] = &[
    "and",
    "also",
    "but",
    "or",
    "so",
    "plus",
    "then",
    "ok",
    "okay",
    "anyway",
    "anyways",
    "well",
    "yeah",
    "lol",
    "ngl",
    "tbh",
    "fr",
    "honestly",
    "seriously",
    "for",
    "real",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acknowledgements_ask_nothing() {
        assert!(asks_something("how long does that usually take"));
        assert!(asks_something("cheers. and can I still train on it?"));
        assert!(!asks_something("ok cool"));
        assert!(!asks_something("thanks that helps!"));
    }

    #[test]
    fn parts_told_as_over_are_left_out() {
        let rest = |m| without_parts_over(m).map(|r| r.trim().to_string());
        assert_eq!(
            rest("Had sciatica in 2019, totally gone now. Glute is tight, best stretch?")
                .as_deref(),
            Some("Glute is tight, best stretch?")
        );
        assert_eq!(
            rest("the graze healed but my hip is killing me").as_deref(),
            Some("my hip is killing me")
        );
        assert_eq!(
            rest("grandad fell and broke his hip but he's all good now. my desk knot, stretch?")
                .as_deref(),
            Some("my desk knot, stretch?")
        );
        // Not over: denied, or easing that may not last.
        assert_eq!(rest("the bruise has not fully healed, stretch?"), None);
        assert_eq!(rest("it goes away when I stand up"), None);
        // Not over: a clause ends between "fine" and "now".
        assert_eq!(
            rest("Last week I could lift my big toe fine, now I can't lift it at all"),
            None
        );
    }

    #[test]
    fn a_bare_question_takes_the_sentence_before_it() {
        let post = "im 16 and play for my school team, got a knot in my glute after sprints. \
                    my mum says ice it and my coach says heat pack. whos right?? dont want to miss \
                    the cup game on saturday";
        let asked = asking_part(post).unwrap();
        assert!(
            asked.starts_with("my mum says ice it and my coach says heat pack. whos right?"),
            "{asked}"
        );
        assert!(!asked.contains("cup game"), "{asked}");
    }

    #[test]
    fn bare_questions_and_bare_last_clauses_are_found() {
        assert_eq!(bare_questions("Glute so tight. Stretch?"), " Stretch?");
        assert_eq!(
            bare_questions("Tight from the hip thrusts though, stretch?"),
            " stretch?"
        );
        assert_eq!(bare_questions("What stretch helps a tight glute?"), "");
        assert_eq!(bare_questions("Glute so tight after squats."), "");
    }

    #[test]
    fn questions_listed_in_one_breath_are_found() {
        let post = "three things lads: 1) best creatine brand 2) is a 3 day split enough for a \
                    beginner 3) why does my arse have a sore lump in it when I sit";
        assert_eq!(
            listed_questions(post),
            vec![
                "is a 3 day split enough for a beginner",
                "why does my arse have a sore lump in it when I sit"
            ]
        );
        let post = "anyone know if the pool's open on Monday, what's a decent budget foam roller, \
                    and what causes these knots in the first place?";
        assert_eq!(listed_questions(post).len(), 3);
        assert!(listed_questions("what causes knots, and do they go away?").is_empty());
        // A sentence that tells, however it opens, lists no question.
        let post = "Did a 10k on Saturday, glutes fine. Now a knot in my calf, what's the \
                    quickest way to get a calf knot out?";
        assert!(
            listed_questions(post).is_empty(),
            "{:?}",
            listed_questions(post)
        );
    }

    #[test]
    fn a_short_message_is_its_own_question() {
        assert_eq!(
            asking_part("knot in my glute. how do i get rid of it?"),
            None
        );
    }

    #[test]
    fn the_asking_sentences_of_a_story_are_found() {
        let post = "I'm 34 and run about 40k a week. Three weeks ago my right glute started \
                    aching after long runs and the foam roller helps a bit. My physio said rest. \
                    How long should I rest before running again?";
        assert_eq!(
            asking_part(post).as_deref(),
            Some("How long should I rest before running again?")
        );
        let two = "Been lifting for ten years, never had this. Sitting at work is agony now. \
                   heat or ice? and should i see someone about it";
        assert_eq!(
            asking_part(two).as_deref(),
            Some("heat or ice? and should i see someone about it")
        );
    }

    #[test]
    fn a_question_that_chooses_between_things_told_keeps_them() {
        let post = "Knot in my left glute since Saturday's long run, sore on the stairs. My coach \
                    swears by the foam roller, my sister says a massage gun. Which one is better \
                    for a knot this fresh, and how often?";
        assert_eq!(
            asking_part(post).as_deref(),
            Some(
                "My coach swears by the foam roller, my sister says a massage gun. Which one is \
                 better for a knot this fresh, and how often?"
            )
        );
    }

    #[test]
    fn a_story_without_a_question_or_only_questions_is_left_whole() {
        let story = "Three weeks ago my right glute started aching after long runs and the \
                     foam roller helps a bit and my physio said to rest it for a while now.";
        assert_eq!(asking_part(story), None);
        let all = "Why does my glute ache after long runs and why does the foam roller only help \
                   a little? Should I rest it or keep running through the whole thing?";
        assert_eq!(asking_part(all), None);
    }
}
