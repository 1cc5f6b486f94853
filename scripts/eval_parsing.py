"""Score the parser against hand labels, per corpus: furniture removed, news lost, titles P/R.

    python scripts/eval_parsing.py [FOLDER ...] [-v]
    (default: ../shared/seeds, tests/eval_corpus, sample_data, tests/eval_corpus/probes)

A folder holds text files and either one `expected.json` in the seeds' format or, per file, a
`<name>.json` label in the probes' format (tests/eval_corpus/probes/README.md). Measures:
- furniture removed: share of labelled furniture lines (or fragments) that no stored text holds;
- news lost: share of the file's other lines (news by elimination) that no stored text holds;
- unaccounted: lines neither stored nor listed in the parser's `furniture_removed` (must be 0);
- entry titles precision / recall, a leading time stamp folded away on both sides.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.parse.dates import DATE_LINE_RE  # noqa: E402
from articles.parse.markdown import MARKDOWN_STARTS, unmarkdown  # noqa: E402
from articles.parsing import ParsedArticle, decode_text, parse_article  # noqa: E402

_STAMP_RE = re.compile(
    r"[^\w\"“‘']{0,3}\d{1,2}(?:[:.]\d{2}(?:\s?[ap]\.?m\.?)?|\s?[ap]\.?m\.?)(?:\s[A-Z]{2,4})?(?!\w)\W{0,3}\s*"
)


@dataclass
class Score:
    furniture: int = 0
    furniture_removed: int = 0
    news: int = 0
    news_lost: int = 0
    lines: int = 0
    unaccounted: int = 0
    title_hits: int = 0
    title_extra: int = 0
    title_missed: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        def share(part: int, whole: int) -> str:
            return f"{part / whole:.3f}" if whole else "  n/a"

        hits = self.title_hits
        return (
            f"{name}: furniture removed {share(self.furniture_removed, self.furniture)} ({self.furniture} labelled)"
            f" | news lost {share(self.news_lost, self.news)} ({self.news} lines)"
            f" | unaccounted {self.unaccounted}/{self.lines}"
            f" | titles P {share(hits, hits + self.title_extra)} R {share(hits, hits + self.title_missed)}"
        )


def stored_lines(article: ParsedArticle) -> list[str]:
    """Every line the archive keeps of a parsed file."""
    kept = [article.headline, article.standfirst, *article.byline.split("; ")]
    for entry in article.entries:
        kept += [entry.title or "", *entry.body.split("\n\n"), *entry.captions]
    return [line for line in kept if line]


def file_lines(raw: bytes) -> list[str]:
    """The file's lines as the parser sees them (whitespace collapsed, Markdown undone, no date)."""
    text = decode_text(raw).replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [unmarkdown(line) if line[:1] in MARKDOWN_STARTS or "](" in line else line for line in lines]
    lines = [line for line in lines if line]
    if lines and (match := DATE_LINE_RE.fullmatch(lines[0])):
        lines[0] = (match[2] or "").strip()
    return [line for line in lines if line]


def _title_key(title: str) -> str:
    return (
        _STAMP_RE.sub("", title, count=1).casefold()
        if title[:1].isdigit() or not title[:1].isalnum()
        else title.casefold()
    )


def _held(fragment: str, kept: list[str], joined: str) -> bool:
    if fragment.startswith(("By ", "by ", "From ")):
        fragment = fragment.split(" ", 1)[1]  # a byline is stored without its "By"
    return fragment in kept or (len(fragment) >= 12 and fragment in joined)


