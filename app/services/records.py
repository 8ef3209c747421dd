"""Helpers shared by the record registers of the 环境 and 经理 tabs: reading form values into clean
Python values (collecting every bad field into one ``FieldError``) and paging a list query.

    f = Fields(values)
    day = f.day("day", "日期")
    kind = f.choice("kind", GarbageKind, "请选择垃圾类别")
    weight = f.decimal("weight_kg", "重量", low=Decimal("0"), high=Decimal("99999"))
    f.done()  # raises FieldError naming every bad field
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.errors import ConflictError, FieldError, NotFound
from app.validators import clean_text, parse_date


class Fields:
    """Reads ``values`` field by field; bad fields are remembered, ``done()`` raises them all at once."""

    def __init__(self, values: Mapping[str, object]):
        self.values = values
        self.errors: dict[str, str] = {}

    def text(self, key: str, label: str, *, required: bool = False, max_len: int = 200) -> str:
        value = clean_text(self.values.get(key))
        if required and not value:
            self.errors[key] = f"请填写{label}"
        elif len(value) > max_len:
            self.errors[key] = f"{label}过长(最多{max_len}字)"
        return value

    def long_text(self, key: str, label: str, max_len: int = 4000) -> str:
        value = str(self.values.get(key) or "").strip()
        if len(value) > max_len:
            self.errors[key] = f"{label}过长(最多{max_len}字)"
        return value

    def choice(self, key: str, allowed: Iterable[str], message: str, default: str | None = None) -> str:
        value = self.values.get(key) or default
        if value not in {str(a) for a in allowed}:
            self.errors[key] = message
            return ""
        return str(value)

    def day(self, key: str, label: str, *, required: bool = True) -> date | None:
        raw = self.values.get(key)
        if raw in (None, ""):
            if required:
                self.errors[key] = f"请填写{label}"
            return None
        if isinstance(raw, date):
            return raw
        try:
            return parse_date(raw)
        except ValueError:
            self.errors[key] = f"{label}格式不对, 应为 2026-11-30"
            return None

    def decimal(self, key: str, label: str, *, low: Decimal, high: Decimal, default: str | None = None,
                places: str = "0.01") -> Decimal:
        raw = self.values.get(key)
        text = clean_text(raw).replace(",", "") if not isinstance(raw, int | float | Decimal) else str(raw)
        if text == "" and default is not None:
            text = default
        try:
            value = Decimal(text).quantize(Decimal(places))
        except (InvalidOperation, ValueError):
            self.errors[key] = f"{label}应为数字" if text else f"请填写{label}"
            return Decimal(0)
        if not low <= value <= high:
            self.errors[key] = f"{label}应在 {low} 到 {high} 之间"
        return value

    def integer(self, key: str, label: str, *, low: int, high: int, default: int | None = None) -> int:
        raw = self.values.get(key)
        text = clean_text(raw) if not isinstance(raw, int) else str(raw)
        if text == "" and default is not None:
            return default
        try:
            value = int(text)
        except ValueError:
            self.errors[key] = f"{label}应为整数" if text else f"请填写{label}"
            return 0
        if not low <= value <= high:
            self.errors[key] = f"{label}应在 {low} 到 {high} 之间"
        return value

    def optional_id(self, key: str) -> int | None:
        raw = self.values.get(key)
        return int(raw) if raw not in (None, "", 0) else None

    def add(self, key: str, message: str) -> None:
        self.errors.setdefault(key, message)

    def done(self) -> None:
        if self.errors:
            raise FieldError(dict(self.errors))


def page(s: Session, stmt: Select, order: Mapping[str, object], sort_key: str | None, descending: bool,
         offset: int, limit: int, default: str) -> list:
    """Rows of ``stmt`` ordered by the column ``order[sort_key]`` (then id), one window of them."""
    column = order.get(sort_key or default, order[default])
    key = column.desc() if descending else column.asc()
    first = stmt.selected_columns[0]
    tie = first.desc() if descending else first.asc()
    return list(s.execute(stmt.order_by(key, tie).offset(offset).limit(limit)))


def count(s: Session, stmt: Select) -> int:
    return int(s.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)


def load(s: Session, model, row_id: int, what: str, version: object = None):
    """The row ``row_id`` of ``model``; NotFound when gone, a clear refusal when someone saved it since."""
    row = s.get(model, row_id)
    if row is None:
        raise NotFound(f"{what}不存在或已被删除")
    if version is not None and hasattr(row, "version") and int(version) != row.version:
        raise ConflictError(f"{what}已被其他人修改, 请刷新后重试; 没有覆盖任何内容。")
    return row


def require_any(ctx, *permissions: str) -> None:
    """Viewing a register needs any one of the rights that work with it."""
    if not any(ctx.can(p) for p in permissions):
        ctx.require(permissions[0])
