"""The `ray` engine: a stage's batch function on Ray actors, results back in batch order.

Each actor is one long-lived Python process that resolves "module:function" and calls it, so whatever
a batch function builds with `resource()` (a worker pool, a sandbox, a model, an HTTP client) is built
once per actor and lives as long as the actor: every Ray worker owns its own pool and sandbox. The
driver alone talks to the store: actors get records in and hand results back, nothing else.

What this engine must never do:
- reorder: results are yielded in the order the batches went in, whatever order they finish in, so
  the driver writes the same rows in the same order as under `local` (byte-identical exports);
- swallow: an exception in a batch function is raised in the driver (an AssayError of the same class
  when it was one, otherwise an AssayError with the remote traceback's last line), and an actor that
  dies (killed, out of memory) is an AssayError naming it; nothing is retried behind the driver's
  back, because the driver's resume already re-runs exactly what was not written;
- hold a whole stream: at most 2 × workers batches are in flight (sent and not yet yielded), so a
  stream of any length runs in flat memory on both sides;
- outlive its owner's cluster: `close()` shuts Ray down only when this engine started it.

A context that carries a limit meant for the whole run (an HTTP generator's `concurrency`) says how to
split it: if it has a method `share(index, workers)`, actor `index` gets `context.share(index, workers)`
instead of the context, and an actor whose share is None runs no batch of that map. `split_limit`
is the usual way to write it, and it never hands out more than the total.

Ray is an optional extra (`pip install 'assay[ray]'`); it is imported only when an engine is made.
"""

from __future__ import annotations

import os
import socket
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from assay.engines.base import BatchFn, close_resources, resolve
from assay.errors import AssayError, ConfigError

INSTALL_HINT = "pip install 'assay[ray]'"
IN_FLIGHT_PER_WORKER = 2  # one batch running and one queued behind it: an actor never waits on the driver
SHUTDOWN_SECONDS = 60.0  # how long close() lets actors close their pools before killing them anyway

# every actor computes on one thread: with several actors on a machine, torch's (and BLAS's) default of
# one thread per core would oversubscribe the cores many times over and every actor would crawl
ACTOR_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}


CONNECT_SECONDS = 10.0  # how long a cluster's head may take to accept a connection before we give up


def _auth_hint(address: str | None) -> str:
    """What to try when joining a cluster failed and this process did not ask for Ray's token
    authentication: `ray start --head` turns it on by default (Ray 2.59 and later), while a process
    that joins by address sends no token unless RAY_AUTH_MODE=token (Ray only logs the refusal)."""
    if not address or os.environ.get("RAY_AUTH_MODE", "").strip():
        return ""
    return (
        "; if the cluster uses Ray's token authentication (the default for `ray start` since Ray 2.59), "
        "set RAY_AUTH_MODE=token (the token is read from RAY_AUTH_TOKEN or ~/.ray/auth_token)"
    )


def _reachable(address: str) -> None:
    """Stop with one line when a "HOST:PORT" cluster address does not answer: Ray itself retries for
    minutes before it says so. Other forms ("auto", "ray://...") are left to Ray."""
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit() or "/" in address:
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_SECONDS).close()
    except OSError as exc:
        raise AssayError(
            f"no Ray cluster answers at {address} ({exc.strerror or exc}); start one with "
            "`ray start --head`, or leave out --ray-address to run a local Ray"
        ) from None


class _Worker:
    """The actor: one process that runs batch functions (wrapped by ray.remote when an engine starts)."""

    def __init__(self, index: int) -> None:
        self.index = index
        self._functions: dict[str, BatchFn] = {}

    def call(self, fn: str, context: Any, batch: list[Any]) -> list[Any]:
        function = self._functions.get(fn)
        if function is None:
            function = self._functions[fn] = resolve(fn)
        _one_thread()
        return function(context, batch)

    def pid(self) -> int:
        return os.getpid()

    def shutdown(self) -> None:
        """Close this process's resources (its worker pool's processes, its sandbox) before it is killed:
        ray.kill ends the process at once, and the children of a pool would be left behind."""
        close_resources()


def _one_thread() -> None:
    # OMP_NUM_THREADS in the actor's environment covers a torch imported later; a torch already
    # imported (by an earlier batch) is told again, in case a batch function changed it
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)


