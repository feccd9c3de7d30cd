from __future__ import annotations

import pytest

from assay.domains.code.extract import extract, extract_code

CODE = "```python\ndef add(a, b):\n    return a + b\n```\n\n"


@pytest.mark.parametrize(
    "after",
    [
        "Here is the improved version:",
        "Wait, let me reconsider.",
        "Actually, hold on.",
        "Hmm, I need to recheck this.",
        "However, there's an edge case:",
        "But wait, this fails when the",
    ],
)
def test_a_response_that_stops_before_it_is_done_has_no_certain_code(after: str) -> None:
    found = extract(CODE + after)
    assert found.code is None
    assert found.reason


@pytest.mark.parametrize(
    "after",
    ["Let me know if you need anything else.", "Time complexity: O(1).", "This handles negatives too."],
)
def test_a_finished_response_keeps_its_code(after: str) -> None:
    assert extract_code(CODE + after) == "def add(a, b):\n    return a + b"
