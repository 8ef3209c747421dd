"""经理 → 银行托收: the withholding agreements (代扣协议), the collection batches with their rows and results,
and the banks' file layouts; 生成托收文件 writes a period's file, 导入银行结果 shows the checked result file
before anything is written (all rows or none)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from app.services.bank import FAILED, STATUS_LABELS, ResultPreview
from ui.dialogs.record import ActionDialog, RecordDialog, combo, line, note
from ui.jobs import run_with_progress_dialog
from ui.models.windowed import RIGHT, Column, ListTableModel, RowStyle
from ui.pages.register_page import DetailPane, RegisterPage
from ui.tabs.fees_common import money_text
from ui.widgets.table import fit_columns, make_table_view

_STATUS = (QT_TRANSLATE_NOOP("Bank", "已发送"), QT_TRANSLATE_NOOP("Bank", "已导入结果"),
           QT_TRANSLATE_NOOP("Bank", "已撤销"), QT_TRANSLATE_NOOP("Bank", "扣款成功"),
           QT_TRANSLATE_NOOP("Bank", "扣款失败"), QT_TRANSLATE_NOOP("Bank", "有误"))


def status_text(code: str) -> str:
    return QCoreApplication.translate("Bank", STATUS_LABELS.get(code, "有误"))


def yes_no(value: bool) -> str:
    return QCoreApplication.translate("Bank", "有效") if value else QCoreApplication.translate("Bank", "无效")


AGREEMENT_COLUMNS = [
    Column("unit", QT_TRANSLATE_NOOP("Column", "房屋"), "unit_label", sort_key="unit", width=9),
    Column("holder", QT_TRANSLATE_NOOP("Column", "户名"), "holder", sort_key="holder", width=5),
    Column("bank", QT_TRANSLATE_NOOP("Column", "开户行"), "bank", sort_key="bank", width=7),
    Column("account", QT_TRANSLATE_NOOP("Column", "扣款账号"), "account_no", width=12),
    Column("from", QT_TRANSLATE_NOOP("Column", "生效"), "active_from", sort_key="from", width=6),
    Column("until", QT_TRANSLATE_NOOP("Column", "终止"), "active_until", width=6),
    Column("active", QT_TRANSLATE_NOOP("Column", "状态"), "active", formatter=yes_no, width=4),
]
BATCH_COLUMNS = [
    Column("number", QT_TRANSLATE_NOOP("Column", "批次号"), "number", sort_key="number", width=14),
    Column("period", QT_TRANSLATE_NOOP("Column", "账期"), "period", sort_key="period", width=5),
    Column("status", QT_TRANSLATE_NOOP("Column", "状态"), "status", formatter=status_text, width=8),
    Column("rows", QT_TRANSLATE_NOOP("Column", "户数"), "rows", align=RIGHT, width=4),
    Column("total", QT_TRANSLATE_NOOP("Column", "金额(元)"), "total", align=RIGHT, formatter=money_text, width=7),
    Column("succeeded", QT_TRANSLATE_NOOP("Column", "成功"), "succeeded", align=RIGHT, width=4),
    Column("failed", QT_TRANSLATE_NOOP("Column", "失败"), "failed", align=RIGHT, width=4),
]
LINE_COLUMNS = [
    Column("reference", QT_TRANSLATE_NOOP("Column", "参考号"), "reference"),
    Column("unit", QT_TRANSLATE_NOOP("Column", "房屋"), "unit_label"),
    Column("holder", QT_TRANSLATE_NOOP("Column", "户名"), "holder"),
    Column("account", QT_TRANSLATE_NOOP("Column", "扣款账号"), "account_no"),
    Column("amount", QT_TRANSLATE_NOOP("Column", "金额(元)"), "amount", align=RIGHT, formatter=money_text),
    Column("status", QT_TRANSLATE_NOOP("Column", "结果"), "status", formatter=status_text),
    Column("reason", QT_TRANSLATE_NOOP("Column", "失败原因"), "reason"),
    Column("receipt", QT_TRANSLATE_NOOP("Column", "收据号"), "receipt_no"),
]
RESULT_COLUMNS = [
    Column("row", QT_TRANSLATE_NOOP("Column", "行"), "row", align=RIGHT),
    Column("reference", QT_TRANSLATE_NOOP("Column", "参考号"), "reference"),
    Column("unit", QT_TRANSLATE_NOOP("Column", "房屋"), "unit_label"),
    Column("amount", QT_TRANSLATE_NOOP("Column", "金额(元)"), "amount", align=RIGHT, formatter=money_text),
    Column("status", QT_TRANSLATE_NOOP("Column", "结果"), "status", formatter=status_text),
    Column("reason", QT_TRANSLATE_NOOP("Column", "失败原因"), "reason"),
    Column("messages", QT_TRANSLATE_NOOP("Column", "问题"), lambda r: "; ".join(r.messages)),
]
PROFILE_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "名称"), "name", sort_key="name", width=8),
    Column("columns", QT_TRANSLATE_NOOP("Column", "列"), lambda r: " | ".join(r.columns.splitlines()), width=30),
    Column("success", QT_TRANSLATE_NOOP("Column", "成功值"), "success_values", width=5),
    Column("fail", QT_TRANSLATE_NOOP("Column", "失败值"), "fail_values", width=5),
]
FAILED_STYLE = RowStyle(foreground=QColor("#b00020"))


def line_style(row) -> RowStyle | None:
    return FAILED_STYLE if row.status == FAILED or getattr(row, "messages", ()) else None


class AgreementDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑代扣协议") if self.record_id else self.tr("新增代扣协议"))
        self.add_field("unit", self.tr("房屋"), line(self.tr("房号, 如 3-1-1502")))
        self.add_field("bank", self.tr("开户行"), line(self.tr("如 工商银行")))
        self.add_field("holder", self.tr("户名"), line())
        self.add_field("account_no", self.tr("扣款账号"), line())
        self.add_field("active_from", self.tr("生效日期"), line("2026-01-01"))
        self.add_field("active_until", self.tr("终止日期"), line(self.tr("不填为长期")))
        self.add_field("note", self.tr("备注"), note())


class ProfileDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑银行格式") if self.record_id else self.tr("新增银行格式"))
        self.add_field("name", self.tr("名称"), line(self.tr("如 工商银行")))
        columns = QPlainTextEdit()
        columns.setPlaceholderText(self.tr("每行一列, 按文件中的顺序: 字段: 表头"))
        columns.setFixedHeight(180)
        self.add_field("columns", self.tr("列 (字段: 表头)"), columns)
        self.add_field("success_values", self.tr("表示成功的值"), line(self.tr("如 成功, 0")))
        self.add_field("fail_values", self.tr("表示失败的值"), line(self.tr("如 失败, 1")))
        self.add_field("note", self.tr("备注"), note())


class ResultImportDialog(QDialog):
    """The checked result file, row by row, before anything is written; 确认导入 only when every row is right."""

    imported = Signal(object)  # BatchRow

    def __init__(self, services, preview: ResultPreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.preview = preview
        self.setWindowTitle(self.tr("导入银行扣款结果"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = ListTableModel(RESULT_COLUMNS, row_style=line_style, parent=self)
        self.model.set_rows(preview.lines)
        self.table = make_table_view(self.model, self, sortable=False)
        fit_columns(self.table)
        self.problems = QPlainTextEdit(self)
        self.problems.setReadOnly(True)
        self.problems.setPlainText("\n".join(preview.messages()))
        self.problems.setVisible(bool(preview.issues))
        self.problems.setMaximumHeight(120)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(self.tr("确认导入"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(preview.ok)
        self.buttons.accepted.connect(self.commit)
        self.buttons.rejected.connect(self.reject)
        if preview.ok:
            self.summary.setText(self.tr("托收批次 {0}: 扣款成功 {1} 户, 共 {2} 元 (将生成收据, 付款方式 托收); "
                                         "扣款失败 {3} 户 (保留欠费并记录银行的原因)。").format(
                preview.batch_number, preview.succeeded, money_text(preview.succeeded_amount), preview.failed))
        else:
            self.summary.setText(self.tr("结果文件有 {0} 处问题, 不能导入。请更正后重新选择文件; 不会导入任何内容。")
                                 .format(len(preview.issues)))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.resize(900, 520)

    def commit(self) -> None:
        self.import_button.setEnabled(False)

        def done(batch) -> None:
            self.imported.emit(batch)
            self.accept()

        def failed(message: str) -> None:
            QMessageBox.warning(self, self.windowTitle(), message)
            self.import_button.setEnabled(True)

        self.job = run_with_progress_dialog(self, self.tr("正在导入银行扣款结果…"),
                                            lambda progress: self.services.bank.import_result(
                                                self.preview, progress=progress),
                                            on_result=done, on_error=failed)


class BatchesPage(RegisterPage):
    """托收批次: each collection file sent and its result; the rows of the chosen batch at the right."""

    def __init__(self, services, parent: QWidget | None = None):
        self.pane = DetailPane(LINE_COLUMNS, parent, row_style=line_style)
        super().__init__(services, services.bank, BATCH_COLUMNS, None, detail=self.pane, sort_key="number",
                         descending=True, placeholder=self.tr("批次号或账期"), parent=parent)
        self.register.add_filter_combo("status", self.tr("状态"), [
            (self.tr("全部"), None), *((status_text(code), code) for code in ("sent", "imported", "cancelled"))])
        self.register.current_row_changed.connect(self.show_batch)
        if services.ctx.can("bank.collect"):
            self.cancel_button = self.pane.add_button(self.tr("撤销批次"), self.cancel_batch)
        self.add_refresh()

    def cancel_batch(self) -> ActionDialog | None:
        """撤销 a batch the bank did not process (asks the reason): a new file may then be made."""
        row = self.current()
        if row is None:
            return None
        dialog = ActionDialog(self.tr("撤销托收批次 {0}").format(row.number),
                              lambda values: self.services.bank.cancel(row.id, values["reason"]) and row.id,
                              ok_text=self.tr("撤销"), parent=self)
        dialog.add_field("reason", self.tr("原因"), line(self.tr("如 银行未处理, 重新生成")))
        return self.open_dialog(dialog)

    def show_batch(self, row) -> None:
        if row is None:
            self.pane.clear()
            return
        facts = [(self.tr("账期"), row.period), (self.tr("状态"), status_text(row.status)),
                 (self.tr("文件"), row.file_name), (self.tr("银行格式"), row.profile),
                 (self.tr("生成"), f"{row.exported_at:%Y-%m-%d %H:%M} {row.exported_by}")]
        if row.imported_at:
            facts.append((self.tr("结果"), self.tr("{0} 导入: 成功 {1} 户 {2} 元, 失败 {3} 户").format(
                f"{row.imported_at:%Y-%m-%d %H:%M} {row.imported_by}", row.succeeded,
                money_text(row.succeeded_amount), row.failed)))
        if row.note:
            facts.append((self.tr("备注"), row.note))
        self.pane.show(self.tr("托收批次 {0}").format(row.number), facts, self.services.bank.lines(row.id))


class BankPage(QTabWidget):
    """银行托收: 代扣协议 | 托收批次 | 银行格式, with 生成托收文件 and 导入银行结果 on the agreements' toolbar."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.last_dialog = None
        self.agreements = RegisterPage(services, services.bank_agreements, AGREEMENT_COLUMNS, AgreementDialog,
                                       placeholder=self.tr("户名或开户行"), parent=self)
        reg = self.agreements.register
        reg.add_filter_combo("active", self.tr("状态"), [(self.tr("全部"), None), (self.tr("今天有效"), 1)])
        if services.ctx.can("bank.collect"):
            self.export_action = reg.add_action(self.tr("生成托收文件"), self.export)
            self.import_action = reg.add_action(self.tr("导入银行结果"), self.choose_result)
        self.agreements.add_refresh()
        self.batches = BatchesPage(services, self)
        self.profiles = RegisterPage(services, services.bank_profiles, PROFILE_COLUMNS, ProfileDialog,
                                     placeholder=self.tr("名称"), parent=self)
        self.profiles.new_defaults = services.bank_profiles.new_values
        self.profiles.add_refresh()
        self.addTab(self.agreements, self.tr("代扣协议"))
        self.addTab(self.batches, self.tr("托收批次"))
        self.addTab(self.profiles, self.tr("银行格式"))

    def _profile_combo(self) -> QComboBox:
        box = combo([(name, name) for name in self.services.bank_profiles.names()])
        box.setObjectName("profile")
        return box

    def export(self) -> ActionDialog:
        """Ask the period, the layout and the format; then the file name; then write it off the GUI thread."""
        dialog = ActionDialog(self.tr("生成托收文件"), self._export, ok_text=self.tr("生成"), parent=self)
        dialog.add_field("period", self.tr("托收截至账期"), line("2026-11", self.services.ctx.clock().strftime("%Y-%m")))
        dialog.add_field("profile", self.tr("银行格式"), self._profile_combo())
        dialog.add_field("format", self.tr("文件格式"), combo([("Excel (.xlsx)", ".xlsx"),
                                                            (self.tr("CSV (UTF-8, Excel 可直接打开)"), ".csv")]))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _export(self, values: dict) -> int:
        from app.services.fees_billing import period_or_error

        suffix = values.get("format") or ".xlsx"
        period = period_or_error(values.get("period"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存托收文件"), f"托收{period}{suffix}",
                                              f"*{suffix}")
        if not path:
            raise ServiceError(QCoreApplication.translate("Bank", "未选择文件, 未生成。"))
        if not path.lower().endswith(suffix):
            path += suffix
        self.export_job = run_with_progress_dialog(
            self, self.tr("正在生成托收文件…"),
            lambda _progress: self.services.bank.export(period, path, values.get("profile")),
            on_result=self._exported)
        return 0

    def _exported(self, batch) -> None:
        self.batches.refresh()
        QMessageBox.information(self, self.tr("生成托收文件"), self.tr(
            "已生成托收批次 {0}: {1} 户, 共 {2} 元。\n请把文件交给银行; 银行返回结果后用“导入银行结果”导入。").format(
            batch.number, batch.rows, money_text(batch.total)))

    def choose_result(self) -> ResultImportDialog | None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择银行结果文件"), "",
                                              self.tr("银行结果文件 (*.xlsx *.csv)"))
        if not path:
            return None
        names = self.services.bank_profiles.names()
        profile = names[0]
        if len(names) > 1:
            from PySide6.QtWidgets import QInputDialog

            profile, ok = QInputDialog.getItem(self, self.tr("银行格式"), self.tr("结果文件的银行格式"), names, 0, False)
            if not ok:
                return None
        try:
            preview = self.services.bank.preview_result(Path(path), profile)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("导入银行结果"), str(exc))
            return None
        dialog = ResultImportDialog(self.services, preview, self)
        dialog.imported.connect(self._imported)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, batch) -> None:
        self.batches.reload_selecting(batch.id)
        self.setCurrentWidget(self.batches)

