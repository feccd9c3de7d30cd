"""Which verifier checks each domain: looked up in the registry (`assay.verifiers` entry points), the
built-ins exactly like a plugin's, chosen per domain ([verify] DOMAIN = "NAME" in assay.toml).

`Verifiers` holds one verifier per domain, made on first use, and holds every verdict to the contract
(about this candidate, from this verifier, never `verified` with an unverified step): a plugin that
breaks it, or crashes, gives `error`, never `verified`. A domain with no verifier is never guessed at.
This module never reads files or the store (that is `verification.py`).
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol, runtime_checkable

from assay.domains.code.sandbox import SandboxConfig
from assay.errors import ConfigError, InputError, RegistryError, WorkerError
from assay.records import Candidate, Problem, Status, Verdict
from assay.registry import Registry
from assay.workers import WorkerPool


@runtime_checkable
class Verifier(Protocol):
    """The verifier contract: one required method. Registered under the entry-point group
    `assay.verifiers`, with `domain` (what it checks), `name` and `version` as class attributes; the
    verdict's `verifier` must be "name@version". Optional: `verify_many(pairs)` for batches (then
    also `id` and `close()`), `check_reference(reference)` raising InputError for references from
    files it cannot check, and a `pool` constructor keyword to share the run's killable workers."""

    def verify(self, problem: Problem, candidate: Candidate) -> Verdict: ...


class DomainVerifier(Protocol):
    """What `Verifiers` holds per domain: a batch verifier (built-ins; a plugin with only `verify` is
    wrapped into one)."""

    @property
    def id(self) -> str: ...

    def verify_many(
        self,
        pairs: Sequence[tuple[Problem, Candidate]],
        on_done: Callable[[int, Verdict], None] | None = None,
    ) -> list[Verdict]: ...

    def close(self) -> None: ...


def _check_math_reference(reference: Mapping[str, Any]) -> None:
    answer = reference.get("answer")
    if not isinstance(answer, str | int | float) or isinstance(answer, bool):
        raise InputError("'reference.answer' must be a string or a number")
    if isinstance(answer, float) and not math.isfinite(answer):
        raise InputError(f"'reference.answer' must be a finite number, not {answer}")


# The built-in domains' default verifiers. A plugin verifier names its domain itself (`domain = "..."`)
# and is that domain's default when it is the only one installed for it; [verify] in assay.toml
# (e.g. `math = "math-answer"`) overrides any default.
BUILTIN_DEFAULTS: dict[str, str] = {"math": "math-steps", "code": "code-tests", "logic": "logic-steps"}
_BUILTIN_DOMAINS: dict[str, str] = {**{v: d for d, v in BUILTIN_DEFAULTS.items()}, "math-answer": "math"}
SUPPORTED_DOMAINS = frozenset(BUILTIN_DEFAULTS)  # built in; plugins add more (see `Verifiers.domains`)


def verifier_domain(name: str, factory: Any) -> str | None:
    """The domain a registered verifier checks: its own `domain` attribute, or the built-in table."""
    declared = getattr(factory, "domain", None)
    return declared if isinstance(declared, str) and declared else _BUILTIN_DOMAINS.get(name)


