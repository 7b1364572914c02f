"""Server time of one rerun of the router + home page for a logged-in user (AppTest, SQLite).

Run: uv run python benchmarks/foundation_rerun.py [runs]
What it measures: the script's own work per rerun (session check against the database, menu,
page), not the websocket round trip.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(runs: int = 50) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="gs-bench-"))
    os.environ.update({"DATA_DIR": str(data_dir), "DEMO_MODE": "1", "SECRET_KEY": "bench"})
    os.environ.pop("DATABASE_URL", None)
    from streamlit.testing.v1 import AppTest

    from models.accounts import Role
    from models.db import make_engine
    from services.database import open_database
    from services.settings import load_settings
    from tests.fixtures import login_token
    from ui.auth import AUTH_TOKEN

    settings = load_settings()
    open_database(settings)
    token = login_token(make_engine(settings.database_url), "lanhdao", Role.LEADER)
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.session_state[AUTH_TOKEN] = token
    at.run()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        timings.append((time.perf_counter() - start) * 1000)
    assert not at.exception
    print(
        f"router + trang chủ, {runs} lần: trung vị {statistics.median(timings):.1f} ms, "
        f"p90 {sorted(timings)[int(runs * 0.9)]:.1f} ms"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
