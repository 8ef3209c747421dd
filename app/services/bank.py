"""银行托收 (bank collection): withholding agreements, the banks' file layouts, the collection file of a
period and the bank's result file read back.

- ``BankAgreementService`` (``services.bank_agreements``): the register of 代扣协议 — one active agreement per
  unit at a time; the account number is shown masked (1101**********1234 style) without ``pii.view_full``.
- ``BankProfileService`` (``services.bank_profiles``): named layouts ("工商银行"): which columns, their headers
  and order (one ``字段: 表头`` a line), and the texts of the result column (成功/失败, 0/1 …). The built-in
  layout ``默认`` (``DEFAULT_COLUMNS``, docs/bank-collection.md) is used when no profile is named.
- ``BankCollectionService`` (``services.bank``): ``export(period, path)`` writes one row per unit with an
  agreement active today and arrears of periods up to ``period`` (.xlsx or .csv with BOM) and records the batch;
  ``preview_result(path)`` checks the bank's result file row by row; ``import_result(...)`` writes it all or
  nothing: successful rows become payments (method 托收) through ``PaymentService.take`` — the counter's path,
  with its receipt numbers, oldest-first allocation and unit locks — failed rows keep the arrears and the bank's
  reason. A batch is imported once; the same result file is refused the second time.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.errors import FieldError, NotFound, ServiceError, StateError
from app.excel.reader import SheetData, find_columns, rows_below
from app.excel.roster import RosterIssue as FileIssue
from app.models import BankAgreement, BankBatch, BankBatchRow, BankProfile, BillLine, PayMethod
from app.money import ZERO, parse_amount, to_money
from app.progress import NULL_PROGRESS, ProgressLike
from app.services.register_base import Cleaner, Filters, RegisterService
from app.validators import clean_code, clean_text, mask_id_number

BATCH_PREFIX = "TS"
DEFAULT_PROFILE = "默认"

# field key → the name used in a profile's column list (and the default header)
FIELDS: dict[str, str] = {
    "reference": "参考号", "unit": "房号", "holder": "户名", "bank": "开户行", "account_no": "账号",
    "amount": "金额", "period": "账期", "result": "扣款结果", "reason": "失败原因",
}
RESULT_FIELDS = ("result", "reason")  # what the bank adds; never in the collection file
NEEDED_OUT = ("reference", "account_no", "amount")
NEEDED_BACK = ("reference", "amount", "result")
DEFAULT_COLUMNS = "\n".join(f"{name}: {header}" for name, header in (
    ("参考号", "参考号"), ("房号", "房号"), ("户名", "户名"), ("开户行", "开户银行"), ("账号", "账号"),
    ("金额", "金额"), ("账期", "账期"), ("扣款结果", "扣款结果"), ("失败原因", "失败原因")))
DEFAULT_SUCCESS = "成功"
DEFAULT_FAIL = "失败"
MAX_CSV_MB = 50

SENT, IMPORTED, CANCELLED = "sent", "imported", "cancelled"
PAID, FAILED = "paid", "failed"
STATUS_LABELS = {SENT: "已发送", IMPORTED: "已导入结果", CANCELLED: "已撤销", PAID: "扣款成功", FAILED: "扣款失败"}


def mask_account(account_no: str) -> str:
    """6222**********1234: the ID-number mask, which keeps the bank's prefix and the last four digits."""
    return mask_id_number(account_no)


# --- layouts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    name: str
    columns: tuple[tuple[str, str], ...]  # (field key, header) in file order
    success: tuple[str, ...]
    fail: tuple[str, ...]

    @property
    def out_columns(self) -> tuple[tuple[str, str], ...]:
        return tuple(c for c in self.columns if c[0] not in RESULT_FIELDS)

    def header(self, key: str) -> str:
        return dict(self.columns).get(key, FIELDS[key])

    def result_of(self, value: object) -> str | None:
        """PAID/FAILED for a result cell, None when it is neither of the profile's values."""
        text = _cell_text(value).upper()
        if text in {v.upper() for v in self.success}:
            return PAID
        if text in {v.upper() for v in self.fail}:
            return FAILED
        return None


