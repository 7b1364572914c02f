"""Who may do what: named capabilities and the one table that gives each its roles.

The staff set (admin and organisers) and the viewers (staff and leaders) are written here once;
pages, the menu and services ask `can()` / `require()` instead of comparing role strings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from models.accounts import Role
from services.errors import PermissionDenied

STAFF = frozenset({Role.ADMIN, Role.ORGANISER})
VIEWERS = STAFF | {Role.LEADER}
EVERYONE = frozenset(Role)


class Capability(Enum):
    EDIT_CATALOGUE = "edit_catalogue"
    PUBLISH_CATALOGUE = "publish_catalogue"
    SHOW_SLIDESHOW = "show_slideshow"
    MANAGE_CONTESTS = "manage_contests"
    REGRADE = "regrade"
    MAKE_CERTIFICATES = "make_certificates"
    SEE_CONTEST_RESULTS = "see_contest_results"
    SEE_OPEN_ROUND_STATS = "see_open_round_stats"
    MANAGE_COMMENDATIONS = "manage_commendations"
    EDIT_VOCABULARY = "edit_vocabulary"
    SEE_DASHBOARDS = "see_dashboards"
    NOTEBOOK_ORGANISE = "notebook_organise"
    NOTEBOOK_SEE_DASHBOARD = "notebook_see_dashboard"
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_UNITS = "manage_units"


ROLES: dict[Capability, frozenset[Role]] = {
    Capability.EDIT_CATALOGUE: STAFF,
    Capability.PUBLISH_CATALOGUE: STAFF,
    Capability.SHOW_SLIDESHOW: VIEWERS,
    Capability.MANAGE_CONTESTS: STAFF,
    Capability.REGRADE: STAFF,
    Capability.MAKE_CERTIFICATES: STAFF,
    Capability.SEE_CONTEST_RESULTS: VIEWERS,
    Capability.SEE_OPEN_ROUND_STATS: STAFF,
    Capability.MANAGE_COMMENDATIONS: STAFF,
    Capability.EDIT_VOCABULARY: frozenset({Role.ADMIN}),
    Capability.SEE_DASHBOARDS: VIEWERS,
    Capability.NOTEBOOK_ORGANISE: STAFF,
    Capability.NOTEBOOK_SEE_DASHBOARD: VIEWERS,
    Capability.MANAGE_ACCOUNTS: frozenset({Role.ADMIN}),
    Capability.MANAGE_UNITS: frozenset({Role.ADMIN}),
}

REFUSALS: dict[frozenset[Role], str] = {
    STAFF: "Chỉ Ban tổ chức và quản trị viên được làm việc này.",
    VIEWERS: "Chỉ Ban tổ chức, lãnh đạo và quản trị viên được xem nội dung này.",
    frozenset({Role.ADMIN}): "Chỉ quản trị viên được làm việc này.",
}


class HasRole(Protocol):
    role: str


class Actor(Protocol):
    """Whoever acts: the logged-in user (`UserPublic` / `CurrentUser`) or `SYSTEM`."""

    id: int | None
    role: str


@dataclass(frozen=True)
class SystemActor:
    """The app itself (demo seeding, the command line, migrations): an administrator with no
    account, so that nothing it writes is credited to a person."""

    id: int | None = None
    role: str = Role.ADMIN.value


SYSTEM = SystemActor()


def as_role(role: Role | str, *, user_id: int | None = None) -> SystemActor:
    """An actor with this role's rights and no session (a wall screen, the home page's public
    view, scripts and tests)."""
    return SystemActor(id=user_id, role=Role(role).value)


def _role(user_or_role: HasRole | str) -> str:
    return user_or_role if isinstance(user_or_role, str) else user_or_role.role


def can(user_or_role: HasRole | str, capability: Capability) -> bool:
    return _role(user_or_role) in ROLES[capability]


def require(user: HasRole | str, capability: Capability) -> None:
    if not can(user, capability):
        raise PermissionDenied(REFUSALS.get(ROLES[capability], "Bạn không có quyền làm việc này."))
