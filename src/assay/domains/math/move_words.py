"""The words on an equation's line that name a move, held to the move the line makes (one equation to solve).

`2x + 5 = 13`, then `Transpose 2: 2x = 8`, `Cross-multiplying: 2x = 8`, `Cancel the 2: 2x = 8`: the
equation is true, the move it says it makes is not the one that gives it, and a trace that says it did one
thing and shows another teaches the wrong method. No closed list of move words can hold every spelling, so
the rule is inverted: every word on the line (and on an instruction line right before it) is either a word
known to name no move (`so`, `the`, `answer`, `check`, `solve`, ...), a word of a move this module holds
the line to, or the line is unknown. The moves held:

- an operation on both sides (`add`, `divide`, `halve`, ...) the line names with an operand (named_ops.py
  checks it) or without one (`Subtracting: 2x = 8`): one operation of that kind by a number or a term of
  the equation before must give the line;
- moving a term across (`move`, `bring`, `transpose`, `shift`, `cancel`, `remove`, ...): with an operand,
  adding, subtracting, multiplying or dividing by it must give the line; without one, the line is the
  equation before rearranged (left − right the same, or its negative);
- clearing denominators (`cross-multiply`, `clear the fractions`): multiplying by a denominator of the
  equation before (or their product) gives the line;
- rewriting (`expand`, `distribute`): each side the same expression as before; tidying (`simplify`,
  `combine`, `collect`, `rearrange`): the equation before rearranged;
- a power, a root or a log is held only when named_ops.py reads it on both sides; `isolate` needs a side
  that is one term with the unknown; the method names of named_methods.py (factoring, completing the
  square, the quadratic formula) are checked there.

Never decides `verified`: it only turns a line unknown. Runs inside a verification worker.
"""

from __future__ import annotations

import html
import itertools
import math
import re
import unicodedata
from fractions import Fraction

from assay.domains.math import mpoly
from assay.domains.math.decide import Unknown, show
from assay.domains.math.exact import Unsupported
from assay.domains.math.expr import Bin, Expr, Neg, Num, Var, has_plus_minus, variables
from assay.domains.math.grammar import parse_expr_text
from assay.domains.math.named_methods import check_method
from assay.domains.math.named_ops import check_named, named_operation
from assay.domains.math.one_side import one_sided
from assay.domains.math.restatement import ratio
from assay.errors import LimitExceeded, MathParseError
from assay.text.trigger_words import compile_guarded

Pair = tuple[Expr, Expr]

# words that name no move: connectives, the names of things, goals and checks (the claims themselves are
# checked elsewhere); a word outside this list and outside the moves below makes the line unknown
_HARMLESS_WORDS = """
    a an the and or but so then thus hence therefore since because as if when which that this these those
    it its
    is are was were be been being am has have had do does did will would can could should must may might
    we us our me my i you your let lets ll ve re s t d m nd st rd th ii iii iv
    answer answers ans final finally result results step steps first second third fourth last next now here
    there at in on of for with from into to by up down out about over under after before both each either
    neither all any only also again still just not no yes ok okay oops hmm hm wait well good great nice
    yep yeah yup alright perfect
    nicely right correct correctly wrong mistake error correction redo sign signs sure indeed note notice
    see look
    equation equations eq eqs eqn eqns side sides lhs rhs hand left top bottom one two three four five six
    seven eight nine ten zero value values number numbers solution solutions root roots unknown variable
    term terms constant constants coefficient coefficients original given problem case cases part
    solve solves solved solving solution find finds found get gets got getting give gives gave giving
    gets becomes become became comes equals equal equivalent same means mean yields yield leaves leaving
    left results produce produces holds
    check checks checked checking checkmark verify verifies verified verifying verification confirm
    confirms confirmed test tests works work valid true false satisfies satisfied satisfy holds
    substitute substitutes substituted substituting substitution plug plugs plugged plugging put putting
    back evaluate evaluates evaluating
    set setting sets zero product property factors
    extraneous reject rejects rejected discard
    quadratic formula discriminant
    approx approximately exactly about
    think know need want try let us hope seems like
    boxed start starting started begin with using use uses used apply applies applying applied follow
    following handle derivation made make makes base compute computes computing calculate calculating
    asks ask asked question questions goal aim
    throughout through across other opposite away member members whole entire
    working summary identify write writes writing written together everything anything thing things
    method way rule form forms
"""
HARMLESS = frozenset(_HARMLESS_WORDS.split())

