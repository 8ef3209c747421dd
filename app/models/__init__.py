"""All tables; importing this package registers every model on ``Base.metadata``."""

from app.models.base import Base, Money, Stamped, Versioned
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

__all__ = [
    "Base", "Money", "Stamped", "Versioned",
    "Building", "Unit", "Person", "Occupancy", "ParkingSpace", "Vehicle",
    "UnitStatus", "UnitUse", "Relation", "SpaceKind", "LABELS",
    "Staff", "User", "Setting", "Team", "Role", "TEAM_LABELS", "ROLE_LABELS",
]
