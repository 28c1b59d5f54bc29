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


# A report from another province and level: national practices written in their variant
# forms, quote styles other than “”, a local brand, negatives, and status from wording.
OTHER_REPORT = """江苏省南京市江宁区2022年法治政府建设情况报告
一、主要做法及成效
全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。推行「双随机、一公开」监管。落实“谁执法谁普法”普法责任制。打造「江宁枫桥」品牌。推出"老杨调解室"，以“小切口”促“大治理”。围绕“五美”江宁建设提供法治保障。印发《关于推行“三张清单”的通知》。实现一村（社区）一法律顾问全覆盖。今年已出台首违不罚清单，明年计划推行包容审慎监管。江宁街道获评“全国民主法治示范社区”。开通12348公共法律服务热线。
二、存在问题
‘法治体检’覆盖面不够。
三、2023年工作计划
全面总结“七五”普法经验，深入实施第八个五年法治宣传教育规划。深化"说理式执法"。完善府院联动机制。
"""


def test_other_province_variants_brands_and_status(tmp_path):
    path = tmp_path / "jiangning_2022.txt"
    path.write_text(OTHER_REPORT, encoding="utf-8")
    items = initiatives.extract(build_context(load(path)))
    assert [(i.name, i.status, i.broader, i.local) for i in items] == [
        ("行政执法三项制度", "implemented", None, False),
        ("双随机一公开", "implemented", None, False),
        ("谁执法谁普法", "implemented", None, False),
        ("江宁枫桥", "implemented", "枫桥经验", True),
        ("老杨调解室", "implemented", None, True),
        ("村居法律顾问", "implemented", None, False),
        ("首违不罚", "implemented", None, False),
        ("包容审慎监管", "planned", None, False),
        ("民主法治示范村", "implemented", None, False),
        ("12348法律服务热线", "implemented", None, False),
        ("七五普法", "implemented", None, False),
        ("八五普法", "planned", None, False),
        ("说理式执法", "planned", None, False),
        ("府院联动", "planned", None, False),
    ]
    planned = next(i for i in items if i.name == "包容审慎监管")
    assert planned.evidence == "今年已出台首违不罚清单，明年计划推行包容审慎监管。"


def test_normalize_quotes_keeps_length_and_nesting():
    text = '「甲」『乙』"丙"‘丁’“戊‘己’”'
    out = initiatives.normalize_quotes(text)
    assert out == "“甲”“乙”“丙”“丁”“戊‘己’”"
    assert len(out) == len(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("落实行政执法公示、执法全过程记录和重大执法决定法制审核。", "行政执法三项制度"),
        ("深化行政执法“三项制度”。", "行政执法三项制度"),
        ("开展“双随机、一公开”抽查。", "双随机一公开"),
        ("深入实施“八五”普法规划。", "八五普法"),
        ("推行轻微违法行为免罚。", "首违不罚"),
        ("全面推行证明事项告知承诺制。", "告知承诺制"),
        ("建立府院联席会议制度。", "府院联动"),
        ("推行政府公职律师和法律顾问制度。", "政府法律顾问"),
        ("实现村（居）法律顾问全覆盖。", "村居法律顾问"),
        ("推进省市县乡四级全覆盖的行政执法协调监督工作体系建设。", "行政执法协调监督工作体系"),
    ],
)
def test_lexicon_variants(text, name):
    assert [m.name for m in lexicon_mentions(text)] == [name]


def test_a_form_inside_a_longer_form_of_another_concept_is_dropped():
    text = "落实“谁执法谁普法”普法责任制，健全普法责任制清单。"
    assert [m.name for m in lexicon_mentions(text)] == ["谁执法谁普法", "普法责任制"]


def test_quoted_negatives_rhetoric_goals_titles_honors():
    text = (
        "以“小切口”促“大治理”。围绕“六美”余杭建设。获评“全国法治县创建先进单位”。"
        "印发《关于推行“三张清单”的通知》。开设“以案说法”专栏。"
    )
    assert quoted_mentions(text, place="余杭") == []


def test_quoted_place_model_with_formula_is_kept():
    text = "形成了“一统筹三协同”的“1+3”余杭模式。"
    assert [m.name for m in quoted_mentions(text, place="余杭")] == ["1+3余杭模式"]


def test_quoted_theme_of_an_inspection_takes_the_noun():
    text = "持续推进“护航民营经济 优化营商环境”专项督察，组织“清风护企”行动。"
    assert [m.name for m in quoted_mentions(text)] == ["护航民营经济优化营商环境专项督察", "清风护企行动"]


