//! `knotbot ask`: one question from the arguments, or one per line of
//! standard input, answered by one engine built once.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use super::{report_problems, KnowledgeArg};
use knotbot::engine::Engine;
use knotbot::text::MAX_INPUT_CHARS;

#[derive(clap::Args)]
pub struct Args {
    /// Print one JSON object per question, on one line.
    #[arg(long)]
    json: bool,
    /// Show how the question was read and scored, before each reply.
    #[arg(long)]
    explain: bool,
    /// The message before this one in the conversation (the member's last
    /// question): a follow-up without a subject of its own is read with
    /// that one's.
    #[arg(long, value_name = "PREVIOUS")]
    after: Option<String>,
    #[command(flatten)]
    knowledge: KnowledgeArg,
    /// The question; without it, questions are read from standard input.
    question: Option<String>,
}

/// Bytes of one input line that are kept; the engine reads even fewer
/// characters, and a giant line must not grow memory without bound.
const MAX_LINE_BYTES: usize = MAX_INPUT_CHARS * 4;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // The process ends right after answering: freeing the engine's many
    // small allocations would only add a few milliseconds to every cold
    // `knotbot ask`, so it is left to the operating system.
    let engine = std::mem::ManuallyDrop::new(match args.knowledge.engine() {
        Ok(engine) => engine,
        Err(e) => return Ok(report_problems(&e)),
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match &args.question {
        Some(q) => print(&mut out, &engine, q, &args)?,
        None => {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            while let Some(line) = read_line(&mut input, MAX_LINE_BYTES)? {
                print(&mut out, &engine, &line, &args)?;
                if !args.json {
                    writeln!(out, "\n---")?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn print(
    out: &mut impl Write,
    engine: &Engine,
    question: &str,
    args: &Args,
) -> std::io::Result<()> {
    if args.explain {
        write!(out, "{}", engine.explain(question, args.after.as_deref()))?;
    }
    let reply = engine.answer_after(question, args.after.as_deref());
    let json = args.json;
    if json {
        writeln!(out, "{}", reply.to_json())
    } else {
        writeln!(out, "{}", reply.to_text())
    }
}

/// Reads one line, keeping at most `max` bytes of it and skipping the rest;
/// bytes that are not UTF-8 become U+FFFD. `None` at the end of input.
pub fn read_line(input: &mut impl BufRead, max: usize) -> std::io::Result<Option<String>> {
    let mut kept: Vec<u8> = Vec::new();
    let mut any = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        let room = max.saturating_sub(kept.len());
        kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = done.unwrap_or(buf.len());
        input.consume(used);
        if done.is_some() {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if kept.last() == Some(&b'\r') {
        kept.pop();
    }
    Ok(Some(String::from_utf8_lossy(&kept).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::read_line;

    #[test]
    fn reads_lines_and_caps_long_ones() {
        let mut input: &[u8] = b"first\r\nsecond line that is long\nthird";
        assert_eq!(
            read_line(&mut input, 100).unwrap().as_deref(),
            Some("first")
        );
        assert_eq!(read_line(&mut input, 6).unwrap().as_deref(), Some("second"));
        assert_eq!(
            read_line(&mut input, 100).unwrap().as_deref(),
            Some("third")
        );
        assert_eq!(read_line(&mut input, 100).unwrap(), None);
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters() {
        let mut input: &[u8] = b"gl\xffute\n";
        assert_eq!(
            read_line(&mut input, 100).unwrap().as_deref(),
            Some("gl\u{fffd}ute")
        );
    }
}
