"""Sổ tay của tôi: the member writes the year's commitment in the six parts, sees the part-3
warnings while writing, sends it to the chi ủy, records monthly self-reviews and prints it."""

from __future__ import annotations

from datetime import date

import streamlit as st

from models.notebook import (
    COMMITMENT_STATUS_LABELS,
    PARTS,
    REVIEW_STATUS_LABELS,
    CommitmentStatus,
)
from services.notebook import commitments as cm
from services.notebook import forms, report, reviews, years
from services.notebook import warnings as nw
from services.vi import format_date, format_percent, local_today
from ui.auth import guard
from ui.core import attempt, call

YEAR = "nb_mine_year"
PART = "nb_mine_part"  # + index
DATE = "nb_mine_date"
REASON = "nb_mine_reason"
REVIEW_MONTH = "nb_mine_review_month"
REVIEW_STATUS = "nb_mine_review_status"
REVIEW_NOTE = "nb_mine_review_note"
MESSAGE = "nb_mine_message"

user = guard("notebook_mine")
st.title("Sổ tay làm theo gương Bác")

all_years = call(years.list_years)
if not all_years:
    st.info("Ban tổ chức chưa mở năm nào cho sổ tay.")
    st.stop()
by_id = {y.id: y for y in all_years}
year = by_id[st.selectbox("Năm", list(by_id), key=YEAR, format_func=lambda i: str(by_id[i].year))]
st.markdown(f"**Chuyên đề năm {year.year}:** {year.topic}")
themes = years.parse_themes(year.monthly_themes)
if themes:
    st.caption(" · ".join(f"Tháng {m}: {t}" for m, t in sorted(themes.items())))
if user.unit_id is None:
    st.info("Tài khoản của bạn chưa thuộc chi bộ nào nên chưa ghi sổ tay được.")
    st.stop()
if message := st.session_state.pop(MESSAGE, None):
    st.success(message)

commitment = call(cm.find_commitment, actor=user, year_id=year.id, member_id=user.id)
status = commitment.status if commitment else CommitmentStatus.DRAFT
editable = status in cm.EDITABLE
if commitment:
    st.markdown(
        f"Trạng thái: **{COMMITMENT_STATUS_LABELS[status]}**"
        + (f" · phiên bản đã duyệt: {commitment.version}" if commitment.version else "")
        + (" · do chi ủy ghi hộ" if commitment.on_behalf else "")
    )
    if commitment.committee_comment:
        (st.warning if status == CommitmentStatus.RETURNED else st.info)(
            f"Ý kiến chi ủy: {commitment.committee_comment}"
        )
    if commitment.change_reason:
        st.caption(f"Lý do điều chỉnh: {commitment.change_reason}")

current = cm.parts_of(commitment) if commitment else [""] * len(PARTS)
form = call(forms.member_form, year_id=year.id, member_id=user.id)
party_form = form == forms.PARTY_FORM
st.subheader("Nội dung đăng ký")
st.caption(
    (
        "Mẫu 6 nội dung theo Công văn 2952-CV/BTCTW. "
        if party_form
        else "Mẫu cho công chức, viên chức ngoài Đảng do Ban tổ chức đặt. "
    )
    + "Ghi từng việc trên một dòng; phần có việc cụ thể cần ghi con số cần đạt nếu được."
)
keys = [f"{PART}{index}_{year.id}" for index in range(len(form))]
for index, key in enumerate(keys):
    if key not in st.session_state:
        st.session_state[key] = current[index]
# The warnings are worked out before the parts are drawn, so each shows under its own part
# (on a phone the bottom of the form is far from the part being written).
found, similar = call(
    nw.draft_warnings, actor=user, year_id=year.id, parts=[st.session_state[k] for k in keys]
)
warned, alike = nw.by_part(found, similar, len(form))
parts = []
for index, part in enumerate(form):
    parts.append(
        st.text_area(
            f"{index + 1}. {part.title}" + (" (cần con số)" if part.figure else ""),
            key=keys[index],
            disabled=not editable,
            height=110 if part.figure else 70,
            placeholder=part.hint or None,
        )
    )
    for warning in warned.get(index + 1, []):
        st.warning(warning.message, icon=":material/warning:")
    for item in alike.get(index + 1, []):
        st.warning(
            f"Phần {index + 1} gần giống bản cam kết của {item.member_name} "
            f"({format_percent(item.ratio, 0)} giống nhau cả bản): tránh sao chép nhau.",
            icon=":material/content_copy:",
        )
day_key = f"{DATE}_{year.id}"
if day_key not in st.session_state:
    st.session_state[day_key] = (
        commitment.committed_on if commitment else min(local_today(), date(year.year, 12, 31))
    )
