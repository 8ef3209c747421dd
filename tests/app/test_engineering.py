"""工程 services: preventive maintenance, stock (shared with 环境), vendors — on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date, datetime
from decimal import Decimal

import pytest

from app.errors import FieldError, PermissionDenied, StateError
from app.services import Services
from app.services.context import SYSTEM, ServiceContext
from app.services.maintenance import occurrences
from app.services.workorders import Material
from tests.app.test_workorders import Clock  # the hand-moved clock of the work-order tests


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def svc(db, clock) -> Services:
    return Services(ServiceContext(db, SYSTEM, clock))


@pytest.fixture
def pump(svc):
    tech = svc.staff.save_staff({"name": "李师傅", "team": "engineering"})
    item = svc.equipment.save({"code": "GPS-001", "name": "1号生活水泵", "system": "water", "location": "泵房"})
    return {"tech": tech, "item": item}


def plan_values(pump, **extra):
    return {"name": "水泵月保养", "equipment_id": pump["item"], "frequency": "monthly", "assignee_id": pump["tech"],
            "checklist": "检查轴承温度\n检查机械密封有无渗漏\n\n检查电机电流", "start_on": "2026-11-20", **extra}


# --- preventive maintenance ------------------------------------------------------------------------


def test_occurrences_by_frequency():
    assert occurrences(date(2026, 1, 31), "monthly", None, date(2026, 1, 1), date(2026, 4, 30)) == [
        date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]
    assert occurrences(date(2026, 11, 1), "weekly", None, date(2026, 11, 10), date(2026, 11, 30)) == [
        date(2026, 11, 15), date(2026, 11, 22), date(2026, 11, 29)]
    assert occurrences(date(2026, 11, 1), "days", 10, date(2026, 11, 1), date(2026, 11, 30)) == [
        date(2026, 11, 1), date(2026, 11, 11), date(2026, 11, 21)]
    assert occurrences(date(2025, 12, 1), "quarterly", None, date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, 3, 1), date(2026, 6, 1), date(2026, 9, 1), date(2026, 12, 1)]


def test_plan_generates_tasks_ahead_and_rules(svc, pump):
    plan = svc.maintenance.plans.save(plan_values(pump, frequency="weekly"))
    tasks = svc.maintenance.list({"equipment_id": pump["item"]}, sort="due_on")
    # from today (11-28) 31 days ahead: 12-04, 12-11, 12-18, 12-25 (the 11-20 and 11-27 ones lie in the past)
    assert [t.due_on for t in tasks] == [date(2026, 12, 4), date(2026, 12, 11), date(2026, 12, 18),
                                         date(2026, 12, 25)]
    assert {t.assignee for t in tasks} == {"李师傅"} and tasks[0].plan == "水泵月保养"
    assert svc.maintenance.generate() == 0  # idempotent
    assert svc.maintenance.plans.get(plan).points == 3
    with pytest.raises(FieldError) as err:
        svc.maintenance.plans.save(plan_values(pump, frequency="days", checklist=" \n", start_on=""))
    assert set(err.value.errors) == {"interval_days", "checklist", "start_on"}


def test_overdue_list_record_with_anomaly_opens_linked_order(svc, pump, clock):
    svc.maintenance.plans.save(plan_values(pump))
    svc.maintenance.generate(since=date(2026, 11, 1))  # the 11-20 task: overdue
    overdue = svc.maintenance.list({"scope": "overdue"})
    assert [(t.due_on, t.overdue) for t in overdue] == [(date(2026, 11, 20), True)]
    task = overdue[0]
    points = svc.maintenance.points(task.id)
    assert [p.point for p in points] == ["检查轴承温度", "检查机械密封有无渗漏", "检查电机电流"]
    with pytest.raises(FieldError) as err:  # an anomaly without a note
        svc.maintenance.record(task.id, [{"ok": True}, {"ok": False}, {"ok": None}])
    assert set(err.value.errors) == {"points.2", "points.3"}
    result = svc.maintenance.record(
        task.id, [{"ok": True}, {"ok": False, "note": "机械密封滴水", "photo_path": "D:/照片/1.jpg"}, {"ok": True}],
        notes="已关小阀门", order={"category": "water", "place": "泵房"})
    assert result.anomalies == 1 and result.workorder_number.startswith("GD")
    with pytest.raises(StateError):
        svc.maintenance.record(task.id, [{"ok": True}] * 3)
    done = svc.maintenance.get(task.id)
    assert done.state == "done" and done.anomalies == 1
    assert svc.maintenance.points(task.id)[1].photo_path == "D:/照片/1.jpg"
    history = svc.equipment.history(pump["item"])
    kinds = {h.source for h in history}
    assert {"pm", "workorder"} <= kinds
    order_line = next(h for h in history if h.source == "workorder")
    assert "机械密封滴水" in order_line.summary and order_line.ref == result.workorder_number
    assert svc.maintenance.completion("2026-11").done == 1


def test_my_tasks_today(svc, pump, db, clock):
    from tests.conftest import actor

    svc.maintenance.plans.save(plan_values(pump, frequency="daily", start_on="2026-11-27"))
    svc.maintenance.generate(since=date(2026, 11, 27))
    svc.auth.create_user("admin", "管理员", "Passw0rd-2026", "admin")
    user = svc.auth.create_user("li", "李师傅", "Passw0rd-2026", "engineering")
    with svc.ctx.write() as s:
        from app.models import User

        s.get(User, user).staff_id = pump["tech"]
    li = Services(ServiceContext(db, actor("engineering", user), clock))
    assert [t.due_on for t in li.maintenance.my_tasks_today()] == [date(2026, 11, 27), date(2026, 11, 28)]
    other = Services(ServiceContext(db, actor("engineering"), clock))  # signed in without a staff record
    assert other.maintenance.my_tasks_today() == []


# --- stock -----------------------------------------------------------------------------------------


@pytest.fixture
def stock(svc):
    inv = svc.inventory
    valve = inv.save({"code": "cl-001", "name": "铜球阀DN20", "unit": "个", "category": "material",
                      "warehouse": "engineering", "min_quantity": "5"})
    mop = inv.save({"code": "bj-001", "name": "拖把", "unit": "把", "category": "supply", "warehouse": "cleaning"})
    drill = inv.save({"code": "gj-001", "name": "冲击钻", "unit": "台", "category": "tool", "warehouse": "engineering"})
    return {"valve": valve, "mop": mop, "drill": drill}


def test_stock_in_out_return_value_and_low_warning(svc, stock):
    inv = svc.inventory
    inv.stock_in(stock["valve"], "10", "30.00")
    inv.stock_in(stock["valve"], "10", "36.00")
    row = inv.get(stock["valve"])
    assert (row.quantity, row.value, row.price) == (Decimal("20.00"), Decimal("660.00"), Decimal("33.00"))
    inv.stock_out(stock["valve"], "16", person="李师傅")
    inv.return_stock(stock["valve"], "1", person="李师傅")
    row = inv.get(stock["valve"])
    assert (row.quantity, row.value) == (Decimal("5.00"), Decimal("165.00"))
    assert row.low and [r.code for r in inv.low_stock()] == ["CL-001"]
    with pytest.raises(FieldError) as err:
        inv.stock_out(stock["valve"], "6", person="李师傅")
    assert "库存不足" in err.value.errors["quantity"]
    with pytest.raises(FieldError):
        inv.stock_out(stock["valve"], "1")  # to whom?
    with pytest.raises(FieldError):
        inv.stock_in(stock["valve"], "-1", "3")
    inv.stock_out(stock["valve"], "5", person="李师傅")
    assert inv.get(stock["valve"]).value == Decimal("0.00")  # the last unit takes the rest of the value
    assert [m.kind for m in inv.moves(stock["valve"])] == ["out", "return", "out", "in", "in"]


def test_workorder_materials_draw_from_stock(svc, stock, pump):
    inv = svc.inventory
    inv.stock_in(stock["valve"], "3", "30")
    wo = svc.workorders
    order = wo.intake({"kind": "repair", "source": "phone", "category": "water", "description": "阀门漏水",
                       "assignee_id": pump["tech"]}).row
    wo.start(order.id)
    with pytest.raises(FieldError) as err:  # more than in stock: nothing completes, nothing drawn
        wo.complete(order.id, "更换阀门", [Material("铜球阀DN20", "4", "30", "个", stock["valve"])])
    assert "库存不足" in err.value.errors["materials.1"]
    assert inv.get(stock["valve"]).quantity == Decimal("3.00") and wo.get(order.id).row.state == "in_progress"
    wo.complete(order.id, "更换阀门", [Material("铜球阀DN20", "2", "30", "个", stock["valve"]),
                                     Material("生料带", "1", "2", "卷")])
    assert inv.get(stock["valve"]).quantity == Decimal("1.00")
    assert [(m.kind, m.target) for m in inv.moves(stock["valve"])][0] == ("out", order.number)


def test_stocktake_posts_differences(svc, stock):
    inv = svc.inventory
    inv.stock_in(stock["valve"], "10", "30")
    take = inv.start_stocktake("engineering")
    with pytest.raises(StateError):
        inv.start_stocktake("engineering")
    lines = {ln.code: ln for ln in inv.stocktake_lines(take)}
    assert set(lines) == {"CL-001", "GJ-001"} and lines["CL-001"].book == Decimal("10.00")
    inv.set_count(lines["CL-001"].id, "8")
    with pytest.raises(FieldError):
        inv.close_stocktake(take)  # the drill is not counted yet
    inv.set_count(lines["GJ-001"].id, "0")
    assert inv.close_stocktake(take) == 1
    row = inv.get(stock["valve"])
    assert (row.quantity, row.value) == (Decimal("8.00"), Decimal("240.00"))
    assert inv.stocktakes("engineering")[0].differences == 1
    with pytest.raises(StateError):
        inv.set_count(lines["CL-001"].id, "9")


def test_tools_lent_and_returned(svc, stock):
    inv = svc.inventory
    inv.stock_in(stock["drill"], "1", "800")
    loan = inv.lend(stock["drill"], "王师傅", due_on="2026-12-01")
    assert inv.get(stock["drill"]).available == Decimal("0.00")
    with pytest.raises(FieldError):
        inv.lend(stock["drill"], "李师傅")
    with pytest.raises(FieldError):
        inv.stock_out(stock["drill"], "1", person="李师傅")
    assert [r.borrower for r in inv.loans()] == ["王师傅"]
    inv.give_back(loan)
    with pytest.raises(StateError):
        inv.give_back(loan)
    assert inv.loans() == [] and inv.get(stock["drill"]).available == Decimal("1.00")


def test_monthly_usage_of_the_cleaning_store(svc, stock, clock):
    inv = svc.inventory
    inv.stock_in(stock["mop"], "10", "15")
    clock.now = datetime(2026, 10, 5, 9)
    inv.stock_out(stock["mop"], "2", person="保洁张阿姨")
    clock.now = datetime(2026, 11, 5, 9)
    inv.stock_out(stock["mop"], "3", person="保洁张阿姨")
    inv.return_stock(stock["mop"], "1", person="保洁张阿姨")
    usage = inv.usage("cleaning", date(2026, 10, 1), date(2026, 12, 1))
    assert [(u.month, u.quantity, u.cost) for u in usage] == [
        ("2026-10", Decimal("2.00"), Decimal("30.00")), ("2026-11", Decimal("2.00"), Decimal("30.00"))]
    assert inv.usage("engineering", date(2026, 10, 1), date(2026, 12, 1)) == []


def test_stock_permissions(svc, stock, as_role):
    assert as_role("environment").inventory.count({"warehouse": "cleaning"}) == 1
    with pytest.raises(PermissionDenied):
        as_role("security").inventory.count()
    with pytest.raises(PermissionDenied):
        as_role("service").inventory.stock_in(stock["mop"], "1", "1")


# --- vendors ---------------------------------------------------------------------------------------


def test_vendor_visit_acceptance_score_and_expiry(svc, pump):
    vendors = svc.vendors
    lift = vendors.save({"name": "迅达电梯维保", "system": "elevator", "contract_start": "2026-01-01",
                         "contract_end": "2026-12-31", "phone": "13800001111"})
    vendors.save({"name": "消防维保公司", "system": "fire", "contract_end": "2027-06-30"})
    assert [v.name for v in vendors.expiring()] == ["迅达电梯维保"] and vendors.get(lift).days_left == 33
    visit = vendors.record_visit({"vendor_id": lift, "visited_on": "2026-11-10", "work": "半月保养",
                                  "equipment_id": pump["item"]})
    second = vendors.record_visit({"vendor_id": lift, "visited_on": "2026-11-25", "work": "半月保养"})
    with pytest.raises(FieldError) as err:
        vendors.accept_visit(visit, 2)
    assert "note" in err.value.errors
    vendors.accept_visit(visit, 5, "按时完成")
    vendors.accept_visit(second, 4)
    with pytest.raises(StateError):
        vendors.accept_visit(second, 4)
    assert [(v.visited_on, v.accepted, v.equipment) for v in vendors.visits(lift)] == [
        (date(2026, 11, 25), True, ""), (date(2026, 11, 10), True, "GPS-001 1号生活水泵")]
    [score] = vendors.monthly_scores("2026-11")
    assert (score.visits, score.accepted, score.average) == (2, 2, Decimal("4.5"))
    assert any(h.source == "vendor" for h in svc.equipment.history(pump["item"]))
    with pytest.raises(FieldError):
        vendors.save({"name": "x", "system": "fire", "contract_start": "2026-02-01", "contract_end": "2026-01-01"})


# --- repair plans ----------------------------------------------------------------------------------


def test_repair_plan_approval_acceptance_and_year_figures(svc, pump, as_role):
    plans = svc.repair_plans
    values = {"year": "2026", "title": "生活水泵大修", "scale": "major", "system": "water", "budget": "30000",
              "planned_start": "2026-12-01", "planned_end": "2026-12-20", "equipment_id": pump["item"]}
    first = plans.save(values)
    second = plans.save({**values, "title": "外墙修补", "scale": "medium", "system": "structure", "budget": "8000",
                         "equipment_id": None})
    with pytest.raises(FieldError) as err:
        plans.save({**values, "planned_start": "2025-12-01", "budget": "abc"})
    assert set(err.value.errors) == {"planned_start", "budget"}
    with pytest.raises(PermissionDenied):
        as_role("engineering").repair_plans.approve(first)  # only the manager approves
    with pytest.raises(StateError):
        plans.accept(first, "1")  # not approved yet
    plans.approve(first)
    with pytest.raises(StateError):
        plans.save(values, first)  # approved: no more edits
    plans.accept(first, "31500.50", "按期完成")
    plans.cancel(second, "预算不足")
    summary = plans.year_summary(2026)
    assert (summary.plans, summary.budget, summary.approved_budget, summary.accepted, summary.actual) == (
        1, Decimal("30000.00"), Decimal("30000.00"), 1, Decimal("31500.50"))
    assert plans.get(first).variance == Decimal("1500.50")
    assert any(h.source == "repair" and h.cost == Decimal("31500.50") for h in svc.equipment.history(pump["item"]))


# --- takeover inspection ---------------------------------------------------------------------------


def test_takeover_checklist_defects_reinspection_and_list(svc, tmp_path):
    building = svc.archive.create_building("9栋", floors=18)
    tk = svc.takeover
    inspection = tk.save({"building_id": building, "inspected_on": "2026-11-20", "developer": "华润置地",
                          "inspector": "王工"})
    checks = tk.checks(inspection)
    assert len(checks) > 10 and {c.area for c in checks} >= {"main_structure", "plumbing", "lift"}
    tk.set_check(checks[0].id, False)
    defect = tk.defects.save({"inspection_id": inspection, "area": "main_structure", "location": "9栋12层楼梯间",
                              "description": "墙面裂缝约1.2米", "responsible": "华润置地", "deadline": "2026-11-25",
                              "photo_path": "D:/查验/001.jpg"})
    row = tk.defects.get(defect)
    assert row.overdue and row.state == "open" and row.scope == "9栋"
    with pytest.raises(FieldError):
        tk.defects.reinspect(defect, False)  # why not?
    tk.defects.reinspect(defect, False, "仍有裂缝")
    assert tk.defects.get(defect).state == "failed"
    tk.defects.reinspect(defect, True)
    row = tk.defects.get(defect)
    assert (row.state, row.reinspections, row.signed_off_on) == ("signed_off", 2, date(2026, 11, 28))
    with pytest.raises(StateError):
        tk.defects.save({"inspection_id": inspection, "area": "other_area", "location": "x", "description": "y"},
                        defect)
    summary = tk.get(inspection)
    assert (summary.checked, summary.defects, summary.open_defects) == (1, 1, 0)
    pdf = tk.defect_list_pdf(building)
    assert pdf.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "承接查验问题清单" in text and "墙面裂缝" in text


# --- equipment ledger .xlsx ------------------------------------------------------------------------


def test_equipment_export_imports_back_and_bad_rows_save_nothing(svc, pump, tmp_path):
    from openpyxl import Workbook, load_workbook

    from app.services.equipment import ImportRefused

    svc.vendors.save({"name": "迅达电梯维保", "system": "elevator"})
    svc.equipment.save({"code": "DT-01", "name": "=HYPERLINK(\"x\")", "system": "elevator", "location": "1栋",
                        "installed_on": "2020-05-01", "vendor_id": svc.vendors.list()[0].id})
    path = tmp_path / "ledger.xlsx"
    assert svc.equipment.export_xlsx(path) == 2
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]][:3] == ["设备编号", "设备名称", "所属系统"]
    assert sheet["B2"].value == "'=HYPERLINK(\"x\")" and sheet["C2"].value == "电梯" and sheet["I2"].value == "迅达电梯维保"
    assert astuple(svc.equipment.import_xlsx(path)) == (2, 0, 0)  # unchanged
    assert svc.equipment.get(svc.equipment.find_code("DT-01")).name == "=HYPERLINK(\"x\")"

    wb = Workbook()
    ws = wb.active
    ws.append(["设备编号", "设备名称", "所属系统", "安装日期", "维保单位", "状态"])
    ws.append(["XF-01", "消防泵", "消防", "2021/3/1", "", "在用"])
    ws.append(["GPS-001", "1号生活水泵(改)", "给排水", "", "", "故障"])
    ws.append(["XF-02", "", "消火栓", "2021-13-01", "不存在公司", ""])
    ws.append(["xf-01", "重复", "消防", "", "", ""])
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    with pytest.raises(ImportRefused) as err:
        svc.equipment.import_xlsx(bad)
    where = {(i.row, i.column) for i in err.value.issues}
    assert {(4, "设备名称"), (4, "所属系统"), (4, "安装日期"), (4, "维保单位"), (5, "设备编号")} <= where
    assert "第4行 设备名称" in str(err.value)
    assert svc.equipment.count() == 2 and svc.equipment.get(pump["item"]).status == "in_use"  # nothing saved

    ws.delete_rows(4, 2)
    wb.save(bad)
    assert astuple(svc.equipment.import_xlsx(bad)) == (2, 1, 1)
    assert svc.equipment.get(pump["item"]).status == "faulty"
    assert svc.equipment.get(svc.equipment.find_code("XF-01")).installed_on == date(2021, 3, 1)
