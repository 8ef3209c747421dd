"""Translated labels of the engineering and stock codes (system, status, frequency, warehouse…).

``app/`` keeps the Chinese labels (``ENGINEERING_LABELS``, ``INVENTORY_LABELS``) for the CLI and PDFs;
this module marks the same texts for ``pyside6-lupdate`` and translates them in context "Engineering".
Use :func:`eng_label` as a ``Column.formatter`` and :func:`eng_choices` for combos.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.models import ENGINEERING_LABELS, INVENTORY_LABELS

CONTEXT = "Engineering"
_LABELS = {**ENGINEERING_LABELS, **INVENTORY_LABELS}

_MARKED = (
    QT_TRANSLATE_NOOP("Engineering", "房屋本体"), QT_TRANSLATE_NOOP("Engineering", "照明"),
    QT_TRANSLATE_NOOP("Engineering", "给排水"), QT_TRANSLATE_NOOP("Engineering", "供配电"),
    QT_TRANSLATE_NOOP("Engineering", "消防"), QT_TRANSLATE_NOOP("Engineering", "电梯"),
    QT_TRANSLATE_NOOP("Engineering", "暖通空调"), QT_TRANSLATE_NOOP("Engineering", "弱电(监控/门禁)"),
    QT_TRANSLATE_NOOP("Engineering", "在用"), QT_TRANSLATE_NOOP("Engineering", "故障"),
    QT_TRANSLATE_NOOP("Engineering", "停用"), QT_TRANSLATE_NOOP("Engineering", "报废"),
    QT_TRANSLATE_NOOP("Engineering", "每天"), QT_TRANSLATE_NOOP("Engineering", "每周"),
    QT_TRANSLATE_NOOP("Engineering", "每月"), QT_TRANSLATE_NOOP("Engineering", "每季度"),
    QT_TRANSLATE_NOOP("Engineering", "每年"), QT_TRANSLATE_NOOP("Engineering", "每N天"),
    QT_TRANSLATE_NOOP("Engineering", "待执行"), QT_TRANSLATE_NOOP("Engineering", "已完成"),
    QT_TRANSLATE_NOOP("Engineering", "已跳过"), QT_TRANSLATE_NOOP("Engineering", "大修"),
    QT_TRANSLATE_NOOP("Engineering", "中修"), QT_TRANSLATE_NOOP("Engineering", "待审批"),
    QT_TRANSLATE_NOOP("Engineering", "已批准"), QT_TRANSLATE_NOOP("Engineering", "已验收"),
    QT_TRANSLATE_NOOP("Engineering", "已取消"), QT_TRANSLATE_NOOP("Engineering", "主体结构"),
    QT_TRANSLATE_NOOP("Engineering", "装饰装修"), QT_TRANSLATE_NOOP("Engineering", "电气"),
    QT_TRANSLATE_NOOP("Engineering", "其他"), QT_TRANSLATE_NOOP("Engineering", "待整改"),
    QT_TRANSLATE_NOOP("Engineering", "复验未通过"), QT_TRANSLATE_NOOP("Engineering", "已销项"),
    QT_TRANSLATE_NOOP("Engineering", "更换部件"), QT_TRANSLATE_NOOP("Engineering", "维修"),
    QT_TRANSLATE_NOOP("Engineering", "检查"), QT_TRANSLATE_NOOP("Engineering", "备注"),
    QT_TRANSLATE_NOOP("Engineering", "维保"), QT_TRANSLATE_NOOP("Engineering", "维修工单"),
    QT_TRANSLATE_NOOP("Engineering", "外包维保"), QT_TRANSLATE_NOOP("Engineering", "工程库"),
    QT_TRANSLATE_NOOP("Engineering", "保洁库"), QT_TRANSLATE_NOOP("Engineering", "材料"),
    QT_TRANSLATE_NOOP("Engineering", "备件"), QT_TRANSLATE_NOOP("Engineering", "工具"),
    QT_TRANSLATE_NOOP("Engineering", "保洁用品"), QT_TRANSLATE_NOOP("Engineering", "清洁药剂"),
    QT_TRANSLATE_NOOP("Engineering", "入库"), QT_TRANSLATE_NOOP("Engineering", "领用出库"),
    QT_TRANSLATE_NOOP("Engineering", "退库"), QT_TRANSLATE_NOOP("Engineering", "盘点调整"),
)

# Texts the pages pass through eng_label that are not codes.
_MARKED_TEXTS = (QT_TRANSLATE_NOOP("Engineering", "正常"), QT_TRANSLATE_NOOP("Engineering", "异常"))


def eng_label(code: object) -> str:
    if code is None or code == "":
        return ""
    return QCoreApplication.translate(CONTEXT, _LABELS.get(str(code), str(code)))


def eng_choices(codes) -> list[tuple[str, str]]:
    """(translated label, code) of every member of a StrEnum, in declaration order."""
    return [(eng_label(code), str(code)) for code in codes]
