"""Benchmark: 银行托收 for N units (default 10,000), all with a withholding agreement and a bill: the collection
file out (.xlsx) and the bank's result file (95% success) back in, each beside its ceiling measured in a
fresh process in the same run.

* export ceiling: one raw SQL select of the same rows (units, agreement, arrears) and an openpyxl write-only
  workbook of them — the cost of reading and writing the file and nothing else (no batch recorded).
* import ceiling: python-calamine reading the same result file, then a SQLAlchemy Core executemany of the very
  payments, allocations and prepaid rows the import wrote, into a copy of the database taken before it.

    python bench/bank.py [--units N]

Last line: one JSON object {"units", "export_s", "export_ceiling_s", "import_s", "import_ceiling_s", "paid",
"failed"}.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from app.db import open_database  # noqa: E402
from app.models import Allocation, BankAgreement, Payment, PrepaidEntry, Unit  # noqa: E402
from app.services import Services  # noqa: E402

PERIOD = "2026-11"
SELECT_DUE = """
SELECT u.id, b.name, u.unit_no, u.room_no, a.holder, a.bank, a.account_no, SUM(l.amount - l.paid)
FROM bill_lines l JOIN units u ON u.id = l.unit_id JOIN buildings b ON b.id = u.building_id
JOIN bank_agreements a ON a.unit_id = u.id
WHERE l.period <= :period AND l.amount > l.paid
GROUP BY u.id, b.name, u.unit_no, u.room_no, a.holder, a.bank, a.account_no ORDER BY u.id
"""


def fill(services: Services, units: int, rng: random.Random) -> None:
    from fees import fill as fill_units  # bench/fees.py: N units in buildings of 500, three fee items

    fill_units(services, units, rng)
    services.billing.run(PERIOD)
    with services.ctx.write() as s:
        ids = list(s.scalars(select(Unit.id).order_by(Unit.id)))
        s.execute(insert(BankAgreement), [
            {"unit_id": uid, "bank": rng.choice(["工商银行", "建设银行", "农业银行"]), "holder": f"业主{uid}",
             "account_no": f"6222{uid:015d}", "active_from": date(2026, 1, 1), "active_until": None, "note": "",
             "version": 1} for uid in ids])


def answer(export: Path, target: Path, rng: random.Random) -> int:
    """The bank's result: every row of the file with 成功, or (5%) 失败 and a reason. Returns the failures."""
    from openpyxl import Workbook, load_workbook

    rows = load_workbook(export, read_only=True).worksheets[0].iter_rows(values_only=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append([*next(rows), "扣款结果", "失败原因"])
    failed = 0
    for row in rows:
        bad = rng.random() < 0.05
        failed += bad
        ws.append([*row, "失败" if bad else "成功", "余额不足" if bad else ""])
    wb.save(target)
    return failed


def export_ceiling(url: str, out: str) -> float:
    from openpyxl import Workbook

    db = open_database(url, migrate=False)
    started = time.perf_counter()
    with db.engine.connect() as conn:
        rows = conn.execute(text(SELECT_DUE), {"period": PERIOD}).all()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("托收")
    ws.append(["参考号", "房号", "户名", "开户银行", "账号", "金额", "账期"])
    for n, (_uid, building, unit_no, room, holder, bank, account, amount) in enumerate(rows, start=1):
        ws.append([f"TS000-{n:05d}", f"{building}{unit_no}单元{room}", holder, bank, account, amount, PERIOD])
    wb.save(out)
    elapsed = time.perf_counter() - started
    db.dispose()
    return elapsed


def import_ceiling(url: str, copy_url: str, result: str) -> float:
    from python_calamine import CalamineWorkbook

    source = open_database(url, migrate=False)
    with source.engine.connect() as conn:
        tables = {model: [dict(r._mapping) for r in conn.execute(select(model.__table__).where(cond))]
                  for model, cond in ((Payment, Payment.method == "bank"),
                                      (PrepaidEntry, PrepaidEntry.payment_id.is_not(None)),
                                      (Allocation, Allocation.payment_id.is_not(None)))}
    source.dispose()
    target = open_database(copy_url, migrate=False)
    started = time.perf_counter()
    rows = CalamineWorkbook.from_path(result).get_sheet_by_index(0).to_python()
    assert len(rows) > 1
    with target.write_session() as s:
        conn = s.connection()
        for model, values in tables.items():
            if values:
                conn.execute(insert(model.__table__), values)
    elapsed = time.perf_counter() - started
    target.dispose()
    return elapsed


def in_fresh_process(*args: str) -> float:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--export-ceiling", nargs=2, metavar=("URL", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--import-ceiling", nargs=3, metavar=("URL", "COPY", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_ceiling:
        print(export_ceiling(*args.export_ceiling))
        return
    if args.import_ceiling:
        print(import_ceiling(*args.import_ceiling))
        return
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        url = f"sqlite:///{folder / 'bench.db'}"
        db = open_database(url)
        services = Services.open(db)
        started = time.perf_counter()
        fill(services, args.units, rng)
        print(f"filled {args.units} units with agreements and bills in {time.perf_counter() - started:.1f} s")

        import openpyxl  # noqa: F401  - loaded before the clock starts, as in the ceiling's process

        started = time.perf_counter()
        batch = services.bank.export(PERIOD, folder / "托收.xlsx")
        export_s = time.perf_counter() - started
        print(f"export: batch {batch.number}, {batch.rows} rows, {batch.total} 元 in {export_s:.3f} s")
        db.dispose()
        export_ceiling_s = in_fresh_process("--export-ceiling", url, str(folder / "ceiling.xlsx"))
        print(f"export ceiling (raw select + openpyxl write-only, fresh process): {export_ceiling_s:.3f} s "
              f"→ ×{export_s / export_ceiling_s:.2f}")

        failed = answer(folder / "托收.xlsx", folder / "回盘.xlsx", rng)
        shutil.copyfile(folder / "bench.db", folder / "before.db")
        db = open_database(url)
        services = Services.open(db)
        started = time.perf_counter()
        preview = services.bank.preview_result(folder / "回盘.xlsx")
        assert preview.ok, preview.messages()[:5]
        done = services.bank.import_result(preview)
        import_s = time.perf_counter() - started
        assert (done.succeeded, done.failed) == (batch.rows - failed, failed)
        print(f"import: {done.succeeded} paid ({done.succeeded_amount} 元), {done.failed} failed in {import_s:.3f} s")
        assert services.fees_check.check(PERIOD).ok, "fees check must be clean"
        db.dispose()
        import_ceiling_s = in_fresh_process("--import-ceiling", url, f"sqlite:///{folder / 'before.db'}",
                                            str(folder / "回盘.xlsx"))
        print(f"import ceiling (calamine read + Core insert of the same payments, fresh process): "
              f"{import_ceiling_s:.3f} s → ×{import_s / import_ceiling_s:.2f}")
    print(json.dumps({"units": args.units, "export_s": round(export_s, 3), "export_ceiling_s": round(export_ceiling_s, 3),
                      "import_s": round(import_s, 3), "import_ceiling_s": round(import_ceiling_s, 3),
                      "paid": done.succeeded, "failed": done.failed}))


if __name__ == "__main__":
    main()
