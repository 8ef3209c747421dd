"""巡逻: routes with ordered checkpoints and a daily time window; patrol rounds (each checkpoint reached or
missed, anomalies noted — an anomaly opens a work order in one step, linked back through the registers' shared
``open_linked_workorder``); the missed-checkpoint report per
guard and per week."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, func, select

from app.errors import FieldError, NotFound, StateError
from app.models import (
    Category,
    Kind,
    PatrolCheckpoint,
    PatrolRound,
    PatrolRoute,
    PatrolVisit,
    Source,
    Staff,
    Team,
)
from app.services.context import ServiceContext
from app.services.order_common import Checker, count, page, parse_when, text_lines

PATROL_POINT = PatrolCheckpoint.id == PatrolVisit.checkpoint_id


@dataclass(frozen=True)
class RouteRow:
    id: int
    name: str
    window_start: str
    window_end: str
    checkpoints: tuple[tuple[int, str], ...]  # (id, name) in order
    version: int

    @property
    def window(self) -> str:
        return f"{self.window_start}–{self.window_end}" if self.window_start else ""


@dataclass(frozen=True)
class VisitRow:
    id: int
    checkpoint: str
    reached: bool
    anomaly: str
    workorder_id: int | None


@dataclass(frozen=True)
class RoundRow:
    id: int
    route: str
    guard: str
    started_at: datetime
    checkpoints: int
    missed: int
    anomalies: int
    in_window: bool


@dataclass(frozen=True)
class MissedLine:
    """One line of the missed-checkpoint report: a guard in a week (Monday)."""

    guard: str
    week: date
    rounds: int
    checkpoints: int
    missed: int


@dataclass(frozen=True)
class CheckpointResult:
    """What the guard reports for one checkpoint of a round."""

    checkpoint_id: int
    reached: bool = True
    anomaly: str = ""
    open_workorder: bool = False


def _hhmm(value: object, label: str, errors: dict, key: str) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        return datetime.strptime(text, "%H:%M").strftime("%H:%M")
    except ValueError:
        errors[key] = f"{label}格式应为 08:00"
        return ""


class PatrolService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # ---- routes
    def routes(self, active_only: bool = True) -> list[RouteRow]:
        self.ctx.require("order.desk")
        stmt = select(PatrolRoute).order_by(PatrolRoute.id)
        if active_only:
            stmt = stmt.where(PatrolRoute.active.is_(True))
        with self.ctx.read() as s:
            routes = list(s.scalars(stmt))
            points: dict[int, list[tuple[int, str]]] = {}
            for cp in s.scalars(select(PatrolCheckpoint).where(PatrolCheckpoint.route_id.in_([r.id for r in routes]))
                                .order_by(PatrolCheckpoint.route_id, PatrolCheckpoint.seq)):
                points.setdefault(cp.route_id, []).append((cp.id, cp.name))
            return [RouteRow(r.id, r.name, r.window_start, r.window_end, tuple(points.get(r.id, ())), r.version)
                    for r in routes]

    def save_route(self, values: Mapping[str, object], route_id: int | None = None) -> int:
        """A route: name, window_start/window_end (HH:MM), checkpoints (one per line, in walking order).
        Editing keeps the checkpoints already used by rounds (renamed in place) and adds the new ones."""
        self.ctx.require("order.setup")
        check = Checker(values)
        name = check.text("name", "路线名称", required=True)
        start = _hhmm(values.get("window_start"), "开始时间", check.errors, "window_start")
        end = _hhmm(values.get("window_end"), "结束时间", check.errors, "window_end")
        names = text_lines(values.get("checkpoints"))
        if not names:
            check.errors["checkpoints"] = "请填写巡逻点(每行一个, 按巡逻顺序)"
        elif len(set(names)) != len(names):
            check.errors["checkpoints"] = "巡逻点名称有重复"
        check.done()
        with self.ctx.write() as s:
            route = s.get(PatrolRoute, route_id) if route_id else PatrolRoute()
            if route is None:
                raise NotFound("巡逻路线不存在")
            duplicate = s.scalar(select(PatrolRoute.id).where(PatrolRoute.name == name))
            if duplicate is not None and duplicate != route_id:
                raise FieldError({"name": f"已有名为“{name}”的路线"})
            route.name, route.window_start, route.window_end = name, start, end
            s.add(route)
            s.flush()
            existing = list(s.scalars(select(PatrolCheckpoint).where(PatrolCheckpoint.route_id == route.id)
                                      .order_by(PatrolCheckpoint.seq)))
            for seq, cp_name in enumerate(names, 1):
                if seq <= len(existing):
                    existing[seq - 1].name, existing[seq - 1].seq = cp_name, seq
                else:
                    s.add(PatrolCheckpoint(route_id=route.id, seq=seq, name=cp_name))
            for extra in existing[len(names):]:
                extra.seq = 1000 + extra.seq  # kept for the rounds that used it, out of the walking order
            s.flush()
            return route.id

    # ---- rounds
    @staticmethod
    def _rounds(missed_only: bool) -> Select:
        stmt = select(PatrolRound)
        return stmt.where(PatrolRound.missed > 0) if missed_only else stmt

    def count_rounds(self, missed_only: bool = False) -> int:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            return count(s, self._rounds(missed_only))

    def list_rounds(self, missed_only: bool = False, offset: int = 0, limit: int = 200) -> list[RoundRow]:
        self.ctx.require("order.desk")
        stmt = self._rounds(missed_only).order_by(PatrolRound.started_at.desc(), PatrolRound.id.desc())
        with self.ctx.read() as s:
            rounds = page(s, stmt, offset, limit)
            routes = {r.id: r for r in s.scalars(select(PatrolRoute).where(
                PatrolRoute.id.in_({r.route_id for r in rounds})))}
            totals = dict(s.execute(select(PatrolVisit.round_id, func.count()).where(
                PatrolVisit.round_id.in_([r.id for r in rounds])).group_by(PatrolVisit.round_id)).all())
            return [RoundRow(r.id, routes[r.route_id].name, r.guard_name, r.started_at, totals.get(r.id, 0),
                             r.missed, r.anomalies, _in_window(routes[r.route_id], r.started_at)) for r in rounds]

    def visits(self, round_id: int) -> list[VisitRow]:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            return [VisitRow(v.id, name, v.reached, v.anomaly, v.workorder_id) for v, name in s.execute(
                select(PatrolVisit, PatrolCheckpoint.name).join(PatrolCheckpoint, PATROL_POINT)
                .where(PatrolVisit.round_id == round_id).order_by(PatrolCheckpoint.seq))]

    def record_round(self, route_id: int, guard_id: int, results: Iterable[CheckpointResult],
                     started_at: object = None) -> int:
        """Record a walked round; every checkpoint of the route must be reported (reached or missed).
        Anomalies marked ``open_workorder`` each open a 秩序 work order (source 巡逻), linked back."""
        self.ctx.require("order.desk")
        results = list(results)
        now = self.ctx.clock()
        try:
            started = parse_when(started_at, now)
        except ValueError as exc:
            raise FieldError({"started_at": f"巡逻时间{exc}"}) from None
        with self.ctx.write() as s:
            route = s.get(PatrolRoute, route_id)
            if route is None:
                raise NotFound("巡逻路线不存在")
            guard = s.get(Staff, guard_id)
            if guard is None:
                raise FieldError({"guard_id": "请选择巡逻人员"})
            points = dict(s.execute(select(PatrolCheckpoint.id, PatrolCheckpoint.name).where(
                PatrolCheckpoint.route_id == route_id, PatrolCheckpoint.seq < 1000)).all())
            reported = {r.checkpoint_id for r in results}
            if reported != set(points):
                raise FieldError({"results": "请逐个填写本路线的每个巡逻点(到达或漏巡)"})
            patrol = PatrolRound(route_id=route_id, guard_id=guard_id, guard_name=guard.name, started_at=started,
                                 missed=sum(not r.reached for r in results),
                                 anomalies=sum(bool(r.anomaly.strip()) for r in results))
            s.add(patrol)
            s.flush()
            for r in results:
                s.add(PatrolVisit(round_id=patrol.id, checkpoint_id=r.checkpoint_id, reached=r.reached,
                                  anomaly=r.anomaly.strip()))
            s.flush()
            round_id = patrol.id
        for r in results:
            if r.open_workorder and r.anomaly.strip():
                self.open_workorder(round_id, r.checkpoint_id)
        return round_id

    def open_workorder(self, round_id: int, checkpoint_id: int) -> int:
        """Open a work order for the anomaly found at a checkpoint (once); returns the work order's id."""
        from app.services import Services
        from app.services.register_base import open_linked_workorder

        self.ctx.require("workorder.create")
        with self.ctx.read() as s:
            found = s.execute(select(PatrolVisit, PatrolCheckpoint.name, PatrolRoute.name).join(PatrolCheckpoint, PATROL_POINT)
                              .join(PatrolRoute, PatrolRoute.id == PatrolCheckpoint.route_id)
                              .where(PatrolVisit.round_id == round_id,
                                     PatrolVisit.checkpoint_id == checkpoint_id)).first()
        if found is None:
            raise NotFound("巡逻记录不存在")
        visit, point, route = found
        if visit.workorder_id:
            raise StateError("该巡逻异常已开过工单")
        if not visit.anomaly:
            raise FieldError({"anomaly": "该巡逻点没有记录异常"})
        order = open_linked_workorder(Services(self.ctx), "patrol_visits", visit.id, {
            "kind": Kind.REPAIR, "source": Source.PATROL, "category": Category.ORDER, "team": Team.SECURITY,
            "place": f"{route} · {point}", "description": f"巡逻发现: {visit.anomaly}"})
        with self.ctx.write() as s:
            s.get(PatrolVisit, visit.id).workorder_id = order.row.id
        return order.row.id

    # ---- report
    def missed_report(self, since: date, until: date) -> list[MissedLine]:
        """Missed checkpoints per guard and week (weeks start on Monday), ``since``..``until`` inclusive."""
        self.ctx.require("order.desk")
        start = datetime.combine(since, datetime.min.time())
        end = datetime.combine(until + timedelta(days=1), datetime.min.time())
        with self.ctx.read() as s:
            rows = s.execute(
                select(PatrolRound.guard_name, PatrolRound.started_at, PatrolRound.missed, func.count(PatrolVisit.id))
                .join(PatrolVisit, PatrolVisit.round_id == PatrolRound.id)
                .where(PatrolRound.started_at >= start, PatrolRound.started_at < end)
                .group_by(PatrolRound.id, PatrolRound.guard_name, PatrolRound.started_at, PatrolRound.missed)).all()
        lines: dict[tuple[str, date], list[int]] = {}
        for guard, started, missed, points in rows:
            week = started.date() - timedelta(days=started.weekday())
            acc = lines.setdefault((guard, week), [0, 0, 0])
            acc[0] += 1
            acc[1] += points
            acc[2] += missed
        return [MissedLine(g, w, *acc) for (g, w), acc in sorted(lines.items(), key=lambda kv: (kv[0][1], kv[0][0]))]


def _in_window(route: PatrolRoute, started: datetime) -> bool:
    if not route.window_start or not route.window_end:
        return True
    at = f"{started:%H:%M}"
    if route.window_start <= route.window_end:
        return route.window_start <= at <= route.window_end
    return at >= route.window_start or at <= route.window_end  # a night window over midnight
