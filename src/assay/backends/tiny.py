"""The `tiny:PATH` backend: assay's own model, sampled in this process (one torch thread by default)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assay.backends.base import Completion, SamplingSettings


class TinyGenerator:
    def __init__(self, path: Path | str, threads: int = 1) -> None:
        from assay.model import require_torch

        require_torch()
        import torch

        from assay.model.trainer import load_model

        torch.set_num_threads(threads)
        self.path = Path(path)
        self.model, self.tokenizer = load_model(self.path)
        self.id = f"tiny:{self.path.name}"

    def complete(
        self, prompts: Sequence[str], n: int, settings: SamplingSettings, first_sample: int = 0
    ) -> list[Completion]:
        from assay.model.sampling import SamplingParams, sample

        params = SamplingParams(
            settings.temperature,
            settings.top_k,
            settings.top_p,
            settings.max_tokens,
            settings.stop,
            settings.seed,
        )
        rows = sample(self.model, self.tokenizer, prompts, n=n, params=params, first_sample=first_sample)
        out = []
        for i, row in enumerate(rows):
            for s in row:
                out.append(
                    Completion(
                        i,
                        s.sample_index,
                        s.text,
                        finish_reason=s.finish_reason,
                        prompt_tokens=len(prompts[i]) + 1,
                        completion_tokens=s.tokens,
                    )
                )
        return out
