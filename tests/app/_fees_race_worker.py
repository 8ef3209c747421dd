"""One front-desk PC of ``tests/app/test_fees_races.py``, in its own process on the shared database.

``python -m tests.app._fees_race_worker URL ROLE SEED ROUNDS UNIT_ID…``: ROLE ``counter`` pays, pays with
prepaid, pays with 滞纳金, uses prepaid and voids at random on the given units; ``rebill`` flips a price and
re-bills, ``supplement`` adds a fee item to billed periods. Expected refusals (already voided, …) are
counted; anything else ends the process with a traceback, which fails the test. Prints ``DONE n``.
"""

from __future__ import annotations

import random
import sys
import time

from app.db import Database
from app.errors import ServiceError
from app.services import Services
from app.services.context import ServiceContext

PERIODS = ("2026-09", "2026-10", "2026-11")


def counter(services: Services, rng: random.Random, rounds: int, units: list[int]) -> int:
    pay = services.payments
    done = 0
    for _ in range(rounds):
        unit = rng.choice(units)
        move = rng.random()
        try:
            if move < 0.45:
                pay.pay(unit, f"{rng.choice([50, 120, 300, 999, 1500])}.{rng.randint(0, 99):02d}", "cash",
                        use_prepaid=rng.random() < 0.5, include_late_fees=rng.random() < 0.4)
            elif move < 0.6:
                pay.use_prepaid(unit)
            else:
                live = [p for p in pay.account(unit).payments if not p.voided]
                if live:
                    pay.void(rng.choice(live).id, "并发测试作废")
            done += 1
        except ServiceError:
            pass
    return done


def rebill(services: Services, rng: random.Random, rounds: int, _units: list[int]) -> int:
    billing = services.billing
    item = next(i for i in billing.items() if i.name == "物业服务费")
    for n in range(rounds):
        row = billing.get_item(item.id)
        billing.save_item({**row.__dict__, "unit_price": "3.00" if n % 2 == 0 else "2.80", "targets": []}, item.id)
        billing.rebill(rng.choice(PERIODS))
    return rounds


def supplement(services: Services, _rng: random.Random, _rounds: int, _units: list[int]) -> int:
    services.billing.supplement("2026-10", "电梯费")
    return 1


def fold(services: Services, rng: random.Random, rounds: int, _units: list[int]) -> int:
    """Folds the kept sums' per-connection slots again and again while the counters pay."""
    from app.services import fee_sums

    for _ in range(rounds):
        with services.ctx.write() as s:
            fee_sums.fold(s.connection())
        time.sleep(rng.random() / 20)
    return rounds


def main() -> None:
    url, role, seed, rounds, *units = sys.argv[1:]
    db = Database(url)
    services = Services(ServiceContext(db))
    time.sleep(0.2)
    done = {"counter": counter, "rebill": rebill, "supplement": supplement, "fold": fold}[role](
        services, random.Random(int(seed)), int(rounds), [int(u) for u in units])
    db.dispose()
    print(f"DONE {done}", flush=True)


if __name__ == "__main__":
    main()
