"""Fixed HTML (our CSS, our scripts) prepared once for `st.html`.

`st.html` dedents and strips a string body on every call (`textwrap.dedent` over the whole text);
a body with `_repr_html_` is taken as it is. The text is cleaned here once, the same way, so what
reaches the browser is byte for byte what `st.html(text)` would send."""

from __future__ import annotations

from streamlit.string_util import clean_text


class PreparedHtml:
    __slots__ = ("_body",)

    def __init__(self, body: str) -> None:
        self._body = clean_text(body)

    def _repr_html_(self) -> str:
        return self._body

    def __str__(self) -> str:
        return self._body
