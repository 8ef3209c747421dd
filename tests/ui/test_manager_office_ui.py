"""经理 and 客服 office pages through their widgets: targets set and the plan table, cost entry and the
.xlsx import (all or nothing), the monthly report previewed and exported, the relations log, an activity
with sign-ups and its printed notice, a survey with an answer entered."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QMessageBox

from app.models import Metric
from tests.app.roster_files import write_xlsx
from tests.fees_setup import build_property, fee_services
from tests.ui.test_environment_ui import fill, grab, save


@pytest.fixture
def office(db, monkeypatch):
    services, _clock = fee_services(db, datetime(2026, 11, 20, 9, 0))
    boxes: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: boxes.append(("warning", text)))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text, *a: boxes.append(("info", text)))
    return services, boxes


def test_annual_plan_targets_dialog_and_table(qtbot, qtmodeltester, office):
    from ui.pages.manager.plan import AnnualPlanPage

    services, _ = office
    services.costs.save({"day": "2026-02-03", "category": "energy", "amount": "5000"})
    page = AnnualPlanPage(services)
    qtbot.addWidget(page)
    assert page.year.value() == 2026 and page.model.rowCount() == 3 + 8
    dialog = page.edit_targets()
    fill(dialog, **{Metric.SATISFACTION: "7", "budget:energy": "4000"})
    save(dialog)
    assert Metric.SATISFACTION in dialog.errors() and dialog.isVisible()
    fill(dialog, **{Metric.SATISFACTION: "4.5"})
    save(dialog)
    assert not dialog.isVisible()
    energy = next(r for r in page.model.rows() if r.metric == "budget:energy")
    assert (energy.target, energy.months[1], energy.met) == (Decimal("4000.00"), Decimal("5000.00"), False)
    index = page.model.index(page.model.rows().index(energy), 2)
    assert page.model.data(index) == "5,000"  # 本年累计, whole yuan
    qtmodeltester.check(page.model)
    grab(page, "mgr_plan.png")


def test_costs_entry_and_import(qtbot, office, tmp_path):
    from ui.pages.manager.costs import CostsPage

    services, boxes = office
    page = CostsPage(services)
    qtbot.addWidget(page)
    dialog = page.add()
    fill(dialog, category="repair", amount="1200", description="水泵维修")
    save(dialog)
    assert page.register.total() == 1 and page.current().amount == Decimal("1200.00")
    bad = write_xlsx(tmp_path / "bad.xlsx", [["日期", "类别", "金额"], ["2026-11-01", "保洁", 100],
                                             ["2026-11-02", "零食", 5]])
    assert not page.import_file(str(bad))
    assert boxes[-1][0] == "warning" and "第 3 行" in boxes[-1][1] and page.register.total() == 1
    good = write_xlsx(tmp_path / "good.xlsx", [["日期", "类别", "金额"], ["2026-11-01", "保洁", 100]])
    assert page.import_file(str(good))
    assert boxes[-1][0] == "info" and page.register.total() == 2
    grab(page, "mgr_costs.png")


def test_monthly_report_page_preview_and_excel(qtbot, office, tmp_path):
    from ui.pages.manager.report import MonthlyReportPage

    services, _ = office
    page = MonthlyReportPage(services)
    qtbot.addWidget(page)
    page.period.setCurrentIndex(page.period.findData("2026-11"))
    assert page.render()
    assert page.preview.page_count() >= 2 and "2026-11" in page.status.text()
    out = tmp_path / "report.xlsx"
    assert page.export_excel(str(out)) and out.exists()
    assert not page.export_excel(str(tmp_path / "nowhere" / "r.xlsx"))
    grab(page, "mgr_report.png")


def test_relations_log_page(qtbot, office):
    from ui.pages.manager.relations import RelationsPage

    services, _ = office
    page = RelationsPage(services)
    qtbot.addWidget(page)
    dialog = page.add()
    fill(dialog, party="street", organisation="新城街道", subject="垃圾分类检查", follow_up="整改复查",
         follow_up_on="2026-11-30")
    save(dialog)
    assert page.register.total() == 1
    combo = page.register._combos["open_only"]
    combo.setCurrentIndex(combo.findData(True))
    assert page.register.total() == 1
    page.register.table.selectRow(0)
    page.close_follow_up()
    assert page.register.total() == 0
    grab(page, "mgr_relations.png")


def test_activity_signups_attendance_and_notice(qtbot, qtmodeltester, office, monkeypatch):
    from ui.pages.community import activities

    services, boxes = office
    build_property(services)
    shown = []
    monkeypatch.setattr(activities, "show_pdf", lambda parent, pdf, title, name: shown.append(pdf))
    page = activities.ActivitiesPage(services)
    qtbot.addWidget(page)
    dialog = page.add()
    fill(dialog, title="亲子手工", day="2026-12-20", place="会所", capacity="3", description="做灯笼")
    save(dialog)
    signup = page.sign_up()
    fill(signup, name="王女士", unit="1-1-101", people="2")
    save(signup)
    signup = page.sign_up()
    fill(signup, name="李先生", people="2")
    save(signup)
    assert signup.isVisible() and "名额已满" in signup.errors()[""]
    signup.reject()
    assert [r.name for r in page.pane.model.rows()] == ["王女士"]
    qtmodeltester.check(page.pane.model)
    page.pane.table.selectRow(0)
    page.toggle_attended()
    assert page.current().attended == 2
    page.print_notice()
    assert shown and shown[0].startswith(b"%PDF")
    grab(page, "svc_activities.png")


def test_survey_created_and_answer_entered(qtbot, office):
    from ui.pages.community.surveys import SurveysPage

    services, _ = office
    build_property(services)
    page = SurveysPage(services)
    qtbot.addWidget(page)
    dialog = page.new_survey()
    fill(dialog, title="年度调查", topics="保洁\n维修", sample="3")
    save(dialog)
    assert page.register.total() == 1 and page.current().sampled == 3
    assert page.answer() is None  # no household chosen yet
    page.pane.table.selectRow(0)
    answer = page.answer()
    answer.spins["保洁"].setValue(2)
    fill(answer, comment="楼道脏")
    save(answer)
    assert page.current().answered == 1
    response = services.surveys.responses(page.current().id)[0]
    assert response.scores == {"保洁": 2, "维修": 5} and response.workorder_id
    grab(page, "svc_surveys.png")
