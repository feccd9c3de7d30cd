"""Right answers in common layouts verify (yes/no role tables, zebra answers per attribute, nonogram
grids drawn with X and _, "Knaves: none"), and the same layouts with a wrong, conflicting, hedged or
ambiguous reading do not."""

# ruff: noqa: E501
# (the tables hold whole responses, one per line, so that each case reads as the model wrote it)

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic.check import check_logic_job
from tests.domains.logic.puzzles import KNIGHTS, NONOGRAM
from tests.domains.logic.puzzles import ZEBRA as ZEBRA_IN_ORDER  # this file's ZEBRA is another order

ZEBRA = {
    "kind": "zebra",
    "houses": 3,
    "attributes": {"color": ["red", "green", "blue"], "pet": ["dog", "cat", "fish"]},
    "clues": [
        ["position", ["color", "blue"], 1],
        ["position", ["color", "red"], 2],
        ["same", ["pet", "cat"], ["color", "blue"]],
        ["same", ["pet", "fish"], ["color", "red"]],
    ],
}  # 1 blue cat, 2 red fish, 3 green dog


def _check(reference: dict[str, Any], response: str) -> dict[str, Any]:
    return check_logic_job({"reference": reference, "response": response})


@pytest.mark.parametrize(
    ("reference", "response"),
    [
        (KNIGHTS, "| Person | Knight? |\n|---|---|\n| Ava | Yes |\n| Ben | No |\n| Cal | No |"),
        (KNIGHTS, "| Name | Is a knave? |\n|:---|:---:|\n| Ava | no |\n| Ben | yes |\n| Cal | yes |"),
        (KNIGHTS, "| Person | Knight (Y/N) |\n|---|---|\n| **Ava** | Y |\n| **Ben** | N |\n| **Cal** | N |"),
        (
            KNIGHTS,
            "| Person | Knight | Knave |\n|---|---|---|\n| Ava | ✓ | ✗ |\n| Ben | ✗ | ✓ |\n| Cal | ✗ | ✓ |",
        ),
        (KNIGHTS, "| Knight? | Person |\n|---|---|\n| Yes | Ava |\n| No | Ben |\n| No | Cal |"),
        (KNIGHTS, "**Knights:** Ava\n**Knaves:** Ben, Cal"),
        (ZEBRA, "Color: blue, red, green\nPet: cat, fish, dog"),
        (ZEBRA, "- **Color:** blue, red, green\n- **Pet:** cat, fish, dog"),
        (NONOGRAM, "Final grid:\nXX_\n__X\nXXX"),
        (NONOGRAM, "XX_\n__X\nXXX"),
    ],
)
def test_right_answers_in_common_layouts_verify(reference: dict[str, Any], response: str) -> None:
    result = _check(reference, response)
    assert result["status"] == "verified", result


@pytest.mark.parametrize(
    ("reference", "response"),
    [
        # a role table: header swapped, a row that conflicts, a cell that hedges, a name that is no one
        (KNIGHTS, "| Person | Knave? |\n|---|---|\n| Ava | Yes |\n| Ben | No |\n| Cal | No |"),
        (
            KNIGHTS,
            "| Person | Knight? |\n|---|---|\n| Ava | Yes |\n| Ben | No |\n| Cal | No |\n| Cal | Yes |",
        ),
        (
            KNIGHTS,
            "| Person | Knight | Knave |\n|---|---|---|\n| Ava | ✓ | ✓ |\n| Ben | ✗ | ✓ |\n| Cal | ✗ | ✓ |",
        ),
        (KNIGHTS, "| Person | Knight? |\n|---|---|\n| Ava | Yes |\n| Ben | Maybe |\n| Cal | No |"),
        (KNIGHTS, "| Person | Knight? |\n|---|---|\n| Ava | Yes |\n| Bob | No |\n| Cal | No |"),
        (KNIGHTS, "| Person | Knight? |\n|---|---|\n| Ava | Yes |\n| Ben | No |"),  # Cal left out
        (KNIGHTS, "| Person | Knight? (not sure) |\n|---|---|\n| Ava | Yes |\n| Ben | No |\n| Cal | No |"),
        (
            KNIGHTS,
            "| Person | Knight? |\n|---|---|\n| Ava | Yes |\n| Ben | No |\n| Cal | No |\n\nActually, swap Ava and Ben.",
        ),
        # "Knaves: none" is a claim: wrong when someone is a knave, and not read with more words after it
        (KNIGHTS, "**Knights:** Ava, Ben, Cal\n**Knaves:** none"),
        (KNIGHTS, "**Knights:** Ava\n**Knaves:** none yet"),
        # per attribute: a wrong order, a missing attribute, values in the puzzle's own order, a list
        # that is not a whole answer
        (ZEBRA, "Color: red, blue, green\nPet: fish, cat, dog"),
        (ZEBRA, "Color: blue, red, green"),
        (ZEBRA, "Color: blue, red, green\n\nPet: cat, fish, dog"),
        (ZEBRA, "Color: blue, red, green\nPet: cat, cat, dog"),
        (ZEBRA_IN_ORDER, "Color: red, green, blue\nPet: dog, cat, fish"),
        # a grid in X and _: wrong cells, the wrong size, X beside # (X could be filled or crossed out)
        (NONOGRAM, "XX_\n_X_\nXXX"),
        (NONOGRAM, "XX__\n__X_\nXXX_"),
        (NONOGRAM, "XX_\n__#\nXXX"),
    ],
)
def test_fooling_layouts_are_never_verified(reference: dict[str, Any], response: str) -> None:
    result = _check(reference, response)
    assert result["status"] != "verified", result
