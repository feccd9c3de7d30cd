"""The CLI as a new user runs it: real subprocesses, real workspace."""

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from tests.conftest import postgres_schema


def assay(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assay", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_help_has_examples() -> None:
    result = assay("--help")
    assert result.returncode == 0
    assert "assay init my-run" in result.stdout
    for group in ("tasks", "generate", "verify", "export", "show", "init"):
        assert group in result.stdout
    assert "Example" in assay("verify", "file", "--help").stdout


def test_tasks_list_shows_five_math_tasks() -> None:
    out = assay("tasks", "list").stdout
    for name in ("linear", "arithmetic", "quadratic", "system", "game24"):
        assert name in out
    assert "max_coef" in out


def test_generate_verify_export_show(tmp_path: Path) -> None:
    ws = str(tmp_path / "run")
    assert assay("init", ws).returncode == 0
    gen = assay("generate", "problems", "-w", ws, "--task", "linear", "--n", "300", "--seed", "1")
    assert gen.returncode == 0, gen.stderr
    assert "300 problems generated" in gen.stdout
    assert "generating" in gen.stderr  # the progress bar is on stderr
    again = assay("generate", "problems", "-w", ws, "--task", "quadratic", "--n", "100", "--seed", "1")
    assert again.returncode == 0
    stored = _count(ws)
    assert 380 <= stored <= 400  # a few procedural problems repeat; ids make them one row
    verified = assay("verify", "-w", ws)
    assert verified.returncode == 0, verified.stderr
    assert f"{stored} checked: {stored} verified" in verified.stdout
    resumed = assay("verify", "-w", ws)
    assert "0 checked" in resumed.stdout  # nothing left to do
    out_jsonl = tmp_path / "v.jsonl"
    exported = assay("export", "jsonl", "-w", ws, "--out", str(out_jsonl))
    assert exported.returncode == 0, exported.stderr
    deduped = len(out_jsonl.read_text().splitlines())
    card = (tmp_path / "v.jsonl.README.md").read_text()
    assert 0.8 * stored < deduped < stored  # one-digit-apart problems are near-duplicates of each other
    assert f"near-duplicates removed (MinHash LSH, Jaccard ≥ 0.85): {stored - deduped}" in card
    everything = assay("export", "jsonl", "-w", ws, "--out", str(out_jsonl), "--no-dedup")
    assert everything.returncode == 0, everything.stderr
    rows = [json.loads(line) for line in out_jsonl.read_text().splitlines()]
    assert len(rows) == stored
    assert [m["role"] for m in rows[0]["messages"]] == ["user", "assistant"]
    assert rows[0]["provenance"]["verdicts"][0]["status"] == "verified"
    out_parquet = tmp_path / "v.parquet"
    assert assay("export", "parquet", "-w", ws, "--out", str(out_parquet), "--no-dedup").returncode == 0
    table = pq.read_table(out_parquet)
    assert table.num_rows == stored and table.column_names == ["messages", "provenance"]
    shown = json.loads(assay("show", rows[0]["provenance"]["candidate_id"], "-w", ws).stdout)
    assert shown["kind"] == "candidate" and shown["verdicts"][0]["status"] == "verified"


def test_verify_file(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps(
            {
                "id": "1",
                "domain": "math",
                "prompt": "Solve for x: 2x + 5 = 13",
                "reference": {"answer": "4"},
                "response": "2x = 8\nx = 4",
            }
        )
        + "\nnot json\n"
    )
    result = assay("verify", "file", str(source), "--out", str(tmp_path / "out.jsonl"))
    assert result.returncode == 0, result.stderr
    statuses = [json.loads(line)["status"] for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert statuses == ["verified", "error"]
    assert "verifying" in result.stderr


def test_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    missing = assay("verify", "-w", str(tmp_path / "nowhere"))
    assert missing.returncode == 1
    assert "not an assay workspace" in missing.stderr and "Traceback" not in missing.stderr
    assay("init", str(tmp_path / "w"))
    bad = assay(
        "generate", "problems", "-w", str(tmp_path / "w"), "--task", "linear", "--config", '{"nope": 1}'
    )
    assert bad.returncode == 1 and "'nope'" in bad.stderr and "Traceback" not in bad.stderr
    unknown = assay("generate", "problems", "-w", str(tmp_path / "w"), "--task", "calculus")
    assert unknown.returncode == 1 and "known:" in unknown.stderr
    (tmp_path / "w" / "assay.toml").write_text("[verify]\ntimeout = -1\n")
    broken = assay("verify", "-w", str(tmp_path / "w"))
    assert broken.returncode == 1 and "timeout" in broken.stderr


def test_workspace_on_postgres(tmp_path: Path, postgres_url: str) -> None:
    with postgres_schema(postgres_url) as url:  # its own schema, so the counts are this test's alone
        ws = str(tmp_path / "pg")
        created = assay("init", ws, "--database", url)
        assert created.returncode == 0, created.stderr
        made = assay("generate", "problems", "-w", ws, "--task", "system", "--n", "50", "--seed", "99")
        assert made.returncode == 0, made.stderr
        verified = assay("verify", "-w", ws, "--redo")
        assert verified.returncode == 0, verified.stderr
        # every reference trace verifies: the summary's numbers, not just its words
        assert "50 checked: 50 verified, 0 refuted, 0 unknown, 0 error, 0 timeout" in verified.stdout
        assert _count(ws) == 50


def _count(ws: str) -> int:
    from assay.workspace import Workspace

    store = Workspace.open(ws).store()
    try:
        return store.count("candidates")
    finally:
        store.close()


def test_model_train_and_eval(tmp_path: Path) -> None:
    data = tmp_path / "sft.jsonl"
    rows = [
        {"prompt": f"Solve for x: x + {i} = {2 * i}", "response": f"x={2 * i}-{i}={i}"} for i in range(40)
    ]
    rows.append(
        {
            "messages": [
                {"role": "user", "content": "Solve for x: x + 1 = 3"},
                {"role": "assistant", "content": "x=3-1=2"},
            ]
        }
    )
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "m.pt"
    trained = assay(
        "model",
        "train",
        "--data",
        str(data),
        "--out",
        str(out),
        "--steps",
        "20",
        "--width",
        "16",
        "--layers",
        "1",
        "--threads",
        "1",
    )
    assert trained.returncode == 0, trained.stderr
    assert out.exists() and "held-out NLL" in trained.stdout
    evaluated = assay("model", "eval", "--model", str(out), "--n", "5", "--max-tokens", "8")
    assert evaluated.returncode == 0, evaluated.stderr
    assert "exact-answer accuracy" in evaluated.stdout and "NLL" in evaluated.stdout
    neither = assay("model", "train", "--out", str(tmp_path / "y.pt"))
    assert neither.returncode == 2 and "exactly one" in neither.stderr
    data.write_text("{broken\n")
    bad = assay("model", "train", "--data", str(data), "--out", str(tmp_path / "x.pt"), "--steps", "2")
    assert bad.returncode == 1 and "line 1" in bad.stderr and "Traceback" not in bad.stderr
