"""Trình chiếu phòng truyền thống: a wall-screen slideshow of featured or chosen records, and
for organisers, links that play it on a screen without a login (see services.catalogue.display).

The cycling runs in the browser (our own markup and script, user text set as textContent), so
the server does nothing while it plays. Memory stays flat however long it runs: each picture is
decoded into a bitmap, painted into one of two canvases and released at once, the next slide is
painted into the hidden canvas ahead of time, and the timer stops itself when the show leaves the
page. (Two reused <img> elements were not enough: Chromium kept every decoded picture in its image
cache, about 4 MB each.)
"""

import streamlit as st

from models.catalogue import DisplayLinkCreate
from services.capabilities import Capability, can
from services.catalogue import display as catalogue_display
from services.catalogue import records as catalogue
from services.catalogue import slideshow as catalogue_slideshow
from services.params import parse_bounded, parse_ids
from services.vi import format_datetime
from ui import slideshow
from ui.auth import guard
from ui.catalogue_widgets import md_text
from ui.core import attempt, call
from ui.nav import PAGES

SLIDES_SOURCE = "catalogue_slideshow_source"
SLIDES_CHOSEN = "catalogue_slideshow_chosen"
SLIDES_INTERVAL = "catalogue_slideshow_interval"
SLIDES_LINK_LABEL = "catalogue_slideshow_link_label"
SLIDES_NEW_LINK = "catalogue_slideshow_new_link"  # (label, URL) of the link just made, shown once
SOURCE_FEATURED = "Gương tiêu biểu"
SOURCE_CHOSEN = "Chọn hồ sơ"
DEFAULT_INTERVAL = 10
MIN_INTERVAL, MAX_INTERVAL = 3, 60  # the slider's range; an address may not go beyond it

user = guard("catalogue_slideshow")


def _ids_from_url() -> list[int]:
    return parse_ids(st.query_params.get("ids", ""))


def _interval_from_url() -> int:
    return parse_bounded(
        st.query_params.get("interval"),
        low=MIN_INTERVAL,
        high=MAX_INTERVAL,
        default=DEFAULT_INTERVAL,
    )


st.title(PAGES["catalogue_slideshow"].title)
chosen_ids = _ids_from_url()
if st.query_params.get("ids") and not chosen_ids:
    st.warning(
        "Địa chỉ trang có danh sách hồ sơ không hợp lệ nên đã được bỏ qua; trình chiếu các "
        "gương tiêu biểu."
    )
playing = st.query_params.get("play") == "1" or bool(chosen_ids)

with st.expander("Chọn nội dung trình chiếu", expanded=not playing):
    choices = dict(call(catalogue.record_choices, actor=user))
    source = st.radio(
        "Trình chiếu",
        [SOURCE_FEATURED, SOURCE_CHOSEN],
        horizontal=True,
        key=SLIDES_SOURCE,
        index=1 if chosen_ids else 0,
    )
    picked: list[int] = []
    if source == SOURCE_CHOSEN:
        if SLIDES_CHOSEN not in st.session_state:
            st.session_state[SLIDES_CHOSEN] = [i for i in chosen_ids if i in choices]
        picked = st.multiselect(
            "Hồ sơ",
            list(choices),
            format_func=choices.get,
            key=SLIDES_CHOSEN,
            placeholder="Chọn các mô hình, điển hình để trình chiếu",
        )
    if SLIDES_INTERVAL not in st.session_state:
        st.session_state[SLIDES_INTERVAL] = _interval_from_url()
    interval = st.slider(
        "Thời gian mỗi ảnh (giây)", MIN_INTERVAL, MAX_INTERVAL, key=SLIDES_INTERVAL
    )
    if st.button("Bắt đầu trình chiếu", type="primary", icon=":material/play_arrow:"):
        params = {"play": "1", "interval": str(interval)}
        if source == SOURCE_CHOSEN and picked:
            params["ids"] = ",".join(str(i) for i in picked)
        st.query_params.from_dict(params)
        st.rerun()


def _app_root() -> str:
    """The app's address as the browser sees it, without this page's path."""
    return (st.context.url or "").removesuffix("/catalogue_slideshow").rstrip("/") + "/"


def _screen_links(record_ids: list[int], interval: int) -> None:
    """Organisers make a link per wall screen: it plays this choice without a login."""
    st.caption(
        "Màn hình treo tường chạy nhiều ngày không nên phụ thuộc vào một lượt đăng nhập "
        "(hết hạn sau vài giờ). Tạo một liên kết cho màn hình đó: liên kết chỉ mở trình "
        "chiếu các hồ sơ công khai theo lựa chọn ở trên, không cần đăng nhập, và ngừng "
        "ngay khi bị thu hồi."
    )
    label = st.text_input(
        "Tên màn hình", key=SLIDES_LINK_LABEL, placeholder="Ví dụ: Phòng truyền thống tầng 1"
    )
    if st.button("Tạo liên kết màn hình", icon=":material/tv:"):
        made = attempt(
            catalogue_display.create_link,
            actor=user,
            link_in=DisplayLinkCreate(
                label=label, record_ids=record_ids, interval_seconds=interval
            ),
        )
        if made is not None:
            link, token = made
            st.session_state[SLIDES_NEW_LINK] = (
                link.label,
                f"{_app_root()}?{catalogue_display.QUERY_PARAM}={token}",
            )
            st.rerun()
    if new := st.session_state.pop(SLIDES_NEW_LINK, None):
        st.success(
            f"Đã tạo liên kết cho “{md_text(new[0])}”. Mở địa chỉ dưới đây trên máy tính "
            "nối với màn hình rồi bấm “Toàn màn hình”. Địa chỉ chỉ hiện một lần: hãy sao "
            "chép ngay."
        )
        st.code(new[1], language=None)
    for link in call(catalogue_display.list_links, actor=user):
        what = (
            f"{len(link.record_ids)} hồ sơ chọn sẵn" if link.record_ids else "các gương tiêu biểu"
        )
        seen = format_datetime(link.last_seen_at) if link.last_seen_at else "chưa mở lần nào"
        left, right = st.columns([4, 1], vertical_alignment="center")
        if link.revoked_at:
            left.caption(f"{md_text(link.label)} · đã thu hồi {format_datetime(link.revoked_at)}")
            continue
        left.markdown(
            f"**{md_text(link.label)}** · {what}, {link.interval_seconds} giây/ảnh · "
            f"lần mở gần nhất: {seen}"
        )
        if right.button(
            "Thu hồi", key=f"catalogue_slideshow_revoke_{link.id}", icon=":material/link_off:"
        ):
            attempt(catalogue_display.revoke_link, actor=user, link_id=link.id)
            st.rerun()


if can(user, Capability.EDIT_CATALOGUE):
    with st.expander("Liên kết cho màn hình phòng truyền thống (không cần đăng nhập)"):
        _screen_links(picked if source == SOURCE_CHOSEN else [], interval)

if not playing:
    st.caption(
        "Chọn gương tiêu biểu hoặc các hồ sơ cụ thể, đặt thời gian rồi bấm “Bắt đầu trình "
        "chiếu”. Trên màn hình phòng truyền thống, bấm “Toàn màn hình” trong khung trình "
        "chiếu."
    )
    st.stop()


slideshow.play(
    lambda: call(catalogue_slideshow.slideshow, actor=user, record_ids=chosen_ids or None),
    _interval_from_url(),
)
