"""Demo office set-up: the property's bank account for fee notices, the required positions of each team
(a few vacant), and the outsourced cleaners' company."""

from __future__ import annotations

from sqlalchemy import update

from app.demo.property import STAFF
from app.models import Staff, Team

VACANT = {"维修技工": 1, "秩序维护员": 2}  # positions the office is still hiring for
CLEANING_COMPANY = "杭州洁美保洁服务有限公司"


def fill(services, rng, result) -> None:
    profile = services.property.profile()
    services.property.save_profile({**profile.__dict__, "company": "杭州翠湖物业服务有限公司",
                                    "bank_name": "中国工商银行杭州西湖支行", "bank_account": "1202021109900123456"})
    for team, position, count in STAFF:
        services.staff.save_position(team, position, count + VACANT.get(position, 0))
    with services.ctx.write() as s:
        s.execute(update(Staff).where(Staff.team == Team.ENVIRONMENT, Staff.position == "保洁员")
                  .values(company=CLEANING_COMPANY))
    result.counts.update(positions=len(STAFF))
