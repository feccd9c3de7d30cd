"""The Scorer contract, its checks, the registry entries and the spec syntax."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest

import assay.plugin
from assay.errors import AssayError, ConfigError, RegistryError
from assay.records import Candidate, Problem, Score
from assay.registry import Registry
from assay.scoring import FakeScorer, ScoreItem, Scorer, build, checked
from assay.scoring.composite import CompositeScorer
from assay.scoring.verifier import VerifierScorer

PROBLEM = Problem("math", "linear", "Solve for x: 2x = 4", {"answer": "2"}, "test")


def item(text: str = "x = 2", index: int = 0) -> ScoreItem:
    return ScoreItem(PROBLEM, Candidate(PROBLEM.id, text, "2", sample_index=index))


class _Broken:
    """A plugin scorer that breaks the contract in the way named by `how`."""

    def __init__(self, how: str) -> None:
        self.how = how

    @property
    def id(self) -> str:
        return "broken@1"

    def score(self, batch: Sequence[ScoreItem]) -> list[Score]:
        good = [Score(i.candidate.id, self.id, 0.5) for i in batch]
        if self.how == "short":
            return good[:-1]
        if self.how == "other-candidate":
            return [Score("cand_elsewhere", self.id, 0.5) for _ in batch]
        if self.how == "other-id":
            return [Score(i.candidate.id, "someone@2", 0.5) for i in batch]
        values = {"nan": math.nan, "inf": math.inf, "above": 1.5, "below": -0.1}
        if self.how in values:
            return [Score(i.candidate.id, self.id, values[self.how]) for i in batch]
        if self.how == "bad-step":
            return [Score(i.candidate.id, self.id, 0.5, (0.2, math.nan)) for i in batch]
        return good


@pytest.mark.parametrize(
    "how", ["short", "other-candidate", "other-id", "nan", "inf", "above", "below", "bad-step"]
)
def test_a_scorer_that_breaks_the_contract_is_refused(how: str) -> None:
    with pytest.raises(AssayError, match="broken@1"):
        checked(_Broken(how), [item(), item("x = 3", 1)])


def test_a_scorer_that_keeps_it_passes() -> None:
    scores = checked(_Broken("none"), [item(), item("x = 3", 1)])
    assert [s.value for s in scores] == [0.5, 0.5]


def test_fake_scorer_is_a_scorer_from_a_function() -> None:
    fake = FakeScorer(lambda i: len(i.candidate.text) / 10, name="len@1")
    assert isinstance(fake, Scorer)
    assert [s.value for s in checked(fake, [item("x = 2")])] == [0.5]


def test_builtins_are_registered_through_the_entry_points() -> None:
    registry = Registry.from_entry_points()
    assert {"verifier", "orm", "prm", "composite"} <= set(registry.names("scorers"))
    assert isinstance(registry.scorer("verifier"), VerifierScorer)


def test_the_plugin_module_exports_the_contract() -> None:
    for name in ("Scorer", "ScoreItem", "Score", "FakeScorer"):
        assert name in assay.plugin.__all__


def _registry() -> Registry:
    registry = Registry()
    registry.register("scorers", "verifier", VerifierScorer)
    registry.register("scorers", "composite", CompositeScorer)
    registry.register("scorers", "half", lambda: FakeScorer(lambda i: 0.5, name="half@1"))
    return registry


@pytest.mark.parametrize(
    ("spec", "error", "message"),
    [
        ("nonesuch", RegistryError, "no scorer named 'nonesuch'"),
        ("", ConfigError, "names no scorer"),
        ("verifier:colour=red", ConfigError, "takes no option 'colour'"),
        ("verifier:colour", ConfigError, "not KEY=VALUE"),
        ("composite:", ConfigError, "at least one"),
        ("composite:gate", ConfigError, "not gate=NAME"),
        ("composite:half=heavy", ConfigError, "not a number"),
        ("composite:half=-1", ConfigError, "positive"),
        ("composite:half=nan", ConfigError, "positive"),
        ("composite:rank=half,half=2", ConfigError, "twice"),
        ("composite:rank=composite", ConfigError, "another composite"),
        ("composite:rank=nonesuch", RegistryError, "no scorer named"),
    ],
)
def test_bad_specs_are_one_line_errors(spec: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        build(spec, registry=_registry())


def test_a_factory_that_makes_no_scorer_is_refused() -> None:
    registry = Registry()
    registry.register("scorers", "nothing", lambda: object())
    with pytest.raises(RegistryError, match="no id and score"):
        build("nothing", registry=registry)


def test_the_stage_runs_under_an_engine() -> None:
    from assay.engines.base import LocalEngine
    from assay.records import Status, Verdict
    from assay.scoring.stage import FN, ScoreContext

    right, wrong = item("x = 2"), item("x = 3", 1)
    batches = [
        [(right.problem, right.candidate, [Verdict(right.candidate.id, "math-steps@27", Status.VERIFIED)])],
        [(wrong.problem, wrong.candidate, [Verdict(wrong.candidate.id, "math-steps@27", Status.REFUTED)])],
        [],
    ]
    with LocalEngine() as engine:
        results = list(engine.map(FN, ScoreContext("verifier"), batches))
    assert [[o.result.value for o in r if isinstance(o.result, Score)] for r in results] == [[1.0], [0.0], []]
    assert all(o.spent is None for r in results for o in r)  # (the verifier sends no requests)


@pytest.mark.parametrize(
    ("reason", "shown"),
    [
        ("no 'SCORE: N' line", "no 'SCORE: N' line"),
        ("two\nlines \t and  tabs", "two lines and tabs"),
        ("a judge's \x1b[2J\x1b[31mescape", "a judge's ?[2J?[31mescape"),  # no terminal control
        ("bidi \u202e override", "bidi ? override"),
        ("x" * 200, "x" * 159 + "…"),
    ],
)
def test_a_reason_is_shown_on_one_safe_short_line(reason: str, shown: str) -> None:
    from assay.scoring.base import short

    assert short(reason) == shown


def test_the_stage_outcomes_cross_a_process_boundary() -> None:
    """What the score stage returns is pickled by the Ray engine: typed records, compared whole."""
    import pickle

    from assay.scoring.base import Spent, Unscored
    from assay.scoring.stage import Outcome

    outcomes = [
        Outcome(Score("c1", "judge@1", 0.5)),
        Outcome(Unscored("c2", "the judge gave no score"), Spent(5, 3, 0.25, 0, 1, 0, 0)),
    ]
    assert pickle.loads(pickle.dumps(outcomes)) == outcomes
    assert Spent(5, 3, 0.25, 1, 2, 0, 1) - Spent(1, 1, 0.25, 1, 1, 0, 0) + Spent() == Spent(
        4, 2, 0.0, 0, 1, 0, 1
    )
