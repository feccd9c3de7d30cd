"""Worker-pool diagnostics: a job module that takes seconds to import (a cold import on a loaded machine).

The pool imports a job function's module before the first job's clock starts, so
`WorkerPool(timeout=3).run("assay._probe_slow_import:echo", 1)` is `ok` although the import takes 4 s.
"""

from __future__ import annotations

import time
from typing import Any

IMPORT_SECONDS = 4.0
time.sleep(IMPORT_SECONDS)


def echo(job: Any) -> Any:
    return job
