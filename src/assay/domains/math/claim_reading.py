"""Reading the claims in a step's words before its kind is decided: claims said in words with one
reading (`the value of 2x + 7 is 13`, `40% of 15 is 6`), calculator notes, the arithmetic of a reason,
a value alone on a line, retractions, negated claims, and the bindings of a check (`x = 4` in
`Check x = 4: ...`). Only text is handled; nothing is evaluated but exact arithmetic through the
allow-list grammar, bounded.
"""

from __future__ import annotations

import re

from assay.domains.math.exact import Unsupported, evaluate
from assay.domains.math.expr import Var, variables
from assay.domains.math.grammar import parse_chain
from assay.domains.math.markup import strip_delimiters
from assay.domains.math.stated_math import without_asides
from assay.domains.math.verbal_arithmetic import spoken_arithmetic
from assay.domains.math.vocabulary import NUMBER_WORDS, is_mathy, readable, trim
from assay.domains.math.words import extract_claims
from assay.errors import LimitExceeded, MathParseError
from assay.text.trigger_words import compile_guarded

NEGATION = compile_guarded(
    r"\b(?:not|never|no longer|cannot|isn't|aren't|doesn't|don't|won't|can't|wasn't|neither|nor|false"
    r"|extraneous|invalid|impossible|reject(?:ed|s)?|discard(?:ed|s)?|exclud(?:e|ed|es)|rule[sd]? out"
    r"|fails?)\b|n't\b|[✗✘❌]",
    re.I,
)

_CLAUSES = re.compile(r"[,;:!?](?:\s|$)|\.(?:\s|$)|\bbut\b", re.I)

_CLEAR_RETRACTION = compile_guarded(  # a line without its words is not scanned (trigger_words.py)
    r"\b(?:that'?s|that is|this is|it'?s|was|is)\s+(?:wrong|incorrect|not right|a mistake|an error)\b"
    r"|\bi made (?:a|an) (?:\w+ )?(?:mistake|error)\b|\bmy (?:mistake|error|bad)\b|\bslipped\b"
    r"|\bscratch that\b|\bcorrection\b|\bmistake\b|\boops\b|\bmiscalculat|\bmisread\b|\bno,? wait\b"
    r"|\blet me (?:redo|correct|fix|recompute|recalculate|start over)\b"
    # "Wait, no.", "hmm, no,", "... no.", "... I mean": a "no" that stands alone after a hesitation, not
    # "no need" or "no solution"
    r"|\b(?:wait|hmm+)\W{0,3}no\b(?=\s*(?:[,.;:!]|—|–|$))|(?:\.\.\.|…)\s*no\b(?=\s*(?:[,.;:!]|—|–))"
    r"|(?:\.\.\.|…|—)\s*i mean\b"
    # "Wait, sign:", "sign error", "wrong sign": the fault named, a sign
    r"|\b(?:wait|hmm+)\W{0,3}(?:the\s+)?signs?\b(?=\s*(?:[,.;:!]|—|–))"
    r"|\bsign (?:error|slip)\b|\bwrong sign\b",
    re.I,
)

# math, a verb of rewriting, math: `A factors into B`, `A expands to B`, `A can be written as B` says A = B
_REWRITTEN = compile_guarded(
    r"(?<=[\w)\]}$])\s+(?:factors?|factori[sz]es|expands?(?:\s+out)?|multiplies\s+out|simplifies"
    r"|can\s+be\s+(?:re)?written|can\s+be\s+expressed|can\s+be\s+factored|breaks\s+(?:down\s+)?"
    r"|is\s+(?:re)?written|rewrites)\s+(?:to|into|as)\s+(?=[\w(\\$-])",
    re.I,
)


