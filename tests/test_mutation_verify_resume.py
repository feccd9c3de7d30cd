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


# --- what a killed run leaves on disk, progress, and the output's bytes ---------------------------


class _Peeks(_Judge):
    """Before each batch after the first, reads the resume file as a `kill -9` at that moment would
    leave it (the run's handle still open, nothing closed)."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.on_disk: list[bytes] = []

    def verify_many(self, pairs: Sequence[tuple[Problem, Candidate]], on_done: Any = None) -> list[Verdict]:
        if self.batches:
            [partial] = [p for p in self.folder.iterdir() if p.name.endswith(".partial")]
            self.on_disk.append(partial.read_bytes())
        return super().verify_many(pairs, on_done)


def test_each_finished_batch_is_on_disk_before_the_next_starts(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(_lines(600, right=True))
    judge = _Peeks(tmp_path)
    verify_jsonl(source, out, Verifiers(given={"math": judge}))
    assert len(judge.on_disk) == 2
    for batches, data in enumerate(judge.on_disk, start=1):
        assert data.endswith(b"\n")
        assert [json.loads(line)["id"] for line in data.splitlines()] == [
            f"q{i}" for i in range(256 * batches)
        ]


def _with_blanks(n: int) -> str:
    """n lines, a blank line after every 50th, and one line that is not JSON."""
    rows = _lines(n, right=True).splitlines(keepends=True)
    rows[7] = "{not json\n"
    return "".join(row + ("\n" if i % 50 == 49 else "") for i, row in enumerate(rows))


def test_progress_counts_every_line_once_fresh_or_resumed(tmp_path: Path) -> None:
    # the progress bar's total is count_lines(input): blank lines, error lines and resumed lines each
    # advance it by one, so a run, resumed or not, ends exactly at its total
    from assay.verification import count_lines

    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(_with_blanks(600))
    total = count_lines(source)
    assert total == 612
    steps: list[int] = []
    with pytest.raises(KeyboardInterrupt):
        verify_jsonl(source, out, Verifiers(given={"math": _Judge(stop_after=1)}), steps.append)
    # the first batch, and the blank lines read until the second one was full (rows 49 to 499)
    assert sum(steps) == 256 + 10
    steps.clear()
    counts = verify_jsonl(source, out, Verifiers(given={"math": _Judge()}), steps.append)
    assert counts.resumed == 256 and counts.total == 600
    assert sum(steps) == total
    steps.clear()
    out.unlink()
    verify_jsonl(source, out, Verifiers(given={"math": _Judge()}), steps.append)
    assert sum(steps) == total


def test_a_planted_resume_file_leaves_nothing_of_itself_in_the_output(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(_lines(3, right=False))
    with pytest.raises(KeyboardInterrupt):
        verify_jsonl(source, out, Verifiers(given={"math": _Judge(stop_after=0)}))
    [partial] = [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    planted = [{"id": "q0", "status": "verified"}, {"id": "q9", "status": "verified"}]
    partial.write_text("".join(json.dumps(line) + "\n" for line in planted))
    counts = verify_jsonl(source, out, Verifiers(given={"math": _Judge()}))
    assert counts.resumed == 0 and counts.refuted == 3
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(row["id"], row["status"]) for row in rows] == [(f"q{i}", "refuted") for i in range(3)]


def test_the_output_keeps_text_as_written(tmp_path: Path) -> None:
    # ids and evidence are written as UTF-8, not as \\u escapes: `grep 'é' out.jsonl` finds them
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    row = {"id": "prob-é-∑", "domain": "math", "prompt": "x + 1 = 2", "reference": {"answer": "1"}}
    source.write_text(json.dumps({**row, "response": "x = 1"}) + "\n", encoding="utf-8")
    verify_jsonl(source, out, Verifiers(given={"math": _Judge()}))
    assert "prob-é-∑".encode() in out.read_bytes()


def test_the_output_may_not_be_the_input_unless_forced(tmp_path: Path) -> None:
    from assay.errors import OutputError

    source = tmp_path / "in.jsonl"
    source.write_text(_lines(3, right=True))
    before = source.read_bytes()
    with pytest.raises(OutputError, match="input file"):
        verify_jsonl(source, source, Verifiers(given={"math": _Judge()}))
    assert source.read_bytes() == before
    verify_jsonl(source, source, Verifiers(given={"math": _Judge()}), force=True)
    assert [json.loads(line)["status"] for line in source.read_text().splitlines()] == ["verified"] * 3
