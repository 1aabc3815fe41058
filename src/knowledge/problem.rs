//! Problems found in knowledge files, each pinned to a file and line.

use std::fmt;

/// One thing wrong with the knowledge, as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Every problem found while loading; the knowledge is refused as a whole.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", render(.0))]
pub struct KnowledgeError(pub Vec<Problem>);

fn render(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    lines.join("\n")
}

/// `text` (the file shown as `shown`) parsed as TOML into `T`; a syntax or
/// shape problem comes back as `file:line: message`.
pub fn parse_toml<T: serde::de::DeserializeOwned>(shown: &str, text: &str) -> Result<T, Problem> {
    toml::from_str(text).map_err(|e| at_span(shown, text, e.span(), e.message()))
}

/// A problem at the line where `span` (a parser's byte range) starts.
pub fn at_span(
    shown: &str,
    text: &str,
    span: Option<std::ops::Range<usize>>,
    message: &str,
) -> Problem {
    let line = span.map_or(1, |s| line_at(text, s.start));
    Problem::new(shown, line, message.trim())
}

/// The 1-based line that byte offset `at` of `text` falls on.
pub fn line_at(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[..at]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Where each line of a text starts, for turning many byte offsets into
/// lines without rescanning the text each time.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let newlines = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1);
        LineIndex {
            starts: std::iter::once(0).chain(newlines).collect(),
        }
    }

    /// The 1-based line that byte offset `at` falls on.
    pub fn line(&self, at: usize) -> usize {
        self.starts.partition_point(|&start| start <= at)
    }
}

/// Collects problems for one file, turning byte spans into lines.
pub struct Reporter<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub problems: Vec<Problem>,
}

impl<'a> Reporter<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Reporter {
            file,
            text,
            problems: Vec::new(),
        }
    }

    pub fn at_span(&mut self, span: &std::ops::Range<usize>, message: impl Into<String>) {
        let line = line_at(self.text, span.start);
        self.problems.push(Problem::new(self.file, line, message));
    }

    pub fn at_line(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push(Problem::new(self.file, line, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based() {
        let text = "a\nb\nc";
        assert_eq!(line_at(text, 0), 1);
        assert_eq!(line_at(text, 2), 2);
        assert_eq!(line_at(text, 4), 3);
        assert_eq!(line_at(text, 999), 3);
    }

    #[test]
    fn the_index_agrees_with_counting() {
        let text = "a\nbb\n\nccc\n";
        let index = LineIndex::new(text);
        for at in 0..text.len() + 3 {
            assert_eq!(index.line(at), line_at(text, at), "offset {at}");
        }
    }

    #[test]
    fn renders_file_and_line() {
        let p = Problem::new("faq.toml", 12, "missing field `answer`");
        assert_eq!(p.to_string(), "faq.toml:12: missing field `answer`");
    }
}
