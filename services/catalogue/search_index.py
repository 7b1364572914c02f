"""The stored search columns and word and tag tables of a record, so the gallery filters in SQL."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import delete, insert
from sqlmodel import Session, select

from models.catalogue import CatalogueRecord, CatalogueTag, CatalogueWord
from services.catalogue.common import unit_name_of
from services.vi import collation_string, unaccent

_NON_WORD = re.compile(r"[^\w]+")


def sort_key_for(text: str) -> str:
    """Vietnamese dictionary order as digits (services.vi.collation_string), for the column."""
    return collation_string(text[:60])


def search_words(text: str) -> str:
    """Accent-free words, each preceded by a space, so " hieu" matches at a word start only."""
    return " " + " ".join(_NON_WORD.sub(" ", unaccent(text)).split())


def tag_key(label: str) -> str:
    return unaccent(label)[:100]


def refresh_search(session: Session, record: CatalogueRecord) -> None:
    unit_name = unit_name_of(session, record.unit_id)
    parts = [
        record.name,
        unit_name,
        record.field,
        " ".join(record.tags or []),
        record.theme,
        record.summary,
    ]
    record.search_text = search_words(" ".join(p for p in parts if p))
    record.search_exact = "\n".join(
        " ".join(unicodedata.normalize("NFC", p).lower().split()) for p in parts if p
    )
    record.sort_key = sort_key_for(record.name)


def set_words(session: Session, record: CatalogueRecord) -> None:
    """The word index of the search text (delete and insert: a record has a few dozen words)."""
    session.exec(delete(CatalogueWord).where(CatalogueWord.record_id == record.id))
    words = {word[:64] for word in record.search_text.split()}
    if words:
        session.exec(
            insert(CatalogueWord),
            params=[{"record_id": record.id, "word": word} for word in sorted(words)],
        )


def word_prefix(term: str):
    """Records having a word that starts with `term`, as an indexed range on catalogue_word."""
    upper = term[:-1] + chr(ord(term[-1]) + 1)
    return select(CatalogueWord.record_id).where(
        CatalogueWord.word >= term, CatalogueWord.word < upper
    )


def set_tags(session: Session, record: CatalogueRecord) -> None:
    for row in session.exec(select(CatalogueTag).where(CatalogueTag.record_id == record.id)):
        session.delete(row)
    session.flush()
    for label in record.tags or []:
        session.add(CatalogueTag(record_id=record.id, key=tag_key(label), label=label))
