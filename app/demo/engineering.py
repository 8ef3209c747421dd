"""Demo 工程 registers: vendors, the equipment ledger, PM plans with two months of recorded tasks (an
anomaly that opened and completed a work order with stock materials), 工程库/保洁库 stock with four months
of issues, a closed stock-take, tools out on loan, repair plans and a takeover inspection with defects."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.models import Building, Staff, Team
from app.services import Services
from app.services.context import ServiceContext
from app.services.workorders import Material


class _Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


VENDORS = [
    ("迅达电梯(苏州)维保分公司", "elevator", "电梯半月保养、年检配合、24小时困人救援", 180),
    ("安盾消防设施维保有限公司", "fire", "消防系统月检、年度检测", 40),
    ("清源二次供水服务中心", "water", "水箱清洗消毒(每半年)、水质检测", 400),
    ("恒安智能弱电工程部", "low_voltage", "监控、门禁、道闸维保", -10),
]
# (code prefix, name, system, location, model, maker, count, vendor index or None)
EQUIPMENT = [
    ("DT", "电梯", "elevator", "{b}{u}单元", "Schindler 3300", "迅达", 8, 0),
    ("GPS", "生活水泵", "water", "地下一层生活泵房", "CDLF 32-40", "南方泵业", 4, 2),
    ("SX", "生活水箱", "water", "地下一层生活泵房", "SUS304 60m³", "—", 2, 2),
    ("XFB", "消防泵", "fire", "地下一层消防泵房", "XBD 8/40", "上海连成", 2, 1),
    ("PL", "喷淋泵", "fire", "地下一层消防泵房", "XBD 6/30", "上海连成", 2, 1),
    ("BYQ", "变压器", "power", "配电房", "SCB11-800", "正泰", 2, None),
    ("FDJ", "柴油发电机", "power", "发电机房", "300GF", "康明斯", 1, None),
    ("JK", "监控主机", "low_voltage", "监控中心", "DS-9632N", "海康威视", 2, 3),
    ("MJ", "单元门禁", "low_voltage", "{b}{u}单元大堂", "DS-KD8003", "海康威视", 6, 3),
    ("XHS", "室外消火栓", "fire", "小区主路", "SS100", "—", 6, 1),
    ("LD", "路灯回路", "lighting", "小区道路", "LED 60W", "欧普", 3, None),
    ("KT", "大堂空调", "hvac", "{b}一楼大堂", "KFR-72LW", "格力", 3, None),
    ("WM", "屋面防水", "structure", "{b}屋面", "SBS卷材", "—", 3, None),
]
PLANS = [
    ("生活水泵日巡检", "GPS-01", "daily", None, "运行声音、振动正常\n出口压力0.45-0.55MPa\n机械密封无渗漏\n泵房无积水"),
    ("生活水泵月保养", "GPS-02", "monthly", None, "轴承加注润滑脂\n检查联轴器\n测量电机绝缘\n清理控制柜灰尘"),
    ("消防泵周试运行", "XFB-01", "weekly", None, "手动启泵运行5分钟\n压力表读数\n控制柜指示灯\n阀门处于常开状态"),
    ("配电房周巡检", "BYQ-01", "weekly", None, "变压器温度\n电容柜运行\n室内温湿度\n灭火器在有效期"),
    ("发电机每15天空载试车", "FDJ-01", "days", 15, "油位水位\n蓄电池电压\n空载运行10分钟\n记录运行时间"),
    ("监控系统月检", "JK-01", "monthly", None, "录像保存天数≥30天\n摄像头画面清晰\n硬盘状态"),
    ("屋面季度检查", "WM-01", "quarterly", None, "防水层无破损\n落水口无堵塞\n避雷带连接可靠"),
]
STOCK = [  # code, name, spec, unit, category, warehouse, min, quantity in, price
    ("CL-001", "铜球阀", "DN20", "个", "material", "engineering", "5", "30", "32.00"),
    ("CL-002", "铜球阀", "DN25", "个", "material", "engineering", "5", "20", "45.00"),
    ("CL-003", "PPR管", "DN25", "米", "material", "engineering", "20", "100", "8.50"),
    ("CL-004", "生料带", "20米", "卷", "material", "engineering", "10", "50", "2.00"),
    ("CL-005", "LED灯泡", "E27 12W", "个", "material", "engineering", "20", "120", "9.80"),
    ("CL-006", "LED吸顶灯", "18W", "个", "material", "engineering", "10", "40", "35.00"),
    ("CL-007", "空气开关", "DZ47 C32", "个", "material", "engineering", "5", "20", "28.00"),
    ("CL-008", "电线", "BV2.5", "米", "material", "engineering", "50", "300", "2.60"),
    ("BJ-001", "机械密封", "CDLF32", "套", "spare_part", "engineering", "2", "4", "380.00"),
    ("BJ-002", "门禁读卡模块", "DS-K1108", "个", "spare_part", "engineering", "2", "3", "260.00"),
    ("GJ-001", "冲击钻", "GBH2-26", "台", "tool", "engineering", "0", "2", "820.00"),
    ("GJ-002", "万用表", "FLUKE 17B+", "台", "tool", "engineering", "0", "3", "560.00"),
    ("GJ-003", "人字梯", "2.5米", "把", "tool", "engineering", "0", "4", "260.00"),
    ("BG-101", "拖把", "棉线", "把", "supply", "cleaning", "10", "40", "18.00"),
    ("BG-102", "垃圾袋", "80×100", "卷", "supply", "cleaning", "30", "200", "6.50"),
    ("BG-103", "扫帚", "竹制", "把", "supply", "cleaning", "10", "30", "15.00"),
    ("BG-104", "玻璃刮", "35cm", "把", "supply", "cleaning", "3", "10", "22.00"),
    ("YJ-101", "84消毒液", "5L", "桶", "chemical", "cleaning", "5", "30", "28.00"),
    ("YJ-102", "洁厕剂", "500ml", "瓶", "chemical", "cleaning", "10", "60", "8.00"),
    ("YJ-103", "不锈钢光亮剂", "450ml", "瓶", "chemical", "cleaning", "4", "12", "32.00"),
]


def fill(services: Services, rng, result) -> None:
    real_now = services.ctx.clock().replace(microsecond=0)
    clock = _Clock(real_now - timedelta(days=120))
    svc = Services(ServiceContext(services.db, services.ctx.actor, clock))
    today = real_now.date()
    with svc.ctx.read() as s:
        buildings = [b for b, in s.execute(select(Building.name).order_by(Building.id)).all()]
        building_ids = [b for b, in s.execute(select(Building.id).order_by(Building.id)).all()]
        techs = [(i, n) for i, n in s.execute(select(Staff.id, Staff.name).where(
            Staff.team == Team.ENGINEERING, Staff.active.is_(True)).order_by(Staff.id)).all()]
        cleaners = [n for n, in s.execute(select(Staff.name).where(Staff.team == Team.ENVIRONMENT)).all()]
    buildings = buildings or ["1栋"]

    vendor_ids = []
    for name, system, scope, days_left in VENDORS:
        vendor_ids.append(svc.vendors.save({
            "name": name, "system": system, "scope": scope, "contact": rng.choice(["张经理", "刘工", "陈主管"]),
            "phone": f"139{rng.randrange(10**7, 10**8)}", "contract_no": f"WB-{today.year}-{len(vendor_ids) + 1:03d}",
            "contract_start": (today + timedelta(days=days_left) - timedelta(days=365)).isoformat(),
            "contract_end": (today + timedelta(days=days_left)).isoformat(),
            "contract_amount": str(rng.choice([36000, 48000, 24000, 18000]))}))

    items: dict[str, int] = {}
    for prefix, name, system, place, model, maker, count, vendor in EQUIPMENT:
        for n in range(1, count + 1):
            building = buildings[(n - 1) % len(buildings)]
            code = f"{prefix}-{n:02d}"
            installed = date(2019, rng.randint(3, 10), rng.randint(1, 28))
            items[code] = svc.equipment.save({
                "code": code, "name": f"{n}号{name}" if count > 1 else name, "system": system,
                "location": place.format(b=building, u=(n - 1) // len(buildings) + 1), "model": model,
                "maker": maker, "installed_on": installed.isoformat(),
                "warranty_until": installed.replace(year=installed.year + rng.choice([2, 5, 8])).isoformat(),
                "vendor_id": vendor_ids[vendor] if vendor is not None else None,
                "status": "faulty" if code == "MJ-03" else "in_use"})

    stock: dict[str, int] = {}
    for code, name, spec, unit, category, warehouse, minimum, quantity, price in STOCK:
        stock[code] = svc.inventory.save({"code": code, "name": name, "spec": spec, "unit": unit,
                                          "category": category, "warehouse": warehouse, "min_quantity": minimum})
        svc.inventory.stock_in(stock[code], quantity, price, "采购入库")
    # four months of issues: cleaning supplies to the cleaners, materials to technicians
    for day in range(0, 120, 3):
        clock.now = datetime.combine(today - timedelta(days=120 - day), time(9, 30))
        for code in rng.sample([c for c in stock if c[:2] in ("BG", "YJ") and c[3] == "1"], 2):
            _issue(svc, stock[code], rng.choice(["1", "2"]), rng.choice(cleaners or ["保洁员"]))
        if day % 9 == 0:
            code = rng.choice(["CL-003", "CL-004", "CL-005", "CL-008"])
            _issue(svc, stock[code], rng.choice(["2", "5"]), rng.choice(techs)[1] if techs else "维修工")

    plan_ids = []
    for name, code, frequency, interval, checklist in PLANS:
        clock.now = datetime.combine(today - timedelta(days=60), time(8))
        plan_ids.append(svc.maintenance.plans.save({
            "name": name, "equipment_id": items.get(code), "frequency": frequency, "interval_days": interval or "",
            "checklist": checklist, "assignee_id": techs[len(plan_ids) % len(techs)][0] if techs else None,
            "start_on": (today - timedelta(days=60)).isoformat()}))
    clock.now = real_now
    svc.maintenance.generate(since=today - timedelta(days=60))

    # record the past tasks (a few left undone: overdue); one anomaly opens and completes a repair order
    anomaly_done = False
    fire_order = None
    for task in svc.maintenance.list({"scope": "today"}, 0, 5000, "due_on"):
        if task.due_on >= today - timedelta(days=2) and rng.random() < 0.7 or rng.random() < 0.04:
            continue  # still to do: today's, and a few overdue ones
        points = svc.maintenance.points(task.id)
        clock.now = datetime.combine(task.due_on, time(10, rng.randint(0, 59)))
        results = [{"ok": True} for _ in points]
        order = None
        if not anomaly_done and task.plan == "生活水泵月保养":
            results[0] = {"ok": False, "note": "轴承异响, 温度偏高", "photo_path": r"D:\维保照片\GPS-02-轴承.jpg"}
            order = {"category": "water", "place": task.location, "priority": "high"}
        elif task.plan == "消防泵周试运行" and today - timedelta(days=7) <= task.due_on < today and not fire_order:
            results[1] = {"ok": False, "note": "出口压力表指针不动, 疑似损坏"}  # its order is still open
            fire_order = {"category": "fire", "place": task.location}
            order = fire_order
        svc.maintenance.record(task.id, results, "", task.version, order=order)
        if order and order is not fire_order:
            anomaly_done = True
            _repair_with_stock(svc, clock, task, stock, techs)

    clock.now = datetime.combine(today - timedelta(days=20), time(15))
    take = svc.inventory.start_stocktake("engineering", "月末盘点")
    for line in svc.inventory.stocktake_lines(take):
        counted = line.book - (1 if line.code == "CL-004" else 0)
        svc.inventory.set_count(line.id, str(counted))
    svc.inventory.close_stocktake(take)
    clock.now = real_now - timedelta(days=2)
    if techs:
        svc.inventory.lend(stock["GJ-001"], techs[-1][1], "1", (today + timedelta(days=5)).isoformat())
        svc.inventory.lend(stock["GJ-003"], techs[0][1], "1", (today - timedelta(days=1)).isoformat(), "楼道换灯")

    # vendor visits this month and last, most accepted
    for i, vendor in enumerate(vendor_ids):
        for back in (40, 25, 10, 3):
            clock.now = real_now - timedelta(days=back)
            visit = svc.vendors.record_visit({
                "vendor_id": vendor, "visited_on": clock.now.date().isoformat(), "technician": "维保工程师",
                "work": VENDORS[i][2].split("、")[0], "equipment_id": items.get(
                    ["DT-01", "XFB-01", "SX-01", "JK-01"][i])})
            if back > 3:
                svc.vendors.accept_visit(visit, rng.choice([5, 4, 4, 3]), "")

    # repair plans of the year
    clock.now = real_now
    year = today.year
    plans = [("1-3栋屋面防水翻修", "major", "structure", "WM-01", "180000", "approved"),
             ("生活水泵机组更换", "major", "water", "GPS-01", "65000", "accepted"),
             ("地下车库照明节能改造", "medium", "lighting", None, "38000", "draft"),
             ("监控系统硬盘扩容", "medium", "low_voltage", "JK-01", "12000", "accepted")]
    for title, scale, system, code, budget, state in plans:
        pid = svc.repair_plans.save({"year": str(year), "title": title, "scale": scale, "system": system,
                                     "equipment_id": items.get(code), "budget": budget,
                                     "planned_start": date(year, rng.randint(3, 9), 1).isoformat(),
                                     "planned_end": date(year, 10, 31).isoformat()})
        if state != "draft":
            svc.repair_plans.approve(pid)
        if state == "accepted":
            svc.repair_plans.accept(pid, str(int(budget) * rng.choice([96, 103, 99]) // 100), "已按合同完成",
                                    date(year, 11, 10).isoformat())

    # a takeover inspection of the newest building
    if building_ids:
        clock.now = real_now - timedelta(days=30)
        inspection = svc.takeover.save({"building_id": building_ids[-1], "inspected_on": clock.now.date().isoformat(),
                                        "developer": "翠湖置业有限公司", "inspector": "工程主管"})
        for i, check in enumerate(svc.takeover.checks(inspection)):
            svc.takeover.set_check(check.id, i % 5 != 1)
        defects = [("main_structure", "{b}12层消防楼梯间", "墙面斜向裂缝约1.2米"),
                   ("finishes", "{b}1单元大堂", "地砖空鼓3处"),
                   ("plumbing", "{b}地下室排水沟", "排水沟坡度不足, 有积水"),
                   ("electrical", "{b}2单元18层电井", "配电箱回路无标识"),
                   ("fire_safety", "{b}地下车库", "2处应急照明不亮"),
                   ("lift", "{b}2单元2号电梯", "层门地坎间隙偏大")]
        ids = []
        for area, place, text in defects:
            ids.append(svc.takeover.defects.save({
                "inspection_id": inspection, "area": area, "location": place.format(b=buildings[-1]),
                "description": text, "responsible": "翠湖置业有限公司",
                "deadline": (today + timedelta(days=rng.choice([-5, 7, 15]))).isoformat(),
                "photo_path": rf"D:\承接查验\{buildings[-1]}\{len(ids) + 1:03d}.jpg"}))
        clock.now = real_now - timedelta(days=5)
        svc.takeover.defects.reinspect(ids[1], True, "已更换")
        svc.takeover.defects.reinspect(ids[2], False, "仍有积水, 需重新找坡")
    result.counts.update(equipment=len(items), stock_items=len(stock), pm_plans=len(plan_ids))


def _issue(svc: Services, item_id: int, quantity: str, person: str) -> None:
    from app.errors import FieldError

    try:
        svc.inventory.stock_out(item_id, quantity, person=person)
    except FieldError:  # ran out: buy more, as the office would
        svc.inventory.stock_in(item_id, "20", str(svc.inventory.get(item_id).price or "10"), "补货")
        svc.inventory.stock_out(item_id, quantity, person=person)


def _repair_with_stock(svc: Services, clock: _Clock, task, stock: dict[str, int], techs) -> None:
    """The repair order the anomaly opened: dispatched, done with a seal from stock, visited."""
    from app.services.register_base import linked_orders

    with svc.ctx.read() as s:
        [order] = linked_orders(s, "pm_task", [task.id])
    wo = svc.workorders
    clock.now += timedelta(minutes=30)
    if techs:
        wo.dispatch(order.workorder_id, techs[0][0])
    clock.now += timedelta(hours=1)
    wo.start(order.workorder_id)
    clock.now += timedelta(hours=3)
    seal = svc.inventory.get(stock["BJ-001"])
    wo.complete(order.workorder_id, "拆检水泵, 更换机械密封和轴承润滑脂, 试运行正常",
                [Material(seal.name, "1", str(seal.price), seal.unit, seal.id),
                 Material("生料带", "1", "2.00", "卷", stock["CL-004"])])
