"""Nhập khen thưởng: one record by form, a year's records from the Excel template (all or
nothing), the list with revoke and Excel export, and the vocabulary (edited by the admin)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import streamlit as st

from models.commendations import (
    AWARD_KIND_LABELS,
    AWARD_STATUS_LABELS,
    FORM_SCOPE_LABELS,
    ISSUER_LEVEL_LABELS,
    ISSUER_TIER_LABELS,
    RECIPIENT_LABELS,
    AwardCreate,
    AwardFormCreate,
    AwardIssuerCreate,
    AwardKind,
    AwardOccasionCreate,
    AwardStatus,
    FormScope,
    IssuerLevel,
    IssuerTier,
    RecipientType,
)
from services.capabilities import Capability, can
from services.commendations import excel as cio
from services.commendations import records as com
from services.errors import UserError
from services.units import list_units, tree_labels
from services.validation import (
    EARLIEST_YEAR,
    build,
    date_problem,
    latest_year,
    max_chars,
    year_problem,
)
from services.vi import format_date, format_int, local_today
from ui.auth import guard
from ui.core import attempt, call
from ui.feedback import blank_none, flash, show_flash, show_problems

ADD_FORM = "com_manage_add_form"
UPLOAD = "com_manage_upload"
CHECKED = "com_manage_checked"  # (file hash, ImportCheck)
IMPORTED = "com_manage_imported"  # hashes of files already imported in this session
IMPORT_BUSY = "com_manage_import_busy"
IMPORT_DONE = "com_manage_import_done"  # the message shown after the rerun that follows
KEEP_DUPLICATES = "com_manage_keep_duplicates"
LIST_YEARS = "com_manage_list_years"
LIST_KIND = "com_manage_list_kind"
LIST_SEARCH = "com_manage_list_search"
LIST_REVOKED = "com_manage_list_revoked"
LIST_TABLE = "com_manage_list_table"
VOCAB_PREFIX = "com_manage_vocab"
MANAGE_TAB = "com_manage_tab"
TAB_LABELS = ("Thêm một bản ghi", "Nhập từ Excel", "Danh sách và xuất Excel", "Danh mục")
NEW = 0
ANY_DATE = {"min_value": date(1, 1, 1), "max_value": date(9999, 12, 31)}  # checked by us
LIST_LIMIT = 500

user = guard("commendations_manage")
is_admin = can(user, Capability.EDIT_VOCABULARY)
st.title("Nhập khen thưởng")
st.caption(
    "Ghi từng quyết định khen thưởng, hoặc nhập cả năm từ tệp Excel mẫu. Biểu dương và "
    "danh hiệu thi đua được ghi như khen thưởng nhưng luôn được thống kê riêng."
)


# --- shared labels ---------------------------------------------------------------------------
def _unit_labels() -> dict[int, str]:
    return tree_labels(call(list_units))


def _form_labels(vocab) -> dict[int, str]:
    return {f.id: f"{f.name} — {AWARD_KIND_LABELS[AwardKind(f.kind)].lower()}" for f in vocab.forms}


def _issuer_labels(vocab) -> dict[int, str]:
    return {i.id: f"{i.name} ({ISSUER_LEVEL_LABELS[IssuerLevel(i.level)]})" for i in vocab.issuers}


def _occasion_labels(vocab) -> dict[int, str]:
    return {o.id: o.name for o in vocab.occasions}


def _year_input(column, value: int, **kwargs) -> int:
    """The one year rule on a widget; a stored year outside it still shows (and is refused on
    save by `year_problem`) rather than breaking the form."""
    return column.number_input(
        "Năm",
        min_value=min(EARLIEST_YEAR, value),
        max_value=max(latest_year(), value),
        value=value,
        step=1,
        **kwargs,
    )


# --- one record ------------------------------------------------------------------------------
def _add_form(vocab, unit_labels: dict[int, str]) -> tuple[dict[str, Any], bool, bool]:
    """The form's values as AwardCreate's fields, the 'keep duplicates' tick and the click."""
    record_labels = dict(call(com.catalogue_choices))
    form_labels, issuer_labels = _form_labels(vocab), _issuer_labels(vocab)
    occasion_labels = _occasion_labels(vocab)
    # The values stay after a save: a batch of similar records is typed faster, and a second
    # click meets the duplicate warning below.
    with st.form(ADD_FORM, clear_on_submit=False):
        c1, c2 = st.columns([1, 2])
        rtype = c1.radio(
            "Đối tượng",
            [RecipientType.INDIVIDUAL, RecipientType.COLLECTIVE],
            format_func=lambda r: RECIPIENT_LABELS[RecipientType(r)],
            horizontal=True,
        )
        name = c2.text_input(
            "Họ tên cá nhân / tên tập thể", max_chars=max_chars(AwardCreate, "recipient_name")
        )
        c1, c2 = st.columns(2)
        unit_id = c1.selectbox(
            "Đơn vị",
            list(unit_labels),
            format_func=unit_labels.get,
            index=None,
            placeholder="Chọn đơn vị",
        )
        record_id = c2.selectbox(
            "Gắn với gương sáng (nếu có)",
            list(record_labels),
            format_func=lambda r: f"{record_labels[r]} (mã {r})",
            index=None,
            placeholder="Không gắn",
        )
        c1, c2, c3 = st.columns([3, 1, 3])
        form_id = c1.selectbox(
            "Hình thức khen thưởng / danh hiệu",
            [f.id for f in vocab.forms if f.is_active],
            format_func=form_labels.get,
            index=None,
            placeholder="Chọn hình thức",
        )
        form_class = c2.selectbox("Hạng", list(com.FORM_CLASSES), format_func=lambda c: c or "—")
        issuer_id = c3.selectbox(
            "Cấp khen (người ký)",
            [i.id for i in vocab.issuers if i.is_active],
            format_func=issuer_labels.get,
            index=None,
            placeholder="Chọn cấp khen",
        )
        c1, c2, c3, c4 = st.columns([2, 2, 1, 3])
        number = c1.text_input(
            "Số quyết định",
            placeholder="vd. 123-QĐ/ĐUK",
            max_chars=max_chars(AwardCreate, "decision_number"),
        )
        decision_date = c2.date_input(
            "Ngày quyết định", value=None, format="DD/MM/YYYY", **ANY_DATE
        )
        year = _year_input(c3, local_today().year)
        occasion_id = c4.selectbox(
            "Dịp",
            [o.id for o in vocab.occasions if o.is_active],
            format_func=occasion_labels.get,
            index=None,
            placeholder="Chọn dịp",
        )
        achievement = st.text_area(
            "Thành tích", height=80, max_chars=max_chars(AwardCreate, "achievement")
        )
        keep = st.checkbox(
            "Vẫn lưu nếu trùng một bản ghi đã có (cùng người, năm, hình thức và số quyết định)"
        )
        submitted = st.form_submit_button("Lưu bản ghi", type="primary")
    values = dict(
        recipient_type=rtype,
        recipient_name=name,
        unit_id=unit_id,
        user_id=None,
        catalogue_record_id=record_id,
        form_id=form_id,
        form_class=form_class,
        issuer_id=issuer_id,
        occasion_id=occasion_id,
        decision_number=number,
        decision_date=decision_date,
        year=int(year),
        achievement=achievement,
    )
    return values, keep, submitted


def _build_award(values: dict[str, Any]) -> AwardCreate | None:
    """The payload, or None with every problem shown at once."""
    try:
        return build(
            AwardCreate,
            values,
            extra=[
                None
                if values["recipient_name"].strip()
                else "Vui lòng nhập họ tên cá nhân hoặc tên tập thể.",
                None
                if values["form_id"]
                else "Vui lòng chọn hình thức khen thưởng hoặc danh hiệu.",
                None if values["issuer_id"] else "Vui lòng chọn cấp khen (người ký quyết định).",
                date_problem(values["decision_date"], "Ngày quyết định"),
                year_problem(values["year"]),
            ],
        )
    except UserError as exc:
        show_problems(getattr(exc, "problems", [str(exc)]))
        return None


def _save_award(award_in: AwardCreate, keep: bool) -> None:
    """Save, unless it may repeat a record and the user has not said it is another one."""
    duplicates = call(com.find_duplicates, award_in=award_in)
    if duplicates and not keep:
        st.warning(
            "Có thể trùng: "
            + "; ".join(
                f"mã {d.id} — {d.recipient_name}, {d.form_name}, năm {d.year}, QĐ "
                f"{d.decision_number or '—'}"
                for d in duplicates
            )
            + ". Đánh dấu “Vẫn lưu nếu trùng” nếu đây là một lượt khen khác."
        )
        return
    saved = attempt(com.create_award, actor=user, award_in=award_in)
    if saved:
        flash(
            f"Đã lưu: {saved.recipient_name} — {saved.form_name}, "
            f"{saved.issuer_name}, năm {saved.year} (mã {saved.id}).",
            slot=ADD_FORM,
        )


def add_tab() -> None:
    vocab = call(com.get_vocabulary)
    show_flash(ADD_FORM)
    values, keep, submitted = _add_form(vocab, _unit_labels())
    award_in = _build_award(values) if submitted else None
    if award_in is not None:
        _save_award(award_in, keep)


# --- import from Excel -----------------------------------------------------------------------
def _check_file(data: bytes, digest: str):
    """The file's check, run once per file (a rerun reuses it); None if it could not be read."""
    cached = st.session_state.get(CHECKED)
    if cached is None or cached[0] != digest:
        with st.status("Đang kiểm tra tệp…", expanded=False) as status:
            bar = st.progress(0.0)
            check = attempt(
                cio.check_import,
                actor=user,
                data=data,
                on_progress=lambda done, total: bar.progress(
                    done / total,
                    text=f"Đã kiểm tra {format_int(done)}/{format_int(total)} dòng",
                ),
            )
            if check is None or check.errors:  # the errors must be seen, not folded away
                status.update(label="Tệp có lỗi, chưa nhập dòng nào.", state="error", expanded=True)
            else:
                status.update(label="Đã kiểm tra xong tệp.", state="complete")
        st.session_state[CHECKED] = (digest, check)
    return st.session_state[CHECKED][1]


