"""The `--json` import report carries the extractor's evidence for each entity ("why")."""

import io
import json

import pytest
from django.core.management import call_command

ARTICLE = (
    "Drones hit Ukrainian villages overnight\n"
    "Glide bombs hit the village of Hrodivka in Ukraine's east, governor Vadym Filashkin said.\n"
    "The Eastern Relief Council (ERC) said it had sent two convoys. ERC staff were unhurt.\n"
)


@pytest.mark.django_db
def test_each_entity_of_a_fresh_import_says_why_it_was_found(tmp_path):
    (tmp_path / "villages.txt").write_text(ARTICLE, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", str(tmp_path), "--dry-run", "--json", stdout=out, stderr=err)
    report = json.loads(out.getvalue())["files"][0]
    places = {loc["name"]: loc for loc in report["locations"]}
    actors = {a["name"]: a for a in report["actors"]}
    assert {"village of Hrodivka", "Ukraine in the article", "wide gazetteer"} <= set(places["Hrodivka"]["why"])
    assert "Eastern Relief Council (ERC)" in actors["Eastern Relief Council"]["why"]
    assert actors["Vadym Filashkin"]["why"]
