"""What a clause does as speech: asks, states with a question mark, answers, or reports another's words.

The walk may skip a question only when it asks (it opens with a question word) and nothing after it
answers it; "Lena is a knave, isn't it?" states its body, and "Is Lena a knight? Yes." states "Lena is
a knight". It may skip reported speech only when the speaker is someone of the puzzle other than the
writer: "We can safely say ...", "My claim: ...", '"...," I concluded' are the writer's own claims.
Nothing here widens what is skipped: every shape it names as a question or a report is narrower than
the shapes the walk skipped before it (any "?" and any speech verb).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assay.domains.logic.guard import VALUE_MENTION
from assay.domains.logic.read import ClauseReader, Formula
from assay.domains.logic.speech_words import QUOTE_FRAME, REASON, REPORT_VERB
from assay.text.trigger_words import compile_guarded


def anything(text: str) -> bool:
    """The default `mentions`: without the puzzle's names, every clause could name something."""
    return True


# A question asks only when it opens with a question word; "Lena is a knave, isn't it?" and "r1c3 = 1,
# right?" state their body, and a question answered "Yes" or "No" states (or denies) its own.
INTERROGATIVE = re.compile(
    r"^(?:(?:so|and|but|then|now|well|ok(?:ay)?|hmm+|wait|first|next)[\s,]+)*(?:is|are|was|were|am|do|does|"
    r"did|can|could|would|will|shall|should|must|might|may|has|have|had|(?:is|are|was|were|do|does|did|can|"
    r"could|would|will|should|has|have)n'?t|cannot|who|whom|whose|what|which|where|when|why|how)\b",
    re.I,
)
TAG = re.compile(
    r"[\s,]*(?<![\w'-])(?:(?:(?:is|are|was|were|do|does|did|can|could|would|will|has|have|should|must)n'?t|"
    r"(?:is|are|was|were|do|does|did|can|could|would|will|has|have|should|must))\s+(?:it|he|she|they|that|"
    r"there|this|we|i|you)(?:\s+not)?|right|correct|true|yes|no|yeah|eh|ok(?:ay)?|agreed|surely|huh|innit|"
    r"am\s+i\s+right|don'?t\s+you\s+think|wouldn'?t\s+you\s+(?:say|agree)|no\s+doubt)"
    r"[\s?!.]*$",
    re.I,
)
# A bare yes or no that answers a question, when nothing after it turns or hedges it.
YES_NO = re.compile(
    r"^[\W_]*(?:(?P<yes>yes|yeah|yep|yup|aye|correct|indeed|exactly|definitely|certainly|absolutely|"
    r"of\s+course|true|affirmative|confirmed)|(?P<no>no|nope|nah|incorrect|false|negative))(?![\w'-])"
    r"(?![\s,;:—–-]*(?:not|but|and|or|wait|no|yes|hmm|although|though|unless|except|maybe|perhaps|"
    r"probably|possibly|i\s+think|i\s+guess|doubt|way|longer|one|sir)\b)",
    re.I,
)
_NEGATED = re.compile(r"(?<![\w-])(?:not|never|no|neither|nor)(?![\w-])|n't", re.I)
_ASK = re.compile(
    r"^(?:(?:so|and|but|then|now|well|ok(?:ay)?|hmm+|wait|first|next)[\s,]+)*(?:is|are|was|were)\s+"
    r"(?P<rest>.+?)[\s?]*$",
    re.I,
)


_CAN = re.compile(
    r"^(?:(?:so|and|but|then|now|well|ok(?:ay)?|hmm+|wait|first|next)[\s,]+)*(?:can|could)\s+"
    r"(?P<who>.+?)\s+be\s+(?P<what>.+?)[\s?]*$",
    re.I,
)


