"""Operators: the first administrator, logging in, and the user list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from sqlalchemy import func, select

from app.errors import FieldError, ServiceError
from app.models import ROLE_LABELS, Role, RolePermission, User
from app.permissions import DEFAULT_ROLE_PERMISSIONS, PERMISSIONS
from app.services.audit import log_event
from app.services.context import Actor, ServiceContext
from app.signin import password_matches
from app.validators import clean_text

if TYPE_CHECKING:
    from app.signin import PasswordCheck

_HASHER = PasswordHasher()
MIN_PASSWORD = 6
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: str
    active: bool


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def permissions_for(role: str) -> frozenset[str]:
    """The shipped default grants of a role (what migration 0004 seeds); tests build actors from it."""
    return DEFAULT_ROLE_PERMISSIONS.get(role, frozenset())


def granted_permissions(s, role: str) -> frozenset[str]:
    """The role's grants as the administrator set them (table ``role_permissions``); admin holds all."""
    if role == Role.ADMIN:
        return frozenset(PERMISSIONS)
    codes = s.scalars(select(RolePermission.permission).where(RolePermission.role == role))
    return frozenset(c for c in codes if c in PERMISSIONS)


def actor_for(user: User, s=None) -> Actor:
    perms = granted_permissions(s, user.role) if s is not None else permissions_for(user.role)
    return Actor(user.id, user.username, user.display_name, user.role, perms)


class AuthService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def has_users(self) -> bool:
        with self.ctx.read() as s:
            return bool(s.scalar(select(func.count(User.id))))

    def create_user(self, username: str, display_name: str, password: str, role: str) -> int:
        """Add an operator. Without any user yet, this creates the first administrator (no permission needed)."""
        first = not self.has_users()
        if not first:
            self.ctx.require("users.manage")
        username = clean_text(username)
        errors = {}
        if not username:
            errors["username"] = "用户名不能为空"
        if len(password) < MIN_PASSWORD:
            errors["password"] = f"密码至少{MIN_PASSWORD}位"
        if role not in ROLE_LABELS:
            errors["role"] = "角色无效"
        if first and role != Role.ADMIN:
            errors["role"] = "第一个用户必须是系统管理员"
        if errors:
            raise FieldError(errors)
        with self.ctx.write() as s:
            if s.scalar(select(User.id).where(User.username == username)):
                raise FieldError({"username": f"用户名“{username}”已存在"})
            user = User(username=username, display_name=clean_text(display_name) or username,
                        password_hash=hash_password(password), role=role)
            s.add(user)
            s.flush()
            return user.id

    def login(self, username: str, password: str, ahead: PasswordCheck | None = None) -> Actor:
        """Check the password; five wrong ones lock the account for 15 minutes. ``ahead``: the same check
        started in the background (app/signin.py), used when it was of the hash read here."""
        now = self.ctx.clock()
        with self.ctx.write() as s:
            # FOR UPDATE: simultaneous logins to one account (PostgreSQL) wait for each other instead of
            # racing on the row's version (StaleDataError); SQLite's BEGIN IMMEDIATE already serialises.
            user = s.scalar(select(User).where(User.username == clean_text(username)).with_for_update())
            failed = self._check(s, user, username, password, now, "login", ahead)
            if not failed:
                user.last_login_at = now
                actor = actor_for(user, s)
        if failed:
            raise ServiceError(failed)
        return actor

    def unlock(self, password: str) -> Actor:
        """The idle-locked window asks the logged-in operator's password again (same lockout rules).

        Returns the operator with fresh grants, so a role change made meanwhile applies at once.
        """
        now = self.ctx.clock()
        actor = self.ctx.actor
        with self.ctx.write() as s:
            user = s.get(User, actor.user_id, with_for_update=True) if actor.user_id is not None else None
            failed = self._check(s, user, actor.username, password, now, "unlock")
            if not failed:
                fresh = actor_for(user, s)
        if failed:
            raise ServiceError(failed)
        return fresh

    def _check(self, s, user: User | None, username: str, password: str, now, kind: str,
               ahead: PasswordCheck | None = None) -> str:
        """Verify and count failures; five wrong ones lock the account. Returns an error message or ""."""
        if user is None or not user.active:
            log_event(s, "login_failed", "users", {"username": clean_text(username)},
                      summary=clean_text(username)[:64])
            return "用户名或密码错误"
        who = Actor(user.id, user.username, user.display_name, user.role)
        if user.locked_until and user.locked_until > now:
            log_event(s, "login_failed", "users", {"reason": "locked"}, entity_id=user.id,
                      summary=user.username, actor=who)
            return f"密码错误次数过多, 账户已锁定至 {user.locked_until:%H:%M}"
        matches = ahead.matches(user.password_hash, password) if ahead is not None else None
        if matches is None:
            matches = password_matches(user.password_hash, password)
        if not matches:
            user.failed_logins += 1
            locked = user.failed_logins >= MAX_FAILED_LOGINS
            if locked:
                user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                user.failed_logins = 0
            log_event(s, "login_failed", "users", {"locked": locked}, entity_id=user.id,
                      summary=user.username, actor=who)
            if locked:
                return f"密码错误次数过多, 账户已锁定 {LOCK_MINUTES} 分钟"
            return "用户名或密码错误"
        user.failed_logins = 0
        user.locked_until = None
        log_event(s, kind, "users", None, entity_id=user.id, summary=user.username, actor=who)
        return ""

    def users(self) -> list[UserRow]:
        self.ctx.require("users.manage")
        with self.ctx.read() as s:
            return [
                UserRow(u.id, u.username, u.display_name, u.role, u.active)
                for u in s.scalars(select(User).order_by(User.id))
            ]

    def logout(self) -> None:
        """Record that the operator left (window closed or 退出登录)."""
        if self.ctx.actor.user_id is None:
            return
        with self.ctx.write() as s:
            log_event(s, "logout", "users", None, entity_id=self.ctx.actor.user_id, summary=self.ctx.actor.username)
