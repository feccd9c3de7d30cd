"""Selection by score: which of the rows that passed the verdict filter and the curation gates go on.

One rule for `assay export` (--scorer, --min-score, --top-k-per-problem, --top) and for the pipeline's
funnel (the top N for review, then the kept ones), so the two can never disagree about what "the top
100" means:

    1. only rows with a stored score from the scorer (a row without one cannot be ranked: counted apart)
    2. value ≥ min_score
    3. ranked by value, highest first; ties by candidate id (a content hash), so the order is the
       same on every run and under every engine, and never depends on the store's page order
    4. at most per_problem rows of each problem (the best ones), then at most top rows overall

A score only ranks: nothing here decides what is verified; the rows offered were already filtered by
their verdicts. Ranking is global, so `choose` holds one small tuple (ids and a value) per offered row;
the rows themselves are streamed again by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assay.errors import ConfigError


@dataclass(frozen=True)
class Selection:
    """What to keep of the offered rows. scorer is a stored scorer id ("verifier@1", "prm@1+3f2a…");
    0 means no limit for per_problem and top; min_score None means no floor."""

    scorer: str | None = None
    min_score: float | None = None
    per_problem: int = 0
    top: int = 0

    def __post_init__(self) -> None:
        if self.per_problem < 0 or self.top < 0:
            raise ConfigError(f"per-problem and top limits are ≥ 0, not {self.per_problem}, {self.top}")
        if self.min_score is not None and not 0.0 <= self.min_score <= 1.0:
            raise ConfigError(f"a minimum score is in [0, 1] (scores are), not {self.min_score}")
        if self.scorer is None and self.ranks:
            raise ConfigError("a minimum score, a per-problem limit or a top N needs a scorer to rank by")

    @property
    def ranks(self) -> bool:
        """Whether this selection reads scores at all (else every offered row is kept)."""
        return self.min_score is not None or self.per_problem > 0 or self.top > 0

    def describe(self) -> str:
        """'top 100 by verifier@1 (≥ 0.5, ≤ 2 per problem)', for the funnel and the dataset card."""
        if not self.ranks:
            return f"every row, scores of {self.scorer} carried" if self.scorer else "every row"
        limits = []
        if self.min_score is not None:
            limits.append(f"score ≥ {self.min_score:g}")
        if self.per_problem:
            limits.append(f"≤ {self.per_problem} per problem")
        head = f"top {self.top}" if self.top else "all"
        tail = f" ({', '.join(limits)})" if limits else ""
        return f"{head} by {self.scorer}{tail}"


@dataclass(frozen=True)
class Offered:
    """One offered row as the ranking sees it: its candidate, its problem and its score (None: none)."""

    candidate_id: str
    problem_id: str
    value: float | None


@dataclass(frozen=True)
class Chosen:
    """What `choose` kept, and why the rest went (counts add up to the rows offered)."""

    ids: frozenset[str]
    offered: int = 0
    unscored: int = 0  # no score from the scorer
    below_min: int = 0  # score under min_score
    over_per_problem: int = 0  # beyond the per-problem limit
    over_top: int = 0  # beyond the top N

    def removed(self) -> str:
        """'412 below the top 100, 3 unscored' (only the reasons that removed something)."""
        parts = [
            (self.unscored, "without a score"),
            (self.below_min, "below the minimum score"),
            (self.over_per_problem, "over the per-problem limit"),
            (self.over_top, "below the top N"),
        ]
        return ", ".join(f"{n} {why}" for n, why in parts if n) or "none removed"


def choose(rows: Iterable[Offered], selection: Selection) -> Chosen:
    """The ids the selection keeps of rows (see the module docstring for the rule)."""
    offered = list(rows)
    if not selection.ranks:
        return Chosen(frozenset(r.candidate_id for r in offered), len(offered))
    scored = [r for r in offered if r.value is not None]
    floor = selection.min_score
    passing = [r for r in scored if floor is None or (r.value is not None and r.value >= floor)]
    passing.sort(key=lambda r: (-(r.value or 0.0), r.candidate_id))
    per_problem: dict[str, int] = {}
    capped = []
    for row in passing:
        seen = per_problem.get(row.problem_id, 0)
        if selection.per_problem and seen >= selection.per_problem:
            continue
        per_problem[row.problem_id] = seen + 1
        capped.append(row)
    kept = capped[: selection.top] if selection.top else capped
    return Chosen(
        frozenset(r.candidate_id for r in kept),
        offered=len(offered),
        unscored=len(offered) - len(scored),
        below_min=len(scored) - len(passing),
        over_per_problem=len(passing) - len(capped),
        over_top=len(capped) - len(kept),
    )


def ranked(rows: Iterable[Offered]) -> list[Offered]:
    """rows in the selection's order: highest value first, ties by candidate id, unscored last."""
    return sorted(rows, key=lambda r: (r.value is None, -(r.value or 0.0), r.candidate_id))
