"""The claims the words of one line of model text make.

`extract_claims` turns a line into claims (`a = b; c = d or e = f`), `math_runs` finds the stretches of
math in a text (the problem reader uses it on prompts). Runs of math words (vocabulary.py) are the claims;
`x is 4.` and `x is either 2 or 3.` are read as the claims they say. A claim one of whose sides is not math
(`2θ = 9`, `x = four-ish`) makes the whole line unreadable, never prose. Pure text work: safe in any
process.
"""

from __future__ import annotations

import functools
import re
import string
from fractions import Fraction

from assay.domains.math.markup import prepare_line, split_lines, strip_delimiters
from assay.domains.math.vocabulary import (
    FUNCTION_NAMES,
    garbled_word,
    has_operator,
    is_mathy,
    readable,
    same_variable_values,
    split_top_level,
    trim,
    value_like,
)

# "x is 4": a verbal "=" between a variable and the value that ends the sentence
_VERBAL_EQUALS = {"is", "equals", "is equal to", "must be", "must equal", "should be", "becomes", "="}


# a run of math that starts with an operation: it goes on with the expression before it
_GOES_ON = re.compile(r"[/×*÷·^\-−+]\s*\(?\d")


def _runs(body: str) -> tuple[list[str], list[str], bool, list[bool], bool]:
    """Maximal runs of math words, the words between consecutive runs, whether body is all math, whether
    each run ends its sentence, and whether a word of prose hides math (`2θ = 9`)."""
    words = body.split()
    runs: list[list[str]] = []
    ends: list[bool] = []
    joins: list[str] = []  # the word(s) between run i and run i+1
    current: list[str] = []
    between: list[str] = []
    only_math, garbled = True, False
    after_function = False  # the word before was a function's name: `sin x = 1/2` is not `x = 1/2`
    for at, word in enumerate(words):
        trimmed = trim(word)
        if _article(words, at, current):
            trimmed = "a day"  # `90 a day`: the article of a rate's unit, not the letter a (prose below)
        if (
            trimmed != "a day"
            and not _pronoun(words, at)
            and (is_mathy(trimmed) or (word.startswith("=") and is_mathy(word)))
        ):
            garbled, after_function = garbled or after_function, False
            if not current and runs:
                joins.append(" ".join(between).lower())
            between = []
            ends_sentence = word != trimmed and word.endswith((".", ";", ":", "?", "!"))
            current.append(trimmed if ends_sentence else word)
            if ends_sentence:  # sentence punctuation ends the run
                runs.append(current)
                ends.append(True)
                current = []
        else:
            only_math = False
            garbled = garbled or garbled_word(trimmed)
            after_function = word == trimmed and trimmed.lower() in FUNCTION_NAMES
            if current and (
                current[-1].rstrip(",").endswith("%")
                or (trimmed.lower() == "of" and len(current) == 1 and re.fullmatch(r"\(?\d+/\d+", current[0]))
            ):
                # "15% of 80 = 12": the percentage belongs to the words after it, and the run after
                # ("80 = 12") is not the claim; a percentage followed by prose has no sure reading, nor
                # has a fraction of what words say ("1/4 of her 40 dollars = 10"; `1/4 of 40` is read as
                # a product before this, claim_reading.py)
                garbled = True
            if current:
                runs.append(current)
                ends.append(current[-1].endswith(","))
                current = []
            between.append(word)
    if current:
        runs.append(current)
        ends.append(True)
    return [" ".join(r).strip().strip(",") for r in runs], joins, only_math, ends, garbled


def _letter(text: str) -> bool:
    """Whether text is one ASCII letter (a variable's name), as `[A-Za-z]` matches it whole."""
    return len(text) == 1 and text in _ASCII_LETTERS


_ASCII_LETTERS = string.ascii_letters


