"""Demo work orders: ~300 believable reports over the last four months, in every state, with full
histories, materials and return visits; some still open and overdue. Written with Core bulk inserts."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import insert, select, update

from app.models import (
    CATEGORY_TEAMS,
    Action,
    Building,
    Category,
    Kind,
    Location,
    NumberSequence,
    Occupancy,
    Person,
    Priority,
    Relation,
    Source,
    Staff,
    State,
    Team,
    Unit,
    User,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderMaterial,
)
from app.money import ZERO, to_money
from app.services.workorder_keys import refresh_unit_keys
from app.services.workorders import NUMBER_PREFIX, SEQUENCE_NAME, WorkOrderFilter

ORDER_COUNT = 300
DAYS_BACK = 120

K, C, L, P = Kind, Category, Location, Priority
# (kind, category, location, priority, description, place); {b} building, {u} unit, {f} floor.
TEMPLATES = [
    (K.REPAIR, C.WATER, L.PRIVATE, P.HIGH, "厨房水槽下水管漏水, 橱柜底板已经泡湿, 请尽快上门处理。", "厨房"),
    (K.REPAIR, C.WATER, L.PRIVATE, P.NORMAL, "卫生间地漏堵塞, 洗澡时积水排不下去, 有异味。", "主卫"),
    (K.REPAIR, C.WATER, L.PRIVATE, P.NORMAL, "阳台洗衣机水龙头滴水, 关不紧。", "阳台"),
    (K.REPAIR, C.WATER, L.PRIVATE, P.NORMAL, "马桶水箱一直进水, 不停流水, 水费明显增加。", "次卫"),
    (K.REPAIR, C.WATER, L.PRIVATE, P.URGENT, "热水器进水阀接头爆裂喷水, 业主已关闭总阀, 楼下反映天花板滴水。",
     "厨房"),
    (K.REPAIR, C.WATER, L.PUBLIC, P.URGENT, "地下车库B1层消防管道旁水管漏水, 地面大量积水。", "地下车库B1层"),
    (K.REPAIR, C.WATER, L.PUBLIC, P.HIGH, "{b}楼顶水箱溢流管一直出水, 屋面有积水。", "{b}屋顶"),
    (K.REPAIR, C.WATER, L.PUBLIC, P.NORMAL, "{b}{u}单元排水立管{f}楼位置渗水, 墙面有水印。", "{b}{u}单元{f}楼管井"),
    (K.REPAIR, C.POWER, L.PRIVATE, P.HIGH, "家里空开频繁跳闸, 厨房插座都没电。", "入户配电箱"),
    (K.REPAIR, C.POWER, L.PRIVATE, P.URGENT, "入户漏电保护器跳闸后合不上, 全屋停电, 家中有老人。", "入户配电箱"),
    (K.REPAIR, C.POWER, L.PUBLIC, P.HIGH, "{b}地下室配电房照明回路跳闸。", "{b}地下室配电房"),
    (K.REPAIR, C.LIGHTING, L.PUBLIC, P.NORMAL, "{b}{u}单元{f}楼楼道灯不亮, 晚上上下楼看不清。", "{b}{u}单元{f}楼楼道"),
    (K.REPAIR, C.LIGHTING, L.PUBLIC, P.NORMAL, "地下车库B2层C区有三盏灯不亮。", "地下车库B2层C区"),
    (K.REPAIR, C.LIGHTING, L.PUBLIC, P.NORMAL, "小区东门路灯不亮, 晚上很黑, 老人走路不安全。", "东门主路"),
    (K.REPAIR, C.LIGHTING, L.PUBLIC, P.NORMAL, "{b}大堂吊灯有一半不亮。", "{b}一楼大堂"),
    (K.REPAIR, C.ELEVATOR, L.PUBLIC, P.URGENT, "{b}{u}单元电梯困人, 轿厢内两人, 已电话安抚, 请立即到场。",
     "{b}{u}单元1号电梯"),
    (K.REPAIR, C.ELEVATOR, L.PUBLIC, P.HIGH, "{b}{u}单元电梯运行时有异响, 平层不准, 有台阶。", "{b}{u}单元2号电梯"),
    (K.REPAIR, C.ELEVATOR, L.PUBLIC, P.NORMAL, "{b}{u}单元电梯内{f}楼按钮失灵, 按不亮。", "{b}{u}单元1号电梯"),
    (K.REPAIR, C.FIRE, L.PUBLIC, P.NORMAL, "{b}{u}单元{f}楼消防栓箱玻璃破损。", "{b}{u}单元{f}楼消防栓"),
    (K.REPAIR, C.FIRE, L.PUBLIC, P.HIGH, "{b}{u}单元{f}楼楼道烟感报警器误报, 一直鸣叫。", "{b}{u}单元{f}楼楼道"),
    (K.REPAIR, C.FIRE, L.PUBLIC, P.NORMAL, "{b}消防通道应急指示灯不亮。", "{b}消防楼梯"),
    (K.REPAIR, C.ACCESS, L.PUBLIC, P.HIGH, "{b}{u}单元门禁刷卡无反应, 业主进不了楼。", "{b}{u}单元门"),
    (K.REPAIR, C.ACCESS, L.PUBLIC, P.HIGH, "地库入口道闸不抬杆, 车辆排队。", "地库入口"),
    (K.REPAIR, C.ACCESS, L.PUBLIC, P.NORMAL, "东门岗亭监控摄像头画面模糊。", "东门岗亭"),
    (K.REPAIR, C.ACCESS, L.PRIVATE, P.NORMAL, "可视对讲室内机无法开单元门。", "客厅"),
    (K.REPAIR, C.STRUCTURE, L.PRIVATE, P.NORMAL, "卧室外墙渗水, 墙皮起鼓发霉。", "主卧"),
    (K.REPAIR, C.STRUCTURE, L.PRIVATE, P.HIGH, "顶楼客厅天花板雨后漏水, 地板已泡。", "客厅"),
    (K.REPAIR, C.STRUCTURE, L.PRIVATE, P.NORMAL, "窗户密封胶老化, 下雨时窗台渗水。", "次卧"),
    (K.REPAIR, C.STRUCTURE, L.PUBLIC, P.URGENT, "{b}外墙{f}楼位置瓷砖松动, 有坠落风险, 已临时拉警戒线。",
     "{b}外墙"),
    (K.REPAIR, C.CLEANING, L.PUBLIC, P.HIGH, "{b}{u}单元{f}楼楼道窗户玻璃破碎, 地上有碎片。", "{b}{u}单元{f}楼楼道"),
    (K.COMPLAINT, C.ORDER, L.PUBLIC, P.HIGH, "楼上深夜装修噪音, 晚上十一点后还在敲打, 影响休息。", "{b}{u}单元"),
    (K.COMPLAINT, C.ORDER, L.PUBLIC, P.HIGH, "{b}楼下有车辆长期占用消防通道停车。", "{b}消防通道"),
    (K.COMPLAINT, C.ORDER, L.PUBLIC, P.NORMAL, "外来车辆占用业主固定车位, 联系不上车主。", "地下车库"),
    (K.COMPLAINT, C.ORDER, L.PUBLIC, P.NORMAL, "邻居在楼道堆放杂物和纸箱, 有消防隐患。", "{b}{u}单元{f}楼楼道"),
    (K.COMPLAINT, C.ORDER, L.PUBLIC, P.NORMAL, "小区内有人遛狗不牵绳, 孩子被吓到。", "中心花园"),
    (K.COMPLAINT, C.ORDER, L.PUBLIC, P.NORMAL, "晚上广场舞音响声音太大, 九点以后还在跳。", "中心广场"),
    (K.COMPLAINT, C.CLEANING, L.PUBLIC, P.NORMAL, "{b}{u}单元楼道垃圾两天没清理, 有异味。", "{b}{u}单元"),
    (K.COMPLAINT, C.CLEANING, L.PUBLIC, P.NORMAL, "{b}{u}单元电梯轿厢地面很脏, 有污渍。", "{b}{u}单元电梯"),
    (K.COMPLAINT, C.CLEANING, L.PUBLIC, P.HIGH, "{b}旁垃圾分类点满溢, 没有及时清运。", "{b}垃圾分类点"),
    (K.COMPLAINT, C.GREENING, L.PUBLIC, P.NORMAL, "楼下绿化带杂草太高, 蚊虫很多。", "{b}南侧绿化带"),
    (K.COMPLAINT, C.GREENING, L.PUBLIC, P.NORMAL, "修剪下来的树枝堆在路边三天没人清理。", "西门主路"),
    (K.COMPLAINT, C.OTHER, L.PUBLIC, P.NORMAL, "前台电话中午无人接听。", "物业服务中心"),
    (K.SUGGESTION, C.OTHER, L.PUBLIC, P.NORMAL, "建议在{b}门口增加电动车充电桩, 避免飞线充电。", "{b}门口"),
    (K.SUGGESTION, C.OTHER, L.PUBLIC, P.NORMAL, "建议小区增设快递柜。", "小区北门"),
    (K.SUGGESTION, C.GREENING, L.PUBLIC, P.NORMAL, "建议在儿童游乐区增加遮阳树和座椅。", "儿童游乐区"),
    (K.INQUIRY, C.OTHER, L.PUBLIC, P.NORMAL, "咨询物业费缴纳方式和本年度截止日期。", ""),
    (K.INQUIRY, C.OTHER, L.PUBLIC, P.NORMAL, "咨询装修申请需要提交哪些材料, 押金多少。", ""),
    (K.INQUIRY, C.ORDER, L.PUBLIC, P.NORMAL, "咨询地下车位租赁价格和办理流程。", "地下车库"),
    (K.INQUIRY, C.ACCESS, L.PUBLIC, P.NORMAL, "咨询门禁卡丢失后如何补办。", ""),
]
WEIGHTS = [6, 6, 4, 4, 2, 2, 1, 2, 3, 2, 1, 7, 4, 3, 2, 2, 2, 2, 2, 2, 1, 3, 2, 1, 1, 3, 2, 2, 1, 1,
           5, 3, 3, 3, 2, 2, 4, 2, 2, 2, 1, 1, 2, 1, 1, 2, 2, 1, 2]

WORK_NOTES = {
    C.WATER: ["更换老化接头, 重新缠生料带, 通水测试无渗漏。", "疏通地漏及下水管, 清出头发和杂物, 排水正常。",
              "更换水箱进水阀, 调整浮球高度, 已不再流水。"],
    C.POWER: ["检查发现厨房插座回路短路, 更换损坏插座, 送电正常。", "更换漏电保护器, 测试动作正常。"],
    C.LIGHTING: ["更换LED灯泡及声控开关, 测试正常。", "更换损坏灯具, 线路检查正常。"],
    C.ELEVATOR: ["电梯维保单位到场处置, 乘客已安全救出, 故障为门锁回路接触不良, 已修复。",
                 "维保单位调整平层感应器, 试运行正常。", "更换楼层按钮, 测试正常。"],
    C.FIRE: ["更换消防栓箱玻璃。", "清洁烟感探头后复位, 不再误报。", "更换应急指示灯电池。"],
    C.ACCESS: ["重置门禁控制器, 刷卡恢复正常。", "道闸地感线圈松动, 已重新固定。", "清洁摄像头镜头, 调整焦距。"],
    C.STRUCTURE: ["外墙裂缝处重新打胶, 室内做防霉处理。", "屋面防水层局部修补, 待下雨后复查。",
                  "松动瓷砖已拆除, 待外墙维修队统一修复。"],
    C.CLEANING: ["已清理玻璃碎片, 通知工程更换玻璃。", "已安排保洁员加清一次, 并调整保洁频次。",
                 "已联系清运公司加运一车。"],
    C.GREENING: ["已安排绿化工除草并喷洒灭蚊药。", "枝叶已清运完毕。"],
    C.ORDER: ["秩序维护员到场劝导, 施工方已停工, 告知装修时间规定。", "已联系车主挪车, 并张贴禁停提示。",
              "已上门沟通, 业主同意清理楼道杂物。", "巡逻时加强劝导, 张贴文明养犬提示。"],
    C.OTHER: ["已电话答复业主, 业主表示满意。", "已记录建议, 提交物业经理研究。"],
}
MATERIALS = {
    C.WATER: [("PPR 直接头 20mm", "个", 2, "3.50"), ("生料带", "卷", 1, "2.00"), ("地漏芯", "个", 1, "25.00"),
              ("马桶进水阀", "套", 1, "45.00"), ("角阀", "个", 1, "28.00")],
    C.POWER: [("空气开关 20A", "个", 1, "38.00"), ("漏电保护器 32A", "个", 1, "85.00"), ("五孔插座", "个", 1, "15.00")],
    C.LIGHTING: [("LED 吸顶灯 18W", "个", 1, "45.00"), ("LED 灯泡 9W", "个", 3, "12.00"), ("声控开关", "个", 1, "15.00")],
    C.STRUCTURE: [("中性硅酮耐候胶", "支", 2, "18.00"), ("防水涂料", "kg", 5, "22.00")],
    C.FIRE: [("消防栓箱玻璃", "块", 1, "35.00"), ("应急灯电池", "节", 1, "30.00")],
    C.ACCESS: [("门禁读卡头", "个", 1, "120.00")],
}
HOLD_REASONS = ["等待配件到货", "业主不在家, 约好明天上门", "需要物业经理审批维修方案", "等待电梯维保单位到场"]
CANCEL_REASONS = ["业主已自行处理", "重复报修, 已合并到其他工单", "业主来电取消", "经核实不属于物业维修范围"]
VISIT_COMMENTS = {5: ["师傅很专业, 处理及时", "非常满意", "速度很快, 感谢"], 4: ["处理得不错", "满意", ""],
                  3: ["等的时间有点长", "问题解决了, 但态度一般"], 2: ["拖了好几天才处理"], 1: ["问题反复出现, 不满意"]}


def _state_plan(rng, age_days: float, kind: str) -> str:
    """The state an order of this age ends in: old ones are mostly closed, recent ones still moving."""
    if age_days > 14:
        choices = [(State.ARCHIVED, 62), (State.VISITED, 12), (State.CANCELLED, 7), (State.COMPLETED, 6),
                   (State.IN_PROGRESS, 3), (State.ON_HOLD, 3), (State.DISPATCHED, 2), (State.ESCALATED, 4)]
    elif age_days > 3:
        choices = [(State.VISITED, 24), (State.ARCHIVED, 14), (State.COMPLETED, 25), (State.IN_PROGRESS, 12),
                   (State.ON_HOLD, 7), (State.DISPATCHED, 5), (State.CANCELLED, 5), (State.ESCALATED, 8)]
    else:
        choices = [(State.RECEIVED, 22), (State.DISPATCHED, 28), (State.IN_PROGRESS, 22), (State.COMPLETED, 14),
                   (State.ON_HOLD, 6), (State.VISITED, 4), (State.CANCELLED, 2), (State.ESCALATED, 6)]
    if kind != Kind.COMPLAINT:
        choices = [(s, w) for s, w in choices if s != State.ESCALATED]
    states, weights = zip(*choices, strict=True)
    return rng.choices(states, weights)[0]


def fill(services, rng, result) -> None:
    now = services.ctx.clock().replace(microsecond=0)
    with services.ctx.write() as s:
        staff_by_team: dict[str, list[tuple[int, str]]] = defaultdict(list)
        supervisors: dict[str, int] = {}
        for sid, team, position in s.execute(select(Staff.id, Staff.team, Staff.position).order_by(Staff.id)):
            staff_by_team[team].append((sid, position))
            if "主管" in position or position.endswith("经理"):
                supervisors.setdefault(team, sid)
        users = {u.username: u for u in s.scalars(select(User))}
        # Link the demo operators to staff members so each team tab's "mine" queue has content.
        for username, team in (("kefu", Team.SERVICE), ("gongcheng", Team.ENGINEERING), ("zhixu", Team.SECURITY),
                               ("huanjing", Team.ENVIRONMENT), ("manager", Team.MANAGER)):
            user = users.get(username)
            if user is not None and user.staff_id is None and staff_by_team.get(team):
                s.execute(update(User.__table__).where(User.__table__.c.id == user.id)
                          .values(staff_id=supervisors.get(team, staff_by_team[team][0][0])))
        desk = users.get("kefu")
        desk_actor = (desk.id, desk.display_name) if desk else (None, "前台客服")
        team_actor = {}
        for username, team in (("gongcheng", Team.ENGINEERING), ("zhixu", Team.SECURITY),
                               ("huanjing", Team.ENVIRONMENT)):
            user = users.get(username)
            team_actor[team] = (user.id, user.display_name) if user else desk_actor
        team_actor[Team.SERVICE] = desk_actor

        unit_ids = list(s.scalars(select(Unit.id)))
        if not unit_ids or not staff_by_team:
            return
        picked = rng.sample(unit_ids, min(len(unit_ids), ORDER_COUNT))
        unit_info = {
            uid: (bname, unit_no, floor)
            for uid, bname, unit_no, floor in s.execute(
                select(Unit.id, Building.name, Unit.unit_no, Unit.floor).join(Building).where(Unit.id.in_(picked)))
        }
        owners: dict[int, tuple[int, str, str]] = {}
        for uid, pid, name, phone in s.execute(
            select(Occupancy.unit_id, Person.id, Person.name, Person.phone).join(Person)
            .where(Occupancy.unit_id.in_(picked), Occupancy.relation == Relation.OWNER).order_by(Occupancy.id)
        ):
            owners.setdefault(uid, (pid, name, phone))

        deadline_cache: dict[tuple[str, str], tuple[int, int]] = {}
        plans = []
        for i in range(ORDER_COUNT):
            # More recent days carry more reports; office hours mostly.
            age = DAYS_BACK * (rng.random() ** 1.6)
            reported = now - timedelta(days=age)
            reported = reported.replace(hour=rng.choice([8, 9, 9, 10, 10, 11, 13, 14, 14, 15, 16, 17, 19, 21]),
                                        minute=rng.randrange(60), second=rng.randrange(60))
            if reported > now:
                reported = now - timedelta(minutes=rng.randrange(5, 240))
            kind, category, location, priority, text, place = rng.choices(TEMPLATES, WEIGHTS)[0]
            target = _state_plan(rng, (now - reported).total_seconds() / 86400, kind)
            if target == State.RECEIVED:  # nobody leaves a report undispatched for days
                reported = now - timedelta(minutes=rng.uniform(5, 150))
            if target == State.ON_HOLD and kind in (Kind.INQUIRY, Kind.SUGGESTION):
                target = State.COMPLETED
            uid = picked[i % len(picked)]
            bname, unit_no, floor = unit_info[uid]
            fill_in = {"b": bname, "u": unit_no or "1", "f": floor or rng.randrange(2, 18)}
            plans.append((reported, kind, category, location, priority, text.format(**fill_in),
                          place.format(**fill_in), uid, target))
        plans.sort(key=lambda p: p[0])

        per_day: dict[str, int] = defaultdict(int)
        calendar = services.service_calendar.calendar()  # deadlines count working time, as intake does
        orders, events_by_number, materials_by_number = [], {}, {}
        for reported, kind, category, location, priority, text, place, uid, target in plans:
            day = f"{reported:%Y%m%d}"
            per_day[day] += 1
            number = f"{NUMBER_PREFIX}{day}{per_day[day]:04d}"
            team = CATEGORY_TEAMS[category]
            key = (category, priority)
            if key not in deadline_cache:
                deadline_cache[key] = services.workorders.deadlines(category, priority)
            respond_min, complete_min = deadline_cache[key]
            source = rng.choices([Source.PHONE, Source.WALK_IN, Source.WECHAT, Source.PATROL],
                                 [45, 25, 22, 0 if location == Location.PRIVATE or kind != Kind.REPAIR else 12])[0]
            with_unit = location == Location.PRIVATE or (source != Source.PATROL and rng.random() < 0.85)
            owner = owners.get(uid) if with_unit else None
            row = {
                "number": number, "kind": kind, "source": source, "location": location, "category": category,
                "priority": priority, "team": team, "state": State.RECEIVED,
                "unit_id": uid if with_unit else None, "person_id": owner[0] if owner else None,
                "contact_name": owner[1] if owner else "", "contact_phone": owner[2] if owner else "",
                "place": place, "description": text, "assignee_id": None, "reported_at": reported,
                "respond_by": calendar.add(team, priority, reported, respond_min),
                "due_at": calendar.add(team, priority, reported, complete_min), "clock_start": reported,
                "held_at": None, "paused_minutes": 0,
                "dispatched_at": None, "started_at": None, "completed_at": None, "visited_at": None,
                "closed_at": None, "work_notes": "", "labour_fee": ZERO, "material_fee": ZERO,
                "satisfaction": None, "visit_comment": "", "cancel_reason": "", "chase_count": 0,
                "created_at": reported, "created_by": desk_actor[0], "updated_at": None, "updated_by": None,
            }
            events = []

            def log(at, actor, action, from_state, note="", row=row, events=events):
                events.append({"at": at, "actor_id": actor[0], "actor_name": actor[1], "action": action,
                               "from_state": from_state, "to_state": row["state"],
                               "assignee_id": row["assignee_id"], "note": note})
                row["updated_at"], row["updated_by"] = at, actor[0]

            log(reported, desk_actor, Action.INTAKE, None)
            urgent = priority == Priority.URGENT
            t = reported
            mats = []

            def step(minutes_low, minutes_high, t_now):
                return t_now + timedelta(minutes=rng.uniform(minutes_low, minutes_high))

            def advance(nxt):
                return nxt if nxt < now else None

            done = target == State.RECEIVED
            if target == State.CANCELLED and rng.random() < 0.4:
                t2 = advance(step(5, 120, t))
                if t2:
                    row["state"], row["cancel_reason"], row["closed_at"] = State.CANCELLED, rng.choice(
                        CANCEL_REASONS), t2
                    log(t2, desk_actor, Action.CANCEL, State.RECEIVED, row["cancel_reason"])
                done = True
            if not done and target == State.ESCALATED:
                t2 = advance(step(10, 90, t))
                if t2:
                    row["state"] = State.ESCALATED
                    log(t2, desk_actor, Action.ESCALATE, State.RECEIVED, "业主情绪激动, 要求经理出面处理")
                done = True
            if not done:
                t2 = advance(step(2, 10, t) if urgent else step(5, 60, t))
                if t2 is None:
                    done = True
                else:
                    t = t2
                    staff = [sid for sid, _ in staff_by_team[team]]  # supervisors take jobs too
                    row["assignee_id"], row["dispatched_at"] = rng.choice(staff), t
                    row["state"] = State.DISPATCHED
                    log(t, desk_actor, Action.DISPATCH, State.RECEIVED)
                    done = target == State.DISPATCHED
                    if target == State.CANCELLED and rng.random() < 0.5:
                        t2 = advance(step(30, 600, t))
                        if t2:
                            row["state"], row["cancel_reason"], row["closed_at"] = State.CANCELLED, rng.choice(
                                CANCEL_REASONS), t2
                            log(t2, desk_actor, Action.CANCEL, State.DISPATCHED, row["cancel_reason"])
                        done = True
            actor = team_actor.get(team, desk_actor)
            if not done:
                t2 = advance(step(3, 15, t) if urgent else step(10, 360, t))
                if t2 is None:
                    done = True
                else:
                    t = t2
                    row["state"], row["started_at"] = State.IN_PROGRESS, t
                    log(t, actor, Action.START, State.DISPATCHED)
                    done = target == State.IN_PROGRESS and rng.random() < 0.7
            if not done and (target == State.ON_HOLD or rng.random() < 0.08):
                t2 = advance(step(30, 180, t))
                if t2:
                    t = t2
                    row["state"], row["held_at"] = State.ON_HOLD, t
                    log(t, actor, Action.HOLD, State.IN_PROGRESS, rng.choice(HOLD_REASONS))
                    if target == State.ON_HOLD:
                        done = True
                    else:
                        t2 = advance(step(600, 2880, t))
                        if t2 is None:
                            done = True
                        else:
                            # the clocks stood still on hold: the due time moves by the working time paused
                            row["paused_minutes"] = calendar.between(team, priority, row["held_at"], t2)
                            row["due_at"] = calendar.add(team, priority, reported, complete_min + row["paused_minutes"])
                            t, row["state"], row["held_at"] = t2, State.IN_PROGRESS, None
                            log(t, actor, Action.RESUME, State.ON_HOLD, "配件已到/已约好时间")
                else:
                    done = True
            if not done and target in (State.IN_PROGRESS, State.CANCELLED):
                if target == State.CANCELLED:
                    t2 = advance(step(30, 600, t))
                    if t2:
                        row["cancel_reason"], row["closed_at"] = rng.choice(CANCEL_REASONS), t2
                        from_state, row["state"] = row["state"], State.CANCELLED
                        log(t2, desk_actor, Action.CANCEL, from_state, row["cancel_reason"])
                done = True
            if not done and rng.random() < 0.12 and row["state"] == State.IN_PROGRESS:
                t2 = advance(step(60, 600, t))
                if t2:
                    row["chase_count"] += 1
                    log(t2, desk_actor, Action.CHASE, State.IN_PROGRESS, "业主来电询问进度, 已催办")
                    t = t2
            if not done:
                t2 = advance(step(20, 150, t) if urgent else step(40, 3000, t))
                if t2 is None:
                    done = True
                else:
                    t = t2
                    notes = rng.choice(WORK_NOTES.get(category, WORK_NOTES[C.OTHER]))
                    if kind == Kind.REPAIR and category in MATERIALS and rng.random() < 0.75:
                        for name, unit, qty, price in rng.sample(MATERIALS[category],
                                                                 k=min(len(MATERIALS[category]), rng.randint(1, 2))):
                            amount = to_money(Decimal(qty) * Decimal(price))
                            mats.append({"name": name, "unit": unit, "quantity": Decimal(qty),
                                         "price": Decimal(price), "amount": amount})
                    if location == Location.PRIVATE:
                        row["material_fee"] = to_money(sum((m["amount"] for m in mats), ZERO))
                        row["labour_fee"] = Decimal(rng.choice(["0.00", "20.00", "30.00", "50.00"]))
                    row["state"], row["completed_at"], row["work_notes"] = State.COMPLETED, t, notes
                    log(t, actor, Action.COMPLETE, State.IN_PROGRESS, notes)
                    done = target == State.COMPLETED
            if not done:
                t2 = advance(step(600, 4000, t))
                if t2 is None:
                    done = True
                else:
                    t = t2
                    score = rng.choices([5, 4, 3, 2, 1], [55, 30, 10, 4, 1])[0]
                    comment = rng.choice(VISIT_COMMENTS[score])
                    row.update(state=State.VISITED, satisfaction=score, visit_comment=comment, visited_at=t)
                    log(t, desk_actor, Action.VISIT, State.COMPLETED, f"满意度 {score} 分" +
                        (f": {comment}" if comment else ""))
                    done = target == State.VISITED
            if not done:
                t2 = advance(step(600, 10000, t))
                if t2:
                    row.update(state=State.ARCHIVED, closed_at=t2)
                    log(t2, desk_actor, Action.ARCHIVE, State.VISITED)
            row["version"] = len(events)
            orders.append(row)
            events_by_number[number] = events
            materials_by_number[number] = mats

        s.execute(insert(WorkOrder.__table__), orders)  # Core: keeps our version (the ORM would reset it)
        refresh_unit_keys(s, {row["unit_id"] for row in orders if row.get("unit_id")})  # the room codes
        ids = dict(s.execute(select(WorkOrder.number, WorkOrder.id)).all())
        s.execute(insert(WorkOrderEvent), [
            {**e, "workorder_id": ids[number]} for number, events in events_by_number.items() for e in events
        ])
        material_rows = [{**m, "workorder_id": ids[number]} for number, mats in materials_by_number.items()
                         for m in mats]
        if material_rows:
            s.execute(insert(WorkOrderMaterial), material_rows)
        s.execute(insert(NumberSequence), [
            {"name": f"{SEQUENCE_NAME}:{day}", "value": count} for day, count in per_day.items()
        ])
    result.counts["workorders"] = len(orders)
    # The service calendar's next New Year, and the escalation the GUI's timer would have done by now.
    services.service_calendar.set_holiday(date(now.year + 1, 1, 1), "元旦")
    result.counts["escalations"] = len(services.workorders.escalate_overdue())
    # The bends of a real week: an owner not reached for the return visit, and one not happy (rework).
    wo = services.workorders
    waiting = wo.list(WorkOrderFilter(states=(State.COMPLETED,), kind=Kind.REPAIR), limit=2)
    if len(waiting) == 2:
        wo.visit(waiting[0].id, reached=False)
        wo.visit(waiting[1].id, 2, "还是漏水")
