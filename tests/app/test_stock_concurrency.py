"""Two PCs issuing the last units of an item at the same moment: the item row is locked, so exactly one
succeeds and the balance never goes below zero. SQLite and, with PROPDESK_TEST_DATABASE_URL, PostgreSQL."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from threading import Barrier

from app.errors import FieldError
from app.permissions import DEFAULT_ROLE_PERMISSIONS
from app.services import Services
from app.services.context import Actor, ServiceContext


def pc(db, name: str) -> Services:
    return Services(ServiceContext(db, Actor(None, name, name, "engineering", DEFAULT_ROLE_PERMISSIONS["engineering"])))


def test_two_pcs_issue_the_last_units_one_wins(db, services):
    item = services.inventory.save({"code": "CL-001", "name": "铜球阀", "unit": "个", "category": "material",
                                    "warehouse": "engineering"})
    services.inventory.stock_in(item, "3", "30")
    start = Barrier(2)

    def issue(name: str) -> str:
        start.wait()
        try:
            pc(db, name).inventory.stock_out(item, "2", person=name)
            return "ok"
        except FieldError as exc:
            return exc.errors["quantity"]

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(issue, ["小王", "小李"]))
    assert results.count("ok") == 1 and any("库存不足" in r for r in results)
    row = services.inventory.get(item)
    assert (row.quantity, row.value) == (Decimal("1.00"), Decimal("30.00"))
    assert sum(m.quantity for m in services.inventory.moves(item)) == row.quantity
