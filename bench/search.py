"""Benchmark: the one-box archive search at N owners (default 50,000).

Fills a fresh SQLite file with N units each with one owner (valid-format phones/ID numbers and some
plates), then times count + first page for typical queries. Last line: one JSON object.
    python bench/search.py [--owners N]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import open_database  # noqa: E402
from app.demo.property import id_number, mobile, person_name  # noqa: E402
from app.models import Building, Occupancy, Person, Unit  # noqa: E402
from app.services import Services  # noqa: E402
from app.services.archive import UnitFilter, refresh_search_text  # noqa: E402


def fill(services: Services, owners: int, rng: random.Random) -> list[tuple[str, str, str]]:
    with services.ctx.write() as s:
        buildings = []
        for number in range(1, owners // 1000 + 2):
            b = Building(name=f"{number}栋")
            s.add(b)
            buildings.append(b)
        s.flush()
        units = [
            {"building_id": buildings[i // 1000].id, "unit_no": str(1 + (i // 100) % 10), "room_no": f"{1 + (i % 100) // 4}{1 + i % 4:02d}",
             "search_text": "", "version": 1, "use": "residential", "status": "occupied", "notes": ""}
            for i in range(owners)
        ]
        s.execute(insert(Unit), units)
        unit_ids = list(s.scalars(select(Unit.id).order_by(Unit.id)))
        people = [{"name": person_name(rng), "phone": mobile(rng), "id_number": id_number(rng), "notes": "",
                   "version": 1} for _ in range(owners)]
        s.execute(insert(Person), people)
        person_ids = list(s.scalars(select(Person.id).order_by(Person.id)))
        s.execute(insert(Occupancy), [{"unit_id": u, "person_id": p, "relation": "owner", "version": 1}
                                      for u, p in zip(unit_ids, person_ids, strict=True)])
        refresh_search_text(s, unit_ids)
    return [(p["name"], p["phone"], p["id_number"]) for p in people]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--owners", type=int, default=50_000)
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        services = Services.open(open_database(f"sqlite:///{folder}/bench.db"))
        started = time.perf_counter()
        people = fill(services, args.owners, rng)
        print(f"filled {args.owners} owners in {time.perf_counter() - started:.1f} s")
        sample = rng.sample(people, 20)
        queries = {
            "name": [p[0] for p in sample],
            "phone_tail": [p[1][-4:] for p in sample],
            "phone_full": [p[1] for p in sample],
            "id_tail": [p[2][-6:] for p in sample],
            "room": ["3栋2单元1503", "10-5-2204", "7-1-101"] * 7,
            "one_char": ["王", "李", "1"] * 7,
        }
        results = {}
        for kind, items in queries.items():
            times = []
            for q in items:
                t = time.perf_counter()
                flt = UnitFilter(query=q)
                services.archive.count_units(flt)
                services.archive.list_units(flt, limit=200)
                times.append((time.perf_counter() - t) * 1000)
            results[kind] = round(statistics.median(times), 1)
            print(f"{kind:<12} median {results[kind]:6.1f} ms  max {max(times):6.1f} ms (count + first page)")
        print(json.dumps({"owners": args.owners, **{f"{k}_ms": v for k, v in results.items()}}))


if __name__ == "__main__":
    main()
