"""Work orders (工单): the order itself, its history of moves, materials used, and deadline rules."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, validates

from app.models.base import Base, Stamped, Versioned
from app.models.people import Team
from app.workorder_codes import (  # noqa: F401 - exported here too (app.models)
    WORKORDER_LABELS,
    Action,
    Category,
    Kind,
    Location,
    Priority,
    Source,
    State,
)

# Which team a category goes to; the assignee's team wins when someone of another team is chosen.
CATEGORY_TEAMS: dict[str, str] = {
    Category.WATER: Team.ENGINEERING, Category.POWER: Team.ENGINEERING, Category.LIGHTING: Team.ENGINEERING,
    Category.ELEVATOR: Team.ENGINEERING, Category.FIRE: Team.ENGINEERING, Category.ACCESS: Team.ENGINEERING,
    Category.STRUCTURE: Team.ENGINEERING, Category.CLEANING: Team.ENVIRONMENT,
    Category.GREENING: Team.ENVIRONMENT, Category.ORDER: Team.SECURITY, Category.OTHER: Team.SERVICE,
}


# The list sorts states and priorities in this order (not by their codes): a small integer rank stored on
# each order, indexed, instead of a CASE in ORDER BY (a temporary B-tree of every row per block).
STATE_RANK: dict[str, int] = {state: rank for rank, state in enumerate(State)}
PRIORITY_RANK: dict[str, int] = {priority: rank for rank, priority in enumerate(Priority)}


def _rank_default(column: str, ranks: dict[str, int], missing: str):
    """Insert default of a rank column: the rank of the row's code (Core executemany inserts too)."""
    def default(context) -> int:
        return ranks.get(context.get_current_parameters().get(column) or missing, len(ranks))
    return default


def unit_sort_key(building_id: int, unit_no: str, room_no: str) -> str:
    """The archive's room order as one indexable string: building, 单元, then rooms by length and text
    ("901" before "1001"); a space sorts below every digit and letter, so "1" comes before "10"."""
    return f"{building_id:08d} {unit_no} {len(room_no):03d} {room_no}"


