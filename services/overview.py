"""What the home page shows each role: a few numbers and the things to do next, gathered from
the three modules through their own services (no queries of its own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from models.accounts import Role
from models.catalogue import CatalogueCard
from services.capabilities import Actor, Capability, as_role, can
from services.catalogue.gallery import GalleryQuery, search_gallery
from services.commendations import stats as commendations_stats
from services.commendations.records import AwardFilter
from services.contests.attempts import ContestCard, member_overview
from services.contests.clock import now_utc
from services.vi import to_local

FEATURED_ON_HOME = 4


@dataclass(frozen=True)
class OpenRound:
    contest_id: int
    contest_title: str
    round_name: str
    closes_at: datetime
    done: bool  # this person has used every attempt the round allows


@dataclass(frozen=True)
class HomeOverview:
    featured: list[CatalogueCard]
    published_records: int
    award_year: int
    awards_this_year: int
    open_rounds: list[OpenRound]


def _open_rounds(cards: list[ContestCard]) -> list[OpenRound]:
    rounds = [
        OpenRound(
            card.contest_id,
            card.title,
            r.name,
            r.closes_at,
            done=r.max_attempts > 0
            and r.attempts_used >= r.max_attempts
            and r.open_attempt_id is None,
        )
        for card in cards
        if card.eligible
        for r in card.rounds
        if r.state == "open" and not r.is_trial
    ]
    return sorted(rounds, key=lambda r: r.closes_at)


def home_overview(*, session: Session, actor: Actor, now: datetime | None = None) -> HomeOverview:
    now = now_utc(now)
    year = to_local(now).year
    gallery = search_gallery(
        session=session,
        actor=as_role(Role.MEMBER),  # the home page shows what everyone may see
        query=GalleryQuery(featured_only=True, per_page=FEATURED_ON_HOME),
    )
    published = search_gallery(
        session=session, actor=as_role(Role.MEMBER), query=GalleryQuery(per_page=1)
    ).total
    awards = 0
    if can(actor, Capability.SEE_DASHBOARDS):
        points = commendations_stats.by_year(
            session=session,
            actor=actor,
            flt=AwardFilter(year_from=year, year_to=year),
            series=commendations_stats.Series.NONE,
        )
        awards = sum(p.value for p in points)
    return HomeOverview(
        featured=gallery.cards,
        published_records=published,
        award_year=year,
        awards_this_year=awards,
        open_rounds=_open_rounds(member_overview(session=session, user_id=actor.id, now=now)),
    )
