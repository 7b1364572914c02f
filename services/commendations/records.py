"""Commendations: the vocabulary (seeded from the law), one award at a time, listings and the
award timeline of a catalogue record.

Aggregations (charts, KPI, report) live in `services.commendations.stats`; Excel and DOCX in
`services.commendations.excel`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, insert, or_, update
from sqlmodel import Session, select

from models.accounts import Unit, User
from models.catalogue import CatalogueRecord
from models.commendations import (
    AWARD_KIND_LABELS,
    ISSUER_LEVEL_LABELS,
    RECIPIENT_LABELS,
    Award,
    AwardCreate,
    AwardForm,
    AwardFormCreate,
    AwardFormPublic,
    AwardFormUpdate,
    AwardIssuer,
    AwardIssuerCreate,
    AwardIssuerPublic,
    AwardIssuerUpdate,
    AwardKind,
    AwardOccasion,
    AwardOccasionCreate,
    AwardOccasionPublic,
    AwardOccasionUpdate,
    AwardPublic,
    AwardStatus,
    AwardTally,
    AwardUnitTally,
    AwardUpdate,
    FormScope,
    IssuerLevel,
    IssuerTier,
    RecipientType,
)
from services.capabilities import Actor, Capability, require
from services.errors import NotFound, UserError
from services.units import descendant_ids
from services.validation import year_problem
from services.vi import unaccent

MAX_LIST_ROWS = 5_000  # never more than this many records go to the browser

# ---------------------------------------------------------------------------------------------
# The legal vocabulary: Luật Thi đua, khen thưởng 2022 (Điều 23, 34) and Nghị định 98/2023;
# Party forms after Quy định khen thưởng của Đảng. An admin edits it afterwards.
# ---------------------------------------------------------------------------------------------

LAW = "Luật Thi đua, khen thưởng 2022"
DECREE = "Nghị định 98/2023/NĐ-CP"
PARTY_RULE = "Quy định của Ban Chấp hành Trung ương về khen thưởng tổ chức đảng và đảng viên"

# (name, kind, scope, legal basis)
DEFAULT_FORMS: tuple[tuple[str, str, str, str], ...] = (
    # Hình thức khen thưởng (Điều 34 Luật 2022)
    ("Giấy khen", AwardKind.FORM, FormScope.BOTH, f"{LAW}, Điều 74–76"),
    ("Bằng khen", AwardKind.FORM, FormScope.BOTH, f"{LAW}, Điều 71–73"),
    ("Kỷ niệm chương", AwardKind.FORM, FormScope.INDIVIDUAL, f"{LAW}, Điều 34"),
    ("Huy hiệu Đảng", AwardKind.FORM, FormScope.INDIVIDUAL, PARTY_RULE),
    ("Huân chương Lao động", AwardKind.FORM, FormScope.BOTH, f"{LAW}, Điều 47"),
    ("Huân chương Độc lập", AwardKind.FORM, FormScope.BOTH, f"{LAW}, Điều 44"),
    ("Huân chương Bảo vệ Tổ quốc", AwardKind.FORM, FormScope.BOTH, f"{LAW}, Điều 48"),
    ("Huân chương Dũng cảm", AwardKind.FORM, FormScope.INDIVIDUAL, f"{LAW}, Điều 50"),
    ("Huân chương Hồ Chí Minh", AwardKind.FORM, FormScope.BOTH, f"{LAW}, Điều 43"),
    ("Huân chương Sao vàng", AwardKind.FORM, FormScope.BOTH, f"{LAW}, Điều 42"),
    ("Huân chương Hữu nghị", AwardKind.FORM, FormScope.BOTH, f"{LAW}, Điều 51"),
    ("Huy chương Hữu nghị", AwardKind.FORM, FormScope.INDIVIDUAL, f"{LAW}, Điều 56"),
    ("Danh hiệu Anh hùng Lao động", AwardKind.FORM, FormScope.BOTH, f"{LAW}, Điều 60"),
    ("Giải thưởng Hồ Chí Minh", AwardKind.FORM, FormScope.INDIVIDUAL, f"{LAW}, Điều 67"),
    ("Giải thưởng Nhà nước", AwardKind.FORM, FormScope.INDIVIDUAL, f"{LAW}, Điều 68"),
    # Danh hiệu thi đua (Điều 23 Luật 2022)
    ("Lao động tiên tiến", AwardKind.TITLE, FormScope.INDIVIDUAL, f"{LAW}, Điều 26"),
    ("Chiến sĩ thi đua cơ sở", AwardKind.TITLE, FormScope.INDIVIDUAL, f"{LAW}, Điều 25"),
    (
        "Chiến sĩ thi đua bộ, ban, ngành, tỉnh",
        AwardKind.TITLE,
        FormScope.INDIVIDUAL,
        f"{LAW}, Điều 24",
    ),
    ("Chiến sĩ thi đua toàn quốc", AwardKind.TITLE, FormScope.INDIVIDUAL, f"{LAW}, Điều 24"),
    ("Tập thể lao động tiên tiến", AwardKind.TITLE, FormScope.COLLECTIVE, f"{LAW}, Điều 28"),
    ("Tập thể lao động xuất sắc", AwardKind.TITLE, FormScope.COLLECTIVE, f"{LAW}, Điều 28"),
    (
        "Cờ thi đua của bộ, ban, ngành, tỉnh",
        AwardKind.TITLE,
        FormScope.COLLECTIVE,
        f"{LAW}, Điều 27",
    ),
    ("Cờ thi đua của Chính phủ", AwardKind.TITLE, FormScope.COLLECTIVE, f"{LAW}, Điều 27"),
    # Biểu dương: public praise, not a hình thức khen thưởng
    ("Biểu dương", AwardKind.PRAISE, FormScope.BOTH, "Biểu dương điển hình tiên tiến"),
)

# (name, level, tier)
DEFAULT_ISSUERS: tuple[tuple[str, str, str], ...] = (
    ("Ban Thường vụ Tỉnh ủy", IssuerLevel.PARTY, IssuerTier.PROVINCE),
    ("Ban Thường vụ Đảng ủy Khối", IssuerLevel.PARTY, IssuerTier.DISTRICT),
    ("Ban Thường vụ Huyện ủy, Thành ủy", IssuerLevel.PARTY, IssuerTier.DISTRICT),
    ("Ban Thường vụ Đảng ủy cơ sở", IssuerLevel.PARTY, IssuerTier.BASE),
    ("Chi ủy chi bộ cơ sở", IssuerLevel.PARTY, IssuerTier.BASE),
    ("Chủ tịch nước", IssuerLevel.STATE, IssuerTier.CENTRAL),
    ("Thủ tướng Chính phủ", IssuerLevel.STATE, IssuerTier.CENTRAL),
    ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ", IssuerLevel.STATE, IssuerTier.CENTRAL),
    ("Chủ tịch UBND tỉnh", IssuerLevel.STATE, IssuerTier.PROVINCE),
    ("Chủ tịch UBND huyện (cấp huyện trước 2025)", IssuerLevel.STATE, IssuerTier.DISTRICT),
    ("Chủ tịch UBND xã, phường", IssuerLevel.STATE, IssuerTier.BASE),
    ("Thủ trưởng cơ quan, đơn vị", IssuerLevel.STATE, IssuerTier.BASE),
    ("Tổng Liên đoàn Lao động Việt Nam", IssuerLevel.MASS, IssuerTier.CENTRAL),
    ("Liên đoàn Lao động tỉnh", IssuerLevel.MASS, IssuerTier.PROVINCE),
    ("Ủy ban Mặt trận Tổ quốc tỉnh", IssuerLevel.MASS, IssuerTier.PROVINCE),
    ("Ban Thường vụ Tỉnh đoàn", IssuerLevel.MASS, IssuerTier.PROVINCE),
    ("Ban Chấp hành Công đoàn cơ sở", IssuerLevel.MASS, IssuerTier.BASE),
)

DEFAULT_OCCASIONS: tuple[str, ...] = (
    "Kỷ niệm ngày thành lập Đảng (3/2)",
    "Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5)",
    "Kỷ niệm Quốc khánh (2/9)",
    "Sơ kết thực hiện Chỉ thị 05-CT/TW",
    "Tổng kết thực hiện Chỉ thị 05-CT/TW",
    "Tổng kết năm",
    "Đột xuất",
)

FORM_CLASSES = ("", "Hạng Nhất", "Hạng Nhì", "Hạng Ba")


def ensure_vocabulary(*, session: Session) -> bool:
    """Insert the legal vocabulary into empty tables; returns whether anything was added."""
    added = False
    if session.exec(select(func.count()).select_from(AwardForm)).one() == 0:
        for order, (name, kind, scope, basis) in enumerate(DEFAULT_FORMS):
            session.add(
                AwardForm(name=name, kind=kind, scope=scope, legal_basis=basis, sort_order=order)
            )
        added = True
    if session.exec(select(func.count()).select_from(AwardIssuer)).one() == 0:
        for order, (name, level, tier) in enumerate(DEFAULT_ISSUERS):
            session.add(AwardIssuer(name=name, level=level, tier=tier, sort_order=order))
        added = True
    if session.exec(select(func.count()).select_from(AwardOccasion)).one() == 0:
        for order, name in enumerate(DEFAULT_OCCASIONS):
            session.add(AwardOccasion(name=name, sort_order=order))
        added = True
    if added:
        session.flush()
    return added


@dataclass(frozen=True)
class Vocabulary:
    forms: list[AwardFormPublic]
    issuers: list[AwardIssuerPublic]
    occasions: list[AwardOccasionPublic]

    def form(self, form_id: int) -> AwardFormPublic | None:
        return next((f for f in self.forms if f.id == form_id), None)

    def issuer(self, issuer_id: int) -> AwardIssuerPublic | None:
        return next((i for i in self.issuers if i.id == issuer_id), None)


def get_vocabulary(*, session: Session, active_only: bool = False) -> Vocabulary:
    """The forms, issuers and occasions in their display order (seeded on first use)."""
    ensure_vocabulary(session=session)

    def rows(model, public):
        query = select(model).order_by(model.sort_order, model.id)
        if active_only:
            query = query.where(model.is_active)
        return [public.model_validate(r) for r in session.exec(query).all()]

    return Vocabulary(
        forms=rows(AwardForm, AwardFormPublic),
        issuers=rows(AwardIssuer, AwardIssuerPublic),
        occasions=rows(AwardOccasion, AwardOccasionPublic),
    )


def _clean_name(name: str | None, what: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise UserError(f"Vui lòng nhập tên {what}.")
    return name


def _unique_name(session: Session, model, name: str, own_id: int | None, what: str) -> None:
    clash = session.exec(select(model).where(model.name == name)).first()
    if clash is not None and clash.id != own_id:
        raise UserError(f"Đã có {what} “{name}”.")


def save_form(
    *,
    session: Session,
    actor: Actor,
    form_id: int | None = None,
    form_in: AwardFormCreate | AwardFormUpdate,
) -> AwardFormPublic:
    """Create (form_id None) or edit a form / title of the vocabulary."""
    require(actor, Capability.EDIT_VOCABULARY)
    changes = form_in.model_dump(exclude_unset=form_id is not None)
    if "name" in changes:
        changes["name"] = _clean_name(changes["name"], "hình thức, danh hiệu")
        _unique_name(session, AwardForm, changes["name"], form_id, "hình thức, danh hiệu")
    if "kind" in changes and changes["kind"] not in set(AwardKind):
        raise UserError("Loại không hợp lệ.")
    if "scope" in changes and changes["scope"] not in set(FormScope):
        raise UserError("Đối tượng áp dụng không hợp lệ.")
    if form_id is None:
        form = AwardForm(**changes)
        session.add(form)
    else:
        form = session.get(AwardForm, form_id)
        if form is None:
            raise NotFound("Không tìm thấy hình thức, danh hiệu.")
        for key, value in changes.items():
            setattr(form, key, value)
        # The kind is copied onto each award so that counts need no join: keep it in step.
        session.exec(update(Award).where(Award.form_id == form_id).values(kind=form.kind))
        refresh_tally(session=session)
    session.flush()
    return AwardFormPublic.model_validate(form)


def save_issuer(
    *,
    session: Session,
    actor: Actor,
    issuer_id: int | None = None,
    issuer_in: AwardIssuerCreate | AwardIssuerUpdate,
) -> AwardIssuerPublic:
    require(actor, Capability.EDIT_VOCABULARY)
    changes = issuer_in.model_dump(exclude_unset=issuer_id is not None)
    if "name" in changes:
        changes["name"] = _clean_name(changes["name"], "cấp khen")
        _unique_name(session, AwardIssuer, changes["name"], issuer_id, "cấp khen")
    if "level" in changes and changes["level"] not in set(IssuerLevel):
        raise UserError("Khối cấp khen không hợp lệ (Đảng, Nhà nước hoặc đoàn thể).")
    if "tier" in changes and changes["tier"] not in set(IssuerTier):
        raise UserError("Cấp không hợp lệ.")
    if issuer_id is None:
        issuer = AwardIssuer(**changes)
        session.add(issuer)
    else:
        issuer = session.get(AwardIssuer, issuer_id)
        if issuer is None:
            raise NotFound("Không tìm thấy cấp khen.")
        for key, value in changes.items():
            setattr(issuer, key, value)
        session.exec(
            update(Award).where(Award.issuer_id == issuer_id).values(issuer_level=issuer.level)
        )
        refresh_tally(session=session)
    session.flush()
    return AwardIssuerPublic.model_validate(issuer)


def save_occasion(
    *,
    session: Session,
    actor: Actor,
    occasion_id: int | None = None,
    occasion_in: AwardOccasionCreate | AwardOccasionUpdate,
) -> AwardOccasionPublic:
    require(actor, Capability.EDIT_VOCABULARY)
    changes = occasion_in.model_dump(exclude_unset=occasion_id is not None)
    if "name" in changes:
        changes["name"] = _clean_name(changes["name"], "dịp khen thưởng")
        _unique_name(session, AwardOccasion, changes["name"], occasion_id, "dịp khen thưởng")
    if occasion_id is None:
        occasion = AwardOccasion(**changes)
        session.add(occasion)
    else:
        occasion = session.get(AwardOccasion, occasion_id)
        if occasion is None:
            raise NotFound("Không tìm thấy dịp khen thưởng.")
        for key, value in changes.items():
            setattr(occasion, key, value)
    session.flush()
    return AwardOccasionPublic.model_validate(occasion)


# ---------------------------------------------------------------------------------------------
# The tally: awards counted per year and group, kept in step with every write
# ---------------------------------------------------------------------------------------------

TALLY_KEYS = ("year", "kind", "issuer_level", "recipient_type", "form_id", "issuer_id")


def refresh_tally(*, session: Session, years: set[int] | None = None) -> None:
    """Recount the active awards of these years (all years when None) into `award_tally`,
    with one INSERT … SELECT … GROUP BY: nothing passes through Python."""
    session.flush()
    if years is not None and not years:
        return
    removal = delete(AwardTally)
    source = [Award.status == AwardStatus.ACTIVE]
    if years is not None:
        removal = removal.where(AwardTally.year.in_(sorted(years)))
        source.append(Award.year.in_(sorted(years)))
    session.exec(removal)
    columns = [getattr(Award, key) for key in TALLY_KEYS]
    counted = select(*columns, func.count().label("n")).where(*source).group_by(*columns)
    session.exec(insert(AwardTally).from_select([*TALLY_KEYS, "n"], counted))
    unit_removal = delete(AwardUnitTally)
    if years is not None:
        unit_removal = unit_removal.where(AwardUnitTally.year.in_(sorted(years)))
    session.exec(unit_removal)
    unit_key = func.coalesce(Award.unit_id, -1)
    unit_columns = [Award.year, Award.kind, unit_key, Award.recipient_type]
    unit_counted = (
        select(*unit_columns, func.count().label("n")).where(*source).group_by(*unit_columns)
    )
    session.exec(
        insert(AwardUnitTally).from_select(
            ["year", "kind", "unit_key", "recipient_type", "n"], unit_counted
        )
    )
    session.flush()


# ---------------------------------------------------------------------------------------------
# Awards
# ---------------------------------------------------------------------------------------------


def recipient_key(
    *, recipient_type: str, recipient_name: str, unit_id: int | None, user_id: int | None
) -> str:
    """Who the award went to, for counting distinct recipients in the database."""
    if recipient_type == RecipientType.INDIVIDUAL and user_id is not None:
        return f"u:{user_id}"
    prefix = "p" if recipient_type == RecipientType.INDIVIDUAL else "t"
    return f"{prefix}:{unit_id or 0}:{unaccent(recipient_name)}"[:300]


def validate_fields(session: Session, data: dict, vocab_cache: dict | None = None) -> dict:
    """Check one award's fields; returns the derived columns (kind, issuer_level, key)."""
    if data.get("recipient_type") not in set(RecipientType):
        raise UserError("Đối tượng phải là “Cá nhân” hoặc “Tập thể”.")
    name = " ".join((data.get("recipient_name") or "").split())
    if not name:
        raise UserError("Vui lòng nhập họ tên cá nhân hoặc tên tập thể được khen.")
    data["recipient_name"] = name
    form = session.get(AwardForm, data.get("form_id") or 0)
    if form is None:
        raise UserError("Vui lòng chọn hình thức khen thưởng hoặc danh hiệu.")
    if form.scope != FormScope.BOTH and form.scope != data["recipient_type"]:
        who = RECIPIENT_LABELS[RecipientType(form.scope)].lower()
        raise UserError(f"“{form.name}” chỉ dành cho {who}.")
    issuer = session.get(AwardIssuer, data.get("issuer_id") or 0)
    if issuer is None:
        raise UserError("Vui lòng chọn cấp khen (người ký quyết định).")
    year = data.get("year")
    if problem := year_problem(year, "Năm khen thưởng"):
        raise UserError(problem)
    decision_date = data.get("decision_date")
    if decision_date is not None and decision_date.year not in (year, year + 1, year - 1):
        raise UserError("Ngày quyết định không khớp với năm khen thưởng.")
    if data.get("occasion_id") and session.get(AwardOccasion, data["occasion_id"]) is None:
        raise UserError("Dịp khen thưởng không tồn tại.")
    if data.get("unit_id") and session.get(Unit, data["unit_id"]) is None:
        raise UserError("Đơn vị không tồn tại.")
    if (
        data.get("catalogue_record_id")
        and session.get(CatalogueRecord, data["catalogue_record_id"]) is None
    ):
        raise UserError("Gương sáng được liên kết không tồn tại.")
    if data.get("user_id") and session.get(User, data["user_id"]) is None:
        raise UserError("Tài khoản người được khen không tồn tại.")
    data["decision_number"] = (data.get("decision_number") or "").strip()
    data["form_class"] = (data.get("form_class") or "").strip()
    data["achievement"] = (data.get("achievement") or "").strip()
    return {
        "kind": form.kind,
        "issuer_level": issuer.level,
        "recipient_key": recipient_key(
            recipient_type=data["recipient_type"],
            recipient_name=name,
            unit_id=data.get("unit_id"),
            user_id=data.get("user_id"),
        ),
    }


