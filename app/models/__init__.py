"""All tables; importing this package registers every model on ``Base.metadata``."""

from app.models.base import Base, Money, Stamped, Versioned
from app.models.engineering import (
    ENGINEERING_LABELS,
    DefectState,
    Equipment,
    EquipmentLog,
    EquipmentStatus,
    EquipmentSystem,
    Frequency,
    LogKind,
    PmPlan,
    PmTask,
    PmTaskPoint,
    RepairPlan,
    RepairScale,
    RepairState,
    TakeoverArea,
    TakeoverCheck,
    TakeoverDefect,
    TakeoverInspection,
    TaskState,
    Vendor,
    VendorVisit,
)
from app.models.fees import (
    FEE_LABELS,
    Allocation,
    Bill,
    BillLine,
    ChargeMethod,
    Cycle,
    FeeItem,
    FeeItemTarget,
    FeeKind,
    MeterReading,
    Payment,
    PayMethod,
    PrepaidEntry,
    PrepaidKind,
    Reminder,
    ReminderMethod,
    Scope,
)
from app.models.inventory import (
    INVENTORY_LABELS,
    MoveKind,
    StockCategory,
    StockItem,
    StockMove,
    StockTake,
    StockTakeLine,
    ToolLoan,
    Warehouse,
)
from app.models.links import WorkOrderLink
from app.models.people import ROLE_LABELS, TEAM_LABELS, Role, Setting, Staff, StaffPosition, Team, User
from app.models.property import (
    LABELS,
    Building,
    Occupancy,
    ParkingSpace,
    Person,
    Relation,
    SpaceKind,
    Unit,
    UnitStatus,
    UnitUse,
    Vehicle,
)
from app.models.roster import RosterImport
from app.models.security import AuditLog, RolePermission
from app.models.sequences import NumberSequence
from app.models.workorders import (
    CATEGORY_TEAMS,
    WORKORDER_LABELS,
    Action,
    Category,
    Kind,
    Location,
    Priority,
    Source,
    State,
    WorkOrder,
    WorkOrderDeadline,
    WorkOrderEvent,
    WorkOrderMaterial,
)

__all__ = [
    "Base", "Money", "Stamped", "Versioned",
    "Building", "Unit", "Person", "Occupancy", "ParkingSpace", "Vehicle",
    "UnitStatus", "UnitUse", "Relation", "SpaceKind", "LABELS",
    "Staff", "StaffPosition", "User", "Setting", "Team", "Role", "TEAM_LABELS", "ROLE_LABELS",
    "FeeItem", "FeeItemTarget", "MeterReading", "Bill", "BillLine", "Payment", "PrepaidEntry", "Allocation",
    "Reminder", "FeeKind", "ChargeMethod", "Cycle", "Scope", "PayMethod", "ReminderMethod", "PrepaidKind",
    "FEE_LABELS",
    "AuditLog", "RolePermission",
    "RosterImport", "WorkOrderLink",
    "Equipment", "EquipmentLog", "EquipmentStatus", "EquipmentSystem", "Frequency", "LogKind", "PmPlan", "PmTask",
    "PmTaskPoint", "RepairPlan", "RepairScale", "RepairState", "TakeoverArea", "TakeoverCheck", "TakeoverDefect",
    "TakeoverInspection", "TaskState", "Vendor", "VendorVisit", "DefectState", "ENGINEERING_LABELS",
    "StockItem", "StockMove", "StockTake", "StockTakeLine", "ToolLoan", "Warehouse", "StockCategory", "MoveKind",
    "INVENTORY_LABELS",
    "NumberSequence", "WorkOrder", "WorkOrderEvent", "WorkOrderMaterial", "WorkOrderDeadline", "Kind", "Source",
    "Location", "Category", "Priority", "State", "Action", "WORKORDER_LABELS", "CATEGORY_TEAMS",
]
