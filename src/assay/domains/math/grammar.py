"""The allow-list parser for math text: a small grammar read into a small tree (expr.py).

Model output is untrusted. This module turns text into an `Expr` tree by a hand-written parser that knows
numbers, single-letter variables, `+ - * / ^ ! ±`, percentages (`25%` is 25/100), parentheses, `sqrt`,
`cbrt`, absolute values (`|x - 3|`, `abs(x)`; a bar inside bars is refused: which bars pair is not
certain), the constants `pi` and `e`, and the LaTeX spellings of those (`\\frac`, `\\cdot`, `\\times`,
`\\sqrt`, `\\sqrt[n]`, `\\left(`, `\\pm`, `\\%`).
Unicode spellings are folded first (fold.py). Every reading must be the one the writer meant, so spellings
with two readings are refused rather than guessed: `1/2x` (is it x/2 or 1/(2x)?), `2\\frac{3}{2}` (a
product, or a mixed number written wrongly?). New notations are read into the existing nodes (`\\sqrt[4]{5}`
is `5^(1/4)`, the mixed numbers `3\\frac{1}{4}` and `3 1/4` are `3 + 1/4`) so the evaluator needs nothing
new. Anything
else raises `MathParseError`. Sizes are bounded before any work is done: text length, digits per number,
node count and nesting depth. It must never call `eval`, `exec`, `sympify` or `parse_expr`.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction

from assay.domains.math.expr import Bin, Call, Const, Expr, Neg, Num, PlusMinus, Var, tree_depth
from assay.domains.math.fold import normalise
from assay.errors import LimitExceeded, MathParseError

MAX_TEXT = 4_000  # characters in one expression or equation chain
MAX_DIGITS = 400  # digits in one number literal
MAX_NODES = 2_000  # tree nodes in one expression
MAX_DEPTH = 120  # nesting depth (parentheses, powers, unary signs) while parsing
MAX_TREE_DEPTH = 300  # depth of the finished tree, so that walking it recursively is safe

FUNCTIONS = frozenset({"sqrt", "cbrt", "abs"})
CONSTANTS = frozenset({"pi", "e"})


# --- tokens -------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?|\.\d+)|(?P<word>\\frac|[A-Za-z]+)|(?P<op>[-+*/^!%(){}\[\]±=,|])|(?P<bad>\S))",
    re.ASCII,  # only ASCII digits are digits here: other scripts were folded by their value in fold.py
)


# a numeral with `e` or `E` and digits right after it: `4.2e1`, `3E5`, `1.5e-3`, `2e+1`
_EXPONENT = re.compile(r"[eE]([+-]?)(\d+)", re.ASCII)
MAX_EXPONENT = 400


def _scientific(mantissa: str, exponent: re.Match[str], text: str) -> tuple[str, int]:
    """A numeral in scientific notation, as one number token, and where reading goes on.

    Unsigned and standing alone (`4.2e1`, `3E5`) it has one reading: `e` times a number is never written
    `e1`. Signed (`1.5e-3`, `2e+1`) it is also e, Euler's number, times the mantissa, plus or minus a
    number; followed by a letter, digit point or bracket (`3e2x`, `2e1.5`, `2e3(x)`) the reading of what
    follows is unsure. Both are refused rather than guessed."""
    sign, digits = exponent.groups()
    after = text[exponent.end() : exponent.end() + 1]
    if sign or (after and (after.isalpha() or after in ".({[")):
        raise MathParseError(
            f"{mantissa}{exponent.group(0)}: scientific notation or a product with e, two readings"
        )
    if len(digits) > 3 or int(digits) > MAX_EXPONENT:
        raise LimitExceeded(f"the exponent {digits} of {mantissa}{exponent.group(0)} exceeds {MAX_EXPONENT}")
    return f"{mantissa}e{digits}", exponent.end()


# a numeral with an exponent glued on: only such text needs the token-by-token reading of `_tokens`
_GLUED_EXPONENT = re.compile(r"\d[eE][+-]?\d", re.ASCII)


def _tokens(text: str) -> list[tuple[str, str]]:
    return _plain_tokens(text) if _GLUED_EXPONENT.search(text) is None else _tokens_one_by_one(text)


def _tokens_one_by_one(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    end = len(text.rstrip())
    while pos < end:
        m = _TOKEN.match(text, pos)
        if m is None:  # pragma: no cover - the pattern matches any non-space character
            raise MathParseError(f"cannot read {text[pos : pos + 20]!r}")
        pos = m.end()
        kind = m.lastgroup
        value = m.group(kind or "bad")
        if kind == "bad":
            raise MathParseError(f"character {value!r} is not part of the math grammar")
        if kind == "num" and len(value) > MAX_DIGITS:
            raise LimitExceeded(f"a number with {len(value)} digits exceeds the {MAX_DIGITS}-digit limit")
        if kind == "num" and (exponent := _EXPONENT.match(text, pos)) is not None:
            value, pos = _scientific(value, exponent, text)
        if kind == "word":
            if value == "\\frac":
                out.append(("frac", value))
                continue
            if value in FUNCTIONS or value in CONSTANTS:
                out.append(("word", value))
                continue
            if len(value) == 1:
                out.append(("var", value))
                continue
            raise MathParseError(f"unknown word {value!r}")
        out.append((kind or "op", value))
    return out


def _plain_tokens(text: str) -> list[tuple[str, str]]:
    """The tokens of text without a glued exponent, as `_tokens` reads them one by one, from one scan: each
    match of `_TOKEN` starts where the one before ended (it takes the blanks before a token and always one
    character more), so the matches over the text up to its trailing blanks are the tokens in order; the
    first token that cannot be read raises the error the reading one by one raises."""
    out: list[tuple[str, str]] = []
    for num, word, op, bad in _TOKEN.findall(text, 0, len(text.rstrip())):
        if num:
            if len(num) > MAX_DIGITS:
                raise LimitExceeded(f"a number with {len(num)} digits exceeds the {MAX_DIGITS}-digit limit")
            out.append(("num", num))
        elif op:
            out.append(("op", op))
        elif word:
            if word == "\\frac":
                out.append(("frac", word))
            elif word in FUNCTIONS or word in CONSTANTS:
                out.append(("word", word))
            elif len(word) == 1:
                out.append(("var", word))
            else:
                raise MathParseError(f"unknown word {word!r}")
        else:
            raise MathParseError(f"character {bad!r} is not part of the math grammar")
    return out


# --- the parser ---------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.nodes = 0
        self.depth = 0
        self.exponents = 0  # > 0 while reading an exponent, where `3\frac{1}{4}` is not a mixed number
        self.in_bars = False  # inside `|...|`, where a `|` can only close it

    # helpers
    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str) -> bool:
        # the parser's most frequent call (several per atom): the token read in place, not through peek
        if self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            if tok[1] == value and tok[0] == "op":
                self.pos += 1
                return True
        return False

    def expect(self, value: str) -> None:
        if not self.take(value):
            tok = self.peek()
            raise MathParseError(f"expected {value!r}, found {tok[1] if tok else 'the end'!r}")

    def node(self, made: Expr) -> Expr:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise LimitExceeded(f"more than {MAX_NODES} nodes")
        return made

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise LimitExceeded(f"nesting deeper than {MAX_DEPTH}")

    # grammar: sum := term (('+' | '-' | '±') term)*
    def sum(self) -> Expr:
        left = self.term()
        while True:
            if self.take("+"):
                left = self.node(Bin("+", left, self.term()))
            elif self.take("-"):
                left = self.node(Bin("-", left, self.term()))
            elif self.take("±"):
                left = self.node(PlusMinus(left, self.term()))
            else:
                return left

    # term := unary (('*' | '/' | implicit) unary)*
    def term(self) -> Expr:
        left = self.unary()
        while True:
            if self.take("*"):
                left = self.node(Bin("*", left, self.unary()))
            elif self.take("/"):
                left = self.node(Bin("/", left, self.unary()))
                if self.starts_atom(after=left):
                    # "1/2x": x/2 to some writers, 1/(2x) to others; never pick one
                    raise MathParseError("`a/bc` is ambiguous: write (a/b)c or a/(bc)")
            elif self.starts_atom(after=left):
                left = self.node(Bin("*", left, self.power()))
            else:
                return left

    def starts_atom(self, after: Expr) -> bool:
        tok = self.peek()
        if tok is None:
            return False
        kind, value = tok
        if kind == "num":
            # "2 3" is a typo, not 6; "x2" is not a product either
            return False
        if kind == "op" and value == "|":
            # `2|x - 1|`: bars after a number open an absolute value (inside bars a `|` closes them)
            return not self.in_bars and isinstance(after, Num)
        ahead = self.tokens[self.pos + 1][0] if self.pos + 1 < len(self.tokens) else ""
        if value == "{" and self.tokens[self.pos - 1][0] == "num" and ahead == "num":
            # TeX's braces only group: `4{2}` is set as 42, not 4·2 (and `4{2}` after a claim is a label)
            raise MathParseError("a number, then a braced number: set side by side, not a product")
        return kind in ("var", "word", "frac") or (kind == "op" and value in "({[")

    # unary := ('-' | '+' | '±') unary | power
    def unary(self) -> Expr:
        self.enter()
        try:
            if self.take("-"):
                return self.node(Neg(self.unary()))
            if self.take("+"):
                return self.unary()
            if self.take("±"):
                return self.node(PlusMinus(None, self.unary()))
            return self.power()
        finally:
            self.depth -= 1

    # power := postfix ('^' unary)?   -- right-associative through unary
    def power(self) -> Expr:
        base = self.postfix()
        if self.take("^"):
            self.enter()
            self.exponents += 1
            try:
                exponent = self.unary()
            finally:
                self.depth -= 1
                self.exponents -= 1
            return self.node(Bin("^", base, exponent))
        return base

    # postfix := atom ('!' | '%')*
    def postfix(self) -> Expr:
        value = self.atom()
        while True:
            if self.take("!"):
                ahead = self.peek()
                if ahead is not None and ahead[1] == "!":
                    # `5!!` is the double factorial 5·3·1 in most texts and (5!)! in a few: two readings
                    raise MathParseError("'!!': a double factorial or a factorial taken twice?")
                value = self.node(Call("factorial", value))
            elif self.take("%"):
                # "25%" is 25/100. With an operand right after ("17 % 5", "x%y") it may be a remainder
                # or a percentage times something: two readings, so it is refused.
                ahead = self.peek()
                if ahead is not None and (ahead[0] in ("num", "var", "word", "frac") or ahead[1] in "({["):
                    raise MathParseError("'%' before an operand: a percentage or a remainder?")
                value = self.node(Bin("/", value, self.node(Num(Fraction(100)))))
            else:
                return value

    def mixed_number(self, whole: Expr) -> Expr:
        """`3\\frac{1}{4}` right after a whole number: the mixed number 3 + 1/4 (one atom).

        A proper fraction of two whole numbers after a whole number is how mixed numbers are written; an
        improper one (`2\\frac{3}{2}`) has no sure reading, so it is refused. A fraction with anything
        else in it (`2\\frac{x}{3}`) is a product as usual.
        """
        ahead = self.tokens[self.pos : self.pos + 7]
        shape = [kind if kind in ("frac", "num") else value for kind, value in ahead]
        if shape != ["frac", "{", "num", "}", "{", "num", "}"]:
            return whole
        top, bottom = ahead[2][1], ahead[5][1]
        if not (top.isdigit() and bottom.isdigit()):
            return whole
        if not 0 < int(top) < int(bottom):
            raise MathParseError(
                f"a whole number then \\frac{{{top}}}{{{bottom}}}: a product or a mixed number?"
            )
        self.pos += 7
        part = self.node(Bin("/", self.node(Num(Fraction(int(top)))), self.node(Num(Fraction(int(bottom))))))
        return self.node(Bin("+", whole, part))

    def spaced_mixed_number(self, whole: Expr) -> Expr:
        """`2 1/2`: a whole number, a space, a proper fraction of whole numbers is the mixed number 2 + 1/2.

        Two numbers side by side are otherwise a typo (`2 3` is not 6), so this is the only reading; an
        improper fraction (`2 3/2`) or a fraction followed by more of a product or power (`2 1/2x`,
        `2 1/2^2`) has no sure reading and is refused.
        """
        ahead = self.tokens[self.pos : self.pos + 3]
        shape = [kind if kind == "num" else value for kind, value in ahead]
        if shape != ["num", "/", "num"] or not (ahead[0][1].isdigit() and ahead[2][1].isdigit()):
            raise MathParseError("two numbers side by side")
        top, bottom = int(ahead[0][1]), int(ahead[2][1])
        after = self.tokens[self.pos + 3] if self.pos + 3 < len(self.tokens) else None
        if not 0 < top < bottom or (after is not None and (after[0] != "op" or after[1] in "^!({[/")):
            raise MathParseError(f"a whole number then {top}/{bottom}: a mixed number or something else?")
        self.pos += 3
        part = self.node(Bin("/", self.node(Num(Fraction(top))), self.node(Num(Fraction(bottom)))))
        return self.node(Bin("+", whole, part))

    def group(self, close: str) -> Expr:
        self.enter()
        try:
            inner = self.sum()
        finally:
            self.depth -= 1
        self.expect(close)
        return inner

    def atom(self) -> Expr:
        tok = self.peek()
        if tok is None:
            raise MathParseError("expression ends too early")
        kind, value = tok
        self.pos += 1
        if kind == "num":
            number = self.node(_number(value))
            if value.isdigit() and not self.exponents and self.peek() == ("frac", "\\frac"):
                return self.mixed_number(number)
            following = self.peek()
            if value.isdigit() and not self.exponents and following is not None and following[0] == "num":
                return self.spaced_mixed_number(number)
            return number
        if kind == "var":
            return self.node(_variable(value))
        if kind == "frac":
            self.expect("{")
            top = self.group("}")
            self.expect("{")
            bottom = self.group("}")
            return self.node(Bin("/", top, bottom))
        if kind == "word":
            if value in CONSTANTS:
                return self.node(Const(value))
            # \sqrt[n]{x} is the n-th root: read as x^(1/n), never as sqrt(n) * x
            index: Expr | None = self.group("]") if value == "sqrt" and self.take("[") else None
            # sqrt: sqrt(x), sqrt{x}, sqrt x (only a single atom then)
            if self.take("("):
                arg = self.group(")")
            elif self.take("{"):
                arg = self.group("}")
            else:
                arg = self.postfix()
            if value == "abs":
                return self.node(Call("abs", arg))
            if value == "cbrt":
                index = self.node(Num(Fraction(3)))
            if index is not None:
                return self.node(Bin("^", arg, self.node(Bin("/", self.node(Num(Fraction(1))), index))))
            return self.node(Call("sqrt", arg))
        if kind == "op":
            if value == "(":
                return self.group(")")
            if value == "{":
                return self.group("}")
            if value == "[":
                return self.group("]")
            if value == "|":
                # `|x - 3|`: the absolute value. A bar inside bars (`||x| - 1|`, `|a|b|c|`) could open or
                # close, so it is refused rather than guessed
                if self.in_bars:
                    raise MathParseError("a '|' inside '|...|': which bars pair up is not certain")
                self.in_bars = True
                try:
                    inner = self.group("|")
                finally:
                    self.in_bars = False
                return self.node(Call("abs", inner))
        raise MathParseError(f"unexpected {value!r}")


# leaves are immutable and their value is their text, so one node serves every tree that writes the same
# number or letter (most lines repeat a few): building a Fraction and a node costs more than the parse step
@functools.lru_cache(maxsize=4096)
def _number(literal: str) -> Num:
    return Num(Fraction(int(literal)) if literal.isdigit() else Fraction(literal))


@functools.lru_cache(maxsize=256)
def _variable(name: str) -> Var:
    return Var(name)


# trees are immutable, so a parse can be shared: the operand a line names (`divide both sides by 3`) is read
# by each checker that holds the line to its move (bounded)
@functools.lru_cache(maxsize=4096)
def parse_expr_text(text: str) -> Expr:
    """Parse one expression (no `=`)."""
    tokens = _checked_tokens(text)
    return _parse_tokens(tokens, text)


def parse_chain(text: str) -> list[Expr]:
    """Parse `a = b = c ...` into its parts (one part when there is no `=`)."""
    return list(_parse_chain_cached(text))


@functools.lru_cache(maxsize=8192)
def _parse_chain_cached(text: str) -> tuple[Expr, ...]:
    # trees are immutable, so a parse can be shared; a trace and its checker read the same text twice
    tokens = _checked_tokens(text)
    parts: list[list[tuple[str, str]]] = [[]]
    for tok in tokens:
        if tok == ("op", "="):
            parts.append([])
        else:
            parts[-1].append(tok)
    return tuple(_parse_tokens(part, text) for part in parts)


# a number in brackets that ends the text after a space (`2x = 4 (2)`, `x - y = 1 [2]`) or a bracketed
# number glued to the end (`2x = 4[2]`): an equation label or a citation to many writers, a factor to
# others; the tokens no longer show the space, so it is refused here (markup.py drops a label that layout
# sets apart for certain). `2(4)` glued is a product as usual.
_TRAILING_GROUP = re.compile(
    r"(?:(?<![A-Za-z])[A-Za-z]|[\d)\]}!%.])\s+[(\[]\s*\d{1,4}\s*[)\]]\s*$|[\w)\]}]\[\s*\d{1,4}\s*\]\s*$"
)


def _checked_tokens(text: str) -> list[tuple[str, str]]:
    if len(text) > MAX_TEXT:
        raise LimitExceeded(f"math text of {len(text)} characters exceeds the {MAX_TEXT}-character limit")
    if "\x00" in text:
        raise MathParseError("NUL byte in math text")
    folded = normalise(text)
    if folded.rstrip().endswith((")", "]")) and _TRAILING_GROUP.search(folded):
        raise MathParseError("a bracketed number after the claim: an equation label or a factor?")
    return _tokens(folded)


def _parse_tokens(tokens: list[tuple[str, str]], text: str) -> Expr:
    if not tokens:
        raise MathParseError(f"empty expression in {text!r}")
    parser = _Parser(tokens)
    expr = parser.sum()
    if parser.pos != len(tokens):
        raise MathParseError(f"unexpected {tokens[parser.pos][1]!r} in {text!r}")
    # a tree is never deeper than its node count (every node is counted by `node`): small trees skip the walk
    if parser.nodes > MAX_TREE_DEPTH and tree_depth(expr) > MAX_TREE_DEPTH:
        raise LimitExceeded(f"expression tree deeper than {MAX_TREE_DEPTH}")
    return expr
