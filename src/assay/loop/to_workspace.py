"""A loop run's samples file, and its records into a workspace: every problem, sample and verdict.

`write_samples` writes one generation's judged samples as gzipped JSON lines (the problem, the
candidate, its verdicts, the generation and the model that wrote it); the reader below is its pair.
The jobs run in other processes (or as Ray tasks) and write their samples to `<out>/samples/`; this
reads them afterwards, in one process, so a SQLite workspace has one writer. Each sample is a
`Candidate` whose generator is the model that wrote it (`seed1/verified-accumulate/v2`) and whose
generation is the index of the generation it was sampled in; the human seed traces are candidates of
the generator `human-seed@1`, generation 0, so `assay export` counts them as human data. The run's
metrics and model lineage (`<policy>-seed<S>.json`, `base-seed<S>.json`, `results.json`) are copied to
`artifacts/loop/<out folder name>/`.
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assay.errors import InputError
from assay.jsonl import read_rows
from assay.records import Candidate, Problem, Verdict, from_json, to_json
from assay.workspace import Workspace

if TYPE_CHECKING:
    from assay.loop.judging import Judged

BATCH = 2000


def write_samples(path: Path, judged: Sequence[Judged], generation: int, model: str) -> None:
    """One gzipped JSON line per sample: the problem, the candidate and its verdicts, with the
    generation it was sampled in and the model that wrote it (its lineage)."""
    path.parent.mkdir(exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=3) as sink:
        for sample in judged:
            row = {
                "generation": generation,
                "model": model,
                "problem": to_json(sample.problem),
                "candidate": to_json(sample.candidate),
                "verdicts": [to_json(v) for v in sample.verdicts],
            }
            sink.write(json.dumps(row) + "\n")


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    for number, row in read_rows(path):
        if isinstance(row, str):
            raise InputError(f"{path}:{number}: {row}")
        if not {"problem", "candidate", "verdicts"} <= row.keys():
            raise InputError(f"{path}:{number}: not a sample written by the loop")
        yield row


def store_run(workspace: Workspace, out: Path) -> dict[str, int]:
    """Add the run's problems, candidates and verdicts to the workspace (idempotent: records are keyed by
    content); how many samples and verdicts were read."""
    files = sorted((out / "samples").glob("*.jsonl.gz"))
    if not files:
        raise InputError(f"{out}: no samples to store (run the loop first)")
    counts = {"samples": 0, "verdicts": 0}
    store = workspace.store()
    try:
        problems: list[Problem] = []
        candidates: list[Candidate] = []
        verdicts: list[Verdict] = []

        def flush() -> None:
            store.add_problems(problems)
            store.add_candidates(candidates)
            store.add_verdicts(verdicts)
            problems.clear()
            candidates.clear()
            verdicts.clear()

        for path in files:
            for row in _rows(path):
                try:
                    problems.append(from_json(Problem, row["problem"]))
                    candidates.append(from_json(Candidate, row["candidate"]))
                    verdicts.extend(from_json(Verdict, v) for v in row["verdicts"])
                except (TypeError, ValueError, KeyError) as exc:
                    raise InputError(f"{path}: a sample that does not read back: {exc}") from exc
                counts["samples"] += 1
                counts["verdicts"] += len(row["verdicts"])
                if len(candidates) >= BATCH:
                    flush()
        flush()
    finally:
        store.close()
    lineage = workspace.artifacts / "loop" / out.resolve().name
    lineage.mkdir(parents=True, exist_ok=True)
    for path in out.glob("*.json"):
        shutil.copy2(path, lineage / path.name)
    return counts
