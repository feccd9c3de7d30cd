"""A pipeline config (TOML): one frozen dataclass per table, every value and rule checked in one place.

Each field's type and range sit next to it (`setting`); combinations of fields are RULES, and what needs
the task registry (task names, templates, example lengths) is checked by `run_plan.make_plan` before
any work. `assay.pipeline` runs it. Reading a config never writes anything.
"""

from __future__ import annotations

import tomllib
import typing
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from assay.backends import is_generator_spec
from assay.config_checks import Rule, check_rules, setting
from assay.engines import ENGINES
from assay.errors import ConfigError
from assay.training.recipe import ModelShape, Optim, Recipe, build_table, recipe_rules

# --- config -------------------------------------------------------------------------------------------
#
# Each field's type and range sit next to it (`setting`); combinations of fields are RULES below, and what
# needs the task registry (task names, templates, example lengths) is checked by `plan` before any work.
# A field marked identity=False does not change what a run makes, so a workspace may be re-run with
# another value; changing any other field on an existing workspace stops (see assay.run_identity).

_POSITIVE = "0 would crash the run after seeding and training"


@dataclass(frozen=True)
class RunSection:
    workspace: str = setting("quickstart-workspace", identity=False)  # relative to where assay runs
    seed: int = setting(1, at_least=0, at_most=2_000_000_000, why="seeds stay 31-bit for every server")
    # where the stages' batch functions run; these change where, never what (the export is the same)
    engine: Literal["local", "ray"] = setting("local", identity=False)
    ray_address: str = setting("", identity=False)  # a Ray cluster to join; unset: a local Ray
    workers: int = setting(0, at_least=0, at_most=100_000, why="0 is the cluster's CPUs", identity=False)


@dataclass(frozen=True)
class SeedStage:
    task: str = setting("linear")
    config: dict[str, Any] = field(default_factory=dict)  # the task's own config, checked by the task
    n: int = setting(8000, at_least=1, at_most=1_000_000, why="seed traces: kept in memory")
    # share of seed traces with a typo, a skipped step or a wrong answer
    noise: float = setting(0.05, at_least=0, at_most=1, why="a share of the seed traces")


@dataclass(frozen=True)
class TrainStage:
    """[train]: the template and how training is carried out; the recipe is [train.model] (the shape)
    and [train.optim] (optimiser and schedule), assay.training's tables, shared with the loop."""

    # the prompt template the tiny model learns (and so must be asked in); not the one an HTTP model gets
    template: str = setting("tiny-v1")
    threads: int = setting(2, at_least=1, at_most=1024, why="torch threads", identity=False)
    checkpoint_every: int = setting(250, at_least=1, why=_POSITIVE, identity=False)
    model: ModelShape = field(default_factory=ModelShape)
    optim: Optim = field(default_factory=Optim)

    @property
    def recipe(self) -> Recipe:
        return Recipe(self.model, self.optim)


@dataclass(frozen=True)
class EvalStage:
    problems: int = setting(300, at_least=1, at_most=100_000, why="held-out problems", identity=False)


@dataclass(frozen=True)
class GenerateStage:
    generator: str = setting("tiny")  # "tiny" (the model just trained) or "openai:BASE_URL#MODEL"
    task: str = setting("linear")
    config: dict[str, Any] = field(default_factory=dict)  # the task's own config, checked by the task
    problems: int = setting(300, at_least=1, at_most=1_000_000, why="fresh problems to sample for")
    samples: int = setting(4, at_least=1, at_most=1024, why="samples per problem")
    temperature: float = setting(1.0, at_least=0, at_most=2, why="0 is greedy; servers accept up to 2")
    top_p: float = setting(1.0, above=0, at_most=1, why="the nucleus' probability mass")
    max_tokens: int = setting(64, at_least=1, at_most=1_000_000, why="a sample of 0 tokens is empty")
    template: str = setting("tiny-v1")
    # problems per generation batch; each batch is stored before the next starts
    batch: int = setting(64, at_least=1, why=_POSITIVE, identity=False)
    # prices in USD per million tokens, for the cost each attempt records (HTTP generators)
    price_prompt: float = setting(0.0, at_least=0, identity=False)
    price_completion: float = setting(0.0, at_least=0, identity=False)
    # HTTP generators only (openai:...): they change how samples are fetched, never which samples
    # seconds to connect, or between two reads of one response
    timeout: float = setting(60.0, above=0, identity=False)
    # seconds for one sample, every attempt and wait included
    deadline: float = setting(300.0, above=0, identity=False)
    # extra attempts after a 429, 5xx, timeout or dropped connection
    retries: int = setting(4, at_least=0, at_most=100, identity=False)
    concurrency: int = setting(8, at_least=1, at_most=1024, why="requests in flight at once", identity=False)
    # a larger answer is cut off and recorded as failed
    max_response_bytes: int = setting(4_000_000, at_least=1, identity=False)


