"""Codes printed in papers: an official document's number (发文字号), the GB/T 7714 type code."""

from __future__ import annotations

import re

# An official document's number (发文字号): `国发〔2016〕43号`, `财税[2018]32号` (a pattern to embed).
OFFICIAL_NUMBER = r"[\u4e00-\u9fff]{1,8}\s*[〔\[(【［（]\s*\d{4}\s*[〕\])】］）]\s*\d+\s*号"


DOC_TYPES = ("M", "C", "G", "N", "J", "D", "R", "S", "P", "DB", "CP", "EB", "A", "CM", "DS", "PP", "Z")
CARRIERS = ("OL", "CD", "DK", "MT")
# `[J]`, `[M]`, `[EB/OL]`, `[ J / OL ]`: the document type and optional carrier.
TYPE_CODE = re.compile(
    rf"\[\s*(?P<doc_type>{'|'.join(sorted(DOC_TYPES, key=len, reverse=True))})"
    rf"\s*(?:/\s*(?P<carrier>{'|'.join(CARRIERS)})\s*)?\]",
    re.IGNORECASE,
)
