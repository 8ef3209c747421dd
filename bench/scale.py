"""Issue 18's benchmark: every list and report at a million rows, each beside a ceiling measured in the same run.

    python bench/scale.py [--scale full|small|tiny] [--only JOB[,JOB]] [--cache-dir DIR] [--rebuild]

Three databases are built (or loaded from the cache), shaped like an office's data:

* ``office``  — 50,000 units (50 buildings of 1,000), ~1.25 people per unit, 1,000,000 work orders over three
  years (events for the last 90 days only), 12 months of bills (物业费 for every unit, 垃圾清运费, 停车费 for the
  35% with a space: ~1.4M lines) with payments and allocations (older months ~94% paid, the current one ~45%).
  It is the "1.2 GB" database of the first start, and serves the work-order lists, the dashboard and 收缴率/日结.
* ``archive`` — 1,000,000 units (1,000 buildings) with one owner each (the "1M owners"/"1M units" rows),
  25% with a plate: the archive's search, scroll and sorts, and ``refresh_search_text``.
* ``exports`` — 100,000 units, ~1.25 people per unit, two billed months: the ledger and roster exports.

``small`` is 1/50 of that, ``tiny`` a few hundred rows (the test). Rows are bulk-inserted with sqlite3 at
schema revision 0013 (names, phones, ID numbers with valid check digits, rooms; ``units.search_text`` from
``app.search.unit_search_text`` and the FTS index from its triggers, as the app fills them), that file is cached,
and a copy is brought to the current head by the app's own migrations (which backfill whatever this session
adds: ranks, work-order search index …), cached too, keyed by a hash of the migrations. Re-runs take seconds.

Each measurement runs in a fresh process (nothing warms the next): the app's path through the pages' widgets
(``RegisterView``/``WindowedTableModel`` painted offscreen), the services, or the CLI by subprocess; the ceiling
is plain sqlite3 (or openpyxl write-only, or a bare Qt dialog) producing the same result. A table is printed;
the last line is one JSON object {"scale": {...}, "rows": {job: {"s", "ceiling_s", "ratio", "aim_s", ...}}}.
A job that fails reports {"error": "..."} in its row.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUILDER_VERSION = 1  # bump when the generated data changes
BASE_REVISION = "0013"  # rows are inserted at this revision, then the app's migrations bring the copy to head
USER, PASSWORD = "bench", "bench-Passw0rd!"
PAGE_ROWS = 30  # rows a list shows on screen


@dataclass(frozen=True)
class Shape:
    units: int
    people_per_unit: float  # 1.0: exactly one owner per unit
    workorders: int = 0
    months: int = 0


SCALES: dict[str, dict[str, Shape]] = {
    "full": {"office": Shape(50_000, 1.25, 1_000_000, 12), "archive": Shape(1_000_000, 1.0),
             "exports": Shape(100_000, 1.25, 0, 2)},
    "small": {"office": Shape(1_000, 1.25, 20_000, 12), "archive": Shape(20_000, 1.0),
              "exports": Shape(2_000, 1.25, 0, 2)},
    "tiny": {"office": Shape(200, 1.25, 400, 3), "archive": Shape(300, 1.0), "exports": Shape(100, 1.25, 0, 2)},
}
REFRESH_IDS = 260_000  # refresh_search_text over more ids than SQLite's 250,000 variables
# before it is timed, one unit in four of those loses its text (as after a roster import that changed their
# people): the refresh rewrites those and reads the rest, whose text stays (app and ceiling alike)
STALE_SQL = "UPDATE units SET search_text = '' WHERE id <= ? AND id % 4 = 0"


# ================================================================== data


def _weighted(items, weights):
    total = float(sum(weights))
    return list(items), [w / total for w in weights]


class Gen:
    """Plausible people, phones and ID numbers (valid check digits), surnames weighted like China's."""

    def __init__(self, seed: int):
        from app.demo.property import (
            AREA_CODES,
            GIVEN,
            MOBILE_PREFIXES,
            PLATE_CHARS,
            PROVINCE_LETTERS,
            SURNAMES,
        )

        self.rng = random.Random(seed)
        self.surnames, self.surname_w = _weighted(SURNAMES, [1 / (i + 3) for i in range(len(SURNAMES))])
        self.given, self.areas, self.prefixes = GIVEN, AREA_CODES, MOBILE_PREFIXES
        self.plate_chars, self.provinces = PLATE_CHARS, PROVINCE_LETTERS
        self.plates: set[str] = set()

    def name(self) -> str:
        rng = self.rng
        given = "".join(rng.choice(self.given) for _ in range(1 if rng.random() < 0.3 else 2))
        return rng.choices(self.surnames, self.surname_w)[0] + given

    def phone(self) -> str:
        return self.rng.choice(self.prefixes) + f"{self.rng.randrange(10**8):08d}"

    def id_number(self) -> str:
        from app.validators import id_check_digit

        born = date(1950, 1, 1) + timedelta(days=self.rng.randrange(365 * 50))
        first17 = f"{self.rng.choice(self.areas)}{born:%Y%m%d}{self.rng.randrange(1000):03d}"
        return first17 + id_check_digit(first17)

    def plate(self) -> str:
        rng = self.rng
        while True:
            tail = "".join(rng.choice(self.plate_chars) for _ in range(5))
            if rng.random() < 0.2:
                tail = rng.choice("DF") + f"{rng.randrange(10**5):05d}"
            plate = rng.choice(self.provinces) + tail
            if plate not in self.plates:
                self.plates.add(plate)
                return plate


def ts(value: datetime | None) -> str | None:
    """A datetime as SQLAlchemy stores it in SQLite (string comparison must agree with the app's)."""
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S.%f")


def money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), ROUND_HALF_UP))


def insert_rows(conn: sqlite3.Connection, table: str, columns: list[str], rows, chunk: int = 20_000) -> int:
    """Stream ``rows`` (tuples in ``columns`` order) into ``table`` in executemany chunks (flat memory)."""
    sql = f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in columns)}) VALUES " \
          f"({', '.join('?' * len(columns))})"
    batch, count = [], 0
    for row in rows:
        batch.append(row)
        if len(batch) >= chunk:
            conn.executemany(sql, batch)
            count += len(batch)
            batch.clear()
    if batch:
        conn.executemany(sql, batch)
        count += len(batch)
    return count


def room_of(i: int) -> tuple[int, str, int, str]:
    """Unit number i (0-based) → building, 单元, floor, room: 1,000 units a building, 4 单元 × 25 floors × 10."""
    r = i % 1000
    floor = (r % 250) // 10 + 1
    return i // 1000 + 1, str(r // 250 + 1), floor, f"{floor}{r % 10 + 1:02d}"


AREAS = [Decimal(a) for a in ("68.40", "89.56", "96.32", "118.75", "126.40", "143.08", "165.20")]
TEAMS = {"service": 6, "engineering": 14, "security": 12, "environment": 10, "manager": 2}
CATEGORY_BY_KIND = {
    "repair": (("water", 25), ("power", 10), ("lighting", 12), ("elevator", 8), ("fire", 3), ("access", 8),
               ("structure", 20), ("other", 4)),
    "complaint": (("cleaning", 30), ("order", 35), ("greening", 10), ("elevator", 5), ("other", 20)),
    "inquiry": (("other", 80), ("water", 10), ("power", 10)),
    "suggestion": (("greening", 30), ("cleaning", 30), ("order", 20), ("other", 20)),
}
TEAM_OF = {"water": "engineering", "power": "engineering", "lighting": "engineering", "elevator": "engineering",
           "fire": "engineering", "access": "engineering", "structure": "engineering", "cleaning": "environment",
           "greening": "environment", "order": "security", "other": "service"}
WORDS = {
    "water": ["卫生间地漏堵塞积水排不下", "厨房水龙头漏水", "楼上渗水到天花板", "水压太小热水器打不着"],
    "power": ["家里跳闸合不上", "插座冒火花", "入户电表箱跳闸"], "lighting": ["楼道灯不亮", "地库照明坏了几盏"],
    "elevator": ["电梯异响", "电梯按钮失灵", "电梯困人"], "fire": ["消防栓箱门损坏", "烟感报警器误报"],
    "access": ["单元门禁刷卡无反应", "监控画面黑屏"], "structure": ["外墙瓷砖脱落", "阳台窗户关不严", "墙面开裂"],
    "cleaning": ["楼道垃圾未及时清理", "地库有异味"], "greening": ["草坪需要修剪", "树枝遮挡窗户"],
    "order": ["夜间装修噪音扰民", "消防通道被占用", "外来车辆乱停"], "other": ["咨询物业费缴纳方式", "建议增设快递柜"],
}
PLACES = ["大堂", "电梯厅", "地下车库", "楼道", "中心花园", "南门岗亭"]
STATE_MIX = {  # by the order's age: old orders are closed, recent ones spread over the open states
    "old": (("archived", 78), ("visited", 8), ("completed", 4), ("cancelled", 4), ("in_progress", 2),
            ("on_hold", 2), ("escalated", 1), ("dispatched", 1)),
    "week": (("completed", 30), ("visited", 25), ("archived", 10), ("in_progress", 12), ("dispatched", 8),
             ("on_hold", 5), ("received", 3), ("escalated", 3), ("cancelled", 4)),
    "new": (("received", 25), ("dispatched", 30), ("in_progress", 25), ("completed", 15), ("cancelled", 5)),
}
AFTER = {"received": 0, "dispatched": 1, "on_hold": 2, "in_progress": 2, "escalated": 2, "completed": 3,
         "visited": 4, "archived": 5, "cancelled": -1}


