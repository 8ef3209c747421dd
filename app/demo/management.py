"""Demo 经理/客服 office work: this year's plan targets and budgets, monthly cost entries, the relations log,
community activities with sign-ups, and two owner surveys with answers."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from app.models import CostCategory, Metric
from app.services import Services
from app.services.annual_plan import BUDGET

# category → (year budget, typical month, vendor)
BUDGETS = {
    CostCategory.LABOUR: ("1680000", "138000", "本处员工工资"), CostCategory.ENERGY: ("420000", "36000", "供电局/自来水公司"),
    CostCategory.REPAIR: ("260000", "19000", "各维修单位"), CostCategory.CLEANING: ("360000", "30000", "洁美保洁服务有限公司"),
    CostCategory.GREENING: ("150000", "11500", "绿源园林公司"), CostCategory.SECURITY: ("300000", "25000", "保安服务公司"),
    CostCategory.ADMIN: ("96000", "7600", "办公用品/通讯"), CostCategory.OTHER: ("60000", "4200", "其他"),
}
RELATIONS = [
    ("committee", "翠湖花园业主委员会", "张主任、李委员", "季度工作例会", "通报收费和维修情况, 业委会要求公开公共收益明细",
     "下月张贴公共收益公示", 20),
    ("street", "新城街道办事处", "王科长", "垃圾分类检查", "检查合格, 要求厨余垃圾破袋投放", "", 0),
    ("government", "区消防救援大队", "刘参谋", "消防安全检查", "发现2栋消防通道堆物, 限期3日整改", "整改后报复查", 3),
    ("community", "翠湖社区居委会", "陈书记", "重阳节敬老活动筹备", "共同举办, 物业提供场地", "", 0),
    ("partner", "洁美保洁服务有限公司", "项目经理周先生", "月度保洁考核沟通", "本月平均分偏低, 对方承诺增加人手", "下月复核", 30),
    ("government", "区住建局物业科", "赵科员", "物业服务企业信用检查", "资料齐全", "", 0),
    ("committee", "翠湖花园业主委员会", "张主任", "电梯更新改造方案", "初步同意使用维修资金, 待业主表决", "组织业主表决", 45),
]
ACTIVITIES = [
    ("重阳节敬老茶话会", -40, "14:30-16:30", "会所多功能厅", "为小区 70 岁以上老人送上节日问候, 茶点、义诊、量血压。", 60, "1800"),
    ("垃圾分类知识讲座", -12, "19:00-20:30", "会所多功能厅", "讲解四分类标准, 现场答题赢环保袋。", 80, "650"),
    ("元旦亲子手工活动", 25, "09:30-11:30", "中心花园", "亲子手工、灯笼制作, 请提前报名。", 40, "1200"),
]
TOPICS = ["客户服务", "工程维修", "秩序维护", "环境保洁", "绿化养护"]


def fill(services: Services, rng, result) -> None:
    today = services.ctx.clock().date()
    year = today.year
    targets = {Metric.COLLECTION_RATE: "92", Metric.SATISFACTION: "4.3", Metric.ON_TIME_RATE: "90"}
    targets.update({BUDGET + str(c): v[0] for c, v in BUDGETS.items()})
    services.annual_plan.set_targets(year, targets)
    entries = 0
    for month in range(1, today.month + 1):
        for category, (_budget, typical, vendor) in BUDGETS.items():
            day = date(year, month, min(25, today.day if month == today.month else 25))
            amount = (Decimal(typical) * Decimal(rng.uniform(0.85, 1.15))).quantize(Decimal("0.01"))
            services.costs.save({"day": day, "category": category, "amount": amount, "vendor": vendor,
                                 "description": f"{month}月{vendor}"})
            entries += 1
    for n, (party, org, people, subject, outcome, follow, days) in enumerate(RELATIONS):
        day = today - timedelta(days=7 * (len(RELATIONS) - n))
        contact = services.relations.save({"day": day, "party": party, "organisation": org, "people": people,
                                           "subject": subject, "outcome": outcome, "follow_up": follow,
                                           "follow_up_on": day + timedelta(days=days) if follow else None})
        if follow and n < 3:
            services.relations.close(contact)
    for title, offset, time_text, place, text, capacity, cost in ACTIVITIES:
        activity = services.activities.save({"title": title, "day": today + timedelta(days=offset),
                                             "time_text": time_text, "place": place, "description": text,
                                             "capacity": capacity, "cost": cost})
        for k in range(rng.randint(8, 14)):
            signup = services.activities.sign_up(activity, {"name": f"{rng.choice('王李张刘陈杨赵黄周吴')}先生/女士 {k + 1}",
                                                            "people": rng.randint(1, 3)})
            if offset < 0 and rng.random() < 0.85:
                services.activities.set_attended(signup)
    for n, (title, back) in enumerate((("上半年业主满意度调查", 160), ("下半年业主满意度调查", 20))):
        survey = services.surveys.create({"title": title, "sent_on": today - timedelta(days=back),
                                          "topics": "\n".join(TOPICS), "sample": 40}, seed=n)
        for response in services.surveys.responses(survey)[:32]:
            scores = {t: min(5, max(1, round(rng.gauss(4.0 + 0.2 * n, 0.7)))) for t in TOPICS}
            services.surveys.answer(response.id, scores, "", today - timedelta(days=back - 5))
    result.counts.update(cost_entries=entries, relations=len(RELATIONS), activities=len(ACTIVITIES), surveys=2)
