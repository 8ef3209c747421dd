"""The five commonest front-desk jobs, scripted with keys only over the real main window.

Shared by the tests (``tests/ui/test_desk_jobs.py``: each job must succeed, with 0 clicks and ≤ 3
screens) and the benchmark (``bench/desk_jobs.py``: keys, clicks, screens and the app's own seconds).

Every key goes to the active window through its QWindow (``QTest.keyClick(window, …)``), as a real
keyboard does: the focus widget gets it and the window's shortcuts see it. Chinese is typed as one key
event per character carrying that character (what an input method delivers; ``QTest.keyClicks`` types
Latin-1 only) and counted as its characters. Nothing is clicked: an event filter counts mouse presses
to prove it. A "screen" is a page of the main window or a dialog in which a key was pressed.

Ctrl+P in a preview prints to the default printer; offscreen there is none, so :class:`Desk` stands in
a printer that writes a PDF file (the pages are the same; on a real printer the spooler takes them).

Jobs (a–e as in issue 12), each starting right after login on the 客服 tab:
  a. find an owner by room, by name, by phone tail (业主档案)
  b. register a repair call for an owner, dispatch it to engineering, print the slip (工单)
  c. take a payment and print the receipt (收费)
  d. answer "what does unit X owe" (收费)
  e. print one building's notices (催缴)
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

KEY_SECONDS, DECISION_SECONDS = 0.2, 1.35  # the human estimate


class FlowError(AssertionError):
    """The script could not go on by keys alone (focus not where it should be, nothing happened)."""


@dataclass
class JobResult:
    keys: int = 0
    clicks: int = 0
    screens: list[str] = field(default_factory=list)
    decisions: int = 0
    app_s: float = 0.0

    @property
    def human_s(self) -> float:
        return KEY_SECONDS * self.keys + DECISION_SECONDS * self.decisions

    def summary(self) -> dict:
        return {"keys": self.keys, "clicks": self.clicks, "screens": len(self.screens), "app_s": round(self.app_s, 2)}


class _MouseCounter(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self.count += 1
        return False


def active_window() -> QWidget:
    """The window the keyboard types into now (a modal dialog first)."""
    widget = QApplication.activeModalWidget() or QApplication.activeWindow()
    if widget is None:
        raise FlowError("no active window to type into")
    return widget


def press_key(key: str) -> None:
    """One key or chord ("Ctrl+P", "Tab", "Down"…) into the active window, as the keyboard sends it."""
    combo = QKeySequence(key)[0]
    QTest.keyClick(active_window().windowHandle(), combo.key(), combo.keyboardModifiers())
    QApplication.processEvents()


def type_text(text: str) -> None:
    """Characters into the active window, one key event each carrying its character (Chinese as an input
    method hands it over: ``QTest.keyClicks`` types Latin-1 only)."""
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, active_window().windowHandle(), Qt.Key.Key_unknown, char,
                           Qt.KeyboardModifier.NoModifier)
    QApplication.processEvents()


class Desk:
    """Keys into the main window, counted. ``with Desk(window, out_dir) as desk: job_a(desk, …)``."""

    def __init__(self, window, out_dir: Path, timeout: float = 30.0):
        self.window = window
        self.out_dir = Path(out_dir)
        self.timeout = timeout
        self.result = JobResult()
        self.prints: list[Path] = []
        self._mouse = _MouseCounter()

    # ---- set-up
    def __enter__(self) -> Desk:
        from ui.widgets.pdf_preview import PdfPreview

        self._saved_printer = PdfPreview.default_printer
        desk = self

        def office_printer(preview) -> QPrinter:  # the office's default printer, as a PDF file here
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            path = desk.out_dir / f"printed-{len(desk.prints) + 1}.pdf"
            printer.setOutputFileName(str(path))
            desk.prints.append(path)
            return printer

        PdfPreview.default_printer = office_printer
        QApplication.instance().installEventFilter(self._mouse)
        self.window.activateWindow()
        self.settle()
        self._started = time.perf_counter()
        return self

    def __exit__(self, *_exc) -> None:
        from ui.widgets.pdf_preview import PdfPreview

        self.result.app_s = time.perf_counter() - self._started
        PdfPreview.default_printer = self._saved_printer
        QApplication.instance().removeEventFilter(self._mouse)
        self.result.clicks = self._mouse.count

    # ---- what the user sees
    def active(self) -> QWidget:
        return active_window()

    def screen_name(self) -> str:
        widget = self.active()
        if widget is self.window:
            role = self.window.tabs.tabText(self.window.tabs.currentIndex())
            tab = self.window.tabs.currentWidget()
            return f"{role}/{tab.tabText(tab.currentIndex())}"
        return f"{type(widget).__name__}: {widget.windowTitle()}"

    def focus(self) -> QWidget | None:
        return QApplication.focusWidget()

    # ---- keys
    def _count_key(self) -> None:
        self.result.keys += 1
        name = self.screen_name()
        if name not in self.result.screens:
            self.result.screens.append(name)

    def press(self, key: str, times: int = 1) -> None:
        """A key or chord as written in ``ui/shortcuts.py`` ("Ctrl+P", "Tab", "Down"…)."""
        for _ in range(times):
            self._count_key()
            press_key(key)
            self.settle()

    def type(self, text: str) -> None:
        """Type text; each character one key (Chinese as the input method hands it over)."""
        for char in text:
            self._count_key()
            type_text(char)
        self.settle()

    def decide(self, count: int = 1) -> None:
        """A moment of thought (choosing, reading, checking), for the human estimate."""
        self.result.decisions += count

    def tab_to(self, widget: QWidget, limit: int = 12) -> None:
        """Tab until ``widget`` has the focus (each Tab counted)."""
        for _ in range(limit):
            if self.focus() is widget:
                return
            self.press("Tab")
        if self.focus() is not widget:
            raise FlowError(f"Tab never reached {widget.objectName() or type(widget).__name__}")

    def expect_focus(self, widget: QWidget) -> None:
        if self.focus() is not widget:
            raise FlowError(f"focus is on {self.focus()!r}, expected {widget.objectName() or widget!r}")

    # ---- waiting for the app
    def settle(self) -> None:
        QApplication.processEvents()
        QApplication.sendPostedEvents()
        QApplication.processEvents()

    def wait_for(self, condition: Callable[[], object], what: str) -> None:
        deadline = time.perf_counter() + self.timeout
        while not condition():
            if time.perf_counter() > deadline:
                raise FlowError(f"timed out waiting for {what}")
            QTest.qWait(10)
        self.settle()

    def wait_for_window(self, kind: type, what: str) -> QWidget:
        self.wait_for(lambda: isinstance(QApplication.activeWindow(), kind), what)
        return QApplication.activeWindow()

    def print_preview(self) -> None:
        """In an open preview: Ctrl+P (the default printer), wait until printed, Esc back to the window."""
        from ui.widgets.pdf_preview import PdfPreviewDialog

        dialog = self.wait_for_window(PdfPreviewDialog, "the print preview")
        self.decide()  # a glance at the preview
        printed = len(self.prints)
        done: list[bool] = []
        dialog.preview.printed.connect(lambda: done.append(True))
        self.press("Ctrl+P")
        if len(self.prints) == printed:
            raise FlowError("Ctrl+P did not print")
        self.wait_for(lambda: done, "the pages to be printed")
        self.press("Esc")
        self.wait_for(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), "the preview to close")
        if QApplication.activeWindow() is None:  # offscreen has no window manager to hand focus back
            self.window.activateWindow()
        self.wait_for(lambda: QApplication.activeWindow() is self.window, "the main window again")


# ---- the jobs -------------------------------------------------------------------------------------------


def page(desk: Desk, title: str):
    return desk.window.role_tab("service").page(title)


def job_a_find_owner(desk: Desk, room: str, name: str, phone_tail: str, unit_id: int) -> None:
    """业主档案: the same owner by room, by name and by phone tail; the detail shows them each time."""
    desk.press("Ctrl+2")
    archive = page(desk, "业主档案")
    desk.expect_focus(archive.register.search)
    for query in (room, name, phone_tail):
        desk.decide()
        if query is not room:
            desk.press("Ctrl+F")
        desk.type(query)
        desk.press("Return")
        desk.wait_for(lambda: archive.register.total() >= 1, f"matches for {query}")
        _down_to(desk, archive.register, unit_id)


def _down_to(desk: Desk, register, unit_id: int, limit: int = 8) -> None:
    """↓ into the list and on to the row of ``unit_id`` when the search found several."""
    for _ in range(limit):
        row = register.current_row()
        if row is not None and row.id == unit_id:
            return
        desk.press("Down")
    raise FlowError(f"unit {unit_id} not among the first matches")


def job_b_repair_call(desk: Desk, room: str, description: str, category: str = "water") -> None:
    """工单: look up the unit, classify, describe, dispatch to the first engineer, register, print the slip."""
    form = look_up(desk, "Ctrl+1", "工单", room).intake
    desk.expect_focus(form.category)  # the unit is chosen; 部位 has become 自用部位
    desk.decide()  # which category
    steps = form.category.findData(category) - form.category.currentIndex()
    if steps:
        desk.press("Down" if steps > 0 else "Up", abs(steps))
    desk.tab_to(form.description)
    desk.decide()
    desk.type(description)
    desk.tab_to(form.assignee)
    desk.decide()  # whom to send
    desk.press("Down")
    desk.tab_to(form.print_after)
    desk.press("Space")
    press_until(desk, "Ctrl+S", form.registered, "the order to be registered")
    desk.print_preview()


def look_up(desk: Desk, key: str, title: str, room: str):
    """Open a page by its key, type the room where the cursor starts (its home box), Enter; the page."""
    desk.press(key)
    shown = page(desk, title)
    desk.expect_focus(shown.home_widget())
    desk.decide()
    desk.type(room)
    desk.press("Return")
    return shown


def press_until(desk: Desk, key: str, signal, what: str) -> None:
    """Press ``key`` and wait until ``signal`` has fired."""
    fired: list = []
    signal.connect(lambda *args: fired.append(args))
    desk.press(key)
    desk.wait_for(lambda: fired, what)


def job_c_take_payment(desk: Desk, room: str) -> None:
    """收费: find the unit, take what it owes (the amount is filled in), print the receipt."""
    counter = look_up(desk, "Ctrl+3", "收费", room)
    desk.expect_focus(counter.amount)  # one unit found: the cursor waits in the amount, the sum due in it
    desk.decide()  # the owner hands over the money
    press_until(desk, "Ctrl+Return", counter.paid, "the payment")
    desk.print_preview()


def job_d_what_is_owed(desk: Desk, room: str) -> str:
    """收费: find the unit; the summary line says what it owes. Returns that line."""
    counter = look_up(desk, "Ctrl+3", "收费", room)
    desk.wait_for(lambda: counter.account is not None, "the unit's account")
    desk.decide()  # read it out
    return counter.summary.text()


def job_e_building_notices(desk: Desk, building_id: int) -> None:
    """催缴: choose the building, print its notices (drawn off the GUI thread), print them."""
    desk.press("Ctrl+4")
    arrears = page(desk, "催缴")
    desk.press("Ctrl+B")
    desk.expect_focus(arrears.building)
    desk.decide()
    combo = arrears.building
    desk.type(combo.itemText(combo.findData(building_id))[0])  # a closed combo jumps to the typed name
    steps = combo.findData(building_id) - combo.currentIndex()
    if steps:
        desk.press("Down" if steps > 0 else "Up", abs(steps))
    press_until(desk, "Ctrl+P", arrears.notices_ready, "the notices to be drawn")
    desk.print_preview()


# ---- a window to run them in ------------------------------------------------------------------------------

DESK_USER, DESK_PASSWORD = "desk_jobs", "desk-jobs-1"


def open_window(services, settings_path: Path):
    """Log in as a 客服 operator (created if missing) and show the main window, as after the login dialog."""
    from PySide6.QtCore import QSettings

    from app.errors import ServiceError
    from ui.main_window import MainWindow

    with contextlib.suppress(ServiceError):  # already there from an earlier job
        services.auth.create_user(DESK_USER, "前台", DESK_PASSWORD, "service")
    actor = services.auth.login(DESK_USER, DESK_PASSWORD)
    window = MainWindow(services.as_actor(actor), QSettings(str(settings_path), QSettings.Format.IniFormat))
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    QApplication.processEvents()
    return window


@dataclass
class Targets:
    """What the callers ask about, picked from the data: a unit whose owner's name and phone tail are
    unique enough, a unit that owes money (two: one to pay, one to ask about), and a building."""

    room: str
    unit_id: int
    name: str
    phone_tail: str
    pay_room: str
    owe_room: str
    building_id: int
    building_units: int


def pick_targets(services, building: str | None = None) -> Targets:
    from app.services.archive import UnitFilter

    archive = services.archive
    found = None
    for unit in archive.list_units(UnitFilter(), limit=400):
        if not unit.owners or "、" in unit.owners or not unit.phone or "*" in unit.phone:
            continue
        tail = unit.phone[-4:]
        by_name, by_tail = archive.lookup_units(unit.owners), archive.lookup_units(tail)
        if by_name.total == 1 and by_tail.matches and by_tail.matches[0].unit.id == unit.id and by_tail.total <= 3:
            found = (unit, tail)
            break
    if found is None:
        raise FlowError("no unit with a unique owner name and phone tail in the data")
    unit, tail = found
    owing = list(islice((u for u in archive.list_units(UnitFilter(), limit=400)
                         if u.id != unit.id and len(archive.search_units(u.code, limit=5)) == 1
                         and services.payments.account(u.id).outstanding > 0), 2))
    if len(owing) < 2:
        raise FlowError("no two units that owe money")
    buildings = archive.buildings()
    chosen = next((b for b in buildings if b.name == building), None) or min(buildings, key=lambda b: b.unit_count)
    return Targets(unit.code, unit.id, unit.owners, tail, owing[0].code, owing[1].code, chosen.id, chosen.unit_count)


def run_all(services, out_dir: Path, building: str | None = None,
            report: Callable[[str, JobResult], None] | None = None) -> dict[str, JobResult]:
    """Every job in its own fresh window (each starts right after login); results by letter."""
    targets = pick_targets(services, building)
    jobs = {
        "a": lambda d: job_a_find_owner(d, targets.room, targets.name, targets.phone_tail, targets.unit_id),
        "b": lambda d: job_b_repair_call(d, targets.room, "厨房水槽下水管漏水"),
        "c": lambda d: job_c_take_payment(d, targets.pay_room),
        "d": lambda d: job_d_what_is_owed(d, targets.owe_room),
        "e": lambda d: job_e_building_notices(d, targets.building_id),
    }
    results: dict[str, JobResult] = {}
    for letter, job in jobs.items():
        window = open_window(services, out_dir / f"settings-{letter}.ini")
        try:
            with Desk(window, out_dir) as desk:
                job(desk)
            results[letter] = desk.result
            if report is not None:
                report(letter, desk.result)
        finally:
            window.close()
            window.deleteLater()
            QApplication.processEvents()
    return results
