"""The sandbox's entry point: `python -I -S -B runner.py` starts one worker (see worker.py).

Python compiles the script it is started with afresh every time, and never caches it; the modules it
imports load from their compiled bytecode, which the host ships beside them (sandbox.module_bytecode).
The worker's code lives in worker.py for that reason: compiled here at each start, its 600 lines cost
about 20 ms and left some 2 MB of the compiler's heap in the worker, which its spawner inherited and
every task's fork then copied (page tables) and every task's exit took down again.
"""

import os
import sys
from typing import TYPE_CHECKING

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # the modules of isolation.RUNNER_MODULES

if TYPE_CHECKING:
    from assay.domains.code.worker import main
else:  # inside the sandbox there is no assay package: the modules sit beside this file
    from worker import main

if __name__ == "__main__":
    main()
