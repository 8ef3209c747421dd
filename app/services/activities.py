"""社区活动: community activities — the plan, a printable notice, sign-ups and attendance, cost, photos."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import case, func, select

from app.errors import FieldError, StateError
from app.models import Activity, ActivitySignup
from app.services.archive import ArchiveService
from app.services.audit import log_event
from app.services.context import ServiceContext
from app.services.fees_payments import unit_labels
from app.services.records import Fields, count, load, page, require_any

VIEW = ("community.edit", "management.report")


@dataclass(frozen=True)
class ActivityRow:
    id: int
    title: str
    day: date
    time_text: str
    place: str
    description: str
    capacity: int
    cost: Decimal
    photos: str
    signed_up: int  # people
    attended: int  # people
    version: int


@dataclass(frozen=True)
class SignupRow:
    id: int
    name: str
    unit: str
    people: int
    attended: bool


@dataclass(frozen=True)
class NoticeData:
    property_name: str
    title: str
    day: date
    time_text: str
    place: str
    description: str
    capacity: int
    phone: str
    issued_on: date


class ActivityService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def save(self, values: Mapping[str, object], activity_id: int | None = None) -> int:
        self.ctx.require("community.edit")
        f = Fields(values)
        cleaned = {
            "title": f.text("title", "活动名称", required=True, max_len=64),
            "day": f.day("day", "活动日期"),
            "time_text": f.text("time_text", "时间", max_len=32),
            "place": f.text("place", "地点", max_len=64),
            "description": f.long_text("description", "活动内容"),
            "capacity": f.integer("capacity", "名额", low=0, high=9999, default=0),
            "cost": f.decimal("cost", "费用", low=Decimal(0), high=Decimal("9999999"), default="0"),
            "photos": f.long_text("photos", "照片"),
        }
        f.done()
        with self.ctx.write() as s:
            row = load(s, Activity, activity_id, "活动", values.get("version")) if activity_id else Activity()
            for key, value in cleaned.items():
                setattr(row, key, value)
            s.add(row)
            s.flush()
            return row.id

    def _totals(self):
        return (select(ActivitySignup.activity_id, func.sum(ActivitySignup.people).label("signed"),
                       func.sum(case((ActivitySignup.attended.is_(True), ActivitySignup.people), else_=0))
                       .label("came"))
                .group_by(ActivitySignup.activity_id).subquery())

    def count(self, query: str = "") -> int:
        require_any(self.ctx, *VIEW)
        stmt = select(Activity)
        if query:
            stmt = stmt.where(Activity.title.like(f"%{query}%"))
        with self.ctx.read() as s:
            return count(s, stmt)

    def list(self, query: str = "", offset: int = 0, limit: int = 200, sort: str | None = None,
             descending: bool = True) -> list[ActivityRow]:
        require_any(self.ctx, *VIEW)
        totals = self._totals()
        stmt = select(Activity, totals.c.signed, totals.c.came).outerjoin(totals, totals.c.activity_id == Activity.id)
        if query:
            stmt = stmt.where(Activity.title.like(f"%{query}%"))
        order = {"day": Activity.day, "title": Activity.title, "cost": Activity.cost}
        with self.ctx.read() as s:
            return [ActivityRow(a.id, a.title, a.day, a.time_text, a.place, a.description, a.capacity, a.cost,
                                a.photos, int(signed or 0), int(came or 0), a.version)
                    for a, signed, came in page(s, stmt, order, sort, descending, offset, limit, "day")]

    def signups(self, activity_id: int) -> list[SignupRow]:
        require_any(self.ctx, *VIEW)
        with self.ctx.read() as s:
            rows = list(s.scalars(select(ActivitySignup).where(ActivitySignup.activity_id == activity_id)
                                  .order_by(ActivitySignup.id)))
            codes = unit_labels(s, [g.unit_id for g in rows if g.unit_id])
            return [SignupRow(g.id, g.name, codes.get(g.unit_id, ("",))[0], g.people, g.attended) for g in rows]

    def sign_up(self, activity_id: int, values: Mapping[str, object]) -> int:
        """Register a household (name, optional unit by its code, people); refused beyond the capacity."""
        self.ctx.require("community.edit")
        f = Fields(values)
        name = f.text("name", "报名人", required=True, max_len=64)
        people = f.integer("people", "人数", low=1, high=50, default=1)
        unit_code = f.text("unit", "房号", max_len=32)
        f.done()
        unit_id = None
        if unit_code:
            found = [u for u in ArchiveService(self.ctx).search_units(unit_code, 5) if unit_code in (u.code, u.label)]
            if len(found) != 1:
                raise FieldError({"unit": f"没有房号为“{unit_code}”的房屋 (房号写作 3-1-1502)"})
            unit_id = found[0].id
        with self.ctx.write() as s:
            activity = load(s, Activity, activity_id, "活动")
            taken = s.scalar(select(func.coalesce(func.sum(ActivitySignup.people), 0))
                             .where(ActivitySignup.activity_id == activity_id)) or 0
            if activity.capacity and taken + people > activity.capacity:
                raise StateError(f"名额已满: 共 {activity.capacity} 人, 已报名 {taken} 人")
            row = ActivitySignup(activity_id=activity_id, unit_id=unit_id, name=name, people=people)
            s.add(row)
            s.flush()
            return row.id

    def set_attended(self, signup_id: int, attended: bool = True) -> None:
        self.ctx.require("community.edit")
        with self.ctx.write() as s:
            load(s, ActivitySignup, signup_id, "报名记录").attended = attended

    def notice(self, activity_id: int) -> NoticeData:
        """What the printed notice (活动通知) says; the print is logged."""
        from app.services.property import PropertyService

        require_any(self.ctx, *VIEW)
        prop = PropertyService(self.ctx)
        with self.ctx.write() as s:
            a = load(s, Activity, activity_id, "活动")
            data = NoticeData(prop.property_name(), a.title, a.day, a.time_text, a.place, a.description, a.capacity,
                              prop.setting("property.phone"), self.ctx.clock().date())
            log_event(s, "print", "activities", {"title": a.title}, entity_id=a.id, summary=f"活动通知 {a.title}")
        return data