def _public(session: Session, award: Award) -> AwardPublic:
    form = session.get(AwardForm, award.form_id)
    issuer = session.get(AwardIssuer, award.issuer_id)
    occasion = session.get(AwardOccasion, award.occasion_id) if award.occasion_id else None
    unit = session.get(Unit, award.unit_id) if award.unit_id else None
    return AwardPublic(
        **award.model_dump(),
        form_name=form.name if form else "",
        issuer_name=issuer.name if issuer else "",
        occasion_name=occasion.name if occasion else "",
        unit_name=unit.name if unit else "",
    )


def find_duplicates(*, session: Session, award_in: AwardCreate) -> list[AwardPublic]:
    """Likely duplicates: same recipient, year, form and decision number (revoked included)."""
    key = recipient_key(
        recipient_type=award_in.recipient_type,
        recipient_name=" ".join(award_in.recipient_name.split()),
        unit_id=award_in.unit_id,
        user_id=award_in.user_id,
    )
    rows = session.exec(
        select(Award).where(
            Award.recipient_key == key,
            Award.year == award_in.year,
            Award.form_id == award_in.form_id,
            Award.decision_number == award_in.decision_number.strip(),
        )
    ).all()
    return [_public(session, r) for r in rows]


def create_award(*, session: Session, actor: Actor, award_in: AwardCreate) -> AwardPublic:
    require(actor, Capability.MANAGE_COMMENDATIONS)
    data = award_in.model_dump()
    derived = validate_fields(session, data)
    award = Award(**data, **derived, created_by=actor.id)
    session.add(award)
    session.flush()
    refresh_tally(session=session, years={award.year})
    return _public(session, award)


