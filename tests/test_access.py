"""Access control as AppTest runs it: the login form and its refusals, the roles, and department
scoping. Scoping is checked on the bytes of every element the page sends (text, metrics, tables,
chart data, widget options), so a value from another department cannot hide anywhere."""

from __future__ import annotations

import email.utils
import inspect
import json
import re
import time

import bcrypt
import jwt
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from pmo_dash.auth.roles import DATA_PAGES
from pmo_dash.settings import get_settings
from pmo_dash.ui import cookie, login, shell, tabs
from pmo_dash.ui.portfolio import home
from pmo_dash.ui.risks import views as risks_views
from pmo_dash.ui.whatif import views as whatif_views
from tests.conftest import COOKIE_KEY, FIXTURE, on_screen, password
from tests.test_app import ROOT, app

# What each department's PMO head is not allowed to see, and the links that name it.
LINKS = {
    "HR": {"department": "HR", "programme": "HR-PG1", "project": "HR-P3"},
    "FIN": {"department": "FIN", "programme": "FIN-PG1", "project": "FIN-P1"},
}
OTHER = {"fin_head": "HR", "hr_viewer": "FIN"}
NAMES = {"FIN": "Finance", "HR": "People"}  # the department filter's links name departments
OWN = {"fin_head": "FIN", "hr_viewer": "HR"}
NAMED = ("name", "title", "project_manager", "pmo_head", "owner")


def department_tokens(department: str) -> set[str]:
    """Ids and names found only in this department's returns: none may reach another's page."""

    def values(folder: str) -> set[str]:
        found = set()
        for csv in (FIXTURE / folder).glob("*.csv"):
            frame = pl.read_csv(csv, infer_schema=False)
            for column in frame.columns:
                if column.endswith("_id") or column in NAMED:
                    found |= {v for v in frame[column].drop_nulls() if len(v) >= 5}
        return found

    others = set().union(*(values(d) for d in ("FIN", "HR", "ipmo") if d != department))
    return values(department) - others


def page_bytes(at: AppTest) -> bytes:
    """Everything the run sent to the browser, serialised."""
    chunks = []

    def walk(node) -> None:
        if getattr(node, "proto", None) is not None:
            chunks.append(node.proto.SerializeToString())
        for child in getattr(node, "children", {}).values():
            walk(child)

    for block in at._tree.children.values():
        walk(block)
    return b"\n".join(chunks)


def leaks(at: AppTest, department: str, typed: dict[str, str] | None = None) -> list[str]:
    """The department's ids and names found in the page, beyond what the link itself said."""
    sent = page_bytes(at)
    echoed = set((typed or {}).values())
    return sorted(t for t in department_tokens(department) - echoed if t.encode() in sent)


def link_to(page: str, department: str) -> dict[str, str]:
    """A link to the page that names the department's own department, programme or project."""
    ids = LINKS[department]
    if page in ("department", "programme", "project"):
        return {page: ids[page]}
    if page in ("enterprise", "whatif"):
        return {"departments": NAMES[department]}
    return {"department": department}


def test_the_tokens_are_real():
    hr = department_tokens("HR")
    assert {"HR-P3", "HR-PG1", "Payroll replacement", "Grace Hopper", "HR-L1"} <= hr
    assert not hr & department_tokens("FIN")


@pytest.mark.parametrize("page", DATA_PAGES)
def test_an_executive_sees_every_department_on_every_page(fixture_settings, page):
    # The control for the test below: the same links do show the other department to someone allowed.
    for department in ("HR", "FIN"):
        at = app(page, user="exec", **link_to(page, department))
        assert not at.exception
        assert leaks(at, department), f"{page} shows nothing of {department} even to an executive"


