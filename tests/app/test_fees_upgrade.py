"""An office's 0.1.0 database (schema 0005) with fee rows upgrades to this release keeping every row and
every fen, and the unit search index (FTS triggers on ``units``) keeps working after 0006 altered ``units``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import text

from app import migrations
from app.db import Database, open_database
from app.models import Base
from app.services import Services, fee_sums
from tests.conftest import database_at

ROWS = {
    "buildings": [{"id": 1, "name": "3栋", "notes": "", "version": 1}],
    "units": [{"id": 1, "building_id": 1, "unit_no": "1", "room_no": "1502", "area": Decimal("89.56"),
               "use": "residential", "status": "occupied", "notes": "老数据", "search_text": "3-1-1502 张三",
               "version": 1},
              {"id": 2, "building_id": 1, "unit_no": "1", "room_no": "1503", "area": None, "use": "residential",
               "status": "vacant", "notes": "", "search_text": "3-1-1503", "version": 2}],
    "persons": [{"id": 1, "name": "张三", "phone": "13812345678", "id_number": "", "notes": "", "version": 1}],
    "occupancies": [{"id": 1, "unit_id": 1, "person_id": 1, "relation": "owner", "move_in_date": date(2020, 5, 1),
                     "move_out_date": None, "version": 1}],
    "fee_items": [{"id": 1, "name": "物业服务费", "kind": "property", "method": "area", "unit_price": Decimal("2.8000"),
                   "unit_label": "元/㎡·月", "cycle": "monthly", "start_date": date(2025, 1, 1), "end_date": None,
                   "scope": "all", "vacant_rate": Decimal("0.700000"), "late_fee_daily_rate": Decimal("0.000300"),
                   "late_fee_grace_days": 15, "late_fee_cap_rate": None, "sort_order": 1, "active": True, "notes": "",
                   "version": 1}],
    "bills": [{"id": 1, "unit_id": 1, "period": "2026-10", "due_date": date(2026, 10, 31), "total": Decimal("251.86"),
               "paid": Decimal("100.00"), "revision": 1}],
    "bill_lines": [{"id": 1, "bill_id": 1, "unit_id": 1, "period": "2026-10", "item_id": 1, "late_fee": False,
                    "source_line_id": None, "quantity": Decimal("89.56"), "unit_price": Decimal("2.8000"),
                    "factor": Decimal("1.000000"), "description": "89.56㎡ × 2.80元/㎡·月", "amount": Decimal("250.77"),
                    "paid": Decimal("98.91")},
                   {"id": 2, "bill_id": 1, "unit_id": 1, "period": "2026-10", "item_id": 1, "late_fee": True,
                    "source_line_id": 1, "quantity": Decimal("13"), "unit_price": Decimal("0"),
                    "factor": Decimal("0.000300"), "description": "逾期13天 × 日0.0003", "amount": Decimal("1.09"),
                    "paid": Decimal("1.09")}],
    "payments": [{"id": 1, "receipt_no": "SJ202611280001", "unit_id": 1, "payer": "张三", "method": "cash",
                  "amount": Decimal("150.00"), "prepaid_used": Decimal("0.00"), "paid_at": datetime(2026, 11, 28, 9),
                  "operator_id": None, "operator_name": "小王", "note": "", "voided": False, "void_reason": "",
                  "voided_at": None, "voided_by": None, "voided_by_name": ""}],
    "prepaid_entries": [{"id": 1, "unit_id": 1, "kind": "deposit", "amount": Decimal("50.00"), "payment_id": 1,
                         "at": datetime(2026, 11, 28, 9), "by": None, "note": "收据 SJ202611280001 预存"}],
    "allocations": [{"id": 1, "line_id": 1, "payment_id": 1, "prepaid_entry_id": None, "amount": Decimal("98.91"),
                     "at": datetime(2026, 11, 28, 9), "voided": False},
                    {"id": 2, "line_id": 2, "payment_id": 1, "prepaid_entry_id": None, "amount": Decimal("1.09"),
                     "at": datetime(2026, 11, 28, 9), "voided": False}],
    "fee_reminders": [{"id": 1, "unit_id": 1, "method": "phone", "at": datetime(2026, 11, 20, 10), "by": None,
                       "by_name": "小王", "arrears": Decimal("251.86"), "promised_date": None, "note": "下周交"}],
}


def _rows(db: Database, table: str, columns: list[str]) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id"))]


def test_a_0_1_0_database_with_fee_rows_upgrades_keeping_every_row(tmp_path):
    url = f"sqlite:///{tmp_path / 'office.db'}"
    db = database_at(url, "0005")
    with db.engine.begin() as conn:
        for table, rows in ROWS.items():  # the app's own column types, only the columns 0.1.0 had
            conn.execute(Base.metadata.tables[table].insert(), rows)
    before = {table: _rows(db, table, list(rows[0])) for table, rows in ROWS.items()}
    db.dispose()

    upgraded = open_database(url)  # migrates to head (a backup is taken first)
    assert migrations.current_revision(upgraded) == migrations.head_revision()
    for table, rows in ROWS.items():
        after = _rows(upgraded, table, list(rows[0]))
        if table == "units":  # 0019 ends the derived search text with two spaces (app.search.unit_search_text)
            i = list(rows[0]).index("search_text")
            assert all(row[i].endswith("  ") for row in after)
            after = [(*row[:i], row[i].rstrip(" "), *row[i + 1:]) for row in after]
        assert after == before[table], table
    with upgraded.engine.connect() as conn:
        assert conn.execute(text("SELECT charge_start, charge_end FROM units")).all() == [(None, None), (None, None)]
        assert conn.execute(text("SELECT waiver_id FROM allocations")).all() == [(None,), (None,)]
        grants = conn.execute(text("SELECT role FROM role_permissions WHERE permission = 'fees.waive' ORDER BY role"))
        assert [r[0] for r in grants] == ["admin", "manager"]

    services = Services.open(upgraded)
    with services.ctx.read() as s:  # 0020 backfilled the kept sums from the lines, to the fen
        assert fee_sums.kept_sums(s) == fee_sums.live_sums(s) == {
            ("2026-10", 1, False): (1, 25077, 9891, 0), ("2026-10", 1, True): (1, 109, 109, 0)}
        assert fee_sums.kept_owing(s) == fee_sums.live_owing(s) == {(1, "2026-10"): (date(2026, 10, 31), 15186)}
    assert [u.id for u in services.archive.search_units("1502")] == [1]  # the FTS triggers survived
    # the old books balance; only 0.1.0's "prepaid beside arrears" is named, and `fees settle` clears it
    assert services.fees_check.check().violations == ("房屋 1: 有预存款 50.00 却仍有未缴明细 (应自动抵扣)",)
    account = services.payments.account(1)
    assert account.outstanding == Decimal("151.86") and account.prepaid_balance == Decimal("50.00")
    assert services.payments.settle_all() == {1: Decimal("50.00")}
    assert services.fees_check.check().ok
    assert services.payments.account(1).outstanding == Decimal("101.86")
    with services.ctx.read() as s:  # and the triggers keep them from then on
        assert fee_sums.kept_owing(s) == {(1, "2026-10"): (date(2026, 10, 31), 10186)}
        assert fee_sums.kept_sums(s) == fee_sums.live_sums(s)
    upgraded.dispose()
