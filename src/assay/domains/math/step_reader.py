"""What kind of step one segment of a line is, and the math it claims (trace.py splits the text into
segments; the kinds are described there).

A segment's words decide its kind: a `Check:` / `Plugging in` lead makes a verification, an answer phrase or
box an answer, a relation the checker does not know, a negated claim, a claim said in words or a reason
whose claim cannot be confirmed makes it unreadable. The claims themselves are read by words.py and
claim_reading.py; stated answers by answer_phrases.py.

A segment is read once: its events depend on its text alone (the step's index only numbers it), so they are
kept by text, bounded, and `read_step` renumbers a fresh copy for each step (trace.py reads a segment whole
to decide whether to cut it into sentences, then reads it as a step; samples of one problem share lines).
"""

from __future__ import annotations

import functools
import re

from assay.domains.math.answer_math import leading_math, without_equal_form
from assay.domains.math.answer_phrases import answer_phrase, box_lead, claims_of_answer, stated_answers
from assay.domains.math.answer_sentence import ANSWER_START
from assay.domains.math.approximations import without_checked_approximation
from assay.domains.math.claim_reading import (
    NEGATION,
    bare_value,
    binds_rejected,
    calculator_notes,
    find_retraction,
    has_variables,
    negated_claim,
    spoken_claims,
    true_arithmetic,
    without_bindings,
)
from assay.domains.math.event_clause import without_event_clause
from assay.domains.math.expr import Var, variables
from assay.domains.math.final_answer import Event, conclusion_of
from assay.domains.math.grammar import parse_chain
from assay.domains.math.hidden_claims import hidden_claim
from assay.domains.math.markup import strip_delimiters, take_boxed
from assay.domains.math.method_facts import checked_method_facts
from assay.domains.math.move_marks import with_move_mark
from assay.domains.math.named_quantities import without_formula_label, without_named_values
from assay.domains.math.named_sides import name_sides, opens_with_side
from assay.domains.math.quantity_label import without_quantity_label
from assay.domains.math.rejection import find_rejections
from assay.domains.math.relationless import pieces_without_relation
from assay.domains.math.result_names import names_result
from assay.domains.math.spoken import states_property
from assay.domains.math.unread import UNKNOWN_MARK, unknown_symbol
from assay.domains.math.vocabulary import is_mathy, is_prose, readable, split_top_level
from assay.domains.math.words import extract_claims
from assay.errors import LimitExceeded, MathParseError
from assay.records import Step, StepKind

# a hyphen or an en dash right after the answer word, before any colon: a separator or a minus sign
_DASHED = re.compile(r"\s*[-–−]")
_FOLDED_EM_DASH = re.compile(r"^\s+;\s+(?=\S)")

LABEL = re.compile(
    # `(ii) x - y = 4`: a Roman numeral in parentheses labels a line as `(2)` does
    # `(2)(8) = 16`, `(5)2x = 8`: a parenthesised number an operand follows is a factor, not a label
    r"^\s*(?:(?:step|line)\s*\d+\s*(?:[:.)\-]|(?=\s))|\d{1,3}\s*[.)]\s|\(\d{1,3}\)(?:\s+(?![=<>])|$)"
    r"|[a-h][.)]\s|[-*•+]\s"
    # (not `(x)` or `(v)`, variables, nor one a relation follows: `(i) = 2` is a claim)
    r"|\((?:i{1,3}|iv|vi{1,3}|ix|I{1,3}|IV|VI{1,3}|IX)\)\s(?!\s*[=<>]))",
    re.I,
)

# `Empty chairs: 40 − 27 = 13`, `Double rooms: 3 × 2 = 6`: a label that names counted things with an
# adjective the property reader knows (spoken.py), before arithmetic with no variable: the things' name
_THING_LABEL = re.compile(
    r"^\s*(?:empty|whole|single|double)\s+[A-Za-z]{3,}(?:\s+[A-Za-z]{3,})?\s*:\s+", re.I
)


