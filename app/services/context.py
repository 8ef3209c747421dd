"""The service context: the open database, who is acting, and the clock — passed to every service."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import event
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import PermissionDenied
from app.models.base import Stamped
from app.permissions import PERMISSIONS
from app.signin import PendingSignIn
from app.validators import mask_id_number, mask_phone


@dataclass(frozen=True)
class Actor:
    """The logged-in operator as services see it."""

    user_id: int | None
    username: str
    display_name: str
    role: str
    permissions: frozenset[str] = field(default_factory=frozenset)


SYSTEM = Actor(user_id=None, username="system", display_name="系统", role="admin",
               permissions=frozenset(PERMISSIONS))


class AccountRevoked(PermissionDenied):
    """The signed-in operator's account was disabled (or removed) since they signed in."""


class ServiceContext:
    # How often a long-lived context (an open window) re-reads its operator's account and grants, so that
    # disabling an account or revoking a right takes effect in open sessions within this many seconds.
    REFRESH_SECONDS = 30.0

    def __init__(self, db: Database, actor: Actor | PendingSignIn = SYSTEM,
                 clock: Callable[[], datetime] = datetime.now):
        self.db = db
        self._actor = actor
        self.clock = clock
        self._checked = time.monotonic()
        self.revoked = False

    @property
    def actor(self) -> Actor:
        if isinstance(self._actor, PendingSignIn):
            self._actor = self._actor.actor()
            self._checked = time.monotonic()
        if self._actor.user_id is not None and time.monotonic() - self._checked >= self.REFRESH_SECONDS:
            self.refresh_actor()
        return self._actor

    def refresh_actor(self) -> Actor:
        """Re-read the operator's account: fresh grants, or ``AccountRevoked`` once it is disabled."""
        from app.services.auth import actor_for

        self._checked = time.monotonic()
        if self._actor.user_id is None:
            return self._actor
        if not self.revoked:
            from app.models import User

            with self.db.read_session() as s:
                user = s.get(User, self._actor.user_id)
                if user is None or not user.active:
                    self.revoked = True
                else:
                    self._actor = actor_for(user, s)
        if self.revoked:
            raise AccountRevoked(f"账户 {self._actor.username} 已被停用, 请重新登录。")
        return self._actor

    def as_actor(self, actor: Actor | PendingSignIn) -> ServiceContext:
        """The same database and clock acting for another operator."""
        return ServiceContext(self.db, actor, self.clock)

    def can(self, permission: str) -> bool:
        return permission in self.actor.permissions

    def show_phone(self, phone: str) -> str:
        """A phone number as this operator may see it: in full with "pii.view_full", else 138****5678."""
        return phone if self.can("pii.view_full") else mask_phone(phone)

    def show_id_number(self, id_number: str) -> str:
        return id_number if self.can("pii.view_full") else mask_id_number(id_number)

    def require(self, permission: str) -> None:
        if not self.can(permission):
            label = PERMISSIONS.get(permission, permission)
            raise PermissionDenied(f"当前用户 {self.actor.display_name} 没有“{label}”的权限。")

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action = one transaction; rows changed in it are stamped with the actor."""
        actor = self.actor  # (re-checked before the transaction opens)
        with self.db.write_session() as session:
            session.info["actor"] = actor
            session.info["now"] = self.clock()
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        actor = self.actor
        with self.db.read_session() as session:
            session.info["actor"] = actor
            yield session


@event.listens_for(Session, "before_flush")
def _stamp_rows(session: Session, _flush_context, _instances) -> None:
    actor: Actor | None = session.info.get("actor")
    if actor is None:
        return
    now = session.info.get("now") or datetime.now()
    for obj in session.new:
        if isinstance(obj, Stamped):
            obj.created_by = actor.user_id
            obj.created_at = obj.created_at or now
    for obj in session.dirty:
        if isinstance(obj, Stamped) and session.is_modified(obj, include_collections=False):
            obj.updated_by = actor.user_id
            obj.updated_at = now


# The audit trail hooks into the same sessions (after_flush: before → after of every Stamped row).
from app.services import audit as _audit  # noqa: E402, F401


class _Within(ServiceContext):
    """A context whose sessions are one already open transaction (see :meth:`ServiceContext.within`)."""

    def __init__(self, outer: ServiceContext, session: Session):
        super().__init__(outer.db, outer._actor, outer.clock)
        self._session = session

    @contextmanager
    def write(self) -> Iterator[Session]:
        yield self._session

    read = write


def within(ctx: ServiceContext, session: Session) -> ServiceContext:
    """``ctx``'s operator and clock over an open transaction: services built on it read (and write) in that
    transaction — a check that must see exactly what the caller is about to commit (月结)."""
    return _Within(ctx, session)
