"""The 秩序 registers: visitors, vehicles and temporary parking, patrols, duty log and handover, incidents,
outages, violations, keys and parcels, training — services on both engines, with an injected clock."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.errors import FieldError, PermissionDenied, StateError
from app.models import AuditLog, Role, Visitor
from app.services import Services
from app.services.context import SYSTEM, ServiceContext
from app.services.patrols import CheckpointResult
from app.services.register_base import links_of_order
from app.services.training import parse_attendees
from app.services.vehicles import ParkingRule
from tests.app.test_workorders import Clock
from tests.conftest import actor

T0 = datetime(2026, 11, 30, 9, 0, 0)
ID_NUMBER = "11010519491231002X"


@pytest.fixture
def clock():
    return Clock(T0)


@pytest.fixture
def svc(db, clock) -> Services:
    return Services(ServiceContext(db, SYSTEM, clock))


@pytest.fixture
def place(svc):
    building = svc.archive.create_building("3栋", floors=18)
    other_building = svc.archive.create_building("5栋", floors=18)
    unit = svc.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "1502", "area": "118.75"})
    owner = svc.archive.save_member(unit, {"name": "张三", "phone": "13812345678"})
    svc.archive.add_vehicle(unit, "粤B12345", owner)
    other = svc.archive.save_unit({"building_id": other_building, "unit_no": "1", "room_no": "801"})
    return {"building": building, "other_building": other_building, "unit": unit, "other_unit": other,
            "guard": svc.staff.save_staff({"name": "赵保安", "team": "security"})}


def guard(svc: Services, user_id: int = 7, name: str = "门岗甲") -> Services:
    return svc.as_actor(actor(Role.SECURITY, user_id, name))


# ---- visitors
def test_visitor_in_and_out_masked_and_frequent(svc, place, clock):
    desk = guard(svc)
    vid = desk.visitors.check_in({"name": "王五", "id_number": ID_NUMBER, "phone": "13900001111",
                                  "unit": "3-1-1502", "purpose": "探亲", "plate": "粤a 88888", "companions": "2"})
    row = desk.visitors.get(vid)
    assert row.pass_no == "FK20261130001" and row.unit == "3-1-1502" and row.plate == "粤A88888"
    assert row.id_number == "1101**********002X" and row.phone == "139****1111"  # security may not see in full
    assert [r.id for r in desk.visitors.list(inside_only=True)] == [vid]
    clock.advance(minutes=40)
    out = desk.visitors.check_out(vid)
    assert out.left_at == clock.now and desk.visitors.count(inside_only=True) == 0
    with pytest.raises(StateError, match="已于"):
        desk.visitors.check_out(vid)
    # the frequent visitor comes again: the form is filled from the last visit, masked values kept as stored
    [known] = desk.visitors.frequent("王五")
    assert known.visits == 1 and known.phone == "139****1111"
    again = desk.visitors.check_in({"name": known.name, "phone": known.phone, "id_number": "1101**********002X",
                                    "unit": known.unit}, like_visitor_id=known.last_id)
    with svc.db.read_session() as s:
        stored = s.get(Visitor, again)
        assert (stored.phone, stored.id_number) == ("13900001111", ID_NUMBER)
    assert desk.visitors.frequent("139")[0].visits == 2


@pytest.mark.parametrize("values, field", [
    ({"name": "", "unit": "3-1-1502"}, "name"),
    ({"name": "王五", "unit": ""}, "unit"),
    ({"name": "王五", "unit": "9-9-999"}, "unit"),
    ({"name": "王五", "place": "会所", "id_number": "123"}, "id_number"),
    ({"name": "王五", "place": "会所", "phone": "12"}, "phone"),
    ({"name": "王五", "place": "会所", "companions": "abc"}, "companions"),
])
def test_bad_visitor_names_the_field_and_writes_nothing(svc, place, values, field):
    with pytest.raises(FieldError) as err:
        guard(svc).visitors.check_in(values)
    assert field in err.value.errors
    assert svc.visitors.count() == 0


def test_visitor_pass_pdf_is_logged(svc, place):
    vid = svc.visitors.check_in({"name": "王五", "place": "物业办公室"})
    for size in ("A6", "A5"):
        assert svc.visitors.pass_pdf(vid, size).startswith(b"%PDF")
    with svc.db.read_session() as s:
        assert s.scalar(select(func.count()).where(AuditLog.action == "print", AuditLog.entity == "visitors")) == 2


# ---- vehicles
@pytest.mark.parametrize("minutes, fee", [(0, "0.00"), (30, "0.00"), (31, "5.00"), (60, "5.00"), (61, "10.00"),
                                          (8 * 60, "40.00"), (24 * 60, "40.00"), (24 * 60 + 30, "45.00"),
                                          (48 * 60 + 600, "120.00")])
def test_parking_rule(minutes, fee):
    assert ParkingRule(30, Decimal("5"), Decimal("40"), 24).fee(minutes) == Decimal(fee)


def test_owner_car_is_recognised_and_parks_free(svc, place, clock):
    desk = guard(svc)
    entry = desk.vehicles.enter("粤b·12345")
    assert entry.owner == "3-1-1502 张三" and not entry.temporary
    with pytest.raises(StateError, match="尚未出场"):
        desk.vehicles.enter("粤B12345")
    clock.advance(hours=5)
    out = desk.vehicles.leave(entry.id)
    assert out.fee == Decimal("0.00") and out.receipt_no == ""


def test_temporary_car_pays_on_exit_with_a_gap_free_receipt(svc, place, clock):
    desk = guard(svc)
    svc.vehicles.set_rule("15", "3", "30", "12")
    entry = desk.vehicles.enter("粤C99999")
    assert entry.temporary
    clock.advance(hours=2, minutes=10)
    quote = desk.vehicles.find_inside("粤C99999")
    assert quote.fee == Decimal("9.00") and quote.minutes == 130
    clock.advance(minutes=55)  # the guard waited: a stale quote takes nothing
    with pytest.raises(StateError, match="已变为 12.00"):
        desk.vehicles.leave(entry.id, "cash", expected_fee=quote.fee)
    out = desk.vehicles.leave(entry.id, "wechat", expected_fee="12.00")
    assert out.fee == Decimal("12.00") and out.receipt_no == "TC202611300001"
    # the counter's own book stays gap-free over its payments (fees check)
    assert svc.payments.pay(place["unit"], "100", "cash").receipt_no == "SJ202611300001"
    second = desk.vehicles.enter("粤C99999")
    clock.advance(hours=1)
    assert desk.vehicles.leave(second.id, "cash").receipt_no == "TC202611300002"
    data = desk.vehicles.receipt(entry.id)
    assert data.amount == Decimal("12.00") and data.lines[0].item_name == "临时停车费"
    assert desk.vehicles.receipt_pdf(entry.id).startswith(b"%PDF")


def test_parking_fee_needs_the_right_to_collect(svc, place, clock):
    viewer = svc.as_actor(actor(Role.SECURITY, 9).__class__(9, "x", "x", "security", frozenset({"order.desk"})))
    entry = viewer.vehicles.enter("粤C99999")
    clock.advance(hours=3)
    with pytest.raises(PermissionDenied):
        viewer.vehicles.leave(entry.id)
    assert viewer.vehicles.get(entry.id).left_at is None


def test_overstaying_and_occupancy(svc, place, clock):
    desk = guard(svc)
    desk.vehicles.enter("粤C11111")
    clock.advance(hours=25)
    desk.vehicles.enter("粤C22222")
    desk.vehicles.enter("粤B12345")
    assert [r.plate for r in desk.vehicles.list(overstaying_only=True)] == ["粤C11111"]
    occ = desk.vehicles.occupancy()
    assert (occ.owners_inside, occ.temporary_inside, occ.overstaying) == (1, 2, 1)
    with pytest.raises(FieldError, match="plate"):
        desk.vehicles.enter("ABC")


# ---- duty log and handover
def test_handover_is_acknowledged_by_the_next_shift(svc, place, clock):
    day, night = guard(svc, 7, "白班"), guard(svc, 8, "夜班")
    day.duty_log.add_entry("monitor", "09:30 3栋电梯监控画面中断, 已报工程")
    hid = day.duty_log.hand_over("monitor", "3栋电梯监控未恢复\n访客王五未离开")
    assert day.duty_log.pending() == []  # not shown to the one who wrote it
    with pytest.raises(FieldError):
        day.duty_log.acknowledge(hid)
    [waiting] = night.duty_log.pending()
    assert waiting.id == hid and "监控未恢复" in waiting.text
    clock.advance(hours=12)
    done = night.duty_log.acknowledge(hid)
    assert done.acknowledged_by == "夜班" and done.acknowledged_at == clock.now
    assert night.duty_log.pending() == []
    assert svc.as_actor(actor(Role.SERVICE, 3)).duty_log.pending() == []  # no right: nothing shown, no error
    with pytest.raises(FieldError):
        day.duty_log.add_entry("monitor", "  ")


# ---- incidents
def test_fire_alarm_incident_from_its_plan(svc, place, clock):
    plan = svc.incidents.save_plan({"kind": "fire", "title": "火警处置预案", "steps": "确认火情\n启动广播\n疏散",
                                    "call_tree": "主管→经理→119"})
    desk = guard(svc)
    iid = desk.incidents.open(plan, {"place": "3栋12楼", "summary": "烟感报警"})
    clock.advance(minutes=3)
    desk.incidents.add_step(iid, "到场确认为厨房油烟, 非火情")
    desk.incidents.escalate(iid, "已告知经理")
    with pytest.raises(StateError):
        desk.incidents.escalate(iid)
    assert [r.id for r in svc.incidents.list(state="escalated")] == [iid]
    with pytest.raises(FieldError):
        desk.incidents.close(iid, {"outcome": ""})
    desk.incidents.close(iid, {"people": "赵保安, 钱主管", "outcome": "误报, 已复位", "follow_up": "提醒住户"})
    detail = desk.incidents.get(iid)
    assert detail.row.number == "AQ20261130001" and detail.plan_steps[0] == "确认火情"
    assert [st.text for st in detail.steps][0].startswith("接报/启动预案") and detail.steps[-1].text == "结案"
    with pytest.raises(StateError, match="已结案"):
        desk.incidents.add_step(iid, "x")
    assert desk.incidents.report_pdf(iid).startswith(b"%PDF")
    drill = desk.incidents.open(plan, {"place": "小区广场", "drill": True})
    assert desk.incidents.get(drill).row.number.startswith("YL") and desk.incidents.count(drill=True) == 1


# ---- outages
def test_outage_reaches_units_of_its_buildings_until_it_ends(svc, place, clock):
    svc.outages.save({"kind": "water_cut", "building_ids": [place["building"]], "starts_at": "2026-11-30 10:00",
                      "ends_at": "2026-11-30 14:00", "notice": "管道维修"})
    [hit] = svc.outages.affecting(place["unit"])
    assert hit.headline == "已知停水: 3栋 11-30 10:00–14:00"
    assert svc.outages.affecting(place["other_unit"]) == []
    svc.outages.save({"kind": "power_cut", "building_ids": [], "starts_at": "2026-11-30 20:00",
                      "ends_at": "2026-11-30 21:00"})
    assert len(svc.outages.affecting(place["other_unit"])) == 1  # the whole property
    clock.advance(hours=6)
    assert [o.kind for o in svc.outages.affecting(place["unit"])] == ["power_cut"]
    with pytest.raises(FieldError, match="ends_at"):
        svc.outages.save({"kind": "gas_cut", "starts_at": "12:00", "ends_at": "11:00"})
    with pytest.raises(PermissionDenied):
        svc.as_actor(actor(Role.ENVIRONMENT, 4)).outages.save({"kind": "gas_cut"})


# ---- patrols
def test_patrol_with_a_missed_checkpoint_and_an_anomaly_opening_a_work_order(svc, place, clock):
    route = svc.patrols.save_route({"name": "夜间外围", "window_start": "22:00", "window_end": "02:00",
                                    "checkpoints": "北门\n地库入口\n3栋消防通道"})
    points = [cp for cp, _ in svc.patrols.routes()[0].checkpoints]
    desk = guard(svc)
    with pytest.raises(FieldError):
        desk.patrols.record_round(route, place["guard"], [CheckpointResult(points[0])])
    rid = desk.patrols.record_round(route, place["guard"], [
        CheckpointResult(points[0]), CheckpointResult(points[1], reached=False),
        CheckpointResult(points[2], anomaly="消防通道堆放纸箱", open_workorder=True)], started_at="23:10")
    [row] = desk.patrols.list_rounds(missed_only=True)
    assert (row.missed, row.anomalies, row.checkpoints, row.in_window) == (1, 1, 3, True)
    visits = desk.patrols.visits(rid)
    assert [v.reached for v in visits] == [True, False, True]
    order = svc.workorders.get(visits[2].workorder_id)
    assert order.row.team == "security" and "消防通道堆放纸箱" in order.row.description
    with svc.db.read_session() as s:
        assert links_of_order(s, order.row.id) == [("patrol_visits", visits[2].id)]
    with pytest.raises(StateError):
        desk.patrols.open_workorder(rid, points[2])
    [line] = desk.patrols.missed_report(date(2026, 11, 30), date(2026, 12, 6))
    assert (line.guard, line.week, line.rounds, line.checkpoints, line.missed) == ("赵保安", date(2026, 11, 30), 1, 3, 1)


# ---- violations
def test_violation_taken_to_its_written_notice(svc, place, clock):
    desk = guard(svc)
    vid = desk.violations.open({"kind": "fire_lane", "place": "3栋消防通道", "description": "电动车停放堵塞通道",
                                "deadline": "2026-12-01"})
    with pytest.raises(StateError, match="尚未进入"):
        desk.violations.notice_pdf(vid)
    with pytest.raises(StateError):
        desk.violations.advance(vid, "report")
    desk.violations.advance(vid, "notice", "已送达书面通知", deadline="2026-12-03")
    assert desk.violations.notice_pdf(vid).startswith(b"%PDF")
    assert desk.violations.counts_by_stage()["notice"] == 1
    clock.advance(days=5)
    row = desk.violations.list("notice")[0]
    assert row.overdue and row.deadline == date(2026, 12, 3)
    desk.violations.advance(vid, "recheck", "未整改")
    desk.violations.advance(vid, "report", "上报城管")
    desk.violations.advance(vid, "closed", "已清理")
    _row, actions = desk.violations.get(vid)
    assert [a.stage for a in actions] == ["dissuade", "notice", "recheck", "report", "closed"]
    assert desk.violations.count("open") == 0


# ---- keys and parcels
def test_keys_and_parcels(svc, place):
    desk = guard(svc)
    loan = desk.keys_parcels.lend_key({"key_name": "配电房", "borrower": "李师傅"})
    with pytest.raises(StateError, match="尚未归还"):
        desk.keys_parcels.lend_key({"key_name": "配电房", "borrower": "王师傅"})
    with pytest.raises(FieldError):
        desk.keys_parcels.return_key(loan, "")
    desk.keys_parcels.return_key(loan, "李师傅")
    assert desk.keys_parcels.count_keys(out_only=True) == 0
    pid = desk.keys_parcels.receive_parcel({"recipient": "张三", "unit": "3-1-1502", "carrier": "顺丰"})
    desk.keys_parcels.notify_parcel(pid)
    assert desk.keys_parcels.list_parcels(waiting_only=True)[0].status == "notified"
    desk.keys_parcels.pick_up_parcel(pid, "张三")
    assert desk.keys_parcels.count_parcels(waiting_only=True) == 0
    with pytest.raises(StateError):
        desk.keys_parcels.pick_up_parcel(pid, "张三")


# ---- training
def test_training_records_are_shared_by_every_team(svc, place):
    assert parse_attendees("张三 95\n李 四\n王五 88.5") == [("张三", Decimal("95.00")), ("李 四", None),
                                                            ("王五", Decimal("88.50"))]
    with pytest.raises(ValueError, match="第1行"):
        parse_attendees("张三 120")
    eng = svc.as_actor(actor(Role.ENGINEERING, 5))
    eng.training.save({"team": "engineering", "held_on": "2026-11-20", "topic": "电梯困人救援",
                       "attendees": "李师傅 90\n王师傅 80"})
    guard(svc).training.save({"team": "security", "held_on": "2026-11-21", "topic": "消防器材使用",
                              "attendees": "赵保安 85"})
    [row] = eng.training.list("engineering")
    assert (row.people, row.average) == (2, Decimal("85.00"))
    assert svc.training.count() == 2
    with pytest.raises(FieldError) as err:
        eng.training.save({"team": "engineering", "held_on": "", "topic": "", "attendees": "甲 101"})
    assert set(err.value.errors) == {"held_on", "topic", "attendees"}
    with pytest.raises(PermissionDenied):
        svc.as_actor(actor(Role.SERVICE, 6)).training.list()


def test_permissions_of_the_order_registers(svc, place):
    service = svc.as_actor(actor(Role.SERVICE, 3))
    for call in (lambda: service.visitors.list(), lambda: service.vehicles.enter("粤C1"),
                 lambda: service.patrols.routes(), lambda: service.incidents.plans()):
        with pytest.raises(PermissionDenied):
            call()
    assert service.outages.affecting(place["unit"]) == []  # the intake reads outages
