"""Roster import/export benchmark: ``python bench/roster.py [--rows N] [--repeat K]``.

Generates a roster of N rows (one owner per row, some with a second owner, plates and spaces), then, each
part in a FRESH PROCESS (no part runs after another warmed its caches) and each into a fresh SQLite file:
- the ceiling: calamine reading the same file + one Core ``insert()`` executemany of the same rows into a
  table of the same columns (no validation, no indexes);
- import end to end (read with calamine, the extent check, validate, plan, commit) through
  ``RosterService.commit``, timed from a signed-in state (Services open, ORM mappers configured and the
  roster service's modules loaded — as the sign-in and the page offering the import have done in the app);
- export of the imported roster (streamed from SQL into openpyxl write-only), with the process's peak
  memory added by the export (peak RSS minus the RSS just before it).
With ``--repeat K`` the ceiling and the import alternate K times; the figures are the medians (the ratio is
the median of each round's import/ceiling). The last line is one JSON object: rows, import_s, ceiling_s,
ratio, export_s, peak_rss_mb (the import process's peak), export_peak_mb, export_rows, repeat, and ratio_cpu /
export_cpu_s (CPU time, which a busy machine disturbs less than the wall clock).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.demo.property import id_number, mobile, person_name, plate  # noqa: E402
from app.excel.roster import BY_KEY, EXPORT_KEYS  # noqa: E402


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


# --- the parts, each run in a fresh process (``--part NAME``) --------------------------------------


def ceiling(path: Path, db_url: str) -> dict:
    """What a bare import costs: calamine read + one executemany into a table of the same columns."""
    from python_calamine import CalamineWorkbook
    from sqlalchemy import Column, MetaData, String, Table, create_engine, insert

    engine = create_engine(db_url)
    meta = MetaData()
    names = [f"c{i}" for i in range(len(EXPORT_KEYS))]
    table = Table("roster_raw", meta, Column("id", String, primary_key=False), *[Column(n, String) for n in names])
    meta.create_all(engine)
    start, cpu = time.perf_counter(), time.process_time()
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()[2:]
    params = [{n: (str(v) if v != "" else None) for n, v in zip(names, row, strict=False)} for row in values]
    with engine.begin() as conn:
        conn.execute(insert(table), params)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    engine.dispose()
    return {"ceiling_s": elapsed, "ceiling_cpu_s": cpu}


def _services(db_url: str):
    from sqlalchemy.orm import configure_mappers

    from app.db import open_database
    from app.services import Services

    services = Services.open(open_database(db_url))
    assert services.roster is not None  # its modules loaded, as the page that offers the import has them
    configure_mappers()  # what the app's first queries do, before anyone can import (models load per domain)
    return services


def run_import(path: Path, db_url: str) -> dict:
    services = _services(db_url)
    start, cpu = time.perf_counter(), time.process_time()
    result = services.roster.commit(path)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    services.db.dispose()
    return {"import_s": elapsed, "import_cpu_s": cpu, "created": result.created, "updated": result.updated, "unchanged": result.unchanged,
            "units": result.units_created,
            "persons": result.persons_created, "peak_rss_mb": _peak_mb()}


def run_export(target: Path, db_url: str) -> dict:
    services = _services(db_url)
    before = _rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    count = services.roster.export(target)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    services.db.dispose()
    return {"export_s": elapsed, "export_cpu_s": cpu, "export_rows": count, "export_peak_mb": _peak_mb() - before}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    """The resident set now (Linux /proc; elsewhere the peak so far, which makes the delta smaller)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return _peak_mb()


PARTS = {"ceiling": ceiling, "import": run_import, "export": run_export}


def fresh(part: str, path: Path, db_url: str) -> dict:
    """Run one part in a new interpreter; its JSON line back."""
    out = subprocess.run([sys.executable, __file__, "--part", part, str(path), db_url], check=True,
                         capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1, help="rounds of ceiling + import; medians reported")
    parser.add_argument("--part", nargs=3, metavar=("PART", "FILE", "DB_URL"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.part:
        part, path, url = args.part
        print(json.dumps(PARTS[part](Path(path), url)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "roster.xlsx"
        t0 = time.perf_counter()
        generate(source, args.rows)
        print(f"generated {args.rows} rows in {time.perf_counter() - t0:.2f} s ({source.stat().st_size // 1024} KB)")
        rounds = []
        for n in range(args.repeat):
            ceil = fresh("ceiling", source, f"sqlite:///{folder / f'ceiling{n}.db'}")
            imp = fresh("import", source, f"sqlite:///{folder / f'import{n}.db'}")
            rounds.append((imp["import_s"], ceil["ceiling_s"], imp, ceil))
            print(f"round {n + 1}: import {imp['import_s']:.3f} s (created {imp['created']} rows, units {imp['units']}, "
                  f"persons {imp['persons']}), ceiling (calamine read + one Core executemany) {ceil['ceiling_s']:.3f} s, "
                  f"ratio {imp['import_s'] / ceil['ceiling_s']:.2f}; CPU time {imp['import_cpu_s']:.3f} / "
                  f"{ceil['ceiling_cpu_s']:.3f} s = {imp['import_cpu_s'] / ceil['ceiling_cpu_s']:.2f}")
        import_s = statistics.median(r[0] for r in rounds)
        ceiling_s = statistics.median(r[1] for r in rounds)
        ratio = statistics.median(r[0] / r[1] for r in rounds)
        ratio_cpu = statistics.median(r[2]["import_cpu_s"] / r[3]["ceiling_cpu_s"] for r in rounds)
        exp = fresh("export", folder / "export.xlsx", f"sqlite:///{folder / 'import0.db'}")
        print(f"export: {exp['export_s']:.3f} s ({exp['export_rows']} rows), peak memory added {exp['export_peak_mb']:.1f} MB")

        again = fresh("import", folder / "export.xlsx", f"sqlite:///{folder / 'import0.db'}")
        print(f"re-import of the export: {again['import_s']:.3f} s, created {again['created']}, "
              f"updated {again['updated']}, unchanged {again['unchanged']}")
    print(json.dumps({
        "rows": args.rows, "import_s": round(import_s, 3), "ceiling_s": round(ceiling_s, 3),
        "ratio": round(ratio, 2), "export_s": round(exp["export_s"], 3),
        "peak_rss_mb": round(max(r[2]["peak_rss_mb"] for r in rounds), 1),
        "export_peak_mb": round(exp["export_peak_mb"], 1), "export_rows": exp["export_rows"], "repeat": args.repeat,
        "ratio_cpu": round(ratio_cpu, 2), "export_cpu_s": round(exp["export_cpu_s"], 3),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
