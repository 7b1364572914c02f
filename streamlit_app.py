"""Gương sáng: the router. Page config, start-up, the login gate, the menu for the role."""

import streamlit as st

from services.catalogue.display import QUERY_PARAM
from services.errors import UserError
from ui import auth, nav, slideshow, theme
from ui.resources import app_context

st.set_page_config(page_title="Gương sáng", page_icon=theme.FAVICON, layout="wide")
theme.apply()

try:
    context = app_context()
except UserError as exc:  # the database cannot be reached: say so, never a traceback
    st.error(str(exc))
    st.stop()

if QUERY_PARAM in st.query_params:  # a tradition-room screen: the show alone, checked by its link
    st.navigation(
        [
            st.Page(
                slideshow.screen_link_page, title="Trình chiếu", url_path="man-hinh", default=True
            )
        ],
        position="hidden",
    ).run()
    st.stop()

user = auth.current_user()
if user is None:  # every address shows the login form, through this router only
    nav.run(
        nav.login_routes(lambda: theme.login_page(context.settings, auth.login_form)),
        position="hidden",
    )
    st.stop()

auth.hand_cookie_to_browser()
theme.sidebar_identity(user, on_logout=auth.logout)

if user.must_change_password:
    nav.run(nav.forced_routes("account"), position="sidebar")
else:
    nav.run(nav.menu_for(user.role, user.duties), position="sidebar")
