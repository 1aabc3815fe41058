//! The answering engine: one immutable value built from a knowledge base,
//! turning a member's message into the reply the bot would post.
//!
//! An `Engine` is never changed after it is built; when the knowledge
//! changes a new one is built and swapped in whole, so readers never see a
//! half-updated index.

use std::borrow::Cow;

use crate::analysis::{Analyzer, Term};
use crate::knowledge::{Entry, Knowledge, KnowledgeError, Problem, Sources, Tier};
use crate::matcher::{Matcher, Ranking, Scored, Tuning};
use crate::phrases::PhraseIndex;
use crate::reply::{AnswerKind, Body, Flag, Match, Reply};
use crate::safety::RedFlagDetector;
use crate::stretch_names::StretchNames;
use crate::whose::Whose;

/// Most entries offered under an answer: a row of buttons on a phone.
const SEE_ALSO_LIMIT: usize = 4;

/// What an engine builds from its knowledge.
struct Parts {
    analyzer: Analyzer,
    matcher: Matcher,
    detector: RedFlagDetector,
    stretch_names: StretchNames,
    needs: PhraseIndex,
}

pub struct Engine {
    knowledge: Knowledge,
    analyzer: Analyzer,
    matcher: Matcher,
    detector: RedFlagDetector,
    stretch_names: StretchNames,
    /// Each FAQ entry's `needs`, owned by its index in the entries.
    needs: PhraseIndex,
}

/// The most of a message that is read: Discord allows 4,000 characters,
/// and a pasted novel is not read to its end, so that huge input costs no
/// more than a long post.
const MESSAGE_LIMIT: usize = 10_000;

/// The first `max` characters of `text`.
fn within(text: &str, max: usize) -> &str {
    text.char_indices()
        .nth(max)
        .map_or(text, |(at, _)| &text[..at])
}

/// How close to the best score the previous message's entry must be for a
/// follow-up to stay with it.
const FOLLOW_UP_MARGIN: f32 = 0.05;

/// How far a sign's own first entry may trail the question's first
/// candidate and still be the answer the sign decides (see `choose`).
const NEAR_TIE: f32 = 0.05;

/// A follow-up's conversation: the message before, and the terms of both
/// (the message before first).
#[derive(Clone, Copy)]
struct Conversation<'a> {
    previous: &'a str,
    told: &'a [Term],
}

/// Whether `asked` has a word that stands for anything told before ("it",
/// "this", "that": `english.toml`'s `standing_for`).
fn stands_for_something_told(asked: &[Term]) -> bool {
    let standing_for = &crate::language::english().standing_for;
    asked.iter().any(|t| standing_for.contains(&t.word))
}

/// The signs a message tells (see `Engine::signs`), as category indices.
struct Signs {
    found: Vec<usize>,
    /// Urgent signs vetoed in the whole message but asserted in one of its
    /// sentences: `RedFlagDetector::asserted` of the whole misses them.
    rescued_asserted: Vec<usize>,
}

impl Engine {
    /// Builds every index once; answering never rebuilds anything.
    pub fn new(knowledge: Knowledge) -> Engine {
        Engine::with_tuning(knowledge, Tuning::default())
    }

    /// An engine whose matcher uses other knobs: for measuring them.
    pub fn with_tuning(knowledge: Knowledge, tuning: Tuning) -> Engine {
        let parts = Engine::parts(&knowledge, tuning);
        Engine::assemble(knowledge, parts)
    }

    /// The engine of the knowledge files `sources`, if they are valid:
    /// validated while the engine is built, which is what a cold
    /// `knotbot ask` waits for.
    pub fn load(sources: &Sources) -> Result<Engine, KnowledgeError> {
        let (knowledge, parts) =
            Knowledge::checked_while(sources, |k| Engine::parts(k, Tuning::default()))?;
        Ok(Engine::assemble(knowledge, parts))
    }

    fn parts(knowledge: &Knowledge, tuning: Tuning) -> Parts {
        let analyzer = Analyzer::new(&knowledge.lexicon, &knowledge.vocabulary());
        // The index and the red-flag patterns take about as long as each
        // other and share nothing but the analyzer: built side by side,
        // a cold `knotbot ask` waits for one of them, not both.
        let (matcher, detector) = std::thread::scope(|s| {
            let detector = s.spawn(|| RedFlagDetector::new(&knowledge.red_flags, &analyzer));
            let matcher = Matcher::new(knowledge, &analyzer, tuning);
            (
                matcher,
                detector.join().expect("building the red-flag patterns"),
            )
        });
        let stretch_names = StretchNames::new(&knowledge.stretches, &analyzer);
        let needs = knowledge.entries.iter().enumerate();
        let needs = needs.flat_map(|(i, e)| e.needs.iter().map(move |n| (n.as_str(), i)));
        let needs = PhraseIndex::new(needs, &analyzer);
        Parts {
            analyzer,
            matcher,
            detector,
            stretch_names,
            needs,
        }
    }

    fn assemble(knowledge: Knowledge, parts: Parts) -> Engine {
        Engine {
            knowledge,
            analyzer: parts.analyzer,
            matcher: parts.matcher,
            detector: parts.detector,
            stretch_names: parts.stretch_names,
            needs: parts.needs,
        }
    }

    /// An engine only if every red-flag example in `red_flags_file` (the
    /// name shown in problems) behaves as written: each `fires` message
    /// raises its sign and each `quiet` one does not, as a member would see
    /// it (after `requires`, `unless` and `eases`). How `knotbot check`,
    /// every moderator edit and every reload keep a term broadened
    /// tomorrow from bringing back a false alarm fixed today.
    pub fn checked(knowledge: Knowledge, red_flags_file: &str) -> Result<Engine, KnowledgeError> {
        let engine = Engine::new(knowledge);
        let problems: Vec<Problem> = engine.example_problems(red_flags_file).collect();
        if problems.is_empty() {
            Ok(engine)
        } else {
            Err(KnowledgeError(problems))
        }
    }

