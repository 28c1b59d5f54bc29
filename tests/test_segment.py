from pathlib import Path

import pytest

from kg.context import build_context
from kg.ingest import load
from kg.model import Document
from kg.segment import classify_heading, paragraph_kind, sections, sentences

from .conftest import ROOT, SEEDS

REPORTS = ROOT / "tests" / "data" / "reports"


def doc(text: str) -> Document:
    return Document(path=Path("x.txt"), name="x.txt", text=text, sha256="", encoding="utf-8")


@pytest.mark.parametrize(
    ("heading", "year", "kind"),
    [
        ("一、2023年度推进法治政府建设的主要举措和成效", 2023, "achievements"),
        ("二、2023年我局主要负责人履行推进法治政府建设第一责任人职责情况", 2023, "achievements"),
        ("三、法治政府建设中存在的不足", 2023, "problems"),
        ("四、2024年工作思路", 2023, "plan"),
        ("三、2024年度推进法治政府建设存在的不足和原因", 2024, "problems"),
        ("四、下一年度推进法治政府建设的主要安排", 2024, "plan"),
        ("一、主要做法及成效", 2023, "achievements"),
        ("二、存在问题", 2023, "problems"),
        ("三、下一步工作安排", 2023, "plan"),
        ("3.未来展望", 2020, "plan"),
        ("二、存在的短板和不足", 2021, "problems"),
        ("三、2022年工作打算", 2021, "plan"),
        ("三、二〇二二年工作计划", 2021, "plan"),
        ("## 三、2024年工作安排", 2023, "plan"),
        ("目 录", 2020, "other"),
        ("前 言", 2020, "achievements"),
        ("一、聚焦“关键少数”,全面强化组织统筹机制", 2020, None),
    ],
)
def test_classify_heading(heading, year, kind):
    assert classify_heading(heading, year) == kind


def test_a_past_year_plan_heading_is_not_next_years_plan():
    assert classify_heading("三、2022年工作计划", 2021) == "plan"
    assert classify_heading("三、2022年工作计划", 2022) is None


def test_paragraph_kind():
    assert paragraph_kind("下一步，我们将持续深化说理式执法。") == "plan"
    assert paragraph_kind("2021年,仓山区司法局将深入学习贯彻中央依法治国会议精神。", 2020) == "plan"
    assert paragraph_kind("2020年,我局始终坚持瞄准主要对象。", 2020) is None
    assert (
        paragraph_kind("总体来看,2020年我局工作取得一定成效,但与目标还有不少差距:一是…", 2020, paragraph_start=True)
        == "problems"
    )
    assert paragraph_kind("总体来看,2020年我局工作取得一定成效,但与目标还有不少差距:一是…", 2020) is None
    assert paragraph_kind("为下一步工作打下基础。") is None


def kinds(name: str) -> list[tuple[int, str, str]]:
    ctx = build_context(load(SEEDS / name))
    return [(s.level, s.heading, s.kind) for s in ctx.sections if s.level <= 1 or s.kind != "achievements"]


def test_seed_000_sections():
    ks = kinds("000_2515ae68359f4538.txt")
    assert [(lv, k) for lv, h, k in ks if lv <= 1] == [
        (0, "preamble"),
        (1, "achievements"),
        (1, "achievements"),
        (1, "problems"),
        (1, "plan"),
    ]
    assert [h for lv, h, k in ks if k == "plan"][0] == "四、2024年工作思路"
    assert all(k == "plan" for lv, h, k in ks[ks.index((1, "四、2024年工作思路", "plan")) :])


def test_seed_001_problems_and_plan_without_headings():
    ctx = build_context(load(SEEDS / "001_2c5551b2a5a5f784.txt"))
    text = ctx.text
    secs = [(s.level, s.heading, s.kind, text[s.start : s.start + 4]) for s in ctx.sections]
    assert secs[0][:3] == (0, "", "preamble")
    assert [s[1] for s in secs[1:5]] == [
        "一、聚焦“关键少数”,全面强化组织统筹机制",
        "二、聚焦依法高效,稳步推进法治政府建设",
        "三、聚焦公正文明,持续推动行政执法落实",
        "四、聚焦良法善治,全面营造普治并举氛围",
    ]
    assert [s[2] for s in secs[1:5]] == ["achievements"] * 4
    assert secs[5:] == [(2, "", "problems", "总体来看"), (2, "", "plan", "2021")]
    # the title line is not a heading
    assert "福州市仓山区司法局关于2020年度法治政府建设工作情况的报告" in text[: ctx.sections[1].start]


