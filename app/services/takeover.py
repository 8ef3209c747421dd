"""承接查验: inspections of a building (or a unit) handed over by the developer — a checklist by area,
defects with location, photo, responsible party and deadline, re-inspected until signed off (销项),
and the printable defect list per building."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Integer, func, select
from sqlalchemy.orm import Session

from app.errors import FieldError, NotFound, StateError
from app.models import (
    ENGINEERING_LABELS,
    Building,
    DefectState,
    TakeoverArea,
    TakeoverCheck,
    TakeoverDefect,
    TakeoverInspection,
    Unit,
)
from app.search import unit_label
from app.services.register_base import Cleaner, Filters, RegisterService, load_versioned

# The standard checklist (by area) every inspection starts with.
CHECKLIST: dict[str, tuple[str, ...]] = {
    TakeoverArea.STRUCTURE: ("墙体、梁板有无裂缝", "屋面防水与排水", "地下室有无渗漏"),
    TakeoverArea.FINISHES: ("外墙饰面有无空鼓脱落", "门窗安装、开关与密封", "地面墙面平整、无污染"),
    TakeoverArea.WATER: ("给水管道试压记录与阀门", "排水通球试验", "水表、水箱(池)"),
    TakeoverArea.POWER: ("配电箱、回路标识", "开关插座通电", "防雷接地测试"),
    TakeoverArea.FIRE: ("消火栓、喷淋系统", "火灾报警与联动", "疏散指示与应急照明"),
    TakeoverArea.LIFT: ("电梯检验合格证", "轿厢、层门与五方通话"),
    TakeoverArea.OTHER: ("竣工图纸与设备资料移交", "钥匙移交清点"),
}


@dataclass(frozen=True)
class InspectionRow:
    id: int
    building_id: int
    building: str
    unit_id: int | None
    unit: str
    inspected_on: date
    developer: str
    inspector: str
    notes: str
    checks: int
    checked: int
    defects: int
    open_defects: int
    version: int

    @property
    def scope(self) -> str:
        return self.unit or self.building


@dataclass(frozen=True)
class CheckRow:
    id: int
    area: str
    point: str
    ok: bool | None


@dataclass(frozen=True)
class DefectRow:
    id: int
    inspection_id: int
    building: str
    scope: str
    area: str
    location: str
    description: str
    photo_path: str
    responsible: str
    deadline: date | None
    state: str
    reinspections: int
    last_reinspected_on: date | None
    reinspection_note: str
    signed_off_on: date | None
    overdue: bool
    version: int


class DefectService(RegisterService):
    model = TakeoverDefect
    what = "查验问题"
    view_permission = "equipment.view"
    manage_permission = "equipment.manage"
    search_columns = (TakeoverDefect.location, TakeoverDefect.description, TakeoverDefect.responsible)
    sort_columns = {"deadline": TakeoverDefect.deadline, "area": TakeoverDefect.area, "state": TakeoverDefect.state}
    filter_columns = {"inspection_id": TakeoverDefect.inspection_id, "state": TakeoverDefect.state,
                      "area": TakeoverDefect.area}
    default_sort = "deadline"
    form_fields = ("inspection_id", "area", "location", "description", "photo_path", "responsible", "deadline")

    def conditions(self, filters: Filters):
        where = super().conditions(filters)
        if (filters or {}).get("building_id"):
            where.append(TakeoverDefect.inspection_id.in_(select(TakeoverInspection.id).where(
                TakeoverInspection.building_id == filters["building_id"])))
        if (filters or {}).get("open"):
            where.append(TakeoverDefect.state != DefectState.SIGNED_OFF)
        return where

    def rows(self, s: Session, objs):
        today = self.ctx.clock().date()
        scopes = _scopes(s, {d.inspection_id for d in objs})
        return [DefectRow(d.id, d.inspection_id, *scopes.get(d.inspection_id, ("", "")), d.area, d.location,
                          d.description, d.photo_path, d.responsible, d.deadline, d.state, d.reinspections,
                          d.last_reinspected_on, d.reinspection_note, d.signed_off_on,
                          d.state != DefectState.SIGNED_OFF and d.deadline is not None and d.deadline < today,
                          d.version) for d in objs]

    def clean(self, s: Session, values: Mapping[str, object], obj: TakeoverDefect | None) -> dict:
        if obj is not None and obj.state == DefectState.SIGNED_OFF:
            raise StateError("已销项的问题不能再修改")
        c = Cleaner(values)
        inspection_id = c.ref("inspection_id", "查验批次", required=True)
        if inspection_id is not None and s.get(TakeoverInspection, inspection_id) is None:
            c.fail("inspection_id", "查验批次不存在")
        return c.done(inspection_id=inspection_id, area=c.choice("area", "区域", TakeoverArea),
                      location=c.text("location", "部位", required=True, max_len=128),
                      description=c.text("description", "问题描述", required=True, max_len=500),
                      photo_path=c.text("photo_path", "照片路径", max_len=255),
                      responsible=c.text("responsible", "责任单位"), deadline=c.date("deadline", "整改期限"))

    def reinspect(self, defect_id: int, passed: bool, note: str = "", version: object = None) -> None:
        """复验: passed → 已销项 (signed off); not passed → 复验未通过, stays open with the note."""
        self.ctx.require(self.manage_permission)
        note = " ".join(str(note or "").split())
        if not passed and not note:
            raise FieldError({"note": "复验未通过请写明原因"})
        if len(note) > 500:
            raise FieldError({"note": "复验意见最多500字"})
        today = self.ctx.clock().date()
        with self.ctx.write() as s:
            defect = load_versioned(s, TakeoverDefect, defect_id, version, self.what)
            if defect.state == DefectState.SIGNED_OFF:
                raise StateError("该问题已销项")
            defect.reinspections += 1
            defect.last_reinspected_on, defect.reinspection_note = today, note
            defect.state = DefectState.SIGNED_OFF if passed else DefectState.FAILED
            defect.signed_off_on = today if passed else None


def _scopes(s: Session, inspection_ids: set[int]) -> dict[int, tuple[str, str]]:
    """inspection id → (building name, building or unit label)."""
    if not inspection_ids:
        return {}
    stmt = (select(TakeoverInspection.id, Building.name, Unit.id)
            .join(Building, Building.id == TakeoverInspection.building_id)
            .outerjoin(Unit, Unit.id == TakeoverInspection.unit_id)
            .where(TakeoverInspection.id.in_(inspection_ids)))
    result = {}
    for iid, building, unit_id in s.execute(stmt).all():
        result[iid] = (building, _unit_text(s, unit_id) if unit_id else building)
    return result


def _unit_text(s: Session, unit_id: int) -> str:
    unit = s.get(Unit, unit_id)
    building = s.get(Building, unit.building_id)
    return unit_label(building.name, unit.unit_no, unit.room_no) if unit else ""


class TakeoverService(RegisterService):
    """The inspections (批次); ``defects`` is the register of their defects."""

    model = TakeoverInspection
    what = "承接查验"
    view_permission = "equipment.view"
    manage_permission = "equipment.manage"
    search_columns = (TakeoverInspection.developer, TakeoverInspection.inspector, TakeoverInspection.notes)
    sort_columns = {"inspected_on": TakeoverInspection.inspected_on}
    filter_columns = {"building_id": TakeoverInspection.building_id}
    default_sort = "inspected_on"
    form_fields = ("building_id", "unit_id", "inspected_on", "developer", "inspector", "notes")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.defects = DefectService(ctx)

    def rows(self, s: Session, objs):
        ids = [o.id for o in objs]
        checks = {i: (n, k) for i, n, k in s.execute(
            select(TakeoverCheck.inspection_id, func.count(), func.count(TakeoverCheck.ok))
            .where(TakeoverCheck.inspection_id.in_(ids)).group_by(TakeoverCheck.inspection_id)).all()}
        defects = {i: (n, int(o or 0)) for i, n, o in s.execute(
            select(TakeoverDefect.inspection_id, func.count(),
                   func.sum(func.cast(TakeoverDefect.state != DefectState.SIGNED_OFF, Integer)))
            .where(TakeoverDefect.inspection_id.in_(ids)).group_by(TakeoverDefect.inspection_id)).all()}
        scopes = _scopes(s, set(ids))
        rows = []
        for o in objs:
            building, scope = scopes.get(o.id, ("", ""))
            rows.append(InspectionRow(o.id, o.building_id, building, o.unit_id, scope if o.unit_id else "",
                                      o.inspected_on, o.developer, o.inspector, o.notes,
                                      *checks.get(o.id, (0, 0)), *defects.get(o.id, (0, 0)), o.version))
        return rows

    def clean(self, s: Session, values: Mapping[str, object], obj: TakeoverInspection | None) -> dict:
        c = Cleaner(values)
        building_id = c.ref("building_id", "楼栋", required=True)
        if building_id is not None and s.get(Building, building_id) is None:
            c.fail("building_id", "所选楼栋不存在")
        unit_id = c.ref("unit_id", "房屋")
        if unit_id is not None:
            unit = s.get(Unit, unit_id)
            if unit is None or unit.building_id != building_id:
                c.fail("unit_id", "所选房屋不在该楼栋")
        return c.done(building_id=building_id, unit_id=unit_id,
                      inspected_on=c.date("inspected_on", "查验日期", required=True),
                      developer=c.text("developer", "移交单位(开发商)"), inspector=c.text("inspector", "查验人"),
                      notes=c.note("notes", "备注"))

    def after_save(self, s: Session, obj: TakeoverInspection, created: bool) -> None:
        if created:
            s.add_all(TakeoverCheck(inspection_id=obj.id, area=area, point=point)
                      for area, points in CHECKLIST.items() for point in points)

    def buildings(self) -> list[tuple[str, int]]:
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            return [(n, i) for i, n in s.execute(select(Building.id, Building.name).order_by(Building.id)).all()]

    def checks(self, inspection_id: int) -> list[CheckRow]:
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            return [CheckRow(c.id, c.area, c.point, c.ok) for c in s.scalars(
                select(TakeoverCheck).where(TakeoverCheck.inspection_id == inspection_id).order_by(TakeoverCheck.id))]

    def set_check(self, check_id: int, ok: bool | None) -> None:
        self.ctx.require(self.manage_permission)
        with self.ctx.write() as s:
            check = s.get(TakeoverCheck, check_id)
            if check is None:
                raise NotFound("检查项不存在")
            check.ok = ok

    def defect_list_pdf(self, building_id: int, open_only: bool = False) -> bytes:
        """The printable defect list (承接查验问题清单) of every inspection of a building; logged as a print."""
        from app.pdf.defect_list import DefectLine, render_defect_list
        from app.services.audit import log_event
        from app.services.property import PropertyService

        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            building = s.get(Building, building_id)
            if building is None:
                raise NotFound("楼栋不存在")
            name = building.name
        rows = self.defects.list({"building_id": building_id, "open": open_only}, 0, 100_000, "deadline")
        label = ENGINEERING_LABELS.get
        lines = [DefectLine(i, r.scope, label(r.area, r.area), r.location, r.description, r.responsible,
                            r.deadline, label(r.state, r.state), r.reinspections, r.reinspection_note, r.photo_path)
                 for i, r in enumerate(rows, 1)]
        pdf = render_defect_list(PropertyService(self.ctx).property_name(), name, lines, self.ctx.clock())
        with self.ctx.write() as s:
            log_event(s, "print", "takeover_defects", {"building": name, "lines": len(lines)},
                      summary=f"承接查验问题清单 {name}")
        return pdf

