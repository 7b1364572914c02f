"""Links for a tradition-room screen: the slideshow without a login, until revoked.

A screen on a wall outlives any login (sessions end after SESSION_HOURS, and a server restart
makes the page start again). An organiser makes a link instead: it shows public records only, the
browser holds a random token and the database only its hash, and revoking it stops the screen at
its next refresh.
"""

from __future__ import annotations

import secrets

from sqlmodel import Session, col, select

from models.accounts import Role
from models.catalogue import DisplayLink, DisplayLinkCreate, DisplayLinkPublic
from models.common import utcnow
from services.accounts.auth import token_digest
from services.capabilities import Actor, Capability, as_role, require
from services.catalogue import slideshow
from services.errors import NotFound, UserError

QUERY_PARAM = "man_hinh"


def create_link(
    *, session: Session, actor: Actor, link_in: DisplayLinkCreate
) -> tuple[DisplayLinkPublic, str]:
    """The new link and its token (shown once: only its hash is kept)."""
    require(actor, Capability.EDIT_CATALOGUE)
    label = link_in.label.strip()
    if not label:
        raise UserError("Vui lòng đặt tên cho màn hình, ví dụ “Phòng truyền thống tầng 1”.")
    token = secrets.token_urlsafe(24)
    link = DisplayLink(
        label=label[:200],
        record_ids=list(dict.fromkeys(link_in.record_ids))[:200],
        interval_seconds=link_in.interval_seconds,
        token_hash=token_digest(token),
        created_by_id=actor.id,
    )
    session.add(link)
    session.flush()
    return DisplayLinkPublic.model_validate(link), token


def list_links(*, session: Session, actor: Actor) -> list[DisplayLinkPublic]:
    require(actor, Capability.EDIT_CATALOGUE)
    rows = session.exec(
        select(DisplayLink).order_by(
            col(DisplayLink.revoked_at).is_not(None), col(DisplayLink.id).desc()
        )
    ).all()
    return [DisplayLinkPublic.model_validate(row) for row in rows]


def revoke_link(*, session: Session, actor: Actor, link_id: int) -> None:
    require(actor, Capability.EDIT_CATALOGUE)
    link = session.get(DisplayLink, link_id)
    if link is None:
        raise NotFound("Không tìm thấy liên kết màn hình này.")
    if link.revoked_at is None:
        link.revoked_at = utcnow()


def resolve_link(*, session: Session, token: str | None) -> DisplayLinkPublic | None:
    """The live link behind a token, or None (unknown or revoked); notes when it was last seen."""
    if not token or len(token) > 100:
        return None
    statement = select(DisplayLink).where(DisplayLink.token_hash == token_digest(token))
    link = session.exec(statement).first()
    if link is None or link.revoked_at is not None:
        return None
    link.last_seen_at = utcnow()
    return DisplayLinkPublic.model_validate(link)


def slides_for(*, session: Session, link: DisplayLinkPublic) -> list[slideshow.Slide]:
    """What the screen shows: the chosen records, or the featured ones, public only (the
    slideshow never shows a draft to anyone; the leader role is the screen's viewpoint)."""
    return slideshow.slideshow(
        session=session, actor=as_role(Role.LEADER), record_ids=link.record_ids or None
    )