def _show_errors(check) -> None:
    st.error(
        f"Tệp còn {format_int(len(check.errors))} lỗi — chưa nhập dòng nào. "
        "Vui lòng sửa các dòng sau rồi chọn lại tệp:"
    )
    st.dataframe([{"Lỗi": e} for e in check.errors[:1000]], hide_index=True, width="stretch")


def _run_import(data: bytes, digest: str, keep_duplicates: bool) -> None:
    """Import the file once: a second click (or a double click) while it runs does nothing."""
    st.session_state[IMPORT_BUSY] = True
    try:
        with st.status("Đang nhập…", expanded=True) as status:
            bar = st.progress(0.0)
            result = attempt(
                cio.import_awards,
                data=data,
                actor=user,
                skip_duplicates=not keep_duplicates,
                on_progress=lambda done, total: bar.progress(
                    done / max(total, 1),
                    text=f"Đã ghi {format_int(done)}/{format_int(total)} dòng",
                ),
            )
            status.update(
                label="Đã nhập xong." if result else "Chưa nhập.",
                state="complete" if result else "error",
            )
    finally:
        st.session_state[IMPORT_BUSY] = False
    if result is not None:
        st.session_state.setdefault(IMPORTED, set()).add(digest)
        years = ", ".join(str(y) for y in result.years)
        st.session_state[IMPORT_DONE] = (
            f"Đã nhập {format_int(result.imported)} bản ghi (năm {years}); bỏ "
            f"qua {format_int(result.skipped_duplicates)} dòng có thể trùng."
        )
        st.rerun()


