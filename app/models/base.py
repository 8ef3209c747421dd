"""Declarative base, naming convention and the mixins every table shares."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, Integer, MetaData, Numeric, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(12, 2, asdecimal=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {Decimal: Money, datetime: DateTime(timezone=False)}


class Stamped:
    """Who created/changed a row and when; filled by the session hook in ``app.services.context``."""

    created_at: Mapped[datetime] = mapped_column(server_default=func.current_timestamp())
    created_by: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime | None]
    updated_by: Mapped[int | None] = mapped_column(Integer)


class Versioned(Stamped):
    """A row several PCs may edit: a stale save raises instead of overwriting (optimistic locking)."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805
        return {"version_id_col": cls.version}
