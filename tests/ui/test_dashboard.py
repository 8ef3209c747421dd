"""经理 → 概况 dashboard: cards and chart series show the services' figures, the period selector re-queries,
clicking a card or a bar opens the rows behind it, and operators without a right see a message instead."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.models import Team
from app.services.dashboard import PARTS
from tests.conftest import actor
from tests.fees_setup import add_items, build_property, fee_services
from ui.application import install_font
from ui.pages.dashboard import SECTIONS, DashboardPage
from ui.widgets.charts import bar_set, bar_values, categories, line_values, pie_values

NOW = datetime(2026, 11, 28, 10, 0)


@pytest.fixture(autouse=True)
def chinese_font(qapp):
    """The bundled WenQuanYi font, registered the way the application does it."""
    return install_font(qapp)


@pytest.fixture
def office(db):
    """The five-unit property of the fee tests with bills for June, October and November 2026 (unit a paid
    its October bill: 895.00), and a few work orders around 28 November 2026 10:00."""
    services, clock = fee_services(db, NOW)
    ids = build_property(services)
    add_items(services)
    services.billing.run("2026-10")
    services.billing.run("2026-11")
    services.payments.pay(ids["a"], "895", "cash")
    services.billing.run("2026-06")  # after the payment: stays unpaid, 5 months old → aging 4–6 months

    wo = services.workorders
    fixer = services.staff.save_staff({"name": "李师傅", "team": "engineering"})
    services.staff.save_staff({"name": "钱保安", "team": "security"})

    def at(when: datetime):
        clock.now = when

    at(datetime(2026, 11, 2, 9, 0))
    done = wo.intake({"kind": "repair", "source": "phone", "category": "water", "description": "漏水",
                      "unit_id": ids["a"], "assignee_id": fixer}).row
    wo.start(done.id)
    wo.complete(done.id, "换了水管")
    wo.visit(done.id, 4)
    at(datetime(2026, 11, 20, 9, 0))
    complaint = wo.intake({"kind": "complaint", "source": "phone", "category": "order", "description": "夜间噪音"}).row
    wo.escalate(complaint.id)  # security; completion due 11-23: overdue now
    at(datetime(2026, 11, 27, 9, 0))
    late = wo.intake({"kind": "repair", "source": "phone", "category": "water", "priority": "urgent",
                      "description": "水管爆裂", "assignee_id": fixer}).row  # never started: overdue
    at(datetime(2026, 11, 28, 8, 0))
    wo.intake({"kind": "repair", "source": "walk_in", "category": "lighting", "description": "楼道灯不亮",
               "assignee_id": fixer})
    at(NOW)
    return services, clock, ids, {"complaint": complaint.number, "late": late.number}


def settled(qtbot, page: DashboardPage) -> DashboardPage:
    """The page once its background load has shown the figures."""
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    return page


def page_for(qtbot, services) -> DashboardPage:
    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    return settled(qtbot, page)


def test_cards_show_the_figures(qtbot, office):
    services, *_ = office
    page = page_for(qtbot, services)
    cards = page.key_cards
    assert page.selected_period() == "2026-11"
    assert cards["property_rate"].value.text() == "0.0%"
    # year to date: 物业费 3 × 1164.14 billed, 280.00 collected; 停车费 3 × 900, 600 collected
    assert "本年累计 8.0%" in cards["property_rate"].note.text()
    assert "本年累计 22.2%" in cards["parking_rate"].note.text()
    # arrears on 28 Nov: all of June (2139.14) and October less unit a's 895.00; November is not due yet
    assert cards["arrears"].value.text() == "3,383.28"
    assert cards["arrears"].note.text() == "5 户欠费"
    assert cards["open"].value.text() == "3" and "超时 2" in cards["open"].note.text()
    assert cards["overdue"].value.text() == "2"
    assert cards["complaints"].value.text() == "1" and "受理工单 4 张" in cards["complaints"].note.text()
    assert cards["satisfaction"].value.text() == "4.0" and "回访 1 次" in cards["satisfaction"].note.text()
    assert cards["escalated"].value.text() == "1"
    # the property's figures the overview always had
    assert page.cards["units"].value.text() == "5"
    assert page.cards["occupancy"].value.text() == "80.0%"
    assert page.cards["parking"].value.text() == "3"
    assert page.staff_cards[Team.ENGINEERING].value.text() == "1"
    assert page.staff_cards[Team.SECURITY].value.text() == "1"


def test_charts_have_the_series_values(qtbot, office):
    services, *_ = office
    page = page_for(qtbot, services)
    font_family = QApplication.font().family()
    assert "WenQuanYi" in font_family
    for panel in (page.rate_chart, page.trend_chart, page.aging_chart, page.team_chart, page.service_chart,
                  page.units_chart):
        assert panel.showing_chart(), panel.title
        assert panel.chart.titleFont().family() == font_family
        assert panel.chart.legend().font().family() == font_family
        for axis in panel.chart.axes():
            assert axis.labelsFont().family() == font_family

    rates = bar_values(page.rate_chart.chart)
    assert categories(page.rate_chart.chart) == ["物业费", "停车费"]
    assert rates["本月 (2026-11)"] == [0.0, 0.0]
    assert rates["本年累计"] == pytest.approx([280 / 3492.42 * 100, 600 / 2700 * 100])

    trend = bar_values(page.trend_chart.chart)
    assert categories(page.trend_chart.chart) == ["6月", "7月", "8月", "9月", "10月", "11月"]
    assert trend["物业费"] == pytest.approx([0, 0, 0, 0, 280 / 1164.14 * 100, 0])
    assert trend["停车费"] == pytest.approx([0, 0, 0, 0, 600 / 900 * 100, 0])

    aging = bar_values(page.aging_chart.chart)["欠费金额(万元)"]
    assert aging == pytest.approx([0.12, 0.21, 0, 0])  # 1,244.14 and 2,139.14 元 in 万元
    assert categories(page.aging_chart.chart) == ["≤3个月", "4–6个月", "7–12个月", ">12个月"]

    assert categories(page.team_chart.chart) == ["客服", "工程", "秩序", "环境"]
    teams = bar_values(page.team_chart.chart)
    assert teams["超时"] == [0, 1, 1, 0]
    assert teams["未超时"] == [0, 1, 0, 0]

    service = page.service_chart.chart
    assert categories(service)[-1] == "11月" and len(categories(service)) == 6
    assert bar_values(service)["投诉(件)"] == [0, 0, 0, 0, 0, 1]
    assert line_values(service)["满意度(分)"] == [(5.0, 4.0)]

    assert pie_values(page.units_chart.chart) == {"已入住 4 (80.0%)": 4, "空置 1 (20.0%)": 1,
                                                  "装修中 0 (0.0%)": 0}


def test_changing_the_period_requeries(qtbot, office):
    services, *_ = office
    page = page_for(qtbot, services)
    with qtbot.waitSignal(page.reloaded):
        page.set_period("2026-10")
    assert page.key_cards["property_rate"].value.text() == "24.1%"  # 280.00 / 1,164.14
    assert page.key_cards["parking_rate"].value.text() == "66.7%"
    rates = bar_values(page.rate_chart.chart)
    assert rates["本月 (2026-10)"] == pytest.approx([280 / 1164.14 * 100, 600 / 900 * 100])
    assert page.rate_chart.title == "2026-10 收缴率"
    assert page.key_cards["complaints"].value.text() == "0"
    assert categories(page.trend_chart.chart)[-1] == "10月"
    # a period without bills: a message where the chart was, no traceback
    page.set_period("2025-12")
    settled(qtbot, page)
    assert not page.rate_chart.showing_chart()
    assert "尚无账单" in page.rate_chart.message.text()
    assert page.key_cards["property_rate"].value.text() == "—"
    assert not page.key_cards["property_rate"].clickable
    # the refresh button sees new data
    page.set_period("2026-11")
    services.payments.pay(office[2]["d"], "100", "cash")  # goes to June first
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    settled(qtbot, page)
    assert page.key_cards["arrears"].value.text() == "3,283.28"


def test_clicking_an_aging_bar_lists_the_units_in_that_bucket(qtbot, qtmodeltester, office):
    services, *_ = office
    page = page_for(qtbot, services)
    with qtbot.waitSignal(page.drilled) as opened:
        bar_set(page.aging_chart.chart, "欠费金额(万元)").clicked.emit(1)
    dialog = opened.args[0]
    qtmodeltester.check(dialog.model)
    assert dialog.windowTitle() == "欠费房屋 · 账龄 4–6个月"
    assert dialog.model.rowCount() == 5  # every unit's June bill
    amounts = [dialog.model.data(dialog.model.index(r, dialog.model.column_index("b1")), Qt.ItemDataRole.UserRole + 1)
               for r in range(dialog.model.rowCount())]
    assert sum(amounts) == Decimal("2139.14")
    assert "5 户, 合计 2,139.14 元" in dialog.summary.text()
    dialog.close()


def test_clicking_collection_bars_lists_the_unpaid_units_and_the_months(qtbot, qtmodeltester, office):
    services, *_ = office
    page = page_for(qtbot, services)
    with qtbot.waitSignal(page.drilled) as opened:
        bar_set(page.trend_chart.chart, "停车费").clicked.emit(4)  # October
    dialog = opened.args[0]
    qtmodeltester.check(dialog.model)
    assert dialog.windowTitle() == "2026-10 停车费 未缴清房屋"
    # unit a paid its two spaces; unit d's one space is the gap
    assert [(r.code, r.owner, r.unpaid) for r in dialog.model.rows()] == [("2-1-101", "王五", Decimal("300.00"))]
    assert "应收 900.00 元, 实收 600.00 元, 未收 300.00 元; 1 户未缴清" in dialog.summary.text()
    dialog.close()
    with qtbot.waitSignal(page.drilled) as opened:
        bar_set(page.rate_chart.chart, "本年累计").clicked.emit(0)  # 物业费, January to November
    dialog = opened.args[0]
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 11
    billed = [r[1].billed for r in dialog.model.rows()]
    assert billed[5] == billed[9] == billed[10] == Decimal("1164.14") and sum(billed) == Decimal("3492.42")
    assert "应收 3,492.42 元, 实收 280.00 元" in dialog.summary.text()
    dialog.close()


def test_clicking_a_team_bar_lists_its_overdue_orders(qtbot, qtmodeltester, office):
    services, _clock, _ids, numbers = office
    page = page_for(qtbot, services)
    with qtbot.waitSignal(page.drilled) as opened:
        bar_set(page.team_chart.chart, "超时").clicked.emit(1)  # 工程
    dialog = opened.args[0]
    qtmodeltester.check(dialog.model)
    assert dialog.windowTitle() == "工程 · 超时工单"
    assert dialog.model.rowCount() == 1
    assert dialog.model.row_at(0).number == numbers["late"]
    # the manager acts on the order right there; list and dashboard follow
    dialog.select_row(0)
    assert dialog.detail.detail.row.number == numbers["late"]
    assert "start" in dialog.detail.visible_actions()
    with qtbot.waitSignal(page.reloaded):
        assert dialog.detail.start()
    assert dialog.model.row_at(0).state == "in_progress"  # still overdue: its 4 hours ran out yesterday
    assert dialog.table.currentIndex().row() == 0 and dialog.detail.detail.row.state == "in_progress"
    dialog.close()
    with qtbot.waitSignal(page.drilled) as opened:
        bar_set(page.team_chart.chart, "未超时").clicked.emit(1)
    assert opened.args[0].model.rowCount() == 2  # all open orders of the team, the overdue one in red
    opened.args[0].close()


def test_clicking_cards_opens_their_rows(qtbot, office):
    services, _clock, _ids, numbers = office
    page = page_for(qtbot, services)
    page.show()
    with qtbot.waitSignal(page.drilled) as opened:
        qtbot.mouseClick(page.key_cards["escalated"], Qt.MouseButton.LeftButton)
    assert [opened.args[0].model.row_at(0).number] == [numbers["complaint"]]
    opened.args[0].close()
    with qtbot.waitSignal(page.drilled) as opened:
        qtbot.mouseClick(page.key_cards["complaints"], Qt.MouseButton.LeftButton)
    assert opened.args[0].windowTitle() == "2026-11 投诉" and opened.args[0].model.rowCount() == 1
    opened.args[0].close()
    with qtbot.waitSignal(page.drilled) as opened:
        qtbot.mouseClick(page.key_cards["property_rate"], Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    rows = dialog.model.rows()
    # largest gap first: units d, a, b, c (vacant: 70%); unit e has no area, so no 物业费
    assert [r.unpaid for r in rows] == [Decimal("400.62"), Decimal("280.00"), Decimal("250.77"), Decimal("232.75")]
    assert sum(r.billed for r in rows) == Decimal("1164.14")
    assert "未收 1,164.14 元" in dialog.summary.text()
    dialog.close()
    # the satisfaction card has no rows behind it: clicking does nothing
    with qtbot.assertNotEmitted(page.drilled):
        qtbot.mouseClick(page.key_cards["satisfaction"], Qt.MouseButton.LeftButton)


def test_operator_without_fee_reports_sees_a_placeholder(qtbot, office):
    services, *_ = office
    desk = page_for(qtbot, services.as_actor(actor("service")))  # may collect, not see reports
    assert not desk.rate_chart.showing_chart() and not desk.trend_chart.showing_chart()
    assert "查看收费报表" in desk.rate_chart.message.text()
    assert desk.key_cards["property_rate"].value.text() == "—"
    assert desk.aging_chart.showing_chart()  # arrears are part of the counter's work
    assert desk.team_chart.showing_chart()

    engineer = page_for(qtbot, services.as_actor(actor("engineering")))
    assert not engineer.aging_chart.showing_chart()
    assert engineer.key_cards["arrears"].value.text() == "—"
    assert not engineer.key_cards["arrears"].clickable
    assert engineer.team_chart.showing_chart()


def test_empty_database_shows_messages(qtbot, db):
    services, _clock = fee_services(db, NOW)
    page = page_for(qtbot, services)
    for panel in (page.rate_chart, page.trend_chart, page.aging_chart, page.team_chart, page.service_chart,
                  page.units_chart):
        assert not panel.showing_chart() and panel.message.text(), panel.title
    assert page.cards["units"].value.text() == "0"
    assert page.key_cards["open"].value.text() == "0" and not page.key_cards["open"].clickable


def test_the_manager_tab_opens_the_dashboard(qtbot, office, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    services, *_ = office
    window = MainWindow(services.as_actor(actor("manager")), QSettings(str(tmp_path / "s.ini"),
                                                                        QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert isinstance(window.role_tab("manager").page("概况"), DashboardPage)


@pytest.mark.slow
def test_demo_database_loads_fast(qtbot, db):
    from app.demo import fill_demo

    services, _clock = fee_services(db, NOW)  # one clock for the page and the figures it is compared with
    fill_demo(services)
    page = page_for(qtbot, services)
    page.reload()
    assert page.loading  # the GUI thread only shows the placeholder; the job reads the figures
    settled(qtbot, page)
    aging = services.fee_reports.aging()
    assert page.key_cards["arrears"].value.text() == f"{aging.total:,.2f}"
    assert sum(bar_values(page.team_chart.chart)["超时"]) == services.workorders.summary(NOW.date()).overdue_total


def test_chart_axes_are_not_cut_at_1024(qtbot, office):
    """Issue 12: at 1024 wide the month and aging labels showed as "26-…" and "4–6…"."""
    from PySide6.QtCharts import QBarCategoryAxis

    services, *_ = office
    page = page_for(qtbot, services)
    page.resize(1024, 700)
    page.show()
    qtbot.waitExposed(page)
    for panel in (page.trend_chart, page.aging_chart):
        axis = next(a for a in panel.chart.axes() if isinstance(a, QBarCategoryAxis))
        qtbot.waitUntil(lambda axis=axis: bool(axis.categories()))
        assert not axis.labelsTruncated(), panel.title()


def test_a_placeholder_shows_until_the_background_job_has_read_the_figures(qtbot, office, monkeypatch):
    """Issue 18: the figures are read by jobs off the GUI thread; meanwhile the cards show "…" and the charts
    "正在加载…"; a load overtaken by a newer one (the period changed) is dropped."""
    import threading

    from app.services.dashboard import DashboardService

    services, *_ = office
    release, threads = threading.Event(), []
    real = DashboardService.part

    def held(self, *args, **kwargs):
        threads.append(threading.current_thread())
        assert release.wait(10)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(DashboardService, "part", held)
    page = DashboardPage(services)
    qtbot.addWidget(page)
    try:
        assert page.loading
        assert page.key_cards["arrears"].value.text() == "…" and not page.key_cards["arrears"].clickable
        assert not page.rate_chart.showing_chart() and page.rate_chart.message.text().endswith("正在加载…")
        assert page.stamp.text() == "正在加载…"
        page.set_period("2026-10")  # a second load while the first is still reading
    finally:
        release.set()
    settled(qtbot, page)
    assert threads and threading.main_thread() not in threads
    assert page.key_cards["arrears"].value.text() == "3,383.28"
    assert page.key_cards["property_rate"].value.text() == "24.1%"  # October's, not November's 0.0%
    assert page.rate_chart.showing_chart() and page.rate_chart.title == "2026-10 收缴率"
    qtbot.wait(200)  # the overtaken November load finishes too: it must not overwrite October
    assert page.key_cards["property_rate"].value.text() == "24.1%"


def test_each_section_shows_as_soon_as_it_is_read(qtbot, office, monkeypatch):
    """Issue 18: the sections are read by separate jobs, side by side; a slow one (the collection figures)
    keeps only its own cards at "…" while the others already show their figures."""
    import threading

    from app.services.dashboard import DashboardService

    services, *_ = office
    release, names, lock = threading.Event(), set(), threading.Lock()
    real = DashboardService.part

    def slow_collection(self, name, *args, **kwargs):
        with lock:
            names.add((name, threading.current_thread() is threading.main_thread()))
        if name == "collection":
            assert release.wait(10)
        return real(self, name, *args, **kwargs)

    monkeypatch.setattr(DashboardService, "part", slow_collection)
    page = DashboardPage(services)
    qtbot.addWidget(page)
    try:
        qtbot.waitUntil(lambda: page.key_cards["arrears"].value.text() == "3,383.28", timeout=10_000)
        qtbot.waitUntil(lambda: page.team_chart.showing_chart() and page.service_chart.showing_chart())
        qtbot.waitUntil(lambda: page.cards["units"].value.text() == "5")
        assert page.loading and page.stamp.text() == "正在加载…"
        assert page.key_cards["property_rate"].value.text() == "…"
        assert page.rate_chart.message.text().endswith("正在加载…")
    finally:
        release.set()
    settled(qtbot, page)
    assert page.key_cards["property_rate"].value.text() == "0.0%" and page.rate_chart.showing_chart()
    assert page.stamp.text() == "更新于 10:00"
    # the page was never shown: the 维保完成率 card, read only once it is on screen, still waits
    assert {n for n, _main in names} == {"collection", "aging", "months", "workorders", "property", "heading"}
    assert not any(main for _n, main in names)
    assert page.pm_card.value.text() == "…" and set(page.unseen) == {"maintenance"}


def test_the_maintenance_card_below_the_fold_is_read_once_scrolled_into_view(qtbot, office, monkeypatch):
    """Issue 18: at 1280×800 the 维保完成率 card is below the fold; its section alone imports the engineering
    models, so it is read when the card is first painted: scrolled into view, or at once in a taller window."""
    from app.services.dashboard import DashboardService

    services, *_ = office
    names, real = [], DashboardService.part

    def logged(self, name, *args, **kwargs):
        names.append(name)
        return real(self, name, *args, **kwargs)

    monkeypatch.setattr(DashboardService, "part", logged)
    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    settled(qtbot, page)
    qtbot.wait(100)  # a paint or two later: still not read
    assert "maintenance" not in names and page.pm_card.value.text() == "…"
    assert page.stamp.text() == "更新于 10:00"  # the sections on screen are all shown
    page.scroll.ensureWidgetVisible(page.pm_card)
    qtbot.waitUntil(lambda: page.pm_card.value.text() != "…", timeout=10_000)
    assert names.count("maintenance") == 1 and "2026-11 应做" in page.pm_card.note.text()
    page.set_period("2026-10")  # on screen now: a new period reads it at once
    qtbot.waitUntil(lambda: names.count("maintenance") == 2, timeout=10_000)
    settled(qtbot, page)
    assert "2026-10 应做" in page.pm_card.note.text()

    tall = DashboardPage(services)
    qtbot.addWidget(tall)
    tall.resize(1280, 1200)
    tall.show()
    qtbot.waitUntil(lambda: names.count("maintenance") == 3, timeout=10_000)
    settled(qtbot, tall)
    assert "2026-11 应做" in tall.pm_card.note.text()


def test_a_section_that_fails_shows_its_message_and_the_others_their_figures(qtbot, office, monkeypatch):
    """An internal error in one section (the work-order summary) shows there; the rest of the page is whole."""
    from app.services.workorders import WorkOrderService

    def broken(self, since):
        raise RuntimeError("磁盘坏了")

    monkeypatch.setattr(WorkOrderService, "summary", broken)
    services, *_ = office
    page = page_for(qtbot, services)
    assert "磁盘坏了" in page.team_chart.message.text() and not page.team_chart.showing_chart()
    assert page.key_cards["open"].value.text() == "—" and not page.key_cards["open"].clickable
    assert page.key_cards["complaints"].value.text() == "1"  # the month figures are their own section
    assert page.service_chart.showing_chart() and page.aging_chart.showing_chart()
    assert page.key_cards["arrears"].value.text() == "3,383.28"


def test_an_overtaken_load_that_fails_does_not_show_its_error(qtbot, office, monkeypatch):
    """A section's first read fails after the period was changed: the newer figures stay on the page."""
    import threading

    from app.services.workorders import WorkOrderService
    from ui import jobs

    services, *_ = office
    release, calls = threading.Event(), []
    real = WorkOrderService.summary

    def first_fails(self, since):
        calls.append(since)
        if len(calls) == 1:
            assert release.wait(10)
            raise RuntimeError("旧的读取失败")
        return real(self, since)

    monkeypatch.setattr(WorkOrderService, "summary", first_fails)
    page = DashboardPage(services)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(calls) == 1)
    page.set_period("2026-10")
    try:
        qtbot.waitUntil(lambda: page.team_chart.showing_chart(), timeout=10_000)
    finally:
        release.set()
    qtbot.waitUntil(lambda: not jobs._RUNNING, timeout=10_000)
    qtbot.wait(50)
    assert page.team_chart.showing_chart() and "旧的读取失败" not in page.team_chart.message.text()
    assert page.key_cards["open"].value.text() == "3" and not page.loading


