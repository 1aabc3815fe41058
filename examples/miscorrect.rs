//! Lists the real words that the typo fixer would change into words of
//! ours, to keep `spelled_right` in `knowledge/lexicon.toml` up to date
//! after the knowledge gains new words.
//!
//! `grep '^[a-z]*$' /usr/share/dict/words | cargo run --release --example miscorrect`
//! prints each such word and what it would become.

use std::io::BufRead;

use knotbot::analysis::Analyzer;
use knotbot::Knowledge;

fn main() -> anyhow::Result<()> {
    let knowledge = Knowledge::load_dir("knowledge".as_ref())?;
    let analyzer = Analyzer::new(&knowledge.lexicon, &knowledge.vocabulary());
    for line in std::io::stdin().lock().lines() {
        let word = line?;
        let fixed: Vec<String> = analyzer
            .analyze(&word)
            .into_iter()
            .map(|t| t.word)
            .collect();
        let as_typed: Vec<String> = analyzer
            .analyze_known(&word)
            .into_iter()
            .map(|t| t.word)
            .collect();
        if fixed != as_typed {
            println!("{word}\t{}", fixed.join(" "));
        }
    }
    Ok(())
}
