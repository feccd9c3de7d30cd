"""Markup the math reader does not know is never read as prose, and math-verify answers are read whole.

Red team 4 slipped false steps through as "prose": a LaTeX relation the reader has no rule for
(`$5x \\mapsto 26$`, `\\coloneqq`, `\\nleq`, even `\\foo`), an HTML entity for `=` (`5x &#61; 26`), a unicode
relation outside the known set (`≔`, `⟺`), pieces of math with the relation dropped (`5x: 26`), a value
only in a code comment (`print(x)  # 6.0`); and answers math-verify read only the start of
(`\\frac{5}{1} 7` read as 5). Each table holds the attack in several spellings, next to correct traces in
the same styles that must still verify. In-process (`check_trace_job`), so no verdict depends on load.
"""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.math.answer import _math_verify
from assay.domains.math.check import check_answer_job, check_trace_job
from assay.domains.math.markup import prepare_line
from assay.domains.math.relationless import bare_arrow, pieces_without_relation
from assay.domains.math.unread import (
    KNOWN_COMMANDS,
    UNKNOWN_MARK,
    decode_entities,
    mark_unknown_commands,
    read_whole,
    side_by_side,
    unknown_symbol,
)

PROBLEM = "Solve for x: 5x - 7 = 18"


def _trace(first_line: str) -> dict[str, Any]:
    """A false first step (5x is 25, not 26) in some spelling, then the right steps and answer."""
    response = f"{first_line}\nx = 5\n\n**Answer: 5**"
    return check_trace_job({"prompt": PROBLEM, "reference": {"answer": "5"}, "response": response})


def _first_bad(result: dict[str, Any]) -> int | None:
    return next((s["index"] for s in result["steps"] if s["status"] not in ("verified", "no_claim")), None)


# --- unknown LaTeX commands between two pieces of math ---------------------------------------------------

UNKNOWN_RELATIONS = [
    r"$5x \mapsto 26$",
    r"$5x \longmapsto 26$",
    r"$5x \leftarrow 26$",
    r"$5x \longrightarrow 26$",
    r"$5x \iff 26$",
    r"$5x \Leftrightarrow 26$",
    r"$5x \coloneqq 26$",
    r"$5x \Coloneqq 26$",
    r"$5x \eqqcolon 26$",
    r"$5x \doteq 26$",
    r"$5x \doteqdot 26$",
    r"$5x \triangleq 26$",
    r"$5x \eqcirc 26$",
    r"$5x \approxeq 26$",
    r"$5x \asymp 26$",
    r"$5x \bumpeq 26$",
    r"$5x \nleq 26$",
    r"$5x \ngtr 26$",
    r"$5x \nsim 26$",
    r"$5x \foo 26$",  # a command that exists nowhere
    r"\(5x \mapsto 26\)",
    r"$5x\mapsto26$",  # glued
    r"$5x\!\mapsto\!26$",  # with negative thin spaces
    r"$5x \,\mapsto\, 26$",
    r"$\left(5x\right) \mapsto 26$",
    r"$5x \text{\mapsto} 26$",  # inside \text
    r"$5x \operatorname{R} 26$",  # a named operator
    r"$5x \mathrm{R} 26$",  # a letter in roman: pieces of math side by side
    r"$5x \# 26$",  # an unknown one-character command
    r"$5x \= 26$",
    r"$5x \quad 26$",  # the relation dropped: two pieces of math
    "5x 26",
    "5x: 26",
    "5x : 26",
    "5x:26",  # a mark outside the grammar glued between two pieces of math
    "5x~26",
    "5x;26",
    "5x?26",
    # an arrow between two bare expressions: "becomes", a relation, not two steps
    "5x → 26",
    "5x ⟹ 26",
    "5x => 26",
    "5x -> 26",
    r"$5x \Longrightarrow 26$",
    r"$5x \implies 26$",
]


