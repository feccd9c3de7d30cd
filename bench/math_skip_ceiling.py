"""Measure: the most the step checker could gain by skipping readers on the lines where they find nothing.

A line classifier that runs only the readers a line can need saves at most the time those readers spend
on lines where they answer "nothing" (None, False, empty, or their text back unchanged): a skipped reader
must give that answer. This puts a number on it before anyone writes a classifier. Each named reader's
answers are recorded in one pass over the items; then runs that call the readers as usual alternate with
runs where every recorded "nothing" answer is handed back at no cost (the others still run), and the
medians of CPU time per item are compared. The per-text memos (`functools.lru_cache`) are emptied before
each run, so every run reads the items as new ones, as the bench's sections do. With --all, every recorded
answer is handed back, found something or not: a bound for a reader made free.

    python bench/math_skip_ceiling.py --items 300                  # the step reader's word readers
    python bench/math_skip_ceiling.py --items 300 --check          # and the step checker's
    python bench/math_skip_ceiling.py --items 300 --mix --runs 7 step_reader:hidden_claim
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

from math_mix import realistic_items
from verify_math import make_items

import assay.domains.math.check as check
from assay.pooled import job_for

# readers of a line's words that the step reader (and trace.py before it) runs on every line
READING = [
    "step_reader:with_move_mark",
    "step_reader:without_named_values",
    "step_reader:without_formula_label",
    "step_reader:without_event_clause",
    "step_reader:without_quantity_label",
    "step_reader:without_checked_approximation",
    "step_reader:checked_method_facts",
    "step_reader:spoken_claims",
    "step_reader:opens_with_side",
    "step_reader:calculator_notes",
    "step_reader:find_retraction",
    "step_reader:hidden_claim",
    "step_reader:states_property",
    "step_reader:negated_claim",
    "step_reader:states_in_words",
    "step_reader:stated_answers",
    "step_reader:box_lead",
    "step_reader:answer_phrase",
    "step_reader:names_result",
    "step_reader:pieces_without_relation",
    "trace:checked_unit_facts",
    "trace:without_agreeing_units",
    "trace:doubt_at",
    "trace:split_named_operations",
]
# readers of a step's words that the step checker runs on every step
CHECKING = [
    "steps:named_operation",
    "steps:unread_operation",
    "steps:misnamed_operation",
    "steps:judges_wrong",
    "steps:names_result",
    "steps:rewritten_subjects",
    "steps:names",
    "steps:directs",
    "system_moves:read_names",
]

# memos that hold what every item shares (a word's reading, a numeral), not one line's text: kept warm
_SHARED_MEMOS = {"is_mathy", "_number", "_numeral_char", "_kind", "_variable", "_no_ascii_twin", "_odd"}


def _empty_memos() -> None:
    for name, module in list(sys.modules.items()):
        if name.startswith("assay"):
            for value in list(vars(module).values()):
                if (
                    isinstance(value, functools._lru_cache_wrapper)
                    and value.__wrapped__.__name__ not in _SHARED_MEMOS
                ):
                    value.cache_clear()


def _nothing(args: tuple[Any, ...], answer: Any) -> bool:
    """Whether a reader's answer says it found nothing: what a skipped reader would have to give."""
    if answer is None or answer is False or answer in ("", [], ()):
        return True
    text = args[0] if args and isinstance(args[0], str) else None
    return text is not None and (answer == text or answer == [text])


class _Reader:
    """One reader, called through: as written, recording, or handing back what it recorded."""

    def __init__(self, spec: str) -> None:
        module_name, self.name = spec.split(":")
        self.module = importlib.import_module(f"assay.domains.math.{module_name}")
        self.function: Callable[..., Any] = getattr(self.module, self.name)
        self.kept: dict[tuple[Any, ...], Any] = {}

    def as_written(self) -> None:
        setattr(self.module, self.name, self.function)

    def recording(self, every: bool) -> None:
        function, kept = self.function, self.kept

        def record(*args: Any) -> Any:
            answer = function(*args)
            try:
                if every or _nothing(args, answer):
                    kept[args] = answer
            except TypeError:  # arguments that cannot be a key (lists, states): never handed back
                pass
            return answer

        setattr(self.module, self.name, record)

    def handing_back(self) -> None:
        function, kept = self.function, self.kept

        def hand_back(*args: Any) -> Any:
            try:
                return kept[args]
            except (KeyError, TypeError):
                return function(*args)

        setattr(self.module, self.name, hand_back)


def _run(jobs: list[dict[str, Any]]) -> float:
    """CPU milliseconds per item of the step checker over jobs, its per-text memos empty at the start."""
    _empty_memos()
    gc.collect()
    started = time.process_time()
    for job in jobs:
        check.check_trace_job(job)
    return 1000 * (time.process_time() - started) / len(jobs)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("readers", nargs="*", help="module:function in assay.domains.math (default: READING)")
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5, help="runs of each kind, alternating")
    parser.add_argument("--mix", action="store_true", help="the realistic mix instead of template traces")
    parser.add_argument("--check", action="store_true", help="add the step checker's word readers")
    parser.add_argument("--all", action="store_true", help="hand back every answer, not only 'nothing'")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    specs = args.readers or READING + (CHECKING if args.check else [])
    items = realistic_items(args.items, seed=4242) if args.mix else make_items(args.items, first=123000)
    jobs = [job_for(problem, candidate) for problem, candidate, _ in items]
    readers = [_Reader(spec) for spec in specs]
    _run(jobs)  # imports, patterns compiled on first use
    for reader in readers:
        reader.recording(args.all)
    _run(jobs)
    usual, skipped = [], []
    for _ in range(args.runs):
        for reader in readers:
            reader.as_written()
        usual.append(_run(jobs))
        for reader in readers:
            reader.handing_back()
        skipped.append(_run(jobs))
    as_written, without = statistics.median(usual), statistics.median(skipped)
    print(
        f"{len(readers)} readers, {args.items} {'mix' if args.mix else 'template'} items: "
        f"{as_written:.3f} ms/item as written, {without:.3f} with "
        f"{'every answer' if args.all else 'each nothing found'} free: "
        f"at most {1 - without / as_written:.1%} saved (CPU, medians of {args.runs})"
    )


if __name__ == "__main__":
    main()
