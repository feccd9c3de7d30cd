"""Training and measuring assay's tiny model: the one home of the recipe, train-or-resume, held-out NLL
and exact-answer accuracy, used by `assay run`, `assay loop`, `assay experiment collapse` and `assay model`.

    recipe.py   the model's shape and the optimiser (config tables with their ranges and rules)
    run.py      a Trainer by the recipe: new, fine-tuning a model in memory, or resumed from a checkpoint
    measure.py  held-out NLL and exact-answer accuracy (answers checked by the verifier)
    answers.py  a sample's final answer, read by the domain's parser in the worker pool

The checkpoint format itself is `assay.model.checkpoint`'s (the model layer reads it to sample). Only
recipe.py is imported here: the rest needs torch, which a config check must not.
"""

from __future__ import annotations

from assay.training.recipe import (
    ModelShape,
    Optim,
    Recipe,
    build_table,
    optim_rules,
    recipe_rules,
    shape_rules,
)

__all__ = ["ModelShape", "Optim", "Recipe", "build_table", "optim_rules", "recipe_rules", "shape_rules"]
