"""Entry point of a verification worker process: `python -m assay._worker MEMORY_BYTES`."""

import sys

from assay.workers import worker_main

if __name__ == "__main__":
    worker_main(int(sys.argv[1]))
