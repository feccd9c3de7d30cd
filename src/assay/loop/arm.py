"""One seed's base model, and one arm of the generational loop; each runs as its own process.

    python -m assay.loop.arm base --config CONFIG.json --seed 1 --out DIR
    python -m assay.loop.arm arm --config CONFIG.json --seed 1 --policy verified-accumulate --out DIR

base: the human seed (compact traces, a share with natural noise) trains generation 0; its metrics are
generation 0 of every arm. arm: for each generation n = 1..G, model v(n-1) samples k answers at T = 1 for
fresh problems; `math-steps` (every step) and `math-answer` (final answer only) judge them; the
policy builds the training set; v(n) is fine-tuned from the base checkpoint (or the current one, or
trained from scratch: `start`) with a fixed step budget; v(n) is evaluated on a fixed held-out set.
Every number, with each model's parent (lineage), goes to DIR/<policy>-seed<S>.json.

Training, resuming and measuring are assay.training's (the recipe in LoopConfig: `model`, `base`,
`finetune`); each sample's answer is read by the math domain's parser (assay.training.answers), the way
every candidate is read, never by string work here.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assay.loop.config import LoopConfig
from assay.loop.curation import Example, GateCounts, curate
from assay.loop.metrics import answer_spread, compression_ratio, distinct_n, diversity_alarm
from assay.loop.policies import POLICIES, Policy

__all__ = ["LoopConfig", "TrainingSet", "held_out", "parity_matches", "run_arm", "run_base", "training_set"]


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


def _train(trainer: Any) -> Any:
    """Fit, and hand back the model (trained in place)."""
    trainer.fit()
    return trainer.model


def _evaluate(
    model: Any,
    tokenizer: Any,
    held: list[Any],
    held_pairs: list[tuple[str, str]],
    pool: Any,
    config: LoopConfig,
) -> dict[str, float]:
    """Greedy exact-answer accuracy (checked by `math-answer`) and NLL per token of clean reference traces."""
    from assay.training.measure import answer_accuracy, greedy, held_out_nll, model_completions

    completions = model_completions(model, tokenizer, [p.prompt for p in held], greedy(config.max_tokens))
    accuracy = answer_accuracy(held, completions, pool).accuracy
    return {"accuracy": accuracy, "nll": held_out_nll(model, tokenizer, held_pairs)}


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
    from assay.training.answers import read_answers

    params = SamplingParams(config.temperature, max_tokens=config.max_tokens, seed=seed)
    rows = sample(model, tokenizer, [p.prompt for p in problems], n=config.samples, params=params)
    sampling = {"temperature": config.temperature, "max_tokens": config.max_tokens}
    asked = [(p, j, s.text) for p, row in zip(problems, rows, strict=True) for j, s in enumerate(row)]
    read = read_answers([p for p, _, _ in asked], [text for _, _, text in asked], pool)
    pairs = [
        (
            p,
            Candidate(
                p.id,
                text,
                answer.text,
                generator=model_id or "unknown",
                generation=generation,
                sample_index=j,
                seed=seed,
                params=sampling,
            ),
        )
        for (p, j, text), answer in zip(asked, read, strict=True)
    ]
    steps, answers = _judge(pairs, pool)
    texts = [c.text for _, c in pairs]
    values = iter(a.value for a in read)
    spread = answer_spread([[next(values) for _ in row] for row in rows])
    return {
        "records": [(p, c, [v, a]) for (p, c), v, a in zip(pairs, steps, answers, strict=True)],
        "pairs": [(p.prompt, c.text) for p, c in pairs],
        "verified": [v.status == Status.VERIFIED for v in steps],
        "answer_ok": [v.status == Status.VERIFIED for v in answers],
        "weak_ok": [
            parity_matches(a.value, str(p.reference.get("answer", "")))
            for (p, _), a in zip(pairs, read, strict=True)
        ],
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
    from assay.training.answers import read_answers

    read = read_answers(problems, [text for _, text in pairs], pool)
    judged = [
        (p, Candidate(p.id, text, answer.text, generator=HUMAN_SEED, seed=seed))
        for p, (_, text), answer in zip(problems, pairs, read, strict=True)
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


def parity_matches(value: str | None, gold: str) -> bool:
    """The deliberately weak oracle: the answer's exact value is a whole number of gold's parity (about
    half of the wrong answers pass, as comparing modulo 100 lets wrong answers through on larger numbers).
    value is what the domain's parser read (assay.training.answers); no value passes nothing."""
    if value is None or not re.fullmatch(r"-?\d{1,12}", value) or not re.fullmatch(r"-?\d{1,12}", gold):
        return False
    return int(value) % 2 == int(gold) % 2


# --- jobs --------------------------------------------------------------------------------------------------


def run_base(config: LoopConfig, seed: int, out: Path) -> dict[str, Any]:
    import torch

    from assay.training.run import fitting, prepare
    from assay.workers import WorkerPool

    torch.set_num_threads(1)
    started = time.perf_counter()
    rng = random.Random(seed)
    seed_problems = _problems(config, seed, 0, config.seed_examples)
    pairs = _human(seed_problems, rng, config.seed_noise)
    held = held_out(config, seed)
    held_pairs = _human(held, random.Random(seed + 1), 0.0)
    trainer = prepare(fitting(pairs, config.model.block_size), config.base_recipe, seed)
    _train(trainer)
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

    from assay.model.checkpoint import load_state, model_from_state
    from assay.training.run import fitting, prepare
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
            train = fitting([(e.prompt, e.response) for e in examples], config.model.block_size)
            if not train:
                train = seed_pairs[:1]  # nothing kept (or nothing that fits): train on almost nothing
            if config.start == "scratch":
                trainer = prepare(train, config.base_recipe, seed * 100 + n, tokenizer=tokenizer)
            else:
                if config.start == "base":
                    model, tokenizer = model_from_state(base_state)
                trainer = prepare(train, config.finetune_recipe, seed * 100 + n, start=(model, tokenizer))
            model = _train(trainer)
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
    config = LoopConfig.from_json(json.loads(args.config.read_text()), where=str(args.config))
    args.out.mkdir(parents=True, exist_ok=True)
    if args.job == "base":
        run_base(config, args.seed, args.out)
    else:
        run_arm(config, POLICIES[args.policy], args.seed, args.out)


if __name__ == "__main__":
    main()
