"""Issue 11, red team 6 (classes 4-7): notations that were read as something else.

- A mixed number with a space (`1 ½`, `1\u2009½`, `1~½`, `1\\,½`) is a mixed number, as `1 1/2` and
  `1\\frac{1}{2}` are, never the product 1·½ (fold.py).
- A side named in a check line after another chain (`... = 13 and RHS = 12 ✓`) states a value that is
  checked, never dropped (named_sides.py).
- A set followed by an operator (`x ∈ {2, 1} \\ {3}`, `{2, 8} - {5}`, `{2, 3} × {1}`) is not a list of
  the values of x: it stays a `∈` the reader refuses (markup.py).
- A number in brackets after a claim (`x - y = 1   (2)`, `2x = 4 [2]`, `2x = 4[2]`, `4 {2}`, `4⑵`) is an
  equation label or a citation, never a factor: dropped where layout sets it apart, refused elsewhere; a
  number cell of a table is never multiplied into the row's claim (markup.py, grammar.py).
- `2x = \\underbrace{13 - 5}_{=8}` continues the chain: `2x = 13 - 5 = 8`, each link checked.
"""

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.fold import fold_unicode
from assay.domains.math.grammar import parse_chain
from assay.domains.math.markup import prepare_line
from assay.domains.math.named_sides import name_sides
from assay.errors import MathParseError

LINEAR = ("Solve for x: 2x + 5 = 13", "4")
QUADRATIC = ("Solve for x: x^2 - 5x + 6 = 0", "x = 2 or x = 3")
SYSTEM = ("Solve the system: x + y = 10, x - y = 2", "x = 6, y = 4")
HALVES = ("Compute 3/4 + 3/4. Give the answer as a fraction.", "3/2")
BAKER = (
    "A baker makes 12 loaves per hour. He works 6 hours on Monday and 4 hours on Tuesday. "
    "How many loaves does he make in total?",
    "120",
)


def _status(problem: tuple[str, str], response: str) -> str:
    prompt, gold = problem
    job = {"prompt": prompt, "reference": {"answer": gold}, "response": response}
    return str(check_trace_job(job)["status"])


# --- mixed numbers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("1½", "(1+1/2)"),
        ("1 ½", "(1+1/2)"),
        ("1\u2009½", "(1+1/2)"),  # thin space
        ("1\u00a0½", "(1+1/2)"),  # no-break space
        ("1\u202f½", "(1+1/2)"),  # narrow no-break space
        ("1~½", "(1+1/2)"),
        ("1\\,½", "(1+1/2)"),
        ("12 ¾ cups", "(12+3/4) cups"),
        ("2 × 3 ¼", "2 * (3+1/4)"),
        ("x = -1 ½", "x = -(1+1/2)"),
        ("½ of it", "(1/2) of it"),
        ("x ½", "x (1/2)"),  # a letter is no whole number: the product, as before
        # no sure reading: the grammar refuses what `_` marks
        ("2.5 ½", "2.5_(1/2)"),
        ("3,5 ½", "3,5_(1/2)"),
        ("2^3 ½", "2^3_(1/2)"),
        ("1/2 ½", "1/2_(1/2)"),
    ],
)
def test_a_vulgar_fraction_after_a_whole_number_is_a_mixed_number(text: str, folded: str) -> None:
    assert fold_unicode(text) == folded


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("3/4 + 3/4 = 6/4 = 1 ½\n\n**Answer:** 1 ½", "verified"),
        ("3/4 + 3/4 = 6/4 = 1\u2009½\n\n**Answer:** 1\u2009½", "verified"),
        ("$\\frac34 + \\frac34 = \\frac64 = 1\\,\\frac12$\n\n**Answer:** $1\\,\\frac{1}{2}$", "verified"),
        ("3/4 + 3/4 = 6/4 = 1 1/2\n\n**Answer:** 1 1/2", "verified"),
        ("3/4 + 3/4 = 1 ¼\n\n**Answer:** 3/2", "refuted"),
        ("3/4 + 3/4 = 6/4\n\n**Answer:** 1 ¼", "refuted"),
        ("3/4 + 3/4 = 6/4\n\n**Answer:** $1~¼$", "refuted"),
        ("3/4 + 3/4 = 6/4\n\n**Answer:** $1~½$", "verified"),
    ],
)
def test_mixed_numbers_read_alike_in_every_spelling(response: str, status: str) -> None:
    assert _status(HALVES, response) == status