def update_award(
    *, session: Session, actor: Actor, award_id: int, award_in: AwardUpdate
) -> AwardPublic:
    require(actor, Capability.MANAGE_COMMENDATIONS)
    award = session.get(Award, award_id)
    if award is None:
        raise NotFound("Không tìm thấy bản ghi khen thưởng.")
    data = award.model_dump(include=set(AwardCreate.model_fields))
    data.update(award_in.model_dump(exclude_unset=True))
    derived = validate_fields(session, data)
    old_year = award.year
    for key, value in {**data, **derived}.items():
        setattr(award, key, value)
    session.flush()
    refresh_tally(session=session, years={old_year, award.year})
    return _public(session, award)


def revoke_award(*, session: Session, actor: Actor, award_id: int, reason: str) -> AwardPublic:
    """Thu hồi: the record stays (for the history) but leaves every count."""
    require(actor, Capability.MANAGE_COMMENDATIONS)
    award = session.get(Award, award_id)
    if award is None:
        raise NotFound("Không tìm thấy bản ghi khen thưởng.")
    if not reason.strip():
        raise UserError("Vui lòng ghi lý do thu hồi.")
    award.status = AwardStatus.REVOKED
    award.revoked_reason = reason.strip()
    refresh_tally(session=session, years={award.year})
    return _public(session, award)


