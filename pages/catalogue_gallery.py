"""Thư viện gương sáng: cards of mô hình and điển hình, with facets, accent-free search and paging.

Every filter lives in the URL (st.query_params), so a link shows the same selection; the pager
is Streamlit's st.pagination, keyed on the page state below.

The URL is synced by hand, not with Streamlit 1.67's `bind="query-params"`, because, as tried in
Chromium: bound selectboxes and the toggle read and write their labels (`kind=Mô hình (12)`,
`featured=true`) and drop today's links (`kind=mo_hinh`, `featured=1`), a bound pager turns
`page=99` into page 1, not the last page, and the two that would keep their links (q, year) would
need the bare session keys "q" and "year" (bind names the parameter after the key), are absent
from st.session_state until their widget runs (the filter count in the expander title is
computed before), and `st.query_params.from_dict` below silently drops a bound parameter from
the URL (and raises when given one).
"""

import streamlit as st

from models.accounts import Role
from models.catalogue import KIND_LABELS, STATUS_LABELS
from services import units
from services.capabilities import Capability, as_role, can
from services.catalogue import gallery
from services.catalogue.gallery import SORT_LABELS, SORT_NEWEST, GalleryQuery
from services.vi import format_int
from ui.auth import guard
from ui.catalogue_widgets import apply_css, card_html
from ui.core import call
from ui.nav import PAGES, allowed

GALLERY_Q = "catalogue_gallery_q"
GALLERY_KIND = "catalogue_gallery_kind"
GALLERY_FIELD = "catalogue_gallery_field"
GALLERY_UNIT = "catalogue_gallery_unit"
GALLERY_YEAR = "catalogue_gallery_year"
GALLERY_TAG = "catalogue_gallery_tag"
GALLERY_FEATURED = "catalogue_gallery_featured"
GALLERY_STATUS = "catalogue_gallery_status"
GALLERY_SORT = "catalogue_gallery_sort"
GALLERY_PAGE = "catalogue_gallery_page"
GALLERY_SYNCED = "catalogue_gallery_synced"  # the URL we last wrote, to notice a pasted link
GALLERY_LAST_URL = "catalogue_gallery_last_query"  # for the detail page's "back" link

# URL parameter -> session key
PARAMS = {
    "q": GALLERY_Q,
    "kind": GALLERY_KIND,
    "field": GALLERY_FIELD,
    "unit": GALLERY_UNIT,
    "year": GALLERY_YEAR,
    "tag": GALLERY_TAG,
    "featured": GALLERY_FEATURED,
    "status": GALLERY_STATUS,
    "sort": GALLERY_SORT,
    "page": GALLERY_PAGE,
}
COLUMNS = 4
GALLERY_FOLD = "gs_fold_catalogue_gallery_filters"

user = guard("catalogue_gallery")
editor = can(user, Capability.EDIT_CATALOGUE)
apply_css()


@st.cache_data(
    ttl=300, show_spinner=False
)  # the choices, not the results: a few minutes old is fine
def _facets(role_is_editor: bool) -> gallery.Facets:
    return call(
        gallery.gallery_facets, actor=as_role(Role.ADMIN if role_is_editor else Role.MEMBER)
    )


@st.cache_data(ttl=300, show_spinner=False)
def _units() -> list:
    return call(units.list_units)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _load_from_url() -> None:
    """Put the URL's filters into the widgets (first visit, or a link pasted or shared)."""
    params = st.query_params.to_dict()
    if params == st.session_state.get(GALLERY_SYNCED) and GALLERY_SORT in st.session_state:
        return
    st.session_state[GALLERY_Q] = params.get("q", "")[:200]
    st.session_state[GALLERY_KIND] = (
        params.get("kind") if params.get("kind") in KIND_LABELS else None
    )
    st.session_state[GALLERY_FIELD] = params.get("field") or None
    st.session_state[GALLERY_UNIT] = _int(params.get("unit"))
    st.session_state[GALLERY_YEAR] = _int(params.get("year"))
    st.session_state[GALLERY_TAG] = params.get("tag") or None
    st.session_state[GALLERY_FEATURED] = params.get("featured") == "1"
    status = params.get("status")
    st.session_state[GALLERY_STATUS] = status if editor and status in STATUS_LABELS else None
    st.session_state[GALLERY_SORT] = (
        params.get("sort") if params.get("sort") in SORT_LABELS else SORT_NEWEST
    )
    st.session_state[GALLERY_PAGE] = max(1, _int(params.get("page")) or 1)


