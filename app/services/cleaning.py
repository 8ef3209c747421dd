"""保洁: cleaning plans by area, the daily task lists generated from them, and quality inspections scored
on each area's sheet (评分表) with re-inspection of failures and monthly scores per area, cleaner and
outsourced company."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from app.errors import FieldError, StateError
from app.models import (
    CleanArea,
    CleaningFrequency,
    CleaningPlan,
    CleaningTask,
    Inspection,
    InspectionScore,
    ScoreItem,
    Staff,
)
from app.models.environment import ENVIRONMENT_LABELS
from app.services.fees_billing import period_or_error
from app.services.fees_rules import period_first_day, period_last_day
from app.services.records import period_conditions
from app.services.register_base import (
    Cleaner,
    RegisterService,
    linked_orders,
    load_versioned,
    open_linked_workorder,
)

ENTITY = "cleaning_inspections"  # what work orders opened from an inspection link back to
PASS_SCORE = Decimal("80")
MAX_MARK = 10


@dataclass(frozen=True)
class PlanRow:
    id: int
    area: str
    place: str
    frequency: str
    weekday: int
    staff_id: int | None
    staff_name: str
    company: str
    duties: str
    active: bool

    @property
    def cleaner(self) -> str:
        return self.company or self.staff_name


@dataclass(frozen=True)
class TaskRow:
    id: int
    day: date
    plan_id: int
    area: str
    place: str
    cleaner: str
    done: bool
    done_at: datetime | None
    note: str


@dataclass(frozen=True)
class ScoreItemRow:
    id: int
    area: str
    name: str
    weight: int


@dataclass(frozen=True)
class InspectionRow:
    id: int
    day: date
    area: str
    place: str
    cleaner: str
    inspector: str
    score: Decimal
    passed: bool
    reinspection_of: int | None
    reinspected: bool  # a later inspection re-checked this one
    workorder_id: int | None  # the work order opened for it (workorder_links)
    workorder_number: str
    photos: str
    note: str


@dataclass(frozen=True)
class MonthScore:
    """Average score of one area/cleaner/company in a month; first inspections only (re-checks aside)."""

    key: str
    label: str
    inspections: int
    average: Decimal | None
    failed: int
    reinspected: int


def due_on(plan_frequency: str, weekday: int, day: date) -> bool:
    """Whether a plan of this frequency has a task on ``day`` (weekly: 0=Monday; monthly: day of month)."""
    if plan_frequency == CleaningFrequency.DAILY:
        return True
    if plan_frequency == CleaningFrequency.WEEKLY:
        return day.weekday() == weekday
    last = calendar.monthrange(day.year, day.month)[1]
    return day.day == min(max(weekday, 1), last)


def staff_names(s, ids) -> dict[int, str]:
    ids = {i for i in ids if i}
    return dict(s.execute(select(Staff.id, Staff.name).where(Staff.id.in_(ids))).all()) if ids else {}


def score_of(marks: Mapping[int, int], weights: Mapping[int, int]) -> Decimal:
    """Weighted score 0–100: Σ weight × mark/10 over Σ weight, one decimal, half-up."""
    total = sum(weights.values())
    if not total:
        return Decimal("0.0")
    got = sum(Decimal(weights[i]) * Decimal(marks.get(i, 0)) / MAX_MARK for i in weights)
    return (got * 100 / total).quantize(Decimal("0.1"))


class CleaningService(RegisterService):
    """Cleaning plans (the register) and the daily tasks generated from them."""

    model = CleaningPlan
    what = "保洁计划"
    view_permission = manage_permission = "environment.record"
    search_columns = (CleaningPlan.place, CleaningPlan.company, CleaningPlan.duties)
    sort_columns = {"area": CleaningPlan.area, "place": CleaningPlan.place, "frequency": CleaningPlan.frequency}
    filter_columns = {"area": CleaningPlan.area}
    default_sort = "area"
    form_fields = ("area", "place", "frequency", "weekday", "staff_id", "company", "duties")

    def rows(self, s, objs) -> list[PlanRow]:
        names = staff_names(s, {p.staff_id for p in objs})
        return [PlanRow(p.id, p.area, p.place, p.frequency, p.weekday, p.staff_id, names.get(p.staff_id, ""),
                        p.company, p.duties, p.active) for p in objs]

    def to_row(self, s, obj) -> PlanRow:
        return self.rows(s, [obj])[0]

    def clean(self, s, values, obj) -> dict:
        c = Cleaner(values)
        cleaned = {
            "area": c.choice("area", "区域", CleanArea),
            "place": c.text("place", "具体位置"),
            "frequency": c.choice("frequency", "频次", CleaningFrequency, CleaningFrequency.DAILY),
            "weekday": c.integer("weekday", "执行日", maximum=28) or 0,
            "staff_id": c.ref("staff_id", "保洁员"),
            "company": c.text("company", "外包公司"),
            "duties": c.note("duties", "作业内容", max_len=2000),
        }
        if cleaned["frequency"] == CleaningFrequency.WEEKLY and cleaned["weekday"] > 6:
            c.fail("weekday", "每周计划的执行日应为 0(周一)到 6(周日)")
        if cleaned["frequency"] == CleaningFrequency.MONTHLY and not 1 <= cleaned["weekday"] <= 28:
            c.fail("weekday", "每月计划的执行日应为 1 到 28 号")
        if not cleaned["staff_id"] and not cleaned["company"]:
            c.fail("staff_id", "请选择本组保洁员, 或填写外包保洁公司")
        if cleaned["staff_id"] and s.get(Staff, cleaned["staff_id"]) is None:
            c.fail("staff_id", "所选员工不存在")
        return c.done(**cleaned)

    def set_active(self, plan_id: int, active: bool) -> None:
        """Stop (or resume) a plan: no more tasks are generated from a stopped one."""
        self.ctx.require(self.manage_permission)
        with self.ctx.write() as s:
            load_versioned(s, CleaningPlan, plan_id, None, self.what).active = active

    # ---- daily tasks
    def generate_tasks(self, day: date) -> int:
        """Create ``day``'s tasks from the active plans due that day; running it again creates nothing."""
        self.ctx.require(self.manage_permission)
        with self.ctx.write() as s:
            have = set(s.scalars(select(CleaningTask.plan_id).where(CleaningTask.day == day)))
            plans = s.scalars(select(CleaningPlan).where(CleaningPlan.active.is_(True))).all()
            new = [CleaningTask(plan_id=p.id, day=day) for p in plans
                   if p.id not in have and due_on(p.frequency, p.weekday, day)]
            s.add_all(new)
            return len(new)

    def tasks(self, day: date, area: str | None = None) -> list[TaskRow]:
        """The day's task list (a few dozen rows), by area."""
        self.ctx.require(self.view_permission)
        stmt = (select(CleaningTask, CleaningPlan).join(CleaningPlan, CleaningPlan.id == CleaningTask.plan_id)
                .where(CleaningTask.day == day))
        if area:
            stmt = stmt.where(CleaningPlan.area == area)
        order = {a: i for i, a in enumerate(CleanArea)}
        with self.ctx.read() as s:
            found = s.execute(stmt).all()
            names = staff_names(s, {p.staff_id for _t, p in found})
        rows = [TaskRow(t.id, t.day, p.id, p.area, p.place, p.company or names.get(p.staff_id, ""), t.done,
                        t.done_at, t.note) for t, p in found]
        return sorted(rows, key=lambda r: (order.get(r.area, 99), r.place, r.id))

    def complete_task(self, task_id: int, done: bool = True, note: str = "") -> None:
        self.ctx.require(self.manage_permission)
        c = Cleaner({"note": note})
        note = c.text("note", "备注", max_len=200)
        c.done()
        with self.ctx.write() as s:
            task = load_versioned(s, CleaningTask, task_id, None, "保洁任务")
            task.done = done
            task.done_at = self.ctx.clock() if done else None
            task.note = note

    def completion(self, first: date, last: date) -> tuple[int, int]:
        """(done, total) tasks between two days inclusive."""
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            total, done = s.execute(select(func.count(), func.coalesce(func.sum(
                case((CleaningTask.done.is_(True), 1), else_=0)), 0))
                .where(CleaningTask.day >= first, CleaningTask.day <= last)).one()
        return int(done), int(total)