def restore_award(*, session: Session, actor: Actor, award_id: int) -> AwardPublic:
    require(actor, Capability.MANAGE_COMMENDATIONS)
    award = session.get(Award, award_id)
    if award is None:
        raise NotFound("Không tìm thấy bản ghi khen thưởng.")
    award.status = AwardStatus.ACTIVE
    award.revoked_reason = ""
    refresh_tally(session=session, years={award.year})
    return _public(session, award)


def get_award(*, session: Session, actor: Actor, award_id: int) -> AwardPublic:
    """One award in full (its revocation reason included), for the staff's edit panel: the
    dashboard's viewers see records only as listing rows (`list_awards`), never revoked ones."""
    require(actor, Capability.MANAGE_COMMENDATIONS)
    award = session.get(Award, award_id)
    if award is None:
        raise NotFound("Không tìm thấy bản ghi khen thưởng.")
    return _public(session, award)


# ---------------------------------------------------------------------------------------------
# Filters and listings
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AwardFilter:
    """What the dashboard and listings look at. `kind` None means every kind (listings only)."""

    year_from: int | None = None
    year_to: int | None = None
    kind: str | None = AwardKind.FORM
    unit_id: int | None = None  # the unit and every unit under it
    level: str | None = None
    recipient_type: str | None = None
    include_revoked: bool = False
    search: str = ""


