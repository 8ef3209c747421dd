"""工程: the equipment ledger (设施设备台账), preventive maintenance, repair plans (大中修), takeover
inspection (承接查验) and outsourced maintenance vendors (外包维保)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Stamped, Versioned


class EquipmentSystem(StrEnum):
    STRUCTURE = "structure"
    LIGHTING = "lighting"
    WATER = "water"
    POWER = "power"
    FIRE = "fire"
    ELEVATOR = "elevator"
    HVAC = "hvac"
    LOW_VOLTAGE = "low_voltage"


class EquipmentStatus(StrEnum):
    IN_USE = "in_use"
    FAULTY = "faulty"
    STOPPED = "stopped"
    SCRAPPED = "scrapped"


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    DAYS = "days"  # every N days


class TaskState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"


class RepairScale(StrEnum):
    MAJOR = "major"
    MEDIUM = "medium"


class RepairState(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    ACCEPTED = "accepted"
    CANCELLED = "cancelled"


class TakeoverArea(StrEnum):  # codes distinct from EquipmentSystem's: they share one label table
    STRUCTURE = "main_structure"
    FINISHES = "finishes"
    WATER = "plumbing"
    POWER = "electrical"
    FIRE = "fire_safety"
    LIFT = "lift"
    OTHER = "other_area"


class DefectState(StrEnum):
    OPEN = "open"
    FAILED = "failed"  # re-inspected, not yet right
    SIGNED_OFF = "signed_off"


class LogKind(StrEnum):
    PART = "part"
    REPAIR = "repair"
    INSPECTION = "inspection"
    NOTE = "note"


ENGINEERING_LABELS: dict[str, str] = {
    EquipmentSystem.STRUCTURE: "房屋本体", EquipmentSystem.LIGHTING: "照明", EquipmentSystem.WATER: "给排水",
    EquipmentSystem.POWER: "供配电", EquipmentSystem.FIRE: "消防", EquipmentSystem.ELEVATOR: "电梯",
    EquipmentSystem.HVAC: "暖通空调", EquipmentSystem.LOW_VOLTAGE: "弱电(监控/门禁)",
    EquipmentStatus.IN_USE: "在用", EquipmentStatus.FAULTY: "故障", EquipmentStatus.STOPPED: "停用",
    EquipmentStatus.SCRAPPED: "报废",
    Frequency.DAILY: "每天", Frequency.WEEKLY: "每周", Frequency.MONTHLY: "每月", Frequency.QUARTERLY: "每季度",
    Frequency.YEARLY: "每年", Frequency.DAYS: "每N天",
    TaskState.PENDING: "待执行", TaskState.DONE: "已完成", TaskState.SKIPPED: "已跳过",
    RepairScale.MAJOR: "大修", RepairScale.MEDIUM: "中修",
    RepairState.DRAFT: "待审批", RepairState.APPROVED: "已批准", RepairState.ACCEPTED: "已验收",
    RepairState.CANCELLED: "已取消",
    TakeoverArea.STRUCTURE: "主体结构", TakeoverArea.FINISHES: "装饰装修", TakeoverArea.WATER: "给排水",
    TakeoverArea.POWER: "电气", TakeoverArea.FIRE: "消防", TakeoverArea.LIFT: "电梯", TakeoverArea.OTHER: "其他",
    DefectState.OPEN: "待整改", DefectState.FAILED: "复验未通过", DefectState.SIGNED_OFF: "已销项",
    LogKind.PART: "更换部件", LogKind.REPAIR: "维修", LogKind.INSPECTION: "检查", LogKind.NOTE: "备注",
    # the other kinds of an item's history line
    "pm": "维保", "workorder": "维修工单", "vendor": "外包维保",
}


class Vendor(Versioned, Base):
    """An outsourced maintenance company (电梯、消防、二次供水…) and its current contract."""

    __tablename__ = "vendors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    system: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(128), default="")
    contact: Mapped[str] = mapped_column(String(64), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    contract_no: Mapped[str] = mapped_column(String(32), default="")
    contract_start: Mapped[date | None]
    contract_end: Mapped[date | None] = mapped_column(index=True)
    contract_amount: Mapped[Decimal | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class Equipment(Versioned, Base):
    """One item of the 设施设备台账."""

    __tablename__ = "equipment"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    system: Mapped[str] = mapped_column(String(16), index=True)
    location: Mapped[str] = mapped_column(String(128), default="")
    model: Mapped[str] = mapped_column(String(64), default="")
    maker: Mapped[str] = mapped_column(String(64), default="")
    installed_on: Mapped[date | None]
    warranty_until: Mapped[date | None]
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=EquipmentStatus.IN_USE)
    notes: Mapped[str] = mapped_column(Text, default="")


class EquipmentLog(Stamped, Base):
    """A hand-written line of an item's history: a part replaced, a repair by others, a check, a note."""

    __tablename__ = "equipment_logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    equipment_id: Mapped[int] = mapped_column(ForeignKey("equipment.id"), index=True)
    logged_on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(String(200))
    cost: Mapped[Decimal | None]