@pytest.mark.parametrize("line", UNKNOWN_RELATIONS)
def test_an_unknown_relation_is_an_unreadable_step_never_prose(line: str) -> None:
    result = _trace(line)
    assert result["status"] != "verified", result
    assert _first_bad(result) == 1, result


@pytest.mark.parametrize(
    "line",
    [
        r"$5x \mapsto 26$ [by \iff]",  # in a reason too
        r"x = 5 (since $5x \coloneqq 25$)",
        r"We see that $5x \mapsto 26$, which is fine.",  # in a sentence
        r"\textbf{Step 1.} $5x \asymp 26$",
    ],
)
def test_an_unknown_relation_in_a_reason_or_sentence_is_unreadable(line: str) -> None:
    result = _trace(line)
    assert result["status"] != "verified" and _first_bad(result) == 1, result


@pytest.mark.parametrize(
    "line",
    [
        r"$\sin x = 1/2$",  # a function the grammar does not read is not its argument
        "sin x = 1/2",
        "log 100 = 2",
        r"$\sin x \mapsto 1$",
    ],
)
def test_a_function_name_before_math_is_not_dropped(line: str) -> None:
    result = _trace(line)
    assert result["status"] != "verified" and _first_bad(result) == 1, result


def test_every_known_command_is_kept_and_others_are_marked() -> None:
    for name in sorted(KNOWN_COMMANDS):
        assert mark_unknown_commands(f"a \\{name} b") == f"a \\{name} b"
    for name in ("mapsto", "foo", "leftarrow", "timesx", "textcolor", "top", "phantom", "sin", "hspace"):
        assert UNKNOWN_MARK in mark_unknown_commands(f"5x \\{name} 26"), name
    for kept in (r"\,", r"\;", r"\!", r"\ ", r"\{", r"\}", r"\%", r"\$", r"\|", r"\(", r"\)"):
        assert UNKNOWN_MARK not in mark_unknown_commands(f"5x {kept} 26"), kept


# --- unicode relations outside the known set, and lookalikes ---------------------------------------------

UNICODE_RELATIONS = list("≔≕≙≜≐≑≒≓≅≃≈∼⇔⟺↦⊢⊨≍≎≏⇐⟸⩴≟≞∺⊜⋍")
LOOKALIKES = ["᐀", "꓿", "⹀", "゠", "〓", "⚌", UNKNOWN_MARK]


@pytest.mark.parametrize("symbol", UNICODE_RELATIONS + LOOKALIKES)
@pytest.mark.parametrize("spacing", [" {} ", "{}"])
def test_a_unicode_relation_or_lookalike_is_unreadable(symbol: str, spacing: str) -> None:
    result = _trace("5x" + spacing.format(symbol) + "26")
    assert result["status"] != "verified" and _first_bad(result) == 1, (symbol, result)


@pytest.mark.parametrize(
    ("text", "odd"),
    [
        ("5x ≔ 26", True),
        ("5x᐀26", True),  # punctuation glued to math
        ("x = 5°", True),
        ("5x = 25 ✅", False),  # decoration apart from the math
        ("Hmm… so x = 5", False),  # an ellipsis in prose
        ("x ± 2", False),
        ("plain ascii 5x = 26", False),
        ("Ça fait x = 5", False),  # letters of any script are not symbols
    ],
)
def test_unknown_symbol(text: str, odd: bool) -> None:
    assert unknown_symbol(text) is odd


