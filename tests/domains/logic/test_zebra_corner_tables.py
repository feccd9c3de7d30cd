"""A zebra table with a blank corner whose rows are led by "House k" (bold or not) is read by those labels;
a label that is no house of the puzzle leaves no answer."""

from __future__ import annotations

import pytest

from tests.domains.logic.puzzles import ZEBRA, logic_status

HEAD = "|  | Color | Pet |\n|---|---|---|\n"


@pytest.mark.parametrize(
    ("rows", "status"),
    [
        ("| House 1 | red | dog |\n| House 2 | green | cat |\n| House 3 | blue | fish |", "verified"),
        (
            "| **House 1** | red | dog |\n| **House 2** | green | cat |\n| **House 3** | blue | fish |",
            "verified",
        ),
        ("| House 1 | red | cat |\n| House 2 | green | dog |\n| House 3 | blue | fish |", "refuted"),
        ("| House 1 | red | dog |\n| House 2 | green | cat |\n| House 4 | blue | fish |", "unknown"),
        ("| House 1 | red | dog |\n| Two | green | cat |\n| House 3 | blue | fish |", "unknown"),
    ],
)
def test_rows_led_by_house_labels(rows: str, status: str) -> None:
    assert logic_status(ZEBRA, HEAD + rows) == status
