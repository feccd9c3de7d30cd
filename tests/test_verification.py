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


DEEP = 100_000


# Lines built to break the reader or anything after it: each becomes one `error` line naming the line
# and why, and the lines around it are still verified.
HOSTILE_LINES = [
    # nesting beyond the JSON decoder's own limit, as the whole line and inside a field
    ("[" * DEEP + "]" * DEEP, "nests deeper"),
    (
        '{"id": "d", "prompt": "p", "reference": {"answer": "4", "x": ' + "[" * DEEP + "]" * DEEP + "}}",
        "nests",
    ),
    # nesting the decoder reads but that would reach recursive code later (ids, reference checks)
    (
        '{"id": "m", "domain": "logic", "prompt": "p", "reference": {"kind": "propositional", '
        '"atoms": ["p"], "premises": ['
        + '["not", ' * 150
        + '["var", "p"]'
        + "]" * 150
        + ']}, "response": "p"}',
        "nests deeper than 100",
    ),
    (
        '{"id": "o", "prompt": "p", "reference": ' + '{"a": ' * 150 + "1" + "}" * 150 + ', "response": "r"}',
        "nests",
    ),
    # numbers Python will not convert, and numbers that are not finite
    ('{"id": "i", "prompt": "p", "reference": {"answer": ' + "9" * 5000 + '}, "response": "r"}', "digits"),
    ('{"id": "n", "prompt": "p", "reference": {"answer": NaN}, "response": "x = 4"}', "finite"),
    ('{"id": "f", "prompt": "p", "reference": {"answer": -Infinity}, "response": "x = 4"}', "finite"),
    # lone surrogates: valid JSON escapes, but no UTF-8 output can hold them
    ('{"id": "s", "prompt": "p", "reference": {"answer": "4"}, "response": "x = 4 \\ud800"}', "surrogate"),
    ('{"id": "\\udc00", "prompt": "p", "reference": {"answer": "4"}, "response": "x = 4"}', "surrogate"),
    ('{"id": "k", "prompt": "p", "reference": {"answer": "4", "\\udfff": 1}, "response": "x"}', "surrogate"),
]


def test_any_line_becomes_a_verdict_and_the_rest_is_still_checked(tmp_path: Path, pool: WorkerPool) -> None:
    lines = [json.dumps(GOOD).encode()]
    for text, _ in HOSTILE_LINES:
        lines += [text.encode(), json.dumps(GOOD).encode()]
    out = _run(tmp_path, pool, lines)
    assert len(out) == 1 + 2 * len(HOSTILE_LINES)
    assert all(o["status"] == "verified" for o in out[::2])
    for number, ((_, reason), found) in enumerate(zip(HOSTILE_LINES, out[1::2], strict=True)):
        assert found["status"] == "error", found
        assert reason in found["evidence"] and f"line {2 * number + 2}" in found["evidence"], found
    assert out[1]["id"] == "line-2"  # an unreadable line keeps its place under a made-up id
    assert out[17]["id"] == "line-18"  # an id that cannot be written out is not written out
