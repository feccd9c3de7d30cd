"""Small puzzles with one solution each, shared by the logic tests (the references a response is checked
against), with their right answers where several tests write the same one."""

from __future__ import annotations

from typing import Any

from assay.domains.logic.check import check_logic_job


def logic_status(reference: dict[str, Any], response: str, prompt: str | None = None) -> str:
    """The status check_logic_job gives response against reference (and the puzzle's prompt, if given)."""
    job = {"reference": reference, "response": response}
    if prompt is not None:
        job["prompt"] = prompt
    return str(check_logic_job(job)["status"])


KNIGHTS: dict[str, Any] = {
    "kind": "knights",
    "people": ["Ava", "Ben", "Cal"],
    "statements": {
        "Ava": ["var", "Ben", "knave"],
        "Ben": ["iff", ["var", "Ava", "knight"], ["var", "Cal", "knight"]],
        "Cal": ["and", ["var", "Ava", "knave"], ["var", "Ben", "knight"]],
    },
}  # the one solution: Ava knight, Ben knave, Cal knave
KNIGHTS_ANSWER = "Ava is a knight, Ben is a knave, Cal is a knave."

# Tess: "Cleo is a knight iff Hana is a knight"; Cleo: "if Hana is a knight then Tess is a knight"; Hana:
# "Tess is a knight and Tess is a knave" (assay's own generator, seed 3)
KNIGHTS_CAL: dict[str, Any] = {
    "kind": "knights",
    "people": ["Ava", "Ben", "Cal"],
    "statements": {
        "Ava": ["var", "Ben", "knave"],
        "Ben": ["and", ["var", "Ava", "knight"], ["var", "Ben", "knight"]],
        "Cal": ["var", "Ava", "knight"],
    },
}  # the one solution: Ava knight, Ben knave, Cal knight
KNIGHTS_CAL_ANSWER = "\nAnswer: Ava is a knight, Ben is a knave, Cal is a knight."

KNIGHTS_THREE: dict[str, Any] = {
    "kind": "knights",
    "people": ["Tess", "Cleo", "Hana"],
    "statements": {
        "Tess": ["iff", ["var", "Cleo", "knight"], ["var", "Hana", "knight"]],
        "Cleo": ["implies", ["var", "Hana", "knight"], ["var", "Tess", "knight"]],
        "Hana": ["and", ["var", "Tess", "knight"], ["var", "Tess", "knave"]],
    },
}  # the one solution: Tess knave, Cleo knight, Hana knave
KNIGHTS_THREE_ANSWER = "Answer: Tess is a knave, Cleo is a knight, Hana is a knave."

ZEBRA: dict[str, Any] = {
    "kind": "zebra",
    "houses": 3,
    "attributes": {"color": ["red", "green", "blue"], "pet": ["dog", "cat", "fish"]},
    "clues": [
        ["position", ["color", "red"], 1],
        ["position", ["color", "green"], 2],
        ["same", ["pet", "dog"], ["color", "red"]],
        ["same", ["pet", "cat"], ["color", "green"]],
    ],
}  # 1 red dog, 2 green cat, 3 blue fish: the order the puzzle lists its values in

NONOGRAM: dict[str, Any] = {
    "kind": "nonogram",
    "rows": [[2], [1], [3]],
    "cols": [[1, 1], [1, 1], [2]],
}  # ##. / ..# / ###

# a 9×9 sudoku (the Wikipedia example) and its solution, as 81 characters each
SUDOKU_PUZZLE = "53..7....6..195....98....6.8...6...34..8.3..17...2...6.6....28....419..5....8..79"
SUDOKU_SOLUTION = "534678912672195348198342567859761423426853791713924856961537284287419635345286179"


def grid(digits: str, sep: str = " ") -> str:
    """81 digits as nine rows of nine, cells separated by `sep`."""
    return "\n".join(sep.join(digits[r * 9 : (r + 1) * 9]) for r in range(9))
