"""The logic check, run in a worker process: `check_logic_job({"reference", "response", ...})`.

1. The puzzle is read from the reference (JSON only; nothing is evaluated) and its solutions are
   counted with SAT up to two. No solution, or two, and the verdict is `unknown` with the count: a
   puzzle that is not uniquely solvable never yields a `verified` sample.
2. The response is read clause by clause (`read.py` and each kind's `read_clause`): prose says nothing;
   reported speech and questions are not the writer's claims; "Assume/Suppose/Case k" opens an
   assumption and "If A, then B" a conditional; any other claim is asserted. A claim-like clause the
   reader cannot read with certainty is an `unknown` step, never skipped. Grids drawn anywhere are
   claims on their cells.
3. Every claim is checked by SAT: an asserted one as entailed by the puzzle and the asserted claims
   before it; one made under an assumption as entailed by those plus the assumption, unless the
   assumption contradicts the puzzle (a refuted case, where everything is entailed): then the claim
   must be derived from the assumption by consistent unit reasoning (`closure.py`). "Contradiction" is
   checked (the assumption is inconsistent, and reasoning from it reaches the clash), and so is "this
   works"; an assumption that is false but never rejected leaves its line `unknown`.
4. The answer is read from the text after the last answer line ("Answer:", "**Final answer**", ...) or,
   without one, from the whole response: only asserted claims count, and two values for one person,
   cell or house, a grid of the wrong size or two different grids, and there is no answer. It is
   checked against the puzzle's constraints directly.

Verified: a unique puzzle, an answer that satisfies every constraint, and no refuted or unknown step.
Analyses are cached per puzzle, so many candidates for one puzzle count its solutions once.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic import answer_entries, answer_tail, closure, guard, layout, read, walk
from assay.domains.logic.citations import cited_numbers
from assay.domains.logic.cited_support import (
    Reasoned,
    Support,
    conjunction,
    reason_check,
    speakers_cited,
    support_for,
    unfounded,
    unsupported,
)
from assay.domains.logic.csp import Csp, Formula, evaluate
from assay.domains.logic.describe import describe
from assay.domains.logic.kinds import kind_of
from assay.domains.logic.knights_numbered import named_labels
from assay.domains.logic.line_reasons import reasons_beside
from assay.domains.logic.walk import Event
from assay.errors import InputError

MAX_RESPONSE = 200_000  # characters; a longer response is unknown, not read
_READER_MARKS = re.compile("[\ue000-\ue004]")
_COMMENT = re.compile(r"^\s*<!--\s*(?P<inner>.*?)\s*-->\s*$")
_ROW_KEY = re.compile(r"^\s*\|\s*([^|]*?)\s*\|")


# Struck-out text (markdown `~~...~~`, as rendered) is taken back: "Cal is a ~~knave~~ knight" says
# Cal is a knight, and a claim struck out whole says nothing. A closing `~~` never runs into a word
# (`~~p and ~~q` is two double negations).
_STRUCK = re.compile(r"(?<![\w~])~~(?=[^\s~])(?:[^~]|~(?!~))*?(?<=[^\s~])~~(?![\w(¬~!])")


def _unstrike(lines: list[str]) -> list[str]:
    """The lines without their struck-out text, for every reader alike (the answer readers too)."""
    return [_STRUCK.sub("", line) if "~~" in line else line for line in lines]


def _uncomment(lines: list[str], hidden: set[int] | None = None) -> list[str]:
    """Lines that are one HTML comment each: a table row commented out and followed at once by a row
    for the same key ("<!-- | Sam | knave | -->" then "| Sam | knight |") is a row replaced, and is
    dropped; any other comment is text like the rest ("<!-- Gus is a knight -->" claims that Gus is a
    knight: hiding a claim from the rendered page does not take it back), and its line is added to
    `hidden` (an answer hidden from the rendered page is no answer given)."""
    out = list(lines)
    opened: int | None = None  # the line a comment over several lines opened on
    for i, line in enumerate(lines):
        if opened is not None or (line.lstrip().startswith("<!--") and "-->" not in line):
            # a comment over several lines: its lines are text like the rest, and hidden
            if opened is None:
                opened = i
            if "-->" in line:
                opened = None
            out[i] = line.replace("<!--", " ").replace("-->", " ")
            if hidden is not None:
                hidden.add(i)
            continue
        match = _COMMENT.match(line)
        if match is None:
            continue
        inner = match.group("inner")
        key = _ROW_KEY.match(inner)
        following = next((later for later in lines[i + 1 :] if later.strip()), "")
        replaced = _ROW_KEY.match(following) if key is not None else None
        if key is not None and replaced is not None and key.group(1).lower() == replaced.group(1).lower():
            out[i] = ""
        else:
            out[i] = inner
            if hidden is not None:
                hidden.add(i)
    return out


def _part(module: Any, name: str) -> Any:
    """What a kind's module defines under name, or None: read from the module's namespace, since asking
    the module for a name it lacks (`hasattr`) builds and discards an exception, on every check."""
    return vars(module).get(name)


@functools.lru_cache(maxsize=256)
def _analysis(reference_json: str) -> tuple[Csp, list[dict[Any, Any]]]:
    reference = json.loads(reference_json)
    puzzle = kind_of(reference).puzzle
    csp = puzzle.build(reference)  # validates the reference first
    # a kind may count a small puzzle exactly without a solver (`knights.small_solutions`): the solver
    # is then started only if a claim needs it, and a response that just states the answer never does
    small = _part(puzzle, "small_solutions")
    found = small(reference, 2) if small is not None else None
    return csp, found if found is not None else csp.solutions(2)


def analyse(reference: Mapping[str, Any]) -> tuple[Csp, list[dict[Any, Any]]]:
    """The puzzle's CSP and up to two of its solutions (InputError for a malformed reference)."""
    kind_of(reference)
    return _analysis(_KEY.encode(reference))


