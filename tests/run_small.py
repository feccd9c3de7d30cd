"""Run an `assay run` config at tiny size and read back its funnel (shared by the every-domain tests and
the plugin test). Not a test module: helpers only."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

# every count and size cut down so the whole run takes seconds of training; what the run does is unchanged
TINY = {
    "seed_data.n": "100",
    "train.threads": "1",
    "train.model.n_layer": "1",
    "train.model.n_embd": "32",
    "train.optim.steps": "20",
    "train.optim.warmup": "5",
    "eval.problems": "5",
    "generate.problems": "6",
    "generate.samples": "2",
}


def shrink(text: str, values: dict[str, str]) -> str:
    """The TOML text with `key = value` replaced for each "section.key" in values (each must occur)."""
    out, section, seen = [], "", set()
    for line in text.splitlines():
        header = re.match(r"^\[([^\]]+)\]", line)
        if header:
            section = header.group(1)
        key = re.match(r"^(\w+)\s*=", line)
        if key and f"{section}.{key.group(1)}" in values:
            seen.add(f"{section}.{key.group(1)}")
            line = f"{key.group(1)} = {values[f'{section}.{key.group(1)}']}"
        out.append(line)
    missing = set(values) - seen
    assert not missing, f"not in the config: {sorted(missing)}"
    return "\n".join(out) + "\n"


def run_small(
    example: str, workspace: Path, env: dict[str, str] | None = None, values: dict[str, str] | None = None
) -> dict[str, int]:
    """`assay run` on the example at tiny size (and values) into workspace; the funnel's counts."""
    config = workspace.with_suffix(".toml")
    config.write_text(
        shrink(example, {**TINY, **(values or {}), "run.workspace": json.dumps(str(workspace))})
    )
    result = subprocess.run(
        [sys.executable, "-m", "assay", "run", str(config)],
        capture_output=True,
        text=True,
        timeout=900,
        env=env if env is not None else dict(os.environ),
    )
    assert result.returncode == 0, result.stderr[-3000:] + result.stdout[-3000:]
    counts = {}
    for name in ("requested", "generated", "verified", "exported"):
        found = re.search(rf"^\s+{name}\s+(\d+)", result.stdout, re.MULTILINE)
        assert found, result.stdout
        counts[name] = int(found.group(1))
    return counts
