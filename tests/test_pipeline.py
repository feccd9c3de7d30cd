"""The main job: kill -9 then re-run ends with the same export (config checks: test_config_checks.py)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from assay import holds
from assay.export import card_path
from assay.workspace import Workspace

SMALL = """
[run]
workspace = "{workspace}"
seed = 3

[seed_data]
n = 600
noise = 0.05
config = {{ forms = "ax+b=c" }}

[train]
threads = 1
checkpoint_every = 40

[train.model]
n_layer = 2
n_head = 4
n_embd = 48

[train.optim]
steps = 160
batch_size = 32

[eval]
problems = 8

[generate]
config = {{ forms = "ax+b=c" }}
problems = 40
samples = 3
batch = 8
max_tokens = 48

[export]
status = "any"   # every candidate with its verdicts: the strictest comparison
"""


def _config(tmp_path: Path, name: str) -> Path:
    """The run's config, and its workspace made beforehand with a verification limit no load reaches.

    The two runs compare byte for byte, verdicts included; with the default 2 s per candidate a busy
    machine can turn one candidate's `refuted` into `timeout` in one run only (a right verdict, but not
    the one this test is about), so the limit is set far beyond any candidate's real checking time.
    """
    workspace = tmp_path / name
    Workspace.init(workspace)
    settings = workspace / "assay.toml"
    text = settings.read_text()
    assert "timeout = 2.0" in text
    settings.write_text(text.replace("timeout = 2.0", "timeout = 600.0", 1))
    path = tmp_path / f"{name}.toml"
    path.write_text(SMALL.format(workspace=workspace))
    return path


def _run(config: Path, name: str = "", hold_at: str = "") -> subprocess.Popen[bytes]:
    """Start `assay run config`; its output goes to config's .out and .err files (name: a suffix). With
    hold_at, the run stops at that point (`assay.holds`) and waits there to be killed."""
    out, err = config.with_suffix(f".out{name}"), config.with_suffix(f".err{name}")
    environment = {**os.environ, holds.ENVIRONMENT: hold_at} if hold_at else None
    with out.open("wb") as stdout, err.open("wb") as stderr:  # the child keeps its own copies
        return subprocess.Popen(
            [sys.executable, "-m", "assay", "run", str(config)],
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
            env=environment,
        )


def _held(process: subprocess.Popen[bytes], config: Path, name: str, point: str) -> None:
    """Wait until the run says it is held at point; fail if it ended first."""
    err = config.with_suffix(f".err{name}")
    _wait_for(lambda: f"held at {point}" in err.read_text(errors="replace") or process.poll() is not None)
    assert process.poll() is None, f"the run ended before reaching {point}: {err.read_text()[-2000:]}"


def _checkpoint_step(path: Path) -> int:
    import torch

    return int(torch.load(path, map_location="cpu", weights_only=False)["step"])


def _finished(process: subprocess.Popen[bytes], config: Path, name: str = "") -> str:
    """Wait for process; '' when it exited 0, else its exit code and the end of its stderr."""
    process.wait(timeout=600)
    err = config.with_suffix(f".err{name}").read_text(errors="replace")
    return "" if process.returncode == 0 else f"exit {process.returncode}: {err[-2000:]}"


def _wait_for(condition, timeout: float = 240) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("the run never reached the point to kill it at")


def _attempts(workspace: Path) -> int:
    try:
        with sqlite3.connect(workspace / "assay.db", timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM attempts").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_kill_9_then_rerun_gives_the_same_export(tmp_path: Path) -> None:
    # the uninterrupted run goes side by side with the killed ones (one torch thread each: two cores)
    straight_config = _config(tmp_path, "straight")
    straight = _run(straight_config)

    try:
        config = _config(tmp_path, "killed")
        workspace = tmp_path / "killed"
        model = workspace / "artifacts" / "models" / "v1.pt"
        # first kill: while training, after a checkpoint was written (held there: no race with the run)
        first = _run(config, "1", holds.TRAIN_CHECKPOINT)
        _held(first, config, "1", holds.TRAIN_CHECKPOINT)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
        assert first.returncode == -signal.SIGKILL, "the first run ended before the kill landed"
        step = _checkpoint_step(model)
        assert 0 < step < 160  # killed mid-training
        # second kill: in the middle of generation; training went on from the checkpoint, not from zero
        second = _run(config, "2", holds.GENERATE_ATTEMPTS)
        _held(second, config, "2", holds.GENERATE_ATTEMPTS)
        os.killpg(second.pid, signal.SIGKILL)
        second.wait()
        assert second.returncode == -signal.SIGKILL, "the second run ended before the kill landed"
        assert f"train: resuming from step {step}" in config.with_suffix(".out2").read_text()
        assert 0 < _attempts(workspace) < 40 * 3  # killed mid-generation: some samples, not all
        # and then to the end, without training again
        assert _finished(_run(config, "3"), config, "3") == ""
        assert "train: resuming" not in config.with_suffix(".out3").read_text()
        assert _finished(straight, straight_config) == ""
    finally:
        if straight.poll() is None:  # (a failure above: leave no run behind)
            os.killpg(straight.pid, signal.SIGKILL)
            straight.wait()

    a = (tmp_path / "straight" / "artifacts" / "exports" / "generation-1.jsonl").read_bytes()
    b = (workspace / "artifacts" / "exports" / "generation-1.jsonl").read_bytes()
    assert a == b
    lines = a.splitlines()
    assert lines and len(set(lines)) == len(lines)  # no duplicates
    texts = [tuple(m["content"] for m in json.loads(line)["messages"]) for line in lines]
    assert len(set(texts)) == len(texts)  # the export stage's gates dropped repeated samples
    card = card_path(workspace / "artifacts" / "exports" / "generation-1.jsonl").read_text()
    assert "exact duplicates removed:" in card and "generation: 1" in card
