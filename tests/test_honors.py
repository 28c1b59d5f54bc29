"""kg/extractors/honors.py on small reports written for the case."""

from __future__ import annotations

from kg.context import build_context
from kg.extractors import honors, organizations

from .conftest import text_document

HUADU = "广州市花都区司法局关于2024年度法治政府建设情况的报告\n\n一、2024年度推进法治政府建设的主要举措和成效\n"
XIHU = "杭州市西湖区人民政府关于2023年度法治政府建设工作情况的报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n"
WUHOU = "成都市武侯区司法局关于2022年度法治政府建设工作情况的报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"
ANJI = "安吉县人民政府关于2023年法治政府建设情况的报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n"
SUZHOU = "苏州市人民政府关于2023年度法治政府建设情况的报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n"


def _extract(body: str, plan: str = "", title: str = HUADU):
    text = title + body + ("\n二、下一年度工作思路\n" + plan if plan else "")
    doc = text_document(text)
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
        "我区法律援助案件优良率在全市法律援助案件质量同行评估中位居全市第二。"
        "行政复议调解率连年位居全市前列。"
        "秀全街朱村村被确认为2023年广东省“民主法治示范村”。\n"
    )
    assert _extract(body) == [
        ("广东省广州市花都区", "全市法律援助案件质量同行评估位居全市第二"),
        ("广州市花都区人民政府", "行政复议调解率连年位居全市前列"),
        ("广州市花都区秀全街道朱村村", "2023年广东省“民主法治示范村”"),
    ]


def test_recipient_lists_get_one_honor_each():
    body = (
        "转塘街道长埭村、西湖街道龙井村和双浦镇铜鉴湖村被评为全国民主法治示范村。"
        "区司法局、区市场监管局被评为全省法治宣传教育先进集体。"
        "人民调解员王芳、李强荣获“全国模范人民调解员”称号。\n"
    )
    assert _extract(body, title=XIHU) == [
        ("杭州市西湖区转塘街道长埭村", "全国民主法治示范村"),
        ("杭州市西湖区西湖街道龙井村", "全国民主法治示范村"),
        ("杭州市西湖区双浦镇铜鉴湖村", "全国民主法治示范村"),
        ("杭州市西湖区司法局", "全省法治宣传教育先进集体"),
        ("杭州市西湖区市场监督管理局", "全省法治宣传教育先进集体"),
        ("王芳", "全国模范人民调解员"),
        ("李强", "全国模范人民调解员"),
    ]


def test_bare_places_share_the_last_suffix_and_communities_keep_their_street():
    body = (
        "卫生创建成效明显,簇桥、华兴和金花桥街道成功创建为国家卫生街道。"
        "簇桥街道锦城社区和玉林街道黉门街社区被评为全国民主法治示范社区。\n"
    )
    assert _extract(body, title=WUHOU) == [
        ("成都市武侯区簇桥街道", "国家卫生街道"),
        ("成都市武侯区华兴街道", "国家卫生街道"),
        ("成都市武侯区金花桥街道", "国家卫生街道"),
        ("成都市武侯区簇桥街道锦城社区", "全国民主法治示范社区"),
        ("成都市武侯区玉林街道黉门街社区", "全国民主法治示范社区"),
    ]


def test_county_level_places_in_a_city_report():
    assert _extract("吴江区、昆山市获评第二批全国法治政府建设示范地区。\n", title=SUZHOU) == [
        ("江苏省苏州市吴江区", "第二批全国法治政府建设示范地区"),
        ("江苏省苏州市昆山市", "第二批全国法治政府建设示范地区"),
    ]


