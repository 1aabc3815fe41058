//! Red-flag detection: finding warning signs in a message, independently of
//! whether any FAQ entry matches it.
//!
//! Terms are compared word by word on stems after typo correction, so
//! "numbness", "numbess" and "numb" meet, while "deadlift" never matches
//! "dead". Negation is deliberately ignored: "no numbness?" is still a
//! reason to show the care prompt.
//!
//! A term may name a word group, `{numb} ... {groin}`, and then stands for
//! every phrase the groups make: one line covers "numb groin", "no feeling
//! ... crotch" and "tingly ... privates", and a moderator who adds a word to
//! a group adds it to every term that uses the group. The phrases are never
//! built: a group is one step that any of its words takes, so a start
//! compiles each group once, however many terms name it.

use std::cell::Cell;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::analysis::{Analyzer, Term};
use crate::knowledge::RedFlags;
use crate::term::{Piece, Term as TermText, GAP_WORDS};

/// The kinds of pattern, each filed in an index of its own: the signs and
/// their `unless` terms (slots below `2n`), the look-alikes (slot `2n`, and
/// `2n + 2` for those the matcher still reads) and the denials (slot
/// `2n + 1`).
const SIGNS: usize = 0;
const LOOK_ALIKES: usize = 1;
const DENIALS: usize = 2;

/// The slots of the three phrase lists, after those of the `n`
/// categories and their `unless` terms.
#[derive(Clone, Copy)]
struct Lists {
    look_alikes: usize,
    denials: usize,
    /// Look-alikes the matcher still reads (`not_signs`).
    not_signs: usize,
}

impl Lists {
    fn after(n: usize) -> Lists {
        Lists {
            look_alikes: 2 * n,
            denials: 2 * n + 1,
            not_signs: 2 * n + 2,
        }
    }

    /// Whether `slot` holds look-alikes of either kind.
    fn hides(self, slot: usize) -> bool {
        slot == self.look_alikes || slot == self.not_signs
    }
}

/// Words a step may take: a term's literal words are one sequence, a group
/// is one sequence per word of the group ("inner thigh" is two words).
/// Words are ids into the detector's own stem table.
struct Choice {
    /// Each non-empty.
    sequences: Vec<Vec<u32>>,
    /// A group word of fillers only: the step may take no words at all.
    optional: bool,
    /// For a choice of many sequences, the ones beginning with each word:
    /// a group of hundreds of words is looked up at each place of a gap,
    /// not walked (empty for a short choice, which is walked).
    by_first: HashMap<u32, Vec<u32>>,
}

/// The `second` of a start whose sequence is one word.
const ONE_WORD: u32 = u32::MAX;

/// Choices with more sequences than this are indexed by their first word.
const WALKED: usize = 4;

impl Choice {
    fn new(sequences: Vec<Vec<u32>>, optional: bool) -> Choice {
        let mut by_first: HashMap<u32, Vec<u32>> = HashMap::default();
        if sequences.len() > WALKED {
            for (i, sequence) in sequences.iter().enumerate() {
                by_first.entry(sequence[0]).or_default().push(i as u32);
            }
        }
        Choice {
            sequences,
            optional,
            by_first,
        }
    }

    /// The sequences that may stand where the message has `word`.
    fn starting_with(&self, word: u32) -> impl Iterator<Item = &[u32]> {
        let walked = self.by_first.is_empty().then_some(&self.sequences);
        let looked_up = self.by_first.get(&word).into_iter().flatten();
        walked
            .into_iter()
            .flatten()
            .map(Vec::as_slice)
            .chain(looked_up.map(|i| self.sequences[*i as usize].as_slice()))
    }
}

struct Step {
    /// Index into the detector's choices.
    choice: usize,
    /// Words allowed between the previous step and this one.
    gap: usize,
}

struct Pattern {
    category: usize,
    steps: Vec<Step>,
}

/// Where a pattern may begin: which pattern, and which sequence of its
/// first step begins with the word it is filed under.
struct Start {
    pattern: u32,
    sequence: u32,
    /// The pattern's category and the second word of the sequence (or
    /// `ONE_WORD`), kept here: most patterns filed under a common word
    /// ("my", "can", "not") are passed over without reading them.
    category: u32,
    second: u32,
}

/// What one pass over a message found, as category indices in file order.
pub struct Scan {
    pub signs: Vec<usize>,
    /// Categories whose terms matched but an `unless` term vetoed.
    pub vetoed: Vec<usize>,
}

