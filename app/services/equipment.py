"""设施设备台账: equipment items by system, their full history, QR labels and .xlsx import/export."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import FieldError, NotFound, ServiceError
from app.models import (
    ENGINEERING_LABELS,
    WORKORDER_LABELS,
    Equipment,
    EquipmentLog,
    EquipmentStatus,
    EquipmentSystem,
    LogKind,
    PmPlan,
    PmTask,
    RepairPlan,
    RepairState,
    StockMove,
    TaskState,
    Vendor,
    VendorVisit,
    WorkOrderMaterial,
)
from app.money import ZERO, to_money
from app.services.register_base import Cleaner, Filters, RegisterService, linked_orders, names_by_id
from app.validators import clean_code

QR_PREFIX = "PROPDESK:EQ:"  # what a label's QR code holds before the item's code
ENTITY = "equipment"
# The work-order category (and so the team) of a repair on an item of each system.
SYSTEM_CATEGORY: dict[str, str] = {
    EquipmentSystem.STRUCTURE: "structure", EquipmentSystem.LIGHTING: "lighting", EquipmentSystem.WATER: "water",
    EquipmentSystem.POWER: "power", EquipmentSystem.FIRE: "fire", EquipmentSystem.ELEVATOR: "elevator",
    EquipmentSystem.HVAC: "power", EquipmentSystem.LOW_VOLTAGE: "access",
}


def label(code: str | None) -> str:
    return ENGINEERING_LABELS.get(code or "", code or "")


def code_from_scan(text: str) -> str | None:
    """The item code of a scanned label ("PROPDESK:EQ:GPS-001"), None for ordinary search text."""
    text = clean_code(text)
    return text[len(QR_PREFIX):] if text.upper().startswith(QR_PREFIX) else None


@dataclass(frozen=True)
class EquipmentRow:
    id: int
    code: str
    name: str
    system: str
    location: str
    model: str
    maker: str
    installed_on: date | None
    warranty_until: date | None
    vendor_id: int | None
    vendor: str
    status: str
    notes: str
    version: int

    @property
    def in_warranty(self) -> bool | None:
        return None if self.warranty_until is None else self.warranty_until >= date.today()


@dataclass(frozen=True)
class ImportResult:
    rows: int
    created: int
    updated: int


class ImportRefused(ServiceError):
    """The file has bad rows; nothing was saved. ``issues``: every (row, column, message)."""

    def __init__(self, issues):
        self.issues = list(issues)
        shown = "\n".join(str(i) for i in self.issues[:30])
        more = f"\n……共 {len(self.issues)} 处问题" if len(self.issues) > 30 else ""
        super().__init__(f"导入未执行, 没有保存任何内容。请改正以下问题后重新导入:\n{shown}{more}")


@dataclass(frozen=True)
class HistoryRow:
    """One line of an item's history, whatever it came from (``source``: log/pm/workorder/vendor/repair);
    ``kind`` is a code of ENGINEERING_LABELS (a log's kind, "pm", "workorder", "vendor", a repair's scale)."""

    on: date
    source: str
    kind: str
    summary: str
    cost: Decimal | None
    ref: str = ""


class EquipmentService(RegisterService):
    model = Equipment
    what = "设备"
    view_permission = "equipment.view"
    manage_permission = "equipment.manage"
    search_columns = (Equipment.code, Equipment.name, Equipment.location, Equipment.model, Equipment.maker)
    sort_columns = {"code": Equipment.code, "name": Equipment.name, "system": Equipment.system,
                    "location": Equipment.location, "installed_on": Equipment.installed_on,
                    "warranty_until": Equipment.warranty_until, "status": Equipment.status}
    filter_columns = {"system": Equipment.system, "status": Equipment.status, "vendor_id": Equipment.vendor_id}
    default_sort = "code"
    form_fields = ("code", "name", "system", "location", "model", "maker", "installed_on", "warranty_until",
                   "vendor_id", "status", "notes")

    def conditions(self, filters: Filters):
        scanned = code_from_scan(str((filters or {}).get("query") or ""))
        if scanned is not None:
            return [Equipment.code == scanned, *super().conditions({**filters, "query": ""})]
        return super().conditions(filters)

    def rows(self, s: Session, objs):
        vendors = names_by_id(s, Vendor, (o.vendor_id for o in objs), "name")
        return [EquipmentRow(o.id, o.code, o.name, o.system, o.location, o.model, o.maker, o.installed_on,
                             o.warranty_until, o.vendor_id, vendors.get(o.vendor_id, ("",))[0], o.status, o.notes,
                             o.version) for o in objs]

    def clean(self, s: Session, values: Mapping[str, object], obj: Equipment | None) -> dict:
        c = Cleaner(values)
        code = c.code(s, "code", "设备编号", Equipment.code, obj)
        name = c.text("name", "设备名称", required=True)
        system = c.choice("system", "所属系统", EquipmentSystem)
        installed = c.date("installed_on", "安装日期")
        warranty = c.date("warranty_until", "保修截止")
        if installed and warranty and warranty < installed:
            c.fail("warranty_until", "保修截止不能早于安装日期")
        vendor_id = c.ref("vendor_id", "维保单位")
        if vendor_id is not None and s.get(Vendor, vendor_id) is None:
            c.fail("vendor_id", "所选维保单位不存在")
        return c.done(
            code=code, name=name, system=system, location=c.text("location", "位置", max_len=128),
            model=c.text("model", "型号"), maker=c.text("maker", "生产厂家"), installed_on=installed,
            warranty_until=warranty, vendor_id=vendor_id,
            status=c.choice("status", "状态", EquipmentStatus, EquipmentStatus.IN_USE),
            notes=c.note("notes", "备注"))

    # ---- lookups
    def find_code(self, text: str) -> int:
        """The id of the item with this code (typed or scanned from its label)."""
        self.ctx.require(self.view_permission)
        code = (code_from_scan(text) or clean_code(text)).upper()
        with self.ctx.read() as s:
            found = s.scalar(select(Equipment.id).where(Equipment.code == code))
        if found is None:
            raise NotFound(f"没有编号为 {code} 的设备")
        return found

    def choices(self, system: str | None = None) -> list[tuple[str, int]]:
        """(code name, id) of every item not scrapped, for combos."""
        self.ctx.require(self.view_permission)
        stmt = select(Equipment.id, Equipment.code, Equipment.name).where(
            Equipment.status != EquipmentStatus.SCRAPPED).order_by(Equipment.code)
        if system:
            stmt = stmt.where(Equipment.system == system)
        with self.ctx.read() as s:
            return [(f"{code} {name}", i) for i, code, name in s.execute(stmt)]

    def set_status(self, equipment_id: int, status: str) -> None:
        self.ctx.require("maintenance.record")
        if status not in set(EquipmentStatus):
            raise FieldError({"status": "状态无效"})
        with self.ctx.write() as s:
            item = s.get(Equipment, equipment_id)
            if item is None:
                raise NotFound("设备不存在或已被删除")
            item.status = status

    def order_links(self, workorder_id: int) -> list[tuple[str, str]]:
        """What a work order was opened from, as (item code or "", text): its equipment item, or the PM task
        (and that task's item). Empty for an order opened at the desk."""
        from app.services.register_base import links_of_order

        self.ctx.require(self.view_permission)
        result = []
        with self.ctx.read() as s:
            for entity, entity_id in links_of_order(s, workorder_id):
                if entity == "pm_task":
                    task = s.get(PmTask, entity_id)
                    plan = s.get(PmPlan, task.plan_id) if task else None
                    item = s.get(Equipment, task.equipment_id) if task and task.equipment_id else None
                    text = f"维保任务 {plan.name if plan else ''} {task.due_on if task else ''}".strip()
                    if item is not None:
                        text = f"{item.code} {item.name} — {text}"
                    result.append((item.code if item else "", text))
                elif entity == ENTITY:
                    item = s.get(Equipment, entity_id)
                    if item is not None:
                        result.append((item.code, f"{item.code} {item.name} ({item.location})"))
        return result

    # ---- history
    def add_log(self, equipment_id: int, values: Mapping[str, object]) -> int:
        """A hand-written history line (part replaced, repair by others, check, note) with its cost."""
        self.ctx.require("maintenance.record")
        c = Cleaner(values)
        cleaned = c.done(
            logged_on=c.date("logged_on", "日期", required=True), kind=c.choice("kind", "类型", LogKind),
            summary=c.text("summary", "内容", required=True, max_len=200), cost=c.money("cost", "费用"))
        with self.ctx.write() as s:
            if s.get(Equipment, equipment_id) is None:
                raise NotFound("设备不存在或已被删除")
            log = EquipmentLog(equipment_id=equipment_id, **cleaned)
            s.add(log)
            s.flush()
            return log.id

    def history(self, equipment_id: int) -> list[HistoryRow]:
        """Everything that happened to the item, newest first: PM tasks, work orders (with materials and
        stock drawn), vendor visits, repair plans and hand-written lines."""
        self.ctx.require(self.view_permission)
        rows: list[HistoryRow] = []
        with self.ctx.read() as s:
            if s.get(Equipment, equipment_id) is None:
                raise NotFound("设备不存在或已被删除")
            for log in s.scalars(select(EquipmentLog).where(EquipmentLog.equipment_id == equipment_id)):
                rows.append(HistoryRow(log.logged_on, "log", log.kind, log.summary, log.cost))
            tasks = s.execute(select(PmTask, PmPlan.name).join(PmPlan, PmPlan.id == PmTask.plan_id).where(
                PmTask.equipment_id == equipment_id, PmTask.state == TaskState.DONE))
            for task, plan in tasks:
                result = f"{task.anomalies}项异常" if task.anomalies else "正常"
                summary = f"{plan}: {result}" + (f" — {task.notes}" if task.notes else "")
                rows.append(HistoryRow(_day(task.done_at) or task.due_on, "pm", "pm", summary, None,
                                       task.done_by))
            # work orders linked to the item itself or to one of its PM tasks
            task_ids = list(s.scalars(select(PmTask.id).where(PmTask.equipment_id == equipment_id)))
            orders = {o.workorder_id: o for o in linked_orders(s, ENTITY, [equipment_id])}
            orders.update({o.workorder_id: o for o in linked_orders(s, "pm_task", task_ids)})
            costs = _order_costs(s, list(orders))
            for order in orders.values():
                summary = f"{order.number} {WORKORDER_LABELS.get(order.state, order.state)}: {order.description}"
                rows.append(HistoryRow(_day(order.reported_at), "workorder", "workorder", summary[:200],
                                       costs.get(order.workorder_id), order.number))
            for visit, vendor in s.execute(select(VendorVisit, Vendor.name).join(Vendor, Vendor.id == VendorVisit.vendor_id).where(
                    VendorVisit.equipment_id == equipment_id)):
                accepted = f"已验收 {visit.rating}分" if visit.accepted else "未验收"
                rows.append(HistoryRow(visit.visited_on, "vendor", "vendor",
                                       f"{vendor}: {visit.work} ({accepted})", None))
            for plan in s.scalars(select(RepairPlan).where(RepairPlan.equipment_id == equipment_id,
                                                           RepairPlan.state != RepairState.CANCELLED)):
                rows.append(HistoryRow(plan.accepted_on or plan.planned_start or date(plan.year, 1, 1), "repair",
                                       plan.scale, f"{plan.title} ({label(plan.state)})",
                                       plan.actual_cost if plan.actual_cost is not None else None))
        rows.sort(key=lambda r: r.on, reverse=True)
        return rows

    def total_cost(self, equipment_id: int) -> Decimal:
        return to_money(sum((r.cost for r in self.history(equipment_id) if r.cost is not None), ZERO))

    # ---- .xlsx
    def export_xlsx(self, path, filters: Filters | None = None) -> int:
        """The ledger (as filtered) to an .xlsx that imports back unchanged; logged as an export."""
        from app.excel.equipment import write_equipment
        from app.services.audit import log_event

        self.ctx.require(self.view_permission)
        rows = self.all(filters)
        write_equipment(path, ([r.code, r.name, label(r.system), r.location, r.model, r.maker, r.installed_on,
                                r.warranty_until, r.vendor, label(r.status), r.notes] for r in rows))
        with self.ctx.write() as s:
            log_event(s, "export", ENTITY, {"rows": len(rows)}, summary=f"设备台账 {len(rows)} 条")
        return len(rows)

    def import_xlsx(self, path) -> ImportResult:
        """Add or update items (by code) from an .xlsx. All or nothing: with any bad row, ImportRefused lists
        every problem (row, column, message) and nothing is saved."""
        from app.excel.equipment import HEADERS, read_equipment
        from app.excel.roster import RosterIssue
        from app.services.audit import log_event

        self.ctx.require(self.manage_permission)
        lines, issues = read_equipment(path)
        if not issues and not lines:
            issues = [RosterIssue(0, "", "表中没有设备数据")]
        if issues:
            raise ImportRefused(issues)
        choices = {"system": EquipmentSystem, "status": EquipmentStatus}
        by_label = {key: {label(c): str(c) for c in codes} for key, codes in choices.items()}
        created = updated = 0
        with self.ctx.write() as s:
            vendors = {name: i for i, name in s.execute(select(Vendor.id, Vendor.name)).all()}
            existing = {code: item for item in s.scalars(select(Equipment)) for code in [item.code]}
            seen: dict[str, int] = {}
            staged = []
            for line in lines:
                values = dict(line.values)
                for key, labels in by_label.items():
                    text = clean_code(values.get(key))
                    values[key] = labels.get(text, text)
                    if text and text not in labels:
                        issues.append(RosterIssue(line.row, HEADERS[key],
                                                  f"“{text}”无效, 可填: {'、'.join(labels)}"))
                vendor = clean_code(values.pop("vendor", ""))
                if vendor and vendor not in vendors:
                    issues.append(RosterIssue(line.row, HEADERS["vendor"], f"没有名为“{vendor}”的维保单位, 请先在外包维保中添加"))
                values["vendor_id"] = vendors.get(vendor)
                code = clean_code(values.get("code")).upper()
                if code in seen:
                    issues.append(RosterIssue(line.row, HEADERS["code"], f"设备编号 {code} 与第{seen[code]}行重复"))
                    continue
                seen[code] = line.row
                obj = existing.get(code)
                try:
                    cleaned = self.clean(s, values, obj)
                except FieldError as exc:
                    issues.extend(RosterIssue(line.row, HEADERS.get(f, f), m) for f, m in exc.errors.items()
                                  if not (f in by_label and clean_code(line.values.get(f))))  # said above
                    continue
                staged.append((obj, cleaned))
            if issues:
                raise ImportRefused(sorted(issues, key=lambda i: i.row))
            for obj, cleaned in staged:
                if obj is None:
                    s.add(Equipment(**cleaned))
                    created += 1
                else:
                    changed = {k: v for k, v in cleaned.items() if getattr(obj, k) != v}
                    for key, value in changed.items():
                        setattr(obj, key, value)
                    updated += bool(changed)
            s.flush()
            log_event(s, "import", ENTITY, {"created": created, "updated": updated, "rows": len(lines)},
                      summary=f"设备台账导入 新增{created} 更新{updated}")
        return ImportResult(len(lines), created, updated)

    # ---- labels
    def label_pdf(self, ids: list[int] | None = None, filters: Filters | None = None) -> bytes:
        """An A4 sheet of QR labels for these items (or every item matching ``filters``); logged as a print."""
        from app.pdf.equipment_labels import EquipmentLabel, render_labels
        from app.services.audit import log_event

        self.ctx.require(self.view_permission)
        rows = [self.get(i) for i in ids] if ids else self.all(filters)
        if not rows:
            raise FieldError({"": "没有可打印的设备"})
        labels = [EquipmentLabel(r.code, r.name, label(r.system), r.location, QR_PREFIX + r.code) for r in rows]
        from app.services.property import PropertyService

        pdf = render_labels(labels, PropertyService(self.ctx).property_name())
        with self.ctx.write() as s:
            log_event(s, "print", ENTITY, {"labels": len(labels)}, summary=f"设备标签 {len(labels)} 张")
        return pdf


def _day(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _order_costs(s: Session, order_ids: list[int]) -> dict[int, Decimal]:
    """Cost of each work order: materials recorded on it, or the stock drawn for it when larger."""
    if not order_ids:
        return {}
    recorded = dict(s.execute(select(WorkOrderMaterial.workorder_id, func.sum(WorkOrderMaterial.amount))
                              .where(WorkOrderMaterial.workorder_id.in_(order_ids))
                              .group_by(WorkOrderMaterial.workorder_id)).all())
    drawn = dict(s.execute(select(StockMove.workorder_id, -func.sum(StockMove.amount))
                           .where(StockMove.workorder_id.in_(order_ids)).group_by(StockMove.workorder_id)).all())
    return {oid: to_money(max(Decimal(recorded.get(oid) or 0), Decimal(drawn.get(oid) or 0)))
            for oid in order_ids if recorded.get(oid) or drawn.get(oid)}
