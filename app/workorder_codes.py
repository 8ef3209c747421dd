"""Work-order codes, their labels and the rules of the list that need no database: plain Python (no
SQLAlchemy), shared by the models, the service and the command line's standard-library answer to
``propdesk workorder list`` (app/commands/workorder_quick.py)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from enum import StrEnum

from app.roles import TEAM_LABELS


class Kind(StrEnum):
    REPAIR = "repair"
    COMPLAINT = "complaint"
    SUGGESTION = "suggestion"
    INQUIRY = "inquiry"


class Source(StrEnum):
    WALK_IN = "walk_in"
    PHONE = "phone"
    WECHAT = "wechat"
    PATROL = "patrol"


class Location(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"


class Category(StrEnum):
    WATER = "water"
    POWER = "power"
    LIGHTING = "lighting"
    ELEVATOR = "elevator"
    FIRE = "fire"
    ACCESS = "access"
    STRUCTURE = "structure"
    CLEANING = "cleaning"
    GREENING = "greening"
    ORDER = "order"
    OTHER = "other"


class Priority(StrEnum):
    URGENT = "urgent"
    HIGH = "high"
    NORMAL = "normal"


class State(StrEnum):
    RECEIVED = "received"
    DISPATCHED = "dispatched"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    ESCALATED = "escalated"
    COMPLETED = "completed"
    VISITED = "visited"
    ARCHIVED = "archived"
    CANCELLED = "cancelled"


class Action(StrEnum):
    INTAKE = "intake"
    DISPATCH = "dispatch"
    REDISPATCH = "redispatch"
    CHASE = "chase"
    START = "start"
    HOLD = "hold"
    RESUME = "resume"
    COMPLETE = "complete"
    VISIT = "visit"
    ARCHIVE = "archive"
    CANCEL = "cancel"
    ESCALATE = "escalate"
    TAKE = "take"
    DESK_CLOSE = "desk_close"
    VISIT_FAILED = "visit_failed"
    REWORK = "rework"
    CORRECT = "correct"
    AUTO_ESCALATE = "auto_escalate"


# Chinese source labels of every code above (the UI translates them).
WORKORDER_LABELS: dict[str, str] = {
    Kind.REPAIR: "报修", Kind.COMPLAINT: "投诉", Kind.SUGGESTION: "建议", Kind.INQUIRY: "咨询",
    Source.WALK_IN: "来访", Source.PHONE: "电话", Source.WECHAT: "微信", Source.PATROL: "巡查发现",
    Location.PUBLIC: "公共部位", Location.PRIVATE: "自用部位",
    Category.WATER: "给排水", Category.POWER: "供电", Category.LIGHTING: "照明", Category.ELEVATOR: "电梯",
    Category.FIRE: "消防", Category.ACCESS: "门禁监控", Category.STRUCTURE: "房屋本体", Category.CLEANING: "保洁",
    Category.GREENING: "绿化", Category.ORDER: "秩序", Category.OTHER: "其他",
    Priority.URGENT: "紧急", Priority.HIGH: "较急", Priority.NORMAL: "一般",
    State.RECEIVED: "受理", State.DISPATCHED: "已派单", State.IN_PROGRESS: "处理中", State.ON_HOLD: "挂起",
    State.ESCALATED: "经理处理", State.COMPLETED: "已完成", State.VISITED: "已回访", State.ARCHIVED: "已归档",
    State.CANCELLED: "已取消",
    Action.INTAKE: "登记", Action.DISPATCH: "派单", Action.REDISPATCH: "改派", Action.CHASE: "催办",
    Action.START: "开始处理", Action.HOLD: "挂起", Action.RESUME: "恢复处理", Action.COMPLETE: "完成",
    Action.VISIT: "回访", Action.ARCHIVE: "归档", Action.CANCEL: "取消", Action.ESCALATE: "升级至经理",
    Action.TAKE: "接单", Action.DESK_CLOSE: "前台办结", Action.VISIT_FAILED: "回访未联系上",
    Action.REWORK: "返工", Action.CORRECT: "更正", Action.AUTO_ESCALATE: "超时升级",
}


def label(code: str | None) -> str:
    """Chinese label of a work-order code (kind, state, category, …) or a team code."""
    if not code:
        return ""
    return WORKORDER_LABELS.get(code) or TEAM_LABELS.get(code) or code


NUMBER_PREFIX = "GD"
OPEN_STATES: tuple[str, ...] = (State.RECEIVED, State.DISPATCHED, State.IN_PROGRESS, State.ON_HOLD, State.ESCALATED)
NOT_STARTED = (State.RECEIVED, State.DISPATCHED)
NEAR_DEADLINE = timedelta(hours=2)  # completion due within this: the row stands out
NEAR_RESPONSE = timedelta(minutes=10)
# The right to see the work-order list: any of these (else the refusal names "workorder.handle").
VIEW_PERMISSIONS = ("workorder.create", "workorder.handle", "workorder.manage")


def deadline_status(state: str, started_at: datetime | None, respond_by: datetime, due_at: datetime,
                    now: datetime) -> str:
    """"overdue" (late to respond or to complete), "near" (completion due within two hours or
    response within ten minutes) or "". On hold the clocks stand still: never late."""
    if state not in OPEN_STATES or state == State.ON_HOLD:
        return ""
    if now > due_at or (started_at is None and state in NOT_STARTED and now > respond_by):
        return "overdue"
    if due_at - now <= NEAR_DEADLINE or (started_at is None and state in NOT_STARTED
                                         and respond_by - now <= NEAR_RESPONSE):
        return "near"
    return ""


# The search: the columns it looks in (in this order, joined by spaces as the trigram indexes hold them)
SEARCHED_COLUMNS = ("number", "contact_name", "contact_phone", "place", "description", "unit_text")
DENSE_MATCHES = 5_000  # more trigram matches than this (0.5% of 1M): test rows along the sort index
ROOM_CODE = re.compile(r"[0-9a-z]+-[0-9a-z]*(-[0-9a-z]*)?")  # normalise_query's room form, maybe unfinished
ORDER_NUMBER = re.compile(NUMBER_PREFIX.lower() + r"[0-9]+")