def test_the_page_reads_every_section_the_service_offers():
    """The page keeps its own list (it must not import the service on the GUI thread): the same names."""
    assert sorted(SECTIONS) == sorted(PARTS)


def test_office_scale_complaints_show_value_labels_only_where_they_fit(qtbot, office):
    """Issue 18: at office scale (thousands of complaints a month, twelve months in a third of a 1024-wide
    window) the bars' and the score line's value labels ran into each other, and so did the month names.
    Labels now show only where they fit (the values stay in the tooltips), month names stand upright; on a
    wide screen everything shows again."""
    from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QLineSeries
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QToolTip

    from app.services.dashboard import MonthWorkOrders, Part

    services, *_ = office
    page = page_for(qtbot, services)
    page.resize(1024, 768)
    page.show()
    qtbot.waitExposed(page)
    periods = ["2025-12"] + [f"2026-{m:02d}" for m in range(1, 12)]
    months = [MonthWorkOrders(p, 28_000 + n, 2_000 + 37 * n, 9_000, Decimal("4.5") if n % 2 else Decimal("4.1"))
              for n, p in enumerate(periods)]
    page._show_months(Part(value=months))
    chart = page.service_chart.chart

    def shown() -> tuple[bool, bool, int]:  # bar labels, point labels, the month names' angle
        bars = next(s for s in chart.series() if isinstance(s, QAbstractBarSeries))
        line = next(s for s in chart.series() if isinstance(s, QLineSeries))
        axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
        return bars.isLabelsVisible(), line.pointLabelsVisible(), axis.labelsAngle()

    qtbot.waitUntil(lambda: shown() == (False, False, -90))
    assert bar_values(chart)["投诉(件)"][3] == 2_111  # the values are all there
    bar_set(chart, "投诉(件)").hovered.emit(True, 3)
    assert QToolTip.text() == "2026-03: 投诉 2111 件, 受理 28003 件"
    next(s for s in chart.series() if isinstance(s, QLineSeries)).hovered.emit(QPointF(3, 4.5), True)
    assert QToolTip.text() == "3月 满意度(分): 4.5"
    page._show_months(Part(value=months))  # rebuilt at the same size (the next reload)
    assert shown() == (False, False, -90)

    page.resize(2560, 1200)  # wide: every label fits
    qtbot.waitUntil(lambda: shown() == (True, True, 0))


