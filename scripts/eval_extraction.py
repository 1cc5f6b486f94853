"""Precision, recall and F1 of extraction per kind, per corpus, against hand labels.

    .venv/bin/python scripts/eval_extraction.py [--seeds ../shared/seeds] [--corpus NAME] [--json] [--files]

Corpora: the seeds (beside the repository), the held-out `tests/eval_corpus`, `sample_data` (each
labelled in its folder's expected.json) and the probes (`tests/eval_corpus/probes`, one
`<name>.json` beside each `<name>.txt`; only the files whose labels carry entity kinds).
Persons, organisations and places compare canonical names (the labels' alias spellings count
as their canonical form); countries compare ISO codes of every country named or implied by a
place. `borderline` labels are neither required nor penalised.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.extraction import Extractor  # noqa: E402

# shared/ sits beside the repository (in a worktree, one level further up).
SEED_DIRS = [ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds"]
OWN_CORPORA = {
    "eval_corpus": ROOT / "tests" / "eval_corpus",
    "sample_data": ROOT / "sample_data",
    "probes": ROOT / "tests" / "eval_corpus" / "probes",
}
KINDS = ("persons", "organisations", "places", "countries")
DATE_PREFIX_RE = re.compile(r"^\s*date \d{4}-\d{2}-\d{2} ")


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.true_positives,
            "fp": self.false_positives,
            "fn": self.false_negatives,
        }


def split_article(raw: bytes, filename: str) -> tuple[str, str, list[tuple[str | None, str]]]:
    """Headline, standfirst and entries: the importer's parser when present, else one entry a line."""
    try:
        from articles.parsing import parse_article
    except ImportError:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        lines = text.splitlines()
        headline = DATE_PREFIX_RE.sub("", lines[0]) if lines else ""
        return headline, "", [(None, line) for line in lines[1:] if line.strip()]
    parsed = parse_article(raw, filename=filename)
    # Captions are read with the body, as the importer does.
    return parsed.headline, parsed.standfirst, [(e.title, "\n\n".join((e.body, *e.captions))) for e in parsed.entries]


def found_entities(extractor: Extractor, path: Path) -> dict[str, set[str]]:
    """What extraction finds in one file, as sets per kind."""
    headline, standfirst, entries = split_article(path.read_bytes(), path.name)
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for entities in extractor.extract_article(headline=headline, standfirst=standfirst, entries=entries):
        for actor in entities.actors:
            found["persons" if actor.kind == "person" else "organisations"].add(actor.name)
        for location in entities.locations:
            if location.kind != "country":
                found["places"].add(location.name)
        found["countries"] |= set(entities.country_codes)
    return found


def _norm(name: str) -> str:
    return name.casefold().strip()


def score_file(found: dict[str, set[str]], labels: dict) -> dict[str, tuple[Score, list[str], list[str]]]:
    """Per kind: the score, what was found wrongly and what was missed."""
    aliases = {_norm(k): v for k, v in {**labels.get("aliases_seen", {}), **labels.get("aliases", {})}.items()}
    borderline = labels.get("borderline", {})
    results = {}
    for kind in KINDS:
        expected = {_norm(x): x for x in labels.get(kind, [])}
        neutral = [_norm(x) for x in borderline.get(kind, [])]
        if kind == "persons":
            neutral += [_norm(x) for x in labels.get("byline_or_credit_persons", [])]
        score, wrong, missed, hit = Score(), [], [], set()
        for name in found[kind]:
            key = _norm(aliases.get(_norm(name), name))
            if key in expected:
                hit.add(key)
            elif any(key == n or n.startswith(key + " ") or n.startswith(key + " (") for n in neutral):
                continue
            else:
                wrong.append(name)
        score.true_positives = len(hit)
        score.false_positives = len(wrong)
        missed = [expected[k] for k in expected if k not in hit]
        score.false_negatives = len(missed)
        results[kind] = (score, sorted(wrong), sorted(missed))
    return results


def corpus_labels(folder: Path) -> list[dict]:
    """Per-file labels of a corpus: its expected.json, else one <name>.json beside each <name>.txt."""
    labels_path = folder / "expected.json"
    if labels_path.is_file():
        return json.loads(labels_path.read_text(encoding="utf-8"))["files"]
    files = []
    for path in sorted(folder.glob("*.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        if any(kind in labels for kind in KINDS) and path.with_suffix(".txt").is_file():
            files.append({"file": path.with_suffix(".txt").name, **labels})
    return files


def score_corpus(extractor: Extractor, folder: Path) -> dict:
    """Per file and overall: P/R/F1 per kind, with what was wrong and what was missed."""
    overall = {kind: Score() for kind in KINDS}
    report: dict = {"files": {}, "overall": {}}
    for file_labels in corpus_labels(folder):
        path = folder / file_labels["file"]
        results = score_file(found_entities(extractor, path), file_labels)
        report["files"][path.name] = {
            kind: {**score.as_dict(), "wrong": wrong, "missed": missed}
            for kind, (score, wrong, missed) in results.items()
        }
        for kind, (score, _, _) in results.items():
            overall[kind].add(score)
    report["overall"] = {kind: score.as_dict() for kind, score in overall.items()}
    return report


def _print_rows(kinds: dict, indent: str, details: bool) -> None:
    for kind, row in kinds.items():
        line = f"{indent}{kind:<14} P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['f1']:.3f}"
        if details:
            line += (f"  wrong: {row['wrong']}" if row["wrong"] else "") + (
                f"  missed: {row['missed']}" if row["missed"] else ""
            )
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seeds",
        type=Path,
        default=next((d for d in SEED_DIRS if d.is_dir()), SEED_DIRS[0]),
        help="folder of seed files and their expected.json",
    )
    parser.add_argument("--corpus", choices=["seeds", *OWN_CORPORA], help="score this corpus only")
    parser.add_argument("--files", action="store_true", help="print each file's figures, misses and errors")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    corpora = {"seeds": args.seeds, **OWN_CORPORA}
    if args.corpus:
        corpora = {args.corpus: corpora[args.corpus]}
    for name, folder in corpora.items():
        if not corpus_labels(folder) and name == "seeds":
            print(f"error: no labels at {folder / 'expected.json'}", file=sys.stderr)
            return 2
    extractor = Extractor()
    reports = {name: score_corpus(extractor, folder) for name, folder in corpora.items()}
    if args.json:
        print(json.dumps(reports if len(reports) > 1 else next(iter(reports.values())), indent=1, ensure_ascii=False))
        return 0
    for name, report in reports.items():
        print(f"== {name} ({len(report['files'])} files)")
        if args.files:
            for file_name, kinds in report["files"].items():
                print(f"  {file_name}")
                _print_rows(kinds, "    ", details=True)
        _print_rows(report["overall"], "  ", details=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
