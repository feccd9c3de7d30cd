"""Profile: how much of a trace line's time goes to readers that find nothing on it.

Every function the line drivers (trace.py, step_reader.py) call from another assay module is timed, once
per outermost call, and counted as finding nothing when it returns nothing (None, empty) or its first text
argument unchanged. Runs the step checker in this process over the bench's template items (and the
realistic mix with --mix). The timing wrappers add their own cost: read the shares, not the seconds.

    python bench/math_idle_readers.py --items 400 [--mix]
"""

from __future__ import annotations

import argparse
import collections
import inspect
import time
import warnings
from collections.abc import Callable
from typing import Any

from math_mix import realistic_items
from verify_math import make_items

import assay.domains.math.check as check
import assay.domains.math.step_reader as step_reader
import assay.domains.math.trace as trace
from assay.pooled import job_for

_DRIVERS_OWN = {"read_step", "parse_trace", "Step", "Event", "Trace"}
# per reader: calls, calls finding nothing, seconds, seconds finding nothing
_stats: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0, 0.0, 0.0])
_depth = [0]


def _found_nothing(args: tuple[Any, ...], result: Any) -> bool:
    if result is None or result is False or result in ("", [], ()):
        return True
    if args and isinstance(args[0], str):
        text = args[0]
        return (
            result == text
            or (isinstance(result, tuple) and bool(result) and result[0] == text)
            or result == [text]
        )
    return False


def _timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _depth[0]:
            return function(*args, **kwargs)
        _depth[0] += 1
        started = time.perf_counter()
        try:
            result = function(*args, **kwargs)
        finally:
            _depth[0] -= 1
        seconds = time.perf_counter() - started
        row = _stats[name]
        row[0] += 1
        row[2] += seconds
        if _found_nothing(args, result):
            row[1] += 1
            row[3] += seconds
        return result

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=400)
    parser.add_argument("--mix", action="store_true", help="the realistic mix instead of template traces")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    for module in (step_reader, trace):
        short = module.__name__.rsplit(".", 1)[1]
        for name, value in list(vars(module).items()):
            if (
                inspect.isfunction(value)
                and value.__module__.startswith("assay")
                and value.__module__ != module.__name__
                and name not in _DRIVERS_OWN
            ):
                setattr(module, name, _timed(f"{short}.{name}", value))
    items = realistic_items(args.items) if args.mix else make_items(args.items)
    jobs = [job_for(problem, candidate) for problem, candidate, _ in items]
    reading = [0.0]
    parse = check.parse_trace

    def timed_parse(*a: Any, **k: Any) -> Any:
        started = time.perf_counter()
        try:
            return parse(*a, **k)
        finally:
            reading[0] += time.perf_counter() - started

    check.parse_trace = timed_parse  # type: ignore[assignment]
    started = time.perf_counter()
    for job in jobs:
        check.check_trace_job(job)
    total = time.perf_counter() - started
    idle = sum(row[3] for row in _stats.values())
    print(
        f"{total:.2f} s in all, reading (parse_trace) {reading[0] / total:.0%}; readers that found nothing "
        f"{idle:.2f} s: {idle / total:.0%} of all, {idle / reading[0]:.0%} of reading"
    )
    for name, row in sorted(_stats.items(), key=lambda kv: -kv[1][3])[:20]:
        print(f"{name:42s} calls {row[0]:6.0f}  found nothing {row[1]:6.0f}  {row[3] * 1000:7.1f} ms idle")


if __name__ == "__main__":
    main()
