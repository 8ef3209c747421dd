"""Several PCs signing in to one account at the same moment (a shared 前台 login): every login succeeds.

On PostgreSQL the login's update of the user row (last login, failed count) used to race: a second
process saw the row changed under it and failed with an internal ``StaleDataError``."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from app.models import Role

PROCESSES = 4


def login_at(url: str, start: float, queue) -> None:
    from app.db import open_database
    from app.services import Services

    db = open_database(url)
    services = Services.open(db)
    results = []
    while time.time() < start:
        time.sleep(0.001)
    for _ in range(2):
        try:
            results.append(services.auth.login("desk", "desk-pass-1").username)
        except Exception as exc:  # noqa: BLE001 - the test wants to see what went wrong
            results.append(f"{type(exc).__name__}: {exc}")
    db.dispose()
    queue.put(results)


@pytest.mark.slow
def test_simultaneous_logins_to_one_account_all_succeed(db, services):
    services.auth.create_user("desk", "前台", "desk-pass-1", Role.ADMIN)  # real argon2: each login takes ~0.1 s
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    start = time.time() + 3  # every process is up and waiting before the first login
    workers = [ctx.Process(target=login_at, args=(db.url, start, queue)) for _ in range(PROCESSES)]
    for w in workers:
        w.start()
    results = [r for _ in workers for r in queue.get(timeout=120)]
    for w in workers:
        w.join(30)
    assert results == ["desk"] * (PROCESSES * 2)
