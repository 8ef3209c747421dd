"""Fee ledger (收费台账) benchmark: ``python bench/ledger.py [--units N] [--cache DIR]`` (default 10,000).

Fills N units (with owners) through Core inserts, bills two periods through the billing service, marks part
of the lines paid (the database is kept in ``--cache`` if given), then times separately:
- ``FeeReportService.ledger(period)`` — the queries that build the ledger rows (all held);
- ``write_ledger(path, ledger)`` — the .xlsx (app.excel.stream, streamed) from those rows;
- the ceiling of that write: openpyxl write-only writing the same values with no styles at all;
and, each in a fresh process (so no cache or import is shared):
- ``export_s``: the export as the app does it (``FeeReportService.export_ledger``: rows streamed from the
  database into the write-only sheet, saved atomically), with its peak memory — ``export_rss_mb`` (the
  process's peak RSS, VmHWM: interpreter and libraries included) and ``export_traced_mb`` (peak of Python
  allocations by tracemalloc, in a third run, since tracing slows it down);
- ``ceiling_s``: the same rows from ONE SQL query (sqlite3, conditional sums per item) written by openpyxl
  write-only with no styles, and its ``ceiling_rss_mb``; ``ceiling_ratio`` = export_s / ceiling_s.
The last line is one JSON object: units, rows, ledger_s, write_s, write_ceiling_s, export_s, export_rss_mb,
export_traced_mb, ceiling_s, ceiling_rss_mb, ceiling_ratio. Aim: ratio ≤ 1.3, traced < 100 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import subprocess
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
ROOT = Path(__file__).resolve().parent.parent


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


def ceiling_rows(path: Path, period: str):
    """The ledger's rows from one SQL query: per item billed / collected (减免 apart) / unpaid by conditional
    sums, the owners by group_concat, the earlier arrears and 减免 from grouped subqueries."""
    from app.search import unit_code, unit_label

    conn = sqlite3.connect(path)
    items = [i for (i,) in conn.execute(
        "SELECT id FROM fee_items WHERE id IN (SELECT item_id FROM bill_lines WHERE period = ? AND NOT late_fee)"
        " ORDER BY sort_order, id", (period,))]
    per_item = []
    for i in [*items, None]:
        cond = f"l.item_id = {i} AND NOT l.late_fee" if i is not None else "l.late_fee"
        per_item.append(f"SUM(CASE WHEN {cond} THEN l.amount ELSE 0 END), SUM(CASE WHEN {cond} THEN l.paid ELSE 0 END),"
                        f" SUM(CASE WHEN {cond} THEN w.cut ELSE 0 END)")
    sql = f"""
        WITH w AS (SELECT a.line_id, SUM(a.amount) AS cut FROM allocations a JOIN bill_lines l ON l.id = a.line_id
                   WHERE l.period = :p AND a.waiver_id IS NOT NULL AND NOT a.voided GROUP BY a.line_id),
             e AS (SELECT unit_id, SUM(amount - paid) AS owed FROM bill_lines WHERE period < :p AND amount > paid
                   GROUP BY unit_id),
             o AS (SELECT unit_id, group_concat(name, '、') AS names FROM (SELECT oc.unit_id, pe.name FROM
                   occupancies oc JOIN persons pe ON pe.id = oc.person_id WHERE oc.relation = 'owner'
                   ORDER BY oc.id) GROUP BY unit_id)
        SELECT b.name, u.unit_no, u.room_no, o.names, u.area, e.owed, {", ".join(per_item)}
        FROM units u JOIN bills bi ON bi.unit_id = u.id AND bi.period = :p JOIN buildings b ON b.id = u.building_id
        JOIN bill_lines l ON l.unit_id = u.id AND l.period = :p LEFT JOIN w ON w.line_id = l.id
        LEFT JOIN e ON e.unit_id = u.id LEFT JOIN o ON o.unit_id = u.id
        GROUP BY u.id ORDER BY u.building_id, u.unit_no, length(u.room_no), u.room_no"""
    for building, unit_no, room_no, names, area, owed, *sums in conn.execute(sql, {"p": period}):
        cells, billed, paid, unpaid, waived = [], 0.0, 0.0, 0.0, 0.0
        for k in range(0, len(sums), 3):
            b, p, cut = sums[k : k + 3]
            cells += [b, p - cut, b - p]
            billed, paid, unpaid, waived = billed + b, paid + p - cut, unpaid + b - p, waived + cut
        owed = owed or 0.0
        yield [building, unit_code(building, unit_no, room_no), unit_label(building, unit_no, room_no), names or "",
               area, *cells, billed, waived, paid, unpaid, owed, unpaid + owed]
    conn.close()


def worker(kind: str, db_path: Path, out: Path) -> dict:
    """One measurement in this (fresh) process: ``export`` (as the app), ``traced`` (the same under
    tracemalloc) or ``ceiling``."""
    started = time.perf_counter()
    if kind == "ceiling":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("台账")
        for row in ceiling_rows(db_path, PERIODS[-1]):
            ws.append(row)
        wb.save(out)
    else:
        if kind == "traced":
            import tracemalloc

            tracemalloc.start()
        services = Services.open(open_database(f"sqlite:///{db_path}", migrate=False))
        services.fee_reports.export_ledger(out, PERIODS[-1])
    elapsed = time.perf_counter() - started
    result = {"s": elapsed, "rss_mb": peak_rss_mb()}
    if kind == "traced":
        result["traced_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    return result


def peak_rss_mb() -> float:
    """This process's peak resident memory: VmHWM (ru_maxrss would carry the parent's peak across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fresh(kind: str, db_path: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", kind, str(db_path), str(out)], check=True,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(done.stdout.strip().splitlines()[-1])


def billed_property(path: Path, units: int, periods, rng: random.Random, log=lambda _text: None) -> Services:
    """A new database at ``path``: N units with owners and the fee items, billed for ``periods``."""
    services = Services.open(open_database(f"sqlite:///{path}"))
    started = time.perf_counter()
    fill(services, units, rng)
    add_owners(services, rng)
    for period in periods:
        services.billing.run(period)
        log(f"  billed {period} ({time.perf_counter() - started:.0f} s)")
    return services


def build(path: Path, units: int) -> None:
    rng = random.Random(11)
    started = time.perf_counter()
    services = billed_property(path, units, PERIODS, rng)
    pay_part(services, rng)
    services.db.dispose()
    print(f"filled and billed {units} units in {time.perf_counter() - started:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--cache", type=Path, help="keep the filled database in this folder")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker[0], Path(args.worker[1]), Path(args.worker[2]))))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_path = (args.cache or folder) / f"ledger-{args.units}.db"
        if not db_path.exists():
            db_path.parent.mkdir(parents=True, exist_ok=True)
            build(db_path.with_suffix(".part"), args.units)
            db_path.with_suffix(".part").rename(db_path)
        services = Services.open(open_database(f"sqlite:///{db_path}"))

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
        rows = len(ledger.rows)
        services.db.dispose()
        del ledger

        export = fresh("export", db_path, folder / "export.xlsx")
        traced = fresh("traced", db_path, folder / "traced.xlsx")
        bare = fresh("ceiling", db_path, folder / "bare.xlsx")
        ratio = export["s"] / bare["s"]
        print(f"export (fresh process, streamed): {export['s']:.3f} s, peak RSS {export['rss_mb']:.0f} MB, "
              f"traced peak {traced['traced_mb']:.1f} MB")
        print(f"ceiling (fresh process, one SQL query → write-only, no styles): {bare['s']:.3f} s, "
              f"peak RSS {bare['rss_mb']:.0f} MB → ×{ratio:.2f}")
    print(json.dumps({"units": args.units, "rows": rows, "ledger_s": round(ledger_s, 3),
                      "write_s": round(write_s, 3), "write_ceiling_s": round(ceiling_s, 3),
                      "export_s": round(export["s"], 3), "export_rss_mb": round(export["rss_mb"], 1),
                      "export_traced_mb": round(traced["traced_mb"], 1), "ceiling_s": round(bare["s"], 3),
                      "ceiling_rss_mb": round(bare["rss_mb"], 1), "ceiling_ratio": round(ratio, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
