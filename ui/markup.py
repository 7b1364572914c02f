"""Fixed HTML (our CSS, our scripts) prepared once for `st.html`.

`st.html` dedents and strips a string body on every call (`textwrap.dedent` over the whole text);
a body with `_repr_html_` is taken as it is. The text is cleaned here once, the same way, so what
reaches the browser is byte for byte what `st.html(text)` would send.

Our CSS and JavaScript live in files under `assets/` (`assets/css/*.css`, `assets/js/*.js`):
`asset_html(name)` reads one once per process and hands it back wrapped in `<style>` or
`<script>`, ready for `st.html`. A script file is static: what it needs from a run (a deadline,
an address, the slides) travels in the HTML beside it, in `data-` attributes escaped with
`html.escape` or in a JSON element made by `json_element`, and the script reads it from there.
Keep tags out of a script file (even in a comment): `st.html` silently drops a script whose
text holds one."""

from __future__ import annotations

import functools
import html
import json

from streamlit.string_util import clean_text

from services.settings import PROJECT_ROOT

ASSETS = PROJECT_ROOT / "assets"
_WRAP = {".css": ("<style>\n", "</style>"), ".js": ("<script>\n", "</script>")}


class PreparedHtml:
    __slots__ = ("_body",)

    def __init__(self, body: str) -> None:
        self._body = clean_text(body)

    @classmethod
    def joined(cls, *parts: str | PreparedHtml) -> PreparedHtml:
        """Parts already clean (prepared assets, one-line markup made this run) put together as
        they are: no dedent over the whole on the hot path."""
        prepared = cls.__new__(cls)
        prepared._body = "".join(str(part) for part in parts)
        return prepared

    def _repr_html_(self) -> str:
        return self._body

    def __str__(self) -> str:
        return self._body


@functools.cache
def asset_text(name: str) -> str:
    """The text of `assets/<name>`, read once per process."""
    return (ASSETS / name).read_text(encoding="utf-8")


@functools.cache
def asset_html(name: str, **tokens: str) -> PreparedHtml:
    """`assets/<name>` (a .css or .js file) as one `<style>` or `<script>` element, read and
    prepared once per process. `tokens` fill `__KEY__` marks in a stylesheet with our own
    constants (never user text); a script takes its values from the HTML instead."""
    suffix = name[name.rfind(".") :]
    if suffix not in _WRAP:
        raise ValueError(f"{name}: chỉ nhận tệp .css hoặc .js")
    if tokens and suffix != ".css":
        raise ValueError(f"{name}: tệp script là tĩnh; giá trị đi trong HTML (data-, JSON)")
    text = asset_text(name)
    for key, value in tokens.items():
        mark = f"__{key}__"
        if mark not in text:
            raise ValueError(f"{name}: không có {mark}")
        text = text.replace(mark, value)
    start, end = _WRAP[suffix]
    return PreparedHtml(start + text + end)


def script_json(value) -> str:
    """JSON that is safe inside a <script> element (no tag, no line separator can end it)."""
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def json_element(element_class: str, value) -> str:
    """Data for a static script: an inert `<script type="application/json">` element the script
    finds by its class and reads with JSON.parse."""
    return (
        f'<script type="application/json" class="{html.escape(element_class)}">'
        f"{script_json(value)}</script>"
    )
