"""bench/scale.py does not rot: at ``--scale tiny`` it builds its three databases, every job of issue 18's table
reports a figure or an error string, and the last line is one JSON object. The data it builds is valid for the
app: fee invariants hold and the one-box search finds a built owner."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    cache = tmp_path_factory.mktemp("scale-cache")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PROPDESK_DATABASE_URL", None)
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "scale.py"), "--scale", "tiny", "--in-process",
                           "--cache-dir", str(cache)], capture_output=True, text=True, env=env, cwd=str(ROOT),
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1]), cache


def test_every_job_has_a_figure_or_an_error(tiny_run):
    from bench.scale import ARCHIVE_SORTS, JOB_NAMES, WO_SORTS

    result, _cache = tiny_run
    split = {f"wo_sort_{k}" for k in WO_SORTS} | {f"archive_sort_{k}" for k in ARCHIVE_SORTS}
    expected = {f"{j}_{part}" for j in split for part in ("first", "end")} | (set(JOB_NAMES) - split)
    assert set(result["rows"]) == expected
    for job, row in result["rows"].items():
        assert isinstance(row.get("s"), float) or isinstance(row.get("error"), str), job
        assert isinstance(row.get("ceiling_s"), float) or isinstance(row.get("ceiling_error"), str), job
    assert result["rows"]["ledger_export"]["peak_mb"] > 0
    assert result["scale"]["office"]["workorders"] == 400
    assert result["scale"]["archive"]["units"] == 300


def test_the_built_databases_are_valid_for_the_app(tiny_run):
    from app.db import open_database
    from app.services import Services
    from app.services.archive import UnitFilter

    _result, cache = tiny_run
    office = next(p for p in cache.glob("tiny-office-*.db") if not p.name.endswith(".base.db"))
    archive = next(p for p in cache.glob("tiny-archive-*.db") if not p.name.endswith(".base.db"))
    services = Services.open(open_database(f"sqlite:///{office}"))
    check = services.fees_check.check()
    assert check.ok, check
    # an owner built into the archive is found by the one-box search (search_text and units_fts filled)
    with sqlite3.connect(archive) as conn:
        name, unit_id = conn.execute("SELECT p.name, o.unit_id FROM persons p JOIN occupancies o "
                                     "ON o.person_id = p.id ORDER BY p.id DESC LIMIT 1").fetchone()
    found = Services.open(open_database(f"sqlite:///{archive}")).archive.list_units(UnitFilter(query=name))
    assert unit_id in [row.id for row in found]
