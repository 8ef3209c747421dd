"""Benchmark: start-up in fresh processes — ``propdesk --help`` and the time to the login window.

    python bench/startup.py [--database FILE.db] [--runs N]

* ``cli_help_ms``: ``python -m app.cli --help``; ceiling ``python_ms`` = ``python -c pass``, both with the
  byte code cached as an installed program has it (a private ``PYTHONPYCACHEPREFIX``, warmed once).
* ``login_first_ms`` / ``login_again_ms``: from starting ``propdesk --database … gui`` to the login window (or
  the set-up wizard on a database without users: ``login_window`` names it), on the first start of the day (no
  daily backup yet) and on a later one. The daily backup used to be copied before the login window; it now
  runs in the background after. The bench deletes today's ``propdesk-daily-*`` files in the database's
  ``backups/`` folder before each first start: give it a database of your own (default: a small new one in a
  temporary folder, with one operator). Ceiling ``login_ceiling_ms``: a bare PySide6 dialog with two fields in
  the same harness; ``login_ratio`` = first start / ceiling.
* ``backup_ms``: the daily backup itself (what now happens in the background), ``database_mb`` its size.

Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# the first window shown (the login dialog, or the set-up wizard) through `propdesk gui`, and a bare dialog
from bench.scale import FIRST_START, FIRST_START_APP, FIRST_START_CEILING  # noqa: E402

SEEN: dict[str, list[str]] = {}  # the last line ``until`` stopped at (the window shown)


def timed_process(args: list[str], env: dict[str, str], until: str | None = None) -> float:
    """Milliseconds from starting the process to its end (or to the line ``until`` on its output)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if until is None:
        proc.communicate()
        elapsed = (time.perf_counter() - started) * 1000
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed ({proc.returncode})")
        return elapsed
    for line in proc.stdout:
        if line.split()[:1] == [until]:
            SEEN[until] = line.split()[1:]
            break
    else:
        raise SystemExit(f"{args[-1]}: the process ended before “{until}”")
    elapsed = (time.perf_counter() - started) * 1000
    proc.communicate()
    return elapsed


def median_ms(runs: int, args: list[str], env: dict[str, str], until: str | None = None,
              before_each=lambda: None) -> float:
    timed_process(args, env, until)  # warm: byte code written, files in the page cache
    times = []
    for _ in range(runs):
        before_each()
        times.append(timed_process(args, env, until))
    return round(statistics.median(times), 1)


def todays_dailies(db_file: Path) -> list[Path]:
    return list((db_file.parent / "backups").glob(f"propdesk-daily-{datetime.now():%Y%m%d}-*"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", type=Path, help="SQLite file to start on (today's daily backups are deleted)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(Path(folder) / "pycache"), QT_QPA_PLATFORM="offscreen",
                   XDG_DATA_HOME=str(Path(folder) / "data"), XDG_CONFIG_HOME=str(Path(folder) / "config"))
        py = sys.executable
        result = {
            "python_ms": median_ms(args.runs, [py, "-c", "pass"], env),
            "cli_help_ms": median_ms(args.runs, [py, "-m", "app.cli", "--help"], env),
        }
        result["cli_help_ratio"] = round(result["cli_help_ms"] / result["python_ms"], 2)
        print(f"python -c pass {result['python_ms']} ms, propdesk --help {result['cli_help_ms']} ms "
              f"({result['cli_help_ratio']}×)", flush=True)

        db_file = args.database or Path(folder) / "startup.db"
        from app.db import open_database
        from app.services.backup import daily_backup

        db = open_database(f"sqlite:///{db_file}")  # migrated now, not inside the timed start
        if args.database is None:  # an office with an operator: the login window, not the set-up wizard
            from app.models import Role
            from app.services import Services

            Services.open(db).auth.create_user("bench", "bench", "bench-Passw0rd!", Role.ADMIN)
        result["database_mb"] = round(db_file.stat().st_size / 2**20, 1)

        def first_start() -> None:
            for path in todays_dailies(db_file):
                path.unlink()

        app_body = FIRST_START_APP.format(url=f"sqlite:///{db_file}")
        probe = [py, "-c", FIRST_START.format(root=str(ROOT), body=app_body), "0"]
        ceiling = [py, "-c", FIRST_START.format(root=str(ROOT), body=FIRST_START_CEILING), "0"]
        result["login_first_ms"] = median_ms(args.runs, probe, env, "SHOWN", before_each=first_start)
        result["login_window"] = SEEN["SHOWN"][1]
        result["login_ceiling_ms"] = median_ms(args.runs, ceiling, env, "SHOWN")
        result["login_ratio"] = round(result["login_first_ms"] / result["login_ceiling_ms"], 2)
        daily_backup(db)
        result["login_again_ms"] = median_ms(args.runs, probe, env, "SHOWN")
        first_start()
        started = time.perf_counter()
        made = daily_backup(db)
        result["backup_ms"] = round((time.perf_counter() - started) * 1000, 1)
        print(f"{result['login_window']}: first start of the day {result['login_first_ms']} ms (bare dialog "
              f"{result['login_ceiling_ms']} ms, {result['login_ratio']}×), again {result['login_again_ms']} ms;"
              f" the daily backup of {result['database_mb']} MB takes {result['backup_ms']} ms ({made.name if made else 'no file'})", flush=True)
        db.dispose()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