def _import_box(check, data: bytes, digest: str) -> None:
    """A valid file: its duplicates, and the one button that imports it."""
    st.success(f"Tệp hợp lệ: {format_int(len(check.rows))} dòng.")
    keep_duplicates = False
    if check.duplicates:
        st.warning(
            f"{format_int(len(check.duplicates))} dòng có thể trùng (cùng "
            "người, năm, hình thức và số quyết định):\n\n"
            + "\n".join(f"- {d}" for d in check.duplicates[:50])
        )
        keep_duplicates = st.checkbox("Vẫn nhập các dòng có thể trùng", key=KEEP_DUPLICATES)
    count = len(check.rows) - (0 if keep_duplicates else len(check.duplicate_rows))
    already = digest in st.session_state.get(IMPORTED, set())
    busy = st.session_state.get(IMPORT_BUSY, False)
    if already:
        st.info("Tệp này đã được nhập trong phiên làm việc này.")
    clicked = st.button(
        f"Nhập {format_int(count)} dòng",
        type="primary",
        disabled=already or busy or count == 0,
        key="com_manage_import_button",
    )
    if (
        clicked
        and not st.session_state.get(IMPORT_BUSY, False)
        and digest not in st.session_state.get(IMPORTED, set())
    ):
        _run_import(data, digest, keep_duplicates)


