"""Worker processes that live and die with the build, and one-by-one work where there can be none.

- Every worker asks the kernel to kill it when the process that made it ends (Linux
  prctl(PR_SET_PDEATHSIG)), so a build stopped with `kill -9` leaves no worker writing on.
- Workers ignore Ctrl-C: the terminal sends it to the whole process group, and the main process
  ends them itself (no traceback from each worker).
- In the main process SIGTERM and SIGHUP raise `Terminated` (a KeyboardInterrupt): temporary files
  are removed on the way out, and the pool ends its workers before the command returns.
- Where no process pool can be made (no semaphores, a refused fork), the work runs one by one here.

A `Pool` (`early`) forks its workers before their work is known, so they can make themselves ready
(import WeasyPrint, read dictionaries) while this process works on; `run_all` forks one for work at hand;
`Background` forks one for a single task that runs beside this process's own work (with a GIL of its own).
"""

from __future__ import annotations

import ctypes
import gc
import importlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
M = TypeVar("M")

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
# Workers are forked, whatever Python's default: they share what this process loaded (WeasyPrint, dictionaries).
FORK = multiprocessing.get_context("fork")
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Terminated(KeyboardInterrupt):
    """Raised in the main process when it is told to stop (SIGTERM, SIGHUP)."""


def _raise_terminated(signum: int, _frame: object) -> None:
    raise Terminated(signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into `Terminated` while the block runs (main thread only)."""
    previous = {}
    try:
        for signum in STOP_SIGNALS:
            previous[signum] = signal.signal(signum, _raise_terminated)
    except ValueError:  # not the main thread: leave the handlers alone
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def die_with_parent(parent: int) -> None:
    """Set up a worker: killed when `parent` ends, default stop signals, Ctrl-C left to the parent."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the stop handler below still ends the workers
        pass
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)  # inherited from the main process by fork
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if os.getppid() != parent:  # the parent ended before the request above was in place
        os._exit(1)


