"""All tables, each domain's module loaded on first use.

``from app.models import WorkOrder`` imports app/models/workorders.py and the modules whose tables its foreign
keys refer to (``DEPENDS``), not every model: declaring and configuring ~90 mapped classes costs a command line
run 0.3–0.5 s (issue 18). Whatever needs the whole schema — ``Base.metadata`` for migrations, a database copy,
``create_all`` — takes ``Base`` from here (``from app.models import Base``), which loads every module first;
``app.models.base.Base`` is the same class without that.

A new models module: add it to ``MODULES`` with the names it exports, and to ``DEPENDS`` when its foreign keys
refer to another module's tables (tests/app/test_models_lazy.py checks both).
"""

from __future__ import annotations

import importlib
from types import ModuleType

# module (app/models/<name>.py) → the names ``app.models`` exports from it
MODULES: dict[str, tuple[str, ...]] = {
    "bank": ("BankAgreement", "BankBatch", "BankBatchRow", "BankProfile"),
    "base": ("Base", "Money", "Stamped", "Versioned"),
    "engineering": (
        "ENGINEERING_LABELS", "DefectState", "Equipment", "EquipmentLog", "EquipmentStatus", "EquipmentSystem",
        "Frequency", "LogKind", "PmPlan", "PmTask", "PmTaskPoint", "RepairPlan", "RepairScale", "RepairState",
        "TakeoverArea", "TakeoverCheck", "TakeoverDefect", "TakeoverInspection", "TaskState", "Vendor", "VendorVisit",
    ),
    "environment": (
        "ENVIRONMENT_LABELS", "CleanArea", "CleaningFrequency", "CleaningPlan", "CleaningTask", "GarbageKind",
        "GarbageRecord", "GreeningKind", "GreeningTask", "Inspection", "InspectionScore", "ScoreItem", "Season",
    ),
    "fees": (
        "FEE_LABELS", "Allocation", "Bill", "BillLine", "CashupClose", "ChargeMethod", "Cycle", "FeeItem",
        "FeeItemTarget", "FeeKind", "MeterChange", "MeterReading", "Payment", "PayMethod", "PeriodClose",
        "PrepaidEntry", "PrepaidKind", "Refund", "Reminder", "ReminderMethod", "Scope", "Waiver",
    ),
    "inventory": (
        "INVENTORY_LABELS", "MoveKind", "StockCategory", "StockItem", "StockMove", "StockTake", "StockTakeLine",
        "ToolLoan", "Warehouse",
    ),
    "links": ("WorkOrderLink",),
    "management": (
        "MANAGEMENT_LABELS", "Activity", "ActivitySignup", "CostCategory", "CostEntry", "Metric", "Party", "PlanTarget",
        "RelationContact", "Survey", "SurveyAnswer", "SurveyResponse",
    ),
    "order_team": (
        "ORDER_LABELS", "DutyEntry", "EmergencyPlan", "Handover", "Incident", "IncidentStep", "KeyLoan", "Outage",
        "OutageKind", "Parcel", "PatrolCheckpoint", "PatrolRound", "PatrolRoute", "PatrolVisit", "PlanKind", "Post",
        "TrainingAttendee", "TrainingRecord", "VehiclePass", "Violation", "ViolationAction", "ViolationKind",
        "ViolationStage", "Visitor",
    ),
    "people": ("ROLE_LABELS", "TEAM_LABELS", "Role", "Setting", "Staff", "StaffPosition", "Team", "User"),
    "property": (
        "LABELS", "Building", "Occupancy", "ParkingSpace", "Person", "Relation", "SpaceKind", "Unit", "UnitStatus",
        "UnitUse", "Vehicle",
    ),
    "roster": ("RosterImport",),
    "security": ("AuditLog", "RolePermission"),
    "sequences": ("NumberSequence",),
    "shared_meters": (
        "SHARED_LABELS", "ShareBasis", "SharedMeter", "SharedMeterLine", "SharedMeterReading", "SharedMeterUnit",
        "ShareScope",
    ),
    "workorders": (
        "CATEGORY_TEAMS", "WORKORDER_LABELS", "Action", "Category", "Kind", "Location", "Priority", "ServiceHoliday",
        "ServiceHours", "Source", "State", "WorkOrder", "WorkOrderDeadline", "WorkOrderEvent", "WorkOrderMaterial",
    ),
}

# module → the modules owning the tables its foreign keys refer to (loaded with it: a flush sorts the tables
# by their foreign keys, which needs the referred tables on the metadata)
DEPENDS: dict[str, tuple[str, ...]] = {
    "bank": ("fees", "property"),
    "engineering": ("people", "property"),
    "environment": ("people",),
    "fees": ("property",),
    "inventory": ("engineering", "workorders"),
    "links": ("workorders",),
    "management": ("property",),
    "order_team": ("people", "property", "workorders"),
    "roster": ("people",),
    "shared_meters": ("fees", "property"),
    "workorders": ("people", "property"),
}

_OWNER = {name: module for module, names in MODULES.items() for name in names}
__all__ = sorted(_OWNER)


def load(module: str) -> ModuleType:
    """Import ``app/models/<module>.py`` and the modules it depends on."""
    for other in DEPENDS.get(module, ()):
        load(other)
    return importlib.import_module(f"{__name__}.{module}")


def load_all() -> None:
    """Register every model on ``Base.metadata``."""
    for module in MODULES:
        load(module)


def __getattr__(name: str):
    module = _OWNER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name == "Base":
        load_all()
    value = getattr(load(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
