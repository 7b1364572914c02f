"""One step from the notebook to the other modules: a member the committee rated at the top of
the year's list (hoàn thành xuất sắc), or a collective model a unit registered, proposed as a
catalogue draft (điển hình / mô hình) or for a commendation, with a link back to the notebook.

The commendations module records awards with their decision, and every active award is counted;
so a commendation proposal stays here, listed for the organisers, until they record the award."""

from __future__ import annotations

from sqlmodel import Session, select

from models.accounts import Unit, User
from models.catalogue import CatalogueRecordCreate, RecordKind
from models.notebook import (
    PROPOSAL_TARGET_LABELS,
    Commitment,
    CommitmentStatus,
    NotebookYear,
    Proposal,
    ProposalTarget,
    UnitPlan,
)
from services.accounts.auth import CurrentUser
from services.catalogue import records as catalogue
from services.errors import NotFound, PermissionDenied, UserError
from services.notebook import access
from services.vi import format_date

DENIED = "Chỉ chi ủy của đơn vị (hoặc Ban tổ chức) được đề xuất từ sổ tay."


def _ratings(year: NotebookYear) -> list[str]:
    return [r.strip() for r in year.ratings.splitlines() if r.strip()]


def _existing(
    session: Session,
    *,
    year_id: int,
    unit_id: int,
    commitment_id: int | None,
    model: str,
    target: str,
) -> Proposal | None:
    return session.exec(
        select(Proposal).where(
            Proposal.year_id == year_id,
            Proposal.unit_id == unit_id,
            Proposal.model == model,
            Proposal.target == target,
            Proposal.commitment_id.is_(None)
            if commitment_id is None
            else Proposal.commitment_id == commitment_id,
        )
    ).first()


def _make(
    session: Session,
    *,
    actor: CurrentUser,
    year: NotebookYear,
    unit: Unit,
    commitment: Commitment | None,
    model: str,
    target: str,
    title: str,
    kind: str,
    summary: str,
    story: str,
) -> Proposal:
    if target not in ProposalTarget._value2member_map_:
        raise UserError(f"Nơi đề xuất không hợp lệ: {target}.")
    found = _existing(
        session,
        year_id=year.id,
        unit_id=unit.id,
        commitment_id=commitment.id if commitment else None,
        model=model,
        target=target,
    )
    if found is not None:
        raise UserError(
            f"“{title}” đã được đề xuất ({PROPOSAL_TARGET_LABELS[target].lower()}) "
            f"ngày {format_date(found.created_at.date())}."
        )
    proposal = Proposal(
        year_id=year.id,
        unit_id=unit.id,
        commitment_id=commitment.id if commitment else None,
        model=model,
        target=target,
        title=title[:255],
        reason=summary,
        proposed_by_id=actor.id,
    )
    if target == ProposalTarget.CATALOGUE:
        record = catalogue.create_proposed_draft(
            session=session,
            user_id=actor.id,
            record_in=CatalogueRecordCreate(
                kind=kind,
                name=title[:255],
                unit_id=unit.id,
                year_from=year.year,
                year_to=year.year,
                theme=year.topic[:500],
                summary=summary[:1000],
                story=story,
                tags=["Sổ tay làm theo gương Bác"],
            ),
        )
        proposal.catalogue_record_id = record.id
    session.add(proposal)
    session.flush()
    return proposal


def propose_member(
    *, session: Session, actor: CurrentUser, commitment_id: int, target: str
) -> Proposal:
    commitment = session.get(Commitment, commitment_id)
    if commitment is None:
        raise NotFound("Không tìm thấy bản cam kết.")
    if not (
        access.can_organise(actor=actor)
        or access.is_committee_of(session, actor=actor, unit_id=commitment.unit_id)
    ):
        raise PermissionDenied(DENIED)
    year = session.get(NotebookYear, commitment.year_id)
    top = _ratings(year)[0] if _ratings(year) else ""
    member = session.get(User, commitment.user_id)
    if commitment.status != CommitmentStatus.APPROVED or not top or commitment.rating != top:
        raise UserError(
            f"Chỉ đề xuất đảng viên được chi ủy đánh giá “{top}”; "
            f"{member.full_name} đang là “{commitment.rating or 'chưa đánh giá'}”."
        )
    unit = session.get(Unit, commitment.unit_id)
    summary = (
        f"{member.full_name} ({unit.name}) được chi ủy đánh giá {top.lower()} việc làm "
        f"theo gương Bác năm {year.year}."
    )
    story = (
        f"{summary}\n\nViệc đăng ký thực hiện chức trách, nhiệm vụ được giao:\n"
        f"{commitment.part3}\n\nĐề xuất từ sổ tay làm theo gương Bác năm {year.year} "
        f"(bản cam kết số {commitment.id})."
    )
    return _make(
        session,
        actor=actor,
        year=year,
        unit=unit,
        commitment=commitment,
        model="",
        target=target,
        title=member.full_name,
        kind=RecordKind.INDIVIDUAL,
        summary=summary,
        story=story,
    )


def propose_collective(
    *, session: Session, actor: CurrentUser, year_id: int, unit_id: int, model: str, target: str
) -> Proposal:
    if not (
        access.can_organise(actor=actor)
        or access.is_committee_of(session, actor=actor, unit_id=unit_id)
    ):
        raise PermissionDenied(DENIED)
    year, unit = session.get(NotebookYear, year_id), session.get(Unit, unit_id)
    plan = session.exec(
        select(UnitPlan).where(UnitPlan.year_id == year_id, UnitPlan.unit_id == unit_id)
    ).first()
    models = [m.strip() for m in (plan.collective_models if plan else "").splitlines()]
    if year is None or unit is None or not model.strip() or model.strip() not in models:
        raise UserError(
            f"“{model}” không có trong các mô hình tập thể đơn vị đã đăng ký "
            f"năm {year.year if year else ''}."
        )
    model = model.strip()
    summary = f"Mô hình “{model}” của {unit.name}, đăng ký làm theo gương Bác năm {year.year}."
    story = (
        f"{summary}\n\nĐề xuất từ kế hoạch của đơn vị ban hành ngày "
        f"{format_date(plan.plan_date)} (sổ tay làm theo gương Bác)."
    )
    return _make(
        session,
        actor=actor,
        year=year,
        unit=unit,
        commitment=None,
        model=model,
        target=target,
        title=model,
        kind=RecordKind.MODEL,
        summary=summary,
        story=story,
    )


def proposals(
    *, session: Session, actor: CurrentUser, year_id: int, unit_id: int | None = None
) -> list[Proposal]:
    """The proposals the user may read (their subtree; everything for the organisers)."""
    readable = access.readable_unit_ids(session, actor=actor)
    query = select(Proposal).where(Proposal.year_id == year_id).order_by(Proposal.id)
    if unit_id is not None:
        query = query.where(Proposal.unit_id == unit_id)
    if readable is not None:
        query = query.where(Proposal.unit_id.in_(readable))
    return list(session.exec(query).all())
