"""Errors that stop a run before it starts, each a message a user can act on."""

from __future__ import annotations


class RunError(ValueError):
    """The run cannot start (bad arguments, a bad raw/ directory or manifest, an output/ it must not touch)."""
