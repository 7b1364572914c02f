"""Quản lý danh mục (organisers, admins): create, edit, approve, archive; photos; nhân rộng;
Excel template, import and export; kỷ yếu PDF/DOCX."""

import streamlit as st

from models.catalogue import (
    KIND_LABELS,
    STATUS_LABELS,
    CataloguePhotoUpdate,
    CatalogueRecordCreate,
    CatalogueRecordUpdate,
    CatalogueReplicationCreate,
    RecordKind,
    RecordStatus,
)
from services import units
from services.catalogue import excel as catalogue_io
from services.catalogue import gallery, photos, replication
from services.catalogue import records as catalogue
from services.catalogue import yearbook as catalogue_yearbook
from services.errors import UserError
from services.media import MAX_FILE_BYTES
from services.params import parse_id
from services.validation import EARLIEST_YEAR, build, latest_year
from services.vi import local_today
from ui.auth import guard
from ui.catalogue_widgets import apply_css, esc, finish, once_button, progress_callback
from ui.core import attempt, call
from ui.feedback import remember, show_flash, show_problems
from ui.nav import PAGES
from ui.resources import settings

MANAGE_RECORD = "catalogue_manage_record"
MANAGE_PENDING = "catalogue_manage_pending"
MANAGE_UPLOAD_ROUND = "catalogue_manage_upload_round"
MANAGE_UPLOAD_BUTTON = "catalogue_manage_upload"
MANAGE_UPLOAD_RESULT = "catalogue_manage_upload_result"
MANAGE_IMPORT_BUTTON = "catalogue_manage_import"
MANAGE_IMPORT_RESULT = "catalogue_manage_import_result"
MANAGE_IMPORT_ROUND = "catalogue_manage_import_round"
MANAGE_BOOK_BUTTON = "catalogue_manage_book"
MANAGE_BOOK_FILE = "catalogue_manage_book_file"
MANAGE_BOOK_SCOPE = "catalogue_manage_book_scope"
MANAGE_EDIT_FORM = "catalogue_manage_edit_form"
MANAGE_NEW_FORM = "catalogue_manage_new_form"
MANAGE_REPL_FORM = "catalogue_manage_replication_form"
NEW_RECORD = 0
MANAGE_TABS = "catalogue_manage_tabs"
RECORDS_SLOT, EXCEL_SLOT, BOOK_SLOT = (
    "catalogue_manage_records",
    "catalogue_manage_excel",
    "catalogue_manage_book",
)
IMAGE_TYPES = ["jpg", "jpeg", "png", "webp", "gif", "bmp", "tif", "tiff"]

user = guard("catalogue_manage")
apply_css()
conf = settings()


def _notice(message: str, slot: str = RECORDS_SLOT) -> None:
    remember(message, slot=slot)


def _error(message: str, slot: str = RECORDS_SLOT) -> None:
    """Kept for the next run and shown in the tab where the user acted."""
    remember(message, kind="error", slot=slot)


def _try(fn, /, slot: str = RECORDS_SLOT, **kwargs):
    """Like `attempt`, but the message survives the rerun that follows long work."""
    try:
        return call(fn, **kwargs)
    except UserError as exc:
        _error(str(exc), slot)
        return None


def _payload(model, values: dict):
    """The form's values as `model`, or None after listing every problem in Vietnamese."""
    try:
        return build(model, values)
    except UserError as exc:
        show_problems(getattr(exc, "problems", [str(exc)]))
        return None


def _select(record_id: int) -> None:
    """Open this record on the next run (the picker itself is already drawn on this one)."""
    st.session_state[MANAGE_PENDING] = record_id
    st.query_params["id"] = str(record_id)


unit_list = call(units.list_units)
unit_labels = units.tree_labels(unit_list)
facets = call(gallery.gallery_facets, actor=user)
known_fields = [f for f, _n in facets.fields]
known_tags = [label for _k, label, _n in facets.tags]
this_year = local_today().year

st.title(PAGES["catalogue_manage"].title)
tab_records, tab_excel, tab_book = st.tabs(["Hồ sơ", "Nhập, xuất Excel", "Kỷ yếu"], key=MANAGE_TABS)


