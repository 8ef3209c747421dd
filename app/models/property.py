"""The property itself: buildings, units, the people living there, parking spaces and vehicles."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Versioned


class UnitStatus(StrEnum):
    OCCUPIED = "occupied"
    VACANT = "vacant"
    RENOVATING = "renovating"


class UnitUse(StrEnum):
    RESIDENTIAL = "residential"
    SHOP = "shop"
    OFFICE = "office"
    STORAGE = "storage"


class Relation(StrEnum):
    OWNER = "owner"
    TENANT = "tenant"
    FAMILY = "family"


class SpaceKind(StrEnum):
    OWNED = "owned"
    RENTED = "rented"
    PUBLIC = "public"


LABELS: dict[str, str] = {
    UnitStatus.OCCUPIED: "已入住",
    UnitStatus.VACANT: "空置",
    UnitStatus.RENOVATING: "装修中",
    UnitUse.RESIDENTIAL: "住宅",
    UnitUse.SHOP: "商铺",
    UnitUse.OFFICE: "办公",
    UnitUse.STORAGE: "储藏室",
    Relation.OWNER: "业主",
    Relation.TENANT: "租户",
    Relation.FAMILY: "家庭成员",
    SpaceKind.OWNED: "产权车位",
    SpaceKind.RENTED: "租赁车位",
    SpaceKind.PUBLIC: "公共车位",
}


class Building(Versioned, Base):
    __tablename__ = "buildings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    floors: Mapped[int | None]  # 总层数
    notes: Mapped[str] = mapped_column(Text, default="")
    has_elevator: Mapped[bool | None]  # 是否有电梯 (None: not known)

    units: Mapped[list[Unit]] = relationship(back_populates="building")


class Unit(Versioned, Base):
    """A house/flat (房屋), identified by building + unit (单元, may be empty) + room."""

    __tablename__ = "units"
    __table_args__ = (
        UniqueConstraint("building_id", "unit_no", "room_no"),
        # The archive's sortable columns, the id last (keyset paging). The room order (building, 单元,
        # length(room), room, id) is an expression index made by migration 0017 (ix_units_code_order).
        Index("ix_units_floor_id", "floor", "id"),
        Index("ix_units_area_id", "area", "id"),
        Index("ix_units_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # No index of its own: the unique (building, unit, room) and ix_units_code_order start with it (0023).
    building_id: Mapped[int] = mapped_column(ForeignKey("buildings.id"))
    unit_no: Mapped[str] = mapped_column(String(16), default="")
    room_no: Mapped[str] = mapped_column(String(16))
    floor: Mapped[int | None]
    area: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    inner_area: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))  # 室内面积 (套内), as offices keep it
    use: Mapped[str] = mapped_column(String(16), default=UnitUse.RESIDENTIAL)
    status: Mapped[str] = mapped_column(String(16), default=UnitStatus.OCCUPIED)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Fees run from the charge start (交房/收房日期; empty: the first owner's move-in date) to the end
    # date (move-out/transfer; empty: open), prorated by days (app/services/fees_billing.py).
    charge_start: Mapped[date | None]
    charge_end: Mapped[date | None]
    # Normalised text of the unit's codes, people, phones, ID numbers and plates (see app.search).
    search_text: Mapped[str] = mapped_column(Text, default="")

    building: Mapped[Building] = relationship(back_populates="units")
    members: Mapped[list[Occupancy]] = relationship(back_populates="unit", cascade="all, delete-orphan")


class Person(Versioned, Base):
    """An owner, tenant or family member; linked to units through ``Occupancy``."""

    __tablename__ = "persons"
    # Only the indexes a query reads: every stored person pays for each (roster import, 0023). People are
    # reached by id, through occupancies, or by ID number (the import); the search reads units.search_text.
    # The 待核实 people by name: a partial index on the condition their queries write (``.is_(True)``).
    __table_args__ = (Index("ix_persons_unverified_name", "name", sqlite_where=text("id_unverified IS 1"),
                            postgresql_where=text("id_unverified IS true")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(32), default="")
    id_number: Mapped[str] = mapped_column(String(18), default="", index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # server defaults only: inserts written for 0.1.0's columns (upgrade tests, old scripts) leave them out
    gender: Mapped[str] = mapped_column(String(4), server_default="")  # 男 / 女 / ""
    # 待核实: an ID number kept from a legacy system although its check digit fails (import --keep-invalid-id)
    id_unverified: Mapped[bool] = mapped_column(Boolean, server_default=sa_false())

    occupancies: Mapped[list[Occupancy]] = relationship(back_populates="person")


class Occupancy(Versioned, Base):
    """Person ↔ unit: one unit can have several owners, one owner several units."""

    __tablename__ = "occupancies"
    __table_args__ = (UniqueConstraint("unit_id", "person_id"), Index("ix_occupancies_person", "person_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    relation: Mapped[str] = mapped_column(String(16), default=Relation.OWNER)
    move_in_date: Mapped[date | None]
    move_out_date: Mapped[date | None]

    unit: Mapped[Unit] = relationship(back_populates="members")
    person: Mapped[Person] = relationship(back_populates="occupancies")


class ParkingSpace(Versioned, Base):
    __tablename__ = "parking_spaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    zone: Mapped[str] = mapped_column(String(32), default="")
    kind: Mapped[str] = mapped_column(String(16), default=SpaceKind.OWNED)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class Vehicle(Versioned, Base):
    __tablename__ = "vehicles"

    id: Mapped[int] = mapped_column(primary_key=True)
    plate: Mapped[str] = mapped_column(String(16), unique=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    parking_space_id: Mapped[int | None] = mapped_column(ForeignKey("parking_spaces.id"))
    brand: Mapped[str] = mapped_column(String(32), default="")
    color: Mapped[str] = mapped_column(String(16), default="")