def _pronoun(words: list[str], at: int) -> bool:
    """Whether words[at] is the pronoun `I` (`From 7x = 28, I get x = 4`, `..., I first add 3`): the letter
    alone, before a word in lower case (a verb or an adverb), is never a variable of the math."""
    if words[at] != "I" or at + 1 >= len(words):
        return False
    after = words[at + 1].rstrip(",.;:")
    return after.isalpha() and after.islower()


# the units a rate is said per with an article (`90 a day`, `12 an hour`): only these, so that `2 a` before
# other words stays the product it may be
_PER_UNIT = re.compile(
    r"^(?:day|week|month|year|hour|minute|second|night|piece|pound|dozen|person|head|gallon|mile|kilo)s?\b",
    re.I,
)


def _article(words: list[str], at: int, current: list[str]) -> bool:
    """Whether words[at] is `a` or `an` between a number that ends a run of math and a unit (`90 a day`)."""
    return (
        words[at] in ("a", "an")
        and bool(current)
        and re.search(r"\d$", current[-1]) is not None
        and at + 1 < len(words)
        and _PER_UNIT.match(words[at + 1]) is not None
    )


def math_runs(text: str) -> list[str]:
    """The stretches of math in text (prose removed)."""
    found: list[str] = []
    for line in split_lines(text):
        found.extend(r for r in _runs(strip_delimiters(prepare_line(line)[0]))[0] if r)
    return found


# a pure function of the text with an immutable answer; samples of one problem share many lines (the
# equation restated, the same reduction), so answers are kept, bounded
@functools.lru_cache(maxsize=4096)
def extract_claims(body: str) -> str | None:
    """The claims of one step as `a = b; c = d or e = f`; "" for prose; None if a claim is unreadable."""
    texts, joins, only_math, ends, garbled = _runs(body)
    if garbled and ("=" in body or any(has_operator(t) for t in texts)):
        return None
    if not texts:
        return "" if "=" not in body else None
    if (
        _verbal_claim_unread(texts, joins, ends)
        or _value_beside_claim(texts, joins, ends)
        or _concluded_otherwise(texts, joins, ends, body)
    ):
        return None
    texts, joins = _verbal_equals(texts, joins, ends, _lead(body))
    first_word = body.split()[0] if body.split() else ""
    claims: list[list[str]] = []
    for i, run_text in enumerate(texts):
        if run_text.endswith("=") or (run_text.startswith("=") and (i > 0 or not first_word.startswith("="))):
            return None  # one side of the claim is not math the grammar reads
        if (
            i > 0
            and "=" in texts[i - 1]
            and "=" not in run_text
            and not ends[i - 1]
            and 1 <= len(joins[i - 1].split()) <= 2
            and _GOES_ON.match(run_text)
        ):
            # `x = 240 km / 3 h`: the expression goes on past a word (a unit) with an operation; read up to
            # the word, the claim would be `x = 240`
            return None
        has_equals = "=" in run_text
        after_claim = i > 0 and "=" in texts[i - 1] and bool(claims)
        if not has_equals and after_claim and joins[i - 1] in _LIST_JOINS and ends[i]:
            # `x = 2 and 3.`: a value after a claim, joined to it, ends the sentence: more values of x
            # when the claim gives x a value (as an answer's `x = 2 and 3` is read); anything else
            # (`2(4) + 5 = 13 and 12`, the hedge `x = 2 or 3`) has no sure reading, and dropping the value
            # as a number of prose would hide it
            more = _more_values(claims[-1], run_text) if "and" in joins[i - 1] else None
            if more is None:
                return None
            claims[-1].append(more)
            continue
        if not has_equals and not (only_math and len(texts) == 1 and _expression(run_text)):
            continue
        if has_equals and _TAKES_FIRST_OPERAND.search(_lead(body) if i == 0 else joins[i - 1].lower()):
            # `One-half of 100 = 50`, `25 percent of 100 = 25`, `100 minus 15 = 85`, `older than 100 = 115`:
            # the words before the chain take its first number into a value the chain does not write
            return None
        parts = split_top_level(run_text) if has_equals else [run_text]
        if i == 0 and has_equals and len(parts) > 1 and _operand_of_lead(parts[0], _lead(body)):
            parts = parts[1:]  # `Dividing by -3, x = 3`: the operand of the move named, not a claim
        if any(not readable(p) for p in parts):
            return None
        if i > 0 and joins[i - 1] in ("or", ", or") and claims:
            claims[-1].extend(parts)
        elif (
            i > 0 and joins[i - 1] in ("and", ",", "") and claims and same_variable_values(claims[-1] + parts)
        ):
            # "x = 2 and x = 3", "$x = 2$, $x = 3$", "x = 2; x = 3" cannot be a conjunction (x has one value):
            # it lists the solutions
            claims[-1].extend(parts)
        elif len(parts) > 1 and same_variable_values(parts):
            claims.append(list(parts))  # "x = 2, x = 3": alternatives
        elif _value_list(parts) is not None:
            listed = _value_list(parts) or []  # "x = 2, 3": the same, after any claims before it
            claims.extend([p] for p in parts[: len(parts) - len(listed)])
            claims.append(listed)
        else:
            claims.extend([p] for p in parts)
    if not claims:
        return "" if "=" not in body else None
    return "; ".join(" or ".join(group) for group in claims)