def _values(text: object) -> tuple[str, ...]:
    return tuple(v for v in (clean_text(p) for p in str(text or "").replace("，", ",").split(",")) if v)


def parse_layout(name: str, columns: object, success: object, fail: object) -> Layout:
    """A profile's texts → Layout; FieldError naming the line that is wrong."""
    by_name = {v: k for k, v in FIELDS.items()}
    errors: dict[str, str] = {}
    parsed: list[tuple[str, str]] = []
    for number, line in enumerate(str(columns or "").splitlines(), start=1):
        line = clean_text(line)
        if not line:
            continue
        field_name, _, header = (p.strip() for p in line.replace("：", ":").partition(":"))
        header = header or field_name
        key = by_name.get(field_name)
        if key is None:
            errors["columns"] = f"第{number}行: 没有“{field_name}”这个字段 (可用: {'、'.join(FIELDS.values())})"
            break
        if key in dict(parsed):
            errors["columns"] = f"第{number}行: “{field_name}”重复"
            break
        if header in {h for _, h in parsed}:
            errors["columns"] = f"第{number}行: 表头“{header}”重复"
            break
        parsed.append((key, header))
    keys = {k for k, _ in parsed}
    if "columns" not in errors:
        missing = [FIELDS[k] for k in (*NEEDED_OUT, *NEEDED_BACK) if k not in keys]
        if missing:
            errors["columns"] = f"缺少必需的列: {'、'.join(dict.fromkeys(missing))}"
    ok, bad = _values(success), _values(fail)
    if not ok:
        errors["success_values"] = "请填写表示扣款成功的值, 如 成功 或 0"
    if not bad:
        errors["fail_values"] = "请填写表示扣款失败的值, 如 失败 或 1"
    if {v.upper() for v in ok} & {v.upper() for v in bad}:
        errors["fail_values"] = "成功和失败的值不能相同"
    if errors:
        raise FieldError(errors)
    return Layout(name, tuple(parsed), ok, bad)


DEFAULT_LAYOUT = parse_layout(DEFAULT_PROFILE, DEFAULT_COLUMNS, DEFAULT_SUCCESS, DEFAULT_FAIL)


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


def _cell_amount(value: object) -> Decimal:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return to_money(Decimal(str(value)))
        except InvalidOperation:
            raise ValueError("不是金额") from None
    return parse_amount(_cell_text(value).replace(",", "").replace("¥", "").replace("￥", ""))


# --- rows -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementRow:
    id: int
    unit_id: int
    unit_label: str
    bank: str
    holder: str
    account_no: str  # masked without pii.view_full
    active_from: date
    active_until: date | None
    note: str
    active: bool
    version: int


@dataclass(frozen=True)
class ProfileRow:
    id: int
    name: str
    columns: str
    success_values: str
    fail_values: str
    note: str
    version: int


@dataclass(frozen=True)
class BatchRow:
    id: int
    number: str
    period: str
    profile: str
    status: str
    rows: int
    total: Decimal
    file_name: str
    exported_at: datetime
    exported_by: str
    imported_at: datetime | None
    imported_by: str
    succeeded: int
    succeeded_amount: Decimal
    failed: int
    note: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class BatchLineRow:
    id: int
    reference: str
    unit_id: int
    unit_label: str
    holder: str
    bank: str
    account_no: str  # masked without pii.view_full
    amount: Decimal
    status: str
    reason: str
    receipt_no: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class ResultLine:
    """One row of the bank's result file as checked: ``status`` PAID/FAILED, or "" when in error."""

    row: int
    reference: str
    unit_label: str
    amount: Decimal | None
    status: str
    reason: str
    messages: tuple[str, ...]


@dataclass(frozen=True)
class ResultPreview:
    path: str
    sha256: str
    profile: str
    batch_id: int | None
    batch_number: str
    lines: tuple[ResultLine, ...]
    issues: tuple[FileIssue, ...]

    @property
    def ok(self) -> bool:
        return not self.issues and self.batch_id is not None

    @property
    def file_name(self) -> str:
        return Path(self.path).name

    @property
    def succeeded(self) -> int:
        return sum(1 for line in self.lines if line.status == PAID)

    @property
    def failed(self) -> int:
        return sum(1 for line in self.lines if line.status == FAILED)

    @property
    def succeeded_amount(self) -> Decimal:
        return sum((line.amount for line in self.lines if line.status == PAID and line.amount), ZERO)

    def messages(self) -> list[str]:
        return [str(issue) for issue in self.issues]


