"""Benchmark: assay's math verification against its anchors, side by side, in one run.

1. Answer checks/s: assay's `math-answer` verifier (worker pool, hard limits in force) vs math-verify called
   directly (serial, in-process, its own timeouts off), on the same items.
2. Step checks/s: assay's `math-steps` verifier vs a naive checker that, for every `a = b` pair of every
   step, asks `sympy.simplify((a - b).subs(solution)) == 0`.

The items are procedural problems from four tasks, half with a correct final answer and half with a wrong
one. Each section of each run has items of its own, which no section before it has verified: the verifiers
keep answers keyed by text (bounded), and traces seen again would measure those rather than the checking.
The anchors run on trusted, generated text here (they use `parse_expr`); assay never does.

3. Step checks/s on a realistic mix (bench/math_mix.py), printed apart: the same tasks' traces as a model
   writes them (prose lines, reasons in sentences, no step labels) and word problems. The template traces of
   2. are math on every line, where the naive checker does its most work per line.

Beside each wall-clock ratio, the CPU time ratio: the anchor's CPU time in this process against assay's
(this process's, which builds jobs and reads verdicts, plus its workers' from /proc, those the pool retired
during the section included). Assay's workers run side by side and the anchors in one process, so the wall
ratio counts the cores too; the CPU ratio counts only the work, and other load on the machine changes it
least.

    python bench/verify_math.py                 # 10,000 items, 3 runs, medians
    python bench/verify_math.py --items 1000 --runs 1
"""

from __future__ import annotations

import argparse
import itertools
import logging
import os
import re
import resource
import statistics
import sys
import time
import warnings
from typing import Any

from math_mix import realistic_items

from assay.domains.math.verifier import AnswerVerifier, StepVerifier
from assay.records import Candidate, Problem, Status
from assay.registry import Registry
from assay.workers import WorkerPool

TASKS = ("linear", "arithmetic", "quadratic", "system")


def make_items(n: int, first: int = 0) -> list[tuple[Problem, Candidate, str]]:
    """(problem, candidate with a full trace, predicted answer text) — every other answer is wrong; the
    problems are the tasks' items `first` to `first + n`."""
    registry = Registry.from_entry_points()
    tasks = [registry.task(name) for name in TASKS]
    items = []
    for i in range(n):
        problem = tasks[i % len(tasks)].generate(2026, first + i)
        trace = problem.reference["trace"]
        answer = problem.reference["answer"]
        if i % 2:
            answer = re.sub(r"(\d+)(?!.*\d)", lambda m: str(int(m.group(1)) + 1), answer)
            trace = trace.rsplit("\n", 1)[0] + f"\nTherefore {answer}."
        candidate = Candidate(problem.id, trace, answer, generator="bench", sample_index=i)
        items.append((problem, candidate, answer))
    return items


# --- anchors ------------------------------------------------------------------------------------------


def math_verify_answers(items: list[tuple[Problem, Candidate, str]]) -> list[bool]:
    from math_verify import parse, verify

    results = []
    for problem, _, predicted in items:
        gold = parse("$" + str(problem.reference["answer"]) + "$", parsing_timeout=None)
        pred = parse("$" + predicted + "$", parsing_timeout=None)
        results.append(bool(verify(gold, pred, timeout_seconds=None)))
    return results


def _sympy_tools() -> tuple[Any, Any, Any]:
    import sympy
    from sympy.parsing.sympy_parser import (
        convert_xor,
        implicit_multiplication_application,
        parse_expr,
        standard_transformations,
    )

    transformations = (*standard_transformations, implicit_multiplication_application, convert_xor)
    return sympy, parse_expr, transformations


