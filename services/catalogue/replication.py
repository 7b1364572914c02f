"""Nhân rộng: the units that took a mô hình up, and when."""

from __future__ import annotations

from sqlmodel import Session

from models.accounts import Unit
from models.catalogue import (
    CatalogueReplication,
    CatalogueReplicationCreate,
    CatalogueReplicationPublic,
    RecordKind,
)
from services.capabilities import Actor, Capability, require
from services.catalogue.common import clean_text, record_row
from services.errors import NotFound, UserError
from services.validation import year_problem


def add_replication(
    *, session: Session, record_id: int, replication_in: CatalogueReplicationCreate, actor: Actor
) -> CatalogueReplicationPublic:
    require(actor, Capability.EDIT_CATALOGUE)
    record = record_row(session, record_id)
    if record.kind != RecordKind.MODEL:
        raise UserError("Chỉ mô hình mới có đơn vị nhân rộng.")
    unit_name = clean_text(replication_in.unit_name, 255)
    if replication_in.unit_id is not None:
        unit = session.get(Unit, replication_in.unit_id)
        if unit is None:
            raise UserError("Đơn vị nhân rộng không tồn tại.")
        unit_name = unit.name
    if not unit_name:
        raise UserError("Vui lòng chọn hoặc nhập đơn vị nhân rộng.")
    if problem := year_problem(replication_in.year, "Năm nhân rộng"):
        raise UserError(problem)
    if replication_in.year < record.year_from:
        raise UserError(f"Năm nhân rộng không được trước năm có mô hình ({record.year_from}).")
    row = CatalogueReplication(
        record_id=record_id,
        unit_id=replication_in.unit_id,
        unit_name=unit_name,
        year=replication_in.year,
        note=clean_text(replication_in.note, 500),
    )
    session.add(row)
    session.flush()
    return CatalogueReplicationPublic.model_validate(row)


def delete_replication(*, session: Session, replication_id: int, actor: Actor) -> None:
    require(actor, Capability.EDIT_CATALOGUE)
    row = session.get(CatalogueReplication, replication_id)
    if row is None:
        raise NotFound("Không tìm thấy đơn vị nhân rộng.")
    session.delete(row)
