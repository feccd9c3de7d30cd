"""How the math tasks' reference solvers write numbers, terms and traces.

A trace has numbered steps with a bracketed reason each, a `Verify:` line and a final line
(`trace_text`); numbers are exact fractions written plainly (`-5/3`), and terms drop a coefficient
of 1 (`x`, `- 3x`, `(2/3)x`).
"""

from __future__ import annotations

from fractions import Fraction


def num(q: Fraction | int) -> str:
    """A number as written in a trace: `4`, `-3`, `5/3`, `-5/3`."""
    return str(Fraction(q))


def paren(q: Fraction | int) -> str:
    """A number ready to follow a coefficient: `(4)`, `(-3)`, `(5/3)`."""
    return f"({num(q)})"


def term(coef: Fraction | int, var: str, first: bool) -> str:
    """`3x`, `- 3x`, `+ x`, `-x` (first term), `(2/3)x`."""
    coef = Fraction(coef)
    mag = abs(coef)
    body = var if mag == 1 else (f"{mag}{var}" if mag.denominator == 1 else f"({mag}){var}")
    if first:
        return body if coef > 0 else f"-{body}"
    return f"+ {body}" if coef > 0 else f"- {body}"


def linear(coefs: list[tuple[Fraction | int, str]], const: Fraction | int = 0) -> str:
    """A linear form `3x - 2y + 5`, skipping zero terms."""
    parts: list[str] = []
    for coef, var in coefs:
        if coef != 0:
            parts.append(term(coef, var, first=not parts))
    const = Fraction(const)
    if const != 0 or not parts:
        if not parts:
            parts.append(num(const))
        else:
            parts.append(f"+ {num(const)}" if const > 0 else f"- {num(-const)}")
    return " ".join(parts)


def signed(q: Fraction | int) -> str:
    """`+ 5` or `- 5`, to append a constant to an expression."""
    q = Fraction(q)
    return f"+ {num(q)}" if q >= 0 else f"- {num(-q)}"


def trace_text(steps: list[tuple[str, str]], verify: str, final: str) -> str:
    lines = [f"Step {i}: {math_text} [{reason}]" for i, (math_text, reason) in enumerate(steps, 1)]
    return "\n".join([*lines, f"Verify: {verify}", final])


def signed_term(b: int, inner: str) -> str:
    """`+ 3(r)`, `- 3(r)`, `+ (r)`; empty when b = 0."""
    if b == 0:
        return "+ 0"
    mag = abs(b)
    body = f"({inner})" if mag == 1 else f"{mag}({inner})"
    return f"+ {body}" if b > 0 else f"- {body}"