def naive_steps(items: list[tuple[Problem, Candidate, str]]) -> int:
    """The naive per-step checker; returns how many `a = b` checks it made."""
    sympy, parse_expr, transformations = _sympy_tools()
    checks = 0
    for problem, candidate, _ in items:
        solution = _solution(problem, sympy, parse_expr, transformations)
        for line in candidate.text.split("\n"):
            body = re.sub(r"\[[^\]]*\]", "", line.split(":", 1)[-1]).replace("×", "*").replace("÷", "/")
            body = body.replace("Therefore", "").replace("±", "+").strip().rstrip(".")
            for claim in re.split(r"\band\b|\bor\b|,", body):
                parts = [p.strip() for p in claim.split("=") if p.strip()]
                for a, b in itertools.pairwise(parts):
                    try:
                        left = parse_expr(a, transformations=transformations)
                        right = parse_expr(b, transformations=transformations)
                        sympy.simplify((left - right).subs(solution)) == 0  # noqa: B015 - the work measured
                    except Exception:
                        continue
                    checks += 1
    return checks


def _solution(problem: Problem, sympy: Any, parse_expr: Any, transformations: Any) -> dict[Any, Any]:
    """The first value of each variable (the naive checker tests claims at one solution)."""
    values: dict[Any, Any] = {}
    for part in str(problem.reference["answer"]).split(","):
        if "=" in part:
            name, value = part.split("=", 1)
            values.setdefault(sympy.Symbol(name.strip()), parse_expr(value, transformations=transformations))
    return values


# --- runs ---------------------------------------------------------------------------------------------


def _children_cpu() -> float:
    """CPU seconds of this process's children: those running (read from /proc) plus those waited for (the
    pool retires a worker after its task limit). A child waited for during a section is counted whole, and
    its share from before the section is in the running sum read at the start, so the difference of two
    readings is the section's CPU time."""
    tick = os.sysconf("SC_CLK_TCK")
    me = os.getpid()
    running = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                # the fields after the command name, which is in parentheses and may hold spaces
                fields = handle.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended meanwhile: a worker of ours is then in the children's usage below
        if int(fields[1]) == me:  # its parent
            running += int(fields[11]) + int(fields[12])  # user and system time, in ticks
    waited = resource.getrusage(resource.RUSAGE_CHILDREN)
    return running / tick + waited.ru_utime + waited.ru_stime