# tidying words: the equation before, rearranged (left − right the same, or its negative)
_TIDY = re.compile(
    r"^(?:simplif\w*|combin\w*|collect\w*|rearrang\w*|reorder\w*|rewrit\w*|rewrote|tid\w*|reduc\w*"
    r"|gather\w*|group\w*|like)$"
)
# rewriting words: each side the same expression as before
_REWRITE = re.compile(r"^(?:expand\w*|distribut\w*|brackets?|parenthes[ie]s)$")
# moving a term across: with an operand, adding/subtracting/multiplying/dividing by it gives the line
_MOVE = re.compile(
    r"^(?:mov\w*|bring\w*|brought|transpos\w*|shift\w*|carr\w*|cancel\w*|remov\w*|eliminat\w*|drop\w*"
    r"|rid|isolat\w*|alone|take|takes|taking|took|undo\w*|clear\w*)$"
)
# an operation on both sides, named without an operand the reader reads
_ARITH = {
    "+": re.compile(r"^(?:add\w*|plus|sum|increas\w*)$"),
    "-": re.compile(r"^(?:subtract\w*|minus|deduct\w*|decreas\w*)$"),
    "*": re.compile(r"^(?:multipl\w*|times|doubl\w*|tripl\w*|scal\w*)$"),
    "/": re.compile(r"^(?:divid\w*|divis\w*|halv\w*)$"),
}
_POWER = re.compile(
    r"^(?:sqrt|cbrt|squar\w*|cub\w*|roots?|logs?|logarithm\w*|ln|exponent\w*|powers?|rais\w*)$"
)
_CROSS = re.compile(r"^(?:cross|denominators?|fractions?|lcd|lcm)$")
# taking the reciprocal of both sides: the line is 1/left = 1/right of the equation before
_RECIPROCAL = re.compile(r"^(?:reciprocals?|invert\w*|flip\w*)$")
_METHOD = re.compile(r"^(?:factor\w*|complet\w*|difference|formula|quadratic|grouping)$")

# markup and the names of functions, which are no words of a move
_LATEX = re.compile(
    r"<[^<>]{1,40}>|\\[A-Za-z]+|&[A-Za-z]+;|(?<![A-Za-z])(?:(?:sqrt|cbrt)(?=\s*[({\d])|frac|pm|mp|cdot)(?![A-Za-z])"
)
# the operand of a move across (`Transpose the 5`, `Cancel 2x`)
_OPERAND = compile_guarded(
    r"\b(?:mov\w*|bring\w*|brought|transpos\w*|shift\w*|carr\w*|cancel\w*|remov\w*|eliminat\w*|drop\w*"
    r"|tak\w*|undo\w*|clear\w*|rid\s+of)\s+(?:(?:out|off|away|over|the|that|this|a|an)\s+){0,3}"
    r"(?P<n>[-+−]?\s?\(?[0-9A-Za-z.^/]{1,20}\)?)",
    re.I,
)
_METHOD_PHRASES = compile_guarded(
    r"\bcomplet\w*\s+the\s+squares?\b|\bdifference\s+of\s+(?:two\s+)?squares\b|\bfactor\w*\b"
    r"|\bquadratic\s+formula\b|\bzero[-\s]+product\b",
    re.I,
)
# a bracket, a parenthesis with words, a comment (`# ...`, `\text{...}`, `— ...`) on the line
_TRAIL = re.compile(
    r"\[([^\[\]=]{1,120})\]|\(([^()=]*[A-Za-z]{3}[^()=]*)\)|(?:#|\\text\s*\{|—|--)\s*([^=#]{1,120})$"
)
# a power's name as a noun (`a square is zero only when its base is`), and `double-check`: no move
# and a denominator made zero (`x = 1 makes the denominator zero, so it is rejected`): no move either
_NOUNS = compile_guarded(
    r"\b(?:a|perfect)\s+(?:square|cube)\b(?!\s+roots?)|\bdouble[-\s]?check"
    r"|\b(?:the|a)\s+denominator\s+(?:zero|0|equal\s+to\s+(?:zero|0))\b|\bdivision\s+by\s+(?:zero|0)\b",
    re.I,
)
# `Distribute the negative (sign)`: the sign is what is distributed, the move is a rewriting
_SIGN = compile_guarded(r"\b(distribut\w*)\s+the\s+(?:negative|minus)(?:\s+signs?)?\b", re.I)
# a sentence that opens with its goal (`To solve x^2 - 4 = 0, we factor.`) names the method of the lines after
_GOAL = re.compile(r"^\W*(?:in\s+order\s+)?to\s+(?:solve|find|get|determine|isolate)\b", re.I)
_PLAN = compile_guarded(r"\b(?:can|could|will|shall|should|need|let's|let\s+us|going|want|try|next)\b", re.I)
# a token of the equation's left side: math marks and no run of three letters, or one letter
_MATH_TOKEN = re.compile(r"^(?!.*[^\W\d_]{3}).*[\d=+\-−*/^·×÷√²³(){}\[\]]|^[^\W\d_]{1,2}$")


