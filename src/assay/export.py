"""Export stage: selected samples as SFT chat data (`messages`) with a provenance column per row.

Rows stream from the store in batches; the file is written under a temporary name and moved into place
when complete, so an interrupted export never leaves a truncated file behind.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

from assay.errors import AssayError
from assay.records import Status
from assay.store import Store

Format = Literal["jsonl", "parquet"]
BATCH = 500


def iter_rows(
    store: Store,
    verifier: str = "math-steps@1",
    status: Status | None = Status.VERIFIED,
    generation: int | None = None,
    generator: str | None = None,
) -> Iterator[dict[str, Any]]:
    """SFT rows for candidates whose verdict from verifier has the given status (any status: None)."""
    batch = []
    for candidate in store.iter_candidates(generation=generation, generator=generator):
        batch.append(candidate)
        if len(batch) >= BATCH:
            yield from _rows(store, batch, verifier, status)
            batch = []
    if batch:
        yield from _rows(store, batch, verifier, status)


def _rows(store: Store, batch: list[Any], verifier: str, status: Status | None) -> Iterator[dict[str, Any]]:
    verdicts = store.verdicts_for(c.id for c in batch)
    problems = store.problems_by_id(c.problem_id for c in batch)
    for candidate in batch:
        mine = [v for v in verdicts.get(candidate.id, []) if v.verifier == verifier]
        if status is not None and not any(v.status == status for v in mine):
            continue
        problem = problems.get(candidate.problem_id)
        if problem is None:
            continue
        provenance = {
            "problem_id": problem.id,
            "candidate_id": candidate.id,
            "domain": problem.domain,
            "task": problem.task,
            "problem_source": problem.source,
            "generator": candidate.generator,
            "generation": candidate.generation,
            "sample_index": candidate.sample_index,
            "seed": candidate.seed,
            "verdicts": [
                {"verifier": v.verifier, "status": v.status.value, "evidence": v.evidence}
                for v in verdicts.get(candidate.id, [])
            ],
        }
        yield {
            "messages": [
                {"role": "user", "content": problem.prompt},
                {"role": "assistant", "content": candidate.text},
            ],
            "provenance": provenance,
        }


def export(
    store: Store,
    destination: Path,
    fmt: Format,
    verifier: str = "math-steps@1",
    status: Status | None = Status.VERIFIED,
    on_row: Callable[[], Any] | None = None,
    generation: int | None = None,
    generator: str | None = None,
) -> int:
    """Write the selected rows to destination; returns how many."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    rows = iter_rows(store, verifier, status, generation, generator)
    count = _write_jsonl(rows, partial, on_row) if fmt == "jsonl" else _write_parquet(rows, partial, on_row)
    os.replace(partial, destination)
    return count


def _write_jsonl(rows: Iterator[dict[str, Any]], path: Path, on_row: Callable[[], Any] | None) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
            if on_row:
                on_row()
    return count


def _write_parquet(rows: Iterator[dict[str, Any]], path: Path, on_row: Callable[[], Any] | None) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise AssayError("parquet export needs pyarrow: pip install 'assay[parquet]'") from exc
    message = pa.struct([("role", pa.string()), ("content", pa.string())])
    schema = pa.schema([("messages", pa.list_(message)), ("provenance", pa.string())])
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(
                {"messages": row["messages"], "provenance": json.dumps(row["provenance"], ensure_ascii=False)}
            )
            count += 1
            if on_row:
                on_row()
            if len(chunk) >= BATCH:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                chunk = []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
    return count
