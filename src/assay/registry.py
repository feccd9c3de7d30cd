"""The registry: names → tasks, verifiers, generators and scorers.

An explicit object, filled from entry points: built-ins register through the same groups third-party
packages use (`assay.tasks`, `assay.verifiers`, `assay.generators`, `assay.scorers`), so a plugin is a
class plus one line in its pyproject. Registering a name twice raises; nothing is filled at import time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Literal

from assay.errors import RegistryError

Kind = Literal["tasks", "verifiers", "generators", "scorers"]
KINDS: tuple[Kind, ...] = ("tasks", "verifiers", "generators", "scorers")


class Registry:
    """Names to factories, one table per kind."""

    def __init__(self) -> None:
        self._tables: dict[Kind, dict[str, Callable[..., Any]]] = {kind: {} for kind in KINDS}
        self._origins: dict[tuple[Kind, str], str] = {}

    @classmethod
    def from_entry_points(cls, extra: Iterable[tuple[Kind, EntryPoint]] = ()) -> Registry:
        """A registry with every installed plugin (assay's own built-ins included)."""
        registry = cls()
        found: list[tuple[Kind, EntryPoint]] = [
            (kind, ep) for kind in KINDS for ep in entry_points(group=f"assay.{kind}")
        ]
        for kind, ep in [*found, *extra]:
            try:
                factory = ep.load()
            except Exception as exc:
                raise RegistryError(f"could not load {kind[:-1]} {ep.name!r} from {ep.value}: {exc}") from exc
            registry.register(kind, ep.name, factory, origin=ep.value)
        return registry

    def register(self, kind: Kind, name: str, factory: Callable[..., Any], origin: str = "") -> None:
        if kind not in self._tables:
            raise RegistryError(f"unknown plugin kind {kind!r}; kinds are {list(KINDS)}")
        if name in self._tables[kind]:
            first = self._origins.get((kind, name), "?")
            raise RegistryError(f"{kind[:-1]} {name!r} is registered twice ({first} and {origin or '?'})")
        self._tables[kind][name] = factory
        self._origins[(kind, name)] = origin

    def names(self, kind: Kind) -> list[str]:
        return sorted(self._tables[kind])

    def factory(self, kind: Kind, name: str) -> Callable[..., Any]:
        try:
            return self._tables[kind][name]
        except KeyError:
            known = ", ".join(self.names(kind)) or "none"
            raise RegistryError(f"no {kind[:-1]} named {name!r}; known: {known}") from None

    def task(self, name: str, config: dict[str, Any] | None = None) -> Any:
        return self.factory("tasks", name)(config)

    def verifier(self, name: str, **options: Any) -> Any:
        """The verifier registered as name ("math-steps", or "math-steps@27" to pin its version)."""
        return self.verifier_factory(name)(**options)

    def verifier_factory(self, name: str) -> Callable[..., Any]:
        """The factory of a verifier named "name" or "name@version"; RegistryError if it is not
        installed, or is installed at another version (a pinned version is never silently swapped)."""
        base, at, version = name.partition("@")
        factory = self.factory("verifiers", base)
        installed = str(getattr(factory, "version", "1"))
        if at and version != installed:
            raise RegistryError(f"verifier {base!r} is installed at version {installed}, not {version}")
        return factory

    def generator(self, spec: str, **options: Any) -> Any:
        """A generator from a spec "SCHEME:TARGET" (e.g. "tiny:models/v1.pt"), made by the factory
        registered under SCHEME in `assay.generators`: `factory(TARGET, **options)`."""
        scheme, colon, target = spec.partition(":")
        if not colon or not scheme:
            known = ", ".join(f"{s}:..." for s in self.names("generators")) or "none"
            raise RegistryError(f"generator {spec!r} has no scheme (SCHEME:TARGET); known: {known}")
        return self.factory("generators", scheme)(target, **options)

    def scorer(self, name: str, **options: Any) -> Any:
        return self.factory("scorers", name)(**options)

    def origin(self, kind: Kind, name: str) -> str:
        """Where a name was registered from ("module:attribute"), for listings and errors."""
        return self._origins.get((kind, name), "")
