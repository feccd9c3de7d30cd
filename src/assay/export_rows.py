"""Which stored candidates an export turns into rows, and what it passes over.

Each candidate is selected by the verdict of its domain's verifier (or the one given) with the status
asked for, read a page at a time (`Store.iter_candidate_pages`, each page's problems, verdicts, scores
and reviews looked up by id), and becomes an SFT chat row with a provenance column. `Unselected` counts
what the status filter passed over for want of a current verdict. `assay.export` writes the rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from assay.records import Review, ReviewDecision, Status
from assay.store import Store

BATCH = 500


def domain_verifiers(chosen: Mapping[str, str] | None = None) -> dict[str, str]:
    """Domain → `name@version` of the verifier whose verdicts select that domain's rows: each domain's
    default from the installed verifiers, or the one chosen ([verify] in assay.toml). Made without
    starting a worker or a sandbox (verifiers start those on first use)."""
    from assay.verifiers import Verifiers

    with Verifiers(chosen=chosen) as verifiers:
        return {domain: verifiers.for_domain(domain).id for domain in sorted(verifiers.domains)}


@dataclass
class Unselected:
    """Candidates a status filter passed over for want of a verdict of the verifier it selects by, per
    that verifier: `stale`, those whose verdicts of it are all from other versions (the verifier was
    upgraded after `assay verify` ran; verifying again selects them), with the versions found, and
    `unverified`, those with no verdict of it at all. Counted as the rows stream: no second pass."""

    stale: dict[str, int] = field(default_factory=dict)
    found: dict[str, set[str]] = field(default_factory=dict)  # the other versions the stale ones have
    unverified: dict[str, int] = field(default_factory=dict)

    def note(self, wanted: str, verdicts_of: Iterable[str]) -> None:
        name = wanted.partition("@")[0]
        others = {v for v in verdicts_of if v.partition("@")[0] == name and v != wanted}
        if others:
            self.stale[wanted] = self.stale.get(wanted, 0) + 1
            self.found.setdefault(wanted, set()).update(others)
        else:
            self.unverified[wanted] = self.unverified.get(wanted, 0) + 1

    def lines(self) -> list[str]:
        """A line per verifier with stale candidates (none when every verdict is current)."""
        return [
            f"{n:,} candidates have verdicts only from {', '.join(sorted(self.found[wanted]))}, not {wanted}"
            for wanted, n in sorted(self.stale.items())
        ]


def iter_rows(
    store: Store,
    verifier: str | None = None,
    status: Status | None = Status.VERIFIED,
    generation: int | None = None,
    generator: str | None = None,
    by_domain: Mapping[str, str] | None = None,
    unselected: Unselected | None = None,
) -> Iterator[dict[str, Any]]:
    """SFT rows for candidates whose verdict from their verifier has the given status (None: any).

    The verifier is `verifier` ("math-steps@27") for every row when given; otherwise each problem's
    domain's own (by_domain, default `domain_verifiers()`), so verified code and logic rows export as
    readily as math ones. A row of a domain without a verifier has no verdict to select it by: it is
    exported only with status None."""
    table = dict(by_domain) if by_domain is not None else domain_verifiers()
    for page in store.iter_candidate_pages(generation=generation, generator=generator):
        yield from _rows(store, page, verifier, table, status, unselected)


def _rows(
    store: Store,
    batch: list[Any],
    verifier: str | None,
    table: Mapping[str, str],
    status: Status | None,
    unselected: Unselected | None = None,
) -> Iterator[dict[str, Any]]:
    verdicts = store.verdicts_for(c.id for c in batch)
    problems = store.problems_by_id(c.problem_id for c in batch)
    scores = store.scores_for(c.id for c in batch)
    reviews = reviews_for(store, (c.id for c in batch))
    for candidate in batch:
        problem = problems.get(candidate.problem_id)
        if problem is None:
            continue
        wanted = verifier or table.get(problem.domain)
        mine = [v for v in verdicts.get(candidate.id, []) if v.verifier == wanted]
        if status is not None and not any(v.status == status for v in mine):
            if not mine and wanted and unselected is not None:
                unselected.note(wanted, (v.verifier for v in verdicts.get(candidate.id, [])))
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
        # scores and reviews only when there are some: a row of a workspace that was never scored or
        # reviewed reads exactly as before (tests/export_golden pins those bytes)
        if candidate.id in scores:
            provenance["scores"] = [{"scorer": s.scorer, "value": s.value} for s in scores[candidate.id]]
        if candidate.id in reviews:
            provenance["reviews"] = [
                {"reviewer": r.reviewer, "decision": r.decision.value} for r in reviews[candidate.id]
            ]
        yield {
            "messages": [
                {"role": "user", "content": problem.prompt},
                {"role": "assistant", "content": candidate.text},
            ],
            "provenance": provenance,
        }


def reviews_for(store: Store, candidate_ids: Iterable[str]) -> dict[str, list[Review]]:
    """The stored reviews of these candidates, each candidate's sorted by reviewer, then time.

    (The store has no reader for reviews yet; this one reads its table the way `Store.scores_for`
    reads scores: in chunks of ids, bounded by what it is given.)"""
    from sqlalchemy import select

    from assay.store import schema

    wanted = sorted(set(candidate_ids))
    table = schema.reviews
    out: dict[str, list[Review]] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(wanted), BATCH):
            query = select(table).where(table.c.candidate_id.in_(wanted[start : start + BATCH]))
            for row in conn.execute(query).mappings():
                review = Review(
                    row["candidate_id"],
                    row["reviewer"],
                    ReviewDecision(row["decision"]),
                    tuple(json.loads(row["step_ratings"])),
                    row["finish_reason"],
                    row["edited_text"],
                    row["created_at"],
                    row["id"],
                )
                out.setdefault(review.candidate_id, []).append(review)
    for reviews in out.values():
        reviews.sort(key=lambda r: (r.reviewer, r.created_at, r.id))
    return out
