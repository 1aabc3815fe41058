//! Turning a raw chat message into plain lowercase word tokens.
//!
//! Everything a member can type goes through here first, so this module is
//! written to be total: any input, however large or strange, yields a bounded
//! list of tokens in bounded time and never panics.

use caseless::Caseless;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Only the start of a message is read: a question fits in far less, and the
/// cap keeps a pasted novel from costing more than a normal message.
pub const MAX_INPUT_CHARS: usize = 2_000;

/// A token longer than this is a pasted hash, a keyboard smash or an attack,
/// never a word worth matching.
const MAX_TOKEN_CHARS: usize = 32;

/// Upper bound on tokens per message, after the character cap.
pub const MAX_TOKENS: usize = 400;

/// Splits `input` into normalised word tokens.
///
/// Removes what carries no meaning for matching (Discord mentions, channel
/// links, custom emoji, timestamps, URLs, fenced code blocks), folds case
/// the Unicode way, strips accents and combining marks (which also undoes
/// "zalgo" text), drops apostrophes inside words (`don't` -> `dont`) and
/// splits letters from digits (`8kg` -> `8`, `kg`).
pub fn tokenize(input: &str) -> Vec<String> {
    split_words(&folded(input))
}

/// `input`, capped, without markup and folded: what both tokenizers split.
fn folded(input: &str) -> String {
    let capped = cap_chars(input, MAX_INPUT_CHARS);
    // Most text (every alias and answer of the knowledge) has no markup
    // at all: not copying it word by word is most of a cold start's gain.
    if has_markup(capped) {
        fold(&strip_markup(capped))
    } else {
        fold(capped)
    }
}

/// The longest prefix of `s` with at most `max` characters.
pub fn cap_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

/// Whether `s` may hold anything `strip_markup` removes.
fn has_markup(s: &str) -> bool {
    s.contains(['<', '`', '@']) || s.contains("http") || s.contains("www.")
}

/// Removes Discord markup and links, leaving spaces in their place.
fn strip_markup(s: &str) -> String {
    let without_code = strip_fenced_code(s);
    let mut out = String::with_capacity(without_code.len());
    for word in without_code.split_inclusive(char::is_whitespace) {
        if is_link(word) {
            out.push(' ');
        } else if let Some(rest) = after_mass_mention(word) {
            out.push(' ');
            strip_angle_tokens(rest, &mut out);
        } else {
            strip_angle_tokens(word, &mut out);
        }
    }
    out
}

/// Drops the contents of ``` fenced ``` blocks: pasted logs and code are not
/// part of the question. An unclosed fence drops the rest of the message.
fn strip_fenced_code(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split("```").enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
            out.push(' ');
        }
    }
    out
}

/// `@everyone` and `@here` at the start of `word` are mentions like
/// `<@123>`: not words of the question ("everyone" would dilute the match).
/// Returns what follows the mention, if `word` starts with one.
fn after_mass_mention(word: &str) -> Option<&str> {
    ["@everyone", "@here"].into_iter().find_map(|m| {
        let rest = word.strip_prefix(m)?;
        (!rest.starts_with(char::is_alphanumeric)).then_some(rest)
    })
}

fn is_link(word: &str) -> bool {
    let w = word.trim_start_matches(['<', '(', '[']);
    w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.")
}

/// `s` without Discord's `<@123>`-style tokens (mentions, channels,
/// custom emoji, timestamps): what a question says, not whom it names.
pub fn without_discord_tokens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    strip_angle_tokens(s, &mut out);
    out
}

