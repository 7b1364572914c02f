"""Fixes to the Streamlit server found by profiling the contests under load.

1. TCP_NODELAY on the server's connections. Streamlit binds its listening socket itself (`socket.socket(AF_INET, SOCK_STREAM)`, protocol
0), and asyncio only disables Nagle's algorithm on sockets whose protocol is IPPROTO_TCP. So
every websocket answer that goes out in more than one write waited for the client's delayed ACK:
about 40 ms per click (measured: a one-button app's click p50 48 ms before, 14 ms after on the
shared, loaded machine).
2. A fast path for Streamlit's leading-emoji check: every non-ASCII label (all Vietnamese text in
alerts, pills, page titles) was matched against a regex alternating over every emoji; a label
whose first character starts no emoji cannot match, so it skips the regex. Same results.
3. A click in a fragment this session does not hold becomes a full run. Streamlit drops such a
rerun whole (widget values included): after a restart, or when a member's websocket moves to
another process, the browser still sends fragment reruns for fragments the new session never
drew, and the contest's answer clicks (drawn in a fragment) would vanish while showing as
chosen. A full run carries the same widget values and always reaches the page, which stores
the click or refuses it on screen. Automatic reruns (`run_every`) of a dropped fragment are
still ignored, as Streamlit does.
4. Start-up objects frozen for the garbage collector. Each connected member keeps a few hundred
kilobytes of live objects, and every full collection walked them together with the ~135,000
objects of Streamlit and the app's modules: with 1,000 members connected and starting at once,
16 full collections in a minute took 4.2 s of the single core. `gc.freeze()` after start-up
moves the modules out of the collector's sight for good (they live as long as the process).
Raising the thresholds as well (10,000, 20, 20) saved no more CPU and doubled the memory of a
500-member soak (275 → 626 MB), so CPython's own thresholds stay.
5. The theme of the `new_session` message built once per parse of the configuration. Streamlit
sends that message at the start of every run, a fragment's too (each answer click), and built its
theme part from scratch each time: six passes over the 367 configuration options, 260–370 µs
of the event loop per run (21 µs as a copy), 9 % of the server's time at saturation (py-spy).
The theme cannot change without a new parse (`st.set_option` accepts no theme option), and a
parse makes a new options dictionary, so the cache is keyed on that dictionary.
6. One namespace per session for the page it shows, emptied before each run. Streamlit executes
a page file into a new module on every full run, and every function the page defines points
back at that module's dictionary: each run left a reference cycle (the page's ~30 functions,
their closures, what they held) that only a full collection frees. With a thousand members
that was ~8,000 cyclic objects a second, and full collections every 5–15 s took 0.8–1.6 s of
the single core each (47 s of a 470 s run; py-spy and `gc.callbacks`). Reusing the dictionary,
emptied first, leaves each run's functions to be freed by reference counting; a fragment or a
callback still sees the globals of the full run that drew it, as before.
7. One wake-up of the event loop per flush, not one per message. Every message a run queues
(each element of the page) called `call_soon_threadsafe`, which writes a byte to the loop's
self-pipe: a system call and a switch of the interpreter lock per element (`_write_to_self`,
6.7 % of the server's time with a thousand members). While a wake-up is pending, later
messages ride on it: the loop sets the flag that flushes every session's queue after the last
of them was queued.
8. A finished script runner let go of. Streamlit makes a new `ScriptRunner` for each run (an
answer click's fragment run too) and the runner sits in reference cycles: its session-state
wrapper and its thread's run context call back into it. So each run left ~100 objects (the
runner, its thread, locks, queues, the fragment coordinator) that only the collector frees, and
they lived long enough to reach the oldest generation: 315 runners in 10 s with 300 members, the
bulk of what full collections freed. When the runner's thread is done, the two callbacks are
cut and the thread forgets its context, so reference counting frees the runner at once.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import socket
import types
from pathlib import Path

_PATCHED = "_gs_nodelay"
PAGE_NAMESPACE_KEY = "_gs_page_namespace"  # in each session's state: (page file, its globals)
_LOG = logging.getLogger(__name__)


def tune_server() -> None:
    """The fixes; asgi.py calls this once at import, before the first connection."""
    enable_tcp_nodelay()
    enable_emoji_fast_path()
    enable_unknown_fragment_fallback()
    enable_theme_message_cache()
    enable_page_namespace_reuse()
    enable_coalesced_wakeups()
    enable_script_runner_release()
    freeze_start_up_objects()
    # The app routes with st.navigation, but a `pages/` folder beside the main script makes
    # Streamlit build a v1 page list (a glob and 14 st.Page objects) on each session's runs
    # until the first st.navigation call clears this flag; clear it up front.
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def freeze_start_up_objects() -> None:
    """Collect once, then keep what start-up made out of every later collection (point 4)."""
    gc.collect()
    gc.freeze()


def enable_emoji_fast_path() -> None:
    from streamlit import source_util, string_util
    from streamlit.emojis import ALL_EMOJIS

    original = string_util.extract_leading_emoji
    if getattr(original, _PATCHED, False):
        return
    firsts = frozenset(e[0] for e in ALL_EMOJIS)

    def extract_leading_emoji(text: str) -> tuple[str, str]:
        if not text or text[0] not in firsts:
            return "", text
        return original(text)

    setattr(extract_leading_emoji, _PATCHED, True)
    string_util.extract_leading_emoji = extract_leading_emoji
    source_util.extract_leading_emoji = extract_leading_emoji


def _nodelay(transport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):  # a socket closed in the meantime: nothing to tune
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def enable_tcp_nodelay() -> None:
    """Set TCP_NODELAY on every connection uvicorn accepts (its HTTP protocols hand the same
    transport to the websocket after the upgrade). Idempotent."""
    classes = []
    try:
        from uvicorn.protocols.http.h11_impl import H11Protocol

        classes.append(H11Protocol)
    except ImportError:  # pragma: no cover - uvicorn ships h11
        pass
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

        classes.append(HttpToolsProtocol)
    except ImportError:  # httptools is optional
        pass
    for cls in classes:
        if getattr(cls, _PATCHED, False):
            continue
        original = cls.connection_made

        def connection_made(self, transport, _original=original):
            _nodelay(transport)
            return _original(self, transport)

        cls.connection_made = connection_made
        setattr(cls, _PATCHED, True)


def enable_theme_message_cache() -> None:
    """Each theme section of `new_session` copied from one built per configuration (point 5).
    Idempotent."""
    from streamlit import config
    from streamlit.runtime import app_session

    original = app_session._populate_theme_msg
    if getattr(original, _PATCHED, False):
        return
    built: dict[str, tuple[object, object]] = {}  # section: (the options it was built from, msg)

    def populate_theme_msg(msg, section: str = "theme") -> None:
        options = config._config_options
        entry = built.get(section)
        if entry is None or entry[0] is not options:
            fresh = type(msg)()
            original(fresh, section)
            entry = built[section] = (options, fresh)
        msg.MergeFrom(entry[1])

    setattr(populate_theme_msg, _PATCHED, True)
    populate_theme_msg.__wrapped__ = original
    app_session._populate_theme_msg = populate_theme_msg


def enable_unknown_fragment_fallback() -> None:
    """A rerun of a fragment the session does not hold runs the whole page instead. Idempotent."""
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.runtime.app_session import AppSession

    original = AppSession.request_rerun
    if getattr(original, _PATCHED, False):
        return

    def request_rerun(self, client_state, _original=original):
        if (
            client_state is not None
            and client_state.fragment_id
            and not client_state.is_auto_rerun
            and not self.has_fragment(client_state.fragment_id)
        ):
            full = ClientState()
            full.CopyFrom(client_state)
            full.fragment_id = ""
            _LOG.info("fragment %s unknown to this session: full run", client_state.fragment_id)
            client_state = full
        return _original(self, client_state)

    setattr(request_rerun, _PATCHED, True)
    AppSession.request_rerun = request_rerun


def _page_namespace(session_state, page_file: str) -> dict:
    """The session's globals for `page_file`, emptied to what a new module holds (point 6)."""
    try:  # SafeSessionState has no .get
        held = session_state[PAGE_NAMESPACE_KEY]
    except KeyError:
        held = None
    if held is None or held[0] != page_file:
        held = (page_file, {})
        session_state[PAGE_NAMESPACE_KEY] = held
    namespace = held[1]
    namespace.clear()
    namespace.update(vars(types.ModuleType("__main__")))
    namespace["__file__"] = page_file
    return namespace


