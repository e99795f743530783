"""A container drawn but never displayed: what it holds runs in the browser (a script fetched early, a
cookie written) without taking any room on the page."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def container(key: str) -> DeltaGenerator:
    """`with unseen.container(key):` — the container, and the style that hides it (Streamlit sends a
    style alone to its event container)."""
    box = st.container(key=key)
    box.html(f"<style>.st-key-{key} {{display: none}}</style>")
    return box
