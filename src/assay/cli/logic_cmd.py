"""`assay puzzles check`: count the solutions of logic puzzles made elsewhere, before using them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from assay.cli.common import progress
from assay.errors import InputError
from assay.jsonl import read_rows
from assay.workers import WorkerPool


@click.group("puzzles")
def puzzles_group() -> None:
    """Logic puzzles.

    \b
    Example:
      assay puzzles check llm_puzzles.jsonl
    """


@puzzles_group.command("check")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--timeout", type=click.FloatRange(0.01, 600), default=10.0, show_default=True)
def check_command(source: Path, timeout: float) -> None:
    """Say for each puzzle whether it has exactly one solution (SAT, with a hard time limit).

    Each line: a reference object ({"kind": "sudoku", "puzzle": "..."}), or {"id", "reference"}.
    Output per line: id, solutions (0, 1, or 2 meaning two or more), evidence. Exit code 1 if any
    puzzle is not uniquely solvable.

    \b
    Example:
      assay puzzles check llm_puzzles.jsonl
    """
    rows: list[tuple[str, Any, str]] = []
    for number, record in read_rows(source):
        if isinstance(record, str):
            rows.append((f"line-{number}", None, record))
            continue
        if "reference" in record:
            rows.append((str(record.get("id", f"line-{number}")), record["reference"], ""))
        else:
            rows.append((f"line-{number}", record, ""))
    jobs = [{"reference": reference} for _, reference, problem in rows if not problem]
    with WorkerPool(timeout=timeout) as pool, progress("counting solutions", len(jobs)) as advance:
        outcomes = iter(
            pool.map("assay.domains.logic.check:count_solutions_job", jobs, lambda i, o: advance(1))
        )
        bad = 0
        for record_id, _, problem in rows:
            result: dict[str, Any]
            if problem:
                result = {"id": record_id, "solutions": None, "evidence": problem}
            else:
                outcome = next(outcomes)
                value = (
                    outcome.value
                    if outcome.kind == "ok"
                    else {"solutions": None, "evidence": outcome.message}
                )
                result = {"id": record_id, **value}
            bad += result["solutions"] != 1
            click.echo(json.dumps(result))
    if bad:
        raise InputError(f"{bad} of {len(rows)} puzzles are not uniquely solvable")
