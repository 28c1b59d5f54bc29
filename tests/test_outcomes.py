"""kg/extractors/outcomes.py on small reports written for the case."""

from __future__ import annotations

from kg.context import build_context
from kg.extractors import organizations, outcomes

from .conftest import text_document

TITLE = "北京市朝阳区司法局2023年法治政府建设年度情况报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n(一)深化行政复议工作\n"


def _extract(body: str, title: str = TITLE, plan: str = "", orgs: bool = False):
    text = title + body + ("\n二、2024年工作思路\n" + plan if plan else "")
    doc = text_document(text)
    ctx = build_context(doc)
    if orgs:  # as in the pipeline: the organizations found give the surfaces of actors
        ctx.organizations = organizations.extract(ctx)
    found = outcomes.extract(ctx)
    for o in found:
        assert o.evidence == text[o.start : o.end]
    return found


def _vu(found):
    return [(o.value, o.unit, o.approx) for o in found]


def test_values_units_and_approximation():
    found = _extract("我局全年共受理法律援助案件1.6万余件,直接受众三十余万人次,节省费用约3130万元,参训人员近800人。\n")
    assert _vu(found) == [(16000, "件", True), (300000, "人次", True), (3130, "万元", True), (800, "人", True)]
    assert found[0].indicator == "我局全年共受理法律援助案件"
    assert found[0].evidence == "我局全年共受理法律援助案件1.6万余件"


def test_year_on_year_change_is_an_outcome_of_its_indicator():
    found = _extract("审核数量同比增长52%,新收申请433件,同比下降17.7%。\n")
    assert [(o.value, o.unit, o.change) for o in found] == [(52, "%", True), (433, "件", False), (17.7, "%", True)]
    assert found[2].indicator == "新收申请同比下降"


def test_exclusions():
    body = (
        "深化“1+3+5”工作模式,开通12348热线,依据榕政办〔2018〕255号文件,落实7*24小时值班。\n"
        "连续五年获评先进,首次举办培训,为期一个月,排名全市第一。\n"
        "2019年办理案件300件。对涉及5万元以上大额处罚的案件开展评查。\n"
        "贯彻“四个一”工作法,出台十条措施,归集数十个平台。\n"
    )
    assert _extract(body) == []


def test_next_year_plan_is_not_an_outcome():
    found = _extract("全年办理案件12件。\n", plan="计划培训执法人员500人次。\n")
    assert _vu(found) == [(12, "件", False)]


def test_each_and_both_give_one_outcome_per_item():
    found = _extract("办复率、满意率均为100%。全年召开区委依法治区委、区委依法治区办会议各2次。\n")
    assert [(o.indicator, o.value, o.unit) for o in found] == [
        ("办复率", 100, "%"),
        ("满意率", 100, "%"),
        ("召开区委依法治区委", 2, "次"),
        ("区委依法治区办会议", 2, "次"),
    ]


def test_numbers_without_unit_in_a_list_take_the_parent_unit():
    found = _extract("我局共收到行政复议申请55件,受理45、不予受理5、告知3。\n")
    assert [(o.indicator, o.value, o.unit) for o in found] == [
        ("我局共收到行政复议申请", 55, "件"),
        ("受理", 45, "件"),
        ("不予受理", 5, "件"),
        ("告知", 3, "件"),
    ]


def test_repeated_figure_is_listed_once():
    found = _extract("全年共审理行政复议案件523件。\n(二)专题\n全年依法高效审理案件523件。\n")
    assert _vu(found) == [(523, "件", False)]


def test_subjects_in_a_department_report():
    body = (
        "2023年区政府新收行政复议案件5258件。\n"
        "全区基层人民调解委员会共成功调解纠纷16774件,调解率高于全市平均的34.0%。\n"
        "受理法律援助案件4686件。\n"
    )
    found = _extract(body)
    assert [(o.value, o.subject) for o in found] == [
        (5258, "北京市朝阳区人民政府"),
        (16774, "北京市朝阳区"),
        (34.0, "北京市"),
        (4686, "北京市朝阳区司法局"),
    ]


def test_subjects_in_a_report_for_the_whole_jurisdiction():
    title = "吴忠市利通区2023年法治政府建设情况工作报告\n\n一、主要做法及成效\n(一)依法决策\n"
    found = _extract("全年受理行政复议案件14件。新增市场主体7032户。\n", title=title)
    assert [(o.value, o.subject) for o in found] == [
        (14, "吴忠市利通区人民政府"),
        (7032, "宁夏回族自治区吴忠市利通区"),
    ]