@dataclass(frozen=True)
class ScoreSection:
    """[score]: the scorer that ranks this run's candidates (`assay score`'s spec): "verifier" (from the
    verdicts: needs no trained model), "orm", "prm" (the workspace's artifacts/models, or
    "prm:path=FILE"), "composite:gate=verifier,rank=prm", or an installed plugin's. Part of the run's
    identity, with the scorer's resolved id (a model's carries its checkpoint's hash)."""

    scorer: str = setting("verifier")


@dataclass(frozen=True)
class SelectSection:
    """[select]: which of the rows the export would write (after the verdict filter and the gates) go on
    to review, ranked by the [score] scorer; 0 is no limit, and with every value at its default nothing
    is selected away. These and [review]'s are not part of the run's identity: they are applied anew to
    the stored scores on every run, and a review is stored under an id that names its settings."""

    top: int = setting(0, at_least=0, at_most=10_000_000, why="0: no limit", identity=False)
    per_problem: int = setting(0, at_least=0, at_most=1024, why="0: no limit", identity=False)
    min_score: float = setting(0.0, at_least=0, at_most=1, why="scores are in [0, 1]", identity=False)


@dataclass(frozen=True)
class ReviewSection:
    """[review]: who reviews the selected rows. "none": nobody (the selection is exported); "sim": the
    simulated reviewer (assay.review_sim), deciding from the verifier's truth with this accuracy and
    bias; "human": people, in the review app (assay review): the run builds a review queue of the
    selection (`overlap` reviewers per item, `gold_share` gold items) and stops with exit code 3 until
    every item is settled, then resumes with the queue's kept set (funnel_stages.review_by_humans)."""

    reviewer: Literal["none", "sim", "human"] = setting("none", identity=False)
    # of the accepted rows, the best `keep` by score are exported (0: every accepted row)
    keep: int = setting(0, at_least=0, at_most=10_000_000, why="0: no limit", identity=False)
    accuracy: float = setting(0.9, at_least=0, at_most=1, why="a probability", identity=False)
    bias: Literal["none", "long", "confident"] = setting("none", identity=False)
    bias_strength: float = setting(0.0, at_least=0, at_most=1, why="0: no pull, 1: bias only", identity=False)
    seed: int = setting(0, at_least=0, at_most=2_000_000_000, why="seeds stay 31-bit", identity=False)
    # reviewer = "human" only: reviewers per item, and the share of gold items (known truth) mixed in
    overlap: int = setting(1, at_least=1, at_most=50, why="reviewers per item", identity=False)
    gold_share: float = setting(0.0, at_least=0, at_most=0.9, why="a share of the queue", identity=False)


@dataclass(frozen=True)
class ExportSection:
    format: Literal["jsonl", "parquet"] = setting("jsonl", identity=False)
    # "any": every candidate, with its verdicts in the provenance
    status: Literal["verified", "any"] = setting("verified", identity=False)