    fn example_problems<'a>(&'a self, file: &'a str) -> impl Iterator<Item = Problem> + 'a {
        let categories = &self.knowledge.red_flags.categories;
        categories.iter().enumerate().flat_map(move |(i, c)| {
            c.examples.iter().filter_map(move |ex| {
                let found = self.signs(&ex.text, &self.analyzer.analyze(&ex.text)).found;
                let raised = self.knowledge.red_flags.counted(found).contains(&i);
                let wrong = match (ex.fires, raised) {
                    (true, false) => "should raise this sign but does not",
                    (false, true) => "should not raise this sign but does",
                    _ => return None,
                };
                let message = format!("\"{}\": the example \"{}\" {wrong}", c.id, ex.text);
                Some(Problem::new(file, ex.line, message))
            })
        })
    }

    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    /// The reply to `message`. Total: any input gives a reply, in time
    /// bounded by the text module's caps.
    pub fn answer(&self, message: &str) -> Reply {
        self.answer_after(message, None)
    }

    /// The reply to `message` in a conversation: `previous` is the message
    /// before it (the member's last question, or the question the bot last
    /// answered), so that "and can I still train on it?" is read with that
    /// one's subject. Signs are read in both (see `told`).
    pub fn answer_after(&self, received: &str, previous: Option<&str>) -> Reply {
        let message = within(received, MESSAGE_LIMIT);
        let previous = previous.map(|p| within(p, MESSAGE_LIMIT));
        let terms = self.analyzer.analyze(message);
        let told = self.told(&terms, previous);
        let red_flags = &self.knowledge.red_flags;
        let signs = self.signs(message, &told);
        let flags = red_flags.settle(signs.found);
        // The signs a follow-up tells itself, apart from the message before.
        let own_signs = previous.map(|_| red_flags.settle(self.detector.detect(&terms)));
        let flags = match &own_signs {
            Some(own) => self.without_earlier_soon(own, flags),
            None => flags,
        };
        let before = &told[..told.len() - terms.len()];
        let others = self.others_signs(message, before, &flags);
        let flags: Vec<usize> = flags.into_iter().filter(|f| !others.contains(f)).collect();
        let conversation = previous.map(|text| Conversation {
            previous: text,
            told: &told,
        });
        let ranking = self.ranking(message, &terms, conversation, &flags);
        // A sign told only to deny it ("no numbness or tingling") keeps
        // its prompt, for safety, but never chooses the answer.
        let asserted = if flags.is_empty() {
            Vec::new()
        } else {
            let mut asserted = self.detector.asserted(&told);
            asserted.extend(signs.rescued_asserted);
            let asserted = red_flags.settle(asserted);
            asserted
                .into_iter()
                .filter(|f| !others.contains(f))
                .collect()
        };
        let over = self.told_as_over(message, before, &asserted);
        let care_prompt = self.care_prompt(&flags, &asserted, &over);
        let asserted: Vec<usize> = asserted.into_iter().filter(|f| !over.contains(f)).collect();
        let mut asked = self.flags_asked(message, &told, &asserted, ranking.confident());
        // A sign the message before told is not what a follow-up asks
        // about ("also, which ball should I buy?" after a fall): it keeps
        // its prompt, and decides only if it needs care today as the
        // answer (see `deciding`).
        if let Some(own) = &own_signs {
            asked.retain(|f| own.contains(f));
        }
        let mut deciding = self.deciding(&flags, &asserted, &asked);
        let others_precautions = self.others_precautions(message, before, &flags);
        deciding.retain(|f| !others_precautions.contains(f));
        let chosen = if asserted.is_empty() {
            ranking.confident()
        } else {
            self.choose(&ranking, &flags, &deciding)
        };
        // Under a prompt that sends the member to an emergency department,
        // "did you mean: referred pain?" only distracts.
        let tier = red_flags.tier_of(&asserted);
        let emergency = tier == Some(Tier::Emergency);
        let suggestions = ranking
            .candidates
            .iter()
            .filter(|c| Some(c.entry) != chosen.map(|m| m.entry))
            .take(if chosen.is_none() && emergency { 0 } else { 3 })
            .map(|c| self.to_match(*c))
            .collect();
        let replies = &self.knowledge.replies;
        // No sign decides the answer whenever `deciding` is empty; a
        // message about another body part ("pigeon makes my knee twinge")
        // is not ours to answer with a stretch either, though a stretch's
        // own name may name one ("knee to opposite shoulder").
        let stretch = if deciding.is_empty() {
            self.stretch_asked(message, &terms)
                .or_else(|| self.stretch_followed_up(&terms, previous?))
                .filter(|_| self.ours_but_for_stretch_names(&terms))
        } else {
            None
        };
        let body = match (stretch, chosen) {
            (Some(s), _) => Body::Answer {
                title: s.name.clone(),
                text: crate::stretch::card(s),
            },
            (None, Some(c)) => {
                let e = &self.knowledge.entries[c.entry];
                Body::Answer {
                    title: e.title.clone(),
                    text: e.body.clone(),
                }
            }
            (None, None) if terms.is_empty() => Body::Empty(replies.empty.clone()),
            (None, None) => Body::NotSure(replies.not_sure.clone()),
        };
        let see_also = match (stretch, chosen) {
            // The general answer the stretch's name stood in for.
            (Some(_), c) => c.map(|c| self.to_match(c)).into_iter().collect(),
            (None, Some(c)) => self.related(c.entry, &flags, &ranking),
            (None, None) => Vec::new(),
        };
        Reply {
            question: received.to_string(),
            matched: match stretch {
                Some(s) => Some(Match {
                    kind: AnswerKind::Stretch,
                    id: s.id.clone(),
                    // Named outright, not scored: as sure as an answer gets.
                    score: 1.0,
                    title: s.name.clone(),
                }),
                None => chosen.map(|c| self.to_match(c)),
            },
            suggestions,
            red_flags: self.flags(&flags),
            care_prompt,
            // Care today or now is read before the entry's title.
            urgent: tier.is_some_and(|t| t <= Tier::SameDay),
            body,
            footer: replies.footer.clone(),
            did_you_mean: replies.did_you_mean.clone(),
            see_also,
            see_also_heading: replies.see_also.clone(),
            names_our_subject: ranking.scope.anchored || ranking.scope.topical,
        }
    }

