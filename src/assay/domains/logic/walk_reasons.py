"""The reasons a trace gives for its claims, as the walk (`walk.py`) meets them: a premise, clue or
statement cited or restated before "so" ("Clue 2 says ..., so ...", "Lena says ..., so ..."), a statement
judged and then "so" ("his statement is false, so Quinn is a knight"), "It tells us ..." after a statement
judged, a formula given as the reason ("Since p → ¬s, ..."), a nonogram clue quoted for a claim about its
line. Each becomes a citation or a reason carried to the claim it is given for (`WalkState.pending`,
`WalkState.reason`), which the check holds the claim to; a reason that cannot be tied to its claim is
unknown. A role restated as "so the statement is true/false" after a report claims nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from assay.domains.logic import cases, marks
from assay.domains.logic.walk_state import WalkState
from assay.text.trigger_words import compile_guarded


class Reasons:
    """What the walk needs to tie reasons to claims: its state, the lines, and the kind's citation reader."""

    def __init__(self, state: WalkState, cites: Callable[[str], tuple[int, ...]]) -> None:
        self.state = state
        self.cites = cites
        self.lines: Sequence[str] = ()
        # the line and the speaker of the last statement judged ("Cleo's statement is true")
        self.last_judged: tuple[int, tuple[int, ...]] | None = None

    def it_says(self, index: int, piece: str) -> None:
        """ "Cleo's statement is true. It tells us Tess is a knave": the statement judged is the reason."""
        if self.last_judged and self.last_judged[0] in (index, index - 1) and _IT_SAYS.match(piece):
            self.state.pending[:] = [index, self.last_judged[1]]

    def restated_lead(self, index: int, piece: str) -> None:
        """ "By premise 4 (¬p ∨ q ∨ ¬r), p holds": the premise restated is checked as said, and the
        citation is also the reason for the claim that follows it on the line."""
        if self.state.citing and _RESTATED_LEAD.fullmatch(piece.strip()):
            self.state.pending[:] = [index, self.state.citing]

    def judged(self, index: int, piece: str) -> None:
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
            self.last_judged = (index, cited)
            if _JUDGED_SO.search(line):
                self.state.pending[:] = [index, cited]

    def line_clue(self, index: int, piece: str, host: str | None) -> str:
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

    def rule_of_report(self, index: int, piece: str) -> bool:
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

    def stated(self, index: int, piece: str) -> None:
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


def forced_claim(piece: str) -> str:
    """ "Otto must be a knight: any other choice contradicts the statements": the claim, and that the
    puzzle forces it, which its check already says."""
    forced = _FORCED_TAIL.match(piece)
    if forced is not None and marks.FORCED.match(forced.group("why")):
        return forced.group("claim")
    return piece


# "his statement is false", "Cleo's claim must be true": a statement judged, whose speaker the reader names
_JUDGED = compile_guarded(  # (a clause without its words is not scanned: `trigger_words.py`)
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
# (a clause without "other" is not scanned: `trigger_words.py`)
_FORCED_TAIL = compile_guarded(
    r"^(?P<claim>.+?)\s*[:;,—–-]\s*(?P<why>(?:any|every|each|the)\s+other\s+.+)$", re.I
)


def _literal(formula: list[Any]) -> bool:
    """A value ("p", "¬p", "Ava is a knight"), not a formula given as a reason."""
    return formula[0] in ("var", "true", "false") or (formula[0] == "not" and formula[1][0] == "var")


# "Since ", "because ", ", as ": the clause after it is the reason for the claim that follows
_SINCE_BEFORE = compile_guarded(r"(?:^|[.!?;:]\s+|,\s*)(?:since|because|as|given\s+that|from)\s+$", re.I)
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
