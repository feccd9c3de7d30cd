"""Procedural math tasks, each with a reference solver that writes a step-by-step trace.

Every trace has numbered steps, a bracketed reason per step, a `Verify:` line that puts the answer back
into the problem, and a final answer line, e.g.

    Step 1: 2x + 5 = 13 [the equation]
    Step 2: 2x + 5 - 5 = 13 - 5 [subtract 5 from both sides]
    Step 3: 2x = 8 [simplify]
    Step 4: x = 8/2 = 4 [divide both sides by 2]
    Verify: 2(4) + 5 = 13
    Therefore x = 4.

The trace goes into `reference["trace"]`, so the problem carries its own worked solution.

The tasks live in equation_tasks.py (linear, quadratic, system) and number_tasks.py (arithmetic,
Game of 24); this module is the one the `assay.tasks` entry points in pyproject.toml name.
"""

from __future__ import annotations

from assay.domains.math.equation_tasks import LinearEquation, LinearSystem, QuadraticEquation
from assay.domains.math.number_tasks import FractionArithmetic, Game24

__all__ = ["FractionArithmetic", "Game24", "LinearEquation", "LinearSystem", "QuadraticEquation"]
