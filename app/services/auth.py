"""Operators: the first administrator, logging in, and the user list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from app.errors import FieldError, ServiceError
from app.models import ROLE_LABELS, Role, User
from app.permissions import DEFAULT_ROLE_PERMISSIONS
from app.services.context import Actor, ServiceContext
from app.validators import clean_text

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
    return DEFAULT_ROLE_PERMISSIONS.get(role, frozenset())


def actor_for(user: User) -> Actor:
    return Actor(user.id, user.username, user.display_name, user.role, permissions_for(user.role))


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

    def login(self, username: str, password: str) -> Actor:
        """Check the password; five wrong ones lock the account for 15 minutes."""
        now = self.ctx.clock()
        with self.ctx.write() as s:
            user = s.scalar(select(User).where(User.username == clean_text(username)))
            if user is None or not user.active:
                raise ServiceError("用户名或密码错误")
            if user.locked_until and user.locked_until > now:
                raise ServiceError(f"密码错误次数过多, 账户已锁定至 {user.locked_until:%H:%M}")
            try:
                _HASHER.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                user.failed_logins += 1
                if user.failed_logins >= MAX_FAILED_LOGINS:
                    user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                    user.failed_logins = 0
                failed = True
            else:
                failed = False
                user.failed_logins = 0
                user.locked_until = None
                user.last_login_at = now
                actor = actor_for(user)
        if failed:
            raise ServiceError("用户名或密码错误")
        return actor

    def users(self) -> list[UserRow]:
        with self.ctx.read() as s:
            return [
                UserRow(u.id, u.username, u.display_name, u.role, u.active)
                for u in s.scalars(select(User).order_by(User.id))
            ]
