"""Signing a command line in on SQLite with the standard library: no SQLAlchemy, models or services (issue 18).

A read-only command that a user runs again and again (``propdesk workorder list --query …``) spent 0.3 s of
its 0.45 s importing SQLAlchemy, declaring the models and building the services before it read 50 rows. On
the usual run — an SQLite file at this program's revision, ``--user`` naming an active account in good
standing (not locked, no failed attempts pending) that holds the command's permission — ``sign_in`` reads
the account and its grants with ``sqlite3`` and checks the password in a background thread while the command
reads; ``QuickSignIn.finish`` then records the login exactly as ``AuthService.login`` does on success (the
account's last login, its version, one "login" row in the audit log; tests/app/test_cli_quick.py compares
the two databases). Anything else gets None **before anything is written** and takes the usual path, which
gives every refusal and records every failure: no ``--user``, a wrong password, a locked account, a user
without the right, another revision, PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from app.permissions import PERMISSIONS
from app.roles import Role

if TYPE_CHECKING:
    from app.signin import PasswordCheck


def sql_datetime(value: datetime) -> str:
    """A datetime as SQLAlchemy stores and binds it on SQLite (so text comparisons agree)."""
    return f"{value:%Y-%m-%d %H:%M:%S}.{value.microsecond:06d}"


def granted(conn: sqlite3.Connection, role: str) -> frozenset[str]:
    """``app.services.auth.granted_permissions`` through ``sqlite3``: the role's grants; admin holds all."""
    if role == Role.ADMIN:
        return frozenset(PERMISSIONS)
    rows = conn.execute("SELECT permission FROM role_permissions WHERE role = ?", (role,))
    return frozenset(code for (code,) in rows if code in PERMISSIONS)


@dataclass
class QuickSignIn:
    """An account whose password is being checked (``check``) while the command reads on ``conn``."""

    conn: sqlite3.Connection
    user_id: int
    username: str
    display_name: str
    version: int
    password_hash: str
    permissions: frozenset[str]
    password: str = field(repr=False)
    check: PasswordCheck = field(repr=False)
    clock: Callable[[], datetime] = datetime.now

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    def finish(self) -> bool:
        """Wait for the password check; on success record the login as ``AuthService.login`` does and say
        True. False (nothing written): a wrong password, or the account changed meanwhile — the usual path
        then signs in (and records a failure)."""
        if not self.check.matches(self.password_hash, self.password):
            return False
        now = self.clock()
        stamp = sql_datetime(now)
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            changed = conn.execute(
                "UPDATE users SET last_login_at = ?, updated_at = ?, updated_by = NULL, version = version + 1 "
                "WHERE id = ? AND version = ? AND active AND failed_logins = 0 AND locked_until IS NULL",
                (stamp, stamp, self.user_id, self.version)).rowcount
            if changed != 1:
                conn.execute("ROLLBACK")
                return False
            conn.execute(
                "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, summary, changes) "
                "VALUES (?, ?, ?, 'login', 'users', ?, ?, '')",
                (stamp, self.user_id, (self.display_name or self.username)[:64], self.user_id, self.username[:200]))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return True


def sign_in(database: str | None, username: str | None, read_password: Callable[[str], str],
            needs_any: Iterable[str], clock: Callable[[], datetime] = datetime.now) -> QuickSignIn | None:
    """Start signing ``username`` in on ``database`` through ``sqlite3`` for a command that needs any of the
    permissions ``needs_any``; None when the usual path must do it (see the module's text). The caller
    closes ``conn``."""
    from app.startup import open_at_head
    from app.validators import clean_text

    if not username:
        return None
    conn = open_at_head(database)
    if conn is None:
        return None
    conn.isolation_level = None  # BEGIN is ours
    try:
        from app.db import sqlite_pragmas

        for pragma in sqlite_pragmas(True):
            conn.execute(pragma)
        row = conn.execute(
            "SELECT id, username, display_name, role, password_hash, version FROM users WHERE username = ? "
            "AND active AND failed_logins = 0 AND locked_until IS NULL", (clean_text(username),)).fetchone()
        permissions = granted(conn, row[3]) if row is not None and row[4] else frozenset()
    except sqlite3.Error:
        row = None
    if row is None or not any(p in permissions for p in needs_any):
        conn.close()
        return None
    from app.signin import PasswordCheck

    try:
        password = read_password(username)
    except BaseException:
        conn.close()
        raise
    return QuickSignIn(conn, row[0], row[1], row[2], row[5], row[4], permissions, password,
                       PasswordCheck(row[4], password), clock)
