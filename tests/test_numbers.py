"""kg/numbers.py: Chinese and Arabic numerals, 万/亿, approximation words and units."""

from __future__ import annotations

import pytest

from kg.numbers import chinese_to_int, find_quantities, parse_number


@pytest.mark.parametrize(
    "text,value",
    [
        ("十", 10),
        ("十二", 12),
        ("三十", 30),
        ("一百零五", 105),
        ("两万三千", 23000),
        ("千", 1000),
        ("二〇二三", 2023),
    ],
)
def test_chinese_to_int(text, value):
    assert chinese_to_int(text) == value


def test_chinese_to_int_rejects_other_text():
    assert chinese_to_int("十项") is None
    assert chinese_to_int("") is None


@pytest.mark.parametrize(
    "text,value",
    [
        ("5258", 5258),
        ("1,234", 1234),
        ("28. 76", 28.76),
        ("1.6万", 16000),
        ("42.48万", 424800),
        ("三十万", 300000),
        ("三分之一", 0.3333),
        ("abc", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def _one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    q = qs[0]
    return q.value, q.unit, q.approx


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1.6万余件", (16000, "件", True)),
        ("三十余万人次", (300000, "人次", True)),
        ("3130万元", (3130, "万元", False)),
        ("46.2亿美元", (46.2, "亿美元", False)),
        ("28. 76亿元", (28.76, "亿元", False)),
        ("近十倍", (10, "倍", True)),
        ("百名", (100, "名", False)),
        ("两万余张", (20000, "张", True)),
        ("千余套", (1000, "套", True)),
        ("约761万元", (761, "万元", True)),
        ("超22场次", (22, "场次", True)),
        ("100多项", (100, "项", True)),
        ("8816件/次", (8816, "件/次", False)),
        ("8个工作日", (8, "个工作日", False)),
        ("5.09%", (5.09, "%", False)),
        ("1150 件", (1150, "件", False)),
        ("39微克/立方米", (39, "微克/立方米", False)),
        ("近三分之一", (0.3333, "", True)),
        ("三十余场", (30, "场", True)),
        ("一百二十件", (120, "件", False)),
        ("1.2万余件", (12000, "件", True)),
        ("超3000人次", (3000, "人次", True)),
        ("逾百场", (100, "场", True)),
        ("约2.5亿元", (2.5, "亿元", True)),
        ("培训500人以上", (500, "人", True)),
        ("下降17.7%", (17.7, "%", False)),
    ],
)
def test_find_quantities(text, expected):
    assert _one(text) == expected


def test_duration_and_calendar_units_are_marked_exclude():
    kinds = [(q.value, q.unit, q.kind) for q in find_quantities("2023年为期一个月")]
    assert kinds == [(2023, "年", "exclude"), (1, "个月", "exclude")]


def test_bare_number_and_thousands_comma():
    qs = find_quantities("事项数1034,2019年")
    assert [(q.value, q.unit, q.kind) for q in qs] == [(1034, "", "bare"), (2019, "年", "exclude")]


def test_document_number_and_ordinal_are_marked():
    qs = find_quantities("〔2022〕12号,第三批")
    assert [(q.value, q.unit, q.kind) for q in qs] == [(2022, "", "bare"), (12, "号", "exclude"), (3, "批", "count")]


def test_rounds_are_a_count():
    assert [(q.value, q.unit, q.kind) for q in find_quantities("督导3轮")] == [(3, "轮", "count")]


def test_full_width_digits_and_a_table_row_number():
    from kg.numbers import find_quantities

    text = "行政复议案件数量同比下降１５．２％，"
    assert [(q.value, q.unit, text[q.start : q.end]) for q in find_quantities(text)] == [(15.2, "%", "１５．２％")]
    row = "5 人民调解 全区各级人民调解组织调处纠纷9762宗"
    assert [(q.value, q.unit, row[q.start : q.end]) for q in find_quantities(row)] == [
        (5, "", "5"),
        (9762, "宗", "9762宗"),
    ]