def _record_fields(prefix: str, record=None) -> dict:
    """The fields of a record form; returns what the user entered."""
    left, right = st.columns(2)
    kinds = list(KIND_LABELS)
    kind = left.selectbox(
        "Loại",
        kinds,
        format_func=KIND_LABELS.get,
        index=kinds.index(record.kind) if record else 0,
        key=f"{prefix}_kind",
    )
    name = right.text_input(
        "Tên mô hình, điển hình",
        value=record.name if record else "",
        max_chars=255,
        key=f"{prefix}_name",
    )
    unit_ids = list(unit_labels)
    unit_id = left.selectbox(
        "Đơn vị",
        unit_ids,
        format_func=unit_labels.get,
        key=f"{prefix}_unit",
        index=unit_ids.index(record.unit_id) if record and record.unit_id in unit_ids else None,
        placeholder="Chọn đơn vị",
    )
    fields = sorted(set(known_fields) | ({record.field} if record and record.field else set()))
    field = right.selectbox(
        "Lĩnh vực",
        fields,
        accept_new_options=True,
        key=f"{prefix}_field",
        index=fields.index(record.field) if record and record.field in fields else None,
        placeholder="Chọn hoặc gõ lĩnh vực mới",
    )
    y1, y2, featured_col = st.columns([1, 1, 2])
    year_from = y1.number_input(
        "Năm bắt đầu",
        EARLIEST_YEAR,
        latest_year(),
        step=1,
        key=f"{prefix}_y1",
        value=record.year_from if record else this_year,
    )
    year_to = y2.number_input(
        "Năm kết thúc",
        EARLIEST_YEAR,
        latest_year(),
        step=1,
        key=f"{prefix}_y2",
        value=record.year_to if record else this_year,
    )
    featured_col.write("")
    featured = featured_col.checkbox(
        "Gương tiêu biểu (lãnh đạo xem trước, đưa vào trình chiếu)",
        value=record.featured if record else False,
        key=f"{prefix}_featured",
    )
    theme = st.text_input(
        "Chuyên đề năm", value=record.theme if record else "", max_chars=500, key=f"{prefix}_theme"
    )
    summary = st.text_area(
        "Tóm tắt (một vài câu)",
        value=record.summary if record else "",
        max_chars=1000,
        height=80,
        key=f"{prefix}_summary",
    )
    story = st.text_area(
        "Nội dung (Markdown: ## tiêu đề, **đậm**, - gạch đầu dòng)",
        value=record.story if record else "",
        height=220,
        key=f"{prefix}_story",
    )
    st.markdown("**Kết quả bằng số liệu**")
    figures = st.data_editor(
        [
            {"Chỉ tiêu": f["label"], "Số liệu": f["value"]}
            for f in (record.figures if record else [])
        ]
        or [{"Chỉ tiêu": "", "Số liệu": ""}],
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=f"{prefix}_figures",
        column_config={
            "Chỉ tiêu": st.column_config.TextColumn(width="large"),
            "Số liệu": st.column_config.TextColumn(width="small"),
        },
    )
    tags_known = sorted(set(known_tags) | set(record.tags if record else []))
    tags = st.multiselect(
        "Từ khóa",
        tags_known,
        default=record.tags if record else [],
        accept_new_options=True,
        key=f"{prefix}_tags",
        placeholder="Chọn hoặc gõ từ khóa mới",
    )
    rows = figures if isinstance(figures, list) else figures.to_dict("records")
    return dict(
        kind=kind,
        name=name,
        unit_id=unit_id,
        field=field or "",
        year_from=int(year_from),
        year_to=int(year_to),
        theme=theme,
        summary=summary,
        story=story,
        featured=featured,
        tags=tags,
        figures=[
            {"label": (r.get("Chỉ tiêu") or "").strip(), "value": (r.get("Số liệu") or "").strip()}
            for r in rows
        ],
    )


def _new_record() -> None:
    st.subheader("Hồ sơ mới")
    with st.form(MANAGE_NEW_FORM):
        values = _record_fields("catalogue_manage_new")
        submitted = st.form_submit_button("Tạo hồ sơ (nháp)", type="primary")
    record_in = (
        _payload(CatalogueRecordCreate, {**values, "status": RecordStatus.DRAFT})
        if submitted
        else None
    )
    if record_in is not None:
        created = attempt(catalogue.create_record, actor=user, record_in=record_in)
        if created:
            _select(created.id)
            _notice(f"Đã tạo hồ sơ “{created.name}”. Hãy thêm ảnh rồi gửi duyệt hoặc công khai.")
            st.rerun()