# the cache key: one encoder for every check (`json.dumps(..., sort_keys=True)` builds one per call)
_KEY = json.JSONEncoder(sort_keys=True)


def _result(status: str, evidence: str, steps: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"status": status, "evidence": evidence, "steps": steps or []}


_RANK = {"no_claim": 0, "verified": 1, "unknown": 2, "refuted": 3}


def _literal_key(formula: Formula) -> Any:
    while formula[0] == "not":
        formula = formula[1]
    return formula[1] if formula[0] == "var" else None


class _Steps:
    """Per-line statuses, the worst of what the line's clauses did (refuted > unknown > verified)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.numbers: dict[int, int] = {}
        for i, line in enumerate(lines):
            if line.strip():
                self.numbers[i] = len(self.numbers) + 1
        self.status: dict[int, str] = {}
        self.evidence: dict[int, str] = {}

    def mark(self, line: int, status: str, evidence: str) -> None:
        if _RANK[status] > _RANK[self.status.get(line, "no_claim")] or line not in self.status:
            self.status[line], self.evidence[line] = status, evidence

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "index": number,
                "status": self.status.get(line, "no_claim"),
                "evidence": self.evidence.get(line, ""),
            }
            for line, number in self.numbers.items()
        ]


def check_steps(
    csp: Csp,
    events: list[Event],
    steps: _Steps,
    answer_from: int,
    solution: Mapping[Any, Any],
    support: Support | None = None,
    reasoned: Reasoned | None = None,
) -> list[Formula]:
    """Every claim checked against the puzzle and the facts before it; returns the facts asserted from
    line answer_from on (what the answer reader reads). A claim that cites premises by number must also
    follow from those premises and the facts before it (`support`), or its step is unknown."""
    facts: list[Formula] = []
    asserted: list[Formula] = []
    # the facts each line asserts: a reason given after the claim it supports ("s = false by premise 1,
    # since p is false") counts for the support of a cited premise (`_unsupported`)
    said: dict[int, list[walk.Claim]] = {}
    for event in events:
        if event.what == "claim" and event.claim is not None and event.claim.mode == "fact":
            said.setdefault(event.line, []).append(event.claim)
    closures: dict[str, Any] = {}  # one closure per refuted case (its facts and assumptions)
    # what a refuted case established outside any other ("Case q = true: premise 2 fails" gives q = false):
    # with the facts, what a cited premise may be used with (`_unsupported`)
    refuted: list[Formula] = []
    for event in events:
        claim = event.claim
        if event.what == "unknown":
            steps.mark(event.line, "unknown", event.note)
            continue
        if claim is None:
            continue
        if not all(csp.known(f) for f in [*claim.formulas, *claim.context]):
            bad = next(f for f in claim.formulas if not csp.known(f)) if claim.formulas else []
            steps.mark(event.line, "unknown", f"{describe(bad) if bad else 'a claim'}: no such variable")
            continue
        if event.what == "open":
            steps.mark(event.line, "no_claim", "an assumption (not a claim)")
            continue
        context = [*facts, *claim.context]
        if event.what == "claim":
            if claim.mode == "would":
                if all(evaluate(f, solution) for f in claim.formulas):
                    steps.mark(
                        event.line, "verified", "true of the puzzle, whatever condition it is said under"
                    )
                    facts += claim.formulas
                else:
                    why = f"a claim in the conditional mood, false of the puzzle: {claim.text[:80]}"
                    steps.mark(event.line, "unknown", why)
                continue
            if claim.mode == "fact":
                # The puzzle has exactly one solution (proven above) and every fact kept so far is
                # entailed, so the puzzle and the facts have that one model: a claim follows exactly when
                # it is true in the solution. No SAT call is needed (a grid of 81 cells is one evaluation).
                wrong = [f for f in claim.formulas if not evaluate(f, solution)]
            elif not csp.satisfiable(context):
                # a refuted case: everything is entailed there, so the claim must be derived by
                # forward reasoning from the assumptions (`closure.py`), not merely entailed
                status, why = _in_refuted_case(csp, [*facts, *claim.context], claim, closures)
                # in a refuted case everything is entailed, and both values of what the case clashes on
                # are derived: a reason the step names ("By premise 3, p is true") must give it itself,
                # from the assumption and the case's steps before it
                wrong_reason = (
                    unsupported(support, claim, [*context, *refuted]) if status == "verified" else None
                )
                if wrong_reason is not None:
                    status, why = "unknown", wrong_reason
                steps.mark(event.line, status, why)
                continue
            else:  # one SAT call for the whole claim; cell by cell only to name the wrong one
                whole = claim.formulas[0] if len(claim.formulas) == 1 else ["and", *claim.formulas]
                wrong = (
                    []
                    if csp.follows(context, whole)
                    else [f for f in claim.formulas if not csp.follows(context, f)]
                )
            if claim.mode == "fact" and claim.line >= answer_from:
                asserted += claim.formulas
            if wrong and claim.after_conditional:
                why = f"{describe(wrong[0])} is false as a fact; it may be said under the conditional"
                steps.mark(event.line, "unknown", why)
            elif wrong:
                where = "" if claim.mode == "fact" else ", even under the assumption in force"
                has = _literal_key(wrong[0])
                if has is not None and claim.mode == "fact" and has in solution:
                    where += f"; the solution has {describe(['var', has, solution[has]])}"
                steps.mark(event.line, "refuted", f"{describe(wrong[0])} does not follow{where}")
            else:
                # the claims before it on its line are its reasons ("X says S, which is false, so X is a
                # knave"), and a later one led by a reason word ("..., since Ben is a knave"); one merely
                # listed after it ("Answer: Ava is a knight [by Ava's statement], Ben is a knave") is not
                reasons = [
                    f
                    for other in reasons_beside(steps.lines[event.line], said.get(event.line, []), claim)
                    for f in other.formulas
                ]
                given = [*context, *refuted, *reasons]
                # a fact said again with a citation ("p is true. By premise 1, p is true.", "Answer: p = true
                # (by premise 3)" after the body said p is true): the cited premise must give it from the
                # rest of what earlier lines established, since with the fact itself among the givens any
                # premise "gives" it. The assumption in force and the reasons on the claim's own line stay
                # ('X says S, which is false, so X is a knave'); a line with a new claim beside the fact
                # ("From premise 4 and r = false, s = true") cites for the new claim
                new_beside = any(
                    f not in facts
                    for other in said.get(event.line, [])
                    if other is not claim
                    for f in other.formulas
                )
                if all(f in facts for f in claim.formulas) and not new_beside:
                    # each fact of the claim on its own, from the others: "Answer: p = true (by premise 4),
                    # q = false, r = true (by premise 3)" cites for its facts one by one
                    wrong_reason = next(
                        (
                            one_reason
                            for one in claim.formulas
                            if (
                                one_reason := unsupported(
                                    support,
                                    dataclasses.replace(claim, formulas=[one]),
                                    [*(f for f in [*facts, *refuted] if f != one), *claim.context, *reasons],
                                )
                            )
                            is not None
                        ),
                        None,
                    )
                else:
                    wrong_reason = unsupported(support, claim, given)
                wrong_reason = wrong_reason or unfounded(reasoned, claim, given)
                if wrong_reason is not None:
                    steps.mark(event.line, "unknown", wrong_reason)
                else:
                    how = "entailed by the puzzle and the steps before"
                    steps.mark(
                        event.line, "verified", how if claim.mode == "fact" else how + " and the assumption"
                    )
                if claim.mode == "fact":
                    facts += claim.formulas  # true either way: later steps may build on it
            continue
        possible = csp.satisfiable([*context, *claim.formulas])
        if event.what == "close-contradiction":
            if possible:
                steps.mark(event.line, "refuted", "the assumption does not lead to a contradiction (SAT)")
            elif not closure.contradicts(csp, [*context, *claim.formulas], closures):
                # false, but nothing a case analysis derives from it clashes: the contradiction is
                # declared, not shown (and no claim inside the case could have shown it)
                why = "the assumption is false (SAT), but unit reasoning from it reaches no contradiction"
                steps.mark(event.line, "unknown", why)
            else:
                steps.mark(event.line, "verified", "the assumption reaches a contradiction (unit reasoning)")
                if not claim.context:
                    refuted.append(["not", conjunction(claim.formulas)])
        elif event.what == "close-consistent":
            if possible:
                steps.mark(event.line, "verified", "the assumption is consistent with the puzzle (SAT)")
            else:
                steps.mark(event.line, "refuted", "the assumption contradicts the puzzle (SAT)")
        elif not possible and event.note != "soft":
            steps.mark(
                claim.line, "unknown", "the assumption is false (SAT), but the trace never says it fails"
            )
    return asserted


def _keys(formula: Formula) -> list[Any]:
    """The puzzle variables a formula settles: a literal's, or a conjunction's of them. A compound
    ("Ava is a knight iff Cal is a knight") names Cal without saying what Cal is."""
    if formula[0] == "var":
        return [formula[1]]
    if formula[0] == "not":
        return _keys(formula[1]) if formula[1][0] == "var" else []
    if formula[0] == "and":
        return [key for g in formula[1:] for key in _keys(g)]
    return []


def _denies_a_fact(facts: list[Formula], assumptions: list[Formula]) -> bool:
    """True if an assumption gives a value the facts settled otherwise: "Ben is a knave" then "if Ben
    were a knight", "Cal is in house 2" then "suppose Cal is in house 3"."""
    settled: dict[tuple[Any, bool], set[Any]] = {}  # (key, said or denied) -> the values
    for fact in facts:
        literal = _literal(fact)
        if literal is not None:
            settled.setdefault((literal[0], literal[2]), set()).add(literal[1])
    for assumed in assumptions:
        literal = _literal(assumed)
        if literal is None:
            continue
        key, value, positive = literal
        if not positive and value in settled.get((key, True), set()):
            return True
        if positive and (
            any(v != value for v in settled.get((key, True), set()))
            or value in settled.get((key, False), set())
        ):
            return True
    return False


