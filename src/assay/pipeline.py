"""The main job: a pipeline config (TOML) run stage by stage, resumable at every stage.

    seed      human-style seed traces (with natural noise) for the first model to learn from
    train     the tiny model v1 (checkpoints; a killed run resumes from the last one)
    eval      exact-answer accuracy (greedy, through the verifiers) and NLL on held-out problems
    generate  n samples per fresh problem from the generator (attempts make it resumable)
    verify    every new candidate, step by step
    export    the verified candidates as SFT data, and the funnel

Every stage writes through idempotent, content-addressed records, so running the same config again
after a crash (even `kill -9`) ends with the same export: same ids, no duplicates, no gaps.
"""

from __future__ import annotations

import time
import tomllib
import typing
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

from assay.backends import is_generator_spec
from assay.backends.base import SamplingSettings
from assay.config_checks import Rule, check_rules, setting
from assay.errors import AssayError, ConfigError
from assay.funnel import Funnel, failure_reason, print_funnel, reasons, usage_of
from assay.records import Candidate, Status
from assay.registry import Registry
from assay.run_identity import check_workspace, write_record
from assay.run_plan import make_plan
from assay.training.recipe import ModelShape, Optim, Recipe, build_table, recipe_rules
from assay.workspace import Workspace, run_lock

Report = Callable[[str], None]


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


# --- the run ------------------------------------------------------------------------------------------


def run(config: RunConfig, report: Report = print, progress: Any = None) -> Funnel:
    """Run every stage; safe to run again after any interruption.

    Everything the config decides is checked first (make_plan), and the workspace must be new or hold
    this same run (check_workspace): a config that cannot work, or that would reuse another run's model
    and samples, stops with a ConfigError before anything is written. One run per workspace at a time:
    a second one stops at once with InUseError naming the first one's pid (see workspace.run_lock)."""
    with run_lock(Path(config.workspace)):
        return _run(config, report, progress)