def test_stacked_team_bars_show_their_values_only_where_each_part_is_tall_enough(qtbot, office):
    """At office scale the open-orders chart's small teams got parts a few pixels tall: their two values,
    written inside, overlapped each other (秩序 1480 over 2028). A stack's values show only when every part
    has the room of a line of text; the values stay in the tooltips."""
    from PySide6.QtCharts import QStackedBarSeries

    from app.services.dashboard import Part
    from app.services.workorders import WorkOrderSummary

    services, *_ = office
    page = page_for(qtbot, services)
    page.resize(1024, 768)
    page.show()
    qtbot.waitExposed(page)

    def labels_shown(open_by_team: dict, overdue_by_team: dict) -> bool:
        page._show_workorders(Part(value=WorkOrderSummary(open_by_team, overdue_by_team, 0, 0, 0, 0, None)))
        return next(s for s in page.team_chart.chart.series()
                    if isinstance(s, QStackedBarSeries)).isLabelsVisible()

    office_scale = ({"service": 9_758, "engineering": 44_611, "security": 3_508, "environment": 6_340},
                    {"service": 6_560, "engineering": 30_353, "security": 1_480, "environment": 2_028})
    assert not labels_shown(*office_scale)
    assert bar_values(page.team_chart.chart)["超时"][2] == 1_480  # the values are all there
    balanced = ({"service": 9, "engineering": 12, "security": 8, "environment": 10},
                {"service": 4, "engineering": 6, "security": 4, "environment": 5})
    assert labels_shown(*balanced)