YUELU_DEPT = "长沙市岳麓区司法局2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n(一)依法化解矛盾纠纷\n"
ANJI_DEPT = "安吉县司法局2022年法治政府建设工作报告\n\n一、主要工作成效\n(一)法治宣传\n"
YUELU_GOV = "岳麓区人民政府关于2022年法治政府建设情况的报告\n\n一、主要举措和成效\n(一)依法决策\n"


def _vs(found):
    return [(o.value, o.unit, o.subject) for o in found]


def test_values_in_a_county_report_of_another_province():
    body = "全县共开展法治宣传活动三十余场,受理法律援助案件一百二十件,调解纠纷1.2万余件,同比下降17.7%,培训基层干部500人以上。\n"
    found = _extract(body, title=ANJI_DEPT)
    assert [(o.value, o.unit, o.approx, o.change) for o in found] == [
        (30, "场", True, False),
        (120, "件", False, False),
        (12000, "件", True, False),
        (17.7, "%", False, True),
        (500, "人", True, False),
    ]
    # 全县 opens the sentence: every figure of it is the county's
    assert {o.subject for o in found} == {"浙江省湖州市安吉县"}


def test_exclusions_in_a_report_of_another_province():
    body = (
        "依据湘政办发〔2022〕12号文件,开通12348公共法律服务热线,深入实施八五普法规划,"
        "推行“1+3+5”工作法,入选第三批全国法治政府建设示范项目。2021年办理案件300件。\n"
    )
    assert _extract(body, title=YUELU_DEPT) == []


def test_subject_named_actor_or_whole_jurisdiction_nearest_wins():
    body = (
        "区政府全年收到行政复议申请415件,同比增长18.6%。"
        "全区各级人民调解组织调解纠纷8650件,调解成功率98.7%。"
        "区人民法院与我局建立诉调对接机制,全区行政机关负责人出庭应诉率达到100%。\n"
    )
    assert _vs(_extract(body, title=YUELU_DEPT)) == [
        (415, "件", "长沙市岳麓区人民政府"),
        (18.6, "%", "长沙市岳麓区人民政府"),
        (8650, "件", "湖南省长沙市岳麓区"),
        (98.7, "%", "湖南省长沙市岳麓区"),
        (100, "%", "湖南省长沙市岳麓区"),
    ]


def test_subject_carries_to_a_continuing_sentence_only():
    body = "区公共法律服务中心全年接待群众咨询2.1万人次。共办理法律援助案件1137件。组建律师服务团,走访企业近300家。\n"
    assert _vs(_extract(body, title=YUELU_DEPT)) == [
        (21000, "人次", "长沙市岳麓区公共法律服务中心"),
        (1137, "件", "长沙市岳麓区公共法律服务中心"),
        (300, "家", "长沙市岳麓区司法局"),
    ]


def test_bodies_that_are_objects_or_qualifiers_are_not_subjects():
    body = (
        "办理区人大代表建议、政协委员提案29件。分别向市政府、区人大常委会报送备案文件4件。"
        "动态调整7个执法部门300余项行政处罚职权。协助区委全面依法治区委员会召开会议3次,分解任务46项。\n"
    )
    assert _vs(_extract(body, title=YUELU_DEPT)) == [
        (29, "件", "长沙市岳麓区司法局"),
        (4, "件", "长沙市岳麓区司法局"),
        (7, "个", "湖南省长沙市岳麓区"),  # a count of the district's own departments
        (300, "项", "湖南省长沙市岳麓区"),
        (3, "次", "中共长沙市岳麓区委全面依法治区委员会"),  # the meetings of the body assisted
        (46, "项", "长沙市岳麓区司法局"),
    ]


def test_subjects_in_a_government_report_of_another_province():
    body = "全年受理行政复议案件96件,办结90件。新增市场主体7032户。区委区政府召开专题会议研究法治建设5次。\n"
    assert _vs(_extract(body, title=YUELU_GOV)) == [
        (96, "件", "长沙市岳麓区人民政府"),
        (90, "件", "长沙市岳麓区人民政府"),
        (7032, "户", "湖南省长沙市岳麓区"),
        (5, "次", "湖南省长沙市岳麓区"),  # party committee and government together
    ]


