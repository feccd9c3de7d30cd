"""Knights-and-knaves clauses that say more than a role per person, the way chain-of-thought writes them:

- a kinship between people: "Sam and Kai are the same type", "they're either both knights or both
  knaves", "Ava and Ben are of opposite types";
- a speaker's statement judged true or false with its words given: 'Sam's statement "Lena is a knave"
  is true', "Kai says Lena is a knave, which is false" (the words must say what the puzzle's statement
  says, up to logical equivalence, else the clause is unreadable: a misquote judged true is no claim
  anyone can check);
- a fact about the statements themselves: "Sam and Kai make the same claim" (checked against the
  puzzle: a true fact is the formula true, a false one the formula false);
- a compound of two role claims: "Kai is a knight iff Lena is a knight", "Lena knight means Kai knight",
  "either Ava is a knave or Ben is a knight" (one connective only: "A and B or C" is not read);
- a count over everyone: "two of the three are knaves", "exactly one of the islanders is a knight"
  ("one of them" may count a few people named before it, and is not read).

Every reading is whole or nothing: `read` returns None when no shape here matches (the caller reads the
clause its usual way), formulas when one matches and every part reads, or a reason when a shape matches
but a part does not.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from typing import Any

from assay.domains.logic.csp import evaluate
from assay.domains.logic.knights import render
from assay.domains.logic.knights_statement_text import statement_formula
from assay.domains.logic.speech_words import REPORT_VERB, STATEMENT_NOUN
from assay.text.trigger_words import compile_guarded

Reader = Callable[..., Any]  # read_clause for the puzzle: (clause, quoted=False)

_COUNT_WORDS = {
    "no": 0, "none": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8,
}  # fmt: skip
_SETUP = re.compile(
    r"^(?:okay|ok|alright|so|well)?[\s,]*(?:so\s+)?(?:there\s+(?:is|are)|we\s+have)\s+(?:(?P<n>\d|two|three|four|five|six|"
    r"seven|eight)\s+(?:people|persons|inhabitants|islanders|characters|speakers)(?:\s*[:,]\s*(?P<names>.+?))?|"
    # "Okay, so we have Lena, Sam and Kai": the people listed, all of them
    r"(?P<listed>[A-Z][\w-]*(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)[A-Z][\w-]*)+))"
    r"[\s.!]*$",
    re.I,
)
_SAME = re.compile(
    r"^(?P<who>.+?)\s+(?:is|are|must\s+be|have)\s+(?:both\s+|all\s+)?(?:of\s+)?(?:the\s+)?"
    r"(?P<how>same|identical|different|opposite)\s+(?:types?|kinds?|roles?|sorts?|nature)[\s.!]*$",
    re.I,
)
_BOTH_OR_BOTH = re.compile(
    r"^(?P<who>.+?)\s+(?:is|are)\s+(?:either\s+)?(?:both|all)\s+(?P<r1>[\w-]+)\s+or\s+(?:both|all)\s+"
    r"(?P<r2>[\w-]+)[\s.!]*$",
    re.I,
)
_SAME_CLAIM = re.compile(
    r"^(?P<who>.+?)\s+(?:both\s+|all\s+)?(?:make|made|say|said|give|gave|have|had)\s+(?:the\s+)?"
    r"(?P<how>same|identical|equivalent)\s+(?:claims?|statements?|things?|assertions?)[\s.!]*$",
    re.I,
)
_QUOTED_TRUTH = re.compile(
    r"^(?P<who>[A-Za-z][\w-]*)'s?\s+(?:statement|claim|assertion|words?)\s*,?\s*\(?\s*\"(?P<said>[^\"]+)\""
    r"\s*\)?\s*,?\s*(?:is|are)\s+(?:also\s+)?(?P<neg>not\s+)?(?P<truth>true|false|a\s+lie|correct|incorrect)"
    r"[\s.!✓✔✅]*$",
    re.I,
)
_QUOTED_IS = re.compile(
    rf"^(?P<who>[A-Za-z][\w-]*)'s?\s+(?:{STATEMENT_NOUN})\s*(?:(?:is|are|reads|was)\s*:?\s*"
    r"\"(?P<said>[^\"]+)\"|:\s*\"?(?P<bare>[^\"]+?)\"?)[\s.!]*$",
    re.I,
)
_CLAIM_THAT = re.compile(
    rf"^(?P<who>[A-Za-z][\w-]*)'s?\s+(?:{STATEMENT_NOUN})\s+that\s+(?P<said>.+?)\s+(?:is|was)\s+"
    r"(?P<rest>(?P<neg>not\s+)?(?P<truth>true|false|a\s+lie|correct|incorrect))[\s.!]*$",
    re.I,
)
_SPEAKER_PRONOUN = re.compile(r"\b(?:he|she|him|her|I|me)\b", re.I)
_SAYS_WHICH = re.compile(
    rf"^(?P<who>[A-Za-z][\w-]*)(?:'s\s+(?:{STATEMENT_NOUN}))?\s+(?:{REPORT_VERB})\s+(?:that\s+)?"
    r"\"?(?P<said>[^\"]+?)\"?\s*,\s*which\s+(?:(?:is|was)\s+(?:also\s+)?(?P<neg>not\s+)?)?"
    r"(?P<truth>true|false|a\s+lie|correct|incorrect|fails|holds)[\s.!✓✔✅]*$",
    re.I,
)
_SAYS = re.compile(
    r"^(?P<who>[A-Za-z][\w-]*(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)[A-Za-z][\w-]*)*)\s+(?:both\s+|all\s+)?"
    # (a quotation whole, commas and all: 'Finn says "If I am a knave, then Quinn is a knight"')
    rf"(?:{REPORT_VERB})(?:\s*:\s*|\s+)(?:that\s+)?(?P<said>\"[^\"]+\"|[^,;\"]+?)[\s.!]*$",
    re.I,
)
# 'Rosa: "Milo is a knight"': a speaker and the words quoted after the colon, a report
_COLON_QUOTE = re.compile(r"^(?P<who>[A-Za-z][\w-]*)\s*:\s*(?P<said>\"[^\"]+\")[\s.!]*$")
_ROLE_THEN_SAYS = re.compile(
    rf"^(?P<role>(?P<who>[A-Za-z][\w-]*)\s+is\s+(?:an?\s+)?[\w-]+)\s*,?\s+and\s+(?P<says>(?:{REPORT_VERB})\s+.+)$",
    re.I,
)
_IFF = re.compile(r"\s+(?:iff|if\s+and\s+only\s+if|exactly\s+when|⟺|<->|↔)\s+", re.I)
_IMPLIES = re.compile(r"\s+(?:means|implies|→|->|=>|⇒)\s+(?:that\s+)?", re.I)
_IF_THEN = re.compile(r"^if\s+(?P<a>.+?)\s*,?\s+then\s+(?P<b>.+?)[\s.!]*$", re.I)
# "either A or B"; a bare "A or B" inside a speaker's quoted words (the puzzle's "or" is inclusive), or as
# the writer's restatement of a speaker's "or" (see `_restated_or`); otherwise the writer's own "A or B"
# may mean one of them only: not read
_OR = re.compile(r"^(?P<either>either\s+)?(?P<a>.+?)\s*,?\s+or\s+(?P<b>.+?)[\s.!]*$", re.I)
_COUNT = re.compile(
    r"^(?P<exact>exactly\s+|only\s+|precisely\s+)?(?P<n>\d|no|none|zero|one|two|three|four|five|six|seven|"
    r"eight)\s+of\s+(?:the\s+)?(?:(?P<all>\d|two|three|four|five|six|seven|eight)"
    r"(?:\s+of\s+them)?|(?:the\s+)?(?:people|islanders|inhabitants))\s+(?:is|are)\s+(?:an?\s+)?"
    r"(?P<role>[\w-]+)[\s.!]*$",
    re.I,
)
_BARE = re.compile(r"^(?P<who>[A-Za-z][\w-]*)\s+(?P<neg>not\s+)?(?:an?\s+)?(?P<role>[\w-]+)[\s.!]*$", re.I)


def equivalent(f: Any, g: Any, people: list[str]) -> bool:
    """True if f and g agree on every assignment of roles (truth table; puzzles have few people)."""
    for bits in itertools.product(("knight", "knave"), repeat=len(people)):
        assignment = dict(zip(people, bits, strict=True))
        if evaluate(f, assignment) != evaluate(g, assignment):
            return False
    return True


def entails(f: Any, g: Any, people: list[str]) -> bool:
    """True if g holds on every assignment of roles where f holds (truth table)."""
    for bits in itertools.product(("knight", "knave"), repeat=len(people)):
        assignment = dict(zip(people, bits, strict=True))
        if evaluate(f, assignment) and not evaluate(g, assignment):
            return False
    return True


def _conj(formulas: list[Any]) -> Any:
    return formulas[0] if len(formulas) == 1 else ["and", *formulas]


def _people(text: str, canonical: Mapping[str, str]) -> list[str] | None:
    words = [w for w in re.split(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)\s*", text.strip()) if w]
    words = [re.sub(r"^(?:both|all\s+of)\s+", "", w, flags=re.I) for w in words]
    if len(words) < 2 or any(w.lower() not in canonical for w in words):
        return None
    return [canonical[w.lower()] for w in words]


# Words one of the shapes needs (a bare "Lena knight" has at most three words): most clauses, plain role
# claims, have none and are left to the usual grammar after one search.
_TRIGGER = compile_guarded(  # a clause without its words is not scanned (`trigger_words.py`)
    rf"\b(?:same|identical|equivalent|different|opposite|both|all|{REPORT_VERB}|or|"
    rf"{STATEMENT_NOUN}|iff|if|when|means|implies|either|of|there|we)\b|[⟺↔→⇒\"]|<->|->|=>",
    re.I,
)


def read(
    reference: Mapping[str, Any], text: str, reader: Reader, words: Mapping[str, str], quoted: bool = False
) -> Any:
    if len(text.split()) > 3 and not _TRIGGER.search(text):
        return None
    people: list[str] = reference["people"]
    canonical = {p.lower(): p for p in people}
    statements: Mapping[str, Any] = reference["statements"]
    setup = _SETUP.match(text)
    if setup is not None:
        # "There are 3 people: Finn, Gus and Nora": the setup restated, checked against the puzzle
        n = (setup.group("n") or str(len(people))).lower()
        size = int(n) if n.isdigit() else _COUNT_WORDS.get(n)
        names = setup.group("names") or setup.group("listed")
        listed = _people(names, canonical) if names else list(people)
        if listed is None:
            return f"a list of people that is not the puzzle's: {text[:80]}"
        return [["true"] if size == len(people) and sorted(listed) == sorted(people) else ["false"]]
    same = _SAME.match(text)
    if same is not None:
        who = _people(same.group("who"), canonical)
        if who is None:
            return f"a kinship of people that cannot be read: {text[:80]}"
        alike = same.group("how").lower() in ("same", "identical")
        if not alike and len(who) != 2:
            return f"'different types' among more than two people: {text[:80]}"
        pairs = [["iff", ["var", who[0], "knight"], ["var", p, "knight"]] for p in who[1:]]
        return pairs if alike else [["not", pairs[0]]]
    both = _BOTH_OR_BOTH.match(text)
    if both is not None:
        who = _people(both.group("who"), canonical)
        roles = {words.get(both.group(k).lower()) for k in ("r1", "r2")}
        if who is None or roles != {"knight", "knave"}:
            return f"a kinship of people that cannot be read: {text[:80]}"
        return [["iff", ["var", who[0], "knight"], ["var", p, "knight"]] for p in who[1:]]
    claim = _SAME_CLAIM.match(text)
    if claim is not None:
        who = _people(claim.group("who"), canonical)
        if who is None or any(p not in statements for p in who):
            return f"a comparison of statements that cannot be read: {text[:80]}"
        alike = all(equivalent(statements[who[0]], statements[p], people) for p in who[1:])
        return [["true"] if alike else ["false"]]
    role_then = _ROLE_THEN_SAYS.match(text)
    if role_then is not None:
        # "Ben is a knight and says "Lena is a knave", which is true": the role, then the report
        first = reader(role_then.group("role"))
        second = read(reference, f"{role_then.group('who')} {role_then.group('says')}", reader, words)
        if not isinstance(first, list) or not isinstance(second, list):
            return f"a role and a report that cannot be read: {text[:80]}"
        return first + second
    restated = _QUOTED_IS.match(text)
    if restated is not None:
        # 'Ava's statement is "Ava is a knave or Ben is a knight"': the puzzle restated, checked
        said = restated.group("said") or restated.group("bare")
        return _restated_words(
            restated.group("who"),
            said,
            reference,
            reader,
            canonical,
            in_quotes='"' in restated.group(0),
        )
    claim_that = _CLAIM_THAT.match(text)
    if claim_that is not None and claim_that.group("who").lower() in canonical:
        # "Bob's claim that Alice and he are both knights is true": his words, his pronouns his own
        speaker = canonical[claim_that.group("who").lower()]
        words_said = _SPEAKER_PRONOUN.sub(speaker, claim_that.group("said")).replace('"', "")
        rewritten = _CLAIM_THAT.match(f"{speaker}'s claim that {words_said} is {claim_that.group('rest')}")
        if rewritten is not None:
            return _judged(rewritten, reference, reader, text)
    for pattern in (_QUOTED_TRUTH, _SAYS_WHICH):
        match = pattern.match(text)
        if match is not None:
            return _judged(match, reference, reader, text)
    says = _SAYS.match(text) or _COLON_QUOTE.match(text)
    if says is not None:
        # 'Rosa says "Milo is a knight"': quoted or not, a report of a speaker is checked against what
        # the speaker said (words that do not read are left to the caller: reported speech)
        return _restated(says, reference, reader, canonical)
    count = _COUNT.match(text)
    if count is not None:
        return _count(count, people, words, text)
    found = _compound(text, reader, canonical, words, quoted)
    if found is None and not quoted:
        found = _restated_or(text, reader, canonical, words, statements, people)
    if found is None and '"' in text:
        found = _conjoined(text, reader)
    return found


_TOP_AND = re.compile(r"\s*(?:,\s*(?:and|but)\s+|;\s*(?:and\s+)?)")


def _conjoined(text: str, reader: Reader) -> Any:
    """'Jade's statement "..." is false, and Jade is a knave': parts joined by ", and" or ";" outside
    quotes, each read whole (the usual grammar stops at a quotation). None unless every part reads."""
    hidden = re.sub(r'"[^"]*"', lambda m: "\ue000" * len(m.group(0)), text)
    cuts = [m.span() for m in _TOP_AND.finditer(hidden)]
    if not cuts:
        return None
    parts, at = [], 0
    for begin, end in cuts:
        parts.append(text[at:begin])
        at = end
    parts.append(text[at:])
    found: list[Any] = []
    for part in parts:
        reading = reader(part.strip(" ,;"))
        if not isinstance(reading, list):
            return reading
        found += reading
    return found


def _judged(match: re.Match[str], reference: Mapping[str, Any], reader: Reader, text: str) -> Any:
    """'X's statement "S" is true' or 'X says S, which is false': X's role, when S says what X said."""
    people: list[str] = reference["people"]
    speaker = {p.lower(): p for p in people}.get(match.group("who").lower())
    if speaker is None or speaker not in reference["statements"]:
        return f"a statement judged that is nobody's: {text[:80]}"
    said = _said(match.group("said"), speaker, reference, reader)
    if not isinstance(said, list) or not equivalent(_conj(said), reference["statements"][speaker], people):
        return f"a statement judged in words that are not the speaker's: {text[:80]}"
    true = match.group("truth").lower() in ("true", "correct", "holds")
    return [["var", speaker, "knight" if true != bool(match.group("neg")) else "knave"]]


def _said(words: str, speaker: str, reference: Mapping[str, Any], reader: Reader) -> Any:
    """The formula of words given as what `speaker` said: their statement when the words are the puzzle's
    own text of it, or the statement language read exactly with "I" as the speaker
    (`knights_statement_text`), else what the reader makes of them."""
    if _plain(words) == _plain(render(reference["statements"][speaker])):
        return [reference["statements"][speaker]]
    formula = statement_formula(words, speaker, reference["people"])
    if formula is not None:
        return [formula]
    return reader(words.strip(" .,"), quoted=True)


def _plain(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .,;:!?")


def _restated_words(
    who: str, said: str, reference: Mapping[str, Any], reader: Reader, canonical: Any, in_quotes: bool = False
) -> Any:
    """'Lena's statement: Kai is a knight iff Lena is a knight' restates the puzzle: checked as
    `_restated` checks a report; words that do not read leave the clause unreadable. Words in quotes
    ('Dan's statement: "Milo is a knave"') are the speaker's by the writer's own marks: words that are
    not what the speaker said are a misquote (false)."""
    speaker = canonical.get(who.lower())
    found = (
        _said(said, speaker, reference, reader)
        if speaker in reference["statements"]
        else reader(said.strip(" .,"), quoted=True)
    )
    if speaker is None or not isinstance(found, list):
        return f"a restated statement that cannot be read: {said[:80]}"
    people: list[str] = reference["people"]
    if speaker in reference["statements"] and equivalent(
        _conj(found), reference["statements"][speaker], people
    ):
        return [["true"]]
    if in_quotes:
        return [["false"]]
    # "Zoe's statement: Kai is a knight and Mia is a knave": not her words, so the writer's own claims
    # (the facts the statement is weighed on), each checked, read as the writer's words
    own = reader(said.strip(" .,"))
    return own if isinstance(own, list) else f"a restated statement that is not the speaker's: {said[:80]}"


def _restated(match: re.Match[str], reference: Mapping[str, Any], reader: Reader, canonical: Any) -> Any:
    """'Lena says Kai is a knight iff Lena is a knight': a restatement of the puzzle, checked. Words that
    say what the speaker said are the formula true; other readable words misquote the puzzle (false);
    words that do not read are left to the caller (reported speech, or unreadable)."""
    speakers = [
        canonical.get(w.lower()) for w in re.split(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)\s*", match.group("who"))
    ]
    words = match.group("said").strip(" .,")
    if re.fullmatch(r'"[^"]*"', words):
        words = words.strip('"').strip(" .,")
    elif '"' in words:
        return None  # a quotation inside the report: where the speaker's words end is not certain
    statements = reference["statements"]
    said = (
        _said(words, speakers[0], reference, reader)
        if len(speakers) == 1 and speakers[0] in statements
        else reader(words, quoted=True)
    )
    if not isinstance(said, list) or None in speakers:
        return None
    people: list[str] = reference["people"]
    faithful = all(
        p in reference["statements"] and equivalent(_conj(said), reference["statements"][p], people)
        for p in speakers
    )
    return [["true"] if faithful else ["false"]]


def _count(match: re.Match[str], people: list[str], words: Mapping[str, str], text: str) -> Any:
    """'Two of the three are knaves': exactly that many (also with 'exactly'/'only'), over everyone."""
    total = match.group("all")
    n_text = match.group("n").lower()
    n = int(n_text) if n_text.isdigit() else _COUNT_WORDS.get(n_text)
    role = words.get(match.group("role").lower())
    # "of them" may be a few people named before: only a count over everyone, said so, is read
    if total is not None:
        size = int(total) if total.isdigit() else _COUNT_WORDS.get(total.lower())
        if size != len(people):
            return f"a count over a group that is not everyone: {text[:80]}"
    if n is None or role is None or n > len(people):
        return f"a count that cannot be read: {text[:80]}"
    options = [
        ["and", *(["var", p, role] if p in chosen else ["not", ["var", p, role]] for p in people)]
        for chosen in map(set, itertools.combinations(people, n))
    ]
    return [options[0] if len(options) == 1 else ["or", *options]]


def _compound(
    text: str, reader: Reader, canonical: Mapping[str, str], words: Mapping[str, str], quoted: bool = False
) -> Any:
    """'A iff B', 'A means B', 'either A or B', and 'Lena knight' (a role with no verb); each part one
    role claim read whole. None when no connective is there, or when the clause quotes someone (the
    connective may be the speaker's: quoted words are read only by the judged-statement shapes)."""
    if '"' in text:
        return None
    bare = _BARE.match(text)
    if bare is not None and bare.group("who").lower() in canonical and bare.group("role").lower() in words:
        formula = ["var", canonical[bare.group("who").lower()], words[bare.group("role").lower()]]
        return [["not", formula] if bare.group("neg") else formula]
    negated = _NEGATED_LEAD.match(text)
    for pattern, op in ((_IFF, "iff"), (_IMPLIES, "implies")):
        parts = pattern.split(text)
        if negated is not None and len(parts) > 1:
            # "It is not the case that A iff B": the scope of the negation is not certain
            return f"a negated compound whose scope is not certain: {text[:80]}"
        if len(parts) == 1 or any(len(part.split()) < 2 for part in parts):
            continue  # "Kai → knight" gives a role (the usual grammar reads it), it is no implication
        if len(parts) != 2 or _IFF.search(parts[1]) or _IMPLIES.search(parts[1]):
            return f"a chain of connectives that cannot be read: {text[:80]}"
        a, b = _elliptic(parts[0], parts[1], reader, canonical, words)
        if a is None or b is None:
            return f"a compound claim whose parts cannot be read: {text[:80]}"
        return [[op, a, b]]
    conditional = _IF_THEN.match(text)
    if conditional is not None:
        a, b = (_part(conditional.group(k), reader, canonical, words) for k in ("a", "b"))
        if a is None or b is None:
            return f"a compound claim whose parts cannot be read: {text[:80]}"
        return [["implies", a, b]]
    either = _OR.match(text)
    if either is not None and (either.group("either") or quoted):
        a, b = (_part(either.group(k), reader, canonical, words) for k in ("a", "b"))
        if a is None or b is None:
            return f"a compound claim whose parts cannot be read: {text[:80]}"
        return [["or", a, b]]
    return None


def _restated_or(
    text: str,
    reader: Reader,
    canonical: Mapping[str, str],
    words: Mapping[str, str],
    statements: Mapping[str, Any],
    people: list[str],
) -> Any:
    """'Since Gail is a knight, Finn is a knave or Dan is a knight': the writer's bare "A or B" read as the
    puzzle's inclusive "or" only when it says what a speaker's statement says (up to logical equivalence):
    then it restates that statement, whose "or" the puzzle defines. Any other bare "or" is left unread
    (None): the writer may mean one of them only. A negation before it leaves its scope open: not read."""
    if '"' in text or _NEGATED_LEAD.match(text):
        return None
    either = _OR.match(text)
    if either is None or either.group("either"):
        return None
    a, b = (_part(either.group(k), reader, canonical, words) for k in ("a", "b"))
    if a is None or b is None:
        return None
    formula = ["or", a, b]
    if any(isinstance(said, list) and equivalent(formula, said, people) for said in statements.values()):
        return [formula]
    return None


_GROUP_ROLE = re.compile(
    r"(?:both\s+)?[A-Za-z][\w-]*(?:\s*,\s*[A-Za-z][\w-]*)*\s*,?\s+and\s+[A-Za-z][\w-]*\s+(?:is|are)\s+(?:both\s+|all\s+)?"
    r"(?:an?\s+)?[\w-]+",
    re.I,
)
_NEGATED_LEAD = re.compile(
    r"^(?:it\s+is\s+(?:false|not\s+true|not\s+the\s+case|untrue|incorrect|wrong)\s+that|not\b|neither\b|"
    r"no\b|never\b)",
    re.I,
)


_ELLIPSIS = re.compile(
    r"^(?P<who>[A-Za-z][\w-]*)\s+(?P<neg>is\s+not|isn'?t|is)(?:\s+(?:too|also))?[\s.!]*$", re.I
)


def _elliptic(
    first: str, second: str, reader: Reader, canonical: Mapping[str, str], words: Any
) -> tuple[Any, Any]:
    """Both sides of a compound; 'Kai is a knight iff Lena is': a side that is only "<name> is" takes
    the role of the other side, which must be one plain role claim (else the side stays unread)."""
    a, b = _part(first, reader, canonical, words), _part(second, reader, canonical, words)
    short = _ELLIPSIS.match(second.strip())
    if b is None and a is not None and short is not None and short.group("who").lower() in canonical:
        literal = a if a[0] == "var" else None
        if literal is not None:
            b = ["var", canonical[short.group("who").lower()], literal[2]]
            b = b if short.group("neg").lower() == "is" else ["not", b]
    return a, b


def _part(text: str, reader: Reader, canonical: Mapping[str, str], words: Mapping[str, str]) -> Any:
    """One side of a compound: exactly one role claim (a conjunction inside it would leave the
    connective's scope open: "A and B iff C")."""
    text = text.strip(" .,;")
    group = _GROUP_ROLE.fullmatch(text)
    if group is not None:
        # "Sam and Kai are knights": one subject list and one role, a unit whose scope is plain
        found = reader(text)
        if isinstance(found, list) and all(f[0] == "var" for f in found) and len(found) > 1:
            return ["and", *found]
        return None
    if re.search(r"\b(?:and|or|but|if|then|iff|not\s+both)\b|[,;]", text, re.I) and not re.fullmatch(
        r"[A-Za-z][\w-]*\s+is\s+not\s+(?:an?\s+)?[\w-]+", text, re.I
    ):
        return None
    bare = _BARE.match(text)
    if bare is not None and bare.group("who").lower() in canonical and bare.group("role").lower() in words:
        formula = ["var", canonical[bare.group("who").lower()], words[bare.group("role").lower()]]
        return ["not", formula] if bare.group("neg") else formula
    found = reader(text)
    if not isinstance(found, list) or len(found) != 1:
        return None
    return found[0]
