"""Who a pronoun points at, in the clause after the one that names it: "Assume Lena is a knight. Then
her statement is true", "Sam and Kai tell the truth, so they are knights", "If Finn were a knave, his
statement would be false", "Check Jade: her statement is false".

A pronoun is replaced only when its referent is certain: the clause before is a claim about exactly one
named thing and names it first, or opens with a list of two or more names for "they". Otherwise the
clause is left as it is, and its pronoun keeps it unreadable (unknown), never read as a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assay.domains.logic.asides import resolve_aside
from assay.domains.logic.read import (
    CONDITIONAL,
    HYPOTHESIS,
    ClauseReader,
    strip_answer_marker,
    unfill,
)
from assay.domains.logic.speech_words import REPORT_VERB

_ANY_PRONOUN = re.compile(r"\b(?:he|she|they|they're|his|her|their|them)\b", re.I)
_PRONOUN_START = re.compile(r"^\s*(?:he|she|they|his|her|their)\b", re.I)
_PLURAL = re.compile(r"\b(?:both|all|each|every|together|two|three|four|five|others?|rest)\b", re.I)
# "would (then) be" is "is"; "would make", "would mean": the verb stays ("Finn's statement makes Dan a
# knave"), only the mood goes
_MOOD = re.compile(
    r"\b(?:were|would\s+(?:(?:then|also|still|therefore|thus)\s+)?(?:have\s+to\s+)?be|"
    r"would(?!\s+(?:then\s+)?(?:make|mean|imply|force|give|require)\b))\b",
    re.I,
)
_MOOD_VERB = re.compile(r"\bwould\s+(?:then\s+)?(make|mean|imply|force|give|require)\b", re.I)


def indicative(text: str) -> str:
    """'Ben were a knight', 'Ava would be a knave' as plain assertions (the mood is tracked apart);
    'would make' as 'makes'."""
    text = _MOOD_VERB.sub(lambda m: m.group(1) + ("es" if m.group(1).lower() == "imply" else "s"), text)
    return _MOOD.sub("is", text).replace("implyes", "implies")


_APPOSED_PRONOUN = re.compile(
    r"(,\s*(?:next\s+to|beside|adjacent\s+to|(?:directly\s+|immediately\s+)?(?:left|right)\s+of)\s+)(him|her)(\s*,)",
    re.I,
)
# "If she were a knave": a hypothesis word may come before the pronoun
_LEAD_HYPOTHESIS = r"^((?:(?:if|suppose|supposing|assume|assuming|say)\s+(?:that\s+)?)?)"
_LEAD_SUBJECT = re.compile(rf"{_LEAD_HYPOTHESIS}(?:he|she|they)(?![\w'-])", re.I)
_LEAD_POSSESSIVE = re.compile(rf"{_LEAD_HYPOTHESIS}(?:his|her|their)(?![\w'-])", re.I)


def name_pronoun(clause: str, who: str) -> str:
    """'her statement is false' after "Check Jade:" is Jade's: only a pronoun opening the clause."""
    lead = unfill(clause)
    where = clause.find(lead) if lead else -1
    if where < 0:
        return clause
    named = _LEAD_POSSESSIVE.sub(
        lambda m: f"{m.group(1)}{who}'s",
        _LEAD_SUBJECT.sub(lambda m: m.group(1) + who, lead, count=1),
        count=1,
    )
    return clause[:where] + named + clause[where + len(lead) :]


_BEING = re.compile(r"^(him|her|them)\s+being\b", re.I)
_SUBJECT_OF = {"him": "he is", "her": "she is", "them": "they are"}
_THEY = re.compile(r"^(?:they\s+are|they're|they|both\s+of\s+them|the\s+two\s+of\s+them)(?![\w'-])", re.I)
_GROUP_SUBJECT = re.compile(
    r"^(?P<names>[A-Za-z][\w-]*(?:\s*,\s*[A-Za-z][\w-]*)*\s*,?\s+and\s+[A-Za-z][\w-]*)(?=\s+(?!and\b|or\b)\w)",
    re.I,
)


def host_text(host: str) -> str:
    """The clause a pronoun may point into, without its answer marker, filler or assumption opener
    ("Assume Lena is a knight": the pronoun after it is Lena)."""
    text = unfill(strip_answer_marker(host))
    opener = HYPOTHESIS.match(text)
    if opener:
        return text[opener.end() :]
    conditional = CONDITIONAL.match(text)  # "If Finn were a knave, his statement ...": Finn
    return indicative(conditional.group(1)) if conditional else text


def resolve_lead(piece: str, host: str, read: ClauseReader, mentions: Callable[[str], bool]) -> str:
    """A clause that opens with a pronoun, after any filler ("Then her statement is true", "so they are
    knights"), with the pronoun replaced by the subject of the clause just before: a singular one when
    that clause is a claim about exactly one named thing (`resolve_aside`), "they" when it opens with
    a list of two or more names ("Sam and Kai tell the truth"). Otherwise the clause is unchanged, and
    its pronoun leaves it unreadable."""
    apposed = _APPOSED_PRONOUN.search(piece)
    if apposed is not None:  # "so the black house, next to him, is house 2": him is the host's subject
        who = resolve_aside("he", host, read)
        if who != "he":
            piece = piece[: apposed.start(2)] + who + piece[apposed.end(2) :]
    # "(consistent with) him being a knave": the object pronoun of a gerund is its subject
    piece = _BEING.sub(lambda m: _SUBJECT_OF[m.group(1).lower()], piece)
    if not _ANY_PRONOUN.search(piece):
        return piece  # most clauses: nothing to resolve, no need to strip their filler
    lead = unfill(piece)
    where = piece.find(lead) if lead else -1
    if where < 0:
        return piece
    they = _THEY.match(lead)
    group = _GROUP_SUBJECT.match(host) if they else None
    # "her statement is true: Bill and May are both knaves": only the clause's own head is counted
    if group is None and _PRONOUN_START.match(lead) and not _PLURAL.search(re.split(r"[:;,]", lead)[0]):
        resolved = resolve_aside(lead, host, read)
    else:
        if they is None or group is None:
            return piece
        names = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", group.group("names"))
        if len(names) < 2 or not all(mentions(name) and name[:1].isupper() for name in names):
            return piece
        verb = " are" if they.group(0).lower() in ("they are", "they're") else ""
        resolved = group.group("names") + verb + lead[they.end() :]
    return piece[:where] + resolved + piece[where + len(lead) :]


