import json

import pytest

from kg.schema import check_offsets, validation_errors

from .conftest import SHARED_GOLD


def _minimal() -> dict:
    return {
        "doc": "a.txt",
        "report": {
            "title": "t",
            "jurisdiction": "北京市朝阳区",
            "adcode": "110105",
            "year": 2023,
            "publisher": "北京市朝阳区司法局",
        },
        "organizations": [{"name": "北京市朝阳区司法局", "type": "JudicialBureau", "mentions": ["我局"]}],
        "initiatives": [{"name": "枫桥经验", "status": "planned", "evidence": "坚持枫桥经验"}],
        "outcomes": [
            {
                "indicator": "案件",
                "value": 5,
                "unit": "件",
                "approx": False,
                "subject": "北京市朝阳区",
                "evidence": "案件5件",
            }
        ],
        "honors": [],
        "promotions": [{"practice": "经验", "scope": "city", "evidence": "在全市推广"}],
    }


def test_minimal_object_is_valid():
    assert validation_errors(_minimal()) == []


@pytest.mark.parametrize(
    "path, value, fragment",
    [
        (("report", "adcode"), "11010", "does not match"),
        (("initiatives", 0, "status"), "done", "is not one of"),
        (("organizations", 0, "type"), "Bureau", "is not one of"),
        (("promotions", 0, "scope"), "global", "is not one of"),
        (("outcomes", 0, "value"), "5", "is not of type 'number'"),
    ],
)
def test_invalid_values_are_reported(path, value, fragment):
    obj = _minimal()
    target = obj
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    errors = validation_errors(obj)
    assert len(errors) == 1
    assert "/".join(str(p) for p in path) in errors[0] and fragment in errors[0]


def test_unknown_field_is_rejected():
    obj = _minimal()
    obj["honors"].append({"recipient": "x", "title": "y", "evidence": "z", "score": 1})
    assert validation_errors(obj) == ["honors/0: Additional properties are not allowed ('score' was unexpected)"]


@pytest.mark.skipif(not SHARED_GOLD.is_dir(), reason="../shared/gold/dev is not beside the checkout")
def test_shared_gold_files_validate():
    files = sorted(SHARED_GOLD.glob("*.gold.json"))
    assert len(files) == 5
    for f in files:
        assert validation_errors(json.loads(f.read_text(encoding="utf-8"))) == [], f.name


def test_check_offsets():
    text = "2023年新收案件5件。"
    good = {"outcomes": [{"evidence": "新收案件5件", "start": 5, "end": 11}]}
    bad = {"outcomes": [{"evidence": "新收案件5件", "start": 4, "end": 10}]}
    assert check_offsets(good, text) == []
    assert check_offsets(bad, text) == ["outcomes/0: evidence differs from text[4:10]"]
