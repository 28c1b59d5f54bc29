import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.evaluate import canonical_initiative, dice, evaluate, norm_name, score_report, similar

from .conftest import SEEDS, SHARED_GOLD

GOLD = {
    "doc": "x.txt",
    "report": {
        "title": "t",
        "jurisdiction": "福建省福州市仓山区",
        "adcode": "350104",
        "year": 2020,
        "publisher": "福州市仓山区司法局",
    },
    "organizations": [
        {"name": "福建省福州市仓山区人民法院", "type": "Court", "mentions": ["区法院"]},
        {"name": "福州市仓山区司法局", "type": "JudicialBureau", "mentions": ["我局"]},
    ],
    "initiatives": [
        {"name": "行政执法三项制度", "status": "implemented", "evidence": "e"},
        {"name": "枫桥经验", "status": "planned", "evidence": "e"},
    ],
    "outcomes": [
        {
            "indicator": "a",
            "value": 16000,
            "unit": "件",
            "approx": True,
            "subject": "福州市仓山区司法局",
            "evidence": "e",
        },
        {
            "indicator": "b",
            "value": 5.09,
            "unit": "%",
            "approx": False,
            "subject": "福建省福州市仓山区",
            "evidence": "e",
        },
    ],
    "honors": [{"recipient": "福州市仓山区司法局", "title": "全国模范人民调解委员会", "evidence": "e"}],
    "promotions": [{"practice": "行政复议案前化解工作经验", "scope": "national", "evidence": "e"}],
}


def test_prefix_normalization_allows_dropping_province_and_city():
    pfx = ["福建省", "福州市", "福建", "福州"]
    assert norm_name("福建省福州市仓山区人民法院", pfx) == norm_name("仓山区人民法院", pfx) == "仓山区人民法院"
    assert norm_name("“福州市”仓山区司法局", pfx) == "仓山区司法局"


def test_aliases_map_to_canonical_names():
    assert canonical_initiative("新时代“枫桥经验”") == "枫桥经验"
    assert canonical_initiative("行政执法“三项制度”") == "行政执法三项制度"
    assert canonical_initiative("“塞上枫桥”") == "塞上枫桥"


def test_similarity_rules():
    assert dice("abcd", "abcd") == 1.0
    assert similar("“广州市示范司法所”", "广州市示范司法所", 0.6)
    assert similar("全国模范人民调解委员会", "荣获全国模范人民调解委员会称号", 0.6)
    assert not similar("国家卫生区", "全国文明城区", 0.6)


def test_score_report_counts():
    pred = {
        "report": {
            "jurisdiction": "福建省福州市仓山区",
            "adcode": "350104",
            "year": 2021,
            "publisher": "福州市仓山区司法局",
        },
        "organizations": [
            {"name": "仓山区人民法院", "type": "Court"},  # matches through the prefix rule
            {"name": "福州市仓山区司法局", "type": "AdministrativeAgency"},  # wrong type
        ],
        "initiatives": [
            {"name": "行政执法“三项制度”", "status": "implemented"},
            {"name": "枫桥经验", "status": "implemented"},  # wrong status
            {"name": "三项制度", "status": "planned"},  # folded into the implemented one
        ],
        "outcomes": [
            {"value": 16000, "unit": "件", "subject": "仓山区司法局"},
            {"value": 5.09, "unit": "%", "subject": "福州市仓山区司法局"},
            {"value": 7, "unit": "个", "subject": ""},
        ],
        "honors": [{"recipient": "福州市仓山区司法局", "title": "“全国模范人民调解委员会”"}],
        "promotions": [{"practice": "行政复议案前化解经验", "scope": "province"}],
    }
    s = score_report(GOLD, pred)
    got = {c: (v.tp, v.fp, v.fn) for c, v in s.items()}
    assert got == {
        "metadata": (3, 1, 1),
        "organizations": (1, 1, 1),
        "initiatives": (1, 1, 1),
        "outcomes": (2, 1, 0),
        "outcomes_subject": (1, 2, 1),
        "honors": (1, 0, 0),
        "promotions": (0, 1, 1),
    }


def test_micro_average_and_missing_report():
    result = evaluate({"x.txt": GOLD, "y.txt": GOLD}, {"x.txt": GOLD})
    assert result.missing == ["y.txt"]
    org = result.micro["organizations"]
    assert (org.tp, org.fp, org.fn) == (2, 0, 2)
    assert org.precision == 1.0 and org.recall == 0.5 and round(org.f1, 4) == 0.6667
    js = result.to_json()
    assert js["micro"]["organizations"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "tp": 2, "fp": 0, "fn": 2}
    assert set(js["reports"]) == {"x.txt", "y.txt"}


@pytest.mark.skipif(not SHARED_GOLD.is_dir(), reason="../shared/gold/dev is not beside the checkout")
def test_cli_evaluate_json_shape():
    result = CliRunner().invoke(
        main, ["evaluate", "--gold", str(SHARED_GOLD), "--reports", str(SEEDS), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    obj = json.loads(result.output)
    cats = ["metadata", "organizations", "initiatives", "outcomes", "outcomes_subject", "honors", "promotions"]
    assert list(obj["micro"]) == cats
    assert sorted(obj["reports"]) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for cat in cats:
        assert set(obj["micro"][cat]) == {"precision", "recall", "f1", "tp", "fp", "fn"}


def test_cli_evaluate_missing_gold_folder(tmp_path):
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(tmp_path / "nope"), "--reports", str(SEEDS)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"govkg: {tmp_path / 'nope'}: no such folder"


def test_a_party_body_may_differ_by_the_place_prefix_after_its_head():
    from kg.evaluate import _prefixes, norm_name

    p = _prefixes("222401")  # 延吉市, under 延边朝鲜族自治州
    assert norm_name("中共延边朝鲜族自治州延吉市委员会", p) == norm_name("中共延吉市委员会", p) == "中共延吉市委员会"
    assert norm_name("吉林省延吉市人民法院", p) == "延吉市人民法院"
    assert norm_name("中共吉林省委员会", p) == "中共吉林省委员会"  # nothing but the head would be left