def score_file(raw: bytes, name: str, label: dict, score: Score, *, verbose: bool) -> None:
    article = parse_article(raw, filename=name)
    kept = stored_lines(article)
    joined = "\n".join(kept)
    furniture = [" ".join(line.split()) for line in label.get("furniture", [])]
    not_news = set(furniture) | {" ".join(line.split()) for line in label.get("not_news", [])}
    for line in furniture:
        score.furniture += 1
        if _held(line, kept, joined):
            score.problems.append(f"{name}: furniture kept: {line[:80]}")
        else:
            score.furniture_removed += 1
    listed = set(article.furniture_removed)  # stamps among them: stored as the entries' dates
    for line in file_lines(raw)[1:]:
        score.lines += 1
        if not _accounted(line, kept, joined, listed):
            score.unaccounted += 1
            score.problems.append(f"{name}: unaccounted: {line[:80]}")
        if line in not_news or line in article.stamps_removed or "furniture" not in label:
            continue  # with no furniture labelled, news cannot be told by elimination
        news = line
        for fragment in furniture:
            news = news.replace(fragment, "")
        news = " ".join(news.split())
        if not news:
            continue
        score.news += 1
        if not _held(news, kept, joined) and not all(_held(part, kept, joined) for part in _pieces(news, set())):
            score.news_lost += 1
            score.problems.append(f"{name}: news lost: {news[:80]}")
    if "headline" in label and article.headline != label["headline"]:
        score.problems.append(f"{name}: headline {article.headline!r}")
    if "titles" in label:
        got = {_title_key(e.title) for e in article.entries if e.title}
        want = {_title_key(t) for t in label["titles"]}
        score.title_hits += len(got & want)
        score.title_extra += len(got - want)
        score.title_missed += len(want - got)
        if verbose:
            score.problems += [f"{name}: missed title: {t[:80]}" for t in sorted(want - got)]
            score.problems += [f"{name}: extra title: {t[:80]}" for t in sorted(got - want)]


def _accounted(line: str, kept: list[str], joined: str, listed: set[str]) -> bool:
    """Stored, or listed as removed, whole or in pieces."""
    if _held(line, kept, joined) or line in listed or any(line in cut for cut in listed):
        return True
    return all(_held(part, kept, joined) or part in listed for part in _pieces(line, listed))


def _pieces(line: str, listed: set[str]) -> list[str]:
    """A line the parser split (a caption and its credit, an appeal glued to news): its parts."""
    rest = line
    for cut in listed:
        if cut and cut in rest:
            rest = rest.replace(cut, "\n")
    return [part.strip(" .") for part in rest.split("\n") if part.strip(" .")]


def seed_label(label: dict) -> dict:
    """A seed-format label in the probes' terms."""
    converted: dict = {}
    if "headline" in label:
        converted["headline"] = label["headline"]
    if "entry_titles" in label:
        converted["titles"] = label["entry_titles"]
    furniture = list(label.get("boilerplate_lines", []))
    if glued := label.get("boilerplate_glued_prefix"):
        furniture.append(glued["prefix"])
    if "boilerplate_lines" in label:
        converted["furniture"] = furniture
    # Related-article cards and separators may go or stay: they are not scored as news.
    converted["not_news"] = [*label.get("title_like_non_entry_lines", []), *label.get("separator_lines", [])]
    return converted


def labelled_files(folder: Path) -> list[tuple[Path, dict]]:
    expected = folder / "expected.json"
    if expected.exists():
        labels = json.loads(expected.read_text(encoding="utf-8"))["files"]
        return [(folder / label["file"], seed_label(label)) for label in labels]
    return [
        (path, json.loads(path.with_suffix(".json").read_text(encoding="utf-8")))
        for path in sorted(folder.glob("*.txt"))
        if path.with_suffix(".json").exists()
    ]


def score_folder(folder: Path, *, verbose: bool = False) -> Score:
    score = Score()
    for path, label in labelled_files(folder):
        score_file(path.read_bytes(), path.name, label, score, verbose=verbose)
    return score


def default_folders() -> list[Path]:
    folders = (ROOT.parent / "shared" / "seeds", ROOT / "tests" / "eval_corpus", ROOT / "sample_data")
    return [*(p for p in folders if p.exists()), ROOT / "tests" / "eval_corpus" / "probes"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="corpus folders (default: every corpus)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each problem, missed and extra titles")
    args = parser.parse_args()
    for folder in args.folders or default_folders():
        score = score_folder(folder, verbose=args.verbose)
        print(score.line(folder.name))
        if args.verbose:
            for problem in score.problems:
                print(f"  {problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
