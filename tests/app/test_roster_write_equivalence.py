"""The roster import's write path stores exactly what it stored before it was made faster.

A first import of 720 rows (past the sizes where the import changes method: the search index filled in one
statement from 200 new or changed units, stored people read in one pass from 500 ID numbers), then a mixed file
(unchanged, changed, new and left-out rows; a person renamed, a plate and a space moved, accepted), then
that file once more. Every stored row of the tables the import writes, the import records, the audit
trail and the search results are compared with a snapshot taken before the change (``SNAPSHOT``), on
both engines; on SQLite the full-text index is checked against its table as well.

Regenerate the snapshot only for an intended change of behaviour:
``python -m tests.app.test_roster_write_equivalence`` (prints the new SNAPSHOT).
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import astuple
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.demo.property import id_number, mobile, person_name, plate
from app.models import Base
from app.permissions import Role
from app.services.archive import UnitFilter
from tests.app.roster_files import HEADER, write_xlsx
from tests.conftest import actor

TABLES = ("buildings", "units", "persons", "occupancies", "vehicles", "parking_spaces", "roster_imports",
          "audit_log")
CLOCK_COLUMNS = {"created_at", "updated_at", "imported_at", "at"}  # only whether they are set
QUERIES = ("3-1-101", "5栋1单元", "138", "9-2-1", "浙a8", "510104", "吕平军")  # 3+ characters: the trigram index


def _files(folder: Path) -> tuple[Path, Path]:
    """The first roster and the mixed second one."""
    rng = random.Random(18)
    ids, plates, base = set(), set(), []

    def new_id() -> str:
        while (number := id_number(rng)) in ids:
            pass
        ids.add(number)
        return number

    def new_plate() -> str:
        while (car := plate(rng)) in plates:
            pass
        plates.add(car)
        return car

    n = 0
    for b in (3, 5, 7):
        for u in (1, 2):
            for room in range(101, 221):
                owners = 2 if room % 5 == 0 else 1
                area = f"{80 + room % 7 * 11.25:.2f}"
                for k in range(owners):
                    n += 1
                    number = new_id() if n % 7 else ""  # some people without an ID number
                    car = new_plate() if n % 4 == 0 else ""
                    space = f"B{b}-{n:04d}" if n % 8 == 0 else ""
                    moved = date(2016, 1, 1).toordinal() + n * 3
                    base.append([n, f"{b}栋", str(u), str(room), area, person_name(rng) + ("" if k else ""),
                                 mobile(rng), number, date.fromordinal(moved).isoformat(), space, car,
                                 "共有人" if k else ""])
                    if n >= 720:
                        break
                if n >= 720:
                    break
            if n >= 720:
                break
        if n >= 720:
            break
    first = write_xlsx(folder / "first.xlsx", [HEADER, *base], title="翠湖花园业主花名册")

    mixed = [list(r) for r in base[:300]]  # unchanged
    for i, row in enumerate(base[300:560]):  # changed: more than 200 units' search texts
        row = list(row)
        row[6] = mobile(rng)
        if int(row[3]) % 2 == 0:
            row[4] = f"{float(row[4]) + 1.5:.2f}"  # every row of the unit: its area
        if i % 3 == 0:
            row[11] = "换号"
        if i % 4 == 0:
            row[8] = "2024-03-0" + str(1 + i % 9)
        mixed.append(row)
    # base[560:600] left out: untouched
    for row in base[600:]:
        mixed.append(list(row))
    renamed = list(base[10])  # a stored person renamed (a conflict, accepted)
    renamed[5] = renamed[5] + "新"
    mixed[10] = renamed if renamed[7] else mixed[10]
    with_car = next(r for r in base[:300] if r[10])  # a stored plate moves to another stored unit
    mover = list(base[200])
    mover[10] = with_car[10] if mover[1:4] != with_car[1:4] else mover[10]
    mixed[200] = mover
    mixed[base.index(with_car)][10] = ""  # (a blank cell keeps the stored value)
    with_space = next(r for r in base[:300] if r[9] and r[1:4] != mover[1:4])
    taker = list(base[230])
    taker[9] = with_space[9] if taker[1:4] != with_space[1:4] else taker[9]
    mixed[230] = taker
    mixed[base.index(with_space)][9] = ""
    no_id = next(r for r in base[560:600] if not r[7])  # matched by name within the unit, phone changed
    mixed.append([0, no_id[1], no_id[2], no_id[3], "", no_id[5], "13700000000", "", "", "", "", ""])
    twice = base[20]  # a stored owner of a second, new unit: the same person
    mixed.append([0, "9栋", "1", "901", "99.00", twice[5], "", twice[7], "2025-01-01", "", "", ""])
    n = 1000
    for room in range(101, 161):  # new units; a few co-owners of stored units
        n += 1
        mixed.append([n, "9栋", "2", str(room), "88.50", person_name(rng), mobile(rng), new_id(),
                      "2025-02-01", f"C-{n}" if n % 3 == 0 else "", new_plate() if n % 2 else "", ""])
    for row in base[600:620:4]:
        mixed.append([0, row[1], row[2], row[3], "", person_name(rng), mobile(rng), new_id(), "", "", "",
                      "家属"])
    second = write_xlsx(folder / "mixed.xlsx", [HEADER, *mixed])
    return first, second


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def snapshot(services, db, results) -> dict[str, list]:
    """Each section's row count and digest: the stored rows, the results, the search hits."""
    return {name: [len(rows), hashlib.sha256(json.dumps(rows, sort_keys=True, ensure_ascii=False).encode())
                   .hexdigest()[:16]] for name, rows in stored(services, db, results).items()}