def declarative(text: str, read: ClauseReader, yes: bool) -> list[Formula] | None:
    """The claim a question answered yes (`yes`) or no states, or None: "Is Lena a knight? Yes." states
    'Lena is a knight' (when exactly one place for the verb reads), "No" its negation; "Can Lena be a
    knave? No." states 'Lena is not a knave', while its "Yes" states only that she could be (None)."""
    can = _CAN.match(text)
    if can is not None:
        if yes or _NEGATED.search(text):
            return None
        reading = read(f"{can.group('who')} is {can.group('what')}")
        if not isinstance(reading, list):
            return None
        return [["not", reading[0] if len(reading) == 1 else ["and", *reading]]]
    match = _ASK.match(text)
    if match is None or _NEGATED.search(match.group("rest")):
        return None  # "Is Anna not a knave? No." answers either way in English
    found = _placed(match.group("rest"), read)
    if found is None or yes:
        return found
    return [["not", found[0] if len(found) == 1 else ["and", *found]]]


def _placed(rest: str, read: ClauseReader) -> list[Formula] | None:
    """'Lena a knight' read as 'Lena is a knight': the one place for "is" that reads, else None."""
    words = rest.split()
    found: list[list[Formula]] = []
    for k in range(1, len(words)):
        reading = read(" ".join(words[:k]) + " is " + " ".join(words[k:]))
        if isinstance(reading, list):
            found.append(reading)
    return found[0] if len(found) == 1 else None


OPENER = re.compile(
    r"^(?:let'?s|let\s+us|let\s+me|i'll|we'll|we\s+(?:need|have)\s+to|to\s+(?:find|check|see)|"
    r"(?:first|now|next),?\s+(?:check|look|consider|examine|test)|check(?:ing)?|look(?:ing)?\s+at|"
    r"consider(?:ing)?|examin(?:e|ing)|test(?:ing)?|case\s*\d|answer\b|final\b)",
    re.I,
)
ANSWER_WORD = re.compile(
    r"^(?:[\W_]*)(?:yes|yeah|yep|yup|aye|no|nope|nah|correct|incorrect|right|wrong|indeed|exactly|"
    r"definitely|certainly|absolutely|of\s+course|sure(?:ly)?|true|false|affirmative|negative|obviously|"
    r"clearly|naturally|precisely|not|never|impossible|confirmed|agreed|it\s+(?:is|does|can|must|was)|"
    r"(?:he|she|they|it|that|this)\b)",
    re.I,
)

SPEECH_VERB = compile_guarded(  # a clause without its words is not scanned (`trigger_words.py`)
    rf"\b(?:{REPORT_VERB}|saying|claiming|according\s+to|put\s+it|words|statement\s*:|"
    r"was\s+heard\s+saying)(?:\s+that)?\b",
    re.I,
)


def reported(text: str, read: ClauseReader, mentions: Callable[[str], bool] = anything) -> bool:
    """True if the clause only quotes what someone else said: 'Ava says "Ben is a knave"', 'Ava: "Ben
    is a knave"', words the kind does not read. The words before the speech verb (or around the
    quotation) must name a speaker who is not the writer ("We can safely say", "My claim:", '"...," I
    concluded' are the writer's own claims) and claim nothing. An unquoted report is never only a
    report: its words are the kind's to check, or the clause is unknown."""
    bare = re.sub(r'"[^"]*"?', ' " ', text)
    verb = SPEECH_VERB.search(bare)
    if verb is None:
        frame = bare.replace('"', " ")
        return '"' in text and _speaker(frame, read, mentions) and _faithful(frame, text, read, mentions)
    before, after = bare[: verb.start()], bare[verb.end() :].strip(" :,")
    if _CITING.search(before) or not _speaker(before, read, mentions):
        return False
    if '"' in text:
        frame = f"{before} {after}".replace('"', " ")  # what is around the quotation, both sides
        return read(after.replace('"', " ")) is None and _faithful(frame, text, read, mentions)
    # An unquoted report is never skipped. Words that read as a claim are the kind's to check ("Ann says
    # Anna is a knave" against what Ann said), and a report the kind does not read is unknown: skipped,
    # "Tess was heard saying Hana is a knight" and "Tess says, Hana is a knight" passed unchecked.
    return False


