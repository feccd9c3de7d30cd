"""Fuzz: how the math reader's time grows with one long line, shape by shape.

A response line made of one long run (spaces, tabs, digits, letters, `=`, `(`, `\\`, `$`, `*`, unicode
spaces, a repeated word or phrase) is put in a short correct trace and read by each entry point a
verification worker calls: `parse_trace` (the reader), `check_answer_job` and `check_trace_job` (the
verifiers' jobs), and `spec_from` on a prompt that carries the run. Each is timed at growing lengths
in a child process with a time budget; a shape whose time grows faster than its length (a quadratic
regex, a loop over every start) is reported with its growth per 4x of length.

    python bench/math_long_lines.py                      # every shape, 4k to 64k characters
    python bench/math_long_lines.py --sizes 1000 10000 100000 --only spaces
    python bench/math_long_lines.py --profile spaces --sizes 20000   # where the time goes

The verdicts never depend on this: a slow line ends as `timeout` (never `verified`), but a correct answer
with a long line must not time out, so every shape should grow linearly (about 4x per 4x).
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import multiprocessing
import pstats
import sys
import time
from collections.abc import Callable

# a run of one kind, n characters long
SHAPES: dict[str, Callable[[int], str]] = {
    "spaces": lambda n: "2x" + " " * n + "= 8",
    "tabs": lambda n: "2x" + "\t" * n + "= 8",
    "digits": lambda n: "2x = " + "1" * n,
    "letters": lambda n: "a" * n,
    "x-letters": lambda n: "x" * n + " = 4",
    "equals": lambda n: "x " + "=" * n + " 4",
    "open-parens": lambda n: "(" * n + "x = 4",
    "close-parens": lambda n: "x = 4" + ")" * n,
    "backslashes": lambda n: "\\" * n + "x = 4",
    "dollars": lambda n: "$" * n + "x = 4",
    "stars": lambda n: "*" * n + "x = 4",
    "underscores": lambda n: "_" * n + "x = 4",
    "em-spaces": lambda n: "2x" + "\u2003" * n + "= 8",
    "nbsp": lambda n: "2x" + "\u00a0" * n + "= 8",
    "ideographic": lambda n: "x" + "\u3000" * n + "is 4",
    "zero-width": lambda n: "2x" + "\u200b" * n + "= 8",
    "space-tab": lambda n: "2x" + " \t" * (n // 2) + "= 8",
    "spaces-then-so": lambda n: " " * n + "so x",
    "spaces-then-on": lambda n: "so " + " " * n + "x on the left",
    "space-pairs": lambda n: "x = 4" + " a" * (n // 2),
    "words": lambda n: "so " * (n // 3) + "x = 4",
    "value-is": lambda n: "the value is " * (n // 13) + "4",
    "claims": lambda n: "x = 4, " * (n // 7),
    "terms": lambda n: "2x + " * (n // 5) + "5 = 13",
    "spaced-digits": lambda n: "1 " * (n // 2) + "= 4",
    "commas": lambda n: "x = 4" + "," * n,
    "dots": lambda n: "x = 4" + "." * n,
    "colons": lambda n: "x:" * (n // 2) + " 4",
    "arrows": lambda n: "x = 4 → " * (n // 8),
    "minus": lambda n: "x = " + "-" * n + "4",
    "brackets": lambda n: "x = 4 " + "[" * n,
    "braces": lambda n: "\\boxed{" * (n // 7) + "4",
    "frac": lambda n: "\\frac{1}{2}" * (n // 11),
    "question": lambda n: "is x 4 " * (n // 7) + "?",
    "spaces-then-word": lambda n: "x" + " " * n + "is",
    "spaces-before-colon": lambda n: "Answer" + " " * n + ": 4",
    "hash": lambda n: "#" * n + " x = 4",
    "angle": lambda n: "<<" * (n // 2) + "4",
    "pipes": lambda n: "|" * n + " x = 4 |",
    "unicode-digits": lambda n: "x = " + "٣" * n,
}

PROMPT = "Solve for x: 2x + 5 = 13"


def _entry(name: str) -> Callable[[str], object]:
    from assay.domains.math.check import check_answer_job, check_trace_job
    from assay.domains.math.problem import spec_from
    from assay.domains.math.trace import parse_trace

    def job(line: str) -> dict[str, object]:
        return {
            "prompt": PROMPT,
            "reference": {"answer": "4"},
            "response": f"2x + 5 = 13\n{line}\nx = 4\nAnswer: 4",
        }

    entries: dict[str, Callable[[str], object]] = {
        "parse_trace": lambda line: parse_trace(f"2x + 5 = 13\n{line}\nx = 4\nAnswer: 4"),
        "check_answer_job": lambda line: check_answer_job(job(line)),
        "check_trace_job": lambda line: check_trace_job(job(line)),
        "spec_from": lambda line: _spec(spec_from, line),
    }
    return entries[name]


def _spec(spec_from: Callable[..., object], line: str) -> object:
    from assay.errors import LimitExceeded, MathParseError

    try:
        return spec_from(f"Solve for x: 2x + 5 = 13. {line}", {"answer": "4"}, None)
    except (MathParseError, LimitExceeded):
        return None  # refused is fine: only the time matters here


ENTRIES = ("parse_trace", "check_answer_job", "check_trace_job", "spec_from")


def _time(entry: str, shape: str, n: int, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    line = SHAPES[shape](n)
    call = _entry(entry)
    call("x = 4")  # warm the imports and caches
    start = time.perf_counter()
    call(line)
    out.put(time.perf_counter() - start)


def timed(entry: str, shape: str, n: int, budget: float) -> float | None:
    """Seconds for one call in a child process, or None when it ran past the budget (killed)."""
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    child = multiprocessing.Process(target=_time, args=(entry, shape, n, queue))
    child.start()
    child.join(budget)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return float(queue.get()) if not queue.empty() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[4000, 16000, 64000])
    parser.add_argument("--only", nargs="+", choices=sorted(SHAPES), help="shapes to run")
    parser.add_argument("--entries", nargs="+", choices=ENTRIES, default=list(ENTRIES))
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per call before it is killed")
    parser.add_argument("--profile", choices=sorted(SHAPES), help="profile one shape in this process")
    args = parser.parse_args()
    if args.profile:
        call = _entry("check_trace_job")
        line = SHAPES[args.profile](args.sizes[0])
        cProfile.runctx("call(line)", globals(), {"call": call, "line": line}, "/tmp/math_long_lines.prof")
        pstats.Stats("/tmp/math_long_lines.prof").sort_stats("cumulative").print_stats(25)
        return
    slow = []
    for shape in args.only or SHAPES:
        for entry in args.entries:
            times = [timed(entry, shape, n, args.budget) for n in args.sizes]
            shown = " ".join("  killed" if t is None else f"{t:8.3f}" for t in times)
            growth = [
                (b / a if a and b else float("inf")) for a, b in itertools.pairwise(times) if a is not None
            ]
            ratio = len(args.sizes) > 1 and (args.sizes[-1] / args.sizes[-2])
            flag = ""
            if None in times or (growth and ratio and max(growth) > 2 * ratio and (times[-1] or 0) > 0.05):
                flag = "  SUPER-LINEAR"
                slow.append((shape, entry))
            print(f"{shape:20s} {entry:17s} {shown}{flag}", flush=True)
    print(f"\n{len(slow)} super-linear (shape, entry point) pairs" + (f": {slow}" if slow else ""))
    sys.exit(1 if slow else 0)


if __name__ == "__main__":
    main()
