"""Whether a step's reason is its claim's: the premises, clues or statements a claim cites must give it
with what the trace established before the line (`support_for`: each kind's `cited_keys` and
`cited_gives`), a reason named by a number the reader cannot resolve is unknown (`speakers_cited` for
knights), and a formula given as the reason must give the claim with the steps before (`unfounded`,
propositional). The check (`check.py`) calls these on each claim it has found true.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from assay.domains.logic import propositional, walk_events, zebra
from assay.domains.logic.citations import UNRESOLVED, numbered_reason
from assay.domains.logic.csp import Formula
from assay.domains.logic.describe import describe
from assay.domains.logic.kinds import kind_of
from assay.domains.logic.knights_numbered import named_labels, numbered

Support = Callable[[tuple[int, ...], list[Formula], Formula, bool, bool], "str | None"]


def unsupported(support: Support | None, claim: walk_events.Claim, context: list[Formula]) -> str | None:
    """Why a true claim is not about what the premises it cites speak of, or None: "by clue 3" is a
    reason, and a reason about other things (or a clue that does not exist) is a wrong step even when
    the claim is right."""
    if support is None or not claim.cited:
        return None
    return support(claim.cited, context, conjunction(claim.formulas), claim.restated, claim.forced)


# whether what is given (a reason and the steps before) gives every formula of a claim
Reasoned = Callable[[list[Formula], list[Formula]], bool]


def reason_check(reference: Mapping[str, Any]) -> Reasoned | None:
    """How a formula given as a reason is held to its claim, per kind: propositional over every
    assignment of the atoms; zebra over the houses with the puzzle's placements (its "position" clues,
    which reasoning uses as givens), not its other clues; None for the other kinds."""
    kind = reference.get("kind")
    if kind == "propositional":
        atoms = list(reference.get("atoms") or [])
        return lambda given, parts: propositional.gives(atoms, given, parts)
    if kind == "zebra":
        givens = [c for c in reference.get("clues") or [] if c[0] in ("position", "not_position")]
        built: list[Any] = []  # built on the first reason met: most traces give none

        def follows(given: list[Formula], parts: list[Formula]) -> bool:
            if not built:
                built.append(zebra.build({**reference, "clues": givens}))
            return bool(built[0].follows(given, conjunction(parts)))

        return follows
    return None


def unfounded(reasoned: Reasoned | None, claim: walk_events.Claim, context: list[Formula]) -> str | None:
    """Why a claim given a formula as its reason ("Since p → ¬s, s is false", "Blue is next to cocoa, so
    blue is in house 3") does not follow from that formula and the steps before, or None. A claim that
    also cites premises ("Premise 3 simplifies to q, so q is true") is held to them instead
    (`unsupported`): the formula there is what the premise becomes."""
    if reasoned is None or not claim.because or claim.cited:
        return None
    if reasoned([*claim.because, *context], list(claim.formulas)):
        return None
    return f"{describe(claim.formulas[0])} does not follow from the reason given and the steps before"


def conjunction(formulas: list[Formula]) -> Formula:
    return formulas[0] if len(formulas) == 1 else ["and", *formulas]


def support_for(reference: Mapping[str, Any]) -> Support | None:
    """For kinds whose prompt numbers its premises or clues (`cited_keys`): whether a claim is about
    what the cited ones speak of. A zebra clue about one drink bears on every drink (what it rules out
    for one value places the others), so there a claim must share an attribute with the clue. This is
    relevance, not entailment: real reasoning cites the clue that decides a step and leaves the ones it
    used before unnamed ("the dog is in house 1 (clue 3)" after "red is house 1" was never said), so
    a cited clue that does not give the claim alone is not a wrong step."""
    cited_keys = getattr(kind_of(reference).puzzle, "cited_keys", None)
    cited_gives = getattr(kind_of(reference).puzzle, "cited_gives", None)
    if cited_keys is None:
        return None

    def check(
        cited: tuple[int, ...], context: list[Formula], formula: Formula, restated: bool, forced: bool
    ) -> str | None:
        if UNRESOLVED in cited:
            return "a reason named by a number that is not read as one of the puzzle's premises or clues"
        keys = cited_keys(reference, cited)
        if isinstance(keys, str):
            return keys
        topics = keys | {key[0] for key in keys if isinstance(key, tuple)}
        claimed = _all_keys(formula)
        if not claimed:
            return None  # a faithful restatement of the cited premise ("Premise 2 is s → ¬r") is about it
        if any(key in topics or (isinstance(key, tuple) and key[0] in topics) for key in claimed):
            # a premise rewritten must follow from the premises it cites (propositional: `cited_gives`)
            return (
                cited_gives(reference, cited, context, formula, restated, forced)
                if cited_gives is not None
                else None
            )
        word = "clue" if reference.get("kind") == "zebra" else "premise"
        named = f"{word}{'s' if len(cited) > 1 else ''} {', '.join(map(str, cited))}"
        if reference.get("kind") == "knights":
            people = list(reference["people"])
            named = " and ".join(f"{people[k - 1]}'s statement" for k in cited)
        return f"{describe(formula)} is true, but {named} says nothing about it"

    return check


def speakers_cited(
    kind_cites: Callable[[Mapping[str, Any], str], tuple[int, ...]],
    reference: Mapping[str, Any],
    order: tuple[str, ...] | None,
    clause: str,
) -> tuple[int, ...]:
    """The statements a clause cites by their speakers (knights: `knights_cited.cited`); one cited by a
    number ("(S1)", "statement 3") is the speaker at that place in `order`, the order in which the prompt
    quotes them when that is certain (`knights_numbered.numbering`), and `UNRESOLVED` otherwise ("the
    second statement", or no order): which statement it names is then not certain."""
    if order is not None:
        clause = named_labels(clause, order)  # "S2 is false" judges Ben's statement, it cites nothing
    if not numbered_reason(clause):
        return kind_cites(reference, clause)
    found = None if order is None else numbered(clause, order, list(reference["people"]))
    if found is None:
        return (UNRESOLVED,)
    return tuple(dict.fromkeys([*found, *kind_cites(reference, clause)]))


def _all_keys(formula: Formula) -> set[Any]:
    if formula[0] == "var":
        return {formula[1]}
    return {key for g in formula[1:] if isinstance(g, list) for key in _all_keys(g)}