def _faithful(frame: str, text: str, read: ClauseReader, mentions: Callable[[str], bool]) -> bool:
    """True if the clause's one quotation is what the one person its frame names said: a quotation is
    skipped as the speaker's words only when it is their words. 'Quinn replies "Jade is a knave"' when
    Quinn said "Finn is a knave", a quotation by "she" or "the second person" (whom the frame does not
    name), or two quotations, are not: the clause is then a claim the kind checks, or unknown."""
    quoted = re.findall(r'"([^"]*)"', text)
    words = [w.split("'")[0].split("’")[0] for w in re.findall(r"[\w'’]+", frame)]
    names = {w for w in words if w[:1].isupper() and mentions(w)}
    if len(quoted) != 1 or len(names) != 1 or text.count('"') != 2:
        return False
    if any(w not in names and w.lower() not in QUOTE_FRAME for w in words):
        return False  # 'Quinn denies "..."', 'Looking at Quinn: "..."': not said as quoted
    return read(f'{names.pop()} says "{quoted[0].strip(" .,;:!?")}"') == [["true"]]


def split_report(
    text: str, read: ClauseReader, mentions: Callable[[str], bool] = anything
) -> tuple[str, str] | None:
    """An unquoted report with a clause of the writer's after it, cut in two: "Sam says Lena is a knave,
    and Kai is a knave" is the report "Sam says Lena is a knave" and the claim "Kai is a knave" (each
    then read on its own: the report against Sam's statement, the claim against the puzzle). None when
    the clause is not one of those."""
    if '"' in text:
        return None
    verb = SPEECH_VERB.search(text)
    if verb is None or not _speaker(text[: verb.start()], read, mentions):
        return None
    tail = _NEXT_CLAUSE.search(text, verb.end())
    if tail is None or isinstance(read(text), list):
        return None  # a clause the kind reads whole ("X says Y, which is false") is not cut
    report = text[: tail.start()].rstrip(" ,;")
    rest = _CONJUNCTION.sub("", text[tail.start() :].lstrip(" ,;"))
    if not rest or not isinstance(read(re.sub(r"^that\s+", "", report[verb.end() :].strip(" :,"))), list):
        return None
    return report, rest


# the writer's next clause: after a conjunction or a semicolon, never a relative "which"/"that" (which
# judges the report itself: "Gus says Nora is a knave, which is false")
_NEXT_CLAUSE = re.compile(
    r"(?:,\s*(?:and|but|yet|while|whereas|whilst|though|although|however)\b|;|\s(?:while|whereas|whilst)\b|"
    # "Dan says Rosa is a knight and Milo says Rosa is a knave": a second report, by a named speaker
    rf"\s(?:and|but)(?=\s+(?-i:[A-Z])[\w-]*\s+(?:{REPORT_VERB})\b))"
    r"(?!\s*(?:which|that|who|this|it)\b)",
    re.I,
)
_CONJUNCTION = re.compile(r"^(?:and|but|yet|while|whereas|whilst|though|although|however)\b[\s,]*", re.I)


