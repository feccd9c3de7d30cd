"""Training-set policies of the generational loop, each a composition of three choices:

- which samples: all of them (naive), those `math-steps` verifies (every step and the answer), those
  whose final answer alone checks (`answer`: flawed steps pass), those whose final answer has the right
  parity (`weak`: a deliberately weak oracle, like comparing answers modulo 100 on larger numbers),
  or verified with a false-accept rate q (`noisy`: a share q of the rejected samples slips through);
- which generations: this one only (replace) or every one so far (accumulate);
- how much human data: the human seed kept in the mix, and/or a fresh human share k of the set.
"""

from __future__ import annotations

from dataclasses import dataclass

KEEP = ("all", "verified", "answer", "weak", "noisy")


@dataclass(frozen=True)
class Policy:
    name: str
    keep: str = "all"
    accumulate: bool = False
    seed_data: bool = False  # keep the human seed traces in every training set
    human_share: float = 0.0  # fresh human traces as this share of the training set
    false_accept: float = 0.0  # for keep="noisy"
    curate: bool = False  # dedup and decontamination gates before training

    def __post_init__(self) -> None:
        if self.keep not in KEEP:
            raise ValueError(f"keep must be one of {KEEP}")
        if not 0 <= self.human_share < 1 or not 0 <= self.false_accept <= 1:
            raise ValueError("human_share must be in [0, 1) and false_accept in [0, 1]")


POLICIES = {
    p.name: p
    for p in (
        Policy("naive-replace"),
        Policy("naive-accumulate", accumulate=True, seed_data=True),
        Policy("replace+10%-human", human_share=0.10),
        Policy("verified-replace", keep="verified", curate=True),
        Policy("verified-accumulate", keep="verified", accumulate=True, seed_data=True, curate=True),
        Policy("answer-only", keep="answer", accumulate=True, seed_data=True, curate=True),
        Policy("weak-verifier", keep="weak", accumulate=True, seed_data=True, curate=True),
        Policy(
            "noisy-verifier", keep="noisy", false_accept=0.2, accumulate=True, seed_data=True, curate=True
        ),
    )
}