# `The largest is n + 2 = 25.`, `So the third integer is 23 + 2 = 25.`, `Smallest number: 23 + 0 = 23`: a
# word problem's quantity named by its order or as an integer, never a root or a solution (whose order or
# kind is a claim: `The larger root is 3`)
_ORDER_LABEL = re.compile(
    r"^\W*(?:(?:so|thus|then|therefore|hence|and)\b,?\s*)?(?:the\s+)?"
    r"(?:(?:larg|small|great|bigg|less|high|low)(?:er|est)|first|second|third|fourth|fifth|middle|last|next)"
    r"(?:\s+(?:even\s+|odd\s+|whole\s+)?(?!(?:roots?|solutions?|zeros?|zeroes|values?|answers?)\b)[a-z]{3,})?"
    r"\s*(?:\bis\b|=|:)\s*",
    re.I,
)


def _without_thing_label(body: str) -> str:
    label = _THING_LABEL.match(body)
    order = label is None and (label := _ORDER_LABEL.match(body)) is not None
    if label is None:
        return body
    rest = body[label.end() :]
    if order and _NUMBER_ALONE.fullmatch(rest.strip(" .*")) is not None:
        return rest  # `Largest integer = 25`, `The smallest integer is 23.`
    claims = extract_claims(rest)
    if not claims or ";" in claims or " or " in claims or "=" not in claims:
        return body  # a property said of a value or of solutions (`Single root: x = 3`): unread
    if has_variables(claims) and not (order and _evaluated_in_unknown(claims)):
        return body
    return rest


_NUMBER_ALONE = re.compile(r"-?\d+(?:\.\d+)?(?:/\d+)?")


def _evaluated_in_unknown(claims: str) -> bool:
    """`n + 2 = 25`: an expression in the unknown and the value it has (not `x = 3`, a root named)."""
    try:
        chain = parse_chain(claims)
    except (MathParseError, LimitExceeded):
        return False
    return len(chain) >= 2 and not isinstance(chain[0], Var) and not variables(chain[-1])


# plain math with `=`: ASCII digits, lone letters, `sqrt`, blanks, `+ - * / ^ ( ) = ±`, points in numbers
PLAIN_EQUATION = re.compile(
    r"(?:[0-9 +\-*/^()=±]|(?<![A-Za-z])(?:[A-Za-z]|sqrt)(?![A-Za-z])|(?<=\d)\.(?=\d))*"
)


def states_in_words(body: str) -> bool:
    """Whether body negates a claim, makes one in words or states a property of the solutions: a claim
    nobody reads. Plain math with `=` (`PLAIN_EQUATION`) is none of these: each reader needs a word of two
    letters or more other than `sqrt`, or punctuation that ends a clause, and each clause of it has `=`;
    most lines of work are such math, so the readers are not asked (test_reading_prechecks.py holds them
    to it)."""
    if "=" in body and PLAIN_EQUATION.fullmatch(body) is not None:
        return False
    return negated_claim(body) or hidden_claim(body) or states_property(_without_thing_label(body))


_LEFT_OVER = re.compile(r"(\d(?:\$|\\\))?)\s+left\b(?!\s*[(\[|{\\])")

_VERIFY = re.compile(
    r"^\s*(?:(?:wait|hmm+|ok(?:ay)?|now|finally|also|so|and)\b[,.!:]?\s*)*"  # "Wait, let me verify: ..."
    r"(?:(?:let'?s|let me|let us|now|we can|to|i'?ll|we'?ll)\s+)?(?:double[- ]?check(?:ing)?|sanity[- ]check"
    r"|verify(?:ing)?|verification|check(?:ing)?)\b",
    re.I,
)

_SUBSTITUTE = re.compile(r"^\s*(?:(?:let'?s|now)\s+)?(?:plug(?:ging)?|substitut(?:e|ing))\b", re.I)

_CONCLUDE = re.compile(r"^\s*(?:therefore|thus|so|hence|finally)\b[,:]?\s*", re.I)

_REASON = re.compile(r"\[([^\[\]]*)\]")

_PAREN_REASON = re.compile(r"\(([^()]*[A-Za-z]{2}[^()]*)\)")

# `x = 5 (or 6)`, `x = 5 [maybe 6]`: a reason that offers another value beside the step's claim
_ALTERNATIVE = re.compile(
    r"^\W*(?:or|and|nor|maybe|perhaps|possibly|probably|else|otherwise|alternatively|instead|rather)\b.*\d",
    re.I,
)

