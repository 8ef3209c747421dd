"""Work orders (工单): intake, dispatch, handling, return visit and archive, with the state machine of
DESIGN.md enforced here (the UI only mirrors ``allowed_actions``), and paged queries for the lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import ColumnElement, Select, and_, case, func, literal_column, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from app.errors import ConflictError, FieldError, NotFound, PermissionDenied, ServiceError, StateError
from app.models import (
    CATEGORY_TEAMS,
    TEAM_LABELS,
    Action,
    Building,
    Category,
    Kind,
    Location,
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
    WorkOrderDeadline,
    WorkOrderEvent,
    WorkOrderMaterial,
)
from app.money import ZERO, to_money
from app.paging import COUNT_CAP, AtLeast, id_page
from app.search import (
    ShortPlan,
    like_pattern,
    normalise_query,
    phone_condition,
    short_plan,
    unit_code,
    unit_label,
)
from app.services.context import ServiceContext
from app.services.sequences import next_number
from app.services.service_calendar import Calendar, load_calendar, load_margins
from app.services.workorder_keys import set_unit_keys
from app.validators import clean_code, clean_text, mask_phone, normalize_phone
from app.workorder_codes import (  # noqa: F401 - NUMBER_PREFIX, NEAR_DEADLINE: the service's names too
    DENSE_MATCHES,
    NEAR_DEADLINE,
    NEAR_RESPONSE,
    NOT_STARTED,
    NUMBER_PREFIX,
    OPEN_STATES,
    ORDER_NUMBER,
    ROOM_CODE,
    SEARCHED_COLUMNS,
    VIEW_PERMISSIONS,
    deadline_status,
    label,
)

SEQUENCE_NAME = "workorder"
MAX_DESCRIPTION = 2000
MAX_NOTE = 500  # reasons, comments: they must fit the slip's signature block
MAX_QUANTITY = Decimal("99999")
MAX_PRICE = Decimal("99999.99")  # also the cap of the labour fee: amounts stay inside Numeric(12, 2)
MAX_REWORK = 2  # a dissatisfied visit reopens an order at most this often; then it goes to the manager
DISSATISFIED = 2  # a score at or below this reopens the order as rework (返工)
REPEAT_DAYS = 30  # a new report of the same unit and category within this is a repeat (重复报修)
DESK_KINDS = (Kind.INQUIRY, Kind.SUGGESTION)  # may be answered and closed at the desk

TEAM_QUEUE_STATES = (State.RECEIVED, State.DISPATCHED, State.IN_PROGRESS, State.ON_HOLD)
MY_QUEUE_STATES = (State.DISPATCHED, State.IN_PROGRESS, State.ON_HOLD)
# Teams whose operators may only handle their own team's orders (without "workorder.manage").
HANDLING_TEAMS = (Team.ENGINEERING, Team.SECURITY, Team.ENVIRONMENT)


@dataclass(frozen=True)
class Move:
    """One allowed move: from which states, to which state (None: stays), and the permission it needs."""

    sources: frozenset[str]
    target: str | None
    permission: str


MOVES: dict[str, Move] = {
    Action.DISPATCH: Move(frozenset({State.RECEIVED, State.ESCALATED}), State.DISPATCHED, "workorder.manage"),
    # Reassign: the order keeps its state (an order in progress stays in progress with the new person).
    Action.REDISPATCH: Move(frozenset({State.DISPATCHED, State.IN_PROGRESS}), None, "workorder.manage"),
    Action.CHASE: Move(frozenset({State.DISPATCHED, State.IN_PROGRESS, State.ON_HOLD, State.ESCALATED}), None,
                       "workorder.manage"),
    Action.START: Move(frozenset({State.DISPATCHED}), State.IN_PROGRESS, "workorder.handle"),
    Action.HOLD: Move(frozenset({State.IN_PROGRESS}), State.ON_HOLD, "workorder.handle"),
    Action.RESUME: Move(frozenset({State.ON_HOLD}), State.IN_PROGRESS, "workorder.handle"),
    Action.COMPLETE: Move(frozenset({State.IN_PROGRESS, State.ESCALATED}), State.COMPLETED, "workorder.handle"),
    Action.VISIT: Move(frozenset({State.COMPLETED}), State.VISITED, "workorder.manage"),
    Action.ARCHIVE: Move(frozenset({State.VISITED}), State.ARCHIVED, "workorder.manage"),
    Action.CANCEL: Move(frozenset(OPEN_STATES), State.CANCELLED, "workorder.manage"),
    Action.ESCALATE: Move(frozenset({State.RECEIVED, State.DISPATCHED}), State.ESCALATED, "workorder.manage"),
    # A team member takes an unassigned order of their own team (dispatch to oneself).
    Action.TAKE: Move(frozenset({State.RECEIVED}), State.DISPATCHED, "workorder.handle"),
    # 咨询/建议 answered at the desk: archived, or completed when a return visit is wanted.
    Action.DESK_CLOSE: Move(frozenset({State.RECEIVED}), None, "workorder.create"),
    Action.VISIT_FAILED: Move(frozenset({State.COMPLETED}), None, "workorder.manage"),
    Action.CORRECT: Move(frozenset(OPEN_STATES), None, "workorder.manage"),
}

# Minutes to respond (start work) and to complete, by priority; a category may be stricter. They count on
# the service calendar: working minutes of the order's team (urgent orders and 24-hour teams: every minute),
# so a normal repair is due in three working days of 10 hours, not at 3 a.m.
DEFAULT_DEADLINES: dict[str, tuple[int, int]] = {
    Priority.URGENT: (30, 4 * 60),
    Priority.HIGH: (2 * 60, 10 * 60),
    Priority.NORMAL: (8 * 60, 30 * 60),
}
DEFAULT_CATEGORY_DEADLINES: dict[tuple[str, str], tuple[int, int]] = {
    (Category.ELEVATOR, Priority.URGENT): (15, 2 * 60),  # 电梯困人: on site within 15 minutes
    (Category.FIRE, Priority.URGENT): (15, 2 * 60),
    (Category.WATER, Priority.URGENT): (20, 4 * 60),
}

ESCALATION_LABELS = {1: "已升级至主管", 2: "已升级至经理"}

SORT_KEYS = ("number", "reported_at", "due_at", "state", "priority", "kind", "category", "unit", "assignee",
             "team")
# Each sort key's column, indexed together with the id (migration 0017); the assignee may be NULL.
SORT_COLUMNS = {
    "number": WorkOrder.number, "reported_at": WorkOrder.reported_at, "due_at": WorkOrder.due_at,
    "state": WorkOrder.state_rank, "priority": WorkOrder.priority_rank, "kind": WorkOrder.kind,
    "category": WorkOrder.category, "unit": WorkOrder.unit_sort, "assignee": WorkOrder.assignee_id,
    "team": WorkOrder.team,
}


def _search_text(*columns) -> ColumnElement[str]:
    """lower(a || ' ' || b …): one text to search, written exactly as PostgreSQL's trigram index (0017)."""
    joined = columns[0]
    for column in columns[1:]:
        joined = joined.concat(literal_column("' '")).concat(column)
    return func.lower(joined)


_SEARCHED = tuple(getattr(WorkOrder, name) for name in SEARCHED_COLUMNS)
SEARCH_TEXT = _search_text(*_SEARCHED)
_ROW_COLUMNS = [getattr(WorkOrder, name) for name in (
    "id", "number", "kind", "source", "location", "category", "priority", "team", "state", "unit_id", "unit_text",
    "contact_name", "contact_phone", "place", "description", "assignee_id", "reported_at", "respond_by", "due_at",
    "started_at", "completed_at", "satisfaction", "chase_count", "version", "escalation_level", "rework_count",
    "repeat_of_id")]


def _starts_with(column, prefix: str, sqlite: bool) -> ColumnElement[bool]:
    """``column`` starts with ``prefix``, on the column's index (SQLite's LIKE would not use it)."""
    if sqlite:
        return and_(column >= prefix, column < prefix + "\U0010ffff")
    return column.startswith(prefix, autoescape=True)
SEARCH_TEXT_NO_PHONE = _search_text(*(c for c in _SEARCHED if c is not WorkOrder.contact_phone))


# --- rows returned to the UI -------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkOrderRow:
    id: int
    number: str
    kind: str
    source: str
    location: str
    category: str
    priority: str
    team: str
    state: str
    unit_id: int | None
    unit_code: str
    contact_name: str
    contact_phone: str
    place: str
    description: str
    assignee_id: int | None
    assignee: str
    reported_at: datetime
    respond_by: datetime
    due_at: datetime
    started_at: datetime | None
    completed_at: datetime | None
    satisfaction: int | None
    chase_count: int
    deadline_status: str  # "overdue", "near" or ""
    version: int
    escalation_level: int = 0  # 1 the team supervisor was told, 2 the manager
    rework_count: int = 0
    repeat_of_id: int | None = None  # an earlier report of the same unit and category (重复报修)


