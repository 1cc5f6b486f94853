"""Publisher boilerplate: the rules in `data/boilerplate.txt`, compiled and applied to lines.

Every rule is a lower-case regex; `containing`/`sentence`/`phrase` rules are paired with the plain
text all their matches contain, so a substring test (C speed) decides whether a regex runs at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BOILERPLATE_FILE = Path(__file__).resolve().parent.parent / "data" / "boilerplate.txt"
MAX_BOILERPLATE_LINE_CHARS = 2000


@dataclass(frozen=True)
class BoilerplateRules:
    """Compiled rules; all match lower-cased text. Each `containing`/`sentence`/`phrase` rule is
    its own regex, paired with the plain text all its matches contain: a substring test (fast,
    in C) decides whether the regex needs to run on a line at all."""

    line: re.Pattern[str] | None
    containing: tuple[tuple[str, re.Pattern[str]], ...]
    sentence: tuple[tuple[str, re.Pattern[str]], ...]  # cut only where a sentence starts
    phrase: tuple[tuple[str, re.Pattern[str]], ...]
    glued: re.Pattern[str] | None  # an opening sentence glued to the next one with no space
    publishers: tuple[tuple[str, tuple[str, ...]], ...]

    def is_boilerplate(self, line: str) -> bool:
        """Whether the whole line is publisher furniture."""
        if len(line) > MAX_BOILERPLATE_LINE_CHARS:
            return False
        lowered = line.lower()
        if self.line is not None and self.line.fullmatch(lowered):
            return True
        for literal, rule in self.containing:  # noqa: SIM110 - a plain loop, no generator per line
            if literal in lowered and rule.search(lowered):
                return True
        return False

    def cut(self, line: str) -> tuple[str, list[str]]:
        """Cut appeal sentences and phrases out of a line: (rest, what was cut)."""
        lowered = _lower_same_length(line)
        spans = []
        for literal, rule in self.sentence:
            if literal not in lowered:
                continue
            for match in rule.finditer(lowered):
                start = match.start()
                # At a sentence start: the line start or after . ! ? (glued on, or after a space).
                before = lowered[:start].rstrip()
                if match.end() > start and (not before or before[-1] in _SENTENCE_ENDS):
                    spans.append(match.span())
        for literal, rule in self.phrase:
            if literal in lowered:
                spans += [match.span() for match in rule.finditer(lowered) if match.end() > match.start()]
        glued = _GLUED_OPENING_RE.match(line) if self.glued is not None else None
        if glued and self.glued.search(lowered[: glued.end()]):
            spans.append((0, glued.end()))
        if not spans:
            return line, []
        cuts, pieces, position = [], [], 0
        for start, end in sorted(spans):
            if start < position:
                continue  # overlaps a cut already made
            pieces.append(line[position:start])
            cuts.append(line[start:end].strip())
            position = end
        pieces.append(line[position:])
        return " ".join(" ".join(pieces).split()), cuts


_SENTENCE_ENDS = frozenset('.!?…"”’)')
# A first sentence with no space before the next one ("…the difference.Elon Musk"): the seam
# where page furniture was pasted onto the news. Only such a sentence is tested by `glued:` rules.
_GLUED_OPENING_RE = re.compile(r"[^.!?]{3,240}[.!?](?=[A-Z\"“‘])")


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (e.g. "İ") lower to two; keep offsets aligned with the original.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def required_literal(pattern: str) -> str:
    """The longest plain text every match of `pattern` contains ("" when there is none to find).

    Only text outside groups, classes and quantified characters counts, so it is a safe
    prefilter: a line without it cannot match. ("\\bno paywall" gives "no paywall".)
    """
    if _has_top_level_alternation(pattern):
        return ""  # "a|b" may contain either
    best, run = "", []
    i, n, depth = 0, len(pattern), 0
    while i < n:
        char = pattern[i]
        if depth == 0 and char not in "\\()[]{}?*+.|^$":
            run.append(char)
            i += 1
            continue
        if depth == 0 and char in "?*{" and run:
            run.pop()  # that character was optional or repeated
        if depth == 0 and char == "+":
            best = max(best, "".join(run), key=len)  # required once; what follows may not be next to it
            run = []
            i += 1
            continue
        best, run = max(best, "".join(run), key=len), []
        if char == "\\":
            i += 2
        elif char == "[":
            i = _class_end(pattern, i)
        elif char == "{":
            i = pattern.find("}", i) + 1 or n
        else:
            depth += {"(": 1, ")": -1}.get(char, 0)
            i += 1
    return max(best, "".join(run), key=len)


def _class_end(pattern: str, start: int) -> int:
    """The index after the `]` closing the character class that opens at `start`."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1  # a leading "]" is a member
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _has_top_level_alternation(pattern: str) -> bool:
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def rules_from_text(text: str) -> BoilerplateRules:
    """Compile the rule file's `line:`, `containing:`, `sentence:`, `phrase:`, `glued:` and `publisher:` rules."""
    patterns: dict[str, list[str]] = {"line": [], "containing": [], "sentence": [], "phrase": [], "glued": []}
    publishers = []
    for number, raw_line in enumerate(text.splitlines(), 1):
        rule = raw_line.strip()
        if not rule or rule.startswith("#"):
            continue
        kind, _, pattern = rule.partition(":")
        pattern = pattern.strip()
        try:
            if kind == "publisher":
                name, *needles = (part.strip() for part in pattern.split("|"))
                publishers.append((name, tuple(needle.lower() for needle in needles if needle)))
                continue
            if kind not in patterns:
                raise ValueError(f"unknown rule kind {kind!r}")
            re.compile(pattern)
            if re.sub(r"\\.", "", pattern) != re.sub(r"\\.", "", pattern).lower():
                raise ValueError("write rules in lower case (text is lower-cased before matching)")
            patterns[kind].append(pattern)
        except (re.error, ValueError) as error:
            raise ValueError(f"boilerplate rule on line {number} is invalid: {error}") from None

    return BoilerplateRules(
        line=re.compile("|".join(f"(?:{p})" for p in patterns["line"])) if patterns["line"] else None,
        containing=tuple((required_literal(p), re.compile(p)) for p in patterns["containing"]),
        sentence=tuple((required_literal(p), re.compile(p)) for p in patterns["sentence"]),
        phrase=tuple((required_literal(p), re.compile(p)) for p in patterns["phrase"]),
        glued=re.compile("|".join(f"(?:{p})" for p in patterns["glued"])) if patterns["glued"] else None,
        publishers=tuple(publishers),
    )


@cache
def default_rules() -> BoilerplateRules:
    """The project's rules, read once per process."""
    return rules_from_text(BOILERPLATE_FILE.read_text(encoding="utf-8"))