@pytest.mark.parametrize("user", sorted(OTHER))
@pytest.mark.parametrize("page", DATA_PAGES)
def test_nothing_from_outside_the_users_departments_reaches_any_page(fixture_settings, user, page):
    other = OTHER[user]
    for query in ({}, link_to(page, OWN[user]), link_to(page, other)):
        at = app(page, user=user, **query)
        assert not at.exception, [e.message for e in at.exception]
        assert leaks(at, other, query) == [], f"{user} on {page} with {query} sees {other}'s data"
    if page in ("department", "programme", "project"):
        assert any("not one you can see here" in w.value for w in at.warning)
    elif page in ("enterprise", "whatif"):
        assert [w.value for w in at.warning] == [
            f"Ignored departments='{NAMES[other]}' from the link: not a department you can see."
        ]
    else:
        assert any(f"department '{other}', which is not one you can see here" in w.value for w in at.warning)


def test_lesson_search_finds_only_the_users_departments(fixture_settings):
    at = app("lessons", user="exec", lessons_tab="Library")
    at.text_input(key="lesson_search").input("payroll").run()
    assert leaks(at, "HR"), "control: an executive's search finds HR's payroll lessons"
    at = app("lessons", user="fin_head", lessons_tab="Library")
    at.text_input(key="lesson_search").input("payroll").run()
    assert leaks(at, "HR") == []


def test_the_department_filter_offers_only_the_users_departments(fixture_settings):
    assert app(user="fin_head").multiselect(key="departments").options == ["Finance"]
    assert app(user="exec").multiselect(key="departments").options == ["Finance", "People"]


def test_a_user_whose_departments_have_no_data_sees_nothing(fixture_settings):
    at = app(user="stranger")
    assert [w.value for w in at.warning] == [
        "Your account has no departments with data in the warehouse, so there is nothing to show. "
        "Ask an admin to assign your departments."
    ]
    assert not at.title and not at.metric
    assert leaks(at, "HR") == [] and leaks(at, "FIN") == []


def test_only_an_admin_can_open_the_admin_page(fixture_settings):
    assert [t.value for t in app("admin", user="admin").title] == ["Admin"]
    for user in ("exec", "fin_head", "hr_viewer"):
        at = app("admin", user=user)
        assert [e.value for e in at.error] == [
            "Admin is not open to your role. The menu on the left lists the pages you can open."
        ], user
        assert not at.title and not any(b.key == "rebuild" for b in at.button), user


# The login form.


def sign_in(at: AppTest, username: str, secret: str) -> AppTest:
    at.text_input(key=login.USERNAME).input(username)
    at.text_input(key=login.PASSWORD).input(secret)
    return at.button(key=login.SUBMIT).click().run()


@pytest.fixture
def fresh_logins():
    """Failed attempts are counted per server; start and leave each test with none."""
    login._directory.clear()
    yield
    login._directory.clear()


def test_nobody_sees_anything_before_logging_in(fixture_settings):
    at = app("department", user=None, department="FIN")
    assert [t.value for t in at.title] == ["PMO Dash"]
    assert not at.metric and not at.sidebar.selectbox
    # The only grid and pickers are the login page's warm-up (ui/warmup.py): empty, and never displayed.
    assert [d.value.shape for d in at.dataframe] == [(0, 0)]
    assert [s.options for s in at.selectbox] == [[]] and [m.options for m in at.multiselect] == [[]]
    assert leaks(at, "FIN") == [] and leaks(at, "HR") == []


def test_logging_in_lands_on_the_linked_view(fixture_settings, fresh_logins):
    at = sign_in(app("department", user=None, department="FIN"), "fin_head", password("fin_head"))
    assert not at.error
    assert [t.value for t in at.title] == ["Finance"]
    assert at.session_state["username"] == "fin_head"