pub struct RedFlagDetector {
    /// Every stem the terms use, numbered: patterns hold numbers, not
    /// strings.
    stems: HashMap<String, u32>,
    /// What each step may take. A group is compiled once and shared by
    /// every term that names it, so a term stands for thousands of phrases
    /// without building them.
    choices: Vec<Choice>,
    patterns: Vec<Pattern>,
    /// Where patterns begin, by the id of their first word: one index for
    /// the signs and their `unless` terms, one for the look-alikes and one
    /// for the denials, so that each pass walks only its own patterns.
    by_first: [Vec<Vec<Start>>; 3],
    categories: usize,
    /// Stems skipped in messages and terms alike.
    fillers: HashSet<String>,
    /// Ids of negation words: "not from sitting" is no reason to think the
    /// numbness comes from sitting.
    negations: HashSet<u32>,
    /// Words that deny what follows them ("no", "never"): not "not", which
    /// is as often part of a sign ("can not get to sleep").
    denying: HashSet<u32>,
    /// Little words a denial may stand before ("no real swelling", "never
    /// had a fever").
    leads: HashSet<u32>,
    /// Words whose absence is itself a sign ("no sleep because of the
    /// pain", "no strength"): a sign starting with one is never denied.
    absences: HashSet<u32>,
    /// Words that carry a negation on down a list ("no swelling or limp").
    joins: HashSet<u32>,
    /// Leads that make "not" deny ("do not have any numbness").
    after_not: HashSet<u32>,
    /// Little words between a negation and the `unless` term it denies
    /// ("not been to the gym").
    veto_leads: HashSet<u32>,
    /// Per category, whether a negation right before one of its signs
    /// denies it ("no swelling", "never had a limp"). Not for emergency
    /// signs, whose denials are listed one by one: "not" right before
    /// their words is as often part of the sign ("have not peed since").
    negatable: Vec<bool>,
    /// Per category, whether it is a concept (a word family that other
    /// signs require): "No back pain" right before it means it is not told.
    concept: Vec<bool>,
    /// The words that deny a concept right after them.
    denying_concept: HashSet<u32>,
}

impl RedFlagDetector {
    pub fn new(flags: &RedFlags, analyzer: &Analyzer) -> RedFlagDetector {
        let fillers: HashSet<String> = crate::language::english()
            .fillers
            .iter()
            .flat_map(|w| analyzer.analyze_known(w))
            .map(|t| t.stem)
            .collect();
        let mut compiler = Compiler {
            analyzer,
            fillers: &fillers,
            stems: HashMap::default(),
            choices: Vec::new(),
            texts: HashMap::default(),
            groups: HashMap::default(),
        };
        let mut patterns = Vec::new();
        // A category's `unless` terms are patterns of a slot of their own,
        // after all the categories: slot `n + i` vetoes category `i`; the
        // look-alikes are slot `2n`, the denials `2n + 1` and the phrases
        // that are no sign but still about the question `2n + 2`.
        let n = flags.categories.len();
        let slots = flags.categories.iter().enumerate().flat_map(|(i, c)| {
            let terms = c.terms.iter().map(move |t| (i, t));
            terms.chain(c.unless.iter().map(move |t| (n + i, t)))
        });
        let lists = Lists::after(n);
        let slots = slots.chain(flags.look_alikes.iter().map(|t| (lists.look_alikes, t)));
        let slots = slots.chain(flags.denials.iter().map(|t| (lists.denials, t)));
        let slots = slots.chain(flags.not_signs.iter().map(|t| (lists.not_signs, t)));
        for (category, term) in slots {
            // Validation refuses a term that names no defined group, so
            // one that slips through unvalidated knowledge is skipped.
            let Ok(term) = TermText::parse(term) else {
                continue;
            };
            if let Some(steps) = compiler.compile(&term, &flags.groups) {
                patterns.push(Pattern { category, steps });
            }
        }
        let negations = crate::language::english()
            .negations
            .iter()
            .flat_map(|w| compiler.analyse(w))
            .collect();
        let ids_of = |words: &[String], compiler: &mut Compiler| -> HashSet<u32> {
            words.iter().flat_map(|w| compiler.analyse(w)).collect()
        };
        let denial = &crate::language::english().denial;
        let denying = ids_of(&denial.words, &mut compiler);
        let leads = ids_of(&denial.leads, &mut compiler);
        let absences = ids_of(&denial.absences, &mut compiler);
        let denying_concept = ids_of(&denial.concept_words, &mut compiler);
        let joins = ids_of(&denial.joins, &mut compiler);
        let after_not = ids_of(&denial.after_not, &mut compiler);
        let veto_leads = ids_of(&denial.veto_leads, &mut compiler);
        let negatable = flags
            .categories
            .iter()
            .map(|c| !c.concept && c.tier() != crate::knowledge::Tier::Emergency)
            .collect();
        let concept = flags.categories.iter().map(|c| c.concept).collect();
        let filed = |kind: usize| {
            let in_kind = move |category: usize| Self::kind_of(category, n) == kind;
            file_by_first(&patterns, &compiler.choices, in_kind)
        };
        let by_first = [filed(SIGNS), filed(LOOK_ALIKES), filed(DENIALS)];
        RedFlagDetector {
            stems: compiler.stems,
            choices: compiler.choices,
            patterns,
            by_first,
            categories: flags.categories.len(),
            fillers,
            negations,
            denying,
            leads,
            absences,
            joins,
            after_not,
            veto_leads,
            negatable,
            concept,
            denying_concept,
        }
    }