def filter_conditions(session: Session, flt: AwardFilter) -> list:
    conditions = []
    if not flt.include_revoked:
        conditions.append(Award.status == AwardStatus.ACTIVE)
    if flt.kind is not None:
        conditions.append(Award.kind == flt.kind)
    if flt.year_from is not None:
        conditions.append(Award.year >= flt.year_from)
    if flt.year_to is not None:
        conditions.append(Award.year <= flt.year_to)
    if flt.unit_id is not None:
        conditions.append(
            Award.unit_id.in_(sorted(descendant_ids(session=session, unit_id=flt.unit_id)))
        )
    if flt.level is not None:
        conditions.append(Award.issuer_level == flt.level)
    if flt.recipient_type is not None:
        conditions.append(Award.recipient_type == flt.recipient_type)
    if flt.search.strip():
        needle = f"%{unaccent(flt.search)}%"
        raw = f"%{flt.search.strip()}%"
        conditions.append(
            or_(
                Award.recipient_key.like(needle),
                Award.recipient_name.ilike(raw),
                Award.decision_number.ilike(raw),
            )
        )
    return conditions


@dataclass(frozen=True)
class AwardRow:
    """One line of a listing, with the vocabulary's names already filled in."""

    id: int
    year: int
    recipient_type: str
    recipient_name: str
    unit_name: str
    kind: str
    form_name: str
    form_class: str
    issuer_name: str
    issuer_level: str
    decision_number: str
    decision_date: date | None
    occasion_name: str
    achievement: str
    status: str
    catalogue_record_id: int | None

    @property
    def form_label(self) -> str:
        return f"{self.form_name} {self.form_class.lower()}".strip()

    @property
    def labels(self) -> dict:
        return {
            "recipient": RECIPIENT_LABELS.get(RecipientType(self.recipient_type), ""),
            "kind": AWARD_KIND_LABELS.get(AwardKind(self.kind), ""),
            "level": ISSUER_LEVEL_LABELS.get(IssuerLevel(self.issuer_level), ""),
        }


