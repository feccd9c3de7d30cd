"""Points where a crash-safety test holds a run still, to kill it exactly there.

`kill -9` tests must kill a run mid-training and mid-generation. Polling for a checkpoint and killing when
it appears is a race a busy machine can lose (the run may finish first). With `ASSAY_HOLD_AT` set to a
point's name, a run that reaches that point says so on stderr and waits to be killed, so the test kills it
there whatever the load. Unset, as it is outside those tests, `hold` is one dictionary lookup.
"""

from __future__ import annotations

import os
import signal
import sys

ENVIRONMENT = "ASSAY_HOLD_AT"
TRAIN_CHECKPOINT = "train-checkpoint"  # a training checkpoint was just written
GENERATE_ATTEMPTS = "generate-attempts"  # the first batch of samples was just stored


def hold(point: str) -> None:
    """Wait here forever (until killed) if the environment names this point."""
    if os.environ.get(ENVIRONMENT) != point:
        return
    print(f"assay: held at {point}", file=sys.stderr, flush=True)
    while True:
        signal.pause()