    /// Indices of the categories found, in the order of the file; a
    /// category whose `unless` terms are also found is not.
    pub fn detect(&self, terms: &[Term]) -> Vec<usize> {
        self.scan(terms).signs
    }

    /// The categories found, and those an `unless` term vetoed.
    pub fn scan(&self, terms: &[Term]) -> Scan {
        let l = self.lists();
        self.detect_masking(terms, &[l.look_alikes, l.not_signs], false)
    }

    /// The categories found outside the phrases that deny a sign ("no
    /// numbness or tingling"): those the message asserts.
    pub fn asserted(&self, terms: &[Term]) -> Vec<usize> {
        let l = self.lists();
        self.detect_masking(terms, &[l.look_alikes, l.denials, l.not_signs], true)
            .signs
    }

    /// Where each sign (not each `unless`) is read in `terms`, look-alikes
    /// left out: its category and the first and last word of one match,
    /// as places in `terms`. For `--explain`: which words raised a flag.
    pub fn sign_spans(&self, terms: &[Term]) -> Vec<(usize, usize, usize)> {
        let (kept, mut ids, breaks) = self.ids(terms);
        let n = self.categories;
        let lists = self.lists();
        self.mask_look_alikes(&mut ids, &breaks, LOOK_ALIKES, |c| lists.hides(c));
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        for start in 0..ids.len() {
            let unseen = |c: usize| c < n && !spans.iter().any(|s| s.0 == c);
            let found: Vec<(usize, usize)> = self
                .matches_at(&ids, &breaks, start, SIGNS, unseen)
                .collect();
            for (category, end) in found {
                if !spans.iter().any(|s| s.0 == category) {
                    spans.push((category, kept[start], kept[end]));
                }
            }
        }
        spans
    }

    /// For each of `terms`, whether it lies in a look-alike ("lost control
    /// of the bar", "on pins and needles waiting") or a denial ("no bladder
    /// or bowel stuff"): words that name a sign the member does not have,
    /// and so say nothing about the sign's entries either.
    pub fn in_look_alikes(&self, terms: &[Term]) -> Vec<bool> {
        let (kept, ids, breaks) = self.ids(terms);
        let mut inside = vec![false; terms.len()];
        let n = self.categories;
        let lists = self.lists();
        for slot in [lists.look_alikes, lists.denials] {
            let kind = Self::kind_of(slot, n);
            for span in self.spans(&ids, &breaks, kind, |c| c == slot) {
                for j in span {
                    inside[kept[j]] = true;
                }
            }
        }
        inside
    }

    /// The message as stem ids, fillers left out, with the place in
    /// `terms` of each and whether a clause ends before it (a filler left
    /// out passes its clause end on); a word no term uses is `None` and
    /// can never match.
    fn ids(&self, terms: &[Term]) -> (Vec<usize>, Vec<Option<u32>>, Vec<bool>) {
        let mut kept = Vec::with_capacity(terms.len());
        let mut ids = Vec::with_capacity(terms.len());
        let mut breaks = Vec::with_capacity(terms.len());
        let mut ended = false;
        for (i, t) in terms.iter().enumerate() {
            ended |= t.after_break;
            if self.fillers.contains(&t.stem) {
                continue;
            }
            kept.push(i);
            ids.push(self.stems.get(stem_key(t)).copied());
            breaks.push(std::mem::take(&mut ended));
        }
        (kept, ids, breaks)
    }

