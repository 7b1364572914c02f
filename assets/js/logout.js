// Logout (ui/auth.py): the HttpOnly cookie is cleared by the server, on a POST that carries
// Streamlit's XSRF token (read from its cookie, which other sites cannot).
(function () {
  var m = document.cookie.match(/(?:^|;\s*)_streamlit_xsrf=([^;]*)/);
  fetch("/auth/logout", {method: "POST", credentials: "same-origin",
                         headers: {"X-Xsrftoken": m ? m[1] : ""}})
    .finally(function () { window.location.replace("/"); });
})();
