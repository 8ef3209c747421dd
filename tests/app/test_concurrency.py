"""Several PCs on one database: a stale save is refused with who/when and overwrites nothing; payments
and document numbers taken at the same moment stay unique and gap-free. Runs on SQLite and, with
PROPDESK_TEST_DATABASE_URL, on PostgreSQL (real row locks)."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.errors import ConflictError
from app.models import Payment, Person, PrepaidEntry
from app.permissions import DEFAULT_ROLE_PERMISSIONS
from app.services import Services
from app.services.audit import AuditFilter
from app.services.context import Actor, ServiceContext
from app.services.sequences import next_number

T1 = datetime(2026, 11, 28, 10, 15)


def pc(db, user_id: int, name: str, role: str = "service", clock=None) -> Services:
    """Another front-desk PC: its own context (and so its own sessions) on the same database."""
    actor = Actor(user_id, name, name, role, DEFAULT_ROLE_PERMISSIONS[role])
    return Services(ServiceContext(db, actor, clock or datetime.now))


@pytest.fixture
def owner(services, db):
    from app.models import User

    with services.ctx.write() as s:  # the two operators exist, so "changed by <name>" can be shown
        s.add_all([User(id=1, username="wang", display_name="小王", password_hash="x", role="service"),
                   User(id=2, username="li", display_name="小李", password_hash="x", role="service")])
    b = services.archive.create_building("1栋")
    uid = services.archive.save_unit({"building_id": b, "unit_no": "1", "room_no": "101"})
    pid = services.archive.save_member(uid, {"name": "张三", "phone": "13812345678", "notes": "原备注"})
    return uid, pid


def test_second_save_of_the_same_owner_is_refused_and_overwrites_nothing(db, owner):
    uid, pid = owner
    wang, li = pc(db, 1, "小王", clock=lambda: T1), pc(db, 2, "小李")
    form_wang = wang.archive.get_person_values(pid, uid)
    form_li = li.archive.get_person_values(pid, uid)  # both opened the form at version 1

    wang.archive.save_member(uid, {**form_wang, "notes": "小王改的"}, person_id=pid)
    with pytest.raises(ConflictError) as refused:
        li.archive.save_member(uid, {**form_li, "name": "张三丰", "notes": "小李改的"}, person_id=pid)
    assert "已被 小王 于 2026-11-28 10:15 修改" in str(refused.value)
    assert "未保存任何内容" in str(refused.value)

    now = wang.archive.get_person_values(pid, uid)
    assert (now["name"], now["notes"]) == ("张三", "小王改的")
    updates = wang.as_actor(Actor(None, "s", "s", "admin", frozenset({"audit.view", "pii.view_full"})))
    assert updates.audit.count(AuditFilter(entity="persons", action="update")) == 1
    # after reloading, 小李 can save on top of 小王's change
    li.archive.save_member(uid, {**li.archive.get_person_values(pid, uid), "name": "张三丰"}, person_id=pid)
    with db.read_session() as s:
        person = s.get(Person, pid)
        assert (person.name, person.notes, person.version) == ("张三丰", "小王改的", 3)


def test_two_pcs_saving_the_same_owner_at_the_same_moment(db, owner):
    uid, pid = owner
    wang, li = pc(db, 1, "小王"), pc(db, 2, "小李")
    forms = [wang.archive.get_person_values(pid, uid), li.archive.get_person_values(pid, uid)]
    barrier = threading.Barrier(2)

    def save(svc, form, note):
        barrier.wait()
        try:
            svc.archive.save_member(uid, {**form, "notes": note}, person_id=pid)
            return note
        except ConflictError as exc:
            return exc

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(save, [wang, li], forms, ["甲", "乙"]))
    saved = [r for r in results if isinstance(r, str)]
    refused = [r for r in results if isinstance(r, ConflictError)]
    assert len(saved) == 1 and len(refused) == 1
    assert "修改, 请重新加载" in str(refused[0])
    with db.read_session() as s:
        person = s.get(Person, pid)
        assert person.notes == saved[0] and person.version == 2


def test_two_pcs_taking_payments_at_once_get_unique_gap_free_receipts(db, owner):
    uid, _ = owner
    desks = [pc(db, 1, "小王"), pc(db, 2, "小李")]
    per_desk = 6
    barrier = threading.Barrier(2)

    def take(svc):
        barrier.wait()
        return [svc.payments.pay(uid, "100.50", "cash", payer="张三").receipt_no for _ in range(per_desk)]

    with ThreadPoolExecutor(2) as pool:
        numbers = [n for batch in pool.map(take, desks) for n in batch]
    assert len(numbers) == len(set(numbers)) == 2 * per_desk
    tails = sorted(int(n[-4:]) for n in numbers)
    assert tails == list(range(1, 2 * per_desk + 1))  # gap-free
    with db.read_session() as s:
        assert s.scalar(select(func.count(Payment.id))) == 2 * per_desk
        total = s.scalar(select(func.sum(PrepaidEntry.amount)).where(PrepaidEntry.unit_id == uid))
        assert Decimal(total) == Decimal("100.50") * 2 * per_desk  # nothing lost, nothing doubled


def test_document_numbers_under_concurrent_transactions(db, services):
    """The work-order / receipt counter: many transactions at once, numbers unique and without gaps."""
    barrier = threading.Barrier(4)

    def take(i):
        svc = pc(db, i, f"员工{i}")
        barrier.wait()
        out = []
        for _ in range(5):
            with svc.ctx.write() as s:
                out.append(next_number(s, "workorder", "GD", datetime(2026, 11, 28)))
        return out

    with ThreadPoolExecutor(4) as pool:
        numbers = [n for batch in pool.map(take, range(4)) for n in batch]
    assert sorted(numbers) == [f"GD20261128{i:04d}" for i in range(1, 21)]


def test_a_rolled_back_transaction_gives_its_number_back(db, services):
    with pytest.raises(RuntimeError), services.ctx.write() as s:
        next_number(s, "receipt", "SJ", datetime(2026, 11, 28))
        raise RuntimeError("power cut")
    with services.ctx.write() as s:
        assert next_number(s, "receipt", "SJ", datetime(2026, 11, 28)) == "SJ202611280001"