    /// The scan of `terms` with the patterns of the `masks` slots blanked
    /// out; with `deny_negated`, a sign right after a negation, or listed
    /// after a denied one ("no swelling, redness or limp"), is not found
    /// either (see `negatable`).
    fn detect_masking(&self, terms: &[Term], masks: &[usize], deny_negated: bool) -> Scan {
        let (_, mut ids, breaks) = self.ids(terms);
        let n = self.categories;
        // The slots of one kind are found in one pass over the message.
        for kind in [LOOK_ALIKES, DENIALS] {
            let of_kind = |slot: &usize| Self::kind_of(*slot, n) == kind;
            if masks.iter().any(of_kind) {
                self.mask_look_alikes(&mut ids, &breaks, kind, |c| masks.contains(&c));
            }
        }
        // One more slot for each phrase list.
        let found = vec![Cell::new(false); self.lists().not_signs + 1];
        let mut denied_end: Option<usize> = None;
        for start in 0..ids.len() {
            // A list goes on from the denials before this word, not from
            // another sign's match at it ("numbness or tingling" is read
            // by several categories at "tingling").
            let listed_from = denied_end;
            let unfound = |category: usize| !found[category].get();
            for (category, end) in self.matches_at(&ids, &breaks, start, SIGNS, unfound) {
                // A denied `unless` ("not from sitting") vetoes nothing.
                let denied_veto = (n..2 * n).contains(&category) && self.veto_denied(&ids, start);
                let denied_sign = deny_negated
                    && category < n
                    && self.negatable[category]
                    && self.denied_at(&ids, start, listed_from);
                // "No back pain, just a numb bum from the gaming chair":
                // a sign that requires back pain is not told. Only right
                // after the denying word: "no, my groin is numb" has lost
                // its comma, and "my groin" is still told.
                let denied_concept = category < n
                    && self.concept[category]
                    && start > 0
                    && ids[start - 1].is_some_and(|id| self.denying_concept.contains(&id));
                if denied_concept {
                    continue;
                }
                if denied_sign {
                    denied_end = Some(denied_end.map_or(end, |e| e.max(end)));
                } else if !denied_veto {
                    found[category].set(true);
                }
            }
        }
        let (signs, vetoed) = (0..n)
            .filter(|i| found[*i].get())
            .partition(|i| !found[n + i].get());
        Scan { signs, vetoed }
    }

    /// The patterns of the slots `wanted` keeps that match from the word at
    /// `start`: each one's slot and the last word of its match.
    fn matches_at<'a>(
        &'a self,
        ids: &'a [Option<u32>],
        breaks: &'a [bool],
        start: usize,
        kind: usize,
        wanted: impl Fn(usize) -> bool + 'a,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let filed = ids[start].and_then(|id| self.by_first[kind].get(id as usize));
        let filed = filed.map_or(&[][..], Vec::as_slice);
        // Filed by their second word, the one-word sequences last.
        let (two, one) = filed.split_at(filed.partition_point(|s| s.second < ONE_WORD));
        let followed = ids.get(start + 1).copied().flatten().map_or(&[][..], |w| {
            let from = two.partition_point(|s| s.second < w);
            let to = two.partition_point(|s| s.second <= w);
            &two[from..to]
        });
        followed.iter().chain(one).filter_map(move |s| {
            if !wanted(s.category as usize) {
                return None;
            }
            let pattern = &self.patterns[s.pattern as usize];
            let (first, rest) = pattern.steps.split_first()?;
            let sequence = &self.choices[first.choice].sequences[s.sequence as usize];
            let end = sequence_end(sequence, ids, breaks, start)?;
            let end = self.match_end(rest, ids, breaks, end)?;
            Some((pattern.category, end))
        })
    }

    /// Where a match of `steps` after the word at `at` ends, each step
    /// within its gap. A gap never ends on a negation: "lying down ...
    /// hurts" is not in "when I lie down. Doesn't hurt much", though "hurts
    /// ... sleep" is in "hurts so I can not sleep" (see `absences`).
    fn match_end(
        &self,
        steps: &[Step],
        ids: &[Option<u32>],
        breaks: &[bool],
        at: usize,
    ) -> Option<usize> {
        let Some((step, rest)) = steps.split_first() else {
            return Some(at);
        };
        let last = (at + 1 + step.gap).min(ids.len().saturating_sub(1));
        let choice = &self.choices[step.choice];
        if choice.optional {
            if let Some(end) = self.match_end(rest, ids, breaks, at) {
                return Some(end);
            }
        }
        // Only a word the gap skipped may negate, and only once a
        // sequence starts after it (most places start none).
        let negated =
            |j: usize| j > at + 1 && self.negated(ids, j) && !word_in(ids, j, &self.absences);
        (at + 1..=last).find_map(|j| {
            choice
                .starting_with(ids[j]?)
                .filter_map(|sequence| sequence_end(sequence, ids, breaks, j))
                .filter(|_| !negated(j) && (step.gap > 0 || !breaks[j]))
                .find_map(|end| self.match_end(rest, ids, breaks, end))
        })
    }
}

