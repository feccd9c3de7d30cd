"""`assay experiment rewards`: does the reward model help? The data half: generator, pools, labels.

What is made, once, into the output folder (a re-run reuses every file that exists, so every
selector and every seed sees the same candidates):

- `generator.pt`: the tiny model whose samples are ranked (a workspace's model v1 when given, else
  one trained here on human-style traces in the `tiny-v1` layout, the layout the reward models read);
- `pools.jsonl.gz`: for each held-out problem, N samples at T = 1, judged by `math-steps` (every step)
  and `math-answer` (the final answer);
- `train-seed<S>.jsonl.gz`: per seed, samples of other problems (a stream of their own, prompts of the
  held-out set removed), judged the same way: the reward models' training data, different per seed;
- `planted.jsonl.gz`: verified pool traces with one number of one step changed, kept only when
  `math-steps` refutes the trace first at that step (the verifier is the ground truth, not the plant);
- `orm-seed<S>.pt`, `prm-seed<S>.pt`: the reward models (`assay.scoring.train.fit`, started from the
  generator's weights).

The ranking, the measures and the report are assay.loop.rewards_eval and assay.loop.rewards_report.
Nothing here evaluates model text: answers and steps are read by the math trace parser, verdicts come
from the registry's verifiers in the worker pool.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assay.backends.templates import load_template
from assay.engines.base import lend
from assay.errors import AssayError
from assay.loop.judging import Judge, Judged
from assay.loop.sampling import Sample, settings
from assay.records import Candidate, Problem, Status, StepStatus, Verdict, from_json, to_json
from assay.scoring.base import ScoreItem
from assay.stages.sample import SampleContext, SampleJob, read_response
from assay.stages.sample import sample as sample_stage
from assay.training.answers import read_answers
from assay.workers import WorkerPool

TEMPLATE = "tiny-v1"  # the prompt, then a newline: the layout assay.scoring.encoding reads
POOL_STREAM, PLANT_STREAM = 999, 998  # problem streams; training streams are the seeds' own


@dataclass(frozen=True)
class RewardsConfig:
    """Everything that decides the experiment's numbers (stored beside them as config.json)."""

    task: str = "linear"
    task_config: dict[str, Any] = field(default_factory=lambda: {"forms": "ax+b=c"})
    seeds: tuple[int, ...] = (1, 2, 3)  # one reward-model training set per seed
    # the generator, when no workspace model is given: trained here on human-style traces
    # (a generator of fewer steps wrote no trace the verifier accepts: 300 steps, 0 of 640 samples)
    generator_examples: int = 3000
    generator_steps: int = 1500
    generator_layers: int = 2
    pool_problems: int = 100  # held-out problems
    pool_size: int = 64  # samples per held-out problem: best-of-N runs N = 1, 2, 4, ... up to this
    train_problems: int = 400  # per seed: the reward models' training problems
    train_samples: int = 4  # samples per training problem
    rm_steps: int = 300
    rm_batch: int = 32
    rm_lr: float = 1e-3
    planted: int = 150  # verified traces to plant one error in
    draws: int = 32  # nested random subsets per problem for best-of-N below the pool size
    max_tokens: int = 64

    def __post_init__(self) -> None:
        if not self.seeds:
            raise AssayError("the rewards experiment needs at least one seed")
        counts = (self.pool_problems, self.pool_size, self.train_problems, self.train_samples, self.draws)
        if min(counts) < 1 or self.rm_steps < 1 or self.generator_steps < 1:
            raise AssayError("every count of the rewards experiment must be at least 1")

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "seeds": list(self.seeds)}


FULL = RewardsConfig()
QUICK = RewardsConfig(
    seeds=(1,),
    generator_examples=2000,
    generator_steps=1000,
    pool_problems=24,
    pool_size=16,
    train_problems=160,
    rm_steps=120,
    planted=40,
    draws=8,
)


