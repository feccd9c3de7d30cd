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
from typing import Any

from assay.domains.logic import asides, cases, marks, refer
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
from assay.domains.logic.walk_scopes import discharges, judge, next_main, open_case, open_conditional
from assay.domains.logic.walk_state import WalkState

_QUESTION = re.compile(r"\?\s*$")


def walk(
    lines: Sequence[str],
    read: ClauseReader,
    mentions: Callable[[str], bool] = anything,
    cites: Callable[[str], tuple[int, ...]] = cited_numbers,
) -> list[Event]:
    """Every clause of every line, read in order with the assumption in force. `mentions` says whether a
    clause names anything of the puzzle (`guard.mentions`); only a clause that names nothing may be
    skipped for its shape alone (a question, a quotation). Without it, every clause names something.
    `cites` finds the premises or clues a clause cites, as numbers (`cited_numbers` by default; a kind
    whose premises are not numbered has its own, `knights_cited.cited`)."""
    walker = _Walker(WalkState(read, mentions), cites)
    walker.run(lines)
    return walker.state.events


class _Walker:
    def __init__(self, state: WalkState, cites: Callable[[str], tuple[int, ...]]) -> None:
        self.state = state
        self.cites = cites
        self.lines: Sequence[str] = ()
        self.judged: tuple[int, tuple[int, ...]] | None = None  # the line and speaker of a statement judged

    def run(self, lines: Sequence[str]) -> None:
        state = self.state
        self.lines = lines
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
                self.process(index, piece, host, following=following)
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
        if host is None and self.judged and self.judged[0] in (index, index - 1) and _IT_SAYS.match(piece):
            # "Cleo's statement is true. It tells us Tess is a knave": the statement judged is the reason
            self.state.pending[:] = [index, self.judged[1]]
        if host is None and self._rule_of_report(index, piece):
            return
        piece = self._line_clue_reason(index, piece, host)
        if not piece:
            return
        forced = _FORCED_TAIL.match(piece) if host is None else None
        if forced is not None and marks.FORCED.match(forced.group("why")):
            # "Otto must be a knight: any other choice contradicts the statements": the claim, and that the
            # puzzle forces it, which its check already says
            piece = forced.group("claim")
        self._read(index, piece, host, forced_mood, following)
        if host is None:
            self._judged_reason(index, piece)
        self._stated_reason(index, piece)
        if host is None and self.state.citing and _RESTATED_LEAD.fullmatch(piece.strip()):
            # "By premise 4 (¬p ∨ q ∨ ¬r), p holds": the premise restated is checked as said, and the
            # citation is also the reason for the claim that follows it on the line
            self.state.pending[:] = [index, self.state.citing]

    def _judged_reason(self, index: int, piece: str) -> None:
        """ "Then his statement is false, so Quinn is a knight": a statement judged true or false and then
        "so" is the reason for the claim after it, held to it like "by Finn's statement" (the speaker is
        the one the judged clause was read to be about)."""
        line = self.lines[index] if 0 <= index < len(self.lines) else ""
        if not _JUDGED.search(piece):
            return
        last = self.state.last_claim(index)
        if last is None or len(last.formulas) != 1 or last.formulas[0][0] != "var":
            return
        who = last.formulas[0][1]
        cited = self.cites(f"by {who}'s statement") if isinstance(who, str) else ()
        if cited:
            self.judged = (index, cited)
            if _JUDGED_SO.search(line):
                self.state.pending[:] = [index, cited]

    def _line_clue_reason(self, index: int, piece: str, host: str | None) -> str:
        """ "Column 2 is empty (its clue is 0)", "... because its clue is 0": "its clue" is the clue of the
        line the claim is about, read as that line's ("Column 2's clue is 0") and checked. A clue quoted as
        the reason for a claim about another line ("Column 2 is empty because row 5's clue is 1 1 1") is
        no reason for it: unknown. Returns the clause to read ("" when it was judged here)."""
        about = (
            host if host is not None else (self.state.previous[1] if self.state.previous[0] == index else "")
        )
        label = _LINE_LABEL.match(about or "")
        its = _ITS_CLUE.match(piece)
        if its is not None:
            return f"{label.group(1)}'s {its.group(1)}" if label is not None else piece
        quoted = _QUOTED_CLUE.match(piece)
        if quoted is not None and label is not None:
            mine = re.sub(r"\s+", " ", label.group(1).lower()).replace("col ", "column ")
            line = quoted.group("line") or quoted.group("line2")
            theirs = re.sub(r"\s+", " ", line.lower()).replace("col ", "column ")
            if mine != theirs:
                self.state.unknown(index, f"a clue of another line given as the reason: {piece[:80]}")
                return ""
        return piece

    def _rule_of_report(self, index: int, piece: str) -> bool:
        """ "- Hana says "..." — Hana is a knave, so the statement is false": after a role claimed for the
        speaker of a report on the same line, "the statement" is that speaker's, and saying it is true of
        a knight or false of a knave restates the role (already checked): nothing more is claimed. Any
        other pairing is read (and is unknown)."""
        last = self.state.last_claim(index)
        if last is None or len(last.formulas) != 1 or last.formulas[0][0] != "var":
            return False
        who = last.formulas[0][1]
        line = self.lines[index] if 0 <= index < len(self.lines) else ""
        if not isinstance(who, str) or not re.search(
            rf"\b{re.escape(who)}\s+(?:says|said|claims|claimed)\b", line
        ):
            return False
        return cases.rule_restated(last.formulas, piece)

    def _stated_reason(self, index: int, piece: str) -> None:
        """ "Clue 2 says blue is next to cocoa, so blue is in house 3", "The red house is left of the rabbit
        (clue 4), so red is house 1", "Lena says Quinn is a knave, so Lena is a knave": a premise, clue or
        speaker's words given as the reason for the claim after "so" is held to it like a citation."""
        line = self.lines[index] if 0 <= index < len(self.lines) else ""
        text = piece.strip()
        at = line.find(text) if text else -1
        if at < 0:
            return
        if _SINCE_BEFORE.search(line[:at]) or _SO_AFTER.match(line, at + len(text)):
            # "Since p → ¬s, s is false", "r ↔ ¬q, so r is true": a formula given as the reason
            last = self.state.last_claim(index)
            if last is not None and any(not _literal(f) for f in last.formulas):
                self.state.reason[:] = [index, list(last.formulas)]
        if not _SO_AFTER.match(line, at + len(text)):
            return
        # every premise the sentence cites before the "so": "Premise 5 says r → p and premise 1 says ¬r → p,
        # so p is true" draws on both
        start = max([0, *(m.end() for m in _SENTENCE_OR_SO.finditer(line, 0, at))])
        cited = tuple(dict.fromkeys([*self.cites(line[start : at + len(text)]), *self.state.citing]))
        speaker = _REPORTER.match(text)
        if not cited and speaker is not None:
            cited = self.cites(f"by {speaker.group('who')}'s statement")
        if cited:
            self.state.pending[:] = [index, cited]

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
        state.citing = self.cites(piece)
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
        if host is None:
            state.pending.clear()
        retraction = marks.RETRACTION.match(clean(piece)) if host is None else None
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
            question(state, index, text, following)
            return
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