_TRUNCATED_DECIMAL = re.compile(r"(\d\.\d+)(?:\.{3}|\u2026|\\ldots|\\dots)")

_RELATIONS = re.compile(r"[≠≈≤≥<>≡∼≃≅∝∈∉⊂⊆∓⩽⩾≦≧≪≫]")

_SELECTION = re.compile(
    r"\b(?:only|just|discard|ignore|keep|drop)\b[^.]*\b(?:roots?|solutions?|answers?|values?|ones?)\b"
    r"|\b(?:larger|smaller|bigger|greater|lesser|positive|negative|other)\s+(?:roots?|solutions?|ones?|values?)\b",
    re.I,
)


def read_step(index: int, shown: str, body: str, comment: str) -> list[Event]:
    """The events of one segment: its stated answers and retractions in order, then its step (numbered
    index). New objects on every call: the trace reader tells steps apart by identity."""
    return [_numbered(event, index) for event in _read_once(shown, body, comment)]


def unreadable_whole(segment: str) -> bool:
    """Whether segment, read alone as a step (shown as written, no comment), is unreadable. The reading is
    kept for the step itself (`read_step`), and no numbered copy of it is made only to be looked at."""
    return any(
        e.step is not None and e.step.kind == StepKind.UNREADABLE for e in _read_once(segment, segment, "")
    )


def opens_as_check(text: str) -> bool:
    """Whether a line opens as a check of an answer (`Plugging in gives 35.`, `**Check:** ...`,
    `Let me verify: ...`): what it computes is the check's, not an answer of its own."""
    body = text.lstrip(" \t*_#>-")
    return _VERIFY.match(body) is not None or _SUBSTITUTE.match(body) is not None


def _numbered(event: Event, index: int) -> Event:
    step = event.step
    if step is None:
        return event
    return Event(
        event.kind, event.text, Step(index, step.text, step.kind, step.math, step.reason), event.conclusion
    )


# a pure function of the text (the index only numbers the step): the trace reader reads a segment whole
# to decide whether to cut it into sentences (trace.py), then reads it again as a step, and samples of
# one problem share many lines; answers are kept, bounded, and renumbered by `read_step`
@functools.lru_cache(maxsize=4096)
def _read_once(shown: str, body: str, comment: str) -> tuple[Event, ...]:
    return tuple(_read(1, shown, body, comment))


