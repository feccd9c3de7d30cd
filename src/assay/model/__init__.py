"""assay's own tiny transformer: model v1 of the embedded default, trained on a CPU in minutes.

Needs PyTorch (`pip install 'assay[model]'`; install torch==2.13.0 first on CPU-only machines).
"""

from __future__ import annotations

from assay.errors import AssayError


def require_torch() -> None:
    """Raise a clear error naming the install command when PyTorch is missing."""
    try:
        import torch  # noqa: F401
    except ImportError as exc:
        raise AssayError(
            "the tiny model needs PyTorch: pip install torch==2.13.0 'assay[model]' (the CPU build first)"
        ) from exc