SUZHOU_GOV = "苏州市人民政府2022年法治政府建设年度报告\n\n一、主要举措和成效\n(一)推进政府立法\n"
TAICANG_GOV = "苏州市人民政府2022年法治政府建设年度报告\n\n一、主要举措和成效\n(一)多元化解矛盾纠纷\n"


def test_body_after_a_request_verb_is_an_object():
    body = "全年提请市人大常委会审议地方性法规草案2件,制定政府规章3件。市人大常委会审议通过地方性法规4件。\n"
    assert _vs(_extract(body, title=SUZHOU_GOV, orgs=True)) == [
        (2, "件", "苏州市人民政府"),  # 提请 X: X receives the drafts; government legislation is the government's
        (3, "件", "苏州市人民政府"),
        (4, "件", "苏州市人民代表大会常务委员会"),  # the standing committee acting
    ]


def test_first_body_of_a_clause_is_its_actor_and_carries_on():
    body = "区司法局全年审查区政府重大合同协议120件,提出法律意见300余条。区政府全年作出重大行政决策8项。\n"
    assert _vs(_extract(body, title=YUELU_GOV)) == [
        (120, "件", "长沙市岳麓区司法局"),  # 区政府 follows the verb 审查: its object
        (300, "条", "长沙市岳麓区司法局"),
        (8, "项", "长沙市岳麓区人民政府"),
    ]


def test_body_inside_a_modifier_is_not_the_actor():
    body = "我局所属调解组织承接区法院委派的诉前调解案件900余件。区法院委派调解案件600件。\n"
    assert _vs(_extract(body, title=YUELU_DEPT)) == [
        (900, "件", "长沙市岳麓区司法局"),
        (600, "件", "湖南省长沙市岳麓区人民法院"),
    ]


def test_agencies_rates_belong_to_the_jurisdiction():
    body = (
        "市中级人民法院审理的一审行政案件中行政机关败诉率为5.2%,较上年下降0.8个百分点。"
        "市中级人民法院全年审结行政案件1200件。\n"
    )
    assert _vs(_extract(body, title=TAICANG_GOV)) == [
        (5.2, "%", "江苏省苏州市"),
        (0.8, "个百分点", "江苏省苏州市"),
        (1200, "件", "江苏省苏州市中级人民法院"),
    ]
    # in a department's report the figure would otherwise fall to the publisher
    dept = "苏州市司法局2022年法治政府建设年度报告\n\n一、主要举措和成效\n(一)行政应诉\n"
    body = "市中级人民法院审理的一审行政案件中行政机关败诉率为5.2%。\n"
    assert _vs(_extract(body, title=dept)) == [(5.2, "%", "江苏省苏州市")]


def test_government_and_department_heads_are_plural_actors():
    body = "区政府及部门负责人出庭应诉18次。区政府负责人出庭应诉2次。\n"
    assert _vs(_extract(body, title=YUELU_GOV)) == [
        (18, "次", "湖南省长沙市岳麓区"),
        (2, "次", "长沙市岳麓区人民政府"),
    ]


def test_cases_against_a_body_belong_to_the_publisher():
    body = "以区政府为被告的行政应诉案件40件。\n"
    assert _vs(_extract(body, title=YUELU_GOV)) == [(40, "件", "长沙市岳麓区人民政府")]
    body = "共办理以区政府为被告的行政应诉案件40件。\n"
    assert _vs(_extract(body, title=YUELU_DEPT)) == [(40, "件", "长沙市岳麓区司法局")]


def test_actor_carries_past_a_semicolon_into_an_elliptic_group_only():
    body = (
        "区政府全年共收到行政复议申请200件;受理180件,审结170件。"
        "区市场监管局开展直播2场;围绕民法典开展专题讲座,浏览量达3万人次。\n"
    )
    assert _vs(_extract(body, title=YUELU_DEPT)) == [
        (200, "件", "长沙市岳麓区人民政府"),
        (180, "件", "长沙市岳麓区人民政府"),
        (170, "件", "长沙市岳麓区人民政府"),
        (2, "场", "长沙市岳麓区市场监督管理局"),
        (30000, "人次", "长沙市岳麓区司法局"),  # a new activity after ;: the report's voice
    ]


