"""库存: the one stock module of the office — 工程库 (materials and tools) and 保洁库 (cleaning supplies).

Each item keeps its balance (``quantity``) and its value at moving-average cost (``value``); every
change is a ``StockMove`` (signed quantity and amount), so balance = Σ moves and value = Σ amounts.
Tools lent out (``ToolLoan``) stay in the balance; issuing and lending use the balance less open loans.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Stamped, Versioned

Quantity = Numeric(12, 2, asdecimal=True)


class Warehouse(StrEnum):
    ENGINEERING = "engineering"
    CLEANING = "cleaning"


class StockCategory(StrEnum):
    MATERIAL = "material"
    PART = "spare_part"
    TOOL = "tool"
    SUPPLY = "supply"
    CHEMICAL = "chemical"


class MoveKind(StrEnum):
    IN = "in"            # purchase, with price
    OUT = "out"          # issued to a work order, a PM task or a person
    RETURN = "return"    # unused material brought back
    ADJUST = "adjust"    # stock-take difference


INVENTORY_LABELS: dict[str, str] = {
    Warehouse.ENGINEERING: "工程库", Warehouse.CLEANING: "保洁库",
    StockCategory.MATERIAL: "材料", StockCategory.PART: "备件", StockCategory.TOOL: "工具",
    StockCategory.SUPPLY: "保洁用品", StockCategory.CHEMICAL: "清洁药剂",
    MoveKind.IN: "入库", MoveKind.OUT: "领用出库", MoveKind.RETURN: "退库", MoveKind.ADJUST: "盘点调整",
}


class StockItem(Versioned, Base):
    __tablename__ = "stock_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    spec: Mapped[str] = mapped_column(String(64), default="")
    unit: Mapped[str] = mapped_column(String(8), default="")
    category: Mapped[str] = mapped_column(String(16))
    warehouse: Mapped[str] = mapped_column(String(16), index=True)
    min_quantity: Mapped[Decimal] = mapped_column(Quantity, default=Decimal("0"))
    quantity: Mapped[Decimal] = mapped_column(Quantity, default=Decimal("0"))
    value: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    active: Mapped[bool] = mapped_column(default=True)


class StockMove(Stamped, Base):
    __tablename__ = "stock_moves"
    __table_args__ = (Index("ix_stock_moves_item_at", "item_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("stock_items.id"))
    at: Mapped[datetime] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[Decimal] = mapped_column(Quantity)  # signed: + into stock, − out of it
    price: Mapped[Decimal]  # unit cost of this move
    amount: Mapped[Decimal]  # signed value change
    workorder_id: Mapped[int | None] = mapped_column(ForeignKey("workorders.id"), index=True)
    pm_task_id: Mapped[int | None] = mapped_column(ForeignKey("pm_tasks.id"))
    person: Mapped[str] = mapped_column(String(64), default="")
    stocktake_id: Mapped[int | None] = mapped_column(ForeignKey("stocktakes.id"))
    note: Mapped[str] = mapped_column(String(200), default="")


class StockTake(Stamped, Base):
    """A count of one warehouse: book quantities against counted ones; closing it posts the differences."""

    __tablename__ = "stocktakes"

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse: Mapped[str] = mapped_column(String(16))
    taken_on: Mapped[date]
    closed: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")


class StockTakeLine(Base):
    __tablename__ = "stocktake_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    stocktake_id: Mapped[int] = mapped_column(ForeignKey("stocktakes.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("stock_items.id"))
    book_quantity: Mapped[Decimal] = mapped_column(Quantity)
    counted: Mapped[Decimal | None] = mapped_column(Quantity)


class ToolLoan(Stamped, Base):
    """A tool lent to someone; open until returned. Lent tools stay in the balance and its value (they are
    the office's); what can be issued or lent is the balance less the open loans."""

    __tablename__ = "tool_loans"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("stock_items.id"), index=True)
    borrower: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    lent_on: Mapped[date]
    due_on: Mapped[date | None]
    returned_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(String(200), default="")
