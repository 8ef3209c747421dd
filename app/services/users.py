"""The administrator's user and permission management (用户与权限): accounts and role → permission grants."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from app.errors import FieldError, NotFound, ServiceError
from app.models import ROLE_LABELS, Role, RolePermission, Staff, User
from app.permissions import DEFAULT_ROLE_PERMISSIONS, PERMISSIONS
from app.services.audit import log_event
from app.services.auth import MIN_PASSWORD, AuthService, granted_permissions, hash_password
from app.services.context import ServiceContext
from app.validators import clean_text


@dataclass(frozen=True)
class AccountRow:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    version: int
    staff_id: int | None = None  # the staff member this account is (dispatch, 我的工单, 接单 use it)
    staff_name: str = ""

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


def seed_role_permissions(conn) -> None:
    """Put the shipped default grants into an empty ``role_permissions`` (tests after TRUNCATE)."""
    conn.execute(delete(RolePermission.__table__))
    conn.execute(
        insert(RolePermission.__table__),
        [{"role": str(r), "permission": p} for r, codes in DEFAULT_ROLE_PERMISSIONS.items() for p in sorted(codes)],
    )


class UserService:
    """Every method needs ``users.manage`` except changing one's own password."""

    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # ---- accounts
    def list_users(self) -> list[AccountRow]:
        self.ctx.require("users.manage")
        with self.ctx.read() as s:
            return [
                AccountRow(u.id, u.username, u.display_name, u.role, u.active, u.locked_until, u.last_login_at,
                           u.version, u.staff_id, staff_name or "")
                for u, staff_name in s.execute(
                    select(User, Staff.name).outerjoin(Staff, Staff.id == User.staff_id).order_by(User.id))
            ]

    def user_id(self, username: str) -> int:
        self.ctx.require("users.manage")
        with self.ctx.read() as s:
            found = s.scalar(select(User.id).where(User.username == clean_text(username)))
        if found is None:
            raise NotFound(f"用户“{username}”不存在")
        return found

    def create_user(self, username: str, display_name: str, password: str, role: str) -> int:
        self.ctx.require("users.manage")
        return AuthService(self.ctx).create_user(username, display_name, password, role)

    def _load(self, s: Session, user_id: int) -> User:
        user = s.get(User, user_id, with_for_update=True)
        if user is None:
            raise NotFound("用户不存在")
        return user

    def _other_active_admins(self, s: Session, user_id: int) -> int:
        return s.scalar(
            select(func.count(User.id)).where(User.role == Role.ADMIN, User.active.is_(True), User.id != user_id)
        ) or 0

    def set_active(self, user_id: int, active: bool) -> None:
        """Disable (or enable again) an account; the last active administrator cannot be disabled."""
        self.ctx.require("users.manage")
        with self.ctx.write() as s:
            user = self._load(s, user_id)
            if not active and user.id == self.ctx.actor.user_id:
                raise ServiceError("不能停用当前登录的账户")
            if not active and user.role == Role.ADMIN and not self._other_active_admins(s, user.id):
                raise ServiceError("至少要保留一个启用的系统管理员")
            user.active = bool(active)

    def change_role(self, user_id: int, role: str) -> None:
        self.ctx.require("users.manage")
        if role not in ROLE_LABELS:
            raise FieldError({"role": "角色无效"})
        with self.ctx.write() as s:
            user = self._load(s, user_id)
            if user.role == Role.ADMIN and role != Role.ADMIN and not self._other_active_admins(s, user.id):
                raise ServiceError("至少要保留一个启用的系统管理员")
            user.role = role

    def update_user(self, user_id: int, display_name: str) -> None:
        self.ctx.require("users.manage")
        name = clean_text(display_name)
        if not name:
            raise FieldError({"display_name": "显示名不能为空"})
        with self.ctx.write() as s:
            self._load(s, user_id).display_name = name

    def reset_password(self, user_id: int, new_password: str) -> None:
        """Set a new password and lift a lockout (the operator forgot it)."""
        self.ctx.require("users.manage")
        if len(new_password) < MIN_PASSWORD:
            raise FieldError({"password": f"密码至少{MIN_PASSWORD}位"})
        with self.ctx.write() as s:
            user = self._load(s, user_id)
            user.password_hash = hash_password(new_password)
            user.failed_logins = 0
            user.locked_until = None

    def link_staff(self, user_id: int, staff_id: int | None) -> None:
        """Say which staff member an account is (None: nobody); one account per staff member."""
        self.ctx.require("users.manage")
        with self.ctx.write() as s:
            user = self._load(s, user_id)
            if staff_id is not None:
                member = s.get(Staff, staff_id)
                if member is None:
                    raise NotFound("员工不存在")
                other = s.scalar(select(User.username).where(User.staff_id == staff_id, User.id != user_id))
                if other:
                    raise FieldError({"staff_id": f"员工 {member.name} 已关联账户 {other}"})
            user.staff_id = staff_id

    def unlock_account(self, user_id: int) -> None:
        self.ctx.require("users.manage")
        with self.ctx.write() as s:
            user = self._load(s, user_id)
            user.failed_logins = 0
            user.locked_until = None
            log_event(s, "update", "users", {"unlocked": True}, entity_id=user.id,
                      summary=f"{user.username} 解除锁定")

    def change_own_password(self, old_password: str, new_password: str) -> None:
        """Any operator may change their own password, knowing the current one."""
        from argon2 import PasswordHasher
        from argon2.exceptions import InvalidHashError, VerificationError

        if len(new_password) < MIN_PASSWORD:
            raise FieldError({"password": f"密码至少{MIN_PASSWORD}位"})
        if self.ctx.actor.user_id is None:
            raise ServiceError("系统账户没有密码")
        with self.ctx.write() as s:
            user = self._load(s, self.ctx.actor.user_id)
            try:
                PasswordHasher().verify(user.password_hash, old_password)
            except (VerificationError, InvalidHashError):
                raise FieldError({"old_password": "原密码不正确"}) from None
            user.password_hash = hash_password(new_password)

    # ---- grants
    def role_grants(self) -> dict[str, frozenset[str]]:
        """role → granted permission codes, for the permission grid (admin: all, not editable)."""
        self.ctx.require("users.manage")
        with self.ctx.read() as s:
            return {role: granted_permissions(s, role) for role in ROLE_LABELS}

    def set_role_grants(self, role: str, permissions: Iterable[str]) -> None:
        """Replace a role's grants; open sessions pick them up within ``ServiceContext.REFRESH_SECONDS``."""
        self.ctx.require("users.manage")
        if role not in ROLE_LABELS:
            raise FieldError({"role": "角色无效"})
        if role == Role.ADMIN:
            raise ServiceError("系统管理员总是拥有全部权限, 不能修改")
        wanted = frozenset(permissions)
        unknown = wanted - set(PERMISSIONS)
        if unknown:
            raise FieldError({"permissions": "未知权限: " + ", ".join(sorted(unknown))})
        with self.ctx.write() as s:
            before = granted_permissions(s, role)
            if before == wanted:
                return
            s.execute(delete(RolePermission).where(RolePermission.role == role))
            if wanted:
                s.execute(insert(RolePermission), [{"role": role, "permission": p} for p in sorted(wanted)])
            log_event(
                s, "permission", "role_permissions",
                {"granted": sorted(wanted - before), "revoked": sorted(before - wanted)},
                summary=f"角色 {ROLE_LABELS[role]}",
            )

    def set_grant(self, role: str, permission: str, granted: bool) -> None:
        """One cell of the grid."""
        current = self.role_grants()[role] if role in ROLE_LABELS else frozenset()
        self.set_role_grants(role, current | {permission} if granted else current - {permission})
