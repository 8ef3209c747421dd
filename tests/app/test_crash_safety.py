"""Power cut in the middle of a save: a subprocess doing a long write is killed with SIGKILL and the
database must be exactly as before (never half): a bulk transaction, a payment, a billing run, a roster
import."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.db import Database, open_database
from app.models import Allocation, AuditLog, Bill, BillLine, Payment, Person
from app.services import Services
from tests.conftest import demo_month

ROOT = Path(__file__).resolve().parents[2]


def run_worker(url: str, scenario: str, arg: str = "", *, kill: bool = True, delay: float = 0.2) -> str:
    """Start the worker, wait for MIDWAY, then SIGKILL it (or let it finish). Returns what it printed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.app._crash_worker", scenario, url, arg],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        if not kill:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            return line + out
        assert line.strip() == "MIDWAY", proc.stderr.read()
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        return line
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def snapshot(db: Database, *models) -> tuple:
    with db.read_session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in models)


def test_killed_bulk_transaction_leaves_nothing(db):
    before = snapshot(db, Person, AuditLog)
    run_worker(db.url, "bulk", "400000")
    db.dispose()
    assert snapshot(db, Person, AuditLog) == before
    if db.is_sqlite:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    # and the database takes writes again at once (no stale lock left behind)
    Services.open(db).archive.create_building("断电后")


def test_finished_bulk_transaction_is_all_there(db):
    out = run_worker(db.url, "bulk", "4000", kill=False)
    assert "DONE" in out
    assert snapshot(db, Person)[0] == 4000


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    """A demo property with fee items, bills and payments (SQLite; built once for the module)."""
    from app.demo import fill_demo

    path = tmp_path_factory.mktemp("crash") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    fill_demo(Services.open(db))
    db.dispose()
    return path


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Database:
    target = tmp_path / "propdesk.db"
    shutil.copyfile(demo_template, target)
    db = open_database(f"sqlite:///{target}")
    yield db
    db.dispose()


def money_state(db: Database) -> tuple:
    with db.read_session() as s:
        return (
            s.scalar(select(func.count(Payment.id))),
            s.scalar(select(func.count(Allocation.id))),
            s.scalar(select(func.coalesce(func.sum(BillLine.paid), 0))),
            s.scalar(select(func.count(Bill.id))),
            s.scalar(select(func.count(BillLine.id))),
            s.execute(text("SELECT name, value FROM sequences ORDER BY name")).all(),
            s.scalar(select(func.count(AuditLog.id))),
        )


@pytest.mark.slow
def test_killed_payment_leaves_no_receipt_and_no_allocation(demo_db):
    services = Services.open(demo_db)
    with demo_db.read_session() as s:
        unit_id = s.scalar(select(BillLine.unit_id).where(BillLine.paid < BillLine.amount).limit(1))
    before = money_state(demo_db)
    assert services.payments.account(unit_id).outstanding > 0
    run_worker(demo_db.url, "payment", str(unit_id), delay=0.1)
    demo_db.dispose()
    assert money_state(demo_db) == before
    # the receipt number the dead payment took is handed out again: no gap
    paid = services.payments.pay(unit_id, "10", "cash")
    assert money_state(demo_db)[0] == before[0] + 1 and paid.receipt_no


@pytest.mark.slow
def test_killed_billing_run_creates_no_bill(demo_db):
    period = demo_month(Services.open(demo_db), 1)  # the month after the demo's: not billed yet
    before = money_state(demo_db)
    run_worker(demo_db.url, "billing", period, delay=0.1)
    demo_db.dispose()
    assert money_state(demo_db) == before
    result = Services.open(demo_db).billing.run(period)  # the run can simply be started again
    assert result.bills > 0 and money_state(demo_db)[3] == before[3] + result.bills


@pytest.mark.slow
def test_killed_bank_import_leaves_no_payment_and_the_batch_waiting(demo_db, tmp_path):
    services = Services.open(demo_db)
    out = tmp_path / "托收.csv"
    batch = services.bank.export(demo_month(services), out)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    answer = tmp_path / "回盘.csv"
    answer.write_text("\n".join([lines[0] + ",扣款结果,失败原因", *(f"{line},成功," for line in lines[1:])]),
                      encoding="utf-8-sig")
    before = money_state(demo_db)
    run_worker(demo_db.url, "bank", str(answer), delay=0.1)
    demo_db.dispose()
    assert money_state(demo_db) == before
    assert services.bank.get(batch.id).status == "sent"
    done = services.bank.import_result(answer)  # the same file imports after the crash
    assert done.succeeded == batch.rows and money_state(demo_db)[0] == before[0] + batch.rows


def roster_file(path: Path, rows: int) -> Path:
    from tests.app.roster_files import HEADER, id_no, write_xlsx

    lines = [HEADER]
    for i in range(rows):
        lines.append([i + 1, f"{i // 100 + 1}栋", "1", f"{i % 100 // 4 + 1}{i % 4 + 1:02d}", "88.50", f"业主{i}",
                      f"138{i:08d}", id_no(f"110105198001{i % 28 + 1:02d}{i % 1000:03d}"), "2020-01-01",
                      f"B-{i:04d}", f"浙A{i:05d}", ""])
    return write_xlsx(path, lines)


def test_killed_roster_import_leaves_nothing(db, tmp_path):
    from app.models import ParkingSpace, Unit, Vehicle
    from app.models.roster import RosterImport

    path = roster_file(tmp_path / "花名册.xlsx", 600)
    tables = (Unit, Person, Vehicle, ParkingSpace, RosterImport, AuditLog)
    before = snapshot(db, *tables)
    run_worker(db.url, "roster", str(path), delay=0.1)
    db.dispose()
    assert snapshot(db, *tables) == before
    result = Services.open(db).roster.commit(path)  # the same file imports cleanly afterwards
    assert result.units_created == 600 and snapshot(db, Unit)[0] == before[0] + 600


def test_killed_handover_moves_no_order(db):
    """A technician's orders are handed over all together or not at all."""
    from app.models import WorkOrder, WorkOrderEvent

    services = Services.open(db)
    leaving = services.staff.save_staff({"name": "王师傅", "team": "engineering"})
    taking = services.staff.save_staff({"name": "李师傅", "team": "engineering"})
    for i in range(4):
        services.workorders.intake({"kind": "repair", "category": "water", "description": f"第{i}处",
                                    "assignee_id": leaving})
    before = snapshot(db, WorkOrderEvent)
    run_worker(db.url, "handover", f"{leaving},{taking}", delay=0.1)
    db.dispose()
    assert snapshot(db, WorkOrderEvent) == before
    with db.read_session() as s:
        assert set(s.scalars(select(WorkOrder.assignee_id))) == {leaving}
    assert services.workorders.handover(leaving, taking, "离职") == 4  # and it can simply be done again
