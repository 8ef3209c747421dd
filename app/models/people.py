"""The office's own people: staff of the five teams, and the operators who log in."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Stamped, Versioned
from app.roles import ROLE_LABELS, TEAM_LABELS, Role, Team  # noqa: F401 - exported here too (app.models)


class Staff(Versioned, Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    team: Mapped[str] = mapped_column(String(16), index=True)
    position: Mapped[str] = mapped_column(String(32), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    hired_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    company: Mapped[str] = mapped_column(String(64), default="", server_default="")  # outsourced: its company


class StaffPosition(Stamped, Base):
    """A position a team must fill (定岗定编): how many people it needs; vacancies = required − active staff."""

    __tablename__ = "staff_positions"
    __table_args__ = (UniqueConstraint("team", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(32))
    required: Mapped[int] = mapped_column(default=1)


class User(Versioned, Base):
    """An operator account; the password is an argon2 hash, never the password."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]


class Setting(Base):
    """Key/value settings of the property (name, address, phone, …)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