def _read(index: int, shown: str, body: str, comment: str) -> list[Event]:
    # `Speed = 120 / 2 = 60`: a quantity's name before its chain is not a side of it (quantity_label.py)
    # `b^2 - 4ac = 25 - 24 = 1`: the discriminant's formula names the chain; a line that only gives named
    # quantities values (`The sum of the roots is 5.`) is read by the checker from its text
    # (named_quantities.py)
    # `2x = 8 (−5)`: the move done to both sides, marked after the equation it gives (move_marks.py)
    body, shown = with_move_mark(body, shown)
    # `The answer is 3/2 (or 1.5).`: a value written again another way, the same number (answer_math.py)
    body = without_equal_form(body)
    body = without_named_values(without_formula_label(LABEL.sub("", body, count=1)), shown)
    body = without_event_clause(without_quantity_label(body))
    # `= 7/12 ≈ 0.583`: a closing approximation, the value rounded, says nothing more (approximations.py)
    body = without_checked_approximation(body)
    # `x = 0.666...`: a decimal cut short stands for a number nobody wrote; it is no claim to check as written
    if "..." in body or "\u2026" in body or "dots" in body:  # (what `_TRUNCATED_DECIMAL` needs to match)
        body = _TRUNCATED_DECIMAL.sub(lambda m: m.group(1) + UNKNOWN_MARK, body)
    if "left" in body:
        # `$50 - $36 = $14 left`: what is left, in words (the grammar's `left` is LaTeX's `\left(`)
        body = _LEFT_OVER.sub(r"\1 remaining", body)
    # "The LCD of 4 and 6 is 12.": a method's fact, checked and taken out, or unreadable (method_facts.py)
    body = spoken_claims(checked_method_facts(body))
    checks = _VERIFY.match(body) is not None or _SUBSTITUTE.match(body) is not None
    if opens_with_side(body) and not checks:
        # `Left side: 7(4) - 3 = 25`: a check line too; `Right side: 25 ✓` alone ties its value to nothing
        # (its name taken off, it would read as a bare value, an answer), so it is left as written
        body = named if "=" in (named := name_sides(body)) else body
    elif checks:
        # "LHS = 3(6) = 18, RHS = 2(9) = 18": the side names label the values of a check; what is
        # checked is that each value is the problem's side evaluated at the answer (check_lines.py), and a
        # side named after another is the same value (`... = 13 and RHS = 12` is never dropped)
        body = name_sides(body)
    body, notes_hold = calculator_notes(body)
    retraction = find_retraction(body)
    if retraction is None and (NEGATION.search(body) or "≠" in body):
        found = find_rejections(strip_delimiters(body))
        if found is not None:
            return _rejecting(index, shown, comment, notes_hold, *found)
    events = _read_segment(index, shown, body, comment, retraction, notes_hold)
    step = events[-1].step
    if (
        step is not None
        and step.kind == StepKind.UNREADABLE
        and ANSWER_START.match(body)
        and not any(e.kind == "answer" for e in events)
    ):
        said = ANSWER_START.sub("", body, count=1)
        if _JUDGED.match(said) is not None and NEGATION.search(said) is None:
            # `The answer is correct.`, `The answer checks out ✅`: a look back at the answer stated, held to
            # it as any line after it is (after_answer.py), no answer of its own and no claim to check
            return [Event("step", step=Step(index, shown, StepKind.PROSE))]
        if any(e.kind == "garbled" for e in events):
            return events
        if not _ANSWER_VERB.sub("", said):
            # `The answer is` alone (its value on the next line): an answer announced, as `Answer:` is
            return [*events[:-1], Event("step", step=Step(index, shown, StepKind.PROSE)), Event("announce")]
        # `Answer: unknown`, `Final answer: cannot be determined`, `Answer: none`: an answer stated in words
        # nobody reads here; no other answer said beside it is the response's committed one
        events = [*events[:-1], Event("garbled"), events[-1]]
    if retraction is None or events[-1].conclusion is None:
        return events
    # "The answer is 4. Hmm, that slipped: so x = 7.": the step concludes what follows the retraction
    after = extract_claims(strip_delimiters(body[retraction[1] :]))
    last = events[-1]
    events[-1] = Event("step", step=last.step, conclusion=conclusion_of(after) if after else None)
    return events


def _rejecting(
    index: int, shown: str, comment: str, notes_hold: bool, rejected: list[tuple[str, str]], rest: str
) -> list[Event]:
    """A line that rejects candidate roots (rejection.py): its other claims read as usual, and each
    rejection as the claim `x ≠ 2` before them (a check of the rejected value binds nothing: its
    `x = 2` is left out). What the rest cannot read stays unreadable."""
    events = _read_segment(index, shown, rest, comment, None, notes_hold)
    last = events[-1]
    step = last.step
    if step is None or step.kind == StepKind.UNREADABLE:
        return events
    kept = [g for g in step.math.split("; ") if g and not binds_rejected(g, rejected)]
    said = [f"{var} ≠ {value}" for var, value in rejected]
    kind = StepKind.ANSWER if step.kind == StepKind.ANSWER else StepKind.CLAIM
    math = "; ".join(said + kept)
    conclusion = last.conclusion if step.kind in (StepKind.CLAIM, StepKind.ANSWER) and kept else None
    if conclusion is not None:
        # `x = 2 or x = 3, but we reject x = 2`: the rejected root is no longer among the answers
        remaining = [p for p in split_top_level(conclusion) if not binds_rejected(p.strip(), rejected)]
        conclusion = ", ".join(p.strip() for p in remaining) or None
    rewritten = Step(index, shown, kind, math=math, reason=step.reason)
    return [*events[:-1], Event("step", step=rewritten, conclusion=conclusion)]


