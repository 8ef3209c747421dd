"""Preventive maintenance (维保): plans per item or system with a frequency and a checklist, tasks
generated ahead for each period, the due/overdue list per technician, recording a task point by point,
and an anomaly opening a repair work order linked to the task (and so to the item) in one step."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import FieldError, NotFound, StateError
from app.models import (
    Equipment,
    EquipmentSystem,
    Frequency,
    PmPlan,
    PmTask,
    PmTaskPoint,
    Staff,
    TaskState,
)
from app.services.register_base import (
    Cleaner,
    Filters,
    RegisterService,
    load_versioned,
    month_range,
    names_by_id,
    open_linked_workorder,
)

HORIZON_DAYS = 31  # tasks exist this far ahead
MAX_POINTS = 40
ENTITY = "pm_task"


def checklist_points(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def add_months(day: date, months: int, anchor: int) -> date:
    """``day`` moved by ``months`` keeping the anchor day-of-month where the month has it (31 → 30/28)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(anchor, calendar.monthrange(year, month)[1]))


def occurrences(plan_start: date, frequency: str, interval_days: int | None, since: date, until: date
                ) -> list[date]:
    """Due dates of a plan between ``since`` and ``until`` (inclusive), counted from its start."""
    step_months = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}.get(frequency)
    step_days = {Frequency.DAILY: 1, Frequency.WEEKLY: 7, Frequency.DAYS: interval_days or 0}.get(frequency)
    result: list[date] = []
    if step_days:
        first = plan_start if since <= plan_start else plan_start + timedelta(
            days=-(-(since - plan_start).days // step_days) * step_days)
        day = first
        while day <= until:
            result.append(day)
            day += timedelta(days=step_days)
    elif step_months:
        n, day = 0, plan_start
        while day <= until:
            if day >= since:
                result.append(day)
            n += step_months
            day = add_months(plan_start, n, plan_start.day)
    return result


@dataclass(frozen=True)
class PlanRow:
    id: int
    name: str
    equipment_id: int | None
    equipment: str
    system: str
    frequency: str
    interval_days: int | None
    points: int
    assignee_id: int | None
    assignee: str
    start_on: date
    active: bool
    version: int


@dataclass(frozen=True)
class PointResult:
    seq: int
    point: str
    ok: bool | None  # None: not recorded yet
    note: str = ""
    photo_path: str = ""


@dataclass(frozen=True)
class TaskRow:
    id: int
    plan_id: int
    plan: str
    equipment_id: int | None
    equipment: str
    location: str
    system: str
    due_on: date
    assignee_id: int | None
    assignee: str
    state: str
    overdue: bool
    anomalies: int
    done_by: str
    notes: str
    version: int


@dataclass(frozen=True)
class RecordResult:
    task_id: int
    anomalies: int
    workorder_number: str | None


@dataclass(frozen=True)
class Completion:
    month: str
    due: int
    done: int
    on_time: int

    @property
    def rate(self) -> Decimal | None:
        return None if not self.due else (Decimal(self.done * 100) / self.due).quantize(Decimal("0.1"))


class PlanService(RegisterService):
    model = PmPlan
    what = "维保计划"
    view_permission = "equipment.view"
    manage_permission = "equipment.manage"
    search_columns = (PmPlan.name, PmPlan.checklist)
    sort_columns = {"name": PmPlan.name, "system": PmPlan.system, "frequency": PmPlan.frequency,
                    "start_on": PmPlan.start_on}
    filter_columns = {"system": PmPlan.system, "equipment_id": PmPlan.equipment_id, "active": PmPlan.active}
    default_sort = "name"
    form_fields = ("name", "equipment_id", "system", "frequency", "interval_days", "checklist", "assignee_id",
                   "start_on", "active")

    def rows(self, s: Session, objs):
        items = names_by_id(s, Equipment, (p.equipment_id for p in objs), "code", "name")
        staff = names_by_id(s, Staff, (p.assignee_id for p in objs), "name")
        return [PlanRow(p.id, p.name, p.equipment_id, " ".join(items.get(p.equipment_id, ())), p.system,
                        p.frequency, p.interval_days, len(checklist_points(p.checklist)), p.assignee_id,
                        staff.get(p.assignee_id, ("",))[0], p.start_on, p.active, p.version) for p in objs]

    def values(self, row_id: int) -> dict:
        values = super().values(row_id)
        values["active"] = bool(values["active"])
        return values

    def clean(self, s: Session, values: Mapping[str, object], obj: PmPlan | None) -> dict:
        c = Cleaner(values)
        name = c.text("name", "计划名称", required=True)
        equipment_id = c.ref("equipment_id", "设备")
        system = values.get("system")
        if equipment_id is not None:
            item = s.get(Equipment, equipment_id)
            if item is None:
                c.fail("equipment_id", "所选设备不存在")
            else:
                system = system or item.system
        system = c.choice("system", "系统", EquipmentSystem, default=str(system or ""))
        frequency = c.choice("frequency", "周期", Frequency)
        interval = c.integer("interval_days", "间隔天数", minimum=1, maximum=3650)
        if frequency == Frequency.DAYS and interval is None:
            c.fail("interval_days", "周期为“每N天”时请填写间隔天数")
        checklist = c.note("checklist", "检查项", max_len=4000)
        points = checklist_points(checklist)
        if not points:
            c.fail("checklist", "请至少填写一项检查内容(每行一项)")
        elif len(points) > MAX_POINTS or any(len(p) > 200 for p in points):
            c.fail("checklist", f"检查项最多{MAX_POINTS}项, 每项最多200字")
        assignee_id = c.ref("assignee_id", "责任人")
        if assignee_id is not None and s.get(Staff, assignee_id) is None:
            c.fail("assignee_id", "所选责任人不存在")
        active = values.get("active", True)
        return c.done(name=name, equipment_id=equipment_id, system=system, frequency=frequency,
                      interval_days=interval if frequency == Frequency.DAYS else None,
                      checklist="\n".join(points), assignee_id=assignee_id,
                      start_on=c.date("start_on", "开始日期", required=True),
                      active=active not in (False, "0", "false", "False", "", None))

    def after_save(self, s: Session, obj: PmPlan, created: bool) -> None:
        today = self.ctx.clock().date()
        s.execute(  # pending tasks follow the plan's new assignee
            PmTask.__table__.update().where(PmTask.plan_id == obj.id, PmTask.state == TaskState.PENDING)
            .values(assignee_id=obj.assignee_id, equipment_id=obj.equipment_id))
        if obj.active:
            _generate(s, [obj], today, today + timedelta(days=HORIZON_DAYS))


def _generate(s: Session, plans: Iterable[PmPlan], since: date, until: date) -> int:
    made = 0
    for plan in plans:
        days = occurrences(plan.start_on, plan.frequency, plan.interval_days, since, until)
        if not days:
            continue
        have = set(s.scalars(select(PmTask.due_on).where(PmTask.plan_id == plan.id, PmTask.due_on.in_(days))))
        for day in days:
            if day not in have:
                s.add(PmTask(plan_id=plan.id, equipment_id=plan.equipment_id, due_on=day,
                             assignee_id=plan.assignee_id))
                made += 1
    s.flush()
    return made


class MaintenanceService(RegisterService):
    """The tasks: due/overdue lists, recording, generation, completion rate. ``plans`` edits the plans."""

    model = PmTask
    what = "维保任务"
    view_permission = "equipment.view"
    manage_permission = "maintenance.record"
    sort_columns = {"due_on": PmTask.due_on, "state": PmTask.state}
    filter_columns = {"state": PmTask.state, "assignee_id": PmTask.assignee_id, "equipment_id": PmTask.equipment_id}
    default_sort = "due_on"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.plans = PlanService(ctx)

    # ---- listing
    def conditions(self, filters: Filters):
        filters = dict(filters or {})
        query = filters.pop("query", "")
        where = super().conditions(filters)
        today = self.ctx.clock().date()
        scope = filters.get("scope")
        if scope == "today":
            where += [PmTask.state == TaskState.PENDING, PmTask.due_on <= today]
        elif scope == "week":
            where += [PmTask.state == TaskState.PENDING, PmTask.due_on <= today + timedelta(days=7)]
        elif scope == "overdue":
            where += [PmTask.state == TaskState.PENDING, PmTask.due_on < today]
        if filters.get("mine"):
            where.append(PmTask.assignee_id == (self._my_staff_id() or -1))
        if filters.get("month"):
            first, after = month_range(filters["month"])
            where += [PmTask.due_on >= first, PmTask.due_on < after]
        if query:
            from app.search import like_pattern

            pattern = like_pattern(str(query).strip())
            plan_ids = select(PmPlan.id).where(PmPlan.name.like(pattern, escape="\\"))
            item_ids = select(Equipment.id).where(Equipment.code.like(pattern, escape="\\")
                                                  | Equipment.name.like(pattern, escape="\\")
                                                  | Equipment.location.like(pattern, escape="\\"))
            where.append(PmTask.plan_id.in_(plan_ids) | PmTask.equipment_id.in_(item_ids))
        return where

    def _my_staff_id(self) -> int | None:
        from app.models import User

        with self.ctx.read() as s:
            return s.scalar(select(User.staff_id).where(User.id == self.ctx.actor.user_id)) \
                if self.ctx.actor.user_id else None

    def rows(self, s: Session, objs):
        today = self.ctx.clock().date()
        plans = names_by_id(s, PmPlan, (t.plan_id for t in objs), "name", "system")
        items = names_by_id(s, Equipment, (t.equipment_id for t in objs), "code", "name", "location")
        staff = names_by_id(s, Staff, (t.assignee_id for t in objs), "name")
        rows = []
        for t in objs:
            plan, system = plans.get(t.plan_id, ("", ""))
            code, name, location = items.get(t.equipment_id, ("", "", ""))
            rows.append(TaskRow(t.id, t.plan_id, plan, t.equipment_id, f"{code} {name}".strip(), location, system,
                                t.due_on, t.assignee_id, staff.get(t.assignee_id, ("",))[0], t.state,
                                t.state == TaskState.PENDING and t.due_on < today, t.anomalies, t.done_by, t.notes,
                                t.version))
        return rows

    def my_tasks_today(self) -> list[TaskRow]:
        """The signed-in technician's pending tasks due today or earlier."""
        if self._my_staff_id() is None:
            return []
        return self.list({"scope": "today", "mine": True}, 0, 500)

    def points(self, task_id: int) -> list[PointResult]:
        """The checklist of a task: recorded results, or the plan's points still to check."""
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            task = s.get(PmTask, task_id)
            if task is None:
                raise NotFound("维保任务不存在")
            recorded = list(s.scalars(select(PmTaskPoint).where(PmTaskPoint.task_id == task_id)
                                      .order_by(PmTaskPoint.seq)))
            if recorded:
                return [PointResult(p.seq, p.point, p.ok, p.note, p.photo_path) for p in recorded]
            plan = s.get(PmPlan, task.plan_id)
            return [PointResult(i, text, None) for i, text in enumerate(checklist_points(plan.checklist), 1)]

    # ---- generation
    def generate(self, since: date | None = None, until: date | None = None) -> int:
        """Create the missing tasks of every active plan from ``since`` (today) to ``until`` (horizon)."""
        self.ctx.require("equipment.manage")
        today = self.ctx.clock().date()
        with self.ctx.write() as s:
            plans = list(s.scalars(select(PmPlan).where(PmPlan.active.is_(True))))
            return _generate(s, plans, since or today, until or today + timedelta(days=HORIZON_DAYS))

    # ---- recording
    def record(self, task_id: int, results: Iterable[Mapping[str, object]], notes: str = "",
               version: object = None, order: Mapping[str, object] | None = None) -> RecordResult:
        """Record a task: one result per checklist point (``ok``; an anomaly needs a ``note``; ``photo_path``
        optional). With ``order`` (intake values: category, description…) and any anomaly, a repair work
        order linked to the task is opened in the same step."""
        self.ctx.require(self.manage_permission)
        points = self.points(task_id)
        results = list(results)
        errors: dict[str, str] = {}
        if len(results) != len(points):
            raise FieldError({"points": f"请逐项填写检查结果(共{len(points)}项)"})
        cleaned = []
        for point, result in zip(points, results, strict=True):
            ok = result.get("ok")
            note = " ".join(str(result.get("note") or "").split())
            photo = str(result.get("photo_path") or "").strip()
            if ok is None:
                errors[f"points.{point.seq}"] = f"第{point.seq}项“{point.point}”: 请选择正常或异常"
            elif not ok and not note:
                errors[f"points.{point.seq}"] = f"第{point.seq}项“{point.point}”: 异常请写明情况"
            elif len(note) > 200 or len(photo) > 255:
                errors[f"points.{point.seq}"] = f"第{point.seq}项: 说明最多200字, 照片路径最多255字"
            cleaned.append(PmTaskPoint(task_id=task_id, seq=point.seq, point=point.point, ok=bool(ok), note=note,
                                       photo_path=photo))
        notes = str(notes or "").strip()
        if len(notes) > 500:
            errors["notes"] = "备注最多500字"
        if errors:
            raise FieldError(errors)
        anomalies = sum(1 for p in cleaned if not p.ok)
        with self.ctx.read() as s:
            task = s.get(PmTask, task_id)
            if task.state != TaskState.PENDING:
                raise StateError("该维保任务已记录, 不能重复记录")
        detail = None
        if order is not None and anomalies:
            from app.services import Services

            described = "; ".join(f"{p.point}: {p.note}" for p in cleaned if not p.ok)
            values = {"description": described, **{k: v for k, v in order.items() if v not in (None, "")}}
            detail = open_linked_workorder(Services(self.ctx), ENTITY, task_id, values)
        with self.ctx.write() as s:
            task = load_versioned(s, PmTask, task_id, version, "维保任务")
            if task.state != TaskState.PENDING:
                raise StateError("该维保任务已记录, 不能重复记录")
            s.add_all(cleaned)
            task.state, task.anomalies, task.notes = TaskState.DONE, anomalies, notes
            task.done_at = self.ctx.clock()
            task.done_by = self.ctx.actor.display_name
        return RecordResult(task_id, anomalies, detail.row.number if detail else None)

    def skip(self, task_id: int, reason: str, version: object = None) -> None:
        self.ctx.require("equipment.manage")
        reason = " ".join(str(reason or "").split())
        if not reason:
            raise FieldError({"notes": "请填写跳过原因"})
        with self.ctx.write() as s:
            task = load_versioned(s, PmTask, task_id, version, "维保任务")
            if task.state != TaskState.PENDING:
                raise StateError("只有待执行的任务可以跳过")
            task.state, task.notes = TaskState.SKIPPED, reason[:500]
            task.done_at, task.done_by = self.ctx.clock(), self.ctx.actor.display_name

    # ---- figures
    def completion(self, month: str) -> Completion:
        """Tasks due in the month (YYYY-MM, skipped ones left out): how many done, and done by the due day."""
        self.ctx.require(self.view_permission)
        first, after = month_range(month)
        with self.ctx.read() as s:
            in_month = (PmTask.due_on >= first, PmTask.due_on < after,
                        PmTask.state != TaskState.SKIPPED)
            due = s.scalar(select(func.count()).select_from(PmTask).where(*in_month)) or 0
            done_tasks = s.execute(select(PmTask.due_on, PmTask.done_at).where(
                *in_month, PmTask.state == TaskState.DONE)).all()
        on_time = sum(1 for due_on, done_at in done_tasks if done_at and done_at.date() <= due_on)
        return Completion(month, int(due), len(done_tasks), on_time)
