"""Markdown, as scrapers save pages: headings, bold lines, links and images read as plain text."""

from __future__ import annotations

import re

MARKDOWN_STARTS = frozenset("#*_!")
_MD_HEADING_RE = re.compile(r"#{1,6}\s+(.*?)(?:\s+#+)?")
_MD_BOLD_LINE_RE = re.compile(r"(\*\*|__)(.+?)\1")
_MD_IMAGE_RE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\s]{0,2000}\)")
_MD_LINK_RE = re.compile(r"\[([^\]\n]{1,300})\]\((?:https?://|/)[^)\s]{0,2000}\)")


def unmarkdown(line: str) -> str:
    if heading := _MD_HEADING_RE.fullmatch(line):
        line = heading[1]
    if bold := _MD_BOLD_LINE_RE.fullmatch(line):
        line = bold[2]
    if "](" in line:
        line = _MD_LINK_RE.sub(r"\1", _MD_IMAGE_RE.sub("", line)).strip()
    return line
