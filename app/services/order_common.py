"""Small helpers the 秩序 registers share: reading typed times and units, paging a query, checking a field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.services.context import ServiceContext
from app.services.register_base import Cleaner
from app.validators import clean_text

TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M")


def parse_when(value: object, now: datetime) -> datetime:
    """A time typed at the desk: "2026-11-30 14:05", "14:05" (today) or empty (now)."""
    if isinstance(value, datetime):
        return value
    text = clean_text(value)
    if not text:
        return now.replace(microsecond=0)
    if len(text) <= 5 and ":" in text:
        try:
            hour, minute = (int(part) for part in text.split(":"))
            return now.replace(hour=hour, minute=minute, second=0, microsecond=0)
        except ValueError:
            raise ValueError("时间格式应为 14:05 或 2026-11-30 14:05") from None
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError("时间格式应为 14:05 或 2026-11-30 14:05")


class Checker(Cleaner):
    """The registers' :class:`Cleaner` plus one step for the shared rules of ``app.validators``:
    ``phone = check("phone", normalize_phone, raw, "手机号", optional=True)``; ``check.done()`` raises."""

    def lines(self, key: str, label: str, *, required: bool = False, max_len: int = 2000) -> str:
        """Multi-line text (lines kept), required or not."""
        value = self.note(key, label, max_len=max_len)
        if required and not value:
            self.fail(key, f"请填写{label}")
        return value

    def __call__(self, key: str, rule: Callable[[Any], Any], value: object, label: str, *,
                 optional: bool = False) -> Any:
        if optional and not clean_text(value):
            return None
        try:
            return rule(value)
        except ValueError as exc:
            self.fail(key, f"{label}{exc}")
            return None


def page(s: Session, stmt: Select, offset: int, limit: int) -> list:
    return list(s.scalars(stmt.offset(offset).limit(limit)))


def count(s: Session, stmt: Select) -> int:
    return s.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def resolve_unit(ctx: ServiceContext, text: object, errors: dict[str, str], key: str = "unit") -> int | None:
    """The unit typed as 3-1-1502 (or a name/phone that finds exactly one unit); None when left empty."""
    from app.services.archive import ArchiveService

    wanted = clean_text(text)
    if not wanted:
        return None
    rows = ArchiveService(ctx).search_units(wanted, limit=5)
    exact = [r for r in rows if wanted in (r.code, r.label)]
    if exact or len(rows) == 1:
        return (exact or rows)[0].id
    errors[key] = f"找不到房屋“{wanted}”, 请输入如 3-1-1502" if not rows else f"“{wanted}”对应多套房屋, 请输入完整房号"
    return None


def actor_name(ctx: ServiceContext) -> str:
    return ctx.actor.display_name or ctx.actor.username


def text_lines(value: object) -> list[str]:
    return [clean_text(line) for line in str(value or "").splitlines() if clean_text(line)]


def print_document(ctx: ServiceContext, document, page: str, entity: str, entity_id: int) -> bytes:
    """Render a document of the 秩序 desk under the property's name and log the print in the audit trail."""
    from dataclasses import replace

    from app.pdf.order_documents import render_document
    from app.services.audit import log_event
    from app.services.property import PropertyService

    document = replace(document, property_name=PropertyService(ctx).property_name())
    pdf = render_document(document, page)
    with ctx.write() as s:
        log_event(s, "print", entity, {"number": document.number, "page": page}, entity_id=entity_id,
                  summary=f"{document.title.replace(' ', '')} {document.number}")
    return pdf