def import_tab() -> None:
    st.markdown(
        "**Bước 1.** Tải tệp mẫu, điền mỗi dòng một lượt khen (cột có danh sách chọn "
        "theo danh mục hiện hành)."
    )
    st.download_button(
        "Tải tệp Excel mẫu",
        data=lambda: call(cio.import_template, actor=user),
        file_name="mau-nhap-khen-thuong.xlsx",
        mime=cio.XLSX_MIME,
        on_click="ignore",
        icon=":material/download:",
        key="com_manage_template",
    )
    st.markdown(
        "**Bước 2.** Chọn tệp đã điền. Ứng dụng kiểm tra từng dòng; chỉ khi không còn "
        "lỗi mới nhập, và nhập tất cả cùng lúc."
    )
    done_message = st.session_state.pop(IMPORT_DONE, None)
    if done_message:
        st.success(done_message)
        st.page_link(
            "pages/commendations_dashboard.py",
            label="Xem trên biểu đồ khen thưởng theo năm",
            icon=":material/bar_chart:",
        )
    uploaded = st.file_uploader("Tệp Excel (.xlsx)", type=["xlsx"], key=UPLOAD)
    if uploaded is None:
        return
    data = uploaded.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    check = _check_file(data, digest)
    if check is None:
        return
    if check.errors:
        _show_errors(check)
    else:
        _import_box(check, data, digest)


# --- list, revoke, export --------------------------------------------------------------------
def _list_filter() -> com.AwardFilter:
    this_year = local_today().year
    low, high = call(com.year_bounds) or (this_year, this_year)
    high = max(high, low + 1)
    c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
    years = c1.slider(
        "Năm", min_value=low, max_value=high, value=(max(low, high - 1), high), key=LIST_YEARS
    )
    kind = c2.selectbox(
        "Loại",
        [None, AwardKind.FORM, AwardKind.TITLE, AwardKind.PRAISE],
        format_func=lambda k: "Tất cả" if k is None else AWARD_KIND_LABELS[AwardKind(k)],
        key=LIST_KIND,
    )
    search = c3.text_input("Tìm tên hoặc số quyết định", key=LIST_SEARCH)
    with_revoked = c4.checkbox("Kể cả đã thu hồi", key=LIST_REVOKED)
    return com.AwardFilter(
        year_from=years[0], year_to=years[1], kind=kind, search=search, include_revoked=with_revoked
    )


def _award_table(rows, total: int):
    """The filtered awards, newest first; a row picked opens its edit panel."""
    st.caption(
        f"{format_int(total)} bản ghi"
        + (
            " — hiển thị 500 bản ghi mới nhất; tải Excel để xem đầy đủ"
            if total > LIST_LIMIT
            else ""
        )
    )
    return st.dataframe(
        blank_none(
            {
                "Mã": r.id,
                "Năm": r.year,
                "Đối tượng": r.labels["recipient"],
                "Họ tên / tập thể": r.recipient_name,
                "Đơn vị": r.unit_name,
                "Hình thức, danh hiệu": r.form_label,
                "Cấp khen": r.issuer_name,
                "Số QĐ": r.decision_number,
                "Ngày QĐ": format_date(r.decision_date),
                "Trạng thái": AWARD_STATUS_LABELS[AwardStatus(r.status)],
            }
            for r in rows
        ),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=LIST_TABLE,
        column_config={
            "Mã": st.column_config.NumberColumn(format="%d"),
            "Năm": st.column_config.NumberColumn(format="%d"),
        },
    )


def _index(options: list, value, default: int = 0) -> int:
    return options.index(value) if value in options else default


