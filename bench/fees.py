"""Benchmark: a billing run for N units (default 10,000) and fee notices for 1,000 units, each beside
its ceiling measured in the same run.

* billing ceiling: a SQLAlchemy Core bulk insert (executemany; the lines in multi-row statements) of the very
  bills and lines the run made, into an identical copy of the database taken before the run — the cost of
  writing them and nothing else.
* notices ceiling: plain reportlab canvas drawing of the same pages with the same embedded font (already
  registered): the canvas calls of one untimed render are recorded and replayed — no data fetch, no layout.
  The notices (units, data, render) and their ceiling are each timed in a FRESH process (``--worker``),
  the font loaded untimed in both: neither gains from what the other, or the billing, left warm.

    python bench/fees.py [--units N] [--notices M]

Last line: one JSON object {"units", "billing_s", "billing_ceiling_s", "notices", "notices_s",
"notices_ceiling_s", "notices_ratio"}. Aim: billing < 2 s and ≤ 2× its ceiling; notices ≤ 1.5× theirs.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pickle
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import open_database  # noqa: E402
from app.models import Bill, BillLine, Building, ChargeMethod, FeeKind, ParkingSpace, Unit  # noqa: E402
from app.money import format_money  # noqa: E402
from app.pdf.fee_notice import render_notices  # noqa: E402
from app.pdf.fonts import cjk_font  # noqa: E402
from app.services import Services  # noqa: E402

PERIOD = "2026-11"


def fill(services: Services, units: int, rng: random.Random) -> None:
    """N units in buildings of 500, areas from a realistic set, 10% vacant, 35% with a parking space."""
    with services.ctx.write() as s:
        buildings = [Building(name=f"{n}栋", floors=30) for n in range(1, units // 500 + 2)]
        s.add_all(buildings)
        s.flush()
        rows = [
            {"building_id": buildings[i // 500].id, "unit_no": str(1 + (i // 100) % 5),
             "room_no": f"{1 + (i % 100) // 4}{1 + i % 4:02d}", "floor": 1 + (i % 100) // 4,
             "area": Decimal(rng.choice(["89.56", "96.32", "118.75", "126.40", "143.08"])),
             "status": "vacant" if rng.random() < 0.1 else "occupied", "use": "residential", "notes": "",
             "search_text": "", "version": 1}
            for i in range(units)
        ]
        s.execute(insert(Unit), rows)
        ids = list(s.scalars(select(Unit.id).order_by(Unit.id)))
        s.execute(insert(ParkingSpace), [
            {"code": f"B-{n:05d}", "zone": "B1", "kind": "owned", "unit_id": uid, "notes": "", "version": 1}
            for n, uid in enumerate(u for u in ids if rng.random() < 0.35)
        ])
    billing = services.billing
    start = date(2026, 1, 1)
    billing.save_item({"name": "物业服务费", "kind": FeeKind.PROPERTY, "method": ChargeMethod.AREA,
                       "unit_price": "2.80", "start_date": start, "vacant_rate": "0.7", "sort_order": 1})
    billing.save_item({"name": "停车费", "kind": FeeKind.PARKING, "method": ChargeMethod.SPACE, "unit_price": "300",
                       "start_date": start, "sort_order": 2})
    billing.save_item({"name": "垃圾清运费", "method": ChargeMethod.FIXED, "unit_price": "15", "start_date": start,
                       "sort_order": 3})


def time_billing_ceiling(template: Path, copy: Path, billed_url: str) -> float:
    """Core bulk inserts of the same bills (executemany) and lines (executemany with RETURNING, which SQLAlchemy
    sends as multi-row INSERTs of 1,000: the fastest plain Core way since the lines carry the fee-sum triggers
    of migration 0020 — one statement per row would open a statement journal per row and make this ceiling 3×
    slower) into the pre-run copy, in one transaction."""
    shutil.copyfile(template, copy)
    source = open_database(billed_url, migrate=False)
    with source.engine.connect() as conn:
        bills = [dict(r._mapping) for r in conn.execute(select(Bill.__table__))]
        lines = [dict(r._mapping) for r in conn.execute(select(BillLine.__table__))]
    source.dispose()
    target = open_database(f"sqlite:///{copy}", migrate=False)
    started = time.perf_counter()
    with target.write_session() as s:
        conn = s.connection()
        conn.execute(insert(Bill.__table__), bills)
        conn.execute(insert(BillLine.__table__).returning(BillLine.__table__.c.id), lines).all()
    elapsed = time.perf_counter() - started
    target.dispose()
    return elapsed


class _Recorder:
    """Stands in for reportlab's Canvas while the notices are drawn once, untimed: it keeps every call."""

    calls: list = []
    canvas_class = None

    def __init__(self, *args, **kwargs):
        self._real = _Recorder.canvas_class(io.BytesIO(), **kwargs)
        _Recorder.calls = [("__init__", args[1:], kwargs)]

    def __getattr__(self, name):
        method = getattr(self._real, name)

        def record(*args, **kwargs):
            _Recorder.calls.append((name, args, kwargs))
            return method(*args, **kwargs)

        return record


