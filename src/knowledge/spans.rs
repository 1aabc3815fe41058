//! Where a value sits in a knowledge file, from the TOML parser's own
//! spans: a problem is reported at the line that holds the value, never at
//! a comment or another entry that happens to quote the same words.
//!
//! Loading a file never needs this; it is parsed again only when a check
//! has something to report, so clean knowledge loads no slower.

use std::cell::OnceCell;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::problem::line_at;

/// One step of a path into a file.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// The value of a table's key.
    Key(&'a str),
    /// The first table, in an array of tables, whose `id` is this.
    Id(&'a str),
    /// The last table whose `id` is this: where a duplicate repeats it.
    LastId(&'a str),
    /// The string, in an array, that is this (surrounding spaces ignored,
    /// as loading ignores them).
    Text(&'a str),
}

/// One knowledge file's text, parsed for its spans on first use.
pub struct Spans<'a> {
    text: &'a str,
    parsed: OnceCell<Option<Spanned<DeTable<'a>>>>,
}

impl<'a> Spans<'a> {
    pub fn new(text: &'a str) -> Self {
        Spans {
            text,
            parsed: OnceCell::new(),
        }
    }

    /// The 1-based line where the value at `path` starts. A path that can
    /// only be followed part of the way gives the line of the last value
    /// found, so a problem still lands as close to its cause as possible.
    pub fn line(&self, path: &[Step]) -> usize {
        let parsed = self.parsed.get_or_init(|| DeTable::parse(self.text).ok());
        let Some(root) = parsed else {
            return 1;
        };
        let mut start = root.span().start;
        let mut table = Some(root.get_ref());
        let mut array: Option<&[Spanned<DeValue>]> = None;
        for step in path {
            let found = match *step {
                Step::Key(key) => table.and_then(|t| value_of(t, key)),
                Step::Id(id) => array.and_then(|a| a.iter().find(|v| has_id(v, id))),
                Step::LastId(id) => array.and_then(|a| a.iter().rfind(|v| has_id(v, id))),
                Step::Text(text) => array.and_then(|a| a.iter().find(|v| is_text(v, text))),
            };
            let Some(value) = found else { break };
            start = value.span().start;
            (table, array) = match value.get_ref() {
                DeValue::Table(t) => (Some(t), None),
                DeValue::Array(a) => (None, Some(&a[..])),
                _ => (None, None),
            };
        }
        line_at(self.text, start)
    }
}

fn value_of<'t, 'a>(table: &'t DeTable<'a>, key: &str) -> Option<&'t Spanned<DeValue<'a>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

fn has_id(value: &Spanned<DeValue>, id: &str) -> bool {
    match value.get_ref() {
        DeValue::Table(t) => value_of(t, "id").is_some_and(|v| is_text(v, id)),
        _ => false,
    }
}

fn is_text(value: &Spanned<DeValue>, text: &str) -> bool {
    matches!(value.get_ref(), DeValue::String(s) if s.trim() == text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::*;

    const FILE: &str = r#"# "shared" in a comment is never the answer
[groups]
numb = ["numb", "no feeling"]

[[faq]]
id = "one"
aliases = ["shared"]

[[faq]]
id = "two"
aliases = [
  "first",
  "  shared  ",
]
"#;

    #[test]
    fn paths_land_on_the_line_of_the_value_not_a_comment() {
        let spans = Spans::new(FILE);
        assert_eq!(
            spans.line(&[Key("groups"), Key("numb"), Text("no feeling")]),
            3
        );
        assert_eq!(
            spans.line(&[Key("faq"), Id("one"), Key("aliases"), Text("shared")]),
            7
        );
        assert_eq!(
            spans.line(&[Key("faq"), Id("two"), Key("aliases"), Text("shared")]),
            13
        );
        assert_eq!(spans.line(&[Key("faq"), Id("two"), Key("id")]), 10);
        assert_eq!(spans.line(&[Key("faq"), LastId("two"), Key("id")]), 10);
    }

    #[test]
    fn a_path_followed_part_way_gives_the_closest_line() {
        let spans = Spans::new(FILE);
        assert_eq!(spans.line(&[Key("faq"), Id("two"), Key("answer")]), 9);
        assert_eq!(spans.line(&[Key("nowhere")]), 1);
        assert_eq!(Spans::new("not = [toml").line(&[Key("not")]), 1);
    }
}
