"""Report pages at scale: ``python bench/reports.py [--units N] [--orders M] [--cache DIR]``.

Builds (or loads from the cache folder) a property of N units (default 50,000) with 12 months of bills
(~1.4M lines at 50k), payments with their allocations, some 减免 (waivers), voided payments, late-fee lines
and prepaid balances, plus M work orders (default 1,000,000), then times, each in a fresh process on a copy:

- ``dashboard_s``: everything the 经理 → 概况 page loads in its background job (``load_dashboard``);
- ``figures_s``: the 收费 → 收缴率/日结 page's job (``FeeFiguresPage`` data: collection rate, aging, cash-up);
- ``raw_dashboard_s``: the ceiling — the same totals by hand-written SQL through sqlite3, no services.

The last line is one JSON object: units, lines, orders, dashboard_s, figures_s, raw_dashboard_s.
The cached file is at the schema it was built with: delete it when a migration's indexes change.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PERIODS = tuple(f"{2025 + (m + 11) // 12}-{(m + 11) % 12 + 1:02d}" for m in range(12))  # 2025-12 … 2026-11
TODAY = datetime(2026, 11, 30, 9, 0)
DEFAULT_CACHE = Path("/work/cache/i18d")


def build(path: Path, units: int, orders: int, seed: int = 18) -> None:
    """The property at ``path``: units, owners, 12 billing runs, payments, waivers, voids, late fees, orders."""
    from sqlalchemy import insert, select, text

    from app.models import Allocation, Payment, PrepaidEntry, Waiver, WorkOrder
    from bench.ledger import billed_property

    rng = random.Random(seed)
    started = time.perf_counter()
    services = billed_property(path, units, PERIODS, rng, log=lambda text: print(text, flush=True))
    with services.ctx.write() as s:
        conn = s.connection()
        lines = conn.execute(text("SELECT id, unit_id, period, amount FROM bill_lines ORDER BY unit_id, period, id"))
        payments, allocations, waivers, prepaid, late = [], [], [], [], []
        paid: dict[int, Decimal] = {}
        by_unit_period: dict[tuple[int, str], list] = {}
        for line_id, unit_id, period, amount in lines:
            by_unit_period.setdefault((unit_id, period), []).append((line_id, Decimal(str(amount))))
        receipt = 0
        for (unit_id, period), unit_lines in by_unit_period.items():
            age = PERIODS.index(period)
            p_paid = 0.97 - 0.05 * max(age - 6, 0)  # recent months less paid
            if rng.random() > p_paid:
                continue
            receipt += 1
            y, m = int(period[:4]), int(period[5:])
            at = datetime(y, m, 1) + timedelta(days=rng.randint(0, 40), hours=rng.randint(8, 17))
            if at >= TODAY:  # not yet: paid on one of the last days instead (a desk takes hundreds a day)
                at = TODAY - timedelta(days=rng.randint(1, 25), hours=rng.randint(0, 8))
            voided = rng.random() < 0.01
            total = Decimal("0.00")
            for line_id, amount in unit_lines:
                share = amount if rng.random() < 0.9 else (amount / 2).quantize(Decimal("0.01"))
                if rng.random() < 0.02:  # a 减免 of part of the line
                    cut = (share / 5).quantize(Decimal("0.01"))
                    waivers.append({"id": len(waivers) + 1, "unit_id": unit_id, "line_id": line_id, "amount": cut,
                                    "reason": "困难户", "at": at, "approved_by": None, "approved_by_name": "经理",
                                    "created_at": at})
                    allocations.append({"line_id": line_id, "payment_id": None, "prepaid_entry_id": None,
                                        "waiver_id": len(waivers), "amount": cut, "at": at, "voided": False})
                    paid[line_id] = paid.get(line_id, Decimal(0)) + cut
                    share -= cut
                allocations.append({"line_id": line_id, "payment_id": receipt, "prepaid_entry_id": None,
                                    "waiver_id": None, "amount": share, "at": at, "voided": voided})
                if not voided:
                    paid[line_id] = paid.get(line_id, Decimal(0)) + share
                total += share
            extra = Decimal("0.00")
            if rng.random() < 0.03:  # paid ahead: a prepaid deposit
                extra = Decimal(rng.choice(["100.00", "200.00", "500.00"]))
                prepaid.append({"unit_id": unit_id, "kind": "deposit", "amount": extra, "payment_id": receipt,
                                "at": at, "by": None, "note": ""})
            payments.append({
                "id": receipt, "receipt_no": f"SK{receipt:09d}", "unit_id": unit_id, "payer": "",
                "method": rng.choice(["cash", "wechat", "alipay", "card", "transfer"]), "amount": total + extra,
                "prepaid_used": Decimal("0.00"), "paid_at": at, "operator_id": None,
                "operator_name": rng.choice(["小王", "小李", "小张"]), "note": "", "voided": voided,
                "void_reason": "收错" if voided else "", "voided_at": at + timedelta(hours=1) if voided else None,
                "voided_by": None, "voided_by_name": "小王" if voided else "", "created_at": at,
            })
            if age < 9 and rng.random() < 0.01:  # a late fee (滞纳金) line for a late payment
                late.append((unit_id, period, unit_lines[0][0]))
        s.execute(insert(Payment), payments)
        s.execute(insert(Waiver), waivers)
        s.execute(insert(Allocation), allocations)
        s.execute(insert(PrepaidEntry), prepaid)
        conn.execute(text("UPDATE bill_lines SET paid = :p WHERE id = :i"),
                     [{"p": float(v), "i": k} for k, v in paid.items()])
        for unit_id, period, source in late:
            bill_id, item_id = conn.execute(text("SELECT bill_id, item_id FROM bill_lines WHERE id = :i"),
                                            {"i": source}).one()
            amount = Decimal(rng.choice(["3.20", "8.75", "12.40"]))
            conn.execute(text(
                "INSERT INTO bill_lines (bill_id, unit_id, period, item_id, late_fee, source_line_id, quantity,"
                " unit_price, factor, description, amount, paid) VALUES (:b, :u, :p, :it, 1, :s, 1, :a, 1,"
                " '滞纳金', :a, :paid)"), {"b": bill_id, "u": unit_id, "p": period, "it": item_id, "s": source,
                                          "a": float(amount), "paid": float(amount) if rng.random() < 0.5 else 0})
        conn.execute(text("UPDATE bills SET total = (SELECT SUM(amount) FROM bill_lines WHERE bill_id = bills.id),"
                          " paid = (SELECT SUM(paid) FROM bill_lines WHERE bill_id = bills.id)"))
        print(f"  {len(payments):,} payments, {len(allocations):,} allocations, {len(waivers):,} waivers "
              f"({time.perf_counter() - started:.0f} s)", flush=True)
        unit_ids = list(s.scalars(select(text("id")).select_from(text("units"))))
    kinds = ["repair"] * 6 + ["complaint", "suggestion", "inquiry"]
    states = ["archived"] * 12 + ["visited"] * 3 + ["completed", "in_progress", "dispatched", "received",
                                                    "cancelled", "on_hold", "escalated"]
    teams = ["engineering", "service", "order", "environment"]
    start = TODAY - timedelta(days=3 * 365)
    with services.ctx.write() as s:
        for chunk_start in range(0, orders, 100_000):
            rows = []
            for n in range(chunk_start, min(orders, chunk_start + 100_000)):
                reported = start + timedelta(minutes=int((n / orders) * 3 * 365 * 24 * 60))
                state = rng.choice(states)
                visited = state in ("visited", "archived")
                rows.append({
                    "number": f"GD{reported:%Y%m%d}{n:07d}", "kind": rng.choice(kinds), "source": "phone",
                    "location": "private", "category": "water", "priority": "normal", "team": rng.choice(teams),
                    "state": state, "unit_id": rng.choice(unit_ids), "contact_name": "王先生",
                    "contact_phone": "13800000000", "place": "", "description": "漏水",
                    "reported_at": reported, "respond_by": reported + timedelta(hours=2),
                    "due_at": reported + timedelta(days=1),
                    "completed_at": reported + timedelta(hours=20) if visited else None,
                    "visited_at": reported + timedelta(days=2) if visited else None,
                    "satisfaction": rng.randint(2, 5) if visited else None, "version": 1,
                    "created_at": reported,
                })
            s.execute(insert(WorkOrder), rows)
    print(f"  {orders:,} work orders ({time.perf_counter() - started:.0f} s)", flush=True)
    services.db.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute("ANALYZE")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def cached(cache: Path, units: int, orders: int) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"reports-{units}u-{orders}o.db"
    if not path.exists():
        print(f"building {path} …", flush=True)
        part = path.with_suffix(".part")
        part.unlink(missing_ok=True)
        build(part, units, orders)
        part.rename(path)
    return path


# ---- the measurements, each in a fresh process (``--measure NAME PATH``)

def _services(path: Path):
    from app.db import open_database
    from app.services import Services
    from app.services.context import ServiceContext

    db = open_database(f"sqlite:///{path}")
    services = Services.open(db)
    return Services(ServiceContext(db, services.ctx.actor, clock=lambda: TODAY))


def measure(name: str, path: Path) -> float:
    services = _services(path)
    period = PERIODS[-1]
    started = time.perf_counter()
    if name == "dashboard":  # what DashboardPage's background job reads
        services.dashboard.load(period, TODAY.date())
    elif name == "figures":  # what FeeFiguresPage's two background jobs read
        reports = services.fee_reports
        reports.collection_rate(period), reports.aging(), reports.cashup(TODAY.date())
    elif name == "raw_dashboard":
        raw_dashboard(path, period)
    else:
        raise SystemExit(f"unknown measurement {name}")
    return time.perf_counter() - started


def raw_dashboard(path: Path, period: str) -> None:
    """The dashboard's fee and order totals by hand-written SQL (sqlite3): what the database itself costs."""
    today = TODAY.date().isoformat()
    with sqlite3.connect(path) as c:
        for where in ("period = ?", "period BETWEEN substr(?, 1, 4) || '-01' AND ?"):
            args = (period,) if where == "period = ?" else (period, period)
            c.execute(f"SELECT i.kind, l.late_fee, SUM(l.amount), SUM(l.paid) FROM bill_lines l JOIN fee_items i"
                      f" ON i.id = l.item_id WHERE l.{where} GROUP BY 1, 2", args).fetchall()
            c.execute(f"SELECT i.kind, l.late_fee, SUM(a.amount) FROM allocations a JOIN bill_lines l ON"
                      f" l.id = a.line_id JOIN fee_items i ON i.id = l.item_id WHERE a.waiver_id IS NOT NULL AND"
                      f" NOT a.voided AND l.{where} GROUP BY 1, 2", args).fetchall()
        c.execute("SELECT l.period, i.kind, SUM(l.amount), SUM(l.paid) FROM bill_lines l JOIN fee_items i"
                  " ON i.id = l.item_id WHERE l.period BETWEEN ? AND ? GROUP BY 1, 2", (PERIODS[0], period)).fetchall()
        c.execute("SELECT l.period, COUNT(DISTINCT l.unit_id), SUM(l.amount - l.paid) FROM bill_lines l JOIN bills b"
                  " ON b.id = l.bill_id WHERE l.amount > l.paid AND b.due_date < ? GROUP BY 1", (today,)).fetchall()
        c.execute("SELECT state, team, COUNT(*) FROM workorders WHERE state NOT IN ('archived', 'visited',"
                  " 'completed', 'cancelled') GROUP BY 1, 2").fetchall()
        c.execute("SELECT substr(reported_at, 1, 7), COUNT(*), SUM(kind = 'complaint') FROM workorders WHERE"
                  " reported_at >= ? GROUP BY 1", (PERIODS[0] + "-01",)).fetchall()


def fresh(name: str, path: Path) -> float:
    out = subprocess.run([sys.executable, __file__, "--measure", name, str(path)], check=True,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return float(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=50_000)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measure", nargs=2, metavar=("NAME", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(measure(args.measure[0], Path(args.measure[1])))
        return 0
    path = cached(args.cache, args.units, args.orders)
    with sqlite3.connect(path) as c:
        lines = c.execute("SELECT COUNT(*) FROM bill_lines").fetchone()[0]
    figures = {}
    for name in ("raw_dashboard", "dashboard", "figures"):
        best = min(fresh(name, path) for _ in range(args.repeat))
        figures[f"{name}_s"] = round(best, 3)
        print(f"{name}: {best:.3f} s (best of {args.repeat}, fresh process each)", flush=True)
    print(json.dumps({"units": args.units, "lines": lines, "orders": args.orders, **figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