def label(text: str) -> str:
    """The words of a line that name its move: the last sentence of what comes before its first equation
    (the equation's left side taken off), and brackets, parentheses and comments after it (not the
    sentences of prose a line may also hold after its equation)."""
    parts = []
    if "=" in text:
        tokens = text.split("=", 1)[0].split()
        while tokens and _MATH_TOKEN.search(tokens[-1].strip("$\\()[]{}.,:;*")):
            tokens.pop()
        lead = " ".join(tokens)
        parts.append(re.split(r"[.!?;]\s", lead)[-1])
        # what follows the last equation, up to the end of its sentence (`2x = 8, by the quadratic formula`)
        tail = text.rsplit("=", 1)[1].split()
        while tail and (
            _MATH_TOKEN.search(tail[0].strip("$\\()[]{}.,:;*")) or not re.search(r"[^\W\d_]", tail[0])
        ):
            tail.pop(0)
        said = re.split(r"[.!?;](?:\s|$)", " ".join(tail))[0]
        if not _PLAN.search(said) and not _GOAL.match(lead):
            # (not a plan: `..., and we can factor it`, `To solve x^2 - 4 = 0, we factor the quadratic.`)
            parts.append(said)
    parts += [next(g for g in m.groups() if g is not None) for m in _TRAIL.finditer(text)]
    return " ; ".join(part for part in parts if part.strip())


def move_words(text: str, letters: frozenset[str]) -> list[str]:
    """The words of text outside HARMLESS (LaTeX commands, entities and the letters of the math taken off)."""
    found = []
    for token in re.findall(r"\w+", _LATEX.sub(" ", text)):
        for alphabetic, run in itertools.groupby(token, key=str.isalpha):
            word = "".join(run).lower()
            if not alphabetic or len(word) < 2 or word in HARMLESS:
                continue
            if len(word) <= 3 and set(word) <= letters:
                continue  # `xy`, `ac`: variables written together
            found.append(word)
    return found


def instruction(text: str) -> bool:
    """A line of prose that names what the next line does: it ends with a colon, or it is a heading (a
    sentence, `Then divide by 2.`, may speak of any line to come)."""
    bare = text.strip().rstrip("*_$\\)] ").rstrip()
    heading = text.lstrip().startswith("#") or bool(re.fullmatch(r"\s*\*\*[^*]+\*\*\s*", text))
    return heading or bare.endswith(":")


