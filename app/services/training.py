"""培训考核: the one training and assessment register every team shares (date, topic, team, people, score)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import Select, func, select

from app.errors import NotFound
from app.models import TEAM_LABELS, TrainingAttendee, TrainingRecord
from app.money import to_money
from app.services.context import ServiceContext
from app.services.order_common import Checker, count, page, text_lines

MAX_SCORE = Decimal("100")


@dataclass(frozen=True)
class TrainingRow:
    id: int
    team: str
    held_on: date
    topic: str
    trainer: str
    people: int
    average: Decimal | None
    attendees: tuple[tuple[str, Decimal | None], ...]

    @property
    def attendees_text(self) -> str:
        """"张三 95" lines, as the form takes them."""
        return "\n".join(f"{name} {score}" if score is not None else name for name, score in self.attendees)


def parse_attendees(text: object) -> list[tuple[str, Decimal | None]]:
    """One person a line: "张三 95" (score 0–100) or just "张三"; ValueError names the bad line."""
    out = []
    for number, line in enumerate(text_lines(text), 1):
        name, _, score = line.rpartition(" ")
        if not name:  # no score on this line
            name, score = line, ""
        try:
            value = to_money(score) if score else None
        except (ValueError, InvalidOperation):
            name, value = line, None  # a name with a space in it and no score
        if value is not None and not (0 <= value <= MAX_SCORE):
            raise ValueError(f"第{number}行成绩应在0-100之间")
        out.append((name.strip(), value))
    return out


class TrainingService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    @staticmethod
    def _query(team: str | None) -> Select:
        stmt = select(TrainingRecord)
        return stmt.where(TrainingRecord.team == team) if team else stmt

    def count(self, team: str | None = None) -> int:
        self.ctx.require("training.edit")
        with self.ctx.read() as s:
            return count(s, self._query(team))

    def list(self, team: str | None = None, offset: int = 0, limit: int = 200) -> list[TrainingRow]:
        self.ctx.require("training.edit")
        stmt = self._query(team).order_by(TrainingRecord.held_on.desc(), TrainingRecord.id.desc())
        with self.ctx.read() as s:
            records = page(s, stmt, offset, limit)
            people: dict[int, list[tuple[str, Decimal | None]]] = {}
            for a in s.scalars(select(TrainingAttendee).where(TrainingAttendee.record_id.in_([r.id for r in records]))
                               .order_by(TrainingAttendee.id)):
                people.setdefault(a.record_id, []).append((a.name, a.score))
            rows = []
            for r in records:
                who = people.get(r.id, [])
                scores = [sc for _n, sc in who if sc is not None]
                average = to_money(sum(scores) / len(scores)) if scores else None
                rows.append(TrainingRow(r.id, r.team, r.held_on, r.topic, r.trainer, len(who), average, tuple(who)))
            return rows

    def save(self, values: Mapping[str, object], record_id: int | None = None) -> int:
        """``values``: team, held_on, topic, trainer, attendees ("张三 95" a line)."""
        self.ctx.require("training.edit")
        check = Checker(values)
        team = check.choice("team", "班组", TEAM_LABELS)
        held_on = check.date("held_on", "日期", required=True)
        topic = check.text("topic", "培训/考核内容", required=True, max_len=128)
        trainer = check.text("trainer", "讲师/考核人", max_len=64)
        attendees = check("attendees", parse_attendees, values.get("attendees"), "参加人员: ") or []
        if not attendees and "attendees" not in check.errors:
            check.errors["attendees"] = "请填写参加人员(每行一人, 可在姓名后空格加成绩)"
        check.done()
        with self.ctx.write() as s:
            record = s.get(TrainingRecord, record_id) if record_id else TrainingRecord()
            if record is None:
                raise NotFound("培训记录不存在")
            record.team, record.held_on, record.topic, record.trainer = team, held_on, topic, trainer
            s.add(record)
            s.flush()
            for old in s.scalars(select(TrainingAttendee).where(TrainingAttendee.record_id == record.id)):
                s.delete(old)
            for name, score in attendees:
                s.add(TrainingAttendee(record_id=record.id, name=name, score=score))
            s.flush()
            return record.id

    def average_by_person(self, team: str | None = None) -> list[tuple[str, int, Decimal | None]]:
        """(name, sessions, average score) — the assessment summary of a team."""
        self.ctx.require("training.edit")
        stmt = (select(TrainingAttendee.name, func.count(), func.avg(TrainingAttendee.score))
                .join(TrainingRecord).group_by(TrainingAttendee.name).order_by(TrainingAttendee.name))
        if team:
            stmt = stmt.where(TrainingRecord.team == team)
        with self.ctx.read() as s:
            return [(n, c, to_money(a) if a is not None else None) for n, c, a in s.execute(stmt)]