# a verb of rewriting, math, `as`, math: `We factor x^2 - 5x + 6 as (x - 2)(x - 3)`, `Rewrite 16 as 2^4`
# says the first is the second
_VERB_FIRST = re.compile(
    r"\b(?:factor(?:s|ed|ing)?|factori[sz](?:e|es|ed|ing)|rewrit(?:e|es|ing)|expand(?:s|ed|ing)?)\s+"
    r"(?P<a>[^,;:=]{1,80}?)\s+(?:as|into)\s+(?=[\w(\\$-])",
    re.I,
)


def _verb_first(match: re.Match[str]) -> str:
    said = match.group("a")
    if not all(is_mathy(trim(word)) for word in said.split()) or not re.search(r"[A-Za-z\d]", said):
        return match.group(0)  # `factor out the 2 as ...`: not math said to be math
    return f"{match.group(0)[: match.start('a') - match.start()]}{said} = "


def rewritten_subjects(text: str) -> list[str]:
    """The math A of each `We factor A as B` in the line (a verb of rewriting), or of a sentence `A means
    B`: the claim `A = B` it is read as is an identity, not an equation to solve."""
    found = [m.group("a") for m in _VERB_FIRST.finditer(text) if _verb_first(m) != m.group(0)]
    said = _said_to_be(text)
    return [*found, said[0]] if said is not None else found


# `(x + 1)^2 means (x + 1)(x + 1).`, `Notice that 4y - 10 is just 2(2y - 5).`: a sentence that says an
# expression is another, and nothing else (no `=`, no words but the verb): the identity `A = B`
_MEANS = re.compile(
    r"^\s*(?:(?:so|thus|notice|note|recall)\s+(?:that\s+)?)?(?P<a>[^=,;:!?]{1,80}?)\s+"
    r"(?:means|is\s+just|is\s+simply|is\s+the\s+same\s+as)\s+(?P<b>[^=,;:!?]{1,80}?)\s*\.?\s*$",
    re.I,
)


def _said_to_be(text: str) -> tuple[str, str] | None:
    """(A, B) of a sentence `A means B` whose both sides are math with a letter or a digit, else None."""
    if "=" in text or not any(
        verb in text.lower() for verb in (" means ", " is just ", " is simply ", " same as ")
    ):
        return None
    found = _MEANS.match(text)
    if found is None:
        return None
    sides = found.group("a").strip(), found.group("b").strip()
    for side in sides:
        words = side.replace("$", " ").replace("\\(", " ").replace("\\)", " ").split()
        if not words or not all(is_mathy(trim(word)) for word in words) or not re.search(r"[A-Za-z\d]", side):
            return None
        if not re.search(r"[-+*/×·^²³()√]|\d[A-Za-z]", side):
            return None  # `x is just 4`: a value, read as the claim x = 4 (an identity only of expressions)
    return sides


_FACTORED_EQUATION = re.compile(
    r"\s*=\s*0\s+(?:can\s+be\s+(?:factored|factorised|factorized|rewritten|written)|factors?|factori[sz]es)"
    r"\s+(?:in)?(?:to|as)\s+(?=[^=]+=\s*0(?!\d|\.\d))",
    re.I,
)


def _rewritten(match: re.Match[str]) -> str:
    before = match.string[: match.start()].split()
    return " = " if before and is_mathy(trim(before[-1])) else match.group(0)


# "The value of 2x + 7 is 13." states the claim 2x + 7 = 13
_VALUE_OF = re.compile(r"\bthe value of\s+([^,;:.!?]+?)\s+(?:is|equals|is equal to)\s+(?=\S)", re.I)

# "So x equals four." states x = 4: a lone variable, a number word that ends the sentence
_SPOKEN_VALUE = compile_guarded(
    r"(?<![\w'])([A-Za-z])\s+(?:is|equals|is equal to)\s+(" + "|".join(NUMBER_WORDS) + r")(?=\s*[.!]?\s*$)",
    re.I,
)

