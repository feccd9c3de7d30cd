"""The export's curation gates with their memory on disk, so a dedup of any size runs in flat memory.

`loop.curation.Curator` keeps every exact-duplicate key in a Python set and every MinHash signature in
an in-memory LSH index: about 1.5 KB per kept row, so 1.5 GB at a million rows. `SpilledCurator` makes
the same decision for every row, in the same order, with the same counts, but keeps what it has seen in
a temporary SQLite file (a B-tree on disk behind a small page cache) that is deleted when it closes.

Why a temporary table and not `ORDER BY hash`: the gates keep the *first* row of each (near-)duplicate
group in export order, and a near-duplicate is a match in any one of the LSH bands, which no single sort
order brings together. A disk-backed set answers "seen before?" in export order, which is what the
gates ask, and an index lookup per band keeps each row's cost independent of how many came before.

How it stays decision-for-decision equal to Curator (tests/test_export_streaming.py pins it):
- exact duplicates: the same SHA-256 of the normalised (prompt, response) as Curator, stored as bytes;
- near duplicates: datasketch's MinHashLSH files a signature under b bands of r hash values each and
  reports a match when any band of the query equals a band of an inserted signature. The bands here
  are the same (b, r and ranges read from a MinHashLSH made with the same threshold and permutations),
  each stored as a 128-bit BLAKE2b digest of its values: two different bands collide with probability
  2^-128, and a collision could only drop a row, never admit one;
- contamination and the counts come from curation's own functions, checked first, as Curator does.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assay.loop.curation import (
    NEAR_THRESHOLD,
    NGRAM,
    NUM_PERM,
    Example,
    GateCounts,
    _normal,  # Curator's own normalisation, so the two cannot drift apart
    contaminated,
    eval_ngrams,
)

CACHE_KIB = 32 * 1024  # SQLite's page cache for the memory file: what the gates hold in RAM at most
COMMIT_EVERY = 10_000  # rows per transaction: few fsync-free commits, a bounded dirty-page set


class SpilledCurator:
    """Curator's gates, one example at a time, remembering what passed in a temporary SQLite file.

    Use as a context manager (or call close()) so the file is removed; `counts` as Curator's."""

    def __init__(
        self,
        eval_prompts: Iterable[str] = (),
        near_threshold: float = NEAR_THRESHOLD,
        num_perm: int = NUM_PERM,
        ngram: int = NGRAM,
        dedup: bool = True,
        folder: Path | None = None,
    ) -> None:
        from datasketch import MinHash, MinHashLSH

        self.counts = GateCounts()
        self._grams = eval_ngrams(eval_prompts, ngram)
        self._lengths = sorted({len(gram) for gram in self._grams})
        self._dedup = dedup
        self._num_perm = num_perm
        self._db: sqlite3.Connection | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        if not dedup:
            return
        layout = MinHashLSH(threshold=near_threshold, num_perm=num_perm)
        self._ranges: list[tuple[int, int]] = list(layout.hashranges)
        # MinHash draws its permutations from its seed each time it is made; made once and handed to
        # every signature, they are the same permutations at a fraction of the cost.
        template = MinHash(num_perm=num_perm, seed=1)
        self._permutations: Any = template.permutations
        self._scheme: Any = template.scheme  # (datasketch wants it named when permutations are given)
        self._folder = tempfile.TemporaryDirectory(prefix="assay-gates-", dir=folder)
        db = sqlite3.connect(Path(self._folder.name) / "seen.db", isolation_level=None)
        # A scratch file nobody else opens and nobody needs after a crash: no journal, no fsync.
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        db.execute("CREATE TABLE exact (key BLOB PRIMARY KEY) WITHOUT ROWID")
        db.execute("CREATE TABLE bands (band INTEGER, key BLOB, PRIMARY KEY (band, key)) WITHOUT ROWID")
        db.execute("BEGIN")
        self._db = db
        self._pending = 0

    def admit(self, example: Example) -> bool:
        """Whether example passes every gate (and, if it does, it is remembered for the next ones)."""
        if self._grams and contaminated(example.prompt, self._grams, self._lengths):
            self.counts.contaminated += 1
            return False
        if self._db is not None:
            if not self._new_exact(self._db, example):
                self.counts.exact_duplicates += 1
                return False
            if not self._new_near(self._db, example):
                self.counts.near_duplicates += 1
                return False
        self.counts.kept += 1
        self.counts.human += example.origin == "human"
        return True

    def _new_exact(self, db: sqlite3.Connection, example: Example) -> bool:
        """Remember the example's exact key; False if it was already there (as Curator, a near
        duplicate's exact key is remembered too)."""
        key = hashlib.sha256((_normal(example.prompt) + "\x00" + _normal(example.response)).encode()).digest()
        self._tick(db)
        return db.execute("INSERT OR IGNORE INTO exact VALUES (?)", (key,)).rowcount == 1

    def _new_near(self, db: sqlite3.Connection, example: Example) -> bool:
        """False if a band of the example's signature matches a remembered one; else remember its bands."""
        from datasketch import MinHash

        text = _normal(example.prompt + " " + example.response)
        signature = MinHash(
            num_perm=self._num_perm, seed=1, permutations=self._permutations, scheme=self._scheme
        )
        signature.update_batch([text[j : j + 5].encode() for j in range(max(1, len(text) - 4))])
        values = signature.hashvalues
        keys = [
            (band, hashlib.blake2b(values[start:end].tobytes(), digest_size=16).digest())
            for band, (start, end) in enumerate(self._ranges)
        ]
        for key in keys:
            if db.execute("SELECT 1 FROM bands WHERE band = ? AND key = ?", key).fetchone():
                return False
        db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", keys)
        return True

    def _tick(self, db: sqlite3.Connection) -> None:
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            db.execute("COMMIT")
            db.execute("BEGIN")
            self._pending = 0

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def __enter__(self) -> SpilledCurator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
