"""绿化: greening tasks by season — watering, fertilising, pruning, pest control (with the agent used) —
planned, then recorded as done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.models import GreeningKind, GreeningTask, Season, Staff
from app.services.register_base import Cleaner, RegisterService


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
    staff_name: str
    note: str

    @property
    def done(self) -> bool:
        return self.done_on is not None


class GreeningService(RegisterService):
    """Plan a task (or change one); a done date records it; pest control done needs the agent used."""

    model = GreeningTask
    what = "绿化任务"
    view_permission = manage_permission = "environment.record"
    search_columns = (GreeningTask.place, GreeningTask.agent, GreeningTask.note)
    sort_columns = {"planned_on": GreeningTask.planned_on, "kind": GreeningTask.kind,
                    "done_on": GreeningTask.done_on}
    filter_columns = {"season": GreeningTask.season, "kind": GreeningTask.kind}
    default_sort = "planned_on"
    form_fields = ("kind", "place", "planned_on", "done_on", "agent", "staff_id", "note")

    def conditions(self, filters):
        where = super().conditions(filters)
        state = filters.get("state")
        if state == "open":
            where.append(GreeningTask.done_on.is_(None))
        elif state == "done":
            where.append(GreeningTask.done_on.is_not(None))
        return where

    def rows(self, s, objs) -> list[GreeningRow]:
        names = dict(s.execute(select(Staff.id, Staff.name).where(Staff.id.in_({t.staff_id for t in objs}))).all())
        return [GreeningRow(t.id, t.season, t.kind, t.place, t.planned_on, t.done_on, t.agent,
                            names.get(t.staff_id, ""), t.note) for t in objs]

    def to_row(self, s, obj) -> GreeningRow:
        return self.rows(s, [obj])[0]

    def clean(self, s, values, obj) -> dict:
        c = Cleaner(values)
        cleaned = {
            "kind": c.choice("kind", "作业类型", GreeningKind),
            "place": c.text("place", "地点", required=True),
            "planned_on": c.date("planned_on", "计划日期", required=True),
            "done_on": c.date("done_on", "完成日期"),
            "agent": c.text("agent", "药剂/肥料"),
            "staff_id": c.ref("staff_id", "负责人"),
            "note": c.text("note", "备注", max_len=200),
        }
        if cleaned["kind"] == GreeningKind.PEST_CONTROL and cleaned["done_on"] and not cleaned["agent"]:
            c.fail("agent", "病虫害防治完成时须登记所用药剂")
        if cleaned["staff_id"] and s.get(Staff, cleaned["staff_id"]) is None:
            c.fail("staff_id", "所选员工不存在")
        result = c.done(**cleaned)
        result["season"] = season_of(result["planned_on"])
        return result
