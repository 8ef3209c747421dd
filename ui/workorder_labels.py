"""Translated labels of work-order codes (kind, source, category, priority, state, action).

``app.models.WORKORDER_LABELS`` keeps the Chinese texts for the CLI and PDFs; this module marks the same
texts for ``pyside6-lupdate`` and translates them in context ``"Label"`` (as ``ui.labels`` does).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.models import TEAM_LABELS, WORKORDER_LABELS, Category, Kind, Location, Priority, Source, State

LABEL_CONTEXT = "Label"

# Every text of WORKORDER_LABELS, so lupdate finds them (tests check none is missing).
_MARKED = (
    QT_TRANSLATE_NOOP("Label", "报修"), QT_TRANSLATE_NOOP("Label", "投诉"), QT_TRANSLATE_NOOP("Label", "建议"),
    QT_TRANSLATE_NOOP("Label", "咨询"), QT_TRANSLATE_NOOP("Label", "来访"), QT_TRANSLATE_NOOP("Label", "电话"),
    QT_TRANSLATE_NOOP("Label", "微信"), QT_TRANSLATE_NOOP("Label", "巡查发现"),
    QT_TRANSLATE_NOOP("Label", "公共部位"), QT_TRANSLATE_NOOP("Label", "自用部位"),
    QT_TRANSLATE_NOOP("Label", "给排水"), QT_TRANSLATE_NOOP("Label", "供电"), QT_TRANSLATE_NOOP("Label", "照明"),
    QT_TRANSLATE_NOOP("Label", "电梯"), QT_TRANSLATE_NOOP("Label", "消防"), QT_TRANSLATE_NOOP("Label", "门禁监控"),
    QT_TRANSLATE_NOOP("Label", "房屋本体"), QT_TRANSLATE_NOOP("Label", "保洁"), QT_TRANSLATE_NOOP("Label", "绿化"),
    QT_TRANSLATE_NOOP("Label", "秩序"), QT_TRANSLATE_NOOP("Label", "其他"), QT_TRANSLATE_NOOP("Label", "紧急"),
    QT_TRANSLATE_NOOP("Label", "较急"), QT_TRANSLATE_NOOP("Label", "一般"), QT_TRANSLATE_NOOP("Label", "受理"),
    QT_TRANSLATE_NOOP("Label", "已派单"), QT_TRANSLATE_NOOP("Label", "处理中"), QT_TRANSLATE_NOOP("Label", "挂起"),
    QT_TRANSLATE_NOOP("Label", "经理处理"), QT_TRANSLATE_NOOP("Label", "已完成"),
    QT_TRANSLATE_NOOP("Label", "已回访"), QT_TRANSLATE_NOOP("Label", "已归档"), QT_TRANSLATE_NOOP("Label", "已取消"),
    QT_TRANSLATE_NOOP("Label", "登记"), QT_TRANSLATE_NOOP("Label", "派单"), QT_TRANSLATE_NOOP("Label", "改派"),
    QT_TRANSLATE_NOOP("Label", "催办"), QT_TRANSLATE_NOOP("Label", "开始处理"),
    QT_TRANSLATE_NOOP("Label", "恢复处理"), QT_TRANSLATE_NOOP("Label", "完成"), QT_TRANSLATE_NOOP("Label", "回访"),
    QT_TRANSLATE_NOOP("Label", "归档"), QT_TRANSLATE_NOOP("Label", "取消"), QT_TRANSLATE_NOOP("Label", "升级至经理"),
    QT_TRANSLATE_NOOP("Label", "接单"), QT_TRANSLATE_NOOP("Label", "前台办结"),
    QT_TRANSLATE_NOOP("Label", "回访未联系上"), QT_TRANSLATE_NOOP("Label", "返工"), QT_TRANSLATE_NOOP("Label", "更正"),
    QT_TRANSLATE_NOOP("Label", "超时升级"),
)


def wo_label(code: object) -> str:
    """The translated label of a work-order code ("in_progress" → 处理中) or a team code."""
    if code is None or code == "":
        return ""
    text = WORKORDER_LABELS.get(str(code)) or TEAM_LABELS.get(str(code)) or str(code)
    return QCoreApplication.translate(LABEL_CONTEXT, text)


def wo_choices(codes) -> list[tuple[str, str]]:
    """(translated label, code) pairs for a combo box, e.g. ``wo_choices(Kind)``."""
    return [(wo_label(code), str(code)) for code in codes]


KINDS, SOURCES, CATEGORIES, PRIORITIES, LOCATIONS, STATES = Kind, Source, Category, Priority, Location, State