class WorkOrder(Versioned, Base):
    __tablename__ = "workorders"
    __table_args__ = (
        Index("ix_workorders_state_due", "state", "due_at"),
        Index("ix_workorders_team_state", "team", "state"),
        # the dashboard's month figures and rates read these alone, never the orders' rows (issue 18)
        Index("ix_workorders_kind_reported", "kind", "reported_at"),  # complaints of a month counted (0024)
        Index("ix_workorders_visited_score", "visited_at", "satisfaction"),
        Index("ix_workorders_completed_due", "completed_at", "due_at", "team"),
        Index("ix_workorders_state_escalation", "state", "escalation_level"),  # 待经理处理: an OR of two seeks
        # open and overdue orders by team: the overdue test's columns, so the open orders' rows stay unread
        Index("ix_workorders_open_team", "state", "team", "due_at", "respond_by", "started_at"),
        # One index per sortable column of the list, the id last (keyset paging, app/paging.py).
        Index("ix_workorders_reported_id", "reported_at", "id"),
        Index("ix_workorders_due_id", "due_at", "id"),
        Index("ix_workorders_state_rank_id", "state_rank", "id"),
        Index("ix_workorders_priority_rank_id", "priority_rank", "id"),
        Index("ix_workorders_kind_id", "kind", "id"),
        Index("ix_workorders_category_id", "category", "id"),
        Index("ix_workorders_team_id", "team", "id"),
        Index("ix_workorders_unit_sort_id", "unit_sort", "id"),
        # Searches by the start of a name (1–2 characters) or of a room code.
        Index("ix_workorders_contact_name", "contact_name", "reported_at", "id"),
        Index("ix_workorders_unit_text", "unit_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))
    location: Mapped[str] = mapped_column(String(16), default=Location.PUBLIC)
    category: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(16), default=Priority.NORMAL)
    team: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default=State.RECEIVED)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))
    contact_name: Mapped[str] = mapped_column(String(64), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    place: Mapped[str] = mapped_column(String(128), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    reported_at: Mapped[datetime]
    respond_by: Mapped[datetime]
    due_at: Mapped[datetime]
    dispatched_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    visited_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]  # archived or cancelled
    work_notes: Mapped[str] = mapped_column(Text, default="")
    labour_fee: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    material_fee: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    visit_comment: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    chase_count: Mapped[int] = mapped_column(Integer, default=0)
    # The deadline clocks: they run on the service calendar from ``clock_start`` (the report, or the
    # reopening for rework); ``paused_minutes`` of calendar time on hold are added back.
    clock_start: Mapped[datetime | None]
    paused_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    held_at: Mapped[datetime | None]
    hold_until: Mapped[date | None]
    visit_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_visit_at: Mapped[datetime | None]
    rework_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    escalation_level: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # 1 主管, 2 经理
    escalated_at: Mapped[datetime | None]
    repeat_of_id: Mapped[int | None] = mapped_column(ForeignKey("workorders.id"), index=True)
    # Kept by the model (and by the insert defaults for Core inserts): sort keys of the list.
    state_rank: Mapped[int] = mapped_column(SmallInteger, default=_rank_default("state", STATE_RANK, State.RECEIVED),
                                            server_default="0")
    priority_rank: Mapped[int] = mapped_column(
        SmallInteger, default=_rank_default("priority", PRIORITY_RANK, Priority.NORMAL), server_default="0")
    # The unit's room code (3-1-1502, shown and searched) and its sort key, copied from the unit so neither
    # the list nor its search joins units; kept by app/services/workorder_keys.py when a unit changes.
    unit_text: Mapped[str] = mapped_column(String(40), default="", server_default="")
    unit_sort: Mapped[str] = mapped_column(String(48), default="", server_default="")

    @validates("state")
    def _keep_state_rank(self, _key: str, value: str) -> str:
        self.state_rank = STATE_RANK.get(value, len(STATE_RANK))
        return value

    @validates("priority")
    def _keep_priority_rank(self, _key: str, value: str) -> str:
        self.priority_rank = PRIORITY_RANK.get(value, len(PRIORITY_RANK))
        return value


class WorkOrderEvent(Base):
    """One move of an order: who, when, from → to, and the note. Append-only."""

    __tablename__ = "workorder_events"
    __table_args__ = (Index("ix_workorder_events_action_at", "action", "at", "workorder_id"),)  # dashboard rates

    id: Mapped[int] = mapped_column(primary_key=True)
    workorder_id: Mapped[int] = mapped_column(ForeignKey("workorders.id"), index=True)
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(16))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class WorkOrderMaterial(Base):
    """A material used on completion; ``amount`` = quantity × price, rounded once."""

    __tablename__ = "workorder_materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    workorder_id: Mapped[int] = mapped_column(ForeignKey("workorders.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    unit: Mapped[str] = mapped_column(String(8), default="")
    quantity: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    price: Mapped[Decimal]
    amount: Mapped[Decimal]


class WorkOrderDeadline(Base):
    """A deadline rule: category ("" = any category) × priority → minutes to respond and to complete."""

    __tablename__ = "workorder_deadlines"
    __table_args__ = (UniqueConstraint("category", "priority"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(16), default="")
    priority: Mapped[str] = mapped_column(String(16))
    response_minutes: Mapped[int] = mapped_column(Integer)
    complete_minutes: Mapped[int] = mapped_column(Integer)


class ServiceHours(Stamped, Base):
    """A team's working hours on the service calendar; a team without a row uses the default hours."""

    __tablename__ = "service_hours"

    team: Mapped[str] = mapped_column(String(16), primary_key=True)
    all_day: Mapped[bool] = mapped_column(Boolean, default=False)  # 24-hour team (秩序)
    start_minute: Mapped[int] = mapped_column(Integer, default=8 * 60)  # minutes after midnight
    end_minute: Mapped[int] = mapped_column(Integer, default=18 * 60)
    weekdays: Mapped[str] = mapped_column(String(7), default="1234567")  # ISO weekdays worked


class ServiceHoliday(Stamped, Base):
    """A day off for every team that is not on 24 hours, or (``workday``) a weekend day worked (调休)."""

    __tablename__ = "service_holidays"

    day: Mapped[date] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), default="")
    workday: Mapped[bool] = mapped_column(Boolean, default=False)
