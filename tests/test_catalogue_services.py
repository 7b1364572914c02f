"""The catalogue's core: visibility, search and facets in SQL, photos, nhân rộng, Excel, kỷ yếu,
the demo data and the migration."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import Workbook, load_workbook
from PIL import Image
from sqlmodel import select

from models.accounts import Role, Unit, UnitCreate
from models.catalogue import (
    CataloguePhoto,
    CataloguePhotoUpdate,
    CatalogueRecord,
    CatalogueRecordCreate,
    CatalogueRecordUpdate,
    CatalogueReplicationCreate,
    RecordKind,
    RecordStatus,
)
from services import units
from services.capabilities import SYSTEM, as_role
from services.catalogue import excel as catalogue_io
from services.catalogue import gallery, replication
from services.catalogue import records as catalogue
from services.catalogue import yearbook as catalogue_yearbook
from services.catalogue.gallery import GalleryQuery
from services.catalogue.markdown import story_blocks, story_html
from services.catalogue.photos import add_photos, delete_photo, move_photo, update_photo
from services.catalogue.search_index import sort_key_for
from services.database import schema_differences
from services.demo import catalogue as demo
from services.errors import NotFound, PermissionDenied, UserError

ADMIN, ORGANISER, LEADER, MEMBER = (r.value for r in Role)


def _unit(session, name, parent_id=None):
    return units.create_unit(
        session=session, actor=SYSTEM, unit_in=UnitCreate(name=name, parent_id=parent_id)
    )


def _record(session, unit_id, name, **fields):
    values = dict(
        kind=RecordKind.MODEL,
        name=name,
        unit_id=unit_id,
        field="Giáo dục",
        year_from=2019,
        year_to=2019,
        status=RecordStatus.PUBLISHED,
    )
    values.update(fields)
    return catalogue.create_record(
        session=session, actor=as_role(ORGANISER), record_in=CatalogueRecordCreate(**values)
    )


def _jpeg(colour="red", size=(200, 150)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def _names(page) -> list[str]:
    return [card.name for card in page.cards]


@pytest.fixture
def tree(session):
    root = _unit(session, "Đảng bộ Khối")
    post = _unit(session, "Đảng bộ Bưu điện", root.id)
    cell = _unit(session, "Chi bộ Bưu điện huyện", post.id)
    school = _unit(session, "Đảng bộ Sở Giáo dục", root.id)
    return {"root": root.id, "post": post.id, "cell": cell.id, "school": school.id}


@pytest.fixture
def sample(session, tree):
    made = {
        "hieu_hoc": _record(
            session,
            tree["school"],
            "Khu phố hiếu học",
            year_from=2015,
            year_to=2016,
            tags=["Khuyến học"],
            featured=True,
        ),
        "hieu": _record(
            session,
            tree["school"],
            "Hiệu quả học tập chuyên đề",
            year_from=2020,
            year_to=2020,
            tags=["Sinh hoạt"],
        ),
        "buu_ta": _record(
            session,
            tree["cell"],
            "Bưu tá tận tụy",
            field="Bưu chính",
            year_from=2016,
            year_to=2021,
            tags=["Dân vận khéo", "Khuyến học"],
        ),
        "dien_thoai": _record(
            session,
            tree["post"],
            "Điện thoại cải cách hành chính",
            field="Hành chính",
            year_from=2018,
            year_to=2018,
        ),
        "ca_nhan": _record(
            session,
            tree["post"],
            "Bưu tá Nguyễn Đức Tuấn",
            kind=RecordKind.INDIVIDUAL,
            field="Bưu chính",
            year_from=2021,
            year_to=2021,
            featured=True,
        ),
        "nhap": _record(session, tree["school"], "Bản nháp hiếu học", status=RecordStatus.DRAFT),
        "cho": _record(session, tree["school"], "Chờ duyệt hiếu học", status=RecordStatus.PENDING),
    }
    session.flush()
    return made


def search(session, role=MEMBER, **query):
    return gallery.search_gallery(session=session, actor=as_role(role), query=GalleryQuery(**query))


# ------------------------------------------------------------ visibility and rights


@pytest.mark.parametrize(
    ("role", "sees_unpublished"),
    [(ADMIN, True), (ORGANISER, True), (LEADER, False), (MEMBER, False)],
)
def test_drafts_and_pending_are_hidden_from_leaders_and_members(
    session, sample, role, sees_unpublished
):
    names = _names(search(session, role=role, text="hieu hoc", per_page=100))
    assert ("Bản nháp hiếu học" in names) is sees_unpublished
    assert ("Chờ duyệt hiếu học" in names) is sees_unpublished
    if sees_unpublished:
        assert catalogue.get_record(
            session=session, record_id=sample["nhap"].id, actor=as_role(role)
        )
    else:
        with pytest.raises(NotFound):
            catalogue.get_record(session=session, record_id=sample["nhap"].id, actor=as_role(role))


@pytest.mark.parametrize("role", [LEADER, MEMBER])
def test_only_organisers_and_admins_change_anything(session, sample, role):
    record_id = sample["buu_ta"].id
    attempts = [
        lambda: _record_as(session, role),
        lambda: catalogue.update_record(
            session=session,
            record_id=record_id,
            actor=as_role(role),
            record_in=CatalogueRecordUpdate(name="Đổi tên"),
        ),
        lambda: catalogue.set_status(
            session=session, record_id=record_id, actor=as_role(role), status=RecordStatus.ARCHIVED
        ),
        lambda: add_photos(
            session=session,
            record_id=record_id,
            actor=as_role(role),
            uploads=[("a.jpg", _jpeg())],
            media_dir="/tmp/khong-dung",
        ),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()


def _record_as(session, role):
    return catalogue.create_record(
        session=session,
        actor=as_role(role),
        record_in=CatalogueRecordCreate(
            kind=RecordKind.MODEL, name="X", unit_id=None, year_from=2020, year_to=2020
        ),
    )


@pytest.mark.parametrize(
    ("start", "target", "allowed"),
    [
        (RecordStatus.DRAFT, RecordStatus.PENDING, True),
        (RecordStatus.PENDING, RecordStatus.PUBLISHED, True),
        (RecordStatus.PUBLISHED, RecordStatus.ARCHIVED, True),
        (RecordStatus.ARCHIVED, RecordStatus.PUBLISHED, True),
        (RecordStatus.DRAFT, RecordStatus.ARCHIVED, False),
        (RecordStatus.ARCHIVED, RecordStatus.PENDING, False),
    ],
)
def test_status_transitions(session, tree, start, target, allowed):
    record = _record(session, tree["post"], "Mô hình thử", status=start)
    if allowed:
        done = catalogue.set_status(
            session=session, record_id=record.id, status=target, actor=as_role(ORGANISER)
        )
        assert done.status == target
        if target == RecordStatus.PUBLISHED:
            assert done.published_at is not None
    else:
        with pytest.raises(UserError, match="Không thể chuyển"):
            catalogue.set_status(
                session=session, record_id=record.id, status=target, actor=as_role(ORGANISER)
            )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "  "}, "tên"),
        ({"unit_id": None}, "đơn vị"),
        ({"year_from": 2020, "year_to": 2018}, "Năm kết thúc"),
        ({"figures": [{"label": "Số mô hình", "value": ""}]}, "chỉ tiêu và số liệu"),
        ({"tags": [f"Từ {i}" for i in range(20)]}, "tối đa"),
    ],
)
def test_bad_records_are_refused_in_vietnamese(session, tree, fields, message):
    values = {"unit_id": tree["post"], "name": "Mô hình"} | fields
    with pytest.raises(UserError, match=message):
        _record(session, values.pop("unit_id"), **values)


# ------------------------------------------------------------ search, facets, sort, pages


@pytest.mark.parametrize(
    ("text", "first", "expected"),
    [
        ("hieu hoc", "Khu phố hiếu học", {"Khu phố hiếu học", "Hiệu quả học tập chuyên đề"}),
        ("hiếu học", "Khu phố hiếu học", None),
        ("HIỆU QUẢ", "Hiệu quả học tập chuyên đề", None),
        ("dien thoai", "Điện thoại cải cách hành chính", {"Điện thoại cải cách hành chính"}),
        ("đức tuấn", "Bưu tá Nguyễn Đức Tuấn", {"Bưu tá Nguyễn Đức Tuấn"}),
        ("duc tuan", "Bưu tá Nguyễn Đức Tuấn", {"Bưu tá Nguyễn Đức Tuấn"}),
        ("buu ta", None, {"Bưu tá tận tụy", "Bưu tá Nguyễn Đức Tuấn"}),
        ("khuyen hoc", None, {"Khu phố hiếu học", "Bưu tá tận tụy"}),  # tags are searched
        ("100%_", None, set()),  # LIKE wildcards are plain text
    ],
)
def test_search_ignores_diacritics_and_ranks_exact_accents_first(
    session, sample, text, first, expected
):
    names = _names(search(session, text=text, per_page=100))
    if expected is not None:
        assert set(names) == expected
    if first:
        assert names[0] == first


def test_exact_accent_match_outranks_an_unaccented_one(session, tree):
    _record(session, tree["post"], "Hiếu học ở cơ sở", year_from=2021, year_to=2021)
    _record(session, tree["post"], "Hiệu học cụ", year_from=2022, year_to=2022)
    names = _names(search(session, text="hiệu học"))
    assert names[0] == "Hiệu học cụ"
    names = _names(search(session, text="hiếu học"))
    assert names[0] == "Hiếu học ở cơ sở"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": RecordKind.INDIVIDUAL}, {"Bưu tá Nguyễn Đức Tuấn"}),
        ({"field": "Hành chính"}, {"Điện thoại cải cách hành chính"}),
        (
            {"unit": "post"},
            {"Bưu tá tận tụy", "Điện thoại cải cách hành chính", "Bưu tá Nguyễn Đức Tuấn"},
        ),  # includes its sub-unit
        ({"unit": "cell"}, {"Bưu tá tận tụy"}),
        ({"year": 2016}, {"Khu phố hiếu học", "Bưu tá tận tụy"}),  # a year inside a span
        ({"year": 2019}, {"Bưu tá tận tụy"}),
        ({"tag": "khuyen hoc"}, {"Khu phố hiếu học", "Bưu tá tận tụy"}),
        ({"featured_only": True}, {"Khu phố hiếu học", "Bưu tá Nguyễn Đức Tuấn"}),
        ({"unit": "post", "year": 2021, "kind": RecordKind.MODEL}, {"Bưu tá tận tụy"}),
    ],
)
def test_facets_filter_in_the_database(session, sample, tree, query, expected):
    if "unit" in query:
        query["unit_id"] = tree[query.pop("unit")]
    assert set(_names(search(session, per_page=100, **query))) == expected


def test_facet_choices_count_only_what_the_role_sees(session, sample):
    member = gallery.gallery_facets(session=session, actor=as_role(MEMBER))
    editor = gallery.gallery_facets(session=session, actor=as_role(ORGANISER))
    assert dict(member.fields)["Giáo dục"] == 2
    assert dict(editor.fields)["Giáo dục"] == 4
    assert ("khuyen hoc", "Khuyến học", 2) in member.tags
    assert member.years[0] == 2021 and member.years[-1] == 2015
    assert dict(member.kinds) == {"mo_hinh": 4, "ca_nhan": 1}


def test_sorting_newest_puts_featured_first_and_by_name_in_vietnamese_order(session, sample):
    newest = _names(search(session))
    assert newest[:2] == ["Bưu tá Nguyễn Đức Tuấn", "Khu phố hiếu học"]
    by_name = _names(search(session, sort=gallery.SORT_NAME))
    assert by_name == [
        "Bưu tá Nguyễn Đức Tuấn",
        "Bưu tá tận tụy",
        "Điện thoại cải cách hành chính",
        "Hiệu quả học tập chuyên đề",
        "Khu phố hiếu học",
    ]  # đ after d, before e


def test_vietnamese_sort_key_order():
    words = ["an", "anh", "ăn", "ân", "ba", "bà", "bả", "bã", "bá", "bạ", "da", "đa", "e", "ê"]
    assert sorted(words, key=sort_key_for) == words


def test_paging(session, tree):
    for i in range(30):
        _record(session, tree["post"], f"Mô hình số {i:02d}")
    first = search(session, per_page=24)
    second = search(session, per_page=24, page=2)
    beyond = search(session, per_page=24, page=99)
    assert (first.total, first.pages, len(first.cards), len(second.cards)) == (30, 2, 24, 6)
    assert not set(_names(first)) & set(_names(second))
    assert beyond.page == 2
    assert not first.more


def test_counting_stops_at_the_cap(session, tree, monkeypatch):
    monkeypatch.setattr(gallery, "COUNT_CAP", 5)
    for i in range(8):
        _record(session, tree["post"], f"Mô hình số {i}")
    found = search(session, per_page=2)
    assert (found.total, found.more, found.pages) == (5, True, 3)


# ------------------------------------------------------------ photos and nhân rộng


def test_photos_cover_order_and_delete(session, tree, settings):
    record = _record(session, tree["post"], "Mô hình có ảnh")
    result = add_photos(
        session=session,
        record_id=record.id,
        actor=as_role(ORGANISER),
        media_dir=settings.media_dir,
        uploads=[("a.jpg", _jpeg("red")), ("b.txt", b"khong phai anh"), ("c.jpg", _jpeg("blue"))],
        captions=["Ảnh đỏ", "", "Ảnh xanh"],
    )
    assert len(result.added) == 2 and len(result.rejected) == 1 and "b.txt" in result.rejected[0]
    full = catalogue.get_record(session=session, record_id=record.id, actor=as_role(MEMBER))
    assert [p.caption for p in full.photos] == ["Ảnh đỏ", "Ảnh xanh"]
    assert full.cover.caption == "Ảnh đỏ" and full.photos[0].is_cover
    assert full.cover.card_url.startswith("/files/")
    second = full.photos[1]
    update_photo(
        session=session,
        photo_id=second.id,
        actor=as_role(ORGANISER),
        photo_in=CataloguePhotoUpdate(is_cover=True, caption="Bìa mới"),
    )
    move_photo(session=session, photo_id=second.id, step=-1, actor=as_role(ORGANISER))
    full = catalogue.get_record(session=session, record_id=record.id, actor=as_role(MEMBER))
    assert [p.caption for p in full.photos] == ["Bìa mới", "Ảnh đỏ"]
    assert [p.is_cover for p in full.photos] == [True, False]
    card = search(session, text="mo hinh co anh").cards[0]
    assert card.cover_card_url == full.photos[0].card_url
    delete_photo(session=session, photo_id=second.id, actor=as_role(ORGANISER))
    full = catalogue.get_record(session=session, record_id=record.id, actor=as_role(MEMBER))
    assert len(full.photos) == 1 and full.photos[0].is_cover and full.photos[0].position == 0


def test_replication_only_for_models_and_not_before_the_model(session, tree, sample):
    done = replication.add_replication(
        session=session,
        record_id=sample["buu_ta"].id,
        actor=as_role(ORGANISER),
        replication_in=CatalogueReplicationCreate(unit_id=tree["school"], year=2018),
    )
    assert done.unit_name == "Đảng bộ Sở Giáo dục"
    with pytest.raises(UserError, match="trước năm"):
        replication.add_replication(
            session=session,
            record_id=sample["buu_ta"].id,
            actor=as_role(ORGANISER),
            replication_in=CatalogueReplicationCreate(unit_id=tree["root"], year=2010),
        )
    with pytest.raises(UserError, match="Chỉ mô hình"):
        replication.add_replication(
            session=session,
            record_id=sample["ca_nhan"].id,
            actor=as_role(ORGANISER),
            replication_in=CatalogueReplicationCreate(unit_id=tree["root"], year=2021),
        )


def test_editing_updates_search_and_tags(session, sample):
    catalogue.update_record(
        session=session,
        record_id=sample["dien_thoai"].id,
        actor=as_role(ORGANISER),
        record_in=CatalogueRecordUpdate(name="Đường dây nóng một cửa", tags=["Một cửa"]),
    )
    assert _names(search(session, text="duong day nong")) == ["Đường dây nóng một cửa"]
    assert _names(search(session, tag="mot cua")) == ["Đường dây nóng một cửa"]
    assert search(session, text="dien thoai").total == 0


# ------------------------------------------------------------ safety of the story

REMOTE = "theo-doi.example"


@pytest.mark.parametrize(
    ("story", "absent", "present"),
    [
        ("<script>alert(1)</script>Chữ", "<script", "Chữ"),
        ('<img src=x onerror="alert(1)">', "<img", ""),
        (f"![ảnh](http://{REMOTE}/anh.png)", "<img", "ảnh"),
        (f"![ảnh][r]\n\n[r]: http://{REMOTE}/anh.png", "<img", "ảnh"),  # reference style
        (f"![ảnh][]\n\n[ảnh]: <http://{REMOTE}/anh.png> 'tựa'", "<img", "ảnh"),  # collapsed
        (f"![ảnh]\n\n[ảnh]: //{REMOTE}/anh.png", "<img", "ảnh"),  # shortcut, no scheme
        (f"[![ảnh](http://{REMOTE}/a.png)](https://example.org)", "<img", "https://example.org"),
        (f'<img src="http://{REMOTE}/a.png">', "<img", ""),  # raw HTML is shown as text
        (f"<p><img src='http://{REMOTE}/a.png'></p>\n\nchữ", "<img", "chữ"),  # an HTML block
        (f'<svg><image href="http://{REMOTE}/a.png"/></svg>', "<svg", ""),
        (f"![ảnh](HTTP://{REMOTE.upper()}/anh.png)", "<img", "ảnh"),
        ("![ảnh](data:image/png;base64,AAAA)", "<img", "ảnh"),
        ("![ảnh](/files/../secret_key)", "<img", "ảnh"),
        ("![ảnh](/files//theo-doi.example/a.png)", "<img", "ảnh"),
        ("[bấm](javascript:alert(1))", 'href="javascript', "bấm"),
        ("[bấm](JaVaScRiPt:alert(1))", 'href="javascript', "bấm"),
        ("[bấm][r]\n\n[r]: vbscript:msgbox", 'href="vbscript', "bấm"),
        ("<javascript:alert(1)>", 'href="javascript', ""),
        ('[bấm](https://example.org "t" onclick="x")', "<a ", "bấm"),
        ("[trang](https://example.org)", "", 'href="https://example.org"'),
        ("<https://example.org>", "", 'href="https://example.org"'),
        ("**đậm** và *nghiêng*", "", "<strong>đậm</strong> và <em>nghiêng</em>"),
        ("## Kết quả\n\n- một\n- hai", "", "<h2>Kết quả</h2>"),
        ("1. một\n2. hai", "", "<ol>"),
        ("![Lễ trao](/files/ab12cd-640.webp)", "", '<img src="/files/ab12cd-640.webp"'),
        ("![Lễ trao][r]\n\n[r]: /files/ab12cd-640.webp", "", 'src="/files/ab12cd-640.webp"'),
    ],
)
def test_story_markdown_is_made_safe(story, absent, present):
    safe = story_html(story)
    if absent:
        assert absent not in safe.lower()
    # whatever the form, every picture left is one of ours (text that merely reads "<img" is
    # escaped: "&lt;img")
    assert all(src.startswith("/files/") for src in re.findall(r'<img\b[^>]*\bsrc="([^"]*)"', safe))
    assert present in safe


# ------------------------------------------------------------ Excel


def _sheet(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh mục"
    sheet.append(list(catalogue_io.HEADERS))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row(**changes):
    row = dict(zip(catalogue_io.HEADERS, [c[2] for c in catalogue_io.COLUMNS], strict=True))
    row["Đơn vị"] = "Đảng bộ Bưu điện"
    row["Nhân rộng (mỗi dòng “đơn vị: năm”)"] = "Chi bộ Bưu điện huyện: 2018"
    row.update(changes)
    return [row[h] for h in catalogue_io.HEADERS]


def test_template_has_vietnamese_headers_and_imports_cleanly(session, tree):
    template = catalogue_io.template_workbook(session=session)
    book = load_workbook(io.BytesIO(template))
    assert [c.value for c in book["Danh mục"][1]] == list(catalogue_io.HEADERS)
    assert "Đảng bộ Bưu điện" in [c.value for c in book["Đơn vị"]["A"]]
    data = _sheet(
        [
            _row(),
            _row(
                **{
                    "Tên mô hình, điển hình": "Mô hình hai",
                    "Loại": "điển hình tập thể",
                    "Trạng thái": "Công khai",
                    "Nhân rộng (mỗi dòng “đơn vị: năm”)": "",
                }
            ),
        ]
    )
    report = catalogue_io.import_workbook(session=session, data=data, actor=as_role(ORGANISER))
    assert (report.created, report.errors) == (2, [])
    records = session.exec(select(CatalogueRecord).order_by(CatalogueRecord.id)).all()
    assert records[0].figures == [{"label": "Mô hình đang duy trì", "value": "hơn 100"}]
    assert records[0].tags == ["Dân vận khéo", "Phục vụ nhân dân"] and records[0].featured
    assert records[1].kind == RecordKind.COLLECTIVE and records[1].status == "cong_khai"
    full = catalogue.get_record(session=session, record_id=records[0].id, actor=as_role(ORGANISER))
    assert [(r.unit_name, r.year) for r in full.replications] == [("Chi bộ Bưu điện huyện", 2018)]


def test_import_is_all_or_nothing_with_row_numbers(session, tree):
    data = _sheet(
        [
            _row(),
            _row(**{"Loại": "Kiểu lạ", "Tên mô hình, điển hình": "Hai"}),
            _row(**{"Tên mô hình, điển hình": "Ba", "Đơn vị": "Đơn vị không có"}),
            _row(**{"Tên mô hình, điển hình": "Bốn", "Năm bắt đầu": "năm ngoái"}),
            _row(**{"Tên mô hình, điển hình": "Năm", "Năm bắt đầu": 2020, "Năm kết thúc": 2019}),
            _row(),  # the same as row 2
            _row(**{"Tên mô hình, điển hình": "Bảy", "Tiêu biểu (có/không)": "có lẽ"}),
        ]
    )
    report = catalogue_io.import_workbook(session=session, data=data, actor=as_role(ORGANISER))
    assert report.created == 0
    joined = "\n".join(report.errors)
    for expected in (
        "Dòng 3: loại “Kiểu lạ”",
        "Dòng 4: không có đơn vị “Đơn vị không có”",
        "Dòng 5: năm bắt đầu “năm ngoái”",
        "Dòng 6: năm kết thúc trước",
        "Dòng 7: trùng với dòng 2",
        "Dòng 8: cột tiêu biểu",
    ):
        assert expected in joined
    assert session.exec(select(CatalogueRecord)).first() is None


@pytest.mark.parametrize(
    ("payload", "message"),
    [(b"khong phai excel", "Không đọc được tệp"), (None, "tiêu đề")],
)
def test_import_refuses_unusable_files(session, tree, payload, message):
    if payload is None:
        book = Workbook()
        book.active.append(["Cột lạ"])
        buffer = io.BytesIO()
        book.save(buffer)
        payload = buffer.getvalue()
    with pytest.raises(UserError, match=message):
        catalogue_io.import_workbook(session=session, data=payload, actor=as_role(ORGANISER))


def test_export_keeps_text_as_text(session, tree):
    _record(session, tree["post"], '=HYPERLINK("http://x")', summary="=1+1")
    book = load_workbook(
        io.BytesIO(catalogue_io.export_workbook(session=session, actor=as_role(ADMIN)))
    )
    row = [c for c in book.active[2]]
    assert row[2].value == '=HYPERLINK("http://x")' and row[2].data_type == "s"
    assert [c.value for c in book.active[1]][:3] == ["Mã", "Loại", "Tên mô hình, điển hình"]


# ------------------------------------------------------------ kỷ yếu


def test_yearbook_pdf_and_docx(session, tree, settings):
    record = _record(
        session,
        tree["post"],
        "Bưu tá tận tụy",
        featured=True,
        story="## Cách làm\n\n- Đưa thư tận nhà\n\n**Kết quả** tốt.",
        figures=[{"label": "Mô hình", "value": "hơn 100"}],
    )
    add_photos(
        session=session,
        record_id=record.id,
        actor=as_role(ORGANISER),
        media_dir=settings.media_dir,
        uploads=[("a.jpg", _jpeg())],
        captions=["Bưu tá đưa thư"],
    )
    _record(session, tree["post"], "Không tiêu biểu")
    steps = []
    pdf = catalogue_yearbook.build_pdf(
        session=session,
        actor=as_role(LEADER),
        media_dir=settings.media_dir,
        featured_only=True,
        progress=lambda *a: steps.append(a),
    )
    assert pdf.startswith(b"%PDF") and b"DejaVu" in pdf
    assert steps[-1][0] == steps[-1][1] == 1
    # cover, contents, the one record: no blank page between the contents and the record
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 3
    docx = catalogue_yearbook.build_docx(
        session=session, actor=as_role(LEADER), media_dir=settings.media_dir, featured_only=True
    )
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert "Bưu tá tận tụy" in text and "Không tiêu biểu" not in text and "Đưa thư tận nhà" in text
    with pytest.raises(UserError, match="Không có hồ sơ"):
        catalogue_yearbook.build_pdf(
            session=session,
            actor=as_role(LEADER),
            media_dir=settings.media_dir,
            year_from=1990,
            year_to=1991,
        )


# ------------------------------------------------------------ demo data and migration


def test_demo_catalogue_is_rich_and_idempotent(demo_engine, settings):
    from models.db import session_scope

    with session_scope(demo_engine) as session:
        records = session.exec(select(CatalogueRecord)).all()
        assert len(records) >= 40
        assert {r.kind for r in records} == {k.value for k in RecordKind}
        assert len({r.unit_id for r in records}) >= 12
        assert len({r.field for r in records}) >= 8
        assert len({r.year_to for r in records}) >= 8
        assert sum(r.featured for r in records) >= 8
        names = {r.name for r in records}
        for name in (
            "Bưu tá tận tụy",
            "Khu phố hiếu học",
            "Điện thoại cải cách hành chính",
            "Xã điểm trong thi hành án dân sự",
            "Bưu điện văn hóa xã đa dịch vụ",
            "Cựu chiến binh tự quản những con đường xanh - sạch - đẹp",
        ):
            assert name in names
        photos = session.exec(select(CataloguePhoto)).all()
        per_record = {}
        for photo in photos:
            per_record[photo.record_id] = per_record.get(photo.record_id, 0) + 1
            assert (settings.media_dir / photo.card_path).is_file()
        assert set(per_record) == {r.id for r in records}
        assert all(1 <= n <= 4 for n in per_record.values())
        demo.seed(session=session, settings=settings)
        assert len(session.exec(select(CatalogueRecord)).all()) == len(records)
        unit = session.exec(select(Unit).where(Unit.name == demo.BUU_DIEN)).one()
        found = gallery.search_gallery(
            session=session,
            actor=as_role(MEMBER),
            query=GalleryQuery(unit_id=unit.id, per_page=100),
        )
        assert found.total >= 5  # the post office and its cells


def test_migration_matches_the_catalogue_models(engine):
    problems = [d for d in schema_differences(engine) if "catalogue" in str(d)]
    assert problems == []


@pytest.mark.parametrize(
    ("markdown", "blocks"),
    [
        (
            "## Cách làm\n- Một\n* Hai\n1. Ba",
            [("heading", "Cách làm"), ("bullet", "Một"), ("bullet", "Hai"), ("bullet", "Ba")],
        ),
        (
            "Dòng một\ndòng hai\n\nĐoạn **mới**",
            [("text", "Dòng một dòng hai"), ("text", "Đoạn mới")],
        ),
        ("*Nghiêng* ở đầu dòng", [("text", "Nghiêng ở đầu dòng")]),
        (
            "<b>đậm</b> [trang](https://x.vn) ![ảnh](https://x.vn/a.png)",
            [("text", "đậm trang ảnh")],
        ),
        ("", []),
    ],
)
def test_story_blocks_for_the_yearbook(markdown, blocks):
    assert story_blocks(markdown) == blocks


def test_an_export_imports_elsewhere_and_never_twice(session, tree, sqlite_template, tmp_path):
    """An export (with its "Mã" column) loads into another installation; loading a file whose
    records are already there is refused row by row, and nothing is created."""
    from models.db import make_engine, session_scope
    from tests.fixtures import fresh_sqlite

    data = _sheet([_row(), _row(**{"Tên mô hình, điển hình": "Mô hình hai"})])
    assert (
        catalogue_io.import_workbook(session=session, data=data, actor=as_role(ORGANISER)).created
        == 2
    )
    session.commit()
    exported = catalogue_io.export_workbook(session=session, actor=as_role(ADMIN))

    again = catalogue_io.import_workbook(session=session, data=exported, actor=as_role(ORGANISER))
    assert again.created == 0 and len(again.errors) == 2
    assert again.errors[0].startswith("Dòng 2: danh mục đã có hồ sơ “")
    assert again.errors[1].startswith("Dòng 3: danh mục đã có hồ sơ “")
    assert "(mã " in again.errors[0]
    assert len(session.exec(select(CatalogueRecord)).all()) == 2

    other_dir = tmp_path / "khac"
    other_dir.mkdir()
    other = make_engine(fresh_sqlite(sqlite_template, other_dir))
    try:
        with session_scope(other) as elsewhere:
            tree_elsewhere = {"root": _unit(elsewhere, "Đảng bộ Khối").id}
            post = _unit(elsewhere, "Đảng bộ Bưu điện", tree_elsewhere["root"])
            _unit(elsewhere, "Chi bộ Bưu điện huyện", post.id)
            moved = catalogue_io.import_workbook(
                session=elsewhere, data=exported, actor=as_role(ORGANISER)
            )
            assert (moved.created, moved.errors) == (2, [])
            names = sorted(r.name for r in elsewhere.exec(select(CatalogueRecord)).all())
    finally:
        other.dispose()
    assert names == sorted(r.name for r in session.exec(select(CatalogueRecord)).all())
