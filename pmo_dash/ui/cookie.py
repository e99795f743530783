"""Writing the login cookie: Secure and SameSite=Strict over HTTPS, by a script that never reruns the app.

streamlit-authenticator 0.4.2 signs the cookie (a JWT of username and expiry) but has the browser
write it, from JavaScript, in extra_streamlit_components' cookie-manager frame. That frame was an
iframe of its own (a page, a stylesheet and two scripts to fetch) and it loaded while the dashboard
was being drawn: a page switch straight after logging in waited about 0.3 s longer for it, and
removed it before it had written anything. Here the cookie is written by a few lines of script in
the page itself (a Streamlit custom component, `st.components.v2`, with no frame and nothing to
fetch).

It never reports back, and it is drawn in the login's run only. It used to report the cookie written,
which reran its fragment so that it could stop being drawn; that rerun came a moment after the login,
when the user's first click often comes too, and in two bench runs of three a page switch clicked
then opened blank (the menu moved, the page never drew). Drawn on every run instead, it cost that first
click 0.15-0.2 s in Chromium (10 paired browsers: a switch to Risks 0.69 s, 0.50 s without it). Its
script runs as its element is mounted, the moment the login's run reaches the browser, because the
login form has fetched the script that runs it (`warm`, drawn with the form's warm-up); so nothing
needs it after that run. A reload before it has run (a fraction of a second) asks for the password
again.

The script is constant; what it writes (one `Set-Cookie`-style line: the name from the settings, the
signed token, the attributes) is composed here, from nothing a user typed but the username inside the
signed token. What it can set: path, expires, max-age, secure and same-site. HttpOnly it cannot: a
cookie written from JavaScript is by definition readable by JavaScript, and Streamlit gives a script
no way to send a Set-Cookie header of its own.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

import extra_streamlit_components as stx
import jwt
import streamlit as st
from streamlit_authenticator.models import CookieModel, cookie_model

from pmo_dash.settings import COOKIE_NAME
from pmo_dash.ui import unseen

_ISSUED = "_login_cookie_issued"
_KEY = "login_cookie_writer"  # the login writer's key (the warm-up and deletions have their own)
_HIDDEN = "cookie_writer"  # the start of the key of the container it is drawn in, never displayed
# A cookie name is the settings' plain token; a JWT is base64url in three parts. Anything else is
# refused, so the line written can hold no attribute of its own.
_NAME = re.compile(COOKIE_NAME)
_TOKEN = re.compile(r"[A-Za-z0-9_=-]+(\.[A-Za-z0-9_=-]+)*")

# Writes a line once in this tab, and again only while the browser has not kept it (it refuses a Secure
# cookie over plain HTTP, say): a remount of its element neither restarts the cookie's Max-Age nor puts
# back a cookie another tab's login has replaced since. It asks for nothing back: no state, no rerun.
_SCRIPT = """
export default function ({ data }) {
    if (!data) return;
    const written = (window.__pmoCookiesWritten ??= new Set());
    if (written.has(data.line)) return;
    document.cookie = data.line;
    if (document.cookie.split("; ").includes(data.line.split("; ")[0])) written.add(data.line);
}
"""
_writer = st.components.v2.component("pmo_dash.cookie_writer", js=_SCRIPT)


def served_over_https() -> bool:
    """Whether the browser reached the app over HTTPS (directly, or through a proxy that says so)."""
    url = st.context.url or ""
    forwarded = (st.context.headers.get("X-Forwarded-Proto") or "").split(",")[0].strip().lower()
    return url.startswith("https://") or forwarded == "https"


def line(name: str, value: str, expires: dt.datetime, https: bool) -> str:
    """The cookie as the browser's `document.cookie` takes it: `Path=/`, `SameSite=Strict`, an expiry
    (aware UTC: the browser's clock zone does not matter) and, over HTTPS, `Secure`."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a cookie name: {name!r}")
    if value and not _TOKEN.fullmatch(value):
        raise ValueError("a cookie value must be a signed token")
    max_age = max(0, int((expires - dt.datetime.now(dt.UTC)).total_seconds()))
    parts = [
        f"{name}={value}",
        "Path=/",
        f"Expires={email.utils.format_datetime(expires.astimezone(dt.UTC), usegmt=True)}",
        f"Max-Age={max_age}",
        "SameSite=Strict",
    ]
    if https:
        parts.append("Secure")  # over plain HTTP a browser would refuse to store a Secure cookie
    return "; ".join(parts)


def issue(model: CookieModel, username: str) -> None:
    """Sign a login cookie for the user, to be written by `write_issued` from this run on."""
    if not model.cookie_expiry_days:
        return
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=model.cookie_expiry_days)
    # The token streamlit-authenticator reads back (CookieModel._token_encode): username and expiry.
    token = jwt.encode({"username": username, "exp_date": expires.timestamp()}, model.cookie_key, "HS256")
    st.session_state[_ISSUED] = line(model.cookie_name, token, expires, served_over_https())


def forget() -> None:
    """A logout in the login's own run (a revoked user, say): the cookie issued is not written."""
    st.session_state.pop(_ISSUED, None)


def write_issued() -> None:
    """Draw the writer of the cookie issued in this run (the login's), if any."""
    issued = st.session_state.pop(_ISSUED, None)
    if issued is not None:
        _draw({"line": issued}, _KEY)


def warm() -> None:
    """The writer with nothing to write, for the login form: the browser fetches the script that runs
    custom components while the password is typed, so the login's writer runs at once."""
    _draw(None, "warmup")


def _draw(data: dict | None, key: str) -> None:
    with unseen.container(f"{_HIDDEN}_{key}"):  # a run can delete one cookie and write another
        _writer(data=data, key=key)


class RequestCookies(stx.CookieManager):
    """extra_streamlit_components' cookie manager without its frame. streamlit-authenticator 0.4.2
    reads the login cookie from the request (`st.context.cookies`) and never uses what the frame
    answers when drawn to read the cookies back (`getAll`), but that answer reran the script a moment
    after each page load, and a login form submitted at that moment could come back empty. Writing
    is `issue` and `write_issued`'s; deleting (a logout, a revoked cookie) draws the writer with the
    cookie expired."""

    def __init__(self, key: str = "init") -> None:  # noqa: ARG002 - the signature streamlit-authenticator calls
        self.cookies = dict(st.context.cookies)

    def delete(self, cookie: str, key: str = "delete") -> None:
        if not cookie:
            return
        expired = line(cookie, "", dt.datetime(1970, 1, 1, tzinfo=dt.UTC), served_over_https())
        _draw({"line": expired}, key)
        del self.cookies[cookie]  # KeyError when the request had none, as streamlit-authenticator expects


def read_from_the_request() -> None:
    """Make streamlit-authenticator build its cookie manager as `RequestCookies`, once per process."""
    if getattr(cookie_model.stx, "CookieManager", None) is not RequestCookies:
        cookie_model.stx = _Stx()


class _Stx:
    """What streamlit_authenticator.models.cookie_model uses of the `extra_streamlit_components` module."""

    CookieManager = RequestCookies
