"""The `tiny:PATH` backend: assay's own model, sampled in this process (one torch thread by default).

Its id names the checkpoint file *and a hash of its weights* (`tiny:v1.pt@3f2a9c1b07de`): the file name
alone says nothing about what the model is, so two different models saved under one name would
otherwise share candidate ids, attempts and exports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assay.backends.base import Completion, SamplingSettings


class TinyGenerator:
    def __init__(self, path: Path | str, threads: int = 1) -> None:
        from assay.model import require_torch

        require_torch()
        import torch

        from assay.model.trainer import load_model

        torch.set_num_threads(threads)
        self.path = Path(path)
        self._hold(*load_model(self.path), self.path.name)

    @classmethod
    def in_memory(cls, model: Any, tokenizer: Any, name: str = "memory") -> TinyGenerator:
        """A model that was never written to a file (the loop's generations), as a generator."""
        generator = cls.__new__(cls)
        generator.path = Path(name)
        generator._hold(model, tokenizer, name)
        return generator

    def _hold(self, model: Any, tokenizer: Any, name: str) -> None:
        self.model, self.tokenizer = model, tokenizer
        self.weights = weights_hash(model, tokenizer)
        self.id = f"tiny:{name}@{self.weights}"

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


def weights_hash(model: Any, tokenizer: Any) -> str:
    """12 hex digits of SHA-256 over what decides a sample: the model config, the vocabulary and every
    weight tensor (not the optimizer or RNG state, so a resumed training run hashes like a straight one)."""
    digest = hashlib.sha256()
    digest.update(json.dumps(model.config.to_json(), sort_keys=True).encode())
    digest.update(json.dumps(tokenizer.to_json(), sort_keys=True).encode())
    for name, tensor in sorted(model.state_dict().items()):
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()[:12]
