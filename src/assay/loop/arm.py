"""One seed's base model, and one arm of the generational loop: the jobs an engine runs.

base: the human seed (compact traces, a share with natural noise) trains generation 0; its metrics are
generation 0 of every arm. arm: for each generation n = 1..G, model v(n-1) samples k answers at T = 1 for
fresh problems (assay.loop.sampling: the Generator contract, answers read by the domain's parser);
`math-steps` and `math-answer` judge them (assay.loop.judging: the registry's verifiers); the policy
builds the training set (assay.loop.training_set); v(n) is fine-tuned from the base checkpoint (or the
current one, or trained from scratch: `start`) with a fixed step budget and evaluated on a fixed
held-out set. Training, resuming and measuring are assay.training's (the recipe in LoopConfig).

`base_batch` and `arm_batch` are batch functions (`fn(context, batch)`), so any engine runs them:
side by side in processes on one machine, or as Ray tasks. Each job keeps one torch thread and writes
its checkpoint and samples under the experiment's folder (on a cluster, a filesystem every node sees);
it hands its typed result back, and the driver alone writes the result files.
"""

from __future__ import annotations

import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assay.loop import data
from assay.loop.config import LoopConfig
from assay.loop.curation import Example
from assay.loop.judging import Judge, Judged
from assay.loop.metrics import distinct_n, diversity_alarm, sample_metrics
from assay.loop.policies import POLICIES, Policy
from assay.loop.results import ArmResult, BaseModel, BaseResult, Generation, Scores
from assay.loop.sampling import HUMAN_SEED, LoopModel, human_samples, sample, settings
from assay.loop.to_workspace import write_samples
from assay.loop.training_set import training_set
from assay.records import Problem
from assay.workers import WorkerPool

__all__ = ["ArmJob", "Jobs", "arm_batch", "base_batch", "run_arm", "run_base"]


@dataclass(frozen=True)
class Jobs:
    """What every job of one experiment shares (the engine's context)."""

    config: LoopConfig
    out: str  # the experiment's folder, absolute (a worker's working directory may be another)


@dataclass(frozen=True)
class ArmJob:
    policy: str  # a name in POLICIES
    base: BaseResult  # generation 0 of its seed: the model it starts from


def base_batch(context: Jobs, seeds: list[int]) -> list[BaseResult]:
    return [run_base(context.config, seed, Path(context.out)) for seed in seeds]


def arm_batch(context: Jobs, jobs: list[ArmJob]) -> list[ArmResult]:
    return [run_arm(context.config, POLICIES[job.policy], job.base, Path(context.out)) for job in jobs]


# --- the two jobs ----------------------------------------------------------------------------------------


def run_base(config: LoopConfig, seed: int, out: Path) -> BaseResult:
    """Train generation 0 on the human seed, save it, measure it and its samples."""
    import torch

    from assay.training.run import fitting, prepare

    torch.set_num_threads(1)  # one job, one core: the engine runs as many jobs as there are cores
    started = time.perf_counter()
    seed_problems = data.problems(config, seed, data.SEED_SET, config.seed_examples)
    pairs = data.human(seed_problems, random.Random(seed), config.seed_noise)
    held = data.held_out(config, seed)
    held_pairs = data.human(held, random.Random(seed + 1), 0.0)
    trainer = prepare(fitting(pairs, config.model.block_size), config.base_recipe, seed)
    trainer.fit()
    path = out / f"base-seed{seed}.pt"
    trainer.save(path)
    model_id = f"seed{seed}/v0"
    with WorkerPool(size=1, timeout=5.0) as pool, Judge(pool) as judge:
        human = judge.judge(human_samples(seed_problems, [text for _, text in pairs], seed, pool))
        write_samples(out / "samples" / f"human-seed{seed}.jsonl.gz", human, 0, HUMAN_SEED)
        scores = _evaluate(trainer.model, trainer.tokenizer, held, held_pairs, pool, config)
        fresh = data.problems(config, seed, 1, config.problems)  # generation 1's problems, as in every arm
        judged = _sample(trainer.model, trainer.tokenizer, fresh, model_id, 0, seed, config, pool, judge)
    return BaseResult(
        seed,
        BaseModel(model_id, str(path), trainer.model.num_parameters()),
        scores,
        sample_metrics(judged, config.samples),
        distinct_n([text for _, text in pairs], 3),
        round(time.perf_counter() - started, 1),
    )