def _to_first_page() -> None:
    st.session_state[GALLERY_PAGE] = 1


def _write_url() -> dict:
    values = {
        "q": st.session_state[GALLERY_Q].strip(),
        "kind": st.session_state[GALLERY_KIND],
        "field": st.session_state[GALLERY_FIELD],
        "unit": st.session_state[GALLERY_UNIT],
        "year": st.session_state[GALLERY_YEAR],
        "tag": st.session_state[GALLERY_TAG],
        "featured": "1" if st.session_state[GALLERY_FEATURED] else None,
        "status": st.session_state[GALLERY_STATUS],
        "sort": st.session_state[GALLERY_SORT]
        if st.session_state[GALLERY_SORT] != SORT_NEWEST
        else None,
        "page": st.session_state[GALLERY_PAGE] if st.session_state[GALLERY_PAGE] > 1 else None,
    }
    params = {k: str(v) for k, v in values.items() if v not in (None, "", False)}
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    st.session_state[GALLERY_SYNCED] = params
    st.session_state[GALLERY_LAST_URL] = params
    return params


def _clear() -> None:
    for key in (
        GALLERY_KIND,
        GALLERY_FIELD,
        GALLERY_UNIT,
        GALLERY_YEAR,
        GALLERY_TAG,
        GALLERY_STATUS,
    ):
        st.session_state[key] = None
    st.session_state[GALLERY_Q] = ""
    st.session_state[GALLERY_FEATURED] = False
    st.session_state[GALLERY_PAGE] = 1


_load_from_url()
facets = _facets(editor)
unit_list = _units()
unit_labels = units.tree_labels(unit_list)
field_counts = dict(facets.fields)
tag_labels = {key: f"{label} ({format_int(n)})" for key, label, n in facets.tags}
kind_counts = dict(facets.kinds)

# A stale value from an old link (a field or tag that no longer exists) must not break a widget.
if st.session_state[GALLERY_FIELD] not in field_counts:
    st.session_state[GALLERY_FIELD] = None
if st.session_state[GALLERY_TAG] not in tag_labels:
    st.session_state[GALLERY_TAG] = None
if st.session_state[GALLERY_UNIT] not in unit_labels:
    st.session_state[GALLERY_UNIT] = None
if st.session_state[GALLERY_YEAR] not in facets.years:
    st.session_state[GALLERY_YEAR] = None

st.title(PAGES["catalogue_gallery"].title)
st.caption(
    "Mô hình hay, cách làm sáng tạo và điển hình tiên tiến trong học tập và làm theo tư tưởng, "
    "đạo đức, phong cách Hồ Chí Minh."
)

search_col, sort_col = st.columns([3, 1])
search_col.text_input(
    "Tìm kiếm",
    key=GALLERY_Q,
    on_change=_to_first_page,
    placeholder="Gõ có dấu hoặc không dấu, ví dụ: hieu hoc, bưu tá…",
)
sort_col.selectbox(
    "Sắp xếp",
    list(SORT_LABELS),
    format_func=SORT_LABELS.get,
    key=GALLERY_SORT,
    on_change=_to_first_page,
)