# --- named sides of a check ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("Check: LHS = 2(4) + 5 = 13 and RHS = 12", "Check:  2(4) + 5 = 13  = 12"),
        ("Check: LHS = 2(4) + 5 = 13, RHS = 13", "Check:  2(4) + 5 = 13 = 13"),
        ("Check: $LHS = 2(4) + 5 = 13$, $RHS = 12$", "Check: $ 2(4) + 5 = 13$ = 12$"),
        ("Verify: LHS: 2(4) + 5 = 13; RHS: 12", "Verify:  2(4) + 5 = 13 = 12"),
        ("Check: the left side is 2(4) + 5 = 13 and the right side is 12.", "Check:  2(4) + 5 = 13  = 12."),
        # two bare values named are no chain: nothing joined (and nothing a check can read)
        ("Check: LHS = 18, RHS = 18", "Check:  18,  18"),
        ("Check: 2(4) + 5 = 13 and R.H.S. = 12", "Check: 2(4) + 5 = 13  = 12"),
        # a side with a chain of its own is joined as well: both sides of a check are one value
        ("Check: LHS = 3(5) - 2 = 13, RHS = 2(5) + 3 = 13", "Check:  3(5) - 2 = 13 = 2(5) + 3 = 13"),
        # after a binding nothing is joined: `x = 4` is the hypothesis, not a side
        ("Check with x = 4, LHS = 2(4) + 5 = 13", "Check with x = 4,  2(4) + 5 = 13"),
        # the first side name only labels its chain
        ("Check: RHS = 12", "Check:  12"),
    ],
)
def test_a_named_side_continues_the_chain_before_it(line: str, read: str) -> None:
    assert name_sides(line) == read


CHECK = "2x + 5 = 13\n2x = 8\nx = 4\n{}\n\nAnswer: 4"


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("Check: LHS = 2(4) + 5 = 13 and RHS = 12 ✓", "refuted"),
        ("Check: LHS = 2(4) + 5 = 13, RHS = 12 ✓", "refuted"),
        ("Check: $\\text{LHS} = 2(4) + 5 = 13$, $\\text{RHS} = 12$ ✓", "refuted"),
        ("Check: L.H.S. = 2(4) + 5 = 13 and R.H.S. = 12 ✓", "refuted"),
        ("Check: LHS = 2(4) + 5 = 13 and RHS = 12 = 12 ✓", "refuted"),
        ("Check: LHS = 2(4) + 5 = 13 and RHS = 10 + 3 + 1 ✓", "refuted"),
        ("Plugging in x = 4: LHS = 2(4) + 5 = 13 and RHS = 12.", "refuted"),
        ("Check x = 4: 2(4) + 5 = 13 and y = 12 ✓", "unknown"),  # y is not solved for: no binding
        ("Check: L = 2(4) + 5 = 13, R = 12 ✓", "unknown"),
        ("Check: LHS = 2(4) + 5 = 13 and RHS = 13 ✓", "verified"),
        ("Check: LHS = 2(4) + 5 = 13, RHS = 13 ✓", "verified"),
        ("Check: $\\text{LHS} = 2(4) + 5 = 13$, $\\text{RHS} = 13$ ✓", "verified"),
        ("Check: the left side is 2(4) + 5 = 13 and the right side is 13.", "verified"),
        ("Check with x = 4, LHS = 2(4) + 5 = 13 ✓", "verified"),
    ],
)
def test_a_named_side_stated_wrong_is_never_dropped(line: str, status: str) -> None:
    assert _status(LINEAR, CHECK.format(line)) == status


