"""Selection by score: the rule (assay.selection), and `assay export --scorer --min-score
--top-k-per-problem --top` applied after the verdict filter and the gates, with every row's scores in
its provenance and the selection in the dataset card."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from assay.cli import cli
from assay.errors import ConfigError
from assay.export import Gates, card_path, export
from assay.export_rows import domain_verifiers
from assay.records import Candidate, Problem, Score, Status, Verdict
from assay.selection import Offered, Selection, choose
from assay.workspace import Workspace

# --- the rule -------------------------------------------------------------------------------------------

ROWS = [
    Offered("c1", "p1", 0.9),
    Offered("c2", "p1", 0.8),
    Offered("c3", "p1", 0.7),
    Offered("c4", "p2", 0.85),
    Offered("c5", "p2", 0.6),
    Offered("c6", "p3", None),  # no score from the scorer: cannot be ranked
    Offered("c8", "p3", 0.5),
    Offered("c7", "p3", 0.5),  # a tie with c8: the id decides, so c7 ranks first
]


@pytest.mark.parametrize(
    ("selection", "kept", "removed"),
    [
        # no ranking asked: every offered row goes on, unscored ones too
        (Selection("s@1"), {"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"}, "none removed"),
        (Selection("s@1", top=2), {"c1", "c4"}, "1 without a score, 5 below the top N"),
        (
            Selection("s@1", per_problem=1),
            {"c1", "c4", "c7"},
            "1 without a score, 4 over the per-problem limit",
        ),
        (
            Selection("s@1", min_score=0.75),
            {"c1", "c2", "c4"},
            "1 without a score, 4 below the minimum score",
        ),
        (Selection("s@1", min_score=0.0), {"c1", "c2", "c3", "c4", "c5", "c7", "c8"}, "1 without a score"),
        (
            Selection("s@1", top=4, per_problem=2),
            {"c1", "c2", "c4", "c5"},
            "1 without a score, 1 over the per-problem limit, 2 below the top N",
        ),
        (
            Selection("s@1", top=6),
            {"c1", "c2", "c3", "c4", "c5", "c7"},
            "1 without a score, 1 below the top N",
        ),
        (Selection("s@1", top=100), {"c1", "c2", "c3", "c4", "c5", "c7", "c8"}, "1 without a score"),
        (Selection("s@1", min_score=0.95, top=3), set(), "1 without a score, 7 below the minimum score"),
    ],
)
def test_the_selection_rule(selection: Selection, kept: set[str], removed: str) -> None:
    chosen = choose(ROWS, selection)
    assert set(chosen.ids) == kept
    assert chosen.removed() == removed
    assert chosen.offered == len(ROWS)
    # the rule does not depend on the order rows are offered in
    assert choose(ROWS[::-1], selection).ids == chosen.ids


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"top": -1}, "≥ 0"),
        ({"per_problem": -2}, "≥ 0"),
        ({"scorer": "s@1", "min_score": 1.5}, r"in \[0, 1\]"),
        ({"top": 3}, "needs a scorer"),
        ({"min_score": 0.5}, "needs a scorer"),
    ],
)
def test_bad_selections_are_refused(settings: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Selection(**settings)  # type: ignore[arg-type]


# --- the export -----------------------------------------------------------------------------------------


BY_DOMAIN = domain_verifiers()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three problems: p1 with three verified candidates and a refuted one scored highest of all, p2 with
    two verified and an exact duplicate of one of them, p3 with one verified candidate never scored."""
    root = tmp_path_factory.mktemp("select") / "ws"
    space = Workspace.init(root)
    verifier = BY_DOMAIN["math"]
    problems = [
        Problem("math", "linear", f"Solve for x: x + {i} = {i + 4}", {"answer": "4"}, "t") for i in (1, 2, 3)
    ]
    rows: list[tuple[Problem, str, Status, float | None]] = [
        (problems[0], "A1", Status.VERIFIED, 0.9),
        (problems[0], "A2", Status.VERIFIED, 0.8),
        (problems[0], "A3", Status.VERIFIED, 0.7),
        (problems[0], "A-wrong", Status.REFUTED, 0.95),  # never exported, however high its score
        (problems[1], "B1", Status.VERIFIED, 0.6),
        (problems[1], "B2", Status.VERIFIED, 0.85),
        (problems[1], "B1", Status.VERIFIED, 0.6),  # the same text again: the dedup gate drops one
        (problems[2], "C1", Status.VERIFIED, None),
    ]
    store = space.store()
    try:
        store.add_problems(problems)
        for index, (problem, text, status, value) in enumerate(rows):
            # (texts far apart, so only the planted duplicate meets the near-duplicate gate)
            body = " ".join(f"{text.lower()}{j}" for j in range(12))
            candidate = Candidate(problem.id, f"{body} [{text}]", "4", generator="g", sample_index=index)
            store.add_candidates([candidate])
            store.add_verdicts([Verdict(candidate.id, verifier, status, "")])
            if value is not None:
                store.add_scores([Score(candidate.id, "fake@1", value)])
            store.add_scores([Score(candidate.id, "verifier@1", 1.0 if status == Status.VERIFIED else 0.0)])
    finally:
        store.close()
    return root