# --- HTML entities ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "decoded"),
    [
        ("5x &#61; 26", "5x = 26"),
        ("5x &#x3D; 26", "5x = 26"),
        ("5x &#X3d; 26", "5x = 26"),
        ("5x &#0061; 26", "5x = 26"),
        ("5x &#61 26", "5x = 26"),  # no semicolon, as a browser reads it
        ("5x&#61;26", "5x=26"),
        ("5x &equals; 26", "5x = 26"),
        ("5x &amp;#61; 26", "5x = 26"),  # encoded twice
        ("x &lt; 5", "x < 5"),
        ("5x &ne; 26", "5x ≠ 26"),
        ("5x &foo; 26", f"5x  {UNKNOWN_MARK}  26"),  # no such entity: unknown, never dropped
        ("5x &#0; 26", f"5x  {UNKNOWN_MARK}  26"),
        ("x &= 5 & y", "x &= 5 & y"),  # LaTeX alignment is not an entity
    ],
)
def test_decode_entities(raw: str, decoded: str) -> None:
    assert decode_entities(raw) == decoded


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("5x &#61; 26", "refuted"),  # read as the false claim it is
        ("5x &#x3D; 26", "refuted"),
        ("5x &#0061; 26", "refuted"),
        ("5x&#61;26", "refuted"),
        ("5x &amp;#61; 26", "refuted"),
        ("5x &hArr; 26", "unknown"),
        ("5x &foo; 26", "unknown"),
        ("5x &amp;amp;amp;amp;amp;#61; 26", "unknown"),  # encoded more times than anyone means
    ],
)
def test_an_html_entity_relation_is_read_or_unreadable(line: str, status: str) -> None:
    result = _trace(line)
    assert (result["status"], _first_bad(result)) == (status, 1), result


# --- the same styles, right: still verified --------------------------------------------------------------


@pytest.mark.parametrize(
    "response",
    [
        "5x &#61; 25\nx = 5\nAnswer: 5",
        "5x &#x3D; 25\nx &#61; 5\nAnswer: 5",
        "5x - 7 + 7 = 18 + 7 &nbsp;&nbsp; (add 7)\n5x = 25\nx = 5\nAnswer: 5",
        "$5x \\,=\\, 25$\n$x = 5$\nAnswer: $5$",
        "$\\left(5x\\right) = 25$\n$x \\!=\\! 5$\n**Answer: 5**",
        '5x = 25\nx = 5\n```json\n{"x": 5}\n```',
        "```python\nx = (18 + 7) / 5  # 5.0\nprint(x)\n```\nAnswer: 5",
        "5x = 25 \\quad \\checkmark\nx = 5\n$\\therefore x = 5$\nAnswer: $\\boxed{5}$",
        "\\begin{align*} 5x &= 25 \\\\ x &= 5 \\end{align*}\nThe answer is $\\boxed{5}$.",
        "5x - 7 = 18 → 5x = 25 → x = 5\nAnswer: 5",  # arrows between claims are steps
        "$5x = 25 \\implies x = 5$\n\n**Answer:** 5",
    ],
)
def test_right_traces_in_the_same_styles_verify(response: str) -> None:
    result = check_trace_job({"prompt": PROBLEM, "reference": {"answer": "5"}, "response": response})
    assert result["status"] == "verified", result


# --- code comments ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "x = (18 + 7) / 5\nprint(x)  # 6.0",  # an output only in a comment
        "x = (18 + 7) / 5  # 6.0",  # continues the line's chain: false
        "x = (18 + 7) / 5\nprint(x)  # prints 6.0",
        "x = (18 + 7) / 5\nprint(x)  # -> 6.0",
        "x = (18 + 7) / 5\nprint(x)  # x is 6",
    ],
)
def test_a_value_claimed_in_a_code_comment_is_checked_or_unreadable(code: str) -> None:
    response = f"```python\n{code}\n```\n\n**Answer: 5**"
    result = check_trace_job({"prompt": PROBLEM, "reference": {"answer": "5"}, "response": response})
    assert result["status"] != "verified", result


# --- answers math-verify reads: only when read whole -----------------------------------------------------

