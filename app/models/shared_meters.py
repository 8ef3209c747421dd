"""公摊 (shared meters): a master meter — a building's public electricity, a lift, water loss — whose usage
minus the sub-meters of the units it serves is apportioned to those units each period.

A meter names the fee item its lines are billed under (an inactive item, so billing runs never bill it), the
metered item of its sub-meters (none: nothing is subtracted), how it splits (by building area or equally), its
price, and its scope: a building, the whole property, or chosen units. ``SharedMeterLine`` ties each posted
bill line to its meter, period and unit, so a re-run replaces exactly its own lines.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Stamped, Versioned
from app.models.fees import Price


class ShareBasis(StrEnum):
    AREA = "area"  # by building area (建筑面积)
    EQUAL = "equal"  # the same share per unit


class ShareScope(StrEnum):
    BUILDING = "building"
    ALL = "all"
    UNITS = "units"


SHARED_LABELS: dict[str, str] = {
    ShareBasis.AREA: "按建筑面积", ShareBasis.EQUAL: "按户均摊",
    ShareScope.BUILDING: "一栋楼", ShareScope.ALL: "全小区", ShareScope.UNITS: "指定房屋",
}


class SharedMeter(Versioned, Base):
    __tablename__ = "shared_meters"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)  # 1栋公共用电
    item_id: Mapped[int] = mapped_column(ForeignKey("fee_items.id"))  # the bill lines' item (公摊电费)
    sub_item_id: Mapped[int | None] = mapped_column(ForeignKey("fee_items.id"))  # sub-meters (电费); None: none
    basis: Mapped[str] = mapped_column(String(16), default=ShareBasis.AREA)
    unit_price: Mapped[Decimal] = mapped_column(Price)
    scope: Mapped[str] = mapped_column(String(16), default=ShareScope.BUILDING)
    building_id: Mapped[int | None] = mapped_column(ForeignKey("buildings.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class SharedMeterUnit(Base):
    """A unit of a meter whose scope is chosen units."""

    __tablename__ = "shared_meter_units"
    __table_args__ = (UniqueConstraint("meter_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meter_id: Mapped[int] = mapped_column(ForeignKey("shared_meters.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))


class SharedMeterReading(Stamped, Base):
    __tablename__ = "shared_meter_readings"
    __table_args__ = (UniqueConstraint("meter_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meter_id: Mapped[int] = mapped_column(ForeignKey("shared_meters.id"))
    period: Mapped[str] = mapped_column(String(7))
    reading: Mapped[Decimal] = mapped_column(Numeric(12, 2))


class SharedMeterLine(Base):
    """A bill line posted by an apportionment: one per meter, period and unit."""

    __tablename__ = "shared_meter_lines"
    __table_args__ = (UniqueConstraint("meter_id", "period", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meter_id: Mapped[int] = mapped_column(ForeignKey("shared_meters.id"))
    period: Mapped[str] = mapped_column(String(7))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    line_id: Mapped[int] = mapped_column(ForeignKey("bill_lines.id"), unique=True)