# "his statement is false", "Cleo's claim must be true": a statement judged, whose speaker the reader names
_JUDGED = re.compile(
    r"\b(?:his|her|their|[A-Z][\w-]*(?:'s|’s))\s+(?:own\s+)?(?:statement|claim|words)\s+(?:is|are|must\s+be|"
    r"would\s+be|has\s+to\s+be)\s+(?:true|false)\b"
)
# ", so", "; therefore", "), which means": what follows is drawn from the clause before it
_SO_AFTER = re.compile(
    r"[\s)\]]*[,;:]?\s*(?:and\s+)?(?:so|therefore|thus|hence|which\s+(?:means|gives)|meaning|that\s+means)\b",
    re.I,
)
# nonogram lines and their clues quoted: "Column 2 is empty", "its clue is 2 1", "row 5's clue is 1 1 1"
_LINE_LABEL = re.compile(r"^\s*((?:row|column|col)\s*\d{1,2})\b", re.I)
_ITS_CLUE = re.compile(r"^\s*its\s+(clue\b.*)$", re.I)
_QUOTED_CLUE = re.compile(
    r"^\s*(?:the\s+clue\s+(?:for|of)\s+(?P<line2>(?:row|column|col)\s*\d{1,2})|"
    r"(?P<line>(?:row|column|col)\s*\d{1,2})(?:'s|’s)\s+clue)\s+is\b",
    re.I,
)
# a claim and, after a colon or dash, that every other value fails
_FORCED_TAIL = re.compile(r"^(?P<claim>.+?)\s*[:;,—–-]\s*(?P<why>(?:any|every|each|the)\s+other\s+.+)$", re.I)


def _literal(formula: list[Any]) -> bool:
    """A value ("p", "¬p", "Ava is a knight"), not a formula given as a reason."""
    return formula[0] in ("var", "true", "false") or (formula[0] == "not" and formula[1][0] == "var")


# "Since ", "because ", ", as ": the clause after it is the reason for the claim that follows
_SINCE_BEFORE = re.compile(r"(?:^|[.!?;:]\s+|,\s*)(?:since|because|as|given\s+that|from)\s+$", re.I)
# where the sentence or the last step drawn in it begins
_SENTENCE_OR_SO = re.compile(r"[.!?]\s|\b(?:so|therefore|thus|hence|then)\b", re.I)
# "Lena says Quinn is a knave": a report whose speaker is named first
_REPORTER = re.compile(
    r"(?P<who>[A-Z][\w-]*)\s+(?:says|said|claims|claimed|states|stated|asserts|asserted|calls|called)\b"
)
# "It tells us Tess is a knave": what the statement judged just before says
_IT_SAYS = re.compile(r"^\s*(?:and\s+)?it\s+(?:tells\s+us|says|states|claims|asserts)\b", re.I)
# ... and the claim after it drawn from it: "..., so", "...; therefore", "..., which means"
_JUDGED_SO = re.compile(
    r"(?:statement|claim|words)\s+(?:is|are|must\s+be|would\s+be|has\s+to\s+be)\s+(?:true|false)\s*[,;:]?\s*"
    r"(?:and\s+)?(?:so|therefore|thus|hence|which\s+means|meaning|that\s+means)\b",
    re.I,
)
# "premise 4 (¬p ∨ q ∨ ¬r)", "Using clue 2 (red with the Swede)": a citation with what it cites restated
_RESTATED_LEAD = re.compile(
    r"(?:(?:by|from|using|via|per|with|according\s+to)\s+)?(?:the\s+)?(?:premise|clue|constraint|condition|"
    r"statement|rule|hint|fact)\s*#?\s*\d{1,3}\s*\([^()]*\)[\s.,:;]*",
    re.I,
)


# A markdown heading whose words after an optional "Step N:" are one or a few names and nothing else
_TOPIC_HEADING = re.compile(
    r"^\s*#{1,6}\s*(?:\*\*)?\s*(?:step\s*\d+\s*[:.)\-–—]\s*)?"
    r"[A-Za-z][\w-]*(?:\s*(?:,|&|\band\b)\s*[A-Za-z][\w-]*)*\s*(?:\*\*)?\s*$",
    re.I,
)
