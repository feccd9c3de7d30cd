"""Values said in prose: a sentence that names a number states something the checker must read.

`Thirteen take away five works out to nine.`, `Half of eighty is thirty.`, `We're left with nine.`: a
clause of prose with a value in it (a bare number, or a number word up to the millions and fractions such
as `halves`) makes a claim in words, whatever its verb. The list of verbs that state a result is open
(`obtain`, `amounts to`, `adds up to`, `:` ...), so this is an allow-list the other way round: such a
clause is a claim *unless* it is one of the shapes that state nothing about a value:

- an instruction to both sides (`Subtract 5 from both sides`, `divide by 2`, `Multiply both sides by 3`),
- a count (`two solutions`, `both sides`, `2 cases`),
- the answer announced (`the answer is 4`, read whole by the answer reader), a value on its own (`**5**`),
- setting factors to zero (`Set each factor equal to zero`).

"one" counts as a value only after a verb of result (`evaluates to one`): elsewhere it is a pronoun.

A property said in words is a claim too (`states_property`): `Both roots are positive.`, `there are no
real roots`, `There is exactly one solution.` (sign, kind of number, count, order, existence). It names no
value, so nothing checks it; a few harmless phrasings that share its words are allowed by name.

The caller makes such a step unreadable, so a claim in words is never skipped as prose. Pure text work.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from fractions import Fraction

from assay.domains.math.numerals import unread_numeral
from assay.domains.math.stated_math import states_math, without_asides
from assay.text.compatible import without_format_characters
from assay.text.trigger_words import compile_guarded

_UNITS = (
    "zero two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion dozen half halves thirds quarter quarters fourths fifths sixths sevenths eighths "
    "ninths tenths"
)
# "one" is left out: it is mostly a pronoun ("the other one", "one of the roots")
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_UNITS.split()) + r")\b", re.I)
_BARE_NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?(?:/\d+)?")
_MATH_TOKEN = re.compile(r"[0-9A-Za-z+\-−*/^().{}\\\[\]]+")
_STEP_LABEL = re.compile(r"\b(?:step|line|equation|eq\.?)\s*\(?\d+\)?", re.I)
# `x is 4` ending its clause is read as the claim x = 4 by the claim reader (words.py)
_VERBAL_TAIL = re.compile(
    r"(?<![\w'])[A-Za-z]\s+(?:is|equals|is equal to|must be|should be|becomes)\s+(?:either\s+)?"
    r"\S+(?:\s+or\s+\S+)*(?=\s*(?:$|\band\b))",
    re.I,
)
# `Multiply the first two`, `add the other three`: which of the items, not a value
_SELECTION = re.compile(
    r"\bthe\s+(?:first|last|other|next|remaining|final|previous)\s+(?:two|three|four|five|\d)\b", re.I
)
_COUNT = re.compile(
    r"\b(?:\d+|two|three|four|both)\s+(?:real\s+|distinct\s+|different\s+|possible\s+)?"
    r"(?:solutions?|roots?|sides?|cases?|equations?|values?|answers?|steps?|terms?|factors?|variables?"
    r"|unknowns?|ways?|methods?|parts?|numbers?)\b",
    re.I,
)
_OPERAND = r"(?:-?\d+(?:\.\d+)?(?:/\d+)?|[a-z]+)"
# one of a system's equations named (`the second equation`, `equation (2)`, `eq. 2`, `(2)`, `both equations`):
# a multiplier said of it is a move on equations (system_names.py reads and checks it), no value
_EQUATION = (
    r"(?:(?:the\s+)?(?:first|second|third|1st|2nd|3rd|top|bottom|upper|lower|last)\s+(?:equation|eqn\.?|eq\.?|row)"
    r"|(?:equation|eqn\.?|eq\.?|row|line)\s*(?:\(\s*\d\s*\)|\d\b|i{1,3}\b)|\(\s*\d\s*\)|both\s+equations)"
)
# what the same instruction goes on to do with it: `and add it to the first`, `and the second by 3`
_EQUATION_PLACE = (
    r"(?:the\s+)?(?:first|second|third|1st|2nd|3rd|top|bottom|upper|lower|last)(?:\s+(?:equation|one))?"
)
_WITH_EQUATIONS = (
    r"|(?:add|subtract)(?:ing|s)?\s+(?:it|them|this|the\s+result|the\s+new\s+equation"
    r"|(?:-?\d+(?:/\d+)?\s*(?:times|×|\*)\s*)?" + _EQUATION + r")"
    r"\s+(?:to|from)\s+(?:" + _EQUATION + r"|" + _EQUATION_PLACE + r")"
    r"|" + _EQUATION_PLACE + r"\s+by\s+" + _OPERAND + r"|(?:doubl|tripl|halv)(?:e|es|ing)\s+" + _EQUATION
)
_INSTRUCTION = re.compile(
    r"^(?:(?:first|then|now|next|so|finally|and|we|let'?s|let us|let me|i'?ll|we'?ll|can|will|if|when|i"
    # `I should subtract 4, not add it`: what the step ought to have done, no value
    r"|after|should|must|not|(?:need|needed|have|had|ought|(?:was|were)\s+(?:supposed|meant)|meant)\s+to"
    # `Let me start by dividing both sides by 3`, `We begin by subtracting 4`
    r"|(?:start|begin)(?:s|ning)?\s+by|(?:started|began)\s+by)\s+)*"
    r"(?:"
    r"(?:subtract(?:ing|s)?|add(?:ing|s)?|mov(?:e|es|ing)|bring(?:ing|s)?|tak(?:e|es|ing))\s+"
    + _OPERAND
    + r"(?:\s+(?:from|to|across|over)\s+"
    r"(?:both sides|each side|the (?:left|right)(?:[- ]hand)? side|the other side|it|the equation)"
    r"(?:\s+of\s+the\s+(?:original\s+)?equation)?)?"
    r"|(?:divid(?:e|es|ing)|multipl(?:y|ies|ying))\s+(?:(?:both sides|each side|everything|it"
    r"|the equation|through|all terms|(?:equation|eq\.?|row|line)\s*\(?\d+\)?|" + _EQUATION + r")\s+"
    r"(?:of\s+the\s+(?:original\s+)?equation\s+)?)?by\s+" + _OPERAND + r"(?:\s+on both sides)?"
    r"|(?:distribut(?:e|es|ing)|expand(?:s|ing)?)\s+(?:the\s+)?"
    + _OPERAND
    + r"(?:\s+(?:across|over|through))?(?:\s+(?:on|in)\s+the\s+(?:left|right)(?:[- ]hand)?\s+side)?"
    # `Then by 10:` (a header continuing `Multiply ...`): the verb left out, still no value claimed
    r"|by\s+" + _OPERAND + r"(?=\s*$)"
    r"|(?:set|setting|sets)\s+(?:each|every|the|both)\s+(?:factor|term|bracket)s?\s+(?:equal\s+)?to\s+(?:zero|0)"
    + _WITH_EQUATIONS
    + r")(?:\s+(?:first|next|again|now))?\s*$",  # `Let me subtract 5 from both sides first`
    re.I,
)
# the zero-product rule stated (`a product is zero when a factor is`, `a square is zero only when its
# base is`): no value is claimed
_FACTORS_ZERO = re.compile(
    r"\b(?:factors?|products?|squares?|bases?)\b[^.]*\bzero\b|\bzero\b[^.]*\bwhen\b|\bzero[- ]product\b",
    re.I,
)
_ANNOUNCED = re.compile(
    r"\b(?:answers?|solutions?|roots?)\s*(?:is|are|:|=)"
    # answer_phrases.py reads it
    r"|\bthe\s+(?:final\s+)?total(?:\s+(?:cost|price|amount))?\s+(?:is|comes to)\b"
    r"|\bthe\s+(?:final\s+)?(?:sum|difference|product|quotient)\s+is\b(?!\s+of\b)",
    re.I,
)
_CLAUSE = re.compile(
    r"[,;?](?:\s|$)|(?<![\w)\]}])!(?:\s|$)|(?<!\beq)(?<!\beqn)\.(?:\s|$)"  # `eq. 2` is one name
    r"|\b(?:so|and then|but|then|thus|hence|therefore)\b",
    re.I,
)


_BOOKKEEPING = re.compile(r"^\s*(?:the\s+)?(?:numbers?|values?)\s+(?:left|remaining|available)\s*:", re.I)


_NAMED_DENOMINATOR = re.compile(
    r"(?:the\s+)?(?:lcd|lcm|least common (?:denominator|multiple)|common denominator)(?:\s+of\s+[^,;]+?)?"
    r"\s*(?:is|:|=)?\s*\d+\s*$",
    re.I,
)


def states_value(text: str) -> bool:
    """Whether a clause of text without `=` names a value in words or as a bare number (see module)."""
    if _BOOKKEEPING.match(text):
        return False  # Game of 24: `[numbers left: 4, 6, 12]` lists what remains, it computes nothing
    # a question (`Could x be 5?`) asserts nothing; what answers it is read on its own
    text = without_asides(_without_questions(text))
    if "frac" in text:
        text = _TEX_NUMBER.sub(r"\1/\2", text)  # `Therefore -\frac{1}{2}, 2`: values listed, as `-1/2, 2`
    clauses = [c for c in _CLAUSE.split(text) if c and c.strip()]
    if all(_LISTED.fullmatch(c.strip().strip("*_$`").strip()) for c in clauses):
        return False  # `3, 4` / `Hence -4, 7.`: values listed (an answer, read by the answer reader)
    unlabelled = _STEP_LABEL.sub(" ", text)
    if "=" not in text and _counted_beside_math(unlabelled, _COUNT.sub(" ", unlabelled), letters=True):
        # `2x, 9 steps`: the count and an expression in clauses of their own, still side by side (`the two
        # solutions are 1 and 5` lists values, read by the answer reader)
        return True
    for i, clause in enumerate(clauses):
        if "=" in clause:
            continue
        # a value alone after prose (`2x = 8... no, 9`, `2x = 8, er, 9`) corrects or adds something;
        # alone after math (`x = 2, 3`) it lists one more value; alone on its line it is an answer
        alone_ok = len(clauses) == 1 or (
            i > 0 and _ENDS_IN_MATH.search(clauses[i - 1].rstrip(" .…")) is not None
        )
        if _clause_states(clause, alone_ok):
            return True
    return False


_PUNCTUATION = re.compile(r"([,;.!?=])")


def _without_questions(text: str) -> str:
    """The text with each question (the run back to the punctuation before a `?`) made a space.

    Split once at the punctuation, so a long line is read in linear time: the regex `[^,;.!?=]*[?]` it
    replaces tried every start of a long run of words again (1,000 words of prose took seconds)."""
    if "?" not in text:
        return text
    parts = _PUNCTUATION.split(text)  # text, mark, text, mark, ...: the marks at the odd places
    kept: list[str] = []
    for i in range(0, len(parts), 2):
        mark = parts[i + 1] if i + 1 < len(parts) else ""
        kept.append(" " if mark == "?" else parts[i] + mark)
    return "".join(kept)


_LISTED = re.compile(
    r"(?:(?:hence|therefore|thus|so|finally|and|or)\s+)?[-−]?\d+(?:\.\d+)?(?:/\d+)?\s*[.:!]?",
    re.I,
)
_ENDS_IN_MATH = re.compile(r"(?:\d|[)}\]]|(?<![A-Za-z])[A-Za-z])$")


def _clause_states(clause: str, alone_ok: bool) -> bool:
    if "frac" in clause:
        clause = _TEX_NUMBER.sub(r"\1/\2", clause)
    words = _VERBAL_TAIL.sub(" ", clause).strip().strip("*_$`").strip().rstrip(":.!").strip()
    alone = re.fullmatch(r"(?:not\s+)?[-−]?\d+(?:\.\d+)?(?:/\d+)?\.?", words) or _NUMBER_WORD.fullmatch(
        re.sub(r"^not\s+", "", words, flags=re.I)  # `five (not six)` as `5 (not 6)`
    )
    if alone_ok and alone:
        # a value on its own: a stated answer (`**5**`), read by the answer reader, or one ruled out
        # beside it (`4 (not 5)`)
        return False
    if unread_numeral(words):
        return True  # `is9`, `答案:5`, `IX`: a value written in a way nobody reads (numerals.py)
    # the same narrow known gap as hidden_claims.py: a common denominator named is not checked
    words = _NAMED_DENOMINATOR.sub(" ", words).strip()
    if not words or _reciprocal_method(words):
        return False
    # `Subtract 3 from both sides to isolate x`: what an instruction is for names no value
    aim = _PURPOSE.sub("", _without_term_removed(_LEADING_PURPOSE.sub("", words)))
    instructions = all(_INSTRUCTION.match(part.strip()) for part in re.split(r"\band\b", aim))
    if _ANNOUNCED.search(clause) or instructions or _FACTORS_ZERO.search(clause):
        return False
    labelled = _STEP_LABEL.sub(" ", _SELECTION.sub(" ", words))
    rest = _COUNT.sub(" ", labelled)
    if _counted_beside_math(labelled, rest):
        return True
    # `3x é igual a 16`, `es igual a 16`: the article or preposition `a` before a number is no variable
    # times it; without it the value stands bare (below)
    rest = _ARTICLE.sub(" ", rest)
    if _NUMBER_WORD.search(rest) or _ONE_VALUE.search(rest):
        return True
    if any(_BARE_NUMBER.fullmatch(run) for run in _math_runs(rest)):
        return True
    # `the right side drops to 8 + 1`, `... works out to 3^2`: arithmetic on numbers right after a word of
    # result is a value said another way (elsewhere an expression is a mention: `handle 2/3 + 1/4`)
    if any(_ARITHMETIC.fullmatch(found.group(1).strip()) for found in _RESULT_THEN_RUN.finditer(rest)):
        return True
    # `the right side drops to x + 1`, `... is sqrt(81)`: math with a variable, a radical or a function said
    # to be what something comes to (stated_math.py)
    return states_math(rest)


def _counted_beside_math(clause: str, rest: str, letters: bool = False) -> bool:
    """`2x takes 9 steps`, `x in 4 steps`, `3x: 9 terms`: a number counted (`9 steps`) in a clause that also
    holds math says something of that math (that 2x is 9?) in words nobody reads; a count is harmless only
    in a clause of words and lone letters (`We consider 2 cases`, `the two equations eliminate y`). `both
    sides` counts no number and stays harmless."""
    numbered = [m for m in _COUNT.finditer(clause) if not m.group(0).lower().startswith("both")]
    if not numbered:
        return False
    # (a lone letter names the unknown: `Adding the two equations eliminates y`); with `letters`, only an
    # expression in a variable counts (`2x`, `x + 1`)
    return any(
        (re.search(r"\d", token) or len(run) > 1) and (not letters or re.search("[A-Za-z]", " ".join(run)))
        for run in _token_runs(rest)
        for token in run
    )


_ARTICLE = re.compile(r"(?<![\w'])[aA]\s+(?=[-−]?\d)")
_ARITHMETIC = re.compile(r"(?=.*\d)(?=.*[-+*/^])[-+*/^().\d\s]+")
_RESULT_THEN_RUN = re.compile(
    r"\b(?:to|is|are|was|equals?|gives?|makes?|becomes?|into|gets?|got|yields?|leaves?|leaving|totals?)\s+"
    r"([-+*/^().\d\s]*\d[-+*/^().\d\s]*)",
    re.I,
)


_PURPOSE = re.compile(
    r"\s+(?:so as |in order )?to\s+"
    r"(?:isolate|get|solve for|find|leave|eliminate|cancel|clear|undo|remove|keep)\b[A-Za-z$'\s-]*$",
    re.I,
)

# `Isolate the term with x by subtracting 4 from both sides`: the aim said first, in words without a value,
# then the instruction that does it
_LEADING_PURPOSE = re.compile(
    r"^(?:to\s+)?(?:isolate|get|solve\s+for|simplify|eliminate|cancel|clear|remove)\b[A-Za-z'\s-]*?\bby\s+"
    r"(?=(?:subtract|add|divid|multipl|mov|bring|tak))",
    re.I,
)

# `Add 7 to both sides to eliminate the -7 on the left side`: the purpose names the term the instruction
# removes, a number as big as its operand (anything else there, `to get 25`, is a value stated)
_TERM_REMOVED = re.compile(
    r"\s+(?:so as |in order )?to\s+(?:eliminate|cancel(?:\s+out)?|remove|clear|undo|get\s+rid\s+of)\s+"
    r"(?:the\s+)?(?:constant\s+)?(?:term\s+)?(?P<n>[-+−]?\s?\d+(?:\.\d+)?)(?:\s+term)?"
    r"(?:\s+(?:on|from)\s+the\s+(?:left|right)(?:[- ]hand)?(?:\s+side)?)?\s*$",
    re.I,
)


def _without_term_removed(words: str) -> str:
    """words without a purpose that names the term the instruction before it removes (`_TERM_REMOVED`)."""
    found = _TERM_REMOVED.search(words)
    if found is None:
        return words
    operand = re.search(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", words[: found.start()])
    removed = re.sub(r"[-+−\s]", "", found.group("n"))
    if operand is None or Fraction(operand.group(0)) != Fraction(removed):
        return words
    return words[: found.start()]


# `no, $\frac{5}{4}$`: a number written as a LaTeX fraction is a value as much as `5/4` is
_TEX_NUMBER = re.compile(r"\\[dt]?frac\s*\{\s*(\d+)\s*\}\s*\{\s*(\d+)\s*\}")


_METHOD = re.compile(
    r"(?:.*\s)?divid(?:e|es|ing)\s+by\s+(\S+)\s+(?:is|means)\s+(?:the same as\s+)?"
    r"multiply(?:ing)?\s+by\s+(\S+)",
    re.I,
)


def _reciprocal_method(words: str) -> bool:
    """`Dividing by 1/3 is multiplying by 3`: true exactly when the two numbers are reciprocals."""
    found = _METHOD.fullmatch(words)
    if found is None:
        return False
    try:
        a, b = Fraction(found.group(1)), Fraction(found.group(2))
    except (ValueError, ZeroDivisionError):
        return False
    return a * b == 1


_COMMANDS = re.compile(r"\\[A-Za-z]+|sqrt|cbrt|pi|frac")  # names of the grammar, not words


def _math_runs(text: str) -> list[str]:
    """Maximal runs of math tokens; a run with an operator or a letter in it is an expression (a
    mention, `x^2 - 5x + 6`), not a value, and is dropped."""
    runs = _token_runs(text)
    # numbers side by side (`3/4 3`, `5 4`) are no expression the grammar reads: each is a value named
    found = [" ".join(run) for run in runs if len(run) == 1]
    found += [t for run in runs if len(run) > 1 and all(_BARE_NUMBER.fullmatch(t) for t in run) for t in run]
    return found


def _token_runs(text: str) -> list[list[str]]:
    runs: list[list[str]] = [[]]
    for word in text.split():
        token = word.strip(".,:;?!*_$`'\"")
        if (
            token
            and _MATH_TOKEN.fullmatch(token)
            and all(len(w) == 1 for w in re.findall("[A-Za-z]+", _COMMANDS.sub("", token)))
        ):
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    return runs


# `evaluates to one`, `the discriminant equals one`: "one" after a verb of result is a value (elsewhere it
# is mostly a pronoun: `one of the roots`, `check each one`, `one way to do it`)
_ONE_VALUE = re.compile(
    r"\b(?:is|are|was|were|equals?|equal to|evaluates? to|gives?|giving|gave|makes?|making|yields?"
    r"|becomes?|comes? to|results? in|leaves?|leaving|reduces? to|simplif(?:y|ies) to|works? out(?: to)?"
    r"|totals?|amounts? to|gets?|got|is left|remains?)\s+(?:(?:just|exactly|simply|only|us|you|me)\s+)?"
    r"one\b(?!\s+(?:of|way|ways|method|approach|step|more|thing|option|example|idea)\b)(?![-'])",
    re.I,
)


def says_one(text: str) -> bool:
    """Whether text names the value one in words after a verb of result (`It evaluates to one.`)."""
    return _ONE_VALUE.search(text) is not None


# -- properties of a value or of the solution set said in words -------------------------------------
# `Both roots are positive.`, `there are no real roots`, `There is exactly one solution.`, `The solution
# is negative.`: a sign, a kind of number, a count, an order, existence. The checker reads values, not
# properties, so such a clause is a claim it cannot read and its step is unknown. The list is of words
# that state a property; the harmless phrasings that share a word are allowed by name (`_HARMLESS`).
_PROPERTY = compile_guarded(
    r"\b(?:"
    # sign
    r"(?:non[- ]?)?(?:positive|negative)s?|non[- ]?zero|(?:opposite|same|different|like|unlike) signs?|parity"
    # kind of number
    r"|(?:non[- ]?)?real|imaginary|complex|conjugates?|(?:ir)?rational|integers?|integral|whole|fractional"
    r"|natural numbers?|counting numbers?|even|odd|primes?|composite|perfect (?:squares?|cubes?)"
    r"|divisible|multiples? of|terminating|repeating|recurring"
    # existence and count
    r"|unique(?:ly)?|exactly|single|double|repeated|multiplicity|distinct|coincid\w*|infinit\w*|indeterminate"
    r"|undefined|sole|lone|never|anything|nothing|(?:in)?consistent|dependent"
    r"|none|empty|no\s+(?:(?:\w+\s+){0,2})(?:solutions?|roots?|zeros?|zeroes|answers?|values?|x-intercepts?"
    r"|numbers?|reals?|(?![ai]\b)[a-z](?!\s*[-‐]?\s*terms?\b))"
    r"|(?:does|do)(?:\s+not|n't)\s+exist|contradiction|identity|always|for\s+(?:all|every|any)"
    r"|any\s+(?:real\s+|such\s+)?(?:solutions?|roots?)|valid"
    r"|(?:every|any|all)\s+(?:real\s+)?(?:numbers?|values?|(?![ai]\b)[a-z](?!\s*[-‐]?\s*terms?\b))"
    # order
    r"|greater|greatest|larger|largest|smaller|smallest|bigger|biggest|lesser|less than|more than|fewer"
    r"|at (?:least|most)|exceed\w*|between|maximum|minimum|bounded"
    r"|(?:above|below|beyond)\s+(?:zero|one|[-−]?\d+)"
    r")\b",
    re.I,
)
# the same words in phrasings that say nothing about a value: a method, a name of a thing
_HARMLESS = compile_guarded(
    # `Both roots are valid.`: the values found said to hold, which the answer's own check decides
    r"\bboth\s+(?:of\s+them|roots|solutions|values)\s+are\s+valid(?:\s+(?:solutions|roots))?\s*[.!]?\s*$|"
    # `Feel free to ask if anything is unclear.`: an offer of help closing a response
    r"\bif\s+(?:anything|something|any\s+(?:step|part|of\s+this))\s+(?:is|seems|remains|was)\s+"
    r"(?:still\s+)?(?:unclear|confusing|not\s+clear)\b"
    r"|\bdouble[- ]?check\w*|\b(?:least|lowest) common (?:denominator|multiple)\b"
    r"|\b(?:a|one|the) single (?:fraction|term|expression|equation|step|line|variable)\b"
    r"|\b(?:distribut\w*|mov\w*|carry\w*|flip\w*|keep\w*|watch\w*|careful with) the (?:negative|minus)"
    r"(?: sign)?\b"
    r"|\bthe whole (?:equation|thing|expression|(?:left|right)(?:[- ]hand)? side|fraction|term)\b"
    # `Double (2)`, `tripling the second equation`: a move on an equation, no double root
    r"|\b(?:doubl|tripl)(?:e|es|ing|ed)\s+"
    + _EQUATION
    # `Let the smaller integer be n`, `Let n be the larger number`: a name given to a word problem's
    # quantity (never to a root or a solution, whose order or kind would be a claim)
    + r"|^\s*let\s+(?![^.;]*\b(?:roots?|solutions?|zeros?|zeroes|answers?|values?)\b)"
    r"(?:[A-Za-z][\w'’]*\s+){1,5}be\s+[a-z]\s*[.:]?\s*$"
    r"|^\s*let\s+[a-z]\s+be\s+(?![^.;]*\b(?:roots?|solutions?|zeros?|zeroes|answers?|values?)\b)"
    r"(?:the|a|an)\s+(?:[A-Za-z][\w'’]*\s*){1,5}[.:]?\s*$",
    re.I,
)
# `the two roots are equal`, `the solutions are the same`: one value said twice, unread
_SAME = compile_guarded(
    r"\b(?:roots|solutions|answers|values|zeros|zeroes)\b[^.;,]*\b(?:equal|the same|identical)\b"
    r"|\b(?:equal|same|identical)\s+(?:roots?|solutions?|answers?|values?)\b",
    re.I,
)
_COUNT_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|a single|a unique|several|many|multiple"
    r"|finitely many|infinitely many|some|a couple of)"
)
_SOLUTION_NOUN = r"(?:solutions?|roots?|zeros?|zeroes|x-intercepts?|answers?|values?)"
# a count of the solutions: `two solutions`, `3 real roots`, `one distinct root`
_COUNTED = compile_guarded(
    r"\b" + _COUNT_WORDS + r"\s+(?:(?:real|distinct|different|possible|valid|rational|integer|positive"
    r"|negative|complex|repeated|equal)\s+)*" + _SOLUTION_NOUN + r"\b",
    re.I,
)
# counts that claim nothing: an instruction (`check the two roots`), one of several named (`one root is`)
_COUNT_INSTRUCTION = re.compile(
    r"^\W*(?:(?:so|now|then|next|first|finally|and|we|let'?s|let us|let me|i'?ll|we'?ll|can|will|need to)"
    r"\s+)*"
    r"(?:check|verify|test|plug(?:ging)?|put|insert|substitut\w*|tr(?:y|ying)|find|compute|list|write|compare"
    r"|look at|consider|examine|solve for|box)\b",
    re.I,
)
# `One root is x = 2, the other x = 3` (at the start of its clause; `there is one root: 2` is a count)
_ONE_NAMED = re.compile(r"^\W*(?:(?:so|and|then|now)\s+)?one\s+" + _SOLUTION_NOUN + r"\s*(?:is|=)", re.I)
# `x = 2 is one solution`: a value, then what it is one of
_ONE_OF = re.compile(r"(?:[\w)]\s*=\s*[-−]?[\w./]+|\b[A-Za-z])\s+is\s+one\s+" + _SOLUTION_NOUN + r"\b", re.I)
# `the two solutions are 1 and 4`, `There are two solutions: x = 2 and x = 3`: a count and its list
_ANNOUNCED_COUNT = re.compile(
    r"\b(one|two|three|four|\d+)\s+(?:(?:real|distinct)\s+)*"
    + _SOLUTION_NOUN
    + r"\s*(?:are|:|,)\s*(.+?)\s*[.!]?\s*$",
    re.I,
)
_LIST_ITEM = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)\s*")
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4}


# a pure function of the text, asked of every line and reason; the same reasons recur on many lines, so the
# answers are kept (bounded, so a long-lived worker does not grow)
@functools.lru_cache(maxsize=4096)
def states_property(text: str) -> bool:
    """Whether a clause of text states a property of a value or of the solution set in words (see above)."""
    # `pos\u00aditive` (a soft hyphen inside), `p\u043esitive` (a Cyrillic o): the word list must see the
    # word; invisible format characters are dropped, and a word mixing Latin with other letters is read
    # as a claim we cannot read (ASCII text has neither, and most text is ASCII: both scans are skipped)
    if not text.isascii():
        text = without_format_characters(text)
        if any(_mixed_script(word) for word in re.findall(r"[^\W\d_]{2,}", text)):
            return True
    for clause in re.split(r"[;!?]|\.(?:\s|$)|,\s+(?:so|and|but|which|then)\b", text):
        words = _HARMLESS.sub(" ", clause)
        if _PROPERTY.search(words) or _SAME.search(words):
            return True
        if _COUNTED.search(words) and not _count_harmless(words.strip()):
            return True
    return False


def _mixed_script(word: str) -> bool:
    latin = any(c.isascii() for c in word)
    return latin and any(not c.isascii() and "LATIN" not in unicodedata.name(c, "") for c in word)


def _count_harmless(clause: str) -> bool:
    if _COUNT_INSTRUCTION.match(clause):
        return True  # `Let's check the two roots`: what to do next, no claim
    if (_ONE_NAMED.search(clause) or _ONE_OF.search(clause)) and len(_COUNTED.findall(clause)) == 1:
        return True  # `one root is x = 2`: names one of them, the value is read where it stands
    announced = _ANNOUNCED_COUNT.search(clause)
    if announced is None:
        return False
    # `the two solutions are 1 and 4`: harmless when it lists exactly that many values (read as the answer)
    said = announced.group(1).lower()
    count = _SMALL[said] if said in _SMALL else int(said)
    items = [item for item in _LIST_ITEM.split(announced.group(2).strip("*_$` ")) if item]
    return len(items) == count and all(_BARE_NUMBER.fullmatch(i.strip("*_$` x=")) for i in items)
