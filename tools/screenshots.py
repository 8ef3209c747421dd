"""Save offscreen screenshots of every tab/page and every dialog, to look at them (and for the README).

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py --database sqlite:///demo.db --out /tmp/shots \
        [--user admin] [--lang en] [--size 1280x800]

The database should hold the demo property (``propdesk --database … demo``). Acts as the given user
without a password: a developer tool, never shipped. Besides the pictures it prints, for every page, the
width and height the window needs at least (its minimum size hint) and flags pages wider than ``--size``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from sqlalchemy import select

from app.db import open_database
from app.models import User
from app.services import Services
from app.services.auth import actor_for
from ui.application import install_translations, make_application


def _name(text: str) -> str:
    return re.sub(r"\W+", "_", text).strip("_")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--out", default="/tmp/shots")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--size", default="1280x800", help="window size, e.g. 1024x768")
    parser.add_argument("--no-dialogs", action="store_true")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    prefix = "" if args.lang == "zh_CN" else f"{args.lang}_"
    width, height = (int(v) for v in args.size.lower().split("x"))

    app = make_application([])
    for old in getattr(app, "_translators", []):  # the user's saved language must not mix in
        app.removeTranslator(old)
    app._translators = install_translations(app, args.lang)
    db = open_database(args.database)
    services = Services.open(db)
    with db.read_session() as s:
        user = s.scalar(select(User).where(User.username == args.user))
        if user is None:
            parser.error(f"no user {args.user!r} in that database")
        actor = actor_for(user)
    services = services.as_actor(actor)

    from ui.main_window import MainWindow

    window = MainWindow(services, QSettings(str(out / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(width, height)
    window.show()
    too_wide: list[str] = []

    def save(widget: QWidget, name: str) -> None:
        app.processEvents()
        widget.grab().save(str(out / f"{prefix}{name}.png"))

    for role, tab in window.role_tabs.items():
        window.show_role(role)
        for i in range(tab.count()):
            tab.setCurrentIndex(i)
            page = tab.page(tab.tabText(i))
            _prepare_page(page)
            app.processEvents()
            # The page's own need plus the window frame around it (tabs, margins): stacked widgets report
            # the widest of all their pages, so the window's hint alone would blame every page.
            frame = window.width() - page.width()
            hint = page.minimumSizeHint()
            hint.setWidth(hint.width() + frame)
            flag = "  <-- wider than the window" if hint.width() > width else ""
            if flag:
                too_wide.append(f"{role}/{tab.tabText(i)} {hint.width()} px")
            for where, need, room in _cut_in_scroll_areas(page):  # their hint hides what they scroll
                flag += f"  <-- {where} scrolls sideways: needs {need} px, shows {room}"
                too_wide.append(f"{role}/{tab.tabText(i)} {where} {need} px in {room}")
            print(f"{role:12s} {tab.tabText(i):24s} needs {hint.width()}×{hint.height()}{flag}")
            save(window, f"main_{role}_{i}_{_name(tab.tabText(i)) or i}")
    if not args.no_dialogs:
        for name, dialog in _dialogs(services, window):
            dialog.show()
            _settle(400 if "slip" in name else 50)  # the PDF view renders its page asynchronously
            save(dialog, f"dlg_{name}")
            dialog.close()
            dialog.deleteLater()
    print(f"saved to {out}")
    for line in too_wide:
        print("TOO WIDE:", line)
    QApplication.processEvents()
    return 0


def _settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _cut_in_scroll_areas(page: QWidget) -> list[tuple[str, int, int]]:
    """Scroll areas on the page whose content is wider than their view: (name, needed, shown) widths. A
    page inside a scroll area never looks wider than the window, so the window check alone misses it."""
    cut = []
    for area in page.findChildren(QScrollArea):
        inner = area.widget()
        if inner is None or not area.isVisible():
            continue
        need, room = inner.minimumSizeHint().width(), area.viewport().width()
        if need > room:
            cut.append((area.objectName() or type(inner).__name__, need, room))
    return cut


def _prepare_page(page: QWidget) -> None:
    """Put something on screen in pages that start empty (a selected row, a unit at the fee counter)."""
    kind = type(page).__name__
    if kind == "ArchivePage":
        page.register.table.selectRow(3)
    elif kind in ("WorkOrdersPage", "TeamQueuePage"):
        register = getattr(page, "register", None)
        if register is not None and register.model.rowCount():
            register.table.selectRow(0)
    elif kind == "FeeCounterPage" and not page.units.rowCount():
        page.search.setText("1-1-1")
        page.find_units()
        if page.units.rowCount():
            page.unit_table.selectRow(0)
    elif kind == "ArrearsPage" and page.model.rowCount():
        page.table.selectRow(0)
    elif kind == "AuditLogPage" and page.view.model.rowCount():
        page.view.table.selectRow(0)


def _dialogs(services: Services, window) -> list[tuple[str, QWidget]]:
    """Every dialog of the app, built directly (their submit callbacks do nothing here)."""
    from ui.dialogs.archive import PersonDialog, UnitDialog, VehicleDialog
    from ui.dialogs.fees_dialogs import FeeItemDialog, ReminderDialog, VoidPaymentDialog
    from ui.dialogs.login import FirstAdminDialog, LoginDialog
    from ui.dialogs.user_dialog import NewUserDialog, ResetPasswordDialog
    from ui.dialogs.workorder_moves import CompleteDialog, DispatchDialog, NoteDialog, VisitDialog
    from ui.widgets.workorder_detail import TEAM_ORDER
    from ui.workorder_labels import wo_label

    out: list[tuple[str, QWidget]] = []
    archive = window.role_tab("service").page("业主档案")
    unit = archive.current_unit()
    if unit is not None:
        out.append(("unit", UnitDialog(services, unit.id)))
        person = PersonDialog(services, unit.id, unit_label=unit.code)
        person.field("name").setText("张三")
        person.field("phone").setText("1381234")
        person.field("id_number").setText("110105199001011235")
        person.validate()  # show the inline messages in the picture
        out.append(("person", person))
        out.append(("vehicle", VehicleDialog(services, unit.id, archive.detail.detail.members, unit_label=unit.code)))
    out.append(("login", LoginDialog(services, services.property.property_name())))
    out.append(("firstadmin", FirstAdminDialog(services)))

    noop = lambda _values: None  # noqa: E731
    teams = [(wo_label(t), t) for t in TEAM_ORDER]
    out.append(("wo_dispatch", DispatchDialog("派单 GD202611280001", teams, services.staff.list_staff, noop,
                                              team=TEAM_ORDER[0], load=services.workorders.open_load)))
    out.append(("wo_note", NoteDialog("挂起 GD202611280001", "挂起原因", noop, required=True)))
    out.append(("wo_complete", CompleteDialog("完成 GD202611280001", noop, private=True)))
    out.append(("wo_visit", VisitDialog("回访 GD202611280001", noop)))
    orders = services.workorders.list(_all_orders(), 0, 1, "reported_at", True)
    if orders:
        from ui.widgets.pdf_preview import PdfPreviewDialog
        out.append(("wo_slip", PdfPreviewDialog(services.workorders.slip_pdf(orders[0].id), orders[0].number,
                                                f"{orders[0].number}.pdf")))

    items = services.billing.items() if hasattr(services, "billing") else []
    out.append(("fee_item_new", FeeItemDialog(services)))
    if items:
        out.append(("fee_item_edit", FeeItemDialog(services, items[0])))
    if unit is not None:
        out.append(("fee_reminder", ReminderDialog(services, unit.id, unit.code)))
    counter = window.role_tab("service").page("收费")
    payment = counter.payments.row_at(0) if counter.payments.rowCount() else None
    if payment is not None:
        out.append(("fee_void", VoidPaymentDialog(services, payment)))

    out.append(("user_new", NewUserDialog(services)))
    out.append(("user_reset", ResetPasswordDialog(services, services.ctx.actor.user_id, "kefu")))
    try:
        from ui.dialogs.roster_import import RosterImportDialog
        out.append(("roster_import", RosterImportDialog(services)))
    except Exception as exc:  # noqa: BLE001 — being worked on; never stop the other pictures
        print("roster import dialog:", exc)
    try:
        from ui.widgets.idle_lock import UnlockDialog
        out.append(("unlock", UnlockDialog(services)))
    except Exception as exc:  # noqa: BLE001
        print("unlock dialog:", exc)
    return out


def _all_orders():
    from app.services.workorders import WorkOrderFilter

    return WorkOrderFilter()


if __name__ == "__main__":
    raise SystemExit(main())