class InspectionService(RegisterService):
    """Quality inspections (the register), the scoring sheets they use and the monthly scores."""

    model = Inspection
    what = "检查记录"
    view_permission = "environment.record"
    manage_permission = "environment.inspect"
    search_columns = (Inspection.place, Inspection.company, Inspection.note, Inspection.inspector)
    sort_columns = {"day": Inspection.day, "score": Inspection.score, "area": Inspection.area}
    filter_columns = {"area": Inspection.area}
    default_sort = "day"

    def conditions(self, filters):
        where = super().conditions(filters) + period_conditions(Inspection.day, filters.get("period"))
        if filters.get("failed_only"):
            where.append(Inspection.passed.is_(False))
        return where

    def rows(self, s, objs) -> list[InspectionRow]:
        ids = [i.id for i in objs]
        names = staff_names(s, {i.staff_id for i in objs})
        rechecked = set(s.scalars(select(Inspection.reinspection_of).where(Inspection.reinspection_of.in_(ids))))
        orders = {o.entity_id: o for o in linked_orders(s, ENTITY, ids)}
        return [InspectionRow(i.id, i.day, i.area, i.place, i.company or names.get(i.staff_id, ""), i.inspector,
                              i.score, i.passed, i.reinspection_of, i.id in rechecked,
                              orders[i.id].workorder_id if i.id in orders else None,
                              orders[i.id].number if i.id in orders else "", i.photos, i.note) for i in objs]

    def to_row(self, s, obj) -> InspectionRow:
        return self.rows(s, [obj])[0]

    # ---- scoring sheets
    def score_items(self, area: str) -> list[ScoreItemRow]:
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            return [ScoreItemRow(i.id, i.area, i.name, i.weight) for i in s.scalars(
                select(ScoreItem).where(ScoreItem.area == area, ScoreItem.active.is_(True)).order_by(ScoreItem.id))]

    def save_score_item(self, values: Mapping[str, object], item_id: int | None = None) -> int:
        self.ctx.require(self.manage_permission)
        c = Cleaner(values)
        area = c.choice("area", "区域", CleanArea)
        name = c.text("name", "评分项目", required=True)
        weight = c.integer("weight", "权重", required=True, minimum=1, maximum=100)
        active = bool(values.get("active", True))
        c.done()
        with self.ctx.write() as s:
            item = load_versioned(s, ScoreItem, item_id, None, "评分项目") if item_id else ScoreItem()
            item.area, item.name, item.weight, item.active = area, name, weight, active
            s.add(item)
            s.flush()
            return item.id

    # ---- inspections
    def inspect(self, values: Mapping[str, object], marks: Mapping[int, object]) -> InspectionRow:
        """Score an area on its sheet (``marks``: item id → 0–10); below 80 fails. ``reinspection_of`` names
        the failed inspection this one re-checks; ``open_workorder`` opens a 保洁 work order for a failure."""
        self.ctx.require(self.manage_permission)
        c = Cleaner(values)
        day = c.date("day", "检查日期", required=True)
        area = c.choice("area", "区域", CleanArea)
        cleaned = c.done(
            place=c.text("place", "具体位置"),
            plan_id=c.ref("plan_id", "保洁计划"),
            staff_id=c.ref("staff_id", "保洁员"),
            company=c.text("company", "外包公司"),
            inspector=c.text("inspector", "检查人") or self.ctx.actor.display_name,
            photos=c.note("photos", "照片", max_len=4000),
            note=c.note("note", "问题描述", max_len=4000),
            reinspection_of=c.ref("reinspection_of", "被复查的检查"),
        )
        with self.ctx.write() as s:
            items = {i.id: i.weight for i in s.scalars(
                select(ScoreItem).where(ScoreItem.area == area, ScoreItem.active.is_(True)))}
            if not items:
                raise FieldError({"area": f"“{ENVIRONMENT_LABELS[area]}”还没有评分表, 请先设置评分项目"})
            clean_marks: dict[int, int] = {}
            for item_id in items:
                raw = marks.get(item_id, marks.get(str(item_id)))
                try:
                    mark = int(str(raw).strip())
                except (TypeError, ValueError):
                    raise FieldError({f"mark_{item_id}": "每个评分项目都要打分(0–10)"}) from None
                if not 0 <= mark <= MAX_MARK:
                    raise FieldError({f"mark_{item_id}": "分数应在 0 到 10 之间"})
                clean_marks[item_id] = mark
            original = None
            if cleaned["reinspection_of"]:
                original = load_versioned(s, Inspection, cleaned["reinspection_of"], None, "被复查的检查记录")
                if original.passed:
                    raise StateError("这次检查已合格, 不需要复查")
                if s.scalar(select(func.count()).where(Inspection.reinspection_of == original.id)):
                    raise StateError("这次检查已经复查过了")
                if original.area != area:
                    raise FieldError({"area": "复查应与原检查为同一区域"})
                for key in ("place", "plan_id", "staff_id", "company"):
                    cleaned[key] = cleaned[key] or getattr(original, key)
            if cleaned["plan_id"]:
                plan = load_versioned(s, CleaningPlan, cleaned["plan_id"], None, "保洁计划")
                cleaned["staff_id"] = cleaned["staff_id"] or plan.staff_id
                cleaned["company"] = cleaned["company"] or plan.company
                cleaned["place"] = cleaned["place"] or plan.place
            score = score_of(clean_marks, items)
            row = Inspection(day=day, area=area, score=score, passed=score >= PASS_SCORE, **cleaned)
            s.add(row)
            s.flush()
            s.add_all(InspectionScore(inspection_id=row.id, item_id=i, mark=m) for i, m in clean_marks.items())
            new_id = row.id
        if values.get("open_workorder") and not score >= PASS_SCORE:
            self.open_workorder(new_id)
        return self.get(new_id)

    def open_workorder(self, inspection_id: int) -> int:
        """Open a 保洁 work order for a failed inspection through the ordinary intake, linked back."""
        from app.services import Services

        self.ctx.require(self.manage_permission)
        row = self.get(inspection_id)
        if row.passed:
            raise StateError("检查合格, 不需要开工单")
        if row.workorder_id:
            raise StateError("这次检查已经开过工单")
        order = open_linked_workorder(Services(self.ctx), ENTITY, inspection_id, {
            "category": "cleaning", "location": "public", "place": f"{ENVIRONMENT_LABELS[row.area]} {row.place}".strip(),
            "description": f"保洁检查不合格({row.score}分, {row.day:%Y-%m-%d}): {row.note or '见检查记录'}",
        })
        return order.row.id

    def marks(self, inspection_id: int) -> list[tuple[str, int, int]]:
        """(item, weight, mark) of one inspection's sheet."""
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            return [(name, weight, mark) for name, weight, mark in s.execute(
                select(ScoreItem.name, ScoreItem.weight, InspectionScore.mark)
                .join(ScoreItem, ScoreItem.id == InspectionScore.item_id)
                .where(InspectionScore.inspection_id == inspection_id).order_by(ScoreItem.id))]

    def monthly_scores(self, period: str, by: str = "area") -> list[MonthScore]:
        """Average of the month's first inspections grouped by ``area``, ``cleaner`` (own staff) or
        ``company`` (outsourced), with failures and how many of them were re-inspected."""
        self.ctx.require(self.view_permission)
        period = period_or_error(period)
        later = aliased(Inspection)
        reinspected = select(func.count()).where(later.reinspection_of == Inspection.id).scalar_subquery()
        key = {"area": Inspection.area, "cleaner": Staff.name, "company": Inspection.company}[by]
        stmt = (select(key, func.count(), func.avg(Inspection.score),
                       func.sum(case((Inspection.passed.is_(False), 1), else_=0)),
                       func.sum(case((and_(Inspection.passed.is_(False), reinspected > 0), 1), else_=0)))
                .outerjoin(Staff, Staff.id == Inspection.staff_id)
                .where(Inspection.reinspection_of.is_(None), Inspection.day >= period_first_day(period),
                       Inspection.day <= period_last_day(period))
                .group_by(key))
        if by == "cleaner":
            stmt = stmt.where(Inspection.company == "", Inspection.staff_id.is_not(None))
        elif by == "company":
            stmt = stmt.where(Inspection.company != "")
        with self.ctx.read() as s:
            rows = [MonthScore(str(k), ENVIRONMENT_LABELS.get(str(k), str(k)) if by == "area" else str(k), int(n),
                               Decimal(str(avg)).quantize(Decimal("0.1")) if avg is not None else None,
                               int(failed or 0), int(re or 0))
                    for k, n, avg, failed, re in s.execute(stmt)]
        order = {a: i for i, a in enumerate(CleanArea)}
        return sorted(rows, key=lambda r: (order.get(r.key, 99), r.key))

    def month_average(self, period: str) -> Decimal | None:
        """The month's average over every first inspection (the report's headline cleaning score)."""
        self.ctx.require(self.view_permission)
        period = period_or_error(period)
        with self.ctx.read() as s:
            avg = s.scalar(select(func.avg(Inspection.score)).where(
                Inspection.reinspection_of.is_(None), Inspection.day >= period_first_day(period),
                Inspection.day <= period_last_day(period)))
        return Decimal(str(avg)).quantize(Decimal("0.1")) if avg is not None else None
