"""The unit tree: Đảng bộ → Đảng bộ cơ sở / chi bộ, each with its headcount."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlmodel import Session, select

from models.accounts import Unit, UnitCreate, UnitPublic, UnitUpdate
from services.capabilities import Actor, Capability, require
from services.errors import NotFound, UserError

Node = TypeVar("Node")


def create_unit(*, session: Session, actor: Actor, unit_in: UnitCreate) -> UnitPublic:
    require(actor, Capability.MANAGE_UNITS)
    if not unit_in.name.strip():
        raise UserError("Vui lòng nhập tên đơn vị.")
    if unit_in.parent_id is not None and session.get(Unit, unit_in.parent_id) is None:
        raise UserError("Đơn vị cấp trên không tồn tại.")
    unit = Unit.model_validate(unit_in)
    unit.name = unit.name.strip()
    session.add(unit)
    session.flush()
    return UnitPublic.model_validate(unit)


def update_unit(*, session: Session, actor: Actor, unit_id: int, unit_in: UnitUpdate) -> UnitPublic:
    require(actor, Capability.MANAGE_UNITS)
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("Không tìm thấy đơn vị.")
    changes = unit_in.model_dump(exclude_unset=True)
    if changes.get("parent_id") is not None and changes["parent_id"] in descendant_ids(
        session=session, unit_id=unit_id
    ):
        raise UserError("Không thể đặt một đơn vị làm cấp dưới của chính nó.")
    for key, value in changes.items():
        setattr(unit, key, value)
    session.flush()
    return UnitPublic.model_validate(unit)


def in_tree_order(
    nodes: Iterable[Node], *, parent_of: Callable[[Node], int | None], id_of: Callable[[Node], int]
) -> list[tuple[Node, int]]:
    """Each node reachable from the roots with its depth, parent before children, siblings in
    the order given. A loop, not a recursive inner function: that one refers to itself, and the
    cycle kept every list it built alive until a full collection (each registration form)."""
    children: dict[int | None, list[Node]] = {}
    for node in nodes:
        children.setdefault(parent_of(node), []).append(node)
    ordered: list[tuple[Node, int]] = []
    stack = [(node, 0) for node in reversed(children.get(None, []))]
    while stack:
        node, depth = stack.pop()
        ordered.append((node, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(id_of(node), [])))
    return ordered


def list_units(*, session: Session) -> list[UnitPublic]:
    """Every unit in tree order (parent before children), with its depth."""
    units = session.exec(select(Unit).order_by(Unit.sort_order, Unit.name)).all()
    return [
        UnitPublic(**unit.model_dump(), depth=depth)
        for unit, depth in in_tree_order(
            units, parent_of=lambda u: u.parent_id, id_of=lambda u: u.id
        )
    ]


def descendant_ids(*, session: Session, unit_id: int) -> set[int]:
    """The unit and every unit under it (a unit's figures include its sub-units)."""
    pairs = session.exec(select(Unit.id, Unit.parent_id)).all()
    children: dict[int, list[int]] = {}
    for child, parent in pairs:
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found, stack = set(), [unit_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


TREE_INDENT = "\u2003"  # an em space per level: never collapsed by HTML, unlike a plain space


def tree_labels(units: Iterable[UnitPublic], *, below: int = 0) -> dict[int, str]:
    """Each unit's name indented by its depth (counted from `below`), the one way every picker
    and table shows the tree."""
    return {u.id: TREE_INDENT * max(0, u.depth - below) + u.name for u in units}
