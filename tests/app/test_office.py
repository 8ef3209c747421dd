"""A real office from day one: property settings, staff and positions, user ↔ staff, revocation in open
sessions, documents taking their header from the settings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.errors import FieldError, PermissionDenied, ServiceError
from app.models import Role, Unit, User
from app.services import Services
from app.services.context import AccountRevoked, ServiceContext
from tests.conftest import actor

PROFILE = {"name": "碧水苑", "address": "杭州市滨江区江南大道1号", "phone": "0571-86001234",
           "company": "杭州安居物业服务有限公司", "bank_name": "工商银行滨江支行", "bank_account": "6222 0212 3456 7890 123"}


def test_profile_round_trip_and_checks(services):
    assert services.property.profile().name == "" and services.property.property_name() == "未命名小区"
    assert not services.property.is_set_up()
    saved = services.property.save_profile(PROFILE)
    assert saved.bank_account == "6222 0212 3456 7890 123" and services.property.profile() == saved
    assert services.property.property_name() == "碧水苑" and services.property.is_set_up()
    assert "开户行 工商银行滨江支行" in saved.bank_line and "杭州安居物业" in saved.bank_line
    with pytest.raises(FieldError) as bad:
        services.property.save_profile({**PROFILE, "name": " ", "phone": "12", "bank_account": "abc"})
    assert set(bad.value.errors) == {"name", "phone", "bank_account"}
    assert services.property.profile() == saved  # nothing half-saved


def test_profile_needs_settings_manage(as_role):
    with pytest.raises(PermissionDenied):
        as_role(Role.SERVICE).property.save_profile(PROFILE)
    as_role(Role.MANAGER).property.save_profile(PROFILE)


def test_fee_notice_and_receipt_take_the_settings(services):
    from tests.fees_setup import add_items, build_property

    services.property.save_profile(PROFILE)
    ids = build_property(services)
    add_items(services)
    services.billing.run("2026-11")
    notice = services.fee_reports.notices("2026-11", [ids["a"]])[0]
    assert notice.property_name == "碧水苑" and notice.property_phone == "0571-86001234"
    assert "6222 0212 3456 7890 123" in notice.payment_methods
    payment = services.payments.pay(ids["a"], "10", "cash")
    assert services.payments.receipt(payment.id).property_name == "碧水苑"


def test_staff_add_edit_deactivate_and_vacancies(services):
    staff = services.staff
    staff.save_position("engineering", "维修技工", 3)
    staff.save_position("security", "门岗", 2)
    li = staff.save_staff({"name": "李师傅", "team": "engineering", "position": "维修技工", "phone": "13700000001",
                           "hired_on": "2024-03-01"})
    staff.save_staff({"name": "王师傅", "team": "engineering", "position": "维修技工",
                      "company": "杭州电梯维保公司"})
    vacancies = {(p.team, p.name): p.vacant for p in staff.positions()}
    assert vacancies == {("engineering", "维修技工"): 1, ("security", "门岗"): 2}
    row = staff.get(li)
    assert str(row.hired_on) == "2024-03-01" and not row.outsourced
    staff.save_staff({"name": "李建国", "team": "engineering", "position": "维修技工", "phone": "13700000001"},
                     li, version=row.version)
    with pytest.raises(ServiceError, match="已被他人修改"):
        staff.save_staff({"name": "李", "team": "engineering"}, li, version=row.version)
    staff.set_active(li, False)
    assert {p.name: p.vacant for p in staff.positions()}["维修技工"] == 2
    assert [r.name for r in staff.list_staff("engineering")] == ["王师傅"]
    assert {r.name for r in staff.list_staff(active_only=False)} == {"李建国", "王师傅"}
    with pytest.raises(FieldError) as bad:
        staff.save_staff({"name": "", "team": "x", "phone": "123", "hired_on": "2024-02-30"})
    assert set(bad.value.errors) == {"name", "team", "phone", "hired_on"}
    with pytest.raises(FieldError, match="已有岗位"):
        staff.save_position("engineering", "维修技工", 1)


def test_user_is_linked_to_staff_and_my_queue_uses_it(services):
    tech = services.staff.save_staff({"name": "李师傅", "team": "engineering"})
    services.auth.create_user("admin", "管理员", "secret123", Role.ADMIN)
    uid = services.users.create_user("li", "李师傅", "secret123", Role.ENGINEERING)
    services.users.link_staff(uid, tech)
    other = services.users.create_user("li2", "李二", "secret123", Role.ENGINEERING)
    with pytest.raises(FieldError, match="已关联账户 li"):
        services.users.link_staff(other, tech)
    li = services.as_actor(services.auth.login("li", "secret123"))
    assert li.workorders.my_staff_id() == tech
    assert {r.username: r.staff_name for r in services.users.list_users()}["li"] == "李师傅"
    assert [r.username for r in services.staff.list_staff("engineering")] == ["li"]
    services.users.link_staff(uid, None)
    assert li.workorders.my_staff_id() is None


def test_disabling_an_account_or_revoking_a_right_reaches_open_sessions(services, monkeypatch):
    services.auth.create_user("admin", "管理员", "secret123", Role.ADMIN)
    services.users.create_user("kefu", "客服小王", "secret123", Role.SERVICE)
    desk = services.as_actor(services.auth.login("kefu", "secret123"))
    assert desk.ctx.can("fees.collect")
    services.users.set_role_grants(Role.SERVICE, services.users.role_grants()[Role.SERVICE] - {"fees.collect"})
    assert desk.ctx.can("fees.collect")  # not yet re-checked …
    monkeypatch.setattr(ServiceContext, "REFRESH_SECONDS", 0.0)  # … the open window re-checks within a minute
    assert not desk.ctx.can("fees.collect")
    with desk.ctx.db.read_session() as s:
        kefu = s.scalar(select(User.id).where(User.username == "kefu"))
    services.users.set_active(kefu, False)
    with pytest.raises(AccountRevoked, match="已被停用"):
        desk.archive.create_building("9栋")
    assert "9栋" not in [b.name for b in services.archive.buildings()]


def test_an_operator_without_a_user_row_is_left_alone(db):
    """Contexts of the system (no user id) never re-check."""
    ctx = ServiceContext(db, actor(Role.SERVICE))
    ctx.REFRESH_SECONDS = 0.0
    assert ctx.can("fees.collect")
    assert Services(ctx).property.property_name() == "未命名小区"


# ---- the first-start set-up
from app.services.setup import USUAL_FEE_ITEMS, SetupPlan, check_pattern  # noqa: E402

PATTERN = {"buildings": "2", "name_pattern": "{n}号楼", "units_per_building": "2", "floors": "3",
           "doors_per_floor": "2", "areas": "89.5, 120"}


def plan(**changes) -> SetupPlan:
    base = dict(profile=PROFILE, admin={"username": "boss", "display_name": "王经理", "password": "secret123"},
                pattern=PATTERN, fee_items=USUAL_FEE_ITEMS[:3],
                staff=[{"name": "王经理", "team": "manager", "position": "项目经理"},
                       {"name": "李师傅", "team": "engineering", "position": "维修技工", "phone": "13700000001"}],
                admin_staff=0)
    base.update(changes)
    return SetupPlan(**base)


def test_pattern_makes_buildings_and_units(services):
    pattern = check_pattern(PATTERN)
    assert pattern.unit_count == 2 * 2 * 3 * 2 and pattern.building_names() == ["1号楼", "2号楼"]
    assert services.setup.generate_units(pattern) == 24
    assert [b.name for b in services.archive.buildings()] == ["1号楼", "2号楼"]
    found = services.archive.search_units("1号楼2单元302")
    assert len(found) == 1 and found[0].area == Decimal("120.00")
    with pytest.raises(FieldError, match="楼栋已存在"):
        services.setup.generate_units(pattern)
    with pytest.raises(FieldError) as bad:
        check_pattern({**PATTERN, "buildings": "x", "name_pattern": "A栋", "areas": "0"})
    assert set(bad.value.errors) == {"buildings", "name_pattern", "areas"}


def test_complete_sets_up_an_office_as_its_administrator(services):
    admin = services.setup.complete(plan())
    assert admin.username == "boss" and admin.role == Role.ADMIN
    assert services.property.profile().name == "碧水苑"
    assert len(services.archive.buildings()) == 2
    assert [i.name for i in services.billing.items()][:3] == ["物业服务费", "停车费", "垃圾清运费"]
    assert {r.name: r.username for r in services.staff.list_staff()} == {"王经理": "boss", "李师傅": ""}
    with services.ctx.read() as s:
        creators = set(s.scalars(select(Unit.created_by)))
    assert creators == {admin.user_id}  # the audit trail names the administrator from the first row
    with pytest.raises(ServiceError, match="已有用户"):
        services.setup.complete(plan())


def test_complete_checks_every_step_before_writing(services):
    bad = plan(profile={**PROFILE, "name": ""}, staff=[{"name": "", "team": "engineering"}])
    problems = services.setup.check(bad)
    assert set(problems) == {"profile", "staff"} and "0.name" in problems["staff"].errors
    with pytest.raises(FieldError):
        services.setup.complete(bad)
    assert not services.auth.has_users() and services.archive.buildings() == []


def test_roster_instead_of_a_pattern_makes_no_units(services):
    services.setup.complete(plan(pattern=None, fee_items=(), staff=[], admin_staff=None))
    assert services.archive.buildings() == [] and services.auth.has_users()


def test_a_new_office_dispatches_to_staff_it_added(services):
    """Checked by: on a fresh database, staff added (wizard + 员工) and dispatched to; 我的工单 shows it."""
    boss = services.as_actor(services.setup.complete(plan()))
    tech = boss.staff.save_staff({"name": "赵师傅", "team": "engineering", "position": "维修技工"})
    uid = boss.users.create_user("zhao", "赵师傅", "secret123", Role.ENGINEERING)
    boss.users.link_staff(uid, tech)
    unit = boss.archive.search_units("1号楼1单元101")[0].id
    order = boss.workorders.intake({"kind": "repair", "source": "phone", "category": "water", "priority": "normal",
                                    "location": "private", "unit_id": unit, "place": "厨房",
                                    "description": "厨房水槽漏水", "assignee_id": tech})
    assert order.row.assignee == "赵师傅"
    zhao = services.as_actor(services.auth.login("zhao", "secret123"))
    mine = zhao.workorders.queue_filter("engineering", "mine")
    assert [r.number for r in zhao.workorders.list(mine)] == [order.row.number]