def _read_segment(
    index: int,
    shown: str,
    body: str,
    comment: str,
    retraction: tuple[str, int] | None,
    notes_hold: bool = True,
) -> list[Event]:
    label = ANSWER_START.match(body)
    if label is not None:
        # `Answer — 4`: an em dash (folded to ` ; `) right after the label separates it, as a colon does
        body = body[: label.end()] + _FOLDED_EM_DASH.sub(": ", body[label.end() :], count=1)
    json_answer = _JSON_ANSWER.match(body) if retraction is None else None
    value = bare_value(json_answer.group(1)) if json_answer is not None else None
    if value is not None:
        # `{"answer": 5}` (a JSON reply, its quotes taken off by now): its one value is the answer
        step = Step(index, shown, StepKind.ANSWER, math=value)
        return [Event("answer", value), Event("step", step=step, conclusion=value)]
    cut = retraction[1] if retraction is not None else 0
    # answers stated before a retraction in the same line are retracted with it (no text before: none)
    events = stated_answers(body[:cut]) if cut else []
    if retraction is not None:
        events.append(Event(retraction[0]))
    events.extend(stated_answers(body[cut:]))
    gsm = _GSM_ANSWER.match(body) if "####" in body else None
    if gsm:
        found = leading_math(gsm.group(1))
        if found is not None and not found[2]:
            step = Step(index, shown, StepKind.UNREADABLE, reason="an answer that is not read whole")
            return [*events, Event("step", step=step)]
        if found and found[1]:
            step = Step(index, shown, StepKind.ANSWER, math=claims_of_answer(found[0]) or found[0])
            return [*events, Event("step", step=step, conclusion=found[0])]
        body = gsm.group(1)
    if "box" in body and _EMPTY_BOX.search(body) and not any(c.isdigit() for c in _EMPTY_BOX.sub("", body)):
        # `\boxed{}`: the answer's place, left empty: an answer announced, which the next line may give;
        # if none does, no value is committed to (trace.py), nor is the claim before it
        return [*events, Event("step", step=Step(index, shown, StepKind.PROSE)), Event("announce")]
    lead = box_lead(body)
    boxed, body = take_boxed(body)
    if lead and notes_hold and not any(e.kind == "garbled" for e in events):
        # "The value is $\\boxed{26}$.": words that only introduce the boxed answer (read by
        # `stated_answers`); `The solutions are $\\boxed{2}$ and $\\boxed{3}$.`: boxes that only join, one
        # answer
        answers = [e.text for e in events if e.kind == "answer"]
        said = boxed[0] if len(boxed) == 1 else answers[0] if len(answers) == 1 == len(events) else ""
        answer_math = claims_of_answer(said) if said else ""
        if answer_math:
            return [*events, Event("step", step=Step(index, shown, StepKind.ANSWER, math=answer_math))]
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
    output = bare_value(comment) if comment else None
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
                or negated_claim(said)
                or not true_arithmetic(claims)
            ):
                side.append("")
        elif hidden_claim(said) or states_property(said) or _ALTERNATIVE.match(said):
            side.append("")
    reason = "; ".join(reasons)
    checked = "✓" in body
    body = body.replace("✓", " ")
    # a reason explains its step: math in it ("[since 2 ÷ 1/6 = 12]") is shorthand, often loose, and the
    # step's own claims are what is checked; a reason is kept with the step for the reader

    def step_of(kind: StepKind, math: str = "", conclusion: str | None = None) -> list[Event]:
        if side:
            kind, math = StepKind.UNREADABLE, ""
        return [
            *events,
            Event("step", step=Step(index, shown, kind, math=math, reason=reason), conclusion=conclusion),
        ]

    if any(e.kind == "garbled" for e in events):
        return step_of(StepKind.UNREADABLE)  # it states an answer we cannot read whole
    if _RELATIONS.search(body) or unknown_symbol(body):
        # a relation the checker cannot decide, or markup nobody reads (unread.py): never prose
        return step_of(StepKind.UNREADABLE)
    named_form = answer_phrase(body) if "=" not in body and _NAMED_FORM.search(body) else None
    if named_form is not None and named_form[1] and claims_of_answer(named_form[0]):
        # "So the expanded form is x^2 - 16.": the answer, named as the form the expression is rewritten to
        return step_of(StepKind.ANSWER, claims_of_answer(named_form[0]), named_form[0])
    several = _labelled_values(strip_delimiters(body))
    if several:
        # `{x: 6, y: 4}` (a JSON or YAML answer `{"x": 6, "y": 4}`): the claims x = 6 and y = 4
        return step_of(StepKind.CLAIM, several, conclusion_of(several))
    if states_in_words(body):
        alone = _answer_alone(body)
        if alone is None:
            return step_of(StepKind.UNREADABLE)
        return step_of(StepKind.ANSWER, *alone)
    conclude = _CONCLUDE.match(body)
    if conclude is not None and "=" not in body:
        rest = body[conclude.end() :].strip().rstrip(".")
        if rest and all(is_mathy(w) for w in rest.split()) and readable(rest):
            return step_of(StepKind.ANSWER, rest, rest)  # "Therefore 4."
    found_phrase = answer_phrase(body)
    if found_phrase is not None and not found_phrase[1]:
        return step_of(StepKind.UNREADABLE)
    phrase = found_phrase[0] if found_phrase is not None else None
    if phrase is not None and "=" not in body and names_result(body):
        said = claims_of_answer(phrase)
        if said:
            # "So the sum is 11/12.": the answer, and the name of what it results from (result_names.py)
            return step_of(StepKind.ANSWER, said, phrase)
    if ANSWER_START.match(body):
        if phrase is not None:
            said = claims_of_answer(phrase)
            if said:
                return step_of(StepKind.ANSWER, said, phrase)
        elif not boxed:
            rest = ANSWER_START.sub("", body)
            if _DASHED.match(rest):
                # `Answer - 4`, `Answer – x = 4`: a dash that separates the label or a minus sign, two values
                return step_of(StepKind.UNREADABLE)
            rest = rest.strip(" :.")
            claims = extract_claims(rest) if rest else ""
            if claims:  # "Answer: the value of x is 4"
                events.append(Event("answer", conclusion_of(claims) or claims))
                return step_of(StepKind.ANSWER, claims, conclusion_of(claims))
            if not rest:
                return [*step_of(StepKind.PROSE), Event("announce")]
            return step_of(StepKind.UNREADABLE)
    math = extract_claims(body)
    if math is None:
        return step_of(StepKind.UNREADABLE)
    verify = _VERIFY.match(body) is not None
    if math and (verify or checked or _SUBSTITUTE.match(body)):
        tested = without_bindings(math)
        if verify and not tested:
            if body.rstrip().endswith(":"):
                return step_of(StepKind.PROSE)  # "Check x = 4:": the hypothesis of the lines after it
            return step_of(StepKind.UNREADABLE)  # "Check: x = 5" checks nothing we can read
        if tested and (verify or not has_variables(tested)):
            # the bindings stay with the arithmetic: `Verify with x = 5: 2(4) + 5 = 13` claims that x = 5
            # satisfies the equation, so the check is matched at x = 5 only (check_lines.py)
            return step_of(StepKind.VERIFICATION, math)
    conclusion = conclusion_of(math) if math else None
    if not math:
        if "=" not in body and _SELECTION.search(body):
            return step_of(StepKind.UNREADABLE)  # "only the larger root counts": a choice we cannot read
        value = bare_value(body)
        if value is not None:
            # a line that is only a value ("**5**" at the end) states it: a different one is a second answer
            events.append(Event("answer", value))
            return step_of(StepKind.ANSWER, value, value)
        labelled = _LABELLED_VALUE.match(strip_delimiters(body))
        if labelled is not None and is_mathy(labelled.group(2)) and readable(labelled.group(2)):
            # `x: 5` (a JSON or YAML answer `{"x": 5}`) gives x the value 5: the claim x = 5
            claim = f"{labelled.group(1)} = {labelled.group(2)}"
            return step_of(StepKind.CLAIM, claim, conclusion_of(claim))
        if pieces_without_relation(body):
            return step_of(StepKind.UNREADABLE)  # "5x 26", "5x: 26": a relation is missing or unread
        if "{" in body and _DATA_VALUE.search(body):
            # `{"name": "submit", "arguments": {"x": 6}}`: a value given in data (a tool call, JSON) that
            # the one-pair reading above did not take is a claim nobody read, never prose
            return step_of(StepKind.UNREADABLE)
        return step_of(StepKind.PROSE)
    return step_of(StepKind.CLAIM, math, conclusion)


