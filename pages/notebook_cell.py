"""Chi ủy xem sổ tay: the cell committee's plan for the year, every member's commitment with the
same warnings the member sees, return with a comment or approve, entry on a member's behalf
(marked as such), comments on the monthly reviews and the year-end rating."""

from __future__ import annotations

from datetime import date

import streamlit as st

from models.notebook import (
    COMMITMENT_STATUS_LABELS,
    PARTS,
    PROPOSAL_TARGET_LABELS,
    REVIEW_STATUS_LABELS,
    CommitmentStatus,
)
from services.notebook import commitments as cm
from services.notebook import counted, forms, groups, proposals, reviews, years
from services.notebook import warnings as nw
from services.vi import format_date, format_int, format_percent, local_today
from ui.auth import guard
from ui.core import attempt, call

UNIT = "nb_cell_unit"
YEAR = "nb_cell_year"
PLAN_DATE = "nb_cell_plan_date"
PLAN_MODELS = "nb_cell_plan_models"
COMMENT = "nb_cell_comment"  # + commitment id
BEHALF = "nb_cell_behalf"  # + member id + part
REVIEW = "nb_cell_review"  # + commitment id
PARTY = "nb_cell_party"  # + member id
RATING = "nb_cell_rating"  # + commitment id
MESSAGE = "nb_cell_message"
PAPER = "nb_cell_paper"
GROUP = "nb_cell_group"
PROPOSE = "nb_cell_propose"  # + commitment id, or "unit" + index of the model

user = guard("notebook_cell")
st.title("Chi ủy xem sổ tay")
units = call(years.committee_units, actor=user)
all_years = call(years.list_years)
if not units:
    st.info(
        "Bạn chưa có tên trong chi ủy của chi bộ nào. Ban tổ chức ghi danh sách chi ủy ở "
        "trang “Khung năm, chi ủy”."
    )
    st.stop()
if not all_years:
    st.info("Ban tổ chức chưa mở năm nào cho sổ tay.")
    st.stop()
unit_by_id = {u.id: u for u in units}
year_by_id = {y.id: y for y in all_years}
left, right = st.columns([3, 1])
unit = unit_by_id[
    left.selectbox("Chi bộ", list(unit_by_id), key=UNIT, format_func=lambda i: unit_by_id[i].name)
]
year = year_by_id[
    right.selectbox(
        "Năm", list(year_by_id), key=YEAR, format_func=lambda i: str(year_by_id[i].year)
    )
]
if message := st.session_state.pop(MESSAGE, None):
    st.success(message)


def done(text: str) -> None:
    st.session_state[MESSAGE] = text
    st.rerun()


plan = call(years.get_unit_plan, year_id=year.id, unit_id=unit.id)
plan_title = "Kế hoạch của chi bộ" + (
    f" — ngày {format_date(plan.plan_date)}" if plan else " — chưa có"
)
with st.expander(plan_title, expanded=plan is None), st.form(PLAN_DATE + "_form"):
    plan_date = st.date_input(
        "Ngày ban hành kế hoạch",
        key=PLAN_DATE,
        format="DD/MM/YYYY",
        value=plan.plan_date if plan else date(year.year, 1, 15),
    )
    models = st.text_area(
        "Mô hình tập thể chi bộ đăng ký (mỗi mô hình một dòng)",
        key=PLAN_MODELS,
        value=plan.collective_models if plan else "",
    )
    if st.form_submit_button("Lưu kế hoạch") and attempt(
        years.save_unit_plan,
        actor=user,
        year_id=year.id,
        unit_id=unit.id,
        plan_date=plan_date,
        collective_models=models,
    ):
        done("Đã lưu kế hoạch của chi bộ.")

made = call(proposals.proposals, actor=user, year_id=year.id, unit_id=unit.id)
made_keys = {(p.commitment_id, p.model, p.target) for p in made}


def propose_buttons(key: str, title: str, commitment_id: int | None, model: str) -> None:
    """One step to the catalogue (a draft) or to the organisers' list of commendations."""
    columns = st.columns(2)
    for column, target in zip(columns, PROPOSAL_TARGET_LABELS, strict=True):
        label = PROPOSAL_TARGET_LABELS[target]
        if (commitment_id, model, target) in made_keys:
            column.caption(f"Đã đề xuất: {label.lower()}")
            continue
        if column.button(
            f"Đề xuất: {label.lower()}",
            key=f"{key}_{target}",
            icon=":material/workspace_premium:",
            width="stretch",
        ):
            if commitment_id is not None:
                done_ok = attempt(
                    proposals.propose_member, actor=user, commitment_id=commitment_id, target=target
                )
            else:
                done_ok = attempt(
                    proposals.propose_collective,
                    actor=user,
                    year_id=year.id,
                    unit_id=unit.id,
                    model=model,
                    target=target,
                )
            if done_ok:
                done(f"Đã đề xuất {title}: {label.lower()}.")