def _edit_form(award, row_id: int) -> None:
    vocab = call(com.get_vocabulary)
    unit_labels = _unit_labels()
    form_labels, issuer_labels = _form_labels(vocab), _issuer_labels(vocab)
    occasion_labels = _occasion_labels(vocab)
    with st.form(f"com_manage_edit_{row_id}"):
        st.caption("Sửa bản ghi")
        c1, c2 = st.columns(2)
        e_name = c1.text_input(
            "Họ tên / tên tập thể",
            value=award.recipient_name,
            max_chars=max_chars(AwardCreate, "recipient_name"),
        )
        unit_ids = [None, *unit_labels]
        e_unit = c2.selectbox(
            "Đơn vị",
            unit_ids,
            index=_index(unit_ids, award.unit_id),
            format_func=lambda u: "—" if u is None else unit_labels[u],
        )
        c1, c2, c3 = st.columns([3, 1, 3])
        form_ids = [f.id for f in vocab.forms]
        e_form = c1.selectbox(
            "Hình thức / danh hiệu",
            form_ids,
            index=form_ids.index(award.form_id),
            format_func=form_labels.get,
        )
        classes = list(com.FORM_CLASSES)
        e_class = c2.selectbox(
            "Hạng", classes, index=_index(classes, award.form_class), format_func=lambda c: c or "—"
        )
        issuer_ids = [i.id for i in vocab.issuers]
        e_issuer = c3.selectbox(
            "Cấp khen",
            issuer_ids,
            index=issuer_ids.index(award.issuer_id),
            format_func=issuer_labels.get,
        )
        c1, c2, c3, c4 = st.columns([2, 2, 1, 3])
        e_number = c1.text_input(
            "Số quyết định",
            value=award.decision_number,
            max_chars=max_chars(AwardCreate, "decision_number"),
        )
        e_date = c2.date_input(
            "Ngày quyết định", value=award.decision_date, format="DD/MM/YYYY", **ANY_DATE
        )
        e_year = _year_input(c3, award.year)
        occasion_ids = [None, *occasion_labels]
        e_occasion = c4.selectbox(
            "Dịp",
            occasion_ids,
            index=_index(occasion_ids, award.occasion_id),
            format_func=lambda o: "—" if o is None else occasion_labels[o],
        )
        e_achievement = st.text_area(
            "Thành tích",
            value=award.achievement,
            height=68,
            max_chars=max_chars(AwardCreate, "achievement"),
        )
        edited = st.form_submit_button("Lưu thay đổi", type="primary")
    if not edited:
        return
    problems = [date_problem(e_date, "Ngày quyết định"), year_problem(int(e_year))]
    problems += [
        f"{label}: tối đa {limit} ký tự."
        for label, value, limit in (
            ("Họ tên / tên tập thể", e_name, max_chars(AwardCreate, "recipient_name")),
            ("Số quyết định", e_number, max_chars(AwardCreate, "decision_number")),
            ("Thành tích", e_achievement, max_chars(AwardCreate, "achievement")),
        )
        if len(value or "") > limit
    ]
    if any(problems):
        show_problems(problems)
    elif attempt(
        com.update_award,
        actor=user,
        award_id=row_id,
        award_in=com.AwardUpdate(
            recipient_name=e_name,
            unit_id=e_unit,
            form_id=e_form,
            form_class=e_class,
            issuer_id=e_issuer,
            decision_number=e_number,
            decision_date=e_date,
            year=int(e_year),
            occasion_id=e_occasion,
            achievement=e_achievement,
        ),
    ):
        flash(f"Đã lưu bản ghi mã {row_id}.", slot=LIST_TABLE)


def _revoke_box(row) -> None:
    if row.status == AwardStatus.ACTIVE:
        reason = st.text_input("Lý do thu hồi", key=f"com_manage_reason_{row.id}")
        if st.button("Thu hồi khen thưởng", key=f"com_manage_revoke_{row.id}") and attempt(
            com.revoke_award, actor=user, award_id=row.id, reason=reason
        ):
            flash(f"Đã thu hồi bản ghi mã {row.id}.", slot=LIST_TABLE)
    elif st.button("Khôi phục hiệu lực", key=f"com_manage_restore_{row.id}") and attempt(
        com.restore_award, actor=user, award_id=row.id
    ):
        flash(f"Đã khôi phục hiệu lực bản ghi mã {row.id}.", slot=LIST_TABLE)


