"""The property as a whole: its settings (name, address, phone) and headline figures for the manager."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.models import Building, Occupancy, ParkingSpace, Person, Setting, Staff, Unit, UnitStatus, Vehicle
from app.services.audit import log_event
from app.services.context import ServiceContext

DEFAULT_PROPERTY_NAME = "未命名小区"


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
        self.ctx.require("settings.edit")
        with self.ctx.write() as s:
            old = s.get(Setting, key)
            before = old.value if old else None
            s.merge(Setting(key=key, value=value))
            if before != value:  # settings are not Stamped rows: record the change here
                log_event(s, "update", "settings", {key: [before, value]}, summary=key)

    def property_name(self) -> str:
        return self.setting("property.name", DEFAULT_PROPERTY_NAME)

    def bank_line(self) -> str:
        """"开户行 … 账号 …" for receipts (settings ``property.bank_name``/``bank_account``), "" when not set."""
        account = self.setting("property.bank_account")
        if not account:
            return ""
        company = self.setting("property.company")
        holder = f"户名 {company}  " if company else ""
        return f"{holder}开户行 {self.setting('property.bank_name')}  账号 {account}".strip()

    def figures(self) -> PropertyFigures:
        self.ctx.require("archive.view")
        with self.ctx.read() as s:
            by_status = dict(s.execute(select(Unit.status, func.count()).group_by(Unit.status)).all())
            staff = dict(
                s.execute(select(Staff.team, func.count()).where(Staff.active.is_(True)).group_by(Staff.team)).all()
            )
            return PropertyFigures(
                buildings=s.scalar(select(func.count(Building.id))) or 0,
                units=sum(by_status.values()),
                occupied=by_status.get(UnitStatus.OCCUPIED, 0),
                vacant=by_status.get(UnitStatus.VACANT, 0),
                renovating=by_status.get(UnitStatus.RENOVATING, 0),
                people=s.scalar(select(func.count(Person.id))) or 0,
                owners_linked=s.scalar(select(func.count(func.distinct(Occupancy.person_id)))) or 0,
                vehicles=s.scalar(select(func.count(Vehicle.id))) or 0,
                parking_spaces=s.scalar(select(func.count(ParkingSpace.id))) or 0,
                staff_by_team=staff,
            )