    /// The stretch `message` asks about by name: how to do it, how long to
    /// hold it, what it is ("how do you do pigeon pose properly?"), or
    /// whether it helps what we cover ("is child's pose any use for a
    /// glute knot?"). Its card (steps, hold, who should skip it) answers
    /// better than the general answer about stretching, which stays one
    /// tap away. Its asking sentences (or the whole message, when none
    /// asks) must name that stretch and no other, or ask for a stretch
    /// where only that one is done ("any stretch I can do at my desk?"). "Pigeon is my fav,
    /// anyone else?" asks nothing of ours.
    fn stretch_asked(&self, message: &str, terms: &[Term]) -> Option<&crate::knowledge::Stretch> {
        // "any stretch I can do at my desk?": one asked for by its place.
        let wants_one = |terms: &[Term]| {
            terms
                .iter()
                .any(|t| matches!(t.word.as_str(), "stretch" | "stretches"))
        };
        if !self.stretch_names.may_name(terms) && !wants_one(terms) {
            return None;
        }
        let asking = crate::focus::asking_part(message);
        // "Should I switch to a different stretch?" wants another one;
        // "my physio said no pigeon" wants anything but that one.
        if crate::focus::asks_for_another(asking.as_deref().unwrap_or(message))
            || crate::focus::forbids(message)
        {
            return None;
        }
        let asked = asking.map(|a| self.analyzer.analyze(&a));
        let asked = asked.as_deref().unwrap_or(terms);
        let placed = || {
            wants_one(asked)
                .then(|| self.stretch_names.placed(asked))
                .flatten()
        };
        let named = self
            .stretch_names
            .named(asked)
            .or_else(placed)
            .filter(|_| {
                let beside = self
                    .matcher
                    .reading(&self.stretch_names.without_names(terms));
                self.asks_how(asked) || beside.anchored || beside.topical
            })?;
        self.knowledge.stretches.get(named)
    }

    /// The stretch a follow-up with no subject of its own ("how long do I
    /// hold it?") asks about: the one just answered with, told by
    /// `previous`, the member's question about it by name or, on Discord,
    /// the title of the answer. After "is pigeon any good?", answered with
    /// the general answer, "it" is stretching in general. "How long till
    /// the knot goes?" names a subject of ours, and is not about the
    /// stretch.
    fn stretch_followed_up(
        &self,
        terms: &[Term],
        previous: &str,
    ) -> Option<&crate::knowledge::Stretch> {
        let own = self.matcher.reading(terms);
        if own.anchored || own.topical || own.elsewhere || !self.asks_how(terms) {
            return None;
        }
        let title = |s: &&crate::knowledge::Stretch| s.name.eq_ignore_ascii_case(previous.trim());
        self.stretch_asked(previous, &self.analyzer.analyze(previous))
            .or_else(|| self.knowledge.stretches.iter().find(title))
    }

    /// Whether `terms`, read without the words of stretches' names, may
    /// be answered: not about another body part with nothing of ours. The
    /// leg is where a stretch is held ("ankle on the other knee?").
    fn ours_but_for_stretch_names(&self, terms: &[Term]) -> bool {
        let r = self
            .matcher
            .reading(&self.stretch_names.without_names(terms));
        r.anchored || r.off_topic || !r.beyond_legs
    }

    /// Whether `asked` asks how to do something, how long, or what it is.
    fn asks_how(&self, asked: &[Term]) -> bool {
        matches!(
            self.matcher.intent_of(asked),
            Some("method" | "duration" | "definition")
        )
    }

    /// The signs in what was `told` (the `message`, after any previous
    /// one), before `settle`. An `unless` term vetoes its sign only in its
    /// own sentence: "Didn't even train today." after "both my legs feel
    /// heavy and wobbly" does not make the legs tired from training. So a
    /// sign that needs care today or sooner, vetoed in the whole, counts
    /// when a sentence of `message` tells it without the veto. Only such
    /// signs are read again, sentence by sentence, and only when vetoed,
    /// which is rare.
    fn signs(&self, message: &str, told: &[Term]) -> Signs {
        let scan = self.detector.scan(told);
        let categories = &self.knowledge.red_flags.categories;
        let urgent: Vec<usize> = scan
            .vetoed
            .into_iter()
            .filter(|f| !categories[*f].concept && categories[*f].tier().decides_answer())
            .collect();
        let mut signs = Signs {
            found: scan.signs,
            rescued_asserted: Vec::new(),
        };
        if urgent.is_empty() {
            return signs;
        }
        let red_flags = &self.knowledge.red_flags;
        for sentence in crate::focus::sentences(message) {
            let terms = self.analyzer.analyze(sentence);
            // The sentence tells the sign whole, with what it requires:
            // "heavy Bulgarians" here and "both sides" of sore glutes there
            // are not heavy legs on both sides.
            let alone = red_flags.counted(self.detector.detect(&terms));
            let asserted = red_flags.counted(self.detector.asserted(&terms));
            for f in &urgent {
                if alone.contains(f) && !signs.found.contains(f) {
                    signs.found.push(*f);
                }
                if asserted.contains(f) && !signs.rescued_asserted.contains(f) {
                    signs.rescued_asserted.push(*f);
                }
            }
        }
        signs.found.sort_unstable();
        signs
    }