def unchecked_move(
    text: str,
    earlier: list[Pair],
    shown: Pair | None,
    var: str,
    above: str = "",
    written: tuple[Expr, ...] = (),
) -> str | None:
    """Why the move a line names is not the move it makes, or None (see module). `earlier`: the equations
    the trace has stated; `shown`: the line's first equation, if it has one; `above`: the line of prose
    right before it, held to it when it is an instruction (`Transpose the 5:`, a heading); `written`: every
    side of every claim of the line (a method's shape may be anywhere on it)."""
    letters = frozenset(var) | {"a", "b", "c", "x", "y", "z", "π", "θ", "e", "i"}
    text, above = (
        _SIGN.sub(r"\1", _NOUNS.sub(" check ", unicodedata.normalize("NFKC", html.unescape(t))))
        for t in (text, above)
    )
    said = label(text)
    words = move_words(said, letters)
    if re.search(r"\bformula\b", said, re.I):
        words.append("formula")  # a harmless word alone, a method named
    if above and instruction(above) and shown is not None and earlier:
        # the line above is prose: its move words are held to this line when it is one equation, its
        # other words are prose (not a goal: `Our goal is to isolate x.` speaks of the lines to come)
        goal = ("isolat", "alone", "factor", "complet", "difference", "formula", "quadratic", "grouping")
        words += [w for w in move_words(above, letters) if _known(w) and not w.startswith(goal)]
        said = f"{above} ; {said}"
        text = f"{above} ; {text}"
    if not words:
        return None
    sided = one_sided(said)
    if sided is not None:
        return sided
    methods = bool(_METHOD_PHRASES.search(said))
    named = named_operation(said) or named_operation(text)
    if any(_RECIPROCAL.match(word) for word in words):
        words = [w for w in words if not w.startswith(("tak", "took"))]  # `take the reciprocal`: one move
    unread = [word for word in words if not _known(word)]
    if unread:
        return f"names a move the checker does not read ({unread[0]!r}): it cannot hold the line to it"
    if shown is None or not earlier:
        moves = [w for w in words if not (_METHOD.match(w) and methods)]
        if moves and named is None:
            return f"names a move ({moves[0]!r}) on a line with no one equation to hold it to"
        return None
    for word in words:
        why = _held(word, text, earlier, shown, named, written or shown)
        if why is not None:
            return why
    return None


def _known(word: str) -> bool:
    return bool(
        _TIDY.match(word)
        or _REWRITE.match(word)
        or _MOVE.match(word)
        or _CROSS.match(word)
        or _METHOD.match(word)
        or _POWER.match(word)
        or _RECIPROCAL.match(word)
        or any(pattern.match(word) for pattern in _ARITH.values())
    )


