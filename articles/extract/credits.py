"""Photo credits, wire bylines and datelines' agencies: text that names no one in the news.

Blanked (same length, so token offsets stay) before names are looked for.
"""

from __future__ import annotations

import re

# Photo credits, wire bylines ("Reporting by …; Editing by …") and the agency of a dateline
# ("KHARTOUM, Sudan (AP) —") name no one in the news.
CREDIT_TRIGGERS = (
    ") —",
    ") –",
    ") -",
    "Photo",
    "Picture",
    "Illustration",
    "Composite",
    "Image",
    "porting by",
    "riting by",
    "diting by",
    "By ",
)
CREDIT_RE = re.compile(
    r"\b(?:Photograph|Photo|Photos|Picture|Illustration|Composite|Image)s?:[^\n]*"
    r"|\(?\b(?:Additional reporting|Reporting|Writing|Editing) by\b[^\n)]*\)?"
    r"|(?m:^[ \t]*By [A-Z][^\n.]{0,100}$)"  # a byline line: "By Jane Doe and Sam Roe, in Beirut"
    r"|\((?:AP|AFP|Reuters|UPI|dpa|Anadolu|Xinhua|CNN|BBC)\)(?= ?[—–-])"
)


def blank_credits(text: str) -> str:
    """The text with its credit and byline phrases replaced by spaces."""
    if not any(trigger in text for trigger in CREDIT_TRIGGERS):
        return text
    return CREDIT_RE.sub(lambda m: " " * len(m.group()), text)