# --- sets with an operator after them --------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "x ∈ {2, 1} \\ {3}",
        "x ∈ {2, 1} ∖ {3}",
        "x ∈ {2, 8} - {5}",
        "x ∈ {2, 1} + {2}",
        "x ∈ {2, 3} × {1}",
        "x ∈ {2, 1}*{3}",
        "x ∈ {2, 1}/{1/3}",
        "x ∈ {2, 1}^{1}",
        "x ∈ {2, 3}^c",
        "x ∈ {2, 3}'",
        "x ∈ {2, 1} (3)",
        "x ∈ {2, 1}(3)",
        "x ∈ {2, 1} 3",
        "x ∈ {2, 3} ∪ {5}",
        "x ∈ {2, 8} minus {5}",
        "x ∈ {2, 8} minus 5",
        "x ∈ {2, 3, 4} except 4",
        "x ∈ {2, 3, 4} without 3",
        "$x \\in \\{2, 1\\} \\setminus \\{3\\}$",
        "$x \\in \\{2, 8\\} - \\{5\\}$",
        "$x \\in \\{2, 3\\} \\times \\{1\\}$",
    ],
)
def test_a_set_with_an_operator_after_it_is_not_a_list_of_values(line: str) -> None:
    read, _ = prepare_line(line)
    assert "∈" in read and " or " not in read


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("x ∈ {2, 3}", "x = 2 or x = 3"),
        ("x ∈ {2, 3}.", "x = 2 or x = 3."),
        ("$x \\in \\{2, 3\\}$", "$x = 2 or x = 3$"),
        ("x ∈ {2, 3} are the roots", "x = 2 or x = 3 are the roots"),
        ("x ∈ {2, 3} (both check)", "x = 2 or x = 3 (both check)"),
        ("x ∈ {3, 2}, as both factors vanish", "x = 3 or x = 2, as both factors vanish"),
    ],
)
def test_a_set_that_ends_its_claim_lists_the_values(line: str, read: str) -> None:
    assert prepare_line(line)[0] == read


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ("**Answer:** x ∈ {2, 1} \\ {3}", "unknown"),
        ("**Answer:** x ∈ {2, 8} - {5}", "unknown"),
        ("**Answer:** $\\boxed{x \\in \\{2, 1\\} \\setminus \\{3\\}}$", "unknown"),
        ("**Answer:** x ∈ {2, 3}", "verified"),
        ("**Answer:** $\\boxed{x \\in \\{2, 3\\}}$", "verified"),
    ],
)
def test_set_answers(answer: str, status: str) -> None:
    assert _status(QUADRATIC, f"x^2 - 5x + 6 = 0\n(x - 2)(x - 3) = 0\n{answer}") == status


# --- labels and citations after a claim -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("x - y = 2   (2)", "x - y = 2 "),
        ("x - y = 2\t(2)", "x - y = 2 "),
        ("x - y = 2   [2]", "x - y = 2 "),
        ("x - y = 2   (ii)", "x - y = 2 "),
        ("x - y = 2   (2a)", "x - y = 2 "),
        ("$x - y = 2$   (2)", "$x - y = 2$ "),
        ("x - y = 2 ⑵", "x - y = 2 "),
        ("x - y = 2⑵", "x - y = 2 "),
        ("x - y = 2 ②", "x - y = 2 "),
    ],
)
def test_a_label_set_apart_at_the_end_is_dropped(line: str, read: str) -> None:
    assert prepare_line(line)[0] == read


@pytest.mark.parametrize(
    "text",
    [
        "2x = 4 (2)",
        "2x = 4 [2]",
        "2x = 4[2]",
        "2x = 4 {2}",
        "2x = 4{2}",
        "x - y = 1 (2)",
        "x = y (3)",
        "2x = 4⑵",  # fold.py keeps the enclosed number: a character the grammar refuses
    ],
)
def test_a_bracketed_number_after_a_claim_is_never_a_factor(text: str) -> None:
    with pytest.raises(MathParseError):
        parse_chain(text)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("2(4) + 5 = 13", 2),  # glued round brackets: a product, as always
        ("x = \\frac{1}{2}", 2),
        ("x = \\sqrt[3]{8}", 2),
        ("x = 2^{10}", 2),
        ("y = 3{x}", 2),
        ("y = sqrt (2)", 2),
    ],
)
def test_brackets_that_are_math_still_read(text: str, parts: int) -> None:
    assert len(parse_chain(text)) == parts


@pytest.mark.parametrize(
    ("problem", "response", "status"),
    [
        (
            SYSTEM,
            "x + y = 10   (1)\nx - y = 1   (2)\nAdding (1) and (2): 2x = 12, so x = 6.\n"
            "From (1): y = 10 - 6 = 4.\n\n**Answer:** x = 6, y = 4",
            "refuted",
        ),
        (
            SYSTEM,
            "x + y = 10   (1)\nx - y = 2   (2)\nAdding (1) and (2): 2x = 12, so x = 6.\n"
            "From (1): y = 10 - 6 = 4.\n\n**Answer:** x = 6, y = 4",
            "verified",
        ),
        (
            SYSTEM,
            "$$x + y = 10 \\qquad (1)$$\n$$x - y = 2 \\qquad (2)$$\nAdding: $2x = 12$, so $x = 6$.\n"
            "$y = 10 - 6 = 4$.\n\n**Answer:** x = 6, y = 4",
            "verified",
        ),
        (LINEAR, "2x + 5 = 13\n2x = 4 [2]\nx = 4\n\n**Answer:** 4", "unknown"),
        (LINEAR, "2x + 5 = 13\n2x = 4[2]\nx = 4\n\n**Answer:** 4", "unknown"),
        (LINEAR, "2x + 5 = 13      (1)\n2x = 4      (2)\nx = 4      (3)\n\n**Answer:** 4", "refuted"),
        (LINEAR, "2x + 5 = 13      (1)\n2x = 8      (2)\nx = 4      (3)\n\n**Answer:** 4", "verified"),
        (LINEAR, "2x + 5 = 13\n2x = 8\n\n**Answer:** x = 2 (2)", "unknown"),
    ],
)
def test_labelled_traces(problem: tuple[str, str], response: str, status: str) -> None:
    assert _status(problem, response) == status