def test_body_whose_work_the_actor_takes_on_is_the_actor():
    body = "我局承担区委依法治区办日常工作,明确20项重点任务。我局向区委依法治区办报送材料5份。\n"
    assert _vs(_extract(body, title=YUELU_DEPT)) == [
        (20, "项", "中共长沙市岳麓区委全面依法治区委员会办公室"),
        (5, "份", "长沙市岳麓区司法局"),
    ]


XIAOSHAN_DEPT = "杭州市萧山区司法局2023年法治政府建设年度报告\n\n一、主要举措和成效\n(一)依法决策\n"
ANJI_GOV = "安吉县人民政府关于2023年法治政府建设情况的报告\n\n一、主要举措和成效\n(一)行政应诉\n"
TIANHE_GOV = "广州市天河区人民政府2023年法治政府建设年度报告\n\n一、主要举措和成效\n(一)压实责任\n"


def test_cases_against_the_publisher_win_over_the_whole_county():
    body = "全县共审理以县政府为被告的行政诉讼案件30件,比上年减少4件。全县受理行政诉讼案件90件。\n"
    assert _vs(_extract(body, title=ANJI_GOV)) == [
        (30, "件", "湖州市安吉县人民政府"),
        (4, "件", "湖州市安吉县人民政府"),  # the change of the figure before it
        (90, "件", "浙江省湖州市安吉县"),
    ]


def test_a_body_after_a_reviewing_verb_is_an_object():
    body = "全年审查区政府及部门规范性文件12件。区政府全年制定规范性文件3件。\n"
    assert _vs(_extract(body, title=XIAOSHAN_DEPT, orgs=True)) == [
        (12, "件", "杭州市萧山区司法局"),
        (3, "件", "杭州市萧山区人民政府"),
    ]


def test_government_legal_advisers_work_is_the_governments_in_a_department_report():
    body = "统筹政府法律顾问队伍,全年参与涉法事务300余次。全年办理法律援助案件500件。\n"
    assert _vs(_extract(body, title=XIAOSHAN_DEPT)) == [
        (300, "次", "杭州市萧山区人民政府"),
        (500, "件", "杭州市萧山区司法局"),
    ]


def test_named_room_referred_to_by_its_kind():
    body = (
        "瓜沥镇打造“老娘舅”调解室,聘请退休干部担任调解员,该调解室全年化解纠纷90件,涉及金额约80万元。"
        "区公共法律服务中心成立于2019年。该中心全年接待咨询1200人次。\n"
    )
    assert _vs(_extract(body, title=XIAOSHAN_DEPT, orgs=True)) == [
        (90, "件", "老娘舅调解室"),
        (80, "万元", "老娘舅调解室"),
        (1200, "人次", "杭州市萧山区公共法律服务中心"),
    ]
    # without a body of that kind named before, the report's voice
    assert _vs(_extract("该调解室全年化解纠纷90件。\n", title=XIAOSHAN_DEPT, orgs=True)) == [
        (90, "件", "杭州市萧山区司法局")
    ]


def test_bar_association_acting_and_meeting_host():
    body = (
        "区律师协会组织律师参与公益法律服务,全年提供服务1.5万小时。"
        "在区委全面依法治区委员会第三次会议上,组织12名街道和部门主要负责人现场述法。"
        "组织20名街道和部门主要负责人书面述法。\n"
    )
    assert _vs(_extract(body, title=TIANHE_GOV, orgs=True)) == [
        (15000, "小时", "广州市天河区律师协会"),
        (12, "名", "中共广州市天河区委全面依法治区委员会"),
        (20, "名", "广东省广州市天河区"),  # a count of the jurisdiction's units, no host
    ]


def test_actor_of_a_sentence_without_figures_goes_on_after_a_semicolon():
    body = (
        "区司法局开展行政执法监督检查,督促整改问题;组织执法人员专题培训900余人次,新申领行政执法证件人员120名。"
        "区政府全年收到行政复议申请300件;调解和解率达25.5%。"
        "区司法局开展执法检查;全区新增市场主体800户。\n"
    )
    assert _vs(_extract(body, title=TIANHE_GOV, orgs=True)) == [
        (900, "人次", "广州市天河区司法局"),
        (120, "名", "广州市天河区司法局"),
        (300, "件", "广州市天河区人民政府"),
        (25.5, "%", "广州市天河区人民政府"),
        (800, "户", "广东省广州市天河区"),
    ]


