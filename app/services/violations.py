"""违章: a case (illegal building, blocked fire lane, …) for a unit or a place, taken through staged actions —
劝阻 → 书面整改通知 (printed) → 复查 → 上报 — with deadlines and photos; open cases listed by stage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, select

from app.errors import NotFound, StateError
from app.models import ORDER_LABELS, Violation, ViolationAction, ViolationKind, ViolationStage
from app.services.context import ServiceContext
from app.services.fees_payments import unit_labels
from app.services.order_common import Checker, actor_name, count, page, print_document, resolve_unit
from app.services.sequences import next_number

# the stages in order; each case may move to the next one, to 已结案 (rectified), or back to 复查 after 上报
STAGES = (ViolationStage.DISSUADE, ViolationStage.NOTICE, ViolationStage.RECHECK, ViolationStage.REPORT)
NEXT: dict[str, tuple[str, ...]] = {
    ViolationStage.DISSUADE: (ViolationStage.NOTICE, ViolationStage.CLOSED),
    ViolationStage.NOTICE: (ViolationStage.RECHECK, ViolationStage.CLOSED),
    ViolationStage.RECHECK: (ViolationStage.REPORT, ViolationStage.NOTICE, ViolationStage.CLOSED),
    ViolationStage.REPORT: (ViolationStage.RECHECK, ViolationStage.CLOSED),
    ViolationStage.CLOSED: (),
}


@dataclass(frozen=True)
class ViolationRow:
    id: int
    number: str
    kind: str
    unit: str
    place: str
    description: str
    stage: str
    deadline: date | None
    photos: tuple[str, ...]
    opened_at: datetime
    overdue: bool

    @property
    def where(self) -> str:
        return " ".join(filter(None, [self.unit, self.place]))


@dataclass(frozen=True)
class ActionRow:
    stage: str
    at: datetime
    by: str
    note: str


class ViolationService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    @staticmethod
    def _query(stage: str | None) -> Select:
        stmt = select(Violation)
        if stage == "open":
            return stmt.where(Violation.stage != ViolationStage.CLOSED)
        return stmt.where(Violation.stage == stage) if stage else stmt

    def count(self, stage: str | None = "open") -> int:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            return count(s, self._query(stage))

    def list(self, stage: str | None = "open", offset: int = 0, limit: int = 200) -> list[ViolationRow]:
        self.ctx.require("order.desk")
        stmt = self._query(stage).order_by(Violation.opened_at.desc(), Violation.id.desc())
        with self.ctx.read() as s:
            return self._rows(s, page(s, stmt, offset, limit))

    def counts_by_stage(self) -> dict[str, int]:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            out = {stage: 0 for stage in STAGES}
            for stage in s.scalars(select(Violation.stage).where(Violation.stage != ViolationStage.CLOSED)):
                out[stage] = out.get(stage, 0) + 1
            return out

    def _rows(self, s, cases: list[Violation]) -> list[ViolationRow]:
        units = unit_labels(s, [c.unit_id for c in cases if c.unit_id])
        today = self.ctx.clock().date()
        return [ViolationRow(c.id, c.number, c.kind, units.get(c.unit_id, ("", ""))[0], c.place, c.description,
                             c.stage, c.deadline, tuple(filter(None, c.photos.splitlines())), c.opened_at,
                             bool(c.deadline and c.deadline < today and c.stage != ViolationStage.CLOSED))
                for c in cases]

    def get(self, violation_id: int) -> tuple[ViolationRow, list[ActionRow]]:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            case = _load(s, violation_id)
            actions = s.scalars(select(ViolationAction).where(ViolationAction.violation_id == violation_id)
                                .order_by(ViolationAction.at, ViolationAction.id))
            return self._rows(s, [case])[0], [ActionRow(a.stage, a.at, a.by, a.note) for a in actions]

    def open(self, values: Mapping[str, object]) -> int:
        """A new case at stage 劝阻: kind, unit (3-1-1502) and/or place, description, deadline, photos (paths)."""
        self.ctx.require("order.desk")
        check = Checker(values)
        kind = check.choice("kind", "违章类型", ViolationKind)
        unit_id = resolve_unit(self.ctx, values.get("unit"), check.errors)
        place = check.text("place", "地点", max_len=128)
        if not unit_id and not place and "unit" not in check.errors:
            check.errors["unit"] = "请填写房号或地点"
        description = check.lines("description", "违章情况", required=True, max_len=2000)
        deadline = check.date("deadline", "整改期限")
        check.done()
        now = self.ctx.clock()
        with self.ctx.write() as s:
            case = Violation(number=next_number(s, "violation", "WZ", now, width=3), kind=kind, unit_id=unit_id,
                             place=place, description=description, deadline=deadline, opened_at=now,
                             photos="\n".join(str(p) for p in values.get("photos") or ()),
                             stage=ViolationStage.DISSUADE)
            s.add(case)
            s.flush()
            s.add(ViolationAction(violation_id=case.id, stage=ViolationStage.DISSUADE, at=now,
                                  by=actor_name(self.ctx), note=str(values.get("note") or "现场劝阻")))
            return case.id

    def advance(self, violation_id: int, stage: str, note: str = "", deadline: object = None) -> ViolationRow:
        """Move the case to ``stage`` (the next step, 复查 again, or 已结案), with a note and a new deadline."""
        self.ctx.require("order.desk")
        check = Checker({"deadline": deadline})
        new_deadline = check.date("deadline", "整改期限")
        check.done()
        with self.ctx.write() as s:
            case = _load(s, violation_id)
            if stage not in NEXT[case.stage]:
                raise StateError(f"违章 {case.number} 当前为“{ORDER_LABELS[case.stage]}”, "
                                 f"不能转为“{ORDER_LABELS.get(stage, stage)}”")
            now = self.ctx.clock()
            case.stage = stage
            if new_deadline:
                case.deadline = new_deadline
            s.add(ViolationAction(violation_id=violation_id, stage=stage, at=now, by=actor_name(self.ctx),
                                  note=note.strip()))
            s.flush()
            return self._rows(s, [case])[0]

    def add_photo(self, violation_id: int, path: str) -> None:
        self.ctx.require("order.desk")
        with self.ctx.write() as s:
            case = _load(s, violation_id)
            case.photos = "\n".join(filter(None, [*case.photos.splitlines(), str(path)]))

    def notice_pdf(self, violation_id: int) -> bytes:
        """书面整改通知 (written rectification notice) on A4; logged as a print."""
        from app.pdf.order_documents import Document

        row, _actions = self.get(violation_id)
        if row.stage not in (ViolationStage.NOTICE, ViolationStage.RECHECK, ViolationStage.REPORT):
            raise StateError(f"违章 {row.number} 尚未进入“书面整改通知”阶段")
        deadline = f"{row.deadline:%Y年%m月%d日}" if row.deadline else "接到本通知之日起七日内"
        document = Document(
            title="整 改 通 知 书", number=row.number,
            facts=(("房号/地点", row.where), ("违章类型", ORDER_LABELS.get(row.kind, row.kind)),
                   ("发现时间", f"{row.opened_at:%Y-%m-%d %H:%M}"), ("整改期限", deadline)),
            sections=(("违章情况", row.description),
                      ("整改要求", f"经查, 上述行为违反《物业管理条例》及本小区管理规约。请于 {deadline} 自行整改完毕"
                                   "并恢复原状。逾期未整改的, 物业服务中心将报请有关行政主管部门依法处理。")),
            signatures=("物业服务中心(盖章)", "签发日期", "被通知人签收", "签收日期"),
            footer="本通知一式两份, 物业服务中心与被通知人各执一份。",
        )
        return print_document(self.ctx, document, "A4", "violations", violation_id)


def _load(s, violation_id: int) -> Violation:
    case = s.get(Violation, violation_id)
    if case is None:
        raise NotFound("违章记录不存在")
    return case
