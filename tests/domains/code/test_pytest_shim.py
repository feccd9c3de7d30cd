"""pytest_shim: what tests written for pytest use of it, judged as pytest judges it."""

from __future__ import annotations

import contextlib
import math
import os
from decimal import Decimal
from typing import Any

import pytest

from assay.domains.code import pytest_shim as shim
from assay.domains.code.bridge_kinds import NotJudged


@pytest.mark.parametrize(
    ("actual", "expected", "options", "equal"),
    [
        # scalars: rel 1e-6 or abs 1e-12 by default, the larger
        (0.1 + 0.2, 0.3, {}, True),
        (1.000001, 1.0, {}, True),
        (1.00001, 1.0, {}, False),
        (1e-13, 0.0, {}, True),
        (1e-11, 0.0, {}, False),
        (3, 3.0, {}, True),
        (Decimal("0.3"), Decimal("0.3000000001"), {}, True),
        # only abs given: rel is not used at all
        (1.0004, 1.0, {"abs": 1e-3}, True),
        (100.0005, 100.0, {"abs": 1e-4}, False),
        (1.05, 1.0, {"rel": 0.1}, True),
        # infinities equal only themselves; nan only with nan_ok
        (math.inf, math.inf, {}, True),
        (-math.inf, math.inf, {}, False),
        (1e308, math.inf, {}, False),
        (math.nan, math.nan, {}, False),
        (math.nan, math.nan, {"nan_ok": True}, True),
        # other types are equal only when they are equal
        ("0.3", 0.3, {}, False),
        (None, 0.0, {}, False),
        (1, True, {}, False),  # an expected bool equals only a bool
        (True, 1.0, {}, True),  # as in pytest: True == 1.0
        # sequences of the same type and length, elementwise; mappings with the same keys
        ([0.1 + 0.2, 2.0], [0.3, 2.0], {}, True),
        ((0.1 + 0.2,), [0.3], {}, True),  # pytest 9 compares lengths, not types
        ("ab", [1.0, 2.0], {}, False),
        ([0.3, 2.0], [0.3], {}, False),
        ({"a": 0.1 + 0.2}, {"a": 0.3}, {}, True),
        ({"a": 0.3, "b": 1.0}, {"a": 0.3}, {}, False),
    ],
)
def test_approx_is_as_loose_as_pytest_and_no_looser(
    actual: Any, expected: Any, options: dict[str, Any], equal: bool
) -> None:
    assert (actual == shim.approx(expected, **options)) is equal
    assert (shim.approx(expected, **options) != actual) is not equal


def test_approx_refuses_what_pytest_refuses() -> None:
    with pytest.raises(TypeError):
        shim.approx([[0.1]])
    with pytest.raises(AssertionError):
        bool(shim.approx(0.1))
    with pytest.raises(ValueError):
        _ = shim.approx(1.0, abs=-1) == 1.5
    with pytest.raises(TypeError):  # a Decimal never meets a float
        _ = shim.approx(Decimal("0.3")) == 0.3


def test_raises_in_both_forms_and_its_match() -> None:
    with shim.raises(ValueError, match="bad") as info:
        raise ValueError("a bad value")
    assert info.type is ValueError and info.match("bad")
    assert shim.raises(ZeroDivisionError, lambda: 1 // 0).type is ZeroDivisionError
    with pytest.raises(shim.Failed), shim.raises(ValueError):
        pass
    with pytest.raises(AssertionError), shim.raises(ValueError, match="other"):
        raise ValueError("a bad value")
    with pytest.raises(KeyError), shim.raises(ValueError):  # another exception goes on
        raise KeyError("k")


def test_outcomes_are_never_taken_by_a_tests_except_exception() -> None:
    for outcome in (shim.skip, shim.fail, shim.xfail):
        # a test's own `except Exception` (the suppress) does not take it
        with pytest.raises(shim.OutcomeException), contextlib.suppress(Exception):
            outcome("why")
    with pytest.raises(NotJudged):
        shim.warns(UserWarning)


def test_marks_record_on_what_they_decorate_and_take_arguments_otherwise() -> None:
    @shim.mark.slow
    @shim.mark.parametrize("x", [1, shim.param(2, marks=shim.mark.skip)])
    def test_x(x: int) -> None:
        pass

    names = [mark.name for mark in vars(test_x)[shim.MARKS]]
    assert names == ["parametrize", "slow"]
    row = vars(test_x)[shim.MARKS][0].args[1][1]
    assert row.values == (2,) and row.marks[0].name == "skip"

    @shim.fixture(scope="module", name="base")
    def made() -> int:
        return 1

    assert vars(made)[shim.FIXTURE] == shim.FixtureDefinition("module", None, False, "base")


def test_monkeypatch_undoes_what_it_did(tmp_path: Any) -> None:
    patch = shim.MonkeyPatch()
    before = (os.getcwd(), os.environ.get("ASSAY_SHIM_PROBE"), math.pi)
    patch.setenv("ASSAY_SHIM_PROBE", 3)
    patch.setattr("math.pi", 3)
    patch.chdir(tmp_path)
    assert (os.environ["ASSAY_SHIM_PROBE"], math.pi, os.getcwd()) == ("3", 3, str(tmp_path))
    patch.undo()
    assert (os.getcwd(), os.environ.get("ASSAY_SHIM_PROBE"), math.pi) == before