def choose_verifiers(registry: Registry, chosen: Mapping[str, str] | None = None) -> dict[str, str]:
    """Domain → registry name of the verifier that checks it: `chosen` (from [verify] in assay.toml)
    first, then the built-in defaults, then the one plugin verifier that names the domain. ConfigError,
    in one line, for a chosen name that is not installed or checks another domain, and for a domain
    that two plugin verifiers claim with nothing chosen."""
    claims: dict[str, list[str]] = {}
    for name in registry.names("verifiers"):
        domain = verifier_domain(name, registry.factory("verifiers", name))
        if domain is not None:
            claims.setdefault(domain, []).append(name)
    table: dict[str, str] = {}
    ambiguous: dict[str, list[str]] = {}
    for domain, names in claims.items():
        if domain in BUILTIN_DEFAULTS and BUILTIN_DEFAULTS[domain] in names:
            table[domain] = BUILTIN_DEFAULTS[domain]
        elif len(names) == 1:
            table[domain] = names[0]
        else:
            ambiguous[domain] = names
    for domain, name in (chosen or {}).items():
        try:
            factory = registry.verifier_factory(name)
        except RegistryError as exc:
            raise ConfigError(f"[verify] {domain} = {name!r}: {exc}") from None
        base = name.partition("@")[0]
        checks = verifier_domain(base, factory)
        if checks is not None and checks != domain:
            raise ConfigError(f"[verify] {domain} = {name!r}: that verifier checks domain {checks!r}")
        table[domain] = base
        ambiguous.pop(domain, None)
    if ambiguous:
        domain, names = sorted(ambiguous.items())[0]
        raise ConfigError(
            f"domain {domain!r} has several verifiers ({', '.join(names)}); choose one in assay.toml: "
            f'[verify] {domain} = "{names[0]}"'
        )
    return table


class Verifiers:
    """The verifier of each domain, looked up in the registry (`assay.verifiers` entry points) and made
    on first use, so math alone never starts a sandbox. Built in: math → math-steps (worker pool),
    code → code-tests (sandbox), logic → logic-steps (worker pool); plugins add domains.

    A domain with no verifier is never guessed at: its candidates get an `error` verdict from
    `verify_many` naming the problem (`verify_store` stores none for them), so nothing of it can be
    exported as verified.
    """

    def __init__(
        self,
        pool: WorkerPool | None = None,
        sandbox: SandboxConfig | None = None,
        given: Mapping[str, DomainVerifier] | None = None,
        *,
        registry: Registry | None = None,
        chosen: Mapping[str, str] | None = None,
    ) -> None:
        """given: verifiers to use for some domains instead of making them (closed here too);
        chosen: domain → verifier name ("math-answer" or "math-answer@27"), as [verify] in assay.toml."""
        self._pool = pool
        self._sandbox = sandbox
        self._registry = registry or Registry.from_entry_points()
        self._names = choose_verifiers(self._registry, chosen)
        self._made: dict[str, DomainVerifier] = dict(given or {})

    @property
    def domains(self) -> frozenset[str]:
        """Every domain that has a verifier."""
        return frozenset(self._names) | frozenset(self._made)

    def has_verifier(self, domain: str) -> bool:
        return domain in self._names or domain in self._made

    def missing(self, domain: str) -> str:
        """The one-line reason a domain's candidates get no verdict."""
        return (
            f"domain {domain!r} has no verifier (verified domains: {', '.join(sorted(self.domains))}); "
            f"install a plugin that registers one under `assay.verifiers`, or name one in assay.toml: "
            f'[verify] {domain} = "NAME"'
        )

    def for_domain(self, domain: str) -> DomainVerifier:
        if not self.has_verifier(domain):
            raise InputError(self.missing(domain))
        if domain not in self._made:
            self._made[domain] = self._make(self._names[domain])
        return self._made[domain]

    def check_reference(self, domain: str, reference: Mapping[str, Any]) -> None:
        """InputError unless reference is one the domain's verifier can check (for files, whose
        references nobody built): the built-in math check, else the verifier's own `check_reference`."""
        if domain == "math":
            _check_math_reference(reference)
        if domain in self._made:
            check = getattr(self._made[domain], "check_reference", None)
        else:
            check = getattr(self._registry.factory("verifiers", self._names[domain]), "check_reference", None)
        if callable(check):
            check(reference)

    def _make(self, name: str) -> DomainVerifier:
        from assay.domains.code.verifier import CodeVerifier

        factory: Any = self._registry.factory("verifiers", name)
        made: Any
        if isinstance(factory, type) and issubclass(factory, CodeVerifier):
            made = factory(config=self._sandbox)  # code runs in the workspace's sandbox settings
        elif "pool" in _parameters(factory):
            made = factory(pool=self._pool)  # pooled verifiers share the run's workers and time limit
        else:
            made = factory()
        return made if hasattr(made, "verify_many") else _OneByOne(made, name)

    def verify_many(self, pairs: Sequence[tuple[Problem, Candidate]]) -> list[Verdict]:
        """Verdicts in the order of pairs, each from its problem's domain's verifier."""
        verdicts: list[Verdict | None] = [None] * len(pairs)
        by_domain: dict[str, list[int]] = {}
        for i, (problem, candidate) in enumerate(pairs):
            if self.has_verifier(problem.domain):
                by_domain.setdefault(problem.domain, []).append(i)
            else:
                verdicts[i] = Verdict(candidate.id, "none", Status.ERROR, self.missing(problem.domain))
        for domain, indices in by_domain.items():
            verifier = self.for_domain(domain)
            found = verifier.verify_many([pairs[i] for i in indices])
            if len(found) != len(indices):
                raise WorkerError(f"verifier {verifier.id} gave {len(found)} verdicts for {len(indices)}")
            for i, verdict in zip(indices, found, strict=True):
                verdicts[i] = _checked(verdict, pairs[i][1], verifier.id)
        return [v for v in verdicts if v is not None]

    def close(self) -> None:
        for verifier in self._made.values():
            verifier.close()
        self._made.clear()

    def __enter__(self) -> Verifiers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _parameters(factory: Any) -> frozenset[str]:
    try:
        return frozenset(inspect.signature(factory).parameters)
    except (TypeError, ValueError):  # a builtin or C callable without a signature: offer nothing
        return frozenset()