committed_on = st.date_input(
    "Ngày đăng ký", key=day_key, format="DD/MM/YYYY", disabled=not editable
)

if found or similar:
    st.caption(
        f"Còn {len(found) + len(similar)} cảnh báo, ghi ngay dưới từng phần ở trên: "
        + ", ".join(
            f"phần {n}"
            for n in sorted(
                {w.part for w in found} | {n for s in similar for n in (s.parts or (len(form),))}
            )
        )
        + "."
    )
elif any(p.strip() for p in parts):
    st.success(
        "Các phần cần con số đã có việc cụ thể, không thấy cụm từ chung chung hay bản sao.",
        icon=":material/check_circle:",
    )


def _save() -> object | None:
    return attempt(
        cm.save_draft,
        actor=user,
        year_id=year.id,
        member_id=user.id,
        parts=parts,
        committed_on=committed_on,
    )


if editable:
    left, right = st.columns(2)
    if left.button("Lưu bản nháp", icon=":material/save:", width="stretch") and _save():
        st.session_state[MESSAGE] = "Đã lưu bản nháp."
        st.rerun()
    if right.button("Gửi chi ủy", type="primary", icon=":material/send:", width="stretch"):
        saved = _save()
        if saved and attempt(cm.send, actor=user, commitment_id=saved.id):
            st.session_state[MESSAGE] = "Đã gửi bản cam kết để chi ủy xem."
            st.rerun()
elif status == CommitmentStatus.APPROVED:
    with st.expander("Điều chỉnh cam kết (tạo phiên bản mới, giữ bản cũ)"):
        reason = st.text_input("Lý do điều chỉnh", key=REASON)
        if st.button("Tạo phiên bản mới") and attempt(
            cm.start_new_version, actor=user, commitment_id=commitment.id, reason=reason
        ):
            st.session_state[MESSAGE] = "Đã mở phiên bản mới; sửa rồi gửi lại chi ủy."
            st.rerun()

if commitment and commitment.version:
    st.subheader("Tự kiểm điểm hằng tháng")
    monthly = call(reviews.reviews_of, actor=user, commitment_id=commitment.id)
    with st.form(REVIEW_NOTE + "_form"):
        month = st.selectbox(
            "Tháng",
            range(1, 13),
            key=REVIEW_MONTH,
            index=min(local_today().month, 12) - 1,
            format_func=lambda m: f"Tháng {m}" + (f" — {themes[m]}" if m in themes else ""),
        )
        review_status = st.radio(
            "Mức thực hiện",
            list(REVIEW_STATUS_LABELS),
            key=REVIEW_STATUS,
            format_func=lambda s: REVIEW_STATUS_LABELS[s],
            horizontal=True,
        )
        note = st.text_area("Ghi chú (việc đã làm, còn vướng)", key=REVIEW_NOTE)
        if st.form_submit_button("Lưu tự kiểm điểm", icon=":material/task_alt:") and attempt(
            reviews.record_review,
            actor=user,
            commitment_id=commitment.id,
            month=month,
            status=review_status,
            note=note,
        ):
            st.session_state[MESSAGE] = f"Đã lưu tự kiểm điểm tháng {month}."
            st.rerun()
    for review in monthly:
        with st.container(border=True):
            st.markdown(
                f"**Tháng {review.month}** — {REVIEW_STATUS_LABELS[review.status]}"
                + (" · chi ủy ghi hộ" if review.on_behalf else "")
            )
            if review.note:
                st.text(review.note)
            if review.committee_comment:
                st.caption(f"Nhận xét của chi ủy: {review.committee_comment}")

if commitment:
    book = call(cm.notebook, actor=user, commitment_id=commitment.id)
    if book.versions:
        with st.expander(f"Lịch sử các phiên bản đã duyệt ({len(book.versions)})"):
            for version in reversed(book.versions):
                st.markdown(
                    f"**Phiên bản {version.version}** — duyệt "
                    f"{format_date(version.approved_at)} · {version.reason}"
                )
                texts = cm.version_parts(version)
                st.text(
                    "\n".join(
                        f"{i + 1}. {p.title}: {texts[i]}" for i, p in enumerate(form) if texts[i]
                    )
                )
    st.download_button(
        "Tải sổ tay (PDF)",
        icon=":material/picture_as_pdf:",
        mime="application/pdf",
        file_name=f"so-tay-{year.year}.pdf",
        on_click="ignore",
        data=lambda: call(report.notebook_pdf, actor=user, commitment_id=commitment.id),
    )