TABLE = "| Day | Hours | Loaves |\n|---|---|---|\n{}\n\nTotal: 72 + 48 = 120\n\n**Final answer:** 120"


@pytest.mark.parametrize(
    ("rows", "status"),
    [
        ("| Monday | 6 | 12 × 6 = 72 |\n| Tuesday | 4 | 12 × 4 = 48 |", "verified"),
        ("| Monday | **6** | 12 × 6 = 72 |\n| Tuesday | 4 | 12 × 4 = 48 |", "verified"),
        ("| Monday | 6 | 12 × 6 = 12 |\n| Tuesday | 4 | 12 × 4 = 48 |", "refuted"),
        ("| Monday | 6 | 6 × 12 = 1 |\n| Tuesday | 4 | 4 × 12 = 48 |", "refuted"),
        # a number that is none of the row's operands: a claim the reader cannot place
        ("| Monday | 7 | 12 × 6 = 72 |\n| Tuesday | 4 | 12 × 4 = 48 |", "unknown"),
    ],
)
def test_a_number_cell_is_never_multiplied_into_its_row(rows: str, status: str) -> None:
    assert _status(BAKER, TABLE.format(rows)) == status


# --- an annotated side of a chain ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("$2x = \\underbrace{13 - 5}_{=8}$", "$2x = 13 - 5 = 8$"),
        ("$2x = \\underbrace{13 - 5}_{= 8} = 8$", "$2x = 13 - 5 = 8 = 8$"),
        ("$2x = \\overbrace{13 - 5}^{=8}$", "$2x = 13 - 5 = 8$"),
        ("$2x = \\underset{= 8}{13 - 5}$", "$2x = 13 - 5 = 8$"),
        ("$x = \\underbrace{\\frac{8}{2}}_{=4}$", "$x = \\frac{8}{2} = 4$"),
    ],
)
def test_an_annotated_side_continues_the_chain(line: str, read: str) -> None:
    assert prepare_line(line)[0] == read


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("$2x = \\underbrace{13 - 5}_{=8}$", "verified"),
        ("$2x = \\underbrace{13 - 5}_{=9}$", "refuted"),
        ("$2x = \\underset{= 9}{13 - 5}$", "refuted"),
        ("$2x = \\underbrace{13 - 5}_{\\text{which is } 9}$", "unknown"),
        ("$2x = \\underbrace{13 - 6}_{=7} + 1$", "unknown"),  # not a whole side: stays unread
        ("$2x = 1 + \\underbrace{13 - 5}_{=8}$", "unknown"),
    ],
)
def test_annotated_steps(line: str, status: str) -> None:
    response = f"$2x + 5 = 13$\n{line}\n$x = 4$\n\n$\\boxed{{4}}$"
    assert _status(LINEAR, response) == status


@pytest.mark.parametrize(
    "line",
    [
        "the right side is ⑨",
        "the right side is   (9)",
        "so 2x becomes\t(9)",
        "the answer is ⑵",  # `⑵` stays, and the reader refuses it
    ],
)
def test_a_label_is_dropped_only_after_math(line: str) -> None:
    read, _ = prepare_line(line)
    assert read.rstrip().endswith(("⑨", "(9)", "⑵"))


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("$\\frac{3}{8} + \\frac{1}{10} = {19 \\over 40}$", "verified"),  # plain TeX's fraction
        ("$\\frac{3}{8} + \\frac{1}{10} = {21 \\over 40}$", "refuted"),
        ("$\\frac{3}{8} + \\frac{1}{10} = {{19 \\over 20} \\over 2}$", "unknown"),  # nested: unread
        ("$\\frac{3}{8} + \\frac{1}{10} = 0.475 = 19 \\overline{0}$", "unknown"),  # `\overline` is no `\over`
    ],
)
def test_tex_over_is_a_fraction(response: str, status: str) -> None:
    problem = {"prompt": "Compute 3/8 + 1/10.", "reference": {"answer": "19/40"}, "task": ""}
    assert check_trace_job({**problem, "response": response})["status"] == status
