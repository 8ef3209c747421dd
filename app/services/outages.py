"""停水停电通知: planned or known outages (water, power, gas, lift) with the affected buildings and times; the
客服 intake asks :meth:`OutageService.affecting` for the caller's unit before a work order is registered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.errors import NotFound
from app.models import ORDER_LABELS, Building, Outage, OutageKind, Unit
from app.services.context import ServiceContext
from app.services.order_common import Checker, parse_when


@dataclass(frozen=True)
class OutageRow:
    id: int
    kind: str
    buildings: str  # "3栋、5栋" or "全小区"
    starts_at: datetime
    ends_at: datetime
    notice: str
    cancelled: bool

    @property
    def headline(self) -> str:
        """已知停水: 3栋 10:00–14:00 — the line the intake shows."""
        same_day = self.starts_at.date() == self.ends_at.date()
        end = f"{self.ends_at:%H:%M}" if same_day else f"{self.ends_at:%m-%d %H:%M}"
        return f"已知{ORDER_LABELS.get(self.kind, self.kind)}: {self.buildings} {self.starts_at:%m-%d %H:%M}–{end}"


def _ids(text: str) -> list[int]:
    return [int(part) for part in text.strip(",").split(",") if part]


class OutageService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def _rows(self, s, outages: Iterable[Outage]) -> list[OutageRow]:
        names = dict(s.execute(select(Building.id, Building.name)).all())
        return [OutageRow(o.id, o.kind, "、".join(names.get(i, str(i)) for i in _ids(o.buildings)) or "全小区",
                          o.starts_at, o.ends_at, o.notice, o.cancelled) for o in outages]

    def list(self, current_only: bool = True) -> list[OutageRow]:
        """Outages not yet over (or all), soonest first. Any operator of the desk may read them."""
        stmt = select(Outage).order_by(Outage.starts_at.desc() if not current_only else Outage.starts_at)
        if current_only:
            stmt = stmt.where(Outage.ends_at >= self.ctx.clock(), Outage.cancelled.is_(False))
        with self.ctx.read() as s:
            return self._rows(s, s.scalars(stmt.limit(500)))

    def affecting(self, unit_id: int | None) -> list[OutageRow]:
        """Current or coming outages that reach this unit's building (or the whole property)."""
        if not unit_id:
            return []
        now = self.ctx.clock()
        with self.ctx.read() as s:
            building_id = s.scalar(select(Unit.building_id).where(Unit.id == unit_id))
            if building_id is None:
                return []
            found = s.scalars(
                select(Outage).where(Outage.ends_at >= now, Outage.cancelled.is_(False),
                                     (Outage.buildings == "") | Outage.buildings.like(f"%,{building_id},%"))
                .order_by(Outage.starts_at))
            return self._rows(s, found)

    def save(self, values: Mapping[str, object], outage_id: int | None = None) -> int:
        """``values``: kind, building_ids (list of ids; empty = the whole property), starts_at, ends_at, notice."""
        self.ctx.require("outage.edit")
        check = Checker(values)
        kind = check.choice("kind", "类型", OutageKind)
        now = self.ctx.clock()
        starts = check("starts_at", lambda v: parse_when(v, now), values.get("starts_at"), "开始时间")
        ends = check("ends_at", lambda v: parse_when(v, now), values.get("ends_at"), "结束时间")
        if starts and ends and ends <= starts:
            check.errors["ends_at"] = "结束时间应晚于开始时间"
        notice = check.lines("notice", "告知内容", max_len=300)
        building_ids = sorted({int(b) for b in values.get("building_ids") or ()})
        check.done()
        with self.ctx.write() as s:
            known = set(s.scalars(select(Building.id).where(Building.id.in_(building_ids))))
            if len(known) != len(building_ids):
                check.errors["building_ids"] = "所选楼栋不存在"
                check.done()
            outage = s.get(Outage, outage_id) if outage_id else Outage()
            if outage is None:
                raise NotFound("停水停电通知不存在")
            outage.kind, outage.starts_at, outage.ends_at, outage.notice = kind, starts, ends, notice
            outage.buildings = f",{','.join(map(str, building_ids))}," if building_ids else ""
            s.add(outage)
            s.flush()
            return outage.id

    def cancel(self, outage_id: int) -> None:
        self.ctx.require("outage.edit")
        with self.ctx.write() as s:
            outage = s.get(Outage, outage_id)
            if outage is None:
                raise NotFound("停水停电通知不存在")
            outage.cancelled = True
