"""The one Excel writer and reader of the app.

Every workbook the app makes is built with `append_row` and leaves through `to_bytes` (a test
keeps `Workbook` inside this module), so user text is always a text cell: a name
typed as `=HYPERLINK(…)`, `+1`, `-1`, `@SUM(…)` or `#N/A` reaches the organiser's Excel as the
letters typed, never as a live formula or an error value (and stays text when the cell is edited,
thanks to Excel's quote prefix). Numbers and dates keep their types.

A sheet is described by a column spec (`Column`: header, field, required, width, choices), which
gives the header row, the widths, the drop-down lists (placed by field, not by position) and the
header matching of the imports.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from services.vi import unaccent

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RED = "B3001B"
HEADER_FILL = PatternFill("solid", fgColor=RED)
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
# What Excel (or LibreOffice) reads as the start of a formula when a cell is typed or a CSV opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True)
class Column:
    """One column of a sheet: what the user sees (header, width, drop-down) and what the code
    reads (field; required: an imported file must have this column)."""

    header: str
    field: str = ""
    required: bool = False
    width: int = 20
    choices: tuple[str, ...] | None = None


def clean_text(value: str) -> str:
    """The characters an .xlsx file cannot hold (control characters) are dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def is_risky(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) or text in ERROR_CODES


def _cell(ws, value):
    """A cell whose type follows the Python value; strings are always text."""
    if isinstance(value, str):
        value = clean_text(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        _as_text(cell)
    return cell


def _as_text(cell):
    """A string cell stays text; risky text gets Excel's quote prefix so editing the cell in
    Excel does not turn it into a formula either."""
    cell.data_type = "s"
    if is_risky(cell.value or ""):
        cell.quotePrefix = True
    return cell


def _write_only(ws) -> bool:
    return ws.parent.write_only


def append_row(ws, values: Iterable) -> None:
    """Append one row; every string becomes a text cell (never a formula nor an error).

    openpyxl itself types a string as a formula only when it starts with "=" and as an error
    only when it is an error code, both `is_risky`: those go in as ready-made text cells, the
    rest as plain values (which keeps a long export as fast as a plain one)."""
    row = []
    for value in values:
        if isinstance(value, str):
            value = clean_text(value)
            if is_risky(value):
                value = _cell(ws, value)
        row.append(value)
    ws.append(row)


def new_workbook(*, write_only: bool = False) -> Workbook:
    """An empty workbook (the default sheet removed), to be filled with `add_sheet`."""
    book = Workbook(write_only=write_only)
    if not write_only:
        book.remove(book.active)
    return book


def style_header(ws, row: int = 1, *, freeze: bool = True) -> None:
    for cell in ws[row]:
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
    if freeze:
        ws.freeze_panes = f"A{row + 1}"


def set_widths(ws, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def add_sheet(
    book: Workbook,
    title: str,
    columns: Sequence[Column | str],
    *,
    widths: Sequence[int] | None = None,
):
    """A sheet with the header row of `columns` in the app's red, widths set, header frozen
    (in a write-only workbook too: its header cells are styled as they are written)."""
    ws = book.create_sheet(title)
    specs = [c if isinstance(c, Column) else Column(c) for c in columns]
    set_widths(ws, widths or [c.width for c in specs])
    if _write_only(ws):
        cells = []
        for spec in specs:
            cell = _cell(ws, spec.header)
            cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
            cells.append(cell)
        ws.freeze_panes = "A2"
        ws.append(cells)
    else:
        append_row(ws, [c.header for c in specs])
        style_header(ws)
    return ws


def add_choices(
    ws,
    columns: Sequence[Column],
    *,
    rows: int,
    lists_sheet=None,
    choices: dict[str, Sequence[str]] | None = None,
    titles: dict[str, str] | None = None,
    strict: dict[str, bool] | None = None,
) -> None:
    """A drop-down on every column that has choices (`Column.choices`, or `choices` by field),
    placed by field, so reordering the columns moves its list with it. With `lists_sheet` the
    lists are written there, one column each in the order of `choices` (headed by `titles`),
    and referenced as ranges; otherwise they are inline."""
    position = {spec.field: index for index, spec in enumerate(columns, start=1)}
    lists = {spec.field: spec.choices for spec in columns if spec.choices is not None}
    lists.update(choices or {})
    for list_col, (field, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(position[field])
        if lists_sheet is not None:
            list_letter = get_column_letter(list_col)
            title = (titles or {}).get(field, columns[position[field] - 1].header)
            lists_sheet.cell(row=1, column=list_col, value=title).font = Font(bold=True)
            lists_sheet.column_dimensions[list_letter].width = 40
            for row, value in enumerate(values, start=2):
                _as_text(lists_sheet.cell(row=row, column=list_col, value=clean_text(value)))
            formula = f"='{lists_sheet.title}'!${list_letter}$2:${list_letter}${len(values) + 1}"
        else:
            formula = '"' + ",".join(values) + '"'
        validation = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=(strict or {}).get(field, True),
            errorTitle="Giá trị không có trong danh mục",
            error="Vui lòng chọn một giá trị trong danh sách.",
        )
        validation.add(f"{letter}2:{letter}{rows + 1}")
        ws.add_data_validation(validation)


def to_bytes(book: Workbook) -> bytes:
    """The file's bytes: the one way out of a workbook. Any cell that still became a formula or
    an error value (a raw `ws.append`) is turned back into text first."""
    if not book.write_only:
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type in ("f", "e"):
                        _as_text(cell)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def header_key(text) -> str:
    """The one header matching rule: case, accents and spaces do not matter."""
    return unaccent(str(text or "")).replace(" ", "")


def map_headers(
    header_row: Sequence, columns: Sequence[Column]
) -> tuple[dict[str, int], list[str]]:
    """field -> index in the row, matching headers by `header_key`, and the quoted headers of
    the required columns that are missing (each import words its own message)."""
    found = {}
    for index, value in enumerate(header_row):
        if value not in (None, ""):
            found.setdefault(header_key(value), index)
    mapping, missing = {}, []
    for spec in columns:
        index = found.get(header_key(spec.header))
        if index is not None:
            mapping[spec.field] = index
        elif spec.required:
            missing.append(f"“{spec.header}”")
    return mapping, missing
