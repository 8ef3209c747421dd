"""经理/客服 office services: cost entries and their all-or-nothing import, the annual plan against actuals,
the monthly report (its figures are the owning services' figures, in the PDF and the workbook too), the
relations log, community activities and owner surveys."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.errors import FieldError, PermissionDenied, ServiceError, StateError
from app.models import Incident, Metric
from app.services.annual_plan import BUDGET, percent
from tests.app.roster_files import write_xlsx
from tests.conftest import actor
from tests.fees_setup import add_items, build_property, fee_services


@pytest.fixture
def office(db):
    services, clock = fee_services(db, datetime(2026, 11, 20, 9, 0))
    return services, clock


def test_cost_entry_accepts_code_or_label_and_names_bad_fields(office):
    services, _ = office
    services.costs.save({"day": "2026-11-03", "category": "energy", "amount": "1,200.50", "vendor": "供电局"})
    services.costs.save({"day": "2026-10-03", "category": "能耗", "amount": "99.5"})
    with pytest.raises(FieldError) as err:
        services.costs.save({"day": "2026-11-31", "category": "杂项", "amount": "-1"})
    assert set(err.value.errors) == {"day", "category", "amount"}
    totals = services.costs.month_totals("2026-11")
    assert totals["energy"] == Decimal("1200.50") and totals["labour"] == 0
    assert services.costs.count({"period": "2026-11"}) == 1 and services.costs.count({"category": "energy"}) == 2


def test_cost_import_is_all_or_nothing_with_row_numbers(office, tmp_path):
    services, _ = office
    bad = write_xlsx(tmp_path / "bad.xlsx", [
        ["日期", "类别", "金额", "摘要", "单位"],
        ["2026-11-01", "保洁", 30000, "11月保洁外包", "洁美"],
        ["2026-11-02", "零食", 12, "", ""],
        ["2026-11-40", "绿化", "abc", "", ""],
    ], title="成本明细")
    with pytest.raises(ServiceError) as err:
        services.costs.import_file(bad)
    message = str(err.value)
    assert "没有导入任何记录" in message and "第 4 行: 类别应为 人工、能耗" in message
    assert "第 5 行: 金额应为金额数字" in message and "日期: 日期无效" in message and "第 3 行" not in message
    assert services.costs.count() == 0
    good = write_xlsx(tmp_path / "good.xlsx", [
        ["日期", "类别", "金额", "摘要"], ["2026-11-01", "保洁", 30000, "外包"], [None, None, None, None],
        ["2026/11/05", "人工", "138,000.00", "工资"]])
    outcome = services.costs.import_file(good)
    assert (outcome.rows, outcome.total) == (2, Decimal("168000.00"))
    assert services.costs.month_totals("2026-11")["labour"] == Decimal("138000.00")
    with pytest.raises(ServiceError) as err:
        services.costs.import_file(write_xlsx(tmp_path / "nohead.xlsx", [["a", "b"], [1, 2]]))
    assert "找不到" in str(err.value)


def test_annual_plan_targets_and_actuals_month_by_month(office):
    services, clock = office
    ids = build_property(services)
    add_items(services)
    services.billing.run("2026-10")
    services.payments.pay(ids["a"], "895", "cash")
    plan = services.annual_plan
    plan.set_targets(2026, {Metric.COLLECTION_RATE: "95", BUDGET + "energy": "12000", Metric.SATISFACTION: ""})
    with pytest.raises(FieldError):
        plan.set_targets(2026, {Metric.SATISFACTION: "6"})
    services.costs.save({"day": "2026-03-10", "category": "energy", "amount": "5000"})
    services.costs.save({"day": "2026-11-10", "category": "energy", "amount": "8000"})
    order = services.workorders.intake({"kind": "repair", "category": "water", "description": "漏水"})
    table = plan.plan(2026, "2026-11")
    assert table.through == "2026-11"
    coll = table.line(Metric.COLLECTION_RATE)
    october = services.fee_reports.collection_rate("2026-10").month[0]  # 物业费 of the fee reports page
    assert coll.target == Decimal("95.00") and coll.months[9] == Decimal(october.collected * 100 / october.billed
                                                                         ).quantize(Decimal("0.1"))
    assert coll.months[11] is None and coll.met is False
    energy = table.line(BUDGET + "energy")
    assert energy.months[2] == Decimal("5000.00") and energy.year_to_date == Decimal("13000.00")
    assert energy.met is False  # 13,000 spent against a 12,000 budget
    on_time = table.line(Metric.ON_TIME_RATE)
    assert on_time.months[10] is None and on_time.target is None and order.row.id
    assert plan.targets(2026) == {Metric.COLLECTION_RATE: Decimal("95.00"), BUDGET + "energy": Decimal("12000.00")}
    with pytest.raises(PermissionDenied):
        services.as_actor(actor("service")).annual_plan.plan(2026)


def test_relations_log_follow_up(office):
    services, _ = office
    rel = services.relations
    with pytest.raises(FieldError) as err:
        rel.save({"day": "2026-11-10", "party": "committee", "subject": "", "follow_up_on": "2026-11-01"})
    assert set(err.value.errors) == {"subject", "follow_up_on"}
    cid = rel.save({"day": "2026-11-10", "party": "committee", "organisation": "业委会", "subject": "例会",
                    "follow_up": "张贴公示", "follow_up_on": "2026-11-20"})
    assert rel.count({"open_only": True}) == 1
    rel.close(cid)
    assert rel.count({"open_only": True}) == 0 and rel.count({"party": "committee"}) == 1
    assert rel.values(cid)["follow_up"] == "张贴公示"
    with pytest.raises(PermissionDenied):
        services.as_actor(actor("environment")).relations.count()


def test_activity_signups_capacity_attendance_and_notice(office):
    services, _ = office
    ids = build_property(services)
    act = services.activities
    aid = act.save({"title": "亲子手工", "day": "2026-12-20", "place": "会所", "capacity": "5", "cost": "300"})
    act.sign_up(aid, {"name": "王女士", "people": "3", "unit": "1-1-101"})
    second = act.sign_up(aid, {"name": "李先生", "people": "2"})
    with pytest.raises(StateError):
        act.sign_up(aid, {"name": "赵先生"})
    with pytest.raises(FieldError):
        act.sign_up(aid, {"name": "钱", "unit": "9-9-999"})
    act.set_attended(second)
    row = act.get(aid)
    assert (row.signed_up, row.attended, row.cost) == (5, 2, Decimal("300.00"))
    assert [(g.name, g.unit) for g in act.signups(aid)] == [("王女士", "1-1-101"), ("李先生", "")]
    notice = act.notice(aid)
    assert notice.title == "亲子手工" and notice.day == date(2026, 12, 20)
    assert ids


def test_survey_sample_answers_topics_and_workorder(office):
    services, _ = office
    build_property(services)
    surveys = services.surveys
    sid = surveys.create({"title": "年度调查", "sent_on": "2026-11-01", "topics": "保洁\n维修\n保洁2", "sample": 3},
                         seed=1)
    responses = surveys.responses(sid)
    assert len(responses) == 3 and surveys.get(sid).sampled == 3
    with pytest.raises(FieldError) as err:
        surveys.answer(responses[0].id, {"保洁": 6, "维修": 4})
    assert set(err.value.errors) == {"topic_0", "topic_2"}
    surveys.answer(responses[0].id, {"保洁": 1, "维修": 4, "保洁2": 5}, "楼道太脏", open_workorder=True)
    surveys.answer(responses[1].id, {"保洁": 3, "维修": 5, "保洁2": 5})
    with pytest.raises(StateError):
        surveys.answer(responses[1].id, {"保洁": 3, "维修": 5, "保洁2": 5})
    row = surveys.get(sid)
    assert (row.answered, row.average) == (2, Decimal("3.83"))
    by_topic = {t.topic: (t.answers, t.average) for t in surveys.by_topic()}
    assert by_topic == {"保洁": (2, Decimal("2.00")), "维修": (2, Decimal("4.50")), "保洁2": (2, Decimal("5.00"))}
    order_id = surveys.responses(sid)[0].workorder_id
    assert order_id and "保洁" in services.workorders.get(order_id).row.description


@pytest.fixture
def demo(db):
    from app.demo import fill_demo

    services, _ = fee_services(db, datetime(2026, 11, 28, 10, 0))
    fill_demo(services)
    return services


def add_pm_tasks(services) -> None:
    """Three PM tasks due in November 2026 (two done) and one in October: issue 15's tables."""
    from app.models import PmPlan, PmTask

    with services.ctx.write() as s:
        plan = PmPlan(name="水泵月检", system="water", frequency="monthly", start_on=date(2026, 1, 1))
        s.add(plan)
        s.flush()
        for due, state in ((date(2026, 11, 3), "done"), (date(2026, 11, 10), "done"),
                           (date(2026, 11, 17), "pending"), (date(2026, 10, 20), "pending")):
            s.add(PmTask(plan_id=plan.id, due_on=due, state=state))


