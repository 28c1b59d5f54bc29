"""kg/extractors/promotions.py on small reports written for the case."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.context import build_context
from kg.extractors import promotions
from kg.model import Document

TITLE = "北京市朝阳区司法局2023年法治政府建设年度情况报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n"


def _extract(body: str, plan: str = ""):
    text = TITLE + body + ("\n二、2024年工作思路\n" + plan if plan else "")
    doc = Document(
        path=Path("fixture.txt"),
        name="fixture.txt",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        encoding="utf-8",
    )
    found = promotions.extract(build_context(doc))
    for p in found:
        assert p.evidence == text[p.start : p.end]
    return [(p.practice, p.scope) for p in found]


def test_scopes_from_the_words():
    body = (
        "我区行政复议案前化解工作经验被新修订的《行政复议法》吸纳。"
        "创造了朝阳“极速”模式并在全市推广。"
        "“惠企5+6”法治标杆园区项目获评十大最佳实践案例,在全省复制推广。"
        "指导建立街乡执法责任制示范文本,并在全区各街乡复制推广。"
        "普法音频节目被“学习强国”平台采用。"
        "被自治区列为全区乡镇“一窗受理”改革试点。\n"
    )
    assert _extract(body) == [
        ("行政复议案前化解工作经验", "national"),
        ("创造了朝阳“极速”模式", "city"),
        ("“惠企5+6”法治标杆园区项目", "province"),
        ("指导建立街乡执法责任制示范文本", "district"),
        ("普法音频节目", "national"),
        ("乡镇“一窗受理”改革试点", "province"),
    ]


def test_not_promotions():
    body = "推广重大执法案件“公开审理、阳光办案”做法。率先在全省推行涉企行政检查“亮码入企”试点工作。意见建议被采纳。\n"
    assert _extract(body, plan="在全市推广“极速”模式。") == []