def test_passive_designations_and_title_lists():
    body = (
        "县司法局被司法部表彰为全国公共法律服务工作先进集体。"
        "我区被中央依法治国办命名为第二批全国法治政府建设示范地区。"
        "天荒坪镇余村被授予“全国文明村”荣誉称号。"
        "县人民法院荣获“全国法院先进集体”“全国优秀法院”等荣誉称号。"
        "张伟同志被评为全省优秀人民调解员。"
        "县公共法律服务中心被确定为全省公共法律服务示范单位。"
        "我县成功创建为国家生态文明建设示范县、全国社会治理创新试点县。\n"
    )
    assert _extract(body, title=ANJI) == [
        ("湖州市安吉县司法局", "全国公共法律服务工作先进集体"),
        ("浙江省湖州市安吉县", "第二批全国法治政府建设示范地区"),
        ("湖州市安吉县天荒坪镇余村", "全国文明村"),
        ("浙江省湖州市安吉县人民法院", "全国法院先进集体"),
        ("浙江省湖州市安吉县人民法院", "全国优秀法院"),
        ("张伟", "全省优秀人民调解员"),
        ("湖州市安吉县公共法律服务中心", "全省公共法律服务示范单位"),
        ("浙江省湖州市安吉县", "国家生态文明建设示范县"),
    ]


def test_a_bare_grade_takes_the_evaluation_name():
    body = (
        "在2023年度全省法治政府建设考评中,我区获评“优秀”。"
        "我区依法行政考核连续三年获评优秀等次。"
        "在全省法治文艺大赛中荣获一等奖。\n"
    )
    assert _extract(body, title=XIHU) == [
        ("浙江省杭州市西湖区", "2023年度全省法治政府建设考评“优秀”"),
        ("浙江省杭州市西湖区", "依法行政考核优秀等次"),
        ("浙江省杭州市西湖区", "全省法治文艺大赛一等奖"),
    ]


def test_review_section_gives_the_government():
    body = "(三)行政复议工作\n全年审结复议案件300件,在市司法局组织的案卷评查中均获评优秀案卷。\n"
    assert _extract(body, title=WUHOU) == [("成都市武侯区人民政府", "优秀案卷")]


def test_title_ends_before_a_following_spread():
    body = "“西湖法护”案例荣获全国十佳案例并在全省推广。\n"
    assert _extract(body, title=XIHU) == [("“西湖法护”案例", "全国十佳案例")]


def test_not_honors():
    body = "不断增强人民群众的法治获得感。经验做法获“南方+”刊登推广。取得良好效果,获得群众好评。\n"
    assert _extract(body, plan="力争获评全国法治政府建设示范区。") == []


def test_firsts_exams_old_rankings_and_plain_becoming_are_no_honors():
    body = (
        "2018年至2020年连续三年依法行政考核位居全市第一。"
        "全区执法人员考试合格率位居全市前列。"
        "建成全市第一家行政争议调解中心。"
        "我区成为全省第一个实现公共法律服务全覆盖的县区。"
        "区司法局成为全区法治建设的重要力量。"
        "被列为重点督办事项。项目被列为全省重点项目。获市领导批示肯定。获批全国社会信用体系建设试点。获得省级财政资金支持。\n"
    )
    assert _extract(body, title=WUHOU) == []


def test_a_quoted_practice_in_any_quote_style_is_the_recipient():
    body = "「老娘舅」工作法入选全国新时代“枫桥式工作法”。『一码解纷』项目获评全省法治政府建设示范项目。\n"
    assert _extract(body, title=ANJI) == [
        ("「老娘舅」工作法", "全国新时代“枫桥式工作法”"),
        ("『一码解纷』项目", "全省法治政府建设示范项目"),
    ]


def test_rankings_within_a_group_of_districts():
    body = (
        "我区在全市2023年度依法行政考核中位列城六区第一。"
        "我区营商环境测评位居主城九区第二。"
        "我区普法考核排名全市12个区县第一。\n"
    )
    assert _extract(body, title=XIHU) == [
        ("浙江省杭州市西湖区", "全市2023年度依法行政考核位列城六区第一"),
        ("浙江省杭州市西湖区", "营商环境测评位居主城九区第二"),
        ("浙江省杭州市西湖区", "普法考核排名全市12个区县第一"),
    ]


