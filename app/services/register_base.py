"""Shared plumbing of the team registers (equipment, vendors, patrol points, supplies…).

A register is one table listed by a ``RegisterView`` page and edited by a ``FormDialog``. Its service
subclasses :class:`RegisterService` and declares what differs; counting, paging, sorting, the search,
equality filters, loading a form's values and saving them with optimistic locking are done here::

    class VendorService(RegisterService):
        model = Vendor
        what = "外包单位"                                  # names the row in messages
        view_permission, manage_permission = "vendor.view", "vendor.manage"
        search_columns = (Vendor.name, Vendor.contact)     # LIKE '%text%' on any of them
        sort_columns = {"name": Vendor.name, "end": Vendor.contract_end}
        filter_columns = {"kind": Vendor.kind}             # filters["kind"] == column (None: all)
        default_sort = "name"

        def to_row(self, s, obj): return VendorRow(...)    # frozen dataclass for the page
        def clean(self, s, values, obj):                   # obj is None when adding
            c = Cleaner(values)
            return c.done(name=c.text("name", "名称", required=True), kind=c.choice("kind", "类别", KINDS))

``filters`` is the page's ``RegisterView.filters()`` dict (``{"query": …, <combo key>: …}``), so a page
wires ``count=service.count, fetch=service.list`` directly (see ``ui/pages/register_page.py``). For
other conditions override :meth:`RegisterService.conditions`.

:class:`Cleaner` turns form text into typed values and collects one Chinese message per bad field
(then ``done()`` raises ``FieldError``). :func:`open_linked_workorder` is the "found a problem → repair
order" step every register shares: it opens the order through the work-order intake service and records
the link (``workorder_links``) so the item's history and the order's detail can show each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from app.errors import ConflictError, FieldError, NotFound
from app.models.links import WorkOrderLink
from app.money import to_money
from app.search import like_pattern
from app.services.context import ServiceContext
from app.validators import clean_code, clean_text, parse_date

Filters = Mapping[str, Any]


class Cleaner:
    """Typed values from a form's texts; every problem is kept under its field name."""

    def __init__(self, values: Mapping[str, object]):
        self.values = values
        self.errors: dict[str, str] = {}

    def _raw(self, key: str) -> str:
        return clean_text(self.values.get(key))

    def fail(self, key: str, message: str) -> None:
        self.errors.setdefault(key, message)

    def text(self, key: str, label: str, *, required: bool = False, max_len: int = 64) -> str:
        value = self._raw(key)
        if required and not value:
            self.fail(key, f"{label}不能为空")
        elif len(value) > max_len:
            self.fail(key, f"{label}最多{max_len}字")
        return value

    def note(self, key: str, label: str, *, max_len: int = 500) -> str:
        """Multi-line text: kept as typed (lines kept), only trimmed."""
        value = str(self.values.get(key) or "").strip()
        if len(value) > max_len:
            self.fail(key, f"{label}最多{max_len}字")
        return value

    def choice(self, key: str, label: str, allowed: Iterable[str], default: str | None = None) -> str:
        value = self.values.get(key) or default
        if value not in set(allowed):
            self.fail(key, f"请选择{label}")
            return ""
        return str(value)

    def date(self, key: str, label: str, *, required: bool = False) -> date | None:
        raw = self.values.get(key)
        if isinstance(raw, date) or (raw not in (None, "") and clean_text(raw)):
            try:
                return parse_date(raw)
            except ValueError as exc:
                self.fail(key, f"{label}: {exc}")
                return None
        if required:
            self.fail(key, f"请填写{label}")
        return None

    def money(self, key: str, label: str, *, required: bool = False, maximum: Decimal = Decimal("9999999999.99")
              ) -> Decimal | None:
        raw = self._raw(key).replace(" ", "")
        if not raw:
            if required:
                self.fail(key, f"请填写{label}")
            return None
        try:
            amount = to_money(raw)
        except ValueError:
            self.fail(key, f"{label}应为金额数字, 例如 1200.00")
            return None
        if not Decimal("0") <= amount <= maximum:
            self.fail(key, f"{label}应在0到{maximum}之间")
            return None
        return amount

    def number(self, key: str, label: str, *, required: bool = False, minimum: Decimal = Decimal("0"),
               maximum: Decimal = Decimal("99999999"), places: int = 2) -> Decimal | None:
        raw = self._raw(key).replace(" ", "")
        if not raw:
            if required:
                self.fail(key, f"请填写{label}")
            return None
        try:
            value = Decimal(raw).quantize(Decimal(1).scaleb(-places))
            if not value.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            self.fail(key, f"{label}应为数字")
            return None
        if not minimum <= value <= maximum:
            self.fail(key, f"{label}应在{minimum}到{maximum}之间")
            return None
        return value

    def integer(self, key: str, label: str, *, required: bool = False, minimum: int = 0,
                maximum: int = 1_000_000) -> int | None:
        raw = self._raw(key).replace(" ", "")
        if not raw:
            if required:
                self.fail(key, f"请填写{label}")
            return None
        if not raw.lstrip("-").isdigit():
            self.fail(key, f"{label}应为整数")
            return None
        value = int(raw)
        if not minimum <= value <= maximum:
            self.fail(key, f"{label}应在{minimum}到{maximum}之间")
            return None
        return value

    def ref(self, key: str, label: str, *, required: bool = False) -> int | None:
        """An id chosen in a combo (None/"" when nothing is chosen)."""
        raw = self.values.get(key)
        if raw in (None, ""):
            if required:
                self.fail(key, f"请选择{label}")
            return None
        try:
            return int(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            self.fail(key, f"请选择{label}")
            return None

    def code(self, s: Session, key: str, label: str, column, obj: Any | None, *, max_len: int = 32) -> str:
        """A unique code (upper case, no spaces): required, at most ``max_len``, not another row's."""
        code = clean_code(self.values.get(key)).upper()
        if not code:
            self.fail(key, f"{label}不能为空")
        elif len(code) > max_len:
            self.fail(key, f"{label}最多{max_len}个字符")
        else:
            clash = s.scalar(select(column.class_.id).where(column == code))
            if clash is not None and (obj is None or clash != obj.id):
                self.fail(key, f"{label} {code} 已存在")
        return code

    def done(self, **cleaned: Any) -> dict[str, Any]:
        """The cleaned values, or FieldError naming every bad field."""
        if self.errors:
            raise FieldError(self.errors)
        return cleaned


def load_versioned(s: Session, model, row_id: int, version: object, what: str):
    """The row locked for update; ConflictError when the form's version is stale (another PC saved)."""
    from app.services.archive import stale_message

    obj = s.get(model, row_id, with_for_update=True)
    if obj is None:
        raise NotFound(f"{what}不存在或已被删除")
    stored = getattr(obj, "version", None)
    if version not in (None, "") and stored is not None and int(version) != stored:  # type: ignore[arg-type]
        raise ConflictError(stale_message(s, obj, what))
    return obj


class RegisterService:
    """Count/list/get/values/save of one table; subclasses declare the class attributes and two hooks."""

    model: ClassVar[Any]
    what: ClassVar[str] = "记录"
    view_permission: ClassVar[str]
    manage_permission: ClassVar[str]
    search_columns: ClassVar[Sequence[Any]] = ()
    sort_columns: ClassVar[Mapping[str, Any]] = {}
    filter_columns: ClassVar[Mapping[str, Any]] = {}
    default_sort: ClassVar[str | None] = None
    form_fields: ClassVar[Sequence[str]] = ()  # attributes :meth:`values` returns for the edit form

    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # ---- hooks (override ``to_row``, or ``rows`` when a page's related names load at once)
    def to_row(self, s: Session, obj: Any) -> Any:
        return self.rows(s, [obj])[0]

    def rows(self, s: Session, objs: Sequence[Any]) -> list[Any]:
        """Rows of a page; override to load related names for the whole page at once."""
        return [self.to_row(s, obj) for obj in objs]

    def clean(self, s: Session, values: Mapping[str, object], obj: Any | None) -> dict[str, Any]:
        raise NotImplementedError

    def conditions(self, filters: Filters) -> list[ColumnElement[bool]]:
        """WHERE conditions of the page's filters (search + equality filters); extend in a subclass."""
        where: list[ColumnElement[bool]] = []
        query = clean_text((filters or {}).get("query"))
        if query and self.search_columns:
            pattern = like_pattern(query)
            where.append(or_(*(col.like(pattern, escape="\\") for col in self.search_columns)))
        for key, column in self.filter_columns.items():
            value = (filters or {}).get(key)
            if value not in (None, ""):
                where.append(column == value)
        return where

    def after_save(self, s: Session, obj: Any, created: bool) -> None:
        """Called inside the save transaction after the flush (e.g. to regenerate dependent rows)."""

    # ---- reading
    def count(self, filters: Filters | None = None) -> int:
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            stmt = select(func.count()).select_from(self.model).where(*self.conditions(filters or {}))
            return int(s.scalar(stmt) or 0)

    def list(self, filters: Filters | None = None, offset: int = 0, limit: int = 200, sort: str | None = None,
             descending: bool = False) -> list[Any]:
        self.ctx.require(self.view_permission)
        column = self.sort_columns.get(sort or self.default_sort or "")
        order = [] if column is None else [column.desc() if descending else column.asc()]
        pk = self.model.id
        order.append(pk.desc() if descending else pk.asc())
        stmt = select(self.model).where(*self.conditions(filters or {})).order_by(*order).offset(offset).limit(limit)
        with self.ctx.read() as s:
            return self.rows(s, list(s.scalars(stmt)))

    def all(self, filters: Filters | None = None) -> list[Any]:
        """Every row (small registers: combos, exports)."""
        return self.list(filters, 0, 1_000_000)

    def get(self, row_id: int) -> Any:
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            obj = s.get(self.model, row_id)
            if obj is None:
                raise NotFound(f"{self.what}不存在或已被删除")
            return self.to_row(s, obj)

    def values(self, row_id: int) -> dict[str, Any]:
        """The stored values for the edit form (``form_fields``, dates as ISO text) and ``version``."""
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            obj = s.get(self.model, row_id)
            if obj is None:
                raise NotFound(f"{self.what}不存在或已被删除")
            result = {name: form_text(getattr(obj, name)) for name in self.form_fields}
            result["version"] = getattr(obj, "version", None)
            return result

    # ---- writing
    def validate(self, values: Mapping[str, object]) -> None:
        """The form's check before saving (no database rules: those run again in :meth:`save`)."""
        self.ctx.require(self.manage_permission)
        with self.ctx.read() as s:
            self.clean(s, values, None)

    def save(self, values: Mapping[str, object], row_id: int | None = None) -> int:
        """Add (``row_id`` None) or update a row from form values; ``values["version"]`` guards the update."""
        self.ctx.require(self.manage_permission)
        with self.ctx.write() as s:
            obj = None if row_id is None else load_versioned(s, self.model, row_id, values.get("version"), self.what)
            cleaned = self.clean(s, values, obj)
            created = obj is None
            if created:
                obj = self.model()
            for key, value in cleaned.items():
                setattr(obj, key, value)
            s.add(obj)
            s.flush()
            self.after_save(s, obj, created)
            return obj.id


def names_by_id(s: Session, model, ids: Iterable[int | None], *attrs: str) -> dict[int, tuple]:
    """id → (attr values…) of the rows of ``model`` with these ids (None ids ignored): one query per page."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    stmt = select(model.id, *(getattr(model, a) for a in attrs)).where(model.id.in_(wanted))
    return {row[0]: tuple(row[1:]) for row in s.execute(stmt).all()}


def month_range(month: str) -> tuple[date, date]:
    """"2026-11" → (2026-11-01, 2026-12-01); FieldError for anything else."""
    try:
        first = date.fromisoformat(f"{month}-01")
    except (TypeError, ValueError):
        raise FieldError({"month": "月份格式应为 2026-11"}) from None
    return first, date(first.year + (first.month == 12), first.month % 12 + 1, 1)


def form_text(value: Any) -> Any:
    """A stored value as a form field shows it (dates ISO, Decimal plain, None empty)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


# ---- "found a problem" → repair work order, linked back -------------------------------------------


@dataclass(frozen=True)
class LinkedOrder:
    workorder_id: int
    number: str
    state: str
    reported_at: Any
    description: str
    entity: str
    entity_id: int


def open_linked_workorder(services, entity: str, entity_id: int, values: Mapping[str, object]):
    """Open a work order through the intake service and link it to ``entity``/``entity_id``.

    ``values`` are the intake form's (kind, category, description…; kind defaults to 报修 and source to
    巡查发现). The order and the link are two transactions (intake owns its own); the intake is validated
    first, so the only way to end with an unlinked order is the database failing between the two.
    Returns the new order's ``WorkOrderDetail``.
    """
    intake = {"kind": "repair", "source": "patrol", **values}
    detail = services.workorders.intake(intake)
    with services.ctx.write() as s:
        s.add(WorkOrderLink(workorder_id=detail.row.id, entity=entity, entity_id=entity_id))
    return detail


def linked_orders(s: Session, entity: str, entity_ids: Iterable[int]) -> list[LinkedOrder]:
    """Work orders linked to these rows of ``entity`` (newest first)."""
    from app.models import WorkOrder

    ids = list(entity_ids)
    if not ids:
        return []
    stmt = (select(WorkOrder, WorkOrderLink).join(WorkOrderLink, WorkOrderLink.workorder_id == WorkOrder.id)
            .where(WorkOrderLink.entity == entity, WorkOrderLink.entity_id.in_(ids))
            .order_by(WorkOrder.reported_at.desc(), WorkOrder.id.desc()))
    return [LinkedOrder(o.id, o.number, o.state, o.reported_at, o.description, link.entity, link.entity_id)
            for o, link in s.execute(stmt)]


def links_of_order(s: Session, workorder_id: int) -> list[tuple[str, int]]:
    """(entity, entity_id) of everything this work order was opened from."""
    stmt = select(WorkOrderLink.entity, WorkOrderLink.entity_id).where(WorkOrderLink.workorder_id == workorder_id)
    return [(e, i) for e, i in s.execute(stmt)]