    /// `flags` less the signs that need care within days, when a
    /// follow-up tells no sign of its own (`own`, its signs, is empty): the
    /// message before carried their prompt, and "and can I still train on
    /// it?" is answered without it. Signs of today or now (a fall
    /// yesterday, then "can I still go to the gym today?"), precautions,
    /// and signs that last (a cancer treated years ago, then "is deep
    /// tissue massage ok?"), keep theirs.
    fn without_earlier_soon(&self, own: &[usize], flags: Vec<usize>) -> Vec<usize> {
        let categories = &self.knowledge.red_flags.categories;
        if !own.is_empty() {
            return flags;
        }
        flags
            .into_iter()
            .filter(|f| categories[*f].tier() != Tier::Soon || categories[*f].lasting)
            .collect()
    }

    /// The signs of `flags` that `message` tells only of someone else,
    /// when it turns to the member's own glute after them and stays with
    /// the member to its end ("my kid fell off the monkey bars and broke
    /// her wrist, so I've been carrying her, now my glute is in knots.
    /// Stretch?"): not the member's, so no prompt. An emergency keeps its
    /// prompt whoever it is told of, a precaution is the member's, and a
    /// sign told in the message `before` this one stays.
    fn others_signs(&self, message: &str, before: &[Term], flags: &[usize]) -> Vec<usize> {
        let categories = &self.knowledge.red_flags.categories;
        // A pregnancy or a birth is told through the baby, and is the
        // member's.
        let droppable =
            |f: &usize| !matches!(categories[*f].tier(), Tier::Emergency | Tier::Precaution);
        self.told_only_of_others(message, before, flags, droppable)
    }

    /// The precautions of `flags` told only of someone else ("my wife is
    /// pregnant, and I'm so stressed my glutes are knotted"): they keep
    /// their note, but the member's own question chooses the answer.
    fn others_precautions(&self, message: &str, before: &[Term], flags: &[usize]) -> Vec<usize> {
        let categories = &self.knowledge.red_flags.categories;
        let precaution = |f: &usize| categories[*f].tier() == Tier::Precaution;
        self.told_only_of_others(message, before, flags, precaution)
    }

    /// The signs of `flags` that `droppable` keeps and `message` tells only of
    /// someone else, before it turns to the member's own glute (see
    /// `others_signs`).
    fn told_only_of_others(
        &self,
        message: &str,
        before: &[Term],
        flags: &[usize],
        droppable: impl Fn(&usize) -> bool,
    ) -> Vec<usize> {
        if !flags.iter().any(&droppable) {
            return Vec::new();
        }
        let clauses = crate::whose::clauses(message, &self.analyzer);
        let Some(last) = clauses.iter().rposition(|c| c.whose == Whose::Other) else {
            return Vec::new();
        };
        // The member's own glute, not one they ask about for someone else
        // ("can I massage her glute?" after her fall).
        let own_glute = |c: &crate::whose::Clause| {
            c.whose == Whose::Member
                && !c.names_someone_else()
                && self.matcher.reading(&c.terms).anchored
        };
        if !clauses[last + 1..].iter().any(own_glute) {
            return Vec::new();
        }
        let mut own = before.to_vec();
        for c in clauses.iter().filter(|c| c.whose != Whose::Other) {
            own.extend_from_slice(&c.terms);
        }
        let kept = self.knowledge.red_flags.settle(self.detector.detect(&own));
        flags
            .iter()
            .copied()
            .filter(|f| !kept.contains(f) && droppable(f))
            .collect()
    }

    /// What the member has told so far: the message, after the previous
    /// one when there is one. Signs are read in both, so "I'm 28 weeks
    /// pregnant" keeps its caution on "can I do pigeon pose?" and "my calf
    /// is swollen since the flight" keeps its prompt on "can I massage
    /// it?"; a sign told across the two ("my nan fell" ... "she can't get
    /// up") is read whole.
    fn told(&self, terms: &[Term], previous: Option<&str>) -> Vec<Term> {
        let mut told = previous.map_or_else(Vec::new, |p| self.analyzer.analyze(p));
        let start = told.len();
        told.extend_from_slice(terms);
        // One message ends where the next begins.
        if let Some(first) = told.get_mut(start).filter(|_| start > 0) {
            first.after_break = true;
        }
        told
    }

