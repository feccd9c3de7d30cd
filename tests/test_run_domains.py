"""`assay run` for every domain: examples/code.toml and examples/logic.toml beside the math quickstart,
each run seed → train → eval → generate → verify → export at tiny size, with a funnel that matches the
store: what it says was verified is what the domain's verifier said, and what it says was exported is
what the export holds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.run_small import run_small

EXAMPLES = Path(__file__).parent.parent / "examples"


def _export(workspace: Path, out: Path, *options: str) -> list[dict[str, object]]:
    command = [sys.executable, "-m", "assay", "export", "jsonl", "-w", str(workspace), "--out", str(out)]
    result = subprocess.run([*command, *options], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in out.read_text().splitlines()]


def _verified_by(row: dict[str, object], verifier: str) -> bool:
    provenance = row["provenance"]
    assert isinstance(provenance, dict)
    return any(v["verifier"] == verifier and v["status"] == "verified" for v in provenance["verdicts"])


@pytest.mark.parametrize(
    ("example", "domain", "verifier"),
    [
        ("code.toml", "code", "code-tests@22"),
        ("logic.toml", "logic", "logic-steps@20"),
    ],
)
def test_every_domain_runs_end_to_end(tmp_path: Path, example: str, domain: str, verifier: str) -> None:
    workspace = tmp_path / "ws"
    # short samples and small batches: what is checked is the funnel against the store, not quality
    funnel = run_small(
        (EXAMPLES / example).read_text(),
        workspace,
        values={"train.optim.batch_size": "8", "generate.max_tokens": "48"},
    )
    assert funnel["requested"] == 12 and funnel["generated"] == 12

    # the seed data (the tasks' reference solutions) went through the domain's verifier and all pass:
    # the pipeline verified this domain, and export selects it by default
    seed_rows = _export(workspace, tmp_path / "seed.jsonl", "--generation", "0", "--no-dedup")
    assert len(seed_rows) == 100
    assert all(r["provenance"]["domain"] == domain and _verified_by(r, verifier) for r in seed_rows)

    # the funnel is what the store holds: its verified count is the verifier's, its export the file's
    every = _export(workspace, tmp_path / "all.jsonl", "--generation", "1", "--status", "any", "--no-dedup")
    assert len(every) == funnel["generated"]
    assert all(r["provenance"]["verdicts"] for r in every)  # every candidate has a verdict
    assert sum(_verified_by(r, verifier) for r in every) == funnel["verified"]
    written = workspace / "artifacts" / "exports" / "generation-1.jsonl"
    rows = [json.loads(line) for line in written.read_text().splitlines()]
    assert len(rows) == funnel["exported"] <= funnel["verified"]
    assert all(_verified_by(r, verifier) for r in rows)
    card = (workspace / "artifacts" / "exports" / "generation-1.jsonl.README.md").read_text()
    assert "selected by each domain's own verifier" in card