def timed(function: Any, *args: Any) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of this process and its children, result)."""
    started, cpu_started = time.perf_counter(), time.process_time() + _children_cpu()
    result = function(*args)
    return time.perf_counter() - started, time.process_time() + _children_cpu() - cpu_started, result


def _pairs(items: list[tuple[Problem, Candidate, str]]) -> list[tuple[Problem, Candidate]]:
    return [(problem, candidate) for problem, candidate, _ in items]


def _lines(items: list[tuple[Problem, Candidate, str]]) -> int:
    return sum(len(candidate.text.splitlines()) for _, candidate, _ in items)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=float, default=2.0, help="assay's hard limit per candidate")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    logging.getLogger("math_verify").setLevel(logging.ERROR)
    # every section of every run verifies items that nothing before it has seen: the verifiers keep
    # answers keyed by text (bounded), and the same traces again would measure those, not the checking
    n = args.items
    answer_sets = [make_items(n, first=2 * run * n) for run in range(args.runs)]
    step_sets = [make_items(n, first=(2 * run + 1) * n) for run in range(args.runs)]
    mix_sets = [realistic_items(n, seed=2026 + run) for run in range(args.runs)]
    print(
        f"{n} items per section and run from {', '.join(TASKS)}; {args.workers} assay workers, "
        f"{args.timeout:g} s hard limit; medians of {args.runs} runs",
        file=sys.stderr,
    )
    sections = ("assay_answers", "mv_answers", "assay_steps", "naive_steps", "mix_assay", "mix_naive")
    rows: dict[str, list[float]] = {k: [] for k in sections}
    cpu: dict[str, list[float]] = {k: [] for k in sections}  # CPU seconds per section and run
    mix_agree = 0
    with WorkerPool(size=args.workers, timeout=args.timeout) as pool:
        answers, steps = AnswerVerifier(pool=pool), StepVerifier(pool=pool)
        # start the workers before timing, on items no section verifies
        steps.verify_many(_pairs(make_items(200, first=2 * args.runs * n)))
        for run in range(args.runs):
            items, mix = answer_sets[run], mix_sets[run]
            seconds, cpu_seconds, verdicts = timed(answers.verify_many, _pairs(items))
            rows["assay_answers"].append(n / seconds)
            cpu["assay_answers"].append(cpu_seconds)
            agree = sum((v.status == Status.VERIFIED) == (i % 2 == 0) for i, v in enumerate(verdicts))
            seconds, cpu_seconds, mv = timed(math_verify_answers, items)
            rows["mv_answers"].append(n / seconds)
            cpu["mv_answers"].append(cpu_seconds)
            mv_agree = sum(ok == (i % 2 == 0) for i, ok in enumerate(mv))
            # the unit for both: steps (trace lines) of the same traces
            items = step_sets[run]
            lines = _lines(items)
            seconds, cpu_seconds, verdicts = timed(steps.verify_many, _pairs(items))
            rows["assay_steps"].append(lines / seconds)
            cpu["assay_steps"].append(cpu_seconds)
            seconds, cpu_seconds, _checks = timed(naive_steps, items)
            rows["naive_steps"].append(lines / seconds)
            cpu["naive_steps"].append(cpu_seconds)
            mix_lines = _lines(mix)
            seconds, cpu_seconds, verdicts = timed(steps.verify_many, _pairs(mix))
            rows["mix_assay"].append(mix_lines / seconds)
            cpu["mix_assay"].append(cpu_seconds)
            mix_agree = sum((v.status == Status.VERIFIED) == (i % 2 == 0) for i, v in enumerate(verdicts))
            seconds, cpu_seconds, _checks = timed(naive_steps, mix)
            rows["mix_naive"].append(mix_lines / seconds)
            cpu["mix_naive"].append(cpu_seconds)
            print(
                f"run {run + 1}: "
                + ", ".join(f"{k} {v[-1]:,.0f}/s" for k, v in rows.items())
                + f"; answers right: assay {agree}/{n}, math-verify {mv_agree}/{n}; "
                + "CPU s "
                + ", ".join(f"{k} {v[-1]:.1f}" for k, v in cpu.items()),
                file=sys.stderr,
            )
    med = {k: statistics.median(v) for k, v in rows.items()}
    # the anchor's CPU time over assay's, per run, then the median
    cpu_ratio = {
        ours: statistics.median(a / o for a, o in zip(cpu[anchor], cpu[ours], strict=True))
        for ours, anchor in (
            ("assay_answers", "mv_answers"),
            ("assay_steps", "naive_steps"),
            ("mix_assay", "mix_naive"),
        )
    }
    # assay runs on its worker pool, the anchors in this one process: the ratio counts the cores too, so
    # it is printed per worker as well (a fair bound on one core: assay's workers share no work)
    per = f" ({args.workers} assay workers, anchors in one process; per worker"
    print(
        f"answer checks/s  assay {med['assay_answers']:10,.0f}   math-verify {med['mv_answers']:10,.0f}"
        f"   ratio {med['assay_answers'] / med['mv_answers']:.1f}x"
        f"{per} {med['assay_answers'] / med['mv_answers'] / args.workers:.1f}x;"
        f" CPU time ratio {cpu_ratio['assay_answers']:.1f}x)"
    )
    print(
        f"step checks/s    assay {med['assay_steps']:10,.0f}   naive sympy {med['naive_steps']:10,.0f}"
        f"   ratio {med['assay_steps'] / med['naive_steps']:.1f}x"
        f"{per} {med['assay_steps'] / med['naive_steps'] / args.workers:.1f}x;"
        f" CPU time ratio {cpu_ratio['assay_steps']:.1f}x)"
    )
    print(
        f"realistic mix (prose lines, word problems; {n} items, {mix_lines} lines in the last run, "
        f"assay's verdict as labelled on {mix_agree}/{n}):"
    )
    print(
        f"step checks/s    assay {med['mix_assay']:10,.0f}   naive sympy {med['mix_naive']:10,.0f}"
        f"   ratio {med['mix_assay'] / med['mix_naive']:.1f}x"
        f"{per} {med['mix_assay'] / med['mix_naive'] / args.workers:.1f}x;"
        f" CPU time ratio {cpu_ratio['mix_assay']:.1f}x)"
    )


if __name__ == "__main__":
    main()