    /// The matcher's confident choice, with the red flags that decide the
    /// answer (see `deciding`) weighed in: then the answer is an entry that
    /// explains the sign, as long as the message is ours: it names glutes
    /// or knots, or it is a nerve sign felt in the leg ("pain down my leg
    /// into my toes"), or it is pain and names no other part of the body
    /// and no subject next to ours ("it hurts even lying in bed"). A fever
    /// with a sore throat, numb fingers, or a hot pilonidal cyst get the
    /// care prompt and no answer.
    fn choose(&self, ranking: &Ranking, flags: &[usize], deciding: &[usize]) -> Option<Scored> {
        let confident = ranking.confident();
        if flags.is_empty() {
            return confident;
        }
        let categories = &self.knowledge.red_flags.categories;
        if deciding.is_empty() && confident.is_some() {
            return confident;
        }
        let today = deciding
            .iter()
            .any(|f| categories[*f].tier() <= Tier::SameDay);
        let deciding = if deciding.is_empty() { flags } else { deciding };
        // A nerve sign felt in the leg is ours; one that needs an emergency
        // department is ours wherever it is felt ("numb groin and inner
        // thighs" is the saddle).
        let nerve = flags.iter().any(|f| {
            let c = &categories[*f];
            c.nerve && (!ranking.scope.beyond_legs || c.tier() == Tier::Emergency)
        });
        let bare_pain = ranking.scope.pain && !ranking.scope.elsewhere && !ranking.scope.off_topic;
        // A precaution is no reason to stay quiet on a question we can
        // answer ("can i do pigeon pose when pregnant").
        let precautions_only = flags
            .iter()
            .all(|f| categories[*f].tier() == Tier::Precaution);
        let answerable = precautions_only && confident.is_some();
        // "a knot in my trap" is about the trap, as it is without a sign;
        // so is "a calf knot, the roller is agony": only a sign that needs
        // care today makes a leg ours ("my calf is swollen, is it the knot?").
        let scope = &ranking.scope;
        let leg_ours = !scope.elsewhere || today;
        let ours = !ranking.elsewhere_question
            && !scope.off_topic
            && (scope.anchored || (scope.topical && !scope.beyond_legs && leg_ours));
        if !(ours || nerve || bare_pain || answerable) {
            return None;
        }
        let explains = |entry: usize| {
            let id = &self.knowledge.entries[entry].id;
            deciding.iter().any(|f| categories[*f].answers.contains(id))
        };
        if let Some(c) = confident.filter(|c| explains(c.entry)) {
            return Some(c);
        }
        let id = categories[deciding[0]].answers.first()?;
        let entry = self.knowledge.entry_index(id)?;
        // The question's first candidate when it explains the sign, though
        // not confidently ("is this sciatica or just the knot?"), and
        // leads the sign's own first entry by more than a near tie; an
        // emergency's entries come in the order that says what to do now.
        let emergency = deciding
            .iter()
            .any(|f| categories[*f].tier() == Tier::Emergency);
        let score = ranking.score_of(entry).unwrap_or(0.0);
        let first = ranking.candidates.first().filter(|_| !emergency);
        let leads = |c: &&Scored| c.entry != entry && score < c.score - NEAR_TIE;
        if let Some(c) = first.filter(leads).filter(|c| explains(c.entry)) {
            return Some(*c);
        }
        Some(Scored { entry, score })
    }

    /// The signs that replace the answer to the question asked with the
    /// entry that explains them: those that need care today, before any
    /// others; precautions, whose entry is the answer adapted to them
    /// ("is deep tissue ok when pregnant"); and any sign the asking
    /// sentences themselves name ("numb toes, is that normal?"). A sign told
    /// only in the story around a question adds its prompt to the answer
    /// of that question, its entry one tap away under it. Only signs the
    /// message `asserted` count; `asked` are those its question is about.
    fn deciding(&self, flags: &[usize], asserted: &[usize], asked: &[usize]) -> Vec<usize> {
        let categories = &self.knowledge.red_flags.categories;
        let urgent: Vec<usize> = flags
            .iter()
            .copied()
            .filter(|f| {
                let c = &categories[*f];
                c.tier().decides_answer() && !c.in_passing && asserted.contains(f)
            })
            .collect();
        if !urgent.is_empty() {
            return urgent;
        }
        flags
            .iter()
            .copied()
            .filter(|f| {
                let c = &categories[*f];
                let precaution = c.tier() == Tier::Precaution && !c.in_passing;
                (precaution && asserted.contains(f)) || asked.contains(f)
            })
            .collect()
    }

    /// Of the `asserted` signs, those `message` tells only as over ("had
    /// sciatica back in 2019, totally gone now"; see `english.toml`'s
    /// `over`): they keep a prompt, in words of their own, and never
    /// replace the answer. Emergency signs are never over, nor those marked
    /// `lasting`: a hip replaced years ago still changes what is safe.
    /// `previous` are the terms of the message before, whose signs still
    /// count.
    fn told_as_over(&self, message: &str, previous: &[Term], asserted: &[usize]) -> Vec<usize> {
        let categories = &self.knowledge.red_flags.categories;
        let may_be_over = |f: &usize| {
            let c = &categories[*f];
            c.tier() != Tier::Emergency && !c.lasting
        };
        if !asserted.iter().any(may_be_over) {
            return Vec::new();
        }
        let Some(rest) = crate::focus::without_parts_over(message) else {
            return Vec::new();
        };
        let mut terms = previous.to_vec();
        terms.extend(self.analyzer.analyze(&rest));
        let still = self
            .knowledge
            .red_flags
            .settle(self.detector.asserted(&terms));
        asserted
            .iter()
            .copied()
            .filter(|f| may_be_over(f) && !still.contains(f))
            .collect()
    }

    /// Of the signs `flags` found in `message`, those its question is
    /// about: those its asking sentences name, or all of them when the
    /// message is its own question, asks what the trouble is ("knot or
    /// something else?"), or has no answer of its own: then the sign's
    /// entry is better than silence. A long story may make the `whole`
    /// message answerable when its asking sentences alone fall short;
    /// that answer counts when those sentences rank it first too.
    /// `terms` are the message's, already analysed; nothing more is done
    /// for a message without a sign, which is most of them.
    fn flags_asked(
        &self,
        message: &str,
        terms: &[Term],
        flags: &[usize],
        whole: Option<Scored>,
    ) -> Vec<usize> {
        if flags.is_empty() {
            return Vec::new();
        }
        let asked = crate::focus::asking_part(message);
        let Some(asked) = asked.filter(|a| !crate::focus::asks_what_it_is(a)) else {
            return flags.to_vec();
        };
        let asked_terms = self.analyzer.analyze(&asked);
        let focused = self.matcher.rank_focused(&asked_terms, terms);
        let first = focused.candidates.first().map(|c| c.entry);
        let agrees = whole.is_some_and(|w| Some(w.entry) == first);
        if focused.confident().is_none() && !agrees {
            return flags.to_vec();
        }
        let red_flags = &self.knowledge.red_flags;
        let in_question = red_flags.settle(self.detector.detect(&asked_terms));
        let spans = self.detector.sign_spans(&asked_terms);
        flags
            .iter()
            .copied()
            .filter(|f| in_question.contains(f))
            .filter(|f| !self.told_as_condition(*f, &asked_terms, &spans))
            .collect()
    }

