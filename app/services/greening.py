"""绿化: greening tasks by season — watering, fertilising, pruning, pest control (with the agent used) —
planned, then recorded as done."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.errors import FieldError
from app.models import GreeningKind, GreeningTask, Season, Staff
from app.services.context import ServiceContext
from app.services.records import Fields, count, load, page, require_any

VIEW = ("environment.record", "environment.inspect", "management.report")


def season_of(day: date) -> str:
    return (Season.WINTER, Season.SPRING, Season.SUMMER, Season.AUTUMN)[(day.month % 12) // 3]


@dataclass(frozen=True)
class GreeningRow:
    id: int
    season: str
    kind: str
    place: str
    planned_on: date
    done_on: date | None
    agent: str
    staff_id: int | None
    staff_name: str
    note: str
    version: int

    @property
    def done(self) -> bool:
        return self.done_on is not None


class GreeningService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def save(self, values: Mapping[str, object], task_id: int | None = None) -> int:
        """Plan a task (or change one); a done date records it; pest control done needs the agent used."""
        self.ctx.require("environment.record")
        f = Fields(values)
        cleaned = {
            "kind": f.choice("kind", GreeningKind, "请选择作业类型"),
            "place": f.text("place", "地点", required=True, max_len=64),
            "planned_on": f.day("planned_on", "计划日期"),
            "done_on": f.day("done_on", "完成日期", required=False),
            "agent": f.text("agent", "药剂/肥料", max_len=64),
            "staff_id": f.optional_id("staff_id"),
            "note": f.text("note", "备注"),
        }
        if cleaned["kind"] == GreeningKind.PEST_CONTROL and cleaned["done_on"] and not cleaned["agent"]:
            f.add("agent", "病虫害防治完成时须登记所用药剂")
        f.done()
        cleaned["season"] = season_of(cleaned["planned_on"])
        with self.ctx.write() as s:
            if cleaned["staff_id"] and s.get(Staff, cleaned["staff_id"]) is None:
                raise FieldError({"staff_id": "所选员工不存在"})
            task = load(s, GreeningTask, task_id, "绿化任务", values.get("version")) if task_id else GreeningTask()
            for key, value in cleaned.items():
                setattr(task, key, value)
            s.add(task)
            s.flush()
            return task.id

    def _query(self, season: str | None, kind: str | None, state: str | None, year: int | None):
        stmt = select(GreeningTask, Staff.name).outerjoin(Staff, Staff.id == GreeningTask.staff_id)
        if season:
            stmt = stmt.where(GreeningTask.season == season)
        if kind:
            stmt = stmt.where(GreeningTask.kind == kind)
        if state == "open":
            stmt = stmt.where(GreeningTask.done_on.is_(None))
        elif state == "done":
            stmt = stmt.where(GreeningTask.done_on.is_not(None))
        if year:
            stmt = stmt.where(GreeningTask.planned_on >= date(year, 1, 1), GreeningTask.planned_on <= date(year, 12, 31))
        return stmt

    def count(self, season: str | None = None, kind: str | None = None, state: str | None = None,
              year: int | None = None) -> int:
        require_any(self.ctx, *VIEW)
        with self.ctx.read() as s:
            return count(s, self._query(season, kind, state, year))

    def list(self, season: str | None = None, kind: str | None = None, state: str | None = None,
             year: int | None = None, offset: int = 0, limit: int = 200, sort: str | None = None,
             descending: bool = False) -> list[GreeningRow]:
        require_any(self.ctx, *VIEW)
        order = {"planned_on": GreeningTask.planned_on, "kind": GreeningTask.kind, "done_on": GreeningTask.done_on}
        with self.ctx.read() as s:
            return [GreeningRow(t.id, t.season, t.kind, t.place, t.planned_on, t.done_on, t.agent, t.staff_id,
                                name or "", t.note, t.version)
                    for t, name in page(s, self._query(season, kind, state, year), order, sort, descending, offset,
                                        limit, "planned_on")]