# "40% of 15 is 0.4 × 15 = 6": a percentage *of* a number is their product, and `is` after it says `=`
# `is` then a number, or a number in math delimiters or a box (`40% of 15 is $6$`, `is $\boxed{6}$`)
_IS_VALUE = r"(\s+(?:is|equals|is equal to)\s+(?=(?:\$|\\\()?\s*(?:\\boxed\{)?\s*[\d(]))?"
_PERCENT_OF = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?\s*%)\s+of\s+(\d+(?:\.\d+)?)(?![\w.%/^])" + _IS_VALUE,
    re.I,
)


# "1/4 of 40 = 10", "3/5 of 20 is 12": a fraction *of* a number is their product, as a percentage's is
_FRACTION_OF = re.compile(
    r"(?<![\w./^])(\d+\s*/\s*\d+)\s+of\s+(\d+(?:\.\d+)?)(?![\w.%/^])" + _IS_VALUE,
    re.I,
)


def _percent_of(match: re.Match[str]) -> str:
    said = f"({match.group(1)} * {match.group(2)})"
    return said + " = " if match.group(3) else said


# "33 - 9 is 24, yes": arithmetic on numbers, then `is` and a number ending the clause, states
# 33 - 9 = 24 (read and checked as that claim; a variable or a word in it leaves it to hidden_claims.py)
_ARITHMETIC_IS = re.compile(
    r"(?<![\w.=+\-*/^(])(\d+(?:\.\d+)?(?:\s*[-+*/]\s*\d+(?:\.\d+)?)+)\s+(?:is|equals|is equal to)\s+"
    r"(-?\d+(?:\.\d+)?)(?=\s*(?:[,;!?]|\.(?:\s|$)|$))"
)


def products_of_parts(body: str) -> str:
    """body with each percentage or fraction *of* a number written as their product (`40% of 30` is
    `(40% * 30)`), as spoken_claims reads them."""
    if "%" in body:
        body = _PERCENT_OF.sub(_percent_of, body)
    if "/" in body and " of " in body:
        body = _FRACTION_OF.sub(_percent_of, body)
    return body


def spoken_claims(body: str) -> str:
    """Claims said in words that have one reading, written as the claims they are."""
    said = _said_to_be(body)
    if said is not None:
        body = f"{said[0]} = {said[1]}"  # `A means B` (rewritten_subjects holds it to an identity)
        return body
    # `x is actually 6`, `the left side is therefore x + 5`: the adverb leaves the claim as it is
    body = without_asides(body)
    body = spoken_arithmetic(body)  # `13 minus 5 is 8` (verbal_arithmetic.py)
    if " is" in body or "equal" in body:
        body = _ARITHMETIC_IS.sub(r"\1 = \2", body)
    body = products_of_parts(body)
    if "= 0" in body and _FACTORED_EQUATION.search(body):
        # `x^2 - 7x + 12 = 0 can be factored into (x - 3)(x - 4) = 0`: the left side factored, `= 0` twice
        body = _FACTORED_EQUATION.sub(" = ", body)
    if _REWRITTEN.search(body):
        # `x^2 - 5x + 6 factors as (x - 1)(x - 6)`: math said to be other math is the identity claim `=`
        # (after a word, `This factors as ...`, the subject is not math: spoken.py reads the clause)
        body = _REWRITTEN.sub(_rewritten, body)
    if _VERB_FIRST.search(body):
        body = _VERB_FIRST.sub(_verb_first, body)
    if "value of" in body.lower():
        body = _VALUE_OF.sub(lambda m: f"{m.group(1)} = ", body)
    return _SPOKEN_VALUE.sub(lambda m: f"{m.group(1)} = {NUMBER_WORDS[m.group(2).lower()]}", body)


def binds_rejected(group: str, rejected: list[tuple[str, str]]) -> bool:
    """Whether a claim group is `x = 2` for a rejected x = 2 (the hypothesis of its check)."""
    if " or " in group or not _binding(group):
        return False
    try:
        name, value = parse_chain(group.lstrip("="))
        values = {(var, evaluate(parse_chain(v)[0])) for var, v in rejected}
        return isinstance(name, Var) and (name.name, evaluate(value)) in values
    except (MathParseError, Unsupported, LimitExceeded, ZeroDivisionError, ValueError):
        return False


