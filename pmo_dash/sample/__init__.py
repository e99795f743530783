"""Deterministic sample portfolio generator: realistic, correlated department returns at three sizes."""

from pmo_dash.sample.core import TIERS, Tier
from pmo_dash.sample.generate import generate

__all__ = ["TIERS", "Tier", "generate"]
