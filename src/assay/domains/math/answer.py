"""Final answers: read them into exact values and compare gold with predicted.

Order of evidence, strongest first:
1. exact: both answers read by the allow-list grammar and evaluated exactly (rationals, one square
   root): sets of roots compare as sets, systems as assignments, equations by proportionality;
2. symbolic: both read by the grammar but not exactly representable (pi, e, nested roots): SymPy on the
   parsed trees;
3. math-verify: the prediction is LaTeX beyond the grammar; the gold is wrapped in `\\boxed{}`. If it says
   equal and both sides are numbers, an exact SymPy difference must be zero too, so that tiny or huge
   values are not "numerically equal".
Anything that exceeds a bound is `unknown`, never a guess. Runs inside a verification worker.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from assay.domains.math.approximations import within
from assay.domains.math.exact import Number, Unsupported, evaluate, expand_plus_minus, format_number
from assay.domains.math.expr import Expr, Var, to_text, variables
from assay.domains.math.fold import fold_unicode
from assay.domains.math.grammar import parse_chain
from assay.domains.math.markup import prepare_line, strip_delimiters
from assay.domains.math.problem import Spec
from assay.domains.math.unread import (
    read_whole,
    side_by_side,
    subscripted_number,
    unknown_symbol,
    unread_command,
)
from assay.domains.math.vocabulary import split_top_level
from assay.errors import LimitExceeded, MathParseError
from assay.records import Status


@dataclass(frozen=True)
class Values:
    """A set of values: one number, or the roots of an equation."""

    items: frozenset[Number]
    # the bare values in the order written: for a system, `3, 5` means x = 3, y = 5, never {5, 3}
    order: tuple[Number, ...] = ()


@dataclass(frozen=True)
class Assignment:
    """Values for named variables (a system's solution)."""

    items: tuple[tuple[str, Number], ...]


@dataclass(frozen=True)
class Ordered:
    """A tuple `(3, 2)`: values in the problem's variable order."""

    items: tuple[Number, ...]


@dataclass(frozen=True)
class EquationAnswer:
    """An equation as the answer (e.g. a line): compared up to a constant factor."""

    lhs: Expr
    rhs: Expr


Answer = Values | Assignment | Ordered | EquationAnswer


def _layout(text: str) -> str:
    # the same layout rules as the trace reader: unicode folded, `\\text{ or }`, bold, check marks
    # `\\boxed{> 29}`: a bound, not a value; the line reader's quote marker `> ` must not take its sign off
    bound = text.lstrip().startswith(">")
    text = prepare_line(" ".join(text.split()))[0].replace("✓", " ")
    text = f"> {text}" if bound else text
    text = text.strip().rstrip(".")
    text = _BOXED_ANYWHERE.sub(r"\1", text) if "\\boxed" in text else text
    text = text.replace("$", "").replace("\\(", "").replace("\\)", "")
    return _JOINING_WORD.sub(", ", text).strip()


_BOXED_ANYWHERE = re.compile(r"\\boxed\s*\{(.*)\}")
_JOINING_WORD = re.compile(r"\s+(?:or|and)\s+")


# a solution set `\{2, 3\}` / `{2, 4}`: the whole answer one set, its values listed
_SET = re.compile(r"^(?:\\\{|\{)([^{}]*?)(?:\\\}|\})$")


def _clean(text: str) -> str:
    return _SET.sub(r"\1", _layout(text)).strip()


def _is_set(text: str) -> bool:
    return _SET.match(_layout(text)) is not None


def read_answer(
    text: str, names: tuple[str, ...] = (), asked: Expr | None = None
) -> tuple[Answer, list[Expr]]:
    """The answer and the parsed trees it came from. Raises MathParseError / Unsupported / LimitExceeded.

    names: the problem's variables, when known. A predicted answer read from the last claims of a trace
    can carry the names a solution defined on the way (`a = 1, b = -4, c = 1, D = 12, x = 2 ± sqrt(3)`);
    assignments to other names are not answers to the problem and are left out, if any remain.
    asked: the quantity the prompt asks for ("what is 2x + 9?"); a chain that starts with it as written
    (`2x + 9 = 2(7) + 9 = 23`, the last claim of a trace with no answer line) answers with its last value.
    """
    text = _clean(text)
    if not text:
        raise MathParseError("empty answer")
    trees: list[Expr] = []
    # a tuple "(3, 2)"
    if text.startswith("(") and text.endswith(")") and "," in text and "=" not in text:
        parts = split_top_level(text[1:-1])
        values = []
        for part in parts:
            expr = parse_chain(part)[-1]
            trees.append(expr)
            values.append(_single(expr))
        return Ordered(tuple(values)), trees
    parts = split_top_level(text)
    if isinstance(asked, Var) and len(parts) > 1:
        # `y = 4, x = 6` for a system that asks "Find x.": the asked name's value is the answer, the other
        # names' values are the work that found it (math-steps checks them)
        named = [part for part in parts if re.match(rf"\s*{re.escape(asked.name)}\s*=(?!=)", part)]
        parts = named or parts
    assigned: list[tuple[str, Number]] = []
    bare: list[Number] = []
    for part in parts:
        chain = parse_chain(part)
        trees.extend(chain)
        if asked is not None and len(chain) >= 2 and to_text(chain[0]) == to_text(asked):
            bare.extend(_values(chain[-1]))  # raises Unsupported when the chain ends at an expression
        elif len(chain) >= 2 and isinstance(chain[0], Var):
            name = chain[0].name
            for value in _values(chain[-1]):
                assigned.append((name, value))
        elif len(chain) >= 2 and len(parts) == 1 and any(variables(c) for c in chain):
            return EquationAnswer(chain[0], chain[1]), trees
        else:
            bare.extend(_values(chain[-1]))
    if names and not bare and assigned:
        kept = [(name, value) for name, value in assigned if name in names]
        first = next(i for i, (name, _) in enumerate(assigned) if name in names) if kept else len(assigned)
        if first + len(kept) != len(assigned):
            # `y = 4` for a problem in x, `x = 3, y = 2, z = 7` for one in x and y: a value given to a name
            # the problem does not have, after its own or instead of them, is a claim nobody can check
            # here; the names a solution defined on its way come before the answer (`a = 1, ..., x = 2`)
            raise Unsupported("the answer gives a value to a name the problem does not have")
        assigned = kept
    found = {name for name, _ in assigned}
    if assigned and not bare and len(found) > 1:
        if len(found) != len(assigned):
            raise Unsupported("several values for one variable of a system")
        return Assignment(tuple(sorted(assigned))), trees
    return Values(frozenset([v for _, v in assigned] + bare), tuple(bare) if not assigned else ()), trees


# the reference is read for each candidate, twice (the problem's reading, premises.py, and the answer check),
# and many candidates share one problem: the answers are kept (bounded; each is immutable)
@functools.lru_cache(maxsize=256)
def read_reference(text: str) -> Answer:
    """The reference answer as `read_answer` reads it without names (raises as it does)."""
    return read_answer(text)[0]


def _values(expr: Expr) -> list[Number]:
    if variables(expr):
        raise Unsupported("the answer still contains a variable")
    return [evaluate(e) for e in expand_plus_minus(expr)]


def _single(expr: Expr) -> Number:
    values = _values(expr)
    if len(values) != 1:
        raise Unsupported("± inside a tuple")
    return values[0]


def _describe(answer: Answer) -> str:
    if isinstance(answer, Values):
        if answer.order:
            return ", ".join(format_number(v) for v in answer.order)
        return ", ".join(sorted(format_number(v) for v in answer.items)) or "nothing"
    if isinstance(answer, Assignment):
        return ", ".join(f"{k} = {format_number(v)}" for k, v in answer.items)
    if isinstance(answer, Ordered):
        return "(" + ", ".join(format_number(v) for v in answer.items) + ")"
    return "an equation"


def compare(gold: Answer, pred: Answer, spec: Spec) -> bool:
    if isinstance(gold, EquationAnswer) or isinstance(pred, EquationAnswer):
        if not (isinstance(gold, EquationAnswer) and isinstance(pred, EquationAnswer)):
            return False
        return proportional(gold, pred)
    names = spec.variables
    if len(names) > 1:
        gold, pred = _in_variable_order(gold), _in_variable_order(pred)
    for side in (gold, pred):
        if isinstance(side, Assignment) and not names:
            names = tuple(sorted(name for name, _ in side.items))  # "(3, 2)" in alphabetical order
    return bool(_as_mapping(gold, names) == _as_mapping(pred, names))


def _ordered(answer: Answer) -> bool:
    """Whether the answer gives several values by position (`(3, 2)`, `3, 2`), not by name."""
    return isinstance(answer, Ordered) or (isinstance(answer, Values) and len(answer.order) > 1)


def _in_variable_order(answer: Answer) -> Answer:
    """A bare list of values for a problem with several variables is a tuple in their order."""
    if isinstance(answer, Values) and len(answer.order) > 1:
        return Ordered(answer.order)
    return answer


def _as_mapping(answer: Answer, names: tuple[str, ...]) -> Any:
    if isinstance(answer, Values):
        return answer.items
    if isinstance(answer, Assignment):
        if len(answer.items) == 1:
            return frozenset([answer.items[0][1]])
        return dict(answer.items)
    if isinstance(answer, Ordered):
        if len(names) == len(answer.items) > 1:
            return dict(zip(names, answer.items, strict=True))
        return answer.items
    return answer


def proportional(a: EquationAnswer, b: EquationAnswer) -> bool:
    """Whether lhs_a - rhs_a = c * (lhs_b - rhs_b) for a constant c != 0, proved by exact polynomial
    arithmetic (mpoly.py); sampling at fixed points could be fooled by a term that vanishes there."""
    from assay.domains.math import mpoly

    return mpoly.proportional((a.lhs, a.rhs), (b.lhs, b.rhs))


_WORST_FIRST = (Status.REFUTED, Status.ERROR, Status.TIMEOUT, Status.UNKNOWN)


def check_answer(spec: Spec, gold_text: str, pred_text: str | None) -> tuple[Status, str]:
    """(status, evidence) for a predicted final answer against the gold one.

    The trace reader joins the final answers a response commits to with newlines; every one of them must
    equal the reference, so a response that states two different answers is never verified.
    """
    if pred_text is None or not pred_text.strip():
        return Status.UNKNOWN, "no final answer found in the response"
    stated = [line for line in pred_text.split("\n") if line.strip()]
    if len(stated) > 1:
        results = [_check_one(spec, gold_text, line) for line in stated]
        for status in _WORST_FIRST:
            for (found, evidence), line in zip(results, stated, strict=True):
                if found == status:
                    return status, f"the response states {len(stated)} final answers; {line!r}: {evidence}"
        return Status.VERIFIED, f"all {len(stated)} stated final answers equal the reference"
    return _check_one(spec, gold_text, pred_text)


def _check_one(spec: Spec, gold_text: str, pred_text: str) -> tuple[Status, str]:
    if spec.kind == "game24":
        return check_game24(spec, pred_text)
    if "%" in pred_text and "%" not in gold_text:
        # "Answer: 25%" to "what percent of 80 is 20?" (reference 25): the expression reader reads
        # 25% as 1/4, the question meant 25. Two readings: neither verified nor refuted.
        two_readings = (
            Status.UNKNOWN,
            (f"the answer {pred_text.strip()!r} is a percentage, the reference is not"),
        )
        if not _percent_only_taken_of(pred_text):
            return two_readings
        # `15% of 240 is 36.`: the value 36, unless the percent was what was asked (`What percent of 240 is
        # 36?`, reference 15), which only a value other than the reference can say
        found = _check_value(spec, gold_text, pred_text)
        return found if found[0] == Status.VERIFIED else two_readings
    return _check_value(spec, gold_text, pred_text)


def _check_value(spec: Spec, gold_text: str, pred_text: str) -> tuple[Status, str]:
    try:
        gold = read_reference(gold_text)
    except LimitExceeded as exc:
        return Status.ERROR, f"the reference answer exceeds a bound: {exc}"
    except (MathParseError, Unsupported, ZeroDivisionError):
        return _slow_path(gold_text, pred_text)
    if len(spec.variables) > 1 and _is_set(pred_text):
        # `{3, 5}` for a system: a set has no order, so which value is x and which is y is not said
        return Status.UNKNOWN, f"the answer {pred_text.strip()!r} is a set, the problem asks for a pair"
    equality = _answer_equality(pred_text)
    if equality is not None:
        return equality
    try:
        pred, _ = read_answer(pred_text, spec.variables, spec.asked)
    except LimitExceeded as exc:
        return Status.UNKNOWN, f"the answer exceeds a safety bound: {exc}"
    except ZeroDivisionError:
        return Status.REFUTED, f"the answer {pred_text!r} divides by zero"
    except (MathParseError, Unsupported):
        return _slow_path(gold_text, pred_text)
    if _one_value_for_words(spec, gold_text) and len(set(_NAMED.findall(_clean(pred_text)))) > 1:
        return _several_named(spec, gold, pred_text)
    if spec.order_unsaid and _ordered(gold) != _ordered(pred):
        # `(6, 3)` against `x = 3, y = 6` for "What are y and x if ...": which value is x is not said
        return Status.UNKNOWN, f"the answer {_describe(pred)} is a tuple in an order the prompt does not fix"
    if compare(gold, pred, spec):
        return Status.VERIFIED, f"answer {_describe(pred)} equals the reference exactly"
    return Status.REFUTED, f"answer {_describe(pred)} differs from the reference {_describe(gold)}"


def _percent_only_taken_of(text: str) -> bool:
    """Whether every percent in the answer is a rate taken of a number inside a chain whose value is no
    percent (`(15% * 240) = 36`, from `15% of 240 is 36.`): the answer is the chain's last value, checked
    to hold (`_answer_equality`), and it is no percentage. `40% = 0.4` converts a percent (two readings
    of what was asked stay unknown), and `36 = 15%` gives one."""
    for part in split_top_level(_clean(text)):
        sides = part.split("=")
        if len(sides) < 2 or "%" in sides[-1]:
            return False
        if any("%" in side and _TAKEN_OF.search(side) is None for side in sides[:-1]):
            return False
    return True


# a percent multiplied by a number, or a number by a percent (`15% * 240`, `240 \times 15\%`)
_TAKEN_OF = re.compile(
    r"\\?%\s*\)?\s*(?:[*×·]|\\times|\\cdot|of\b)\s*\(?\s*\d|\d\s*\)?\s*(?:[*×·]|\\times|\\cdot)\s*\(?\s*\d[\d.]*\s*\\?%"
)


# `a = 16`: a name given a value at the start of an answer's part (two names: two quantities; one name
# twice, `x = 2 ± √3` written out, is its values)
_NAMED = re.compile(r"(?:^|[,;\n])\s*([A-Za-z]\w*)\s*=(?!=)")


def _one_value_for_words(spec: Spec, gold_text: str) -> bool:
    """A word problem whose reference is one bare value (`48`, not `x = 3` nor `2, 3`)."""
    return spec.kind == "words" and "=" not in gold_text and len(split_top_level(_clean(gold_text))) == 1


def _several_named(spec: Spec, gold: Any, pred_text: str) -> tuple[Status, str]:
    """`a = 16, b = 48` for a problem with no unknowns of its own (a word problem): the names are the
    solver's, and which value the question asks for is not said. One of them the reference: unknown;
    none: refuted."""
    values = []
    for part in split_top_level(_clean(pred_text)):
        try:
            value, _ = read_answer(part.rsplit("=", 1)[-1], spec.variables, spec.asked)
        except (LimitExceeded, ZeroDivisionError, MathParseError, Unsupported):
            return Status.UNKNOWN, f"the answer {pred_text.strip()!r} names several values, one unread"
        values.append(value)
    if any(compare(gold, value, spec) for value in values):
        shown = pred_text.strip()
        return Status.UNKNOWN, f"the answer {shown!r} names several values; which one is asked is not said"
    return Status.REFUTED, f"no value of the answer {pred_text.strip()!r} is the reference {_describe(gold)}"


def _answer_equality(text: str) -> tuple[Status, str] | None:
    """A chain of numbers in the answer whose sides differ (`\\boxed{54 = 56}`): refuted; one whose sides
    cannot be compared for certain: unknown; else None, and the answer is read as usual.

    The answer is read as the chain's last value, which is right only when the chain holds: an answer that
    states a false equality is no answer of that value (`7 \\times 8 = 56` holds, `54 = 56` does not).
    A side with ± stands for its two values (`56 \\pm 2 = 56` is false)."""
    parts = split_top_level(_clean(text))
    try:
        chains = [parse_chain(part) for part in parts]
    except (MathParseError, Unsupported, LimitExceeded):
        return None  # read on the usual paths, which report what they cannot read
    for part, chain in zip(parts, chains, strict=True):
        if len(chain) < 2 or any(variables(side) for side in chain):
            continue  # `x = 56` names the value
        shown = " = ".join(to_text(side) for side in chain)
        places = max((len(d) for d in _DECIMALS.findall(part)), default=0)
        for side in chain[1:]:
            try:
                holds = _same_values(side, chain[0])
            except ZeroDivisionError:
                return Status.REFUTED, f"the answer {shown} divides by zero"
            if holds is False and places and _near(side, chain[0], places):
                return None  # `100/3 = 33.33`: a rounding written with `=`, read as the usual path reads it
            if holds is False:
                return Status.REFUTED, f"the answer states {shown}, which is false"
            if holds is None:
                return Status.UNKNOWN, f"the answer states {shown}, which the checker cannot decide"
    return None


_DECIMALS = re.compile(r"\d\.(\d+)")


def _near(a: Expr, b: Expr, places: int) -> bool:
    """Whether two values are within one unit of the last written decimal place of each other; a value
    beyond the exact evaluator (`\\sqrt{2} = 1.41`) is taken as near (the usual path judges the answer)."""
    try:
        first, second = evaluate(a), evaluate(b)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return True
    tolerance = Fraction(1, 10**places)
    if isinstance(second, int | Fraction):
        return within(first, Fraction(second), tolerance)
    if isinstance(first, int | Fraction):
        return within(second, Fraction(first), tolerance)
    return True


def _same_values(a: Expr, b: Expr) -> bool | None:
    """Whether two sides without variables have the same value(s), exactly; None when not decided."""
    options_a, options_b = expand_plus_minus(a), expand_plus_minus(b)
    try:
        return {evaluate(o) for o in options_a} == {evaluate(o) for o in options_b}
    except (Unsupported, LimitExceeded):
        if len(options_a) > 1 or len(options_b) > 1:
            return None
    from assay.domains.math import symbolic  # (sympy: loaded only for such an answer)

    return symbolic.equal(a, b)


def check_game24(spec: Spec, pred_text: str) -> tuple[Status, str]:
    """A Game of 24 answer against the rules (game24.py): the numbers once each, + - * / only."""
    from assay.domains.math import game24

    return game24.check_answer(spec.numbers, spec.target, _clean(pred_text))


def _slow_path(gold_text: str, pred_text: str) -> tuple[Status, str]:
    """Symbolic comparison of parsed trees, else math-verify on LaTeX; both with an exact second opinion."""
    if len(split_top_level(_clean(gold_text))) > 1 or len(split_top_level(_clean(pred_text))) > 1:
        # several values beyond the exact path: which pairs with which (a set? a tuple in the variables'
        # order?) is not something to leave to a general-purpose matcher
        return Status.UNKNOWN, "an answer of several values beyond the exact path"
    try:
        gold_chain = parse_chain(_clean(gold_text))
        pred_chain = parse_chain(_clean(pred_text))
    except LimitExceeded as exc:
        return Status.UNKNOWN, f"the answer exceeds a safety bound: {exc}"
    except MathParseError:
        if _SCIENTIFIC.search(gold_text) or _SCIENTIFIC.search(pred_text):
            # the grammar reads `4.2e1` and refuses `1.5e-3` (Euler's e, or ten to a power?); math-verify
            # reads a lowercase e as Euler's number there, so it must not pick either
            return Status.UNKNOWN, f"the answer {pred_text.strip()!r} has scientific notation: two readings"
        if re.search(r"!\s*!", pred_text):
            # the grammar refuses `5!!` (a double factorial, or a factorial twice): math-verify must not pick
            return Status.UNKNOWN, f"the answer {pred_text.strip()!r} has '!!': two readings"
        return _math_verify(gold_text, pred_text)
    letters = variables(pred_chain[-1]) - variables(gold_chain[-1])
    if letters:
        # `12 m` for 12, `1k` for 1000: a letter the reference does not have is a unit, a suffix or an
        # unknown the checker cannot tell apart, so the answer is neither refuted nor verified
        shown = ", ".join(sorted(letters))
        return Status.UNKNOWN, f"the answer has {shown}, which the reference does not: a unit or a variable?"
    # imported only here: sympy takes seconds to load, and the answers refused above need none of it
    from assay.domains.math import symbolic

    gold_options = expand_plus_minus(gold_chain[-1])
    pred_options = expand_plus_minus(pred_chain[-1])
    if len(gold_options) != len(pred_options):
        return (
            Status.REFUTED,
            f"{len(pred_options)} value(s) given where the reference has {len(gold_options)}",
        )
    unmatched = list(gold_options)
    for option in pred_options:
        for i, gold in enumerate(unmatched):
            if symbolic.equal(option, gold):
                del unmatched[i]
                break
        else:
            return Status.REFUTED, "the answer differs from the reference (symbolic check)"
    return Status.VERIFIED, "the answer equals the reference (symbolic check)"


def _names(parsed: object) -> set[str]:
    """The names of the unknowns in what math-verify parsed (none for a number or a text it handed back)."""
    import sympy

    if not isinstance(parsed, sympy.Basic):
        return set()
    return {symbol.name for symbol in parsed.free_symbols if isinstance(symbol, sympy.Symbol)}


_SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")
_BOXED = re.compile(r"^\\(?:boxed|fbox)\s*\{(.*)\}$")


def _math_verify(gold_text: str, pred_text: str) -> tuple[Status, str]:
    import sympy
    from math_verify import LatexExtractionConfig, parse, verify

    gold = parse(
        "\\boxed{" + gold_text + "}", extraction_config=[LatexExtractionConfig()], parsing_timeout=None
    )
    # the answer as one math span, so that math-verify parses all of it, never a piece it found first
    given = _BOXED.sub(r"\1", " ".join(strip_delimiters(pred_text).split()))
    pred = parse(f"${given}$", extraction_config=[LatexExtractionConfig()], parsing_timeout=None)
    if not gold or not pred or not isinstance(pred[0], sympy.Basic):
        # (math-verify hands back the text itself when it parsed no math from it)
        return Status.UNKNOWN, "could not read the answer (neither the grammar nor math-verify)"
    command = unread_command(given) or ("a symbol" if unknown_symbol(fold_unicode(given)) else None)
    if command is not None:
        return Status.UNKNOWN, f"the answer {pred_text.strip()!r} uses {command}: not read with certainty"
    if subscripted_number(given):
        return Status.UNKNOWN, f"a subscripted number in the answer {pred_text.strip()!r}: a base? a label?"
    if side_by_side(_layout(pred_text)):
        return Status.UNKNOWN, f"two values side by side in the answer {pred_text.strip()!r}: no sure reading"
    if not read_whole(given, str(pred[-1])):
        return Status.UNKNOWN, f"math-verify reads only part of the answer {pred_text.strip()!r}"
    letters = _names(pred[0]) - _names(gold[0])
    if letters:
        # `20\text{ cm}^2` for 20, `18 \text{ dollars}` for 18: math-verify reads a unit's letters as
        # unknowns multiplied into the value (20*c*m**2); a name the reference does not have is a unit or
        # a variable, which the checker cannot tell apart (as on the symbolic path above)
        shown = ", ".join(sorted(letters))
        return Status.UNKNOWN, f"the answer has {shown}, which the reference does not: a unit or a variable?"
    if not verify(gold, pred, timeout_seconds=None):
        return Status.REFUTED, "the answer differs from the reference (math-verify)"
    g, p = gold[0], pred[0]
    if isinstance(g, sympy.Basic) and isinstance(p, sympy.Basic) and g.is_number and p.is_number:
        difference = sympy.simplify(g - p)
        if difference != 0 and difference.is_zero is not True:
            return Status.REFUTED, f"math-verify says equal, but the exact difference is {difference}"
    return Status.VERIFIED, "the answer equals the reference (math-verify)"
