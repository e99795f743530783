"""Writing the login cookie: Secure and SameSite=Strict over HTTPS, and drawn until it is written.

streamlit-authenticator 0.4.2 signs the cookie (a JWT of username and expiry) but has the browser
write it, from JavaScript, in extra_streamlit_components' cookie-manager frame (universal-cookie).
That frame is drawn in the run that logs the user in; a page switch before it has loaded replaces the
run, the frame is removed, and the cookie is never written, so the next reload or tab asks for the
password again. Here the frame is drawn on every run until it reports the cookie written.

What the frame can set: path, expires, max-age, domain, secure and same-site. HttpOnly it cannot:
a cookie written from JavaScript is by definition readable by JavaScript, and Streamlit gives a
script no way to send a Set-Cookie header of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import extra_streamlit_components as stx
import jwt
import streamlit as st
from extra_streamlit_components.CookieManager import _component_func
from streamlit_authenticator.models import CookieModel, cookie_model

_PENDING = "_login_cookie_pending"
_KEY = "login_cookie_set"  # the frame's widget key: the same on every run, so it is not drawn afresh


def served_over_https() -> bool:
    """Whether the browser reached the app over HTTPS (directly, or through a proxy that says so)."""
    url = st.context.url or ""
    forwarded = (st.context.headers.get("X-Forwarded-Proto") or "").split(",")[0].strip().lower()
    return url.startswith("https://") or forwarded == "https"


def options(expires: dt.datetime, https: bool) -> dict[str, Any]:
    """The cookie's attributes as universal-cookie takes them."""
    attributes: dict[str, Any] = {
        "path": "/",
        "expires": expires.isoformat(),  # aware UTC: the browser's clock zone does not matter
        "maxAge": int((expires - dt.datetime.now(dt.UTC)).total_seconds()),
        "sameSite": "strict",
    }
    if https:
        attributes["secure"] = True  # over plain HTTP a browser would refuse to store a Secure cookie
    return attributes


def issue(model: CookieModel, username: str) -> None:
    """Sign a login cookie for the user, to be written by `write_pending` from this run on."""
    if not model.cookie_expiry_days:
        return
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=model.cookie_expiry_days)
    # The token streamlit-authenticator reads back (CookieModel._token_encode): username and expiry.
    token = jwt.encode({"username": username, "exp_date": expires.timestamp()}, model.cookie_key, "HS256")
    st.session_state[_PENDING] = (model.cookie_name, token, options(expires, served_over_https()))


def forget() -> None:
    """A logout: a cookie not yet written never will be."""
    st.session_state.pop(_PENDING, None)


def write_pending(model: CookieModel) -> None:
    """Draw the frame that writes the cookie, until it says it has."""
    if st.session_state.get(_PENDING) is not None:
        _frame(model)


@st.fragment
def _frame(model: CookieModel) -> None:
    """The frame, in a fragment of its own: it loads a second or two after the page has drawn, and its
    report that the cookie is written reruns only this fragment, not the page the user is reading (or
    has just clicked away from)."""
    pending = st.session_state.get(_PENDING)
    if pending is None:
        return
    if st.session_state.get(_KEY):
        # The frame has reported the cookie written (its value turned True, which brought this rerun):
        # not drawn again, it is removed, and so is its value.
        st.session_state.pop(_PENDING, None)
        return
    name, token, attributes = pending
    model.cookie_manager.cookie_manager(
        method="set", cookie=name, value=token, options=attributes, key=_KEY, default=False
    )


class RequestCookies(stx.CookieManager):
    """extra_streamlit_components' cookie manager without the frame it draws on every run to read the
    cookies back (`getAll`): streamlit-authenticator 0.4.2 reads the login cookie from the request
    (`st.context.cookies`) and never uses what that frame answers, but its answer reran the script a
    moment after each page load, and a login form submitted at that moment could come back empty.
    Writing and deleting still draw the manager's frame, as before."""

    def __init__(self, key: str = "init") -> None:  # noqa: ARG002 - the signature streamlit-authenticator calls
        self.cookie_manager = _component_func
        self.cookies = dict(st.context.cookies)


def read_from_the_request() -> None:
    """Make streamlit-authenticator build its cookie manager as `RequestCookies`, once per process."""
    if getattr(cookie_model.stx, "CookieManager", None) is not RequestCookies:
        cookie_model.stx = _Stx()


class _Stx:
    """What streamlit_authenticator.models.cookie_model uses of the `extra_streamlit_components` module."""

    CookieManager = RequestCookies