def _status_bar(record) -> None:
    st.markdown(f"Trạng thái: **{esc(catalogue.status_label(record.status))}**")
    buttons = st.columns(4)
    for column, (target, label) in zip(
        buttons, catalogue.TRANSITIONS[record.status].items(), strict=False
    ):
        kind = "primary" if target == RecordStatus.PUBLISHED else "secondary"
        if column.button(label, key=f"catalogue_manage_to_{target}_{record.id}", type=kind):
            if attempt(catalogue.set_status, record_id=record.id, status=target, actor=user):
                _notice(f"Đã chuyển “{record.name}” sang “{STATUS_LABELS[target]}”.")
                st.rerun()


def _photos(record) -> None:
    st.subheader(f"Ảnh ({len(record.photos)})")
    upload_round = st.session_state.setdefault(MANAGE_UPLOAD_ROUND, 0)
    files = st.file_uploader(
        "Chọn một hoặc nhiều ảnh (JPEG, PNG, WebP, GIF, BMP, TIFF)",
        type=IMAGE_TYPES,
        accept_multiple_files=True,
        key=f"catalogue_manage_files_{record.id}_{upload_round}",
        max_upload_size=MAX_FILE_BYTES // (1024 * 1024),
    )
    if once_button("Tải ảnh lên", MANAGE_UPLOAD_BUTTON, icon=":material/upload:"):
        try:
            if not files:
                _error("Chưa chọn ảnh nào.")
            else:
                with st.status(f"Đang xử lý {len(files)} ảnh…", expanded=True) as status:
                    bar = st.progress(0.0)
                    result = _try(
                        photos.add_photos,
                        record_id=record.id,
                        actor=user,
                        uploads=[(f.name, f.getvalue()) for f in files],
                        media_dir=conf.media_dir,
                        progress=progress_callback(bar),
                    )
                    status.update(label="Xong", state="complete")
                if result is not None:
                    st.session_state[MANAGE_UPLOAD_RESULT] = (len(result.added), result.rejected)
                    st.session_state[MANAGE_UPLOAD_ROUND] = upload_round + 1
        finally:
            finish(MANAGE_UPLOAD_BUTTON)
        st.rerun()
    if outcome := st.session_state.pop(MANAGE_UPLOAD_RESULT, None):
        added, rejected = outcome
        if added:
            st.success(
                f"Đã thêm {added} ảnh (đã xoay đúng chiều, đã xóa thông tin vị trí và EXIF)."
            )
        for message in rejected:
            st.error(message)
    for index, photo in enumerate(record.photos):
        with st.container(border=True):
            picture, fields, actions = st.columns([1, 3, 2])
            picture.markdown(
                f'<img src="{esc(photo.thumb_url)}" alt="{esc(photo.caption)}" '
                'style="width:100%;border-radius:.3rem">',
                unsafe_allow_html=True,
            )
            caption_key = f"catalogue_manage_caption_{photo.id}"
            caption = fields.text_input(
                "Chú thích", value=photo.caption, key=caption_key, max_chars=500
            )
            fields.caption(
                f"Tệp gốc: {photo.original_name} · {photo.width}×{photo.height}"
                + (" · **Ảnh bìa**" if photo.is_cover else "")
            )
            if caption != photo.caption:
                call(
                    photos.update_photo,
                    photo_id=photo.id,
                    actor=user,
                    photo_in=CataloguePhotoUpdate(caption=caption),
                )
            a, b, c, d = actions.columns(4)
            if a.button(
                "",
                key=f"catalogue_manage_cover_{photo.id}",
                icon=":material/star:",
                help="Đặt làm ảnh bìa",
                disabled=photo.is_cover,
            ):
                call(
                    photos.update_photo,
                    photo_id=photo.id,
                    actor=user,
                    photo_in=CataloguePhotoUpdate(is_cover=True),
                )
                st.rerun()
            if b.button(
                "",
                key=f"catalogue_manage_up_{photo.id}",
                icon=":material/arrow_upward:",
                help="Lên trước",
                disabled=index == 0,
            ):
                call(photos.move_photo, photo_id=photo.id, step=-1, actor=user)
                st.rerun()
            if c.button(
                "",
                key=f"catalogue_manage_down_{photo.id}",
                icon=":material/arrow_downward:",
                help="Xuống sau",
                disabled=index == len(record.photos) - 1,
            ):
                call(photos.move_photo, photo_id=photo.id, step=1, actor=user)
                st.rerun()
            if d.button(
                "",
                key=f"catalogue_manage_delete_{photo.id}",
                icon=":material/delete:",
                help="Gỡ ảnh khỏi hồ sơ",
            ):
                call(photos.delete_photo, photo_id=photo.id, actor=user)
                st.rerun()