def _literal(formula: Formula) -> tuple[Any, Any, bool] | None:
    """(key, value, positive) of a literal ["var", key, value] or ["not", ["var", key, value]]."""
    positive = True
    while formula[0] == "not" and isinstance(formula[1], list):
        positive, formula = not positive, formula[1]
    if formula[0] != "var" or len(formula) < 3:
        return None
    try:
        hash(formula[1])
        hash(formula[2])
    except TypeError:
        return None
    return formula[1], formula[2], positive


def _in_refuted_case(
    csp: Csp, context: list[Formula], claim: walk.Claim, closures: dict[str, Any]
) -> tuple[str, str]:
    """A claim under assumptions that contradict the puzzle: verified only if derived from them by
    consistent unit reasoning (`closure.py`); refuted if its negation is, except that the unshown far end
    of the case's clash which denies the assumption itself (the case's conclusion said early) is
    unknown; anything else is unknown. The case's own earlier claims are not premises (`claim.chained`
    of them end the context): each is derived from the assumptions."""
    seeds = context[: len(context) - claim.chained]
    facts = context[: len(context) - len(claim.context)]
    if _denies_a_fact(facts, seeds[len(facts) :]):
        # "Cal is a knight. If Cal were a knave, Ava would be a knight": a counterfactual about what the
        # trace has settled is reasoned from its assumption alone; with the facts it denies among the
        # premises, whatever those facts give (Ava is a knight, by Cal's statement) would be "derived"
        seeds = seeds[len(facts) :]
        context = context[len(facts) :]
    reached = closure.close(csp, seeds, closures)
    named = frozenset(key for f in context for key in _keys(f))  # what the case has settled
    # the writer's route: what propagation alone forces from the givens is not yet a premise (Ann's
    # house, placed by unit reasoning from the clues, does not end "Suppose Cal is in house 3. Then Ann
    # is in house 2." at its first step); a step consistent along that route follows, and a value the
    # case's own route rules out is refuted even when the puzzle forces it outright
    route = closure.close(csp, seeds, closures, route=True)
    facts = context[: len(context) - len(claim.context)]
    for done, formula in enumerate(claim.formulas):
        # "green would be in house 2 and blue in house 3": a conjunction is a chain read left to right,
        # its earlier parts settled (and binding) for the later ones
        earlier = claim.formulas[:done]
        literal = closure.seed_literals(csp, [formula]) if formula[0] in ("var", "not") else []
        if len(literal) == 1 and closure.placed_elsewhere(csp, [*claim.context, *earlier], facts, literal[0]):
            why = f"{describe(formula)} does not follow: the case's own steps place it elsewhere"
            return "refuted", why
        named = named | {key for f in earlier for key in _keys(f)}
        true, false = reached.decides(csp, formula, named)
        if true or route.decides(csp, formula, named)[0]:
            continue
        if reached.decides(csp, formula, None)[0] and (
            not false or closure.denies_assumption(csp, reached, formula)
        ):
            why = (
                f"{describe(formula)} is where the case's contradiction ends, but the steps that reach "
                "it are not shown before it"
            )
            return "unknown", why
        if false:
            why = f"{describe(formula)} does not follow: the assumption forces the opposite"
            return "refuted", why
        why = (
            f"{describe(formula)} is not derived from the assumption (it contradicts the puzzle, so "
            "entailment proves nothing; only forward reasoning from it counts)"
        )
        return "unknown", why
    return "verified", "derived from the assumption by unit reasoning (a refuted case)"