def test_branded_suffixes_and_broader():
    text = "打造“和美调解室”“石榴籽”宣讲团，擦亮“浦江枫桥”品牌。"
    got = [(m.name, m.broader) for m in quoted_mentions(text)]
    assert got == [("和美调解室", None), ("石榴籽", None), ("浦江枫桥", "枫桥经验")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("探索形成“板凳议事”调解工作法，把调解桌搬到村口。", ["板凳议事调解工作法"]),
        ("首创“扫码调”线上调解新模式。", ["扫码调线上调解模式"]),
        ("推进“一码管地”集成改革。", ["一码管地集成改革"]),
        ("推出新设企业“一证通办”模式。", ["一证通办"]),  # the type word right after the quote
        ("深化“一业一证”改革。", ["一业一证"]),
        ("打造「老娘舅」调解品牌。", ["老娘舅"]),  # 品牌 is never kept
        ("建立“街巷吹哨”工作模式。", ["街巷吹哨"]),  # 工作 is no qualifier
        ("探索建立“法治物业”鼓楼模式。", ["法治物业"]),  # the place is no qualifier
        ("形成“五方协同”的社区治理模式。", ["五方协同"]),
    ],
)
def test_quoted_brand_keeps_a_qualified_type_word(text, names):
    text = initiatives.normalize_quotes(text)
    assert [m.name for m in quoted_mentions(text, place="鼓楼")] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("深化“最多跑一次”改革，提升服务效能。", ["最多跑一次改革"]),
        ("200项高频事项实现“最多跑一次”。", []),  # a target, not the reform
        ("推进“大综合一体化”改革。", ["大综合一体化行政执法改革"]),
        ("围绕汽配产业开展涉企行政合规指导。", ["涉企行政合规指导"]),
        ("对15个部门开展法治建设专项督察。", ["法治督察"]),
    ],
)
def test_reform_and_guidance_names(text, names):
    assert [m.name for m in lexicon_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("整合人民调解、行政调解和律师调解资源，形成合力。", []),
        ("统筹律师调解、公证等力量参与化解。", []),
        ("推行律师调解，设立律师调解工作室。", ["律师调解"]),  # the room is an organization
        ("我县在全省2022年度依法行政考核中名列第三。", []),
        ("在全市法治政府建设考核评估中获评优秀。", []),
        ("组织开展全县依法行政考核，考核结果纳入绩效。", ["依法行政考核"]),
        ("在市级案卷评查中，所有指标均为满分。", ["行政执法案卷评查"]),
    ],
)
def test_resources_and_higher_level_assessments_are_no_practice(text, names):
    assert [m.name for m in lexicon_mentions(text)] == names


MERGE_REPORT = """湖南省长沙市岳麓区2023年法治政府建设情况报告
一、主要做法及成效
深化“惠农3+2”法治服务园区培育工作，创新升级法治惠农“3+2”模式。探索形成“橘洲议事”调解工作法，打造“橘洲议事”品牌。我区在全市依法行政考核中位列城六区第一。
"""


def test_a_lead_and_bare_type_word_around_another_brand_is_that_brand(tmp_path):
    path = tmp_path / "yuelu_2023.txt"
    path.write_text(MERGE_REPORT, encoding="utf-8")
    items = initiatives.extract(build_context(load(path)))
    assert [(i.name, i.local) for i in items] == [
        ("惠农3+2", True),
        ("橘洲议事调解工作法", True),  # a qualified type word keeps its own name
        ("橘洲议事", True),
    ]


def test_evidence_prefers_running_text_over_a_document_title(tmp_path):
    text = (
        "一、2021年主要工作\n印发《落实行政执法三项制度工作指引》。全区严格落实行政执法三项制度,执法行为进一步规范。\n"
    )
    path = tmp_path / "anxian_2021.txt"
    path.write_text("四川省绵阳市安州区2021年法治政府建设工作报告\n" + text, encoding="utf-8")
    items = initiatives.extract(build_context(load(path)))
    assert [(i.name, i.status, i.evidence) for i in items if i.name == "行政执法三项制度"] == [
        ("行政执法三项制度", "implemented", "全区严格落实行政执法三项制度,执法行为进一步规范。")
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("甘州区司法所推行“三心调解”工作法，化解纠纷。", ["三心调解工作法"]),  # a method keeps 工作法
        ("在各村推广“老班长”调解室。", ["老班长调解室"]),  # a room keeps its noun
        ("打造“老兵”调解工作室。", ["老兵调解工作室"]),
        ("创建“五步回访”工作方法。", ["五步回访工作方法"]),
        ("推行“邻里议事”模式。", ["邻里议事"]),  # 模式 right after the quote is dropped
        ("深化“邻里守望”机制。", ["邻里守望"]),
    ],
)
def test_a_method_or_room_noun_after_the_quote_is_kept(text, names):
    assert [m.name for m in quoted_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("实行“受理、调查、调解、回访”，全年化解纠纷50件。", []),  # steps, not a named practice
        ("实现“让信息多跑路、让企业少跑腿”。", []),  # a slogan
        ("努力做到“让群众少跑腿”。", []),
        ("推进“一门、一窗、一网”政务服务流程再造。", ["一门、一窗、一网"]),  # a list naming a process
    ],
)
def test_quoted_enumerations_and_slogans_are_no_practice(text, names):
    assert [m.name for m in quoted_mentions(text)] == names