def _names(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(str(row["messages"][1]["content"]).split("[")[1].rstrip("]") for row in rows)


def _read(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.read_text().splitlines()]


@pytest.mark.parametrize(
    ("selection", "names"),
    [
        (None, ["A1", "A2", "A3", "B1", "B2", "C1"]),  # verified, one duplicate gone
        (Selection("fake@1"), ["A1", "A2", "A3", "B1", "B2", "C1"]),  # a scorer alone ranks nothing
        (Selection("fake@1", top=2), ["A1", "B2"]),
        (Selection("fake@1", per_problem=1), ["A1", "B2"]),  # C1 has no score
        (Selection("fake@1", min_score=0.75), ["A1", "A2", "B2"]),
        (Selection("fake@1", per_problem=2, top=3), ["A1", "A2", "B2"]),
        (Selection("fake@1", min_score=0.65, per_problem=1), ["A1", "B2"]),
    ],
)
def test_export_selects_by_score_after_the_verdict_filter_and_gates(
    workspace: Path, tmp_path: Path, selection: Selection | None, names: list[str]
) -> None:
    out = tmp_path / "out.jsonl"
    store = Workspace.open(workspace).store()
    try:
        export(store, out, "jsonl", gates=Gates(), by_domain=BY_DOMAIN, selection=selection)
    finally:
        store.close()
    rows = _read(out)
    assert _names(rows) == names
    for row in rows:
        scores = row["provenance"]["scores"]
        # every stored score travels with its row, whether it selected the row or not
        assert {s["scorer"] for s in scores} <= {"fake@1", "verifier@1"} and "verifier@1" in {
            s["scorer"] for s in scores
        }
        assert all(isinstance(s["value"], float) for s in scores)


def _cli(workspace: Path, out: Path, *flags: str) -> Any:
    return CliRunner().invoke(cli, ["export", "jsonl", "-w", str(workspace), "--out", str(out), *flags])


def test_the_card_names_the_selection_and_the_scores(workspace: Path, tmp_path: Path) -> None:
    """Through the CLI: --scorer (a stored id) and --top reach the export; the card says what went."""
    out = tmp_path / "top.jsonl"
    result = _cli(workspace, out, "--scorer", "fake@1", "--top", "2")
    assert result.exit_code == 0, result.output
    assert _names(_read(out)) == ["A1", "B2"]
    card = card_path(out).read_text()
    assert "- by score: top 2 by fake@1: 2 of 6 rows (1 without a score, 3 below the top N)" in card
    assert "- scores: fake@1 (2 rows)" in card and "- scores: verifier@1 (2 rows)" in card
    assert "exact duplicates removed: 1" in card  # the gates ran before the ranking
    # a spec is built to the id its scores are stored under: `verifier` ranks by verifier@1, where every
    # verified row ties at 1.0 and the candidate id decides: one row per problem
    result = _cli(workspace, out, "--scorer", "verifier", "--top-k-per-problem", "1")
    assert result.exit_code == 0, result.output
    assert [name[0] for name in _names(_read(out))] == ["A", "B", "C"]
    assert "- by score: all by verifier@1 (≤ 1 per problem): 3 of 6 rows" in card_path(out).read_text()


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (("--top", "2"), "add --scorer"),
        (("--min-score", "0.5"), "add --scorer"),
        (("--scorer", "fake@1", "--top", "1", "--format", "trl-sft"), "select rows of --format sft"),
        (("--scorer", "nope"), "--scorer nope"),
        (("--scorer", "fake@1", "--min-score", "2"), "2"),
    ],
)
def test_export_selection_errors(
    workspace: Path, tmp_path: Path, flags: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "bad.jsonl"
    result = _cli(workspace, out, *flags)
    assert result.exit_code != 0 and message in result.output
    assert not out.exists()
