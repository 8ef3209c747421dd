"""Work orders: the state machine (legal and illegal moves), deadlines with an injected clock,
gap-free numbering, queries and permissions."""

from __future__ import annotations

import io
import threading
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select

from app.errors import ConflictError, FieldError, NotFound, PermissionDenied, StateError
from app.models import NumberSequence, Staff, State, User, WorkOrder, WorkOrderEvent
from app.services import Services
from app.services.context import SYSTEM, ServiceContext
from app.services.sequences import next_number
from app.services.workorders import Material, WorkOrderFilter
from tests.conftest import actor

T0 = datetime(2026, 11, 28, 9, 0, 0)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = T0):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def svc(db, clock) -> Services:
    return Services(ServiceContext(db, SYSTEM, clock))


@pytest.fixture
def place(svc):
    """A unit with an owner, and staff in the engineering and security teams."""
    building = svc.archive.create_building("3栋", floors=18)
    unit = svc.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "1502", "area": "118.75"})
    owner = svc.archive.save_member(unit, {"name": "张三", "phone": "13812345678"})
    other = svc.archive.save_unit({"building_id": building, "unit_no": "2", "room_no": "801"})
    svc.archive.save_member(other, {"name": "李四", "phone": "13900001111"})
    ids = {
        "unit": unit, "owner": owner, "other_unit": other,
        "li": svc.staff.save_staff({"name": "李师傅", "team": "engineering", "phone": "13700000001"}),
        "wang": svc.staff.save_staff({"name": "王师傅", "team": "engineering"}),
        "guard": svc.staff.save_staff({"name": "赵保安", "team": "security"}),
        "gone": svc.staff.save_staff({"name": "离职员工", "team": "engineering", "active": False}),
    }
    return ids


def repair(place, **extra):
    values = {"kind": "repair", "source": "phone", "category": "water", "priority": "normal",
              "location": "private", "unit_id": place["unit"], "place": "厨房",
              "description": "厨房水槽下水管漏水, 橱柜底板已泡湿"}
    values.update(extra)
    return values


def order_count(db) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count(WorkOrder.id)))


# --- intake ------------------------------------------------------------------------------------------


def test_intake_numbers_classifies_and_takes_the_owner_as_contact(svc, place):
    detail = svc.workorders.intake(repair(place))
    row = detail.row
    assert row.number == "GD202611280001"
    assert (row.state, row.team, row.kind, row.category) == ("received", "engineering", "repair", "water")
    assert (row.contact_name, row.contact_phone) == ("张三", "13812345678")  # system may see the full phone
    assert row.unit_code == "3-1-1502" and detail.unit_label == "3栋1单元1502"
    # Working time of 工程 (08:00–18:00 every day) from Saturday 09:00: 9 + 10 + 10 hours, then Tuesday 1 hour.
    assert row.respond_by == T0 + timedelta(hours=8) and row.due_at == datetime(2026, 12, 1, 9, 0)
    assert [(e.action, e.from_state, e.to_state, e.actor) for e in detail.history] == [
        ("intake", None, "received", "系统")]
    assert set(detail.allowed) == {"dispatch", "cancel", "correct"}  # a normal repair cannot be escalated
    assert svc.workorders.intake(repair(place)).row.number == "GD202611280002"


def test_front_desk_sees_masked_phone_but_the_full_one_is_stored(svc, place, db):
    desk = svc.as_actor(actor("service"))
    detail = desk.workorders.intake(repair(place, contact_phone="138****5678"))
    assert detail.row.contact_phone == "138****5678"
    with db.read_session() as s:
        assert s.get(WorkOrder, detail.row.id).contact_phone == "13812345678"


@pytest.mark.parametrize(("change", "field"), [
    ({"description": "  "}, "description"),
    ({"kind": "报修"}, "kind"),
    ({"category": None}, "category"),
    ({"unit_id": None}, "unit_id"),  # private repair without a unit
    ({"contact_phone": "12345"}, "contact_phone"),
    ({"description": "漏" * 2001}, "description"),
])
def test_bad_intake_names_the_field_and_writes_nothing(svc, place, db, change, field):
    with pytest.raises(FieldError) as exc:
        svc.workorders.intake(repair(place, **change))
    assert field in exc.value.errors
    assert order_count(db) == 0