def _run(config: RunConfig, report: Report, progress: Any) -> Funnel:
    from assay.model import require_torch

    require_torch()
    import torch

    from assay.backends import make_generator
    from assay.export import Gates, domain_verifiers, export
    from assay.generate import attempt_ids, generate_candidates
    from assay.training.measure import exact_answer_accuracy, held_out_nll
    from assay.verification import Verifiers, verify_store
    from assay.workers import WorkerPool

    funnel = Funnel()
    clock = time.perf_counter()
    registry = Registry.from_entry_points()
    plan = make_plan(config, registry)
    root = Path(config.workspace)
    model_path = root / "artifacts" / "models" / "v1.pt"
    check_workspace(root, plan.identity, lambda: _holds_work(root, model_path))
    space = Workspace.init(root)
    write_record(space.root, plan.identity)
    funnel.run_id = plan.identity.id
    store = space.store()
    template = plan.template
    torch.set_num_threads(config.train.threads)

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        funnel.seconds[name] = round(now - clock, 1)
        clock = now

    lap("check")  # the config, the plan (problems and seed traces, made in memory), the workspace

    # seed: human-style traces
    seed_problems, styled = plan.seed_problems, plan.styled
    store.add_problems(seed_problems)
    store.add_candidates(
        Candidate(
            p.id,
            s.text,
            None,
            generator="human-style@1",
            generation=0,
            seed=config.seed,
            params={"noise": s.noise, "source": "procedural human-style seed"},
        )
        for p, s in zip(seed_problems, styled, strict=True)
    )
    noisy = sum(1 for s in styled if s.noise)
    report(f"seed: {len(seed_problems)} human-style traces ({noisy} with natural noise)")
    lap("seed")

    # train
    held = plan.held
    trainer = _train(model_path, plan.pairs, config, report, progress)
    funnel.paths["model"] = str(model_path)
    funnel.nll = round(held_out_nll(trainer.model, trainer.tokenizer, plan.held_pairs), 4)
    lap("train")

    generator = (
        make_generator(f"tiny:{model_path}", registry)
        if config.generate.generator == "tiny"
        else make_generator(
            config.generate.generator,
            registry,
            cache_path=space.artifacts / "cache" / "responses.db",
            timeout=config.generate.timeout,
            deadline=config.generate.deadline,
            retries=config.generate.retries,
            concurrency=config.generate.concurrency,
            max_response_bytes=config.generate.max_response_bytes,
            price_per_million=(config.generate.price_prompt, config.generate.price_completion),
        )
    )
    chosen = dict(space.verify.verifiers)  # [verify] DOMAIN = "NAME" in the workspace's assay.toml
    with (
        WorkerPool(timeout=space.verify.timeout) as pool,
        Verifiers(pool=pool, sandbox=space.sandbox, registry=registry, chosen=chosen) as verifiers,
    ):
        # eval: greedy answers on held-out problems, checked by the verifier (math: the answer alone;
        # other domains: the whole response, by the domain's verifier)
        result = exact_answer_accuracy(generator, held, template, pool, config.generate.max_tokens, verifiers)
        funnel.accuracy, funnel.eval_problems, funnel.eval_failed = result.accuracy, len(held), result.failed
        if result.answered == 0:
            raise AssayError(
                f"eval: all {result.failed} requests to {generator.id} failed ({reasons(result.failures)}); "
                "nothing was measured or generated. Check the server, the model name and the API key, "
                "then run again"
            )
        failed_note = (
            f"; {result.failed} of {len(held)} requests failed ({reasons(result.failures)}) and are "
            "not counted"
            if result.failed
            else ""
        )
        report(
            f"eval: exact-answer accuracy {funnel.accuracy:.1%} on {result.answered} held-out problems "
            f"(greedy{failed_note}), NLL of reference traces {funnel.nll:.3f} per token"
        )
        lap("eval")

        # generate: fresh problems, n samples each at the configured settings
        fresh = plan.fresh
        store.add_problems(fresh)
        settings = SamplingSettings(
            temperature=config.generate.temperature,
            top_p=config.generate.top_p,
            max_tokens=config.generate.max_tokens,
            seed=config.seed,
        )
        total = len(fresh) * config.generate.samples
        with _bar(progress, "generating", total) as advance:
            generate_candidates(
                store,
                generator,
                fresh,
                config.generate.samples,
                settings,
                template,
                generation=1,
                batch=config.generate.batch,
                on_progress=advance,
                price=(config.generate.price_prompt, config.generate.price_completion),
            )
        lap("generate")

        # verify: every candidate not yet verified (the seed traces too: they are data, and may be wrong)
        with _bar(progress, "verifying", store.count("candidates")) as advance:
            verify_store(store, verifiers, advance)
        lap("verify")

    # export and funnel (this run's generation-1 candidates: its attempts' ids carry its settings)
    ids = attempt_ids(fresh, generator.id, config.generate.samples, settings, template)
    attempts = store.attempts_for(ids.values())
    ok = [a for a in attempts.values() if a.status == "ok"]
    funnel.generated = len(ok)
    for a in attempts.values():
        if a.status == "failed":
            funnel.failed += 1
            reason = failure_reason(a.error)
            funnel.failures[reason] = funnel.failures.get(reason, 0) + 1
    funnel.settings = {
        "generator": f"{generator.id}, template {template.id}",
        "sampling": (
            f"T = {settings.temperature:g}, top_p = {settings.top_p:g}, max_tokens = {settings.max_tokens}, "
            f"seed {settings.seed}, {config.generate.samples} per problem"
        ),
    }
    candidates = {a.candidate_id for a in ok if a.candidate_id}
    verdicts = store.verdicts_for(candidates)
    funnel.parsed = (
        sum(1 for c in store.candidates_by_id(candidates).values() if c.answer is not None)
        if all(p.domain == "math" for p in fresh)  # (see generate.read_response)
        else None
    )
    funnel.verified = sum(
        1 for cid in candidates if any(v.status == Status.VERIFIED for v in verdicts.get(cid, []))
    )
    destination = space.artifacts / "exports" / f"generation-1.{config.export.format}"
    funnel.exported = export(
        store,
        destination,
        config.export.format,
        status=Status.VERIFIED if config.export.status == "verified" else None,
        generation=1,
        generator=generator.id,  # with the weights' hash; the run record rules out other settings
        gates=Gates(dedup=True),  # one model's samples: duplicates go; no human-share floor here
        by_domain=domain_verifiers(chosen),  # each domain's own verifier
    )
    funnel.paths["export"] = str(destination)
    funnel.usage = usage_of(attempts.values(), generator)
    funnel.paths["workspace"] = str(space.root)
    lap("export")
    store.close()
    print_funnel(funnel, total, report)
    return funnel


def _holds_work(root: Path, model_path: Path) -> bool:
    """Whether an unrecorded workspace already has a model or generated samples (never creates one)."""
    if model_path.exists():
        return True
    if not (root / "assay.toml").exists():
        return False
    store = Workspace.open(root).store()
    try:
        return store.count("attempts") > 0 or store.count_where("candidates", "generation", 1) > 0
    finally:
        store.close()


def _train(
    model_path: Path, pairs: list[tuple[str, str]], config: RunConfig, report: Report, progress: Any
) -> Any:
    """Model v1 by the [train] recipe, resumed from its checkpoint when a run was stopped part-way."""
    from assay.training.run import prepare

    steps = config.train.optim.steps
    trainer = prepare(
        pairs,
        config.train.recipe,
        config.seed,
        checkpoint=model_path,
        checkpoint_every=config.train.checkpoint_every,
    )
    if trainer.step >= steps:
        report(f"train: {model_path} is already trained ({trainer.step} steps)")
        return trainer
    if trainer.step:
        report(f"train: resuming from step {trainer.step}")
    else:
        report(f"train: tiny model v1, {trainer.model.num_parameters():,} parameters, {steps} steps")
    with _bar(progress, "training", steps) as advance:
        trainer.callbacks.append(lambda event: advance(1))
        advance(trainer.step)
        trainer.fit()
    return trainer


def _ignore(n: int = 1) -> None:
    del n


class _NoBar:
    def __enter__(self) -> Callable[[int], None]:
        return _ignore

    def __exit__(self, *exc: object) -> None:
        return None


def _bar(progress: Any, description: str, total: int) -> Any:
    return progress(description, total) if progress is not None else _NoBar()