def _labels_named(read_clause: Any, order: tuple[str, ...], clause: str, *args: Any, **kwargs: Any) -> Any:
    return read_clause(named_labels(clause, order), *args, **kwargs)


def check_logic_job(job: Mapping[str, Any]) -> dict[str, Any]:
    reference = job.get("reference")
    response = str(job.get("response", ""))
    try:
        kind = kind_of(reference)
        assert isinstance(reference, dict)
        csp, solutions = analyse(reference)
    except InputError as exc:
        return _result("error", f"bad puzzle: {exc}")
    if not solutions:
        return _result("unknown", "the puzzle has no solution (SAT): nothing can be verified against it")
    if len(solutions) > 1:
        return _result(
            "unknown", "the puzzle has more than one solution (SAT found 2): it is not a valid puzzle"
        )
    if len(response) > MAX_RESPONSE:
        return _result("unknown", f"the response is longer than {MAX_RESPONSE} characters")
    if _READER_MARKS.search(response):
        # the clause reader marks quotes, asides and citations with these (read.clauses): a response
        # holding them could pass one passage off as another
        return _result("unknown", "the response holds private-use characters the reader uses as marks")
    # answers laid out as data, LaTeX tables or legends are re-spelled in the forms the readers know
    hidden: set[int] = set()  # lines of HTML comments, read as text but not shown when rendered
    laid_out = layout.normalise(reference, _unstrike(_uncomment(response.splitlines(), hidden)))
    lines = laid_out.lines
    inline = guard.inline_heading_data(lines)
    if inline is not None:
        return _result(
            "unknown", f"a heading with data on its line, and the data again below it: {inline[:80]}"
        )
    start = read.answer_start(lines)
    answer_from = 0 if start is None else start
    numbering = _part(kind.steps, "numbering")
    order = numbering(reference, str(job.get("prompt") or ""), response) if numbering is not None else None
    read_clause = functools.partial(kind.steps.read_clause, reference)
    if order is not None:  # "S1 is true": a statement named by its number, when the number is certain
        read_clause = functools.partial(_labels_named, read_clause, order)
    reader = guard.claim_guard(reference, read_clause, _part(kind.steps, "REASON"))
    mentions = guard.mentions(reference)
    # truth tables (propositional): each row a claim checked by evaluation; the walk reads none of their lines
    covered, tables = (
        kind.steps.table_claims(reference, lines) if _part(kind.steps, "table_claims") else (set(), [])
    )
    kind_cites = _part(kind.steps, "cited")
    cites = (
        functools.partial(speakers_cited, kind_cites, reference, order)
        if kind_cites is not None
        else cited_numbers
    )
    events = walk.walk(
        [("" if i in covered else line) for i, line in enumerate(lines)],
        reader,
        mentions,
        cites,
        verdicts_may_fail=bool(_part(kind.steps, "VERDICTS_MAY_FAIL")),
    )
    if tables:
        table_rows = [
            Event(line, "unknown", note=found)
            if isinstance(found, str)
            else Event(line, "claim", walk.Claim(line, found, "fact", [], "a truth-table row"))
            for line, found in tables
        ]
        events = sorted([*events, *table_rows], key=lambda event: event.line)
    if laid_out.problems:
        events = sorted(
            [*events, *(Event(i, "unknown", note=why) for i, why in laid_out.problems.items())],
            key=lambda event: event.line,
        )
    if _part(kind.steps, "grid_claims"):  # grids drawn anywhere are claims too, at their last line
        grids = [
            Event(line, "unknown", note=found)
            if isinstance(found, str)
            else Event(line, "claim", walk.Claim(line, found, "fact", [], "a grid"))
            for line, found in kind.steps.grid_claims(reference, lines)
            if found
        ]
        events = sorted([*events, *grids], key=lambda event: event.line)
    elif start is not None:
        # the answer reader reads tables only from the answer on; a table before it ("| 1 | Swede |",
        # "p q r s / F T F T") is a claim nobody reads, so it is unknown, never prose
        said = {e.line for e in events if e.what in ("claim", "unknown")} | covered
        events = sorted(
            [
                *events,
                *(
                    Event(i, "unknown", note=why)
                    for i, why in guard.early_tables(lines[:start], mentions)
                    if i not in said
                ),
            ],
            key=lambda event: event.line,
        )
    # a claim a later line takes back by name ("Wait, that's wrong: Kai is a knave") is not checked
    taken_back = [e.retracts for e in events if e.what == "retract"]
    steps = _Steps(lines)
    for event in events:
        if event.what == "retract":
            steps.mark(event.line, "no_claim", event.note)
    events = [
        e
        for e in events
        if e.what != "retract"
        and not (e.claim is not None and not e.claim.formulas and any(e.claim is c for c in taken_back))
    ]
    asserted = check_steps(
        csp, events, steps, answer_from, solutions[0], support_for(reference), reason_check(reference)
    )
    if _part(kind.steps, "reason_problems"):  # reasons held to the grid so far (sudoku_reasons.py)
        facts: dict[int, list[Any]] = {}
        for event in events:
            claim = event.claim
            if event.what == "claim" and claim is not None and claim.mode == "fact" and not claim.context:
                facts.setdefault(event.line, []).extend(
                    (f[1], f[2]) for f in claim.formulas if f[0] == "var" and isinstance(f[1], tuple)
                )
        for line, status, why in kind.steps.reason_problems(reference, lines, facts):
            steps.mark(line, status, why)
    rows = steps.rows()
    # what follows the answer, or a hedge inside it, could change it: then there is no answer to check
    claimed = {e.line for e in events if e.what in ("claim", "unknown")}
    read_lines = {e.line for e in events}  # a heading read as reasoning is no frame on the answer
    tail = answer_tail.answer_tail_problem(reference, lines, start, claimed, read_lines, hidden)
    tail = tail or answer_tail.hedged_fact(
        lines,
        {e.line for e in events if e.what == "claim" and e.claim is not None and e.claim.mode == "fact"},
    )
    if tail is not None:
        return _result("unknown", tail, rows)
    entry_key = _part(kind.answer, "entry_key")
    repeated = answer_entries.repeated_entry(lines[answer_from:], entry_key(reference)) if entry_key else None
    if repeated is not None:  # "| Ava | knight |" twice: a malformed list, even when the copies agree
        return _result("unknown", repeated, rows)
    answer = kind.answer.parse_answer(reference, "\n".join(lines[answer_from:]), asserted)
    if isinstance(answer, str):
        return _result("unknown", answer, rows)
    problems = kind.puzzle.violations(reference, answer)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return _result("refuted", f"the answer breaks the puzzle: {problems[0]}{more}", rows)
    first_bad = next((s for s in rows if s["status"] in ("refuted", "unknown")), None)
    if first_bad is not None:
        status = "refuted" if first_bad["status"] == "refuted" else "unknown"
        return _result(
            status, f"the answer is right, but step {first_bad['index']} is {first_bad['status']}", rows
        )
    checked = sum(s["status"] == "verified" for s in rows)
    return _result(
        "verified",
        f"unique puzzle (SAT); the answer satisfies every constraint; {checked} steps entailed",
        rows,
    )


def count_solutions_job(job: Mapping[str, Any]) -> dict[str, Any]:
    """How many solutions a puzzle has (0, 1, or 2 meaning "two or more"), for puzzles made elsewhere."""
    try:
        _, solutions = analyse(job.get("reference"))  # type: ignore[arg-type]
    except InputError as exc:
        return {"solutions": None, "evidence": f"bad puzzle: {exc}"}
    count = len(solutions)
    words = {0: "no solution", 1: "exactly one solution", 2: "more than one solution (SAT found 2)"}
    return {"solutions": count, "evidence": words[count]}
