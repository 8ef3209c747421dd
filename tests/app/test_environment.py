"""环境 services: cleaning plans and daily tasks, inspections on a weighted sheet with re-inspection and a
work order for a failure, monthly scores by area/cleaner/company, garbage totals, greening tasks."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.errors import FieldError, PermissionDenied, StateError
from app.models import Team
from app.services.cleaning import due_on, score_of
from app.services.greening import season_of
from app.services.register_base import links_of_order
from tests.conftest import actor
from tests.fees_setup import fee_services


@pytest.fixture
def env(db):
    services, clock = fee_services(db, datetime(2026, 11, 20, 9, 0))
    staff = services.staff.save_staff({"name": "王阿姨", "team": Team.ENVIRONMENT, "position": "保洁员"})
    return services, clock, staff


def sheet(services, area="lobby"):
    return [services.inspections.save_score_item({"area": area, "name": n, "weight": w})
            for n, w in (("地面", 40), ("玻璃", 30), ("垃圾桶", 30))]


def test_due_on_frequencies():
    monday = date(2026, 11, 16)
    assert due_on("daily", 0, monday)
    assert due_on("weekly", 0, monday) and not due_on("weekly", 1, monday)
    assert due_on("monthly", 16, monday) and not due_on("monthly", 15, monday)
    assert due_on("monthly", 28, date(2026, 2, 28))


def test_score_is_weighted_over_the_sheet():
    assert score_of({1: 10, 2: 10, 3: 10}, {1: 40, 2: 30, 3: 30}) == Decimal("100.0")
    assert score_of({1: 5, 2: 10, 3: 8}, {1: 40, 2: 30, 3: 30}) == Decimal("74.0")  # 20 + 30 + 24
    assert score_of({1: 7}, {1: 3, 2: 3, 3: 3}) == Decimal("23.3")


def test_plans_generate_tasks_once_and_record_completion(env):
    services, _clock, staff = env
    cleaning = services.cleaning
    daily = cleaning.save({"area": "lobby", "place": "1栋大堂", "frequency": "daily", "staff_id": staff})
    cleaning.save({"area": "toilet", "place": "会所", "frequency": "weekly", "weekday": 4,
                        "company": "洁美保洁公司"})
    monday = date(2026, 11, 16)
    assert cleaning.generate_tasks(monday) == 1  # the weekly plan is due on Fridays
    assert cleaning.generate_tasks(monday) == 0
    assert cleaning.generate_tasks(date(2026, 11, 20)) == 2
    tasks = cleaning.tasks(monday)
    assert [(t.plan_id, t.cleaner, t.done) for t in tasks] == [(daily, "王阿姨", False)]
    cleaning.complete_task(tasks[0].id, note="已拖地")
    assert cleaning.tasks(monday)[0].done and cleaning.tasks(monday)[0].note == "已拖地"
    assert [t.cleaner for t in cleaning.tasks(date(2026, 11, 20))] == ["王阿姨", "洁美保洁公司"]
    assert cleaning.completion(monday, date(2026, 11, 20)) == (1, 3)


def test_plan_needs_a_cleaner_and_a_valid_day(env):
    services, *_ = env
    with pytest.raises(FieldError) as err:
        services.cleaning.save({"area": "lobby", "frequency": "weekly", "weekday": 9})
    assert set(err.value.errors) == {"staff_id", "weekday"}
    assert services.cleaning.list() == []


def test_failed_inspection_is_reinspected_once_and_opens_a_work_order(env):
    services, _clock, staff = env
    items = sheet(services)
    plan = services.cleaning.save({"area": "lobby", "place": "1栋大堂", "staff_id": staff})
    failed = services.inspections.inspect(
        {"day": "2026-11-18", "area": "lobby", "plan_id": plan, "note": "地面有污渍", "open_workorder": True},
        {items[0]: 5, items[1]: 10, items[2]: 8})
    assert (failed.score, failed.passed, failed.cleaner, failed.place) == (Decimal("74.0"), False, "王阿姨", "1栋大堂")
    failed = services.inspections.get(failed.id)
    order = services.workorders.get(failed.workorder_id).row
    assert order.team == Team.ENVIRONMENT and "74.0" in order.description
    with services.ctx.read() as s:  # linked back the way every register links its orders
        assert links_of_order(s, order.id) == [("cleaning_inspections", failed.id)]
    assert failed.workorder_number == order.number
    with pytest.raises(StateError):
        services.inspections.open_workorder(failed.id)  # one order per failure
    assert services.inspections.marks(failed.id) == [("地面", 40, 5), ("玻璃", 30, 10), ("垃圾桶", 30, 8)]
    again = services.inspections.inspect({"day": "2026-11-19", "area": "lobby", "reinspection_of": failed.id},
                                      {i: 10 for i in items})
    assert again.passed and again.cleaner == "王阿姨" and again.reinspection_of == failed.id
    assert services.inspections.get(failed.id).reinspected
    with pytest.raises(StateError):
        services.inspections.inspect({"day": "2026-11-19", "area": "lobby", "reinspection_of": failed.id},
                                  {i: 10 for i in items})
    with pytest.raises(StateError):
        services.inspections.inspect({"day": "2026-11-19", "area": "lobby", "reinspection_of": again.id},
                                  {i: 10 for i in items})
    assert services.inspections.count({"failed_only": True}) == 1


def test_inspection_refuses_missing_marks_and_unknown_sheet(env):
    services, *_ = env
    items = sheet(services)
    with pytest.raises(FieldError) as err:
        services.inspections.inspect({"day": "2026-11-18", "area": "lobby"}, {items[0]: 5, items[1]: 11, items[2]: 1})
    assert err.value.errors == {f"mark_{items[1]}": "分数应在 0 到 10 之间"}
    with pytest.raises(FieldError) as err:
        services.inspections.inspect({"day": "2026-11-18", "area": "road"}, {})
    assert "评分表" in err.value.errors["area"]
    assert services.inspections.count() == 0


def test_monthly_scores_by_area_cleaner_and_company(env):
    services, _clock, staff = env
    lobby, road = sheet(services, "lobby"), sheet(services, "road")
    own = services.cleaning.save({"area": "lobby", "staff_id": staff})
    out = services.cleaning.save({"area": "road", "company": "洁美保洁公司"})
    inspect = services.inspections.inspect
    a = inspect({"day": "2026-11-02", "area": "lobby", "plan_id": own}, {i: 9 for i in lobby})  # 90
    b = inspect({"day": "2026-11-03", "area": "lobby", "plan_id": own}, {i: 7 for i in lobby})  # 70 fails
    inspect({"day": "2026-11-04", "area": "lobby", "reinspection_of": b.id}, {i: 10 for i in lobby})
    inspect({"day": "2026-11-05", "area": "road", "plan_id": out}, {i: 8 for i in road})  # 80
    inspect({"day": "2026-10-30", "area": "road", "plan_id": out}, {i: 1 for i in road})  # October
    assert a.score == Decimal("90.0")
    areas = {r.key: (r.inspections, r.average, r.failed, r.reinspected)
             for r in services.inspections.monthly_scores("2026-11", "area")}
    assert areas == {"lobby": (2, Decimal("80.0"), 1, 1), "road": (1, Decimal("80.0"), 0, 0)}
    cleaners = services.inspections.monthly_scores("2026-11", "cleaner")
    assert [(r.label, r.inspections, r.average) for r in cleaners] == [("王阿姨", 2, Decimal("80.0"))]
    companies = services.inspections.monthly_scores("2026-11", "company")
    assert [(r.label, r.average) for r in companies] == [("洁美保洁公司", Decimal("80.0"))]
    assert services.inspections.month_average("2026-11") == Decimal("80.0")
    assert services.inspections.month_average("2026-09") is None


def test_garbage_month_totals(env):
    services, *_ = env
    save = services.garbage.save
    save({"day": "2026-11-01", "kind": "kitchen", "weight_kg": "120.5", "bins": 4, "company": "城管清运"})
    save({"day": "2026-11-01", "kind": "kitchen", "weight_kg": "30", "company": "城管清运"})
    save({"day": "2026-11-02", "kind": "recyclable", "weight_kg": "50"})
    save({"day": "2026-11-30", "kind": "hazardous", "bins": 1})
    save({"day": "2026-12-01", "kind": "other_waste", "weight_kg": "99"})
    month = services.garbage.month("2026-11")
    totals = {k.kind: (k.weight_kg, k.bins, k.records) for k in month.by_kind}
    assert totals == {"recyclable": (Decimal("50.0"), 0, 1), "hazardous": (Decimal("0.0"), 1, 1),
                      "kitchen": (Decimal("150.5"), 4, 2), "other_waste": (Decimal("0.0"), 0, 0)}
    assert len(month.days) == 30 and month.days[0].total == Decimal("150.5") and month.days[1].total == 50
    assert sum((d.total for d in month.days), Decimal(0)) == month.total_kg == Decimal("200.5")
    assert month.recyclable_share == Decimal("24.9")
    assert services.garbage.count({"period": "2026-11"}) == 4
    assert services.garbage.count({"period": "2026-11", "kind": "kitchen"}) == 2
    with pytest.raises(FieldError) as err:
        save({"day": "2026-11-31", "kind": "junk", "weight_kg": "0"})
    assert set(err.value.errors) == {"day", "kind", "weight_kg"}


def test_greening_tasks(env):
    services, _clock, staff = env
    assert season_of(date(2026, 1, 5)) == "winter" and season_of(date(2026, 4, 5)) == "spring"
    task = services.greening.save({"kind": "pest_control", "place": "中心花园", "planned_on": "2026-05-10",
                                   "staff_id": staff})
    with pytest.raises(FieldError) as err:
        services.greening.save({"kind": "pest_control", "place": "中心花园", "planned_on": "2026-05-10",
                                "done_on": "2026-05-11", "version": 1}, task)
    assert "药剂" in err.value.errors["agent"]
    services.greening.save({"kind": "pest_control", "place": "中心花园", "planned_on": "2026-05-10",
                            "done_on": "2026-05-11", "agent": "吡虫啉", "staff_id": staff, "version": 1}, task)
    row = services.greening.list()[0]
    assert (row.season, row.done, row.agent, row.staff_name) == ("spring", True, "吡虫啉", "王阿姨")
    assert services.greening.count({"state": "open"}) == 0 and services.greening.count({"season": "spring"}) == 1


def test_environment_rights(env):
    services, *_ = env
    security = services.as_actor(actor("security"))
    with pytest.raises(PermissionDenied):
        security.garbage.save({"day": "2026-11-01", "kind": "kitchen", "weight_kg": "1"})
    with pytest.raises(PermissionDenied):
        security.cleaning.list()
    cleaner = services.as_actor(actor("environment"))
    cleaner.garbage.save({"day": "2026-11-01", "kind": "kitchen", "weight_kg": "1"})
    assert cleaner.garbage.count() == 1