class BankResultRejected(ServiceError):
    """The result file has problems and nothing was imported; ``issues`` lists every one."""

    def __init__(self, preview: ResultPreview):
        self.preview = preview
        self.issues = preview.issues
        super().__init__(f"银行结果文件有 {len(self.issues)} 处问题, 未导入任何内容。\n"
                         + "\n".join(preview.messages()[:20]))


def reference(batch_number: str, row_no: int) -> str:
    return f"{batch_number}-{row_no:05d}"


def _unit_labels(s: Session, unit_ids) -> dict[int, str]:
    from app.services.fees_payments import unit_labels

    return {uid: label for uid, (_, label) in unit_labels(s, unit_ids).items()}


# --- agreements -------------------------------------------------------------------------------------


class BankAgreementService(RegisterService):
    model = BankAgreement
    what = "代扣协议"
    view_permission = "bank.view"
    manage_permission = "bank.collect"
    search_columns = (BankAgreement.holder, BankAgreement.bank)
    sort_columns = {"unit": BankAgreement.unit_id, "bank": BankAgreement.bank, "holder": BankAgreement.holder,
                    "from": BankAgreement.active_from}
    default_sort = "unit"
    form_fields = ("bank", "holder", "account_no", "active_from", "active_until", "note")

    def conditions(self, filters: Filters):
        where = super().conditions(filters)
        if (filters or {}).get("active"):
            where.append(_active_on(self.ctx.clock().date()))
        if (filters or {}).get("unit_id"):
            where.append(BankAgreement.unit_id == filters["unit_id"])
        return where

    def rows(self, s: Session, objs: Sequence[BankAgreement]) -> list[AgreementRow]:
        labels = _unit_labels(s, [a.unit_id for a in objs])
        today = self.ctx.clock().date()
        show = self.ctx.can("pii.view_full")
        return [AgreementRow(a.id, a.unit_id, labels.get(a.unit_id, ""), a.bank, a.holder,
                             a.account_no if show else mask_account(a.account_no), a.active_from, a.active_until,
                             a.note, a.active_from <= today and (a.active_until is None or a.active_until >= today),
                             a.version) for a in objs]

    def values(self, row_id: int) -> dict:
        stored = super().values(row_id)
        with self.ctx.read() as s:
            agreement = s.get(BankAgreement, row_id)
            stored["unit"] = _unit_labels(s, [agreement.unit_id]).get(agreement.unit_id, "")
        if not self.ctx.can("pii.view_full"):
            stored["account_no"] = mask_account(stored["account_no"])
        return stored

    def clean(self, s: Session, values: Mapping[str, object], obj: BankAgreement | None) -> dict:
        from app.services.order_common import resolve_unit

        c = Cleaner(values)
        unit_id = resolve_unit(self.ctx, values.get("unit"), c.errors) if clean_text(values.get("unit")) else None
        if unit_id is None and "unit" not in c.errors:
            c.fail("unit", "请填写房号, 如 3-1-1502")
        account = clean_code(values.get("account_no")).replace(" ", "").replace("-", "")
        if obj is not None and account == mask_account(obj.account_no):
            account = obj.account_no  # the form showed it masked and it was left as it was
        if not account:
            c.fail("account_no", "请填写扣款账号")
        elif not account.isdigit() or not 8 <= len(account) <= 30:
            c.fail("account_no", "扣款账号应为 8–30 位数字")
        start = c.date("active_from", "生效日期", required=True)
        until = c.date("active_until", "终止日期")
        if start and until and until < start:
            c.fail("active_until", "终止日期不能早于生效日期")
        if unit_id and start and "active_until" not in c.errors:
            far = date(9999, 12, 31)
            clash = s.scalar(select(BankAgreement.id).where(
                BankAgreement.unit_id == unit_id, BankAgreement.id != (obj.id if obj else -1),
                BankAgreement.active_from <= (until or far),
                or_(BankAgreement.active_until.is_(None), BankAgreement.active_until >= start)))
            if clash is not None:
                c.fail("active_from", "该房屋在这段时间已有代扣协议, 请先给原协议填写终止日期")
        return c.done(unit_id=unit_id, bank=c.text("bank", "开户行", required=True),
                      holder=c.text("holder", "户名", required=True), account_no=account, active_from=start,
                      active_until=until, note=c.note("note", "备注"))


