"""kg/extractors/honors.py on small reports written for the case."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.context import build_context
from kg.extractors import honors, organizations
from kg.model import Document

TITLE = "广州市花都区司法局关于2024年度法治政府建设情况的报告\n\n一、2024年度推进法治政府建设的主要举措和成效\n"


def _extract(body: str, plan: str = ""):
    text = TITLE + body + ("\n二、2025年工作思路\n" + plan if plan else "")
    doc = Document(
        path=Path("fixture.txt"),
        name="fixture.txt",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        encoding="utf-8",
    )
    ctx = build_context(doc)
    ctx.organizations = organizations.extract(ctx)
    found = honors.extract(ctx)
    for h in found:
        assert h.evidence == text[h.start : h.end]
    return [(h.recipient, h.title) for h in found]


def test_award_to_an_organization_a_person_and_the_district():
    body = (
        "新雅司法所被评为“广州市示范司法所”。"
        "人民调解员李明荣获全国模范人民调解员。"
        "我区连续五年获得法治广州建设考评“优秀”等次。"
        "区司法局公共法律服务管理科被司法部授予“全国公共法律服务工作先进集体”荣誉称号。\n"
    )
    assert _extract(body) == [
        ("广州市花都区新雅司法所", "广州市示范司法所"),
        ("李明", "全国模范人民调解员"),
        ("广东省广州市花都区", "法治广州建设考评“优秀”等次"),
        ("广州市花都区司法局公共法律服务管理科", "全国公共法律服务工作先进集体"),
    ]


def test_rankings_and_villages():
    body = (
        "我区法律援助案件质量同行评估位居全市第二。"
        "行政复议调解率连年位居全市前列。"
        "秀全街朱村村被确认为2023年广东省“民主法治示范村”。\n"
    )
    assert _extract(body) == [
        ("广东省广州市花都区", "法律援助案件质量同行评估位居全市第二"),
        ("广州市花都区人民政府", "行政复议调解率连年位居全市前列"),
        ("广州市花都区秀全街道朱村村", "2023年广东省“民主法治示范村”"),
    ]


def test_not_honors():
    body = "不断增强人民群众的法治获得感。经验做法获“南方+”刊登推广。取得良好效果,获得群众好评。\n"
    assert _extract(body, plan="力争获评全国法治政府建设示范区。") == []