if plan and plan.collective_models.strip():
    with st.expander("Đề xuất mô hình tập thể của chi bộ"):
        for index, model_name in enumerate(
            m.strip() for m in plan.collective_models.splitlines() if m.strip()
        ):
            st.markdown(f"**{model_name}**")
            propose_buttons(f"{PROPOSE}unit{index}", f"“{model_name}”", None, model_name)

paper = call(counted.counted_for, actor=user, year_id=year.id, unit_id=unit.id)
with st.expander(
    "Sổ giấy của đảng viên chưa có tài khoản — "
    + (f"{format_int(paper[0])} đã đăng ký" if paper.get(0) else "chưa ghi")
):
    st.caption(
        "Chi ủy đếm sổ tay giấy và ghi hộ số người; số này được cộng vào tỉ lệ đăng ký "
        "và tự kiểm điểm của đơn vị, kèm tên người ghi."
    )
    with st.form(PAPER + "_form"):
        a, b, c = st.columns(3)
        paper_registered = a.number_input(
            "Số đã đăng ký trong năm",
            min_value=0,
            step=1,
            value=paper.get(0, 0),
            key=PAPER + "_reg",
        )
        paper_month = b.selectbox(
            "Tháng",
            range(1, 13),
            index=local_today().month - 1,
            key=PAPER + "_month",
            format_func=lambda m: f"Tháng {m}",
        )
        paper_reviewed = c.number_input(
            "Số tự kiểm điểm trong tháng",
            min_value=0,
            step=1,
            value=None,
            key=PAPER + "_rev",
            placeholder="để trống nếu chưa họp",
        )
        if (
            st.form_submit_button("Lưu số liệu sổ giấy")
            and attempt(
                counted.record_count,
                actor=user,
                year_id=year.id,
                unit_id=unit.id,
                month=0,
                count=int(paper_registered),
            )
            and (
                paper_reviewed is None
                or attempt(
                    counted.record_count,
                    actor=user,
                    year_id=year.id,
                    unit_id=unit.id,
                    month=paper_month,
                    count=int(paper_reviewed),
                )
            )
        ):
            done("Đã lưu số liệu sổ giấy.")
    paper_ratings = call(counted.counted_ratings_for, actor=user, year_id=year.id, unit_id=unit.id)
    year_ratings = [r.strip() for r in year.ratings.splitlines() if r.strip()]
    with st.form(PAPER + "_ratings_form"):
        st.markdown(
            f"**Đánh giá cuối năm của người ghi sổ giấy** (tối đa "
            f"{format_int(paper.get(0, 0))} người đã đăng ký)"
        )
        entered = {  # one column: on a phone the year's order stays top to bottom
            rating: st.number_input(
                rating,
                min_value=0,
                step=1,
                value=paper_ratings.get(rating, 0),
                key=f"{PAPER}_rating{index}",
            )
            for index, rating in enumerate(year_ratings)
        }
        if (
            st.form_submit_button("Lưu đánh giá sổ giấy")
            and attempt(
                counted.record_ratings,
                actor=user,
                year_id=year.id,
                unit_id=unit.id,
                counts={r: int(v) for r, v in entered.items()},
            )
            is not None
        ):
            done("Đã lưu đánh giá cuối năm của người ghi sổ giấy.")