/// Files each pattern under the first word of each sequence its first step
/// may take, in the order of their second words (see `Start::second`).
fn file_by_first(
    patterns: &[Pattern],
    choices: &[Choice],
    keep: impl Fn(usize) -> bool,
) -> Vec<Vec<Start>> {
    let mut by_first: Vec<Vec<Start>> = Vec::new();
    for (p, pattern) in patterns.iter().enumerate() {
        if !keep(pattern.category) {
            continue;
        }
        // A pattern opening with a group word of fillers only would begin
        // wherever its next step does; such words are left out of a
        // group's first place, which costs nothing real.
        let first = &choices[pattern.steps[0].choice];
        for (s, sequence) in first.sequences.iter().enumerate() {
            let slot = sequence[0] as usize;
            if by_first.len() <= slot {
                by_first.resize_with(slot + 1, Vec::new);
            }
            by_first[slot].push(Start {
                pattern: p as u32,
                sequence: s as u32,
                category: pattern.category as u32,
                second: sequence.get(1).copied().unwrap_or(ONE_WORD),
            });
        }
    }
    for starts in &mut by_first {
        starts.sort_by_key(|s| s.second);
    }
    by_first
}

/// Whether the word at `i` of `ids` is one of `set`.
fn word_in(ids: &[Option<u32>], i: usize, set: &HashSet<u32>) -> bool {
    ids[i].is_some_and(|id| set.contains(&id))
}

/// Where `sequence` ends if it stands in `ids` from `at`, within one
/// clause (`breaks`: see `Term::after_break`).
fn sequence_end(
    sequence: &[u32],
    ids: &[Option<u32>],
    breaks: &[bool],
    at: usize,
) -> Option<usize> {
    let end = at + sequence.len();
    let words = ids.get(at..end)?;
    if !words.iter().zip(sequence).all(|(w, s)| *w == Some(*s)) {
        return None;
    }
    // Most sequences are one word, with nothing between to check.
    (end - at == 1 || !breaks[at + 1..end].contains(&true)).then(|| end - 1)
}

impl RedFlagDetector {
    /// Which index a pattern of `slot` is filed in, with `n` categories.
    fn kind_of(slot: usize, n: usize) -> usize {
        let lists = Lists::after(n);
        if slot < lists.look_alikes {
            SIGNS
        } else if lists.hides(slot) {
            LOOK_ALIKES
        } else {
            DENIALS
        }
    }

    fn lists(&self) -> Lists {
        Lists::after(self.categories)
    }

    /// Where the patterns of the `wanted` slots of `kind` match in `ids`.
    fn spans(
        &self,
        ids: &[Option<u32>],
        breaks: &[bool],
        kind: usize,
        wanted: impl Fn(usize) -> bool + Copy,
    ) -> Vec<std::ops::RangeInclusive<usize>> {
        (0..ids.len())
            .flat_map(|start| {
                self.matches_at(ids, breaks, start, kind, wanted)
                    .map(move |(_, end)| start..=end)
            })
            .collect()
    }

    /// Whether a sign from `at` is denied: a negation just before it,
    /// perhaps with a little word between ("no real swelling"; "not"
    /// only with "any" between, as in "do not have any numbness"), or it
    /// goes on a list a denied sign ended at `denied_end` ("no swelling,
    /// redness or limp").
    fn denied_at(&self, ids: &[Option<u32>], at: usize, denied_end: Option<usize>) -> bool {
        let is = |i: usize, set: &HashSet<u32>| word_in(ids, i, set);
        if is(at, &self.absences) {
            return false;
        }
        let mut before = at;
        while before > 0 && at - before < 3 && is(before - 1, &self.leads) {
            before -= 1;
        }
        let listed = match denied_end {
            Some(end) => end + 1 == at || (end + 2 == at && is(at - 1, &self.joins)),
            None => false,
        };
        // "do not have any numbness": "not" with "any" among the leads.
        let not_any =
            || is(before - 1, &self.negations) && (before..at).any(|i| is(i, &self.after_not));
        listed || (before > 0 && (is(before - 1, &self.denying) || not_any()))
    }

    /// Whether the word before `at` is a negation.
    fn negated(&self, ids: &[Option<u32>], at: usize) -> bool {
        at > 0 && word_in(ids, at - 1, &self.negations)
    }

    /// Whether the `unless` term at `at` is denied, and so vetoes nothing:
    /// a negation just before it, perhaps with a few little words between
    /// ("not from sitting", "have not been to the gym in a week"). Only
    /// for vetoes: a term's gap still stops at the negation itself
    /// ("have not been to the toilet" keeps its sign).
    fn veto_denied(&self, ids: &[Option<u32>], at: usize) -> bool {
        let mut before = at;
        while before > 0 && at - before < 3 && word_in(ids, before - 1, &self.veto_leads) {
            before -= 1;
        }
        self.negated(ids, before)
    }

