"""The words a line writes around each of its chains (chain_words.py): the label before it, in every
shape a model writes one, the words after its result, and a line that is only a label."""

from __future__ import annotations

from fractions import Fraction

import pytest

from assay.domains.math.chain_words import chain_words, foreign_letters, label_alone, plain


@pytest.mark.parametrize(
    ("line", "label"),
    [
        # before a colon, an `=`, an arrow, a dash, a comma, `is`; bold, bulleted, LaTeX text, a table
        ("Eggs sold: 9 × 2 = 18", "eggs sold"),
        ("Number of eggs sold = 9 × 2 = 18", "number of eggs sold"),
        ("Eggs sold → 9 × 2 = 18", "eggs sold"),
        ("Eggs sold — 9 × 2 = 18", "eggs sold"),
        ("Eggs sold, 9 × 2 = 18", "eggs sold"),
        ("Eggs sold is 9 × 2 = 18", "eggs sold"),
        ("**Eggs sold** 9 × 2 = 18", "eggs sold"),
        ("- Eggs sold 9 × 2 = 18", "eggs sold"),
        ("1. Eggs sold 9 × 2 = 18", "eggs sold"),
        ("$\\text{Eggs sold} = 9 \\times 2 = 18$", "eggs sold"),
        ("| Eggs sold | 9 × 2 = 18 |", "eggs sold"),
        ("| 2 | Eggs sold | 9 | 9 × 2 = 18 |", "eggs sold"),
        ("Eggs (sold): 9 × 2 = 18", "eggs sold"),
        ("Eggs sold (9 × 2) = 18", "eggs sold"),
        # dressed letters are the same letters
        ("Ｅｇｇｓ sold: 9 × 2 = 18", "eggs sold"),
        ("Eg\u00adgs s\u200bold: 9 × 2 = 18", "eggs sold"),
        # cut at a preposition, unless the words before it name nothing
        ("Money from selling 9 eggs: 9 × 2 = 18", "money"),
        ("Cost of the eggs: 9 × 2 = 18", "cost"),
        # a unit between an operand and its operator is the operand's
        ("9 eggs × $2 = $18", ""),
        # prose that leads into the chain names no label
        ("She sells 9 eggs for 9 × 2 = 18 dollars", ""),
        ("Since 9 eggs remain, 9 × 2 = 18", ""),
        ("Multiply the eggs by the price: 9 × 2 = 18", ""),
        ("So we get 9 × 2 = 18", ""),
    ],
)
def test_the_label_before_a_chain(line: str, label: str) -> None:
    (words,) = chain_words(line, [Fraction(18)])
    assert words.phrase == label


@pytest.mark.parametrize(
    ("line", "unit", "apart"),
    [
        ("9 × 2 = 18 eggs", "egg", "egg"),
        ("9 × 2 = 18 (eggs)", "egg", "egg"),
        ("9 × 2 = 18 [the eggs]", "egg", "egg"),
        ("$9 \\times 2 = 18\\ \\text{eggs}$", "egg", "egg"),
        ("9 × 2 = 18, eggs", "", "egg"),
        ("9 × 2 = 18: eggs sold", "", "egg"),
        ("9 × 2 = 18", "", ""),
    ],
)
def test_the_words_after_a_result(line: str, unit: str, apart: str) -> None:
    (words,) = chain_words(line, [Fraction(18)])
    assert (words.unit, words.apart) == (unit, apart)


def test_each_chain_has_its_own_words() -> None:
    line = "The notebooks cost 4 × 3 = 12 and the pens 2 × 5 = 10, total 12 + 10 = 22."
    first, second, third = chain_words(line, [Fraction(12), Fraction(10), Fraction(22)])
    assert "notebook" in first.clause and "pen" not in first.clause
    assert second.label == ("pen",) and "notebook" not in second.clause
    assert third.phrase == "total"


def test_words_after_a_result_that_name_it() -> None:
    (words,) = chain_words("4 × $3 = $12 for the notebooks", [Fraction(12)])
    assert "notebook" in words.clause


def test_a_chain_the_line_does_not_show_gets_every_word() -> None:
    (words,) = chain_words("Eggs sold: 18 = 9 × 2", [Fraction(18)])
    assert "egg" in words.label and "egg" in words.clause


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("### Eggs sold", "eggs sold"),
        ("**Step 2: Money from selling 9 eggs**", "money"),
        ("Eggs sold:", "eggs sold"),
        ("Pen cost", "pen cost"),
        ("Pen cost →", "pen cost"),
        ("Let's solve this step by step.", None),
        ("Janet's ducks lay 16 eggs per day, and she eats 3 of them every single morning", None),
    ],
)
def test_a_line_that_is_only_a_label(line: str, label: str | None) -> None:
    assert label_alone(line) == label


def test_plain_and_foreign_letters() -> None:
    assert plain("**Eggs** \\textbf{sold}: $9 \\times 2$ <<9*2=18>>18") == "Eggs sold : $ 9 × 2 $ 18"
    assert foreign_letters("\u0415ggs sold: 9 × 2 = 18")  # a Cyrillic Е
    assert not foreign_letters("Café sales: 9 × 2 = 18")