# a word that makes the number after it part of another value (a part, a multiple, a comparison, an
# operation said in words), with `of` and an article after it
_TAKES_FIRST_OPERAND = re.compile(
    r"(?:^|[\s-])(?:half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?"
    r"|hundredths?|twice|double|triple|thrice|quadruple|than|less|more|fewer|minus|plus|times|over|percent"
    r"|percentage)(?:\s+of)?(?:\s+(?:the|a|an))?\s*$"
)


def _expression(text: str) -> bool:
    """Math that is more than a value or a lone letter: an operator (`2x - 9`) or a variable with more
    (`3x`, `xy`). Alone on its line it is a claim of one part: the head of a chain the next line continues
    (`= 3x + 6`), or a result nobody related to anything (the step checker decides which)."""
    if has_operator(text):
        return True
    bare = re.sub(r"\\[A-Za-z]+|\bpi\b", "", text)
    return re.search(r"[A-Za-z]", bare) is not None and re.fullmatch(r"[\s()]*[A-Za-z][\s()]*", bare) is None


def _verbal_claim_unread(texts: list[str], joins: list[str], ends: list[bool]) -> bool:
    """`x is 4 or 5`, `x is 2 less than y`: a variable said to be a number, in words we do not read."""
    for i in range(min(len(texts) - 1, len(joins))):
        if joins[i] in _EITHER and _letter(texts[i]) and _either(i, texts, joins, ends) is None:
            return True
        if (
            joins[i] in _VERBAL_EQUALS
            and _letter(texts[i])
            and any(c.isdigit() for c in texts[i + 1])
            and not _clause_ends(i + 1, texts, joins, ends)
        ):
            return True
    return False


_LIST_JOINS = ("and", ", and", "or", ", or")

# words that put a second value beside a claim (`x = 5 or 6`, `x = 5 or maybe 6`, `x = 5 although 6 is also
# possible`, `x = 5 give or take 1`): another value, a hedge or a correction, never the claim alone
_BESIDE = re.compile(
    r"(?:(?:,\s*)?(?:or|and|but|nor)\b\s*)?"
    r"(?:(?:maybe|perhaps|possibly|probably|rather|even|also|else|otherwise|alternatively|instead|though"
    r"|although|unless(?:\s+it(?:'s|\s+is))?|if\s+not|not|as\s+well\s+as|give\s+or\s+take|plus\s+or\s+minus"
    r"|plus|minus|roughly|approximately|about|around|nearly|almost)\b\s*|[~≈∼]\s*)*",
    re.I,
)


