"""How the walk (`walk.py`) opens and closes assumptions: "Assume/Suppose/Case k: ..." opens a case
(claims under it are checked with it), "If A, then B" a conditional whose scope ends at the next plain
assertion; a contradiction or a "this works" closes what is in force. A look at a statement ("Check
Lena's statement: ...") or a plan ("Let's test both cases") assumes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from assay.domains.logic import cases, marks, refer
from assay.domains.logic.guard import VALUE_MENTION
from assay.domains.logic.read import clauses, without_asides
from assay.domains.logic.walk_state import WalkState


class Process(Protocol):
    """The walk's reading of one clause (`walk._Walker.process`), which the scopes call on their parts."""

    def __call__(
        self,
        index: int,
        piece: str,
        host: str | None,
        forced_mood: bool = False,
        following: str | None = None,
    ) -> None: ...


def next_main(pieces: Sequence[tuple[str, str | None]], start: int) -> str | None:
    """The first main clause (not an aside) from `start` on."""
    return next((piece for piece, host in pieces[start:] if host is None), None)


def _read_rest(process: Process, index: int, rest: str, mood: bool, following: str | None) -> None:
    subs = clauses(rest) if rest else []
    for i, (sub, sub_host) in enumerate(subs):
        process(index, sub, sub_host, mood, next_main(subs, i + 1) or following)


def open_case(
    state: WalkState,
    process: Process,
    index: int,
    text: str,
    hypothesis: re.Match[str],
    following: str | None,
) -> None:
    """ "Assume p: ...", "Case 1: Ava is a knight", "Check Jade: ...": a case opened, or a look taken."""
    mentions, read = state.mentions, state.read
    body = text[hypothesis.end() :]
    head, _, rest = cases.split_then(re.sub(r"^\(([^()]*)\)", r"\1", body.strip()))
    if cases.BOTH_CASES.match(head):
        return  # "Let's test both cases for p": a plan, nothing assumed yet
    cited = marks.CITED.match(head.strip())
    if cited and cited.group("who") and not marks.LOOK.search(hypothesis.group(0)):
        cited = None  # "Assume p: ..." assumes p; only "Check Jade: ..." looks at someone
    if cited and rest:
        # "Check Lena's statement: ...", "Check Jade: ...": a look at a statement or a person,
        # not an assumption; what follows the colon is asserted, its pronouns that person
        subs = clauses(rest)
        who = cited.group("who")
        for i, (sub, sub_host) in enumerate(subs):
            if who and mentions(who) and sub_host is None:
                sub = refer.name_pronoun(sub, who)
            process(index, sub, sub_host, following=next_main(subs, i + 1) or following)
        return
    topic = cases.TOPIC_HEAD.match(head.strip())
    if topic is not None and all(
        mentions(name) for name in re.split(r"\s*(?:,|\band\b|&)\s*", topic["names"])
    ):
        return  # "Let me try Ava first", "We test May first": whom to look at, nothing assumed
    head, head_asides = without_asides(head)
    # "Let me test the assignment p = true, q = false": the assignment is its values
    head = _ASSIGNMENT_WORD.sub("", head, count=1)
    reading = read(refer.indicative(head))
    if (
        reading is None
        and not hypothesis.group(0).lower().startswith(("case", "scenario"))
        and not head_asides
    ):
        return  # "Let's check Ben's statement": nothing assumed
    state.close_all(index)
    state.open_frame(index, reading, False, head)
    for aside in head_asides:
        process(index, aside, head)
    _read_rest(process, index, rest, False, following)


_ASSIGNMENT_WORD = re.compile(
    r"^\s*(?:the|this|that|an?)\s+(?:assignment|valuation|candidate(?:\s+solution)?)\s*:?\s+", re.I
)