@pytest.mark.parametrize(
    ("username", "secret", "message"),
    [
        ("fin_head", "not-the-password", "Unknown username or wrong password."),
        ("nobody", "whatever-it-is", "Unknown username or wrong password."),
        ("fin_head", "", "Enter your username and password."),
        (
            "fin_head",
            "é" * 40,
            "That password is 80 bytes long, and no PMO Dash password is longer than 72 bytes: "
            "check that you typed or pasted the right one.",
        ),
    ],
)
def test_a_refused_login_says_why_and_shows_nothing(
    fixture_settings, fresh_logins, username, secret, message
):
    at = sign_in(app("department", user=None, department="FIN"), username, secret)
    assert not at.exception
    assert [e.value for e in at.error] == [message]
    assert not at.metric and leaks(at, "FIN") == []
    assert at.text_input(key=login.PASSWORD).value == "", "a refused password is not kept"


def test_too_many_failed_logins_lock_the_username_for_a_while(fixture_settings, fresh_logins, monkeypatch):
    at = app(user=None)
    for _ in range(get_settings().max_login_attempts - 1):
        at = sign_in(at, "hr_viewer", "wrong-password")
        assert [e.value for e in at.error] == ["Unknown username or wrong password."]
    at = sign_in(at, "hr_viewer", "wrong-password")

    def locked(at: AppTest) -> bool:
        [message] = [e.value for e in at.error]
        return message.startswith(
            "Too many failed logins: this username is locked until "
        ) and message.endswith(" UTC. An admin can unlock it sooner.")

    assert locked(at)
    assert locked(sign_in(at, "hr_viewer", password("hr_viewer"))), "the right password does not open it"
    # Another session of the same server is locked out too; once the lock-out has run its time, it opens.
    assert locked(sign_in(app(user=None), "hr_viewer", password("hr_viewer")))
    monkeypatch.setenv("PMO_LOGIN_LOCKOUT_MINUTES", "0")
    get_settings.cache_clear()
    try:
        at = sign_in(app(user=None), "hr_viewer", password("hr_viewer"))
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert not at.error and [t.value for t in at.title] == ["People portfolio"]