# GSM8K's calculator notes: `48/2 = <<48/2=24>>24` (the note repeats the visible arithmetic)
_CALCULATOR = re.compile(r"<<([^<>\n]{1,200})>>")


def calculator_notes(body: str) -> tuple[str, bool]:
    """The line without its calculator notes, and whether every note is true arithmetic. A note is a
    claim of its own: a false one (`<<48/2=25>>24`) makes the step unreadable, never dropped."""
    if "<<" not in body:
        return body, True
    notes = _CALCULATOR.findall(body)
    false = [note for note in notes if not true_arithmetic(extract_claims(note) or "?")]
    # `48*2 = <<48*2=24>>24`: a note whose whole-number result is false is a false claim of the step, checked
    # (and refuted) with the step's own claims; a note rounded to a decimal (`<<10/3=3.33>>`) or one
    # nobody reads keeps the step unreadable
    refutable = [note for note in false if _WHOLE_RESULT.search(note) and extract_claims(note)]
    hold = len(refutable) == len(false)

    def visible(match: re.Match[str]) -> str:
        # `he has <<42-9=33>>33 marbles`: with no arithmetic written before it, the note's left side is
        # what the value after it is, so the line claims `42-9 = 33` (checked as a step); after `=` the
        # line shows the arithmetic itself
        if body[: match.start()].rstrip().endswith("=") or "=" not in match.group(1):
            return " "
        return f" {match.group(1).rsplit('=', 1)[0]} = "

    shown = _CALCULATOR.sub(visible, body)
    return (f"{shown} ; " + " ; ".join(refutable) if refutable and hold else shown), hold


# a note's result, a whole number: `<<48*2=24>>`
_WHOLE_RESULT = re.compile(r"=\s*-?\d+\s*$")


_TIGHT_FRACTION = re.compile(r"(?<![\w.)/^])(\d+)/(\d+)(?![\w.(/^])")


def true_arithmetic(claims: str) -> bool:
    """Whether every claim of a reason is arithmetic that holds (`13 - 5 = 8`).

    A reason is a side computation, not a step of the solution: the step checker would read its claims
    as statements about the problem. So it is checked here, exactly (rationals, allow-list grammar,
    bounded); a claim with a variable, a disjunction, or anything beyond the exact evaluator is not."""
    for group in claims.split("; "):
        if not group or " or " in group:
            return not group
        # "2 ÷ 1/3 = 6": a fraction written tight (`1/3`) is one number in a reason's shorthand
        group = _TIGHT_FRACTION.sub(r"(\1/\2)", group)
        try:
            values = [evaluate(part) for part in parse_chain(group.lstrip("="))]
        except (MathParseError, Unsupported, LimitExceeded, ZeroDivisionError):
            return False
        if len(values) < 2 or any(v != values[0] for v in values):
            return False
    return True


def bare_value(body: str) -> str | None:
    """The value a line states when it is nothing else (`5`, `**-3/4**`, `$\\frac{3}{2}$.`)."""
    text = strip_delimiters(body).strip().rstrip(".").strip()
    if not text or len(text.split()) != 1 or not is_mathy(text) or not readable(text):
        return None
    try:
        chain = parse_chain(text)
    except MathParseError:
        return None
    return text if len(chain) == 1 and not variables(chain[0]) else None


def find_retraction(body: str) -> tuple[str, int] | None:
    """("clear", where the text after the last retraction starts), or None.

    Only words that say the earlier work was wrong count ("that slipped", "I made a mistake", "no wait").
    "Wait", "hmm" or "actually" alone do not: two different answers around them are two answers.
    """
    clear = [found for found in _CLEAR_RETRACTION.finditer(body) if _retracts(body, found)]
    return ("clear", clear[-1].end()) if clear else None


def retraction_starts(body: str) -> list[int]:
    """Where each clear retraction of body starts (the words find_retraction counts)."""
    return [found.start() for found in _CLEAR_RETRACTION.finditer(body) if _retracts(body, found)]


