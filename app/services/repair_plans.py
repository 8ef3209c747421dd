"""大中修计划: planned major/medium repairs — budget and schedule, approval, actual cost and acceptance,
and the year's plan against actual."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import StateError
from app.models import Equipment, EquipmentSystem, RepairPlan, RepairScale, RepairState
from app.money import ZERO, to_money
from app.services.register_base import Cleaner, RegisterService, load_versioned, names_by_id


@dataclass(frozen=True)
class RepairPlanRow:
    id: int
    year: int
    title: str
    scale: str
    system: str
    equipment_id: int | None
    equipment: str
    budget: Decimal
    planned_start: date | None
    planned_end: date | None
    state: str
    approved_by: str
    actual_cost: Decimal | None
    accepted_on: date | None
    acceptance_note: str
    notes: str
    version: int

    @property
    def variance(self) -> Decimal | None:
        return None if self.actual_cost is None else self.actual_cost - self.budget


@dataclass(frozen=True)
class YearSummary:
    year: int
    plans: int
    budget: Decimal  # of plans not cancelled
    approved_budget: Decimal
    accepted: int
    actual: Decimal  # actual cost of accepted plans


class RepairPlanService(RegisterService):
    model = RepairPlan
    what = "大中修计划"
    view_permission = "equipment.view"
    manage_permission = "equipment.manage"
    search_columns = (RepairPlan.title, RepairPlan.notes)
    sort_columns = {"year": RepairPlan.year, "title": RepairPlan.title, "budget": RepairPlan.budget,
                    "planned_start": RepairPlan.planned_start, "state": RepairPlan.state}
    filter_columns = {"year": RepairPlan.year, "state": RepairPlan.state, "system": RepairPlan.system}
    default_sort = "planned_start"
    form_fields = ("year", "title", "scale", "system", "equipment_id", "budget", "planned_start", "planned_end",
                   "notes")

    def rows(self, s: Session, objs):
        items = names_by_id(s, Equipment, (p.equipment_id for p in objs), "code", "name")
        return [RepairPlanRow(p.id, p.year, p.title, p.scale, p.system, p.equipment_id,
                              " ".join(items.get(p.equipment_id, ())), p.budget, p.planned_start, p.planned_end, p.state,
                              p.approved_by, p.actual_cost, p.accepted_on, p.acceptance_note, p.notes, p.version)
                for p in objs]

    def clean(self, s: Session, values: Mapping[str, object], obj: RepairPlan | None) -> dict:
        if obj is not None and obj.state != RepairState.DRAFT:
            raise StateError("计划已审批, 不能再修改; 如需变更请取消后重新申报")
        c = Cleaner(values)
        start, end = c.date("planned_start", "计划开始"), c.date("planned_end", "计划完成")
        year = c.integer("year", "年度", required=True, minimum=2000, maximum=2100)
        if start and end and end < start:
            c.fail("planned_end", "计划完成不能早于开始")
        if start and year and start.year != year:
            c.fail("planned_start", "计划开始应在所填年度内")
        equipment_id = c.ref("equipment_id", "设备")
        if equipment_id is not None and s.get(Equipment, equipment_id) is None:
            c.fail("equipment_id", "所选设备不存在")
        return c.done(year=year, title=c.text("title", "项目名称", required=True, max_len=128),
                      scale=c.choice("scale", "类别(大修/中修)", RepairScale),
                      system=c.choice("system", "系统", EquipmentSystem), equipment_id=equipment_id,
                      budget=c.money("budget", "预算", required=True), planned_start=start, planned_end=end,
                      notes=c.note("notes", "说明"))

    # ---- workflow: 待审批 → 已批准 → 已验收; 待审批/已批准 → 已取消
    def approve(self, plan_id: int, version: object = None) -> None:
        self.ctx.require("repairplan.approve")
        with self.ctx.write() as s:
            plan = load_versioned(s, RepairPlan, plan_id, version, self.what)
            if plan.state != RepairState.DRAFT:
                raise StateError("只有待审批的计划可以批准")
            plan.state, plan.approved_by, plan.approved_at = (RepairState.APPROVED, self.ctx.actor.display_name,
                                                              self.ctx.clock())

    def accept(self, plan_id: int, actual_cost: object, note: str = "", accepted_on: object = None,
               version: object = None) -> None:
        """验收: the work is done; record its actual cost and the acceptance note."""
        self.ctx.require(self.manage_permission)
        c = Cleaner({"actual_cost": actual_cost, "note": note, "accepted_on": accepted_on})
        values = c.done(actual_cost=c.money("actual_cost", "实际费用", required=True),
                        acceptance_note=c.text("note", "验收意见", max_len=500),
                        accepted_on=c.date("accepted_on", "验收日期") or self.ctx.clock().date())
        with self.ctx.write() as s:
            plan = load_versioned(s, RepairPlan, plan_id, version, self.what)
            if plan.state != RepairState.APPROVED:
                raise StateError("只有已批准的计划可以验收")
            for key, value in values.items():
                setattr(plan, key, value)
            plan.state = RepairState.ACCEPTED

    def cancel(self, plan_id: int, reason: str, version: object = None) -> None:
        self.ctx.require(self.manage_permission)
        reason = " ".join(str(reason or "").split())
        if not reason:
            from app.errors import FieldError

            raise FieldError({"reason": "请填写取消原因"})
        with self.ctx.write() as s:
            plan = load_versioned(s, RepairPlan, plan_id, version, self.what)
            if plan.state not in (RepairState.DRAFT, RepairState.APPROVED):
                raise StateError("已验收或已取消的计划不能取消")
            plan.state = RepairState.CANCELLED
            plan.notes = f"{plan.notes}\n取消: {reason}".strip()[:2000]

    def year_summary(self, year: int) -> YearSummary:
        """The year's plan against actual: budgets of live plans, approved budget, accepted plans' actual cost."""
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            rows = s.execute(select(RepairPlan.state, func.count(), func.sum(RepairPlan.budget),
                                    func.sum(RepairPlan.actual_cost))
                             .where(RepairPlan.year == year).group_by(RepairPlan.state)).all()
        by_state = {state: (n, to_money(b or 0), to_money(a or 0)) for state, n, b, a in rows}
        live = [v for k, v in by_state.items() if k != RepairState.CANCELLED]
        approved = [v for k, v in by_state.items() if k in (RepairState.APPROVED, RepairState.ACCEPTED)]
        accepted = by_state.get(RepairState.ACCEPTED, (0, ZERO, ZERO))
        return YearSummary(year, sum(n for n, _b, _a in live), to_money(sum((b for _n, b, _a in live), ZERO)),
                           to_money(sum((b for _n, b, _a in approved), ZERO)), accepted[0], accepted[2])
