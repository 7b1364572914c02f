"""Every module's services check who acts, themselves: each representative call is made as each
demo role on a real database with the demo data, and must be refused (PermissionDenied) exactly
for the roles the capability table leaves out. A service that forgets its `require()` fails here
(it succeeds, or fails some other way, for a role that should have been refused)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlmodel import Session, select

from models.accounts import Role, Unit, UnitCreate, UnitUpdate, User, UserCreate
from models.catalogue import CatalogueRecord, RecordStatus
from models.commendations import Award, AwardCreate, AwardOccasionCreate
from models.contests import Attempt, AttemptStatus, Contest, ContestCreate, Round, RoundUpdate
from models.db import make_engine
from services import units
from services.accounts import users
from services.capabilities import ROLES, Capability
from services.catalogue import display as catalogue_display
from services.catalogue import excel as catalogue_io
from services.catalogue import records as catalogue
from services.commendations import excel as cio
from services.commendations import records as com
from services.commendations import stats
from services.commendations.records import AwardFilter
from services.contests import (
    attempts,
    contests,
    exports,
    publishing,
    questions,
    registration,
    results,
)
from services.contests import excel as contests_io
from services.errors import PermissionDenied, UserError

USERNAMES = {Role.ADMIN: "admin", Role.ORGANISER: "tochuc", Role.LEADER: "lanhdao"}
USERNAMES[Role.MEMBER] = "thanhvien"


def _award(s: Session) -> Award:
    return s.exec(select(Award).order_by(Award.id)).first()


def _contest(s: Session) -> Contest:
    return s.exec(select(Contest).order_by(Contest.id)).first()


def _round(s: Session) -> Round:
    """A round with submitted attempts, so that statistics and certificates have something."""
    rid = s.exec(select(Attempt.round_id).where(Attempt.status == AttemptStatus.SUBMITTED)).first()
    return s.get(Round, rid) if rid else s.exec(select(Round)).first()


def _record(s: Session) -> CatalogueRecord:
    return s.exec(
        select(CatalogueRecord).where(CatalogueRecord.status == RecordStatus.PUBLISHED)
    ).first()


def _award_copy(s: Session) -> AwardCreate:
    award = _award(s)
    return AwardCreate(**award.model_dump(include=set(AwardCreate.model_fields)))


Case = Callable[[Session, User], object]

CASES: dict[str, tuple[Capability, Case]] = {
    # commendations
    "create_award": (
        Capability.MANAGE_COMMENDATIONS,
        lambda s, a: com.create_award(session=s, actor=a, award_in=_award_copy(s)),
    ),
    "revoke_award": (
        Capability.MANAGE_COMMENDATIONS,
        lambda s, a: com.revoke_award(session=s, actor=a, award_id=_award(s).id, reason="Sai"),
    ),
    "restore_award": (
        Capability.MANAGE_COMMENDATIONS,
        lambda s, a: com.restore_award(session=s, actor=a, award_id=_award(s).id),
    ),
    "import_template": (
        Capability.MANAGE_COMMENDATIONS,
        lambda s, a: cio.import_template(session=s, actor=a),
    ),
    "import_awards": (
        Capability.MANAGE_COMMENDATIONS,
        lambda s, a: cio.import_awards(
            session=s, actor=a, data=cio.import_template(session=s, actor=a)
        ),
    ),
    "export_awards": (
        Capability.MANAGE_COMMENDATIONS,
        lambda s, a: cio.export_awards(session=s, actor=a, flt=AwardFilter()),
    ),
    "get_award": (
        Capability.MANAGE_COMMENDATIONS,
        lambda s, a: com.get_award(session=s, actor=a, award_id=_award(s).id),
    ),
    "list_awards": (
        Capability.SEE_DASHBOARDS,
        lambda s, a: com.list_awards(session=s, actor=a, flt=AwardFilter(kind=None), limit=5),
    ),
    "list_awards_with_revoked": (
        Capability.MANAGE_COMMENDATIONS,
        lambda s, a: com.list_awards(
            session=s, actor=a, flt=AwardFilter(kind=None, include_revoked=True), limit=5
        ),
    ),
    "save_occasion": (
        Capability.EDIT_VOCABULARY,
        lambda s, a: com.save_occasion(
            session=s, actor=a, occasion_in=AwardOccasionCreate(name="Dịp thử quyền")
        ),
    ),
    # contests
    "create_contest": (
        Capability.MANAGE_CONTESTS,
        lambda s, a: contests.create_contest(
            session=s, actor=a, contest_in=ContestCreate(title="Cuộc thi thử quyền")
        ),
    ),
    "update_round": (
        Capability.MANAGE_CONTESTS,
        lambda s, a: contests.update_round(
            session=s, actor=a, round_id=_round(s).id, round_in=RoundUpdate(name="Đợt đổi tên")
        ),
    ),
    "unpublish_contest": (
        Capability.MANAGE_CONTESTS,
        lambda s, a: publishing.unpublish_contest(session=s, actor=a, contest_id=_contest(s).id),
    ),
    "register_units": (
        Capability.MANAGE_CONTESTS,
        lambda s, a: registration.register_units(
            session=s, actor=a, contest_id=_contest(s).id, unit_ids=[]
        ),
    ),
    "list_questions": (
        Capability.MANAGE_CONTESTS,
        lambda s, a: questions.list_questions(session=s, actor=a),
    ),
    "export_gift": (
        Capability.MANAGE_CONTESTS,
        lambda s, a: contests_io.export_gift(session=s, actor=a),
    ),
    "begin_regrade": (
        Capability.REGRADE,
        lambda s, a: results.begin_regrade(session=s, actor=a, round_id=_round(s).id),
    ),
    "certificates_zip": (
        Capability.MAKE_CERTIFICATES,
        lambda s, a: exports.certificates_zip(session=s, actor=a, round_id=_round(s).id),
    ),
    "results_workbook": (
        Capability.SEE_CONTEST_RESULTS,
        lambda s, a: exports.results_workbook(session=s, actor=a, contest_id=_contest(s).id),
    ),
    "item_statistics": (
        Capability.SEE_CONTEST_RESULTS,
        lambda s, a: results.item_statistics(session=s, actor=a, round_id=_round(s).id),
    ),
    "round_activity": (
        Capability.SEE_OPEN_ROUND_STATS,
        lambda s, a: attempts.round_activity(session=s, actor=a, round_id=_round(s).id),
    ),
    "round_ranking": (
        Capability.SEE_CONTEST_RESULTS,
        lambda s, a: results.round_ranking(session=s, actor=a, round_id=_round(s).id),
    ),
    "overall_ranking": (
        Capability.SEE_CONTEST_RESULTS,
        lambda s, a: results.overall_ranking(session=s, actor=a, contest_id=_contest(s).id),
    ),
    "unit_participation": (
        Capability.SEE_CONTEST_RESULTS,
        lambda s, a: results.unit_participation(session=s, actor=a, contest_id=_contest(s).id),
    ),
    "unit_prizes": (
        Capability.SEE_CONTEST_RESULTS,
        lambda s, a: results.unit_prizes(session=s, actor=a, contest_id=_contest(s).id),
    ),
    # the commendations dashboard
    "by_year": (
        Capability.SEE_DASHBOARDS,
        lambda s, a: stats.by_year(session=s, actor=a, flt=AwardFilter()),
    ),
    "trend": (
        Capability.SEE_DASHBOARDS,
        lambda s, a: stats.trend(session=s, actor=a, flt=AwardFilter()),
    ),
    "by_unit": (
        Capability.SEE_DASHBOARDS,
        lambda s, a: stats.by_unit(session=s, actor=a, flt=AwardFilter()),
    ),
    "kpis": (
        Capability.SEE_DASHBOARDS,
        lambda s, a: stats.kpis(session=s, actor=a, flt=AwardFilter()),
    ),
    "report_table": (
        Capability.SEE_DASHBOARDS,
        lambda s, a: stats.report_table(session=s, actor=a, year_from=2016, year_to=2021),
    ),
    # accounts and units
    "create_user": (
        Capability.MANAGE_ACCOUNTS,
        lambda s, a: users.create_user(
            session=s,
            actor=a,
            user_in=UserCreate(username="moi.tao", full_name="Người Mới", password="mat-khau-1"),
        ),
    ),
    "list_users": (
        Capability.MANAGE_ACCOUNTS,
        lambda s, a: users.list_users(session=s, actor=a),
    ),
    "create_unit": (
        Capability.MANAGE_UNITS,
        lambda s, a: units.create_unit(session=s, actor=a, unit_in=UnitCreate(name="Chi bộ Mới")),
    ),
    "update_unit": (
        Capability.MANAGE_UNITS,
        lambda s, a: units.update_unit(
            session=s,
            actor=a,
            unit_id=s.exec(select(Unit.id)).first(),
            unit_in=UnitUpdate(headcount=99),
        ),
    ),
    # catalogue
    "set_status": (
        Capability.PUBLISH_CATALOGUE,
        lambda s, a: catalogue.set_status(
            session=s, actor=a, record_id=_record(s).id, status=RecordStatus.ARCHIVED
        ),
    ),
    "set_featured": (
        Capability.EDIT_CATALOGUE,
        lambda s, a: catalogue.set_featured(
            session=s, actor=a, record_id=_record(s).id, featured=True
        ),
    ),
    "import_workbook": (
        Capability.EDIT_CATALOGUE,
        lambda s, a: catalogue_io.import_workbook(session=s, actor=a, data=b"not a workbook"),
    ),
    "list_links": (
        Capability.EDIT_CATALOGUE,
        lambda s, a: catalogue_display.list_links(session=s, actor=a),
    ),
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, demo_template):
    """One copy of the demo database for the whole table; every call is rolled back."""
    import shutil

    db, _media = demo_template
    copy = tmp_path_factory.mktemp("perms") / "demo.db"
    shutil.copy(db, copy)
    engine = make_engine(f"sqlite:///{copy}")
    yield engine
    engine.dispose()


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("name", list(CASES))
def test_service_checks_the_actor(demo_db, name, role):
    capability, call = CASES[name]
    with Session(demo_db) as session:
        actor = session.exec(select(User).where(User.username == USERNAMES[role])).one()
        assert actor.role == role
        try:
            if role in ROLES[capability]:
                try:
                    call(session, actor)
                except PermissionDenied:
                    pytest.fail(f"{name} refused {role.value}, whom {capability} admits")
                except UserError:
                    pass  # allowed in, then refused for the data: not a permission matter
            else:
                with pytest.raises(PermissionDenied):
                    call(session, actor)
        finally:
            session.rollback()


def test_every_capability_is_exercised():
    """Each capability a service checks appears in the table (the notebook's are checked by its
    own tests, the slideshow's by the catalogue's)."""
    used = {capability for capability, _ in CASES.values()}
    own_modules = {
        Capability.SHOW_SLIDESHOW,
        Capability.NOTEBOOK_ORGANISE,
        Capability.NOTEBOOK_SEE_DASHBOARD,
    }
    assert used | own_modules == set(Capability)


def test_a_member_cannot_open_another_members_attempt(demo_db):
    with Session(demo_db) as session:
        attempt = session.exec(select(Attempt).order_by(Attempt.id)).first()
        other = session.exec(
            select(User).where(User.username == "thanhvien", User.id != attempt.user_id)
        ).first()
        if other is None:
            other = session.exec(select(User).where(User.id != attempt.user_id)).first()
        with pytest.raises(UserError):
            attempts.attempt_view(session=session, attempt_id=attempt.id, user_id=other.id)
        with pytest.raises(UserError):
            attempts.submit_attempt(session=session, attempt_id=attempt.id, user_id=other.id)
        session.rollback()
