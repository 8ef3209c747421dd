"""Roster import/export benchmark: ``python bench/roster.py [--rows N] [--repeat K]``.

Generates a roster of N rows (one owner per row, some with a second owner, plates and spaces), then, each
part in a FRESH PROCESS (no part runs after another warmed its caches) and each into a fresh SQLite file:
- the ceiling: calamine reading the same file + one Core ``insert()`` executemany of the same rows into a
  table of the same columns (no validation, no indexes);
- the store ceiling: the same rows stored as the import stores them, the simplest fast way and unchecked —
  ids given in one pass, one driver-level executemany per table into the app's five tables with their
  indexes, foreign keys and the FTS search index (``store_ceiling``). The bare ceiling leaves out that
  work, which the import cannot (the five tables, their indexes and the search index cost ~1.7× the
  bare ceiling by themselves); ``ratio_store`` is the import's cost of reading, checking and planning;
- import end to end (read with calamine, the extent check, validate, plan, commit) through
  ``RosterService.commit``, timed from a signed-in state (Services open, ORM mappers configured and the
  roster service's modules loaded — as the sign-in and the page offering the import have done in the app);
- export of the imported roster (streamed from SQL through app.excel.stream), with the process's peak
  memory added by the export (peak RSS during it — the high-water mark reset at its start — minus the RSS
  just before it) and that peak RSS.
With ``--repeat K`` the ceiling and the import alternate K times; the figures are the medians (the ratio is
the median of each round's import/ceiling). The last line is one JSON object: rows, import_s, ceiling_s,
ratio, export_s, peak_rss_mb (the import process's peak), export_peak_mb, export_rss_mb, export_rows, repeat, and
ratio_cpu / export_cpu_s (CPU time, which a busy machine disturbs less than the wall clock); store_s, ratio_store,
ratio_store_cpu (the import against the store ceiling) and the CPU medians ceiling_cpu_s, store_cpu_s,
import_cpu_s.
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
from datetime import date, datetime, timedelta
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


def store_ceiling(path: Path, db_url: str) -> dict:
    """The same rows stored the simplest fast way, without any checking: what an import cannot go below.

    calamine read, then one pass that gives each building, unit, person, occupancy, space and plate its id
    (dicts, no validation, no comparison with stored data; rooms and dates converted the plain way), then one
    driver-level executemany of plain tuples per table into the app's own schema (its indexes, constraints
    and foreign keys, the same SQLite settings and page cache as the import) and the search index: each new
    unit's search text (``app.search.unit_search_text``) filled into the FTS index in one INSERT … SELECT,
    as the import does. No audit, no import record, no extent check. The migrated database is opened before
    the clock starts.
    """
    from python_calamine import CalamineWorkbook

    from app.db import open_database
    from app.search import unit_search_text

    db = open_database(db_url)
    start, cpu = time.perf_counter(), time.process_time()
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()[2:]
    stamp = (1, datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f"), None)  # version, created_at, created_by
    buildings: dict[str, int] = {}
    units: dict[tuple, list] = {}
    people: dict[int, list] = {}
    plates: dict[int, list] = {}
    persons, occupancies, spaces, vehicles = [], [], [], []
    for row in values:
        building, unit_no, room_no, area, name, _relation, phone, id_number, move_in, space, plate = row[1:12]
        bid = buildings.setdefault(building, len(buildings) + 1)
        unit_no, room_no = _plain(unit_no), _plain(room_no)
        unit = units.get((bid, unit_no, room_no))
        if unit is None:
            unit = units[bid, unit_no, room_no] = [len(units) + 1, bid, unit_no, room_no, int(room_no) // 100, area,
                                                   None, "residential", "occupied", "", building, *stamp]
        uid, pid, phone = unit[0], len(persons) + 1, _plain(phone)
        persons.append((pid, name, phone, id_number, "", "", 0, *stamp))
        people.setdefault(uid, []).append((name, phone, id_number))
        if type(move_in) is str:
            move_in = datetime.strptime(move_in, "%Y/%m/%d").date()
        occupancies.append((uid, pid, "owner", move_in.isoformat(), None, *stamp))
        space_id = None
        if space:
            space_id = len(spaces) + 1
            spaces.append((space_id, space, "", "owned", uid, pid, "", *stamp))
        if plate:
            vehicles.append((plate, uid, pid, space_id, "", "", *stamp))
            plates.setdefault(uid, []).append(plate)
    for unit in units.values():  # the search text in the place of the building name
        unit[10] = unit_search_text(unit[10], unit[2], unit[3], people.get(unit[0], ()), plates.get(unit[0], ()))
    stamped = ("version", "created_at", "created_by")
    with db.engine.execution_options(sqlite_begin="IMMEDIATE").begin() as conn:
        conn.exec_driver_sql("PRAGMA cache_size = -65536")  # as the import's (no thrashing page cache)
        trigger = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'units_fts_ai'").scalar()
        conn.exec_driver_sql("DROP TRIGGER units_fts_ai")
        _put(conn, "buildings", ("id", "name", "notes", *stamped),
             [(bid, name, "", *stamp) for name, bid in buildings.items()])
        _put(conn, "units", ("id", "building_id", "unit_no", "room_no", "floor", "area", "inner_area", "use", "status",
                             "notes", "search_text", *stamped), [tuple(u) for u in units.values()])
        conn.exec_driver_sql("INSERT INTO units_fts(rowid, search_text) SELECT id, search_text FROM units")
        conn.exec_driver_sql(trigger)
        _put(conn, "persons", ("id", "name", "phone", "id_number", "notes", "gender", "id_unverified", *stamped),
             persons)
        _put(conn, "occupancies", ("unit_id", "person_id", "relation", "move_in_date", "move_out_date", *stamped),
             occupancies)
        _put(conn, "parking_spaces", ("id", "code", "zone", "kind", "unit_id", "person_id", "notes", *stamped), spaces)
        _put(conn, "vehicles", ("plate", "unit_id", "person_id", "parking_space_id", "brand", "color", *stamped),
             vehicles)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    db.dispose()
    return {"store_s": elapsed, "store_cpu_s": cpu, "units": len(units), "persons": len(persons)}


def _put(conn, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if rows:
        names = ", ".join(f'"{c}"' for c in columns)
        conn.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", rows)


def _plain(value: object) -> str:
    """1502.0 → "1502" (calamine reads numbers as floats); text as it is."""
    return str(int(value)) if type(value) is float else str(value)


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
    from bench.scale import export_memory

    services = _services(db_url)
    with export_memory() as mem:  # the export's own peak (the high-water mark reset at its start)
        start, cpu = time.perf_counter(), time.process_time()
        count = services.roster_export.export(target)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    services.db.dispose()
    return {"export_s": elapsed, "export_cpu_s": cpu, "export_rows": count, "export_peak_mb": mem["grew_mb"],
            "export_rss_mb": mem["peak_mb"]}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


PARTS = {"ceiling": ceiling, "store": store_ceiling, "import": run_import, "export": run_export}


def fresh(part: str, path: Path, db_url: str) -> dict:
    """Run one part in a new interpreter; its JSON line back."""
    # -m, as bench/scale.py's workers: run as a script, the bench's own parse tree stays alive in the process
    out = subprocess.run([sys.executable, "-m", "bench.roster", "--part", part, str(path), db_url], check=True,
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
            store = fresh("store", source, f"sqlite:///{folder / f'store{n}.db'}")
            imp = fresh("import", source, f"sqlite:///{folder / f'import{n}.db'}")
            rounds.append((imp["import_s"], ceil["ceiling_s"], imp, ceil, store))
            print(f"round {n + 1}: import {imp['import_s']:.3f} s (created {imp['created']} rows, units {imp['units']}, "
                  f"persons {imp['persons']}), ceiling (calamine read + one Core executemany) {ceil['ceiling_s']:.3f} s, "
                  f"ratio {imp['import_s'] / ceil['ceiling_s']:.2f}; CPU time {imp['import_cpu_s']:.3f} / "
                  f"{ceil['ceiling_cpu_s']:.3f} s = {imp['import_cpu_s'] / ceil['ceiling_cpu_s']:.2f}")
            print(f"         store ceiling (the same rows into the five tables, indexes and search index, unchecked) "
                  f"{store['store_s']:.3f} s, ratio {imp['import_s'] / store['store_s']:.2f}; CPU time "
                  f"{store['store_cpu_s']:.3f} s = {imp['import_cpu_s'] / store['store_cpu_s']:.2f}")
        import_s = statistics.median(r[0] for r in rounds)
        ceiling_s = statistics.median(r[1] for r in rounds)
        ratio = statistics.median(r[0] / r[1] for r in rounds)
        ratio_cpu = statistics.median(r[2]["import_cpu_s"] / r[3]["ceiling_cpu_s"] for r in rounds)
        store_s = statistics.median(r[4]["store_s"] for r in rounds)
        ratio_store = statistics.median(r[0] / r[4]["store_s"] for r in rounds)
        ratio_store_cpu = statistics.median(r[2]["import_cpu_s"] / r[4]["store_cpu_s"] for r in rounds)
        exp = fresh("export", folder / "export.xlsx", f"sqlite:///{folder / 'import0.db'}")
        print(f"export: {exp['export_s']:.3f} s ({exp['export_rows']} rows), peak memory added {exp['export_peak_mb']:.1f} MB "
              f"(resident at its peak {exp['export_rss_mb']:.0f} MB)")

        again = fresh("import", folder / "export.xlsx", f"sqlite:///{folder / 'import0.db'}")
        print(f"re-import of the export: {again['import_s']:.3f} s, created {again['created']}, "
              f"updated {again['updated']}, unchanged {again['unchanged']}")
    print(json.dumps({
        "rows": args.rows, "import_s": round(import_s, 3), "ceiling_s": round(ceiling_s, 3),
        "ratio": round(ratio, 2), "export_s": round(exp["export_s"], 3),
        "peak_rss_mb": round(max(r[2]["peak_rss_mb"] for r in rounds), 1),
        "export_peak_mb": round(exp["export_peak_mb"], 1), "export_rss_mb": round(exp["export_rss_mb"], 1),
        "export_rows": exp["export_rows"], "repeat": args.repeat,
        "ratio_cpu": round(ratio_cpu, 2), "export_cpu_s": round(exp["export_cpu_s"], 3),
        "store_s": round(store_s, 3), "ratio_store": round(ratio_store, 2), "ratio_store_cpu": round(ratio_store_cpu, 2),
        "ceiling_cpu_s": round(statistics.median(r[3]["ceiling_cpu_s"] for r in rounds), 3),
        "store_cpu_s": round(statistics.median(r[4]["store_cpu_s"] for r in rounds), 3),
        "import_cpu_s": round(statistics.median(r[2]["import_cpu_s"] for r in rounds), 3),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
