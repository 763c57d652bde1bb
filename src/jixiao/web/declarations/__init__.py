"""Declarations: storage, versions, transitions, audit, review notes and the views."""