def _checked(verdict: Any, candidate: Candidate, verifier: str) -> Verdict:
    """A plugin's verdict, held to the contract: a Verdict about this candidate, from this verifier.
    Anything else is an `error` (never a silent pass): a verdict for another candidate or from another
    verifier could otherwise land on this one."""
    if not isinstance(verdict, Verdict):
        return Verdict(
            candidate.id, verifier, Status.ERROR, f"verifier {verifier} returned a {type(verdict)}"
        )
    if verdict.candidate_id != candidate.id or verdict.verifier != verifier:
        return Verdict(
            candidate.id,
            verifier,
            Status.ERROR,
            f"verifier {verifier} returned a verdict of {verdict.verifier} "
            f"for candidate {verdict.candidate_id}",
        )
    if verdict.status == Status.VERIFIED and verdict.first_error_step is not None:
        # a step that is refuted or unknown leaves the candidate unproven, whatever the verifier says
        return replace(
            verdict,
            status=Status.UNKNOWN,
            evidence=f"step {verdict.first_error_step} is not verified; {verdict.evidence}",
        )
    return verdict


class _OneByOne:
    """A plugin verifier with only the one required method, `verify(problem, candidate)`: called per
    candidate. A crash is that candidate's `error` verdict (with the exception), never `verified`."""

    def __init__(self, verifier: Any, name: str) -> None:
        self._verifier = verifier
        declared = getattr(verifier, "id", None)
        self.id: str = (
            declared
            if isinstance(declared, str)
            else f"{getattr(verifier, 'name', name)}@{getattr(verifier, 'version', '1')}"
        )
        self.check_reference = getattr(verifier, "check_reference", None)

    def verify_many(
        self,
        pairs: Sequence[tuple[Problem, Candidate]],
        on_done: Callable[[int, Verdict], None] | None = None,
    ) -> list[Verdict]:
        out = []
        for i, (problem, candidate) in enumerate(pairs):
            try:
                verdict = self._verifier.verify(problem, candidate)
            except Exception as exc:  # a plugin's bug: recorded on the candidate, the run goes on
                verdict = Verdict(candidate.id, self.id, Status.ERROR, f"verifier crashed: {exc!r}"[:500])
            out.append(verdict)
            if on_done is not None:
                on_done(i, verdict)
        return out

    def close(self) -> None:
        close = getattr(self._verifier, "close", None)
        if callable(close):
            close()


__all__ = [
    "BUILTIN_DEFAULTS",
    "SUPPORTED_DOMAINS",
    "DomainVerifier",
    "Verifier",
    "Verifiers",
    "choose_verifiers",
    "verifier_domain",
]
