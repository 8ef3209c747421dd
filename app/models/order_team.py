"""The 秩序 (order/security) team's registers: visitors, vehicles and temporary parking, patrols, the duty
log and handovers, emergency plans and incidents, outages, violations, keys and parcels — and the one
training/assessment register every team shares.

(``app.models.security`` is the users/permissions/audit side; this module is the security *team*.)
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Stamped, Versioned


class Post(StrEnum):
    GATE = "gate"
    MONITOR = "monitor"


class OutageKind(StrEnum):
    WATER = "water_cut"
    POWER = "power_cut"
    GAS = "gas_cut"
    LIFT = "lift_stop"


class PlanKind(StrEnum):
    FIRE = "fire"
    FLOOD = "flood"
    POWER = "power"
    LIFT = "lift_entrapment"
    SECURITY = "public_security"
    DISASTER = "disaster"


class ViolationKind(StrEnum):
    BUILDING = "illegal_building"
    FIRE_LANE = "fire_lane"
    RENOVATION = "renovation"
    PETS = "pets"
    DUMPING = "dumping"


class ViolationStage(StrEnum):
    DISSUADE = "dissuade"
    NOTICE = "notice"
    RECHECK = "recheck"
    REPORT = "report"
    CLOSED = "closed"


ORDER_LABELS: dict[str, str] = {
    Post.GATE: "门岗", Post.MONITOR: "监控中心",
    OutageKind.WATER: "停水", OutageKind.POWER: "停电", OutageKind.GAS: "停气", OutageKind.LIFT: "电梯停运",
    PlanKind.FIRE: "火警火灾", PlanKind.FLOOD: "水浸", PlanKind.POWER: "停电", PlanKind.LIFT: "电梯困人",
    PlanKind.SECURITY: "治安事件", PlanKind.DISASTER: "自然灾害",
    ViolationKind.BUILDING: "违章搭建", ViolationKind.FIRE_LANE: "占用消防通道", ViolationKind.RENOVATION: "违规装修",
    ViolationKind.PETS: "违规饲养宠物", ViolationKind.DUMPING: "乱倒垃圾",
    ViolationStage.DISSUADE: "劝阻", ViolationStage.NOTICE: "书面整改通知", ViolationStage.RECHECK: "复查",
    ViolationStage.REPORT: "上报", ViolationStage.CLOSED: "已结案",
}

class Visitor(Stamped, Base):
    """One visit: in at the gate, out (left_at) later; frequent visitors are found by name/phone."""

    __tablename__ = "visitors"
    __table_args__ = (Index("ix_visitors_entered_at", "entered_at"), Index("ix_visitors_left_at", "left_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    pass_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    id_number: Mapped[str] = mapped_column(String(18), default="")
    phone: Mapped[str] = mapped_column(String(32), default="", index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    place: Mapped[str] = mapped_column(String(64), default="")
    purpose: Mapped[str] = mapped_column(String(64), default="")
    plate: Mapped[str] = mapped_column(String(16), default="")
    companions: Mapped[int] = mapped_column(Integer, default=0)
    entered_at: Mapped[datetime]
    left_at: Mapped[datetime | None]


class VehiclePass(Stamped, Base):
    """A car through the gate: owners' cars (vehicle_id) park free; temporary ones pay on exit (receipt_no)."""

    __tablename__ = "vehicle_passes"
    __table_args__ = (Index("ix_vehicle_passes_entered_at", "entered_at"), Index("ix_vehicle_passes_plate", "plate"))

    id: Mapped[int] = mapped_column(primary_key=True)
    plate: Mapped[str] = mapped_column(String(16))
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicles.id"))
    entered_at: Mapped[datetime]
    left_at: Mapped[datetime | None]
    fee: Mapped[Decimal | None]
    pay_method: Mapped[str] = mapped_column(String(16), default="")
    receipt_no: Mapped[str | None] = mapped_column(String(32), unique=True)
    note: Mapped[str] = mapped_column(Text, default="")


class PatrolRoute(Versioned, Base):
    """A patrol route: ordered checkpoints, walked between start and end (HH:MM) each day."""

    __tablename__ = "patrol_routes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    window_start: Mapped[str] = mapped_column(String(5), default="")
    window_end: Mapped[str] = mapped_column(String(5), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PatrolCheckpoint(Stamped, Base):
    __tablename__ = "patrol_checkpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("patrol_routes.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(64))


class PatrolRound(Stamped, Base):
    """One walk of a route by a guard."""

    __tablename__ = "patrol_rounds"
    __table_args__ = (Index("ix_patrol_rounds_started_at", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("patrol_routes.id"), index=True)
    guard_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    guard_name: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime]
    missed: Mapped[int] = mapped_column(Integer, default=0)
    anomalies: Mapped[int] = mapped_column(Integer, default=0)


