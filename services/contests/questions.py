"""The question bank: groups, questions, and the pools a round's quotas draw from."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import bindparam, func
from sqlalchemy import select as _core_select
from sqlmodel import Session, select

from models.contests import (
    Question,
    QuestionCategory,
    QuestionCategoryPublic,
    QuestionCreate,
    QuestionPublic,
    QuestionType,
    QuestionUpdate,
)
from services.capabilities import Actor, Capability, require
from services.errors import NotFound, UserError
from services.units import in_tree_order

# --- categories --------------------------------------------------------------------------------


def create_category(
    *, session: Session, actor: Actor, name: str, parent_id: int | None = None
) -> QuestionCategoryPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    name = (name or "").strip()
    if not name:
        raise UserError("Vui lòng nhập tên nhóm câu hỏi.")
    if parent_id is not None and session.get(QuestionCategory, parent_id) is None:
        raise UserError("Nhóm cấp trên không tồn tại.")
    category = QuestionCategory(name=name, parent_id=parent_id)
    session.add(category)
    session.flush()
    return QuestionCategoryPublic(id=category.id, name=name, parent_id=parent_id)


def category_by_path(*, session: Session, actor: Actor, path: str) -> int:
    """'Chỉ thị 05/Mốc thời gian' -> the id, creating missing levels."""
    require(actor, Capability.MANAGE_CONTESTS)
    parent_id = None
    parts = [p.strip() for p in re.split(r"(?<!/)/(?!/)", path) if p.strip()]
    if not parts:
        parts = ["Chưa phân loại"]
    for part in parts:
        part = part.replace("//", "/")
        found = session.exec(
            select(QuestionCategory).where(
                QuestionCategory.name == part, QuestionCategory.parent_id == parent_id
            )
        ).first()
        if found is None:
            found = QuestionCategory(name=part, parent_id=parent_id)
            session.add(found)
            session.flush()
        parent_id = found.id
    return parent_id


def list_categories(*, session: Session) -> list[QuestionCategoryPublic]:
    """Tree order with depth, full path and the number of active questions (own only)."""
    cats = session.exec(select(QuestionCategory).order_by(QuestionCategory.name)).all()
    counts = dict(
        session.exec(
            select(Question.category_id, func.count(Question.id))
            .where(Question.is_active)
            .group_by(Question.category_id)
        ).all()
    )
    paths: dict[int, str] = {}
    out: list[QuestionCategoryPublic] = []
    for c, depth in in_tree_order(cats, parent_of=lambda c: c.parent_id, id_of=lambda c: c.id):
        prefix = paths.get(c.parent_id, "")
        paths[c.id] = path = f"{prefix}/{c.name}" if prefix else c.name
        out.append(
            QuestionCategoryPublic(
                id=c.id,
                name=c.name,
                parent_id=c.parent_id,
                depth=depth,
                path=path,
                question_count=counts.get(c.id, 0),
            )
        )
    return out


def subtree_counts(categories: list[QuestionCategoryPublic]) -> dict[int, int]:
    """Active questions of each group with its subgroups: what a quota on that group draws
    from (pure; `categories` as `list_categories` returns them)."""
    totals = {c.id: c.question_count for c in categories}
    parent = {c.id: c.parent_id for c in categories}
    for c in categories:
        up = c.parent_id
        while up is not None and up in totals:
            totals[up] += c.question_count
            up = parent[up]
    return totals


def _subtree(pairs, root: int) -> set[int]:
    """`root` and every category under it, from (id, parent id) pairs."""
    kids: dict[int, list[int]] = {}
    for cid, parent in pairs:
        if parent is not None:
            kids.setdefault(parent, []).append(cid)
    found, stack = set(), [root]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(kids.get(current, []))
    return found


def category_descendants(*, session: Session, category_id: int) -> set[int]:
    pairs = session.exec(select(QuestionCategory.id, QuestionCategory.parent_id)).all()
    return _subtree(pairs, category_id)


# --- questions ---------------------------------------------------------------------------------


def validate_question(data: QuestionCreate | dict) -> list[str]:
    """Problems that make a question unusable, in Vietnamese (empty when it is fine)."""
    if isinstance(data, dict):
        qtype, text, options = data.get("qtype"), data.get("text", ""), data.get("options", [])
    else:
        qtype, text, options = data.qtype, data.text, data.options
    problems = []
    if not (text or "").strip():
        problems.append("thiếu nội dung câu hỏi")
    if qtype not in {t.value for t in QuestionType}:
        problems.append(f"loại câu hỏi “{qtype}” không được hỗ trợ")
        return problems
    texts = [(o.get("text") or "").strip() for o in options]
    correct = sum(1 for o in options if o.get("correct"))
    if qtype == QuestionType.TRUE_FALSE:
        if len(options) != 2:
            problems.append("câu Đúng/Sai phải có đúng 2 phương án")
        if correct != 1:
            problems.append("câu Đúng/Sai phải có đúng 1 đáp án đúng")
        return problems
    if len(options) < 2:
        problems.append("cần ít nhất 2 phương án")
    if any(not t for t in texts):
        problems.append("có phương án để trống")
    if len(set(texts)) != len(texts):
        problems.append("có hai phương án trùng nhau")
    if qtype == QuestionType.SINGLE and correct < 1:
        # Moodle allows several full-credit answers to a one-choice question ({=a =b ~c}).
        problems.append("câu một đáp án phải có ít nhất 1 đáp án đúng (đang có 0)")
    if qtype == QuestionType.MULTIPLE and not 1 <= correct <= 4:
        problems.append(f"câu nhiều đáp án phải có từ 1 đến 4 đáp án đúng (đang có {correct})")
    return problems


def _clean_options(options: list[dict]) -> list[dict]:
    out = []
    for o in options:
        item = {"text": (o.get("text") or "").strip(), "correct": bool(o.get("correct"))}
        if o.get("weight") is not None:
            item["weight"] = float(o["weight"])
        if o.get("feedback"):
            item["feedback"] = str(o["feedback"]).strip()
        out.append(item)
    return out


def create_question(
    *, session: Session, actor: Actor, question_in: QuestionCreate
) -> QuestionPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    problems = validate_question(question_in)
    if problems:
        raise UserError("Câu hỏi chưa hợp lệ: " + "; ".join(problems) + ".")
    if session.get(QuestionCategory, question_in.category_id) is None:
        raise UserError("Nhóm câu hỏi không tồn tại.")
    question = Question.model_validate(question_in)
    question.text = question.text.strip()
    question.options = _clean_options(question_in.options)
    session.add(question)
    session.flush()
    return QuestionPublic.model_validate(question)


def update_question(
    *, session: Session, actor: Actor, question_id: int, question_in: QuestionUpdate
) -> QuestionPublic:
    """Edit a question. Changing the key of a question already answered calls for a regrade,
    which the organiser starts from the statistics page."""
    require(actor, Capability.MANAGE_CONTESTS)
    question = session.get(Question, question_id)
    if question is None:
        raise NotFound("Không tìm thấy câu hỏi.")
    changes = question_in.model_dump(exclude_unset=True)
    merged = {
        "qtype": changes.get("qtype", question.qtype),
        "text": changes.get("text", question.text),
        "options": changes.get("options", question.options),
    }
    if "options" in changes and len(changes["options"]) != len(question.options):
        answered = session.exec(
            select(func.count())
            .select_from(_item_table())
            .where(_item_table().c.question_id == question_id)
        ).one()
        if answered:
            raise UserError(
                "Câu hỏi đã có người làm: chỉ được sửa nội dung và đáp án đúng, "
                "không được thêm hay bớt phương án."
            )
    problems = validate_question(merged)
    if problems:
        raise UserError("Câu hỏi chưa hợp lệ: " + "; ".join(problems) + ".")
    for key, value in changes.items():
        if key == "options":
            value = _clean_options(value)
        setattr(question, key, value)
    question.updated_at = datetime.now(UTC)
    session.add(question)
    session.flush()
    return QuestionPublic.model_validate(question)


def _item_table():
    from models.contests import AttemptItem

    return AttemptItem.__table__


def list_questions(
    *,
    session: Session,
    actor: Actor,
    category_id: int | None = None,
    search: str = "",
    include_inactive: bool = False,
) -> list[QuestionPublic]:
    require(actor, Capability.MANAGE_CONTESTS)
    query = select(Question).order_by(Question.id)
    if category_id is not None:
        ids = category_descendants(session=session, category_id=category_id)
        query = query.where(Question.category_id.in_(ids))
    if not include_inactive:
        query = query.where(Question.is_active)
    rows = session.exec(query).all()
    if search.strip():
        from services.vi import unaccent

        needle = unaccent(search)
        rows = [q for q in rows if needle in unaccent(q.text + " " + q.tags + " " + q.name)]
    return [QuestionPublic.model_validate(q) for q in rows]


def get_question(*, session: Session, actor: Actor, question_id: int) -> QuestionPublic:
    require(actor, Capability.MANAGE_CONTESTS)
    question = session.get(Question, question_id)
    if question is None:
        raise NotFound("Không tìm thấy câu hỏi.")
    return QuestionPublic.model_validate(question)


_CAT, _Q = QuestionCategory.__table__.c, Question.__table__.c
# Read by every start of an attempt: Core statements built once.
_CATEGORY_TREE = _core_select(_CAT.id, _CAT.parent_id, _CAT.name)
_ACTIVE_IN_CATEGORIES = _core_select(_Q.id, _Q.category_id).where(
    _Q.is_active, _Q.category_id.in_(bindparam("categories", expanding=True))
)


def quota_pools(*, session: Session, quotas: dict[str, int]) -> list[tuple[str, int, list[int]]]:
    """(category name, count, active question ids in it and under it) per quota.

    Every start of an attempt draws from these: two queries (the category tree, and the active
    questions of the categories the quotas reach), whatever the number of quotas."""
    if not quotas:
        return []
    conn = session.connection()
    tree = conn.execute(_CATEGORY_TREE).all()
    names = {cid: name for cid, _parent, name in tree}
    pairs = [(cid, parent) for cid, parent, _name in tree]
    reach = {key: _subtree(pairs, int(key)) if int(key) in names else set() for key in quotas}
    wanted = set().union(*reach.values())
    by_cat: dict[int, list[int]] = {}
    if wanted:
        for qid, cid in conn.execute(_ACTIVE_IN_CATEGORIES, {"categories": sorted(wanted)}):
            by_cat.setdefault(cid, []).append(qid)
    pools = []
    for key, count in quotas.items():
        if int(key) not in names:
            pools.append((f"#{key} (đã bị xóa)", int(count), []))
            continue
        ids = sorted(q for c in reach[key] for q in by_cat.get(c, []))
        pools.append((names[int(key)], int(count), ids))
    return pools
