"""Checking a password in the background while a command loads (``propdesk --user``).

The argon2 check takes about 0.1 s and 64 MiB; argon2 releases the GIL, so it can run in a thread while the
command imports its services and models. ``check_ahead`` reads the account's stored hash (plain SQL: no
models needed yet) and starts the check; ``AuthService.login`` still does the whole sign-in in its own
transaction — lockout, failed-attempt count, audit — and takes the background result only for exactly the
hash it reads there and the same password (``PasswordCheck.matches``), else checks again itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.db import Database
    from app.services.context import Actor


def password_matches(stored: str, password: str) -> bool:
    """Whether ``password`` is the one ``stored`` (an argon2 hash, which carries its own parameters) was made of."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return PasswordHasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


class PasswordCheck:
    """``password_matches(stored, password)`` worked out in a background thread."""

    def __init__(self, stored: str, password: str):
        self._stored, self._password = stored, password
        self._done = threading.Event()
        self._result: bool = False
        self._error: BaseException | None = None
        threading.Thread(target=self._run, name="password-check", daemon=True).start()

    def _run(self) -> None:
        try:
            self._result = password_matches(self._stored, self._password)
        except BaseException as exc:  # noqa: BLE001 - raised again where the result is taken
            self._error = exc
        finally:
            self._done.set()

    def matches(self, stored: str, password: str) -> bool | None:
        """The result for this hash and password (waiting for it); None when the check was of another hash or
        password (the account changed meanwhile): the caller checks itself."""
        if stored != self._stored or password != self._password:
            return None
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._result


def check_ahead(db: Database, username: str, password: str) -> PasswordCheck | None:
    """Start checking ``password`` against the stored hash of the account ``username`` (None: no such account,
    or one that cannot sign in — ``login`` says so without any check)."""
    from sqlalchemy import text

    from app.validators import clean_text

    with db.engine.connect() as conn:
        row = conn.execute(text("SELECT password_hash, active FROM users WHERE username = :name"),
                           {"name": clean_text(username)}).first()
    if row is None or not row.active or not row.password_hash:
        return None
    return PasswordCheck(row.password_hash, password)


class SignInFailed(BaseException):  # noqa: N818 - not an Exception: no ``except Exception`` may go on without it
    """A pending sign-in (``PendingSignIn``) failed; ``error`` is what ``login`` raised."""

    def __init__(self, error: BaseException):
        super().__init__(str(error))
        self.error = error


class PendingSignIn:
    """An operator whose sign-in is still under way (the command line checks the password in the background
    while the command loads). The first use of the operator — a permission check, a session —
    runs ``sign_in`` (the login) and waits for it; a failed sign-in raises ``SignInFailed`` there and at every
    later use, so nothing is read or changed for an operator who did not sign in."""

    def __init__(self, sign_in: Callable[[], Actor]):
        self._sign_in = sign_in
        self._lock = threading.Lock()
        self._actor: Actor | None = None
        self._error: BaseException | None = None

    def actor(self) -> Actor:
        with self._lock:
            if self._actor is None and self._error is None:
                try:
                    self._actor = self._sign_in()
                except BaseException as exc:  # noqa: BLE001 - kept: every later use fails the same way
                    self._error = exc.error if isinstance(exc, SignInFailed) else exc
        if self._error is not None:
            raise SignInFailed(self._error)
        return self._actor
