"""kg/extractors/promotions.py on small reports written for the case."""

from __future__ import annotations

from kg.context import build_context
from kg.extractors import promotions

from .conftest import text_document

CHAOYANG = "北京市朝阳区司法局2023年法治政府建设年度情况报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n"
ANJI = "安吉县人民政府关于2023年法治政府建设情况的报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n"
CHANGCHUN = "长春市朝阳区人民政府关于2023年度法治政府建设情况的报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n"


def _extract(body: str, plan: str = "", title: str = CHAOYANG):
    text = title + body + ("\n二、下一年度工作思路\n" + plan if plan else "")
    doc = text_document(text)
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
        ("朝阳“极速”模式", "city"),
        ("“惠企5+6”法治标杆园区项目", "province"),
        ("指导建立街乡执法责任制示范文本", "district"),
        ("普法音频节目", "national"),
        ("乡镇“一窗受理”改革试点", "province"),
    ]


def test_scope_from_the_body_or_outlet_that_took_it_up():
    body = (
        "我县“余村经验”被省委办公厅转发。"
        "“共享法庭”建设经验被最高人民法院采纳。"
        "“民主法治村”创建经验被《浙江日报》头版刊发。"
        "县司法局推行的“两山调解”工作法被司法部作为典型经验在全国推广。"
        "“枫桥式”派出所创建做法推广至全省。\n"
    )
    assert _extract(body, title=ANJI) == [
        ("“余村经验”", "province"),
        ("“共享法庭”建设经验", "national"),
        ("“民主法治村”创建经验", "province"),
        ("“两山调解”工作法", "national"),
        ("“枫桥式”派出所创建做法", "province"),
    ]


def test_the_practice_is_named_before_the_agent():
    body = "区市场监督管理局推行“说理式执法”,被长春市司法局在全市推广。\n"
    assert _extract(body, title=CHANGCHUN) == [("“说理式执法”", "city")]


def test_a_generic_word_takes_the_quoted_name():
    body = (
        "创新推出“码上调解”工作机制。该做法被浙江省人民政府办公厅转发推广。"
        "创新“三步法”的工作方法,强化“法律明白人”法律知识,经验做法被“浙江普法”采用。\n"
    )
    assert _extract(body, title=ANJI) == [("“码上调解”做法", "province"), ("“三步法”经验做法", "province")]


def test_not_promotions():
    body = "推广重大执法案件“公开审理、阳光办案”做法。率先在全省推行涉企行政检查“亮码入企”试点工作。意见建议被采纳。\n"
    assert _extract(body, plan="在全市推广“极速”模式。") == []


def test_a_rollout_at_home_is_no_promotion():
    body = "全县推广使用“浙里办”平台。在全县推广“枫桥经验”。\n"
    assert _extract(body, title=ANJI) == []


def test_an_anaphor_takes_the_named_practice_and_its_owner():
    body = (
        "城关街道人民调解委员会针对群众不便见面的实际,首创“扫码调”线上调解模式,"
        "全年线上受理纠纷300余件,该模式被市委政法委在全市推广。"
        "义乌市围绕小商品市场开展涉企行政合规指导,帮助300家企业建立合规体系,相关经验在全省复制推广。"
        "我县推行“容缺受理”做法,先行受理、限期补正,该做法被市司法局在全市复制推广。"
        "全县推行“首违不罚”,这一做法被省司法厅在全省推广。\n"
    )
    assert _extract(body, title=ANJI) == [
        ("城关街道人民调解委员会“扫码调”线上调解模式", "city"),
        ("义乌市涉企行政合规指导经验", "province"),
        ("“容缺受理”做法", "city"),
        ("“首违不罚”做法", "province"),
    ]


def test_a_newspaper_named_after_a_province_or_city_gives_its_level():
    body = (
        "“余村议事”普法品牌相关做法被《浙江法制报》专版刊发。"
        "“两山调解”工作法被《湖州晚报》报道。"
        "“共享法庭”经验被《民主与法制》刊发。\n"
    )
    assert _extract(body, title=ANJI) == [
        ("“余村议事”普法品牌相关做法", "province"),
        ("“两山调解”工作法", "city"),
    ]
    assert promotions.scope_of("被《河南法制报》专版刊发") == "province"
    assert promotions.scope_of("被《成都商报》报道") == "city"


SHAPOTOU = "中卫市沙坡头区人民政府关于2022年法治政府建设情况的报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"


def test_the_actor_level_raises_the_scope_in_an_autonomous_region():
    body = "迎水桥司法所“三步调解”工作法被自治区司法厅在全区推广。\n"
    assert _extract(body, title=SHAPOTOU) == [("迎水桥司法所“三步调解”工作法", "province")]


def test_spread_to_the_streets_of_the_district_takes_the_named_practice_and_owner():
    body = (
        "麦子店街道试点打造“楼门议事”基层协商模式，依托楼门长化解纠纷，该模式已在全区12个街道推开。"
        "区司法局在全区推开行政执法公示。\n"  # a rollout at home: no promotion
    )
    assert _extract(body, title=SHAPOTOU) == [("麦子店街道“楼门议事”基层协商模式", "district")]