    /// Whether a sign that can wait a few days is only the condition of
    /// the asking sentence rather than its subject: "why does pressing
    /// this spot send an ache down my thigh?" asks about referred pain and
    /// gets that answer under the care prompt, while "pain runs down past
    /// the knee, is that sciatica?" asks about the sign. Told by asking
    /// without the sign's words: a confident answer that explains no sign
    /// means the question stands without it. An entry that explains one
    /// is about getting care, which the sign changes ("can a massage
    /// therapist treat it or should I see my oncologist first?"). Only
    /// for the asking sentences of a longer message: a message that is
    /// one sentence, stripped of its sign, matches almost anything.
    fn told_as_condition(
        &self,
        category: usize,
        asked: &[Term],
        spans: &[(usize, usize, usize)],
    ) -> bool {
        let sign = &self.knowledge.red_flags.categories[category];
        if sign.tier() != Tier::Soon {
            return false;
        }
        let Some(&(_, first, last)) = spans.iter().find(|s| s.0 == category) else {
            return false;
        };
        let rest: Vec<Term> = asked[..first]
            .iter()
            .chain(&asked[last + 1..])
            .cloned()
            .collect();
        let categories = &self.knowledge.red_flags.categories;
        self.matcher.rank(&rest).confident().is_some_and(|c| {
            let id = &self.knowledge.entries[c.entry].id;
            !categories.iter().any(|c| c.answers.contains(id))
        })
    }

    /// The matcher's ranking of a message, read with the previous one when
    /// it is a follow-up without a subject of its own. `conversation` is
    /// what `told` made of the two, when there is a previous message.
    fn ranking(
        &self,
        message: &str,
        terms: &[Term],
        conversation: Option<Conversation>,
        flags: &[usize],
    ) -> Ranking {
        let mut ranking = self.ranking_of_words(message, terms, conversation);
        // An entry about a sign alone (after a birth) is no answer to a
        // message that never tells it.
        let categories = &self.knowledge.red_flags.categories;
        let told: Vec<&String> = flags.iter().flat_map(|f| &categories[*f].owns).collect();
        let untold =
            |id: &String| !told.contains(&id) && categories.iter().any(|c| c.owns.contains(id));
        // Nor is an entry whose `needs` the conversation never names.
        let told_words = conversation.map_or(terms, |c| c.told);
        let named: Vec<usize> = self
            .needs
            .found(told_words)
            .into_iter()
            .map(|f| f.2)
            .collect();
        let stood_in_for = self.answers_stood_in_for(flags);
        ranking.candidates.retain(|c| {
            let entry = &self.knowledge.entries[c.entry];
            !untold(&entry.id)
                && (entry.needs.is_empty() || named.contains(&c.entry))
                && !stood_in_for.contains(&&entry.id)
        });
        ranking
    }

    /// The entries that answer only the graver readings a milder sign
    /// found stands in for (its `eases`): leaking a little on box jumps is
    /// the pelvic floor, and the cauda equina entry no answer to it, though
    /// the bladder words match it best.
    fn answers_stood_in_for(&self, flags: &[usize]) -> Vec<&String> {
        let categories = &self.knowledge.red_flags.categories;
        let answered = |id: &String| flags.iter().any(|f| categories[*f].answers.contains(id));
        flags
            .iter()
            .flat_map(|f| &categories[*f].eases)
            .flat_map(|eased| categories.iter().filter(move |c| &c.id == eased))
            .flat_map(|c| &c.answers)
            .filter(|id| !answered(id))
            .collect()
    }

    /// The ranking of the words alone, before any sign is weighed: see
    /// `ranking`.
    fn ranking_of_words(
        &self,
        message: &str,
        terms: &[Term],
        conversation: Option<Conversation>,
    ) -> Ranking {
        let own = self.own_ranking(message, terms);
        // A follow-up has no subject of its own: it names nothing of ours
        // and nothing else, and is not answerable alone. And it asks, or
        // tells a sign ("it's been 5 weeks and hasn't budged"): "ok cool"
        // after an answer must not bring that answer back.
        let follow_up = (own.confident().is_none() || stands_for_something_told(terms))
            && !own.scope.anchored
            && !own.scope.body_part
            && (crate::focus::asks_something(message) || !self.detector.detect(terms).is_empty());
        let Some(conversation) = conversation.filter(|_| follow_up) else {
            return own;
        };
        // The previous message says what "it" is, so the follow-up is as
        // much ours as the conversation; its own words decide what is
        // asked about it ("and can I go to the gym afterwards?" after a
        // massage), and the entry that answered the previous one wins a
        // near tie. When its words alone are too few, the previous ones
        // help, at the story's share.
        let told = conversation.told;
        let previous = &told[..told.len() - terms.len()];
        // What the previous message was answered with, read as the engine
        // reads any message (its asking sentences first).
        let before_ranking = self.own_ranking(conversation.previous, previous);
        let before = before_ranking.confident();
        let prefer = |ranking: Ranking| match before {
            Some(before) => ranking.prefer(before.entry, FOLLOW_UP_MARGIN),
            None => ranking,
        };
        let focused = prefer(self.matcher.rank_focused(terms, told));
        if focused.confident().is_some() {
            return focused;
        }
        let within = prefer(self.matcher.rank_within(terms, told));
        if within.confident().is_some() {
            return within;
        }
        // The follow-up read with its subject puts the entry that answered
        // the previous message first, near the bar: the same subject goes
        // on ("still a bit tender on Wednesday, normal?" after a massage).
        self.matcher
            .agreeing_with_before(focused, &before_ranking)
            .unwrap_or(own)
    }

