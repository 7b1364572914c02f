"""Aggregations against a small, hand-counted set of awards (and the demo's article figures).

The fixture (years 2019–2021), each line one award:
  #  year type name            unit  form / issuer                       note
  1  2020 CN   Nguyễn Văn An   A     Giấy khen / BTV Đảng ủy Khối (Đảng)
  2  2020 CN   Nguyễn Văn An   A     Giấy khen / Thủ trưởng (Nhà nước)    same person, 2nd lượt
  3  2020 TT   Phòng Nghiệp vụ A1    Giấy khen / BTV Đảng ủy Khối (Đảng)
  4  2021 CN   Trần Thị Bình   A1    Bằng khen / Chủ tịch UBND tỉnh
  5  2021 CN   Trần Thị Bình   A1    Biểu dương / BTV Đảng ủy Khối         biểu dương
  6  2021 TT   Đảng bộ B       B     Bằng khen / Chủ tịch UBND tỉnh
  7  2021 CN   Lê Văn Cường    B     Giấy khen / BTV Đảng ủy Khối          revoked
  8  2021 CN   Lê Văn Cường    B     Lao động tiên tiến / Thủ trưởng       danh hiệu
  9  2019 TT   Đảng bộ B       B     Giấy khen / Liên đoàn Lao động tỉnh   đoàn thể
 10  2021 CN   Phạm Thu Dung   —     Giấy khen / Thủ trưởng               no unit
Unit C has no award at all.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import select

from models.accounts import UnitCreate
from models.commendations import (
    AwardCreate,
    AwardForm,
    AwardIssuer,
    AwardIssuerUpdate,
    AwardKind,
)
from services.capabilities import SYSTEM
from services.commendations import records as com
from services.commendations import stats
from services.commendations.records import AwardFilter
from services.units import create_unit

GK, BK, BD, LDTT = "Giấy khen", "Bằng khen", "Biểu dương", "Lao động tiên tiến"
DUK, TT, UBT, LDLD = (
    "Ban Thường vụ Đảng ủy Khối",
    "Thủ trưởng cơ quan, đơn vị",
    "Chủ tịch UBND tỉnh",
    "Liên đoàn Lao động tỉnh",
)
AWARDS = (
    (2020, "ca_nhan", "Nguyễn Văn An", "A", GK, DUK, "10-QĐ/ĐUK", False),
    (2020, "ca_nhan", "Nguyễn Văn An", "A", GK, TT, "5/QĐ-CQ", False),
    (2020, "tap_the", "Phòng Nghiệp vụ", "A1", GK, DUK, "10-QĐ/ĐUK", False),
    (2021, "ca_nhan", "Trần Thị Bình", "A1", BK, UBT, "99/QĐ-UBND", False),
    (2021, "ca_nhan", "Trần Thị Bình", "A1", BD, DUK, "12-QĐ/ĐUK", False),
    (2021, "tap_the", "Đảng bộ B", "B", BK, UBT, "99/QĐ-UBND", False),
    (2021, "ca_nhan", "Lê Văn Cường", "B", GK, DUK, "20-QĐ/ĐUK", True),
    (2021, "ca_nhan", "Lê Văn Cường", "B", LDTT, TT, "7/QĐ-CQ", False),
    (2019, "tap_the", "Đảng bộ B", "B", GK, LDLD, "3/QĐ-LĐLĐ", False),
    (2021, "ca_nhan", "Phạm Thu Dung", None, GK, TT, "8/QĐ-CQ", False),
)


@pytest.fixture
def world(session):
    """The units R > (A > A1, B, C) and the ten awards above; returns name -> id maps."""
    com.ensure_vocabulary(session=session)
    units = {}
    units["R"] = create_unit(
        session=session, actor=SYSTEM, unit_in=UnitCreate(name="R", kind="dang_bo")
    ).id
    units["A"] = create_unit(
        session=session,
        actor=SYSTEM,
        unit_in=UnitCreate(name="A", parent_id=units["R"], sort_order=1),
    ).id
    units["A1"] = create_unit(
        session=session, actor=SYSTEM, unit_in=UnitCreate(name="A1", parent_id=units["A"])
    ).id
    units["B"] = create_unit(
        session=session,
        actor=SYSTEM,
        unit_in=UnitCreate(name="B", parent_id=units["R"], sort_order=2),
    ).id
    units["C"] = create_unit(
        session=session,
        actor=SYSTEM,
        unit_in=UnitCreate(name="C", parent_id=units["R"], sort_order=3),
    ).id
    forms = dict(session.exec(select(AwardForm.name, AwardForm.id)).all())
    issuers = dict(session.exec(select(AwardIssuer.name, AwardIssuer.id)).all())
    ids = []
    for year, rtype, name, unit, form, issuer, number, revoked in AWARDS:
        award = com.create_award(
            actor=SYSTEM,
            session=session,
            award_in=AwardCreate(
                recipient_type=rtype,
                recipient_name=name,
                unit_id=units.get(unit),
                form_id=forms[form],
                issuer_id=issuers[issuer],
                decision_number=number,
                decision_date=date(year, 5, 15),
                year=year,
            ),
        )
        if revoked:
            com.revoke_award(
                actor=SYSTEM, session=session, award_id=award.id, reason="Vi phạm kỷ luật"
            )
        ids.append(award.id)
    return {"units": units, "forms": forms, "issuers": issuers, "awards": ids}


PERIOD = AwardFilter(year_from=2019, year_to=2021)


@pytest.mark.parametrize(
    ("kind", "collective", "individual", "recipients"),
    [
        (AwardKind.FORM, 3, 4, 5),  # #7 revoked is out; An counted once as a recipient
        (AwardKind.PRAISE, 0, 1, 1),
        (AwardKind.TITLE, 0, 1, 1),
    ],
)
def test_kpis_keep_kinds_apart_and_drop_revoked(
    session, world, kind, collective, individual, recipients
):
    figures = stats.kpis(
        session=session, actor=SYSTEM, flt=AwardFilter(year_from=2019, year_to=2021, kind=kind)
    )
    got = figures.of(kind)
    assert (got.collective, got.individual, got.recipients) == (collective, individual, recipients)


def test_kpis_levels_and_units_covered(session, world):
    figures = stats.kpis(session=session, actor=SYSTEM, flt=PERIOD)
    assert figures.by_level == {"dang": 2, "nha_nuoc": 4, "doan_the": 1}
    # units under R: A, B, C -> A and B have awards (R's own bar is not a unit to cover)
    assert (figures.units_covered, figures.units_total) == (2, 3)


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (
            stats.Measure.AWARDS,
            {
                (2019, "doan_the"): 1,
                (2020, "dang"): 2,
                (2020, "nha_nuoc"): 1,
                (2021, "nha_nuoc"): 3,
            },
        ),
        (
            stats.Measure.RECIPIENTS,
            {
                (2019, "doan_the"): 1,
                (2020, "dang"): 2,
                (2020, "nha_nuoc"): 1,
                (2021, "nha_nuoc"): 3,
            },
        ),
    ],
)
def test_by_year_and_level(session, world, measure, expected):
    points = stats.by_year(
        session=session, actor=SYSTEM, flt=PERIOD, series=stats.Series.LEVEL, measure=measure
    )
    assert {(p.year, p.series): p.value for p in points} == expected


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (stats.Measure.AWARDS, {2019: 1, 2020: 3, 2021: 3}),
        (stats.Measure.RECIPIENTS, {2019: 1, 2020: 2, 2021: 3}),  # An twice in 2020
    ],
)
def test_awards_versus_distinct_recipients(session, world, measure, expected):
    points = stats.by_year(
        session=session, actor=SYSTEM, flt=PERIOD, series=stats.Series.NONE, measure=measure
    )
    assert {p.year: p.value for p in points} == expected


def test_by_form_never_mixes_party_and_state(session, world):
    points = stats.by_year(
        session=session,
        actor=SYSTEM,
        flt=AwardFilter(year_from=2020, year_to=2020),
        series=stats.Series.FORM,
    )
    assert sorted((p.label, p.value) for p in points) == [
        ("Giấy khen · Nhà nước", 1),
        ("Giấy khen · Đảng", 2),
    ]


def test_by_recipient_type(session, world):
    points = stats.by_year(session=session, actor=SYSTEM, flt=PERIOD, series=stats.Series.RECIPIENT)
    assert {(p.year, p.series): p.value for p in points} == {
        (2019, "tap_the"): 1,
        (2020, "ca_nhan"): 2,
        (2020, "tap_the"): 1,
        (2021, "ca_nhan"): 2,
        (2021, "tap_the"): 1,
    }


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (
            stats.Measure.AWARDS,
            [
                ("R (trực tiếp)", 0, 0),
                ("A", 1, 3),
                ("B", 2, 0),
                ("C", 0, 0),
                ("Chưa gắn đơn vị", 0, 1),
            ],
        ),
        (
            stats.Measure.RECIPIENTS,
            [
                ("R (trực tiếp)", 0, 0),
                ("A", 1, 2),
                ("B", 1, 0),
                ("C", 0, 0),
                ("Chưa gắn đơn vị", 0, 1),
            ],
        ),
    ],
)
def test_by_unit_lists_units_with_none(session, world, measure, expected):
    points = stats.by_unit(session=session, actor=SYSTEM, flt=PERIOD, measure=measure)
    assert [(p.name, p.collective, p.individual) for p in points] == expected


def test_unit_filter_includes_sub_units(session, world):
    flt = AwardFilter(year_from=2019, year_to=2021, unit_id=world["units"]["A"])
    assert (
        stats.kpis(session=session, actor=SYSTEM, flt=flt).of(AwardKind.FORM).total == 4
    )  # 1, 2, 3, 4
    points = stats.by_unit(session=session, actor=SYSTEM, flt=flt)
    assert [(p.name, p.value) for p in points] == [("A (trực tiếp)", 2), ("A1", 2)]


def test_trend_fills_years_without_awards(session, world):
    points = stats.trend(
        session=session, actor=SYSTEM, flt=AwardFilter(year_from=2017, year_to=2021)
    )
    assert [(p.year, p.value) for p in points] == [
        (2017, 0),
        (2018, 0),
        (2019, 1),
        (2020, 3),
        (2021, 3),
    ]


def test_report_table_and_sentence(session, world):
    table = stats.report_table(session=session, actor=SYSTEM, year_from=2019, year_to=2021)
    assert table.totals((AwardKind.FORM,)) == (3, 4)
    assert table.totals((AwardKind.PRAISE,)) == (0, 1)
    assert table.totals((AwardKind.TITLE,)) == (0, 1)
    assert stats.report_sentence(table) == (
        "Giai đoạn 2019–2021, toàn Đảng bộ có 03 lượt tập thể, 05 lượt cá nhân được các cấp "
        "biểu dương, khen thưởng (khen thưởng 03 lượt tập thể, 04 lượt cá nhân; biểu dương 01 "
        "lượt cá nhân); trong đó Ban Thường vụ Đảng ủy Khối tặng giấy khen 01 lượt tập thể, 01 "
        "lượt cá nhân; Chủ tịch UBND tỉnh tặng bằng khen 01 lượt tập thể, 01 lượt cá nhân và "
        "Liên đoàn Lao động tỉnh tặng giấy khen 01 lượt tập thể. Ngoài ra, 01 lượt cá nhân "
        "được công nhận danh hiệu thi đua (tính riêng, không cộng vào số khen thưởng)."
    )
    rows = stats.report_rows(table)
    total = next(r for r in rows if r["Mục"] == "Tổng cộng biểu dương, khen thưởng")
    assert (total["Tập thể"], total["Cá nhân"], total["Cộng"]) == (3, 5, 8)
    party = next(r for r in rows if r["Mục"] == "Cộng khối Đảng")
    assert (party["Tập thể"], party["Cá nhân"]) == (1, 1)


def test_report_for_one_year_and_one_unit(session, world):
    table = stats.report_table(
        session=session, actor=SYSTEM, year_from=2020, year_to=2020, unit_id=world["units"]["A"]
    )
    sentence = stats.report_sentence(table)
    assert sentence.startswith("Năm 2020, A có 01 lượt tập thể, 02 lượt cá nhân")


def test_empty_period_sentence(session, world):
    table = stats.report_table(session=session, actor=SYSTEM, year_from=2000, year_to=2001)
    assert stats.report_sentence(table) == (
        "Giai đoạn 2000–2001, toàn Đảng bộ chưa có tập thể, cá nhân nào được biểu dương, khen "
        "thưởng."
    )


def test_revoking_and_restoring_changes_the_counts(session, world):
    flt = AwardFilter(year_from=2021, year_to=2021)
    assert stats.kpis(session=session, actor=SYSTEM, flt=flt).of(AwardKind.FORM).total == 3
    com.restore_award(actor=SYSTEM, session=session, award_id=world["awards"][6])
    assert stats.kpis(session=session, actor=SYSTEM, flt=flt).of(AwardKind.FORM).total == 4


def test_issuer_level_edit_moves_its_awards(session, world):
    issuer_id = world["issuers"][LDLD]
    com.save_issuer(
        actor=SYSTEM,
        session=session,
        issuer_id=issuer_id,
        issuer_in=AwardIssuerUpdate(level="nha_nuoc"),
    )
    figures = stats.kpis(session=session, actor=SYSTEM, flt=PERIOD)
    assert figures.by_level == {"dang": 2, "nha_nuoc": 5}


def test_list_awards_behind_a_bar(session, world):
    rows, total = com.list_awards(
        session=session, actor=SYSTEM, flt=PERIOD, year=2020, issuer_level="dang"
    )
    assert total == 2
    assert sorted(r.recipient_name for r in rows) == ["Nguyễn Văn An", "Phòng Nghiệp vụ"]
    rows, total = com.list_awards(session=session, actor=SYSTEM, flt=PERIOD, no_unit=True)
    assert [r.recipient_name for r in rows] == ["Phạm Thu Dung"]


def test_timeline_for_record(session, world):
    from models.catalogue import CatalogueRecord

    record = CatalogueRecord(
        name="Bưu tá tận tụy", year_from=2019, year_to=2021, unit_id=world["units"]["B"]
    )
    session.add(record)
    session.flush()
    for award_id in (world["awards"][5], world["awards"][8], world["awards"][6]):
        com.update_award(
            actor=SYSTEM,
            session=session,
            award_id=award_id,
            award_in=com.AwardUpdate(catalogue_record_id=record.id),
        )
    timeline = com.timeline_for_record(session=session, record_id=record.id)
    # oldest first, the revoked award (#7) left out
    assert [(t.year, t.form_label, t.issuer_name) for t in timeline] == [
        (2019, "Giấy khen", LDLD),
        (2021, "Bằng khen", UBT),
    ]
    assert timeline[1].text == "2021 — Bằng khen của Chủ tịch UBND tỉnh (QĐ 99/QĐ-UBND)"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("recipient_type", "ho_gia_dinh", "Đối tượng phải là"),
        ("recipient_name", "  ", "Vui lòng nhập họ tên"),
        ("year", 1900, "Năm khen thưởng: phải từ 1945"),
        ("form", LDTT, "chỉ dành cho cá nhân"),  # a collective cannot be Lao động tiên tiến
    ],
)
def test_create_award_refuses_bad_input(session, world, field, value, message):
    from services.errors import UserError

    data = {
        "recipient_type": "tap_the",
        "recipient_name": "Đảng bộ B",
        "unit_id": None,
        "form_id": world["forms"][GK],
        "issuer_id": world["issuers"][DUK],
        "year": 2021,
    }
    if field == "form":
        data["form_id"] = world["forms"][value]
    else:
        data[field] = value
    with pytest.raises(UserError, match=message):
        com.create_award(
            actor=SYSTEM, session=session, award_in=AwardCreate.model_construct(**data)
        )


def test_demo_reproduces_the_article(session, demo_engine):
    from models.db import session_scope

    with session_scope(demo_engine) as demo:
        table = stats.report_table(session=demo, actor=SYSTEM, year_from=2016, year_to=2021)
        rows = {
            (r["Cấp khen"], r["Hình thức, danh hiệu"]): (r["Tập thể"], r["Cá nhân"])
            for r in stats.report_rows(table)
            if r["Cấp khen"]
        }
        sentence = stats.report_sentence(table)
    assert table.totals((AwardKind.FORM, AwardKind.PRAISE)) == (263, 1500)
    assert rows[(DUK, GK)] == (82, 158)
    assert rows[(UBT, BK)] == (6, 4)
    assert sentence.startswith(
        "Giai đoạn 2016–2021, toàn Đảng bộ có 263 lượt tập thể, 1.500 lượt cá nhân được các cấp "
        "biểu dương, khen thưởng"
    )
    assert (
        "trong đó Ban Thường vụ Đảng ủy Khối tặng giấy khen 82 lượt tập thể, 158 lượt cá "
        "nhân và Chủ tịch UBND tỉnh tặng bằng khen 06 lượt tập thể, 04 lượt cá nhân."
    ) in sentence


def test_demo_seed_is_idempotent_and_spans_2012_2026(session, demo_engine, settings):
    from models.db import session_scope
    from services.demo import commendations as demo

    with session_scope(demo_engine) as demo_session:
        before = (
            stats.kpis(session=demo_session, actor=SYSTEM, flt=AwardFilter())
            .of(AwardKind.FORM)
            .total
        )
        demo.seed(session=demo_session, settings=settings)
        after = (
            stats.kpis(session=demo_session, actor=SYSTEM, flt=AwardFilter())
            .of(AwardKind.FORM)
            .total
        )
        assert com.year_bounds(session=demo_session) == (2012, 2026)
        units_with_none = [
            u
            for u in stats.by_unit(session=demo_session, actor=SYSTEM, flt=AwardFilter())
            if u.value == 0
        ]
    assert before == after > 0
    assert [u.name for u in units_with_none] == ["Đảng bộ Khối các cơ quan tỉnh (trực tiếp)"]


@pytest.mark.parametrize("series", list(stats.Series))
@pytest.mark.parametrize(
    "flt",
    [
        PERIOD,
        AwardFilter(year_from=2020, year_to=2021, kind=AwardKind.PRAISE),
        AwardFilter(kind=None, level="nha_nuoc"),
    ],
)
def test_tally_agrees_with_the_award_table(session, world, series, flt):
    from_tally = stats.by_year(
        session=session, actor=SYSTEM, flt=flt, series=series, use_tally=True
    )
    from_awards = stats.by_year(
        session=session, actor=SYSTEM, flt=flt, series=series, use_tally=False
    )
    assert sorted(from_tally, key=repr) == sorted(from_awards, key=repr)


def test_tally_follows_every_write(session, world):
    def both():
        return [
            {
                (p.year, p.series): p.value
                for p in stats.by_year(
                    session=session, actor=SYSTEM, flt=AwardFilter(kind=None), use_tally=flag
                )
            }
            for flag in (True, False)
        ]

    award_id = world["awards"][0]
    com.update_award(
        actor=SYSTEM, session=session, award_id=award_id, award_in=com.AwardUpdate(year=2019)
    )
    com.revoke_award(
        actor=SYSTEM, session=session, award_id=world["awards"][1], reason="Sai đối tượng"
    )
    com.save_issuer(
        actor=SYSTEM,
        session=session,
        issuer_id=world["issuers"][DUK],
        issuer_in=AwardIssuerUpdate(level="doan_the"),
    )
    tally, awards = both()
    assert tally == awards
    assert tally[(2019, "doan_the")] == 2  # #1 moved to 2019 and its issuer re-levelled, #9


def test_migration_matches_the_models(engine):
    from services.database import schema_differences

    assert [d for d in schema_differences(engine) if "award" in str(d)] == []


def test_a_catalogue_record_lists_its_awards(session, world):
    from models.catalogue import CatalogueRecord

    record = CatalogueRecord(name="Mô hình thử", year_from=2021, year_to=2021)
    session.add(record)
    session.flush()
    com.update_award(
        actor=SYSTEM,
        session=session,
        award_id=world["awards"][3],
        award_in=com.AwardUpdate(catalogue_record_id=record.id),
    )
    [entry] = com.timeline_for_record(session=session, record_id=record.id)
    assert (
        entry.decision_date,
        entry.year,
        entry.form_label,
        entry.issuer_name,
        entry.issuer_level_label,
        entry.recipient_name,
        entry.decision_number,
    ) == (
        date(2021, 5, 15),
        2021,
        "Bằng khen",
        "Chủ tịch UBND tỉnh",
        "Nhà nước",
        "Trần Thị Bình",
        "99/QĐ-UBND",
    )


@pytest.mark.parametrize(
    "flt",
    [
        PERIOD,
        AwardFilter(kind=None),
        AwardFilter(kind=AwardKind.PRAISE),
        AwardFilter(year_from=2020, year_to=2021, recipient_type="ca_nhan"),
    ],
)
def test_unit_tally_agrees_with_the_award_table(session, world, flt):
    assert stats.by_unit(session=session, actor=SYSTEM, flt=flt, use_tally=True) == stats.by_unit(
        session=session, actor=SYSTEM, flt=flt, use_tally=False
    )
    inside_a = replace(flt, unit_id=world["units"]["A"])
    assert stats.by_unit(
        session=session, actor=SYSTEM, flt=inside_a, use_tally=True
    ) == stats.by_unit(session=session, actor=SYSTEM, flt=inside_a, use_tally=False)
    com.revoke_award(actor=SYSTEM, session=session, award_id=world["awards"][0], reason="Sai")
    assert stats.by_unit(session=session, actor=SYSTEM, flt=flt, use_tally=True) == stats.by_unit(
        session=session, actor=SYSTEM, flt=flt, use_tally=False
    )
