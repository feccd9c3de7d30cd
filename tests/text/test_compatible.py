from __future__ import annotations

import pytest

from assay.domains.code.extract import extract_code
from assay.domains.math.check import check_answer_job, check_trace_job
from assay.text.compatible import BIDI_CONTROLS, compatible, without_invisible_characters


def test_compatible_folds_lookalikes_and_drops_format_characters() -> None:
    assert compatible("Ａｄ\u00add M\u200baybe ３６") == "Add Maybe 36"
    assert compatible("plain ascii") == "plain ascii"


def test_invisible_characters_go_and_reordering_ones_stay() -> None:
    assert without_invisible_characters("Pr\u200bob\u00adably\u2060 \ufeffx") == "Probably x"
    for control in BIDI_CONTROLS:
        assert control in without_invisible_characters(f"x = {control}63")


def _math(response: str) -> dict[str, object]:
    return {
        "prompt": "Solve for x: 2x + 3 = 11",
        "reference": {"answer": "4"},
        "task": "",
        "response": response,
    }


@pytest.mark.parametrize(
    "line",
    [
        "Pr\u200bobably x = 4",
        "x = 4 (a g\u200buess)",
        "I th\u200bink x = 4, but I am not s\u200bure.",
        "x = 4\u00ad?",
        "x = \u202e4",  # shown otherwise than stored: refused, never verified
    ],
)
def test_a_hedge_split_by_an_invisible_character_still_hedges(line: str) -> None:
    job = _math(f"2x = 8\n{line}")
    assert check_answer_job(job)["status"] != "verified"
    assert check_trace_job(job)["status"] != "verified"


def test_an_invisible_operator_alone_leaves_the_answer() -> None:
    assert check_answer_job(_math("2x = 8\nx = 4\u2063"))["status"] == "verified"


CODE = "```python\ndef add(a, b):\n    return a + b\n```\n\n"


@pytest.mark.parametrize(
    "after",
    [
        "This doesn't w\u200bork.",
        "(un\u200btested)",
        "I'm not s\u00adure this works.",
        "Act\u200bually, that is wrong.",
    ],
)
def test_a_doubt_split_by_an_invisible_character_still_doubts_the_code(after: str) -> None:
    assert extract_code(CODE + after) is None


def test_prose_without_a_doubt_keeps_the_code() -> None:
    assert extract_code(CODE + "Tha\u200bnks!") == "def add(a, b):\n    return a + b"