    /// The ranking of the message alone: of its asking sentences when a
    /// long message has a story around them and they are enough to answer;
    /// otherwise of the whole message.
    fn own_ranking(&self, message: &str, terms: &[Term]) -> Ranking {
        let ranking = self.ranking_of_asking_part(message, terms);
        // A message about another body part, or naming a subject next to
        // ours, is read whole: its listed questions read alone would lose
        // what "it" is ("a knot under my shoulder blade ... a lacrosse
        // ball, or a massage gun?").
        let scope = &ranking.scope;
        if ranking.confident().is_some()
            || ranking.elsewhere_question
            || scope.elsewhere
            || scope.off_topic
        {
            return ranking;
        }
        self.one_of_listed_questions(message).unwrap_or(ranking)
    }

    /// Whether the asking words stand for something told before ("what
    /// is it", "is that normal") and name no subject of their own.
    fn points_back_unnamed(&self, asked: &[Term]) -> bool {
        stands_for_something_told(asked) && !self.matcher.reading(asked).anchored
    }

    /// Whether a listed question names its subject, so it can be read on
    /// its own: glutes, or a word of ours with no "it" standing for
    /// something the message told before ("how do I get rid of cellulite
    /// on my bum, does foam rolling it break it up?" asks about cellulite).
    fn names_its_own_subject(&self, asked: &[Term]) -> bool {
        let r = self.matcher.reading(asked);
        r.anchored || (r.topical && !stands_for_something_told(asked))
    }

