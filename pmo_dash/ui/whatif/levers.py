"""The what-if levers: their widgets, bound to the URL, read as one `Levers` value."""

# Bound to the URL so that a scenario on the big screen is a link. The page evaluates the levers
# through the data layer's cache, so that dragging back to an earlier value answers at once.

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from pmo_dash.settings import get_settings
from pmo_dash.ui import fmt
from pmo_dash.ui.filters import IN_LINK
from pmo_dash.whatif.levers import Levers

# Widget keys: also the URL keys, and what a saved scenario restores.
WEIGHTS = {"wi_fit": "Strategic fit", "wi_benefit": "Expected benefit", "wi_health": "Delivery health"}
RISK = "wi_risk"
BUDGET_MODE, BUDGET_PCT, BUDGET_AMOUNT = "wi_budget_mode", "wi_budget_pct", "wi_budget_amount"
CAPACITY, OVERRUN, DELAY, SHOCKED = "wi_capacity", "wi_overrun", "wi_delay", "wi_shocked"
PIN_IN, PIN_OUT = "wi_pin_in", "wi_pin_out"
MODES = ["% of today's cost", "amount"]
DEFAULTS: dict[str, Any] = {
    "wi_fit": 3,
    "wi_benefit": 3,
    "wi_health": 2,
    RISK: 2,
    BUDGET_MODE: MODES[0],
    BUDGET_PCT: 100,
    CAPACITY: False,
    OVERRUN: 0,
    DELAY: 0,
    SHOCKED: [],
    PIN_IN: [],
    PIN_OUT: [],
}
OPENED = "_wi_opened"  # session key: the toast that says a saved scenario's levers were restored
# The pins' section (its key, in no link or scenario). Its pickers list every candidate only while it is
# open: at the enterprise tier that is 4,000 projects, 0.2 MB a picker, and the browser took 0.1-0.3 s
# to take each in, on every switch to this page, for pickers nobody had opened.
PINS = "wi_pins"


def current_budget(candidates: pl.DataFrame) -> float:
    """What the current portfolio is forecast to cost: the EAC of the projects funded now. Costs are
    EACs everywhere here, so that 100% funds today's portfolio as it stands."""
    return float(candidates.filter(pl.col("funded_now"))["eac"].sum())


def draw(candidates: pl.DataFrame, departments: dict[str, str]) -> Levers:
    """Draw the levers; return what they say."""
    if opened := st.session_state.pop(OPENED, None):
        st.toast(fmt.plain(opened), icon=":material/open_in_browser:")
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    labels = dict(
        zip(candidates["project_id"], candidates["project_id"] + " · " + candidates["project"], strict=True)
    )
    weights, money_, shocks = st.columns([4, 4, 4], gap="large")
    with weights:
        st.markdown("**Weights**")
        values = {key: st.slider(label, 0, 10, key=key, **IN_LINK) for key, label in WEIGHTS.items()}
        risk = st.slider("Risk exposure (a penalty)", 0, 10, key=RISK, **IN_LINK)
    with money_:
        st.markdown("**Budget envelope**")
        base = current_budget(candidates)
        mode = st.segmented_control("Set the envelope as", MODES, key=BUDGET_MODE, **IN_LINK)
        if mode == MODES[1]:
            st.session_state.setdefault(BUDGET_AMOUNT, round(base))
            budget = st.number_input(
                f"Envelope ({get_settings().currency_symbol})", min_value=0, step=100_000, key=BUDGET_AMOUNT
            )
        else:
            pct = st.slider(
                "Envelope, % of what today's portfolio will cost",
                0,
                150,
                step=5,
                key=BUDGET_PCT,
                **IN_LINK,
                help=f"100% is {fmt.money(base)}: the forecast cost (EAC) of the projects funded now.",
            )
            budget = base * pct / 100
        capacity = st.toggle(  # the label whole in its column at 1280 px; the detail in its help
            "Respect capacity",
            key=CAPACITY,
            help="Fund only what each department's people can do: its capacity per role and month.",
            **IN_LINK,
        )
    with shocks:
        st.markdown("**Shocks**")
        overrun = st.slider("Cost overrun (%)", 0, 50, step=5, key=OVERRUN, **IN_LINK)
        delay = st.slider("Delay (months)", 0, 12, key=DELAY, **IN_LINK)
        shocked = st.multiselect(
            "Shock only these departments",
            list(departments),
            format_func=departments.get,
            key=SHOCKED,
            placeholder="The whole portfolio",
            **IN_LINK,
        )
    pins = st.expander(
        "Pin projects in or out (mandatory projects are always in)", key=PINS, on_change="rerun"
    )
    with pins:
        left, right = st.columns(2)
        pin_in = _pin_picker(left, "Always fund", PIN_IN, labels, listed=bool(pins.open))
        pin_out = _pin_picker(right, "Never fund", PIN_OUT, labels, listed=bool(pins.open))
    if (pin_in or pin_out) and not pins.open:  # a closed section must not hide that pins are at work
        st.caption(pinned_note(len(pin_in), len(pin_out)))
    return Levers(
        fit=values["wi_fit"],
        benefit=values["wi_benefit"],
        health=values["wi_health"],
        risk=risk,
        budget=float(budget),
        use_capacity=bool(capacity),
        overrun_pct=float(overrun),
        delay_months=int(delay),
        shocked_departments=tuple(shocked),
        pinned_in=frozenset(pin_in),
        pinned_out=frozenset(pin_out),
        time_limit=get_settings().whatif_time_limit_seconds,
    )


def _pin_picker(
    column: DeltaGenerator, label: str, key: str, labels: dict[str, str], *, listed: bool
) -> list[str]:
    """A picker of projects to pin: every candidate once its section is open; until then only those
    pinned already (which it must offer to keep them), the rest unseen anyway."""
    options = list(labels) if listed else pinned(key, labels)
    # No "Select all": every project always (or never) funded is no scenario.
    return column.multiselect(label, options, format_func=labels.get, key=key, select_all=False, **IN_LINK)


def pinned_note(pinned_in: int, pinned_out: int) -> str:
    """What is pinned, said under the closed section (a mandatory project pinned out is still funded)."""
    parts = [f"{n:,} {what}" for n, what in ((pinned_in, "pinned in"), (pinned_out, "pinned out")) if n]
    return f"Pins at work: {', '.join(parts)} · open the section above to see or change them"


def pinned(key: str, labels: dict[str, str]) -> list[str]:
    """The candidates a picker may hold before it is drawn: its value from the last run and those its
    link names (Streamlit writes a picker's labels to the URL). Both, because either can win: the link on
    its first run, and on a step back or forward in the browser's history, which restores the pins of
    that visit; a picker that did not offer them would drop them."""
    held = list(st.session_state.get(key) or ())
    if linked := st.query_params.get_all(key):  # mostly none: no need to index 4,000 labels each run
        by_label = {text: pid for pid, text in labels.items()}
        held += [by_label.get(label) for label in linked]
    return [pid for pid in dict.fromkeys(held) if pid in labels]


def ui_state() -> dict[str, Any]:
    """The widget values that restore this what-if on the page."""
    state = {key: st.session_state.get(key, default) for key, default in DEFAULTS.items()}
    if st.session_state.get(BUDGET_MODE) == MODES[1]:
        state[BUDGET_AMOUNT] = st.session_state.get(BUDGET_AMOUNT)
    return state
