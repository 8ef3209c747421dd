"""``propdesk demo``: a believable property to try the app on. Each step module adds one domain."""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass, field

from app.services import Services
from app.services.context import ServiceContext

# Each module defines ``fill(services, rng, result)``; order matters (fees need units, …).
STEP_MODULES = [
    "app.demo.property",
    "app.demo.office",
    "app.demo.workorders",
    "app.demo.fees",
    "app.demo.environment",
    "app.demo.management",
    "app.demo.order_team",
    "app.demo.engineering",
    "app.demo.month_end",
    "app.demo.bank",
]


@dataclass
class DemoResult:
    passwords: dict[str, tuple[str, str]] = field(default_factory=dict)  # username → (role, password)
    counts: dict[str, int] = field(default_factory=dict)


def is_empty(services: Services) -> bool:
    return services.property.figures().units == 0


def fill_demo(services: Services, seed: int = 20261128) -> DemoResult:
    """Fill the property as of one moment: the clock is read once, so a demo started just before midnight is
    one day's and one month's in every step (bills, collection file, orders, the order team's fortnight)."""
    now = services.ctx.clock()
    services = Services(ServiceContext(services.db, services.ctx.actor, lambda: now))
    rng = random.Random(seed)
    result = DemoResult()
    for name in STEP_MODULES:
        importlib.import_module(name).fill(services, rng, result)
    return result