class PatrolVisit(Stamped, Base):
    """A checkpoint of a round: reached or missed, with an anomaly note and the work order it opened."""

    __tablename__ = "patrol_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("patrol_rounds.id"), index=True)
    checkpoint_id: Mapped[int] = mapped_column(ForeignKey("patrol_checkpoints.id"))
    reached: Mapped[bool] = mapped_column(Boolean, default=True)
    anomaly: Mapped[str] = mapped_column(Text, default="")
    workorder_id: Mapped[int | None] = mapped_column(ForeignKey("workorders.id"))


class DutyEntry(Stamped, Base):
    """A line of the duty log of a post (门岗 / 监控中心)."""

    __tablename__ = "duty_entries"
    __table_args__ = (Index("ix_duty_entries_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    author: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)


class Handover(Stamped, Base):
    """交接班: the open matters one shift hands to the next, acknowledged by the next shift's operator."""

    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    post: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    from_user_id: Mapped[int | None] = mapped_column(Integer)
    from_name: Mapped[str] = mapped_column(String(64))
    matters: Mapped[str] = mapped_column(Text)
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[str] = mapped_column(String(64), default="")


class EmergencyPlan(Versioned, Base):
    """应急预案: steps (one per line), roles and the call tree."""

    __tablename__ = "emergency_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(64), unique=True)
    steps: Mapped[str] = mapped_column(Text, default="")
    roles: Mapped[str] = mapped_column(Text, default="")
    call_tree: Mapped[str] = mapped_column(Text, default="")


class Incident(Stamped, Base):
    """An incident (or drill) handled by a plan: time-stamped steps, people, outcome, follow-up."""

    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_started_at", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("emergency_plans.id"))
    kind: Mapped[str] = mapped_column(String(24))
    drill: Mapped[bool] = mapped_column(Boolean, default=False)
    place: Mapped[str] = mapped_column(String(128), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    people: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    escalated_at: Mapped[datetime | None]


class IncidentStep(Stamped, Base):
    __tablename__ = "incident_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    at: Mapped[datetime]
    by: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)


class Outage(Stamped, Base):
    """A planned or known outage; ``buildings`` holds building ids ",3,5," (empty: the whole property)."""

    __tablename__ = "outages"
    __table_args__ = (Index("ix_outages_ends_at", "ends_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    buildings: Mapped[str] = mapped_column(String(255), default="")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    notice: Mapped[str] = mapped_column(Text, default="")
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)


class Violation(Stamped, Base):
    """违章 case for a unit or a place, moved through staged actions to 上报 or 已结案."""

    __tablename__ = "violations"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    place: Mapped[str] = mapped_column(String(128), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(16), default=ViolationStage.DISSUADE, index=True)
    deadline: Mapped[date | None]
    photos: Mapped[str] = mapped_column(Text, default="")
    opened_at: Mapped[datetime]


class ViolationAction(Stamped, Base):
    __tablename__ = "violation_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    violation_id: Mapped[int] = mapped_column(ForeignKey("violations.id"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


class KeyLoan(Stamped, Base):
    """A key (an owner's, or a common room's) lent and returned, each with the signer's name."""

    __tablename__ = "key_loans"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_name: Mapped[str] = mapped_column(String(64))
    borrower: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(32), default="")
    lent_at: Mapped[datetime]
    returned_at: Mapped[datetime | None]
    returned_by: Mapped[str] = mapped_column(String(64), default="")


class Parcel(Stamped, Base):
    __tablename__ = "parcels"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(64))
    carrier: Mapped[str] = mapped_column(String(32), default="")
    tracking_no: Mapped[str] = mapped_column(String(64), default="")
    received_at: Mapped[datetime]
    notified_at: Mapped[datetime | None]
    picked_up_at: Mapped[datetime | None]
    picked_up_by: Mapped[str] = mapped_column(String(64), default="")


class TrainingRecord(Stamped, Base):
    """A training or assessment session of a team (every team shares this register)."""

    __tablename__ = "training_records"
    __table_args__ = (Index("ix_training_records_team", "team", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team: Mapped[str] = mapped_column(String(16))
    held_on: Mapped[date]
    topic: Mapped[str] = mapped_column(String(128))
    trainer: Mapped[str] = mapped_column(String(64), default="")


class TrainingAttendee(Stamped, Base):
    __tablename__ = "training_attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("training_records.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    score: Mapped[Decimal | None]
