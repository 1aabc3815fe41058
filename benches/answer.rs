//! How the cost of `Engine::answer` grows with the knowledge base.
//!
//! Three knowledge bases: the shipped one, and the shipped one with 1,000
//! and 10,000 synthetic FAQ entries appended (generated here, from a fixed
//! seed). The baseline is what a first attempt would do: a linear scan that
//! compares the question with every question and alias by `strsim`. Both
//! run in the same process, so the ratio between them holds however busy
//! the machine is. Run with `cargo bench --bench answer`.

use std::hint::black_box;
use std::time::Duration;

mod common;

/// The allocator the `knotbot` binary answers with (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use knotbot::knowledge::{Knowledge, KnowledgeFile, Sources};
use knotbot::Engine;

/// Questions of the kind members ask.
fn questions() -> Vec<String> {
    common::validation_cases()
        .into_iter()
        .map(|c| c.q)
        .collect()
}

/// The shipped knowledge with `extra` synthetic entries appended.
fn knowledge_with(extra: usize) -> Knowledge {
    let sources = Sources::embedded();
    let faq = sources.get(KnowledgeFile::Faq).text.clone() + &common::synthetic_faq(extra);
    Knowledge::from_sources(&sources.with_text(KnowledgeFile::Faq, faq))
        .expect("synthetic knowledge is valid")
}

/// The baseline: the best normalised Levenshtein similarity between the
/// question and every question and alias, found by scanning them all.
struct LinearScan {
    phrasings: Vec<(String, usize)>,
}

impl LinearScan {
    fn new(k: &Knowledge) -> Self {
        let phrasings = k
            .entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                std::iter::once(&e.title)
                    .chain(&e.aliases)
                    .map(move |p| (p.to_lowercase(), i))
            })
            .collect();
        LinearScan { phrasings }
    }

    fn best(&self, question: &str) -> Option<usize> {
        let q = question.to_lowercase();
        self.phrasings
            .iter()
            .map(|(p, i)| (strsim::normalized_levenshtein(&q, p), *i))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .filter(|(score, _)| *score > 0.5)
            .map(|(_, i)| i)
    }
}

fn bench(c: &mut Criterion) {
    let questions = questions();
    // The scan is slow at 10,000 entries; a fixed slice keeps it affordable.
    let scan_questions: Vec<String> = questions.iter().step_by(8).cloned().collect();
    let mut group = c.benchmark_group("answer");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(4));
    for extra in [0usize, 1_000, 10_000] {
        let k = knowledge_with(extra);
        let entries = k.entries.len();
        let scan = LinearScan::new(&k);
        let engine = Engine::new(k);
        group.throughput(Throughput::Elements(questions.len() as u64));
        group.bench_with_input(BenchmarkId::new("engine", entries), &questions, |b, qs| {
            b.iter(|| {
                for q in qs {
                    black_box(engine.answer(black_box(q)));
                }
            })
        });
        group.throughput(Throughput::Elements(scan_questions.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("strsim-scan", entries),
            &scan_questions,
            |b, qs| {
                b.iter(|| {
                    for q in qs {
                        black_box(scan.best(black_box(q)));
                    }
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
