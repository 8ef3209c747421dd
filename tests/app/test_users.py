"""Users and permissions: grants come from the role_permissions table the administrator edits,
accounts can be added, disabled, reset and unlocked, and every service refuses without the right."""

from datetime import datetime, timedelta

import pytest

from app.errors import FieldError, PermissionDenied, ServiceError
from app.permissions import DEFAULT_ROLE_PERMISSIONS, PERMISSIONS
from app.services import Services
from app.services.archive import UnitFilter
from app.services.context import Actor, ServiceContext


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    """argon2 at its production cost takes ~0.2 s a hash; the rules under test do not depend on it."""
    from argon2 import PasswordHasher

    monkeypatch.setattr("app.services.auth._HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def admin(services):
    services.auth.create_user("admin", "管理员", "secret1", "admin")
    return services.as_actor(services.auth.login("admin", "secret1"))


def test_migration_seeds_the_default_grants(admin):
    grants = admin.users.role_grants()
    assert grants["service"] == DEFAULT_ROLE_PERMISSIONS["service"]
    assert grants["admin"] == frozenset(PERMISSIONS)
    assert "roster.export" not in grants["service"] and "fees.void" not in grants["service"]


def test_login_takes_permissions_from_the_table(admin, services):
    admin.users.create_user("kefu", "前台小王", "secret1", "service")
    assert "pii.view_full" not in services.auth.login("kefu", "secret1").permissions
    admin.users.set_grant("service", "pii.view_full", True)
    actor = services.auth.login("kefu", "secret1")
    assert "pii.view_full" in actor.permissions
    admin.users.set_role_grants("service", {"archive.view"})
    assert services.auth.login("kefu", "secret1").permissions == frozenset({"archive.view"})


def test_grant_changes_are_audited_and_validated(admin):
    admin.users.set_grant("security", "fees.collect", True)
    row = admin.audit.search()[0]
    assert row.action == "permission" and row.changes == {"granted": ["fees.collect"], "revoked": []}
    with pytest.raises(FieldError, match="未知权限"):
        admin.users.set_role_grants("security", {"no.such"})
    with pytest.raises(ServiceError, match="全部权限"):
        admin.users.set_role_grants("admin", set())


def test_only_users_manage_may_manage(admin, as_role):
    manager = as_role("manager")
    with pytest.raises(PermissionDenied, match="管理用户和权限"):
        manager.users.list_users()
    with pytest.raises(PermissionDenied):
        manager.users.set_grant("service", "fees.void", True)
    with pytest.raises(PermissionDenied):
        manager.users.create_user("x", "x", "secret1", "service")
    with pytest.raises(PermissionDenied):
        manager.auth.create_user("x", "x", "secret1", "admin")


def test_disable_reset_and_role_change(admin, services):
    uid = admin.users.create_user("kefu", "前台小王", "secret1", "service")
    admin.users.set_active(uid, False)
    with pytest.raises(ServiceError, match="用户名或密码错误"):
        services.auth.login("kefu", "secret1")
    admin.users.set_active(uid, True)
    admin.users.reset_password(uid, "newpass1")
    with pytest.raises(ServiceError):
        services.auth.login("kefu", "secret1")
    assert services.auth.login("kefu", "newpass1").role == "service"
    admin.users.change_role(uid, "manager")
    assert services.auth.login("kefu", "newpass1").role == "manager"
    with pytest.raises(FieldError, match="密码至少"):
        admin.users.reset_password(uid, "123")


def test_the_last_administrator_stays(admin):
    me = admin.ctx.actor.user_id
    with pytest.raises(ServiceError, match="当前登录"):
        admin.users.set_active(me, False)
    with pytest.raises(ServiceError, match="至少要保留"):
        admin.users.change_role(me, "manager")
    other = admin.users.create_user("admin2", "管理员2", "secret1", "admin")
    admin.users.set_active(other, False)  # another admin may go; I remain


def test_lockout_then_reset_by_admin_lifts_it(admin, services):
    uid = admin.users.create_user("kefu", "前台小王", "secret1", "service")
    for _ in range(5):
        with pytest.raises(ServiceError):
            services.auth.login("kefu", "wrong")
    with pytest.raises(ServiceError, match="锁定"):
        services.auth.login("kefu", "secret1")
    assert admin.users.list_users()[1].locked_until is not None
    admin.users.unlock_account(uid)
    assert services.auth.login("kefu", "secret1").username == "kefu"


def test_lock_expires_with_the_clock(db, admin):
    admin.users.create_user("kefu", "前台小王", "secret1", "service")
    now = [datetime(2026, 11, 28, 9, 0)]
    svc = Services(ServiceContext(db, clock=lambda: now[0]))
    for _ in range(5):
        with pytest.raises(ServiceError):
            svc.auth.login("kefu", "wrong")
    now[0] += timedelta(minutes=16)
    assert svc.auth.login("kefu", "secret1").username == "kefu"


def test_idle_unlock_checks_the_operators_password_and_refreshes_grants(admin, services):
    admin.users.create_user("kefu", "前台小王", "secret1", "service")
    clerk = services.as_actor(services.auth.login("kefu", "secret1"))
    with pytest.raises(ServiceError, match="密码错误"):
        clerk.auth.unlock("wrong")
    admin.users.set_grant("service", "pii.view_full", True)
    fresh = clerk.auth.unlock("secret1")
    assert fresh.user_id == clerk.ctx.actor.user_id and "pii.view_full" in fresh.permissions
    assert admin.audit.search()[0].action == "unlock"


def test_change_own_password(admin, services):
    admin.users.create_user("kefu", "前台小王", "secret1", "service")
    clerk = services.as_actor(services.auth.login("kefu", "secret1"))
    with pytest.raises(FieldError, match="原密码"):
        clerk.users.change_own_password("bad", "newpass1")
    clerk.users.change_own_password("secret1", "newpass1")
    assert services.auth.login("kefu", "newpass1")


NOBODY = Actor(99, "nobody", "无权限", "environment", frozenset())


@pytest.mark.parametrize("call", [
    lambda s: s.archive.buildings(),
    lambda s: s.archive.count_units(UnitFilter()),
    lambda s: s.archive.list_units(UnitFilter()),
    lambda s: s.archive.get_unit(1),
    lambda s: s.archive.get_unit_values(1),
    lambda s: s.archive.get_person_values(1),
    lambda s: s.archive.create_building("x"),
    lambda s: s.archive.save_unit({}),
    lambda s: s.archive.save_member(1, {}),
    lambda s: s.archive.add_vehicle(1, "浙A12345"),
    lambda s: s.archive.reveal(1, "phone"),
    lambda s: s.staff.list_staff(),
    lambda s: s.staff.save_staff({}),
    lambda s: s.property.set_setting("a", "b"),
    lambda s: s.property.figures(),
    lambda s: s.auth.users(),
    lambda s: s.users.list_users(),
    lambda s: s.users.role_grants(),
    lambda s: s.users.reset_password(1, "secret1"),
    lambda s: s.users.set_active(1, False),
    lambda s: s.users.change_role(1, "admin"),
    lambda s: s.audit.search(),
    lambda s: s.audit.count(),
    lambda s: s.audit.export_xlsx(None, "x.xlsx"),
    lambda s: s.backup.create(),
    lambda s: s.backup.restore("x.db"),
    lambda s: s.backup.list(),
])
def test_every_service_refuses_an_operator_without_the_permission(services, call):
    with pytest.raises(PermissionDenied, match="没有"):
        call(services.as_actor(NOBODY))


def test_logout_is_recorded(admin, services):
    admin.users.create_user("kefu", "前台小王", "secret1", "service")
    clerk = services.as_actor(services.auth.login("kefu", "secret1"))
    clerk.auth.logout()
    row = admin.audit.search()[0]
    assert (row.action, row.username, row.summary) == ("logout", "前台小王", "kefu")