def _award_panel(row) -> None:
    """The picked award: edit it, revoke it or restore it."""
    award = call(com.get_award, actor=user, award_id=row.id)
    with st.container(border=True):
        st.markdown(
            f"**Mã {row.id}** — {row.recipient_name}, {row.form_label}, "
            f"{row.issuer_name}, năm {row.year}"
        )
        _edit_form(award, row.id)
        _revoke_box(row)


def list_tab() -> None:
    flt = _list_filter()
    rows, total = call(com.list_awards, actor=user, flt=flt, limit=LIST_LIMIT)
    show_flash(LIST_TABLE)
    event = _award_table(rows, total)
    st.download_button(
        "Tải Excel các bản ghi đã lọc",
        data=lambda: call(cio.export_awards, actor=user, flt=flt),
        file_name=f"khen-thuong-{flt.year_from}-{flt.year_to}.xlsx",
        mime=cio.XLSX_MIME,
        on_click="ignore",
        icon=":material/download:",
        key="com_manage_export",
    )
    picked = event.selection.rows if event and event.selection else []
    if picked:
        _award_panel(rows[picked[0]])


# --- vocabulary ------------------------------------------------------------------------------
def _pick(items, name_of, what: str) -> int:
    """The admin's choice in one list: an entry to edit, or NEW."""
    return st.selectbox(
        "Sửa hoặc thêm",
        [NEW] + [item.id for item in items],
        format_func=lambda i: "— Thêm mới —" if i == NEW else name_of(i),
        key=f"{VOCAB_PREFIX}_{what}_pick",
    )


def _forms_panel(vocab) -> None:
    st.dataframe(
        [
            {
                "Tên": f.name,
                "Loại": AWARD_KIND_LABELS[AwardKind(f.kind)],
                "Áp dụng cho": FORM_SCOPE_LABELS[FormScope(f.scope)],
                "Căn cứ": f.legal_basis,
                "Đang dùng": f.is_active,
            }
            for f in vocab.forms
        ],
        hide_index=True,
        width="stretch",
    )
    if not is_admin:
        return
    choice = _pick(vocab.forms, lambda i: vocab.form(i).name, "form")
    current = vocab.form(choice) if choice != NEW else None
    with st.form(f"{VOCAB_PREFIX}_form_{choice}"):
        f_name = st.text_input(
            "Tên",
            value=current.name if current else "",
            max_chars=max_chars(AwardFormCreate, "name"),
        )
        kinds = [AwardKind.FORM, AwardKind.TITLE, AwardKind.PRAISE]
        f_kind = st.selectbox(
            "Loại",
            kinds,
            format_func=lambda k: AWARD_KIND_LABELS[k],
            index=kinds.index(current.kind) if current else 0,
        )
        scopes = list(FormScope)
        f_scope = st.selectbox(
            "Áp dụng cho",
            scopes,
            format_func=lambda s: FORM_SCOPE_LABELS[s],
            index=scopes.index(current.scope) if current else 0,
        )
        f_basis = st.text_input(
            "Căn cứ",
            value=current.legal_basis if current else "",
            max_chars=max_chars(AwardFormCreate, "legal_basis"),
        )
        f_active = st.checkbox("Đang dùng", value=current.is_active if current else True)
        if st.form_submit_button("Lưu", type="primary"):
            payload = AwardFormCreate(
                name=f_name,
                kind=f_kind,
                scope=f_scope,
                legal_basis=f_basis,
                is_active=f_active,
                sort_order=current.sort_order if current else len(vocab.forms),
            )
            if attempt(
                com.save_form, actor=user, form_id=current.id if current else None, form_in=payload
            ):
                flash(f"Đã lưu “{f_name.strip()}”.", slot=VOCAB_PREFIX)


