"""Benchmark: the one-box archive search at N owners (default 50,000; the issue-18 scale is 1,000,000).

Fills a SQLite file with N units each with one owner (valid-format phones/ID numbers), in batches so a
million rows fit in flat memory, then times count + first page (what the archive does when a query is
typed) for typical queries, with a ceiling beside each category measured in the same run: plain sqlite3
fetching the same first page of ids with the same WHERE (the FTS5 index for 3+ characters, ``LIKE … LIMIT``
otherwise) and no count. For a rare 1–2 character query (most two-character names) the service now uses
the trigram index (``app.search.short_plan``) and beats that LIKE ceiling. ``one_char``/``two_char``
include common queries ("王", "1", "13": the count stops at 1000, "1000+") and rare ones (name pairs).
Last line: one JSON object.

    python bench/search.py [--owners N] [--cache FILE]

``--cache FILE`` keeps the filled database (e.g. /work/cache/search-1m.db) and reuses it next time.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import open_database  # noqa: E402
from app.demo.property import id_number, mobile, person_name  # noqa: E402
from app.models import Building, Occupancy, Person, Unit  # noqa: E402
from app.search import like_pattern, normalise_query  # noqa: E402
from app.services import Services  # noqa: E402
from app.services.archive import UnitFilter, refresh_search_text  # noqa: E402

BATCH = 50_000


def fill(services: Services, owners: int, rng: random.Random) -> None:
    with services.ctx.write() as s:
        names = [f"{number}栋" for number in range(1, owners // 1000 + 2)]
        s.execute(insert(Building), [{"name": name} for name in names])
        building_ids = list(s.scalars(select(Building.id).order_by(Building.id)))
    for start in range(0, owners, BATCH):
        with services.ctx.write() as s:
            first_unit = (s.scalar(select(func.max(Unit.id))) or 0) + 1
            first_person = (s.scalar(select(func.max(Person.id))) or 0) + 1
            count = min(BATCH, owners - start)
            s.execute(insert(Unit), [
                {"id": first_unit + n, "building_id": building_ids[i // 1000], "unit_no": str(1 + (i // 100) % 10),
                 "room_no": f"{1 + (i % 100) // 4}{1 + i % 4:02d}", "search_text": "", "version": 1,
                 "use": "residential", "status": "occupied", "notes": ""}
                for n, i in enumerate(range(start, start + count))
            ])
            s.execute(insert(Person), [
                {"id": first_person + n, "name": person_name(rng), "phone": mobile(rng), "id_number": id_number(rng),
                 "notes": "", "version": 1} for n in range(count)
            ])
            s.execute(insert(Occupancy), [
                {"unit_id": first_unit + n, "person_id": first_person + n, "relation": "owner", "version": 1}
                for n in range(count)
            ])
            refresh_search_text(s, range(first_unit, first_unit + count))
        print(f"  {start + count:,} owners", flush=True)


def sample_people(services: Services, rng: random.Random, n: int = 20) -> list[tuple[str, str, str]]:
    with services.ctx.read() as s:
        top = s.scalar(select(func.max(Person.id))) or 0
        ids = rng.sample(range(1, top + 1), min(n, top))
        return [tuple(row) for row in s.execute(select(Person.name, Person.phone, Person.id_number)
                                                .where(Person.id.in_(ids)).order_by(Person.id))]


def ceiling_ms(conn: sqlite3.Connection, text: str) -> float:
    """Plain sqlite3, the same first 200 ids (same WHERE, same order), no count, no rows built."""
    query = normalise_query(text)
    order = "ORDER BY building_id, unit_no, length(room_no), room_no LIMIT 200"
    started = time.perf_counter()
    if len(query) >= 3:
        phrase = '"' + query.replace('"', '""') + '"'
        conn.execute(f"SELECT id FROM units WHERE id IN (SELECT rowid FROM units_fts WHERE units_fts MATCH ?) {order}",
                     (phrase,)).fetchall()
    else:
        conn.execute(f"SELECT id FROM units WHERE search_text LIKE ? ESCAPE '\\' {order}",
                     (like_pattern(query),)).fetchall()
    return (time.perf_counter() - started) * 1000


def measure(services: Services, path: Path, owners: int, rng: random.Random) -> dict:
    people = sample_people(services, rng)
    queries = {
        "name": [p[0] for p in people],
        "phone_tail": [p[1][-4:] for p in people],
        "phone_full": [p[1] for p in people],
        "id_tail": [p[2][-6:] for p in people],
        "room": ["3栋2单元1503", "10-5-2204", "7-1-101"] * 7,
        "one_char": ["王", "李", "1"] * 7,
        # Two characters: a surname and the next character of a real owner's name, two digits, a rarer pair.
        "two_char": [p[0][:2] for p in people[:10]] + ["13", "88", "25", "3栋", "秀英"],
    }
    conn = sqlite3.connect(path)
    results = {}
    for kind, items in queries.items():
        times, ceilings = [], []
        for q in items:
            t = time.perf_counter()
            flt = UnitFilter(query=q)
            services.archive.count_units(flt)
            services.archive.list_units(flt, limit=200)
            times.append((time.perf_counter() - t) * 1000)
            ceilings.append(ceiling_ms(conn, q))
        results[f"{kind}_ms"] = round(statistics.median(times), 1)
        results[f"{kind}_max_ms"] = round(max(times), 1)
        results[f"{kind}_ceiling_ms"] = round(statistics.median(ceilings), 1)
        print(f"{kind:<12} median {results[f'{kind}_ms']:6.1f} ms  max {max(times):6.1f} ms (count + first page)"
              f"  ceiling {results[f'{kind}_ceiling_ms']:6.1f} ms")
    conn.close()
    return {"owners": owners, **results}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--owners", type=int, default=50_000)
    parser.add_argument("--cache", type=Path, help="keep the filled SQLite file here and reuse it")
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        path = args.cache or Path(folder) / "bench.db"
        fresh = not path.exists()
        services = Services.open(open_database(f"sqlite:///{path}"))
        if fresh:
            started = time.perf_counter()
            fill(services, args.owners, rng)
            print(f"filled {args.owners:,} owners in {time.perf_counter() - started:.1f} s")
        with services.ctx.read() as s:
            owners = s.scalar(select(func.count()).select_from(Person))
        if owners != args.owners:
            raise SystemExit(f"{path} holds {owners:,} owners, not {args.owners:,}: use another --cache file")
        print(json.dumps(measure(services, path, owners, random.Random(2))))


if __name__ == "__main__":
    main()