def test_monthly_report_figures_are_the_services_figures(demo, tmp_path, cli_user):
    services = demo
    before = services.monthly_report.gather("2026-11").pm_completion or (0, 0)  # the demo's own PM tasks
    add_pm_tasks(services)
    report = services.monthly_report.gather("2026-11")
    own = services.fee_reports.collection_rate("2026-11")
    assert report.collection == own
    assert report.arrears == services.fee_reports.aging(today=date(2026, 11, 28))
    month = services.dashboard.workorders_by_month("2026-11", 1)[0]
    assert (report.workorders.reported, report.workorders.complaints, report.workorders.visited,
            report.workorders.average_satisfaction) == (month.reported, month.complaints, month.visited,
                                                         month.average_satisfaction)
    assert report.cleaning_average == services.inspections.month_average("2026-11") is not None
    assert report.garbage == services.garbage.month("2026-11") and report.garbage.total_kg > 0
    assert {c.category: c.month for c in report.costs} == services.costs.month_totals("2026-11")
    plan = services.annual_plan.plan(2026, "2026-11")
    assert [c.year_to_date for c in report.costs] == [line.year_to_date for line in plan.lines if line.is_budget]
    assert report.pm_completion == (before[0] + 2, before[1] + 3)
    with services.db.read_session() as s:  # issue 16's incident records (the demo's fall in the current month)
        in_month = s.scalar(select(func.count(Incident.id)).where(
            Incident.started_at >= datetime(2026, 11, 1), Incident.started_at < datetime(2026, 12, 1)))
    assert report.incidents == in_month > 0

    # The PDF says the same numbers (its text layer) and the workbook holds them as numbers.
    from pypdf import PdfReader

    out = tmp_path / "月报.pdf"
    assert main(["--database", services.db.url, *cli_user(services), "report", "monthly", "--period", "2026-11",
                 "--out", str(out)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    prop = own.month[0]
    assert f"{prop.collected * 100 / prop.billed:.1f}" in text
    generated = date.fromisoformat(re.search(r"生成于 (\d{4}-\d{2}-\d{2})", text)[1])  # the command's own clock
    assert f"{services.fee_reports.aging(today=generated).total:,.2f}" in text  # 欠费为生成月报当日的数字
    assert f"{report.cost_month_total:,.2f}" in text
    assert str(report.cleaning_average) in text and str(report.garbage.total_kg) in text
    done, due = report.pm_completion
    assert f"完成 {done}/{due}" in text and str(percent(done, due)) in text  # PM completion
    from openpyxl import load_workbook

    xlsx = tmp_path / "月报.xlsx"
    services.monthly_report.write("2026-11", xlsx)
    cells = [c.value for row in load_workbook(xlsx)["月报"].iter_rows() for c in row]
    assert float(report.arrears.total) in cells and float(report.cost_ytd_total) in cells
    days = load_workbook(xlsx)["垃圾分类日报"]
    assert days.max_row == 1 + 30 + 1 and days.cell(32, 6).value == float(report.garbage.total_kg)


def test_report_command_refuses_bad_period_and_suffix(db, tmp_path, capsys):
    url = db.url
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    assert main(["--database", url, "report", "monthly", "--period", "2026-13", "--out",
                 str(tmp_path / "a.pdf")]) == 2
    assert main(["--database", url, "report", "monthly", "--period", "2026-11", "--out",
                 str(tmp_path / "a.doc")]) == 2
    assert ".pdf 或 .xlsx" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
