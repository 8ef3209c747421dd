"""Issue 18: the dashboard's work-order figures read at office scale through indexes equal the live
computations they replaced, on random orders around the month boundaries, on SQLite and PostgreSQL:

- the month figures (reported, complaints, return visits, their score) read as one index range per month
  = the reference: one CASE over the year grouped by month (the query before issue 18);
- open and overdue orders by team and the orders with the manager = the same tests done in Python on every
  order (the summary reads them from the covering index ``ix_workorders_open_team``, grouped by state and team);
- the summary's orders reported since a day and the complaints among them (two counts on indexes, 0024) = the
  orders counted in Python;
- each section of the page read alone (``part``) = the same section of ``load``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import case, delete, func, insert, select

from app.models import Kind, State, Team, WorkOrder
from app.services import Services
from app.services.context import ServiceContext
from app.services.dashboard import PARTS, average_score, periods_ending
from app.services.fees_rules import add_months, period_first_day
from app.services.workorders import NOT_STARTED, OPEN_STATES

NOW = datetime(2026, 11, 20, 10, 30)
MONTHS = 4  # 2026-08 … 2026-11
EDGES = [datetime(2026, m, 1) for m in (7, 8, 9, 10, 11, 12)]


def _moment():
    """A time near a month's edge (the first microsecond of a month, the last of the one before) or anywhere
    from June to December 2026, or none."""
    near_edge = st.builds(lambda edge, d: edge + timedelta(microseconds=d), st.sampled_from(EDGES),
                          st.sampled_from([-1, 0, 1, -60_000_000, 3_600_000_000]))
    anywhere = st.builds(lambda m: datetime(2026, 6, 1) + timedelta(minutes=m), st.integers(0, 214 * 24 * 60))
    return st.one_of(near_edge, anywhere)


order = st.fixed_dictionaries({
    "kind": st.sampled_from(list(Kind)), "state": st.sampled_from(list(State)), "team": st.sampled_from(list(Team)),
    "reported_at": _moment(), "visited_at": st.one_of(st.none(), _moment()),
    "satisfaction": st.one_of(st.none(), st.integers(1, 5)), "due_at": _moment(), "respond_by": _moment(),
    "started_at": st.one_of(st.none(), _moment()), "escalation_level": st.integers(0, 3),
})


def _insert(services, orders: list[dict]) -> None:
    rows = [{**o, "number": f"GD{n:08d}", "source": "phone", "location": "public", "category": "water",
             "priority": "normal", "contact_name": "", "contact_phone": "", "place": "", "description": "测试",
             "work_notes": "", "labour_fee": Decimal("0"), "material_fee": Decimal("0"), "visit_comment": "",
             "cancel_reason": "", "chase_count": 0, "version": 1} for n, o in enumerate(orders, 1)]
    with services.ctx.db.write_session() as s:
        s.execute(delete(WorkOrder))
        if rows:
            s.execute(insert(WorkOrder.__table__), rows)


def _reference_months(services, last: str, months: int) -> list[tuple]:
    """The month figures as the dashboard computed them before issue 18: a CASE giving each order's month."""
    periods = periods_ending(last, months)
    bounds = [datetime.combine(period_first_day(p), datetime.min.time()) for p in periods]
    bounds.append(datetime.combine(period_first_day(add_months(periods[-1], 1)), datetime.min.time()))

    def bucket(column):
        return case(*[(column < bounds[i + 1], p) for i, p in enumerate(periods)], else_=None).label("p")

    reported_month, visited_month = bucket(WorkOrder.reported_at), bucket(WorkOrder.visited_at)
    with services.ctx.read() as s:
        reported = {p: (n, c) for p, n, c in s.execute(
            select(reported_month, func.count(), func.sum(case((WorkOrder.kind == Kind.COMPLAINT, 1), else_=0)))
            .where(WorkOrder.reported_at >= bounds[0]).group_by(reported_month)) if p}
        visits = {p: (n, t) for p, n, t in s.execute(
            select(visited_month, func.count(), func.sum(WorkOrder.satisfaction))
            .where(WorkOrder.visited_at >= bounds[0], WorkOrder.satisfaction.is_not(None))
            .group_by(visited_month)) if p}
    out = []
    for p in periods:
        n, c = reported.get(p, (0, 0))
        v, t = visits.get(p, (0, 0))
        out.append((p, int(n), int(c or 0), int(v), average_score(t, v)))
    return out


def _reference_open(orders: list[dict]) -> tuple[dict, dict, int]:
    open_by, overdue_by, with_manager = {}, {}, 0
    for o in orders:
        if o["state"] not in OPEN_STATES:
            continue
        open_by[o["team"]] = open_by.get(o["team"], 0) + 1
        late = o["due_at"] < NOW or (o["started_at"] is None and o["state"] in NOT_STARTED and o["respond_by"] < NOW)
        if o["state"] != State.ON_HOLD and late:
            overdue_by[o["team"]] = overdue_by.get(o["team"], 0) + 1
        with_manager += o["state"] == State.ESCALATED or o["escalation_level"] >= 2
    return open_by, overdue_by, with_manager


def _at_now(services) -> Services:
    return Services(ServiceContext(services.ctx.db, services.ctx.actor, clock=lambda: NOW))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(orders=st.lists(order, max_size=40), last=st.sampled_from(["2026-10", "2026-11", "2026-12"]))
def test_the_month_and_open_figures_equal_the_live_computation(services, orders, last):
    _insert(services, orders)
    at_now = _at_now(services)
    got = [(m.period, m.reported, m.complaints, m.visited, m.average_satisfaction)
           for m in at_now.dashboard.workorders_by_month(last, MONTHS)]
    assert got == _reference_months(at_now, last, MONTHS)
    for since in (date(2026, 11, 1), date(2026, 8, 1)):
        summary = at_now.workorders.summary(since)
        open_by, overdue_by, with_manager = _reference_open(orders)
        assert (summary.open_by_team, summary.overdue_by_team, summary.escalated) == (open_by, overdue_by, with_manager)
        start = datetime.combine(since, datetime.min.time())
        reported = [o for o in orders if o["reported_at"] >= start]
        assert (summary.reported, summary.complaints) == (len(reported), sum(o["kind"] == Kind.COMPLAINT
                                                                             for o in reported))


def test_each_section_read_alone_is_the_section_of_load(services):
    _insert(services, [
        {"kind": Kind.COMPLAINT, "state": State.ESCALATED, "team": Team.SECURITY, "reported_at": NOW - timedelta(days=2),
         "visited_at": None, "satisfaction": None, "due_at": NOW - timedelta(hours=1), "respond_by": NOW,
         "started_at": None, "escalation_level": 2},
        {"kind": Kind.REPAIR, "state": State.VISITED, "team": Team.ENGINEERING, "reported_at": NOW - timedelta(days=40),
         "visited_at": NOW - timedelta(days=1), "satisfaction": 4, "due_at": NOW, "respond_by": NOW,
         "started_at": NOW - timedelta(days=39), "escalation_level": 0},
    ])
    dashboard = _at_now(services).dashboard
    data = dashboard.load("2026-11", NOW.date())
    for name in PARTS:
        part = dashboard.part(name, "2026-11", NOW.date())
        expected = data.property_name if name == "heading" else getattr(data, name).value
        assert part.value == expected and not part.error, name
    assert data.workorders.value.open_by_team == {Team.SECURITY: 1}
    assert [m.visited for m in data.months.value][-1] == 1
    bad = dashboard.part("months", "2026-13")
    assert bad.value is None and bad.error and not bad.denied
