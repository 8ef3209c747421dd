"""Use cases. ``Services`` is the composition root's bag of them, all bound to one context (actor)."""

from __future__ import annotations

from functools import cached_property

from app.db import Database
from app.services.context import SYSTEM, Actor, ServiceContext


class Services:
    """Every service, created on first use and bound to the same database and operator."""

    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    @classmethod
    def open(cls, db: Database, actor: Actor = SYSTEM) -> Services:
        return cls(ServiceContext(db, actor))

    def as_actor(self, actor: Actor) -> Services:
        return Services(self.ctx.as_actor(actor))

    @property
    def db(self) -> Database:
        return self.ctx.db

    @cached_property
    def archive(self):
        from app.services.archive import ArchiveService

        return ArchiveService(self.ctx)

    @cached_property
    def auth(self):
        from app.services.auth import AuthService

        return AuthService(self.ctx)

    @cached_property
    def staff(self):
        from app.services.staff import StaffService

        return StaffService(self.ctx)

    @cached_property
    def property(self):
        from app.services.property import PropertyService

        return PropertyService(self.ctx)
