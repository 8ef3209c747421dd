"""Work-order export benchmark: ``python bench/workorder_export.py [--rows N]``.

Fills a fresh SQLite file with N work orders (Core executemany), then exports the whole list through
``WorkOrderService.export_xlsx`` (paged queries + openpyxl write-only) and reports the time, then the
Python heap peak of a second export (tracemalloc), which should stay flat as N grows.
The last line is one JSON object: rows, export_s, peak_heap_mb, file_mb.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from app.db import open_database  # noqa: E402
from app.models import WorkOrder  # noqa: E402
from app.services import Services  # noqa: E402
from app.services.workorders import WorkOrderFilter  # noqa: E402


def fill(services: Services, rows: int) -> None:
    start = datetime(2026, 1, 1, 8, 0)
    with services.ctx.write() as s:
        for first in range(0, rows, 5000):
            s.execute(insert(WorkOrder), [{
                "number": f"GD{i:012d}", "kind": "repair", "source": "phone", "location": "public",
                "category": "water", "priority": "normal", "team": "engineering", "state": "archived",
                "place": "=厨房" if i % 7 == 0 else "厨房", "description": "厨房水槽下水管漏水, 橱柜底板已泡湿" * 3,
                "reported_at": start + timedelta(minutes=i), "respond_by": start + timedelta(minutes=i + 480),
                "due_at": start + timedelta(minutes=i + 1800), "contact_name": "张三", "contact_phone": "",
                "work_notes": "", "visit_comment": "", "cancel_reason": "",
            } for i in range(first, min(first + 5000, rows))])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    services = Services.open(open_database(f"sqlite:///{folder / 'bench.db'}"))
    fill(services, args.rows)
    out = folder / "工单.xlsx"
    began = time.perf_counter()
    written = services.workorders.export_xlsx(WorkOrderFilter(), out)
    elapsed = time.perf_counter() - began
    tracemalloc.start()  # a second run for the heap peak (tracemalloc slows it down several times)
    services.workorders.export_xlsx(WorkOrderFilter(), out)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert written == args.rows
    print(json.dumps({"rows": written, "export_s": round(elapsed, 2), "peak_heap_mb": round(peak / 2**20, 1),
                      "file_mb": round(out.stat().st_size / 2**20, 1)}))


if __name__ == "__main__":
    main()
