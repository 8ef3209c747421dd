"""The detail pane of a work order: every field, the history timeline, and one button per move the
service allows now (``WorkOrderDetail.allowed``) — plus printing the dispatch slip."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QDate, QDateTime, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, ServiceError
from app.money import format_money
from app.services.workorders import OPEN_STATES, WorkOrderDetail
from ui.dialogs.workorder_moves import (
    CompleteDialog,
    CorrectDialog,
    DeskCloseDialog,
    DispatchDialog,
    HoldDialog,
    NoteDialog,
    VisitDialog,
)
from ui.widgets.flow_layout import FlowLayout
from ui.workorder_labels import wo_label

TEAM_ORDER = ("engineering", "environment", "security", "service", "manager")


class WorkOrderDetailPane(QWidget):
    """Shows one order; ``changed(detail)`` fires after any move so the list can reload."""

    changed = Signal(object)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.detail: WorkOrderDetail | None = None
        self.title = QLabel(self)
        self.title.setObjectName("detail_title")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("detail_text")
        self.browser.setOpenLinks(False)
        self.buttons = QWidget(self)
        self.buttons_layout = FlowLayout(self.buttons)  # wraps: up to five moves plus the slip button
        self._buttons: dict[str, QPushButton] = {}
        labels = {
            "dispatch": self.tr("派单"), "redispatch": self.tr("改派"), "take": self.tr("接单"),
            "chase": self.tr("催办"), "start": self.tr("开始处理"), "hold": self.tr("挂起"),
            "resume": self.tr("恢复处理"), "complete": self.tr("完成"), "visit": self.tr("回访"),
            "archive": self.tr("归档"), "escalate": self.tr("升级至经理"), "cancel": self.tr("取消工单"),
            "desk_close": self.tr("前台办结"), "correct": self.tr("更正"), "slip": self.tr("打印派工单"),
        }
        handlers = {
            "dispatch": self.dispatch, "redispatch": self.dispatch, "take": self.take, "chase": self.chase,
            "start": self.start, "hold": self.hold, "resume": self.resume, "complete": self.complete,
            "visit": self.visit, "archive": self.archive, "escalate": self.escalate, "cancel": self.cancel,
            "desk_close": self.desk_close, "correct": self.correct, "slip": self.print_slip,
        }
        for code, text in labels.items():
            button = QPushButton(text, self.buttons)
            button.setObjectName(f"action_{code}")
            button.clicked.connect(lambda _checked=False, fn=handlers[code]: fn())
            self._buttons[code] = button
            self.buttons_layout.addWidget(button)
        self.buttons_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.buttons)
        layout.addWidget(self.browser, 1)
        self.show_detail(None)

    # ---- showing
    def show_row(self, row) -> None:
        """Slot for RegisterView.current_row_changed: load the full order of the selected row."""
        if row is None:
            self.show_detail(None)
            return
        try:
            self.show_detail(self.services.workorders.get(row.id))
        except ServiceError as exc:
            self.show_detail(None)
            self.browser.setPlainText(str(exc))

    def reload(self) -> None:
        if self.detail is not None:
            self.show_detail(self.services.workorders.get(self.detail.row.id))

    def button(self, code: str) -> QPushButton:
        return self._buttons[code]

    def visible_actions(self) -> list[str]:
        return [code for code, b in self._buttons.items() if not b.isHidden()]

    def show_detail(self, detail: WorkOrderDetail | None) -> None:
        self.detail = detail
        allowed = set(detail.allowed) if detail else set()
        for code, button in self._buttons.items():
            button.setVisible(code in allowed or (code == "slip" and detail is not None))
        if detail is None:
            self.title.setText(self.tr("未选择工单"))
            self.browser.setHtml("<p style='color:#777'>" + escape(
                self.tr("在列表中点选一张工单, 这里显示它的详情、处理记录和可以做的操作 (派单、催办、完成、回访…)。"))
                + "</p>")
            return
        row = detail.row
        flag = {"overdue": self.tr("【超时】"), "near": self.tr("【将到期】")}.get(row.deadline_status, "")
        self.title.setText(f"{row.number}  {wo_label(row.state)} {flag}")
        self.browser.setHtml(self._html(detail))

    def _html(self, d: WorkOrderDetail) -> str:
        r = d.row

        def when(value) -> str:
            return value.strftime("%Y-%m-%d %H:%M") if value else ""

        def cell(label: str, value: object) -> str:
            return f"<td style='color:#555;padding-right:6px'>{escape(label)}</td><td>{escape(str(value or ''))}</td>"

        rows = [
            (self.tr("类型"), wo_label(r.kind), self.tr("来源"), wo_label(r.source)),
            (self.tr("类别"), wo_label(r.category), self.tr("部位"), wo_label(r.location)),
            (self.tr("紧急程度"), wo_label(r.priority), self.tr("班组"), wo_label(r.team)),
            (self.tr("房屋"), d.unit_label or self.tr("(公共区域)"), self.tr("具体位置"), r.place),
            (self.tr("联系人"), r.contact_name, self.tr("联系电话"), r.contact_phone),
            (self.tr("处理人"), r.assignee, self.tr("催办次数"), r.chase_count or ""),
            (self.tr("受理时间"), when(r.reported_at), self.tr("派单时间"), when(d.dispatched_at)),
            (self.tr("响应时限"), when(r.respond_by), self.tr("完成时限"), when(r.due_at)),
            (self.tr("开始时间"), when(r.started_at), self.tr("完成时间"), when(r.completed_at)),
        ]
        if d.remaining_minutes is not None:
            left = self._duration(d.remaining_minutes)
            rows.append((self.tr("剩余时间"), left + (self.tr(" (已暂停)") if d.held_at else ""),
                         self.tr("预计恢复"), d.hold_until.strftime("%Y-%m-%d") if d.hold_until else ""))
        if d.visit_attempts or r.rework_count or r.escalation_level:
            attempts = self.tr("%1 次").replace("%1", str(d.visit_attempts)) if d.visit_attempts else ""
            if d.next_visit_at:
                attempts += self.tr(", 下次 %1").replace("%1", when(d.next_visit_at))
            rows.append((self.tr("回访未联系上"), attempts,
                         self.tr("返工/升级"), " · ".join(x for x in (
                             self.tr("返工 %1 次").replace("%1", str(r.rework_count)) if r.rework_count else "",
                             {1: self.tr("已升级至主管"), 2: self.tr("已升级至经理")}.get(r.escalation_level, ""))
                             if x)))
        if d.repeat_of or d.repeats:
            rows.append((self.tr("重复报修"), self.tr("前单 %1").replace("%1", d.repeat_of) if d.repeat_of else "",
                         self.tr("后续重复"), ", ".join(d.repeats)))
        html = ["<table cellspacing='0' cellpadding='2'>"]
        html += [f"<tr>{cell(a, b)}<td width='16'></td>{cell(c, e)}</tr>" for a, b, c, e in rows]
        html.append("</table>")
        # Headings outside the f-strings: lupdate does not see tr() calls inside them.
        description, work_done, materials, log = (
            self.tr("问题描述"), self.tr("处理情况"), self.tr("使用材料"), self.tr("处理记录"))
        html.append(f"<p><b>{escape(description)}</b><br>{escape(r.description).replace(chr(10), '<br>')}</p>")
        if d.work_notes:
            html.append(f"<p><b>{escape(work_done)}</b><br>"
                        f"{escape(d.work_notes).replace(chr(10), '<br>')}</p>")
        if d.materials:
            html.append(f"<p><b>{escape(materials)}</b></p><table cellspacing='0' cellpadding='2' "
                        "border='1' style='border-collapse:collapse'>")
            html.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in (
                self.tr("材料名称"), self.tr("单位"), self.tr("数量"), self.tr("单价"), self.tr("金额"))) + "</tr>")
            for m in d.materials:
                html.append(f"<tr><td>{escape(m.name)}</td><td>{escape(m.unit)}</td>"
                            f"<td align='right'>{m.quantity.normalize():f}</td>"
                            f"<td align='right'>{format_money(m.price)}</td>"
                            f"<td align='right'>{format_money(m.amount)}</td></tr>")
            html.append("</table>")
        if d.total_fee:
            html.append("<p>" + escape(self.tr("收费: 人工费 %1 元, 材料费 %2 元, 合计 %3 元")
                                       .replace("%1", format_money(d.labour_fee))
                                       .replace("%2", format_money(d.material_fee))
                                       .replace("%3", format_money(d.total_fee))) + "</p>")
        if r.satisfaction:
            html.append("<p>" + escape(self.tr("回访: 满意度 %1 分 %2").replace("%1", str(r.satisfaction))
                                       .replace("%2", d.visit_comment)) + "</p>")
        if d.cancel_reason:
            html.append("<p>" + escape(self.tr("取消原因: %1").replace("%1", d.cancel_reason)) + "</p>")
        html.append(f"<p><b>{escape(log)}</b></p><table cellspacing='0' cellpadding='2'>")
        for e in reversed(d.history):
            move = wo_label(e.action)
            if e.from_state and e.from_state != e.to_state:
                move += f" ({wo_label(e.from_state)} → {wo_label(e.to_state)})"
            extra = " · ".join(x for x in (e.assignee and self.tr("处理人 %1").replace("%1", e.assignee), e.note) if x)
            html.append(f"<tr><td style='color:#555' valign='top'>{when(e.at)}</td>"
                        f"<td valign='top'>{escape(e.actor)}</td><td valign='top'><b>{escape(move)}</b>"
                        f"{('<br>' + escape(extra)) if extra else ''}</td></tr>")
        html.append("</table>")
        return "".join(html)

    def _duration(self, minutes: int) -> str:
        """Working time as "1小时30分" (translated); negative: overdue by that much."""
        hours, rest = divmod(abs(minutes), 60)
        text = self.tr("%1小时%2分").replace("%1", str(hours)).replace("%2", str(rest))
        return self.tr("已超时 %1").replace("%1", text) if minutes < 0 else text

    # ---- moves
    def _run(self, call) -> bool:
        """Run a service move; show refusals; reload on a stale version. True when it went through."""
        try:
            detail = call()
        except ConflictError as exc:
            QMessageBox.warning(self, self.tr("工单已被修改"), str(exc))
            self.reload()
            self.changed.emit(self.detail)
            return False
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("无法完成操作"), str(exc))
            return False
        self._moved(detail)
        return True

    def _moved(self, detail: WorkOrderDetail | None) -> None:
        if detail is None:
            return
        self.show_detail(detail)
        self.changed.emit(detail)

    def _dialog_done(self, dialog) -> bool:
        if dialog.exec() and dialog.detail is not None:
            self._moved(dialog.detail)
            return True
        if dialog.conflict:  # the dialog showed "changed by X — reload": show the current state
            self.reload()
            self.changed.emit(self.detail)
        return False

    def _ids(self) -> tuple[int, int]:
        assert self.detail is not None
        return self.detail.row.id, self.detail.row.version

    def dispatch(self) -> bool:
        oid, version = self._ids()
        row = self.detail.row
        teams = [(wo_label(t), t) for t in TEAM_ORDER]
        reassign = row.state in ("dispatched", "in_progress")
        title = self.tr("改派 %1") if reassign else self.tr("派单 %1")
        dialog = DispatchDialog(
            title.replace("%1", row.number), teams, lambda team: self.services.staff.list_staff(team),
            lambda v: self.services.workorders.dispatch(oid, v["assignee_id"], version=version, note=v["note"]),
            team=row.team, current_assignee=row.assignee_id, load=self.services.workorders.open_load,
            reassign=reassign, parent=self)
        return self._dialog_done(dialog)

    def take(self) -> bool:
        oid, version = self._ids()
        return self._run(lambda: self.services.workorders.take(oid, version=version))

    def chase(self) -> bool:
        oid, version = self._ids()
        dialog = NoteDialog(self.tr("催办 %1").replace("%1", self.detail.row.number), self.tr("催办说明"),
                            lambda v: self.services.workorders.chase(oid, v["note"], version=version),
                            text=self.tr("业主来电询问进度"), parent=self)
        return self._dialog_done(dialog)

    def start(self) -> bool:
        oid, version = self._ids()
        return self._run(lambda: self.services.workorders.start(oid, version=version))

    def hold(self) -> bool:
        oid, version = self._ids()
        today = self.services.ctx.clock().date()
        dialog = HoldDialog(self.tr("挂起 %1").replace("%1", self.detail.row.number),
                            lambda v: self.services.workorders.hold(oid, v["note"], version=version, until=v["until"]),
                            today=QDate(today.year, today.month, today.day), parent=self)
        return self._dialog_done(dialog)

    def resume(self) -> bool:
        oid, version = self._ids()
        return self._run(lambda: self.services.workorders.resume(oid, version=version))

    def complete(self) -> bool:
        oid, version = self._ids()
        dialog = CompleteDialog(
            self.tr("完成 %1").replace("%1", self.detail.row.number),
            lambda v: self.services.workorders.complete(oid, v["work_notes"], v["materials"], v["labour_fee"],
                                                        version=version),
            private=self.detail.row.location == "private", parent=self, services=self.services)
        return self._dialog_done(dialog)

    def visit(self) -> bool:
        oid, version = self._ids()
        dialog = VisitDialog(self.tr("回访 %1").replace("%1", self.detail.row.number),
                             lambda v: self.services.workorders.visit(
                                 oid, v["satisfaction"], v["comment"], version=version, reached=v["reached"],
                                 next_attempt=v["next_attempt"]),
                             now=QDateTime(self.services.ctx.clock()), attempts=self.detail.visit_attempts,
                             parent=self)
        return self._dialog_done(dialog)

    def desk_close(self) -> bool:
        oid, version = self._ids()
        dialog = DeskCloseDialog(self.tr("前台办结 %1").replace("%1", self.detail.row.number),
                                 lambda v: self.services.workorders.close_at_desk(oid, v["answer"], v["visit"],
                                                                                  version=version), parent=self)
        return self._dialog_done(dialog)

    def correct(self) -> bool:
        oid, version = self._ids()
        dialog = CorrectDialog(
            self.tr("更正 %1").replace("%1", self.detail.row.number),
            lambda v: self.services.workorders.correct(oid, v["changes"], v["reason"], version=version),
            row=self.detail.row, unit_text=self.detail.row.unit_code,
            find_units=lambda text: self.services.archive.search_units(text, limit=8), parent=self)
        return self._dialog_done(dialog)

    def archive(self) -> bool:
        oid, version = self._ids()
        return self._run(lambda: self.services.workorders.archive(oid, version=version))

    def escalate(self) -> bool:
        oid, version = self._ids()
        dialog = NoteDialog(self.tr("升级至经理 %1").replace("%1", self.detail.row.number), self.tr("升级说明"),
                            lambda v: self.services.workorders.escalate(oid, v["note"], version=version),
                            parent=self)
        return self._dialog_done(dialog)

    def cancel(self) -> bool:
        oid, version = self._ids()
        dialog = NoteDialog(self.tr("取消 %1").replace("%1", self.detail.row.number), self.tr("取消原因"),
                            lambda v: self.services.workorders.cancel(oid, v["note"], version=version),
                            required=True, parent=self)
        return self._dialog_done(dialog)

    def print_slip(self) -> None:
        from ui.widgets.pdf_preview import PdfPreviewDialog

        row = self.detail.row
        try:
            pdf = self.services.workorders.slip_pdf(row.id)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("无法生成派工单"), str(exc))
            return
        dialog = PdfPreviewDialog(pdf, self.tr("派工单 %1").replace("%1", row.number), f"{row.number}.pdf", self)
        self.slip_dialog = dialog  # tests look at it
        dialog.open()

    @staticmethod
    def is_open(detail: WorkOrderDetail) -> bool:
        return detail.row.state in OPEN_STATES