def test_ranking_after_the_evaluation_clause_with_the_place_as_subject():
    body = (
        "在全市依法行政考核中，安吉县位列各县（市、区）第二名。"
        "在全市法治政府建设考评中，发现问题5个。"
        "在全省平安建设考核中，安吉县位列第一。\n"
    )
    assert _extract(body, title=ANJI) == [
        ("浙江省湖州市安吉县", "全市依法行政考核位列各县（市、区）第二名"),
        ("浙江省湖州市安吉县", "全省平安建设考核位列第一"),
    ]


WULATE = "乌拉特前旗人民政府关于2022年法治政府建设情况的报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"
LUOYANG = "洛阳市人民政府关于2021年度法治政府建设情况的报告\n\n一、2021年度推进法治政府建设的主要举措和成效\n"


def test_a_gacha_under_its_sumu_is_a_village():
    body = "额尔登布拉格苏木乌兰布拉格嘎查、乌拉山镇新华村被司法部、民政部命名为第九批“全国民主法治示范村（社区）”。\n"
    title = "第九批“全国民主法治示范村（社区）”"
    assert _extract(body, title=WULATE) == [
        ("巴彦淖尔市乌拉特前旗额尔登布拉格苏木乌兰布拉格嘎查", title),
        ("巴彦淖尔市乌拉特前旗乌拉山镇新华村", title),
    ]


def test_divisions_named_by_a_higher_body_each_get_the_title():
    body = "涧西区、新安县被省委全面依法治省委员会命名为第一批“河南省法治政府建设示范县（市、区）”。\n"
    title = "第一批“河南省法治政府建设示范县（市、区）”"
    assert _extract(body, title=LUOYANG) == [("河南省洛阳市涧西区", title), ("河南省洛阳市新安县", title)]


def test_generic_nouns_after_a_cue_are_no_titles():
    body = "以法治政府建设示范创建为抓手，推进各项工作。\n（六）法治政府建设获评情况\n"
    assert _extract(body, title=LUOYANG) == []
    assert honors.is_title("全国模范人民调解员")
    assert honors.is_title("江苏省五星级司法所")
    assert not honors.is_title("情况")
    assert not honors.is_title("抓手")


PUDONG = "上海市浦东新区人民政府关于2023年法治政府建设情况的报告\n\n一、2023年推进法治政府建设的主要举措和成效\n"
GUCHENG = "襄阳市谷城县司法局2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"


def test_a_street_honored_as_a_collective_is_its_office():
    body = "区市场监管局、区政务服务办、陆家嘴街道被评为“上海市法治政府建设先进集体”。"
    title = "上海市法治政府建设先进集体"
    assert _extract(body, title=PUDONG) == [
        ("上海市浦东新区市场监督管理局", title),
        ("上海市浦东新区政务服务办公室", title),
        ("上海市浦东新区陆家嘴街道办事处", title),
    ]
    # a place designation goes to the place
    assert _extract("陆家嘴街道被命名为“国家卫生街道”。", title=PUDONG) == [
        ("上海市浦东新区陆家嘴街道", "国家卫生街道")
    ]


def test_villages_under_their_towns_each_get_the_title():
    body = "茶园镇红星村、石门乡新华村被确认为“湖北省民主法治示范村”。"
    assert _extract(body, title=GUCHENG) == [
        ("襄阳市谷城县茶园镇红星村", "湖北省民主法治示范村"),
        ("襄阳市谷城县石门乡新华村", "湖北省民主法治示范村"),
    ]


def test_a_transcribed_name_with_a_middle_dot_is_the_person():
    kashi = "喀什市人民政府关于2023年法治政府建设情况的报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n"
    got = _extract("市司法局人民调解员买买提·吐尔逊被评为“自治区优秀人民调解员”。", title=kashi)
    assert got == [("买买提·吐尔逊", "自治区优秀人民调解员")]
    got = _extract("人民调解员王芳、李强被评为“全市金牌调解员”。", title=kashi)
    assert got == [("王芳", "全市金牌调解员"), ("李强", "全市金牌调解员")]


def test_an_enforcement_officer_named_after_the_role_is_the_recipient():
    got = _extract("我局执法人员王晓彤荣获“全国市场监管系统执法办案标兵”称号。", title=ANJI)
    assert got == [("王晓彤", "全国市场监管系统执法办案标兵")]
