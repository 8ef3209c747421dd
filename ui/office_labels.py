"""Translated labels of the 环境 and 经理 codes (cleaning areas, frequencies, garbage kinds, greening work,
seasons, cost categories, plan metrics, relation parties).

``app.models`` keeps the Chinese texts (``ENVIRONMENT_LABELS``, ``MANAGEMENT_LABELS``) for the CLI and the
PDFs; this module marks the same texts for ``pyside6-lupdate`` and translates them in context ``"Label"``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.models import ENVIRONMENT_LABELS, MANAGEMENT_LABELS

# Every text of ENVIRONMENT_LABELS and MANAGEMENT_LABELS, so lupdate finds them.
_MARKED = (
    QT_TRANSLATE_NOOP("Label", "大堂"), QT_TRANSLATE_NOOP("Label", "楼道"), QT_TRANSLATE_NOOP("Label", "电梯轿厢"),
    QT_TRANSLATE_NOOP("Label", "公共卫生间"), QT_TRANSLATE_NOOP("Label", "道路"), QT_TRANSLATE_NOOP("Label", "绿化带"),
    QT_TRANSLATE_NOOP("Label", "垃圾站"), QT_TRANSLATE_NOOP("Label", "设备房"), QT_TRANSLATE_NOOP("Label", "每日"),
    QT_TRANSLATE_NOOP("Label", "每周"), QT_TRANSLATE_NOOP("Label", "每月"), QT_TRANSLATE_NOOP("Label", "可回收物"),
    QT_TRANSLATE_NOOP("Label", "有害垃圾"), QT_TRANSLATE_NOOP("Label", "厨余垃圾"), QT_TRANSLATE_NOOP("Label", "其他垃圾"),
    QT_TRANSLATE_NOOP("Label", "浇水"), QT_TRANSLATE_NOOP("Label", "施肥"), QT_TRANSLATE_NOOP("Label", "修剪"),
    QT_TRANSLATE_NOOP("Label", "病虫害防治"), QT_TRANSLATE_NOOP("Label", "春季"), QT_TRANSLATE_NOOP("Label", "夏季"),
    QT_TRANSLATE_NOOP("Label", "秋季"), QT_TRANSLATE_NOOP("Label", "冬季"), QT_TRANSLATE_NOOP("Label", "人工"),
    QT_TRANSLATE_NOOP("Label", "能耗"), QT_TRANSLATE_NOOP("Label", "维修"), QT_TRANSLATE_NOOP("Label", "保洁"),
    QT_TRANSLATE_NOOP("Label", "绿化"), QT_TRANSLATE_NOOP("Label", "秩序"), QT_TRANSLATE_NOOP("Label", "行政"),
    QT_TRANSLATE_NOOP("Label", "其他"), QT_TRANSLATE_NOOP("Label", "物业费收缴率(%)"),
    QT_TRANSLATE_NOOP("Label", "回访满意度(1-5)"), QT_TRANSLATE_NOOP("Label", "工单及时完成率(%)"),
    QT_TRANSLATE_NOOP("Label", "业主委员会"), QT_TRANSLATE_NOOP("Label", "街道办"), QT_TRANSLATE_NOOP("Label", "政府部门"),
    QT_TRANSLATE_NOOP("Label", "社区居委会"), QT_TRANSLATE_NOOP("Label", "合作单位"),
)


def office_label(code: object) -> str:
    """The translated label of a 环境/经理 code ("lobby" → 大堂 / Lobby); unknown codes as they are."""
    if code is None or code == "":
        return ""
    text = ENVIRONMENT_LABELS.get(str(code)) or MANAGEMENT_LABELS.get(str(code)) or str(code)
    return QCoreApplication.translate("Label", text)


def office_choices(codes) -> list[tuple[str, str]]:
    """(translated label, code) pairs for a combo, e.g. ``office_choices(CleanArea)``."""
    return [(office_label(code), str(code)) for code in codes]
