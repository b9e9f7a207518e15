"""Evaluations: stored forms and their immutable versions, import, the list and form pages,
and the JSON API."""