def _pick(rng, pairs):
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def _building(db):
    """A file being built needs no fsync after every commit (the app's FULL sync is for real offices)."""
    from sqlalchemy import event

    event.listen(db.engine, "connect", lambda conn, _record: conn.execute("PRAGMA synchronous=OFF"))
    return db


def empty_schema(folder: Path) -> Path:
    """An empty database at BASE_REVISION made by the app's migrations (made once, copied for each database)."""
    from alembic import command

    from app import migrations
    from app.db import Database

    path = folder / f"schema-{BASE_REVISION}-{base_key()}.db"
    if not path.exists():
        tmp = path.with_name(path.name + ".tmp")
        tmp.unlink(missing_ok=True)
        db = _building(Database(f"sqlite:///{tmp}"))
        with db.engine.begin() as conn:
            cfg = migrations.alembic_config(db)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, BASE_REVISION)
        db.dispose()
        with contextlib.closing(sqlite3.connect(tmp)) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")
        tmp.rename(path)
    return path


def build_base(path: Path, shape: Shape, seed: int, today: date) -> dict:
    """Create the schema at BASE_REVISION through the app's migrations, then bulk-insert ``shape``'s rows."""
    from app.search import unit_search_text

    shutil.copyfile(empty_schema(path.parent), path)
    gen, rng = Gen(seed), random.Random(seed + 1)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-200000")
    conn.execute("BEGIN")
    n_units = shape.units
    n_buildings = (n_units - 1) // 1000 + 1
    insert_rows(conn, "buildings", ["id", "name", "floors", "notes", "version"],
                ((b, f"{b}栋", 25, "", 1) for b in range(1, n_buildings + 1)))
    insert_rows(conn, "settings", ["key", "value"], [("property_name", "翠湖花园 (基准测试)")])
    # staff of every team (assignees)
    staff: dict[str, list[int]] = {}
    sid = 0
    rows = []
    for team, count in TEAMS.items():
        for _ in range(count):
            sid += 1
            staff.setdefault(team, []).append(sid)
            rows.append((sid, gen.name(), team, "", gen.phone(), 1, "", 1, ""))
    insert_rows(conn, "staff", ["id", "name", "team", "position", "phone", "active", "notes", "version", "company"],
                rows)

    # units, people, occupancies, plates, parking spaces; search_text as the app builds it
    owners: list[tuple[str, str]] = []  # (name, phone) of each unit's first owner, for work-order contacts
    keep_owners = shape.workorders > 0
    has_space: list[bool] = []
    state = {"pid": 0, "vid": 0, "space": 0}
    occupancy_rows, person_rows, vehicle_rows, space_rows = [], [], [], []
    start_day = date(2015, 1, 1)

    def unit_rows():
        for i in range(n_units):
            uid = i + 1
            b, unit_no, floor, room_no = room_of(i)
            n_people = 1
            if shape.people_per_unit > 1:
                n_people += (rng.random() < (shape.people_per_unit - 1) * 0.6) + (rng.random() < (shape.people_per_unit - 1) * 0.4)
            people, plates = [], []
            moved = start_day + timedelta(days=rng.randrange(3500))
            for k in range(n_people):
                state["pid"] += 1
                person = (gen.name(), gen.phone(), gen.id_number())
                people.append(person)
                person_rows.append((state["pid"], *person, "", 1))
                relation = "owner" if k == 0 or rng.random() < 0.6 else rng.choice(("tenant", "family"))
                occupancy_rows.append((uid, state["pid"], relation, moved.isoformat(), 1))
            if keep_owners:
                owners.append(people[0][:2])
            space = rng.random() < 0.35
            has_space.append(space)
            if space:
                state["space"] += 1
                space_rows.append((f"B{b % 2 + 1}-{state['space']:06d}", f"B{b % 2 + 1}", "owned", uid, "", 1))
            if rng.random() < 0.25:
                state["vid"] += 1
                plates.append(gen.plate())
                vehicle_rows.append((plates[-1], state["pid"] - n_people + 1, uid, "", "", 1))
            use = _pick(rng, (("residential", 95), ("shop", 3), ("office", 2)))
            status = _pick(rng, (("occupied", 85), ("vacant", 10), ("renovating", 5)))
            yield (uid, b, unit_no, room_no, floor, money(rng.choice(AREAS)), use, status, "", moved.isoformat(),
                   unit_search_text(f"{b}栋", unit_no, room_no, people, plates), 1)
            if len(person_rows) >= 20_000:
                flush_people()

    def flush_people():
        insert_rows(conn, "persons", ["id", "name", "phone", "id_number", "notes", "version"], person_rows)
        insert_rows(conn, "occupancies", ["unit_id", "person_id", "relation", "move_in_date", "version"],
                    occupancy_rows)
        insert_rows(conn, "vehicles", ["plate", "person_id", "unit_id", "brand", "color", "version"], vehicle_rows)
        insert_rows(conn, "parking_spaces", ["code", "zone", "kind", "unit_id", "notes", "version"], space_rows)
        for rows_ in (person_rows, occupancy_rows, vehicle_rows, space_rows):
            rows_.clear()

    insert_rows(conn, "units", ["id", "building_id", "unit_no", "room_no", "floor", "area", "use", "status", "notes",
                                "charge_start", "search_text", "version"], unit_rows(), chunk=5000)
    flush_people()
    counts = {"units": n_units, "persons": state["pid"], "vehicles": state["vid"], "spaces": state["space"]}
    if shape.workorders:
        counts.update(_workorders(conn, shape, rng, owners, staff, today))
    if shape.months:
        counts.update(_bills(conn, shape, rng, has_space, today))
    conn.execute("COMMIT")
    conn.close()
    return counts


