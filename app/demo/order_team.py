"""Demo data of the 秩序 tab — two weeks of gate duty, patrols, duty log, incidents, violations, keys and
parcels, plus emergency plans, an outage for today and training records of every team. Written through the
services with a clock that walks through the fortnight, so every row is what the desk would have made."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from app.errors import StateError
from app.models import Building, Staff, Team, Vehicle
from app.services import Services
from app.services.archive import UnitFilter
from app.services.context import SYSTEM, ServiceContext
from app.services.patrols import CheckpointResult

PLANS = [
    ("fire", "火警火灾应急预案", "接报后确认火情(监控/现场)\n启动消防广播, 通知秩序主管和经理\n组织疏散, 引导住户走安全通道\n"
     "切断非消防电源, 启动消防泵\n拨打119, 派人到路口接应消防车\n清点人员, 保护现场", "当班保安: 现场确认、疏散\n监控中心: 广播、联络\n工程: 断电、消防泵",
     "当班保安 → 秩序主管 → 项目经理 → 119"),
    ("flood", "水浸应急预案", "查明进水点, 关闭相关阀门\n转移地下室/配电房周边物品\n启动排水泵, 设置警示\n通知受影响住户",
     "工程: 关阀、排水\n秩序: 警戒、通知", "当班保安 → 工程主管 → 项目经理"),
    ("power", "停电应急预案", "确认停电范围(市政/内部)\n检查电梯困人情况\n启动应急照明与发电机\n张贴停电通知, 答复住户来电",
     "工程: 发电机、配电\n秩序: 巡查电梯、照明\n客服: 答复来电", "监控中心 → 工程主管 → 项目经理 → 供电局"),
    ("lift_entrapment", "电梯困人应急预案", "通过对讲安抚被困人员, 问清人数和状况\n通知电梯维保单位(30分钟内到场)\n"
     "维保人员到场前不得强行扒门\n救出后询问身体状况, 登记", "监控中心: 对讲安抚\n秩序: 到场守候\n工程: 配合维保",
     "监控中心 → 电梯维保 → 工程主管 → 项目经理 → 119(紧急时)"),
    ("public_security", "治安事件应急预案", "到场制止, 保护住户人身安全\n调取监控, 保存录像\n拨打110并保护现场\n做好记录, 上报经理",
     "秩序: 到场、报警\n监控中心: 录像", "当班保安 → 秩序主管 → 110 → 项目经理"),
    ("disaster", "台风暴雨等自然灾害应急预案", "发布预警, 提醒住户收回阳台物品\n加固广告牌、树木, 清理排水沟\n值班人员24小时在岗\n灾后巡查, 登记损失",
     "全员: 按分工值守", "项目经理 → 各班组主管 → 当班人员"),
]
ROUTES = [
    ("白班外围", "09:00", "11:00", "北门岗\n1栋消防通道\n3栋地库入口\n儿童游乐场\n南门岗"),
    ("夜间全区", "22:00", "02:00", "北门岗\n地下车库B1\n配电房\n水泵房\n5栋楼顶\n南门岗"),
]
VISITOR_NAMES = ["陈立", "刘洋", "张婷", "王强", "李娜", "周杰", "吴敏", "郑凯", "孙悦", "马超", "快递员老赵", "外卖小刘"]
PURPOSES = ["探亲访友", "快递外卖", "装修施工", "维修服务", "看房"]
TEMP_PLATES = ["浙A8K2M1", "浙A3N77Q", "沪B66X21", "苏E1Q9Z8", "浙B2L0P5", "浙A5T6Y7", "粤B9H3J2"]
DUTY_LINES = [
    ("gate", "早班接岗, 门禁系统正常"), ("monitor", "3栋地库2号摄像头画面模糊, 已通知工程"),
    ("gate", "装修车辆进场, 已核对装修许可"), ("monitor", "夜间巡查画面正常, 无异常"),
    ("gate", "快递车辆临时停放北门, 已劝离"), ("monitor", "5栋电梯对讲测试正常"),
]


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def fill(services: Services, rng, result) -> None:
    today = services.ctx.clock().replace(second=0, microsecond=0)
    clock = Clock(today - timedelta(days=14))
    svc = Services(ServiceContext(services.db, SYSTEM, clock))
    with services.db.read_session() as s:
        guards = list(s.scalars(select(Staff.id).where(Staff.team == Team.SECURITY)))
        buildings = list(s.scalars(select(Building.id).order_by(Building.id)))
        owner_plates = list(s.scalars(select(Vehicle.plate).order_by(Vehicle.id).limit(40)))
    units = svc.archive.list_units(UnitFilter(""), limit=60)
    plan_ids = [svc.incidents.save_plan({"kind": k, "title": t, "steps": st, "roles": r, "call_tree": c})
                for k, t, st, r, c in PLANS]
    routes = [svc.patrols.save_route({"name": n, "window_start": a, "window_end": b, "checkpoints": cps})
              for n, a, b, cps in ROUTES]
    points = {r.id: [cp for cp, _ in r.checkpoints] for r in svc.patrols.routes()}
    counts = dict.fromkeys(("visitors", "vehicle_passes", "patrol_rounds", "incidents", "violations"), 0)

    for day in range(14, -1, -1):
        base = today.replace(hour=7, minute=0) - timedelta(days=day)
        # visitors: in during the day, out an hour or two later (today's last few are still inside)
        for _ in range(rng.randint(3, 6)):
            clock.now = base + timedelta(minutes=rng.randint(60, 660))
            if clock.now > today:
                continue
            unit = rng.choice(units)
            vid = svc.visitors.check_in({"name": rng.choice(VISITOR_NAMES), "unit": unit.code,
                                         "phone": f"13{rng.randint(5, 9)}{rng.randrange(10**8):08d}",
                                         "purpose": rng.choice(PURPOSES), "companions": str(rng.choice((0, 0, 1, 2)))})
            counts["visitors"] += 1
            clock.now += timedelta(minutes=rng.randint(20, 150))
            if clock.now < today - timedelta(hours=1):
                svc.visitors.check_out(vid)
        # vehicles: owners' cars in and out; temporary cars stay within the free grace period (the demo
        # takes no money: receipts are made by guards at the gate)
        for plate in rng.sample(owner_plates, min(4, len(owner_plates))) + rng.sample(TEMP_PLATES, 2):
            clock.now = base + timedelta(minutes=rng.randint(0, 600))
            if clock.now > today:
                continue
            try:
                entry = svc.vehicles.enter(plate)
            except StateError:  # already inside from an earlier day in the demo
                continue
            counts["vehicle_passes"] += 1
            clock.now += timedelta(minutes=rng.randint(10, 28) if entry.temporary else rng.randint(30, 500))
            if clock.now < today - timedelta(minutes=30):
                svc.vehicles.leave(entry.id)
        # patrols: two rounds a day, now and then a missed checkpoint or an anomaly
        for route, hour in zip(routes, (9, 22), strict=True):
            clock.now = base.replace(hour=hour, minute=rng.randint(0, 40))
            if clock.now > today:
                continue
            results = [CheckpointResult(cp, reached=rng.random() > 0.07) for cp in points[route]]
            if rng.random() < 0.15:
                i = rng.randrange(len(results))
                results[i] = CheckpointResult(results[i].checkpoint_id, True, rng.choice(
                    ["消防通道堆放杂物", "路灯不亮", "地库积水", "单元门闭门器损坏"]), open_workorder=True)
            svc.patrols.record_round(route, rng.choice(guards), results)
            counts["patrol_rounds"] += 1
        for post, text in rng.sample(DUTY_LINES, 2):
            clock.now = base + timedelta(hours=rng.randint(1, 12))
            if clock.now <= today:
                svc.duty_log.add_entry(post, text)

    # temporary cars inside now: one for an hour and a half (pays on exit), one overstaying since yesterday
    for plate, hours in (("浙A7Q8R9", 1.5), ("皖A5C6D7", 30)):
        clock.now = today - timedelta(hours=hours)
        svc.vehicles.enter(plate)
        counts["vehicle_passes"] += 1

    # incidents and a drill
    clock.now = today - timedelta(days=9, hours=3)
    iid = svc.incidents.open(plan_ids[3], {"place": "5栋2号电梯", "summary": "电梯停在8-9楼之间, 1人被困"})
    for minutes, text in ((2, "对讲安抚, 被困1人, 无不适"), (5, "已通知电梯维保"), (28, "维保到场, 平层放人")):
        svc.incidents.add_step(iid, text, clock.now + timedelta(minutes=minutes))
    clock.now += timedelta(minutes=40)
    svc.incidents.close(iid, {"people": "秩序维护员2人, 维保1人", "outcome": "被困人员安全救出", "follow_up": "维保检修门机"})
    clock.now = today - timedelta(days=5)
    drill = svc.incidents.open(plan_ids[0], {"place": "小区中心广场", "summary": "年度消防疏散演练", "drill": True})
    clock.now += timedelta(minutes=45)
    svc.incidents.close(drill, {"people": "秩序、工程、保洁全员", "outcome": "疏散用时6分钟", "follow_up": "3栋广播音量偏小"})
    clock.now = today - timedelta(hours=2)
    fire = svc.incidents.open(plan_ids[0], {"place": "3栋12楼", "summary": "烟感报警"})
    svc.incidents.add_step(fire, "保安到场确认")
    svc.incidents.escalate(fire, "等待现场确认结果")
    counts["incidents"] = 3

    # violations in every stage
    clock.now = today - timedelta(days=10)
    for kind, place, text, steps in (
        ("fire_lane", "3栋消防通道", "电动车和纸箱堵塞消防通道", ["notice"]),
        ("illegal_building", "", "屋顶平台加建阳光房", ["notice", "recheck", "report"]),
        ("renovation", "", "未办理装修手续擅自拆改墙体", []),
        ("dumping", "5栋后侧绿化带", "装修垃圾倾倒在绿化带", ["closed"]),
    ):
        vid = svc.violations.open({"kind": kind, "unit": "" if place else rng.choice(units).code, "place": place,
                                   "description": text, "deadline": (clock.now + timedelta(days=3)).date().isoformat()})
        counts["violations"] += 1
        for stage in steps:
            clock.now += timedelta(days=2)
            svc.violations.advance(vid, stage, "按流程处理")

    # keys, parcels, an outage today, a handover waiting for the next shift, training of every team
    clock.now = today - timedelta(hours=5)
    svc.keys_parcels.lend_key({"key_name": "配电房", "borrower": "工程李师傅"})
    loan = svc.keys_parcels.lend_key({"key_name": f"{units[0].code} 业主寄存", "borrower": "保洁阿姨"})
    svc.keys_parcels.return_key(loan, "保洁阿姨")
    for i in range(6):
        pid = svc.keys_parcels.receive_parcel({"recipient": rng.choice(VISITOR_NAMES[:10]), "unit": units[i].code,
                                               "carrier": rng.choice(["顺丰", "中通", "京东", "邮政"])})
        if i % 2 == 0:
            svc.keys_parcels.notify_parcel(pid)
        if i % 3 == 0:
            svc.keys_parcels.pick_up_parcel(pid, "本人")
    clock.now = today
    svc.outages.save({"kind": "water_cut", "building_ids": buildings[2:3] or buildings[:1],
                      "starts_at": today.replace(hour=10, minute=0), "ends_at": today.replace(hour=14, minute=0),
                      "notice": "市政管道维修, 请提前储水"})
    svc.outages.save({"kind": "lift_stop", "building_ids": buildings[:1],
                      "starts_at": today.replace(hour=9) + timedelta(days=1),
                      "ends_at": today.replace(hour=12) + timedelta(days=1), "notice": "电梯年检"})
    clock.now = today - timedelta(hours=1)
    svc.duty_log.hand_over("gate", "3栋12楼烟感报警已上报经理, 待工程检查\n配电房钥匙工程李师傅借出未还")
    for team, topic, names in (
        (Team.SECURITY, "消防器材使用与疏散引导", "秩序主管 92\n保安甲 85\n保安乙 78"),
        (Team.ENGINEERING, "电梯困人救援", "工程主管 95\n维修技工甲 88"),
        (Team.ENVIRONMENT, "垃圾分类标准", "保洁主管 90\n保洁员甲 82\n保洁员乙 76"),
        (Team.SERVICE, "投诉接待礼仪", "客服主管 93\n客服专员甲 87"),
    ):
        svc.training.save({"team": team, "held_on": (today - timedelta(days=rng.randint(3, 30))).date().isoformat(),
                           "topic": topic, "trainer": "项目经理", "attendees": names})
    result.counts.update(counts)
