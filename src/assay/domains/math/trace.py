"""Read free-form model text into steps and a final answer; never guess.

A trace may use `Step n:` labels, numbered or bulleted lists, markdown, LaTeX (inline, display, align
environments), unicode math, arrows (`→`, `=>`) between steps, `=` chains, bracketed reasons, code-style
`# comments`, a `<think>` block and prose. Layout is removed first (markup.py, fold.py). Each step gets a
kind:

- CLAIM: math with `=` (or a line that is math only). Its `math` field holds the claims, separated by
  `;`, with `or` joining the alternatives of one disjunction (`x - 2 = 0 or x - 3 = 0`). `x is 4` and
  `x equals 4` at the end of a sentence are the claim `x = 4`.
- VERIFICATION: a `Check:` / `Verify:` / `Plugging in x = 4:` line or a line with a check mark. Its math
  holds only the substituted arithmetic: the binding `x = 4` is the hypothesis of the check, not a claim.
- ANSWER: an `Answer: ...` / `The answer is ...` / `#### ...` line, or `Therefore 4.`
- PROSE: words only, no claim.
- UNREADABLE: a claim the reader cannot read with certainty: `=` next to something outside the grammar,
  a relation the checker does not know (`≠`, `≤`, `≈`, ...), or a negated or rejected claim (`x = 4 is
  not a solution`), or a property of the solutions said in words (`both roots are positive`, spoken.py),
  or markup nobody reads (a LaTeX command or unicode relation outside the known set, unread.py), or
  pieces of math with their relation missing (`5x 26`, `5x: 26`, `5x → 26`, relationless.py).
  The checker reports it as unknown: a claim is never dropped as prose.

The final answer is the last *committed* answer (see `_final_answer`). Only text is handled here: nothing
is evaluated but the arithmetic of bracketed reasons (exact rationals through the allow-list grammar,
bounded), so this is safe in any process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assay.domains.math.exact import Unsupported, evaluate
from assay.domains.math.expr import Var, parse_chain, variables
from assay.domains.math.markup import (
    MAX_BOXES,
    THINK_END,
    box_tails,
    prepare_line,
    split_lines,
    strip_delimiters,
    take_boxed,
)
from assay.domains.math.rejection import find_rejections
from assay.domains.math.relationless import bare_arrow, pieces_without_relation
from assay.domains.math.spoken import states_property
from assay.domains.math.units import AskedUnits, drop_units
from assay.domains.math.unread import UNKNOWN_MARK, unknown_symbol
from assay.domains.math.words import (
    NUMBER_WORDS,
    changes_value,
    extract_claims,
    harmless_tail,
    hidden_claim,
    is_mathy,
    is_prose,
    leading_math,
    math_runs,
    plain_prose,
    readable,
    split_top_level,
    tuple_inside,
)
from assay.errors import LimitExceeded, MathParseError
from assay.records import Step, StepKind

MAX_TRACE = 200_000  # characters; a longer response is one unreadable step
MAX_STEPS = 400
MAX_ANSWERS = 8  # distinct final answers stated after the last retraction; more is no answer at all

_ARROWS = re.compile(r"\s*(?:→|⟶|⟹|⇒|=>|->|\\implies|\\Rightarrow|\\rightarrow|\\Longrightarrow|\\to\b)\s*")
_LABEL = re.compile(
    r"^\s*(?:(?:step|line)\s*\d+\s*(?:[:.)\-]|(?=\s))|\d{1,3}\s*[.)]\s|\(\d{1,3}\)\s*|[a-h][.)]\s|[-*•+]\s)",
    re.I,
)
_VERIFY = re.compile(
    r"^\s*(?:(?:wait|hmm+|ok(?:ay)?|now|finally|also|so|and)\b[,.!:]?\s*)*"  # "Wait, let me verify: ..."
    r"(?:(?:let'?s|let me|let us|now|we can|to|i'?ll|we'?ll)\s+)?(?:double[- ]?check(?:ing)?|sanity[- ]check"
    r"|verify(?:ing)?|verification|check(?:ing)?)\b",
    re.I,
)
_SUBSTITUTE = re.compile(r"^\s*(?:(?:let'?s|now)\s+)?(?:plug(?:ging)?|substitut(?:e|ing))\b", re.I)
_ANSWER_PHRASE = re.compile(
    r"\b(?:(?:final|correct)\s+)?(?:answer|solutions?|roots?|(?:ordered\s+)?pair|solution\s+set)\s*"
    r"(?:is|are|:|=|would be|will be|should be)"
    r"(?:\s*:)?"
    # "The total is $26.": a word problem's total said in words is its answer (a total said with `=` or
    # `:` is a running sum, a claim of its own); as any stated answer, it must be the reference
    r"|\bthe\s+(?:final\s+)?total(?:\s+(?:cost|price|amount))?\s+(?:is|comes to)\b",
    re.I,
)
_NOT_THE_ANSWER = re.compile(r"\b(?:one|another|other|a|first|second|each|no|two|both|extraneous)\s+$", re.I)
_ANSWER_START = re.compile(
    r"^\s*(?:(?:so|thus|therefore|hence)\b,?\s*)?(?:the\s+)?(?:(?:final|correct)\s+)?answer\b", re.I
)
_CONCLUDE = re.compile(r"^\s*(?:therefore|thus|so|hence|finally)\b[,:]?\s*", re.I)
_REASON = re.compile(r"\[([^\[\]]*)\]")
_PAREN_REASON = re.compile(r"\(([^()]*[A-Za-z]{2}[^()]*)\)")
_RELATIONS = re.compile(r"[≠≈≤≥<>≡∼≃≅∝∈∉⊂⊆∓⩽⩾≦≧≪≫]")
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|cannot|isn't|aren't|doesn't|don't|won't|can't|wasn't|neither|nor|false"
    r"|extraneous|invalid|impossible|reject(?:ed|s)?|discard(?:ed|s)?|rule[sd]? out|fails?)\b|n't\b",
    re.I,
)
_SELECTION = re.compile(
    r"\b(?:only|just|discard|ignore|keep|drop)\b[^.]*\b(?:roots?|solutions?|answers?|values?|ones?)\b"
    r"|\b(?:larger|smaller|bigger|greater|lesser|positive|negative|other)\s+(?:roots?|solutions?|ones?|values?)\b",
    re.I,
)
_CLAUSES = re.compile(r"[,;:!?](?:\s|$)|\.(?:\s|$)|\bbut\b", re.I)
_CLEAR_RETRACTION = re.compile(
    r"\b(?:that'?s|that is|this is|it'?s|was|is)\s+(?:wrong|incorrect|not right|a mistake|an error)\b"
    r"|\bi made (?:a|an) (?:\w+ )?(?:mistake|error)\b|\bmy (?:mistake|error|bad)\b|\bslipped\b"
    r"|\bscratch that\b|\bcorrection\b|\bmistake\b|\boops\b|\bmiscalculat|\bmisread\b|\bno,? wait\b"
    r"|\blet me (?:redo|correct|fix|recompute|recalculate|start over)\b",
    re.I,
)


@dataclass(frozen=True)
class Trace:
    steps: tuple[Step, ...]
    answer: str | None  # the final answer; several committed answers are joined by newlines


@dataclass(frozen=True)
class _Event:
    """What a line says about the final answer, in reading order."""

    # "answer" (a stated final answer), "clear" (a retraction), "think" (the end of a reasoning block),
    # "step", or "announce" (a line
    # that says only "Final Answer": the next line holds it)
    kind: str
    text: str = ""
    step: Step | None = None
    conclusion: str | None = None  # the solution statement(s) of a step, for the fallback


def parse_trace(text: str, units: AskedUnits | None = None) -> Trace:
    """Split text into steps and find the final answer; units: what the problem's question asks its
    answer in (units.py), taken off the numbers it follows (`8 students` is 8 when students are asked)."""
    if len(text) > MAX_TRACE:
        step = Step(1, text[:200], StepKind.UNREADABLE, reason=f"response of {len(text)} characters")
        return Trace((step,), None)
    events: list[_Event] = []
    steps: list[Step] = []
    for raw in split_lines(text):
        if not raw.strip():
            continue
        if raw.strip() == THINK_END:
            # the reply after a reasoning block supersedes what the block concluded
            events.append(_Event("think"))
            continue
        line, comment = prepare_line(raw)
        if units is not None:
            line = drop_units(line, units)
        if bare_arrow(_ARROWS.split(line)):
            line = _ARROWS.sub(f" {UNKNOWN_MARK} ", line)  # `5x → 26`: a relation, not two steps
        segments = [
            piece for part in _ARROWS.split(line) if part.strip() for piece in _split_after_answer(part)
        ]
        for i, segment in enumerate(segments):
            if len(steps) >= MAX_STEPS:
                steps.append(
                    Step(len(steps) + 1, "…", StepKind.UNREADABLE, reason=f"more than {MAX_STEPS} steps")
                )
                events.append(_Event("step", step=steps[-1]))
                return Trace(tuple(steps), _final_answer(events))
            shown = raw.strip() if len(segments) == 1 else segment.strip()
            read = _read_step(len(steps) + 1, shown, segment, comment if i == len(segments) - 1 else "")
            if events and events[-1].kind == "announce":
                # "## Final Answer" on its own line: the answer is the math that starts the next line
                events.pop()
                found = leading_math(take_boxed(_LABEL.sub("", segment, count=1))[1])
                if found is not None and found[1] and found[2]:
                    events.append(_Event("answer", found[0]))
                elif found is not None:
                    events.append(_Event("garbled"))
            events.extend(read)
            steps.extend(e.step for e in read if e.step is not None)
    return Trace(tuple(steps), _final_answer(events))


# a sentence end (a `!` after a number or bracket is a factorial), or a reason that starts
# (`x = 3; y = 2` is one answer: a `;` before another solution statement does not end it)
_AFTER_ANSWER = re.compile(
    r"(?:[.?]|;(?!\s*[A-Za-z]\s*=))\s+|(?<![\w)\]}])!\s+|\s+(?=(?:because|since)\b)", re.I
)


def _split_after_answer(segment: str) -> list[str]:
    """`Answer: x = 4. Check: 2(4) + 5 = 13.` / `The answer is 4 because 2x = 8`: what follows a stated
    answer in its line is a step of its own, so its claims are checked, and the answer is read whole."""
    found = _ANSWER_PHRASE.search(segment)
    if found is None:
        return [segment]
    cut = _AFTER_ANSWER.search(segment, found.end())
    if cut is None or plain_prose(segment[cut.end() :]):
        return [segment]
    rest = segment[cut.end() :]
    return [segment[: cut.end()], *_split_after_answer(rest)] if rest.strip() else [segment]


# --- one step -----------------------------------------------------------------------------------------


# "The value of 2x + 7 is 13." states the claim 2x + 7 = 13
_VALUE_OF = re.compile(r"\bthe value of\s+([^,;:.!?]+?)\s+(?:is|equals|is equal to)\s+(?=\S)", re.I)
# "So x equals four." states x = 4: a lone variable, a number word that ends the sentence
_SPOKEN_VALUE = re.compile(
    r"(?<![\w'])([A-Za-z])\s+(?:is|equals|is equal to)\s+(" + "|".join(NUMBER_WORDS) + r")(?=\s*[.!]?\s*$)",
    re.I,
)
# "Answer: x equals 4": the variable said to be the value
_VERBAL_ANSWER = re.compile(r"^\s*([A-Za-z])\s+(?:equals|is equal to|is)\s+(?=\S)")


# "40% of 15 is 0.4 × 15 = 6": a percentage *of* a number is their product, and `is` after it says `=`
_PERCENT_OF = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?\s*%)\s+of\s+(\d+(?:\.\d+)?)(?![\w.%/^])"
    r"(\s+(?:is|equals|is equal to)\s+(?=[\d(]))?",
    re.I,
)


def _percent_of(match: re.Match[str]) -> str:
    said = f"({match.group(1)} * {match.group(2)})"
    return said + " = " if match.group(3) else said


def _spoken_claims(body: str) -> str:
    """Claims said in words that have one reading, written as the claims they are."""
    if "%" in body:
        body = _PERCENT_OF.sub(_percent_of, body)
    if "value of" in body.lower():
        body = _VALUE_OF.sub(lambda m: f"{m.group(1)} = ", body)
    return _SPOKEN_VALUE.sub(lambda m: f"{m.group(1)} = {NUMBER_WORDS[m.group(2).lower()]}", body)


def _read_step(index: int, shown: str, body: str, comment: str) -> list[_Event]:
    """The events of one segment: its stated answers and retractions in order, then its step."""
    body = _spoken_claims(_LABEL.sub("", body, count=1))
    if _VERIFY.match(body) or _SUBSTITUTE.match(body):
        # "LHS = 3(6) = 18, RHS = 2(9) = 18": the side names label the values of a check; what is
        # checked is that each value is the problem's side evaluated at the answer (steps.py)
        body = _SIDE_NAME.sub(" ", body)
    body, notes_hold = _calculator_notes(body)
    retraction = _retraction(body)
    if retraction is None and _NEGATION.search(body):
        found = find_rejections(strip_delimiters(body))
        if found is not None:
            return _rejecting(index, shown, comment, notes_hold, *found)
    events = _read_segment(index, shown, body, comment, retraction, notes_hold)
    if retraction is None or events[-1].conclusion is None:
        return events
    # "The answer is 4. Hmm, that slipped: so x = 7.": the step concludes what follows the retraction
    after = extract_claims(strip_delimiters(body[retraction[1] :]))
    last = events[-1]
    events[-1] = _Event("step", step=last.step, conclusion=_conclusion(after) if after else None)
    return events


def _rejecting(
    index: int, shown: str, comment: str, notes_hold: bool, rejected: list[tuple[str, str]], rest: str
) -> list[_Event]:
    """A line that rejects candidate roots (rejection.py): its other claims read as usual, and each
    rejection as the claim `x ≠ 2` before them (a check of the rejected value binds nothing: its
    `x = 2` is left out). What the rest cannot read stays unreadable."""
    events = _read_segment(index, shown, rest, comment, None, notes_hold)
    last = events[-1]
    step = last.step
    if step is None or step.kind == StepKind.UNREADABLE:
        return events
    kept = [g for g in step.math.split("; ") if g and not _binds_rejected(g, rejected)]
    said = [f"{var} ≠ {value}" for var, value in rejected]
    kind = StepKind.ANSWER if step.kind == StepKind.ANSWER else StepKind.CLAIM
    math = "; ".join(said + kept)
    conclusion = last.conclusion if step.kind in (StepKind.CLAIM, StepKind.ANSWER) and kept else None
    rewritten = Step(index, shown, kind, math=math, reason=step.reason)
    return [*events[:-1], _Event("step", step=rewritten, conclusion=conclusion)]


def _binds_rejected(group: str, rejected: list[tuple[str, str]]) -> bool:
    """Whether a claim group is `x = 2` for a rejected x = 2 (the hypothesis of its check)."""
    if " or " in group or not _binding(group):
        return False
    try:
        name, value = parse_chain(group.lstrip("="))
        values = {(var, evaluate(parse_chain(v)[0])) for var, v in rejected}
        return isinstance(name, Var) and (name.name, evaluate(value)) in values
    except (MathParseError, Unsupported, LimitExceeded, ZeroDivisionError, ValueError):
        return False


_SIDE_NAME = re.compile(
    r"\b(?:L\.?H\.?S\.?|R\.?H\.?S\.?|(?:the\s+)?(?:left|right)(?:[- ]hand)?\s+side)\s*(?:=|:|is)\s*", re.I
)

# GSM8K's calculator notes: `48/2 = <<48/2=24>>24` (the note repeats the visible arithmetic)
_CALCULATOR = re.compile(r"<<([^<>\n]{1,200})>>")


def _calculator_notes(body: str) -> tuple[str, bool]:
    """The line without its calculator notes, and whether every note is true arithmetic. A note is a
    claim of its own: a false one (`<<48/2=25>>24`) makes the step unreadable, never dropped."""
    if "<<" not in body:
        return body, True
    notes = _CALCULATOR.findall(body)
    hold = all(_true_arithmetic(extract_claims(note) or "?") for note in notes)
    return _CALCULATOR.sub(" ", body), hold


def _read_segment(
    index: int,
    shown: str,
    body: str,
    comment: str,
    retraction: tuple[str, int] | None,
    notes_hold: bool = True,
) -> list[_Event]:
    cut = retraction[1] if retraction is not None else 0
    # answers stated before a retraction in the same line are retracted with it
    events = _stated(body[:cut])
    if retraction is not None:
        events.append(_Event(retraction[0]))
    events.extend(_stated(body[cut:]))
    gsm = re.match(r"^\s*####\s*(.*)$", body)
    if gsm:
        found = leading_math(gsm.group(1))
        if found is not None and not found[2]:
            step = Step(index, shown, StepKind.UNREADABLE, reason="an answer that is not read whole")
            return [*events, _Event("step", step=step)]
        if found and found[1]:
            step = Step(index, shown, StepKind.ANSWER, math=_claims_of_answer(found[0]) or found[0])
            return [*events, _Event("step", step=step, conclusion=found[0])]
        body = gsm.group(1)
    lead = _box_lead(body)
    boxed, body = take_boxed(body)
    if len(boxed) == 1 and lead and notes_hold and not any(e.kind == "garbled" for e in events):
        # "The value is $\\boxed{26}$.": words that only introduce the boxed answer (read by `_stated`)
        answer_math = _claims_of_answer(boxed[0])
        if answer_math:
            return [*events, _Event("step", step=Step(index, shown, StepKind.ANSWER, math=answer_math))]
    reasons: list[str] = []

    def unwrap(match: re.Match[str]) -> str:
        """A parenthesis with words in it: a reason without math is kept apart; with math ("since
        13 - 5 = 8") its parentheses are punctuation, so its claims are read and checked."""
        inside = match.group(1)
        if not is_prose(inside):
            return match.group(0)
        if "=" in inside or _RELATIONS.search(inside) or unknown_symbol(inside):
            return f" ; {inside} ; "
        reasons.append(inside.strip())
        return " "

    def keep_reason(match: re.Match[str]) -> str:
        inside = match.group(1)
        if is_prose(inside):
            reasons.append(inside.strip())
            return " "
        return match.group(0)

    side: list[str] = []  # reasons that make a claim we cannot confirm: the step is unreadable
    if not notes_hold:
        side.append("")

    body = strip_delimiters(_REASON.sub(keep_reason, body))
    if "(" in body:
        body = _PAREN_REASON.sub(unwrap, body)
    output = _bare_value(comment) if comment else None
    if output is not None:
        # `y = 2*3  # 6`, `print(x)  # 6.0`: a value alone in a code comment is what the line comes to; after
        # one claim it continues that claim's chain (and is checked), elsewhere nobody can say of what
        claims = extract_claims(body)
        if claims and ";" not in claims and " or " not in claims:
            body = f"{body.rstrip()} = {output}"
        else:
            side.append("")
    elif comment:
        # a claim said in words in a comment (`# x is 6`) is a claim like one written with `=`
        said_in_words = extract_claims(strip_delimiters(comment))
        if said_in_words is None:
            side.append("")
        reasons.append(said_in_words if said_in_words and "=" not in comment else comment.strip())
    for said in reasons:
        # "[since 13 - 5 = 9]", "# 13 - 5 = 9": a reason that makes a claim makes it; its claims are
        # checked with the step's own. A relation in words ("since 8 divided by 2 gives 5") is unreadable.
        if "=" in said or _RELATIONS.search(said) or unknown_symbol(said):
            claims = extract_claims(strip_delimiters(said))
            if (
                claims is None
                or _RELATIONS.search(said)
                or unknown_symbol(said)
                or _negated_claim(said)
                or not _true_arithmetic(claims)
            ):
                side.append("")
        elif hidden_claim(said) or states_property(said):
            side.append("")
    reason = "; ".join(reasons)
    checked = "✓" in body
    body = body.replace("✓", " ")
    # a reason explains its step: math in it ("[since 2 ÷ 1/6 = 12]") is shorthand, often loose, and the
    # step's own claims are what is checked; a reason is kept with the step for the reader

    def step_of(kind: StepKind, math: str = "", conclusion: str | None = None) -> list[_Event]:
        if side:
            kind, math = StepKind.UNREADABLE, ""
        return [
            *events,
            _Event("step", step=Step(index, shown, kind, math=math, reason=reason), conclusion=conclusion),
        ]

    if any(e.kind == "garbled" for e in events):
        return step_of(StepKind.UNREADABLE)  # it states an answer we cannot read whole
    if _RELATIONS.search(body) or unknown_symbol(body):
        # a relation the checker cannot decide, or markup nobody reads (unread.py): never prose
        return step_of(StepKind.UNREADABLE)
    if _negated_claim(body) or hidden_claim(body) or states_property(body):
        return step_of(StepKind.UNREADABLE)
    conclude = _CONCLUDE.match(body)
    if conclude is not None and "=" not in body:
        rest = body[conclude.end() :].strip().rstrip(".")
        if rest and all(is_mathy(w) for w in rest.split()) and readable(rest):
            return step_of(StepKind.ANSWER, rest, rest)  # "Therefore 4."
    found_phrase = _answer_phrase(body)
    if found_phrase is not None and not found_phrase[1]:
        return step_of(StepKind.UNREADABLE)
    phrase = found_phrase[0] if found_phrase is not None else None
    if _ANSWER_START.match(body):
        if phrase is not None:
            said = _claims_of_answer(phrase)
            if said:
                return step_of(StepKind.ANSWER, said, phrase)
        elif not boxed:
            rest = _ANSWER_START.sub("", body).strip(" :.")
            claims = extract_claims(rest) if rest else ""
            if claims:  # "Answer: the value of x is 4"
                events.append(_Event("answer", _conclusion(claims) or claims))
                return step_of(StepKind.ANSWER, claims, _conclusion(claims))
            if not rest:
                return [*step_of(StepKind.PROSE), _Event("announce")]
            return step_of(StepKind.UNREADABLE)
    math = extract_claims(body)
    if math is None:
        return step_of(StepKind.UNREADABLE)
    verify = _VERIFY.match(body) is not None
    if math and (verify or checked or _SUBSTITUTE.match(body)):
        tested = _without_bindings(math)
        if verify and not tested:
            if body.rstrip().endswith(":"):
                return step_of(StepKind.PROSE)  # "Check x = 4:": the hypothesis of the lines after it
            return step_of(StepKind.UNREADABLE)  # "Check: x = 5" checks nothing we can read
        if tested and (verify or not _has_variables(tested)):
            return step_of(StepKind.VERIFICATION, tested)
    conclusion = _conclusion(math) if math else None
    if not math:
        if "=" not in body and _SELECTION.search(body):
            return step_of(StepKind.UNREADABLE)  # "only the larger root counts": a choice we cannot read
        value = _bare_value(body)
        if value is not None:
            # a line that is only a value ("**5**" at the end) states it: a different one is a second answer
            events.append(_Event("answer", value))
            return step_of(StepKind.ANSWER, value, value)
        labelled = _LABELLED_VALUE.match(strip_delimiters(body))
        if labelled is not None and is_mathy(labelled.group(2)) and readable(labelled.group(2)):
            # `x: 5` (a JSON or YAML answer `{"x": 5}`) gives x the value 5: the claim x = 5
            claim = f"{labelled.group(1)} = {labelled.group(2)}"
            return step_of(StepKind.CLAIM, claim, _conclusion(claim))
        if pieces_without_relation(body):
            return step_of(StepKind.UNREADABLE)  # "5x 26", "5x: 26": a relation is missing or unread
        return step_of(StepKind.PROSE)
    return step_of(StepKind.CLAIM, math, conclusion)


# words that introduce a boxed answer: "The value is", "So the total cost is", "Final result:"
_LEAD = re.compile(
    r"^\s*(?:(?:so|thus|therefore|hence|finally)\b,?\s*)?(?:the\s+)?(?:[A-Za-z]{2,}\s+){0,4}?"
    r"(?:is|are|equals|=|:)\s*$",
    re.I,
)


def _box_lead(body: str) -> bool:
    """Whether the line is one box alone, or words that introduce it (`The value is \\boxed{26}.`): plain
    prose without a variable, a number, a negation or a word that changes a value (`Twice the answer is
    \\boxed{26}`). What follows the box is `_stated`'s to judge."""
    start = min((i for i in (body.find("\\boxed"), body.find("\\fbox")) if i >= 0), default=-1)
    if start < 0 or len(take_boxed(body)[0]) != 1:
        return False  # `\\boxed9`, no box that the reader takes, or several
    lead = strip_delimiters(body[:start]).replace("**", " ")
    if not lead.strip(" *_"):
        tails = box_tails(body)
        return len(tails) == 1 and not tails[0].strip(" .,;:!*_")
    return (
        _LEAD.match(lead) is not None
        and plain_prose(lead)
        and not _NEGATION.search(lead)
        and not changes_value(lead)
    )


def _stated(text: str) -> list[_Event]:
    """The final answers text states: its boxes, else `the answer is ...` / `#### ...`."""
    boxed, rest = take_boxed(text)
    if boxed:
        tails = box_tails(text)
        # "$\boxed{4}$ or $\boxed{5}$": the words between boxes only join them (two answers, both checked)
        joined = [re.sub(r"^\s*(?:,|or|and)?\s*$", "", tail, flags=re.I) for tail in tails[:-1]]
        if not all(harmless_tail(tail, False) for tail in [*joined, *tails[-1:]]):
            return [_Event("garbled")]  # "$\boxed{4}$ squared"
        return [_Event("answer", b) for b in boxed]
    gsm = re.match(r"^\s*####\s*(.*)$", rest)
    if gsm:
        found = leading_math(gsm.group(1))
        if found is not None and not found[2]:
            return [_Event("garbled")]
        return [_Event("answer", found[0])] if found else []
    phrases = _answer_phrases(strip_delimiters(rest))
    if not all(whole for _, whole in phrases):
        return [_Event("garbled")]
    return [_Event("answer", phrase) for phrase, _ in phrases]


_TIGHT_FRACTION = re.compile(r"(?<![\w.)/^])(\d+)/(\d+)(?![\w.(/^])")


def _true_arithmetic(claims: str) -> bool:
    """Whether every claim of a reason is arithmetic that holds (`13 - 5 = 8`).

    A reason is a side computation, not a step of the solution: the step checker would read its claims
    as statements about the problem. So it is checked here, exactly (rationals, allow-list grammar,
    bounded); a claim with a variable, a disjunction, or anything beyond the exact evaluator is not."""
    for group in claims.split("; "):
        if not group or " or " in group:
            return not group
        # "2 ÷ 1/3 = 6": a fraction written tight (`1/3`) is one number in a reason's shorthand
        group = _TIGHT_FRACTION.sub(r"(\1/\2)", group)
        try:
            values = [evaluate(part) for part in parse_chain(group.lstrip("="))]
        except (MathParseError, Unsupported, LimitExceeded, ZeroDivisionError):
            return False
        if len(values) < 2 or any(v != values[0] for v in values):
            return False
    return True


_LABELLED_VALUE = re.compile(r"^[\s{(\[]*([A-Za-z])\s*:\s*([^\s:;,{}()\[\]]+?)[\s})\],.]*$")


def _bare_value(body: str) -> str | None:
    """The value a line states when it is nothing else (`5`, `**-3/4**`, `$\\frac{3}{2}$.`)."""
    text = strip_delimiters(body).strip().rstrip(".").strip()
    if not text or len(text.split()) != 1 or not is_mathy(text) or not readable(text):
        return None
    try:
        chain = parse_chain(text)
    except MathParseError:
        return None
    return text if len(chain) == 1 and not variables(chain[0]) else None


def _retraction(body: str) -> tuple[str, int] | None:
    """("clear", where the text after the last retraction starts), or None.

    Only words that say the earlier work was wrong count ("that slipped", "I made a mistake", "no wait").
    "Wait", "hmm" or "actually" alone do not: two different answers around them are two answers.
    """
    clear = list(_CLEAR_RETRACTION.finditer(body))
    return ("clear", clear[-1].end()) if clear else None


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _negated_claim(body: str) -> bool:
    """A clause that says a claim is not so (`x = 4 is not a solution`, `we reject x = -1`)."""
    if not _NEGATION.search(body):
        return False
    for clause in _CLAUSES.split(body):
        if clause and _NEGATION.search(clause) and ("=" in clause or _has_math_claim(clause)):
            return True
        if clause and _NEGATION.search(clause) and _ruled_out_and_said(clause, body):
            return True
    return False


def _ruled_out_and_said(clause: str, body: str) -> bool:
    """`x = 2 or x = 3, but not 3`: a value ruled out in words that the line also states; (`15, not 13`
    after a computed 15 rules out a value nobody stated, and stays readable)."""
    ruled = set(_NUMBER.findall(clause))
    return bool(ruled) and bool(ruled & set(_NUMBER.findall(body.replace(clause, " "))))


def _has_math_claim(clause: str) -> bool:
    """`x is not 4`: a variable next to a verb and a value."""
    return re.search(r"\b[A-Za-z]\s+(?:is|equals|was)\b[^.]*\d", clause) is not None


def _answer_phrase(body: str) -> tuple[str, bool] | None:
    """The first of `_answer_phrases`, unless one of them is not read whole (then that one)."""
    found = _answer_phrases(body)
    broken = [f for f in found if not f[1]]
    return broken[0] if broken else (found[0] if found else None)


def _answer_phrases(body: str) -> list[tuple[str, bool]]:
    """Each (the math after `the answer is` / `Answer:` / `the solutions are`, whether it is read whole).

    Not readable: a value with words or symbols after it that are not harmless closing prose
    (`4 squared`, `4 ⊕ 1`), or a sentence that states a value the reader cannot find at its start
    (`the answer is actually 5`)."""
    phrases: list[tuple[str, bool]] = []
    for tried, match in enumerate(_ANSWER_PHRASE.finditer(body)):
        if tried == MAX_BOXES:
            break  # bounded work on hostile text: nobody states a final answer 64 times in one line
        if _NOT_THE_ANSWER.search(body[max(0, match.start() - 20) : match.start()]):
            continue
        after = _VERBAL_ANSWER.sub(lambda m: f"{m.group(1)} = ", body[match.end() :], count=1)
        found = leading_math(after)
        if found is not None:
            phrases.append((found[0], found[2]))
            continue
        sentence = re.split(r"[.;!?](?:\s|$)", after, maxsplit=1)[0]
        if not plain_prose(sentence) and not _ANSWER_PHRASE.search(sentence):
            phrases.append((sentence.strip(), False))  # a later phrase in it would state the answer
    return phrases


def _claims_of_answer(answer: str) -> str:
    """An answer line's math as step claims: `x = 2, x = 3` as alternatives, `2, 3` or `(3, 2)` as is."""
    if "=" not in answer:
        return answer if all(readable(p) for p in split_top_level(tuple_inside(answer))) else ""
    return extract_claims(answer) or ""


def _without_bindings(math: str) -> str | None:
    """A check line's claims without its bindings (`x = 4` in `Check x = 4: 2(4) + 5 = 13`)."""
    kept: list[str] = []
    for group in math.split("; "):
        if all(_binding(alt) for alt in group.split(" or ")):
            continue
        kept.append(group)
    return "; ".join(kept)


def _binding(claim: str) -> bool:
    try:
        parts = parse_chain(claim.lstrip("="))
    except MathParseError:
        return False
    return len(parts) == 2 and isinstance(parts[0], Var) and not variables(parts[1])


def _has_variables(math: str) -> bool:
    for group in math.split("; "):
        for alt in group.split(" or "):
            try:
                if any(variables(p) for p in parse_chain(alt.lstrip("="))):
                    return True
            except MathParseError:
                return True
    return False


# --- the final answer --------------------------------------------------------------------------------


def _conclusion(math: str) -> str | None:
    """The solution statements at the end of a step's claims (`x = 3; y = 5`), else its last claim."""
    groups = math.split("; ")
    found: list[str] = []
    names: set[str] = set()
    for group in reversed(groups):
        name = _solved_variable(group)
        if name is None or name in names:
            break
        names.add(name)
        found.insert(0, group.replace(" or ", ", "))
    if found:
        return ", ".join(found)
    return groups[-1].replace(" or ", ", ") if groups and groups[-1] else None


def _solved_variable(group: str) -> str | None:
    """`x` if every alternative of the group says `x = <value>`, else None."""
    name = None
    for alt in group.split(" or "):
        try:
            parts = parse_chain(alt.lstrip("="))
        except MathParseError:
            return None
        if len(parts) < 2 or not isinstance(parts[0], Var) or variables(parts[-1]):
            return None
        if name is not None and parts[0].name != name:
            return None
        name = parts[0].name
    return name


def _final_answer(events: list[_Event]) -> str | None:
    """The last committed answer.

    A clear retraction ("Hmm, that slipped: ...", "no wait, I made an error") and the end of a `<think>`
    block end what came before them: only answers stated after the last one count. Every answer stated
    there must hold, so all of them are returned, one per line (a response that states two different
    answers without a clear retraction between them cannot be verified). With no stated answer, the
    solution statements of the last claims count. A clear retraction with nothing after it leaves no
    answer; a reply after a reasoning block with nothing in it falls back to what the block concluded.
    """
    end = len(events)
    while True:
        start = end
        while start > 0 and events[start - 1].kind not in ("clear", "think"):
            start -= 1
        found = _answers_in(events[start:end])
        if found is not None or start == 0:
            return found
        if events[start - 1].kind == "clear":
            return None
        end = start - 1


def _answers_in(events: list[_Event]) -> str | None:
    stated: list[str] = []
    for event in events:
        if event.kind == "garbled":
            return None  # a final answer stated in a form we cannot read: no answer we can trust
        if event.kind == "answer" and event.text and event.text not in stated:
            stated.append(event.text)
    if stated:
        return "\n".join(stated) if len(stated) <= MAX_ANSWERS else None
    # no stated answer: the solution statements of the last claims (one per variable, newest first)
    found: list[str] = []
    names: set[str] = set()
    for event in reversed(events):
        step = event.step
        if step is None or step.kind in (StepKind.PROSE, StepKind.VERIFICATION):
            continue
        if step.kind == StepKind.UNREADABLE or event.conclusion is None:
            break
        solved = [
            _solved_variable(part.replace(", ", " or ")) for part in _split_statements(event.conclusion)
        ]
        if not found and not all(solved):
            return event.conclusion  # an arithmetic result, or an equation left as the answer
        if not all(solved):
            continue  # work between the solution statements of a system ("5 + y = 8")
        if names & {n for n in solved if n}:
            break
        names |= {n for n in solved if n}
        found.insert(0, event.conclusion)
    return ", ".join(found) if found else None


def _split_statements(conclusion: str) -> list[str]:
    """`x = 3, y = 5` → [`x = 3`, `y = 5`]; `x = 2, x = 3` stays one statement about x."""
    parts = split_top_level(conclusion)
    groups: list[list[str]] = []
    for part in parts:
        name = re.match(r"\s*([A-Za-z])\s*=", part)
        if groups and name and re.match(rf"\s*{name.group(1)}\s*=", groups[-1][0]):
            groups[-1].append(part)
        else:
            groups.append([part])
    return [", ".join(g) for g in groups]


__all__ = ["Trace", "extract_claims", "math_runs", "parse_trace", "split_top_level"]
