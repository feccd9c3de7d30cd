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

import random
import time
import tomllib
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from assay.backends.base import SamplingSettings
from assay.backends.templates import load_template
from assay.errors import ConfigError
from assay.records import Candidate, Status, attempt_id
from assay.registry import Registry
from assay.seed_data import human_style
from assay.workspace import Workspace

Report = Callable[[str], None]


# --- config -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedStage:
    task: str = "linear"
    config: dict[str, Any] = field(default_factory=dict)
    n: int = 8000
    noise: float = 0.05  # share of seed traces with a typo, a skipped step or a wrong answer


@dataclass(frozen=True)
class TrainStage:
    steps: int = 2000
    batch_size: int = 64
    lr: float = 3e-3
    min_lr: float = 3e-4
    warmup: int = 100
    n_layer: int = 3
    n_head: int = 4
    n_embd: int = 64
    block_size: int = 96
    threads: int = 2
    checkpoint_every: int = 250


@dataclass(frozen=True)
class EvalStage:
    problems: int = 300


@dataclass(frozen=True)
class GenerateStage:
    generator: str = "tiny"  # "tiny" (the model just trained) or "openai:BASE_URL#MODEL"
    task: str = "linear"
    config: dict[str, Any] = field(default_factory=dict)
    problems: int = 300
    samples: int = 4
    temperature: float = 1.0
    top_p: float = 1.0
    max_tokens: int = 64
    template: str = "tiny-v1"
    batch: int = 64  # problems per generation batch; each batch is stored before the next starts


@dataclass(frozen=True)
class RunConfig:
    workspace: str = "quickstart-workspace"
    seed: int = 1
    seed_data: SeedStage = field(default_factory=SeedStage)
    train: TrainStage = field(default_factory=TrainStage)
    eval: EvalStage = field(default_factory=EvalStage)
    generate: GenerateStage = field(default_factory=GenerateStage)
    export_format: str = "jsonl"
    export_status: str = "verified"  # or "any": every candidate, with its verdicts in the provenance


_SECTIONS = {"seed_data": SeedStage, "train": TrainStage, "eval": EvalStage, "generate": GenerateStage}


