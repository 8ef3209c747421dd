"""Long work off the GUI thread: a QRunnable with progress, cancel, and results by signal only.

Usage::

    def work(progress):                      # runs in a worker thread; no widgets here
        for i, item in enumerate(items):
            progress.report(i, len(items), item.name)   # raises Cancelled after cancel()
            ...
        return summary

    job = Job(work)
    job.signals.finished.connect(on_done)    # on_done(summary) runs in the GUI thread
    job.signals.failed.connect(on_error)     # on_error(message): Chinese text for the user
    job.start()

or, with a modal progress dialog that has a cancel button::

    run_with_progress_dialog(self, self.tr("导入花名册"), work, on_result=on_done)

The callable gets an ``app.progress.Progress``; the services it calls open their own sessions inside
the worker thread — never pass a session or a widget into it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.errors import ServiceError
from app.progress import Cancelled, Progress

log = logging.getLogger(__name__)

_RUNNING: set[Job] = set()  # keeps Python wrappers alive until the job has reported back


class JobSignals(QObject):
    """Signals of a job; created in the GUI thread so slots run there (queued from the worker)."""

    progress = Signal(int, int, str)  # done, total, text
    finished = Signal(object)  # the callable's return value
    failed = Signal(str)  # message for the user
    cancelled = Signal()
    done = Signal()  # always last, after finished/failed/cancelled


class Job(QRunnable):
    """Runs ``fn(progress)`` once on a thread pool; ``cancel()`` makes the next ``report`` raise."""

    def __init__(self, fn: Callable[[Progress], Any]):
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = JobSignals()
        self.progress = Progress(self.signals.progress.emit)
        self.signals.done.connect(lambda: _RUNNING.discard(self))

    def start(self, pool: QThreadPool | None = None) -> Job:
        _RUNNING.add(self)
        (pool or QThreadPool.globalInstance()).start(self)
        return self

    def cancel(self) -> None:
        self.progress.cancel()

    @property
    def is_cancelled(self) -> bool:
        return self.progress.cancelled

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except ServiceError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: log it with its traceback, show the user a short message
            log.exception("background job failed")
            self.signals.failed.emit(
                QCoreApplication.translate("Jobs", "出现内部错误, 操作未完成: {error}").format(error=f"{type(exc).__name__}: {exc}")
            )
        else:
            self.signals.finished.emit(result)
        self.signals.done.emit()


def start_job(fn: Callable[[Progress], Any], *, on_result: Callable[[Any], Any] | None = None,
              on_error: Callable[[str], Any] | None = None, pool: QThreadPool | None = None) -> Job:
    """Create, connect and start a job in one call."""
    job = Job(fn)
    if on_result is not None:
        job.signals.finished.connect(on_result)
    if on_error is not None:
        job.signals.failed.connect(on_error)
    return job.start(pool)


def run_with_progress_dialog(parent: QWidget | None, title: str, fn: Callable[[Progress], Any], *,
                             on_result: Callable[[Any], Any] | None = None,
                             on_error: Callable[[str], Any] | None = None,
                             on_cancel: Callable[[], Any] | None = None,
                             pool: QThreadPool | None = None) -> Job:
    """Run ``fn`` with a window-modal QProgressDialog whose 取消 button cancels the job.

    Without ``on_error`` a failure is shown in a warning box. The dialog closes when the job ends.
    """
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(title)
    dialog.setCancelButtonText(QCoreApplication.translate("Jobs", "取消"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setRange(0, 0)
    dialog.setMinimumWidth(420)

    job = Job(fn)
    job.dialog = dialog  # tests and callers can reach it

    def on_progress(done: int, total: int, text: str) -> None:
        if total > 0:
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))
        if text:
            dialog.setLabelText(text)

    def on_canceled() -> None:
        job.cancel()
        dialog.setLabelText(QCoreApplication.translate("Jobs", "正在取消…"))

    def show_error(message: str) -> None:
        if on_error is not None:
            on_error(message)
        else:
            QMessageBox.warning(parent, title, message)

    job.signals.progress.connect(on_progress)
    dialog.canceled.connect(on_canceled)
    if on_result is not None:
        job.signals.finished.connect(on_result)
    job.signals.failed.connect(show_error)
    if on_cancel is not None:
        job.signals.cancelled.connect(on_cancel)
    def finish() -> None:
        dialog.canceled.disconnect(on_canceled)  # closing a QProgressDialog emits canceled
        dialog.close()
        dialog.deleteLater()

    job.signals.done.connect(finish)
    return job.start(pool)


class Loader(QObject):
    """Reads a page's figures off the GUI thread, the newest request winning.

    ``load(fn)`` runs ``fn()`` (services only: they open their own sessions in the worker) in a job and
    emits ``loaded(value, "")`` in the GUI thread, or ``loaded(None, message)`` on a ``ServiceError``; the
    result of an older request still running when a newer one was made is dropped. ``busy`` meanwhile, so
    the page can show a placeholder. A child of the page: if the page goes, late results go nowhere.
    """

    loaded = Signal(object, str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.busy = False
        self.job: Job | None = None
        self._request = 0

    def load(self, fn: Callable[[], Any]) -> Job:
        self._request += 1
        request = self._request

        def work(_progress: Progress):
            try:
                return request, fn(), ""
            except ServiceError as exc:
                return request, None, str(exc)

        self.busy = True
        self.job = Job(work)
        self.job.signals.finished.connect(self._finished)  # connected before start: nothing is missed
        self.job.signals.failed.connect(lambda message: self._failed(request, message))
        return self.job.start()

    def _finished(self, result) -> None:
        request, value, error = result
        if request == self._request:
            self.busy = False
            self.loaded.emit(value, error)

    def _failed(self, request: int, message: str) -> None:  # an internal error, already logged by the job
        if request == self._request:
            self.busy = False
            self.loaded.emit(None, message)
