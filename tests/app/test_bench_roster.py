"""bench/roster.py does not rot, and its store ceiling stores exactly what the import stores (the same rows in
the same five tables and search index), only without checking them: a fair floor for the import."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench import roster as bench  # noqa: E402

TABLES = {
    "buildings": "SELECT id, name FROM buildings ORDER BY id",
    "units": "SELECT id, building_id, unit_no, room_no, floor, area, inner_area, use, status, notes, search_text "
             "FROM units ORDER BY id",
    "persons": "SELECT id, name, phone, id_number, notes, gender, id_unverified FROM persons ORDER BY id",
    "occupancies": "SELECT unit_id, person_id, relation, move_in_date, move_out_date FROM occupancies ORDER BY id",
    "parking_spaces": "SELECT code, zone, kind, unit_id, person_id FROM parking_spaces ORDER BY id",
    "vehicles": "SELECT plate, unit_id, person_id, parking_space_id FROM vehicles ORDER BY id",
}


def _contents(path: Path) -> dict[str, list]:
    with sqlite3.connect(path) as conn:
        found = {name: conn.execute(sql).fetchall() for name, sql in TABLES.items()}
        found["search"] = [conn.execute("SELECT rowid FROM units_fts WHERE units_fts MATCH ? ORDER BY rowid",
                                        (f'"{text}"',)).fetchall() for text in ("1-1-101", "139", "浙a6zwbt")]
        found["trigger"] = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'units_fts_ai'").fetchall()
    return found


def test_the_store_ceiling_stores_what_the_import_stores(tmp_path):
    source = tmp_path / "roster.xlsx"
    bench.generate(source, 400)
    store, imported = tmp_path / "store.db", tmp_path / "import.db"
    stored = bench.store_ceiling(source, f"sqlite:///{store}")
    result = bench.run_import(source, f"sqlite:///{imported}")
    assert (stored["units"], stored["persons"]) == (result["units"], result["persons"])
    expected = _contents(imported)
    assert expected["units"] and expected["vehicles"] and all(expected["search"])
    assert _contents(store) == expected


def test_the_bench_runs_and_prints_its_json_line(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "roster.py"), "--rows", "300"], capture_output=True,
                          text=True, cwd=str(ROOT), timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["rows"] == 300 and result["export_rows"] == 300
    for key in ("import_s", "ceiling_s", "ratio", "store_s", "ratio_store", "ratio_store_cpu"):
        assert result[key] > 0, key
