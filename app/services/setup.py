"""Setting up a new office on an empty database (the first-start wizard): the property, buildings and units
from a pattern, the usual fee items, the first administrator and the staff.

Every step is checked before anything is written (``SetupService.check``); ``complete`` then writes them in
order, as the new administrator, so the audit trail names them from the first row on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import insert, select

from app.errors import FieldError, ServiceError
from app.models import Building, ChargeMethod, Cycle, FeeKind, Role, Unit, UnitStatus, UnitUse
from app.services.archive import refresh_search_text
from app.services.context import Actor, ServiceContext
from app.validators import check_area, clean_text

MAX_UNITS = 20000


@dataclass(frozen=True)
class UnitPattern:
    """楼栋 count and name pattern, 单元 per building (0 = none), floors, doors per floor, area per door."""

    buildings: int
    name_pattern: str = "{n}栋"
    units_per_building: int = 1
    floors: int = 6
    doors_per_floor: int = 2
    areas: tuple[Decimal, ...] = (Decimal("89.00"),)  # door 1, door 2, …; repeats when shorter

    @property
    def unit_count(self) -> int:
        return self.buildings * max(self.units_per_building, 1) * self.floors * self.doors_per_floor

    def building_names(self) -> list[str]:
        return [self.name_pattern.replace("{n}", str(n)) for n in range(1, self.buildings + 1)]

    def rooms(self) -> list[tuple[str, int, str, Decimal]]:
        """(unit_no, floor, room_no, area) of one building: room 1502 = floor 15, door 02."""
        unit_nos = [str(u) for u in range(1, self.units_per_building + 1)] or [""]
        return [(unit_no, floor, f"{floor}{door:02d}", self.areas[(door - 1) % len(self.areas)])
                for unit_no in unit_nos for floor in range(1, self.floors + 1)
                for door in range(1, self.doors_per_floor + 1)]


def _count(values: Mapping[str, object], key: str, label: str, low: int, high: int, errors: dict) -> int:
    try:
        number = int(str(values.get(key, "")).strip())
    except ValueError:
        errors[key] = f"{label}应为整数"
        return low
    if not low <= number <= high:
        errors[key] = f"{label}应在{low}–{high}之间"
    return number


def check_pattern(values: Mapping[str, object]) -> UnitPattern:
    """The wizard's 楼栋/单元 page → a pattern, or FieldError naming each bad field."""
    errors: dict[str, str] = {}
    buildings = _count(values, "buildings", "楼栋数", 0, 200, errors)
    units = _count(values, "units_per_building", "每栋单元数", 0, 20, errors)
    floors = _count(values, "floors", "楼层数", 1, 99, errors)
    doors = _count(values, "doors_per_floor", "每层户数", 1, 30, errors)
    pattern = clean_text(values.get("name_pattern")) or "{n}栋"
    if "{n}" not in pattern:
        errors["name_pattern"] = "楼栋名称中应含 {n} (楼栋序号), 如 {n}栋"
    elif len(pattern) > 28:
        errors["name_pattern"] = "楼栋名称过长"
    areas: list[Decimal] = []
    for part in str(values.get("areas") or "").replace("，", ",").replace("、", ",").split(","):
        if part.strip():
            try:
                areas.append(check_area(part))
            except ValueError as exc:
                errors["areas"] = f"面积“{part.strip()}”: {exc}"
    if not areas and "areas" not in errors:
        errors["areas"] = "请填写每户面积, 如 89.5, 120 (按每层第1户、第2户…)"
    if errors:
        raise FieldError(errors)
    result = UnitPattern(buildings, pattern, units, floors, doors, tuple(areas))
    if result.unit_count > MAX_UNITS:
        raise FieldError({"buildings": f"将生成 {result.unit_count} 套房屋, 超过上限 {MAX_UNITS}"})
    return result


# The usual items of a residential property, with common prices (the wizard lets the office change them).
USUAL_FEE_ITEMS: tuple[dict[str, object], ...] = (
    {"name": "物业服务费", "kind": FeeKind.PROPERTY, "method": ChargeMethod.AREA, "unit_price": "2.50",
     "unit_label": "元/㎡·月"},
    {"name": "停车费", "kind": FeeKind.PARKING, "method": ChargeMethod.SPACE, "unit_price": "200",
     "unit_label": "元/个·月"},
    {"name": "垃圾清运费", "kind": FeeKind.OTHER, "method": ChargeMethod.FIXED, "unit_price": "10",
     "unit_label": "元/户·月"},
    {"name": "公摊电费", "kind": FeeKind.OTHER, "method": ChargeMethod.AREA, "unit_price": "0.15",
     "unit_label": "元/㎡·月"},
    {"name": "水费", "kind": FeeKind.OTHER, "method": ChargeMethod.METERED, "unit_price": "3.45",
     "unit_label": "元/吨"},
)


