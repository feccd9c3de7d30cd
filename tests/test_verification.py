"""`verify_jsonl`: any JSONL of model outputs, malformed lines included."""

import json
from pathlib import Path

from assay.verification import Verifiers, verify_jsonl
from assay.workers import WorkerPool

GOOD = {
    "id": "a",
    "domain": "math",
    "prompt": "Solve for x: 2x + 5 = 13",
    "reference": {"answer": "4"},
    "response": "2x + 5 - 5 = 13 - 5\n2x = 8\nx = 8/2 = 4\nVerify: 2(4) + 5 = 13",
}
WRONG = {**GOOD, "id": "b", "response": "2x = 8\nx = 3"}
ROOTS = {
    "id": "c",
    "prompt": "Solve x^2 - 5x + 6 = 0",
    "reference": {"answer": "x = 2, x = 3"},
    "response": "(x - 2)(x - 3) = 0\nx = 2 or x = 3",
}


def _run(tmp_path: Path, pool: WorkerPool, lines: list[bytes]) -> list[dict]:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    destination = tmp_path / "out.jsonl"
    verify_jsonl(source, destination, Verifiers(pool=pool))
    assert not (tmp_path / "out.jsonl.partial").exists()
    return [json.loads(line) for line in destination.read_text().splitlines()]


def test_output_format_and_order(tmp_path: Path, pool: WorkerPool) -> None:
    out = _run(tmp_path, pool, [json.dumps(r).encode() for r in (GOOD, WRONG, ROOTS)])
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert [o["status"] for o in out] == ["verified", "refuted", "verified"]
    assert set(out[0]) == {"id", "status", "steps", "first_error_step", "evidence", "verifier"}
    assert out[0]["first_error_step"] is None
    assert out[1]["first_error_step"] == 2
    assert out[0]["steps"][0] == {
        "index": 1,
        "status": "verified",
        "evidence": out[0]["steps"][0]["evidence"],
    }
    assert out[0]["verifier"] == "math-steps@1"


def test_malformed_lines_become_error_lines_and_the_rest_is_processed(
    tmp_path: Path, pool: WorkerPool
) -> None:
    lines = [
        b'{"id": "x", "prompt": "Solve for x: 2x = 4", "reference": {"answer": "2"}',  # broken JSON
        b"[1, 2, 3]",
        json.dumps({"id": "y", "prompt": "p", "response": "r"}).encode(),  # no reference
        json.dumps(
            {"id": "z", "domain": "chemistry", "prompt": "p", "reference": {"answer": "1"}, "response": "r"}
        ).encode(),
        b"",
        b'{"id": "bad-utf8", "prompt": "Solve for x: 2x = 4", "reference": {"answer": "2"}, '
        b'"response": "x = \xff\xfe"}',
        json.dumps(GOOD).encode(),
    ]
    out = _run(tmp_path, pool, lines)
    assert [o["status"] for o in out] == ["error", "error", "error", "error", "unknown", "verified"]
    assert "line 1" in out[0]["evidence"] and "JSON" in out[0]["evidence"]
    assert "line 2" in out[1]["evidence"]
    assert out[2]["id"] == "y" and "reference" in out[2]["evidence"]
    assert "chemistry" in out[3]["evidence"]
    assert out[4]["id"] == "bad-utf8"
