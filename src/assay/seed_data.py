"""Human-style seed data: procedural traces written the way people write them, noise included.

Real human data is terse and imperfect. `human_style` turns a task's reference trace into compact lines
(`2x+5-5=13-5`, `2x=8`, `x=8/2=4`, `Verify: 2(4)+5=13`) and, for a configurable share of examples,
plants the mistakes people make: a typo in a number, a skipped step, a wrong final answer.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

NOISE_KINDS = ("typo", "skipped step", "wrong answer")


@dataclass(frozen=True)
class StyledTrace:
    text: str
    noise: str  # "" when clean, else one of NOISE_KINDS


def compact(trace: str) -> list[str]:
    """Reference trace → compact lines without labels, reasons, restatement or the closing sentence."""
    lines = []
    for line in trace.split("\n")[1:]:
        line = re.sub(r"^Step \d+: ", "", line)
        line = re.sub(r" \[[^\]]*\]$", "", line)
        if line.startswith("Therefore") or line.startswith("Answer"):
            continue
        if line.startswith("Verify: "):
            lines.append("Verify: " + line[len("Verify: ") :].replace(" ", ""))
        else:
            lines.append(line.replace(" ", ""))
    return lines


def human_style(trace: str, rng: random.Random, noise: float) -> StyledTrace:
    lines = compact(trace)
    if rng.random() >= noise or len(lines) < 2:
        return StyledTrace("\n".join(lines), "")
    kind = rng.choice(NOISE_KINDS)
    if kind == "skipped step" and len(lines) >= 3:
        del lines[rng.randrange(0, len(lines) - 2)]
    elif kind == "typo":
        i = rng.randrange(len(lines))
        digits = [m.start() for m in re.finditer(r"\d", lines[i])]
        if digits:
            k = rng.choice(digits)
            lines[i] = lines[i][:k] + str((int(lines[i][k]) + rng.randint(1, 9)) % 10) + lines[i][k + 1 :]
    else:
        i = next((k for k in range(len(lines) - 1, -1, -1) if not lines[k].startswith("Verify")), 0)
        lines[i] = re.sub(r"(-?\d+)$", lambda m: str(int(m.group(1)) + rng.choice((-1, 1))), lines[i])
    return StyledTrace("\n".join(lines), kind)