@dataclass(frozen=True)
class SetupPlan:
    """Everything the wizard asked, as typed; ``SetupService.check`` cleans it."""

    profile: Mapping[str, object]
    admin: Mapping[str, str]  # username, display_name, password
    pattern: Mapping[str, object] | None = None  # None: no units generated (import the roster instead)
    fee_items: Sequence[Mapping[str, object]] = ()
    staff: Sequence[Mapping[str, object]] = ()
    admin_staff: int | None = None  # index into ``staff``: the administrator is this person
    start_date: date | None = None  # when the fee items start charging
    extra: dict = field(default_factory=dict)


class SetupService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def check(self, plan: SetupPlan) -> dict[str, FieldError]:
        """Every step's problems by step ("profile", "pattern", "fees", "admin", "staff"); {} when all is well."""
        from app.services.auth import MIN_PASSWORD
        from app.services.fees_billing import validate_item
        from app.services.property import check_profile
        from app.services.staff import StaffService

        problems: dict[str, FieldError] = {}

        def collect(step: str, fn, prefix: str = "") -> None:
            try:
                fn()
            except FieldError as exc:
                errors = {f"{prefix}{k}": v for k, v in exc.errors.items()}
                if step in problems:
                    problems[step].errors.update(errors)
                else:
                    problems[step] = FieldError(errors)

        collect("profile", lambda: check_profile(plan.profile))
        if plan.pattern is not None:
            collect("pattern", lambda: check_pattern(plan.pattern))
        for i, item in enumerate(plan.fee_items):
            collect("fees", lambda item=item: validate_item(self.item_values(item, plan.start_date)), f"{i}.")
        for i, member in enumerate(plan.staff):
            collect("staff", lambda member=member: StaffService.check(member), f"{i}.")

        def admin() -> None:
            errors = {}
            if not clean_text(plan.admin.get("username")):
                errors["username"] = "用户名不能为空"
            if len(plan.admin.get("password", "")) < MIN_PASSWORD:
                errors["password"] = f"密码至少{MIN_PASSWORD}位"
            if errors:
                raise FieldError(errors)

        collect("admin", admin)
        return problems

    def item_values(self, item: Mapping[str, object], start: date | None = None) -> dict[str, object]:
        """A usual item as ``BillingService.save_item`` takes it: monthly, from the 1st of this month."""
        return {"cycle": Cycle.MONTHLY, "start_date": start or self.ctx.clock().date().replace(day=1), **item}

    def check_fee_items(self, items: Sequence[Mapping[str, object]]) -> list[tuple[int, str]]:
        """(index, message) of every problem in the chosen items."""
        from app.services.fees_billing import validate_item

        problems = []
        for i, item in enumerate(items):
            try:
                validate_item(self.item_values(item))
            except FieldError as exc:
                problems.extend((i, message) for message in exc.errors.values())
        return problems

    def generate_units(self, pattern: UnitPattern) -> int:
        """Buildings and units from the pattern in one transaction; refuses names that exist already."""
        self.ctx.require("archive.edit")
        names = pattern.building_names()
        if not names:
            return 0
        rooms = pattern.rooms()
        with self.ctx.write() as s:
            taken = s.scalars(select(Building.name).where(Building.name.in_(names))).all()
            if taken:
                raise FieldError({"name_pattern": f"楼栋已存在: {'、'.join(taken)}"})
            ids = []
            for name in names:
                building = Building(name=name, floors=pattern.floors)
                s.add(building)
                s.flush()
                ids.append(building.id)
            rows = [{"building_id": bid, "unit_no": unit_no, "floor": floor, "room_no": room, "area": area,
                     "use": UnitUse.RESIDENTIAL, "status": UnitStatus.OCCUPIED, "notes": "", "search_text": "", "version": 1,
                     "created_by": self.ctx.actor.user_id}
                    for bid in ids for unit_no, floor, room, area in rooms]
            s.execute(insert(Unit), rows)
            unit_ids = s.scalars(select(Unit.id).where(Unit.building_id.in_(ids))).all()
            refresh_search_text(s, unit_ids)
        return len(rows)

    def complete(self, plan: SetupPlan) -> Actor:
        """Write the whole set-up; returns the new administrator (signed in). Only on a database with no users."""
        from app.services import Services
        from app.services.auth import AuthService

        problems = self.check(plan)
        if problems:
            first = next(iter(problems.values()))
            raise FieldError(first.errors)
        auth = AuthService(self.ctx)
        if auth.has_users():
            raise ServiceError("数据库已有用户, 不能再次执行初始设置")
        username, password = clean_text(plan.admin["username"]), plan.admin["password"]
        auth.create_user(username, plan.admin.get("display_name", ""), password, Role.ADMIN)
        actor = auth.login(username, password)
        admin = Services(self.ctx.as_actor(actor))
        admin.property.save_profile(plan.profile)
        if plan.pattern is not None:
            SetupService(admin.ctx).generate_units(check_pattern(plan.pattern))
        for order, item in enumerate(plan.fee_items, start=1):
            admin.billing.save_item({"sort_order": order, **self.item_values(item, plan.start_date)})
        staff_ids = [admin.staff.save_staff(member) for member in plan.staff]
        if plan.admin_staff is not None and 0 <= plan.admin_staff < len(staff_ids):
            admin.users.link_staff(actor.user_id, staff_ids[plan.admin_staff])
        return actor
