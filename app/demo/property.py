"""Demo property 翠湖花园: six buildings of about 1,000 units, owners, tenants, vehicles, staff, users."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import insert, select

from app.models import (
    Building,
    Occupancy,
    ParkingSpace,
    Person,
    Relation,
    Role,
    Setting,
    SpaceKind,
    Staff,
    Team,
    Unit,
    UnitStatus,
    Vehicle,
)
from app.services.archive import refresh_search_text
from app.validators import id_check_digit

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌浩宇欣怡子涵梓萱雨轩思远"
AREA_CODES = ["330106", "330105", "330102", "110105", "310115", "440305", "320106", "510104"]
PROVINCE_LETTERS = ["浙A", "浙A", "浙A", "浙B", "沪A", "苏E", "粤B"]
MOBILE_PREFIXES = ["138", "139", "137", "136", "135", "150", "151", "158", "186", "187", "188", "177", "199"]
PLATE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"

STAFF = [
    (Team.MANAGER, "项目经理", 1), (Team.MANAGER, "经理助理", 1),
    (Team.SERVICE, "客服主管", 1), (Team.SERVICE, "客服专员", 4),
    (Team.ENGINEERING, "工程主管", 1), (Team.ENGINEERING, "维修技工", 5),
    (Team.SECURITY, "秩序主管", 1), (Team.SECURITY, "秩序维护员", 8),
    (Team.ENVIRONMENT, "保洁主管", 1), (Team.ENVIRONMENT, "保洁员", 6), (Team.ENVIRONMENT, "绿化工", 2),
]
DEMO_USERS = [
    ("admin", "系统管理员", Role.ADMIN), ("manager", "项目经理", Role.MANAGER),
    ("kefu", "前台客服", Role.SERVICE), ("gongcheng", "工程主管", Role.ENGINEERING),
    ("zhixu", "秩序主管", Role.SECURITY), ("huanjing", "环境主管", Role.ENVIRONMENT),
]


def person_name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def mobile(rng) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def id_number(rng) -> str:
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 50))
    first17 = f"{rng.choice(AREA_CODES)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_check_digit(first17)


def plate(rng) -> str:
    tail = "".join(rng.choice(PLATE_CHARS) for _ in range(5))
    if rng.random() < 0.2:  # new-energy plate: D/F then five digits
        tail = rng.choice("DF") + f"{rng.randrange(10**5):05d}"
    return rng.choice(PROVINCE_LETTERS) + tail


def fill(services, rng, result) -> None:
    with services.ctx.write() as s:
        s.merge(Setting(key="property.name", value="翠湖花园"))
        s.merge(Setting(key="property.address", value="杭州市西湖区翠湖路88号"))
        s.merge(Setting(key="property.phone", value="0571-88886666"))
        buildings = []
        for number, (floors, units_per_floor, unit_count) in enumerate(
            [(18, 4, 2), (18, 4, 2), (26, 4, 2), (26, 4, 2), (33, 2, 3), (11, 4, 2)], start=1
        ):
            b = Building(name=f"{number}栋", floors=floors)
            s.add(b)
            buildings.append((b, floors, units_per_floor, unit_count))
        s.flush()

        unit_rows = []
        for b, floors, per_floor, unit_count in buildings:
            for unit_no in range(1, unit_count + 1):
                for floor in range(1, floors + 1):
                    for room in range(1, per_floor + 1):
                        area = Decimal(rng.choice(["89.56", "96.32", "118.75", "126.40", "143.08"]))
                        status = rng.choices(
                            [UnitStatus.OCCUPIED, UnitStatus.VACANT, UnitStatus.RENOVATING], [86, 10, 4]
                        )[0]
                        unit_rows.append({
                            "building_id": b.id, "unit_no": str(unit_no), "room_no": f"{floor}{room:02d}",
                            "floor": floor, "area": area, "status": status, "use": "residential",
                            "notes": "", "search_text": "", "version": 1,
                        })
        s.execute(insert(Unit), unit_rows)
        unit_ids = list(s.scalars(select(Unit.id).order_by(Unit.id)))

        people, occupancies, vehicles, spaces = [], [], [], []
        used_ids, used_plates = set(), set()
        for unit_id in unit_ids:
            household = [Relation.OWNER] + [Relation.OWNER] * (rng.random() < 0.25)
            household += [Relation.FAMILY] * (rng.random() < 0.3) + [Relation.TENANT] * (rng.random() < 0.1)
            for relation in household:
                number = id_number(rng)
                while number in used_ids:
                    number = id_number(rng)
                used_ids.add(number)
                people.append({"name": person_name(rng), "phone": mobile(rng), "id_number": number,
                               "notes": "", "version": 1})
                occupancies.append({"unit_id": unit_id, "relation": relation, "version": 1,
                                    "move_in_date": date(2015, 1, 1) + timedelta(days=rng.randrange(3500))})
        s.execute(insert(Person), people)
        person_ids = list(s.scalars(select(Person.id).order_by(Person.id)))
        for occ, pid in zip(occupancies, person_ids, strict=True):
            occ["person_id"] = pid
        s.execute(insert(Occupancy), occupancies)

        space_no = 0
        for occ in occupancies:
            if occ["relation"] == Relation.OWNER and rng.random() < 0.35:
                space_no += 1
                code = f"B{1 + space_no % 2}-{space_no:03d}"
                spaces.append({"code": code, "zone": f"地下{1 + space_no % 2}层", "kind": SpaceKind.OWNED,
                               "unit_id": occ["unit_id"], "person_id": occ["person_id"], "notes": "",
                               "version": 1})
                number = plate(rng)
                while number in used_plates:
                    number = plate(rng)
                used_plates.add(number)
                vehicles.append({"plate": number, "person_id": occ["person_id"], "unit_id": occ["unit_id"],
                                 "brand": rng.choice(["大众", "丰田", "本田", "比亚迪", "特斯拉", "吉利"]),
                                 "color": rng.choice(["白", "黑", "银", "灰", "红"]), "version": 1})
        s.execute(insert(ParkingSpace), spaces)
        space_ids = list(s.scalars(select(ParkingSpace.id).order_by(ParkingSpace.id)))
        for v, sid in zip(vehicles, space_ids, strict=True):
            v["parking_space_id"] = sid
        s.execute(insert(Vehicle), vehicles)

        staff = [
            {"name": person_name(rng), "team": team, "position": position, "phone": mobile(rng), "active": True,
             "notes": "", "version": 1, "hired_on": date(2018, 3, 1) + timedelta(days=rng.randrange(2500))}
            for team, position, count in STAFF for _ in range(count)
        ]
        s.execute(insert(Staff), staff)
        refresh_search_text(s, unit_ids)

    for username, display, role in DEMO_USERS:
        password = secrets.token_urlsafe(6)
        services.auth.create_user(username, display, password, role)
        result.passwords[username] = (role, password)
    result.counts.update(units=len(unit_ids), persons=len(people), vehicles=len(vehicles), staff=len(staff))
