import pytest

from models.accounts import Role
from services.capabilities import ROLES, Capability, can, require
from services.errors import PermissionDenied

EXPECTED = {
    Capability.EDIT_CATALOGUE: {Role.ADMIN, Role.ORGANISER},
    Capability.PUBLISH_CATALOGUE: {Role.ADMIN, Role.ORGANISER},
    Capability.SHOW_SLIDESHOW: {Role.ADMIN, Role.ORGANISER, Role.LEADER},
    Capability.MANAGE_CONTESTS: {Role.ADMIN, Role.ORGANISER},
    Capability.REGRADE: {Role.ADMIN, Role.ORGANISER},
    Capability.MAKE_CERTIFICATES: {Role.ADMIN, Role.ORGANISER},
    Capability.SEE_CONTEST_RESULTS: {Role.ADMIN, Role.ORGANISER, Role.LEADER},
    Capability.SEE_OPEN_ROUND_STATS: {Role.ADMIN, Role.ORGANISER},
    Capability.MANAGE_COMMENDATIONS: {Role.ADMIN, Role.ORGANISER},
    Capability.EDIT_VOCABULARY: {Role.ADMIN},
    Capability.SEE_DASHBOARDS: {Role.ADMIN, Role.ORGANISER, Role.LEADER},
    Capability.NOTEBOOK_ORGANISE: {Role.ADMIN, Role.ORGANISER},
    Capability.NOTEBOOK_SEE_DASHBOARD: {Role.ADMIN, Role.ORGANISER, Role.LEADER},
    Capability.MANAGE_ACCOUNTS: {Role.ADMIN},
    Capability.MANAGE_UNITS: {Role.ADMIN},
}


def test_every_capability_has_a_row():
    assert set(ROLES) == set(Capability) == set(EXPECTED)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("capability", list(Capability))
def test_capability_by_role(capability, role):
    allowed = role in EXPECTED[capability]
    assert can(role.value, capability) is allowed
    if allowed:
        require(role.value, capability)
    else:
        with pytest.raises(PermissionDenied) as refused:
            require(role.value, capability)
        assert str(refused.value).startswith("Chỉ ")
