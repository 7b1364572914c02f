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
    assert not [
        p for p in (ROOT / "pages").iterdir() if p.suffix != ".py" and p.name != "__pycache__"
    ]


def test_readme_documents_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = re.search(r"```(?:bash|sh)\n(uv run streamlit run asgi\.py[^\n]*)\n```", readme)
    test = re.search(r"```(?:bash|sh)\n(uv run pytest[^\n]*)\n```", readme)
    assert start and test, "README.md phải có lệnh chạy ứng dụng và lệnh chạy kiểm thử"
    assert test.group(1) in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for account in ("admin", "tochuc", "lanhdao", "thanhvien", "demo123"):
        assert account in readme


# Numbers and our own constant tables are safe to interpolate as they are.
SAFE_ATTRIBUTES = {"id", "page", "pages", "position", "total", "count", "index"}


def _is_safe(value: ast.expr) -> bool:
    if isinstance(value, ast.Attribute):
        return value.attr in SAFE_ATTRIBUTES
    if isinstance(value, ast.Subscript):  # LABELS[...] : an upper-case table of our own words
        return isinstance(value.value, ast.Name) and value.value.id.isupper()
    return True


def _raw_interpolations(path: Path) -> list[str]:
    """Data pulled straight into markup sent with unsafe_allow_html=True, without escaping.

    Variables holding markup we built (rows, cards) pass; attribute and item look-ups such as
    {record.name} or {row["unit"]} must go through html.escape (or its alias esc) first."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not any(
            k.arg == "unsafe_allow_html" and getattr(k.value, "value", False) is True
            for k in node.keywords
        ):
            continue
        for part in ast.walk(node.args[0]) if node.args else ():
            if isinstance(part, ast.FormattedValue) and not _is_safe(part.value):
                found.append(f"{path.name}:{part.lineno} {ast.unparse(part.value)}")
    return found


@pytest.mark.parametrize("path", [*PAGE_FILES, *(ROOT / "ui").glob("*.py")], ids=lambda p: p.name)
def test_user_text_is_never_rendered_as_raw_html(path):
    assert _raw_interpolations(path) == []


MODULE_PACKAGES = ("accounts", "catalogue", "commendations", "contests", "notebook")


def test_each_module_is_a_package_and_no_flat_file_carries_its_name():
    """`ls services/` shows the architecture: one package per module, shared helpers beside."""
    services = ROOT / "services"
    for package in MODULE_PACKAGES:
        assert (services / package / "__init__.py").is_file(), package
    flat = [
        p.name
        for p in services.glob("*.py")
        if any(p.stem.startswith(name) for name in MODULE_PACKAGES)
    ]
    assert not flat, f"Tệp nên nằm trong gói của module: {flat}"


# Writers that act for nobody in particular: the app keeps its own books. Everything else in
# these packages that writes takes `actor` (checked with capabilities) or `user_id` (a member's
# own registration / attempt, checked against the owner).
SYSTEM_WRITERS = {
    "ensure_vocabulary",  # seeds the legal vocabulary at start
    "refresh_tally",  # recounts after a checked write
    "finalize_attempt",  # the deadline passed: submit on the member's behalf
    "close_overdue_attempts",  # the same, swept every 30 s by asgi.py
    "settle_round",  # freezes a closed round's ranking
    "grade_attempt",  # grading inside a submit or a regrade
    "wipe_finished_trials",  # an official round began: closed trial rounds are wiped, once
}
ACTOR_PACKAGES = ("commendations", "contests", "notebook")


def _writes(fn: ast.FunctionDef) -> bool:
    for node in ast.walk(fn):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"add", "add_all", "delete", "commit", "execute"}
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "session"
        ):
            return True
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"update", "delete"}:
            return True  # session.exec(update(...)) / session.exec(delete(...))
    return False


def _public_writers():
    for package in ACTOR_PACKAGES:
        for path in sorted((ROOT / "services" / package).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for fn in tree.body:
                if isinstance(fn, ast.FunctionDef) and not fn.name.startswith("_") and _writes(fn):
                    yield f"{package}.{path.stem}.{fn.name}", fn


@pytest.mark.parametrize(
    "name,fn", list(_public_writers()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_writing_service_takes_the_actor(name, fn):
    params = {a.arg for a in fn.args.kwonlyargs}
    if fn.name in SYSTEM_WRITERS:
        return
    assert params & {"actor", "user_id"}, f"{name} writes but takes no actor"
