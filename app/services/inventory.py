"""库存: the one stock module — 工程库 materials/tools and 保洁库 supplies.

Items carry unit, category and warehouse; stock in (purchase, with price), out (to a work order, a PM
task or a person), returns, stock-takes with differences, balance and value at moving-average cost,
low-stock warning, tools lent and returned, and monthly usage and cost per warehouse.

Every write locks the item row first (PostgreSQL ``SELECT … FOR UPDATE``; SQLite's write transaction is
already exclusive), so two PCs issuing the last units cannot both succeed. Work orders draw through
:func:`draw_for_workorder`, called by ``WorkOrderService.complete`` inside its own transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import String, func, select
from sqlalchemy.orm import Session

from app.errors import FieldError, NotFound, StateError
from app.models import (
    MoveKind,
    PmTask,
    StockCategory,
    StockItem,
    StockMove,
    StockTake,
    StockTakeLine,
    ToolLoan,
    Warehouse,
    WorkOrder,
)
from app.money import ZERO, to_money
from app.services.register_base import Cleaner, Filters, RegisterService
from app.validators import clean_code, clean_text

Q = Decimal("0.01")
MAX_QUANTITY = Decimal("999999")


@dataclass(frozen=True)
class StockRow:
    id: int
    code: str
    name: str
    spec: str
    unit: str
    category: str
    warehouse: str
    quantity: Decimal
    value: Decimal
    min_quantity: Decimal
    lent: Decimal
    active: bool
    version: int

    @property
    def available(self) -> Decimal:
        return self.quantity - self.lent

    @property
    def price(self) -> Decimal:
        return to_money(self.value / self.quantity) if self.quantity > 0 else ZERO

    @property
    def low(self) -> bool:
        return self.min_quantity > 0 and self.quantity <= self.min_quantity


@dataclass(frozen=True)
class MoveRow:
    id: int
    at: datetime
    kind: str
    item_id: int
    item: str
    unit: str
    quantity: Decimal
    price: Decimal
    amount: Decimal
    target: str  # work order number, PM task, person
    note: str


@dataclass(frozen=True)
class LoanRow:
    id: int
    item_id: int
    item: str
    borrower: str
    quantity: Decimal
    lent_on: date
    due_on: date | None
    returned_on: date | None
    note: str


@dataclass(frozen=True)
class StockTakeRow:
    id: int
    warehouse: str
    taken_on: date
    closed: bool
    lines: int
    counted: int
    differences: int
    note: str


@dataclass(frozen=True)
class StockTakeLineRow:
    id: int
    item_id: int
    code: str
    name: str
    unit: str
    book: Decimal
    counted: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.counted is None else self.counted - self.book


@dataclass(frozen=True)
class UsageRow:
    month: str
    item_id: int
    item: str
    unit: str
    quantity: Decimal
    cost: Decimal


def parse_quantity(value: object, label: str = "数量", *, allow_zero: bool = False) -> Decimal:
    raw = clean_code(value)
    try:
        quantity = Decimal(raw or "x").quantize(Q)
        if not quantity.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise FieldError({"quantity": f"{label}应为数字"}) from None
    low = Decimal("0") if allow_zero else Q
    if not low <= quantity <= MAX_QUANTITY:
        raise FieldError({"quantity": f"{label}应在{low}到{MAX_QUANTITY}之间"})
    return quantity


def _lock(s: Session, item_id: int) -> StockItem:
    item = s.get(StockItem, item_id, with_for_update=True)
    if item is None:
        raise NotFound("库存物品不存在")
    return item


def _lent(s: Session, item_ids: Iterable[int]) -> dict[int, Decimal]:
    ids = list(item_ids)
    if not ids:
        return {}
    stmt = (select(ToolLoan.item_id, func.sum(ToolLoan.quantity)).where(
        ToolLoan.item_id.in_(ids), ToolLoan.returned_on.is_(None)).group_by(ToolLoan.item_id))
    return {i: Decimal(q) for i, q in s.execute(stmt).all()}


def _post(s: Session, item: StockItem, kind: str, quantity: Decimal, at: datetime, *, price: Decimal | None = None,
          **target) -> StockMove:
    """Book a signed quantity on the item: in at ``price``, out/back at the moving-average cost."""
    if quantity < 0:
        available = item.quantity - _lent(s, [item.id]).get(item.id, Decimal("0"))
        if -quantity > available:
            raise FieldError({"quantity": f"{item.name} 库存不足: 可用 {available}{item.unit}, 需要 {-quantity}{item.unit}"})
        amount = -item.value if -quantity == item.quantity else -to_money(item.value * -quantity / item.quantity)
        unit_price = to_money(-amount / -quantity)
    else:
        unit_price = price if price is not None else (
            to_money(item.value / item.quantity) if item.quantity > 0 else ZERO)
        amount = to_money(unit_price * quantity)
    move = StockMove(item_id=item.id, at=at, kind=kind, quantity=quantity, price=unit_price, amount=amount,
                     **target)
    item.quantity += quantity
    item.value = to_money(item.value + amount)
    s.add(move)
    return move


def draw_for_workorder(s: Session, workorder_id: int, materials: Iterable[object], at: datetime) -> int:
    """Issue the stock items named on a work order's material lines (``item_id`` on a line) to the order.

    Lines without ``item_id`` are only recorded on the order (bought outside, owner's own…). Called inside
    ``WorkOrderService.complete``'s transaction: a shortage raises ``FieldError`` and nothing is saved.
    """
    drawn = 0
    for number, line in enumerate(materials, start=1):
        get = line.get if isinstance(line, Mapping) else (lambda key, it=line: getattr(it, key, None))
        item_id = get("item_id")
        if not item_id:
            continue
        try:
            quantity = parse_quantity(get("quantity") or "1")
        except FieldError as exc:
            raise FieldError({f"materials.{number}": f"第{number}行材料: {exc.errors['quantity']}"}) from None
        item = _lock(s, int(item_id))
        try:
            _post(s, item, MoveKind.OUT, -quantity, at, workorder_id=workorder_id)
        except FieldError as exc:
            raise FieldError({f"materials.{number}": f"第{number}行材料: {exc.errors['quantity']}"}) from None
        drawn += 1
    return drawn


class InventoryService(RegisterService):
    model = StockItem
    what = "库存物品"
    view_permission = "inventory.view"
    manage_permission = "inventory.manage"
    search_columns = (StockItem.code, StockItem.name, StockItem.spec)
    sort_columns = {"code": StockItem.code, "name": StockItem.name, "category": StockItem.category,
                    "quantity": StockItem.quantity, "value": StockItem.value}
    filter_columns = {"warehouse": StockItem.warehouse, "category": StockItem.category}
    default_sort = "code"
    form_fields = ("code", "name", "spec", "unit", "category", "warehouse", "min_quantity")

    def conditions(self, filters: Filters):
        where = super().conditions(filters)
        if (filters or {}).get("low"):
            where += [StockItem.min_quantity > 0, StockItem.quantity <= StockItem.min_quantity]
        return where

    def rows(self, s: Session, objs):
        lent = _lent(s, [o.id for o in objs])
        return [StockRow(o.id, o.code, o.name, o.spec, o.unit, o.category, o.warehouse, o.quantity, o.value,
                         o.min_quantity, lent.get(o.id, Decimal("0.00")), o.active, o.version) for o in objs]

    def clean(self, s: Session, values: Mapping[str, object], obj: StockItem | None) -> dict:
        c = Cleaner(values)
        code = c.code(s, "code", "物品编号", StockItem.code, obj)
        warehouse = c.choice("warehouse", "仓库", Warehouse)
        if obj is not None and warehouse and warehouse != obj.warehouse and obj.quantity != 0:
            c.fail("warehouse", "有库存的物品不能改仓库, 请先出库或盘点为0")
        return c.done(code=code, name=c.text("name", "名称", required=True), spec=c.text("spec", "规格型号"),
                      unit=c.text("unit", "单位", required=True, max_len=8),
                      category=c.choice("category", "类别", StockCategory), warehouse=warehouse,
                      min_quantity=c.number("min_quantity", "最低库存", maximum=MAX_QUANTITY) or Decimal("0"))

    def choices(self, warehouse: str | None = None) -> list[tuple[str, int]]:
        """(code name (balance unit), id) of active items, for combos (e.g. a work order's materials)."""
        self.ctx.require(self.view_permission)
        stmt = select(StockItem).where(StockItem.active.is_(True)).order_by(StockItem.code)
        if warehouse:
            stmt = stmt.where(StockItem.warehouse == warehouse)
        with self.ctx.read() as s:
            return [(f"{i.code} {i.name} ({i.quantity.normalize():f}{i.unit})", i.id) for i in s.scalars(stmt)]

    def low_stock(self, warehouse: str | None = None) -> list[StockRow]:
        return self.list({"warehouse": warehouse, "low": True}, 0, 1000)

    def totals(self, warehouse: str | None = None) -> tuple[int, Decimal]:
        """Number of items and total value (of one warehouse or all)."""
        self.ctx.require(self.view_permission)
        stmt = select(func.count(), func.coalesce(func.sum(StockItem.value), 0))
        if warehouse:
            stmt = stmt.where(StockItem.warehouse == warehouse)
        with self.ctx.read() as s:
            n, value = s.execute(stmt).one()
        return int(n), to_money(value)

    # ---- moves
    def _move(self, item_id: int, kind: str, quantity: Decimal, *, price: Decimal | None = None, **target) -> int:
        self.ctx.require(self.manage_permission)
        with self.ctx.write() as s:
            item = _lock(s, item_id)
            if not item.active:
                raise StateError(f"{item.name} 已停用")
            move = _post(s, item, kind, quantity, self.ctx.clock(), price=price, **target)
            s.flush()
            return move.id

    def stock_in(self, item_id: int, quantity: object, price: object, note: str = "") -> int:
        """入库 (purchase): quantity at a unit price (元)."""
        qty = parse_quantity(quantity)
        c = Cleaner({"price": price})
        unit_price = c.money("price", "单价", required=True, maximum=Decimal("999999.99"))
        c.done()
        return self._move(item_id, MoveKind.IN, qty, price=unit_price, note=clean_text(note)[:200])

    def stock_out(self, item_id: int, quantity: object, *, workorder: str = "", pm_task_id: int | None = None,
                  person: str = "", note: str = "") -> int:
        """领用出库 to a work order (its number), a PM task or a named person — one of them is required."""
        qty = parse_quantity(quantity)
        target = self._target(workorder, pm_task_id, person)
        return self._move(item_id, MoveKind.OUT, -qty, note=clean_text(note)[:200], **target)

    def return_stock(self, item_id: int, quantity: object, *, workorder: str = "", person: str = "",
                     note: str = "") -> int:
        """退库: unused material back into stock at the current average cost."""
        qty = parse_quantity(quantity)
        target = self._target(workorder, None, person)
        return self._move(item_id, MoveKind.RETURN, qty, note=clean_text(note)[:200], **target)

    def _target(self, workorder: str, pm_task_id: int | None, person: str) -> dict:
        number = clean_code(workorder).upper()
        person = clean_text(person)[:64]
        if not (number or pm_task_id or person):
            raise FieldError({"target": "请填写领用的工单号、维保任务或领用人"})
        target: dict = {"person": person}
        with self.ctx.read() as s:
            if number:
                target["workorder_id"] = s.scalar(select(WorkOrder.id).where(WorkOrder.number == number))
                if target["workorder_id"] is None:
                    raise FieldError({"workorder": f"没有工单 {number}"})
            if pm_task_id:
                if s.get(PmTask, pm_task_id) is None:
                    raise FieldError({"pm_task_id": "维保任务不存在"})
                target["pm_task_id"] = pm_task_id
        return target

    def moves(self, item_id: int | None = None, warehouse: str | None = None, limit: int = 500) -> list[MoveRow]:
        self.ctx.require(self.view_permission)
        stmt = (select(StockMove, StockItem.code, StockItem.name, StockItem.unit, WorkOrder.number)
                .join(StockItem, StockItem.id == StockMove.item_id)
                .outerjoin(WorkOrder, WorkOrder.id == StockMove.workorder_id)
                .order_by(StockMove.at.desc(), StockMove.id.desc()).limit(limit))
        if item_id:
            stmt = stmt.where(StockMove.item_id == item_id)
        if warehouse:
            stmt = stmt.where(StockItem.warehouse == warehouse)
        with self.ctx.read() as s:
            rows = []
            for m, code, name, unit, number in s.execute(stmt).all():
                target = " ".join(filter(None, (number, f"维保任务#{m.pm_task_id}" if m.pm_task_id else "",
                                                m.person, f"盘点#{m.stocktake_id}" if m.stocktake_id else "")))
                rows.append(MoveRow(m.id, m.at, m.kind, m.item_id, f"{code} {name}", unit, m.quantity, m.price,
                                    m.amount, target, m.note))
            return rows

    # ---- tools lent and returned
    def lend(self, item_id: int, borrower: str, quantity: object = "1", due_on: object = None, note: str = "") -> int:
        self.ctx.require(self.manage_permission)
        qty = parse_quantity(quantity)
        c = Cleaner({"borrower": borrower, "due_on": due_on, "note": note})
        values = c.done(borrower=c.text("borrower", "借用人", required=True), due_on=c.date("due_on", "应还日期"),
                        note=c.text("note", "备注", max_len=200))
        with self.ctx.write() as s:
            item = _lock(s, item_id)
            available = item.quantity - _lent(s, [item.id]).get(item.id, Decimal("0"))
            if qty > available:
                raise FieldError({"quantity": f"{item.name} 可借 {available}{item.unit}, 不够借出 {qty}{item.unit}"})
            loan = ToolLoan(item_id=item_id, quantity=qty, lent_on=self.ctx.clock().date(), **values)
            s.add(loan)
            s.flush()
            return loan.id

    def give_back(self, loan_id: int) -> None:
        self.ctx.require(self.manage_permission)
        with self.ctx.write() as s:
            loan = s.get(ToolLoan, loan_id, with_for_update=True)
            if loan is None:
                raise NotFound("借用记录不存在")
            if loan.returned_on is not None:
                raise StateError("该工具已归还")
            loan.returned_on = self.ctx.clock().date()

    def loans(self, open_only: bool = True, warehouse: str | None = None) -> list[LoanRow]:
        self.ctx.require(self.view_permission)
        stmt = (select(ToolLoan, StockItem.code, StockItem.name).join(StockItem)
                .order_by(ToolLoan.lent_on.desc(), ToolLoan.id.desc()))
        if open_only:
            stmt = stmt.where(ToolLoan.returned_on.is_(None))
        if warehouse:
            stmt = stmt.where(StockItem.warehouse == warehouse)
        with self.ctx.read() as s:
            return [LoanRow(loan.id, loan.item_id, f"{code} {name}", loan.borrower, loan.quantity, loan.lent_on,
                            loan.due_on, loan.returned_on, loan.note) for loan, code, name in s.execute(stmt).all()]

    # ---- stock-take
    def start_stocktake(self, warehouse: str, note: str = "") -> int:
        """A count sheet of every active item of the warehouse with its book quantity now."""
        self.ctx.require(self.manage_permission)
        if warehouse not in set(Warehouse):
            raise FieldError({"warehouse": "请选择仓库"})
        with self.ctx.write() as s:
            if s.scalar(select(StockTake.id).where(StockTake.warehouse == warehouse, StockTake.closed.is_(False))):
                raise StateError("该仓库已有未结束的盘点, 请先完成它")
            take = StockTake(warehouse=warehouse, taken_on=self.ctx.clock().date(), note=clean_text(note)[:500])
            s.add(take)
            s.flush()
            items = s.scalars(select(StockItem).where(StockItem.warehouse == warehouse, StockItem.active.is_(True))
                              .order_by(StockItem.code))
            s.add_all(StockTakeLine(stocktake_id=take.id, item_id=i.id, book_quantity=i.quantity) for i in items)
            return take.id

    def stocktakes(self, warehouse: str | None = None) -> list[StockTakeRow]:
        self.ctx.require(self.view_permission)
        stmt = select(StockTake).order_by(StockTake.taken_on.desc(), StockTake.id.desc())
        if warehouse:
            stmt = stmt.where(StockTake.warehouse == warehouse)
        with self.ctx.read() as s:
            rows = []
            for t in s.scalars(stmt).all():
                lines = s.execute(select(StockTakeLine.book_quantity, StockTakeLine.counted).where(
                    StockTakeLine.stocktake_id == t.id)).all()
                counted = [(b, c) for b, c in lines if c is not None]
                rows.append(StockTakeRow(t.id, t.warehouse, t.taken_on, t.closed, len(lines), len(counted),
                                         sum(1 for b, c in counted if b != c), t.note))
            return rows

    def stocktake_lines(self, stocktake_id: int) -> list[StockTakeLineRow]:
        self.ctx.require(self.view_permission)
        stmt = (select(StockTakeLine, StockItem.code, StockItem.name, StockItem.unit).join(StockItem)
                .where(StockTakeLine.stocktake_id == stocktake_id).order_by(StockItem.code))
        with self.ctx.read() as s:
            return [StockTakeLineRow(ln.id, ln.item_id, code, name, unit, ln.book_quantity, ln.counted)
                    for ln, code, name, unit in s.execute(stmt).all()]

    def set_count(self, line_id: int, counted: object) -> None:
        self.ctx.require(self.manage_permission)
        quantity = None if clean_code(counted) == "" else parse_quantity(counted, "实盘数量", allow_zero=True)
        with self.ctx.write() as s:
            line = s.get(StockTakeLine, line_id)
            if line is None:
                raise NotFound("盘点明细不存在")
            if s.get(StockTake, line.stocktake_id).closed:
                raise StateError("盘点已结束, 不能再修改")
            line.counted = quantity

    def close_stocktake(self, stocktake_id: int) -> int:
        """Post each difference (counted − book) as an adjustment at the average cost; returns how many."""
        self.ctx.require(self.manage_permission)
        with self.ctx.write() as s:
            take = s.get(StockTake, stocktake_id, with_for_update=True)
            if take is None:
                raise NotFound("盘点不存在")
            if take.closed:
                raise StateError("盘点已结束")
            lines = list(s.scalars(select(StockTakeLine).where(StockTakeLine.stocktake_id == stocktake_id)))
            missing = [ln for ln in lines if ln.counted is None]
            if missing:
                raise FieldError({"counted": f"还有 {len(missing)} 项未填写实盘数量"})
            posted = 0
            now = self.ctx.clock()
            for line in lines:
                diff = line.counted - line.book_quantity
                if diff:
                    item = _lock(s, line.item_id)
                    _post(s, item, MoveKind.ADJUST, max(diff, -item.quantity), now, stocktake_id=take.id,
                          note="盘盈" if diff > 0 else "盘亏")
                    posted += 1
            take.closed = True
            return posted

    # ---- usage
    def usage(self, warehouse: str, since: date, until: date) -> list[UsageRow]:
        """Per month and item: quantity used (issued less returned) and its cost, oldest month first."""
        self.ctx.require(self.view_permission)
        month = func.substr(func.cast(StockMove.at, String), 1, 7)
        stmt = (select(month, StockItem.id, StockItem.name, StockItem.unit, -func.sum(StockMove.quantity),
                       -func.sum(StockMove.amount))
                .join(StockItem, StockItem.id == StockMove.item_id)
                .where(StockItem.warehouse == warehouse, StockMove.kind.in_((MoveKind.OUT, MoveKind.RETURN)),
                       StockMove.at >= datetime.combine(since, datetime.min.time()),
                       StockMove.at < datetime.combine(until, datetime.min.time()))
                .group_by(month, StockItem.id, StockItem.name, StockItem.unit).order_by(month, StockItem.name))
        with self.ctx.read() as s:
            return [UsageRow(m, i, name, unit, Decimal(q).quantize(Q), to_money(c))
                    for m, i, name, unit, q, c in s.execute(stmt).all()]
