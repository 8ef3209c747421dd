"""The office's teams and the operators' roles, with their labels: plain codes (no SQLAlchemy), so that the
permission catalogue and a command line answered through the standard library (app/quick.py) can use them;
``app.models`` exports them too."""

from __future__ import annotations

from enum import StrEnum


class Team(StrEnum):
    MANAGER = "manager"
    SERVICE = "service"
    ENGINEERING = "engineering"
    SECURITY = "security"
    ENVIRONMENT = "environment"


TEAM_LABELS: dict[str, str] = {
    Team.MANAGER: "经理",
    Team.SERVICE: "客服",
    Team.ENGINEERING: "工程",
    Team.SECURITY: "秩序",
    Team.ENVIRONMENT: "环境",
}


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    SERVICE = "service"
    ENGINEERING = "engineering"
    SECURITY = "security"
    ENVIRONMENT = "environment"


ROLE_LABELS: dict[str, str] = {
    Role.ADMIN: "系统管理员",
    Role.MANAGER: "经理",
    Role.SERVICE: "客服",
    Role.ENGINEERING: "工程",
    Role.SECURITY: "秩序",
    Role.ENVIRONMENT: "环境",
}
