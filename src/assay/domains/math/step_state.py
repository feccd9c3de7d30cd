"""What the step checker has established so far about a trace, and how it reads a line against it.

`State` is shared by every reading's rules (steps.py dispatches to equation_steps.py, solution_steps.py,
arithmetic_steps.py, word_steps.py and check_lines.py); `chain` reads one claim with the names and the
continuation (`= ...`) the trace has set up; `variable` is the problem's one unknown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from assay.domains.math.decide import Unknown
from assay.domains.math.exact import Number
from assay.domains.math.expr import Expr, variables
from assay.domains.math.grammar import parse_chain
from assay.domains.math.names import substitute
from assay.domains.math.number_cues import Cue
from assay.domains.math.poly import SolutionSet
from assay.domains.math.premises import Reading
from assay.domains.math.quotes import Quote
from assay.domains.math.sides import Parts
from assay.domains.math.word_definitions import Relation

Pair = tuple[Expr, Expr]


@dataclass
class CaseSplit:
    """`(x - 2)(x - 3) = 0`, then `x - 2 = 0 → x = 2` on one line and `x - 3 = 0 → x = 3` on the next: each
    line solves one case of the disjunction (equation_steps.py); the cases must cover it."""

    whole: SolutionSet  # the disjunction's solutions
    pairs: list[Pair]  # its equations, and their text
    text: str
    opened: int  # the step that opened the first case
    why: str  # what that step loses, if the cases never cover the whole
    covered: frozenset[Number]  # the solutions of the cases so far


@dataclass
class State:
    """What the steps so far have established."""

    reading: Reading
    equation: list[Pair] = field(default_factory=list)  # current disjunction (equivalent reading)
    equation_text: str = ""
    exact: SolutionSet | None = None  # its exact solution set, if the exact path could compute it
    symbolic: Any = None  # its SymPy solution set, computed only when needed
    value: Number | None = None  # expressions
    pool: Counter[Number] = field(default_factory=Counter)  # Game of 24
    pool_known: bool = True  # Game of 24: no step before could not be read, so the pool is what is left
    last_part: Expr | None = None  # for continuation lines that start with "="
    # the line before was a formula in words alone (`Number of days = total pages ÷ pages per day`): a
    # line that starts with "=" then starts the chain the formula names (`= 320 ÷ 40`)
    after_formula: bool = False
    # words: quantities named in the unknown (`The larger is n + 1.`, word_definitions.py), each computed
    # once the unknown is solved
    in_unknown: list[Expr] = field(default_factory=list)
    # words: the relations the prompt states, and the words of the quantity each unknown was named as by a
    # `Let` line (word_definitions.py)
    relations: tuple[Relation, ...] = ()
    unknowns: dict[str, frozenset[str]] = field(default_factory=dict)
    parts: Parts = field(default_factory=Parts)  # arithmetic: what the problem and the steps computed
    defined: dict[str, Expr] = field(default_factory=dict)  # names for numbers ("a = 1, b = -5")
    numbers: tuple[Number, ...] = ()  # Game of 24: the numbers given
    source: Expr | None = None  # expressions: the problem's expression, what every step must follow from
    established: bool = False  # expressions: a step has shown the problem's expression equals a number
    given: frozenset[Number] = frozenset()  # words: the numbers the prompt gives (wordy.py)
    derived: dict[Number, Expr] = field(default_factory=dict)  # words: how each computed value was computed
    written: frozenset[Number] = frozenset()  # words: the numbers the prompt writes in digits
    cues: dict[Number, Cue] = field(default_factory=dict)  # words: numbers whose use the words fix
    quotes: tuple[Quote, ...] = ()  # words: the prompt's numbers with the words around them
    rates: dict[Fraction, frozenset[str]] = field(default_factory=dict)  # words: `$2 per egg` → {2: egg}
    prices: dict[Fraction, frozenset[str]] = field(default_factory=dict)  # words: `Pens cost $3 each`
    # words: a part of a whole the prompt writes, with its written numbers (`25%`: 0.25 and 0.75 → {25})
    written_parts: dict[Fraction, frozenset[Fraction]] = field(default_factory=dict)
    left_parts: frozenset[Fraction] = frozenset()  # words: what is left of the whole after a part
    uses: dict[Number, frozenset[Number]] = field(
        default_factory=dict
    )  # words: a value -> written ones in it
    # words: what each computed value counts, from the line that computed it ("": lines disagree), the
    # words the prompt writes, what its question asks for and that question's words (result_records.py)
    records: dict[Number, str] = field(default_factory=dict)
    prompt_words: frozenset[str] = frozenset()
    asks: str = ""
    question: frozenset[str] = frozenset()
    time_rates: dict[Fraction, frozenset[str]] = field(default_factory=dict)  # words: `$12 an hour`
    # words: a step before was not read or not known, so a number "from nowhere" may come from it
    words_unread: bool = False
    word_helper: bool = False  # words: the unknown of that equation is not what is asked (its value helps)
    word_label: str = ""  # words: what a line that was only a label named, for the next line's chain
    word_var: str | None = None  # words: the unknown of the equation the trace set up, once it has
    index: int = 0  # the step being checked
    rejected: set[Number] = field(default_factory=set)  # equivalent: values shown not to be solutions
    places: int | None = None  # equivalent: the decimal places the prompt asks the answer rounded to
    seen: list[Pair] = field(default_factory=list)  # equivalent: the one-equation steps so far, in order
    named: tuple[str, Expr] | None = None  # equivalent: the operation the step or the line before it names
    split: CaseSplit | None = None  # equivalent: the cases of a disjunction being solved line by line
    one_way: list[tuple[int, frozenset[Number], str]] = field(default_factory=list)  # (step, added, why)
    dropped_extras: set[int] = field(default_factory=set)  # steps that drop roots a one-way step added
    system_forms: list[Any] | None = None  # system: the linear equations had so far (system_moves.py)
    system_numbers: set[Any] = field(default_factory=set)  # system: the numbers the lines have written
    system_named: Any = None  # system: the moves a heading named, held to the next line with equations
    system_uncollected: Any = None  # system: an equation written as a combination, not yet simplified
    shown_numbers: Any = None  # one unknown: the numbers the work has (shown_numbers.py)
    named_roots: list[Number] = field(default_factory=list)  # roots a sentence named (quantity_values.py)
    claimed: bool = (
        False  # a step has been sent to the rules: a restatement is only the first (restatement.py)
    )


def variable(state: State) -> str:
    pairs = state.reading.premises or state.reading.equations
    names = sorted(pair_names(pairs))
    if len(names) != 1:
        raise Unknown("no single variable to give the answer to")
    return names[0]


# the names of the last few tuples of pairs asked about, by id (the tuple kept alive, so its id cannot be
# reused): a trace asks about its problem's pairs on every line, always the same tuple (of immutable trees)
_NAMES: dict[int, tuple[tuple[Pair, ...], frozenset[str]]] = {}


def pair_names(pairs: tuple[Pair, ...]) -> frozenset[str]:
    """The variable names in the equations `pairs`."""
    known = _NAMES.get(id(pairs))
    if known is not None and known[0] is pairs:
        return known[1]
    names: frozenset[str] = frozenset().union(*(variables(a) | variables(b) for a, b in pairs))
    if type(pairs) is tuple:  # only an immutable tuple: a list could change under the same id
        if len(_NAMES) >= 8:
            _NAMES.clear()
        _NAMES[id(pairs)] = (pairs, names)
    return names


def chain(state: State, text: str) -> list[Expr]:
    text = text.strip()
    parts = parse_chain(text[1:] if text.startswith("=") else text)
    if text.startswith("=") and state.last_part is None and state.after_formula:
        pass  # `= 320 ÷ 40` under the formula in words it computes: the chain's first side
    elif text.startswith("="):
        if state.last_part is None:
            raise Unknown("a line starting with '=' has nothing before it to continue")
        parts = [state.last_part, *parts]
    state.after_formula = False
    state.last_part = parts[-1]
    if state.defined:
        parts = [substitute(p, state.defined) for p in parts]
    return parts


def point_envs(state: State) -> list[dict[str, Number]]:
    var = variable(state)
    return [{var: p} for p in state.reading.points]
