"""The same config and seed give byte-identical exports under `--engine local` and `--engine ray`, for
math, code and logic; `assay verify file` gives identical verdict files. With CI=true a missing Ray is
a failure (require_module), so CI proves it on a real local Ray.

Both runs of a pair use the same config but for the workspace's folder (whose name no output holds),
and run side by side. The Ray runs join the test session's Ray (`--ray-address`) with two workers of
their own, which also proves the join path. The verification limits are raised far above what any item
needs, so a loaded machine never turns a verdict into a `timeout` under one engine only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assay.workspace import Workspace
from tests.conftest import require_module
from tests.run_small import TINY, shrink

require_module("ray")

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
GENEROUS = 120.0  # seconds per candidate, in [verify] and [sandbox]: never reached by a right verdict


# smaller still than run_small's TINY: what is compared is every record either engine made, not quality
SMALL = {
    **TINY,
    "seed_data.n": "40",
    "train.optim.batch_size": "8",
    "eval.problems": "2",
    "generate.problems": "4",
    "generate.max_tokens": "48",
}


def _start(args: list[str], ray_address: str = "") -> subprocess.Popen[str]:
    """`assay ARGS`; with ray_address, in RAY_ADDRESS (as `ray job submit` names a job's cluster)."""
    environment = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}
    if ray_address:
        environment["RAY_ADDRESS"] = ray_address
    return subprocess.Popen(
        [sys.executable, "-m", "assay", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=environment,
    )


def _finish(process: subprocess.Popen[str]) -> None:
    stdout, stderr = process.communicate(timeout=900)
    assert process.returncode == 0, stderr[-3000:] + stdout[-3000:]


def _both(commands: dict[str, list[str]], ray_address: str = "") -> None:
    """The commands side by side (each is mostly one core's work; the machine has two); the one named
    "ray" gets ray_address in its environment, if given."""
    running = {name: _start(args, ray_address if name == "ray" else "") for name, args in commands.items()}
    for process in running.values():
        _finish(process)


def _workspace(example: str, workspace: Path) -> Path:
    """A fresh workspace with generous limits and the example's config at small size; the config's path."""
    Workspace.init(workspace)
    settings = workspace / "assay.toml"
    text = settings.read_text()
    loosened = text.replace("timeout = 2.0", f"timeout = {GENEROUS}").replace(
        "timeout = 5.0", f"timeout = {GENEROUS}"
    )
    assert loosened.count(f"timeout = {GENEROUS}") == 2, "the workspace template changed: raise its limits"
    settings.write_text(loosened)
    config = workspace.with_suffix(".toml")
    config.write_text(shrink(example, {**SMALL, "run.workspace": json.dumps(str(workspace))}))
    return config


def _export_all(workspace: Path, folder: Path) -> list[str]:
    out = folder / "everything.jsonl"
    return ["export", "jsonl", "-w", str(workspace), "--status", "any", "--no-dedup", "--out", str(out)]


def _verify_file(source: Path, out: Path, engine: list[str]) -> list[str]:
    return ["verify", "file", str(source), "--out", str(out), "--timeout", str(GENEROUS), *engine]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
@pytest.mark.parametrize("example", ["quickstart.toml", "code.toml", "logic.toml"])
def test_run_exports_the_same_bytes_under_both_engines(
    example: str, ray_address: str, tmp_path: Path
) -> None:
    text = (EXAMPLES / example).read_text()
    engines = {
        "local": ["--engine", "local"],
        "ray": ["--engine", "ray", "--ray-address", ray_address, "--workers", "2"],
    }
    # the same workspace name under two folders: nothing in a run's output names its folder
    configs = {name: _workspace(text, tmp_path / name / "ws") for name in engines}
    _both({name: ["run", str(configs[name]), *engines[name]] for name in engines})
    # and every record each run made: the seed data, the model's samples, every verdict, all statuses
    _both({name: _export_all(configs[name].with_suffix(""), tmp_path / name) for name in engines})
    local = _files(tmp_path / "local" / "ws" / "artifacts" / "exports")
    ray = _files(tmp_path / "ray" / "ws" / "artifacts" / "exports")
    assert sorted(ray) == sorted(local) and "generation-1.jsonl" in local
    for name in local:
        assert ray[name] == local[name], f"{name} differs between the local and the ray engine"
    everything = (tmp_path / "local" / "everything.jsonl").read_bytes()
    assert (tmp_path / "ray" / "everything.jsonl").read_bytes() == everything
    rows = [json.loads(line) for line in everything.splitlines()]
    generations = {row["provenance"]["generation"] for row in rows}
    assert len(rows) > 40 and generations == {0, 1}, generations  # seeds and samples, all compared


def _mixed_outputs(folder: Path) -> Path:
    """The example outputs and a slice of every domain's corpus, copied once (the corpus may change)."""
    lines = (EXAMPLES / "model_outputs.jsonl").read_text().splitlines()
    for path in sorted((ROOT / "tests" / "corpus").glob("*/*.jsonl")):
        lines += path.read_text().splitlines()[:3]
    source = folder / "outputs.jsonl"
    source.write_text("\n".join(line for line in lines if line.strip()) + "\n")
    return source


@pytest.mark.slow
def test_verify_file_writes_the_same_verdicts_under_both_engines(ray_address: str, tmp_path: Path) -> None:
    source = _mixed_outputs(tmp_path)
    engines = {
        "local": ["--engine", "local"],
        "ray": ["--engine", "ray", "--workers", "2"],  # the cluster named by RAY_ADDRESS, as in a Ray job
    }
    _both(
        {name: _verify_file(source, tmp_path / f"{name}.jsonl", engine) for name, engine in engines.items()},
        ray_address,
    )
    outputs = {name: (tmp_path / f"{name}.jsonl").read_bytes() for name in engines}
    assert outputs["ray"] == outputs["local"]
    statuses = [json.loads(line)["status"] for line in outputs["local"].splitlines()]
    assert len(statuses) == len(source.read_text().splitlines())
    assert "verified" in statuses and len(set(statuses)) > 1  # a real mix, not one answer for everything
