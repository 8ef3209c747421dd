"""Demo 环境: scoring sheets for every area, cleaning plans for own staff and an outsourced company, the
last month's daily tasks, four months of inspections (some failed and re-inspected), daily garbage
records and the year's greening tasks."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import insert, select

from app.models import CleanArea, CleaningTask, GarbageKind, GarbageRecord, Staff, Team
from app.services import Services
from app.services.context import ServiceContext

SHEETS = {
    CleanArea.LOBBY: (("地面光洁无污渍", 30), ("门窗玻璃无手印", 25), ("信报箱/台面无尘", 20), ("垃圾桶清洁无溢出", 25)),
    CleanArea.CORRIDOR: (("梯级扶手无尘", 35), ("墙面无张贴", 25), ("窗台/消防箱无尘", 20), ("无杂物堆放", 20)),
    CleanArea.ELEVATOR_CAR: (("轿厢壁光亮无手印", 40), ("地面无污渍", 40), ("按钮面板清洁", 20)),
    CleanArea.TOILET: (("无异味", 30), ("洁具清洁", 30), ("地面干燥", 20), ("耗材齐全", 20)),
    CleanArea.ROAD: (("路面无垃圾烟头", 50), ("雨水口通畅", 25), ("标识牌清洁", 25)),
    CleanArea.GREEN_BELT: (("无白色垃圾", 50), ("无枯枝落叶堆积", 50)),
    CleanArea.GARBAGE_STATION: (("桶身清洁", 30), ("分类投放正确", 30), ("无异味蚊蝇", 20), ("地面冲洗", 20)),
    CleanArea.PLANT_ROOM: (("设备表面无尘", 50), ("地面清洁", 50)),
}
OUTSOURCED = "洁美保洁服务有限公司"
# (area, place, frequency, weekday/day, own staff?)
PLANS = [
    (CleanArea.LOBBY, "1-3栋大堂", "daily", 0, True), (CleanArea.LOBBY, "4-6栋大堂", "daily", 0, False),
    (CleanArea.CORRIDOR, "1-3栋楼道", "daily", 0, True), (CleanArea.CORRIDOR, "4-6栋楼道", "daily", 0, False),
    (CleanArea.ELEVATOR_CAR, "全部电梯轿厢", "daily", 0, True), (CleanArea.TOILET, "会所公共卫生间", "daily", 0, True),
    (CleanArea.ROAD, "小区主干道", "daily", 0, False), (CleanArea.GREEN_BELT, "中心花园绿化带", "weekly", 1, True),
    (CleanArea.GARBAGE_STATION, "东门垃圾站", "daily", 0, False), (CleanArea.PLANT_ROOM, "水泵房/配电房", "monthly", 5, True),
]
GREENING = [  # (month, kind, place, agent)
    (3, "fertilising", "中心花园草坪", "复合肥"), (3, "pruning", "主干道行道树", ""), (4, "pest_control", "樱花林", "吡虫啉"),
    (5, "watering", "全部绿地", ""), (6, "pest_control", "桂花树", "阿维菌素"), (7, "watering", "全部绿地", ""),
    (8, "pruning", "绿篱", ""), (9, "fertilising", "中心花园草坪", "有机肥"), (10, "pest_control", "月季园", "多菌灵"),
    (11, "pruning", "主干道行道树", ""), (12, "watering", "常绿灌木(防冻水)", ""), (12, "fertilising", "花坛", "缓释肥"),
]


def fill(services: Services, rng, result) -> None:
    now = services.ctx.clock().replace(microsecond=0)
    today = now.date()
    cleaning = services.cleaning
    with services.ctx.read() as s:
        cleaners = [i for i, p in s.execute(select(Staff.id, Staff.position).where(Staff.team == Team.ENVIRONMENT))
                    if p == "保洁员"]
        gardeners = list(s.scalars(select(Staff.id).where(Staff.team == Team.ENVIRONMENT, Staff.position == "绿化工")))
    sheets = {area: [services.inspections.save_score_item({"area": area, "name": n, "weight": w}) for n, w in items]
              for area, items in SHEETS.items()}
    plans = []
    for n, (area, place, freq, day, own) in enumerate(PLANS):
        plans.append((cleaning.save({
            "area": area, "place": place, "frequency": freq, "weekday": day,
            "staff_id": cleaners[n % len(cleaners)] if own else None, "company": "" if own else OUTSOURCED,
            "duties": "按保洁作业标准执行, 每日两次巡回保洁" if freq == "daily" else "定期深度清洁"}), area))

    # Daily tasks of the last 30 days (today's still open), written in one go.
    for back in range(30, -1, -1):
        cleaning.generate_tasks(today - timedelta(days=back))
    with services.ctx.write() as s:
        for task in s.scalars(select(CleaningTask).where(CleaningTask.day < today)):
            if rng.random() < 0.96:
                task.done = True
                task.done_at = datetime.combine(task.day, datetime.min.time()) + timedelta(hours=rng.randint(9, 17))

    # Inspections: three a week for four months; a failure is re-inspected the next day.
    inspector = Services(ServiceContext(services.db, services.ctx.actor, lambda: now))
    inspections = 0
    for back in range(120, 0, -1):
        day = today - timedelta(days=back)
        if day.weekday() not in (0, 2, 4):
            continue
        plan_id, area = rng.choice(plans)
        low = rng.random() < 0.15
        marks = {i: rng.randint(4, 7) if low else rng.randint(8, 10) for i in sheets[area]}
        row = inspector.inspections.inspect({"day": day, "area": area, "plan_id": plan_id, "inspector": "环境主管",
                                          "note": "地面有明显污渍, 垃圾桶满溢" if low else ""}, marks)
        inspections += 1
        if not row.passed and back > 1:
            inspector.inspections.inspect({"day": day + timedelta(days=1), "area": area, "reinspection_of": row.id,
                                        "inspector": "环境主管", "note": "已整改"},
                                       {i: rng.randint(8, 10) for i in sheets[area]})
            inspections += 1

    # Garbage: every day of four months, each kind once (hazardous weekly), signed off by the collector.
    rows = []
    base = {GarbageKind.RECYCLABLE: 180, GarbageKind.HAZARDOUS: 6, GarbageKind.KITCHEN: 620, GarbageKind.OTHER: 900}
    for back in range(120, 0, -1):
        day = today - timedelta(days=back)
        for kind, kg in base.items():
            if kind == GarbageKind.HAZARDOUS and day.weekday() != 5:
                continue
            weight = (Decimal(kg) * Decimal(rng.uniform(0.8, 1.2))).quantize(Decimal("0.1"))
            rows.append({"day": day, "kind": kind, "weight_kg": weight, "bins": max(1, int(weight / 120)),
                         "company": "区环卫清运公司" if kind != GarbageKind.RECYCLABLE else "再生资源回收站",
                         "signed_by": rng.choice(["李师傅", "赵师傅", "陈师傅"]), "note": "",
                         "created_at": now, "created_by": None})
    with services.ctx.write() as s:
        s.execute(insert(GarbageRecord), rows)

    for month, kind, place, agent in GREENING:
        planned = today.replace(month=month, day=10)
        done = planned <= today
        services.greening.save({"kind": kind, "place": place, "planned_on": planned,
                                "done_on": planned + timedelta(days=1) if done else None,
                                "agent": agent, "staff_id": rng.choice(gardeners) if gardeners else None})
    result.counts.update(cleaning_plans=len(plans), inspections=inspections, garbage_records=len(rows),
                         greening_tasks=len(GREENING))
