"""The words of one line of model text: which are math, which prose, and what claims the math makes.

`extract_claims` turns a line into claims (`a = b; c = d or e = f`), `math_runs` finds the stretches of
math in a text (the problem reader uses it on prompts), `leading_math` reads the math at the start of an
answer sentence. A word is math when every character is in the grammar's alphabet and every run of
letters is one letter or a known name; a claim one of whose sides is not math (`2θ = 9`, `x = four-ish`)
makes the whole line unreadable, never prose. Pure text work: safe in any process.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

from assay.domains.math.expr import CONSTANTS, FUNCTIONS, parse_chain
from assay.domains.math.markup import prepare_line, split_lines, strip_delimiters
from assay.domains.math.spoken import states_value
from assay.errors import MathParseError

_LETTERS = re.compile(r"[A-Za-z]+")
_WORD_OK = (
    FUNCTIONS
    | CONSTANTS
    | {"frac", "dfrac", "tfrac", "cdot", "times", "div", "pm", "sqrt", "left", "right", "boxed"}
)
_MATH_CHARS = re.compile(r"^[0-9A-Za-z+\-*/^().,=±{}\[\]\\!|%]+$")  # "%": a percentage (expr.py)
_LETTERS = re.compile(r"[A-Za-z]+")
_WORD_OK = (
    FUNCTIONS
    | CONSTANTS
    | {"frac", "dfrac", "tfrac", "cdot", "times", "div", "pm", "sqrt", "left", "right", "boxed"}
)
# relations the checker cannot decide: a line with one of these makes a claim that is unknown, not prose

# names of functions the grammar does not read: before math (`sin x = 1/2`, `log 100 = 2`) the claim is
# about the function's value, never the bare argument
FUNCTION_NAMES = frozenset(
    {"sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh"}
    | {"log", "ln", "lg", "exp", "det", "gcd", "lcm", "max", "min", "mod"}
)

# "x is 4": a verbal "=" between a variable and the value that ends the sentence
_VERBAL_EQUALS = {"is", "equals", "is equal to", "must be", "must equal", "should be", "becomes", "="}

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "  # noqa: SIM905
    "sixteen seventeen eighteen nineteen".split()
)
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()  # noqa: SIM905
# 0 to 99 as one word each: "forty", "forty-two" (hyphenated, as written); "forty two" is two words, and two
# numbers side by side are refused by the grammar, never added up
NUMBER_WORDS = {word: str(i) for i, word in enumerate(_UNITS)}
NUMBER_WORDS.update({tens: str(20 + 10 * k) for k, tens in enumerate(_TENS)})
NUMBER_WORDS.update(
    {
        f"{tens}-{unit}": str(20 + 10 * k + u)
        for k, tens in enumerate(_TENS)
        for u, unit in enumerate(_UNITS[1:10], 1)
    }
)


# "forty two" is one number as spoken (42), written without its hyphen
_SPOKEN_COMPOUND = re.compile(r"\b(" + "|".join(_TENS) + r")\s+(" + "|".join(_UNITS[1:10]) + r")\b", re.I)


def leading_math(text: str) -> tuple[str, bool, bool] | None:
    """(the math at the start of text, whether the grammar reads it, whether it is the whole statement),
    up to the first word of prose.

    The math is the whole statement only if what follows it is harmless (`harmless_tail`): `4 squared`,
    `4 ⊕ 1`, `4 less than 9` or `4 (or maybe 5)` are not the answer 4, and are never read as it."""
    pieces: list[str] = []
    words = _SPOKEN_COMPOUND.sub(r"\1-\2", strip_delimiters(text)).split()
    used = 0
    ended = False  # the math ended its sentence ("4.")
    for k, word in enumerate(words):
        trimmed = trim(word)
        lower = trimmed.lower()
        if lower in NUMBER_WORDS and (
            (pieces and pieces[-1][-1:].isdigit()) or (k + 1 < len(words) and words[k + 1][:1].isdigit())
        ):
            break  # `forty 2`, `40 two`: a word beside a numeral is no number anyone reads one way
        trimmed = NUMBER_WORDS.get(lower, trimmed)
        if trimmed and is_mathy(trimmed):
            if pieces and pieces[-1] not in (", ",) and not pieces[-1].endswith(","):
                pieces.append(" ")
            pieces.append(trimmed)
            used += 1
            if word.endswith(",") or (word.endswith(";") and _solution_statement(words[k + 1 : k + 3])):
                pieces.append(", ")  # `x = 3; y = 2`: the `;` lists the next value
            elif word != trimmed and word[-1:] in ".;!?":
                if word.endswith("?"):
                    return found_text(pieces), False, False  # `x = 4?`: a question, not an answer
                ended = True
                break
        elif lower in ("and", "or", "&") and pieces:
            if pieces[-1] != ", ":
                pieces.append(", ")
            used += 1
        else:
            break
    found = found_text(pieces)
    if not found:
        return None
    rest = " ".join(words[used:])
    whole = harmless_tail(rest, ended) and not _rules_itself_out(found, rest)
    return found, all(readable(p) for p in split_top_level(tuple_inside(found))), whole


def _rules_itself_out(found: str, rest: str) -> bool:
    """`5 (not 5)`, `five (not 5)`: the value ruled out beside an answer is the answer itself."""
    match = re.match(r"\s*\(\s*not\s+([^\s()]+)\s*\)?", rest, re.I)
    if match is None:
        return False
    ruled = trim(match.group(1))
    ruled = NUMBER_WORDS.get(ruled.lower(), ruled)
    return ruled == found.split("=")[-1].strip() or _same_number(ruled, found.split("=")[-1].strip())


def _same_number(a: str, b: str) -> bool:
    try:
        return Fraction(a) == Fraction(b)
    except (ValueError, ZeroDivisionError):
        return False


def found_text(pieces: list[str]) -> str:
    return "".join(pieces).strip().strip(",").strip()


def _solution_statement(words: list[str]) -> bool:
    """Whether the words start `y = ...` / `y=2`."""
    return re.match(r"[A-Za-z]\s*=", " ".join(words)) is not None


# What may follow a final answer in its sentence: closing words that say nothing about its value. An
# allow-list: anything else ("squared", "percent", "less than 9", "dozen", "⊕ 1") makes it unreadable.
_CLOSING = re.compile(
    r"^(?:as (?:required|expected|desired|needed|claimed|stated|shown|found|before|above)"
    r"|in (?:total|all)|exactly|(?:is|as) the (?:final )?answer|is correct|which checks out)$",
    re.I,
)
_TAIL_PUNCT = " \t.!;:,*_)}]$"
# words that change or hedge a value, never harmless inside a parenthetical reason
_MODIFIERS = re.compile(
    r"\b(?:or|plus|minus|times|over|less|more|than|about|approx\w*|roughly|around|nearly|almost|least|most"
    r"|higher|lower|above|below|not|never|maybe|perhaps|possibly|either|squared|cubed|percent|dozen"
    r"|hundreds?|thousands?|millions?|billions?|halves|half|thirds?|quarters?|tenths?|hundredths?"
    r"|thousandths?|twice|double|triple|power|divided|multiplied|give or take|wrong|actually|instead)\b",
    re.I,
)
_HARMLESS_NOTE = re.compile(
    r"\s*(?:(?:the|a|an|this|that|it|is|as|in|its|our|my|final|only|unique|exact|exactly|simplified|simplest"
    r"|form|lowest|terms|answer|solution|root|value|result|checked|verified|required|expected|correct|done"
    r"|real|positive|integer|whole|number|fraction|improper|rational|reduced|fully|both|sides|equal|balance"
    r"|balances|works|check|checks|out|and|which|one|satisfies|satisfy|equation|original|holds|problem|given"
    r"|condition|conditions|both|of|for|all|every)\b[\s,.;:!]*)*",
    re.I,
)
_MATH_MARK = re.compile(r"[0-9=+\-*/^<>±≠≈≤≥%×÷√∓⊕]")


# words that state a relation between what comes before them and a value after them ("gives away 7" is
# an action of a word problem, not "gives 7")
_RELATION_WORD = re.compile(
    r"\b(?:is|was|equals?|equal to|equalling|(?:gives?|giving|gave)(?!\s+(?:away|back|out|up)\b)"
    r"|makes?|making|yields?|becomes?|results? in"
    r"|comes? to|totals?|leaves?|leaving|should be|must be|would be|will be|get|gets|got|means?)\b",
    re.I,
)
_CLAUSE = re.compile(r"[,;:!?](?:\s|$)|\.(?:\s|$)|\b(?:so|and|but|then|thus|hence|therefore)\b", re.I)
_ANSWER_WORD = re.compile(r"\b(?:answers?|solutions?|roots?|pair|set)\s*$", re.I)
# "The total is $26.": a word problem's total said in words is its answer, read as one by trace.py (with
# `=` or `:` a total is a running sum, a claim of its own)
TOTAL_IS = re.compile(r"\bthe\s+(?:final\s+)?total(?:\s+(?:cost|price|amount))?\s+(?:is|comes to)\b", re.I)
# KNOWN GAP, kept narrow on purpose: "the LCD is 12" names a common denominator nobody checks here; the
# fractions written with it are checked, so a wrong one still fails at the next step
_NAMED_DENOMINATOR = re.compile(
    r"\b(?:lcd|lcm|least common (?:denominator|multiple)|common denominator)\s*$", re.I
)
_VERBAL_TAIL = re.compile(
    r"(?<![\w'])[A-Za-z]\s+(?:is|equals|is equal to|must be|should be|becomes)\s+(\S+)\s*$", re.I
)
_VARIABLE_VERB = re.compile(r"(?<![\w'])(?![aAI]\b)[A-Za-z]\s+(?=(?:is|equals|must|should|was|becomes)\b)")


def hidden_claim(text: str) -> bool:
    """Whether prose states a relation the reader does not read as a claim.

    `Half of 8 is 3`, `gives us 2x equal to 9`, `thirteen minus five is seven`, `x equals minus four`,
    `x is the next integer up`: a relation word with a value (digits or number words) after it, or a
    variable said to be something, in a clause without `=`. Such a clause is a claim made in words; the
    caller makes its step unreadable rather than skip it as prose. Exempt: `the answer is ...` (read,
    whole or not at all, by the answer reader) and `x is 4` at the end of a clause (read as `x = 4`).
    Any other clause that names a value, with whatever verb, is one too (spoken.py)."""
    if states_value(text):
        return True
    text = TOTAL_IS.sub("the answer is", text)
    for clause in _CLAUSE.split(text):
        if not clause or "=" in clause:
            continue
        tail = _VERBAL_TAIL.search(clause)
        if tail is not None and is_mathy(trim(tail.group(1))):
            clause = clause[: tail.start()]  # "which means x equals 4": `x = 4` is read as a claim
        for match in _RELATION_WORD.finditer(clause):
            before, after = clause[: match.start()], clause[match.end() :]
            if _ANSWER_WORD.search(before) or _NAMED_DENOMINATOR.search(before):
                continue
            if re.match(r"\s*\w+ing\b", after):
                continue  # "dividing by 1/3 is multiplying by 3": a method, not a value
            stated = _VARIABLE_VERB.search(before + " " + match.group(0)) or _states_value(after)
            if stated and not _verbal_read(before, after):
                return True
    return False


def _states_value(text: str) -> bool:
    return any(c.isdigit() for c in text) or any(
        # "one" and "zero" are also words of general statements ("one of them is", "a product is zero")
        w.lower() in NUMBER_WORDS and w.lower() not in ("one", "zero")
        for w in _LETTERS.findall(text)
    )


def _verbal_read(before: str, after: str) -> bool:
    """`x is 4` / `x equals 4` ending its clause: `_verbal_equals` reads it as the claim `x = 4`."""
    words = after.split()
    if words[:1] == ["either"] and len(words) >= 4 and len(words) % 2 == 0:
        # `x is either 2 or 3`: values joined by `or` (read by `_either`)
        values, links = words[1::2], words[2::2]
        listed = all(w == "or" for w in links) and all(
            is_mathy(trim(v)) and _value_like(trim(v)) for v in values
        )
        return re.search(r"(?<![\w'])[A-Za-z]\s*$", before) is not None and listed
    return (
        re.search(r"(?<![\w'])[A-Za-z]\s*$", before) is not None
        and len(words) == 1
        and is_mathy(trim(words[0]))
    )


_RESTATED = re.compile(r"\b(?:answers?|solutions?|roots?)\s*(?:is|are|:)", re.I)


def plain_prose(text: str) -> bool:
    """Words only: no digit, operator or number word (text that can state no value)."""
    if _MATH_MARK.search(text) or any(not c.isascii() and unicodedata.category(c)[0] in "SN" for c in text):
        return False
    return not any(w.lower() in NUMBER_WORDS for w in _LETTERS.findall(text))


def harmless_tail(rest: str, ended: bool) -> bool:
    """Whether `rest`, the text after an answer's value, leaves the value as it is.

    The rest of the answer's own sentence must be empty, a closing phrase from `_CLOSING`, or a reason
    in parentheses without math or hedging words; the sentences after it must be plain prose."""
    rest = rest.strip()
    if not rest:
        return True
    if ended:
        first, later = "", rest
    else:
        cut = re.search(r"[.;!?](?:\s|$)", rest)
        first, later = (rest[: cut.start()], rest[cut.end() :]) if cut else (rest, "")
    for sentence in re.split(r"[.;!?](?:\s|$)", later):
        # a later sentence says nothing about the value, or states an answer of its own (read on its own)
        if not plain_prose(sentence) and not _RESTATED.search(sentence):
            return False
    first = first.strip(_TAIL_PUNCT)
    if not first:
        return True
    if _CLOSING.match(first):
        return True
    if re.fullmatch(r"\(\s*not\s+[^\s()]+\s*", first):
        return True  # "4 (not 5)": a value ruled out beside the answer
    reason = re.fullmatch(r"\(([^()]*)\)?|\(([^()]*)", first)
    if reason is not None:
        # an allow-list: `(negated)`, `(reciprocal)`, `(in binary)` change the value, and the words that
        # can do so are open; only words that cannot stand
        inside = reason.group(1) or reason.group(2) or ""
        return (
            plain_prose(inside)
            and not _MODIFIERS.search(inside)
            and _HARMLESS_NOTE.fullmatch(inside) is not None
        )
    return False


def changes_value(text: str) -> bool:
    """Whether text has a word that changes or hedges a value (`twice`, `half`, `about`, `less`, ...)."""
    return _MODIFIERS.search(text) is not None


def tuple_inside(text: str) -> str:
    return text[1:-1] if text.startswith("(") and text.endswith(")") and "," in text else text


def is_prose(text: str) -> bool:
    """True if text has a word that is not math (so a bracket holds a reason, a line holds prose)."""
    return any(len(w) > 1 and w.lower() not in _WORD_OK for w in _LETTERS.findall(text))


def is_mathy(word: str) -> bool:
    if not word or not _MATH_CHARS.match(word):
        return False
    letters = _LETTERS.findall(word)
    if any(len(w) > 1 and w.lower() not in _WORD_OK for w in letters):
        return False
    return not (re.fullmatch(r"[A-Za-z.]+", word) and "." in word)  # not "e.g."


def trim(word: str) -> str:
    """The word without sentence punctuation; a `!` after a number or bracket is a factorial and stays."""
    trimmed = word.rstrip(".,;:?!")
    bangs = len(word.rstrip(".,;:?")) - len(trimmed)
    if bangs and (trimmed[-1:].isalnum() or trimmed[-1:] in (")", "]", "}")):
        trimmed = word.rstrip(".,;:?")
    return trimmed


def _garbled(word: str) -> bool:
    """A word of prose that holds a relation or a digit glued to symbols the grammar does not know."""
    if "=" in word:
        return True
    if word.isascii():
        # math glued to a character the grammar lacks: `x_(1)`, `f'(x)`, `|x|`, `50%`
        return any(c.isdigit() or c in "+-*/^()" for c in word) and not _MATH_CHARS.match(word.strip("'"))
    odd = [unicodedata.category(c) for c in word if not c.isascii() and unicodedata.category(c)[0] != "P"]
    if any(cat == "Sm" or cat[0] in "MN" for cat in odd):
        return True  # a math symbol, a combining mark, a number sign the grammar does not know
    # an emoji alone is decoration; a digit, letter or operator glued to anything odd is not
    return bool(odd) and any(c.isascii() and (c.isalnum() or c in "+-*/^()") for c in word)


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
    for word in words:
        trimmed = trim(word)
        if is_mathy(trimmed) or (word.startswith("=") and is_mathy(word)):
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
            garbled = garbled or _garbled(trimmed)
            after_function = word == trimmed and trimmed.lower() in FUNCTION_NAMES
            if current and current[-1].rstrip(",").endswith("%"):
                # "15% of 80 = 12": the percentage belongs to the words after it, and the run after
                # ("80 = 12") is not the claim; a percentage followed by prose has no sure reading
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


def math_runs(text: str) -> list[str]:
    """The stretches of math in text (prose removed)."""
    found: list[str] = []
    for line in split_lines(text):
        found.extend(r for r in _runs(strip_delimiters(prepare_line(line)[0]))[0] if r)
    return found


def extract_claims(body: str) -> str | None:
    """The claims of one step as `a = b; c = d or e = f`; "" for prose; None if a claim is unreadable."""
    texts, joins, only_math, ends, garbled = _runs(body)
    if garbled and ("=" in body or any(has_operator(t) for t in texts)):
        return None
    if not texts:
        return "" if "=" not in body else None
    if _verbal_claim_unread(texts, joins, ends):
        return None
    texts, joins = _verbal_equals(texts, joins, ends)
    first_word = body.split()[0] if body.split() else ""
    claims: list[list[str]] = []
    for i, run_text in enumerate(texts):
        if run_text.endswith("=") or (run_text.startswith("=") and (i > 0 or not first_word.startswith("="))):
            return None  # one side of the claim is not math the grammar reads
        has_equals = "=" in run_text
        if not has_equals and not (only_math and len(texts) == 1 and has_operator(run_text)):
            continue
        parts = split_top_level(run_text) if has_equals else [run_text]
        if any(not readable(p) for p in parts):
            return None
        if i > 0 and joins[i - 1] in ("or", ", or") and claims:
            claims[-1].extend(parts)
        elif i > 0 and joins[i - 1] == "and" and claims and same_variable_values(claims[-1] + parts):
            # "x = 2 and x = 3" cannot be a conjunction (x has one value): it lists the solutions
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


def _verbal_claim_unread(texts: list[str], joins: list[str], ends: list[bool]) -> bool:
    """`x is 4 or 5`, `x is 2 less than y`: a variable said to be a number, in words we do not read."""
    for i in range(min(len(texts) - 1, len(joins))):
        if (
            joins[i] in _EITHER
            and re.fullmatch(r"[A-Za-z]", texts[i])
            and _either(i, texts, joins, ends) is None
        ):
            return True
        if (
            joins[i] in _VERBAL_EQUALS
            and re.fullmatch(r"[A-Za-z]", texts[i])
            and any(c.isdigit() for c in texts[i + 1])
            and not _clause_ends(i + 1, texts, joins, ends)
        ):
            return True
    return False


_LIST_JOINS = ("and", ", and", "or", ", or")
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
        and re.fullmatch(r"[A-Za-z]", texts[i + 1]) is not None
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
    if len(values) < 2 or not ends[j] or any("=" in v or not _value_like(v) for v in values):
        return None
    return values


def _value_list(parts: list[str]) -> list[str] | None:
    """`x = 2, 3` (`x=2,3`): values listed after one solution statement are more values of that variable:
    [`x = 2`, `x = 3`]. Only bare values qualify (`x = 2, 3y = 6` is two claims)."""
    start = len(parts)
    while start > 0 and "=" not in parts[start - 1]:
        start -= 1
    head = re.fullmatch(r"\s*([A-Za-z])\s*=\s*([^=]+)", parts[start - 1]) if 0 < start < len(parts) else None
    if head is None or not _value_like(head.group(2)):
        return None
    rest = parts[start:]
    # `1, 000` is no list of values anyone writes (a thousands separator with a stray space?): refused
    if any(not p.strip() or not _value_like(p) or re.match(r"\s*-?0\d", p) for p in rest):
        return None
    return [parts[start - 1], *(f"{head.group(1)} = {p.strip()}" for p in rest)]


def _value_like(text: str) -> bool:
    return re.search(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+|sqrt|pi", "", text)) is None


def _verbal_equals(texts: list[str], joins: list[str], ends: list[bool]) -> tuple[list[str], list[str]]:
    """`x is 4.` → `x = 4`: only a lone variable, only a value that ends its clause; `x is either 2 or 3.`
    → `x = 2`, `x = 3` joined by `or`."""
    out: list[str] = []
    out_joins: list[str] = []
    i = 0
    while i < len(texts):
        if out:
            out_joins.append(joins[i - 1] if i - 1 < len(joins) else "")
        listed = _either(i, texts, joins, ends) if re.fullmatch(r"[A-Za-z]", texts[i]) else None
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
            and re.fullmatch(r"[A-Za-z]", texts[i])
            and "=" not in texts[i + 1]
            and _clause_ends(i + 1, texts, joins, ends)
        ):
            out.append(f"{texts[i]} = {texts[i + 1]}")
            i += 2
            continue
        out.append(texts[i])
        i += 1
    return out, out_joins


def has_operator(text: str) -> bool:
    return bool(re.search(r"[-+*/^]|\\frac|sqrt|\\cdot|\\times", text))


def readable(part: str) -> bool:
    try:
        parse_chain(part.lstrip("="))
    except MathParseError:
        return False
    return True


def split_top_level(text: str) -> list[str]:
    """Split on commas and semicolons outside brackets."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch in ",;" and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def same_variable_values(parts: list[str]) -> bool:
    names = set()
    for part in parts:
        m = re.fullmatch(r"\s*([A-Za-z])\s*=\s*[^=]+", part)
        if m is None:
            return False
        names.add(m.group(1))
    return len(names) == 1
