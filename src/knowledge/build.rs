//! Parsing each file into the model, keeping every problem's line.

use toml::Spanned;

use super::files::{
    FaqFile, FaqRow, LexiconFile, RedFlagFile, RepliesFile, StretchFile, Text, TopicFile, TopicRow,
};
use super::problem::{LineIndex, Reporter};
use super::{
    Entry, EntryKind, Example, Knowledge, KnowledgeError, KnowledgeFile, Lexicon, Problem, Prompts,
    RedFlagCategory, RedFlags, Replies, Sources, Stretch,
};

/// Parses all files; any syntax or shape problem refuses the whole set.
pub fn parse_all(sources: &Sources) -> Result<Knowledge, KnowledgeError> {
    let mut problems = Vec::new();
    let faq: Option<FaqFile> = parse(sources, KnowledgeFile::Faq, &mut problems);
    let topics: Option<TopicFile> = parse(sources, KnowledgeFile::Topics, &mut problems);
    let flags: Option<RedFlagFile> = parse(sources, KnowledgeFile::RedFlags, &mut problems);
    let stretches: Option<StretchFile> = parse(sources, KnowledgeFile::Stretches, &mut problems);
    let lexicon: Option<LexiconFile> = parse(sources, KnowledgeFile::Lexicon, &mut problems);
    if let Some(lexicon) = &lexicon {
        moved_lists(sources, lexicon, &mut problems);
    }
    let replies: Option<RepliesFile> = parse(sources, KnowledgeFile::Replies, &mut problems);
    match (faq, topics, flags, stretches, lexicon, replies) {
        (Some(faq), Some(topics), Some(flags), Some(stretches), Some(lexicon), Some(replies))
            if problems.is_empty() =>
        {
            let faq_lines = LineIndex::new(&sources.get(KnowledgeFile::Faq).text);
            let topic_lines = LineIndex::new(&sources.get(KnowledgeFile::Topics).text);
            let mut entries: Vec<Entry> = faq
                .faq
                .into_iter()
                .map(|r| faq_entry(&faq_lines, r))
                .collect();
            entries.extend(
                topics
                    .topic
                    .into_iter()
                    .map(|r| topic_entry(&topic_lines, r)),
            );
            Ok(Knowledge::new(
                entries,
                red_flags(
                    flags,
                    &LineIndex::new(&sources.get(KnowledgeFile::RedFlags).text),
                ),
                stretches.stretch.into_iter().map(stretch).collect(),
                lexicon_of(lexicon),
                replies_of(replies),
            ))
        }
        _ => Err(KnowledgeError(problems)),
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    sources: &Sources,
    which: KnowledgeFile,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let file = sources.get(which);
    match toml::from_str::<T>(&file.text) {
        Ok(value) => Some(value),
        Err(e) => {
            let mut report = Reporter::new(&file.name, &file.text);
            let message = e.message().trim().to_string();
            match e.span() {
                Some(span) => report.at_span(&span, message),
                None => report.at_line(1, message),
            }
            problems.extend(report.problems);
            None
        }
    }
}

/// An older `lexicon.toml` may still hold lists the program now keeps
/// itself; editing them would do nothing, so they are refused with the fix.
fn moved_lists(sources: &Sources, file: &LexiconFile, problems: &mut Vec<Problem>) {
    let source = sources.get(KnowledgeFile::Lexicon);
    let mut report = Reporter::new(&source.name, &source.text);
    for (key, list) in [
        ("stopwords", &file.stopwords),
        ("fillers", &file.fillers),
        ("negations", &file.negations),
        ("spelled_right", &file.spelled_right),
    ] {
        if let Some(list) = list {
            let why = format!(
                "`{key}` is no longer read from this file: the program keeps its own list of \
                 common English (src/language). Delete this list."
            );
            report.at_span(&list.span(), why);
        }
    }
    problems.extend(report.problems);
}

fn owned(t: Text) -> String {
    t.into_inner().trim().to_string()
}

fn owned_all(list: Vec<Text>) -> Vec<String> {
    list.into_iter().map(owned).collect()
}

fn line_of(lines: &LineIndex, id: &Spanned<String>) -> usize {
    lines.line(id.span().start)
}

fn faq_entry(lines: &LineIndex, row: FaqRow) -> Entry {
    Entry {
        kind: EntryKind::Faq,
        line: line_of(lines, &row.id),
        id: owned(row.id),
        title: owned(row.question),
        aliases: owned_all(row.aliases.into_inner()),
        keywords: owned_all(row.keywords),
        body: owned(row.answer),
        related: owned_all(row.related),
        needs: owned_all(row.needs),
    }
}

fn topic_entry(lines: &LineIndex, row: TopicRow) -> Entry {
    Entry {
        kind: EntryKind::Topic,
        line: line_of(lines, &row.id),
        id: owned(row.id),
        title: owned(row.name),
        aliases: owned_all(row.aliases.into_inner()),
        keywords: owned_all(row.keywords),
        body: owned(row.summary),
        related: owned_all(row.related),
        needs: Vec::new(),
    }
}

fn red_flags(file: RedFlagFile, lines: &LineIndex) -> RedFlags {
    let categories = file
        .red_flag
        .into_iter()
        .map(|r| {
            let example = |fires: bool| {
                move |t: Text| Example {
                    line: lines.line(t.span().start),
                    text: t.into_inner(),
                    fires,
                }
            };
            let examples = r
                .fires
                .into_iter()
                .map(example(true))
                .chain(r.quiet.into_iter().map(example(false)))
                .collect();
            RedFlagCategory {
                id: owned(r.id),
                name: owned(r.name),
                tier: r.tier,
                prompt: r.prompt.map(owned),
                eases: owned_all(r.eases),
                unless: owned_all(r.unless),
                requires: owned_all(r.requires),
                concept: r.concept,
                nerve: r.nerve,
                in_passing: r.in_passing,
                prompt_alone: r.prompt_alone,
                lasting: r.lasting,
                answers: owned_all(r.answers),
                owns: owned_all(r.owns),
                terms: owned_all(r.terms.into_inner()),
                examples,
            }
        })
        .collect();
    RedFlags {
        prompts: Prompts {
            emergency: owned(file.prompts.emergency),
            same_day: owned(file.prompts.same_day),
            soon: owned(file.prompts.soon),
            precaution: owned(file.prompts.precaution),
            over: owned(file.prompts.over),
            denied: owned(file.prompts.denied),
        },
        look_alikes: owned_all(file.look_alikes),
        not_signs: owned_all(file.not_signs),
        denials: owned_all(file.denials),
        groups: file
            .groups
            .into_iter()
            .map(|(name, words)| (name.trim().to_string(), owned_all(words)))
            .collect(),
        categories,
    }
}

fn stretch(row: crate::knowledge::files::StretchRow) -> Stretch {
    Stretch {
        id: owned(row.id),
        name: owned(row.name),
        targets: owned_all(row.targets.into_inner()),
        steps: owned_all(row.steps.into_inner()),
        hold: owned(row.hold),
        caution: owned(row.caution),
        names: owned_all(row.names),
        places: owned_all(row.places),
    }
}

fn lexicon_of(file: LexiconFile) -> Lexicon {
    Lexicon {
        anchors: owned_all(file.anchors),
        topic_words: owned_all(file.topic_words),
        elsewhere: owned_all(file.elsewhere),
        other_knots: owned_all(file.other_knots),
        legs: owned_all(file.legs),
        pain: owned_all(file.pain),
        off_topic: owned_all(file.off_topic),
        synonyms: file
            .synonyms
            .into_iter()
            .map(|(k, v)| (k.trim().to_string(), owned(v)))
            .collect(),
    }
}

fn replies_of(file: RepliesFile) -> Replies {
    Replies {
        footer: owned(file.footer),
        not_sure: owned(file.not_sure),
        did_you_mean: owned(file.did_you_mean),
        see_also: owned(file.see_also),
        empty: owned(file.empty),
    }
}
