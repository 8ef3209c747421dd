"""Shared bits of the fee pages: translated fee labels, money cells, and showing a generated PDF.

``app.models.FEE_LABELS`` keeps the Chinese labels for the CLI and PDFs; the same texts are marked here
for ``pyside6-lupdate`` and translated in context ``"FeeLabel"``.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from app.models import FEE_LABELS, PayMethod, ReminderMethod
from app.money import format_money

FEE_CONTEXT = "FeeLabel"
_MARKED = (
    QT_TRANSLATE_NOOP("FeeLabel", "物业费"), QT_TRANSLATE_NOOP("FeeLabel", "停车费"),
    QT_TRANSLATE_NOOP("FeeLabel", "水电费"), QT_TRANSLATE_NOOP("FeeLabel", "其他"),
    QT_TRANSLATE_NOOP("FeeLabel", "按建筑面积"), QT_TRANSLATE_NOOP("FeeLabel", "按车位"),
    QT_TRANSLATE_NOOP("FeeLabel", "按户固定"), QT_TRANSLATE_NOOP("FeeLabel", "按抄表用量"),
    QT_TRANSLATE_NOOP("FeeLabel", "按月"), QT_TRANSLATE_NOOP("FeeLabel", "按季"), QT_TRANSLATE_NOOP("FeeLabel", "按年"),
    QT_TRANSLATE_NOOP("FeeLabel", "全部房屋"), QT_TRANSLATE_NOOP("FeeLabel", "指定楼栋"),
    QT_TRANSLATE_NOOP("FeeLabel", "指定用途"), QT_TRANSLATE_NOOP("FeeLabel", "指定房屋"),
    QT_TRANSLATE_NOOP("FeeLabel", "指定车位"),
    QT_TRANSLATE_NOOP("FeeLabel", "现金"), QT_TRANSLATE_NOOP("FeeLabel", "微信"), QT_TRANSLATE_NOOP("FeeLabel", "支付宝"),
    QT_TRANSLATE_NOOP("FeeLabel", "银行卡"), QT_TRANSLATE_NOOP("FeeLabel", "转账"),
    QT_TRANSLATE_NOOP("FeeLabel", "托收"),
    QT_TRANSLATE_NOOP("FeeLabel", "电话"), QT_TRANSLATE_NOOP("FeeLabel", "催缴通知"), QT_TRANSLATE_NOOP("FeeLabel", "上门"),
    QT_TRANSLATE_NOOP("FeeLabel", "短信/微信"), QT_TRANSLATE_NOOP("FeeLabel", "滞纳金"),
)


def fee_label(code: object) -> str:
    """Translated label of a fee code (method, kind, pay method…); unknown codes as they are."""
    if code is None or code == "":
        return ""
    return QCoreApplication.translate(FEE_CONTEXT, FEE_LABELS.get(str(code), str(code)))


_AGING = (QT_TRANSLATE_NOOP("Fees", "≤3个月"), QT_TRANSLATE_NOOP("Fees", "4–6个月"),
          QT_TRANSLATE_NOOP("Fees", "7–12个月"), QT_TRANSLATE_NOOP("Fees", ">12个月"))


def aging_labels() -> list[str]:
    """The four aging buckets of ``fees_rules.aging_bucket``, translated."""
    return [QCoreApplication.translate("Fees", text) for text in _AGING]


def total_text() -> str:
    return QCoreApplication.translate("Fees", "合计")


def void_text() -> str:
    return QCoreApplication.translate("Fees", "作废")


def money_text(value: object) -> str:
    return format_money(value) if isinstance(value, Decimal | int) else ""


def pay_method_choices() -> list[tuple[str, str]]:
    return [(fee_label(m), str(m)) for m in PayMethod if m != PayMethod.BANK]  # 托收 comes from the bank


def reminder_method_choices() -> list[tuple[str, str]]:
    return [(fee_label(m), str(m)) for m in ReminderMethod]


def fit_columns(view) -> None:
    """Columns as wide as their contents (a money column is not stretched across the page)."""
    view.horizontalHeader().setStretchLastSection(False)
    view.resizeColumnsToContents()
    for column in range(view.model().columnCount()):
        view.setColumnWidth(column, max(view.columnWidth(column), 80))


def show_pdf(parent: QWidget, pdf: bytes, title: str, filename: str) -> QWidget:
    """Preview a generated PDF in the app (print or save from there); returns the (non-modal) dialog."""
    from PySide6.QtCore import Qt

    from ui.widgets.pdf_preview import PdfPreviewDialog

    dialog = PdfPreviewDialog(pdf, title=title, file_name=filename, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
