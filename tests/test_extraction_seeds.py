"""Quality bars on the hand-labelled seed files, read at run time (skipped when absent)."""

import functools
import importlib.util
import json
import sys
from pathlib import Path

import pytest
from django.conf import settings

from articles.extraction import Extractor

BASE = Path(settings.BASE_DIR)
SEEDS = next(
    (d for d in (BASE.parent / "shared" / "seeds", BASE.parent.parent / "shared" / "seeds") if d.is_dir()),
    BASE.parent / "shared" / "seeds",
)
BARS = {"persons": 0.9, "countries": 0.9, "places": 0.8}

pytestmark = pytest.mark.skipif(not (SEEDS / "expected.json").is_file(), reason="seed files are not beside the repo")


@functools.cache
def _evaluator():
    spec = importlib.util.spec_from_file_location("eval_extraction", BASE / "scripts" / "eval_extraction.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def overall():
    evaluator = _evaluator()
    labels = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
    extractor = Extractor()
    totals = {kind: evaluator.Score() for kind in evaluator.KINDS}
    for file_labels in labels["files"]:
        found = evaluator.found_entities(extractor, SEEDS / file_labels["file"])
        for kind, (score, _, _) in evaluator.score_file(found, file_labels).items():
            totals[kind].add(score)
    return totals


@pytest.mark.parametrize("kind", sorted(BARS))
def test_f1_meets_the_bar_on_the_seeds(overall, kind):
    score = overall[kind]
    assert score.f1 >= BARS[kind], f"{kind}: F1 {score.f1:.3f} (P {score.precision:.3f}, R {score.recall:.3f})"


def test_the_scorer_penalises_wrong_and_missing_names():
    evaluator = _evaluator()
    labels = {"persons": ["Ann Example", "Bo Sample"], "borderline": {"persons": ["Maybe Person"]}}
    found = {"persons": {"Ann Example", "Not Labelled", "Maybe Person"}, "organisations": set(), "places": set()}
    found["countries"] = set()
    score, wrong, missed = evaluator.score_file(found, labels)["persons"]
    assert (score.true_positives, score.false_positives, score.false_negatives) == (1, 1, 1)
    assert wrong == ["Not Labelled"] and missed == ["Bo Sample"]