members = call(cm.unit_commitments, actor=user, year_id=year.id, unit_id=unit.id)
st.markdown(cm.unit_summary(members))
ratings = [r for r in year.ratings.splitlines() if r.strip()]
names = {m.id: m.full_name for m, _ in members}
cell_groups = call(groups.groups_of, actor=user, unit_id=unit.id)
with st.expander(f"Tổ trong chi bộ ({len(cell_groups)}) — các tổ kiểm điểm trước, chi ủy tổng hợp"):
    note_month = st.selectbox(
        "Tháng",
        range(1, 13),
        index=local_today().month - 1,
        key=GROUP + "_month",
        format_func=lambda m: f"Tháng {m}",
    )
    notes = call(groups.month_notes, actor=user, year_id=year.id, unit_id=unit.id, month=note_month)
    for group in cell_groups:
        leader = names.get(group.leader_id, "chưa có")
        st.markdown(
            f"**{group.name}** — tổ trưởng {leader}; "
            + ", ".join(names.get(i, "") for i in group.member_ids)
        )
        text = st.text_area(
            f"Ý kiến {group.name} tháng {note_month}",
            value=notes.get(group.id, ""),
            key=f"{GROUP}{group.id}_{note_month}",
        )
        if st.button(f"Lưu ý kiến {group.name}", key=f"{GROUP}{group.id}_save") and attempt(
            groups.save_month_note,
            actor=user,
            year_id=year.id,
            unit_id=unit.id,
            month=note_month,
            text=text,
            group_id=group.id,
        ):
            done(f"Đã lưu ý kiến {group.name} tháng {note_month}.")
    summing = st.text_area(
        f"Chi ủy tổng hợp tháng {note_month}",
        value=notes.get(None, ""),
        key=f"{GROUP}_sum_{note_month}",
    )
    if st.button("Lưu tổng hợp của chi ủy", key=GROUP + "_sum_save") and attempt(
        groups.save_month_note,
        actor=user,
        year_id=year.id,
        unit_id=unit.id,
        month=note_month,
        text=summing,
    ):
        done(f"Đã lưu tổng hợp tháng {note_month}.")
    with st.form(GROUP + "_form", clear_on_submit=True):
        st.markdown("**Lập tổ mới**")
        group_name = st.text_input(
            "Tên tổ", key=GROUP + "_name", placeholder=f"Tổ {len(cell_groups) + 1}"
        )
        group_leader = st.selectbox(
            "Tổ trưởng",
            [None, *names],
            key=GROUP + "_leader",
            format_func=lambda i: "— chọn —" if i is None else names[i],
        )
        group_members = st.multiselect(
            "Thành viên", list(names), key=GROUP + "_members", format_func=lambda i: names[i]
        )
        if st.form_submit_button("Lập tổ") and attempt(
            groups.save_group,
            actor=user,
            unit_id=unit.id,
            name=group_name,
            leader_id=group_leader,
            member_ids=group_members,
        ):
            done(f"Đã lập {group_name.strip()}.")