def _workorders(conn, shape: Shape, rng: random.Random, owners, staff, today: date) -> dict:
    """Orders over three years up to now, numbered per day like the app (GD + date + 4 digits)."""
    n = shape.workorders
    end = datetime.combine(today, datetime.min.time()) + timedelta(hours=16)
    begin = end - timedelta(days=3 * 365)
    step = (end - begin) / n
    respond = {"urgent": timedelta(minutes=15), "high": timedelta(minutes=30), "normal": timedelta(hours=2)}
    due = {"urgent": timedelta(hours=4), "high": timedelta(hours=24), "normal": timedelta(hours=72)}
    recent = end - timedelta(days=90)
    events: list[tuple] = []
    counter = {"day": None, "seq": 0, "events": 0}
    columns = ["id", "number", "kind", "source", "location", "category", "priority", "team", "state", "unit_id",
               "contact_name", "contact_phone", "place", "description", "assignee_id", "reported_at", "respond_by",
               "due_at", "dispatched_at", "started_at", "completed_at", "visited_at", "closed_at", "work_notes",
               "labour_fee", "material_fee", "satisfaction", "visit_comment", "cancel_reason", "chase_count",
               "clock_start", "paused_minutes", "visit_attempts", "rework_count", "escalation_level", "version"]

    def orders():
        for i in range(n):
            wid = i + 1
            reported = begin + step * i + timedelta(seconds=rng.randrange(60))
            reported = reported.replace(microsecond=0)
            day = reported.date()
            if day != counter["day"]:
                counter["day"], counter["seq"] = day, 0
            counter["seq"] += 1
            kind = _pick(rng, (("repair", 70), ("complaint", 12), ("inquiry", 10), ("suggestion", 8)))
            category = _pick(rng, CATEGORY_BY_KIND[kind])
            team = TEAM_OF[category]
            priority = _pick(rng, (("urgent", 5), ("high", 20), ("normal", 75)))
            age = end - reported
            state = _pick(rng, STATE_MIX["old" if age > timedelta(days=14) else
                                         "week" if age > timedelta(days=2) else "new"])
            private = rng.random() < 0.75
            if private:
                unit_id = rng.randrange(len(owners)) + 1
                contact, phone = owners[unit_id - 1]
                place = ""
            else:
                unit_id, contact, phone = None, "", ""
                place = f"{rng.randrange(1, len(owners) // 1000 + 2)}栋{rng.choice(PLACES)}"
            step_no = AFTER[state]
            assignee = rng.choice(staff[team]) if step_no >= 1 or state == "cancelled" and rng.random() < 0.5 else None
            dispatched = reported + timedelta(minutes=10) if step_no >= 1 else None
            started = reported + timedelta(minutes=40) if step_no >= 2 else None
            completed = reported + timedelta(minutes=rng.randrange(90, 4800)) if step_no >= 3 else None
            visited = completed + timedelta(hours=rng.randrange(4, 48)) if step_no >= 4 else None
            closed = (visited + timedelta(days=1) if step_no >= 5 else
                      reported + timedelta(hours=1) if state == "cancelled" else None)
            satisfaction = _pick(rng, ((5, 60), (4, 30), (3, 7), (2, 2), (1, 1))) if step_no >= 4 else None
            fee = money(Decimal(rng.choice((0, 0, 0, 20, 50, 80)))) if step_no >= 3 else "0.00"
            yield (wid, f"GD{day:%Y%m%d}{counter['seq']:04d}", kind,
                   _pick(rng, (("phone", 45), ("walk_in", 30), ("wechat", 20), ("patrol", 5))),
                   "private" if private else "public", category, priority, team, state, unit_id, contact, phone,
                   place, rng.choice(WORDS[category]), assignee, ts(reported), ts(reported + respond[priority]),
                   ts(reported + due[priority]), ts(dispatched), ts(started), ts(completed), ts(visited), ts(closed),
                   "已处理" if completed else "", fee, "0.00", satisfaction, "", "报修人取消" if state == "cancelled" else "",
                   0, ts(reported), 0, 1 if visited else 0, 0, 2 if state == "escalated" else 0, 1)
            if reported >= recent:
                moves = [("intake", None, "received", reported)]
                if dispatched:
                    moves.append(("dispatch", "received", "dispatched", dispatched))
                if started:
                    moves.append(("start", "dispatched", "in_progress", started))
                if completed:
                    moves.append(("complete", "in_progress", "completed", completed))
                if visited:
                    moves.append(("visit", "completed", "visited", visited))
                if step_no >= 5:
                    moves.append(("archive", "visited", "archived", closed))
                if state == "cancelled":
                    moves.append(("cancel", "received", "cancelled", closed))
                for action, before, after, at in moves:
                    events.append((wid, ts(at), USER, action, before, after, assignee, ""))
                if len(events) >= 20_000:
                    flush_events()

    def flush_events():
        counter["events"] += insert_rows(conn, "workorder_events", ["workorder_id", "at", "actor_name", "action",
                                                                    "from_state", "to_state", "assignee_id", "note"],
                                         events)
        events.clear()

    insert_rows(conn, "workorders", columns, orders(), chunk=10_000)
    flush_events()
    return {"workorders": n, "workorder_events": counter["events"]}


def _periods(today: date, months: int) -> list[str]:
    out, year, month = [], today.year, today.month
    for _ in range(months):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def _bills(conn, shape: Shape, rng: random.Random, has_space: list[bool], today: date) -> dict:
    """Bills of ``shape.months`` periods ending this month; paid bills have a payment and allocations."""
    periods = _periods(today, shape.months)
    start = date(int(periods[0][:4]), int(periods[0][5:]), 1)
    items = [(1, "物业服务费", "property", "area", "2.8000", "元/㎡·月", "0.700000", 1),
             (2, "垃圾清运费", "other", "fixed", "15.0000", "元/户·月", None, 3),
             (3, "停车费", "parking", "space", "300.0000", "元/个·月", None, 2)]
    insert_rows(conn, "fee_items", ["id", "name", "kind", "method", "unit_price", "unit_label", "cycle", "start_date",
                                    "scope", "vacant_rate", "late_fee_grace_days", "sort_order", "active", "notes",
                                    "version"],
                [(i, name, kind, method, price, label, "monthly", start.isoformat(), "all", vacant, 0, order, 1, "", 1)
                 for i, name, kind, method, price, label, vacant, order in items])
    units = conn.execute("SELECT id, area, status FROM units ORDER BY id").fetchall()
    ids = {"bill": 0, "line": 0, "payment": 0}
    receipts: dict[date, int] = {}
    operators = ["收银员甲", "收银员乙", "前台客服"]
    methods = (("wechat", 45), ("alipay", 20), ("cash", 15), ("card", 10), ("transfer", 10))
    lines, payments, allocations = [], [], []

    def bills():
        for age_index, period in enumerate(periods):
            age = len(periods) - 1 - age_index
            year, month = int(period[:4]), int(period[5:])
            first = date(year, month, 1)
            last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
            paid_share = {0: 0.45, 1: 0.80, 2: 0.88}.get(age, 0.94)
            for (uid, area, status), space in zip(units, has_space, strict=True):
                ids["bill"] += 1
                bill_id = ids["bill"]
                own = []
                factor = Decimal("0.7") if status == "vacant" else Decimal("1")
                area_d = Decimal(str(area))
                own.append((1, area_d, Decimal("2.80"), factor, (area_d * Decimal("2.80") * factor)))
                own.append((2, Decimal("1"), Decimal("15"), Decimal("1"), Decimal("15")))
                if space:
                    own.append((3, Decimal("1"), Decimal("300"), Decimal("1"), Decimal("300")))
                total = sum((Decimal(money(a)) for *_x, a in own), Decimal("0"))
                paid = rng.random() < paid_share
                pay_day = None
                if paid:
                    latest = min(last + timedelta(days=20), today)
                    pay_day = first + timedelta(days=rng.randrange(max(1, (latest - first).days + 1)))
                    seq = receipts[pay_day] = receipts.get(pay_day, 0) + 1
                    ids["payment"] += 1
                    paid_at = datetime.combine(pay_day, datetime.min.time()) + timedelta(minutes=rng.randrange(480, 1080))
                    payments.append((ids["payment"], f"SJ{pay_day:%Y%m%d}{seq:04d}", uid, "", _pick(rng, methods),
                                     money(total), "0.00", ts(paid_at), rng.choice(operators), "", 0, "", ""))
                for item_id, qty, price, fct, amount in own:
                    ids["line"] += 1
                    lines.append((ids["line"], bill_id, uid, period, item_id, 0, str(qty), str(price), str(fct),
                                  f"{period} {items[item_id - 1][1]}", money(amount), money(amount) if paid else "0.00"))
                    if paid:
                        allocations.append((ids["line"], ids["payment"], money(amount), ts(paid_at), 0))
                yield (bill_id, uid, period, last.isoformat(), money(total), money(total) if paid else "0.00", 1)
                if len(lines) >= 20_000:
                    flush()

    def flush():
        insert_rows(conn, "bill_lines", ["id", "bill_id", "unit_id", "period", "item_id", "late_fee", "quantity",
                                         "unit_price", "factor", "description", "amount", "paid"], lines)
        insert_rows(conn, "payments", ["id", "receipt_no", "unit_id", "payer", "method", "amount", "prepaid_used",
                                       "paid_at", "operator_name", "note", "voided", "void_reason", "voided_by_name"],
                    payments)
        insert_rows(conn, "allocations", ["line_id", "payment_id", "amount", "at", "voided"], allocations)
        for rows in (lines, payments, allocations):
            rows.clear()

    insert_rows(conn, "bills", ["id", "unit_id", "period", "due_date", "total", "paid", "revision"], bills())
    flush()
    return {"bills": ids["bill"], "bill_lines": ids["line"], "payments": ids["payment"], "periods": periods}


# ================================================================== cache


def _digest(paths) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def base_key() -> str:
    """The rows at BASE_REVISION depend on the builder and the migrations up to it (released: they never change).
    ``units.search_text`` is brought up to date after migrating (``_sync_search_text``), so app/search.py is no
    part of the key."""
    versions = ROOT / "app" / "migrations" / "versions"
    base = [p for p in versions.glob("*.py") if p.name[:4].isdigit() and p.name[:4] <= BASE_REVISION]
    return f"v{BUILDER_VERSION}-{_digest(base)}"


def head_key() -> str:
    from app.migrations import head_revision

    versions = ROOT / "app" / "migrations" / "versions"
    return f"{head_revision()}-{_digest(list(versions.glob('*.py')))}"