def _replications(record) -> None:
    st.subheader("Đơn vị nhân rộng")
    for row in record.replications:
        left, right = st.columns([5, 1])
        left.write(f"{row.unit_name} — {row.year}" + (f" ({row.note})" if row.note else ""))
        if right.button("Gỡ", key=f"catalogue_manage_repl_delete_{row.id}"):
            call(replication.delete_replication, replication_id=row.id, actor=user)
            st.rerun()
    with st.form(MANAGE_REPL_FORM, clear_on_submit=True):
        a, b, c = st.columns([3, 1, 2])
        unit_id = a.selectbox(
            "Đơn vị",
            list(unit_labels),
            format_func=unit_labels.get,
            index=None,
            placeholder="Chọn đơn vị",
        )
        year = b.number_input("Năm", 1945, this_year + 1, value=this_year, step=1)
        note = c.text_input("Ghi chú")
        if st.form_submit_button("Thêm đơn vị nhân rộng"):
            if attempt(
                replication.add_replication,
                record_id=record.id,
                actor=user,
                replication_in=CatalogueReplicationCreate(
                    unit_id=unit_id, year=int(year), note=note
                ),
            ):
                _notice("Đã thêm đơn vị nhân rộng.")
                st.rerun()


def _edit_record(record_id: int) -> None:
    record = attempt(catalogue.get_record, record_id=record_id, actor=user)
    if record is None:
        return
    head, link = st.columns([3, 1])
    head.subheader(record.name)
    link.page_link(
        PAGES["catalogue_detail"].path,
        label="Xem như người đọc",
        icon=":material/visibility:",
        query_params={"id": str(record.id)},
    )
    _status_bar(record)
    with st.expander("Thông tin hồ sơ", expanded=not record.photos):
        with st.form(f"{MANAGE_EDIT_FORM}_{record.id}"):
            values = _record_fields(f"catalogue_manage_edit_{record.id}", record)
            saved = st.form_submit_button("Lưu thay đổi", type="primary")
        record_in = _payload(CatalogueRecordUpdate, values) if saved else None
        if record_in is not None:
            if attempt(
                catalogue.update_record, record_id=record.id, actor=user, record_in=record_in
            ):
                _notice("Đã lưu.")
                st.rerun()
    _photos(record)
    if record.kind == RecordKind.MODEL:
        _replications(record)


with tab_records:
    show_flash(RECORDS_SLOT)
    choices = dict(call(catalogue.record_choices, actor=user, published_only=False))
    options = [NEW_RECORD] + list(choices)
    wanted = st.query_params.get("id")
    if MANAGE_RECORD not in st.session_state:
        st.session_state[MANAGE_RECORD] = (
            parse_id(wanted) if parse_id(wanted) in choices else NEW_RECORD
        )
    if MANAGE_PENDING in st.session_state:
        st.session_state[MANAGE_RECORD] = st.session_state.pop(MANAGE_PENDING)
    if st.session_state[MANAGE_RECORD] not in options:
        st.session_state[MANAGE_RECORD] = NEW_RECORD
    chosen = st.selectbox(
        "Hồ sơ",
        options,
        key=MANAGE_RECORD,
        format_func=lambda i: "➕ Tạo hồ sơ mới" if i == NEW_RECORD else choices[i],
        help="Gõ vài chữ (có dấu hoặc không) để tìm.",
    )
    if chosen == NEW_RECORD:
        st.query_params.pop("id", None)
        _new_record()
    else:
        if st.query_params.get("id") != str(chosen):
            st.query_params["id"] = str(chosen)
        _edit_record(chosen)

