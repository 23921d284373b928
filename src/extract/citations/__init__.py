"""Citations in the text: numeric markers (`markers`) and author-year mentions (`author_year`)."""

from .markers import MAX_RANGE_SPAN, expand_marker, extract_citation_markers

__all__ = ["MAX_RANGE_SPAN", "expand_marker", "extract_citation_markers"]