    /// Blanks the words of every look-alike (or denial: the patterns of
    /// the `wanted` slots of `kind`) in `ids`, so that no sign is read in
    /// them.
    fn mask_look_alikes(
        &self,
        ids: &mut [Option<u32>],
        breaks: &[bool],
        kind: usize,
        wanted: impl Fn(usize) -> bool + Copy,
    ) {
        for span in self.spans(ids, breaks, kind, wanted) {
            for id in &mut ids[span] {
                *id = None;
            }
        }
    }
}

/// Plurals whose number tells a sign apart, with their singular's stem:
/// "my legs keep giving way" is both legs, "my leg keeps giving way" one.
/// A term's plural matches only the plural; its singular matches both.
/// Drills are "suicides" in the plural ("after suicides my bum is tight"),
/// which no one in crisis says of themselves.
const KEPT_PLURALS: &[(&str, &str)] = &[("legs", "leg"), ("suicides", "suicid")];

/// The key `t` is filed under: its stem, or the word itself for a kept
/// plural.
fn stem_key(t: &Term) -> &str {
    if KEPT_PLURALS.iter().any(|(plural, _)| t.word == *plural) {
        &t.word
    } else {
        &t.stem
    }
}

/// Turns terms into steps, numbering stems as it meets them.
struct Compiler<'a> {
    analyzer: &'a Analyzer,
    fillers: &'a HashSet<String>,
    stems: HashMap<String, u32>,
    choices: Vec<Choice>,
    /// The choice made of each literal text and of each group: a group
    /// recurs in many terms and is analysed once.
    texts: HashMap<String, usize>,
    groups: HashMap<String, usize>,
}