def _value_beside_claim(texts: list[str], joins: list[str], ends: list[bool]) -> bool:
    """A value right after a claim in the same sentence, joined only by words of a list or a hedge
    (`_BESIDE`): the line says the claim's side may be something else too. Such a run has no `=` and
    would be dropped as prose, so the claim would be read without it; the line is unreadable instead.
    (Values said with a verb, `x = 5, though 6 also works`, are caught by hidden_claims.py.)"""
    for i in range(min(len(texts) - 1, len(joins))):
        if "=" not in texts[i] or ends[i] or "=" in texts[i + 1] or not joins[i].strip():
            continue
        if joins[i].strip() in ("and", ", and") and ends[i + 1] and _more_values([texts[i]], texts[i + 1]):
            continue  # `x = 2 and 3.`: more values of x (extract_claims reads them as roots)
        if any(c.isdigit() for c in texts[i + 1]) and _BESIDE.fullmatch(joins[i].strip()):
            return True
    return False


# words that say the value after them is what the claim before them comes to (`36 - 7 = 29, so 36.`,
# `36 - 7 = 29; final answer 36`, `36 - 7 = 29 ... 36`), and nothing else: a conclusion, or only punctuation.
# (`..., so the sum is 11/12` names another quantity: the value is not said of the claim before it)
_CONCLUDING = frozenset(
    {
        *("so", "thus", "hence", "therefore", "then", "finally", "final", "final_answer", "answer", "result"),
        *("i", "e", "ie", "that", "is", "it", "it's", "meaning", "means", "giving", "give", "gives", "we"),
        *(
            "get",
            "gets",
            "got",
            "making",
            "make",
            "makes",
            "leaving",
            "leaves",
            "yielding",
            "yield",
            "yields",
        ),
        *("left", "remaining", "namely", "viz", "ultimately", "eventually", "∴", "⇒", "=>"),
    }
)
_PUNCTUATION = re.compile(r"[\s,;:.…|/—–]+")


def _concluding(join: str) -> bool:
    """Whether the words between two runs are only `_CONCLUDING` words and punctuation."""
    words = _PUNCTUATION.split(_IN_THE_END.sub(" ", join.lower()))
    return bool(join.strip()) and all(w in _CONCLUDING for w in words if w)


# (not `in total`, `overall`: `3 + 4 = 7 and 5 + 6 = 11, so in total 18` sums the claims before it)
_IN_THE_END = re.compile(r"\b(?:in\s+the\s+end|at\s+last)\b")


def _concluded_otherwise(texts: list[str], joins: list[str], ends: list[bool], body: str) -> bool:
    """`36 - 7 = 29 so 36`, `36 - 7 = 29. So 36.`, `{"work": "36-7=29", "final_answer": 36}`: a value that
    closes its sentence after a claim, joined by words that make it the result (`_CONCLUDING`), and is
    not the value the claim comes to. Such a run has no `=` and would be dropped as prose, so the line
    would conclude the claim's value, the one it went on to deny; the line is unreadable instead."""
    for i in range(min(len(texts) - 1, len(joins))):
        value = texts[i + 1]
        # a value closes its sentence at sentence punctuation, or at the end of the line (`so 36 !`)
        closes = ends[i + 1] or (i + 2 == len(texts) and body.rstrip(" .!?;:,").endswith(value))
        if "=" not in texts[i] or "=" in value or not closes or not _concluding(joins[i]):
            continue
        if any(c.isdigit() for c in value) and value_like(value) and not _same_value(texts[i], value):
            return True
    return False


_AROUND = " ${}()[]"  # a dollar sign, or the brackets of data around a value (`29}` closing `{"answer": 29}`)


def _same_value(claim: str, value: str) -> bool:
    """Whether value is written as the last side of the claim (`36 - 7 = 29` and `29`, `29.0` or `$29`)."""
    last, said = claim.rsplit("=", 1)[1].strip(_AROUND), value.strip(_AROUND)
    if last == said:
        return True
    try:
        return Fraction(last) == Fraction(said)
    except (ValueError, ZeroDivisionError):
        return False


