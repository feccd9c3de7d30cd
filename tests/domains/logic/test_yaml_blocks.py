"""Block-style YAML answers (```yaml fences) are read into the lines the kind readers know; a block this
reader is not sure of (a comment, a duplicate key, an anchor, a line out of place) is left as written."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic.structured import Pairs
from assay.domains.logic.yaml_blocks import fenced_blocks, rewrite
from tests.domains.logic.puzzles import KNIGHTS, ZEBRA, logic_status


def _fenced(body: str) -> list[str]:
    return ["```yaml", *body.splitlines(), "```"]


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("Ava: knight\nBen: knave", Pairs((("Ava", "knight"), ("Ben", "knave")))),
        (
            "knights:\n  - Ava\nknaves:\n- Ben\n- Cal",
            Pairs((("knights", ["Ava"]), ("knaves", ["Ben", "Cal"]))),
        ),
        ("knaves: [Ben, Cal]", Pairs((("knaves", ["Ben", "Cal"]),))),
        ("- house: 1\n  pet: dog", [Pairs((("house", 1), ("pet", "dog")))]),
        ("house 1:\n  pet: 'dog'\n---", Pairs((("house 1", Pairs((("pet", "dog"),))),))),
        ("grid:\n  - [1, 2]\n  - [2, 1]", Pairs((("grid", [[1, 2], [2, 1]]),))),
    ],
)
def test_the_plain_subset_is_read(body: str, value: Any) -> None:
    lines = _fenced(body)
    assert fenced_blocks(lines) == [(1, len(lines) - 2, value)]


@pytest.mark.parametrize(
    "body",
    [
        "Ava: knight  # no, a knave",  # a comment may take the value back
        "# roles\nAva: knight",
        "Ava: knight\nAva: knave",  # a duplicate key
        "Ava: &a knight\nBen: *a",  # an anchor and an alias
        "Ava: !!str knight",  # a tag
        "Ava: |\n  knight",  # a block scalar
        "Ava: knight\n    Ben: knave",  # a line indented under a value
        "Ava:\tknight",  # a tab
        'Ava: "kn\\x69ght"',  # an escape
        "house 1:\n  pet: dog\n  drink",  # a line that is not a key
        "  Ava: knight",  # indented from the start
    ],
)
def test_what_it_is_not_sure_of_is_left_as_written(body: str) -> None:
    lines = _fenced(body)
    assert fenced_blocks(lines) == []
    assert rewrite("knights", lines) == lines


def test_a_block_is_replaced_by_its_rendering_and_its_fences_go() -> None:
    lines = ["Answer:", *_fenced("knights: [Ava]\nknaves: [Ben, Cal]"), "Done."]
    assert rewrite("knights", lines) == ["Answer:", "knights: Ava", "knaves: Ben, Cal", "Done."]


@pytest.mark.parametrize(
    ("reference", "body", "status"),
    [
        (KNIGHTS, "knights:\n  - Ava\nknaves:\n  - Ben\n  - Cal", "verified"),
        (KNIGHTS, "knights:\n  - Ava\n  - Cal\nknaves:\n  - Ben", "refuted"),
        (KNIGHTS, "- name: Ava\n  role: knight\n- name: Ben\n  role: knave\n- name: Cal\n"
         "  role: knave", "verified"),
        (ZEBRA, "house 1:\n  color: red\n  pet: dog\nhouse 2:\n  color: green\n  pet: cat\nhouse 3:\n"
         "  color: blue\n  pet: fish", "verified"),
        (ZEBRA, "house 1:\n  color: red\n  pet: cat\nhouse 2:\n  color: green\n  pet: dog\nhouse 3:\n"
         "  color: blue\n  pet: fish", "refuted"),
    ],
)  # fmt: skip
def test_yaml_answers_are_judged(reference: dict[str, Any], body: str, status: str) -> None:
    assert logic_status(reference, "\n".join(_fenced(body))) == status
