"""Year-end ratings of the members counted from paper notebooks: the committee enters how many
got each rating, never more than were counted (nor the headcount); they join the individual
ratings in the unit rate tables, the roll-ups, the report sentence and the Excel file."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from services.errors import PermissionDenied, UserError
from services.notebook import commitments as cm
from services.notebook import counted, report, reviews, stats
from tests import test_notebook_services as base

world = base.world  # the fixture

XS, TOT, HT = "Hoàn thành xuất sắc", "Hoàn thành tốt", "Hoàn thành"


def test_counted_ratings_are_bounded_and_count_like_individual_ones(session, world):
    y, cell, other, sec = world["year"], world["cell"], world["other"], world["sec"]
    cell.headcount, world["root"].headcount = 10, 12
    session.add_all([cell, world["root"]])
    session.flush()
    # One member with an account, approved and rated by the committee.
    a = world["a"]
    c = cm.save_draft(
        session=session,
        actor=a,
        year_id=y.id,
        member_id=a.id,
        parts=base.GOOD,
        committed_on=date(2026, 2, 5),
    )
    cm.send(session=session, actor=a, commitment_id=c.id)
    cm.approve(session=session, actor=sec, commitment_id=c.id)
    reviews.rate(session=session, actor=sec, commitment_id=c.id, rating=TOT)
    with pytest.raises(UserError, match=r"vượt số đã đăng ký đếm từ sổ giấy của Chi bộ Y tế \(0\)"):
        counted.record_ratings(
            session=session, actor=sec, year_id=y.id, unit_id=cell.id, counts={XS: 1}
        )
    counted.record_count(
        session=session, actor=sec, year_id=y.id, unit_id=cell.id, month=0, count=7
    )
    with pytest.raises(PermissionDenied):
        counted.record_ratings(
            session=session, actor=world["leader"], year_id=y.id, unit_id=cell.id, counts={XS: 1}
        )
    with pytest.raises(UserError, match="“Xuất sắc lắm” không có trong danh sách của năm 2026"):
        counted.record_ratings(
            session=session, actor=sec, year_id=y.id, unit_id=cell.id, counts={"Xuất sắc lắm": 1}
        )
    with pytest.raises(UserError, match="“Hoàn thành” phải từ 0 trở lên"):
        counted.record_ratings(
            session=session, actor=sec, year_id=y.id, unit_id=cell.id, counts={HT: -1}
        )
    with pytest.raises(UserError, match=r"vượt sĩ số của Chi bộ Y tế \(10\)"):
        counted.record_ratings(
            session=session, actor=sec, year_id=y.id, unit_id=cell.id, counts={XS: 6, TOT: 5}
        )
    with pytest.raises(
        UserError,
        match=r"\(8: Hoàn thành xuất sắc 5, Hoàn thành tốt 3\) vượt số đã đăng ký đếm từ sổ giấy "
        r"của Chi bộ Y tế \(7\)",
    ):
        counted.record_ratings(
            session=session, actor=sec, year_id=y.id, unit_id=cell.id, counts={XS: 5, TOT: 3}
        )
    counted.record_ratings(
        session=session, actor=sec, year_id=y.id, unit_id=cell.id, counts={XS: 2, TOT: 4, HT: 1}
    )
    counted.record_ratings(  # corrected in place; a zero clears the rating
        session=session, actor=sec, year_id=y.id, unit_id=cell.id, counts={XS: 2, TOT: 5, HT: 0}
    )
    assert counted.counted_ratings_for(
        session=session, actor=world["leader"], year_id=y.id, unit_id=cell.id
    ) == {XS: 2, TOT: 5}
    with pytest.raises(PermissionDenied):
        counted.counted_ratings_for(
            session=session, actor=world["stranger"], year_id=y.id, unit_id=cell.id
        )
    # The other cell's committee: the organiser enters a paper count and its ratings there.
    counted.record_count(
        session=session, actor=world["org"], year_id=y.id, unit_id=other.id, month=0, count=0
    )
    rows = {
        r.name: r for r in stats.unit_rates(session=session, actor=world["leader"], year_id=y.id)
    }
    assert rows["Chi bộ Y tế"].ratings == {XS: 2, TOT: 6}  # 5 counted + 1 individual
    assert rows["Đảng bộ Khối"].ratings == {XS: 2, TOT: 6}  # rolled up
    assert rows["Chi bộ Giáo dục"].ratings == {}
    sentence = stats.report_sentence(
        rows["Đảng bộ Khối"], 2026, yearend=True, ratings=[XS, TOT, HT]
    )
    assert sentence.endswith(
        "Qua đánh giá của chi ủy, 8 đồng chí được đánh giá mức làm theo: 2 hoàn thành xuất sắc "
        "(25,0%), 6 hoàn thành tốt (75,0%)."
    )
    assert "có 8/12 cán bộ, đảng viên đăng ký" in sentence
    data = report.rates_xlsx(list(rows.values()), 2026, sentence, [XS, TOT, HT], 12)
    ws = load_workbook(BytesIO(data)).active
    by_name = {str(r[0].value): [c.value for c in r] for r in ws.iter_rows(min_row=2) if r[0].value}
    name = next(n for n in by_name if n.endswith("Chi bộ Y tế"))
    assert by_name[name][-3:] == [2, 6, 0]


def test_demo_counts_the_paper_ratings_within_the_paper_counts(demo_engine):
    from sqlmodel import Session, select

    from models.accounts import Role
    from models.notebook import REGISTRATION_MONTH, CountedRating, CountedRecord, NotebookYear
    from services.accounts.auth import CurrentUser

    with Session(demo_engine) as session:
        year = session.exec(select(NotebookYear).where(NotebookYear.year == 2026)).one()
        paper = dict(
            session.exec(
                select(CountedRecord.unit_id, CountedRecord.count).where(
                    CountedRecord.year_id == year.id, CountedRecord.month == REGISTRATION_MONTH
                )
            ).all()
        )
        rated: dict[int, int] = {}
        for r in session.exec(select(CountedRating).where(CountedRating.year_id == year.id)):
            rated[r.unit_id] = rated.get(r.unit_id, 0) + r.count
        assert rated and all(rated[u] == paper[u] for u in rated)
        admin = CurrentUser(
            id=0,
            username="x",
            full_name="x",
            role=Role.ADMIN,
            unit_id=None,
            must_change_password=False,
        )
        top = next(
            r
            for r in stats.unit_rates(session=session, actor=admin, year_id=year.id)
            if r.name == "Đảng bộ Khối các cơ quan tỉnh"
        )
        assert sum(top.ratings.values()) <= top.headcount
        assert sum(top.ratings.values()) >= sum(rated.values())


def test_the_committee_enters_paper_ratings_on_the_cell_page(demo_engine, run_page):
    from models.accounts import Role

    at = run_page("notebook_cell", Role.MEMBER, username="bithu")
    box = at.number_input(key="nb_cell_paper_rating0")
    box.set_value(10**6)
    next(b for b in at.button if b.label == "Lưu đánh giá sổ giấy").click().run()
    assert any("vượt sĩ số" in e.value or "vượt số đã đăng ký" in e.value for e in at.error)
