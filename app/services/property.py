"""The property as a whole: its settings (name, address, phone, bank account…) and headline figures.

``profile()`` is what every printed document (receipt, fee notice, dispatch slip) takes its header, phone
and bank account from; ``save_profile()`` is the 设置 page and the set-up wizard (``settings.manage``).
Other settings are a generic key/value: ``setting(key)`` / ``set_setting(key, value)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from sqlalchemy import func, select

from app.errors import FieldError
from app.models import Building, Occupancy, ParkingSpace, Person, Setting, Staff, Unit, UnitStatus, Vehicle
from app.services.audit import log_event
from app.services.context import ServiceContext
from app.startup import DEFAULT_PROPERTY_NAME
from app.validators import clean_code, clean_text, normalize_phone


@dataclass(frozen=True)
class PropertyProfile:
    """The property's own particulars, as documents print them (settings keys ``property.<field>``)."""

    name: str = ""
    address: str = ""
    phone: str = ""  # the service phone (服务电话)
    company: str = ""  # the management company (物业服务企业)
    bank_name: str = ""  # 开户行, for transfers named on fee notices
    bank_account: str = ""
    logo_path: str = ""

    @property
    def title(self) -> str:
        """The name for headers; a property not set up yet still prints something sensible."""
        return self.name or DEFAULT_PROPERTY_NAME

    @property
    def bank_line(self) -> str:
        """"开户行 … 账号 …" for fee notices, or "" when no account is set."""
        if not self.bank_account:
            return ""
        holder = f"户名 {self.company}  " if self.company else ""
        return f"{holder}开户行 {self.bank_name}  账号 {self.bank_account}".strip()


PROFILE_FIELDS = tuple(f.name for f in fields(PropertyProfile))
MAX_LENGTH = {"name": 64, "address": 200, "company": 100, "bank_name": 100, "bank_account": 40, "logo_path": 500}


def check_profile(values: Mapping[str, object]) -> dict[str, str]:
    """The cleaned values, or FieldError naming each bad field (the wizard and the 设置 page share it)."""
    clean = {key: clean_text(values.get(key)) for key in PROFILE_FIELDS}
    errors = {}
    if not clean["name"]:
        errors["name"] = "小区名称不能为空"
    if clean["phone"]:
        try:
            clean["phone"] = normalize_phone(clean["phone"])
        except ValueError as exc:
            errors["phone"] = f"服务电话: {exc}"
    if clean["bank_account"]:
        account = clean_code(clean["bank_account"]).replace(" ", "").replace("-", "")
        if not account.isdigit() or not 8 <= len(account) <= 32:
            errors["bank_account"] = "银行账号应为8–32位数字"
        else:
            clean["bank_account"] = " ".join(account[i:i + 4] for i in range(0, len(account), 4))
        if not clean["bank_name"]:
            errors["bank_name"] = "请填写开户行"
    for key, limit in MAX_LENGTH.items():
        if len(clean[key]) > limit and key not in errors:
            errors[key] = f"不能超过{limit}个字"
    if errors:
        raise FieldError(errors)
    return clean


@dataclass(frozen=True)
class PropertyFigures:
    buildings: int
    units: int
    occupied: int
    vacant: int
    renovating: int
    people: int
    owners_linked: int
    vehicles: int
    parking_spaces: int
    staff_by_team: dict[str, int]

    @property
    def occupancy_rate(self) -> float:
        return self.occupied / self.units if self.units else 0.0


class PropertyService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def setting(self, key: str, default: str = "") -> str:
        """No permission needed: the title bar and printed headers show the property's name to everyone."""
        with self.ctx.read() as s:
            row = s.get(Setting, key)
            return row.value if row else default

    def set_setting(self, key: str, value: str) -> None:
        self._require_settings()
        with self.ctx.write() as s:
            self._put(s, key, value)

    def _require_settings(self) -> None:
        if not self.ctx.can("settings.edit"):
            self.ctx.require("settings.manage")

    @staticmethod
    def _put(s, key: str, value: str) -> None:
        old = s.get(Setting, key)
        before = old.value if old else None
        if before == value:
            return
        s.merge(Setting(key=key, value=value))
        log_event(s, "update", "settings", {key: [before, value]}, summary=key)  # settings are not Stamped

    def property_name(self) -> str:
        return self.profile().title

    def profile(self) -> PropertyProfile:
        """No permission needed: printed headers and the title bar show it to everyone."""
        with self.ctx.read() as s:
            rows = dict(s.execute(select(Setting.key, Setting.value)
                                  .where(Setting.key.in_([f"property.{k}" for k in PROFILE_FIELDS]))).all())
        return PropertyProfile(**{k: rows.get(f"property.{k}", "") for k in PROFILE_FIELDS})

    def is_set_up(self) -> bool:
        """Whether the property has been named (by the set-up wizard, 设置 or the demo)."""
        return bool(self.profile().name)

    def save_profile(self, values: Mapping[str, object]) -> PropertyProfile:
        """The 设置 page and the wizard: every field checked first, then all saved in one transaction."""
        self.ctx.require("settings.manage")
        clean = check_profile(values)
        with self.ctx.write() as s:
            for key, value in clean.items():
                self._put(s, f"property.{key}", value)
        return PropertyProfile(**clean)

    def figures(self) -> PropertyFigures:
        self.ctx.require("archive.view")
        with self.ctx.read() as s:
            by_status = dict(s.execute(select(Unit.status, func.count()).group_by(Unit.status)).all())
            staff = dict(
                s.execute(select(Staff.team, func.count()).where(Staff.active.is_(True)).group_by(Staff.team)).all()
            )
            return PropertyFigures(
                buildings=s.scalar(select(func.count()).select_from(Building)) or 0,
                units=sum(by_status.values()),
                occupied=by_status.get(UnitStatus.OCCUPIED, 0),
                vacant=by_status.get(UnitStatus.VACANT, 0),
                renovating=by_status.get(UnitStatus.RENOVATING, 0),
                people=s.scalar(select(func.count()).select_from(Person)) or 0,
                owners_linked=s.scalar(select(func.count(func.distinct(Occupancy.person_id)))) or 0,
                vehicles=s.scalar(select(func.count()).select_from(Vehicle)) or 0,
                parking_spaces=s.scalar(select(func.count()).select_from(ParkingSpace)) or 0,
                staff_by_team=staff,
            )
