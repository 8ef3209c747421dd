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

from app.errors import FieldError, NotFound, StateError
from app.models import (
    CleanArea,
    CleaningPlan,
    CleaningTask,
    Frequency,
    Inspection,
    InspectionScore,
    ScoreItem,
    Staff,
)
from app.models.environment import ENVIRONMENT_LABELS
from app.services.context import ServiceContext
from app.services.fees_billing import period_or_error
from app.services.fees_rules import period_first_day, period_last_day
from app.services.records import Fields, count, load, page, require_any

PASS_SCORE = Decimal("80")
MAX_MARK = 10
VIEW = ("environment.record", "environment.inspect", "management.report")


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
    version: int

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
    workorder_id: int | None
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


@dataclass(frozen=True)
class InspectionFilter:
    query: str = ""
    area: str | None = None
    period: str | None = None
    failed_only: bool = False


def due_on(plan_frequency: str, weekday: int, day: date) -> bool:
    """Whether a plan of this frequency has a task on ``day`` (weekly: 0=Monday; monthly: day of month)."""
    if plan_frequency == Frequency.DAILY:
        return True
    if plan_frequency == Frequency.WEEKLY:
        return day.weekday() == weekday
    last = calendar.monthrange(day.year, day.month)[1]
    return day.day == min(max(weekday, 1), last)


def score_of(marks: Mapping[int, int], weights: Mapping[int, int]) -> Decimal:
    """Weighted score 0–100: Σ weight × mark/10 over Σ weight, one decimal, half-up."""
    total = sum(weights.values())
    if not total:
        return Decimal("0.0")
    got = sum(Decimal(weights[i]) * Decimal(marks.get(i, 0)) / MAX_MARK for i in weights)
    return (got * 100 / total).quantize(Decimal("0.1"))