impl Compiler<'_> {
    /// The steps of `term`, or none if it names an undefined group or has
    /// no words.
    fn compile(
        &mut self,
        term: &TermText,
        groups: &std::collections::BTreeMap<String, Vec<String>>,
    ) -> Option<Vec<Step>> {
        let mut steps = Vec::new();
        let mut gap = 0;
        for piece in term.pieces() {
            let choice = match piece {
                Piece::Gap => {
                    gap = GAP_WORDS;
                    continue;
                }
                Piece::Text(text) => match self.text(text) {
                    Some(choice) => choice,
                    None => continue,
                },
                Piece::Group(name) => self.group(name, groups.get(name)?),
            };
            steps.push(Step { choice, gap });
            gap = 0;
        }
        (!steps.is_empty()).then_some(steps)
    }

    /// The choice of a literal text's words, none if all are fillers.
    fn text(&mut self, text: &str) -> Option<usize> {
        if let Some(&choice) = self.texts.get(text) {
            return Some(choice);
        }
        let words = self.analyse(text);
        if words.is_empty() {
            return None;
        }
        let sequences = self.with_plurals(words);
        self.choices.push(Choice::new(sequences, false));
        self.texts.insert(text.to_string(), self.choices.len() - 1);
        Some(self.choices.len() - 1)
    }

    fn group(&mut self, name: &str, words: &[String]) -> usize {
        if let Some(&choice) = self.groups.get(name) {
            return choice;
        }
        let analysed: Vec<Vec<u32>> = words.iter().map(|w| self.analyse(w)).collect();
        let optional = analysed.iter().any(Vec::is_empty);
        let sequences = analysed
            .into_iter()
            .filter(|s| !s.is_empty())
            .flat_map(|s| self.with_plurals(s))
            .collect();
        self.choices.push(Choice::new(sequences, optional));
        self.groups.insert(name.to_string(), self.choices.len() - 1);
        self.choices.len() - 1
    }

    /// `words`, and the same with each singular of `KEPT_PLURALS` in its
    /// plural: "leg ... weak" is read in "legs are weak" too, while "legs
    /// keep giving way" is not read in "my leg keeps giving way".
    fn with_plurals(&mut self, words: Vec<u32>) -> Vec<Vec<u32>> {
        let mut out = vec![words];
        for (plural, singular) in KEPT_PLURALS {
            let one = self.id_of(singular);
            let many = self.id_of(plural);
            let mut more = Vec::new();
            for seq in &out {
                for at in (0..seq.len()).filter(|&at| seq[at] == one) {
                    let mut alt = seq.clone();
                    alt[at] = many;
                    more.push(alt);
                }
            }
            out.extend(more);
        }
        out
    }

    /// The id of the stem key `key`, numbered now if new.
    fn id_of(&mut self, key: &str) -> u32 {
        let next = self.stems.len() as u32;
        *self.stems.entry(key.to_string()).or_insert(next)
    }

    fn analyse(&mut self, segment: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        for t in self.analyzer.analyze_known(segment) {
            if self.fillers.contains(&t.stem) {
                continue;
            }
            ids.push(self.id_of(stem_key(&t)));
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    /// The ids `read` finds in `message` with the shipped knowledge, as
    /// members see them: `requires`, `eases` and concepts applied.
    fn read_with(message: &str, read: fn(&RedFlagDetector, &[Term]) -> Vec<usize>) -> Vec<String> {
        let k = Knowledge::shipped().expect("shipped knowledge loads");
        let analyzer = Analyzer::new(&k.lexicon, &k.vocabulary());
        let detector = RedFlagDetector::new(&k.red_flags, &analyzer);
        let terms = analyzer.analyze(message);
        k.red_flags
            .settle(read(&detector, &terms))
            .into_iter()
            .map(|i| k.red_flags.categories[i].id.clone())
            .collect()
    }

    fn flags(message: &str) -> Vec<String> {
        read_with(message, RedFlagDetector::detect)
    }

    fn assert_flag(message: &str, category: &str) {
        let found = flags(message);
        assert!(
            found.iter().any(|f| f == category),
            "{message:?} should raise {category}, got {found:?}"
        );
    }

    fn assert_quiet(message: &str) {
        let found = flags(message);
        assert!(
            found.is_empty(),
            "{message:?} should raise nothing, got {found:?}"
        );
    }

    #[test]
    fn numbness_in_its_word_forms_and_typos() {
        for m in [
            "my leg went numb",
            "numbness in my foot",
            "some numbess down there lately",
            "pins and needles in my toes",
            "my foot keeps going dead",
            "tingly toes since monday",
        ] {
            assert_flag(m, "numbness-tingling");
        }
    }

    #[test]
    fn weakness_in_everyday_words() {
        for m in [
            "sudden weakness in my right leg",
            "my leg gave way on the stairs",
            "foot drop?",
            "i keep catching my toes on the floor",
            "cant lift my foot properly",
        ] {
            assert_flag(m, "weakness");
        }
    }

    #[test]
    fn bladder_bowel_and_saddle() {
        assert_flag(
            "i cant really pee properly since this started",
            "bladder-bowel",
        );
        assert_flag(
            "had a couple of accidents, couldnt hold my pee",
            "bladder-bowel",
        );
        assert_flag("loss of bowel control", "bladder-bowel");
        assert_flag("my groin feels numb", "saddle-numbness");
        assert_flag(
            "cant feel anything down there when i wipe",
            "saddle-numbness",
        );
    }

    #[test]
    fn every_other_category_in_plain_words() {
        assert_flag("the pain goes down past my knee", "radiating-pain");
        assert_flag(
            "it shoots down the back of my leg into my calf",
            "radiating-pain",
        );
        assert_flag("worst pain ive ever had", "worst-pain");
        assert_flag("the pain is excruciating", "severe-pain");
        assert_flag("hurts when i cough or sneeze", "radiating-pain");
        assert_flag("slipped on ice and landed hard on my butt", "trauma");
        assert_flag("got rear ended last week", "trauma");
        assert_flag("feeling feverish with chills", "fever-infection");
        assert_flag("its red and hot to the touch", "fever-infection");
        assert_flag("had cancer a few years back", "cancer-weight-loss");
        assert_flag("lost 8kg without trying", "cancer-weight-loss");
        assert_flag("the pain wakes me up every night", "night-pain");
        assert_flag(
            "only getting worse after a month of stretching",
            "worsening",
        );
        assert_flag("im 20 weeks pregnant", "pregnancy");
        assert_flag("my calf is swollen and warm", "leg-swelling");
    }

    #[test]
    fn shipped_groups_reach_new_wordings() {
        assert_flag("i can barely feel the toilet paper", "saddle-numbness");
        assert_flag(
            "cant really feel my bum or privates properly",
            "saddle-numbness",
        );
        assert_flag("took a knee straight to the glute at rugby", "trauma");
        assert_flag("got clipped by a car on my scooter", "trauma");
        assert_flag("the sole of my foot is all tingly", "numbness-tingling");
    }

    #[test]
    fn a_look_alike_hides_only_its_own_words() {
        assert_quiet("on pins and needles waiting for my uni offer, glutes are sore");
        assert_quiet("did 8-10 reps of hip thrusts and my glute is tight");
        // Another sign in the same message is still read.
        assert_flag(
            "on pins and needles waiting for my scan, and my foot has gone numb",
            "numbness-tingling",
        );
        assert_flag("glute pain is a 9/10 when i stand", "severe-pain");
    }

    #[test]
    fn a_gap_never_ends_on_a_negation() {
        assert_quiet("it pops out when I lie down. Doesn't hurt much");
        assert_flag("lying down it hurts", "night-pain");
        // A word whose absence is the sign may follow one.
        assert_flag(
            "my glute hurts so much at night I can not sleep",
            "night-pain",
        );
    }

    #[test]
    fn negation_does_not_switch_a_flag_off() {
        assert_flag("no numbness or anything, just a knot", "numbness-tingling");
    }

    /// The signs a message asserts: found, and not only denied.
    fn asserted(message: &str) -> Vec<String> {
        read_with(message, RedFlagDetector::asserted)
    }

    #[test]
    fn a_sign_right_after_no_or_never_is_denied_but_still_found() {
        // Wordings no denial lists: a little word between, or a list.
        for (m, category) in [
            (
                "my son is 12, no real limp or anything, tight glutes",
                "child-limp",
            ),
            (
                "never had a fever with it, just a tight glute",
                "fever-infection",
            ),
            ("no obvious swelling or limp, sore glute", "swelling"),
            (
                "I don't have any numbness or tingling, just a dull ache in my glute",
                "numbness-tingling",
            ),
            ("havent had any fever, glute just tight", "fever-infection"),
        ] {
            assert_flag(m, category);
            assert!(!asserted(m).contains(&category.to_string()), "{m}");
        }
        // Where the absence is the sign, or "not" belongs to it, or the
        // sign is an emergency, nothing is denied.
        for (m, category) in [
            ("no sleep because of the pain all week", "night-pain"),
            ("no strength in my left leg since monday", "weakness"),
            (
                "can not get to sleep with the pain whatever position i lie in",
                "night-pain",
            ),
            (
                "I have not peed since yesterday and my back is killing me",
                "bladder-bowel",
            ),
        ] {
            assert!(asserted(m).contains(&category.to_string()), "{m}");
        }
    }

    #[test]
    fn a_word_family_right_after_no_is_not_told() {
        // Back pain denied does not make a numb seat an emergency...
        let m = "numb bum after 3 hours gaming, no back pain, wakes up a minute after I stand";
        assert!(
            !flags(m).contains(&"numb-seat-back-pain".to_string()),
            "{m}"
        );
        // ...told, it does; and "felt nothing down below" tells the place.
        assert_flag(
            "numb bum since this morning and my back pain is bad",
            "numb-seat-back-pain",
        );
        assert_flag(
            "tried to be intimate and felt nothing down below, back pain all week",
            "saddle-numbness-told",
        );
    }

    #[test]
    fn words_in_a_row_never_run_across_the_end_of_a_clause() {
        // "bed sore" is a pressure sore; "veg beds, sore" is two clauses.
        assert_quiet("kneeling at the veg beds, sore getting up out of the car");
        assert_quiet("weeding the flower beds. sore glute after, stretch?");
        assert_flag(
            "my dad has a bed sore on his bum and a fever",
            "fever-infection",
        );
        // Terms with a gap still read across ("fell, now her leg looks
        // shorter"), and a full stop inside "y.o." ends nothing.
        assert_flag(
            "grandma fell, now her leg looks shorter",
            "fall-cannot-stand",
        );
        assert_flag(
            "My 11 y.o. has been limping since Saturday and says his knee hurts",
            "child-limp",
        );
    }

    #[test]
    fn a_term_in_the_plural_needs_the_plural_and_one_in_the_singular_reads_both() {
        // "legs keep giving way" is both legs; one leg giving way is not,
        // though "keeps" and "keep" share a stem.
        assert_flag("my legs keep giving way since my back went", "both-legs");
        let one = flags("my left leg keeps giving way going down stairs");
        assert!(one.iter().any(|f| f == "weakness"), "{one:?}");
        assert!(!one.iter().any(|f| f == "both-legs"), "{one:?}");
        // A singular term still reads the plural.
        assert_flag("tingling down my legs", "numbness-tingling");
    }

    #[test]
    fn words_that_only_contain_a_term_do_not_fire() {
        assert_quiet("just hit a 180kg deadlift PR");
        assert_quiet("can weak glutes cause knots");
        assert_quiet("my glutes are weak from sitting all day, how do i strengthen them");
        assert_quiet("will a knot go away if i do nothing");
        assert_quiet("what should i expect at my first trigger point session");
        assert_quiet("theres a bump in my glute when i press");
        assert_quiet("did a crash diet, could that cause knots");
        assert_quiet("glutes on fire after hip thrusts lol");
        assert_quiet("what are the warning signs that glute pain is more than a knot");
        assert_quiet("shooting a video of my hip thrusts for a form check");
        assert_quiet("glutes were burning like crazy on the last set of lunges");
        assert_quiet("my legs are dead after leg day, is foam rolling worth it");
        assert_quiet("deadlifts left my hamstrings dead, what about my glutes");
        // Real words the typo fixer once turned into red-flag words
        // ("couch" into "cough", "popped" into "pooped").
        assert_quiet("sat on the couch all weekend and my glute is tight");
        assert_quiet("my hip popped during squats and theres a knot there now");
    }
}
