"""The layout rules a newcomer relies on, and what README.md must document."""

import ast
import re
from pathlib import Path

import pytest

from ui.nav import PAGES

ROOT = Path(__file__).resolve().parent.parent
CORE = [p for folder in ("models", "services") for p in (ROOT / folder).rglob("*.py")]
PAGE_FILES = sorted((ROOT / "pages").glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_never_imports_streamlit(path):
    assert not any(m.split(".")[0] == "streamlit" for m in imported_modules(path))


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_pages_hold_no_sql_and_no_session(path):
    modules = imported_modules(path)
    assert not {m.split(".")[0] for m in modules} & {"sqlalchemy", "sqlmodel", "sqlite3", "psycopg"}
    assert "models.db" not in modules
    assert "Session(" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_every_page_is_registered_and_checks_its_role_first(path):
    key = path.stem
    assert key in PAGES, f"{path.name} chưa có trong ui/nav.py"
    assert f'guard("{key}")' in path.read_text(encoding="utf-8")


def test_every_registered_page_has_a_file():
    assert {spec.key for spec in PAGES.values()} == {p.stem for p in PAGE_FILES}


def test_no_helper_modules_hide_in_pages():
    assert not [p for p in (ROOT / "pages").iterdir() if p.suffix != ".py" and p.name != "__pycache__"]


def test_readme_documents_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = re.search(r"```(?:bash|sh)\n(uv run streamlit run asgi\.py[^\n]*)\n```", readme)
    test = re.search(r"```(?:bash|sh)\n(uv run pytest[^\n]*)\n```", readme)
    assert start and test, "README.md phải có lệnh chạy ứng dụng và lệnh chạy kiểm thử"
    assert test.group(1) in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for account in ("admin", "tochuc", "lanhdao", "thanhvien", "demo123"):
        assert account in readme


def test_user_text_is_never_rendered_as_raw_html():
    """unsafe_allow_html is only for our own markup; each use must escape what it interpolates."""
    for path in [*PAGE_FILES, *(ROOT / "ui").glob("*.py")]:
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r"unsafe_allow_html=True", source):
            block = source[max(0, match.start() - 600): match.start()]
            if "{" in block and "f\"" in block or "f'" in block:
                assert "escape(" in block, f"{path.name}: chèn dữ liệu vào HTML mà không escape"
