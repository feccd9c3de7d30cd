"""Persistence: the workspace database."""

from assay.store.store import Store

__all__ = ["Store"]