def _active_on(day: date):
    return and_(BankAgreement.active_from <= day,
                or_(BankAgreement.active_until.is_(None), BankAgreement.active_until >= day))


# --- profiles ---------------------------------------------------------------------------------------


class BankProfileService(RegisterService):
    model = BankProfile
    what = "银行格式"
    view_permission = "bank.view"
    manage_permission = "bank.collect"
    search_columns = (BankProfile.name,)
    sort_columns = {"name": BankProfile.name}
    default_sort = "name"
    form_fields = ("name", "columns", "success_values", "fail_values", "note")

    def to_row(self, s: Session, p: BankProfile) -> ProfileRow:
        return ProfileRow(p.id, p.name, p.columns, p.success_values, p.fail_values, p.note, p.version)

    def clean(self, s: Session, values: Mapping[str, object], obj: BankProfile | None) -> dict:
        c = Cleaner(values)
        name = c.text("name", "名称", required=True, max_len=32)
        if name == DEFAULT_PROFILE:
            c.fail("name", f"“{DEFAULT_PROFILE}”是内置格式的名称, 请换一个")
        elif name:
            clash = s.scalar(select(BankProfile.id).where(BankProfile.name == name))
            if clash is not None and (obj is None or clash != obj.id):
                c.fail("name", f"银行格式“{name}”已存在")
        columns = str(values.get("columns") or "").strip()
        try:
            parse_layout(name, columns, values.get("success_values"), values.get("fail_values"))
        except FieldError as exc:
            for key, message in exc.errors.items():
                c.fail(key, message)
        return c.done(name=name, columns=columns, success_values=",".join(_values(values.get("success_values"))),
                      fail_values=",".join(_values(values.get("fail_values"))), note=c.note("note", "备注"))

    def new_values(self) -> dict:
        """The form of a new profile starts from the default layout."""
        return {"columns": DEFAULT_COLUMNS, "success_values": DEFAULT_SUCCESS, "fail_values": DEFAULT_FAIL}

    def layout(self, name: str | None = None) -> Layout:
        name = clean_text(name) or DEFAULT_PROFILE
        if name == DEFAULT_PROFILE:
            return DEFAULT_LAYOUT
        with self.ctx.read() as s:
            p = s.scalar(select(BankProfile).where(BankProfile.name == name))
            if p is None:
                names = [DEFAULT_PROFILE, *s.scalars(select(BankProfile.name).order_by(BankProfile.name))]
                raise NotFound(f"没有名为“{name}”的银行格式。现有: {'、'.join(names)}")
            return parse_layout(p.name, p.columns, p.success_values, p.fail_values)

    def names(self) -> list[str]:
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            return [DEFAULT_PROFILE, *s.scalars(select(BankProfile.name).order_by(BankProfile.name))]


# --- batches: export and result import --------------------------------------------------------------


