"""A line after the stated final answer that puts another value forward.

`Answer: x = 4` states the answer, and a line after it can still take it back in effect: `Or maybe
x = 5.`, `Hmm, or 30?`, `But it could also be 5.`, `(If you meant 2x - 3 = 11, it would be 7.)`,
`P.S. If he also ate one, 28.`, or a plain `x = 5` that gives the answer's name another value. A response
that puts two values forward for one question commits to neither, and a value nobody committed to is no
answer to verify. Lines after the answer that only look back stay harmless: a check (`Check: 2(4) + 3 = 11
✓`), a comment on the answer with numbers the problem or the work already had (`That seems reasonable: 29 is
less than 36.`), a question about another value answered no (`Could it be 54? No.`), the answer said
again.

A line puts another value forward when it
- binds a name of the answer (any one-letter name, for an answer stated as a bare value) to a value with a
  number the answer does not have (`x = 5` after `x = 4`);
- offers an alternative to a number (`or 30`, `or x = 30`) the answer does not have;
- is said with a question, a hedge, a verdict, a condition or a contrast (`if`, `but`, `though`,
  `alternatively`, ...) and has a number that neither the problem, the work before it nor the answer has;
- gives a value the answer does not have under a label (`Apples left: 36`, `| Left | 36 |`, `∴ 36`;
  labelled_values.py), unless the label names a given or a check and the problem or the work wrote the
  value (`Start: 36`, `Verification: 11`);
- offers a value the answer does not have where a sentence puts its value, even one the problem or the work
  wrote: the sentence's last number, or a number right after a hedge, standing after a copula, a hedge or a
  pause (`Maybe 36.`, `Or perhaps it is still 36?`, `Could x be 8?`, `On second thought: 36.`) with only words
  after it, in a sentence said with doubt, a question, a contrast or a second thought (a sentence that is the
  bare number needs none). A number after a relation or an operation (`29 + 7 = 36`, `less than 36`, `started
  with 36`) is work or a comparison, not a value offered.
Pure text work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction

from assay.domains.math.decide import exact_value
from assay.domains.math.exact import Number
from assay.domains.math.expr import Var, variables
from assay.domains.math.grammar import parse_chain
from assay.domains.math.labelled_values import NUMBER, labelled_value, number_value, recaps_a_given
from assay.domains.math.prose_numbers import loose_numbers
from assay.domains.math.uncommitted import uncommitted
from assay.domains.math.vocabulary import NUMBER_WORDS
from assay.errors import LimitExceeded, MathParseError
from assay.text.compatible import compatible
from assay.text.trigger_words import compile_guarded

MAX_TEXT = 2000  # characters of a line looked at
MAX_CLAIMS = 16  # claims of a line held to the answer

# a number as written: thousands groups and a decimal part (`1,250.5`), a fraction's parts read one by one
_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.])\d+(?:\.\d+)?")
# a word that sets the line beside the answer: a condition, a contrast, an alternative
_BESIDE = compile_guarded(
    r"\b(?:if|unless|suppose|supposing|assuming|otherwise|alternatively|instead|but|though|although|however"
    r"|also|else|or|either|may|p\.?\s*s)\b",
    re.I,
)
# `or 30`, `or x = 30`, `or is it 30`: an alternative value
_OR_VALUE = re.compile(
    r"\bor\s+(?:(?:is\s+it|maybe|perhaps|possibly|rather|even)\s+)?(?:[a-z]\s*=\s*)?[-−]?\$?(\d[\d,.]*)",
    re.I,
)
# `x = 5`, `y=-2.5`: a name given a value; the name opens the statement (`x + y = 5` binds nothing) and
# the value closes it (`x = 11 - 7 = 4` is work, not a value for x); a name inside a word or a LaTeX command
# is none
_BINDING = re.compile(
    r"(?:^|(?<=[\s,;:(\[]))(?<![-−+*/^×·÷=<>]\s)([A-Za-z])\s*=\s*[-−]?\s*\$?"
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*/\s*(\d+)(?![\d.]))?(?!\s*[-−+*/^×·÷=(\d])"
)
# `Could it be 54? No.`: a question about another value, answered no, rules the value out
_REJECTED_QUESTION = re.compile(r"[^.?!]*\?\s*(?:no|nope|not\s+at\s+all|definitely\s+not)\b[.,!]?", re.I)
# what LaTeX wraps a value in: `$x = 5$`, `\(x=\frac{9}{2}\)`
_LATEX_FRACTION = re.compile(r"\\[dt]?frac\s*\{\s*(\d+)\s*\}\s*\{\s*(\d+)\s*\}")
_DELIMITERS = re.compile(r"\$|\\[()\[\]]")


def numbers_in(text: str) -> set[Fraction]:
    """The values of the numbers written in text (`1,250` is 1250; `4.50` and `4.5` are one value)."""
    found: set[Fraction] = set()
    for match in _NUMBER.finditer(text):
        found.add(Fraction(match.group(0).replace(",", "")))
    return found


# `3/4` (and `\\frac{3}{4}`, written so first): a fraction's value, beside its parts (`\\frac{1}{2}`, then
# `or 0.5 as a decimal`)
_FRACTION = re.compile(r"(?<![\d.])(\d+)\s*/\s*(\d+)(?![\d.])")


def stated_values(answers: Iterable[str]) -> set[Fraction]:
    """The numbers of the stated answers, and the values of their fractions."""
    found: set[Fraction] = set()
    for answer in answers:
        found |= _stated_values(answer)
    return found


# words of a line that looks back at the answer: a check, a reason, an agreement
_LOOKS_BACK = compile_guarded(
    r"\b(?:check\w*|verif\w*|confirm\w*|because|since|makes?\s+sense|indeed|as\s+expected|match\w*"
    r"|consistent|correct|sanity|plug\w*|substitut\w*|original\w*|adds?\s+up|agrees?|back\s+to|right"
    r"|reasonable|lhs|rhs|sides?|holds?|works?|satisf\w*)\b",
    re.I,
)


def arithmetic_result(math: str, seen: set[Fraction], text: str = "") -> Fraction | None:
    """The value the last claim of a step's math ends on, when it is arithmetic (no names) and its value is
    not in seen, or is in seen but the line (text) does not look back at the answer (`Then he gets 7 back:
    29 + 7 = 36.` is more story, `This makes sense because 29 + 7 = 36.` a check); else None."""
    claim = math.split("; ")[-1]
    try:
        chain = parse_chain(claim)
    except (MathParseError, LimitExceeded):
        return None
    if len(chain) < 2 or any(variables(part) for part in chain):
        return None
    value = exact_value(chain[-1])
    if not isinstance(value, int | Fraction):
        return None
    if Fraction(value) in seen and (_LOOKS_BACK.search(text) is not None or any(c in text for c in "✓✔✅")):
        return None
    return Fraction(value)


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")  # `1,250` is 1250 (`2, 3` and `2,3` are two values)
_SIGNED = re.compile(r"(?<![\w.])([-−]?)\s*(\d+(?:\.\d+)?)(?:\s*/\s*(\d+)(?![\d.]))?")


def signed_values(text: str) -> list[Fraction] | None:
    """The values written in text, in order, with their signs, a fraction as one value (`-11/7`,
    `\\frac{3}{4}`, `−5`): what a line of bare values puts forward, to compare with the answer's own; None
    when one has no value (`3/0`)."""
    text = _LATEX_FRACTION.sub(r"\1/\2", _THOUSANDS.sub("", text).replace(",", " , "))
    found: list[Fraction] = []
    for match in _SIGNED.finditer(text):
        value = Fraction(match.group(2))
        if match.group(3) is not None:
            if not int(match.group(3)):
                return None
            value /= int(match.group(3))
        found.append(-value if match.group(1) else value)
    return found


def lone_expression_elsewhere(math: str, values: set[Fraction]) -> bool:
    """Whether a claim is one expression and no relation that is worth none of values (`29 + 1` or `x + 1`
    after the answer 29): a value put forward by writing it out. `36 - 7` is worth 29."""
    try:
        chain = parse_chain(math.split("; ")[-1])
    except (MathParseError, LimitExceeded):
        return False
    if len(chain) != 1:
        return False
    value = None if variables(chain[0]) else exact_value(chain[0])
    return not isinstance(value, int | Fraction) or Fraction(value) not in values


def _stated_values(text: str) -> set[Fraction]:
    """The numbers of a stated answer, and the values of its fractions."""
    found = numbers_in(text)
    for match in _FRACTION.finditer(_LATEX_FRACTION.sub(r"\1/\2", text)):
        if int(match.group(2)):
            found.add(Fraction(int(match.group(1)), int(match.group(2))))
    return found


def _all_known(text: str, known: set[Fraction]) -> bool:
    """Whether every number of text is in known (`75%` when 75 or 3/4 is)."""
    for match in _NUMBER.finditer(text):
        value = Fraction(match.group(0).replace(",", ""))
        if value not in known and not (text[match.end() : match.end() + 1] == "%" and value / 100 in known):
            return False
    return True


def _value(digits: str, below: str | None = None) -> Fraction | None:
    digits = digits.rstrip(".,")
    try:
        value = Fraction(digits.replace(",", ""))
    except ValueError:
        return None
    if below is None:
        return value
    return value / int(below) if int(below) else None


def _assignments(answers: list[str]) -> list[dict[str, Number]]:
    """The values the stated answers give their names, one mapping per alternative (`x = 2 or x = 3`: two);
    a bare value is given to the name `?` (any one name a claim has). [] when any part is unreadable."""
    found: list[dict[str, Number]] = []
    for answer in answers:
        named: dict[str, Number] = {}
        roots: list[tuple[str, Number]] = []
        for part in re.split(r",\s*|\s+or\s+|\s+and\s+", answer.strip().rstrip(".")):
            try:
                chain = parse_chain(_LATEX_FRACTION.sub(r"(\1)/(\2)", _DELIMITERS.sub(" ", part)))
            except (MathParseError, LimitExceeded):
                return []
            if len(chain) == 1 and not variables(chain[0]):
                name, value = "?", exact_value(chain[0])
            elif len(chain) == 2 and isinstance(chain[0], Var) and not variables(chain[1]):
                name, value = chain[0].name, exact_value(chain[1])
            else:
                return []
            if value is None:
                return []
            if name in named:
                roots.append((name, value))  # `x = 2, x = 3`: another root of the same name
            else:
                named[name] = value
        found.append(named)
        found.extend({**named, name: value} for name, value in roots)
    return found


def answers_worth(answers: list[str]) -> set[Fraction]:
    """What the stated answers are worth (`4 × 6 × 1 × 1` is 24, not 4 or 6; `x = 2 or x = 3` is 2 and 3);
    their numbers when one cannot be read."""
    assignments = _assignments(answers)
    if not assignments:
        return stated_values(answers)
    return {
        Fraction(value) for env in assignments for value in env.values() if isinstance(value, int | Fraction)
    }


def contradicts(math: str, answers: Iterable[str]) -> bool:
    """Whether a claim read after the answers is false at every value they give (`2x = 10` after `x = 4`,
    `x = √25` after `4`); a claim about other names, or one the exact path cannot evaluate, is not."""
    if not math or "=" not in math:
        return False
    assignments = _assignments(list(answers))
    if not assignments:
        return False
    for claim in math.split("; ")[:MAX_CLAIMS]:
        try:
            chain = parse_chain(claim)
        except (MathParseError, LimitExceeded):
            continue
        names = frozenset().union(*(variables(part) for part in chain))
        if len(chain) < 2 or not names:
            continue  # arithmetic is the steps' to check; only a claim about the answer's names is held to it
        false_everywhere = True
        for values in assignments:
            env = dict(values)
            if "?" in env and len(names) == 1:
                env[next(iter(names))] = env.pop("?")
            if not names <= env.keys():
                false_everywhere = False
                break
            sides = [exact_value(part, env) for part in chain]
            if any(side is None for side in sides) or all(side == sides[0] for side in sides):
                false_everywhere = False
                break
        if false_everywhere:
            return True
    return False


# a number as a sentence offers it (labelled_values.NUMBER), not a piece of a word or of a longer number
_OFFERED_NUMBER = re.compile(rf"(?<![\w.,]){NUMBER}(?![\w.,]\w)", re.I)
# where a sentence puts a value: after a copula, a hedge or a pause
_SLOT = re.compile(
    r"(?:^|[,:(—–]|\.\.\.|\b(?:is|it'?s|be|was|equals|maybe|perhaps|possibly|probably|still|actually|really"
    r"|rather|instead|or|but|just|exactly|likely|guess|think|say|suppose|believe|reckon|mean"
    r"|has|have|had|gets?|got|becomes?|makes?|left|remains?|totals?|comes\s+to|ends\s+up\s+with))\W*$",
    re.I,
)
# a word right after which the number is offered whatever follows (`Maybe 36 if we count the 7 he gave.`)
_HEDGE_SLOT = re.compile(r"\b(?:maybe|perhaps|possibly|probably|or)\W*$", re.I)
# a sentence said with doubt or a second thought
_SECOND_THOUGHT = re.compile(
    r"\b(?:actually|think|guess|believe|second\s+thought|then\s+again|on\s+reflection|hmm+|wait|unless|instead"
    r"|rather|really|sure|reconsider\w*|rethink\w*|correction|corrected|re-?evaluat\w*|final\s+thought"
    r"|updated?|edit(?:ed)?|errat(?:um|a)|revised|revision|amended)\b",
    re.I,
)
_SENTENCES = re.compile(r"(?<=[?!;])|(?<=\.)(?!\d)")
_AFTER_VALUE = re.compile(r"[\sA-Za-z'’\-,)*_]*[.?!;…]*[\s*_)]*$")


def offers_another_value(text: str, stated: set[Fraction]) -> bool:
    """Whether a sentence of text offers a value that is not stated where a sentence puts its value (see
    the module); text has no LaTeX delimiters and its questions answered no are taken off."""
    text = _ELLIPSIS.sub(" — ", _MARKUP.sub(lambda m: " " * len(m.group(0)), text))  # `Perhaps...36`: a pause
    for sentence in _SENTENCES.split(text):
        numbers = list(_OFFERED_NUMBER.finditer(sentence))
        if not numbers:
            continue
        bare = _AFTER_VALUE.match(sentence, numbers[-1].end()) is not None and not re.search(
            r"[A-Za-z0-9]", sentence[: numbers[-1].start()]
        )
        open_ = bare or "?" in sentence or uncommitted(sentence) or _BESIDE.search(sentence) is not None
        if not open_ and _SECOND_THOUGHT.search(sentence) is None:
            continue
        offered = [numbers[0]] if _HEDGE_SLOT.search(sentence[: numbers[0].start()]) else []
        last = numbers[-1]
        if _AFTER_VALUE.match(sentence, last.end()) and _SLOT.search(sentence[: last.start()]):
            offered.append(last)
        for number in offered:
            value = number_value(number)
            if value is None or (
                value not in stated and not (number.group("percent") and value * 100 in stated)
            ):
                return True
    return False


_MARKUP = re.compile(r"[*_#>`]+")
_ELLIPSIS = re.compile(r"\.{2,}|…")


# words that keep some of the values given and drop the rest (`Only x = 2 is valid.`, `x = 3 fails`)
_KEEPS_SOME = compile_guarded(
    r"\b(?:only|valid|invalid|reject\w*|discard\w*|extraneous|fails?|failed|spurious|unique|ignore"
    r"|does\s*n[o']?t\s+(?:work|hold|satisfy|check)|not\s+(?:a\s+)?(?:valid\s+)?(?:solution|root|answer))\b",
    re.I,
)
_REJECTED_VALUE = re.compile(r"([A-Za-z]?)\s*≠\s*([-−]?\d+(?:\.\d+)?(?:\s*/\s*\d+)?)(?![\d.])")


def narrows(text: str, math: str, answers: Iterable[str]) -> bool:
    """Whether a line after the answers takes one of their values back or keeps only some of them: a root
    rejected (`But x = 3 doesn't work.`, read as the claim `x ≠ 3`), or some of a name's values kept with
    words that drop the rest (`So x = 2 is the only solution.`, `Only x = 2 is valid.` after `x = 2 or
    x = 3`). Each name is held to its own values (`y ≠ 6` after `x = 6, y = 4` rejects nothing given)."""
    values: dict[str, set[Fraction]] = {}  # per name (`?` for values the answer names nothing by)
    for env in _assignments(list(answers)):
        for name, number in env.items():
            if isinstance(number, int | Fraction):
                values.setdefault(name, set()).add(Fraction(number))

    def given(name: str) -> set[Fraction]:
        return values.get(name, set()) | values.get("?", set())

    for rejected in _REJECTED_VALUE.finditer(math):
        value = _value(rejected.group(2).replace("−", "-").replace(" ", ""))
        if value is None or value in given(rejected.group(1)):
            return True  # `x ≠ 3` after an answer that gives x the value 3
    roots = {name: found for name, found in values.items() if len(found) > 1}  # (a name's several values)
    if not roots or _KEEPS_SOME.search(text) is None:
        return False
    bound = [
        (binding.group(1), _value(binding.group(2), binding.group(3)))
        for binding in _BINDING.finditer(f"{text} ; {math}")
    ]
    for name, several in roots.items():
        named = {value for var, value in bound if value is not None and (var == name or name == "?")}
        kept = (named or (numbers_in(text) if not bound else set())) & several
        if kept and kept < several:
            return True
    return False


# numbers joined by operations in prose (`4 + 6 + 1 + 1`, `(4 + 6) × 2`): an expression written out
_OPERAND = r"\(*\s*\d+(?:\.\d+)?\s*\)*"
_WRITTEN_EXPRESSION = re.compile(rf"(?<![\w.]){_OPERAND}(?:\s*[-+−×*/÷·]\s*{_OPERAND})+(?![\w.])")


# the same said in words (`four plus six plus one plus one`): put forward, whatever it is worth
_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_SPOKEN_EXPRESSION = re.compile(
    rf"\b(?:{_WORD}|\d+)\s+(?:(?:plus|minus|times|multiplied\s+by|divided\s+by|over|to\s+the(?:\s+\w+)?\s+power\s+of)"
    rf"\s+(?:{_WORD}|\d+)\b|factorial\b|squared\b|cubed\b)|\b(?:square|cube)\s+root\s+of\s+(?:{_WORD}|\d+)\b",
    re.I,
)

# an operation on numbers beyond + - × ÷ (`4!`, `6^1`, `2**3`, `√4`, `\sqrt{4}`): an expression written out
# that the arithmetic reader here does not take (`That's 24!` ends a sentence: a `!` counts only beside
# another operation)
_BEYOND_ARITHMETIC = re.compile(
    r"\d\s*(?:\^|\*\*)\s*[-−(]?\s*\d|(?:[√∛∜]|\\sqrt\b)\s*[\[{(]?\s*\d"
    r"|\d\s*!(?=\s*[-+−×*/÷·^(\d])|(?<=[-+−×*/÷·(])\s*\d+\s*!"
)


def beyond_arithmetic(text: str) -> bool:
    """Whether text writes numbers with an operation beyond + - × ÷ (`4! × 1`, `6^1 × 4^1`, `√(4·6·6·4)`)."""
    return _BEYOND_ARITHMETIC.search(text[:MAX_TEXT]) is not None


def written_expressions(text: str) -> list[tuple[str, bool]]:
    """The arithmetic expressions written out in text (`4 + 6 + 1 + 1`, `(8 - 2) × 3 + 6`), each with
    whether it is a side of a claim (`= 24` beside it)."""
    text = text[:MAX_TEXT]
    found: list[tuple[str, bool]] = []
    for match in _WRITTEN_EXPRESSION.finditer(text):
        before, after = text[: match.start()].rstrip(), text[match.end() :].lstrip()
        written = match.group().strip()
        if written.count("(") != written.count(")"):
            written = written.strip("() ")
        found.append((written, before.endswith(("=", "≈")) or after.startswith(("=", "≈"))))
    return found


def written_expression_elsewhere(text: str, answers: Iterable[str]) -> bool:
    """Whether prose with no claim writes an arithmetic expression out that is worth none of the answers'
    values (`Alternatively: 4 + 6 + 1 + 1` after the Game of 24 answer `4 × 6 × 1 × 1`, `Also 2 + 3.`
    after `Answer: 4`): a value put forward, made of numbers the problem gave. One that cannot be read is
    put forward too."""
    if _SPOKEN_EXPRESSION.search(text[:MAX_TEXT]) is not None or beyond_arithmetic(text):
        return True
    if not any(op in text for op in "+-−×*/÷·"):
        return False
    answers = list(answers)
    worth = answers_worth(answers)
    for written, in_claim in written_expressions(text):
        if in_claim:
            continue  # `2 · 4 + 3 = 11`: a side of a claim, read as one
        try:
            chain = parse_chain(written)
        except (MathParseError, LimitExceeded):
            return True
        value = exact_value(chain[0]) if len(chain) == 1 else None
        if not isinstance(value, int | Fraction) or Fraction(value) not in worth:
            return True
    return False


_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_PRINTED = re.compile(r"\b(?:print\s*\(\s*|return\s+)([-−]?\d+(?:\.\d+)?)\s*(?:\)|$|[;#\n])")


def puts_another_value(text: str, math: str, answers: Iterable[str], seen: set[Fraction]) -> bool:
    """Whether a line after the stated answers puts another value forward (see the module); math: the
    claims the reader read in it (`x equals five.` is `x = 5`); seen: the values the problem and the work
    up to the answer wrote."""
    answers = list(answers)
    stated = stated_values(answers)
    if not text.isascii():
        text = compatible(text)  # `M\u200baybe 36.`: before any word is read
    if "<" in text:
        text = _TAG.sub(" ", text)  # `<summary>Correction</summary>x = 5`: the tags are layout
    for found in _PRINTED.finditer(text[:MAX_TEXT]):
        value = _value(found.group(1).replace("−", "-"))
        if value is None or value not in stated:
            return True  # `print(5)  # the answer`, `return 5`: a value a program after the answer gives
    labelled = labelled_value(text)
    if (
        labelled is not None
        and labelled[1] not in stated
        and not (labelled[1] in seen and recaps_a_given(labelled[0]))
    ):
        return True  # `Apples left: 36`, `| Left | 36 |`, `∴ 36`: another value under a label
    if not math.isascii():
        math = compatible(math)
    text = text[:MAX_TEXT] + " ; " + math[:MAX_TEXT]
    text = _DELIMITERS.sub(" ", _LATEX_FRACTION.sub(r"\1/\2", text))
    text = _REJECTED_QUESTION.sub(" ", text)
    names = {m.group(1) for answer in answers for m in _BINDING.finditer(answer)}
    for match in _BINDING.finditer(text):
        if names and match.group(1) not in names:
            continue  # `y = 8` after `Answer: x = 4`: another quantity, not the answer's
        value = _value(match.group(2), match.group(3))
        if value is None or value not in stated:
            return True
    for match in _OR_VALUE.finditer(text):
        value = _value(match.group(1))
        if value is None or value not in stated:
            return True
    if offers_another_value(text, stated):
        return True  # `Maybe 36.`, `Or perhaps it is still 36?`: a value offered beside the answer
    if loose_numbers(text, seen | stated):
        return True  # `Update: 5`, `With the one he ate, 28.`: a number in words nobody computed
    if not math and written_expression_elsewhere(text, answers):
        return True  # `Alternatively: 4 + 6 + 1 + 1`: an expression of the given numbers, worth another value
    if not math and not _all_known(text, seen | stated):
        return True  # `*Alternative reading: 5*`, `| answer | 5 |`: a line with no claim, a new number
    if not (uncommitted(text) or _BESIDE.search(text) is not None):
        return False
    return not numbers_in(text) <= seen | stated  # `But the question might want x = 8/2 = 4.5.`


__all__ = [
    "answers_worth",
    "beyond_arithmetic",
    "narrows",
    "numbers_in",
    "puts_another_value",
    "written_expression_elsewhere",
    "written_expressions",
]
