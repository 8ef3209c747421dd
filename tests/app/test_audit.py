"""The audit trail: before → after of every change without the services asking, explicit events,
append-only in the database, the viewer's filters/paging/export and the change counter."""

from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert, text

from app.errors import PermissionDenied
from app.models import Person
from app.services.audit import AuditFilter, log_event

VALID_ID = "11010519491231002X"


@pytest.fixture
def unit_id(services):
    building = services.archive.create_building("3栋", floors=18)
    uid = services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "1502", "area": "100"})
    services.archive.save_member(uid, {"name": "张三", "phone": "13812345678", "id_number": VALID_ID})
    return uid


def person_id(services, unit_id):
    return services.archive.get_unit(unit_id).members[0].person_id


def test_update_records_who_and_before_after_of_changed_fields_only(as_role, services, unit_id):
    pid = person_id(services, unit_id)
    clerk = as_role("service", user_id=7)
    values = clerk.archive.get_person_values(pid, unit_id)
    clerk.archive.save_member(unit_id, {**values, "name": "张三丰", "notes": "新备注"}, person_id=pid)

    rows = services.audit.search(AuditFilter(entity="persons", action="update"))
    assert len(rows) == 1
    row = rows[0]
    assert row.user_id == 7 and row.username == "service"
    assert row.entity_id == pid and row.summary == "张三丰"
    assert row.changes == {"name": ["张三", "张三丰"], "notes": ["", "新备注"]}  # masked phone kept: not a change
    assert "姓名/名称: 张三 → 张三丰" in row.changes_text


def test_create_and_delete_are_recorded(services, db, unit_id):
    created = services.audit.search(AuditFilter(entity="units", action="create"))
    assert created[0].entity_id == unit_id and created[0].changes["room_no"] == "1502"
    with services.ctx.write() as s:
        temp = Person(name="临时", phone="", id_number="", notes="")
        s.add(temp)
        s.flush()
        s.delete(temp)
    actions = [(r.action, r.summary) for r in services.audit.search(AuditFilter(text="临时"))]
    assert ("delete", "临时") in actions and ("create", "临时") in actions


def test_bulk_core_insert_inside_a_service_transaction_gets_a_summary_row(services):
    with services.ctx.write() as s:
        s.execute(insert(Person), [{"name": f"P{i}", "phone": "", "id_number": "", "notes": ""} for i in range(25)])
    rows = services.audit.search(AuditFilter(entity="persons"))
    assert len(rows) == 1 and rows[0].changes["rows"] == 25 and rows[0].action == "create"


def test_search_text_refresh_alone_is_not_noise(services, unit_id):
    before = services.audit.count(AuditFilter(entity="units", action="update"))
    from app.services.archive import refresh_search_text

    with services.ctx.write() as s:
        refresh_search_text(s, [unit_id])
    assert services.audit.count(AuditFilter(entity="units", action="update")) == before


def test_passwords_never_reach_the_log(services):
    services.auth.create_user("admin", "管理员", "secret1", "admin")
    uid = services.users.list_users()[0].id
    services.users.reset_password(uid, "another1")
    for row in services.audit.search(AuditFilter(entity="users")):
        assert "secret1" not in str(row.changes) and "argon2" not in str(row.changes)
    change = services.audit.search(AuditFilter(entity="users", action="update"))[0]
    assert change.changes["password_hash"][0] == "***"


def test_logins_and_failures_are_logged(services):
    services.auth.create_user("admin", "管理员", "secret1", "admin")
    services.auth.login("admin", "secret1")
    with pytest.raises(Exception, match="密码错误"):
        services.auth.login("admin", "wrong")
    with pytest.raises(Exception, match="密码错误"):
        services.auth.login("nobody", "wrong")
    actions = [r.action for r in services.audit.search(AuditFilter(entity="users"), newest_first=False)]
    assert actions[-3:] == ["login", "login_failed", "login_failed"]
    assert services.audit.count(AuditFilter(action="update", entity="users")) == 0  # counters are not noise


