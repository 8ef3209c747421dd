"""The audit trail: recorded automatically for every change, and the viewer/export over it.

Two session-level hooks record changes without any service having to call anything:

* ``after_flush``: every ``Stamped`` row the ORM inserts, updates or deletes gives one row with
  the changed fields before → after (work orders, payments, owners, users …).
* ``after_execute``: a Core ``insert()/update()/delete()`` on such a table run inside a service
  transaction (bulk imports, billing runs) gives one summary row (table, number of rows, columns).

Explicit events — logins, reveals of personal data, exports, prints — are written with
``log_event(session, kind, entity, detail)`` inside the caller's transaction, or with
``AuditService.record`` when the caller only reads. The log is append-only: this module offers
no update or delete, and database triggers (migration 0004) refuse them.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Delete, Engine, Insert, Select, Update, event, func, insert, inspect, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.base import NO_VALUE

from app.models import AuditLog
from app.models.base import Base, Stamped
from app.search import number_probe
from app.validators import clean_text, mask_id_number, mask_phone

if TYPE_CHECKING:
    from app.services.context import Actor, ServiceContext

# action code → label (Chinese source text; the UI translates it)
ACTIONS: dict[str, str] = {
    "create": "新增",
    "update": "修改",
    "delete": "删除",
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出",
    "unlock": "解锁屏幕",
    "reveal": "查看完整个人信息",
    "export": "导出",
    "print": "打印",
    "import": "导入",
    "backup": "备份",
    "restore": "恢复",
    "permission": "权限变更",
    "search": "按号码查询",
    "search_blocked": "号码查询被限制",
}

# table → label; tables not listed show their own name
ENTITY_LABELS: dict[str, str] = {
    "buildings": "楼栋", "units": "房屋", "persons": "人员", "occupancies": "房屋-人员关系",
    "vehicles": "车辆", "parking_spaces": "车位", "staff": "员工", "users": "用户",
    "role_permissions": "角色权限", "audit_log": "审计日志", "settings": "系统设置",
    "work_orders": "工单", "workorders": "工单", "work_order_events": "工单记录",
    "fee_items": "收费项目", "bills": "账单", "bill_lines": "账单明细", "payments": "收款",
    "prepaid_entries": "预存款", "allocations": "收款分配", "reminders": "催缴记录",
    "meter_readings": "抄表", "roster": "业主花名册", "database": "数据库", "fee_reminders": "催缴记录",
    "fee_item_targets": "收费对象", "roster_imports": "花名册导入", "workorder_deadlines": "工单时限",
    "workorder_events": "工单记录", "workorder_materials": "工单材料", "sequences": "单据编号",
    "notices": "缴费通知单", "ledger": "收费台账", "staff_positions": "岗位定编",
    # 工程 registers (issue 15)
    "equipment": "设备台账", "equipment_logs": "设备履历", "vendors": "外包单位", "vendor_visits": "外包来访",
    "pm_plans": "维保计划", "pm_tasks": "维保任务", "pm_task_points": "维保检查项", "repair_plans": "大中修计划",
    "takeover_inspections": "承接查验", "takeover_checks": "查验检查项", "takeover_defects": "查验问题",
    "stock_items": "库存物品", "stock_moves": "出入库", "stocktakes": "盘点", "stocktake_lines": "盘点明细",
    "tool_loans": "工具借用", "workorder_links": "工单关联",
    "cleaning_plans": "保洁计划",
    "cleaning_tasks": "保洁任务",
    "cleaning_score_items": "保洁评分项目",
    "cleaning_inspections": "保洁检查",
    "garbage_records": "垃圾分类记录",
    "greening_tasks": "绿化任务",
    "plan_targets": "年度计划目标",
    "cost_entries": "成本",
    "relation_contacts": "对外联系",
    "activities": "社区活动",
    "activity_signups": "活动报名",
    "surveys": "满意度调查",
    "survey_responses": "调查答卷",
    "monthly_report": "经营月报",
    "bank_agreements": "代扣协议", "bank_profiles": "银行格式", "bank_batches": "托收批次",
    # 秩序 registers (app/models/order_team.py)
    "visitors": "访客", "vehicle_passes": "车辆出入", "patrol_routes": "巡逻路线", "patrol_checkpoints": "巡逻点",
    "patrol_rounds": "巡逻记录", "patrol_visits": "巡逻打卡", "duty_entries": "值班记录", "handovers": "交接班",
    "emergency_plans": "应急预案", "incidents": "突发事件", "incident_steps": "事件处置步骤", "outages": "停水停电通知",
    "violations": "违章", "violation_actions": "违章处理", "key_loans": "钥匙借还", "parcels": "快递",
    "training_records": "培训考核", "training_attendees": "培训人员",
}

FIELD_LABELS: dict[str, str] = {
    "name": "姓名/名称", "phone": "手机号", "id_number": "身份证号", "notes": "备注", "relation": "身份",
    "move_in_date": "入住日期", "room_no": "房号", "unit_no": "单元", "area": "面积", "floor": "楼层",
    "status": "状态", "use": "用途", "plate": "车牌", "role": "角色", "active": "启用",
    "display_name": "显示名", "username": "用户名", "password_hash": "密码", "team": "班组",
    "position": "岗位", "amount": "金额", "state": "状态", "assignee_id": "处理人",
    "building_id": "楼栋编号", "unit_id": "房屋编号", "person_id": "人员编号", "brand": "品牌", "color": "颜色",
    "field": "字段", "receipt_no": "收据号", "method": "方式", "payer": "交款人", "voided": "已作废", "void_reason": "作废原因",
    "account_no": "扣款账号", "holder": "户名", "bank": "开户行", "active_from": "生效日期", "active_until": "终止日期",
}

PERSONAL_FIELDS = frozenset({"phone", "id_number", "mobile", "contact_phone", "account_no"})

# never worth a line of their own: bookkeeping columns and derived search text
IGNORED_FIELDS = frozenset({"version", "created_at", "created_by", "updated_at", "updated_by", "search_text"})
# per table: fields whose changes are recorded as explicit events instead (login bookkeeping)
IGNORED_BY_TABLE: dict[str, frozenset[str]] = {
    "users": frozenset({"failed_logins", "locked_until", "last_login_at"}),
}
REDACTED_FIELDS = frozenset({"password_hash"})
SUMMARY_ATTRS = ("number", "receipt_no", "name", "display_name", "plate", "code", "username", "title", "room_no")


# --- writing -------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A JSON-able form of a column value (Decimal and dates as text)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=str, sort_keys=True) if data else ""


def _who(session: Session, actor: Actor | None = None) -> tuple[int | None, str]:
    actor = actor or session.info.get("actor")
    if actor is None:
        return None, "系统"
    return actor.user_id, actor.display_name or actor.username


def _now(session: Session) -> datetime:
    return session.info.get("now") or datetime.now()


def log_event(
    session: Session,
    kind: str,
    entity: str = "",
    detail: Mapping[str, Any] | None = None,
    *,
    entity_id: int | None = None,
    summary: str = "",
    actor: Actor | None = None,
) -> None:
    """Record an explicit event (export, print, reveal, login …) inside the caller's transaction.

    ``detail`` is stored as JSON; ``summary`` is the short line the viewer shows (e.g. whose record).
    """
    user_id, username = _who(session, actor)
    session.connection().execute(
        insert(AuditLog.__table__),
        [{
            "at": _now(session), "user_id": user_id, "username": username[:64], "action": kind,
            "entity": entity[:32], "entity_id": entity_id, "summary": summary[:200],
            "changes": _dumps({k: _plain(v) for k, v in (detail or {}).items()}),
        }],
    )


def log_changes(session: Session, entity: str, rows: Iterable[tuple[int, str, Mapping[str, Any]]]) -> None:
    """One "update" row per row a bulk Core UPDATE changed, with its fields ``{field: [before, after]}``:
    the before → after the ORM hook gives single changes (``_audit_core`` only counts the statement)."""
    user_id, username = _who(session)
    now = _now(session)
    records = [{
        "at": now, "user_id": user_id, "username": username[:64], "action": "update", "entity": entity[:32],
        "entity_id": entity_id, "summary": summary[:200],
        "changes": _dumps({k: [_plain(b), _plain(a)] for k, (b, a) in changes.items()}),
    } for entity_id, summary, changes in rows]
    if records:
        session.connection().execute(insert(AuditLog.__table__), records)


def _summary(obj: object) -> str:
    for attr in SUMMARY_ATTRS:
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value[:200]
    return ""


def _entity_id(obj: object) -> int | None:
    state = inspect(obj)
    identity = state.identity or state.mapper.primary_key_from_instance(obj)
    if identity and len(identity) == 1 and isinstance(identity[0], int):
        return identity[0]
    return None


def _column_keys(mapper) -> frozenset[str]:
    keys = _COLUMN_KEYS.get(mapper)
    if keys is None:
        keys = _COLUMN_KEYS[mapper] = frozenset(a.key for a in mapper.column_attrs)
    return keys


_COLUMN_KEYS: dict = {}


def _row_changes(obj: object, table: str, mode: str) -> dict[str, Any]:
    """``{field: [before, after]}`` for update, ``{field: value}`` for create/delete.

    Updates read only the attributes the unit of work marked as modified (``committed_state``),
    which keeps the hook cheap for wide rows.
    """
    state = inspect(obj)
    skip = IGNORED_FIELDS | IGNORED_BY_TABLE.get(table, frozenset()) | {"id"}
    columns = _column_keys(state.mapper)
    changes: dict[str, Any] = {}
    if mode == "update":
        for key, before in state.committed_state.items():
            if key in skip or key not in columns:
                continue
            if before is NO_VALUE:  # not loaded before the change: ask the history (may load)
                hist = state.attrs[key].history
                before = hist.deleted[0] if hist.deleted else None
            after = state.dict.get(key)
            if before == after:
                continue
            changes[key] = ["***", "*** (已更改)"] if key in REDACTED_FIELDS else [_plain(before), _plain(after)]
        return changes
    for key in columns:
        if key in skip:
            continue
        value = state.dict.get(key)
        if value is None or value == "":
            continue
        changes[key] = "***" if key in REDACTED_FIELDS else _plain(value)
    return changes


@event.listens_for(Session, "after_flush")
def _audit_flush(session: Session, _flush_context) -> None:
    """One audit row per Stamped row created, changed or deleted in this flush."""
    if session.info.get("actor") is None:
        return  # not a service transaction (migrations, raw maintenance)
    user_id, username = _who(session)
    now = _now(session)
    rows = []
    for mode, objects in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            if not isinstance(obj, Stamped):
                continue
            table = obj.__table__.name
            if mode == "update" and not session.is_modified(obj, include_collections=False):
                continue
            changes = _row_changes(obj, table, mode)
            if mode == "update" and not changes:
                continue
            rows.append({
                "at": now, "user_id": user_id, "username": username[:64], "action": mode, "entity": table[:32],
                "entity_id": _entity_id(obj), "summary": _summary(obj), "changes": _dumps(changes),
            })
    if rows:
        session.connection().execute(insert(AuditLog.__table__), rows)


# --- Core bulk statements --------------------------------------------------------------------------

_SESSION_OF_CONNECTION: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_stamped_tables: tuple[int, frozenset[str]] = (0, frozenset())


def _audited_tables() -> frozenset[str]:
    """The tables of ``Stamped`` models, worked out again whenever more models were loaded (app/models)."""
    global _stamped_tables
    mappers = Base.registry.mappers
    if len(mappers) != _stamped_tables[0]:
        _stamped_tables = (len(mappers), frozenset(
            m.local_table.name for m in mappers if issubclass(m.class_, Stamped)))
    return _stamped_tables[1]


@event.listens_for(Session, "before_flush")
def _flush_starts(session: Session, _flush_context, _instances) -> None:
    session.info["audit_in_flush"] = True  # ORM flush statements are recorded row by row instead


@event.listens_for(Session, "after_flush_postexec")
def _flush_ends(session: Session, _flush_context) -> None:
    session.info["audit_in_flush"] = False


@event.listens_for(Session, "after_soft_rollback")
def _flush_failed(session: Session, _previous_transaction) -> None:
    session.info["audit_in_flush"] = False


@event.listens_for(Session, "after_begin")
def _remember_session(session: Session, _transaction, connection) -> None:
    if session.info.get("actor") is not None:
        _SESSION_OF_CONNECTION[connection] = weakref.ref(session)


def _statement_columns(stmt, multiparams, params) -> list[str]:
    names: set[str] = set()
    values = getattr(stmt, "_values", None) or {}
    for key in values:
        names.add(getattr(key, "key", None) or str(key))
    if multiparams and isinstance(multiparams[0], Mapping):
        names.update(multiparams[0].keys())
    if params:
        names.update(params.keys())
    table_columns = set(stmt.table.c.keys())
    return sorted(n for n in names if n in table_columns)


@event.listens_for(Engine, "after_execute")
def _audit_core(conn, clauseelement, multiparams, params, _execution_options, result) -> None:
    """A Core DML statement on an audited table outside an ORM flush: one summary row."""
    if not isinstance(clauseelement, Insert | Update | Delete):
        return
    table = getattr(clauseelement.table, "name", None)
    if table is None or table == AuditLog.__tablename__ or table not in _audited_tables():
        return
    ref = _SESSION_OF_CONNECTION.get(conn)
    session = ref() if ref else None
    if session is None or session.info.get("audit_in_flush") or session.info.get("actor") is None:
        return
    columns = _statement_columns(clauseelement, multiparams, params)
    if isinstance(clauseelement, Update) and not (set(columns) - IGNORED_FIELDS):
        return  # derived/bookkeeping columns only (search text refresh)
    mode = "create" if isinstance(clauseelement, Insert) else "update" if isinstance(clauseelement, Update) else "delete"
    param_sets = len(multiparams) if multiparams else 1  # SQLAlchemy 2 passes the list of dicts itself
    try:
        count = result.rowcount
    except Exception:  # noqa: BLE001 - some drivers cannot tell
        count = -1
    if mode == "create" and param_sets > 1:
        count = param_sets  # one row per parameter set, whatever batching the driver did
    elif count is None or count < 0:
        count = param_sets
    if count == 0:
        return
    user_id, username = _who(session)
    conn.execute(
        insert(AuditLog.__table__),
        [{
            "at": _now(session), "user_id": user_id, "username": username[:64], "action": mode,
            "entity": table[:32], "entity_id": None, "summary": f"批量 {count} 行",
            "changes": _dumps({"rows": count, "columns": [c for c in columns if c not in IGNORED_FIELDS]}),
        }],
    )


# --- reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilter:
    user_id: int | None = None
    action: str | None = None
    entity: str | None = None
    entity_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user_id: int | None
    username: str
    action: str
    entity: str
    entity_id: int | None
    summary: str
    changes: dict

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def entity_label(self) -> str:
        return ENTITY_LABELS.get(self.entity, self.entity)

    @property
    def changes_text(self) -> str:
        """``字段: 旧 → 新; …`` for updates, ``字段=值; …`` otherwise."""
        parts = []
        for key, value in self.changes.items():
            label = FIELD_LABELS.get(key, key)
            if key == "field" and isinstance(value, str):
                value = FIELD_LABELS.get(value, value)
            if self.action == "update" and isinstance(value, list) and len(value) == 2:
                parts.append(f"{label}: {_show(value[0])} → {_show(value[1])}")
            else:
                parts.append(f"{label}={_show(value)}")
        return "; ".join(parts)


def _show(value: Any) -> str:
    if value is None or value == "":
        return "(空)"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "是" if value else "否"
    from app.models import LABELS

    return LABELS.get(value, str(value)) if isinstance(value, str) else str(value)


def _mask(key: str, value: Any) -> Any:
    if not isinstance(value, str) or not value:
        return value
    return mask_id_number(value) if key in ("id_number", "account_no") else mask_phone(value)


def _masked_changes(changes: dict) -> dict:
    out = {}
    for key, value in changes.items():
        if key in PERSONAL_FIELDS:
            value = [_mask(key, v) for v in value] if isinstance(value, list) else _mask(key, value)
        out[key] = value
    return out


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class AuditService:
    """The manager's viewer: filter, page and export the log; plus the cheap change counter."""

    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # ---- writing explicit events from a read-only use case
    def record(self, kind: str, entity: str = "", detail: Mapping[str, Any] | None = None, *,
               entity_id: int | None = None, summary: str = "") -> None:
        """Log an event in its own short transaction (for callers that only read, e.g. an export)."""
        with self.ctx.write() as s:
            log_event(s, kind, entity, detail, entity_id=entity_id, summary=summary)

    # ---- change polling
    def change_counter(self) -> int:
        """Grows whenever anyone on any PC changes data: lists reload when it moved. One index lookup."""
        with self.ctx.read() as s:
            return s.scalar(select(func.max(AuditLog.id))) or 0

    # ---- viewer
    def _query(self, flt: AuditFilter) -> Select:
        stmt = select(AuditLog)
        if flt.user_id is not None:
            stmt = stmt.where(AuditLog.user_id == flt.user_id)
        if flt.action:
            stmt = stmt.where(AuditLog.action == flt.action)
        if flt.entity:
            stmt = stmt.where(AuditLog.entity == flt.entity)
        if flt.entity_id is not None:
            stmt = stmt.where(AuditLog.entity_id == flt.entity_id)
        if flt.date_from:
            stmt = stmt.where(AuditLog.at >= datetime.combine(flt.date_from, time.min))
        if flt.date_to:
            stmt = stmt.where(AuditLog.at <= datetime.combine(flt.date_to, time.max))
        text = clean_text(flt.text)[:200]  # no NUL (PostgreSQL refuses it), no 100k-character pattern
        if text:
            pattern = f"%{_escape_like(text)}%"
            columns = [AuditLog.summary, AuditLog.username, AuditLog.entity]
            if self.ctx.can("pii.view_full") or not number_probe(text.replace("-", "").lower()):
                columns.append(AuditLog.changes)  # holds phones/ID numbers before → after: not a number oracle
            stmt = stmt.where(or_(*(c.like(pattern, escape="\\") for c in columns)))
        return stmt

    def count(self, flt: AuditFilter = AuditFilter()) -> int:  # noqa: B008
        self.ctx.require("audit.view")
        with self.ctx.read() as s:
            return s.scalar(select(func.count()).select_from(self._query(flt).subquery())) or 0

    def search(self, flt: AuditFilter = AuditFilter(), offset: int = 0, limit: int = 200,  # noqa: B008
               newest_first: bool = True) -> list[AuditRow]:
        """One page, newest first; phone/ID values are masked unless the viewer may see them in full."""
        self.ctx.require("audit.view")
        order = AuditLog.id.desc() if newest_first else AuditLog.id
        with self.ctx.read() as s:
            logs = list(s.scalars(self._query(flt).order_by(order).offset(offset).limit(limit)))
        return self._rows(logs)

    def _rows(self, logs: Iterable[AuditLog]) -> list[AuditRow]:
        full = self.ctx.can("pii.view_full")
        rows = []
        for log in logs:
            try:
                changes = json.loads(log.changes) if log.changes else {}
            except ValueError:
                changes = {"text": log.changes}
            if not isinstance(changes, dict):
                changes = {"value": changes}
            if not full:
                changes = _masked_changes(changes)
            rows.append(AuditRow(log.id, log.at, log.user_id, log.username, log.action, log.entity,
                                 log.entity_id, log.summary, changes))
        return rows

    def operators(self) -> list[tuple[int | None, str]]:
        """(user id, name) of everyone who appears in the log, for the filter's drop-down."""
        self.ctx.require("audit.view")
        with self.ctx.read() as s:
            rows = s.execute(
                select(AuditLog.user_id, func.max(AuditLog.username)).group_by(AuditLog.user_id)
            ).all()
        return sorted(((uid, name) for uid, name in rows), key=lambda r: (r[0] is not None, r[0] or 0))

    def entities(self) -> list[str]:
        self.ctx.require("audit.view")
        with self.ctx.read() as s:
            return sorted(e for e in s.scalars(select(AuditLog.entity).distinct()) if e)

    def export_xlsx(self, flt: AuditFilter, path: str | Path, block: int = 2000, progress=None) -> int:
        """Write the filtered log to .xlsx (write-only mode, constant memory); the export is itself logged.

        ``progress`` (``app.progress.Progress``) gets a report per block; a cancel leaves no file behind.
        """
        self.ctx.require("audit.view")
        from app.excel.cells import new_workbook, safe_row

        total = self.count(flt) if progress is not None else 0
        path = Path(path)
        with new_workbook(path) as workbook:
            sheet = workbook.create_sheet("审计日志")
            sheet.append(["编号", "时间", "操作人", "操作", "对象", "对象编号", "摘要", "变更内容"])
            written = 0
            last_id = None
            while True:
                stmt = self._query(flt)
                if last_id is not None:
                    stmt = stmt.where(AuditLog.id < last_id)
                with self.ctx.read() as s:
                    logs = list(s.scalars(stmt.order_by(AuditLog.id.desc()).limit(block)))
                if not logs:
                    break
                for row in self._rows(logs):
                    sheet.append(safe_row([row.id, row.at.strftime("%Y-%m-%d %H:%M:%S"), row.username, row.action_label,
                                           row.entity_label, row.entity_id, row.summary, row.changes_text]))
                written += len(logs)
                last_id = logs[-1].id
                if progress is not None:
                    progress.report(written, max(total, written), f"已写入 {written} 条")
        self.record("export", "audit_log", {"rows": written, "file": path.name}, summary=f"导出审计日志 {written} 条")
        return written
