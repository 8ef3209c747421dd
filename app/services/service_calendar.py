"""The service calendar (服务日历) every work-order deadline counts on: each team's working hours and
weekdays, the property's holidays (and weekend days worked instead), 24-hour teams (秩序) — and urgent
orders, which always run on the 24-hour clock. Also the escalation margins (超时多久升级).

``Calendar`` is plain arithmetic over loaded rules (no database), so the work-order service can use it
inside its own transaction: ``add(team, priority, start, minutes)`` and ``between(team, priority, a, b)``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldError
from app.models import TEAM_LABELS, Priority, ServiceHoliday, ServiceHours, Setting, Team
from app.services.context import ServiceContext
from app.validators import clean_text

DEFAULT_START, DEFAULT_END = 8 * 60, 18 * 60
DEFAULT_WEEKDAYS = "1234567"
ALL_DAY_TEAMS = frozenset({Team.SECURITY})
MAX_DAYS = 3 * 366  # no deadline reaches further than this (a calendar with no working day at all)
SUPERVISOR_SETTING, MANAGER_SETTING = "workorder.escalate_supervisor_minutes", "workorder.escalate_manager_minutes"
DEFAULT_MARGINS = (60, 240)  # working minutes overdue before the supervisor, then the manager, is told


@dataclass(frozen=True)
class TeamHours:
    team: str
    all_day: bool
    start_minute: int
    end_minute: int
    weekdays: str  # ISO weekdays worked, "12345" = Monday to Friday
    custom: bool = False  # stored (else the default)

    @property
    def text(self) -> str:
        """"08:00–18:00" or "24小时"."""
        if self.all_day:
            return "24小时"
        return f"{self.start_minute // 60:02d}:{self.start_minute % 60:02d}–{self.end_minute // 60:02d}:" \
               f"{self.end_minute % 60:02d}"


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str
    workday: bool  # a weekend day worked (调休上班) rather than a day off


def default_hours(team: str) -> TeamHours:
    return TeamHours(team, team in ALL_DAY_TEAMS, DEFAULT_START, DEFAULT_END, DEFAULT_WEEKDAYS)


class Calendar:
    """Working time of each team; urgent orders and 24-hour teams count every minute."""

    def __init__(self, hours: Mapping[str, TeamHours] | None = None, holidays: Mapping[date, bool] | None = None):
        self.hours = dict(hours or {})
        self.holidays = dict(holidays or {})  # day → worked?

    def hours_of(self, team: str) -> TeamHours:
        return self.hours.get(team) or default_hours(team)

    def all_day(self, team: str, priority: str) -> bool:
        hours = self.hours_of(team)
        return priority == Priority.URGENT or hours.all_day or not hours.weekdays

    def is_working_day(self, team: str, day: date) -> bool:
        if day in self.holidays:
            return self.holidays[day]
        return str(day.isoweekday()) in self.hours_of(team).weekdays

    def _windows(self, team: str, start: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working intervals from ``start`` on, in order (the first one clipped to start)."""
        hours = self.hours_of(team)
        day = start.date()
        for _ in range(MAX_DAYS):
            if self.is_working_day(team, day):
                midnight = datetime.combine(day, time())
                begin = midnight + timedelta(minutes=hours.start_minute)
                end = midnight + timedelta(minutes=hours.end_minute)
                if end > start:
                    yield max(begin, start), end
            day += timedelta(days=1)

    def add(self, team: str, priority: str, start: datetime, minutes: int) -> datetime:
        """The moment ``minutes`` of working time after ``start``."""
        if self.all_day(team, priority):
            return start + timedelta(minutes=minutes)
        left = timedelta(minutes=minutes)
        moment = start
        for begin, end in self._windows(team, start):
            moment = begin
            if end - begin >= left:
                return begin + left
            left -= end - begin
            moment = end
        return moment + left  # no working day in years: fall back to the plain clock

    def between(self, team: str, priority: str, a: datetime, b: datetime) -> int:
        """Minutes of working time from ``a`` to ``b`` (negative when ``b`` is earlier)."""
        if b < a:
            return -self.between(team, priority, b, a)
        if self.all_day(team, priority):
            return int((b - a).total_seconds() // 60)
        total = timedelta()
        for begin, end in self._windows(team, a):
            if begin >= b:
                break
            total += min(end, b) - begin
        return int(total.total_seconds() // 60)


def load_calendar(s: Session) -> Calendar:
    hours = {r.team: TeamHours(r.team, r.all_day, r.start_minute, r.end_minute, r.weekdays, True)
             for r in s.scalars(select(ServiceHours))}
    holidays = {day: worked for day, worked in s.execute(select(ServiceHoliday.day, ServiceHoliday.workday))}
    return Calendar(hours, holidays)


def load_margins(s: Session) -> tuple[int, int]:
    values = []
    for key, default in zip((SUPERVISOR_SETTING, MANAGER_SETTING), DEFAULT_MARGINS, strict=True):
        row = s.get(Setting, key)
        try:
            values.append(int(row.value) if row else default)
        except ValueError:
            values.append(default)
    return values[0], values[1]


def _hhmm(value: object, field: str, errors: dict) -> int:
    """"08:30" → 510; "24:00" allowed as the end of the day."""
    text = clean_text(value).replace("：", ":")
    try:
        hh, mm = (int(x) for x in text.split(":"))
        if 0 <= hh <= 24 and 0 <= mm < 60 and hh * 60 + mm <= 24 * 60:
            return hh * 60 + mm
    except ValueError:
        pass
    errors[field] = "时间应为 时:分, 如 08:30"
    return 0


class ServiceCalendarService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def calendar(self) -> Calendar:
        with self.ctx.read() as s:
            return load_calendar(s)

    def team_hours(self) -> list[TeamHours]:
        """Every team's hours in force (stored, else the default)."""
        calendar = self.calendar()
        return [calendar.hours_of(team) for team in Team]

    def set_team_hours(self, team: str, *, all_day: bool, start: object = "08:00", end: object = "18:00",
                       weekdays: str = DEFAULT_WEEKDAYS) -> TeamHours:
        self.ctx.require("settings.edit")
        errors: dict[str, str] = {}
        if team not in TEAM_LABELS:
            errors["team"] = "班组无效"
        begin, finish = _hhmm(start, "start", errors), _hhmm(end, "end", errors)
        days = "".join(sorted(set(str(weekdays or "")) & set("1234567")))
        if not all_day:
            if "start" not in errors and "end" not in errors and finish <= begin:
                errors["end"] = "下班时间应晚于上班时间"
            if not days:
                errors["weekdays"] = "请至少选择一个工作日"
        if errors:
            raise FieldError(errors)
        with self.ctx.write() as s:
            row = s.get(ServiceHours, team)
            if row is None:
                row = ServiceHours(team=team)
                s.add(row)
            row.all_day, row.start_minute, row.end_minute = bool(all_day), begin, finish
            row.weekdays = days or DEFAULT_WEEKDAYS
        return TeamHours(team, bool(all_day), begin, finish, days or DEFAULT_WEEKDAYS, True)

    def holidays(self) -> list[Holiday]:
        with self.ctx.read() as s:
            return [Holiday(r.day, r.name, r.workday)
                    for r in s.scalars(select(ServiceHoliday).order_by(ServiceHoliday.day))]

    def set_holiday(self, day: date, name: str = "", workday: bool = False) -> None:
        """A day off (节假日) or, with ``workday``, a weekend day worked (调休上班)."""
        self.ctx.require("settings.edit")
        name = clean_text(name)
        if not isinstance(day, date):
            raise FieldError({"day": "请选择日期"})
        if len(name) > 32:
            raise FieldError({"name": "名称最多32字"})
        with self.ctx.write() as s:
            row = s.get(ServiceHoliday, day)
            if row is None:
                row = ServiceHoliday(day=day)
                s.add(row)
            row.name, row.workday = name, bool(workday)

    def remove_holiday(self, day: date) -> None:
        self.ctx.require("settings.edit")
        with self.ctx.write() as s:
            row = s.get(ServiceHoliday, day)
            if row is not None:
                s.delete(row)

    def escalation_margins(self) -> tuple[int, int]:
        """(minutes overdue before the team supervisor is told, before the manager is), in working time."""
        with self.ctx.read() as s:
            return load_margins(s)

    def set_escalation_margins(self, supervisor: int, manager: int) -> None:
        self.ctx.require("settings.edit")
        errors = {}
        if not isinstance(supervisor, int) or supervisor < 0:
            errors["supervisor"] = "升级至主管的超时分钟数应为0或正整数"
        if not isinstance(manager, int) or manager < 0:
            errors["manager"] = "升级至经理的超时分钟数应为0或正整数"
        elif isinstance(supervisor, int) and manager < supervisor:
            errors["manager"] = "升级至经理应不早于升级至主管"
        if errors:
            raise FieldError(errors)
        from app.services.property import PropertyService

        with self.ctx.write() as s:  # through the one setting writer: the change is in the audit trail
            for key, value in ((SUPERVISOR_SETTING, supervisor), (MANAGER_SETTING, manager)):
                PropertyService._put(s, key, str(value))
