from __future__ import annotations

from pathlib import Path

import pytest

from kg.context import build_context
from kg.extractors import initiatives
from kg.extractors.initiatives import lexicon_mentions, pattern_mentions, quoted_mentions
from kg.ingest import load

REPORT = """宁夏回族自治区吴忠市利通区2023年法治政府建设情况报告
一、主要做法及成效
坚持和发展新时代“枫桥经验”，推动“塞上枫桥”品牌提升行动。全面落实行政执法“三项制度”。打造“一路生花”社区矫正特色教育帮扶品牌。构建“1+1+43”接待咨询新格局。实施行政执法能力提升行动、乡镇法治政府建设提升行动。探索建立法治督察与纪检监察监督协作配合机制。推动实现“四提升一下降”工作目标。深入推进述法工作。打造“法治利通”品牌。
二、存在问题
部分单位“晨会”工作法流于形式。
三、2024年工作安排
深入推进诉源治理。继续深化“三项制度”。擦亮“小满调解”品牌。
"""


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> tuple[str, list]:
    path: Path = tmp_path_factory.mktemp("init") / "litong_2023.txt"
    path.write_text(REPORT, encoding="utf-8")
    ctx = build_context(load(path))
    return ctx.doc.text, initiatives.extract(ctx)


def test_extract_names_status_and_brands(extracted):
    _, items = extracted
    got = [(i.name, i.status, i.broader, i.local) for i in items]
    assert got == [
        ("枫桥经验", "implemented", None, False),
        ("塞上枫桥", "implemented", "枫桥经验", True),
        ("行政执法三项制度", "implemented", None, False),
        ("一路生花", "implemented", None, True),
        ("社区矫正", "implemented", None, False),
        ("1+1+43接待咨询新格局", "implemented", None, True),
        ("行政执法能力提升行动", "implemented", None, True),
        ("乡镇法治政府建设提升行动", "implemented", None, True),
        ("法治督察", "implemented", None, False),
        ("法治督察与纪检监察监督协作配合机制", "implemented", "法治督察", True),
        ("述法", "implemented", None, False),
        ("诉源治理", "planned", None, False),
        ("小满调解", "planned", None, True),
    ]


def test_evidence_is_the_sentence(extracted):
    text, items = extracted
    for item in items:
        assert item.evidence == text[item.start : item.end]
    fb = items[0]
    assert fb.evidence == "坚持和发展新时代“枫桥经验”，推动“塞上枫桥”品牌提升行动。"


def test_lexicon_matches_ignore_quotes_and_laws():
    text = "加大“六稳”“六保”工作力度，宣传社区矫正法、民法典，开展社区矫正工作。"
    assert [(m.name, text[m.start : m.end]) for m in lexicon_mentions(text)] == [
        ("六稳六保", "“六稳”“六保”"),
        ("社区矫正", "社区矫正工作"),
    ]


def test_two_character_forms_need_their_quotes():
    assert [m.name for m in lexicon_mentions("积极部署“八五”工作规划")] == ["八五普法"]
    assert lexicon_mentions("第八五条") == []


def test_quoted_stop_cues():
    text = "获评“全国法治政府建设示范区”。被“学习强国”平台采用。发挥“关键少数”作用。围绕“五宜”目标。"
    assert quoted_mentions(text) == []


def test_quoted_list_shares_the_cue():
    text = "创新打造“甲乙调解工作室”“有事好商量”等多个调解品牌。"
    assert [m.name for m in quoted_mentions(text)] == ["甲乙调解工作室", "有事好商量"]


def test_quoted_names_in_document_titles_need_their_own_cue():
    text = "印发《关于落实“三张清单”的通知》和《贯彻〈推进法治政府建设“八大提升行动”〉的方案》。"
    assert [m.name for m in quoted_mentions(text)] == ["八大提升行动"]


def test_place_model_takes_the_words_before_it():
    text = "打造推进刑罚执行一体化“花都模式”。实现“花都模式”再更新。"
    assert [m.name for m in quoted_mentions(text, place="花都")] == ["刑罚执行一体化花都模式"]


def test_campaign_list_with_deng():
    text = "围绕扶企解难、审批提效、强监督严执法等专项行动，开展执行攻坚行动。"
    assert [m.name for m in pattern_mentions(text)] == ["扶企解难", "审批提效", "强监督严执法"]


def test_mechanisms_in_lists_and_routine_rules():
    text = "推行减免责清单制度、涉企综合查一次制度、执法“观察期”制度。实行复议工作季度通报制度。"
    assert [m.name for m in pattern_mentions(text)] == ["减免责清单制度", "涉企综合查一次制度", "执法观察期制度"]


def test_seed_scores_at_least_target(seed_extractions):
    from kg.evaluate import evaluate, load_gold
    from tests.conftest import SHARED_GOLD

    if not SHARED_GOLD.is_dir():
        pytest.skip("shared gold not available")
    preds = {name: ex.to_json() for name, ex in seed_extractions.items()}
    result = evaluate(load_gold(SHARED_GOLD), preds)
    assert result.micro["initiatives"].f1 >= 0.85
