"""Governance: the steering committee's decisions, compliance with the frameworks, and resources."""