def test_intake_with_assignee_dispatches_in_the_same_transaction(svc, place):
    detail = svc.workorders.intake(repair(place, assignee_id=place["li"]))
    assert detail.row.state == "dispatched" and detail.row.assignee == "李师傅"
    assert [e.action for e in detail.history] == ["intake", "dispatch"]
    assert detail.history[-1].assignee == "李师傅"


def test_failed_dispatch_at_intake_rolls_back_the_number(svc, place, db):
    with pytest.raises(FieldError):
        svc.workorders.intake(repair(place, assignee_id=place["gone"]))
    assert order_count(db) == 0
    assert svc.workorders.intake(repair(place)).row.number == "GD202611280001"


# --- the whole way through ------------------------------------------------------------------------------


def test_repair_from_intake_to_archive(svc, place, clock):
    wo = svc.workorders
    order = wo.intake(repair(place)).row
    clock.advance(minutes=5)
    d = wo.dispatch(order.id, place["li"], version=order.version)
    assert d.row.state == "dispatched" and d.dispatched_at == clock.now
    d = wo.dispatch(order.id, place["wang"], note="李师傅请假")  # re-dispatch
    assert d.row.assignee == "王师傅" and d.history[-1].action == "redispatch"
    d = wo.chase(order.id, "业主来电催促")
    assert d.row.chase_count == 1 and d.row.state == "dispatched"
    clock.advance(minutes=30)
    d = wo.start(order.id)
    assert d.row.state == "in_progress" and d.row.started_at == clock.now
    d = wo.hold(order.id, "等待配件")
    d = wo.resume(order.id)
    clock.advance(hours=1)
    d = wo.complete(order.id, "更换进水管接头, 通水无渗漏", [
        Material("PPR 直接头", "2", "3.50", "个"), {"name": "生料带", "quantity": "1", "price": "2"},
        {"name": "", "quantity": "", "price": ""},  # a blank line of the form is ignored
    ], labour_fee="30", version=d.row.version)
    assert d.row.state == "completed" and d.row.completed_at == clock.now
    assert [(m.name, m.amount) for m in d.materials] == [("PPR 直接头", Decimal("7.00")), ("生料带", Decimal("2.00"))]
    assert (d.labour_fee, d.material_fee, d.total_fee) == (Decimal("30.00"), Decimal("9.00"), Decimal("39.00"))
    assert wo.count(wo.visit_filter()) == 1
    d = wo.visit(order.id, 5, "师傅很专业")
    assert d.row.satisfaction == 5 and d.visit_comment == "师傅很专业"
    d = wo.archive(order.id)
    assert d.row.state == "archived" and d.allowed == ()
    assert [(e.action, e.from_state, e.to_state) for e in d.history] == [
        ("intake", None, "received"), ("dispatch", "received", "dispatched"),
        ("redispatch", "dispatched", "dispatched"), ("chase", "dispatched", "dispatched"),
        ("start", "dispatched", "in_progress"), ("hold", "in_progress", "on_hold"),
        ("resume", "on_hold", "in_progress"), ("complete", "in_progress", "completed"),
        ("visit", "completed", "visited"), ("archive", "visited", "archived"),
    ]


def test_completion_rules(svc, place):
    wo = svc.workorders
    public = wo.intake(repair(place, location="public", assignee_id=place["li"])).row
    wo.start(public.id)
    with pytest.raises(FieldError) as exc:
        wo.complete(public.id, "", [])
    assert "work_notes" in exc.value.errors
    with pytest.raises(FieldError) as exc:
        wo.complete(public.id, "换灯泡", [{"name": "灯泡", "quantity": "0", "price": "5"}])
    assert exc.value.errors == {"materials.1": "第1行材料(灯泡): 数量应为0.01到99999之间的数字"}
    with pytest.raises(FieldError) as exc:
        wo.complete(public.id, "换灯泡", [{"name": "灯泡", "quantity": "1", "price": "5"},
                                        {"name": "灯", "quantity": "1e9", "price": "5"},
                                        {"name": "线", "quantity": "2", "price": "-1"},
                                        {"name": "", "quantity": "2", "price": "1"}])
    assert sorted(exc.value.errors) == ["materials.2", "materials.3", "materials.4"]
    with pytest.raises(FieldError, match="人工费"):
        wo.complete(public.id, "换灯泡", [], labour_fee="1e12")
    with pytest.raises(FieldError) as exc:
        wo.complete(public.id, "换灯泡", [], labour_fee="20")
    assert "公共部位" in exc.value.errors["labour_fee"]
    assert wo.get(public.id).row.state == "in_progress"  # nothing changed
    d = wo.complete(public.id, "换灯泡", [Material("LED 灯泡", 1, "12")])
    assert d.material_fee == 0 and d.materials[0].amount == Decimal("12.00")  # recorded, not charged


