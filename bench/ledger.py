"""Fee ledger (收费台账) benchmark: ``python bench/ledger.py [--units N]`` (default 10,000).

Fills N units (with owners) through Core inserts, bills two periods through the billing service, marks part
of the lines paid, then times separately:
- ``FeeReportService.ledger(period)`` — the queries that build the ledger rows;
- ``write_ledger(path, ledger)`` — the .xlsx (openpyxl write-only);
- the ceiling of the write: openpyxl write-only writing the same values with no styles at all.
The last line is one JSON object: units, ledger_s, write_s, write_ceiling_s, rows.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import bindparam, insert, select, update

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import open_database  # noqa: E402
from app.demo.property import person_name  # noqa: E402
from app.excel.ledger import ledger_headers, ledger_values, write_ledger  # noqa: E402
from app.models import BillLine, Occupancy, Person, Unit  # noqa: E402
from app.services import Services  # noqa: E402
from bench.fees import fill  # noqa: E402  (units in buildings of 500, the fee items)

PERIODS = ("2026-10", "2026-11")


def add_owners(services: Services, rng: random.Random) -> None:
    """One owner per occupied unit, a second for one in five (the ledger lists them all)."""
    now = datetime(2026, 11, 1, 9, 0)
    with services.ctx.write() as s:
        unit_ids = list(s.scalars(select(Unit.id).where(Unit.status == "occupied").order_by(Unit.id)))
        owners = [uid for uid in unit_ids for _ in range(2 if rng.random() < 0.2 else 1)]
        s.execute(insert(Person), [{"id": n, "name": person_name(rng), "phone": "", "id_number": "", "notes": "",
                                    "version": 1, "created_at": now} for n in range(1, len(owners) + 1)])
        s.execute(insert(Occupancy), [{"unit_id": uid, "person_id": n, "relation": "owner", "version": 1,
                                       "created_at": now} for n, uid in enumerate(owners, start=1)])


def pay_part(services: Services, rng: random.Random) -> None:
    """The earlier period mostly paid, the current one partly: arrears and paid columns both have figures."""
    with services.ctx.write() as s:
        lines = s.execute(select(BillLine.id, BillLine.period, BillLine.amount)).all()
        paid = [{"line_id": lid, "paid_value": amount} for lid, period, amount in lines
                if rng.random() < (0.85 if period == PERIODS[0] else 0.4)]
        table = BillLine.__table__
        s.connection().execute(update(table).where(table.c.id == bindparam("line_id"))
                               .values(paid=bindparam("paid_value")), paid)


def write_ceiling(path: Path, ledger) -> float:
    """openpyxl write-only, the same cell values, no fonts, fills or number formats."""
    from openpyxl import Workbook

    started = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append([ledger.property_name])
    ws.append(ledger_headers(ledger))
    for row in ledger.rows:
        ws.append(ledger_values(ledger, row))
    wb.save(path)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    args = parser.parse_args(argv)
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        services = Services.open(open_database(f"sqlite:///{folder / 'ledger.db'}"))
        started = time.perf_counter()
        fill(services, args.units, rng)
        add_owners(services, rng)
        for period in PERIODS:
            services.billing.run(period)
        pay_part(services, rng)
        print(f"filled and billed {args.units} units in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        ledger = services.fee_reports.ledger(PERIODS[-1])
        ledger_s = time.perf_counter() - started
        print(f"ledger(): {ledger_s:.3f} s ({len(ledger.rows)} rows, {len(ledger.items)} items)")

        started = time.perf_counter()
        write_ledger(folder / "ledger.xlsx", ledger)
        write_s = time.perf_counter() - started
        print(f"write_ledger(): {write_s:.3f} s ({(folder / 'ledger.xlsx').stat().st_size // 1024} KB)")

        ceiling_s = write_ceiling(folder / "ceiling.xlsx", ledger)
        print(f"write ceiling (same values, no styles): {ceiling_s:.3f} s")
        services.db.dispose()
    print(json.dumps({"units": args.units, "rows": len(ledger.rows), "ledger_s": round(ledger_s, 3),
                      "write_s": round(write_s, 3), "write_ceiling_s": round(ceiling_s, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
