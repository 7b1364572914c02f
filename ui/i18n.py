"""Streamlit's own English words, said in Vietnamese; on phones, the menu closes after a choice.

Streamlit 1.67 has no locale setting: its placeholders, hints ("Press Enter to submit form"),
empty states, upload limits, range errors and screen-reader labels ("Skip to main content",
"Help for …") are fixed English in its frontend. Widget parameters fix what they can
(`placeholder=`, `st.column_config`); for the rest one small script, keyed on Streamlit's exact
English so the browser test notices when an update rewords them, rewrites text nodes and the
`aria-label`, `title` and `placeholder` attributes as they appear.
"""

from __future__ import annotations

import streamlit as st

from ui.markup import PreparedHtml, asset_html, json_element

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_WEEKDAY = "(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)"


def _calendar_rules() -> list[tuple[str, str]]:
    """An English browser's calendar: the month's name, its grid's label ("Choose date and time,
    December 2026"), the month field's spoken value ("12 – December") and each day's label
    ("Today, Thursday, December 3, 2026 selected"; the weekday is left out in Vietnamese)."""
    rules: list[tuple[str, str]] = []
    for number, month in enumerate(MONTHS, start=1):
        rules += [
            (f"^{month}$", f"Tháng {number}"),
            (f"^(\\d+) – {month}$", f"$1 – tháng {number}"),
            (
                f"^Choose date and time, {month} (\\d{{4}})$",
                f"Chọn ngày và giờ, tháng {number} năm $1",
            ),
            (f"^Choose date, {month} (\\d{{4}})$", f"Chọn ngày, tháng {number} năm $1"),
            (f"^{month} (\\d{{4}})$", f"Tháng {number} năm $1"),
        ]
        for today, said_today in (("Today, ", "Hôm nay, "), ("", "")):
            for chosen, said_chosen in ((" selected", ", đã chọn"), ("", "")):
                rules.append(
                    (
                        f"^{today}{_WEEKDAY}, {month} (\\d{{1,2}}), (\\d{{4}}){chosen}$",
                        f"{said_today}ngày $1 tháng {number} năm $2{said_chosen}",
                    )
                )
    return rules


CALENDAR = _calendar_rules()

