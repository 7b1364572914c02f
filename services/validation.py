"""Form input checked against the models, every problem at once, in Vietnamese.

Pages build their payloads through `build`, so a name longer than its column, a number out of
range or a date outside what the database accepts comes back as one `Problems` listing every
field, never as pydantic's English error box. `max_chars` hands the column length to the widget.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TypeVar

from annotated_types import MaxLen
from pydantic import BaseModel, ValidationError

from services.errors import UserError
from services.vi import local_today

M = TypeVar("M", bound=BaseModel)

# Field names the models share, as users know them; a form can pass its own labels on top.
LABELS: dict[str, str] = {
    "username": "Tên đăng nhập",
    "full_name": "Họ và tên",
    "email": "Email",
    "password": "Mật khẩu",
    "role": "Vai trò",
    "unit_id": "Đơn vị",
    "name": "Tên",
    "kind": "Loại",
    "parent_id": "Trực thuộc",
    "headcount": "Sĩ số",
    "recipient_name": "Họ tên cá nhân / tên tập thể",
    "recipient_type": "Đối tượng",
    "form_id": "Hình thức khen thưởng / danh hiệu",
    "form_class": "Hạng",
    "issuer_id": "Cấp khen",
    "occasion_id": "Dịp",
    "decision_number": "Số quyết định",
    "decision_date": "Ngày quyết định",
    "year": "Năm",
    "achievement": "Thành tích",
    "legal_basis": "Căn cứ",
    "note": "Ghi chú",
    "theme": "Chuyên đề năm",
    "summary": "Tóm tắt",
    "caption": "Chú thích",
}

EARLIEST_YEAR = 1945  # the Democratic Republic: nothing the movement records is older
EARLIEST = date(EARLIEST_YEAR, 1, 1)


def latest_year(today: date | None = None) -> int:
    """The last year a form accepts: next year (plans and decisions made ahead), counted on
    Việt Nam's calendar, not the server's (at 00:30 on 1 January it is already the new year)."""
    return (today or local_today()).year + 1


def year_problem(year: object, label: str = "Năm") -> str | None:
    """The one rule for a year typed anywhere: a whole number from 1945 to next year."""
    high = latest_year()
    if isinstance(year, bool) or not isinstance(year, int):
        return f"{label}: phải là một số năm (đã nhập “{year}”)."
    if not EARLIEST_YEAR <= year <= high:
        return f"{label}: phải từ {EARLIEST_YEAR} đến {high} (đã nhập {year})."
    return None


class Problems(UserError):
    """Several things wrong with one form; `problems` lists them, `str()` joins them."""

    def __init__(self, problems: Iterable[str]):
        self.problems = [p for p in problems if p]
        super().__init__("\n".join(self.problems))


def max_chars(model: type[BaseModel], field: str) -> int | None:
    """The column length of `model.field`, for a widget's `max_chars=`."""
    info = model.model_fields[field]
    for item in info.metadata:
        if isinstance(item, MaxLen):
            return item.max_length
    return None


def _label(field: str, labels: Mapping[str, str] | None) -> str:
    return (labels or {}).get(field) or LABELS.get(field) or field


def describe(exc: ValidationError, labels: Mapping[str, str] | None = None) -> list[str]:
    """pydantic's errors, one Vietnamese sentence each, naming the field."""
    messages = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error.get("loc") else ""
        name = _label(field, labels)
        ctx = error.get("ctx") or {}
        kind = error["type"]
        if kind == "string_too_long":
            text = f"{name}: tối đa {ctx.get('max_length')} ký tự."
        elif kind == "string_too_short":
            text = f"{name}: ít nhất {ctx.get('min_length')} ký tự."
        elif kind in {"greater_than_equal", "greater_than"}:
            text = f"{name}: không được nhỏ hơn {ctx.get('ge', ctx.get('gt'))}."
        elif kind in {"less_than_equal", "less_than"}:
            text = f"{name}: không được lớn hơn {ctx.get('le', ctx.get('lt'))}."
        elif kind == "missing" or (kind.endswith("_type") and error.get("input") is None):
            text = f"Vui lòng nhập {name.lower()}."
        elif kind.startswith(("date", "datetime")):
            text = f"{name}: ngày không hợp lệ."
        elif kind.startswith(("int", "float", "decimal")):
            text = f"{name}: phải là một số."
        else:
            text = f"{name}: giá trị không hợp lệ."
        if text not in messages:
            messages.append(text)
    return messages


def date_problem(
    value: date | None, label: str, *, low: date = EARLIEST, high: date | None = None
) -> str | None:
    """A date typed outside what the form accepts: refused by name, never replaced silently."""
    if value is None:
        return None
    high = high or date(latest_year(), 12, 31)
    if not low <= value <= high:
        return f"{label}: phải từ {low:%d/%m/%Y} đến {high:%d/%m/%Y} (đã nhập {value:%d/%m/%Y})."
    return None


def build(
    model: type[M],
    data: Mapping[str, Any],
    *,
    labels: Mapping[str, str] | None = None,
    extra: Iterable[str | None] = (),
) -> M:
    """Validate a form's payload; raise `Problems` with every problem (the form's own checks in
    `extra` first, then the model's)."""
    problems = [p for p in extra if p]
    try:
        result = model.model_validate(dict(data))
    except ValidationError as exc:
        problems.extend(describe(exc, labels))
        result = None
    if problems:
        raise Problems(problems)
    return result
