"""Joining two lines of one paragraph (or table cell) as Chinese typesetting needs: `text.join_printed_lines`."""

from __future__ import annotations

from ..text import join_printed_lines as join_lines

__all__ = ["join_lines"]
