"""The final answer of a trace: the last committed answer among what its lines said (`Event`s, in
reading order), after the last clear retraction or reasoning block; with no stated answer, the solution
statements of the last claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from assay.domains.math.after_answer import (
    answers_worth,
    arithmetic_result,
    contradicts,
    lone_expression_elsewhere,
    narrows,
    numbers_in,
    puts_another_value,
    signed_values,
    stated_values,
)
from assay.domains.math.expr import Var, variables
from assay.domains.math.grammar import parse_chain
from assay.domains.math.labelled_values import labelled_value
from assay.domains.math.markup import without_struck
from assay.domains.math.uncommitted import uncommitted
from assay.domains.math.vocabulary import split_top_level
from assay.errors import MathParseError
from assay.records import Step, StepKind

MAX_ANSWERS = 8  # distinct final answers stated after the last retraction; more is no answer at all


@dataclass(frozen=True)
class Event:
    """What a line says about the final answer, in reading order."""

    # "answer" (a stated final answer), "total" (a total said in words: the answer when no other is stated),
    # "clear" (a retraction), "think" (the end of a reasoning block), "open" (the start of one),
    # "step", or "announce" (a line
    # that says only "Final Answer": the next line holds it)
    kind: str
    text: str = ""
    step: Step | None = None
    conclusion: str | None = None  # the solution statement(s) of a step, for the fallback


def conclusion_of(math: str) -> str | None:
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
    if not groups or not groups[-1]:
        return None
    # `= −37/108` closing a chain written one `=` a line: the value the chain comes to
    last = groups[-1].lstrip().removeprefix("=").strip()
    return last.replace(" or ", ", ") or None


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


def final_answer(events: list[Event], given: frozenset[Fraction] = frozenset()) -> str | None:
    """The last committed answer.

    A clear retraction ("Hmm, that slipped: ...", "no wait, I made an error") and the end of a `<think>`
    block end what came before them: only answers stated after the last one count. Every answer stated
    there must hold, so all of them are returned, one per line (a response that states two different
    answers without a clear retraction between them cannot be verified). With no stated answer, the
    solution statements of the last claims count. A clear retraction with nothing after it leaves no
    answer, and so does a reply after a reasoning block with no answer and no work in it: what the block
    concluded is a draft the reply did not take up. So does a text that ends inside a reasoning block, right
    after one, or right after announcing its answer (`**Final Answer:**` and nothing): it was cut off.
    A line after the stated answers that puts another value forward (`Or maybe x = 5.`, after_answer.py)
    leaves no answer; given: the values the problem writes, which a comment on the answer may name.
    """
    if events and events[-1].kind == "announce":
        return None  # `**Final Answer:**` (or an empty `<answer></answer>`) closing the text: never given
    opened = max((i for i, e in enumerate(events) if e.kind == "open"), default=-1)
    if opened >= 0 and not any(e.kind == "think" for e in events[opened:]):
        return None  # `<think>` never closed: the text was cut off inside its reasoning
    # only what follows the last retraction or reasoning block counts: a retraction with nothing after it,
    # or a reply after a reasoning block that states no answer and works nothing out (`</think>` then
    # `I don't know.`, `None of the above.`, `TODO`), leaves none
    start = max((i + 1 for i, e in enumerate(events) if e.kind in ("clear", "think")), default=0)
    return _answers_in(events[start:], given)


def _answers_in(events: list[Event], given: frozenset[Fraction]) -> str | None:
    stated: list[str] = []
    totals: list[str] = []  # `The total is $15.`: the answer only when nothing else is stated as one
    for event in events:
        if event.kind == "garbled":
            return None  # a final answer stated in a form we cannot read: no answer we can trust
        if event.kind == "answer" and event.text and event.text not in stated:
            stated.append(event.text)
        if event.kind == "total" and event.text and event.text not in totals:
            totals.append(event.text)
    kind = "answer" if stated else "total"
    stated = stated or totals
    if stated:
        if len(stated) > MAX_ANSWERS or _another_value_after(events, kind, stated, given):
            return None
        return "\n".join(stated)
    # no stated answer: the solution statements of the last claims (one per variable, newest first)
    found: list[str] = []
    names: set[str] = set()
    claimed = False  # a claim was met, reading from the end
    percent = False  # prose after the last claim gives a percent (`The battery has 40% left.`)
    after: list[Step] = []  # the prose after the last claim
    for event in reversed(events):
        step = event.step
        if step is not None and step.kind == StepKind.PROSE and not claimed:
            after.append(step)
        if step is not None and step.kind == StepKind.PROSE and not claimed and _unread_after(step.text):
            # `36 - 7 = 29` then `**29 apples?**`: the value is put forward as a question; `x = 4` then
            # `The other solution is x = 5.`: a value said in words nobody here reads
            return None
        if step is not None and step.kind == StepKind.PROSE and not claimed and _PERCENT.search(step.text):
            percent = True
        if step is None or step.kind in (StepKind.PROSE, StepKind.VERIFICATION):
            continue
        if not claimed and percent and "%" not in step.text:
            return None  # `36 - 7 = 29` then `He has 29% of the apples left.`: a percent of what was counted
        claimed = True
        if step.kind == StepKind.UNREADABLE or event.conclusion is None:
            break
        solved = [
            _solved_variable(part.replace(", ", " or ")) for part in _split_statements(event.conclusion)
        ]
        if (not found or all(solved)) and uncommitted(step.text):
            return None  # `x = 4?`, `Probably x = 2, 3`, `x = 4 (a guess)`: no value committed to
        if not found and not all(solved):
            # an arithmetic result, or an equation left as the answer
            return None if _other_value_after(event.conclusion, after, events, given) else event.conclusion
        if not all(solved):
            continue  # work between the solution statements of a system ("5 + y = 8")
        if names & {n for n in solved if n}:
            break
        names |= {n for n in solved if n}
        found.insert(0, event.conclusion)
    if not found or _other_value_after(", ".join(found), after, events, given):
        return None
    return ", ".join(found)


def _other_value_after(
    answer: str, after: list[Step], events: list[Event], given: frozenset[Fraction]
) -> bool:
    """Whether prose after the last claim puts a value forward that is not the answer the claims reached:
    `x = 4` then `So (7, 4).`, `i.e. 5`, `{4, 3}` or `Maybe 5.` (a line of few words offers its numbers as
    the answer; a longer one is read as a line after a stated answer is, after_answer.py)."""
    if not any(c.isdigit() for step in after for c in step.text):
        return False
    mine = {id(step) for step in after}
    seen = set(given)
    for event in events:
        if event.step is not None and id(event.step) not in mine:
            seen |= numbers_in(event.step.text)
    for step in after:
        if not any(c.isdigit() for c in step.text):
            continue
        if _offers_values(step.text) and not _same_values(step.text, answer):
            return True
        if puts_another_value(without_struck(step.text), step.math or "", [answer], seen):
            return True
    return False


def _offers_values(line: str) -> bool:
    """Whether a line of prose is numbers and a few words (`i.e. 5`, `So (7, 4).`, `{2, 3}`): it offers its
    numbers as the answer. A value under a label is judged by its label (after_answer.py)."""
    line = without_struck(line)
    return (
        any(c.isdigit() for c in line)
        and len(_WORD.findall(line)) <= _FEW_WORDS
        and labelled_value(line) is None  # `Start: 36`, `LHS = 11`: a label's value (after_answer.py)
    )


def _same_values(line: str, answer: str) -> bool:
    """Whether a line of few words gives the answer's values: the same set for one name (`x = 2 or x = 3`,
    then `So {3, 2}.`, never `i.e. 3`), the same sequence in the names' order for several (`x = 6, y = 4`,
    then `(6, 4)`, never `(4, 6)`). A value is what the last `=` of a statement gives (`y = 10 - 6 = 4`
    gives 4), or the one value an expression answer is worth."""
    offered = signed_values(without_struck(line))
    if offered is None:
        return False
    if len(offered) == 1 and answers_worth([answer]) == set(offered):
        return (
            True  # `We made 24!` after the Game of 24 answer `4 × 6 × 1 × 1`: the value the answer is worth
        )
    bound: list[tuple[str, list[Fraction] | None]] = []
    for piece in _STATEMENTS.split(answer):
        if piece.strip():
            name = piece.split("=")[0].strip() if "=" in piece else ""
            bound.append((name, signed_values(piece.split("=")[-1])))
    if any(values is None for _, values in bound):
        return False
    names = {name for name, _ in bound if name}
    if len(names) > 1:
        return offered == [v for _, values in sorted(bound, key=lambda b: b[0]) for v in values or ()]
    if not names and len(bound) > 1:
        # `Answer: 6, 4` names nothing: a pair as much as a list, so only the same sequence gives it again
        # (`6, 4... or (4, 6)` puts the pair the other way round forward)
        return offered == [v for _, values in bound for v in values or ()]
    return set(offered) == {v for _, values in bound for v in values or ()}


_STATEMENTS = re.compile(r"[,;]|\b(?:or|and)\b")
_WORD = re.compile(r"[^\W\d_]{2,}")
_FEW_WORDS = 2  # `So (7, 4).`, `i.e. 5`, `Thus, x is (5)`; `He had 36 apples.` is a sentence


def _another_value_after(
    events: list[Event], kind: str, stated: list[str], given: frozenset[Fraction]
) -> bool:
    """Whether a line after the last stated answer puts another value forward (after_answer.py)."""
    last = max(i for i, event in enumerate(events) if event.kind == kind)
    seen = set(given)
    for event in events[:last]:
        if event.step is not None:
            seen |= numbers_in(event.step.text)
    own = last + 1  # the step of the answer's own line follows its answer (`x = 0 fails, so the answer is 4`)
    values = stated_values(stated)
    ending: Fraction | None = None  # the value the work after the answer ends on, when it is new
    for at, event in enumerate(events[last + 1 :], start=last + 1):
        step = event.step
        if step is None or at == own:
            continue
        if step.kind == StepKind.ANSWER:
            # a line read as an answer that states none (`∴ 36`, `Answer (corrected): 36`) must say it again
            if not stated_values([step.math or ""]) <= values:
                return True
            continue
        if puts_another_value(step.text, step.math or "", stated, seen):
            return True
        if step.kind != StepKind.VERIFICATION and narrows(step.text, step.math or "", stated):
            return True  # `But x = 3 doesn't work.`, `Only x = 2 is valid.` after `x = 2 or x = 3`
        if (
            step.kind in (StepKind.PROSE, StepKind.UNREADABLE)
            and _offers_values(step.text)
            and not _same_values(step.text, ", ".join(stated))
        ):
            return True  # `So (4, 6).` after `Answer: x = 6, y = 4`; `{-2, 3}` after `x = 2 or x = 3`
        if step.kind != StepKind.VERIFICATION and contradicts(step.math, stated):
            return True  # `2x = 10` after `Answer: x = 4`
        if step.kind == StepKind.CLAIM and lone_expression_elsewhere(step.math or "", values):
            return True  # `29 + 1` after `The answer is 29.`: an expression put forward, worth another value
        if step.kind == StepKind.CLAIM:
            ending = arithmetic_result(step.math, seen, step.text)
        seen |= numbers_in(step.text)
    # `**Answer: 29 apples**` then `He has 36 − 8 = 28 apples.`: the work after the answer ends on another
    # value (work that explains the answer ends on it)
    return ending is not None and ending not in values


def _unread_after(text: str) -> bool:
    """Whether a line of prose after the last claim puts a number forward without committing to it, gives
    a name a value, or works on a number (`He has 29 - 1 apples left.`, `29²`): see `_answers_in`."""
    return any(c.isdigit() for c in text) and (
        uncommitted(text) or _BINDS.search(text) is not None or _WORKED.search(text) is not None
    )


_PERCENT = re.compile(r"\d\s*%")
_BINDS = re.compile(r"(?<![\w\\])[A-Za-z]\s*=\s*[-−]?\s*\d")
# a number with an operation or a power on it, in a line nobody read as a claim (a percent sign is no work:
# `The battery has 40% left.` after `100% − 60% = 40%`)
_WORKED = re.compile(r"\d\s*[²³]|\d\s*(?:[-−+×*/÷^]|\\(?:times|cdot|div)\b)\s*\(?\d")


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