def test_cancel_needs_a_reason_and_only_open_orders_can_be_cancelled(svc, place):
    wo = svc.workorders
    order = wo.intake(repair(place)).row
    with pytest.raises(FieldError):
        wo.cancel(order.id, "   ")
    d = wo.cancel(order.id, "业主自行处理")
    assert d.row.state == "cancelled" and d.cancel_reason == "业主自行处理"
    with pytest.raises(StateError, match="已取消"):
        wo.cancel(order.id, "再取消一次")


def test_visit_score_must_be_one_to_five(svc, place):
    wo = svc.workorders
    order = wo.intake(repair(place, assignee_id=place["li"])).row
    wo.start(order.id)
    wo.complete(order.id, "已修好")
    for bad in (0, 6, "好", None):
        with pytest.raises(FieldError):
            wo.visit(order.id, bad)
    assert wo.visit(order.id, "3").row.satisfaction == 3


def test_complaints_escalate_to_the_manager(svc, place):
    wo = svc.workorders
    noise = wo.intake({"kind": "complaint", "source": "phone", "category": "order", "unit_id": place["unit"],
                       "description": "楼上深夜装修噪音"}).row
    assert noise.team == "security"
    d = wo.escalate(noise.id, "业主情绪激动")
    assert d.row.state == "escalated" and "dispatch" in d.allowed and "complete" in d.allowed
    d = wo.dispatch(noise.id, place["guard"])
    assert d.row.state == "dispatched" and d.row.team == "security"
    plain = wo.intake(repair(place)).row
    with pytest.raises(StateError, match="投诉"):
        wo.escalate(plain.id)


def test_the_team_follows_the_assignee(svc, place):
    order = svc.workorders.intake({"kind": "complaint", "source": "walk_in", "category": "order",
                                   "description": "楼道堆放杂物"}).row
    assert svc.workorders.dispatch(order.id, place["li"]).row.team == "engineering"


def test_stale_version_is_refused(svc, place):
    wo = svc.workorders
    order = wo.intake(repair(place)).row
    wo.dispatch(order.id, place["li"], version=order.version)
    with pytest.raises(ConflictError, match="请重新加载"):
        wo.cancel(order.id, "重复", version=order.version)
    assert wo.get(order.id).row.state == "dispatched"


def test_permissions(svc, place):
    order = svc.workorders.intake(repair(place)).row
    engineer = svc.as_actor(actor("engineering", name="工程"))
    guard = svc.as_actor(actor("security", name="秩序"))
    with pytest.raises(PermissionDenied):
        engineer.workorders.dispatch(order.id, place["li"])
    with pytest.raises(PermissionDenied):
        engineer.workorders.cancel(order.id, "不想修")
    svc.workorders.dispatch(order.id, place["li"])
    with pytest.raises(PermissionDenied, match="工程班组"):
        guard.workorders.start(order.id)
    detail = engineer.workorders.start(order.id)
    assert "complete" in detail.allowed and "cancel" not in detail.allowed
    assert engineer.workorders.get(order.id).row.contact_phone == "138****5678"
    with pytest.raises(PermissionDenied):
        engineer.workorders.slip_data(order.id, full_phone=True)


def linked_user(svc, db, role: str, staff_id: int) -> Services:
    """An operator of ``role`` whose user account is linked to the staff member."""
    if not svc.auth.has_users():
        svc.auth.create_user("admin", "管理员", "secret123", "admin")  # the first user must be an admin
    user_id = svc.auth.create_user(f"u{staff_id}", f"用户{staff_id}", "secret123", role)
    with db.write_session() as s:
        s.get(User, user_id).staff_id = staff_id
    return svc.as_actor(actor(role, user_id=user_id, name=f"用户{staff_id}"))