_JUDGEMENT = re.compile(
    r"^(?P<lead>(?:(?:so|and|but|then|yet|clearly|obviously|indeed)[\s,]+)*)(?:(?:that|this|it|which)(?:'s|\s+is|\s+was)\s+)?"
    r"(?P<neg>not\s+)?(?P<truth>true|false|a\s+lie|correct|incorrect)(?:\s+(?:too|as\s+well|also))?[\s.!]*$",
    re.I,
)
_AFFIRMED = re.compile(r"^(?:(?:and|indeed)[\s,]+)?(?:it|that|this)\s+(?:is|was)(?:\s+indeed)?[\s.!]*$", re.I)
_MUST_BE = re.compile(
    r"\b(?:must|should|has\s+to|needs\s+to)\s+(?:then\s+)?be\s+(?P<truth>true|false)[\s.!]*$", re.I
)
_REPORT = re.compile(
    r"^(?:(?:so|and|but|then|now|next|also)[\s,]+)*(?P<who>[A-Z][\w-]*)(?:'s\s+(?:statement|claim))?\s+"
    rf"(?:{REPORT_VERB})\s+(?:that\s+)?(?P<said>[^,;]+?)[\s.!]*$",
    re.I,
)
_QUOTED = re.compile(
    r"^(?:(?:so|and|but|then|now|next|also)[\s,]+)*(?P<who>[A-Z][\w-]*)'s?\s+(?:statement|claim|assertion|words?)\s*,?\s*"
    r"(?:\(?\s*(?P<said>\"[^\"]+\")|(?=\s+(?:is|was|says|requires|needs|mentions|would|must)\b))",
    re.I,
)


def judged_report(piece: str, before: str, mentions: Callable[[str], bool]) -> str | None:
    """ "that's false" right after "Faith says Will is a knave" (or 'Mia's statement "..." ...') judges
    that report: it is read as "Faith says Will is a knave, which is false" (or 'Mia's statement
    "..." is false'), so the kind checks the words against what the speaker said and gives the speaker's
    role. None when the clause is no such judgement or the clause before it is no such report."""
    judged = _JUDGEMENT.match(piece.strip())
    affirmed = _AFFIRMED.match(piece.strip())
    required = _MUST_BE.search(before) if affirmed is not None else None
    if judged is None and required is None:
        return None
    # 'Bob's statement "..." must then be false; it is': the value the clause before required, affirmed
    truth = (
        required.group("truth")
        if required is not None
        else ("not " if judged is not None and judged.group("neg") else "")
        + (judged.group("truth") if judged else "")
    )
    quoted = _QUOTED.match(before.strip())
    if quoted is not None and mentions(quoted.group("who")):
        said = quoted.group("said")
        return f"{quoted.group('who')}'s statement {said + ' ' if said else ''}is {truth}"
    report = _REPORT.match(before.strip())
    if (
        report is not None
        and mentions(report.group("who"))
        and judged is not None
        and not judged.group("neg")
    ):
        return f"{report.group('who')} says {report.group('said')}, which is {truth}"
    return None


_ONE_CELL = re.compile(
    r"^(?P<line>row|column|col)\s*(?P<index>\d{1,2})\s+(?:has|needs|contains|holds)\s+(?:a\s+single|only\s+one|"
    r"exactly\s+one|just\s+one|one)\s+(?:filled\s+|shaded\s+|black\s+)?(?:cell|square|box)[\s.!]*$|"
    r"^(?P<line2>row|column|col)\s*(?P<index2>\d{1,2})\s+(?:has|needs|is)\s+a\s+(?:single\s+)?run\s+of\s+1[\s.!]*$",
    re.I,
)
_IT_AT = re.compile(
    r"^(?:it|that\s+cell|the\s+cell|that\s+one)\s*(?:'s|\s+is|\s+must\s+be|\s+has\s+to\s+be)\s+(?:in\s+|at\s+)?"
    r"(?P<line>row|column|col)\s*(?P<index>\d{1,2})[\s.!]*$",
    re.I,
)


def line_cell(piece: str, before: str) -> str | None:
    """ "Row 2 has a single cell, so it is column 3": the one filled cell of the line the clause before
    names, placed by the clause: "r2c3 is filled". None unless the clause before says its line holds
    exactly one filled cell (a single cell, one square, a run of 1: never an empty or missing one) and
    this clause places "it" across that line (a column for a row, a row for a column)."""
    it = _IT_AT.match(unfill(piece))
    one = _ONE_CELL.match(unfill(before)) if it is not None else None
    if it is None or one is None:
        return None
    line = (one.group("line") or one.group("line2")).lower()
    index = one.group("index") or one.group("index2")
    across = it.group("line").lower()
    if (line == "row") == (across == "row"):
        return None  # "Row 2 has a single cell, so it is row 3": not across the line, not read
    row, column = (index, it.group("index")) if line == "row" else (it.group("index"), index)
    return f"r{row}c{column} is filled"
