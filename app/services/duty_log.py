"""值班记录: the duty log of the gate (门岗) and the monitoring room (监控中心), and the shift handover
(交接班) — open matters the next shift must acknowledge; unacknowledged handovers are shown at login."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select

from app.errors import FieldError, NotFound, StateError
from app.models import DutyEntry, Handover, Post
from app.services.context import ServiceContext
from app.services.order_common import Checker, actor_name, count, page


@dataclass(frozen=True)
class DutyRow:
    """A log line or a handover (``kind`` "entry"/"handover") in one list, newest first."""

    id: int
    kind: str
    post: str
    at: datetime
    author: str
    text: str
    acknowledged_by: str = ""
    acknowledged_at: datetime | None = None


class DutyLogService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    @staticmethod
    def _entries(post: str | None) -> Select:
        stmt = select(DutyEntry)
        return stmt.where(DutyEntry.post == post) if post else stmt

    def count(self, post: str | None = None) -> int:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            return count(s, self._entries(post))

    def list(self, post: str | None = None, offset: int = 0, limit: int = 200) -> list[DutyRow]:
        self.ctx.require("order.desk")
        stmt = self._entries(post).order_by(DutyEntry.at.desc(), DutyEntry.id.desc())
        with self.ctx.read() as s:
            return [DutyRow(e.id, "entry", e.post, e.at, e.author, e.text) for e in page(s, stmt, offset, limit)]

    def add_entry(self, post: str, text: str) -> int:
        self.ctx.require("order.desk")
        check = Checker({"post": post, "text": text})
        check.choice("post", "岗位", Post)
        body = check.lines("text", "值班内容", required=True)
        check.done()
        with self.ctx.write() as s:
            entry = DutyEntry(post=post, at=self.ctx.clock(), author=actor_name(self.ctx), text=body)
            s.add(entry)
            s.flush()
            return entry.id

    # ---- handovers
    def hand_over(self, post: str, matters: str) -> int:
        """交班: what the next shift must know (open matters, one per line)."""
        self.ctx.require("order.desk")
        check = Checker({"post": post})
        check.choice("post", "岗位", Post)
        text = str(matters or "").strip()
        if not text:
            check.errors["matters"] = "请填写交接事项(没有遗留事项也请写“无”)"
        check.done()
        with self.ctx.write() as s:
            handover = Handover(post=post, at=self.ctx.clock(), from_user_id=self.ctx.actor.user_id,
                                from_name=actor_name(self.ctx), matters=text)
            s.add(handover)
            s.flush()
            return handover.id

    def handovers(self, post: str | None = None, limit: int = 50) -> list[DutyRow]:
        self.ctx.require("order.desk")
        stmt = select(Handover).order_by(Handover.at.desc(), Handover.id.desc()).limit(limit)
        if post:
            stmt = stmt.where(Handover.post == post)
        with self.ctx.read() as s:
            return [_handover_row(h) for h in s.scalars(stmt)]

    def pending(self) -> list[DutyRow]:
        """Handovers waiting for the next shift — those another operator wrote, not yet acknowledged.
        Empty for operators without the right (the login check calls this for everyone)."""
        if not self.ctx.can("order.desk"):
            return []
        stmt = select(Handover).where(Handover.acknowledged_at.is_(None)).order_by(Handover.at)
        if self.ctx.actor.user_id is not None:
            stmt = stmt.where((Handover.from_user_id.is_(None)) | (Handover.from_user_id != self.ctx.actor.user_id))
        with self.ctx.read() as s:
            return [_handover_row(h) for h in s.scalars(stmt)]

    def acknowledge(self, handover_id: int) -> DutyRow:
        """接班: the next shift confirms it has read the handover."""
        self.ctx.require("order.desk")
        with self.ctx.write() as s:
            handover = s.get(Handover, handover_id)
            if handover is None:
                raise NotFound("交接班记录不存在")
            if handover.acknowledged_at is not None:
                raise StateError(f"该交接班已由 {handover.acknowledged_by} 于 {handover.acknowledged_at:%m-%d %H:%M} 确认")
            if handover.from_user_id is not None and handover.from_user_id == self.ctx.actor.user_id:
                raise FieldError({"": "交班人不能自己确认接班, 请由下一班确认"})
            handover.acknowledged_at = self.ctx.clock()
            handover.acknowledged_by = actor_name(self.ctx)
            s.flush()
            return _handover_row(handover)


def _handover_row(h: Handover) -> DutyRow:
    return DutyRow(h.id, "handover", h.post, h.at, h.from_name, h.matters, h.acknowledged_by, h.acknowledged_at)
