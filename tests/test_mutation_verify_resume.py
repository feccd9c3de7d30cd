"""`assay verify file` resumes only the very input it was verifying: the resume key covers the input's
bytes, not just its ids. Same ids with other responses (a regenerated file under the old name) must be
verified again, or verdicts of the old responses would be passed off as verdicts of the new ones."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from assay.records import Candidate, Problem, Status, Verdict
from assay.verification import Verifiers, verify_jsonl


class _Judge:
    """Verified when the response states the reference answer; interrupts after `stop_after` batches."""

    id = "judge@1"

    def __init__(self, stop_after: int | None = None) -> None:
        self.stop_after, self.batches, self.seen = stop_after, 0, 0

    def verify_many(self, pairs: Sequence[tuple[Problem, Candidate]], on_done: Any = None) -> list[Verdict]:
        if self.stop_after is not None and self.batches >= self.stop_after:
            raise KeyboardInterrupt  # as if Ctrl-C came between two batches
        self.batches += 1
        self.seen += len(pairs)
        return [
            Verdict(
                candidate.id,
                self.id,
                Status.VERIFIED
                if candidate.text.strip() == f"x = {problem.reference['answer']}"
                else Status.REFUTED,
                "judged",
            )
            for problem, candidate in pairs
        ]

    def close(self) -> None:
        pass


def _lines(n: int, right: bool) -> str:
    rows = [
        {
            "id": f"q{i}",
            "domain": "math",
            "prompt": f"Solve for x: x + {i} = {2 * i}",
            "reference": {"answer": str(i)},
            "response": f"x = {i if right else i + 1}",
        }
        for i in range(n)
    ]
    return "".join(json.dumps(row) + "\n" for row in rows)


def test_the_same_ids_with_other_responses_are_verified_again(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(_lines(300, right=True))
    with pytest.raises(KeyboardInterrupt):  # one batch of 256 verdicts on disk, then interrupted
        verify_jsonl(source, out, Verifiers(given={"math": _Judge(stop_after=1)}))
    source.write_text(_lines(300, right=False))  # same ids, every response now wrong
    judge = _Judge()
    counts = verify_jsonl(source, out, Verifiers(given={"math": judge}))
    assert counts.resumed == 0 and judge.seen == 300
    statuses = [json.loads(line)["status"] for line in out.read_text().splitlines()]
    assert statuses == ["refuted"] * 300


def test_the_same_input_resumes(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(_lines(300, right=True))
    with pytest.raises(KeyboardInterrupt):
        verify_jsonl(source, out, Verifiers(given={"math": _Judge(stop_after=1)}))
    judge = _Judge()
    counts = verify_jsonl(source, out, Verifiers(given={"math": judge}))
    assert counts.resumed == 256 and judge.seen == 300 - 256
    statuses = [json.loads(line)["status"] for line in out.read_text().splitlines()]
    assert statuses == ["verified"] * 300