class BankCollectionService(RegisterService):
    """The register of batches (read-only list) and the two file moves."""

    model = BankBatch
    what = "托收批次"
    view_permission = "bank.view"
    manage_permission = "bank.collect"
    search_columns = (BankBatch.number, BankBatch.period)
    sort_columns = {"number": BankBatch.number, "period": BankBatch.period, "exported_at": BankBatch.exported_at}
    filter_columns = {"status": BankBatch.status, "period": BankBatch.period}
    default_sort = "number"

    def to_row(self, s: Session, b: BankBatch) -> BatchRow:
        return BatchRow(b.id, b.number, b.period, b.profile, b.status, b.rows, b.total, b.file_name, b.exported_at,
                        b.exported_by_name, b.imported_at, b.imported_by_name, b.succeeded, b.succeeded_amount,
                        b.failed, b.note)

    def lines(self, batch_id: int) -> list[BatchLineRow]:
        """The rows of a batch with their results (account numbers masked without pii.view_full)."""
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            batch = s.get(BankBatch, batch_id)
            if batch is None:
                raise NotFound("托收批次不存在")
            rows = list(s.scalars(select(BankBatchRow).where(BankBatchRow.batch_id == batch_id)
                                  .order_by(BankBatchRow.row_no)))
            return self._line_rows(s, {batch_id: batch.number}, rows)

    def failures(self, unit_id: int, limit: int = 5) -> list[BatchLineRow]:
        """The unit's latest failed collections with the bank's reason (the counter shows them)."""
        self.ctx.require("fees.collect")
        with self.ctx.read() as s:
            rows = list(s.scalars(select(BankBatchRow).where(BankBatchRow.unit_id == unit_id,
                                                             BankBatchRow.status == FAILED)
                                  .order_by(BankBatchRow.id.desc()).limit(limit)))
            numbers = dict(s.execute(select(BankBatch.id, BankBatch.number)
                                     .where(BankBatch.id.in_({r.batch_id for r in rows}))).all())
            return self._line_rows(s, numbers, rows)

    def _line_rows(self, s: Session, numbers: dict[int, str], rows: list[BankBatchRow]) -> list[BatchLineRow]:
        from app.models import Payment

        labels = _unit_labels(s, [r.unit_id for r in rows])
        receipts = dict(s.execute(select(Payment.id, Payment.receipt_no).where(
            Payment.id.in_({r.payment_id for r in rows if r.payment_id}))).all())
        show = self.ctx.can("pii.view_full")
        return [BatchLineRow(r.id, reference(numbers[r.batch_id], r.row_no), r.unit_id, labels.get(r.unit_id, ""),
                             r.holder, r.bank, r.account_no if show else mask_account(r.account_no), r.amount,
                             r.status, r.reason, receipts.get(r.payment_id, "")) for r in rows]

    def _get(self, s: Session, number_or_id: object) -> BankBatch:
        stmt = select(BankBatch).with_for_update()
        if isinstance(number_or_id, int):
            batch = s.scalar(stmt.where(BankBatch.id == number_or_id))
        else:
            batch = s.scalar(stmt.where(BankBatch.number == clean_code(number_or_id).upper()))
        if batch is None:
            raise NotFound(f"托收批次 {number_or_id} 不存在")
        return batch

    # ---- export
    def due(self, s: Session, period: str, today: date) -> list[tuple[int, BankAgreement, Decimal]]:
        """(unit id, its agreement active today, arrears of periods ≤ ``period``) in unit order."""
        owed = dict(s.execute(
            select(BillLine.unit_id, func.sum(BillLine.amount - BillLine.paid))
            .join(BankAgreement, BankAgreement.unit_id == BillLine.unit_id)
            .where(BillLine.period <= period, BillLine.amount > BillLine.paid, _active_on(today))
            .group_by(BillLine.unit_id)).all())
        agreements = {a.unit_id: a for a in s.scalars(select(BankAgreement).where(_active_on(today))
                                                         .order_by(BankAgreement.id))}
        return [(uid, agreements[uid], to_money(owed[uid])) for uid in sorted(owed)
                if uid in agreements and owed[uid] > 0]

    def export(self, period: str, path: str | Path, profile: str | None = None) -> BatchRow:
        """The collection file of ``period`` (.xlsx or .csv by the name): one row per unit with an agreement
        active today and arrears up to that period. Records the batch; refused while another batch waits for
        its result (the same arrears would be collected twice)."""
        from app.services.audit import log_event
        from app.services.fees_billing import period_or_error
        from app.services.sequences import next_number

        self.ctx.require(self.manage_permission)
        period = period_or_error(period)
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            raise ServiceError(f"托收文件名应以 .xlsx 或 .csv 结尾: {path.name}")
        if not path.parent.is_dir():
            raise ServiceError(f"文件夹不存在: {path.parent}")
        layout = BankProfileService(self.ctx).layout(profile)
        now = self.ctx.clock()
        with self.ctx.write() as s:
            number = next_number(s, "bankbatch", BATCH_PREFIX, now)  # first: its counter row serialises two PCs
            waiting = s.scalar(select(BankBatch.number).where(BankBatch.status == SENT).order_by(BankBatch.id))
            if waiting:
                raise StateError(f"托收批次 {waiting} 还没有导入银行结果。请先导入其结果 (或撤销该批次) 再生成新的"
                                 "托收文件, 以免同一笔欠费扣两次。未生成文件。")
            due = self.due(s, period, now.date())
            if not due:
                raise StateError(f"没有需要托收的房屋: 截至 {period} 有欠费且代扣协议有效的房屋为 0 户。未生成文件。")
            total = to_money(sum((amount for _, _, amount in due), ZERO))
            batch = BankBatch(number=number, period=period, profile=layout.name, status=SENT, rows=len(due),
                              total=total, file_name=path.name, exported_at=now,
                              exported_by_name=self.ctx.actor.display_name)
            s.add(batch)
            s.flush()
            s.execute(BankBatchRow.__table__.insert(), [
                {"batch_id": batch.id, "row_no": n, "unit_id": uid, "agreement_id": a.id, "holder": a.holder,
                 "bank": a.bank, "account_no": a.account_no, "amount": amount, "status": SENT, "reason": "",
                 "payment_id": None}
                for n, (uid, a, amount) in enumerate(due, start=1)])
            labels = _unit_labels(s, [uid for uid, _, _ in due])
            values = {"unit": None, "holder": None, "bank": None, "account_no": None, "amount": None,
                      "period": period, "reference": None}
            keys = [k for k, _ in layout.out_columns]
            rows = []
            for n, (uid, a, amount) in enumerate(due, start=1):
                values.update(reference=reference(number, n), unit=labels.get(uid, ""), holder=a.holder,
                              bank=a.bank, account_no=a.account_no, amount=amount)
                rows.append([values[k] for k in keys])
            _write_file(path, [h for _, h in layout.out_columns], rows, number)
            log_event(s, "export", "bank_batches", {"number": number, "period": period, "rows": len(due),
                                                    "total": str(total), "file": path.name},
                      entity_id=batch.id, summary=f"托收文件 {number} ({len(due)} 户, {total} 元)")
            s.flush()
            return self.to_row(s, batch)

    def cancel(self, batch: int | str, reason: str) -> BatchRow:
        """撤销 a batch the bank did not process: its rows collect nothing; a new file may be made."""
        self.ctx.require(self.manage_permission)
        reason = clean_text(reason)
        if len(reason) < 2:
            raise FieldError({"reason": "请填写撤销原因"})
        with self.ctx.write() as s:
            b = self._get(s, batch)
            if b.status != SENT:
                raise StateError(f"托收批次 {b.number} {STATUS_LABELS[b.status]}, 不能撤销")
            b.status = CANCELLED
            b.note = f"撤销: {reason}"
            s.flush()
            return self.to_row(s, b)

    # ---- result import
    def preview_result(self, path: str | Path, profile: str | None = None) -> ResultPreview:
        """Check the bank's result file row by row (nothing is written); ``ok`` when it can be imported."""
        self.ctx.require(self.manage_permission)
        with self.ctx.read() as s:
            return self._check_in(s, Path(path), profile)

    def _check(self, s: Session, path: Path, digest: str, layout: Layout,
               cells: list[tuple[int, dict[str, object]]]) -> ResultPreview:
        issues: list[FileIssue] = []
        head = layout.header
        refs = [(_cell_text(v.get("reference")).upper(), n) for n, v in cells]
        numbers = Counter(r.rpartition("-")[0] for r, _ in refs if "-" in r)  # the batch: most rows name it
        batch = None
        if numbers:
            batch = s.scalar(select(BankBatch).where(BankBatch.number == numbers.most_common(1)[0][0]))
        if batch is None:
            issues.append(FileIssue(0, "", "文件中的参考号不属于任何托收批次 (应形如 TS202611280001-00001)"))
        same = s.scalar(select(BankBatch.number).where(BankBatch.result_sha256 == digest))
        if same:
            issues.append(FileIssue(0, "", f"这个结果文件已经导入过 (托收批次 {same}), 不能重复导入"))
        elif batch is not None and batch.status == IMPORTED:
            issues.append(FileIssue(0, "", f"托收批次 {batch.number} 的结果已于 {batch.imported_at:%Y-%m-%d %H:%M} "
                                           f"由 {batch.imported_by_name} 导入, 不能重复导入"))
        elif batch is not None and batch.status == CANCELLED:
            issues.append(FileIssue(0, "", f"托收批次 {batch.number} 已撤销, 不能导入其结果"))
        rows: dict[int, BankBatchRow] = {}
        labels: dict[int, str] = {}
        if batch is not None:
            rows = {r.row_no: r for r in s.scalars(select(BankBatchRow).where(BankBatchRow.batch_id == batch.id))}
            labels = _unit_labels(s, [r.unit_id for r in rows.values()])
        seen: dict[int, int] = {}
        lines = []
        for (ref, excel_row), (_, values) in zip(refs, cells, strict=True):
            messages: list[tuple[str, str]] = []
            stored = None
            if not ref:
                messages.append((head("reference"), "参考号为空"))
            elif batch is not None and ref.rpartition("-")[0] == batch.number:
                tail = ref.rpartition("-")[2]
                stored = rows.get(int(tail)) if tail.isdigit() else None
                if stored is None:
                    messages.append((head("reference"), f"参考号 {ref} 不在托收批次 {batch.number} 中"))
                elif stored.row_no in seen:
                    messages.append((head("reference"), f"参考号 {ref} 与第{seen[stored.row_no]}行重复"))
                    stored = None
                else:
                    seen[stored.row_no] = excel_row
            elif batch is not None:
                messages.append((head("reference"), f"参考号 {ref} 不在托收批次 {batch.number} 中"))
            amount = None
            try:
                amount = _cell_amount(values.get("amount"))
            except ValueError as exc:
                messages.append((head("amount"), f"金额“{_cell_text(values.get('amount'))}”无法识别: {exc}"))
            if stored is not None and amount is not None and amount != stored.amount:
                messages.append((head("amount"), f"金额 {amount} 与托收批次中的 {stored.amount} 不一致"))
            status = layout.result_of(values.get("result"))
            if status is None:
                allowed = "/".join((*layout.success, *layout.fail))
                messages.append((head("result"), f"扣款结果“{_cell_text(values.get('result'))}”无法识别, 应为 {allowed}"))
            reason = _cell_text(values.get("reason"))[:200]
            if status == FAILED and not reason:
                reason = "银行未说明原因"
            issues += [FileIssue(excel_row, column, message) for column, message in messages]
            lines.append(ResultLine(excel_row, ref, labels.get(stored.unit_id, "") if stored else "", amount,
                                    "" if messages else (status or ""), reason if status == FAILED else "",
                                    tuple(m for _, m in messages)))
        if batch is not None and rows and not any(i.row == 0 for i in issues):
            missing = [reference(batch.number, n) for n in sorted(set(rows) - set(seen))]
            if missing and not any(i.row for i in issues):
                issues.append(FileIssue(0, "", f"托收批次 {batch.number} 有 {len(missing)} 行不在结果文件中 "
                                               f"({'、'.join(missing[:5])}{' …' if len(missing) > 5 else ''})"))
        return ResultPreview(str(path), digest, layout.name, batch.id if batch else None,
                             batch.number if batch else "", tuple(lines), tuple(issues))

    def import_result(self, source: ResultPreview | str | Path, profile: str | None = None,
                      progress: ProgressLike = NULL_PROGRESS) -> BatchRow:
        """Import the bank's result all or nothing: BankResultRejected (nothing written) when any row is wrong.
        Successful rows become payments with receipts (method 托收) dated now, in the open period."""
        from app.services.audit import log_event
        from app.services.fees_payments import PaymentService, guard_open_day, lock_units

        self.ctx.require(self.manage_permission)
        if isinstance(source, ResultPreview):
            path, profile = Path(source.path), source.profile
        else:
            path = Path(source)
        payments = PaymentService(self.ctx)
        with self.ctx.write() as s:
            first = self._check_in(s, path, profile)
            if first.batch_id is not None:  # lock the batch, then check again: another PC may have just imported it
                s.refresh(self._get(s, first.batch_id))
            preview = self._check_in(s, path, profile)
            if not preview.ok:
                raise BankResultRejected(preview)
            batch = self._get(s, preview.batch_id)
            now = self.ctx.clock()
            rows = {reference(batch.number, r.row_no): r for r in s.scalars(
                select(BankBatchRow).where(BankBatchRow.batch_id == batch.id))}
            paid = [(rows[line.reference], line) for line in preview.lines if line.status == PAID]
            if paid:
                lock_units(s, [r.unit_id for r, _ in paid])
                guard_open_day(s, now)
            for number, (row, line) in enumerate(paid):
                progress.report(number, len(paid), f"已入账 {number}/{len(paid)} 户")  # 取消: all rolls back
                row.payment_id = payments.take(s, row.unit_id, row.amount, PayMethod.BANK, now, payer=row.holder,
                                               note=f"银行托收 {line.reference}")
                row.status = PAID
            for line in preview.lines:
                if line.status == FAILED:
                    row = rows[line.reference]
                    row.status, row.reason = FAILED, line.reason
            batch.status = IMPORTED
            batch.imported_at = now
            batch.imported_by_name = self.ctx.actor.display_name
            batch.result_file = path.name[:255]
            batch.result_sha256 = preview.sha256
            batch.succeeded, batch.failed = preview.succeeded, preview.failed
            batch.succeeded_amount = to_money(preview.succeeded_amount)
            log_event(s, "import", "bank_batches", {"number": batch.number, "file": path.name,
                                                    "succeeded": batch.succeeded, "failed": batch.failed,
                                                    "amount": str(batch.succeeded_amount)},
                      entity_id=batch.id, summary=f"托收结果 {batch.number}: 成功 {batch.succeeded} 户, "
                                                  f"失败 {batch.failed} 户")
            s.flush()
            return self.to_row(s, batch)

    def _check_in(self, s: Session, path: Path, profile: str | None) -> ResultPreview:
        layout = BankProfileService(self.ctx).layout(profile)
        sheet, digest = _read_result(path)
        headers = {key: (header, FIELDS[key]) for key, header in layout.columns}
        header_row, found = find_columns(sheet, headers, NEEDED_BACK, path.name)
        cells = rows_below(sheet, header_row, found)
        if not cells:
            raise ServiceError(f"“{path.name}”的表头下面没有数据行。")
        return self._check(s, path, digest, layout, cells)