def load_config(path: Path) -> RunConfig:
    """Read a pipeline TOML; every error names the key and the reason."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"no pipeline config at {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    top = {"run", "export", *_SECTIONS}
    unknown = sorted(set(data) - top)
    if unknown:
        raise ConfigError(f"{path}: unknown section(s) {unknown}; known: {sorted(top)}")
    run = _section(path, "run", data.get("run", {}), {"workspace": str, "seed": int})
    export = _section(path, "export", data.get("export", {}), {"format": str, "status": str})
    if export.get("status", "verified") not in ("verified", "any"):
        raise ConfigError(f"{path}: [export] status must be 'verified' or 'any', not {export['status']!r}")
    if export.get("format", "jsonl") not in ("jsonl", "parquet"):
        raise ConfigError(f"{path}: [export] format must be 'jsonl' or 'parquet', not {export['format']!r}")
    stages = {name: _stage(path, name, cls, data.get(name, {})) for name, cls in _SECTIONS.items()}
    workspace = run.get("workspace", "quickstart-workspace")  # relative to where assay runs
    return RunConfig(
        workspace=workspace,
        seed=run.get("seed", 1),
        export_format=export.get("format", "jsonl"),
        export_status=export.get("status", "verified"),
        **stages,
    )


def _section(path: Path, name: str, values: object, types: Mapping[str, type]) -> dict[str, Any]:
    """values, checked against types (a float key also takes an int; numbers must not be negative)."""
    if not isinstance(values, dict):
        raise ConfigError(f"{path}: [{name}] must be a table")
    for key, value in values.items():
        if key not in types:
            raise ConfigError(f"{path}: [{name}] has no key {key!r}; known: {sorted(types)}")
        expected = types[key]
        accepted = (int, float) if expected is float else (expected,)
        if isinstance(value, bool) or not isinstance(value, accepted):
            raise ConfigError(f"{path}: [{name}] {key} must be {expected.__name__}, not {value!r}")
        if isinstance(value, int | float) and value < 0:
            raise ConfigError(f"{path}: [{name}] {key} must not be negative")
    return values


def _stage(path: Path, name: str, cls: type, values: object) -> Any:
    hints = typing.get_type_hints(cls)
    types = {f.name: (dict if f.name == "config" else hints[f.name]) for f in fields(cls)}
    return cls(**_section(path, name, values, types))


# --- the run ------------------------------------------------------------------------------------------


@dataclass
class Funnel:
    generated: int = 0
    failed: int = 0
    parsed: int = 0
    verified: int = 0
    exported: int = 0
    accuracy: float = 0.0
    nll: float = 0.0
    seconds: dict[str, float] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    usage: dict[str, Any] = field(default_factory=dict)  # requests, retries, tokens, cost (HTTP generators)


def run(config: RunConfig, report: Report = print, progress: Any = None) -> Funnel:
    """Run every stage; safe to run again after any interruption."""
    from assay.model import require_torch

    require_torch()
    import torch

    from assay.backends import make_generator
    from assay.export import Gates, export
    from assay.generate import generate_candidates
    from assay.model.trainer import TrainConfig
    from assay.verification import Verifiers, verify_store
    from assay.workers import WorkerPool

    funnel = Funnel()
    space = Workspace.init(Path(config.workspace))
    store = space.store()
    registry = Registry.from_entry_points()
    template = load_template(config.generate.template)
    torch.set_num_threads(config.train.threads)
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        funnel.seconds[name] = round(now - clock, 1)
        clock = now

    # seed: human-style traces
    seed_task = registry.task(config.seed_data.task, config.seed_data.config)
    rng = random.Random(config.seed)
    seed_problems = [seed_task.generate(config.seed, i) for i in range(config.seed_data.n)]
    styled = [human_style(p.reference["trace"], rng, config.seed_data.noise) for p in seed_problems]
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
    model_path = space.artifacts / "models" / "v1.pt"
    pairs = [(template.render(p.prompt), s.text) for p, s in zip(seed_problems, styled, strict=True)]
    held_task = registry.task(config.generate.task, config.generate.config)
    held = [held_task.generate(config.seed + 10_000, i) for i in range(config.eval.problems)]
    held_pairs = [(template.render(p.prompt), human_style(p.reference["trace"], rng, 0.0).text) for p in held]
    train_config = TrainConfig(
        steps=config.train.steps,
        batch_size=config.train.batch_size,
        lr=config.train.lr,
        min_lr=config.train.min_lr,
        warmup=config.train.warmup,
        eval_every=10**9,
        checkpoint_every=config.train.checkpoint_every,
        seed=config.seed,
    )
    trainer = _train(model_path, pairs, held_pairs, train_config, config.train, report, progress)
    funnel.paths["model"] = str(model_path)
    funnel.nll = round(trainer.evaluate(), 4)  # the held-out reference traces
    lap("train")

    generator = (
        make_generator(f"tiny:{model_path}")
        if config.generate.generator == "tiny"
        else make_generator(config.generate.generator, cache_path=space.artifacts / "cache" / "responses.db")
    )
    with WorkerPool(timeout=space.verify.timeout) as pool:
        # eval: greedy answers on held-out problems, checked by the verifier
        funnel.accuracy = exact_answer_accuracy(generator, held, template, pool, config.generate.max_tokens)
        report(
            f"eval: exact-answer accuracy {funnel.accuracy:.1%} on {len(held)} held-out problems (greedy), "
            f"NLL of reference traces {funnel.nll:.3f} per token"
        )
        lap("eval")

        # generate: fresh problems, n samples each at the configured temperature
        fresh_all = [held_task.generate(config.seed + 20_000, i) for i in range(config.generate.problems)]
        fresh = list({p.id: p for p in fresh_all}.values())  # a repeated problem is asked once
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
            )
        lap("generate")

        # verify: every candidate not yet verified (the seed traces too: they are data, and may be wrong)
        with _bar(progress, "verifying", store.count("candidates")) as advance:
            verify_store(store, Verifiers(pool=pool), advance)
        lap("verify")

    # export and funnel (this run's generation-1 candidates)
    attempt_ids = [
        attempt_id(p.id, generator.id, j, config.seed) for p in fresh for j in range(config.generate.samples)
    ]
    attempts = store.attempts_for(attempt_ids)
    ok = [a for a in attempts.values() if a.status == "ok"]
    funnel.generated = len(ok)
    funnel.failed = sum(1 for a in attempts.values() if a.status == "failed")
    candidates = {a.candidate_id for a in ok if a.candidate_id}
    verdicts = store.verdicts_for(candidates)
    funnel.parsed = sum(1 for c in store.candidates_by_id(candidates).values() if c.answer is not None)
    funnel.verified = sum(
        1 for cid in candidates if any(v.status == Status.VERIFIED for v in verdicts.get(cid, []))
    )
    destination = space.artifacts / "exports" / f"generation-1.{config.export_format}"
    funnel.exported = export(
        store,
        destination,
        config.export_format,  # type: ignore[arg-type]
        status=Status.VERIFIED if config.export_status == "verified" else None,
        generation=1,
        generator=generator.id,
        gates=Gates(dedup=True),  # one model's samples: duplicates go; no human-share floor here
    )
    funnel.paths["export"] = str(destination)
    usage = getattr(generator, "usage", None)
    if usage is not None:
        funnel.usage = dict(usage.__dict__)
    funnel.paths["workspace"] = str(space.root)
    lap("export")
    store.close()
    _print_funnel(funnel, total, report)
    return funnel


def exact_answer_accuracy(
    generator: Any, problems: list[Any], template: Any, pool: Any, max_tokens: int
) -> float:
    """Share of problems whose greedy answer the `math-answer` verifier accepts."""
    from assay.domains.math.verifier import AnswerVerifier

    greedy = SamplingSettings(temperature=0.0, max_tokens=max_tokens, seed=0)
    completions = generator.complete([template.render(p.prompt) for p in problems], 1, greedy)
    answers = AnswerVerifier(pool=pool).verify_many(
        [(p, Candidate(p.id, c.text or "", None)) for p, c in zip(problems, completions, strict=True)]
    )
    return sum(v.status == Status.VERIFIED for v in answers) / max(1, len(problems))


def _train(
    model_path: Path,
    pairs: list[tuple[str, str]],
    held_pairs: list[tuple[str, str]],
    train_config: Any,
    stage: TrainStage,
    report: Report,
    progress: Any,
) -> Any:
    from assay.model.tokenizer import CharTokenizer
    from assay.model.trainer import Trainer, encode_pair, load_state

    if model_path.exists():
        state = load_state(model_path)
        tokenizer = CharTokenizer.from_json(state["tokenizer"])  # the checkpoint's own vocabulary
        train = [encode_pair(tokenizer, p, r) for p, r in pairs]
        held = [encode_pair(tokenizer, p, r) for p, r in held_pairs]
        trainer = Trainer.resume(model_path, train, held, config=train_config)
        if int(state["step"]) >= train_config.steps:
            report(f"train: {model_path} is already trained ({state['step']} steps)")
            return trainer
        report(f"train: resuming from step {state['step']}")
    else:
        trainer = Trainer.create(pairs, train_config, _model_options(stage), eval_pairs=held_pairs)
        report(
            f"train: tiny model v1, {trainer.model.num_parameters():,} parameters, {train_config.steps} steps"
        )
    trainer.checkpoint_path = model_path
    with _bar(progress, "training", train_config.steps) as advance:
        trainer.callbacks.append(lambda event: advance(1))
        advance(trainer.step)
        trainer.fit()
    return trainer


def _model_options(stage: TrainStage) -> dict[str, int]:
    return {
        "n_layer": stage.n_layer,
        "n_head": stage.n_head,
        "n_embd": stage.n_embd,
        "block_size": stage.block_size,
    }


def _ignore(n: int = 1) -> None:
    del n


class _NoBar:
    def __enter__(self) -> Callable[[int], None]:
        return _ignore

    def __exit__(self, *exc: object) -> None:
        return None


def _bar(progress: Any, description: str, total: int) -> Any:
    return progress(description, total) if progress is not None else _NoBar()


def _print_funnel(funnel: Funnel, requested: int, report: Report) -> None:
    report("")
    report("funnel (generation 1, T = 1 samples):")
    report(f"  requested  {requested:6d}")
    report(f"  generated  {funnel.generated:6d}   failed {funnel.failed}")
    report(f"  parsed     {funnel.parsed:6d}")
    share = funnel.verified / max(1, funnel.generated)
    report(f"  verified   {funnel.verified:6d}   ({share:.1%} of generated)")
    report(f"  exported   {funnel.exported:6d}   (exact and near-duplicates removed)")
    report(f"model: {funnel.paths['model']}")
    report(f"export: {funnel.paths['export']}")
    report("seconds: " + ", ".join(f"{k} {v}" for k, v in funnel.seconds.items()))
    if funnel.usage:
        report("generator usage: " + ", ".join(f"{k} {v}" for k, v in funnel.usage.items()))
