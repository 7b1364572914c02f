"""Screen links: the tradition-room slideshow without a login, until an organiser revokes it."""

from __future__ import annotations

import html
import re
from contextlib import closing

import pytest
from sqlmodel import select

from models.accounts import Role
from models.catalogue import CatalogueRecord, DisplayLink, DisplayLinkCreate, RecordStatus
from models.db import session_scope
from services.capabilities import as_role
from services.catalogue import display as catalogue_display
from services.errors import PermissionDenied, UserError
from tests.browser import login, open_page, screenshot

ROUTER = "streamlit_app.py"


def _make(engine, **fields) -> tuple[int, str]:
    with session_scope(engine) as session:
        link, token = catalogue_display.create_link(
            session=session,
            actor=as_role(Role.ORGANISER),
            link_in=DisplayLinkCreate(**{"label": "Phòng truyền thống tầng 1", **fields}),
        )
        return link.id, token


def test_a_link_keeps_only_its_hash_resolves_and_stops_when_revoked(demo_engine):
    link_id, token = _make(demo_engine, interval_seconds=15)
    with session_scope(demo_engine) as session:
        stored = session.get(DisplayLink, link_id)
        assert token not in stored.token_hash and len(stored.token_hash) == 64
        link = catalogue_display.resolve_link(session=session, token=token)
        assert link.interval_seconds == 15 and link.last_seen_at is not None
        slides = catalogue_display.slides_for(session=session, link=link)
        featured = session.exec(
            select(CatalogueRecord).where(
                CatalogueRecord.featured.is_(True), CatalogueRecord.status == RecordStatus.PUBLISHED
            )
        ).all()
        assert {s.record_id for s in slides} == {r.id for r in featured}
    with session_scope(demo_engine) as session:
        catalogue_display.revoke_link(
            session=session, actor=as_role(Role.ORGANISER), link_id=link_id
        )
    with session_scope(demo_engine) as session:
        assert catalogue_display.resolve_link(session=session, token=token) is None
        assert catalogue_display.list_links(session=session, actor=as_role(Role.ADMIN))[
            0
        ].revoked_at


def test_a_link_of_chosen_records_never_shows_a_draft(demo_engine):
    with session_scope(demo_engine) as session:
        draft = session.exec(
            select(CatalogueRecord).where(CatalogueRecord.status != RecordStatus.PUBLISHED)
        ).first()
        public = session.exec(
            select(CatalogueRecord).where(CatalogueRecord.status == RecordStatus.PUBLISHED)
        ).first()
        ids = [draft.id, public.id]
    _link_id, token = _make(demo_engine, record_ids=ids)
    with session_scope(demo_engine) as session:
        link = catalogue_display.resolve_link(session=session, token=token)
        assert [s.record_id for s in catalogue_display.slides_for(session=session, link=link)] == [
            public.id
        ]


@pytest.mark.parametrize(
    ("role", "label", "error"),
    [
        (Role.LEADER, "Màn hình", PermissionDenied),
        (Role.MEMBER, "Màn hình", PermissionDenied),
        (Role.ORGANISER, "   ", UserError),
    ],
)
def test_only_organisers_make_links_and_a_link_has_a_name(demo_engine, role, label, error):
    with session_scope(demo_engine) as session, pytest.raises(error):
        catalogue_display.create_link(
            session=session, actor=as_role(role), link_in=DisplayLinkCreate(label=label)
        )


@pytest.mark.parametrize("token", ["", "sai", "x" * 500])
def test_unknown_tokens_resolve_to_nothing(demo_engine, token):
    with session_scope(demo_engine) as session:
        assert catalogue_display.resolve_link(session=session, token=token) is None