def test_a_team_member_takes_an_unassigned_order_of_their_team(svc, place, db):
    wo = svc.workorders
    order = wo.intake(repair(place)).row
    noise = wo.intake({"kind": "complaint", "source": "phone", "category": "order", "description": "噪音"}).row
    li = linked_user(svc, db, "engineering", place["li"])
    assert "take" in li.workorders.get(order.id).allowed and "take" not in li.workorders.get(noise.id).allowed
    with pytest.raises(PermissionDenied, match="秩序班组"):
        li.workorders.take(noise.id)
    with pytest.raises(StateError, match="没有关联员工"):
        wo.take(order.id)  # the system operator is nobody's staff
    d = li.workorders.take(order.id)
    assert (d.row.state, d.row.assignee) == ("dispatched", "李师傅")
    assert (d.history[-1].action, d.history[-1].actor) == ("take", f"用户{place['li']}")
    assert li.workorders.my_staff_id() == place["li"]
    assert li.workorders.count(li.workorders.queue_filter("engineering", "mine")) == 1
    with pytest.raises(StateError):
        li.workorders.take(order.id)


def test_unknown_order(svc):
    with pytest.raises(NotFound):
        svc.workorders.start(999)
    with pytest.raises(NotFound, match="GD1"):
        svc.workorders.find("gd1")


# --- deadlines and overdue -----------------------------------------------------------------------------


def test_deadlines_by_category_and_priority_and_custom_rules(svc, place):
    wo = svc.workorders
    stuck = wo.intake(repair(place, category="elevator", priority="urgent", location="public")).row
    assert stuck.respond_by == T0 + timedelta(minutes=15) and stuck.due_at == T0 + timedelta(hours=2)
    wo.set_deadline_rule("water", "normal", 60, 600)
    row = wo.intake(repair(place)).row
    # 600 working minutes: 9 hours to 18:00, the last hour from 08:00 the next morning
    assert row.respond_by == T0 + timedelta(minutes=60) and row.due_at == T0 + timedelta(hours=24)
    with pytest.raises(FieldError):
        wo.set_deadline_rule("water", "normal", 60, 30)
    rules = {(r.category, r.priority): r for r in wo.deadline_rules()}
    assert rules[("water", "normal")].custom and not rules[("", "urgent")].custom


def test_overdue_and_near_deadline_follow_the_clock(svc, place, clock):
    wo = svc.workorders
    order = wo.intake(repair(place, priority="urgent", category="power")).row  # respond 30 min, done in 4 h
    overdue = WorkOrderFilter(overdue=True)
    assert order.deadline_status == "" and wo.count(overdue) == 0
    clock.advance(minutes=25)
    assert wo.get(order.id).row.deadline_status == "near"
    clock.advance(minutes=10)  # not started 35 minutes after the report: response is late
    assert wo.get(order.id).row.deadline_status == "overdue" and wo.count(overdue) == 1
    wo.dispatch(order.id, place["li"])
    wo.start(order.id)
    assert wo.get(order.id).row.deadline_status == "" and wo.count(overdue) == 0
    clock.advance(hours=2)  # 2 h 35 min: due within two hours
    assert wo.get(order.id).row.deadline_status == "near" and wo.count(WorkOrderFilter(due_soon=True)) == 1
    clock.advance(hours=2)
    assert wo.get(order.id).row.deadline_status == "overdue" and wo.list(overdue)[0].id == order.id
    wo.complete(order.id, "已修好")
    assert wo.get(order.id).row.deadline_status == "" and wo.count(overdue) == 0


# --- numbering -----------------------------------------------------------------------------------------


def test_numbers_restart_each_day(svc, place, clock):
    assert svc.workorders.intake(repair(place)).row.number == "GD202611280001"
    clock.advance(days=1)
    assert svc.workorders.intake(repair(place)).row.number == "GD202611290001"
    assert svc.workorders.intake(repair(place)).row.number == "GD202611290002"


def test_next_number_is_generic(db):
    with db.write_session() as s:
        assert next_number(s, "receipt", "SJ", T0, width=5) == "SJ2026112800001"
        assert next_number(s, "receipt", "SJ", T0, width=5) == "SJ2026112800002"
    with pytest.raises(RuntimeError), db.write_session() as s:
        next_number(s, "receipt", "SJ", T0, width=5)
        raise RuntimeError("the save failed after taking a number")
    with db.write_session() as s:
        assert next_number(s, "receipt", "SJ", T0, width=5) == "SJ2026112800003"
        assert s.get(NumberSequence, "receipt:20261128").value == 3


