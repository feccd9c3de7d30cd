"""How a formula is named in a step's evidence: "r3c4 = 7", "the dog is in house 1", "Ava = knight",
"(p = true) or (q = false)"."""

from __future__ import annotations

from assay.domains.logic.csp import Formula


def describe(formula: Formula) -> str:
    """The formula in the words evidence uses."""
    op = formula[0]
    if op == "var":
        key, value = formula[1], formula[2]
        if isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, int) for k in key):
            return f"r{key[0] + 1}c{key[1] + 1} = {value}"
        if isinstance(key, tuple):
            return f"{key[1]} is in house {value}"
        return f"{key} = {value}"
    if op == "not":
        return f"not ({describe(formula[1])})"
    if op in ("true", "false"):
        return str(op)
    return f" {op} ".join(f"({describe(g)})" for g in formula[1:])