def open_conditional(
    state: WalkState,
    process: Process,
    index: int,
    text: str,
    conditional: re.Match[str],
    mood: bool,
    following: str | None,
) -> None:
    """ "If A, then B": A opens a soft scope (ended by the next plain assertion), B is read under it."""
    head, rest = conditional.group(1), conditional.group(2)
    head, head_asides = without_asides(head)
    reading = state.read(refer.indicative(head))
    if reading is None:
        state.assert_text(index, text, counterfactual=mood)
        return
    if head_asides:
        # "If Ava (the first speaker) were a knave, ...": the aside is read under the case it names
        state.close_soft(index)
        state.open_frame(index, reading, True, head)
        for aside in head_asides:
            process(index, aside, head, True)
        _read_rest(process, index, rest, True, following)
        return
    if cases.rule_restated(reading, rest):
        # "If Ava is a knight, the statement is true": the rule of the island, no step; its
        # antecedent is still a case that a verdict after it may close ("That's impossible")
        state.close_soft(index)
        state.open_frame(index, reading, True, head)
        return
    state.close_soft(index)
    state.open_frame(index, reading, True, head)
    _read_rest(process, index, rest, True, following)


def judge(state: WalkState, index: int, text: str, mood: bool) -> bool:
    """A verdict on what is in force: "..., a contradiction" closes the case, "this works" judges it.
    True when the clause was such a verdict (and has been handled)."""
    read, frames = state.read, state.frames
    consistent = marks.CONSISTENT.search(text) and read(text) is None
    # "r fails" may be a claim the kind reads ("p holds, r fails"), not a verdict on an assumption
    verdict = marks.CONTRADICTION.search(text)
    if (
        verdict
        and not marks.NO_CONTRADICTION.search(text)
        and not marks.STATEMENT_CONTRADICTS.match(text)
        and (verdict.group(0).lower() != "fails" or not isinstance(read(text), list))
    ):
        # "s fails", "premise 2 is invalid", "this is ruled out": what stands before such a verdict
        # is the thing judged, not a claim; only a clash word follows a claim ("..., impossible")
        said = marks.verdict_claim(text, verdict.start()) if marks.CLASH.match(verdict.group(0)) else ""
        reading = read(refer.indicative(said) if mood else said) if said else None
        if isinstance(reading, list) and frames:
            # the part that flatly denies the assumption is the clash the verdict declares ("Assume
            # Lena is a knight. Then her statement is false, a contradiction"), checked with it
            reading = [f for f in reading if not cases.negates([f], frames[-1].assumptions)]
            if reading:
                state.claim(index, reading, said, mood)
        elif said and (isinstance(reading, list) or VALUE_MENTION.search(said)):
            # "Then Rose is a knave, contradiction": the claim that reaches the verdict is made
            # under the assumption and checked like any other, never dropped with the verdict word;
            # one that names a role or value but cannot be read is unknown. Only a description of
            # the clash with no value in it ("Kai's statement clashes with Finn's") stays the verdict's
            state.assert_text(index, said, counterfactual=mood)
        if frames:
            state.close(index, "close-contradiction")
            return True
        events = state.events
        if events and events[-1].what == "close-contradiction" and events[-1].line == index:
            return True  # "some premise fails, so this case is impossible": the same verdict, said twice
        state.unknown(index, f"a contradiction claimed outside any assumption: {text[:80]}")
        return True
    if frames and consistent:
        if frames[-1].soft and frames[-1].line == index and marks.CONSISTENT_TAIL.match(text):
            # "If Rosa is a knave, then Milo is a knight, which is consistent": on the conditional's
            # own line, the verdict judges its antecedent, checked like "this works"
            state.close(index, "close-consistent")
            return True
        # "this works" judges an assumption; a conditional's antecedent is not one ("If Ben is a
        # knave, the statement is false. ... only one assignment is consistent"): its scope just ends
        state.close_soft(index)
        if frames:
            state.close(index, "close-consistent")
        return True
    return False


def discharges(state: WalkState, index: int, text: str, mood: bool) -> bool:
    """ "If r were true, p would be both false and true, so r is false": a clause in the indicative, in
    the conditional's own sentence, that flatly denies its antecedent cannot be said under it: it is the
    conclusion, which closes the case as refuted (a checked contradiction) and is asserted as a fact.
    True when the clause was such a conclusion."""
    frames = state.frames
    if mood or not frames or not frames[-1].soft or frames[-1].line != index:
        return False
    reading = state.read(text)
    if not isinstance(reading, list) or not cases.negates(reading, frames[-1].assumptions):
        return False
    state.close(index, "close-contradiction")
    state.assert_text(index, text)
    return True