def test_numbers_are_unique_and_gap_free_under_concurrency(db, place):
    """Eight operators register at once on their own connections: numbers 1..N, no gap, no clash."""
    threads, per_thread, errors = 8, 4, []
    services = [Services(ServiceContext(db, SYSTEM, lambda: T0)) for _ in range(threads)]

    def work(s: Services):
        try:
            for _ in range(per_thread):
                s.workorders.intake(repair(place))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(s,)) for s in services]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    with db.read_session() as s:
        numbers = sorted(s.scalars(select(WorkOrder.number)))
    assert numbers == [f"GD20261128{i:04d}" for i in range(1, threads * per_thread + 1)]


# --- queries ---------------------------------------------------------------------------------------------


def test_filters_paging_search_and_queues(svc, place, clock):
    wo = svc.workorders
    ids = []
    for i in range(12):
        clock.advance(minutes=10)
        unit = place["unit"] if i % 2 == 0 else place["other_unit"]
        kind = "complaint" if i % 3 == 0 else "repair"
        ids.append(wo.intake(repair(place, unit_id=unit, kind=kind, priority="urgent" if i == 5 else "normal",
                                    assignee_id=place["li"] if i < 4 else None)).row.id)
    wo.start(ids[0])
    every = WorkOrderFilter()
    assert wo.count(every) == 12
    page = wo.list(every, offset=5, limit=5, sort="reported_at", descending=False)
    assert [r.id for r in page] == ids[5:10]
    assert wo.list(every, limit=1, sort="priority", descending=False)[0].id == ids[5]
    assert wo.count(WorkOrderFilter(kind="complaint")) == 4
    assert wo.count(WorkOrderFilter(states=("dispatched",))) == 3
    assert wo.count(WorkOrderFilter(assignee_id=place["li"])) == 4
    assert wo.count(WorkOrderFilter(team="engineering", unassigned=True)) == 8
    assert wo.count(WorkOrderFilter(date_from=T0.date(), date_to=T0.date())) == 12
    assert wo.count(WorkOrderFilter(date_from=(T0 + timedelta(days=1)).date())) == 0
    for text, expected in [("3-1-1502", 6), ("3栋2单元801", 6), ("李四", 6), ("张", 6), ("GD202611280012", 1),
                           ("gd20261128001", 3), ("13900001111", 6), ("王五", 0), ("%", 0)]:
        assert wo.count(WorkOrderFilter(query=text)) == expected, text
    assert [r.id for r in wo.recent_for_unit(place["unit"], limit=3)] == [ids[10], ids[8], ids[6]]
    assert wo.count(wo.queue_filter("engineering", "mine", staff_id=place["li"])) == 4
    assert wo.count(wo.queue_filter("engineering", "unassigned")) == 8
    assert wo.count(wo.queue_filter("engineering", "team")) == 12
    assert wo.count(wo.queue_filter("security", "team")) == 0
    assert wo.counts_by_state() == {"received": 8, "dispatched": 3, "in_progress": 1}


# --- the state machine, exhaustively -----------------------------------------------------------------------

# Written from DESIGN.md independently of app.services.workorders.MOVES: action → (from states, to state).
OPEN = {"received", "dispatched", "in_progress", "on_hold", "escalated"}
LEGAL = {
    "dispatch": ({"received", "escalated"}, "dispatched"),
    "redispatch": ({"dispatched", "in_progress"}, None),  # the order keeps its state
    "chase": ({"dispatched", "in_progress", "on_hold", "escalated"}, None),
    "start": ({"dispatched"}, "in_progress"),
    "hold": ({"in_progress"}, "on_hold"),
    "resume": ({"on_hold"}, "in_progress"),
    "complete": ({"in_progress", "escalated"}, "completed"),
    "visit": ({"completed"}, "visited"),
    "archive": ({"visited"}, "archived"),
    "cancel": (OPEN, "cancelled"),
    "escalate": ({"received", "dispatched"}, "escalated"),  # complaints and urgent orders only
    "take": ({"received"}, "dispatched"),  # only by a team member linked to staff: never the system
    "correct": (OPEN, None),
    "visit_failed": ({"completed"}, None),
    "desk_close": ({"received"}, "archived"),  # inquiries and suggestions only
}


