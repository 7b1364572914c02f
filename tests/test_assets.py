"""Our CSS and JavaScript live in assets/ (css/, js/), read once per process by ui/markup.py,
and do not creep back into Python strings."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from models.accounts import Role
from ui.markup import ASSETS, PreparedHtml, asset_html, asset_text, json_element

ROOT = Path(__file__).resolve().parent.parent
PYTHON_FILES = sorted(
    [*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py"), ROOT / "streamlit_app.py"]
)
ASSET_FILES = sorted([*(ASSETS / "css").glob("*.css"), *(ASSETS / "js").glob("*.js")])
SCRIPTS = [p for p in ASSET_FILES if p.suffix == ".js"]
# DOMPurify (inside st.html) drops an element whose text looks like it holds markup: a "<"
# followed by "/", a letter, a digit, "_" or "!". The script then silently never runs.
TAG = re.compile(r"<[/\w!]")
# A wrapper or a one-line data element is fine; a block of rules or code belongs in assets/.
MAX_LINES, MAX_CHARS = 2, 200
_OPEN = re.compile(r"<(style|script)\b", re.IGNORECASE)


def _skipped(tree: ast.AST) -> set[int]:
    """Docstrings, and the pieces of an f-string (the f-string is looked at whole)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            found.update(id(part) for part in node.values)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def inline_blocks(source: str) -> list[tuple[int, str]]:
    """Each `<style>` / `<script>` block in a string literal (f-strings and implicitly joined
    literals included, as written in the source), from its tag to its closing tag, or to the end
    of the literal. Docstrings only talk about the elements."""
    tree = ast.parse(source)
    skip = _skipped(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip or not (
            isinstance(node, ast.JoinedStr)
            or (isinstance(node, ast.Constant) and isinstance(node.value, str))
        ):
            continue
        text = ast.get_source_segment(source, node) or ""
        for match in _OPEN.finditer(text):
            close = text.lower().find(f"</{match.group(1).lower()}>", match.end())
            block = text[match.start() : close + 9 if close >= 0 else len(text)]
            found.append((node.lineno, block))
    return found


def _too_long(block: str) -> bool:
    return block.count("\n") + 1 > MAX_LINES or len(block) > MAX_CHARS


@pytest.mark.parametrize("path", PYTHON_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_python_file_holds_a_style_or_script_block(path):
    long = [
        f"{path.name}:{line}"
        for line, block in inline_blocks(path.read_text(encoding="utf-8"))
        if _too_long(block)
    ]
    assert not long, f"CSS/JavaScript thuộc về assets/css, assets/js: {long}"


def test_the_block_check_sees_the_forms_a_block_could_take():
    source = '''
"""A module docstring may speak of <style> and <script> elements,
over several lines."""
A = """
<style>
  .a {color: red}
</style>
"""
B = f"<script>var x = {1};\\n" f"var y = 2;</script>"
C = "<style>.ok {margin: 0}</style>"
D = f"""<div data-x="{1}"></div>
<script>
(function () {{ go(); }})();
</script>"""
'''
    verdicts = [(line, _too_long(block)) for line, block in inline_blocks(source)]
    assert sorted(verdicts) == [(4, True), (9, False), (10, False), (11, True)]


def _used_assets() -> set[str]:
    used = set()
    for path in PYTHON_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "asset_html"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(node.args[0].value)
    return used


def test_every_asset_named_in_the_code_exists_is_not_empty_and_is_used():
    used = _used_assets()
    assert used, "không tìm thấy lời gọi asset_html nào"
    for name in used:
        assert (ASSETS / name).is_file(), name
        assert asset_text(name).strip(), f"{name} rỗng"
    on_disk = {str(p.relative_to(ASSETS)) for p in ASSET_FILES}
    assert on_disk == used, f"tệp không ai dùng: {on_disk - used}, thiếu: {used - on_disk}"


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_asset_scripts_hold_no_tag(path):
    """st.html silently does not run an inline script in which a tag appears, even in a
    comment; nor a stylesheet whose text looks like markup."""
    body = str(asset_html(str(path.relative_to(ASSETS))))
    inner = body.removeprefix("<script>").removesuffix("</script>")
    assert body.startswith("<script>") and body.endswith("</script>")
    assert not TAG.search(inner), TAG.search(inner)


@pytest.mark.parametrize(
    "path", [p for p in ASSET_FILES if p.suffix == ".css"], ids=lambda p: p.name
)
def test_asset_stylesheets_hold_no_tag_and_no_unfilled_mark(path):
    body = str(asset_html(str(path.relative_to(ASSETS)), **_tokens(path)))
    assert not TAG.search(body.removeprefix("<style>").removesuffix("</style>"))
    assert not re.search(r"__[A-Z_]+__", body)


def _tokens(path: Path) -> dict[str, str]:
    return {"PHOTO_MB": "10"} if path.name == "theme.css" else {}


def test_assets_are_prepared_once_and_scripts_take_no_values():
    assert asset_html("js/timer.js") is asset_html("js/timer.js")
    with pytest.raises(ValueError, match="tĩnh"):
        asset_html("js/timer.js", DEADLINE="1")
    with pytest.raises(ValueError, match="__NOPE__"):
        asset_html("css/contest.css", NOPE="1")
    with pytest.raises(ValueError, match=".css hoặc .js"):
        asset_html("logo.png")


def test_json_element_is_inert_and_safe_for_hostile_text():
    hostile = ["</script><script>alert(1)</script>", "a & b", "\u2028"]
    element = json_element("gs-x", hostile)
    assert element.startswith('<script type="application/json" class="gs-x">')
    inner = element.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert not TAG.search(inner) and "&" not in inner and "\u2028" not in inner
    assert json.loads(inner) == hostile


def test_joined_html_is_sent_as_it_is():
    joined = PreparedHtml.joined('<div data-a="1"></div>', asset_html("js/timer.js"))
    assert str(joined) == '<div data-a="1"></div>' + str(asset_html("js/timer.js"))


def test_a_page_run_reads_no_asset_file(demo_engine, run_page, monkeypatch):
    """Files are read once per process: after a first run, runs of the theme, the i18n script
    and the contest page (CSS and the timer's script) open nothing under assets/."""
    at = run_page("contests_take", Role.MEMBER, username="thanhvien")
    assert not at.exception, at.exception
    reads: list[Path] = []
    original = Path.read_text

    def spy(self, *args, **kwargs):
        if ASSETS in Path(self).resolve().parents:
            reads.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", spy)
    if any(b.label == "Đăng ký" for b in at.button):
        next(w for w in at.text_input if w.label == "Số điện thoại").set_value("0912345678")
        next(b for b in at.button if b.label == "Đăng ký").click().run()
    next(b for b in at.button if b.label == "Bắt đầu làm bài").click().run()
    assert not at.exception, at.exception
    timer = next(h.proto.body for h in at.get("html") if 'id="gs-timer"' in h.proto.body)
    assert re.search(r'data-deadline="\d+" data-now="\d+"', timer)
    assert timer.endswith(str(asset_html("js/timer.js")))
    assert reads == []