@dataclass(frozen=True)
class RunConfig:
    """A pipeline config: one field per TOML table, each table one of the dataclasses above."""

    run: RunSection = field(default_factory=RunSection)
    seed_data: SeedStage = field(default_factory=SeedStage)
    train: TrainStage = field(default_factory=TrainStage)
    eval: EvalStage = field(default_factory=EvalStage)
    generate: GenerateStage = field(default_factory=GenerateStage)
    score: ScoreSection = field(default_factory=ScoreSection)
    select: SelectSection = field(default_factory=SelectSection)
    review: ReviewSection = field(default_factory=ReviewSection)
    export: ExportSection = field(default_factory=ExportSection)

    @property
    def workspace(self) -> str:
        return self.run.workspace

    @property
    def seed(self) -> int:
        return self.run.seed


RULES = (
    *recipe_rules("train"),
    Rule(
        ("generate.generator",),
        lambda c: is_generator_spec(c.generate.generator),
        'the generator is "tiny" (the model this run trains), "openai:BASE_URL#MODEL", or '
        '"SCHEME:TARGET" of an installed generator plugin',
    ),
    Rule(
        ("generate.generator", "generate.template", "train.template"),
        lambda c: c.generate.generator != "tiny" or c.generate.template == c.train.template,
        "the tiny model only answers prompts in the template it was trained on",
    ),
    Rule(
        ("review.keep", "select.top"),
        lambda c: not (c.review.keep and c.select.top) or c.review.keep <= c.select.top,
        "a review keeps at most the rows it was given: keep ≤ top",
    ),
    Rule(
        ("review.reviewer", "review.keep"),
        lambda c: c.review.reviewer != "none" or not c.review.keep,
        'keep counts rows kept after review; set [review] reviewer = "sim" or "human" (or [select] top '
        "to export the best rows unreviewed)",
    ),
    Rule(
        ("review.reviewer", "review.overlap", "review.gold_share"),
        lambda c: c.review.reviewer == "human" or (c.review.overlap == 1 and c.review.gold_share == 0),
        'overlap and gold_share are settings of the people\'s review queue: set [review] reviewer = "human"',
    ),
    Rule(
        ("review.bias", "review.bias_strength"),
        lambda c: (c.review.bias == "none") == (c.review.bias_strength == 0),
        'a bias needs a strength above 0, and a strength needs a bias ("long" or "confident")',
    ),
    Rule(
        ("select.top", "generate.problems", "generate.samples"),
        lambda c: c.select.top <= c.generate.problems * c.generate.samples,
        "the run makes at most problems × samples candidates: top cannot be more",
    ),
)


def load_config(path: Path) -> RunConfig:
    """Read and check a pipeline TOML: every value and every rule; each error names the key and why."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # (a BOM from Windows editors is fine)
    except FileNotFoundError:
        raise ConfigError(f"no pipeline config at {path}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not UTF-8 text (byte {exc.start}); a pipeline config is TOML") from None
    except OSError as exc:
        raise ConfigError(f"cannot read pipeline config {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    tables = {f.name: f for f in fields(RunConfig)}
    unknown = sorted(set(data) - set(tables))
    if unknown:
        raise ConfigError(f"{path}: unknown section(s) {unknown}; known: {sorted(tables)}")
    hints = typing.get_type_hints(RunConfig)
    # (build_table is config_checks.build for tables with sub-tables: [train.model], [train.optim])
    sections = {name: build_table(hints[name], data.get(name, {}), f"{path}: [{name}]") for name in tables}
    config = RunConfig(**sections)
    check_rules(config, RULES, str(path))
    return config


def with_engine(
    config: RunConfig, engine: str | None, ray_address: str | None, workers: int | None
) -> RunConfig:
    """The config with [run] engine, ray_address and workers replaced where given (CLI options)."""
    section = config.run
    if ray_address and (engine or section.engine) != "ray":
        raise ConfigError('--ray-address is for the ray engine: add --engine ray (or [run] engine = "ray")')
    section = replace(
        section,
        engine=engine or section.engine,  # type: ignore[arg-type]  # (click's choice is one of ENGINES)
        ray_address=ray_address if ray_address is not None else section.ray_address,
        workers=workers if workers is not None else section.workers,
    )
    if section.engine not in ENGINES:
        raise ConfigError(f"unknown engine {section.engine!r}; known: {', '.join(ENGINES)}")
    return replace(config, run=section)