def test_the_pie_turns_its_largest_slice_down_and_its_small_ones_apart(qtbot):
    """At office scale the 房屋状态 pie's biggest label ("已入住 42,509 (85.0%)") ran past the chart's right edge and
    the two small slices' labels lay over each other. The largest slice now points down (its label starts under
    the centre) and the small ones sit either side of the top, so their labels go apart."""
    from PySide6.QtGui import QColor

    from ui.widgets.charts import ChartPanel

    panel = ChartPanel("房屋状态")
    qtbot.addWidget(panel)
    series = panel.add_pie([("已入住 42,509 (85.0%)", 42_509, QColor("blue")), ("空置 5,081 (10.2%)", 5_081, QColor("grey")),
                            ("装修中 2,410 (4.8%)", 2_410, QColor("orange"))])
    panel.resize(320, 230)
    panel.show()
    qtbot.waitExposed(panel)

    def middle(label: str) -> float:
        piece = next(p for p in series.slices() if p.label() == label)
        return (piece.startAngle() + piece.angleSpan() / 2) % 360

    assert middle("已入住 42,509 (85.0%)") == pytest.approx(180)
    small = sorted(middle(label) for label in ("空置 5,081 (10.2%)", "装修中 2,410 (4.8%)"))
    assert small[0] < 90 and small[1] > 270  # one right of the top, one left
    assert pie_values(panel.chart) == {"已入住 42,509 (85.0%)": 42_509, "空置 5,081 (10.2%)": 5_081,
                                       "装修中 2,410 (4.8%)": 2_410}