@pytest.mark.parametrize("kind", ["complaint", "repair"])
def test_transition_table(db, place, kind):
    svc = Services(ServiceContext(db, SYSTEM, Clock()))
    staff = [place["li"], place["wang"]]

    class WorkOrderMachine(RuleBasedStateMachine):
        @initialize()
        def register(self):
            self.detail = svc.workorders.intake(repair(place, kind=kind))
            self.state = "received"
            self.assignee = None
            self.priority = "normal"

        def expect(self, action: str) -> bool:
            sources, _ = LEGAL[action]
            if action == "escalate" and kind != "complaint" or action in ("take", "desk_close"):
                return False
            return self.state in sources

        @rule(action=st.sampled_from(sorted(LEGAL)))
        def move(self, action):
            wo, oid = svc.workorders, self.detail.row.id
            before = len(self.detail.history)
            calls = {
                "dispatch": lambda: wo.dispatch(oid, staff[0] if self.assignee != staff[0] else staff[1], note="换人"),
                "redispatch": lambda: wo.dispatch(oid, staff[0] if self.assignee != staff[0] else staff[1],
                                                  note="换人"),
                "chase": lambda: wo.chase(oid, "催一下"),
                "start": lambda: wo.start(oid), "hold": lambda: wo.hold(oid, "等配件"),
                "resume": lambda: wo.resume(oid), "complete": lambda: wo.complete(oid, "已处理"),
                "visit": lambda: wo.visit(oid, 4), "archive": lambda: wo.archive(oid),
                "cancel": lambda: wo.cancel(oid, "业主取消"), "escalate": lambda: wo.escalate(oid),
                "take": lambda: wo.take(oid),
                "correct": lambda: wo.correct(oid, {"priority": "high" if self.priority == "normal" else "normal"},
                                              "录错了"),
                "visit_failed": lambda: wo.visit(oid, reached=False), "desk_close": lambda: wo.close_at_desk(oid, "答"),
            }
            legal = self.expect(action)
            if action == "dispatch" and self.state in ("dispatched", "in_progress"):
                legal = True  # dispatching an already dispatched order is the re-dispatch
                action = "redispatch"
            if action == "redispatch" and self.state in ("received", "escalated"):
                legal, action = True, "dispatch"  # the same call dispatches for the first time
            if legal:
                self.detail = calls[action]()
                target = LEGAL[action][1] or self.state
                assert self.detail.row.state == target
                last = self.detail.history[-1]
                assert (last.action, last.from_state, last.to_state) == (action, self.state, target)
                assert len(self.detail.history) == before + 1
                self.state = target
                self.assignee = self.detail.row.assignee_id
                self.priority = self.detail.row.priority
            else:
                version = svc.workorders.get(oid).row.version
                with pytest.raises(StateError) as exc:
                    calls[action]()
                assert self.detail.row.number in str(exc.value)
                again = svc.workorders.get(oid)
                assert again.row.version == version and len(again.history) == before

        @invariant()
        def stored_state_matches(self):
            if hasattr(self, "detail"):
                stored = svc.workorders.get(self.detail.row.id)
                assert stored.row.state == self.state
                offered = set(stored.allowed)
                expected = {a for a in LEGAL if self.expect(a)}
                assert offered == expected

    run_state_machine_as_test(WorkOrderMachine, settings=settings(
        max_examples=25, stateful_step_count=14, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
    with db.read_session() as s:
        assert s.scalar(select(func.count(WorkOrderEvent.id))) > 25


def test_staff_table_untouched_by_moves(svc, place, db):
    """Dispatching never edits the staff row (no accidental version bumps on shared rows)."""
    with db.read_session() as s:
        before = s.get(Staff, place["li"]).version
    order = svc.workorders.intake(repair(place, assignee_id=place["li"])).row
    svc.workorders.start(order.id)
    with db.read_session() as s:
        assert s.get(Staff, place["li"]).version == before


def test_every_code_has_its_own_label():
    """Codes of kinds, sources, states, actions… share one label table: no code may mean two things."""
    from app.models import WORKORDER_LABELS, Action, Category, Kind, Location, Priority, Source, State

    codes = [str(c) for enum in (Kind, Source, Location, Category, Priority, State, Action) for c in enum]
    assert len(codes) == len(set(codes)) == len(WORKORDER_LABELS)


def test_masked_phone_from_the_form_means_the_named_persons_stored_phone(svc, place, db):
    desk = svc.as_actor(actor("service"))
    detail = desk.workorders.intake(repair(place, contact_name="张三", contact_phone="138****5678"))
    with db.read_session() as s:
        stored = s.get(WorkOrder, detail.row.id)
        assert (stored.contact_name, stored.contact_phone, stored.person_id) == ("张三", "13812345678", place["owner"])
    tenant = desk.workorders.intake(repair(place, contact_name="王五", contact_phone="13911112222"))
    assert (tenant.row.contact_name, tenant.row.contact_phone) == ("王五", "139****2222")


def test_summary_and_load_for_the_manager(svc, place, clock):
    wo = svc.workorders
    a = wo.intake(repair(place, assignee_id=place["li"], priority="urgent")).row
    wo.intake(repair(place, assignee_id=place["li"]))
    noise = wo.intake({"kind": "complaint", "source": "phone", "category": "order", "description": "噪音"}).row
    wo.escalate(noise.id)
    wo.start(a.id)
    wo.complete(a.id, "修好了")
    wo.visit(a.id, 4)
    clock.advance(hours=9)  # the second repair was never started: its response is overdue
    figures = wo.summary(T0.date())
    assert figures.open_by_team == {"engineering": 1, "security": 1}
    assert figures.overdue_by_team == {"engineering": 1}  # escalated: only its completion deadline counts
    assert (figures.reported, figures.complaints, figures.escalated) == (3, 1, 1)
    assert (figures.visited, figures.average_satisfaction) == (1, Decimal("4.0"))
    assert wo.open_load("engineering") == {place["li"]: 1} and wo.open_load("security") == {}


def test_printing_a_slip_is_audited(svc, place, db):
    from app.models import AuditLog

    order = svc.workorders.intake(repair(place)).row
    assert svc.workorders.slip_pdf(order.id).startswith(b"%PDF")
    with db.read_session() as s:
        log = s.scalars(select(AuditLog).where(AuditLog.action == "print")).one()
    assert log.entity == "workorders" and log.entity_id == order.id and order.number in log.summary


@pytest.mark.slow
def test_demo_orders_are_consistent(db, svc):
    """The demo spread: every state, some overdue, histories that end in the stored state, numbering that
    continues without a clash, and a slip of one page for a real demo order. On the test clock (T0): a real one
    would cross midnight between the demo's numbers and the next intake."""
    import random

    from pypdf import PdfReader

    from app.demo import DemoResult
    from app.demo import property as demo_property
    from app.demo import workorders as demo_workorders

    services = svc
    result = DemoResult()
    rng = random.Random(7)
    demo_property.fill(services, rng, result)
    demo_workorders.fill(services, rng, result)
    assert result.counts["workorders"] == 300
    wo = services.workorders
    assert set(wo.counts_by_state()) == {str(state) for state in State}
    assert 0 < wo.count(WorkOrderFilter(overdue=True)) < 100
    with db.read_session() as s:
        orders = s.scalars(select(WorkOrder)).all()
        events = {}
        for e in s.scalars(select(WorkOrderEvent).order_by(WorkOrderEvent.at, WorkOrderEvent.id)):
            events.setdefault(e.workorder_id, []).append(e)
    for order in orders:
        history = events[order.id]
        assert history[0].action == "intake" and history[-1].to_state == order.state, order.number
        assert all(a.at <= b.at for a, b in zip(history, history[1:], strict=False)), order.number
        assert order.version == len(history)
    numbers = sorted(o.number for o in orders)
    last_today = max(n for n in numbers)
    assert wo.intake({"kind": "inquiry", "source": "phone", "category": "other", "description": "咨询"}
                     ).row.number == last_today[:10] + f"{int(last_today[10:]) + 1:04d}"
    busy = next(o for o in orders if o.material_fee > 0 and o.state == "archived")
    reader = PdfReader(io.BytesIO(wo.slip_pdf(busy.id)))
    assert len(reader.pages) == 1 and busy.number in reader.pages[0].extract_text()
