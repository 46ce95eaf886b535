"""SIGTERM and SIGINT end a batch run as an exception, so that what is done is flushed and workers stop quietly."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}


class Stopped(BaseException):
    """The run was stopped by a signal; `exit_code` is 128 + its number (130 for SIGINT, 143 for SIGTERM).

    A `BaseException`, so that no handler for bad incidents (`except Exception`) swallows it.
    """

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.exit_code = EXIT_CODES.get(signal.Signals(signum), 128 + signum)
        super().__init__(signal.Signals(signum).name)


class _State:
    stopped: int | None = None
    deferred = 0


def _raise(signum: int, _frame: FrameType | None) -> None:
    _State.stopped = signum
    if not _State.deferred:
        raise Stopped(signum)


@contextmanager
def deferred_stop() -> Iterator[None]:
    """A block a signal must not cut in half (writing one result): `Stopped` is raised after it, not inside.

    An exception raised inside a write would leave half a line in the output and lose buffered bytes.
    """
    _State.deferred += 1
    try:
        yield
    finally:
        _State.deferred -= 1
    if not _State.deferred and _State.stopped is not None:
        raise Stopped(_State.stopped)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGTERM and SIGINT raise `Stopped` (in the main thread; elsewhere a no-op)."""
    previous = {}
    _State.stopped = None
    try:
        for signum in EXIT_CODES:
            previous[signum] = signal.signal(signum, _raise)
    except ValueError:  # not the main thread: leave the handlers as they are
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