def enable_page_namespace_reuse() -> None:
    """A page file runs in its session's namespace, not in a new module per run. Idempotent."""
    from streamlit.navigation.page import StreamlitPage
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    original = StreamlitPage.run
    if getattr(original, _PATCHED, False):
        return

    def run(self, _original=original) -> None:
        ctx = get_script_run_ctx()
        if not (
            ctx and self._can_be_called and not self.is_external and isinstance(self._page, Path)
        ):
            return _original(self)  # Streamlit's refusal, a callable page, or no run at all
        self._can_be_called = False
        with ctx.run_with_active_hash(self._script_hash):
            code = ctx.pages_manager.get_page_script_byte_code(str(self._page))
            exec(code, _page_namespace(ctx.session_state, str(self._page)))

    setattr(run, _PATCHED, True)
    StreamlitPage.run = run


def enable_coalesced_wakeups() -> None:
    """While a wake-up of the loop is pending, a newly queued message asks for none (point 7).
    Idempotent."""
    from streamlit.runtime.runtime import Runtime

    original = Runtime._enqueued_some_message
    if getattr(original, _PATCHED, False):
        return

    def _enqueued_some_message(self) -> None:
        # The flag is cleared on the loop before the flush flag is set, so a message queued
        # after the clear asks again, and one queued before it is flushed by that wake-up.
        if getattr(self, "_gs_wake_pending", False):
            return
        self._gs_wake_pending = True
        async_objs = self._get_async_objs()

        def wake() -> None:
            self._gs_wake_pending = False
            async_objs.need_send_data.set()

        try:
            async_objs.eventloop.call_soon_threadsafe(wake)
        except BaseException:  # the loop is closing: leave the next message to try
            self._gs_wake_pending = False
            raise

    setattr(_enqueued_some_message, _PATCHED, True)
    _enqueued_some_message.__wrapped__ = original
    Runtime._enqueued_some_message = _enqueued_some_message


def _no_yield() -> None:
    """The yield callback of a session-state wrapper whose runner has finished."""


def enable_script_runner_release() -> None:
    """Cut a finished runner's cycles as its thread ends (point 8). Idempotent."""
    import threading

    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.runtime.scriptrunner_utils.script_run_context import (
        SCRIPT_RUN_CONTEXT_ATTR_NAME,
    )

    original = ScriptRunner._run_script_thread
    if getattr(original, _PATCHED, False):
        return

    def _run_script_thread(self) -> None:
        try:
            original(self)
        finally:
            # Nothing runs on this thread any more: SHUTDOWN has been sent, and a later
            # request to this runner is refused by its request queue, not by these callbacks.
            object.__setattr__(self._session_state, "_yield_callback", _no_yield)
            setattr(threading.current_thread(), SCRIPT_RUN_CONTEXT_ATTR_NAME, None)

    setattr(_run_script_thread, _PATCHED, True)
    _run_script_thread.__wrapped__ = original
    ScriptRunner._run_script_thread = _run_script_thread
