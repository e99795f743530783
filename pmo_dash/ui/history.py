"""The browser's back button: one press goes back one view.

A drill (`st.switch_page` with the level's id in the link) makes Streamlit's page push up to three
history entries: the new query on the old page's path, again with the URL-bound filters put back,
then the new page. Back then stepped through views that were never on the screen. This small script,
installed once per browser tab, holds a change of the query alone on its own path for a moment: when
a page change follows, it takes the held entry's place (and the entry is restored to what it was);
when nothing follows, the query change gets an entry of its own only if it opened another view (a
department picked from the index: another `department`, `programme` or `project`), never for a
filter the app put right (a link's bad value dropped). A constant script, never user text.
"""

from __future__ import annotations

import json

import streamlit as st

HOLD_MS = 2500  # how long a query-only change waits for the page change that may follow it
VIEW_KEYS = ("department", "programme", "project")  # the drill path's URL keys (ui/drill.py)

SCRIPT = """<script>
(() => {
  if (window.__pmoOneEntryPerView) return;
  window.__pmoOneEntryPerView = true;
  const history = window.history;
  const push = history.pushState.bind(history);
  const replace = history.replaceState.bind(history);
  let held = null;  // a query-only change not yet given an entry: {before, timer}
  const pathOf = (url) => new URL(url, window.location.href).pathname;
  const view = (url) => {
    const query = new URL(url, window.location.href).searchParams;
    return JSON.stringify(VIEW_KEYS.map((key) => query.getAll(key)));
  };
  const release = () => {
    if (!held) return;
    const now = window.location.href;
    clearTimeout(held.timer);
    if (view(now) !== view(held.before)) {
      replace(history.state, "", held.before);
      push(history.state, "", now);
    }
    held = null;
  };
  history.pushState = (state, title, url) => {
    if (url === undefined || url === null) return push(state, title, url);
    if (pathOf(url) === window.location.pathname) {
      if (!held) held = {before: window.location.href};
      clearTimeout(held.timer);
      held.timer = setTimeout(release, HOLD_MS);
      return replace(state, title, url);
    }
    if (held) {
      clearTimeout(held.timer);
      replace(history.state, "", held.before);
      held = null;
    }
    return push(state, title, url);
  };
  window.addEventListener("popstate", () => {
    if (held) clearTimeout(held.timer);
    held = null;
  });
})();
</script>""".replace("HOLD_MS", str(HOLD_MS)).replace("VIEW_KEYS", json.dumps(VIEW_KEYS))


def one_entry_per_view() -> None:
    """Install the script in this tab (a no-op after the first run that drew it)."""
    with st.sidebar:
        st.html(SCRIPT, unsafe_allow_javascript=True, width="content")
