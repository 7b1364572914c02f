"""Which round "Xếp hạng theo" opens on: the schedule decides, not who looked first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from services.contests.results import default_ranking_round

NOW = datetime(2026, 5, 20, 12, tzinfo=UTC)


@dataclass
class R:
    id: int
    closes_at: datetime
    is_trial: bool = False
    prediction_actual: int | None = None


@pytest.mark.parametrize(
    ("rounds", "expected"),
    [
        ([], None),
        ([R(1, datetime(2026, 6, 1, tzinfo=UTC))], None),  # still open: the whole contest
        ([R(1, datetime(2026, 5, 1, tzinfo=UTC)), R(2, datetime(2026, 6, 1, tzinfo=UTC))], 1),
        ([R(1, datetime(2026, 5, 1, tzinfo=UTC)), R(2, datetime(2026, 5, 10, tzinfo=UTC))], 2),
        # closed but not yet settled by anyone's visit: still the default
        (
            [
                R(1, datetime(2026, 5, 1, tzinfo=UTC), prediction_actual=3),
                R(2, datetime(2026, 5, 10, tzinfo=UTC), prediction_actual=None),
            ],
            2,
        ),
        (
            [R(1, datetime(2026, 5, 1, tzinfo=UTC)), R(2, datetime(2026, 5, 10, tzinfo=UTC), True)],
            1,
        ),
    ],
)
def test_default_round_follows_the_schedule(rounds, expected):
    assert default_ranking_round(rounds, now=NOW) == expected
