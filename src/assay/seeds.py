"""Seed derivation shared by every sampler, local or remote."""

from __future__ import annotations

import hashlib


def sample_seed(seed: int, sample_index: int) -> int:
    """The seed of sample j alone: sample j of (seed) is sample 0 of (sample_seed(seed, j)).

    So a server asked for one sample at a time (n=1, seed=sample_seed(seed, j)) returns exactly sample j,
    and the streams of different seeds do not overlap (unlike seed + j).
    """
    if sample_index == 0:
        return seed
    digest = hashlib.sha256(f"sample|{seed}|{sample_index}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF
