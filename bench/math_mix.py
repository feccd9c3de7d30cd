"""A realistic mix of math traces for bench/verify_math.py's second section: the procedural tasks' traces
rewritten as a model writes them (prose lines between the math, reasons said in sentences, no `Step n:`
labels, a closing sentence), and short word problems. Half the items end on a wrong answer.

The template traces of the first section are math on every line, where the naive checker does its most
work per line; these carry prose too, as model output does. All text here is generated (trusted): the naive
checker's `parse_expr` reads it.
"""

from __future__ import annotations

import random
import re

from assay.records import Candidate, Problem
from assay.registry import Registry

TASKS = ("linear", "arithmetic", "quadratic", "system")

_OPENINGS = (
    "Let's solve this step by step.",
    "We need to work this out carefully.",
    "I'll go through it one step at a time.",
    "Okay, let me think about this problem.",
)
_STEP = re.compile(r"^Step \d+:\s*(.*?)\s*(?:\[(.*)\])?$")

_WORD_PROBLEMS = (
    (
        "A shop sells pencils for ${price} each. Sam buys {count} pencils and pays with a ${paid} bill. "
        "How much change does he get?",
        lambda v: v["paid"] - v["price"] * v["count"],
        "The pencils cost {count} × {price} = {cost} dollars.\n"
        "Sam paid with {paid} dollars, so the change is what is left over.\n"
        "Change: {paid} - {cost} = {answer} dollars.",
    ),
    (
        "A baker makes {count} trays of muffins with {per} muffins on each tray. She sells {sold} muffins. "
        "How many muffins are left?",
        lambda v: v["count"] * v["per"] - v["sold"],
        "First, find how many muffins she made in total.\n"
        "{count} × {per} = {made}\n"
        "Then take away the ones she sold: {made} - {sold} = {answer}.",
    ),
    (
        "A train travels at {speed} km per hour for {hours} hours, then {extra} km more. "
        "How far does it travel in all?",
        lambda v: v["speed"] * v["hours"] + v["extra"],
        "Distance at constant speed is speed times time.\n"
        "{speed} × {hours} = {part} km in the first part of the trip.\n"
        "Adding the rest of the way: {part} + {extra} = {answer} km.",
    ),
)


def realistic_items(n: int, seed: int = 2026) -> list[tuple[Problem, Candidate, str]]:
    """(problem, candidate, predicted answer): every fourth a word problem, the rest rewritten traces."""
    registry = Registry.from_entry_points()
    tasks = [registry.task(name) for name in TASKS]
    rng = random.Random(seed)
    items = []
    for i in range(n):
        wrong = bool(i % 2)
        if i % 4 == 3:
            problem, text, answer = _word_problem(rng, i, wrong)
        else:
            problem = tasks[i % len(tasks)].generate(seed, 50_000 + i)
            text, answer = _as_prose(rng, problem, wrong)
        items.append(
            (problem, Candidate(problem.id, text, answer, generator="bench", sample_index=i), answer)
        )
    return items


def _wrong(answer: str) -> str:
    """The answer with its last number one more."""
    return re.sub(r"(\d+)(?!.*\d)", lambda m: str(int(m.group(1)) + 1), answer)


def _as_prose(rng: random.Random, problem: Problem, wrong: bool) -> tuple[str, str]:
    lines = [rng.choice(_OPENINGS), ""]
    for line in str(problem.reference["trace"]).split("\n"):
        step = _STEP.match(line)
        if step is None:
            continue  # the template's `Verify:` and `Therefore` lines: this style closes in words
        math, reason = step.group(1), step.group(2)
        if reason and rng.random() < 0.5:
            lines.append(f"{reason[0].upper()}{reason[1:]}:")
            lines.append(f"$${math}$$")
        elif reason:
            lines.append(f"{math} ({reason})" if rng.random() < 0.3 else f"So {math}.")
        else:
            lines.append(math)
    answer = str(problem.reference["answer"])
    answer = _wrong(answer) if wrong else answer
    lines += ["", f"**Final answer:** {answer}"]
    return "\n".join(lines), answer


def _word_problem(rng: random.Random, index: int, wrong: bool) -> tuple[Problem, str, str]:
    prompt, solve, trace = _WORD_PROBLEMS[index // 4 % len(_WORD_PROBLEMS)]
    values = {
        "price": rng.randint(2, 9),
        "count": rng.randint(3, 12),
        "per": rng.randint(4, 12),
        "speed": rng.randint(40, 90),
        "hours": rng.randint(2, 6),
        "extra": rng.randint(5, 60),
    }
    values["paid"] = values["price"] * values["count"] + rng.randint(1, 30)
    values["sold"] = rng.randint(1, values["count"] * values["per"] - 1)
    values["answer"] = solve(values)
    values |= {
        "cost": values["price"] * values["count"],
        "made": values["count"] * values["per"],
        "part": values["speed"] * values["hours"],
    }
    answer = str(values["answer"] + (1 if wrong else 0))
    text = trace.format(**values) + f"\n\nThe answer is {answer}."
    reference = {"answer": str(values["answer"])}
    problem = Problem("math", "", prompt.format(**values), reference, source=f"bench:words/{index}")
    return problem, text, answer
