"""A generation's training set: what a policy keeps of the samples, and the history it carries forward.

The samples arrive judged (assay.loop.judging); this module only chooses, by the policy's three
choices (which samples, which generations, how much human data; assay.loop.policies), and passes a
curated policy's set through the gates (duplicates, near-duplicates, prompts of the held-out set).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from assay.loop.curation import Example, GateCounts, curate
from assay.loop.policies import Policy


@dataclass(frozen=True)
class Judgements:
    """One sample, with what each oracle said of it."""

    prompt: str
    response: str
    verified: bool  # `math-steps`: every step and the answer
    answer_ok: bool  # `math-answer`: the final answer alone
    weak_ok: bool  # the weak oracle: the answer's parity


@dataclass(frozen=True)
class TrainingSet:
    examples: list[Example]  # what the next model trains on (after the gates, for curated policies)
    kept: list[tuple[str, str]]  # this generation's samples the policy keeps
    history: list[tuple[str, str]]  # every kept model sample so far: what accumulate reuses next time
    gates: GateCounts | None  # what the gates removed, for curated policies


def _keeps(policy: Policy, sample: Judgements, rng: random.Random) -> bool:
    if policy.keep == "all":
        return True
    if policy.keep == "verified":
        return sample.verified
    if policy.keep == "answer":
        return sample.answer_ok
    if policy.keep == "weak":
        return sample.weak_ok
    # "noisy": a verifier with a false-accept rate q; a rejected sample slips through with chance q
    # (one draw per rejected sample, as the experiment's published numbers were made)
    return sample.verified or rng.random() < policy.false_accept


def training_set(
    policy: Policy,
    samples: Sequence[Judgements],
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
    kept = [(s.prompt, s.response) for s in samples if _keeps(policy, s, rng)]
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
