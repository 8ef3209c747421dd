"""成本: cost entries by category (人工, 能耗, 维修, 保洁, 绿化, 秩序, 行政…), typed in or imported from a
workbook all-or-nothing, and the month-by-month totals the annual plan holds against its budget."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select

from app.errors import FieldError, ServiceError
from app.models import MANAGEMENT_LABELS, CostCategory, CostEntry
from app.money import ZERO, to_money
from app.services.audit import log_event
from app.services.fees_billing import period_or_error
from app.services.fees_rules import period_of
from app.services.records import period_conditions
from app.services.register_base import Cleaner, RegisterService
from app.validators import clean_text

MAX_AMOUNT = Decimal("99999999.99")
# Header texts the import recognises for each field (first match in the first 10 rows).
IMPORT_HEADERS = {
    "day": ("日期", "发生日期", "记账日期"),
    "category": ("类别", "成本类别", "费用类别"),
    "amount": ("金额", "金额(元)", "金额（元）"),
    "description": ("摘要", "说明", "内容", "用途"),
    "vendor": ("单位", "供应商", "收款单位"),
}
CATEGORY_BY_LABEL = {label: code for code, label in MANAGEMENT_LABELS.items() if code in set(CostCategory)}


@dataclass(frozen=True)
class CostRow:
    id: int
    day: date
    category: str
    amount: Decimal
    description: str
    vendor: str
    import_batch: str


@dataclass(frozen=True)
class ImportOutcome:
    batch: str
    rows: int
    total: Decimal


def validate_cost(values: Mapping[str, object]) -> dict[str, object]:
    """The entry form's and the importer's one rule; the category may be its code or its Chinese label."""
    c = Cleaner(values)
    raw = clean_text(values.get("category"))
    category = CATEGORY_BY_LABEL.get(raw, raw)
    if category not in set(CostCategory):
        c.fail("category", f"类别应为 {'、'.join(CATEGORY_BY_LABEL)} 之一" if raw else "请选择成本类别")
    amount = c.money("amount", "金额", required=True, maximum=MAX_AMOUNT)
    if amount is not None and amount <= 0:
        c.fail("amount", "金额应大于0")
    return c.done(day=c.date("day", "日期", required=True), category=category, amount=amount,
                  description=c.text("description", "摘要", max_len=200), vendor=c.text("vendor", "单位"))


class CostService(RegisterService):
    model = CostEntry
    what = "成本记录"
    view_permission = manage_permission = "management.plan"
    search_columns = (CostEntry.description, CostEntry.vendor)
    sort_columns = {"day": CostEntry.day, "category": CostEntry.category, "amount": CostEntry.amount}
    filter_columns = {"category": CostEntry.category}
    default_sort = "day"
    form_fields = ("day", "category", "amount", "description", "vendor")

    def conditions(self, filters):
        return super().conditions(filters) + period_conditions(CostEntry.day, filters.get("period"))

    def to_row(self, s, e: CostEntry) -> CostRow:
        return CostRow(e.id, e.day, e.category, e.amount, e.description, e.vendor, e.import_batch)

    def clean(self, s, values, obj) -> dict:
        return validate_cost(values)

    def by_month(self, year: int) -> dict[tuple[str, str], Decimal]:
        """(period, category) → the year's spending; one grouped query (by day, folded into months)."""
        self.ctx.require(self.view_permission)
        out: dict[tuple[str, str], Decimal] = {}
        with self.ctx.read() as s:
            for day, category, amount in s.execute(
                select(CostEntry.day, CostEntry.category, func.sum(CostEntry.amount))
                .where(CostEntry.day >= date(year, 1, 1), CostEntry.day <= date(year, 12, 31))
                .group_by(CostEntry.day, CostEntry.category)
            ):
                key = (period_of(day), category)
                out[key] = out.get(key, ZERO) + to_money(amount)
        return out

    def month_totals(self, period: str) -> dict[str, Decimal]:
        """Category → the month's spending (every category, zero when none)."""
        period = period_or_error(period)
        spent = self.by_month(int(period[:4]))
        return {str(c): spent.get((period, c), ZERO) for c in CostCategory}

    # ---- import
    def read_import(self, path: str | Path) -> list[tuple[int, dict[str, object]]]:
        """(Excel row number, values) of every non-empty row under the header row."""
        from app.excel.reader import find_columns, read_sheet, rows_below

        sheet = read_sheet(path)
        header, columns = find_columns(sheet, IMPORT_HEADERS, ("day", "category", "amount"), Path(path).name)
        return rows_below(sheet, header, columns)

    def import_file(self, path: str | Path) -> ImportOutcome:
        """Import every row or none: any bad row → ``ServiceError`` listing each bad row by its number."""
        self.ctx.require(self.manage_permission)
        rows = self.read_import(path)
        if not rows:
            raise ServiceError(f"“{Path(path).name}”里没有成本记录。")
        cleaned, problems = [], []
        for number, values in rows:
            try:
                cleaned.append(validate_cost(values))
            except FieldError as exc:  # each message names its field
                problems.append(f"第 {number} 行: " + "; ".join(exc.errors.values()))
        if problems:
            shown = problems[:20] + ([f"……另有 {len(problems) - 20} 行有误"] if len(problems) > 20 else [])
            raise ServiceError("没有导入任何记录, 请改正以下行后重新导入:\n" + "\n".join(shown))
        now = self.ctx.clock()
        batch = f"{now:%Y%m%d%H%M%S}"
        total = sum((c["amount"] for c in cleaned), ZERO)
        with self.ctx.write() as s:
            s.execute(insert(CostEntry), [{**c, "import_batch": batch, "created_at": now,
                                           "created_by": self.ctx.actor.user_id} for c in cleaned])
            log_event(s, "import", "cost_entries", {"file": Path(path).name, "rows": len(cleaned),
                                                    "total": str(total)}, summary=f"成本导入 {len(cleaned)} 行")
        return ImportOutcome(batch, len(cleaned), total)