def test_a_locked_out_username_and_an_unknown_one_are_answered_alike(
    fixture_settings, fresh_logins, monkeypatch
):
    # The same words, and the same bcrypt work (one check, of the users' cost) on every attempt, so that
    # neither the answer nor its time tells which usernames exist.
    costs: list[bytes] = []
    check = bcrypt.checkpw

    def counted(secret: bytes, hashed: bytes) -> bool:
        costs.append(hashed[4:6])
        return check(secret, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", counted)
    answers = {}
    for username in ("hr_viewer", "no-such-user"):
        at, said = app(user=None), []
        for secret in ["wrong-password"] * 5 + [password("hr_viewer")]:
            costs.clear()
            at = sign_in(at, username, secret)
            said.append(([re.sub(r"\d\d:\d\d", "HH:MM", e.value) for e in at.error], list(costs)))
        answers[username] = said
    refused = (["Unknown username or wrong password."], [b"04"])
    locked = (
        ["Too many failed logins: this username is locked until HH:MM UTC. An admin can unlock it sooner."],
        [b"04"],
    )
    assert answers["hr_viewer"] == answers["no-such-user"] == [refused] * 4 + [locked] * 2


def test_the_admin_page_shows_failed_logins_and_lock_outs(fixture_settings, fresh_logins):
    at = app(user=None)
    for username, failures in (("hr_viewer", 5), ("fin_head", 2), ("no-such-user", 5)):
        for _ in range(failures):
            at = sign_in(at, username, "wrong-password")
    table = app("admin", user="admin").dataframe[0].value
    shown = {
        row["username"]: (row["failed logins"], bool(row["locked until (UTC)"]))
        for row in table.to_dict("records")
    }
    # The users of the file only: names that are not users are counted, never listed.
    assert shown == {
        "admin": (0, False),
        "exec": (0, False),
        "fin_head": (2, False),
        "hr_head": (0, False),
        "hr_viewer": (5, True),
        "stranger": (0, False),
    }


def test_a_demo_login_ends_when_demo_mode_does(settings_env, fresh_logins):
    # Logged in with a published demo password, then the server stops being a demo (a rebuild from real
    # returns, a users file): the session must not carry on as the real user of the same name.
    settings_env(PMO_DEMO="true")
    at = sign_in(app(user=None), "exec", "demo-exec")
    assert not at.error and at.metric
    settings_env(PMO_DEMO="false")
    at.run()
    assert [e.value for e in at.error] == ["The login settings of this server have changed. Log in again."]
    assert not at.metric and at.session_state["authentication_status"] is None


def writers(at: AppTest) -> list[dict | None]:
    """What each cookie writer the run drew was given, in order: None for the login form's warm-up."""
    found = []

    def walk(node) -> None:
        if getattr(node, "type", None) == "bidi_component":
            assert node.proto.component_name == "pmo_dash.cookie_writer"
            found.append(json.loads(node.proto.json) if node.proto.json else None)
        for child in getattr(node, "children", {}).values():
            walk(child)

    for block in at._tree.children.values():
        walk(block)
    return found


def cookie_writes(at: AppTest) -> list[dict]:
    """What the run asks the browser to write as cookies, in order: one entry per writer drawn, with its
    line (as `document.cookie` takes it)."""
    return [data for data in writers(at) if data is not None]


def frames(at: AppTest) -> list[str]:
    """The old cookie manager's frames (iframes) the run drew: none, ever."""
    found = []

    def walk(node) -> None:
        if getattr(node, "type", None) in ("component_instance", "iframe"):
            found.append(node.type)
        for child in getattr(node, "children", {}).values():
            walk(child)

    for block in at._tree.children.values():
        walk(block)
    return found


def parsed(cookie_line: str) -> tuple[str, str, dict[str, str | bool]]:
    """A cookie line's name, value and attributes (names lower-cased)."""
    name_value, *attributes = cookie_line.split("; ")
    name, value = name_value.split("=", 1)
    found: dict[str, str | bool] = {}
    for attribute in attributes:
        key, _, val = attribute.partition("=")
        found[key.lower()] = val or True
    return name, value, found


def test_no_run_draws_a_frame_and_only_logging_in_writes_a_cookie(fixture_settings, fresh_logins):
    # The cookie manager's frame that read the cookies back reran the script a moment after every page
    # load, and a login submitted then was lost; the login cookie is read from the request instead. The
    # frame that wrote it cost a page switch straight after logging in 0.3 s: a script in the page
    # writes it now.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert at.get("text_input") and cookie_writes(at) == [] and frames(at) == []
    at = sign_in(at, "exec", password("exec"))
    assert at.metric and [list(w) for w in cookie_writes(at)] == [["line"]] and frames(at) == []


@pytest.mark.parametrize(
    ("url", "secure"), [("https://pmo.example.org/", True), ("http://localhost:8501/", False)]
)
def test_the_login_cookie_is_secure_over_https_and_same_site_strict(
    fixture_settings, fresh_logins, url, secure
):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.context["url"] = url
    before = time.time()
    at = sign_in(at.run(), "exec", password("exec"))
    [write] = cookie_writes(at)
    name, value, attributes = parsed(write["line"])
    assert (name, attributes["path"], attributes["samesite"], attributes.get("secure", False)) == (
        "pmo_dash_auth",
        "/",
        "Strict",
        secure,
    )
    # The token streamlit-authenticator reads back: the user, and an expiry a day (PMO_COOKIE_EXPIRY_DAYS) on.
    token = jwt.decode(value, COOKIE_KEY, algorithms=["HS256"])
    assert token["username"] == "exec"
    assert before + 86400 <= token["exp_date"] <= time.time() + 86400
    # The browser keeps it as long as the token is good, by either clock.
    assert 86400 - 60 <= int(attributes["max-age"]) <= 86400
    expires = email.utils.parsedate_to_datetime(attributes["expires"]).timestamp()
    assert abs(expires - token["exp_date"]) < 1


def test_the_login_cookie_is_written_in_the_logins_run_only(fixture_settings, fresh_logins):
    # The login form draws the writer with nothing to write, so that the browser has its script before
    # the password is submitted; the login's run draws it with the cookie; no later run draws it.
    at = app(user=None)
    assert writers(at) == [None]
    at = sign_in(at, "exec", password("exec"))
    assert [list(w) for w in cookie_writes(at)] == [["line"]]
    at.switch_page(shell.page("risks"))
    at.run()
    assert [t.value for t in at.title] == ["Risks · Enterprise"] and cookie_writes(at) == []
    at.button(key="logout_button").click().run()
    assert [parsed(w["line"])[1] for w in cookie_writes(at)] == [""]  # only the deletion


def test_the_cookie_writer_never_reruns_the_app():
    # Its report that the cookie was written reran the app a moment after the login, when the user's
    # first click comes too, and a page switch clicked then could open blank. The script asks for
    # nothing back (no state, no trigger), and the writer takes no callback that a report would call.
    # (What it writes, and that a rerun writes nothing again: test_browser.py's
    # test_the_login_cookie_is_written_once_in_a_tab.)
    assert "export default function ({ data })" in cookie._SCRIPT
    assert not re.search(r"set\w*Value|on_\w+_change", cookie._SCRIPT + inspect.getsource(cookie._draw))


def test_logging_out_deletes_the_cookie_without_a_rerun(fixture_settings, fresh_logins):
    at = sign_in(app(user=None), "exec", password("exec"))
    at.run()
    assert at.session_state["_shell_user"].username == "exec"  # for the page's parts that rerun alone
    at.button(key="logout_button").click().run()
    # Nothing of a page reruns for nobody: who the last signed-in run served is forgotten.
    assert "_shell_user" not in at.session_state and "_shell_page" not in at.session_state
    [write] = cookie_writes(at)
    name, value, attributes = parsed(write["line"])
    # Expired, on the same path: the browser drops it. (No writer reports back: a rerun now could
    # empty the form; test_the_cookie_writer_never_reruns_the_app.)
    assert (name, value, attributes["path"], attributes["max-age"]) == ("pmo_dash_auth", "", "/", "0")
    assert at.get("text_input") and not at.metric


def test_a_user_removed_from_the_file_is_logged_out(fixture_settings):
    at = app(user="ghost")
    assert [t.value for t in at.title] == ["PMO Dash"]
    assert [e.value for e in at.error] == ["Your account no longer exists. Ask an admin."]
    assert not at.metric


def test_a_password_reset_ends_earlier_sessions(settings_env, tmp_path, fresh_logins):
    from pmo_dash.auth import users

    records = users.load(get_settings().users_file)
    records["exec"] = records["exec"].model_copy(update={"valid_after": time.time()})
    users.save(tmp_path / "users.yaml", records)
    settings_env(PMO_USERS_FILE=str(tmp_path / "users.yaml"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["authentication_status"], at.session_state["username"] = True, "exec"
    at.session_state["_logged_in_at"] = time.time() - 60
    at.run()
    assert [e.value for e in at.error] == [
        "You were logged out (a password change or a logout elsewhere). Log in again."
    ]
    assert not at.metric
    assert not sign_in(at, "exec", password("exec")).error, "logging in again works"


def test_the_guard_refuses_a_page_the_role_does_not_open():
    def script():
        import datetime as dt

        import streamlit as st

        from pmo_dash.auth.roles import User
        from pmo_dash.data import Filters
        from pmo_dash.ui import shell

        shell._context.filters = Filters(scope=("HR",), as_of=dt.date(2026, 10, 31))
        shell._context.user = User("v", "V", ("viewer",), ("HR",))
        shell._context.page = "admin"
        shell.guard()
        st.write("the admin page")

    at = AppTest.from_function(script).run()
    assert [e.value for e in at.error] == [
        "Admin is not open to your role. The menu on the left lists the pages you can open."
    ]
    assert not at.markdown


SAME_VIEW = {
    "enterprise": {},
    "department": {"department": "FIN"},
    "programme": {"programme": "FIN-PG1"},
    "risks": {"department": "FIN"},
    "benefits": {"department": "FIN"},
    "lessons": {"department": "FIN"},
    "whatif": {},
}
# The pages with tabs are compared on every tab, not only the first each opens on.
SAME_VIEW_TABS = {
    "enterprise": home.TABS,
    "department": home.DEPARTMENT_TABS,
    "risks": risks_views.TABS,
    "whatif": whatif_views.TABS,
}
SAME_VIEWS = [pytest.param(page, query, id=page) for page, query in SAME_VIEW.items()] + [
    pytest.param(page, {**SAME_VIEW[page], tabs.param(page): tab}, id=f"{page}-{tab}")
    for page, names in SAME_VIEW_TABS.items()
    for tab in names[1:]
]


def view(at: AppTest) -> list:
    """What the main area shows: numbers, tables, captions, headings and charts."""
    shown = []
    for kind in ("title", "subheader", "caption", "markdown", "metric", "dataframe"):
        for element in getattr(at.main, kind):
            if kind == "metric":
                shown.append((element.label, element.value, element.delta))
            elif kind == "dataframe":
                shown.append(element.value.to_json(orient="split", default_handler=str))
            else:
                shown.append(element.value)
    shown += [chart.proto.spec for chart in at.main.get("plotly_chart")]
    return shown


@pytest.mark.parametrize(("page", "query"), SAME_VIEWS)
def test_a_pmo_head_sees_what_an_executive_sees_of_their_department(fixture_settings, page, query):
    # Totals, counts and charts, not only names: a leak that shows only as a bigger sum would differ.
    head = app(page, user="fin_head", **query)
    executive = app(page, user="exec", departments="Finance", **query)
    assert not head.exception and not executive.exception
    seen_by_head, seen_by_executive = view(head), view(executive)
    if page == "enterprise":  # the home page is titled by what its user sees
        titles = (seen_by_head.pop(0), seen_by_executive.pop(0))
        assert titles == ("Finance portfolio", "Enterprise portfolio")
    assert seen_by_head == seen_by_executive


def test_logging_out_returns_to_the_login_form(fixture_settings, fresh_logins):
    at = sign_in(app(user=None), "exec", password("exec"))
    assert at.metric
    at = at.button(key=login.LOGOUT).click().run()
    assert [t.value for t in at.title] == ["PMO Dash"]
    assert [s.value for s in at.success] == ["You have logged out."]
    assert not at.metric and at.session_state["authentication_status"] is None


# What is missing before anyone can log in.


@pytest.fixture
def settings_env(fixture_settings, monkeypatch):
    """Change the app's settings for one test."""

    def change(**env: str | None) -> None:
        for name, value in env.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    yield change
    monkeypatch.undo()
    get_settings.cache_clear()


HIDDEN = "The administrator finds what to do in the server's log, or with `python -m pmo_dash users check` on the server."


@pytest.fixture
def refusal(caplog):
    """What anyone opening the app reads when it cannot start, and what the server's log says."""

    def read(at_path: str | None = None) -> tuple[list[str], list[str]]:
        shell._log_problems.cache_clear()  # logged once per server: this test's server starts here
        caplog.clear()
        at = app(user=None)
        assert not at.exception, "a configuration problem shows a message, not a traceback"
        assert [t.value for t in at.title] == ["PMO Dash cannot start"]
        assert not at.text_input, "no login form until it is fixed"
        assert [c.value for c in at.caption] == [HIDDEN]
        if at_path is not None:
            assert at_path.encode() not in page_bytes(at), "no server path reaches the page"
        logged = [r.getMessage() for r in caplog.records if r.name == "pmo_dash.ui.shell"]
        return [on_screen(e.value) for e in at.error], logged  # as read on screen

    return read


def test_a_missing_users_file_is_named_to_the_admin_only(settings_env, refusal, tmp_path):
    missing = tmp_path / "users.yaml"
    settings_env(PMO_USERS_FILE=str(missing))
    assert refusal(str(tmp_path)) == (
        ["No users file."],
        [
            f"PMO Dash cannot start: No users file at {missing}. Create it with `python -m pmo_dash users add "
            "<username> --role executive`, or point PMO_USERS_FILE at yours."
        ],
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("users:\n  exec: [unclosed\n", "is not valid YAML at line 3, column 1"),
        ("- just a list\n", "must have a `users:` mapping of username to user."),
        (
            "users:\n  boss:\n    name: Boss\n    password: hunter2\n    roles: [tyrant]\n",
            "user 'boss': password: is not a bcrypt hash: set it with `python -m pmo_dash users passwd`; "
            "roles: 'tyrant' is not a role (roles: executive, pmo_head, viewer, admin).",
        ),
        ("users:\n  Big Boss:\n    name: B\n", "'Big Boss' is not a valid username"),
    ],
)
def test_a_malformed_users_file_is_explained_to_the_admin_only(
    settings_env, refusal, tmp_path, content, problem
):
    broken = tmp_path / "users.yaml"
    broken.write_text(content)
    settings_env(PMO_USERS_FILE=str(broken))
    shown, [logged] = refusal(str(tmp_path))
    assert shown == ["The users file cannot be used."]
    assert logged.startswith(f"PMO Dash cannot start: Users file {broken}") and problem in logged, logged


def test_outside_demo_mode_a_cookie_key_is_required(settings_env, refusal):
    settings_env(PMO_COOKIE_KEY=None)
    shown, [logged] = refusal(".streamlit/secrets.toml")
    assert shown == ["No cookie key."]
    assert logged.startswith(
        "PMO Dash cannot start: No cookie key: set PMO_COOKIE_KEY in the environment, or "
        f'`cookie_key = "..."` in {ROOT / ".streamlit" / "secrets.toml"}.'
    )
    settings_env(PMO_COOKIE_KEY="short")
    assert refusal() == (
        ["The cookie key is too short."],
        ["PMO Dash cannot start: The cookie key from PMO_COOKIE_KEY has 5 characters; it needs at least 32."],
    )


def test_demo_mode_needs_no_key_and_offers_the_demo_users(settings_env):
    settings_env(PMO_COOKIE_KEY=None, PMO_USERS_FILE="/nonexistent/users.yaml", PMO_DEMO="true")
    login._directory.clear()
    at = app(user=None)
    assert not at.error and at.text_input(key=login.USERNAME)
    # Forced on over the fixture's returns: it says so, and never that this is the shipped demo data.
    assert not at.info and [w.value for w in at.warning] == [
        "**Demo mode** is switched on for data that is not the shipped demo: anyone can log in with the "
        "published demo passwords. Log in as `exec`, `fin_head`, `hr_head`, `viewer` or `admin`; each "
        "password is `demo-` and the username (e.g. `demo-exec`)."
    ]
    assert b"shipped demo data" not in page_bytes(at)
    # The shipped demo users log in with the passwords the README gives (and see the fixture's FIN only).
    at = sign_in(at, "fin_head", "demo-fin_head")
    assert not at.error and at.multiselect(key="departments").options == ["Finance"]


def test_a_cookie_name_that_could_carry_an_attribute_is_refused_at_start(monkeypatch):
    # The name goes into the line the browser's script writes: "a; Domain=evil.example" would add one.
    import pydantic

    from pmo_dash.settings import Settings

    monkeypatch.setenv("PMO_COOKIE_NAME", "pmo; Domain=evil.example")
    with pytest.raises(pydantic.ValidationError, match="cookie_name"):
        Settings()
    monkeypatch.setenv("PMO_COOKIE_NAME", "pmo_dash.auth-2")
    assert Settings().cookie_name == "pmo_dash.auth-2"
