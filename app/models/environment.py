"""环境: cleaning plans and their daily tasks, quality inspections with scoring sheets, garbage sorting
records and greening tasks."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Stamped, Versioned


class CleanArea(StrEnum):
    LOBBY = "lobby"
    CORRIDOR = "corridor"
    ELEVATOR_CAR = "elevator_car"
    TOILET = "toilet"
    ROAD = "road"
    GREEN_BELT = "green_belt"
    GARBAGE_STATION = "garbage_station"
    PLANT_ROOM = "plant_room"


class CleaningFrequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class GarbageKind(StrEnum):
    RECYCLABLE = "recyclable"
    HAZARDOUS = "hazardous"
    KITCHEN = "kitchen"
    OTHER = "other_waste"


class GreeningKind(StrEnum):
    WATERING = "watering"
    FERTILISING = "fertilising"
    PRUNING = "pruning"
    PEST_CONTROL = "pest_control"


class Season(StrEnum):
    SPRING = "spring"
    SUMMER = "summer"
    AUTUMN = "autumn"
    WINTER = "winter"


ENVIRONMENT_LABELS: dict[str, str] = {
    CleanArea.LOBBY: "大堂", CleanArea.CORRIDOR: "楼道", CleanArea.ELEVATOR_CAR: "电梯轿厢",
    CleanArea.TOILET: "公共卫生间", CleanArea.ROAD: "道路", CleanArea.GREEN_BELT: "绿化带",
    CleanArea.GARBAGE_STATION: "垃圾站", CleanArea.PLANT_ROOM: "设备房",
    CleaningFrequency.DAILY: "每日", CleaningFrequency.WEEKLY: "每周", CleaningFrequency.MONTHLY: "每月",
    GarbageKind.RECYCLABLE: "可回收物", GarbageKind.HAZARDOUS: "有害垃圾", GarbageKind.KITCHEN: "厨余垃圾",
    GarbageKind.OTHER: "其他垃圾",
    GreeningKind.WATERING: "浇水", GreeningKind.FERTILISING: "施肥", GreeningKind.PRUNING: "修剪",
    GreeningKind.PEST_CONTROL: "病虫害防治",
    Season.SPRING: "春季", Season.SUMMER: "夏季", Season.AUTUMN: "秋季", Season.WINTER: "冬季",
}


class CleaningPlan(Versioned, Base):
    """What is cleaned where, how often, and by whom: own staff (staff_id) or an outsourced company."""

    __tablename__ = "cleaning_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    area: Mapped[str] = mapped_column(String(20), index=True)
    place: Mapped[str] = mapped_column(String(64), default="")
    frequency: Mapped[str] = mapped_column(String(12), default=CleaningFrequency.DAILY)
    weekday: Mapped[int] = mapped_column(default=0)  # weekly: 0=Monday…; monthly: day of month (1–28)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    company: Mapped[str] = mapped_column(String(64), default="")  # outsourced cleaner; "" = own staff
    duties: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CleaningTask(Stamped, Base):
    """One day's task of a plan; generated idempotently, then marked done."""

    __tablename__ = "cleaning_tasks"
    __table_args__ = (UniqueConstraint("plan_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("cleaning_plans.id"))
    day: Mapped[date] = mapped_column(index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[datetime | None]
    note: Mapped[str] = mapped_column(String(200), default="")


class ScoreItem(Stamped, Base):
    """A line of an area's scoring sheet (评分表); an area's weights add up to 100."""

    __tablename__ = "cleaning_score_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    area: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(64))
    weight: Mapped[int] = mapped_column(default=10)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Inspection(Stamped, Base):
    """A quality inspection of one area: score 0–100 from the sheet; a failure may be re-inspected
    (``reinspection_of``) and may open a work order (linked through ``workorder_links``)."""

    __tablename__ = "cleaning_inspections"
    __table_args__ = (Index("ix_cleaning_inspections_day_area", "day", "area"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    area: Mapped[str] = mapped_column(String(20))
    place: Mapped[str] = mapped_column(String(64), default="")
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("cleaning_plans.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    company: Mapped[str] = mapped_column(String(64), default="")
    inspector: Mapped[str] = mapped_column(String(64), default="")
    score: Mapped[Decimal] = mapped_column(Numeric(5, 1))
    passed: Mapped[bool] = mapped_column(Boolean)
    reinspection_of: Mapped[int | None] = mapped_column(ForeignKey("cleaning_inspections.id"))
    photos: Mapped[str] = mapped_column(Text, default="")  # file paths, one a line
    note: Mapped[str] = mapped_column(Text, default="")


class InspectionScore(Base):
    """The mark of one sheet item in one inspection (0–10)."""

    __tablename__ = "cleaning_inspection_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("cleaning_inspections.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("cleaning_score_items.id"))
    mark: Mapped[int]


class GarbageRecord(Stamped, Base):
    """One collection of one kind of sorted garbage: weight and/or bins, signed off by the collector."""

    __tablename__ = "garbage_records"
    __table_args__ = (Index("ix_garbage_records_day_kind", "day", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(16))
    weight_kg: Mapped[Decimal] = mapped_column(Numeric(10, 1), default=Decimal("0"))
    bins: Mapped[int] = mapped_column(default=0)
    company: Mapped[str] = mapped_column(String(64), default="")
    signed_by: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(String(200), default="")


class GreeningTask(Versioned, Base):
    """A planned greening job of a season; ``done_on`` records it done (pest control names the agent)."""

    __tablename__ = "greening_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    season: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))
    place: Mapped[str] = mapped_column(String(64), default="")
    planned_on: Mapped[date] = mapped_column(index=True)
    done_on: Mapped[date | None]
    agent: Mapped[str] = mapped_column(String(64), default="")  # 药剂/肥料
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str] = mapped_column(String(200), default="")
