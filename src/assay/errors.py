"""Every error assay raises on purpose, under one root.

    AssayError                    root: catch this to catch anything assay raises on purpose
    ├── ConfigError               a config file or option is malformed; names the key and the reason
    ├── RegistryError             a plugin name is unknown, or registered twice
    ├── StoreError                the workspace or database cannot be opened, migrated or written
    │   └── NotFoundError         an id asked for is not in the store
    ├── InputError                an input file or record is malformed (names the line and the problem)
    ├── OutputError               an output cannot be written: the disk or folder refused (full, too
    │   │                         large, read-only, permission), or it would replace an input, a
    │   │                         workspace's database or config, or another run's artifacts
    │   └── InUseError            another process holds the output's or the workspace's lock (names its pid)
    ├── MathParseError            math text is outside the allow-list grammar; the trace parser records
    │   └── LimitExceeded         it as unreadable. LimitExceeded: a bound (digits, exponent, nodes,
    │                             depth, factorial) would be broken, so evaluation stops before it starts
    ├── WorkerError               a verification worker could not be started or answered nonsense
    └── GeneratorAuthError        an HTTP generator's server refused the credentials (401/403): the
                                  run stops at once instead of failing every sample the same way

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


class OutputError(AssayError):
    """An output cannot be written (disk full, file too large, read-only or forbidden folder), or it
    names a file assay refuses to replace (an input, a workspace's database or config, another run's
    artifacts). The destination is left as it was."""


class InUseError(OutputError):
    """Another process holds the lock of this output or workspace; the message names its pid."""


class MathParseError(AssayError):
    """Math text is outside the allow-list grammar."""


class LimitExceeded(MathParseError):
    """Parsing or evaluating would break a safety bound (digits, exponent, nodes, depth, factorial)."""


class WorkerError(AssayError):
    """A verification worker could not be started, or answered something that is not a result."""


class GeneratorAuthError(AssayError):
    """An HTTP generator's server answered 401 or 403: every other request would fail the same way.

    Raised by `OpenAIGenerator.complete` (and by every later call on that generator); the message names
    the server, the status and the environment variable the key is read from, never the key itself.
    """