def test_the_router_plays_a_link_without_login_and_refuses_a_wrong_one(demo_engine, app_env):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJECT_ROOT

    _link_id, token = _make(demo_engine)
    at = AppTest.from_file(str(PROJECT_ROOT / ROUTER), default_timeout=60)
    at.query_params[catalogue_display.QUERY_PARAM] = token
    at.run()
    assert not at.exception, at.exception
    shows = [h.proto.body for h in at.get("html") if 'class="gs-show"' in h.proto.body]
    assert len(shows) == 1 and "Bưu tá tận tụy" in shows[0]
    assert not [b for b in at.button if b.label == "Đăng nhập"]  # no login form, no menu

    wrong = AppTest.from_file(str(PROJECT_ROOT / ROUTER), default_timeout=60)
    wrong.query_params[catalogue_display.QUERY_PARAM] = "khong-dung"
    wrong.run()
    assert not wrong.exception, wrong.exception
    assert not [h for h in wrong.get("html") if 'class="gs-show"' in h.proto.body]
    assert any("không còn hiệu lực" in e.value for e in wrong.error)


@pytest.mark.parametrize(
    ("role", "sees"), [(Role.ORGANISER, True), (Role.ADMIN, True), (Role.LEADER, False)]
)
def test_only_organisers_see_the_screen_links(demo_engine, run_page, role, sees):
    at = run_page("catalogue_slideshow", role)
    assert not at.exception, at.exception
    assert any("Liên kết cho màn hình" in e.label for e in at.expander) == sees


@pytest.mark.browser
def test_an_organiser_links_a_screen_that_plays_without_login_until_revoked(chromium, tmp_path):
    from tests import browser

    organiser = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    screen = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    with (
        browser.running_app(tmp_path, {"SLIDESHOW_REFRESH_SECONDS": "5"}) as base_url,
        closing(organiser),
        closing(screen),
    ):
        page = organiser.new_page()
        page.set_default_timeout(60_000)
        login(page, base_url, "tochuc")
        open_page(page, base_url, "catalogue_slideshow", "Trình chiếu phòng")
        page.get_by_text("Liên kết cho màn hình phòng truyền thống").click()
        page.get_by_label("Tên màn hình").fill("Phòng truyền thống tầng 1")
        page.get_by_role("button", name="Tạo liên kết màn hình").click()
        page.get_by_text("Đã tạo liên kết cho “Phòng truyền thống tầng 1”").wait_for()
        address = page.locator("code").filter(has_text="man_hinh=").inner_text().strip()
        assert address.startswith(base_url + "/?man_hinh=")
        screenshot(page, "catalogue_screen_link_made")

        wall = screen.new_page()  # another browser: no cookie, no login
        wall.set_default_timeout(60_000)
        wall.goto(address)
        wall.locator(".gs-show .gs-name").wait_for()
        wall.wait_for_function(
            "(document.querySelector('.gs-show .gs-count')?.textContent ?? '').startsWith('2 /')",
            timeout=15_000,
        )
        assert wall.get_by_role("button", name="Đăng nhập").count() == 0
        wall.wait_for_timeout(1500)  # let the picture fade in
        screenshot(wall, "catalogue_screen_link_wall")

        page.reload()
        page.get_by_text("Liên kết cho màn hình phòng truyền thống").click()
        page.get_by_role("button", name="Thu hồi").click()
        page.get_by_text("đã thu hồi").wait_for()
        wall.get_by_text("không còn hiệu lực").wait_for(timeout=20_000)
        assert wall.locator(".gs-show").count() == 0


@pytest.mark.parametrize(
    "label",
    ["**đậm** [liên kết](http://x.vn)", "<b>thẻ</b> & #tiêu đề", "Phòng truyền thống tầng 1"],
)
def test_link_names_show_as_typed(demo_engine, run_page, label):
    _make(demo_engine, label=label)
    at = run_page("catalogue_slideshow", Role.ORGANISER)
    row = next(m.value for m in at.markdown if "lần mở gần nhất" in m.value)
    name = row.split("**", 2)[1]
    assert not set("*[]()<>#&") & set(re.sub(r"&#\d+;", "", name))  # every mark escaped
    assert html.unescape(name) == label