@dataclass(frozen=True)
class Pooled:
    """One judged sample: what the reward models score, and the truth the selectors are measured by."""

    item: ScoreItem  # problem, candidate, verdicts (math-steps, then math-answer)
    value: str | None  # the answer's exact value (`4`, `-3/2`): what majority vote counts

    @property
    def correct(self) -> bool:
        """The final answer is right (`math-answer`): what best-of-N accuracy counts."""
        return self.item.verdicts[1].status is Status.VERIFIED

    @property
    def verified(self) -> bool:
        """Every step and the answer hold (`math-steps`)."""
        return self.item.verdicts[0].status is Status.VERIFIED


# --- the generator ----------------------------------------------------------------------------------------


def task(config: RewardsConfig) -> Any:
    from assay.registry import Registry

    return Registry.from_entry_points().task(config.task, config.task_config)


def generator(config: RewardsConfig, out: Path, workspace_model: Path | None) -> Path:
    """The generator's checkpoint: the workspace's model, copied in once (so the folder says what was
    ranked), else trained here once."""
    path = out / "generator.pt"
    if path.exists():
        return path
    if workspace_model is not None:
        path.write_bytes(workspace_model.read_bytes())
        return path
    import torch

    from assay.seed_data import human_style
    from assay.training.recipe import ModelShape, Optim, Recipe
    from assay.training.run import fitting, prepare

    torch.set_num_threads(1)
    template = load_template(TEMPLATE)
    found = task(config)  # once: a registry read per problem cost ~2 CPU minutes for 3,000 of them
    problems = [found.generate(0, i) for i in range(config.generator_examples)]
    rng = random.Random(0)
    pairs = [(template.render(p.prompt), human_style(p.reference["trace"], rng, 0.05).text) for p in problems]
    shape = ModelShape(n_layer=config.generator_layers, n_head=4, n_embd=64, block_size=96)
    optim = Optim(steps=config.generator_steps, batch_size=64, lr=3e-3, min_lr=3e-4, warmup=50)
    trainer = prepare(fitting(pairs, shape.block_size), Recipe(shape, optim), 0)
    trainer.fit()
    trainer.save(path)
    return path


# --- samples, judged --------------------------------------------------------------------------------------


def judged_samples(
    model_path: Path, problems: Sequence[Problem], n: int, seed: int, config: RewardsConfig, pool: WorkerPool
) -> list[Pooled]:
    """n samples at T = 1 of each problem by the generator, judged by both math verifiers."""
    from assay.backends.tiny import TinyGenerator

    tiny = TinyGenerator(model_path)
    sampling = settings(1.0, config.max_tokens, seed)
    with lend(tiny, f"generator {tiny.id}") as lent:
        context = SampleContext(lent, tiny.id, sampling, load_template(TEMPLATE), n, 1)
        made = sample_stage(context, [SampleJob(p) for p in problems])
    pairs: list[tuple[Problem, Candidate]] = []
    for problem, result in zip(problems, made, strict=True):
        if result.failed or len(result.candidates) != n:  # the model runs here: a failure is a bug
            raise AssayError(f"{tiny.id} failed to sample {problem.prompt!r}")
        pairs += [(problem, c) for c in sorted(result.candidates, key=lambda c: c.sample_index)]
    values = read_answers([p for p, _ in pairs], [c.text for _, c in pairs], pool)
    samples = [Sample(p, c, v.value) for (p, c), v in zip(pairs, values, strict=True)]
    with Judge(pool) as judge:
        return [as_pooled(j) for j in judge.judge(samples)]


def as_pooled(judged: Judged) -> Pooled:
    return Pooled(
        ScoreItem(judged.problem, judged.candidate, (judged.steps, judged.answer)), judged.sample.value
    )


def pool_problems(config: RewardsConfig) -> list[Problem]:
    found = task(config)
    return [found.generate(POOL_STREAM, i) for i in range(config.pool_problems)]


def train_problems(config: RewardsConfig, seed: int, held: Sequence[Problem]) -> list[Problem]:
    """The seed's training problems; any whose prompt is also held out is left out (a small task
    repeats prompts), so no reward model has seen a held-out problem."""
    found = task(config)
    taken = {p.prompt for p in held}
    made = (found.generate(seed * 1000 + 1, i) for i in range(config.train_problems))
    return [p for p in made if p.prompt not in taken]


