"""Staff of the five teams (经理/客服/工程/秩序/环境)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from app.errors import FieldError
from app.models import TEAM_LABELS, Staff
from app.services.context import ServiceContext
from app.validators import clean_text, normalize_phone


@dataclass(frozen=True)
class StaffRow:
    id: int
    name: str
    team: str
    position: str
    phone: str
    active: bool


class StaffService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def list_staff(self, team: str | None = None, active_only: bool = True) -> list[StaffRow]:
        if not any(self.ctx.can(p) for p in ("archive.view", "staff.edit", "workorder.handle")):
            self.ctx.require("staff.edit")  # the dispatch lists of every team need it; refuse the rest
        stmt = select(Staff).order_by(Staff.team, Staff.id)
        if team:
            stmt = stmt.where(Staff.team == team)
        if active_only:
            stmt = stmt.where(Staff.active.is_(True))
        show = self.ctx.show_phone
        with self.ctx.read() as s:
            return [StaffRow(m.id, m.name, m.team, m.position, show(m.phone), m.active) for m in s.scalars(stmt)]

    def save_staff(self, values: Mapping[str, object], staff_id: int | None = None) -> int:
        self.ctx.require("staff.edit")
        errors = {}
        name = clean_text(values.get("name"))
        if not name:
            errors["name"] = "姓名不能为空"
        team = values.get("team")
        if team not in TEAM_LABELS:
            errors["team"] = "请选择班组"
        phone = clean_text(values.get("phone"))
        if phone:
            try:
                phone = normalize_phone(phone)
            except ValueError as exc:
                errors["phone"] = str(exc)
        if errors:
            raise FieldError(errors)
        with self.ctx.write() as s:
            member = s.get(Staff, staff_id) if staff_id else Staff()
            member.name, member.team, member.phone = name, team, phone
            member.position = clean_text(values.get("position"))
            member.active = bool(values.get("active", True))
            s.add(member)
            s.flush()
            return member.id
