"""Read free-form model text into steps and a final answer; never guess.

A trace may use `Step n:` labels, numbered or bulleted lists, markdown, LaTeX (inline, display, align
environments), unicode math, arrows (`→`, `=>`) between steps, `=` chains, bracketed reasons, code-style
`# comments`, a `<think>` block and prose. Layout is removed first (markup.py, fold.py). Each step gets a
kind:

- CLAIM: math with `=` (or a line that is math only). Its `math` field holds the claims, separated by
  `;`, with `or` joining the alternatives of one disjunction (`x - 2 = 0 or x - 3 = 0`). `x is 4` and
  `x equals 4` at the end of a sentence are the claim `x = 4`.
- VERIFICATION: a `Check:` / `Verify:` / `Plugging in x = 4:` line or a line with a check mark. Its math
  holds the substituted arithmetic and the bindings (`x = 4`): a binding is the hypothesis of the check,
  not a claim, and says at which solution the arithmetic must be the problem's (check_lines.py).
- ANSWER: an `Answer: ...` / `The answer is ...` / `#### ...` line, or `Therefore 4.`
- PROSE: words only, no claim.
- UNREADABLE: a claim the reader cannot read with certainty: `=` next to something outside the grammar,
  a relation the checker does not know (`≠`, `≤`, `≈`, ...), or a negated or rejected claim (`x = 4 is
  not a solution`), or a property of the solutions said in words (`both roots are positive`, spoken.py),
  or markup nobody reads (a LaTeX command or unicode relation outside the known set, unread.py), or
  pieces of math with their relation missing (`5x 26`, `5x: 26`, `5x → 26`, relationless.py).
  The checker reports it as unknown: a claim is never dropped as prose.

A line that opens with a clear retraction and restates a piece of the step before it takes that step
back (retracted.py). The final answer is the last *committed* answer (final_answer.py). Only text is
handled here: nothing is evaluated but the arithmetic of bracketed reasons (exact rationals through the
allow-list grammar, bounded), so this is safe in any process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assay.domains.math.after_answer import stated_values
from assay.domains.math.answer_math import leading_math
from assay.domains.math.answer_phrases import ANSWER_PHRASE
from assay.domains.math.answer_sentence import closing_values, sentence_answer, without_restated_binding
from assay.domains.math.bold_header import split_bold_header
from assay.domains.math.doubted import doubt_at
from assay.domains.math.final_answer import Event, final_answer
from assay.domains.math.markup import THINK_END, THINK_START, box_spans, prepare_line, split_lines, take_boxed
from assay.domains.math.midline import honoured, split_at_retractions
from assay.domains.math.named_sentences import split_named_operations
from assay.domains.math.relationless import bare_arrow, unrelated_after_arrow
from assay.domains.math.retracted import only_retraction, retracted, retracts_previous
from assay.domains.math.sentences import clauses, sentences
from assay.domains.math.step_reader import LABEL, opens_as_check, read_step, unreadable_whole
from assay.domains.math.unit_chains import (
    with_foreign_units_marked,
    with_powered_units_marked,
    with_rates_written,
    with_unit_letters_marked,
    without_agreeing_units,
    without_unit_letters,
)
from assay.domains.math.unit_facts import checked_unit_facts
from assay.domains.math.units import DEGREE_SIGN, OPTION, AskedUnits, drop_units, without_counted_nouns
from assay.domains.math.unread import UNKNOWN_MARK
from assay.domains.math.vocabulary import plain_prose
from assay.records import Step, StepKind
from assay.text.unfinished import MAX_LINE, closes_nothing, ends_unfinished

MAX_TRACE = 200_000  # characters; a longer response is one unreadable step

MAX_STEPS = 400

_ARROWS = re.compile(r"\s*(?:→|⟶|⟹|⇒|=>|->|\\implies|\\Rightarrow|\\rightarrow|\\Longrightarrow|\\to\b)\s*")


# "Either x − 1 = 0 → x = 1, or x − 5 = 0 → x = 5": cases, each worked through its own arrows
_EITHER = re.compile(r"^\W*(?:(?:so|thus|hence|then|therefore)\b\s*,?\s*)?(?:either\s+)?", re.I)
_OR = re.compile(r",?\s+or\s+", re.I)
# `2x − 1 = 0, giving x = 1/2`: a case worked through in words, as an arrow would
_SENTENCE_END = re.compile(r"[.!?;]\s")
_GIVING = re.compile(r"\s*(?:,\s*|\s+)(?:giving|gives|so|hence|thus|which gives|which means|we get)\s+", re.I)
# the first of two cases already solved (`x = 0 or x - 2 = 0, which means x = 2`): it needs no arrow (after
# an arrow, `x^2 = 9 → x = 3 or x = -3`, a solved case is the arrow's result, never a case of its own)
_SOLVED = re.compile(r"^[A-Za-z]\s*=\s*[-−]?\d+(?:\.\d+)?$")


def _cases_through_arrows(line: str) -> str:
    """A line of cases each worked through its arrows, `A → B, or C → D` (or in words: `A, giving B, or C,
    giving D`; a case already solved needs none: `x = 0 or x - 2 = 0, which means x = 2`), as a chain that
    moves one case
    at a time, `A or C → B or C → B or D`: each arrow is a step of its own case, with the other cases
    as they stand (split at the arrows as written, `A` alone would be judged against the whole factored
    equation, and the cases' ends taken together would not check that each case gives its own). Other
    lines are returned as they are."""
    lead = _EITHER.match(line)
    start = lead.end() if lead is not None else 0
    if _SENTENCE_END.search(line[start:].rstrip(" .")):
        # `A, so x = 2 or x = 3. So x = 3.`: cases end with their sentence; the next one is no case's step
        return line
    cases = _OR.split(line[start:].rstrip(" ."))
    if len(cases) < 2:
        return line
    chains = [[part.strip() for part in _ARROWS.split(_GIVING.sub(" → ", case))] for case in cases]
    solved_first = len(chains) == 2 and len(chains[0]) == 1 and _SOLVED.match(chains[0][0]) is not None
    if any(len(chain) < 2 for chain in chains[1 if solved_first else 0 :]) or len(chains[-1]) < 2:
        return line
    if any(not part or "=" not in part for chain in chains for part in chain):
        return line
    now = [chain[0] for chain in chains]
    steps = [" or ".join(now)]
    for i, chain in enumerate(chains):
        for part in chain[1:]:
            now[i] = part
            steps.append(" or ".join(now))
    return line[:start] + " → ".join(steps)


@dataclass(frozen=True)
class Trace:
    steps: tuple[Step, ...]
    answer: str | None  # the final answer; several committed answers are joined by newlines


def parse_trace(text: str, units: AskedUnits | None = None) -> Trace:
    """Split text into steps and find the final answer; units: what the problem's question asks its
    answer in (units.py), taken off the numbers it follows (`8 students` is 8 when students are asked)."""
    if len(text) > MAX_TRACE:
        step = Step(1, text[:200], StepKind.UNREADABLE, reason=f"response of {len(text)} characters")
        return Trace((step,), None)
    events: list[Event] = []
    if "%" in text and ("$" in text or "\\" in text) and _tex_comment(text):
        # `$$x = 6 \quad % \boxed{5}$$`: in TeX what follows an unescaped `%` in math is a comment nobody
        # sees rendered; no answer read from such a text can be trusted
        events.append(Event("garbled"))
    steps: list[Step] = []
    given = units.given if units is not None else frozenset()  # the prompt's numbers (after_answer.py)
    last_segment = ""  # what the last step read, for a closing answer sentence
    before_last = ""  # what the step before it read, when that was a whole line too
    sentences: dict[int, str] = {}  # what each step read, by its index, when it read a whole line
    announced = False  # the last step was a retraction alone (`Wait, that's wrong. Let me redo this.`)
    last_line = ""  # the last line with anything on it: a text cut off there has no answer (unfinished.py)
    line_before_last = ""
    for raw in (piece for whole in split_lines(text) for piece in split_bold_header(whole)):
        if not raw.strip():
            continue
        if not closes_nothing(raw):  # `</answer>`, `**`: the line before it is where the text stopped
            line_before_last, last_line = last_line, raw
        if raw.strip() == THINK_END:
            # the reply after a reasoning block supersedes what the block concluded
            events.append(Event("think"))
            continue
        if raw.strip() == THINK_START:
            events.append(Event("open"))  # a reasoning block starts (final_answer.py: one never ended)
            continue
        degrees = units is not None and units.angles and ("°" in raw or "\\circ" in raw)
        # `4x = 80°`, `180^\\circ` for a triangle's angles: degrees, a unit
        line, comment = prepare_line(DEGREE_SIGN.sub(r"\1", raw) if degrees else raw)
        if units is not None and units.options and "(" in line:
            line = _with_options_read(line, units.options)
        if units is not None:
            # `There are 7 days in a week,`, `Since 1 L = 1000 mL, ...`: checked, taken out (unit_facts.py)
            line = checked_unit_facts(line)
            # `60 km/h × 5 h = 300 km` (unit_chains.py), before the asked unit is taken off its end alone
            # `12 × 5 = 60 feet` for a prompt in meters: a unit the prompt does not measure in is unread
            line = with_foreign_units_marked(line, units.measures, UNKNOWN_MARK)
            # `= 34 m.` for a garden of 12 meters: the unit, never a variable m
            line = without_unit_letters(line, units.measures, units.letters, units.words, units.power)
            line = with_rates_written(line, units.rates)  # `4 days × 5 km = 20 km` for "5 km every day"
            # `15 pages/day × 14 days = 210 pages`: the things counted are units of their own in a chain
            counted_units = without_agreeing_units(line, units.measures, units.counted)
            if counted_units != line:
                line = counted_units
            else:
                line = without_agreeing_units(without_counted_nouns(line, units), units.measures)
            line = without_counted_nouns(drop_units(line, units), units)
            line = with_unit_letters_marked(line, units.measures, units.letters, UNKNOWN_MARK)
            line = with_powered_units_marked(line, units.measures, units.letters, UNKNOWN_MARK)
        if "(" in line:
            line = without_restated_binding(line)  # `Answer: 4 (x = 4)`
        parts = _ARROWS.split(_cases_through_arrows(line))
        if bare_arrow(parts) or any(unrelated_after_arrow(part) for part in parts[1:]):
            # `5x → 26`, `2x + 5 = 13 → 3x`: a relation nobody reads, not two steps
            line = _ARROWS.sub(f" {UNKNOWN_MARK} ", line)
            parts = _ARROWS.split(line)
        sentence_pieces: set[str] = set()
        segments = [
            sentence
            for part in parts
            if part.strip()
            for piece in _split_after_answer(part)
            for cut in honoured(split_at_retractions(piece), _takes_back)
            for whole in split_named_operations(cut)
            for sentence in _sentences_if_unread(whole, sentence_pieces)
        ]
        attached = -1  # a trailing label shown with the step before it (`4 × 3 = 12 → notebooks`)
        for i, segment in enumerate(segments):
            if i == attached:
                continue
            if len(steps) >= MAX_STEPS:
                steps.append(
                    Step(len(steps) + 1, "…", StepKind.UNREADABLE, reason=f"more than {MAX_STEPS} steps")
                )
                events.append(Event("step", step=steps[-1]))
                return Trace(tuple(steps), final_answer(events, given))
            shown = raw.strip() if len(segments) == 1 else segment.strip()
            if len(parts) > 1 and i + 1 < len(segments) and _trailing_label(segments[i + 1]):
                # `4 × 3 = 12 → notebooks`: the words after the arrow name what the math before it counts
                shown, attached = f"{shown} → {segments[i + 1].strip()}", i + 1
            read = read_step(len(steps) + 1, shown, segment, comment if i == len(segments) - 1 else "")
            if events and events[-1].kind == "announce":
                # "## Final Answer" on its own line: the answer is the math that starts the next line
                events.pop()
                found = leading_math(take_boxed(LABEL.sub("", segment, count=1))[1])
                if found is not None and found[1] and found[2]:
                    events.append(Event("answer", found[0]))
                elif found is not None:
                    events.append(Event("garbled"))
            new = [e.step for e in read if e.step is not None]
            # `Oops, that's a mistake: 33 - 9 = 24`, or the retraction on a line of its own before the
            # correction: the step before it is taken back (retracted.py)
            back = 1 if steps and new and retracts_previous(segment, steps[-1], new[0]) else 0
            if not back and announced and len(steps) > 1 and new:
                back = 2 if retracts_previous(segment, steps[-2], new[0], announced=True) else 0
            if back:
                old = steps[-back]
                steps[-back] = retracted(old)
                events = [Event("step", step=steps[-back]) if e.step is old else e for e in events]
            announced = len(new) == 1 and only_retraction(segment, new[0])
            doubt = doubt_at(segment)
            if doubt is not None and doubt < _answer_start(segment):
                events.append(Event("clear"))  # "No, the answer is 54.": only what follows the doubt counts
            events.extend(read)
            if doubt is not None and doubt >= _answer_start(segment):
                events.append(Event("clear"))  # "The answer is 56; no, 54.": the answer said is taken back
            steps.extend(new)
            # only a whole line closes the response as a sentence (`Answer: 4... well, 5.` is no sentence)
            if new:
                before_last = last_segment if len(new) == 1 else ""
                # the last sentence cut from a line nobody could read whole is a whole sentence too
                whole = len(segments) == 1 or (i == len(segments) - 1 and segment in sentence_pieces)
                last_segment = segment if whole and len(new) == 1 else ""
                if last_segment:
                    sentences[new[0].index] = segment
    if events and events[-1].kind == "announce":
        # `Answer:`, `\boxed{}`, `<answer></answer>`, `Answer: ~~29~~` ending the response: an answer
        # announced and never given (cut off, or a template left empty) commits to no value, and the
        # claims before it are no stand-in for it
        events[-1] = Event("garbled")
    think = _last_think(events)
    if think >= 0 and any(e.kind == "garbled" for e in events[think + 1 :]):
        # `<think> ... \\boxed{29}</think>` then `Answer: unknown`: the reply answers, in a form nobody
        # reads here; what the block concluded is not its answer (the block is only a fallback for a reply
        # that states none)
        events.append(Event("clear"))
    if steps and last_segment:
        events = _closing_sentence(steps, events, last_segment, units, sentences)
    if len(steps) > 1:
        events = _closing_sentence_before_look_backs(steps, events, units, sentences)
    if len(steps) > 1 and before_last:
        events = _restating_sentence(steps, events, before_last, units)
    # a last line that goes on with the sentence of the line before (`Actually, I think I should` /
    # `recount the apples.`) is read with it too
    continued = (
        f"{line_before_last[-MAX_LINE:]} {last_line.strip()}"
        if _CONTINUES.match(last_line) and not _ENDS_SENTENCE.search(line_before_last)
        else None
    )
    if ends_unfinished(last_line, _states_answer) or (
        continued is not None and ends_unfinished(continued, _states_answer)
    ):
        # `So Tom has`, `Wait, let me reconsider.`: whatever was said before is not what it settled on
        return Trace(tuple(steps), None)
    return Trace(tuple(steps), final_answer(events, given))


def _with_options_read(line: str, options: frozenset[tuple[str, str]]) -> str:
    """`The answer is (B) 36.` for a prompt that lists `(B) 36`: the choice's value, said with its letter,
    is the value. A letter with a value the prompt does not give it (`(C) 36`) stays as written: nobody
    reads it, so no answer is taken from it."""
    return OPTION.sub(lambda m: m.group(2) if (m.group(1), m.group(2)) in options else m.group(0), line)


def _tex_comment(text: str) -> bool:
    """Whether text has a `%` that starts a TeX comment: an unescaped one inside display math (`$$...$$`,
    `\\[...\\]`), inline math written `\\(...\\)`, an environment or a box, where even `40%` hides the rest
    of its line. In prose (markdown) a `%` is shown as written; a lone `$` is as often a price as math, and
    `$...$` is not read."""
    boxes = [(opening, closing) for _, opening, closing in box_spans(text)]
    inside = False  # in math, read from the start
    environments = 0  # `\\begin{align*}` ... open
    at = 0
    while at < len(text):
        c = text[at]
        if c == "\\":
            if text.startswith(("\\(", "\\["), at):
                inside = True
            elif text.startswith(("\\)", "\\]"), at):
                inside = False
            elif text.startswith("\\begin{", at):
                environments += 1
            elif text.startswith("\\end{", at) and environments:
                environments -= 1
            at += 2  # `\\%`, `\\$`, `\\{` are the characters themselves
            continue
        if text.startswith("$$", at):
            inside = not inside  # display math (a lone `$` is as often a price: `$5 and 20% off`)
            at += 2
            continue
        if c == "%" and (inside or environments or any(a < at < b for a, b in boxes)):
            return True
        at += 1
    return False


# a line that starts with a word in lower case goes on with the sentence of a line before it that ends on no
# stop (`x = 4` starts with a name, not a word)
_CONTINUES = re.compile(r"\s*[a-z]{2,}\b")
_ENDS_SENTENCE = re.compile(r"[.!?:;)\]}$*_`>]\s*$|^\s*$")


def _states_answer(sentence: str) -> bool:
    return ANSWER_PHRASE.search(sentence) is not None or "\\boxed" in sentence


def _sentences_if_unread(segment: str, cut: set[str]) -> list[str]:
    """segment, or its sentences when it has several and cannot be read whole (sentences.py): a line the
    reader reads whole keeps that reading. The sentences cut are added to `cut`."""
    pieces = sentences(segment)
    # a clause is cut only at a comma, a semicolon or a colon (sentences.py): without one, the segment is
    # its one clause, and the cutter is not asked
    parts = (clauses(segment) if _CLAUSE_MARKS.search(segment) else [segment]) if len(pieces) == 1 else []
    if len(pieces) == 1 and len(parts) == 1:
        return pieces
    if not _unread(segment):
        return [segment]
    if len(pieces) == 1:
        pieces = parts  # one sentence, unread whole (read once above): its clauses
    else:
        # each sentence, and each clause of a sentence still unread (`He pays with $20, so his change is ...`)
        pieces = [part for piece in pieces for part in (clauses(piece) if _unread(piece) else [piece])]
    if len(pieces) > 1:
        cut.update(pieces)
    return pieces


_CLAUSE_MARKS = re.compile(r"[,;:]")


def _unread(segment: str) -> bool:
    # the reading is kept (step_reader.py): a segment read whole here is not read again as its step
    return unreadable_whole(segment)


def _trailing_label(segment: str) -> bool:
    """Whether a piece of a line after an arrow is a few words alone (a label of what came before)."""
    words = segment.split()
    return 0 < len(words) <= 4 and all(w.isalpha() for w in words)


def _closing_sentence(
    steps: list[Step], events: list[Event], segment: str, units: AskedUnits | None, sentences: dict[int, str]
) -> list[Event]:
    """ "So the car travels 180 km." closing the response: its number is the final answer
    (answer_sentence.py), when the reader found nothing else in it."""
    last = steps[-1]
    if last.kind not in (StepKind.UNREADABLE, StepKind.PROSE) or last.reason:
        return events
    value = sentence_answer(segment, units) or closing_values(segment)
    if value is None:
        return events
    if _answered_otherwise(last, events, value, units, sentences):
        if opens_as_check(segment):
            # `The answer is $x = 11$.` then `Plugging in gives 35.`: a check of the answer stated, held to
            # it as any line after it is (final_answer.py), not a second answer
            return events
        # `The answer is $30.` (or `The sale price is **$30**.`) then `You save $10.`: a closing sentence
        # is the answer only when nothing before it in the conclusion gives another; two values leave none
        return [*events, Event("garbled")]
    steps[-1] = Step(last.index, last.text, StepKind.ANSWER, math=value)
    at = next(i for i, e in enumerate(events) if e.step is last)
    if at > 0 and events[at - 1].kind == "garbled":
        # `Therefore, Betty has \(\boxed{29}\) pencils left.`, `Answer: 23 muffins left`: the box or the
        # label with words after its value, which alone are no answer (the reader of this same line said
        # so); the whole sentence is one (answer_sentence.py read it with the box's value)
        events = [*events[: at - 1], *events[at:]]
    kept = [Event("step", step=steps[-1], conclusion=value) if e.step is last else e for e in events]
    return [*kept, Event("answer", value)]


def _last_think(events: list[Event]) -> int:
    """Where the last reasoning block ends among events, or -1."""
    return max((i for i, e in enumerate(events) if e.kind == "think"), default=-1)


def _region_start(events: list[Event]) -> int:
    """Where what counts for the final answer starts: after the last retraction or reasoning block."""
    return max((i + 1 for i, e in enumerate(events) if e.kind in ("clear", "think")), default=0)


MAX_LOOK_BACKS = 3  # lines after a closing sentence that only look back at it


def _closing_sentence_before_look_backs(
    steps: list[Step], events: list[Event], units: AskedUnits | None, sentences: dict[int, str]
) -> list[Event]:
    """ "Tom has 29 apples left." then `Check: 29 + 7 = 36 ✓`, `I hope it is correct.` or `This makes sense
    because 29 + 7 = 36.`: a closing sentence followed by a few lines that read as no answer sentence is
    the final answer, when nothing in the conclusion states one; the lines after it are then held to it as
    any lines after a stated answer are (after_answer.py: work that ends on another value, a value offered
    beside it, ... leave no answer)."""
    start = _region_start(events)
    stated = [i for i in range(start, len(events)) if events[i].kind in ("answer", "total", "garbled")]
    if len(stated) > 1 or (stated and events[stated[0]].kind != "garbled"):
        return events
    region = {id(e.step) for e in events[start:] if e.step is not None}
    for back in range(2, min(MAX_LOOK_BACKS + 1, len(steps)) + 1):
        closing = steps[-back]
        if id(closing) not in region or closing.kind == StepKind.ANSWER:
            return events
        value = None
        if closing.kind in (StepKind.UNREADABLE, StepKind.PROSE) and not closing.reason:
            value = sentence_answer(sentences[closing.index], units) if closing.index in sentences else None
        if value is None:
            continue
        after = steps[len(steps) - back + 1 :]
        if any(
            s.index in sentences and sentence_answer(sentences[s.index], units) is not None for s in after
        ):
            return events  # a second answer sentence after it: the last line's rule, or none
        at = next(i for i, e in enumerate(events) if e.step is closing)
        if stated and stated[0] != at - 1:
            return events  # an answer said in a form nobody reads, other than this sentence's own label
        if _answered_otherwise(closing, events, value, units, sentences):
            return events if opens_as_check(sentences[closing.index]) else [*events, Event("garbled")]
        steps[-back] = Step(closing.index, closing.text, StepKind.ANSWER, math=value)
        if stated:
            # `Answer: Tom has 29 apples left.` then `Done.`: the label with words after its value, no
            # answer alone (the reader of the line said so); the whole sentence is one, as on a last line
            events = [*events[: at - 1], *events[at:]]
        kept: list[Event] = []
        for event in events:
            if event.step is closing:
                kept += [Event("answer", value), Event("step", step=steps[-back], conclusion=value)]
            else:
                kept.append(event)
        return kept
    return events


def _answered_otherwise(
    closing: Step, events: list[Event], value: str, units: AskedUnits | None, sentences: dict[int, str]
) -> bool:
    """Whether, since the last retraction or reasoning block, an answer stated before the closing sentence,
    or a whole line between the last claim before it and it that reads as an answer sentence, gives a value
    other than value; sentences: what each step read, by its index, when it read a whole line."""
    start = _region_start(events)
    line = next(i for i, e in enumerate(events) if e.step is closing)
    if line > start and events[line - 1].kind == "answer":
        return False  # `Actually the answer is 6.`: the line states an answer itself, held to the others
    own = stated_values([value])
    if any(e.kind == "answer" and stated_values([e.text]) != own for e in events[start:line]):
        return True
    for event in reversed(events[start:line]):
        step = event.step
        if step is None:
            continue
        if step.kind not in (StepKind.UNREADABLE, StepKind.PROSE):
            break  # a claim: the sentences before it are work, not the conclusion
        if step.index not in sentences or not _names_the_asked(step.text, units):
            continue  # `So Jack is 24.` then `Emma is 8 years old.` for "How old is Emma?": another quantity
        said = sentence_answer(sentences[step.index], units)
        if said is not None and stated_values([said]) != own:
            return True
    return False


# words of a question that name no quantity of its own
_QUESTION_WORDS = frozenset(
    re.findall(
        r"\w+",
        "a an the is are was were be been will would what which who whom how many much does do did of in on"
        " at to for by with from and or it its he she they his her their them there this that these those"
        " after before now then left has have had",
    )
)


def _names_the_asked(sentence: str, units: AskedUnits | None) -> bool:
    """Whether a sentence says a word of the question that names what it asks (`The sale price is $30.`
    for "What is the sale price?")."""
    if units is None:
        return False
    asked = units.question - _QUESTION_WORDS
    return any(word in asked for word in re.findall(r"[a-z]+", sentence.lower()))


def _restating_sentence(
    steps: list[Step], events: list[Event], segment: str, units: AskedUnits | None
) -> list[Event]:
    """ "The shop sold 100 apples." then `#### 100` closing the response: the sentence restates the final
    answer, when it reads as an answer sentence (answer_sentence.py) with that same value, so it is the
    answer said twice rather than a line nobody read. Any other value leaves it unreadable."""
    last, sentence = steps[-1], steps[-2]
    if last.kind is not StepKind.ANSWER or not last.math:
        return events
    if sentence.kind not in (StepKind.UNREADABLE, StepKind.PROSE) or sentence.reason:
        return events
    if sentence_answer(segment, units) != last.math:
        return events
    steps[-2] = Step(sentence.index, sentence.text, StepKind.ANSWER, math=last.math)
    kept: list[Event] = []
    for event in events:
        if event.step is sentence:
            kept += [Event("step", step=steps[-2], conclusion=last.math), Event("answer", last.math)]
        else:
            kept.append(event)
    return kept


def _answer_start(segment: str) -> int:
    """Where segment first states an answer (`the answer is`, a box, `####`), or its length if nowhere."""
    found = ANSWER_PHRASE.search(segment)
    starts = [found.start()] if found else []
    marks = (segment.find("\\boxed"), segment.find("\\fbox"), segment.find("####"))
    starts += [at for at in marks if at >= 0]
    return min(starts, default=len(segment))


def _takes_back(clause: str, retraction: str) -> bool:
    """Whether a retraction cut out of a line takes back the clause before it (retracted.py)."""
    before = [e.step for e in read_step(1, clause, clause, "") if e.step is not None]
    after = [e.step for e in read_step(2, retraction, retraction, "") if e.step is not None]
    return bool(before and after) and retracts_previous(retraction, before[-1], after[0])


# a sentence end (a `!` after a number or bracket is a factorial), or a reason that starts
# (`x = 3; y = 2` is one answer: a `;` before another solution statement does not end it)
_AFTER_ANSWER = re.compile(
    r"(?:[.?]|;(?!\s*[A-Za-z]\s*=))\s+|(?<![\w)\]}])!\s+|\s+(?=(?:because|since)\b)", re.I
)


def _split_after_answer(segment: str) -> list[str]:
    """`Answer: x = 4. Check: 2(4) + 5 = 13.` / `The answer is 4 because 2x = 8`: what follows a stated
    answer in its line is a step of its own, so its claims are checked, and the answer is read whole."""
    found = ANSWER_PHRASE.search(segment)
    if found is None:
        return [segment]
    cut = _AFTER_ANSWER.search(segment, found.end())
    if cut is None or plain_prose(segment[cut.end() :]):
        return [segment]
    rest = segment[cut.end() :]
    return [segment[: cut.end()], *_split_after_answer(rest)] if rest.strip() else [segment]
