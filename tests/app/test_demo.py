"""The demo property is built as of one moment, whatever the clock does while it is being built."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.models import BankBatch, Incident, WorkOrder
from app.services import Services
from app.services.context import SYSTEM, ServiceContext
from tests.conftest import demo_month


@pytest.mark.slow
def test_a_demo_started_a_second_before_the_month_ends_is_that_months(db):
    """Each step used to read the clock afresh: a demo started at 23:59:59 on 28 February billed March (its
    fee step ran after midnight), and the order team's records were the real clock's."""
    from app.demo import fill_demo

    start = datetime(2027, 2, 28, 23, 59, 59)
    moments = iter(start + timedelta(seconds=n) for n in range(10**9))  # a clock running a second per look
    services = Services(ServiceContext(db, SYSTEM, lambda: next(moments)))
    fill_demo(services)
    assert demo_month(services) == "2027-02"
    with services.ctx.read() as s:
        assert s.scalar(select(BankBatch.period)) == "2027-01"  # the demo's collection file: the month before
        latest_order = s.scalar(select(func.max(WorkOrder.reported_at)))
        incidents = s.scalars(select(Incident.started_at)).all()
    assert start - timedelta(hours=3) < latest_order <= start
    assert incidents and all(start - timedelta(days=14) < t <= start for t in incidents)
