"""The walk over a response: every clause read in order, with the assumption in force.

`read.clauses` cuts lines into clauses; this module decides what each clause does. A clause may be
skipped only when it provably asserts nothing about the puzzle: it names nothing of the puzzle, or it
is a question nobody answers, or another speaker's words (`speech.py` tells which); a question answered
"Yes"/"No" states its claim, a tag question its body (`walk_questions.py`). "Assume/Suppose/Case k: ..."
opens an assumption (claims under it are checked with it); "If A, then B" is a conditional whose scope
ends at the next plain assertion; a contradiction, a "this works", or a conclusion that flatly denies
the assumption closes it (`walk_scopes.py`); anything else is asserted (`walk_state.py`). A claim-like
clause the kind cannot read is an `unknown` event, never skipped. What the walk records is in
`walk_events.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assay.domains.logic import asides, marks, refer, verdicts
from assay.domains.logic.citations import cited_numbers
from assay.domains.logic.read import (
    ANSWER,
    CONDITIONAL,
    EVERY_CASE,
    GRID_ROW,
    HYPOTHESIS,
    ClauseReader,
    clauses,
    clean,
    strip_answer_marker,
    unfill,
)
from assay.domains.logic.speech import YES_NO, anything, in_mood, split_report
from assay.domains.logic.walk_events import Claim as Claim
from assay.domains.logic.walk_events import Event as Event
from assay.domains.logic.walk_events import Mode as Mode
from assay.domains.logic.walk_questions import question
from assay.domains.logic.walk_reasons import Reasons, forced_claim
from assay.domains.logic.walk_scopes import discharges, judge, next_main, open_case, open_conditional
from assay.domains.logic.walk_state import WalkState

_QUESTION = re.compile(r"\?\s*$")


def walk(
    lines: Sequence[str],
    read: ClauseReader,
    mentions: Callable[[str], bool] = anything,
    cites: Callable[[str], tuple[int, ...]] = cited_numbers,
    verdicts_may_fail: bool = False,
) -> list[Event]:
    """Every clause of every line, read in order with the assumption in force. `mentions` says whether a
    clause names anything of the puzzle (`guard.mentions`); only a clause that names nothing may be
    skipped for its shape alone (a question, a quotation). Without it, every clause names something.
    `cites` finds the premises or clues a clause cites, as numbers (`cited_numbers` by default; a kind
    whose premises are not numbered has its own, `knights_cited.cited`). `verdicts_may_fail`: whether an
    item of the puzzle may be false in its solution (a knave's statement), so that a verdict that it holds
    is a claim like any other (`WalkState.assert_verdict`)."""
    walker = _Walker(WalkState(read, mentions, verdicts_may_fail=verdicts_may_fail), cites)
    walker.run(lines)
    return walker.state.events


class _Walker:
    def __init__(self, state: WalkState, cites: Callable[[str], tuple[int, ...]]) -> None:
        self.state = state
        self.cites = cites
        self.reasons = Reasons(state, cites)
        # a citation cut off before its clause ("By clue 2, ..."): its line and the events before that
        # clause was read, so that a citation no claim took up is not dropped unseen
        self.awaiting: tuple[int, int] | None = None

    def settle(self) -> None:
        """'Tess is a knave: ... by Hana's own words, that is.': a citation whose next clause made no
        claim, case or verdict is a reason for a claim the reader cannot place, so its line is unknown."""
        if self.awaiting is None:
            return
        line, seen = self.awaiting
        self.awaiting = None
        if len(self.state.events) == seen:  # the clause after it was read as claiming nothing
            self.state.unknown(line, "a citation that no claim on its line takes up")

    def run(self, lines: Sequence[str]) -> None:
        state = self.state
        self.reasons.lines = lines
        cut = [clauses(raw) if raw.strip() else [] for raw in lines]

        def after(index: int, position: int) -> str | None:
            """The next main clause after this one, on this line or a later one (what answers a question)."""
            found = next_main(cut[index], position + 1)
            for later in cut[index + 1 :]:
                if found is not None:
                    break
                found = next_main(later, 0)
            return found

        last = -1  # the last line with text: a retraction is resolved on its own line or the next one
        for index, raw in enumerate(lines):
            if not raw.strip():
                continue
            if state.retracting and (ANSWER.match(clean(raw)) or state.retracting[-1] not in (index, last)):
                state.unknown(state.retracting.pop(), "a retraction with no claim after it")
            last = index
            if ANSWER.match(clean(raw)):
                state.close_all(index)  # the answer is asserted, whatever case analysis came before
            if _TOPIC_HEADING.match(raw):
                continue  # "### Step 1: r": a heading that names what the step is about claims nothing
            for position, (piece, host) in enumerate(cut[index]):
                following = after(index, position) if piece.rstrip().endswith("?") else None
                state.tail = next_main(cut[index], position + 1) is None
                self.settle()
                self.process(index, piece, host, following=following)
        self.settle()
        state.close_all(len(lines) - 1 if lines else 0)
        while state.retracting:
            state.unknown(state.retracting.pop(), "a retraction with no claim after it")

    def process(
        self,
        index: int,
        piece: str,
        host: str | None,
        forced_mood: bool = False,
        following: str | None = None,
    ) -> None:
        reasons = self.reasons
        if host is None:
            reasons.it_says(index, piece)
            if reasons.rule_of_report(index, piece):
                return
        piece = reasons.line_clue(index, piece, host)
        if not piece:
            return
        if host is None:
            piece = forced_claim(piece)
        self._read(index, piece, host, forced_mood, following)
        if host is None:
            reasons.judged(index, piece)
        reasons.stated(index, piece)
        if host is None:
            reasons.restated_lead(index, piece)

    def _read(
        self,
        index: int,
        piece: str,
        host: str | None,
        forced_mood: bool = False,
        following: str | None = None,
    ) -> None:
        state, read, mentions = self.state, self.state.read, self.state.mentions
        frames = state.frames
        if state.answered and host is None and piece == state.answered[0]:
            state.answered.clear()
            piece = YES_NO.sub("", clean(piece), count=1).lstrip(" ,.!:;—–-")
            if not piece:
                return
        check = marks.CHECK.match(piece)
        if check is not None:  # "Check: Ben is a knight ...", "Check Jade: her statement ...": asserted
            piece = piece[check.end() :]
            who = check.group("who")
            if who and mentions(who):
                piece = refer.name_pronoun(piece, who)
        if not piece.strip():
            return
        if host is None:
            # "Start with Cleo. If she were a knave, ...": the look names who the next clause's pronoun is
            looked, state.focus[:] = state.focus[:], []
            focused = marks.FOCUS.match(clean(piece))
            if focused is not None and mentions(focused.group("who")):
                state.focus.append(focused.group("who"))
                return  # the look itself claims nothing
            if looked:
                piece = refer.name_pronoun(piece, looked[0])
        if host is not None:  # "Row 2 (clue 2 1)": the clue restated, not a citation of clue 2
            piece = asides.line_clue(piece, host) or piece
        # "(by her statement)": the pronoun is the host's one subject, when that is certain
        state.citing = self.cites(
            piece if host is None else asides.cited_text(piece, strip_answer_marker(host), read, mentions)
        )
        state.restating = bool(marks.RESTATES.search(piece))
        if host is None and not frames and state.closed and marks.CLOSED_CASE.match(clean(piece)):
            # "...: contradiction. In that case Sam is also a knight.": the claim is about the case just
            # refuted, where it is not a fact, and the case is no longer in force to check it under
            state.unknown(index, f"a claim about a case already refuted: {piece[:80]}")
            return
        if host is None and state.citing and marks.citation_only(piece):
            last = state.last_claim(index)
            if state.tail and last is not None:
                # "the rabbit is in house 4 — see clue 6": a citation that ends the line is the claim's
                last.cited = tuple(dict.fromkeys([*last.cited, *state.citing]))
                # "— premise 2 gives it": the cited ones are said to give it themselves
                last.forced = last.forced or bool(marks.CITATION_CLAIM.search(piece))
                return
            # "By clue 2, tea is in house 2" is cut at the comma: the citation is the next clause's
            state.pending[:] = [index, state.citing]
            return
        led = host is None and bool(state.pending) and state.pending[0] == index  # by the citation before
        if led:
            state.citing = tuple(dict.fromkeys([*state.pending[1], *state.citing]))
            self.awaiting = (index, len(state.events))
        if host is None:
            state.pending.clear()
        dashed = _DASH_TAIL.search(piece) if host is None else None
        taken_back = clean(piece) if host is not None else (clean(dashed.group(1)) if dashed else "")
        if taken_back and (marks.RETRACTION.match(taken_back) or _WRONG_ALONE.fullmatch(taken_back)):
            # "Hana is a knave — no, that's wrong.", "q is false (oops, wrong)": the writer takes the claim
            # back in its own aside and names nothing in its place
            state.unknown(index, f"a claim taken back in its own aside: {piece[:80]}")
            return
        retraction = marks.RETRACTION.match(clean(piece)) if host is None else None
        soft = marks.SOFT_RETRACTION.match(clean(piece)) if host is None and retraction is None else None
        if soft is not None and not frames and clean(piece)[soft.end() :].strip(" ,.:;!—–-"):
            state.soft.add(index)
            retraction = soft
        if retraction is not None and not frames:
            # "Wait, that's wrong: Kai is a knave": the next claim says what is taken back
            while state.retracting:
                state.unknown(state.retracting.pop(), "a retraction never resolved")
            state.retracting.append(index)
            rest = clean(piece)[retraction.end() :].strip(" ,.:;!—–-")
            if rest:
                self.process(index, rest, None, forced_mood, following)
            return
        hedge = marks.HESITATION.match(piece)
        if hedge is not None and marks.VERDICT_ONLY.match(piece[hedge.end() :].strip(" ,.!:;—–-")):
            piece = piece[hedge.end() :].strip(" ,.!:;—–-")  # "Hmm, that leads to a contradiction"
            hedge = None
        if (
            "other" in piece.lower()
            and marks.FORCED.match(unfill(piece))
            and state.events
            and state.events[-1].line == index
            and state.events[-1].what == "claim"
        ):
            return  # "Dan is a knave, since any other role contradicts the statements": the claim's reason
        if hedge is not None and any(e.line == index and e.what == "claim" for e in state.events):
            # "Gus is a knave... no, a knight": the writer takes back the claim before it and says
            # something the reader cannot complete; the line cannot count as the first claim alone
            state.unknown(index, f"a claim corrected on its own line: {piece[:80]}")
            return
        if host is not None and state.citing and marks.citation_only(piece):
            # "tea is in house 2 (clue 3)": the bracket cites the clue for the claim it is attached to
            last = state.last_claim(index)
            if last is not None:
                last = state.cited_part(index, last, unfill(strip_answer_marker(host)))
                last.cited = tuple(dict.fromkeys([*last.cited, *state.citing]))
                last.restated = last.restated or state.restating  # "[clue 1 says so]"
                # "(premise 2 gives it)": the cited ones are said to give it themselves
                last.forced = last.forced or bool(marks.CITATION_CLAIM.search(piece))
            return
        previous = state.previous
        if host is not None:
            piece = asides.resolve(piece, strip_answer_marker(host), read, mentions)
        elif previous[0] == index or (
            0 <= previous[0] < index and HYPOTHESIS.match(unfill(strip_answer_marker(previous[1])))
        ):
            # the clause before on this line, or a case heading on the line before ("**Case 1: Alice is a
            # knight.**" then "Then her statement is true"): a pronoun leading the clause may be its subject
            piece = (
                refer.judged_report(piece, previous[1], mentions)
                or refer.line_cell(piece, previous[1])
                or refer.resolve_lead(piece, refer.host_text(previous[1]), read, mentions)
            )
        if host is None:
            previous[:] = [index, piece]
        text = piece if GRID_ROW.fullmatch(piece) else unfill(strip_answer_marker(piece))
        if verdicts.labelled(strip_answer_marker(piece).strip(" ,;")):
            # "P2: F", "(2): F": the label unfilling drops as a citation is what the verdict is about
            text = strip_answer_marker(piece).strip(" ,;")
        if not text:
            return
        every = EVERY_CASE.search(text)
        if every is not None and host is None:
            # "r = false in every case": a fact, checked as one; inside a case it would be checked under
            # that case only, which is less than it says
            if any(not frame.soft for frame in frames):
                state.unknown(index, f"a claim said of every case, inside one: {text[:80]}")
                return
            state.close_all(index)
            text = text[: every.start()].strip(" .,;:!")
        if _QUESTION.search(piece):
            supposed = _WHAT_IF.match(text) if host is None else None
            if supposed is None:
                question(state, index, text, following)
                return
            # "What if Ava is a knave? Then Ben is a knight.": the question supposes, and what follows is
            # said under it, as after "Suppose Ava is a knave."
            text = text.rstrip(" ?")
        split = split_report(text, read, mentions) if host is None else None
        if split is not None:
            for part in split:  # the report and the writer's own clause, each read on its own
                self.process(index, part, None, forced_mood, following)
            return
        # the mood is read before the filler goes: "premise 3 would force r true" is said under the case
        mood = forced_mood or in_mood(clean(piece), mentions)
        if (
            host is not None
            and frames
            and frames[-1].soft
            and frames[-1].line == index
            and marks.CONSISTENT_TAIL.match(text)
        ):
            state.close(index, "close-consistent")  # "If A, then B (no contradiction)": the case judged
            return
        forced = bool(state.citing) and bool(marks.CITATION_CLAIM.search(piece))
        if forced and not marks.CITATION_ONLY.sub("", marks.CITATION_CLAIM.sub("", piece)).strip(" .,;:"):
            # "s = true (premise 4 forces it)", "— premise 3 forces it", "(clue 5 alone)": the cited ones
            # are said to give the claim themselves, which the check holds them to (`Claim.forced`)
            last = state.last_claim(index)
            if (host is not None or state.tail) and last is not None:
                last.cited = tuple(dict.fromkeys([*last.cited, *state.citing]))
                last.forced = True
                return
        if state.citing and host is None and marks.CITATION_CLAIM.search(piece) and read(text) is None:
            # "q = false — premise 1 forces it": the citation says its premise gives the claim before it
            state.unknown(index, f"a citation in words that are not read: {piece[:80]}")
            return
        aside_conditional = CONDITIONAL.match(text) if host is not None else None
        if aside_conditional is not None and not state.citing:
            # "Ben is a knave (if Ben were a knight, he would be lying)": a counterfactual given as the
            # reason is a conditional like any other, its consequent read under its antecedent
            open_conditional(state, self.process, index, text, aside_conditional, mood, following)
            return
        if host is not None:  # an aside gives a reason or restates; it opens and closes nothing
            if state.citing and read(text) is None:
                # "(by premise 3 alone)", "[clue 1 forces it]": a citation with words that say more than
                # which premise it is, and nothing here reads them
                state.unknown(index, f"a citation in words that are not read: {piece[:80]}")
                return
            state.assert_text(index, text, counterfactual=mood)
            return
        hypothesis = HYPOTHESIS.match(text)
        conditional = CONDITIONAL.match(text)
        if led and ((hypothesis and hypothesis.end() < len(text)) or conditional):
            # "From (2) and (3): if r were true, both ¬q and q would hold", "Premise 1 says: if r then p":
            # the citation before is the reason for what the case or conditional then claims
            state.pending[:] = [index, state.citing]
        if hypothesis and hypothesis.end() < len(text):
            open_case(state, self.process, index, text, hypothesis, following)
            return
        if conditional:
            open_conditional(state, self.process, index, text, conditional, mood, following)
            return
        if judge(state, index, text, mood):
            return
        concluding = bool(marks.CONCLUDING.match(clean(piece)))
        if forced_mood and host is None and discharges(state, index, text, in_mood(clean(piece), mentions)):
            return
        state.assert_text(index, text, counterfactual=mood, concluding=concluding)


# "What if Ava is a knave?": a question that opens a case (`HYPOTHESIS` reads "what if")
_WHAT_IF = re.compile(r"^what\s+if\s+[^?]+\?\s*$", re.I)


# "Hana is a knave — no, that's wrong": what a dash adds after a claim
_DASH_TAIL = re.compile(r"\s[—–-]+\s*(\S.*)$")
# "oops, wrong", "my mistake": a bare retraction in an aside
_WRONG_ALONE = re.compile(
    r"(?:(?:wait|no|oops|whoops|hmm+|actually|sorry|nope)[\s,.!—–-]+)*(?:wrong|not\s+right|incorrect|my\s+mistake|"
    r"my\s+bad|a\s+mistake|mistaken)[\s.!]*",
    re.I,
)


# A markdown heading, or a line in bold ("**Step 2: Ava**"), whose words after an optional "Step N:" are one
# or a few names and nothing else
_TOPIC_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*|(?=\*\*))(?:\*\*)?\s*(?:step\s*\d+\s*[:.)\-–—]\s*)?"
    r"[A-Za-z][\w-]*(?:\s*(?:,|&|\band\b)\s*[A-Za-z][\w-]*)*\s*(?:\*\*)?\s*$",
    re.I,
)