# what makes a retraction word say nothing was wrong: a negation before it in its clause ("No mistake
# there", "I don't think I made a mistake", "Nothing slipped"), a question ("Any mistake so far?")
_DENIED = re.compile(
    r"\b(?:no|not|nothing|none|never|neither|nor|without|any|hardly|barely)\b|n'?t\b|\bno\s*-", re.I
)
_CLAUSE_START = re.compile(r"[.;:!?\n]\s*|\bbut\b|\band\b|,\s*(?:so|then)\b", re.I)
# a bare noun counts only opening its clause (`Correction: ...`, `Mistake! ...`); elsewhere it is a word of
# the subject (`A common mistake is ...`, `error correction of the code`, `Auto-correction off`)
_NOUN_ONLY = re.compile(r"(?:correction|mistake)$", re.I)
# `It is wrong to stop here`, `Let me fix the notation`: words of the method, not of the earlier work
_NOT_ABOUT_WORK = re.compile(
    r"^\s+to\b|^\s+(?:the\s+|my\s+)?(?:notation|formatting|format|layout|wording|presentation|spacing|style)\b",
    re.I,
)


def _retracts(body: str, found: re.Match[str]) -> bool:
    """Whether a retraction word says the earlier work was wrong (see `_DENIED` and the patterns after it)."""
    starts = [m.end() for m in _CLAUSE_START.finditer(body, 0, found.start())]
    clause_start = starts[-1] if starts else 0
    before = body[clause_start : found.start()]
    if _DENIED.search(before):
        return False
    after = body[found.end() :]
    clause_end = _CLAUSE_START.search(after)
    if "?" in after[: clause_end.start() if clause_end else len(after)] or after.lstrip().startswith("?"):
        return False
    if _NOUN_ONLY.fullmatch(found.group(0)) and (
        before.strip() or body[found.start() - 1 : found.start()] == "-"
    ):
        return False
    return _NOT_ABOUT_WORK.match(after) is None


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def negated_claim(body: str) -> bool:
    """A clause that says a claim is not so (`x = 4 is not a solution`, `we reject x = -1`)."""
    if not NEGATION.search(body):
        return False
    for clause in _CLAUSES.split(body):
        if clause and NEGATION.search(clause) and ("=" in clause or _has_math_claim(clause)):
            return True
        if clause and NEGATION.search(clause) and _ruled_out_and_said(clause, body):
            return True
    return False


def _ruled_out_and_said(clause: str, body: str) -> bool:
    """`x = 2 or x = 3, but not 3`: a value ruled out in words that the line also states; (`15, not 13`
    after a computed 15 rules out a value nobody stated, and stays readable)."""
    ruled = set(_NUMBER.findall(clause))
    return bool(ruled) and bool(ruled & set(_NUMBER.findall(body.replace(clause, " "))))


def _has_math_claim(clause: str) -> bool:
    """`x is not 4`: a variable next to a verb and a value."""
    return re.search(r"\b[A-Za-z]\s+(?:is|equals|was)\b[^.]*\d", clause) is not None


def without_bindings(math: str) -> str | None:
    """A check line's claims without its bindings (`x = 4` in `Check x = 4: 2(4) + 5 = 13`)."""
    kept: list[str] = []
    for group in math.split("; "):
        if all(_binding(alt) for alt in group.split(" or ")):
            continue
        kept.append(group)
    return "; ".join(kept)


def _binding(claim: str) -> bool:
    try:
        parts = parse_chain(claim.lstrip("="))
    except MathParseError:
        return False
    return len(parts) == 2 and isinstance(parts[0], Var) and not variables(parts[1])


def has_variables(math: str) -> bool:
    for group in math.split("; "):
        for alt in group.split(" or "):
            try:
                if any(variables(p) for p in parse_chain(alt.lstrip("="))):
                    return True
            except MathParseError:
                return True
    return False