_EITHER = ("is either", "equals either")


def _clause_ends(i: int, texts: list[str], joins: list[str], ends: list[bool]) -> bool:
    """Whether run i ends its clause: at sentence punctuation, or before `and`/`or` that starts another
    verbal claim (`x equals 1 and y equals 9.`: the `1` is all that x is said to be)."""
    if ends[i]:
        return True
    return (
        i + 2 < len(texts)
        and i + 1 < len(joins)
        and joins[i] in _LIST_JOINS
        and _letter(texts[i + 1])
        and joins[i + 1] in _VERBAL_EQUALS
    )


def _either(i: int, texts: list[str], joins: list[str], ends: list[bool]) -> list[str] | None:
    """`x is either 2 or 3.`: the values listed (two or more, joined by `or`, the last ending the
    sentence), or None. Plain `x is 2 or 3` stays unread: it may be a hedge, not a list of roots."""
    if i >= len(joins) or joins[i] not in _EITHER:
        return None
    values = [texts[i + 1]] if i + 1 < len(texts) else []
    j = i + 1
    while j < len(joins) and joins[j] == "or" and j + 1 < len(texts):
        values.append(texts[j + 1])
        j += 1
    if len(values) < 2 or not ends[j] or any("=" in v or not value_like(v) for v in values):
        return None
    return values


def _more_values(group: list[str], value: str) -> str | None:
    """`x = 3` for the value `3` listed after the claims `x = 2` (or `x = 1 or x = 2`), else None."""
    head = re.fullmatch(r"\s*([A-Za-z])\s*=\s*([^=]+)", group[-1])
    if head is None or not value_like(head.group(2)) or not value_like(value) or not readable(value):
        return None
    return f"{head.group(1)} = {value.strip()}"


def _value_list(parts: list[str]) -> list[str] | None:
    """`x = 2, 3` (`x=2,3`): values listed after one solution statement are more values of that variable:
    [`x = 2`, `x = 3`]. Only bare values qualify (`x = 2, 3y = 6` is two claims)."""
    start = len(parts)
    while start > 0 and "=" not in parts[start - 1]:
        start -= 1
    head = re.fullmatch(r"\s*([A-Za-z])\s*=\s*([^=]+)", parts[start - 1]) if 0 < start < len(parts) else None
    if head is None or not value_like(head.group(2)):
        return None
    rest = parts[start:]
    # `1, 000` is no list of values anyone writes (a thousands separator with a stray space?): refused
    if any(not p.strip() or not value_like(p) or re.match(r"\s*-?0\d", p) for p in rest):
        return None
    return [parts[start - 1], *(f"{head.group(1)} = {p.strip()}" for p in rest)]


# the words between a subject and a chain that say the chain is what the subject is: `x is`, `x comes out
# to`, `x turns out to be`, `x is found to be`, `x ends up being`, `x can only be`, `x works out as`
_CHAIN_VERB = re.compile(
    r"(?:^|\s)(?:is|are|was|be|being|been|equals?|equal\s+to|becomes?|gives?|yields?|makes?|to|as)$", re.I
)


def _subject_of_chain(subject: str, join: str, chain: str) -> bool:
    """`x` or `4x` (a lone letter, or math with a variable and no `=`), words that say `=` (`_CHAIN_VERB`),
    then a chain with `=`."""
    if "=" not in chain or "=" in subject or re.search(r"[A-Za-z]{2}", subject):
        return False  # a word is no subject (`3 times the second ... gives 5x = 15`)
    if not (join in _VERBAL_EQUALS or (len(join.split()) <= 4 and _CHAIN_VERB.search(join))):
        return False
    if _letter(subject):
        return True
    # math, not a word the vocabulary also reads as letters (`the left side as (x - 2)(x + 5) = 0`)
    return (
        re.search(r"[A-Za-z]", subject) is not None
        and (has_operator(subject) or re.search(r"\d", subject) is not None)
        and _expression(subject)
    )