def terminate(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers now and wait for them (nothing they were doing is kept).

    The pool's manager thread is waited for too: it closes its wake-up pipe as it ends, and Python's exit
    handler for process pools writes into that pipe without a lock (CPython 3.11): an interrupted build
    ended with "OSError: [Errno 9] Bad file descriptor" after "Abgebrochen." when the two met.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is not None:
        manager.join(timeout=5)


@contextmanager
def _frozen() -> Iterator[None]:
    """Fork with this process's objects out of the garbage collector's reach in the workers.

    A worker's collections would otherwise walk every object it inherited and so copy every memory page
    holding one (copy on write): a tenth of a second and more per worker of a large process. Here the
    objects are collected as before once the workers are forked.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _start_worker(parent: int, ready: Callable[[], object] | None) -> None:
    """Set up a worker of a `Pool`: as `die_with_parent`, then make it ready for its work."""
    die_with_parent(parent)
    if ready is not None:
        try:
            ready()
        except Exception:  # noqa: BLE001 - not ready only costs time: the work itself meets the problem and tells it
            pass


def _nothing() -> None:
    """A task that only makes the pool start its workers."""


class Pool:
    """Worker processes forked by `early`; the work runs one by one in this process where there can be none."""

    def __init__(self, executor: ProcessPoolExecutor | None) -> None:
        self.executor = executor

    @property
    def forked(self) -> bool:
        """Return whether the pool's work runs in worker processes (else one by one in this process)."""
        return self.executor is not None

    def prepare(self, function: Callable[..., object], *args: object) -> None:
        """Start `function(*args)` in a worker ahead of the pool's work, where there is one; nothing comes back.

        The pool's next work waits for it (a pool of one worker: the worker that takes that work).
        """
        if self.executor is not None:
            try:
                self.executor.submit(function, *args)
            except (BrokenProcessPool, RuntimeError):  # a broken or ended pool: its work will tell
                pass

    def run_all(self, function: Callable[[T], R], items: Sequence[T],
                meanwhile: Callable[[], M] | None = None) -> tuple[list[R], M | None]:
        """Return `function` of every item, computed in the pool's workers, and what `meanwhile` returned.

        `meanwhile` runs in this process while the workers work. On any error or interruption the
        workers are ended, and the pool with them, before this returns.
        """
        if self.executor is None:
            done = meanwhile() if meanwhile is not None else None
            return [function(item) for item in items], done
        try:
            futures = [self.executor.submit(function, item) for item in items]
            done = meanwhile() if meanwhile is not None else None
            return [future.result() for future in futures], done
        except BaseException:
            terminate(self.executor)
            self.executor = None
            raise


@contextmanager
def early(size: int, ready: Callable[[], object] | None = None) -> Iterator[Pool]:
    """Fork `size` workers now, each running `ready` first, and yield them as a `Pool`; end them after the block.

    With `size` below 1, or where no process pool can be made, the pool's work runs one by one in this process.
    """
    executor = None
    if size >= 1:
        try:
            executor = ProcessPoolExecutor(max_workers=size, mp_context=FORK, initializer=_start_worker,
                                           initargs=(os.getpid(), ready))
            with _frozen():
                executor.submit(_nothing)  # every worker is forked now (start method fork)
        except BaseException as exc:
            if executor is not None:
                terminate(executor)
            if not isinstance(exc, (OSError, NotImplementedError)):
                raise  # interrupted while the workers start
            executor = None  # no process pool here (e.g. no semaphores): one by one
    pool = Pool(executor)
    try:
        yield pool
    except BaseException:
        if pool.executor is not None:
            terminate(pool.executor)
        raise
    if pool.executor is not None:
        pool.executor.shutdown(wait=True)


def run_all(function: Callable[[T], R], items: Sequence[T], workers: int,
            meanwhile: Callable[[], M] | None = None) -> tuple[list[R], M | None]:
    """Return `function` of every item, computed in up to `workers` processes, and what `meanwhile` returned.

    With `workers` below 2 everything runs one by one in this process.
    `meanwhile` runs in this process while the workers work (first, when they run one by one).
    Errors of the work itself are raised as they are, never retried; on any error or interruption
    the workers are ended before this returns.
    """
    # with work for meanwhile, even one item is worth a worker
    wanted = min(workers, len(items)) if workers >= 2 and (len(items) >= 2 or meanwhile is not None) else 0
    with early(wanted) as pool:
        return pool.run_all(function, items, meanwhile)


def run_each(function: Callable[[T], R], items: Sequence[T], workers: int, preload: str = "",
             meanwhile: Callable[[], object] | None = None) -> list[R]:
    """Return `function` of every item: here for a single item, else in up to `workers` processes (`run_all`).

    `preload` names a module to import once before the processes fork, so they share it (WeasyPrint).
    `meanwhile` runs in this process while the workers work (after the item, when there is only one).
    """
    if len(items) < 2:
        results = [function(item) for item in items]
        if meanwhile is not None:
            meanwhile()
        return results
    if preload:
        importlib.import_module(preload)
    return run_all(function, items, workers, meanwhile)[0]


class Background(Generic[R]):
    """`function(*args)` computed in a process forked now, beside this process's work; a thread where none can be.

    A thread of this process would share its GIL: Python work in the thread (walking a PDF's objects)
    and in this process (joining PDFs) would take turns on one core. `result` waits for what the function
    returned, or raises what it raised (BrokenProcessPool if the process was killed); `stop` ends it.
    """

    def __init__(self, function: Callable[..., R], *args: object) -> None:
        self._outcome: tuple[bool, object] | None = None
        self._process: BaseProcess | None = None
        self._thread: threading.Thread | None = None
        self._reader, writer = FORK.Pipe(duplex=False)
        try:
            with _frozen():
                self._process = FORK.Process(target=_background, args=(os.getpid(), writer, function, args))
                self._process.start()
        except OSError:  # no fork here: a thread
            self._process = None
            self._reader.close()
            self._thread = threading.Thread(target=self._run_here, args=(function, args), daemon=True)
            self._thread.start()
        finally:
            writer.close()  # the process has its own; a thread needs none

    def _run_here(self, function: Callable[..., R], args: tuple[object, ...]) -> None:
        self._outcome = _outcome(function, args)

    def result(self) -> R:
        """Wait for the task; return what it returned, or raise what it raised."""
        if self._process is not None:
            try:
                self._outcome = self._reader.recv()
            except EOFError:
                raise BrokenProcessPool("the background process ended without a result") from None
            finally:
                self._reader.close()
                self._process.join()
                self._process = None
        elif self._thread is not None:
            self._thread.join()
        assert self._outcome is not None, "result asked for twice"
        done, value = self._outcome
        if not done:
            raise value  # type: ignore[misc]  # the exception the task raised
        return value  # type: ignore[return-value]

    def stop(self) -> None:
        """End the task's process now and wait for it (a thread is left to finish on its own)."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._reader.close()
            self._process = None


def _outcome(function: Callable[..., R], args: tuple[object, ...]) -> tuple[bool, object]:
    try:
        return True, function(*args)
    except BaseException as failure:  # noqa: BLE001 - handed on to whoever asks for the result
        return False, failure


def _background(parent: int, writer: Connection, function: Callable[..., R],
                args: tuple[object, ...]) -> None:
    """Run a `Background` task in its process and send what came of it to the parent."""
    die_with_parent(parent)
    outcome = _outcome(function, args)
    try:
        writer.send(outcome)
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled: its text
        writer.send((False, RuntimeError(repr(outcome[1]))))
    writer.close()
