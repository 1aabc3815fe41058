//! Synthetic FAQ entries for the benches: the same entries, from a fixed
//! seed, in every run and every bench.

/// A tiny deterministic generator, so every run benches the same entries.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "ten", "sar", "vo", "ri", "pel", "dun", "ga", "zo", "bre", "fi", "nu", "sha",
    "tor", "ple", "qui", "mar", "os", "el", "yu", "xan", "dro",
];
const COMMON: [&str; 16] = [
    "my", "the", "how", "do", "i", "is", "it", "when", "after", "with", "pain", "sore", "tight",
    "help", "best", "why",
];

/// A pseudo-word from a Zipf-like pool of 20,000, so some words recur across
/// many entries and most are rare, as in real text.
fn word(rng: &mut Rng) -> String {
    if rng.below(4) == 0 {
        return COMMON[rng.below(COMMON.len())].to_string();
    }
    let pool = 20_000;
    let rank = (pool as f64).powf(rng.below(10_000) as f64 / 10_000.0) as usize;
    let mut n = rank;
    let mut w = String::new();
    for _ in 0..3 {
        w.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    w
}

fn sentence(rng: &mut Rng, min: usize, spread: usize) -> String {
    let n = min + rng.below(spread);
    (0..n).map(|_| word(rng)).collect::<Vec<_>>().join(" ")
}

/// `extra` synthetic `[[faq]]` entries as TOML, to append to `faq.toml`.
/// Only the four required fields, as tools that append entries write them.
pub fn synthetic_faq(extra: usize) -> String {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut toml = String::new();
    for i in 0..extra {
        let aliases: Vec<String> = (0..4)
            .map(|a| format!("\"{} {i}x{a}\"", sentence(&mut rng, 4, 4)))
            .collect();
        toml.push_str(&format!(
            "\n[[faq]]\nid = \"synthetic-{i}\"\nquestion = \"{} {i}?\"\naliases = [{}]\nanswer = \"{}\"\n",
            sentence(&mut rng, 5, 4),
            aliases.join(", "),
            sentence(&mut rng, 30, 20)
        ));
    }
    toml
}

/// The validation set shipped in tests: questions of the kind members ask.
pub fn validation_cases() -> Vec<knotbot::eval::Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/validation.toml");
    knotbot::eval::load(path.as_ref()).expect("the validation set loads")
}
