"""An account an admin creates with a chosen password asks for a new one at first login, as a
reset one does (issue 13): through the real admin page, then the router."""

from __future__ import annotations

from sqlmodel import Session, select

from models.accounts import Role, User


def test_admin_created_account_must_change_its_password(run_page, engine):
    at = run_page("admin_users", Role.ADMIN)
    assert not at.exception
    at.text_input[0].input("ngoc.lan")
    at.text_input[1].input("Nguyễn Ngọc Lan")
    at.text_input[3].input("mat-khau-ban-dau")
    next(b for b in at.button if b.label == "Tạo tài khoản").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    with Session(engine) as session:
        user = session.exec(select(User).where(User.username == "ngoc.lan")).one()
    assert user.must_change_password
