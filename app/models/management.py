"""经理 and 客服 office work: annual plan targets, cost entries, the relations log, community activities
and owner surveys."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Stamped, Versioned


class CostCategory(StrEnum):
    LABOUR = "labour"
    ENERGY = "energy"
    REPAIR = "repair"
    CLEANING = "cleaning_cost"
    GREENING = "greening_cost"
    SECURITY = "security_cost"
    ADMIN = "admin_cost"
    OTHER = "other_cost"


class Metric(StrEnum):
    """Annual plan targets that are not a cost budget (budgets are ``budget:<category>``)."""

    COLLECTION_RATE = "collection_rate"
    SATISFACTION = "satisfaction"
    ON_TIME_RATE = "on_time_rate"


class Party(StrEnum):
    COMMITTEE = "committee"
    STREET = "street"
    GOVERNMENT = "government"
    COMMUNITY = "community"
    PARTNER = "partner"


MANAGEMENT_LABELS: dict[str, str] = {
    CostCategory.LABOUR: "人工", CostCategory.ENERGY: "能耗", CostCategory.REPAIR: "维修",
    CostCategory.CLEANING: "保洁", CostCategory.GREENING: "绿化", CostCategory.SECURITY: "秩序",
    CostCategory.ADMIN: "行政", CostCategory.OTHER: "其他",
    Metric.COLLECTION_RATE: "物业费收缴率(%)", Metric.SATISFACTION: "回访满意度(1-5)",
    Metric.ON_TIME_RATE: "工单及时完成率(%)",
    Party.COMMITTEE: "业主委员会", Party.STREET: "街道办", Party.GOVERNMENT: "政府部门",
    Party.COMMUNITY: "社区居委会", Party.PARTNER: "合作单位",
}


class PlanTarget(Versioned, Base):
    """A target of a year's plan: a metric (rate in %, satisfaction 1–5) or ``budget:<category>`` (yuan)."""

    __tablename__ = "plan_targets"
    __table_args__ = (UniqueConstraint("year", "metric"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    metric: Mapped[str] = mapped_column(String(32))
    target: Mapped[Decimal] = mapped_column(Numeric(12, 2))


class CostEntry(Stamped, Base):
    """Money spent, by category; typed in or imported from .xlsx (``import_batch`` groups one import)."""

    __tablename__ = "cost_entries"
    __table_args__ = (Index("ix_cost_entries_day_category", "day", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    category: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal]
    description: Mapped[str] = mapped_column(String(200), default="")
    vendor: Mapped[str] = mapped_column(String(64), default="")
    import_batch: Mapped[str] = mapped_column(String(32), default="")


class RelationContact(Versioned, Base):
    """A contact with the owners' committee, street office, government, community or a partner."""

    __tablename__ = "relation_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(index=True)
    party: Mapped[str] = mapped_column(String(16))
    organisation: Mapped[str] = mapped_column(String(64), default="")
    people: Mapped[str] = mapped_column(String(128), default="")
    subject: Mapped[str] = mapped_column(String(128))
    outcome: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(String(200), default="")
    follow_up_on: Mapped[date | None]
    closed: Mapped[bool] = mapped_column(Boolean, default=False)


class Activity(Versioned, Base):
    """A community activity (社区活动): plan, notice text, cost, photos; sign-ups in ``ActivitySignup``."""

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(index=True)
    time_text: Mapped[str] = mapped_column(String(32), default="")
    place: Mapped[str] = mapped_column(String(64), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int] = mapped_column(default=0)  # 0 = no limit
    cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    photos: Mapped[str] = mapped_column(Text, default="")


class ActivitySignup(Stamped, Base):
    __tablename__ = "activity_signups"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    name: Mapped[str] = mapped_column(String(64))
    people: Mapped[int] = mapped_column(default=1)
    attended: Mapped[bool] = mapped_column(Boolean, default=False)


class Survey(Versioned, Base):
    """An owner survey: topics (one a line), sent to a sample of units on ``sent_on``."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(64))
    sent_on: Mapped[date]
    topics: Mapped[str] = mapped_column(Text)


class SurveyResponse(Stamped, Base):
    """One sampled unit of a survey; ``answered_on`` once its answers are entered."""

    __tablename__ = "survey_responses"
    __table_args__ = (UniqueConstraint("survey_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    answered_on: Mapped[date | None]
    comment: Mapped[str] = mapped_column(String(200), default="")  # a low score's order: workorder_links


class SurveyAnswer(Base):
    """The satisfaction (1–5) a unit gave one topic."""

    __tablename__ = "survey_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("survey_responses.id"), index=True)
    topic: Mapped[str] = mapped_column(String(64))
    score: Mapped[int]
