"""Every error assay raises on purpose, under one root.

    AssayError                    root: catch this to catch anything assay raises on purpose
    ├── ConfigError               a config file or option is malformed; names the key and the reason
    ├── RegistryError             a plugin name is unknown, or registered twice
    ├── StoreError                the workspace or database cannot be opened, migrated or written
    │   └── NotFoundError         an id asked for is not in the store
    ├── InputError                an input file or record is malformed (names the line and the problem)
    ├── MathParseError            math text is outside the allow-list grammar; the trace parser records
    │   └── LimitExceeded         it as unreadable. LimitExceeded: a bound (digits, exponent, nodes,
    │                             depth, factorial) would be broken, so evaluation stops before it starts
    └── WorkerError               a verification worker could not be started or answered nonsense

The library raises these; only ``assay.cli`` turns them into messages and exit codes.
"""

from __future__ import annotations


class AssayError(Exception):
    """Root of every error assay raises on purpose."""


class ConfigError(AssayError):
    """A config file or option is malformed; the message names the key and the reason."""


class RegistryError(AssayError):
    """A task, verifier or other plugin name is unknown, or the same name was registered twice."""


class StoreError(AssayError):
    """The workspace or its database cannot be opened, migrated or written."""


class NotFoundError(StoreError):
    """An id that was asked for is not in the store."""


class InputError(AssayError):
    """An input file or record is malformed; the message names where and what."""


class MathParseError(AssayError):
    """Math text is outside the allow-list grammar."""


class LimitExceeded(MathParseError):
    """Parsing or evaluating would break a safety bound (digits, exponent, nodes, depth, factorial)."""


class WorkerError(AssayError):
    """A verification worker could not be started, or answered something that is not a result."""
