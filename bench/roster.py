"""Roster import/export benchmark: ``python bench/roster.py [--rows N]``.

Generates a roster of N rows (one owner per row, some with a second owner, plates and spaces), then
times, each into a fresh SQLite file:
- import end to end (read with calamine, validate, plan, commit) through ``RosterService.commit``;
- the ceiling: calamine reading the same file + one Core ``insert()`` executemany of the same rows;
- export of the imported roster (openpyxl write-only).
The last line is one JSON object: rows, import_s, ceiling_s, ratio, export_s, peak_rss_mb.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import open_database  # noqa: E402
from app.demo.property import id_number, mobile, person_name, plate  # noqa: E402
from app.excel.roster import BY_KEY, EXPORT_KEYS  # noqa: E402
from app.services import Services  # noqa: E402


def generate(path: Path, rows: int, seed: int = 6) -> None:
    """A roster shaped like an office's: title row, header, rooms as numbers, dates as text or dates."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["翠湖花园业主花名册"])
    ws.append([BY_KEY[k].header for k in EXPORT_KEYS])
    used_ids, used_plates = set(), set()
    n = 0
    building, unit, floor, room = 1, 1, 1, 1
    while n < rows:
        owners = 2 if rng.random() < 0.2 else 1
        area = rng.choice(["89.56", "96.32", "118.75", "126.40", "143.08"])
        for _ in range(owners):
            if n >= rows:
                break
            n += 1
            number = id_number(rng)
            while number in used_ids:
                number = id_number(rng)
            used_ids.add(number)
            car = space = ""
            if rng.random() < 0.3:
                car = plate(rng)
                while car in used_plates:
                    car = plate(rng)
                used_plates.add(car)
                space = f"B{building % 2 + 1}-{n:06d}"
            moved = date(2015, 1, 1) + timedelta(days=rng.randrange(3500))
            ws.append([n, f"{building}栋", unit, floor * 100 + room, float(area), person_name(rng), "业主", int(mobile(rng)),
                       number, moved if n % 2 else moved.strftime("%Y/%-m/%-d"), space, car, ""])
        room += 1
        if room > 4:
            room, floor = 1, floor + 1
        if floor > 30:
            floor, unit = 1, unit + 1
        if unit > 3:
            unit, building = 1, building + 1
    wb.save(path)


def ceiling(path: Path, db_url: str) -> float:
    """What a bare import costs: calamine read + one executemany into a table of the same columns."""
    from python_calamine import CalamineWorkbook
    from sqlalchemy import Column, MetaData, String, Table, create_engine, insert

    engine = create_engine(db_url)
    meta = MetaData()
    names = [f"c{i}" for i in range(len(EXPORT_KEYS))]
    table = Table("roster_raw", meta, Column("id", String, primary_key=False), *[Column(n, String) for n in names])
    meta.create_all(engine)
    start = time.perf_counter()
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()[2:]
    params = [{n: (str(v) if v != "" else None) for n, v in zip(names, row, strict=False)} for row in values]
    with engine.begin() as conn:
        conn.execute(insert(table), params)
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "roster.xlsx"
        t0 = time.perf_counter()
        generate(source, args.rows)
        print(f"generated {args.rows} rows in {time.perf_counter() - t0:.2f} s ({source.stat().st_size // 1024} KB)")

        services = Services.open(open_database(f"sqlite:///{folder / 'import.db'}"))
        start = time.perf_counter()
        result = services.roster.commit(source)
        import_s = time.perf_counter() - start
        print(f"import: {import_s:.3f} s  created {result.created} rows, units {result.units_created}, "
              f"persons {result.persons_created}")

        ceiling_s = ceiling(source, f"sqlite:///{folder / 'ceiling.db'}")
        print(f"ceiling (calamine read + one Core executemany): {ceiling_s:.3f} s")

        start = time.perf_counter()
        count = services.roster.export(folder / "export.xlsx")
        export_s = time.perf_counter() - start
        print(f"export: {export_s:.3f} s ({count} rows)")

        start = time.perf_counter()
        again = services.roster.commit(folder / "export.xlsx")
        print(f"re-import of the export: {time.perf_counter() - start:.3f} s, created {again.created}, "
              f"updated {again.updated}, unchanged {again.unchanged}")
        services.db.dispose()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "rows": args.rows, "import_s": round(import_s, 3), "ceiling_s": round(ceiling_s, 3),
        "ratio": round(import_s / ceiling_s, 2), "export_s": round(export_s, 3),
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
