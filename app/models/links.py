"""Links from a work order back to what it was opened from (a PM task, an equipment item, a patrol…).

One row per (order, source). ``entity`` is a short code chosen by the register that opened the order
("equipment", "pm_task", "takeover_defect", "patrol_point"…); ``entity_id`` its row id. Written by
``app.services.register_base.open_linked_workorder``.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class WorkOrderLink(Base):
    __tablename__ = "workorder_links"
    __table_args__ = (Index("ix_workorder_links_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workorder_id: Mapped[int] = mapped_column(ForeignKey("workorders.id"), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int]
