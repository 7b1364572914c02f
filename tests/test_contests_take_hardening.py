"""The member's attempt never loses an answer silently: odd values are refused with a message,
refusals carry their type, the answer key stays out of an open round's statistics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from models.contests import AttemptItem
from services.capabilities import SYSTEM
from services.contests import attempts as A
from services.contests import results as R
from services.errors import AttemptClosed, InvalidInput
from tests.contests_helpers import T0, make_contest, make_member

NOW = T0 + timedelta(hours=1)


def _attempt(session, **kw):
    contest_id, round_id = make_contest(session, **kw)
    user_id = make_member(session, contest_id, "thisinh")
    return (
        round_id,
        user_id,
        A.start_attempt(session=session, round_id=round_id, user_id=user_id, now=NOW),
    )


@pytest.mark.parametrize(
    "selected", [["abc"], [99], [None], ["²"], [1.5], [10**25], [True], "x", [[1]]]
)
def test_an_answer_that_is_not_an_option_gets_a_message(session, selected):
    _, user_id, attempt_id = _attempt(session)
    with pytest.raises(InvalidInput, match="Phương án không hợp lệ") as caught:
        A.save_answer(
            session=session,
            attempt_id=attempt_id,
            user_id=user_id,
            position=1,
            selected=selected,
            now=NOW,
        )
    assert caught.value.field == "selected"
    item = session.exec(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt_id, AttemptItem.position == 1)
    ).one()
    assert item.selected == []


@pytest.mark.parametrize("position", [0, 99, "1", None, 10**25])
def test_a_position_outside_the_attempt_gets_a_message(session, position):
    _, user_id, attempt_id = _attempt(session)
    with pytest.raises(InvalidInput, match="không thuộc bài thi"):
        A.save_answer(
            session=session,
            attempt_id=attempt_id,
            user_id=user_id,
            position=position,
            selected=[0],
            now=NOW,
        )


def test_a_closed_attempt_refuses_with_its_own_type(session):
    _, user_id, attempt_id = _attempt(session, minutes=10)
    with pytest.raises(AttemptClosed, match="hết giờ"):
        A.save_answer(
            session=session,
            attempt_id=attempt_id,
            user_id=user_id,
            position=1,
            selected=[0],
            now=NOW + timedelta(minutes=11),
        )
    A.submit_attempt(
        session=session, attempt_id=attempt_id, user_id=user_id, now=NOW + timedelta(minutes=12)
    )
    with pytest.raises(AttemptClosed, match="đã được nộp"):
        A.save_prediction(
            session=session,
            attempt_id=attempt_id,
            user_id=user_id,
            prediction=3,
            now=NOW + timedelta(minutes=13),
        )


@pytest.mark.parametrize("typed", ["-5", -5, str(10**20), 10**20, "abc", "1,5", "²", "10000001"])
def test_an_odd_prediction_is_refused_with_a_message(session, typed):
    _, user_id, attempt_id = _attempt(session)
    with pytest.raises(InvalidInput, match="số nguyên từ 0 đến 10.000.000") as caught:
        A.save_prediction(
            session=session, attempt_id=attempt_id, user_id=user_id, prediction=typed, now=NOW
        )
    assert caught.value.field == "prediction"


@pytest.mark.parametrize(
    ("typed", "stored"), [("125", 125), (" 1.000 ", 1000), ("", None), (0, 0), (None, None)]
)
def test_a_prediction_is_stored_as_typed(session, typed, stored):
    _, user_id, attempt_id = _attempt(session)
    assert (
        A.save_prediction(
            session=session, attempt_id=attempt_id, user_id=user_id, prediction=typed, now=NOW
        )
        == stored
    )
    state = A.answer_state(session=session, attempt_id=attempt_id, user_id=user_id, now=NOW)
    assert state.prediction == stored


def test_answer_state_is_what_the_database_holds(session):
    _, user_id, attempt_id = _attempt(session)
    A.save_answer(
        session=session, attempt_id=attempt_id, user_id=user_id, position=2, selected=[1], now=NOW
    )
    state = A.answer_state(session=session, attempt_id=attempt_id, user_id=user_id, now=NOW)
    assert state.is_open and state.selected[2] == (1,) and state.selected[1] == ()
    later = A.answer_state(
        session=session, attempt_id=attempt_id, user_id=user_id, now=NOW + timedelta(hours=2)
    )
    assert not later.is_open  # past the deadline: the server submitted it


def test_open_round_statistics_leave_the_key_out_until_it_closes(session):
    round_id, user_id, attempt_id = _attempt(session, hours=3)
    A.save_answer(
        session=session, attempt_id=attempt_id, user_id=user_id, position=1, selected=[0], now=NOW
    )
    A.submit_attempt(session=session, attempt_id=attempt_id, user_id=user_id, now=NOW)
    during = R.item_statistics(actor=SYSTEM, session=session, round_id=round_id, now=NOW)
    assert during and all(s.key_hidden and s.key_labels == "" and s.warning == "" for s in during)
    after = R.item_statistics(
        actor=SYSTEM, session=session, round_id=round_id, now=T0 + timedelta(hours=3)
    )
    assert after and all(not s.key_hidden and s.key_labels for s in after)
