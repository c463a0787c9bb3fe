"""The parent side of the workers: chunks in flight on a process pool, replaced when a worker crashes or hangs, results in order."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from .worker import Done, Options, Task, failure, init_worker, work


class Pool:
    """A ProcessPoolExecutor that can be killed (a hung or crashed worker) and replaced."""

    def __init__(self, jobs: int, context: Any) -> None:
        self.executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=init_worker, initargs=(os.getpid(),))

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        return self.executor.submit(fn, *args)

    def kill(self) -> None:
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        for p in processes:
            if p.is_alive():
                p.kill()
        self.executor.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            p.join(5)

    def close(self) -> None:
        self.executor.shutdown(wait=True)


def _limit(options: Options, n: int) -> float | None:
    """How long the parent waits for a chunk of ``n`` files before it calls the worker hung."""
    return None if not options.timeout else options.timeout * n + options.grace


def _crash_message() -> str:
    return "the process parsing this file died (a crash in a native library, or out of memory); the other files were not affected"


def _isolate(chunk: list[Task], options: Options, context: Any) -> Iterator[Done]:
    """Re-run the files of a chunk that was in a broken pool one at a time, each alone in a worker, to find the culprit."""
    pool: Pool | None = None
    try:
        for task in chunk:
            pool = pool or Pool(1, context)
            future = pool.submit(work, [task], options)
            try:
                yield future.result(timeout=_limit(options, 1))[0]
                continue
            except BrokenProcessPool:
                done = failure(task, options, "WorkerCrash", _crash_message())
            except FutureTimeout:
                done = failure(task, options, "Timeout", f"parsing took longer than the per-file timeout ({options.timeout:g} s); the worker was stopped")
            except Exception as exc:  # a failure of the machinery (pickling...), not of the parser
                done = failure(task, options, type(exc).__name__, str(exc))
            pool.kill()
            pool = None
            yield done
    finally:
        if pool is not None:
            pool.kill()


def in_order(chunks: Iterator[list[Task]], options: Options, jobs: int, context: Any) -> Generator[list[Done], None, None]:
    """Results of the chunks in submission order, at most ``3 * jobs`` chunks in flight (flat memory).

    When the pool breaks (a worker died) or a chunk hangs, the pool is replaced and the chunks
    that were in flight are re-run file by file in isolation, so only the culprit becomes an error.
    """
    pool = Pool(jobs, context)
    window: deque[tuple[list[Task], Future[list[Done]]]] = deque()
    clean = False
    try:
        while True:
            while len(window) < 3 * jobs and (chunk := next(chunks, None)) is not None:
                window.append((chunk, pool.submit(work, chunk, options)))
            if not window:
                clean = True
                return
            chunk, future = window[0]
            try:
                result = future.result(timeout=_limit(options, len(chunk)))
            except Exception:  # BrokenProcessPool (a worker died), FutureTimeout (hung), or the machinery failed
                pool.kill()
                pending = list(window)
                window.clear()
                for c, f in pending:
                    finished = f.done() and not f.cancelled() and f.exception() is None
                    yield f.result() if finished else list(_isolate(c, options, context))
                pool = Pool(jobs, context)
                continue
            window.popleft()
            yield result
    finally:
        pool.close() if clean else pool.kill()


def inline(chunks: Iterator[list[Task]], options: Options) -> Generator[list[Done], None, None]:
    """jobs=0: parse in this process (for debuggers and profilers; no protection against crashes)."""
    for chunk in chunks:
        yield work(chunk, options)


def chunks(tasks: Iterator[Task], size: int) -> Iterator[list[Task]]:
    """``tasks`` in lists of ``size`` (the last one shorter)."""
    while chunk := list(islice(tasks, size)):
        yield chunk
