"""Counters for gap-free document numbers (work orders, receipts): one row per name and day."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class NumberSequence(Base):
    """The last number handed out under ``name``; bumped inside the transaction that uses it."""

    __tablename__ = "sequences"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)