# --- files ------------------------------------------------------------------------------------------


def _write_file(path: Path, headers: list[str], rows: list[list[object]], sheet: str) -> None:
    """The collection file: .xlsx through the formula-safe writer, or .csv in UTF-8 with a BOM (Excel opens it
    as Chinese); both written atomically. Account numbers are text, amounts numbers with two decimals."""
    from app.excel.cells import new_workbook, safe_row, safe_value

    if path.suffix.lower() == ".xlsx":
        with new_workbook(path) as wb:
            ws = wb.create_sheet(sheet)
            ws.append(safe_row(headers))
            for row in rows:
                ws.append(safe_row(row))
        return
    from app.files import atomic_write

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_value(h) for h in headers])
    for row in rows:
        writer.writerow([format(v, "f") if isinstance(v, Decimal) else safe_value(v) for v in row])
    with atomic_write(path) as fh:
        fh.write(out.getvalue().encode("utf-8-sig"))


def _read_result(path: Path) -> tuple[SheetData, str]:
    """The result file's cells (.xlsx through the checked reader, .csv as UTF-8 or GB18030) and its SHA-256."""
    from app.excel.reader import read_sheet

    if not path.exists() or path.is_dir():
        raise ServiceError(f"找不到文件: {path}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if path.suffix.lower() != ".csv":
        return read_sheet(path), digest
    if path.stat().st_size > MAX_CSV_MB * 1024 * 1024:
        raise ServiceError(f"“{path.name}”超过 {MAX_CSV_MB} MB, 不像是银行结果文件。")
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise ServiceError(f"“{path.name}”的文字编码无法识别, 请另存为 UTF-8 或 .xlsx。")
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise ServiceError(f"“{path.name}”不是有效的 CSV 文件: {exc}") from None
    return SheetData(path.name, rows, (path.name,)), digest

