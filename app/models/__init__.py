"""All tables; importing this package registers every model on ``Base.metadata``."""

from app.models.base import Base, Money, Stamped, Versioned
from app.models.environment import (
    ENVIRONMENT_LABELS,
    CleanArea,
    CleaningPlan,
    CleaningTask,
    Frequency,
    GarbageKind,
    GarbageRecord,
    GreeningKind,
    GreeningTask,
    Inspection,
    InspectionScore,
    ScoreItem,
    Season,
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
from app.models.management import (
    MANAGEMENT_LABELS,
    Activity,
    ActivitySignup,
    CostCategory,
    CostEntry,
    Metric,
    Party,
    PlanTarget,
    RelationContact,
    Survey,
    SurveyAnswer,
    SurveyResponse,
)
from app.models.people import ROLE_LABELS, TEAM_LABELS, Role, Setting, Staff, Team, User
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
    "Staff", "User", "Setting", "Team", "Role", "TEAM_LABELS", "ROLE_LABELS",
    "FeeItem", "FeeItemTarget", "MeterReading", "Bill", "BillLine", "Payment", "PrepaidEntry", "Allocation",
    "Reminder", "FeeKind", "ChargeMethod", "Cycle", "Scope", "PayMethod", "ReminderMethod", "PrepaidKind",
    "FEE_LABELS",
    "AuditLog", "RolePermission",
    "RosterImport",
    "NumberSequence", "WorkOrder", "WorkOrderEvent", "WorkOrderMaterial", "WorkOrderDeadline", "Kind", "Source",
    "Location", "Category", "Priority", "State", "Action", "WORKORDER_LABELS", "CATEGORY_TEAMS",
    "CleaningPlan", "CleaningTask", "ScoreItem", "Inspection", "InspectionScore", "GarbageRecord", "GreeningTask",
    "CleanArea", "Frequency", "GarbageKind", "GreeningKind", "Season", "ENVIRONMENT_LABELS",
    "PlanTarget", "CostEntry", "RelationContact", "Activity", "ActivitySignup", "Survey", "SurveyResponse",
    "SurveyAnswer", "CostCategory", "Metric", "Party", "MANAGEMENT_LABELS",
]