class PmPlan(Versioned, Base):
    """A preventive-maintenance plan for one item or a whole system, with its checklist (one point a line)."""

    __tablename__ = "pm_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    equipment_id: Mapped[int | None] = mapped_column(ForeignKey("equipment.id"), index=True)
    system: Mapped[str] = mapped_column(String(16))
    frequency: Mapped[str] = mapped_column(String(16))
    interval_days: Mapped[int | None] = mapped_column(Integer)
    checklist: Mapped[str] = mapped_column(Text, default="")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    start_on: Mapped[date]
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PmTask(Versioned, Base):
    """One due occurrence of a plan; recorded with a result per checklist point."""

    __tablename__ = "pm_tasks"
    __table_args__ = (UniqueConstraint("plan_id", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("pm_plans.id"), index=True)
    equipment_id: Mapped[int | None] = mapped_column(ForeignKey("equipment.id"), index=True)
    due_on: Mapped[date] = mapped_column(index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    state: Mapped[str] = mapped_column(String(16), default=TaskState.PENDING)
    done_at: Mapped[datetime | None]
    done_by: Mapped[str] = mapped_column(String(64), default="")
    anomalies: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")


class PmTaskPoint(Base):
    """The result of one checklist point of a recorded task."""

    __tablename__ = "pm_task_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("pm_tasks.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    point: Mapped[str] = mapped_column(String(200))
    ok: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(200), default="")
    photo_path: Mapped[str] = mapped_column(String(255), default="")


class RepairPlan(Versioned, Base):
    """A planned major/medium repair (大中修): budget, schedule, approval, actual cost and acceptance."""

    __tablename__ = "repair_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(128))
    scale: Mapped[str] = mapped_column(String(16))
    system: Mapped[str] = mapped_column(String(16))
    equipment_id: Mapped[int | None] = mapped_column(ForeignKey("equipment.id"), index=True)
    budget: Mapped[Decimal]
    planned_start: Mapped[date | None]
    planned_end: Mapped[date | None]
    state: Mapped[str] = mapped_column(String(16), default=RepairState.DRAFT)
    approved_by: Mapped[str] = mapped_column(String(64), default="")
    approved_at: Mapped[datetime | None]
    actual_cost: Mapped[Decimal | None]
    accepted_on: Mapped[date | None]
    acceptance_note: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class TakeoverInspection(Versioned, Base):
    """承接查验 of a building (or one unit of it) handed over by the developer."""

    __tablename__ = "takeover_inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("buildings.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    inspected_on: Mapped[date]
    developer: Mapped[str] = mapped_column(String(64), default="")
    inspector: Mapped[str] = mapped_column(String(64), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class TakeoverCheck(Base):
    """One point of an inspection's checklist (by area): not checked yet (None), ok, or defective."""

    __tablename__ = "takeover_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("takeover_inspections.id"), index=True)
    area: Mapped[str] = mapped_column(String(16))
    point: Mapped[str] = mapped_column(String(128))
    ok: Mapped[bool | None] = mapped_column(Boolean)


class TakeoverDefect(Versioned, Base):
    """A defect found at takeover, re-inspected until signed off (销项)."""

    __tablename__ = "takeover_defects"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("takeover_inspections.id"), index=True)
    area: Mapped[str] = mapped_column(String(16))
    location: Mapped[str] = mapped_column(String(128))
    description: Mapped[str] = mapped_column(String(500))
    photo_path: Mapped[str] = mapped_column(String(255), default="")
    responsible: Mapped[str] = mapped_column(String(64), default="")
    deadline: Mapped[date | None]
    state: Mapped[str] = mapped_column(String(16), default=DefectState.OPEN)
    reinspections: Mapped[int] = mapped_column(Integer, default=0)
    last_reinspected_on: Mapped[date | None]
    reinspection_note: Mapped[str] = mapped_column(String(500), default="")
    signed_off_on: Mapped[date | None]


class VendorVisit(Versioned, Base):
    """A vendor's maintenance visit, accepted (验收) by the office with a rating 1–5."""

    __tablename__ = "vendor_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    equipment_id: Mapped[int | None] = mapped_column(ForeignKey("equipment.id"), index=True)
    visited_on: Mapped[date] = mapped_column(index=True)
    technician: Mapped[str] = mapped_column(String(64), default="")
    work: Mapped[str] = mapped_column(String(500))
    accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    accepted_by: Mapped[str] = mapped_column(String(64), default="")
    accepted_on: Mapped[date | None]
    rating: Mapped[int | None] = mapped_column(Integer)
    acceptance_note: Mapped[str] = mapped_column(String(500), default="")