PARTIAL = [
    ("5", r"\frac{5}{1} 7"),
    ("5", r"\dfrac{5}{1}7"),
    ("5", r"\frac{5}{1}\ 7"),
    ("5", r"\frac{5}{1}\!7"),
    ("5", r"\frac 51 0"),
    ("5", r"\frac 510"),  # TeX reads \frac{5}{1}0
    ("5", r"\frac{5}{1} \cdot"),
    ("5", r"\left(\frac{5}{1}\right) 7"),
    ("5", r"\frac{\frac{10}{2}}{1} 7"),  # nested braces
    ("3/4", r"\frac34 5"),
    ("0", r"5\phantom{0}"),  # read by math-verify as 5·0
    ("5", r"5\hspace{1em}6"),
    ("1000", "1 000"),
    ("5", r"\sqrt{25}\,\mathrm{cm}"),
    ("5", "||5|| ≔ 6"),  # a relation math-verify would skip
]


@pytest.mark.parametrize(("gold", "pred"), PARTIAL)
def test_math_verify_answers_not_read_whole_are_unknown(gold: str, pred: str) -> None:
    status, why = _math_verify(gold, pred)
    assert status.value == "unknown", why


@pytest.mark.parametrize(
    ("gold", "pred"),
    [
        (r"\frac{\pi}{2}", r"\dfrac{\pi}{2}"),
        ("5", r"\left(5\right)"),
        ("2", r"||-2||"),
    ],
)
def test_math_verify_answers_read_whole_still_verify(gold: str, pred: str) -> None:
    status, why = _math_verify(gold, pred)
    assert status.value == "verified", why


@pytest.mark.parametrize(
    ("gold", "pred"), [("5", r"\frac{5}{1} 7"), ("3/4", r"\frac34 5"), ("0", r"5\phantom{0}")]
)
def test_a_partial_answer_is_not_verified_through_the_whole_check(gold: str, pred: str) -> None:
    result = check_answer_job(
        {"prompt": "Find the value.", "reference": {"answer": gold}, "response": f"Answer: {pred}"}
    )
    assert result["status"] != "verified", result


@pytest.mark.parametrize(
    ("given", "parsed", "whole"),
    [
        (r"\frac{5}{1} 7", r"\frac{5}{1}", False),
        (r"\dfrac{3}{4}", r"\frac{3}{4}", True),
        (r"\left( 5 \right)", "(5)", True),
        (r"0{,}5", "0,5", True),
    ],
)
def test_read_whole(given: str, parsed: str, whole: bool) -> None:
    assert read_whole(given, parsed) is whole


@pytest.mark.parametrize(
    ("layout", "found"),
    [
        ("5 7", True),
        (r"\frac{5}{1}7", True),
        (r"2\frac{1}{2}", True),
        ("(2) 3", True),
        ("57", False),
        ("0{,}5", False),
    ],
)
def test_side_by_side(layout: str, found: bool) -> None:
    assert side_by_side(layout) is found


def test_prepare_line_marks_and_decodes() -> None:
    assert UNKNOWN_MARK in prepare_line(r"$5x \mapsto 26$")[0]
    assert prepare_line("5x &#61; 26")[0].split() == ["5x", "=", "26"]


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("5x 26", True),
        ("5x: 26", True),
        ("5x:26", True),
        ("5x ᐀ 26", True),
        (f"5x {UNKNOWN_MARK} 26", True),
        ("3, 4", False),  # a list of values
        (r"\{2, 3\}", False),
        ("5x", False),  # one piece
        ("we get 5x then", False),  # prose
    ],
)
def test_pieces_without_relation(body: str, found: bool) -> None:
    assert pieces_without_relation(body) is found


@pytest.mark.parametrize(
    ("parts", "found"),
    [
        (["5x ", " 26"], True),
        (["5x - 7 + 7 ", " 18 + 7"], True),
        (["5x = 25 ", " x = 5"], False),  # between claims: a step follows from the last
        (["So ", " x = 5"], False),
        (["5x = 25"], False),
    ],
)
def test_bare_arrow(parts: list[str], found: bool) -> None:
    assert bare_arrow(parts) is found
