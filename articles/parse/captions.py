"""Photo captions and their credits: the caption is news (kept, apart from the body), the credit
("(Name/Agency)", "Photo: Name/Agency", "Photograph: …") is not.

Shapes: a caption with its credit glued on at the end; a credit on its own line under its
caption; "Image caption, …" / "Caption: …" lines that are a caption by their label. Pure module.
"""

from __future__ import annotations

import re

_CREDIT_WORDS = r"(?:Photograph|Photo|Picture|Image|Illustration|Composite|Video|Footage)(?:\s[Cc]redit)?"
# "…the Litani river. Photograph: Sami Khoury/Cedar Wire", "… 2024. (Karim Nassar/Levant Photo Agency)"
_GLUED_CREDIT_RE = re.compile(
    rf"(?P<caption>.{{12,400}}?[.!?”\"’)]?)\s+(?P<credit>{_CREDIT_WORDS}:\s[^.:]{{1,80}}"
    r"|\((?:[^()/]{1,60}\s?/\s?[^()]{1,60}|(?:AP|AFP|EPA|Reuters|Getty Images)(?:\sPhoto)?)\))$"
)
# A credit alone on its line: "Photo: OCHA/Amna Idris", "Credit: Reuters".
_CREDIT_LINE_RE = re.compile(rf"(?:{_CREDIT_WORDS}|Credit|Credits|Photos):\s[^.:]{{1,80}}\.?")
# A caption that says so: "Image caption, People gather …", "Caption: …".
_LABELLED_CAPTION_RE = re.compile(r"(?:Image caption|Media caption|Caption),?:?\s(?P<caption>.{8,400})")
# A wire gallery's slide: "[2/5] Cranes stand idle … WIRE/Sam Lee Purchase Licensing Rights".
_GALLERY_RE = re.compile(
    r"\[\d{1,2}/\d{1,2}\]\s(?P<caption>.{8,400}?[.!?])\s(?P<credit>[A-Z]{2,}[^.]{0,60}?/[^.]{1,60})"
)
# "… after the air strike. / Myinmu PDF": a caption, a slash, its source.
_SLASH_CREDIT_RE = re.compile(r"(?P<caption>.{12,400}?[.!?])\s/\s(?P<credit>[A-Z][^/.!?]{1,50})")
_LABEL_RE = re.compile(r"(?:Photo|Photograph|Picture|Image|Caption):\s")
MAX_CAPTION_CHARS = 400


def split_caption(line: str) -> tuple[str, str] | None:
    """(caption, credit) of a caption line, or None: a labelled caption has an empty credit."""
    if len(line) > MAX_CAPTION_CHARS + 120:
        return None
    labelled = line.startswith(("Image caption", "Media caption", "Caption"))
    if labelled and (match := _LABELLED_CAPTION_RE.fullmatch(line)):
        return match["caption"], line[: match.start("caption")].strip()
    if line.startswith("[") and (match := _GALLERY_RE.fullmatch(line)):
        return match["caption"], match["credit"]
    if " / " in line[-60:] and (match := _SLASH_CREDIT_RE.fullmatch(line)):
        return match["caption"], "/ " + match["credit"]
    if _may_hold_credit(line[-100:]) and (match := _GLUED_CREDIT_RE.fullmatch(line)):
        caption = match["caption"].strip()
        if label := _LABEL_RE.match(caption):  # "Photo: Dock workers gather … (AP Photo/Sam Lee)"
            return caption[label.end() :], f"{label[0]}{match['credit']}"
        return caption, match["credit"]
    return None


def _may_hold_credit(tail: str) -> bool:
    # Cheap substring tests first: most lines are news and hold none of these.
    if tail.endswith(")"):
        return "/" in tail or "AP" in tail or "AFP" in tail or "EPA" in tail or "Reuters" in tail or "Getty" in tail
    return ":" in tail and any(word in tail for word in _CREDIT_NAMES)


_CREDIT_NAMES = ("Photo", "Picture", "Image", "Illustration", "Composite", "Video", "Footage")


def is_credit_line(line: str) -> bool:
    """A credit alone on its line; the line above it is its caption."""
    return len(line) <= 100 and ":" in line[:20] and bool(_CREDIT_LINE_RE.fullmatch(line))