# what a line says of the answer when it judges it (`The answer is correct.`, `This answer checks out ✅`)
_JUDGED = re.compile(
    r"\s*(?:is|was|seems|looks)?\s*(?:indeed\s+|definitely\s+|clearly\s+|also\s+)?"
    r"(?:correct|right|verified|confirmed|valid|consistent|reasonable|sensible|accurate|plausible|true"
    r"|checks?\s+out|makes\s+sense|holds)\b[\s.!*_✓✔✅☑]*$",  # nothing after the judgment but marks
    re.I,
)
_ANSWER_VERB = re.compile(r"[\s:.*_=]+|\b(?:is|was|would\s+be|will\s+be)\b", re.I)
_EMPTY_BOX = re.compile(r"\\(?:boxed|fbox)\s*\{(?:\s|~|\\[,;:! ]|\\q?quad(?![A-Za-z]))*\}")
_GSM_ANSWER = re.compile(r"^\s*####\s*(.*)$")  # `#### 42`, the GSM8K answer line

# `Final answer: x^2 - x - 6`, `The answer is: 3y + 10`: the answer's label and the answer alone
_LABELLED_ANSWER = re.compile(ANSWER_START.pattern + r"(?:\s+is)?\s*:\s*(?P<rest>.+?)[\s.]*$", re.I)