class RayEngine:
    """Batch functions on `workers` Ray actors (default: one per CPU of the cluster).

    With no address (and no RAY_ADDRESS in the environment) a new local Ray is started (no dashboard,
    workers' logs kept out of the driver's output); with `address` an existing cluster is joined. If
    Ray is already running in this process (a caller's own `ray.init`), the engine uses it and leaves
    it running when closed.
    """

    name = "ray"

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 0):
            raise ConfigError(f"workers must be a whole number ≥ 1 (0 = one per CPU), not {workers!r}")
        try:
            import ray
        except ImportError as exc:
            raise ConfigError(f"the ray engine needs Ray: {INSTALL_HINT} ({exc})") from None
        self._ray: Any = ray
        self._started = False
        self._closed = False
        if not self._ray.is_initialized():
            self._start(address, workers or None)
            self._started = True
        cpus = float(self._ray.cluster_resources().get("CPU", 0.0))
        self.workers = workers or max(1, int(cpus))
        # an actor holds one CPU, or its part when more actors than CPUs were asked for (they then share
        # the CPUs, instead of the extra actors waiting forever for a CPU that never frees up)
        per_actor = min(1.0, cpus / self.workers) if cpus > 0 else 0.0
        remote = self._ray.remote(_Worker).options(
            num_cpus=per_actor,
            max_restarts=0,  # a dead actor is reported, never silently replaced mid-stage
            max_task_retries=0,
            scheduling_strategy="SPREAD",  # across a cluster's nodes: every node's cores take part
            runtime_env={"env_vars": ACTOR_ENV},
        )
        self._actors: list[Any] = [remote.remote(index) for index in range(self.workers)]

    def _start(self, address: str | None, workers: int | None) -> None:
        import logging

        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,  # the actors' output stays in Ray's log files, not in the CLI's
            "logging_level": logging.ERROR,
        }
        # RAY_ADDRESS is how Ray names the cluster a process belongs to (`ray job submit` sets it for
        # the job's command): joined like --ray-address
        address = address or os.environ.get("RAY_ADDRESS", "").strip() or None
        if address:
            _reachable(address)
            options["address"] = address
        else:
            # "local" starts a new Ray even when another one runs on this machine (address=None would
            # join the last cluster `ray start` left here: someone else's); it is ours to shut down
            options["address"] = "local"
            if workers:
                options["num_cpus"] = workers
        try:
            self._ray.init(**options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = f"the Ray cluster at {address}" if address else "a local Ray"
            raise AssayError(
                f"cannot start or join {where}: {_last_line(exc)}{_auth_hint(address)}"
            ) from None

    # --- the Engine contract ---

    def map(self, fn: str, context: Any, batches: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
        """fn(context, batch) on the actors, each batch to the least busy actor, results yielded in the
        batches' order; at most 2 × workers batches sent and not yet yielded."""
        if self._closed:
            raise AssayError("the ray engine is closed")
        module_name, _, name = fn.partition(":")
        if not module_name or not name:
            raise AssayError(f'a batch function is "module:function", not {fn!r}')
        contexts = self._contexts(context)
        usable = [index for index, ref in enumerate(contexts) if ref is not None]
        if not usable:
            raise AssayError(f"{fn}: the context gives no worker a share of its limits")
        window = IN_FLIGHT_PER_WORKER * len(usable)
        sent: deque[tuple[Any, int, int]] = deque()  # (result ref, actor, batch number), in batch order
        busy: dict[Any, int] = {}  # refs not known to be finished → their actor
        load = dict.fromkeys(usable, 0)  # per actor: batches given and not known to be finished
        numbered = enumerate(batches)
        try:
            while True:
                while len(sent) < window and (item := next(numbered, None)) is not None:
                    number, batch = item
                    self._settle(busy, load)
                    actor = min(usable, key=lambda index: (load[index], index))
                    ref = self._actors[actor].call.remote(fn, contexts[actor], list(batch))
                    sent.append((ref, actor, number))
                    busy[ref] = actor
                    load[actor] += 1
                if not sent:
                    return
                ref, actor, number = sent.popleft()
                result = self._result(ref, actor, number, fn)
                if busy.pop(ref, None) is not None:
                    load[actor] -= 1
                yield result
        finally:
            # stopped early (an error, or the caller stopped reading): batches still queued on an actor
            # are cancelled so the next map does not wait behind them; one already running finishes
            for ref, _, _ in sent:
                self._ray.cancel(ref)

    def close(self) -> None:
        """Close every actor's resources, kill the actors, and shut Ray down if this engine started it."""
        if self._closed:
            return
        self._closed = True
        ray = self._ray
        if self._actors:
            closing = [actor.shutdown.remote() for actor in self._actors]
            # an actor that died or hangs is killed all the same; its pool's processes die with it
            ray.wait(closing, num_returns=len(closing), timeout=SHUTDOWN_SECONDS)
            for actor in self._actors:
                ray.kill(actor)
            self._actors = []
        if self._started and ray.is_initialized():
            ray.shutdown()

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- inside ---

    def _contexts(self, context: Any) -> list[Any]:
        """Per actor: a ref to its context (put once per distinct value), or None when it gets no share."""
        share = getattr(context, "share", None)
        if not callable(share):
            ref = self._ray.put(context)
            return [ref] * self.workers
        refs: list[Any] = []
        put: list[tuple[Any, Any]] = []  # (context, its ref): actors with equal shares share one object
        for index in range(self.workers):
            part = share(index, self.workers)
            if part is None:
                refs.append(None)
                continue
            ref = next((known for value, known in put if value == part), None)
            if ref is None:
                ref = self._ray.put(part)
                put.append((part, ref))
            refs.append(ref)
        return refs

    def _settle(self, busy: dict[Any, int], load: dict[int, int]) -> None:
        """Forget the batches that finished since the last look (without fetching their results), so the
        next batch goes to an actor that is idle rather than to one behind a slow batch."""
        if not busy:
            return
        done, _ = self._ray.wait(list(busy), num_returns=len(busy), timeout=0, fetch_local=False)
        for ref in done:
            load[busy.pop(ref)] -= 1

    def _result(self, ref: Any, actor: int, number: int, fn: str) -> list[Any]:
        exceptions = self._ray.exceptions
        try:
            result: list[Any] = self._ray.get(ref)
        except exceptions.RayTaskError as exc:
            cause = getattr(exc, "cause", None)
            if isinstance(cause, AssayError):  # a domain error keeps its class (the CLI's exit code)
                raise cause from None
            raise AssayError(
                f"{fn} failed on batch {number} (Ray worker {actor}): {_last_line(exc)}"
            ) from None
        except exceptions.TaskCancelledError:
            raise AssayError(f"{fn}: batch {number} was cancelled on Ray worker {actor}") from None
        except exceptions.RayError as exc:  # the actor died: killed, out of memory, its node lost
            raise AssayError(
                f"Ray worker {actor} of {self.workers} died running {fn} (batch {number}): "
                f"{_first_line(exc)}; run again to resume from what was written"
            ) from None
        return result


def _last_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