    /// Of the questions `message` lists in one breath (see
    /// `focus::listed_questions`), the one ours to answer: the most
    /// confident, each read on its own, as the others are about something
    /// else ("best creatine brand" makes the whole message off-topic, not
    /// "why does my arse have a sore lump?").
    fn one_of_listed_questions(&self, message: &str) -> Option<Ranking> {
        crate::focus::listed_questions(message)
            .into_iter()
            .map(|q| {
                self.without_look_alikes(&self.analyzer.analyze(q))
                    .0
                    .into_owned()
            })
            .filter(|asked| self.names_its_own_subject(asked))
            .map(|asked| self.matcher.rank(&asked))
            .filter_map(|r| Some((r.confident()?.score, r)))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, r)| r)
    }

    /// `own_ranking` before listed questions are tried.
    fn ranking_of_asking_part(&self, message: &str, terms: &[Term]) -> Ranking {
        let (terms, look_alikes) = &self.without_look_alikes(terms);
        // "Glute so tight. Stretch?": the bare question names what is
        // asked for, however short the message.
        let bare = crate::focus::bare_questions(message);
        let bare = if bare.is_empty() {
            Vec::new()
        } else {
            self.analyzer.analyze(&bare)
        };
        let Some(asked) = crate::focus::asking_part(message) else {
            return if bare.is_empty() {
                self.matcher.rank(terms)
            } else {
                self.matcher.rank_focused_wanting(terms, terms, &bare)
            };
        };
        let asked = self.analyzer.analyze(&asked);
        // The asking sentences are part of the message: without a
        // look-alike in the whole, they have none either.
        let asked = if *look_alikes {
            self.without_look_alikes(&asked).0.into_owned()
        } else {
            asked
        };
        let focused = self.matcher.rank_focused_wanting(&asked, terms, &bare);
        if self.matcher.asks_elsewhere(&asked) {
            return focused.refused();
        }
        // "What actually is it?" after a story that names cauda equina: the
        // story names what is asked about, so it weighs in whole.
        let story_names_it = self.points_back_unnamed(&asked)
            && self.matcher.intent_of(&asked) == Some("definition");
        if focused.confident().is_some() && !story_names_it {
            return focused;
        }
        let whole = self.matcher.rank(terms);
        if whole.confident().is_none() && focused.confident().is_none() {
            if let Some(agreed) = self.matcher.agreeing(&focused, &whole) {
                return agreed;
            }
        }
        if whole.confident().is_some() || focused.confident().is_none() {
            whole
        } else {
            focused
        }
    }

    /// `terms` without the words of red-flag look-alikes ("lost control of
    /// the bar" is not about bladder control) and denials ("no bladder or
    /// bowel stuff"), and whether there were any.
    /// Most messages have none, and are passed through without a copy.
    fn without_look_alikes<'t>(&self, terms: &'t [Term]) -> (Cow<'t, [Term]>, bool) {
        let inside = self.detector.in_look_alikes(terms);
        if !inside.contains(&true) {
            return (Cow::Borrowed(terms), false);
        }
        let kept = terms.iter().zip(inside).filter(|(_, inside)| !inside);
        (kept.map(|(t, _)| t.clone()).collect(), true)
    }

    /// The stems of the message's words as the engine reads them (typos
    /// corrected, synonyms applied, stopwords left out): for telling that
    /// two questions are the same one in other words.
    pub fn stems(&self, message: &str) -> Vec<String> {
        let stop = &crate::language::english().stopwords;
        self.analyzer
            .analyze(message)
            .into_iter()
            .filter(|t| !stop.contains(&t.word))
            .map(|t| t.stem)
            .collect()
    }

    /// The matcher's view of `message` alone, before red flags: for
    /// measuring and tuning.
    pub fn rank(&self, message: &str) -> Ranking {
        self.matcher.rank(&self.analyzer.analyze(message))
    }

    /// How the engine saw `message` (after `previous`, if given): its
    /// terms, the sentences it focused on, whether it is ours and the bar
    /// that sets, the red flags, the best candidates, and the decision with
    /// its reason. For moderators working out why a question was or was
    /// not answered, without reading code.
    pub fn explain(&self, message: &str, previous: Option<&str>) -> String {
        let terms = self.analyzer.analyze(message);
        let told = self.told(&terms, previous);
        // The signs the reply carries, after those told of someone else and
        // those a follow-up leaves to the message before are set aside.
        let reply = self.answer_after(message, previous);
        let categories = &self.knowledge.red_flags.categories;
        let found: Vec<usize> = reply
            .red_flags
            .iter()
            .filter_map(|f| categories.iter().position(|c| c.id == f.id))
            .collect();
        let conversation = previous.map(|text| Conversation {
            previous: text,
            told: &told,
        });
        let ranking = self.ranking(message, &terms, conversation, &found);
        let words: Vec<String> = terms
            .iter()
            .map(|t| {
                if t.word == t.stem {
                    t.word.clone()
                } else {
                    format!("{}({})", t.word, t.stem)
                }
            })
            .collect();
        let flags: Vec<String> = self.flags(&found).into_iter().map(|f| f.id).collect();
        let mut out = format!("terms: {}\n", words.join(" "));
        let asked = crate::focus::asking_part(message);
        if let Some(asked) = &asked {
            out.push_str(&format!("asking sentences: {asked}\n"));
        }
        let asked_terms = asked.map_or_else(|| terms.clone(), |a| self.analyzer.analyze(&a));
        if let Some(intent) = self.matcher.intent_of(&asked_terms) {
            out.push_str(&format!("asks for: {intent}\n"));
        }
        out.push_str(&format!(
            "about glutes: {}  our word: {}  other body part: {}  off-topic subject: {}\n",
            ranking.scope.anchored,
            ranking.scope.topical,
            ranking.scope.elsewhere,
            ranking.scope.off_topic
        ));
        out.push_str(&match ranking.threshold() {
            Some(t) => format!("an answer needs a score of {t:.2}\n"),
            None => {
                "no answer is possible (another body part and nothing of ours, a question about \
                 another body part, or too few words)\n"
                    .to_string()
            }
        });
        out.push_str(&format!(
            "red flags: {}\n",
            if flags.is_empty() {
                "none".to_string()
            } else {
                flags.join(", ")
            }
        ));
        for (category, first, last) in self.detector.sign_spans(&told) {
            let words: Vec<&str> = told[first..=last].iter().map(|t| t.word.as_str()).collect();
            let c = &categories[category];
            let family = if c.concept { " (word family)" } else { "" };
            out.push_str(&format!(
                "  read {}{family} in \"{}\"\n",
                c.id,
                words.join(" ")
            ));
        }
        for c in &ranking.candidates {
            out.push_str(&format!(
                "  {:.3}  {}\n",
                c.score, self.knowledge.entries[c.entry].id
            ));
        }
        let alone = ranking
            .confident()
            .map(|c| self.knowledge.entries[c.entry].id.as_str());
        let decided = reply.matched.as_ref().map(|m| m.id.as_str());
        let why = match (alone, decided) {
            // A message of ours whose candidates all fall short.
            (None, None) if !flags.is_empty() && ranking.threshold().is_some() => {
                "no candidate reaches the bar: the care prompt alone"
            }
            (_, None) if !flags.is_empty() => {
                "a red flag, and the message is not about our subject: the care prompt alone"
            }
            (None, None) => "no candidate reaches the bar",
            (Some(a), Some(d)) if a == d && !flags.is_empty() => {
                "the best candidate reaches the bar; the signs' prompt goes above it, as they \
                 are told around the question or it explains them"
            }
            (Some(a), Some(d)) if a == d => "the best candidate reaches the bar",
            (_, Some(_)) => "a red flag: the entry that explains the sign",
            (Some(_), None) => "no answer",
        };
        out.push_str(&format!(
            "decision: {} ({why})\n",
            decided.map_or("no answer".to_string(), |d| format!("answers {d}"))
        ));
        out
    }

    fn to_match(&self, c: Scored) -> Match {
        let e: &Entry = &self.knowledge.entries[c.entry];
        Match {
            kind: e.kind.into(),
            id: e.id.clone(),
            score: c.score,
            title: e.title.clone(),
        }
    }

    /// What to read next under an answer: the entry that explains the
    /// first sign found, when the answer is another (the question asked was
    /// answered, the sign is one tap away), then the entry's curated
    /// `related` entries.
    fn related(&self, entry: usize, flags: &[usize], ranking: &Ranking) -> Vec<Match> {
        let k = &self.knowledge;
        let sign = flags
            .first()
            .and_then(|f| k.red_flags.categories[*f].answers.first());
        let mut ids: Vec<&str> = sign.map(String::as_str).into_iter().collect();
        ids.extend(k.entries[entry].related.iter().map(String::as_str));
        let mut seen = vec![entry];
        ids.into_iter()
            .filter_map(|id| k.entry_index(id))
            .filter(|e| {
                let new = !seen.contains(e);
                seen.push(*e);
                new
            })
            .take(SEE_ALSO_LIMIT)
            .map(|e| {
                let score = ranking.score_of(e).unwrap_or(0.0);
                self.to_match(Scored { entry: e, score })
            })
            .collect()
    }

    fn flags(&self, found: &[usize]) -> Vec<Flag> {
        let categories = &self.knowledge.red_flags.categories;
        found
            .iter()
            .map(|i| Flag {
                id: categories[*i].id.clone(),
                name: categories[*i].name.clone(),
            })
            .collect()
    }

    /// The care prompt for the signs `found`. Its tier and the signs it
    /// names are those the member has: `asserted` and not told as `over`
    /// ("no bladder stuff" beside pain past the knee is not an A&E
    /// prompt). With none such, the words for signs that have passed, or,
    /// when none was even asserted (each only denied: "no numbness"), the
    /// words for signs ruled out, naming them all.
    fn care_prompt(&self, found: &[usize], asserted: &[usize], over: &[usize]) -> Option<String> {
        if found.is_empty() {
            return None;
        }
        let red_flags = &self.knowledge.red_flags;
        let prompts = &red_flags.prompts;
        let live: Vec<usize> = found
            .iter()
            .copied()
            .filter(|f| asserted.contains(f) && !over.contains(f))
            .collect();
        let prompt = if !live.is_empty() {
            red_flags.prompt_for(&live)
        } else if found.iter().any(|f| asserted.contains(f)) {
            red_flags.prompt_aside(&prompts.over, found)
        } else {
            red_flags.prompt_aside(&prompts.denied, found)
        };
        Some(prompt)
    }
}