with tab_excel:
    st.subheader("Nhập từ Excel")
    show_flash(EXCEL_SLOT)
    st.caption(
        "Tải tệp mẫu, điền mỗi dòng một hồ sơ rồi tải lên. Ứng dụng kiểm tra toàn bộ tệp "
        "trước; chỉ khi không còn lỗi nào mới nhập, và nhập tất cả cùng lúc. Hồ sơ đã có "
        "trong danh mục (cùng tên, cùng đơn vị) không được nhập lại. Tệp xuất từ ứng dụng "
        "(kể cả của cấp khác) cũng nhập được."
    )
    st.download_button(
        "Tải tệp mẫu (.xlsx)",
        data=lambda: call(catalogue_io.template_workbook),
        file_name="mau-nhap-guong-sang.xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    import_round = st.session_state.setdefault(MANAGE_IMPORT_ROUND, 0)
    workbook = st.file_uploader(
        "Tệp Excel đã điền", type=["xlsx"], key=f"catalogue_manage_import_file_{import_round}"
    )
    if once_button("Kiểm tra và nhập", MANAGE_IMPORT_BUTTON, icon=":material/fact_check:"):
        try:
            if workbook is None:
                _error("Chưa chọn tệp Excel: hãy chọn tệp ở ô phía trên rồi bấm lại.", EXCEL_SLOT)
            else:
                bar = st.progress(0.0, text="Đang kiểm tra…")
                update = progress_callback(bar)
                report = _try(
                    catalogue_io.import_workbook,
                    slot=EXCEL_SLOT,
                    data=workbook.getvalue(),
                    actor=user,
                    progress=lambda done, total: update(done, total),
                )
                if report is not None:
                    st.session_state[MANAGE_IMPORT_RESULT] = report
                    if not report.errors:
                        st.session_state[MANAGE_IMPORT_ROUND] = import_round + 1
        finally:
            finish(MANAGE_IMPORT_BUTTON)
        st.rerun()
    if report := st.session_state.pop(MANAGE_IMPORT_RESULT, None):
        if report.errors:
            st.error(
                f"Tệp còn {len(report.errors)} lỗi nên chưa nhập dòng nào. Sửa rồi tải lên lại."
            )
            st.dataframe([{"Lỗi": e} for e in report.errors], hide_index=True, width="stretch")
        else:
            st.success(f"Đã nhập {report.created} hồ sơ (trạng thái theo cột “Trạng thái”).")
    st.divider()
    st.subheader("Xuất Excel")
    st.download_button(
        "Xuất toàn bộ danh mục (.xlsx)",
        data=lambda: call(catalogue_io.export_workbook, actor=user),
        file_name=f"danh-muc-guong-sang-{local_today():%Y%m%d}.xlsx",
        icon=":material/table:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

with tab_book:
    st.subheader("Kỷ yếu")
    show_flash(BOOK_SLOT)
    st.caption(
        "Chọn các hồ sơ công khai đưa vào kỷ yếu: bìa, mục lục, mỗi hồ sơ một trang với "
        "ảnh bìa và nội dung."
    )
    title = st.text_input("Tên kỷ yếu", "Những bông hoa đẹp trong vườn hoa làm theo lời Bác")
    scope = st.radio(
        "Chọn",
        ["Gương tiêu biểu", "Theo khoảng năm", "Chọn từng hồ sơ"],
        horizontal=True,
        key=MANAGE_BOOK_SCOPE,
    )
    options: dict = {}
    if scope == "Gương tiêu biểu":
        options["featured_only"] = True
    elif scope == "Theo khoảng năm":
        years = facets.years or [this_year]
        start, end = st.select_slider(
            "Khoảng năm", options=sorted(years), value=(min(years), max(years))
        )
        options.update(year_from=start, year_to=end)
    else:
        published = dict(call(catalogue.record_choices, actor=user))
        options["record_ids"] = st.multiselect(
            "Hồ sơ", list(published), format_func=published.get, placeholder="Chọn hồ sơ công khai"
        ) or [-1]
    kind = st.segmented_control("Định dạng", ["PDF", "DOCX"], default="PDF")
    if once_button("Tạo kỷ yếu", MANAGE_BOOK_BUTTON, icon=":material/menu_book:"):
        try:
            builder = (
                catalogue_yearbook.build_docx if kind == "DOCX" else catalogue_yearbook.build_pdf
            )
            with st.status("Đang tạo kỷ yếu…", expanded=True) as status:
                bar = st.progress(0.0)
                data = _try(
                    builder,
                    slot=BOOK_SLOT,
                    actor=user,
                    media_dir=conf.media_dir,
                    title=title,
                    progress=progress_callback(bar),
                    **options,
                )
                status.update(label="Xong", state="complete")
            if data is not None:
                st.session_state[MANAGE_BOOK_FILE] = (kind or "PDF", data)
        finally:
            finish(MANAGE_BOOK_BUTTON)
        st.rerun()
    if book := st.session_state.get(MANAGE_BOOK_FILE):
        book_kind, data = book
        extension = "docx" if book_kind == "DOCX" else "pdf"
        mime = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            if extension == "docx"
            else "application/pdf"
        )
        st.download_button(
            f"Tải kỷ yếu ({book_kind}, {len(data) // 1024:,} KB)".replace(",", "."),
            data=data,
            file_name=f"ky-yeu-guong-sang.{extension}",
            mime=mime,
            type="primary",
            icon=":material/download:",
        )