def _issuers_panel(vocab) -> None:
    st.dataframe(
        [
            {
                "Cấp khen": i.name,
                "Khối": ISSUER_LEVEL_LABELS[IssuerLevel(i.level)],
                "Cấp": ISSUER_TIER_LABELS[IssuerTier(i.tier)],
                "Đang dùng": i.is_active,
            }
            for i in vocab.issuers
        ],
        hide_index=True,
        width="stretch",
    )
    if not is_admin:
        return
    choice = _pick(vocab.issuers, lambda i: vocab.issuer(i).name, "issuer")
    current = vocab.issuer(choice) if choice != NEW else None
    with st.form(f"{VOCAB_PREFIX}_issuer_{choice}"):
        i_name = st.text_input(
            "Tên",
            value=current.name if current else "",
            max_chars=max_chars(AwardIssuerCreate, "name"),
        )
        levels = list(IssuerLevel)
        i_level = st.selectbox(
            "Khối",
            levels,
            format_func=lambda x: ISSUER_LEVEL_LABELS[x],
            index=levels.index(current.level) if current else 0,
        )
        tiers = list(IssuerTier)
        i_tier = st.selectbox(
            "Cấp",
            tiers,
            format_func=lambda x: ISSUER_TIER_LABELS[x],
            index=tiers.index(current.tier) if current else 0,
        )
        st.caption("Câu tổng hợp nêu tên các cấp khen từ cấp huyện trở lên.")
        i_active = st.checkbox("Đang dùng", value=current.is_active if current else True)
        if st.form_submit_button("Lưu", type="primary"):
            payload = AwardIssuerCreate(
                name=i_name,
                level=i_level,
                tier=i_tier,
                is_active=i_active,
                sort_order=current.sort_order if current else len(vocab.issuers),
            )
            if attempt(
                com.save_issuer,
                actor=user,
                issuer_id=current.id if current else None,
                issuer_in=payload,
            ):
                flash(f"Đã lưu “{i_name.strip()}”.", slot=VOCAB_PREFIX)


def _occasions_panel(vocab) -> None:
    st.dataframe(
        [{"Dịp": o.name, "Đang dùng": o.is_active} for o in vocab.occasions],
        hide_index=True,
        width="stretch",
    )
    if not is_admin:
        return
    occasion_labels = _occasion_labels(vocab)
    choice = _pick(vocab.occasions, occasion_labels.get, "occasion")
    current = next((o for o in vocab.occasions if o.id == choice), None)
    with st.form(f"{VOCAB_PREFIX}_occasion_{choice}"):
        o_name = st.text_input(
            "Tên",
            value=current.name if current else "",
            max_chars=max_chars(AwardOccasionCreate, "name"),
        )
        o_active = st.checkbox("Đang dùng", value=current.is_active if current else True)
        if st.form_submit_button("Lưu", type="primary"):
            payload = AwardOccasionCreate(
                name=o_name,
                is_active=o_active,
                sort_order=current.sort_order if current else len(vocab.occasions),
            )
            if attempt(
                com.save_occasion,
                actor=user,
                occasion_id=current.id if current else None,
                occasion_in=payload,
            ):
                flash(f"Đã lưu “{o_name.strip()}”.", slot=VOCAB_PREFIX)


def vocabulary_tab() -> None:
    vocab = call(com.get_vocabulary)
    if not is_admin:
        st.info(
            "Danh mục lấy theo Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP; "
            "chỉ quản trị viên được sửa."
        )
    show_flash(VOCAB_PREFIX)
    # The three lists are one query, already made: their tabs draw all three.
    forms_tab, issuers_tab, occasions_tab = st.tabs(
        ["Hình thức, danh hiệu", "Cấp khen", "Dịp khen thưởng"], key=f"{VOCAB_PREFIX}_tabs"
    )
    with forms_tab:
        _forms_panel(vocab)
    with issuers_tab:
        _issuers_panel(vocab)
    with occasions_tab:
        _occasions_panel(vocab)


# Keyed, so that a save (which reruns with a message) stays on the tab it was made in; only the
# open tab's body runs (the list's count and page of awards are queries on every rerun).
add, imports, listing, vocabulary = st.tabs(list(TAB_LABELS), key=MANAGE_TAB, on_change="rerun")
if add.open:
    with add:
        add_tab()
if imports.open:
    with imports:
        import_tab()
if listing.open:
    with listing:
        list_tab()
if vocabulary.open:
    with vocabulary:
        vocabulary_tab()