def record_calls(notices) -> list:
    """The exact canvas calls (text, positions, fonts, lines) that ``render_notices`` makes for these pages."""
    import reportlab.pdfgen.canvas as rl_canvas

    real = _Recorder.canvas_class = rl_canvas.Canvas
    rl_canvas.Canvas = _Recorder
    try:
        render_notices(notices)
    finally:
        rl_canvas.Canvas = real
    return list(_Recorder.calls)


def draw_ceiling(calls) -> bytes:
    """Replay the recorded calls on a real canvas: the same pages with no data fetch and no layout logic."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    _, _, kwargs = calls[0]
    c = Canvas(buffer, **kwargs)
    for name, args, kw in calls[1:]:
        getattr(c, name)(*args, **kw)
    return buffer.getvalue()


def notices_worker(kind: str, source: str, count: int) -> float:
    """One timing in this fresh process: ``notices`` (source: the database URL) or ``ceiling`` (source: the
    pickled canvas calls). The embedded font is loaded first, untimed, on both sides."""
    cjk_font()
    if kind == "ceiling":
        calls = pickle.loads(Path(source).read_bytes())
        started = time.perf_counter()
        draw_ceiling(calls)
        return time.perf_counter() - started
    db = open_database(source, migrate=False)
    services = Services.open(db)
    started = time.perf_counter()
    units = services.fee_reports.notice_units(PERIOD)[:count]
    render_notices(services.fee_reports.notices(PERIOD, units))
    elapsed = time.perf_counter() - started
    db.dispose()
    return elapsed


def fresh(kind: str, source: str, count: int) -> float:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, __file__, "--worker", kind, source, str(count)], check=True,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root)})
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--notices", type=int, default=1_000)
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(notices_worker(args.worker[0], args.worker[1], int(args.worker[2])))
        return
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        url = f"sqlite:///{folder / 'bench.db'}"
        db = open_database(url)
        services = Services.open(db)
        started = time.perf_counter()
        fill(services, args.units, rng)
        print(f"filled {args.units} units in {time.perf_counter() - started:.1f} s")
        db.dispose()
        template = folder / "template.db"
        shutil.copyfile(folder / "bench.db", template)
        db = open_database(url)
        services = Services.open(db)

        started = time.perf_counter()
        result = services.billing.run(PERIOD)
        billing_s = time.perf_counter() - started
        print(f"billing run: {result.bills} bills, {result.lines} lines, {format_money(result.total)} 元 "
              f"in {billing_s:.3f} s")
        again = services.billing.run(PERIOD)
        assert again.bills == 0, "a second run must add nothing"
        db.dispose()
        ceiling_s = time_billing_ceiling(template, folder / "ceiling.db", url)
        print(f"billing ceiling (Core executemany of the same rows): {ceiling_s:.3f} s "
              f"→ ×{billing_s / ceiling_s:.2f}")

        db = open_database(url)
        services = Services.open(db)
        units = services.fee_reports.notice_units(PERIOD)[: args.notices]
        notices = services.fee_reports.notices(PERIOD, units)
        (folder / "calls.pickle").write_bytes(pickle.dumps(record_calls(notices)))  # untimed
        db.dispose()
        notices_s = fresh("notices", url, args.notices)
        print(f"notices (fresh process): {len(notices)} pages in {notices_s:.3f} s")
        notices_ceiling_s = fresh("ceiling", str(folder / "calls.pickle"), args.notices)
        print(f"notices ceiling (fresh process, replayed canvas calls, same font): {notices_ceiling_s:.3f} s "
              f"→ ×{notices_s / notices_ceiling_s:.2f}")
    print(json.dumps({"units": args.units, "billing_s": round(billing_s, 3), "billing_ceiling_s": round(ceiling_s, 3),
                      "notices": len(notices), "notices_s": round(notices_s, 3),
                      "notices_ceiling_s": round(notices_ceiling_s, 3),
                      "notices_ratio": round(notices_s / notices_ceiling_s, 2)}))


if __name__ == "__main__":
    main()