@dataclass(frozen=True)
class MaterialRow:
    name: str
    unit: str
    quantity: Decimal
    price: Decimal
    amount: Decimal


@dataclass(frozen=True)
class EventRow:
    at: datetime
    actor: str
    action: str
    from_state: str | None
    to_state: str
    assignee: str
    note: str


@dataclass(frozen=True)
class WorkOrderDetail:
    row: WorkOrderRow
    unit_label: str
    dispatched_at: datetime | None
    visited_at: datetime | None
    closed_at: datetime | None
    work_notes: str
    materials: tuple[MaterialRow, ...]
    labour_fee: Decimal
    material_fee: Decimal
    visit_comment: str
    cancel_reason: str
    history: tuple[EventRow, ...]
    allowed: tuple[str, ...]
    remaining_minutes: int | None = None  # working time left to the completion deadline (frozen on hold)
    held_at: datetime | None = None
    hold_until: date | None = None
    visit_attempts: int = 0
    next_visit_at: datetime | None = None
    repeat_of: str = ""  # number of the earlier order this one repeats
    repeats: tuple[str, ...] = ()  # numbers of later orders that repeat this one

    @property
    def total_fee(self) -> Decimal:
        return to_money(self.labour_fee + self.material_fee)


@dataclass(frozen=True)
class WorkOrderFilter:
    states: tuple[str, ...] = ()
    kind: str | None = None
    category: str | None = None
    team: str | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    unit_id: int | None = None
    date_from: date | None = None  # reported on or after
    date_to: date | None = None  # reported on or before
    overdue: bool = False
    due_soon: bool = False  # open, not overdue, due within NEAR_DEADLINE
    with_manager: bool = False  # 经理处理, or escalated to the manager by the clock (still open)
    repeat: bool = False  # repeats only
    query: str = ""  # number, room, owner/contact name or phone


@dataclass(frozen=True)
class DeadlineRule:
    category: str  # "" = every category
    priority: str
    response_minutes: int
    complete_minutes: int
    custom: bool  # stored in the database (else the built-in default)


@dataclass(frozen=True)
class TeamRates:
    """按时完成率 = completed on time / completed; 返工率 = orders reopened as rework / orders visited."""

    team: str
    completed: int
    on_time: int
    visited: int
    reworked: int

    @property
    def on_time_rate(self) -> Decimal | None:
        return (Decimal(100 * self.on_time) / self.completed).quantize(Decimal("0.1")) if self.completed else None

    @property
    def rework_rate(self) -> Decimal | None:
        return (Decimal(100 * self.reworked) / self.visited).quantize(Decimal("0.1")) if self.visited else None


@dataclass(frozen=True)
class EscalationRow:
    """One step of an automatic escalation (the daily list)."""

    at: datetime
    order_id: int
    number: str
    team: str
    level: int
    note: str


@dataclass(frozen=True)
class WorkOrderSummary:
    """Headline figures for the manager: open and overdue orders by team, complaints and satisfaction."""

    open_by_team: dict[str, int]
    overdue_by_team: dict[str, int]
    reported: int  # reported since ``since``
    complaints: int  # complaints reported since ``since``
    escalated: int  # waiting for the manager now
    visited: int  # return visits since ``since``
    average_satisfaction: Decimal | None  # of those visits, one decimal
    team_rates: tuple[TeamRates, ...] = ()  # on-time and rework rates per team since ``since``

    def rates_of(self, team: str | None) -> TeamRates:
        """One team's rates, or (None) all teams together."""
        rows = [r for r in self.team_rates if team is None or r.team == team]
        return TeamRates(team or "", sum(r.completed for r in rows), sum(r.on_time for r in rows),
                         sum(r.visited for r in rows), sum(r.reworked for r in rows))

    @property
    def open_total(self) -> int:
        return sum(self.open_by_team.values())

    @property
    def overdue_total(self) -> int:
        return sum(self.overdue_by_team.values())


@dataclass(frozen=True)
class Material:
    """A material line as typed in the completion form."""

    name: str
    quantity: object
    price: object
    unit: str = ""
    item_id: int | None = None  # a stock item: completing the order issues the quantity from stock


# --- validation --------------------------------------------------------------------------------------


def _choice(values: Mapping[str, object], key: str, allowed: Iterable[str], message: str, errors: dict,
            default: str | None = None) -> str:
    value = values.get(key) or default
    if value not in set(allowed):
        errors[key] = message
        return ""
    return str(value)


def validate_intake(values: Mapping[str, object]) -> dict[str, object]:
    """Clean the intake form; FieldError names every bad field. Masked phones ("138****5678") mean "as stored"."""
    errors: dict[str, str] = {}
    cleaned: dict[str, object] = {
        "kind": _choice(values, "kind", Kind, "请选择类型(报修/投诉/建议/咨询)", errors),
        "source": _choice(values, "source", Source, "请选择来源", errors, Source.WALK_IN),
        "category": _choice(values, "category", Category, "请选择类别", errors),
        "priority": _choice(values, "priority", Priority, "请选择紧急程度", errors, Priority.NORMAL),
        "location": _choice(values, "location", Location, "请选择公共部位或自用部位", errors, Location.PUBLIC),
        "unit_id": values.get("unit_id") or None,
        "person_id": values.get("person_id") or None,
        "contact_name": clean_text(values.get("contact_name")),
        "contact_phone": "",
        "place": clean_text(values.get("place")),
        "description": str(values.get("description") or "").strip(),
        "team": values.get("team") or None,
    }
    if not cleaned["description"]:
        errors["description"] = "请填写问题描述"
    elif len(str(cleaned["description"])) > MAX_DESCRIPTION:
        errors["description"] = f"问题描述不能超过{MAX_DESCRIPTION}字"
    if len(str(cleaned["place"])) > 128:
        errors["place"] = "具体位置过长(最多128字)"
    if len(str(cleaned["contact_name"])) > 64:
        errors["contact_name"] = "联系人姓名过长"
    raw_phone = clean_code(values.get("contact_phone"))
    if raw_phone and "*" not in raw_phone:
        try:
            cleaned["contact_phone"] = normalize_phone(raw_phone)
        except ValueError as exc:
            errors["contact_phone"] = f"联系电话{exc}"
    elif raw_phone:
        cleaned["contact_phone"] = "*"  # keep the person's stored phone
    if cleaned["location"] == Location.PRIVATE and not cleaned["unit_id"]:
        errors["unit_id"] = "自用部位报修须选择房屋"
    if cleaned["team"] is not None and cleaned["team"] not in TEAM_LABELS:
        errors["team"] = "班组无效"
    if errors:
        raise FieldError(errors)
    return cleaned


def validate_materials(materials: Iterable[Material | Mapping[str, object]]) -> list[dict[str, object]]:
    """Material lines → dicts with Decimal quantity/price/amount; blank lines are skipped."""
    rows, errors = [], {}
    for number, item in enumerate(materials, start=1):
        get = item.get if isinstance(item, Mapping) else lambda key, it=item: getattr(it, key, "")
        name = clean_text(get("name"))
        raw_qty, raw_price = clean_code(get("quantity")), clean_code(get("price"))
        if not name and not raw_qty and not raw_price:
            continue
        where = f"第{number}行材料"
        unit = clean_text(get("unit"))
        if not name or len(name) > 64 or len(unit) > 8:
            errors[f"materials.{number}"] = (f"{where}: 名称不能为空" if not name else
                                             f"{where}: 名称最多64字、单位最多8字")
            continue
        try:
            quantity = Decimal(raw_qty or "1").quantize(Decimal("0.01"))
            if not quantity.is_finite() or not 0 < quantity <= MAX_QUANTITY:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors[f"materials.{number}"] = f"{where}({name}): 数量应为0.01到{MAX_QUANTITY}之间的数字"
            continue
        try:
            price = to_money(raw_price or "0")
        except ValueError:
            errors[f"materials.{number}"] = f"{where}({name}): 单价应为数字"
            continue
        if not 0 <= price <= MAX_PRICE:
            errors[f"materials.{number}"] = f"{where}({name}): 单价应在0到{MAX_PRICE}元之间"
            continue
        rows.append({"name": name, "unit": unit, "quantity": quantity, "price": price,
                     "amount": to_money(quantity * price)})
    if errors:
        raise FieldError(errors)
    return rows


def _desk_answer(value: object) -> str:
    text = str(value or "").strip()
    if not text:
        raise FieldError({"answer": "前台办结须填写答复内容"})
    if len(text) > MAX_DESCRIPTION:
        raise FieldError({"answer": f"答复内容不能超过{MAX_DESCRIPTION}字"})
    return text


def _reason(value: object, field: str = "reason", missing: str = "请填写原因") -> str:
    text = clean_text(value)
    if not text:
        raise FieldError({field: missing})
    if len(text) > MAX_NOTE:
        raise FieldError({field: f"原因不能超过{MAX_NOTE}字"})
    return text