def _answer_alone(body: str) -> tuple[str, str] | None:
    """(claims, answer) of a line that is an answer's label and the answer alone, as math the answer reader
    reads (`Final answer: x^2 - x - 6`): an expression in a variable after a label is no result with its
    relation left out (stated_math.py) but the answer, checked as one. None for anything else on the line
    (`Answer: 3e+3`, `Answer: 3x, I think`)."""
    found = _LABELLED_ANSWER.match(body)
    if found is None:
        return None
    rest = found.group("rest")
    if not all(is_mathy(word) for word in rest.split()) or not readable(rest):
        return None
    said = claims_of_answer(rest)
    return (said, rest) if said else None


_DATA_VALUE = re.compile(r"[\w\"'\]]\s*:\s*[\"']?\s*[-−+]?\.?\d")

_JSON_ANSWER = re.compile(r'^\s*\{\s*"?(?:final_?)?answer"?\s*:\s*"?([^"{}\[\],:]+?)"?\s*\}\s*$', re.I)
_NAMED_FORM = re.compile(
    r"\bthe\s+(?:fully\s+)?(?:expanded|simplified|factored)\s+(?:form|expression)\s+is\b", re.I
)
_LABELLED_PAIR = re.compile(r"^\s*([A-Za-z])\s*:\s*(\S+)\s*$")
MAX_LABELLED = 8


def _labelled_values(body: str) -> str:
    """The claims of a line that gives several variables a value each and says nothing else (`{x: 6, y: 4}`,
    `x: 6, y: 4`): `x = 6; y = 4`. "" for anything else: one pair (`_LABELLED_VALUE`), a name given twice,
    a value that is not a number alone, a word or a bracket left over."""
    inside = body.strip().rstrip(".").strip()
    if inside.startswith("{") and inside.endswith("}"):
        inside = inside[1:-1]
    pieces = inside.split(",")
    if not 1 < len(pieces) <= MAX_LABELLED:
        return ""
    pairs = [_LABELLED_PAIR.match(piece) for piece in pieces]
    names = [pair.group(1) for pair in pairs if pair is not None]
    if len(names) != len(pieces) or len(set(names)) != len(names):
        return ""
    values = [bare_value(pair.group(2)) for pair in pairs if pair is not None]
    if not all(values):
        return ""
    return "; ".join(f"{name} = {value}" for name, value in zip(names, values, strict=True))


_LABELLED_VALUE = re.compile(r"^[\s{(\[]*([A-Za-z])\s*:\s*([^\s:;,{}()\[\]]+?)[\s})\],.]*$")
