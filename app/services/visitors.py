"""访客: visitors in and out at the gate, who is inside now, frequent visitors, the visitor pass slip."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, or_, select

from app.errors import NotFound, StateError
from app.models import Visitor
from app.services.context import ServiceContext
from app.services.fees_payments import unit_labels
from app.services.order_common import Checker, count, page, print_document, resolve_unit
from app.services.sequences import next_number
from app.validators import clean_text, normalize_id_number, normalize_phone, normalize_plate


@dataclass(frozen=True)
class VisitorRow:
    id: int
    pass_no: str
    name: str
    id_number: str  # masked unless the operator may see it in full
    phone: str
    unit: str
    place: str
    purpose: str
    plate: str
    companions: int
    entered_at: datetime
    left_at: datetime | None

    @property
    def inside(self) -> bool:
        return self.left_at is None

    @property
    def visiting(self) -> str:
        return " ".join(filter(None, [self.unit, self.place]))


@dataclass(frozen=True)
class FrequentVisitor:
    """A visitor seen before: the last visit's details, to fill the form in one click."""

    last_id: int
    name: str
    phone: str
    unit: str
    purpose: str
    plate: str
    visits: int


class VisitorService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def _query(self, query: str = "", inside_only: bool = False) -> Select:
        stmt = select(Visitor)
        text = clean_text(query)
        if text:
            like = f"%{text}%"
            stmt = stmt.where(or_(Visitor.name.like(like), Visitor.phone.like(like), Visitor.plate.like(like),
                                  Visitor.pass_no.like(like), Visitor.place.like(like)))
        if inside_only:
            stmt = stmt.where(Visitor.left_at.is_(None))
        return stmt

    def count(self, query: str = "", inside_only: bool = False) -> int:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            return count(s, self._query(query, inside_only))

    def list(self, query: str = "", inside_only: bool = False, offset: int = 0, limit: int = 200) -> list[VisitorRow]:
        self.ctx.require("order.desk")
        stmt = self._query(query, inside_only).order_by(Visitor.entered_at.desc(), Visitor.id.desc())
        with self.ctx.read() as s:
            return self._rows(s, page(s, stmt, offset, limit))

    def get(self, visitor_id: int) -> VisitorRow:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            visitor = s.get(Visitor, visitor_id)
            if visitor is None:
                raise NotFound("访客记录不存在")
            return self._rows(s, [visitor])[0]

    def _rows(self, s, visitors: list[Visitor]) -> list[VisitorRow]:
        units = unit_labels(s, [v.unit_id for v in visitors if v.unit_id])
        return [
            VisitorRow(v.id, v.pass_no, v.name, self.ctx.show_id_number(v.id_number), self.ctx.show_phone(v.phone),
                       units.get(v.unit_id, ("", ""))[0], v.place, v.purpose, v.plate, v.companions, v.entered_at,
                       v.left_at)
            for v in visitors
        ]

    def frequent(self, query: str, limit: int = 8) -> list[FrequentVisitor]:
        """Visitors seen before whose name, phone or plate matches, most frequent first."""
        self.ctx.require("order.desk")
        text = clean_text(query)
        if not text:
            return []
        like = f"%{text}%"
        stmt = (
            select(Visitor.name, Visitor.phone, func.count(), func.max(Visitor.id))
            .where(or_(Visitor.name.like(like), Visitor.phone.like(like), Visitor.plate.like(like)))
            .group_by(Visitor.name, Visitor.phone).order_by(func.count().desc(), func.max(Visitor.id).desc())
            .limit(limit)
        )
        with self.ctx.read() as s:
            found = s.execute(stmt).all()
            last = {v.id: v for v in s.scalars(select(Visitor).where(Visitor.id.in_([r[3] for r in found])))}
            units = unit_labels(s, [v.unit_id for v in last.values() if v.unit_id])
            return [
                FrequentVisitor(last_id, name, self.ctx.show_phone(phone), units.get(last[last_id].unit_id, ("", ""))[0],
                                last[last_id].purpose, last[last_id].plate, visits)
                for name, phone, visits, last_id in found
            ]

    def check_in(self, values: Mapping[str, object], like_visitor_id: int | None = None) -> int:
        """Register a visitor entering. Masked phone/ID values ("138****5678") taken from a frequent visitor's
        earlier visit (``like_visitor_id``) mean "the same as then"."""
        self.ctx.require("order.desk")
        check = Checker(values)
        name = check.text("name", "访客姓名", required=True)
        earlier = None
        if like_visitor_id:
            with self.ctx.read() as s:
                earlier = s.get(Visitor, like_visitor_id)

        def kept(key: str, rule, label: str) -> str:
            raw = clean_text(values.get(key))
            if earlier is not None and "*" in raw:
                return getattr(earlier, key)
            return check(key, rule, raw, label, optional=True) or ""

        id_number = kept("id_number", normalize_id_number, "身份证号")
        phone = kept("phone", normalize_phone, "手机号")
        plate = check("plate", normalize_plate, values.get("plate"), "车牌", optional=True) or ""
        unit_id = resolve_unit(self.ctx, values.get("unit"), check.errors)
        place = check.text("place", "到访地点", max_len=64)
        purpose = check.text("purpose", "来访事由", max_len=64)
        companions = check("companions", _companions, values.get("companions"), "同行人数")
        if not unit_id and not place and "unit" not in check.errors:
            check.errors["unit"] = "请填写到访房号或到访地点"
        check.done()
        now = self.ctx.clock()
        with self.ctx.write() as s:
            visitor = Visitor(
                pass_no=next_number(s, "visitor", "FK", now, width=3), name=name, id_number=id_number,
                phone=phone, unit_id=unit_id, place=place, purpose=purpose, plate=plate,
                companions=companions or 0, entered_at=now,
            )
            s.add(visitor)
            s.flush()
            return visitor.id

    def check_out(self, visitor_id: int) -> VisitorRow:
        self.ctx.require("order.desk")
        with self.ctx.write() as s:
            visitor = s.get(Visitor, visitor_id)
            if visitor is None:
                raise NotFound("访客记录不存在")
            if visitor.left_at is not None:
                raise StateError(f"访客 {visitor.name} 已于 {visitor.left_at:%H:%M} 离开")
            visitor.left_at = self.ctx.clock()
            s.flush()
            return self._rows(s, [visitor])[0]

    def pass_pdf(self, visitor_id: int, page_size: str = "A6") -> bytes:
        """The visitor pass slip (访客单) on A6 or A5; logged as a print."""
        from app.pdf.order_documents import Document

        row = self.get(visitor_id)
        document = Document(
            title="访 客 单", number=row.pass_no,
            facts=(("访客", row.name), ("身份证号", row.id_number or "—"), ("手机号", row.phone or "—"),
                   ("到访", row.visiting), ("事由", row.purpose or "—"), ("车牌", row.plate or "—"),
                   ("同行人数", str(row.companions)), ("进入时间", f"{row.entered_at:%Y-%m-%d %H:%M}")),
            signatures=("被访人签字", "离开时间"),
            footer="请随身携带本单, 离开时交回门岗。",
        )
        return print_document(self.ctx, document, page_size, "visitors", visitor_id)


def _companions(value: object) -> int:
    text = clean_text(value)
    if not text:
        return 0
    if not text.isdigit() or int(text) > 50:
        raise ValueError("应为0-50的整数")
    return int(text)
