"""Export stage: selected samples as SFT chat data (`messages`) with a provenance column per row.

Rows stream from the store in batches; the file is written under a temporary name and moved into place
when complete, so an interrupted export never leaves a truncated file behind.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from assay.errors import AssayError
from assay.loop.curation import Curator, Example, check_human_share
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


@dataclass(frozen=True)
class Gates:
    """Curation at export: duplicates and near-duplicates dropped, rows whose prompt appears in the
    evaluation prompts dropped, and a minimum share of human data (generators named human*)."""

    dedup: bool = True
    eval_prompts: tuple[str, ...] = ()
    eval_sources: tuple[str, ...] = ()  # for the dataset card
    min_human_share: float = 0.0
    allow_low_human_share: bool = False


def export(
    store: Store,
    destination: Path,
    fmt: Format,
    verifier: str = "math-steps@1",
    status: Status | None = Status.VERIFIED,
    on_row: Callable[[], Any] | None = None,
    generation: int | None = None,
    generator: str | None = None,
    gates: Gates | None = None,
) -> int:
    """Write the selected rows to destination, and a dataset card (README.md beside it); returns how many.

    With gates, rows go through the curation gates first; if the human share ends below the minimum
    (and that is not allowed), nothing is written and AssayError says why."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    rows = iter_rows(store, verifier, status, generation, generator)
    curator = Curator(gates.eval_prompts, dedup=gates.dedup) if gates is not None else None
    if curator is not None:
        rows = _admitted(rows, curator)
    try:
        count = (
            _write_jsonl(rows, partial, on_row) if fmt == "jsonl" else _write_parquet(rows, partial, on_row)
        )
        if gates is not None and curator is not None:  # (both or neither)
            check_human_share(curator.counts.human_share, gates.min_human_share, gates.allow_low_human_share)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, destination)
    _write_card(destination, count, fmt, verifier, status, generation, generator, gates, curator)
    return count


def _admitted(rows: Iterator[dict[str, Any]], curator: Curator) -> Iterator[dict[str, Any]]:
    """The rows the curation gates let through (rows from generators named human* count as human)."""
    for row in rows:
        origin = "human" if str(row["provenance"]["generator"]).startswith("human") else "model"
        if curator.admit(Example(row["messages"][0]["content"], row["messages"][1]["content"], origin)):
            yield row


def _write_card(
    destination: Path,
    count: int,
    fmt: str,
    verifier: str,
    status: Status | None,
    generation: int | None,
    generator: str | None,
    gates: Gates | None,
    curator: Curator | None,
) -> None:
    from assay._version import __version__

    lines = [
        f"{CARD_TITLE}{destination.name}",
        "",
        f"{count} rows of SFT chat data ({fmt}), written by assay {__version__}.",
        "",
        "## Selection",
        f"- verifier: {verifier}; status: {status.value if status else 'any'}",
        f"- generation: {generation if generation is not None else 'all'}; generator: {generator or 'all'}",
    ]
    if gates is not None and curator is not None:  # (both or neither)
        c = curator.counts
        lines += [
            "",
            "## Curation gates",
            f"- exact duplicates removed: {c.exact_duplicates}",
            f"- near-duplicates removed (MinHash LSH, Jaccard ≥ 0.85): {c.near_duplicates}",
            (
                f"- contaminated rows removed (prompt found in {', '.join(gates.eval_sources)}): "
                f"{c.contaminated}"
                if gates.eval_sources
                else "- decontamination: no eval set given (`--decontaminate FILE`)"
            ),
            f"- human share: {c.human_share:.1%} (minimum {gates.min_human_share:.1%}"
            + (", below it by explicit override)" if c.human_share < gates.min_human_share else ")"),
        ]
    lines += ["", "Each row's `provenance` names its problem, generator, generation and every verdict."]
    card_path(destination).write_text("\n".join(lines) + "\n", encoding="utf-8")


CARD_TITLE = "# Dataset card: "


def card_path(destination: Path) -> Path:
    """README.md beside the export, unless a README.md that is not an assay dataset card is already
    there (a project's own README must never be overwritten): then `<export name>.README.md`."""
    readme = destination.parent / "README.md"
    if not readme.exists():
        return readme
    with readme.open(encoding="utf-8", errors="replace") as f:
        first = f.readline()
    return readme if first.startswith(CARD_TITLE) else destination.with_name(destination.name + ".README.md")


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