def test_seed_002_and_003_sections():
    top = [(h, k) for lv, h, k in kinds("002_b7cffffbc446fd03.txt") if lv == 1]
    assert [k for h, k in top] == ["achievements", "achievements", "problems", "plan"]
    top = [(h, k) for lv, h, k in kinds("003_93b0a848b4e38b69.txt") if lv == 1]
    assert top == [("一、主要做法及成效", "achievements"), ("二、存在问题", "problems"), ("三、下一步工作安排", "plan")]


def test_seed_004_table_of_contents_and_outlook_subsections():
    ctx = build_context(load(SEEDS / "004_3215153b317be95f.txt"))
    secs = ctx.sections
    assert (secs[1].heading, secs[1].kind) == ("目 录", "other")
    assert (secs[2].heading, secs[2].kind) == ("前 言", "achievements")
    # no table-of-contents entry became a section
    assert not any("...." in s.heading for s in secs)
    outlook = [s for s in secs if s.heading == "3.未来展望"]
    assert len(outlook) == 5 and all(s.kind == "plan" for s in outlook)
    plan_children = [s for s in secs if s.level == 4 and s.kind == "plan"]
    assert [s.heading for s in plan_children][:3] == [
        "(1)进一步深化简政放权",
        "(2)提升政务服务体验",
        "(3)坚持法治原则持续优化营商环境",
    ]
    assert (secs[-1].heading, secs[-1].kind) == ("结束语", "other")
    assert [s.kind for s in secs if s.heading in ("2.具体成效", "1.背景和目标")] == ["achievements"] * 10


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "xihu_2022.html",
            [("", "preamble")]
            + [(None, "achievements")] * 6
            + [("二、存在的问题和不足", "problems")]
            + [(None, "plan")] * 3,
        ),
        (
            "wuhou_2021.txt",
            [("", "preamble")]
            + [(None, "achievements")] * 6
            + [("二、存在的短板和不足", "problems")]
            + [(None, "plan")] * 3,
        ),
        (
            "chaoyang_changchun_2023.md",
            [("", "preamble")]
            + [(None, "achievements")] * 4
            + [("", "plan")]
            + [(None, "achievements")] * 2
            + [("二、存在问题", "problems"), ("三、2024年工作安排", "plan")],
        ),
    ],
)
def test_own_reports_sections(name, expected):
    ctx = build_context(load(REPORTS / name))
    got = [(s.heading, s.kind) for s in ctx.sections]
    assert [k for _, k in got] == [k for _, k in expected]
    for (h, _), (eh, _) in zip(got, expected, strict=True):
        if eh is not None:
            assert h == eh


def test_markdown_headings_and_sentence_level_plan():
    text = "# 报告标题2023年工作报告\n\n## 工作成效\n\n全年办结案件10件。下一步，我们将继续推进。\n\n## 存在问题\n\n人手不足。\n"
    secs = sections(doc(text), 2023)
    assert [(s.heading, s.kind, s.level) for s in secs] == [
        ("", "preamble", 0),
        ("工作成效", "achievements", 1),
        ("", "plan", 2),
        ("存在问题", "problems", 1),
    ]
    assert text[secs[2].start : secs[2].end].strip() == "下一步，我们将继续推进。"


def test_sentences_carry_their_section():
    text = "标题\n一、主要成效\n办结10件；满意率100%。新增2个\n二、存在问题\n人手不足！"
    sents = sentences(doc(text))
    assert [(s.text, s.section.kind) for s in sents] == [
        ("标题", "preamble"),
        ("一、主要成效", "achievements"),
        ("办结10件；", "achievements"),
        ("满意率100%。", "achievements"),
        ("新增2个", "achievements"),
        ("二、存在问题", "problems"),
        ("人手不足！", "problems"),
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)


def test_a_table_cell_ends_a_sentence(tmp_path):
    text = "南海区2020年法治政府建设报告\n一、主要工作\n5\t人民调解\t全区调处纠纷9762宗，调解成功率97.8%\n"
    doc = Document(path=tmp_path / "t.txt", name="t.txt", text=text, sha256="0", encoding="utf-8")
    got = [text[s.start : s.end] for s in sentences(doc)]
    assert "全区调处纠纷9762宗，调解成功率97.8%" in got
    assert "人民调解" in got
