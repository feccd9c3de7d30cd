"""Review accounts: users, roles and scrypt password hashes. No web framework here (the CLI uses it).

Passwords are stored as scrypt hashes (hashlib.scrypt, a random 16-byte salt per user, the cost in the
stored string so it can be raised later) and compared in constant time.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import hmac
import re
import secrets
import threading
from dataclasses import dataclass

from sqlalchemy import Engine, delete, insert, select, update

from assay.errors import InputError
from assay.review.db import iso, read, write_transaction
from assay.store import schema

# OWASP's minimum for scrypt (N=2^17, r=8, p=1): 128 MiB and a fraction of a second per hash, so at most
# HASHING_AT_ONCE hashes run at a time (fifty reviewers logging in at once must not need 6 GiB).
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
HASHING_AT_ONCE = 2
MIN_PASSWORD = 8
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")


class Role(enum.StrEnum):
    """What a user may do; each role may do everything the ones before it may."""

    REVIEWER = "reviewer"  # reviews the items handed to them
    ADJUDICATOR = "adjudicator"  # also settles disagreements
    ADMIN = "admin"  # also manages users and queues, sees stats and exports

    @property
    def rank(self) -> int:
        return list(Role).index(self)


@dataclass(frozen=True)
class User:
    name: str
    role: Role


# --- passwords ---------------------------------------------------------------------------------------


_hashing = threading.BoundedSemaphore(HASHING_AT_ONCE)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    with _hashing:
        return hashlib.scrypt(
            password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * r * n, dklen=length
        )


def hash_password(password: str, *, n: int | None = None) -> str:
    """The stored form: scrypt$N$r$p$salt$hash (hex). n: the cost, SCRYPT_N unless given."""
    n = SCRYPT_N if n is None else n
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, n, SCRYPT_R, SCRYPT_P, 32)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    """Whether password matches the stored hash (constant-time compare; False for a malformed hash or
    parameters out of bounds, so a tampered row cannot make the server allocate without limit)."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, expected = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
    except ValueError:
        return False
    if not (
        2 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 16 and 1 <= p <= 4 and 16 <= len(expected) <= 64
    ):
        return False
    return hmac.compare_digest(_scrypt(password, salt, n, r, p, len(expected)), expected)


@functools.cache
def dummy_hash() -> str:
    """A hash to check a password against when the name is unknown (same cost as a real one)."""
    return hash_password(secrets.token_urlsafe(16))


# --- users -------------------------------------------------------------------------------------------


def valid_name(name: str) -> bool:
    return _NAME.fullmatch(name) is not None


def check_user(name: str, role: str, password: str) -> Role:
    if not _NAME.fullmatch(name):
        raise InputError(
            f"a user name is 1-64 letters, digits, '_', '.', '@' or '-', starting with a letter or digit, "
            f"not {name!r}"
        )
    try:
        parsed = Role(role)
    except ValueError:
        raise InputError(f"role must be one of {[r.value for r in Role]}, not {role!r}") from None
    if len(password) < MIN_PASSWORD:
        raise InputError(f"a password has at least {MIN_PASSWORD} characters")
    return parsed


def add_user(engine: Engine, name: str, role: str, password: str, *, n: int | None = None) -> User:
    """Create a user, or set an existing user's role and password."""
    parsed = check_user(name, role, password)
    hashed = hash_password(password, n=n)
    table = schema.review_users
    with write_transaction(engine) as conn:
        found = conn.execute(select(table.c.name).where(table.c.name == name)).first()
        if found is None:
            conn.execute(
                insert(table).values(name=name, role=parsed.value, password_hash=hashed, created_at=iso())
            )
        else:
            conn.execute(
                update(table).where(table.c.name == name).values(role=parsed.value, password_hash=hashed)
            )
            # a changed password or role ends the user's sessions
            conn.execute(delete(schema.review_sessions).where(schema.review_sessions.c.user_name == name))
    return User(name, parsed)


def list_users(engine: Engine) -> list[dict[str, str]]:
    table = schema.review_users
    with read(engine) as conn:
        rows = conn.execute(select(table.c.name, table.c.role, table.c.created_at).order_by(table.c.name))
        return [{"name": r.name, "role": r.role, "created_at": r.created_at} for r in rows]
