"""Organisations, users with roles, budget years, policy profiles and API tokens."""