def test_reveal_needs_the_permission_and_is_logged(as_role, services, unit_id):
    pid = person_id(services, unit_id)
    with pytest.raises(PermissionDenied, match="逐条显示完整号码"):
        as_role("engineering").archive.reveal(pid, "phone")
    manager = as_role("manager", user_id=3)
    assert manager.archive.reveal(pid, "id_number") == VALID_ID
    row = services.audit.search(AuditFilter(action="reveal"))[0]
    assert (row.user_id, row.entity, row.entity_id) == (3, "persons", pid)
    assert row.summary == "张三 的身份证号" and row.changes == {"field": "id_number"}


def test_log_event_for_exports_and_prints(services):
    with services.ctx.write() as s:
        log_event(s, "export", "roster", {"rows": 120, "file": "花名册.xlsx"}, summary="导出花名册")
    services.audit.record("print", "persons", {"pages": 2}, entity_id=5, summary="缴费通知单")
    rows = services.audit.search(AuditFilter())
    assert [(r.action, r.entity) for r in rows[:2]] == [("print", "persons"), ("export", "roster")]
    assert rows[1].changes == {"rows": 120, "file": "花名册.xlsx"}


def test_the_log_is_append_only_in_the_database(services, db, unit_id):
    engine_error = Exception
    with pytest.raises(engine_error, match="只能追加"), db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET username = 'x'"))
    with pytest.raises(engine_error, match="只能追加"), db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log"))
    assert services.audit.count() > 0
    assert not hasattr(services.audit, "delete") and not hasattr(services.audit, "update")


def test_viewer_filters_pages_and_counts_in_sql(services, as_role, unit_id):
    clerk = as_role("service", user_id=9)
    for i in range(30):
        clerk.archive.create_building(f"{i + 10}栋")
    flt = AuditFilter(user_id=9, entity="buildings")
    assert services.audit.count(flt) == 30
    page1 = services.audit.search(flt, offset=0, limit=20)
    page2 = services.audit.search(flt, offset=20, limit=20)
    assert len(page1) == 20 and len(page2) == 10
    assert page1[0].id > page1[-1].id > page2[0].id  # newest first
    assert services.audit.count(AuditFilter(text="25栋")) == 1
    assert services.audit.count(AuditFilter(text="%")) == 0
    today = date.today()
    assert services.audit.count(AuditFilter(date_from=today, date_to=today, user_id=9)) == 30
    assert services.audit.count(AuditFilter(date_to=today - timedelta(days=1))) == 0
    assert (9, "service") in services.audit.operators()
    assert "buildings" in services.audit.entities()


def test_viewer_masks_personal_data_for_roles_without_full_view(services, as_role, unit_id):
    # the manager may see the log; take away the full-view right to check the masking
    viewer = as_role("manager")
    viewer = viewer.as_actor(viewer.ctx.actor.__class__(
        1, "m", "m", "manager", viewer.ctx.actor.permissions - {"pii.view_full"}))
    row = viewer.audit.search(AuditFilter(entity="persons", action="create"))[0]
    assert row.changes["phone"] == "138****5678" and row.changes["id_number"] == "1101**********002X"
    assert services.audit.search(AuditFilter(entity="persons", action="create"))[0].changes["phone"] == "13812345678"


def test_only_roles_with_audit_view_may_read_it(as_role):
    with pytest.raises(PermissionDenied, match="审计日志"):
        as_role("service").audit.search()


def test_export_xlsx_writes_every_filtered_row_and_logs_itself(services, tmp_path, unit_id):
    n = services.audit.count(AuditFilter())
    path = tmp_path / "audit.xlsx"
    assert services.audit.export_xlsx(AuditFilter(), path, block=2) == n
    sheet = load_workbook(path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("编号", "时间", "操作人", "操作") and len(rows) == n + 1
    assert services.audit.search(AuditFilter(action="export"))[0].entity == "audit_log"


def test_change_counter_moves_on_any_change(services, as_role, unit_id):
    before = services.audit.change_counter()
    assert services.audit.change_counter() == before  # reading changes nothing
    as_role("service").archive.create_building("9栋")
    assert services.audit.change_counter() > before


def test_clock_of_the_context_dates_the_rows(db):
    from app.services import Services
    from app.services.context import SYSTEM, ServiceContext

    when = datetime(2026, 1, 2, 3, 4, 5)
    svc = Services(ServiceContext(db, SYSTEM, clock=lambda: when))
    svc.archive.create_building("1栋")
    assert svc.audit.search()[0].at == when