def test_a_count_with_a_model_phrase_after_a_verb_is_a_name():
    assert [m.name for m in quoted_mentions("打造“1+N”公共法律服务模式。")] == ["1+N公共法律服务模式"]
    assert quoted_mentions("研究制定疫情期间的“1+N”方案体系。") == []  # no verb cue: a plan document
    assert quoted_mentions("落实“1+X”要求。") == []


def test_two_quoted_halves_joined_by_plus_are_one_name():
    got = [m.name for m in quoted_mentions("创新总结内“调”+外“联”工作法，化解信访积案。")]
    assert got == ["内调+外联工作法"]


def test_assessment_ranked_after_a_comma_is_no_practice():
    assert lexicon_mentions("在全省依法行政考核中，武功县位列各县（区）第三名。") == []
    assert [m.name for m in lexicon_mentions("在全县依法行政考核中，发现问题12个。")] == ["依法行政考核"]


FOLD_REPORT = """浙江省衢州市柯城区2022年法治政府建设情况报告
一、主要做法及成效
柯城区整合调解资源，打造“和为贵”调解品牌。“和为贵”工作法入选全省新时代“枫桥式工作法”。各村推行“老支书”调解室，“老支书”调解室全年化解纠纷80件。
"""


def test_a_method_named_after_a_brand_of_the_report_is_the_brand(tmp_path):
    path = tmp_path / "kecheng_2022.txt"
    path.write_text(FOLD_REPORT, encoding="utf-8")
    items = initiatives.extract(build_context(load(path)))
    assert [(i.name, i.local) for i in items] == [("和为贵", True), ("老支书调解室", True)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("打造“滨江枫桥”社会治理模式，就地化解纠纷。", ["滨江枫桥"]),  # a field of work is no method
        ("试点推行“院落议事”基层治理模式。", ["院落议事"]),
        ("创新“红灯预警”执法监督机制，全年发出建议书9份。", ["红灯预警执法监督机制"]),
        ("首创“扫码调”线上调解模式。", ["扫码调线上调解模式"]),  # a method keeps its qualifier
    ],
)
def test_a_field_of_work_before_the_type_word_is_dropped(text, names):
    assert [m.name for m in quoted_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("城关镇依托综治中心设立“李姐调解室”，化解纠纷120件。", ["李姐调解室"]),
        ("成立“老兵调解工作室”。", ["老兵调解工作室"]),
        ("“和美工作法”入选全国新时代“枫桥式工作法”。", ["和美工作法"]),  # the second is the title
        ("城南街道工作法入选全省新时代“枫桥式工作法”。", []),
    ],
)
def test_a_quoted_name_ending_in_a_room_or_method_word_needs_no_cue(text, names):
    assert [m.name for m in quoted_mentions(text)] == names


@pytest.mark.parametrize(
    "text",
    [
        "为余杭打造“品质之城”“创新高地”营造了良好法治环境。",
        "奋力建设“宜居之城”。",
        "助力打造“丝绸之都”。",
    ],
)
def test_slogans_of_a_place_are_no_practice(text):
    assert quoted_mentions(text, place="余杭") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("县司法局组织行政执法案卷集中评查，抽查案卷120卷。", ["行政执法案卷评查"]),
        ("开展行政执法案卷专项评查。", ["行政执法案卷评查"]),
        ("在9个行业实现“一证准营”。", ["一业一证"]),  # the goal of the 一业一证 reform
        ("联合建立律师调解工作室3个。", []),  # a room: an organization, not the practice
    ],
)
def test_lexicon_forms_with_inserted_words_goals_and_rooms(text, names):
    assert [m.name for m in lexicon_mentions(text)] == names
