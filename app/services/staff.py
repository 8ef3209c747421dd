"""Staff of the five teams (经理/客服/工程/秩序/环境), their required positions (定岗定编) and the vacancies.

Adding, editing and deactivating staff or positions needs ``staff.edit``; the dispatch lists of every team
only need to see the names. A staff member is never deleted (work orders name them): 停用 instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from app.errors import FieldError, NotFound, ServiceError
from app.models import TEAM_LABELS, Staff, StaffPosition, Team, User
from app.services.context import ServiceContext
from app.validators import clean_text, normalize_phone, parse_date


@dataclass(frozen=True)
class StaffRow:
    id: int
    name: str
    team: str
    position: str
    phone: str
    active: bool
    company: str = ""  # an outsourced worker's company; "" for own staff
    hired_on: date | None = None
    username: str = ""  # the login account linked to this person, if any
    version: int = 1

    @property
    def outsourced(self) -> bool:
        return bool(self.company)


@dataclass(frozen=True)
class PositionRow:
    id: int
    team: str
    name: str
    required: int
    filled: int  # active staff of the team holding this position

    @property
    def vacant(self) -> int:
        return max(self.required - self.filled, 0)


TEAM_ORDER = {team: i for i, team in enumerate(Team)}  # 经理, 客服, 工程, 秩序, 环境 — not by code


class StaffService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def _require_view(self) -> None:
        if not any(self.ctx.can(p) for p in ("archive.view", "staff.edit", "workorder.handle")):
            self.ctx.require("staff.edit")  # the dispatch lists of every team need it; refuse the rest

    def list_staff(self, team: str | None = None, active_only: bool = True) -> list[StaffRow]:
        """Staff by team (经理 first) then by when they were added."""
        self._require_view()
        stmt = (select(Staff, User.username).outerjoin(User, User.staff_id == Staff.id)
                .order_by(Staff.team, Staff.id))
        if team:
            stmt = stmt.where(Staff.team == team)
        if active_only:
            stmt = stmt.where(Staff.active.is_(True))
        show = self.ctx.show_phone
        with self.ctx.read() as s:
            rows = [StaffRow(m.id, m.name, m.team, m.position, show(m.phone), m.active, m.company, m.hired_on,
                             username or "", m.version) for m, username in s.execute(stmt)]
        return sorted(rows, key=lambda r: TEAM_ORDER.get(r.team, len(TEAM_ORDER)))

    def get(self, staff_id: int) -> StaffRow:
        """One member with the phone in full, for the edit form (``staff.edit``)."""
        self.ctx.require("staff.edit")
        with self.ctx.read() as s:
            m = s.get(Staff, staff_id)
            if m is None:
                raise NotFound("员工不存在")
            username = s.scalar(select(User.username).where(User.staff_id == staff_id)) or ""
            return StaffRow(m.id, m.name, m.team, m.position, m.phone, m.active, m.company, m.hired_on, username,
                            m.version)

    @staticmethod
    def check(values: Mapping[str, object]) -> dict[str, object]:
        """Cleaned values or FieldError naming each bad field (the form and the wizard share it)."""
        errors = {}
        clean: dict[str, object] = {
            "name": clean_text(values.get("name")), "team": values.get("team"),
            "position": clean_text(values.get("position")), "company": clean_text(values.get("company")),
            "phone": clean_text(values.get("phone")), "hired_on": None,
        }
        if not clean["name"]:
            errors["name"] = "姓名不能为空"
        elif len(clean["name"]) > 64:
            errors["name"] = "姓名不能超过64个字"
        if clean["team"] not in TEAM_LABELS:
            errors["team"] = "请选择班组"
        if len(clean["position"]) > 32:
            errors["position"] = "岗位不能超过32个字"
        if len(clean["company"]) > 64:
            errors["company"] = "外包单位不能超过64个字"
        if clean["phone"]:
            try:
                clean["phone"] = normalize_phone(clean["phone"])
            except ValueError as exc:
                errors["phone"] = f"电话: {exc}"
        hired = values.get("hired_on")
        if hired not in (None, ""):
            try:
                clean["hired_on"] = parse_date(hired)
            except ValueError as exc:
                errors["hired_on"] = f"入职日期: {exc}"
        if errors:
            raise FieldError(errors)
        return clean

    def save_staff(self, values: Mapping[str, object], staff_id: int | None = None,
                   version: int | None = None) -> int:
        """Add (``staff_id`` None) or edit a member; an edit with the version the form read refuses a stale save."""
        self.ctx.require("staff.edit")
        clean = self.check(values)
        with self.ctx.write() as s:
            if staff_id:
                member = s.get(Staff, staff_id)
                if member is None:
                    raise NotFound("员工不存在")
                if version is not None and member.version != version:
                    raise ServiceError("该员工已被他人修改, 请刷新后重试")
            else:
                member = Staff()
            for key, value in clean.items():
                setattr(member, key, value)
            member.active = bool(values.get("active", member.active if staff_id else True))
            s.add(member)
            s.flush()
            return member.id

    def set_active(self, staff_id: int, active: bool) -> None:
        """停用 (left the office) or 启用 again; open work orders keep naming them."""
        self.ctx.require("staff.edit")
        with self.ctx.write() as s:
            member = s.get(Staff, staff_id)
            if member is None:
                raise NotFound("员工不存在")
            member.active = bool(active)

    # ---- required positions (定岗定编)
    def positions(self) -> list[PositionRow]:
        """Every required position with how many active staff hold it; vacancies = required − filled."""
        self._require_view()
        with self.ctx.read() as s:
            filled = dict(
                ((team, position), n) for team, position, n in s.execute(
                    select(Staff.team, Staff.position, func.count()).where(Staff.active.is_(True))
                    .group_by(Staff.team, Staff.position))
            )
            rows = [PositionRow(p.id, p.team, p.name, p.required, filled.get((p.team, p.name), 0))
                    for p in s.scalars(select(StaffPosition).order_by(StaffPosition.id))]
        return sorted(rows, key=lambda r: TEAM_ORDER.get(r.team, len(TEAM_ORDER)))

    def save_position(self, team: str, name: str, required: object, position_id: int | None = None) -> int:
        self.ctx.require("staff.edit")
        name = clean_text(name)
        errors = {}
        if team not in TEAM_LABELS:
            errors["team"] = "请选择班组"
        if not name:
            errors["name"] = "岗位名称不能为空"
        try:
            count = int(str(required).strip())
            if not 0 <= count <= 999:
                raise ValueError
        except ValueError:
            errors["required"] = "定编人数应为0–999的整数"
        if errors:
            raise FieldError(errors)
        with self.ctx.write() as s:
            clash = s.scalar(select(StaffPosition.id).where(StaffPosition.team == team, StaffPosition.name == name))
            if clash and clash != position_id:
                raise FieldError({"name": f"{TEAM_LABELS[team]}已有岗位“{name}”"})
            position = s.get(StaffPosition, position_id) if position_id else StaffPosition()
            if position is None:
                raise NotFound("岗位不存在")
            position.team, position.name, position.required = team, name, count
            s.add(position)
            s.flush()
            return position.id

    def delete_position(self, position_id: int) -> None:
        self.ctx.require("staff.edit")
        with self.ctx.write() as s:
            position = s.get(StaffPosition, position_id)
            if position is not None:
                s.delete(position)