def run_arm(config: LoopConfig, policy: Policy, base: BaseResult, out: Path) -> ArmResult:
    """The policy's generations 1..G from the seed's base model."""
    import torch

    from assay.model.checkpoint import load_state, model_from_state
    from assay.training.run import fitting, prepare

    torch.set_num_threads(1)
    started = time.perf_counter()
    seed = base.seed
    base_state = load_state(Path(base.model.path))
    model, tokenizer = model_from_state(base_state)
    rng = random.Random(f"{policy.name}-{seed}")  # the policy's own draws (the noisy verifier's)
    seed_problems = data.problems(config, seed, data.SEED_SET, config.seed_examples)
    seed_pairs = data.human(seed_problems, random.Random(seed), config.seed_noise)
    held = data.held_out(config, seed)
    held_pairs = data.human(held, random.Random(seed + 1), 0.0)
    eval_prompts = [p.prompt for p in held]
    fresh = data.problems(config, seed, data.FRESH_HUMAN, config.problems * config.samples)
    fresh_human = data.human(fresh, random.Random(seed + 2), config.seed_noise)
    generations: list[Generation] = []
    history: list[tuple[str, str]] = []
    parent = base.model.id
    with WorkerPool(size=1, timeout=5.0) as pool, Judge(pool) as judge:
        for n in range(1, config.generations + 1):
            tick = time.perf_counter()
            problems = data.problems(config, seed, n, config.problems)
            judged = _sample(model, tokenizer, problems, parent, n, seed * 100 + n, config, pool, judge)
            metrics = sample_metrics(judged, config.samples)
            chosen = training_set(
                policy,
                [j.judgements() for j in judged],
                history,
                seed_pairs,
                fresh_human,
                rng,
                eval_prompts,
            )
            history = chosen.history
            write_samples(out / "samples" / f"{policy.name}-seed{seed}-gen{n}.jsonl.gz", judged, n, parent)
            train = fitting([(e.prompt, e.response) for e in chosen.examples], config.model.block_size)
            if not train:
                train = seed_pairs[:1]  # nothing kept (or nothing that fits): train on almost nothing
            if config.start == "scratch":
                trainer = prepare(train, config.base_recipe, seed * 100 + n, tokenizer=tokenizer)
            else:
                if config.start == "base":
                    model, tokenizer = model_from_state(base_state)
                trainer = prepare(train, config.finetune_recipe, seed * 100 + n, start=(model, tokenizer))
            trainer.fit()
            model = trainer.model  # trained in place
            scores = _evaluate(model, tokenizer, held, held_pairs, pool, config)
            model_id = f"seed{seed}/{policy.name}/v{n}"
            generations.append(
                Generation(
                    generation=n,
                    policy=policy.name,
                    model=model_id,
                    parent=parent,
                    start=config.start,
                    scores=scores,
                    metrics=metrics,
                    kept=len(chosen.kept),
                    training_examples=len(chosen.examples),
                    human_share=_human_share(chosen.examples),
                    gates=chosen.gates,
                    diversity_alarm=diversity_alarm(
                        metrics.distinct_3, base.human_distinct_3, config.diversity_drop
                    ),
                    seconds=round(time.perf_counter() - tick, 1),
                )
            )
            parent = model_id
    return ArmResult(asdict(policy), seed, base, tuple(generations), round(time.perf_counter() - started, 1))


# --- one generation's samples, and a model's scores --------------------------------------------------------


def _sample(
    model: Any,
    tokenizer: Any,
    problems: list[Problem],
    model_id: str,
    generation: int,
    seed: int,
    config: LoopConfig,
    pool: WorkerPool,
    judge: Judge,
) -> list[Judged]:
    """k samples at temperature of each problem by the model (sampling seeded by `seed`), judged."""
    asked = settings(config.temperature, config.max_tokens, seed)
    generator = LoopModel(model, tokenizer, model_id)
    return judge.judge(sample(generator, problems, config.samples, asked, generation, pool))


def _human_share(examples: list[Example]) -> float:
    """The human share of a training set; an empty one (a replacing arm that kept nothing: it trains on
    one seed trace) has none, rather than a division by zero that ended the arm."""
    return sum(e.origin == "human" for e in examples) / len(examples) if examples else 0.0


def _evaluate(
    model: Any,
    tokenizer: Any,
    held: list[Problem],
    held_pairs: list[tuple[str, str]],
    pool: WorkerPool,
    config: LoopConfig,
) -> Scores:
    """Greedy exact-answer accuracy (checked by `math-answer`) and NLL per token of clean reference traces."""
    from assay.training.measure import answer_accuracy, greedy, held_out_nll, model_completions

    completions = model_completions(model, tokenizer, [p.prompt for p in held], greedy(config.max_tokens))
    accuracy = answer_accuracy(held, completions, pool).accuracy
    return Scores(accuracy, held_out_nll(model, tokenizer, held_pairs))