order = {
    CommitmentStatus.SENT: 0,
    None: 1,
    CommitmentStatus.DRAFT: 1,
    CommitmentStatus.RETURNED: 2,
    CommitmentStatus.APPROVED: 3,
}
for member, commitment in sorted(members, key=lambda mc: order[mc[1].status if mc[1] else None]):
    label = COMMITMENT_STATUS_LABELS[commitment.status] if commitment else "Chưa viết"
    with st.expander(f"{member.full_name} — {label}"):
        if commitment is None or commitment.status in cm.EDITABLE:
            st.caption("Ghi hộ đảng viên (được đánh dấu là chi ủy ghi hộ).")
            flag = st.checkbox(
                "Là đảng viên (bỏ chọn nếu là công chức, viên chức ngoài Đảng)",
                value=member.party_member,
                key=f"{PARTY}{member.id}",
            )
            if flag != member.party_member and attempt(
                forms.set_party_member, actor=user, member_id=member.id, party_member=flag
            ):
                done(
                    f"Đã ghi {member.full_name} là "
                    + ("đảng viên." if flag else "người ngoài Đảng.")
                )
            current = cm.parts_of(commitment) if commitment else [""] * len(PARTS)
            form = call(forms.member_form, year_id=year.id, member_id=member.id)
            st.caption(
                "Mẫu: 6 nội dung theo Công văn 2952-CV/BTCTW (đảng viên)."
                if member.party_member
                else "Mẫu cho người ngoài Đảng (công chức, viên chức) của năm."
            )
            with st.form(f"{BEHALF}{member.id}"):
                parts = [
                    st.text_area(
                        f"{i + 1}. {p.title}",
                        value=current[i],
                        key=f"{BEHALF}{member.id}_{i}",
                        height=68,
                        help=p.hint or None,
                    )
                    for i, p in enumerate(form)
                ]
                day = st.date_input(
                    "Ngày đăng ký",
                    key=f"{BEHALF}{member.id}_day",
                    format="DD/MM/YYYY",
                    value=commitment.committed_on
                    if commitment
                    else min(local_today(), date(year.year, 12, 31)),
                )
                if st.form_submit_button("Lưu và gửi chi ủy"):
                    saved = attempt(
                        cm.save_draft,
                        actor=user,
                        year_id=year.id,
                        member_id=member.id,
                        parts=parts,
                        committed_on=day,
                    )
                    if saved and attempt(cm.send, actor=user, commitment_id=saved.id):
                        done(f"Đã ghi hộ bản cam kết của {member.full_name}.")
            continue
        if commitment.on_behalf:
            st.caption("Bản này do chi ủy ghi hộ.")
        titled = call(forms.titled_parts, commitment=commitment)
        found, similar = call(nw.warnings_for, actor=user, commitment_id=commitment.id)
        warned, alike = nw.by_part(found, similar, len(titled))
        for index, (part, text) in enumerate(titled):
            st.markdown(f"**{index + 1}. {part.title}**")
            st.text(text or "—")
            for warning in warned.get(index + 1, []):
                st.warning(warning.message, icon=":material/warning:")
            for item in alike.get(index + 1, []):
                st.warning(
                    f"Phần {index + 1} gần giống bản của {item.member_name} "
                    f"({format_percent(item.ratio, 0)} cả bản).",
                    icon=":material/content_copy:",
                )
        if commitment.status == CommitmentStatus.SENT:
            comment = st.text_area("Ý kiến của chi ủy", key=f"{COMMENT}{commitment.id}")
            a, b = st.columns(2)
            if a.button(
                "Trả lại để sửa",
                key=f"{COMMENT}{commitment.id}_return",
                icon=":material/undo:",
                width="stretch",
            ) and attempt(
                cm.return_with_comment, actor=user, commitment_id=commitment.id, comment=comment
            ):
                done(f"Đã trả lại bản cam kết của {member.full_name}.")
            if b.button(
                "Duyệt",
                key=f"{COMMENT}{commitment.id}_approve",
                type="primary",
                icon=":material/verified:",
                width="stretch",
            ) and attempt(cm.approve, actor=user, commitment_id=commitment.id, comment=comment):
                done(f"Đã duyệt bản cam kết của {member.full_name}.")
            continue
        monthly = call(reviews.reviews_of, actor=user, commitment_id=commitment.id)
        for review in monthly:
            st.markdown(
                f"Tháng {review.month}: **{REVIEW_STATUS_LABELS[review.status]}** — "
                + (review.note or "").replace("\n", " ")
            )
        with st.form(f"{REVIEW}{commitment.id}"):
            month = st.selectbox(
                "Tháng",
                range(1, 13),
                index=local_today().month - 1,
                key=f"{REVIEW}{commitment.id}_m",
            )
            status = st.radio(
                "Mức thực hiện (ghi hộ nếu đảng viên chưa ghi)",
                list(REVIEW_STATUS_LABELS),
                horizontal=True,
                format_func=lambda s: REVIEW_STATUS_LABELS[s],
                key=f"{REVIEW}{commitment.id}_s",
            )
            note = st.text_input("Ghi chú", key=f"{REVIEW}{commitment.id}_n")
            remark = st.text_input("Nhận xét của chi ủy", key=f"{REVIEW}{commitment.id}_c")
            if st.form_submit_button("Lưu tháng này"):
                existing = {r.month: r for r in monthly}
                ok = True
                if month not in existing or note:
                    ok = (
                        attempt(
                            reviews.record_review,
                            actor=user,
                            commitment_id=commitment.id,
                            month=month,
                            status=status,
                            note=note,
                        )
                        is not None
                    )
                if (
                    ok
                    and remark
                    and attempt(
                        reviews.comment_review,
                        actor=user,
                        commitment_id=commitment.id,
                        month=month,
                        comment=remark,
                    )
                ):
                    pass
                if ok:
                    done(f"Đã lưu tháng {month} của {member.full_name}.")
        rating = st.selectbox(
            "Đánh giá cuối năm",
            ["", *ratings],
            key=f"{RATING}{commitment.id}",
            index=([""] + ratings).index(commitment.rating) if commitment.rating in ratings else 0,
        )
        if (
            rating
            and rating != commitment.rating
            and st.button("Lưu đánh giá", key=f"{RATING}{commitment.id}_save")
            and attempt(reviews.rate, actor=user, commitment_id=commitment.id, rating=rating)
        ):
            done(f"Đã đánh giá {member.full_name}: {rating}.")
        if ratings and commitment.rating == ratings[0]:
            st.caption(
                f"Được đánh giá “{ratings[0]}”: có thể đề xuất làm điển hình hoặc khen thưởng."
            )
            propose_buttons(f"{PROPOSE}{commitment.id}", member.full_name, commitment.id, "")
