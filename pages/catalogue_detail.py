"""One mô hình or điển hình: photos, story, figures, unit, nhân rộng and its commendations.

Opened with ?id=N. The story is Markdown rendered without any HTML.

The photo viewer switches in the browser: each thumbnail is a real <button> (keyboard, screen
reader: "Ảnh 2/3: caption", aria-pressed on the one shown) whose click swaps the large picture's
URL, so choosing a photo costs no rerun and no bytes through the websocket; the large file is
fetched by its content-hash URL (cached for good) and preloaded when a thumbnail is hovered or
focused. User text only ever reaches the markup escaped, and the script reads it back from
data attributes and writes it as textContent.
"""

import streamlit as st

from models.catalogue import RecordKind
from services.capabilities import Capability, can
from services.catalogue import markdown
from services.catalogue import records as catalogue
from services.commendations import records as commendations
from services.errors import NotFound
from services.params import parse_id
from services.vi import format_date
from ui.auth import guard
from ui.catalogue_widgets import apply_css, badges, esc
from ui.core import call
from ui.markup import PreparedHtml, asset_html
from ui.nav import PAGES, allowed

GALLERY_LAST_URL = "catalogue_gallery_last_query"  # written by the gallery page

VIEWER_SCRIPT = asset_html("js/photo_viewer.js")  # static: reads the data- attributes

user = guard("catalogue_detail")
apply_css()


def _back_link() -> None:
    st.page_link(
        PAGES["catalogue_gallery"].path,
        label="Quay lại thư viện",
        icon=":material/arrow_back:",
        query_params=st.session_state.get(GALLERY_LAST_URL) or None,
    )


def viewer_html(record_id: int, name: str, photos) -> PreparedHtml:
    """The large photo, its caption and one thumbnail button per photo (all text escaped)."""
    root = f"gs-viewer-{record_id}"
    count = len(photos)

    def alt(i: int, photo) -> str:
        return photo.caption or f"{name} — ảnh {i + 1}"

    first = photos[0]
    parts = [
        f'<div id="{root}" class="gs-viewer">',
        f'<img class="gs-big" src="{esc(first.large_url)}" alt="{esc(alt(0, first))}">',
        f'<div class="gs-cap" aria-live="polite">{esc(first.caption)}</div>',
    ]
    if count > 1:
        parts.append('<div class="gs-thumbs" role="group" aria-label="Chọn ảnh">')
        for i, photo in enumerate(photos):
            label = f"Ảnh {i + 1}/{count}" + (f": {photo.caption}" if photo.caption else "")
            parts.append(
                f'<button type="button" class="gs-thumb{" gs-on" if i == 0 else ""}" '
                f'aria-pressed="{"true" if i == 0 else "false"}" aria-label="{esc(label)}" '
                f'title="{esc(label)}" data-large="{esc(photo.large_url)}" '
                f'data-alt="{esc(alt(i, photo))}" data-caption="{esc(photo.caption)}">'
                f'<img src="{esc(photo.thumb_url)}" alt="" loading="lazy" width="72" height="72">'
                "</button>"
            )
        parts.append("</div>")
    parts.append("</div>")
    return PreparedHtml.joined(*parts, VIEWER_SCRIPT)  # no dedent over the whole


record_id = parse_id(st.query_params.get("id"))
try:
    if record_id is None:  # not a number, or beyond any id: the same answer as an unknown one
        raise NotFound("")
    record = call(catalogue.get_record, record_id=record_id, actor=user)
except NotFound:
    st.title(PAGES["catalogue_detail"].title)
    st.warning(
        "Không tìm thấy mô hình, điển hình này (có thể chưa được công khai hoặc đường dẫn "
        "không đúng)."
    )
    _back_link()
    st.stop()

