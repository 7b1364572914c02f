"""AppTest of the catalogue pages on the demo data: gallery, detail, editor, slideshow."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.accounts import Role
from models.catalogue import CatalogueRecord, RecordStatus
from models.db import session_scope
from services.capabilities import as_role

DEMO_USER = {
    Role.ADMIN: "admin",
    Role.ORGANISER: "tochuc",
    Role.LEADER: "lanhdao",
    Role.MEMBER: "thanhvien",
}


def _record(engine, name: str) -> CatalogueRecord:
    with session_scope(engine) as session:
        return session.exec(select(CatalogueRecord).where(CatalogueRecord.name == name)).one()


def _cards(at) -> list[str]:
    return [m.value for m in at.markdown if 'class="gs-card"' in m.value]


def _page(run_page, key, role, **query):
    at = run_page(key, role, username=DEMO_USER[role], query=query)
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(
    ("query", "expect_in", "expect_out", "count"),
    [
        ({}, None, None, 24),
        ({"q": "hieu hoc"}, "Khu phố hiếu học", "Bưu tá tận tụy", 1),
        ({"q": "buu ta"}, "Bưu tá tận tụy", "Khu phố hiếu học", None),
        ({"kind": "ca_nhan", "featured": "1"}, "Bưu tá Nguyễn Đức Tuấn", "Bưu tá tận tụy", None),
        ({"q": "Bồi dưỡng học sinh giỏi"}, None, None, 0),  # a draft: members never see it
    ],
)
def test_gallery_filters_come_from_the_url(
    demo_engine, run_page, query, expect_in, expect_out, count
):
    at = _page(run_page, "catalogue_gallery", Role.MEMBER, **query)
    cards = _cards(at)
    if count is not None:
        assert len(cards) == count
    if count == 0:
        assert any("Không có mô hình" in i.value for i in at.info)
    joined = "\n".join(cards)
    if expect_in:
        assert expect_in in joined
    if expect_out:
        assert expect_out not in joined
    assert "<script" not in joined


def test_gallery_widgets_write_the_url_and_page(demo_engine, run_page):
    at = _page(run_page, "catalogue_gallery", Role.LEADER)
    assert any("trong 4" in c.value for c in at.caption)  # "… trong 4x mô hình, điển hình"
    pager = at.pagination(key="catalogue_gallery_page")
    assert pager.value == 1 and pager.num_pages == 2
    first_cards = _cards(at)
    pager.select(2).run()
    assert not at.exception, at.exception
    assert at.query_params["page"] == "2"
    assert at.pagination(key="catalogue_gallery_page").value == 2
    assert any(c.value.startswith("Hiển thị 25–") for c in at.caption)
    assert not set(_cards(at)) & set(first_cards)
    at.text_input(key="catalogue_gallery_q").input("dien thoai").run()
    assert at.query_params["q"] == "dien thoai"
    assert "page" not in at.query_params  # a new search starts on page 1
    assert not at.pagination  # one page of results: no pager
    assert "Điện thoại cải cách hành chính" in "\n".join(_cards(at))
    at.text_input(key="catalogue_gallery_q").input("").run()  # the pager comes back, on page 1
    assert not at.exception, at.exception
    assert at.pagination(key="catalogue_gallery_page").value == 1
    assert "page" not in at.query_params


def test_gallery_page_comes_from_a_link_and_a_filter_goes_back_to_page_one(demo_engine, run_page):
    at = _page(run_page, "catalogue_gallery", Role.MEMBER, page="2")
    assert at.pagination(key="catalogue_gallery_page").value == 2
    assert any(c.value.startswith("Hiển thị 25–") for c in at.caption)
    assert at.query_params["page"] == "2"
    at.selectbox(key="catalogue_gallery_sort").set_value("ten").run()  # a new order
    assert not at.exception, at.exception
    assert at.pagination(key="catalogue_gallery_page").value == 1
    assert "page" not in at.query_params and at.query_params["sort"] == "ten"
    assert any(c.value.startswith("Hiển thị 1–24") for c in at.caption)
    at.pagination(key="catalogue_gallery_page").select(2).run()
    at.toggle(key="catalogue_gallery_featured").set_value(True).run()  # a filter
    assert not at.exception, at.exception
    assert "page" not in at.query_params and at.query_params["featured"] == "1"
    assert any(c.value.startswith("Hiển thị 1–") for c in at.caption)


@pytest.mark.parametrize(("asked", "shown"), [("99", 2), ("0", 1), ("-3", 1), ("hai", 1)])
def test_gallery_page_out_of_range_is_clamped(demo_engine, run_page, asked, shown):
    at = _page(run_page, "catalogue_gallery", Role.MEMBER, page=asked)
    assert at.pagination(key="catalogue_gallery_page").value == shown
    assert at.query_params.get("page") == (str(shown) if shown > 1 else None)
    assert _cards(at)


def test_organiser_sees_drafts_with_their_status(demo_engine, run_page):
    at = _page(run_page, "catalogue_gallery", Role.ORGANISER, q="boi duong hoc sinh")
    cards = _cards(at)
    assert len(cards) == 1 and "Nháp" in cards[0]


def test_detail_shows_story_figures_and_replication(demo_engine, run_page):
    record = _record(demo_engine, "Bưu tá tận tụy")
    at = _page(run_page, "catalogue_detail", Role.LEADER, id=str(record.id))
    assert at.title[0].value == "Bưu tá tận tụy"
    text = "\n".join([m.value for m in at.markdown] + [h.proto.body for h in at.get("html")])
    assert "Nguyễn Đức Tuấn" in text and "hơn 100" in text
    assert "/files/" in _viewer(at)
    assert any(s.value == "Nhân rộng" for s in at.subheader)
    assert at.dataframe  # the units that copied the model


def _viewer(at) -> str:
    bodies = [
        h.proto.body
        for h in at.get("html")
        if "gs-viewer" in h.proto.body and "<style>" not in h.proto.body
    ]
    assert len(bodies) == 1
    return bodies[0]


def _record_with_photos(engine, least: int) -> CatalogueRecord:
    from models.catalogue import CataloguePhoto

    with session_scope(engine) as session:
        counts: dict[int, int] = {}
        for record_id in session.exec(select(CataloguePhoto.record_id)):
            counts[record_id] = counts.get(record_id, 0) + 1
        for record in session.exec(
            select(CatalogueRecord).where(CatalogueRecord.status == RecordStatus.PUBLISHED)
        ):
            if counts.get(record.id, 0) >= least:
                return record
    pytest.skip(f"Không có hồ sơ công khai nào có {least} ảnh trở lên.")


def test_detail_thumbnails_are_buttons_that_switch_the_photo(demo_engine, run_page):
    import re

    record = _record_with_photos(demo_engine, 2)
    at = _page(run_page, "catalogue_detail", Role.LEADER, id=str(record.id))
    body = _viewer(at)
    buttons = re.findall(r'<button type="button" class="gs-thumb[^"]*"[^>]*>', body)
    assert len(buttons) >= 2
    assert 'aria-pressed="true"' in buttons[0] and 'aria-pressed="false"' in buttons[1]
    assert all('aria-label="Ảnh ' in b and 'data-large="/files/' in b for b in buttons)
    assert all(re.search(r'data-large="/files/[^"]+_large\.(webp|jpg)"', b) for b in buttons)
    big = re.search(r'<img class="gs-big" src="([^"]+)"', body).group(1)
    assert big == re.search(r'data-large="([^"]+)"', buttons[0]).group(1)  # the first is shown
    assert "base64" not in body  # pictures by URL, never bytes through the websocket
    assert not at.get("button_group")  # the old numbered segmented control is gone


def test_detail_viewer_escapes_captions(demo_engine, run_page):
    from models.catalogue import CataloguePhoto, CataloguePhotoUpdate
    from services.catalogue import photos

    record = _record_with_photos(demo_engine, 2)
    hostile = '"><img src=x onerror=alert(1)></button><script>alert(2)</script>'
    with session_scope(demo_engine) as session:
        photo_id = session.exec(
            select(CataloguePhoto.id)
            .where(CataloguePhoto.record_id == record.id)
            .order_by(CataloguePhoto.position)
        ).first()
        photos.update_photo(
            session=session,
            photo_id=photo_id,
            actor=as_role("admin"),
            photo_in=CataloguePhotoUpdate(caption=hostile),
        )
    at = _page(run_page, "catalogue_detail", Role.LEADER, id=str(record.id))
    body = _viewer(at)
    assert "onerror=alert(1)>" not in body and "<script>alert(2)" not in body
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in body
    assert body.count("<script>") == 1  # only our own viewer script


def test_detail_shows_the_award_timeline_from_commendations(demo_engine, run_page):
    from models.commendations import Award

    with session_scope(demo_engine) as session:
        record_id = session.exec(
            select(Award.catalogue_record_id).where(Award.catalogue_record_id.is_not(None))
        ).first()
    if record_id is None:
        pytest.skip("Dữ liệu mẫu khen thưởng chưa gắn với gương sáng nào.")
    at = _page(run_page, "catalogue_detail", Role.ORGANISER, id=str(record_id))
    assert any(s.value == "Khen thưởng" for s in at.subheader)
    timeline = [m.value for m in at.markdown if "gs-timeline" in m.value]
    assert timeline and "<b>" in timeline[0]
    assert " của " in timeline[0]  # form and issuer, e.g. "Bằng khen của Chủ tịch UBND tỉnh"


@pytest.mark.parametrize(
    ("role", "visible"), [(Role.MEMBER, False), (Role.LEADER, False), (Role.ORGANISER, True)]
)
def test_detail_of_a_draft(demo_engine, run_page, role, visible):
    draft = _record(demo_engine, "Bồi dưỡng học sinh giỏi, phụ đạo học sinh yếu")
    assert draft.status == RecordStatus.DRAFT
    at = _page(run_page, "catalogue_detail", role, id=str(draft.id))
    if visible:
        assert at.title[0].value == draft.name
    else:
        assert any("Không tìm thấy" in w.value for w in at.warning)
        assert draft.name not in "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("raw_id", ["abc", "999999", ""])
def test_detail_with_a_bad_address(demo_engine, run_page, raw_id):
    at = _page(run_page, "catalogue_detail", Role.MEMBER, id=raw_id)
    assert any("Không tìm thấy" in w.value for w in at.warning)


def test_editor_creates_edits_and_publishes_a_record(demo_engine, run_page):
    at = _page(run_page, "catalogue_manage", Role.ORGANISER)
    at.text_input(key="catalogue_manage_new_name").input("Bếp ăn nghĩa tình")
    at.selectbox(key="catalogue_manage_new_unit").set_value(
        _unit_id(demo_engine, "Đảng bộ Tỉnh đoàn")
    )
    at.text_area(key="catalogue_manage_new_summary").input("Nấu cơm miễn phí cho người bệnh.")
    next(b for b in at.button if b.label == "Tạo hồ sơ (nháp)").click().run()
    assert not at.exception, at.exception
    assert any("Đã tạo hồ sơ" in s.value for s in at.success)
    record = _record(demo_engine, "Bếp ăn nghĩa tình")
    assert record.status == RecordStatus.DRAFT
    assert at.query_params["id"] == str(record.id)
    next(b for b in at.button if b.label == "Duyệt và công khai").click().run()
    assert not at.exception, at.exception
    assert _record(demo_engine, "Bếp ăn nghĩa tình").status == RecordStatus.PUBLISHED
    at.text_input(key=f"catalogue_manage_edit_{record.id}_name").input("Bếp ăn nghĩa tình 0 đồng")
    next(b for b in at.button if b.label == "Lưu thay đổi").click().run()
    assert not at.exception, at.exception
    assert _record(demo_engine, "Bếp ăn nghĩa tình 0 đồng").id == record.id
    member = _page(run_page, "catalogue_gallery", Role.MEMBER, q="bep an nghia tinh")
    assert len(_cards(member)) == 1


def _unit_id(engine, name: str) -> int:
    from models.accounts import Unit

    with session_scope(engine) as session:
        return session.exec(select(Unit.id).where(Unit.name == name)).one()


def test_editor_refuses_a_record_without_unit(demo_engine, run_page):
    at = _page(run_page, "catalogue_manage", Role.ORGANISER)
    at.text_input(key="catalogue_manage_new_name").input("Không đơn vị")
    next(b for b in at.button if b.label == "Tạo hồ sơ (nháp)").click().run()
    assert any("đơn vị" in e.value for e in at.error)


def test_slideshow_plays_featured_records_in_the_browser(demo_engine, run_page):
    at = _page(run_page, "catalogue_slideshow", Role.LEADER, play="1", interval="7")
    shows = [h.proto.body for h in at.get("html") if "gs-show" in h.proto.body]
    assert len(shows) == 1
    body = shows[0]
    assert "Bưu tá tận tụy" in body and 'data-interval="7"' in body
    assert "Bồi dưỡng học sinh giỏi" not in body  # a draft never reaches the wall
    assert "/files/" in body


def test_slideshow_of_chosen_records(demo_engine, run_page):
    record = _record(demo_engine, "Thẩm phán Vi Văn Cường")  # not featured
    at = _page(run_page, "catalogue_slideshow", Role.ADMIN, ids=str(record.id))
    body = next(h.proto.body for h in at.get("html") if "gs-show" in h.proto.body)
    assert "Thẩm phán Vi Văn Cường" in body and "Bưu tá tận tụy" not in body


def test_slideshow_escapes_script_breaking_text(demo_engine, run_page):
    from models.catalogue import CatalogueRecordUpdate
    from services.catalogue import records as catalogue

    record = _record(demo_engine, "Bưu tá tận tụy")
    with session_scope(demo_engine) as session:
        catalogue.update_record(
            session=session,
            record_id=record.id,
            actor=as_role("admin"),
            record_in=CatalogueRecordUpdate(name="</script><script>alert(1)</script>"),
        )
    at = _page(run_page, "catalogue_slideshow", Role.LEADER, ids=str(record.id))
    body = next(h.proto.body for h in at.get("html") if "gs-show" in h.proto.body)
    assert "<script>alert(1)" not in body and "\\u003c/script\\u003e" in body


def test_slideshow_script_holds_no_markup(demo_engine, run_page):
    """st.html does not run an inline script in which a tag appears, even in a comment."""
    at = _page(run_page, "catalogue_slideshow", Role.LEADER, play="1")
    body = next(h.proto.body for h in at.get("html") if "gs-show" in h.proto.body)
    script = body.split("<script>", 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in script


def test_detail_lists_each_award_once_and_tells_them_apart(demo_engine, run_page):
    """ "Khu phố hiếu học" has two biểu dương from the same decision, for two collectives: each
    line names its recipient, so no two lines read the same."""
    record = _record(demo_engine, "Khu phố hiếu học")
    at = _page(run_page, "catalogue_detail", Role.LEADER, id=str(record.id))
    timeline = next(m.value for m in at.markdown if "gs-timeline" in m.value)
    lines = timeline.split("<div>")[1:]
    assert len(lines) == 3
    assert len(set(lines)) == len(lines)
    assert "Đảng bộ Sở Giáo dục và Đào tạo" in timeline and "822-QĐ/ĐUK" in timeline
    assert "Biểu dương của Ban Thường vụ Đảng ủy Khối" in timeline
