"""应急预案 and incidents: a library of plans (steps, roles, call tree); an incident — or a drill — opened from a
plan records time-stamped steps, people, outcome and follow-up, escalates to the manager and prints a report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select

from app.errors import NotFound, StateError
from app.models import ORDER_LABELS, EmergencyPlan, Incident, IncidentStep, PlanKind
from app.services.context import ServiceContext
from app.services.order_common import Checker, actor_name, count, page, parse_when, print_document, text_lines
from app.services.sequences import next_number


@dataclass(frozen=True)
class PlanRow:
    id: int
    kind: str
    title: str
    steps: tuple[str, ...]
    roles: str
    call_tree: str
    version: int


@dataclass(frozen=True)
class StepRow:
    at: datetime
    by: str
    text: str


@dataclass(frozen=True)
class IncidentRow:
    id: int
    number: str
    kind: str
    plan: str
    drill: bool
    place: str
    summary: str
    started_at: datetime
    closed_at: datetime | None
    escalated_at: datetime | None

    @property
    def state(self) -> str:
        return "closed" if self.closed_at else ("escalated" if self.escalated_at else "open")


@dataclass(frozen=True)
class IncidentDetail:
    row: IncidentRow
    plan_steps: tuple[str, ...]
    steps: tuple[StepRow, ...]
    people: str
    outcome: str
    follow_up: str


class IncidentService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # ---- plans
    def plans(self) -> list[PlanRow]:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            return [_plan_row(p) for p in s.scalars(select(EmergencyPlan).order_by(EmergencyPlan.id))]

    def save_plan(self, values: Mapping[str, object], plan_id: int | None = None) -> int:
        self.ctx.require("order.setup")
        check = Checker(values)
        kind = check.choice("kind", "预案类型", PlanKind)
        title = check.text("title", "预案名称", required=True)
        steps = text_lines(values.get("steps"))
        if not steps:
            check.errors["steps"] = "请填写处置步骤(每行一步)"
        check.done()
        with self.ctx.write() as s:
            plan = s.get(EmergencyPlan, plan_id) if plan_id else EmergencyPlan()
            if plan is None:
                raise NotFound("预案不存在")
            if plan_id and values.get("version") is not None and int(values["version"]) != plan.version:
                raise StateError("该预案已被他人修改, 请重新打开后再保存")
            duplicate = s.scalar(select(EmergencyPlan.id).where(EmergencyPlan.title == title))
            if duplicate is not None and duplicate != plan_id:
                check.errors["title"] = f"已有名为“{title}”的预案"
                check.done()
            plan.kind, plan.title, plan.steps = kind, title, "\n".join(steps)
            plan.roles = str(values.get("roles") or "").strip()
            plan.call_tree = str(values.get("call_tree") or "").strip()
            s.add(plan)
            s.flush()
            return plan.id

    # ---- incidents
    @staticmethod
    def _query(state: str | None, drill: bool | None) -> Select:
        stmt = select(Incident)
        if state == "open":
            stmt = stmt.where(Incident.closed_at.is_(None))
        elif state == "escalated":
            stmt = stmt.where(Incident.escalated_at.is_not(None), Incident.closed_at.is_(None))
        elif state == "closed":
            stmt = stmt.where(Incident.closed_at.is_not(None))
        if drill is not None:
            stmt = stmt.where(Incident.drill.is_(drill))
        return stmt

    def count(self, state: str | None = None, drill: bool | None = None) -> int:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            return count(s, self._query(state, drill))

    def list(self, state: str | None = None, drill: bool | None = None, offset: int = 0,
             limit: int = 200) -> list[IncidentRow]:
        self.ctx.require("order.desk")
        stmt = self._query(state, drill).order_by(Incident.started_at.desc(), Incident.id.desc())
        with self.ctx.read() as s:
            return self._rows(s, page(s, stmt, offset, limit))

    @staticmethod
    def _rows(s, incidents: list[Incident]) -> list[IncidentRow]:
        titles = dict(s.execute(select(EmergencyPlan.id, EmergencyPlan.title)
                                .where(EmergencyPlan.id.in_({i.plan_id for i in incidents if i.plan_id}))).all())
        return [IncidentRow(i.id, i.number, i.kind, titles.get(i.plan_id, ""), i.drill, i.place, i.summary,
                            i.started_at, i.closed_at, i.escalated_at) for i in incidents]

    def get(self, incident_id: int) -> IncidentDetail:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            incident = _load(s, incident_id)
            plan = s.get(EmergencyPlan, incident.plan_id) if incident.plan_id else None
            steps = s.scalars(select(IncidentStep).where(IncidentStep.incident_id == incident_id)
                              .order_by(IncidentStep.at, IncidentStep.id))
            return IncidentDetail(self._rows(s, [incident])[0], _plan_row(plan).steps if plan else (),
                                  tuple(StepRow(st.at, st.by, st.text) for st in steps), incident.people,
                                  incident.outcome, incident.follow_up)

    def open(self, plan_id: int | None, values: Mapping[str, object]) -> int:
        """An incident (or a drill, ``values["drill"]``) from a plan; its kind is the plan's."""
        self.ctx.require("order.desk")
        check = Checker(values)
        place = check.text("place", "地点", required=True, max_len=128)
        summary = check.lines("summary", "情况简述", max_len=500)
        now = self.ctx.clock()
        started = check("started_at", lambda v: parse_when(v, now), values.get("started_at"), "发生时间")
        check.done()
        drill = bool(values.get("drill"))
        with self.ctx.write() as s:
            plan = s.get(EmergencyPlan, plan_id) if plan_id else None
            if plan_id and plan is None:
                raise NotFound("预案不存在")
            kind = plan.kind if plan else str(values.get("kind") or PlanKind.SECURITY)
            incident = Incident(number=next_number(s, "incident", "YL" if drill else "AQ", now, width=3),
                                plan_id=plan_id, kind=kind, drill=drill, place=place, summary=summary,
                                started_at=started)
            s.add(incident)
            s.flush()
            s.add(IncidentStep(incident_id=incident.id, at=now, by=actor_name(self.ctx),
                               text=("演练开始" if drill else "接报/启动预案") + (f": {plan.title}" if plan else "")))
            return incident.id

    def add_step(self, incident_id: int, text: str, at: object = None) -> None:
        self.ctx.require("order.desk")
        check = Checker({"text": text})
        body = check.text("text", "处置内容", required=True, max_len=500)
        now = self.ctx.clock()
        when = check("at", lambda v: parse_when(v, now), at, "时间")
        check.done()
        with self.ctx.write() as s:
            incident = _load(s, incident_id)
            _open_only(incident)
            s.add(IncidentStep(incident_id=incident_id, at=when, by=actor_name(self.ctx), text=body))

    def escalate(self, incident_id: int, note: str = "") -> None:
        """上报经理: the incident shows in the manager's 事件上报 list until closed."""
        self.ctx.require("order.desk")
        with self.ctx.write() as s:
            incident = _load(s, incident_id)
            _open_only(incident)
            if incident.escalated_at is not None:
                raise StateError(f"事件 {incident.number} 已于 {incident.escalated_at:%m-%d %H:%M} 上报经理")
            now = self.ctx.clock()
            incident.escalated_at = now
            s.add(IncidentStep(incident_id=incident_id, at=now, by=actor_name(self.ctx),
                               text="上报经理" + (f": {note.strip()}" if note and note.strip() else "")))

    def close(self, incident_id: int, values: Mapping[str, object]) -> None:
        """结案: people involved, outcome (required) and follow-up."""
        self.ctx.require("order.desk")
        check = Checker(values)
        outcome = check.lines("outcome", "处置结果", required=True, max_len=2000)
        check.done()
        with self.ctx.write() as s:
            incident = _load(s, incident_id)
            _open_only(incident)
            now = self.ctx.clock()
            incident.people = str(values.get("people") or "").strip()
            incident.outcome = outcome
            incident.follow_up = str(values.get("follow_up") or "").strip()
            incident.closed_at = now
            s.add(IncidentStep(incident_id=incident_id, at=now, by=actor_name(self.ctx), text="结案"))

    def report_pdf(self, incident_id: int) -> bytes:
        """The incident (or drill) report on A4; logged as a print."""
        from app.pdf.order_documents import Document

        d = self.get(incident_id)
        r = d.row
        steps = "\n".join(f"{st.at:%m-%d %H:%M}  {st.text}  ({st.by})" for st in d.steps)
        document = Document(
            title="应急演练记录" if r.drill else "突发事件处置报告", number=r.number,

            facts=(("类型", ORDER_LABELS.get(r.kind, r.kind)), ("预案", r.plan or "—"), ("地点", r.place),
                   ("发生时间", f"{r.started_at:%Y-%m-%d %H:%M}"),
                   ("上报经理", f"{r.escalated_at:%Y-%m-%d %H:%M}" if r.escalated_at else "未上报"),
                   ("结案时间", f"{r.closed_at:%Y-%m-%d %H:%M}" if r.closed_at else "处置中")),
            sections=(("情况简述", r.summary), ("处置经过", steps), ("参与人员", d.people), ("处置结果", d.outcome),
                      ("后续跟进", d.follow_up)),
            signatures=("填报人", "秩序主管", "物业经理", "日期"),
        )
        return print_document(self.ctx, document, "A4", "incidents", incident_id)


def _load(s, incident_id: int) -> Incident:
    incident = s.get(Incident, incident_id)
    if incident is None:
        raise NotFound("事件记录不存在")
    return incident


def _open_only(incident: Incident) -> None:
    if incident.closed_at is not None:
        raise StateError(f"事件 {incident.number} 已结案, 不能再更改")


def _plan_row(p: EmergencyPlan) -> PlanRow:
    return PlanRow(p.id, p.kind, p.title, tuple(p.steps.splitlines()), p.roles, p.call_tree, p.version)