/// Copies `word` into `out`, leaving out `<@123>`, `<@!123>`, `<@&123>`,
/// `<#123>`, `<:name:123>`, `<a:name:123>` and `<t:123:R>` forms.
fn strip_angle_tokens(word: &str, out: &mut String) {
    let mut rest = word;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        match after.find('>') {
            Some(close) if is_discord_token(&after[1..close]) => {
                out.push(' ');
                rest = &after[close + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
}

fn is_discord_token(inner: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(id) = inner
        .strip_prefix("@!")
        .or_else(|| inner.strip_prefix("@&"))
        .or_else(|| inner.strip_prefix('@'))
        .or_else(|| inner.strip_prefix('#'))
    {
        return digits(id);
    }
    let emoji = inner
        .strip_prefix("a:")
        .or_else(|| inner.strip_prefix(':'))
        .or_else(|| inner.strip_prefix("t:"));
    match emoji.and_then(|e| e.split_once(':')) {
        Some((a, b)) => !a.is_empty() && (digits(b) || digits(a)),
        None => emoji.is_some_and(digits),
    }
}

/// Unicode case folding plus removal of accents and combining marks.
fn fold(s: &str) -> String {
    // Most messages are plain ASCII, where folding is just lowercasing.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars()
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .default_case_fold()
        .collect()
}

#[derive(PartialEq, Clone, Copy)]
enum Class {
    Letter,
    Digit,
    Joiner,
    Other,
}

fn class(c: char) -> Class {
    if c.is_ascii_digit() {
        Class::Digit
    } else if c.is_alphabetic() {
        Class::Letter
    } else if c == '\'' || c == '\u{2019}' {
        Class::Joiner
    } else {
        Class::Other
    }
}

/// Splits folded text into runs of letters or of digits; apostrophes join
/// letters.
fn split_words(s: &str) -> Vec<String> {
    split_marked(s).into_iter().map(|(word, _)| word).collect()
}

/// Like `tokenize`, each word with whether punctuation that ends a clause
/// (a comma, a full stop, a question mark, a line break ...) stands before
/// it: "veg beds, sore knees" has no "bed sore" in it.
pub fn tokenize_marked(input: &str) -> Vec<(String, bool)> {
    split_marked(&folded(input))
}

/// Whether `c`, followed by `next`, ends a clause: a full stop only
/// before a space or the end ("y.o." and "38.5" go on), a comma or colon
/// not before a digit ("1,000", "3:25"). Brackets do not: "my son (15)" is one
/// phrase.
fn ends_clause(c: char, next: Option<&char>) -> bool {
    match c {
        '.' => next.is_none_or(|n| !n.is_alphanumeric()),
        ',' | ':' => next.is_none_or(|n| !n.is_ascii_digit()),
        ';' | '!' | '?' | '\n' | '\u{2013}' | '\u{2014}' => true,
        _ => false,
    }
}

fn split_marked(s: &str) -> Vec<(String, bool)> {
    let mut tokens: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    let mut current_class = Class::Other;
    // Whether a clause ended since the last word was pushed.
    let mut ended = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let k = class(c);
        if k == Class::Joiner {
            // Between digits it is a height or a time ("6'2"), not a
            // contraction: the numbers stay apart.
            if current_class == Class::Digit {
                push_marked(&mut tokens, &mut current, &mut ended);
                current_class = Class::Other;
            }
            continue;
        }
        if k != current_class || k == Class::Other {
            push_marked(&mut tokens, &mut current, &mut ended);
            if tokens.len() >= MAX_TOKENS {
                return tokens;
            }
        }
        if ends_clause(c, chars.peek()) {
            ended = true;
        }
        // "pins & needles" is "pins and needles".
        if c == '&' {
            tokens.push(("and".to_string(), std::mem::take(&mut ended)));
        }
        current_class = k;
        if k != Class::Other {
            current.push(c);
        }
    }
    push_marked(&mut tokens, &mut current, &mut ended);
    tokens.truncate(MAX_TOKENS);
    tokens
}

/// Pushes the word in `current`, if it is one, with the clause end
/// before it.
fn push_marked(tokens: &mut Vec<(String, bool)>, current: &mut String, ended: &mut bool) {
    if !current.is_empty() && current.chars().count() <= MAX_TOKEN_CHARS {
        tokens.push((std::mem::take(current), std::mem::take(ended)));
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        tokenize(s)
    }

    #[test]
    fn marks_the_words_after_the_end_of_a_clause() {
        let ended = |s: &str| -> Vec<String> {
            tokenize_marked(s)
                .into_iter()
                .filter(|(_, ended)| *ended)
                .map(|(w, _)| w)
                .collect()
        };
        assert_eq!(ended("veg beds, sore. Now what? ok"), ["sore", "now", "ok"]);
        // Numbers, abbreviations and brackets go on.
        assert_eq!(
            ended("temp 38.5 at 3:25, my son (15) is 11 y.o. now"),
            ["my", "now"]
        );
        assert_eq!(ended("first line\nsecond"), ["second"]);
    }

    #[test]
    fn folds_case_and_punctuation() {
        assert_eq!(
            toks("Why does my BUTT hurt?!"),
            ["why", "does", "my", "butt", "hurt"]
        );
    }

    #[test]
    fn an_ampersand_is_and() {
        assert_eq!(toks("pins & needles"), ["pins", "and", "needles"]);
        assert_eq!(toks("R&D"), ["r", "and", "d"]);
    }

    #[test]
    fn joins_apostrophes_and_splits_digits() {
        assert_eq!(toks("don't lose 8kg"), ["dont", "lose", "8", "kg"]);
        assert_eq!(toks("it’s fine"), ["its", "fine"]);
        assert_eq!(toks("I'm 6'2"), ["im", "6", "2"]);
    }

    #[test]
    fn strips_accents_and_zalgo() {
        assert_eq!(toks("GLÚTE kñot"), ["glute", "knot"]);
        assert_eq!(toks("g\u{0336}\u{0353}l\u{0489}u\u{0300}te"), ["glute"]);
    }

    #[test]
    fn unicode_case_folding() {
        assert_eq!(toks("STRASSE Straße"), ["strasse", "strasse"]);
    }

    #[test]
    fn removes_discord_markup_and_links() {
        let t = toks("<@123> <@!45> <@&6> <#78> hi <:pog:999> <a:dance:1> <t:1700000000:R> see https://x.y/z?a=1 www.q.com ok");
        assert_eq!(t, ["hi", "see", "ok"]);
    }

    #[test]
    fn keeps_ordinary_angle_brackets() {
        assert_eq!(toks("pain <3 and a<b"), ["pain", "3", "and", "a", "b"]);
    }

    #[test]
    fn drops_fenced_code() {
        assert_eq!(
            toks("before ```rust\nfn knot() {}``` after"),
            ["before", "after"]
        );
        assert_eq!(toks("open ``` never closed knot"), ["open"]);
    }

    #[test]
    fn mass_mentions_are_not_words() {
        assert_eq!(
            toks("@everyone @here, wallet neuritis?"),
            ["wallet", "neuritis"]
        );
        assert_eq!(
            toks("mail me@here.uk @hereford"),
            ["mail", "me", "here", "uk", "hereford"]
        );
    }

    #[test]
    fn emoji_and_mentions_only_give_nothing() {
        assert!(toks("💀💀🙏🔥").is_empty());
        assert!(toks("<@1> <@2> <@&3>").is_empty());
        assert!(toks("").is_empty());
        assert!(toks("   \t\n ").is_empty());
    }

    #[test]
    fn drops_overlong_tokens_and_caps_counts() {
        let long = "a".repeat(100);
        assert_eq!(toks(&format!("{long} knot")), ["knot"]);
        let many = "knot ".repeat(10_000);
        assert!(toks(&many).len() <= MAX_TOKENS);
    }

    #[test]
    fn right_to_left_and_controls_are_separators() {
        assert_eq!(
            toks("glute\u{202e}knot\u{0}pain"),
            ["glute", "knot", "pain"]
        );
    }

    #[test]
    fn cap_respects_char_boundaries() {
        let s = "é".repeat(5);
        assert_eq!(cap_chars(&s, 3), "ééé");
        assert_eq!(cap_chars("ab", 10), "ab");
    }
}