active = sum(
    1
    for key in (
        GALLERY_KIND,
        GALLERY_FIELD,
        GALLERY_UNIT,
        GALLERY_YEAR,
        GALLERY_TAG,
        GALLERY_STATUS,
    )
    if st.session_state[key] is not None
) + bool(st.session_state[GALLERY_FEATURED])
# On a phone the filters fold away (ui/i18n closes every "gs_fold_" expander there), so the first
# card is one swipe away; on a desktop they stay open.
with (
    st.container(key=GALLERY_FOLD),
    st.expander(
        "Bộ lọc" + (f" ({active} đang dùng)" if active else ""),
        expanded=True,
        icon=":material/filter_list:",
    ),
):
    filters = st.columns([1.1, 1.1, 1.6, 0.8, 1.2])
    filters[0].selectbox(
        "Loại",
        list(KIND_LABELS),
        key=GALLERY_KIND,
        on_change=_to_first_page,
        placeholder="Tất cả",
        format_func=lambda k: f"{KIND_LABELS[k]} ({format_int(kind_counts.get(k, 0))})",
    )
    filters[1].selectbox(
        "Lĩnh vực",
        list(field_counts),
        key=GALLERY_FIELD,
        on_change=_to_first_page,
        placeholder="Tất cả",
        format_func=lambda f: f"{f} ({format_int(field_counts[f])})",
    )
    filters[2].selectbox(
        "Đơn vị (gồm đơn vị trực thuộc)",
        list(unit_labels),
        key=GALLERY_UNIT,
        format_func=unit_labels.get,
        on_change=_to_first_page,
        placeholder="Tất cả",
    )
    filters[3].selectbox(
        "Năm", facets.years, key=GALLERY_YEAR, on_change=_to_first_page, placeholder="Tất cả"
    )
    filters[4].selectbox(
        "Từ khóa",
        list(tag_labels),
        key=GALLERY_TAG,
        format_func=tag_labels.get,
        on_change=_to_first_page,
        placeholder="Tất cả",
    )

    toggles = st.columns([1, 1, 2])
    toggles[0].toggle("Chỉ gương tiêu biểu", key=GALLERY_FEATURED, on_change=_to_first_page)
    if editor:
        toggles[1].selectbox(
            "Trạng thái",
            list(STATUS_LABELS),
            key=GALLERY_STATUS,
            format_func=STATUS_LABELS.get,
            on_change=_to_first_page,
            placeholder="Mọi trạng thái",
            label_visibility="collapsed",
        )
    toggles[2].button("Bỏ mọi bộ lọc", on_click=_clear, icon=":material/filter_alt_off:")

query = GalleryQuery(
    text=st.session_state[GALLERY_Q][:200],
    kind=st.session_state[GALLERY_KIND],
    field=st.session_state[GALLERY_FIELD],
    unit_id=st.session_state[GALLERY_UNIT],
    year=st.session_state[GALLERY_YEAR],
    tag=st.session_state[GALLERY_TAG],
    featured_only=st.session_state[GALLERY_FEATURED],
    status=st.session_state[GALLERY_STATUS],
    sort=st.session_state[GALLERY_SORT],
    page=st.session_state.get(GALLERY_PAGE, 1),  # a run without the pager (one page) drops it
)
result = call(gallery.search_gallery, query=query, actor=user)
if st.session_state.get(GALLERY_PAGE) != result.page:  # out of range: the search clamped it
    st.session_state[GALLERY_PAGE] = result.page
_write_url()

if result.total == 0:
    st.info("Không có mô hình, điển hình nào khớp bộ lọc. Hãy thử bỏ bớt bộ lọc hoặc gõ từ khác.")
    st.stop()

first = (result.page - 1) * result.per_page + 1
last = first + len(result.cards) - 1
shown, show_link = st.columns([3, 1])
shown.caption(
    f"Hiển thị {format_int(first)}–{format_int(last)} trong "
    f"{'hơn ' if result.more else ''}{format_int(result.total)} mô hình, điển hình."
)
if allowed("catalogue_slideshow", user.role):
    show_link.page_link(
        PAGES["catalogue_slideshow"].path,
        label="Trình chiếu các gương này",
        icon=":material/slideshow:",
        query_params={"ids": ",".join(str(c.id) for c in result.cards if c.cover_large_url)},
    )

for start in range(0, len(result.cards), COLUMNS):
    row = st.columns(COLUMNS)
    for column, card in zip(row, result.cards[start : start + COLUMNS], strict=False):
        with column, st.container(border=True, gap="small"):  # the link inside the card
            st.markdown(card_html(card, show_status=editor), unsafe_allow_html=True)
            st.page_link(
                PAGES["catalogue_detail"].path,
                label="Xem chi tiết",
                icon=":material/arrow_forward:",
                query_params={"id": str(card.id)},
            )


if result.pages > 1:
    st.divider()
    # Streamlit's own pager, keyed on the page state: the value set above (the URL's page,
    # clamped by the search, or 1 after a filter change) is what it shows; a click reruns with
    # the new page, which the URL then carries. Its English labels are said in Vietnamese by
    # ui/i18n. "stretch" centres it (at "content" it sits on the left).
    st.pagination(result.pages, key=GALLERY_PAGE, max_visible_pages=7, width="stretch")
