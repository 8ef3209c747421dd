"""导入花名册: choose a file (and sheet), see what the import would do, then commit or cancel.

Reading and checking the file and the commit both run off the GUI thread (``ui.jobs``) with progress
and a cancel button; the service does all the work, the dialog only shows the ``RosterPreview``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.roster import ALL_SHEETS, CREATE, ERROR, UPDATE, RosterPreview, RosterResult
from ui.jobs import run_with_progress_dialog
from ui.models.roster_preview import COL_MESSAGES, RosterPreviewModel
from ui.widgets.table import make_table_view

FILTERS = (None, frozenset({ERROR}), frozenset({CREATE, UPDATE}))


class RosterImportDialog(QDialog):
    imported = Signal(object)  # RosterResult, after a successful commit

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.preview: RosterPreview | None = None
        self.result: RosterResult | None = None
        self.job = None
        self.busy = False  # a read or commit is running in the background
        self.setWindowTitle(self.tr("导入业主花名册"))
        self.resize(1100, 640)

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("请选择 Excel 文件 (.xlsx)"))
        self.browse_button = QPushButton(self.tr("选择文件…"))
        self.browse_button.clicked.connect(lambda: self.choose_file())
        self.sheet_combo = QComboBox()
        self.sheet_combo.setEnabled(False)
        self.sheet_combo.setMinimumWidth(140)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("文件:")))
        top.addWidget(self.file_edit, 1)
        top.addWidget(self.browse_button)
        top.addWidget(QLabel(self.tr("工作表:")))
        top.addWidget(self.sheet_combo)

        self.summary_label = QLabel(self.tr("选择花名册文件后, 这里显示将新增、更新的行和有错误的行。什么都不会写入, 直到您点“导入”。"))
        self.summary_label.setWordWrap(True)
        self.columns_label = QLabel()
        self.columns_label.setWordWrap(True)
        self.columns_label.setObjectName("roster_notes")
        self.keep_id_check = QCheckBox(self.tr("身份证号仅校验位不符时照原样保留, 标为“待核实” (旧系统的数据)"))
        self.keep_id_check.toggled.connect(self._reload)
        self.fee_label = QLabel()  # the old system's fee items, to be mapped to PropDesk's (nothing is created)
        self.fee_label.setWordWrap(True)
        self.fee_label.setVisible(False)
        self.filter_combo = QComboBox()
        self.filter_combo.addItems([self.tr("全部行"), self.tr("只看有错误的行"), self.tr("只看新增和更新的行")])
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        middle = QHBoxLayout()
        middle.addWidget(self.summary_label, 1)
        middle.addWidget(self.filter_combo)

        self.model = RosterPreviewModel(self)
        self.table = make_table_view(self.model, self, sortable=False)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(lambda: self.commit(only_valid=False))
        self.only_valid_button = QPushButton(self.tr("仅导入正确的行"))
        self.only_valid_button.clicked.connect(lambda: self.commit(only_valid=True))
        self.update_existing_button = QPushButton(self.tr("更新已登记的信息…"))
        self.update_existing_button.setToolTip(self.tr("列出文件将修改的已登记人员姓名、车牌和车位 (原 → 新), 确认后才会导入"))
        self.update_existing_button.clicked.connect(lambda: self.confirm_update_existing())
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.update_existing_button)
        buttons.addWidget(self.only_valid_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addWidget(self.columns_label)
        layout.addWidget(self.keep_id_check)
        layout.addWidget(self.fee_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # ---- choosing and reading
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择业主花名册"), "", self.tr("Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)"))
        if path:
            self.load(path)

    def load(self, path: str, sheet: str | None = None) -> None:
        """Read and check the file in the background; the preview appears when done."""
        self.file_edit.setText(path)
        self.preview = None
        self.model.set_preview_rows(())
        self.summary_label.setText(self.tr("正在读取 %1 …").replace("%1", Path(path).name))
        self.columns_label.clear()
        self._update_buttons()
        roster = self.services.roster

        keep_id = self.keep_id_check.isChecked()

        def read(progress):
            options = roster.options(keep_invalid_id=keep_id)
            preview = roster.preview(path, sheet, progress=progress, options=options)
            _ = preview.rows  # build the grid rows here, off the GUI thread
            return preview

        self._run(self.tr("读取花名册"), read, self.show_preview, self._read_failed, self._read_cancelled)

    def show_preview(self, preview: RosterPreview) -> None:
        self.preview = preview
        combo = self.sheet_combo
        combo.blockSignals(True)
        combo.clear()
        if len(preview.sheets) > 1:
            combo.addItem(self.tr("全部工作表"), ALL_SHEETS[0])
        for name in preview.sheets or (preview.sheet,):
            combo.addItem(name, name)
        combo.setCurrentIndex(max(0, combo.findData(ALL_SHEETS[0] if preview.combined else preview.sheet)))
        combo.setEnabled(len(preview.sheets) > 1)
        combo.blockSignals(False)
        counts = preview.counts
        text = (self.tr("工作表“%1”, 表头在第%2行。新增 %3 行, 更新 %4 行, 无变化 %5 行, 有错误 %6 行。")
                .replace("%1", preview.sheet).replace("%2", str(preview.header_row))
                .replace("%3", str(counts["create"])).replace("%4", str(counts["update"]))
                .replace("%5", str(counts["unchanged"])).replace("%6", str(counts["error"])))
        if preview.layout:
            text = self.tr("识别为 %1 导入模板。").replace("%1", preview.layout) + text
        totals = preview.totals
        text += self.tr(" 将导入: 房屋 %1 套, 人员 %2 人, 车位 %3 个, 车牌 %4 个, 身份证号待核实 %5 个。").replace(
            "%1", f"{totals.units:,}").replace("%2", f"{totals.persons:,}").replace("%3", f"{totals.spaces:,}").replace(
            "%4", f"{totals.plates:,}").replace("%5", f"{totals.unverified_ids:,}")
        if preview.file_level_issues:
            text = "\n".join(str(issue) for issue in preview.file_level_issues)
        elif preview.issues:
            text += self.tr(" 共 %1 处问题 (红色行), 请在 Excel 中改正后重新导入, 或只导入正确的行。").replace(
                "%1", str(len(preview.issues)))
            if preview.conflicts:
                text += self.tr(" 其中 %1 处会修改已登记的人员或车辆 (点“更新已登记的信息…”查看并确认)。").replace(
                    "%1", str(len(preview.conflicts)))
        if preview.update_existing and preview.conflicts:
            text += self.tr(" 已确认更新 %1 处已登记的信息。").replace("%1", str(len(preview.conflicts)))
        self.summary_label.setText(text)
        self.summary_label.setStyleSheet("color: #9c1c1c;" if preview.issues else "")
        extra = [r for r in preview.issues if r.row and r.row not in {p.row for p in preview.rows}]
        notes = [n for n in preview.notes if not n.startswith("识别为")] + preview.placeholder_lines
        if preview.unknown_columns:
            notes.append(self.tr("未识别的列 (已忽略): %1").replace("%1", "、".join(preview.unknown_columns)))
        notes += [str(issue) for issue in extra]
        self.columns_label.setText("\n".join(notes))
        self.show_fee_items(preview.fee_items)
        self.model.set_preview_rows(preview.rows)
        self._filter_changed(self.filter_combo.currentIndex())
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(COL_MESSAGES, min(max(self.table.columnWidth(COL_MESSAGES), 120), 420))
        self._update_buttons()

    def show_fee_items(self, items) -> None:
        """HC's 费用设置: listed for the user to map to PropDesk's fee items; the import creates none."""
        self.fee_label.setVisible(bool(items))
        if not items:
            return
        lines = [self.tr("旧系统的收费项目 (未自动创建, 请在 收费 → 收费项目 中对应到 PropDesk 的收费项目):")]
        lines += [f"  • {item}" for item in items]
        self.fee_label.setText("\n".join(lines))

    def _reload(self, *_args) -> None:
        """Read the file again with the changed choice (保留待核实的身份证号)."""
        if self.preview is not None and not self.busy:
            self.load(self.preview.path, None if self.preview.layout else self.sheet_combo.currentData())

    def _sheet_chosen(self, index: int) -> None:
        if self.preview is not None:
            self.load(self.preview.path, self.sheet_combo.itemData(index))

    def _read_failed(self, message: str) -> None:
        self.summary_label.setText(message)
        self.summary_label.setStyleSheet("color: #9c1c1c;")
        QMessageBox.warning(self, self.tr("导入业主花名册"), message)

    def _read_cancelled(self) -> None:
        self.summary_label.setText(self.tr("已取消读取。"))

    def _filter_changed(self, index: int) -> None:
        self.model.show(FILTERS[index] if 0 <= index < len(FILTERS) else None)

    def _update_buttons(self) -> None:
        preview = self.preview
        has_rows = preview is not None and not preview.file_level_issues and preview.counts["total"] > 0
        self.import_button.setEnabled(has_rows and preview.ok)
        valid = has_rows and preview.counts["total"] > preview.counts["error"]
        self.only_valid_button.setEnabled(bool(valid and not preview.ok))
        self.update_existing_button.setVisible(bool(preview and preview.conflicts and not preview.update_existing))

    # ---- conflicts: a stored person renamed, a plate or space moved to another unit
    def confirm_update_existing(self) -> None:
        """List every before → after; on yes, plan again accepting them (the user then clicks 导入)."""
        preview = self.preview
        if preview is None or not preview.conflicts:
            return
        changes = [c.change for c in preview.conflicts]
        shown = "\n".join(changes[:15])
        if len(changes) > 15:
            shown += "\n" + self.tr("…… 共 %1 处").replace("%1", str(len(changes)))
        answer = QMessageBox.question(
            self, self.tr("更新已登记的信息"),
            self.tr("这个文件会修改以下已登记的信息 (原 → 新):\n\n%1\n\n确认这些修改正确吗? "
                    "每处修改都会记入审计日志。").replace("%1", shown))
        if answer != QMessageBox.StandardButton.Yes:
            return
        roster, parsed, path = self.services.roster, preview.parsed, preview.path

        def replan(progress):
            accepted = roster.replan(path, parsed, progress, update_existing=True)
            _ = accepted.rows
            return accepted

        self._run(self.tr("读取花名册"), replan, self.show_preview, self._read_failed, self._read_cancelled)

    # ---- committing
    def commit(self, only_valid: bool = False) -> None:
        preview = self.preview
        if preview is None:
            return
        if only_valid:
            answer = QMessageBox.question(
                self, self.tr("仅导入正确的行"),
                self.tr("有错误的 %1 行不会导入, 其余 %2 行将被导入。继续吗?")
                .replace("%1", str(preview.counts["error"]))
                .replace("%2", str(preview.counts["total"] - preview.counts["error"])))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.import_button.setEnabled(False)
        self.only_valid_button.setEnabled(False)
        roster = self.services.roster
        self._run(self.tr("导入花名册"),
                  lambda progress: roster.commit(preview, only_valid=only_valid, progress=progress),
                  self._committed, self._commit_failed, self._commit_cancelled)

    def _run(self, title: str, work, on_result, on_error, on_cancel) -> None:
        """Start ``work`` in the background; ``busy`` until one of the three outcomes arrives."""
        self.busy = True
        self.browse_button.setEnabled(False)

        def ended(handler):
            def slot(*args):
                self.busy = False
                self.browse_button.setEnabled(True)
                handler(*args)
            return slot

        self.job = run_with_progress_dialog(self, title, work, on_result=ended(on_result),
                                            on_error=ended(on_error), on_cancel=ended(on_cancel))

    def _committed(self, result: RosterResult) -> None:
        self.result = result
        message = (self.tr("已导入: 新增 %1 行, 更新 %2 行, 无变化 %3 行。")
                   .replace("%1", str(result.created)).replace("%2", str(result.updated))
                   .replace("%3", str(result.unchanged)))
        if result.skipped:
            message += self.tr(" 跳过有错误的 %1 行。").replace("%1", str(result.skipped))
        self.summary_label.setText(message)
        self.summary_label.setStyleSheet("")
        self.imported.emit(result)
        QMessageBox.information(self, self.tr("导入业主花名册"), message)
        self.accept()

    def _commit_failed(self, message: str) -> None:
        self._update_buttons()
        QMessageBox.warning(self, self.tr("导入业主花名册"), message)

    def _commit_cancelled(self) -> None:
        self._update_buttons()
        self.summary_label.setText(self.tr("已取消导入, 数据库没有任何改动。"))