# (JavaScript regular expression over the whole trimmed text, replacement). Order matters.
TRANSLATIONS: list[tuple[str, str]] = [
    (r"^Press Enter to submit form$", "Nhấn Enter để gửi"),
    (r"^Press Enter to apply$", "Nhấn Enter để áp dụng"),
    (r"^Press (?:Ctrl|⌘)\+Enter to submit form$", "Nhấn Ctrl+Enter để gửi"),
    (r"^Press (?:Ctrl|⌘)\+Enter to apply$", "Nhấn Ctrl+Enter để áp dụng"),
    (r"^No results$", "Không tìm thấy mục nào"),
    (r"^Choose an option$", "Chọn một mục"),
    (r"^Choose options$", "Chọn các mục"),
    (r"^Choose or add an option$", "Chọn hoặc gõ thêm"),
    (r"^Choose or add options$", "Chọn hoặc gõ thêm"),
    (r"^Add an option$|^Add options$", "Gõ để thêm"),
    (r"^No options to select$", "Chưa có lựa chọn nào"),
    (
        r"^You can only select up to (\d+) options?\. Remove an option first\.$",
        "Chỉ chọn được tối đa $1 mục. Hãy bỏ bớt một mục trước.",
    ),
    (r"^Skip to main content$", "Tới nội dung chính"),
    (r"^Help for (.+)$", "Hướng dẫn: $1"),
    (r"^Help$", "Hướng dẫn"),
    (r"^Upload$", "Chọn tệp"),
    (r"^Browse files$", "Chọn tệp"),
    (r"^Drag and drop files here$|^Drag and drop a file here$", "Kéo thả tệp vào đây"),
    (r"^(\d+)MB per file(.*)$", "Tối đa $1 MB mỗi tệp$2"),
    (r"^File must be (\d+)\.0MB or smaller\.$", "Tệp quá lớn: tối đa $1 MB."),
    (r"^File must be (.+) or smaller\.$", "Tệp quá lớn: tối đa $1."),
    (r"^(.+) files are not allowed\.$", "Không nhận loại tệp $1."),
    (r"^File size is too small\.$", "Tệp rỗng."),
    (
        r"^Number is outside the allowed range\. Please enter a value between (.+) and (.+)\.$",
        "Số ngoài khoảng cho phép: hãy nhập từ $1 đến $2.",
    ),
    (
        (
            r"^Number is below the allowed range\. Please enter a value greater than or equal to "
            r"(.+)\.$"
        ),
        "Số nhỏ hơn mức cho phép: hãy nhập từ $1 trở lên.",
    ),
    (
        (
            r"^Number is above the allowed range\. Please enter a value less than or equal to "
            r"(.+)\.$"
        ),
        "Số lớn hơn mức cho phép: hãy nhập tối đa $1.",
    ),
    (r"^Number is (?:below|above|outside) the allowed range\.?$", "Số ngoài khoảng cho phép."),
    (r"^Error: (.+)$", "Lỗi: $1"),
    (r"^(\d+)\.0(B|KB|MB|GB)$", "$1 $2"),
    (r"^(\d+)\.(\d)(B|KB|MB|GB)$", "$1,$2 $3"),
    (r"^Show password$", "Hiện chữ đã gõ"),
    (r"^Hide password$", "Ẩn chữ đã gõ"),
    (r"^Clear all$", "Xóa hết"),
    (r"^Clear value$|^Clear$", "Xóa"),
    (r"^Remove (.+)$", "Bỏ $1"),
    (r"^Delete$", "Xóa"),
    (r"^Download as (CSV|PNG|SVG|JSON|WAV)$", "Tải về $1"),
    (r"^Show data$", "Xem số liệu"),
    (r"^Show chart$", "Xem biểu đồ"),
    (r"^Scroll tabs left$", "Cuộn các thẻ sang trái"),
    (r"^Scroll tabs right$", "Cuộn các thẻ sang phải"),
    (r"^Navigate to home page$", "Về trang chủ"),
    (r"^Notifications$", "Thông báo"),
    (r"^Search$", "Tìm"),
    (r"^Fullscreen$", "Toàn màn hình"),
    (r"^Close fullscreen$|^Exit fullscreen$", "Thoát toàn màn hình"),
    (r"^Show/hide columns$", "Hiện, ẩn cột"),
    (r"^Collapse sidebar$", "Thu gọn thanh bên"),
    (r"^Expand sidebar$", "Mở thanh bên"),
    (r"^Main menu$", "Trình đơn"),
    (r"^Sidebar$", "Thanh bên"),
    (r"^App pages$", "Các trang"),
    (r"^Logo$", "Biểu trưng"),
    (r"^View (\d+) more$", "Xem thêm $1"),
    (r"^View less$", "Thu gọn"),
    (r"^Running\.\.\.$", "Đang chạy…"),
    (r"^Selectbox options$", "Các lựa chọn"),
    (r"^Pagination$", "Phân trang"),  # st.pagination's screen-reader labels
    (r"^Previous page$", "Trang trước"),
    (r"^Next page$", "Trang sau"),
    (r"^Page (\d+)$", "Trang $1"),
    (r"^Open$", "Mở"),
    (r"^Close$", "Đóng"),
    # st.datetime_input / st.date_input: Streamlit forces en-US on the typed fields, and the
    # calendar follows the browser's language (English in an English browser).
    (r"^Choose date and time$", "Chọn ngày và giờ"),
    (r"^Choose date$", "Chọn ngày"),
    (r"^Clear date and time$", "Xóa ngày và giờ"),
    (r"^Clear date$", "Xóa ngày"),
    (r"^Time$", "Giờ"),
    (
        r"^Use arrow keys to navigate\. Enter to select\. Tab to switch between calendar and "
        r"time\. Escape to close\.$",
        "Dùng phím mũi tên để di chuyển, Enter để chọn, Tab để chuyển giữa lịch và giờ, Esc để đóng.",
    ),
    (r"^Previous month$", "Tháng trước"),
    (r"^Next month$", "Tháng sau"),
    (r"^Next$", "Tiếp"),
    (r"^month$", "Tháng"),
    (r"^year$", "Năm"),
    (r"^day,\s?(.*)$", "ngày, $1"),
    (r"^month,\s?(.*)$", "tháng, $1"),
    (r"^year,\s?(.*)$", "năm, $1"),
    (r"^hour,\s?(.*)$", "giờ, $1"),
    (r"^minute,\s?(.*)$", "phút, $1"),
    (r"^Value must be (.+) or later\.$", "Chọn từ $1 trở đi."),
    (r"^Value must be (.+) or earlier\.$", "Chọn đến $1 là muộn nhất."),
    (r"^Selected date unavailable\.$", "Không chọn được ngày này."),
    *CALENDAR,
    # a calendar in the browser's own language keeps Streamlit's English head
    (r"^Choose date and time, (.+)$", "Chọn ngày và giờ, $1"),
    (r"^Choose date, (.+)$", "Chọn ngày, $1"),
    # react-aria has no Vietnamese words: a Vietnamese browser's day labels keep its English ones
    (r"^Today, (.+) selected$", "Hôm nay, $1, đã chọn"),
    (r"^Today, (.+)$", "Hôm nay, $1"),
    (r"^(.+) selected$", "$1, đã chọn"),
]

# assets/js/i18n.js, static: it reads the rules from the JSON element beside it. Made once.
SCRIPT = PreparedHtml.joined(json_element("gs-i18n-rules", TRANSLATIONS), asset_html("js/i18n.js"))

HOLDER = "gs_i18n"


def install() -> None:
    """Once per run; the script itself installs its observer only once per browser tab."""
    with st.container(key=HOLDER, height=1, border=False):
        st.html(SCRIPT, unsafe_allow_javascript=True)