def stored(services, db, results) -> dict[str, object]:
    """The stored rows of the tables the import writes (clock columns: only whether set), the results, the
    search hits."""
    sections: dict[str, object] = {"results": [list(astuple(r)) for r in results]}
    with db.engine.connect() as conn:
        for name in TABLES:
            table = Base.metadata.tables[name]
            rows = []
            for row in conn.execute(select(table).order_by(table.c.id)):
                values = {c.name: (v is not None) if c.name in CLOCK_COLUMNS else _plain(v)
                          for c, v in zip(table.c, row, strict=True)}
                if name == "audit_log" and values["changes"]:
                    values["changes"] = json.loads(values["changes"])
                if name == "units":  # its people in any order (PostgreSQL reads them unordered)
                    values["search_text"] = sorted(values["search_text"].split(" "))
                rows.append(values)
            sections[name] = rows
    sections["search"] = {q: [u.id for u in services.archive.list_units(UnitFilter(query=q), limit=500)]
                          for q in QUERIES}
    return sections


def run(services, db, folder: Path) -> dict[str, list]:
    """The three imports by a signed-in administrator (stamped on every row and audit entry)."""
    user_id = services.auth.create_user("clerk", "前台", "clerk-password-1", Role.ADMIN)
    services = services.as_actor(actor(Role.ADMIN, user_id, "clerk"))
    first, second = _files(folder)
    results = [services.roster.commit(first),
               services.roster.commit(second, update_existing=True),
               services.roster.commit(second, update_existing=True)]
    return snapshot(services, db, results)


SNAPSHOT = {  # taken with the import as it was before its write path was reworked (issue 18)
    "results": [3, "6fb902ee112d5674"],
    "buildings": [4, "17e8b54b22cd1e0a"],
    "units": [661, "3b289c5ae597dfc8"],
    "persons": [786, "68146a1cc0db7b63"],
    "occupancies": [786, "ec119d868622f52a"],
    "vehicles": [210, "da735096f8a427bd"],
    "parking_spaces": [110, "3af1b794d1386874"],
    "roster_imports": [3, "f3a3aea8f710a540"],
    "audit_log": [458, "c4e3282eb1c1322b"],
    "search": [7, "2e4df4d2cfd67359"],
}


def test_import_stores_what_it_stored_before(services, db, tmp_path):
    got = run(services, db, tmp_path)
    assert {k: v for k, v in got.items() if got[k] != SNAPSHOT.get(k)} == {}


@pytest.mark.sqlite_only
def test_sqlite_search_index_matches_its_table(services, db, tmp_path):
    run(services, db, tmp_path)
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO units_fts(units_fts, rank) VALUES ('integrity-check', 1)"))
        for query in ("138", "3栋1单元1", "-2-1", "0621"):
            hits = set(conn.execute(text("SELECT rowid FROM units_fts WHERE units_fts MATCH :q"),
                                    {"q": f'"{query}"'}).scalars())
            like = set(conn.execute(text("SELECT id FROM units WHERE search_text LIKE :q"),
                                    {"q": f"%{query.lower()}%"}).scalars())
            assert hits == like and hits, query


if __name__ == "__main__":  # print a new snapshot (see the module's docstring)
    import sys
    import tempfile

    from app.db import open_database
    from app.services import Services

    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{tmp}/snap.db")
        print(json.dumps(run(Services.open(database), database, Path(tmp)), ensure_ascii=False, indent=1))
        database.dispose()