_back_link()
st.markdown(
    badges(
        record.kind,
        record.featured,
        record.status if can(user, Capability.EDIT_CATALOGUE) else None,
    ),
    unsafe_allow_html=True,
)
st.title(record.name)
# a collective that is its own unit is not named twice (title, then the same words again)
own_unit = (
    " ".join((record.unit_name or "").split()).casefold()
    in " ".join(record.name.split()).casefold()
)
meta = [
    None if own_unit else record.unit_name,
    record.field,
    catalogue.years_label(record.year_from, record.year_to),
]
st.caption(" · ".join(part for part in meta if part))

left, right = st.columns([3, 2], gap="large")
with left:
    if record.photos:
        st.html(viewer_html(record.id, record.name, record.photos), unsafe_allow_javascript=True)
    else:
        st.info("Hồ sơ này chưa có ảnh.")

with right:
    if record.summary:
        st.markdown(f"**{esc(record.summary)}**")
    if record.figures:
        st.subheader("Kết quả nổi bật")
        cells = st.columns(min(2, len(record.figures)))
        for i, figure in enumerate(record.figures):
            cells[i % len(cells)].markdown(
                f'<div class="gs-figure"><b>{esc(figure["value"])}</b>'
                f"<span>{esc(figure['label'])}</span></div>",
                unsafe_allow_html=True,
            )
    st.subheader("Thông tin")
    facts = {
        "Loại": catalogue.kind_label(record.kind),
        "Đơn vị": record.unit_name,
        "Lĩnh vực": record.field,
        "Năm": catalogue.years_label(record.year_from, record.year_to),
        "Chuyên đề năm": record.theme,
    }
    if can(user, Capability.EDIT_CATALOGUE):
        facts["Trạng thái"] = catalogue.status_label(record.status)
        facts["Cập nhật"] = format_date(record.updated_at)
    for label, value in facts.items():
        if value:
            st.markdown(f"**{label}:** {esc(value)}")
    if record.tags:
        st.markdown(" ".join(f"`{tag.replace('`', '')}`" for tag in record.tags))

    actions = st.columns(2)
    if allowed("catalogue_slideshow", user.role) and record.photos:
        actions[0].page_link(
            PAGES["catalogue_slideshow"].path,
            label="Trình chiếu",
            icon=":material/slideshow:",
            query_params={"ids": str(record.id)},
        )
    if allowed("catalogue_manage", user.role):
        actions[1].page_link(
            PAGES["catalogue_manage"].path,
            label="Sửa hồ sơ",
            icon=":material/edit:",
            query_params={"id": str(record.id)},
        )

if record.story.strip():
    st.divider()
    # sanitised HTML from a Markdown parser; st.html adds no second Markdown pass over it
    st.html(f'<div class="gs-story">{markdown.story_html(record.story)}</div>')

if record.kind == RecordKind.MODEL:
    st.divider()
    st.subheader("Nhân rộng")
    if record.replications:
        st.dataframe(
            [
                {"Đơn vị": r.unit_name, "Năm": str(r.year), "Ghi chú": r.note}
                for r in record.replications
            ],
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption("Chưa có đơn vị nào nhân rộng mô hình này.")

# The record's commendations, straight from the commendations module (revoked ones left out).
awards = call(commendations.timeline_for_record, record_id=record.id)
st.divider()
st.subheader("Khen thưởng")
if not awards:
    st.caption("Chưa có khen thưởng nào được ghi nhận cho hồ sơ này.")
else:
    rows = []
    for award in awards:
        when = format_date(award.decision_date) if award.decision_date else str(award.year)
        # Who was commended, by whom and by which decision: two of a record's awards from the
        # same ceremony differ only there, and used to read as one award listed twice.
        title = f"{award.form_label} của {award.issuer_name} ({award.issuer_level_label})"
        detail = " · ".join(
            part
            for part in (
                award.recipient_name,
                f"Quyết định số {award.decision_number}" if award.decision_number else None,
                award.occasion_name,
                award.achievement,
            )
            if part
        )
        rows.append(
            f"<div><b>{esc(when)}</b> — {esc(title)}"
            + (f"<br><small>{esc(detail)}</small>" if detail else "")
            + "</div>"
        )
    st.markdown(f'<div class="gs-timeline">{"".join(rows)}</div>', unsafe_allow_html=True)
