"""The five commonest desk jobs done with keys only through the real main window (tests/ui/desk_jobs.py):
each succeeds, with no click and at most three screens; the bench (bench/desk_jobs.py) times them."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest
from pypdf import PdfReader

from app.db import open_database
from app.services import Services
from tests.ui import desk_jobs
from tests.ui.desk_jobs import Desk, open_window


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """The demo property, filled once for the module (each test works on its own copy)."""
    from app.demo import fill_demo

    path = tmp_path_factory.mktemp("desk") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    fill_demo(Services.open(db))
    db.engine.dispose()
    return path


@pytest.fixture
def desk_world(demo_file, tmp_path, qtbot):
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    services = Services.open(open_database(f"sqlite:///{path}"))
    targets = desk_jobs.pick_targets(services)
    window = open_window(services, tmp_path / "settings.ini")
    qtbot.addWidget(window)
    return services, targets, window, tmp_path


def run(window, tmp_path, job) -> desk_jobs.JobResult:
    with Desk(window, tmp_path) as desk:
        job(desk)
    result = desk.result
    assert result.clicks == 0 and len(result.screens) <= 3, result
    assert result.human_s <= 15, result
    return result


def test_a_find_an_owner_by_room_name_and_phone_tail(desk_world):
    services, t, window, tmp_path = desk_world
    result = run(window, tmp_path, lambda d: desk_jobs.job_a_find_owner(d, t.room, t.name, t.phone_tail, t.unit_id))
    archive = window.role_tab("service").page("业主档案")
    assert archive.current_unit().id == t.unit_id
    members = archive.detail.members
    assert t.name in [members.row_at(i).name for i in range(members.rowCount())]  # the detail shows the owner
    assert result.screens == ["客服/工单", "客服/业主档案"]  # where the window opens, and the archive


def test_b_repair_call_dispatched_and_slip_printed(desk_world):
    services, t, window, tmp_path = desk_world
    result = run(window, tmp_path, lambda d: desk_jobs.job_b_repair_call(d, t.room, "厨房水槽下水管漏水"))
    orders = window.role_tab("service").page("工单")
    detail = orders.detail.detail
    assert detail.row.description == "厨房水槽下水管漏水" and detail.row.state == "dispatched"
    assert detail.row.location == "private" and detail.row.team == "engineering" and detail.row.assignee
    assert detail.unit_label and t.room.split("-")[-1] in detail.unit_label
    printed = PdfReader(result_file(tmp_path, 1))
    assert detail.row.number in printed.pages[0].extract_text()
    assert result.screens == ["客服/工单", f"PdfPreviewDialog: 派工单 {detail.row.number}"]


def test_c_take_a_payment_and_print_the_receipt(desk_world):
    services, t, window, tmp_path = desk_world
    unit = services.archive.search_units(t.pay_room)[0]
    due = services.payments.account(unit.id).outstanding
    run(window, tmp_path, lambda d: desk_jobs.job_c_take_payment(d, t.pay_room))
    account = services.payments.account(unit.id)
    assert account.outstanding == Decimal("0") and account.payments[0].amount == due
    assert account.payments[0].receipt_no in PdfReader(result_file(tmp_path, 1)).pages[0].extract_text()


def test_d_what_does_the_unit_owe(desk_world):
    from app.money import format_money

    services, t, window, tmp_path = desk_world
    with Desk(window, tmp_path) as desk:
        said = desk_jobs.job_d_what_is_owed(desk, t.owe_room)
    unit = services.archive.search_units(t.owe_room)[0]
    assert format_money(services.payments.account(unit.id).outstanding) in said
    assert desk.result.clicks == 0 and desk.result.screens == ["客服/工单", "客服/收费"]


def test_e_print_a_buildings_notices(desk_world):
    services, t, window, tmp_path = desk_world
    result = run(window, tmp_path, lambda d: desk_jobs.job_e_building_notices(d, t.building_id))
    period = services.ctx.clock().strftime("%Y-%m")
    expected = len(services.fee_reports.notice_units(period, t.building_id))
    assert len(PdfReader(result_file(tmp_path, 1)).pages) == expected > 0
    assert result.keys <= 6  # Ctrl+4, Ctrl+B, the building's number, Ctrl+P, Ctrl+P, Esc


def result_file(tmp_path, n: int):
    return tmp_path / f"printed-{n}.pdf"
