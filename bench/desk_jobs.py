"""Benchmark: the five commonest front-desk jobs, keys only, through the real main window.

Fills the demo property into a fresh SQLite file, logs in as a 客服 operator and runs the scripted flows
of ``tests/ui/desk_jobs.py`` (the same code the tests run), each in a fresh window right after login:
a. find an owner by room, name and phone tail; b. register a repair call, dispatch it, print the slip;
c. take a payment and print the receipt; d. what does unit X owe; e. print one building's notices.
Prints per job the keystrokes (typed Chinese counted as its characters), mouse clicks (must be 0), the
screens/dialogs where keys were pressed, the app's own seconds and the human estimate (0.2 s a key +
1.35 s a decision). Last line: one JSON object.
    python bench/desk_jobs.py [--building 3栋] [--database sqlite:///existing-demo.db]
Offscreen unless a display is set (QT_QPA_PLATFORM=xcb to watch it). Prints go to a PDF-file printer
standing in for the default printer (Ctrl+P in a preview prints there without a dialog).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--building", default="3栋", help="the building whose notices job e prints")
    parser.add_argument("--database", help="an existing demo database (default: a fresh one)")
    args = parser.parse_args()

    from app.db import open_database
    from app.services import Services
    from tests.ui.desk_jobs import run_all
    from ui.application import make_application

    make_application([])
    with tempfile.TemporaryDirectory(prefix="propdesk-desk-") as folder:
        out = Path(folder)
        url = args.database or f"sqlite:///{out / 'demo.db'}"
        services = Services.open(open_database(url))
        if args.database is None:
            from app.demo import fill_demo

            fill_demo(services)

        def report(letter, result) -> None:
            print(f"job {letter}: keys {result.keys:3d}  clicks {result.clicks}  screens {len(result.screens)} "
                  f"({' → '.join(result.screens)})  app {result.app_s:.2f} s  decisions {result.decisions}  "
                  f"human estimate {result.human_s:.1f} s", flush=True)

        results = run_all(services, out, building=args.building, report=report)
    print(json.dumps({"jobs": {letter: r.summary() for letter, r in results.items()}}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
