"""Counting commendations, always in the database (GROUP BY), never row by row in Python.

Every count here keeps the three kinds apart (danh hiệu thi đua, hình thức khen thưởng,
biểu dương), leaves revoked awards out, and can count either awards (lượt: one person commended
twice is 2) or distinct recipients (đối tượng). Party, State and mass-organisation issuers are
separate series wherever a chart stacks by form, so "Giấy khen · Đảng" and "Giấy khen · Nhà
nước" never add up silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from sqlalchemy import case, distinct, func
from sqlmodel import Session, select

from models.commendations import (
    AWARD_KIND_LABELS,
    ISSUER_LEVEL_LABELS,
    Award,
    AwardForm,
    AwardIssuer,
    AwardKind,
    AwardStatus,
    AwardTally,
    AwardUnitTally,
    IssuerLevel,
    IssuerTier,
    RecipientType,
)
from services.capabilities import Actor, Capability, require
from services.commendations.records import AwardFilter, filter_conditions
from services.units import descendant_ids, list_units
from services.vi import format_int

NO_UNIT = -1
NO_UNIT_LABEL = "Chưa gắn đơn vị"
LEVEL_ORDER = (IssuerLevel.PARTY, IssuerLevel.STATE, IssuerLevel.MASS)


class Measure(StrEnum):
    AWARDS = "luot"
    RECIPIENTS = "doi_tuong"


MEASURE_LABELS = {Measure.AWARDS: "Lượt khen", Measure.RECIPIENTS: "Số đối tượng (không trùng)"}


class Series(StrEnum):
    LEVEL = "cap"
    FORM = "hinh_thuc"
    RECIPIENT = "doi_tuong"
    NONE = "tong"


SERIES_LABELS = {
    Series.LEVEL: "Khối cấp khen (Đảng, Nhà nước, đoàn thể)",
    Series.FORM: "Hình thức, danh hiệu",
    Series.RECIPIENT: "Tập thể, cá nhân",
    Series.NONE: "Tổng",
}


def _tally_serves(flt: AwardFilter, measure: str) -> bool:
    """The tally answers lượt counts of active awards by year, kind, level, recipient type,
    form and issuer; a unit filter, a search, revoked awards or distinct recipients need the
    award table itself."""
    return (
        measure == Measure.AWARDS
        and flt.unit_id is None
        and not flt.search.strip()
        and not flt.include_revoked
    )


def _tally_conditions(flt: AwardFilter) -> list:
    conditions = []
    if flt.kind is not None:
        conditions.append(AwardTally.kind == flt.kind)
    if flt.year_from is not None:
        conditions.append(AwardTally.year >= flt.year_from)
    if flt.year_to is not None:
        conditions.append(AwardTally.year <= flt.year_to)
    if flt.level is not None:
        conditions.append(AwardTally.issuer_level == flt.level)
    if flt.recipient_type is not None:
        conditions.append(AwardTally.recipient_type == flt.recipient_type)
    return conditions


def _grouped(
    session: Session,
    flt: AwardFilter,
    measure: str,
    keys: tuple[str, ...],
    use_tally: bool | None = None,
) -> list[tuple]:
    """(key values..., count) per group, from the tally when it can answer, else from the
    awards; both in one GROUP BY query."""
    if use_tally is None:
        use_tally = _tally_serves(flt, measure)
    if use_tally:
        columns = [getattr(AwardTally, k) for k in keys]
        query = (
            select(*columns, func.sum(AwardTally.n))
            .where(*_tally_conditions(flt))
            .group_by(*columns)
        )
    else:
        columns = [getattr(Award, k) for k in keys]
        query = (
            select(*columns, _measure(measure))
            .where(*filter_conditions(session, flt))
            .group_by(*columns)
        )
    return [(*row[:-1], int(row[-1] or 0)) for row in session.exec(query).all()]


def _measure(measure: str):
    if measure == Measure.RECIPIENTS:
        return func.count(distinct(Award.recipient_key))
    return func.count()


@dataclass(frozen=True)
class YearPoint:
    year: int
    series: str  # a stable key: "dang", "12:dang" (form 12 from the Party), "ca_nhan", "tong"
    label: str  # what the legend shows
    value: int
    level: str = ""  # the issuer level when the series has one
    form_id: int | None = None
    recipient_type: str = ""


def _form_names(session: Session) -> dict[int, str]:
    return dict(session.exec(select(AwardForm.id, AwardForm.name)).all())


def by_year(
    *,
    session: Session,
    actor: Actor,
    flt: AwardFilter,
    series: str = Series.LEVEL,
    measure: str = Measure.AWARDS,
    use_tally: bool | None = None,
) -> list[YearPoint]:
    """Awards per year, split into series; only the groups that exist (no zero rows)."""
    require(actor, Capability.SEE_DASHBOARDS)
    if series == Series.LEVEL:
        rows = _grouped(session, flt, measure, ("year", "issuer_level"), use_tally)
        return [
            YearPoint(y, lvl, ISSUER_LEVEL_LABELS.get(IssuerLevel(lvl), lvl), v, level=lvl)
            for y, lvl, v in rows
        ]
    if series == Series.FORM:
        rows = _grouped(session, flt, measure, ("year", "form_id", "issuer_level"), use_tally)
        names = _form_names(session)
        return [
            YearPoint(
                y,
                f"{fid}:{lvl}",
                f"{names.get(fid, '?')} · {ISSUER_LEVEL_LABELS.get(IssuerLevel(lvl), lvl)}",
                v,
                level=lvl,
                form_id=fid,
            )
            for y, fid, lvl, v in rows
        ]
    if series == Series.RECIPIENT:
        rows = _grouped(session, flt, measure, ("year", "recipient_type"), use_tally)
        labels = {RecipientType.COLLECTIVE: "Tập thể", RecipientType.INDIVIDUAL: "Cá nhân"}
        return [
            YearPoint(y, rt, labels.get(RecipientType(rt), rt), v, recipient_type=rt)
            for y, rt, v in rows
        ]
    rows = _grouped(session, flt, measure, ("year",), use_tally)
    return [YearPoint(y, "tong", "Tổng", v) for y, v in rows]


def trend(
    *,
    session: Session,
    actor: Actor,
    flt: AwardFilter,
    measure: str = Measure.AWARDS,
) -> list[YearPoint]:
    """Totals per year over the whole period, years without awards included as zeros."""
    points = {
        p.year: p.value
        for p in by_year(session=session, actor=actor, flt=flt, series=Series.NONE, measure=measure)
    }
    if not points and (flt.year_from is None or flt.year_to is None):
        return []
    low = flt.year_from if flt.year_from is not None else min(points)
    high = flt.year_to if flt.year_to is not None else max(points)
    return [YearPoint(y, "tong", "Tổng", points.get(y, 0)) for y in range(low, high + 1)]


@dataclass(frozen=True)
class UnitPoint:
    unit_id: int  # NO_UNIT for awards without a unit
    name: str
    collective: int
    individual: int
    sort_order: int
    is_parent: bool = False  # the chosen unit's own awards, beside its sub-units' bars

    @property
    def value(self) -> int:
        return self.collective + self.individual


def unit_groups(*, session: Session, parent_id: int | None) -> list[tuple[int, str, set[int]]]:
    """The bars of the unit chart: each unit directly under `parent_id` (under the top unit
    when None) with its whole subtree, plus the parent itself for its own direct awards."""
    units = list_units(session=session)
    if parent_id is None:
        roots = [u for u in units if u.parent_id is None]
        if len(roots) != 1:
            return [(u.id, u.name, descendant_ids(session=session, unit_id=u.id)) for u in roots]
        parent_id = roots[0].id
    parent = next((u for u in units if u.id == parent_id), None)
    if parent is None:
        return []
    groups = []
    children = [u for u in units if u.parent_id == parent_id]
    groups.append(
        (parent.id, f"{parent.name} (trực tiếp)" if children else parent.name, {parent.id})
    )
    for child in children:
        groups.append((child.id, child.name, descendant_ids(session=session, unit_id=child.id)))
    return groups


def by_unit(
    *,
    session: Session,
    actor: Actor,
    flt: AwardFilter,
    measure: str = Measure.AWARDS,
    use_tally: bool | None = None,
) -> list[UnitPoint]:
    """Per unit (with its sub-units), every unit listed even with no award at all."""
    require(actor, Capability.SEE_DASHBOARDS)
    groups = unit_groups(session=session, parent_id=flt.unit_id)
    mapping = {member: gid for gid, _name, members in groups for member in members}
    if use_tally is None:
        use_tally = _tally_serves(flt, measure) and flt.level is None
    if use_tally:
        unit_col, value = AwardUnitTally.unit_key, func.sum(AwardUnitTally.n)
        rtype_col = AwardUnitTally.recipient_type
        conditions = [
            c
            for c in [
                AwardUnitTally.kind == flt.kind if flt.kind is not None else None,
                AwardUnitTally.year >= flt.year_from if flt.year_from is not None else None,
                AwardUnitTally.year <= flt.year_to if flt.year_to is not None else None,
                AwardUnitTally.recipient_type == flt.recipient_type
                if flt.recipient_type is not None
                else None,
            ]
            if c is not None
        ]
        if flt.unit_id is not None:
            conditions.append(unit_col.in_(sorted(mapping)))
    else:
        unit_col, value = Award.unit_id, _measure(measure)
        rtype_col = Award.recipient_type
        conditions = filter_conditions(session, flt)
    if mapping:
        group_expr = case(mapping, value=unit_col, else_=NO_UNIT)
        query = (
            select(group_expr.label("grp"), rtype_col, value)
            .where(*conditions)
            .group_by(group_expr, rtype_col)
        )
        found = {(g, rt): int(v or 0) for g, rt, v in session.exec(query).all()}
    else:
        query = select(rtype_col, value).where(*conditions).group_by(rtype_col)
        found = {(NO_UNIT, rt): int(v or 0) for rt, v in session.exec(query).all()}
    points = [
        UnitPoint(
            gid,
            name,
            found.get((gid, RecipientType.COLLECTIVE), 0),
            found.get((gid, RecipientType.INDIVIDUAL), 0),
            order,
            is_parent=len(members) == 1 and name.endswith(" (trực tiếp)"),
        )
        for order, (gid, name, members) in enumerate(groups)
    ]
    orphan = UnitPoint(
        NO_UNIT,
        NO_UNIT_LABEL,
        found.get((NO_UNIT, RecipientType.COLLECTIVE), 0),
        found.get((NO_UNIT, RecipientType.INDIVIDUAL), 0),
        len(groups),
    )
    if orphan.value:
        points.append(orphan)
    return points


@dataclass(frozen=True)
class KindCount:
    collective: int = 0
    individual: int = 0
    recipients: int = 0

    @property
    def total(self) -> int:
        return self.collective + self.individual


@dataclass(frozen=True)
class Kpis:
    kinds: dict[str, KindCount]  # every kind, apart
    by_level: dict[str, int]  # awards of the chosen kind per issuer level
    units_covered: int
    units_total: int

    def of(self, kind: str) -> KindCount:
        return self.kinds.get(kind, KindCount())


def kpis(
    *,
    session: Session,
    actor: Actor,
    flt: AwardFilter,
    unit_points: list[UnitPoint] | None = None,
) -> Kpis:
    """The KPI cards: lượt per kind and recipient type (every kind, apart), distinct recipients
    of the chosen kind, lượt per issuer level, and the units with at least one award."""
    require(actor, Capability.SEE_DASHBOARDS)
    # one GROUP BY answers both the per-kind cards and the chosen kind's issuer levels
    counts = _grouped(
        session, replace(flt, kind=None), Measure.AWARDS, ("kind", "recipient_type", "issuer_level")
    )
    distinct_rows = _grouped(session, flt, Measure.RECIPIENTS, ("recipient_type",))
    kinds: dict[str, KindCount] = {}
    by_level: dict[str, int] = {}
    for kind, rtype, level, count in counts:
        current = kinds.get(kind, KindCount())
        field_name = "collective" if rtype == RecipientType.COLLECTIVE else "individual"
        kinds[kind] = replace(current, **{field_name: getattr(current, field_name) + count})
        if flt.kind is None or kind == flt.kind:
            by_level[level] = by_level.get(level, 0) + count
    if flt.kind is not None:
        recipients = sum(value for _rtype, value in distinct_rows)
        kinds[flt.kind] = replace(kinds.get(flt.kind, KindCount()), recipients=recipients)
    # coverage is the same whether the bars count lượt or recipients: reuse the chart's bars
    units = (
        unit_points if unit_points is not None else by_unit(session=session, actor=actor, flt=flt)
    )
    real = [u for u in units if u.unit_id != NO_UNIT and not u.is_parent]
    return Kpis(
        kinds=kinds,
        by_level=by_level,
        units_covered=sum(1 for u in real if u.value > 0),
        units_total=len(real),
    )


# ---------------------------------------------------------------------------------------------
# The report table and its sentence
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportLine:
    kind: str
    level: str
    issuer_id: int
    issuer_name: str
    tier: str
    form_id: int
    form_name: str
    collective: int
    individual: int

    @property
    def total(self) -> int:
        return self.collective + self.individual


@dataclass(frozen=True)
class ReportTable:
    year_from: int
    year_to: int
    scope_name: str  # "toàn Đảng bộ" or a unit's name
    lines: list[ReportLine] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[ReportLine]:
        return [line for line in self.lines if line.kind == kind]

    def totals(self, kinds: tuple[str, ...]) -> tuple[int, int]:
        chosen = [line for line in self.lines if line.kind in kinds]
        return sum(x.collective for x in chosen), sum(x.individual for x in chosen)

    @property
    def period(self) -> str:
        if self.year_from == self.year_to:
            return f"Năm {self.year_from}"
        return f"Giai đoạn {self.year_from}–{self.year_to}"


def report_table(
    *, session: Session, actor: Actor, year_from: int, year_to: int, unit_id: int | None = None
) -> ReportTable:
    """Counts of awards (lượt) by issuer × form × (tập thể, cá nhân) for a period."""
    require(actor, Capability.SEE_DASHBOARDS)
    if year_from > year_to:
        year_from, year_to = year_to, year_from
    flt = AwardFilter(year_from=year_from, year_to=year_to, kind=None, unit_id=unit_id)
    rows = _grouped(
        session, flt, Measure.AWARDS, ("kind", "issuer_id", "form_id", "recipient_type")
    )
    issuers = {i.id: i for i in session.exec(select(AwardIssuer)).all()}
    forms = {f.id: f for f in session.exec(select(AwardForm)).all()}
    cells: dict[tuple[str, int, int], dict[str, int]] = {}
    for kind, issuer_id, form_id, rtype, count in rows:
        cells.setdefault((kind, issuer_id, form_id), {})[rtype] = count
    lines = []
    for (kind, issuer_id, form_id), counts in cells.items():
        issuer, form = issuers[issuer_id], forms[form_id]
        lines.append(
            ReportLine(
                kind=kind,
                level=issuer.level,
                issuer_id=issuer_id,
                issuer_name=issuer.name,
                tier=issuer.tier,
                form_id=form_id,
                form_name=form.name,
                collective=counts.get(RecipientType.COLLECTIVE, 0),
                individual=counts.get(RecipientType.INDIVIDUAL, 0),
            )
        )
    level_rank = {lvl: i for i, lvl in enumerate(LEVEL_ORDER)}
    lines.sort(
        key=lambda x: (
            level_rank.get(x.level, 9),
            issuers[x.issuer_id].sort_order,
            forms[x.form_id].sort_order,
        )
    )
    scope = "toàn Đảng bộ"
    if unit_id is not None:
        from models.accounts import Unit

        unit = session.get(Unit, unit_id)
        if unit is not None and unit.parent_id is not None:
            scope = unit.name
    return ReportTable(year_from=year_from, year_to=year_to, scope_name=scope, lines=lines)


def article_number(value: int) -> str:
    """Numbers as the reports write them: 06, 82, 1.500."""
    return f"{value:02d}" if 0 <= value < 10 else format_int(value)


def _pair(collective: int, individual: int, *, with_word: bool = True) -> str:
    word = "lượt " if with_word else ""
    parts = []
    if collective:
        parts.append(f"{article_number(collective)} {word}tập thể")
    if individual:
        parts.append(f"{article_number(individual)} {word}cá nhân")
    return ", ".join(parts)


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return "; ".join(parts[:-1]) + " và " + parts[-1]


def report_sentence(table: ReportTable) -> str:
    """The sentence in the articles' style. The total counts khen thưởng and biểu dương (as the
    articles do), with the two shown apart; "trong đó" names every hình thức khen thưởng given
    by an issuer above the base level; danh hiệu thi đua get a sentence of their own."""
    form_c, form_i = table.totals((AwardKind.FORM,))
    praise_c, praise_i = table.totals((AwardKind.PRAISE,))
    total_c, total_i = form_c + praise_c, form_i + praise_i
    if total_c + total_i == 0:
        sentence = (
            f"{table.period}, {table.scope_name} chưa có tập thể, cá nhân nào được "
            "biểu dương, khen thưởng."
        )
    else:
        sentence = (
            f"{table.period}, {table.scope_name} có "
            f"{_pair(total_c, total_i)} được các cấp biểu dương, khen thưởng"
        )
        if praise_c + praise_i and form_c + form_i:
            sentence += (
                f" (khen thưởng {_pair(form_c, form_i)}; biểu dương {_pair(praise_c, praise_i)})"
            )
        named = [
            line
            for line in table.of_kind(AwardKind.FORM)
            if line.tier != IssuerTier.BASE and line.total
        ]
        if named:
            sentence += "; trong đó " + _join(
                [
                    f"{line.issuer_name} tặng {line.form_name[:1].lower()}{line.form_name[1:]} "
                    f"{_pair(line.collective, line.individual)}"
                    for line in named
                ]
            )
        sentence += "."
    title_c, title_i = table.totals((AwardKind.TITLE,))
    if title_c + title_i:
        sentence += (
            f" Ngoài ra, {_pair(title_c, title_i)} được công nhận danh hiệu thi đua "
            "(tính riêng, không cộng vào số khen thưởng)."
        )
    return sentence


REPORT_HEADERS = ("Mục", "Khối", "Cấp khen", "Hình thức, danh hiệu", "Tập thể", "Cá nhân", "Cộng")


def report_rows(table: ReportTable) -> list[dict]:
    """The table as reports print it: khen thưởng by level with subtotals, biểu dương apart,
    their total, then danh hiệu thi đua counted on their own."""
    rows: list[dict] = []

    def line_row(section: str, line: ReportLine) -> dict:
        return dict(
            zip(
                REPORT_HEADERS,
                (
                    section,
                    ISSUER_LEVEL_LABELS.get(IssuerLevel(line.level), line.level),
                    line.issuer_name,
                    line.form_name,
                    line.collective,
                    line.individual,
                    line.total,
                ),
                strict=True,
            )
        )

    def total_row(label: str, collective: int, individual: int) -> dict:
        return dict(
            zip(
                REPORT_HEADERS,
                (label, "", "", "", collective, individual, collective + individual),
                strict=True,
            )
        )

    sections = ((AwardKind.FORM, "I. Khen thưởng"), (AwardKind.PRAISE, "II. Biểu dương"))
    for kind, section in sections:
        lines = table.of_kind(kind)
        for level in LEVEL_ORDER:
            of_level = [x for x in lines if x.level == level]
            rows.extend(line_row(section, x) for x in of_level)
            if of_level and kind == AwardKind.FORM:
                label = f"Cộng khối {ISSUER_LEVEL_LABELS[level]}"
                rows.append(
                    total_row(
                        label,
                        sum(x.collective for x in of_level),
                        sum(x.individual for x in of_level),
                    )
                )
        c, i = table.totals((kind,))
        rows.append(total_row(f"Cộng {AWARD_KIND_LABELS[kind].lower()}", c, i))
    c, i = table.totals((AwardKind.FORM, AwardKind.PRAISE))
    rows.append(total_row("Tổng cộng biểu dương, khen thưởng", c, i))
    titles = table.of_kind(AwardKind.TITLE)
    rows.extend(line_row("III. Danh hiệu thi đua (tính riêng)", x) for x in titles)
    c, i = table.totals((AwardKind.TITLE,))
    rows.append(total_row("Cộng danh hiệu thi đua", c, i))
    return rows


__all__ = [
    "AwardFilter",
    "AwardStatus",
    "KindCount",
    "Kpis",
    "Measure",
    "ReportLine",
    "ReportTable",
    "Series",
    "UnitPoint",
    "YearPoint",
    "by_unit",
    "by_year",
    "kpis",
    "report_rows",
    "report_sentence",
    "report_table",
    "trend",
]
