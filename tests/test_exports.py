"""Every workbook the app makes holds user text as text: names typed as formulas (issue 9) come out
of the real services, on the demo database, as the letters typed, and no cell is a formula."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import select

from models.accounts import Role, UnitCreate
from models.catalogue import CatalogueRecordCreate, RecordKind, RecordStatus
from models.commendations import AwardCreate, AwardForm, AwardIssuer, RecipientType
from models.contests import Contest, QuestionCreate, QuestionType, Registration
from models.db import session_scope
from services import units, xlsx
from services.capabilities import SYSTEM, as_role
from services.catalogue import excel as catalogue_io
from services.catalogue import records as catalogue
from services.commendations import excel as commendations_io
from services.commendations import records as commendations
from services.commendations import stats as commendations_stats
from services.contests import excel as contests_io
from services.contests import exports as contests_exports
from services.contests import questions

HOSTILE = (
    '=HYPERLINK("http://evil.example/x","Xem kết quả")',
    "=1+1",
    "+84 912 345 678",
    "-2+3",
    "@SUM(A1:A2)",
    "#N/A",
    "=cmd|' /C calc'!A0",
)


def _cells(data: bytes):
    book = load_workbook(BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def _assert_safe(data: bytes, expected: set[str]) -> None:
    cells = list(_cells(data))
    formulas = [(c.parent.title, c.coordinate, c.value) for c in cells if c.data_type in "fe"]
    assert formulas == []
    values = {c.value for c in cells}
    assert expected <= values, expected - values
    for cell in cells:
        if cell.value in expected and xlsx.is_risky(cell.value):
            assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate


@pytest.fixture
def hostile(demo_engine):
    """The demo data plus one of everything named with formula-looking text."""
    with session_scope(demo_engine) as session:
        unit = units.create_unit(session=session, actor=SYSTEM, unit_in=UnitCreate(name=HOSTILE[1]))
        contest = session.exec(select(Contest)).first()
        for reg, name in zip(
            session.exec(
                select(Registration)
                .where(Registration.contest_id == contest.id)
                .order_by(Registration.id)
            ).all(),
            HOSTILE,
            strict=False,
        ):
            reg.full_name = name  # as typed in the registration form
            session.add(reg)
        category = questions.create_category(actor=SYSTEM, session=session, name=HOSTILE[4])
        questions.create_question(
            actor=SYSTEM,
            session=session,
            question_in=QuestionCreate(
                category_id=category.id,
                qtype=QuestionType.SINGLE,
                text=HOSTILE[0],
                options=[{"text": HOSTILE[2], "correct": True}, {"text": HOSTILE[3]}],
                explanation=HOSTILE[5],
            ),
        )
        form = session.exec(select(AwardForm).order_by(AwardForm.id)).first()
        issuer = session.exec(select(AwardIssuer).order_by(AwardIssuer.id)).first()
        commendations.create_award(
            actor=SYSTEM,
            session=session,
            award_in=AwardCreate(
                recipient_type=RecipientType.INDIVIDUAL,
                recipient_name=HOSTILE[0],
                unit_id=unit.id,
                form_id=form.id,
                issuer_id=issuer.id,
                year=2026,
                decision_number=HOSTILE[6],
                achievement=HOSTILE[3],
            ),
        )
        catalogue.create_record(
            session=session,
            actor=as_role(Role.ADMIN.value),
            record_in=CatalogueRecordCreate(
                kind=RecordKind.MODEL,
                name=HOSTILE[0],
                unit_id=unit.id,
                field=HOSTILE[4],
                year_from=2020,
                year_to=2021,
                summary=HOSTILE[2],
                status=RecordStatus.PUBLISHED,
            ),
        )
        return contest.id, category.id


def test_every_export_holds_text_never_formulas(demo_engine, hostile):
    contest_id, _category_id = hostile
    with session_scope(demo_engine) as session:
        books = {
            "results": (
                contests_exports.results_workbook(
                    actor=SYSTEM, session=session, contest_id=contest_id
                ),
                set(HOSTILE),
            ),
            "questions": (
                contests_io.export_excel(actor=SYSTEM, session=session),
                {HOSTILE[0], HOSTILE[2], HOSTILE[3], HOSTILE[4], HOSTILE[5]},
            ),
            "awards": (
                commendations_io.export_awards(
                    actor=SYSTEM, session=session, flt=commendations.AwardFilter(kind=None)
                ),
                {HOSTILE[0], HOSTILE[1], HOSTILE[3], HOSTILE[6]},
            ),
            "report": (
                commendations_io.report_xlsx(
                    commendations_stats.report_table(
                        session=session, actor=SYSTEM, year_from=2026, year_to=2026
                    )
                ),
                set(),
            ),
            "awards template": (
                commendations_io.import_template(actor=SYSTEM, session=session),
                {HOSTILE[1]},
            ),
            "catalogue": (
                catalogue_io.export_workbook(session=session, actor=as_role(Role.ADMIN.value)),
                {HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[4]},
            ),
            "catalogue template": (catalogue_io.template_workbook(session=session), {HOSTILE[1]}),
            "questions template": (contests_io.excel_template(), set()),
        }
    for name, (data, expected) in books.items():
        try:
            _assert_safe(data, expected)
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from exc


@pytest.mark.parametrize("value", [*HOSTILE, "\t=1+1", " =1", "=", "a=b", "#REF!"])
def test_the_writer_keeps_any_string_as_text(value, tmp_path):
    for write_only in (False, True):
        book = xlsx.new_workbook(write_only=write_only)
        sheet = xlsx.add_sheet(book, "Thử", ["Giá trị", "Số"])
        xlsx.append_row(sheet, [value, 12.5])
        cell, number = next(load_workbook(BytesIO(xlsx.to_bytes(book)))["Thử"].iter_rows(min_row=2))
        assert (cell.value, cell.data_type) == (value, "s")
        assert (number.value, number.data_type) == (12.5, "n")


def test_reordering_columns_moves_the_drop_downs_with_them():
    """Drop-downs are tied to fields, not positions (issue 11)."""
    spec = [xlsx.Column("Tên", "name"), xlsx.Column("Loại", "kind", choices=("A", "B"))]
    for columns, letter in ((spec, "B"), (spec[::-1], "A")):
        book = xlsx.new_workbook()
        sheet = xlsx.add_sheet(book, "Thử", columns)
        xlsx.add_choices(sheet, columns, rows=10)
        (validation,) = load_workbook(BytesIO(xlsx.to_bytes(book)))[
            "Thử"
        ].data_validations.dataValidation
        assert str(validation.sqref) == f"{letter}2:{letter}11"


def test_illegal_characters_are_dropped_not_a_crash():
    book = xlsx.new_workbook()
    sheet = xlsx.add_sheet(book, "Thử", ["Tên"])
    xlsx.append_row(sheet, ["Nguyễn\x0bVăn\x00A"])
    assert load_workbook(BytesIO(xlsx.to_bytes(book)))["Thử"]["A2"].value == "NguyễnVănA"


def test_plain_openpyxl_would_have_written_a_formula():
    """The guard is needed: openpyxl alone turns "=…" text into a formula."""
    book = Workbook()
    book.active.append(["=1+1"])
    buffer = BytesIO()
    book.save(buffer)
    assert load_workbook(buffer).active["A1"].data_type == "f"


def test_only_the_shared_writer_makes_workbooks():
    """No export can forget the guard: a workbook is created and saved only in services/xlsx.py
    (whose `to_bytes` also turns any stray formula back into text)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    pattern = re.compile(
        r"\bWorkbook\(|^from openpyxl import[^\n]*\bWorkbook\b|openpyxl\.Workbook", re.MULTILINE
    )
    offenders = [
        str(path.relative_to(root))
        for folder in ("services", "pages", "ui", "models")
        for path in (root / folder).rglob("*.py")
        if path.name != "xlsx.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_a_raw_append_is_still_made_safe_on_the_way_out():
    book = xlsx.new_workbook()
    sheet = book.create_sheet("Thử")
    sheet.append(["=1+1", "#N/A", 3])
    cells = next(load_workbook(BytesIO(xlsx.to_bytes(book)))["Thử"].iter_rows())
    assert [(c.value, c.data_type) for c in cells] == [("=1+1", "s"), ("#N/A", "s"), (3, "n")]


def test_the_catalogue_import_finds_its_columns_by_header_in_any_order(session):
    """One reader for the column spec: moving columns (or headers typed without accents or in
    capitals) does not break an import (issue 11)."""
    for name in ("Đảng bộ Bưu điện tỉnh", "Chi bộ Bưu điện thành phố"):
        units.create_unit(session=session, actor=SYSTEM, unit_in=UnitCreate(name=name))
    columns = list(reversed(catalogue_io.COLUMNS))
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh mục"
    sheet.append(
        [header.upper() if i % 2 else header for i, (header, _w, _e) in enumerate(columns)]
    )
    sheet.append([example for _h, _w, example in columns])
    buffer = BytesIO()
    book.save(buffer)
    report = catalogue_io.import_workbook(
        session=session, data=buffer.getvalue(), actor=as_role(Role.ORGANISER.value)
    )
    assert (report.errors, report.created) == ([], 1)
    record = catalogue.records_for_export(session=session, actor=as_role(Role.ADMIN.value))[0]
    assert (record.name, record.unit_name, record.year_from) == (
        "Bưu tá tận tụy",
        "Đảng bộ Bưu điện tỉnh",
        2016,
    )
