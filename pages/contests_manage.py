"""Quản lý cuộc thi: the question bank, import/export, contests and rounds, publish checks."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

import streamlit as st

from models.contests import (
    COUNTING_LABELS,
    DEFAULT_CHAIN,
    DIFFICULTY_LABELS,
    MULTIPLE_SCORING_LABELS,
    PREDICTION_LABELS,
    QUESTION_TYPE_LABELS,
    REVIEW_LABELS,
    ContestCreate,
    ContestStatus,
    ContestUpdate,
    QuestionCreate,
    QuestionType,
    QuestionUpdate,
    RoundCreate,
    RoundUpdate,
)
from services import units as unit_svc
from services.contests import attempts as attempts_svc
from services.contests import contests as contest_svc
from services.contests import excel as io_svc
from services.contests import publishing as publish_svc
from services.contests import questions as question_svc
from services.contests import registration as registration_svc
from services.contests import results as results_svc
from services.contests.clock import utc
from services.contests.grading import RANK_KEY_LABELS
from services.errors import UserError
from services.media import process_image
from services.vi import LOCAL_TZ, format_datetime, format_int, to_local
from ui.auth import guard
from ui.catalogue_widgets import md_text
from ui.core import attempt as try_call
from ui.core import call
from ui.nav import PAGES
from ui.resources import settings

user = guard("contests_manage")

MANAGE_CONTEST = "contests_manage_contest"
MANAGE_QUESTION = "contests_manage_question"
MANAGE_PREVIEW = "contests_manage_preview"
MANAGE_UPLOAD = "contests_manage_upload"
MANAGE_FLASH = "contests_manage_flash"
NEW = -1
MANAGE_TAB = "contests_manage_tab"
FILE_GROUPS = "Theo nhóm ghi trong tệp"

st.title(PAGES["contests_manage"].title)
flash = st.session_state.pop(MANAGE_FLASH, None)
if flash:
    st.success(flash)

categories = call(question_svc.list_categories)
cat_ids = [c.id for c in categories]
cat_path = {c.id: c.path for c in categories}
cat_total = question_svc.subtree_counts(categories)  # what a quota on a group draws from


def _done(message: str) -> None:
    st.session_state[MANAGE_FLASH] = message
    st.rerun()


def _local_input(label: str, value: datetime, key: str) -> datetime:
    """One date-and-time field in Vietnam's time (st.datetime_input is naive: it drops a zone,
    it does not convert), stored as an aware UTC moment exact to the minute."""
    local = to_local(value).replace(tzinfo=None, second=0, microsecond=0)
    moment = st.datetime_input(
        label, value=local, format="DD/MM/YYYY", step=timedelta(minutes=15), key=key
    )
    return (moment or local).replace(tzinfo=LOCAL_TZ).astimezone(UTC)


# --- the question bank ---------------------------------------------------------------------------


def _options_editor(options: list[dict], qtype: str, key: str) -> list[dict]:
    if qtype == QuestionType.TRUE_FALSE:
        truth = st.radio(
            "Đáp án đúng",
            ["Đúng", "Sai"],
            horizontal=True,
            key=f"{key}_tf",
            index=0 if not options or options[0].get("correct") else 1,
        )
        return [
            {"text": "Đúng", "correct": truth == "Đúng"},
            {"text": "Sai", "correct": truth == "Sai"},
        ]
    rows = [{"Phương án": o.get("text", ""), "Đúng": bool(o.get("correct"))} for o in options] or [
        {"Phương án": "", "Đúng": False} for _ in range(4)
    ]
    edited = st.data_editor(
        rows,
        num_rows="dynamic",
        key=f"{key}_opts",
        width="stretch",
        column_config={"Đúng": st.column_config.CheckboxColumn(width="small")},
    )
    return [
        {"text": str(r.get("Phương án") or "").strip(), "correct": bool(r.get("Đúng"))}
        for r in edited
        if str(r.get("Phương án") or "").strip()
    ]


def _question_form(question=None) -> None:
    key = f"contests_manage_qform_{question.id if question else 'new'}"
    qtypes = list(QUESTION_TYPE_LABELS)
    default_cat = question.category_id if question else (cat_ids[0] if cat_ids else None)
    category_id = st.selectbox(
        "Nhóm câu hỏi",
        cat_ids,
        format_func=cat_path.get,
        index=cat_ids.index(default_cat) if default_cat in cat_ids else 0,
        key=f"{key}_cat",
    )
    qtype = st.selectbox(
        "Loại câu hỏi",
        qtypes,
        format_func=QUESTION_TYPE_LABELS.get,
        index=qtypes.index(question.qtype) if question else 0,
        key=f"{key}_type",
        disabled=question is not None,
    )
    text = st.text_area(
        "Nội dung câu hỏi", value=question.text if question else "", key=f"{key}_text"
    )
    options = _options_editor(question.options if question else [], qtype, key)
    explanation = st.text_area(
        "Giải thích (hiện khi xem đáp án)",
        value=question.explanation if question else "",
        key=f"{key}_why",
    )
    left, right = st.columns(2)
    difficulty = left.selectbox(
        "Độ khó",
        list(DIFFICULTY_LABELS),
        format_func=DIFFICULTY_LABELS.get,
        index=(question.difficulty - 1) if question else 1,
        key=f"{key}_diff",
    )
    tags = right.text_input(
        "Thẻ (ngăn bằng dấu phẩy)", value=question.tags if question else "", key=f"{key}_tags"
    )
    active = st.checkbox(
        "Đang dùng", value=question.is_active if question else True, key=f"{key}_active"
    )
    image = st.file_uploader(
        "Ảnh minh họa (không bắt buộc)", type=["png", "jpg", "jpeg", "webp"], key=f"{key}_img"
    )
    drop_image = False
    if (
        question is not None
        and question.image_path
        and (settings().media_dir / question.image_path).is_file()
    ):
        st.image(str(settings().media_dir / question.image_path), width=240)
        drop_image = st.checkbox("Bỏ ảnh minh họa", key=f"{key}_noimg")
    if question is not None:
        st.caption(
            "Sửa đáp án của câu đã có người làm: sau khi lưu, vào “Kết quả và thống kê” để "
            "chấm lại."
        )
    if st.button("Lưu câu hỏi", type="primary", key=f"{key}_save"):
        image_path = None if drop_image else (question.image_path if question else None)
        if image is not None:
            try:
                image_path = process_image(
                    data=image.getvalue(), file_name=image.name, media_dir=settings().media_dir
                ).card
            except UserError as exc:
                st.error(str(exc))
                return
        if question is None:
            done = try_call(
                question_svc.create_question,
                actor=user,
                question_in=QuestionCreate(
                    category_id=category_id,
                    qtype=qtype,
                    text=text,
                    options=options,
                    explanation=explanation,
                    difficulty=difficulty,
                    tags=tags,
                    is_active=active,
                    image_path=image_path,
                ),
            )
        else:
            done = try_call(
                question_svc.update_question,
                actor=user,
                question_id=question.id,
                question_in=QuestionUpdate(
                    category_id=category_id,
                    text=text,
                    options=options,
                    explanation=explanation,
                    difficulty=difficulty,
                    tags=tags,
                    is_active=active,
                    image_path=image_path,
                ),
            )
        if done is not None:
            _done("Đã lưu câu hỏi.")


def bank_tab() -> None:
    left, right = st.columns([1, 2])
    with left:
        st.markdown("**Nhóm câu hỏi**")
        if categories:
            st.markdown(
                "\n".join(
                    f"{'  ' * c.depth}- {html.escape(c.name)} ({c.question_count})"
                    for c in categories
                )
            )
        else:
            st.caption("Chưa có nhóm nào.")
        with st.form("contests_manage_newcat", clear_on_submit=True):
            name = st.text_input("Tên nhóm mới")
            parent = st.selectbox(
                "Thuộc nhóm",
                [None, *cat_ids],
                format_func=lambda i: "(nhóm gốc)" if i is None else cat_path[i],
            )
            if st.form_submit_button("Thêm nhóm"):
                if (
                    try_call(question_svc.create_category, actor=user, name=name, parent_id=parent)
                    is not None
                ):
                    _done(f"Đã thêm nhóm “{name.strip()}”.")
    with right:
        f1, f2 = st.columns(2)
        chosen = f1.selectbox(
            "Lọc theo nhóm",
            [None, *cat_ids],
            key="contests_manage_filter",
            format_func=lambda i: "Tất cả" if i is None else cat_path[i],
        )
        search = f2.text_input("Tìm (không cần dấu)", key="contests_manage_search")
        questions = call(
            question_svc.list_questions,
            actor=user,
            category_id=chosen,
            search=search,
            include_inactive=True,
        )
        st.caption(f"{format_int(len(questions))} câu hỏi")
        cat_name = {c.id: c.name for c in categories}
        rows = [
            {
                "Mã": q.id,
                "Câu hỏi": q.text,
                "Nhóm": cat_name.get(q.category_id, ""),
                "Loại": QUESTION_TYPE_LABELS[q.qtype],
                "Đáp án": ", ".join(
                    "ABCDEFGHIJ"[i] for i, o in enumerate(q.options) if o.get("correct")
                ),
                "Độ khó": DIFFICULTY_LABELS.get(q.difficulty, ""),
                "Dùng": q.is_active,
            }
            for q in questions
        ]
        picked = st.dataframe(
            rows,
            hide_index=True,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            key="contests_manage_qtable",
            height=360,
        )
        selected_rows = picked.selection.rows if picked else []
        if selected_rows:
            st.session_state[MANAGE_QUESTION] = rows[selected_rows[0]]["Mã"]
    current = st.session_state.get(MANAGE_QUESTION)
    if current:
        question = try_call(question_svc.get_question, actor=user, question_id=current)
        if question:
            with st.expander(f"Sửa câu hỏi #{question.id}", expanded=True):
                _question_form(question)
    with st.expander("Thêm câu hỏi mới", expanded=not categories):
        if not categories:
            st.info("Hãy thêm một nhóm câu hỏi trước.")
        else:
            _question_form(None)


# --- import and export ---------------------------------------------------------------------------


def import_tab() -> None:
    st.markdown("**Nhập câu hỏi từ tệp**")
    st.caption(
        "Hỗ trợ: Excel theo mẫu (.xlsx), GIFT của Moodle (.gift hoặc .txt), Aiken (.txt), "
        "Word (.docx) dạng “Câu 1. … A. … B. … Đáp án: B” (phương án “a)” hay “a.”, "
        "nhiều phương án trên một dòng, đáp án in đậm, gạch chân hoặc tô đỏ, hay "
        "“Đáp án: A, C”). Ứng dụng cho xem trước; nếu có lỗi thì không câu nào được lưu."
    )
    st.download_button(
        "Tải mẫu Excel",
        data=io_svc.excel_template,
        on_click="ignore",
        file_name="mau-ngan-hang-cau-hoi.xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    # 0 stands for "the file's own groups": Streamlit shows a None choice as an empty box.
    target = (
        st.selectbox(
            "Lưu vào nhóm",
            [0, *cat_ids],
            key="contests_manage_import_target",
            format_func=lambda i: FILE_GROUPS if not i else cat_path[i],
            help="Tệp GIFT có dòng $CATEGORY thì nhóm trong tệp được tạo bên trong nhóm đã chọn; "
            "chọn “" + FILE_GROUPS + "” để giữ nguyên các nhóm như trong tệp.",
        )
        or None
    )
    upload = st.file_uploader("Chọn tệp", type=["xlsx", "docx", "txt", "gift"], key=MANAGE_UPLOAD)
    if upload is None:
        st.session_state.pop(MANAGE_PREVIEW, None)
    else:
        cached = st.session_state.get(MANAGE_PREVIEW)
        key = (upload.name, upload.size, upload.file_id)
        if cached is None or cached[0] != key:
            try:
                preview = io_svc.parse_file(upload.name, upload.getvalue())
            except UserError as exc:
                st.error(str(exc))
                preview = None
            cached = (key, preview, object())
        preview: io_svc.ImportPreview | None = cached[1]
        if preview is not None and cached[2] != target:
            # Duplicates against the bank depend on the chosen group: checked again when it
            # changes, not on every rerun.
            call(io_svc.mark_bank_duplicates, preview=preview, category_id=target)
            cached = (key, preview, target)
        st.session_state[MANAGE_PREVIEW] = cached
        if preview is not None:
            _preview(preview, target)
    st.divider()
    st.markdown("**Xuất ngân hàng câu hỏi**")
    scope = st.selectbox(
        "Phạm vi",
        [None, *cat_ids],
        key="contests_manage_export_scope",
        format_func=lambda i: "Toàn bộ ngân hàng" if i is None else cat_path[i],
    )
    a, b = st.columns(2)
    a.download_button(
        "Xuất Excel",
        on_click="ignore",
        data=lambda: call(io_svc.export_excel, actor=user, category_id=scope),
        file_name="ngan-hang-cau-hoi.xlsx",
        icon=":material/table:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    b.download_button(
        "Xuất GIFT (Moodle)",
        on_click="ignore",
        data=lambda: call(io_svc.export_gift, actor=user, category_id=scope),
        file_name="ngan-hang-cau-hoi.gift.txt",
        icon=":material/description:",
        mime="text/plain",
    )


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {md_text(line)}" for line in lines)


def _preview(preview: io_svc.ImportPreview, target: int | None) -> None:
    base = None if target is None else cat_path[target]
    st.markdown(
        f"**Xem trước ({preview.fmt})**: {len(preview.drafts)} câu hợp lệ, "
        f"{len(preview.errors)} lỗi, {len(preview.unsupported)} câu loại chưa hỗ trợ, "
        f"{len(preview.duplicates)} câu trùng."
    )
    if preview.errors:
        st.error(
            f"**{len(preview.errors)} lỗi — chưa lưu được câu nào; hãy sửa tệp rồi tải lên "
            "lại:**\n\n" + _bullets(preview.errors)
        )
    for note in io_svc.preview_notes(preview, base):
        st.info(note)
    duplicated = {
        d.draft_index: ("đã có trong ngân hàng" if d.other == "ngân hàng" else f"trùng {d.other}")
        for d in preview.duplicates
    }
    if preview.drafts:
        st.dataframe(
            [
                {
                    "Vị trí": d.source,
                    "Trùng": duplicated.get(i, ""),
                    "Lưu vào nhóm": io_svc.import_path(d, base),
                    "Loại": QUESTION_TYPE_LABELS[d.qtype],
                    "Câu hỏi": d.text,
                    "Phương án": " | ".join(
                        ("✔ " if o["correct"] else "") + o["text"] for o in d.options
                    ),
                }
                for i, d in enumerate(preview.drafts)
            ],
            hide_index=True,
            width="stretch",
        )
    skip = skip_dupes = False
    if preview.unsupported:
        st.warning(
            "Các câu sau thuộc loại ứng dụng chưa hỗ trợ:\n\n"
            + _bullets(
                [
                    f"{u.source[:1].upper()}{u.source[1:]}: {u.kind} — “{u.text}”"
                    for u in preview.unsupported
                ]
            )
        )
        skip = st.checkbox("Đồng ý bỏ qua các câu này", key="contests_manage_skip")
    if preview.duplicates:
        st.warning(
            "Các câu sau bị trùng:\n\n"
            + _bullets(
                [
                    f"{d.source[:1].upper()}{d.source[1:]}: “{d.text[:80]}” — "
                    + (
                        "đã có trong ngân hàng"
                        if d.other == "ngân hàng"
                        else f"trùng với {d.other}"
                    )
                    for d in preview.duplicates
                ]
            )
        )
        skip_dupes = st.checkbox(
            "Bỏ qua các câu trùng (chỉ lưu các câu còn lại)", key="contests_manage_skip_duplicates"
        )
    count = len(preview.drafts) - (len(duplicated) if skip_dupes else 0)
    blocked = bool(
        preview.errors
        or count <= 0
        or (preview.unsupported and not skip)
        or (preview.duplicates and not skip_dupes)
    )
    if st.button(
        f"Lưu {count} câu hỏi", type="primary", disabled=blocked, key="contests_manage_import_save"
    ):
        bar = st.progress(0.0, text="Đang lưu…")

        def progress(done: int, total: int) -> None:
            bar.progress(done / total, text=f"Đang lưu {done}/{total} câu…")

        saved = try_call(
            io_svc.save_import,
            actor=user,
            preview=preview,
            category_id=target,
            skip_unsupported=skip,
            skip_duplicates=skip_dupes,
            progress=progress,
        )
        bar.empty()
        if saved is not None:
            st.session_state.pop(MANAGE_PREVIEW, None)
            st.session_state.pop(MANAGE_UPLOAD, None)
            _done(f"Đã nhập {saved} câu hỏi.")


# --- contests and rounds -------------------------------------------------------------------------


def contest_tab() -> None:
    contests = call(contest_svc.list_contests)
    ids = [NEW] + [c.id for c in contests]
    titles = {NEW: "(Tạo cuộc thi mới)"} | {
        c.id: f"{c.title} ({'đã công bố' if c.status == ContestStatus.PUBLISHED else 'nháp'})"
        for c in contests
    }
    current = st.session_state.get(MANAGE_CONTEST, ids[1] if len(ids) > 1 else NEW)
    pick, start_new = st.columns([4, 1], vertical_alignment="bottom")
    choice = pick.selectbox(
        "Cuộc thi", ids, format_func=titles.get, index=ids.index(current) if current in ids else 0
    )
    if start_new.button(
        "Tạo cuộc thi mới", icon=":material/add:", width="stretch", disabled=choice == NEW
    ):
        st.session_state[MANAGE_CONTEST] = NEW
        st.rerun()
    st.session_state[MANAGE_CONTEST] = choice
    contest = next((c for c in contests if c.id == choice), None)
    _contest_form(contest)
    if contest is None:
        return
    st.subheader("Đợt thi")
    rounds = call(contest_svc.list_rounds, contest_id=contest.id)
    for rnd in rounds:
        label = (
            f"{rnd.name}{' (thi thử)' if rnd.is_trial else ''}: "
            f"{format_datetime(rnd.opens_at)} → {format_datetime(rnd.closes_at)}"
        )
        with st.expander(label):
            _round_form(contest.id, rnd, live=contest.status == ContestStatus.PUBLISHED)
            if rnd.is_trial:
                if st.button("Xóa kết quả thi thử", key=f"contests_manage_wipe_{rnd.id}"):
                    n = try_call(results_svc.wipe_trial_round, actor=user, round_id=rnd.id)
                    if n is not None:
                        _done(f"Đã xóa {n} bài thi thử.")
    with st.expander("Thêm đợt thi", icon=":material/add:"):
        _round_form(
            contest.id, None, order=len(rounds) + 1, after=rounds[-1].closes_at if rounds else None
        )
    _registration_box(contest)
    _publish_box(contest)


def _contest_form(contest) -> None:
    unit_list = call(unit_svc.list_units)
    unit_names = unit_svc.tree_labels(unit_list)
    key = f"contests_manage_cform_{contest.id if contest else 'new'}"
    with st.form(key):
        title = st.text_input("Tên cuộc thi", value=contest.title if contest else "")
        description = st.text_area("Giới thiệu", value=contest.description if contest else "")
        rules = st.text_area("Thể lệ", value=contest.rules if contest else "", height=160)
        banner = st.file_uploader("Ảnh bìa (không bắt buộc)", type=["png", "jpg", "jpeg", "webp"])
        eligible = st.multiselect(
            "Đối tượng dự thi (để trống = tất cả; chọn đơn vị thì gồm cả đơn vị cấp dưới)",
            list(unit_names),
            default=contest.eligible_unit_ids if contest else [],
            format_func=unit_names.get,
            placeholder="Tất cả đơn vị",
        )
        c1, c2 = st.columns(2)
        self_reg = c1.checkbox(
            "Cho phép tự đăng ký", value=contest.self_registration if contest else True
        )
        ask_contact = c1.checkbox(
            "Bắt buộc số điện thoại hoặc email",
            value=contest.ask_phone_or_email if contest else True,
        )
        ask_cccd = c2.checkbox("Hỏi số CCCD", value=contest.ask_cccd if contest else False)
        cccd_required = c2.checkbox(
            "CCCD bắt buộc", value=contest.cccd_required if contest else False
        )
        chain = st.multiselect(
            "Thứ tự tiêu chí xếp hạng",
            list(RANK_KEY_LABELS),
            default=list(contest.ranking_chain if contest else DEFAULT_CHAIN),
            format_func=RANK_KEY_LABELS.get,
            placeholder="Chọn tiêu chí",
        )
        p1, p2 = st.columns(2)
        most = p1.number_input(
            "Số giải tập thể: đông người dự thi nhất",
            0,
            10,
            value=contest.unit_prize_most if contest else 1,
        )
        rate = p2.number_input(
            "Số giải tập thể: tỉ lệ tham gia cao nhất",
            0,
            10,
            value=contest.unit_prize_rate if contest else 1,
        )
        if st.form_submit_button("Lưu cuộc thi", type="primary"):
            banner_path = contest.banner_path if contest else None
            if banner is not None:
                try:
                    banner_path = process_image(
                        data=banner.getvalue(),
                        file_name=banner.name,
                        media_dir=settings().media_dir,
                    ).large
                except UserError as exc:
                    st.error(str(exc))
                    return
            data = dict(
                title=title,
                description=description,
                rules=rules,
                banner_path=banner_path,
                eligible_unit_ids=eligible,
                self_registration=self_reg,
                ask_phone_or_email=ask_contact,
                ask_cccd=ask_cccd,
                cccd_required=cccd_required,
                ranking_chain=chain or list(DEFAULT_CHAIN),
                unit_prize_most=int(most),
                unit_prize_rate=int(rate),
            )
            if contest is None:
                done = try_call(
                    contest_svc.create_contest,
                    actor=user,
                    contest_in=ContestCreate(**data),
                )
                if done is not None:
                    st.session_state[MANAGE_CONTEST] = done.id
                    _done("Đã tạo cuộc thi; tiếp theo hãy thêm các đợt thi.")
            elif (
                try_call(
                    contest_svc.update_contest,
                    actor=user,
                    contest_id=contest.id,
                    contest_in=ContestUpdate(**data),
                )
                is not None
            ):
                _done("Đã lưu cuộc thi.")


def _to_minute(moment: datetime) -> datetime:
    return utc(moment).replace(second=0, microsecond=0)


def _live_warning(rnd, key: str) -> bool:
    """A published round members are taking: say what a change does to them; True when the
    organiser has confirmed (or there is nothing to confirm)."""
    activity = call(attempts_svc.round_activity, actor=user, round_id=rnd.id)
    st.warning(
        f"Đợt thi đang mở cho thành viên: {format_int(activity.open_attempts)} người đang làm "
        f"bài, {format_int(activity.submitted_attempts)} bài đã nộp. Thay đổi thời gian làm bài, "
        "cơ cấu đề hay giờ mở, đóng chỉ áp dụng cho lượt bắt đầu sau khi lưu: bài đang làm giữ "
        "nguyên bộ câu hỏi đã rút và hạn nộp đã tính lúc bắt đầu; bài đã nộp giữ nguyên điểm. "
        "Người thi trước và sau khi đổi sẽ làm đề khác nhau.",
        icon=":material/warning:",
    )
    return st.checkbox(
        "Tôi hiểu, vẫn lưu thay đổi khi đợt thi đang diễn ra", key=f"{key}_confirm_live"
    )


def _round_form(
    contest_id: int, rnd, order: int = 1, after: datetime | None = None, live: bool = False
) -> None:
    # A new round's form is keyed by its order, so the next one starts from fresh defaults.
    key = f"contests_manage_rform_{rnd.id if rnd else f'new{contest_id}_{order}'}"
    opens_default, closes_default = contest_svc.default_round_window(previous_closes=after)
    with st.form(key):
        name = st.text_input("Tên đợt thi", value=rnd.name if rnd else f"Tuần thi thứ {order}")
        is_trial = st.checkbox(
            "Đợt thi thử (kết quả được xóa trước các đợt chính thức)",
            value=rnd.is_trial if rnd else False,
        )
        opens = _local_input("Mở lúc", rnd.opens_at if rnd else opens_default, f"{key}_o")
        closes = _local_input("Đóng lúc", rnd.closes_at if rnd else closes_default, f"{key}_c")
        st.markdown("**Cơ cấu đề**: số câu rút ngẫu nhiên từ mỗi nhóm (gồm cả nhóm con)")
        current_quotas = rnd.quotas if rnd else {}
        quota_cols = st.columns(2)
        quota_values = {
            c.id: quota_cols[i % 2].number_input(
                f"{c.path} (có {cat_total[c.id]} câu)",
                min_value=0,
                max_value=500,
                step=1,
                value=int(current_quotas.get(str(c.id), 0)),
                key=f"{key}_q_{c.id}",
            )
            for i, c in enumerate(categories)
        }
        c1, c2, c3 = st.columns(3)
        minutes = c1.number_input(
            "Thời gian (phút)", 1, 600, value=rnd.time_limit_minutes if rnd else 15
        )
        attempts = c2.number_input(
            "Số lần thi (0 = không giới hạn)", 0, 100, value=rnd.max_attempts if rnd else 1
        )
        counting = c3.selectbox(
            "Lần được tính",
            list(COUNTING_LABELS),
            format_func=COUNTING_LABELS.get,
            index=list(COUNTING_LABELS).index(rnd.counting) if rnd else 0,
        )
        s1, s2 = st.columns(2)
        shuffle_q = s1.checkbox("Đảo thứ tự câu hỏi", value=rnd.shuffle_questions if rnd else True)
        shuffle_o = s2.checkbox("Đảo thứ tự phương án", value=rnd.shuffle_options if rnd else True)
        review = st.selectbox(
            "Xem đáp án",
            list(REVIEW_LABELS),
            format_func=REVIEW_LABELS.get,
            index=list(REVIEW_LABELS).index(rnd.review_policy) if rnd else 2,
        )
        scoring = st.selectbox(
            "Chấm câu nhiều đáp án",
            list(MULTIPLE_SCORING_LABELS),
            format_func=MULTIPLE_SCORING_LABELS.get,
            index=list(MULTIPLE_SCORING_LABELS).index(rnd.multiple_scoring) if rnd else 0,
        )
        pred = st.checkbox("Có câu hỏi dự đoán", value=rnd.prediction_enabled if rnd else True)
        pk = st.selectbox(
            "Đáp số của câu dự đoán (ứng dụng tự tính khi đợt thi đóng)",
            list(PREDICTION_LABELS),
            format_func=PREDICTION_LABELS.get,
            index=list(PREDICTION_LABELS).index(rnd.prediction_kind) if rnd else 0,
        )
        ptext = st.text_input(
            "Nội dung câu hỏi dự đoán",
            value=rnd.prediction_text
            if rnd
            else "Theo bạn, đợt này có bao nhiêu người trả lời đúng tất cả các câu?",
        )
        g = st.columns(4)
        prizes = [
            g[i].number_input(label, 0, 100, value=getattr(rnd, field) if rnd else dflt)
            for i, (label, field, dflt) in enumerate(
                (
                    ("Giải Nhất", "prize_first", 1),
                    ("Giải Nhì", "prize_second", 2),
                    ("Giải Ba", "prize_third", 3),
                    ("Khuyến khích", "prize_consolation", 5),
                )
            )
        ]
        own_chain = st.multiselect(
            "Tiêu chí xếp hạng riêng của đợt (để trống = theo cuộc thi)",
            list(RANK_KEY_LABELS),
            default=list(rnd.ranking_chain) if rnd else [],
            format_func=RANK_KEY_LABELS.get,
            placeholder="Theo cuộc thi",
        )
        running = (
            rnd is not None and live and utc(rnd.opens_at) <= datetime.now(UTC) < utc(rnd.closes_at)
        )
        confirmed = _live_warning(rnd, key) if running else True
        if st.form_submit_button("Lưu đợt thi", type="primary"):
            quotas = {str(cid): int(n) for cid, n in quota_values.items() if n}
            changes_the_test = running and (
                int(minutes) != rnd.time_limit_minutes
                or quotas != dict(rnd.quotas)
                or opens != _to_minute(rnd.opens_at)
                or closes != _to_minute(rnd.closes_at)
            )
            if changes_the_test and not confirmed:
                st.error(
                    "Chưa lưu: đợt thi đang diễn ra. Đánh dấu “Tôi hiểu, vẫn lưu thay đổi "
                    "khi đợt thi đang diễn ra” rồi bấm “Lưu đợt thi” lần nữa."
                )
                return
            data = dict(
                name=name,
                is_trial=is_trial,
                opens_at=opens,
                closes_at=closes,
                quotas=quotas,
                time_limit_minutes=int(minutes),
                max_attempts=int(attempts),
                counting=counting,
                shuffle_questions=shuffle_q,
                shuffle_options=shuffle_o,
                review_policy=review,
                multiple_scoring=scoring,
                prediction_enabled=pred,
                prediction_kind=pk,
                prediction_text=ptext,
                prize_first=int(prizes[0]),
                prize_second=int(prizes[1]),
                prize_third=int(prizes[2]),
                prize_consolation=int(prizes[3]),
                ranking_chain=own_chain,
            )
            if rnd is None:
                done = try_call(
                    contest_svc.create_round,
                    actor=user,
                    round_in=RoundCreate(contest_id=contest_id, sort_order=order, **data),
                )
            else:
                done = try_call(
                    contest_svc.update_round,
                    actor=user,
                    round_id=rnd.id,
                    round_in=RoundUpdate(**data),
                )
            if done is not None:
                _done("Đã lưu đợt thi.")


def _registration_box(contest) -> None:
    st.subheader("Người dự thi")
    count = call(registration_svc.registration_count, contest_id=contest.id)
    st.caption(
        f"Đã có {format_int(count)} người đăng ký. "
        + (
            "Người dự thi tự đăng ký trên trang “Cuộc thi tìm hiểu”; Ban tổ chức cũng có "
            "thể đăng ký hộ theo đơn vị."
            if contest.self_registration
            else "Cuộc thi không cho tự đăng ký: Ban tổ chức đăng ký theo đơn vị."
        )
    )
    unit_list = call(unit_svc.list_units)
    names = unit_svc.tree_labels(unit_list)
    with st.form(f"contests_manage_reg_{contest.id}", clear_on_submit=True):
        chosen = st.multiselect(
            "Đăng ký toàn bộ thành viên của các đơn vị",
            list(names),
            format_func=names.get,
            placeholder="Chọn đơn vị",
        )
        if st.form_submit_button("Đăng ký"):
            added = try_call(
                registration_svc.register_units, actor=user, contest_id=contest.id, unit_ids=chosen
            )
            if added is not None:
                _done(f"Đã đăng ký thêm {added} người.")


def _publish_box(contest) -> None:
    st.subheader("Kiểm tra trước khi công bố")
    problems = call(publish_svc.publish_problems, actor=user, contest_id=contest.id)
    blocking = [p for p in problems if p.blocking]
    if not problems:
        st.success("Không phát hiện vấn đề nào.")
    for p in problems:
        (st.error if p.blocking else st.warning)(f"{p.where}: {p.message}")
    if contest.status == ContestStatus.PUBLISHED:
        st.info(f"Cuộc thi đã được công bố lúc {format_datetime(contest.published_at)}.")
        if st.button("Hủy công bố (chuyển về nháp)", key="contests_manage_unpublish"):
            if (
                try_call(publish_svc.unpublish_contest, actor=user, contest_id=contest.id)
                is not None
            ):
                _done("Đã chuyển cuộc thi về nháp.")
    elif st.button(
        "Công bố cuộc thi", type="primary", disabled=bool(blocking), key="contests_manage_publish"
    ):
        if try_call(publish_svc.publish_contest, actor=user, contest_id=contest.id) is not None:
            _done(
                "Đã công bố cuộc thi; người dự thi đã thấy cuộc thi trên trang “Cuộc thi tìm hiểu”."
            )


# Keyed, so that a save (which reruns with a message above) stays on the tab it was made in.
bank, imports, contests_panel = st.tabs(
    ["Ngân hàng câu hỏi", "Nhập / xuất câu hỏi", "Cuộc thi và đợt thi"],
    key=MANAGE_TAB,
    on_change="rerun",
)
# Only the open tab's body runs (the bank's two exports and the contest lists are queries).
if bank.open:
    with bank:
        bank_tab()
if imports.open:
    with imports:
        import_tab()
if contests_panel.open:
    with contests_panel:
        contest_tab()