def _held(
    word: str,
    text: str,
    earlier: list[Pair],
    shown: Pair,
    named: tuple[str, Expr] | None,
    written: tuple[Expr, ...],
) -> str | None:
    before = earlier[-1]
    if _POWER.match(word):
        if named is not None or _METHOD_PHRASES.search(text):
            return None  # named_ops.py reads the power, root or log on both sides and checks it
        power = (
            ("root", 2)
            if word.startswith(("root", "sqrt"))
            else ("^", 3)
            if word.startswith("cub")
            else ("^", 2)
        )
        if (
            word.startswith(("squar", "cub", "root"))
            and check_named((power[0], Num(Fraction(power[1]))), earlier, shown) is None
        ):
            return None
        return f"names {word!r}, but not what it is taken of, nor does the line take it of both sides"
    if _METHOD.match(word):
        method = _METHOD_PHRASES.search(text)
        if method is None:
            return f"names {word!r} without a method the checker reads"
        try:
            # the method's shape, as named_methods.py holds a bracketed reason to it
            named_method = "factor" if method.group(0).lower().startswith("difference") else method.group(0)
            check_method(f"[{named_method}]", [[list(written)]])
        except Unknown as exc:
            return str(exc)
        return None
    across = bool(_MOVE.match(word) or _CROSS.match(word)) and not word.startswith(("tak", "took"))
    if named is not None and not across:
        return None  # the operation on both sides the line names is checked (named_ops.py)
    if shown in earlier or shown[::-1] in earlier:
        return None  # an equation the trace had: the move named was made when it was first written
    if _same(shown[0], shown[1]):
        return None  # `Expanding: 3(x - 2) = 3x - 6`: the line shows the rewriting itself, an identity
    if _REWRITE.match(word):
        if any(_rewritten(again, shown) for again in earlier):
            return None
        return f"says it {word} the equation before, but its sides are not the same expressions"
    if _TIDY.match(word):
        if _tidied(earlier, shown) or _scaled(before, shown):
            return None
        return f"says it {word} the equation before, but it is not that equation rearranged"
    if _RECIPROCAL.match(word):
        if _reciprocal(before, shown):
            return None
        return f"names {word!r}, but the line is not the reciprocal of both sides of the equation before"
    if _CROSS.match(word):
        cleared = any(check_named(("*", d), earlier, shown) is None for d in _denominators(before))
        if cleared or (named is not None and named[0] == "*"):
            return None
        return "says it clears denominators, but no denominator of the equation before gives the line"
    for symbol, pattern in _ARITH.items():
        if pattern.match(word):
            given = _arith_operand(text, word)
            if given is None and _arith_operand_said(text, word):
                return f"names {word!r} by an operand the checker does not read"
            operands = [given] if given is not None else _operands(before)
            if any(check_named((symbol, n), earlier, shown) is None for n in operands):
                return None
            return f"names {word!r}, but no such operation on both sides of the equation before gives it"
    if word.startswith("isolat") or word == "alone":
        if _isolates_unknown(text) and not any(isinstance(side, Var) for side in shown):
            return "says it isolates the unknown, but the unknown is not alone on a side"
        if any(_one_term(side) for side in shown) or _tidied(earlier, shown):
            return None
        return "says it isolates a term, but no side is one term"
    # moving, cancelling, removing a term: by the operand named, or a rearrangement when none is
    said = _operand(text)
    if said is None:
        if _tidied(earlier, shown):
            return None
        return f"names {word!r}, but the line is not the equation before rearranged"
    if any(check_named((symbol, said), earlier, shown) is None for symbol in "+-*/"):
        return None
    return f"names {word!r} of {show(said)}, but no operation by it on both sides of the equation gives it"


_NUMBER = (
    r"(?P<n>[-+−]?\s?\(?[0-9A-Za-z.^/]{1,20}\)?)"
    r"(?=\s*(?:[:,;.)\]]|$|\s(?:from|to|on|in|and|then|gives?)\b))"
)


def _arith_operand(text: str, word: str) -> Expr | None:
    """`Divide by -6`, `Subtracting 5`: the operand the operation `word` names, if the grammar reads it."""
    return _number_of(
        re.search(r"\b" + re.escape(word) + r"\s+(?:(?:both\s+sides\s+)?by\s+)?" + _NUMBER, text, re.I)
    )


def _arith_operand_said(text: str, word: str) -> bool:
    """Whether an operand follows the operation `word` (read or not): `adding 5)`, `adding five`."""
    said = r"\b" + re.escape(word) + r"\s+(?:(?:both\s+sides\s+)?by\s+)?" + _NUMBER
    match = re.search(said, text, re.I)
    if match is None:
        return False
    return bool(re.search(r"\d", match.group("n")) or _NUMBER_WORD.match(match.group("n")))


# a number in words (`adding five`); `it`, `them` name a term the line's other words may give
_NUMBER_WORD = compile_guarded(
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety|hundred|half|twice|a\s+third|a\s+quarter)\b",
    re.I,
)


def _operand(text: str) -> Expr | None:
    match = _OPERAND.search(text)
    if match is not None and re.match(r"\s*-?\s*terms?\b", text[match.end() :], re.I):
        return None  # `Move the x terms to the left`: a kind of term, moved as a rearrangement
    return _number_of(match)


