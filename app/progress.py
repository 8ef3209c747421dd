"""Progress reporting for long work (imports, billing runs, batch printing), with no Qt.

Long functions take a ``progress`` argument and call ``progress.report(done, total, text)`` now and then;
``report`` raises :class:`Cancelled` once the user asked to stop, so the function unwinds and its
transaction rolls back (nothing half-written). Tests pass a :class:`Progress` or :data:`NULL_PROGRESS`;
the GUI passes one whose callback emits a Qt signal (``ui/jobs.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol


class Cancelled(Exception):  # noqa: N818 - the name reads as what happened
    """The user cancelled; raised from ``report``/``check`` inside the long function."""


class ProgressLike(Protocol):
    @property
    def cancelled(self) -> bool: ...

    def report(self, done: int, total: int, text: str = "") -> None: ...

    def check(self) -> None: ...


class Progress:
    """Thread-safe progress: a callback for each report and a cancel flag set from another thread."""

    def __init__(self, callback: Callable[[int, int, str], None] | None = None):
        self._callback = callback
        self._cancel = threading.Event()
        self.done = 0
        self.total = 0
        self.text = ""

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was asked for."""
        if self._cancel.is_set():
            raise Cancelled()

    def report(self, done: int, total: int, text: str = "") -> None:
        """Record how far the work is; raises :class:`Cancelled` when cancelled."""
        self.check()
        self.done, self.total, self.text = done, total, text
        if self._callback is not None:
            self._callback(done, total, text)


NULL_PROGRESS = Progress()
"""A progress that reports to nobody (never cancel it: it is shared)."""