class CleaningService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # ---- plans
    def list_plans(self, area: str | None = None, active_only: bool = False) -> list[PlanRow]:
        require_any(self.ctx, *VIEW)
        stmt = select(CleaningPlan, Staff.name).outerjoin(Staff, Staff.id == CleaningPlan.staff_id)
        if area:
            stmt = stmt.where(CleaningPlan.area == area)
        if active_only:
            stmt = stmt.where(CleaningPlan.active.is_(True))
        order = {a: i for i, a in enumerate(CleanArea)}
        with self.ctx.read() as s:
            rows = [PlanRow(p.id, p.area, p.place, p.frequency, p.weekday, p.staff_id, name or "", p.company,
                            p.duties, p.active, p.version) for p, name in s.execute(stmt)]
        return sorted(rows, key=lambda r: (order.get(r.area, 99), r.place, r.id))

    def save_plan(self, values: Mapping[str, object], plan_id: int | None = None) -> int:
        self.ctx.require("environment.record")
        f = Fields(values)
        cleaned = {
            "area": f.choice("area", CleanArea, "请选择区域"),
            "place": f.text("place", "具体位置", max_len=64),
            "frequency": f.choice("frequency", Frequency, "请选择频次", Frequency.DAILY),
            "weekday": f.integer("weekday", "执行日", low=0, high=28, default=0),
            "staff_id": f.optional_id("staff_id"),
            "company": f.text("company", "外包公司", max_len=64),
            "duties": f.long_text("duties", "作业内容"),
            "active": bool(values.get("active", True)),
        }
        if cleaned["frequency"] == Frequency.WEEKLY and cleaned["weekday"] > 6:
            f.add("weekday", "每周计划的执行日应为 0(周一)到 6(周日)")
        if cleaned["frequency"] == Frequency.MONTHLY and not 1 <= cleaned["weekday"] <= 28:
            f.add("weekday", "每月计划的执行日应为 1 到 28 号")
        if not cleaned["staff_id"] and not cleaned["company"]:
            f.add("staff_id", "请选择本组保洁员, 或填写外包保洁公司")
        f.done()
        with self.ctx.write() as s:
            if cleaned["staff_id"] and s.get(Staff, cleaned["staff_id"]) is None:
                raise FieldError({"staff_id": "所选员工不存在"})
            plan = load(s, CleaningPlan, plan_id, "保洁计划", values.get("version")) if plan_id else CleaningPlan()
            for key, value in cleaned.items():
                setattr(plan, key, value)
            s.add(plan)
            s.flush()
            return plan.id

    # ---- daily tasks
    def generate_tasks(self, day: date) -> int:
        """Create ``day``'s tasks from the active plans due that day; running it again creates nothing."""
        self.ctx.require("environment.record")
        with self.ctx.write() as s:
            have = set(s.scalars(select(CleaningTask.plan_id).where(CleaningTask.day == day)))
            plans = s.scalars(select(CleaningPlan).where(CleaningPlan.active.is_(True))).all()
            new = [CleaningTask(plan_id=p.id, day=day) for p in plans
                   if p.id not in have and due_on(p.frequency, p.weekday, day)]
            s.add_all(new)
            return len(new)

    def _task_query(self, day: date | None, area: str | None, open_only: bool):
        stmt = (select(CleaningTask, CleaningPlan, Staff.name)
                .join(CleaningPlan, CleaningPlan.id == CleaningTask.plan_id)
                .outerjoin(Staff, Staff.id == CleaningPlan.staff_id))
        if day is not None:
            stmt = stmt.where(CleaningTask.day == day)
        if area:
            stmt = stmt.where(CleaningPlan.area == area)
        if open_only:
            stmt = stmt.where(CleaningTask.done.is_(False))
        return stmt

    def count_tasks(self, day: date | None = None, area: str | None = None, open_only: bool = False) -> int:
        require_any(self.ctx, *VIEW)
        with self.ctx.read() as s:
            return count(s, self._task_query(day, area, open_only))

    def list_tasks(self, day: date | None = None, area: str | None = None, open_only: bool = False,
                   offset: int = 0, limit: int = 200, sort: str | None = None,
                   descending: bool = False) -> list[TaskRow]:
        require_any(self.ctx, *VIEW)
        order = {"day": CleaningTask.day, "area": CleaningPlan.area, "done": CleaningTask.done}
        with self.ctx.read() as s:
            return [TaskRow(t.id, t.day, p.id, p.area, p.place, p.company or name or "", t.done, t.done_at, t.note)
                    for t, p, name in page(s, self._task_query(day, area, open_only), order, sort, descending,
                                           offset, limit, "area")]

    def complete_task(self, task_id: int, done: bool = True, note: str = "") -> None:
        self.ctx.require("environment.record")
        f = Fields({"note": note})
        note = f.text("note", "备注")
        f.done()
        with self.ctx.write() as s:
            task = load(s, CleaningTask, task_id, "保洁任务")
            task.done = done
            task.done_at = self.ctx.clock() if done else None
            task.note = note

    def completion(self, first: date, last: date) -> tuple[int, int]:
        """(done, total) tasks between two days inclusive."""
        require_any(self.ctx, *VIEW)
        with self.ctx.read() as s:
            total, done = s.execute(select(func.count(), func.coalesce(func.sum(
                case((CleaningTask.done.is_(True), 1), else_=0)), 0))
                .where(CleaningTask.day >= first, CleaningTask.day <= last)).one()
        return int(done), int(total)

    # ---- scoring sheets
    def score_items(self, area: str) -> list[ScoreItemRow]:
        require_any(self.ctx, *VIEW)
        with self.ctx.read() as s:
            return [ScoreItemRow(i.id, i.area, i.name, i.weight) for i in s.scalars(
                select(ScoreItem).where(ScoreItem.area == area, ScoreItem.active.is_(True)).order_by(ScoreItem.id))]

    def save_score_item(self, values: Mapping[str, object], item_id: int | None = None) -> int:
        self.ctx.require("environment.inspect")
        f = Fields(values)
        area = f.choice("area", CleanArea, "请选择区域")
        name = f.text("name", "评分项目", required=True, max_len=64)
        weight = f.integer("weight", "权重", low=1, high=100)
        active = bool(values.get("active", True))
        f.done()
        with self.ctx.write() as s:
            item = load(s, ScoreItem, item_id, "评分项目") if item_id else ScoreItem()
            item.area, item.name, item.weight, item.active = area, name, weight, active
            s.add(item)
            s.flush()
            return item.id

    # ---- inspections
    def inspect(self, values: Mapping[str, object], marks: Mapping[int, object]) -> InspectionRow:
        """Score an area on its sheet (``marks``: item id → 0–10); below 80 fails. ``reinspection_of`` names
        the failed inspection this one re-checks; ``open_workorder`` opens a 保洁 work order for a failure."""
        self.ctx.require("environment.inspect")
        f = Fields(values)
        day = f.day("day", "检查日期")
        area = f.choice("area", CleanArea, "请选择区域")
        cleaned = {
            "place": f.text("place", "具体位置", max_len=64),
            "plan_id": f.optional_id("plan_id"),
            "staff_id": f.optional_id("staff_id"),
            "company": f.text("company", "外包公司", max_len=64),
            "inspector": f.text("inspector", "检查人", max_len=64) or self.ctx.actor.display_name,
            "photos": f.long_text("photos", "照片"),
            "note": f.long_text("note", "问题描述"),
            "reinspection_of": f.optional_id("reinspection_of"),
        }
        f.done()
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
                original = load(s, Inspection, cleaned["reinspection_of"], "被复查的检查记录")
                if original.passed:
                    raise StateError("这次检查已合格, 不需要复查")
                if s.scalar(select(func.count()).where(Inspection.reinspection_of == original.id)):
                    raise StateError("这次检查已经复查过了")
                if original.area != area:
                    raise FieldError({"area": "复查应与原检查为同一区域"})
                for key in ("place", "plan_id", "staff_id", "company"):
                    cleaned[key] = cleaned[key] or getattr(original, key)
            if cleaned["plan_id"]:
                plan = load(s, CleaningPlan, cleaned["plan_id"], "保洁计划")
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
        return self.get_inspection(new_id)

    def open_workorder(self, inspection_id: int) -> int:
        """Open a 保洁 work order for a failed inspection through the ordinary intake, linked back."""
        from app.services.workorders import WorkOrderService

        self.ctx.require("environment.inspect")
        row = self.get_inspection(inspection_id)
        if row.passed:
            raise StateError("检查合格, 不需要开工单")
        if row.workorder_id:
            raise StateError("这次检查已经开过工单")
        order = WorkOrderService(self.ctx).intake({
            "kind": "repair", "source": "patrol", "category": "cleaning", "location": "public",
            "place": f"{ENVIRONMENT_LABELS[row.area]} {row.place}".strip(),
            "description": f"保洁检查不合格({row.score}分, {row.day:%Y-%m-%d}): {row.note or '见检查记录'}",
        })
        with self.ctx.write() as s:
            load(s, Inspection, inspection_id, "检查记录").workorder_id = order.row.id
        return order.row.id

    def _inspection_query(self, flt: InspectionFilter):
        later = aliased(Inspection)
        reinspected = select(func.count()).where(later.reinspection_of == Inspection.id).scalar_subquery()
        stmt = (select(Inspection, Staff.name, reinspected.label("re"))
                .outerjoin(Staff, Staff.id == Inspection.staff_id))
        if flt.area:
            stmt = stmt.where(Inspection.area == flt.area)
        if flt.period:
            period = period_or_error(flt.period)
            stmt = stmt.where(Inspection.day >= period_first_day(period), Inspection.day <= period_last_day(period))
        if flt.failed_only:
            stmt = stmt.where(Inspection.passed.is_(False))
        if flt.query:
            like = f"%{flt.query}%"
            stmt = stmt.where(Inspection.place.like(like) | Inspection.company.like(like) | Staff.name.like(like)
                              | Inspection.note.like(like))
        return stmt

    @staticmethod
    def _inspection_row(i: Inspection, name: str | None, re: int) -> InspectionRow:
        return InspectionRow(i.id, i.day, i.area, i.place, i.company or name or "", i.inspector, i.score,
                             i.passed, i.reinspection_of, bool(re), i.workorder_id, i.photos, i.note)

    def count_inspections(self, flt: InspectionFilter = InspectionFilter()) -> int:
        require_any(self.ctx, *VIEW)
        with self.ctx.read() as s:
            return count(s, self._inspection_query(flt))

    def list_inspections(self, flt: InspectionFilter = InspectionFilter(), offset: int = 0, limit: int = 200,
                         sort: str | None = None, descending: bool = True) -> list[InspectionRow]:
        require_any(self.ctx, *VIEW)
        order = {"day": Inspection.day, "score": Inspection.score, "area": Inspection.area}
        with self.ctx.read() as s:
            return [self._inspection_row(*r) for r in page(s, self._inspection_query(flt), order, sort, descending,
                                                           offset, limit, "day")]

    def get_inspection(self, inspection_id: int) -> InspectionRow:
        require_any(self.ctx, *VIEW)
        with self.ctx.read() as s:
            found = s.execute(self._inspection_query(InspectionFilter()).where(Inspection.id == inspection_id)).first()
        if found is None:
            raise NotFound("检查记录不存在")
        return self._inspection_row(*found)

    def marks(self, inspection_id: int) -> list[tuple[str, int, int]]:
        """(item, weight, mark) of one inspection's sheet."""
        require_any(self.ctx, *VIEW)
        with self.ctx.read() as s:
            return [(name, weight, mark) for name, weight, mark in s.execute(
                select(ScoreItem.name, ScoreItem.weight, InspectionScore.mark)
                .join(ScoreItem, ScoreItem.id == InspectionScore.item_id)
                .where(InspectionScore.inspection_id == inspection_id).order_by(ScoreItem.id))]

    def monthly_scores(self, period: str, by: str = "area") -> list[MonthScore]:
        """Average of the month's first inspections grouped by ``area``, ``cleaner`` (own staff) or
        ``company`` (outsourced), with failures and how many of them were re-inspected."""
        require_any(self.ctx, *VIEW)
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
        require_any(self.ctx, *VIEW)
        period = period_or_error(period)
        with self.ctx.read() as s:
            avg = s.scalar(select(func.avg(Inspection.score)).where(
                Inspection.reinspection_of.is_(None), Inspection.day >= period_first_day(period),
                Inspection.day <= period_last_day(period)))
        return Decimal(str(avg)).quantize(Decimal("0.1")) if avg is not None else None