def _number_of(match: re.Match[str] | None) -> Expr | None:
    """The number a match's group `n` holds, if the grammar reads it."""
    if match is None:
        return None
    said = match.group("n").replace("−", "-").replace(" ", "")
    if said.count(")") > said.count("("):
        said = said[: said.rindex(")")]  # `(adding 5)`: the parenthesis closes the reason, not the number
    try:
        return parse_expr_text(said)
    except (MathParseError, LimitExceeded):
        return None


def _terms(side: Expr) -> list[Expr]:
    if isinstance(side, Bin) and side.op in "+-":
        right = _terms(side.right)
        return _terms(side.left) + (right if side.op == "+" else [Neg(t) for t in right])
    return [side]


def _factors(term: Expr) -> list[Expr]:
    if isinstance(term, Neg):
        return _factors(term.arg)
    if isinstance(term, Bin) and term.op in "*/":
        return _factors(term.left) + _factors(term.right)
    return [term]


def _operands(pair: Pair) -> list[Expr]:
    """The numbers and terms a bare operation may be by: each term of a side, its negation, its factors."""
    found: list[Expr] = []
    for side in pair:
        for term in _terms(side):
            found += [term, Neg(term)] + [g for f in _factors(term) for g in (f, Neg(f))]
    return found[:40]


def _denominators(pair: Pair) -> list[Expr]:
    found: list[Expr] = []

    def walk(node: Expr) -> None:
        if isinstance(node, Bin):
            if node.op == "/":
                found.append(node.right)
            walk(node.left)
            walk(node.right)
        elif isinstance(node, Neg):
            walk(node.arg)

    for side in pair:
        walk(side)
    if len(found) > 1:
        product = found[0]
        for d in found[1:]:
            product = Bin("*", product, d)
        found.append(product)
        whole = [d.value for d in found if isinstance(d, Num) and d.value.denominator == 1 and d.value > 0]
        if len(whole) > 1:
            found.append(Num(Fraction(math.lcm(*(int(v) for v in whole)))))  # the LCD
    return found[:12]


def _reciprocal(before: Pair, shown: Pair) -> bool:
    """`1/x = 1/2` then `x = 2`: each side of the line is one over a side of the equation before."""
    one = Num(Fraction(1))
    flipped = (Bin("/", one, before[0]), Bin("/", one, before[1]))
    return any(_same(flipped[0], left) and _same(flipped[1], right) for left, right in (shown, shown[::-1]))


def _same(a: Expr, b: Expr) -> bool:
    if a == b:
        return True
    try:
        return mpoly.identity(a, b)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return False


def _rewritten(before: Pair, shown: Pair) -> bool:
    return any(_same(before[0], left) and _same(before[1], right) for left, right in (shown, shown[::-1]))


def _rearranged(before: Pair, shown: Pair) -> bool:
    old = Bin("-", before[0], before[1])
    new = Bin("-", shown[0], shown[1])
    return _same(old, new) or _same(Neg(old), new)


def _tidied(earlier: list[Pair], shown: Pair) -> bool:
    """shown is an equation the trace had, rewritten or rearranged (a ± side: a formula's value tidied)."""
    if has_plus_minus(shown[0]) or has_plus_minus(shown[1]):
        return True
    return any(_rearranged(again, shown) for again in earlier)


def _scaled(before: Pair, shown: Pair) -> bool:
    """shown is before with both sides multiplied by one number (a common factor taken out)."""
    try:
        factor = ratio(Bin("-", shown[0], shown[1]), Bin("-", before[0], before[1]))
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return False
    return factor is not None and factor != 0


def _isolates_unknown(text: str) -> bool:
    """`Isolating x:`, `Isolate the variable`: the unknown itself, not a term or a radical with it."""
    return _ISOLATES_UNKNOWN.search(text) is not None


_ISOLATES_UNKNOWN = compile_guarded(
    r"\bisolat\w*\s+(?:the\s+)?(?:[a-z]\b(?!\s*-?\s*term)|variable\b|unknown\b)", re.I
)


def _one_term(side: Expr) -> bool:
    return bool(variables(side)) and len(_terms(side)) == 1
