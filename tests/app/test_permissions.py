"""The issue's check across areas: a receptionist (role service) cannot export the roster or void a
payment — the services refuse with a clear message — while the manager can; grants are live data."""

import pytest

from app.errors import PermissionDenied


@pytest.fixture
def unit_id(services):
    b = services.archive.create_building("1栋")
    uid = services.archive.save_unit({"building_id": b, "unit_no": "1", "room_no": "101", "area": "90"})
    services.archive.save_member(uid, {"name": "张三", "phone": "13812345678"})
    return uid


def test_receptionist_cannot_export_the_roster(as_role, unit_id, tmp_path):
    clerk = as_role("service")
    with pytest.raises(PermissionDenied, match="客服|service") as refused:
        clerk.roster_export.export(tmp_path / "花名册.xlsx")
    assert "导出业主花名册" in str(refused.value)
    with pytest.raises(PermissionDenied, match="导出业主花名册"):
        clerk.roster_export.export_rows()
    assert not (tmp_path / "花名册.xlsx").exists()
    as_role("manager").roster_export.export(tmp_path / "花名册.xlsx")
    assert (tmp_path / "花名册.xlsx").stat().st_size > 0


def test_receptionist_cannot_void_a_payment(as_role, services, unit_id):
    clerk = as_role("service", user_id=5)
    payment = clerk.payments.pay(unit_id, "100", "cash", payer="张三")  # collecting is allowed
    with pytest.raises(PermissionDenied, match="作废收款"):
        clerk.payments.void(payment.id, "收错了")
    assert not services.payments.get_payment(payment.id).voided
    assert as_role("manager").payments.void(payment.id, "收错了").voided


def test_a_grant_given_by_the_administrator_takes_effect_at_login(services, unit_id, monkeypatch, tmp_path):
    from argon2 import PasswordHasher

    monkeypatch.setattr("app.services.auth._HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    services.auth.create_user("admin", "管理员", "secret1", "admin")
    admin = services.as_actor(services.auth.login("admin", "secret1"))
    admin.users.create_user("kefu", "前台", "secret1", "service")
    clerk = services.as_actor(services.auth.login("kefu", "secret1"))
    with pytest.raises(PermissionDenied):
        clerk.roster_export.export(tmp_path / "a.xlsx")
    admin.users.set_grant("service", "roster.export", True)
    clerk = services.as_actor(services.auth.login("kefu", "secret1"))
    clerk.roster_export.export(tmp_path / "a.xlsx")
    assert (tmp_path / "a.xlsx").exists()


def test_other_areas_changes_are_audited_without_them_calling_anything(as_role, services, unit_id):
    from app.services.audit import AuditFilter

    clerk, manager = as_role("service", user_id=5), as_role("manager", user_id=6)
    payment = clerk.payments.pay(unit_id, "100", "cash", payer="张三")
    manager.payments.void(payment.id, "收错了")
    created = services.audit.search(AuditFilter(entity="payments", action="create"))[0]
    assert created.user_id == 5 and created.entity_id == payment.id
    assert created.changes["amount"] == "100.00" and created.summary == payment.receipt_no
    voided = services.audit.search(AuditFilter(entity="payments", action="update"))[0]
    assert voided.user_id == 6
    assert voided.changes["voided"] == [False, True] and voided.changes["void_reason"] == ["", "收错了"]
    assert "已作废: 否 → 是" in voided.changes_text