def _hours(minutes: int) -> str:
    """570 → "9小时30分"."""
    sign, minutes = ("-" if minutes < 0 else ""), abs(minutes)
    hours, rest = divmod(minutes, 60)
    return sign + (f"{hours}小时" if hours else "") + (f"{rest}分" if rest or not hours else "")


def _staff_id(value: object) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise FieldError({"assignee_id": "请选择处理人"}) from None


# --- the service -------------------------------------------------------------------------------------


def _by_team(s: Session, *where) -> dict[str, int]:
    """Orders ``where`` selects, per team. Grouped by state and team, the order of ix_workorders_open_team
    (0021), then added up per team: no sort of the open orders (15 → 6 ms at 64,000 open orders)."""
    out: dict[str, int] = {}
    for _state, team, n in s.execute(select(WorkOrder.state, WorkOrder.team, func.count()).where(*where)
                                     .group_by(WorkOrder.state, WorkOrder.team)):
        out[team] = out.get(team, 0) + n
    return out


class WorkOrderService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # ---- permissions and helpers
    def _require_view(self) -> None:
        if not any(self.ctx.can(p) for p in VIEW_PERMISSIONS):
            self.ctx.require("workorder.handle")

    def _team_refusal(self, order: WorkOrder) -> PermissionDenied | None:
        """Team operators handle their own team's orders only; the front desk and manager handle all."""
        role = self.ctx.actor.role
        if self.ctx.can("workorder.manage") or role not in HANDLING_TEAMS or order.team == role:
            return None
        return PermissionDenied(f"工单 {order.number} 属于{label(order.team)}班组, {label(role)}班组不能处理。")

    def _refusal(self, order: WorkOrder, action: str, me: tuple[int, str] | None = None) -> ServiceError | None:
        """Why ``action`` is not allowed on ``order`` now (None: allowed). The one copy of the rules.
        ``me`` is the operator's own staff (id, team), needed only for taking an order."""
        move = MOVES[action]
        if order.state not in move.sources:
            allowed = "/".join(label(s) for s in OPEN_STATES if s in move.sources) or "/".join(
                sorted(label(s) for s in move.sources))
            return StateError(f"工单 {order.number} 当前状态为“{label(order.state)}”, 不能{label(action)}"
                              f"(只有“{allowed}”状态可以{label(action)})。")
        if action == Action.ESCALATE and order.kind != Kind.COMPLAINT and order.priority != Priority.URGENT:
            return StateError(f"工单 {order.number} 不是投诉或紧急工单, 不能升级至经理。")
        if action == Action.DESK_CLOSE and order.kind not in DESK_KINDS:
            return StateError(f"工单 {order.number} 是{label(order.kind)}, 只有咨询和建议可以在前台办结。")
        if action == Action.COMPLETE and order.state == State.ESCALATED and not self.ctx.can("workorder.manage"):
            return PermissionDenied(f"工单 {order.number} 已升级至经理, 只能由经理或客服完成。")
        if action == Action.TAKE:
            if me is None:
                return StateError(f"工单 {order.number}: 当前用户没有关联员工档案, 不能接单。")
            if me[1] != order.team:
                return PermissionDenied(f"工单 {order.number} 属于{label(order.team)}班组, 不能由"
                                        f"{label(me[1])}班组的员工接单。")
            return None
        if move.permission == "workorder.handle":
            return self._team_refusal(order)
        return None

    def _me(self, s: Session) -> tuple[int, str] | None:
        """(staff id, team) of the logged-in operator, when the user is linked to a staff member."""
        if self.ctx.actor.user_id is None:
            return None
        found = s.execute(
            select(Staff.id, Staff.team).join(User, User.staff_id == Staff.id)
            .where(User.id == self.ctx.actor.user_id, Staff.active.is_(True))
        ).first()
        return (found[0], found[1]) if found else None

    def allowed_actions(self, order: WorkOrder, me: tuple[int, str] | None = None) -> tuple[str, ...]:
        return tuple(
            action for action, move in MOVES.items()
            if self.ctx.can(move.permission) and self._refusal(order, action, me) is None
        )

    @staticmethod
    def _load(s: Session, order_id: int, version: object = None) -> WorkOrder:
        order = s.get(WorkOrder, order_id, with_for_update=True)
        if order is None:
            raise NotFound("工单不存在")
        if version is not None and int(version) != order.version:
            from app.services.archive import stale_message  # (the archive service: only when needed)

            raise ConflictError(stale_message(s, order, f"工单 {order.number} "))
        return order

    def _log(self, s: Session, order: WorkOrder, action: str, from_state: str | None, note: str,
             now: datetime) -> None:
        s.add(WorkOrderEvent(
            workorder_id=order.id, at=now, actor_id=self.ctx.actor.user_id, actor_name=self.ctx.actor.display_name,
            action=action, from_state=from_state, to_state=order.state, assignee_id=order.assignee_id,
            note=note[:2000],
        ))

    # ---- deadlines
    def _deadline_minutes(self, s: Session, category: str, priority: str) -> tuple[int, int]:
        stored = {
            (c, p): (r, m)
            for c, p, r, m in s.execute(
                select(WorkOrderDeadline.category, WorkOrderDeadline.priority, WorkOrderDeadline.response_minutes,
                       WorkOrderDeadline.complete_minutes)
                .where(WorkOrderDeadline.priority == priority, WorkOrderDeadline.category.in_([category, ""]))
            )
        }
        return (stored.get((category, priority)) or DEFAULT_CATEGORY_DEADLINES.get((category, priority))
                or stored.get(("", priority)) or DEFAULT_DEADLINES[priority])

    def _set_deadlines(self, s: Session, order: WorkOrder, calendar: Calendar | None = None) -> None:
        """Respond-by and due-at on the service calendar of the order's team, from its clock start plus the
        time it spent on hold: every deadline of an order is set here."""
        with s.no_autoflush:  # the lookups read rules only: the order's pending change is flushed once, later
            calendar = calendar or load_calendar(s)
            respond, complete = self._deadline_minutes(s, order.category, order.priority)
        start = order.clock_start or order.reported_at
        paused = order.paused_minutes or 0
        order.respond_by = calendar.add(order.team, order.priority, start, respond + paused)
        order.due_at = calendar.add(order.team, order.priority, start, complete + paused)

    def deadlines(self, category: str, priority: str) -> tuple[int, int]:
        """(minutes to respond, minutes to complete) for an order of this category and priority."""
        with self.ctx.read() as s:
            return self._deadline_minutes(s, category, priority)

    def deadline_rules(self) -> list[DeadlineRule]:
        """Every rule in force: the stored ones, then the built-in defaults not overridden."""
        with self.ctx.read() as s:
            stored = {(r.category, r.priority): r for r in s.scalars(select(WorkOrderDeadline))}
        rules = [DeadlineRule(r.category, r.priority, r.response_minutes, r.complete_minutes, True)
                 for r in stored.values()]
        defaults = {**{("", p): v for p, v in DEFAULT_DEADLINES.items()}, **DEFAULT_CATEGORY_DEADLINES}
        rules += [DeadlineRule(c, p, r, m, False) for (c, p), (r, m) in defaults.items() if (c, p) not in stored]
        return sorted(rules, key=lambda r: (r.category, list(Priority).index(r.priority)))

    def set_deadline_rule(self, category: str, priority: str, response_minutes: int, complete_minutes: int) -> None:
        self.ctx.require("settings.edit")
        errors = {}
        if category and category not in set(Category):
            errors["category"] = "类别无效"
        if priority not in set(Priority):
            errors["priority"] = "紧急程度无效"
        if not isinstance(response_minutes, int) or response_minutes <= 0:
            errors["response_minutes"] = "响应时限应为大于0的分钟数"
        if not isinstance(complete_minutes, int) or complete_minutes <= 0:
            errors["complete_minutes"] = "完成时限应为大于0的分钟数"
        elif isinstance(response_minutes, int) and complete_minutes < response_minutes:
            errors["complete_minutes"] = "完成时限不能短于响应时限"
        if errors:
            raise FieldError(errors)
        with self.ctx.write() as s:
            rule = s.scalar(select(WorkOrderDeadline).where(WorkOrderDeadline.category == category,
                                                            WorkOrderDeadline.priority == priority))
            if rule is None:
                rule = WorkOrderDeadline(category=category, priority=priority)
                s.add(rule)
            rule.response_minutes, rule.complete_minutes = response_minutes, complete_minutes

    deadline_status = staticmethod(deadline_status)

    @staticmethod
    def _overdue_clause(now: datetime):
        return and_(WorkOrder.state.in_(OPEN_STATES), WorkOrder.state != State.ON_HOLD, or_(
            WorkOrder.due_at < now,
            and_(WorkOrder.started_at.is_(None), WorkOrder.state.in_(NOT_STARTED), WorkOrder.respond_by < now),
        ))

    @staticmethod
    def _with_manager_clause():
        return or_(WorkOrder.state == State.ESCALATED,
                   and_(WorkOrder.state.in_(OPEN_STATES), WorkOrder.escalation_level >= 2))

    # ---- queries
    def _query(self, flt: WorkOrderFilter, now: datetime, s: Session) -> Select:
        stmt = select(WorkOrder.id)
        if flt.states:
            stmt = stmt.where(WorkOrder.state.in_(flt.states))
        for column, value in ((WorkOrder.kind, flt.kind), (WorkOrder.category, flt.category),
                              (WorkOrder.team, flt.team), (WorkOrder.assignee_id, flt.assignee_id),
                              (WorkOrder.unit_id, flt.unit_id)):
            if value:
                stmt = stmt.where(column == value)
        if flt.unassigned:
            stmt = stmt.where(WorkOrder.assignee_id.is_(None))
        if flt.date_from:
            stmt = stmt.where(WorkOrder.reported_at >= datetime.combine(flt.date_from, datetime.min.time()))
        if flt.date_to:
            stmt = stmt.where(WorkOrder.reported_at < datetime.combine(flt.date_to + timedelta(days=1),
                                                                       datetime.min.time()))
        if flt.overdue:
            stmt = stmt.where(self._overdue_clause(now))
        if flt.with_manager:
            stmt = stmt.where(self._with_manager_clause())
        if flt.repeat:
            stmt = stmt.where(WorkOrder.repeat_of_id.is_not(None))
        if flt.due_soon:
            stmt = stmt.where(WorkOrder.state.in_(OPEN_STATES), ~self._overdue_clause(now),
                              WorkOrder.due_at <= now + NEAR_DEADLINE)
        query = normalise_query(flt.query)
        if query:
            stmt = self._short_plan(s, query).page(stmt.where(self._search(s, query)[0]))
        return stmt

    def _short_plan(self, s: Session, query: str) -> ShortPlan:
        """How a 1–2 character search is narrowed by ``workorders_fts`` (0022; app/search.py ``short_plan``):
        a rare one to the orders the index lists, a common one ("王") not (its page is met at once)."""
        if len(query) >= 3 or ROOM_CODE.fullmatch(query):
            return ShortPlan()
        return short_plan(WorkOrder.id, s, query, "workorders_fts", [column.key for column in _SEARCHED])

    def _search(self, s: Session, query: str) -> tuple[ColumnElement[bool], bool]:
        """(condition, many): orders whose number, contact, phone, place, description or room holds the
        (normalised) search text, each kind of query on an index:

        - a room code (3-1-1502, or its start 3-1-15) or an order number (GD2026…): that column's start;
        - 1–2 characters: LIKE, narrowed by ``_short_plan`` where that is faster (SQLite);
        - anything else: the trigram index (SQLite FTS5 ``workorders_fts``; PostgreSQL's pg_trgm GIN index on
          SEARCH_TEXT). When it matches more than DENSE_MATCHES orders, SQLite tests the text row by row
          while walking the list's sort index instead (a first page of common words at once, no list of
          100,000 ids to sort).

        Without the right to see phones in full, digits match a phone only as a whole number or its last
        4 digits (``phone_condition``), never a fragment. ``many``: the index alone found more than
        DENSE_MATCHES orders (so more than COUNT_CAP).
        """
        sqlite = self.ctx.db.is_sqlite
        if ROOM_CODE.fullmatch(query):
            return _starts_with(WorkOrder.unit_text, query.upper(), sqlite), False
        if ORDER_NUMBER.fullmatch(query):
            return _starts_with(WorkOrder.number, query.upper(), sqlite), False
        many = False
        found = SEARCH_TEXT.like(like_pattern(query), escape="\\")
        if sqlite:  # LIKE on each column (SQLite's LIKE ignores ASCII case, its lower() only that too)
            each = or_(*(column.like(like_pattern(query), escape="\\") for column in _SEARCHED))
            if len(query) < 3:
                found = each
            else:
                matches = "SELECT rowid FROM workorders_fts WHERE workorders_fts MATCH :wo_query"
                phrase = {"wo_query": '"' + query.replace('"', '""') + '"'}
                hits = s.scalar(sql_text(f"SELECT count(*) FROM ({matches} LIMIT {DENSE_MATCHES + 1})"), phrase)
                if hits <= DENSE_MATCHES:
                    found = WorkOrder.id.in_(sql_text(matches).bindparams(**phrase))
                else:  # common text: row by row
                    found, many = each, True
        if self.ctx.can("pii.view_full") or not query.isdigit():
            return found, many
        return and_(found, or_(SEARCH_TEXT_NO_PHONE.like(like_pattern(query), escape="\\"),
                               phone_condition(WorkOrder.contact_phone, query, full_pii=False))), False

    def count(self, flt: WorkOrderFilter = WorkOrderFilter()) -> int:
        """Number of orders matching ``flt`` (the windowed list's row count); a search stops counting at
        COUNT_CAP (``AtLeast``: the list says "1000+")."""
        self._require_view()
        now = self.ctx.clock()
        with self.ctx.read() as s:
            query = normalise_query(flt.query)
            stmt = self._query(replace(flt, query=""), now, s)
            if not query:
                return s.scalar(select(func.count()).select_from(stmt.subquery())) or 0
            condition, many = self._search(s, query)
            alone = replace(flt, query="") == WorkOrderFilter()
            if many and alone:
                return AtLeast(COUNT_CAP)  # the index alone found more than that
            bare = alone and (self.ctx.can("pii.view_full") or not query.isdigit())
            return self._short_plan(s, query).count(s, stmt.where(condition), COUNT_CAP, bare=bare)

    def list(self, flt: WorkOrderFilter = WorkOrderFilter(), offset: int = 0, limit: int = 200,
             sort: str = "reported_at", descending: bool = True, after: int | None = None) -> list[WorkOrderRow]:
        """One page of orders, filtered and sorted in SQL on an index; ``sort`` is one of SORT_KEYS. With
        ``after`` (the id of the row before the page, in this order) the page is sought from that row
        instead of skipping ``offset`` rows (app/paging.py)."""
        self._require_view()
        now = self.ctx.clock()
        limit = max(0, min(limit, 10_000))
        key = sort if sort in SORT_KEYS else "reported_at"
        with self.ctx.read() as s:
            ids = id_page(s, self._query(flt, now, s), [SORT_COLUMNS[key], WorkOrder.id], descending=descending,
                          offset=offset, limit=limit, after=after, nullable=key == "assignee")
            return self._rows(s, ids, now)

    def _rows(self, s: Session, ids: list[int], now: datetime) -> list[WorkOrderRow]:
        if not ids:
            return []
        show_phone = self.ctx.show_phone
        found = {}
        for order in s.execute(  # plain columns, not ORM objects: a block of 200 rows costs a third
            select(*_ROW_COLUMNS, Staff.name.label("assignee_name"))
            .outerjoin(Staff, Staff.id == WorkOrder.assignee_id).where(WorkOrder.id.in_(ids))
        ):
            found[order.id] = WorkOrderRow(
                id=order.id, number=order.number, kind=order.kind, source=order.source, location=order.location,
                category=order.category, priority=order.priority, team=order.team, state=order.state,
                unit_id=order.unit_id, unit_code=order.unit_text,
                contact_name=order.contact_name, contact_phone=show_phone(order.contact_phone), place=order.place,
                description=order.description, assignee_id=order.assignee_id, assignee=order.assignee_name or "",
                reported_at=order.reported_at, respond_by=order.respond_by, due_at=order.due_at,
                started_at=order.started_at, completed_at=order.completed_at, satisfaction=order.satisfaction,
                chase_count=order.chase_count,
                deadline_status=self.deadline_status(order.state, order.started_at, order.respond_by,
                                                     order.due_at, now),
                version=order.version, escalation_level=order.escalation_level or 0,
                rework_count=order.rework_count or 0, repeat_of_id=order.repeat_of_id,
            )
        return [found[i] for i in ids if i in found]

    def _detail(self, s: Session, order: WorkOrder, now: datetime) -> WorkOrderDetail:
        s.flush()
        row = self._rows(s, [order.id], now)[0]
        unit_text = ""
        if order.unit_id:
            bname, unit_no, room_no = s.execute(
                select(Building.name, Unit.unit_no, Unit.room_no).join(Building).where(Unit.id == order.unit_id)
            ).one()
            unit_text = unit_label(bname, unit_no, room_no)
        materials = tuple(
            MaterialRow(m.name, m.unit, m.quantity, m.price, m.amount)
            for m in s.scalars(select(WorkOrderMaterial).where(WorkOrderMaterial.workorder_id == order.id)
                               .order_by(WorkOrderMaterial.id))
        )
        history = tuple(
            EventRow(e.at, e.actor_name, e.action, e.from_state, e.to_state, name or "", e.note)
            for e, name in s.execute(
                select(WorkOrderEvent, Staff.name).outerjoin(Staff, Staff.id == WorkOrderEvent.assignee_id)
                .where(WorkOrderEvent.workorder_id == order.id).order_by(WorkOrderEvent.at, WorkOrderEvent.id)
            )
        )
        repeat_of = s.scalar(select(WorkOrder.number).where(WorkOrder.id == order.repeat_of_id)) \
            if order.repeat_of_id else ""
        repeats = tuple(s.scalars(select(WorkOrder.number).where(WorkOrder.repeat_of_id == order.id)
                                  .order_by(WorkOrder.id)))
        remaining = None
        if order.state in OPEN_STATES:
            remaining = load_calendar(s).between(order.team, order.priority, order.held_at or now, order.due_at)
        return WorkOrderDetail(
            remaining_minutes=remaining, held_at=order.held_at, hold_until=order.hold_until,
            visit_attempts=order.visit_attempts or 0, next_visit_at=order.next_visit_at,
            repeat_of=repeat_of or "", repeats=repeats,
            row=row, unit_label=unit_text, dispatched_at=order.dispatched_at, visited_at=order.visited_at,
            closed_at=order.closed_at, work_notes=order.work_notes, materials=materials,
            labour_fee=order.labour_fee, material_fee=order.material_fee, visit_comment=order.visit_comment,
            cancel_reason=order.cancel_reason, history=history, allowed=self.allowed_actions(order, self._me(s)),
        )

    def get(self, order_id: int) -> WorkOrderDetail:
        self._require_view()
        with self.ctx.read() as s:
            order = s.get(WorkOrder, order_id)
            if order is None:
                raise NotFound("工单不存在")
            return self._detail(s, order, self.ctx.clock())

    def find(self, number: str) -> int:
        """The id of the order with this number (case and spaces ignored)."""
        self._require_view()
        code = clean_code(number).upper()
        with self.ctx.read() as s:
            order_id = s.scalar(select(WorkOrder.id).where(WorkOrder.number == code))
        if order_id is None:
            raise NotFound(f"没有编号为 {code or '(空)'} 的工单")
        return order_id

    def recent_for_unit(self, unit_id: int, limit: int = 5) -> list[WorkOrderRow]:
        """The unit's latest orders, newest first: shown while the desk types a new report (repeats)."""
        return self.list(WorkOrderFilter(unit_id=unit_id), limit=limit, sort="reported_at", descending=True)

    def my_staff_id(self) -> int | None:
        """The staff member the logged-in operator is (users.staff_id), for the "mine" queue."""
        if self.ctx.actor.user_id is None:
            return None
        with self.ctx.read() as s:
            return s.scalar(select(User.staff_id).where(User.id == self.ctx.actor.user_id))

    def queue_filter(self, team: str, which: str, staff_id: int | None = None) -> WorkOrderFilter:
        """A team tab's queue: "mine" (assigned to me), "team" (open in the team), "unassigned"."""
        if which == "mine":
            return WorkOrderFilter(states=MY_QUEUE_STATES, assignee_id=staff_id or self.my_staff_id() or -1)
        if which == "unassigned":
            return WorkOrderFilter(states=(State.RECEIVED,), team=team, unassigned=True)
        return WorkOrderFilter(states=TEAM_QUEUE_STATES, team=team)

    @staticmethod
    def visit_filter() -> WorkOrderFilter:
        """Completed orders waiting for the front desk's return visit."""
        return WorkOrderFilter(states=(State.COMPLETED,))

    def counts_by_state(self, flt: WorkOrderFilter = WorkOrderFilter()) -> dict[str, int]:
        self._require_view()
        now = self.ctx.clock()
        with self.ctx.read() as s:
            ids = self._query(flt, now, s).subquery()
            return dict(s.execute(select(WorkOrder.state, func.count()).where(WorkOrder.id.in_(select(ids.c.id)))
                                  .group_by(WorkOrder.state)).all())

    def open_load(self, team: str | None = None) -> dict[int, int]:
        """Open orders per assignee (staff id → count): shown beside names when dispatching."""
        self._require_view()
        stmt = (select(WorkOrder.assignee_id, func.count()).where(WorkOrder.state.in_(OPEN_STATES),
                                                                  WorkOrder.assignee_id.is_not(None))
                .group_by(WorkOrder.assignee_id))
        if team:
            stmt = stmt.where(WorkOrder.assignee_id.in_(select(Staff.id).where(Staff.team == team)))
        with self.ctx.read() as s:
            return {sid: n for sid, n in s.execute(stmt)}

    def summary(self, since: date) -> WorkOrderSummary:
        """Figures for the manager's dashboard; "since" bounds the reported/visited counts."""
        self._require_view()
        now = self.ctx.clock()
        start = datetime.combine(since, datetime.min.time())
        with self.ctx.read() as s:
            open_by_team = _by_team(s, WorkOrder.state.in_(OPEN_STATES))
            overdue_by_team = _by_team(s, self._overdue_clause(now))
            # counts only, each read from an index (ix_workorders_reported_id, ix_workorders_kind_reported)
            reported = s.scalar(select(func.count()).where(WorkOrder.reported_at >= start))
            complaints = s.scalar(select(func.count()).where(WorkOrder.kind == Kind.COMPLAINT,
                                                             WorkOrder.reported_at >= start))
            escalated = s.scalar(select(func.count()).where(self._with_manager_clause())) or 0
            visited, score_sum = s.execute(select(func.count(), func.sum(WorkOrder.satisfaction)).where(
                WorkOrder.visited_at >= start, WorkOrder.satisfaction.is_not(None))).one()
            rates = self._team_rates(s, start)
        average = (Decimal(int(score_sum)) / visited).quantize(Decimal("0.1")) if visited else None
        return WorkOrderSummary(open_by_team, overdue_by_team, int(reported), int(complaints), int(escalated),
                                int(visited), average, rates)

    @staticmethod
    def _team_rates(s: Session, start: datetime) -> tuple[TeamRates, ...]:
        """Per team since ``start``: orders completed (and not since reopened) and how many by their due time;
        orders visited, and how many of them were reopened as rework."""
        done = (select(WorkOrder.team, func.count(),
                       func.coalesce(func.sum(case((WorkOrder.completed_at <= WorkOrder.due_at, 1), else_=0)), 0))
                # a two-sided range: SQLite then reads the completed_at index, not every order by team
                .where(WorkOrder.completed_at >= start, WorkOrder.completed_at < datetime.max)
                .group_by(WorkOrder.team))
        completed = {team: (int(n), int(ok)) for team, n, ok in s.execute(done)}

        def orders_with(action: str) -> dict[str, int]:
            stmt = (select(WorkOrder.team, func.count(func.distinct(WorkOrder.id)))
                    .join(WorkOrderEvent, WorkOrderEvent.workorder_id == WorkOrder.id)
                    .where(WorkOrderEvent.action == action, WorkOrderEvent.at >= start).group_by(WorkOrder.team))
            return {team: int(n) for team, n in s.execute(stmt)}

        visited, reworked = orders_with(Action.VISIT), orders_with(Action.REWORK)
        teams = [t for t in TEAM_LABELS if t in completed or t in visited]
        return tuple(TeamRates(t, *completed.get(t, (0, 0)), visited.get(t, 0), reworked.get(t, 0)) for t in teams)

    # ---- intake
    def intake(self, values: Mapping[str, object]) -> WorkOrderDetail:
        """Register a report (state 受理); with ``assignee_id`` it is dispatched in the same transaction; with
        ``answer`` (咨询/建议 only) it is answered and closed at the desk — with ``visit`` True it waits for a
        return visit instead of being archived. A report of the same unit and category within REPEAT_DAYS
        is linked to the earlier one as a repeat."""
        self.ctx.require("workorder.create")
        cleaned = validate_intake(values)
        assignee_id = values.get("assignee_id") or None
        if assignee_id:
            self.ctx.require("workorder.manage")
        answer = _desk_answer(values.get("answer")) if values.get("answer") is not None else None
        if answer is not None and cleaned["kind"] not in DESK_KINDS:
            raise FieldError({"answer": "只有咨询和建议可以在前台办结, 报修和投诉请派单处理"})
        now = self.ctx.clock()
        with self.ctx.write() as s:
            unit_id, person_id = cleaned["unit_id"], cleaned["person_id"]
            if unit_id is not None and s.get(Unit, unit_id) is None:
                raise NotFound("所选房屋不存在或已被删除")
            person = None
            if person_id is not None:
                person = s.get(Person, person_id)
                if person is None:
                    raise NotFound("所选业主/住户不存在")
            elif unit_id is not None:
                # The contact is the unit's person of that name, or its first owner when no name was typed.
                members = s.scalars(
                    select(Person).join(Occupancy).where(Occupancy.unit_id == unit_id)
                    .order_by(Occupancy.relation != Relation.OWNER, Occupancy.id)
                ).all()
                name = cleaned["contact_name"]
                person = next((p for p in members if p.name == name), None) if name else \
                    (members[0] if members else None)
            if cleaned["contact_phone"] == "*":
                cleaned["contact_phone"] = person.phone if person else ""
            if person is not None:
                cleaned["person_id"] = person.id
                cleaned["contact_name"] = cleaned["contact_name"] or person.name
                cleaned["contact_phone"] = cleaned["contact_phone"] or person.phone
            team = cleaned.pop("team") or CATEGORY_TEAMS[cleaned["category"]]
            order = WorkOrder(
                **cleaned, team=team, state=State.RECEIVED,
                number=next_number(s, SEQUENCE_NAME, NUMBER_PREFIX, now),
                reported_at=now, clock_start=now, paused_minutes=0,
            )
            self._set_deadlines(s, order)
            set_unit_keys(s, order)
            earlier = self._earlier_report(s, order, now)
            order.repeat_of_id = earlier[0] if earlier else None
            s.add(order)
            s.flush()
            self._log(s, order, Action.INTAKE, None, f"重复报修, 前单 {earlier[1]}" if earlier else "", now)
            if answer is not None:
                self._close_at_desk(s, order, answer, bool(values.get("visit")), now)
            elif assignee_id:
                self._assign(s, order, _staff_id(assignee_id), clean_text(values.get("dispatch_note")), now)
            return self._detail(s, order, now)

    @staticmethod
    def _earlier_report(s: Session, order: WorkOrder, now: datetime) -> tuple[int, str] | None:
        """The latest order of the same unit and category reported within REPEAT_DAYS (not cancelled)."""
        if order.unit_id is None:
            return None
        found = s.execute(
            select(WorkOrder.id, WorkOrder.number)
            .where(WorkOrder.unit_id == order.unit_id, WorkOrder.category == order.category,
                   WorkOrder.reported_at >= now - timedelta(days=REPEAT_DAYS),
                   WorkOrder.state != State.CANCELLED, WorkOrder.kind.in_((Kind.REPAIR, Kind.COMPLAINT)))
            .order_by(WorkOrder.reported_at.desc(), WorkOrder.id.desc()).limit(1)
        ).first()
        return (found[0], found[1]) if found and order.kind in (Kind.REPAIR, Kind.COMPLAINT) else None

    def _close_at_desk(self, s: Session, order: WorkOrder, answer: str, visit: bool, now: datetime) -> None:
        refusal = self._refusal(order, Action.DESK_CLOSE)
        if refusal is not None:
            raise refusal
        from_state = order.state
        order.work_notes, order.started_at, order.completed_at = answer, now, now
        if visit:
            order.state = State.COMPLETED
        else:
            order.state, order.closed_at = State.ARCHIVED, now
        self._log(s, order, Action.DESK_CLOSE, from_state, answer[:200] + (" (待回访)" if visit else ""), now)

    def close_at_desk(self, order_id: int, answer: str, visit: bool = False, version: object = None
                      ) -> WorkOrderDetail:
        """前台办结 a registered 咨询/建议: the answer is recorded and the order closed (or left for a visit)."""
        self.ctx.require(MOVES[Action.DESK_CLOSE].permission)
        text = _desk_answer(answer)
        now = self.ctx.clock()
        with self.ctx.write() as s:
            order = self._load(s, order_id, version)
            self._close_at_desk(s, order, text, visit, now)
            return self._detail(s, order, now)

    # ---- moves
    def _move(self, order_id: int, action: str, version: object, note: str | Callable[[], str] = "",
              apply: Callable[[Session, WorkOrder, datetime], None] | None = None,
              then: Callable[[Session, WorkOrder, datetime], None] | None = None) -> WorkOrderDetail:
        """One move in one transaction: check, ``apply`` the change, log it (``note`` may be a callable read
        after ``apply``), and ``then`` any follow-up move (which logs itself), e.g. the rework a dissatisfied
        visit opens."""
        move = MOVES[action]
        self.ctx.require(move.permission)
        now = self.ctx.clock()
        with self.ctx.write() as s:
            order = self._load(s, order_id, version)
            refusal = self._refusal(order, action)
            if refusal is not None:
                raise refusal
            from_state = order.state
            if apply is not None:
                apply(s, order, now)
            if move.target is not None:
                order.state = move.target
            self._log(s, order, action, from_state, note() if callable(note) else note, now)
            if then is not None:
                s.flush()  # the follow-up is a move of its own: its own row version
                then(s, order, now)
            return self._detail(s, order, now)

    def _assign(self, s: Session, order: WorkOrder, staff_id: int, note: str, now: datetime) -> None:
        """Dispatch or re-dispatch inside an open transaction; the team follows the assignee."""
        staff = s.get(Staff, staff_id)
        if staff is None or not staff.active:
            raise FieldError({"assignee_id": "所选处理人不存在或已停用"})
        reassign = order.state in MOVES[Action.REDISPATCH].sources
        if staff.id == order.assignee_id and reassign:
            raise FieldError({"assignee_id": f"工单已派给 {staff.name}, 请选择其他人改派"})
        if reassign and not note:
            raise FieldError({"note": "改派须填写原因(如请假、技能不符、离职交接)"})
        action = Action.REDISPATCH if reassign else Action.DISPATCH
        refusal = self._refusal(order, action)
        if refusal is not None:
            raise refusal
        self._hand_to(s, order, staff, action, f"改派给 {staff.name}: {note}" if reassign else
                      (note or f"派给 {staff.name}"), now)

    def _hand_to(self, s: Session, order: WorkOrder, staff: Staff, action: str, note: str, now: datetime) -> None:
        """Give the order to ``staff``: the team follows the person (and the deadlines that team's calendar);
        dispatching moves it to 已派单, a reassignment keeps its state."""
        from_state, team = order.state, order.team
        order.assignee_id, order.team, order.dispatched_at = staff.id, staff.team, now
        if action != Action.REDISPATCH:
            order.state = State.DISPATCHED
        if team != staff.team:
            self._set_deadlines(s, order)
        self._log(s, order, action, from_state, note, now)

    def dispatch(self, order_id: int, assignee_id: int, version: object = None, note: str = "") -> WorkOrderDetail:
        """Dispatch (受理/经理处理 → 已派单) or re-dispatch to another person (已派单 → 已派单)."""
        self.ctx.require("workorder.manage")
        if not assignee_id:
            raise FieldError({"assignee_id": "请选择处理人"})
        now = self.ctx.clock()
        with self.ctx.write() as s:
            order = self._load(s, order_id, version)
            self._assign(s, order, _staff_id(assignee_id), clean_text(note), now)
            return self._detail(s, order, now)

    def take(self, order_id: int, version: object = None) -> WorkOrderDetail:
        """接单: a team member assigns an unassigned order of their team to themselves."""
        self.ctx.require(MOVES[Action.TAKE].permission)
        now = self.ctx.clock()
        with self.ctx.write() as s:
            order = self._load(s, order_id, version)
            me = self._me(s)
            refusal = self._refusal(order, Action.TAKE, me)
            if refusal is not None:
                raise refusal
            from_state = order.state
            order.assignee_id, order.dispatched_at, order.state = me[0], now, State.DISPATCHED
            self._log(s, order, Action.TAKE, from_state, "自行接单", now)
            return self._detail(s, order, now)

    def chase(self, order_id: int, note: str = "", version: object = None) -> WorkOrderDetail:
        """催办: logged with the note; the order keeps its state."""

        def apply(_s, order, _now):
            order.chase_count += 1

        return self._move(order_id, Action.CHASE, version, clean_text(note) or "催办", apply)

    def start(self, order_id: int, version: object = None, note: str = "") -> WorkOrderDetail:
        def apply(_s, order, now):
            order.started_at = order.started_at or now

        return self._move(order_id, Action.START, version, clean_text(note), apply)

    def hold(self, order_id: int, reason: str, version: object = None, until: date | None = None
             ) -> WorkOrderDetail:
        """挂起 with a reason and the expected date of resuming; the deadline clocks stop until 恢复处理."""
        reason = _reason(reason, missing="挂起须填写原因(如等待配件、业主不在家)")
        if until is not None and not isinstance(until, date):
            raise FieldError({"until": "预计恢复日期无效"})
        if until is not None and until < self.ctx.clock().date():
            raise FieldError({"until": "预计恢复日期不能早于今天"})

        def apply(_s, order, now):
            order.held_at, order.hold_until = now, until

        return self._move(order_id, Action.HOLD, version,
                          reason + (f" (预计 {until:%Y-%m-%d} 恢复)" if until else ""), apply)

    def resume(self, order_id: int, version: object = None, note: str = "") -> WorkOrderDetail:
        """恢复处理: the working time on hold is added to the clocks, so the deadlines move by it."""
        extra: list[str] = []

        def apply(s, order, now):
            calendar = load_calendar(s)
            if order.held_at is not None:
                paused = max(calendar.between(order.team, order.priority, order.held_at, now), 0)
                order.paused_minutes = (order.paused_minutes or 0) + paused
                self._set_deadlines(s, order, calendar)
                extra.append(f"挂起计时 {_hours(paused)}, 完成时限顺延至 {order.due_at:%m-%d %H:%M}")
            order.held_at, order.hold_until = None, None

        return self._move(order_id, Action.RESUME, version,
                          lambda: "; ".join(x for x in (clean_text(note), *extra) if x), apply)

    def complete(self, order_id: int, work_notes: str, materials: Iterable[Material | Mapping] = (),
                 labour_fee: object = "0", version: object = None) -> WorkOrderDetail:
        """完成: work notes required; materials recorded; fees only for 自用部位 (private) repairs."""
        notes = str(work_notes or "").strip()
        errors = {}
        if not notes:
            errors["work_notes"] = "请填写处理情况"
        elif len(notes) > MAX_DESCRIPTION:
            errors["work_notes"] = f"处理情况不能超过{MAX_DESCRIPTION}字"
        try:
            labour = to_money(clean_code(labour_fee) or "0")
            if not 0 <= labour <= MAX_PRICE:
                errors["labour_fee"] = f"人工费应在0到{MAX_PRICE}元之间"
        except ValueError:
            errors["labour_fee"] = "人工费应为金额数字"
            labour = ZERO
        if errors:
            raise FieldError(errors)
        materials = list(materials)
        rows = validate_materials(materials)

        def apply(s, order, now):
            material_total = to_money(sum((r["amount"] for r in rows), ZERO))
            if order.location != Location.PRIVATE and labour > 0:
                raise FieldError({"labour_fee": "公共部位维修不向业主收费, 人工费应为0"})
            order.work_notes = notes
            order.labour_fee = labour if order.location == Location.PRIVATE else ZERO
            order.material_fee = material_total if order.location == Location.PRIVATE else ZERO
            order.completed_at = now
            order.started_at = order.started_at or now
            for r in rows:
                s.add(WorkOrderMaterial(workorder_id=order.id, **r))
            from app.services.inventory import draw_for_workorder  # the stock models load only here

            draw_for_workorder(s, order.id, materials, now)  # lines naming a stock item draw from stock
            from app.services.fees_payments import post_repair_charge  # the charge reaches the unit's account

            post_repair_charge(s, self.ctx, order)

        return self._move(order_id, Action.COMPLETE, version, notes[:200], apply)

    def visit(self, order_id: int, satisfaction: object = None, comment: str = "", version: object = None, *,
              reached: bool = True, next_attempt: datetime | None = None) -> WorkOrderDetail:
        """回访. Reached: satisfaction 1–5 and the owner's comment; a score of DISSATISFIED or less reopens
        the order as rework (返工) to the same team and person, keeping its number and history — after
        MAX_REWORK reopenings it goes to the manager instead. Not reached (联系不上): the attempt is
        counted and the next one planned (default: the same time tomorrow); the order waits."""
        comment = clean_text(comment)
        if len(comment) > MAX_NOTE:
            raise FieldError({"comment": f"业主意见不能超过{MAX_NOTE}字"})
        if not reached:
            return self._visit_failed(order_id, comment, next_attempt, version)
        try:
            score = int(str(satisfaction).strip())
        except (TypeError, ValueError):
            score = 0
        if not 1 <= score <= 5:
            raise FieldError({"satisfaction": "满意度应为1到5分"})

        def apply(_s, order, now):
            order.satisfaction, order.visit_comment, order.visited_at = score, comment, now
            order.next_visit_at = None

        def then(s, order, now):
            if score > DISSATISFIED:
                return
            from_state = order.state
            if (order.rework_count or 0) >= MAX_REWORK:
                order.escalation_level, order.escalated_at = 2, now
                self._log(s, order, Action.AUTO_ESCALATE, from_state,
                          f"已返工{order.rework_count}次仍不满意({score}分), 升级至经理", now)
                return
            assignee = s.get(Staff, order.assignee_id) if order.assignee_id else None
            if assignee is None or not assignee.active:
                order.assignee_id, order.state = None, State.RECEIVED
            else:
                order.state, order.dispatched_at = State.DISPATCHED, now
            order.rework_count = (order.rework_count or 0) + 1
            order.clock_start, order.paused_minutes, order.held_at, order.hold_until = now, 0, None, None
            order.started_at = order.completed_at = None  # the visit (and its score) stays on record
            order.escalation_level, order.escalated_at = 0, None
            self._set_deadlines(s, order)
            self._log(s, order, Action.REWORK, from_state,
                      f"回访不满意({score}分), 第{order.rework_count}次返工" + (f": {comment}" if comment else ""), now)

        return self._move(order_id, Action.VISIT, version, f"满意度 {score} 分" + (f": {comment}" if comment else ""),
                          apply, then)

    def _visit_failed(self, order_id: int, comment: str, next_attempt: datetime | None, version: object
                      ) -> WorkOrderDetail:
        now = self.ctx.clock()
        if next_attempt is not None and (not isinstance(next_attempt, datetime) or next_attempt <= now):
            raise FieldError({"next_attempt": "下次回访时间应晚于现在"})
        planned = next_attempt or now + timedelta(days=1)
        attempts: list[int] = []

        def apply(_s, order, _now):
            order.visit_attempts = (order.visit_attempts or 0) + 1
            order.next_visit_at = planned
            attempts.append(order.visit_attempts)

        return self._move(order_id, Action.VISIT_FAILED, version,
                          lambda: f"第{attempts[0]}次回访未联系上, 下次 {planned:%m-%d %H:%M}"
                          + (f": {comment}" if comment else ""), apply)

    def reassign(self, order_id: int, assignee_id: int, reason: str, version: object = None) -> WorkOrderDetail:
        """改派 an order 已派单 or 处理中 to another person, with a reason (the same call as ``dispatch``)."""
        return self.dispatch(order_id, assignee_id, version=version, note=_reason(reason, "note"))

    def handover(self, from_staff_id: int, to_staff_id: int, reason: str) -> int:
        """A technician leaves (离职/调岗): every open order of theirs goes to ``to_staff_id`` in one
        transaction, each logged as 改派 with the reason. Returns how many."""
        self.ctx.require("workorder.manage")
        reason = _reason(reason, "note", "交接须填写原因(如离职、调岗、长假)")
        if _staff_id(from_staff_id) == _staff_id(to_staff_id):
            raise FieldError({"assignee_id": "交接双方不能是同一人"})
        now = self.ctx.clock()
        with self.ctx.write() as s:
            leaving, taking = s.get(Staff, from_staff_id), s.get(Staff, to_staff_id)
            if leaving is None:
                raise NotFound("交出工单的员工不存在")
            if taking is None or not taking.active:
                raise FieldError({"assignee_id": "接手的员工不存在或已停用"})
            orders = s.scalars(select(WorkOrder).where(WorkOrder.assignee_id == leaving.id,
                                                       WorkOrder.state.in_(OPEN_STATES))
                               .order_by(WorkOrder.id).with_for_update()).all()
            for order in orders:
                self._hand_to(s, order, taking, Action.REDISPATCH,
                              f"交接: {leaving.name} → {taking.name}: {reason}", now)
            return len(orders)

    def correct(self, order_id: int, values: Mapping[str, object], reason: str, version: object = None
                ) -> WorkOrderDetail:
        """更正 category / priority / unit / part (部位) after intake, with a reason; the change is logged
        and the deadlines are recomputed from the report (an unassigned order also follows the new
        category's team)."""
        reason = _reason(reason, missing="更正须填写原因")
        fields = ("category", "priority", "location", "unit_id")
        wanted = {k: values[k] for k in fields if k in values}
        errors: dict[str, str] = {}
        if "category" in wanted and wanted["category"] not in set(Category):
            errors["category"] = "请选择类别"
        if "priority" in wanted and wanted["priority"] not in set(Priority):
            errors["priority"] = "请选择紧急程度"
        if "location" in wanted and wanted["location"] not in set(Location):
            errors["location"] = "请选择公共部位或自用部位"
        if errors:
            raise FieldError(errors)
        changes: list[str] = []

        def apply(s, order, _now):
            new_unit = wanted.get("unit_id", order.unit_id) or None
            if new_unit is not None and s.get(Unit, new_unit) is None:
                raise FieldError({"unit_id": "所选房屋不存在或已被删除"})
            if wanted.get("location", order.location) == Location.PRIVATE and new_unit is None:
                raise FieldError({"unit_id": "自用部位报修须选择房屋"})
            names = {"category": "类别", "priority": "紧急程度", "location": "部位", "unit_id": "房屋"}
            for key in fields:
                new = new_unit if key == "unit_id" else wanted.get(key, getattr(order, key))
                old = getattr(order, key)
                if new != old:
                    shown = (lambda v: self._unit_text(s, v)) if key == "unit_id" else label
                    changes.append(f"{names[key]} {shown(old) or '无'} → {shown(new) or '无'}")
                    setattr(order, key, new)
            if not changes:
                raise FieldError({"category": "没有要更正的内容"})
            set_unit_keys(s, order)
            if order.assignee_id is None and order.state == State.RECEIVED:
                order.team = CATEGORY_TEAMS[order.category]
            self._set_deadlines(s, order)

        return self._move(order_id, Action.CORRECT, version, lambda: "; ".join(changes) + f"。原因: {reason}", apply)

    @staticmethod
    def _unit_text(s: Session, unit_id: int | None) -> str:
        if not unit_id:
            return ""
        found = s.execute(select(Building.name, Unit.unit_no, Unit.room_no).join(Building)
                          .where(Unit.id == unit_id)).first()
        return unit_code(*found) if found else ""

    def archive(self, order_id: int, version: object = None) -> WorkOrderDetail:
        def apply(_s, order, now):
            order.closed_at = now

        return self._move(order_id, Action.ARCHIVE, version, "", apply)

    def cancel(self, order_id: int, reason: str, version: object = None) -> WorkOrderDetail:
        reason = clean_text(reason)
        if len(reason) > MAX_NOTE:
            raise FieldError({"reason": f"原因不能超过{MAX_NOTE}字"})
        if not reason:
            raise FieldError({"reason": "取消工单必须填写原因"})

        def apply(_s, order, now):
            order.cancel_reason, order.closed_at = reason, now

        return self._move(order_id, Action.CANCEL, version, reason, apply)

    def escalate(self, order_id: int, note: str = "", version: object = None) -> WorkOrderDetail:
        """升级至经理: complaints (and urgent matters) the front desk cannot settle."""
        return self._move(order_id, Action.ESCALATE, version, clean_text(note))

    # ---- automatic escalation
    def escalate_overdue(self) -> list[EscalationRow]:
        """Orders overdue (in working time, on hold excluded) by the supervisor margin are escalated to their
        team supervisor, by the manager margin to the manager (升级工单); each step is logged once. Run by the
        GUI's timer and by ``propdesk workorder escalate``; returns the steps taken now."""
        self.ctx.require("workorder.manage")
        now = self.ctx.clock()
        steps: list[EscalationRow] = []
        with self.ctx.write() as s:
            calendar = load_calendar(s)
            margins = load_margins(s)
            orders = s.scalars(select(WorkOrder).where(self._overdue_clause(now), WorkOrder.escalation_level < 2,
                                                       WorkOrder.state != State.ESCALATED)
                               .order_by(WorkOrder.id).with_for_update()).all()
            supervisors = self._supervisors(s)
            for order in orders:
                late_since = order.due_at if now > order.due_at else order.respond_by
                what = "完成" if now > order.due_at else "响应"
                late = calendar.between(order.team, order.priority, late_since, now)
                level = 2 if late >= margins[1] else 1 if late >= margins[0] else 0
                for step in range(order.escalation_level + 1, level + 1):
                    order.escalation_level, order.escalated_at = step, now
                    to = "经理" if step == 2 else "班组主管" + (f" {supervisors[order.team]}"
                                                             if order.team in supervisors else "")
                    note = f"{what}超时 {_hours(late)}, 升级至{to}"
                    self._log(s, order, Action.AUTO_ESCALATE, order.state, note, now)
                    s.flush()  # one row version per logged step, as for every other move
                    steps.append(EscalationRow(now, order.id, order.number, order.team, step, note))
        return steps

    @staticmethod
    def _supervisors(s: Session) -> dict[str, str]:
        """Team → name of its active supervisor (a staff member whose position says 主管 or 班长)."""
        out: dict[str, str] = {}
        for team, name in s.execute(select(Staff.team, Staff.name).where(
                Staff.active.is_(True), or_(Staff.position.like("%主管%"), Staff.position.like("%班长%")))
                .order_by(Staff.id)):
            out.setdefault(team, name)
        return out

    def escalations(self, day: date) -> list[EscalationRow]:
        """The daily list: every automatic escalation step of ``day``, in order."""
        self._require_view()
        start = datetime.combine(day, datetime.min.time())
        with self.ctx.read() as s:
            return [
                EscalationRow(e.at, e.workorder_id, number, team, 2 if "经理" in e.note else 1, e.note)
                for e, number, team in s.execute(
                    select(WorkOrderEvent, WorkOrder.number, WorkOrder.team)
                    .join(WorkOrder, WorkOrder.id == WorkOrderEvent.workorder_id)
                    .where(WorkOrderEvent.action == Action.AUTO_ESCALATE, WorkOrderEvent.at >= start,
                           WorkOrderEvent.at < start + timedelta(days=1))
                    .order_by(WorkOrderEvent.at, WorkOrderEvent.id))
            ]

    # ---- export
    def export_xlsx(self, flt: WorkOrderFilter, path, sort: str = "reported_at", descending: bool = True,
                    block: int = 500, progress=None) -> int:
        """The filtered list to .xlsx (openpyxl write-only: flat memory, a block of rows at a time); every
        text cell is formula-safe. The export is logged. Returns the number of rows."""
        from app.excel.workorders_export import write_workorders

        self._require_view()
        total = self.count(flt)

        def rows():  # block after block by keyset (never OFFSET), to the last match even past a capped count
            done, after = 0, None
            while page := self.list(flt, done, block, sort, descending, after=after):
                yield from page
                done, after = done + len(page), page[-1].id
                if progress is not None:
                    progress.report(done, max(done, total), f"已写入 {done} 条")

        written = write_workorders(path, rows())
        self._log_export(written, path)
        return written

    def _log_export(self, rows: int, path) -> None:
        from pathlib import Path

        from app.services.audit import log_event

        with self.ctx.write() as s:
            log_event(s, "export", "workorders", {"rows": rows, "file": Path(path).name},
                      summary=f"导出工单 {rows} 条")

    # ---- the dispatch slip
    def slip_data(self, order_id: int, full_phone: bool | None = None):
        """Plain data for ``app.pdf.dispatch_slip``. The slip is for staff (the technician calls the owner):
        phones print in full for an operator with the right to see them (``pii.view_full``, or
        ``pii.reveal`` — the print is logged, see ``slip_pdf``), masked for others or when the setting
        ``workorder.slip_full_phone`` is "0"; ``full_phone`` asks for one or the other."""
        from app.models import Setting
        from app.pdf.dispatch_slip import SlipData, SlipMaterial

        self._require_view()
        may_see = self.ctx.can("pii.view_full") or self.ctx.can("pii.reveal")
        with self.ctx.read() as s:
            if full_phone is None:
                setting = s.get(Setting, "workorder.slip_full_phone")
                full_phone = may_see and not (setting and setting.value == "0")
            if full_phone and not may_see:
                self.ctx.require("pii.view_full")
            order = s.get(WorkOrder, order_id)
            if order is None:
                raise NotFound("工单不存在")
            detail = self._detail(s, order, self.ctx.clock())
            name_setting = s.get(Setting, "property.name")
            staff_phone = s.scalar(select(Staff.phone).where(Staff.id == order.assignee_id)) or ""
        row = detail.row
        return SlipData(
            number=row.number, property_name=name_setting.value if name_setting else "",
            kind=label(row.kind), source=label(row.source), category=label(row.category),
            location=label(row.location), priority=label(row.priority), team=label(row.team),
            state=label(row.state), unit=detail.unit_label, place=row.place, contact_name=row.contact_name,
            contact_phone=order.contact_phone if full_phone else mask_phone(order.contact_phone),
            description=row.description, reported_at=row.reported_at, dispatched_at=detail.dispatched_at,
            respond_by=row.respond_by, due_at=row.due_at, completed_at=row.completed_at, assignee=row.assignee,
            assignee_phone=staff_phone if full_phone else mask_phone(staff_phone),
            work_notes=detail.work_notes,
            materials=tuple(SlipMaterial(m.name, m.unit, m.quantity, m.price, m.amount) for m in detail.materials),
            labour_fee=detail.labour_fee, material_fee=detail.material_fee, satisfaction=row.satisfaction,
            visit_comment=detail.visit_comment, printed_at=self.ctx.clock(),
        )

    def slip_pdf(self, order_id: int, page: str = "A5", full_phone: bool | None = None) -> bytes:
        """The dispatch slip (派工单) as PDF bytes; logged as a print in the audit trail."""
        from app.pdf.dispatch_slip import render_slip
        from app.services.audit import log_event

        data = self.slip_data(order_id, full_phone)
        pdf = render_slip(data, page=page)
        with self.ctx.write() as s:
            log_event(s, "print", "workorders", {"number": data.number, "page": page,
                                                 "full_phone": "*" not in data.contact_phone},
                      entity_id=order_id, summary=f"派工单 {data.number}")
        return pdf


__all__ = [
    "WorkOrderService", "WorkOrderRow", "WorkOrderDetail", "WorkOrderFilter", "EventRow", "MaterialRow",
    "Material", "DeadlineRule", "WorkOrderSummary", "MOVES", "OPEN_STATES", "SORT_KEYS", "label", "validate_intake",
    "validate_materials",
]