def prepare(name: str, shape: Shape, scale: str, cache: Path, rebuild: bool, today: date) -> tuple[Path, dict]:
    """The database ``name`` at the current head: from the cache, else built (base) and migrated."""
    cache.mkdir(parents=True, exist_ok=True)
    base = cache / f"{scale}-{name}-{base_key()}-{today:%Y%m%d}.base.db"
    final = cache / f"{scale}-{name}-{base_key()}-{today:%Y%m%d}-{head_key()}.db"
    meta_path = base.with_suffix(".json")
    if rebuild:
        for p in (base, final, meta_path):
            p.unlink(missing_ok=True)
    if not base.exists() or not meta_path.exists():
        _adopt_base(cache, f"{scale}-{name}-v{BUILDER_VERSION}-", f"-{today:%Y%m%d}.base.db", base, meta_path)
    if not base.exists() or not meta_path.exists():
        for old in cache.glob(f"{scale}-{name}-*"):  # an older build of this database
            old.unlink()
        started = time.perf_counter()
        tmp = base.with_name(base.name + ".tmp")
        tmp.unlink(missing_ok=True)
        counts = build_base(tmp, shape, seed=sum(map(ord, name)), today=today)
        tmp.rename(base)
        counts["built_s"] = round(time.perf_counter() - started, 1)
        meta_path.write_text(json.dumps(counts, ensure_ascii=False))
        print(f"  built {name} ({scale}) in {counts['built_s']} s: {counts}", flush=True)
    meta = json.loads(meta_path.read_text())
    if not final.exists():
        for old in cache.glob(f"{scale}-{name}-*"):  # this database at an older head (and its -wal, -shm)
            if old not in (base, meta_path):
                old.unlink()
        started = time.perf_counter()
        tmp = final.with_name(final.name + ".tmp")
        shutil.copyfile(base, tmp)
        _migrate_and_sign(tmp)
        for extra in ("-wal", "-shm"):
            Path(str(tmp) + extra).unlink(missing_ok=True)
        tmp.rename(final)
        print(f"  migrated {name} to head in {time.perf_counter() - started:.1f} s", flush=True)
    meta["file"] = str(final)
    meta["mb"] = round(final.stat().st_size / 2**20)
    return final, meta


def _adopt_base(cache: Path, prefix: str, suffix: str, base: Path, meta_path: Path) -> None:
    """A base file of the same builder and day made under an older key (when the key still hashed
    app/search.py): the same rows at the same revision, so it is taken under the current name."""
    for old in sorted(cache.glob(f"{prefix}*{suffix}")):
        old_meta = old.with_suffix(".json")
        if old != base and old_meta.exists():
            old.rename(base)
            old_meta.rename(meta_path)
            return


def _sync_search_text(db) -> int:
    """``units.search_text`` as the app's code builds it now: units whose text differs are refreshed through
    ``refresh_search_text`` (20,000 at a time); usually none. Returns how many were."""
    from app.search import unit_search_text
    from app.services.archive import refresh_search_text

    stale: list[int] = []
    with contextlib.closing(sqlite3.connect(db.sqlite_path)) as conn:
        last = 0
        while units := conn.execute(
                "SELECT u.id, b.name, u.unit_no, u.room_no, u.search_text FROM units u JOIN buildings b "
                "ON b.id = u.building_id WHERE u.id > ? ORDER BY u.id LIMIT 20000", [last]).fetchall():
            first, last = units[0][0], units[-1][0]
            people: dict[int, list] = {}
            for uid, pname, phone, idn in conn.execute(
                    "SELECT o.unit_id, p.name, p.phone, p.id_number FROM occupancies o JOIN persons p "
                    "ON p.id = o.person_id WHERE o.unit_id BETWEEN ? AND ? ORDER BY o.id", [first, last]):
                people.setdefault(uid, []).append((pname, phone, idn))
            plates: dict[int, list] = {}
            for uid, plate in conn.execute("SELECT unit_id, plate FROM vehicles WHERE unit_id BETWEEN ? AND ? "
                                           "ORDER BY id", [first, last]):
                plates.setdefault(uid, []).append(plate)
            stale += [uid for uid, bname, unit_no, room_no, text in units
                      if text != unit_search_text(bname, unit_no, room_no, people.get(uid, ()), plates.get(uid, ()))]
    for start in range(0, len(stale), 20_000):
        with db.write_session() as s:
            refresh_search_text(s, stale[start:start + 20_000])
    return len(stale)


def _migrate_and_sign(path: Path) -> None:
    """The app's migrations to head (no pre-migration backup), then the bench's administrator."""
    from alembic import command

    from app import migrations
    from app.db import Database
    from app.services import Services

    db = _building(Database(f"sqlite:///{path}"))
    with db.engine.begin() as conn:
        cfg = migrations.alembic_config(db)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    refreshed = _sync_search_text(db)
    if refreshed:
        print(f"  refreshed search_text of {refreshed} units (app/search.py changed since the base was built)")
    services = Services.open(db)
    if not services.auth.has_users():
        services.auth.create_user(USER, "基准测试", PASSWORD, "admin")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()