# --- planted errors ---------------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+")


def plant(text: str, rng: random.Random) -> tuple[str, int] | None:
    """text with the last number of one line (not the last line) moved by 1-3, and that line's index;
    None when no line has a number. The verifier decides whether the result is an error there."""
    lines = text.split("\n")
    choices = [i for i, line in enumerate(lines[:-1]) if _NUMBER.search(line.split("=")[-1])]
    if not choices:
        return None
    k = rng.choice(choices)
    line = lines[k]
    head, _, tail = line.rpartition("=")
    matches = list(_NUMBER.finditer(tail))
    last = matches[-1]
    moved = int(last.group()) + rng.choice((-3, -2, -1, 1, 2, 3))
    if moved < 0:
        moved = int(last.group()) + 1
    lines[k] = f"{head}={tail[: last.start()]}{moved}{tail[last.end() :]}"
    return "\n".join(lines), k


def planted_samples(
    pool_items: Sequence[Pooled], config: RewardsConfig, pool: WorkerPool
) -> list[tuple[Pooled, int]]:
    """(planted trace, its first wrong step by math-steps) for verified pool traces, distinct texts."""
    rng = random.Random(PLANT_STREAM)
    seen: set[tuple[str, str]] = set()
    sources: list[Pooled] = []
    for entry in pool_items:
        key = (entry.item.problem.id, entry.item.candidate.text)
        if entry.verified and key not in seen:
            seen.add(key)
            sources.append(entry)
    rng.shuffle(sources)
    made: list[Sample] = []
    where: list[int] = []
    for entry in sources[: config.planted]:
        planted = plant(entry.item.candidate.text, rng)
        if planted is None:
            continue
        text, line = planted
        problem = entry.item.problem
        answer, steps = read_response(problem, text)
        made.append(Sample(problem, Candidate(problem.id, text, answer, steps, generator="planted"), None))
        where.append(line)
    with Judge(pool) as judge:
        judged = judge.judge(made)
    out = []
    for found, line in zip(judged, where, strict=True):
        first = first_error(found.steps)
        if found.steps.status is Status.REFUTED and first == line:
            out.append((as_pooled(found), line))
    return out


def first_error(verdict: Verdict) -> int | None:
    """The verdict's first refuted or unknown step (0-based), or None."""
    for i, step in enumerate(verdict.steps):
        if step.status in (StepStatus.REFUTED, StepStatus.UNKNOWN):
            return i
    return None


# --- the files --------------------------------------------------------------------------------------------


def write_pooled(path: Path, entries: Sequence[Pooled], extra: Sequence[int] | None = None) -> None:
    """Whole or not at all: the file's existence is what says it is made."""
    partial = path.with_name(path.name + ".partial")
    with gzip.open(partial, "wt", encoding="utf-8", compresslevel=3) as sink:
        for i, entry in enumerate(entries):
            row: dict[str, Any] = {
                "problem": to_json(entry.item.problem),
                "candidate": to_json(entry.item.candidate),
                "verdicts": [to_json(v) for v in entry.item.verdicts],
                "value": entry.value,
            }
            if extra is not None:
                row["first_error"] = extra[i]
            sink.write(json.dumps(row) + "\n")
    partial.replace(path)


def read_pooled(path: Path) -> tuple[list[Pooled], list[int]]:
    entries: list[Pooled] = []
    extra: list[int] = []
    with gzip.open(path, "rt", encoding="utf-8") as source:
        for line in source:
            row = json.loads(line)
            verdicts = tuple(from_json(Verdict, v) for v in row["verdicts"])
            item = ScoreItem(
                from_json(Problem, row["problem"]), from_json(Candidate, row["candidate"]), verdicts
            )
            entries.append(Pooled(item, row["value"]))
            if "first_error" in row:
                extra.append(int(row["first_error"]))
    return entries, extra


def cached(path: Path, make: Callable[[], list[Pooled]]) -> list[Pooled]:
    if not path.exists():
        write_pooled(path, make())
    return read_pooled(path)[0]
