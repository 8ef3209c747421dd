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
from app.services.fees_payments import unit_labels
from app.services.register_base import Cleaner, RegisterService, load_versioned


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


class ActivityService(RegisterService):
    model = Activity
    what = "活动"
    view_permission = manage_permission = "community.edit"
    search_columns = (Activity.title, Activity.place)
    sort_columns = {"day": Activity.day, "title": Activity.title, "cost": Activity.cost}
    default_sort = "day"
    form_fields = ("title", "day", "time_text", "place", "description", "capacity", "cost", "photos")

    def rows(self, s, objs) -> list[ActivityRow]:
        totals = {aid: (int(signed or 0), int(came or 0)) for aid, signed, came in s.execute(
            select(ActivitySignup.activity_id, func.sum(ActivitySignup.people),
                   func.sum(case((ActivitySignup.attended.is_(True), ActivitySignup.people), else_=0)))
            .where(ActivitySignup.activity_id.in_([a.id for a in objs])).group_by(ActivitySignup.activity_id))}
        return [ActivityRow(a.id, a.title, a.day, a.time_text, a.place, a.description, a.capacity, a.cost, a.photos,
                            *totals.get(a.id, (0, 0))) for a in objs]

    def to_row(self, s, obj) -> ActivityRow:
        return self.rows(s, [obj])[0]

    def clean(self, s, values, obj) -> dict:
        c = Cleaner(values)
        return c.done(
            title=c.text("title", "活动名称", required=True),
            day=c.date("day", "活动日期", required=True),
            time_text=c.text("time_text", "时间", max_len=32),
            place=c.text("place", "地点"),
            description=c.note("description", "活动内容", max_len=4000),
            capacity=c.integer("capacity", "名额", maximum=9999) or 0,
            cost=c.money("cost", "费用", maximum=Decimal("9999999")) or Decimal("0.00"),
            photos=c.note("photos", "照片", max_len=4000),
        )

    def signups(self, activity_id: int) -> list[SignupRow]:
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            rows = list(s.scalars(select(ActivitySignup).where(ActivitySignup.activity_id == activity_id)
                                  .order_by(ActivitySignup.id)))
            codes = unit_labels(s, [g.unit_id for g in rows if g.unit_id])
            return [SignupRow(g.id, g.name, codes.get(g.unit_id, ("",))[0], g.people, g.attended) for g in rows]

    def sign_up(self, activity_id: int, values: Mapping[str, object]) -> int:
        """Register a household (name, optional unit by its code, people); refused beyond the capacity."""
        self.ctx.require(self.manage_permission)
        c = Cleaner(values)
        name = c.text("name", "报名人", required=True)
        people = c.integer("people", "人数", minimum=1, maximum=50) or 1
        unit_code = c.text("unit", "房号", max_len=32)
        c.done()
        unit_id = None
        if unit_code:
            found = [u for u in ArchiveService(self.ctx).search_units(unit_code, 5) if unit_code in (u.code, u.label)]
            if len(found) != 1:
                raise FieldError({"unit": f"没有房号为“{unit_code}”的房屋 (房号写作 3-1-1502)"})
            unit_id = found[0].id
        with self.ctx.write() as s:
            activity = load_versioned(s, Activity, activity_id, None, self.what)
            taken = s.scalar(select(func.coalesce(func.sum(ActivitySignup.people), 0))
                             .where(ActivitySignup.activity_id == activity_id)) or 0
            if activity.capacity and taken + people > activity.capacity:
                raise StateError(f"名额已满: 共 {activity.capacity} 人, 已报名 {taken} 人")
            row = ActivitySignup(activity_id=activity_id, unit_id=unit_id, name=name, people=people)
            s.add(row)
            s.flush()
            return row.id

    def set_attended(self, signup_id: int, attended: bool = True) -> None:
        self.ctx.require(self.manage_permission)
        with self.ctx.write() as s:
            load_versioned(s, ActivitySignup, signup_id, None, "报名记录").attended = attended

    def notice_pdf(self, activity_id: int) -> bytes:
        """The printable notice (活动通知) as PDF bytes; the print is logged."""
        from app.pdf.activity_notice import render_activity_notice

        return render_activity_notice(self.notice(activity_id))

    def notice(self, activity_id: int) -> NoticeData:
        """What the printed notice (活动通知) says; the print is logged."""
        from app.services.property import PropertyService

        self.ctx.require(self.view_permission)
        prop = PropertyService(self.ctx)
        with self.ctx.write() as s:
            a = load_versioned(s, Activity, activity_id, None, self.what)
            data = NoticeData(prop.property_name(), a.title, a.day, a.time_text, a.place, a.description, a.capacity,
                              prop.setting("property.phone"), self.ctx.clock().date())
            log_event(s, "print", "activities", {"title": a.title}, entity_id=a.id, summary=f"活动通知 {a.title}")
        return data