def test_a_banner_and_a_county_level_city_speak_of_themselves_as_全旗_and_全市():
    banner = "阿拉善盟阿拉善左旗司法局2022年法治政府建设年度报告\n一、主要工作\n"
    found = _extract("全旗培养“法律明白人”1200名。", title=banner)
    assert [(o.value, o.unit, o.subject) for o in found] == [(1200, "名", "内蒙古自治区阿拉善盟阿拉善左旗")]
    city = "义乌市司法局2021年法治政府建设年度报告\n一、主要工作\n"
    found = _extract("全市调解各类纠纷3500件。", title=city)
    assert [(o.value, o.unit, o.subject) for o in found] == [(3500, "件", "浙江省金华市义乌市")]


def test_summary_table_figure_gives_way_to_the_text_that_tells_it():
    body = "主要工作数据\n受理法律援助案件 520件\n(二)法律援助\n全区受理法律援助案件520件,同比增长5%。\n"
    found = _extract(body, title=YUELU_DEPT)
    assert [(o.value, o.unit, o.subject, o.evidence) for o in found] == [
        (520, "件", "湖南省长沙市岳麓区", "全区受理法律援助案件520件"),
        (5, "%", "湖南省长沙市岳麓区", "同比增长5%"),
    ]


def test_each_rate_after_listed_figures_gives_one_outcome_per_figure():
    found = _extract("全年办理人大代表建议45件、政协委员提案60件,办复率均为100%。\n", title=YUELU_GOV)
    assert [(o.value, o.indicator) for o in found] == [
        (45, "办理人大代表建议"),
        (60, "政协委员提案"),
        (100, "办理人大代表建议办复率"),
        (100, "政协委员提案办复率"),
    ]


def test_rounds_count_unless_a_chinese_numeral_qualifies_a_noun():
    found = _extract("对全区法治建设情况开展实地督导3轮,完成两轮试点任务20项。\n", title=YUELU_DEPT)
    assert [(o.value, o.unit) for o in found] == [(3, "轮"), (20, "项")]


def test_units_a_task_is_assigned_to_are_objects_of_the_actor():
    body = "区委依法治区办制定工作要点,将50项任务分解到20个区直部门和8个街道。\n"
    office = "中共长沙市岳麓区委全面依法治区委员会办公室"
    assert _vs(_extract(body, title=YUELU_GOV, orgs=True)) == [
        (50, "项", office),
        (20, "个", office),
        (8, "个", office),
    ]


def test_body_that_issues_a_document_acts():
    body = "区政府办公室印发《岳麓区2022年法治政府建设工作要点》,细化年度任务30项。\n"
    assert _vs(_extract(body, title=YUELU_GOV, orgs=True)) == [(30, "项", "长沙市岳麓区人民政府办公室")]


def test_actor_goes_on_after_a_semicolon_over_a_government_topic():
    body = "区司法局全年审核规范性文件50件,同比增长10%；审核合作协议20份,涉及金额约3亿元。\n"
    assert {o.subject for o in _extract(body, title=YUELU_GOV, orgs=True)} == {"长沙市岳麓区司法局"}


def test_government_and_its_departments_are_the_whole_jurisdiction():
    body = "全区行政诉讼案件中,区政府及部门败诉率为3.2%。\n"
    assert _vs(_extract(body, title=YUELU_DEPT, orgs=True)) == [(3.2, "%", "湖南省长沙市岳麓区")]


def test_body_founded_acts_in_the_clauses_after_but_not_a_list_of_brands():
    body = (
        "含浦街道依托综治中心设立“老兵调解室”,坚持就地化解,全年化解纠纷80余件。"
        "创新打造“和事佬调解室”“有事好商量”等调解品牌,全年化解纠纷90件。\n"
    )
    assert _vs(_extract(body, title=YUELU_GOV, orgs=True)) == [
        (80, "件", "老兵调解室"),
        (90, "件", "湖南省长沙市岳麓区"),
    ]


def test_body_whose_role_is_invoked_carries_to_a_continuing_sentence():
    body = "发挥区行政争议调解中心作用,推动行政争议实质化解。共受理调解案件87件。\n"
    assert _vs(_extract(body, title=YUELU_DEPT, orgs=True)) == [(87, "件", "长沙市岳麓区行政争议调解中心")]
