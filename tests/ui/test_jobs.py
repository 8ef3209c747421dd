"""Background jobs: progress and results by signal, cancel, errors turned into messages."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from app.errors import FieldError, ServiceError
from app.progress import Cancelled, Progress
from ui.jobs import Job, run_with_progress_dialog, start_job


def test_progress_raises_cancelled_after_cancel():
    seen = []
    progress = Progress(lambda *a: seen.append(a))
    progress.report(1, 3, "一")
    progress.cancel()
    try:
        progress.report(2, 3, "二")
    except Cancelled:
        pass
    else:
        raise AssertionError("report must raise after cancel")
    assert seen == [(1, 3, "一")]


def test_job_reports_progress_and_result_in_gui_thread(qtbot):
    worker_threads = []

    def work(progress):
        worker_threads.append(threading.current_thread())
        for i in range(3):
            progress.report(i + 1, 3, f"第{i + 1}步")
        return "完成"

    job = Job(work)
    steps = []
    job.signals.progress.connect(lambda d, t, s: steps.append((d, t, s, QThread.currentThread())))
    with qtbot.waitSignal(job.signals.finished, timeout=5000) as finished:
        job.start()
    assert finished.args == ["完成"]
    qtbot.waitUntil(lambda: len(steps) == 3)
    assert [s[:3] for s in steps] == [(1, 3, "第1步"), (2, 3, "第2步"), (3, 3, "第3步")]
    assert worker_threads[0] is not threading.main_thread()
    assert all(s[3] is QThread.currentThread() for s in steps)  # slots ran in the GUI thread


def test_job_cancel_stops_the_work(qtbot):
    started = threading.Event()
    processed = []

    def work(progress):
        started.set()
        for i in range(10_000):
            progress.report(i, 10_000)
            processed.append(i)
            threading.Event().wait(0.001)
        return "不该完成"

    job = Job(work)
    results = []
    job.signals.finished.connect(results.append)
    with qtbot.waitSignal(job.signals.cancelled, timeout=5000):
        job.start()
        assert started.wait(5)
        job.cancel()
    assert results == []
    assert len(processed) < 10_000


def test_job_service_error_becomes_message(qtbot):
    def work(_progress):
        raise FieldError({"room_no": "房号不能为空"})

    failed = []
    job = start_job(work, on_error=failed.append)
    qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert job.signals is not None
    assert "房号不能为空" in failed[0]


def test_job_bug_becomes_message_not_crash(qtbot, caplog):
    def work(_progress):
        return 1 / 0

    job = Job(work)
    with qtbot.waitSignal(job.signals.failed, timeout=5000) as failed:
        job.start()
    assert "ZeroDivisionError" in failed.args[0]
    assert "background job failed" in caplog.text


def test_job_uses_services_from_worker_thread(qtbot, services):
    """A service call inside the worker opens its own session there (no session crosses threads)."""
    services.archive.create_building("1栋")

    results = []
    start_job(lambda _p: [b.name for b in services.archive.buildings()], on_result=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [["1栋"]]


def test_progress_dialog_shows_progress_and_cancels(qtbot):
    gate = threading.Event()

    def work(progress):
        progress.report(1, 4, "正在处理第1行")
        gate.wait(5)
        progress.report(2, 4, "第2行")
        raise ServiceError("不该到这里")

    cancelled = []
    job = run_with_progress_dialog(None, "导入", work, on_cancel=lambda: cancelled.append(True))
    dialog = job.dialog
    qtbot.waitUntil(lambda: dialog.maximum() == 4, timeout=5000)
    assert dialog.value() == 1
    assert dialog.labelText() == "正在处理第1行"
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    button = dialog.findChild(QPushButton)
    assert button.text() == "取消"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert job.is_cancelled
    gate.set()
    qtbot.waitUntil(lambda: bool(cancelled), timeout=5000)
    assert cancelled == [True]


def test_progress_dialog_error_goes_to_callback(qtbot):
    errors = []

    def work(_progress):
        raise ServiceError("第3行: 身份证号校验位错误")

    run_with_progress_dialog(None, "导入", work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors == ["第3行: 身份证号校验位错误"]
