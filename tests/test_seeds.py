"""The seeds end to end: the three contradictions are found and no look-alike is raised."""

import json

from conftest import ROOT, SEEDS
from factlint.cli import main
from factlint.gold import load_gold, score
from factlint.report import to_json, to_text

GOLD = load_gold(ROOT / "tests" / "data" / "seeds.gold.json")


def test_gold_expected_found_and_no_false_alarm(seeds_result):
    findings = json.loads(to_json(seeds_result.report()))["findings"]
    result = score(GOLD, findings)
    assert [i for i, found in result.expected if not found] == []
    assert result.forbidden_hit == []
    assert len(result.unlabelled) <= 2


def test_lavrov_spelling_inside_one_article(seeds_result):
    spelling = [f for f in seeds_result.findings if f.rule == "name-spelling" and "Lavrov" in f.subject]
    assert len(spelling) == 1
    assert {s.value for s in spelling[0].sides} == {"Sergei Lavrov", "Sergey Lavrov"}
    assert spelling[0].sides[0].articles == ["004_cb02ef1c4ae8f71a"]


def test_text_report_shows_both_sides_with_location(seeds_result):
    text = to_text(seeds_result.report())
    assert "Marco Rubio is Secretary of State in 3 articles but Senator in 2 articles" in text
    assert "seeds/001_f041920d014e6657.txt:12:19" in text  # 'Senator Marco Rubio', line 12 col 19
    assert "WARNING" not in text.split("ERROR")[0]  # most severe first


def test_cli_report_and_claims(tmp_path, capsys):
    out = tmp_path / "r.md"
    assert main(["report", str(SEEDS / "004_cb02ef1c4ae8f71a.txt"), "--format", "markdown", "-o", str(out)]) == 0
    assert "Sergei Lavrov" in out.read_text()
    assert main(["claims", str(SEEDS / "004_cb02ef1c4ae8f71a.txt"), "--kind", "duration"]) == 0
    table = capsys.readouterr().out
    assert table.count("50-minute") == 2


def test_graph_export(tmp_path):
    for name in ("g.graphml", "g.json"):
        path = tmp_path / name
        assert main(["report", str(SEEDS), "--format", "json", "-o", str(tmp_path / "r.json"), "--graph", str(path)]) == 0
        assert "Marco Rubio" in path.read_text()
    assert main(["report", str(SEEDS), "--graph", str(tmp_path / "g.png")]) == 2
