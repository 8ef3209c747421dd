"""Run by tests/app/test_crash_safety.py in a subprocess that the test kills with SIGKILL mid-write.

``python -m tests.app._crash_worker SCENARIO URL [N]`` prints ``MIDWAY`` once the long transaction
has written part of its work, then carries on (or stalls, for the short use cases) until killed.
"""

from __future__ import annotations

import sys
import time

from sqlalchemy import insert

from app.db import Database
from app.models import Person
from app.services import Services


def midway() -> None:
    print("MIDWAY", flush=True)


def bulk(services: Services, rows: int) -> None:
    """A generic long transaction through the service context: many chunks of Core inserts."""
    with services.ctx.write() as s:
        for start in range(0, rows, 2000):
            s.execute(insert(Person), [
                {"name": f"导入{i}", "phone": "", "id_number": "", "notes": "crash"} for i in range(start, start + 2000)
            ])
            if start == 10000:
                midway()


def payment(services: Services, unit_id: int) -> None:
    """Stall inside ``pay`` after the payment row, receipt number and allocations were flushed."""
    from app.services import fees_payments

    original = fees_payments._put_shares

    def put_then_stall(*args, **kwargs):
        result = original(*args, **kwargs)
        args[0].flush()
        midway()
        time.sleep(120)
        return result

    fees_payments._put_shares = put_then_stall
    services.payments.pay(unit_id, "5000", "cash", payer="断电测试")


class StallingProgress:
    """Reports like the GUI's progress, and stalls three quarters in (or at the step named ``at``)."""

    cancelled = False

    def __init__(self, at: str | None = None):
        self.at = at

    def report(self, done: int, total: int, text: str = "") -> None:
        hit = text == self.at if self.at else bool(total and done / total >= 0.75 and done < total)
        if hit:
            midway()
            time.sleep(120)

    def check(self) -> None:
        pass


def billing(services: Services, period: str) -> None:
    services.billing.run(period, progress=StallingProgress())


def roster(services: Services, path: str) -> None:
    """Stall after units, owners, spaces and vehicles were written, before the search index and the log."""
    services.roster.commit(path, progress=StallingProgress(at="更新搜索索引"))


def bank_import(services: Services, path: str) -> None:
    """Stall three quarters through the bank result's payments (each flushed), before the batch is marked."""
    services.bank.import_result(path, progress=StallingProgress())


def handover(services: Services, staff: str) -> None:
    """Stall inside ``handover`` after two orders were handed over and flushed."""
    from app.services.workorders import WorkOrderService

    original, done = WorkOrderService._hand_to, []

    def hand_then_stall(self, s, *args, **kwargs):
        original(self, s, *args, **kwargs)
        done.append(1)
        if len(done) == 2:
            s.flush()
            midway()
            time.sleep(120)

    WorkOrderService._hand_to = hand_then_stall
    leaving, taking = (int(x) for x in staff.split(","))
    services.workorders.handover(leaving, taking, "断电测试")


def export(services: Services, path: str) -> None:
    """Stall in the middle of writing the .xlsx: part of it is on disk when the kill comes."""
    from app.excel.stream import Sheet

    original = Sheet.append

    def append_then_stall(self, values, styles=None):
        original(self, values, styles)
        if self.rows == 150:
            self.flush()
            midway()
            time.sleep(120)

    Sheet.append = append_then_stall
    services.roster_export.export(path)


def main(argv: list[str]) -> int:
    scenario, url = argv[0], argv[1]
    arg = argv[2] if len(argv) > 2 else ""
    services = Services.open(Database(url))
    if scenario == "bulk":
        bulk(services, int(arg or 200_000))
    elif scenario == "payment":
        payment(services, int(arg))
    elif scenario == "billing":
        billing(services, arg)
    elif scenario == "roster":
        roster(services, arg)
    elif scenario == "bank":
        bank_import(services, arg)
    elif scenario == "handover":
        handover(services, arg)
    elif scenario == "export":
        export(services, arg)
    else:
        raise SystemExit(f"unknown scenario {scenario}")
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
