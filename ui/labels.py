"""Translated labels of stored codes (unit status, use, relation, team, role).

``app/`` keeps the Chinese labels (``app.models.LABELS``, ``TEAM_LABELS``, ``ROLE_LABELS``) because the
CLI and PDFs need them without Qt; this module marks the same texts for ``pyside6-lupdate`` and
translates them in context ``"Label"``. Use :func:`code_label` as a ``Column.formatter`` or for combos.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.models import LABELS, ROLE_LABELS, TEAM_LABELS

LABEL_CONTEXT = "Label"

# Every text of LABELS/TEAM_LABELS/ROLE_LABELS, so lupdate finds them (tests check none is missing).
_MARKED = (
    QT_TRANSLATE_NOOP("Label", "已入住"), QT_TRANSLATE_NOOP("Label", "空置"), QT_TRANSLATE_NOOP("Label", "装修中"),
    QT_TRANSLATE_NOOP("Label", "住宅"), QT_TRANSLATE_NOOP("Label", "商铺"), QT_TRANSLATE_NOOP("Label", "办公"),
    QT_TRANSLATE_NOOP("Label", "储藏室"), QT_TRANSLATE_NOOP("Label", "业主"), QT_TRANSLATE_NOOP("Label", "租户"),
    QT_TRANSLATE_NOOP("Label", "家庭成员"), QT_TRANSLATE_NOOP("Label", "产权车位"),
    QT_TRANSLATE_NOOP("Label", "租赁车位"), QT_TRANSLATE_NOOP("Label", "公共车位"),
    QT_TRANSLATE_NOOP("Label", "经理"), QT_TRANSLATE_NOOP("Label", "客服"), QT_TRANSLATE_NOOP("Label", "工程"),
    QT_TRANSLATE_NOOP("Label", "秩序"), QT_TRANSLATE_NOOP("Label", "环境"),
    QT_TRANSLATE_NOOP("Label", "系统管理员"),
)


def code_label(code: object) -> str:
    """The translated label of a stored code ("occupied" → 已入住 / Occupied); unknown codes as they are."""
    if code is None:
        return ""
    text = LABELS.get(str(code)) or TEAM_LABELS.get(str(code)) or ROLE_LABELS.get(str(code)) or str(code)
    return QCoreApplication.translate(LABEL_CONTEXT, text)


def team_label(team: str) -> str:
    return QCoreApplication.translate(LABEL_CONTEXT, TEAM_LABELS.get(team, team))


def role_label(role: str) -> str:
    return QCoreApplication.translate(LABEL_CONTEXT, ROLE_LABELS.get(role, role))


def choices(codes) -> list[tuple[str, str]]:
    """(translated label, code) pairs for a combo box, e.g. ``choices(UnitStatus)``."""
    return [(code_label(code), str(code)) for code in codes]
