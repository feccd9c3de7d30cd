"""Planted errors for reference traces: each mutation returns (mutated trace, 1-based step it breaks)."""

from __future__ import annotations

import re
from collections.abc import Callable

from assay.domains.math.exact import Unsupported, evaluate
from assay.domains.math.grammar import parse_expr_text
from assay.errors import MathParseError

Mutation = Callable[[list[str]], tuple[list[str], int] | None]

_STEP = re.compile(r"^Step \d+: (?P<math>.*?)(?P<reason> \[[^\]]*\])?$")
_LAST_NUMBER = re.compile(r"(\d+)(?!.*\d)")


def _math_lines(lines: list[str]) -> list[int]:
    """Indices of `Step n:` lines after the first (step 1 restates the problem)."""
    return [i for i, line in enumerate(lines) if line.startswith("Step ") and i > 0]


def _split(line: str) -> tuple[str, str, str]:
    m = _STEP.match(line)
    assert m, line
    head = line[: m.start("math")]
    return head, m.group("math"), m.group("reason") or ""


def _bump_last_number(text: str) -> str | None:
    m = _LAST_NUMBER.search(text)
    if not m:
        return None
    return text[: m.start()] + str(int(m.group(1)) + 1) + text[m.end() :]


def arithmetic_slip(lines: list[str]) -> tuple[list[str], int] | None:
    """The last number of a middle step is off by one."""
    candidates = _math_lines(lines)
    if not candidates:
        return None
    i = candidates[len(candidates) // 2]
    head, math, reason = _split(lines[i])
    bumped = _bump_last_number(math)
    if bumped is None:
        return None
    return [*lines[:i], head + bumped + reason, *lines[i + 1 :]], i + 1


def sign_error(lines: list[str]) -> tuple[list[str], int] | None:
    """A minus becomes a plus (or the reverse) on the right-hand side of a middle step."""
    for i in _math_lines(lines)[::-1]:
        head, math, reason = _split(lines[i])
        if "=" not in math or " or " in math:
            continue
        lhs, _, rhs = math.rpartition("=")
        if " - " in rhs:
            k = rhs.rfind(" - ")
            flipped = rhs[:k] + " + " + rhs[k + 3 :]
        elif " + " in rhs:
            k = rhs.rfind(" + ")
            flipped = rhs[:k] + " - " + rhs[k + 3 :]
        elif re.match(r"^\s*-\d", rhs):
            flipped = rhs.replace("-", "", 1)
        elif re.match(r"^\s*[1-9]", rhs):
            flipped = " -" + rhs.lstrip()
        else:
            continue
        if _same_number(rhs, flipped):
            continue  # `-2(0)` is still `2(0)`: flipping a sign there plants no error
        return [*lines[:i], f"{head}{lhs}={flipped}{reason}", *lines[i + 1 :]], i + 1
    return None


def _same_number(a: str, b: str) -> bool:
    """Whether two variable-free right-hand sides have the same value (False when either has a variable)."""
    try:
        left, right = parse_expr_text(a), parse_expr_text(b)
        return evaluate(left) == evaluate(right)
    except (MathParseError, Unsupported):
        return False


def dropped_term(lines: list[str]) -> tuple[list[str], int] | None:
    """A constant term disappears from the left-hand side of a step."""
    for i in _math_lines(lines):
        head, math, reason = _split(lines[i])
        if "=" not in math or " or " in math:
            continue
        lhs, eq, rhs = math.partition("=")
        m = re.search(r" [+-] \d+(?![\d/)(^x])(?=\s*$)", lhs)
        if m is None:
            continue
        return [*lines[:i], f"{head}{lhs[: m.start()]} {eq}{rhs}{reason}", *lines[i + 1 :]], i + 1
    return None


def one_side_division(lines: list[str]) -> tuple[list[str], int] | None:
    """`v = R/a = r` becomes `v = R`: the left side was divided, the right was not."""
    for i in _math_lines(lines):
        head, math, reason = _split(lines[i])
        m = re.fullmatch(r"(?P<lhs>[^=]+)= (?P<num>-?\d+)/\(?-?\d+\)? = -?[\d/]+", math)
        if m is None or int(m.group("num")) == 0:
            continue  # 0/a = 0: dropping the division changes nothing
        return [*lines[:i], f"{head}{m.group('lhs')}= {m.group('num')}{reason}", *lines[i + 1 :]], i + 1
    return None


def lost_root(lines: list[str]) -> tuple[list[str], int] | None:
    """One of two roots is dropped (`a or b` → `a`; `±` → `+`)."""
    for i in _math_lines(lines):
        head, math, reason = _split(lines[i])
        if " or " in math:
            return [*lines[:i], head + math.split(" or ")[0] + reason, *lines[i + 1 :]], i + 1
        if "±" in math and math.startswith("x = "):
            return [*lines[:i], head + math.replace("±", "+") + reason, *lines[i + 1 :]], i + 1
    return None


def added_root(lines: list[str]) -> tuple[list[str], int] | None:
    """An extra root appears in the step that solves for x."""
    for i in _math_lines(lines)[::-1]:
        head, math, reason = _split(lines[i])
        if math.startswith("x = ") and "y" not in math:
            return [*lines[:i], f"{head}{math} or x = 97{reason}", *lines[i + 1 :]], i + 1
    return None


def wrong_final_answer(lines: list[str]) -> tuple[list[str], int] | None:
    """The final line states a different answer."""
    last = lines[-1]
    bumped = _bump_last_number(last)
    if bumped is None:
        return None
    if "sqrt" in last:
        bumped = last.replace("sqrt(", "2 + sqrt(", 1)
    return [*lines[:-1], bumped], len(lines)


def wrong_verification(lines: list[str]) -> tuple[list[str], int] | None:
    """The verification line's result is off by one."""
    for i, line in enumerate(lines):
        if line.startswith("Verify:"):
            bumped = _bump_last_number(line)
            if bumped is None:
                return None
            return [*lines[:i], bumped, *lines[i + 1 :]], i + 1
    return None


def wrong_distribution(lines: list[str]) -> tuple[list[str], int] | None:
    """After `a(x ± b) = r`, a new step multiplies only the x: `ax ± b = r`."""
    for i, line in enumerate(lines):
        m = re.match(
            r"^Step \d+: (?P<a>-?\d+)\(x (?P<sign>[+-]) (?P<b>\d+)\) = (?P<rhs>[^\[]+?)(?: \[.*)?$", line
        )
        if m is None or m.group("a") in ("1", "-1") or m.group("b") == "0":
            continue
        step = (
            f"Step {i + 2}: {m.group('a')}x {m.group('sign')} {m.group('b')} = {m.group('rhs')} [distribute]"
        )
        return [*lines[: i + 1], step, *lines[i + 1 :]], i + 2
    return None


def wrong_factoring(lines: list[str]) -> tuple[list[str], int] | None:
    """`(x + a)(x + b) = 0` becomes `(x + a)(x - b) = 0`."""
    for i in _math_lines(lines):
        head, math, reason = _split(lines[i])
        m = re.fullmatch(r"\(x (?P<s1>[+-]) (?P<a>\d+)\)\(x (?P<s2>[+-]) (?P<b>\d+)\) = 0", math)
        if m is None or m.group("b") == "0":
            continue
        flipped = "-" if m.group("s2") == "+" else "+"
        math = f"(x {m.group('s1')} {m.group('a')})(x {flipped} {m.group('b')}) = 0"
        return [*lines[:i], head + math + reason, *lines[i + 1 :]], i + 1
    return None


MUTATIONS: dict[str, Mutation] = {
    "arithmetic slip": arithmetic_slip,
    "sign error": sign_error,
    "dropped term": dropped_term,
    "dividing one side only": one_side_division,
    "lost root": lost_root,
    "added root": added_root,
    "wrong final answer": wrong_final_answer,
    "wrong verification line": wrong_verification,
    "wrong distribution": wrong_distribution,
    "wrong factoring": wrong_factoring,
}