# Words that make the speaker the writer, or the report the writer's own judgement: "We can safely say",
# "I state", "As Ava said", "Ben rightly says", "It is fair to say", "one could say".
_WRITER = re.compile(
    r"(?<![\w-])(?:i|i'm|i'd|i'll|i've|me|my|mine|myself|we|we'd|we'll|we're|we've|us|our|ours|you|your|"
    r"one|let'?s|let|it|this|that|there|which|as|like|rightly|correctly|truly|truthfully|accurately|"
    r"honestly|wrongly|falsely|incorrectly|mistakenly|validly|properly|safe|safely|fair|fairly|can|could|"
    r"would|should|might|may|must|will|shall|is|are|was|were|be|been|am|not|never|no|so|thus|therefore|"
    r"hence|then|also|indeed|clearly|certainly|definitely|surely|which|what|who|if|when)(?![\w-])",
    re.I,
)
_THIRD_PARTY = re.compile(
    r"(?<![\w-])(?:he|she|speaker|person|islander|inhabitant|native|resident|man|woman|guy|"
    # (a premise or clue is not one: "Premise 2 says ..." is the writer's restatement, which the kind reads)
    r"statements?|claims?|first|second|third|fourth|fifth|last|other)(?![\w-])",
    re.I,
)
_PREMISE = re.compile(
    r"^(?:the\s+)?(?:premises?|clues?|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+"
    r"(?:premise|clue))\b",
    re.I,
)
# "from Jade's claim, Finn is a knave", "In light of Tess's remark, ...": the noun cites the speaker's
# words as the writer's reason; what follows is the writer's own claim, not a report
_CITING = re.compile(rf"\b(?:{REASON}|with|due\s+to)\s+(?:the\s+)?[\w-]+(?:'s|’s)\s*$", re.I)
_LEAD = re.compile(r"^(?:(?:and|but|now|here|meanwhile|while|next|first|finally|similarly)[\s,]+)+", re.I)


def _speaker(text: str, read: ClauseReader, mentions: Callable[[str], bool]) -> bool:
    """True if `text` (what stands before a speech verb, or around a quotation) only names who speaks,
    and that is someone of the puzzle other than the writer: a name, a pronoun, 'the first person',
    'clue 2'. A value word ("the knight says") or any other claim makes it the writer's words."""
    words = _LEAD.sub("", text.strip(" ,:;—–-.")).strip(" ,:;—–-.")
    if not words or len(words.split()) > 5 or isinstance(read(words), list) or _PREMISE.match(words):
        return False
    # "Will says ...", "May: ...": a capitalised word that names someone is that person, not the modal
    unnamed = " ".join(w for w in words.split() if not (w[:1].isupper() and mentions(w.strip("',.:;"))))
    if _WRITER.search(unnamed) or VALUE_MENTION.search(words) or re.search(r"[=≠<>→]", words):
        return False
    return bool(mentions(words) or _THIRD_PARTY.search(words))


_COUNTERFACTUAL = compile_guarded(r"\b(?:would|were|could|might|may)\b", re.I)
# a modal written with a capital and then a subject or "be" is the modal even when a person bears its name
_MODAL_USE = re.compile(r"\s+(?:be|not|i|we|you|he|she|they|it)\b", re.I)
_NAME_THEN_VERB = re.compile(
    r"\s+(?:is|was|are|were|says|said|claims|claimed|states|stated|tells|told|lies|lied|must|can|cannot|"
    r"can't|would|could|should|has|had|isn't|wasn't)\b|'s\b",
    re.I,
)


def asks(text: str, mentions: Callable[[str], bool]) -> bool:
    """True if the clause opens with a question word. "Will" or "May" that names someone of the puzzle
    and is followed by a verb is that person ("Then Will is a knight, right?" states its body)."""
    match = INTERROGATIVE.match(text)
    if match is None:
        return False
    word = match.group(0).split()[-1].strip(" ,")
    return not (word[:1].isupper() and mentions(word) and _NAME_THEN_VERB.match(text, match.end()))


def in_mood(text: str, mentions: Callable[[str], bool]) -> bool:
    """True if the clause speaks in the conditional mood ("Ben would be a knight", "if Ava were a
    knave"). A capitalised "May" (or "Will") that names someone of the puzzle is that person, not the
    modal: "May says Grace is a knave" is about May."""
    for match in _COUNTERFACTUAL.finditer(text):
        word = match.group(0)
        named = word[0].isupper() and mentions(word) and not _MODAL_USE.match(text, match.end())
        if not named:
            return True
    return False
