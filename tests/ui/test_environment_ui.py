"""环境 pages through their widgets: daily tasks generated and ticked, an inspection scored on the sheet
(failed → work order) and re-inspected, scoring sheets, monthly scores, garbage with month totals,
greening and cleaning plans; screenshots at 1024×768."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel

from app.models import Team
from tests.fees_setup import fee_services

SHOTS = Path("/tmp/shots")


def grab(widget, name: str, resize: bool = True) -> None:
    SHOTS.mkdir(exist_ok=True)
    if resize:  # a page as in the 1024×768 window; a dialog at its own size
        widget.resize(1024, 700)
    widget.grab().save(str(SHOTS / name))


def save(dialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def fill(dialog, **values):
    for name, value in values.items():
        editor = dialog.field(name)
        if hasattr(editor, "setPlainText"):
            editor.setPlainText(value)
        elif hasattr(editor, "setText"):
            editor.setText(value)
        else:
            editor.setCurrentIndex(editor.findData(value))


@pytest.fixture
def env(db):
    services, clock = fee_services(db, datetime(2026, 11, 20, 9, 0))
    staff = services.staff.save_staff({"name": "王阿姨", "team": Team.ENVIRONMENT, "position": "保洁员"})
    for name, weight in (("地面", 50), ("玻璃", 50)):
        services.inspections.save_score_item({"area": "lobby", "name": name, "weight": weight})
    plan = services.cleaning.save({"area": "lobby", "place": "1栋大堂", "staff_id": staff})
    return services, staff, plan


def test_daily_tasks_generate_and_tick(qtbot, qtmodeltester, env):
    from ui.pages.environment.tasks import DailyTasksPage

    services, _staff, _plan = env
    services.cleaning.save({"area": "road", "place": "主干道", "company": "洁美"})
    page = DailyTasksPage(services)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    page.generate_button.click()
    assert page.model.rowCount() == 2 and "0 / 2" in page.summary.text()
    qtmodeltester.check(page.model)
    selection = page.table.selectionModel()
    for row in (0, 1):
        selection.select(page.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    page.done_button.click()
    assert all(t.done for t in services.cleaning.tasks(page.selected_day())) and "2 / 2" in page.summary.text()
    grab(page, "env_tasks.png")


def test_inspection_fails_opens_order_then_reinspection_passes(qtbot, qtmodeltester, env):
    from ui.pages.environment.inspections import InspectionsPage

    services, _staff, plan = env
    page = InspectionsPage(services)
    qtbot.addWidget(page)
    dialog = page.inspect()
    fill(dialog, area="lobby")
    assert dialog.field("plan_id").findData(plan) >= 0 and len(dialog.spins) == 2
    fill(dialog, plan_id=plan, note="地面有污渍")
    first = next(iter(dialog.spins.values()))
    first.setValue(4)  # 50×0.4 + 50×1.0 = 70
    assert dialog.score_label.text().startswith("70.0") and "不合格" in dialog.score_label.text()
    grab(dialog, "env_inspection_dialog.png", resize=False)
    save(dialog)
    assert not dialog.isVisible() and page.register.total() == 1
    row = page.current()
    assert (row.score, row.passed, row.cleaner) == (Decimal("70.0"), False, "王阿姨") and row.workorder_id
    assert [m[2] for m in page.pane.model.rows()] == [4, 10]
    qtmodeltester.check(page.register.model)
    grab(page, "env_inspections.png")

    recheck = page.reinspect()
    assert not recheck.field("area").isEnabled() and recheck.field("area").currentData() == "lobby"
    save(recheck)
    assert page.register.total() == 2
    assert services.inspections.get(row.id).reinspected
    page.register.reload(select=lambda r: r.id == row.id)
    assert page.reinspect() is None and "复查" in page.pane.title.text()  # once only


def test_inspection_of_an_area_without_a_sheet_says_so(qtbot, env):
    from ui.pages.environment.inspections import InspectionsPage

    services, *_ = env
    page = InspectionsPage(services)
    qtbot.addWidget(page)
    dialog = page.inspect()
    fill(dialog, area="road")
    assert not dialog.spins and "评分表" in dialog.score_label.text()
    save(dialog)
    assert dialog.isVisible() and "评分表" in dialog.errors()["area"]
    assert services.inspections.count() == 0


def test_score_sheet_and_monthly_scores(qtbot, qtmodeltester, env):
    from ui.pages.environment.scores import MonthlyScoresPage, ScoreSheetPage

    services, _staff, plan = env
    sheet = ScoreSheetPage(services)
    qtbot.addWidget(sheet)
    sheet.area.setCurrentIndex(sheet.area.findData("lobby"))
    assert sheet.model.rowCount() == 2 and "100" in sheet.summary.text()
    dialog = sheet.add_item()
    fill(dialog, name="信报箱", weight="abc")
    save(dialog)
    assert "weight" in dialog.errors() and sheet.model.rowCount() == 2
    fill(dialog, weight="10")
    save(dialog)
    assert sheet.model.rowCount() == 3 and "110" in sheet.summary.text()
    qtmodeltester.check(sheet.model)
    grab(sheet, "env_score_sheet.png")

    items = services.inspections.score_items("lobby")
    services.inspections.inspect({"day": "2026-11-10", "area": "lobby", "plan_id": plan},
                                 {i.id: 9 for i in items})
    scores = MonthlyScoresPage(services)
    qtbot.addWidget(scores)
    assert scores.period.currentData() == "2026-11"
    assert [(r.label, r.average) for r in scores.model.rows()] == [("大堂", Decimal("90.0"))]
    scores.by.setCurrentIndex(scores.by.findData("cleaner"))
    assert [r.label for r in scores.model.rows()] == ["王阿姨"] and "90.0" in scores.summary.text()
    grab(scores, "env_monthly_scores.png")


def test_garbage_records_and_month_totals(qtbot, env):
    from ui.pages.environment.garbage import GarbagePage

    services, *_ = env
    page = GarbagePage(services)
    qtbot.addWidget(page)
    assert page.register.filters()["period"] == "2026-11"
    for kind, kg in (("kitchen", "120.5"), ("recyclable", "30")):
        dialog = page.add()
        fill(dialog, kind=kind, weight_kg=kg, company="区环卫")
        save(dialog)
    dialog = page.add()
    fill(dialog, kind="other_waste", weight_kg="0", bins="0")
    save(dialog)
    assert "weight_kg" in dialog.errors()
    dialog.reject()
    assert page.register.total() == 2
    totals = {r.kind: r.weight_kg for r in page.totals.model.rows()}
    assert totals["kitchen"] == Decimal("120.5") and totals["recyclable"] == Decimal("30.0")
    assert any("150.5" in label.text() for label in page.totals.findChildren(type(page.totals.title)))
    grab(page, "env_garbage.png")


def test_greening_and_plans(qtbot, qtmodeltester, env):
    from ui.pages.environment.greening import GreeningPage
    from ui.pages.environment.plans import CleaningPlansPage

    services, staff, _plan = env
    page = GreeningPage(services)
    qtbot.addWidget(page)
    dialog = page.add()
    fill(dialog, kind="pest_control", place="樱花林", planned_on="2026-11-21", done_on="2026-11-22")
    save(dialog)
    assert dialog.isVisible() and "药剂" in dialog.errors()["agent"]
    fill(dialog, agent="吡虫啉", staff_id=staff)
    save(dialog)
    assert page.register.total() == 1 and page.current().staff_name == "王阿姨"
    qtmodeltester.check(page.register.model)
    grab(page, "env_greening.png")

    plans = CleaningPlansPage(services)
    qtbot.addWidget(plans)
    assert plans.register.total() == 1
    plans.register.table.selectRow(0)
    plans.toggle_active()
    assert not services.cleaning.get(plans.current().id).active
    grab(plans, "env_plans.png")


def test_environment_tab_as_the_cleaning_supervisor(qtbot, as_role, env):
    from ui.tabs.base import RoleTab
    from ui.tabs.environment import pages

    tab = RoleTab(pages(as_role("environment")))
    qtbot.addWidget(tab)
    assert "质量检查" in tab.titles() and "垃圾分类" in tab.titles()
    assert tab.page("质量检查").register.total() == 0
    security = RoleTab(pages(as_role("security")))
    qtbot.addWidget(security)
    assert "没有" in security.page("垃圾分类").register.count_label.text()


@pytest.mark.slow
def test_demo_as_supervisor_and_manager_report_matches_the_pages(qtbot, db, tmp_path, monkeypatch):
    """The issue's check: on the demo property, the cleaning supervisor scores and re-inspects through the
    window; the manager's report (PDF text) shows the figures the 环境 and 经理 pages show."""
    from pypdf import PdfReader
    from PySide6.QtCore import QSettings

    from app.demo import fill_demo
    from tests.conftest import actor
    from ui.main_window import MainWindow

    services, _clock = fee_services(db, datetime(2026, 11, 28, 10, 0))
    fill_demo(services)

    def window_as(role):
        window = MainWindow(services.as_actor(actor(role)), QSettings(str(tmp_path / f"{role}.ini"),
                                                                      QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        return window

    supervisor = window_as("environment").show_role("environment")
    inspections = supervisor.page("质量检查")
    before = inspections.register.total()
    dialog = inspections.inspect()
    fill(dialog, area="lobby")
    for spin in dialog.spins.values():
        spin.setValue(5)
    save(dialog)
    failed = inspections.current()
    assert not failed.passed and failed.workorder_id and inspections.register.total() == before + 1
    recheck = inspections.reinspect()
    save(recheck)
    assert services.inspections.get(failed.id).reinspected

    garbage = supervisor.page("垃圾分类")
    scores = supervisor.page("月度评分")
    scores.reload()
    manager = window_as("manager").show_role("manager")
    report_page = manager.page("经营月报")
    report_page.period.setCurrentIndex(report_page.period.findData("2026-11"))
    assert report_page.render()
    out = tmp_path / "report.pdf"
    report_page.preview.save_to(out)
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    month = services.garbage.month("2026-11")
    assert str(month.total_kg) in text and [r.weight_kg for r in garbage.totals.model.rows()] == [
        k.weight_kg for k in month.by_kind]
    average = services.inspections.month_average("2026-11")
    assert f"本月平均分 {average}" in scores.summary.text() and str(average) in text
    plan = manager.page("年度计划")
    energy = next(r for r in plan.model.rows() if r.metric == "budget:energy")
    assert f"{energy.year_to_date:,.2f}" in text  # the plan's year-to-date energy cost is the report's