def listing_query(conditions: list):
    return (
        select(
            Award.id,
            Award.year,
            Award.recipient_type,
            Award.recipient_name,
            func.coalesce(Unit.name, ""),
            Award.kind,
            AwardForm.name,
            Award.form_class,
            AwardIssuer.name,
            Award.issuer_level,
            Award.decision_number,
            Award.decision_date,
            func.coalesce(AwardOccasion.name, ""),
            Award.achievement,
            Award.status,
            Award.catalogue_record_id,
        )
        .join(AwardForm, AwardForm.id == Award.form_id)
        .join(AwardIssuer, AwardIssuer.id == Award.issuer_id)
        .outerjoin(AwardOccasion, AwardOccasion.id == Award.occasion_id)
        .outerjoin(Unit, Unit.id == Award.unit_id)
        .where(*conditions)
    )


def list_awards(
    *,
    session: Session,
    actor: Actor,
    flt: AwardFilter,
    year: int | None = None,
    issuer_level: str | None = None,
    form_id: int | None = None,
    recipient_type: str | None = None,
    unit_ids: list[int] | None = None,
    no_unit: bool = False,
    limit: int = 500,
    offset: int = 0,
) -> tuple[list[AwardRow], int]:
    """The records behind a chart mark (or a whole filter): a page of rows and the total. Whoever
    sees the dashboard sees its records (the manage page's staff are among them); revoked ones,
    with their reasons, only the staff who manage commendations."""
    require(actor, Capability.SEE_DASHBOARDS)
    if flt.include_revoked:
        require(actor, Capability.MANAGE_COMMENDATIONS)
    limit = max(0, min(limit, MAX_LIST_ROWS))
    conditions = filter_conditions(session, flt)
    if year is not None:
        conditions.append(Award.year == year)
    if issuer_level is not None:
        conditions.append(Award.issuer_level == issuer_level)
    if form_id is not None:
        conditions.append(Award.form_id == form_id)
    if recipient_type is not None:
        conditions.append(Award.recipient_type == recipient_type)
    if unit_ids is not None:
        conditions.append(Award.unit_id.in_(unit_ids))
    if no_unit:
        conditions.append(Award.unit_id.is_(None))
    total = session.exec(select(func.count()).select_from(Award).where(*conditions)).one()
    rows = session.exec(
        listing_query(conditions)
        .order_by(Award.year.desc(), Award.decision_date.desc(), Award.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return [AwardRow(*row) for row in rows], total


def year_bounds(*, session: Session) -> tuple[int, int] | None:
    low, high = session.exec(select(func.min(Award.year), func.max(Award.year))).one()
    return None if low is None else (int(low), int(high))


# ---------------------------------------------------------------------------------------------
# For the catalogue: a record's award timeline
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    award_id: int
    year: int
    decision_date: date | None
    recipient_type: str
    recipient_name: str
    kind: str
    kind_label: str
    form_label: str  # "Bằng khen", "Huân chương Lao động hạng Ba", ...
    issuer_name: str
    issuer_level_label: str  # "Đảng", "Nhà nước", "Đoàn thể"
    decision_number: str
    occasion_name: str
    achievement: str

    @property
    def text(self) -> str:
        """One line, e.g. '2021 — Bằng khen của Chủ tịch UBND tỉnh (QĐ 1234/QĐ-UBND)'."""
        decision = f" (QĐ {self.decision_number})" if self.decision_number else ""
        return f"{self.year} — {self.form_label} của {self.issuer_name}{decision}"


def timeline_for_record(*, session: Session, record_id: int) -> list[TimelineEntry]:
    """The awards linked to a catalogue record, oldest first; revoked awards are left out."""
    rows = session.exec(
        listing_query(
            [Award.catalogue_record_id == record_id, Award.status == AwardStatus.ACTIVE]
        ).order_by(Award.year, Award.decision_date, Award.id)
    ).all()
    entries = []
    for row in rows:
        r = AwardRow(*row)
        entries.append(
            TimelineEntry(
                award_id=r.id,
                year=r.year,
                decision_date=r.decision_date,
                recipient_type=r.recipient_type,
                recipient_name=r.recipient_name,
                kind=r.kind,
                kind_label=r.labels["kind"],
                form_label=r.form_label,
                issuer_name=r.issuer_name,
                issuer_level_label=r.labels["level"],
                decision_number=r.decision_number,
                occasion_name=r.occasion_name,
                achievement=r.achievement,
            )
        )
    return entries


def catalogue_choices(*, session: Session, limit: int = 1_000) -> list[tuple[int, str]]:
    """(id, name) of catalogue records, to link an award to one (newest first)."""
    rows = session.exec(
        select(CatalogueRecord.id, CatalogueRecord.name)
        .order_by(CatalogueRecord.id.desc())
        .limit(limit)
    ).all()
    return [(rid, name) for rid, name in rows]
