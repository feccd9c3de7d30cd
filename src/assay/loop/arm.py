"""One seed's base model, and one arm of the generational loop; each runs as its own process.

    python -m assay.loop.arm base --config CONFIG.json --seed 1 --out DIR
    python -m assay.loop.arm arm --config CONFIG.json --seed 1 --policy verified-accumulate --out DIR

base: the human seed (compact traces, a share with natural noise) trains generation 0; its metrics are
generation 0 of every arm. arm: for each generation n = 1..G, model v(n-1) samples k answers at T = 1 for
fresh problems; `math-steps` (every step) and `math-answer` (final answer only) judge them; the
policy builds the training set; v(n) is fine-tuned from the base checkpoint (or the current one, or
trained from scratch: `start`) with a fixed step budget; v(n) is evaluated on a fixed held-out set.
Every number, with each model's parent (lineage), goes to DIR/<policy>-seed<S>.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import time
from collections.abc import Sequence
from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from assay.loop.curation import Example, GateCounts, curate
from assay.loop.metrics import answer_spread, compression_ratio, distinct_n, diversity_alarm
from assay.loop.policies import POLICIES, Policy

ZERO_ALLOWED = ("seed_noise", "temperature", "diversity_drop")


@dataclass(frozen=True)
class LoopConfig:
    task: str = "linear"
    task_config: dict[str, Any] = field(default_factory=dict)
    seed_examples: int = 2000  # human seed traces
    seed_noise: float = 0.05
    generations: int = 4
    problems: int = 1000  # fresh problems per generation
    samples: int = 2  # answers per problem, at temperature
    temperature: float = 1.0
    max_tokens: int = 56
    base_steps: int = 1500
    finetune_steps: int = 300
    batch_size: int = 64
    lr: float = 3e-3
    finetune_lr: float = 1e-3
    n_layer: int = 2
    n_head: int = 4
    n_embd: int = 64
    block_size: int = 72
    eval_problems: int = 300
    start: str = "base"  # fine-tune each generation from "base", from the "current" model, or "scratch"
    diversity_drop: float = 0.3  # alarm when distinct-3 falls this far below the human reference

    def __post_init__(self) -> None:
        """Types and ranges, so a bad config fails at once and not in a job minutes later."""
        for f in fields(self):
            value = getattr(self, f.name)
            kind = dict if f.default is MISSING else type(f.default)
            number = isinstance(value, int | float) and not isinstance(value, bool)
            ok = number if kind is float else isinstance(value, kind) and type(value) is not bool
            if not ok:
                raise ValueError(f"loop config {f.name} must be of type {kind.__name__}, not {value!r}")
            if number and (value < 0 or (value == 0 and f.name not in ZERO_ALLOWED)):
                raise ValueError(f"loop config {f.name} must be positive, not {value!r}")
        if self.seed_noise > 1 or self.diversity_drop > 1:
            raise ValueError("loop config seed_noise and diversity_drop must be in [0, 1]")
        if self.start not in ("base", "current", "scratch"):
            raise ValueError(f"loop config start must be base, current or scratch, not {self.start!r}")

    @classmethod
    def from_json(cls, data: dict[str, Any], base: LoopConfig | None = None) -> LoopConfig:
        """`base` (default: the defaults) with the keys of `data`; ValueError on unknown keys or values."""
        known = {f for f in cls.__dataclass_fields__}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown loop config key(s) {unknown}; known: {sorted(known)}")
        return replace(base or cls(), **data)


# --- data ------------------------------------------------------------------------------------------------


def _task(config: LoopConfig) -> Any:
    from assay.registry import Registry

    return Registry.from_entry_points().task(config.task, config.task_config)


def _human(problems: list[Any], rng: random.Random, noise: float) -> list[tuple[str, str]]:
    from assay.seed_data import human_style

    return [(p.prompt, human_style(p.reference["trace"], rng, noise).text) for p in problems]


def _problems(config: LoopConfig, seed: int, stream: int, n: int) -> list[Any]:
    task = _task(config)
    return [task.generate(seed * 1000 + stream, i) for i in range(n)]


def held_out(config: LoopConfig, seed: int) -> list[Any]:
    return _problems(config, seed, 999, config.eval_problems)


# --- model -----------------------------------------------------------------------------------------------


def _train_config(config: LoopConfig, steps: int, lr: float, seed: int) -> Any:
    from assay.model.trainer import TrainConfig

    return TrainConfig(
        steps=steps,
        batch_size=config.batch_size,
        lr=lr,
        min_lr=lr / 10,
        warmup=min(100, steps // 10),
        eval_every=10**9,
        checkpoint_every=10**9,
        seed=seed,
    )


def _model_options(config: LoopConfig) -> dict[str, int]:
    return {
        "n_layer": config.n_layer,
        "n_head": config.n_head,
        "n_embd": config.n_embd,
        "block_size": config.block_size,
    }


def _fit(trainer: Any) -> None:
    limit = trainer.model.config.block_size
    trainer.train = [
        x for x in trainer.train if len(x[0]) <= limit
    ]  # a rambling sample cannot be learnt whole
    trainer.fit()


def _evaluate(
    model: Any,
    tokenizer: Any,
    held: list[Any],
    held_pairs: list[tuple[str, str]],
    pool: Any,
    config: LoopConfig,
) -> dict[str, float]:
    """Greedy exact-answer accuracy (checked by `math-answer`) and NLL per token of clean reference traces."""
    from assay.domains.math.verifier import AnswerVerifier
    from assay.model.sampling import SamplingParams, sample
    from assay.model.trainer import Trainer, encode_pair
    from assay.records import Candidate, Status

    rows = sample(
        model,
        tokenizer,
        [p.prompt for p in held],
        n=1,
        params=SamplingParams(0.0, max_tokens=config.max_tokens),
    )
    verdicts = AnswerVerifier(pool=pool).verify_many(
        [(p, Candidate(p.id, r[0].text, None)) for p, r in zip(held, rows, strict=True)]
    )
    accuracy = sum(v.status == Status.VERIFIED for v in verdicts) / len(held)
    examples = [encode_pair(tokenizer, p, r) for p, r in held_pairs]
    nll = Trainer(model, tokenizer, _train_config(config, 1, 1e-3, 0), examples, examples).evaluate()
    return {"accuracy": accuracy, "nll": nll}


def _samples(
    model: Any,
    tokenizer: Any,
    problems: list[Any],
    config: LoopConfig,
    seed: int,
    pool: Any,
    model_id: str = "",
    generation: int = 0,
) -> dict[str, Any]:
    """k samples per problem at T, judged by `math-steps` and `math-answer`, with diversity metrics;
    each sample a Candidate of the model that wrote it, in this generation (its lineage)."""
    from assay.model.sampling import SamplingParams, sample
    from assay.records import Candidate, Status

    params = SamplingParams(config.temperature, max_tokens=config.max_tokens, seed=seed)
    rows = sample(model, tokenizer, [p.prompt for p in problems], n=config.samples, params=params)
    sampling = {"temperature": config.temperature, "max_tokens": config.max_tokens}
    pairs = [
        (
            p,
            Candidate(
                p.id,
                s.text,
                final_answer(s.text),
                generator=model_id or "unknown",
                generation=generation,
                sample_index=j,
                seed=seed,
                params=sampling,
            ),
        )
        for p, row in zip(problems, rows, strict=True)
        for j, s in enumerate(row)
    ]
    steps, answers = _judge(pairs, pool)
    texts = [c.text for _, c in pairs]
    spread = answer_spread([[final_answer(s.text) for s in row] for row in rows])
    return {
        "records": [(p, c, [v, a]) for (p, c), v, a in zip(pairs, steps, answers, strict=True)],
        "pairs": [(p.prompt, c.text) for p, c in pairs],
        "verified": [v.status == Status.VERIFIED for v in steps],
        "answer_ok": [v.status == Status.VERIFIED for v in answers],
        "weak_ok": [parity_matches(c.text, str(p.reference.get("answer", ""))) for p, c in pairs],
        "metrics": {
            "yield": sum(v.status == Status.VERIFIED for v in steps) / len(pairs),
            "answer_yield": sum(v.status == Status.VERIFIED for v in answers) / len(pairs),
            "distinct_3": distinct_n(texts, 3),
            "compression": compression_ratio(texts),
            "distinct_answers": spread[0],
            "answer_entropy": spread[1],
        },
    }


def _judge(pairs: list[tuple[Any, Any]], pool: Any) -> tuple[list[Any], list[Any]]:
    """The `math-steps` and the `math-answer` verdicts of each (problem, candidate)."""
    from assay.domains.math.verifier import AnswerVerifier, StepVerifier

    return StepVerifier(pool=pool).verify_many(pairs), AnswerVerifier(pool=pool).verify_many(pairs)


HUMAN_SEED = "human-seed@1"


def _human_records(
    problems: list[Any], pairs: list[tuple[str, str]], seed: int, pool: Any
) -> list[tuple[Any, Any, list[Any]]]:
    """The human seed traces as candidates of generation 0 (what `assay export` counts as human)."""
    from assay.records import Candidate

    judged = [
        (p, Candidate(p.id, text, final_answer(text), generator=HUMAN_SEED, seed=seed))
        for p, (_, text) in zip(problems, pairs, strict=True)
    ]
    steps, answers = _judge(judged, pool)
    return [(p, c, [v, a]) for (p, c), v, a in zip(judged, steps, answers, strict=True)]


def _write_records(
    path: Path, records: list[tuple[Any, Any, list[Any]]], extra: list[dict[str, Any]]
) -> None:
    """One gzipped JSON line per sample: the problem, the candidate, its verdicts, plus `extra`."""
    from assay.records import to_json

    path.parent.mkdir(exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=3) as sink:
        for (problem, candidate, verdicts), more in zip(records, extra, strict=True):
            row = {
                **more,
                "problem": to_json(problem),
                "candidate": to_json(candidate),
                "verdicts": [to_json(v) for v in verdicts],
            }
            sink.write(json.dumps(row) + "\n")


def parity_matches(text: str, gold: str) -> bool:
    """The deliberately weak oracle: the final answer is a whole number of gold's parity (about half of
    the wrong answers pass, as comparing modulo 100 lets wrong answers through on larger numbers)."""
    found = final_answer(text)
    if found is None or not re.fullmatch(r"-?\d{1,12}", found) or not re.fullmatch(r"-?\d{1,12}", gold):
        return False
    return int(found) % 2 == int(gold) % 2


def final_answer(text: str) -> str | None:
    """The text after the last '=' of the last line that is not a Verify line (string work only)."""
    for line in reversed(text.splitlines()):
        if line.strip() and not line.lower().startswith(("verify", "check")):
            return line.rsplit("=", 1)[-1].strip()[:40] if "=" in line else None
    return None


# --- jobs --------------------------------------------------------------------------------------------------


def run_base(config: LoopConfig, seed: int, out: Path) -> dict[str, Any]:
    import torch

    from assay.model.trainer import Trainer
    from assay.workers import WorkerPool

    torch.set_num_threads(1)
    started = time.perf_counter()
    rng = random.Random(seed)
    seed_problems = _problems(config, seed, 0, config.seed_examples)
    pairs = _human(seed_problems, rng, config.seed_noise)
    held = held_out(config, seed)
    held_pairs = _human(held, random.Random(seed + 1), 0.0)
    trainer = Trainer.create(
        pairs, _train_config(config, config.base_steps, config.lr, seed), _model_options(config), held_pairs
    )
    _fit(trainer)
    path = out / f"base-seed{seed}.pt"
    trainer.save(path)
    with WorkerPool(size=1, timeout=5.0) as pool:
        human = _human_records(seed_problems, pairs, seed, pool)
        _write_records(
            out / "samples" / f"human-seed{seed}.jsonl.gz",
            human,
            [{"generation": 0, "model": HUMAN_SEED}] * len(human),
        )
        scores = _evaluate(trainer.model, trainer.tokenizer, held, held_pairs, pool, config)
        judged = _samples(
            trainer.model, trainer.tokenizer, _problems(config, seed, 1, config.problems), config, seed, pool
        )
    human_texts = [r for _, r in pairs]
    result = {
        "seed": seed,
        "model": {
            "id": f"seed{seed}/v0",
            "parent": None,
            "path": str(path),
            "parameters": trainer.model.num_parameters(),
        },
        "generation": 0,
        **scores,
        **judged["metrics"],
        "human_distinct_3": distinct_n(human_texts, 3),
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / f"base-seed{seed}.json").write_text(json.dumps(result, indent=1))
    return result


@dataclass(frozen=True)
class TrainingSet:
    examples: list[Example]  # what the next model trains on (after the gates, for curated policies)
    kept: list[tuple[str, str]]  # this generation's samples the policy keeps
    history: list[tuple[str, str]]  # every kept model sample so far: what accumulate reuses next time
    gates: GateCounts | None  # what the gates removed, for curated policies


def training_set(
    policy: Policy,
    generation: dict[str, Any],
    history: list[tuple[str, str]],
    seed_pairs: list[tuple[str, str]],
    fresh_human: list[tuple[str, str]],
    rng: random.Random,
    eval_prompts: Sequence[str] = (),
) -> TrainingSet:
    """The policy's training set for this generation, and the history the next generation starts from
    (only kept samples ever enter it, so an accumulating arm never trains on what it rejected).
    Curated policies pass the set through the gates (duplicates, near-duplicates, prompts contaminated
    by eval_prompts)."""
    kept = []
    for pair, ok, answer_ok, weak_ok in zip(
        generation["pairs"],
        generation["verified"],
        generation["answer_ok"],
        generation["weak_ok"],
        strict=True,
    ):
        take = {
            "all": True,
            "verified": ok,
            "answer": answer_ok,
            "weak": weak_ok,
            "noisy": ok or rng.random() < policy.false_accept,
        }[policy.keep]
        if take:
            kept.append((pair[0], pair[1]))
    model_pairs = history + kept if policy.accumulate else kept
    examples = [Example(p, r, "model") for p, r in model_pairs]
    if policy.seed_data:
        examples = [Example(p, r, "human") for p, r in seed_pairs] + examples
    if policy.human_share > 0:
        extra = int(len(examples) * policy.human_share / (1 - policy.human_share))
        examples += [Example(p, r, "human") for p, r in fresh_human[:extra]]
    gates = None
    if policy.curate:
        examples, gates = curate(examples, eval_prompts)
    return TrainingSet(examples, kept, history + kept, gates)


def _write_samples(out: Path, policy: str, seed: int, n: int, model: str, judged: dict[str, Any]) -> None:
    """Every sample of generation n with the model that wrote it and its verdicts (lineage)."""
    rows = [{"generation": n, "model": model}] * len(judged["records"])
    _write_records(out / "samples" / f"{policy}-seed{seed}-gen{n}.jsonl.gz", judged["records"], rows)


def run_arm(config: LoopConfig, policy: Policy, seed: int, out: Path) -> dict[str, Any]:
    import torch

    from assay.model.trainer import Trainer, encode_pair, load_state, model_from_state
    from assay.workers import WorkerPool

    torch.set_num_threads(1)
    started = time.perf_counter()
    base = json.loads((out / f"base-seed{seed}.json").read_text())
    base_state = load_state(Path(base["model"]["path"]))
    model, tokenizer = model_from_state(base_state)
    rng = random.Random(f"{policy.name}-{seed}")
    seed_pairs = _human(
        _problems(config, seed, 0, config.seed_examples), random.Random(seed), config.seed_noise
    )
    held = held_out(config, seed)
    held_pairs = _human(held, random.Random(seed + 1), 0.0)
    eval_prompts = [p.prompt for p in held]
    fresh_human = _human(
        _problems(config, seed, 500, config.problems * config.samples),
        random.Random(seed + 2),
        config.seed_noise,
    )
    generations = [{**base, "policy": policy.name}]
    history: list[tuple[str, str]] = []
    parent = base["model"]["id"]
    with WorkerPool(size=1, timeout=5.0) as pool:
        for n in range(1, config.generations + 1):
            tick = time.perf_counter()
            problems = _problems(config, seed, n, config.problems)
            judged = _samples(model, tokenizer, problems, config, seed * 100 + n, pool, parent, n)
            chosen = training_set(policy, judged, history, seed_pairs, fresh_human, rng, eval_prompts)
            examples, kept, history = chosen.examples, chosen.kept, chosen.history
            gates = None
            if chosen.gates is not None:
                gates = {
                    "exact_duplicates": chosen.gates.exact_duplicates,
                    "near_duplicates": chosen.gates.near_duplicates,
                    "contaminated": chosen.gates.contaminated,
                }
            _write_samples(out, policy.name, seed, n, parent, judged)
            if not examples:
                examples = [
                    Example(p, r, "human") for p, r in seed_pairs[:1]
                ]  # nothing kept: train on almost nothing
            train = [encode_pair(tokenizer, e.prompt, e.response) for e in examples]
            if config.start == "scratch":
                from assay.model.gpt import GPT, GPTConfig

                torch.manual_seed(seed * 100 + n)
                model = GPT(GPTConfig(vocab_size=tokenizer.vocab_size, **_model_options(config)))
                steps, lr = config.base_steps, config.lr
            else:
                if config.start == "base":
                    model, tokenizer = model_from_state(base_state)
                steps, lr = config.finetune_steps, config.finetune_lr
            trainer = Trainer(model, tokenizer, _train_config(config, steps, lr, seed * 100 + n), train)
            _fit(trainer)
            model = trainer.model
            scores = _evaluate(model, tokenizer, held, held_pairs, pool, config)
            human_share = sum(e.origin == "human" for e in examples) / len(examples)
            model_id = f"seed{seed}/{policy.name}/v{n}"
            generations.append(
                {
                    "generation": n,
                    "policy": policy.name,
                    "model": {
                        "id": model_id,
                        "parent": parent,  # the model it was fine-tuned from and whose samples it learnt
                        "start": config.start,
                    },
                    **scores,
                    **judged["metrics"],
                    "kept": len(kept),
                    "training_examples": len(examples),
                    "human_share": human_share,
                    "gates": gates,
                    "diversity_alarm": diversity_alarm(
                        judged["metrics"]["distinct_3"], base["human_distinct_3"], config.diversity_drop
                    ),
                    "seconds": round(time.perf_counter() - tick, 1),
                }
            )
            parent = model_id
    result = {
        "policy": asdict(policy),
        "seed": seed,
        "generations": generations,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / f"{policy.name}-seed{seed}.json").write_text(json.dumps(result, indent=1))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m assay.loop.arm")
    parser.add_argument("job", choices=("base", "arm"))
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--policy", default=None)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    config = LoopConfig.from_json(json.loads(args.config.read_text()))
    args.out.mkdir(parents=True, exist_ok=True)
    if args.job == "base":
        run_base(config, args.seed, args.out)
    else:
        run_arm(config, POLICIES[args.policy], args.seed, args.out)


if __name__ == "__main__":
    main()