# a move's name right before its operand (`Dividing by -3, x = 3`, `Subtract 5, 2x = 8`)
_MOVE_LEAD = re.compile(
    r"(?:\bby|\bfrom|\badd\w*|\bsubtract\w*|\bmultipl\w*|\bdivid\w*|\bminus|\bplus|\btimes)\s*$"
)
_OPERAND = re.compile(r"[-+−]?\s*\(?\s*[-+−]?[0-9A-Za-z./^]{1,20}\s*\)?")


def _operand_of_lead(part: str, lead: str) -> bool:
    """The value before a line's first comma is the operand of the move its lead names, not a claim."""
    return "=" not in part and _MOVE_LEAD.search(lead) is not None and _OPERAND.fullmatch(part) is not None


def _lead(body: str) -> str:
    """The words before the first run of math."""
    lead: list[str] = []
    for word in body.split():
        if is_mathy(trim(word)) or (word.startswith("=") and is_mathy(word)):
            break
        lead.append(word)
    return " ".join(lead).lower()


# what may stand before the subject of a chain: nothing, or a word that opens a clause (`So x is ...`);
# after a verb or a preposition the letter is an object (`Eliminating y gives 2y = 8`, `Subtracting 2x
# from both sides gives x - 6 = 5`, `Solving for x gives ...`)
_SUBJECT_LEADS = frozenset(
    {
        "",
        "so",
        "thus",
        "then",
        "hence",
        "therefore",
        "now",
        "and",
        "that",
        "consequently",
        "finally",
        "∴",
        "since",
        "because",
        "clearly",
        "here",
        "where",
        "i.e.",
        "i.e.,",
        "means",
        "meaning",
    }
)


def _opens_subject(before: str) -> bool:
    words = before.split()
    return (words[-1].strip(",:;") if words else "") in _SUBJECT_LEADS


def _verbal_equals(
    texts: list[str], joins: list[str], ends: list[bool], lead: str = ""
) -> tuple[list[str], list[str]]:
    """`x is 4.` → `x = 4`: only a lone variable, only a value that ends its clause; `x is either 2 or 3.`
    → `x = 2`, `x = 3` joined by `or`."""
    out: list[str] = []
    out_joins: list[str] = []
    i = 0
    while i < len(texts):
        if out:
            out_joins.append(joins[i - 1] if i - 1 < len(joins) else "")
        listed = _either(i, texts, joins, ends) if _letter(texts[i]) else None
        if listed is not None:
            for k, value in enumerate(listed):
                if k:
                    out_joins.append("or")
                out.append(f"{texts[i]} = {value}")
            i += 1 + len(listed)
            continue
        if (
            i + 1 < len(texts)
            and i < len(joins)
            and joins[i] in _VERBAL_EQUALS
            and _letter(texts[i])
            and "=" not in texts[i + 1]
            and _clause_ends(i + 1, texts, joins, ends)
        ):
            out.append(f"{texts[i]} = {texts[i + 1]}")
            i += 2
            continue
        if (
            i + 1 < len(texts)
            and i < len(joins)
            # `x, which is 12 - 9 = 3` is said of x; after `We divide by -2,` the clause has ended (and a
            # number is no subject)
            and (not ends[i] or re.match(r"(?:which|that)\b", joins[i]) is not None)
            and _opens_subject(lead if i == 0 else joins[i - 1])
            and _subject_of_chain(texts[i], joins[i], texts[i + 1])
        ):
            # `x is 12 - 10 = 2`, `4x is 10 + 3 = 13`: the chain is what the subject is; read without its
            # subject it would be true arithmetic, and the false `x = 2` would go unchecked
            out.append(f"{texts[i]} = {texts[i + 1]}")
            i += 2
            continue
        out.append(texts[i])
        i += 1
    return out, out_joins