# ================================================================== measurements (run in a fresh process each)


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    """This process's peak resident memory since it started (VmHWM: unlike ru_maxrss, not inherited from the
    process that spawned it)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextlib.contextmanager
def export_memory():
    """``with export_memory() as mem:`` the memory of the block alone: ``mem["peak_mb"]`` the process's resident
    size at its highest during the block, ``mem["grew_mb"]`` that above the size at its start, and
    ``mem["process_peak_mb"]`` the process's peak since it started (a sign-in's argon2 hash takes 64 MiB for a
    moment: ``VmHWM`` alone would charge that to the export). The high-water mark is reset at the start
    (Linux: "5" into /proc/self/clear_refs) and RSS is also sampled every 10 ms (where it cannot be reset).
    Inside the block ``mem["peak_so_far"]()`` is the peak up to now (``peak_at``: the peak at 10,000 lines)."""
    import threading

    mem = {"process_peak_mb": peak_mb()}
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        reset = True
    except OSError:
        reset = False
    base = rss_mb()
    sampled, done = [base], threading.Event()

    def sample():
        while not done.wait(0.01):
            sampled.append(rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    mem["peak_so_far"] = lambda: max(max(sampled), rss_mb(), peak_mb() if reset else 0)
    try:
        yield mem
    finally:
        done.set()
        sampler.join()
        peak = mem.pop("peak_so_far")()
        mem.update(peak_mb=peak, grew_mb=peak - base, base_mb=base,
                   process_peak_mb=max(mem["process_peak_mb"], peak))


def signed_in(path: str):
    from app.db import open_database
    from app.services import Services

    services = Services.open(open_database(f"sqlite:///{path}"))
    return services.as_actor(services.auth.login(USER, PASSWORD))


def qt_app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.application import make_application

    return make_application([])


def settle(app) -> None:
    """Let queued events and background jobs (QThreadPool, ui.jobs) finish."""
    from PySide6.QtCore import QThreadPool

    from ui import jobs

    idle = 0
    while idle < 3:
        app.processEvents()
        busy = bool(jobs._RUNNING) or QThreadPool.globalInstance().activeThreadCount() > 0
        idle = 0 if busy else idle + 1
        time.sleep(0.002 if busy else 0)
    app.processEvents()


def paint(app, table) -> None:
    """What the screen does: process events, in which the table's viewport paints its visible rows (offscreen
    too), once. It is grabbed only when no paint came (the grab then paints it): a grab after the screen's own
    paint painted every row twice, ~10 ms more than any screen does."""
    viewport = table.viewport()
    counter = _paint_counter(viewport)
    before = counter.count
    app.processEvents()
    if counter.count == before:
        viewport.grab()


_PAINT_COUNTERS: dict = {}


def _paint_counter(widget):
    """An event filter counting ``widget``'s paint events (``.count``), installed once per widget."""
    from PySide6.QtCore import QEvent, QObject

    class PaintCounter(QObject):
        count = 0

        def eventFilter(self, _obj, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    counter = _PAINT_COUNTERS.get(widget)
    if counter is None:
        counter = _PAINT_COUNTERS[widget] = PaintCounter()
        widget.installEventFilter(counter)
    return counter


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


WO_SORTS = {"state": "状态", "kind": "类型", "category": "类别", "priority": "紧急程度", "due_at": "完成时限",
            "unit": "房号"}
ARCHIVE_SORTS = {"floor": "楼层", "area": "面积", "status": "状态"}


def app_wo_sort(paths, key: str) -> dict:
    from PySide6.QtCore import Qt

    from ui.tabs.workorders_page import WorkOrdersPage

    app = qt_app()
    page = WorkOrdersPage(signed_in(paths["office"]))
    page.resize(1280, 800)
    page.show()
    page.set_state_filter(None)  # 全部: every order
    settle(app)
    table = page.register.table
    column = page.register.model.column_index(key)
    first = _timed(lambda: (table.sortByColumn(column, Qt.SortOrder.AscendingOrder), paint(app, table)))
    end = _timed(lambda: (table.scrollToBottom(), paint(app, table)))
    return {"first": first, "end": end, "rows": page.register.model.rowCount()}


def app_wo_search(paths, text: str) -> dict:
    from ui.tabs.workorders_page import WorkOrdersPage

    app = qt_app()
    page = WorkOrdersPage(signed_in(paths["office"]))
    page.resize(1280, 800)
    page.show()
    page.set_state_filter(None)
    settle(app)
    reg = page.register
    reg.search.setText(text)
    s = _timed(lambda: (reg.apply_filters(), paint(app, reg.table)))
    return {"s": s, "rows": reg.model.rowCount()}


def archive_page(paths):
    from ui.pages.archive import ArchivePage

    app = qt_app()
    page = ArchivePage(signed_in(paths["archive"]))
    page.resize(1280, 800)
    page.show()
    settle(app)
    return app, page


def app_archive_search(paths, text: str) -> dict:
    app, page = archive_page(paths)
    reg = page.register
    reg.search.setText(text)
    return {"s": _timed(lambda: (reg.apply_filters(), paint(app, reg.table))), "rows": reg.model.rowCount()}


def app_archive_end(paths) -> dict:
    app, page = archive_page(paths)
    table = page.register.table
    return {"s": _timed(lambda: (table.scrollToBottom(), paint(app, table)))}


def app_archive_sort(paths, key: str) -> dict:
    from PySide6.QtCore import Qt

    app, page = archive_page(paths)
    table = page.register.table
    column = page.register.model.column_index(key)
    first = _timed(lambda: (table.sortByColumn(column, Qt.SortOrder.AscendingOrder), paint(app, table)))
    end = _timed(lambda: (table.scrollToBottom(), paint(app, table)))
    return {"first": first, "end": end}


def _open_page(paths, make) -> dict:
    """Open a page as the main window does: construct and show it; ``gui_s`` is how long the GUI thread was
    held, ``s`` until its figures are on screen (background jobs done)."""
    app = qt_app()
    services = signed_in(paths["office"])
    started = time.perf_counter()
    page = make(services)
    page.resize(1280, 800)
    page.show()
    app.processEvents()
    gui = time.perf_counter() - started
    settle(app)
    page.grab()
    return {"s": time.perf_counter() - started, "gui_s": gui}


def app_dashboard(paths) -> dict:
    """At 1280×800 the 维保完成率 card is below the fold: the page reads it once it is scrolled into view
    (``DashboardPage.when_seen``), so the open measured here is every figure on screen."""
    from ui.pages.dashboard import DashboardPage

    return _open_page(paths, DashboardPage)


def app_fee_figures(paths) -> dict:
    from ui.tabs.fees_manager import FeeFiguresPage

    return _open_page(paths, FeeFiguresPage)


def peak_at(mem: dict, lines: int = 10_000):
    """A progress (``app.progress.Progress``) that notes the process's peak so far once an export has written
    ``lines`` lines: beside the peak at the end it shows whether memory is flat (the same at 10,000 lines as at
    100,000)."""
    from app.progress import Progress

    def note(done: int, _total: int, _text: str) -> None:
        if done >= lines and "peak_10k_mb" not in mem:
            mem["peak_10k_mb"] = mem["peak_so_far"]()

    return Progress(note)


def app_ledger(paths) -> dict:
    services = signed_in(paths["exports"])
    period = paths["exports_period"]
    with tempfile.TemporaryDirectory() as tmp, export_memory() as mem:
        s = _timed(lambda: services.fee_reports.export_ledger(Path(tmp) / "台账.xlsx", period, progress=peak_at(mem)))
    return {"s": s, **mem}


def app_roster(paths) -> dict:
    services = signed_in(paths["exports"])
    with tempfile.TemporaryDirectory() as tmp, export_memory() as mem:
        s = _timed(lambda: services.roster_export.export(Path(tmp) / "花名册.xlsx", progress=peak_at(mem)))
    return {"s": s, **mem}


def app_refresh(paths) -> dict:
    from sqlalchemy import func, select

    from app.db import open_database
    from app.models import Unit
    from app.services.archive import refresh_search_text

    db = open_database(f"sqlite:///{paths['archive']}")
    with db.read_session() as s:
        ids = list(s.scalars(select(Unit.id).order_by(Unit.id).limit(REFRESH_IDS)))
        assert s.scalar(select(func.count()).select_from(Unit)) >= len(ids)

    class Undo(Exception):
        pass

    with contextlib.suppress(Undo), db.write_session() as s:
        stale = s.connection().exec_driver_sql(STALE_SQL, (ids[-1],)).rowcount
        started = time.perf_counter()
        refresh_search_text(s, ids)
        s.flush()
        elapsed = time.perf_counter() - started
        raise Undo  # leave the cached file as it was
    return {"s": elapsed, "ids": len(ids), "rewritten": stale}


# ---- ceilings: plain sqlite3 (and openpyxl write-only, a bare dialog) producing the same result


def _sql(path: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _columns(conn, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


WO_ROW_SQL = ("SELECT w.*, b.name, u.unit_no, u.room_no, s.name FROM workorders w "
              "LEFT JOIN units u ON u.id = w.unit_id LEFT JOIN buildings b ON b.id = u.building_id "
              "LEFT JOIN staff s ON s.id = w.assignee_id WHERE w.id IN ({})")


def _rows_by_ids(conn, sql: str, ids: list[int]) -> list:
    return conn.execute(sql.format(",".join("?" * len(ids))), ids).fetchall() if ids else []


def _enum_key(conn, table: str, column: str, codes: list[str]) -> str:
    """A rank column if the schema has one (``state_rank``, ``priority_rank`` …), else the CASE."""
    for name in (f"{column}_rank", f"{column}_order", f"{column}_sort"):
        if name in _columns(conn, table):
            return name
    return "CASE " + column + " " + " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(codes)) + " ELSE 99 END"


def ceiling_wo_sort(paths, key: str) -> dict:
    from app.models import Priority, State

    conn = _sql(paths["office"])
    if key == "unit" and "unit_sort" in _columns(conn, "workorders"):  # the room's sort key kept on the order
        order, source = ["w.unit_sort"], "workorders w"
    elif key == "unit":
        order = ["u.building_id", "u.unit_no", "length(u.room_no)", "u.room_no"]
        source = "workorders w LEFT JOIN units u ON u.id = w.unit_id"
    else:
        expr = {"state": _enum_key(conn, "workorders", "state", list(State)),
                "priority": _enum_key(conn, "workorders", "priority", list(Priority))}.get(key, key)
        order = [expr if key in ("state", "priority") else f"w.{key}"]
        source = "workorders w"
        order = [o if o.startswith(("CASE", "w.")) else f"w.{o}" for o in order]

    def page(desc: bool) -> list:
        direction = " DESC" if desc else ""
        ids = [r[0] for r in conn.execute(
            f"SELECT w.id FROM {source} ORDER BY {', '.join(o + direction for o in order)}, w.id{direction} "
            f"LIMIT {PAGE_ROWS}")]
        return _rows_by_ids(conn, WO_ROW_SQL, ids)

    first = _timed(lambda: page(False))
    end = _timed(lambda: page(True))  # the last screen read backwards, as keyset paging may
    return {"first": first, "end": end}


def _wo_match_sql(conn, text: str) -> tuple[str, list]:
    """The search box's matches as plain SQL on the best index the schema has: ``workorders_fts`` (trigram over
    number, contact, phone, place, description, room) when it exists; else a room code through ``units_fts`` and
    the index on ``unit_id`` (a room code is no order number or name), other text by LIKE."""
    from app.search import like_pattern, normalise_query

    query = normalise_query(text)
    if len(query) >= 3 and "workorders_fts" in _tables(conn):
        return "w.id IN (SELECT rowid FROM workorders_fts WHERE workorders_fts MATCH ?)", [_phrase(text.strip())]
    if len(query) >= 3 and re.fullmatch(r"[0-9a-z]+(-[0-9a-z]+)+", query):
        return "w.unit_id IN (SELECT rowid FROM units_fts WHERE units_fts MATCH ?)", [_phrase(query)]
    if len(query) >= 3:
        units = "w.unit_id IN (SELECT rowid FROM units_fts WHERE units_fts MATCH ?)"
        unit_arg = _phrase(query)
    else:
        units = "w.unit_id IN (SELECT id FROM units WHERE search_text LIKE ? ESCAPE '\\')"
        unit_arg = like_pattern(query)
    where = f"(w.number LIKE ? ESCAPE '\\' OR w.contact_name LIKE ? ESCAPE '\\' OR {units})"
    return where, [like_pattern(text.upper()), like_pattern(text), unit_arg]


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _tables(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def ceiling_wo_search(paths, text: str) -> dict:
    conn = _sql(paths["office"])
    where, args = _wo_match_sql(conn, text)

    def run():
        ids = [r[0] for r in conn.execute(
            f"SELECT w.id FROM workorders w WHERE {where} ORDER BY w.reported_at DESC, w.id DESC LIMIT {PAGE_ROWS}",
            args)]
        _rows_by_ids(conn, WO_ROW_SQL, ids)
        if len(text) >= 3:  # a count is cheap for a selective query; 1–2 characters show "1000+" instead
            conn.execute(f"SELECT count(*) FROM workorders w WHERE {where}", args).fetchone()

    return {"s": _timed(run)}


UNIT_ROW_SQL = ("SELECT u.*, b.name, (SELECT group_concat(p.name, '、') FROM occupancies o JOIN persons p "
                "ON p.id = o.person_id WHERE o.unit_id = u.id AND o.relation = 'owner') FROM units u "
                "JOIN buildings b ON b.id = u.building_id WHERE u.id IN ({})")
UNIT_CODE_ORDER = ["u.building_id", "u.unit_no", "length(u.room_no)", "u.room_no"]


def _unit_page(conn, where: str, args: list, order: list[str], desc: bool) -> list:
    direction = " DESC" if desc else ""
    ids = [r[0] for r in conn.execute(
        f"SELECT u.id FROM units u {where} ORDER BY {', '.join(o + direction for o in order)}, u.id{direction} "
        f"LIMIT {PAGE_ROWS}", args)]
    return _rows_by_ids(conn, UNIT_ROW_SQL, ids)


def ceiling_archive_search(paths, text: str) -> dict:
    from app.search import like_pattern, normalise_query

    conn = _sql(paths["archive"])
    where = "WHERE u.search_text LIKE ? ESCAPE '\\'"
    return {"s": _timed(lambda: _unit_page(conn, where, [like_pattern(normalise_query(text))], UNIT_CODE_ORDER,
                                           False))}


def ceiling_archive_end(paths) -> dict:
    conn = _sql(paths["archive"])
    return {"s": _timed(lambda: _unit_page(conn, "", [], UNIT_CODE_ORDER, True))}


def ceiling_archive_sort(paths, key: str) -> dict:
    conn = _sql(paths["archive"])
    order = [f"u.{key}"]
    return {"first": _timed(lambda: _unit_page(conn, "", [], order, False)),
            "end": _timed(lambda: _unit_page(conn, "", [], order, True))}


def _fee_sums(conn, periods: list[str], today: date) -> None:
    last = periods[-1]
    conn.execute("SELECT f.kind, sum(l.amount), sum(l.paid) FROM bill_lines l JOIN fee_items f ON f.id = l.item_id "
                 "WHERE l.period = ? AND l.late_fee = 0 GROUP BY f.kind", [last]).fetchall()
    conn.execute("SELECT f.kind, sum(l.amount), sum(l.paid) FROM bill_lines l JOIN fee_items f ON f.id = l.item_id "
                 "WHERE l.period BETWEEN ? AND ? AND l.late_fee = 0 GROUP BY f.kind", [last[:4] + "-01", last]).fetchall()
    conn.execute("SELECT count(DISTINCT unit_id), sum(amount - paid), "
                 "sum(CASE WHEN period >= ? THEN amount - paid END) FROM bill_lines "
                 "WHERE amount > paid AND period <= ?", [periods[max(0, len(periods) - 3)], last]).fetchall()


def ceiling_dashboard(paths) -> dict:
    conn = _sql(paths["office"])
    periods, today = paths["office_periods"], date.today()
    month_start = f"{periods[-1]}-01"

    def run():
        _fee_sums(conn, periods, today)
        conn.execute("SELECT l.period, f.kind, sum(l.amount), sum(l.paid) FROM bill_lines l JOIN fee_items f "
                     "ON f.id = l.item_id WHERE l.period >= ? AND l.late_fee = 0 GROUP BY l.period, f.kind",
                     [periods[0]]).fetchall()
        conn.execute("SELECT team, state, count(*) FROM workorders WHERE state IN ('received','dispatched',"
                     "'in_progress','on_hold','escalated') GROUP BY team, state").fetchall()
        conn.execute("SELECT team, count(*), sum(completed_at <= due_at) FROM workorders WHERE completed_at >= ? "
                     "GROUP BY team", [month_start]).fetchall()
        conn.execute("SELECT substr(reported_at, 1, 7), count(*), sum(kind = 'complaint') FROM workorders "
                     "WHERE reported_at >= ? GROUP BY 1", [f"{periods[0]}-01"]).fetchall()
        conn.execute("SELECT substr(visited_at, 1, 7), count(*), sum(satisfaction) FROM workorders "
                     "WHERE visited_at >= ? AND satisfaction IS NOT NULL GROUP BY 1", [f"{periods[0]}-01"]).fetchall()

    return {"s": _timed(run)}


def ceiling_fee_figures(paths) -> dict:
    conn = _sql(paths["office"])
    periods, today = paths["office_periods"], date.today()

    def run():
        _fee_sums(conn, periods, today)
        conn.execute("SELECT operator_name, method, count(*), sum(amount) FROM payments WHERE paid_at >= ? "
                     "AND paid_at < ? AND voided = 0 GROUP BY 1, 2",
                     [f"{today} 00:00:00", f"{today + timedelta(days=1)} 00:00:00"]).fetchall()

    return {"s": _timed(run)}


def _stream_xlsx(path: Path, header: list[str], rows) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet")
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    wb.save(path)


def ceiling_ledger(paths) -> dict:
    """One SQL pass (a row per unit and item column, owners joined) streamed into a write-only workbook."""
    conn = _sql(paths["exports"])
    period = paths["exports_period"]
    sql = ("SELECT b.name, u.unit_no, u.room_no, u.area, (SELECT group_concat(p.name, '、') FROM occupancies o "
           "JOIN persons p ON p.id = o.person_id WHERE o.unit_id = u.id AND o.relation = 'owner'), "
           "sum(CASE WHEN l.item_id = 1 THEN l.amount END), sum(CASE WHEN l.item_id = 2 THEN l.amount END), "
           "sum(CASE WHEN l.item_id = 3 THEN l.amount END), sum(l.amount), sum(l.paid), "
           "(SELECT sum(a.amount - a.paid) FROM bill_lines a WHERE a.unit_id = u.id AND a.period < ?) "
           "FROM bill_lines l JOIN units u ON u.id = l.unit_id JOIN buildings b ON b.id = u.building_id "
           "WHERE l.period = ? GROUP BY l.unit_id ORDER BY u.building_id, u.unit_no, length(u.room_no), u.room_no")
    with tempfile.TemporaryDirectory() as tmp, export_memory() as mem:
        s = _timed(lambda: _stream_xlsx(Path(tmp) / "c.xlsx", ["房号"] * 11, conn.execute(sql, [period, period])))
    return {"s": s, **mem}


def ceiling_roster(paths) -> dict:
    conn = _sql(paths["exports"])
    sql = ("SELECT b.name, u.unit_no, u.room_no, u.area, p.name, o.relation, p.phone, p.id_number, o.move_in_date, "
           "(SELECT group_concat(code) FROM parking_spaces s WHERE s.unit_id = u.id), "
           "(SELECT group_concat(plate) FROM vehicles v WHERE v.person_id = p.id), p.notes "
           "FROM units u JOIN buildings b ON b.id = u.building_id JOIN occupancies o ON o.unit_id = u.id "
           "JOIN persons p ON p.id = o.person_id ORDER BY u.building_id, u.unit_no, length(u.room_no), u.room_no, o.id")
    with tempfile.TemporaryDirectory() as tmp, export_memory() as mem:
        s = _timed(lambda: _stream_xlsx(Path(tmp) / "c.xlsx", ["房号"] * 12, conn.execute(sql)))
    return {"s": s, **mem}


def ceiling_refresh(paths) -> dict:
    """The same texts from three range queries and one executemany UPDATE of the units whose text changed
    (rolled back)."""
    from app.search import unit_search_text

    conn = sqlite3.connect(paths["archive"])
    conn.execute("BEGIN")
    last = conn.execute(f"SELECT max(id) FROM (SELECT id FROM units ORDER BY id LIMIT {REFRESH_IDS})").fetchone()[0]
    stale = conn.execute(STALE_SQL, (last,)).rowcount
    started = time.perf_counter()
    people: dict[int, list] = {}
    for uid, name, phone, idn in conn.execute(
            "SELECT o.unit_id, p.name, p.phone, p.id_number FROM occupancies o JOIN persons p ON p.id = o.person_id "
            "WHERE o.unit_id <= ?", [last]):
        people.setdefault(uid, []).append((name, phone, idn))
    plates: dict[int, list] = {}
    for uid, plate in conn.execute("SELECT unit_id, plate FROM vehicles WHERE unit_id <= ?", [last]):
        plates.setdefault(uid, []).append(plate)
    params, ids = [], 0
    for uid, b, un, r, old in conn.execute("SELECT u.id, b.name, u.unit_no, u.room_no, u.search_text FROM units u "
                                           "JOIN buildings b ON b.id = u.building_id WHERE u.id <= ?", [last]):
        ids += 1
        text = unit_search_text(b, un, r, people.get(uid, ()), plates.get(uid, ()))
        if text != old:
            params.append((text, uid))
    conn.executemany("UPDATE units SET search_text = ? WHERE id = ?", params)
    elapsed = time.perf_counter() - started
    conn.execute("ROLLBACK")
    return {"s": elapsed, "ids": ids, "rewritten": stale}


JOBS_IN_PROCESS = {
    **{f"wo_sort_{k}": (lambda p, k=k: app_wo_sort(p, k), lambda p, k=k: ceiling_wo_sort(p, k)) for k in WO_SORTS},
    "wo_search_room": (lambda p: app_wo_search(p, "3-1-1502"), lambda p: ceiling_wo_search(p, "3-1-1502")),
    "wo_search_name": (lambda p: app_wo_search(p, "王"), lambda p: ceiling_wo_search(p, "王")),
    "archive_search_1": (lambda p: app_archive_search(p, "王"), lambda p: ceiling_archive_search(p, "王")),
    "archive_search_2": (lambda p: app_archive_search(p, "王芳"), lambda p: ceiling_archive_search(p, "王芳")),
    "archive_end": (app_archive_end, ceiling_archive_end),
    **{f"archive_sort_{k}": (lambda p, k=k: app_archive_sort(p, k), lambda p, k=k: ceiling_archive_sort(p, k))
       for k in ARCHIVE_SORTS},
    "dashboard": (app_dashboard, ceiling_dashboard),
    "fee_figures": (app_fee_figures, ceiling_fee_figures),
    "ledger_export": (app_ledger, ceiling_ledger),
    "roster_export": (app_roster, ceiling_roster),
    "refresh_search_text": (app_refresh, ceiling_refresh),
}


# ---- jobs that are whole processes: timed from outside


FIRST_START = r"""
import os, sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
STARTED = float(sys.argv[1])
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            print("SHOWN", time.monotonic() - STARTED, type(obj).__name__, flush=True)
            os._exit(0)
        return False
app = QApplication(sys.argv[:1])
watch = Watch()
app.installEventFilter(watch)
{body}
print("NO WINDOW", flush=True)
"""
FIRST_START_APP = "from app.cli import main\nmain(['--database', {url!r}, 'gui'])"
FIRST_START_CEILING = """from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit
d = QDialog(); f = QFormLayout(d); f.addRow("用户名", QLineEdit()); f.addRow("密码", QLineEdit())
d.exec()"""

CLI_CEILING = r"""
import sqlite3, sys
sys.path.insert(0, {root!r})
conn = sqlite3.connect("file:" + {path!r} + "?mode=ro", uri=True)
where, args = {where!r}, {args!r}
total = conn.execute("SELECT count(*) FROM workorders w WHERE " + where, args).fetchone()[0]
for row in conn.execute("SELECT w.number, w.state, w.kind, w.category, b.name, u.unit_no, u.room_no, s.name, "
                        "w.reported_at, w.description FROM workorders w LEFT JOIN units u ON u.id = w.unit_id "
                        "LEFT JOIN buildings b ON b.id = u.building_id LEFT JOIN staff s ON s.id = w.assignee_id "
                        "WHERE " + where + " ORDER BY w.reported_at DESC, w.id DESC LIMIT 50", args):
    print("  ".join(str(v) for v in row))
print("共", total, "条")
"""
HELP_CEILING = ("import argparse\np = argparse.ArgumentParser(prog='propdesk', description='PropDesk 物业前台')\n"
                "s = p.add_subparsers(metavar='COMMAND')\n"
                "[s.add_parser(n, help=n) for n in ('gui', 'db', 'demo', 'roster', 'workorder', 'backup', 'fees', "
                "'user', 'report', 'period', 'meters')]\np.print_help()")


def _spawn(args: list[str], env: dict | None = None, cwd: str | None = None) -> tuple[float, str]:
    started = time.monotonic()
    proc = subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd, timeout=900)
    elapsed = time.monotonic() - started
    if proc.returncode != 0:
        raise RuntimeError(f"exit {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-300:]}")
    return elapsed, proc.stdout


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PROPDESK_PASSWORD": PASSWORD}


@contextlib.contextmanager
def _installed_env(folder: str | None) -> Iterator[dict]:
    """``_env()`` with the byte code cached as an installed program has it (a private ``PYTHONPYCACHEPREFIX``;
    under ``PYTHONDONTWRITEBYTECODE`` every module of the app would be compiled from source on each start, which
    no installed copy does — the ceilings' Python and PySide6 have their caches)."""
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        env = {**_env(), "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        yield env


def _median_after_warm_up(run: Callable[[], tuple[float, str]], runs: int = 3) -> tuple[float, str, int]:
    """The median time of ``runs`` process starts after one warm-up (which fills the byte-code cache)."""
    results = [run() for _ in range(runs + 1)][1:]
    times = sorted(s for s, _out in results)
    return times[len(times) // 2], results[-1][1], len(times)


def first_start(paths, ceiling: bool, runs: int = 3) -> dict:
    """Process start → the first window shown (the login dialog), on a copy-free link to the office file in a
    folder with no backup of today, so the daily-backup decision runs as on the first start of the day.

    The median of ``runs`` starts after one warm-up, with the byte code cached (``_installed_env``)."""
    folder = Path(paths["office"]).parent
    with _installed_env(str(folder)) as env, tempfile.TemporaryDirectory(dir=folder) as tmp:
        starts = iter(range(runs + 1))
        s, window, n = _median_after_warm_up(
            lambda: _first_window(paths["office"], ceiling, env, Path(tmp) / f"start{next(starts)}"), runs)
        return {"s": s, "window": window, "runs": n}


def _first_window(office: str, ceiling: bool, env: dict, folder: Path) -> tuple[float, str]:
    folder.mkdir()
    link = folder / "propdesk.db"
    link.symlink_to(office)
    body = FIRST_START_CEILING if ceiling else FIRST_START_APP.format(url=f"sqlite:///{link}")
    script = FIRST_START.format(root=str(ROOT), body=body)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script, repr(started)], capture_output=True, text=True,
                          env={**env, "XDG_CONFIG_HOME": str(folder), "XDG_DATA_HOME": str(folder)}, cwd=folder,
                          timeout=900)
    shown = [line for line in proc.stdout.splitlines() if line.startswith("SHOWN")]
    if not shown:
        raise RuntimeError(f"no window shown: {(proc.stderr or proc.stdout).strip()[-300:]}")
    window = shown[0].split()[2]
    if window == "QMessageBox":
        raise RuntimeError(f"a message box came up instead of the login window: {proc.stderr.strip()[-300:]}")
    return float(shown[0].split()[1]), window


def cli_query(paths, ceiling: bool, text: str = "3-1-1502") -> dict:
    """A fresh process answering the search, as a user runs it: the median of 3 after a warm-up, byte code
    cached (``_installed_env``) for the app and the ceiling alike."""
    if ceiling:
        where, args = _wo_match_sql(_sql(paths["office"]), text)
        args_ = [sys.executable, "-S", "-c", CLI_CEILING.format(root=str(ROOT), path=paths["office"], where=where,
                                                                 args=args)]
    else:
        args_ = [sys.executable, "-m", "app.cli", "--database", f"sqlite:///{paths['office']}", "--user", USER,
                 "workorder", "list", "--query", text]
    with _installed_env(str(Path(paths["office"]).parent)) as env:
        s, out, n = _median_after_warm_up(lambda: _spawn(args_, env=env, cwd=str(ROOT)))
    return {"s": s, "lines": len(out.splitlines()), "runs": n}


def help_job(_paths, ceiling: bool) -> dict:
    args_ = [sys.executable, "-c", HELP_CEILING] if ceiling else [sys.executable, "-m", "app.cli", "--help"]
    with _installed_env(None) as env:
        s, _out, n = _median_after_warm_up(lambda: _spawn(args_, env=env, cwd=str(ROOT)))
    return {"s": s, "runs": n}


JOBS_SPAWNED = {"first_start": first_start, "cli_workorder_query": cli_query, "help": help_job}

AIMS = {  # seconds (the table)
    **{f"wo_sort_{k}_{p}": 0.15 for k in WO_SORTS for p in ("first", "end")},
    "wo_search_room": 0.05, "wo_search_name": 0.05, "cli_workorder_query": 0.3,
    "archive_search_1": 0.05, "archive_search_2": 0.05, "archive_end": 0.15,
    **{f"archive_sort_{k}_{p}": 0.15 for k in ARCHIVE_SORTS for p in ("first", "end")},
    "dashboard": 0.5, "fee_figures": 0.5, "ledger_export": None, "roster_export": None, "first_start": 1.0,
    "help": 0.2, "refresh_search_text": None,
}
PEAK_AIMS = {"ledger_export": 100, "roster_export": 60}  # MB
RATIO_AIMS = {"ledger_export": 1.3}  # × the streamed write-only ceiling
JOB_NAMES = [*JOBS_IN_PROCESS, *JOBS_SPAWNED]


def databases_for(job: str) -> set[str]:
    """The scale databases a job reads (``--only`` prepares just those: a missing one would be built)."""
    if job == "help":
        return set()
    if job.startswith("archive_") or job == "refresh_search_text":
        return {"archive"}
    if job in ("ledger_export", "roster_export"):
        return {"exports"}
    return {"office"}


def run_worker(job: str, variant: str, paths: dict) -> dict:
    """One measurement (``--worker``: in a fresh process, which prints it as one JSON line)."""
    try:
        if job in JOBS_SPAWNED:
            result = JOBS_SPAWNED[job](paths, variant == "ceiling")
        else:
            app_fn, ceiling_fn = JOBS_IN_PROCESS[job]
            result = (ceiling_fn if variant == "ceiling" else app_fn)(paths)
    except BaseException as exc:  # noqa: BLE001 - a failing job is a row with its error, never the bench's end
        first = (str(exc).strip().splitlines() or [""])[0]  # SQLAlchemy appends the statement: not that
        result = {"error": f"{type(exc).__name__}: {first}"[:300]}
    return json.loads(json.dumps(result, ensure_ascii=False, default=str))


def measure(job: str, variant: str, paths: dict, in_process: bool = False) -> dict:
    """One measurement in a fresh process (``in_process``: in this one, for the quick test of the bench)."""
    if in_process:
        return run_worker(job, variant, paths)
    # "-m", not the file: run as a script, the worker sat 4 MB higher after the same sign-in (CPython keeps a
    # script's parse tree alive while it runs; -m compiles the module as an import does) — memory of the bench's
    # own 1,400 lines, which no app process has, charged to the export's peak
    proc = subprocess.run([sys.executable, "-m", "bench.scale", "--worker", job, variant, json.dumps(paths)],
                          capture_output=True, text=True, env=_env(), cwd=str(ROOT), timeout=1800)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    return {"error": f"worker exit {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-300:]}"}


def _row(app: dict, ceiling: dict, key: str, aim: float | None, extra_aim_mb: float | None = None,
         aim_ratio: float | None = None) -> dict:
    row: dict = {}
    if "error" in app:
        row["error"] = app["error"]
    else:
        row["s"] = round(app[key], 4)
    if "error" in ceiling:
        row["ceiling_error"] = ceiling["error"]
    else:
        row["ceiling_s"] = round(ceiling[key], 4)
    if "s" in row and "ceiling_s" in row and row["ceiling_s"] > 0:
        row["ratio"] = round(row["s"] / row["ceiling_s"], 2)
    row["aim_s"] = aim
    for name in ("peak_mb", "grew_mb", "base_mb", "process_peak_mb", "peak_10k_mb"):
        if name in app:
            row[name] = round(app[name], 1)
            if name in ceiling:
                row[f"ceiling_{name}"] = round(ceiling[name], 1)
    if extra_aim_mb is not None:
        row["aim_peak_mb"] = extra_aim_mb
    if aim_ratio is not None:
        row["aim_ratio"] = aim_ratio
    for name in ("gui_s", "rows", "ids", "rewritten", "window"):
        if name in app:
            row[name] = round(app[name], 4) if isinstance(app[name], float) else app[name]
    return row


def run_jobs(jobs: list[str], paths: dict, in_process: bool = False) -> dict:
    rows: dict[str, dict] = {}
    for job in jobs:
        app = measure(job, "app", paths, in_process)
        ceiling = measure(job, "ceiling", paths, in_process)
        if "first" in app or "first" in ceiling:
            for part in ("first", "end"):
                rows[f"{job}_{part}"] = _row(app, ceiling, part, AIMS.get(f"{job}_{part}"))
                if "rows" in app:
                    rows[f"{job}_{part}"]["rows"] = app["rows"]
        else:
            rows[job] = _row(app, ceiling, "s", AIMS.get(job), PEAK_AIMS.get(job), RATIO_AIMS.get(job))
        for name, row in rows.items():
            if name.startswith(job) and not row.get("_printed"):
                print(format_row(name, row), flush=True)
                row["_printed"] = True
    for row in rows.values():
        row.pop("_printed", None)
    return rows


def format_row(name: str, row: dict) -> str:
    def f(v):
        return "—" if v is None else f"{v * 1000:8.1f} ms" if v < 10 else f"{v:8.2f} s "

    text = f"{name:<28} {f(row.get('s')):>11} {f(row.get('ceiling_s')):>11} {row.get('ratio', '—')!s:>7} " \
           f"{f(row.get('aim_s')):>11}"
    if "peak_mb" in row:
        text += f"  peak {row['peak_mb']:.0f} MB (grew {row.get('grew_mb', 0):.0f}; ceiling " \
                f"{row.get('ceiling_peak_mb', 0):.0f}, grew {row.get('ceiling_grew_mb', 0):.0f})"
    if "peak_10k_mb" in row:
        text += f"; at 10,000 lines {row['peak_10k_mb']:.0f} MB"
    if "process_peak_mb" in row:
        text += f"; process peak {row['process_peak_mb']:.0f} MB (sign-in)"
    if "gui_s" in row:
        text += f"  GUI thread held {row['gui_s'] * 1000:.0f} ms"
    if "error" in row:
        text += f"  ERROR {row['error']}"
    if "ceiling_error" in row:
        text += f"  CEILING ERROR {row['ceiling_error']}"
    return text


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        result = run_worker(argv[1], argv[2], json.loads(argv[3]))
        print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=list(SCALES), default="full")
    parser.add_argument("--only", default="", help="comma-separated jobs: " + ", ".join(JOB_NAMES))
    parser.add_argument("--cache-dir", type=Path, default=Path.home() / ".cache" / "propdesk-bench")
    parser.add_argument("--rebuild", action="store_true", help="build the databases again")
    parser.add_argument("--in-process", action="store_true",
                        help="measure in this process, not a fresh one each (only to check the bench quickly)")
    args = parser.parse_args(argv)
    jobs = [j.strip() for j in args.only.split(",") if j.strip()] or JOB_NAMES
    unknown = [j for j in jobs if j not in JOB_NAMES]
    if unknown:
        parser.error(f"unknown job(s): {', '.join(unknown)}; known: {', '.join(JOB_NAMES)}")
    today = date.today()
    started = time.perf_counter()
    paths, scale_info = {}, {"name": args.scale}
    needed = set().union(*map(databases_for, jobs))
    for name, shape in SCALES[args.scale].items():
        if name not in needed:
            continue
        path, meta = prepare(name, shape, args.scale, args.cache_dir, args.rebuild, today)
        paths[name] = str(path)
        scale_info[name] = {k: v for k, v in meta.items() if k != "file"}
    paths["office_periods"] = scale_info.get("office", {}).get("periods", [])
    paths["exports_period"] = scale_info.get("exports", {"periods": [None]})["periods"][-1]
    from app.migrations import head_revision

    scale_info["schema"] = head_revision()
    scale_info["prepare_s"] = round(time.perf_counter() - started, 1)
    print(f"databases ready in {scale_info['prepare_s']} s: "
          + ", ".join(f"{n} {scale_info[n]['mb']} MB" for n in SCALES[args.scale] if n in needed), flush=True)
    print(f"{'job':<28} {'app':>11} {'ceiling':>11} {'ratio':>7} {'aim':>11}", flush=True)
    rows = run_jobs(jobs, paths, args.in_process)
    print(json.dumps({"scale": scale_info, "rows": rows}, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
