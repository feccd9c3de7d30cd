"""The logic corpus through `check_logic_job` in this process: every correct item verified, every wrong
or crafted one not. The corpus runner (tests/corpus) checks the same labels through `assay verify
file`; this path has no worker pool or sandbox to start, so the mutation target `logic-verdicts`
(tools/mutation.py) can run it once per mutant of check.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assay.domains.logic.check import check_logic_job, count_solutions_job
from tests.domains.logic import puzzles

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "logic"


def _items() -> list[Any]:
    found = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                row = json.loads(line)
                found.append(pytest.param(row, id=f"{path.stem}:{number}"))
    return found


ITEMS = _items()


KNIGHTS = {
    "kind": "knights",
    "people": ["Ava", "Ben"],
    "statements": {"Ava": ["var", "Ben", "knave"], "Ben": ["var", "Ava", "knave"]},
}  # two solutions: Ava knight and Ben knave, or the other way round
BOTH_KNAVES = ["and", ["var", "Ava", "knave"], ["var", "Ben", "knave"]]  # "we are both knaves"


@pytest.mark.parametrize(
    ("statements", "solutions", "words"),
    [
        (KNIGHTS["statements"], 2, "more than one solution"),
        ({"Ava": BOTH_KNAVES, "Ben": ["var", "Ben", "knight"]}, 1, "exactly one solution"),
        ({"Ava": ["var", "Ava", "knave"], "Ben": ["var", "Ben", "knight"]}, 0, "no solution"),
        ("Ava", None, "bad puzzle"),
    ],
)
def test_solutions_are_counted(statements: Any, solutions: int | None, words: str) -> None:
    counted = count_solutions_job({"reference": {**KNIGHTS, "statements": statements}})
    assert counted["solutions"] == solutions and words in counted["evidence"]


# --- the verdict's own rules, on a small knights puzzle ----------------------------------------------


def _job(reference: dict[str, Any], response: str) -> dict[str, Any]:
    return check_logic_job({"reference": reference, "response": response})


@pytest.mark.parametrize(
    ("statements", "response"),
    [
        # two solutions: an answer that fits one of them proves nothing
        (KNIGHTS["statements"], "Answer: Ava is a knight, Ben is a knave."),
        # no solution: nothing can be verified against it
        (
            {"Ava": ["var", "Ava", "knave"], "Ben": ["var", "Ben", "knight"]},
            "Answer: Ava is a knight, Ben is a knight.",
        ),
    ],
)
def test_a_puzzle_that_is_not_uniquely_solvable_is_unknown(statements: Any, response: str) -> None:
    assert _job({**KNIGHTS, "statements": statements}, response)["status"] == "unknown"


def test_a_response_over_the_length_limit_is_not_read() -> None:
    from assay.domains.logic.check import MAX_RESPONSE

    at_limit = puzzles.KNIGHTS_ANSWER + " " * (MAX_RESPONSE - len(puzzles.KNIGHTS_ANSWER))
    assert _job(puzzles.KNIGHTS, at_limit)["status"] == "verified"
    assert _job(puzzles.KNIGHTS, at_limit + " ")["status"] == "unknown"


def test_a_line_is_as_bad_as_its_worst_clause_and_steps_count_from_one() -> None:
    # a wrong claim and a right one on one line: the line is refuted whatever comes after it
    result = _job(puzzles.KNIGHTS, f"Ben is a knight. Ava is a knight.\n\nAnswer: {puzzles.KNIGHTS_ANSWER}")
    assert result["status"] == "refuted"
    assert (result["steps"][0]["index"], result["steps"][0]["status"]) == (1, "refuted")
    assert [s["index"] for s in result["steps"]] == list(range(1, len(result["steps"]) + 1))
    assert "step 1 is refuted" in result["evidence"]


def test_a_bad_reference_is_an_error() -> None:
    assert _job({"kind": "knights", "people": "Ava"}, puzzles.KNIGHTS_ANSWER)["status"] == "error"


def test_a_lines_evidence_is_its_first_worst_clause_and_an_assumption_says_so() -> None:
    result = _job(puzzles.KNIGHTS, f"Ben is a knight. Cal is a knight.\n\nAnswer: {puzzles.KNIGHTS_ANSWER}")
    assert result["steps"][0]["evidence"].startswith("Ben = knight does not follow")
    result = _job(
        puzzles.KNIGHTS,
        f"Suppose Ava is a knave.\nThen Ben is a knight.\nSo Ava is a knight.\n{puzzles.KNIGHTS_ANSWER}",
    )
    assert result["status"] == "verified"
    assert result["steps"][0] == {"index": 1, "status": "no_claim", "evidence": "an assumption (not a claim)"}
    assert result["evidence"].endswith("; 3 steps entailed")


@pytest.mark.parametrize(
    ("answer", "evidence"),
    [
        ("Ava is a knave, Ben is a knave, Cal is a knave.", "Ava cannot be a knave (and 1 more)"),
        ("Ava is a knave, Ben is a knight, Cal is a knight.", "Ben cannot be a knight"),
    ],
)
def test_a_wrong_answer_names_the_first_broken_statement_and_counts_the_rest(
    answer: str, evidence: str
) -> None:
    result = _job(puzzles.KNIGHTS, f"Answer: {answer}")
    assert result["status"] == "refuted" and result["evidence"].endswith(evidence), result["evidence"]


# --- the corpus, last (its 750 items take longest) ---------------------------------------------------


def test_the_corpus_is_there() -> None:
    assert len(ITEMS) >= 300


@pytest.mark.parametrize("row", ITEMS)
def test_the_verdict_respects_the_label(row: dict[str, Any]) -> None:
    # the prompt too, as `assay verify file` passes it (knights statements cited by number need it)
    result = check_logic_job(
        {"reference": row["reference"], "response": row["response"], "prompt": row.get("prompt", "")}
    )
    statuses = {step["status"] for step in result["steps"]}
    assert statuses <= {"verified", "refuted", "unknown", "no_claim"}
    if row["expect"] == "rejected":
        assert result["status"] != "verified", result["evidence"]
    elif "known_gap" not in row:
        assert result["status"] == "verified", result["evidence"]
        # a verified verdict has no refuted or unknown step
        assert statuses <= {"verified", "no_claim"}, result["steps"]
