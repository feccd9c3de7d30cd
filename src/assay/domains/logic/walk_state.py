"""The walk's state while it reads a response (`walk.py`): the events so far, the assumptions in force,
and what the clause being read cites; and the moves that change it: a claim made (with the assumption
in force), a case opened or closed, a retraction resolved, a clause asserted.

It must never let an assumed or reported claim pass for an asserted one, or the reverse without a
check: every way out of an assumption is itself a checked event.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from assay.domains.logic import cases, refer, verdicts
from assay.domains.logic.read import GRID_ROW, ClauseReader, Formula, Reading, unfill
from assay.domains.logic.speech import anything, reported
from assay.domains.logic.walk_events import Claim, Closing, Event, Frame, Mode, frame_claim


@dataclass
class WalkState:
    """Everything the walk knows between clauses. `mentions` says whether a clause names anything of
    the puzzle (`guard.mentions`)."""

    read: ClauseReader
    mentions: Callable[[str], bool] = anything
    # whether an item may be false in the solution (knights' statements), see assert_verdict
    verdicts_may_fail: bool = False
    events: list[Event] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    counter: int = 0  # the last frame's id
    retracting: list[int] = field(default_factory=list)  # the line of a retraction not yet resolved
    soft: set[int] = field(default_factory=set)  # those lines whose retraction may be no correction
    citing: tuple[int, ...] = ()  # what the clause being read cites by number
    restating: bool = False  # whether it says what the cited ones say
    closed: bool = False  # a case just refuted, with no fact asserted since
    pending: list[Any] = field(
        default_factory=list
    )  # the line and numbers of a citation cut off before its claim
    previous: list[Any] = field(default_factory=lambda: [-1, ""])  # the line and text of the last main clause
    focus: list[str] = field(
        default_factory=list
    )  # the one person a clause only looked at ("Start with Cleo.")
    tail: bool = False  # whether the clause read is the last main clause of its line
    reason: list[Any] = field(
        default_factory=list
    )  # the line and formulas of a reason given for the next claim
    # the line on which a conditional's scope was ended by a plain assertion (its facts may be its own)
    conditional_ended: int = -1
    answered: list[str] = field(
        default_factory=list
    )  # the clause whose leading "Yes"/"No" answered a question

    def context(self) -> list[Formula] | None:
        """The assumptions in force and what was claimed under them; None under an unreadable one."""
        found: list[Formula] = []
        for frame in self.frames:
            if frame.assumptions is None:
                return None
            found += frame.assumptions + frame.derived
        return found

    def unknown(self, index: int, note: str) -> None:
        self.events.append(Event(index, "unknown", note=note))

    def last_claim(self, index: int) -> Claim | None:
        """The last claim made on this line, if any."""
        last = next((e for e in reversed(self.events) if e.line == index and e.what == "claim"), None)
        return last.claim if last is not None else None

    def cited_part(self, index: int, last: Claim, host: str) -> Claim:
        """The claim a bracketed citation is for. "Blue is in house 3 (clue 1), and the cat lives in the
        blue house" is read as one claim, but the bracket cites clue 1 for its first part only: when the
        text before the bracket reads as some of the claim's formulas, the claim is cut in two, the cited
        part first and the rest as a claim of its own on the line (checked as true like any other, and no
        reason for the cited part unless a reason word leads it: `line_reasons.py`)."""
        if not host or last.text == host or not last.text.startswith(host) or len(last.formulas) < 2:
            return last
        reading = self.read(host)
        if not isinstance(reading, list) or not reading or len(reading) >= len(last.formulas):
            return last
        if last.formulas[: len(reading)] != reading:
            return last
        rest_text = last.text[len(host) :].strip(" ,;:")
        rest = replace(last, formulas=last.formulas[len(reading) :], text=rest_text, cited=())
        last.formulas, last.text = list(reading), host
        at = next(k for k, e in enumerate(self.events) if e.claim is last)
        self.events.insert(at + 1, Event(index, "claim", rest))
        return last

    def close(self, index: int, what: Closing) -> None:
        frame = self.frames.pop()
        note = "soft" if frame.soft else ""
        claim = frame_claim(frame, self.frames)
        self.events.append(Event(index, what, frame=frame.id, claim=claim, note=note))
        self.closed = what == "close-contradiction" and not self.frames

    def close_all(self, index: int) -> None:
        while self.frames:
            self.close(index, "end")

    def close_soft(self, index: int) -> None:
        while self.frames and self.frames[-1].soft:
            self.close(index, "end")

    def open_frame(self, index: int, reading: Reading, soft: bool, text: str) -> None:
        self.counter += 1
        if isinstance(reading, str) or reading is None:
            self.frames.append(Frame(self.counter, index, None, soft=soft))
            self.unknown(index, f"an assumption that cannot be read: {text[:80]}")
            return
        self.frames.append(Frame(self.counter, index, reading, soft=soft))
        claim = frame_claim(self.frames[-1], self.frames[:-1])
        self.events.append(Event(index, "open", frame=self.counter, claim=claim))

    def claim(
        self, index: int, reading: list[Formula], text: str, counterfactual: bool, concluding: bool = False
    ) -> None:
        frames = self.frames
        while frames and frames[-1].soft and not counterfactual:
            if frames[-1].line == index:
                self.conditional_ended = index
            self.close(index, "end")  # a plain assertion after "if ..., then ..." is a fact again
        after_conditional = self.conditional_ended == index
        if frames and concluding and not counterfactual and cases.negates(reading, frames[-1].assumptions):
            # "Suppose Leo is a knight. ... So Leo is a knave": the conclusion discharges the assumption
            self.close(index, "close-contradiction")
        if counterfactual and not frames:
            # "Kai would be a knave" with no case in force: its condition is unsaid, so it is checked as a
            # claim true whatever the condition (the puzzle entails it, and so every "if ..., then" that
            # ends in it); when it is not, the unsaid condition may make it right: unknown, not refuted
            made = Claim(index, reading, "would", [], text, 0, self.citing, self.restating)
            self.events.append(Event(index, "claim", made))
            return
        ctx = self.context()
        if ctx is None:
            self.unknown(index, f"made under an unreadable assumption: {text[:80]}")
            return
        mode: Mode = "fact" if not frames else ("conditional" if frames[-1].soft else "assumed")
        if mode == "fact":
            self.closed = False  # "So Lena is a knave. In that case ...": the case is now the fact
        if self.retracting:
            self.take_back(index, reading, mode)
        chained = len(frames[-1].derived) if frames else 0
        made = Claim(index, reading, mode, ctx, text, chained, self.citing, self.restating)
        made.after_conditional = after_conditional and mode == "fact"
        if self.reason and self.reason[0] == index:
            made.because = self.reason[1]
            self.reason.clear()
        self.events.append(Event(index, "claim", made))
        if frames:
            frames[-1].derived += reading

    def take_back(self, index: int, reading: list[Formula], mode: Mode) -> None:
        """The claim after a retraction names what it takes back when it flatly denies an earlier
        asserted fact ("Kai is a knight. Wait, that's wrong: Kai is a knave"): that fact is dropped
        (never checked, never a fact), and the correction is checked like any claim. A retraction that
        names nothing it takes back, or made under an assumption (where claims feed the assumption's
        context), is unknown, and the earlier claim stays as it was."""
        line = self.retracting.pop()
        if mode == "fact":
            for event in reversed(self.events):
                if event.what == "claim" and event.claim is not None and event.claim.mode == "fact":
                    denied = [f for f in event.claim.formulas if cases.negates(reading, [f])]
                    if denied:
                        # only the part named is taken back: "Lena is a knight and Sam is a knave. Wait,
                        # that's wrong: Lena is a knave" leaves "Sam is a knave" to be checked
                        event.claim.formulas = [f for f in event.claim.formulas if f not in denied]
                        note = f"takes back a claim on line {event.line + 1}"
                        self.events.append(Event(line, "retract", note=note, retracts=event.claim))
                        return
        if line in self.soft:
            return  # "Hmm, actually, Cal is a knight" with nothing it denies: a claim, checked as one
        self.unknown(line, "a retraction that does not name the claim it takes back")

    def assert_text(
        self, index: int, text: str, counterfactual: bool = False, concluding: bool = False
    ) -> None:
        """A clause asserted: read, and claimed when it reads; unknown when it is a claim the kind cannot
        read; nothing when it is prose or another speaker's words."""
        text = text if GRID_ROW.fullmatch(text) or verdicts.labelled(text) else unfill(text)
        if not text:
            return
        if verdicts.labelled(text) is not None:
            self.assert_verdict(index, text, counterfactual, concluding)
            return
        reading = self.read(refer.indicative(text) if counterfactual else text)
        if _NON_ASCII_LETTER.search(text) and not reported(text, self.read, self.mentions):
            # puzzle names and values are ASCII: "Αva" (a Greek capital alpha) must not pass for prose
            self.unknown(index, f"letters outside ASCII in a claim: {text[:80]}")
            return
        if reading is None:
            if _ABOUT_THE_TEXT.search(text):
                # "Every premise is a biconditional", "Only one clue mentions a pet": a claim about the
                # puzzle's own text, which no reader checks; never prose
                self.unknown(index, f"a claim about the puzzle's text that is not checked: {text[:80]}")
            return
        if _BARE_TRUTH.fullmatch(text):
            # "— false ✓", "the statement is false": a truth value said of something the reader does not
            # name (a claim about nothing is not a false claim)
            self.unknown(index, f"a truth value said of something not named: {text[:80]}")
            return
        if isinstance(reading, str):
            if reported(text, self.read, self.mentions):
                return  # reported speech: the speaker's words, not the writer's claim
            self.unknown(index, reading)
            return
        self.claim(index, reading, text, counterfactual, concluding)

    def assert_verdict(self, index: int, text: str, counterfactual: bool, concluding: bool) -> None:
        """ "Premise 2: F" read as "Premise 2 is false", and "Premise 2: ¬(T ∧ F) = F" whole, by the kind
        (`verdicts.py`): claimed when the kind reads it. A kind that does not ("Clue 3 is satisfied" in
        a zebra) leaves a verdict that the item holds as prose, as a check mark beside it always was,
        and any other unknown: of the unique solution every premise and clue holds, so a verdict that
        one fails, or a worked value nobody checks, could be a false claim. Where an item may be false in
        the solution (`verdicts_may_fail`: a knave's statement), every verdict the kind cannot read is
        unknown (`(2): T` for a knave's statement was prose)."""
        spelled = verdicts.spelled(text)
        reading = self.read(spelled[0] if spelled is not None else text)
        if isinstance(reading, list) and reading:
            # the label names what the verdict is about: it is the claim's subject, not a premise cited
            # as its reason (which the claim would have to follow from)
            self.citing = ()
            self.claim(index, reading, text, counterfactual, concluding)
        elif spelled is None or not spelled[1] or self.verdicts_may_fail:
            self.unknown(index, f"a verdict on a numbered item that is not read: {text[:80]}")


_NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")
# a quantified claim about the clues, premises or statements themselves: what they are, mention or hold
_ABOUT_THE_TEXT = re.compile(
    r"\b(?:every|all|each|only|none\s+of|no|both|any|exactly|most|one|two|three|four|five|six|several|"
    r"some|many|few)\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?(?:clues?|premises?|statements?|claims?)\s+"
    r"(?:is|are|was|were|mentions?|talks?|refers?|involves?|concerns?|says?|contains?|uses?|has|have|places?|"
    r"puts?|names?)\b"
    # (a check's summary, "All statements are consistent with the roles", judges the answer, checked there)
    r"(?!\s+(?:all\s+)?(?:consistent|satisfied|met|respected|fulfilled|checked|verified|true|false)\b)",
    re.I,
)
# "— false ✓": a truth word alone, the verdict on something said before it
_BARE_TRUTH = re.compile(r"[\W_]*(?:false|true|wrong|right|correct|incorrect)[\W_]*", re.I)
