"""Work orders as a service supervisor runs them (issue 13): desk closure, visits not reached and rework,
reassignment and handover, holds that stop the clocks, the service calendar, escalation, corrections,
repeats, export — and one scripted week through all of it, with the dashboard figures checked by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.errors import FieldError, PermissionDenied, StateError
from app.models import AuditLog
from app.services import Services
from app.services.audit import AuditFilter
from app.services.context import SYSTEM, ServiceContext
from app.services.service_calendar import Calendar, TeamHours
from app.services.workorders import WorkOrderFilter
from tests.app.test_workorders import Clock, repair
from tests.conftest import actor

MONDAY = datetime(2026, 11, 30, 9, 0)  # a Monday


@pytest.fixture
def clock():
    return Clock(MONDAY)


@pytest.fixture
def svc(db, clock) -> Services:
    return Services(ServiceContext(db, SYSTEM, clock))


@pytest.fixture
def place(svc):
    """A unit with an owner; 工程 works Monday–Friday 08:30–17:30, 秩序 round the clock."""
    building = svc.archive.create_building("3栋", floors=18)
    unit = svc.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "1502", "area": "118.75"})
    svc.archive.save_member(unit, {"name": "张三", "phone": "13812345678"})
    other = svc.archive.save_unit({"building_id": building, "unit_no": "2", "room_no": "801"})
    svc.service_calendar.set_team_hours("engineering", all_day=False, start="08:30", end="17:30", weekdays="12345")
    return {
        "unit": unit, "other_unit": other,
        "li": svc.staff.save_staff({"name": "李师傅", "team": "engineering"}),
        "wang": svc.staff.save_staff({"name": "王师傅", "team": "engineering"}),
        "chen": svc.staff.save_staff({"name": "陈工", "team": "engineering", "position": "工程主管"}),
        "guard": svc.staff.save_staff({"name": "赵保安", "team": "security"}),
    }


def inquiry(**extra):
    values = {"kind": "inquiry", "source": "phone", "category": "other", "location": "public",
              "description": "问下周停水安排"}
    values.update(extra)
    return values


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """Day 0 is Monday 2026-11-30."""
    return datetime(2026, 11, 30, hour, minute) + timedelta(days=day)


# --- the calendar itself ----------------------------------------------------------------------------------


def test_calendar_counts_working_minutes_and_skips_nights_weekends_and_holidays():
    office = TeamHours("engineering", False, 8 * 60 + 30, 17 * 60 + 30, "12345")
    cal = Calendar({"engineering": office}, {date(2026, 12, 2): False, date(2026, 12, 5): True})
    # Friday 17:00 + 60 working minutes: 30 on Friday, then Monday 08:30 + 30 (the weekend does not count)
    assert cal.add("engineering", "normal", datetime(2026, 11, 27, 17, 0), 60) == at(0, 9)
    # a report in the evening starts counting the next morning
    assert cal.add("engineering", "normal", at(0, 18), 60) == at(1, 9, 30)
    # Wednesday 12-02 is a holiday; Saturday 12-05 a day worked instead (调休)
    assert cal.add("engineering", "normal", at(1, 17), 60) == at(3, 9)
    assert cal.add("engineering", "normal", datetime(2026, 12, 4, 17, 0), 120) == datetime(2026, 12, 5, 10, 0)
    assert cal.between("engineering", "normal", datetime(2026, 11, 27, 17, 0), at(0, 9)) == 60
    assert cal.between("engineering", "normal", at(0, 9), datetime(2026, 11, 27, 17, 0)) == -60
    # urgent orders and 24-hour teams run on the plain clock
    assert cal.add("engineering", "urgent", at(0, 18), 30) == at(0, 18, 30)
    assert cal.add("security", "normal", at(0, 23), 120) == at(1, 1)


def test_calendar_rules_are_checked_and_need_the_settings_right(svc, as_role):
    cal = svc.service_calendar
    with pytest.raises(FieldError) as exc:
        cal.set_team_hours("engineering", all_day=False, start="18:00", end="08:00")
    assert "end" in exc.value.errors
    with pytest.raises(FieldError) as exc:
        cal.set_team_hours("engineering", all_day=False, start="8点", weekdays="")
    assert set(exc.value.errors) == {"start", "weekdays"}
    with pytest.raises(FieldError):
        cal.set_escalation_margins(120, 60)
    with pytest.raises(PermissionDenied):
        as_role("service").service_calendar.set_holiday(date(2027, 1, 1), "元旦")
    cal.set_holiday(date(2027, 1, 1), "元旦")
    cal.set_escalation_margins(30, 120)
    assert [h.name for h in cal.holidays()] == ["元旦"] and cal.escalation_margins() == (30, 120)
    audit = svc.audit.search(AuditFilter(entity="settings"))
    assert {r.summary for r in audit} >= {"workorder.escalate_supervisor_minutes", "workorder.escalate_manager_minutes"}
    assert next(h for h in cal.team_hours() if h.team == "security").all_day  # 秩序: 24 hours by default


# --- the bends, one by one --------------------------------------------------------------------------------


def test_inquiry_closed_at_the_desk_in_one_step(svc, place):
    wo = svc.workorders
    closed = wo.intake(inquiry(answer="下周二 9:00–12:00 停水, 已告知"))
    assert closed.row.state == "archived" and closed.work_notes.startswith("下周二")
    assert [e.action for e in closed.history] == ["intake", "desk_close"]
    waiting = wo.intake(inquiry(kind="suggestion", description="建议增加充电桩", answer="已记录, 转物业经理", visit=True))
    assert waiting.row.state == "completed"  # waits for the return visit
    assert wo.visit(waiting.row.id, 5).row.state == "visited"
    with pytest.raises(FieldError) as exc:  # a repair cannot be closed at the desk; nothing is written
        wo.intake(repair(place, answer="已答复"))
    assert "answer" in exc.value.errors and wo.count() == 2
    with pytest.raises(FieldError):
        wo.intake(inquiry(answer="  "))
    later = wo.intake(inquiry()).row
    assert "desk_close" in wo.get(later.id).allowed
    assert wo.close_at_desk(later.id, "已电话答复").row.state == "archived"
    order = wo.intake(repair(place)).row
    with pytest.raises(StateError):
        wo.close_at_desk(order.id, "答复")


def test_dissatisfied_visits_reopen_twice_then_go_to_the_manager(svc, place, clock):
    wo = svc.workorders
    order = wo.intake(repair(place, assignee_id=place["li"])).row
    for round_ in (1, 2):
        wo.start(order.id)
        clock.advance(hours=1)
        wo.complete(order.id, "更换密封圈")
        detail = wo.visit(order.id, 2, "还在漏")
        assert (detail.row.state, detail.row.assignee, detail.row.rework_count) == ("dispatched", "李师傅", round_)
        assert detail.row.number == order.number and detail.row.started_at is None
        assert detail.history[-1].action == "rework" and detail.history[-2].action == "visit"
        assert detail.row.due_at > clock.now  # the clock starts again at the reopening
    wo.start(order.id)
    wo.complete(order.id, "换了整段管子")
    third = wo.visit(order.id, 1, "还是漏")
    assert third.row.state == "visited" and third.row.escalation_level == 2  # no third rework: the manager's
    assert wo.count(WorkOrderFilter(with_manager=True)) == 0  # visited: no longer open
    assert [e.action for e in third.history].count("rework") == 2


def test_unreachable_visit_counts_attempts_and_plans_the_next(svc, place, clock):
    wo = svc.workorders
    order = wo.intake(repair(place, assignee_id=place["li"])).row
    wo.start(order.id)
    wo.complete(order.id, "已修好")
    first = wo.visit(order.id, reached=False)
    assert (first.row.state, first.visit_attempts, first.next_visit_at) == ("completed", 1, clock.now + timedelta(days=1))
    with pytest.raises(FieldError) as exc:
        wo.visit(order.id, reached=False, next_attempt=clock.now - timedelta(hours=1))
    assert "next_attempt" in exc.value.errors
    second = wo.visit(order.id, reached=False, next_attempt=at(1, 19), comment="关机")
    assert second.visit_attempts == 2 and second.history[-1].note.startswith("第2次回访未联系上")
    assert wo.visit(order.id, 4).row.state == "visited"


def test_reassign_mid_work_needs_a_reason_and_handover_moves_everything(svc, place):
    wo = svc.workorders
    order = wo.intake(repair(place, assignee_id=place["li"])).row
    wo.start(order.id)
    with pytest.raises(FieldError) as exc:
        wo.dispatch(order.id, place["wang"])
    assert "note" in exc.value.errors
    moved = wo.reassign(order.id, place["wang"], "李师傅请假")
    assert (moved.row.state, moved.row.assignee) == ("in_progress", "王师傅")
    assert moved.history[-1].action == "redispatch" and "李师傅请假" in moved.history[-1].note
    others = [wo.intake(repair(place, assignee_id=place["wang"], description=f"第{i}处")).row for i in range(3)]
    wo.start(others[0].id)
    wo.hold(others[0].id, "等配件")
    done = wo.intake(repair(place, assignee_id=place["wang"])).row
    wo.cancel(done.id, "业主取消")
    assert wo.handover(place["wang"], place["li"], "王师傅离职") == 4
    assert {r.assignee for r in wo.list(WorkOrderFilter(states=("dispatched", "in_progress", "on_hold")))} == {"李师傅"}
    assert wo.get(others[0].id).row.state == "on_hold"  # states are kept
    assert wo.get(done.id).row.assignee == "王师傅"  # closed orders keep their history
    with pytest.raises(FieldError):
        wo.handover(place["wang"], place["li"], "")


def test_hold_over_a_weekend_stops_the_clock(svc, place, clock):
    wo = svc.workorders
    clock.now = at(4, 16, 0)  # Friday 16:00
    order = wo.intake(repair(place, assignee_id=place["li"])).row
    wo.start(order.id)
    clock.now = at(4, 16, 30)
    before = wo.get(order.id)
    with pytest.raises(FieldError) as exc:
        wo.hold(order.id, "等配件", until=date(2026, 12, 1))
    assert "until" in exc.value.errors
    held = wo.hold(order.id, "等配件", until=date(2026, 12, 7))
    assert held.hold_until == date(2026, 12, 7) and "预计 2026-12-07 恢复" in held.history[-1].note
    clock.now = at(10, 12)  # the next Thursday: long past the old due time, but on hold
    assert wo.get(order.id).row.deadline_status == "" and wo.count(WorkOrderFilter(overdue=True)) == 0
    assert wo.get(order.id).remaining_minutes == before.remaining_minutes  # frozen
    clock.now = at(7, 9, 0)  # resumed on Monday 09:00
    resumed = wo.resume(order.id)
    # paused: Friday 16:30–17:30 and Monday 08:30–09:00 = 90 working minutes
    assert resumed.row.due_at == svc.service_calendar.calendar().add("engineering", "normal", before.row.due_at, 90)
    assert resumed.remaining_minutes == before.remaining_minutes
    assert "挂起计时 1小时30分" in resumed.history[-1].note


def test_correcting_category_priority_unit_and_part(svc, place):
    wo = svc.workorders
    order = wo.intake(repair(place, location="public", unit_id=None)).row
    with pytest.raises(FieldError) as exc:
        wo.correct(order.id, {"priority": "normal"}, "")
    assert "reason" in exc.value.errors
    with pytest.raises(FieldError) as exc:
        wo.correct(order.id, {"location": "private"}, "是户内")
    assert "unit_id" in exc.value.errors
    fixed = wo.correct(order.id, {"category": "cleaning", "priority": "urgent", "location": "private",
                                  "unit_id": place["unit"]}, "登记时选错")
    assert (fixed.row.category, fixed.row.priority, fixed.row.team) == ("cleaning", "urgent", "environment")
    assert fixed.row.respond_by == MONDAY + timedelta(minutes=30)  # recomputed from the report: urgent
    note = fixed.history[-1].note
    assert fixed.history[-1].action == "correct" and "类别 给排水 → 保洁" in note and "3-1-1502" in note
    assert note.endswith("原因: 登记时选错")
    with pytest.raises(FieldError):
        wo.correct(order.id, {"priority": "urgent"}, "无变化")


def test_repeat_reports_within_thirty_days_are_flagged_and_linked(svc, place, clock):
    wo = svc.workorders
    first = wo.intake(repair(place)).row
    clock.advance(days=10)
    second = wo.intake(repair(place)).row
    assert second.repeat_of_id == first.id
    detail = wo.get(second.id)
    assert detail.repeat_of == first.number and f"前单 {first.number}" in detail.history[0].note
    assert wo.get(first.id).repeats == (second.number,)
    assert wo.intake(repair(place, category="power")).row.repeat_of_id is None  # another category
    assert wo.intake(repair(place, unit_id=place["other_unit"])).row.repeat_of_id is None
    clock.advance(days=31)
    assert wo.intake(repair(place, category="power")).row.repeat_of_id is None  # more than 30 days
    assert wo.count(WorkOrderFilter(repeat=True)) == 1


def test_export_is_formula_safe_and_logged(svc, place, db, tmp_path):
    wo = svc.workorders
    wo.intake(repair(place, description="=HYPERLINK(\"http://x\",\"点我\")"))
    wo.intake(repair(place, contact_name="@SUM(A1)", category="power"))
    path = tmp_path / "工单.xlsx"
    assert wo.export_xlsx(WorkOrderFilter(), path, block=1) == 2
    sheet = load_workbook(path).active
    rows = list(sheet.values)
    assert rows[0][0] == "工单编号" and len(rows) == 3
    texts = [c for r in rows[1:] for c in r if isinstance(c, str)]
    assert "'=HYPERLINK(\"http://x\",\"点我\")" in texts and "'@SUM(A1)" in texts
    assert not any(c.data_type == "f" for r in sheet.iter_rows() for c in r)
    with db.read_session() as s:
        assert s.scalar(select(AuditLog.summary).where(AuditLog.action == "export")) == "导出工单 2 条"
    with pytest.raises(Exception, match="xlsx"):
        wo.export_xlsx(WorkOrderFilter(), tmp_path / "a.csv")


def test_escalation_needs_the_manage_right(db, clock, place):
    svc = Services(ServiceContext(db, actor("engineering"), clock))
    with pytest.raises(PermissionDenied):
        svc.workorders.escalate_overdue()


# --- a week -----------------------------------------------------------------------------------------------


def test_a_week_of_work_orders(svc, place, clock):
    """Monday to the next Monday, as the 客服主管 would run it; the dashboard figures are counted by hand."""
    wo = svc.workorders
    # Monday 09:00: two inquiries answered on the phone and closed at the desk
    wo.intake(inquiry(answer="物业费可以微信缴纳"))
    wo.intake(inquiry(kind="suggestion", description="建议夜间关闭喷泉", answer="已转环境组", visit=True))
    # Monday 09:30: a leak, dispatched to 李师傅, fixed by 11:00 — the owner cannot be reached at 14:00
    clock.now = at(0, 9, 30)
    leak = wo.intake(repair(place, assignee_id=place["li"])).row
    clock.now = at(0, 10)
    wo.start(leak.id)
    clock.now = at(0, 11)
    wo.complete(leak.id, "更换密封圈")
    clock.now = at(0, 14)
    assert wo.visit(leak.id, reached=False, next_attempt=at(1, 10)).visit_attempts == 1
    # Monday 18:00 — after hours: a normal repair is answered from Tuesday morning, not at 02:00
    clock.now = at(0, 18)
    evening = wo.intake(repair(place, category="power", unit_id=place["other_unit"], description="客厅插座没电")).row
    assert evening.respond_by == at(1, 16, 30)  # 8 working hours from Tuesday 08:30
    assert evening.due_at == at(4, 11, 30)  # 30 working hours: Tue, Wed, Thu 9 h each, then 3 h on Friday
    burst = wo.intake(repair(place, priority="urgent", location="public", unit_id=None, description="水管爆裂")).row
    assert burst.respond_by == at(0, 18, 20)  # emergencies run on the 24-hour clock (water: 20 minutes)
    wo.cancel(burst.id, "秩序已关阀, 转明日普通维修")
    # Tuesday 09:00: a 较急 repair, due in 10 working hours (Wednesday 10:00), finished an hour late
    clock.now = at(1, 9)
    late = wo.intake(repair(place, category="lighting", priority="high", location="public", unit_id=None,
                            description="楼道灯不亮", assignee_id=place["chen"])).row
    assert late.due_at == at(2, 10)
    wo.start(late.id)
    # Tuesday 10:00: the owner is reached — "还在漏": back to 李师傅 as rework, same number and history
    clock.now = at(1, 10)
    rework = wo.visit(leak.id, 2, "还在漏")
    assert (rework.row.state, rework.row.number, rework.row.rework_count) == ("dispatched", leak.number, 1)
    # 李师傅 starts, then goes on leave mid-work: reassigned to 王师傅 with the reason
    clock.now = at(1, 10, 30)
    wo.start(leak.id)
    clock.now = at(1, 11)
    assert wo.reassign(leak.id, place["wang"], "李师傅请假").row.state == "in_progress"
    clock.now = at(1, 15)
    wo.complete(leak.id, "更换整段水管")
    clock.now = at(2, 10)
    assert wo.visit(leak.id, 5, "不漏了").row.state == "visited"
    # the evening repair is never started: the escalation chain runs on the timer
    clock.now = at(1, 17)  # 30 minutes late: within the margin
    assert wo.escalate_overdue() == []
    clock.now = at(2, 9)  # late 16:30–17:30 and 08:30–09:00: 90 working minutes ≥ 60 → the supervisor
    steps = wo.escalate_overdue()
    assert [(s.number, s.level) for s in steps] == [(evening.number, 1)] and "陈工" in steps[0].note
    assert wo.escalate_overdue() == []  # logged once
    clock.now = at(2, 11)
    wo.complete(late.id, "更换灯管")
    clock.now = at(2, 12)  # 60 + 210 = 270 minutes ≥ 240 → the manager
    assert [(s.number, s.level) for s in wo.escalate_overdue()] == [(evening.number, 2)]
    assert [r.id for r in wo.list(WorkOrderFilter(with_manager=True))] == [evening.id]
    daily = wo.escalations(date(2026, 12, 2))
    assert [(r.number, r.level) for r in daily] == [(evening.number, 1), (evening.number, 2)]
    assert [e.action for e in wo.get(evening.id).history][-2:] == ["auto_escalate", "auto_escalate"]
    wo.dispatch(evening.id, place["li"])  # the manager dispatches it now
    wo.start(evening.id)
    clock.now = at(2, 15)
    wo.complete(evening.id, "更换插座")  # Wednesday 15:00: before its Friday due time
    clock.now = at(3, 10)
    wo.visit(evening.id, 4)
    # Friday 16:00: a tap needs a part over the weekend; the hold keeps it from going overdue
    clock.now = at(4, 16)
    tap = wo.intake(repair(place, category="water", description="阳台龙头坏", assignee_id=place["li"])).row
    wo.start(tap.id)
    clock.now = at(4, 16, 30)
    wo.hold(tap.id, "等配件", until=date(2026, 12, 7))
    clock.now = at(7, 8, 0)  # Monday morning: no escalation of a held order
    assert wo.escalate_overdue() == [] and wo.get(tap.id).row.deadline_status == ""
    clock.now = at(7, 9)
    wo.resume(tap.id)
    clock.now = at(7, 10)
    wo.complete(tap.id, "已换龙头")

    # The dashboard, by hand. Completed (and not reopened) since Monday: 工程 — the leak (Tue 15:00, due 30
    # working hours after its reopening Tue 10:00), the stair light (Wed 11:00, due Wed 10:00: late), the
    # evening repair (Wed 15:00, due Fri 11:30), the tap (Mon 10:00, due days later) = 4, 3 on time = 75%.
    # 客服 — the two desk closures = 2, on time. Visited: 工程 the leak (one order, visited twice) and the
    # evening repair = 2, of which the leak was reopened = 50%. 客服: the suggestion was not visited yet.
    figures = wo.summary(date(2026, 11, 30))
    engineering, service = figures.rates_of("engineering"), figures.rates_of("service")
    assert (engineering.completed, engineering.on_time, engineering.visited, engineering.reworked) == (4, 3, 2, 1)
    assert engineering.on_time_rate == Decimal("75.0") and engineering.rework_rate == Decimal("50.0")
    assert (service.completed, service.on_time, service.visited, service.reworked) == (2, 2, 0, 0)
    total = figures.rates_of(None)
    assert (total.completed, total.on_time, total.on_time_rate) == (6, 5, Decimal("83.3"))
    assert figures.escalated == 0  # the evening repair was escalated, then done


def test_escalate_command_for_a_scheduled_task(db, capsys, cli_user):
    from app.cli import main

    now = datetime.now().replace(second=0, microsecond=0)
    past = Services(ServiceContext(db, SYSTEM, Clock(now - timedelta(days=5))))
    building = past.archive.create_building("1栋", floors=6)
    unit = past.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "101"})
    order = past.workorders.intake(repair({"unit": unit})).row  # five days ago, never dispatched
    prefix = cli_user(past)
    assert main(["--database", db.url, *prefix, "workorder", "escalate"]) == 0
    out = capsys.readouterr().out
    assert out.count(order.number) == 2 and "升级至经理" in out and "本次升级 2 步" in out
    assert main(["--database", db.url, *prefix, "workorder", "escalate"]) == 0
    assert "本次升级 0 步" in capsys.readouterr().out
    assert main(["--database", db.url, *prefix, "workorder", "escalations"]) == 0
    assert "共升级 2 步" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--database", db.url, *prefix, "workorder", "escalations", "--date", "11/30"])


def test_every_logged_move_is_one_row_version(svc, place, clock):
    """Rework after a visit and a two-step escalation log two events each: the version follows the history."""
    wo = svc.workorders
    order = wo.intake(repair(place, assignee_id=place["li"])).row
    wo.start(order.id)
    wo.complete(order.id, "修好")
    wo.visit(order.id, 1)
    late = wo.intake(repair(place, unit_id=place["other_unit"])).row
    clock.advance(days=7)
    wo.escalate_overdue()
    for oid in (order.id, late.id):
        detail = wo.get(oid)
        assert detail.row.version == len(detail.history)
